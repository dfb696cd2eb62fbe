// ECharts with a lifecycle. A chart made here is disposed when another chart is made on the same element,
// when the part of the page holding it is replaced (disposeWithin), and when the page changes (disposeAll,
// called by the router). A chart left running after its element left the page draws into a canvas of size 0
// and fills the console with drawImage errors, many times a second: that is what this prevents.
import { html, mount } from './dom.js';

const live = new Set(); // {chart, observer, el}

function drop(entry) {
  live.delete(entry);
  entry.observer.disconnect();
  if (!entry.chart.isDisposed()) entry.chart.dispose();
}

/** A new chart on el (any chart already there is disposed first); null with a note when ECharts is missing. */
export function chart(el) {
  if (!el) return null;
  if (!window.echarts) { mount(el, html`<p class="hint">Charts could not be loaded.</p>`); return null; }
  for (const e of [...live]) if (e.el === el) drop(e);
  const c = window.echarts.init(el);
  const observer = new ResizeObserver(() => {
    if (!c.isDisposed() && el.isConnected && el.clientWidth > 0 && el.clientHeight > 0) c.resize();
  });
  observer.observe(el);
  live.add({ chart: c, observer, el });
  return c;
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
/** The world map (GeoJSON under /geo), with rings clipped at the 180° meridian, registered with ECharts once. */
export function world() {
  if (!worldMap) {
    worldMap = fetch('/geo/world.json').then(r => r.json()).then(g => {
      for (const f of g.features) {
        const geom = f.geometry;
        if (geom.type === 'Polygon') geom.coordinates = geom.coordinates.map(clipAntimeridian);
        else if (geom.type === 'MultiPolygon') geom.coordinates = geom.coordinates.map(poly => poly.map(clipAntimeridian));
      }
      window.echarts.registerMap('world', g);
      return g;
    });
  }
  return worldMap;
}
