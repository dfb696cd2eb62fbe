// Market paths on the Scenarios page (issue 15): a scenario's path over its years (price and club-share
// charts, the projects built on a timeline), a "seek" form, Monte Carlo fan charts and a tornado. Text reaches
// the page only through the kit's builder (kit/dom.js h and svg: text as text, never innerHTML). Long runs are API jobs,
// polled for progress while the page is on screen (the polling stops when the page is left). Every run is stored:
// showStoredRun draws one reopened from History (#scenarios/run/ID) the way it was drawn when it ran.
import { show, formError, checkForm, clearErrors, announce, newest } from './kit/ui.js';
import { readRangeField } from './kit/typed.js';
import { h as el, svg } from './kit/dom.js';
import { downloadButtons, fileName } from './kit/download.js';
import { num, fix, moneyUnit } from './kit/format.js';
import { keepInput } from './kit/kept.js';

const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#57606a', '#0a3069'];
// a line's dash as well as its colour (style.css .chart-legend li.dash-N draws the same in the legend): lines told apart
// without telling their colours apart (red and green)
const DASHES = [null, '7 4', '2 3', '9 3 2 3'];

const drawers = new WeakMap(); // a chart's box → draw(width)

/**
 * A line chart of series [{name, points: [[x, y]]}] with optional bands [{lo: [[x,y]], hi: [[x,y]], opacity}]: its title and
 * legend are HTML above it (they wrap), the plot an SVG drawn for a width in pixels (fit() redraws it at the width it has on
 * the page, so that its numbers keep their size at 390 px instead of shrinking with the plot); the y labels' column is as wide
 * as its longest label (a "-10,071,070" keeps its sign).
 */
function chart(title, series, bands = []) {
  const all = series.flatMap(s => s.points).concat(bands.flatMap(b => b.lo.concat(b.hi))).filter(p => Number.isFinite(p[1]));
  if (!all.length) return el('p', { text: title + ': no values' });
  // a named band (a fan's P5–P95) is in the legend too, its swatch the shade it is drawn in: over the bands drawn before it
  let under = 1;
  const shades = bands.map(b => { under *= 1 - b.opacity; return `rgba(31, 111, 235, ${(1 - under).toFixed(3)})`; });
  const legend = el('ul', { class: 'chart-legend' }, ...series.map((se, i) => {
    const li = el('li', { text: se.name, ...(DASHES[i % DASHES.length] ? { class: 'dash-' + (i % DASHES.length) } : {}) });
    li.style.setProperty('--swatch', COLOURS[i % COLOURS.length]);
    return li;
  }), ...bands.map((b, i) => {
    if (!b.name) return null;
    const li = el('li', { class: 'band', text: b.name });
    li.style.setProperty('--swatch', shades[i]);
    return li;
  }));
  const plot = el('div', { class: 'chart-plot' });
  const box = el('div', { class: 'path-chart' }, el('p', { class: 'chart-title', text: title }), legend, plot);
  // what the plot shows, for screen readers: the title, and each line's first and last values (the legend and the axes are the rest)
  const ends = se => { const pts = se.points.filter(p => Number.isFinite(p[1])); return pts.length
    ? `${se.name} ${fmt(pts[0][1])} in ${pts[0][0]} to ${fmt(pts[pts.length - 1][1])} in ${pts[pts.length - 1][0]}` : `${se.name} no values`; };
  const label = `${title}: ${series.map(ends).join('; ')}`;
  const draw = width => plot.replaceChildren(linePlot(series, bands, all, width, label));
  drawers.set(box, draw);
  draw(640);
  return box;
}

/** Redraws the charts inside root at the width each has on the page. */
function fit(root) {
  for (const c of root.querySelectorAll('.path-chart')) {
    const draw = drawers.get(c);
    if (draw && c.clientWidth > 0) draw(c.clientWidth);
  }
}

const CHAR = 6.6; // the width of a digit of the 11 px labels, generously

function linePlot(series, bands, all, width, label) {
  const W = Math.max(240, Math.round(width)), H = Math.round(Math.min(300, Math.max(190, W * 0.36))), R = 14, T = 10, B = 24;
  const xs = all.map(p => p[0]), ys = all.map(p => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  let y0 = Math.min(0, ...ys), y1 = Math.max(...ys);
  // every value the same (0, or one negative figure): the line is drawn across the middle with its one true label, not
  // on a scale made up around it (0.000, 0.500, 1.000 under a line at 0)
  const flat = y1 === y0;
  const yTicks = flat ? [{ v: y0, text: num(y0, 3) }] : tickTexts([y0, (y0 + y1) / 2, y1]);
  if (flat) { const pad = Math.abs(y0) / 10 || 1; y0 -= pad; y1 += pad; }
  const L = 10 + Math.ceil(CHAR * Math.max(...yTicks.map(t => t.text.length)));
  const X = x => L + (W - L - R) * (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0));
  const Y = y => T + (H - T - B) * (1 - (y - y0) / (y1 - y0));
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': label });
  for (const t of yTicks) {
    const lab = svg('text', { x: L - 6, y: Y(t.v) + 4, 'font-size': 11, 'text-anchor': 'end', class: 'chart-y' }); lab.textContent = t.text; s.append(lab);
    s.append(svg('line', { x1: L, x2: W - R, y1: Y(t.v), y2: Y(t.v), stroke: '#d0d7de' }));
  }
  const xTicks = [...new Set([x0, Math.round((x0 + x1) / 2), x1])];
  xTicks.forEach((x, i) => {
    const anchor = xTicks.length > 1 && i === xTicks.length - 1 ? 'end' : i === 0 ? 'start' : 'middle';
    const lab = svg('text', { x: X(x), y: H - 6, 'font-size': 11, 'text-anchor': anchor }); lab.textContent = String(x); s.append(lab);
  });
  for (const b of bands) {
    const pts = b.lo.map(p => `${X(p[0])},${Y(p[1])}`).concat(b.hi.slice().reverse().map(p => `${X(p[0])},${Y(p[1])}`));
    s.append(svg('polygon', { points: pts.join(' '), fill: '#1f6feb', 'fill-opacity': b.opacity }));
  }
  series.forEach((se, i) => {
    s.append(svg('polyline', { points: se.points.filter(p => Number.isFinite(p[1])).map(p => `${X(p[0])},${Y(p[1])}`).join(' '),
      fill: 'none', stroke: COLOURS[i % COLOURS.length], 'stroke-width': 2,
      ...(DASHES[i % DASHES.length] ? { 'stroke-dasharray': DASHES[i % DASHES.length] } : {}) }));
  });
  return s;
}

/**
 * An axis's labels, all with the decimals its largest one takes ("0.0", "60.0", "120.0"; "0.000", "0.425", "0.850"), rather than
 * each its own ("0.000" under "60.0"); more when fewer would give two ticks the same label (an axis from 0 to 0.0002 read
 * "0.000", "0.000", "0.000", one from −1,000.4 to −1,000.2 "-1,000" three times).
 */
export function tickTexts(values) {
  const a = Math.max(...values.map(Math.abs));
  const texts = digits => values.map(v => ({ v, text: fix(Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v, digits) }));
  let digits = a >= 1000 ? 0 : a >= 10 ? 1 : 3, out = texts(digits);
  while (new Set(out.map(t => t.text)).size < new Set(values).size && digits < 12) out = texts(++digits);
  return out;
}

function fmt(v) {
  if (v === null || v === undefined || !Number.isFinite(Number(v))) return '—'; // not "NaN", nor a null shown as 0
  const a = Math.abs(v);
  if (a < 0.0005) v = 0; // -0.0001 is "0.000", not "-0.000"
  return a >= 1000 ? num(v, 0) : a >= 10 ? fix(v, 1) : fix(v, 3);
}

function message(box, text, cls = 'hint') {
  // an error (a failed job) is said at once, as the kit's error boxes are
  box.replaceChildren(cls === 'error' ? el('p', { class: cls, role: 'alert', text }) : el('p', { class: cls, text }));
}

/** Thrown by poll() when the page was left: nothing is drawn and no error is shown. */
class Left extends Error {}

/** Polls a path job until it ends; stops (throws Left) as soon as the page is left. */
async function poll(api, id, box, view, what) {
  const bar = el('progress', { max: '1', value: '0', 'data-testid': 'path-progress', 'aria-label': what + ' progress' });
  announce(what + ' running…');
  box.replaceChildren(bar);
  for (;;) {
    if (!view.alive) throw new Left();
    const j = await api('/api/path-jobs/' + id);
    if (!view.alive) throw new Left();
    bar.value = j.progress || 0;
    if (j.status === 'done') return { result: j.result, runId: j.run_id, job: j };
    if (j.status === 'failed') throw new Error(j.error || 'the job failed');
    await new Promise(r => view.later(r, 400)); // view.later never fires once the page is left
  }
}

/** "stored as run #12": the run's link, to reopen it from History or share it. */
function runLink(id) {
  if (id === null || id === undefined) return null;
  const p = el('p', { class: 'hint' }, 'Stored as ');
  p.append(el('a', { href: '#scenarios/run/' + id, text: 'run #' + id }), '.');
  return p;
}

// ---- the results, drawn the same way for a run made here and for a stored one

/**
 * The unit of a path metric, from the run's units (a run stored before they were given has none: ''): prices, quantities
 * (production, consumption, trade, stocks, capacity) and money (fiscal cost, levy, subsidy, tariff revenue); shares,
 * HHI and months have none to state.
 */
export function metricUnit(metric, units) {
  if (!units) return '';
  const m = String(metric).replace(/\[.*\]$/, '');
  if (m === 'price') return units.price || '';
  if (['production', 'consumption', 'net_imports', 'holdings', 'stock_unsold', 'project_capacity'].includes(m)) return units.quantity || '';
  // stock sales and purchases are money: the quantities sold and bought × the price of their months
  if (['fiscal_cost', 'cumulative_fiscal_cost', 'levy_revenue', 'subsidy_outlay', 'tariff_revenue', 'stock_sales', 'stock_purchases'].includes(m)) return units.money || '';
  return '';
}

const inUnit = (metric, units) => { const u = metricUnit(metric, units); return u ? ` (${u})` : ''; };

function pathParts(result) {
  const years = result.years || [];
  if (!years.length) return [el('p', { class: 'hint', text: 'This path has no years.' })];
  const regions = Object.keys(years[0].metrics).filter(k => k.startsWith('price[')).map(k => k.slice(6, -1));
  const line = m => years.map(y => [y.year, y.metrics[m]]);
  const u = result.units;
  const parts = [chart('Price by region' + inUnit('price', u), regions.map(id => ({ name: id, points: line('price[' + id + ']') })))];
  if ('club_supply_share' in years[0].metrics) {
    parts.push(chart('Club supply share (self-sufficiency) and non-member share', [
      { name: 'club supply share', points: line('club_supply_share') }, { name: 'non-member share', points: line('non_member_share') }]));
  }
  parts.push(chart(`Cumulative fiscal cost${inUnit('cumulative_fiscal_cost', u)}; negative: the Treasury gains`, [{ name: 'cumulative', points: line('cumulative_fiscal_cost') }]));
  const built = years.flatMap(y => (y.projects_built || []).map(p => el('li', { text: y.year + ' — ' + p })));
  const ex = result.expectations;
  parts.push(el('h3', { text: 'Projects built' }),
    el('p', { 'data-testid': 'path-expectations', class: ex && !ex.converged ? 'error' : 'hint', text: 'Expectations: ' + (ex ? ex.text : 'myopic') }),
    built.length ? el('ul', { 'data-testid': 'projects-timeline' }, ...built)
    : el('p', { text: 'None in the horizon.' }));
  // production no one buys at price 0 in a year, as simulate prints it
  parts.push(...(result.warnings || []).map(w => el('p', { class: 'warn', 'data-testid': 'path-warning', text: 'warning: ' + w })));
  return parts;
}

const FISCAL = ['levy_revenue', 'tariff_revenue', 'subsidy_outlay', 'stock_sales', 'stock_purchases', 'net_cost'];
const FISCAL_NAMES = ['Levy revenue', 'Tariff revenue', 'Subsidy outlays', 'Stock sales', 'Stock purchases', 'Net cost'];

/**
 * A path's fiscal table against its baseline path (POST /api/scenario-fiscal) as CSV: one row a year, then the total and the
 * present value, each figure of the scenario, the baseline and the change in a column of its own, numbers unrounded.
 */
export function fiscalCsv(t) {
  const m = moneyUnit(t.units);
  const sides = ['scenario', 'baseline', 'change'];
  const cells = row => sides.flatMap(side => FISCAL.map(f => row[side][f]));
  return {
    header: ['year', ...sides.flatMap(side => FISCAL.map(f => `${side} ${f} (${m})`))],
    rows: [...t.years.map(y => [y.year, ...cells(y)]), ['total', ...cells(t.total)], ['present value', ...cells(t.present_value)]],
  };
}

/** The fiscal table on the page: the scenario's figures, the baseline path's net cost and the change, a row a year. */
export function fiscalParts(t) {
  const m = moneyUnit(t.units);
  const fmtMoney = v => num(v, Math.abs(Number(v)) >= 1000 ? 0 : 2);
  const heads = [...FISCAL_NAMES.map(x => x + ' (scenario)'), 'Net cost (baseline)', 'Change in net cost'];
  const row = (label, r) => el('tr', {},
    el('td', { text: String(label) }),
    ...FISCAL.map((f, i) => el('td', { class: 'num', 'data-label': heads[i], text: fmtMoney(r.scenario[f]) })),
    el('td', { class: 'num', 'data-label': heads[6], text: fmtMoney(r.baseline.net_cost) }),
    el('td', { class: 'num', 'data-label': heads[7], text: fmtMoney(r.change.net_cost) }));
  const pv = 'present value at ' + num(100 * t.discount_rate, 2) + ' %';
  return [
    el('h3', { text: `Fiscal table: ${t.scenario} against its baseline ${t.baseline} (${m})` }),
    el('div', { class: 'table-wrap' }, el('table', { class: 'stacked', 'data-testid': 'fiscal-table' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Year' }), ...heads.map(x => el('th', { scope: 'col', class: 'num', text: x })))),
      el('tbody', {}, ...t.years.map(y => row(y.year, y)), row('total', t.total), row(pv, t.present_value)))),
    el('p', { class: 'hint', text: `Money in ${m} (${t.units.price} × ${t.units.quantity}). Net cost = subsidy outlays + stock purchases `
      + `− stock sales − levy revenue (negative: the Treasury gains); tariff revenue is shown, not netted. The baseline path is `
      + `${t.baseline}'s market and policies over the same years, growth, projects, bans and stockpiles; the CSV has every figure `
      + `of both and the change. Present value discounted to ${t.first_year}.` }),
  ];
}

function seekParts(r) {
  return [el('p', { class: r.status === 'reached' ? '' : 'error', 'data-testid': 'seek-answer', text: r.message }),
    ...(r.warnings || []).map(w => el('p', { class: 'warn', text: 'warning: ' + w }))];
}

export function fanParts(r, metric) {
  const st = (r.metrics || {})[metric] || {};
  const ys = Object.keys(st).map(Number).sort((a, b) => a - b);
  const q = k => ys.map(y => [y, st[y][k]]);
  const fan = chart(`${metric}${inUnit(metric, r.units)}: P5–P95, P25–P75 and median of ${num(r.draws, 0)} draw${Number(r.draws) === 1 ? '' : 's'}${r.seed === undefined || r.seed === null ? '' : `, seed ${r.seed}`} (${num(r.failures ?? 0, 0)} without an equilibrium)`,
    [{ name: 'median', points: q('p50') }], [{ name: 'P5–P95', lo: q('p5'), hi: q('p95'), opacity: 0.15 },
      { name: 'P25–P75', lo: q('p25'), hi: q('p75'), opacity: 0.3 }]);
  fan.setAttribute('data-testid', 'mc-fan');
  // every draw gave the same figure (a metric the draws do not move): the two bands have no width and lie on the median,
  // which looked like one line and a legend of three
  const flat = ys.length && ys.every(y => ['p5', 'p25', 'p75', 'p95'].every(k => Number.isFinite(Number(st[y][k]))
    && Math.abs(st[y][k] - st[y].p50) <= 1e-9 * Math.max(1, Math.abs(st[y].p50))));
  if (flat) fan.append(el('p', { class: 'hint', 'data-testid': 'fan-flat',
    text: `Every draw gave the same ${metric} in each year: P5, P25, the median, P75 and P95 are one line, the bands have no width.` }));
  return [fan];
}

/**
 * A parameter's name with places to break it ("project.White-Mesa-Phase-2.delay" after each "." and "-"), so that a
 * long name wraps in a narrow label column instead of being cut.
 */
function breakable(name) {
  const out = [];
  for (const piece of String(name).split(/(?<=[._-])/)) { if (out.length) out.push(document.createElement('wbr')); out.push(piece); }
  return out;
}

/**
 * The tornado: one row a parameter, its name (in full: it wraps, never cut; the column is as wide as the longest name up
 * to 40 % of the width) and its P5–P95 range beside its bar. The bar runs from the metric with the parameter at P5 (light)
 * to the metric at P95 (dark) through the scenario's value (the red line); the axis under it gives the metric's range.
 * HTML, not SVG text, so that the labels keep their size at 390 px.
 */
/** The tornado's bars as a table: each parameter's low and high value and the metric at each, the base value repeated. */
export function tornadoCsv(r) {
  return {
    header: ['parameter', 'low', 'high', `${r.metric} (${r.year}) at low`, `${r.metric} (${r.year}) at high`, `${r.metric} (${r.year}) base`],
    rows: r.bars.map(b => [b.param, b.low, b.high, b.metric_low, b.metric_high, r.base]),
  };
}

/**
 * Whether the metric at v is the base value: equal but for the solver's last digits (a delay that changes nothing gave
 * -307,297.9818921305 beside a base of -307,297.9818921303, shown alike and drawn as a bar of no width, without the words
 * "no effect" that its twin exactly equal to the base had).
 */
const atBase = (v, base) => Math.abs(v - base) <= 1e-9 * Math.max(1, Math.abs(base));

export function tornadoParts(r) {
  const vals = r.bars.flatMap(b => [b.metric_low, b.metric_high]).concat([r.base]);
  const lo = Math.min(...vals), hi = Math.max(...vals), span = hi - lo || 1;
  const at = v => (100 * (v - lo) / span);
  const pos = v => at(v).toFixed(3) + '%';
  const grid = el('div', { class: 'tornado', 'data-testid': 'tornado', role: 'table',
    'aria-label': `${r.metric} in ${r.year} with each parameter at P5 and P95` });
  for (const b of r.bars) {
    const full = `${b.param}: P5–P95 ${fmt(b.low)}–${fmt(b.high)}; ${r.metric} ${fmt(b.metric_low)} at P5, ${fmt(b.metric_high)} at P95`;
    const label = el('div', { class: 'tornado-label', role: 'rowheader', title: full, 'data-testid': 'tornado-label' },
      el('span', { class: 'tornado-param' }, ...breakable(b.param)), el('span', { class: 'hint', text: `${fmt(b.low)}–${fmt(b.high)}` }),
      // the metric at each end, in words beside the bar (it was only in a tooltip: no touch screen or screen reader had it)
      el('span', { class: 'hint tornado-values', 'data-testid': 'tornado-values',
        text: `${r.metric} ${fmt(b.metric_low)} at P5, ${fmt(b.metric_high)} at P95` }));
    const track = el('div', { class: 'tornado-track', role: 'cell', title: full });
    for (const [v, cls] of [[b.metric_low, 'tornado-low'], [b.metric_high, 'tornado-high']]) {
      const seg = el('div', { class: 'tornado-bar ' + cls });
      seg.style.left = pos(Math.min(v, r.base));
      seg.style.width = Math.abs(at(v) - at(r.base)).toFixed(3) + '%';
      track.append(seg);
    }
    if (atBase(b.metric_low, r.base) && atBase(b.metric_high, r.base)) {
      track.append(el('span', { class: 'tornado-none hint', text: `no effect on ${r.metric} in ${r.year}` }));
    }
    const base = el('div', { class: 'tornado-base' });
    base.style.left = pos(r.base);
    track.append(base);
    grid.append(el('div', { class: 'tornado-row', role: 'row' }, label, track));
  }
  const axis = el('div', { class: 'tornado-axis', role: 'row' }, el('div', { role: 'rowheader', class: 'hint', text: r.metric }),
    el('div', { class: 'tornado-scale hint', role: 'cell' }, el('span', { text: fmt(lo) }), el('span', { text: fmt(hi) })));
  grid.append(axis);
  return [el('p', { text: `${r.metric}(${r.year}) = ${fmt(r.base)}${metricUnit(r.metric, r.units) ? ' ' + metricUnit(r.metric, r.units) : ''} with the scenario's values (red line); each bar runs from the metric `
      + 'with the parameter at its P5 (light) to the metric with it at its P95 (dark)' }),
    el('div', { class: 'path-chart' }, grid),
    ...(r.warnings || []).map(w => el('p', { class: 'error', text: `warning: ${w}` }))];
}

const KIND_TITLE = { path: 'Path over years', montecarlo: 'Monte Carlo', seek: 'Seek', sensitivity: 'Tornado (sensitivity)' };

/** Whether a stored scenario run is one of the paths' (a path, Monte Carlo, seek or sensitivity run), not a one-year equilibrium. */
export function isPathRun(run) {
  const k = run && run.parameters && run.parameters.kind;
  return typeof k === 'string' && k in KIND_TITLE;
}

/** What a stored path run was asked: "metric club_supply_share, 200 draws, seed 1". */
function askedText(kind, p) {
  if (kind === 'path') return Object.entries(p.overrides || {}).map(([k, v]) => `${k} ${v}`).join(', ') || 'as in the scenario';
  if (kind === 'montecarlo') return `${(p.metrics || []).join(', ') || 'every metric'}, ${num(p.draws, 0)} draws, seed ${p.seed}`;
  if (kind === 'seek') return `${p.param} in ${(p.range || []).join(' to ')} for ${p.target}`;
  return `${p.metric} in ${p.year}`;
}

/**
 * Draws a stored path run (GET /api/scenario-runs/ID) into box as it was drawn when it ran: the path's charts and
 * projects, the Monte Carlo fan, the seek's answer, the tornado. run.at is shown with `when` (kit/format.js).
 */
export function showStoredRun(box, run, when) {
  const kind = run.parameters.kind, p = run.parameters;
  const card = el('div', { class: 'card', 'data-testid': 'stored-path-run' },
    el('h2', { text: `${KIND_TITLE[kind]}: ${run.scenario}` }),
    el('p', { class: 'hint', 'data-testid': 'stored-run-asked', text: `run #${run.id} · ${when(run.at)} · ${run.actor || ''} · ${askedText(kind, p)}` }));
  const r = run.result;
  if (run.status !== 'solved' || !r) {
    card.append(el('p', { class: 'error', 'data-testid': 'error', text: 'This run failed: ' + (run.error || 'no result was stored') }));
  } else if (kind === 'path') {
    card.append(el('div', { 'data-testid': 'stored-path' }, ...pathParts(r)));
  } else if (kind === 'montecarlo') {
    const metrics = Object.keys(r.metrics || {});
    card.append(el('div', { 'data-testid': 'stored-fan' }, ...(metrics.length ? metrics.flatMap(m => fanParts(r, m))
      : [el('p', { class: 'hint', text: 'No metric was followed.' })])));
  } else if (kind === 'seek') {
    card.append(el('div', { 'data-testid': 'stored-seek' }, ...seekParts(r)));
  } else {
    card.append(el('div', { 'data-testid': 'stored-tornado' }, ...tornadoParts(r)));
  }
  // the stored run as the API answers it (GET /api/scenario-runs/ID)
  if (run.status === 'solved' && r) card.append(downloadButtons('scenario run', { json: () => run, jsonName: fileName('scenario-run', run.id, 'json'), testid: 'run-download' }));
  box.replaceChildren(card);
  fit(box);
}

/** Fills the paths' forms with what a stored run asked, so that it can be run again or changed. */
function prefill(forms, run) {
  if (!isPathRun(run)) return;
  const p = run.parameters;
  const set = (f, name, v) => { if (f.elements[name] && v !== undefined && v !== null) f.elements[name].value = v; };
  if (forms.pick.querySelector(`option[value="${CSS.escape(run.scenario)}"]`)) forms.pick.value = run.scenario;
  if (p.kind === 'path') set(forms.path, 'floor', (p.overrides || {}).floor);
  if (p.kind === 'seek') { set(forms.seek, 'param', p.param); set(forms.seek, 'target', p.target); set(forms.seek, 'range', (p.range || []).join(':')); }
  if (p.kind === 'montecarlo') { set(forms.mc, 'draws', p.draws); set(forms.mc, 'seed', p.seed); set(forms.mc, 'metric', (p.metrics || [])[0]); }
  if (p.kind === 'sensitivity') set(forms.mc, 'metric', p.metric);
}

/**
 * Mounts the paths section into {@code root}; {@code api} is the page's API function, {@code view} the page's view
 * (its polling and drawing stop when the page is left); {@code stored}: a stored path run whose parameters fill the forms.
 */
export async function mountPaths(root, api, view, stored) {
  const list = (await api('/api/scenarios')).filter(s => s.horizon);
  if (!view.alive || !list.length) return;
  const pick = el('select', { name: 'pick', 'data-testid': 'path-pick' }, ...list.map(s => el('option', { value: s.name, text: s.name + ' — ' + s.description })));
  const floor = el('input', { name: 'floor', type: 'text', inputmode: 'decimal', 'data-number': 'decimal', autocomplete: 'off', placeholder: 'as in the scenario', 'data-testid': 'path-floor' });
  const runBtn = el('button', { type: 'submit', 'data-testid': 'path-run', text: 'Run the path' });
  const fiscalBtn = el('button', { type: 'button', class: 'secondary', 'data-testid': 'fiscal-run', text: 'Fiscal table against the baseline' });
  const out = el('div', { 'data-testid': 'path-result' });
  const param = el('input', { name: 'param', value: 'floor', required: '', 'data-testid': 'seek-param' });
  const target = el('input', { name: 'target', value: 'club_supply_share(2030) >= 0.6', size: '34', required: '', 'data-testid': 'seek-target' });
  // "a:b", each side read as a typed number (kit/typed.js) in the person's language once they have typed in it
  const range = el('input', { name: 'range', value: '80:300', size: '10', required: '', autocomplete: 'off',
    title: 'a:b, two numbers with a < b', 'data-testid': 'seek-range', oninput: () => { range.dataset.typed = '1'; } });
  const seekBtn = el('button', { type: 'submit', 'data-testid': 'seek-run', text: 'Seek' });
  const seekOut = el('div', { 'data-testid': 'seek-result' });
  const draws = el('input', { name: 'draws', type: 'text', inputmode: 'numeric', 'data-number': 'whole', autocomplete: 'off', value: '200', min: '1', max: '1000000', required: '', 'data-testid': 'mc-draws' });
  // the master seed, as montecarlo --seed: the page ran seed 1 always and did not say so, so a run could be neither repeated
  // with another seed nor matched to a CLI run with its own
  const seed = el('input', { name: 'seed', type: 'text', inputmode: 'numeric', 'data-number': 'whole', autocomplete: 'off', value: '1', placeholder: '1',
    min: '0', max: '9007199254740991', 'data-testid': 'mc-seed' });
  const metric = el('input', { name: 'metric', value: 'club_supply_share', required: '', 'data-testid': 'mc-metric' });
  const mcBtn = el('button', { type: 'submit', 'data-testid': 'mc-run', text: 'Monte Carlo' });
  const tornadoBtn = el('button', { type: 'button', 'data-testid': 'tornado-run', text: 'Tornado' });
  const mcOut = el('div', { 'data-testid': 'mc-result' });
  const pathForm = el('form', { class: 'row', novalidate: '' }, el('label', { text: 'Path scenario ' }, pick), el('label', { text: 'Floor (all years) ' }, floor), runBtn, fiscalBtn);
  const seekForm = el('form', { class: 'row', novalidate: '' }, el('label', { text: 'Parameter ' }, param), el('label', { text: 'Target ' }, target),
    el('label', { text: 'Range a:b ' }, range), seekBtn);
  const mcForm = el('form', { class: 'row', novalidate: '' }, el('label', { text: 'Draws ' }, draws), el('label', { text: 'Seed ' }, seed), el('label', { text: 'Metric ' }, metric), mcBtn, tornadoBtn);
  root.replaceChildren(el('div', { class: 'card' },
    el('h2', { text: 'Paths over years' }),
    el('p', { class: 'hint', text: 'A scenario with a horizon, year by year: prices, the club\u2019s self-sufficiency, the projects built when bankable; '
      + 'then which parameter value reaches a target (seek), and the spread under uncertainty (Monte Carlo fan, tornado).' }),
    pathForm, out,
    el('h3', { text: 'Seek' }), seekForm, seekOut,
    el('h3', { text: 'Uncertainty' }), mcForm, mcOut));
  if (stored) prefill({ pick, path: pathForm, seek: seekForm, mc: mcForm }, stored);
  // what was typed survives a visit to another page (kit/kept.js); a stored run opened shows its own parameters instead
  else {
    keepInput('scenarios.paths', [pick, floor, param, target, range, draws, seed, metric]);
    if (!pick.value) pick.selectedIndex = 0; // one kept that is no longer listed
  }

  // an API error names the field by its label and marks it (kit/ui.js); a failed job's error is the run's, not a field's
  const fail = (box, form, e, fieldMap) => {
    if (e instanceof Left || !view.alive) return;
    if (e.status) show(box, formError(form, e, { scenario: 'pick', ...fieldMap }));
    else message(box, e.message, 'error');
  };
  pathForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const run = newest(out, view);
    const bad = checkForm(pathForm);
    if (bad) { show(out, bad); return; }
    message(out, 'Solving…');
    const body = { scenario: pick.value };
    if (floor.value !== '') body.overrides = { floor: Number(floor.value) };
    try {
      const r = await api('/api/scenario-paths', { method: 'POST', body });
      if (!run.alive) return;
      clearErrors(pathForm);
      out.replaceChildren(...pathParts(r.result), ...[runLink(r.id)].filter(Boolean),
        downloadButtons('path result', { json: () => r, jsonName: fileName('scenario-path', r.id ?? pick.value, 'json'), testid: 'path-download' }));
      fit(out);
      announce(`Path of ${pick.value} done: ${(r.result.years || []).length} years`);
    } catch (e) { if (run.alive) fail(out, pathForm, e, { 'overrides.floor': 'floor', overrides: 'floor' }); }
  });

  fiscalBtn.addEventListener('click', async () => {
    const run = newest(out, view);
    const bad = checkForm(pathForm);
    if (bad) { show(out, bad); return; }
    message(out, 'Solving the path and its baseline path…');
    const body = { scenario: pick.value };
    if (floor.value !== '') body.overrides = { floor: Number(floor.value) };
    try {
      const t = await api('/api/scenario-fiscal', { method: 'POST', body });
      if (!run.alive) return;
      clearErrors(pathForm);
      out.replaceChildren(...fiscalParts(t), downloadButtons('fiscal table', { json: () => t, csv: () => fiscalCsv(t),
        jsonName: fileName('fiscal', pick.value, 'json'), csvName: fileName('fiscal', pick.value, 'csv'), testid: 'fiscal-download', report: false }));
      announce(`Fiscal table of ${pick.value} against ${t.baseline}: net cost change over the horizon ${num(t.total.change.net_cost, 0)} ${moneyUnit(t.units)}`);
    } catch (e) { if (run.alive) fail(out, pathForm, e, { 'overrides.floor': 'floor', overrides: 'floor' }); }
  });

  seekForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const run = newest(seekOut, view);
    const read = readRangeField(range);
    const bad = checkForm(seekForm);
    if (bad || !read) { show(seekOut, bad); return; }
    const ab = read.map(Number);
    try {
      const job = await api('/api/path-jobs', { method: 'POST', body: { scenario: pick.value, kind: 'seek', param: param.value.trim(),
        target: target.value, range: ab } });
      if (!run.alive) return;
      clearErrors(seekForm);
      const { result, runId, job: done } = await poll(api, job.id, seekOut, run, 'Seek');
      seekOut.replaceChildren(...seekParts(result), ...[runLink(runId)].filter(Boolean),
        downloadButtons('seek result', { json: () => done, jsonName: fileName('seek', runId ?? job.id, 'json'), testid: 'seek-download' }));
      announce('Seek done: ' + result.message);
    } catch (e) { if (run.alive) fail(seekOut, seekForm, e); }
  });

  mcForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const run = newest(mcOut, view);
    const bad = checkForm(mcForm);
    if (bad) { show(mcOut, bad); return; }
    const m = metric.value.trim();
    try {
      const job = await api('/api/path-jobs', { method: 'POST', body: { scenario: pick.value, kind: 'montecarlo',
        draws: Number(draws.value), seed: seed.value.trim() === '' ? 1 : Number(seed.value), metrics: [m] } });
      if (!run.alive) return;
      clearErrors(mcForm);
      const { result, runId, job: done } = await poll(api, job.id, mcOut, run, 'Monte Carlo');
      // the job's last answer (GET /api/path-jobs/ID): its status, the run it was stored as and the result
      mcOut.replaceChildren(...fanParts(result, m), ...[runLink(runId)].filter(Boolean),
        downloadButtons('Monte Carlo result', { json: () => done, jsonName: fileName('montecarlo', runId ?? job.id, 'json'), testid: 'mc-download' }));
      fit(mcOut);
      announce(`Monte Carlo done: ${num(result.draws, 0)} draws of ${m}`);
    } catch (e) { if (run.alive) fail(mcOut, mcForm, e, { metrics: 'metric' }); }
  });

  tornadoBtn.addEventListener('click', async () => {
    const run = newest(mcOut, view);
    clearErrors(mcForm);
    if (!metric.checkValidity()) { show(mcOut, checkForm(mcForm)); return; }
    try {
      const job = await api('/api/path-jobs', { method: 'POST', body: { scenario: pick.value, kind: 'sensitivity', metric: metric.value.trim() } });
      if (!run.alive) return;
      const { result, runId, job: done } = await poll(api, job.id, mcOut, run, 'Tornado');
      mcOut.replaceChildren(...tornadoParts(result), ...[runLink(runId)].filter(Boolean),
        downloadButtons('tornado', { json: () => done, csv: () => tornadoCsv(result), jsonName: fileName('tornado', runId ?? job.id, 'json'),
          csvName: fileName('tornado', runId ?? job.id, 'csv'), testid: 'tornado-download' }));
      announce(`Tornado done: ${result.bars.length} parameters for ${result.metric} in ${result.year}`);
    } catch (e) { if (run.alive) fail(mcOut, mcForm, e); }
  });
}
