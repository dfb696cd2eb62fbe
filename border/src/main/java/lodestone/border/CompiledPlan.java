package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.measure.Measure;
import lodestone.regime.measure.MeasureType;
import lodestone.regime.nomenclature.BaseRate;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.nomenclature.Nomenclature;
import lodestone.regime.nomenclature.RateColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A regime compiled for assessment, once: per measure its validity as epoch days, its origin scope resolved to
 * per-country date windows ({@link OriginWindows}) and the measures that displace it, its type and legal base as
 * charges print them; per HTS line (built on first use) its {@link LinePlan} — base rates and the candidate measures
 * in evaluation order, narrowed per country of origin. Both the explaining engine ({@link Assessor}) and the bulk
 * fast path ({@link FastPath}) read it; neither changes it.
 *
 * <p>Why a class of its own: what a line needs from the regime is the same for both engines, and finding it — which
 * of ~400 measures cover a line, which of those can reach an origin — is the expensive part; compiling it once keeps
 * each engine to its own job (the explaining engine's series of steps, the fast path's fixed-point recipes). Once more
 * than a few dozen plans are needed, a line's candidates come from prefix indexes of the measures' inclusions and
 * exclusions (a line has ten or so digit prefixes; a regime has hundreds of thousands of listed codes), not from
 * testing every measure's scope.
 *
 * <p>Thread-safe: immutable but for the lazily built plans and candidate sets (racy but safe, each immutable).
 */
final class CompiledPlan {
    private final Regime regime;
    private final List<Measure> measures;
    private final OriginWindows[] origins;
    private final int[][] displacers;
    private final LinePlan[] plans; // by HTS line index
    private final List<String> countryCodes;
    private final long[] validFrom; // per measure, epoch days (inclusive)
    private final long[] validTo;
    private final String[] legalBases; // per measure, as charges print them
    private final String[] typeNames;
    /** Per measure on the metal content's value when declared: the warning of a line that does not declare it (else null). */
    private final String[] notDeclared;
    private final OriginWindows column2;
    /** Per measure, by origin alpha-2 code: the warning for a line declaring no production regions (null: none). */
    private final Map<String, String>[] regionWarnings;

    CompiledPlan(Regime regime) {
        this.regime = regime;
        this.measures = regime.measures();
        this.origins = new OriginWindows[measures.size()];
        this.displacers = new int[measures.size()][];
        this.plans = new LinePlan[regime.hts().size()];
        List<String> cc = new ArrayList<>();
        for (var country : regime.geography().countries()) cc.add(country.alpha2());
        this.countryCodes = List.copyOf(cc);
        this.column2 = new OriginWindows(new lodestone.regime.measure.OriginScope(List.of(Regime.COLUMN2_GROUP), List.of()),
                regime.geography(), countryCodes);
        this.validFrom = new long[measures.size()];
        this.validTo = new long[measures.size()];
        this.legalBases = new String[measures.size()];
        this.typeNames = new String[measures.size()];
        this.notDeclared = new String[measures.size()];
        for (int i = 0; i < measures.size(); i++) {
            Measure m = measures.get(i);
            validFrom[i] = m.validity().from() == null ? Long.MIN_VALUE : m.validity().from().toEpochDay();
            validTo[i] = m.validity().to() == null ? Long.MAX_VALUE : m.validity().to().toEpochDay();
            legalBases[i] = String.valueOf(m.legalBase());
            typeNames[i] = spell(m.type());
            if (m.valueBasis() == lodestone.regime.measure.ValueBasis.METAL_CONTENT_VALUE_IF_DECLARED) {
                notDeclared[i] = Assessor.contentNotDeclared(m);
            }
        }
        List<String> countryOrder = new ArrayList<>();
        for (var country : regime.geography().countries()) countryOrder.add(country.alpha2());
        for (int i = 0; i < measures.size(); i++) {
            origins[i] = new OriginWindows(measures.get(i).origins(), regime.geography(), countryOrder);
        }
        @SuppressWarnings("unchecked")
        Map<String, String>[] rw = new Map[measures.size()];
        for (int i = 0; i < measures.size(); i++) rw[i] = regionWarnings(measures.get(i));
        this.regionWarnings = rw;
        for (int y = 0; y < measures.size(); y++) {
            List<Integer> ds = new ArrayList<>();
            for (int x = 0; x < measures.size(); x++) {
                if (x != y && measures.get(x).displaces(measures.get(y))) ds.add(x);
            }
            displacers[y] = ds.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * The measures whose inclusions name each digit prefix, those covering the whole schedule, and those whose exclusions
     * name each prefix: a line's plan then looks up its ten or so prefixes instead of testing every measure's scope
     * (thousands of set look-ups a line, which made compiling a file's plans most of a one-shot bulk run's start).
     * Built once {@link #INDEX_AFTER} plans have been built by testing every scope: a single assessment needs a plan or
     * two, for which the scan is cheaper than the index (~100 ms to build over the regime's 300,000 listed codes).
     */
    private record ScopeIndex(Map<String, int[]> included, Map<String, int[]> excluded, int[] wholeSchedule) {
        static ScopeIndex of(List<Measure> measures) {
            Map<String, List<Integer>> inc = new java.util.HashMap<>();
            Map<String, List<Integer>> exc = new java.util.HashMap<>();
            List<Integer> whole = new ArrayList<>();
            for (int i = 0; i < measures.size(); i++) {
                var scope = measures.get(i).products();
                if (scope.all()) whole.add(i);
                else for (String p : scope.includes()) inc.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
                for (String p : scope.excludes()) exc.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
            return new ScopeIndex(ints(inc), ints(exc), whole.stream().mapToInt(Integer::intValue).toArray());
        }

        private static Map<String, int[]> ints(Map<String, List<Integer>> m) {
            Map<String, int[]> out = new java.util.HashMap<>(m.size() * 2);
            m.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
            return out;
        }
    }

    /**
     * The warning for a line from {@code country} that declares no production regions when measure {@code i} (in force for
     * it) has a condition on regions of that country: the condition is taken as not met, which is a wrong answer if the goods
     * or an input were made there (both engines; docs/regime-format.md, "Regions and end uses"). Null when there is none.
     */
    String regionWarning(int i, String country) {
        Map<String, String> w = regionWarnings[i];
        return w == null ? null : w.get(country);
    }

    private static Map<String, String> regionWarnings(Measure m) {
        Map<String, java.util.LinkedHashSet<String>> byCountry = new java.util.TreeMap<>();
        Map<String, String> action = new java.util.HashMap<>();
        for (var c : m.conditions()) {
            for (var t : c.tests()) {
                if (!(t instanceof lodestone.regime.measure.Test.ProducedIn p)) continue;
                for (var r : p.regions()) {
                    byCountry.computeIfAbsent(r.country(), k -> new java.util.LinkedHashSet<>()).add(r.described());
                    action.putIfAbsent(r.country(), switch (c.action()) {
                        case lodestone.regime.measure.Action.Block b -> "blocks";
                        case lodestone.regime.measure.Action.Exempt x -> "exempts";
                        case lodestone.regime.measure.Action.Apply a -> "charges " + a.expression() + " on";
                        case lodestone.regime.measure.Action.ChargeDifference d -> "charges the difference up to " + d.reference() + " on";
                        case lodestone.regime.measure.Action.RequireDocuments d -> "requires " + String.join(", ", d.documents()) + " for";
                    });
                }
            }
        }
        if (byCountry.isEmpty()) return null;
        Map<String, String> out = new java.util.HashMap<>();
        // short: it is said on every such line of a bulk file (what production_regions must hold is in docs/bulk-format.md)
        byCountry.forEach((country, regions) -> out.put(country, "production regions not declared: " + m.id() + " " + action.get(country)
                + " goods made wholly or in part in " + String.join(" or ", regions) + "; assessed as made in none of them — declare "
                + "production_regions"));
        return Map.copyOf(out);
    }

    static final int INDEX_AFTER = 64;
    private final java.util.concurrent.atomic.AtomicInteger plansBuilt = new java.util.concurrent.atomic.AtomicInteger();
    private volatile ScopeIndex scopeIndex;

    private ScopeIndex scopeIndex() {
        ScopeIndex ix = scopeIndex;
        if (ix == null && plansBuilt.incrementAndGet() > INDEX_AFTER) {
            synchronized (this) {
                if (scopeIndex == null) scopeIndex = ScopeIndex.of(measures);
                ix = scopeIndex;
            }
        }
        return ix;
    }

    /**
     * What the plan holds for one HTS line: its base rates, its candidate measures, and the measures
     * whose scope would cover it but for an exclusion (reported in the trail, never charged).
     */
    record LinePlan(HtsLine line, Nomenclature.RatedLine rates, int[] candidates, int[] carvedOut, BaseRate general,
                    BaseRate column2, CandidateSet byOrigin, String generalLegal, String column2Legal) {
        int[] candidates(int country) {
            return byOrigin.forCountry(country);
        }
    }

    /**
     * A line's candidate measures narrowed, per country of origin, to those whose origin scope ever
     * covers it. Lines share these sets (they are interned by content) so the per-country arrays stay
     * bounded by the regime: the bundled regime puts about 73 candidates on a minerals line, nearly all
     * of them country-specific reciprocal duties of which one or two can cover a given origin.
     */
    final class CandidateSet {
        private final int[] all;
        private final Filtered[] byCountry = new Filtered[countryCodes.size()];

        /** Holder with a final field, so a racy publication still shows the array's contents. */
        private record Filtered(int[] ids) { }

        CandidateSet(int[] all) {
            this.all = all;
        }

        int[] forCountry(int country) {
            Filtered f = byCountry[country];
            if (f == null) {
                int[] ids = new int[all.length];
                int n = 0;
                for (int i : all) if (origins[i].ever(country)) ids[n++] = i;
                byCountry[country] = f = new Filtered(java.util.Arrays.copyOf(ids, n));
            }
            return f.ids();
        }
    }

    private final Map<List<Integer>, CandidateSet> candidateSets = new ConcurrentHashMap<>();

    /** The line's plan, built on first use (racy but safe: a plan is immutable; two threads may build the same one). */
    LinePlan plan(HtsLine line) {
        LinePlan p = plans[line.index()];
        if (p == null) plans[line.index()] = p = buildPlan(line);
        return p;
    }

    /** How a base-rate charge names its legal base: the schedule's column and where the rate is printed. */
    static String baseLegal(Nomenclature.RatedLine rated, RateColumn column) {
        return "HTS " + column.spelling() + (rated.from() == null ? "" : " printed on " + rated.from().code());
    }

    private LinePlan buildPlan(HtsLine line) {
        {
            List<Integer> c = new ArrayList<>();
            List<Integer> x = new ArrayList<>();
            String[] prefixes = lodestone.regime.measure.ProductScope.prefixes(line.digits()); // once per line, not per measure
            ScopeIndex ix = scopeIndex();
            if (ix == null) { // the first plans: every measure's scope tested
                for (int i = 0; i < measures.size(); i++) {
                    var scope = measures.get(i).products();
                    if (!scope.includesPrefixes(prefixes)) continue;
                    if (scope.coversPrefixes(prefixes)) c.add(i);
                    else x.add(i); // included but carved out by an exclusion
                }
            } else { // the measures whose inclusions cover the line (a prefix of its digits, or the whole schedule), in regime order
                java.util.BitSet included = new java.util.BitSet(measures.size());
                for (int i : ix.wholeSchedule()) included.set(i);
                for (String p : prefixes) {
                    int[] ms = ix.included().get(p);
                    if (ms != null) for (int i : ms) included.set(i);
                }
                java.util.BitSet excluded = new java.util.BitSet(measures.size());
                for (String p : prefixes) {
                    int[] ms = ix.excluded().get(p);
                    if (ms != null) for (int i : ms) excluded.set(i);
                }
                for (int i = included.nextSetBit(0); i >= 0; i = included.nextSetBit(i + 1)) {
                    if (!excluded.get(i)) c.add(i); // as ProductScope.coversPrefixes
                    else x.add(i); // included but carved out by an exclusion
                }
            }
            Nomenclature.RatedLine rated = regime.hts().effectiveRates(line);
            int[] all = c.stream().mapToInt(Integer::intValue).toArray();
            return new LinePlan(line, rated, all, x.stream().mapToInt(Integer::intValue).toArray(),
                    rated.column(RateColumn.GENERAL).orElse(null), rated.column(RateColumn.COLUMN2).orElse(null),
                    candidateSets.computeIfAbsent(List.copyOf(c), k -> new CandidateSet(all)),
                    baseLegal(rated, RateColumn.GENERAL), baseLegal(rated, RateColumn.COLUMN2));
        }
    }

    private static String spell(MeasureType t) {
        return t.name().toLowerCase().replace('_', '-');
    }

    /** Whether measure {@code i} is in force on {@code day} for the origin (by index): its validity and origin windows. */
    boolean inForce(int i, int country, long day) {
        return day >= validFrom[i] && day <= validTo[i] && origins[i].covers(country, day);
    }

    Regime regime() {
        return regime;
    }

    List<Measure> measures() {
        return measures;
    }

    List<String> countryCodes() {
        return countryCodes;
    }

    Measure measure(int i) {
        return measures.get(i);
    }

    long validFrom(int i) {
        return validFrom[i];
    }

    long validTo(int i) {
        return validTo[i];
    }

    OriginWindows originWindows(int i) {
        return origins[i];
    }

    OriginWindows column2Windows() {
        return column2;
    }

    int[] displacers(int i) {
        return displacers[i];
    }

    String typeName(int i) {
        return typeNames[i];
    }

    String legalBase(int i) {
        return legalBases[i];
    }

    /** The warning of a line not declaring the metal content measure {@code i} is charged on when declared (null: none). */
    String notDeclared(int i) {
        return notDeclared[i];
    }
}
