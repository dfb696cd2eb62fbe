// The one way text reaches the page. `html` is a tagged template: every ${value} is escaped (text and quoted
// attribute values alike), URLs in href/src are kept only when http(s), relative or "#…", event-handler
// attributes and unquoted attribute values are refused. Its result is a Safe value; `mount` is the only place
// in the application that turns markup into DOM, and it accepts nothing else. Nested html`` results and
// arrays of them are inserted as they are (they were escaped when they were made). `h` builds one element
// with textContent for code that prefers DOM calls.

const SAFE = Symbol('safe-html');

class Safe {
  constructor(s) { this[SAFE] = s; }
  toString() { return this[SAFE]; }
}

const ENT = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };
export function escapeText(v) { return String(v ?? '').replace(/[&<>"'`]/g, c => ENT[c]); }

/** A URL that may go in href/src: http(s), mailto, same-origin path, or a fragment; anything else becomes "#". */
export function safeUrl(u) {
  const s = String(u ?? '').trim();
  if (/^(https?:\/\/|mailto:)/i.test(s)) return s;
  if (/^(#|\/(?!\/)|\?)/.test(s)) return s;
  return '#';
}

function piece(v, urlContext) {
  if (v instanceof Safe) return v[SAFE];
  if (Array.isArray(v)) return v.map(x => piece(x, urlContext)).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeText(urlContext ? safeUrl(v) : v);
}

export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    const before = strings[i];
    if (/\son[a-z]+\s*=\s*["']?$/i.test(before)) throw new Error('html``: event-handler attributes are not allowed');
    if (/\s[\w:-]+\s*=\s*$/.test(before)) throw new Error('html``: quote attribute values: ' + before.slice(-30));
    // a value that starts an href/src decides the scheme: only safe ones are kept
    const url = /\s(href|src|action|formaction|xlink:href)\s*=\s*["']$/i.test(before);
    out += piece(values[i], url) + strings[i + 1];
  }
  return new Safe(out);
}

/** Markup already made safe elsewhere (joined pieces), e.g. html.join(items, ', '). */
html.join = (items, sep) => new Safe(items.map(x => piece(x, false)).join(piece(sep ?? '', false)));

/** Replaces el's content with the Safe markup (or a Node, or nothing). */
export function mount(el, content) {
  if (!el) return null;
  if (content instanceof Node) { el.replaceChildren(content); return el; }
  if (content === null || content === undefined) { el.replaceChildren(); return el; }
  if (!(content instanceof Safe)) throw new TypeError('mount: expects html`` markup, not a string');
  const t = document.createElement('template');
  t.innerHTML = content[SAFE]; // the only innerHTML in the application: every piece of data in it was escaped by html``
  el.replaceChildren(t.content);
  return el;
}

/**
 * h('a', {href: url, class: 'x'}, 'text', child…): one element — the one way a page builds DOM by calls. Text (children
 * and {text}) goes in as text nodes / textContent; attributes by setAttribute, href/src through safeUrl; {testid} is
 * data-testid; an on… attribute must be a function (added as a listener), never a string of code. null, undefined and
 * false attributes and children are left out; arrays of children are flattened.
 */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** svg('line', {x1: 0, …}, child…): an SVG element, built as h builds an HTML one (text as text, never markup). */
export function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (/^on/i.test(k)) {
      if (typeof v !== 'function') throw new Error('h(): ' + k + ' must be a function (a listener), not ' + typeof v);
      el.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === 'text') el.textContent = String(v);
    else if (k === 'testid') el.dataset.testid = String(v);
    else el.setAttribute(k, k === 'href' || k === 'src' ? safeUrl(v) : v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
