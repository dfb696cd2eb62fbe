package lodestone.market;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;

/**
 * Monte Carlo over a scenario's uncertain parameters (docs/scenario-format.md, "Uncertainty"). Draw i's
 * parameters come from its own random stream, seeded by a hash of (master seed, i) — so a draw is the same
 * whichever thread or partition runs it (a distributed job can run any range of draws). Draws run in blocks
 * on a pool of threads; each block's paths are then fed to the accumulators in draw order, so the output is
 * the same for any number of threads. Every path is certified like a single solve; a draw whose path finds no
 * equilibrium is counted (with its reason) and left out of the statistics, never silently. The accumulators
 * A draw in which a parameter takes a value it cannot take ({@link ParameterRange}; only a normal distribution's tail
 * can: bounded distributions reaching outside are refused when the scenario is read) is not run: it is counted
 * per parameter and said in the result's warnings, so the statistics are those of the distribution truncated
 * to the parameter's values. The accumulators
 * are streaming — a running mean and variance (Welford) and quantiles (P5, P25, P50, P75, P95: {@link QuantileHistogram},
 * exact up to 2,048 draws, then within 0.1 % and exact at a metric's mass points) per metric and year — so memory does
 * not grow with the number of draws beyond the histogram's buckets.
 */
public final class MonteCarlo {
    static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};

    private MonteCarlo() {
    }

    /** The parameter values of draw {@code i} under {@code seed}: one stream per draw, independent of partitioning. */
    public static Map<String, Double> draw(Scenario s, long seed, long i) {
        SplittableRandom rnd = new SplittableRandom(mix(seed ^ mix(i + 0x9E3779B97F4A7C15L)));
        Map<String, Double> p = new LinkedHashMap<>();
        for (Horizon.Uncertain u : s.horizon.uncertain()) p.put(u.param(), u.dist().sample(rnd));
        return p;
    }

    /** Stafford's variant 13 of the SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Running statistics of one metric in one year. */
    static final class Stat {
        long n;
        double mean;
        double m2;
        final QuantileHistogram q = new QuantileHistogram();

        void add(double x) {
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
            q.add(x);
        }

        Map<String, Object> toMap() {
            Map<String, Object> o = new LinkedHashMap<>();
            double var = n > 1 ? m2 / (n - 1) : 0;
            o.put("n", n);
            o.put("mean", mean);
            o.put("sd", Math.sqrt(var));
            o.put("se", n > 0 ? Math.sqrt(var / n) : Double.NaN);
            o.put("p5", q.quantile(QUANTILES[0]));
            o.put("p25", q.quantile(QUANTILES[1]));
            o.put("p50", q.quantile(QUANTILES[2]));
            o.put("p75", q.quantile(QUANTILES[3]));
            o.put("p95", q.quantile(QUANTILES[4]));
            return o;
        }
    }

    /**
     * The result: per metric, per year, the statistics; the events' probabilities; failures counted; the draws left
     * out because a parameter's value fell outside what it can take ({@code outOfRange}: draws per parameter;
     * {@code leftOut}: draws in all), each said in {@code warnings}.
     */
    public record Result(String scenario, int draws, long seed, int failures, List<String> failureSamples, int[] years,
                         Map<String, Map<Integer, Map<String, Object>>> stats, Map<String, Double> events,
                         Map<String, EventEstimate> eventEstimates, long solves, double seconds,
                         String expectations, int unconverged, int leftOut, Map<String, Integer> outOfRange, List<String> warnings) {
        public Result {
            outOfRange = Map.copyOf(outOfRange);
            warnings = List.copyOf(warnings);
        }

        /** The draws whose path entered the statistics. */
        public int used() {
            return draws - failures - leftOut;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("scenario", scenario);
            o.put("draws", draws);
            o.put("seed", seed);
            o.put("failures", failures);
            o.put("failure_samples", failureSamples);
            // draws with a parameter outside its values (a normal's tail): not run, not in the statistics, said here
            o.put("out_of_range", leftOut);
            o.put("warnings", warnings);
            o.put("years", List.of(years[0], years[1]));
            o.put("metrics", stats);
            o.put("events", events);
            // each event's count and sampling error: a probability from n draws is known to ±√(p(1 − p)/n), not to its digits
            Map<String, Object> est = new LinkedHashMap<>();
            eventEstimates.forEach((k, v) -> est.put(k, v.toMap()));
            o.put("event_estimates", est);
            o.put("solves", solves);
            o.put("seconds", seconds);
            o.put("expectations", expectations);
            // perfect foresight: draws whose build decisions had no fixed point within the cap (kept, counted)
            o.put("unconverged", unconverged);
            return o;
        }

        /** A statistic ("mean", "se", "p5", …) of a metric in a year. */
        public double stat(String metric, int year, String name) {
            Object v = stats.get(metric).get(year).get(name);
            return ((Number) v).doubleValue();
        }
    }

    /** The most threads a run takes: far beyond any machine's cores, and each thread keeps a path's working memory. */
    public static final int MAX_THREADS = 1024;

    /**
     * Runs {@code draws} draws on {@code threads} threads. {@code metrics} (null: all) selects what is
     * accumulated; {@code events} are targets whose probability is counted; {@code progress} gets the share done.
     */
    public static Result run(Scenario s, int draws, long seed, List<String> metrics, List<Target> events, int threads,
                             MarketPath.Warm warm, DoubleConsumer progress) {
        if (s.horizon == null) throw new IllegalArgumentException(s.name() + " has no horizon:");
        if (threads > MAX_THREADS) { // the pool refused more than 32,767 with no message ("lodestone: null")
            throw new IllegalArgumentException("threads: " + threads + " is more than " + MAX_THREADS + "; the draws run no faster on more "
                    + "threads than cores");
        }
        long t0 = System.nanoTime();
        List<String> names = metrics;
        Map<String, Map<Integer, Stat>> acc = new LinkedHashMap<>();
        long[] eventCount = new long[events.size()];
        int failures = 0;
        int unconverged = 0;
        int leftOut = 0;
        Map<String, Integer> outOfRange = new LinkedHashMap<>();
        Map<String, ParameterRange> ranges = ranges(s);
        List<String> samples = new ArrayList<>();
        long solves = 0;
        int block = Math.max(1, threads) * WARM_CHUNK; // a whole number of chunks, so chunks start at multiples of WARM_CHUNK
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            for (int start = 0; start < draws; start += block) {
                int from = start;
                int to = Math.min(draws, start + block);
                // a draw with a value its parameter cannot take is not run: it is counted and said (warnings), never answered
                List<String>[] outside = outside(s, seed, from, to, ranges);
                PathResult[] paths;
                try {
                    paths = warm == MarketPath.Warm.RUN
                            ? pool.submit(() -> warmChunks(s, seed, from, to, outside)).get()
                            : pool.submit(() -> IntStream.range(from, to).parallel()
                                    .mapToObj(i -> outside[i - from] != null ? null : MarketPath.run(s, draw(s, seed, i), warm, null))
                                    .toArray(PathResult[]::new)).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                for (int k = 0; k < paths.length; k++) {
                    PathResult p = paths[k];
                    if (p == null) {
                        leftOut++;
                        for (String param : outside[k]) outOfRange.merge(param, 1, Integer::sum);
                        continue;
                    }
                    solves += p.solves();
                    if (!p.solved()) {
                        failures++;
                        if (samples.size() < 5) samples.add("draw " + (from + k) + " " + draw(s, seed, from + k) + ": " + p.failure());
                        continue;
                    }
                    if (!p.expectations().converged()) unconverged++;
                    if (names == null) names = p.metrics();
                    for (PathResult.Year y : p.years()) {
                        for (String m : names) {
                            Double v = y.metrics().get(m);
                            if (v == null) continue;
                            // a value that is not a number would turn the mean into NaN without a word: said, with its draw
                            if (!Double.isFinite(v)) throw new IllegalStateException("draw " + (from + k) + " " + draw(s, seed, from + k)
                                    + ": " + m + " in " + y.year() + " is " + v + ", not a number the statistics can take");
                            acc.computeIfAbsent(m, x -> new LinkedHashMap<>()).computeIfAbsent(y.year(), x -> new Stat()).add(v);
                        }
                    }
                    for (int e = 0; e < events.size(); e++) {
                        Target t = events.get(e);
                        if (t.met(p.value(t.metric(), t.year()))) eventCount[e]++;
                    }
                }
                if (progress != null) progress.accept((double) to / draws);
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Map<Integer, Map<String, Object>>> stats = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Integer, Stat>> e : acc.entrySet()) {
            Map<Integer, Map<String, Object>> byYear = new LinkedHashMap<>();
            for (Map.Entry<Integer, Stat> y : e.getValue().entrySet()) byYear.put(y.getKey(), y.getValue().toMap());
            stats.put(e.getKey(), byYear);
        }
        Map<String, Double> ev = new LinkedHashMap<>();
        Map<String, EventEstimate> est = new LinkedHashMap<>();
        int ok = draws - failures - leftOut;
        for (int e = 0; e < events.size(); e++) {
            ev.put(events.get(e).toString(), ok == 0 ? Double.NaN : (double) eventCount[e] / ok);
            est.put(events.get(e).toString(), EventEstimate.of(eventCount[e], ok));
        }
        List<String> warnings = warnings(s, draws, outOfRange, ranges);
        List<String> few = fewDraws(ok);
        if (!few.isEmpty()) {
            // one draw has no spread to measure: its sd and se read 0, which is not a precise estimate (reported: "± se 0" for --draws 1);
            // under 20 the P5 and P95 are no tails but the least and greatest draws interpolated
            warnings = new ArrayList<>(warnings);
            warnings.addAll(few);
        }
        return new Result(s.name(), draws, seed, failures, samples, new int[]{s.horizon.from(), s.horizon.to()}, stats, ev, est, solves,
                (System.nanoTime() - t0) / 1e9, s.horizon.perfectForesight() ? "perfect-foresight" : "myopic", unconverged,
                leftOut, outOfRange, warnings);
    }

    /**
     * An event's probability estimated from the draws used, with its sampling error (docs/market-model.md, "Monte Carlo"):
     * {@code met} of {@code draws} draws met it; p = met/draws; the binomial standard error √(p(1 − p)/n); and the 95 % Wilson
     * score interval, (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²))/(1 + z²/n) with z = 1.959964, which — unlike p ± 1.96·SE — stays
     * within [0, 1] and is not [0, 0] when no draw met the event (0 of 200 draws: 0 to 0.0188). NaN when no draw was used.
     */
    public record EventEstimate(long met, long draws, double probability, double se, double low, double high) {
        static final double Z = 1.959963984540054;

        public static EventEstimate of(long met, long n) {
            if (n <= 0) return new EventEstimate(met, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            double p = (double) met / n;
            double se = Math.sqrt(p * (1 - p) / n);
            double z2 = Z * Z;
            double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
            double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
            // at p = 0 or 1 the interval's end is the estimate itself (the formula's rounding gave 1e-17 below 0)
            double low = met == 0 ? 0 : Math.max(0, centre - half);
            double high = met == n ? 1 : Math.min(1, centre + half);
            return new EventEstimate(met, n, p, se, low, high);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("met", met);
            o.put("draws", draws);
            o.put("probability", probability);
            o.put("se", se);
            o.put("low95", low);
            o.put("high95", high);
            return o;
        }

        /**
         * "0.050 ± 0.015 (10 of 200 draws; 95 % interval 0.028 to 0.089)": the probability to the place of its standard error's
         * second significant digit (never 4 decimals the draws cannot give), the interval to the same places.
         */
        public String describe() {
            if (draws <= 0) return "not estimated (no draw was used)";
            double w = se > 0 ? se : high - low; // none or every draw met it: the interval, to two significant digits, says the error
            int places = Math.max(2, Math.min(6, 1 - (int) Math.floor(Math.log10(w))));
            String f = "%." + places + "f";
            return String.format(java.util.Locale.ROOT, f + " ± " + f + " (%d of %d draw%s; 95 %% interval " + f + " to " + f + ")",
                    probability, se, met, draws, draws == 1 ? "" : "s", low, high);
        }
    }

    /** Below this many draws used, the P5 and P95 fall between the two least and the two greatest draws. */
    public static final int FEW_DRAWS = 20;

    /**
     * What a run whose statistics rest on {@code used} draws must say of them (here and in the Spark sweep): one draw, that its
     * sd and se measure nothing; 2 to 19, that the P5 and P95 are read between the two least and the two greatest draws (rank
     * (n − 1)·p below 1 from either end), not from the distribution's tails — until 2026-12-08 they were answered without a word.
     */
    public static List<String> fewDraws(long used) {
        if (used == 1) return List.of(SINGLE_DRAW);
        if (used < 2 || used >= FEW_DRAWS) return List.of();
        return List.of("only " + used + " draws entered the statistics: the P5 and P95 are read between the two least and the two greatest "
                + "draws (the order statistic at rank (n − 1)·p, interpolated), not from the tails of the distribution; run at least "
                + FEW_DRAWS + " draws for a fan");
    }

    /** Said when one draw alone enters the statistics (here and in the Spark sweep). */
    public static final String SINGLE_DRAW = "only 1 draw entered the statistics: its sd and se are shown as 0 but measure nothing "
            + "(a spread needs at least 2 draws), and every quantile is that draw; run more draws for a fan";

    /** For each draw of [from, to): null when every parameter is within its range, else the parameters that are not. */
    @SuppressWarnings("unchecked")
    private static List<String>[] outside(Scenario s, long seed, int from, int to, Map<String, ParameterRange> ranges) {
        List<String>[] out = new List[to - from];
        for (int i = from; i < to; i++) {
            List<String> o = outsideOf(s, seed, i, ranges);
            out[i - from] = o.isEmpty() ? null : o;
        }
        return out;
    }

    /**
     * The parameters whose value in draw {@code i} is outside what they can take (empty when none): such a draw is left out
     * and counted, never answered — here and in the Spark sweep, which asks this for each of its draws.
     */
    public static List<String> outsideOf(Scenario s, long seed, long i) {
        return outsideOf(s, seed, i, ranges(s));
    }

    private static List<String> outsideOf(Scenario s, long seed, long i, Map<String, ParameterRange> ranges) {
        List<String> out = new ArrayList<>(0);
        for (Map.Entry<String, Double> e : draw(s, seed, i).entrySet()) {
            if (!ranges.get(e.getKey()).contains(e.getValue())) out.add(e.getKey());
        }
        return out;
    }

    /** Each uncertain parameter's range of values, in the scenario's order. */
    private static Map<String, ParameterRange> ranges(Scenario s) {
        Map<String, ParameterRange> ranges = new LinkedHashMap<>();
        for (Horizon.Uncertain u : s.horizon.uncertain()) ranges.put(u.param(), ParameterRange.of(s, u.param()));
        return ranges;
    }

    /** {@link #warnings} for a run of any size with draws left out by parameter (the Spark sweep's counts). */
    public static List<String> outOfRangeWarnings(Scenario s, long draws, Map<String, Long> outOfRange) {
        Map<String, ParameterRange> ranges = ranges(s);
        Map<String, Integer> counts = new LinkedHashMap<>();
        outOfRange.forEach((k, v) -> counts.put(k, Math.toIntExact(v)));
        return warnings(s, draws, counts, ranges);
    }

    /** One warning per parameter whose draws fell outside its values, saying how many and what the statistics are. */
    /**
     * Draws run with {@link MarketPath.Warm#RUN} start from the previous draw of their chunk: draws {@code 16k … 16k+15},
     * in order, from a fresh memory. The chunks are the draws', not the threads', so the answer is the same on any number
     * of threads; a memory kept per thread made it depend on how the pool split the work (a standard deviation moved by
     * 7.5 % between one thread and two: flows are not unique where prices are, and the start chooses among them).
     */
    static final int WARM_CHUNK = 16;

    private static PathResult[] warmChunks(Scenario s, long seed, int from, int to, List<String>[] outside) {
        PathResult[] out = new PathResult[to - from];
        int chunks = (to - from + WARM_CHUNK - 1) / WARM_CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            MarketPath.Memory memory = new MarketPath.Memory();
            for (int i = from + c * WARM_CHUNK; i < Math.min(to, from + (c + 1) * WARM_CHUNK); i++) {
                out[i - from] = outside[i - from] != null ? null : MarketPath.run(s, draw(s, seed, i), MarketPath.Warm.RUN, memory);
            }
        });
        return out;
    }

    static List<String> warnings(Scenario s, long draws, Map<String, Integer> outOfRange, Map<String, ParameterRange> ranges) {
        List<String> w = new ArrayList<>(s.notes()); // what every draw depends on beyond the file (a group taken on today's date)
        for (Horizon.Uncertain u : s.horizon.uncertain()) {
            Integer n = outOfRange.get(u.param());
            if (n == null) continue;
            ParameterRange r = ranges.get(u.param());
            w.add(String.format(java.util.Locale.ROOT, "%s: %d of %d draws (%.2f %%) fell outside its values (%s: %s) and were "
                            + "left out; the statistics are those of its %s truncated to %s (narrow the distribution, e.g. a "
                            + "smaller sd, to keep every draw)", u.param(), n, draws, 100.0 * n / draws, r.words(), r.why(),
                    u.dist().describe(), r.words()));
        }
        return w;
    }
}
