// Lodestone web application: plain ES module, no build step. Talks to the JSON API under /api
// (described at /api/openapi.json) with the API token kept in this browser's localStorage.

import { projectsPage } from './projects.js';

const $ = (sel, root = document) => root.querySelector(sel);
const main = () => $('#main');

// ------------------------------------------------------------------ API access

const TOKEN_KEY = 'lodestone.token';
let me = null;

function token() { return localStorage.getItem(TOKEN_KEY); }

class ApiError extends Error {
  constructor(status, body) {
    const e = body && body.error && typeof body.error === 'object' ? body.error
      : { message: body && typeof body.error === 'string' ? body.error : 'HTTP ' + status };
    super(e.message);
    this.status = status; this.code = e.code; this.field = e.field;
  }
}

async function api(path, { method = 'GET', body, raw, headers = {} } = {}) {
  const h = { ...headers };
  if (token()) h['Authorization'] = 'Bearer ' + token();
  let payload = body;
  if (body !== undefined && !raw) { h['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const res = await fetch(path, { method, headers: h, body: payload });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/me') { signOut(); }
    throw new ApiError(res.status, data);
  }
  return data;
}

// ------------------------------------------------------------------ helpers

function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
function usd(v) {
  if (v === null || v === undefined || v === '') return '—';
  return 'USD ' + Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
function num(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return Number(v).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
function pct(v) { return v === null || v === undefined ? '—' : num(v * 100, 1) + ' %'; }
function errorBox(e) {
  return `<div class="error" role="alert" data-testid="error">${esc(e.message)}${e.field ? ` <span class="hint">(field: ${esc(e.field)})</span>` : ''}</div>`;
}
function today() { return new Date().toISOString().slice(0, 10); }
function tag(s) { return `<span class="tag ${esc(s)}">${esc(s)}</span>`; }
function chart(el) {
  if (!window.echarts) { el.innerHTML = '<p class="hint">Charts are loading…</p>'; return null; }
  const c = echarts.init(el);
  new ResizeObserver(() => c.resize()).observe(el);
  return c;
}

// ------------------------------------------------------------------ sign-in

function signOut() { localStorage.removeItem(TOKEN_KEY); me = null; renderWho(); }

function renderWho() {
  const who = $('#who');
  document.querySelectorAll('.admin-only').forEach(a => { a.hidden = !(me && me.role === 'admin'); });
  if (!me) { who.innerHTML = 'Not signed in'; return; }
  who.innerHTML = `Signed in as <b data-testid="who">${esc(me.name)}</b> (${esc(me.role)}) · <a href="#" id="signout">sign out</a>`;
  $('#signout').onclick = ev => { ev.preventDefault(); signOut(); route(); };
}

async function ensureSignedIn() {
  const m = location.hash.match(/token=([A-Za-z0-9_-]+)/);
  if (m) {
    localStorage.setItem(TOKEN_KEY, m[1]);
    // "#token=…" signs in and opens Assess; "#bulk/3&token=…" signs in and opens that page
    const rest = location.hash.replace(/[#&;]?token=[A-Za-z0-9_-]+/, '');
    history.replaceState(null, '', location.pathname + (rest && rest !== '#' ? rest : '#assess'));
  }
  if (!token()) return false;
  try { me = await api('/api/me'); renderWho(); return true; } catch { signOut(); return false; }
}

function signInPage(message) {
  main().innerHTML = `
    <h1>Sign in</h1>
    <p class="lead">Lodestone's API and this application need an API token. The first administrator token is printed by
      <span class="mono">lodestone serve</span> when it first starts (with a link that signs you in); an administrator can make more
      under Tokens. Lost it? Restart with <span class="mono">lodestone serve --new-admin-token</span>.</p>
    <div class="card"><form id="signin" class="row">
      <label style="flex:1">API token<input name="token" placeholder="lst_…" autocomplete="off" required></label>
      <button type="submit">Sign in</button></form>${message ? errorBox({ message }) : ''}</div>`;
  $('#signin').onsubmit = async ev => {
    ev.preventDefault();
    localStorage.setItem(TOKEN_KEY, ev.target.token.value.trim());
    if (await ensureSignedIn()) route(); else signInPage('That token is not valid (unknown or revoked).');
  };
}

// ------------------------------------------------------------------ router

const pages = { assess: assessPage, bulk: bulkPage, regime: regimePage, scenarios: scenariosPage, history: historyPage, tokens: tokensPage,
  projects: () => projectsPage(main(), api) };

async function route() {
  if (!me && !(await ensureSignedIn())) { signInPage(); return; }
  const [page, ...rest] = (location.hash.replace(/^#/, '') || 'assess').split('/');
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === page));
  const f = pages[page] || assessPage;
  try { await f(rest.map(decodeURIComponent)); } catch (e) { main().innerHTML = errorBox(e); }
}
window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', async () => {
  await route();
  try {
    const r = await api('/api/regime');
    $('#regime-line').textContent = `Regime ${r.id} (${r.title}, version ${r.version}; ${r.measures} measures, ${num(r.hts_lines, 0)} HTS lines)`;
  } catch { /* not signed in yet */ }
});

// ------------------------------------------------------------------ Assess

async function assessPage([id]) {
  main().innerHTML = `
    <h1>Assess a shipment</h1>
    <p class="lead">What a shipment owes at the US border on a date, measure by measure, with the legal base and the full trail.
      Every assessment is kept in the ledger and has a link you can share.</p>
    <form id="assess-form" class="card">
      <div class="grid">
        <label>HTS code <input name="hts" list="hts-list" placeholder="e.g. 2846.90.80 or type words" required data-testid="hts"></label>
        <label>Country of origin <input name="origin" placeholder="ISO alpha-2, e.g. CN" maxlength="2" required data-testid="origin"></label>
        <label>Entry date <input name="entry_date" type="date" required></label>
        <label>Customs value (USD) <input name="customs_value" type="number" step="0.01" min="0" required data-testid="value"></label>
        <label>Quantity <input name="quantity" type="number" step="any" min="0" required></label>
        <label>Unit of quantity <input name="unit" placeholder="kg, t, No., …" required></label>
        <label>Content quantity <input name="content_quantity" type="number" step="any" min="0" placeholder="e.g. metal content"></label>
        <label>Content unit <input name="content_unit" placeholder="kg, kg Cu, …"></label>
        <label>Documents presented <input name="documents" placeholder="codes, comma-separated"></label>
        <label>Preference claimed <input name="preference" placeholder="program, e.g. P+ (CAFTA-DR)"></label>
        <label>Producer <input name="producer" placeholder="optional, checked against lists"></label>
        <label>US content value (USD) <input name="us_content_value" type="number" step="0.01" min="0" placeholder="optional"></label>
        <label>Metal content value (USD) <input name="metal_content_value" type="number" step="0.01" min="0" placeholder="for duties on metal content"></label>
        <label>Bill of materials <input name="bom" type="file" accept=".json,application/json"><span class="hint">JSON (docs/origin-format.md): checks a preference claim against the rules of origin</span></label>
      </div>
      <datalist id="hts-list"></datalist>
      <p class="hint" id="hts-hint">Start typing a code or words ("rare-earth oxides") to search the schedule.</p>
      <div class="row"><button type="submit" data-testid="assess">Assess</button></div>
    </form>
    <div id="assess-result"></div>`;
  const form = $('#assess-form');
  form.entry_date.value = today();
  let searchTimer = null;
  form.hts.addEventListener('input', () => {
    clearTimeout(searchTimer);
    const q = form.hts.value.trim();
    if (q.length < 3) return;
    searchTimer = setTimeout(async () => {
      try {
        const r = await api('/api/regime/search?limit=15&q=' + encodeURIComponent(q));
        $('#hts-list').innerHTML = r.results.filter(x => x.code).map(x => `<option value="${esc(x.code)}">${esc(x.description)}</option>`).join('');
        const exact = r.results.find(x => x.code && x.code.replace(/\./g, '') === q.replace(/\./g, ''));
        $('#hts-hint').textContent = exact ? exact.description + (exact.declarable ? '' : ' — not a declarable line; choose a 10-digit line under it')
          : `${r.results.length}${r.truncated ? '+' : ''} lines match`;
      } catch { /* typing; errors show on submit */ }
    }, 250);
  });
  form.onsubmit = async ev => {
    ev.preventDefault();
    const fd = new FormData(form);
    const body = {};
    for (const [k, v] of fd.entries()) {
      if (k === 'bom') {
        if (v && v.size) {
          try { body.bom = JSON.parse(await v.text()); } catch { $('#assess-result').innerHTML = errorBox({ message: 'The bill of materials is not valid JSON', field: 'bom' }); return; }
        }
        continue;
      }
      const s = String(v).trim();
      if (!s) continue;
      if (k === 'documents') body.documents = s.split(/[,;]\s*/).filter(Boolean);
      else if (k === 'origin') body.origin = s.toUpperCase();
      else body[k] = s;
    }
    $('#assess-result').innerHTML = '<p class="hint">Assessing…</p>';
    try {
      const r = await api('/api/assessments', { method: 'POST', body });
      history.replaceState(null, '', '#assess/' + r.id);
      showAssessment(r.id, r.assessment);
    } catch (e) { $('#assess-result').innerHTML = errorBox(e); }
  };
  if (id) {
    try {
      const r = await api('/api/assessments/' + encodeURIComponent(id));
      for (const [k, v] of Object.entries(r.request)) if (form[k] && k !== 'bom') form[k].value = Array.isArray(v) ? v.join(', ') : v;
      showAssessment(r.id, r.assessment, r);
    } catch (e) { $('#assess-result').innerHTML = errorBox(e); }
  }
}

function showAssessment(id, a, entry) {
  const prohibited = a.status === 'prohibited';
  const link = location.origin + '/#assess/' + id;
  $('#assess-result').innerHTML = `
    <div class="card" data-testid="assessment">
      <div class="row" style="justify-content:space-between">
        <div><b>${esc(a.hts)}</b> · goods of ${esc(a.origin)} · entered ${esc(a.date)} · regime ${esc(a.regime)} ${tag(a.status)}</div>
        <div class="hint">Ledger entry #${esc(id)}${entry ? ' by ' + esc(entry.actor) + ' at ' + esc(entry.at) : ''} ·
          <a href="${esc(link)}" data-testid="share-link">shareable link</a></div>
      </div>
      ${prohibited ? `<div class="error"><b>Prohibited</b> — no duty figures are given for a prohibited line:<br>${a.prohibitions.map(esc).join('<br>')}</div>` : `
      <div class="kpis" style="margin-top:12px">
        <div><span>Total duty</span><b class="big" data-testid="total-duty">${usd(a.total_duty)}</b></div>
        <div><span>Effective rate</span><b class="big">${num(a.effective_rate, 2)} %</b></div>
        <div><span>Customs value</span><b class="big">${usd(a.customs_value)}</b></div>
        <div><span>Landed cost</span><b class="big">${usd(a.landed_cost)}</b></div>
      </div>
      <table data-testid="measures"><thead><tr><th>Series</th><th>Measure</th><th class="num">Amount</th><th>Calculation</th><th>Legal base</th></tr></thead><tbody>
      ${a.measures.map(m => `<tr><td>${esc(m.series)}</td><td>${esc(m.id)}<div class="hint">${esc(m.type)}</div></td><td class="num">${usd(m.amount)}</td>
        <td>${esc(m.calculation)}</td><td class="hint">${esc(m.legal_base)}</td></tr>`).join('') || '<tr><td colspan="5" class="hint">No duty applies.</td></tr>'}
      </tbody></table>`}
      <p><b>Documents required:</b> ${a.documents_required.length ? a.documents_required.map(esc).join(', ') : 'none'}</p>
      ${a.warnings.length ? `<p class="warn"><b>Warnings:</b><br>${a.warnings.map(esc).join('<br>')}</p>` : ''}
      <details ${prohibited ? 'open' : ''}><summary>Trail: every measure considered, in evaluation order (${a.trail.length})</summary>
        <ol class="trail">${a.trail.map(t => `<li><span class="tag">${esc(t.series)} ${esc(t.outcome)}</span> ${esc(t.text)}</li>`).join('')}</ol>
      </details>
    </div>`;
}

// ------------------------------------------------------------------ Bulk

async function bulkPage([id]) {
  main().innerHTML = `
    <h1>Bulk assessment</h1>
    <p class="lead">Upload a CSV (or JSON Lines) file of entries — one shipment a line, columns as in
      <span class="mono">docs/bulk-format.md</span>: line_id, hts, origin, entry_date, customs_value, currency, and optional quantity, unit, documents, preference, …
      It is assessed in the background; a job survives a server restart, and the same file uploaded again with the same key is not assessed twice.</p>
    <form id="bulk-form" class="card">
      <div class="row">
        <label style="flex:1">File <input type="file" name="file" accept=".csv,.jsonl,.ndjson,text/csv" required data-testid="bulk-file"></label>
        <label>Idempotency key <input name="key" placeholder="optional"></label>
        <button type="submit" data-testid="bulk-upload">Upload and assess</button>
      </div>
      <p class="hint">No file at hand? <a href="#" id="sample" data-testid="sample">Download a sample</a> of 200 generated shipments
        (a few malformed on purpose, to show the rejects) and upload it.</p>
    </form>
    <div id="bulk-job"></div>
    <details class="card" id="cmp-card">
      <summary>What-if: compare a whole file under another regime or on another date</summary>
      <p class="hint">Every line of a CSV file assessed twice — under the active regime as entered, and under another regime or on
        another entry date — with the totals and the lines whose duty changes most (as <code>lodestone compare</code>).</p>
      <form id="cmp-form" class="row">
        <label style="flex:1">File <input type="file" name="file" accept=".csv,text/csv" required data-testid="cmp-file"></label>
        <label>Compare with <input name="with" value="date:2025-12-31" required data-testid="cmp-with" list="cmp-regimes">
          <span class="hint">date:YYYY-MM-DD, or a regime</span></label>
        <datalist id="cmp-regimes"><option value="date:2025-12-31"><option value="bundled"><option value="bundled:plurilateral"></datalist>
        <button type="submit" data-testid="cmp-run">Compare</button>
      </form>
      <div id="cmp-result" data-testid="cmp-result"></div>
    </details>
    <h2>Recent jobs</h2><div id="bulk-list"></div>`;
  $('#cmp-form').onsubmit = async ev => {
    ev.preventDefault();
    const f = ev.target.file.files[0];
    if (!f) return;
    const out = $('#cmp-result');
    out.innerHTML = '<p class="hint">Assessing every line twice…</p>';
    try {
      const r = await api('/api/compare-file?top=20&with=' + encodeURIComponent(ev.target.with.value.trim()) + '&name=' + encodeURIComponent(f.name),
        { method: 'POST', body: f, raw: true, headers: { 'Content-Type': 'text/csv' } });
      const change = Number(r.total_change);
      out.innerHTML = `<p>A: <b>${esc(r.a)}</b> · B: <b>${esc(r.b)}</b></p>
        <p data-testid="cmp-summary">${num(r.lines, 0)} lines compared; ${num(r.changed, 0)} changed; ${num(r.not_comparable, 0)} not comparable
          (rejected or prohibited under either). Total duty ${usd(r.total_a)} → ${usd(r.total_b)}:
          <b>${change > 0 ? '+' : ''}${usd(change)}</b></p>
        ${r.top.length ? `<table><thead><tr><th>Line</th><th>HTS</th><th>Origin</th><th class="num">Duty A</th><th class="num">Duty B</th><th class="num">Change</th></tr></thead><tbody>
          ${r.top.map(l => `<tr><td>${esc(l.line_id)}</td><td class="mono">${esc(l.hts)}</td><td>${esc(l.origin)}</td>
            <td class="num">${esc(l.a)}</td><td class="num">${esc(l.b)}</td><td class="num">${usd(l.change)}</td></tr>`).join('')}</tbody></table>`
          : '<div class="empty">No line changes.</div>'}`;
    } catch (e) { out.innerHTML = errorBox(e); }
  };
  $('#bulk-form').onsubmit = async ev => {
    ev.preventDefault();
    const f = ev.target.file.files[0];
    if (!f) return;
    const text = await f.text();
    const lines = text.split('\n').filter(l => l.trim()).length - (f.name.toLowerCase().endsWith('.csv') ? 1 : 0);
    const headers = { 'Content-Type': 'text/csv' };
    if (ev.target.key.value.trim()) headers['Idempotency-Key'] = ev.target.key.value.trim();
    try {
      const job = await api('/api/bulk-jobs?name=' + encodeURIComponent(f.name), { method: 'POST', body: text, raw: true, headers });
      sessionStorage.setItem('lodestone.lines.' + job.id, String(lines));
      history.replaceState(null, '', '#bulk/' + job.id);
      watchJob(job.id, job.duplicate);
    } catch (e) { $('#bulk-job').innerHTML = errorBox(e); }
  };
  $('#sample').onclick = ev => { ev.preventDefault(); download('/api/bulk-sample?lines=200', 'sample-entries.csv'); };
  if (id) watchJob(id, false);
  listJobs();
}

async function listJobs() {
  const jobs = await api('/api/bulk-jobs?limit=20');
  $('#bulk-list').innerHTML = jobs.length ? `<table><thead><tr><th>Job</th><th>File</th><th>Status</th><th class="num">Lines</th>
    <th class="num">Rejected</th><th class="num">Total duty</th><th>Submitted</th></tr></thead><tbody>
    ${jobs.map(j => `<tr><td><a href="#bulk/${j.id}">#${j.id}</a></td><td>${esc(j.file_name)}</td><td>${tag(j.status)}</td>
      <td class="num">${num(j.lines_done, 0)}</td><td class="num">${num(j.rejected, 0)}</td><td class="num">${usd(j.total_duty)}</td>
      <td class="hint">${esc(j.created_at)} by ${esc(j.submitted_by)}</td></tr>`).join('')}</tbody></table>`
    : '<div class="empty">No bulk jobs yet. Upload a file above — or download the sample and upload that.</div>';
}

let watching = null;
async function watchJob(id, duplicate) {
  clearTimeout(watching);
  const el = $('#bulk-job');
  if (!el) return;
  let j;
  try { j = await api('/api/bulk-jobs/' + id); } catch (e) { el.innerHTML = errorBox(e); return; }
  const total = Number(sessionStorage.getItem('lodestone.lines.' + id)) || null;
  const done = j.status === 'done';
  const frac = done ? 1 : total ? Math.min(1, j.lines_done / total) : 0;
  el.innerHTML = `<div class="card" data-testid="bulk-job">
    <div class="row" style="justify-content:space-between"><div><b>Job #${j.id}</b> · ${esc(j.file_name)} · ${num(j.size_bytes / 1024, 1)} KiB
      ${tag(j.status)} ${duplicate ? '<span class="tag">already submitted: the earlier job is shown</span>' : ''}</div>
      <div class="hint">regime ${esc(j.regime)}</div></div>
    <div class="progress" style="margin:12px 0" title="${Math.round(frac * 100)} %"><div data-testid="progress" style="width:${(frac * 100).toFixed(1)}%"></div></div>
    <div class="kpis">
      <div><span>Lines done</span><b class="big" data-testid="lines-done">${num(j.lines_done, 0)}</b>${total && !done ? ` <span>of ${num(total, 0)}</span>` : ''}</div>
      <div><span>Assessed</span><b class="big">${num(j.assessed, 0)}</b></div>
      <div><span>Prohibited</span><b class="big">${num(j.prohibited, 0)}</b></div>
      <div><span>Rejected</span><b class="big" data-testid="rejected">${num(j.rejected, 0)}</b></div>
      <div><span>Total duty</span><b class="big">${usd(j.total_duty)}</b></div>
    </div>
    ${j.error ? errorBox({ message: j.error }) : ''}
    ${done ? `<div class="row"><button class="secondary" id="dl-results" data-testid="download-results">Download results (CSV)</button>
      <button class="secondary" id="dl-rejects" data-testid="download-rejects">Download rejects (CSV)</button>
      <span class="hint">Results: one row per input line, in order. Rejects: line, line_id, field and reason.</span></div>` : '<p class="hint">Working… this page follows the job.</p>'}
  </div>`;
  if (done) {
    $('#dl-results').onclick = () => download(j.results, j.file_name.replace(/\.[a-z]+$/i, '') + '-results.csv');
    $('#dl-rejects').onclick = () => download(j.rejects, j.file_name.replace(/\.[a-z]+$/i, '') + '-rejects.csv');
    listJobs();
  } else if (j.status !== 'failed') {
    watching = setTimeout(() => { if (location.hash.startsWith('#bulk')) watchJob(id, duplicate); }, 500);
  }
}

async function download(path, name) {
  const res = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
  if (!res.ok) { alert('Download failed: HTTP ' + res.status); return; }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ------------------------------------------------------------------ Regime

async function regimePage([code]) {
  main().innerHTML = `
    <h1>Regime browser</h1>
    <p class="lead">The US tariff schedule and the measures on it — base rates, Section 232/301/122 and IEEPA duties, prohibitions,
      preferences — as of a date, for an origin, each with its legal base; what changed between two dates; the agreements and their commitments.</p>
    <div class="split">
      <div class="card">
        <form id="rsearch" class="row"><label style="flex:1">Search the schedule<input name="q" placeholder="words or a code"></label><button>Search</button></form>
        <div class="tree" id="tree"></div>
      </div>
      <div>
        <form id="code-form" class="card row">
          <label>Code <input name="code" placeholder="e.g. 2846.90.80" data-testid="code-input"></label>
          <label>Date <input name="date" type="date"></label>
          <label>Origin <input name="origin" placeholder="any, or CN" maxlength="2"></label>
          <button>Show</button>
        </form>
        <div id="code-view"><div class="empty">Pick a line in the tree or type a code to see its measures.</div></div>
      </div>
    </div>
    <h2>What changed between two dates</h2>
    <form id="diff-form" class="card row">
      <label>From <input name="from" type="date" value="2026-02-23"></label>
      <label>To <input name="to" type="date" value="2026-02-24"></label>
      <button>Show changes</button><span class="hint">Preset: the switch from IEEPA duties to the Section 122 surcharge.</span>
    </form>
    <div id="diff-view"></div>
    <h2>Agreements and commitments</h2>
    <div id="agreements"></div>`;
  const cf = $('#code-form');
  cf.date.value = today();
  cf.onsubmit = ev => { ev.preventDefault(); showCode(cf.code.value.trim(), cf.date.value, cf.origin.value.trim().toUpperCase()); };
  $('#diff-form').onsubmit = ev => { ev.preventDefault(); showDiff(ev.target.from.value, ev.target.to.value); };
  $('#rsearch').onsubmit = async ev => {
    ev.preventDefault();
    try {
      const r = await api('/api/regime/search?limit=60&q=' + encodeURIComponent(ev.target.q.value));
      $('#tree').innerHTML = r.results.length ? '<ul>' + r.results.map(x => `<li><span data-code="${esc(x.code || '')}"><span class="code">${esc(x.code || '')}</span>${esc(x.description)}</span></li>`).join('') + '</ul>'
        : '<div class="empty">No line matches.</div>';
      $('#tree').querySelectorAll('[data-code]').forEach(s => s.onclick = () => { if (s.dataset.code) { cf.code.value = s.dataset.code; cf.requestSubmit(); } });
    } catch (e) { $('#tree').innerHTML = errorBox(e); }
  };
  await loadTree($('#tree'), null);
  showDiff('2026-02-23', '2026-02-24');
  loadAgreements();
  if (code) { cf.code.value = code; cf.requestSubmit(); }
}

async function loadTree(el, code) {
  const r = await api('/api/regime/tree' + (code ? '?code=' + encodeURIComponent(code) : ''));
  el.innerHTML = '<ul>' + r.children.map(c => `<li><span data-code="${esc(c.code || '')}" data-kids="${c.has_children}">
    <span class="code">${c.has_children ? '▸ ' : ''}${esc(c.code || '')}</span>${esc(c.description)}</span><div></div></li>`).join('') + '</ul>';
  el.querySelectorAll(':scope > ul > li > span').forEach(s => s.onclick = async () => {
    const box = s.nextElementSibling;
    if (s.dataset.code && s.dataset.code.length > 2) {
      const cf = $('#code-form'); cf.code.value = s.dataset.code; cf.requestSubmit();
    }
    if (s.dataset.kids === 'true' && s.dataset.code) {
      if (box.innerHTML) box.innerHTML = ''; else await loadTree(box, s.dataset.code);
    }
  });
}

async function showCode(code, date, origin) {
  const el = $('#code-view');
  if (!code) { el.innerHTML = '<div class="empty">Type a code.</div>'; return; }
  el.innerHTML = '<p class="hint">Loading…</p>';
  try {
    const q = new URLSearchParams({ date });
    if (origin) q.set('origin', origin);
    const [c, t] = await Promise.all([api(`/api/regime/codes/${encodeURIComponent(code)}?` + q),
      api(`/api/regime/codes/${encodeURIComponent(code)}/timeline` + (origin ? '?origin=' + origin : ''))]);
    el.innerHTML = `<div class="card" data-testid="code-view">
      <div><span class="mono">${esc(c.code)}</span> <b>${esc(c.description)}</b> ${c.declarable ? '' : '<span class="tag">not declarable</span>'}</div>
      <div class="hint">${c.ancestors.map(a => esc(a.code + ' ' + a.description)).join(' › ')}</div>
      <h2>Base rates on ${esc(c.date)}${c.origin ? ' for goods of ' + esc(c.origin) : ''}</h2>
      <table><thead><tr><th>Column</th><th>Duty</th><th>Applies</th><th>Why</th></tr></thead><tbody>
      ${c.base_rates.map(b => `<tr><td>${esc(b.id)}${b.program ? ' (' + esc(b.program) + ')' : ''}</td><td class="mono">${esc(b.duty ?? b.source_text)}</td>
        <td>${b.applies ? 'yes' : 'no'}</td><td class="hint">${esc(b.why)}</td></tr>`).join('') || '<tr><td colspan="4" class="hint">none</td></tr>'}</tbody></table>
      <h2>Measures in force</h2>
      <table data-testid="code-measures"><thead><tr><th>Series</th><th>Measure</th><th>Duty</th><th>Legal base</th><th>Valid</th></tr></thead><tbody>
      ${c.measures.map(m => measureRow(m)).join('') || '<tr><td colspan="5" class="hint">No overlay measure applies on this date.</td></tr>'}</tbody></table>
      ${c.excluded.length ? `<p class="hint">Excluded from: ${c.excluded.map(x => esc(x.id + ' (' + x.title + ')')).join('; ')}</p>` : ''}
      <h2>Timeline of measures on this code${t.origin ? ' for ' + esc(t.origin) : ''}</h2>
      ${timeline(t.measures)}
    </div>`;
  } catch (e) { el.innerHTML = errorBox(e); }
}

function measureRow(m) {
  const lb = m.legal_base || {};
  return `<tr><td>${esc(m.series)}</td><td>${esc(m.output_id)}<div class="hint">${esc(m.title)}</div>
    ${m.conditions.length ? `<div class="hint">${m.conditions.map(esc).join('<br>')}</div>` : ''}</td>
    <td class="mono">${esc(m.duty ?? m.type)}</td><td class="hint">${esc([lb.heading, lb.instrument, lb.notice].filter(Boolean).join(' · '))}</td>
    <td class="hint">${esc(m.valid_from ?? '…')} → ${esc(m.valid_to ?? '…')}</td></tr>`;
}

function timeline(ms) {
  if (!ms.length) return '<div class="empty">No overlay measure ever covers this code.</div>';
  const d = s => s ? new Date(s).getTime() : null;
  // the axis spans 2024 onwards (the period the regime's changes fall in); older measures start at its left edge
  const lo = Math.max(Date.UTC(2024, 0, 1), Math.min(...ms.map(m => d(m.valid_from) ?? Date.UTC(2024, 0, 1))));
  const hi = Math.max(Date.now() + 180 * 864e5, ...ms.map(m => d(m.valid_to) ?? 0));
  return `<p class="hint">Axis: ${new Date(lo).toISOString().slice(0, 10)} to ${new Date(hi).toISOString().slice(0, 10)}.</p>
    <table data-testid="timeline"><tbody>${ms.map(m => {
    const a = Math.max(lo, d(m.valid_from) ?? lo), b = d(m.valid_to) ?? hi;
    const left = (a - lo) / (hi - lo) * 100, width = Math.max(0.6, (b - a) / (hi - lo) * 100);
    return `<tr><td style="width:38%">${esc(m.output_id)}<div class="hint">${esc(m.duty ?? m.type)}</div></td>
      <td><div style="position:relative;height:10px"><div class="bar" style="position:absolute;left:${left}%;width:${width}%"></div></div>
      <div class="hint">${esc(m.valid_from ?? '…')} → ${esc(m.valid_to ?? 'open')}</div></td></tr>`;
  }).join('')}</tbody></table>`;
}

async function showDiff(from, to) {
  const el = $('#diff-view');
  try {
    const r = await api(`/api/regime/diff?from=${from}&to=${to}`);
    el.innerHTML = r.changes.length ? `<div class="card"><table data-testid="diff"><thead><tr><th>Date</th><th>Change</th><th>What</th><th>Id</th><th>Detail</th></tr></thead><tbody>
      ${r.changes.map(c => `<tr><td>${esc(c.date)}</td><td>${esc(c.change)}</td><td>${esc(c.kind)}</td><td class="mono">${esc(c.id)}</td><td class="hint">${esc(c.detail)}</td></tr>`).join('')}
      </tbody></table></div>` : '<div class="empty">Nothing changed between these dates.</div>';
  } catch (e) { el.innerHTML = errorBox(e); }
}

async function loadAgreements() {
  const el = $('#agreements');
  const all = await api('/api/agreements');
  el.innerHTML = all.map(a => `<details class="card"><summary><b>${esc(a.name)}</b> ${tag(a.status || '')} ${a.illustrative ? '<span class="tag">illustrative, not law</span>' : ''}
      <span class="hint">${esc(Object.entries(a.dates).map(([k, v]) => k + ' ' + v).join(' · '))}</span></summary>
    <p class="hint">Parties: ${esc(a.parties.join(', '))}${a.builds_on.length ? ' · builds on ' + esc(a.builds_on.join(', ')) : ''}</p>
    ${a.deadlines.length ? `<table><thead><tr><th>Due</th><th>Status</th><th>Deadline</th></tr></thead><tbody>${a.deadlines.map(d =>
      `<tr><td>${esc(d.due ?? 'pending')}</td><td>${tag(d.status)}</td><td>${esc(d.what)}</td></tr>`).join('')}</tbody></table>` : ''}
    <ul>${a.commitments.map(c => `<li><span class="tag">${esc(c.category ?? '')}</span> [${esc(c.party)}] ${esc(c.text)}
      ${c.source ? `<div class="hint">source: ${esc(c.source)}</div>` : ''}</li>`).join('')}</ul></details>`).join('')
    || '<div class="empty">This regime has no agreements.</div>';
}

// ------------------------------------------------------------------ Scenarios

let scenarioInfo = null;

async function scenariosPage([sub, id]) {
  const list = await api('/api/scenarios');
  main().innerHTML = `
    <h1>Market scenarios</h1>
    <p class="lead">Multi-region equilibrium of one mineral market under a policy — a club price floor enforced by a variable levy,
      a price-gap subsidy, an export ban, a stockpile release — against its calibrated baseline (USGS figures). Pick a scenario,
      change its parameters, run it.</p>
    <div class="card">
      <div class="row">
        <label style="flex:1">Scenario <select id="sc-pick" data-testid="scenario-pick">${list.map(s =>
          `<option value="${esc(s.name)}">${esc(s.name)} — ${esc(s.description)}</option>`).join('')}</select></label>
      </div>
      <div id="sc-params" style="margin-top:12px"></div>
    </div>
    <div id="sc-result"></div>
    <details class="card" id="lcp-card">
      <summary>The solver on its own: a raw linear complementarity problem</summary>
      <p class="hint">Find z ≥ 0 with w = Mz + q ≥ 0 and z·w = 0 — the problem every market equilibrium is reduced to, solved by
        the same Lemke method (lexicographic ratio test). As <code>lodestone solve-lcp</code> and <code>POST /api/lcp</code>.</p>
      <form id="lcp-form">
        <label>Problem (JSON) <textarea name="lcp" rows="4" data-testid="lcp-input">{"M": [[2, 1], [1, 2]], "q": [-5, -6]}</textarea></label>
        <button type="submit" data-testid="lcp-solve">Solve</button>
      </form>
      <div id="lcp-result" data-testid="lcp-result"></div>
    </details>`;
  $('#lcp-form').onsubmit = async ev => {
    ev.preventDefault();
    const out = $('#lcp-result');
    let problem;
    try { problem = JSON.parse(ev.target.lcp.value); } catch { out.innerHTML = errorBox({ message: 'The problem is not valid JSON: expected {"M": [[…]], "q": […]}' }); return; }
    try {
      const r = await api('/api/lcp', { method: 'POST', body: problem });
      out.innerHTML = r.status === 'solved'
        ? `<p><b>Solved</b> in ${r.pivots} pivots; residual max|min(z, w)| = ${Number(r.residual).toExponential(2)}</p>
           <table><tr><th>i</th><th class="num">z</th><th class="num">w</th></tr>${r.z.map((z, i) =>
             `<tr><td>${i + 1}</td><td class="num">${num(z, 9)}</td><td class="num">${num(r.w[i], 9)}</td></tr>`).join('')}</table>`
        : `<p><b>No solution</b> after ${r.pivots} pivots: ${esc(r.reason)}</p>`;
    } catch (e) { out.innerHTML = errorBox(e); }
  };
  const pick = $('#sc-pick');
  pick.onchange = () => loadScenario(pick.value);
  if (sub === 'run' && id) {
    const run = await api('/api/scenario-runs/' + encodeURIComponent(id));
    const known = list.find(s => s.name === run.scenario);
    if (known) { pick.value = run.scenario; await loadScenario(run.scenario); }
    showRun(run);
  } else {
    const first = list.find(s => s.kind === 'scenario') || list[0];
    if (first) { pick.value = first.name; await loadScenario(first.name); }
  }
}

let scenarioSeq = 0;
async function loadScenario(name) {
  const seq = ++scenarioSeq;
  const info = await api('/api/scenarios/' + encodeURIComponent(name));
  if (seq !== scenarioSeq) return; // another scenario was picked meanwhile
  scenarioInfo = info;
  const s = scenarioInfo, p = s.parameters, u = s.units;
  const fields = [];
  if ('floor' in p) fields.push(`<label>Floor price (${esc(u.price)}) <input name="floor" type="number" step="any" min="0" value="${esc(p.floor)}" data-testid="param-floor"></label>`);
  if ('strike' in p) fields.push(`<label>Subsidy strike (${esc(u.price)}) <input name="strike" type="number" step="any" min="0" value="${esc(p.strike)}"></label>`);
  if ('members' in p) fields.push(`<label>Club members <input name="members" value="${esc((p.members || []).join(', '))}"><span class="hint">region ids, comma-separated</span></label>`);
  if ('ban' in p) fields.push(`<label>Export ban <select name="ban"><option value="true">in force</option><option value="false">lifted</option></select></label>`);
  if ('ban_months' in p) fields.push(`<label>Ban length (months of the year) <input name="ban_months" type="number" min="0" max="12" step="1" value="${esc(p.ban_months)}" data-testid="param-ban-months"><span class="hint">shorter than 12: the banned region exports (12 − months)/12 of its baseline trade</span></label>`);
  for (const [r, q] of Object.entries(p.releases || {})) fields.push(`<label>Stockpile release by ${esc(r)} (${esc(u.quantity)}) <input name="release-${esc(r)}" type="number" step="any" min="0" value="${esc(q)}"></label>`);
  $('#sc-params').innerHTML = `
    <p>${esc(s.description)}</p>
    <p class="hint">Mineral: ${esc(s.minerals.join(', '))} · regions: ${esc(s.regions.join(', '))} · ${s.baseline ? 'compared with baseline ' + esc(s.baseline) : 'a baseline (no policy)'}
      · policies: ${esc(s.policies.join('; ') || 'none')}</p>
    <form id="sc-form" data-scenario="${esc(s.name)}">
      ${fields.length ? `<div class="grid">${fields.join('')}</div>` : '<p class="hint">This scenario has no editable parameters; edit its file below or pick another.</p>'}
      <details style="margin-top:10px"><summary>Edit the scenario file (YAML, docs/scenario-format.md)</summary>
        <textarea name="text" rows="16" style="width:100%;margin-top:6px">${esc(s.text)}</textarea>
        <p class="hint">When you change the file, it is run as written (the parameter fields above are then ignored).</p></details>
      <div class="row" style="margin-top:10px"><button type="submit" data-testid="run-scenario">Run scenario</button></div>
    </form>`;
  $('#sc-form').onsubmit = async ev => {
    ev.preventDefault();
    const f = ev.target;
    const body = { scenario: s.name };
    if (f.text.value !== s.text) body.text = f.text.value;
    else {
      // only what the person changed is sent, so an unchanged scenario runs exactly as bundled
      const params = {};
      if (f.floor && Number(f.floor.value) !== Number(p.floor)) params.floor = Number(f.floor.value);
      if (f.strike && Number(f.strike.value) !== Number(p.strike)) params.strike = Number(f.strike.value);
      if (f.members) {
        const m = f.members.value.split(/[,\s]+/).filter(Boolean).map(x => x.toUpperCase());
        if (m.join(',') !== (p.members || []).join(',')) params.members = m;
      }
      if (f.ban && f.ban.value !== 'true') params.ban = false;
      if (f.ban_months && Number(f.ban_months.value) !== Number(p.ban_months)) params.ban_months = Number(f.ban_months.value);
      const rel = {};
      for (const r of Object.keys(p.releases || {})) if (Number(f['release-' + r].value) !== Number(p.releases[r])) rel[r] = Number(f['release-' + r].value);
      if (Object.keys(rel).length) params.releases = rel;
      if (Object.keys(params).length) body.parameters = params;
    }
    $('#sc-result').innerHTML = '<p class="hint">Solving…</p>';
    try {
      const run = await api('/api/scenario-runs', { method: 'POST', body });
      history.replaceState(null, '', '#scenarios/run/' + run.id);
      showRun(run);
    } catch (e) {
      $('#sc-result').innerHTML = errorBox(e.code ? e : { message: e.message });
    }
  };
}

function showRun(run) {
  const el = $('#sc-result');
  if (run.status !== 'solved' || !run.result || run.result.status !== 'solved') {
    el.innerHTML = errorBox({ message: 'No equilibrium: ' + (run.error || (run.result && run.result.reason) || 'unknown') });
    return;
  }
  const r = run.result, u = r.units, t = r.totals;
  el.innerHTML = `
    <div class="card" data-testid="scenario-result">
      <div class="row" style="justify-content:space-between"><div><b>${esc(r.scenario)}</b> against <b>${esc(r.baseline)}</b> ${tag('solved')}
        <span class="hint">${esc(r.policies.join('; '))}</span></div>
        <div class="hint">run #${run.id} · ${num(run.millis, 1)} ms · residual ${Number(r.solver.residual).toExponential(1)} · ${r.solver.pivots} pivots ·
          <a href="#scenarios/run/${run.id}">link</a></div></div>
      <div class="kpis" style="margin-top:10px">
        <div><span>Levy revenue</span><b class="big" data-testid="levy-revenue">${money(t.levy_revenue.scenario, u)}</b></div>
        <div><span>Subsidy cost</span><b class="big">${money(t.subsidy_outlay.scenario, u)}</b></div>
        <div><span>Quota rents</span><b class="big">${money(t.quota_rents.scenario, u)}</b></div>
        <div><span>HHI of production</span><b class="big">${num(t.hhi.baseline, 0)} → ${num(t.hhi.scenario, 0)}</b></div>
        <div><span>Non-member share of club supply</span><b class="big">${pct(t.non_member_share_of_club_supply.baseline)} → ${pct(t.non_member_share_of_club_supply.scenario)}</b></div>
      </div>
    </div>
    <div class="charts">
      <div class="card"><h2>Prices by region (${esc(u.price)})</h2><div class="chart" id="ch-prices" data-testid="price-chart"></div></div>
      <div class="card"><h2>Production shares</h2><div class="chart" id="ch-shares"></div></div>
      <div class="card"><h2>Levy revenue and subsidy cost (${esc(moneyUnit(u))})</h2><div class="chart" id="ch-fiscal"></div></div>
      <div class="card"><h2>Trade flows (${esc(u.quantity)})</h2><div class="chart" id="ch-flows"></div></div>
    </div>
    <div class="card"><h2>World map: production (${esc(u.quantity)}) and trade flows in the scenario</h2><div class="map" id="ch-map" data-testid="map"></div></div>
    <div class="card"><h2>By region</h2><table><thead><tr><th>Region</th><th class="num">Price</th><th class="num">Production</th><th class="num">Consumption</th>
      <th class="num">Net imports</th><th class="num">Consumer surplus Δ</th><th class="num">Producer surplus Δ</th></tr></thead><tbody>
      ${r.regions.map(x => `<tr><td>${esc(x.id)}</td><td class="num">${num(x.price.baseline, 2)} → <b>${num(x.price.scenario, 2)}</b></td>
        <td class="num">${num(x.production.baseline, 0)} → ${num(x.production.scenario, 0)}</td><td class="num">${num(x.consumption.baseline, 0)} → ${num(x.consumption.scenario, 0)}</td>
        <td class="num">${num(x.net_imports.baseline, 0)} → ${num(x.net_imports.scenario, 0)}</td><td class="num">${money(x.consumer_surplus_change, u)}</td>
        <td class="num">${money(x.producer_surplus_change, u)}</td></tr>`).join('')}</tbody></table>
      <p class="hint">Prices in ${esc(u.price)}, quantities in ${esc(u.quantity)}; surplus changes against the baseline.</p></div>`;
  drawRun(r);
}

// price unit × quantity unit → money: USD/kg × t = thousand USD
function moneyUnit(u) { return /\/kg$/.test(u.price) && u.quantity === 't' ? 'USD million' : u.price.split('/')[0] + '·' + u.quantity; }
function money(v, u) {
  if (v === null || v === undefined) return '—';
  if (/\/kg$/.test(u.price) && u.quantity === 't') return num(v / 1000, 2) + ' M USD';
  return num(v, 0) + ' ' + u.price.split('/')[0];
}

let worldLoaded = null;
async function drawRun(r) {
  if (!window.echarts) { setTimeout(() => drawRun(r), 200); return; }
  const ids = r.regions.map(x => x.id);
  const prices = chart($('#ch-prices'));
  prices.setOption({ tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 50, right: 10, bottom: 30 },
    xAxis: { type: 'category', data: ids }, yAxis: { type: 'value', name: r.units.price },
    series: [{ name: 'baseline', type: 'bar', data: r.regions.map(x => +x.price.baseline.toFixed(2)) },
             { name: 'scenario', type: 'bar', data: r.regions.map(x => +x.price.scenario.toFixed(2)) }] });
  const shares = chart($('#ch-shares'));
  shares.setOption({ tooltip: { trigger: 'axis', valueFormatter: v => v + ' %' }, legend: {}, grid: { left: 50, right: 10, bottom: 30 },
    xAxis: { type: 'category', data: ids }, yAxis: { type: 'value', name: '%' },
    series: ['baseline', 'scenario'].map(k => ({ name: k, type: 'bar', data: r.regions.map(x => +(x.production_share[k] * 100).toFixed(1)) })) });
  const t = r.totals, m = v => +((/\/kg$/.test(r.units.price) && r.units.quantity === 't') ? v / 1000 : v).toFixed(2);
  const fiscal = chart($('#ch-fiscal'));
  fiscal.setOption({ tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 10, bottom: 30 },
    xAxis: { type: 'category', data: ['levy revenue', 'subsidy cost', 'tariff revenue', 'quota rents', 'export tax'] }, yAxis: { type: 'value' },
    series: ['baseline', 'scenario'].map(k => ({ name: k, type: 'bar', data: [t.levy_revenue[k], t.subsidy_outlay[k], t.tariff_revenue[k], t.quota_rents[k], t.export_tax_revenue[k]].map(m) })) });
  const flows = chart($('#ch-flows'));
  // exporters on the left, importers on the right (a trailing/leading space keeps the two sides apart)
  const links = r.flows.filter(f => f.flow.scenario > 1e-6).map(f => ({ source: f.from + ' ', target: ' ' + f.to, value: +f.flow.scenario.toFixed(1) }));
  const names = [...new Set(links.flatMap(l => [l.source, l.target]))];
  if (links.length) {
    flows.setOption({ tooltip: {}, series: [{ type: 'sankey', data: names.map(n => ({ name: n })), links, emphasis: { focus: 'adjacency' } }] });
  } else {
    $('#ch-flows').innerHTML = '<div class="empty">No trade between regions in this scenario.</div>';
  }
  // the world map
  if (!worldLoaded) worldLoaded = fetch('/geo/world.json').then(x => x.json()).then(g => { echarts.registerMap('world', g); return g; });
  const world = await worldLoaded;
  // each region is drawn over the countries it stands for (a regime group's members in the reference year, an
  // aggregate's declared countries); its flows start and end at the mean of their label points
  const members = (scenarioInfo && scenarioInfo.region_members) || {};
  const byIso = {};
  for (const x of r.regions) (members[x.id] || []).forEach(c => byIso[c] = x);
  const anchor = {};
  for (const x of r.regions) {
    const cps = world.features.filter(f => byIso[f.properties.iso2] === x).map(f => f.properties.cp);
    if (cps.length) anchor[x.id] = [0, 1].map(i => cps.reduce((sum, cp) => sum + cp[i], 0) / cps.length);
  }
  const data = world.features.map(f => {
    const reg = byIso[f.properties.iso2];
    return { name: f.properties.name, value: reg ? +reg.production.scenario.toFixed(0) : null, region: reg ? reg.id : null };
  });
  const max = Math.max(1, ...r.regions.map(x => x.production.scenario));
  const mapChart = chart($('#ch-map'));
  mapChart.setOption({
    tooltip: { formatter: p => p.seriesType === 'lines' ? `${p.data.from} → ${p.data.to}: ${num(p.data.value, 0)} ${r.units.quantity}`
      : `${esc(p.name)}${p.data && p.data.region ? ` (region ${p.data.region})<br>production ${num(p.value, 0)} ${r.units.quantity}` : ''}` },
    visualMap: { min: 0, max, text: ['more', 'less'], calculable: true, inRange: { color: ['#e8eef8', '#1f5fbf'] }, left: 10, bottom: 10 },
    geo: { map: 'world', roam: true, itemStyle: { areaColor: '#f0f0f0', borderColor: '#bbb' }, emphasis: { disabled: true } },
    series: [{ type: 'map', geoIndex: 0, data },
      { type: 'lines', coordinateSystem: 'geo', effect: { show: true, symbol: 'arrow', symbolSize: 6, period: 5 },
        lineStyle: { color: '#b3261e', curveness: 0.25, opacity: 0.6 },
        data: r.flows.filter(f => f.flow.scenario > 1e-6 && anchor[f.from] && anchor[f.to]).map(f => ({ from: f.from, to: f.to,
          value: f.flow.scenario, coords: [anchor[f.from], anchor[f.to]], lineStyle: { width: 1 + 6 * f.flow.scenario / max } })) },
      { type: 'scatter', coordinateSystem: 'geo', symbolSize: 7, itemStyle: { color: '#1d2330' },
        label: { show: true, formatter: p => p.name, position: 'right', fontSize: 11 },
        data: Object.entries(anchor).map(([id, cp]) => ({ name: id, value: cp })) }] });
}

// ------------------------------------------------------------------ History and tokens

async function historyPage() {
  const runs = await api('/api/runs?limit=100');
  main().innerHTML = `<h1>History</h1><p class="lead">Assessments (the ledger), bulk jobs and scenario runs, newest first.</p>
    ${runs.length ? `<div class="card"><table data-testid="history"><thead><tr><th>When</th><th>Kind</th><th>What</th><th>Who</th></tr></thead><tbody>
    ${runs.map(x => `<tr><td class="hint">${esc(x.at)}</td><td>${esc(x.kind)}</td><td><a href="${esc(x.link)}">${esc(x.summary)}</a></td><td class="hint">${esc(x.actor)}</td></tr>`).join('')}
    </tbody></table></div>` : '<div class="empty">Nothing yet: assess a shipment, upload a bulk file or run a scenario.</div>'}`;
}

async function tokensPage() {
  if (!me || me.role !== 'admin') { main().innerHTML = '<div class="empty">Only administrators manage tokens.</div>'; return; }
  const list = await api('/api/tokens');
  main().innerHTML = `<h1>API tokens</h1><p class="lead">Analysts read and run; administrators also manage tokens and the active regime.
    A token's secret is shown once, when it is made.</p>
    <form id="tok-form" class="card row"><label style="flex:1">Name <input name="name" placeholder="who or what uses it" required></label>
      <label>Role <select name="role"><option>analyst</option><option>admin</option></select></label><button>Make token</button></form>
    <div id="tok-new"></div>
    <div class="card"><table><thead><tr><th>Id</th><th>Name</th><th>Role</th><th>Made</th><th>Status</th><th></th></tr></thead><tbody>
    ${list.map(t => `<tr><td>${t.id}</td><td>${esc(t.name)}</td><td>${esc(t.role)}</td><td class="hint">${esc(t.created_at)} by ${esc(t.created_by)}</td>
      <td>${t.revoked_at ? 'revoked ' + esc(t.revoked_at) : 'active'}</td><td>${!t.revoked_at && t.id !== me.token_id ? `<button class="secondary" data-revoke="${t.id}">Revoke</button>` : ''}</td></tr>`).join('')}
    </tbody></table></div>`;
  $('#tok-form').onsubmit = async ev => {
    ev.preventDefault();
    try {
      const t = await api('/api/tokens', { method: 'POST', body: { name: ev.target.name.value, role: ev.target.role.value } });
      await tokensPage();
      $('#tok-new').innerHTML = `<div class="card">New token for <b>${esc(t.name)}</b> (${esc(t.role)}) — copy it now, it is not shown again:
        <div class="mono" style="margin-top:6px">${esc(t.secret)}</div></div>`;
    } catch (e) { $('#tok-new').innerHTML = errorBox(e); }
  };
  document.querySelectorAll('[data-revoke]').forEach(b => b.onclick = async () => { await api('/api/tokens/' + b.dataset.revoke, { method: 'DELETE' }); tokensPage(); });
}
