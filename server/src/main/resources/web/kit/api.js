// Access to the JSON API under /api (described at /api/openapi.json). The API token lives in this browser's
// localStorage under one key and is read only here; what keeps it from injected script is that no script can be
// injected: every piece of text reaches the page escaped (kit/dom.js) and the server's Content-Security-Policy
// allows scripts from this origin's files only (docs/api.md, "The web application's security").

const TOKEN_KEY = 'lodestone.token';

export const session = { me: null, listeners: [] };

export function token() { return localStorage.getItem(TOKEN_KEY); }
export function setToken(t) { if (t) localStorage.setItem(TOKEN_KEY, t); else localStorage.removeItem(TOKEN_KEY); }

export class ApiError extends Error {
  constructor(status, body) {
    const e = body && body.error && typeof body.error === 'object' ? body.error
      : { message: body && typeof body.error === 'string' ? body.error : 'HTTP ' + status };
    super(e.message);
    this.status = status; this.code = e.code; this.field = e.field || null;
  }
}

export function onSignOut(fn) { session.listeners.push(fn); }

export function signOut() {
  setToken(null);
  session.me = null;
  session.listeners.forEach(f => f());
}

export async function api(path, { method = 'GET', body, raw, headers = {} } = {}) {
  const h = { ...headers };
  if (token()) h['Authorization'] = 'Bearer ' + token();
  let payload = body;
  if (body !== undefined && !raw) { h['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const res = await fetch(path, { method, headers: h, body: payload });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/me') signOut();
    throw new ApiError(res.status, data);
  }
  return data;
}

/** Downloads an authenticated file (the token cannot go in a plain link). */
export async function download(path, name) {
  const res = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch { /* not JSON */ }
    throw new ApiError(res.status, body);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
