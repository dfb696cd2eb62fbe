package lodestone.cli.market;

import lodestone.cli.Failures;
import lodestone.market.MarketPath;
import lodestone.market.PathResult;
import lodestone.market.Scenario;
import lodestone.market.Sensitivity;
import lodestone.market.TargetSeek;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lodestone sensitivity SCENARIO --metric M --year Y}: a tornado of the scenario's uncertain parameters. */
@Command(name = "sensitivity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One-at-a-time sensitivity of a path metric in a year: each uncertain parameter of the scenario "
                + "(uncertainty:, docs/scenario-format.md) is set to the P5 and P95 of its distribution, the others kept at the "
                + "scenario's values; bars sorted by swing (a tornado)."},
        footer = {"", "Examples:", "  lodestone sensitivity ndpr-2025-2040 --metric club_supply_share --year 2030",
                "", "Exit codes: 0 done; 1 no equilibrium at a point; 2 a scenario refused, an unknown scenario name or a bad option; "
                        + "3 a file that cannot be read or written.", Failures.EXIT_CODES})
public final class SensitivityCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML), - for standard input, or bundled scenario name.")
    String scenario;

    @Option(names = "--metric", required = true, paramLabel = "METRIC", description = "A path metric, e.g. price[US].")
    String metric;

    @Option(names = "--year", paramLabel = "YEAR", description = "The year (default: the horizon's last).")
    Integer year;


    @CommandLine.Mixin
    PathOptions options = new PathOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario s = PathCommands.load(scenario, options.regime(), err);
        if (s == null) return Failures.REFUSED;
        if (!s.hasHorizon() || s.uncertainParameters().isEmpty()) {
            PathCommands.problems(err, List.of(s.name() + ": sensitivity needs horizon: and uncertainty: (the parameters to vary)"));
            return Failures.REFUSED;
        }
        int y = year == null ? s.years()[1] : year;
        PathResult base = MarketPath.run(s);
        String wrong = null;
        if (y < s.years()[0] || y > s.years()[1]) wrong = "--year: " + y + " is outside the horizon " + s.years()[0] + "-" + s.years()[1];
        else if (!base.metrics().contains(metric)) wrong = "--metric: unknown metric '" + metric + "' (metrics: " + String.join(", ", base.metrics()) + ")";
        if (wrong != null) {
            PathCommands.problems(err, List.of(wrong));
            return Failures.REFUSED;
        }
        Sensitivity.Result r;
        try {
            r = Sensitivity.run(s, metric, y);
        } catch (TargetSeek.NoEquilibrium e) {
            err.println("lodestone sensitivity: " + e.getMessage());
            err.flush();
            return Failures.NO_ANSWER;
        }
        if (options.json) {
            out.println(PathCommands.json(lodestone.market.ScenarioReport.withUnits(r.toMap(), s)));
        } else {
            out.printf(Locale.ROOT, "%s(%d) = %s with the scenario's values%n%n%-34s %12s %12s %14s %14s%n", metric, y,
                    SimulateCommand.num(r.base()), "parameter", "P5", "P95", "metric at P5", "metric at P95");
            for (Sensitivity.Bar b : r.bars()) {
                out.printf(Locale.ROOT, "%-34s %12s %12s %14s %14s%n", b.param(), SimulateCommand.num(b.lowValue()),
                        SimulateCommand.num(b.highValue()), SimulateCommand.num(b.metricLow()), SimulateCommand.num(b.metricHigh()));
            }
            for (String w : r.warnings()) out.println("warning: " + w);
        }
        out.flush();
        return 0;
    }
}
