package lodestone.bench.market;

import lodestone.market.MarketPath;
import lodestone.market.MonteCarlo;
import lodestone.market.PathResult;
import lodestone.market.Scenario;
import lodestone.regime.Regime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmarks of market paths (docs/benchmarks.md, "Market paths"): (1) the bundled baselines of ten distinct minerals
 * (the SPEC's "15-year, 10-mineral scenario"), each run over a 15-year horizon with demand and supply growth, one
 * after the other on one thread — target ≤ 1 s for the ten; (2) Monte Carlo of a 15-year
 * single-mineral scenario with a ban and stockpiles on 2 threads — target ≤ 30 s for 10,000 draws — with warm
 * starts (from the previous span of the draw; also from the previous draw) and cold starts side by side, and the
 * heap after a full collection at the end of runs of different lengths (flat in the number of draws); and one path
 * under both expectation rules (myopic, perfect foresight).
 *
 * <p>Usage: {@code java -cp benchmarks.jar lodestone.bench.market.PathBench [draws] [threads]}.
 */
public final class PathBench {
    private PathBench() {
    }

    /** One calibrated baseline per mineral: ten distinct minerals (NdPr counts as the rare-earth one). */
    static final String[] MARKETS = {"ndpr", "lithium", "cobalt", "graphite", "gallium", "antimony", "tungsten", "nickel", "copper",
            "manganese"};

    public static void main(String[] args) throws Exception {
        int draws = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Regime regime = Regime.bundled();
        List<Scenario> ten = new ArrayList<>();
        for (String m : MARKETS) {
            String text = "scenario: " + m + "-15y\nbaseline: " + m + "\nhorizon:\n  years: 2025-2039\n  demand_growth: 0.04\n  supply_growth: 0.02\n";
            ten.add(Scenario.parse(text, m + "-15y.yaml", regime));
        }
        if (ten.stream().map(s -> s.baseline().minerals()).distinct().count() != ten.size()) {
            throw new IllegalStateException("the ten markets must trade ten distinct minerals: " + Arrays.toString(MARKETS));
        }
        for (MarketPath.Warm w : new MarketPath.Warm[]{MarketPath.Warm.YEAR, MarketPath.Warm.COLD}) {
            double[] times = new double[7];
            int solves = 0;
            for (int rep = 0; rep < times.length; rep++) {
                long t0 = System.nanoTime();
                solves = 0;
                for (Scenario s : ten) {
                    PathResult p = MarketPath.run(s, java.util.Map.of(), w, null);
                    if (!p.solved()) throw new IllegalStateException(s.name() + ": " + p.failure());
                    solves += p.solves();
                }
                times[rep] = (System.nanoTime() - t0) / 1e9;
            }
            double[] sorted = times.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "ten minerals x 15 years, %s starts: %d certified solves; median of 5 runs after 2 warm-up runs %.3f s (runs: %s)%n",
                    w, solves, median(Arrays.copyOfRange(times, 2, times.length)), Arrays.toString(Arrays.copyOfRange(times, 2, times.length)));
        }
        // the two expectation rules on the same path: perfect foresight runs the path until the build plan is a fixed point
        String nd = Scenario.bundledText("ndpr-2025-2040").replace("years: 2025-2040", "years: 2025-2039");
        for (String rule : new String[]{"myopic", "perfect-foresight"}) {
            Scenario s = Scenario.parse(nd.replace("expectations: myopic", "expectations: " + rule), "ndpr-" + rule + ".yaml", regime);
            double[] times = new double[7];
            PathResult p = null;
            for (int rep = 0; rep < times.length; rep++) {
                long t0 = System.nanoTime();
                p = MarketPath.run(s, java.util.Map.of(), MarketPath.Warm.YEAR, null);
                times[rep] = (System.nanoTime() - t0) / 1e9;
            }
            System.out.printf(Locale.ROOT, "ndpr-2025-2039, %s: %s; median of 5 runs after 2 warm-up runs %.4f s%n", rule,
                    p.expectations().describe(), median(Arrays.copyOfRange(times, 2, times.length)));
        }
        String g = Scenario.bundledText("gallium-2025-2035").replace("years: 2025-2035", "years: 2025-2039");
        Scenario gal = Scenario.parse(g, "gallium-2025-2039.yaml", regime);
        MonteCarlo.run(gal, 200, 1, null, List.of(), threads, MarketPath.Warm.YEAR, null); // JIT warm-up
        for (MarketPath.Warm w : new MarketPath.Warm[]{MarketPath.Warm.YEAR, MarketPath.Warm.RUN, MarketPath.Warm.COLD}) {
            MonteCarlo.Result r = MonteCarlo.run(gal, draws, 42, null, List.of(), threads, w, null);
            System.gc();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf(Locale.ROOT, "monte carlo gallium 2025-2039, %d draws on %d threads, %s starts: %.2f s, %d solves "
                            + "(%.0f us/solve), %d failures, P50 price[US] 2027 = %.2f, heap after GC %.1f MB%n", draws, threads, w, r.seconds(),
                    r.solves(), 1e6 * r.seconds() * threads / r.solves(), r.failures(), r.stat("price[US]", 2027, "p50"), heap / 1e6);
        }
        for (int n : new int[]{draws / 10, draws}) {
            MonteCarlo.run(gal, n, 5, null, List.of(), threads, MarketPath.Warm.YEAR, null);
            System.gc();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf(Locale.ROOT, "heap after GC at the end of %d draws: %.1f MB%n", n, heap / 1e6);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
