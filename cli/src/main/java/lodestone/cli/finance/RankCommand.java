package lodestone.cli.finance;

import lodestone.finance.Reports;
import lodestone.finance.policy.Ranking;
import lodestone.finance.projects.Market;
import lodestone.finance.projects.Registry;
import lodestone.regime.Regime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lodestone rank MARKET}: priority ranking by supply-risk reduction per dollar of expected support. */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = {"Ranks the registry's new projects of a market by supply-risk reduction per million USD of expected public "
                + "support. Risk: the club's consumption shortfall under a Chinese export ban (market engine); a project's reduction: how "
                + "much of it its capacity closes; support: the expected fiscal cost of a 10-year floor at its breakeven price "
                + "(docs/valuation.md). The inputs are shown."},
        footer = {"", "Examples:", "  lodestone rank ndpr", "  lodestone rank lce --json"})
public final class RankCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MARKET")
    String market;
    @Option(names = "--seed", paramLabel = "S", description = "Seed of the support simulation (default 1).")
    long seed = 1;
    @CommandLine.Mixin
    ProjectsCommand.Common common;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Registry r = FinanceCli.registry(common.projects);
        Market m = r.requireMarket(market);
        spec.commandLine().getErr().println("solving the " + m.scenario() + " market under a Chinese export ban with each project…");
        spec.commandLine().getErr().flush();
        Ranking.Result res = Ranking.rank(r, m, Regime.bundled(), seed);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            FinanceCli.json(out, Reports.ranking(res));
            return 0;
        }
        out.printf(Locale.ROOT, "%s: club %s consumes %s t/yr; a Chinese export ban cuts that by %s t/yr (the risk metric)%n%n", m.id(), res.club(),
                FinanceCli.n(res.clubConsumption()), FinanceCli.n(res.shortfall()));
        out.printf(Locale.ROOT, "%4s %-22s %-5s %10s %12s %12s %14s %16s %14s %12s%n", "rank", "project", "reg", "new t/yr", "cost " + m.priceUnit(),
                "breakeven", "reduction t/yr", "support M$ (PV)", "t/yr per M$", "public M$");
        for (Ranking.Row x : res.rows()) {
            out.printf(Locale.ROOT, "%4d %-22s %-5s %10s %12s %12s %14s %16s %14s %12s%n", x.rank(), x.project(), x.region(), FinanceCli.n(x.newCapacity()),
                    FinanceCli.n(x.levelisedCost()), FinanceCli.n(x.breakeven()), FinanceCli.n(x.riskReduction()),
                    FinanceCli.n(x.expectedSupport()) + " ± " + FinanceCli.n(x.expectedSupportSe()),
                    Double.isFinite(x.perMillion()) ? FinanceCli.n(x.perMillion()) : "no support", FinanceCli.n(x.publicFinancing()));
        }
        out.flush();
        return 0;
    }
}
