package lodestone.cli.finance;

import lodestone.finance.Reports;
import lodestone.finance.projects.FloorSweep;
import lodestone.finance.projects.Market;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.ProjectValuation;
import lodestone.finance.projects.Registry;
import lodestone.finance.valuation.CashFlows;
import lodestone.finance.valuation.Economics;
import lodestone.finance.valuation.Support;
import lodestone.finance.valuation.Valuation;
import lodestone.finance.valuation.ValuationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lodestone value PROJECT}: Monte Carlo DCF with and without a support structure. */
@Command(name = "value", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Values a registry project by DCF on Monte Carlo price paths (the market's log-OU or GBM process with "
                + "export-control jumps; docs/valuation.md), with and without a support structure on the same paths: NPV and IRR "
                + "(mean, P10/P50/P90), probability of loss, breakeven price, payback, DSCR and debt capacity at a target DSCR, and the "
                + "support's value to the project beside its expected fiscal cost.",
                "Support: the project's own (as its file states) unless one of --floor, --cfd, --offtake is given. Prices are in the "
                        + "market's unit (e.g. USD/kg for NdPr); a unit may be written (110USD/kg) and a different one is refused."},
        footer = {"", "Examples:", "  lodestone value mp-mountain-pass", "  lodestone value arafura-nolans --floor 110 --upside-share 0.3",
                "  lodestone value thacker-pass --cfd 15000 --paths 200000 --seed 7 --json", "  lodestone value iluka-eneabba --offtake 90:2000",
                "  lodestone value nyrstar-clarksville-germanium --floor 2000 --floor 2500 --floor 3000 --support-years 10 --support-years 11",
                "", "Exit codes: 0 valued; 2 the registry file (--projects) refused, every problem at its file:line, a bad option or an unknown"
                        + " project (named), and nothing runs; 3 a registry file or folder that does not exist or cannot be read.",
                lodestone.cli.Failures.EXIT_CODES})
public final class ValueCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT")
    String id;
    @Option(names = "--floor", paramLabel = "PRICE", description = "A price floor (top-up of max(K − P, 0) per unit). Repeat it for a floor "
            + "sweep (--floor 2000 --floor 2500, at most " + FloorSweep.MAX_LEVELS + "): every level valued on the same paths, a row each.")
    List<String> floors;
    String floor;
    @Option(names = "--upside-share", paramLabel = "S", description = "With --floor: share of the upside above the floor returned (0–1).")
    Double upsideShare;
    @Option(names = "--ebitda-floor", paramLabel = "M", description = "With --floor: an EBITDA floor (million USD per year).")
    Double ebitdaFloor;
    @Option(names = "--cfd", paramLabel = "STRIKE", description = "A two-way contract for difference at STRIKE.")
    String cfd;
    @Option(names = "--offtake", paramLabel = "PRICE:VOLUME", description = "An offtake of VOLUME t/yr at a fixed PRICE.")
    String offtake;
    @Option(names = "--support-years", paramLabel = "N", description = "With --floor, --cfd or --offtake: years of support from first production "
            + "(default 10; 0 = whole life). Repeat it with --floor for a sweep over terms too (at most " + FloorSweep.MAX_TERMS + ").")
    List<Integer> supportYearsList;
    Integer supportYears;
    @Option(names = "--paths", paramLabel = "N", description = "Monte Carlo paths (default 100000).")
    long paths = 100_000;
    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 1); the same seed gives the same answer on any number of threads.")
    long seed = 1;
    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: all processors).")
    int threads = Runtime.getRuntime().availableProcessors();
    @Option(names = "--dscr", paramLabel = "X", description = "Target DSCR for debt capacity (default 1.3).")
    double dscr = 1.3;
    @CommandLine.Mixin
    ProjectsCommand.Common common;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        floor = floors == null || floors.isEmpty() ? null : floors.get(0);
        supportYears = supportYearsList == null || supportYearsList.isEmpty() ? null : supportYearsList.get(0);
        if (supportYearsList != null && supportYearsList.size() > 1 && floor == null) {
            throw new IllegalArgumentException("--support-years: several terms go with --floor (a floor sweep); --cfd and --offtake take one");
        }
        boolean sweep = floors != null && floors.size() > 1 || supportYearsList != null && supportYearsList.size() > 1;
        if (!(dscr > 0)) throw new IllegalArgumentException("--dscr: " + dscr + " must be > 0 (a DSCR target of 1.3 means cash flow 30 % above debt service)");
        if (paths < 1 || paths > 100_000_000L) throw new IllegalArgumentException("--paths: " + paths + " must be between 1 and 100,000,000");
        if (threads < 1 || threads > lodestone.market.MonteCarlo.MAX_THREADS) {
            throw new IllegalArgumentException("--threads: expected a number from 1 to " + lodestone.market.MonteCarlo.MAX_THREADS + ", found " + threads);
        }
        // the term of a support asked for here: the project's stated support has its own (reported: it was ignored without a word)
        if (supportYears != null && floor == null && cfd == null && offtake == null) {
            throw new IllegalArgumentException("--support-years goes with --floor, --cfd or --offtake (a project's stated support has its own term)");
        }
        Registry r = FinanceCli.registry(common.projects);
        Project p = r.require(id);
        String outside = ProjectValuation.outsideWindow(p);
        if (outside != null) throw new IllegalArgumentException(outside);
        Market m = r.marketOf(p);
        Support asked = ProjectValuation.requested(m, floor, upsideShare, ebitdaFloor, cfd, offtake, supportYears == null ? 10 : supportYears);
        if (sweep) return sweep(r, p, m);
        Support s = asked != null ? asked : ProjectValuation.statedSupport(p);
        Economics e = ProjectValuation.economics(p, m);
        PrintWriter err = spec.commandLine().getErr();
        Valuation.Options o = new Valuation.Options(paths, seed, threads, dscr, null);
        boolean tty = lodestone.cli.Terminal.isInteractive(); // redrawn in place on a terminal, a line a tenth elsewhere
        if (paths >= 200_000) {
            long step = Math.max(Valuation.BLOCK, paths / 10 / Valuation.BLOCK * Valuation.BLOCK);
            long[] next = {step};
            o = o.withProgress(done -> {
                if (done >= next[0] || done == paths) {
                    err.printf(Locale.ROOT, (tty ? "\r" : "") + "valuing %s: %,d of %,d paths (%.0f %%)" + (tty ? "" : "%n"), id, done, paths,
                            100.0 * done / paths);
                    err.flush();
                    next[0] += step;
                }
            });
        }
        // a figure that may be in another price unit (2.2046× off passes the refusal of 100×): said, not refused; and too few
        // paths for the quantiles and errors shown (1 path, as montecarlo says of one draw; fewer than 100)
        List<String> unitWarnings = new java.util.ArrayList<>(ProjectValuation.pathWarnings(paths, m.process()));
        unitWarnings.addAll(r.unitWarnings(p));
        unitWarnings.addAll(ProjectValuation.supportWarnings(e, s)); // a support that ends before the debt is repaid
        for (String w : unitWarnings) err.println("warning: " + w);
        err.flush();
        ValuationResult res = Valuation.run(e, m.process(), s, o);
        if (paths >= 200_000 && tty) err.println();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            FinanceCli.json(out, Reports.valuation(res, m.priceUnit(), p, unitWarnings));
            return 0;
        }
        print(out, p, m, res, e, s);
        return 0;
    }

    /**
     * A floor sweep (several --floor, or several --support-years with a floor): {@link FloorSweep} runs the valuation once per
     * level and term with this command's options (the same seed: the same paths), and a table gives a row each.
     */
    private int sweep(Registry r, Project p, Market m) {
        List<Double> levels = FloorSweep.levels(m, floors, "--floor");
        List<Integer> terms = FloorSweep.terms(supportYearsList, "--support-years");
        FloorSweep.checkRows(levels.size(), terms.size(), "--floor and --support-years");
        Economics e = ProjectValuation.economics(p, m);
        PrintWriter err = spec.commandLine().getErr();
        for (String w : ProjectValuation.pathWarnings(paths, m.process())) err.println("warning: " + w);
        for (String w : r.unitWarnings(p)) err.println("warning: " + w);
        int n = levels.size() * terms.size();
        err.printf(Locale.ROOT, "valuing %s at %d floors (%s paths each, seed %d: the same paths for every floor)%n", id, n, FinanceCli.count(paths), seed);
        err.flush();
        List<FloorSweep.Row> rows = FloorSweep.run(e, m.process(), levels, terms, upsideShare, ebitdaFloor, new Valuation.Options(paths, seed, threads, dscr, null),
                i -> {
                    if (paths >= 200_000) {
                        err.printf(Locale.ROOT, "  %d of %d%n", i + 1, n);
                        err.flush();
                    }
                });
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            FinanceCli.json(out, Reports.sweep(rows, m.id(), m.priceUnit(), p, withPathWarnings(paths, m.process(), r.unitWarnings(p))));
            return 0;
        }
        printSweep(out, p, m, rows);
        return 0;
    }

    static void printSweep(PrintWriter out, Project p, Market m, List<FloorSweep.Row> rows) {
        String unit = m.priceUnit();
        ValuationResult first = rows.get(0).result();
        boolean debt = Double.isFinite(first.dscr().meanOfMin());
        out.printf(Locale.ROOT, "%s — %s: floor sweep%n", p.id(), p.name());
        out.printf(Locale.ROOT, "price: %s (%s)%n", first.process(), unit);
        out.printf(Locale.ROOT, "%s paths × %d years (%d–%d), seed %d: the same paths at every level (common random numbers); money in USD million, %s%n%n",
                FinanceCli.count(first.paths()), first.years(), ProjectValuation.VALUATION_YEAR, ProjectValuation.VALUATION_YEAR + first.years() - 1,
                first.seed(), ProjectValuation.MONEY_BASIS);
        List<String> head = new java.util.ArrayList<>(List.of("floor, " + unit, "years", "NPV mean ± SE", "P(loss)"));
        if (debt) head.addAll(List.of("min DSCR mean", "min DSCR P10", "P(min DSCR < 1.00×)"));
        head.add("fiscal cost ± SE");
        if (debt) head.add("debt outlasts support"); // the warning is of a support ending before the debt is repaid
        FinanceCli.Table t = new FinanceCli.Table("RRRR" + (debt ? "RRRRL" : "R"), head.toArray(String[]::new));
        t.row(cells(debt, "none", "", FinanceCli.moneyPm(first.npvWithout().mean(), first.npvWithout().standardError()),
                FinanceCli.pctPm(first.probabilityOfLossWithout(), first.paths()), "", "", "", "", ""));
        for (FloorSweep.Row row : rows) {
            ValuationResult r = row.result();
            t.row(cells(debt, FinanceCli.price(row.floor()), row.supportYears() == 0 ? "life" : String.valueOf(row.supportYears()),
                    FinanceCli.moneyPm(r.npvWith().mean(), r.npvWith().standardError()), FinanceCli.pctPm(r.probabilityOfLossWith(), r.paths()),
                    FinanceCli.ratio(r.dscr().meanOfMin()), FinanceCli.ratio(r.dscr().p10OfMin()), FinanceCli.pctPm(r.dscr().probabilityMinBelowOne(), r.paths()),
                    FinanceCli.moneyPm(r.fiscalCost().mean(), r.fiscalCost().standardError()), row.warnings().isEmpty() ? "" : "yes (below)"));
        }
        t.print(out, "");
        out.println("(the first row is the project without support; fiscal cost: PV of the top-ups at "
                + FinanceCli.exactPct(ProjectValuation.PUBLIC_DISCOUNT_RATE) + "; ± is one standard error" + (debt ? "" : "; DSCR: none, the project has no debt service") + ")");
        // a warning depends on the term alone: said once, with the levels it is for
        java.util.Map<String, List<String>> at = new java.util.LinkedHashMap<>();
        for (FloorSweep.Row row : rows) {
            for (String w : row.warnings()) at.computeIfAbsent(w, k -> new java.util.ArrayList<>()).add(FinanceCli.price(row.floor()));
        }
        at.forEach((w, levels) -> out.println("warning at " + FinanceCli.list(levels) + " " + unit + ": " + w));
        out.flush();
    }

    /** The warnings of too few paths first (ProjectValuation.pathWarnings), then {@code others}. */
    static List<String> withPathWarnings(long paths, lodestone.finance.valuation.PriceProcess process, List<String> others) {
        List<String> w = new java.util.ArrayList<>(ProjectValuation.pathWarnings(paths, process));
        w.addAll(others);
        return w;
    }

    /** A row's cells, the three DSCR cells and the warning's left out without debt. */
    private static String[] cells(boolean debt, String floor, String years, String npv, String loss, String dMean, String dP10, String dBelow,
                                  String cost, String warn) {
        return debt ? new String[]{floor, years, npv, loss, dMean, dP10, dBelow, cost, warn} : new String[]{floor, years, npv, loss, cost};
    }

    static void print(PrintWriter out, Project p, Market m, ValuationResult r, Economics e, Support s) {
        String unit = m.priceUnit();
        out.printf(Locale.ROOT, "%s — %s%n", p.id(), p.name());
        out.printf(Locale.ROOT, "support: %s; price: %s (%s)%n", r.support(), r.process(), unit);
        int first = ProjectValuation.VALUATION_YEAR, last = first + r.years() - 1;
        String after = ProjectValuation.afterProduction(p);
        out.printf(Locale.ROOT, "%s paths × %d years (%d–%d, to the last year of production %d%s), seed %d, %d %s, %s ms; money in USD million (USD M), %s%n%n",
                FinanceCli.count(r.paths()), r.years(), first, last, ProjectValuation.lastYear(p), after.isEmpty() ? "" : "; " + after, r.seed(), r.threads(),
                r.threads() == 1 ? "thread" : "threads", // "1 threads" was printed
                FinanceCli.count(r.elapsedMillis()), ProjectValuation.MONEY_BASIS);
        FinanceCli.Table t = new FinanceCli.Table("LRR", "", "with support", "without");
        t.row("NPV mean ± SE, USD M", FinanceCli.moneyPm(r.npvWith().mean(), r.npvWith().standardError()),
                FinanceCli.moneyPm(r.npvWithout().mean(), r.npvWithout().standardError()));
        t.row("NPV P10 / P50 / P90, USD M", quantiles(r.npvWith().p10(), r.npvWith().p50(), r.npvWith().p90(), FinanceCli::money),
                quantiles(r.npvWithout().p10(), r.npvWithout().p50(), r.npvWithout().p90(), FinanceCli::money));
        t.row("IRR P10 / P50 / P90", quantiles(r.irrWith().p10(), r.irrWith().p50(), r.irrWith().p90(), FinanceCli::pct),
                quantiles(r.irrWithout().p10(), r.irrWithout().p50(), r.irrWithout().p90(), FinanceCli::pct));
        t.row("paths without an IRR", pathsOf(r.irrUndefinedWith(), r.paths()), pathsOf(r.irrUndefinedWithout(), r.paths()));
        t.row("probability of loss (NPV < 0)", FinanceCli.pctPm(r.probabilityOfLossWith(), r.paths()), FinanceCli.pctPm(r.probabilityOfLossWithout(), r.paths()));
        t.row("breakeven flat price, " + unit, breakeven(r.breakevenPriceWith(), e, s), breakeven(r.breakevenPriceWithout(), e, new Support.None()));
        t.row("payback year (median)", payback(r.paybackWith()), payback(r.paybackWithout()));
        t.row("never pays back", FinanceCli.pctPm(r.paybackWith().probabilityNever(), r.paths()), FinanceCli.pctPm(r.paybackWithout().probabilityNever(), r.paths()));
        t.row("NPV on the forward curve, USD M", FinanceCli.money(r.forwardCase().npvWith()), FinanceCli.money(r.forwardCase().npvWithout()));
        // the tenor and rate the capacity is sized at: the project's debt's (its real rate), or 10 years at 8 % without one
        ValuationResult.DebtCapacity dc = r.debtCapacity();
        t.row("debt capacity at DSCR " + FinanceCli.ratio(dc.targetDscr()) + ", " + dc.tenor() + " years at " + FinanceCli.pct(dc.realRate())
                        + (e.debt() == null ? " (no debt stated)" : dc.inflation() != 0 ? " real" : "") + " (mean CFADS), USD M",
                FinanceCli.money(r.debtCapacity().onMeanWith()), FinanceCli.money(r.debtCapacity().onMeanWithout()));
        t.row("debt capacity (P10 CFADS), USD M", FinanceCli.money(r.debtCapacity().onP10With()), FinanceCli.money(r.debtCapacity().onP10Without()));
        t.print(out, "");
        if (Double.isFinite(r.dscr().meanOfMin())) {
            out.printf(Locale.ROOT, "%nDSCR%s: minimum %s on average (P10 %s), average %s; P(minimum < 1.00×) %s%n",
                    s instanceof Support.None ? "" : " under support", FinanceCli.ratio(r.dscr().meanOfMin()), FinanceCli.ratio(r.dscr().p10OfMin()), FinanceCli.ratio(r.dscr().meanOfAverage()),
                    FinanceCli.pctPm(r.dscr().probabilityMinBelowOne(), r.paths()));
        } else {
            out.printf(Locale.ROOT, "%nDSCR: none (the project has no debt service)%n");
        }
        out.println();
        boolean none = s instanceof Support.None;
        new FinanceCli.Table("LR", "", "")
                .row("support's value to the project (NPV with − without), USD M",
                        none ? "none (no support)" : FinanceCli.moneyPm(r.supportValue().mean(), r.supportValue().standardError()))
                .row("expected fiscal cost (PV of top-ups at " + FinanceCli.exactPct(ProjectValuation.PUBLIC_DISCOUNT_RATE) + "), USD M",
                        none ? "none (no support)" : FinanceCli.moneyPm(r.fiscalCost().mean(), r.fiscalCost().standardError()))
                .printBody(out, "");
        out.println("(quantiles within 0.1 % of the exact order statistic; ± is one standard error of the sampling, in points for a "
                + "probability; a bound at 95 % where no path or every path gave it)");
        double fx = p.usdPerUnit() == null ? 1 : p.usdPerUnit().value();
        if (p.closure() != null) {
            Project.Closure c = p.closure();
            out.println("Closure and rehabilitation: " + FinanceCli.money(c.cost().value() * fx) + " USD M in "
                    + (c.years() == 1 ? String.valueOf(c.startYear()) : c.startYear() + "–" + c.lastYear() + ", " + FinanceCli.money(c.cost().value() * fx / c.years()) + " a year")
                    + (c.startYearStated() ? "" : " (the year after the last of production)") + ", deducted from taxable income when paid");
        }
        if (p.workingCapital() != null) {
            Project.WorkingCapital w = p.workingCapital();
            out.println("Working capital: receivables " + days(w.receivablesDays()) + " of revenue, inventory " + days(w.inventoryDays())
                    + " and payables " + days(w.payablesDays()) + " of cash costs (of 365); built up with production, released in "
                    + (ProjectValuation.lastYear(p) + 1));
        }
        if (p.midYear()) out.println("Discounting: mid-year (each year's flows at its middle, (1 + r)^−(t − ½))");
        out.println("Not modelled: " + ProjectValuation.notModelled(p));
        out.flush();
    }

    private static String days(lodestone.finance.projects.Figure f) {
        return (f == null ? "0" : FinanceCli.exact(f.value())) + " days";
    }

    private static String quantiles(double p10, double p50, double p90, java.util.function.DoubleFunction<String> f) {
        return f.apply(p10) + " / " + f.apply(p50) + " / " + f.apply(p90);
    }

    /** A count of paths with its share: "1,844 (92.2 %)", or "0". */
    private static String pathsOf(long n, long paths) {
        return n == 0 ? "0" : FinanceCli.count(n) + " (" + FinanceCli.pct((double) n / paths) + ")";
    }

    /**
     * The breakeven flat price; where there is none (NaN, {@link Valuation#breakeven}), which of its two reasons: the NPV is
     * already ≥ 0 at a zero price (the support alone pays), or no price makes it ≥ 0.
     */
    private static String breakeven(double p, Economics e, Support s) {
        if (!Double.isNaN(p)) return FinanceCli.price(p);
        return new CashFlows(e, s).evaluate(new double[e.years()]) >= 0 ? "any price (NPV ≥ 0 at 0)" : "none (no price pays back)";
    }

    /**
     * The median payback year. Payback years are whole years (the quantile sketch returns them within 0.1 %, e.g. 9.99
     * for 10), so the median is shown as a year; 0 is a project whose cumulative cash flow is never negative.
     */
    private static String payback(ValuationResult.Payback pb) {
        double y = pb.medianYear();
        if (Double.isNaN(y)) return "none (never pays back)";
        long year = Math.round(y);
        // year 1 is 2026: "year 9" alone read as nine years from first production (Nolans produces from 2028)
        return year == 0 ? "none needed (never negative)" : "year " + year + " (" + (ProjectValuation.VALUATION_YEAR - 1 + year) + ")";
    }
}
