package lodestone.cli.market;

import lodestone.cli.Failures;
import lodestone.cli.RegimeOption;
import lodestone.market.Equilibrium;
import lodestone.market.FiscalTable;
import lodestone.market.Scenario;
import lodestone.market.ScenarioReport;
import lodestone.market.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lodestone simulate SCENARIO}: a market scenario's equilibrium compared with its baseline. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Solves the spatial price equilibrium of a market scenario (YAML, docs/scenario-format.md) and of "
                + "its baseline, and prints them side by side: prices, production, consumption and net imports by region; "
                + "levy and tariff revenue, subsidy outlays, export-tax revenue, quota rents, offtake transfers; production "
                + "HHI and the non-member share of club supply; consumer and producer surplus changes against the "
                + "baseline; the solver's residual (Fischer–Burmeister, ≤ 1e-9) and pivot count.",
                "SCENARIO is a file, - (the scenario read from standard input), or the name of a bundled scenario: ndpr, ndpr-floor-110, ndpr-subsidy-110, lithium, "
                        + "cobalt, graphite, gallium, gallium-ban, gallium-ban-stockpile, ndpr-2025-2040, gallium-2025-2035, antimony, "
                        + "tungsten, nickel, copper, manganese, germanium, germanium-ban-us, germanium-ban, germanium-2025-2035.",
                "A scenario with a horizon: (years) prints its path instead: one row a year (prices, club supply share, "
                        + "non-member share, HHI, levy revenue, subsidy outlays, stockpile holdings, cumulative fiscal cost) and "
                        + "the projects built with the reason; --json and --csv DIR (path.csv, projects.csv) give every metric.",
                "--fiscal (a scenario with a horizon) prints its public accounts year by year against its baseline path (the "
                        + "baseline's policies over the same horizon): levy and tariff revenue, subsidy outlays, stockpile sales "
                        + "and purchases and the net fiscal cost, for the scenario, the baseline and the change, with the total and "
                        + "the present value at the horizon's discount rate; --json gives it as the API does, --csv DIR writes fiscal.csv.",
                "The scenario is checked against the regime before anything is solved: its minerals, region ids, "
                        + "countries and groups must be the regime's (docs/scenario-format.md)."},
        footer = {"", "Examples:",
                "  lodestone simulate ndpr-floor-110",
                "  lodestone simulate data/market/gallium-ban.yaml --json",
                "  lodestone simulate my-scenario.yaml --csv out/",
                "  lodestone simulate ndpr-2025-2040",
                "  lodestone simulate ndpr-2025-2040 --fiscal --csv out/",
                "",
                "Exit codes: 0 solved; 1 no equilibrium found (the diagnosis is printed); 2 a malformed scenario or one that names what "
                        + "the regime does not know (every problem with file, line, field and the expected form), a regime refused, an "
                        + "unknown scenario name or bad usage; 3 a file that cannot be read or written (--csv).", Failures.EXIT_CODES})
public final class SimulateCommand implements Callable<Integer> {
    /** The instrument totals printed by name above; any other an instrument reports is printed after them. */
    private static final java.util.Set<String> SHOWN = java.util.Set.of("levy_revenue", "tariff_revenue", "subsidy_outlay",
            "export_tax_revenue", "quota_rents", "offtake_transfers", "re_exports", "stock_sales", "stock_purchases");


    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML), - for standard input, or bundled scenario name.")
    String scenario;


    @Option(names = "--csv", paramLabel = "DIR", description = "Also write regions.csv, flows.csv and summary.csv to DIR.")
    Path csv;

    @Option(names = "--fiscal", description = "A scenario with a horizon: its fiscal table year by year against its baseline path "
            + "(--csv DIR: fiscal.csv).")
    boolean fiscal;

    @CommandLine.Mixin
    PathOptions options = new PathOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario s;
        try {
            s = PathCommands.read(scenario, RegimeOption.open(options.regime()));
        } catch (ScenarioException e) {
            for (String problem : e.problems()) err.println(problem);
            err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + "; nothing was run.");
            err.flush();
            return Failures.REFUSED;
        }
        if (fiscal && !s.hasHorizon()) {
            err.println("lodestone simulate: --fiscal: " + s.name() + " has no horizon: (years); a fiscal table is a path's, year by year "
                    + "(a single-year scenario's levy, tariff, subsidy and stockpile figures are in its report's baseline and scenario columns)");
            err.flush();
            return Failures.REFUSED;
        }
        if (fiscal) return fiscal(s, out, err);
        if (s.hasHorizon()) return path(s, out, err);
        Scenario b = s.baseline();
        Equilibrium base = Equilibrium.solve(b);
        Equilibrium e = b == s ? base : Equilibrium.solve(s, base);
        if (!base.solved() || !e.solved()) {
            err.println("lodestone simulate: " + (!e.solved() ? s.name() + ": " + e.diagnosis() : "baseline " + b.name() + ": " + base.diagnosis()));
            err.flush();
            if (options.json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("status", "no-equilibrium");
                o.put("scenario", s.name());
                o.put("reason", !e.solved() ? e.diagnosis() : "baseline: " + base.diagnosis());
                out.println(lodestone.cli.Json.write(o));
                out.flush();
            }
            return Failures.NO_ANSWER;
        }
        if (csv != null) writeCsv(s, base, e);
        if (options.json) {
            out.println(lodestone.cli.Json.write(ScenarioReport.of(s, base, e)));
        } else {
            table(out, s, base, e);
            for (String w : base.warnings()) out.println("warning: baseline: " + w);
            for (String w : e.warnings()) out.println("warning: " + w);
            for (String n : e.notes()) out.println("note: " + n);
        }
        out.flush();
        return 0;
    }

    /** A scenario with a horizon: its public accounts year by year against its baseline path (docs/market-model.md, "The fiscal table"). */
    private int fiscal(Scenario s, PrintWriter out, PrintWriter err) throws IOException {
        FiscalTable t = FiscalTable.run(s);
        if (!t.solved()) {
            err.println("lodestone simulate: " + s.name() + ": --fiscal: no equilibrium in " + t.failure());
            err.flush();
            if (options.json) out.println(lodestone.cli.Json.write(t.toMap()));
            out.flush();
            return Failures.NO_ANSWER;
        }
        if (csv != null) {
            Files.createDirectories(csv);
            StringBuilder b = new StringBuilder();
            // the header and the row labels as text cells, the figures as plain numbers (a negative one is not a formula)
            List<List<String>> rows = t.csv();
            for (int i = 0; i < rows.size(); i++) {
                List<String> row = rows.get(i);
                for (int j = 0; j < row.size(); j++) {
                    if (j > 0) b.append(',');
                    b.append(i == 0 || j == 0 ? cell(row.get(j)) : row.get(j));
                }
                b.append('\n');
            }
            lodestone.cli.Replacement.write(csv.resolve("fiscal.csv"), b.toString());
        }
        if (options.json) {
            out.println(lodestone.cli.Json.write(ScenarioReport.withUnits(t.toMap(), s)));
        } else {
            fiscalTable(out, s, t);
        }
        out.flush();
        return 0;
    }

    static void fiscalTable(PrintWriter out, Scenario s, FiscalTable t) {
        String money = ScenarioReport.moneyUnit(s.priceUnit(), s.quantityUnit());
        out.printf(Locale.ROOT, "%s — fiscal table against its baseline %s over the same horizon (money in %s: %s × %s)%n", s.name(),
                t.baseline(), money, s.priceUnit(), s.quantityUnit());
        out.println("net cost = subsidy outlays + stock purchases − stock sales − levy revenue (negative: the treasury gains); tariff "
                + "revenue shown, not netted");
        String[] heads = {"levy revenue", "tariff revenue", "subsidy outlays", "stock sales", "stock purchases", "net cost"};
        List<java.util.function.Function<FiscalTable.Row, FiscalTable.Figures>> sides = List.of(FiscalTable.Row::scenario,
                FiscalTable.Row::baseline, FiscalTable.Row::change);
        String[] names = {"scenario " + s.name(), "baseline path " + t.baseline(), "change (scenario − baseline)"};
        for (int k = 0; k < 3; k++) {
            out.println();
            out.println(names[k]);
            StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-14s", "year"));
            for (String x : heads) h.append(String.format(Locale.ROOT, " %16s", x));
            out.println(h);
            List<FiscalTable.Row> rows = new ArrayList<>(t.years());
            rows.add(t.total());
            rows.add(t.presentValue());
            for (int i = 0; i < rows.size(); i++) {
                FiscalTable.Row y = rows.get(i);
                String label = i < t.years().size() ? String.valueOf(y.year()) : i == t.years().size() ? "total"
                        : "PV at " + java.math.BigDecimal.valueOf(100 * t.discountRate()).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString() + "%";
                StringBuilder r = new StringBuilder(String.format(Locale.ROOT, "%-14s", label));
                for (double v : sides.get(k).apply(y).toMap().values()) r.append(String.format(Locale.ROOT, " %16s", num(v)));
                out.println(r);
            }
        }
    }

    /** A scenario with a horizon: its path, year by year (docs/scenario-format.md, "Years"). */
    private int path(Scenario s, PrintWriter out, PrintWriter err) throws IOException {
        lodestone.market.PathResult p = lodestone.market.MarketPath.run(s);
        if (csv != null) PathCommands.pathCsv(csv, p);
        if (options.json) out.println(lodestone.cli.Json.write(ScenarioReport.withUnits(p.toMap(), s)));
        else PathCommands.pathTable(out, s, p);
        out.flush();
        if (!p.solved()) {
            err.println("lodestone simulate: " + s.name() + ": no equilibrium in " + p.failure() + " (the years before it are shown)");
            err.flush();
            return Failures.NO_ANSWER;
        }
        return 0;
    }

    private static void table(PrintWriter out, Scenario s, Equilibrium base, Equilibrium e) {
        String about = s.description() == null || s.description().isBlank() ? "" : s.description() + "; "; // none: no empty slot
        out.printf(Locale.ROOT, "%s — %s (%squantities in %s, prices in %s)%n", s.name(), s.product(), about,
                s.quantityUnit(), s.priceUnit());
        out.printf(Locale.ROOT, "baseline: %s%s%n", s.baseline().name(), s.policies().isEmpty() ? "" : "; policies: " + String.join("; ", s.policies()));
        out.println();
        out.printf(Locale.ROOT, "%-8s %12s %12s %8s  %12s %12s  %12s %12s  %12s %12s%n", "region", "price base", "price scen", "Δ%",
                "prod base", "prod scen", "cons base", "cons scen", "imp base", "imp scen");
        for (String r : s.regionIds()) {
            double p0 = base.price(r);
            double p1 = e.price(r);
            out.printf(Locale.ROOT, "%-8s %12s %12s %7.1f%%  %12s %12s  %12s %12s  %12s %12s%n", r, num(p0), num(p1),
                    p0 == 0 ? 0 : 100 * (p1 - p0) / p0,
                    num(base.production(r) + base.recycledProduction(r)), num(e.production(r) + e.recycledProduction(r)),
                    num(base.consumption(r)), num(e.consumption(r)), num(-base.netExports(r)), num(-e.netExports(r)));
        }
        // stock released from (or built into) stockpiles balances a region's market: said, or its production − consumption
        // would not match its net imports (reported by a review: the US showed 0 produced, 13 used and 27 exported)
        List<String> stock = new java.util.ArrayList<>();
        for (String r : s.regionIds()) {
            double q = e.stockRelease(r);
            double left = e.unsoldRelease(r);
            if (Math.abs(q) > 1e-9 || left > 0) {
                stock.add(r + " " + (q >= 0 ? "releases " : "builds ") + num(Math.abs(q))
                        + (left > 0 ? " (of " + num(e.stockOffered(r)) + " offered: " + num(left) + " unsold, kept in the stockpile)" : ""));
            }
        }
        if (!stock.isEmpty()) {
            out.println("stockpiles (scenario, " + s.quantityUnit() + "): " + String.join(", ", stock)
                    + " — a region's production + release − consumption = its net exports");
        }
        out.println();
        out.printf(Locale.ROOT, "%-34s %14s %14s%n", "", "baseline", "scenario");
        row(out, "levy revenue", base.levyRevenue(), e.levyRevenue());
        row(out, "tariff revenue", base.tariffRevenue(), e.tariffRevenue());
        row(out, "subsidy outlays", base.subsidyOutlay(), e.subsidyOutlay());
        row(out, "export-tax revenue", base.exportTaxRevenue(), e.exportTaxRevenue());
        row(out, "quota rents", base.quotaRents(), e.quotaRents());
        row(out, "offtake transfers", base.offtakeTransfers(), e.offtakeTransfers());
        boolean stockpiles = base.hasStockpiles() || e.hasStockpiles();
        if (stockpiles) {   // the stockpile agency's account, only when a stockpile is in either market
            row(out, "stockpile sales", base.stockSales(), e.stockSales());
            row(out, "stockpile purchases", base.stockPurchases(), e.stockPurchases());
        }
        for (var t : e.instrumentTotals().entrySet()) {   // an instrument added since names its own figures
            if (!SHOWN.contains(t.getKey()) && t.getValue() != 0) row(out, t.getKey().replace('_', ' '), base.instrumentTotals().getOrDefault(t.getKey(), 0.0), t.getValue());
        }
        row(out, "production HHI", base.hhi(), e.hhi());
        if (!s.club().isEmpty()) {
            out.printf(Locale.ROOT, "%-34s %13.1f%% %13.1f%%%n", "non-member share of club supply",
                    100 * base.nonMemberShareOfSupply(s.club()), 100 * e.nonMemberShareOfSupply(s.club()));
        }
        out.println();
        // each region's accounts (Equilibrium.welfareChange(base, region), docs/market-model.md "Welfare by region"): what it
        // collects and pays, the rents of its export quotas, its stockpiles' and offtakes' accounts where there are any, and its net
        boolean offtakes = base.hasOfftakes() || e.hasOfftakes();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-8s %17s %17s %17s %17s", "region", "Δ consumer surpl.",
                "Δ producer surpl.", "Δ public revenue", "Δ quota rents"));
        if (stockpiles) head.append(String.format(Locale.ROOT, " %17s", "Δ stockpile acct."));
        if (offtakes) head.append(String.format(Locale.ROOT, " %17s", "Δ offtake margins"));
        out.println(head.append(String.format(Locale.ROOT, " %17s", "Δ net welfare")));
        List<String> labels = new java.util.ArrayList<>(s.regionIds());
        List<Equilibrium.Welfare> accounts = new java.util.ArrayList<>();
        for (String r : s.regionIds()) accounts.add(e.welfareChange(base, r));
        labels.add("total");
        accounts.add(e.welfareChange(base));   // the world's: the regions' summed
        for (int i = 0; i < labels.size(); i++) {
            String r = labels.get(i);
            Equilibrium.Welfare v = accounts.get(i);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s %17s %17s %17s %17s", r, num(v.consumer()),
                    num(v.producer()), num(v.government()), num(v.quotaRents())));
            if (stockpiles) line.append(String.format(Locale.ROOT, " %17s", num(v.stockpile())));
            if (offtakes) line.append(String.format(Locale.ROOT, " %17s", num(v.offtakes())));
            out.println(line.append(String.format(Locale.ROOT, " %17s", num(v.total()))));
        }
        // the web page's figure (ScenarioReport's welfare_change): surplus plus public revenue net of subsidies, plus quota rents,
        // plus the stockpile agency's account where a stockpile is in either market and the offtakes' margins where a contract is
        Equilibrium.Welfare w = e.welfareChange(base);
        out.printf(Locale.ROOT, "total welfare change %s = consumer %s + producer %s + public revenue net of subsidies %s + quota rents %s%s%s%n",
                num(w.total()), num(w.consumer()), num(w.producer()), num(w.government()), num(w.quotaRents()),
                stockpiles ? " + stockpile account " + num(w.stockpile()) : "", offtakes ? " + offtake margins " + num(w.offtakes()) : "");
        out.println("(surplus in " + lodestone.market.ScenarioReport.moneyUnit(s.priceUnit(), s.quantityUnit()) + ": "
                + s.priceUnit() + " × " + s.quantityUnit() + "; levy, tariff, subsidy and rent figures above too)");
        out.println("(a region's public revenue: the duties and levies on its imports and the export taxes on its exports, less the price-gap"
                + " subsidies its producers receive; quota rents go to the exporting region)");
        if (stockpiles) {
            out.println("(stockpile account: sales − purchases at each region's price; the holdings drawn down or added are not valued)");
        }
        if (offtakes) {
            out.println("(offtake margins: a contract's volume valued at its destination's price less its origin's, shared by buyer and seller"
                    + " at the contract price; it pays no freight, duty or levy in the model)");
        }
        out.println();
        out.printf(Locale.ROOT, "solver: residual %.1e (baseline %.1e), %d pivots in %d Newton iterations%n",
                e.residual(), base.residual(), e.pivots(), e.iterations());
    }

    private static void row(PrintWriter out, String label, double b, double s) {
        out.printf(Locale.ROOT, "%-34s %14s %14s%n", label, num(b), num(s));
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "none";
        if (Double.isInfinite(v)) return v > 0 ? "unbounded" : "unbounded below";
        if (Math.abs(v) < 5e-10) return "0"; // nothing, not "0.0000"
        double a = Math.abs(v);
        if (a < 0.00005) return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).toPlainString(); // 0.000012, not 0.0000
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private void writeCsv(Scenario s, Equilibrium base, Equilibrium e) throws IOException {
        Files.createDirectories(csv);
        StringBuilder r = new StringBuilder("region,price_baseline,price_scenario,production_baseline,production_scenario,"
                + "recycled_baseline,recycled_scenario,consumption_baseline,consumption_scenario,net_imports_baseline,"
                + "net_imports_scenario,consumer_surplus_change,producer_surplus_change,public_revenue_change,quota_rent_change,"
                + "stockpile_account_change,offtake_margin_change,welfare_change\n");
        for (String id : s.regionIds()) {
            r.append(cell(id));
            for (double v : new double[]{base.price(id), e.price(id), base.production(id), e.production(id),
                    base.recycledProduction(id), e.recycledProduction(id), base.consumption(id), e.consumption(id),
                    -base.netExports(id), -e.netExports(id), e.consumerSurplusChange(base, id), e.producerSurplusChange(base, id),
                    e.welfareChange(base, id).government(), e.welfareChange(base, id).quotaRents(), e.welfareChange(base, id).stockpile(),
                    e.welfareChange(base, id).offtakes(), e.welfareChange(base, id).total()}) {
                r.append(',').append(v);
            }
            r.append('\n');
        }
        lodestone.cli.Replacement.write(csv.resolve("regions.csv"), r.toString());
        StringBuilder f = new StringBuilder("from,to,flow_baseline,flow_scenario,levy_scenario\n");
        for (String a : s.regionIds()) {
            for (String b : s.regionIds()) {
                if (a.equals(b) || (base.flow(a, b) == 0 && e.flow(a, b) == 0)) continue;
                f.append(cell(a)).append(',').append(cell(b)).append(',').append(base.flow(a, b)).append(',')
                        .append(e.flow(a, b)).append(',').append(e.levy(a, b)).append('\n');
            }
        }
        lodestone.cli.Replacement.write(csv.resolve("flows.csv"), f.toString());
        // each figure's unit in a column of its own (money: price × quantity, as the JSON's units.money), and the total welfare
        // change the table prints (Equilibrium.welfareChange), so that the accounts close from the file alone
        String money = cell(ScenarioReport.moneyUnit(s.priceUnit(), s.quantityUnit()));
        StringBuilder summary = new StringBuilder("metric,baseline,scenario,unit\n");
        java.util.function.BiConsumer<String, double[]> line = (name, v) -> summary.append(name).append(',').append(v[0]).append(',')
                .append(v[1]).append(',').append(money).append('\n');
        line.accept("levy_revenue", new double[]{base.levyRevenue(), e.levyRevenue()});
        line.accept("tariff_revenue", new double[]{base.tariffRevenue(), e.tariffRevenue()});
        line.accept("subsidy_outlay", new double[]{base.subsidyOutlay(), e.subsidyOutlay()});
        line.accept("export_tax_revenue", new double[]{base.exportTaxRevenue(), e.exportTaxRevenue()});
        line.accept("quota_rents", new double[]{base.quotaRents(), e.quotaRents()});
        line.accept("offtake_transfers", new double[]{base.offtakeTransfers(), e.offtakeTransfers()});
        if (base.hasStockpiles() || e.hasStockpiles()) {
            line.accept("stock_sales", new double[]{base.stockSales(), e.stockSales()});
            line.accept("stock_purchases", new double[]{base.stockPurchases(), e.stockPurchases()});
        }
        summary.append("hhi,").append(base.hhi()).append(',').append(e.hhi()).append(",\n");
        summary.append("non_member_share_of_club_supply,").append(base.nonMemberShareOfSupply(s.club())).append(',')
                .append(e.nonMemberShareOfSupply(s.club())).append(",share\n");
        summary.append("welfare_change,,").append(e.welfareChange(base).total()).append(',').append(money).append('\n');
        summary.append("residual,").append(base.residual()).append(',').append(e.residual()).append(",\n");
        summary.append("pivots,").append(base.pivots()).append(',').append(e.pivots()).append(",\n");
        lodestone.cli.Replacement.write(csv.resolve("summary.csv"), summary.toString());
    }

    /** A text cell safe against CSV formula injection (OWASP): quoted, and a leading =, +, -, @ neutralised. */
    static String cell(String v) {
        String t = v;
        if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) t = "'" + t;
        return "\"" + t.replace("\"", "\"\"") + "\"";
    }
}
