package lodestone.cli.market;

import lodestone.cli.Failures;
import lodestone.market.MarketPath;
import lodestone.market.ParameterRange;
import lodestone.market.PathResult;
import lodestone.market.Scenario;
import lodestone.market.Target;
import lodestone.market.TargetSeek;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lodestone seek SCENARIO --param P --target "METRIC(YEAR) >= X"}: the parameter value that reaches a target. */
@Command(name = "seek", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds the value of one parameter of a scenario with a horizon (floor, strike, demand_growth, "
                + "stockpile.NAME.size, …; docs/scenario-format.md) at which a path metric reaches a target by a year, "
                + "by bracketing over certified path solves: a grid of 9 points, then bisection to 1e-6 of the range. "
                + "When no grid point reaches it, a golden-section search between the best point's neighbours looks for a "
                + "peak that does (a levy's revenue against the floor peaks); failing that, says 'unreachable within [a, b]' "
                + "with the best value found."},
        footer = {"", "Examples:",
                "  lodestone seek ndpr-2025-2040 --param floor --target 'club_supply_share(2030) >= 0.6' --range 80:300",
                "", "Exit codes: 0 reached; 1 unreachable in the range or no equilibrium at a point; 2 a scenario refused, an unknown "
                        + "scenario name or a bad option; 3 a file that cannot be read or written.", Failures.EXIT_CODES})
public final class SeekCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML), - for standard input, or bundled scenario name.")
    String scenario;

    @Option(names = "--param", required = true, paramLabel = "PATH", description = "The parameter to solve for, e.g. floor.")
    String param;

    @Option(names = "--target", required = true, paramLabel = "TARGET", description = "METRIC(YEAR) OP VALUE, e.g. 'club_supply_share(2030) >= 0.5'.")
    String target;

    @Option(names = "--range", paramLabel = "A:B", description = "The range searched (default: half to twice the scenario's value, "
            + "within the values the parameter can take). A value the parameter cannot take (a negative floor, strike or multiplier, "
            + "a growth rate outside -0.5 to 1, ban.occurs outside 0 to 1) is refused.")
    String range;


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
        List<String> problems = new ArrayList<>();
        String wrong = MarketPath.checkParameter(s, param);
        if (wrong != null) problems.add("--param: " + wrong);
        Target t = PathCommands.target(target, err);
        if (t == null) return Failures.REFUSED;
        double a = Double.NaN;
        double b = Double.NaN;
        if (range != null) {
            String[] ab = range.split(":");
            try {
                if (ab.length == 2) {
                    a = Double.parseDouble(ab[0]);
                    b = Double.parseDouble(ab[1]);
                }
            } catch (NumberFormatException e) {
                a = Double.NaN;
            }
            if (!(a < b) || !Double.isFinite(a) || !Double.isFinite(b)) {
                problems.add("--range: expected A:B with A < B, e.g. 80:300, found '" + range + "'");
            } else if (wrong == null) {
                String outside = ParameterRange.of(s, param).check(param, a, b, "--range", range);
                if (outside != null) problems.add(outside);
            }
        } else if (wrong == null) {
            double v = MarketPath.baseValue(s, param);
            if (Double.isNaN(v) || v == 0) problems.add("--range: needed for " + param + " (the scenario has no non-zero value to start from)");
            double[] ab = ParameterRange.of(s, param).clamp(Math.min(v / 2, 2 * v), Math.max(v / 2, 2 * v));
            a = ab[0];
            b = ab[1];
            if (problems.isEmpty() && !(a < b)) problems.add("--range: needed for " + param + " (half to twice the scenario's value "
                    + ParameterRange.fmt(v) + " leaves no range within " + ParameterRange.of(param) + ")");
        }
        if (!problems.isEmpty()) {
            PathCommands.problems(err, problems);
            return Failures.REFUSED;
        }
        PathResult base = MarketPath.run(s);
        String tw = t.check(base, s.years());
        if (tw != null) {
            PathCommands.problems(err, List.of(tw));
            return Failures.REFUSED;
        }
        PathCommands.Progress bar = new PathCommands.Progress(err, "seek " + param);
        TargetSeek.Result r;
        try {
            r = TargetSeek.seek(s, param, t, a, b, options.json ? null : bar::update);
        } catch (TargetSeek.NoEquilibrium e) {
            err.println("lodestone seek: " + e.getMessage());
            err.flush();
            return Failures.NO_ANSWER;
        }
        if (!options.json) bar.update(1);
        if (options.json) out.println(PathCommands.json(r.toMap(param, t)));
        else out.println(r.message());
        out.flush();
        return r.reached() ? Failures.ANSWER : Failures.NO_ANSWER;
    }
}
