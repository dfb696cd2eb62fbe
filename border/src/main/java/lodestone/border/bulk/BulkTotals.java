package lodestone.border.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lodestone.border.Assessment;
import lodestone.border.BulkResult;
import lodestone.border.Interned;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bulk run's duty totals by origin, by HS heading (the code's first four digits) and by measure (the id in the results'
 * {@code measures} column, and the regime's measure charging it: a 9903 heading can be charged by several), exact to the cent (docs/bulk-format.md, "Totals"). Only assessed and prohibited lines count:
 * a rejected line owes nothing that could be booked.
 *
 * <p>They reconcile by construction, and the tests hold them to it: the duties by origin and by heading each sum to the
 * run's total duty, and so do the amounts by measure, since a line's total is the sum of its charges' amounts.
 *
 * <p>Cheap per line on the fast path: amounts are added as long cents into tables keyed by the identity of objects the
 * line already holds (the reader's interned origin and code, the charge's compiled cell), which a run meets a bounded
 * number of (origins, codes of the schedule, measures of the regime); they are grouped by their text only when the totals
 * are read. Nothing is allocated per line. A sum that would pass a long is carried into a BigDecimal.
 */
public final class BulkTotals {

    /**
     * One total: {@code key} is the origin, the heading or the charge id; {@code measure} and {@code title} (measures
     * only, else empty) the regime's measure and its name; {@code lines} the lines counted (assessed, and prohibited ones
     * for origins and headings), {@code prohibited} how many of them were prohibited (no duty); {@code duty} in USD.
     */
    public record Row(String key, String measure, String title, long lines, long prohibited, BigDecimal duty) { }

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Live origins = new Live(64);
    private final Live codes = new Live(1024);
    private final Live charges = new Live(64);
    private final TreeMap<String, Acc> byOrigin = new TreeMap<>();
    private final TreeMap<String, Acc> byHeading = new TreeMap<>();
    private final TreeMap<String, Acc> byMeasure = new TreeMap<>();

    /** A line the fast path assessed: its origin and code as the reader interned them, and its charges. */
    void fast(Interned origin, Interned hts, BulkResult r) {
        long t = r.totalCents();
        origins.addDense(origin, t);
        codes.addDense(hts, t);
        for (int i = 0, n = r.charges(); i < n; i++) {
            int slot = charges.addKey(r.chargeTotalsKey(i), r.chargeCents(i));
            if (charges.text[slot] == null) {
                charges.text[slot] = measureKey(r.chargeId(i), r.chargeMeasureId(i));
                charges.measure[slot] = r.chargeMeasureId(i);
                charges.title[slot] = r.chargeTitle(i);
            }
        }
    }

    /** A line the explaining engine assessed or found prohibited. */
    void slow(Assessment a) {
        boolean prohibited = a.status() == Assessment.Status.PROHIBITED;
        BigDecimal t = prohibited ? ZERO : a.totalDuty();
        acc(byOrigin, origin(a.origin())).add(t, prohibited);
        acc(byHeading, heading(a.hts())).add(t, prohibited);
        if (prohibited) return;
        for (Assessment.Charge c : a.charges()) {
            Acc m = acc(byMeasure, measureKey(c.id(), c.measureId()));
            m.label(c.measureId(), c.title());
            m.add(c.amount(), false);
        }
    }

    /**
     * Adds another run's (or chunk's) totals to these. (Measures' titles: the first met; a measure has one title, so the
     * order lines are met in does not show.)
     */
    public void add(BulkTotals other) {
        other.fold();
        fold();
        merge(byOrigin, other.byOrigin);
        merge(byHeading, other.byHeading);
        merge(byMeasure, other.byMeasure);
    }

    public List<Row> byOrigin() {
        fold();
        return rows(byOrigin);
    }

    public List<Row> byHeading() {
        fold();
        return rows(byHeading);
    }

    public List<Row> byMeasure() {
        fold();
        return rows(byMeasure);
    }

    /** The total duty: the sum of the duties by origin (equal to the sums by heading and by measure). */
    public BigDecimal total() {
        return sum(byOrigin());
    }

    /** The sum of a list of totals' duties. */
    public static BigDecimal sum(List<Row> rows) {
        BigDecimal s = ZERO;
        for (Row r : rows) s = s.add(r.duty());
        return s;
    }

    /** Equal totals: the same rows, key by key (a chunk of a resumed run equals the same chunk of an uninterrupted one). */
    @Override
    public boolean equals(Object o) {
        return o instanceof BulkTotals t && csv().equals(t.csv());
    }

    @Override
    public int hashCode() {
        return csv().hashCode();
    }

    @Override
    public String toString() {
        return csv();
    }

    /** Whether nothing was counted. */
    public boolean isEmpty() {
        fold();
        return byOrigin.isEmpty();
    }

    /** The CSV of {@code --totals} (docs/bulk-format.md): {@code group,key,measure,title,lines,prohibited,total_duty}. */
    public String csv() {
        StringBuilder sb = new StringBuilder("group,key,measure,title,lines,prohibited,total_duty\n");
        long lines = 0;
        long prohibited = 0;
        for (Row r : byOrigin()) {
            csvRow(sb, "origin", r);
            lines += r.lines();
            prohibited += r.prohibited();
        }
        for (Row r : byHeading()) csvRow(sb, "heading", r);
        for (Row r : byMeasure()) csvRow(sb, "measure", r);
        csvRow(sb, "total", new Row("", "", "", lines, prohibited, total()));
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, String group, Row r) {
        sb.append(group).append(',');
        csvText(sb, r.key());
        sb.append(',');
        csvText(sb, r.measure());
        sb.append(',');
        csvText(sb, r.title());
        sb.append(',').append(r.lines()).append(',').append(r.prohibited()).append(',').append(r.duty().toPlainString()).append('\n');
    }

    private static void csvText(StringBuilder sb, String s) {
        String v = BulkAssessment.safe(s == null ? "" : s);
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        if (!quote) {
            sb.append(v);
            return;
        }
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
    }

    /** The totals as JSON, as a job's chunk keeps them and the API answers them: see {@link #fromJson}. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        put(o.putArray("by_origin"), "origin", byOrigin(), false);
        put(o.putArray("by_heading"), "heading", byHeading(), false);
        put(o.putArray("by_measure"), "id", byMeasure(), true);
        o.put("total_duty", total());
        return o;
    }

    private static void put(ArrayNode a, String keyName, List<Row> rows, boolean measures) {
        for (Row r : rows) {
            ObjectNode o = a.addObject();
            o.put(keyName, r.key());
            if (measures) {
                o.put("measure", r.measure());
                o.put("title", r.title());
            }
            o.put("lines", r.lines());
            if (!measures) o.put("prohibited", r.prohibited());
            o.put("total_duty", r.duty());
        }
    }

    /**
     * The sum of chunks' totals as {@link #toJson} wrote each, as one JSON text of the same shape: what a retired job keeps
     * in place of its chunks (the server's GET …/totals reads it as it read them).
     */
    public static String sumJson(java.util.List<String> chunks) {
        BulkTotals t = new BulkTotals();
        for (String s : chunks) t.add(fromJson(s));
        return t.toJson().toString();
    }

    /** The totals {@link #toJson} wrote. */
    public static BulkTotals fromJson(String json) {
        BulkTotals t = new BulkTotals();
        if (json == null || json.isBlank()) return t;
        try {
            JsonNode o = JSON.readTree(json);
            read(o.path("by_origin"), "origin", t.byOrigin);
            read(o.path("by_heading"), "heading", t.byHeading);
            for (JsonNode r : o.path("by_measure")) {
                Acc a = acc(t.byMeasure, measureKey(r.path("id").asText(), r.path("measure").asText("")));
                a.label(r.path("measure").asText(""), r.path("title").asText(""));
                a.lines += r.path("lines").asLong();
                a.duty = a.duty.add(new BigDecimal(r.path("total_duty").asText()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("stored bulk totals are not readable: " + e.getMessage(), e);
        }
        return t;
    }

    private static void read(JsonNode rows, String keyName, TreeMap<String, Acc> into) {
        for (JsonNode r : rows) {
            Acc a = acc(into, r.path(keyName).asText());
            a.label(r.path("measure").asText(""), r.path("title").asText(""));
            a.lines += r.path("lines").asLong();
            a.prohibited += r.path("prohibited").asLong();
            a.duty = a.duty.add(new BigDecimal(r.path("total_duty").asText()));
        }
    }

    // ------------------------------------------------------------------------------------------------ internals

    /** The heading of an HTS code however it is spelled: its first four digits. */
    static String heading(String hts) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < hts.length() && sb.length() < 4; i++) {
            char c = hts.charAt(i);
            if (c >= '0' && c <= '9') sb.append(c);
        }
        return sb.toString();
    }

    private static String origin(String o) {
        return o.strip().toUpperCase(Locale.ROOT);
    }

    private static Acc acc(TreeMap<String, Acc> m, String key) {
        return m.computeIfAbsent(key, k -> new Acc());
    }

    private static void merge(TreeMap<String, Acc> into, TreeMap<String, Acc> from) {
        for (Map.Entry<String, Acc> e : from.entrySet()) {
            Acc a = acc(into, e.getKey());
            Acc b = e.getValue();
            a.label(b.measure, b.title);
            a.lines += b.lines;
            a.prohibited += b.prohibited;
            a.duty = a.duty.add(b.duty);
        }
    }

    private static List<Row> rows(TreeMap<String, Acc> m) {
        List<Row> rows = new ArrayList<>(m.size());
        for (Map.Entry<String, Acc> e : m.entrySet()) {
            Acc a = e.getValue();
            String key = e.getKey();
            int cut = key.indexOf('\u0000');
            if (cut >= 0) key = key.substring(0, cut); // a measure's row: its charge id (the measure is beside it)
            rows.add(new Row(key, a.measure == null ? "" : a.measure, a.title == null ? "" : a.title, a.lines, a.prohibited, a.duty));
        }
        return rows;
    }

    /**
     * A measure's key: its charge id and the regime's measure, since one id (a 9903 heading) can be charged by several
     * measures of the regime — each gets its own row, sorted by id, then measure.
     */
    private static String measureKey(String id, String measure) {
        return id + '\u0000' + (measure == null ? "" : measure);
    }

    /** Moves the fast path's identity-keyed sums into the maps by text. */
    private void fold() {
        origins.drainInto(byOrigin, BulkTotals::originOf);
        codes.drainInto(byHeading, BulkTotals::headingOf);
        charges.drainInto(byMeasure, null);
    }

    private static String originOf(Object interned) {
        return origin(((Interned) interned).text());
    }

    private static String headingOf(Object interned) {
        return heading(((Interned) interned).text());
    }

    private static final class Acc {
        String measure;
        String title;
        long lines;
        long prohibited;
        BigDecimal duty = ZERO;

        void label(String m, String t) {
            if (measure == null || measure.isEmpty()) measure = m;
            if (title == null || title.isEmpty()) title = t;
        }

        void add(BigDecimal d, boolean p) {
            lines++;
            if (p) prohibited++;
            duty = duty.add(d);
        }
    }

    /**
     * Sums at places a line reaches with no look-up: a value the reader interned keeps its own place ({@link #addDense}),
     * a charge comes with its (id, measure) number ({@link #addKey}). Two adds and no allocation a line; the places are
     * few (what a run's reader and plan share). {@code keys[i]} non-null marks a place in use.
     */
    private static final class Live {
        Object[] keys;
        long[] lines;
        long[] cents;
        BigDecimal[] carry; // a sum past a long's range, rarely
        String[] text;
        String[] measure;
        String[] title;
        int size;
        int gen; // drained tables' places are forgotten: a value placed in an earlier generation is placed again

        Live(int capacity) {
            alloc(capacity);
        }

        private void alloc(int capacity) {
            keys = new Object[capacity];
            lines = new long[capacity];
            cents = new long[capacity];
            carry = new BigDecimal[capacity];
            text = new String[capacity];
            measure = new String[capacity];
            title = new String[capacity];
            size = 0;
        }

        /**
         * A line of {@code c} cents for a value the reader interned: its place is kept on the value itself, so a line reaches
         * its sums without hashing (a table used this way holds only such values, in the order met).
         */
        int addDense(Interned k, long c) {
            int at;
            if (k.tallyOwner == this && k.tallyGen == gen) {
                at = k.tallyIndex;
            } else {
                at = size++;
                if (at == keys.length) growDense();
                keys[at] = k;
                k.tallyOwner = this;
                k.tallyGen = gen;
                k.tallyIndex = at;
            }
            return tally(at, c);
        }

        /**
         * A charge of {@code c} cents by its number among every (id, measure) pair ({@code ChargeSpec.totalsKey}): its
         * sums are at that place, with no hashing or probing (a table used this way holds only such numbers).
         */
        int addKey(int key, long c) {
            while (key >= keys.length) growDense();
            if (keys[key] == null) {
                keys[key] = Boolean.TRUE;
                size++;
            }
            return tally(key, c);
        }

        /** A line of {@code c} cents counted at {@code at}; a sum that would pass a long is carried into a BigDecimal. */
        private int tally(int at, long c) {
            lines[at]++;
            long s = cents[at];
            if (s > Long.MAX_VALUE - c) {
                carry[at] = (carry[at] == null ? ZERO : carry[at]).add(BigDecimal.valueOf(s, 2));
                s = 0;
            }
            cents[at] = s + c;
            return at;
        }

        private void growDense() {
            int n = keys.length << 1;
            keys = java.util.Arrays.copyOf(keys, n);
            lines = java.util.Arrays.copyOf(lines, n);
            cents = java.util.Arrays.copyOf(cents, n);
            carry = java.util.Arrays.copyOf(carry, n);
            text = java.util.Arrays.copyOf(text, n);
            measure = java.util.Arrays.copyOf(measure, n);
            title = java.util.Arrays.copyOf(title, n);
        }

        /** Adds every key's sums to {@code into} under its text ({@code textOf} of the key, else the text kept), and empties. */
        void drainInto(TreeMap<String, Acc> into, java.util.function.Function<Object, String> textOf) {
            if (size == 0) return;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == null) continue;
                Acc a = acc(into, textOf == null ? text[i] : textOf.apply(keys[i]));
                a.label(measure[i], title[i]);
                a.lines += lines[i];
                BigDecimal d = BigDecimal.valueOf(cents[i], 2);
                if (carry[i] != null) d = d.add(carry[i]);
                a.duty = a.duty.add(d);
                keys[i] = null;
                lines[i] = 0;
                cents[i] = 0;
                carry[i] = null;
                text[i] = null;
                measure[i] = null;
                title[i] = null;
            }
            size = 0;
            gen++;
        }
    }
}
