package lodestone.exposure.stockpile;

import lodestone.market.Equilibrium;
import lodestone.market.ScenarioException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A coordinated release among stockpile holders in a disruption. A rule shares the total release among the
 * participants — pro rata to their imports (baseline market), their holdings, or their contributions — each
 * share capped at what the participant holds. The sharing is water-filling ({@link #allocate}): what a capped
 * holder cannot give is shared again, pro rata by the same rule, among the holders with metal left, until the
 * total is met or every holder (with weight under the rule) is exhausted — so the release is min(total, held),
 * never a pro-rata split that leaves metal in some stockpiles while the shortfall goes unfilled. Each
 * participant releases its quantity evenly over the disruption's months (the release path). The path, as an annual rate per market region, is added to the
 * disruption scenario as the market engine's {@code stockpile} instrument, and the two equilibria (without
 * and with the release) give the prices. The cost of the release is the book cost of what leaves the
 * stockpiles (quantity × each holder's average cost) against its proceeds at the with-release price.
 */
public final class CoordinatedRelease {
    private CoordinatedRelease() { }

    public enum Rule { IMPORTS, HOLDINGS, CONTRIBUTIONS }

    /**
     * A holder taking part. {@code costUsdPerKg}: its average cost (null: valued at the baseline price);
     * {@code contribution}: what it paid in (USD; needed for the contributions rule); {@code basis}: where the
     * holding figure comes from (the ledger, or an assumption), shown with the result.
     */
    public record Participant(String id, String country, BigDecimal holdingKg, BigDecimal costUsdPerKg, BigDecimal contribution, String basis,
                              BigDecimal costBasis) {
        /** A holder whose cost basis (USD, to the cent) is not known: its book cost is quantity × {@code costUsdPerKg}. */
        public Participant(String id, String country, BigDecimal holdingKg, BigDecimal costUsdPerKg, BigDecimal contribution, String basis) {
            this(id, country, holdingKg, costUsdPerKg, contribution, basis, null);
        }

        /**
         * The cost that releasing {@code kg} removes: with a ledger's cost basis, by the ledger's rule (cost basis × kg ÷ holding,
         * half-up to the cent; all of it for the whole holding), so the figure is what recording the release would remove;
         * otherwise kg × the average cost; null when neither is known.
         */
        Double bookCost(double kg) {
            if (costBasis != null && holdingKg.signum() > 0) {
                BigDecimal q = BigDecimal.valueOf(kg);
                return (q.compareTo(holdingKg) >= 0 ? costBasis : costBasis.multiply(q).divide(holdingKg, 2, RoundingMode.HALF_UP)).doubleValue();
            }
            return costUsdPerKg == null ? null : kg * costUsdPerKg.doubleValue();
        }
    }

    public record Plan(String mineral, String disruption, int months, LocalDate start, BigDecimal totalKg, Rule rule, List<Participant> participants) { }

    /**
     * A participant's part. {@code weight}: its weight under the rule; {@code share}: its share of what is released
     * (quantity ÷ total released; 0 when nothing is); {@code capped}: it releases all it holds (its pro-rata share,
     * after re-allocation, reached its holding).
     */
    public record Share(String id, String region, double weight, double share, double quantityKg, boolean capped, double bookCost,
                        double proceeds, String basis) { }

    /**
     * Quantities by water-filling; which holders gave all they hold ({@code capped}), the round each was capped in
     * ({@code round}: 1, 2, …; 0 when not capped) and the order they were capped in ({@code cappedOrder}: indices).
     */
    record Allocation(double[] kg, boolean[] capped, int[] round, List<Integer> cappedOrder) {
        double total() {
            double t = 0;
            for (double q : kg) t += q;
            return t;
        }
    }

    /**
     * Shares {@code total} pro rata to {@code weight}, each holder capped at {@code held}, by water-filling: in each
     * round the amount still to share is split pro rata among the holders not yet capped (weight &gt; 0); every holder
     * whose split reaches what it holds gives exactly that and leaves; the rest is split again among those left. When
     * a round caps nobody, the split stands. At most one round per holder. A holder of weight 0 gets nothing (pro
     * rata to 0), so the total is min(total, Σ held of the holders with weight) and each quantity is at most the holding.
     */
    static Allocation allocate(double total, double[] weight, double[] held) {
        int n = weight.length;
        double[] kg = new double[n];
        boolean[] capped = new boolean[n];
        boolean[] active = new boolean[n];
        int[] round = new int[n];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (weight[i] > 0 && held[i] > 0) active[i] = true;
            else if (weight[i] > 0) { // holds nothing: its share is capped at 0 from the start
                capped[i] = true;
                round[i] = 1;
                order.add(i);
            }
        }
        double left = total;
        for (int k = 1; left > 0; k++) {
            double sumW = 0;
            for (int i = 0; i < n; i++) if (active[i]) sumW += weight[i];
            if (sumW <= 0) break; // every holder with weight is exhausted
            boolean cappedThisRound = false;
            for (int i = 0; i < n; i++) {
                // a split within a rounding error (1e-12) of the holding counts as reaching it: the holder gives it all
                if (active[i] && left * weight[i] / sumW >= held[i] * (1 - 1e-12)) {
                    kg[i] = held[i];
                    capped[i] = true;
                    round[i] = k;
                    active[i] = false;
                    order.add(i);
                    cappedThisRound = true;
                }
            }
            if (!cappedThisRound) {
                for (int i = 0; i < n; i++) if (active[i]) kg[i] = left * weight[i] / sumW;
                break;
            }
            left = total;
            for (int i = 0; i < n; i++) if (capped[i]) left -= kg[i];
        }
        return new Allocation(kg, capped, round, order);
    }

    public record Month(LocalDate month, Map<String, Double> kgByParticipant) { }

    public record RegionPrice(String region, double baseline, double withoutRelease, double withRelease) { }

    public record Result(String mineral, String market, String disruption, int months, LocalDate start, Rule rule, double totalRequestedKg,
                         double totalReleasedKg, List<Share> shares, List<Month> path, Map<String, Double> releasePerYearByRegion,
                         String quantityUnit, List<RegionPrice> pricesUsdPerKg, double bookCost, double proceeds, double net,
                         List<String> warnings) { }

    public static Result run(Plan plan, Markets markets) throws ScenarioException {
        Cover.checkMonths(plan.months());
        if (plan.participants().isEmpty()) throw new IllegalArgumentException("participants: none; a release needs at least one holder");
        checkMineral(markets, plan.mineral());
        String market = markets.baselineFor(plan.mineral())
                .orElseThrow(() -> new IllegalArgumentException("mineral: no bundled market trades " + plan.mineral()));
        Equilibrium base = markets.equilibrium(market);
        Equilibrium without = markets.equilibrium(plan.disruption());
        if (!without.scenario().minerals().contains(plan.mineral())) {
            throw new IllegalArgumentException("disruption: the scenario " + plan.disruption() + " is a market for "
                    + String.join(", ", without.scenario().minerals()) + ", not " + plan.mineral());
        }
        markets.disruption(plan.disruption()); // a baseline or a floor is not a disruption: refused, naming the disruptions
        if (!without.scenario().regionIds().equals(base.scenario().regionIds())) {
            // the release is shared and priced in the bundled market's regions: a disruption of one's own on another market of the
            // mineral would be compared region by region with one it does not describe
            throw new IllegalArgumentException("disruption: the scenario " + plan.disruption() + " has the regions "
                    + String.join(", ", without.scenario().regionIds()) + ", not those of the bundled " + market + " market ("
                    + String.join(", ", base.scenario().regionIds()) + ") in which a release is shared and priced: write the disruption "
                    + "on it (baseline: " + market + ", with its policies)");
        }
        List<String> warnings = new ArrayList<>();
        int n = plan.participants().size();
        String[] region = new String[n];
        double[] weight = new double[n];
        double sumW = 0, sumHeld = 0, shortfall = 0;
        java.util.Set<String> seenRegions = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            Participant p = plan.participants().get(i);
            if (p.holdingKg() == null || p.holdingKg().signum() < 0) {
                throw new IllegalArgumentException("participants[" + i + "].holding: expected zero or more kg");
            }
            region[i] = markets.regionFor(base.scenario(), p.country());
            if (region[i] == null) throw new IllegalArgumentException("participants[" + i + "].country: the market " + market
                    + " has no region for " + p.country() + " (regions: " + String.join(", ", base.scenario().regionIds()) + ")");
        }
        // participants in one market region (JP and KR in cobalt's JK) share its imports: each had been weighted by all of them
        Map<String, List<String>> inRegion = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) inRegion.computeIfAbsent(region[i], r -> new ArrayList<>()).add(plan.participants().get(i).id());
        for (int i = 0; i < n; i++) {
            Participant p = plan.participants().get(i);
            List<String> sharing = inRegion.get(region[i]);
            if (sharing.size() > 1 && sharing.get(0).equals(p.id())) warnings.add(sharedRegion(sharing, region[i], base, plan.rule()));
            else if (sharing.size() == 1 && !region[i].equals(p.country())) warnings.add(p.id() + " is in the market region " + region[i] + " ("
                    + String.join(", ", base.scenario().regionCountries().get(region[i])) + "): its imports are the region's");
            double imports = Markets.importsKgPerYear(base, region[i]);
            if (seenRegions.add(region[i])) shortfall += Math.max(0, imports - Markets.importsKgPerYear(without, region[i]));
            weight[i] = switch (plan.rule()) {
                case IMPORTS -> imports / sharing.size();
                case HOLDINGS -> p.holdingKg().doubleValue();
                case CONTRIBUTIONS -> {
                    // in the words of docs/stockpile-format.md (rule, contributions, ally, target), not the Participant's fields
                    if (p.contribution() == null) throw new IllegalArgumentException("rule: contributions shares the release by "
                            + "what each participant paid in, and what " + p.id() + " paid in is not known (an ally is taken to hold "
                            + "its target, and what it paid in is not published; a stockpile's contribution is the funding drawn in "
                            + "its ledger); share by imports or holdings instead, or leave " + p.id() + " out");
                    yield p.contribution().doubleValue();
                }
            };
            sumW += weight[i];
            sumHeld += p.holdingKg().doubleValue();
        }
        if (sumW <= 0) throw new IllegalArgumentException("rule: every participant's weight under the " + plan.rule().name().toLowerCase()
                + " rule is zero; nothing can be shared");
        double requested;
        if (plan.totalKg() != null) {
            if (plan.totalKg().signum() <= 0) throw new IllegalArgumentException("total_kg: " + plan.totalKg().toPlainString()
                    + " is not a positive quantity of kg");
            requested = plan.totalKg().doubleValue();
        } else {
            requested = Math.min(sumHeld, shortfall * plan.months() / 12.0);
            warnings.add("no total given: the release fills the participants' import shortfall over " + plan.months() + " months ("
                    + fmt(shortfall * plan.months() / 12.0) + " kg), up to what they hold (" + fmt(sumHeld) + " kg)");
        }
        double[] held = new double[n];
        for (int i = 0; i < n; i++) held[i] = plan.participants().get(i).holdingKg().doubleValue();
        Allocation a = allocate(requested, weight, held);
        double released = a.total();
        for (int i : a.cappedOrder()) {
            Participant p = plan.participants().get(i);
            boolean othersLeft = false;
            for (int j = 0; j < n; j++) othersLeft |= j != i && weight[j] > 0 && (a.round()[j] == 0 || a.round()[j] > a.round()[i]);
            warnings.add(p.id() + "'s share is capped at what it holds (" + fmt(held[i]) + " kg)"
                    + (othersLeft ? "; the rest of its share is re-allocated pro rata among the holders with metal left" : ""));
        }
        if (released < requested * (1 - 1e-12)) {
            double heldWithout = 0;
            for (int i = 0; i < n; i++) if (weight[i] <= 0) heldWithout += held[i];
            warnings.add((heldWithout > 0 ? "every holder with weight under the rule" : "every holder") + " releases all it holds: "
                    + fmt(released) + " kg of the " + fmt(requested) + " kg requested" + (heldWithout > 0 ? "; " + fmt(heldWithout)
                    + " kg more is held by participants whose weight under the " + plan.rule().name().toLowerCase(java.util.Locale.ROOT)
                    + " rule is zero, who release nothing" : ""));
        }
        List<Share> shares = new ArrayList<>();
        Map<String, Double> perYear = new LinkedHashMap<>();
        double kgPerUnit = Markets.kgPerUnit(base.scenario());
        for (int i = 0; i < n; i++) {
            Participant p = plan.participants().get(i);
            double q = a.kg()[i];
            perYear.merge(region[i], q / plan.months() * 12 / kgPerUnit, Double::sum);
            shares.add(new Share(p.id(), region[i], weight[i], released > 0 ? q / released : 0, q, a.capped()[i], 0, 0, p.basis()));
        }
        Equilibrium with = markets.withRelease(plan.disruption(), perYear);
        double book = 0, proceeds = 0;
        for (int i = 0; i < n; i++) {
            Participant p = plan.participants().get(i);
            Share s = shares.get(i);
            Double known = p.bookCost(s.quantityKg());
            double bc = known != null ? known : s.quantityKg() * Markets.priceUsdPerKg(base, region[i]);
            double pr = s.quantityKg() * Markets.priceUsdPerKg(with, region[i]);
            // said of what is valued: a holding released in nothing (a stockpile's all written off or released) is valued at nothing
            if (p.costUsdPerKg() == null && s.quantityKg() > 0) warnings.add(p.id() + "'s holding is valued at the baseline price (its cost is not known)");
            shares.set(i, new Share(s.id(), s.region(), s.weight(), s.share(), s.quantityKg(), s.capped(), bc, pr, s.basis()));
            book += bc;
            proceeds += pr;
        }
        List<Month> path = new ArrayList<>();
        for (int m = 0; m < plan.months(); m++) {
            Map<String, Double> q = new LinkedHashMap<>();
            for (Share s : shares) q.put(s.id(), s.quantityKg() / plan.months());
            path.add(new Month(plan.start().plusMonths(m), q));
        }
        List<RegionPrice> prices = new ArrayList<>();
        for (String r : base.scenario().regionIds()) {
            prices.add(new RegionPrice(r, Markets.priceUsdPerKg(base, r), Markets.priceUsdPerKg(without, r), Markets.priceUsdPerKg(with, r)));
        }
        return new Result(plan.mineral(), market, plan.disruption(), plan.months(), plan.start(), plan.rule(), requested, released, shares, path,
                perYear, base.scenario().quantityUnit(), prices, book, proceeds, proceeds - book, warnings);
    }

    /**
     * The participants of the bundled comparison: the stockpile itself in {@code country} (its holding and
     * average cost from the ledger, its funding drawn as contribution) and, for each comparison target
     * with a country, that country's stockpile assumed to hold exactly its target (days of the baseline
     * market's imports) — an assumption, labelled as such, since national holdings are not published. The stockpile's
     * {@code country} and each ally must be a country of the regime with a region in the mineral's market, and each ally's
     * days a whole number from 1 to 3660 (ten years, as a ledger's targets): anything else is refused naming it ({@code country: …}, {@code allies.XX: …}), never dropped
     * (reported: an ally XX was left out of the release without a word).
     */
    public static List<Participant> withAllies(Position p, String mineral, String country, Markets markets, Map<String, Integer> allyTargetDays)
            throws ScenarioException {
        List<Participant> out = new ArrayList<>();
        checkMineral(markets, mineral);
        String market = markets.baselineFor(mineral).orElseThrow(() -> new IllegalArgumentException("mineral: no bundled market trades " + mineral));
        Equilibrium base = markets.equilibrium(market);
        checkCountry(markets, base, market, "country", country);
        for (Map.Entry<String, Integer> a : allyTargetDays.entrySet()) {
            checkCountry(markets, base, market, "allies." + a.getKey(), a.getKey());
            // the ledger is the stockpile of its country: that country as an ally was a second holding of it, invented beside the ledger's
            if (a.getKey().equals(country)) throw new IllegalArgumentException("allies." + a.getKey() + ": " + a.getKey() + " is the stockpile's "
                    + "own country (country: " + country + "), whose holding is the ledger's; an ally is another country");
            // at most ten years of imports, as a ledger's targets (StockpileFile): 2,000,000,000 days was taken as held
            if (a.getValue() == null || a.getValue() <= 0 || a.getValue() > StockpileFile.DAYS_MAX.intValue()) {
                throw new IllegalArgumentException("allies." + a.getKey() + ": " + a.getValue() + " is not a positive whole number of days"
                        + " (at most " + StockpileFile.DAYS_MAX + ")");
            }
        }
        Position.Holding h = p.holding(mineral);
        BigDecimal held = h == null ? BigDecimal.ZERO : h.quantityKg();
        out.add(new Participant(p.stockpile(), country, held, h == null ? null : h.averageCost(), p.fundingDrawn(),
                "ledger " + p.stockpile() + " as of " + p.asOf(), h == null ? null : h.costBasis()));
        // allies in one market region (JP and KR in cobalt's JK) each hold their target of an equal part of its imports: the
        // market does not split them by country, and a whole region's imports each counted its imports twice
        Map<String, Integer> perRegion = new java.util.HashMap<>();
        perRegion.merge(markets.regionFor(base.scenario(), country), 1, Integer::sum);
        for (String ally : allyTargetDays.keySet()) perRegion.merge(markets.regionFor(base.scenario(), ally), 1, Integer::sum);
        for (Map.Entry<String, Integer> a : allyTargetDays.entrySet()) {
            String r = markets.regionFor(base.scenario(), a.getKey());
            int k = perRegion.get(r);
            double kg = Markets.importsKgPerYear(base, r) / k / 365.25 * a.getValue();
            out.add(new Participant(a.getKey(), a.getKey(), BigDecimal.valueOf(kg).setScale(0, RoundingMode.HALF_UP), null, null,
                    "assumed: holds its " + a.getValue() + "-day target of " + (k == 1 ? r + "'s baseline imports (national holdings are "
                            + "not published)" : (k == 2 ? "half" : "1/" + k) + " of " + r + "'s baseline imports (" + r + ", "
                            + countriesOf(base.scenario().regionCountries().getOrDefault(r, List.of(r))) + ", is one region of the market: its "
                            + "imports are split equally here among the " + k + " participants in it; national holdings are not published)")));
        }
        return out;
    }

    /** A region's countries in a basis: "that is JP and KR"; a region of many (EU27) by their count, "27 countries". */
    private static String countriesOf(List<String> cs) {
        if (cs.size() > 4) return cs.size() + " countries";
        return "that is " + (cs.size() == 1 ? cs.get(0) : String.join(", ", cs.subList(0, cs.size() - 1)) + " and " + cs.get(cs.size() - 1));
    }

    /** What is said of participants sharing a market region: under the imports rule they split its imports equally. */
    private static String sharedRegion(List<String> ids, String region, Equilibrium base, Rule rule) {
        String who = String.join(" and ", ids);
        String countries = countriesOf(base.scenario().regionCountries().getOrDefault(region, List.of(region)));
        return who + " share the market region " + region + " (" + countries + "), whose imports the market does not split by country"
                + (rule == Rule.IMPORTS ? ": each is weighted by 1/" + ids.size() + " of them (an equal split, an assumption)" : "");
    }

    /** A mineral the regime does not know is said as such (it was "no bundled market trades unobtainium"). */
    private static void checkMineral(Markets markets, String mineral) {
        if (mineral != null && markets.regime().minerals().mineral(mineral).isEmpty()) {
            throw new IllegalArgumentException("mineral: '" + mineral + "' is not a mineral of the regime; expected an id of its "
                    + "critical-minerals list, e.g. gallium (lodestone regime minerals)");
        }
    }

    private static void checkCountry(Markets markets, Equilibrium base, String market, String field, String cc) {
        if (markets.regime().geography().country(cc).isEmpty()) {
            throw new IllegalArgumentException(field + ": '" + cc + "' is not a country of the regime; expected an ISO alpha-2 code (e.g. US, JP, KR)");
        }
        if (markets.regionFor(base.scenario(), cc) == null) {
            throw new IllegalArgumentException(field + ": the market " + market + " has no region for " + cc + " (regions: "
                    + String.join(", ", base.scenario().regionIds()) + ")");
        }
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%,.0f", v);
    }
}
