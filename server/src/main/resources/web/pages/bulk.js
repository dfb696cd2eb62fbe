// Bulk: upload a file to be assessed in the background, follow the job (cancel it while it is queued or running),
// download results and rejects; and the what-if of a whole file under another regime or date. An administrator may retire a
// finished job (after a confirmation): its file, results and rejects are removed, its counts and totals stay.
import { html, mount, $ } from '../kit/dom.js';
import { fileComparison } from '../kit/compare.js';
import { api, download, ApiError } from '../kit/api.js';
import { num, usd, when } from '../kit/format.js';
import { show, tag, errorBox, formError, checkForm, announce } from '../kit/ui.js';
import { saveReport, downloadButtons, fileName, storedRecord } from '../kit/download.js';

export default { id: 'bulk', title: 'Bulk', render };

// Which job the panel follows, and which compare job: a second upload while the first is running takes the panel over
// (the first one's polling stops instead of drawing its job over the new one every half second)
let watching = null, comparing = null;
// the ids of the jobs they follow (each poll makes a new `watching`: a cancel answered after a poll draws the job again
// if the panel still follows that job)
let watchingId = null, comparingId = null;
let jobSaid = ''; // the job and status last said to screen readers (each poll draws the panel again)

/** An upload's error beside the File field: the API names no field when it is the file itself (empty, too large, malformed). */
const fileError = e => (e.field || !(e.status === 400 || e.status === 413) ? e : { message: e.message, field: 'file' });

async function render(view, [id]) {
  mount(view.main, html`
    <h1>Bulk assessment</h1>
    <p class="lead">Upload a CSV (or JSON Lines) file of entries — one shipment a line, columns as in
      <span class="mono">docs/bulk-format.md</span>: line_id, hts, origin, entry_date, customs_value, currency, quantity and unit
      (required), and optionally content_quantity, content_unit, documents, preference, …
      It is assessed in the background; a job survives a server restart, and the same file uploaded again with the same key is not assessed twice.</p>
    <form id="bulk-form" class="card" novalidate>
      <div class="row">
        <label class="grow">File <input type="file" name="file" accept=".csv,.jsonl,.ndjson,text/csv" required data-testid="bulk-file"></label>
        <label>Idempotency key <input name="key" placeholder="optional"></label>
        <button type="submit" data-testid="bulk-upload">Upload and assess</button>
      </div>
      <p class="hint">No file at hand? <a href="#" id="sample" data-testid="sample">Download a sample</a> of 200 generated shipments
        (a few malformed on purpose, to show the rejects) and upload it.</p>
    </form>
    <div id="bulk-job"></div>
    <details class="card" id="cmp-card">
      <summary>What-if: compare a whole file under another regime, on another date or from other origins</summary>
      <p class="hint">Every line of a CSV file assessed twice — under the active regime as entered, and under another regime, on
        another entry date or with its goods from other origins — with the totals and the lines whose duty changes most (as
        <code>lodestone compare</code>). A preference claim the new origin cannot use is dropped, and a warning says so.</p>
      <form id="cmp-form" class="row" novalidate>
        <label class="grow">File <input type="file" name="file" accept=".csv,text/csv" required data-testid="cmp-file"></label>
        <label>Compare with <input name="with" value="date:2025-12-31" data-testid="cmp-with" list="cmp-regimes">
          <span class="hint">date:YYYY-MM-DD, or a regime; empty: the active regime</span></label>
        <label>Origins moved <input name="with_origin" placeholder="CN=VN" data-testid="cmp-origin" autocomplete="off">
          <span class="hint">FROM=TO, comma-separated (optional)</span></label>
        <datalist id="cmp-regimes"><option value="date:2025-12-31"><option value="bundled"><option value="bundled:plurilateral"></datalist>
        <button type="submit" data-testid="cmp-run">Compare</button>
      </form>
      <div id="cmp-result" data-testid="cmp-result"></div>
    </details>
    <h2>Recent jobs</h2><div id="bulk-list"></div>`);
  const cmpForm = $('#cmp-form');
  const compareButton = cmpForm.querySelector('[data-testid="cmp-run"]');
  cmpForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (compareButton.disabled) return; // its file on its way (as the upload above)
    const out = $('#cmp-result');
    const bad = checkForm(cmpForm);
    if (bad) { show(out, bad); return; }
    const f = cmpForm.file.files[0];
    // the compare job the panel followed is no longer drawn over this (as the upload above); a second click sent it again
    comparing = null;
    comparingId = null;
    compareButton.disabled = true;
    show(out, html`<p class="hint" data-testid="cmp-uploading">Uploading ${f.name} (${num(f.size / 1024, 1)} KiB)…</p>`);
    try {
      // a compare job (any size): the page follows it and shows the result when it is done
      const job = await api('/api/compare-jobs?top=20' + whatIfQuery(cmpForm) + '&name=' + encodeURIComponent(f.name),
        { method: 'POST', body: f, raw: true, headers: { 'Content-Type': 'text/csv' } });
      if (view.alive) watchCompare(view, job.id);
    } catch (e) {
      if (view.alive) show(out, formError(cmpForm, fileError(e)));
    } finally {
      compareButton.disabled = false;
    }
  });
  const bulkForm = $('#bulk-form');
  const uploadButton = bulkForm.querySelector('[data-testid="bulk-upload"]');
  bulkForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (uploadButton.disabled) return; // an upload on its way (Enter in the form while its button is disabled)
    const bad = checkForm(bulkForm);
    if (bad) { show($('#bulk-job'), bad); return; }
    const f = bulkForm.file.files[0];
    // on a slow connection a large file takes minutes to send: said, and not sent a second time by a second click (the
    // page had said nothing until the server answered, and a second click uploaded the file again to be told it was a
    // duplicate). The job the panel followed is no longer drawn over what this upload says; it stays in the list below
    uploadButton.disabled = true;
    watching = null;
    watchingId = null;
    show($('#bulk-job'), html`<p class="hint" data-testid="bulk-uploading">Uploading ${f.name} (${num(f.size / 1024, 1)} KiB)… the job is shown here once the server has the whole file.</p>`);
    const text = await f.text();
    const lines = text.split('\n').filter(l => l.trim()).length - (f.name.toLowerCase().endsWith('.csv') ? 1 : 0);
    const headers = { 'Content-Type': 'text/csv' };
    if (bulkForm.key.value.trim()) headers['Idempotency-Key'] = bulkForm.key.value.trim();
    try {
      // the file's bytes, as the compare form sends them: the server reads them as assess-file does (a byte that is not UTF-8
      // rejected naming its Windows-1252 character, UTF-16 refused); sent as text, the browser had put U+FFFD for such bytes
      const job = await api('/api/bulk-jobs?name=' + encodeURIComponent(f.name), { method: 'POST', body: f, raw: true, headers });
      if (!view.alive) return;
      sessionStorage.setItem('lodestone.lines.' + job.id, String(lines));
      history.replaceState(null, '', '#bulk/' + job.id);
      watchJob(view, job.id, job.resumed ? 'resumed' : job.duplicate);
      listJobs(view);
    } catch (e) {
      if (view.alive) show($('#bulk-job'), formError(bulkForm, fileError(e), { name: 'file', 'Idempotency-Key': 'key' }));
    } finally {
      uploadButton.disabled = false;
    }
  });
  $('#sample').addEventListener('click', ev => {
    ev.preventDefault();
    download('/api/bulk-sample?lines=200', 'sample-entries.csv').catch(e => show($('#bulk-job'), errorBox(e)));
  });
  if (id) watchJob(view, id, false);
  await listJobs(view);
}

/**
 * The Cancel button of a job followed by polling: the panel is drawn again at each poll, so the button that had the
 * keyboard's focus gets it back in the new drawing (a keyboard user does not lose their place every half second).
 */
function cancelButton(id, testid, label, jobKey) {
  return html`<button type="button" class="secondary" id="${id}" data-testid="${testid}" aria-label="${label}"
    ${cancelling.has(jobKey) ? html`disabled` : ''}>Cancel</button>`;
}
/** The jobs whose cancellation is on its way ("bulk-jobs/12"): their button stays disabled through the polls' drawings. */
const cancelling = new Set();
function focusedId() { return document.activeElement && document.activeElement.id; }

/** POST …/cancel for a job; then draws it again (cancelled, or as it ended meanwhile: the refusal says how). */
async function cancelJob(view, kind, id, button, where, again) {
  button.disabled = true;
  const key = kind + '/' + id;
  cancelling.add(key);
  where.querySelectorAll('[data-cancel-refused]').forEach(b => b.remove()); // an earlier attempt's refusal
  try {
    await api(`/api/${kind}/${encodeURIComponent(id)}/cancel`, { method: 'POST' });
  } catch (e) {
    cancelling.delete(key);
    if (!view.alive) return;
    await again(); // the job as it is now (409: it had ended meanwhile, and the panel says how)
    const box = document.createElement('div');
    box.dataset.cancelRefused = '';
    mount(box, errorBox(e)); // kept under the job while it works (its polls draw only its progress), until the next attempt
    where.append(box);
    announce(e.message);
    return;
  }
  cancelling.delete(key);
  if (view.alive) await again();
}

/** The list drawn last (each drawing a new one: only the last one's refresh goes on). */
let listing = null;
/** How often a list showing a queued or running job is asked again. */
const LIST_MS = 5000;

/**
 * The recent jobs. While one of them is queued or running the list is asked again every few seconds: with several files
 * uploaded, the job the panel no longer follows had stood "running" in the list, its lines as they were, until the page was
 * reloaded (it was asked again only when the followed job ended). A refresh that fails keeps the list and tries again.
 */
async function listJobs(view) {
  const me = listing = {};
  let jobs;
  try {
    jobs = await api('/api/bulk-jobs?limit=20');
  } catch (e) {
    if (!$('#bulk-list') || !$('#bulk-list').firstChild) throw e; // the page's first drawing: said as the page's failure
    if (view.alive && listing === me) view.later(() => { if (listing === me) listJobs(view); }, LIST_MS);
    return;
  }
  if (!view.alive || listing !== me) return;
  if (jobs.some(j => j.status === 'queued' || j.status === 'running')) view.later(() => { if (listing === me) listJobs(view); }, LIST_MS);
  show($('#bulk-list'), jobs.length ? html`<div class="card table-wrap"><table class="stacked" data-testid="bulk-jobs"><thead><tr><th scope="col">Job</th><th scope="col">File</th><th scope="col">Status</th><th scope="col" class="num">Lines</th>
    <th scope="col" class="num">Rejected</th><th scope="col" class="num">Total duty</th><th scope="col">Submitted</th></tr></thead><tbody>
    ${jobs.map(j => html`<tr><td><a href="${'#bulk/' + j.id}">#${j.id}</a></td><td data-label="File">${j.file_name}</td><td data-label="Status">${tag(j.status)}${j.retired_at ? html` <span class="tag" data-testid="list-retired">retired</span>` : ''}</td>
      <td class="num" data-label="Lines">${num(j.lines_done, 0)}</td><td class="num" data-label="Rejected">${num(j.rejected, 0)}</td>
      <td class="num" data-label="Total duty">${usd(j.total_duty)}</td><td class="hint" data-label="Submitted">${when(j.created_at)} by ${j.submitted_by}</td></tr>`)}</tbody></table></div>`
    : html`<div class="empty">No bulk jobs yet. Upload a file above — or download the sample and upload that.</div>`);
}

/**
 * A cancelled or failed job's downloads of the lines it had done (the API offers them once a chunk was committed): said
 * partial on the buttons, in the file names and with the line they stop at.
 */
function partialDownloads(j) {
  if (!j.partial_results) return '';
  // the file's own line numbers, as the rejects give them: a CSV's header is its line 1
  const first = j.format === 'csv' ? 2 : 1, last = first + j.lines_done - 1;
  return html`<div class="row" data-testid="partial-downloads">
    <button class="secondary" id="dl-partial-results" data-testid="download-partial-results">Download partial results (${num(j.lines_done, 0)} lines, CSV)</button>
    <button class="secondary" id="dl-partial-rejects" data-testid="download-partial-rejects">Download partial rejects (${num(j.lines_done, 0)} lines, CSV)</button>
    <span class="hint">Partial: the first ${num(j.lines_done, 0)} entries, the file's lines ${num(first, 0)} to ${num(last, 0)}${first === 2 ? ' (line 1 is its header)' : ''};
      lines ${num(last + 1, 0)} on were not assessed.</span></div>`;
}

/**
 * Whether a failed job's error is a fault of the server's (its words say the file is not at fault, name where the details are
 * — a reference in the server's log — and what to do), not of the file: then "fix the file" is not the advice.
 */
const serverFault = error => /[;.] [Tt]he file is not at fault: /.test(error || '');

async function watchJob(view, id, duplicate) {
  const el = $('#bulk-job');
  const me = watching = {};
  watchingId = String(id);
  let j;
  try {
    j = await api('/api/bulk-jobs/' + encodeURIComponent(id));
  } catch (e) {
    if (!view.alive || watching !== me) return;
    if (!lostContact(e)) { show(el, errorBox(e)); return; }
    sayLostContact(el, 'job-contact', e);
    view.later(() => { if (watching === me) watchJob(view, id, duplicate); }, AGAIN_MS);
    return;
  }
  if (!view.alive || watching !== me) return;
  // where the focus is as the panel is drawn again, not before the poll: a button focused while the poll was on its way
  // had lost the focus for good (the next polls saw it on the page's body)
  const refocus = focusedId() === 'job-cancel';
  const total = Number(sessionStorage.getItem('lodestone.lines.' + id)) || null;
  const done = j.status === 'done', failed = j.status === 'failed', cancelled = j.status === 'cancelled';
  const ended = done || failed || cancelled, retired = !!j.retired_at;
  const admin = view.session.me && view.session.me.role === 'admin';
  // a job that failed through no fault of its file (the server's, or a regime an upgrade changed) is assessed again from the
  // file the server keeps (POST …/resubmit), until an administrator retires it
  const again = failed && !retired && serverFault(j.error);
  const frac = done ? 1 : total ? Math.min(1, j.lines_done / total) : 0;
  const base = j.file_name.replace(/\.[a-z]+$/i, '');
  // what a poll changes: the job's head, progress, counts and warnings (nothing in them is clicked)
  const live = html`<div class="row spread"><div><b>Job #${j.id}</b> · ${j.file_name} · ${num(j.size_bytes / 1024, 1)} KiB
      ${tag(j.status)} ${duplicate === 'resumed' ? html`<span class="tag" data-testid="job-resumed">cancelled earlier: resumed after the lines it had done</span>`
        : duplicate ? html`<span class="tag">already submitted: the earlier job is shown</span>` : ''}</div>
      <div class="hint">regime ${j.regime} · submitted ${when(j.created_at)}${j.finished_at ? html` · finished ${when(j.finished_at)}` : ''}</div></div>
    ${total || ended
      ? html`<progress class="progress" max="100" value="${(frac * 100).toFixed(1)}" data-testid="progress" aria-label="${'Job #' + j.id + ' progress'}">${Math.round(frac * 100)} %</progress>`
      // the file's number of lines is known only to the tab that uploaded it: elsewhere (another tab, after a reload) the bar
      // moves without a share rather than standing at 0 while lines are done (reported: "0" beside 330,000 lines done)
      : html`<progress class="progress" data-testid="progress" aria-label="${'Job #' + j.id + ' progress: ' + num(j.lines_done, 0) + ' lines done'}">${num(j.lines_done, 0)} lines done</progress>`}
    <div class="kpis">
      <div><span>Lines done</span><b class="big" data-testid="lines-done">${num(j.lines_done, 0)}</b>${total && !ended ? html` <span>of ${num(total, 0)}</span>` : ''}</div>
      <div><span>Assessed</span><b class="big">${num(j.assessed, 0)}</b></div>
      <div><span>Prohibited</span><b class="big">${num(j.prohibited, 0)}</b></div>
      <div><span>Rejected</span><b class="big" data-testid="rejected">${num(j.rejected, 0)}</b></div>
      <div><span>Total duty</span><b class="big">${usd(j.total_duty)}</b></div>
    </div>
    ${j.duplicate_ids ? html`<div class="warn" data-testid="job-duplicates"><b>${num(j.duplicate_ids, 0)} ${j.duplicate_ids === 1 ? 'line repeats' : 'lines repeat'}
      the line_id of an earlier line</b> — most often a file concatenated twice. Each is assessed and counted in the totals;
      its row in the results says which line had the id first.</div>` : ''}
    ${j.duplicate_ids_unchecked_lines ? html`<div class="warn" data-testid="job-duplicates-unchecked">Repeated line ids were not
      looked for in the job's first ${num(j.duplicate_ids_unchecked_lines, 0)} lines: a Lodestone from before such repeats were
      checked assessed them. Upload the file again with another idempotency key to have them checked.</div>` : ''}
    ${j.duplicate_check_stopped_at ? html`<div class="warn" data-testid="job-duplicates-partial">Line ids first seen from line
      ${num(j.duplicate_check_stopped_at, 0)} on were not remembered (the file has more distinct ids than a run keeps): their repeats are not warned of.</div>` : ''}`;
  const key = 'bulk-jobs/' + j.id;
  const workingSaid = `${j.status === 'queued' ? 'Queued' : 'Working'}… this page follows the job.`;
  const working = ended ? null : el.querySelector('[data-testid="job-working"]');
  if (working && working.dataset.job === String(j.id) && $('#job-cancel') && $('#job-live')) {
    // the same job still queued or running: only what a poll changes is drawn again. Drawn whole every half second, the
    // Cancel button was a new one each time, and a click whose press and release fell on either side of a drawing was lost
    // (the job never cancelled, the page still saying it works); kept, it is also left enabled once a cancel was refused
    show($('#job-live'), live);
    show(el.querySelector('[data-contact]'), null);
    working.textContent = workingSaid;
    $('#job-cancel').disabled = cancelling.has(key);
    sayJob(j);
    view.later(() => { if (watching === me) watchJob(view, id, duplicate); }, 500);
    return;
  }
  show(el, html`<div class="card" data-testid="bulk-job"><div id="job-live">${live}</div><div data-contact></div>
    ${failed ? html`<div class="error" role="alert" data-testid="job-failed"><b>The job failed</b>${j.error ? html`: ${j.error}` : ''}.
        ${serverFault(j.error) ? 'Nothing more will happen to it.' : 'Nothing more will happen to it; fix the file and upload it again.'}</div>
        ${partialDownloads(j)}
        ${again ? html`<div class="row" id="job-again"><button type="button" id="resubmit-job" data-testid="resubmit-job"
          aria-label="${'Assess the file of job #' + j.id + ' again'}">Assess the file again</button><span class="hint">Its file is
          kept: a new job assesses it whole under the regime the server has now, without uploading it again.</span></div>` : ''}`
      : cancelled ? html`<div class="warn" data-testid="job-cancelled"><b>Cancelled after ${num(j.lines_done, 0)} lines</b>.
        ${j.partial_results ? 'Its results stop there: the partial files below hold those lines only.' : 'It has no results to download.'}
        ${retired ? 'Upload the file again to assess it again.' : 'Upload the same file again (with the same key) to resume it after those lines.'}</div>
        ${partialDownloads(j)}`
      : done ? html`<div class="row">${retired ? '' : html`<button class="secondary" id="dl-results" data-testid="download-results">Download results (CSV)</button>
      <button class="secondary" id="dl-rejects" data-testid="download-rejects">Download rejects (CSV)</button>`}
      <button class="secondary" id="dl-report" data-testid="download-report">Report (HTML)</button>
      ${retired ? '' : html`<span class="hint">Results: one row per input line, in order. Rejects: line, line_id, field and reason.</span>`}</div>
      <div id="job-totals" data-testid="bulk-totals"><p class="hint">Totals…</p></div>`
      : html`<div class="row"><p class="hint" data-testid="job-working" data-job="${j.id}">${workingSaid}</p>
        ${cancelButton('job-cancel', 'cancel-job', 'Cancel job #' + j.id, key)}</div>`}
    ${retired ? html`<div class="warn" data-testid="job-retired"><b>Retired on ${day(j.retired_at)}</b> by an administrator: its
        uploaded file, results and rejects were removed; its counts and totals remain. Upload the file again to assess it again.</div>`
      : ended && admin ? html`<div class="row" id="job-retire"><button type="button" class="secondary" id="retire-job" data-testid="retire-job"
        aria-label="${'Retire job #' + j.id}">Retire…</button><span class="hint">Remove its file, results and rejects from the database
        (its counts and totals stay).</span></div>` : ''}
  </div>`);
  if (ended && admin && !retired) $('#retire-job').addEventListener('click', () => confirmRetire(view, j, id));
  if (again) {
    $('#resubmit-job').addEventListener('click', ev => resubmit(view, 'bulk-jobs', j, ev.target, $('#job-again'), job => {
      const lines = sessionStorage.getItem('lodestone.lines.' + j.id);
      if (lines) sessionStorage.setItem('lodestone.lines.' + job.id, lines);
      history.replaceState(null, '', '#bulk/' + job.id);
      return watchJob(view, job.id, job.duplicate);
    }));
  }
  if (!ended) {
    const b = $('#job-cancel');
    b.addEventListener('click', () => cancelJob(view, 'bulk-jobs', j.id, b, el, () => watchingId === String(id) ? watchJob(view, id, false) : null));
    if (refocus) b.focus();
  }
  sayJob(j);
  if (j.partial_results && ended && !done) {
    const part = `-partial-${j.lines_done}-lines.csv`;
    $('#dl-partial-results').addEventListener('click', () => download(j.partial_results, base + '-results' + part).catch(e => show(el, errorBox(e))));
    $('#dl-partial-rejects').addEventListener('click', () => download(j.partial_rejects, base + '-rejects' + part).catch(e => show(el, errorBox(e))));
  }
  if (done && !retired) {
    $('#dl-results').addEventListener('click', () => download(j.results, base + '-results.csv').catch(e => show(el, errorBox(e))));
    $('#dl-rejects').addEventListener('click', () => download(j.rejects, base + '-rejects.csv').catch(e => show(el, errorBox(e))));
  }
  if (done) {
    // the job's summary (counts that reconcile, total duty, the file's SHA-256) as a printable page (POST /api/reports), by
    // reference: made of GET /api/bulk-jobs/ID's answer as the server gives it
    $('#dl-report').addEventListener('click', ev => saveReport(base + '-job-' + j.id + '-report.html', j, ev.target.parentElement, { bulk_job: j.id }));
    showTotals(view, j, me);
    listJobs(view);
  } else if (failed || cancelled) {
    listJobs(view);
  } else {
    view.later(() => { if (watching === me) watchJob(view, id, duplicate); }, 500);
  }
}

/** The job and its status said to screen readers when the panel starts following a job and when it ends, not at each poll. */
function sayJob(j) {
  const said = `${j.id} ${j.status}`;
  if (jobSaid === said) return;
  jobSaid = said;
  announce(j.status === 'done' ? `Job #${j.id} done: ${num(j.lines_done, 0)} lines, ${num(j.rejected, 0)} rejected`
    : j.status === 'failed' ? `Job #${j.id} failed` : j.status === 'cancelled' ? `Job #${j.id} cancelled after ${num(j.lines_done, 0)} lines`
      : `Job #${j.id} ${j.status}: this page follows it`);
}

/** How long a followed job's page waits before asking again once the server could not be reached. */
const AGAIN_MS = 3000;

/**
 * Whether a poll's failure is a lost contact, to be tried again after: no answer at all (the network, a server restarting:
 * fetch's TypeError) or a 502, 503 or 504 on the way. The job goes on at the server (it survives a restart). The page had
 * shown the failure as the job's end and stopped following it, the job done meanwhile unseen. Any other refusal (404: not
 * this user's job or none; 401: the session ended, and the sign-in form is shown) is said and the page stops asking.
 */
const lostContact = e => e instanceof TypeError || (e instanceof ApiError && [502, 503, 504].includes(e.status));

/** Says in a followed job's panel (its [data-contact] box, or the panel itself before the job was ever shown) that contact is lost. */
function sayLostContact(where, testid, e) {
  let box = where.querySelector('[data-contact]');
  if (!box) {
    box = document.createElement('div');
    box.dataset.contact = '';
    where.replaceChildren(box);
  }
  if (!box.firstChild) announce('Lost contact with the server: this page tries again');
  show(box, html`<p class="warn" data-testid="${testid}">Lost contact with the server (${e.message}); the job goes on there. This page tries again every ${AGAIN_MS / 1000} s.</p>`);
}

/** The day of a timestamp (UTC, as the API's refusals name it). */
const day = iso => String(iso).slice(0, 10);

/**
 * An administrator's retirement of a finished job, asked where it is offered: "Keep" (focused: the choice that changes
 * nothing) or Escape puts the button back; "Retire job #N" removes its file, results and rejects and draws the job again.
 */
function confirmRetire(view, j, id) {
  const box = $('#job-retire');
  mount(box, html`<span class="confirm" data-testid="confirm-retire">Retire job #${j.id} (${j.file_name})? Its uploaded file, results and
    rejects are removed for good; its counts and totals stay.
    <button type="button" class="danger" data-yes data-testid="retire-yes">Retire job #${j.id}</button>
    <button type="button" class="secondary" data-no>Keep</button></span>`);
  box.querySelector('[data-no]').focus();
  const keep = async () => { await watchJob(view, id, false); if (view.alive) { const b = $('#retire-job'); if (b) b.focus(); } };
  box.querySelector('[data-no]').addEventListener('click', keep);
  box.addEventListener('keydown', ev => { if (ev.key === 'Escape') { ev.preventDefault(); keep(); } });
  box.querySelector('[data-yes]').addEventListener('click', async ev => {
    ev.target.disabled = true;
    if (!await jobAction(view, `/api/bulk-jobs/${encodeURIComponent(j.id)}/retire`, box) || !view.alive) return;
    await watchJob(view, id, false);
    announce(`Job #${j.id} retired: its file, results and rejects were removed`);
  });
}

/**
 * A failed job's kept file submitted again as a new job (POST /api/KIND/ID/resubmit: a bulk job's assessed, a compare job's
 * compared as before), which {@code follow} then shows; a refusal is said where the button was.
 */
async function resubmit(view, kind, j, button, box, follow) {
  button.disabled = true;
  const job = await jobAction(view, `/api/${kind}/${encodeURIComponent(j.id)}/resubmit`, box);
  if (!job || !view.alive) return;
  announce(`The file of job #${j.id} is submitted again as job #${job.id}`);
  await follow(job);
}

/** A job's action (a POST without a body): the job it answers, or null once its refusal is said in {@code box} and aloud. */
async function jobAction(view, path, box) {
  try {
    return await api(path, { method: 'POST' });
  } catch (e) {
    if (view.alive) {
      show(box, errorBox(e));
      announce(e.message);
    }
    return null;
  }
}

/**
 * A done job's duty totals (GET /api/bulk-jobs/ID/totals): by measure, by origin and by HS heading, largest first, each
 * table ending with its sum — the job's total duty (docs/bulk-format.md, "Totals").
 */
async function showTotals(view, j, me) {
  const box = $('#job-totals');
  let t;
  try { t = await api(j.totals); } catch (e) { if (view.alive && watching === me) show(box, errorBox(e)); return; }
  if (!view.alive || watching !== me) return;
  const byDuty = rows => [...rows].sort((a, b) => Number(b.total_duty) - Number(a.total_duty) || (a.id || a.origin || a.heading).localeCompare(b.id || b.origin || b.heading));
  const table = (testid, caption, head, rows, cells) => html`<div class="table-wrap"><table class="stacked" data-testid="${testid}">
    <caption>${caption}</caption>
    <thead><tr>${head.map(h => html`<th scope="col" class="${h.num ? 'num' : ''}">${h.label}</th>`)}</tr></thead>
    <tbody>${byDuty(rows).map(r => html`<tr>${cells(r)}</tr>`)}</tbody>
    <tfoot><tr><th scope="row" colspan="${head.length - 1}">Total</th><td class="num" data-testid="${testid + '-sum'}">${usd(t.total_duty)}</td></tr></tfoot>
  </table></div>`;
  show(box, html`<h2>Totals</h2>
    <p class="hint">Exact to the cent. Each table sums to the job's total duty; prohibited lines owe nothing, rejected lines are not counted.</p>
    ${table('totals-measure', 'By measure', [{ label: 'Measure' }, { label: 'Title' }, { label: 'Lines', num: true }, { label: 'Duty', num: true }],
      t.by_measure, r => html`<td data-label="Measure" class="mono">${r.id}</td><td data-label="Title">${r.title}</td>
        <td class="num" data-label="Lines">${num(r.lines, 0)}</td><td class="num" data-label="Duty">${usd(r.total_duty)}</td>`)}
    ${table('totals-origin', 'By origin', [{ label: 'Origin' }, { label: 'Lines', num: true }, { label: 'Prohibited', num: true }, { label: 'Duty', num: true }],
      t.by_origin, r => html`<td data-label="Origin">${r.origin}</td><td class="num" data-label="Lines">${num(r.lines, 0)}</td>
        <td class="num" data-label="Prohibited">${num(r.prohibited, 0)}</td><td class="num" data-label="Duty">${usd(r.total_duty)}</td>`)}
    ${table('totals-heading', 'By HS heading', [{ label: 'Heading' }, { label: 'Lines', num: true }, { label: 'Prohibited', num: true }, { label: 'Duty', num: true }],
      t.by_heading, r => html`<td data-label="Heading" class="mono">${r.heading}</td><td class="num" data-label="Lines">${num(r.lines, 0)}</td>
        <td class="num" data-label="Prohibited">${num(r.prohibited, 0)}</td><td class="num" data-label="Duty">${usd(r.total_duty)}</td>`)}`);
}

/** A what-if form's side B as query parameters: with and with_origin, each only when filled in (the API needs one of them). */
function whatIfQuery(form) {
  const w = form.with.value.trim(), o = form.with_origin.value.trim();
  return (w ? '&with=' + encodeURIComponent(w) : '') + (o ? '&with_origin=' + encodeURIComponent(o) : '');
}

async function watchCompare(view, id) {
  const out = $('#cmp-result');
  const me = comparing = {};
  comparingId = String(id);
  let j;
  try {
    j = await api('/api/compare-jobs/' + encodeURIComponent(id));
  } catch (e) {
    if (!view.alive || comparing !== me) return;
    if (!lostContact(e)) { show(out, errorBox(e)); return; }
    sayLostContact(out, 'cmp-contact', e); // as a bulk job's (see watchJob)
    view.later(() => { if (comparing === me) watchCompare(view, id); }, AGAIN_MS);
    return;
  }
  if (!view.alive || comparing !== me) return;
  const refocus = focusedId() === 'cmp-cancel'; // as the panel is drawn again (see watchJob)
  if (j.status === 'done') {
    announce(`Compare job #${j.id} done: ${num(j.result.lines, 0)} lines read, ${num(j.result.lines - j.result.not_comparable, 0)} compared, ${num(j.result.changed, 0)} changed`);
    show(out, html`${fileComparison(j.result)}<p class="hint">Compare job #${j.id}; recorded in <a href="${'#history/whatif/' + j.whatif_id}">History</a>.</p>`);
    // the job as GET /api/compare-jobs/ID serves it (its result, the file's SHA-256), its report by reference
    out.append(downloadButtons('comparison', { stored: storedRecord('compare_job', j.id), jsonName: fileName('compare-job', j.id, 'json'),
      testid: 'cmp-download' }));
  } else if (j.status === 'failed') {
    const again = !j.retired_at && serverFault(j.error);
    show(out, html`<div class="error" role="alert" data-testid="cmp-failed"><b>The comparison failed</b>: ${j.error}</div>
      ${partialResult(j)}
      ${again ? html`<div class="row" id="cmp-again"><button type="button" id="resubmit-compare" data-testid="resubmit-compare"
        aria-label="${'Compare the file of job #' + j.id + ' again'}">Compare the file again</button><span class="hint">Its file is
        kept: a new job compares it as before, under the regime the server has now, without uploading it again.</span></div>` : ''}`);
    offerPartialResult(j, out);
    if (again) {
      $('#resubmit-compare').addEventListener('click', ev => resubmit(view, 'compare-jobs', j, ev.target, $('#cmp-again'),
        job => watchCompare(view, job.id)));
    }
  } else if (j.status === 'cancelled') {
    announce(`Compare job #${j.id} cancelled after ${num(j.lines_done, 0)} lines`);
    show(out, html`<div class="warn" data-testid="cmp-cancelled"><b>Compare job #${j.id} cancelled after
      ${num(j.lines_done, 0)} lines</b>: nothing was recorded.${j.partial_result ? ' Its figures stop there: the partial result below covers those lines only.' : ''}
      Compare the same file again to resume it after those lines.</div>
      ${partialResult(j)}`);
    offerPartialResult(j, out);
  } else {
    const said = `Compare job #${j.id}: ${num(j.lines_done, 0)} lines read so far (${num(j.size_bytes / 1024, 1)} KiB file); every line is assessed twice…`;
    const working = out.querySelector('[data-testid="cmp-working"]');
    if (working && working.dataset.job === String(j.id) && $('#cmp-cancel')) {
      // the same job still working: only its progress changes. Drawn again every half second, the Cancel button was a new
      // one each time, and a click whose press and release fell on either side of a drawing was lost (a loaded CI machine)
      working.textContent = said;
      show(out.querySelector('[data-contact]'), null);
      $('#cmp-cancel').disabled = cancelling.has('compare-jobs/' + j.id); // enabled again once a cancel was refused
    } else {
      show(out, html`<div class="row"><p class="hint" data-testid="cmp-working" data-job="${j.id}">${said}</p>
        ${cancelButton('cmp-cancel', 'cancel-compare', 'Cancel compare job #' + j.id, 'compare-jobs/' + j.id)}</div><div data-contact></div>`);
      const b = $('#cmp-cancel');
      b.addEventListener('click', () => cancelJob(view, 'compare-jobs', j.id, b, out, () => comparingId === String(id) ? watchCompare(view, id) : null));
      if (refocus) b.focus();
    }
    view.later(() => { if (comparing === me) watchCompare(view, id); }, 500);
  }
}

/**
 * A cancelled or failed compare job's figures of the lines it had done (the API offers them once a chunk was committed):
 * said partial on the button, in the file name and with the line they stop at, as a bulk job's partial files.
 */
function partialResult(j) {
  if (!j.partial_result) return '';
  const first = j.format === 'csv' ? 2 : 1, last = first + j.lines_done - 1;
  return html`<div class="row" data-testid="cmp-partial">
    <button class="secondary" id="cmp-dl-partial" data-testid="download-partial-result">Download partial result (${num(j.lines_done, 0)} lines, JSON)</button>
    <span class="hint">Partial: the figures of the first ${num(j.lines_done, 0)} entries, the file's lines ${num(first, 0)} to ${num(last, 0)}${first === 2 ? ' (line 1 is its header)' : ''};
      lines ${num(last + 1, 0)} on were not compared.</span></div>`;
}

function offerPartialResult(j, out) {
  if (!j.partial_result) return;
  const base = j.file_name.replace(/\.[a-z]+$/i, '');
  $('#cmp-dl-partial').addEventListener('click', () => download(j.partial_result, `${base}-comparison-partial-${j.lines_done}-lines.json`)
    .catch(e => show(out, errorBox(e))));
}
