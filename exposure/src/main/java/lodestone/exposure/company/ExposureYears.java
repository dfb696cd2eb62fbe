package lodestone.exposure.company;

import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.border.bulk.EntryFields;
import lodestone.exposure.stockpile.Markets;
import lodestone.market.FiscalTable;
import lodestone.market.MarketPath;
import lodestone.market.PathResult;
import lodestone.market.Scenario;
import lodestone.market.ScenarioException;
import lodestone.regime.Problem;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A company's exposure year by year over a horizon of calendar years (a budget): per year and per scenario, each sourcing
 * line's goods cost, duty and landed cost, and the total. The market price of a line linked to a market follows the market
 * engine's path of years ({@link MarketPath}): under the baseline, the baseline path of a path scenario on the line's market
 * (its growth, supply growth, stockpiles and projects, without its policies ({@link FiscalTable#baselinePath}) and without its
 * bans, run with {@code ban.occurs = 0}); under a
 * scenario with a path on that market, the scenario's own path. A line's spot price in a year is its price on the exposure
 * date moved, for its market {@code share}, by the model's US price in that year ÷ the baseline path's US price in the
 * exposure date's year (the anchor: the file's price is a price of that date). The model's prices are doubles, each rounded
 * once to 6 decimals; everything after is exact decimal.
 *
 * <p>Each year is twelve monthly purchases (quantity ÷ 12; the last month takes the rounding remainder so the twelve add up
 * to the quantity), each priced with the line's contract as the twelve-month exposure prices a month ({@link Exposure}) and
 * assessed at the border on its own date (the exposure date's day in that month) by the scenario's regime: a duty that
 * begins or ends within the year is counted for the months it applies. A date after the date through which the regime's
 * facts were checked is warned, once a scenario and year.
 */
public final class ExposureYears {
    private ExposureYears() { }

    public static final String BASELINE = "baseline";
    /** At most this many years in one evaluation. */
    public static final int MAX_YEARS = 30;

    /** A line in a year under a scenario; amounts as in {@link Exposure.LineResult} (prices in the line's currency, the rest USD). */
    public record YearLine(String line, String scenario, int year, String status, String origin, String supplier, String hts,
                           BigDecimal quantity, String unit, String currency, BigDecimal marketPrice, BigDecimal averagePrice,
                           BigDecimal goodsCost, BigDecimal customsValueUsd, BigDecimal duty, BigDecimal freight, BigDecimal landedCost,
                           List<Exposure.Duty> duties, String contract, BigDecimal contractQuantity, List<String> warnings) { }

    /** The market prices a column uses for a line market: the model's US price a year (6 decimals) and the anchor it is divided by. */
    public record MarketPrices(String market, String scenario, String path, int anchorYear, BigDecimal anchorPrice,
                               Map<Integer, BigDecimal> usPrice, String priceUnit) { }

    /** A product's cost in a year under a scenario: Σ over its bill of materials of the line's landed cost × the share it uses. */
    public record ProductYear(String product, String scenario, int year, BigDecimal annualCost, BigDecimal unitCost, List<String> warnings) { }

    public record Report(String company, LocalDate date, int from, int to, List<String> scenarios, Map<String, Map<Integer, BigDecimal>> totals,
                         List<ProductYear> products, List<YearLine> lines, List<MarketPrices> marketPrices, List<String> warnings) {
        public YearLine line(String id, String scenario, int year) {
            for (YearLine l : lines) if (l.line().equals(id) && l.scenario().equals(scenario) && l.year() == year) return l;
            return null;
        }
    }

    /**
     * Parses {@code 2027-2030} or {@code 2027}; refuses anything else in words. Returns {first, last}.
     */
    public static int[] parseYears(String text) {
        String t = text == null ? "" : text.strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{4})(?:\\s*-\\s*(\\d{4}))?").matcher(t);
        if (!m.matches()) throw new IllegalArgumentException("years: '" + t + "' is not FIRST-LAST calendar years, e.g. 2027-2030 (or one year, 2027)");
        int a = Integer.parseInt(m.group(1)), b = m.group(2) == null ? a : Integer.parseInt(m.group(2));
        if (b < a) throw new IllegalArgumentException("years: " + t + " runs backwards; write FIRST-LAST, e.g. " + b + "-" + a);
        if (b - a + 1 > MAX_YEARS) throw new IllegalArgumentException("years: " + t + " is " + (b - a + 1) + " years; at most " + MAX_YEARS);
        return new int[]{a, b};
    }

    private record Path(String source, PathResult result, String usRegion, int first, int last) {
        BigDecimal price(int year) {
            double v = result.value("price[" + usRegion + "]", year);
            return Double.isNaN(v) ? null : trim(new BigDecimal(Double.toString(v)).setScale(6, RoundingMode.HALF_UP)); // 110, not 110.000000
        }
    }

    /** The prices a column moves a line by: the path, the anchor path's price in the anchor year. */
    private record Index(Path path, int anchorYear, BigDecimal anchor) { }

    /**
     * Evaluates {@code c} year by year over {@code from}..{@code to}: the baseline (today's regime, the baseline paths) and each
     * case (its regime; its market must be a scenario with a path of years, {@code horizon:}). {@code date} (null: the file's,
     * else today) is the date of the file's prices.
     */
    @SuppressWarnings("unchecked")
    public static Report evaluate(Company c, LocalDate date, Assessor today, List<Exposure.Case> cases, Markets markets, int from, int to)
            throws ScenarioException, CompanyFile.Invalid {
        LocalDate d = date != null ? date : c.date() != null ? c.date() : LocalDate.now();
        if (to < from) throw new IllegalArgumentException("years: " + from + "-" + to + " runs backwards");
        if (to - from + 1 > MAX_YEARS) throw new IllegalArgumentException("years: " + from + "-" + to + " is " + (to - from + 1) + " years; at most " + MAX_YEARS);
        if (from < d.getYear()) {
            throw new IllegalArgumentException("years: " + from + " is before " + d.getYear() + ", the year of the exposure date " + d
                    + " (the file's prices are of that date; give --date an earlier date for earlier years)");
        }
        List<Exposure.Case> all = new ArrayList<>();
        all.add(new Exposure.Case(BASELINE, today, null, null, null));
        for (Exposure.Case k : cases) {
            if (k.label().equals(BASELINE) || k.label().equals(Exposure.TODAY)) {
                throw new IllegalArgumentException("a scenario may not be called '" + k.label() + "'");
            }
            if (k.date() != null) throw new IllegalArgumentException(k.label() + ": date= is not taken year by year: each month of each year is "
                    + "assessed at the border on its own date");
            if (k.marketFrom() != null) throw new IllegalArgumentException(k.label() + ": from= is not taken year by year: a path's prices "
                    + "apply from the exposure date");
            if (k.market() != null && !markets.scenario(k.market()).hasHorizon()) {
                throw new IllegalArgumentException(k.label() + ": the market " + k.market() + " is one equilibrium, not a path of years "
                        + "(horizon:); year by year needs a scenario with a path: " + String.join(", ", pathScenarios(markets))
                        + ", or a file of your own with baseline:, its policies and a horizon: (docs/scenario-format.md)");
            }
            all.add(new Exposure.Case(k.label(), k.assessor() != null ? k.assessor() : today, null, k.market(), null));
        }
        Set<String> labels = new LinkedHashSet<>();
        for (Exposure.Case k : all) if (!labels.add(k.label())) throw new IllegalArgumentException("two scenarios are called '" + k.label() + "'");

        List<String> warnings = new ArrayList<>();
        // a path on a mineral no line follows changes nothing: said, never a column equal to the baseline unexplained
        java.util.TreeSet<String> lineMinerals = new java.util.TreeSet<>();
        for (Company.SourcingLine l : c.sourcing()) if (l.market() != null) lineMinerals.add(String.join(", ", markets.scenario(l.market()).minerals()));
        for (Exposure.Case k : all) {
            if (k.market() == null) continue;
            List<String> minerals = markets.scenario(k.market()).minerals();
            if (lineMinerals.contains(String.join(", ", minerals))) continue;
            warnings.add(k.label() + ": the market " + k.market() + " trades " + String.join(", ", minerals) + (lineMinerals.isEmpty()
                    ? ", and no line is linked to a market" : ", but the lines linked to a market follow " + String.join("; ", lineMinerals))
                    + ": its prices change nothing here");
        }
        Map<String, Path> paths = new HashMap<>();
        // the index of each (column, line market)
        Map<String, Index> index = new LinkedHashMap<>();
        List<MarketPrices> prices = new ArrayList<>();
        Set<String> lineMarkets = new LinkedHashSet<>();
        for (Company.SourcingLine l : c.sourcing()) if (l.market() != null) lineMarkets.add(l.market());
        for (String m : lineMarkets) {
            Scenario lm = markets.scenario(m);
            // the scenario whose baseline path is this market's baseline: the first asked on its minerals, else a bundled path
            String baseSource = null;
            for (Exposure.Case k : all) {
                if (k.market() != null && markets.scenario(k.market()).minerals().equals(lm.minerals())) {
                    baseSource = k.market();
                    break;
                }
            }
            if (baseSource == null) {
                for (String b : pathScenarios(markets)) {
                    if (markets.scenario(b).minerals().equals(lm.minerals())) {
                        baseSource = b;
                        break;
                    }
                }
            }
            if (baseSource == null) {
                warnings.add("the " + m + " market has no path of years (no scenario with a horizon: on " + String.join(", ", lm.minerals())
                        + "): the lines linked to it keep the file's price in every year; give --scenario a path scenario of your own on it");
                continue;
            }
            for (Exposure.Case k : all) {
                boolean own = k.market() != null && markets.scenario(k.market()).minerals().equals(lm.minerals());
                String source = own ? k.market() : baseSource;
                Path base = path(markets, paths, source, true, from, to, k.label());
                Path p = own ? path(markets, paths, source, false, from, to, k.label()) : base;
                int anchorYear = d.getYear();
                if (anchorYear < base.first()) {
                    warnings.add(k.label() + ": the path of " + source + " starts in " + base.first() + ", after the exposure date's year " + anchorYear
                            + ": the file's prices are taken as of " + base.first() + "'s market");
                    anchorYear = base.first();
                }
                BigDecimal anchor = base.price(anchorYear);
                index.put(k.label() + "|" + m, new Index(p, anchorYear, anchor));
                Map<Integer, BigDecimal> ys = new LinkedHashMap<>();
                for (int y = from; y <= to; y++) ys.put(y, p.price(y));
                Scenario sp = markets.scenario(source);
                prices.add(new MarketPrices(m, k.label(), p.source(), anchorYear, anchor, ys, sp.priceUnit()));
            }
        }

        EntryFields fields = new EntryFields();
        Map<String, Problem> refused = new LinkedHashMap<>();
        List<YearLine> lines = new ArrayList<>();
        Map<String, Map<Integer, BigDecimal>> totals = new LinkedHashMap<>();
        // a date past the regime's horizon: said once a regime, from its first such month, with the scenarios it concerns
        Map<String, Object[]> past = new LinkedHashMap<>();
        for (Exposure.Case k : all) {
            Map<Integer, BigDecimal> mine = new LinkedHashMap<>();
            for (int y = from; y <= to; y++) {
                lodestone.regime.Regime r = k.assessor().regime();
                for (int mo = 1; mo <= 12 && !past.containsKey(r.id()); mo++) {
                    LocalDate t = monthDate(d, y, mo);
                    if (r.horizon().pastHorizon("", t, r.id(), "") != null) past.put(r.id(), new Object[]{r, t, new LinkedHashSet<String>()});
                }
                if (past.containsKey(r.id())) ((Set<String>) past.get(r.id())[2]).add(k.label());
                BigDecimal total = BigDecimal.ZERO.setScale(2);
                for (Company.SourcingLine l : c.sourcing()) {
                    Index ix = l.market() == null ? null : index.get(k.label() + "|" + l.market());
                    YearLine yl = yearLine(c, l, k, d, y, ix, fields, refused);
                    String banned = ix == null || k.market() == null ? null : banWarning(markets.scenario(k.market()), l, y, k.market());
                    if (banned != null) {
                        List<String> w = new ArrayList<>(yl.warnings());
                        w.add(banned);
                        yl = new YearLine(yl.line(), yl.scenario(), yl.year(), yl.status(), yl.origin(), yl.supplier(), yl.hts(), yl.quantity(),
                                yl.unit(), yl.currency(), yl.marketPrice(), yl.averagePrice(), yl.goodsCost(), yl.customsValueUsd(), yl.duty(),
                                yl.freight(), yl.landedCost(), yl.duties(), yl.contract(), yl.contractQuantity(), List.copyOf(w));
                    }
                    lines.add(yl);
                    if (yl.landedCost() != null) total = total.add(yl.landedCost());
                    else warnings.add(k.label() + ": " + y + ": line " + l.id() + " is " + yl.status() + " and left out of the total");
                }
                mine.put(y, total);
            }
            totals.put(k.label(), mine);
        }
        if (!refused.isEmpty()) throw new CompanyFile.Invalid(new ArrayList<>(refused.values()).stream().sorted().toList());
        List<String> horizonWarnings = new ArrayList<>();
        for (Object[] p : past.values()) {
            lodestone.regime.Regime r = (lodestone.regime.Regime) p[0];
            horizonWarnings.add(String.join(", ", (Set<String>) p[2]) + ": " + r.horizon().pastHorizon("the border from", (LocalDate) p[1], r.id(),
                    "measures that begin or change after it are not in these figures, which give the regime as it stands for every later month"));
        }
        warnings.addAll(0, horizonWarnings);
        // each product a year, as the twelve months cost it: each line's landed cost × (bom quantity × volume ÷ the line's quantity)
        List<ProductYear> products = new ArrayList<>();
        Map<String, YearLine> byKey = new HashMap<>();
        for (YearLine yl : lines) byKey.put(yl.line() + "|" + yl.scenario() + "|" + yl.year(), yl);
        for (Company.Product p : c.products()) {
            for (Exposure.Case k : all) {
                for (int y = from; y <= to; y++) {
                    BigDecimal cost = BigDecimal.ZERO;
                    List<String> w = new ArrayList<>();
                    for (Company.BomItem b : p.bom()) {
                        YearLine yl = byKey.get(b.line() + "|" + k.label() + "|" + y);
                        if (yl.landedCost() == null) {
                            w.add("line " + b.line() + " is " + yl.status());
                            cost = null;
                            break;
                        }
                        cost = cost.add(yl.landedCost().multiply(b.quantity()).multiply(p.annualVolume()).divide(yl.quantity(), MathContext.DECIMAL128));
                    }
                    products.add(new ProductYear(p.id(), k.label(), y, cost == null ? null : cost.setScale(2, RoundingMode.HALF_UP),
                            cost == null ? null : cost.divide(p.annualVolume(), 4, RoundingMode.HALF_UP), List.copyOf(w)));
                }
            }
        }
        return new Report(c.name(), d, from, to, List.copyOf(labels), totals, products, lines, prices, warnings);
    }

    /**
     * A line whose origin the scenario's path bans from exporting to the US in some months of {@code year}: it may not be
     * available then, and its cost assumes it is — said on the line (as the twelve months warn a line its scenario ships nothing).
     */
    static String banWarning(Scenario s, Company.SourcingLine l, int year, String name) {
        String from = Markets.regionOf(s, l.origin()), us = Markets.regionOf(s, "US");
        if (from == null || us == null || from.equals(us)) return null;
        for (Scenario.BanWindow b : s.horizonBans()) {
            if (!b.region().equals(from) || !(b.to().isEmpty() || b.to().contains(us))) continue;
            int n = b.monthsIn(year);
            if (n == 0) continue;
            return "the " + name + " path bans exports from " + from + " to " + us + " in " + n + " month" + (n == 1 ? "" : "s") + " of " + year
                    + " (from " + b.start() + " for " + b.months() + " months): this line may not be available then; its cost here assumes it is";
        }
        return null;
    }

    /** The bundled scenarios with a path of years, in the bundled order. */
    static List<String> pathScenarios(Markets markets) {
        List<String> out = new ArrayList<>();
        for (Scenario.BundledScenario b : Scenario.bundledNames()) {
            try {
                if (markets.scenario(b.name()).hasHorizon()) out.add(b.name());
            } catch (ScenarioException | RuntimeException e) {
                // a bundled scenario that does not load alone is not offered
            }
        }
        return out;
    }

    private static Path path(Markets markets, Map<String, Path> cache, String name, boolean baseline, int from, int to, String label)
            throws ScenarioException {
        String key = name + (baseline ? " (baseline path)" : "");
        Path had = cache.get(key);
        if (had == null) {
            Scenario s = markets.scenario(name);
            Scenario run = baseline ? FiscalTable.baselinePath(s) : s;
            // the baseline is the market without the scenario's disruption: a horizon's bans are the scenario's (the fiscal table's
            // baseline path keeps them, and a ban scenario's baseline read the ban's prices), so they do not occur on it
            boolean bans = baseline && MarketPath.checkParameter(run, "ban.occurs") == null;
            PathResult pr = bans ? MarketPath.run(run, Map.of("ban.occurs", 0.0), MarketPath.Warm.YEAR, null) : MarketPath.run(run);
            String source = baseline ? "the baseline path of " + name + (bans ? ", without its bans" : "") : name;
            if (!pr.solved()) throw new IllegalArgumentException(label + ": " + source + " found no equilibrium: " + pr.failure());
            String us = Markets.regionOf(s, "US");
            if (us == null) throw new IllegalArgumentException(label + ": the market " + name + " has no region of the US, whose price a line follows");
            int[] ys = s.years();
            had = new Path(source, pr, us, ys[0], ys[1]);
            cache.put(key, had);
        }
        if (from < had.first() || to > had.last()) {
            throw new IllegalArgumentException(label + ": years " + from + "-" + to + " are outside the path of " + name + ", " + had.first() + "-"
                    + had.last() + " (its horizon.years): the model has no price for " + (to > had.last() ? (had.last() + 1) + " on" : "before " + had.first()));
        }
        return had;
    }

    /** The exposure date's day in month {@code m} of year {@code y} (the month's last day when it is shorter). */
    static LocalDate monthDate(LocalDate d, int y, int m) {
        java.time.YearMonth ym = java.time.YearMonth.of(y, m);
        return ym.atDay(Math.min(d.getDayOfMonth(), ym.lengthOfMonth()));
    }

    /** The line's price per unit moved by the column's path in {@code year} (its share of it); p0 before the exposure date. */
    private static BigDecimal spot(Company.SourcingLine l, Index ix, LocalDate t, LocalDate d) {
        BigDecimal p0 = l.price();
        if (ix == null || t.isBefore(d)) return p0;
        BigDecimal p = ix.path().price(t.getYear());
        if (p == null || ix.anchor() == null || ix.anchor().signum() == 0) return p0;
        BigDecimal share = l.marketShare();
        // p0 × (1 − share) + p0 × share × P ÷ A, the division last: p0 = A with share 1 gives P itself
        return p0.multiply(BigDecimal.ONE.subtract(share)).add(p0.multiply(share).multiply(p).divide(ix.anchor(), MathContext.DECIMAL128));
    }

    private static YearLine yearLine(Company c, Company.SourcingLine l, Exposure.Case k, LocalDate d, int y, Index ix, EntryFields fields,
                                     Map<String, Problem> refused) {
        Company.Contract con = l.contract() == null ? null : c.contract(l.contract());
        BigDecimal covered = con == null ? BigDecimal.ONE : Exposure.covered(con, l);
        BigDecimal q = l.quantity();
        BigDecimal monthQ = q.divide(BigDecimal.valueOf(12), 9, RoundingMode.HALF_UP);
        BigDecimal goods = BigDecimal.ZERO, cv = BigDecimal.ZERO, duty = BigDecimal.ZERO, landed = BigDecimal.ZERO;
        BigDecimal contractQ = con == null ? null : BigDecimal.ZERO;
        Map<String, Exposure.Duty> duties = new LinkedHashMap<>();
        Set<String> warnings = new LinkedHashSet<>();
        String status = "assessed";
        BigDecimal cumulative = BigDecimal.ZERO, shown = BigDecimal.ZERO.setScale(2);
        int staleFx = 0;
        String lastFx = null;
        LocalDate firstFx = null;
        for (int mo = 1; mo <= 12; mo++) {
            LocalDate t = monthDate(d, y, mo);
            BigDecimal qm = mo < 12 ? monthQ : q.subtract(monthQ.multiply(BigDecimal.valueOf(11)));
            BigDecimal spot = spot(l, ix, t, d);
            BigDecimal price = spot;
            if (con != null && Exposure.inForce(con, t)) {
                BigDecimal indexed = spot(l, ix, t.minusMonths(con.lagMonths()), d);
                BigDecimal contractPrice = switch (con.type()) {
                    case FIXED -> l.price();
                    case INDEXED -> indexed;
                    case FLOOR_LINKED -> indexed.max(con.floor());
                    case COLLAR -> indexed.max(con.floor()).min(con.cap());
                };
                price = covered.multiply(contractPrice).add(BigDecimal.ONE.subtract(covered).multiply(spot));
                contractQ = contractQ.add(qm.multiply(covered));
            }
            goods = goods.add(qm.multiply(price));
            Company.SourcingLine ml = monthLine(l, qm);
            // the month's customs value, its cents carried: each month the rounded cumulative value less the months before, so the
            // twelve add up to the year's value to the cent (rounded each on its own, 12 × 7,024.6744 gave 84,296.04 for 84,296.09)
            BigDecimal exactCv = qm.multiply(price);
            if (l.freight() != null && CompanyFile.isCOrD(l.incoterm())) exactCv = exactCv.subtract(qm.multiply(l.freight()));
            cumulative = cumulative.add(exactCv);
            BigDecimal upTo = cumulative.setScale(2, RoundingMode.HALF_UP);
            BigDecimal mcv = upTo.subtract(shown);
            shown = upTo;
            Assessment a;
            try {
                Entry e = fields.parse(Exposure.entryFields(c, ml, t, mcv)::get, l.line());
                if (l.bomJson() != null) e = e.withBom(new Entry.BillOfMaterialsRef(l.bomFile(), l.bomJson()));
                a = k.assessor().assess(e);
            } catch (EntryRejected r) {
                String when = k.label().equals(BASELINE) ? "in " + t + ": " : "under the scenario '" + k.label() + "' in " + t + ": ";
                refused.putIfAbsent(l.id() + "\n" + r.field() + "\n" + r.reason(), CompanyFile.problemAt(c.file(), c.fieldLines(), l, r, when + r.reason()));
                status = "rejected";
                continue;
            }
            for (String w : a.warnings()) {
                if (w.startsWith(lodestone.regime.Horizon.PREFIX + "the entry date")) continue; // said once a regime, above
                // a stale exchange rate: each month's entry says it with its own date (twelve warnings a line-year); said once, the oldest
                if (w.startsWith(lodestone.regime.Horizon.PREFIX + "converted from")) {
                    if (staleFx == 0) firstFx = t;
                    staleFx++;
                    lastFx = w;
                    continue;
                }
                warnings.add(w);
            }
            if (a.status() == Assessment.Status.PROHIBITED) {
                if (!status.equals("rejected")) status = "prohibited";
                warnings.addAll(a.prohibitions());
                continue;
            }
            cv = cv.add(a.customsValueUsd());
            duty = duty.add(a.totalDuty());
            landed = landed.add(a.landedCost());
            for (Assessment.Charge ch : a.charges()) {
                Exposure.Duty had = duties.get(ch.id());
                duties.put(ch.id(), new Exposure.Duty(ch.id(), ch.type(), had == null ? ch.amount() : had.amount().add(ch.amount())));
            }
        }
        if (lastFx != null) {
            List<String> w = new ArrayList<>();
            w.add(staleFx == 1 ? lastFx : lastFx + " (the same in each of the " + staleFx + " months of " + y + " from " + firstFx + ", the oldest shown)");
            w.addAll(warnings);
            warnings = new LinkedHashSet<>(w);
        }
        BigDecimal freight = l.freight() == null ? BigDecimal.ZERO.setScale(2) : q.multiply(l.freight()).setScale(2, RoundingMode.HALF_UP);
        BigDecimal avg = trim(goods.divide(q, MathContext.DECIMAL128).setScale(6, RoundingMode.HALF_UP));
        BigDecimal market = ix == null ? null : ix.path().price(y);
        boolean ok = status.equals("assessed");
        return new YearLine(l.id(), k.label(), y, status, l.origin(), l.supplier(), l.hts(), q, l.unit(), l.currency(), market, avg,
                goods.setScale(2, RoundingMode.HALF_UP), ok ? cv : null, ok ? duty : null, freight, ok ? landed.add(freight) : null,
                ok ? List.copyOf(duties.values()) : List.of(), l.contract(), contractQ == null ? null : trim(contractQ.setScale(3, RoundingMode.HALF_UP)),
                List.copyOf(warnings));
    }

    /** The line for one month's purchase: its quantity, and its contained content in proportion. */
    private static Company.SourcingLine monthLine(Company.SourcingLine l, BigDecimal qm) {
        BigDecimal content = l.contentQuantity() == null ? null
                : l.contentQuantity().multiply(qm).divide(l.quantity(), 9, RoundingMode.HALF_UP);
        return new Company.SourcingLine(l.id(), l.material(), l.supplier(), l.origin(), l.hts(), qm, l.unit(), l.price(), l.currency(), l.incoterm(),
                l.freight(), content, l.contentUnit(), l.documents(), l.preference(), l.bomFile(), l.bomJson(), l.market(), l.marketShare(),
                l.contract(), l.line(), l.path(), l.fieldLines(), l.productionRegions(), l.endUse(), l.metalContentValue());
    }

    private static BigDecimal trim(BigDecimal v) {
        BigDecimal t = v.stripTrailingZeros();
        return t.scale() < 0 ? t.setScale(0) : t;
    }
}
