// Rules of origin: the rule an agreement sets for a code, and a bill of materials checked against it (does the good
// qualify for the preference, under which alternative, with what regional value content, and what would make it qualify).
// The same engine as `lodestone origin check` and POST /api/origin/check; the format is docs/origin-format.md.
import { html, mount, $ } from '../kit/dom.js';
import { api } from '../kit/api.js';
import { fix } from '../kit/format.js';
import { show, formError, checkForm, clearErrors, announce, newest, aside } from '../kit/ui.js';
import { fileText } from '../kit/files.js';
import { keepInput } from '../kit/kept.js';

export default { id: 'origin', title: 'Origin', render };

// A bill that does not qualify under either alternative, so that the first check shows the reasons and the remedies.
const EXAMPLE = `{"agreement": "cafta-dr",
 "product": {"hts": "8110.90.00", "description": "antimony articles", "adjusted_value": 100.00},
 "materials": [
   {"description": "unwrought antimony", "hts": "8110.10.00", "value": 60.00, "originating": false, "country": "CN"},
   {"description": "antimony ore", "hts": "2617.10.00", "value": 28.00, "originating": true, "country": "GT"}]}`;

async function render(view, [code]) {
  mount(view.main, html`
    <h1>Rules of origin</h1>
    <p class="lead">Whether a good qualifies for a preference under an agreement's rules of origin (CAFTA-DR, HTSUS General Note 29):
      the rule for its code, and a bill of materials checked against it — which alternative decides, the regional value content,
      and what would make the good qualify. The bill's format: docs/origin-format.md.</p>
    <h2>The rule for a code</h2>
    <form id="rule-form" class="card row" novalidate>
      <label>Code <input name="code" required placeholder="e.g. 8110.90" data-testid="rule-code"></label>
      <label>Agreement <input name="agreement" value="cafta-dr" required></label>
      <button>Show the rule</button>
    </form>
    <div id="rule-view"></div>
    <h2>Check a bill of materials</h2>
    <form id="bom-form" class="card" novalidate>
      <label>Bill of materials (JSON)
        <textarea name="bom" rows="9" required spellcheck="false" class="mono" data-testid="bom-text">${EXAMPLE}</textarea></label>
      <div class="row gap-top">
        <label>Or a file <input type="file" name="file" accept=".json,application/json"></label>
        <label>Agreement <input name="agreement" placeholder="as the bill says, or cafta-dr"></label>
        <button data-testid="bom-check">Check</button>
      </div>
    </form>
    <div id="bom-view"></div>`);
  const rf = $('#rule-form');
  rf.addEventListener('submit', ev => { ev.preventDefault(); showRule(view, rf); });
  const bf = $('#bom-form');
  // the code, the bill of materials (typed, pasted or read from a file) and the agreements survive a visit to another page
  keepInput('origin.rule', [rf.code, rf.agreement]);
  const keepBom = keepInput('origin.bom', [bf.bom, bf.agreement]);
  bf.file.addEventListener('change', async () => {
    const f = bf.file.files[0];
    if (!f) return;
    const side = aside($('#bom-view'), view); // a check on its way answers after: the file's error stays
    try {
      bf.bom.value = await fileText(f);
      keepBom();
      clearErrors(bf);
    } catch (e) {
      if (side.alive) { side.claim(); show($('#bom-view'), formError(bf, { field: 'file', message: `${f.name}: ${e.message}` })); }
    }
  });
  bf.addEventListener('submit', ev => { ev.preventDefault(); check(view, bf); });
  if (code) { rf.code.value = code; rf.requestSubmit(); }
}

async function showRule(view, form) {
  const el = $('#rule-view');
  const run = newest(el, view);
  const bad = checkForm(form);
  if (bad) { show(el, bad); return; }
  try {
    const q = new URLSearchParams({ agreement: form.agreement.value.trim() });
    const r = await api(`/api/origin/rules/${encodeURIComponent(form.code.value.trim())}?` + q);
    if (!run.alive) return;
    show(el, html`<div class="card" data-testid="rule-view"><div><b>${r.title}</b> <span class="hint">${r.legal_base}</span></div>
      <ul data-testid="rule-lines">${r.rule.map(l => html`<li>${l}</li>`)}</ul></div>`);
  } catch (e) { if (run.alive) show(el, formError(form, e)); }
}

async function check(view, form) {
  const el = $('#bom-view');
  const run = newest(el, view);
  const bad = checkForm(form);
  if (bad) { show(el, bad); return; }
  // the text goes as written, so that the server's problems name the lines of the text shown here
  const agreement = form.agreement.value.trim();
  try {
    const v = await api('/api/origin/check' + (agreement ? '?agreement=' + encodeURIComponent(agreement) : ''),
      { method: 'POST', body: form.bom.value, raw: true, headers: { 'Content-Type': 'application/json' } });
    if (!run.alive) return;
    announce(`${v.hts} under ${v.agreement}: ${v.decision.replaceAll('-', ' ')}`);
    show(el, html`<div class="card" data-testid="origin-verdict">
      <div><span class="mono">${v.hts}</span> under ${v.agreement}:
        <b class="${v.qualifies ? 'ok' : 'warn'}" data-testid="origin-qualifies">${heading(v)}</b></div>
      ${v.rule ? html`<div class="hint">rule ${v.rule}${v.citation ? ' — ' + v.citation : ''}</div>` : ''}
      <div>Regional value content: build-up ${rvc(v.rvc_build_up)}, build-down ${rvc(v.rvc_build_down)}</div>
      ${v.hs_gap ? html`<p class="warn" data-testid="origin-hs-gap">HS 2017/2022 gap: the rules are numbered for HS 2017 and this code is an HS 2022 provision — see the first reason.</p>` : ''}
      <h3>Why</h3><ul data-testid="origin-reasons">${v.reasons.map(r => html`<li>${r}</li>`)}</ul>
      ${v.suggestions.length ? html`<h3>What would make it qualify</h3>
        <ul data-testid="origin-suggestions">${v.suggestions.map(s => html`<li>${s}</li>`)}</ul>` : ''}
    </div>`);
  } catch (e) {
    if (!run.alive) return;
    // a bill's problems are one per line ("bill of materials:4: materials[0].value: …"): shown as the lines they are, the
    // text marked; an error that names no field is the text's too (not JSON: "Bill of materials (JSON): not valid JSON …")
    // (error.problems lists them, each at its line and field, as a project or ledger file's)
    const lines = e.problems && e.problems.length ? e.problems.map(p => String(p.message))
      : String(e.message || '').split(/;\s(?=bill of materials:)|\n/);
    if (lines.length > 1 || (e.problems && e.problems.length)) {
      formError(form, { field: 'bom', message: `${lines.length} ${lines.length === 1 ? 'problem' : 'problems'}, at the lines below` });
      show(el, html`<div class="error" role="alert" data-testid="error">${lines.map((l, i) => html`${i ? html`<br>` : ''}${l}`)}</div>`);
    } else {
      show(el, formError(form, e.field ? e : { field: 'bom', message: e.message.replace(/^the request body is /, '') }));
    }
  }
}

function rvc(v) { return v === null || v === undefined ? '—' : fix(v, 2) + ' %'; }

// The answer as the CLI heads it (OriginVerdict.heading): not decided when no rule applies — the file does not cover the
// good's chapter, or no rule names its HS 2022 code
function heading(v) {
  if (v.decision === 'qualifies') return 'QUALIFIES';
  if (v.decision === 'does-not-qualify') return 'DOES NOT QUALIFY';
  return v.hs_gap ? 'NOT DECIDED (no rule names this HS 2022 code)' : 'NOT DECIDED (no rule of the file covers it)';
}
