package lodestone.spark;

import lodestone.market.MarketPath;
import lodestone.market.MonteCarlo;
import lodestone.market.PathResult;
import lodestone.market.Scenario;
import lodestone.market.ScenarioException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.stddev_samp;

/**
 * A Monte Carlo sweep of a market path as a Spark job: the draws are cut into ranges of draw numbers, each
 * executor runs {@link MarketPath#run} on the parameters {@link MonteCarlo#draw} gives draw {@code i} under the
 * master seed — the same function the local {@code lodestone montecarlo} calls, so draw {@code i} is the same
 * path whatever the partitioning (cold starts, as the command line's default). Each draw is certified like a
 * single solve; a draw without an equilibrium is counted and sampled, never dropped silently.
 *
 * <p>Statistics are exact, not streamed: every solved draw's value of each metric and year is kept as a row
 * (draw, metric, year, value) and grouped by Spark — count, mean, sample standard deviation and its standard
 * error, and the P5/P25/P50/P75/P95 percentiles by Spark SQL's exact {@code percentile} (linear interpolation
 * between order statistics). The local command's quantiles are the same order statistics, exact up to 2,048
 * draws and within 0.1 % beyond; its means agree with these to rounding. Grouping is the job's one shuffle, of one row per draw, metric and year.
 */
public final class SparkMonteCarlo {
    private SparkMonteCarlo() {
    }

    static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};

    /**
     * The sweep's result: per metric, per year, the statistics; the failed draws counted with samples; the projects'
     * expectation rule and, under perfect foresight, the solved draws whose build decisions did not converge
     * (their paths are in the statistics, as the local command keeps them, and counted here so none passes unseen);
     * the draws left out because a parameter's value was outside what it can take ({@code leftOut}; by parameter in
     * {@code outOfRange}) and the warnings that say so, as the local runner's.
     */
    public record Summary(String scenario, long draws, long seed, long failures, List<String> failureSamples,
                          Map<String, Map<Integer, Map<String, Double>>> stats, int partitions, long nanos,
                          String expectations, long unconverged, long leftOut, Map<String, Long> outOfRange, List<String> warnings) {
        public double stat(String metric, int year, String name) {
            return stats.get(metric).get(year).get(name);
        }
    }

    /**
     * One draw's outcome as the executors send it: its metric values, or why it has no equilibrium, or the parameters whose
     * drawn value they cannot take ({@code outside}, not empty: the draw is left out and counted, as the local runner does).
     */
    record Draw(long draw, String failure, boolean converged, List<Object[]> values, List<String> outside) implements Serializable { }

    /**
     * Runs {@code draws} draws of the scenario (its YAML text and file name, checked against the broadcast regime on
     * every executor) in {@code partitions} ranges. {@code metrics}: the metrics to summarise (empty: all the path has).
     * When {@code drawsOut} is not null, every value is also written there as CSV (draw, metric, year, value).
     */
    public static Summary run(SparkSession spark, String scenarioText, String fileName, RegimePayload regime, long draws, long seed,
                              List<String> metrics, int partitions, String drawsOut) {
        long t0 = System.nanoTime();
        if (draws < 1) throw new IllegalArgumentException("--draws: expected a number ≥ 1, found " + draws);
        if (partitions < 1) throw new IllegalArgumentException("--partitions: expected a number ≥ 1, found " + partitions);
        Scenario s = scenario(scenarioText, fileName, regime); // on the driver: problems stop the job before it starts
        if (!s.hasHorizon()) throw new IllegalArgumentException(s.name() + ": no horizon: (Monte Carlo runs the years of a path)");
        if (s.uncertainParameters().isEmpty()) throw new IllegalArgumentException(s.name() + ": no uncertainty: (nothing to draw)");
        PathResult det = MarketPath.run(s);
        if (!det.solved()) throw new IllegalArgumentException(s.name() + ": the scenario's own path has no equilibrium in " + det.failure());
        List<String> ms = metrics == null || metrics.isEmpty() ? det.metrics() : metrics;
        for (String m : ms) {
            if (!det.metrics().contains(m)) {
                throw new IllegalArgumentException("--metric: unknown metric '" + m + "' (metrics: " + String.join(", ", det.metrics()) + ")");
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<RegimePayload> bRegime = jsc.broadcast(regime);
        List<long[]> ranges = new ArrayList<>();
        int parts = (int) Math.min(partitions, draws);
        for (int k = 0; k < parts; k++) ranges.add(new long[]{draws * k / parts, draws * (k + 1) / parts});
        List<String> wanted = List.copyOf(ms);
        JavaRDD<Draw> out = jsc.parallelize(ranges, parts).flatMap(r -> runRange(scenarioText, fileName, bRegime.value(), seed, r, wanted));
        out = out.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            long failures = out.filter(d -> d.failure() != null).count();
            Map<String, Long> outOfRange = new TreeMap<>(out.filter(d -> !d.outside().isEmpty()).flatMap(d -> d.outside().iterator())
                    .countByValue());
            long leftOut = out.filter(d -> !d.outside().isEmpty()).count();
            long unconverged = out.filter(d -> d.failure() == null && !d.converged()).count();
            List<String> samples = out.filter(d -> d.failure() != null).takeOrdered(5, new ByDraw()).stream()
                    .map(d -> "draw " + d.draw() + " " + MonteCarlo.draw(s, seed, d.draw()) + ": " + d.failure()).toList();
            StructType schema = new StructType().add("draw", DataTypes.LongType).add("metric", DataTypes.StringType)
                    .add("year", DataTypes.IntegerType).add("value", DataTypes.DoubleType);
            JavaRDD<Row> rows = out.filter(d -> d.failure() == null && d.outside().isEmpty()).flatMap(d -> d.values().stream()
                    .map(v -> RowFactory.create(d.draw(), v[0], v[1], v[2])).iterator());
            Dataset<Row> df = spark.createDataFrame(rows, schema);
            if (drawsOut != null) df.write().option("header", "true").csv(drawsOut);
            StringBuilder q = new StringBuilder("percentile(value, array(");
            for (int i = 0; i < QUANTILES.length; i++) q.append(i == 0 ? "" : ", ").append(QUANTILES[i]);
            q.append("))");
            List<Row> agg = df.groupBy(col("metric"), col("year"))
                    .agg(count("value").as("n"), avg("value").as("mean"), stddev_samp("value").as("sd"), expr(q.toString()).as("q"))
                    .collectAsList();
            Map<String, Map<Integer, Map<String, Double>>> stats = new LinkedHashMap<>();
            for (String m : wanted) stats.put(m, new TreeMap<>());
            for (Row r : agg) {
                Map<String, Double> st = new LinkedHashMap<>();
                long n = r.getLong(2);
                double sd = r.isNullAt(4) ? 0 : r.getDouble(4);
                st.put("n", (double) n);
                st.put("mean", r.getDouble(3));
                st.put("sd", sd);
                st.put("se", n > 0 ? sd / Math.sqrt(n) : Double.NaN);
                List<Object> qs = r.getList(5);
                String[] names = {"p5", "p25", "p50", "p75", "p95"};
                for (int i = 0; i < names.length; i++) st.put(names[i], ((Number) qs.get(i)).doubleValue());
                stats.get(r.getString(0)).put(r.getInt(1), st);
            }
            return new Summary(s.name(), draws, seed, failures, samples, stats, parts, System.nanoTime() - t0,
                    s.perfectForesight() ? "perfect-foresight" : "myopic", unconverged, leftOut, outOfRange,
                    warnings(MonteCarlo.outOfRangeWarnings(s, draws, outOfRange), draws - failures - leftOut));
        } finally {
            out.unpersist();
        }
    }

    /** The sweep's warnings: draws left out by parameter, and too few draws used (a single draw's sd and se measure nothing; as locally). */
    static List<String> warnings(List<String> outOfRange, long used) {
        List<String> few = MonteCarlo.fewDraws(used); // one draw, or fewer than 20: as locally
        if (few.isEmpty()) return outOfRange;
        List<String> w = new ArrayList<>(outOfRange);
        w.addAll(few);
        return w;
    }

    /** Orders draws by number (for the failure samples). */
    static final class ByDraw implements java.util.Comparator<Draw>, Serializable {
        @Override
        public int compare(Draw a, Draw b) {
            return Long.compare(a.draw(), b.draw());
        }
    }

    private static final Map<String, Scenario> SCENARIOS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The scenario, read and checked against the regime once per JVM. */
    static Scenario scenario(String text, String fileName, RegimePayload regime) {
        return SCENARIOS.computeIfAbsent(regime.sha256() + "\u0000" + fileName + "\u0000" + text, k -> {
            try {
                return Scenario.parse(text, fileName, regime.regime());
            } catch (ScenarioException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        });
    }

    /**
     * Refuses a scenario file whose executors would read another scenario than the local command reads from the file.
     * The executors get the text alone (no folder), so a {@code baseline:} is a bundled market there, while {@code
     * lodestone montecarlo FILE} reads a baseline beside the file first: a file beside its own {@code gallium.yaml} was
     * swept on the bundled gallium market, silently. Compared by {@link Scenario#madeFrom()} (the text's and its
     * baselines' SHA-256), so a copy of the bundled market beside the file passes.
     */
    static void sameScenarioAsTheFile(java.nio.file.Path file, String text, String fileName, RegimePayload regime) {
        Scenario local;
        try {
            local = Scenario.load(file, regime.regime());
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Scenario base = local.baseline();
        if (base == local || base == null) return;
        java.nio.file.Path dir = file.toAbsolutePath().getParent();
        String ref = baselineRef(text);
        java.nio.file.Path beside = ref == null || dir == null ? null : dir.resolve(ref.endsWith(".yaml") ? ref : ref + ".yaml");
        if (beside == null || !java.nio.file.Files.isRegularFile(beside)) return; // the bundled one, as the executors read it
        String bundled = Scenario.bundledText(ref);
        Scenario sent = null;
        if (bundled != null) {
            try {
                sent = Scenario.parse(text, fileName, regime.regime());
            } catch (ScenarioException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        if (sent != null && sent.madeFrom().equals(local.madeFrom())) return;
        throw new IllegalArgumentException(file + ": its baseline '" + ref + "' is read from " + beside + ", which the sweep cannot send: "
                + "its executors read the scenario's text alone, where '" + ref + "' is "
                + (bundled != null ? "the bundled market of that name, another market (the sweep would answer for it, not for this "
                + "file as lodestone montecarlo does)" : "no bundled market")
                + "; write the market and the scenario as one file (without baseline:), or give the baseline another name");
    }

    /** The {@code baseline:} a scenario's text names at its top level, or null. */
    private static String baselineRef(String text) {
        Object doc;
        try {
            doc = new org.yaml.snakeyaml.Yaml().load(text);
        } catch (RuntimeException e) {
            return null;
        }
        return doc instanceof Map<?, ?> m && m.get("baseline") instanceof String b ? b : null;
    }

    static Iterator<Draw> runRange(String text, String fileName, RegimePayload regime, long seed, long[] range, List<String> metrics) {
        Scenario s = scenario(text, fileName, regime);
        List<Draw> out = new ArrayList<>((int) (range[1] - range[0]));
        for (long i = range[0]; i < range[1]; i++) {
            List<String> outside = MonteCarlo.outsideOf(s, seed, i);
            if (!outside.isEmpty()) { // a value its parameter cannot take: left out, counted, never answered
                out.add(new Draw(i, null, true, List.of(), outside));
                continue;
            }
            PathResult p = MarketPath.run(s, MonteCarlo.draw(s, seed, i), MarketPath.Warm.COLD, null);
            if (!p.solved()) {
                out.add(new Draw(i, p.failure(), true, List.of(), List.of()));
                continue;
            }
            List<Object[]> vs = new ArrayList<>();
            for (PathResult.Year y : p.years()) {
                for (String m : metrics) {
                    Double v = y.metrics().get(m);
                    if (v != null) vs.add(new Object[]{m, y.year(), v});
                }
            }
            out.add(new Draw(i, null, p.expectations().converged(), vs, List.of()));
        }
        return out.iterator();
    }
}
