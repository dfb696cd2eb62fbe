package lodestone.border;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One bulk line's result from the compiled fast path, as plain numbers: amounts in long cents, the
 * effective rate in hundredths of a percent, and references to strings compiled once per regime
 * (charge ids, legal bases, titles, warnings). A bulk reader keeps one and reuses it for every line,
 * so a line answered on the fast path allocates nothing here; the bulk writer spells the row from it
 * directly. {@link #toAssessment} builds the same {@link Assessment} the explaining path gives, for
 * callers that need one (and for the tests that compare the two).
 *
 * <p>Mutable and not thread-safe: one instance per reader.
 */
public final class BulkResult {
    private String lineId;
    private String hts;
    private String origin;
    private LocalDate date;
    private long value;
    private long total;
    private long rate;
    private List<String> horizon = List.of();
    // (Entry is in this package: the fast path reads it)
    private List<String> warnings = List.of();
    private boolean plainIds;
    // the documents required, in order and without repeats, and the warnings of those not declared as held
    private int nDocs;
    private String[] docs = new String[4];
    private String[] docWarnings = new String[4];
    private int nDocWarnings;
    private String[] missing = new String[4];

    private int n;
    private ChargeSpec[] specs = new ChargeSpec[8];
    private byte[][] cells = new byte[8][];
    private int[] keys = new int[8];
    private long[] cents = new long[8];

    // scratch for the fast path's per-duty decisions
    private byte[] kinds = new byte[8];
    private long[] percents = new long[8];
    private int[] scales = new int[8];

    // the amounts of the entry about to be assessed, in cents, as the reader read them (-1: not given)
    private Entry givenFor;
    long givenValue = -1;
    long givenUs = -1;
    long givenMetal = -1;

    /**
     * Hands the fast path the entry's amounts in cents (half-up; -1 when not known) so it need not take its
     * BigDecimals apart: they are used only for this very entry (compared by identity), never for another.
     */
    public void given(Entry entry, long valueCents, long usContentCents, long metalContentCents) {
        given(entry, valueCents, usContentCents, metalContentCents, null, null);
    }

    /**
     * As {@link #given(Entry, long, long, long)}, with the entry's HTS code and origin as the reader interned them
     * (their {@link Interned#text()} must be the entry's {@code hts()} and {@code origin()}; null when not known).
     */
    public void given(Entry entry, long valueCents, long usContentCents, long metalContentCents, Interned hts, Interned origin) {
        givenFor = entry;
        givenValue = valueCents;
        givenUs = usContentCents;
        givenMetal = metalContentCents;
        givenHts = hts;
        givenOrigin = origin;
        givenPlain = false;
    }

    /**
     * Vouches, after {@link #given(Entry, long, long, long, Interned, Interned)} for the same entry, that
     * {@link #plain} holds of it, and hands over its line id, entry date and unit as they are in the entry: the fast
     * path then reads none of the entry's fields on its usual course (a bulk reader knows these facts while the entry
     * is still in cache). Nothing checks the promise here (checking would read the entry): a caller that vouches
     * without {@link #plain} gets a wrong answer. The bulk loop asks {@link #plain} of each entry as it reads it, and
     * {@code BulkEquivalenceTest} holds its answers to the explaining engine's.
     */
    public void givenPlain(String lineId, LocalDate date, lodestone.regime.unit.Unit unit) {
        givenPlain = true;
        givenLineId = lineId;
        givenDate = date;
        givenDay = date.toEpochDay();
        givenUnit = unit;
    }

    /**
     * Whether {@link #givenPlain} may be said of the entry — exactly the facts the fast path then does not read: no bill
     * of materials, currency USD, no content quantities, no preference claimed, no US-content or metal-content value, no
     * producer, no export country, no documents, production regions or end use declared, the required fields present, a
     * customs value and a quantity not negative.
     */
    public static boolean plain(Entry e) {
        return e.bom() == null && "USD".equals(e.currency()) && e.contents().isEmpty() && e.preference() == null
                && e.usContentValue() == null && e.metalContentValue() == null && e.producer() == null
                && e.exportCountry() == null && e.documents().isEmpty() && e.productionRegions().isEmpty() && e.endUse() == null
                && e.hts() != null && e.origin() != null
                && e.entryDate() != null && e.customsValue() != null && e.customsValue().signum() >= 0
                && e.quantity() != null && e.quantity().signum() >= 0;
    }

    boolean givenPlain;
    String givenLineId;
    LocalDate givenDate;
    long givenDay;
    lodestone.regime.unit.Unit givenUnit;

    Interned givenHts;
    Interned givenOrigin;

    // a line the fast path rejects (an unknown HTS code): the field and the reason, as the explaining path words them
    private String rejectField;
    private String rejectReason;

    void reject(String field, String reason) {
        rejectField = field;
        rejectReason = reason;
    }

    void clearReject() {
        rejectField = null;
    }

    /** True when the fast path answered the line with a rejection ({@link #rejectField}, {@link #rejectReason}), not a result. */
    public boolean rejected() {
        return rejectField != null;
    }

    public String rejectField() {
        return rejectField;
    }

    public String rejectReason() {
        return rejectReason;
    }

    boolean givenFor(Entry e) {
        return givenFor == e;
    }

    // ------------------------------------------------------------------ read by the writer

    public String lineId() {
        return lineId;
    }

    /** The number of charges: the base rate first, then each duty measure in evaluation order. */
    public int charges() {
        return n;
    }

    public String chargeId(int i) {
        return specs[i].id();
    }

    /** The charge's cell, its id and '=' as UTF-8 bytes compiled with the plan (see {@code ChargeSpec.cell}). */
    public byte[] chargeIdBytes(int i) {
        return cells[i];
    }

    /**
     * What identifies the charge's compiled spec (its id, measure and title), for tables keyed by identity: a run meets a
     * bounded number of them (they are shared by the compiled plan).
     */
    public Object chargeSpec(int i) {
        return specs[i];
    }

    /** The charge's (id, measure) number, for totals by measure kept in an array ({@code ChargeSpec.totalsKey}). */
    public int chargeTotalsKey(int i) {
        return keys[i];
    }

    /** The regime's measure the charge comes from ("us-s232-copper"), as {@link Assessment.Charge#measureId}. */
    public String chargeMeasureId(int i) {
        return specs[i].measureId();
    }

    /** The charge's title, as {@link Assessment.Charge#title}. */
    public String chargeTitle(int i) {
        return specs[i].title();
    }

    public long chargeCents(int i) {
        return cents[i];
    }

    /** True when no charge id holds a comma, a quote or a line break (known when the plan was compiled). */
    public boolean plainIds() {
        return plainIds;
    }

    public long totalCents() {
        return total;
    }

    /** The effective rate, total ÷ customs value as a percentage, in hundredths (rounded half-up). */
    public long rateHundredths() {
        return rate;
    }

    public long landedCents() {
        return value + total;
    }

    /** The warnings, in order: the regime's horizon warnings for the entry date, then the line's own. */
    public List<String> horizonWarnings() {
        return horizon;
    }

    public List<String> lineWarnings() {
        return warnings;
    }

    /** The number of documents required, each once, in the order the measures require them. */
    public int documents() {
        return nDocs;
    }

    public String document(int i) {
        return docs[i];
    }

    /**
     * The warnings for the required documents not declared as held (and those a low-value waiver excused), then the
     * Section 321 de minimis warning when the line has one; they follow {@link #lineWarnings}.
     */
    public int documentWarnings() {
        return nDocWarnings;
    }

    public String documentWarning(int i) {
        return missing[i];
    }

    /** The same assessment {@link Assessor#assessWithoutTrail} gives (no trail, no calculation texts). */
    public Assessment toAssessment(String regimeId, String regimeVersion) {
        List<Assessment.Charge> cs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ChargeSpec c = specs[i];
            cs.add(new Assessment.Charge(c.id(), c.measureId(), c.series(), c.type(), BigDecimal.valueOf(cents[i], 2), null, c.legal(),
                    c.title()));
        }
        List<String> w = new ArrayList<>(horizon);
        w.addAll(warnings);
        for (int i = 0; i < nDocWarnings; i++) w.add(missing[i]);
        BigDecimal v = BigDecimal.valueOf(value, 2);
        BigDecimal t = BigDecimal.valueOf(total, 2);
        return new Assessment(lineId, Assessment.Status.ASSESSED, hts, origin, date, v, cs, t, BigDecimal.valueOf(rate, 2),
                v.add(t), List.of(java.util.Arrays.copyOf(docs, nDocs)), List.of(), w, List.of(), regimeId, regimeVersion);
    }

    // ------------------------------------------------------------------ filled by the fast path

    void begin(int capacity) {
        n = 0;
        if (specs.length < capacity) {
            int c = Math.max(capacity, specs.length * 2);
            specs = new ChargeSpec[c];
            cells = new byte[c][];
            keys = new int[c];
            cents = new long[c];
        }
    }

    void charge(ChargeSpec spec, long amount) {
        charge(spec, spec.idBytes(), spec.totalsKey(), amount);
    }

    /**
     * A charge with its spec's cell ({@link ChargeSpec#idBytes}) and totals number ({@link ChargeSpec#totalsKey}), kept
     * here: neither the writer nor the totals read the spec.
     */
    void charge(ChargeSpec spec, byte[] cell, int key, long amount) {
        specs[n] = spec;
        cells[n] = cell;
        keys[n] = key;
        cents[n] = amount;
        n++;
    }

    void clearDocuments() {
        nDocs = 0;
        nWaived = 0;
    }

    // the document requirements a low-value waiver excused on the line, each with its documents and the line's value
    private int nWaived;
    private lodestone.regime.measure.Measure[] waivedBy = new lodestone.regime.measure.Measure[1];
    private String[][] waivedDocs = new String[1][];
    private long waivedValue;

    /**
     * A document requirement whose documents its low-value waiver excused, the line (worth {@code valueCents}) taken as an
     * importation of its own: warned about in {@link #finish} as the explaining path does, when one is neither held nor
     * required by another measure. A measure's conditions met twice add their documents to its one entry.
     */
    void waiveDocuments(lodestone.regime.measure.Measure m, String[] ds, long valueCents) {
        waivedValue = valueCents;
        for (int i = 0; i < nWaived; i++) {
            if (waivedBy[i] != m) continue;
            java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(List.of(waivedDocs[i]));
            all.addAll(List.of(ds));
            waivedDocs[i] = all.toArray(new String[0]);
            return;
        }
        if (nWaived == waivedBy.length) {
            waivedBy = java.util.Arrays.copyOf(waivedBy, nWaived * 2);
            waivedDocs = java.util.Arrays.copyOf(waivedDocs, nWaived * 2);
        }
        waivedBy[nWaived] = m;
        waivedDocs[nWaived++] = ds;
    }

    /** Adds the documents a condition requires (those not already required), with each one's warning. */
    void requireDocuments(String[] ds, String[] warnings) {
        outer:
        for (int k = 0; k < ds.length; k++) {
            for (int i = 0; i < nDocs; i++) if (docs[i].equals(ds[k])) continue outer;
            if (nDocs == docs.length) {
                docs = java.util.Arrays.copyOf(docs, nDocs * 2);
                docWarnings = java.util.Arrays.copyOf(docWarnings, nDocs * 2);
            }
            docs[nDocs] = ds[k];
            docWarnings[nDocs++] = warnings[k];
        }
    }

    private boolean required(String d) {
        for (int i = 0; i < nDocs; i++) if (docs[i].equals(d)) return true;
        return false;
    }

    byte[] kinds(int size) {
        if (kinds.length < size) kinds = new byte[size * 2];
        return kinds;
    }

    long[] percents(int size) {
        if (percents.length < size) percents = new long[size * 2];
        return percents;
    }

    int[] scales(int size) {
        if (scales.length < size) scales = new int[size * 2];
        return scales;
    }

    void finish(String lineId, String hts, String origin, LocalDate date, long valueCents, long totalCents, long rateHundredths,
                List<String> horizonWarnings, List<String> lineWarnings, boolean plainChargeIds, java.util.Set<String> held,
                String deMinimis) {
        nDocWarnings = 0;
        for (int i = 0; i < nDocs; i++) {
            if (!held.isEmpty() && held.contains(docs[i])) continue;
            if (nDocWarnings == missing.length) missing = java.util.Arrays.copyOf(missing, missing.length * 2);
            missing[nDocWarnings++] = docWarnings[i];
        }
        for (int w = 0; w < nWaived; w++) { // after those, as the explaining path: a waived document neither held nor required
            for (String d : waivedDocs[w]) {
                if (held.contains(d) || required(d)) continue;
                if (nDocWarnings == missing.length) missing = java.util.Arrays.copyOf(missing, missing.length * 2);
                missing[nDocWarnings++] = Assessor.waiverWarning(waivedBy[w], List.of(waivedDocs[w]), BigDecimal.valueOf(waivedValue, 2), 0);
                break;
            }
        }
        if (deMinimis != null) { // Section 321 de minimis, not modelled: last, as the explaining path says it (a compiled text)
            if (nDocWarnings == missing.length) missing = java.util.Arrays.copyOf(missing, missing.length * 2);
            missing[nDocWarnings++] = deMinimis;
        }
        this.plainIds = plainChargeIds;
        this.lineId = lineId;
        this.hts = hts;
        this.origin = origin;
        this.date = date;
        this.value = valueCents;
        this.total = totalCents;
        this.rate = rateHundredths;
        this.horizon = horizonWarnings;
        this.warnings = lineWarnings;
    }
}
