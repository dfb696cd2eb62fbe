// Market paths on the Scenarios page (issue 15): a scenario's path over its years (price and club-share
// charts, the projects built on a timeline), a "seek" form, Monte Carlo fan charts and a tornado. Text reaches
// the page only through textContent / createElement (never innerHTML with data). Long runs are API jobs,
// polled for progress.

const SVG = 'http://www.w3.org/2000/svg';

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

function svg(tag, attrs = {}) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#57606a', '#0a3069'];

/** A line chart of series [{name, points: [[x, y]]}] with optional bands [{lo: [[x,y]], hi: [[x,y]], opacity}]. */
function chart(title, series, bands = []) {
  const W = 640, H = 240, L = 64, R = 12, T = 24, B = 28;
  const all = series.flatMap(s => s.points).concat(bands.flatMap(b => b.lo.concat(b.hi))).filter(p => Number.isFinite(p[1]));
  if (!all.length) return el('p', { text: title + ': no values' });
  const xs = all.map(p => p[0]), ys = all.map(p => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  let y0 = Math.min(0, ...ys), y1 = Math.max(...ys);
  if (y1 === y0) y1 = y0 + 1;
  const X = x => L + (W - L - R) * (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0));
  const Y = y => T + (H - T - B) * (1 - (y - y0) / (y1 - y0));
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img' });
  const t = svg('text', { x: L, y: 14, 'font-size': 12 }); t.textContent = title; s.append(t);
  for (const v of [y0, (y0 + y1) / 2, y1]) {
    const lab = svg('text', { x: L - 6, y: Y(v) + 4, 'font-size': 10, 'text-anchor': 'end' }); lab.textContent = fmt(v); s.append(lab);
    s.append(svg('line', { x1: L, x2: W - R, y1: Y(v), y2: Y(v), stroke: '#d0d7de' }));
  }
  for (const x of [x0, Math.round((x0 + x1) / 2), x1]) {
    const lab = svg('text', { x: X(x), y: H - 8, 'font-size': 10, 'text-anchor': 'middle' }); lab.textContent = String(x); s.append(lab);
  }
  for (const b of bands) {
    const pts = b.lo.map(p => `${X(p[0])},${Y(p[1])}`).concat(b.hi.slice().reverse().map(p => `${X(p[0])},${Y(p[1])}`));
    s.append(svg('polygon', { points: pts.join(' '), fill: '#1f6feb', 'fill-opacity': b.opacity }));
  }
  series.forEach((se, i) => {
    const c = COLOURS[i % COLOURS.length];
    s.append(svg('polyline', { points: se.points.map(p => `${X(p[0])},${Y(p[1])}`).join(' '), fill: 'none', stroke: c, 'stroke-width': 2 }));
    const lab = svg('text', { x: W - R - 4, y: T + 12 * (i + 1), 'font-size': 10, 'text-anchor': 'end', fill: c });
    lab.textContent = se.name; s.append(lab);
  });
  return el('div', { class: 'chart' }, s);
}

function fmt(v) {
  const a = Math.abs(v);
  return a >= 1000 ? v.toLocaleString('en', { maximumFractionDigits: 0 }) : a >= 10 ? v.toFixed(1) : v.toFixed(3);
}

function message(box, text, cls = 'hint') {
  box.replaceChildren(el('p', { class: cls, text }));
}

async function poll(api, id, box) {
  const bar = el('progress', { max: '1', value: '0', 'data-testid': 'path-progress' });
  box.replaceChildren(bar);
  for (;;) {
    const j = await api('/api/path-jobs/' + id);
    bar.value = j.progress || 0;
    if (j.status === 'done') return j.result;
    if (j.status === 'failed') throw new Error(j.error || 'the job failed');
    await new Promise(r => setTimeout(r, 400));
  }
}

/** Mounts the paths section into {@code root}; {@code api} is the page's API function. */
export async function mountPaths(root, api) {
  const list = (await api('/api/scenarios')).filter(s => s.horizon);
  if (!list.length) return;
  const pick = el('select', { 'data-testid': 'path-pick' }, ...list.map(s => el('option', { value: s.name, text: s.name + ' — ' + s.description })));
  const floor = el('input', { type: 'number', step: 'any', placeholder: 'as in the scenario', 'data-testid': 'path-floor' });
  const runBtn = el('button', { type: 'button', 'data-testid': 'path-run', text: 'Run the path' });
  const out = el('div', { 'data-testid': 'path-result' });
  const param = el('input', { value: 'floor', 'data-testid': 'seek-param' });
  const target = el('input', { value: 'club_supply_share(2030) >= 0.5', size: '34', 'data-testid': 'seek-target' });
  const range = el('input', { value: '80:300', size: '10', 'data-testid': 'seek-range' });
  const seekBtn = el('button', { type: 'button', 'data-testid': 'seek-run', text: 'Seek' });
  const seekOut = el('div', { 'data-testid': 'seek-result' });
  const draws = el('input', { type: 'number', value: '200', min: '1', 'data-testid': 'mc-draws' });
  const metric = el('input', { value: 'club_supply_share', 'data-testid': 'mc-metric' });
  const mcBtn = el('button', { type: 'button', 'data-testid': 'mc-run', text: 'Monte Carlo' });
  const tornadoBtn = el('button', { type: 'button', 'data-testid': 'tornado-run', text: 'Tornado' });
  const mcOut = el('div', { 'data-testid': 'mc-result' });
  root.replaceChildren(el('div', { class: 'card' },
    el('h2', { text: 'Paths over years' }),
    el('p', { class: 'hint', text: 'A scenario with a horizon, year by year: prices, the club\u2019s self-sufficiency, the projects built when bankable; '
      + 'then which parameter value reaches a target (seek), and the spread under uncertainty (Monte Carlo fan, tornado).' }),
    el('div', { class: 'row' }, el('label', { text: 'Path scenario ' }, pick), el('label', { text: ' Floor (all years) ' }, floor), runBtn),
    out,
    el('h3', { text: 'Seek' }),
    el('div', { class: 'row' }, el('label', { text: 'Parameter ' }, param), el('label', { text: ' Target ' }, target),
      el('label', { text: ' Range a:b ' }, range), seekBtn),
    seekOut,
    el('h3', { text: 'Uncertainty' }),
    el('div', { class: 'row' }, el('label', { text: 'Draws ' }, draws), el('label', { text: ' Metric ' }, metric), mcBtn, tornadoBtn),
    mcOut));

  runBtn.onclick = async () => {
    message(out, 'Solving…');
    const body = { scenario: pick.value };
    if (floor.value !== '') body.overrides = { floor: Number(floor.value) };
    try {
      const r = await api('/api/scenario-paths', { method: 'POST', body });
      const years = r.result.years;
      const regions = Object.keys(years[0].metrics).filter(k => k.startsWith('price[')).map(k => k.slice(6, -1));
      const line = m => years.map(y => [y.year, y.metrics[m]]);
      const parts = [chart('Price by region', regions.map(id => ({ name: id, points: line('price[' + id + ']') })))];
      if ('club_supply_share' in years[0].metrics) {
        parts.push(chart('Club supply share (self-sufficiency) and non-member share', [
          { name: 'club supply share', points: line('club_supply_share') }, { name: 'non-member share', points: line('non_member_share') }]));
      }
      parts.push(chart('Cumulative fiscal cost (negative: the Treasury gains)', [{ name: 'cumulative', points: line('cumulative_fiscal_cost') }]));
      const built = years.flatMap(y => y.projects_built.map(p => el('li', { text: y.year + ' — ' + p })));
      const ex = r.result.expectations;
      parts.push(el('h3', { text: 'Projects built' }),
        el('p', { 'data-testid': 'path-expectations', class: ex && !ex.converged ? 'error' : 'hint', text: 'Expectations: ' + (ex ? ex.text : 'myopic') }),
        built.length ? el('ul', { 'data-testid': 'projects-timeline' }, ...built)
        : el('p', { text: 'None in the horizon.' }));
      out.replaceChildren(...parts);
    } catch (e) { message(out, e.message, 'error'); }
  };

  seekBtn.onclick = async () => {
    const ab = range.value.split(':').map(Number);
    try {
      const job = await api('/api/path-jobs', { method: 'POST', body: { scenario: pick.value, kind: 'seek', param: param.value,
        target: target.value, range: ab } });
      const r = await poll(api, job.id, seekOut);
      seekOut.replaceChildren(el('p', { class: r.status === 'reached' ? '' : 'error', text: r.message }));
    } catch (e) { message(seekOut, e.message, 'error'); }
  };

  mcBtn.onclick = async () => {
    try {
      const job = await api('/api/path-jobs', { method: 'POST', body: { scenario: pick.value, kind: 'montecarlo',
        draws: Number(draws.value), seed: 1, metrics: [metric.value] } });
      const r = await poll(api, job.id, mcOut);
      const st = r.metrics[metric.value] || {};
      const ys = Object.keys(st).map(Number).sort((a, b) => a - b);
      const q = k => ys.map(y => [y, st[y][k]]);
      mcOut.replaceChildren(chart(`${metric.value}: P5–P95, P25–P75 and median of ${r.draws} draws (${r.failures} without an equilibrium)`,
        [{ name: 'median', points: q('p50') }], [{ lo: q('p5'), hi: q('p95'), opacity: 0.15 }, { lo: q('p25'), hi: q('p75'), opacity: 0.3 }]));
    } catch (e) { message(mcOut, e.message, 'error'); }
  };

  tornadoBtn.onclick = async () => {
    try {
      const job = await api('/api/path-jobs', { method: 'POST', body: { scenario: pick.value, kind: 'sensitivity', metric: metric.value } });
      const r = await poll(api, job.id, mcOut);
      const W = 640, rowH = 22, L = 220;
      const vals = r.bars.flatMap(b => [b.metric_low, b.metric_high]).concat([r.base]);
      const lo = Math.min(...vals), hi = Math.max(...vals), span = hi - lo || 1;
      const X = v => L + (W - L - 20) * (v - lo) / span;
      const s = svg('svg', { viewBox: `0 0 ${W} ${rowH * (r.bars.length + 1) + 10}`, width: '100%', role: 'img' });
      r.bars.forEach((b, i) => {
        const y = 8 + i * rowH;
        const a = Math.min(b.metric_low, b.metric_high), c = Math.max(b.metric_low, b.metric_high);
        s.append(svg('rect', { x: X(a), y, width: Math.max(1, X(c) - X(a)), height: rowH - 6, fill: '#1f6feb' }));
        const t = svg('text', { x: L - 6, y: y + 12, 'font-size': 11, 'text-anchor': 'end' });
        t.textContent = `${b.param} (${fmt(b.low)}–${fmt(b.high)})`; s.append(t);
      });
      s.append(svg('line', { x1: X(r.base), x2: X(r.base), y1: 0, y2: rowH * r.bars.length + 8, stroke: '#d1242f' }));
      mcOut.replaceChildren(el('p', { text: `${r.metric}(${r.year}) = ${fmt(r.base)} with the scenario's values; bars: P5 to P95 of each parameter` }),
        el('div', { class: 'chart', 'data-testid': 'tornado' }, s),
        ...(r.warnings || []).map(w => el('p', { class: 'error', text: `warning: ${w}` })));
    } catch (e) { message(mcOut, e.message, 'error'); }
  };
}
