// History: assessments, bulk jobs, scenario runs (with their parameters) and what-if comparisons, newest first,
// with filters by kind, person and text; above them, the ledger's hash chain verified (administrators; as lodestone ledger verify).
import { html, mount, $, $$ } from '../kit/dom.js';
import { api, apiPage } from '../kit/api.js';
import { when, num } from '../kit/format.js';
import { announce, show, tag, errorBox } from '../kit/ui.js';
import { whatIfDetail } from '../kit/compare.js';
import { downloadButtons, fileName, storedRecord } from '../kit/download.js';
import { keepInput } from '../kit/kept.js';

export default { id: 'history', title: 'History', render };

const KINDS = { assessment: 'Assessment', 'bulk-job': 'Bulk job', 'scenario-run': 'Scenario run', comparison: 'What-if' };

async function render(view, [sub, id]) {
  if (sub === 'whatif' && id) return renderWhatIf(view, id);
  const PAGE = 500;
  const first = await apiPage('/api/runs?limit=' + PAGE);
  if (!view.alive) return;
  const runs = first.items;
  let next = first.next; // older records than those loaded: the count says so and a button loads them
  const actors = [...new Set(runs.map(x => x.actor))].sort();
  const admin = view.session.me && view.session.me.role === 'admin';
  mount(view.main, html`<h1>History</h1><p class="lead">Assessments (the ledger), bulk jobs, scenario runs and what-if comparisons, newest first.</p>
    <section class="card" data-testid="ledger-verify" aria-labelledby="verify-h"><h2 id="verify-h">The ledger's integrity</h2>
      <p class="hint">Every assessment is a record of a hash chain: verifying recomputes each record's hash from its content and its link to
        the record before it, and names each record changed, deleted or inserted (as <span class="mono">lodestone ledger verify</span>).</p>
      ${admin ? html`<button type="button" data-testid="verify-run">Verify the ledger</button><div id="verify-out" aria-live="polite"></div>`
        : html`<p data-testid="verify-refused">Only administrators may verify the ledger (GET /api/ledger/verify); ask one to run it.</p>`}
    </section>
    <form id="hist-filter" class="card row">
      <label>Kind <select name="kind" data-testid="filter-kind"><option value="">all</option>${Object.entries(KINDS).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></label>
      <label>Who <select name="actor" data-testid="filter-actor"><option value="">anyone</option>${actors.map(a => html`<option value="${a}">${a}</option>`)}</select></label>
      <label class="grow">Contains <input name="text" placeholder="code, origin, scenario, file…" data-testid="filter-text"></label>
      <label>From <input type="date" name="from" data-testid="filter-from" aria-describedby="hist-utc"></label>
      <label>To <input type="date" name="to" data-testid="filter-to" aria-describedby="hist-utc"></label>
      <span class="hint" id="hist-utc">dates in UTC, both included</span>
      <span class="hint" id="hist-count" aria-live="polite"></span>
    </form>
    <div id="hist-list"></div>
    <p id="hist-more"></p>`);
  if (admin) $('[data-testid=verify-run]').addEventListener('click', ev => verify(view, ev.target));
  const f = $('#hist-filter');
  const draw = () => {
    const kind = f.kind.value, actor = f.actor.value, text = f.text.value.trim().toLowerCase(), from = f.from.value, to = f.to.value;
    const day = x => String(x.created_at || x.at).slice(0, 10); // the record's UTC date (ISO instants sort as text)
    const rows = runs.filter(x => (!kind || x.kind === kind) && (!actor || x.actor === actor)
      && (!from || day(x) >= from) && (!to || day(x) <= to)
      && (!text || (x.summary + ' ' + JSON.stringify(x.parameters || {})).toLowerCase().includes(text)));
    $('#hist-count').textContent = `${rows.length} of ${runs.length}${next ? ' loaded (older ones not yet: see below the list)' : ''}`;
    show($('#hist-more'), next ? html`<button type="button" data-testid="history-more">Load the next ${PAGE} older records</button>` : null);
    show($('#hist-list'), runs.length ? (rows.length ? html`<div class="card table-wrap"><table class="stacked" data-testid="history"><thead><tr><th scope="col">When</th><th scope="col">Kind</th><th scope="col">What</th><th scope="col">Who</th></tr></thead><tbody>
      ${rows.map(x => html`<tr><td class="hint nowrap when" data-testid="history-when">${whenCell(x.at)}</td><td data-label="Kind">${tag(KINDS[x.kind] || x.kind)}</td><td data-label="What"><a href="${x.link}">${x.summary}</a>
        ${x.parameters && Object.keys(x.parameters).length ? html`<div class="hint" data-testid="run-parameters">parameters: ${paramText(x.parameters)}</div>` : ''}</td>
        <td class="hint" data-label="Who">${x.actor}</td></tr>`)}
      </tbody></table></div>` : html`<div class="empty" data-testid="history-none">${next
        ? 'Nothing among the records loaded matches these filters; older records are not loaded yet (below the list).'
        : 'Nothing matches these filters.'}</div>`)
      : html`<div class="empty">Nothing yet: assess a shipment, upload a bulk file or run a scenario.</div>`);
  };
  $('#hist-more').addEventListener('click', async ev => {
    if (!ev.target.closest('[data-testid=history-more]') || !next) return;
    ev.target.disabled = true;
    const page = await apiPage('/api/runs?limit=' + PAGE, next);
    if (!view.alive) return;
    runs.push(...page.items);
    next = page.next;
    const chosen = f.actor.value; // the people of the older records join the filter
    show(f.actor, html`<option value="">anyone</option>${[...new Set(runs.map(x => x.actor))].sort().map(a => html`<option value="${a}">${a}</option>`)}`);
    f.actor.value = chosen;
    const shownBefore = $$('#hist-list tbody tr').length;
    draw();
    // the button pressed is gone (drawn again, or no more to load): the focus on the first record loaded, where reading goes
    // on (or, filtered out, on the button again, else the count), not lost to the document
    const row = $$('#hist-list tbody tr')[shownBefore]; // the records keep their order: the older ones loaded come after those shown
    const firstNew = row ? row.querySelector('a') : null;
    const count = $('#hist-count');
    if (!count.hasAttribute('tabindex')) count.setAttribute('tabindex', '-1');
    (firstNew || $('[data-testid=history-more]') || count).focus();
    announce(`${page.items.length} older records loaded`);
  });
  f.addEventListener('input', draw);
  f.addEventListener('submit', ev => ev.preventDefault());
  // the filters survive a visit to another page (a person kept who has no record among those loaded: anyone)
  keepInput('history', [f.kind, f.actor, f.text, f.from, f.to]);
  draw();
}

/** GET /api/ledger/verify: the records checked, the chain's head and each problem found, or the refusal as the server words it. */
async function verify(view, button) {
  const out = $('#verify-out');
  button.disabled = true;
  show(out, html`<p class="hint">Recomputing the hash chain…</p>`);
  try {
    const v = await api('/api/ledger/verify');
    if (!view.alive) return;
    const head = html`<p data-testid="verify-head">${num(v.records, 0)} records checked; chain head at position ${num(v.head_seq, 0)},
      hash <code>${v.head_hash}</code></p>`;
    show(out, v.intact
      ? html`${head}<p class="ok" data-testid="verify-verdict">Intact: every record's content matches its hash, every link holds, no position is missing.</p>`
      : html`${head}<div class="error" role="alert" data-testid="verify-verdict">NOT intact: ${v.problems.length} ${v.problems.length === 1 ? 'problem' : 'problems'}
          <ul data-testid="verify-problems">${v.problems.map(p => html`<li>${p}</li>`)}</ul></div>`);
    announce(v.intact ? `The ledger is intact: ${v.records} records` : `The ledger is NOT intact: ${v.problems.length} problems`);
  } catch (e) {
    if (view.alive) show(out, errorBox(e));
  } finally {
    button.disabled = false;
    // disabling the button dropped the focus to the document: given back (unless the person went elsewhere meanwhile)
    if (view.alive && (!document.activeElement || document.activeElement === document.body)) button.focus();
  }
}

/** "2026-12-05 04:11:59 UTC" that may wrap after its date (at 390 px), never inside it ("2026-12-" / "05"). */
function whenCell(iso) {
  const [date, ...time] = when(iso).split(' ');
  return html`<span class="nowrap">${date}</span> ${time.join(' ')}`;
}

function paramText(p) {
  return Object.entries(p).filter(([, v]) => !(v && typeof v === 'object' && !(v instanceof Number) && !Object.keys(v).length)) // "overrides {}": nothing changed
    .map(([k, v]) => k + ' ' + (v && typeof v === 'object' && !(v instanceof Number) ? (Array.isArray(v) ? v.join(' ') : Object.entries(v).map(([a, b]) => a + ' ' + b).join(', ')) : v)).join('; ');
}

/** #history/whatif/ID: one recorded what-if, with what was asked and answered. */
async function renderWhatIf(view, id) {
  const w = await api('/api/whatifs/' + encodeURIComponent(id));
  if (!view.alive) return;
  mount(view.main, html`<h1>What-if</h1><p class="lead"><a href="#history">← History</a></p>${whatIfDetail(w)}`);
  view.main.querySelector('[data-testid="whatif"]').append(downloadButtons('what-if', { stored: storedRecord('whatif', w.id),
    jsonName: fileName('whatif', w.id, 'json'), testid: 'whatif-download' }));
}
