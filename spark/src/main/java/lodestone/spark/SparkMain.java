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
 * Exit codes as the main command line: 0 done, 1 invalid regime, 2 bad usage or input (including a file that
 * could not be processed — the others' results are written), 3 environment.
 */
@Command(name = "lodestone spark", mixinStandardHelpOptions = true, subcommands = {SparkMain.Assess.class},
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
            if (ex instanceof RegimeInvalidException) {
                line.getErr().println("lodestone spark: the regime is invalid:\n" + ex.getMessage());
                return 1;
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
            description = {"Assesses bulk files (CSV with a header, or JSON Lines) as a Spark job: the files are cut into "
                    + "byte ranges assessed in parallel by the same engine as `lodestone assess-file`; for each input file "
                    + "NAME, OUT/NAME/results-*.csv concatenated in order are byte for byte what assess-file writes, and "
                    + "OUT/NAME/rejects-*.csv its rejects. OUT/_summary.json has the counts, which reconcile.",
                    "A file that cannot be processed (unreadable, empty, a malformed header) is named with the reason and "
                            + "leaves no output; the others are processed (exit code 2)."},
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

        @Option(names = "--format", paramLabel = "csv|jsonl", description = "Results format (default: csv).")
        String format = "csv";

        @Option(names = "--range-mb", paramLabel = "MB", description = "Bytes of input per task, in MiB (default: 64).")
        long rangeMb = 64;

        @Option(names = "--range-bytes", hidden = true, description = "Bytes of input per task (tests).")
        Long rangeBytes;

        @Option(names = "--ignore-unknown", description = "Ignore columns the format does not define.")
        boolean ignoreUnknown;

        @Option(names = "--json", description = "Print the summary as JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            BulkAssessment.Format fmt = switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> BulkAssessment.Format.CSV;
                case "jsonl" -> BulkAssessment.Format.JSONL;
                default -> throw new IllegalArgumentException("--format: '" + format + "' is not a results format; expected csv or jsonl");
            };
            if (rangeBytes == null && (rangeMb < 1 || rangeMb > 2047)) {
                throw new IllegalArgumentException("--range-mb: " + rangeMb + " is out of range; expected 1 to 2047");
            }
            long range = rangeBytes != null ? rangeBytes : rangeMb << 20;
            SparkBulk.Options opt = new SparkBulk.Options(fmt, ignoreUnknown, range);
            err.println("lodestone spark: loading the regime (" + regime + ")");
            RegimePayload payload = RegimePayload.of(regime);
            SparkSession spark = session(master);
            AtomicLong tasks = new AtomicLong();
            boolean tty = System.console() != null;
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd e) {
                    long n = tasks.incrementAndGet();
                    if (tty) {
                        err.printf(Locale.ROOT, "\r  %,d task(s) done   ", n);
                        err.flush();
                    }
                }
            });
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
            }
            o.flush();
            for (SparkBulk.FileSummary f : s.failed()) err.println("lodestone spark: not processed: " + f.error());
            return s.failed().isEmpty() ? 0 : 2;
        }
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
