package lodestone.spark;

import lodestone.border.bulk.BulkAssessment;
import lodestone.regime.RegimeInvalidException;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code lodestone spark …}: the Spark jobs' command line, both for the launcher ({@code ./lodestone spark
 * assess …}, local mode) and for {@code spark-submit} on a cluster (the master then comes from spark-submit).
 * Exit codes as the main command line: 0 done, 1 no answer (a Monte Carlo sweep with no usable draw), 2 bad usage or
 * input, an invalid regime included (and a file that could not be processed — the others' results are written),
 * 3 environment.
 */
@Command(name = "lodestone spark", mixinStandardHelpOptions = true, subcommands = {SparkMain.Assess.class, SparkMain.MonteCarloSweep.class},
        description = "Runs Lodestone's engines as Apache Spark jobs (docs/spark.md).")
public final class SparkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SparkMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof SparkBulk.JobException || ex instanceof IllegalArgumentException) {
                line.getErr().println("lodestone spark: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof java.io.UncheckedIOException || ex instanceof org.apache.spark.SparkException) {
                // the environment (the output folder, the cluster), not the input: one line, no stack trace, exit code 3
                String m = ex.getMessage() == null ? ex.toString() : ex.getMessage();
                int nl = m.indexOf('\n');
                line.getErr().println("lodestone spark: the job failed: " + (nl < 0 ? m : m.substring(0, nl))
                        + (ex.getCause() != null ? " (" + ex.getCause().getMessage() + ")" : "")
                        + "; the output folder has no _summary.json: its parts are incomplete");
                return 3;
            }
            if (ex instanceof RegimeInvalidException) {
                line.getErr().println("lodestone spark: the regime is invalid:\n" + ex.getMessage());
                return 2; // input refused, as for every command (docs/architecture.md)
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "assess", mixinStandardHelpOptions = true,
            description = {"Assesses bulk files (CSV with a header, JSON Lines (.jsonl, .ndjson) or Parquet (.parquet, a file or a data set folder)) as a Spark job: the files are cut into "
                    + "byte ranges assessed in parallel by the same engine as `lodestone assess-file`; for each input file "
                    + "NAME, OUT/NAME/results-*.csv concatenated in order are byte for byte what assess-file writes, and "
                    + "OUT/NAME/rejects-*.csv its rejects. OUT/_summary.json has the counts, which reconcile.",
                    "A file that cannot be processed (unreadable, empty, a malformed header) is named with the reason and "
                            + "leaves no output; the others are processed (exit code 2).",
                    "OUT/_summary.json is written last: a folder without it is a job that did not finish (killed, failed), "
                            + "its parts a partial set; delete it and run again.",
                    "Exit codes: 0 done, 2 input refused or a file not processed (the summary names it), "
                            + "3 the output could not be written or the job failed."},
            footer = {"", "Examples:",
                    "  lodestone spark assess examples/bulk/entries.csv --out /tmp/assessed",
                    "  lodestone spark assess 'entries/*.csv' --out /tmp/assessed --master 'local[2]'",
                    "  spark-submit --class lodestone.spark.SparkMain spark/target/lodestone-spark-job.jar assess 'hdfs:///entries/*.csv' --out hdfs:///assessed"})
    static final class Assess implements Callable<Integer> {
        @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Files, folders or glob patterns (quote them).")
        List<String> inputs;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new folder for the results.")
        String out;

        @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
        String master;

        @Option(names = "--regime", paramLabel = "REGIME", description = "bundled (default), bundled:NAME, a folder or a manifest.")
        String regime = "bundled";

        @Option(names = "--format", paramLabel = "csv|jsonl|parquet", description = "Results format (default: csv); parquet writes "
                + "results and rejects as two Parquet data sets per input file.")
        String format = "csv";

        @Option(names = "--range-mb", paramLabel = "MB", description = "Bytes of input per task, in MiB (default: the input cut into "
                + "4 ranges per core, between 1 and 64 MiB each).")
        Long rangeMb;

        @Option(names = "--range-bytes", hidden = true, description = "Bytes of input per task (tests).")
        Long rangeBytes;

        @Option(names = "--ignore-unknown", description = "Ignore columns the format does not define.")
        boolean ignoreUnknown;

        @Option(names = "--skip-repeated-ids", description = "Do not look for repeated line ids. By default the ids of a file whose "
                + "ids are not in order across its ranges are compared across them, and the ranges holding a repeat assessed "
                + "again, so that a repeat is warned of wherever its first line was, as assess-file warns of it (docs/spark.md).")
        boolean skipRepeatedIds;

        @Option(names = "--repeat-pass", paramLabel = "auto|ranges|file", description = "How a file whose line ids are out of order "
                + "across its ranges is checked for repeats: 'ranges' compares its ids across the ranges and assesses again those "
                + "holding a repeat (spread over the cores); 'file' assesses it again as one piece in one task; 'auto' (default): "
                + "'ranges' with " + SparkBulk.RANGES_FROM_CORES + " cores or more, else 'file' (docs/spark.md).")
        String repeatPass = "auto";

        @Option(names = "--json", description = "Print the summary as JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            SparkBulk.Output fmt = switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> SparkBulk.Output.CSV;
                case "jsonl" -> SparkBulk.Output.JSONL;
                case "parquet" -> SparkBulk.Output.PARQUET;
                default -> throw new IllegalArgumentException("--format: '" + format + "' is not a results format; expected csv, jsonl or parquet");
            };
            if (rangeMb != null && (rangeMb < 1 || rangeMb > 2047)) {
                throw new IllegalArgumentException("--range-mb: " + rangeMb + " is out of range; expected 1 to 2047");
            }
            SparkBulk.RepeatPass pass = switch (repeatPass.toLowerCase(Locale.ROOT)) {
                case "auto" -> SparkBulk.RepeatPass.AUTO;
                case "ranges" -> SparkBulk.RepeatPass.RANGES;
                case "file" -> SparkBulk.RepeatPass.FILE;
                default -> throw new IllegalArgumentException("--repeat-pass: '" + repeatPass + "' is not a pass; expected auto, ranges or file");
            };
            err.println("lodestone spark: loading the regime (" + regime + ")");
            RegimePayload payload = RegimePayload.of(regime);
            SparkSession spark = session(master);
            long range;
            if (rangeBytes != null) range = rangeBytes;
            else if (rangeMb != null) range = rangeMb << 20;
            else range = SparkBulk.balancedRange(spark, inputs, spark.sparkContext().defaultParallelism());
            SparkBulk.Options opt = new SparkBulk.Options(fmt, ignoreUnknown, range, !skipRepeatedIds, pass);
            boolean tty = System.console() != null;
            followTasks(spark, err, tty, -1);
            SparkBulk.Summary s;
            try {
                s = SparkBulk.run(spark, inputs, out, payload, opt, m -> {
                    if (tty) err.println();
                    err.println("lodestone spark: " + m);
                });
            } finally {
                spark.stop();
            }
            if (tty) err.println();
            if (json) {
                o.print(SparkBulk.summaryJson(s));
            } else {
                o.printf(Locale.ROOT, "read %,d lines: %,d assessed, %,d prohibited, %,d rejected%s%n", s.read(), s.assessed(),
                        s.prohibited(), s.rejected(), s.reconciles() ? "" : "  (COUNTS DO NOT RECONCILE — please report)");
                o.printf(Locale.ROOT, "total duty $%,.2f on the assessed lines; %,d file(s), results in %s (summary: _summary.json)%n",
                        s.totalDuty(), s.files().size(), out);
                o.printf(Locale.ROOT, "%.2f s (%,.0f lines/s)%n", s.nanos() / 1e9, s.read() / Math.max(s.nanos() / 1e9, 1e-9));
                for (SparkBulk.FileSummary f : s.files()) {
                    if (f.error() != null) continue;
                    if (f.duplicateIds() > 0) o.printf(Locale.ROOT, "repeated line ids: %,d lines of %s have an id an earlier line had "
                            + "(each warned of in its row)%n", f.duplicateIds(), f.input());
                    else if (!f.idsChecked() && f.repeatedIds() != null && !f.repeatedIds().contains("--skip-repeated-ids")) {
                        o.printf(Locale.ROOT, "repeated line ids of %s: %s%n", f.input(), f.repeatedIds());
                    }
                }
            }
            o.flush();
            for (SparkBulk.FileSummary f : s.failed()) err.println("lodestone spark: not processed: " + f.error());
            return s.failed().isEmpty() ? 0 : 2;
        }
    }

    @Command(name = "montecarlo", mixinStandardHelpOptions = true,
            description = {"A Monte Carlo sweep of a scenario with a horizon as a Spark job: draws cut into ranges run on the executors; "
                    + "draw i is the path `lodestone montecarlo` computes for draw i with the same seed (cold starts), whatever the "
                    + "partitioning. Statistics per metric and year are exact (count, mean, sd, se, P5/P25/P50/P75/P95); draws without "
                    + "an equilibrium are counted and sampled."},
            footer = {"", "Examples:",
                    "  lodestone spark montecarlo gallium-2025-2035 --draws 1000 --seed 7 --metric 'price[US]'",
                    "  lodestone spark montecarlo my-scenario.yaml --draws 100000 --partitions 64 --out /tmp/draws --json"})
    static final class MonteCarloSweep implements Callable<Integer> {
        @Parameters(paramLabel = "SCENARIO", description = "A bundled scenario's name or a scenario file (docs/scenario-format.md).")
        String scenario;

        @Option(names = "--draws", required = true, paramLabel = "N", description = "How many draws.")
        long draws;

        @Option(names = "--seed", paramLabel = "S", description = "Master seed (default 1).")
        long seed = 1;

        @Option(names = "--metric", paramLabel = "METRIC", description = "A metric to summarise (repeatable; default: all).")
        List<String> metrics = new java.util.ArrayList<>();

        @Option(names = "--partitions", paramLabel = "P", description = "Ranges of draws (default: the cluster's default parallelism × 4).")
        Integer partitions;

        @Option(names = "--out", paramLabel = "DIR", description = "Also write every draw's values as CSV (draw, metric, year, value).")
        String out;

        @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
        String master;

        @Option(names = "--regime", paramLabel = "REGIME", description = "The regime the scenario is checked against (default bundled).")
        String regime = "bundled";

        @Option(names = "--json", description = "Print the statistics as JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter o = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String text;
            String fileName;
            java.nio.file.Path f = java.nio.file.Path.of(scenario);
            if (java.nio.file.Files.isRegularFile(f)) {
                try { // as the command line reads a scenario: a byte-order mark dropped, UTF-16 or Windows-1252 said as such
                    text = lodestone.regime.io.UserText.read(f);
                } catch (lodestone.regime.io.UserText.NotUtf8 e) {
                    throw new IllegalArgumentException(f + ": " + e.getMessage());
                }
                fileName = f.getFileName().toString();
            } else {
                text = lodestone.market.Scenario.bundledText(scenario);
                if (text == null) throw new IllegalArgumentException(scenario + ": no such file and no bundled scenario of that name");
                fileName = scenario.endsWith(".yaml") ? scenario : scenario + ".yaml";
            }
            RegimePayload payload = RegimePayload.of(regime);
            // the executors get the text alone: a baseline beside the file must not become the bundled one of that name
            if (java.nio.file.Files.isRegularFile(f)) SparkMonteCarlo.sameScenarioAsTheFile(f, text, fileName, payload);
            SparkSession spark = session(master);
            SparkMonteCarlo.Summary s;
            try {
                int p = partitions != null ? partitions : spark.sparkContext().defaultParallelism() * 4;
                err.println("lodestone spark: " + draws + " draws of " + scenario + " in " + p + " range(s)");
                boolean tty = System.console() != null;
                followTasks(spark, err, tty, p);
                s = SparkMonteCarlo.run(spark, text, fileName, payload, draws, seed, metrics, p, out);
            } finally {
                spark.stop();
            }
            if (json) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("scenario", s.scenario());
                m.put("draws", s.draws());
                m.put("seed", s.seed());
                m.put("failures", s.failures());
                m.put("failure_samples", s.failureSamples());
                m.put("expectations", s.expectations());
                m.put("unconverged", s.unconverged());
                m.put("out_of_range", s.leftOut());
                m.put("warnings", s.warnings());
                m.put("partitions", s.partitions());
                m.put("metrics", s.stats());
                // what the sweep was made from, as the local command says it (the regime, the scenario text's SHA-256)
                java.util.Map<String, Object> made = SparkMonteCarlo.scenario(text, fileName, payload).madeFrom();
                if (!made.isEmpty()) m.put("made_from", made);
                m.put("seconds", s.nanos() / 1e9);
                o.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(m));
            } else {
                o.printf(Locale.ROOT, "%s: %,d draws (seed %d) in %d ranges, %,d without an equilibrium; %.1f s%n", s.scenario(), s.draws(),
                        s.seed(), s.partitions(), s.failures(), s.nanos() / 1e9);
                for (String f2 : s.failureSamples()) o.println("  no equilibrium: " + f2);
                for (String w : s.warnings()) o.println("warning: " + w);
                if (s.expectations().equals("perfect-foresight")) {
                    o.printf(Locale.ROOT, "projects decide with perfect foresight; %,d solved draw(s) whose build decisions did not converge%n",
                            s.unconverged());
                }
                for (var e : s.stats().entrySet()) {
                    o.println(e.getKey() + "   year      mean        sd       P5      P50      P95");
                    for (var y : e.getValue().entrySet()) {
                        var st = y.getValue();
                        o.printf(Locale.ROOT, "  %s  %9.4g %9.3g %8.4g %8.4g %8.4g%n", y.getKey(), st.get("mean"), st.get("sd"), st.get("p5"),
                                st.get("p50"), st.get("p95"));
                    }
                }
            }
            o.flush();
            if (s.failures() + s.leftOut() >= s.draws()) {
                err.println("lodestone spark: no draw could be used (every draw failed or fell outside its parameters' values)");
                return 1; // the question has no answer, as the local montecarlo says it
            }
            return 0;
        }
    }

    /**
     * Progress on standard error: the tasks done (the first {@code total} of them — a Monte Carlo sweep's ranges of
     * draws, which its first job runs — when a total is given, else a count), rewritten in place
     * on a terminal; off a terminal nothing is printed per task (a log file gets the passes' lines only).
     */
    static void followTasks(SparkSession spark, PrintWriter err, boolean tty, long total) {
        if (!tty) return;
        AtomicLong tasks = new AtomicLong();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd e) {
                long n = tasks.incrementAndGet();
                if (total > 0 && n <= total) { // the first job's tasks are the ranges; the later ones summarise them
                    err.printf(Locale.ROOT, "\r  %,d of %,d range(s) done (%d%%)%s", n, total, 100 * n / total,
                            n == total ? "; summarising\n" : "   ");
                } else if (total <= 0) {
                    err.printf(Locale.ROOT, "\r  %,d task(s) done   ", n);
                }
                err.flush();
            }
        });
    }

    /** A session on the given master, spark-submit's when none is given, else every local core. */
    static SparkSession session(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("lodestone");
        String m = master != null ? master : System.getProperty("spark.master", "local[*]");
        b.master(m);
        if (m.startsWith("local")) {
            b.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.showConsoleProgress", "false");
        }
        return b.getOrCreate();
    }
}
