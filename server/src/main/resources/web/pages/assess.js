// Assess: one shipment → each measure with its amount, calculation and legal base; the ledger entry's link reopens it.
// With lines added, a customs entry of several lines: each line's result and the entry's totals (one ledger record).
import { html, mount, $ } from '../kit/dom.js';
import { api } from '../kit/api.js';
import { num, usd, usdChange, today, when } from '../kit/format.js';
import { show, tag, errorBox, formError, formProblems, checkForm, clearErrors, announce, newest } from '../kit/ui.js';
import { shipmentComparison } from '../kit/compare.js';
import { fileText } from '../kit/files.js';
import { downloadButtons, fileName, storedRecord } from '../kit/download.js';
import { keepInput, forgetInput } from '../kit/kept.js';

export default { id: 'assess', title: 'Assess', render };

async function render(view, [id]) {
  mount(view.main, html`
    <h1>Assess a shipment</h1>
    <p class="lead">What a shipment owes at the US border on a date, measure by measure, with the legal base and the full trail.
      Every assessment is kept in the ledger and has a link you can share.</p>
    <form id="assess-form" class="card" novalidate>
      <p class="line-label" id="line-1-label" data-testid="line-1-label" hidden><b>Line 1</b>
        <span class="hint">— the entry date, currency, loaded date, importer and export country are the entry's, shared by every
        line; the bill of materials, and production regions and end use under "More fields", are this line's (each added line has its own)</span></p>
      <div class="grid">
        <label>HTS code <input name="hts" list="hts-list" placeholder="e.g. 2846.90.80 or type words" required data-testid="hts"></label>
        <label>Country of origin <input name="origin" placeholder="ISO alpha-2, e.g. CN" maxlength="2" required data-testid="origin"></label>
        <label>Entry date <input name="entry_date" type="date" required></label>
        <label>Customs value (USD) <input name="customs_value" type="text" inputmode="decimal" data-number="decimal" min="0" autocomplete="off" required data-testid="value"></label>
        <label>Quantity <input name="quantity" type="text" inputmode="decimal" data-number="decimal" min="0" autocomplete="off" required></label>
        <label>Unit of quantity <input name="unit" placeholder="kg, t, No., …" required></label>
        <label>Content quantity <input name="content_quantity" type="text" inputmode="decimal" data-number="decimal" min="0" autocomplete="off" placeholder="e.g. metal content"></label>
        <label>Content unit <input name="content_unit" placeholder="kg, kg Cu, …"></label>
        <label>Documents presented <input name="documents" list="document-list" placeholder="codes, comma-separated" autocomplete="off"></label>
        <label>Preference claimed <input name="preference" placeholder="program, e.g. P+ (CAFTA-DR)"></label>
        <label>Producer <input name="producer" placeholder="optional, checked against lists"></label>
        <label>US content value (USD) <input name="us_content_value" type="text" inputmode="decimal" data-number="decimal" min="0" autocomplete="off" placeholder="optional"></label>
        <label>Metal content value (USD) <input name="metal_content_value" type="text" inputmode="decimal" data-number="decimal" min="0" autocomplete="off" placeholder="for duties on metal content"></label>
        ${bomField('bom')}
      </div>
      <datalist id="hts-list"></datalist>
      <p class="hint" id="hts-hint">Start typing a code or words ("rare-earth oxides", "NdFeB magnet") to search the schedule.
        HTS code, origin, date, customs value, quantity and its unit are required.</p>
      <div id="entry-lines"></div>
      <div class="row"><button type="button" class="secondary" data-testid="add-line">Add a line</button>
        <span class="hint" id="entry-hint">A customs entry of several lines: each line assessed, with the entry's totals.</span></div>
      <details id="more-fields" class="gap-top" data-testid="more-fields"><summary>More fields: currency, loaded date, importer, export country, production regions, end use</summary>
        <div class="grid gap-top">
          <label>Currency <input name="currency" placeholder="USD" maxlength="3" autocomplete="off" data-testid="currency"><span class="hint">ISO 4217, e.g. EUR: the values are in it, converted to USD at the regime's rate for the date of exportation (19 CFR 159.32): the day the goods were loaded, else the day they are entered</span></label>
          <label>Loaded date <input name="loaded_date" type="date" data-testid="loaded-date"><span class="hint">when the goods were loaded for export (the date of exportation): goods in transit before a measure began may be exempt, and values not in US dollars are converted at its rate</span></label>
          <label>Importer <input name="importer" placeholder="importer of record" autocomplete="off" data-testid="importer"><span class="hint">checked against the entity lists</span></label>
          <label>Export country <input name="export_country" placeholder="ISO alpha-2, e.g. HK" maxlength="2" autocomplete="off" data-testid="export-country"><span class="hint">where the goods were shipped from, when not the origin</span></label>
          <label>Production regions <input name="production_regions" list="region-list" placeholder="ISO 3166-2, e.g. CN-XJ; comma-separated" autocomplete="off" data-testid="production-regions"><span class="hint">every region where the goods or any of their inputs were mined, produced or manufactured, wholly or in part: forced-labour presumptions by region</span></label>
          <label>End use <input name="end_use" list="end-use-list" placeholder="e.g. civil-aircraft" autocomplete="off" data-testid="end-use"><span class="hint">what the goods are for, when an exemption depends on it (civil aircraft, pharmaceutical use)</span></label>
        </div>
        <datalist id="region-list"></datalist>
        <datalist id="end-use-list"></datalist>
        <datalist id="document-list"></datalist>
      </details>
      <div class="row"><button type="submit" data-testid="assess">Assess</button></div>
    </form>
    <div id="assess-result"></div>
    <div id="assess-whatif"></div>`);
  const form = $('#assess-form');
  const result = $('#assess-result');
  form.entry_date.value = today();
  form.currency.addEventListener('input', () => syncCurrency(form));
  // the regions and end uses the active regime knows, offered as the fields' suggestions (an unknown one is refused by the API)
  api('/api/regime').then(r => {
    if (!view.alive || !r.info) return;
    mount($('#region-list'), html`${(r.info.regions || []).map(g => html`<option value="${g.code}">${g.name}</option>`)}`);
    mount($('#end-use-list'), html`${(r.info.end_uses || []).map(u => html`<option value="${u.code}">${u.title}</option>`)}`);
    mount($('#document-list'), html`${(r.info.documents || []).map(d => html`<option value="${d.code}">${d.measures.join(', ')}</option>`)}`);
  }).catch(() => { /* suggestions only */ });
  // one pending search per field: a search typed on an added line does not cancel the first line's, whose hint waits on it
  const searchTimers = new Map();
  view.onLeave(() => searchTimers.forEach(t => clearTimeout(t)));
  const startHint = $('#hts-hint').textContent; // said again when the code is shortened below a search's three characters
  form.addEventListener('input', ev => {
    const field = ev.target;
    if (field !== form.hts && field.dataset.field !== 'hts') return; // any line's HTS code searches the schedule
    const main = field === form.hts;
    clearTimeout(searchTimers.get(field));
    searchTimers.delete(field);
    const q = field.value.trim();
    // typed on: a slower answer for fewer digits does not replace a newer one, nor a longer code's answer a code shortened
    // below three characters (which is not searched: its hint is the page's first one again). The suggestions are
    // shared by every line (the newest search fills them); the hint is the first line's own (its newest search sets it).
    const listRun = newest($('#hts-list'), view);
    const hintRun = main ? newest($('#hts-hint'), view) : null;
    if (q.length < 3) { if (main) $('#hts-hint').textContent = startHint; return; }
    searchTimers.set(field, setTimeout(async () => {
      searchTimers.delete(field);
      try {
        const r = await api('/api/regime/search?limit=15&q=' + encodeURIComponent(q));
        if (listRun.alive) mount($('#hts-list'), html`${r.results.filter(x => x.code).map(x => html`<option value="${x.code}">${x.description}</option>`)}`);
        if (!hintRun || !hintRun.alive) return;
        const exact = r.results.find(x => x.code && x.code.replace(/\./g, '') === q.replace(/\./g, ''));
        // a line's own text is often just "Other": its place in the schedule says what it is
        $('#hts-hint').textContent = exact ? exact.description + (exact.path && exact.path !== '(heading)' ? ' — in ' + exact.path : '')
            + (exact.declarable ? '' : ' — not a declarable line; choose a 10-digit line under it')
          : `${r.results.length}${r.truncated ? '+' : ''} lines match`;
      } catch { /* typing; errors show on submit */ }
    }, 250));
  });
  $('[data-testid=add-line]').addEventListener('click', () => {
    const fs = addLine(form);
    fs.querySelector('[data-field=hts]').focus();
  });
  // a line's bill of materials kept from the ledger: removed with its button, replaced by a file chosen
  form.addEventListener('click', ev => {
    const b = ev.target.closest('[data-testid=bom-drop]');
    if (!b) return;
    const input = b.closest('[data-testid=bom-field]').querySelector('[data-field=bom]');
    keepBom(form, input, null);
    input.focus();
    announce('Bill of materials removed');
  });
  form.addEventListener('change', ev => {
    if (ev.target.dataset && ev.target.dataset.field === 'bom' && ev.target.files && ev.target.files.length) keepBom(form, ev.target, null);
  });
  $('#entry-lines').addEventListener('click', ev => {
    const b = ev.target.closest('[data-testid=remove-line]');
    if (!b) return;
    const fs = b.closest('fieldset');
    const next = fs.nextElementSibling || fs.previousElementSibling;
    fs.remove();
    renumber(form);
    (next ? next.querySelector('[data-field=hts]') : $('[data-testid=add-line]')).focus();
    announce('Line removed');
  });
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const run = newest(result, view); // a refusal, or a line asked after this one, supersedes it
    checkMoreFields(form);
    const bad = checkForm(form);
    if (bad) { show(result, extraLines(form).length ? located(form) : bad); return; }
    const fd = new FormData(form);
    const body = {};
    const several = extraLines(form).length > 0;
    for (const [k, v] of fd.entries()) {
      if (k.includes('@')) continue; // a field of another line: below
      if (k === 'bom') {
        try {
          const bom = await bomOf(form.bom);
          if (!run.alive) return;
          if (bom !== undefined) body.bom = bom;
        } catch (e) {
          show(result, several ? badBom(form, form.bom) : formError(form, { message: 'bom: ' + (e.encoding ? e.message : 'not valid JSON'), field: 'bom' }));
          return;
        }
        continue;
      }
      const s = String(v).trim();
      if (!s) continue;
      if (k === 'documents') body.documents = s.split(/[,;]\s*/).filter(Boolean);
      else if (k === 'production_regions') body.production_regions = regionList(s);
      else if (k === 'end_use') body.end_use = s.toLowerCase();
      else if (k === 'origin' || k === 'currency' || k === 'export_country') body[k] = s.toUpperCase();
      else body[k] = s;
    }
    if (several) {
      const entry = await entryBody(form, body);
      if (!run.alive) return;
      if (entry.bad) { show(result, badBom(form, entry.bad)); return; }
      return submitEntry(view, form, entry, run);
    }
    show(result, html`<p class="hint">Assessing…</p>`);
    show($('#assess-whatif'), null); // a what-if belongs to the assessment above it
    try {
      const r = await api('/api/assessments', { method: 'POST', body });
      if (!run.alive) return;
      clearErrors(form);
      history.replaceState(null, '', '#assess/' + r.id);
      forgetInput('assess'); // assessed: its link holds it; Assess from the menu starts afresh
      showAssessment(result, r.id, r.assessment, null, body);
      const a = r.assessment;
      announce(`Assessed ${a.hts} from ${a.origin}: ` + (a.status === 'prohibited' ? 'prohibited' : `total duty ${usd(a.total_duty)}`));
      whatIf(view, body);
    } catch (e) { if (run.alive) show(result, formError(form, e, { entry_date: 'entry_date' })); }
  });
  // the first line's fields as typed, not yet assessed, survive a visit to another page (kit/kept.js; a line added, and a
  // bill of materials' file, are not); an assessment opened by its address shows what it was asked instead
  if (!id) {
    keepInput('assess', [...form.elements].filter(x => x.name && !x.name.includes('@') && x.type !== 'file'));
    if (MORE.some(k => form.elements[k] && form.elements[k].value)) $('#more-fields').open = true;
    syncCurrency(form);
  }
  if (id) {
    try {
      const r = await api('/api/assessments/' + encodeURIComponent(id));
      if (!view.alive) return;
      if (r.entry) return reopenEntry(view, form, result, r);
      for (const [k, v] of Object.entries(r.request)) if (form.elements[k] && k !== 'bom') form.elements[k].value = Array.isArray(v) ? v.join(', ') : v;
      keepBom(form, form.bom, r.request.bom); // the bill of materials it was assessed with, said and sent again
      // the fields under "More fields" that the entry declared are shown, not left folded away
      if (MORE.some(k => r.request[k] !== undefined && r.request[k] !== null && r.request[k] !== '')) $('#more-fields').open = true;
      syncCurrency(form);
      showAssessment(result, r.id, r.assessment, r, r.request);
      whatIf(view, r.request);
    } catch (e) { if (view.alive) show(result, errorBox(e)); }
  }
}

/** The fields folded under "More fields" (the API's names, as the bulk format's columns). */
const MORE = ['currency', 'loaded_date', 'importer', 'export_country', 'production_regions', 'end_use'];

/** The production regions typed, upper-cased, separated by commas, semicolons or spaces. */
function regionList(s) {
  return s.split(/[,;\s]+/).filter(Boolean).map(x => x.toUpperCase());
}
/** The fields whose amounts are in the declared currency (docs/bulk-format.md): their labels name it. */
const IN_CURRENCY = ['customs_value', 'us_content_value', 'metal_content_value'];

/** "Customs value (EUR)" once EUR is typed under More fields; USD when it is empty (the API's default). */
function syncCurrency(form) {
  const cur = form.currency.value.trim().toUpperCase() || 'USD';
  for (const n of IN_CURRENCY) {
    for (const field of [form.elements[n], ...form.querySelectorAll(`[data-field=${n}]`)]) { // every line's
      const words = field.closest('label').firstChild; // the label's own text, before its field
      if (words && words.nodeType === Node.TEXT_NODE) words.textContent = words.textContent.replace(/\([^)]*\)/, `(${cur})`);
    }
  }
}

/** The shapes the browser's rules cannot say: a currency is three letters, a country two; said at the field by checkForm. */
function checkMoreFields(form) {
  const cur = form.currency.value.trim();
  form.currency.setCustomValidity(!cur || /^[A-Za-z]{3}$/.test(cur) ? '' : 'expected a three-letter ISO 4217 code, e.g. EUR');
  const ex = form.export_country.value.trim();
  form.export_country.setCustomValidity(!ex || /^[A-Za-z]{2}$/.test(ex) ? '' : 'expected a two-letter ISO 3166 code, e.g. HK');
  const bad = regionList(form.production_regions.value).find(x => !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(x));
  form.production_regions.setCustomValidity(bad === undefined ? '' : `'${bad}' is not an ISO 3166-2 region code; expected e.g. CN-XJ`);
}

/** What the entry declared under "More fields", in words; nothing when it declared none of them. */
function declared(req) {
  if (!req) return '';
  const parts = [];
  if (req.currency && String(req.currency).toUpperCase() !== 'USD') parts.push(`values in ${String(req.currency).toUpperCase()}`);
  if (req.loaded_date) parts.push(`loaded ${req.loaded_date}`);
  if (req.importer) parts.push(`importer ${req.importer}`);
  if (req.export_country) parts.push(`exported from ${String(req.export_country).toUpperCase()}`);
  const regions = Array.isArray(req.production_regions) ? req.production_regions.join(', ') : req.production_regions;
  if (regions) parts.push(`produced in ${regions}`);
  if (req.end_use) parts.push(`end use ${req.end_use}`);
  return parts.length ? html`<p class="hint" data-testid="declared">Declared: ${parts.join(' · ')}</p>` : '';
}

/** A charge's name as people say it: its measure's title ("Section 301 …"); a ledger entry from before titles, its legal base. */
function chargeName(m) {
  if (m.title) return m.title;
  const sec = String(m.legal_base || '').match(/\b(Section \d+[A-Za-z]?|IEEPA)\b/i);
  return sec ? sec[1] : m.type;
}

// ------------------------------------------------------------------ a customs entry of several lines

/** A line's own fields (the API's names), with their labels and rules: the first line's are the form's own fields. */
const LINE_FIELDS = [
  ['hts', 'HTS code', { placeholder: 'e.g. 2846.90.80.90', required: true, list: 'hts-list' }],
  ['origin', 'Country of origin', { placeholder: 'ISO alpha-2, e.g. CL', required: true, maxlength: '2' }],
  ['customs_value', 'Customs value (USD)', { number: 'decimal', min: '0', required: true }],
  ['quantity', 'Quantity', { number: 'decimal', min: '0', required: true }],
  ['unit', 'Unit of quantity', { placeholder: 'kg, t, No., …', required: true }],
  ['content_quantity', 'Content quantity', { number: 'decimal', min: '0', placeholder: 'e.g. metal content' }],
  ['content_unit', 'Content unit', { placeholder: 'kg, kg Cu, …' }],
  ['documents', 'Documents presented', { placeholder: 'codes, comma-separated', list: 'document-list' }],
  ['preference', 'Preference claimed', { placeholder: 'program, e.g. P' }],
  ['producer', 'Producer', { placeholder: 'optional' }],
  ['us_content_value', 'US content value (USD)', { number: 'decimal', min: '0', placeholder: 'optional' }],
  ['metal_content_value', 'Metal content value (USD)', { number: 'decimal', min: '0', placeholder: 'for duties on metal content' }],
  ['production_regions', 'Production regions', { placeholder: 'ISO 3166-2, e.g. CN-XJ; comma-separated', list: 'region-list' }],
  ['end_use', 'End use', { placeholder: 'e.g. civil-aircraft', list: 'end-use-list' }],
];
/** The entry's own facts, sent once in its header (the rest of the first line's fields are that line's). */
const HEADER = ['entry_date', 'currency', 'loaded_date', 'importer', 'export_country']; // production regions and end use are a line's

let lineKeys = 0;
const extraLines = form => [...form.querySelectorAll('fieldset[data-testid=entry-line]')];

/**
 * Adds a line to the entry (after the form's own, line 1), with its values when reopened from the ledger. settle: false
 * leaves renumbering the lines and their currency labels to the caller, once after adding many.
 */
function addLine(form, values = {}, settle = true) {
  const key = ++lineKeys; // a name no other line has, kept when lines before it are removed
  const fs = document.createElement('fieldset');
  fs.className = 'entry-line';
  fs.setAttribute('data-testid', 'entry-line');
  mount(fs, html`<legend>Line</legend>
    <div class="grid">${LINE_FIELDS.map(([f, label, a]) => html`<label>${label} <input name="${f + '@' + key}" data-field="${f}"
      type="text" inputmode="${a.number ? 'decimal' : ''}" data-number="${a.number || ''}" min="${a.min || ''}" maxlength="${a.maxlength || ''}" list="${a.list || ''}"
      placeholder="${a.placeholder || ''}" autocomplete="off"></label>`)}${bomField('bom@' + key)}</div>
    <div class="row"><button type="button" class="secondary" data-testid="remove-line">Remove this line</button></div>`);
  for (const [f, , a] of LINE_FIELDS) {
    const input = fs.querySelector(`[data-field=${f}]`);
    for (const attr of ['min', 'maxlength', 'list', 'placeholder']) if (!a[attr]) input.removeAttribute(attr);
    if (!a.number) { input.removeAttribute('inputmode'); input.removeAttribute('data-number'); }
    input.required = !!a.required;
    const v = values[f];
    if (v !== undefined && v !== null) input.value = Array.isArray(v) ? v.join(', ') : v;
  }
  keepBom(form, fs.querySelector('[data-field=bom]'), values.bom);
  $('#entry-lines').append(fs);
  if (settle) { // each renumbers and relabels every line: once after all of them for an entry reopened whole (hundreds of lines)
    renumber(form);
    syncCurrency(form);
  }
  return fs;
}

/** "Line 2", "Line 3" … in order, and line 1's own label shown while there are other lines. */
function renumber(form) {
  const lines = extraLines(form);
  lines.forEach((fs, i) => {
    fs.querySelector('legend').textContent = `Line ${i + 2}`;
    fs.querySelector('[data-testid=remove-line]').setAttribute('aria-label', `Remove line ${i + 2}`);
  });
  $('#line-1-label').hidden = !lines.length;
  for (const b of form.querySelectorAll('[data-testid=bom-drop]')) {
    const fs = b.closest('fieldset[data-testid=entry-line]');
    b.setAttribute('aria-label', fs ? `Remove the bill of materials of ${fs.querySelector('legend').textContent.toLowerCase()}`
      : lines.length ? 'Remove the bill of materials of line 1' : 'Remove the bill of materials');
  }
  $('[data-testid=assess]').textContent = lines.length ? `Assess the entry (${lines.length + 1} lines)` : 'Assess';
}

/** Which line a control is in, as words before its label: "Line 2 · "; '' for the entry's own fields and a single line. */
function placeOf(form, control) {
  const fs = control.closest('fieldset[data-testid=entry-line]');
  if (fs) return fs.querySelector('legend').textContent + ' · ';
  const name = control.name;
  return extraLines(form).length && !HEADER.includes(name) ? 'Line 1 · ' : ''; // line 1's bill of materials is that line's
}

/** The browser's own checks, said with the line of each field (checkForm has marked them). */
function located(form) {
  const bad = [...form.querySelectorAll('[aria-invalid="true"]')];
  return html`<div class="error" role="alert" data-testid="error">${bad.map((c, i) => {
    const note = c.closest('label').querySelector('.field-error');
    return html`${i ? html`<br>` : ''}${placeOf(form, c)}${note ? note.textContent : c.name}`;
  })}</div>`;
}

/** The control of an API field: "lines[0].hts" the form's own, "lines[2].hts" line 3's, "entry_date" the form's. */
function controlFor(form, field) {
  const m = /^lines\[(\d+)\]\.(\w+)$/.exec(field);
  if (!m) return form.elements[field] instanceof Element ? form.elements[field] : null;
  const i = Number(m[1]);
  if (i === 0) return HEADER.includes(m[2]) || !(form.elements[m[2]] instanceof Element) ? null : form.elements[m[2]];
  const fs = extraLines(form)[i - 1];
  return fs ? fs.querySelector(`[data-field=${m[2]}]`) : null;
}

/**
 * The body for an entry: the header from the form's own entry fields, line 1 from its line fields (its bill of materials
 * included), then each added line with its own bill of materials. {bad: control} when a line's file is not JSON.
 */
async function entryBody(form, one) {
  const body = {};
  const first = {};
  for (const [k, v] of Object.entries(one)) (HEADER.includes(k) ? body : first)[k] = v;
  body.lines = [first];
  for (const fs of extraLines(form)) {
    const line = {};
    for (const [f] of LINE_FIELDS) {
      const s = fs.querySelector(`[data-field=${f}]`).value.trim();
      if (!s) continue;
      if (f === 'documents') line.documents = s.split(/[,;]\s*/).filter(Boolean);
      else if (f === 'production_regions') line.production_regions = regionList(s);
      else if (f === 'end_use') line.end_use = s.toLowerCase();
      else if (f === 'origin') line.origin = s.toUpperCase();
      else line[f] = s;
    }
    const input = fs.querySelector('[data-field=bom]');
    try {
      const bom = await bomOf(input);
      if (bom !== undefined) line.bom = bom;
    } catch {
      return { bad: input };
    }
    body.lines.push(line);
  }
  return body;
}

// ------------------------------------------------------------------ a line's bill of materials

/** The bill of materials kept for a file field: the one a reopened assessment or entry was sent with (sent again unless replaced). */
const keptBoms = new WeakMap();

/** A line's bill-of-materials field (line 1's is the form's own "bom", an added line's "bom@KEY") and what it keeps. */
function bomField(name) {
  return html`<div class="bom-field" data-testid="bom-field">
    <label>Bill of materials <input name="${name}" data-field="bom" type="file" accept=".json,application/json"><span class="hint">JSON
      (docs/origin-format.md): checks this line's preference claim against the rules of origin</span></label>
    <div class="hint" data-testid="bom-kept" hidden><span data-testid="bom-kept-text"></span>
      <ul class="bom-materials" data-testid="bom-materials"></ul>
      <button type="button" class="secondary" data-testid="bom-drop">Remove it</button></div></div>`;
}

/**
 * Keeps `bom` (its JSON text, or an object a record stored before texts were sent) for the field, and says what it is beside
 * it; nothing kept for none. The text is what is sent again, as it was: parsed here only to say what it holds (parsed and
 * re-serialised, a value such as 1000.00 came back as 1000 and one of more than 15 digits was rounded).
 */
function keepBom(form, input, bom) {
  if (!input) return;
  let b = bom;
  if (typeof b === 'string') { try { b = JSON.parse(b); } catch { /* said as "a bill of materials" */ } }
  const cell = input.closest('[data-testid=bom-field]');
  const note = cell.querySelector('[data-testid=bom-kept]');
  if (b === undefined || b === null || b === '') { keptBoms.delete(input); note.hidden = true; return; }
  keptBoms.set(input, bom);
  const p = b && typeof b === 'object' && b.product && typeof b.product === 'object' ? b.product : {};
  const materials = b && typeof b === 'object' && Array.isArray(b.materials) ? b.materials : [];
  cell.querySelector('[data-testid=bom-kept-text]').textContent = 'Sent with this assessment: '
    + (typeof b === 'object' ? `${p.hts ?? '(no product code)'}${p.description ? ' ' + p.description : ''}, `
      + `${materials.length} ${materials.length === 1 ? 'material' : 'materials'}${b.agreement ? ' (' + b.agreement + ')' : ''}`
      : 'a bill of materials') + '; sent again unless you choose another file or remove it.';
  mount(cell.querySelector('[data-testid=bom-materials]'), html`${materials.map(m => html`<li>${m && m.description ? m.description + ' · ' : ''}${m && m.hts}
    · ${m && m.value} · ${m && m.originating ? 'originating' : 'non-originating'}${m && m.country ? ' · ' + m.country : ''}</li>`)}`);
  note.hidden = false;
}

/**
 * The bill of materials a field sends: a file chosen (its text exactly, which the API reads as the file; throws when it is not
 * JSON, so that the page says so at the field), else the one kept, else undefined.
 */
async function bomOf(input) {
  const file = input.files && input.files[0];
  if (file && file.size) {
    const text = await fileText(file).catch(e => { throw Object.assign(new Error(`${file.name}: ${e.message}`), { encoding: true }); });
    JSON.parse(text);
    return text;
  }
  return keptBoms.has(input) ? keptBoms.get(input) : undefined;
}

/** A line's file that is not JSON, said at its field with its line ("Line 2 · Bill of materials: …"). */
function badBom(form, input) {
  const fs = input.closest('fieldset[data-testid=entry-line]');
  const i = fs ? extraLines(form).indexOf(fs) + 1 : 0;
  return formProblems(form, [{ field: `lines[${i}].bom`, message: `lines[${i}].bom: not valid JSON; expected a bill of materials (docs/origin-format.md)` }],
    f => controlFor(form, f), c => placeOf(form, c));
}

async function submitEntry(view, form, body, run) {
  const result = $('#assess-result');
  show(result, html`<p class="hint">Assessing the entry…</p>`);
  show($('#assess-whatif'), null); // a what-if belongs to the entry above it
  try {
    const r = await api('/api/assessments', { method: 'POST', body });
    if (!run.alive) return;
    clearErrors(form);
    history.replaceState(null, '', '#assess/' + r.id);
    forgetInput('assess'); // assessed: its link holds it; Assess from the menu starts afresh
    showEntry(result, r.id, r.entry, null, body);
    whatIf(view, body);
    const e = r.entry;
    announce(`Assessed an entry of ${e.line_count} lines: ` + (e.status === 'prohibited' ? `prohibited (line ${e.prohibited_lines.join(', ')})`
      : `total duty ${usd(e.total_duty)}`));
  } catch (e) {
    if (!run.alive) return;
    show(result, e.problems && e.problems.length ? formProblems(form, e.problems, f => controlFor(form, f), c => placeOf(form, c))
      : formError(form, e));
  }
}

/** #assess/ID of an entry: the form as it was sent (header, line 1, the other lines) and the entry's answer. */
function reopenEntry(view, form, result, r) {
  const req = r.request;
  const lines = Array.isArray(req.lines) ? req.lines : [];
  const fill = (obj, skip) => {
    for (const [k, v] of Object.entries(obj || {})) {
      if (skip.includes(k) || !(form.elements[k] instanceof Element) || form.elements[k].type === 'file') continue;
      form.elements[k].value = Array.isArray(v) ? v.join(', ') : v;
    }
  };
  fill(req, ['lines']);
  fill(lines[0], HEADER);
  keepBom(form, form.bom, lines[0] && lines[0].bom); // each line's bill of materials, said beside its field and sent again
  for (const l of lines.slice(1)) addLine(form, l, false);
  renumber(form);
  const given = (o, k) => o && o[k] !== undefined && o[k] !== null && o[k] !== '';
  if (MORE.some(k => given(req, k) || given(lines[0], k))) $('#more-fields').open = true; // line 1's regions and end use are there too
  syncCurrency(form);
  showEntry(result, r.id, r.entry, r, req);
  whatIf(view, req);
}

/** An entry's answer: its totals, a table of its lines, the duty by measure, and each line's measures folded below. */
function showEntry(el, id, e, record, request) {
  const prohibited = e.status === 'prohibited';
  const link = location.origin + '/#assess/' + id;
  show(el, html`
    <div class="card" data-testid="entry">
      ${e.warnings.filter(w => /^lines? [^:]*: regime horizon: /.test(w)).slice(0, 1).map(w =>
        html`<div class="error" data-testid="horizon-banner"><b>Beyond the data</b> — ${w.replace(/^lines? [^:]*: regime horizon: /, '')}</div>`)}
      <div class="row spread">
        <div><b>Entry of ${e.line_count} lines</b> · entered ${e.date} · regime ${e.regime} ${tag(e.status)}</div>
        <div class="hint">Ledger entry #${id}${record ? html` by ${record.actor} at ${when(record.at)}` : ''} ·
          <a href="${link}" data-testid="share-link">shareable link</a></div>
      </div>
      ${declared(request)}
      ${prohibited ? html`<div class="error" data-testid="entry-prohibited"><b>Prohibited</b> — line ${e.prohibited_lines.join(', ')}
        cannot be entered; no duty totals are given for an entry with a prohibited line:${e.prohibitions.map(p => html`<br>${p}`)}</div>` : html`
      <div class="kpis">
        <div><span>Total duty</span><b class="big" data-testid="entry-total-duty">${usd(e.total_duty)}</b></div>
        <div><span>Effective rate</span><b class="big" data-testid="entry-rate">${e.effective_rate == null ? 'none (value 0)' : num(e.effective_rate, 2) + ' %'}</b></div>
        <div><span>Customs value</span><b class="big" data-testid="entry-value">${usd(e.customs_value)}</b></div>
        <div><span>Landed cost</span><b class="big" data-testid="entry-landed">${usd(e.landed_cost)}</b></div>
      </div>`}
      <h2>Lines</h2>
      <div class="table-wrap"><table data-testid="entry-lines"><thead><tr><th scope="col">Line</th><th scope="col">HTS code</th>
        <th scope="col">Origin</th><th scope="col" class="num">Customs value</th><th scope="col" class="num">Duty</th>
        <th scope="col" class="num">Rate</th><th scope="col">Status</th></tr></thead><tbody>
      ${e.lines.map(a => html`<tr><td>${a.line_id}</td><td>${a.hts}</td><td>${a.origin}</td><td class="num">${usd(a.customs_value)}</td>
        <td class="num">${a.status === 'prohibited' ? '—' : usd(a.total_duty)}</td>
        <td class="num">${a.status === 'prohibited' || a.effective_rate == null ? '—' : num(a.effective_rate, 2) + ' %'}</td><td>${tag(a.status)}</td></tr>`)}
      </tbody></table></div>
      ${prohibited ? '' : html`<h2>Duty by measure</h2>
      <div class="table-wrap"><table data-testid="entry-measures"><thead><tr><th scope="col">Measure</th><th scope="col" class="num">Amount</th>
        <th scope="col">Lines</th></tr></thead><tbody>
      ${e.duty_by_measure.length ? e.duty_by_measure.map(m => html`<tr><td><b>${m.title || m.type}</b><div class="hint">${m.series} · ${m.id} · ${m.type}</div></td>
        <td class="num">${usd(m.amount)}</td><td>${m.lines.join(', ')}</td></tr>`) : html`<tr><td colspan="3" class="hint">No duty applies.</td></tr>`}
      </tbody></table></div>`}
      <p><b>Documents required:</b> ${e.documents_required.length ? e.documents_required.join(', ') : 'none'}</p>
      ${e.warnings.length ? html`<div class="warn" data-testid="entry-warnings"><b>Warnings:</b><ul class="warn-list">${e.warnings.map(w => html`<li>${w}</li>`)}</ul></div>` : ''}
      <h2>Each line</h2>
      ${e.lines.map(a => html`<details class="entry-line-result" data-testid="entry-line-result"><summary>Line ${a.line_id}: ${a.hts} from ${a.origin} —
        ${a.status === 'prohibited' ? 'prohibited' : usd(a.total_duty)}</summary>${lineDetail(a)}</details>`)}
    </div>`);
  // the ledger record as the server holds it: its JSON as GET /api/assessments/ID serves it, its report by reference
  // (an entry of hundreds of lines is more than a request body may hold; the report's SHA-256 is that of GET's text)
  el.querySelector('[data-testid="entry"]').append(downloadButtons('customs entry', { stored: ledgerRecord(id),
    jsonName: fileName('entry', id, 'json'), testid: 'entry-download' }));
}

/** One line's measures, documents, warnings and trail, as a single assessment shows them. */
function lineDetail(a) {
  const prohibited = a.status === 'prohibited';
  return html`
    ${a.trail.filter(t => t.id === 'fx').map(t => html`<p><b>In US dollars:</b> ${t.text}</p>`)}
    ${prohibited ? html`<div class="error"><b>Prohibited</b>${a.prohibitions.map(p => html`<br>${p}`)}</div>` : html`
    <div class="table-wrap"><table class="stacked"><thead><tr><th scope="col">Measure</th><th scope="col" class="num">Amount</th><th scope="col">Calculation</th><th scope="col">Legal base</th></tr></thead><tbody>
    ${a.measures.length ? a.measures.map(m => html`<tr><td><b>${chargeName(m)}</b><div class="hint">${m.series} · ${m.id} · ${m.type}</div></td>
      <td class="num">${usd(m.amount)}</td><td data-label="Calculation">${m.calculation}</td><td class="hint" data-label="Legal base">${m.legal_base}</td></tr>`) : html`<tr><td colspan="4" class="hint">No duty applies.</td></tr>`}
    </tbody></table></div>`}
    ${a.warnings.length ? html`<div class="warn"><b>Warnings:</b><ul class="warn-list">${a.warnings.map(w => html`<li>${w}</li>`)}</ul></div>` : ''}
    <details><summary>Trail (${a.trail.length})</summary><ol class="trail">${a.trail.map(t => html`<li><span class="tag">${t.series} ${t.outcome}</span> ${t.text}</li>`)}</ol></details>`;
}

function showAssessment(el, id, a, entry, request) {
  const prohibited = a.status === 'prohibited';
  const link = location.origin + '/#assess/' + id;
  show(el, html`
    <div class="card" data-testid="assessment">
      ${a.warnings.filter(w => w.startsWith('regime horizon: ')).map(w =>
        html`<div class="error" data-testid="horizon-banner"><b>Beyond the data</b> — ${w.slice(16)}</div>`)}
      <div class="row spread">
        <div><b>${a.hts}</b> · goods of ${a.origin} · entered ${a.date} · regime ${a.regime} ${tag(a.status)}</div>
        <div class="hint">Ledger entry #${id}${entry ? html` by ${entry.actor} at ${when(entry.at)}` : ''} ·
          <a href="${link}" data-testid="share-link">shareable link</a></div>
      </div>
      ${declared(request)}
      ${a.trail.filter(t => t.id === 'fx').map(t => html`<p data-testid="fx"><b>In US dollars:</b> ${t.text}</p>`)}
      ${prohibited ? html`<div class="error" data-testid="prohibited"><b>Prohibited</b> — no duty figures are given for a prohibited line:${a.prohibitions.map(p => html`<br>${p}`)}</div>` : html`
      <div class="kpis">
        <div><span>Total duty</span><b class="big" data-testid="total-duty">${usd(a.total_duty)}</b></div>
        <div><span>Effective rate</span><b class="big">${a.effective_rate == null ? 'none (value 0)' : num(a.effective_rate, 2) + ' %'}</b></div>
        <div><span>Customs value</span><b class="big" data-testid="customs-value">${usd(a.customs_value)}</b></div>
        <div><span>Landed cost</span><b class="big" data-testid="landed-cost">${usd(a.landed_cost)}</b></div>
      </div>
      <div class="table-wrap"><table class="stacked" data-testid="measures"><thead><tr><th scope="col">Measure</th><th scope="col" class="num">Amount</th><th scope="col">Calculation</th><th scope="col">Legal base</th></tr></thead><tbody>
      ${a.measures.length ? a.measures.map(m => html`<tr><td><b>${chargeName(m)}</b>
          <div class="hint">${m.series !== 'null' ? m.series + ' · ' : ''}${m.id} · ${m.type}</div></td><td class="num">${usd(m.amount)}</td>
        <td data-label="Calculation">${m.calculation}</td><td class="hint" data-label="Legal base">${m.legal_base}</td></tr>`) : html`<tr><td colspan="4" class="hint">No duty applies.</td></tr>`}
      </tbody></table></div>`}
      <p><b>Documents required:</b> ${a.documents_required.length ? a.documents_required.join(', ') : 'none'}</p>
      ${a.warnings.length ? html`<div class="warn" data-testid="warnings"><b>Warnings:</b><ul class="warn-list">${a.warnings.map(w => html`<li>${w}</li>`)}</ul></div>` : ''}
      <details ${prohibited ? html`open` : ''}><summary>Trail: every measure considered, in evaluation order (${a.trail.length})</summary>
        <ol class="trail">${a.trail.map(t => html`<li><span class="tag">${t.series} ${t.outcome}</span> ${t.text}</li>`)}</ol>
      </details>
    </div>`);
  // the ledger entry as the server holds it (as for an entry of several lines): GET /api/assessments/ID's JSON, its report by reference
  el.querySelector('[data-testid="assessment"]').append(downloadButtons('assessment', { stored: ledgerRecord(id),
    jsonName: fileName('assessment', id, 'json'), testid: 'assessment-download' }));
}

/** A ledger record for downloadButtons: its JSON as GET /api/assessments/ID serves it, its report by reference. */
function ledgerRecord(id) {
  return storedRecord('assessment', id);
}

/**
 * Below an assessment or a customs entry: the same shipment or entry (every line, with its bill of materials) under another
 * regime, on another date or from other origins (POST /api/compare), recorded in History.
 */
function whatIf(view, body) {
  const el = $('#assess-whatif');
  show(el, html`<div class="card"><form id="whatif-form" class="row" novalidate>
      <label class="grow">What-if: the same ${Array.isArray(body.lines) ? 'entry' : 'shipment'} compared with <input name="with" value="date:2025-12-31" data-testid="whatif-with"
        list="whatif-regimes"><span class="hint">date:YYYY-MM-DD, or a regime; empty: the active regime</span></label>
      <label>Origins moved <input name="with_origin" placeholder="CN=VN" data-testid="whatif-origin" autocomplete="off">
        <span class="hint">FROM=TO, comma-separated (optional)</span></label>
      <datalist id="whatif-regimes"><option value="date:2025-12-31"><option value="bundled:plurilateral"></datalist>
      <button type="submit" class="secondary" data-testid="whatif-run">Compare</button></form>
    <div id="whatif-result" data-testid="whatif-result"></div></div>`);
  const f = $('#whatif-form');
  f.addEventListener('submit', async ev => {
    ev.preventDefault();
    const out = $('#whatif-result');
    const run = newest(out, view);
    const bad = checkForm(f);
    if (bad) { show(out, bad); return; }
    try {
      const side = {};
      if (f.with.value.trim()) side.with = f.with.value.trim();
      if (f.with_origin.value.trim()) side.with_origin = f.with_origin.value.trim();
      const r = await api('/api/compare', { method: 'POST', body: { ...body, ...side } });
      if (!run.alive) return;
      clearErrors(f);
      announce(`What-if: difference ${usdChange(r.difference)}`);
      show(out, html`${shipmentComparison(r)}<p class="hint">Recorded in <a href="${'#history/whatif/' + r.whatif_id}" data-testid="whatif-link">History</a>.</p>`);
      // the recorded what-if as GET /api/whatifs/ID serves it, its report by reference
      out.append(downloadButtons('what-if', { stored: storedRecord('whatif', r.whatif_id), jsonName: fileName('whatif', r.whatif_id, 'json'),
        testid: 'whatif-download' }));
    } catch (e) { if (run.alive) show(out, formError(f, e)); }
  });
}
