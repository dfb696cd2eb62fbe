// Tokens (administrators): make a token (its secret shown once, with a copy button), renew a token's secret (shown once too;
// the token keeps its records) or revoke one, each after a confirmation,
// switch the active regime, and retire the jobs finished before a day (after a confirmation).
import { html, mount, $, $$ } from '../kit/dom.js';
import { api } from '../kit/api.js';
import { when, num, regimeName } from '../kit/format.js';
import { show, errorBox, formError, checkForm, announce } from '../kit/ui.js';

export default { id: 'tokens', title: 'Tokens', admin: true, render };

async function render(view) {
  const me = view.session.me;
  if (!me || me.role !== 'admin') {
    mount(view.main, html`<h1>Administration</h1><div class="empty">Only administrators manage tokens and the active regime.</div>`);
    return;
  }
  const [list, regime, retention] = await Promise.all([api('/api/tokens'), api('/api/regime'), api('/api/jobs/retention')]);
  if (!view.alive) return;
  mount(view.main, html`<h1>Administration</h1><p class="lead">Analysts read and run; administrators also manage tokens and the active regime.
    A token's secret is shown once, when it is made or renewed.</p>
    <h2>Active regime</h2>
    <form id="regime-form" class="card row" novalidate>
      <label class="grow">Regime <input name="regime" list="regimes" value="${regime.active}" required data-testid="regime-spec">
        <span class="hint">a bundled regime, or folder:… for one the server's operator offered (serve --regime-folder)</span></label>
      <datalist id="regimes">${(regime.available || []).map(r => html`<option value="${r}">`)}</datalist>
      <button data-testid="regime-switch">Make active</button>
      <span class="hint" id="regime-now" data-testid="regime-now">Active: ${regimeName(regime)} — ${regime.title}, version ${regime.version}; ${num(regime.hts_lines, 0)} HTS lines</span>
    </form>
    <div id="regime-msg"></div>
    <h2 id="tok-head" tabindex="-1">API tokens</h2>
    <form id="tok-form" class="card row" novalidate><label class="grow">Name <input name="name" placeholder="who or what uses it" required maxlength="100"></label>
      <label>Role <select name="role"><option>analyst</option><option>admin</option></select></label><button data-testid="make-token">Make token</button></form>
    <div id="tok-new"></div>
    <div class="card table-wrap"><table class="stacked" data-testid="tokens"><thead><tr><th scope="col">Id</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Made</th><th scope="col">Status</th><th scope="col"><span class="sr-only">Action</span></th></tr></thead><tbody>
    ${list.map(t => html`<tr><td>${t.id}</td><td data-label="Name">${t.name}</td><td data-label="Role">${t.role}</td>
      <td class="hint" data-label="Made">${when(t.created_at)} by ${t.created_by}</td><td data-label="Status">${t.revoked_at ? 'revoked ' + when(t.revoked_at) : 'active'}${t.renewed_at ? html`<span class="hint" data-testid="renewed">; secret renewed ${when(t.renewed_at)} by ${t.renewed_by}</span>` : ''}</td>
      <td class="nowrap" data-cell="${t.id}">${!t.revoked_at && t.id !== me.token_id ? html`<button class="secondary" data-renew="${t.id}" data-name="${t.name}" aria-label="${'Renew the secret of token #' + t.id + ' “' + t.name + '”'}">Renew secret</button>
        <button class="secondary" data-revoke="${t.id}" data-name="${t.name}" aria-label="${'Revoke token #' + t.id + ' “' + t.name + '”'}">Revoke</button>` : ''}</td></tr>`)}
    </tbody></table></div>
    <h2 id="retire-head">Old jobs</h2>
    <p class="hint">Every bulk and compare job keeps its uploaded file and its results in the database (about 85 MB a million lines)
      until it is retired. A retired job stays listed with its counts and totals; its file, results and rejects are removed for good.
      The ledger of assessments, what-ifs and scenario runs are never removed.</p>
    <p class="hint" data-testid="retention">${retentionSaid(retention)}</p>
    <form id="retire-form" class="card row" novalidate>
      <label>Finished before <input type="date" name="finished_before" required data-testid="retire-before"></label>
      <button data-testid="retire-old">Retire jobs…</button>
    </form>
    <div id="retire-msg" aria-live="polite"></div>`);
  const ret = $('#retire-form');
  ret.addEventListener('submit', ev => {
    ev.preventDefault();
    const bad = checkForm(ret);
    if (bad) { show($('#retire-msg'), bad); return; }
    confirmRetireOld(view, ret.finished_before.value);
  });
  const rf = $('#regime-form');
  rf.addEventListener('submit', async ev => {
    ev.preventDefault();
    const bad = checkForm(rf);
    if (bad) { show($('#regime-msg'), bad); return; }
    try {
      const r = await api('/api/regime', { method: 'PUT', body: { regime: rf.regime.value.trim() } });
      if (!view.alive) return;
      $('#regime-now').textContent = `Active: ${regimeName(r)} — ${r.title}, version ${r.version}; ${num(r.hts_lines, 0)} HTS lines`;
      show($('#regime-msg'), html`<p class="ok" data-testid="regime-switched">Regime ${regimeName(r)} is now active for everyone.</p>`);
      announce(`Regime ${regimeName(r)} is now active for everyone.`);
      view.refreshRegimeLine();
    } catch (e) { if (view.alive) show($('#regime-msg'), formError(rf, e)); }
  });
  const tf = $('#tok-form');
  // a token's secret, new or renewed, shown once with a copy button; the focus on the button, so the next key copies it
  const showSecret = (t, what) => {
    show($('#tok-new'), html`<div class="card" data-testid="new-token">${what} for <b>${t.name}</b> (${t.role}) — copy it now, it is not shown again:
      <div class="row gap-top"><code class="secret" id="new-secret" data-testid="secret">${t.secret}</code>
      <button type="button" class="secondary" id="copy-secret" data-testid="copy-secret">Copy</button><span class="hint" id="copy-note"></span></div></div>`);
    $('#copy-secret').addEventListener('click', () => copy(t.secret, $('#new-secret'), $('#copy-note')));
    $('#copy-secret').focus(); // the page was drawn again: the next key copies the secret, not a jump to the top
  };
  view.showSecret = showSecret;
  tf.addEventListener('submit', async ev => {
    ev.preventDefault();
    const bad = checkForm(tf);
    if (bad) { show($('#tok-new'), bad); return; }
    try {
      const t = await api('/api/tokens', { method: 'POST', body: { name: tf.name.value, role: tf.role.value } });
      if (!view.alive) return;
      await render(view);
      if (view.alive) view.showSecret(t, 'New token');
    } catch (e) { if (view.alive) show($('#tok-new'), formError(tf, e)); }
  });
  $$('[data-revoke]').forEach(b => b.addEventListener('click', () => confirmAction(view, b, REVOKE)));
  $$('[data-renew]').forEach(b => b.addEventListener('click', () => confirmAction(view, b, RENEW)));
}

// What the server's automatic retention (serve --retain-jobs-days N) does, and what its last run did.
function retentionSaid(r) {
  if (r.retain_days == null) {
    return html`No automatic retention: jobs are kept until they are retired here. The server's operator can have it retire
      them by itself N days after they end (<code>lodestone serve --retain-jobs-days N</code>).`;
  }
  const days = `${num(r.retain_days, 0)} ${r.retain_days === 1 ? 'day' : 'days'}`;
  const last = r.last_run;
  const ran = last == null ? html` It has not run yet.`
    : last.error != null ? html` Its last run, ${when(last.at)}, could not retire the jobs that finished before ${last.finished_before}:
        ${last.error}. It tries again at its next run.`
    : last.retired === 0 ? html` Its last run, ${when(last.at)}, found no job that finished before ${last.finished_before} to retire.`
    : html` Its last run, ${when(last.at)}, retired ${num(last.retired, 0)} ${last.retired === 1 ? 'job' : 'jobs'} that finished before
        ${last.finished_before} (${num(last.lines, 0)} lines, ${num(last.bytes, 0)} bytes).`;
  return html`This server retires a finished job's file and results ${days} after the job ends, by itself, looking every hour
    (<code>--retain-jobs-days ${r.retain_days}</code>).${ran}`;
}

// Revoking a token, or renewing its secret: asked in the token's row before it is done
const REVOKE = {
  key: 'revoke', testid: 'confirm-revoke', yes: 'Revoke',
  question: name => `Revoke “${name}”? Programs using it stop working.`,
  send: id => api('/api/tokens/' + encodeURIComponent(id), { method: 'DELETE' }),
  done: (view, id, name) => { $('#tok-head').focus(); announce(`Token #${id} “${name}” revoked`); },
};
const RENEW = {
  key: 'renew', testid: 'confirm-renew', yes: 'Renew',
  question: name => `Give “${name}” a new secret? The old one stops working at once, and its web sessions end; the token keeps its records.`,
  send: id => api('/api/tokens/' + encodeURIComponent(id) + '/renew', { method: 'POST' }),
  done: (view, id, name, t) => { view.showSecret(t, 'New secret'); announce(`Token #${id} “${name}” has a new secret`); },
};

function confirmAction(view, button, act) {
  const cell = button.closest('td');
  const id = button.dataset[act.key];
  const name = button.dataset.name;
  const before = [...cell.childNodes]; // the buttons, their listeners kept
  mount(cell, html`<span class="confirm" data-testid="${act.testid}">${act.question(name)}
    <button class="danger" data-yes>${act.yes}</button> <button class="secondary" data-no>Keep</button></span>`);
  // from the keyboard the question is answered where it is asked: focus on "Keep", the choice that changes nothing
  cell.querySelector('[data-no]').focus();
  // Keep, or Escape anywhere in the question: the cell as it was, at once, the focus back on the button pressed. (It
  // drew the whole page again from two requests: a Revoke pressed again while they were on their way opened a question that
  // the late drawing then took away — seen in a loaded CI run.)
  const question = cell.querySelector(`[data-testid="${act.testid}"]`);
  const keep = () => {
    cell.replaceChildren(...before);
    button.focus();
  };
  cell.querySelector('[data-no]').addEventListener('click', keep);
  question.addEventListener('keydown', ev => { if (ev.key === 'Escape') { ev.preventDefault(); keep(); } });
  cell.querySelector('[data-yes]').addEventListener('click', async () => {
    try {
      const t = await act.send(id);
      if (!view.alive) return;
      await render(view);
      // the button pressed is gone with the question: the focus on what follows (not lost to the document), the outcome said
      if (!view.alive) return;
      act.done(view, id, name, t);
    }
    catch (e) { if (view.alive) show($('#tok-new'), errorBox(e)); }
  });
}

/** The age policy, asked before it is applied: "Keep" (focused) changes nothing; "Retire" answers what was removed. */
function confirmRetireOld(view, before) {
  const msg = $('#retire-msg');
  show(msg, html`<div class="confirm card" data-testid="confirm-retire-old">Retire every bulk and compare job, of every user, that finished
    before ${before}? Their uploaded files, results and rejects are removed for good; their counts and totals stay.
    <button type="button" class="danger" data-yes data-testid="retire-old-yes">Retire</button>
    <button type="button" class="secondary" data-no>Keep</button></div>`);
  msg.querySelector('[data-no]').focus();
  const keep = () => { show(msg, html``); $('#retire-form').finished_before.focus(); };
  msg.querySelector('[data-no]').addEventListener('click', keep);
  msg.addEventListener('keydown', ev => { if (ev.key === 'Escape') { ev.preventDefault(); keep(); } }, { once: true });
  msg.querySelector('[data-yes]').addEventListener('click', async ev => {
    ev.target.disabled = true;
    let r;
    try {
      r = await api('/api/jobs/retire', { method: 'POST', body: { finished_before: before } });
    } catch (e) { if (view.alive) show(msg, formError($('#retire-form'), e)); return; }
    if (!view.alive) return;
    const said = r.retired === 0 ? `No job to retire: none finished before ${before} that was not retired already.`
      : `Retired ${num(r.retired, 0)} ${r.retired === 1 ? 'job' : 'jobs'} (${num(r.lines, 0)} lines): ${num(r.bytes / 1048576, 1)} MiB of files and results removed.`;
    show(msg, html`<p class="ok" data-testid="retire-result">${said}</p>
      ${r.jobs.length ? html`<div class="card table-wrap"><table class="stacked" data-testid="retired-jobs"><thead><tr><th scope="col">Job</th>
        <th scope="col">Kind</th><th scope="col">File</th><th scope="col" class="num">Lines</th></tr></thead><tbody>
        ${r.jobs.map(j => html`<tr><td>${j.kind === 'bulk' ? html`<a href="${'#bulk/' + j.id}">#${j.id}</a>` : '#' + j.id}</td><td data-label="Kind">${j.kind}</td>
          <td data-label="File">${j.file_name}</td><td class="num" data-label="Lines">${num(j.lines, 0)}</td></tr>`)}</tbody></table></div>` : ''}`);
    announce(said);
  });
}

async function copy(text, el, note) {
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = 'copied';
    announce('Secret copied');
  } catch {
    // no clipboard permission: select the text so that Ctrl+C copies it
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    note.textContent = 'selected: press Ctrl+C (⌘C) to copy';
    announce('Secret selected: press Ctrl+C (⌘C) to copy');
  }
}
