// Lodestone web application: plain ES modules, no build step. This file is the shell: it loads the pages
// listed in pages.js, builds the menu from them, signs in, and routes "#page/arg/…" to a page's render().
// Between pages it runs the page's leave hooks and disposes its charts and timers (kit/charts.js), so nothing
// of a page outlives it.
import { html, mount, $ } from './kit/dom.js';
import { api, session, signIn, sessionState, signOut, forget, onSignOut } from './kit/api.js';
import { disposeAll } from './kit/charts.js';
import { errorBox, checkForm, formError } from './kit/ui.js';
import { readNumberField, readNumberFields } from './kit/typed.js';
import { num, regimeName } from './kit/format.js';
import PAGE_NAMES from './pages.js';

const main = () => $('#main');
let pages = [];
let current = null; // the view of the page on screen: {alive, leave hooks, timers}

async function loadPages() {
  const mods = await Promise.all(PAGE_NAMES.map(n => import(`./pages/${n}.js`)));
  pages = mods.map(m => m.default);
  const nav = $('#nav');
  mount(nav, html`${pages.filter(p => p.title).map(p =>
    html`<a href="${'#' + p.id}" data-page="${p.id}" class="${p.admin ? 'admin-only' : ''}" ${p.admin ? html`hidden` : ''}>${p.title}</a>`)}`);
  $('#menu').addEventListener('click', () => {
    const open = document.body.classList.toggle('menu-open');
    $('#menu').setAttribute('aria-expanded', String(open));
  });
  nav.addEventListener('click', ev => { if (ev.target.closest('a')) closeMenu(); });
  // Escape closes the menu (at 390 px) and gives the focus back to its button
  document.addEventListener('keydown', ev => {
    if (ev.key !== 'Escape' || !document.body.classList.contains('menu-open')) return;
    closeMenu();
    $('#menu').focus();
  });
  // the skip link: past the header and the menu, to the page's heading (not an address: "#main" would be a route)
  $('#skip').addEventListener('click', ev => { ev.preventDefault(); focusPage(); });
}

// A number typed in any page's number field (its input events mark it typed, to be read in the person's language)
// is read as it is left (its note says how: kit/typed.js), and every one of a
// form's again as it is sent, before the form's own handler (capture), so that no page sends a number as typed.
document.addEventListener('input', ev => { if (ev.target instanceof HTMLInputElement && ev.target.matches('input[data-number]')) ev.target.dataset.typed = '1'; }, true);
document.addEventListener('change', ev => { if (ev.target instanceof HTMLInputElement && ev.target.matches('input[data-number]')) readNumberField(ev.target); });
document.addEventListener('submit', ev => { if (ev.target instanceof HTMLFormElement) readNumberFields(ev.target); }, true);

// the sticky header's height, for style.css's scroll-padding-top (the focus scrolled into view below the header, not under it)
const topBar = document.querySelector('header.top');
new ResizeObserver(() => document.documentElement.style.setProperty('--top-height', topBar.offsetHeight + 'px')).observe(topBar);

function closeMenu() { document.body.classList.remove('menu-open'); $('#menu').setAttribute('aria-expanded', 'false'); }

/** The focus on the page's heading (or on main when it has none), the page scrolled to its top: where a new page is read from. */
function focusPage() {
  const h = $('#main h1');
  const target = h || main();
  if (h && !h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
  window.scrollTo(0, 0);
  target.focus({ preventScroll: true });
}

// ------------------------------------------------------------------ sign-in

function renderWho() {
  const me = session.me;
  document.querySelectorAll('.admin-only').forEach(a => { a.hidden = !(me && me.role === 'admin'); });
  const who = $('#who');
  if (!me) { mount(who, html`Not signed in`); return; }
  mount(who, html`Signed in as <b data-testid="who">${me.name}</b> (${me.role}) · <a href="#" id="signout">sign out</a>`);
  $('#signout').addEventListener('click', async ev => { ev.preventDefault(); await signOut(); route(); });
}
onSignOut(ended => {
  renderWho();
  renderRegimeLine();
  // the session ended under a page (signed out in another tab, expired, its token revoked): the sign-in form, not the
  // page's error box with no way to sign in; once signed in, the same address opens again
  if (ended && current) { leave(); signInPage(ended); }
});

let pendingToken = null; // a token taken from the address, until it is handed to the server (never stored by the page)

/** "#token=…" signs in and opens Assess; "#bulk/3&token=…" signs in and opens that page. The token leaves the address at once. */
function tokenFromAddress() {
  const m = location.hash.match(/token=([A-Za-z0-9_-]+)/);
  if (!m) return false;
  pendingToken = m[1];
  session.me = null;
  const rest = location.hash.replace(/[#&;]?token=[A-Za-z0-9_-]+/, '');
  history.replaceState(null, '', location.pathname + (rest && rest !== '#' ? rest : '#assess'));
  return true;
}

/*
 * The sign-in (or the question whether the cookie signs in) under way, if any. A second page asked for before its answer —
 * the link "#token=…" opened and another address right after, on a loaded server — waits for that answer: asking the
 * server again, it was told "not signed in" (the cookie not yet set), drew the sign-in form, and the first route, no longer
 * the page on screen, drew nothing (WebAppNewcomerBrowserTest.aPageOpenedWhileTheSignInLinkIsStillSigningInOpensSignedIn).
 */
let signingIn = null;

async function ensureSignedIn() {
  tokenFromAddress();
  if (signingIn && !pendingToken) return signingIn;
  const p = signInOnce();
  signingIn = p;
  try { return await p; } finally { if (signingIn === p) signingIn = null; }
}

/**
 * Why the last sign-in did not sign in, when something went wrong rather than the browser simply not being signed in:
 * { withToken, status, message } — a token refused (401) or a server that could not answer. The sign-in form says it —
 * a link with a revoked token, or a server that answered 503, had left the bare form and no word of why.
 */
let signInProblem = null;

async function signInOnce() {
  signInProblem = null;
  let withToken = false;
  try {
    if (pendingToken) {
      const t = pendingToken;
      pendingToken = null;
      withToken = true;
      await signIn(t);
    } else {
      const s = await sessionState(); // asks the server: the page cannot read the cookie
      session.me = s.signed_in ? s : null;
    }
  } catch (e) {
    signInProblem = { withToken, status: e && e.status, message: e && e.message ? e.message : String(e) };
    forget();
    return false;
  }
  if (!session.me) { forget(); return false; }
  renderWho();
  renderRegimeLine();
  return true;
}

/** The footer's line about the active regime; only asked for when signed in (no 401 on the sign-in page). */
export async function renderRegimeLine() {
  const el = $('#regime-line');
  if (!session.me) { el.textContent = ''; return; }
  try {
    const r = await api('/api/regime');
    // named by its id, as assessments and jobs name it ("us-2026"); how it was chosen ("bundled") in brackets
    const checked = r.info && r.info.horizon && r.info.horizon.checked_through;
    el.textContent = `Regime ${regimeName(r)} — ${r.title}, version ${r.version}; ${r.measures} measures, ${num(r.hts_lines, 0)} HTS lines`
      + (checked ? `; facts checked through ${checked}` : '');
  } catch { el.textContent = ''; }
}

/**
 * The server's health above every page when it is not ok (GET /api/health, which needs no token): degraded — the
 * database's disk full or nearly so, so that uploads, assessments and ledger appends are refused (503) or soon will be —
 * or the database unavailable. Asked at each page, so a person learns it before a write is refused, not from the refusal.
 */
async function renderHealth() {
  const el = $('#health');
  let h = null;
  try { h = await (await fetch('/api/health', { cache: 'no-store' })).json(); } catch { h = null; }
  if (!h || !h.status || h.status === 'ok') { el.hidden = true; mount(el, null); return; }
  const degraded = h.status === 'degraded';
  mount(el, html`<b>${degraded ? 'Writes may be refused' : 'The database is unavailable'}:</b> ${degraded ? h.writes : h.database}`);
  el.hidden = false;
}

/** What the sign-in form says of the last attempt's problem (a link's token refused, the server not answering), or null. */
function signInProblemText() {
  const p = signInProblem;
  if (!p) return null;
  if (p.status === 401 && p.withToken) return 'the token in the address was not accepted (unknown or revoked): sign in with a valid one';
  if (p.status === 401) return null; // not signed in: the form is the answer
  return p.status ? `the server could not sign you in (${p.status}): ${p.message}` : `the server could not be reached: ${p.message}`;
}

function signInPage(message) {
  document.title = 'Sign in — Lodestone';
  mount(main(), html`
    <h1>Sign in</h1>
    <p class="lead">Lodestone's API and this application need an API token. The first administrator token is printed by
      <span class="mono">lodestone serve</span> when it first starts (with a link that signs you in); an administrator can make more
      under Tokens. Lost it? Restart with <span class="mono">lodestone serve --new-admin-token</span>.</p>
    <div class="card"><form id="signin" class="row" novalidate>
      <label class="grow">API token<input name="token" placeholder="lst_…" autocomplete="off" required></label>
      <button type="submit">Sign in</button></form><div id="signin-error">${message ? errorBox({ message }) : ''}</div></div>`);
  $('#signin').addEventListener('submit', async ev => {
    ev.preventDefault();
    const bad = checkForm(ev.target);
    if (bad) { mount($('#signin-error'), bad); return; }
    pendingToken = ev.target.token.value.trim();
    if (await ensureSignedIn()) { route(); return; }
    // the server not answering is not the token's fault: said as such, the token left as typed to be sent again
    const problem = signInProblem && signInProblem.status !== 401 ? signInProblemText() : null;
    if (problem) { mount($('#signin-error'), errorBox({ message: problem })); return; }
    // beside the field, by its label, the token left as typed to be corrected
    mount($('#signin-error'), formError(ev.target, { field: 'token', message: 'not valid (unknown or revoked)' }));
  });
}

// ------------------------------------------------------------------ router

function leave() {
  if (!current) return;
  current.alive = false;
  current.timers.forEach(clearTimeout);
  current.hooks.forEach(f => { try { f(); } catch { /* leaving anyway */ } });
  current = null;
  disposeAll();
}

/** What a page's render() gets: the main element, whether it is still on screen, timers and leave hooks tied to it. */
function newView(id) {
  const v = {
    id, main: main(), alive: true, timers: new Set(), hooks: [], session,
    isAlive: () => v.alive,
    later(fn, ms) { const t = setTimeout(() => { v.timers.delete(t); if (v.alive) fn(); }, ms); v.timers.add(t); return t; },
    onLeave(fn) { v.hooks.push(fn); },
    refreshRegimeLine: renderRegimeLine,
  };
  return v;
}

let routeSeq = 0;
let firstRoute = true;
async function route() {
  const seq = ++routeSeq;
  // a page opened from the menu, a link or after signing in gets the focus on its heading; the first page of a visit does not
  const moveFocus = !firstRoute;
  firstRoute = false;
  leave();
  renderHealth();
  if (tokenFromAddress() || !session.me) {
    const ok = await ensureSignedIn();
    if (seq !== routeSeq) return; // another address was opened meanwhile: that route draws the page
    if (!ok) { signInPage(signInProblemText()); return; }
  }
  const [id, ...rest] = (location.hash.replace(/^#/, '') || 'assess').split('/');
  const page = pages.find(p => p.id === id) || pages[0];
  document.querySelectorAll('#nav a').forEach(a => {
    a.classList.toggle('active', a.dataset.page === page.id);
    if (a.dataset.page === page.id) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  document.title = (page.title || 'Lodestone') + ' — Lodestone';
  const view = current = newView(page.id);
  try {
    await page.render(view, rest.map(decodeURIComponent));
  } catch (e) {
    if (view.alive) mount(main(), errorBox(e));
  }
  // unless the person is already in the page (a field chosen while it loaded), the focus leaves the menu for the new page
  const inPage = document.activeElement !== main() && main().contains(document.activeElement);
  if (moveFocus && view.alive && !inPage) focusPage();
}

tokenFromAddress();
await loadPages();
window.addEventListener('hashchange', route);
await route();
