// Small DOM and API helpers for the pages written as their own modules (Stockpiles, Exposure).
// Text reaches the page only through the kit's builder (kit/dom.js h, here as el), never through innerHTML.
import { chart } from './kit/charts.js';
import { fetched, parseJson } from './kit/api.js';
import { answered } from './kit/download.js';

// elements are built by the kit's one builder (kit/dom.js h): text as text, URLs checked, listeners only as functions
import { h as el } from './kit/dom.js';
export { el };

/**
 * A plain data table (the style of every table; not the form-grid class "grid") in a .table-wrap box, so that a wide
 * table scrolls sideways inside its card instead of widening the page. The testid names the table itself.
 */
export function table(headers, rows, testid, { stacked = false } = {}) {
  // a column of figures ("USD 1 078 200.00", "4 700", "12.5 %", grouped by thin spaces) is set to the right, as the kit's tables set theirs (class num):
  // their digits line up, and an amount reads the same on every page
  const figures = figureColumns(headers.length, rows);
  // stacked (style.css table.stacked): at phone width a row is a block, its first cell on top, each other cell under it
  // with its column's name (data-label) beside it, rather than columns scrolled sideways
  const label = i => stacked && i > 0 && headers[i] ? headers[i] : null;
  return el('div', { class: 'table-wrap' }, el('table', { testid, class: stacked ? 'stacked' : null },
    el('thead', {}, el('tr', {}, headers.map((h, i) => el('th', { scope: 'col', text: h, class: figures[i] ? 'num' : null })))),
    el('tbody', {}, rows.map(r => el('tr', {}, r.map((c, i) => c instanceof Node ? el('td', { 'data-label': label(i) }, c)
      : el('td', { text: c ?? '—', class: figures[i] ? 'num' : String(c ?? '').length > 40 ? 'prose' : null, 'data-label': label(i) })))))));
}

/** For each of n columns of the rows (arrays of cells): whether it is a column of figures, some of them given. */
export function figureColumns(n, rows) {
  return Array.from({ length: n }, (_, i) => rows.length > 0 && rows.every(r => isFigure(r[i]))
    && rows.some(r => r[i] !== null && r[i] !== undefined && r[i] !== '—'));
}

/**
 * A cell that is a figure: a number or an amount as kit/format.js writes it — in any currency, a price with its unit
 * ("CNY 70.00/kg", kit/format.js unitPrice) — or a dash for none.
 */
function isFigure(c) {
  if (c === null || c === undefined || c === '—') return true;
  if (typeof c === 'number') return true;
  return typeof c === 'string' && /^[+−-]?([A-Z]{3}\u00a0)?\d[\d\u202f]*(\.\d+)?(\/[^\s/]+)?(\s?%)?$/.test(c);
}

/** An error that belongs to no form field (a form's errors go through kit/ui.js formError: the field by its label). */
export function errorBox(e) {
  return el('div', { class: 'error', role: 'alert', testid: 'error' }, e.message);
}

// money and numbers as every other page shows them (kit/format.js): "USD 1 234.50", never "-0"
export { usd as money, num } from './kit/format.js';

/** Calls the API as the signed-in browser (its session cookie); an error answer is thrown as kit/api.js throws it (an ApiError with its message, field and code). */
export async function call(path, { method = 'GET', json, text, contentType, blob } = {}) {
  const headers = {};
  let body;
  if (json !== undefined) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  if (text !== undefined) { headers['Content-Type'] = contentType || 'text/plain'; body = text; }
  const res = await fetched(path, { method, headers, body });
  if (blob) return res.blob();
  const answer = await res.text();
  const data = parseJson(answer);
  if (data !== null && typeof data === 'object') answered.set(data, answer); // a download or report is of the server's own text
  return data;
}

/** A chart with the kit's lifecycle: disposed when replaced or when the page changes (kit/charts.js); `name`: what it shows, for screen readers. */
export function chartIn(container, name) {
  return chart(container, name);
}
