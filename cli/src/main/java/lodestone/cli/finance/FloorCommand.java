package lodestone.cli.finance;

import lodestone.finance.Reports;
import lodestone.finance.policy.FloorSetting;
import lodestone.finance.projects.Market;
import lodestone.finance.projects.Registry;
import lodestone.regime.Regime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lodestone floor MARKET --method …}: floor-setting methods side by side. */
@Command(name = "floor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sets a price floor for a market by one or more methods and compares them side by side: the floor, the club "
                + "supply it brings in the market engine (a variable-levy floor for the market's club), the levy revenue per year and "
                + "the expected fiscal cost of a two-way CfD at that strike to the registry's new projects (docs/valuation.md).",
                "MARKET is a market id of the registry (ndpr, lce, gallium, …)."},
        footer = {"", "Examples:", "  lodestone floor ndpr --method percentile:75 --method marginal:8000 --method band:5:0.2",
                "  lodestone floor lce --method percentile:90 --json"})
public final class FloorCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MARKET")
    String market;
    @Option(names = "--method", paramLabel = "METHOD", description = "percentile:P | marginal:TARGET | band:WINDOW:BAND (repeatable; default all three: percentile:75, marginal:(half the new capacity), band:5:0.2).")
    List<String> methods = new ArrayList<>();
    @Option(names = "--seed", paramLabel = "S", description = "Seed of the CfD cost simulation (default 1).")
    long seed = 1;
    @CommandLine.Mixin
    ProjectsCommand.Common common;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String m : methods) FloorSetting.check(m);
        Registry r = FinanceCli.registry(common.projects);
        Market m = r.requireMarket(market);
        List<String> ms = methods.isEmpty() ? FloorSetting.defaultMethods(r, m) : methods;
        PrintWriter err = spec.commandLine().getErr();
        if (m.scenario() != null) err.println("solving the " + m.scenario() + " market with each floor and valuing the CfDs…");
        err.flush();
        FloorSetting.Comparison c = FloorSetting.compare(r, m, ms, Regime.bundled(), seed);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            FinanceCli.json(out, Reports.floors(c));
            return 0;
        }
        String unit = m.priceUnit();
        out.printf(Locale.ROOT, "%s floor (%s) for the club %s; baseline club production %s t/yr%n%n", m.id(), unit, FinanceCli.list(c.club()),
                FinanceCli.qty(c.baselineClubProduction()));
        FinanceCli.Table t = new FinanceCli.Table("LRRRR", "method", "floor, " + unit, "supply added, t/yr", "levy revenue, USD M/yr", "CfD cost (PV) ± SE, USD M");
        for (FloorSetting.Row row : c.rows()) {
            t.row(row.method(), FinanceCli.price(row.floor()), FinanceCli.qty(row.supplyBrought()), FinanceCli.money(row.levyRevenuePerYear()),
                    FinanceCli.moneyPm(row.cfdFiscalCostPv(), row.cfdFiscalCostSe()));
        }
        t.print(out, "");
        out.println("(a negative CfD cost is money the projects pay back: the market price is expected above the floor)");
        out.println("Money: USD million, " + lodestone.finance.projects.ProjectValuation.MONEY_BASIS + ".");
        out.println("CfD cost basis: " + c.cfdBasis());
        if (c.note() != null) out.println("Note: " + c.note() + ".");
        out.println();
        for (FloorSetting.Row row : c.rows()) {
            out.println(row.method() + ": " + row.rationale());
            for (String in : row.inputs()) out.println("    " + in);
        }
        out.flush();
        return 0;
    }
}
