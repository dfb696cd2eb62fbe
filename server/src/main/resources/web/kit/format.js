// Number, money and time formatting shared by every page. A value that rounds to zero is shown as 0, never -0.
//
// Thousands are grouped by a thin space (U+202F, the narrow no-break space): "19 000 kg", "USD 1 234.50". A comma read
// "19,000 kg" as nineteen thousand to an English reader and as nineteen to a German, French or Spanish one, whose comma is
// the decimal point (and "1.234" the other way round); a space groups digits in every one of those languages and is what
// the SI (brochure, 9th ed., 5.4.4) and ISO 80000-1 recommend, so that no one reads a figure wrong. The decimal point stays
// "." (the pages are in English; kit/typed.js reads a number typed either way, and a copied "19 000"). No-break: a figure
// is never split over two lines. Downloads (CSV, JSON) do not come through here: their numbers are as the API gave them.

const dash = '—';
const missing = v => v === null || v === undefined || v === '' || Number.isNaN(Number(v));

/**
 * A number of the API's answer that a JavaScript number cannot hold exactly (987654321098765.43 would be …765.4 as a
 * double): kit/api.js parses such a number as an Exact, which is a Number (arithmetic and comparisons work on its nearest
 * double) that keeps the answer's own text. The formatters below show it from that text, so money is shown to the cent
 * as the API computed it; String(x) and `${x}` give the text too, and JSON.stringify writes it as it was.
 */
export class Exact extends Number {
  #text;
  constructor(text) {
    super(text);
    this.#text = String(text);
  }
  toString() { return this.#text; }
  toJSON() { return typeof JSON.rawJSON === 'function' ? JSON.rawJSON(this.#text) : Number(this); }
}

// a JSON number's text: sign, integer digits, fraction digits, exponent
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * The decimal text of a value: an Exact's text, a string that is a decimal number, or a double's shortest text (as Intl
 * rounds it: 1.005 is "1.005", rounded to 1.01); null for what is not a finite number.
 */
function decimalText(v) {
  if (v instanceof Exact) return v.toString();
  if (typeof v === 'string' && NUMBER_TEXT.test(v.trim())) return v.trim();
  const t = typeof v === 'number' || v instanceof Number ? String(Number(v)).replace('e+', 'e') : '';
  return NUMBER_TEXT.test(t) ? t : null;
}

/** The space that groups thousands on a page (see above). */
export const GROUP = '\u202f';

/** A whole number's digits ("1234567") in groups of three: "1 234 567" (thin spaces). */
export function grouped(digits) { return String(digits).replace(/\B(?=(\d{3})+(?!\d))/g, GROUP); }

/**
 * A decimal text rounded to `digits` decimals (half away from zero, as Intl rounds), in integer arithmetic (BigInt):
 * {negative, int, frac} with int grouped by thousands; a value that rounds to zero is not negative.
 */
function roundDecimal(text, digits) {
  const [, sign, int, frac = '', exp = '0'] = NUMBER_TEXT.exec(text);
  const all = int + frac;
  const point = int.length + Number(exp); // the decimal point's place among all's digits
  // the value × 10^digits, truncated, and the first digit dropped (which decides the rounding)
  const cut = point + digits;
  const kept = cut <= 0 ? '0' : (all + '0'.repeat(Math.max(0, cut - all.length))).slice(0, cut);
  const next = cut < 0 ? '0' : all[cut] ?? '0';
  const scaled = BigInt(kept) + (next >= '5' ? 1n : 0n);
  const s = scaled.toString().padStart(digits + 1, '0');
  const whole = s.slice(0, s.length - digits);
  return {
    negative: sign === '-' && scaled !== 0n,
    int: grouped(whole),
    frac: s.slice(s.length - digits),
  };
}

/** An exact decimal text with exactly (trim: up to) `digits` decimals and thousands separators, "-" when negative. */
function decimalFormat(text, digits, trim) {
  const r = roundDecimal(text, digits);
  const frac = trim ? r.frac.replace(/0+$/, '') : r.frac;
  return (r.negative ? '-' : '') + r.int + (frac ? '.' + frac : '');
}

// what is not a finite number (Infinity) is said as JavaScript says it, never as a figure
const notFinite = v => String(Number(v)).replace('Infinity', '∞');

/** A number with up to `digits` decimals, thousands grouped by thin spaces. */
export function num(v, digits = 1) {
  if (missing(v)) return dash;
  const d = decimalText(v);
  return d !== null ? decimalFormat(d, digits, true) : notFinite(v);
}

/** A number with exactly `digits` decimals. */
export function fix(v, digits = 2) {
  if (missing(v)) return dash;
  const d = decimalText(v);
  return d !== null ? decimalFormat(d, digits, false) : notFinite(v);
}

// An amount is never broken over two lines ("USD" at the end of one, "1 234.50" under it, in a narrow table cell):
// the currency and the number are joined by a no-break space.
const NBSP = '\u00a0';

/** US dollars with cents: "USD 1 234.50" (a no-break space after USD). */
export function usd(v) { return missing(v) ? dash : 'USD' + NBSP + fix(v, 2); }

/**
 * A price per unit in US dollars: at least the cents, and up to six decimals where the price has them — "USD 9.80",
 * "USD 0.0098", "USD 84.569754" (a price of 0.0098 a kg was shown "USD 0.01", hiding a price in the wrong unit).
 */
export function usdPrice(v) {
  return unitPrice(v, 'USD', null);
}

/**
 * A price in its own currency per its unit, digits as usdPrice's: "CNY 70.00/kg", "USD 4 150.00/t" (a company's line is priced in
 * the file's currency and unit: "USD 70.00" was shown for 70 CNY a kg, and 4,150 a t beside 11.20 a kg said neither unit).
 */
export function unitPrice(v, currency, unit) {
  if (missing(v)) return dash;
  const [i, f = ''] = num(v, 6).split('.');
  return (currency || 'USD') + NBSP + i + '.' + f.padEnd(2, '0') + (unit ? '/' + unit : '');
}

/** A signed change in US dollars: "+USD 50.00", "−USD 3.00", "USD 0.00" (a no-break space after USD). */
export function usdChange(v) {
  if (missing(v)) return dash;
  const d = decimalText(v);
  if (d !== null) {
    const r = roundDecimal(d, 2);
    const zero = !r.negative && /^[0\u202f]*$/.test(r.int) && /^0*$/.test(r.frac);
    return (zero ? '' : r.negative ? '−' : '+') + 'USD' + NBSP + r.int + '.' + r.frac;
  }
  return notFinite(v);
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
/** "1 234 thousand USD": on one line (no-break spaces), as usd(). */
export function money(v, u) {
  if (missing(v)) return dash;
  return num(v, Math.abs(Number(v)) >= 1000 ? 0 : 2) + NBSP + moneyUnit(u).replace(/ /g, NBSP);
}

/** Whether a text is a web address (http or https) that may be a link's target; anything else is shown as words. */
export function isWebAddress(u) { return /^https?:\/\/\S+$/i.test(String(u ?? '').trim()); }
