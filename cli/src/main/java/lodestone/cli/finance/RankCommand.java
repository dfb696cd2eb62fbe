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
        if (m.scenario() != null) spec.commandLine().getErr().println("solving the " + m.scenario() + " market under a Chinese export ban with each project…");
        spec.commandLine().getErr().flush();
        Ranking.Result res = Ranking.rank(r, m, Regime.bundled(), seed);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            FinanceCli.json(out, Reports.ranking(res));
            return 0;
        }
        out.printf(Locale.ROOT, "%s: club %s consumes %s t/yr; a Chinese export ban cuts that by %s t/yr (the risk metric)%n%n", m.id(),
                FinanceCli.list(res.club()), FinanceCli.qty(res.clubConsumption()), FinanceCli.qty(res.shortfall()));
        FinanceCli.Table t = new FinanceCli.Table("RLLRRRRRRR", "rank", "project", "region", "new capacity, t/yr", "cost, " + m.priceUnit(),
                "breakeven, " + m.priceUnit(), "risk reduction, t/yr", "support (PV) ± SE, USD M", "t/yr per USD M", "public financing, USD M");
        for (Ranking.Row x : res.rows()) {
            t.row(String.valueOf(x.rank()), x.project(), x.region(), FinanceCli.qty(x.newCapacity()), FinanceCli.price(x.levelisedCost()),
                    !x.paysBack() ? "none (no price pays back)" : Double.isNaN(x.breakeven()) ? "any price (none needed)"
                            : FinanceCli.price(x.breakeven()), FinanceCli.qty(x.riskReduction()),
                    x.paysBack() ? FinanceCli.moneyPm(x.expectedSupport(), x.expectedSupportSe()) : "no floor makes it bankable",
                    !x.paysBack() ? "–" : Double.isFinite(x.perMillion()) ? FinanceCli.qty(x.perMillion()) : "no support needed",
                    FinanceCli.money(x.publicFinancing()));
        }
        t.print(out, "");
        out.println();
        if (res.rows().stream().allMatch(x -> x.riskReduction() == 0)) {
            // every risk reduction 0: the order says nothing about risk (reported: lce ranked on an all-zero metric without a word)
            out.println("note: a Chinese export ban cuts the club's consumption by " + FinanceCli.qty(res.shortfall()) + " t/yr in this market"
                    + " and no project reduces that, so every risk reduction (and t/yr per USD M) is 0: the order ranks nothing on risk");
            out.println();
        }
        out.println("Support basis: " + res.supportBasis());
        out.println("Money: USD million, " + lodestone.finance.projects.ProjectValuation.MONEY_BASIS + ".");
        out.flush();
        return 0;
    }
}
