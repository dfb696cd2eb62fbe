package lodestone.border.bulk;

import lodestone.border.Entry;
import lodestone.border.EntryRejected;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The strict, byte-level reader of bulk files (CSV with a header, or JSON Lines;
 * docs/bulk-format.md). Every physical line is one record: {@link #next} yields either an
 * {@link Entry} or a reject naming the line number, the field and the reason — a wrong number of
 * fields (an extra field is never dropped or shifted into the next column), a quote left open (a
 * value may not span lines: the next line is read afresh), bytes that are not UTF-8, a number out of
 * its bounds, a value longer than allowed. Nothing a line holds stops the file; only an unreadable
 * stream or a header that cannot be understood does ({@link BulkAssessment.BulkFileException}).
 *
 * <p>Why bytes: the reader is the floor under the bulk throughput (SPEC §2 asks the full assessment
 * to run within 2× of parsing alone). Lines are found in a 1 MiB buffer, fields are split in place
 * and their bytes copied once into {@link EntryFields.Raw}, which parses numbers and dates from the
 * bytes and looks repeated codes up by their bytes; no per-field strings or maps are built.
 *
 * <p>Bounded memory: a line longer than {@link #MAX_LINE_BYTES} is skipped (to its newline) and
 * rejected, so the buffers never grow with the input.
 */
public final class BulkReader implements Closeable {
    public static final int MAX_LINE_BYTES = 1 << 16;
    private static final int BUFFER = 1 << 17; // twice the longest line; small enough to stay in cache beside the plan

    private final InputStream in;
    private final BulkAssessment.Format format;
    private final String name;
    private final boolean ignoreUnknown;
    private final UnknownAdvice advice;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private boolean eof;
    private long lineNo;
    private int ls;
    private int le;

    private final EntryFields fields = new EntryFields();
    private final EntryFields.Raw raw = new EntryFields.Raw();
    /** CSV: per header column, the entry field it holds, or -1 for an ignored column. */
    private int[] columns;
    private String[] headerNames;
    private byte[] headerBytes;
    private int lineIdColumn = -1;

    // the current record
    private long line;
    private Entry entry;
    private String lineId;
    private String field;
    private String reason;

    /**
     * What a refusal of an unknown column (or JSON Lines field) tells its reader to do about it: where the file is read
     * decides what can be done. The command line can read past such columns ({@code --ignore-unknown}); the server has no
     * such option, so its users are told to fix the file (its refusal named the command line's flag, which a client of
     * the API cannot pass).
     */
    public enum UnknownAdvice {
        COMMAND_LINE(" (or pass --ignore-unknown)", " (or pass --ignore-unknown)", "delete the column or pass --ignore-unknown"),
        SERVER("; delete the column or rename it to one of these and send the file again (the server reads no column the format does not define)",
                "; delete the field or rename it to one of these and send the file again (the server reads no field the format does not define)",
                "delete the column and send the file again (the server reads no column the format does not define)");

        private final String columns;
        private final String field;
        private final String unnamed;

        UnknownAdvice(String columns, String field, String unnamed) {
            this.columns = columns;
            this.field = field;
            this.unnamed = unnamed;
        }
    }

    private BulkReader(InputStream in, BulkAssessment.Format format, String name, boolean ignoreUnknown, UnknownAdvice advice) {
        raw.spreadsheet = format == BulkAssessment.Format.CSV; // (see Raw.spreadsheet)
        this.in = in;
        this.format = format;
        this.name = name;
        this.ignoreUnknown = ignoreUnknown;
        this.advice = advice;
    }

    /**
     * Opens a reader; for CSV, reads and checks the header (throwing {@link BulkAssessment.BulkFileException}
     * when it is missing, malformed, or names unknown columns without {@code ignoreUnknown}).
     */
    public static BulkReader open(InputStream in, BulkAssessment.Format format, String name, boolean ignoreUnknown)
            throws IOException {
        return open(in, format, name, ignoreUnknown, UnknownAdvice.COMMAND_LINE);
    }

    /** As {@link #open(InputStream, BulkAssessment.Format, String, boolean)}, an unknown column refused with {@code advice}. */
    public static BulkReader open(InputStream in, BulkAssessment.Format format, String name, boolean ignoreUnknown, UnknownAdvice advice)
            throws IOException {
        BulkReader r = new BulkReader(in, format, name, ignoreUnknown, advice);
        r.skipBom();
        r.refuseUtf16();
        r.refuseLoneCr();
        if (format == BulkAssessment.Format.CSV) r.header();
        return r;
    }

    /**
     * Numbers the lines from here on as a piece of a larger file: the next line read is line {@code firstLine}
     * (a distributed job hands a task the file's header and one byte range of its lines).
     */
    public BulkReader continueAt(long firstLine) {
        if (firstLine < 1) throw new IllegalArgumentException("firstLine must be at least 1");
        lineNo = firstLine - 1;
        return this;
    }

    /** The physical line number of the current record (1-based). */
    public long line() {
        return line;
    }

    /** The current record's entry, or null when it was rejected. */
    public Entry entry() {
        return entry;
    }

    /**
     * The current entry's customs value, US-content value and metal-content value in cents (half-up), read from
     * their bytes; -1 when absent or not plainly written. For the bulk fast path ({@link lodestone.border.BulkResult#given}).
     */
    /** The current entry's HTS code as interned by its bytes (null for a rejected line). */
    public lodestone.border.Interned htsRef() {
        return entry() == null ? null : fields.htsRef;
    }

    /** The current entry's origin as interned by its bytes (null for a rejected line). */
    public lodestone.border.Interned originRef() {
        return entry() == null ? null : fields.originRef;
    }

    public long valueCents() {
        return fields.valueCents;
    }

    public long usContentCents() {
        return fields.usContentCents;
    }

    public long metalContentCents() {
        return fields.metalContentCents;
    }

    /** The line id as declared when it could be read, else null. */
    public String lineId() {
        return lineId;
    }

    public String rejectField() {
        return field;
    }

    public String rejectReason() {
        return reason;
    }

    /** Advances to the next non-blank line; false at the end of the input. */
    public boolean next() throws IOException {
        while (true) {
            int st = nextLine();
            if (st == EOF) return false;
            line = lineNo;
            entry = null;
            lineId = null;
            field = null;
            reason = null;
            if (st == TOO_LONG) {
                reject("line", "longer than " + MAX_LINE_BYTES + " bytes; the line was skipped — " + EntryFields.FORMAT_DOC);
                return true;
            }
            if (blank()) continue;
            if (format == BulkAssessment.Format.CSV) {
                csvLine();
            } else {
                jsonLine();
                if (entry == null && lineId == null) lineId = EntryFields.lineIdOrNull(raw); // read before the trouble
            }
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void reject(String f, String why) {
        entry = null;
        field = f;
        reason = why;
    }

    private void parseEntry() {
        try {
            entry = fields.parse(raw, line);
            lineId = raw.present(EntryFields.LINE_ID) ? entry.lineId() : null;
        } catch (EntryRejected x) {
            lineId = EntryFields.lineIdOrNull(raw);
            reject(x.field(), x.reason());
        }
    }

    // ------------------------------------------------------------------ lines

    private static final int EOF = 0, LINE = 1, TOO_LONG = 2;

    private void skipBom() throws IOException {
        while (lim < 3 && !eof) fill();
        if (lim >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) pos = 3;
    }

    /**
     * A file saved as UTF-16 (Excel's "Unicode Text", a byte-order mark FF FE or FE FF, or ASCII with a NUL beside every
     * character) is refused whole, saying so: read as UTF-8 it was refused as "not valid UTF-8 (byte 1)", which did not say
     * what the file was or how to save it. (Looked at once, on the first bytes.)
     */
    private void refuseUtf16() throws IOException {
        while (lim < 4 && !eof) fill();
        int b0 = lim > 0 ? buf[0] & 0xFF : -1, b1 = lim > 1 ? buf[1] & 0xFF : -1;
        boolean bom = (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF);
        boolean nuls = lim >= 4 && pos == 0 && ((buf[0] == 0 && buf[2] == 0 && buf[1] != 0) || (buf[1] == 0 && buf[3] == 0 && buf[0] != 0));
        if (bom || nuls) {
            throw new BulkAssessment.BulkFileException(name + ":1: the file is UTF-16 (as Excel's 'Unicode Text' saves it), not "
                    + "UTF-8; save it as 'CSV UTF-8 (Comma delimited)' — " + EntryFields.FORMAT_DOC);
        }
    }

    /**
     * A first line holding a carriage return not followed by a line feed: the file's lines end in CR alone (Excel's
     * "CSV (Macintosh)"), so the whole file reads as one line; it was refused as "duplicate column ''" (or "longer than").
     * Looked at once, in the first buffer.
     */
    private void refuseLoneCr() throws IOException {
        int scanned = pos;
        while (lim < buf.length && !eof) { // to the first newline (a stream is not waited on for more than its first line)
            while (scanned < lim && buf[scanned] != '\n') scanned++;
            if (scanned < lim) break;
            fill();
        }
        for (int i = pos; i < lim && buf[i] != '\n'; i++) {
            // (in JSON Lines a CR is blank space inside a line: only one before the next object ends a record)
            if (buf[i] == '\r' && i + 1 < lim && buf[i + 1] != '\n'
                    && (format == BulkAssessment.Format.CSV || objectAfter(i + 1))) {
                throw new BulkAssessment.BulkFileException(name + ":1: the lines end in a carriage return alone (CR, as Excel's "
                        + "'CSV (Macintosh)' saves them); save the file with Windows (CRLF) or Unix (LF) line endings, e.g. as "
                        + "'CSV UTF-8 (Comma delimited)' — " + EntryFields.FORMAT_DOC);
            }
        }
    }

    /** Whether blanks and then '{' follow {@code p} in the buffer (the next JSON object after a lone CR). */
    private boolean objectAfter(int p) {
        while (p < lim && (buf[p] == ' ' || buf[p] == '\t' || buf[p] == '\r')) p++;
        return p < lim && buf[p] == '{';
    }

    /** Finds the next line: its bytes are buf[ls, le), without the newline and a CR before it. */
    private int nextLine() throws IOException {
        int scan = pos;
        while (true) {
            int nl = -1;
            for (int i = scan; i < lim; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl >= 0) {
                lineNo++;
                ls = pos;
                le = nl;
                pos = nl + 1;
                if (le > ls && buf[le - 1] == '\r') le--;
                return le - ls > MAX_LINE_BYTES ? TOO_LONG : LINE;
            }
            if (lim - pos > MAX_LINE_BYTES) {
                lineNo++;
                skipToNewline();
                return TOO_LONG;
            }
            if (eof) {
                if (pos == lim) return EOF;
                lineNo++;
                ls = pos;
                le = lim;
                pos = lim;
                if (le > ls && buf[le - 1] == '\r') le--;
                return LINE;
            }
            scan = lim - pos;
            compact();
            fill();
        }
    }

    private void skipToNewline() throws IOException {
        while (true) {
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n') {
                    pos = i + 1;
                    return;
                }
            }
            pos = lim;
            if (eof) return;
            compact();
            fill();
        }
    }

    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
    }

    private void fill() throws IOException {
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) eof = true;
        else lim += n;
    }

    /**
     * A line of nothing but blanks — and, in CSV, commas: the row a spreadsheet writes for cells formatted but left empty
     * (",,,,"), which carries no entry; it was rejected as "missing hts" with no line id, as though a line had been lost.
     */
    private boolean blank() {
        boolean csv = format == BulkAssessment.Format.CSV;
        for (int i = ls; i < le; i++) {
            byte c = buf[i];
            if (c != ' ' && c != '\t' && c != '\r' && (c != ',' || !csv)) return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ CSV

    private BulkAssessment.BulkFileException bad(String why) {
        return new BulkAssessment.BulkFileException(name + ":" + lineNo + ": " + why);
    }

    private void header() throws IOException {
        int st;
        do {
            st = nextLine();
            if (st == EOF) {
                throw new BulkAssessment.BulkFileException(name + ": the file is empty; expected a header line with the columns "
                        + String.join(",", EntryFields.REQUIRED));
            }
            if (st == TOO_LONG) throw bad("the header line is longer than " + MAX_LINE_BYTES + " bytes");
        } while (blank());
        int bad = EntryFields.Utf8.invalidAt(buf, ls, le);
        if (bad >= 0) throw bad("the header is not valid UTF-8 (byte " + (bad - ls + 1) + "); save the file as UTF-8");
        List<String> names = new ArrayList<>();
        int p = ls;
        while (true) {
            StringBuilder sb = new StringBuilder();
            if (p < le && buf[p] == '"') {
                p++;
                boolean closed = false;
                int s = p;
                while (p < le) {
                    if (buf[p] == '"') {
                        if (p + 1 < le && buf[p + 1] == '"') {
                            sb.append(new String(buf, s, p + 1 - s, StandardCharsets.UTF_8));
                            p += 2;
                            s = p;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    p++;
                }
                if (!closed) throw bad("unterminated quote in the header");
                sb.append(new String(buf, s, p - s, StandardCharsets.UTF_8));
                p++;
                if (p < le && buf[p] != ',') throw bad("text after a closing quote in the header");
            } else {
                int s = p;
                while (p < le && buf[p] != ',') p++;
                sb.append(new String(buf, s, p - s, StandardCharsets.UTF_8));
            }
            names.add(sb.toString().trim());
            if (p >= le) break;
            p++;
        }
        String header = new String(buf, ls, le - ls, StandardCharsets.UTF_8);
        headerBytes = java.util.Arrays.copyOfRange(buf, ls, le);
        int n = names.size();
        columns = new int[n];
        headerNames = names.toArray(new String[0]);
        Set<String> seen = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        List<Integer> unnamed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // names match ignoring case: a spreadsheet's "Preference" is the column preference, never an unknown
            // column that --ignore-unknown would silently drop (the claim lost, the general rate charged); so does a
            // name written with spaces or hyphens for '_' ("Export Country", "entry-date")
            String c = names.get(i);
            String key = columnKey(c);
            if (key.isEmpty()) { // an empty header cell: a column a spreadsheet once held (refused as "duplicate column ''")
                columns[i] = -1;
                unnamed.add(i + 1);
                continue;
            }
            if (!seen.add(key)) {
                int first = 0;
                while (!columnKey(names.get(first)).equals(key)) first++;
                throw bad("duplicate column '" + c + "' (columns " + (first + 1) + " and " + (i + 1) + "); keep one of them");
            }
            columns[i] = EntryFields.index(key);
            if (columns[i] < 0) unknown.add(c);
            else headerNames[i] = key; // rejects name the field as the format spells it
            if (columns[i] == EntryFields.LINE_ID) lineIdColumn = i;
        }
        List<String> missing = new ArrayList<>();
        for (String req : EntryFields.REQUIRED) if (!seen.contains(req)) missing.add(req);
        String delimiter = n == 1 ? otherDelimiter(header) : null;
        if (delimiter != null) {
            throw bad("'" + delimiter + "' found where ',' was expected: bulk CSV files are comma-separated "
                    + "(the header should read " + String.join(",", EntryFields.REQUIRED) + ",…) — " + EntryFields.FORMAT_DOC);
        }
        if (!missing.isEmpty()) {
            // the names it has instead ("HTS Code" for hts): the one to rename is then in the message
            throw bad("header lacks required column(s) " + String.join(", ", missing)
                    + (unknown.isEmpty() ? "" : " (it has " + String.join(", ", unknown) + ", not a column of the format)")
                    + (missing.size() == EntryFields.REQUIRED.size() && unknown.size() <= 1
                            ? "; the first line that is not blank is read as the header: delete any title above it" : "")
                    + "; expected " + String.join(",", EntryFields.REQUIRED) + " (any order) and optionally "
                    + String.join(",", EntryFields.OPTIONAL));
        }
        if (!unknown.isEmpty() && !ignoreUnknown) {
            throw bad("unknown column(s) " + String.join(", ", unknown)
                    + "; expected only " + String.join(",", EntryFields.REQUIRED) + "," + String.join(",", EntryFields.OPTIONAL)
                    + advice.columns);
        }
        if (!unnamed.isEmpty() && !ignoreUnknown) {
            String which = unnamed.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
            throw bad((unnamed.size() == 1 ? "column " + which + " has" : "columns " + which + " have")
                    + " no name (an empty header cell, as a spreadsheet leaves for a column it once held); " + advice.unnamed);
        }
    }

    /**
     * A header name as the format's column it names: lower-cased, trimmed of blanks (a non-breaking space and a stray
     * byte-order mark too), a run of spaces or hyphens inside read as '_'.
     */
    static String columnKey(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean gap = false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isWhitespace(ch) || ch == '\u00A0' || ch == '\u202F' || ch == '\uFEFF' || ch == '-') {
                gap = true;
                continue;
            }
            if (gap && !sb.isEmpty()) sb.append('_');
            gap = false;
            sb.append(Character.toLowerCase(ch));
        }
        return sb.toString();
    }

    /** ';', tab or '|' when a one-column header is really several columns separated by it. */
    private static String otherDelimiter(String header) {
        for (String d : new String[]{";", "\t", "|"}) {
            if (header.contains(d)) return d.equals("\t") ? "tab" : d;
        }
        return null;
    }

    private String column(int col) {
        return col < headerNames.length ? headerNames[col] : "line";
    }

    private void csvLine() {
        raw.clear();
        raw.copyLine(buf, ls, le); // one copy of the line; unquoted values are then marked where they lie in it
        int n = columns.length;
        int col = 0;
        int p = ls;
        while (true) {
            int target = col < n ? columns[col] : -1;
            if (p < le && buf[p] == '"') {
                int start = raw.begin();
                p++;
                boolean closed = false;
                while (p < le) {
                    byte c = buf[p++];
                    if (c == '"') {
                        if (p < le && buf[p] == '"') {
                            raw.add('"');
                            p++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        raw.add(c);
                    }
                }
                if (!closed) {
                    structural(col, column(col), "unterminated quote: the value opens with '\"' and the line ends before it "
                            + "closes (a value may not span lines; a quote inside a value is written \"\")");
                    return;
                }
                if (p < le && buf[p] != ',') {
                    structural(col, column(col), "text after the closing quote of a quoted value; a quote inside a value is "
                            + "written \"\" and the whole value quoted");
                    return;
                }
                if (target >= 0) raw.end(target, start);
                else raw.size = start;
            } else {
                int q = p;
                while (q < le && buf[q] != ',') {
                    if (buf[q] == '"') {
                        structural(col, column(col), q == p + 1 && buf[p] == '=' ? formulaText(q + 1)
                                : "a '\"' inside an unquoted value; quote the whole value and write the quote as \"\"");
                        return;
                    }
                    q++;
                }
                if (target >= 0) raw.mark(target, p - ls, q - ls);
                p = q;
            }
            col++;
            if (p >= le) break;
            p++; // the comma
        }
        if (col != n) {
            fieldCount(col, n);
            return;
        }
        parseEntry();
        if (entry == null && headerAgain()) {
            lineId = null; // ("line_id", the column's name, is no line's id)
            reject("line", "the header line again (files joined one after another?); delete it — a file has one header, its first line");
        }
    }

    /** Whether the current line is the header's text (after a byte-order mark of its own): looked at on a reject only. */
    private boolean headerAgain() {
        int a = ls;
        if (le - a >= 3 && (buf[a] & 0xFF) == 0xEF && (buf[a + 1] & 0xFF) == 0xBB && (buf[a + 2] & 0xFF) == 0xBF) a += 3;
        return java.util.Arrays.equals(buf, a, le, headerBytes, 0, headerBytes.length);
    }

    /**
     * A value written ="…", the spreadsheet formula some systems export to keep a code as text (its leading zeros): it was
     * told to quote the whole value, which would then have been refused as a code. {@code from} is past the opening quote.
     */
    private String formulaText(int from) {
        int to = from;
        while (to < le && buf[to] != '"' && to - from < 40) to++;
        String inner = new String(buf, from, to - from, StandardCharsets.UTF_8);
        return "a spreadsheet formula (=\"" + inner + "\"), as some systems write a value to keep it text; write the value alone: "
                + inner;
    }

    /** A line that could not be split: the line id is named when its column came before the trouble. */
    private void structural(int col, String f, String why) {
        if (lineIdColumn >= 0 && lineIdColumn < col) lineId = EntryFields.lineIdOrNull(raw);
        reject(f, why);
    }

    private void fieldCount(int found, int expected) {
        if (lineIdColumn == 0) lineId = EntryFields.lineIdOrNull(raw);
        String text = new String(buf, ls, le - ls, StandardCharsets.UTF_8);
        String hint = "";
        String f = "line";
        if (found < expected && text.indexOf(';') >= 0 && found <= 2) {
            hint = "; ';' found where ',' was expected — fields are separated by ',' (" + EntryFields.FORMAT_DOC + ")";
        } else if (found > expected) {
            int at = thousands(text);
            if (at >= 0) {
                hint = "; a number with a thousands separator (e.g. " + thousandsExample(text, at) + ") splits into two fields: "
                        + "write numbers without grouping (10000.00) — " + EntryFields.FORMAT_DOC;
            } else {
                hint = "; a ',' inside a value must be quoted (\"a, b\") — " + EntryFields.FORMAT_DOC;
            }
        } else if (found < expected) {
            hint = "; every line has one value per header column, empty ones included (a line ends with ',' for an empty last column)";
        }
        reject(f, found + (found == 1 ? " field" : " fields") + " where the header has " + expected
                + (found > expected ? ": an extra field is never dropped or shifted" : "") + hint);
    }

    /** The index of a field that looks like the start of a grouped number (1-3 digits, then 3 digits), or -1. */
    private static int thousands(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i + 1 < f.length; i++) {
            if (f[i].matches("-?[0-9]{1,3}") && f[i + 1].matches("[0-9]{3}(\\.[0-9]*)?")) return i;
        }
        return -1;
    }

    private static String thousandsExample(String line, int at) {
        String[] f = line.split(",", -1);
        StringBuilder sb = new StringBuilder(f[at]);
        for (int i = at + 1; i < f.length && f[i].matches("[0-9]{3}(\\.[0-9]*)?"); i++) {
            sb.append(',').append(f[i]);
            if (f[i].contains(".")) break;
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ JSON Lines

    private long seen;

    private void jsonLine() {
        raw.clear();
        seen = 0;
        int p = ws(ls);
        if (p >= le || buf[p] != '{') {
            reject("line", "not a JSON object: expected '{' at column " + (p - ls + 1));
            return;
        }
        p = ws(p + 1);
        if (p < le && buf[p] == '}') {
            p++;
        } else {
            while (true) {
                if (p >= le || buf[p] != '"') {
                    reject("line", "not a JSON object: expected a quoted field name at column " + (p - ls + 1));
                    return;
                }
                int ks = raw.begin();
                p = string(p + 1, "line");
                if (p < 0) return;
                int f = EntryFields.index(raw.data, ks, raw.size);
                String keyName = f >= 0 ? EntryFields.COLUMNS.get(f) : null;
                if (f < 0) {
                    int badAt = EntryFields.Utf8.invalidAt(raw.data, ks, raw.size);
                    if (badAt >= 0 || EntryFields.textProblem(raw.data, ks, raw.size, -1) != null) {
                        reject("line", "a field name that is not plain UTF-8 text at column " + (p - ls));
                        return;
                    }
                    keyName = EntryFields.shown(raw.data, ks, raw.size);
                    if (keyName.isBlank()) {
                        reject("line", "an empty field name at column " + (p - ls));
                        return;
                    }
                }
                raw.size = ks;
                if (f < 0 && !ignoreUnknown) {
                    reject(keyName, "unknown field; expected " + String.join(", ", EntryFields.REQUIRED) + " and optionally "
                            + String.join(", ", EntryFields.OPTIONAL) + advice.field);
                    return;
                }
                if (f >= 0 && (seen & (1L << f)) != 0) {
                    reject(keyName, "duplicate field");
                    return;
                }
                if (f >= 0) seen |= 1L << f;
                p = ws(p);
                if (p >= le || buf[p] != ':') {
                    reject("line", "not a JSON object: expected ':' at column " + (p - ls + 1));
                    return;
                }
                p = ws(p + 1);
                p = f >= 0 ? value(p, f) : skipValue(p, keyName, 0);
                if (p < 0) return;
                p = ws(p);
                if (p < le && buf[p] == ',') {
                    p = ws(p + 1);
                    continue;
                }
                if (p < le && buf[p] == '}') {
                    p++;
                    break;
                }
                reject("line", p >= le ? "not a JSON object: the line ends before its closing '}'"
                        : "not a JSON object: expected ',' or '}' at column " + (p - ls + 1));
                return;
            }
        }
        p = ws(p);
        if (p < le) {
            reject("line", "text after the JSON object at column " + (p - ls + 1) + "; one object per line");
            return;
        }
        parseEntry();
    }

    private int ws(int p) {
        while (p < le && (buf[p] == ' ' || buf[p] == '\t' || buf[p] == '\r')) p++;
        return p;
    }

    /** A value for field {@code f}: a string or number (an array of them for the list fields); null is absent. */
    private int value(int p, int f) {
        String fname = EntryFields.COLUMNS.get(f);
        if (p >= le) {
            reject(fname, "not a JSON object: the line ends where a value was expected");
            return -1;
        }
        byte c = buf[p];
        if (c == '"') {
            int start = raw.begin();
            p = string(p + 1, fname);
            if (p < 0) return -1;
            raw.end(f, start);
            return p;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int q = number(p);
            raw.put(f, buf, p, q);
            return q;
        }
        if (c == '[') {
            if (f != EntryFields.DOCUMENTS && f != EntryFields.CONTENT_QUANTITY && f != EntryFields.CONTENT_UNIT
                    && f != EntryFields.PRODUCTION_REGIONS) {
                reject(fname, "an array is allowed only for documents, content_quantity, content_unit and production_regions; "
                        + "expected a string or number");
                return -1;
            }
            int start = raw.begin();
            p = ws(p + 1);
            boolean first = true;
            if (p < le && buf[p] == ']') return p + 1;
            while (true) {
                if (!first) raw.add(';');
                first = false;
                if (p < le && buf[p] == '"') {
                    p = string(p + 1, fname);
                    if (p < 0) return -1;
                } else if (p < le && (buf[p] == '-' || (buf[p] >= '0' && buf[p] <= '9'))) {
                    int q = number(p);
                    for (int i = p; i < q; i++) raw.add(buf[i]);
                    p = q;
                } else {
                    reject(fname, "expected a string or number in the array at column " + (p - ls + 1));
                    return -1;
                }
                p = ws(p);
                if (p < le && buf[p] == ',') {
                    p = ws(p + 1);
                    continue;
                }
                if (p < le && buf[p] == ']') {
                    raw.end(f, start);
                    return p + 1;
                }
                reject(fname, "expected ',' or ']' in the array at column " + (p - ls + 1));
                return -1;
            }
        }
        if (startsWith(p, "null")) return p + 4;
        String found = startsWith(p, "true") ? "true" : startsWith(p, "false") ? "false" : c == '{' ? "an object"
                : "'" + (c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c & 0xFF)) + "'";
        reject(fname, "expected a string or number, found " + found + " at column " + (p - ls + 1));
        return -1;
    }

    private boolean startsWith(int p, String word) {
        if (p + word.length() > le) return false;
        for (int i = 0; i < word.length(); i++) if (buf[p + i] != word.charAt(i)) return false;
        int q = p + word.length();
        return q == le || !Character.isLetterOrDigit(buf[q]);
    }

    /** The end of a number token (its syntax is checked where the field is parsed). */
    private int number(int p) {
        int q = p;
        while (q < le) {
            byte c = buf[q];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') q++;
            else break;
        }
        return q;
    }

    /** Reads a string's body from {@code p} (after the opening quote) into raw, unescaped; returns past the closing quote. */
    private int string(int p, String f) {
        while (p < le) {
            byte c = buf[p++];
            if (c == '"') return p;
            if (c == '\\') {
                if (p >= le) break;
                byte e = buf[p++];
                switch (e) {
                    case '"', '\\', '/' -> raw.add(e);
                    case 'b' -> raw.add('\b');
                    case 'f' -> raw.add('\f');
                    case 'n' -> raw.add('\n');
                    case 'r' -> raw.add('\r');
                    case 't' -> raw.add('\t');
                    case 'u' -> {
                        int cp = hex4(p);
                        if (cp < 0) {
                            reject(f, "bad \\u escape at column " + (p - ls - 1));
                            return -1;
                        }
                        p += 4;
                        if (Character.isHighSurrogate((char) cp) && p + 6 <= le && buf[p] == '\\' && buf[p + 1] == 'u') {
                            int lo = hex4(p + 2);
                            if (lo >= 0 && Character.isLowSurrogate((char) lo)) {
                                cp = Character.toCodePoint((char) cp, (char) lo);
                                p += 6;
                            }
                        }
                        if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                            reject(f, "a lone surrogate escape \\u" + String.format("%04X", cp) + " is not text");
                            return -1;
                        }
                        utf8(cp);
                    }
                    default -> {
                        reject(f, "bad escape '\\" + (e >= 0x20 && e < 0x7F ? String.valueOf((char) e) : "?") + "' at column "
                                + (p - ls - 1));
                        return -1;
                    }
                }
                continue;
            }
            if (c >= 0 && c < 0x20 && c != '\t') {
                reject(f, "a control character inside a string at column " + (p - ls) + " (write it escaped, e.g. \\n)");
                return -1;
            }
            raw.add(c);
        }
        reject(f, "unterminated string: the line ends before its closing '\"'");
        return -1;
    }

    private int hex4(int p) {
        if (p + 4 > le) return -1;
        int v = 0;
        for (int i = p; i < p + 4; i++) {
            int d = Character.digit(buf[i], 16);
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        return v;
    }

    private void utf8(int cp) {
        if (cp < 0x80) raw.add(cp);
        else if (cp < 0x800) {
            raw.add(0xC0 | cp >> 6);
            raw.add(0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            raw.add(0xE0 | cp >> 12);
            raw.add(0x80 | cp >> 6 & 0x3F);
            raw.add(0x80 | cp & 0x3F);
        } else {
            raw.add(0xF0 | cp >> 18);
            raw.add(0x80 | cp >> 12 & 0x3F);
            raw.add(0x80 | cp >> 6 & 0x3F);
            raw.add(0x80 | cp & 0x3F);
        }
    }

    /** Skips the value of an ignored field (any JSON value, nesting bounded). */
    private int skipValue(int p, String f, int depth) {
        if (depth > 32) {
            reject(f, "nested more than 32 levels deep");
            return -1;
        }
        if (p >= le) {
            reject(f, "the line ends where a value was expected");
            return -1;
        }
        byte c = buf[p];
        if (c == '"') {
            int mark = raw.begin();
            int q = string(p + 1, f);
            raw.size = mark;
            return q;
        }
        if (c == '{' || c == '[') {
            byte close = c == '{' ? (byte) '}' : (byte) ']';
            p = ws(p + 1);
            if (p < le && buf[p] == close) return p + 1;
            while (true) {
                if (c == '{') {
                    if (p >= le || buf[p] != '"') {
                        reject(f, "expected a quoted name at column " + (p - ls + 1));
                        return -1;
                    }
                    p = skipValue(p, f, depth + 1);
                    if (p < 0) return -1;
                    p = ws(p);
                    if (p >= le || buf[p] != ':') {
                        reject(f, "expected ':' at column " + (p - ls + 1));
                        return -1;
                    }
                    p = ws(p + 1);
                }
                p = skipValue(p, f, depth + 1);
                if (p < 0) return -1;
                p = ws(p);
                if (p < le && buf[p] == ',') {
                    p = ws(p + 1);
                    continue;
                }
                if (p < le && buf[p] == close) return p + 1;
                reject(f, "expected ',' or '" + (char) close + "' at column " + (p - ls + 1));
                return -1;
            }
        }
        if (c == '-' || (c >= '0' && c <= '9')) return number(p);
        for (String w : new String[]{"null", "true", "false"}) if (startsWith(p, w)) return p + w.length();
        reject(f, "not a JSON value at column " + (p - ls + 1));
        return -1;
    }
}
