// What-ifs on the page: a whole file's comparison (compare-file, a compare job's result, a recorded what-if) and a
// recorded what-if's detail. Built with html`` like everything else: every value is escaped.
import { html } from './dom.js';
import { num, usd, usdChange, when } from './format.js';
import { tag } from './ui.js';

/**
 * A file's what-if: sides (unless the caller says them already), counts, totals and the lines whose duty changed (the
 * API's top list, largest change first).
 */
export function fileComparison(r, { sides = true } = {}) {
  const changed = (r.top || []).filter(l => Number(l.change) !== 0);
  const moved = movedOrigins(changed);
  return html`${sides ? html`<p data-testid="cmp-sides">A: <b>${r.a}</b> · B: <b>${r.b}</b></p>` : ''}
    <p data-testid="cmp-summary">${num(r.lines, 0)} lines read: ${num(r.lines - r.not_comparable, 0)} compared, ${num(r.changed, 0)} changed; ${num(r.not_comparable, 0)} not comparable
      (rejected or prohibited under either). Total duty ${usd(r.total_a)} → ${usd(r.total_b)}: <b>${usdChange(r.total_change)}</b></p>
    ${originsMoved(r.origins_moved)}
    ${whatIfWarnings(r.warnings)}
    ${notComparable(r)}
    ${changed.length ? html`<div class="table-wrap"><table data-testid="cmp-lines"><thead><tr><th scope="col">Line</th><th scope="col">HTS</th>${originHeads(moved)}<th scope="col" class="num">Duty A</th><th scope="col" class="num">Duty B</th><th scope="col" class="num">Change</th></tr></thead><tbody>
      ${changed.map(l => html`<tr><td>${l.line_id}${lineWarnings(l.warnings)}</td><td class="mono">${l.hts}</td>${originCells(l, moved)}
        <td class="num">${usd(l.a)}</td><td class="num">${usd(l.b)}</td><td class="num">${usdChange(l.change)}</td></tr>`)}</tbody></table></div>`
      : html`<div class="empty">No line's duty changes.</div>`}`;
}

/** A what-if that moved origins: the lines each mapping moved; one that moved none is said (a mistyped code?). */
function originsMoved(list) {
  if (!Array.isArray(list) || !list.length) return '';
  return html`<p data-testid="cmp-origins-moved">Origins moved under B: ${list.map((m, i) => html`${i ? ', ' : ''}${m.from} → ${m.to}
    ${Number(m.lines) === 0 ? html`<b>no line</b> (no line of the file is of origin ${m.from})` : html`${num(m.lines, 0)} ${Number(m.lines) === 1 ? 'line' : 'lines'}`}`)}</p>`;
}

/** Whether a what-if moved the origin of any of these lines (origin_b, side B's, differs from origin, side A's). */
const movedOrigins = lines => lines.some(l => l.origin_b && l.origin_b !== l.origin);
/** The origin column, or one for each side when the what-if moved origins: which side had which. */
const originHeads = moved => moved ? html`<th scope="col">Origin A</th><th scope="col">Origin B</th>` : html`<th scope="col">Origin</th>`;
const originCells = (l, moved) => moved ? html`<td>${l.origin}</td><td>${l.origin_b || l.origin}</td>` : html`<td>${l.origin}</td>`;

/**
 * A what-if's warnings, each with its side ("B: regime horizon: … (16 lines)"): those of the regime's horizon (a date past
 * the data, before its coverage, a stale exchange rate) also as a banner above the list, as the Assess page shows them.
 */
export function whatIfWarnings(list) {
  const ws = Array.isArray(list) ? list.filter(w => typeof w === 'string' && w) : [];
  if (!ws.length) return '';
  const horizon = ws.filter(w => HORIZON.test(w));
  return html`${horizon.length ? html`<div class="error" role="alert" data-testid="cmp-horizon-banner"><b>Beyond the data</b> — ${horizon[0]}${horizon.length > 1
    ? html` (and ${num(horizon.length - 1, 0)} more regime horizon ${horizon.length === 2 ? 'warning' : 'warnings'} below)` : ''}</div>` : ''}
    <details class="gap-top" data-testid="cmp-warnings"${horizon.length ? html` open` : ''}><summary>${num(ws.length, 0)} ${ws.length === 1 ? 'warning' : 'warnings'}</summary>
      <ul>${ws.map(w => html`<li>${w}</li>`)}</ul></details>`;
}
const HORIZON = /^[AB]: (lines? [^:]*: )?regime horizon: /;

/** A listed line's own warnings, under its id (a what-if recorded before they were kept has none). */
function lineWarnings(ws) {
  if (!Array.isArray(ws) || !ws.length) return '';
  return html`<div class="hint" data-testid="cmp-line-warnings">${ws.map(w => html`<div>${w}</div>`)}</div>`;
}

/** A shipment's or an entry's what-if: each side's warnings (an entry's say their lines), "A: …" then "B: …". */
function sideWarnings(r) {
  const of = (s, k) => (Array.isArray(answerOf(s).warnings) ? answerOf(s).warnings : []).map(w => k + ': ' + w);
  return of(r.a, 'A').concat(of(r.b, 'B'));
}

/** The first lines not compared, each with its line in the file and why (a what-if recorded before they were kept has none). */
function notComparable(r) {
  const first = Array.isArray(r.not_comparable_first) ? r.not_comparable_first : [];
  if (!first.length) return '';
  const more = Number(r.not_comparable) - first.length;
  return html`<details data-testid="cmp-not-comparable"><summary>Why ${num(r.not_comparable, 0)} ${Number(r.not_comparable) === 1 ? 'line was' : 'lines were'} not compared</summary>
    <ul>${first.map(n => html`<li>Line ${num(n.line, 0)}${n.line_id ? html` (${n.line_id})` : ''}: ${n.reason}</li>`)}</ul>
    ${more > 0 ? html`<p>… and ${num(more, 0)} more (the first ${num(first.length, 0)} in the file are named; <code>lodestone compare --out</code> writes every line's reason).</p>` : ''}</details>`;
}

/** A side's answer: one shipment's assessment, or a customs entry's (its lines and totals). */
const answerOf = s => s.assessment || s.entry;

/** One shipment's (or one customs entry's) what-if: each side's status and duty, the difference, the measures that make it, an entry's lines. */
export function shipmentComparison(r) {
  const side = s => html`<tr><td>${s.label}</td><td>${tag(answerOf(s).status)}</td><td class="num">${usd(answerOf(s).total_duty)}</td></tr>`;
  return html`<div class="table-wrap"><table data-testid="whatif-sides"><thead><tr><th scope="col">Side</th><th scope="col">Status</th><th scope="col" class="num">Total duty</th></tr></thead>
    <tbody>${side(r.a)}${side(r.b)}</tbody></table></div>
    <p>Difference (B − A): <b data-testid="whatif-difference">${usdChange(r.difference)}</b></p>
    ${whatIfWarnings(sideWarnings(r))}
    ${measureChanges(r)}${lineChanges(r)}`;
}

/** An entry's what-if: each line's duty under both sides and its change (a side where the line is prohibited: "prohibited"). */
function lineChanges(r) {
  if (!Array.isArray(r.lines)) return '';
  const duty = v => v === null || v === undefined ? 'prohibited' : usd(v);
  const moved = movedOrigins(r.lines);
  return html`<div class="table-wrap"><table data-testid="whatif-lines"><thead><tr><th scope="col">Line</th><th scope="col">HTS</th>${originHeads(moved)}
    <th scope="col" class="num">Duty A</th><th scope="col" class="num">Duty B</th><th scope="col" class="num">Change</th></tr></thead><tbody>
    ${r.lines.map(l => html`<tr><td>${l.line_id}</td><td class="mono">${l.hts}</td>${originCells(l, moved)}<td class="num">${duty(l.a)}</td>
      <td class="num">${duty(l.b)}</td><td class="num">${l.change === null || l.change === undefined ? '—' : usdChange(l.change)}</td></tr>`)}</tbody></table></div>`;
}

/** The measures whose amount differs between the two sides (one side only: 0 on the other), largest change first. */
function measureChanges(r) {
  const a = answerOf(r.a), b = answerOf(r.b);
  const measures = x => x.measures || x.duty_by_measure; // an entry's: its duty by measure, over its lines
  // a prohibited side has no duty figures: its status says so, and there is nothing to set measure by measure
  if (a.status !== 'assessed' || b.status !== 'assessed' || !Array.isArray(measures(a)) || !Array.isArray(measures(b))) return '';
  const rows = new Map();
  const add = (m, k) => {
    const row = rows.get(m.id) || { id: m.id, title: m.title || m.measure || m.id, a: 0, b: 0 };
    row[k] += Number(m.amount) || 0;
    rows.set(m.id, row);
  };
  measures(a).forEach(m => add(m, 'a'));
  measures(b).forEach(m => add(m, 'b'));
  const changed = [...rows.values()].filter(x => Math.abs(x.b - x.a) >= 0.005).sort((x, y) => Math.abs(y.b - y.a) - Math.abs(x.b - x.a));
  if (!changed.length) return '';
  return html`<div class="table-wrap"><table data-testid="whatif-measures"><thead><tr><th scope="col">Measure</th><th scope="col" class="num">A</th><th scope="col" class="num">B</th>
    <th scope="col" class="num">Change</th></tr></thead><tbody>${changed.map(x => html`<tr><td>${x.title}<div class="hint">${x.id}</div></td>
    <td class="num">${usd(x.a)}</td><td class="num">${usd(x.b)}</td><td class="num">${usdChange(x.b - x.a)}</td></tr>`)}</tbody></table></div>`;
}

/** A recorded what-if (GET /api/whatifs/{id}): who, when, what was asked, and the answer as it was given. */
export function whatIfDetail(w) {
  const asked = Object.entries(w.request || {}).filter(([, v]) => v !== null && (typeof v !== 'object' || v instanceof Number)); // (an exact number: kit/format.js Exact)
  return html`<div class="card" data-testid="whatif">
    <div class="row spread"><div><b>What-if #${w.id}</b> · ${w.kind === 'file' ? 'a file' : w.result && w.result.a && w.result.a.entry ? 'a customs entry' : 'a shipment'}: <span data-testid="whatif-subject">${w.subject}</span></div>
      <div class="hint">${when(w.at)} by <span data-testid="whatif-actor">${w.actor}</span>${w.job_id ? html` · compare job #${w.job_id}` : ''}</div></div>
    <p data-testid="whatif-sides-line">A: <b>${w.regime}</b> · B: <b>${w.compared_with}</b></p>
    ${asked.length ? html`<p class="hint source" data-testid="whatif-request">asked: ${asked.map(([k, v]) => k + ' ' + v).join('; ')}</p>` : ''}
    ${w.kind === 'file' ? fileComparison(w.result, { sides: false }) : shipmentComparison(w.result)}
  </div>`;
}
