package lodestone.cli.finance;

import lodestone.finance.Reports;
import lodestone.finance.projects.Market;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.ProjectValuation;
import lodestone.finance.projects.Registry;
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
                "", "Exit codes: 0 valued; 2 bad input (the option or file:line named; nothing runs)."})
public final class ValueCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT")
    String id;
    @Option(names = "--floor", paramLabel = "PRICE", description = "A price floor (top-up of max(K − P, 0) per unit).")
    String floor;
    @Option(names = "--upside-share", paramLabel = "S", description = "With --floor: share of the upside above the floor returned (0–1).")
    Double upsideShare;
    @Option(names = "--ebitda-floor", paramLabel = "M", description = "With --floor: an EBITDA floor (million USD per year).")
    Double ebitdaFloor;
    @Option(names = "--cfd", paramLabel = "STRIKE", description = "A two-way contract for difference at STRIKE.")
    String cfd;
    @Option(names = "--offtake", paramLabel = "PRICE:VOLUME", description = "An offtake of VOLUME t/yr at a fixed PRICE.")
    String offtake;
    @Option(names = "--support-years", paramLabel = "N", description = "Years of support from first production (default 10; 0 = whole life).")
    int supportYears = 10;
    @Option(names = "--paths", paramLabel = "N", description = "Monte Carlo paths (default 100000).")
    long paths = 100_000;
    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 1); the same seed gives the same answer on any number of threads.")
    long seed = 1;
    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: all processors).")
    int threads = 0;
    @Option(names = "--dscr", paramLabel = "X", description = "Target DSCR for debt capacity (default 1.3).")
    double dscr = 1.3;
    @CommandLine.Mixin
    ProjectsCommand.Common common;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(dscr > 0)) throw new IllegalArgumentException("--dscr: " + dscr + " must be > 0 (a DSCR target of 1.3 means cash flow 30 % above debt service)");
        if (paths < 1 || paths > 100_000_000L) throw new IllegalArgumentException("--paths: " + paths + " must be between 1 and 100,000,000");
        if (threads < 0) throw new IllegalArgumentException("--threads: must be ≥ 0");
        Registry r = FinanceCli.registry(common.projects);
        Project p = r.require(id);
        Market m = r.marketOf(p);
        Support asked = ProjectValuation.requested(m, floor, upsideShare, ebitdaFloor, cfd, offtake, supportYears);
        Support s = asked != null ? asked : ProjectValuation.statedSupport(p);
        Economics e = ProjectValuation.economics(p, m);
        PrintWriter err = spec.commandLine().getErr();
        Valuation.Options o = new Valuation.Options(paths, seed, threads, dscr, null);
        if (paths >= 200_000) {
            long step = Math.max(Valuation.BLOCK, paths / 10 / Valuation.BLOCK * Valuation.BLOCK);
            long[] next = {step};
            o = o.withProgress(done -> {
                if (done >= next[0] || done == paths) {
                    err.printf(Locale.ROOT, "\rvaluing %s: %,d of %,d paths (%.0f %%)", id, done, paths, 100.0 * done / paths);
                    err.flush();
                    next[0] += step;
                }
            });
        }
        ValuationResult res = Valuation.run(e, m.process(), s, o);
        if (paths >= 200_000) err.println();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            FinanceCli.json(out, Reports.valuation(res, m.priceUnit()));
            return 0;
        }
        print(out, p, m, res);
        return 0;
    }

    static void print(PrintWriter out, Project p, Market m, ValuationResult r) {
        out.printf(Locale.ROOT, "%s — %s%n", p.id(), p.name());
        out.printf(Locale.ROOT, "support: %s; price: %s (%s)%n", r.support(), r.process(), m.priceUnit());
        out.printf(Locale.ROOT, "%,d paths × %d years, seed %d, %d threads, %d ms; money in million USD%n%n", r.paths(), r.years(), r.seed(), r.threads(), r.elapsedMillis());
        out.printf(Locale.ROOT, "%-34s %26s %26s%n", "", "with support", "without");
        row(out, "NPV mean (± SE)", FinanceCli.n(r.npvWith().mean()) + " ± " + FinanceCli.n(r.npvWith().standardError()),
                FinanceCli.n(r.npvWithout().mean()) + " ± " + FinanceCli.n(r.npvWithout().standardError()));
        row(out, "NPV P10 / P50 / P90", FinanceCli.n(r.npvWith().p10()) + " / " + FinanceCli.n(r.npvWith().p50()) + " / " + FinanceCli.n(r.npvWith().p90()),
                FinanceCli.n(r.npvWithout().p10()) + " / " + FinanceCli.n(r.npvWithout().p50()) + " / " + FinanceCli.n(r.npvWithout().p90()));
        row(out, "IRR P10 / P50 / P90", FinanceCli.pct(r.irrWith().p10()) + " / " + FinanceCli.pct(r.irrWith().p50()) + " / " + FinanceCli.pct(r.irrWith().p90()),
                FinanceCli.pct(r.irrWithout().p10()) + " / " + FinanceCli.pct(r.irrWithout().p50()) + " / " + FinanceCli.pct(r.irrWithout().p90()));
        row(out, "paths without an IRR", String.valueOf(r.irrUndefinedWith()), String.valueOf(r.irrUndefinedWithout()));
        row(out, "probability of loss (NPV < 0)", FinanceCli.pct(r.probabilityOfLossWith()), FinanceCli.pct(r.probabilityOfLossWithout()));
        row(out, "breakeven flat price", FinanceCli.n(r.breakevenPriceWith()), FinanceCli.n(r.breakevenPriceWithout()));
        row(out, "payback year (median)", FinanceCli.n(r.paybackWith().medianYear()), FinanceCli.n(r.paybackWithout().medianYear()));
        row(out, "never pays back", FinanceCli.pct(r.paybackWith().probabilityNever()), FinanceCli.pct(r.paybackWithout().probabilityNever()));
        row(out, "NPV on the forward curve", FinanceCli.n(r.forwardCase().npvWith()), FinanceCli.n(r.forwardCase().npvWithout()));
        row(out, "debt capacity @DSCR " + FinanceCli.n(r.debtCapacity().targetDscr()) + " (mean)", FinanceCli.n(r.debtCapacity().onMeanWith()),
                FinanceCli.n(r.debtCapacity().onMeanWithout()));
        row(out, "debt capacity (P10 CFADS case)", FinanceCli.n(r.debtCapacity().onP10With()), FinanceCli.n(r.debtCapacity().onP10Without()));
        if (Double.isFinite(r.dscr().meanOfMin())) {
            out.printf(Locale.ROOT, "%nDSCR under support: min %s on average (P10 %s), average %s; P(min < 1) %s%n", FinanceCli.n(r.dscr().meanOfMin()),
                    FinanceCli.n(r.dscr().p10OfMin()), FinanceCli.n(r.dscr().meanOfAverage()), FinanceCli.pct(r.dscr().probabilityMinBelowOne()));
        }
        out.printf(Locale.ROOT, "%nsupport's value to the project (NPV with − without): %s ± %s%n", FinanceCli.n(r.supportValue().mean()),
                FinanceCli.n(r.supportValue().standardError()));
        out.printf(Locale.ROOT, "expected fiscal cost (PV of top-ups at %s %%):        %s ± %s%n", FinanceCli.n(100 * ProjectValuation.PUBLIC_DISCOUNT_RATE),
                FinanceCli.n(r.fiscalCost().mean()), FinanceCli.n(r.fiscalCost().standardError()));
        out.println("(quantiles within 0.1 % of the exact order statistic; ± is one standard error)");
        out.flush();
    }

    private static void row(PrintWriter out, String label, String a, String b) {
        out.printf(Locale.ROOT, "%-34s %26s %26s%n", label, a, b);
    }
}
