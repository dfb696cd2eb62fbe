// Numbers as people type them, whatever their language. The pages' number fields are text fields marked data-number
// (inputmode="decimal" for the phone's keypad), not <input type=number>: Chromium reads a number field in the page's
// language (en), so a German's "1234,56" was sent as 123456 and "1.234" (a thousand, to her) as 1.234, the field still
// showing what she typed, and Arabic-Indic digits were an empty field ("Please fill out this field"). Here a typed
// number is either read — and the field then holds it as the API takes it (1234.56), with a note beside it saying how it
// was read when that is not what was typed — or refused with the reason; never read some other way in silence.
//
// How it is read: digits of any script (ASCII, full-width from a Japanese IME, Arabic-Indic, Persian, Devanagari) are
// digits. A space, a no-break or thin space, an apostrophe and the Arabic thousands separator ٬ group digits; the
// Arabic decimal separator ٫ is the decimal point. For "." and ",": when both appear, the last is the decimal point
// and the other groups (1.234,56 and 1,234.56 are both 1234.56); one that appears twice or more groups (1.234.567,
// 12,34,567); one that appears once is the decimal point unless exactly three digits follow it — then it is what the
// browser's language makes it (1,234 is 1234 in en-US, es-GT, ja-JP, hi-IN and 1.234 in de-DE; 1.234 the other way
// round). Groups must be groups (three digits, or the Indian 12,34,567), else the number is refused.

import { h } from './dom.js';

const ZEROS = [0x30, 0xff10, 0x660, 0x6f0, 0x966]; // ASCII, full-width, Arabic-Indic, Persian (extended Arabic-Indic), Devanagari
const SAME = { '．': '.', '，': ',', '－': '-', '＋': '+', '−': '-', '\u066b': 'D', '\u066c': 'G', "'": 'G', '’': 'G',
  ' ': 'G', '\u00a0': 'G', '\u202f': 'G', '\u2009': 'G', '\u3000': 'G' };
const MARKS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g; // bidirectional marks an Arabic keyboard or a copy may add

/** The browser language's decimal separator: "," for de-DE, "." for en-US, ja-JP, hi-IN, es-GT (ar-EG's is ٫). */
export function localeDecimal(locale) {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find(p => p.type === 'decimal');
    return part ? part.value : '.';
  } catch { return '.'; }
}

/**
 * A typed number read: {value: "1234.56"} (the decimal text the API takes: no grouping, "." for the point, as many
 * decimals as typed), or {error: why it is refused}. decimal: the browser language's decimal separator (localeDecimal).
 */
export function readTypedNumber(typed, decimal = '.') {
  const text = String(typed ?? '').replace(MARKS, '').trim();
  if (!text) return { value: '' };
  let s = '';
  for (const c of text) {
    const code = c.codePointAt(0);
    const zero = ZEROS.find(z => code >= z && code <= z + 9);
    if (zero !== undefined) s += String(code - zero);
    else if (SAME[c]) s += SAME[c];
    else if ('.,+-'.includes(c)) s += c;
    else return { error: `"${text}" is not a number: '${c}' is not a digit; type digits, with a decimal point if there are decimals, e.g. 1234.56` };
  }
  const sign = /^[+-]/.test(s) ? s[0] : '';
  const body = s.slice(sign.length);
  if (/[+-]/.test(body)) return { error: `"${text}" is not a number: a sign only comes first` };
  if (!/\d/.test(body)) return { error: `"${text}" is not a number: it has no digits` };
  // which character is the decimal point: D (٫) when typed, else the last of "." and "," as described above
  let point = null;
  const dots = (body.match(/\./g) || []).length, commas = (body.match(/,/g) || []).length;
  if (body.includes('D')) {
    if (dots || commas || body.indexOf('D') !== body.lastIndexOf('D')) return { error: `"${text}" is not a number: it has more than one decimal separator` };
    point = 'D';
  } else if (dots && commas) {
    point = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    if ((point === '.' ? dots : commas) > 1) return { error: `"${text}" is not a number: its decimal point, '${point}', comes more than once` };
  } else if (dots === 1 || commas === 1) {
    const c = dots ? '.' : ',';
    const [before, after] = body.split(c);
    const three = /^\d{3}$/.test(after) && /^[1-9]/.test(before.replace(/G/g, ''));
    point = !three ? c : decimal === c ? c : decimal === '.' || decimal === ',' ? null : c === '.' ? '.' : null;
  }
  const [int, frac = ''] = point ? body.split(point) : [body];
  if (/[^\d]/.test(frac)) return { error: `"${text}" is not a number: digits after the decimal point are not grouped; type them together, e.g. 0.12345` };
  const groups = int.split(/[.,G]/);
  if (!int || groups.some(g => !g)) return { error: `"${text}" is not a number: a separator is not between two digits` };
  if (groups.length > 1) {
    const [first, ...rest] = groups;
    const last = rest[rest.length - 1];
    const thousands = first.length <= 3 && rest.every(g => g.length === 3);
    const lakh = first.length <= 2 && last.length === 3 && rest.slice(0, -1).every(g => g.length === 2); // 12,34,567
    if (!thousands && !lakh) {
      return { error: `"${text}" is not a number: its digits are not in groups of three (1,234,567) or the Indian 12,34,567, so a separator may be a decimal point; type the number without grouping, e.g. 1234.56` };
    }
  }
  const digits = groups.join('').replace(/^0+(?=\d)/, '');
  const zero = /^0*$/.test(digits + frac);
  return { value: (sign === '-' && !zero ? '-' : '') + digits + (frac ? '.' + frac : '') };
}

/** A read number with words no language misreads: "1234.56 (1234 and the decimals 56)", "1000 (a whole number)". */
export function said(value) {
  const [int, frac] = value.replace(/^-/, '').split('.');
  const minus = value.startsWith('-') ? 'minus ' : '';
  return `${value} (${frac === undefined ? minus + 'a whole number' : minus + int + ' and the decimals ' + frac})`;
}

/** How a read number is said beside its field: "read as 1234.56 (1234 and the decimals 56)". */
export function readAs(value) {
  return 'read as ' + said(value);
}

/**
 * The note beside a field saying how what was typed (shown) was read (text), the field then holding value: made, or
 * changed, or — when nothing was changed by the reading — removed unless it says how this same value was read.
 */
let notes = 0;
function noteBeside(field, shown, value, text) {
  const label = field.closest('label') || field.parentElement;
  const old = label && label.querySelector(':scope > [data-testid=number-read]');
  if (value !== shown) {
    field.value = value;
    // beside the field but not part of its name (as kit/ui.js's error notes): it describes the field
    const note = old || h('span', { class: 'hint number-read', testid: 'number-read', id: 'number-read-' + (++notes), 'aria-hidden': 'true' });
    note.dataset.value = value;
    note.textContent = text;
    if (!old && label) label.append(note);
    const described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    if (!described.includes(note.id)) field.setAttribute('aria-describedby', [...described, note.id].join(' '));
  } else if (old && old.dataset.value !== value) {
    const described = (field.getAttribute('aria-describedby') || '').split(' ').filter(x => x && x !== old.id);
    if (described.length) field.setAttribute('aria-describedby', described.join(' ')); else field.removeAttribute('aria-describedby');
    old.remove();
  }
}

/**
 * Reads a field holding a range "a:b" (the seek form's), each side as a typed number (above): the field then holds
 * "12.5:1000" and the note says how "12,5:1.000" was read; a side that cannot be read is the field's validity message.
 * Returns [a, b] as decimal texts, or null.
 */
export function readRangeField(field) {
  const shown = field.value.trim();
  const decimal = field.dataset.typed ? localeDecimal(navigator.language) : '.';
  const parts = shown.split(':');
  let problem = '', values = null;
  if (!shown) problem = '';
  else if (parts.length !== 2) problem = `"${shown}" is not a range: expected a:b, two numbers with a < b`;
  else {
    const rs = parts.map(p => readTypedNumber(p, decimal));
    const bad = rs.find(r => r.error);
    if (bad) problem = bad.error;
    else if (rs.some(r => r.value === '')) problem = `"${shown}" is not a range: a number is missing; expected a:b, two numbers with a < b`;
    else values = rs.map(r => r.value);
  }
  field.setCustomValidity(problem);
  if (!values) return null;
  delete field.dataset.typed;
  noteBeside(field, shown, values.join(':'), `"${shown}" read as ${said(values[0])} to ${said(values[1])}`);
  return values;
}

/**
 * Reads one data-number field: the field then holds the number as read, a note beside it says how it was read when
 * that is not what was typed, and a number that cannot be read — or is outside the field's min/max, or not whole where
 * data-number="whole" — is the field's validity message (checkForm shows it at the field). Returns whether it is valid.
 * Only what the person typed (data-typed, set by app.js on the field's input events) is read in their language: a value
 * a page put there (a ledger entry reopened, a scenario's parameter) and a number once read are the API's decimal text,
 * read with "." as the point — else a German's 900,125, read as 900.125, would be read again at the submit as 900125, and
 * a reopened quantity of 1.234 as 1234.
 */
export function readNumberField(field) {
  const label = field.closest('label') || field.parentElement;
  const old = label && label.querySelector(':scope > [data-testid=number-read]');
  const typed = field.value;
  const r = readTypedNumber(typed, field.dataset.typed ? localeDecimal(navigator.language) : '.');
  let problem = r.error || '';
  if (!problem && r.value !== '') {
    const n = Number(r.value);
    const min = field.getAttribute('min'), max = field.getAttribute('max');
    if (field.dataset.number === 'whole' && !/^-?\d+$/.test(r.value)) problem = `"${typed.trim()}" is ${r.value}: expected a whole number`;
    else if (min !== null && min !== '' && n < Number(min)) problem = `${r.value} is below the least allowed, ${min}`;
    else if (max !== null && max !== '' && n > Number(max)) problem = `${r.value} is above the most allowed, ${max}`;
  }
  field.setCustomValidity(problem);
  if (r.error) { if (old) old.remove(); return false; }
  delete field.dataset.typed; // the field now holds the number as read
  const shown = typed.trim();
  noteBeside(field, shown, r.value, `"${shown}" ${readAs(r.value)}`);
  return !problem;
}

/** Reads every data-number field of a form (or any element): before its checks, so that it sends the numbers as read. */
export function readNumberFields(root) {
  for (const f of root.querySelectorAll('input[data-number]')) readNumberField(f);
}
