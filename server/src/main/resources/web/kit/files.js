// A text file a person chooses (a company file, a ledger, a project file, a bill of materials), read as the command line
// reads it (lodestone.regime.io.UserText): UTF-8, a byte-order mark dropped; UTF-16 (Notepad's 'Unicode', Excel's
// 'Unicode Text') and bytes that are not UTF-8 (Notepad's 'ANSI', Windows-1252) refused in the same words. The browser's
// own file.text() put U+FFFD for each such byte without a word: 'Société' was sent as 'Soci\uFFFDt\uFFFD'.

const UTF16 = "the file is UTF-16 (as Notepad's 'Unicode' or Excel's 'Unicode Text' saves it), not UTF-8; "
  + "save it as UTF-8 (Notepad: Save As, Encoding 'UTF-8')";

/** The length of the valid UTF-8 sequence at b[i], or -1 (as UserText.sequence). */
function sequence(b, i) {
  const c = b[i];
  if (c < 0x80) return 1;
  let n, min;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; min = 0x10000; }
  else return -1;
  if (i + n > b.length) return -1;
  let cp = c & (0xFF >> (n + 1));
  for (let k = 1; k < n; k++) {
    const d = b[i + k];
    if ((d & 0xC0) !== 0x80) return -1;
    cp = (cp << 6) | (d & 0x3F);
  }
  return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? -1 : n;
}

/** The character byte x is in Windows-1252 when it is a letter or a typographic mark, else null (as UserText.windows1252). */
function windows1252(x) {
  if (x < 0x80) return null;
  const c = new TextDecoder('windows-1252').decode(Uint8Array.of(x));
  return c.length === 1 && c !== '\uFFFD' && (/\p{L}/u.test(c) || '’‘“”–—€£¥°'.includes(c)) ? c : null;
}

/** Why the bytes are not UTF-8 text: the first byte that is not, at its line and column. */
function notUtf8(b, from) {
  let line = 1, column = 1, i = from;
  while (i < b.length) {
    const n = sequence(b, i);
    if (n < 0) break;
    if (b[i] === 0x0A) { line++; column = 1; } else column++;
    i += n;
  }
  if (i >= b.length) i = b.length - 1;
  const hex = '0x' + b[i].toString(16).toUpperCase().padStart(2, '0');
  const c = windows1252(b[i]);
  return `not UTF-8 text (byte ${hex} at line ${line}, column ${column}); save it as UTF-8`
    + (c === null ? '' : ` (${hex} is '${c}' in Windows-1252, the code page Notepad's 'ANSI' and Excel's plain 'CSV (Comma delimited)'`
      + " save in: choose the encoding 'UTF-8' when saving)");
}

/** A file's text; throws an Error saying what the file is and how to save it when it is not UTF-8 (see above). */
export async function fileText(file) {
  const b = new Uint8Array(await file.arrayBuffer());
  if (b.length >= 2 && ((b[0] === 0xFF && b[1] === 0xFE) || (b[0] === 0xFE && b[1] === 0xFF))) throw new Error(UTF16);
  const from = b.length >= 3 && b[0] === 0xEF && b[1] === 0xBB && b[2] === 0xBF ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b.subarray(from));
  } catch {
    throw new Error(notUtf8(b, from));
  }
}
