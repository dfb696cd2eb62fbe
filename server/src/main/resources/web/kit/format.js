// Number, money and time formatting shared by every page. A value that rounds to zero is shown as 0, never -0.

const dash = '—';
const missing = v => v === null || v === undefined || v === '' || Number.isNaN(Number(v));

function fixed(v, digits) {
  const x = Number(v);
  const r = Number(x.toFixed(digits));
  return r === 0 ? 0 : x; // -0.0001 → 0, not "-0"
}

/** A number with up to `digits` decimals and thousands separators. */
export function num(v, digits = 1) {
  if (missing(v)) return dash;
  return fixed(v, digits).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A number with exactly `digits` decimals. */
export function fix(v, digits = 2) {
  if (missing(v)) return dash;
  return fixed(v, digits).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

// An amount is never broken over two lines ("USD" at the end of one, "1,234.50" under it, in a narrow table cell):
// the currency and the number are joined by a no-break space.
const NBSP = '\u00a0';

/** US dollars with cents: "USD 1,234.50" (a no-break space after USD). */
export function usd(v) { return missing(v) ? dash : 'USD' + NBSP + fix(v, 2); }

/** A signed change in US dollars: "+USD 50.00", "−USD 3.00", "USD 0.00" (a no-break space after USD). */
export function usdChange(v) {
  if (missing(v)) return dash;
  const r = fixed(v, 2);
  return (r > 0 ? '+' : r < 0 ? '−' : '') + 'USD' + NBSP + fix(Math.abs(r), 2);
}

export function pct(v) { return missing(v) ? dash : num(v * 100, 1) + ' %'; }

/** An ISO timestamp as "2026-12-03 14:05:09 UTC" (no microseconds); a date stays a date. */
export function when(iso) {
  if (!iso) return dash;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

/** "us-2026 (bundled)": a regime by its id, as assessments and jobs name it, and the source it was loaded from in brackets. */
export function regimeName(r) {
  return r.id && r.id !== r.active ? `${r.id} (${r.active})` : String(r.active ?? r.id ?? '');
}

/**
 * Today's date where the person is ("2026-12-05"), the default of the pages' date fields. Not toISOString(), which
 * gives the date in UTC: yesterday's for someone in Auckland in the morning, tomorrow's in California in the evening.
 */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// Scenario money: price × quantity, in the unit the report names (units.money, as the CLI prints it): for USD/kg × t
// that is thousand USD. A run stored before reports named it is read the same way.
export function moneyUnit(u) {
  if (u.money) return u.money;
  const [cur, per] = String(u.price).split('/');
  return per === u.quantity ? cur : per === 'kg' && u.quantity === 't' ? 'thousand ' + cur : u.price + ' × ' + u.quantity;
}
export function moneyValue(v) { return missing(v) ? null : Number(v); }
/** "1,234 thousand USD": on one line (no-break spaces), as usd(). */
export function money(v, u) {
  if (missing(v)) return dash;
  return num(v, Math.abs(Number(v)) >= 1000 ? 0 : 2) + NBSP + moneyUnit(u).replace(/ /g, NBSP);
}

/** Whether a text is a web address (http or https) that may be a link's target; anything else is shown as words. */
export function isWebAddress(u) { return /^https?:\/\/\S+$/i.test(String(u ?? '').trim()); }
