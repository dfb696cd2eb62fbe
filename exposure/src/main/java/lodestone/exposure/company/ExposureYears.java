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
 * A company's exposure year by year over a horizon of calendar or fiscal years (a budget; {@link Span}): per year and per scenario,
 * each sourcing line's goods cost, duty and landed cost, its cheapest alternative origin ({@link YearAlternative}), and the total. The market price of a line linked to a market follows the market
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
 * begins or ends within the year is counted for the months it applies. The path is by calendar year, so a month takes the
 * price of its calendar year (a fiscal year from October: three months at one year's price, nine at the next's). A date after
 * the date through which the regime's facts were checked is warned once a regime, with the number of months it concerns.
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
                           List<Exposure.Duty> duties, String contract, BigDecimal contractQuantity, List<String> warnings,
                           YearAlternative cheapestAlternative) {
        YearLine withWarnings(List<String> w) {
            return new YearLine(line, scenario, year, status, origin, supplier, hts, quantity, unit, currency, marketPrice, averagePrice, goodsCost,
                    customsValueUsd, duty, freight, landedCost, duties, contract, contractQuantity, List.copyOf(w), cheapestAlternative);
        }

        YearLine withAlternative(YearAlternative a) {
            return new YearLine(line, scenario, year, status, origin, supplier, hts, quantity, unit, currency, marketPrice, averagePrice, goodsCost,
                    customsValueUsd, duty, freight, landedCost, duties, contract, contractQuantity, warnings, a);
        }
    }

    /**
     * The cheapest re-sourcing of a line in a year under a scenario: the same HTS code from another origin (or from its own origin
     * claiming a program it does not claim), bought as twelve monthly purchases at spot, each assessed on its date by the scenario's
     * regime; {@code saving} = the line's landed cost that year − this one's (null when the line is prohibited); {@code sameFor}: the
     * other origins that cost exactly as much. Price in the line's currency, the rest USD.
     */
    public record YearAlternative(String origin, String preference, BigDecimal averagePrice, BigDecimal duty, BigDecimal landedCost,
                                  BigDecimal saving, String note, List<String> sameFor, List<String> warnings) { }

    /**
     * The years asked: {@code from}..{@code to}, calendar years ({@code fiscalStart} 0) or fiscal years starting in month
     * {@code fiscalStart} (1-12), a fiscal year named by the calendar year it ends in (from October: FY2028 = 2027-10 to 2028-09).
     */
    public record Span(int from, int to, int fiscalStart) {
        public Span {
            if (fiscalStart < 0 || fiscalStart > 12) throw new IllegalArgumentException("fiscal start: " + fiscalStart + " is not a month; expected 1 to 12");
        }

        public static Span calendar(int from, int to) {
            return new Span(from, to, 0);
        }

        public boolean fiscal() {
            return fiscalStart != 0;
        }

        /** The first month of year {@code y}. */
        public java.time.YearMonth first(int y) {
            return !fiscal() || fiscalStart == 1 ? java.time.YearMonth.of(y, 1) : java.time.YearMonth.of(y - 1, fiscalStart);
        }

        public java.time.YearMonth last(int y) {
            return first(y).plusMonths(11);
        }

        /** 2027, or FY2028. */
        public String label(int y) {
            return (fiscal() ? "FY" : "") + y;
        }

        /** 2027-2030, FY2028-FY2030, or one year. */
        public String labels() {
            return from == to ? label(from) : label(from) + "-" + label(to);
        }

        /** The months of year {@code y}: 2027-10 to 2028-09. */
        public String months(int y) {
            return first(y) + " to " + last(y);
        }

        /** The months of the whole span: 2027-10 to 2030-09. */
        public String allMonths() {
            return first(from) + " to " + last(to);
        }
    }

    /** The market prices a column uses for a line market: the model's US price a year (6 decimals) and the anchor it is divided by. */
    public record MarketPrices(String market, String scenario, String path, int anchorYear, BigDecimal anchorPrice,
                               Map<Integer, BigDecimal> usPrice, String priceUnit) { }

    /** A product's cost in a year under a scenario: Σ over its bill of materials of the line's landed cost × the share it uses. */
    public record ProductYear(String product, String scenario, int year, BigDecimal annualCost, BigDecimal unitCost, List<String> warnings) { }

    public record Report(String company, LocalDate date, Span span, List<String> scenarios, Map<String, Map<Integer, BigDecimal>> totals,
                         List<ProductYear> products, List<YearLine> lines, List<MarketPrices> marketPrices, List<String> warnings) {
        public int from() {
            return span.from();
        }

        public int to() {
            return span.to();
        }

        public YearLine line(String id, String scenario, int year) {
            for (YearLine l : lines) if (l.line().equals(id) && l.scenario().equals(scenario) && l.year() == year) return l;
            return null;
        }
    }

    /**
     * Parses {@code 2027-2030} or {@code 2027}; refuses anything else in words. Returns {first, last}.
     */
    public static int[] parseYears(String text) {
        Span sp = parseYears(text, null);
        return new int[]{sp.from(), sp.to()};
    }

    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december"};

    /**
     * The month a fiscal year starts in: 1 to 12, or a month's English name (october, or its first three letters, oct); null or
     * empty: none (calendar years). Anything else refused in words.
     */
    public static int parseFiscalStart(String text) {
        return parseFiscalStart(text, "fiscal start");
    }

    /** As {@link #parseFiscalStart(String)}, its problems said of {@code name} (the option or field that gives it). */
    public static int parseFiscalStart(String text, String name) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) return 0;
        String low = t.toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < 12; i++) if (low.equals(MONTHS[i]) || low.equals(MONTHS[i].substring(0, 3))) return i + 1;
        if (t.matches("\\d{1,2}")) {
            int m = Integer.parseInt(t);
            if (m >= 1 && m <= 12) return m;
            throw new IllegalArgumentException(name + ": " + t + " is not a month; expected 1 to 12, or a month's name (10 or october: "
                    + "fiscal years from October to September)");
        }
        throw new IllegalArgumentException(name + ": '" + t + "' is not a month; expected 1 to 12, or a month's name (10 or october: "
                + "fiscal years from October to September)");
    }

    /**
     * Parses the years asked, {@code 2027-2030} or {@code 2027}, or fiscal years {@code FY2028-FY2030} (also {@code 2028-2030}) when
     * {@code fiscalStart} (a month, {@link #parseFiscalStart}) is given; refuses anything else in words, and fiscal years named without
     * the month they start in.
     */
    public static Span parseYears(String text, String fiscalStart) {
        return parseYears(text, fiscalStart, "fiscal start: ");
    }

    /**
     * As {@link #parseYears(String, String)}; {@code startName} is how the fiscal start is given where it is asked ("--fiscal-start ",
     * "fiscal_start="), so that its problems and the hint name it.
     */
    public static Span parseYears(String text, String fiscalStart, String startName) {
        int start = parseFiscalStart(fiscalStart, startName.replaceAll("[:= ]+$", ""));
        String t = text == null ? "" : text.strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(FY)?\\s*(\\d{4})(?:\\s*-\\s*(FY)?\\s*(\\d{4}))?").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("years: '" + t + "' is not FIRST-LAST years: calendar years, e.g. 2027-2030 (or one year, 2027), "
                    + "or fiscal years with the month they start in, e.g. FY2028-FY2030 from October");
        }
        boolean fy = m.group(1) != null || m.group(3) != null;
        int a = Integer.parseInt(m.group(2)), b = m.group(4) == null ? a : Integer.parseInt(m.group(4));
        if (fy && start == 0) {
            throw new IllegalArgumentException("years: " + t + " names fiscal years; say the month they start in (" + startName + "10 or october "
                    + "for October to September, FY" + a + " = " + (a - 1) + "-10 to " + a + "-09), or give calendar years (" + (a == b ? a : a + "-" + b) + ")");
        }
        String p = start == 0 ? "" : "FY";
        if (b < a) throw new IllegalArgumentException("years: " + t + " runs backwards; write FIRST-LAST, e.g. " + p + b + "-" + p + a);
        if (b - a + 1 > MAX_YEARS) throw new IllegalArgumentException("years: " + t + " is " + (b - a + 1) + " years; at most " + MAX_YEARS);
        return new Span(a, b, start);
    }

    private record Path(String source, Scenario scenario, PathResult result, String usRegion, int first, int last) {
        BigDecimal price(int year) {
            return priceIn(usRegion, year);
        }

        /** The model's price in a region in a year, rounded once to 6 decimals; null where the path has none. */
        BigDecimal priceIn(String region, int year) {
            if (year < first || year > last) return null;
            double v = result.value("price[" + region + "]", year);
            return Double.isNaN(v) ? null : trim(new BigDecimal(Double.toString(v)).setScale(6, RoundingMode.HALF_UP)); // 110, not 110.000000
        }

        /** Whether the region produces (mined or recycled) in the year. */
        boolean supplies(String region, int year) {
            if (year < first || year > last) return false;
            double v = result.value("production[" + region + "]", year);
            return !Double.isNaN(v) && v > 1e-9;
        }
    }

    /**
     * The prices a column moves a line by: the path, the anchor path's price in the anchor year; {@code base}, the baseline path whose
     * regional prices set an alternative origin's price against the line's origin's.
     */
    private record Index(Path path, Path base, int anchorYear, BigDecimal anchor) { }

    /** Calendar years {@code from}..{@code to}, without alternatives (as {@link #evaluate(Company, LocalDate, Assessor, List, Markets, Span, boolean)}). */
    public static Report evaluate(Company c, LocalDate date, Assessor today, List<Exposure.Case> cases, Markets markets, int from, int to)
            throws ScenarioException, CompanyFile.Invalid {
        return evaluate(c, date, today, cases, markets, Span.calendar(from, to), false);
    }

    /**
     * Evaluates {@code c} year by year over {@code span} (calendar or fiscal years): the baseline (today's regime, the baseline paths)
     * and each case (its regime; its market must be a scenario with a path of years, {@code horizon:}). {@code date} (null: the
     * file's, else today) is the date of the file's prices. A month takes the path's price of its calendar year (the path is by
     * calendar year: a fiscal year from October takes three months at one year's price and nine at the next's). With
     * {@code alternatives}, each exposed line-year has its cheapest re-sourcing ({@link YearAlternative}).
     */
    @SuppressWarnings("unchecked")
    public static Report evaluate(Company c, LocalDate date, Assessor today, List<Exposure.Case> cases, Markets markets, Span span,
                                  boolean alternatives) throws ScenarioException, CompanyFile.Invalid {
        LocalDate d = date != null ? date : c.date() != null ? c.date() : LocalDate.now();
        int from = span.from(), to = span.to();
        if (to < from) throw new IllegalArgumentException("years: " + span.labels() + " runs backwards");
        if (to - from + 1 > MAX_YEARS) throw new IllegalArgumentException("years: " + span.labels() + " is " + (to - from + 1) + " years; at most " + MAX_YEARS);
        if (!span.fiscal() && from < d.getYear()) {
            throw new IllegalArgumentException("years: " + from + " is before " + d.getYear() + ", the year of the exposure date " + d
                    + " (the file's prices are of that date; give --date an earlier date for earlier years)");
        }
        if (span.fiscal() && span.last(from).isBefore(java.time.YearMonth.from(d))) {
            throw new IllegalArgumentException("years: " + span.label(from) + " (" + span.months(from) + ") ends before the exposure date " + d
                    + " (the file's prices are of that date; give --date an earlier date for earlier years)");
        }
        // the calendar years the months fall in: a fiscal year from October reaches into the year before its name
        int calFrom = span.first(from).getYear(), calTo = span.last(to).getYear();
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
                Path base = path(markets, paths, source, true, span, calFrom, calTo, k.label());
                Path p = own ? path(markets, paths, source, false, span, calFrom, calTo, k.label()) : base;
                int anchorYear = d.getYear();
                if (anchorYear < base.first()) {
                    warnings.add(k.label() + ": the path of " + source + " starts in " + base.first() + ", after the exposure date's year " + anchorYear
                            + ": the file's prices are taken as of " + base.first() + "'s market");
                    anchorYear = base.first();
                }
                BigDecimal anchor = base.price(anchorYear);
                index.put(k.label() + "|" + m, new Index(p, base, anchorYear, anchor));
                Map<Integer, BigDecimal> ys = new LinkedHashMap<>();
                for (int y = calFrom; y <= calTo; y++) ys.put(y, p.price(y));
                Scenario sp = markets.scenario(source);
                prices.add(new MarketPrices(m, k.label(), p.source(), anchorYear, anchor, ys, sp.priceUnit()));
            }
        }

        // months of the first year before the file's date keep its prices (the model's are applied from it): said, with the months
        if (!index.isEmpty()) {
            List<LocalDate> before = new ArrayList<>();
            for (int mo = 0; mo < 12; mo++) {
                LocalDate t = monthDate(d, span.first(from).plusMonths(mo));
                if (t.isBefore(d)) before.add(t);
            }
            if (!before.isEmpty()) {
                warnings.add(span.label(from) + ": " + before.size() + (before.size() == 1 ? " month" : " months") + " before the exposure date " + d + " ("
                        + before.get(0) + (before.size() == 1 ? "" : " to " + before.get(before.size() - 1)) + ") " + (before.size() == 1 ? "is" : "are")
                        + " costed at the file's prices, which are of that date, not at the model's prices of their months (each is still "
                        + "assessed at the border on its own date)");
            }
        }
        EntryFields fields = new EntryFields();
        Map<String, Problem> refused = new LinkedHashMap<>();
        List<YearLine> lines = new ArrayList<>();
        Map<String, Map<Integer, BigDecimal>> totals = new LinkedHashMap<>();
        // a date past the regime's horizon: said once a regime, from its first such month, with the scenarios it concerns and the
        // number of months it concerns (each column's months are the same)
        Map<String, Object[]> past = new LinkedHashMap<>();
        int monthsEvaluated = 12 * (to - from + 1);
        for (Exposure.Case k : all) {
            lodestone.regime.Regime r = k.assessor().regime();
            if (!past.containsKey(r.id())) {
                LocalDate first = null;
                int n = 0;
                for (int y = from; y <= to; y++) {
                    for (int mo = 0; mo < 12; mo++) {
                        LocalDate t = monthDate(d, span.first(y).plusMonths(mo));
                        if (r.horizon().pastHorizon("", t, r.id(), "") == null) continue;
                        if (first == null) first = t;
                        n++;
                    }
                }
                if (first != null) past.put(r.id(), new Object[]{r, first, new LinkedHashSet<String>(), n});
            }
            if (past.containsKey(r.id())) ((Set<String>) past.get(r.id())[2]).add(k.label());
        }
        Map<String, Map<String, String>> alternativeCache = new HashMap<>();
        for (Exposure.Case k : all) {
            Map<Integer, BigDecimal> mine = new LinkedHashMap<>();
            for (int y = from; y <= to; y++) {
                BigDecimal total = BigDecimal.ZERO.setScale(2);
                for (Company.SourcingLine l : c.sourcing()) {
                    Index ix = l.market() == null ? null : index.get(k.label() + "|" + l.market());
                    YearLine yl = yearLine(c, l, k, d, span, y, ix, t -> spot(l, ix, t, d), fields, refused);
                    String banned = ix == null || k.market() == null ? null : banWarning(markets.scenario(k.market()), l, span, y, k.market());
                    if (banned != null) {
                        List<String> w = new ArrayList<>(yl.warnings());
                        w.add(banned);
                        yl = yl.withWarnings(w);
                    }
                    if (alternatives && refused.isEmpty()) {
                        YearAlternative a = cheapest(c, l, k, d, span, y, ix, yl, markets, all, fields, alternativeCache);
                        if (a != null) yl = yl.withAlternative(a);
                    }
                    lines.add(yl);
                    if (yl.landedCost() != null) total = total.add(yl.landedCost());
                    else warnings.add(k.label() + ": " + span.label(y) + ": line " + l.id() + " is " + yl.status() + " and left out of the total");
                }
                mine.put(y, total);
            }
            totals.put(k.label(), mine);
        }
        if (!refused.isEmpty()) throw new CompanyFile.Invalid(new ArrayList<>(refused.values()).stream().sorted().toList());
        List<String> horizonWarnings = new ArrayList<>();
        for (Object[] p : past.values()) {
            lodestone.regime.Regime r = (lodestone.regime.Regime) p[0];
            int n = (Integer) p[3];
            horizonWarnings.add(String.join(", ", (Set<String>) p[2]) + ": " + r.horizon().pastHorizon("the border from", (LocalDate) p[1], r.id(),
                    "measures that begin or change after it are not in these figures, which give the regime as it stands for every later month ("
                            + n + " of the " + monthsEvaluated + " months evaluated)"));
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
        return new Report(c.name(), d, span, List.copyOf(labels), totals, products, lines, prices, warnings);
    }

    /**
     * The cheapest re-sourcing of line {@code l} in year {@code y} under column {@code k}, as the twelve-month exposure's alternatives
     * (docs/exposure-format.md, "Alternatives"), year by year: for a line exposed that year (a duty, a market, or prohibited), the
     * same HTS code from each program or club country where the line's market has supply that year (its own origin claiming a
     * program it does not claim first), each bought as twelve monthly purchases at spot — the line's spot price with its market
     * share moved by the price in the country's region ÷ that in the origin's region on the baseline path, in the month's calendar
     * year — and assessed on
     * each month's date by the column's regime. Null when none is found or the line is not exposed.
     */
    private static YearAlternative cheapest(Company c, Company.SourcingLine l, Exposure.Case k, LocalDate d, Span span, int y, Index ix, YearLine now,
                                            Markets markets, List<Exposure.Case> all, EntryFields fields, Map<String, Map<String, String>> cache)
            throws ScenarioException {
        boolean exposed = now.landedCost() == null || now.duty().signum() > 0 || l.market() != null;
        if (!exposed || now.status().equals("rejected")) return null;
        Map<String, String> cand = cache.get(k.label() + "|" + y); // the candidate origins (program and club countries on any month's date), made once a column and year
        if (cand == null) {
            List<String> clubs = new ArrayList<>();
            for (Exposure.Case x : all) {
                if (x.market() == null) continue;
                Scenario sc = markets.scenario(x.market());
                for (String region : sc.club()) clubs.addAll(sc.regionCountries().getOrDefault(region, List.of(region)));
            }
            cand = new java.util.TreeMap<>();
            for (int mo = 0; mo < 12; mo++) {
                for (Map.Entry<String, String> e : Exposure.candidates(k.assessor().regime(), monthDate(d, span.first(y).plusMonths(mo)), clubs).entrySet()) {
                    cand.putIfAbsent(e.getKey(), e.getValue());
                }
            }
            cache.put(k.label() + "|" + y, cand);
        }
        List<Map.Entry<String, String>> origins = new ArrayList<>();
        if (l.preference() == null && cand.get(l.origin()) != null) origins.add(Map.entry(l.origin(), cand.get(l.origin())));
        for (Map.Entry<String, String> e : cand.entrySet()) if (!e.getKey().equals(l.origin())) origins.add(e);
        // a line on a market without a path keeps the file's price every year; its regions' prices are the market's single equilibrium's
        lodestone.market.Equilibrium eq = l.market() != null && ix == null ? markets.equilibrium(l.market()) : null;
        Scenario regions = ix != null ? ix.path().scenario() : eq != null ? eq.scenario() : null;
        String fromRegion = regions == null ? null : Markets.regionOf(regions, l.origin());
        YearAlternative best = null;
        List<String> same = new ArrayList<>();
        for (Map.Entry<String, String> e : origins) {
            String cc = e.getKey();
            boolean ownOrigin = cc.equals(l.origin());
            String note;
            java.util.function.Function<LocalDate, BigDecimal> price;
            if (ownOrigin) {
                note = "the same supplier and origin, claiming program " + e.getValue() + " (not claimed in the file)";
                price = t -> spot(l, ix, t, d);
            } else if (regions != null) {
                String r = Markets.regionOf(regions, cc);
                if (r == null) continue;
                if (ix != null) {
                    if (!ix.path().supplies(r, span.first(y).getYear()) && !ix.path().supplies(r, span.last(y).getYear())) continue;
                    // the regions' price ratio of the baseline path that year (the twelve months take the baseline's too): a scenario's
                    // floor or ban moves the line's price already, and its regional prices would count it twice (a club floor of 110
                    // for US buyers made Australian magnets cheaper than under the baseline)
                    price = t -> {
                        BigDecimal pr = fromRegion == null ? null : ix.base().priceIn(r, t.getYear());
                        BigDecimal pf = fromRegion == null ? null : ix.base().priceIn(fromRegion, t.getYear());
                        return altSpot(l, ix, t, d, pr, pf);
                    };
                } else {
                    if (eq.production(r) + eq.recycledProduction(r) <= 1e-9) continue;
                    BigDecimal pr = fromRegion == null ? null : new BigDecimal(Double.toString(eq.price(r))).setScale(6, RoundingMode.HALF_UP);
                    BigDecimal pf = fromRegion == null ? null : new BigDecimal(Double.toString(eq.price(fromRegion))).setScale(6, RoundingMode.HALF_UP);
                    price = t -> altSpot(l, null, t, d, pr, pf);
                }
                note = "supplied in the " + l.market() + " market (region " + r + ")";
            } else {
                note = "no market data for this line: same price assumed";
                price = t -> spot(l, ix, t, d);
            }
            Company.SourcingLine alt = new Company.SourcingLine(l.id(), l.material(), ownOrigin ? l.supplier() : "", cc, l.hts(), l.quantity(), l.unit(),
                    l.price(), l.currency(), l.incoterm(), l.freight(), l.contentQuantity(), l.contentUnit(), l.documents(), e.getValue(), null, null,
                    l.market(), l.marketShare(), null, l.line(), l.path(), l.fieldLines(), ownOrigin ? l.productionRegions() : List.of(), l.endUse(),
                    l.metalContentValue());
            Map<String, Problem> skip = new LinkedHashMap<>();
            YearLine a = yearLine(c, alt, k, d, span, y, ix, price, fields, skip);
            if (!skip.isEmpty() || a.landedCost() == null) continue; // refused or prohibited in a month: not an alternative
            boolean granted = false;
            for (Exposure.Duty du : a.duties()) if (du.measure().equals("special:" + e.getValue())) granted = true;
            if (ownOrigin && !granted) continue; // the program changes nothing on this line
            String originNote = e.getValue() == null ? "no preference program; general and additional duties apply"
                    : granted ? "preference " + e.getValue() + " assumed: the goods must meet its rules of origin (no bill of materials given, not checked)"
                    : "preference " + e.getValue() + " does not lower this line's duty";
            int cmp = best == null ? -1 : a.landedCost().compareTo(best.landedCost());
            if (cmp > 0) continue;
            if (cmp == 0) {
                same.add(cc);
                continue;
            }
            same = new ArrayList<>();
            BigDecimal saving = now.landedCost() == null ? null : now.landedCost().subtract(a.landedCost());
            // the preference assumed is said in the note; the assessment's "accepted as declared" would say it again
            List<String> w = a.warnings().stream().filter(x -> !x.startsWith("preference " + e.getValue() + " accepted as declared")).toList();
            best = new YearAlternative(cc, e.getValue(), a.averagePrice(), a.duty(), a.landedCost(), saving, note + "; " + originNote, List.of(), w);
        }
        if (best == null) return null;
        return new YearAlternative(best.origin(), best.preference(), best.averagePrice(), best.duty(), best.landedCost(), best.saving(), best.note(),
                List.copyOf(same), best.warnings());
    }

    /**
     * A line whose origin the scenario's path bans from exporting to the US in some months of year {@code y}: it may not be
     * available then, and its cost assumes it is — said on the line (as the twelve months warn a line its scenario ships nothing).
     */
    static String banWarning(Scenario s, Company.SourcingLine l, Span span, int y, String name) {
        String from = Markets.regionOf(s, l.origin()), us = Markets.regionOf(s, "US");
        if (from == null || us == null || from.equals(us)) return null;
        for (Scenario.BanWindow b : s.horizonBans()) {
            if (!b.region().equals(from) || !(b.to().isEmpty() || b.to().contains(us))) continue;
            java.time.YearMonth end = b.start().plusMonths(b.months()); // exclusive
            int n = 0;
            for (int mo = 0; mo < 12; mo++) {
                java.time.YearMonth t = span.first(y).plusMonths(mo);
                if (!t.isBefore(b.start()) && t.isBefore(end)) n++;
            }
            if (n == 0) continue;
            return "the " + name + " path bans exports from " + from + " to " + us + " in " + n + " month" + (n == 1 ? "" : "s") + " of " + span.label(y)
                    + " (" + (span.fiscal() ? span.months(y) + "; the ban " : "") + "from " + b.start() + " for " + b.months()
                    + " months): this line may not be available then; its cost here assumes it is";
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

    private static Path path(Markets markets, Map<String, Path> cache, String name, boolean baseline, Span span, int from, int to, String label)
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
            had = new Path(source, s, pr, us, ys[0], ys[1]);
            cache.put(key, had);
        }
        if (from < had.first() || to > had.last()) {
            // a fiscal year is named with its months: FY2041 from October runs into 2041, past a path that ends in 2040
            String asked = span.fiscal() ? span.labels() + " (" + span.allMonths() + ")" : from + "-" + to;
            throw new IllegalArgumentException(label + ": years " + asked + " are outside the path of " + name + ", " + had.first() + "-"
                    + had.last() + " (its horizon.years): the model has no price for " + (to > had.last() ? (had.last() + 1) + " on" : "before " + had.first()));
        }
        return had;
    }

    /** The exposure date's day in month {@code ym} (the month's last day when it is shorter). */
    static LocalDate monthDate(LocalDate d, java.time.YearMonth ym) {
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

    /**
     * An alternative origin's spot price in month {@code t}: the line's, its market share moved also by the ratio of the model's price
     * in the alternative's region to that in the line's origin's region ({@code pr} ÷ {@code pf}; null: no ratio), the division last.
     */
    private static BigDecimal altSpot(Company.SourcingLine l, Index ix, LocalDate t, LocalDate d, BigDecimal pr, BigDecimal pf) {
        if (pr == null || pf == null || pf.signum() == 0) return spot(l, ix, t, d);
        BigDecimal p0 = l.price(), share = l.marketShare();
        BigDecimal num = p0.multiply(share).multiply(pr), den = pf;
        if (ix != null && !t.isBefore(d)) {
            BigDecimal p = ix.path().price(t.getYear());
            if (p != null && ix.anchor() != null && ix.anchor().signum() != 0) {
                num = num.multiply(p);
                den = den.multiply(ix.anchor());
            }
        }
        return p0.multiply(BigDecimal.ONE.subtract(share)).add(num.divide(den, MathContext.DECIMAL128));
    }

    private static YearLine yearLine(Company c, Company.SourcingLine l, Exposure.Case k, LocalDate d, Span span, int y, Index ix,
                                     java.util.function.Function<LocalDate, BigDecimal> spotAt, EntryFields fields, Map<String, Problem> refused) {
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
        // the model's price of each month's calendar year, averaged over the twelve (a fiscal year takes two years' prices)
        BigDecimal marketSum = ix == null ? null : BigDecimal.ZERO;
        for (int mo = 1; mo <= 12; mo++) {
            LocalDate t = monthDate(d, span.first(y).plusMonths(mo - 1));
            if (marketSum != null) {
                BigDecimal mp = ix.path().price(t.getYear());
                marketSum = mp == null ? null : marketSum.add(mp);
            }
            BigDecimal qm = mo < 12 ? monthQ : q.subtract(monthQ.multiply(BigDecimal.valueOf(11)));
            BigDecimal spot = spotAt.apply(t);
            BigDecimal price = spot;
            if (con != null && Exposure.inForce(con, t)) {
                BigDecimal indexed = spotAt.apply(t.minusMonths(con.lagMonths()));
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
            w.add(staleFx == 1 ? lastFx : lastFx + " (the same in each of the " + staleFx + " months of " + span.label(y) + " from " + firstFx + ", the oldest shown)");
            w.addAll(warnings);
            warnings = new LinkedHashSet<>(w);
        }
        BigDecimal freight = l.freight() == null ? BigDecimal.ZERO.setScale(2) : q.multiply(l.freight()).setScale(2, RoundingMode.HALF_UP);
        BigDecimal avg = trim(goods.divide(q, MathContext.DECIMAL128).setScale(6, RoundingMode.HALF_UP));
        BigDecimal market = marketSum == null ? null : trim(marketSum.divide(BigDecimal.valueOf(12), 6, RoundingMode.HALF_UP));
        boolean ok = status.equals("assessed");
        return new YearLine(l.id(), k.label(), y, status, l.origin(), l.supplier(), l.hts(), q, l.unit(), l.currency(), market, avg,
                goods.setScale(2, RoundingMode.HALF_UP), ok ? cv : null, ok ? duty : null, freight, ok ? landed.add(freight) : null,
                ok ? List.copyOf(duties.values()) : List.of(), l.contract(), contractQ == null ? null : trim(contractQ.setScale(3, RoundingMode.HALF_UP)),
                List.copyOf(warnings), null);
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
