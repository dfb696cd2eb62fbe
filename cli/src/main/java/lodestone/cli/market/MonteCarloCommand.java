package lodestone.cli.market;

import lodestone.cli.Failures;
import lodestone.market.MarketPath;
import lodestone.market.MonteCarlo;
import lodestone.market.PathResult;
import lodestone.market.Scenario;
import lodestone.market.Target;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lodestone montecarlo SCENARIO --draws N --seed S}: fan charts of a path's metrics under its uncertain parameters. */
@Command(name = "montecarlo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a scenario's path (it needs horizon: and uncertainty:, docs/scenario-format.md) for N draws of its "
                + "uncertain parameters and prints, per metric and year, the mean, its standard error and the P5/P25/P50/P75/P95 "
                + "(a fan chart), the probability of each --event, and how many draws found no equilibrium (counted, never "
                + "dropped silently). Draw i uses its own random stream derived from --seed and i, so the result does not "
                + "depend on --threads; quantiles are exact up to 2,048 draws and within 0.1 %% beyond (exact at a metric's mass points), "
                + "kept in buckets, so memory does not grow with N."},
        footer = {"", "Examples:",
                "  lodestone montecarlo gallium-2025-2035 --draws 2000 --seed 1 --metric 'price[US]' --event 'price[US](2027) >= 2000'",
                "  lodestone montecarlo ndpr-2025-2040 --draws 500 --seed 7 --metric club_supply_share --json",
                "", "Exit codes: 0 done (failed draws and draws outside a parameter's values are reported); 1 no draw could be used "
                        + "(every draw failed or fell outside), or the scenario's own path has no equilibrium; 2 a scenario refused, an "
                        + "unknown scenario name or a bad option; 3 a file that cannot be read or written.",
                Failures.EXIT_CODES})
public final class MonteCarloCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML), - for standard input, or bundled scenario name.")
    String scenario;

    @Option(names = "--draws", paramLabel = "N", description = "Number of draws (default 1000).")
    int draws = 1000;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default 1).")
    long seed = 1;

    @Option(names = "--metric", paramLabel = "METRIC", description = "A metric to report, e.g. price[US] or club_supply_share "
            + "(repeatable; default: every region's price and the club figures).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--event", paramLabel = "TARGET", description = "An event whose probability is counted, e.g. "
            + "'club_supply_share(2030) >= 0.5' (repeatable).")
    List<String> events = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "K", description = "Threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--warm", paramLabel = "MODE", description = "Start of each solve: cold (default; measured fastest, docs/benchmarks.md), year (from the last span of the "
            + "same structure in the draw) or run (also from the previous draw of its chunk of 16 draws, so the result does not depend on --threads either).")
    MarketPath.Warm warm = MarketPath.Warm.COLD;


    @Option(names = "--csv", paramLabel = "DIR", description = "Also write fan.csv (metric, year, statistics) and events.csv to DIR.")
    Path csv;

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
        if (!s.hasHorizon()) problems.add(s.name() + ": no horizon: (Monte Carlo runs the years of a path)");
        if (s.hasHorizon() && s.uncertainParameters().isEmpty()) problems.add(s.name() + ": no uncertainty: (nothing to draw)");
        if (draws < 1) problems.add("--draws: expected a number ≥ 1, found " + draws);
        if (threads < 1 || threads > MonteCarlo.MAX_THREADS) {
            problems.add("--threads: expected a number from 1 to " + MonteCarlo.MAX_THREADS + ", found " + threads);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (problems.isEmpty() && threads > cores) { // allowed (a shared machine may want it), but said: more threads than cores only add switching
            spec.commandLine().getErr().println("lodestone: --threads " + threads + " on " + cores + " cores: the draws run no faster than on "
                    + cores + (cores == 1 ? " thread" : " threads"));
        }
        if (!problems.isEmpty()) {
            PathCommands.problems(err, problems);
            return Failures.REFUSED;
        }
        PathResult det = MarketPath.run(s);
        if (!det.solved()) {
            err.println("lodestone montecarlo: the scenario's own path has no equilibrium in " + det.failure());
            err.flush();
            return Failures.NO_ANSWER;
        }
        List<Target> ev = new ArrayList<>();
        for (String e : events) {
            Target t = PathCommands.target(e, err);
            if (t == null) return Failures.REFUSED;
            String wrong = t.check(det, s.years());
            if (wrong != null) problems.add("--event " + wrong);
            ev.add(t);
        }
        List<String> ms = metrics.isEmpty() ? PathCommands.defaultMetrics(s, det) : metrics;
        for (String m : ms) if (!det.metrics().contains(m)) problems.add("--metric: unknown metric '" + m + "' (metrics: " + String.join(", ", det.metrics()) + ")");
        if (!problems.isEmpty()) {
            PathCommands.problems(err, problems);
            return Failures.REFUSED;
        }
        PathCommands.Progress bar = new PathCommands.Progress(err, "montecarlo " + draws + " draws");
        MonteCarlo.Result r = MonteCarlo.run(s, draws, seed, ms, ev, threads, warm, options.json ? null : bar::update);
        if (csv != null) writeCsv(r);
        if (options.json) {
            out.println(PathCommands.json(lodestone.market.ScenarioReport.withUnits(r.toMap(), s)));
        } else {
            out.printf(Locale.ROOT, "%s: %d draws, seed %d, %d without an equilibrium; %d solves in %.1f s on %d %s%n", s.name(),
                    r.draws(), r.seed(), r.failures(), r.solves(), r.seconds(), threads, threads == 1 ? "thread" : "threads");
            for (String f : r.failureSamples()) out.println("  failed: " + f);
            for (String w : r.warnings()) out.println("warning: " + w);
            out.println("expectations: " + r.expectations() + (r.unconverged() > 0
                    ? "; " + r.unconverged() + " draws without a perfect-foresight fixed point (last path kept)" : ""));
            for (String m : ms) {
                out.println();
                String unit = PathCommands.metricUnit(m, s);
                out.printf(Locale.ROOT, "%s%n%-6s %12s %10s %12s %12s %12s %12s %12s%n", unit.isEmpty() ? m : m + " (" + unit + ")", "year", "mean", "± se", "P5", "P25", "P50", "P75", "P95");
                Map<Integer, Map<String, Object>> byYear = r.stats().get(m);
                if (byYear == null) continue;
                for (Map.Entry<Integer, Map<String, Object>> y : byYear.entrySet()) {
                    Map<String, Object> st = y.getValue();
                    out.printf(Locale.ROOT, "%-6d %12s %10s %12s %12s %12s %12s %12s%n", y.getKey(), n(st.get("mean")), n(st.get("se")),
                            n(st.get("p5")), n(st.get("p25")), n(st.get("p50")), n(st.get("p75")), n(st.get("p95")));
                }
            }
            if (!r.events().isEmpty()) {
                out.println();
                // with its count and sampling error: "= 0.0500" from 200 draws claimed four decimals of a figure known to ±0.015
                for (Map.Entry<String, MonteCarlo.EventEstimate> e : r.eventEstimates().entrySet()) {
                    out.println("P(" + e.getKey() + ") = " + e.getValue().describe());
                }
            }
        }
        out.flush();
        return r.used() == 0 ? 1 : 0;
    }

    private static String n(Object v) {
        return SimulateCommand.num(((Number) v).doubleValue());
    }

    private void writeCsv(MonteCarlo.Result r) throws IOException {
        Files.createDirectories(csv);
        StringBuilder b = new StringBuilder("metric,year,n,mean,sd,se,p5,p25,p50,p75,p95\n");
        for (Map.Entry<String, Map<Integer, Map<String, Object>>> m : r.stats().entrySet()) {
            for (Map.Entry<Integer, Map<String, Object>> y : m.getValue().entrySet()) {
                b.append(SimulateCommand.cell(m.getKey())).append(',').append(y.getKey());
                for (String k : List.of("n", "mean", "sd", "se", "p5", "p25", "p50", "p75", "p95")) b.append(',').append(y.getValue().get(k));
                b.append('\n');
            }
        }
        lodestone.cli.Replacement.write(csv.resolve("fan.csv"), b.toString());
        StringBuilder e = new StringBuilder("event,probability,se,met,draws,low95,high95\n");
        for (Map.Entry<String, MonteCarlo.EventEstimate> x : r.eventEstimates().entrySet()) {
            MonteCarlo.EventEstimate v = x.getValue();
            e.append(SimulateCommand.cell(x.getKey())).append(',').append(v.probability()).append(',').append(v.se()).append(',').append(v.met())
                    .append(',').append(v.draws()).append(',').append(v.low()).append(',').append(v.high()).append('\n');
        }
        e.append("failures,").append(r.failures()).append('\n');
        e.append("out_of_range,").append(r.leftOut()).append('\n');
        lodestone.cli.Replacement.write(csv.resolve("events.csv"), e.toString());
    }
}
