package lodestone.bench.border;

import lodestone.border.Assessor;
import lodestone.border.bulk.BulkAssessment;
import lodestone.border.bulk.EntryGenerator;
import lodestone.regime.Regime;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * End-to-end bulk benchmark: a seeded generated CSV of realistic entries, then, in the same JVM and
 * alternating, a parse-only pass (same reader, every line parsed into an Entry, nothing assessed or
 * written) and the full bulk assessment with CSV results and rejects. Reports lines/s for each, the
 * ratio, in wall time and in CPU time of the benchmark thread, and the peak heap of each pass (heap
 * pools' peak usage, reset before the pass).
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar lodestone.bench.border.BulkBench --lines 10000000 [--reps 3]
 *      [--regime data/regime] [--dir /tmp/lodestone-bench] [--seed 1]
 *      [--codes K]   (lines drawn from only K HTS lines: how many codes a file holds, see docs/benchmarks.md)
 *      [--no-totals] (the full pass without the totals by origin, heading and measure: what they cost)
 * </pre>
 */
public final class BulkBench {
    public static void main(String[] args) throws IOException {
        long lines = 1_000_000;
        int reps = 3;
        String regimeSpec = "data/regime";
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "lodestone-bench");
        long seed = 1;
        int codes = 0; // 0: every HTS line of the generator's chapters
        boolean totals = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> lines = Long.parseLong(args[++i].replace("_", ""));
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--regime" -> regimeSpec = args[++i];
                case "--dir" -> dir = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--codes" -> codes = Integer.parseInt(args[++i].replace("_", ""));
                case "--no-totals" -> totals = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --lines N --reps R --regime SPEC --dir DIR --seed S --codes K --no-totals");
            }
        }
        Files.createDirectories(dir);
        Regime regime = Regime.open(regimeSpec);
        Assessor assessor = Assessor.compile(regime);
        Path in = dir.resolve("entries-" + lines + "-" + seed + (codes > 0 ? "-codes" + codes : "") + ".csv");
        EntryGenerator g = new EntryGenerator(regime, seed);
        if (codes > 0) g.codes(codes);
        if (!Files.exists(in)) {
            long t = System.nanoTime();
            try (Writer w = Files.newBufferedWriter(in)) {
                g.write(w, lines);
            }
            System.out.printf(Locale.ROOT, "generated %,d lines (%,d bytes) in %.1f s: %s%n", lines, Files.size(in),
                    (System.nanoTime() - t) / 1e9, in);
        }
        Path out = dir.resolve("results.csv");
        Path rej = dir.resolve("rejects.csv");
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "regime %s; %,d lines drawn from %,d HTS lines; JDK %s; max heap %,d MiB; %d CPUs%n", regime.id(), lines,
                g.codeCount(),
                System.getProperty("java.version"), rt.maxMemory() >> 20, rt.availableProcessors());
        double[] share = fastShare(assessor, in, 200_000);
        System.out.printf(Locale.ROOT, "fast path (compiled plan, long cents) answers %.1f %% of the parsed lines of the first 200,000 "
                + "(%.2f %% of them rejections: unknown codes), allocating %.1f B per line it answers%n", share[0], share[2], share[1]);
        double bestParse = 0;
        double bestAssess = 0;
        long peakParse = 0;
        double bestParseCpu = 0;
        double bestAssessCpu = 0;
        long peakAssess = 0;
        java.util.List<Double> cpuRatios = new java.util.ArrayList<>();
        for (int r = 1; r <= reps; r++) {
            resetPeaks();
            long gc0 = gcCount();
            long cpu0 = cpu();
            long al0 = allocated();
            BulkAssessment.Summary p = BulkAssessment.parseOnly(in, BulkAssessment.Options.defaults());
            double pcpu = (cpu() - cpu0) / 1e9;
            double pb = (allocated() - al0) / (double) p.read();
            long hp = peakHeap();
            double ps = p.read() / (p.nanos() / 1e9);
            double pc = p.read() / pcpu;
            System.out.printf(Locale.ROOT, "rep %d parse-only : %,12.0f lines/s  %6.2f s  (%,12.0f lines per CPU-second of this thread)  "
                    + "%,.0f B allocated per line  peak heap %,5d MiB  GCs %d%n", r, ps, p.nanos() / 1e9, pc, pb, hp >> 20, gcCount() - gc0);
            resetPeaks();
            gc0 = gcCount();
            cpu0 = cpu();
            al0 = allocated();
            BulkAssessment.Summary a = BulkAssessment.run(assessor, in, out, rej, BulkAssessment.Options.defaults().withTotals(totals));
            double acpu = (cpu() - cpu0) / 1e9;
            double ab = (allocated() - al0) / (double) a.read();
            long ha = peakHeap();
            double as = a.read() / (a.nanos() / 1e9);
            double ac = a.read() / acpu;
            System.out.printf(Locale.ROOT, "rep %d assess     : %,12.0f lines/s  %6.2f s  (%,12.0f lines per CPU-second of this thread)  "
                            + "%,.0f B allocated per line  peak heap %,5d MiB  GCs %d  (%,d assessed, %,d prohibited, %,d rejected, reconciles %b)  "
                            + "ratio %.2f wall, %.2f CPU%n", r, as, a.nanos() / 1e9, ac, ab, ha >> 20, gcCount() - gc0, a.assessed(),
                    a.prohibited(), a.rejected(), a.reconciles(), ps / as, pc / ac);
            if (r > 1 || reps == 1) cpuRatios.add(pc / ac); // the first rep's JIT warm-up left out when there are others
            bestParseCpu = Math.max(bestParseCpu, pc);
            bestAssessCpu = Math.max(bestAssessCpu, ac);
            bestParse = Math.max(bestParse, ps);
            bestAssess = Math.max(bestAssess, as);
            peakParse = Math.max(peakParse, hp);
            peakAssess = Math.max(peakAssess, ha);
        }
        System.out.printf(Locale.ROOT, "best: parse-only %,.0f lines/s, assess %,.0f lines/s, ratio %.2f; per CPU-second: "
                        + "parse-only %,.0f, assess %,.0f, ratio %.2f; peak heap parse %,d MiB, assess %,d MiB%n", bestParse, bestAssess,
                bestParse / bestAssess, bestParseCpu, bestAssessCpu, bestParseCpu / bestAssessCpu, peakParse >> 20, peakAssess >> 20);
        // on a shared machine the best reps of the two passes may come from different minutes: the median of the per-rep
        // ratios (each rep's two passes back to back) is the steadier figure
        if (cpuRatios.isEmpty()) return;
        java.util.Collections.sort(cpuRatios);
        int m = cpuRatios.size();
        System.out.printf(Locale.ROOT, "per-rep CPU ratios (reps %s): median %.2f, range %.2f-%.2f%n", reps > 1 ? "2-" + reps : "1",
                m % 2 == 1 ? cpuRatios.get(m / 2) : (cpuRatios.get(m / 2 - 1) + cpuRatios.get(m / 2)) / 2, cpuRatios.get(0),
                cpuRatios.get(m - 1));
    }

    /**
     * The share of parsed lines (of the first {@code max}) that {@link Assessor#assessBulk} answers on its fast path, the
     * bytes the fast path allocates per line it answers (a second pass, so the plan compiled in the first is not counted;
     * measured around the call with this thread's allocation counter), and the share it answers with a rejection.
     */
    private static double[] fastShare(Assessor assessor, Path in, int max) throws IOException {
        long parsed = 0;
        long fast = 0;
        long rejected = 0;
        long bytes = 0;
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        lodestone.border.BulkResult out = new lodestone.border.BulkResult();
        for (int pass = 0; pass < 2; pass++) {
            parsed = 0;
            fast = 0;
            rejected = 0;
            bytes = 0;
            try (lodestone.border.bulk.BulkReader r = lodestone.border.bulk.BulkReader.open(Files.newInputStream(in),
                    BulkAssessment.inputFormat(in), in.toString(), false)) {
                while (parsed < max && r.next()) {
                    if (r.entry() == null) continue;
                    parsed++;
                    out.given(r.entry(), r.valueCents(), r.usContentCents(), r.metalContentCents());
                    long b0 = mx.getCurrentThreadAllocatedBytes();
                    boolean f = assessor.assessBulk(r.entry(), out);
                    long b1 = mx.getCurrentThreadAllocatedBytes();
                    if (f) {
                        fast++;
                        if (out.rejected()) rejected++;
                        bytes += b1 - b0;
                    }
                }
            }
        }
        return new double[]{100.0 * fast / Math.max(1, parsed), (double) bytes / Math.max(1, fast), 100.0 * rejected / Math.max(1, parsed)};
    }

    /**
     * CPU time of this thread: on a shared 2-core machine wall time also measures the neighbours'
     * builds; the bulk path runs on this one thread (GC and JIT threads are not counted).
     */
    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Bytes allocated by this thread so far (the bulk path runs on it): divided by lines, the per-line garbage. */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound of the heap in use at any moment. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, g.getCollectionCount());
        return n;
    }
}
