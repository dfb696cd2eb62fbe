package lodestone.exposure.company;

import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.border.bulk.EntryFields;
import lodestone.exposure.stockpile.Markets;
import lodestone.market.Equilibrium;
import lodestone.market.ScenarioException;
import lodestone.regime.Problem;
import lodestone.regime.Regime;
import lodestone.regime.geo.CountryGroup;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the regime and the markets cost a company: each sourcing line assessed at the border (duties by
 * measure, landed cost, documents, prohibitions; a supplier on an entity list such as UFLPA flagged; a
 * claimed preference checked on its bill of materials), then the same lines under scenarios — another regime
 * or date, and market prices from the market engine — with each line's contract applied month by month over
 * the twelve months from the exposure date; cost per product (through its bill of materials) and in total;
 * and, for each exposed line, re-sourcing among club-member and preference countries ranked by saving.
 *
 * <p>A line's entry is built from the same fields {@code lodestone assess} takes (one EntryFields parse), so
 * its duty and landed cost today are those of the command for the same entry. Money is exact: prices per
 * unit move with a market price ratio (a double, the model's) rounded to 6 decimals; a line's goods cost is
 * its quantity × its average monthly price (unrounded; the average shown is rounded to 6 decimals), rounded to the cent; the landed cost is the assessment's (customs
 * value + duty) plus the freight paid on top of a customs value that excludes it.
 *
 * <p>A line the assessment refuses (today, or under a scenario's regime or date) is not left out of a total: the whole
 * evaluation is refused ({@link CompanyFile.Invalid}) with every such problem located at the company-file field that
 * gives the refused value, as a problem of the file is.
 */
public final class Exposure {
    private Exposure() { }

    /**
     * A scenario: {@code assessor} (null: today's regime), {@code date} the border is assessed on (null: the
     * exposure date), {@code market} a bundled market scenario whose prices move the linked lines from
     * {@code marketFrom} (null: the exposure date).
     */
    public record Case(String label, Assessor assessor, LocalDate date, String market, LocalDate marketFrom) { }

    public record Duty(String measure, String type, BigDecimal amount) { }

    /**
     * A line under a scenario. {@code averagePrice} and {@code goodsCost} are in the line's {@code currency}; the customs value, duty,
     * freight and landed cost in USD. {@code origin}, {@code supplier} and {@code hts} are the line's, so that a result read alone (a CSV in
     * a spreadsheet) says where each line comes from.
     */
    public record LineResult(String line, String scenario, String status, String origin, String supplier, String hts, BigDecimal quantity,
                             String unit, String currency, BigDecimal averagePrice,
                             BigDecimal goodsCost, BigDecimal customsValueUsd, BigDecimal duty, BigDecimal freight, BigDecimal landedCost,
                             BigDecimal landedPerUnit, List<Duty> duties, List<String> documents, List<String> prohibitions,
                             boolean entityListed, String originCheck, String contract, ContractUse contractUse, List<String> warnings) { }

    /**
     * How a line's contract applied over the twelve months: {@code volumePerYear} (null: the whole quantity) is a yearly rate,
     * so in each month within the contract's dates it covers {@code perMonth} = min(volume, quantity) ÷ 12 of the
     * {@code monthlyQuantity} = quantity ÷ 12 bought that month ({@code coveredShare} of it), at the contract's terms; the
     * rest of that month, and every month outside its dates, pays spot. {@code months}: the months under the contract;
     * {@code contractQuantity} = perMonth × their number, {@code spotQuantity} the rest of the year's quantity. Quantities
     * in the line's unit, to 3 decimals.
     */
    public record ContractUse(String contract, String type, BigDecimal volumePerYear, BigDecimal monthlyQuantity, BigDecimal perMonth,
                              BigDecimal coveredShare, List<YearMonth> months, BigDecimal contractQuantity, BigDecimal spotQuantity) { }

    public record ProductResult(String product, String scenario, BigDecimal annualCost, BigDecimal unitCost, List<String> warnings) { }

    public record Alternative(String line, String origin, String preference, BigDecimal price, BigDecimal duty, BigDecimal landedCost,
                              BigDecimal saving, String note) { }

    public record Report(String company, LocalDate date, List<String> scenarios, List<LineResult> lines, List<ProductResult> products,
                         Map<String, BigDecimal> totals, Map<String, Map<String, BigDecimal>> mineralsKgPerYear,
                         List<Alternative> alternatives, List<String> warnings) {
        public LineResult line(String id, String scenario) {
            for (LineResult l : lines) if (l.line().equals(id) && l.scenario().equals(scenario)) return l;
            return null;
        }
    }

    public static final String TODAY = "today";

    /**
     * Evaluates the company on {@code date} (null: the file's date) today and under each case. {@code today}
     * is the assessor of the regime in force (built with the origin verifier).
     */
    public static Report evaluate(Company c, LocalDate date, Assessor today, List<Case> cases, Markets markets, boolean alternatives)
            throws ScenarioException, CompanyFile.Invalid {
        LocalDate d = date != null ? date : c.date() != null ? c.date() : LocalDate.now();
        List<Case> all = new ArrayList<>();
        all.add(new Case(TODAY, today, d, null, d));
        for (Case k : cases) {
            if (k.label().equals(TODAY)) throw new IllegalArgumentException("a scenario may not be called 'today'");
            all.add(new Case(k.label(), k.assessor() != null ? k.assessor() : today, k.date() != null ? k.date() : d, k.market(),
                    k.marketFrom() != null ? k.marketFrom() : d));
        }
        Set<String> labels = new LinkedHashSet<>();
        for (Case k : all) if (!labels.add(k.label())) throw new IllegalArgumentException("two scenarios are called '" + k.label() + "'");
        Map<String, Double> ratioCache = new HashMap<>();
        List<LineResult> results = new ArrayList<>();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        EntryFields fields = new EntryFields();
        Map<String, Map<String, LineResult>> byScenario = new LinkedHashMap<>();
        Map<String, Problem> refused = new LinkedHashMap<>(); // by line, field and reason: said once, for the first scenario
        for (Case k : all) {
            String path = pathWarning(markets, k);
            if (path != null) warnings.add(path);
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            Map<String, LineResult> mine = new HashMap<>();
            boolean linked = false;
            for (Company.SourcingLine l : c.sourcing()) {
                double ratio = 1;
                String flowWarning = null;
                if (k.market() != null && l.market() != null) {
                    Double r = ratio(markets, k.market(), l.market(), ratioCache);
                    if (r != null) {
                        ratio = r;
                        linked = true;
                        flowWarning = flowWarning(markets, k.market(), l.origin());
                    }
                }
                LineResult lr = line(c, l, k, d, ratio, fields, refused);
                String boundWarning = k.label().equals(TODAY) ? outsideContract(c, l, d) : null;
                String unitWarning = k.label().equals(TODAY) ? priceFarFromMarket(markets, l, d) : null;
                if (flowWarning != null || boundWarning != null || unitWarning != null) {
                    List<String> w = new ArrayList<>(lr.warnings());
                    if (flowWarning != null) w.add(flowWarning);
                    if (boundWarning != null) w.add(boundWarning);
                    if (unitWarning != null) w.add(unitWarning);
                    lr = withWarnings(lr, w);
                }
                results.add(lr);
                mine.put(l.id(), lr);
                if (lr.landedCost() != null) total = total.add(lr.landedCost());
                else warnings.add(k.label() + ": line " + l.id() + " is " + lr.status() + " and left out of the total");
            }
            // a market that moves no line is said (reported: a scenario on gallium, or one from after the twelve months, gave
            // today's cost with no warning)
            if (k.market() != null && !linked && markets.isOwn(k.market())) {
                // a scenario of the user's own on another mineral than the lines' is said with both (never today's cost unexplained)
                java.util.TreeSet<String> lineMinerals = new java.util.TreeSet<>();
                for (Company.SourcingLine l : c.sourcing()) {
                    if (l.market() != null) lineMinerals.add(String.join(", ", markets.scenario(l.market()).minerals()));
                }
                warnings.add(k.label() + ": the market " + k.market() + " trades " + String.join(", ", markets.scenario(k.market()).minerals())
                        + (lineMinerals.isEmpty() ? ", and no line is linked to a market" : ", but the lines linked to a market follow "
                        + String.join("; ", lineMinerals)) + ": its prices change nothing here");
            } else if (k.market() != null && !linked) {
                warnings.add(k.label() + ": no line is linked to the market of " + k.market() + " (a line's market names the mineral "
                        + "market its price follows): its prices change nothing here");
            } else if (k.market() != null && markets.isOwn(k.market()) && markets.scenario(k.market()).baseline() == markets.scenario(k.market())) {
                warnings.add(k.label() + ": the market " + k.market() + " has no policies and no baseline: it is priced against itself and "
                        + "moves no line's price; add the policies of your scenario (an export_quota, an export_ban…) to the file");
            } else if (k.market() != null && markets.scenario(k.market()).baseline() == markets.scenario(k.market())) {
                // a baseline is priced against itself (reported: --scenario nickel, taken for a nickel scenario, gave today's cost)
                warnings.add(k.label() + ": the market " + k.market() + " is a baseline, not a scenario on one: it is priced against itself "
                        + "and moves no line's price; the bundled scenarios that move prices are " + String.join(", ", movingScenarios(markets)));
            } else if (k.market() != null && !k.marketFrom().isBefore(d.plusMonths(12))) {
                warnings.add(k.label() + ": the market " + k.market() + " moves prices from " + k.marketFrom() + ", after the twelve months from "
                        + d + " that the exposure covers: its prices change nothing here");
            }
            totals.put(k.label(), total);
            byScenario.put(k.label(), mine);
        }
        if (!refused.isEmpty()) throw new CompanyFile.Invalid(new ArrayList<>(refused.values()).stream().sorted().toList());
        warnings.addAll(0, horizonOnce(results, byScenario, d));
        List<ProductResult> products = new ArrayList<>();
        Map<String, Map<String, BigDecimal>> minerals = new LinkedHashMap<>();
        for (Company.Product p : c.products()) {
            Map<String, BigDecimal> m = new LinkedHashMap<>();
            p.mineralsKg().forEach((k, v) -> m.put(k, v.multiply(p.annualVolume())));
            minerals.put(p.id(), m);
            for (Case k : all) {
                // each line's landed cost × the share of its quantity this product uses (bom quantity × volume ÷ line quantity)
                BigDecimal cost = BigDecimal.ZERO;
                List<String> w = new ArrayList<>();
                for (Company.BomItem b : p.bom()) {
                    LineResult lr = byScenario.get(k.label()).get(b.line());
                    if (lr.landedCost() == null) {
                        w.add("line " + b.line() + " is " + lr.status());
                        cost = null;
                        break;
                    }
                    cost = cost.add(lr.landedCost().multiply(b.quantity()).multiply(p.annualVolume()).divide(lr.quantity(), MathContext.DECIMAL128));
                }
                products.add(new ProductResult(p.id(), k.label(), cost == null ? null : cost.setScale(2, RoundingMode.HALF_UP),
                        cost == null ? null : cost.divide(p.annualVolume(), 4, RoundingMode.HALF_UP), w));
            }
        }
        List<Alternative> alts = alternatives ? alternatives(c, byScenario.get(TODAY), today, d, markets, all, fields) : List.of();
        return new Report(c.name(), d, List.copyOf(labels), results, products, totals, minerals, alts, warnings);
    }

    /**
     * A border date past the regime's horizon is said once a cause — the same warning, for one regime and date — with the scenarios and
     * lines it concerns and the months it costs, and so is a stale exchange rate (one currency and date) with its lines; both taken off the lines (each line under each scenario said it: six times for three
     * lines and two scenarios). {@code results} and {@code byScenario} are rewritten in place.
     */
    private static List<String> horizonOnce(List<LineResult> results, Map<String, Map<String, LineResult>> byScenario, LocalDate d) {
        String past = lodestone.regime.Horizon.PREFIX + "the entry date ";
        Map<String, Set<String>> scenarios = new LinkedHashMap<>(), lines = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            LineResult lr = results.get(i);
            List<String> kept = new ArrayList<>();
            for (String w : lr.warnings()) {
                if (w.startsWith(past) && w.contains(" is after ") || w.startsWith(lodestone.regime.Horizon.PREFIX + "converted from ")) {
                    scenarios.computeIfAbsent(w, x -> new LinkedHashSet<>()).add(lr.scenario());
                    lines.computeIfAbsent(w, x -> new LinkedHashSet<>()).add(lr.line());
                } else {
                    kept.add(w);
                }
            }
            if (kept.size() == lr.warnings().size()) continue;
            LineResult now = withWarnings(lr, kept);
            results.set(i, now);
            byScenario.get(lr.scenario()).put(lr.line(), now);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : scenarios.entrySet()) {
            int n = lines.get(e.getKey()).size();
            if (e.getKey().startsWith(past)) {
                out.add(String.join(", ", e.getValue()) + ": " + e.getKey() + " (" + n + (n == 1 ? " line, the 12 months" : " lines, each the 12 months")
                        + " from " + d + " costed at the border of that date)");
            } else { // a stale rate: of the lines in its currency
                out.add(String.join(", ", e.getValue()) + ": " + e.getKey() + " (line" + (n == 1 ? " " : "s ") + String.join(", ", lines.get(e.getKey()))
                        + "; the 12 months from " + d + " converted at that rate)");
            }
        }
        return out;
    }

    /**
     * The bundled market scenarios that move a linked line's price, in the bundled order: the scenarios on a baseline whose US
     * price differs from their baseline's, and the paths (their prices move year by year). germanium-ban-us, China's ban on the
     * US alone, re-routed at the same prices, had been named among them.
     */
    static List<String> movingScenarios(Markets markets) {
        List<String> out = new ArrayList<>();
        for (lodestone.market.Scenario.BundledScenario b : lodestone.market.Scenario.bundledNames()) {
            if (b.baseline().isEmpty() || "null".equals(b.baseline())) continue;
            try {
                if (!markets.scenario(b.name()).hasHorizon()) {
                    Equilibrium e = markets.equilibrium(b.name()), base = markets.baselineEquilibrium(b.name());
                    String us = Markets.regionOf(e.scenario(), "US");
                    if (us != null && e.solved() && base.solved() && Math.abs(e.price(us) - base.price(us)) <= 1e-9 * Math.abs(base.price(us))) continue;
                }
            } catch (ScenarioException ex) { /* named: whether it moves a price is not known here */ }
            out.add(b.name());
        }
        return out;
    }

    /**
     * A market scenario with a path of years ({@code horizon:}) is priced by its single equilibrium — the market as the
     * file describes it, in the path's first year, without the path: said, never silently (reported: {@code
     * market=ndpr-2025-2040} answered as if it were one year).
     */
    static String pathWarning(Markets markets, Case k) throws ScenarioException {
        if (k.market() == null) return null;
        lodestone.market.Scenario s = markets.scenario(k.market());
        if (!s.hasHorizon()) return null;
        int[] y = s.years();
        return k.label() + ": the market " + k.market() + " is a path of years " + y[0] + "-" + y[1] + "; exposure prices its "
                + "first year, " + y[0] + ", as the file describes the market, without the path's growth, bans, stockpile releases "
                + "or projects. To cost the company on the path year by year, evaluate it with years (lodestone exposure --years "
                + example(k.date().getYear(), y[1]) + " --scenario " + k.market() + "; the API's POST /api/exposure/years; the Exposure page's "
                + "Years field)";
    }

    /**
     * Years to suggest after {@code year}: the next four, within the path's last (reported: the warning sent a user to lodestone
     * simulate, saying exposure could not price a later year of a path, when --years does).
     */
    private static String example(int year, int last) {
        int a = Math.min(year + 1, last), b = Math.min(year + 4, last);
        return a == b ? String.valueOf(a) : a + "-" + b;
    }

    /** The market price ratio (scenario ÷ its baseline, for US buyers) for a line linked to {@code lineMarket}; null when unrelated. */
    private static Double ratio(Markets markets, String scenario, String lineMarket, Map<String, Double> cache) throws ScenarioException {
        String key = scenario + "|" + lineMarket;
        if (cache.containsKey(key)) return cache.get(key);
        Equilibrium s = markets.equilibrium(scenario);
        Equilibrium lm = markets.equilibrium(lineMarket);
        Double r = null;
        // the line's market and the scenario must be the same market (the scenario, or its baseline)
        if (sameMarket(s, lm)) {
            Equilibrium base = markets.baselineEquilibrium(scenario);
            String us = Markets.regionOf(s.scenario(), "US");
            if (us != null) r = s.price(us) / base.price(us);
        }
        cache.put(key, r);
        return r;
    }

    private static boolean sameMarket(Equilibrium a, Equilibrium b) {
        return a.scenario().minerals().equals(b.scenario().minerals());
    }

    private static String flowWarning(Markets markets, String scenario, String origin) throws ScenarioException {
        Equilibrium s = markets.equilibrium(scenario);
        String from = Markets.regionOf(s.scenario(), origin), to = Markets.regionOf(s.scenario(), "US");
        if (from == null || to == null || from.equals(to)) return null;
        // a ban on the arc, whatever the baseline's flows (germanium's baseline sends China's exports elsewhere: its trade is
        // degenerate at equal margins, and a Chinese line under China's ban on the US was costed without a word)
        if (s.scenario().bansExports(from, to)) {
            return "the " + scenario + " market bans exports from " + from + " to " + to + ": this line is not available under it; "
                    + "its cost here assumes it is";
        }
        Equilibrium base = markets.baselineEquilibrium(scenario);
        if (base.flow(from, to) > 1e-9 && s.flow(from, to) <= 1e-9) {
            return "at the " + scenario + " equilibrium nothing ships from " + from + " to " + to + ": this line may not be available";
        }
        return null;
    }

    private static LineResult withWarnings(LineResult r, List<String> w) {
        return new LineResult(r.line(), r.scenario(), r.status(), r.origin(), r.supplier(), r.hts(), r.quantity(), r.unit(), r.currency(), r.averagePrice(), r.goodsCost(), r.customsValueUsd(),
                r.duty(), r.freight(), r.landedCost(), r.landedPerUnit(), r.duties(), r.documents(), r.prohibitions(), r.entityListed(),
                r.originCheck(), r.contract(), r.contractUse(), List.copyOf(w));
    }

    /** The line's price per unit in each of the 12 months from {@code d}, its contract applied; the average, exact for equal prices. */
    static BigDecimal averagePrice(Company c, Company.SourcingLine l, Case k, LocalDate d, double ratio) {
        return trim(exactAverage(c, l, k, d, ratio).setScale(6, RoundingMode.HALF_UP)); // 420, not 4.2E+2
    }

    /**
     * The average of the twelve months' prices, unrounded (to 34 digits): the line's goods cost is quantity × it, to the cent —
     * quantity × the average first rounded to 6 decimals was off by cents (50,000 kg at 95 ÷ 12 a kg: 395,833.35 for
     * 395,833.33), by dollars on a line of thousands of tonnes.
     */
    static BigDecimal exactAverage(Company c, Company.SourcingLine l, Case k, LocalDate d, double ratio) {
        BigDecimal p0 = l.price();
        Company.Contract con = l.contract() == null ? null : c.contract(l.contract());
        // today is the entry at the line's own price; a scenario prices its twelve months with the contract even when the
        // market does not move (a floor or collar may bind at today's price: skipping it at a ratio of exactly 1 gave 100 for
        // a floor of 110, and 110 at a ratio of 0.999)
        if (k.label().equals(TODAY) || con == null && (ratio == 1 || l.market() == null)) return p0;
        if (l.market() == null) ratio = 1;
        BigDecimal share = l.marketShare();
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal covered = con == null ? BigDecimal.ONE : covered(con, l);
        for (int m = 0; m < 12; m++) {
            LocalDate t = d.plusMonths(m);
            BigDecimal spot = moved(p0, share, t.isBefore(k.marketFrom()) ? 1 : ratio);
            BigDecimal price = spot;
            if (con != null && inForce(con, t)) {
                LocalDate seen = t.minusMonths(con.lagMonths());
                BigDecimal indexed = moved(p0, share, seen.isBefore(k.marketFrom()) ? 1 : ratio);
                BigDecimal contractPrice = switch (con.type()) {
                    case FIXED -> p0;
                    case INDEXED -> indexed;
                    case FLOOR_LINKED -> indexed.max(con.floor());
                    case COLLAR -> indexed.max(con.floor()).min(con.cap());
                };
                price = covered.multiply(contractPrice).add(BigDecimal.ONE.subtract(covered).multiply(spot));
            }
            sum = sum.add(price);
        }
        return sum.divide(BigDecimal.valueOf(12), MathContext.DECIMAL128);
    }

    /**
     * Today is the entry at the line's own price; a floor or cap of its contract in force that day that the price does not
     * respect is said — the scenarios apply the contract, so the difference would otherwise show as a change the market
     * did not make (a floor of 110 on a line priced 100: today 100, a scenario that moves nothing 110).
     */
    static String outsideContract(Company c, Company.SourcingLine l, LocalDate d) {
        Company.Contract con = l.contract() == null ? null : c.contract(l.contract());
        if (con == null || !inForce(con, d)) return null;
        BigDecimal p = l.price();
        String bound = null;
        BigDecimal at = null;
        if ((con.type() == Company.ContractType.FLOOR_LINKED || con.type() == Company.ContractType.COLLAR) && p.compareTo(con.floor()) < 0) {
            bound = "below the floor";
            at = con.floor();
        } else if (con.type() == Company.ContractType.COLLAR && p.compareTo(con.cap()) > 0) {
            bound = "above the cap";
            at = con.cap();
        }
        if (bound == null) return null;
        return "price " + p.toPlainString() + " is " + bound + " " + at.toPlainString() + " of contract " + con.id() + ", in force on " + d
                + ": today is costed at " + p.toPlainString() + " as given, the scenarios at the contract's price (" + at.toPlainString()
                + " while the market leaves it there) — give the price the contract pays today";
    }

    /** How many times a market-linked line's price per kg may differ from its market's reference price before it is warned. */
    static final BigDecimal PRICE_FACTOR_WARNED = BigDecimal.valueOf(20);

    /**
     * A price per kg on a line counted in tonnes (or per tonne on a line in kg, per g…) is costed a thousand times off with
     * nothing to show it (reported: 60 t of lithium hydroxide at "9.8" came to $609.76 where the company pays $588,000). A
     * line linked to a market whose price per kg is more than {@link #PRICE_FACTOR_WARNED} times above or below the market's
     * reference price is warned; the figures keep the price as given. Lines in a unit of mass; a price in another currency
     * is set in USD at the regime's rate on {@code date} (a line with no rate that day is refused elsewhere, not checked here).
     */
    static String priceFarFromMarket(Markets markets, Company.SourcingLine l, LocalDate date) {
        if (l.market() == null) return null;
        lodestone.regime.FxRates.Observation rate = null;
        if (!"USD".equals(l.currency())) {
            rate = markets.regime().fx().rate(l.currency(), date).orElse(null);
            if (rate == null) return null;
        }
        lodestone.regime.unit.Unit u = lodestone.regime.unit.Units.find(l.unit()).orElse(null);
        if (u == null || u.dimension() != lodestone.regime.unit.Units.KG.dimension() || l.price().signum() <= 0) return null;
        lodestone.market.Scenario s;
        double usdPerKg;
        try {
            s = markets.scenario(l.market());
            usdPerKg = Markets.usdPerKgPerUnit(s);
        } catch (ScenarioException | IllegalArgumentException e) {
            return null;
        }
        BigDecimal ref = new BigDecimal(Double.toString(s.referencePrice() * usdPerKg)).round(new MathContext(6)).stripTrailingZeros();
        if (ref.signum() <= 0) return null;
        BigDecimal perKg = (rate == null ? l.price() : rate.toUsd(l.price(), MathContext.DECIMAL64)).divide(u.factorTo(lodestone.regime.unit.Units.KG), MathContext.DECIMAL64).stripTrailingZeros();
        boolean below = perKg.compareTo(ref) < 0;
        BigDecimal times = below ? ref.divide(perKg, MathContext.DECIMAL64) : perKg.divide(ref, MathContext.DECIMAL64);
        if (times.compareTo(PRICE_FACTOR_WARNED) <= 0) return null;
        String inUsd = "USD".equals(l.currency()) ? "" : " (at " + rate.quoted(l.currency()) + ")";
        return "price " + l.price().toPlainString() + " " + l.currency() + " a " + u.code() + inUsd + " = " + perKg.round(new MathContext(6)).toPlainString()
                + " USD/kg is " + times.setScale(0, RoundingMode.HALF_UP).toPlainString() + " times " + (below ? "below" : "above")
                + " the " + l.market() + " market's reference price of " + ref.toPlainString() + " USD/kg: check the line's"
                + " unit (" + u.code() + ") and price — a price per kg on a line counted in t, or per t on a line in kg, is costed a"
                + " thousand times off; the figures use the price as given";
    }

    /** The share of each month's purchase a contract covers: its yearly volume ÷ the line's yearly quantity, at most 1. */
    static BigDecimal covered(Company.Contract con, Company.SourcingLine l) {
        if (con.volume() == null || con.volume().compareTo(l.quantity()) >= 0) return BigDecimal.ONE;
        return con.volume().divide(l.quantity(), MathContext.DECIMAL128);
    }

    /** Whether month {@code t} (the exposure date's day in that month) falls within the contract's dates. */
    static boolean inForce(Company.Contract con, LocalDate t) {
        return !t.isBefore(con.start()) && !t.isAfter(con.end());
    }

    /** How the line's contract applies over the twelve months from {@code d}; null without a contract. */
    static ContractUse contractUse(Company c, Company.SourcingLine l, LocalDate d) {
        Company.Contract con = l.contract() == null ? null : c.contract(l.contract());
        if (con == null) return null;
        BigDecimal yearly = con.volume() == null ? l.quantity() : con.volume().min(l.quantity());
        List<YearMonth> months = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            LocalDate t = d.plusMonths(m);
            if (inForce(con, t)) months.add(YearMonth.from(t));
        }
        BigDecimal twelve = BigDecimal.valueOf(12);
        BigDecimal inContract = yearly.multiply(BigDecimal.valueOf(months.size())).divide(twelve, 3, RoundingMode.HALF_UP);
        return new ContractUse(con.id(), lodestone.regime.io.YNode.spelling(con.type()), con.volume(),
                trim(l.quantity().divide(twelve, 3, RoundingMode.HALF_UP)), trim(yearly.divide(twelve, 3, RoundingMode.HALF_UP)),
                trim(covered(con, l).setScale(4, RoundingMode.HALF_UP)), List.copyOf(months), trim(inContract), trim(l.quantity().subtract(inContract)));
    }

    /** Without trailing zeros, and without an exponent (17500, not 1.75E+4). */
    private static BigDecimal trim(BigDecimal v) {
        BigDecimal t = v.stripTrailingZeros();
        return t.scale() < 0 ? t.setScale(0) : t;
    }

    private static BigDecimal moved(BigDecimal p0, BigDecimal share, double ratio) {
        if (ratio == 1) return p0;
        BigDecimal r = BigDecimal.valueOf(ratio).setScale(6, RoundingMode.HALF_UP);
        return p0.multiply(BigDecimal.ONE.subtract(share).add(share.multiply(r)));
    }

    /** The fields {@code lodestone assess} would be given for this line, value as stated. */
    public static Map<String, String> entryFields(Company c, Company.SourcingLine l, LocalDate date, BigDecimal customsValue) {
        return entryFields(c.importer(), l, date, customsValue);
    }

    /** The same, for the importer of record {@code importer} (null: none). */
    public static Map<String, String> entryFields(String importer, Company.SourcingLine l, LocalDate date, BigDecimal customsValue) {
        Map<String, String> f = new HashMap<>();
        f.put("line_id", l.id());
        f.put("hts", l.hts());
        f.put("origin", l.origin());
        f.put("entry_date", date.toString());
        f.put("customs_value", customsValue.toPlainString());
        f.put("currency", l.currency());
        f.put("quantity", l.quantity().toPlainString());
        f.put("unit", l.unit());
        if (l.contentQuantity() != null) {
            f.put("content_quantity", l.contentQuantity().toPlainString());
            f.put("content_unit", l.contentUnit());
        }
        if (!l.supplier().isEmpty()) f.put("producer", l.supplier());
        if (importer != null) f.put("importer", importer);
        f.put("documents", String.join(";", l.documents()));
        f.put("preference", l.preference());
        f.put("production_regions", String.join(";", l.productionRegions()));
        f.put("end_use", l.endUse());
        if (l.metalContentValue() != null) {
            f.put("metal_content_value", l.quantity().multiply(l.metalContentValue()).setScale(2, RoundingMode.HALF_UP).toPlainString());
        }
        return f;
    }

    /** The customs value of a line at {@code price}: quantity × price, less the freight a C- or D-term price includes. */
    public static BigDecimal customsValue(Company.SourcingLine l, BigDecimal price) {
        BigDecimal goods = l.quantity().multiply(price);
        if (l.freight() != null && CompanyFile.isCOrD(l.incoterm())) goods = goods.subtract(l.quantity().multiply(l.freight()));
        return goods.setScale(2, RoundingMode.HALF_UP);
    }

    private static LineResult line(Company c, Company.SourcingLine l, Case k, LocalDate d, double ratio, EntryFields fields,
                                   Map<String, Problem> refused) {
        BigDecimal exact = exactAverage(c, l, k, d, ratio);
        BigDecimal avg = trim(exact.setScale(6, RoundingMode.HALF_UP)); // shown: 420, not 4.2E+2 (stripped zeros leave a negative scale)
        BigDecimal goods = l.quantity().multiply(exact).setScale(2, RoundingMode.HALF_UP);
        BigDecimal cv = customsValue(l, exact);
        BigDecimal freight = l.freight() == null ? BigDecimal.ZERO.setScale(2) : l.quantity().multiply(l.freight()).setScale(2, RoundingMode.HALF_UP);
        List<String> warnings = new ArrayList<>();
        Assessment a;
        try {
            Entry e = fields.parse(entryFields(c, l, k.date(), cv)::get, l.line());
            if (l.bomJson() != null) e = e.withBom(new Entry.BillOfMaterialsRef(l.bomFile(), l.bomJson()));
            a = k.assessor().assess(e);
        } catch (EntryRejected r) {
            // refused, located at the field that gives the value (reported: a line in furlongs or in ZZZ was left out of a
            // "total landed cost $0.00" with exit 0, its warning pointing at the start of the sourcing item)
            String when = k.label().equals(TODAY) ? "" : "under the scenario '" + k.label() + "': ";
            refused.putIfAbsent(l.id() + "\n" + r.field() + "\n" + r.reason(),
                    CompanyFile.problemAt(c.file(), c.fieldLines(), l, r, when + r.reason()));
            return new LineResult(l.id(), k.label(), "rejected", l.origin(), l.supplier(), l.hts(), l.quantity(), l.unit(), l.currency(), avg, goods, null, null, freight, null, null, List.of(),
                    List.of(), List.of(), false, null, l.contract(), null, List.of());
        }
        List<Duty> duties = new ArrayList<>();
        for (Assessment.Charge ch : a.charges()) duties.add(new Duty(ch.id(), ch.type(), ch.amount()));
        warnings.addAll(a.warnings());
        boolean listed = false;
        for (String p : a.prohibitions()) if (p.toLowerCase(java.util.Locale.ROOT).contains("entity list")) listed = true;
        String originCheck = null;
        if (l.preference() != null) {
            originCheck = "preference " + l.preference() + " claimed without a bill of materials: accepted as declared";
            for (Assessment.TrailStep t : a.trail()) if (t.text().startsWith("origin checked on the bill of materials")) originCheck = t.text();
            for (String w : a.warnings()) if (w.startsWith("preference " + l.preference() + " not granted")) originCheck = w;
        }
        if (a.status() == Assessment.Status.PROHIBITED) {
            return new LineResult(l.id(), k.label(), "prohibited", l.origin(), l.supplier(), l.hts(), l.quantity(), l.unit(), l.currency(), avg, goods, a.customsValueUsd(), null, freight, null, null,
                    List.of(), a.documentsRequired(), a.prohibitions(), listed, originCheck, l.contract(), contractUse(c, l, d), warnings);
        }
        BigDecimal landed = a.landedCost().add(freight);
        return new LineResult(l.id(), k.label(), "assessed", l.origin(), l.supplier(), l.hts(), l.quantity(), l.unit(), l.currency(), avg, goods, a.customsValueUsd(), a.totalDuty(), freight, landed,
                landed.divide(l.quantity(), 6, RoundingMode.HALF_UP), duties, a.documentsRequired(), a.prohibitions(), listed, originCheck,
                l.contract(), contractUse(c, l, d), warnings);
    }

    /**
     * Club and preference countries on {@code d}, with the program to claim (null for a club member without
     * one): every special program in force (its countries or group members; the "+" variants left out), the
     * illustrative plurilateral club when the regime has it, and the clubs of the market scenarios asked.
     */
    static Map<String, String> candidates(Regime r, LocalDate d, List<String> clubCountries) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (lodestone.regime.geo.PreferenceProgram p : r.geography().programs()) {
            if (p.code().endsWith("+") || !p.validity().contains(d)) continue;
            Set<String> members = new java.util.TreeSet<>(p.countries());
            if (p.group() != null) r.geography().group(p.group()).ifPresent(g -> members.addAll(g.membersOn(d)));
            for (String cc : members) if (!cc.equals("US") && p.eligible(cc, d, r.geography())) out.putIfAbsent(cc, p.code());
        }
        r.geography().group("PLURI-CLUB").ifPresent(g -> {
            for (String cc : g.membersOn(d)) if (!cc.equals("US")) out.putIfAbsent(cc, null);
        });
        for (String cc : clubCountries) if (!cc.equals("US")) out.putIfAbsent(cc, null);
        return out;
    }

    private static List<Alternative> alternatives(Company c, Map<String, LineResult> today, Assessor assessor, LocalDate d, Markets markets,
                                                  List<Case> cases, EntryFields fields) throws ScenarioException {
        List<String> clubs = new ArrayList<>();
        for (Case k : cases) {
            if (k.market() == null) continue;
            lodestone.market.Scenario sc = markets.equilibrium(k.market()).scenario();
            for (String region : sc.club()) clubs.addAll(sc.regionCountries().getOrDefault(region, List.of(region)));
        }
        Map<String, String> cand = candidates(assessor.regime(), d, clubs);
        List<Alternative> out = new ArrayList<>();
        for (Company.SourcingLine l : c.sourcing()) {
            LineResult now = today.get(l.id());
            boolean exposed = now.landedCost() == null || now.duty().signum() > 0 || l.market() != null;
            if (!exposed) continue;
            Equilibrium base = l.market() == null ? null : markets.equilibrium(l.market());
            String fromRegion = base == null ? null : Markets.regionOf(base.scenario(), l.origin());
            List<Alternative> mine = new ArrayList<>();
            // the line's own origin claiming the program it does not claim comes first (first among equal savings, the sort being
            // stable): the same supplier, nothing moved (reported: Chilean lithium hydroxide was offered Australia for the saving
            // of the Chile FTA, and Korean nickel sulphate's KORUS saving was not offered at all)
            List<Map.Entry<String, String>> origins = new ArrayList<>();
            boolean own = l.preference() == null && cand.get(l.origin()) != null;
            if (own) origins.add(Map.entry(l.origin(), cand.get(l.origin())));
            for (Map.Entry<String, String> e : cand.entrySet()) if (!e.getKey().equals(l.origin())) origins.add(e);
            for (Map.Entry<String, String> e : origins) {
                String cc = e.getKey();
                boolean ownOrigin = cc.equals(l.origin());
                BigDecimal price = l.price();
                String note;
                if (ownOrigin) {
                    note = "the same supplier and origin, claiming program " + e.getValue() + " (not claimed in the file)";
                } else if (base != null) {
                    String r = Markets.regionOf(base.scenario(), cc);
                    if (r == null || base.production(r) + base.recycledProduction(r) <= 1e-9) continue; // the market has no supply there
                    double factor = fromRegion == null ? 1 : base.price(r) / base.price(fromRegion);
                    price = moved(l.price(), l.marketShare(), factor).setScale(4, RoundingMode.HALF_UP);
                    note = "supplied in the " + l.market() + " market (region " + r + ")";
                } else {
                    note = "no market data for this line: same price assumed";
                }
                Company.SourcingLine alt = new Company.SourcingLine(l.id(), l.material(), ownOrigin ? l.supplier() : "", cc, l.hts(), l.quantity(), l.unit(),
                        price, l.currency(), l.incoterm(), l.freight(), l.contentQuantity(), l.contentUnit(), l.documents(), e.getValue(), null, null,
                        l.market(), l.marketShare(), null, l.line(), l.path(), l.fieldLines(), ownOrigin ? l.productionRegions() : List.of(), l.endUse(),
                        l.metalContentValue());
                Assessment a;
                try {
                    Entry en = fields.parse(entryFields(c, alt, d, customsValue(alt, price))::get, l.line());
                    a = assessor.assess(en);
                } catch (EntryRejected r) {
                    continue;
                }
                if (a.status() == Assessment.Status.PROHIBITED) continue;
                BigDecimal freight = l.freight() == null ? BigDecimal.ZERO : l.quantity().multiply(l.freight()).setScale(2, RoundingMode.HALF_UP);
                BigDecimal landed = a.landedCost().add(freight);
                String originNote = e.getValue() == null ? "no preference program; general and additional duties apply"
                        : "preference " + e.getValue() + " assumed: the goods must meet its rules of origin (no bill of materials given, not checked)";
                boolean granted = false;
                for (Assessment.Charge ch : a.charges()) if (ch.id().equals("special:" + e.getValue())) granted = true;
                if (ownOrigin && !granted) continue; // the program changes nothing on this line: no alternative
                if (e.getValue() != null && !granted) originNote = "preference " + e.getValue() + " does not lower this line's duty";
                BigDecimal saving = now.landedCost() == null ? null : now.landedCost().subtract(landed);
                mine.add(new Alternative(l.id(), cc, e.getValue(), price, a.totalDuty(), landed, saving, note + "; " + originNote));
            }
            mine.sort((x, y) -> {
                if (x.saving() == null || y.saving() == null) return x.landedCost().compareTo(y.landedCost());
                return y.saving().compareTo(x.saving());
            });
            // countries that come out the same (same program, price, duty: e.g. the EU's members in one market region) are one option
            Map<String, List<Alternative>> same = new LinkedHashMap<>();
            for (Alternative a : mine) {
                same.computeIfAbsent(a.preference() + "|" + a.price().toPlainString() + "|" + a.duty() + "|" + a.note(), x -> new ArrayList<>()).add(a);
            }
            mine = new ArrayList<>();
            for (List<Alternative> g : same.values()) {
                Alternative a = g.get(0);
                if (g.size() > 1) {
                    String others = String.join(", ", g.subList(1, g.size()).stream().map(Alternative::origin).toList());
                    a = new Alternative(a.line(), a.origin(), a.preference(), a.price(), a.duty(), a.landedCost(), a.saving(),
                            a.note() + "; the same for " + others);
                }
                mine.add(a);
            }
            out.addAll(mine.subList(0, Math.min(5, mine.size())));
        }
        return out;
    }
}
