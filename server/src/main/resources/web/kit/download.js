// Saving a result the page already has as a file: the JSON the API answered (pretty-printed, UTF-8), a table as
// CSV (RFC 4180), or the printable HTML report the server makes of that JSON (POST /api/reports, as lodestone report).
// A ledger record or a bulk job is saved as the server holds it: its JSON fetched again (GET /api/assessments/ID) and
// its report made by reference ({"assessment": ID}), so a record of any size is reported and the report's SHA-256
// matches the saved file (docs/report-format.md, "Which bytes the SHA-256 is of").
// One way to hand a file to the browser (saveBlob), used by kit/api.js's download() and postForFile() as well.
import { announce } from './ui.js';
import { api, postForFile } from './api.js';

/** Hands a Blob to the browser as a download named `name` (a temporary <a download>; its object URL revoked after). */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url; a.download = name; a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000); // after the browser has started reading it
}

/** A file name from the pieces of a result: anything but letters, digits, '.', '_' and '-' becomes '_'. */
export function fileName(prefix, id, ext) {
  return `${prefix}-${String(id ?? '').replace(/[^A-Za-z0-9._-]/g, '_') || 'result'}.${ext}`;
}

/**
 * The text of each API answer the page holds, by its parsed value (kit/api.js records it): a saved answer is the
 * server's own text, so a number it wrote as 110.0 or 1.10E+2 stays so (parsed and written again it would be 110).
 */
export const answered = new WeakMap();

/**
 * JSON text indented by two spaces without being parsed: strings and numbers are copied as they are, whitespace
 * between tokens replaced. For text that is valid JSON (the server's answer); anything else is returned as it was.
 */
export function indentJson(text) {
  let out = '', depth = 0, inString = false, escaped = false;
  const nl = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    if (c === '"') { inString = true; out += c; }
    else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === close) { out += c + close; i = j; continue; } // {} and [] stay on one line
      depth++; out += c + nl();
    } else if (c === '}' || c === ']') { depth--; out += nl() + c; }
    else if (c === ',') out += ',' + nl();
    else if (c === ':') out += ': ';
    else out += c;
  }
  return depth === 0 && !inString ? out : text;
}

/** The JSON text of data: the API's own text when the page has it (see answered), else the value written as JSON. */
export function jsonText(data) {
  return data !== null && typeof data === 'object' && answered.has(data) ? answered.get(data) : JSON.stringify(data);
}

/**
 * The data as the API answered it — its own text when the page has it (see answered) — indented, UTF-8, with a line break
 * at the end. The server computes the same file from the same text (lodestone.report.JsonIndent) for a report's SHA-256.
 */
export function saveJson(name, data) {
  saveBlob(new Blob([indentJson(jsonText(data)) + '\n'], { type: 'application/json;charset=utf-8' }), name);
  announce(`Saved ${name}`);
}

/**
 * One CSV cell. A text starting with = + - @ (or a tab or carriage return) gets a leading apostrophe so a spreadsheet
 * does not run it as a formula — the rule of the bulk results (border's BulkAssessment.safe); numbers are written as
 * they are (a negative number is a number, not a formula). Quoted when it holds a comma, a quote or a line break.
 */
export function csvCell(v) {
  if (v === null || v === undefined) return '';
  let s;
  if (typeof v === 'number' || v instanceof Number) s = Number.isFinite(Number(v)) ? String(v) : ''; // an Exact (kit/format.js): its text
  else if (typeof v === 'boolean') s = String(v);
  else {
    s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  }
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** The CSV text of a table: header, then rows, CRLF line ends (RFC 4180). */
export function csvText(header, rows) {
  return [header, ...rows].map(r => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Saves a table as CSV (UTF-8), beginning with a byte-order mark: a table saved from a page is for a spreadsheet, and Excel
 * opens a double-clicked CSV without one in the Windows code page, so "—" and "Société" showed as "â€”" and "SociÃ©tÃ©"
 * (the Windows review, 2026-12-07). The bulk results and rejects the server and the command line write have none: they are
 * the same bytes everywhere, for programs (docs/bulk-format.md).
 */
export function saveCsv(name, header, rows) {
  saveBlob(new Blob(['\uFEFF' + csvText(header, rows)], { type: 'text/csv;charset=utf-8' }), name);
  announce(`Saved ${name} (${rows.length} rows)`);
}

/** Shows why a file could not be saved in `box` (as text, in an alert a screen reader reads out); null takes the last one away. */
function refusal(box, text) {
  const old = box.querySelector('.report-error');
  if (old) old.remove();
  if (text === null) return;
  const p = document.createElement('p');
  p.className = 'error report-error';
  p.setAttribute('role', 'alert');
  p.textContent = text;
  box.append(p);
}

/**
 * Saves the result as the server's printable HTML report of it (POST /api/reports): the same page lodestone report writes
 * from the saved JSON. The body is the JSON text "Download JSON" saves indented (jsonText: the API's own text), so the
 * report's SHA-256s describe the file the page saves — or, with `ref` ({assessment: ID}, {whatif: ID}…, storedRecord), the
 * stored record by reference, reported as its GET serves it. A refusal is shown in `box` (as text, an alert).
 */
export async function saveReport(name, data, box, ref = null) {
  refusal(box, null);
  try {
    await postForFile('/api/reports', ref || jsonText(data), name);
    announce(`Saved ${name}`);
  } catch (e) {
    refusal(box, 'The report could not be made: ' + e.message);
  }
}

/** Saves a stored record's JSON as its GET answers it now (path: GET /api/assessments/ID…), indented as saveJson saves it. */
async function saveStoredJson(name, path, box) {
  refusal(box, null);
  try {
    saveJson(name, await api(path));
  } catch (e) {
    refusal(box, 'The JSON could not be saved: ' + e.message);
  }
}

/** The GET route of each kind of record the server stores, by the key POST /api/reports takes it by reference. */
const STORED = { assessment: '/api/assessments/', bulk_job: '/api/bulk-jobs/', scenario_run: '/api/scenario-runs/', whatif: '/api/whatifs/',
  path_job: '/api/path-jobs/', compare_job: '/api/compare-jobs/' };

/**
 * A stored record for downloadButtons' `stored`: its JSON as its GET serves it, its report by reference — key: assessment,
 * bulk_job, scenario_run, whatif, path_job or compare_job; id: the record's id.
 */
export function storedRecord(key, id) {
  if (!STORED[key]) throw new Error('no stored record of kind ' + key);
  return { path: STORED[key] + encodeURIComponent(id), ref: { [key]: Number(id) } };
}

/**
 * The "Download JSON" / "Download CSV" / "Report (HTML)" buttons of a result, as a DOM node. json: () => the API's answer;
 * csv: () => ({ header, rows }) or null for a result without a main table; the report's file is named as the JSON's,
 * ending -report.html. stored: a record the server holds, { path: its GET ('/api/assessments/12'), ref: the report's body
 * by reference ({ assessment: 12 }) } — its JSON is then saved as GET serves it and its report made by reference. report:
 * false leaves out the report button, for a result the report command does not read (a fiscal table).
 */
export function downloadButtons(what, { json, csv, jsonName, csvName, testid = 'download', stored = null, report = true }) {
  const box = document.createElement('div');
  box.className = 'row downloads';
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', 'Download ' + what);
  const button = (text, kind, act) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = text;
    b.setAttribute('aria-label', `${text} of the ${what}`);
    b.setAttribute('data-testid', `${testid}-${kind}`);
    b.addEventListener('click', act);
    return b;
  };
  box.append(button('Download JSON', 'json', () => stored ? saveStoredJson(jsonName, stored.path, box) : saveJson(jsonName, json())));
  if (csv) box.append(button('Download CSV', 'csv', () => { const t = csv(); saveCsv(csvName, t.header, t.rows); }));
  if (!report) return box; // a result the report command does not know (docs/report-format.md): no button that can only be refused
  const reportName = jsonName.replace(/\.json$/, '') + '-report.html';
  box.append(button('Report (HTML)', 'report', () => stored ? saveReport(reportName, null, box, stored.ref) : saveReport(reportName, json(), box)));
  return box;
}
