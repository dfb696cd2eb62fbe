package lodestone.cli;

import lodestone.border.Assessor;
import lodestone.border.bulk.BulkAssessment;
import lodestone.regime.Regime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lodestone assess-file}: a bulk file of entry lines in, one result per line out. */
@Command(name = "assess-file", mixinStandardHelpOptions = true,
        description = {"Streams a bulk file of entry lines (CSV with a header, or JSON Lines when the name ends in .jsonl or .ndjson) "
                + "through the assessment: one result per line to OUT, rejected lines with their line number, field and "
                + "reason to REJECTS. Counts always reconcile: read = assessed + prohibited + rejected.",
                "A malformed header stops with a message and exit code 2, a file that cannot be read or written with exit code 3; "
                        + "either leaves no output file. Rejected lines are an answer (exit code 0), unless more than --max-rejects allows (exit code 1, the outputs written).",
                "Columns and output: docs/bulk-format.md."},
        footer = {"", "Examples:",
                "  lodestone assess-file examples/bulk/entries.csv --out /tmp/results.csv --rejects /tmp/rejects.csv",
                "  lodestone assess-file entries.csv --out results.jsonl --format jsonl --ignore-unknown",
                "  lodestone assess-file march.csv --out march-results.csv --totals march-totals.csv",
                "", Failures.EXIT_CODES})
final class AssessFileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IN", description = "The input file (.csv, or .jsonl or .ndjson for JSON Lines).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Where to write the results.")
    Path out;

    @Option(names = "--rejects", paramLabel = "REJECTS", description = "Where to write rejected lines (CSV: line,line_id,field,reason). "
            + "Rejected lines also appear in OUT with status 'rejected'.")
    Path rejects;

    @Option(names = "--totals", paramLabel = "TOTALS", description = "Where to write the duty totals by origin, HS heading and measure "
            + "(CSV: group,key,measure,title,lines,prohibited,total_duty; JSON when the name ends in .json). The summary printed "
            + "after the run shows the largest ten of each.")
    Path totals;

    @Option(names = "--format", paramLabel = "csv|jsonl", description = "Output format (default: csv).")
    BulkAssessment.Format format = BulkAssessment.Format.CSV;

    @Option(names = "--ignore-unknown", description = "Ignore columns the format does not define (default: they are an error).")
    boolean ignoreUnknown;

    @Option(names = "--max-rejects", paramLabel = "N|P%", description = "Exit 1 when more lines than this are rejected: a count "
            + "(0: any rejected line) or a share of the lines read (2%%). The outputs are written all the same. Default: no limit "
            + "(exit 0 whatever was rejected).")
    String maxRejects;

    @CommandLine.Mixin
    RegimeOption regimeOption = new RegimeOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        checkPaths();
        RejectLimit limit = RejectLimit.parse(maxRejects);
        Regime regime = regimeOption.open();
        Assessor assessor = lodestone.border.origin.PreferenceOriginVerifier.assessorFor(regime);
        PrintWriter err = spec.commandLine().getErr();
        boolean tty = Terminal.isInteractive();
        long start = System.nanoTime();
        BulkAssessment.Summary s;
        // stopped by Ctrl-C or SIGTERM, the outputs' unfinished parts are removed as the JVM stops (a kill -9 leaves them, hidden:
        // the next run removes them); the targets keep what they held
        Thread removeParts = new Thread(() -> {
            removeStaleParts(out);
            if (rejects != null) removeStaleParts(rejects);
        }, "remove-unfinished-results");
        Runtime.getRuntime().addShutdownHook(removeParts);
        try {
            s = BulkAssessment.run(assessor, in, out, rejects, new BulkAssessment.Options(ignoreUnknown, format, n -> {
                if (!tty) return;
                double secs = (System.nanoTime() - start) / 1e9;
                err.printf(Locale.ROOT, "\rassessing %s: %,d lines (%,.0f lines/s)   ", in.getFileName(), n, n / Math.max(secs, 1e-9));
                err.flush();
            }));
        } catch (BulkAssessment.BulkFileException e) {
            throw new Failures.UserError(e.unreadable() ? Failures.ENVIRONMENT : Failures.REFUSED, e.getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(removeParts);
            } catch (IllegalStateException stopping) {
                // the JVM is stopping (Ctrl-C): the hook runs
            }
        }
        if (tty) err.println();
        PrintWriter o = spec.commandLine().getOut();
        double secs = s.nanos() / 1e9;
        o.printf(Locale.ROOT, "read %,d %s: %,d assessed, %,d prohibited, %,d rejected%s%n", s.read(), s.read() == 1 ? "line" : "lines",
                s.assessed(), s.prohibited(), s.rejected(), s.reconciles() ? "" : "  (COUNTS DO NOT RECONCILE — please report)");
        o.printf(Locale.ROOT, "total duty $%,.2f on the assessed lines [regime %s]%n", s.totalDuty(), regime.id());
        printTotals(o, s.totals());
        printDuplicates(o, s);
        if (totals != null) writeTotals(s.totals());
        o.printf(Locale.ROOT, "results: %s%s%s%n", out, rejects == null ? "" : "; rejects: " + rejects, totals == null ? "" : "; totals: " + totals);
        o.printf(Locale.ROOT, "%.2f s (%,.0f lines/s)%n", secs, s.read() / Math.max(secs, 1e-9));
        if (limit != null && limit.exceededBy(s.rejected(), s.read())) {
            err.printf(Locale.ROOT, "lodestone: %,d of %,d %s rejected (%s), more than --max-rejects %s%s%n", s.rejected(), s.read(),
                    s.read() == 1 ? "line" : "lines", RejectLimit.percent(s.rejected(), s.read()), maxRejects,
                    rejects == null ? "; their reasons are in " + out : "; their reasons are in " + rejects);
            err.flush();
            return Failures.NO_ANSWER;
        }
        return 0;
    }

    /**
     * {@code --max-rejects}: how many rejected lines a run may have and still exit 0, as a count or a share of the lines
     * read — for a script or a CI step that must stop on a file gone wrong (a run whose every line was rejected exited 0).
     */
    record RejectLimit(long count, java.math.BigDecimal percent) {
        static RejectLimit parse(String v) {
            if (v == null) return null;
            String t = v.strip();
            try {
                if (t.endsWith("%")) {
                    java.math.BigDecimal p = new java.math.BigDecimal(t.substring(0, t.length() - 1).strip());
                    if (p.signum() >= 0 && p.compareTo(java.math.BigDecimal.valueOf(100)) <= 0) return new RejectLimit(-1, p);
                } else if (t.chars().allMatch(Character::isDigit) && !t.isEmpty() && t.length() <= 18) {
                    return new RejectLimit(Long.parseLong(t), null);
                }
            } catch (NumberFormatException bad) {
                // said below
            }
            throw new Failures.UserError(Failures.REFUSED, "--max-rejects: '" + v + "' is not a limit; expected a count of lines (0, 100) "
                    + "or a share of the lines read from 0% to 100% (2%, 0.5%)");
        }

        boolean exceededBy(long rejected, long read) {
            if (percent == null) return rejected > count;
            // rejected / read > percent / 100, in integers: exact at the edge (2 of 100 is not more than 2%)
            return java.math.BigDecimal.valueOf(rejected).multiply(java.math.BigDecimal.valueOf(100))
                    .compareTo(percent.multiply(java.math.BigDecimal.valueOf(read))) > 0;
        }

        static String percent(long rejected, long read) {
            return String.format(Locale.ROOT, "%.2f %%", read == 0 ? 0.0 : 100.0 * rejected / read);
        }
    }

    /** How many rows of each breakdown the summary prints; the rest are summed in one line, so each column adds up to the total. */
    static final int SHOWN = 10;

    /**
     * The totals by measure, origin and heading, largest first, each at most {@link #SHOWN} rows and the rest summed on one
     * line: each breakdown adds up to the total duty printed above it (docs/bulk-format.md, "Totals").
     */
    static void printTotals(PrintWriter o, lodestone.border.bulk.BulkTotals t) {
        if (t.isEmpty()) return;
        breakdown(o, "by measure", t.byMeasure(), true);
        breakdown(o, "by origin", t.byOrigin(), false);
        breakdown(o, "by heading", t.byHeading(), false);
    }

    private static void breakdown(PrintWriter o, String what, java.util.List<lodestone.border.bulk.BulkTotals.Row> rows, boolean measures) {
        java.util.List<lodestone.border.bulk.BulkTotals.Row> sorted = new java.util.ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparing(lodestone.border.bulk.BulkTotals.Row::duty).reversed()
                .thenComparing(lodestone.border.bulk.BulkTotals.Row::key));
        o.printf(Locale.ROOT, "%s:%n", what);
        java.math.BigDecimal rest = java.math.BigDecimal.ZERO.setScale(2);
        long restLines = 0;
        for (int i = 0; i < sorted.size(); i++) {
            lodestone.border.bulk.BulkTotals.Row r = sorted.get(i);
            if (i >= SHOWN) {
                rest = rest.add(r.duty());
                restLines += r.lines();
                continue;
            }
            String label = measures ? r.key() + (r.title().isEmpty() ? "" : "  " + r.title())
                    : r.key() + (r.prohibited() > 0 ? String.format(Locale.ROOT, "  (%,d prohibited, no duty)", r.prohibited()) : "");
            if (label.length() > 70) label = label.substring(0, 69) + "…";
            o.printf(Locale.ROOT, "  %16s  %,9d %s  %s%n", money(r.duty()), r.lines(), r.lines() == 1 ? "line " : "lines", label);
        }
        if (sorted.size() > SHOWN) {
            o.printf(Locale.ROOT, "  %16s  %,9d %s  (%d more%s)%n", money(rest), restLines, restLines == 1 ? "line " : "lines",
                    sorted.size() - SHOWN, " — all in --totals");
        }
    }

    private static String money(java.math.BigDecimal v) {
        return String.format(Locale.ROOT, "$%,.2f", v);
    }

    /** Lines whose id an earlier line had, and whether every id could be checked. */
    static void printDuplicates(PrintWriter o, BulkAssessment.Summary s) {
        if (s.duplicateIds() > 0) {
            o.printf(Locale.ROOT, "repeated line ids: %,d %s an id an earlier line had (warned in %s row; most often a file concatenated twice)%n",
                    s.duplicateIds(), s.duplicateIds() == 1 ? "line has" : "lines have", s.duplicateIds() == 1 ? "its" : "their");
        }
        if (s.duplicateCheckStoppedAt() > 0) {
            o.printf(Locale.ROOT, "repeated line ids: from line %,d on, ids first seen were no longer remembered (more than %,d distinct ids): "
                    + "their repeats are not warned of%n", s.duplicateCheckStoppedAt(), BulkAssessment.DUPLICATE_ID_CAPACITY);
        }
    }

    /** The totals file, written beside its target and moved into place, as the results are. */
    void writeTotals(lodestone.border.bulk.BulkTotals t) {
        String text = totals.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                ? Json.write(t.toJson()) + "\n" : t.csv(); // as the page saves GET /api/bulk-jobs/{id}/totals
        try {
            Replacement.write(totals, text);
        } catch (java.io.IOException e) {
            throw new Failures.UserError(Failures.ENVIRONMENT, "--totals: " + (e instanceof java.nio.file.FileSystemException fs
                    && fs.getReason() != null ? totals + ": " + fs.getReason() : "cannot write " + totals + ": " + e.getMessage()));
        }
    }

    /**
     * Before anything is read or written: {@code --out DIR} becomes {@code DIR/<input>-results.<format>}; an output
     * that is the input, or both outputs the same file, is refused (it would be overwritten); and the
     * temporary files a killed earlier run left beside the outputs ({@code .<name>.<random>.part}) are removed.
     */
    void checkPaths() {
        // '-' is not standard input or output here: the file is read by name (its format is told by it) and the outputs are
        // moved into place when complete; taken as a file's name it would have been read, or written, as a file called '-'
        if (in.toString().equals("-")) {
            throw new Failures.UserError(Failures.REFUSED, "IN: '-' (standard input) is not read by assess-file: give the file's name "
                    + "(.csv, or .jsonl/.ndjson for JSON Lines; ./- for a file named '-')");
        }
        for (var o : new Object[][]{{"--out", out}, {"--rejects", rejects}, {"--totals", totals}}) {
            if (o[1] != null && o[1].toString().equals("-")) {
                throw new Failures.UserError(Failures.REFUSED, o[0] + ": '-' (standard output) is not written by assess-file: the results are "
                        + "written beside their target and moved into place when complete, and the summary is printed on standard output; "
                        + "give a file name (./- for a file named '-')");
            }
        }
        if (Files.isDirectory(out)) {
            String stem = in.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            out = out.resolve(stem + "-results." + (format == BulkAssessment.Format.JSONL ? "jsonl" : "csv"));
        }
        if (rejects != null && Files.isDirectory(rejects)) {
            throw new Failures.UserError(Failures.REFUSED, "--rejects: " + rejects + " is a directory; expected a file name");
        }
        if (same(out, in)) throw new Failures.UserError(Failures.REFUSED, "--out: " + out + " is the input file; it would be overwritten");
        if (rejects != null && same(rejects, in)) {
            throw new Failures.UserError(Failures.REFUSED, "--rejects: " + rejects + " is the input file; it would be overwritten");
        }
        if (rejects != null && same(rejects, out)) {
            throw new Failures.UserError(Failures.REFUSED, "--rejects: " + rejects + " is also --out; give two different files");
        }
        if (totals != null) {
            if (Files.isDirectory(totals)) throw new Failures.UserError(Failures.REFUSED, "--totals: " + totals + " is a directory; expected a file name");
            if (same(totals, in)) throw new Failures.UserError(Failures.REFUSED, "--totals: " + totals + " is the input file; it would be overwritten");
            if (same(totals, out) || (rejects != null && same(totals, rejects))) {
                throw new Failures.UserError(Failures.REFUSED, "--totals: " + totals + " is also --out or --rejects; give different files");
            }
            Path dir = totals.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new Failures.UserError(Failures.ENVIRONMENT, "--totals: cannot write " + totals + ": no such directory " + dir);
            }
        }
        int removed = removeStaleParts(out) + (rejects == null ? 0 : removeStaleParts(rejects)) + (totals == null ? 0 : removeStaleParts(totals));
        if (removed > 0) {
            spec.commandLine().getErr().printf("removed %d temporary %s left by an earlier run that did not finish%n", removed,
                    removed == 1 ? "file" : "files");
        }
    }

    /** Whether two paths name the same file (existing or not). */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            // fall through to comparing the names
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    static int removeStaleParts(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) return 0;
        String prefix = "." + target.getFileName() + ".";
        int n = 0;
        try (var files = Files.newDirectoryStream(dir, p -> {
            String f = p.getFileName().toString();
            return f.startsWith(prefix) && f.endsWith(".part") && Files.isRegularFile(p);
        })) {
            for (Path p : files) {
                Files.deleteIfExists(p);
                n++;
            }
        } catch (java.io.IOException e) {
            // what cannot be removed stays; the run itself is unaffected
        }
        return n;
    }
}
