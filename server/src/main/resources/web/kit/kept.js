// What a user typed into a page's form, kept for the tab's session: a page left for another and opened again shows it
// (reported: a company file pasted into the Exposure page was gone after a look at the Scenarios page). Kept in
// sessionStorage (this tab only, gone when it closes) and forgotten on signing out, so the next user of the tab does not
// find it. Storage refused (full, or off) keeps nothing and breaks nothing.
import { onSignOut } from './api.js';

const PREFIX = 'lodestone.form.';

/**
 * Restores the named fields' values kept under `id`, and keeps them as they change; returns the function that keeps them
 * now (for a value set by a script, as a file chosen into a text area, which fires no input event).
 */
export function keepInput(id, fields) {
  const key = PREFIX + id;
  let saved = {};
  try { saved = JSON.parse(sessionStorage.getItem(key) || '{}') || {}; } catch { saved = {}; }
  for (const f of fields) if (typeof saved[f.name] === 'string') f.value = saved[f.name];
  const keep = () => {
    const o = {};
    for (const f of fields) o[f.name] = f.value;
    try { sessionStorage.setItem(key, JSON.stringify(o)); } catch { /* not kept: the page works without it */ }
  };
  for (const f of fields) { f.addEventListener('input', keep); f.addEventListener('change', keep); }
  return keep;
}

/** Forgets every page's kept input (signing out). */
export function forgetInput() {
  try {
    for (const k of Object.keys(sessionStorage)) if (k.startsWith(PREFIX)) sessionStorage.removeItem(k);
  } catch { /* nothing kept */ }
}

// signed out (not a session that ended under the page, whose user signs in again to the work on screen)
onSignOut(ended => { if (!ended) forgetInput(); });
