// Regime browser: the schedule as a tree and by search, a code's base rates and measures on a date for an origin,
// the timeline of measures on it, what changed between two dates, the agreements and their commitments.
import { html, mount, $, $$ } from '../kit/dom.js';
import { api } from '../kit/api.js';
import { today } from '../kit/format.js';
import { show, tag, errorBox, formError, clearErrors, announce, newest } from '../kit/ui.js';
import { keepInput } from '../kit/kept.js';

export default { id: 'regime', title: 'Regime', render };

async function render(view, [code, q]) {
  mount(view.main, html`
    <h1>Regime browser</h1>
    <p class="lead">The US tariff schedule and the measures on it — base rates, Section 232/301/122 and IEEPA duties, prohibitions,
      preferences — as of a date, for an origin, each with its legal base; what changed between two dates; the agreements and their commitments.</p>
    <div class="split">
      <div class="card">
        <form id="rsearch" class="row" role="search" novalidate><label class="grow">Search the schedule<input name="q" placeholder="words or a code"
          autocomplete="off" data-testid="regime-search"></label><button>Search</button></form>
        <div id="search-error"></div>
        <div id="search-view" class="search-view" data-testid="search-view" hidden></div>
        <div class="tree" id="tree"></div>
      </div>
      <div>
        <form id="code-form" class="card row" novalidate>
          <label>Code <input name="code" placeholder="e.g. 2846.90.80" data-testid="code-input"></label>
          <label>Date <input name="date" type="date"></label>
          <label>Origin <input name="origin" placeholder="any, or CN" maxlength="2"></label>
          <button>Show</button>
        </form>
        <div id="code-view"><div class="empty">Pick a line in the tree or type a code to see its measures.</div></div>
      </div>
    </div>
    <h2>What changed between two dates</h2>
    <form id="diff-form" class="card row" novalidate>
      <label>From <input name="from" type="date" value="2026-02-23"></label>
      <label>To <input name="to" type="date" value="2026-02-24"></label>
      <button>Show changes</button><span class="hint">Preset: the switch from IEEPA duties to the Section 122 surcharge.</span>
    </form>
    <div id="diff-view"></div>
    <h2>Against another regime</h2>
    <form id="against-form" class="card row" novalidate>
      <label>Regime <input name="against" value="bundled" data-testid="against"></label>
      <button data-testid="against-run">Compare</button><span class="hint">What the active regime adds to, removes from or changes in
        another registered one (an overlay against the regime it extends): bundled, bundled:plurilateral, or one an administrator activated.</span>
    </form>
    <div id="against-view"></div>
    <h2>Agreements and commitments</h2>
    <div id="agreements"></div>`);
  const cf = $('#code-form');
  cf.date.value = today();
  cf.addEventListener('submit', ev => { ev.preventDefault(); showCode(view, cf); });
  const df = $('#diff-form');
  df.addEventListener('submit', ev => { ev.preventDefault(); showDiff(view, df); });
  const af = $('#against-form');
  af.addEventListener('submit', ev => { ev.preventDefault(); showAgainst(view, af); });
  const search = searchFlow(view, $('#rsearch'), cf);
  // what was typed survives a visit to another page: the search (run again below when the address names no code), the
  // code, date and origin, the dates compared and the regime compared against
  const sf = $('#rsearch');
  keepInput('regime', [sf.q, cf.code, cf.date, cf.origin, df.from, df.to, af.against]);
  const keptQuery = sf.q.value.trim();
  await loadTree(view, $('#tree'));
  if (!view.alive) return;
  showDiff(view, df);
  loadAgreements(view);
  // "#regime/search/cobalt": the search, as the page left it in the address; "#regime/2846.90.80": that code
  if (code === 'search' && q) search.run(q);
  else if (code && code !== 'search') { cf.code.value = code; cf.requestSubmit(); }
  else if (!code && keptQuery) search.run(keptQuery);
}

// The search. Its results take the tree's place — the tree is hidden, not redrawn, so its open rows and its row in the
// tab order are as they were — as a list of links, one a line (its code and description, its place in the schedule
// described), under a count ("12 results for 'cobalt'"; "showing the first 60 of 143" past the limit) that is also
// said through the page's status region. A link opens the code's measures as a tree click does (and still opens the
// page with that code in a new tab). "Back to the schedule", emptying the box or Escape in it bring the tree back:
// the code last opened from the results shown in it (its rows opened down to it), else the row that had the focus.
// The search stays in the address (#regime/search/words), as other pages keep theirs, so a reload or a link shows it.
const SEARCH_LIMIT = 60;

function searchFlow(view, form, cf) {
  const box = form.q, panel = $('#search-view'), tree = $('#tree'), err = $('#search-error');
  let seq = 0, picked = null;
  const showing = () => !panel.hidden;

  async function run(q) {
    const mine = ++seq;
    box.value = q;
    try {
      const r = await api(`/api/regime/search?limit=${SEARCH_LIMIT}&q=` + encodeURIComponent(q));
      if (!view.alive || mine !== seq) return;
      clearErrors(form);
      mount(err, null);
      const said = searchCount(r, q);
      show(panel, html`<div class="search-head"><p class="search-count" id="search-count" data-testid="search-count">${said.count}</p>
          <button type="button" class="secondary" data-testid="search-back">Back to the schedule</button></div>
        ${said.more ? html`<p class="hint" data-testid="search-more">${said.more}</p>` : ''}
        ${r.results.length ? html`<ul class="search-results" aria-labelledby="search-count" data-testid="search-results">${r.results.map((x, i) =>
          html`<li>${x.code
            ? html`<a href="${'#regime/' + encodeURIComponent(x.code)}" data-code="${x.code}" data-index="${x.index ?? ''}" aria-describedby="${'search-in-' + i}"><span class="code">${x.code}</span> ${x.description}</a>`
            : x.index != null
              ? html`<button type="button" class="text-row" data-index="${String(x.index)}" aria-describedby="${'search-in-' + i}">${x.description} <span class="hint">(a heading's text, no code of its own — show it in the schedule)</span></button>`
              : html`<span>${x.description}</span> <span class="hint">(a heading's text, no code of its own)</span>`}
            <div class="hint" id="${'search-in-' + i}">${x.path === '(heading)' || !x.path ? 'a heading of the schedule' : 'in ' + x.path}</div></li>`)}</ul>` : ''}`);
      panel.hidden = false;
      tree.hidden = true;
      history.replaceState(null, '', '#regime/search/' + encodeURIComponent(q));
      announce(said.more ? said.count + '; ' + said.more[0].toLowerCase() + said.more.slice(1) : said.count);
    } catch (e) {
      if (!view.alive || mine !== seq) return;
      back({ focus: false });
      mount(err, formError(form, e)); // "Search the schedule: missing; …", the field marked and focused
    }
  }

  /** The tree as it was, the results gone; the code last opened from results (of this search or an earlier one) shown in it. */
  async function back({ focus }) {
    ++seq; // a search still on its way is not shown
    const wasIn = panel.contains(document.activeElement);
    show(panel, null);
    panel.hidden = true;
    tree.hidden = false;
    mount(err, null);
    clearErrors(form);
    if (location.hash.startsWith('#regime/search')) history.replaceState(null, '', '#regime');
    const t = $('[role=tree]', tree);
    if (!t) return;
    const code = picked;
    picked = null;
    const at = (code && await reveal(view, t, code.code, code.index)) || $('[role=treeitem][tabindex="0"]', t);
    if (!view.alive || !at || !at.isConnected || tree.hidden) return;
    rove(t, at);
    if (focus || (wasIn && !form.contains(document.activeElement))) at.focus();
  }

  form.addEventListener('submit', ev => { ev.preventDefault(); run(box.value); });
  box.addEventListener('input', () => { if (!box.value && showing()) back({ focus: false }); });
  box.addEventListener('keydown', ev => {
    if (ev.key !== 'Escape' || (!box.value && !showing())) return;
    ev.preventDefault();
    ev.stopPropagation(); // not the menu's Escape
    box.value = '';
    back({ focus: false });
  });
  panel.addEventListener('click', ev => {
    if (ev.target.closest('[data-testid=search-back]')) { box.value = ''; back({ focus: true }); return; }
    const row = ev.target.closest('button.text-row[data-index]');
    if (row) { // a heading's text has no code to show: the schedule is shown, opened down to that row, and the row focused
      picked = { code: null, index: Number(row.dataset.index) };
      box.value = '';
      back({ focus: true });
      return;
    }
    const a = ev.target.closest('a[data-code]');
    // a plain click (or Enter) shows the code here; with a modifier, the browser opens the link (a new tab or window)
    if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    for (const o of $$('a[aria-current]', panel)) o.removeAttribute('aria-current');
    a.setAttribute('aria-current', 'true');
    picked = { code: a.dataset.code, index: a.dataset.index === '' ? null : Number(a.dataset.index) };
    cf.code.value = picked.code;
    cf.requestSubmit();
  });
  return { run };
}

/** What a search found, in words: the count, and past the limit how many are shown. */
export function searchCount(r, q) {
  const shown = r.results.length, total = r.total ?? shown;
  if (!total) return { count: `No result for '${q}' — try a code or fewer words` };
  if (!r.truncated) return { count: `${total} result${total === 1 ? '' : 's'} for '${q}'` };
  return r.total != null
    ? { count: `${total} results for '${q}'`, more: `Showing the first ${shown} of ${total} — refine the search to see the others` }
    : { count: `More than ${shown} results for '${q}'`, more: `The first ${shown} — refine the search` };
}

const digitsOf = c => String(c || '').replace(/\D/g, '');

/**
 * Opens the tree's rows down to a line and returns its row (or the deepest row reached, should a row fail to open). At
 * each level the row above it is the one that holds it: among the chapters, the one its code starts with (or, for a line
 * known by its place alone, the last chapter whose first line is not after it); below them
 * (rows in schedule order, each with its lines after it), the last row whose place in the schedule is not after the
 * line's — a heading's text, which has no code, opened by its place. Without a place (an older server), by code alone.
 */
async function reveal(view, t, code, index) {
  const want = digitsOf(code);
  const place = r => r.dataset.index === '' || r.dataset.index === undefined ? null : Number(r.dataset.index);
  let rows = $$(':scope > li > [role=treeitem]', t), at = null;
  while (rows.length) {
    let best = null;
    for (const r of rows) {
      const k = place(r), d = digitsOf(r.dataset.code);
      if (k !== null && index !== null) { if (k <= index && (!best || k > place(best))) best = r; }
      else if (d && want.startsWith(d) && (!best || d.length > digitsOf(best.dataset.code).length)) best = r;
    }
    if (!best) break;
    at = best;
    // (a chapter's place is its first line's: the chapter row is never the line itself)
    if (index !== null ? place(best) === index && digitsOf(best.dataset.code).length !== 2 : digitsOf(best.dataset.code) === want) break;
    if (best.getAttribute('aria-expanded') === 'false') await expand(view, best);
    if (!view.alive || best.getAttribute('aria-expanded') !== 'true') break;
    rows = $$(':scope > li > [role=treeitem]', groupOf(best));
  }
  return at;
}

// The schedule as an ARIA tree (the WAI-ARIA tree pattern, its "navigation treeview" form): a <ul role="tree">
// of <li role="none">, each holding its row — the <span role="treeitem">, which takes the focus — and a
// <ul role="group"> that the row owns (aria-owns), empty until the row is opened: a chapter's or heading's lines are
// fetched when it is first opened, and dropped when it is closed. Each row states its level, its place among its
// siblings and, when it has lines under it, whether it is open. One row is in the tab order (roving tabindex): the
// one last focused. Up and Down go to the row above or below, Home and End to the first and last; Right opens a row
// or goes to its first line, Left closes it or goes to its parent; Enter and Space do what a click does (a heading's
// or line's measures shown, its lines opened or closed).
let treeSeq = 0;

/** The rows of a level of the tree (their lines not loaded yet). */
function treeRows(children, level) {
  return html`${children.map((c, i) => {
    const group = 'tree-group-' + (++treeSeq);
    return html`<li role="none"><span role="treeitem" tabindex="-1" data-code="${c.code || ''}" data-index="${c.index ?? ''}" data-kids="${String(c.has_children)}"
      aria-level="${String(level)}" aria-setsize="${String(children.length)}" aria-posinset="${String(i + 1)}"
      ${c.has_children ? html`aria-expanded="false" aria-owns="${group}"` : ''}><span class="code"><span class="twisty" aria-hidden="true">${c.has_children ? '▸ ' : ''}</span>${c.code || ''}</span>${c.description}</span>${c.has_children ? html`<ul role="group" id="${group}"></ul>` : ''}</li>`;
  })}`;
}

async function loadTree(view, el) {
  const r = await api('/api/regime/tree');
  if (!view.alive) return;
  mount(el, html`<ul role="tree" aria-label="The schedule by chapter, heading and line" data-testid="regime-tree">${treeRows(r.children, 1)}</ul>`);
  const tree = $('[role=tree]', el);
  const first = $('[role=treeitem]', tree);
  if (first) first.tabIndex = 0;
  tree.addEventListener('click', ev => {
    const item = ev.target.closest('[role=treeitem]');
    if (item && tree.contains(item)) act(view, item);
  });
  // the one row in the tab order follows the focus, whether it came by the keyboard or by a click
  tree.addEventListener('focusin', ev => { if (ev.target.matches('[role=treeitem]')) rove(tree, ev.target); });
  tree.addEventListener('keydown', ev => {
    const item = ev.target.closest('[role=treeitem]');
    if (!item || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const rows = $$('[role=treeitem]', tree); // the rows shown, in reading order (a closed row's lines are not in the page)
    const at = rows.indexOf(item);
    const open = item.getAttribute('aria-expanded');
    const go = target => { if (target) { rove(tree, target); target.focus(); } };
    switch (ev.key) {
      case 'ArrowDown': go(rows[at + 1]); break;
      case 'ArrowUp': go(rows[at - 1]); break;
      case 'Home': go(rows[0]); break;
      case 'End': go(rows[rows.length - 1]); break;
      case 'ArrowRight':
        if (open === 'false') expand(view, item);
        else if (open === 'true') go($('[role=treeitem]', groupOf(item)));
        break;
      case 'ArrowLeft':
        if (open === 'true') collapse(item);
        else go(parentOf(item));
        break;
      case 'Enter': case ' ': act(view, item); break;
      default: return;
    }
    ev.preventDefault(); // the arrows, Home, End and Space would scroll the page
  });
}

/** The row in the tab order: this one. */
function rove(tree, item) {
  for (const r of $$('[role=treeitem][tabindex="0"]', tree)) if (r !== item) r.tabIndex = -1;
  item.tabIndex = 0;
}

const groupOf = item => document.getElementById(item.getAttribute('aria-owns'));

/** The row whose lines hold this one; null at the top level. */
function parentOf(item) {
  const group = item.closest('li').parentElement;
  return group.getAttribute('role') === 'group' ? group.previousElementSibling : null;
}

/** A click, Enter or Space: a heading's or line's measures shown (not a chapter's: too many), its lines opened or closed. */
function act(view, item) {
  if (item.dataset.code && item.dataset.code.length > 2) {
    const cf = $('#code-form'); cf.code.value = item.dataset.code; cf.requestSubmit();
  }
  const open = item.getAttribute('aria-expanded');
  if (open === 'false') expand(view, item);
  else if (open === 'true') collapse(item);
}

/** Opens a row: its lines fetched and shown under it. A second request while they load does nothing (not loaded twice). */
async function expand(view, item) {
  if (item.dataset.busy || !(item.dataset.code || item.dataset.index)) return;
  item.dataset.busy = '1';
  item.setAttribute('aria-busy', 'true');
  try {
    // a heading's text has no code: its lines are asked for by its place in the schedule
    const r = await api('/api/regime/tree?' + (item.dataset.code ? 'code=' + encodeURIComponent(item.dataset.code) : 'index=' + item.dataset.index));
    if (!view.alive || !item.isConnected) return;
    mount(groupOf(item), treeRows(r.children, Number(item.getAttribute('aria-level')) + 1));
    item.setAttribute('aria-expanded', 'true');
    $('.twisty', item).textContent = '▾ ';
  } catch (e) {
    // said under the row (the row stays closed; opening it again asks again), not lost in the console
    if (view.alive && item.isConnected) mount(groupOf(item), html`<li role="none">${errorBox(e)}</li>`);
  } finally { delete item.dataset.busy; item.removeAttribute('aria-busy'); }
}

function collapse(item) {
  if (item.dataset.busy) return;
  const group = groupOf(item);
  // the row in the tab order, or the focus, inside the lines closed: moved to the row that closes them
  if (group.contains(document.activeElement)) item.focus();
  if ($('[tabindex="0"]', group)) rove(item.closest('[role=tree]'), item);
  group.replaceChildren();
  item.setAttribute('aria-expanded', 'false');
  $('.twisty', item).textContent = '▸ ';
}

let codeSeq = 0;
async function showCode(view, cf) {
  const el = $('#code-view');
  const code = cf.code.value.trim(), date = cf.date.value || today(), origin = cf.origin.value.trim().toUpperCase();
  if (!code) { show(el, formError(cf, { field: 'code', message: 'code: type an HTS code, e.g. 2846.90.80' })); return; }
  const seq = ++codeSeq;
  show(el, html`<p class="hint">Loading…</p>`);
  try {
    const q = new URLSearchParams({ date });
    if (origin) q.set('origin', origin);
    const [c, t] = await Promise.all([api(`/api/regime/codes/${encodeURIComponent(code)}?` + q),
      api(`/api/regime/codes/${encodeURIComponent(code)}/timeline` + (origin ? '?origin=' + encodeURIComponent(origin) : ''))]);
    if (!view.alive || seq !== codeSeq) return;
    const applying = c.base_rates.filter(b => b.applies);
    const other = c.base_rates.length - applying.length;
    show(el, html`<div class="card" data-testid="code-view">
      <div><span class="mono">${c.code}</span> <b>${c.description}</b> ${c.declarable ? '' : html`<span class="tag">not declarable</span>`}</div>
      <div class="hint">${html.join(c.ancestors.map(a => a.code + ' ' + a.description), ' › ')}</div>
      ${(c.warnings || []).length ? html`<div class="warn" data-testid="code-warnings"><b>Warnings:</b><ul class="warn-list">${c.warnings.map(w => html`<li>${w}</li>`)}</ul></div>` : ''}
      <h2>Base rates on ${c.date}${c.origin ? ' for goods of ' + c.origin : ''}</h2>
      <div class="table-wrap"><table class="stacked" data-testid="base-rates"><thead><tr><th scope="col">Column</th><th scope="col">Duty</th><th scope="col">Why</th></tr></thead><tbody>
      ${applying.length ? applying.map(b => html`<tr><td>${b.column || b.id}${b.program ? ' (' + b.program + ')' : ''}</td><td class="mono" data-label="Duty">${b.duty ?? b.source_text}</td>
        <td class="hint" data-label="Why">${b.why}</td></tr>`) : html`<tr><td colspan="3" class="hint">none applies</td></tr>`}</tbody></table></div>
      ${other ? html`<p class="hint" data-testid="base-rates-other">${other} other column${other > 1 ? 's' : ''} (preference programmes and column 2)
        ${c.origin ? 'do not apply to goods of ' + c.origin : 'apply only to some origins: choose an origin to see which applies'}.</p>` : ''}
      <h2>Measures in force</h2>
      <div class="table-wrap"><table class="stacked" data-testid="code-measures"><thead><tr><th scope="col">Measure</th><th scope="col">Duty</th><th scope="col">Legal base</th><th scope="col">Valid</th></tr></thead><tbody>
      ${c.measures.length ? groupByEconomy(c.measures).map(g => g.measures.length > 1 ? groupRow(g) : measureRow(g.measures[0]))
        : html`<tr><td colspan="4" class="hint">No overlay measure applies on this date.</td></tr>`}</tbody></table></div>
      ${c.excluded.length ? excludedFrom(c.excluded) : ''}
      ${(c.known_gaps || []).length ? html`<div class="error" data-testid="known-gaps"><b>Known gaps</b> — not modelled, no source here holds them:
        <ul>${c.known_gaps.map(g => html`<li><span class="mono">${g.id}</span>: ${g.what}</li>`)}</ul></div>` : ''}
      <h2>Timeline of measures on this code${t.origin ? ' for ' + t.origin : ''}</h2>
      ${timeline(t.measures, date)}
    </div>`);
    // on a phone the code view is below the tree or the results, off screen: brought into view (the focus stays where it
    // was, in the tree or the results, so the keyboard goes on from there) and said
    const top = el.getBoundingClientRect().top;
    if (top >= window.innerHeight || top < -1) {
      el.scrollIntoView({ block: 'start' });
      announce(`${c.code} ${c.description}: its rates and measures are shown below`);
    }
  } catch (e) { if (view.alive && seq === codeSeq) show(el, formError(cf, e)); }
}

/** A measure's name as people say it: its legal base ("Section 301 …") before the heading number. */
export function legalName(m) {
  const lb = m.legal_base || {};
  return lb.instrument || m.title || m.output_id;
}

/**
 * The measures that differ only by the economy they apply to — the same kind, legal instrument, conditions and dates,
 * titled "Section 301 action on 60 economies (forced labour), Angola", "…, Argentina" — as one group of at least 3;
 * every other measure as a group of one. In the order of each group's first measure. A group:
 * {name: the titles' common part, measures: [{…measure, economy: the rest of its title}]}.
 * `same` says what else the measures of a group share besides the start of their titles: by default a measure's kind,
 * legal instrument, conditions and dates (the code view); the changes between two dates give their own (diffKey).
 */
export function groupByEconomy(ms, same = measureKey) {
  const groups = new Map();
  for (const m of ms) {
    const title = m.title || '', cut = title.indexOf(', ');
    const name = cut > 0 ? title.slice(0, cut) : title;
    const key = JSON.stringify([name, ...same(m)]);
    if (!groups.has(key)) groups.set(key, { name, measures: [] });
    groups.get(key).measures.push({ ...m, economy: cut > 0 ? title.slice(cut + 2) : m.output_id });
  }
  return [...groups.values()].flatMap(g => g.measures.length >= 3 ? [g] : g.measures.map(m => ({ name: m.title, measures: [m] })));
}

/** What the measures of a group share in the code view and the timeline. */
function measureKey(m) {
  const lb = m.legal_base || {};
  return [m.type, m.series, m.value_basis, lb.instrument, lb.notice, m.valid_from, m.valid_to,
    m.conditions, m.displaces, m.illustrative]; // not the footnotes (an economy's own notes; the view does not show them)
}

/** The first number of a rate ("15% - base MIN 0%": 15), to order rates by; 0 when it has none. */
const rateNumber = d => parseFloat(String(d).match(/\d+(\.\d+)?/)?.[0]) || 0;

/** The rates of a group's measures, each once, lowest first, with how many economies have it: "10% (3), 15% (38)". */
function groupRates(g) {
  const n = new Map();
  for (const m of g.measures) { const d = m.duty ?? m.type; n.set(d, (n.get(d) || 0) + 1); }
  return [...n.entries()].sort((a, b) => rateNumber(a[0]) - rateNumber(b[0]) || String(a[0]).localeCompare(String(b[0])))
    .map(([d, k]) => n.size > 1 ? `${d} (${k})` : d).join(', ');
}

/**
 * The measures a code is excluded from: those that differ only by their economy ("Section 301 action on 60 economies (forced
 * labour), Angola", "…, Argentina") as one entry with their number, each economy under a <details>, as the measures in force
 * are grouped; they were listed one by one, a paragraph 1,600 px tall at 390 px.
 */
function excludedFrom(list) {
  const groups = groupByEconomy(list, () => []);
  const one = groups.filter(g => g.measures.length === 1).map(g => g.measures[0]);
  const many = groups.filter(g => g.measures.length > 1);
  const named = [...one.map(x => x.id + ' (' + x.title + ')'), ...many.map(g => `${g.name} — ${g.measures.length} economies`)];
  // what carves the code out (an annex of exemptions, its U.S. note and heading), as the assessment's trail cites it
  const why = [...one.filter(x => (x.by || []).length).map(x => x.id + ': ' + x.by.join('; ')),
    ...many.filter(g => (g.measures[0].by || []).length).map(g => g.name + ': ' + g.measures[0].by.join('; '))];
  return html`<div class="hint" data-testid="code-excluded"><p>Excluded from: ${html.join(named, '; ')}</p>
    ${why.length ? html`<details data-testid="excluded-by"><summary>Why: the exemption lists</summary><ul>${why.map(t =>
      html`<li>${t}</li>`)}</ul></details>` : ''}
    ${many.map(g => html`<details class="group-members"><summary>${g.name}: each economy's measure</summary><ul>${g.measures.map(x =>
      html`<li data-testid="excluded-member">${x.economy} <span class="mono nowrap">${x.id}</span> <span class="mono nowrap">${x.output_id}</span></li>`)}</ul></details>`)}</div>`;
}

function groupRow(g) {
  const m = g.measures[0], lb = m.legal_base || {};
  return html`<tr data-testid="measure-group"><td class="prose"><b>${g.name}</b> — ${g.measures.length} economies
    <div class="hint">${m.output_id} … ${g.measures[g.measures.length - 1].output_id} · ${m.type}</div>
    ${m.conditions.length ? html`<div class="hint">${html.join(m.conditions, html`<br>`)}</div>` : ''}${displacesNote(m)}
    <details class="group-members"><summary>Each economy: its heading and rate</summary><ul>${g.measures.map(x =>
      html`<li data-testid="group-member">${x.economy} <span class="mono nowrap">${x.output_id}</span> <span class="mono nowrap">${x.duty ?? x.type}</span></li>`)}</ul></details></td>
    <td class="mono" data-label="Duty">${groupRates(g)}</td><td class="hint prose" data-label="Legal base">${[lb.instrument, lb.notice].filter(Boolean).join(' · ')}</td>
    <td class="hint nowrap" data-label="Valid" data-testid="measure-valid">${m.valid_from ?? '…'} → ${m.valid_to ?? '…'}</td></tr>`;
}

/** The measures a measure displaces (supersedes on the value it is charged on), as `regime show` says them; nothing when none. */
function displacesNote(m) {
  return m.displaces?.length ? html`<div class="hint" data-testid="measure-displaces">displaces ${m.displaces.join(', ')} (not charged on the value this measure is charged on)</div>${stackingNote(m)}` : '';
}

/**
 * Why the measures it displaces do not stack on it: each stacking rule with the measures it explains and its citation (or
 * that the citation is not sourced), under a <details> — the citations a protest cites, as `regime show` prints them.
 */
function stackingNote(m) {
  const rules = m.stacking || [];
  if (!rules.length) return '';
  const few = ids => ids.length > 6 ? ids.slice(0, 6).join(', ') + ` and ${ids.length - 6} more` : ids.join(', ');
  return html`<details data-testid="measure-stacking"><summary>Why they do not stack: ${rules.length === 1 ? 'the citation' : `${rules.length} citations`}</summary><ul>${rules.map(r =>
    html`<li data-testid="stacking-rule"><span class="mono nowrap">${r.rule ?? 'no stacking rule'}</span> (${few(r.displaces)}): ${r.citation ?? 'citation not sourced — ' + r.citation_not_sourced}</li>`)}</ul></details>`;
}

function measureRow(m) {
  const lb = m.legal_base || {};
  // the measure and its legal base as sentences, not a word a line at 390 px: at phone width each measure is a block (stacked)
  return html`<tr><td class="prose"><b>${m.title || legalName(m)}</b><div class="hint">${m.output_id} · ${m.type}</div>
    ${m.conditions.length ? html`<div class="hint">${html.join(m.conditions, html`<br>`)}</div>` : ''}${displacesNote(m)}</td>
    <td class="mono" data-label="Duty">${m.duty ?? m.type}</td><td class="hint prose" data-label="Legal base">${[lb.instrument, lb.heading, lb.notice].filter(Boolean).join(' · ')}</td>
    <td class="hint nowrap" data-label="Valid" data-testid="measure-valid">${m.valid_from ?? '…'} → ${m.valid_to ?? '…'}</td></tr>`;
}

// The timeline is an SVG: one bar per measure over a date axis with a tick each quarter (labelled each year),
// and a red line at the chosen date. The axis has two rows — the years, then the chosen date's label below them —
// so that the two never overlap (the labels column's "date" row is as tall: .tl-axis-label).
// Measures that differ only by their economy (groupByEconomy) share one bar; under the timeline, a <details> lists
// each group's economies with their headings and rates.
function timeline(all, chosen) {
  if (!all.length) return html`<div class="empty">No overlay measure ever covers this code.</div>`;
  const groups = groupByEconomy(all);
  const ms = groups.map(g => g.measures[0]);
  const label = g => g.measures.length > 1
    ? html`<div class="tl-label" title="${g.name + ', ' + g.measures.length + ' economies'}">${g.measures.length} economies: ${g.name}</div>`
    : html`<div class="tl-label" title="${g.measures[0].title || ''}">${g.measures[0].output_id} <span class="hint">${g.measures[0].duty ?? g.measures[0].type}</span></div>`;
  const several = groups.filter(g => g.measures.length > 1);
  const d = s => s ? Date.parse(s + 'T00:00:00Z') : null;
  const start = Date.UTC(2024, 0, 1);
  const lo = Math.max(start, Math.min(d(chosen), ...ms.map(m => d(m.valid_from) ?? start)));
  const hi = Math.max(Date.now() + 180 * 864e5, d(chosen) + 90 * 864e5, ...ms.map(m => d(m.valid_to) ?? 0));
  const rowH = 22, top = 8, axisH = 40;
  // x positions in percent of the SVG's width: bars scale with the card, text and heights stay in pixels
  const x = t => (t - lo) / (hi - lo) * 100;
  const P = v => Math.min(100, Math.max(0, v)).toFixed(2) + '%';
  const H = top + ms.length * rowH + axisH;
  const ticks = [];
  for (let y = new Date(lo).getUTCFullYear(); y <= new Date(hi).getUTCFullYear(); y++) {
    for (const mo of [0, 3, 6, 9]) {
      const t = Date.UTC(y, mo, 1);
      if (t >= lo && t <= hi) ticks.push({ t, label: mo === 0 ? String(y) : '' });
    }
  }
  const cx = x(d(chosen));
  return html`<div class="timeline" data-testid="timeline">
    <div class="timeline-labels">${groups.map(label)}<div class="tl-axis-label hint">date</div></div>
    <svg class="timeline-svg" width="100%" height="${H}" role="img" aria-label="timeline of measures" data-testid="timeline-axis">
      ${ticks.map(k => html`<line class="tl-tick" x1="${P(x(k.t))}" x2="${P(x(k.t))}" y1="${top}" y2="${H - axisH + 4}"></line>
        ${k.label ? html`<text class="tl-year" x="${P(x(k.t))}" dx="3" y="${H - axisH + 18}">${k.label}</text>` : ''}`)}
      ${ms.map((m, i) => {
        const a = Math.max(lo, d(m.valid_from) ?? lo), b = d(m.valid_to) ?? hi, n = groups[i].measures.length;
        return html`<rect class="tl-bar" x="${P(x(a))}" y="${top + i * rowH + 5}" width="${P(Math.max(0.4, x(b) - x(a)))}" height="12" rx="2">
          <title>${n > 1 ? groups[i].name + ', ' + n + ' economies' : m.output_id}: ${m.valid_from ?? '…'} → ${m.valid_to ?? 'open'}</title></rect>`;
      })}
      <line class="tl-chosen" data-testid="timeline-chosen" x1="${P(cx)}" x2="${P(cx)}" y1="0" y2="${H - axisH + 4}"></line>
      <text class="tl-chosen-label" x="${P(cx)}" dx="${cx > 80 ? -70 : 4}" y="${H - 3}" data-testid="timeline-chosen-label">${chosen}</text>
    </svg></div>
    <p class="hint">Axis: ${new Date(lo).toISOString().slice(0, 10)} to ${new Date(hi).toISOString().slice(0, 10)}; the red line is the date chosen above (${chosen}).</p>
    ${several.length ? html`<details class="group-members" data-testid="timeline-groups"><summary>The economies of the ${several.length} grouped bar${several.length > 1 ? 's' : ''}
      (${several.reduce((k, g) => k + g.measures.length, 0)} measures)</summary>${several.map(g => html`<p><b>${g.name}</b>
      <span class="hint nowrap">${g.measures[0].valid_from ?? '…'} → ${g.measures[0].valid_to ?? '…'}</span>: ${html.join(g.measures.map(x =>
        html`<span data-testid="group-member">${x.economy} <span class="mono nowrap">${x.output_id} ${x.duty ?? x.type}</span></span>`), '; ')}</p>`)}</details>` : ''}`;
}

async function showDiff(view, df) {
  const el = $('#diff-view');
  const run = newest(el, view);
  try {
    const r = await api(`/api/regime/diff?from=${encodeURIComponent(df.from.value)}&to=${encodeURIComponent(df.to.value)}`);
    if (!run.alive) return;
    // a change made to many economies at once (the IEEPA reciprocal duties ending) is one row, as in the code view
    show(el, r.changes.length ? html`<div class="card table-wrap"><table class="stacked" data-testid="diff"><thead><tr><th scope="col">Date</th><th scope="col">Change</th><th scope="col">What</th><th scope="col">Id</th><th scope="col">Detail</th></tr></thead><tbody>
      ${groupByEconomy(r.changes.map(asMeasure), diffKey).map(g => g.measures.length > 1 ? changeGroupRow(g) : changeRow(g.measures[0]))}
      </tbody></table></div>` : html`<div class="empty">Nothing changed between these dates.</div>`);
  } catch (e) { if (run.alive) show(el, formError(df, e)); }
}

/** What the active regime adds, removes or changes against another (GET /api/regime/compare), a row each. */
async function showAgainst(view, af) {
  const el = $('#against-view');
  const run = newest(el, view);
  try {
    const r = await api('/api/regime/compare?against=' + encodeURIComponent(af.against.value));
    if (!run.alive) return;
    clearErrors(af);
    show(el, r.changes.length ? html`<div class="card table-wrap"><p class="hint">${r.regime} against ${r.against}: ${r.changes.length} change(s)</p>
      <table class="stacked" data-testid="against-changes"><thead><tr><th scope="col">Change</th><th scope="col">What</th><th scope="col">Id</th><th scope="col">Detail</th></tr></thead><tbody>
      ${r.changes.map(c => html`<tr><td>${c.change}</td><td data-label="What">${c.kind}</td><td class="mono nowrap" data-label="Id">${c.id}</td><td class="hint prose" data-label="Detail">${c.detail}</td></tr>`)}
      </tbody></table></div>` : html`<div class="empty">${r.regime} and ${r.against} have the same measures, groups, agreements, stacking rules and horizon (sources, known gaps, Section 321 de minimis).</div>`);
  } catch (e) { if (run.alive) show(el, formError(af, e)); }
}

/**
 * A change between two dates as groupByEconomy reads a measure: a measure's change is "<its title> — <what it does or
 * until when it was in force>" (lodestone regime diff), its title grouped on, the rest shown as its rate. Any other
 * change (a group's member, an agreement's event) keeps its detail whole.
 */
function asMeasure(c) {
  const cut = c.kind === 'measure' ? (c.detail || '').lastIndexOf(' — ') : -1;
  return cut > 0 ? { ...c, title: c.detail.slice(0, cut), duty: c.detail.slice(cut + 3), output_id: c.id }
    : { ...c, title: c.detail || '', duty: '', output_id: c.id };
}

/** What the changes of a group share besides the start of their titles: the change, on the same date; a change other than a measure's only its own detail. */
function diffKey(c) {
  return [c.kind, c.change, c.date, c.kind === 'measure' ? '' : c.detail];
}

function changeRow(c) {
  return html`<tr><td class="nowrap">${c.date}</td><td data-label="Change">${c.change}</td><td data-label="What">${c.kind}</td><td class="mono nowrap" data-label="Id">${c.id}</td><td class="hint prose" data-label="Detail">${c.detail}</td></tr>`;
}

function changeGroupRow(g) {
  const c = g.measures[0];
  return html`<tr data-testid="change-group"><td class="nowrap">${c.date}</td><td data-label="Change">${c.change}</td><td data-label="What">${c.kind}</td>
    <td class="nowrap" data-label="Id">${g.measures.length} measures</td><td class="prose" data-label="Detail"><b>${g.name}</b> — ${g.measures.length} economies
    <div class="hint">${groupRates(g)}</div>
    <details class="group-members"><summary>Each economy: its measure and change</summary><ul>${g.measures.map(x =>
      html`<li data-testid="group-member">${x.economy} <span class="mono">${x.id}</span> <span class="hint">${x.duty}</span></li>`)}</ul></details></td></tr>`;
}

/** A source: its http(s) addresses become links (escaped, opened without the referrer), the rest stays text. */
export function sourceLinks(text) {
  const parts = String(text ?? '').split(/(https?:\/\/[^\s<>"')\]]+)/);
  return parts.map((p, i) => i % 2 ? html`<a href="${p}" rel="noopener noreferrer" target="_blank">${p}</a>` : p);
}

async function loadAgreements(view) {
  const el = $('#agreements');
  try {
    const all = await api('/api/agreements');
    if (!view.alive) return;
    show(el, all.length ? html`${all.map(a => html`<details class="card"><summary><b>${a.name}</b> ${tag(a.status || '')} ${a.illustrative ? html`<span class="tag">illustrative, not law</span>` : ''}
        <span class="hint">${Object.entries(a.dates).map(([k, v]) => k + ' ' + v).join(' · ')}</span></summary>
      <p class="hint">Parties: ${a.parties.join(', ')}${a.builds_on.length ? ' · builds on ' + a.builds_on.join(', ') : ''}</p>
      ${a.deadlines.length ? html`<div class="table-wrap"><table><thead><tr><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Deadline</th></tr></thead><tbody>${a.deadlines.map(d =>
        html`<tr><td>${d.due ?? 'pending'}</td><td>${tag(d.status)}</td><td>${d.what}</td></tr>`)}</tbody></table></div>` : ''}
      <ul>${a.commitments.map(c => html`<li><span class="tag">${c.category ?? ''}</span> [${c.party}] ${c.text}
        ${c.source ? html`<div class="hint source" data-testid="commitment-source">source: ${sourceLinks(c.source)}</div>` : ''}</li>`)}</ul></details>`)}`
      : html`<div class="empty">This regime has no agreements.</div>`);
  } catch (e) { if (view.alive) show(el, errorBox(e)); }
}
