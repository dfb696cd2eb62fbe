package lodestone.regime;

import lodestone.regime.agreement.Agreement;
import lodestone.regime.geo.Geography;
import lodestone.regime.measure.Action;
import lodestone.regime.measure.Condition;
import lodestone.regime.measure.DutyExpression;
import lodestone.regime.measure.Measure;
import lodestone.regime.measure.OriginScope;
import lodestone.regime.measure.Price;
import lodestone.regime.measure.Test;
import lodestone.regime.mineral.Commodity;
import lodestone.regime.mineral.ContentBasis;
import lodestone.regime.mineral.Mineral;
import lodestone.regime.nomenclature.BaseRate;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.nomenclature.Nomenclature;
import lodestone.regime.nomenclature.RateColumn;
import lodestone.regime.unit.Dimension;
import lodestone.regime.unit.Unit;
import lodestone.regime.unit.Units;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that need the whole regime: references between files, units that cannot be converted,
 * currencies without exchange rates, and overlapping equivalent measures (two measures of the same
 * type and legal heading covering the same goods from the same origins on the same dates — the
 * assessment would charge twice, so the regime is refused).
 */
final class RegimeValidator {
    private final Problems problems;
    private final Nomenclature hts;
    private final Geography geo;
    private final List<Mineral> minerals;
    private final Map<String, ContentBasis> bases = new HashMap<>();
    private final List<Commodity> commodities;
    private final Map<String, Agreement> agreements = new HashMap<>();
    private final List<Measure> measures;
    private final Map<String, EntityList> lists;
    private final FxRates fx;
    private final String baseRatesFile;

    RegimeValidator(String baseRatesFile, Problems problems, Nomenclature hts, Geography geo, List<Mineral> minerals, List<ContentBasis> bases,
                    List<Commodity> commodities, List<Agreement> agreements, List<Measure> measures,
                    Map<String, EntityList> lists, FxRates fx) {
        this.baseRatesFile = baseRatesFile == null ? "base rates" : baseRatesFile;
        this.problems = problems;
        this.hts = hts;
        this.geo = geo;
        this.minerals = minerals;
        for (ContentBasis b : bases) this.bases.put(b.id(), b);
        this.commodities = commodities;
        for (Agreement a : agreements) this.agreements.put(a.id(), a);
        this.measures = measures;
        this.lists = lists;
        this.fx = fx;
    }

    void validate() {
        checkBaseRates();
        Map<String, Measure> byId = new HashMap<>();
        for (Measure m : measures) {
            Measure prev = byId.putIfAbsent(m.id(), m);
            if (prev != null) {
                problems.add(m.file(), m.line(), "id", "duplicate measure id '" + m.id() + "' (also at " + where(prev, m) + ")");
            }
        }
        for (Measure m : measures) checkMeasure(m, byId);
        checkOverlaps();
    }

    private void checkBaseRates() {
        if (hts == null) return;
        Map<String, Integer> unknownPrograms = new LinkedHashMap<>();
        Map<String, List<String>> unknownBases = new LinkedHashMap<>();
        Map<String, List<String>> badUnits = new LinkedHashMap<>();
        for (HtsLine l : hts.lines()) {
            for (BaseRate r : hts.ratesOn(l)) {
                if (r.column() == RateColumn.SPECIAL) {
                    for (String p : r.programs()) {
                        if (!p.equals("*") && geo.program(p).isEmpty()) unknownPrograms.merge(p, 1, Integer::sum);
                    }
                }
                if (r.expression() == null) continue;
                for (String vb : r.expression().valueBases()) { // "2.5% of Pb": the basis must be defined too
                    if (!bases.isEmpty() && !bases.containsKey(vb)) unknownBases.computeIfAbsent(vb, k -> new ArrayList<>()).add(l.code());
                }
                for (DutyExpression.Component c : r.expression().components()) {
                    if (!(c instanceof DutyExpression.Specific s) || s.basis() == null) continue;
                    if (!bases.isEmpty() && !bases.containsKey(s.basis())) {
                        unknownBases.computeIfAbsent(s.basis(), k -> new ArrayList<>()).add(l.code());
                    }
                    if (s.unit().dimension() != Dimension.MASS) {
                        badUnits.computeIfAbsent(s.unit().code() + " of " + s.basis(), k -> new ArrayList<>()).add(l.code());
                    }
                }
            }
        }
        // one problem per missing definition, with examples: the fix is one entry in the minerals file
        unknownBases.forEach((b, codes) -> problems.add(baseRatesFile, 0, "expression", "unknown content basis '" + b
                + "' used by " + codes.size() + " rate(s), e.g. " + codes.subList(0, Math.min(3, codes.size()))
                + "; define it in the minerals file's content-bases (known: " + new TreeSet<>(bases.keySet()) + ")"));
        badUnits.forEach((u, codes) -> problems.add(baseRatesFile, 0, "expression", "unconvertible unit: '" + u
                + "' in " + codes.size() + " rate(s), e.g. " + codes.subList(0, Math.min(3, codes.size()))
                + "; content is measured by mass (kg, t, lb, mtu…)"));
        if (!unknownPrograms.isEmpty() && !geo.programs().isEmpty()) {
            problems.add(baseRatesFile, 0, "programs", "special program indicators not defined in the programs file: "
                    + unknownPrograms.keySet() + "; expected every indicator used by a special rate to be defined");
        }
    }

    private void checkMeasure(Measure m, Map<String, Measure> byId) {
        // the currencies and content bases of rates and prices are checked by the loader, where each field's line is known
        if (m.duty() != null) checkUnitsAgainstGoods(m, m.duty(), m.line(), "duty");
        for (Condition c : m.conditions()) {
            for (Test t : c.tests()) {
                switch (t) {
                    case Test.UnitPriceBelow u -> checkPriceAgainstGoods(m, u.price(), c.line(), "unit-price-below");
                    case Test.UnitPriceAtLeast u -> checkPriceAgainstGoods(m, u.price(), c.line(), "unit-price-at-least");
                    default -> { }
                }
            }
            if (c.action() instanceof Action.Apply a) checkUnitsAgainstGoods(m, a.expression(), c.line(), "apply");
            if (c.action() instanceof Action.ChargeDifference d) checkPriceAgainstGoods(m, d.reference(), c.line(), "charge-difference");
        }
        checkUnreachable(m);
        // displaces, agreement and producer-on-list are checked by the loader, where each field's line is known
    }

    /** Where {@code other} is written, as seen from a problem on {@code here}: its line, with its file when another. */
    private static String where(Measure other, Measure here) {
        return other.file().equals(here.file()) ? "line " + other.line() : other.file() + ":" + other.line();
    }

    /**
     * A condition no entry can reach: conditions are tried in order and the first that holds decides, so a price
     * step written after a step that always holds when it does (a ladder of unit-price-at-least written from the
     * lowest threshold up, or the same tests twice) never decides — every price above the lowest step would silently
     * get that step's treatment.
     */
    private void checkUnreachable(Measure m) {
        List<Condition> cs = m.conditions();
        for (int j = 1; j < cs.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (cs.get(i).action() instanceof Action.RequireDocuments) continue; // informs, does not decide
                if (implies(cs.get(j).tests(), cs.get(i).tests())) {
                    problems.add(m.file(), cs.get(j).line(), "when", "this condition never decides: whenever it holds, the "
                            + "condition at line " + cs.get(i).line() + " (" + lodestone.regime.view.RegimeViews.describe(cs.get(i))
                            + ") holds too and is tried first; expected a stepped price ladder from the highest threshold down, "
                            + "or conditions that differ");
                    break;
                }
            }
        }
    }

    /** Does every entry meeting {@code later} meet {@code earlier}? (Only what can be told from the tests alone.) */
    private static boolean implies(List<Test> later, List<Test> earlier) {
        for (Test e : earlier) {
            boolean covered = false;
            for (Test l : later) {
                if (l.equals(e) || stronger(l, e)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) return false;
        }
        return true;
    }

    /**
     * A test that implies another of the same kind: a price at least 30 implies at least 20 (same unit and currency); a
     * region (end use) among fewer implies one among more.
     */
    private static boolean stronger(Test l, Test e) {
        // a line in one of fewer regions (end uses) is in one of more: produced-in [CN-XJ] implies produced-in [CN-XJ, CN-GS]
        if (l instanceof Test.ProducedIn a && e instanceof Test.ProducedIn b) return b.regions().containsAll(a.regions());
        if (l instanceof Test.EndUseIn a && e instanceof Test.EndUseIn b) return b.uses().containsAll(a.uses());
        if (l instanceof Test.UnitPriceAtLeast a && e instanceof Test.UnitPriceAtLeast b && comparable(a.price(), b.price())) {
            return a.price().amount().compareTo(b.price().amount()) >= 0;
        }
        if (l instanceof Test.UnitPriceBelow a && e instanceof Test.UnitPriceBelow b && comparable(a.price(), b.price())) {
            return a.price().amount().compareTo(b.price().amount()) <= 0;
        }
        return false;
    }

    private static boolean comparable(Price a, Price b) {
        return a.currency().equals(b.currency()) && a.unit().equals(b.unit()) && java.util.Objects.equals(a.basis(), b.basis());
    }

    /**
     * A specific duty per unit (not per unit of content) must be convertible from the unit the goods
     * are declared in: a rate per litre on goods declared in kg cannot be assessed.
     */
    private void checkUnitsAgainstGoods(Measure m, DutyExpression e, int line, String field) {
        for (DutyExpression.Component c : e.components()) {
            if (!(c instanceof DutyExpression.Specific s) || s.basis() != null) continue;
            checkUnitAgainstGoods(m, s.unit(), line, field, "charges per " + s.unit().code(), "a rate");
        }
    }

    /**
     * The same for a price a condition compares the declared unit price with, or charges the difference to (a floor
     * per litre on goods declared in kg would refuse every entry it covers, so the regime is refused instead).
     */
    private void checkPriceAgainstGoods(Measure m, Price p, int line, String field) {
        if (p.basis() != null) return;
        checkUnitAgainstGoods(m, p.unit(), line, field, "prices per " + p.unit().code() + " (" + p + ")", "a price");
    }

    private void checkUnitAgainstGoods(Measure m, Unit unit, int line, String field, String what, String expected) {
        if (m.products().all() || hts == null) return;
        List<String> bad = new ArrayList<>();
        for (String prefix : m.products().sortedIncludes()) {
            for (HtsLine l : hts.withPrefix(prefix)) {
                if (!l.declarable() || !m.products().covers(l.digits()) || l.units().isEmpty()) continue;
                Set<Dimension> dims = dimensions(l.units());
                if (!dims.isEmpty() && !dims.contains(unit.dimension())) bad.add(l.code() + " (" + String.join(", ", l.units()) + ")");
            }
        }
        if (!bad.isEmpty()) {
            problems.add(m.file(), line, field, "unconvertible unit: measure " + m.id() + " " + what
                    + " but " + bad.size() + " line(s) are declared in other units, e.g. "
                    + bad.subList(0, Math.min(3, bad.size())) + "; expected " + expected + " per a unit of the goods' dimension");
        }
    }

    /** Dimensions of the HTS units of quantity of a line ("kg", "Mo kg", "No. and kg"…). */
    static Set<Dimension> dimensions(List<String> units) {
        Set<Dimension> out = EnumSet.noneOf(Dimension.class);
        for (String u : units) {
            var whole = Units.find(u);
            if (whole.isPresent()) {
                out.add(whole.get().dimension());
                continue;
            }
            for (String tok : u.split(" ")) Units.find(tok).ifPresent(x -> out.add(x.dimension()));
        }
        return out;
    }

    /**
     * Equivalent measures (same type and legal heading) must not cover the same goods from the same origins on the same
     * day. Comparing every pair is quadratic: an analyst's overlay of 20,000 one-code measures under one heading was
     * 200 million pairs (minutes). So each group is indexed by the chapters and headings its inclusions fall in, and only
     * measures that share one — or cover the whole schedule — are compared (OverlapIndexTest checks it against every
     * pair on seeded groups).
     */
    private void checkOverlaps() {
        Map<String, List<Measure>> byKey = new LinkedHashMap<>();
        for (Measure m : measures) {
            String key = m.type() + "|" + (m.heading() != null ? m.heading() : "title:" + m.title());
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        Map<String, Integer> countryIndex = new HashMap<>();
        for (List<Measure> group : byKey.values()) {
            int n = group.size();
            if (n < 2) continue;
            // each scope's origins (as a bit set) and sorted inclusions worked out once, for the pairs
            String[][] sorted = new String[n][];
            java.util.BitSet[] origins = new java.util.BitSet[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = group.get(i).products().sortedIncludeArray();
                origins[i] = new java.util.BitSet();
                for (String c : covered(group.get(i).origins())) {
                    origins[i].set(countryIndex.computeIfAbsent(c, k -> countryIndex.size()));
                }
            }
            ProductBuckets buckets = new ProductBuckets(group);
            int[] seen = new int[n];
            java.util.Arrays.fill(seen, -1);
            for (int i = 0; i < n; i++) {
                Measure a = group.get(i);
                int[] later = buckets.candidatesAfter(i, seen);
                for (int j : later) {
                    Measure b = group.get(j);
                    if (a.validity().overlaps(b.validity()) && origins[i].intersects(origins[j])
                            && a.products().mayOverlap(b.products(), sorted[i], sorted[j])
                            && !a.displaces(b) && !b.displaces(a)) { // one charged in the other's place (displaces) is no double charge
                        problems.add(b.file(), b.line(), "id", "overlapping equivalent measures: '" + b.id()
                                + "' and '" + a.id() + "' (" + where(a, b) + ") have the same type and "
                                + (a.heading() != null ? "legal heading " + a.heading() : "title (neither names a heading)")
                                + " and cover goods from origins in common on overlapping dates ("
                                + a.validity() + " and " + b.validity() + "); expected one to end before the other starts, "
                                + "or one to name the other in displaces (it is then charged in its place)");
                    }
                }
            }
        }
    }

    /**
     * The measures of one group by where their inclusions lie: two product scopes can overlap only if one covers the
     * whole schedule or an inclusion of one is a prefix of an inclusion of the other — so they share a chapter, and
     * when both inclusions have four digits or more, a heading.
     */
    private static final class ProductBuckets {
        private final List<Measure> group;
        private final List<Integer> whole = new ArrayList<>();                  // all: true
        private final Map<String, List<Integer>> byChapter = new HashMap<>();   // a two-digit inclusion
        private final Map<String, List<Integer>> byHeading = new HashMap<>();   // an inclusion of four digits or more
        private final Map<String, List<String>> headingsOfChapter = new HashMap<>();

        ProductBuckets(List<Measure> group) {
            this.group = group;
            for (int i = 0; i < group.size(); i++) {
                var scope = group.get(i).products();
                if (scope.all()) {
                    whole.add(i);
                    continue;
                }
                for (String c : scope.includes()) {
                    if (c.length() < 4) {
                        addOnce(byChapter.computeIfAbsent(c.substring(0, 2), k -> new ArrayList<>()), i);
                    } else {
                        String h = c.substring(0, 4);
                        List<Integer> list = byHeading.computeIfAbsent(h, k -> {
                            headingsOfChapter.computeIfAbsent(h.substring(0, 2), x -> new ArrayList<>()).add(h);
                            return new ArrayList<>();
                        });
                        addOnce(list, i);
                    }
                }
            }
        }

        private static void addOnce(List<Integer> list, int i) {
            if (list.isEmpty() || list.get(list.size() - 1) != i) list.add(i); // indices arrive in order
        }

        /** The measures after {@code i} that may overlap it, in order; {@code seen} marks those found (by i). */
        int[] candidatesAfter(int i, int[] seen) {
            List<Integer> out = new ArrayList<>();
            var scope = group.get(i).products();
            if (scope.all()) {
                for (int j = i + 1; j < group.size(); j++) out.add(j);
            } else {
                take(whole, i, seen, out);
                for (String c : scope.includes()) {
                    String chapter = c.substring(0, 2);
                    take(byChapter.getOrDefault(chapter, List.of()), i, seen, out);
                    if (c.length() < 4) {
                        for (String h : headingsOfChapter.getOrDefault(chapter, List.of())) take(byHeading.get(h), i, seen, out);
                    } else {
                        take(byHeading.getOrDefault(c.substring(0, 4), List.of()), i, seen, out);
                    }
                }
            }
            int[] a = new int[out.size()];
            for (int k = 0; k < a.length; k++) a[k] = out.get(k);
            java.util.Arrays.sort(a);
            return a;
        }

        private static void take(List<Integer> bucket, int i, int[] seen, List<Integer> out) {
            // the buckets are in index order: the ones after i are a tail, found by binary search
            int lo = 0, hi = bucket.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (bucket.get(mid) <= i) lo = mid + 1; else hi = mid;
            }
            for (int k = lo; k < bucket.size(); k++) {
                int j = bucket.get(k);
                if (seen[j] != i) {
                    seen[j] = i;
                    out.add(j);
                }
            }
        }
    }

    private Set<String> covered(OriginScope o) {
        Set<String> s = new HashSet<>();
        for (String t : o.includes()) s.addAll(geo.everCovered(t));
        if (o.includes().contains(Geography.ALL) && s.isEmpty()) s.add("*");
        for (String t : o.excludes()) {
            if (!geo.group(t).isPresent()) s.remove(t); // excluded groups are dated: keep conservative
        }
        return s;
    }
}
