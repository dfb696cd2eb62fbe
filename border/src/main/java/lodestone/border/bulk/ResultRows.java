package lodestone.border.bulk;

import lodestone.border.Assessment;
import lodestone.border.BulkResult;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the bulk result rows (docs/bulk-format.md) as UTF-8 bytes straight into a byte buffer, with
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
        text(BulkAssessment.safe(r.lineId()));
        separator();
        put("assessed");
        cents(r.totalCents());
        separator();
        put("USD");
        cents(r.rateHundredths());
        cents(r.landedCents());
        int n = r.charges();
        boolean quote = false;
        if (!r.plainIds()) for (int i = 0; i < n; i++) quote |= needsQuotes(r.chargeId(i), false);
        if (quote) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (!sb.isEmpty()) sb.append(';');
                sb.append(r.chargeId(i)).append('=').append(java.math.BigDecimal.valueOf(r.chargeCents(i), 2).toPlainString());
            }
            text(sb.toString());
        } else {
            separator();
            for (int i = 0; i < n; i++) {
                if (i > 0) put(';');
                put(r.chargeId(i));
                put('=');
                centsDigits(r.chargeCents(i));
            }
        }
        documents(r);
        warnings(r.horizonWarnings(), r.lineWarnings(), r);
        endRow();
    }

    /** The documents column: the codes joined by ';', quoted as {@link #text} would quote the joined text. */
    private void documents(BulkResult r) throws IOException {
        separator();
        int n = r.documents();
        if (n == 0) return;
        boolean quote = false;
        for (int i = 0; i < n; i++) quote |= needsQuotes(r.document(i), false);
        if (quote) put('"');
        for (int i = 0; i < n; i++) {
            if (i > 0) put(';');
            escaped(r.document(i), quote);
        }
        if (quote) put('"');
    }

    private List<String> lastA;
    private List<String> lastB;
    private boolean lastQuote;

    /**
     * The warnings column: the texts (the horizon's, the line's, then the missing documents') joined by " | ",
     * guarded against formulas and quoted as {@link #text} would.
     */
    private void warnings(List<String> a, List<String> b, BulkResult r) throws IOException {
        separator();
        int nd = r.documentWarnings();
        if (a.isEmpty() && b.isEmpty() && nd == 0) return;
        boolean quote;
        if (a == lastA && b == lastB) { // the lists are the fast path's, shared by every line of a date: scan them once
            quote = lastQuote;
        } else {
            quote = false;
            for (int i = 0; i < a.size(); i++) quote |= needsQuotes(a.get(i), false);
            for (int i = 0; i < b.size(); i++) quote |= needsQuotes(b.get(i), false);
            lastA = a;
            lastB = b;
            lastQuote = quote;
        }
        for (int i = 0; i < nd; i++) quote |= needsQuotes(r.documentWarning(i), false);
        String first = !a.isEmpty() ? a.get(0) : !b.isEmpty() ? b.get(0) : r.documentWarning(0);
        if (quote) put('"');
        if (!first.isEmpty() && "=+-@\t\r".indexOf(first.charAt(0)) >= 0) put('\'');
        boolean sep = false;
        for (int i = 0; i < a.size(); i++) {
            if (sep) put(" | ");
            sep = true;
            escaped(a.get(i), quote);
        }
        for (int i = 0; i < b.size(); i++) {
            if (sep) put(" | ");
            sep = true;
            escaped(b.get(i), quote);
        }
        for (int i = 0; i < nd; i++) {
            if (sep) put(" | ");
            sep = true;
            escaped(r.documentWarning(i), quote);
        }
        if (quote) put('"');
    }

    private void escaped(String s, boolean quoted) throws IOException {
        if (quoted) quotedBody(s);
        else put(s);
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

    private void centsDigits(long c) throws IOException {
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
        int len = 1;
        while (len < 19 && n >= POW10[len]) len++;
        if (pos + len > buf.length) drain();
        int at = pos + len;
        while (n >= Integer.MAX_VALUE) {
            long q = n / 100;
            int r = (int) (n - q * 100);
            n = q;
            buf[--at] = DIGIT_ONES[r];
            buf[--at] = DIGIT_TENS[r];
        }
        int m = (int) n;
        while (m >= 100) {
            int q = m / 100;
            int r = m - q * 100;
            m = q;
            buf[--at] = DIGIT_ONES[r];
            buf[--at] = DIGIT_TENS[r];
        }
        if (m >= 10) {
            buf[--at] = DIGIT_ONES[m];
            buf[--at] = DIGIT_TENS[m];
        } else {
            buf[--at] = (byte) ('0' + m);
        }
        pos += len;
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
