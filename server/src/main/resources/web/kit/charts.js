// ECharts with a lifecycle. A chart made here is disposed when another chart is made on the same element,
// when the part of the page holding it is replaced (disposeWithin), and when the page changes (disposeAll,
// called by the router). A chart left running after its element left the page draws into a canvas of size 0
// and fills the console with drawImage errors, many times a second: that is what this prevents.
import { html, mount, h } from './dom.js';
import { num } from './format.js';

const live = new Set(); // {chart, observer, el}

function drop(entry) {
  live.delete(entry);
  entry.undo.forEach(f => f());
  entry.observer.disconnect();
  if (!entry.chart.isDisposed()) entry.chart.dispose();
}

/**
 * A new chart on el (any chart already there is disposed first); null with a note when ECharts is missing. `name` says what
 * the chart shows ("Prices by region (USD/kg)"): the chart is an image to screen readers (role="img") whose text is its name
 * followed by its series and data as ECharts' aria module words them; an option's own aria.label.description replaces that.
 */
export function chart(el, name) {
  if (!el) return null;
  if (!window.echarts) { mount(el, html`<p class="hint">Charts could not be loaded.</p>`); return null; }
  for (const e of [...live]) if (e.el === el) drop(e);
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', name || 'Chart');
  const c = window.echarts.init(el);
  // every option given to this chart is made readable at the chart's width (below), and what the chart cannot show is said
  // under it in words (chartNote: every value 0, categories not all labelled), as text through the kit's builder
  const setOption = c.setOption.bind(c);
  const note = h('p', { class: 'hint chart-note', 'data-testid': 'chart-note', hidden: true });
  el.after(note);
  let drawn = null, laidOutAt = 0; // the last whole option (with its axes), and the width its axes were laid out for
  const say = option => {
    const text = chartNote(option, el.clientWidth);
    note.textContent = text || '';
    note.hidden = !text;
  };
  c.setOption = (option, ...rest) => {
    if (option && option.xAxis && option.series) { drawn = option; laidOutAt = el.clientWidth; say(option); }
    return setOption(readable(described(option, name), el.clientWidth), ...rest);
  };
  const observer = new ResizeObserver(() => {
    if (c.isDisposed() || !el.isConnected || el.clientWidth <= 0 || el.clientHeight <= 0) return;
    c.resize();
    // at the new width the legend wraps into more or fewer rows (the plot is moved to stay under it), and the categories'
    // labels are laid out again (slanted, upright, every one or every other)
    if (drawn && el.clientWidth !== laidOutAt) {
      laidOutAt = el.clientWidth;
      const o = readable(drawn, laidOutAt);
      setOption({ grid: o.grid, xAxis: o.xAxis, yAxis: o.yAxis });
      say(drawn);
    }
  });
  observer.observe(el);
  live.add({ chart: c, observer, el, undo: [() => note.remove()] });
  return c;
}

const list = v => (Array.isArray(v) ? v : v ? [v] : []);

// how ECharts' aria module words a chart's series and data: "Prices by region (USD/kg): 2 series. baseline (bar chart): US 12.5, …"
const ARIA_WORDS = {
  series: {
    single: { prefix: '', withName: ': {seriesName} ({seriesType}): ', withoutName: ' ({seriesType}): ' },
    multiple: { prefix: ': {seriesCount} series.', withName: ' {seriesName} ({seriesType}): ', withoutName: ' Series {seriesId} ({seriesType}): ',
      separator: { middle: '', end: '' } },
  },
  data: { allData: '', partialData: 'the first {displayCnt}: ', withName: '{name} {value}', withoutName: '{value}', separator: { middle: ', ', end: '.' } },
};

/**
 * The itemStyle of a bar series told apart by a pattern as well as its colour (diagonal stripes, ECharts' decal, drawn in the
 * legend's symbol too): a scenario's bars beside its baseline's, for a reader who does not tell the two colours apart.
 */
export const STRIPED = Object.freeze({ decal: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4,
  color: 'rgba(255, 255, 255, 0.55)' } });

/**
 * An option with ECharts' aria module on: it writes the chart's aria-label from its series and data (the first 10 of each),
 * opening with the chart's name. A partial update (a grid moved) keeps the text it has.
 */
export function described(option, name) {
  if (!option || typeof option !== 'object' || !option.series) return option;
  const aria = option.aria || {}, label = aria.label || {};
  return { ...option, aria: { enabled: true, ...aria,
    label: { ...ARIA_WORDS, ...label, general: { withoutTitle: name || 'A chart', ...(label.general || {}) } } } };
}
const CHAR_PX = 7; // the width of a character of ECharts' 12 px axis labels, generously

// ECharts' legend at the top, as it lays out its items: each a 25 px symbol, 5 px, the name in 12 px sans-serif,
// 10 px to the next; a row is full at the chart's width less 5 px of padding each side; rows 25 px apart
let measure = null;
function textWidth(s) {
  if (!measure) { measure = document.createElement('canvas').getContext('2d'); measure.font = '12px sans-serif'; }
  return measure.measureText(String(s)).width;
}

/** The rows a horizontal legend of these names wraps into at `width` px (ECharts does not move the plot under it). */
export function legendRows(names, width) {
  const room = width - 10;
  let rows = 1, x = 0;
  for (const n of names) {
    const w = 25 + 5 + textWidth(n) + 2; // 2 px to spare: the canvas's text may measure a little wider
    if (x > 0 && x + w > room) { rows++; x = 0; }
    x += w + 10;
  }
  return rows;
}

// a category's label upright (rotated 90°) takes a line of the 12 px labels across: this much room a category
const UPRIGHT_PX = 15;
// the longest an upright label is drawn (a longer one is cut, and the note under the chart says so)
const UPRIGHT_MAX_PX = 150;

const category = d => String(d && typeof d === 'object' ? d.value : d);
const valueAxis = (a, isY) => a && typeof a === 'object' && (a.type === 'value' || a.type === 'log' || (isY && !a.type));
const plotWidth = width => Math.max(120, (width || 600) - 80);

/** A series' figures (null where it has none): a datum's value, or the last of a pair [x, y]. */
function figures(series) {
  return list(series.data).map(d => (Array.isArray(d) ? d[d.length - 1] : d && typeof d === 'object' && !(d instanceof Number) ? d.value : d))
    .map(v => (v === null || v === undefined || v === '' || v === '-' || !Number.isFinite(Number(v)) ? null : Number(v)));
}

/** The figures of the option's bar and line series, or null when it has a series of another kind (or none). */
function barValues(option) {
  const series = list(option.series);
  if (!series.length || series.some(x => !x || (x.type !== 'bar' && x.type !== 'line'))) return null;
  return series.flatMap(figures);
}

const andList = ns => (ns.length > 1 ? ns.slice(0, -1).join(', ') + ' and ' + ns[ns.length - 1] : ns[0]);

// a category that is a figure: a year, a histogram bin's centre ("1 909", "-78.39")
const FIGURE = /^[+−-]?\d[\d\u202f,]*(\.\d+)?$/;

/**
 * How the categories of an axis are labelled in `plot` px: up to 12, null (readable() lays them out across). More than 12
 * names (regions, minerals): upright, every one when they fit and else every step-th (chartNote says which). More than 12
 * figures in order (years, a histogram's bins): across, every step-th as many as fit, as on any scale; the ones between
 * follow from their neighbours, so nothing is said.
 */
function categorySteps(data, plot) {
  const n = data.length;
  if (n <= 12) return null;
  const room = plot / n;
  if (data.every(d => FIGURE.test(category(d)))) {
    const longest = Math.max(...data.map(d => category(d).length));
    return { step: Math.max(1, Math.ceil((longest * CHAR_PX + 10) / room)), upright: false };
  }
  return { step: Math.max(1, Math.ceil(UPRIGHT_PX / room)), upright: true };
}

/**
 * What a chart's reader is told under it in words, or null: that there is nothing to draw (every bar 0, or no figures at
 * all: ECharts drew an axis from 0 to 1 with nothing on it, as if the figures were unknown), and which categories are
 * labelled when not all are (ECharts left out labels that would overlap, without saying so) or when long names are cut.
 */
export function chartNote(option, width) {
  if (!option || typeof option !== 'object' || !option.xAxis) return null;
  const said = [];
  const bars = barValues(option);
  const hasBars = list(option.series).some(x => x && x.type === 'bar');
  if (bars && bars.every(v => v === null)) said.push('There are no figures to draw.');
  else if (bars && bars.every(v => v === null || v === 0)) said.push(hasBars ? 'Every value is 0: there are no bars to draw.' : 'Every value is 0.');
  else {
    // lines of the same figures throughout (a fan of a flat price deck: P10, P50 and P90 alike) are drawn on one another:
    // one line shows where the legend names several
    const same = new Map();
    for (const x of list(option.series)) {
      if (!x || x.type !== 'line' || !x.name) continue;
      const key = JSON.stringify(figures(x));
      same.set(key, [...(same.get(key) || []), x.name]);
    }
    for (const ns of same.values()) if (ns.length > 1) said.push(`${andList(ns)} are equal throughout: their lines lie on one another.`);
  }
  const plot = plotWidth(width);
  for (const a of list(option.xAxis)) {
    const n = a && (a.type === 'category' || !a.type) && Array.isArray(a.data) ? a.data.length : 0;
    const lay = n ? categorySteps(a.data, plot) : null;
    if (!lay || !lay.upright || (a.axisLabel && a.axisLabel.interval !== undefined)) continue;
    if (lay.step > 1) {
      const shown = a.data.filter((_, i) => i % lay.step === 0).map(category);
      said.push(`${n} categories; at this width every ${ordinal(lay.step)} is labelled (${shown[0]}, ${shown[1]}, … ${shown[shown.length - 1]}).`);
    }
    if (a.data.some(d => category(d).length * CHAR_PX > UPRIGHT_MAX_PX)) said.push('Long category names are cut short on the axis.');
  }
  return said.length ? said.join(' ') : null;
}

const ordinal = k => k + (k % 10 === 1 && k % 100 !== 11 ? 'st' : k % 10 === 2 && k % 100 !== 12 ? 'nd' : k % 10 === 3 && k % 100 !== 13 ? 'rd' : 'th');

/**
 * A chart's option, readable at `width` px (at 390 px as at 1366): the axis labels are inside the chart (grid.containLabel),
 * not cut at its edge; a value axis's name starts at its axis instead of being centred on it (cut on the left); every
 * category of an axis of up to 12 is labelled, its label wrapped to the width of its category; of more than 12 names, upright
 * (rotated 90°), every one when they fit and else every second, third… (chartNote says which), rather than some left out
 * in silence (ECharts hides labels that would overlap); of more than 12 figures (years, bins), every k-th across, as a scale. A value axis's figures and a tooltip's are grouped as every figure
 * of the pages (kit/format.js: "19 000", not "19,000"); a bar chart whose every figure is 0 shows the 0 of its axis only
 * (ECharts made up a scale from 0 to 1). What a page sets itself is kept.
 */
export function readable(option, width) {
  if (!option || typeof option !== 'object' || !option.xAxis) return option;
  const o = { ...option };
  const grids = list(o.grid).length ? list(o.grid) : [{}];
  // a legend at the top that wraps into several rows (five long names at 390 px) would cover the plot, whose top is
  // 60 px down whatever the legend's height: the plot starts under the legend's last row instead
  const legend = !Array.isArray(o.legend) && o.legend && o.legend.show !== false && o.legend.orient !== 'vertical'
    && o.legend.top === undefined && o.legend.bottom === undefined ? o.legend : null;
  const names = legend ? (legend.data || list(o.series).map(x => x && x.name).filter(Boolean)).map(d => (d && typeof d === 'object' ? d.name : d)) : [];
  const top = names.length ? 60 + (legendRows(names, width || 600) - 1) * 25 : undefined;
  o.grid = grids.map(g => ({ containLabel: true, left: 8, right: 16, bottom: 8, ...(top ? { top } : {}), ...g }));
  const plot = plotWidth(width);
  const bars = o.series ? barValues(o) : null;
  const allZero = bars !== null && bars.every(v => v === null || v === 0);
  const axis = isY => a => {
    if (!a || typeof a !== 'object') return a;
    const out = { ...a };
    if (out.name && !out.nameLocation && out.type !== 'category') out.nameTextStyle = { align: 'left', ...(out.nameTextStyle || {}) };
    if (valueAxis(out, isY)) {
      const own = out.axisLabel || {};
      if (allZero) {
        out.axisLabel = { ...own, formatter: v => (v === 0 ? '0' : '') };
        out.splitLine = { show: false, ...(out.splitLine || {}) };
      } else if (own.formatter === undefined) {
        out.axisLabel = { ...own, formatter: v => num(v, 12) };
      }
    }
    const n = (out.type === 'category' || (!isY && !out.type)) && Array.isArray(out.data) ? out.data.length : 0;
    if (n && n <= 12) {
      // wrapped at spaces when each word fits its category's width; slanted when a word would be cut ("praseodymium");
      // a long label without spaces ("market=gallium-ban,from=2026-06-01") wrapped anywhere, as slanted it would fill the chart
      const room = Math.floor(plot / n) - 6;
      const longest = Math.max(...out.data.map(d => Math.max(...category(d).split(/\s+/).map(w => w.length))));
      const label = longest * CHAR_PX <= room ? { width: room, overflow: 'break', lineHeight: 14 }
        : longest * CHAR_PX * 0.6 <= 60 ? { rotate: 35 } : { width: room, overflow: 'breakAll', lineHeight: 14 };
      out.axisLabel = { interval: 0, ...label, ...(out.axisLabel || {}) };
      // a slanted label ends at its category's middle and reaches left by its width × cos 35°: the first one's start was
      // cut at the chart's left edge ("evy revenue") when the y axis's labels were too narrow to make room (a chart of zeros)
      if (!isY && out.axisLabel.rotate === 35) {
        slantLeft = Math.max(slantLeft, Math.ceil(textWidth(category(out.data[0])) * Math.cos(35 * Math.PI / 180) - (room + 6) / 2 + 4));
      }
    } else if (n && !isY) {
      const { step, upright } = categorySteps(out.data, plot);
      out.axisLabel = upright ? { interval: step - 1, rotate: 90, width: UPRIGHT_MAX_PX, overflow: 'truncate', ...(out.axisLabel || {}) }
        : { interval: step - 1, rotate: 0, ...(out.axisLabel || {}) };
    }
    return out;
  };
  let slantLeft = 0;
  o.xAxis = Array.isArray(o.xAxis) ? o.xAxis.map(axis(false)) : axis(false)(o.xAxis);
  if (o.yAxis) o.yAxis = Array.isArray(o.yAxis) ? o.yAxis.map(axis(true)) : axis(true)(o.yAxis);
  if (slantLeft > 0) o.grid = o.grid.map(g => (typeof g.left === 'number' && g.left < slantLeft ? { ...g, left: slantLeft } : g));
  // a tooltip's figures as the page's (ECharts wrote "19,000")
  if (o.tooltip && typeof o.tooltip === 'object' && !Array.isArray(o.tooltip) && !o.tooltip.formatter && !o.tooltip.valueFormatter) {
    o.tooltip = { ...o.tooltip, valueFormatter: v => (Array.isArray(v) ? v.map(x => num(x, 6)).join(', ') : num(v, 6)) };
  }
  return o;
}

const ZOOM_STEP = 1.5, ZOOM_MIN = 1, ZOOM_MAX = 24;
let mapSeq = 0;

/**
 * A map drawn on a chart from chart() (its option's first geo component, `roam: true`), moved and zoomed without a
 * mouse or a wheel: Zoom in, Zoom out and Reset buttons before it, and the map itself in the tab order, where + and −
 * zoom, the arrow keys move it and 0 puts it back as drawn. Both go through ECharts' own geoRoam action (as the mouse's
 * drag and wheel do), so that the mouse and these add up; the option's geo.zoom and geo.center then say where the map
 * is. From the keys and buttons the zoom stays between 1 and 24 (the mouse's wheel is left as it was). The map's text
 * for screen readers (its aria-label) is unchanged. Call it after the chart's first setOption; undone with the chart.
 */
export function mapControls(c, el) {
  const entry = [...live].find(e => e.chart === c);
  if (!entry || c.isDisposed()) return null;
  const home = c.getOption().geo[0];
  const start = { zoom: home.zoom ?? 1, center: home.center ?? null };
  const zoom = factor => {
    const now = c.getOption().geo[0].zoom ?? 1;
    // not past the bounds, and never the wrong way (a map the wheel took past a bound comes back towards it)
    const to = factor > 1 ? Math.max(now, Math.min(now * factor, ZOOM_MAX)) : Math.min(now, Math.max(now * factor, ZOOM_MIN));
    if (to === now) return;
    c.dispatchAction({ type: 'geoRoam', componentType: 'geo', geoIndex: 0, zoom: to / now, originX: c.getWidth() / 2, originY: c.getHeight() / 2 });
  };
  // the arrows show what lies that way: ArrowRight moves the map to the left
  const pan = (x, y) => c.dispatchAction({ type: 'geoRoam', componentType: 'geo', geoIndex: 0,
    dx: -x * Math.round(c.getWidth() / 6), dy: -y * Math.round(c.getHeight() / 6) });
  const reset = () => c.setOption({ geo: { zoom: start.zoom, center: start.center } });
  const hint = 'map-keys-' + (++mapSeq);
  const button = (what, sign, label, act) => {
    const b = h('button', { type: 'button', class: 'secondary', 'data-map': what }, h('span', { 'aria-hidden': 'true' }, sign), label);
    b.addEventListener('click', act);
    return b;
  };
  const bar = h('div', { class: 'map-controls', role: 'group', 'aria-label': 'Zoom and move the map', 'data-testid': 'map-controls' },
    button('in', '+ ', 'Zoom in', () => zoom(ZOOM_STEP)), button('out', '− ', 'Zoom out', () => zoom(1 / ZOOM_STEP)),
    button('reset', '', 'Reset map', reset),
    h('span', { class: 'hint', id: hint }, 'Or on the map: + and − zoom, the arrow keys move it, 0 resets it.'));
  const keys = ev => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    switch (ev.key) {
      case '+': case '=': zoom(ZOOM_STEP); break;
      case '-': case '_': zoom(1 / ZOOM_STEP); break;
      case '0': reset(); break;
      case 'ArrowLeft': pan(-1, 0); break;
      case 'ArrowRight': pan(1, 0); break;
      case 'ArrowUp': pan(0, -1); break;
      case 'ArrowDown': pan(0, 1); break;
      default: return;
    }
    ev.preventDefault(); // the arrows would scroll the page
  };
  el.before(bar);
  el.tabIndex = 0;
  el.setAttribute('aria-describedby', hint);
  el.setAttribute('aria-keyshortcuts', '+ - 0 ArrowLeft ArrowRight ArrowUp ArrowDown');
  el.addEventListener('keydown', keys);
  entry.undo.push(() => {
    bar.remove();
    el.removeEventListener('keydown', keys);
    for (const a of ['tabindex', 'aria-describedby', 'aria-keyshortcuts']) el.removeAttribute(a);
  });
  return bar;
}

/** Disposes every chart inside root (before root's content is replaced). */
export function disposeWithin(root) {
  for (const e of [...live]) if (root === e.el || root.contains(e.el) || !e.el.isConnected) drop(e);
}

/** Disposes every chart (the page changes). */
export function disposeAll() { for (const e of [...live]) drop(e); }

/** How many charts are alive (the browser test reads it). */
export function liveCharts() { return live.size; }

/**
 * A ring that crosses the 180° meridian (Russia's far east, Fiji, Antarctica) jumps from +180 to −180 and is drawn
 * as a line across the whole map. Its points on the minority side are moved onto the meridian instead.
 */
export function clipAntimeridian(ring) {
  if (!ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180)) return ring;
  const east = ring.filter(p => p[0] >= 0).length >= ring.length / 2;
  return ring.map(([lon, lat]) => [east ? (lon < 0 ? 180 : lon) : (lon > 0 ? -180 : lon), lat]);
}

let worldMap = null;
/** The world map (GeoJSON under /geo), with rings clipped at the 180° meridian, registered with ECharts once ('world', and 'world-inhabited' without Antarctica). */
export function world() {
  if (!worldMap) {
    worldMap = fetch('/geo/world.json').then(r => r.json()).then(g => {
      for (const f of g.features) {
        const geom = f.geometry;
        if (geom.type === 'Polygon') geom.coordinates = geom.coordinates.map(clipAntimeridian);
        else if (geom.type === 'MultiPolygon') geom.coordinates = geom.coordinates.map(poly => poly.map(clipAntimeridian));
      }
      window.echarts.registerMap('world', g);
      // the same without Antarctica, for a map cropped at 58° S: drawn below the crop it would fill the margin under
      // the map, where the scenario map's colour scale is at narrow widths
      window.echarts.registerMap('world-inhabited', { ...g, features: g.features.filter(f => f.properties.iso2 !== 'AQ') });
      return g;
    });
  }
  return worldMap;
}
