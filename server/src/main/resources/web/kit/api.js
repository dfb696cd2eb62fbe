// Access to the JSON API under /api (described at /api/openapi.json). The page never keeps the API token: signing in
// hands it to the server once (POST /api/session), which opens a session and answers with an HttpOnly, SameSite=Strict
// cookie holding the session's own secret (not the token) that the browser sends with every /api call and no
// script — injected or not — can read. Every call also carries X-Lodestone-Request,
// which the server requires of cookie-signed requests that change anything (no other site can set it). What keeps
// script from being injected at all: every piece of text reaches the page escaped (kit/dom.js) and the server's
// Content-Security-Policy allows scripts from this origin's files only (docs/api.md, "The web application's security").

import { saveBlob, answered } from './download.js';
import { Exact } from './format.js';

export const REQUEST_HEADER = 'X-Lodestone-Request';

export const session = { me: null, listeners: [] };

export class ApiError extends Error {
  constructor(status, body) {
    const e = body && body.error && typeof body.error === 'object' ? body.error
      : { message: body && typeof body.error === 'string' ? body.error : 'HTTP ' + status };
    super(e.message);
    this.status = status; this.code = e.code; this.field = e.field || null;
    this.problems = Array.isArray(e.problems) ? e.problems : []; // a customs entry refused for several lines: each {field, line_id, message}
  }
}

export function onSignOut(fn) { session.listeners.push(fn); }

/**
 * Forgets who is signed in on this page (the cookie is the server's: see signOut). `ended`: the server's message when
 * the session ended under the page (a 401), which the shell answers with the sign-in form.
 */
export function forget(ended = null) {
  session.me = null;
  session.listeners.forEach(f => f(ended));
}

/** Signs this browser in with a token (the server sets the session cookie); throws ApiError 401 for a bad token. */
export async function signIn(secret) {
  session.me = await api('/api/session', { method: 'POST', body: { token: secret } });
  return session.me;
}

/** Whether the session cookie signs this browser in (no 401 when it does not). */
export async function sessionState() { return api('/api/session'); }

/** Signs this browser out: the server ends the session (its cookie is dead wherever it was copied) and clears the cookie. */
export async function signOut() {
  try { await api('/api/session', { method: 'DELETE' }); } catch { /* signed out here anyway */ }
  forget();
}

export async function api(path, options = {}) {
  return (await call(path, options)).data;
}

/**
 * One page of a list endpoint: its items and the cursor of the next page (the server's Next-Cursor header), or null at
 * the end (docs/api.md, "Lists and pages"). `path` carries its own query (limit…); the cursor is appended.
 */
export async function apiPage(path, cursor = null) {
  const sep = path.includes('?') ? '&' : '?';
  const r = await call(cursor ? path + sep + 'cursor=' + encodeURIComponent(cursor) : path);
  return { items: r.data, next: r.headers.get('Next-Cursor') };
}

/**
 * The one way this page fetches from the API: the request header every call carries, and a refusal thrown as an ApiError
 * (a 401 outside signing in also forgets who was signed in, so the shell shows the sign-in form). Answers the response.
 */
export async function fetched(path, { method = 'GET', headers = {}, body } = {}) {
  const res = await fetch(path, { method, headers: { ...headers, [REQUEST_HEADER]: '1' }, body });
  if (res.ok) return res;
  const text = await res.text();
  let data = null;
  try { data = text ? parseJson(text) : null; } catch { data = text; }
  const e = new ApiError(res.status, data);
  if (res.status === 401 && path !== '/api/session') forget(e.message);
  throw e;
}

/** A number's value as a sign, its significant digits and a power of ten ("-12345e-2"), to tell whether two texts say the same number. */
function canonical(t) {
  const m = /^(-?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m) return t;
  const frac = m[3] || '';
  let digits = (m[2] + frac).replace(/^0+/, '');
  if (!digits) return '0';
  let exp = Number(m[4] || 0) - frac.length;
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  digits = digits.slice(0, digits.length - zeros);
  exp += zeros;
  return m[1] + digits + 'e' + exp;
}

/**
 * The one way the pages parse the API's JSON (api(), apiPage(), dom.js call(), an error's body). Money is exact decimal in
 * the API; a number whose text a double cannot hold exactly (987654321098765.43: more than 15 significant digits) is kept
 * as an Exact (kit/format.js): a Number that keeps the answer's text, which the formatters show to the cent. Every other
 * number is a plain number. (The reviver's third argument, the number's source text, is JSON.parse source text access.)
 */
export function parseJson(text) {
  return JSON.parse(text, (key, value, context) => {
    if (typeof value !== 'number' || !context || typeof context.source !== 'string') return value;
    const src = context.source;
    // fifteen characters or fewer hold at most fifteen significant digits, which a double always holds
    if (src.length <= 15 && Number.isFinite(value)) return value;
    return canonical(src) === canonical(String(value)) ? value : new Exact(src);
  });
}

async function call(path, { method = 'GET', body, raw, headers = {} } = {}) {
  const h = { ...headers };
  let payload = body;
  if (body !== undefined && !raw) { h['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const res = await fetched(path, { method, headers: h, body: payload });
  const text = await res.text();
  let data = null;
  try { data = text ? parseJson(text) : null; } catch { data = text; }
  if (data !== null && typeof data === 'object') answered.set(data, text); // a download saves the server's own text
  return { data, headers: res.headers };
}

/** Downloads a file of the API (with the session cookie) under a name of our choosing. */
export async function download(path, name) {
  saveBlob(await (await fetched(path)).blob(), name);
}

/**
 * Posts a JSON body and saves the answer as a file under a name of our choosing (POST /api/reports: a result shown on the
 * page, saved as its HTML report). `body`: a JSON text, sent as it is, or a value, sent as JSON. A refusal is thrown as an
 * ApiError, as api() throws it.
 */
export async function postForFile(path, body, name) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetched(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: payload });
  saveBlob(await res.blob(), name);
}
