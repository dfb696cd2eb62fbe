// What a user typed into a page's form, kept for the tab's session: a page left for another and opened again shows it
// (reported: a company file pasted into the Exposure page was gone after a look at the Scenarios page; then the same of
// Stockpiles, Projects, Origin, Regime, Minerals, History and Scenarios). Kept in sessionStorage (this tab only, gone
// when it closes) and forgotten on signing out, so the next user of the tab does not find it. Storage refused (full, or
// off) keeps nothing and breaks nothing. Text fields, text areas and selects keep their value, checkboxes whether ticked;
// never a file input (the browser does not let a page set one) and never a secret (no page keeps a token field).
import { onSignOut } from './api.js';
import { grouped } from './format.js';

const PREFIX = 'lodestone.form.';

/**
 * The most characters a field's text is kept up to (a pasted file larger than this is not kept, and the page says so
 * beside the field): sessionStorage holds about 5 million characters for the whole site, shared by every page's fields.
 */
export const KEEP_LIMIT = 500000;

// counted up at each sign-out: the fields of a page drawn before it keep nothing more (a field left as the sign-in form
// takes the focus fires its change after the input was forgotten, and kept it again for the next user)
let signedOut = 0;

const valueOf = f => (f.type === 'checkbox' || f.type === 'radio' ? f.checked : f.value);

/**
 * Restores the named fields' values kept under `id`, and keeps them as they change; returns the function that keeps them
 * now (for a value set by a script, as a file chosen into a text area, which fires no input event), its `restored` the
 * names of the fields that were given a kept value. A field whose value
 * was restored gets a change event if `opts.announce` (a page that shows or hides parts by a select's value).
 */
export function keepInput(id, fields, opts = {}) {
  const key = PREFIX + id;
  fields = fields.filter(Boolean);
  let saved = {};
  try { saved = JSON.parse(sessionStorage.getItem(key) || '{}') || {}; } catch { saved = {}; }
  const restored = new Set();
  for (const f of fields) {
    const v = saved[f.name];
    if (f.type === 'checkbox' || f.type === 'radio') { if (typeof v === 'boolean') f.checked = v; else continue; }
    else if (typeof v === 'string') f.value = v;
    else continue;
    restored.add(f.name);
    if (opts.announce) f.dispatchEvent(new Event('change', { bubbles: true }));
  }
  const drawnIn = signedOut;
  const keep = () => {
    if (drawnIn !== signedOut) return;
    const o = {};
    for (const f of fields) {
      const v = valueOf(f);
      const big = typeof v === 'string' && v.length > KEEP_LIMIT;
      notKept(f, big ? v.length : 0);
      if (!big) o[f.name] = v;
    }
    try { sessionStorage.setItem(key, JSON.stringify(o)); } catch { /* not kept: the page works without it */ }
  };
  for (const f of fields) { f.addEventListener('input', keep); f.addEventListener('change', keep); }
  keep.restored = restored; // the names of the fields given a kept value (a field's own default is not a choice)
  return keep;
}

/** Says beside a field that its text (`length` characters; 0: none of that) is too large to be kept on leaving the page. */
function notKept(f, length) {
  const next = f.nextElementSibling;
  const shown = next && next.dataset && next.dataset.testid === 'not-kept' ? next : null;
  if (!length) { if (shown) shown.remove(); return; }
  const note = shown || document.createElement('span');
  note.className = 'hint';
  note.dataset.testid = 'not-kept';
  note.setAttribute('role', 'status');
  note.textContent = `Not kept if you leave this page: ${grouped(length)} characters, more than the ${grouped(KEEP_LIMIT)} a page keeps; `
    + 'choose the file again when you come back.';
  if (!shown) f.after(note);
}

/** Forgets every page's kept input (signing out), or only that kept under `id` (a draft now sent and in the address). */
export function forgetInput(id) {
  if (!id) signedOut++;
  try {
    for (const k of Object.keys(sessionStorage)) if (id ? k === PREFIX + id : k.startsWith(PREFIX)) sessionStorage.removeItem(k);
  } catch { /* nothing kept */ }
}

// signed out (not a session that ended under the page, whose user signs in again to the work on screen)
onSignOut(ended => { if (!ended) forgetInput(); });
