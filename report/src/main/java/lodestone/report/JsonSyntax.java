package lodestone.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadContext;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a text that is not JSON (a request body, a file given to a command), in our own words: what was found, where (line and column, counted
 * in characters from 1, as an editor shows them), and what was expected there. The parser's exception is read here — its
 * kind, its location and the few facts its message carries (the character, the word, the field) — and its wording, class
 * names and settings never reach the answer. Every endpoint's JSON body (the server's Call.jsonBody) and every JSON file a
 * command reads (an entry, a saved result, an LCP) is described by this one place; a parser message this class does not know
 * is answered "cannot be read as JSON at line…", never quoted.
 */
public final class JsonSyntax {
    private JsonSyntax() {
    }

    public static final String PREFIX = "the request body is not valid JSON: ";

    private static final Pattern CHARACTER = Pattern.compile("^Unexpected character \\('.*?' \\(code (\\d+)\\)\\)");
    private static final Pattern WORD = Pattern.compile("^(?:Unrecognized|Non-standard) token '(.*?)'", Pattern.DOTALL);
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'$", Pattern.DOTALL);
    private static final Pattern CONTROL = Pattern.compile("^Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '.*?' \\(code (\\d+)\\)");
    private static final Pattern CLOSE = Pattern.compile("^Unexpected close marker '(.)'");
    private static final Pattern BYTE = Pattern.compile("^Invalid UTF-8 (?:start|middle) byte (0x[0-9a-fA-F]{1,2})");
    private static final Pattern NUMBERS = Pattern.compile("\\((\\d+)[,)]");

    /** The message (starting with {@link #PREFIX}) for a body the parser refused. */
    public static String message(JsonProcessingException e, byte[] data) {
        return PREFIX + what(e, data);
    }

    /** What is wrong with {@code data}, which the parser refused, and where ("it ends before the JSON value is complete (line 3, column 1)…"). */
    public static String describe(JsonProcessingException e, byte[] data) {
        return what(e, data);
    }

    /** The line (from 1) where {@code data}, which the parser refused, goes wrong; 0 when no place can be told. */
    public static int line(JsonProcessingException e, byte[] data) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Text text = new Text(data);
        long offset = offset(e, m, data);
        if (offset >= 0) return text.lineOf(offset);
        JsonLocation loc = e.getLocation();
        return loc != null && loc.getLineNr() > 0 ? loc.getLineNr() : 0;
    }

    /**
     * The byte offset the parser's refusal is at, or -1. A limit's refusal (nesting, a number's length) comes without a place
     * (reported: "a number is longer than 1000 digits", nowhere in a file of many): it is found here, in the bytes.
     */
    private static long offset(JsonProcessingException e, String m, byte[] data) {
        JsonLocation loc = e.getLocation();
        long offset = loc == null ? -1 : loc.getByteOffset();
        if (offset < 0 && (loc == null || loc.getLineNr() < 1) && e instanceof StreamConstraintsException) {
            int max = limit(m);
            if (max > 0 && m.startsWith("Document nesting depth")) offset = deeperThan(data, max);
            else if (max > 0 && (m.startsWith("Number value length") || m.startsWith("Number length"))) offset = numberLongerThan(data, max);
        }
        return offset;
    }

    /** The limit a constraint's message names: the last "(N," or "(N)" in it, or -1. */
    private static int limit(String m) {
        Matcher n = NUMBERS.matcher(m);
        String max = null;
        while (n.find()) max = n.group(1);
        try {
            return max == null ? -1 : Integer.parseInt(max);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Where the first object or array opens deeper than {@code max} (outside strings), or -1. */
    static long deeperThan(byte[] data, int max) {
        int depth = 0;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '"') {
                i = closingQuote(data, i);
            } else if (b == '[' || b == '{') {
                if (++depth > max) return i;
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return -1;
    }

    /** Where the first number (outside strings) longer than {@code max} characters starts, or -1. */
    static long numberLongerThan(byte[] data, int max) {
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '"') {
                i = closingQuote(data, i);
            } else if (b >= '0' && b <= '9' || b == '-') {
                int j = i;
                while (j < data.length && (data[j] >= '0' && data[j] <= '9' || data[j] == '.' || data[j] == 'e' || data[j] == 'E'
                        || data[j] == '+' || data[j] == '-')) j++;
                if (j - i > max) return i;
                i = j - 1;
            }
        }
        return -1;
    }

    /** The index of the quote that closes the string opening at {@code open} (escapes skipped), or the end of the data. */
    private static int closingQuote(byte[] data, int open) {
        int i = open + 1;
        while (i < data.length && data[i] != '"') i += data[i] == '\\' ? 2 : 1;
        return i;
    }

    private static String what(JsonProcessingException e, byte[] data) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Text text = new Text(data);
        JsonLocation loc = e.getLocation();
        long offset = offset(e, m, data);
        String at = offset >= 0 ? text.at(offset) : loc != null && loc.getLineNr() > 0 ? "line " + loc.getLineNr() + ", column " + loc.getColumnNr() : null;
        String where = at == null ? "" : " at " + at;
        Matcher x;
        if (e instanceof StreamConstraintsException) {
            int max = limit(m);
            String limit = max < 0 ? "" : " " + max;
            if (m.startsWith("Document nesting depth")) {
                return "objects and arrays are nested deeper than" + limit + " levels" + where;
            }
            if (m.startsWith("Number value length") || m.startsWith("Number length")) return "a number is longer than" + limit + " digits" + where;
            if (m.startsWith("String value length") || m.startsWith("String length")) return "a string is longer than" + limit + " characters" + where;
            if (m.startsWith("Name length")) return "a field name is longer than" + limit + " characters" + where;
            return "it is larger or deeper than the server reads" + where;
        }
        if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
            return "it ends before the JSON value is complete" + (at == null ? "" : " (" + at + ")") + open(e, text);
        }
        if ((x = DUPLICATE.matcher(m)).find()) {
            String name = x.group(1);
            // the parser stands after the name: the name's own place, where it was written the second time
            long start = offset < 0 ? -1 : text.lastIndexOf(quoted(name), offset);
            return "duplicate field '" + shown(name) + "'" + (start >= 0 ? " at " + text.at(start) : where) + "; a field may be given once";
        }
        if ((x = WORD.matcher(m)).find()) {
            String word = x.group(1);
            long start = offset < 0 ? -1 : text.lastIndexOf(word, offset);
            String place = start >= 0 ? " at " + text.at(start) : where;
            return (word.codePointCount(0, word.length()) == 1 ? "unexpected character '" + word + "'" : "unexpected word '" + shown(word) + "'")
                    + place + "; expected a value: a string in double quotes, a number, an object, an array, true, false or null";
        }
        if ((x = CHARACTER.matcher(m)).find()) {
            String c = character(Integer.parseInt(x.group(1)));
            String expected = m.contains("double-quote to start field name") ? "; expected a field name in double quotes"
                    : m.contains("comma to separate Object entries") ? "; expected a comma or } after the field's value"
                    : m.contains("comma to separate Array entries") ? "; expected a comma or ] after the item"
                    : m.contains("colon to separate field name and value") ? "; expected a colon after the field name"
                    : m.contains("in numeric value") ? " in a number; expected a digit" : "";
            return "unexpected character " + c + where + expected;
        }
        if ((x = CONTROL.matcher(m)).find()) {
            return "a control character (" + character(Integer.parseInt(x.group(1))) + ") inside a string" + where
                    + "; write it escaped, as \\n, \\t or \\u00XX";
        }
        if ((x = ESCAPE.matcher(m)).find()) {
            long start = offset > 0 && data[(int) Math.min(offset - 1, data.length - 1)] == '\\' ? offset - 1 : offset;
            return "an unknown escape \\" + (char) Integer.parseInt(x.group(1)) + " in a string" + (start >= 0 ? " at " + text.at(start) : where)
                    + "; the escapes are \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX";
        }
        if ((x = CLOSE.matcher(m)).find()) {
            JsonStreamContext ctx = context(e);
            String opened = ctx == null ? null : opened(ctx, text);
            return "unexpected '" + x.group(1) + "'" + where + (opened == null ? "; nothing is open for it to close"
                    : "; expected " + (ctx.inArray() ? "]" : "}") + " to close " + opened);
        }
        if (m.startsWith("Invalid numeric value") || m.startsWith("Invalid number")) {
            return (m.contains("Leading zeroes") ? "a number with a leading zero" : "a malformed number") + where;
        }
        if ((x = BYTE.matcher(m)).find()) {
            // the first byte that is not UTF-8, at its own place: the parser names the byte it stands after, which for a
            // Windows-1252 'é' followed by a letter is that letter (a 'middle byte' of the sequence 0xE9 began)
            int bad = firstNotUtf8(data);
            if (bad < 0) {
                return "a byte that is not UTF-8 (" + x.group(1).toLowerCase(Locale.ROOT) + ")" + (offset > 0 ? " at " + text.at(offset - 1) : where)
                        + "; send the body as UTF-8 text";
            }
            String hex = String.format(Locale.ROOT, "0x%02X", data[bad] & 0xFF);
            String c = windows1252(data[bad]);
            return "a byte that is not UTF-8 (" + hex.toLowerCase(Locale.ROOT) + ") at " + text.at(bad) + "; send the body as UTF-8 text"
                    + (c == null ? "" : " (" + hex + " is '" + c + "' in Windows-1252, the code page Notepad's 'ANSI' saves in: save the file as UTF-8)");
        }
        if (m.startsWith("Trailing token")) {
            return "more follows the JSON value" + where + "; send one JSON object";
        }
        return "it cannot be read as JSON" + where;
    }

    /** The offset of the first byte of {@code data} that is not UTF-8, or -1. */
    private static int firstNotUtf8(byte[] data) {
        if (data == null) return -1;
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(data);
        java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder().decode(in, java.nio.CharBuffer.allocate(data.length), true);
        return r.isMalformed() || r.isUnmappable() ? in.position() : -1;
    }

    /** The character a byte is in Windows-1252 when it is a letter or typographic mark, else null (as UserText and EntryFields say it). */
    private static String windows1252(byte b) {
        if (b >= 0) return null;
        String c = new String(new byte[]{b}, java.nio.charset.Charset.forName("windows-1252"));
        return c.length() == 1 && c.charAt(0) != '\uFFFD' && (Character.isLetter(c.charAt(0)) || "’‘“”–—€£¥°".indexOf(c.charAt(0)) >= 0) ? c : null;
    }

    /** "; the object opened at line 1, column 1 is not closed", for the innermost object or array the body leaves open. */
    private static String open(JsonProcessingException e, Text text) {
        JsonStreamContext ctx = context(e);
        String opened = ctx == null ? null : opened(ctx, text);
        return opened == null ? "" : "; " + opened + " is not closed";
    }

    private static String opened(JsonStreamContext ctx, Text text) {
        if (!(ctx instanceof JsonReadContext rc) || ctx.inRoot()) return null;
        JsonLocation start = rc.startLocation(null);
        if (start == null || start.getLineNr() < 1) return null;
        long offset = text.offsetOf(start.getLineNr(), start.getColumnNr());
        return (ctx.inArray() ? "the array" : "the object") + " opened at "
                + (offset >= 0 ? text.at(offset) : "line " + start.getLineNr() + ", column " + start.getColumnNr());
    }

    private static JsonStreamContext context(JsonProcessingException e) {
        return e.getProcessor() instanceof JsonParser p ? p.getParsingContext() : null;
    }

    /** A character as a message names it: 'x', or its code point (U+000A) when it cannot be seen. */
    private static String character(int code) {
        if (code < 0x20 || code == 0x7f || Character.isWhitespace(code) || !Character.isDefined(code) || Character.isISOControl(code)) {
            return String.format(Locale.ROOT, "U+%04X", code);
        }
        return "'" + Character.toString(code) + "'";
    }

    /** A name or word from the body, at most 40 characters. */
    private static String shown(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The body's bytes and how their offsets read as lines and columns of characters. */
    private record Text(byte[] data) {
        /** The line (from 1) of a byte offset, as {@link #at} counts it. */
        int lineOf(long offset) {
            int end = (int) Math.max(0, Math.min(offset, data.length));
            int line = 1;
            for (int i = 0; i < end; i++) {
                byte b = data[i];
                if (b == '\n' || b == '\r' && (i + 1 >= data.length || data[i + 1] != '\n')) line++;
            }
            return line;
        }

        /** "line L, column C" of a byte offset: lines split at \n, \r\n or \r; columns count characters from 1. */
        String at(long offset) {
            int end = (int) Math.max(0, Math.min(offset, data.length));
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < end; i++) {
                byte b = data[i];
                if (b == '\n' || b == '\r' && (i + 1 >= data.length || data[i + 1] != '\n')) {
                    line++;
                    lineStart = i + 1;
                }
            }
            String before = new String(data, lineStart, end - lineStart, StandardCharsets.UTF_8);
            return "line " + line + ", column " + (before.codePointCount(0, before.length()) + 1);
        }

        /** The byte offset of the parser's line and column (a column of bytes, from 1), or -1. */
        long offsetOf(int line, int column) {
            int l = 1;
            int i = 0;
            while (l < line && i < data.length) {
                byte b = data[i++];
                if (b == '\n' || b == '\r' && (i >= data.length || data[i] != '\n')) l++;
            }
            long offset = (long) i + column - 1;
            return l == line && offset <= data.length ? offset : -1;
        }

        /** Where {@code s} (as UTF-8) last starts before {@code offset}, or -1. */
        long lastIndexOf(String s, long offset) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            for (long i = Math.min(offset, (long) data.length - b.length); i >= 0; i--) {
                boolean same = true;
                for (int k = 0; k < b.length && same; k++) same = data[(int) i + k] == b[k];
                if (same) return i;
            }
            return -1;
        }
    }

    /** A name as JSON writes it, in double quotes with its escapes. */
    private static String quoted(String name) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(name);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
