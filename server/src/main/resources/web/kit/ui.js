// Shared pieces of the pages: error boxes, forms with field-level errors, tables that scroll inside their card,
// status tags. Everything is built with html`` (kit/dom.js), so every value is escaped.
import { html, mount, $$ } from './dom.js';
import { disposeWithin } from './charts.js';
import { readNumberFields } from './typed.js';

/** Replaces a region's content, disposing the charts that were in it. */
export function show(el, content) {
  if (!el) return null;
  disposeWithin(el);
  return mount(el, content);
}

/**
 * Says a result, or the end of a long run, to screen readers: the page's one status region (role="status" in index.html).
 * Emptied first, so that the same words said again are said again.
 */
let said = 0;
export function announce(message) {
  const el = document.getElementById('status');
  if (!el) return;
  const mine = ++said;
  el.textContent = '';
  setTimeout(() => { if (mine === said) el.textContent = message; }, 60);
}

export function tag(s) { return html`<span class="tag ${String(s ?? '').replace(/[^a-z0-9-]/gi, '')}">${s}</span>`; }

export function errorBox(e) {
  return html`<div class="error" role="alert" data-testid="error">${e.message}</div>`;
}

/** A table in a box that scrolls sideways inside its card. cols: [{label, num?}], rows: arrays of cells (text or html``). */
export function table(cols, rows, attrs = {}) {
  // attrs.stacked: at phone width each row is a block, its first cell on top and each other cell under its column's name
  // (style.css table.stacked), as dom.js's table() does, instead of columns scrolled sideways in their card
  const label = i => attrs.stacked && i > 0 && cols[i] && cols[i].label ? cols[i].label : null;
  return html`<div class="table-wrap"><table class="${attrs.stacked ? 'stacked' : ''}" data-testid="${attrs.testid || ''}"><thead><tr>${cols.map(c =>
    html`<th scope="col" class="${c.num ? 'num' : ''}">${c.label}</th>`)}</tr></thead><tbody>${rows.map(r =>
    html`<tr>${r.map((cell, i) => label(i) ? html`<td class="${cols[i] && cols[i].num ? 'num' : ''}" data-label="${label(i)}">${cell}</td>`
      : html`<td class="${cols[i] && cols[i].num ? 'num' : ''}">${cell}</td>`)}</tr>`)}</tbody></table></div>`;
}

// ------------------------------------------------------------------ forms

/** The text of the label of a form control (without its hints), for messages. */
export function labelOf(control) {
  const label = control.closest('label') || (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`));
  if (!label) return control.name;
  const own = [...label.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join(' ').trim();
  return own || control.name;
}

export function clearErrors(form) {
  for (const el of $$('[aria-invalid="true"]', form)) { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); }
  for (const el of $$('.field-error', form)) el.remove();
}

let noteSeq = 0;
function markField(control, message) {
  control.setAttribute('aria-invalid', 'true');
  const note = document.createElement('span');
  note.className = 'field-error';
  note.id = 'field-error-' + (++noteSeq);
  note.setAttribute('data-testid', 'field-error');
  // the note sits in the label (beside the field) but is not part of the field's name: it describes the field
  note.setAttribute('aria-hidden', 'true');
  note.textContent = message;
  control.setAttribute('aria-describedby', note.id);
  (control.closest('label') || control.parentElement).append(note);
  // a field folded away in a closed <details> (the scenario file) is unfolded, or its note would not be seen
  for (let d = control.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
  control.addEventListener('input', () => { control.removeAttribute('aria-invalid'); control.removeAttribute('aria-describedby'); note.remove(); }, { once: true });
}

/**
 * Shows an API error on a form: the field it names is marked, and the message names the field by its label
 * ("Content quantity: …", not "content_quantity: …"). fieldMap maps API field names to control names when they differ.
 * Returns the error box (html``) to show under the form.
 */
export function formError(form, e, fieldMap = {}) {
  clearErrors(form);
  const name = e.field ? (fieldMap[e.field] || e.field) : null;
  const control = name && form.elements[name] instanceof Element ? form.elements[name] : null;
  let message = e.message;
  if (control) {
    const label = labelOf(control);
    message = message.replace(new RegExp('^' + e.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\b:?\\s*'), '');
    message = label + ': ' + message;
    markField(control, message);
    control.focus();
  }
  return errorBox({ message });
}

/**
 * Shows an API error that lists several problems (a customs entry's bad lines, error.problems): each is marked at its
 * control, named by where it is and its label ("Line 2 · HTS code: unknown HTS code …"), and all are listed in one box.
 * controlFor(field) gives the control of a field ("lines[1].hts") or null (then the message is listed as the API said it);
 * placeOf(control) the words before its label ('' for none). Returns the error box (html``).
 */
export function formProblems(form, problems, controlFor, placeOf = () => '') {
  clearErrors(form);
  let first = null;
  const lines = problems.map(p => {
    const control = p.field ? controlFor(p.field) : null;
    if (!control) return p.message;
    const said = p.field + (p.line_id !== null && p.line_id !== undefined ? ` (line ${p.line_id})` : '') + ': ';
    const message = placeOf(control) + labelOf(control) + ': ' + (p.message.startsWith(said) ? p.message.slice(said.length) : p.message);
    markField(control, message);
    first = first || control;
    return message;
  });
  if (first) first.focus();
  return html`<div class="error" role="alert" data-testid="error">${lines.map((l, i) => html`${i ? html`<br>` : ''}${l}`)}</div>`;
}

/**
 * Checks a form with the browser's rules (required, min, type) and its typed numbers' (kit/typed.js) without its popups: every invalid field is marked
 * with its label and message. Returns an error box (html``) or null when the form is valid.
 */
export function checkForm(form) {
  clearErrors(form);
  readNumberFields(form); // typed numbers read first (kit/typed.js): one that cannot be read is its field's message
  const bad = [...form.elements].filter(c => c.willValidate && !c.checkValidity());
  if (!bad.length) return null;
  const lines = bad.map(c => { const m = labelOf(c) + ': ' + c.validationMessage; markField(c, m); return m; });
  bad[0].focus();
  return html`<div class="error" role="alert" data-testid="error">${lines.map((l, i) => html`${i ? html`<br>` : ''}${l}`)}</div>`;
}

export { html, mount };

/**
 * A box's newest request. A form asked again, or refused, while its earlier request is still on its way supersedes that
 * request: the earlier answer, arriving late, no longer replaces what the box says. Found on the Scenarios page (a seek
 * refused at its range was wiped by the seek before it, TypedNumbersBrowserTest) and then on Assess (two lines assessed
 * in quick succession: the first line's answer, if it came back last, was drawn under the second's fields and put its id
 * in the address, AssessEntryBrowserTest). Returns a view-like handle: `alive` while the page is on screen and this
 * is the box's newest request; `later` as the view's.
 */
const newestOf = new WeakMap();
export function newest(box, view) {
  const mine = {};
  newestOf.set(box, mine);
  return { get alive() { return view.alive && newestOf.get(box) === mine; }, later: (fn, ms) => view.later(fn, ms) };
}

/**
 * A side request on a box: a download or a file read beside a form whose answer the box shows. It does not supersede the
 * request on its way (a report downloaded while an evaluation runs must not leave "Assessing…" for good); its error is
 * shown only while no request was made of the box since it began (`alive`: a late download error does not wipe a newer
 * answer), and showing it supersedes the request in flight (`claim`: an older answer arriving after does not wipe the error).
 */
export function aside(box, view) {
  const seen = newestOf.get(box);
  return { get alive() { return view.alive && newestOf.get(box) === seen; }, claim: () => newest(box, view) };
}
