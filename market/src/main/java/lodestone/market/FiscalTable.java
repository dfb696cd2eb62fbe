package lodestone.market;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A path's public accounts year by year against its baseline's (docs/market-model.md, "The fiscal table"): levy and tariff
 * revenue, price-gap subsidy outlays, the stockpile agency's sales and purchases and the net fiscal cost, each for the
 * scenario, for the baseline path and the change, with the horizon's total and its present value.
 *
 * <p>The <b>baseline path</b> is the scenario's baseline market with the baseline's own policies and tariffs, over the
 * scenario's horizon with everything but its policy paths (demand and supply growth, projects, bans, stockpiles: the world both sides share); the scenario's policies, tariffs and {@code horizon.paths} are what differs.
 * The parameter overrides run on both, except the floor and the strike: those set the scenario's policies, and the baseline
 * path keeps the baseline's own.
 *
 * <p>Net fiscal cost = subsidy outlays + stock purchases − stock sales − levy revenue, the path's {@code fiscal_cost}
 * (negative: the treasury gains). Tariff revenue is shown beside it and is not netted, as in {@code fiscal_cost}.
 * Figures are in the scenario's money unit (price × quantity); the present value discounts year t by (1 + r)^(t − first
 * year) at the horizon's {@code discount_rate} r, the totals are undiscounted sums.
 */
public record FiscalTable(String scenario, String baseline, String failure, double discountRate, int firstYear, List<Row> years,
                          Row total, Row presentValue) {

    /** One side's accounts in a year (or their total). */
    public record Figures(double levyRevenue, double tariffRevenue, double subsidyOutlay, double stockSales, double stockPurchases,
                          double netCost) {
        static Figures of(PathResult.Year y) {
            Map<String, Double> m = y.metrics();
            double levy = m.getOrDefault("levy_revenue", 0.0);
            double subsidy = m.getOrDefault("subsidy_outlay", 0.0);
            double sales = m.getOrDefault("stock_sales", 0.0);
            double purchases = m.getOrDefault("stock_purchases", 0.0);
            return new Figures(levy, m.getOrDefault("tariff_revenue", 0.0), subsidy, sales, purchases, subsidy + purchases - sales - levy);
        }

        Figures minus(Figures b) {
            return new Figures(levyRevenue - b.levyRevenue, tariffRevenue - b.tariffRevenue, subsidyOutlay - b.subsidyOutlay,
                    stockSales - b.stockSales, stockPurchases - b.stockPurchases, netCost - b.netCost);
        }

        Figures plus(Figures b, double w) {
            return new Figures(levyRevenue + w * b.levyRevenue, tariffRevenue + w * b.tariffRevenue, subsidyOutlay + w * b.subsidyOutlay,
                    stockSales + w * b.stockSales, stockPurchases + w * b.stockPurchases, netCost + w * b.netCost);
        }

        static final Figures ZERO = new Figures(0, 0, 0, 0, 0, 0);

        /** The figures by their report names, in the table's order. */
        public Map<String, Double> toMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("levy_revenue", levyRevenue);
            m.put("tariff_revenue", tariffRevenue);
            m.put("subsidy_outlay", subsidyOutlay);
            m.put("stock_sales", stockSales);
            m.put("stock_purchases", stockPurchases);
            m.put("net_cost", netCost);
            return m;
        }
    }

    /** A year (or the total, year 0): the scenario's figures, the baseline path's and the change (scenario − baseline). */
    public record Row(int year, Figures scenario, Figures baseline, Figures change) { }

    /** The names of the figures, in the order of {@link Figures#toMap()}. */
    public static final List<String> FIGURES = List.of("levy_revenue", "tariff_revenue", "subsidy_outlay", "stock_sales",
            "stock_purchases", "net_cost");

    public boolean solved() { return failure == null; }

    /** The scenario's path and its baseline path with the scenario's own values. */
    public static FiscalTable run(Scenario s) {
        return run(s, Map.of());
    }

    /** The scenario's path and its baseline path, both with {@code params} overridden. */
    public static FiscalTable run(Scenario s, Map<String, Double> params) {
        if (s.horizon == null) throw new IllegalArgumentException(s.name() + " has no horizon: (a fiscal table is a path's, year by year)");
        Scenario b = baselinePath(s);
        PathResult ps = MarketPath.run(s, params, MarketPath.Warm.YEAR, null);
        // the floor and the strike are the scenario's policies' parameters: the baseline path keeps its own (a floor override
        // moved the baseline's floor too, and the change in levy revenue read 0)
        Map<String, Double> baseParams = new java.util.LinkedHashMap<>(params);
        baseParams.remove("floor");
        baseParams.remove("strike");
        PathResult pb = MarketPath.run(b, baseParams, MarketPath.Warm.YEAR, null);
        String name = s.baseline().name();
        if (!ps.solved()) return failed(s, name, ps.failure());
        if (!pb.solved()) return failed(s, name, "baseline path: " + pb.failure());
        List<Row> rows = new ArrayList<>();
        Figures ts = Figures.ZERO, tb = Figures.ZERO, vs = Figures.ZERO, vb = Figures.ZERO;
        double r = s.horizon.discountRate();
        for (int i = 0; i < ps.years().size(); i++) {
            PathResult.Year ys = ps.years().get(i);
            PathResult.Year yb = pb.years().get(i);
            Figures fs = Figures.of(ys);
            Figures fb = Figures.of(yb);
            rows.add(new Row(ys.year(), fs, fb, fs.minus(fb)));
            double d = 1 / Math.pow(1 + r, ys.year() - s.horizon.from());
            ts = ts.plus(fs, 1);
            tb = tb.plus(fb, 1);
            vs = vs.plus(fs, d);
            vb = vb.plus(fb, d);
        }
        return new FiscalTable(s.name(), name, null, r, s.horizon.from(), List.copyOf(rows), new Row(0, ts, tb, ts.minus(tb)),
                new Row(0, vs, vb, vs.minus(vb)));
    }

    private static FiscalTable failed(Scenario s, String baseline, String why) {
        return new FiscalTable(s.name(), baseline, why, s.horizon.discountRate(), s.horizon.from(), List.of(), null, null);
    }

    /**
     * The baseline path's scenario: the baseline's market, policies and tariffs with the scenario's club (for the shares a
     * path reports) and the scenario's horizon without its policy paths.
     */
    public static Scenario baselinePath(Scenario s) {
        Scenario b = s.baseline();
        Horizon h = s.horizon;
        Scenario out = new Scenario(b.name, b.description, b.minerals, b.product, b.quantityUnit, b.priceUnit, b.referencePrice,
                b.regions, s.club, b.transport, b.tariffAdValorem, b.tariffSpecific, b == s ? List.of() : b.policies, null);
        out.horizon = new Horizon(h.from(), h.to(), h.demandGrowth(), h.supplyGrowth(), h.depletion(), h.recyclingLag(),
                h.discountRate(), List.of(), h.bans(), h.stockpiles(), h.projects(), h.uncertain(), h.perfectForesight(),
                h.demandGrowthDefault(), h.supplyGrowthDefault());
        out.referenceYear = b.referenceYear != null ? b.referenceYear : s.referenceYear;
        out.madeFrom = s.madeFrom;
        out.notes = s.notes;
        return out;
    }

    /** As a JSON-ready map (the CLI's --json; the API answers the same fields). */
    public Map<String, Object> toMap() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("status", solved() ? "solved" : "no-equilibrium");
        o.put("scenario", scenario);
        o.put("baseline", baseline);
        if (!solved()) {
            o.put("reason", failure);
            return o;
        }
        o.put("discount_rate", discountRate);
        o.put("first_year", firstYear);
        List<Map<String, Object>> ys = new ArrayList<>();
        for (Row y : years) ys.add(row(y, true));
        o.put("years", ys);
        o.put("total", row(total, false));
        o.put("present_value", row(presentValue, false));
        return o;
    }

    private static Map<String, Object> row(Row y, boolean withYear) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withYear) m.put("year", y.year());
        m.put("scenario", y.scenario().toMap());
        m.put("baseline", y.baseline().toMap());
        m.put("change", y.change().toMap());
        return m;
    }

    /** The table as CSV rows (header first): one row a year, then "total" and "present value", every figure per side. */
    public List<List<String>> csv() {
        List<List<String>> out = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("year"));
        for (String side : List.of("scenario", "baseline", "change")) for (String f : FIGURES) header.add(side + " " + f);
        out.add(header);
        for (Row y : years) out.add(csvRow(String.valueOf(y.year()), y));
        out.add(csvRow("total", total));
        out.add(csvRow("present value", presentValue));
        return out;
    }

    private static List<String> csvRow(String label, Row y) {
        List<String> r = new ArrayList<>(List.of(label));
        for (Figures f : List.of(y.scenario(), y.baseline(), y.change())) for (double v : f.toMap().values()) r.add(String.valueOf(v));
        return r;
    }
}
