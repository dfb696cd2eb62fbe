package lodestone.spark;

import lodestone.border.bulk.BulkAssessment;
import lodestone.border.bulk.BulkTotals;
import lodestone.border.bulk.BulkAssessment.Format;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;

/**
 * Bulk assessment as a Spark job: the same engine ({@link BulkAssessment}) that {@code lodestone assess-file}
 * runs, applied to byte ranges of the input files in parallel, with results that are, file by file, byte for
 * byte what {@code assess-file} writes.
 *
 * <p>Why two passes. A line's number (which rejects and warnings report) is the count of newlines before it,
 * and a task given a byte range cannot know that on its own. Pass 1 counts the newlines of every range
 * (a narrow map, reading each byte once); the driver adds them up (one long per range); pass 2 assesses each
 * range knowing the number of its first line. Neither pass has a wide dependency: there is no shuffle.
 *
 * <p>Which lines a range owns. A range [start, end) owns every line whose first byte lies in it: it skips the
 * tail of a line begun in the range before, and reads past {@code end} to finish its own last line. The bulk
 * formats allow no newline inside a field, so a physical line is a record and every record has exactly one owner.
 *
 * <p>Output, per input file {@code NAME}: {@code OUT/NAME/results-KKKKK.csv} (or {@code .jsonl}) and
 * {@code OUT/NAME/rejects-KKKKK.csv}, one pair per range, headers in range 0 only, so that concatenating a
 * file's parts in order gives exactly the files {@code assess-file} writes. {@code OUT/_summary.json} holds the
 * counts per file and in total; they reconcile (read = assessed + prohibited + rejected). A file that cannot be
 * processed (unreadable, empty, a malformed header) is named in the summary with the reason
 * and leaves no output; the other files' results are kept. Bytes that are not UTF-8 reject their line, as in assess-file.
 *
 * <p>The regime is broadcast as the bytes of its files ({@link RegimePayload}) and compiled once per executor JVM.
 */
public final class SparkBulk {
    private SparkBulk() {
    }

    /** The results' format: the command line's two, and Parquet (results and rejects as two data sets). */
    public enum Output {
        CSV, JSONL, PARQUET;

        /** What the engine writes for this output: Parquet rows are made from its JSON Lines. */
        Format engine() {
            return this == CSV ? Format.CSV : Format.JSONL;
        }

        static Output of(Format f) {
            return f == Format.JSONL ? JSONL : CSV;
        }
    }

    /** Job settings: the output format (with CSV and JSON Lines results, rejects are CSV), unknown columns, range size. */
    public record Options(Output output, boolean ignoreUnknownColumns, long rangeBytes, boolean checkRepeatedIds,
                          RepeatPass repeatPass) implements Serializable {
        public Options {
            if (output == null) throw new IllegalArgumentException("output must be given");
            if (rangeBytes < 1) throw new IllegalArgumentException("rangeBytes must be at least 1");
            if (repeatPass == null) throw new IllegalArgumentException("repeatPass must be given");
        }

        public Options(Output output, boolean ignoreUnknownColumns, long rangeBytes, boolean checkRepeatedIds) {
            this(output, ignoreUnknownColumns, rangeBytes, checkRepeatedIds, RepeatPass.AUTO);
        }

        public Options(Output output, boolean ignoreUnknownColumns, long rangeBytes) {
            this(output, ignoreUnknownColumns, rangeBytes, true);
        }

        public Options(Format outputFormat, boolean ignoreUnknownColumns, long rangeBytes) {
            this(Output.of(outputFormat), ignoreUnknownColumns, rangeBytes, true);
        }

        public static Options defaults() {
            return new Options(Output.CSV, false, 64L << 20, true);
        }

        /** These options with {@code p} as the pass for files whose ids are out of order across ranges. */
        public Options withRepeatPass(RepeatPass p) {
            return new Options(output, ignoreUnknownColumns, rangeBytes, checkRepeatedIds, p);
        }

        BulkAssessment.Options engine() {
            return new BulkAssessment.Options(ignoreUnknownColumns, output.engine(), n -> { });
        }
    }

    /**
     * What became of one input file. {@code error} is null when it was processed; {@code totals} are its duties by origin,
     * heading and measure, as {@code assess-file --totals} gives them (empty for a file that failed).
     */
    public record FileSummary(String input, String output, long bytes, int ranges, long read, long assessed,
                              long prohibited, long rejected, BigDecimal totalDuty, String error, BulkTotals totals,
                              long duplicateIds, String repeatedIds) {
        public FileSummary(String input, String output, long bytes, int ranges, long read, long assessed, long prohibited,
                           long rejected, BigDecimal totalDuty, String error) {
            this(input, output, bytes, ranges, read, assessed, prohibited, rejected, totalDuty, error, new BulkTotals(), 0, null);
        }

        public FileSummary(String input, String output, long bytes, int ranges, long read, long assessed, long prohibited,
                           long rejected, BigDecimal totalDuty, String error, BulkTotals totals) {
            this(input, output, bytes, ranges, read, assessed, prohibited, rejected, totalDuty, error, totals, 0, null);
        }

        /** Whether the file was checked for repeated line ids as {@code assess-file} checks them (see {@link #repeatedIds}). */
        public boolean idsChecked() {
            return repeatedIds != null && !repeatedIds.startsWith(NOT_CHECKED);
        }

        public boolean reconciles() {
            return read == assessed + prohibited + rejected;
        }
    }

    /**
     * How pass 3 checks a file whose ids are out of order across its ranges. {@code RANGES}: its ids compared across the
     * ranges by Spark SQL, the ranges holding repeats assessed again — work spread over the cores, at the price of reading
     * every id again and one shuffle. {@code FILE}: the file assessed again as one piece by one task. {@code AUTO}: RANGES
     * when the job has at least {@link #RANGES_FROM_CORES} cores. Measured (docs/benchmarks.md, "Spark"): on 2 cores a
     * 2,000,000-line file took 29 s by ranges against 9 s as one piece, and 2.4 GB against 1.0 GB of memory; the one
     * piece's time grows with the file and not with the cores, the ranges' shrinks with the cores.
     */
    public enum RepeatPass { AUTO, RANGES, FILE }

    /** The cores from which {@link RepeatPass#AUTO} compares ids across ranges (below: the one-piece pass is cheaper). */
    public static final int RANGES_FROM_CORES = 8;

    /** How {@link FileSummary#repeatedIds} begins for a file whose repeated line ids were not looked for. */
    public static final String NOT_CHECKED = "not checked";
    /** A file whose ranges' ids were in order, each range's after the last: no id can repeat. */
    public static final String IN_ORDER = "checked: the line ids are in order, none repeats";
    /**
     * A file assessed as one piece, as assess-file reads it: a file of one range, or one assessed again because its ranges'
     * ids were not in order.
     */
    public static final String ONE_PIECE = "checked: the file was assessed as one piece, as assess-file reads it";
    /**
     * A file whose ranges' ids were not in order: its ids were compared across its ranges, and the ranges holding a repeat
     * assessed again knowing which lines repeat which (what assess-file would have found).
     */
    public static final String ACROSS_RANGES = "checked: the line ids were compared across the file's ranges, as assess-file would find repeats";

    /** The whole job: every file, and the totals over the files that were processed. */
    public record Summary(List<FileSummary> files, long read, long assessed, long prohibited, long rejected,
                          BigDecimal totalDuty, long nanos, BulkTotals totals) {
        public boolean reconciles() {
            return read == assessed + prohibited + rejected && files.stream().allMatch(f -> f.error() != null || f.reconciles());
        }

        public List<FileSummary> failed() {
            return files.stream().filter(f -> f.error() != null).toList();
        }
    }

    /** An input or output problem that stops the whole job before anything is written (a missing input path…). */
    public static final class JobException extends RuntimeException {
        public JobException(String message) {
            super(message);
        }
    }

    /** One byte range of one input file: the unit of work of both passes. */
    record Range(int file, String path, Format format, int index, long dataStart, long start, long end,
                 byte[] header, long headerLines) implements Serializable { }

    /** Pass 2's answer for one range; {@code totals}: its {@link BulkTotals} as JSON (null when it failed). */
    record RangeResult(int file, int index, long read, long assessed, long prohibited, long rejected, String totalDuty,
                       String error, String totals, BulkAssessment.PieceIds ids, long duplicateIds, long duplicateCheckStoppedAt)
            implements Serializable {
        RangeResult(int file, int index, long read, long assessed, long prohibited, long rejected, String totalDuty, String error) {
            this(file, index, read, assessed, prohibited, rejected, totalDuty, error, null, null, 0, 0);
        }

        /** A range assessed: its counts and totals. */
        static RangeResult of(int file, int index, BulkAssessment.Summary s) {
            return of(file, index, new BulkAssessment.Piece(s, null));
        }

        /** A range assessed: its counts, totals and (when noted) line ids. */
        static RangeResult of(int file, int index, BulkAssessment.Piece p) {
            BulkAssessment.Summary s = p.summary();
            return new RangeResult(file, index, s.read(), s.assessed(), s.prohibited(), s.rejected(), s.totalDuty().toPlainString(),
                    null, s.totals().toJson().toString(), p.ids(), s.duplicateIds(), Math.max(0, s.duplicateCheckStoppedAt()));
        }
    }

    /**
     * Runs the job over {@code inputs} (files, folders — every visible file in them —, or glob patterns, in any
     * Hadoop file system) into the new folder {@code out}.
     */
    public static Summary run(SparkSession spark, List<String> inputs, String out, RegimePayload regime, Options opt,
                              Consumer<String> progress) {
        long t0 = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = jsc.hadoopConfiguration();
        List<FileStatus> files = expand(inputs, conf);
        Path outDir = new Path(out);
        prepareOutput(outDir, conf, files);

        // plan: every file's ranges, after its header is checked on the driver
        List<FileSummary> summaries = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        List<Integer> parquet = new ArrayList<>();
        List<String> outNames = outputNames(files);
        for (int i = 0; i < files.size(); i++) {
            FileStatus st = files.get(i);
            String path = st.getPath().toString();
            Format fmt = BulkAssessment.inputFormat(java.nio.file.Path.of(st.getPath().getName()));
            if (isParquet(st.getPath())) { // assessed below, by the rows of its partitions
                parquet.add(i);
                summaries.add(new FileSummary(path, new Path(outDir, outNames.get(i)).toString(), bytesOf(st, conf), 0, 0, 0, 0, 0,
                        BigDecimal.ZERO.setScale(2), null));
                continue;
            }
            String error = null;
            byte[] header = null;
            long dataStart = 0;
            long headerLines = 0;
            if (fmt == Format.CSV) {
                try {
                    HeaderLine first = headerLine(st.getPath(), conf);
                    byte[] h = first == null ? new byte[0] : stripEol(first.bytes());
                    BulkAssessment.checkHeader(h, path, opt.engine()); // the message assess-file gives, empty file included
                    header = h;
                    dataStart = first.end();
                    headerLines = first.lines();
                } catch (BulkAssessment.BulkFileException e) {
                    error = e.getMessage();
                } catch (IOException | UncheckedIOException e) {
                    error = "cannot read " + path + ": " + e.getMessage();
                }
            }
            int n = 0;
            if (error == null) {
                long len = st.getLen();
                long dataLen = Math.max(0, len - dataStart);
                n = (int) Math.max(1, (dataLen + opt.rangeBytes() - 1) / opt.rangeBytes());
                for (int k = 0; k < n; k++) {
                    long s = dataStart + k * opt.rangeBytes();
                    long e = Math.min(len, s + opt.rangeBytes());
                    ranges.add(new Range(i, path, fmt, k, dataStart, s, Math.max(s, e), header, headerLines));
                }
            }
            summaries.add(new FileSummary(path, new Path(outDir, outNames.get(i)).toString(), st.getLen(), n, 0, 0, 0, 0,
                    BigDecimal.ZERO.setScale(2), error));
        }

        Broadcast<RegimePayload> bRegime = jsc.broadcast(regime);
        List<RangeResult> results = new ArrayList<>();
        List<RangeTask> tasks = new ArrayList<>();
        if (!ranges.isEmpty()) {
            int slices = ranges.size();
            progress.accept(String.format(Locale.ROOT, "pass 1: counting the lines of %,d range(s) in %,d file(s)",
                    slices, files.size()));
            // a range that cannot be read costs its file, never the job (a task's exception would abort every file)
            List<Counted> newlines = jsc.parallelize(ranges, slices).map(SparkBulk::countNewlinesOf).collect();
            for (int r = 0; r < ranges.size(); r++) {
                String e = newlines.get(r).error();
                int fi = ranges.get(r).file();
                if (e != null && summaries.get(fi).error() == null) {
                    FileSummary f = summaries.get(fi);
                    summaries.set(fi, new FileSummary(f.input(), f.output(), f.bytes(), f.ranges(), 0, 0, 0, 0, f.totalDuty(), e));
                }
            }
            // the number of the first line that can start in each range: newlines before it, plus one
            long[] before = new long[ranges.size()];
            long acc = 0;
            int prevFile = -1;
            for (int r = 0; r < ranges.size(); r++) {
                Range rg = ranges.get(r);
                if (rg.file() != prevFile) {
                    acc = rg.headerLines(); // the header's newline and those of blank lines before it
                    prevFile = rg.file();
                }
                before[r] = acc;
                acc += newlines.get(r).newlines();
            }
            for (int r = 0; r < ranges.size(); r++) {
                if (summaries.get(ranges.get(r).file()).error() == null) tasks.add(new RangeTask(ranges.get(r), before[r]));
            }
            String outRoot = outDir.toString();
            progress.accept(String.format(Locale.ROOT, "pass 2: assessing %,d range(s) [regime broadcast: %,d files, %,d bytes]",
                    slices, regime.fileCount(), regime.bytes()));
            if (!tasks.isEmpty()) results.addAll(jsc.parallelize(tasks, tasks.size())
                    .map(t -> assessRange(t, bRegime.value(), opt, outRoot, outNames.get(t.range().file())))
                    .collect());
        }
        // pass 3: a file whose ranges' line ids were not in order is assessed again as one piece, as assess-file reads it,
        // so that a repeated id is warned of wherever its first line was (docs/spark.md, "Repeated line ids")
        Map<Integer, String> idCheck = new java.util.HashMap<>();
        Map<Integer, List<RangeResult>> ofFile = new java.util.TreeMap<>();
        for (RangeResult rr : results) ofFile.computeIfAbsent(rr.file(), k -> new ArrayList<>()).add(rr);
        List<Range> whole = new ArrayList<>();
        for (Map.Entry<Integer, List<RangeResult>> e : ofFile.entrySet()) {
            int fi = e.getKey();
            List<RangeResult> rs = new ArrayList<>(e.getValue());
            rs.sort(java.util.Comparator.comparingInt(RangeResult::index));
            if (summaries.get(fi).error() != null || rs.stream().anyMatch(rr -> rr.error() != null)) continue;
            if (!opt.checkRepeatedIds()) idCheck.put(fi, NOT_CHECKED + " (--skip-repeated-ids)");
            else if (idsInOrder(rs)) idCheck.put(fi, IN_ORDER);
            else if (rs.size() == 1) idCheck.put(fi, ONE_PIECE); // its one range was the whole file: checked as assess-file checks
            else {
                idCheck.put(fi, ONE_PIECE);
                whole.add(ranges.stream().filter(rg -> rg.file() == fi).findFirst().orElseThrow());
            }
        }
        boolean byRanges = opt.repeatPass() == RepeatPass.RANGES
                || opt.repeatPass() == RepeatPass.AUTO && jsc.defaultParallelism() >= RANGES_FROM_CORES;
        if (!whole.isEmpty() && !byRanges) {
            progress.accept(String.format(Locale.ROOT, "pass 3: assessing %,d file(s) again as one piece each, to find repeated line "
                    + "ids (their ids are not in order across ranges): %s", whole.size(),
                    String.join(", ", whole.stream().map(Range::path).toList())));
            assessAgainWhole(whole, jsc, bRegime, opt, outDir, outNames, conf, results);
        } else if (!whole.isEmpty()) {
            Set<Integer> compared = new HashSet<>();
            for (Range rg : whole) compared.add(rg.file());
            List<RangeTask> idTasks = tasks.stream().filter(t -> compared.contains(t.range().file())).toList();
            progress.accept(String.format(Locale.ROOT, "pass 3: comparing the line ids of %,d file(s) across their %,d range(s), to "
                    + "find repeated line ids (their ids are not in order across ranges): %s", whole.size(), idTasks.size(),
                    String.join(", ", whole.stream().map(Range::path).toList())));
            Across across = compareAcross(spark, jsc, idTasks, opt, bRegime, outDir.toString(), outNames);
            List<Range> onePiece = new ArrayList<>();
            for (Range rg : whole) {
                int fi = rg.file();
                if (across.errors().containsKey(fi)) {
                    results.add(new RangeResult(fi, 0, 0, 0, 0, 0, "0", across.errors().get(fi)));
                } else if (across.overCapacity().contains(fi)) {
                    onePiece.add(rg); // more distinct ids than assess-file remembers: only one piece says what it says
                } else {
                    idCheck.put(fi, ACROSS_RANGES);
                }
            }
            java.util.Set<Long> redone = new java.util.HashSet<>();
            for (RangeResult rr : across.reassessed()) redone.add(((long) rr.file() << 32) | rr.index());
            results.removeIf(rr -> redone.contains(((long) rr.file() << 32) | rr.index()));
            results.addAll(across.reassessed());
            if (!onePiece.isEmpty()) {
                progress.accept(String.format(Locale.ROOT, "pass 3: assessing %,d file(s) again as one piece each: they have more "
                        + "than %,d distinct line ids, what assess-file remembers: %s", onePiece.size(),
                        BulkAssessment.DUPLICATE_ID_CAPACITY, String.join(", ", onePiece.stream().map(Range::path).toList())));
                assessAgainWhole(onePiece, jsc, bRegime, opt, outDir, outNames, conf, results);
            }
        }
        for (int i : parquet) {
            FileSummary f = summaries.get(i);
            progress.accept("assessing the rows of " + f.input());
            ParquetRows.Outcome o = ParquetRows.assess(spark, f.input(), i, bRegime, opt, outDir.toString(), outNames.get(i));
            if (o.error() != null) summaries.set(i, new FileSummary(f.input(), f.output(), f.bytes(), 0, 0, 0, 0, 0, f.totalDuty(), o.error()));
            else {
                summaries.set(i, new FileSummary(f.input(), f.output(), f.bytes(), o.results().size(), 0, 0, 0, 0, f.totalDuty(), null));
                results.addAll(o.results());
            }
        }

        // per file: add up its ranges; a file with any failed range loses its output, never the others'
        Map<Integer, List<RangeResult>> byFile = new LinkedHashMap<>();
        for (RangeResult rr : results) byFile.computeIfAbsent(rr.file(), k -> new ArrayList<>()).add(rr);
        long read = 0, assessed = 0, prohibited = 0, rejected = 0;
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        BulkTotals totals = new BulkTotals();
        for (int i = 0; i < summaries.size(); i++) {
            FileSummary f = summaries.get(i);
            if (f.error() == null) {
                List<RangeResult> rs = byFile.getOrDefault(i, List.of());
                String err = rs.stream().map(RangeResult::error).filter(e -> e != null).findFirst().orElse(null);
                long fr = 0, fa = 0, fp = 0, fj = 0, fd = 0, stopped = 0;
                BigDecimal ft = BigDecimal.ZERO.setScale(2);
                BulkTotals fts = new BulkTotals();
                for (RangeResult rr : rs) {
                    if (rr.totals() != null) fts.add(BulkTotals.fromJson(rr.totals()));
                    fr += rr.read();
                    fa += rr.assessed();
                    fp += rr.prohibited();
                    fj += rr.rejected();
                    fd += rr.duplicateIds();
                    if (rr.duplicateCheckStoppedAt() > 0) stopped = rr.duplicateCheckStoppedAt();
                    ft = ft.add(new BigDecimal(rr.totalDuty()));
                }
                if (err != null) {
                    deleteQuietly(new Path(f.output()), conf);
                    f = new FileSummary(f.input(), f.output(), f.bytes(), f.ranges(), 0, 0, 0, 0, BigDecimal.ZERO.setScale(2), err);
                } else {
                    String check = idCheck.getOrDefault(i, NOT_CHECKED + ": Parquet input is assessed by partitions");
                    if (stopped > 0 && !check.startsWith(NOT_CHECKED)) { // as assess-file says it (docs/bulk-format.md)
                        check += String.format(Locale.ROOT, "; from line %d on, ids first seen were no longer remembered (more than %,d "
                                + "distinct ids)", stopped, BulkAssessment.DUPLICATE_ID_CAPACITY);
                    }
                    f = new FileSummary(f.input(), f.output(), f.bytes(), f.ranges(), fr, fa, fp, fj, ft, null, fts,
                            check.startsWith(NOT_CHECKED) ? 0 : fd, check);
                    totals.add(fts);
                    read += fr;
                    assessed += fa;
                    prohibited += fp;
                    rejected += fj;
                    total = total.add(ft);
                }
                summaries.set(i, f);
            }
        }
        Summary s = new Summary(List.copyOf(summaries), read, assessed, prohibited, rejected, total, System.nanoTime() - t0, totals);
        writeSummary(outDir, conf, s);
        return s;
    }

    /**
     * A range size that gives every core about four ranges (so that the last wave of tasks is short), between
     * 1 MiB and 64 MiB: the total size of the inputs ÷ (4 × cores). Inputs that cannot be listed give 64 MiB
     * (the job then names them).
     */
    public static long balancedRange(SparkSession spark, List<String> inputs, int cores) {
        long total = 0;
        try {
            for (FileStatus f : expand(inputs, spark.sparkContext().hadoopConfiguration())) total += f.getLen();
        } catch (JobException e) {
            return 64L << 20;
        }
        long r = total / (4L * Math.max(1, cores));
        return Math.max(1L << 20, Math.min(64L << 20, r));
    }

    /** A file's length; a data set written as a folder, the length of every file in it (a folder's own length is not its data's). */
    static long bytesOf(FileStatus st, Configuration conf) {
        if (!st.isDirectory()) return st.getLen();
        try {
            return st.getPath().getFileSystem(conf).getContentSummary(st.getPath()).getLength();
        } catch (IOException e) {
            return 0; // reading it will name the problem
        }
    }

    static boolean isParquet(Path p) {
        return p.getName().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /** A range with the number of newlines in its file before it (computed on the driver after pass 1). */
    record RangeTask(Range range, long newlinesBefore) implements Serializable { }

    private static volatile Configuration executorConf;

    /** The executor's Hadoop configuration (its defaults and site files), made once per JVM. */
    static Configuration executorConf() {
        Configuration c = executorConf;
        if (c == null) executorConf = c = new Configuration();
        return c;
    }

    // ---- pass 1 -------------------------------------------------------------------------------------------

    /** Pass 1's answer for one range: its newlines, or why it could not be read. */
    record Counted(long newlines, String error) implements Serializable { }

    static Counted countNewlinesOf(Range r) {
        try {
            return new Counted(countNewlines(r), null);
        } catch (IOException | RuntimeException e) {
            return new Counted(0, "cannot read " + r.path() + ": " + e.getMessage());
        }
    }

    static long countNewlines(Range r) throws IOException {
        Path p = new Path(r.path());
        FileSystem fs = p.getFileSystem(executorConf());
        long n = 0;
        try (FSDataInputStream in = fs.open(p)) {
            in.seek(r.start());
            byte[] buf = new byte[1 << 16];
            long left = r.end() - r.start();
            while (left > 0) {
                int got = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (got < 0) break;
                for (int i = 0; i < got; i++) if (buf[i] == '\n') n++;
                left -= got;
            }
        }
        return n;
    }

    // ---- pass 2 -------------------------------------------------------------------------------------------

    static RangeResult assessRange(RangeTask t, RegimePayload regime, Options opt, String outRoot, String outName) {
        return assessRange(t, regime, opt, outRoot, outName, null);
    }

    /** What the engine reads of a range: its lines, after the file's header for CSV. */
    private static InputStream pieceInput(Range r, LinesOfRange lines) {
        InputStream input = new java.io.ByteArrayInputStream(lines.bytes);
        if (r.format() != Format.CSV) return input;
        return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(r.header()),
                new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(new byte[]{'\n'}), input));
    }

    /** A range assessed; with {@code known}, knowing its repeated line ids (pass 3), else noting its ids as pass 2 does. */
    static RangeResult assessRange(RangeTask t, RegimePayload regime, Options opt, String outRoot, String outName,
                                   BulkAssessment.KnownRepeats known) {
        Range r = t.range();
        try {
            LinesOfRange lines = readLines(r);
            long firstLine = t.newlinesBefore() + 1 + lines.skippedNewlines;
            InputStream input = pieceInput(r, lines);
            String part = String.format(Locale.ROOT, "%05d", r.index());
            BulkAssessment.Piece s = assessPiece(regime, input, r.path(), r.format(), opt, firstLine, r.index() == 0,
                    new Path(outRoot, outName), part, ParquetParts.Lines.of(lines.bytes), known == null && opt.checkRepeatedIds(), known);
            return RangeResult.of(r.file(), r.index(), s);
        } catch (BulkAssessment.BulkFileException e) {
            return new RangeResult(r.file(), r.index(), 0, 0, 0, 0, "0", e.getMessage());
        } catch (IOException | RuntimeException e) { // the file's failure, never the job's (a task's exception aborts every file)
            return new RangeResult(r.file(), r.index(), 0, 0, 0, 0, "0", "cannot process " + r.path() + ": " + e.getMessage());
        }
    }

    // ---- pass 3 -------------------------------------------------------------------------------------------

    /** Files assessed again as one piece each (their ranges' parts and results give way to the one part's). */
    private static void assessAgainWhole(List<Range> files, JavaSparkContext jsc, Broadcast<RegimePayload> bRegime, Options opt,
                                         Path outDir, List<String> outNames, Configuration conf, List<RangeResult> results) {
        java.util.Set<Integer> again = new java.util.HashSet<>();
        for (Range rg : files) {
            again.add(rg.file());
            deleteQuietly(new Path(outDir, outNames.get(rg.file())), conf);
        }
        String outRoot = outDir.toString();
        results.removeIf(rr -> again.contains(rr.file()));
        results.addAll(jsc.parallelize(files, files.size())
                .map(rg -> assessWhole(rg, bRegime.value(), opt, outRoot, outNames.get(rg.file())))
                .collect());
    }

    /** What comparing ids across ranges found: the ranges assessed again, files over the capacity, files that failed. */
    record Across(List<RangeResult> reassessed, Set<Integer> overCapacity, Map<Integer, String> errors) { }

    /**
     * Pass 3 for files whose ranges' ids were not in order, without a single-core pass over each file: every range's line
     * ids are read (the engine's reader, so the same lines and numbers), grouped by id across the file by Spark SQL,
     * and each line whose id an earlier line had is given that first line's number; a range holding such lines is assessed
     * again knowing them ({@link BulkAssessment.KnownRepeats}), so its part says what assess-file says of those lines. The
     * other ranges' parts stand. A file with more distinct ids than assess-file remembers
     * ({@link BulkAssessment#DUPLICATE_ID_CAPACITY}) is left to the one-piece pass, which stops remembering where
     * assess-file does.
     */
    static Across compareAcross(SparkSession spark, JavaSparkContext jsc, List<RangeTask> idTasks, Options opt,
                                Broadcast<RegimePayload> bRegime, String outRoot, List<String> outNames) {
        // one row per line with an id (Spark SQL's compact rows and sort-based grouping, which spill rather than fail);
        // a range that cannot be read is one row with its error
        StructType schema = new StructType()
                .add("file", DataTypes.IntegerType, false)
                .add("id", DataTypes.StringType, true)
                .add("range", DataTypes.IntegerType, false)
                .add("line", DataTypes.LongType, false)
                .add("error", DataTypes.StringType, true);
        Dataset<Row> ids = spark.createDataFrame(
                jsc.parallelize(idTasks, Math.max(1, idTasks.size())).flatMap(t -> lineIdRows(t, opt)), schema)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<Integer, String> errors = new java.util.HashMap<>();
            for (Row r : ids.filter(col("error").isNotNull()).select("file", "error").collectAsList()) {
                errors.putIfAbsent(r.getInt(0), r.getString(1));
            }
            Dataset<Row> lines = ids.filter(col("error").isNull());
            Dataset<Row> firsts = lines.groupBy("file", "id").agg(min("line").as("first"), count("line").as("n"));
            Set<Integer> over = new HashSet<>();
            for (Row r : firsts.groupBy("file").count().collectAsList()) {
                if (r.getLong(1) > acrossCapacity) over.add(r.getInt(0));
            }
            Set<Integer> skip = new HashSet<>(over);
            skip.addAll(errors.keySet());
            // key: file << 32 | range index; value: {line, the first line with its id}
            JavaPairRDD<Long, Iterable<long[]>> byRange = lines
                    .join(firsts.filter(col("n").gt(1)), scala.jdk.javaapi.CollectionConverters.asScala(List.of("file", "id")).toSeq())
                    .filter(col("line").gt(col("first")).and(not(col("file").isin(skip.toArray()))))
                    .select("file", "range", "line", "first")
                    .javaRDD()
                    .mapToPair(r -> new scala.Tuple2<>(((long) r.getInt(0) << 32) | r.getInt(1), new long[]{r.getLong(2), r.getLong(3)}))
                    .groupByKey();
            List<scala.Tuple2<Long, RangeTask>> keyed = new ArrayList<>();
            for (RangeTask t : idTasks) {
                if (!skip.contains(t.range().file())) keyed.add(new scala.Tuple2<>(((long) t.range().file() << 32) | t.range().index(), t));
            }
            List<RangeResult> again = keyed.isEmpty() ? List.of() : jsc.parallelizePairs(keyed, keyed.size())
                    .join(byRange)
                    .map(x -> assessRange(x._2()._1(), bRegime.value(), opt, outRoot, outNames.get(x._2()._1().range().file()),
                            known(x._2()._2())))
                    .collect();
            return new Across(again, over, errors);
        } finally {
            ids.unpersist(false);
        }
    }

    /** The most distinct ids a file may have to be compared across ranges: assess-file's; lowered by a test only. */
    static volatile long acrossCapacity = BulkAssessment.DUPLICATE_ID_CAPACITY;

    /**
     * A range's lines with an id, as rows (file, id, range, line, null) made as the engine's reader reads them; a range that
     * cannot be read, one row (file, null, range, 0, why).
     */
    static java.util.Iterator<Row> lineIdRows(RangeTask t, Options opt) {
        Range r = t.range();
        try {
            LinesOfRange lines = readLines(r);
            long firstLine = t.newlinesBefore() + 1 + lines.skippedNewlines;
            InputStream input = pieceInput(r, lines);
            BulkAssessment.LineIds ids = BulkAssessment.lineIds(input, r.path(), r.format(), opt.engine(), firstLine);
            return new java.util.Iterator<>() {
                private boolean ahead, more;

                @Override
                public boolean hasNext() {
                    if (!ahead) {
                        more = ids.next();
                        ahead = true;
                    }
                    return more;
                }

                @Override
                public Row next() {
                    if (!hasNext()) throw new java.util.NoSuchElementException();
                    ahead = false;
                    return RowFactory.create(r.file(), ids.id(), r.index(), ids.line(), null);
                }
            };
        } catch (IOException | RuntimeException e) {
            return List.of(RowFactory.create(r.file(), null, r.index(), 0L, "cannot process " + r.path() + ": " + e.getMessage())).iterator();
        }
    }

    /** A range's repeats, in line order. */
    static BulkAssessment.KnownRepeats known(Iterable<long[]> repeats) {
        List<long[]> all = new ArrayList<>();
        for (long[] x : repeats) all.add(x);
        all.sort(java.util.Comparator.comparingLong(x -> x[0]));
        long[] lines = new long[all.size()];
        long[] firsts = new long[all.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = all.get(i)[0];
            firsts[i] = all.get(i)[1];
        }
        return new BulkAssessment.KnownRepeats(lines, firsts);
    }

    /**
     * Pass 3: a whole file as one piece, streamed from its first byte as {@code assess-file} reads it (its header, blank
     * lines before it included), its line ids noted and their repeats warned of: the file's one part, {@code 00000}.
     * {@code r} is the file's first range (its path, format and header lines).
     */
    static RangeResult assessWhole(Range r, RegimePayload regime, Options opt, String outRoot, String outName) {
        Path p = new Path(r.path());
        try (InputStream in = p.getFileSystem(executorConf()).open(p)) {
            BulkAssessment.Piece s = assessPiece(regime, in, r.path(), r.format(), opt, r.headerLines() + 1, true,
                    new Path(outRoot, outName), String.format(Locale.ROOT, "%05d", 0),
                    ParquetParts.Lines.streamed(r.headerLines()), true);
            return RangeResult.of(r.file(), 0, s);
        } catch (BulkAssessment.BulkFileException e) {
            return new RangeResult(r.file(), 0, 0, 0, 0, 0, "0", e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new RangeResult(r.file(), 0, 0, 0, 0, 0, "0", "cannot process " + r.path() + ": " + e.getMessage());
        }
    }

    /**
     * Whether a file's ranges (in order) noted line ids in order, each range's first after the last one's last: then no
     * id of the file repeats, and its ranges' parts are what assess-file writes.
     */
    static boolean idsInOrder(List<RangeResult> ranges) {
        String last = null;
        for (RangeResult rr : ranges) {
            BulkAssessment.PieceIds ids = rr.ids();
            if (ids == null || !ids.inOrder()) return false;
            if (ids.first() == null) continue; // no id in the range
            if (last != null && !BulkAssessment.idsFollow(last, ids.first())) return false;
            last = ids.last();
        }
        return true;
    }

    /** The bytes of the lines a range owns, and how many newlines it skipped to reach the first of them. */
    record LinesOfRange(byte[] bytes, long skippedNewlines) { }

    static LinesOfRange readLines(Range r) throws IOException {
        Path p = new Path(r.path());
        FileSystem fs = p.getFileSystem(executorConf());
        try (FSDataInputStream in = fs.open(p)) {
            // the range and the byte before it, in one read
            long from = r.start() == r.dataStart() ? r.start() : r.start() - 1;
            long want = r.end() - from;
            if (want > Integer.MAX_VALUE - 64) throw new IOException("a range of " + want + " bytes is too large; use a smaller --range-mb");
            in.seek(from);
            byte[] buf = new byte[(int) want];
            int got = 0;
            while (got < buf.length) {
                int k = in.read(buf, got, buf.length - got);
                if (k < 0) break;
                got += k;
            }
            int at = 0;
            long skipped = 0;
            if (from < r.start()) { // the byte before the range: a newline means the range starts a line
                at = 1;
                if (got == 0 || buf[0] != '\n') { // mid-line: the line belongs to an earlier range
                    while (at < got && buf[at] != '\n') at++;
                    if (at >= got) return new LinesOfRange(new byte[0], 0); // no line starts in this range
                    at++;
                    skipped = 1;
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, got - at + 256));
            out.write(buf, at, got - at);
            // finish the last line, which may run past the range's end
            if (got == buf.length && got > at && buf[got - 1] != '\n') {
                byte[] more = new byte[1 << 12];
                int k;
                outer:
                while ((k = in.read(more, 0, more.length)) >= 0) {
                    for (int i = 0; i < k; i++) {
                        if (more[i] == '\n') {
                            out.write(more, 0, i + 1);
                            break outer;
                        }
                    }
                    out.write(more, 0, k);
                }
            }
            return new LinesOfRange(out.toByteArray(), skipped);
        }
    }

    // ---- files --------------------------------------------------------------------------------------------

    static List<FileStatus> expand(List<String> inputs, Configuration conf) {
        if (inputs.isEmpty()) throw new JobException("no input given; expected files, folders or glob patterns");
        List<FileStatus> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String in : inputs) {
            try {
                Path p = new Path(in);
                FileSystem fs = p.getFileSystem(conf);
                FileStatus[] matched = fs.globStatus(p);
                if (matched == null || matched.length == 0) {
                    throw new JobException(in + ": no such file or folder (nothing matches)");
                }
                Arrays.sort(matched);
                for (FileStatus m : matched) {
                    if (m.isDirectory() && isParquet(m.getPath())) {
                        if (seen.add(m.getPath().toString())) files.add(m); // a Parquet data set written as a folder
                    } else if (m.isDirectory()) {
                        FileStatus[] inside = fs.listStatus(m.getPath(), q -> !q.getName().startsWith(".") && !q.getName().startsWith("_"));
                        Arrays.sort(inside);
                        for (FileStatus f : inside) {
                            boolean dataSet = f.isDirectory() && isParquet(f.getPath());
                            if ((f.isFile() || dataSet) && seen.add(f.getPath().toString())) files.add(f);
                        }
                    } else if (seen.add(m.getPath().toString())) {
                        files.add(m);
                    }
                }
            } catch (IOException e) {
                throw new JobException("cannot list " + in + ": " + e.getMessage());
            }
        }
        if (files.isEmpty()) throw new JobException("no input files in " + String.join(", ", inputs));
        return files;
    }

    /** The output folder must be new (or empty) and must not hold an input. */
    static void prepareOutput(Path out, Configuration conf, List<FileStatus> files) {
        try {
            FileSystem fs = out.getFileSystem(conf);
            Path q = fs.makeQualified(out);
            for (FileStatus f : files) {
                String fp = f.getPath().toString();
                if (fp.equals(q.toString()) || fp.startsWith(q.toString() + "/")) {
                    throw new JobException("--out " + out + " holds the input " + fp + "; choose another folder");
                }
            }
            if (fs.exists(out)) {
                FileStatus st = fs.getFileStatus(out);
                if (!st.isDirectory()) throw new JobException("--out " + out + " is a file; expected a new folder");
                if (fs.listStatus(out).length > 0) {
                    throw new JobException("--out " + out + " exists and is not empty; choose a new folder (nothing was written)");
                }
            }
            // a folder the job cannot write in is said now, not after every range has failed to write its parts
            if (!fs.mkdirs(out)) throw new JobException("cannot create --out " + out + "; nothing was written");
            Path probe = new Path(out, ".lodestone-write-check-" + java.util.UUID.randomUUID());
            try {
                fs.create(probe, false).close();
                fs.delete(probe, false);
            } catch (IOException e) {
                throw new JobException("cannot write in --out " + out + ": " + e.getMessage() + "; nothing was written");
            }
        } catch (IOException e) {
            throw new JobException("cannot create --out " + out + ": " + e.getMessage());
        }
    }

    /** Output folder names: each input's file name, made unique with -2, -3… when two inputs share one. */
    static List<String> outputNames(List<FileStatus> files) {
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (FileStatus f : files) {
            String base = f.getPath().getName();
            String n = base;
            for (int k = 2; !used.add(n); k++) n = base + "-" + k;
            names.add(n);
        }
        return names;
    }

    /**
     * A CSV file's header line: its bytes with the line ending (a byte-order mark before it kept, which the engine
     * skips), the offset just past it, and the number of lines up to and including it.
     */
    record HeaderLine(byte[] bytes, long end, long lines) { }

    /**
     * The header line of a CSV file as the engine finds it: the first line that is not blank (a file may begin with
     * blank lines — spaces, tabs, CR — after an optional byte-order mark; assess-file reads past them), or null when
     * the file has no such line. Reads at most 1 MiB.
     */
    static HeaderLine headerLine(Path p, Configuration conf) throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        try (InputStream in = new java.io.BufferedInputStream(fs.open(p))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            long offset = 0;
            long lines = 0;
            boolean bom = false; // the mark is skipped before the first line only
            while (true) {
                b.reset();
                int c;
                while ((c = in.read()) >= 0) {
                    b.write(c);
                    if (c == '\n') break;
                    if (offset + b.size() > (1 << 20)) throw new IOException("the header line is longer than 1 MiB");
                }
                if (b.size() == 0) return null;
                byte[] line = b.toByteArray();
                lines++;
                int from = 0;
                if (!bom) {
                    bom = true;
                    if (line.length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) from = 3;
                }
                if (!blank(line, from)) return new HeaderLine(line, offset + line.length, lines);
                offset += line.length;
                if (c < 0) return null;
            }
        }
    }

    /** Whether a line holds nothing but spaces, tabs and line-ending bytes from {@code from} on (the engine's blank line). */
    private static boolean blank(byte[] line, int from) {
        for (int i = from; i < line.length; i++) {
            byte c = line[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
        }
        return true;
    }

    private static byte[] stripEol(byte[] s) {
        int e = s.length;
        if (e > 0 && s[e - 1] == '\n') e--;
        if (e > 0 && s[e - 1] == '\r') e--;
        return Arrays.copyOf(s, e);
    }

    /** Writes a part file by a temporary name and a rename, so that a retried task leaves one whole file. */
    static void write(Path target, byte[] bytes) throws IOException {
        write(target, (fs, tmp) -> {
            try (OutputStream o = fs.create(tmp, true)) {
                o.write(bytes);
            }
        });
    }

    /**
     * Assesses one piece of a file ({@code input}: its lines, with the header first for CSV) and writes its part files in
     * {@code dir}. CSV and JSON Lines results and the rejects are streamed to their files as the engine writes them, so a
     * task never holds its results in memory (they are ~2× the input); each part is written by a temporary name and moved
     * into place, both or neither. Parquet rows are made from the engine's JSON Lines as each line ends
     * ({@link ParquetParts.Sink}), numbered as {@code lines} says (from the range's bytes, or as the input streams past),
     * and written in row groups.
     */
    static BulkAssessment.Summary assessPiece(RegimePayload regime, InputStream input, String path, Format format, Options opt,
                                              long firstLine, boolean first, Path dir, String part,
                                              ParquetParts.Lines lines) throws IOException {
        return assessPiece(regime, input, path, format, opt, firstLine, first, dir, part, lines, false).summary();
    }

    /** {@link #assessPiece(RegimePayload, InputStream, String, Format, Options, long, boolean, Path, String, ParquetParts.Lines)}, noting the piece's line ids when {@code noteIds}. */
    static BulkAssessment.Piece assessPiece(RegimePayload regime, InputStream input, String path, Format format, Options opt,
                                            long firstLine, boolean first, Path dir, String part,
                                            ParquetParts.Lines lines, boolean noteIds) throws IOException {
        return assessPiece(regime, input, path, format, opt, firstLine, first, dir, part, lines, noteIds, null);
    }

    /** As above; with {@code known}, the piece's repeated line ids found beforehand (pass 3 across ranges). */
    static BulkAssessment.Piece assessPiece(RegimePayload regime, InputStream input, String path, Format format, Options opt,
                                            long firstLine, boolean first, Path dir, String part,
                                            ParquetParts.Lines lines, boolean noteIds, BulkAssessment.KnownRepeats known) throws IOException {
        if (opt.output() == Output.PARQUET) {
            ParquetParts.Sink res;
            if (lines.bytes() != null) res = ParquetParts.open(dir, part, lines.bytes(), firstLine);
            else { // streamed: its lines numbered as the engine reads them, past its header
                ParquetParts.NumberingInput numbered = new ParquetParts.NumberingInput(input, lines.skip(), firstLine);
                input = numbered;
                res = ParquetParts.open(dir, part, numbered);
            }
            BulkAssessment.Piece s;
            try {
                s = BulkAssessment.runPiece(regime.assessor(), input, path, format, opt.engine(), firstLine, first,
                        res, OutputStream.nullOutputStream(), noteIds, known);
            } catch (RuntimeException e) {
                res.abort();
                throw e;
            }
            res.close();
            return s;
        }
        Path results = new Path(dir, "results-" + part + (opt.output() == Output.JSONL ? ".jsonl" : ".csv"));
        Path rejects = new Path(dir, "rejects-" + part + ".csv");
        FileSystem fs = results.getFileSystem(executorConf());
        Path resTmp = tmpFor(results), rejTmp = tmpFor(rejects);
        BulkAssessment.Piece s;
        try {
            try (OutputStream o = fs.create(resTmp, true); OutputStream j = fs.create(rejTmp, true)) {
                s = BulkAssessment.runPiece(regime.assessor(), input, path, format, opt.engine(), firstLine, first, o, j, noteIds, known);
            }
            moveInto(fs, resTmp, results);
            moveInto(fs, rejTmp, rejects);
        } catch (IOException | RuntimeException e) {
            fs.delete(resTmp, false);
            fs.delete(rejTmp, false);
            throw e;
        }
        return s;
    }

    static Path tmpFor(Path target) {
        return new Path(target.getParent(), "." + target.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
    }

    static void moveInto(FileSystem fs, Path tmp, Path target) throws IOException {
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("cannot move " + tmp + " to " + target);
        }
    }

    /** Writes a file's content to a path (a temporary one, hidden by its leading dot). */
    interface TmpWriter {
        void write(FileSystem fs, Path tmp) throws IOException;
    }

    /** Writes a part file as {@code content} does, by a temporary name and a rename (a retried task leaves one whole file). */
    static void write(Path target, TmpWriter content) throws IOException {
        FileSystem fs = target.getFileSystem(executorConf());
        Path tmp = tmpFor(target);
        content.write(fs, tmp);
        moveInto(fs, tmp, target);
    }

    private static void deleteQuietly(Path p, Configuration conf) {
        try {
            p.getFileSystem(conf).delete(p, true);
        } catch (IOException ignored) {
            // the summary says the file failed; a leftover folder is named there
        }
    }

    /** The summary as JSON (the file OUT/_summary.json, and {@code lodestone spark assess --json}). */
    public static String summaryJson(Summary s) {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode o = m.createObjectNode();
        o.put("read", s.read()).put("assessed", s.assessed()).put("prohibited", s.prohibited()).put("rejected", s.rejected())
                .put("total_duty", s.totalDuty().toPlainString()).put("reconciles", s.reconciles())
                .put("seconds", s.nanos() / 1e9);
        o.set("totals", s.totals().toJson());
        com.fasterxml.jackson.databind.node.ArrayNode fs = o.putArray("files");
        for (FileSummary f : s.files()) {
            com.fasterxml.jackson.databind.node.ObjectNode x = fs.addObject();
            x.put("input", f.input()).put("output", f.output()).put("bytes", f.bytes()).put("ranges", f.ranges())
                    .put("read", f.read()).put("assessed", f.assessed()).put("prohibited", f.prohibited())
                    .put("rejected", f.rejected()).put("total_duty", f.totalDuty().toPlainString());
            if (f.error() == null) x.putNull("error");
            else x.put("error", f.error());
            if (f.error() == null) {
                // as assess-file's summary: lines whose id an earlier line had; null when the file was not checked
                if (f.idsChecked()) x.put("duplicate_ids", f.duplicateIds());
                else x.putNull("duplicate_ids");
                x.put("repeated_ids", f.repeatedIds());
                x.set("totals", f.totals().toJson()); // as assess-file --totals FILE.json
            }
        }
        try {
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeSummary(Path outDir, Configuration conf, Summary s) {
        try {
            write(new Path(outDir, "_summary.json"), summaryJson(s).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary in " + outDir, e);
        }
    }
}
