package lodestone.border.bulk;

import lodestone.border.Assessment;
import lodestone.border.BulkResult;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the bulk result rows (docs/bulk-format.md) — CSV results, the rejects file, and JSON Lines results (see
 * {@link #jsonResult}) — as UTF-8 bytes straight into a byte buffer; CSV with
 * FastCSV's exact quoting (a field is quoted when it holds a quote, a comma, CR or LF, or — first field
 * of a row — starts with '#'; rows end with CRLF) and amounts spelled from their unscaled long. It exists
 * because, profiled on the bulk benchmark (BulkBench, 1 M lines, JFR), building each row's strings and
 * handing them to FastCSV's writer took 17 % of the samples of the whole run; a char buffer behind a
 * {@code Writer} still cost ~0.6 µs a row (the charset encoder); this writes the bytes itself (ASCII
 * copied, other text encoded as {@code String.getBytes(UTF_8)} does: a lone surrogate becomes '?'),
 * the same bytes FastCSV would (BulkEquivalenceTest compares them).
 */
final class ResultRows {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int field; // index of the next field in the row

    ResultRows(OutputStream out) {
        this.out = out;
    }

    void header(List<String> columns) throws IOException {
        for (String c : columns) text(c);
        endRow();
    }

    void result(Assessment a) throws IOException {
        boolean prohibited = a.status() == Assessment.Status.PROHIBITED;
        text(BulkAssessment.safe(a.lineId()));
        text(prohibited ? "prohibited" : "assessed");
        amount(prohibited ? null : a.totalDuty());
        text("USD");
        amount(prohibited ? null : a.effectiveRatePercent());
        amount(prohibited ? null : a.landedCost());
        // measures: id=amount;… — ids and plain amounts never need quoting unless an id does
        boolean quote = false;
        for (Assessment.Charge c : a.charges()) quote |= needsQuotes(c.id(), false);
        if (quote) {
            StringBuilder sb = new StringBuilder();
            for (Assessment.Charge c : a.charges()) {
                if (!sb.isEmpty()) sb.append(';');
                sb.append(c.id()).append('=').append(c.amount().toPlainString());
            }
            text(sb.toString());
        } else {
            separator();
            boolean first = true;
            for (Assessment.Charge c : a.charges()) {
                if (!first) put(';');
                first = false;
                put(c.id());
                put('=');
                plain(c.amount());
            }
        }
        List<String> docs = a.documentsRequired();
        text(docs.isEmpty() ? "" : docs.size() == 1 ? docs.get(0) : String.join(";", docs));
        List<String> p = a.prohibitions();
        List<String> w = a.warnings();
        if (p.isEmpty() && w.isEmpty()) text("");
        else if (p.isEmpty() && w.size() == 1) text(BulkAssessment.safe(w.get(0)));
        else {
            StringBuilder sb = new StringBuilder();
            for (String s : p) (sb.isEmpty() ? sb : sb.append(" | ")).append(s);
            for (String s : w) (sb.isEmpty() ? sb : sb.append(" | ")).append(s);
            text(BulkAssessment.safe(sb.toString()));
        }
        endRow();
    }

    /**
     * A fast-path result ({@link BulkResult}): the same bytes {@link #result(Assessment)} writes for its
     * {@link BulkResult#toAssessment assessment}, spelled from long cents and the compiled strings without
     * building an {@link Assessment}, a BigDecimal or a string.
     */
    void result(BulkResult r) throws IOException {
        if (r.documents() == 0 && r.documentWarnings() == 0 && r.plainIds() && r.horizonWarnings().isEmpty()
                && r.lineWarnings().isEmpty() && plainRow(r)) return;
        lineId(r.lineId());
        if (pos + 16 > buf.length) drain();
        LONG.set(buf, pos, ASSESSED_0_8); // ",assessed," as a long and a short
        SHORT.set(buf, pos + 8, ASSESSED_8_10);
        pos += 10;
        centsDigits(r.totalCents());
        if (pos + 8 > buf.length) drain();
        LONG.set(buf, pos, USD_WORD); // ",USD," and three bytes the rate's digits overwrite
        pos += 5;
        centsDigits(r.rateHundredths());
        put((byte) ',');
        centsDigits(r.landedCents());
        int n = r.charges();
        boolean quote = false;
        if (!r.plainIds()) for (int i = 0; i < n; i++) quote |= needsQuotes(r.chargeId(i), false);
        if (quote) {
            field = 6;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (!sb.isEmpty()) sb.append(';');
                sb.append(r.chargeId(i)).append('=').append(java.math.BigDecimal.valueOf(r.chargeCents(i), 2).toPlainString());
            }
            text(sb.toString());
        } else {
            put((byte) ',');
            for (int i = 0; i < n; i++) {
                if (i > 0) put((byte) ';');
                cell(r.chargeIdBytes(i));
                centsDigits(r.chargeCents(i));
            }
            field = 7;
        }
        documents(r);
        warnings(r.horizonWarnings(), r.lineWarnings(), r);
        endRow();
    }

    /**
     * The usual row — a plain ASCII line id, charge ids of at most 15 bytes, every amount below 10^16 cents, no documents
     * and no warnings — written with one check of the room it needs and no per-byte checks: the same bytes as the general
     * form. False, with nothing written, for any other row.
     */
    private boolean plainRow(BulkResult r) throws IOException {
        int nc = r.charges();
        if (nc > 16) return false;
        long total = r.totalCents();
        long rate = r.rateHundredths();
        long landed = r.landedCents();
        if ((total | rate | landed) < 0 || total >= MAX_CENTS || rate >= MAX_CENTS || landed >= MAX_CENTS) return false;
        if (pos + 160 + nc * 48 > buf.length) drain();
        byte[] b = buf;
        int p = plainIdAt(b, pos, r.lineId());
        if (p < 0) return false;
        LONG.set(b, p, ASSESSED_0_8);
        SHORT.set(b, p + 8, ASSESSED_8_10);
        p = centsAt(b, p + 10, total);
        LONG.set(b, p, USD_WORD);
        p = centsAt(b, p + 5, rate);
        b[p] = ',';
        p = centsAt(b, p + 1, landed);
        b[p++] = ',';
        for (int i = 0; i < nc; i++) {
            byte[] cell = r.chargeIdBytes(i);
            long cents = r.chargeCents(i);
            if (cell[cell.length - 1] >= 16 || cents < 0 || cents >= MAX_CENTS) return false;
            if (i > 0) b[p++] = ';';
            p = centsAt(b, shortCellAt(b, p, cell), cents);
        }
        INT.set(b, p, ROW_END); // ",," (no documents, no warnings) and CRLF
        pos = p + 4;
        field = 0;
        return true;
    }

    /**
     * A charge's cell, "id=" ({@code ChargeSpec.cell}): a short one (its count in its last byte) stored as two longs,
     * the bytes past its count overwritten by what follows or never written out; a long one copied.
     */
    private void cell(byte[] c) throws IOException {
        int len = c[c.length - 1];
        if (len >= 16) { // not a count: an id of 15 bytes or more, kept whole
            put(c);
            return;
        }
        if (pos + 16 > buf.length) drain();
        pos = shortCellAt(buf, pos, c);
    }

    /** A short cell (its count in its last byte) stored at {@code b[p]} as two longs (16 bytes of room); the position after. */
    private static int shortCellAt(byte[] b, int p, byte[] c) {
        LONG.set(b, p, (long) LONG.get(c, 0));
        LONG.set(b, p + 8, (long) LONG.get(c, 8));
        return p + c[15];
    }

    /** Bytes written as they are (a JSON line Jackson spelled), in order with everything else. */
    void raw(byte[] b) throws IOException {
        put(b);
    }

    private static final byte[] J_ID = "{\"line_id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] J_TOTAL = ",\"status\":\"assessed\",\"total_duty\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] J_RATE = ",\"currency\":\"USD\",\"effective_rate\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] J_LANDED = ",\"landed_cost\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] J_MEASURES = ",\"measures\":{".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] J_DOCS = "},\"documents_required\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] J_WARNINGS = "],\"warnings\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] J_END = "]}\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * A fast-path result as one JSON line, the bytes {@code BulkAssessment.jsonLine} has Jackson write for its
     * assessment (BulkEquivalenceTest compares them): strings escaped as Jackson escapes them ('"', '\\', control
     * characters and surrogates; other text as UTF-8), amounts spelled from their cents as their BigDecimals print.
     * False, with nothing written, for a line this does not spell (a charge id met twice: the JSON object keeps one);
     * the caller then writes Jackson's bytes.
     */
    boolean jsonResult(BulkResult r) throws IOException {
        int n = r.charges();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) if (r.chargeId(k).equals(r.chargeId(i))) return false;
        }
        put(J_ID);
        jsonString(r.lineId());
        put(J_TOTAL);
        centsDigits(r.totalCents());
        put(J_RATE);
        centsDigits(r.rateHundredths());
        put(J_LANDED);
        centsDigits(r.landedCents());
        put(J_MEASURES);
        for (int i = 0; i < n; i++) {
            if (i > 0) put((byte) ',');
            jsonString(r.chargeId(i));
            put((byte) ':');
            centsDigits(r.chargeCents(i));
        }
        put(J_DOCS);
        for (int i = 0; i < r.documents(); i++) {
            if (i > 0) put((byte) ',');
            jsonString(r.document(i));
        }
        put(J_WARNINGS);
        boolean sep = false;
        for (String w : r.horizonWarnings()) {
            if (sep) put((byte) ',');
            sep = true;
            jsonString(w);
        }
        for (String w : r.lineWarnings()) {
            if (sep) put((byte) ',');
            sep = true;
            jsonString(w);
        }
        for (int i = 0; i < r.documentWarnings(); i++) {
            if (sep) put((byte) ',');
            sep = true;
            jsonString(r.documentWarning(i));
        }
        put(J_END);
        field = 0;
        return true;
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * A JSON string as Jackson writes it by default: in quotes; '"' and '\\' escaped with a backslash; control
     * characters as backslash b, t, n, f, r or u00XX; each half of a surrogate pair (a character beyond the BMP, an
     * emoji) as backslash uXXXX, as Jackson's default UTF-8 generator writes it; everything else as its UTF-8 bytes.
     */
    private void jsonString(String s) throws IOException {
        put((byte) '"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) continue;
            put(s, from, i);
            from = i + 1;
            put((byte) '\\');
            switch (c) {
                case '"' -> put((byte) '"');
                case '\\' -> put((byte) '\\');
                case '\b' -> put((byte) 'b');
                case '\t' -> put((byte) 't');
                case '\n' -> put((byte) 'n');
                case '\f' -> put((byte) 'f');
                case '\r' -> put((byte) 'r');
                default -> { // a control character, or half of a surrogate pair (Jackson escapes each half)
                    put((byte) 'u');
                    put(HEX[c >> 12]);
                    put(HEX[(c >> 8) & 0xF]);
                    put(HEX[(c >> 4) & 0xF]);
                    put(HEX[c & 0xF]);
                }
            }
        }
        put(s, from, s.length());
        put((byte) '"');
    }

    private static final byte[] ASSESSED = ",assessed,".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USD = ",USD,".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAR = " | ".getBytes(StandardCharsets.US_ASCII);
    private static final long ASSESSED_0_8 = word(ASSESSED, 0);
    private static final short ASSESSED_8_10 = (short) word(ASSESSED, 8);
    private static final long USD_WORD = word(USD, 0);

    /** Up to eight bytes of {@code b} from {@code at} as a little-endian long (zeros past its end). */
    private static long word(byte[] b, int at) {
        long w = 0;
        for (int i = Math.min(b.length, at + 8) - 1; i >= at; i--) w = (w << 8) | (b[i] & 0xFF);
        return w;
    }

    /**
     * The first field, a line id, as {@code text(BulkAssessment.safe(id))} writes it: plain ASCII (the usual id) copied
     * in one pass, anything else (a formula guard, quoting, other text) through the general path.
     */
    private void lineId(String id) throws IOException {
        if (pos + 64 > buf.length) drain();
        int p = plainIdAt(buf, pos, id);
        if (p < 0) {
            text(BulkAssessment.safe(id)); // nothing was committed: pos is unchanged
            return;
        }
        pos = p;
        field = 1;
    }

    /**
     * A line id that needs neither a formula guard nor quoting — 1 to 64 printable ASCII characters, none a quote, comma
     * or line break, not starting with '=', '+', '-', '@', a tab, CR or '#' — copied to {@code b[p]} (64 bytes of room);
     * the position after it, or -1 for any other id (the bytes copied so far are then not committed by the caller).
     */
    private static int plainIdAt(byte[] b, int p, String id) {
        int n = id.length();
        if (n == 0 || n > 64) return -1;
        char c0 = id.charAt(0);
        if (c0 == '=' || c0 == '+' || c0 == '-' || c0 == '@' || c0 == '\t' || c0 == '\r' || c0 == '#') return -1;
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c >= 0x80 || c == '"' || c == ',' || c == '\r' || c == '\n') return -1;
            b[p + i] = (byte) c;
        }
        return p + n;
    }

    /*
     * Compiled strings (charge ids, warnings, documents) recur on every line: their UTF-8 bytes, their quoted form and
     * whether they need quoting are kept in a small table keyed by the string's identity, so a line copies bytes instead
     * of encoding characters (a horizon warning is ~200 of them).
     */
    private static final int TEXTS = 4096; // BulkBench's file meets ~17,000 distinct texts; 256 places lost the common ones to them
    private final String[] textKey = new String[TEXTS];
    private final byte[][] textPlain = new byte[TEXTS][];
    private final byte[][] textQuoted = new byte[TEXTS][];
    private final boolean[] textNeedsQuotes = new boolean[TEXTS];

    private int compiled(String s) {
        int h = System.identityHashCode(s);
        int i = (h ^ (h >>> 16)) & (TEXTS - 1);
        if (textKey[i] != s) {
            textKey[i] = s;
            textPlain[i] = s.getBytes(StandardCharsets.UTF_8);
            textQuoted[i] = s.indexOf('"') < 0 ? textPlain[i] : s.replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8);
            textNeedsQuotes[i] = needsQuotes(s, false);
        }
        return i;
    }

    private void putCompiled(String s, boolean quoted) throws IOException {
        int i = compiled(s);
        put(quoted ? textQuoted[i] : textPlain[i]);
    }

    private boolean needsQuotesCompiled(String s) {
        return textNeedsQuotes[compiled(s)];
    }

    /** The documents column: the codes joined by ';', quoted as {@link #text} would quote the joined text. */
    private void documents(BulkResult r) throws IOException {
        put((byte) ',');
        field = 8;
        int n = r.documents();
        if (n == 0) return;
        boolean quote = false;
        for (int i = 0; i < n; i++) quote |= needsQuotesCompiled(r.document(i));
        if (quote) put('"');
        for (int i = 0; i < n; i++) {
            if (i > 0) put(';');
            putCompiled(r.document(i), quote);
        }
        if (quote) put('"');
    }

    /**
     * The warnings column: the texts (the horizon's, the line's, then the missing documents') joined by " | ",
     * guarded against formulas and quoted as {@link #text} would.
     */
    private void warnings(List<String> a, List<String> b, BulkResult r) throws IOException {
        separator();
        int nd = r.documentWarnings();
        if (a.isEmpty() && b.isEmpty() && nd == 0) return;
        boolean quote = false;
        for (int i = 0; i < a.size(); i++) quote |= needsQuotesCompiled(a.get(i));
        for (int i = 0; i < b.size(); i++) quote |= needsQuotesCompiled(b.get(i));
        for (int i = 0; i < nd; i++) quote |= needsQuotesCompiled(r.documentWarning(i));
        String first = !a.isEmpty() ? a.get(0) : !b.isEmpty() ? b.get(0) : r.documentWarning(0);
        if (quote) put('"');
        if (!first.isEmpty() && "=+-@\t\r".indexOf(first.charAt(0)) >= 0) put('\'');
        // each text looked up again as it is written, not by the place found above: a later text of the same row may
        // have taken that place (a row of two warnings printed the second twice when places were kept)
        boolean sep = false;
        for (int i = 0; i < a.size(); i++) {
            if (sep) put(BAR);
            sep = true;
            putCompiled(a.get(i), quote);
        }
        for (int i = 0; i < b.size(); i++) {
            if (sep) put(BAR);
            sep = true;
            putCompiled(b.get(i), quote);
        }
        for (int i = 0; i < nd; i++) {
            if (sep) put(BAR);
            sep = true;
            putCompiled(r.documentWarning(i), quote);
        }
        if (quote) put('"');
    }

    /** A text's UTF-8 bytes with each '"' doubled (the inside of a quoted field). */
    private void quotedBody(String s) throws IOException {
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                put(s, from, i + 1);
                put((byte) '"');
                from = i + 1;
            }
        }
        put(s, from, s.length());
    }

    /** An amount in cents as {@code BigDecimal.valueOf(cents, 2).toPlainString()} spells it. */
    private void cents(long c) throws IOException {
        separator();
        centsDigits(c);
    }

    /**
     * An amount in cents as {@code BigDecimal.valueOf(cents, 2).toPlainString()} spells it. Below 10^16 cents (every
     * amount a line can carry) the digits are made eight at a time in one long ({@link #digits8}) and stored as one
     * long: no loop and no branch on the amount's length (amounts of every size alternate, so a per-digit loop's
     * branches mispredicted on most of them; profiled, the loop was 7 % of the whole bulk run).
     */
    void centsDigits(long c) throws IOException {
        if (c >= 0 && c < MAX_CENTS) {
            if (pos + 24 > buf.length) drain();
            pos = centsAt(buf, pos, c);
            return;
        }
        if (c < 0) {
            put('-');
            c = -c;
        }
        digits(c / 100);
        long frac = c % 100;
        put('.');
        put((char) ('0' + frac / 10));
        put((char) ('0' + frac % 10));
    }

    private static final long MAX_CENTS = 10_000_000_000_000_000L;

    /**
     * The amount's digits at {@code b[p]} for 0 ≤ c < 10^16 cents (see {@link #centsDigits}); the position after them.
     * Needs 24 bytes of room: the long stores write past the digits (bytes the next field overwrites, or never sent).
     */
    private static int centsAt(byte[] b, int p, long c) {
        if (c < 100_000_000L) { // below a million dollars: one long of eight digits, at least "0.00" kept
            long d = digits8((int) c);
            int lead = Math.min(5, Long.numberOfTrailingZeros(d) >>> 3); // leading zero digits (little-endian)
            long a = d + ASCII_ZEROS;
            int len = 6 - lead; // digits before the point
            LONG.set(b, p, a >>> (lead << 3)); // the digits before the point (and bytes the next stores overwrite)
            b[p + len] = '.';
            SHORT.set(b, p + len + 1, (short) (a >>> 48));
            return p + len + 3;
        }
        long hi = c / 100_000_000L;
        long d = digits8((int) hi);
        int lead = Math.min(7, Long.numberOfTrailingZeros(d) >>> 3);
        LONG.set(b, p, (d + ASCII_ZEROS) >>> (lead << 3));
        p += 8 - lead;
        long a = digits8((int) (c - hi * 100_000_000L)) + ASCII_ZEROS;
        LONG.set(b, p, a);
        b[p + 6] = '.';
        SHORT.set(b, p + 7, (short) (a >>> 48));
        return p + 9;
    }

    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class,
            java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class,
            java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final int ROW_END = ',' | ',' << 8 | '\r' << 16 | '\n' << 24;
    private static final java.lang.invoke.VarHandle SHORT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class,
            java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ASCII_ZEROS = 0x3030_3030_3030_3030L;

    /**
     * The eight decimal digits of {@code x} (0 ≤ x < 10^8, leading zeros included) as the bytes of a long, the first
     * digit in the lowest byte (the order a little-endian store writes them), each byte the digit's value 0-9. The
     * number is split in halves of four digits in two 32-bit lanes, each half in pairs of digits in 16-bit lanes, each
     * pair in digits in bytes; each split divides every lane at once by a multiply and shift that is exact in its
     * range (n × 10486 >> 20 = n / 100 for n < 43,690; n × 103 >> 10 = n / 10 for n < 170; no lane overflows into the next).
     */
    static long digits8(int x) {
        long hi = x / 10_000;
        long v = hi | ((x - hi * 10_000) << 32);
        long hundreds = ((v * 10_486) >>> 20) & 0x0000_007F_0000_007FL;
        long pairs = hundreds | ((v - hundreds * 100) << 16);
        long tens = ((pairs * 103) >>> 10) & 0x000F_000F_000F_000FL;
        return tens | ((pairs - tens * 10) << 8);
    }

    /** A row of plain text fields (the rejects file's), each quoted as needed. */
    void record(String... fields) throws IOException {
        for (String f : fields) text(f);
        endRow();
    }

    void rejected(String lineId, String message) throws IOException {
        text(BulkAssessment.safe(lineId == null ? "" : lineId));
        text("rejected");
        text("");
        text("USD");
        text("");
        text("");
        text("");
        text("");
        text(BulkAssessment.safe(message));
        endRow();
    }

    void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
        out.flush();
    }

    // ------------------------------------------------------------------ fields

    private void separator() throws IOException {
        if (field++ > 0) put(',');
    }

    private void text(String s) throws IOException {
        boolean first = field == 0;
        separator();
        if (s == null || s.isEmpty()) return;
        if (!needsQuotes(s, first)) {
            put(s);
            return;
        }
        put('"');
        quotedBody(s);
        put('"');
    }

    private static boolean needsQuotes(String s, boolean first) {
        if (first && !s.isEmpty() && s.charAt(0) == '#') return true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == ',' || c == '\r' || c == '\n') return true;
        }
        return false;
    }

    private void amount(BigDecimal v) throws IOException {
        separator();
        if (v != null) plain(v);
    }

    /** {@link BigDecimal#toPlainString()} without the intermediate strings for amounts of scale 0-2 that fit a long. */
    private void plain(BigDecimal v) throws IOException {
        int scale = v.scale();
        if (scale < 0 || scale > 2 || v.precision() > 18) {
            put(v.toPlainString());
            return;
        }
        long u = v.movePointRight(scale).longValue(); // exact: precision ≤ 18; unscaledValue() would build a BigInteger
        if (u < 0) {
            put('-');
            u = -u;
        }
        long pow = scale == 0 ? 1 : scale == 1 ? 10 : 100;
        digits(u / pow);
        if (scale == 0) return;
        put('.');
        long frac = u % pow;
        if (scale == 2) {
            put((char) ('0' + frac / 10));
            put((char) ('0' + frac % 10));
        } else {
            put((char) ('0' + frac));
        }
    }

    /** A non-negative long's decimal digits, written from the end two at a time (no intermediate string). */
    private void digits(long n) throws IOException {
        if (n < 0) { // Long.MIN_VALUE only: not an amount this writer is given
            put(Long.toString(n));
            return;
        }
        // the digit count without a loop (a loop's exit mispredicts on every amount of a new length)
        int t = ((64 - Long.numberOfLeadingZeros(n | 1)) * 1233) >>> 12;
        int len = t < 19 && n >= POW10[t] ? t + 1 : Math.max(t, 1);
        if (pos + len > buf.length) drain();
        int at = pos + len;
        while (n >= Integer.MAX_VALUE) {
            long q = n / 100;
            int r = (int) (n - q * 100);
            n = q;
            buf[--at] = DIGIT_ONES[r];
            buf[--at] = DIGIT_TENS[r];
        }
        intDigits(buf, at, (int) n);
        pos += len;
    }

    /** A non-negative int's decimal digits written backwards, two at a time, ending just before {@code b[end]}. */
    private static void intDigits(byte[] b, int end, int m) {
        int at = end;
        while (m >= 100) {
            int q = m / 100;
            int r = m - q * 100;
            m = q;
            b[--at] = DIGIT_ONES[r];
            b[--at] = DIGIT_TENS[r];
        }
        if (m >= 10) {
            b[--at] = DIGIT_ONES[m];
            b[--at] = DIGIT_TENS[m];
        } else {
            b[--at] = (byte) ('0' + m);
        }
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < 19; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private static final byte[] DIGIT_TENS = new byte[100];
    private static final byte[] DIGIT_ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_TENS[i] = (byte) ('0' + i / 10);
            DIGIT_ONES[i] = (byte) ('0' + i % 10);
        }
    }

    private void endRow() throws IOException {
        put('\r');
        put('\n');
        field = 0;
    }

    /** An ASCII character (every character this class writes itself is one). */
    private void put(char c) throws IOException {
        if (pos == buf.length) drain();
        buf[pos++] = (byte) c;
    }

    private void put(byte b) throws IOException {
        if (pos == buf.length) drain();
        buf[pos++] = b;
    }

    private void put(String s) throws IOException {
        put(s, 0, s.length());
    }

    /** {@code s[from, to)} as UTF-8: ASCII copied byte by byte, anything else encoded by the JDK. */
    private void put(String s, int from, int to) throws IOException {
        if (pos + (to - from) > buf.length) drain();
        int p = pos;
        byte[] b = buf;
        int room = b.length;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || p == room) {
                pos = p;
                putEncoded(s.substring(i, to));
                return;
            }
            b[p++] = (byte) c;
        }
        pos = p;
    }

    private void put(byte[] e) throws IOException {
        if (pos + e.length > buf.length) {
            drain();
            if (e.length > buf.length) {
                out.write(e);
                return;
            }
        }
        System.arraycopy(e, 0, buf, pos, e.length);
        pos += e.length;
    }

    private void putEncoded(String s) throws IOException {
        byte[] e = s.getBytes(StandardCharsets.UTF_8);
        if (pos + e.length > buf.length) drain();
        if (e.length > buf.length) {
            out.write(e);
            return;
        }
        System.arraycopy(e, 0, buf, pos, e.length);
        pos += e.length;
    }

    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }
}
