package lodestone.border;

import lodestone.regime.Horizon;
import lodestone.regime.measure.Action;
import lodestone.regime.measure.Condition;
import lodestone.regime.measure.DutyExpression;
import lodestone.regime.measure.Measure;
import lodestone.regime.measure.MeasureType;
import lodestone.regime.measure.Test;
import lodestone.regime.nomenclature.BaseRate;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.nomenclature.Nomenclature;
import lodestone.regime.geo.PreferenceProgram;
import lodestone.regime.unit.Unit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bulk fast path: a flat compiled plan and long-cents arithmetic for the lines whose duty is
 * plain ad valorem, with everything else left to the explaining engine ({@link Assessor}).
 *
 * <p>Why: profiled on BulkBench, the per-line kernel was dominated by walking separate objects (line
 * plan, per-origin candidate set, measure windows, duty expression trees, BigDecimal arithmetic,
 * decision objects). Here, per candidate set and country of origin (lines with the same measures share it), a {@link Recipe} is compiled
 * once: the days on which the set of measures in force changes, and for each date window either a
 * {@link Step} — each duty measure a {@link Duty} with its fixed-point percentage — or "fall back"
 * (the line's base rate is compiled with the line). Assessing a line is then two array loads for
 * the day's step (its number in the row's flat table by origin slot and period — see {@link #period} and
 * {@link Row#stepAt} — then the step in the table of steps) and a few multiplications.
 *
 * <p>Sharing: lines with the same candidate measures share one {@link Row} of recipes by origin, and equal
 * steps, conditions, recipes and base rates are one object ({@link #canon}) — so the plan data a file touches
 * is a few hundred small objects that stay in cache, not tens of thousands compiled line by line.
 *
 * <p>Exactness: every amount is value-in-cents × percentage, rounded half-up to the cent, in long
 * integers — the same value the BigDecimal path computes ({@code percentOf} then half-up), with an
 * overflow check that falls back. The charges, total, effective rate and landed cost are then the
 * same BigDecimals (same scale) the slow path builds; BulkEquivalenceTest compares the two on every
 * line of seeded files spanning the whole bundled regime.
 *
 * <p>What it covers besides plain ad valorem rates: the value bases of the explaining path (customs
 * value, the metal-content value of Section 232 — required, or taken when declared and else the customs value with the
 * explaining path's warning —, the value less US content of the reciprocal duties, with their US-content share), measures displacing others on part of the value (each duty charged on
 * its basis less the bases of the displacing measures that apply, or not at all when nothing is left),
 * "P% - base MIN 0%" duties (on a displaced portion too, exactly in rationals), the conditions it can decide from the line alone
 * (documents held, dates, a preference claimed by an eligible origin, a US-content share, the declared production regions and
 * end use — with the explaining path's warning for a line declaring no region of a region its measures name), and a
 * preference claim without a bill of materials, granted as the slow path grants it (an eligible origin,
 * a plain special rate, the warning that origin was not verified; no claim needed on a free line).
 *
 * <p>Documents: a condition requiring documents that holds (of a document requirement, a prohibition or a
 * duty) adds them to the line's documents, in the explaining path's order, and each one not declared as
 * held its warning — unless the document requirement has a low-value waiver (19 CFR 10.586(a)(2)) and the line, which a
 * bulk file takes as an importation of its own, is worth no more than its amount: then they are not required and the
 * waiver's warning takes the place of theirs (both as {@code Assessor} words them).
 *
 * <p>What falls back (the slow path answers): a non-USD currency, a claim that would not be granted, a
 * bill of materials, a non-declarable or unknown code, an unknown origin, an unknown production region or end use, negative
 * values; a line that
 * is prohibited, a condition that cannot be decided here (unit prices, entity lists,
 * export-country groups), a specific, compound or bounded duty other than the one above, a base rate that is missing, not modelled or not plain ad valorem, a
 * metal-content duty without a metal-content value (the slow path rejects the line), a measure type not
 * listed below — and, as a guard against features added later, any regime whose {@link Measure} has
 * components this class was not written for (then nothing takes the fast path).
 *
 * <p>Per-line allocation: none. {@link #assess(Entry, BulkResult)} fills the caller's {@link BulkResult}
 * with long cents and references to strings compiled with the plan; the bulk reader hands it the amounts
 * in cents it read from the bytes.
 */
final class FastPath {
    /** The components of {@link Measure} this class knows the meaning of. */
    private static final Set<String> KNOWN_MEASURE = Set.of("id", "type", "title", "products", "origins", "validity", "duty",
            "valueBasis", "usContentShare", "valueBasisCitation", "conditions", "displaces", "legalBase", "footnotes", "lowValueWaiver", "agreement",
            "illustrative", "file", "line");
    private static final Set<MeasureType> PLAIN_TYPES = Set.of(MeasureType.ADDITIONAL_DUTY, MeasureType.ANTI_DUMPING,
            MeasureType.COUNTERVAILING, MeasureType.SAFEGUARD);
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private final CompiledPlan a;
    private final boolean enabled;
    /*
     * Recipes are keyed by a line's candidate array for the origin (CompiledPlan interns candidate sets, so
     * lines with the same measures share one array per country, and int[] keys hash by identity). Immutable
     * once built; a race builds the same one twice.
     */
    private final Map<int[], Recipe> recipes = new ConcurrentHashMap<>();
    private final LineFast[] byLine; // per HTS line index, shared by the spellings of its code
    private final Map<String, LineFast> codes = new ConcurrentHashMap<>();
    private final Map<String, Integer> countries = new ConcurrentHashMap<>();
    private static final int CACHE_CAP = 1 << 16;

    /**
     * Which declared documents change nothing (as the explaining path says). Its warnings are kept per set of documents met
     * (a file repeats a few): the same text objects line after line, so the writer copies bytes it has met instead of encoding
     * ~100 characters a line (measured: 5 % of BulkBench's lines declare an assay certificate the law regime does not know;
     * built afresh each time they made the full pass ~0.08 s a million lines slower: 0.80–0.86 s against 0.70–0.76 s).
     */
    private final DocumentUse documentUse;

    /** By country index: whether a known gap names the origin and no codes (every line from it is warned; sanctions). */
    private final boolean[] originGapped;

    /*
     * Section 321 de minimis (see Assessor#deMinimis), compiled: a line worth no more than deMinimisCents entered before
     * deMinimisEnd[country] (an epoch day; Long.MIN_VALUE when the regime states none) says deMinimisWarning[country], the
     * one text object of its origin's end — two compares a line, nothing allocated.
     */
    private final long deMinimisCents;
    private final long[] deMinimisEnd;
    private final String[] deMinimisWarning;

    FastPath(CompiledPlan a, DocumentUse documentUse) {
        this.a = a;
        this.documentUse = documentUse;
        for (Measure m : a.regime().measures()) titles.put(m.id(), m.title());
        Set<String> components = new TreeSet<>();
        for (var c : Measure.class.getRecordComponents()) components.add(c.getName());
        this.enabled = KNOWN_MEASURE.equals(components);
        this.byLine = new LineFast[a.regime().hts().size()];
        this.slots = new int[a.countryCodes().size()];
        Arrays.fill(slots, -1);
        this.originGapped = new boolean[a.countryCodes().size()];
        for (int c = 0; c < originGapped.length; c++) originGapped[c] = a.regime().horizon().anyOriginGapNames(a.countryCodes().get(c));
        lodestone.regime.DeMinimis dm = a.regime().horizon().deMinimis();
        int nc = a.countryCodes().size();
        this.deMinimisEnd = new long[nc];
        this.deMinimisWarning = new String[nc];
        Arrays.fill(deMinimisEnd, Long.MIN_VALUE);
        // (a threshold in whole cents: a value in cents is not over it exactly when it is not over its cents rounded down)
        BigDecimal dmCents = dm == null ? null : dm.atMostUsd().movePointRight(2).setScale(0, RoundingMode.FLOOR);
        this.deMinimisCents = dmCents == null ? -1 : dmCents.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 4)) > 0 ? Long.MAX_VALUE / 4
                : dmCents.longValueExact();
        if (dm != null) {
            for (int c = 0; c < nc; c++) {
                String origin = a.countryCodes().get(c);
                lodestone.regime.DeMinimis.End end = dm.endFor(origin);
                deMinimisEnd[c] = end == null ? Long.MAX_VALUE : end.from().toEpochDay();
                deMinimisWarning[c] = dm.warning(origin, java.time.LocalDate.MIN, BigDecimal.ZERO, 0);
            }
        }
        this.periodStarts = periodStarts(a);
        this.periodByDay = periodByDay();
        this.nPeriods = periodStarts.length + 1;
    }

    /**
     * One date window's compiled charges: each duty measure in evaluation order ({@link Duty}: fixed-point
     * percentages, its conditions — evaluated per line, see {@link #holds} — with what each does: APPLY with its
     * own percentage, EXEMPT, or SLOW), and the prohibitions and document requirements whose conditions must be
     * seen not to hold.
     */
    record Step(Duty[] duties, Cond[][] guards, boolean plainIds, boolean guardsNeedParty, boolean simple, boolean onNonUs,
                List<String> regionWarnings) {
        Step(Duty[] duties, Cond[][] guards, List<String> regionWarnings) {
            this(duties, guards, Arrays.stream(duties).allMatch(d -> plainId(d.id())), needParty(guards), simple(duties),
                    Arrays.stream(duties).anyMatch(d -> d.basis() == NON_US), regionWarnings);
        }

        /**
         * True when every duty is a plain percentage or free, without conditions or displacing measures, on the customs
         * value or the value less US content: each amount is then the percentage of one value, with nothing to decide
         * (the per-line loop's short form; the value less US content is the customs value when no US content is
         * declared).
         */
        private static boolean simple(Duty[] duties) {
            for (Duty d : duties) {
                if (d.conditions().length > 0 || d.displacers().length > 0) return false;
                if (d.kind() != PCT && d.kind() != FREE) return false;
                if (d.basis() != CUSTOMS && d.basis() != NON_US) return false;
            }
            return true;
        }

        /**
         * True when every guard condition tests the producer, the export country, the production regions or the end use: a
         * line declaring none of them then meets none of them (a conjunction with a false test is false), and the guards need
         * not be looked at.
         */
        private static boolean needParty(Cond[][] guards) {
            for (Cond[] cs : guards) {
                for (Cond c : cs) {
                    boolean party = false;
                    for (byte op : c.ops()) {
                        party |= op == Cond.T_PRODUCER || op == Cond.T_EXPORTED_FROM || op == Cond.T_PRODUCED_IN
                                || op == Cond.T_END_USE;
                    }
                    if (!party) return false;
                }
            }
            return true;
        }

    }

    /**
     * One duty measure of a date window, compiled: its outcome without conditions (a kind and a fixed-point
     * percentage), its value basis (with the US-content share of a non-US-content basis), the positions in the
     * window of the measures displacing it, its conditions with what each does, and the strings of its charge. One
     * object, shared by every window with the same duty in the same place: a line reads one or two cache lines per
     * duty, not an element of each of a dozen arrays.
     */
    record Duty(byte kind, long unscaled, int scale, byte basis, long shareUnscaled, int shareScale, int[] displacers,
                Cond[] conditions, byte[] condKind, long[] condUnscaled, int[] condScale, String id, byte[] idBytes,
                String measureId, char series, String type, String legal, String title, int totalsKey,
                List<String> notDeclared) implements ChargeSpec {
        // notDeclared: for a duty on the metal content's value when declared (METAL_IF), the explaining path's warning of a
        // line that does not declare it, as a list of one made with the plan (null for the other bases)
    }

    /**
     * A condition compiled for the per-line loop: its tests as an array, whether it blocks, and the documents it
     * requires (null unless its action is to require documents) with the warning each gives when not held.
     */
    record Cond(byte[] ops, String[] text, long[] num, int[] scale, boolean blocks, String[] docs, String[] docWarnings,
                Test[] tests, long waiverCents, Measure waiver) {
        /** What a test asks, as an opcode: the per-line loop then reads arrays, not test objects of many classes. */
        static final byte T_DOC_HELD = 0, T_DOC_MISSING = 1, T_PREFERENCE = 2, T_ENTERED_BEFORE = 3, T_LOADED_BEFORE = 4,
                T_PRODUCER = 5, T_EXPORTED_FROM = 6, T_US_SHARE = 7, T_UNKNOWN = 8, T_PRODUCED_IN = 9, T_END_USE = 10;

        /**
         * {@code waiver}: the document requirement whose low-value waiver excuses the documents when the line, taken as an
         * importation of its own, is worth no more than {@code waiverCents} (-1 and null: none).
         */
        static Cond of(Condition c, String[] docs, String[] warn, long waiverCents, Measure waiver) {
            List<Test> ts = c.tests();
            int n = ts.size();
            byte[] ops = new byte[n];
            String[] text = new String[n];
            long[] num = new long[n];
            int[] scale = new int[n];
            for (int i = 0; i < n; i++) {
                Test t = ts.get(i);
                switch (t) {
                    case Test.DocumentHeld d -> { ops[i] = T_DOC_HELD; text[i] = d.code(); }
                    case Test.DocumentMissing d -> { ops[i] = T_DOC_MISSING; text[i] = d.code(); }
                    case Test.PreferenceClaimed p -> { ops[i] = T_PREFERENCE; text[i] = p.program(); }
                    case Test.EnteredBefore x -> { ops[i] = T_ENTERED_BEFORE; num[i] = x.date().toEpochDay(); }
                    case Test.LoadedBefore l -> { ops[i] = T_LOADED_BEFORE; num[i] = l.date().toEpochDay(); }
                    case Test.ProducerIn p -> ops[i] = T_PRODUCER;
                    case Test.ProducerOnList p -> ops[i] = T_PRODUCER;
                    case Test.ExportedFrom x -> ops[i] = T_EXPORTED_FROM;
                    case Test.ProducedIn p -> ops[i] = T_PRODUCED_IN;
                    case Test.EndUseIn u -> ops[i] = T_END_USE;
                    case Test.UsContentShareAtLeast u -> {
                        BigDecimal p = u.percent();
                        if (p.scale() < 0 || p.scale() > 12 || p.precision() > 12) {
                            ops[i] = T_UNKNOWN;
                        } else {
                            ops[i] = T_US_SHARE;
                            num[i] = p.unscaledValue().longValueExact();
                            scale[i] = p.scale();
                        }
                    }
                    default -> ops[i] = T_UNKNOWN;
                }
            }
            return new Cond(ops, text, num, scale, c.action() instanceof Action.Block, docs, warn, ts.toArray(new Test[0]),
                    waiverCents, waiver);
        }

        /** A measure's conditions (of a document requirement with a low-value waiver, the waiver on each requiring documents). */
        static Cond[] of(Measure m) {
            lodestone.regime.measure.LowValueWaiver w = m.lowValueWaiver();
            long at = -1;
            if (w != null) {
                BigDecimal c = w.atMostUsd().movePointRight(2);
                at = c.precision() - c.scale() > 17 ? Long.MAX_VALUE : c.longValueExact(); // (the loader keeps it to the cent)
            }
            List<Condition> cs = m.conditions();
            Cond[] out = new Cond[cs.size()];
            for (int i = 0; i < out.length; i++) {
                Condition c = cs.get(i);
                String[] docs = null;
                String[] warn = null;
                if (c.action() instanceof Action.RequireDocuments r) {
                    docs = r.documents().toArray(new String[0]);
                    warn = new String[docs.length];
                    for (int k = 0; k < docs.length; k++) warn[k] = Assessor.documentWarning(docs[k]);
                }
                out[i] = docs != null && w != null ? of(c, docs, warn, at, m) : of(c, docs, warn, -1, null);
            }
            return out;
        }
    }

    /** Whether a charge id is a plain token (no comma, quote or line break): the bulk writer then need not check it per line. */
    static boolean plainId(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') return false;
        }
        return true;
    }

    /**
     * A duty's value basis: the customs value, the metal-content value (Section 232), the value less US content, the
     * metal-content value when declared and else the customs value (Section 232 on chapters 73 and 76 from 2025-06-04).
     */
    static final byte CUSTOMS = 0, METAL = 1, NON_US = 2, METAL_IF = 3;

    /**
     * A line's base rate in one column: FREE, PCT or SLOW, with its charge's id, legal base and title; {@code claimed}
     * when it is a special rate granted on a claim (the line then carries the claim's warning).
     */
    record Base(byte kind, long unscaled, int scale, String id, String legal, String title, boolean claimed, boolean plainId,
                List<String> warnings, Term[] terms, byte[] idBytes, int totalsKey) implements ChargeSpec {
        /** A base rate's charge is its own measure, series C, of type base-rate (as the explaining path names it). */
        @Override
        public String measureId() {
            return id;
        }

        @Override
        public char series() {
            return 'C';
        }

        @Override
        public String type() {
            return "base-rate";
        }

        Base(byte kind, long unscaled, int scale, String id, String legal, String title, boolean claimed, boolean plainId,
             List<String> warnings, Term[] terms) {
            this(kind, unscaled, scale, id, legal, title, claimed, plainId, warnings, terms,
                    id == null ? null : ChargeSpec.cell(id), id == null ? -1 : ChargeSpec.totalsKey(id, id));
        }

        Base(byte kind, long unscaled, int scale, String id, String legal, boolean claimed) {
            this(kind, unscaled, scale, id, legal, id == null ? null : "Base rate (" + id + ")", claimed, id == null || FastPath.plainId(id),
                    null, null);
        }
    }

    /**
     * One term of a base rate that is a sum (no bound, nothing subtracted): a specific amount in USD per unit of the
     * declared quantity ({@code basis} null) or of a declared content, or an ad valorem percentage of the customs
     * value ({@code unit} null); the amount or percentage as an unscaled long at a scale.
     */
    record Term(long unscaled, int scale, Unit unit, String basis) { }

    private static final Cond[][] NO_GUARDS = new Cond[0][];
    private static final Base SLOW_BASE = new Base((byte) 3, 0, 0, null, null, false);

    /** A base rate charged as a sum of specific and ad valorem terms ({@link Base#terms}). */
    static final byte SUM = 5;
    /** A base rate with no amount (not modelled, none printed): no charge, the explaining path's warning instead. */
    static final byte NO_CHARGE = 6;
    /**
     * A base rate on the value of a metal content ("2.5% on the value of the lead content", 7801): with no
     * metal-content value declared, no charge and the explaining path's warning (as {@link #NO_CHARGE}); with one, the
     * explaining path computes it.
     */
    static final byte NO_METAL = 7;

    /**
     * What a duty measure's outcome does: charge a plain percentage, charge nothing, needs the slow path, or
     * charge a percentage less the base duty, not below zero ("15% - base MIN 0%": the reciprocal duties'
     * all-in framework treatment, which tops the base rate up to 15 %).
     */
    static final byte PCT = 0, FREE = 1, NONE = 2, SLOW = 3, PCT_LESS_BASE = 4;

    /** Per line and origin: window starts (epoch days, ascending) and the step from each (null: fall back). */
    record Recipe(long[] starts, Step[] steps, Step[] byPeriod) {
        /** The step of a day by its period (see {@link #period}), or by searching the starts when it has none. */
        Step at(long day, int period) {
            Step[] bp = byPeriod;
            return period >= 0 && bp != null ? bp[period] : at(day);
        }

        Step at(long day) {
            long[] st = starts;
            int n = st.length;
            if (n <= 8) { // a few windows (the usual case): a scan of one cache line, no search
                int i = -1;
                while (i + 1 < n && st[i + 1] <= day) i++;
                return i < 0 ? null : steps[i];
            }
            int i = Arrays.binarySearch(st, day);
            if (i < 0) i = -i - 2;
            return i < 0 ? null : steps[i];
        }
    }

    /** Each measure's title by id, as the explaining path names a charge. */
    private final Map<String, String> titles = new java.util.HashMap<>();

    /** The horizon warnings of each entry date met so far: they depend on the date alone, so a line reuses them. */
    private final Map<java.time.LocalDate, List<String>> horizonByDate = new ConcurrentHashMap<>();

    private static final long HORIZON_FROM = java.time.LocalDate.of(2000, 1, 1).toEpochDay();
    @SuppressWarnings("unchecked")
    private final List<String>[] horizonByDay = new List[50 * 366]; // 2000-2049: an array load instead of a hash lookup

    private List<String> horizon(java.time.LocalDate date, long day) {
        long d = day - HORIZON_FROM;
        if (d >= 0 && d < horizonByDay.length) {
            List<String> w = horizonByDay[(int) d];
            if (w == null) horizonByDay[(int) d] = w = List.copyOf(a.regime().horizonWarnings(date, "USD"));
            return w;
        }
        List<String> w = horizonByDate.get(date);
        if (w != null) return w;
        w = List.copyOf(a.regime().horizonWarnings(date, "USD"));
        if (horizonByDate.size() < 20_000) horizonByDate.put(date, w); // a file's dates are few; a fuzzed one's need not be
        return w;
    }

    /** The compiled steps the lines assessed so far can reach, one entry per object (for tests of the plan's sharing). */
    List<Step> stepsInUse() {
        Set<Step> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Set<Row> rowsSeen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (LineFast l : byLine) {
            if (l == null || !rowsSeen.add(l.row)) continue;
            for (Recipe r : l.row.bySlot) {
                if (r == null) continue;
                for (Step st : r.steps()) if (st != null) seen.add(st);
            }
        }
        return List.copyOf(seen);
    }

    /** How many recipe rows the lines compiled so far share, and how many lines there are (for tests). */
    int[] rowsAndLines() {
        Set<Row> rowsSeen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        int n = 0;
        for (LineFast l : byLine) {
            if (l == null) continue;
            n++;
            rowsSeen.add(l.row);
        }
        return new int[]{rowsSeen.size(), n};
    }

    /** The assessment as {@link Assessor#assessWithoutTrail} gives it, or null when this line needs the slow path. */
    Assessment assess(Entry e) {
        BulkResult r = new BulkResult();
        if (!assess(e, r)) return null;
        if (r.rejected()) throw new EntryRejected(r.rejectField(), r.rejectReason());
        return r.toAssessment(a.regime().id(), a.regime().version());
    }

    /**
     * Fills {@code out} with the line's result as {@link Assessor#assessWithoutTrail} would give it, in long
     * cents and references to compiled strings (nothing allocated for an ordinary line), and returns true;
     * false when this line needs the slow path ({@code out} is then undefined). A line whose HTS code the schedule
     * does not have is answered with the explaining path's rejection ({@link BulkResult#rejected}): it checks the code
     * first, so its answer is that rejection whatever else the line holds.
     */
    boolean assess(Entry e, BulkResult out) {
        out.clearReject();
        if (!enabled) return false;
        boolean given = out.givenFor(e); // the reader's cents and interned codes for this very entry
        // a line the reader vouches for as plain (BulkResult#givenPlain): its facts as the reader kept them, the entry
        // itself not read (in the bulk loop's answering pass it is no longer in cache: its loads were a tenth of the pass)
        boolean plain = given && out.givenPlain;
        if (!plain) {
            if (e.bom() != null || !"USD".equals(e.currency())) return false;
            if (e.hts() == null || e.origin() == null || e.entryDate() == null || e.customsValue() == null) return false;
            if (e.customsValue().signum() < 0 || (e.quantity() != null && e.quantity().signum() < 0)
                    || (e.usContentValue() != null && e.usContentValue().signum() < 0)
                    || (e.metalContentValue() != null && e.metalContentValue().signum() < 0)) return false;
            List<Entry.Content> contents = e.contents();
            for (int i = 0, nc = contents.size(); i < nc; i++) {
                // a bare content unit (no basis) is read with an assumption the explaining path states
                if (contents.get(i).quantity().signum() < 0 || contents.get(i).basis() == null) return false;
            }
        }
        Object code; // the code's compiled line, or the rejection of a code the schedule does not have (see code())
        Interned hi = given ? out.givenHts : null;
        if (hi != null && hi.owner == this) {
            code = hi.value;
        } else {
            code = code(e.hts());
            if (hi != null && hi.text().equals(e.hts())) {
                hi.value = code;
                hi.owner = this;
            }
        }
        if (code instanceof String why) {
            out.reject("hts", why);
            return true;
        }
        LineFast lf = (LineFast) code;
        if (lf == null) return false;
        // a declared unit the line's units cannot take: the explaining path's warning, first among the line's own
        Unit unit = plain ? out.givenUnit : e.unit();
        String misfit = null;
        if (unit != null && unit != lf.fits) { // the unit last seen to fit this line needs no second look
            if (UnitCheck.fits(lf.units, unit)) lf.fits = unit;
            else misfit = lf.misfit(unit);
        }
        int country;
        int slot;
        Interned oi = given ? out.givenOrigin : null;
        if (oi != null && oi.owner == this) {
            country = oi.index;
            slot = oi.slot;
        } else {
            country = country(e.origin());
            slot = country < 0 ? -1 : slot(country);
            if (oi != null && oi.text().equals(e.origin())) {
                oi.index = country;
                oi.slot = slot;
                oi.owner = this;
            }
        }
        if (country < 0) return false;
        if (!plain && !knownDeclarations(e)) return false; // an unknown region or end use: the slow path rejects the line
        java.time.LocalDate date = plain ? out.givenDate : e.entryDate();
        long day = plain ? out.givenDay : date.toEpochDay();
        CompiledPlan.LinePlan plan = lf.plan;
        boolean col2 = a.column2Windows().covers(country, day);
        Base b;
        List<String> warnings = List.of();
        String preference = plain ? null : e.preference();
        Special sp = preference == null ? null : special(preference);
        if (preference != null && sp == null) return false; // an unknown program: the slow path rejects the line
        if (sp != null && !col2) { // a column 2 origin pays column 2 whatever it claims
            if (!eligible(sp, country, date, day)) return false;
            b = lf.special(sp.number);
            if (b == null) b = lf.special(sp.number, shared(specialBase(plan, preference)));
            if (b.claimed()) warnings = sp.warning;
        } else if (col2) {
            b = lf.column2;
            if (b == null) lf.column2 = b = shared(base(plan, true));
        } else {
            b = lf.general; // compiled with the line
        }
        boolean metalDeclared = !plain && e.metalContentValue() != null;
        boolean atGeneral = b == lf.general; // (then its fields as the line keeps them: the base object is not read)
        byte baseKind = atGeneral ? lf.generalKind : b.kind();
        if (baseKind == SLOW || (baseKind == NO_METAL && metalDeclared)) return false;
        if (misfit != null) { // (a specific base rate in a unit the declared quantity is not in: the explaining path says how)
            if (baseKind == SUM) return false;
            List<String> w = new ArrayList<>(1 + warnings.size() + (b.warnings() == null ? 0 : b.warnings().size()));
            w.add(misfit);
            w.addAll(baseKind == NO_CHARGE || baseKind == NO_METAL ? b.warnings() : warnings);
            warnings = w;
        }
        Row row = lf.row;
        int period = period(day);
        // the day's step by (origin slot, period) in the row's flat table, a number into the table of steps (see Row)
        short[] ix = row.stepAt;
        int at = slot * nPeriods + period;
        int number = period >= 0 && at < ix.length ? ix[at] : 0;
        Step[] table = steps;
        Step s = number > 0 && number <= table.length ? table[number - 1] : null;
        if (s == null) {
            Recipe r = recipe(row, plan, country, slot);
            s = r.at(day, period);
            if (s == null) return false;
            // remembered by period only when the recipe's windows start on period starts (its step is then the period's)
            if (period >= 0 && r.byPeriod() != null) row.remember(slot * nPeriods + period, number(s));
        }

        long v = given && out.givenValue >= 0 ? out.givenValue : cents(e.customsValue());
        if (v < 0) return false;
        boolean usDeclared = !plain && e.usContentValue() != null;
        long us = !usDeclared ? -1 : given && out.givenUs >= 0 ? out.givenUs : cents(e.usContentValue());
        long metal = !metalDeclared ? -1 : given && out.givenMetal >= 0 ? out.givenMetal : cents(e.metalContentValue());
        if ((usDeclared && us < 0) || (metalDeclared && metal < 0)) return false;
        out.clearDocuments();
        Cond[][] guards = s.guardsNeedParty() && (plain || e.producer() == null && e.exportCountry() == null
                && e.productionRegions().isEmpty() && e.endUse() == null) ? NO_GUARDS : s.guards();
        for (int i = 0; i < guards.length; i++) {
            if (guard(guards[i], e, country, v, us, out) != 0) return false;
        }
        Duty[] ds = s.duties();
        int n = ds.length;
        out.begin(n + 1);
        long baseCents = baseKind == PCT
                ? (atGeneral ? percent(v, lf.generalUnscaled, lf.generalScale) : percent(v, b.unscaled(), b.scale()))
                : baseKind == SUM ? sum(b.terms(), e, v) : 0;
        if (baseCents < 0) return false;
        if (baseKind == NO_CHARGE || baseKind == NO_METAL) { // no claim is granted with it (specialBase never gives one)
            if (misfit == null) warnings = b.warnings();
        } else {
            out.charge(b, atGeneral ? lf.generalCell : b.idBytes(), atGeneral ? lf.generalKey : b.totalsKey(), baseCents);
        }
        List<String> dw = plain || e.documents().isEmpty() || documentUse.silent(e.documents()) ? List.of()
                : documentUse.warnings(e.documents(), e.entryDate());
        if (!dw.isEmpty()) {
            // the explaining path's warnings for declared documents that change nothing: after the unit's, before the rest
            List<String> w = new ArrayList<>(warnings.size() + dw.size());
            int k = misfit != null ? 1 : 0;
            w.addAll(warnings.subList(0, k));
            w.addAll(dw);
            w.addAll(warnings.subList(k, warnings.size()));
            warnings = w;
        }
        long total = baseCents;
        if (s.simple() && (us < 0 || !s.onNonUs())) { // every duty a plain percentage of the customs value
            for (int k = 0; k < n; k++) {
                Duty d = ds[k];
                long cents = d.kind() == PCT ? percent(v, d.unscaled(), d.scale()) : 0;
                if (cents < 0) return false;
                total += cents;
                out.charge(d, cents);
            }
            if (metalDeclared) warnings = metalUnused(warnings, lf); // no duty here is on a metal content's value
            return finish(e, plain, out, s, atGeneral ? lf.generalPlainId : b.plainId(), lf, country, date, day, v, total,
                    warnings);
        }
        // every duty's outcome first (stacking needs to know which displacing measures apply) ...
        byte[] kinds = out.kinds(n);
        long[] ps = out.percents(n);
        int[] scs = out.scales(n);
        for (int k = 0; k < n; k++) {
            Duty d = ds[k];
            byte kind = d.kind();
            long p = d.unscaled();
            int sc = d.scale();
            Cond[] cs = d.conditions();
            for (int j = 0; j < cs.length; j++) {
                int h = holds(cs[j], e, country, v, us);
                if (h < 0) return false;
                if (h == 0) continue;
                if (cs[j].docs() != null) { // a documents condition informs; it does not decide the duty
                    out.requireDocuments(cs[j].docs(), cs[j].docWarnings());
                    continue;
                }
                kind = d.condKind()[j];
                p = d.condUnscaled()[j];
                sc = d.condScale()[j];
                break;
            }
            if (kind == SLOW) return false;
            kinds[k] = kind;
            ps[k] = p;
            scs[k] = sc;
        }
        // ... then each amount on its portion of value: its basis less what applied displacing measures charge on
        boolean metalUsed = false; // (as the explaining path: a basis on the metal content's value computed for an applied duty)
        List<String> notDeclared = null; // a duty on the metal content's value if declared, charged on the whole value: its warning
        for (int k = 0; k < n; k++) {
            byte kind = kinds[k];
            if (kind == NONE) continue;
            Duty d = ds[k];
            long full = basisValue(d, v, us, metal);
            if (full < 0) return false;
            metalUsed |= d.basis() == METAL || (d.basis() == METAL_IF && metal >= 0);
            long value = full;
            for (int x : d.displacers()) {
                if (kinds[x] == NONE) continue;
                metalUsed |= ds[x].basis() == METAL || (ds[x].basis() == METAL_IF && metal >= 0);
                long portion = basisValue(ds[x], v, us, metal);
                if (portion < 0) return false;
                value = Math.max(0, value - portion);
            }
            if (value == 0 && full > 0) continue; // the whole value is charged under displacing measures
            if (d.basis() == METAL_IF && metal < 0) {
                // two such duties on one line with different words: not met in a regime so far, the explaining path says both
                if (notDeclared != null && !notDeclared.equals(d.notDeclared())) return false;
                notDeclared = d.notDeclared();
            }
            long cents;
            if (kind == PCT) {
                cents = percent(value, ps[k], scs[k]);
            } else if (kind == PCT_LESS_BASE) {
                // 'base' is the base duty on the same portion of the customs value (base × value ÷ customs value)
                cents = value != v && v != 0 ? portionLessBase(value, v, ps[k], scs[k], baseCents)
                        : percentLessBase(value, ps[k], scs[k], baseCents);
            } else {
                cents = 0;
            }
            if (cents < 0) return false;
            total += cents;
            out.charge(d, cents);
        }
        if (metalDeclared && !metalUsed) warnings = metalUnused(warnings, lf);
        if (notDeclared != null) { // (after the word on an unused metal-content value, as the explaining path: the two exclude each other)
            if (warnings.isEmpty()) {
                warnings = notDeclared;
            } else {
                List<String> w = new ArrayList<>(warnings.size() + 1);
                w.addAll(warnings);
                w.add(notDeclared.get(0));
                warnings = w;
            }
        }
        return finish(e, plain, out, s, atGeneral ? lf.generalPlainId : b.plainId(), lf, country, date, day, v, total,
                warnings);
    }

    /**
     * The line's warnings with the explaining path's word that a declared metal-content value was not used, last. The text
     * is made once a code (and so encoded once by the writer, which keeps texts by identity): built afresh a line, it cost
     * the 3 % of BulkBench's lines that carry it ~0.05 s a million lines.
     */
    private static List<String> metalUnused(List<String> warnings, LineFast lf) {
        List<String> only = lf.metalUnused;
        if (only == null) lf.metalUnused = only = List.of(Assessor.metalValueUnused(lf.code));
        if (warnings.isEmpty()) return only;
        List<String> w = new ArrayList<>(warnings.size() + 1);
        w.addAll(warnings);
        w.add(only.get(0));
        return w;
    }

    /**
     * The one table of each content: thousands of (line, origin) pairs share a handful of distinct gap tables, and a line
     * that reaches a shared one finds it in cache (a table of its own per pair had been a miss or two a line: ~6 % of
     * the bulk pass, profiled in session 25).
     */
    private final java.util.concurrent.ConcurrentHashMap<List<Object>, Horizon.GapTable> gapTables = new java.util.concurrent.ConcurrentHashMap<>();

    private Horizon.GapTable canonical(Horizon.GapTable g) {
        List<Object> key = new ArrayList<>(g.fromDay().length + 1);
        for (long d : g.fromDay()) key.add(d);
        key.add(g.warnings());
        return gapTables.computeIfAbsent(List.copyOf(key), k -> g);
    }

    /** The known gaps' warnings of a line and origin by date, made on first use (by origin slot, on the line). */
    private Horizon.GapTable gapTable(LineFast lf, int country) {
        int slot = slot(country);
        Horizon.GapTable[] t = lf.gapsBySlot;
        Horizon.GapTable g = slot < t.length ? t[slot] : null;
        if (g == null) {
            g = canonical(a.regime().horizon().gapTable(lf.line.digits(), a.countryCodes().get(country)));
            if (slot >= t.length) t = Arrays.copyOf(t, Math.max(slot + 1, nSlots));
            t[slot] = g;
            lf.gapsBySlot = t; // racing threads may lose a table: it is made again, never misread
        }
        return g;
    }

    /** The line's effective rate and totals into {@code out}; false when an amount does not fit (the slow path answers). */
    private boolean finish(Entry e, boolean plain, BulkResult out, Step s, boolean basePlainId, LineFast lf, int country,
                           java.time.LocalDate date, long day, long v, long total, List<String> warnings) {
        String code = lf.code;
        List<String> rw = s.regionWarnings();
        if (!rw.isEmpty() && (plain || e.productionRegions().isEmpty())) { // after the line's others, as the explaining path
            if (warnings.isEmpty()) {
                warnings = rw;
            } else {
                List<String> w = new ArrayList<>(warnings.size() + rw.size());
                w.addAll(warnings);
                w.addAll(rw);
                warnings = w;
            }
        }
        List<String> horizon = horizon(date, day);
        if (lf.gapped || originGapped[country]) { // a known gap that names this line's codes or its origin: its warning after the date's, as the explaining path says them
            List<String> g = gapTable(lf, country).on(day);
            if (!g.isEmpty()) {
                List<String> h = new ArrayList<>(horizon.size() + g.size());
                h.addAll(horizon);
                h.addAll(g);
                horizon = h;
            }
        }
        long rate;
        if (v == 0) {
            if (total != 0) return false; // no rate of a duty on a value of 0: the explaining path says so
            rate = 0;
        } else {
            if (total > Long.MAX_VALUE / 20_000) return false;
            long x = total * 10_000; // total ÷ value × 100, in hundredths, half-up
            rate = x / v;
            if ((x - rate * v) * 2 >= v) rate++; // the remainder without a second division
        }
        if (v > Long.MAX_VALUE / 2 - total) return false;
        String deMinimis = v <= deMinimisCents && day < deMinimisEnd[country] && total > 0 ? deMinimisWarning[country] : null;
        out.finish(plain ? out.givenLineId : e.lineId(), code, a.countryCodes().get(country), date, v, total, rate,
                horizon, warnings, s.plainIds() && basePlainId,
                plain ? Set.of() : e.documents(), deMinimis);
        return true;
    }

    /** Whether the line's production regions and end use, if declared, are ones the regime lists. */
    private boolean knownDeclarations(Entry e) {
        for (String r : e.productionRegions()) if (a.regime().region(r).isEmpty()) return false;
        // an export country the geography does not know (a name, "HONG KONG"): the slow path rejects the line
        if (e.exportCountry() != null && !e.exportCountry().isBlank() && country(e.exportCountry()) < 0) return false;
        return e.endUse() == null || a.regime().endUse(e.endUse()).isPresent();
    }

    /** An amount rounded half-up to the cent, in cents; -1 when it has more than 17 digits (the slow path answers). */
    private static long cents(BigDecimal x) {
        int sc = x.scale();
        if (sc == 2 && x.precision() <= 17) return x.unscaledValue().longValue();
        BigDecimal c = x.setScale(2, RoundingMode.HALF_UP);
        return c.precision() > 17 ? -1 : c.unscaledValue().longValue();
    }

    /**
     * A duty's value basis in cents, as {@code Assessor.basisValue} computes it; -1 when only the slow path can
     * answer (no metal-content value declared: it rejects the line; a product that overflows).
     */
    private static long basisValue(Duty d, long v, long us, long metal) {
        return switch (d.basis()) {
            case METAL -> metal < 0 ? -1 : Math.min(metal, v);
            case METAL_IF -> metal < 0 ? v : Math.min(metal, v);
            case NON_US -> {
                if (us < 0 || v <= 0) yield v;
                int ge = shareAtLeast(us, v, d.shareUnscaled(), d.shareScale());
                if (ge < 0) yield -1;
                yield ge == 1 ? Math.max(0, v - us) : v;
            }
            default -> v;
        };
    }

    /** Whether us × 100 ≥ percent × v (percent = unscaled × 10^-scale): 1 or 0, -1 on overflow. */
    private static int shareAtLeast(long us, long v, long unscaled, int scale) {
        if (scale < 0 || scale > 16) return -1;
        long left;
        long right;
        try {
            left = Math.multiplyExact(Math.multiplyExact(us, 100L), POW10[scale]);
            right = Math.multiplyExact(unscaled, v);
        } catch (ArithmeticException overflow) {
            return -1;
        }
        return left >= right ? 1 : 0;
    }

    /**
     * What the fast path needs of one HTS line, reached with one lookup of the declared code: the line, its plan
     * and units of quantity, its base rates in each column, and its recipes by country of origin. Filled lazily;
     * every field holds an immutable value, so a race at worst builds one twice.
     */
    static final class LineFast {
        final HtsLine line;
        /** The line's code, kept here so that a result names it without reading the line (another object, another miss). */
        final String code;
        final CompiledPlan.LinePlan plan;
        final Unit[] units;
        /** A declared unit seen to fit the line's units (any thread may set it: every value it is set to fits). */
        Unit fits;
        /** The warning for the declared unit last seen not to fit this line (any thread may set it: each is a true pair). */
        Misfit misfit;
        /** The recipes by origin of every line with this line's candidate measures (see {@link Row}). */
        final Row row;
        final Base general;
        /**
         * The general base rate's kind, percentage and charge cell, copied here: a line answered at the general rate then
         * reads this object only, not its base rate (thousands of distinct ones, one cache miss a line).
         */
        final byte generalKind;
        final long generalUnscaled;
        final int generalScale;
        final byte[] generalCell;
        /** Its totals number ({@link ChargeSpec#totalsKey}), for the same reason. */
        final int generalKey;
        final boolean generalPlainId;
        /** Whether a known gap that names codes touches this line on some date (then each answer asks which bear on it). */
        final boolean gapped;
        /** The known gaps' warnings by date for each origin slot met (see {@link #gapTable}). */
        Horizon.GapTable[] gapsBySlot = new Horizon.GapTable[0];
        Base column2;
        /** The warning that a declared metal-content value was not used, made once (any thread may set it: every value is equal). */
        List<String> metalUnused;

        /** The line's base rate under each preference program met so far, by its {@link Special#number} (null: not yet). */
        private volatile Base[] special = new Base[0];

        Base special(int program) {
            Base[] s = special;
            return program < s.length ? s[program] : null;
        }

        /** Keeps the line's base rate under a program (a racing thread may lose one: compiled again, never misread). */
        Base special(int program, Base b) {
            Base[] s = special;
            s = Arrays.copyOf(s, Math.max(s.length, program + 1));
            s[program] = b;
            special = s;
            return b;
        }

        /** The explaining path's warning for a declared unit that is not one of this line's units of quantity. */
        String misfit(Unit unit) {
            Misfit m = misfit;
            if (m == null || m.unit() != unit) misfit = m = new Misfit(unit, UnitCheck.warning(line, unit));
            return m.warning();
        }

        record Misfit(Unit unit, String warning) { }

        LineFast(HtsLine line, CompiledPlan.LinePlan plan, Row row, Base general, boolean gapped) {
            this.line = line;
            this.gapped = gapped;
            this.code = line.code();
            this.plan = plan;
            this.units = UnitCheck.units(line);
            this.general = general;
            this.generalKind = general.kind();
            this.generalUnscaled = general.unscaled();
            this.generalScale = general.scale();
            this.generalCell = general.idBytes();
            this.generalKey = general.totalsKey();
            this.generalPlainId = general.plainId();
            this.row = row;
        }
    }

    /**
     * Recipes by the origin's slot (see slot()), shared by the lines with the same candidate measures (the same
     * {@code CompiledPlan.CandidateSet}: the same candidates for every country, so the same recipe for each): a file's few
     * origins take the first slots, so the array is a few dozen references, and the rows a file's thousands of codes
     * use are a few hundred — the plan data a file touches then stays in cache. Filled lazily; a racing thread may lose
     * a recipe (compiled again, never misread).
     */
    static final class Row {
        Recipe[] bySlot;
        /**
         * The step of each (origin slot, period) met so far, flat: at {@code slot × periods + period} the step's number in
         * {@link FastPath#steps} plus one (0: not yet known). A line reads one short here and one reference in the
         * (small, shared) table of steps, instead of following the slot's recipe to its array of steps by period: two
         * dependent loads fewer, and two bytes a period instead of a reference. Grown by copying; a racing thread may
         * lose an entry (found again through the recipe), never misread one (a number, once given, names one step).
         */
        volatile short[] stepAt = new short[0];
        private final int periods;

        Row(int slotsSoFar, int periods) {
            this.bySlot = new Recipe[Math.max(8, slotsSoFar + 8)];
            this.periods = periods;
        }

        void remember(int at, int number) {
            if (number <= 0) return; // more steps than a short numbers: found through the recipe each time
            short[] ix = stepAt;
            if (at >= ix.length) ix = Arrays.copyOf(ix, Math.max(at + 1, Math.max(ix.length * 2, 8 * periods)));
            ix[at] = (short) number;
            stepAt = ix;
        }
    }

    /** The recipe of a row's lines for an origin (its slot's), compiled on first use. */
    private Recipe recipe(Row row, CompiledPlan.LinePlan plan, int country, int slot) {
        Recipe[] rs = row.bySlot;
        Recipe r = slot < rs.length ? rs[slot] : null;
        if (r == null) {
            int[] cands = plan.candidates(country);
            r = recipes.get(cands);
            if (r == null) {
                r = compile(cands, country);
                recipes.put(cands, r);
            }
            if (slot >= rs.length) rs = Arrays.copyOf(rs, Math.max(slot + 1, rs.length * 2));
            rs[slot] = r;
            row.bySlot = rs; // racing threads may lose a recipe: it is compiled again (recipes caches it), never misread
        }
        return r;
    }

    /*
     * Every step met, numbered from 1 in the order met (the rows' flat tables hold the numbers): a few hundred for a
     * file, so the table stays in cache. Only grows; a number, once given, names the same step in every later table.
     */
    private volatile Step[] steps = new Step[0];
    private final Map<Step, Integer> stepNumbers = new java.util.IdentityHashMap<>();

    /** The step's number (1-based) in {@link #steps}; 0 beyond what a short holds. */
    private int number(Step s) {
        synchronized (stepNumbers) {
            Integer n = stepNumbers.get(s);
            if (n != null) return n;
            if (stepNumbers.size() >= Short.MAX_VALUE) return 0;
            int k = stepNumbers.size() + 1;
            Step[] t = steps;
            if (t.length < k) steps = t = Arrays.copyOf(t, Math.max(k, t.length * 2)); // (unfilled places read null: not yet)
            t[k - 1] = s;
            stepNumbers.put(s, k);
            return k;
        }
    }

    private final Map<CompiledPlan.CandidateSet, Row> rows = new ConcurrentHashMap<>();

    /**
     * The declared code's compiled line; for a code the schedule does not have, the explaining path's rejection (its
     * words, a String: kept on the reader's interned code, a repeated unknown code is neither resolved nor searched for
     * its nearest codes again); null when the slow path answers (a blank code, a line that is not declarable).
     */
    private Object code(String hts) {
        LineFast l = codes.get(hts);
        if (l != null) return l;
        if (hts.isBlank()) return null; // "missing HTS code": the slow path
        HtsLine line = a.regime().hts().resolve(hts).orElse(null);
        // the explaining path checks the code first, so an unknown code's answer is this rejection whatever else the line holds
        if (line == null) return Assessor.unknownCode(a.regime(), hts);
        String notRated = Assessor.notATariffLine(a.regime(), line);
        if (notRated != null) return notRated; // (checked first by the explaining path too: the same rejection)
        if (!line.declarable()) return null;
        String d = lodestone.regime.nomenclature.Nomenclature.digitsOf(hts);
        if (d != null && !d.equals(line.digits())) return null; // a completed code: warned or refused by the explaining path
        l = byLine[line.index()];
        if (l == null) byLine[line.index()] = l = newLine(line);
        if (codes.size() < CACHE_CAP) codes.put(hts, l);
        return l;
    }

    private LineFast newLine(HtsLine line) {
        CompiledPlan.LinePlan plan = a.plan(line);
        Row row = rows.computeIfAbsent(plan.byOrigin(), k -> new Row(nSlots, nPeriods));
        return new LineFast(line, plan, row, shared(base(plan, false)), a.regime().horizon().anyCodedGapTouches(line.digits()));
    }

    /** Each country's slot in {@link Row#bySlot}, numbered in the order countries are first met (-1: none yet). */
    private final int[] slots;
    private int nSlots;

    private int slot(int country) {
        int s = slots[country];
        if (s >= 0) return s;
        synchronized (slots) {
            if (slots[country] < 0) slots[country] = nSlots++;
            return slots[country];
        }
    }

    private int country(String origin) {
        Integer i = countries.get(origin);
        if (i != null) return i;
        if (origin.isBlank()) return -1;
        String alpha2 = a.regime().geography().country(origin).map(c -> c.alpha2()).orElse(null);
        int idx = alpha2 == null ? -1 : a.countryCodes().indexOf(alpha2);
        if (idx >= 0 && countries.size() < CACHE_CAP) countries.put(origin, idx);
        return idx;
    }

    // ------------------------------------------------------------------ compiling

    /** value (cents) × percent (unscaled at scale) ÷ 100, rounded half-up to the cent; -1 on overflow. */
    private static long percent(long v, long p, int scale) {
        long hi = Math.multiplyHigh(v, p);
        long lo = v * p;
        if (hi != 0 || lo < 0) return -1;
        if (scale == PCT_SCALE) { // the usual rate (see fixed): one constant divisor, no switch
            long q = lo / 1_000_000;
            return (lo - q * 1_000_000) * 2 >= 1_000_000 ? q + 1 : q;
        }
        return halfUp(lo, 2 + scale);
    }

    /**
     * {@code x ÷ 10^k} rounded half-up, for a non-negative x: the divisor a constant for the usual k (the JIT
     * then multiplies instead of dividing: a 64-bit division costs ~40 cycles, several a line).
     */
    static long halfUp(long x, int k) {
        long q = switch (k) {
            case 2 -> x / 100;
            case 3 -> x / 1_000;
            case 4 -> x / 10_000;
            case 5 -> x / 100_000;
            case 6 -> x / 1_000_000;
            default -> x / POW10[k];
        };
        long r = x - q * POW10[k];
        return r * 2 >= POW10[k] ? q + 1 : q;
    }

    /**
     * The base rate a line's charge 0 is computed from, as {@code Assessor.baseDuty} chooses it without a preference
     * claim: a plain percentage, free, a sum of specific and ad valorem terms, or no charge with the explaining path's
     * warning (no rate printed, or a rate not modelled).
     */
    private static Base base(CompiledPlan.LinePlan plan, boolean column2) {
        String id = column2 ? "column2" : "general";
        if (plan.rates().rates().isEmpty()) {
            return noCharge(id, "no base rate is printed for " + plan.line().code() + " or its parents");
        }
        BaseRate chosen = column2 ? plan.column2() : plan.general();
        if (chosen == null) return noCharge(id, "no " + id + " rate is printed for " + plan.line().code());
        if (!chosen.modelled()) {
            String printed = plan.rates().from() == null ? "" : " printed on " + plan.rates().from().code();
            return noCharge(id, id + " rate not modelled: '" + chosen.sourceText() + "'" + printed + "; no amount computed for it");
        }
        if (!chosen.expression().valueBases().isEmpty()) {
            return new Base(NO_METAL, 0, 0, id, null, null, false, true, List.of(Assessor.metalValueWarning(id, chosen)), null);
        }
        String legal = chosen == plan.general() ? plan.generalLegal() : plan.column2Legal();
        long[] u = new long[1];
        int[] sc = new int[1];
        byte kind = plain(chosen.expression(), u, sc, 0);
        if (kind == PCT || kind == FREE) return new Base(kind, u[0], sc[0], id, legal, false);
        Term[] terms = terms(chosen.expression());
        if (terms == null) return SLOW_BASE;
        return new Base(SUM, 0, 0, id, legal, "Base rate (" + id + ")", false, plainId(id), null, terms);
    }

    /**
     * Equal base rates are one object ({@link #canon}): thousands of lines share a few dozen rates ("Free", "2.5%"), so
     * the base rate a line reads is in cache instead of one cold object (and its id bytes) per line. The key leaves out
     * only what follows from the id (its bytes, whether it is plain).
     */
    private Base shared(Base b) {
        return canon(b, b.kind(), b.unscaled(), b.scale(), b.id(), b.legal(), b.title(), b.claimed(), b.warnings(), b.terms());
    }

    private static Base noCharge(String id, String warning) {
        return new Base(NO_CHARGE, 0, 0, id, null, null, false, true, List.of(warning), null);
    }

    /**
     * The terms of "a USD/kg of X + b USD/kg of Y + p%": one segment, no bound, every term added, each a specific
     * amount in USD or a percentage of the customs value; null for anything else (the explaining path answers).
     */
    private static Term[] terms(DutyExpression e) {
        if (e.segments().size() != 1) return null;
        DutyExpression.Segment seg = e.segments().get(0);
        if (seg.bound() != DutyExpression.Bound.NONE || seg.terms().isEmpty()) return null;
        Term[] out = new Term[seg.terms().size()];
        for (int i = 0; i < out.length; i++) {
            DutyExpression.Term t = seg.terms().get(i);
            if (t.negative()) return null;
            BigDecimal x;
            Unit unit = null;
            String basis = null;
            if (t.component() instanceof DutyExpression.Specific sp) {
                if (!"USD".equals(sp.currency()) || sp.unit() == null) return null;
                x = sp.amount();
                unit = sp.unit();
                basis = sp.basis();
            } else if (t.component() instanceof DutyExpression.AdValorem av && av.basis() == null) {
                x = av.percent();
            } else {
                return null;
            }
            if (x.signum() < 0 || x.scale() < 0 || x.scale() > 9 || x.precision() > 12) return null;
            out[i] = new Term(x.unscaledValue().longValueExact(), x.scale(), unit, basis);
        }
        return out;
    }

    /**
     * A sum base rate in cents, rounded half-up once as the explaining path rounds the exact sum: each specific term is
     * its amount × the declared quantity (or content) in the rate's own unit, each ad valorem term value × p ÷ 100, all
     * exact in longs at a common scale; -1 when only the explaining path can answer (a quantity or content missing or in
     * another unit — it converts, rejects or assumes — or a product that does not fit).
     */
    private static long sum(Term[] terms, Entry e, long v) {
        long[] un = new long[terms.length]; // at most a few terms: a tiny array the JIT keeps off the heap
        int[] sc = new int[terms.length];
        int top = 2;
        try {
            for (int i = 0; i < terms.length; i++) {
                Term t = terms[i];
                if (t.unit() == null) { // p% of the value: v cents × p at scale 2 + scale(p) + 2
                    un[i] = Math.multiplyExact(v, t.unscaled());
                    sc[i] = t.scale() + 4;
                } else {
                    BigDecimal q;
                    if (t.basis() == null) {
                        if (e.unit() != t.unit() || e.quantity() == null) return -1;
                        q = e.quantity();
                    } else {
                        Entry.Content c = e.content(t.basis());
                        if (c == null || c.unit() != t.unit()) return -1;
                        q = c.quantity();
                    }
                    if (q.signum() < 0 || q.scale() < 0 || q.scale() > 9 || q.precision() > 18) return -1;
                    long lq = q.scale() == 0 ? q.longValue() : q.unscaledValue().longValue();
                    un[i] = Math.multiplyExact(t.unscaled(), lq);
                    sc[i] = t.scale() + q.scale();
                }
                top = Math.max(top, sc[i]);
            }
            if (top > 18) return -1;
            long total = 0;
            for (int i = 0; i < terms.length; i++) total = Math.addExact(total, Math.multiplyExact(un[i], POW10[top - sc[i]]));
            return halfUp(total, top - 2);
        } catch (ArithmeticException overflow) {
            return -1;
        }
    }

    /**
     * A preference program as the fast path meets it: its number among the programs met (a line's special bases are
     * kept by it, {@link LineFast#special}), the warning a claim granted without a bill of materials carries, and whether
     * each origin is eligible on each day, remembered as it is answered (a claim's look-up was ~140 ns a line: the
     * program's sets and country group's memberships, and a base array as long as the schedule).
     */
    static final class Special {
        final PreferenceProgram program;
        final int number;
        final List<String> warning;
        /** By country index, by day since 2000-01-01 (2000-2049): 0 not known yet, 1 not eligible, 2 eligible. */
        private final byte[][] eligible;

        Special(PreferenceProgram program, int number, List<String> warning, int countries) {
            this.program = program;
            this.number = number;
            this.warning = warning;
            this.eligible = new byte[countries][];
        }
    }

    private final Map<String, java.util.Optional<Special>> specials = new ConcurrentHashMap<>();

    private Special special(String program) {
        java.util.Optional<Special> sp = specials.get(program);
        if (sp != null) return sp.orElse(null);
        if (specials.size() > 256) return null;
        synchronized (specials) {
            return specials.computeIfAbsent(program, p -> a.regime().geography().program(p).map(prog -> new Special(prog,
                    specials.size(), List.of("preference " + p + " accepted as declared: origin was not verified (no bill of materials)"),
                    a.countryCodes().size()))).orElse(null);
        }
    }

    /** Whether the origin is eligible for the program on the entry date, as {@code PreferenceProgram.eligible} answers. */
    private boolean eligible(Special sp, int country, LocalDate date, long day) {
        long d = day - HORIZON_FROM;
        if (d < 0 || d >= horizonByDay.length) return sp.program.eligible(a.countryCodes().get(country), date, a.regime().geography());
        byte[] known = sp.eligible[country];
        if (known == null) sp.eligible[country] = known = new byte[horizonByDay.length]; // a race at worst answers a day twice
        byte k = known[(int) d];
        if (k == 0) known[(int) d] = k = sp.program.eligible(a.countryCodes().get(country), date, a.regime().geography()) ? (byte) 2 : 1;
        return k == 2;
    }

    /**
     * The special rate claimed, as {@code Assessor.baseDuty} grants it to an eligible origin without a
     * bill of materials; SLOW when it would not be granted or not be plain (the slow path then explains).
     * A line with no special rate for the program whose general rate is free needs no claim: the general
     * rate, without the claim's warning, as the slow path answers it.
     */
    private static Base specialBase(CompiledPlan.LinePlan plan, String program) {
        if (plan.rates().rates().isEmpty()) return SLOW_BASE;
        BaseRate chosen = plan.rates().special(program).orElse(null);
        if (chosen == null && plan.general() != null && plan.general().modelled() && plan.general().expression().isFree()) {
            return new Base(FREE, 0, 0, "general", plan.generalLegal(), false);
        }
        if (chosen == null || !chosen.modelled()) return SLOW_BASE;
        long[] u = new long[1];
        int[] sc = new int[1];
        byte kind = plain(chosen.expression(), u, sc, 0);
        if (kind != PCT && kind != FREE) return SLOW_BASE;
        Nomenclature.RatedLine rated = plan.rates();
        String legal = chosen == plan.general() ? plan.generalLegal() : chosen == plan.column2() ? plan.column2Legal()
                : "HTS " + chosen.column().spelling() + (rated.from() == null ? "" : " printed on " + rated.from().code());
        return new Base(kind, u[0], sc[0], "special:" + program, legal, true);
    }

    private Recipe compile(int[] cands, int country) {
        TreeSet<Long> bounds = new TreeSet<>();
        bounds.add(Long.MIN_VALUE);
        for (int i : cands) {
            bound(bounds, a.validFrom(i));
            if (a.validTo(i) != Long.MAX_VALUE) bound(bounds, a.validTo(i) + 1);
            windows(bounds, a.originWindows(i).windows(country));
        }
        long[] starts = new long[bounds.size()];
        Step[] steps = new Step[bounds.size()];
        int k = 0;
        for (long day : bounds) {
            Step st = step(cands, country, day);
            if (k > 0 && steps[k - 1] == st) continue; // the same charges as the window before (steps are shared): one window
            starts[k] = day;
            steps[k++] = st;
        }
        long[] st = Arrays.copyOf(starts, k);
        Step[] sp = Arrays.copyOf(steps, k);
        Step[] byPeriod = null;
        boolean aligned = true; // every window starts on a period's start (always, by construction; checked, not assumed)
        for (int i = 1; i < k; i++) aligned &= Arrays.binarySearch(periodStarts, st[i]) >= 0;
        if (aligned) {
            Recipe r = new Recipe(st, sp, null);
            byPeriod = new Step[periodStarts.length + 1];
            byPeriod[0] = r.at(Long.MIN_VALUE);
            for (int p = 0; p < periodStarts.length; p++) byPeriod[p + 1] = r.at(periodStarts[p]);
        }
        return canon(new Recipe(st, sp, byPeriod), st, sp);
    }

    /*
     * Periods: the days on which any measure's validity or origin windows change, for any country, cut time into a few
     * dozen periods within which every recipe's step is constant. A day's period is one array load (days 2000-2049),
     * and a recipe's step one more — instead of a search among its window starts on every line.
     */
    private final long[] periodStarts;
    private final short[] periodByDay;
    /** The number of periods: index 0 is before the first start. */
    private final int nPeriods;

    private static long[] periodStarts(CompiledPlan a) {
        TreeSet<Long> b = new TreeSet<>();
        for (int i = 0; i < a.measures().size(); i++) {
            bound(b, a.validFrom(i));
            if (a.validTo(i) != Long.MAX_VALUE) bound(b, a.validTo(i) + 1);
            for (int c = 0; c < a.countryCodes().size(); c++) windows(b, a.originWindows(i).windows(c));
        }
        return b.stream().mapToLong(Long::longValue).toArray();
    }

    private short[] periodByDay() {
        if (periodStarts.length >= Short.MAX_VALUE) return new short[0];
        short[] out = new short[horizonByDay.length];
        int p = 0;
        for (int d = 0; d < out.length; d++) {
            long day = HORIZON_FROM + d;
            while (p < periodStarts.length && periodStarts[p] <= day) p++;
            out[d] = (short) p; // the number of period starts on or before the day: index 0 is before the first
        }
        return out;
    }

    /** The day's period (an index into {@link Recipe#byPeriod}), or -1 outside 2000-2049 (the recipe's starts are searched). */
    private int period(long day) {
        long d = day - HORIZON_FROM;
        return d >= 0 && d < periodByDay.length ? periodByDay[(int) d] : -1;
    }

    /*
     * Equal compiled values are one object. A file's lines meet thousands of (line, origin) recipes, but their windows hold
     * a few hundred distinct sets of charges: compiled separately, BulkBench's 1 M lines touched ~29,000 steps of ~20 arrays
     * each (megabytes of plan data, so most look-ups missed the cache); shared, the steps a file uses stay in cache.
     */
    private final Map<Deep, Object> canon = new ConcurrentHashMap<>();

    /** A key comparing its parts deeply (arrays by content; compiled parts already shared, so compared by identity). */
    private record Deep(Object[] parts) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Deep d && Arrays.deepEquals(parts, d.parts);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(parts);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T canon(T value, Object... parts) {
        Object[] key = new Object[parts.length + 1]; // parts may be a Cond[]: a copy of it could not hold the class
        System.arraycopy(parts, 0, key, 0, parts.length);
        key[parts.length] = value.getClass();
        Object was = canon.putIfAbsent(new Deep(key), value);
        return was == null ? value : (T) was;
    }

    private Cond canon(Cond c) {
        return canon(c, c.ops(), c.text(), c.num(), c.scale(), c.blocks(), c.docs(), c.docWarnings(), c.tests(), c.waiverCents(),
                c.waiver() == null ? null : c.waiver().id());
    }

    private Cond[] canon(Cond[] cs) {
        Cond[] out = new Cond[cs.length];
        for (int i = 0; i < cs.length; i++) out[i] = canon(cs[i]);
        return canon(out, (Object[]) out);
    }

    private static void bound(TreeSet<Long> b, long day) {
        if (day > Long.MIN_VALUE / 2 && day < Long.MAX_VALUE / 2) b.add(day);
    }

    private static void windows(TreeSet<Long> b, long[] w) {
        if (w == null) return;
        for (int i = 0; i < w.length; i += 2) {
            bound(b, w[i]);
            bound(b, w[i + 1] + 1);
        }
    }

    /** The charges in force on {@code day} (the whole window agrees), or null when the slow path must answer. */
    private Step step(int[] cands, int country, long day) {
        List<Integer> active = new ArrayList<>();
        for (int i : cands) {
            if (a.inForce(i, country, day)) active.add(i);
        }
        List<Cond[]> guards = new ArrayList<>();
        List<Integer> duties = new ArrayList<>();
        for (int i : active) {
            Measure m = a.measure(i);
            if (m.type() == MeasureType.PROHIBITION || m.type() == MeasureType.DOCUMENT_REQUIREMENT) {
                if (m.conditions().isEmpty()) return null; // prohibited outright, or documents always required
                guards.add(canon(Cond.of(m)));
                continue;
            }
            if (!PLAIN_TYPES.contains(m.type())) return null;
            duties.add(i);
        }
        int n = duties.size();
        Duty[] out = new Duty[n];
        long[] u1 = new long[1];
        int[] sc1 = new int[1];
        for (int k = 0; k < n; k++) {
            int i = duties.get(k);
            Measure m = a.measure(i);
            byte basis = switch (m.valueBasis()) {
                case CUSTOMS_VALUE -> CUSTOMS;
                case METAL_CONTENT_VALUE -> METAL;
                case NON_US_CONTENT_VALUE -> NON_US;
                case METAL_CONTENT_VALUE_IF_DECLARED -> METAL_IF;
            };
            long shareUnscaled = 0;
            int shareScale = 0;
            if (basis == NON_US) {
                BigDecimal share = m.usContentShare();
                if (share == null || share.scale() < 0 || share.scale() > 12 || share.precision() > 12) return null;
                shareUnscaled = share.unscaledValue().longValueExact();
                shareScale = share.scale();
            }
            // the displacing measures in force, as positions in this window's duties, in the slow path's order
            List<Integer> ds = new ArrayList<>();
            for (int x : a.displacers(i)) {
                int at = duties.indexOf(x);
                if (at >= 0) ds.add(at);
                else if (active.contains(x)) return null; // a displacing measure that is no duty: not met in a regime so far
            }
            int[] displacedBy = ds.stream().mapToInt(Integer::intValue).toArray();
            byte kind = plain(m.duty(), u1, sc1, 0);
            long unscaled = u1[0];
            int scale = sc1[0];
            int c = m.conditions().size();
            Cond[] conds = canon(Cond.of(m));
            byte[] condKind = new byte[c];
            long[] condUnscaled = new long[c];
            int[] condScale = new int[c];
            for (int j = 0; j < c; j++) {
                Action act = m.conditions().get(j).action();
                long[] u = new long[1];
                int[] sc = new int[1];
                condKind[j] = act instanceof Action.Apply ap ? plain(ap.expression(), u, sc, 0)
                        : act instanceof Action.Exempt ? NONE : SLOW;
                condUnscaled[j] = u[0];
                condScale[j] = sc[0];
            }
            String id = m.outputId();
            byte[] idBytes = ChargeSpec.cell(id);
            char series = m.type().series();
            String type = a.typeName(i);
            String legal = a.legalBase(i);
            String title = this.titles.get(m.id());
            List<String> notDeclared = basis == METAL_IF ? List.of(a.notDeclared(i)) : null;
            out[k] = canon(new Duty(kind, unscaled, scale, basis, shareUnscaled, shareScale, displacedBy, conds, condKind,
                    condUnscaled, condScale, id, idBytes, m.id(), series, type, legal, title, ChargeSpec.totalsKey(id, m.id()),
                    notDeclared), kind, unscaled, scale, basis,
                    shareUnscaled, shareScale, displacedBy, conds, condKind, condUnscaled, condScale, id, idBytes, m.id(), series,
                    type, legal, title, notDeclared);
        }
        Cond[][] gs = guards.toArray(new Cond[0][]);
        Duty[] shared = canon(out, (Object[]) out);
        // the explaining path's warnings for a line declaring no production regions, in the order of the measures in force
        List<String> rw = new ArrayList<>(0);
        String code = a.countryCodes().get(country);
        for (int i : active) {
            String w = a.regionWarning(i, code);
            if (w != null) rw.add(w);
        }
        List<String> regionWarnings = rw.isEmpty() ? List.of() : List.copyOf(rw);
        return canon(new Step(shared, gs, regionWarnings), shared, gs, regionWarnings);
    }

    /**
     * A prohibition's or document requirement's effect on a line, as the explaining engine decides it: each
     * condition that holds and requires documents adds them to {@code out} and the next is tried; the first
     * other condition that holds decides. 0 when the line is not blocked, else -1 (the slow path answers: the
     * line is prohibited, or a test cannot be decided here).
     */
    private int guard(Cond[] conditions, Entry e, int country, long v, long us, BulkResult out) {
        for (int i = 0; i < conditions.length; i++) {
            Cond c = conditions[i];
            int h = holds(c, e, country, v, us);
            if (h < 0) return -1;
            if (h == 0) continue;
            if (c.docs() != null) {
                // a low-value waiver (19 CFR 10.586(a)(2)): the line is an importation of its own here, worth v
                if (c.waiver() != null && v <= c.waiverCents()) out.waiveDocuments(c.waiver(), c.docs(), v);
                else out.requireDocuments(c.docs(), c.docWarnings());
                continue;
            }
            return c.blocks() ? -1 : 0;
        }
        return 0;
    }

    /**
     * Whether all of a condition's tests hold for the line, as the explaining engine decides them:
     * 1 or 0, or -1 when that needs what only it computes (unit prices, entity lists, group membership
     * of an export country) — or a test this class does not know. {@code v} and {@code us} are the customs
     * and US-content values in cents ({@code us} -1 when not declared).
     */
    int holds(Cond c, Entry e, int country, long v, long us) {
        byte[] ops = c.ops();
        for (int i = 0; i < ops.length; i++) {
            int h = switch (ops[i]) {
                case Cond.T_DOC_HELD -> !e.documents().isEmpty() && e.documents().contains(c.text()[i]) ? 1 : 0;
                case Cond.T_DOC_MISSING -> !e.documents().isEmpty() && e.documents().contains(c.text()[i]) ? 0 : 1;
                case Cond.T_PREFERENCE -> e.preference() == null ? 0 : claimed(c.text()[i], e, country);
                case Cond.T_ENTERED_BEFORE -> e.entryDate().toEpochDay() < c.num()[i] ? 1 : 0;
                case Cond.T_LOADED_BEFORE -> e.loadedDate() == null ? 0 : e.loadedDate().toEpochDay() < c.num()[i] ? 1 : 0;
                case Cond.T_PRODUCER -> e.producer() == null ? 0 : -1; // entity lists: the explaining path
                case Cond.T_EXPORTED_FROM -> e.exportCountry() == null ? 0 : -1; // country groups: the explaining path
                case Cond.T_PRODUCED_IN -> e.productionRegions().isEmpty() ? 0
                        : Assessor.producedIn((Test.ProducedIn) c.tests()[i], e) ? 1 : 0;
                case Cond.T_END_USE -> e.endUse() == null ? 0 : Assessor.endUseIn((Test.EndUseIn) c.tests()[i], e) ? 1 : 0;
                case Cond.T_US_SHARE -> us < 0 || v <= 0 ? 0 : shareAtLeast(us, v, c.num()[i], c.scale()[i]);
                default -> -1;
            };
            if (h <= 0) return h;
        }
        return 1;
    }

    /** Whether the expression is exactly "P% - base MIN 0%": an ad valorem term less the base duty, floored at zero. */
    private static boolean lessBase(DutyExpression e) {
        if (e.segments().size() != 2) return false;
        DutyExpression.Segment s0 = e.segments().get(0);
        DutyExpression.Segment s1 = e.segments().get(1);
        if (s0.bound() != DutyExpression.Bound.NONE || s0.terms().size() != 2) return false;
        DutyExpression.Term t0 = s0.terms().get(0);
        DutyExpression.Term t1 = s0.terms().get(1);
        if (t0.negative() || !(t0.component() instanceof DutyExpression.AdValorem av0) || av0.basis() != null) return false; // "P% of B": explaining path
        if (!t1.negative() || !(t1.component() instanceof DutyExpression.BaseRate)) return false;
        if (s1.bound() != DutyExpression.Bound.MIN || s1.terms().size() != 1) return false;
        DutyExpression.Term floor = s1.terms().get(0);
        return !floor.negative() && floor.component() instanceof DutyExpression.AdValorem z && z.percent().signum() == 0;
    }

    /**
     * value (cents) × percent ÷ 100 less the base duty (cents), floored at zero, rounded half-up to the cent —
     * exactly as the BigDecimal path evaluates "P% - base MIN 0%"; -1 on overflow.
     */
    private static long percentLessBase(long v, long p, int scale, long baseCents) {
        long hi = Math.multiplyHigh(v, p);
        long lo = v * p;
        if (hi != 0 || lo < 0 || scale + 2 >= POW10.length) return -1;
        long d = POW10[2 + scale];
        long base;
        try {
            base = Math.multiplyExact(baseCents, d);
        } catch (ArithmeticException overflow) {
            return -1;
        }
        long diff = lo - base;
        if (diff <= 0) return 0;
        long cents = halfUp(diff, 2 + scale);
        return cents;
    }

    private static final java.math.BigInteger EXACT_BOUND = java.math.BigInteger.TEN.pow(32);

    /**
     * "P% - base MIN 0%" on a displaced portion of value: value × P ÷ 100 less the base duty on that portion
     * (base × value ÷ full), floored at zero, rounded half-up to the cent — as the explaining path computes it, where the
     * portion's base is a 34-digit quotient. Here the quotient is exact (a rational N ÷ D in cents), which rounds to the
     * same cent whenever the 34-digit error (under half a unit in the 34th digit of the portion's base) is smaller than
     * the distance from the exact amount to a half cent (at least 1 ÷ 2D cents when not on it): guaranteed when
     * 10^(scale+2) × full × base < 10^32; outside that, or exactly on a half cent, -1 (the slow path answers). Rare
     * (a reciprocal top-up on the part of a value Section 232 does not take); in longs where the products fit, BigInteger
     * past that (a profile found its BigIntegers at 9 B a line on BulkBench, session 26).
     */
    static long portionLessBase(long value, long full, long p, int scale, long baseCents) {
        if (scale < 0 || scale + 2 >= POW10.length) return -1;
        try { // in longs while every product fits (nearly always): the same answer, nothing allocated
            long pow = POW10[scale + 2];
            long d = Math.multiplyExact(pow, full);
            Math.multiplyExact(d, Math.max(baseCents, 1)); // fits a long, so below 10^32
            long n = Math.multiplyExact(value, Math.subtractExact(Math.multiplyExact(p, full), Math.multiplyExact(baseCents, pow)));
            if (n <= 0) return 0; // MIN 0%
            long twoN = Math.multiplyExact(n, 2);
            long twoD = Math.multiplyExact(d, 2);
            if (twoN % twoD == d) return -1; // exactly a half cent: the 34-digit quotient decides
            return Math.addExact(twoN, d) / twoD;
        } catch (ArithmeticException past) {
            return portionLessBaseWide(value, full, p, scale, baseCents);
        }
    }

    /** {@link #portionLessBase} in BigInteger, where a product passes a long. */
    static long portionLessBaseWide(long value, long full, long p, int scale, long baseCents) {
        java.math.BigInteger v = java.math.BigInteger.valueOf(value);
        java.math.BigInteger f = java.math.BigInteger.valueOf(full);
        java.math.BigInteger b = java.math.BigInteger.valueOf(baseCents);
        java.math.BigInteger pow = java.math.BigInteger.valueOf(POW10[scale + 2]);
        java.math.BigInteger d = pow.multiply(f);
        if (d.multiply(b.max(java.math.BigInteger.ONE)).compareTo(EXACT_BOUND) >= 0) return -1;
        java.math.BigInteger n = v.multiply(java.math.BigInteger.valueOf(p).multiply(f).subtract(b.multiply(pow)));
        if (n.signum() <= 0) return 0; // MIN 0%
        java.math.BigInteger[] qr = n.shiftLeft(1).add(d).divideAndRemainder(d.shiftLeft(1)); // half-up: floor((2N + D) / 2D)
        if (n.shiftLeft(1).mod(d.shiftLeft(1)).equals(d)) return -1; // exactly a half cent: the 34-digit quotient decides
        return qr[0].bitLength() < 63 ? qr[0].longValue() : -1;
    }

    /** The explaining path's test: the program claimed is this one and the origin is eligible for it on the entry date. */
    private int claimed(String program, Entry e, int country) {
        if (!program.equals(e.preference())) return 0;
        Special sp = special(program);
        if (sp == null) return -1;
        return eligible(sp, country, e.entryDate(), e.entryDate().toEpochDay()) ? 1 : 0;
    }


    /** FREE, PCT (exactly one ad valorem term, no bound; its percentage stored at k), NONE (no expression) or SLOW. */
    private static byte plain(DutyExpression e, long[] unscaled, int[] scale, int k) {
        if (e == null) return NONE;
        if (e.isFree()) return FREE;
        if (lessBase(e)) {
            BigDecimal p = ((DutyExpression.AdValorem) e.segments().get(0).terms().get(0).component()).percent();
            if (p.signum() < 0 || p.scale() < 0 || p.scale() > 12 || p.precision() > 12) return SLOW;
            fixed(p, unscaled, scale, k);
            return PCT_LESS_BASE;
        }
        if (e.segments().size() != 1) return SLOW;
        DutyExpression.Segment s = e.segments().get(0);
        if (s.bound() != DutyExpression.Bound.NONE || s.terms().size() != 1 || s.terms().get(0).negative()) return SLOW;
        if (!(s.terms().get(0).component() instanceof DutyExpression.AdValorem av) || av.basis() != null) return SLOW;
        BigDecimal p = av.percent();
        if (p.signum() < 0 || p.scale() < 0 || p.scale() > 12 || p.precision() > 12) return SLOW;
        fixed(p, unscaled, scale, k);
        return PCT;
    }

    /**
     * A percentage as an unscaled long at scale {@link #PCT_SCALE} when it has at most that many decimals (25 % as
     * 250000, 2.5 % as 25000): every usual rate then has the same scale, so the per-line {@link #percent} divides by one
     * constant (the JIT multiplies) instead of switching on the scale of each rate in turn — a branch that followed the
     * line's rates and mispredicted. Same amounts: value × unscaled ÷ 10^(2 + scale) is the same rational either way.
     * Rates with more decimals keep their own scale (percent then takes its general form).
     */
    private static void fixed(BigDecimal p, long[] unscaled, int[] scale, int k) {
        long u = p.unscaledValue().longValueExact(); // precision ≤ 12: at most 10^12 × 10^4 after scaling, far from overflow
        int sc = p.scale();
        if (sc < PCT_SCALE) {
            u *= POW10[PCT_SCALE - sc];
            sc = PCT_SCALE;
        }
        unscaled[k] = u;
        scale[k] = sc;
    }

    /** The fixed scale of the compiled percentages (see {@link #fixed}). */
    static final int PCT_SCALE = 4;
}
