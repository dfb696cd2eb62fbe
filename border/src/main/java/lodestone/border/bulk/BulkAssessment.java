package lodestone.border.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Streams a bulk file of entry lines (CSV with a header, or JSON Lines) through an {@link Assessor}:
 * one result per line to the output, rejected lines with their line number, field and reason to the
 * rejects file. Counts always reconcile: read = assessed + prohibited + rejected.
 *
 * <p>One reader and one writer for every caller: {@link BulkReader} reads the bytes (strictly: every
 * line an entry or a located reject), {@link Assessor#assessBulk} assesses, and the same sink writes
 * the rows, whether to files ({@link #run}, the command line) or to chunks ({@link #runChunked}, the
 * server's resumable jobs) — so the two give byte-identical results and rejects on any file.
 *
 * <p>Outputs are written to temporary files beside their targets and moved into place only when
 * the whole input was read, so a malformed header or an unreadable file leaves no partial output.
 * Memory does not grow with the input: lines are read, assessed and written one at a time.
 * The format is documented in docs/bulk-format.md.
 */
public final class BulkAssessment {

    public enum Format { CSV, JSONL }

    /** The output columns, in order. */
    public static final List<String> OUTPUT_COLUMNS = List.of("line_id", "status", "total_duty", "currency",
            "effective_rate", "landed_cost", "measures", "documents_required", "warnings");
    public static final List<String> REJECT_COLUMNS = List.of("line", "line_id", "field", "reason");

    /**
     * A file that cannot be processed at all (unreadable, malformed header): nothing was written. When a file could not be
     * read or written, the cause is that {@link IOException} ({@link #unreadable()}); a file refused for its content has none.
     */
    public static final class BulkFileException extends RuntimeException {
        public BulkFileException(String message) {
            super(message);
        }

        public BulkFileException(String message, IOException cause) {
            super(message, cause);
        }

        /** Whether a file could not be read or written (rather than being refused for what it holds). */
        public boolean unreadable() {
            return getCause() instanceof IOException;
        }
    }

    /** The input file missing or not readable. */
    public static BulkFileException unreadable(Path in) {
        String m = "cannot read " + in + ": no such file or not readable";
        return new BulkFileException(m, new java.io.FileNotFoundException(m));
    }

    /**
     * How a run reads and writes; {@code totals}: whether it sums the duties by origin, heading and measure
     * ({@link BulkTotals}; off, {@link Summary#totals} is empty — the results are the same either way).
     */
    public record Options(boolean ignoreUnknownColumns, Format outputFormat, LongConsumer progress, boolean totals,
                          BulkReader.UnknownAdvice unknownAdvice) {
        public Options(boolean ignoreUnknownColumns, Format outputFormat, LongConsumer progress, boolean totals) {
            this(ignoreUnknownColumns, outputFormat, progress, totals, BulkReader.UnknownAdvice.COMMAND_LINE);
        }

        public Options(boolean ignoreUnknownColumns, Format outputFormat, LongConsumer progress) {
            this(ignoreUnknownColumns, outputFormat, progress, true);
        }

        public static Options defaults() {
            return new Options(false, Format.CSV, n -> { });
        }

        public Options withTotals(boolean on) {
            return new Options(ignoreUnknownColumns, outputFormat, progress, on, unknownAdvice);
        }

        /** An unknown column refused with {@code advice} (the server's words: it has no --ignore-unknown). */
        public Options withUnknownAdvice(BulkReader.UnknownAdvice advice) {
            return new Options(ignoreUnknownColumns, outputFormat, progress, totals, advice);
        }
    }

    /**
     * What a run counted: every line read is assessed, prohibited or rejected; {@code totalDuty} is the assessed lines'
     * duty and {@code totals} splits it by origin, heading and measure ({@link BulkTotals}). {@code duplicateIds} counts
     * the lines whose line id an earlier line had (docs/bulk-format.md, "Repeated line ids"); {@code duplicateCheckStoppedAt}
     * is the first line whose id could no longer be remembered (0: every id was checked; -1: not checked at all).
     */
    public record Summary(long read, long assessed, long prohibited, long rejected, BigDecimal totalDuty, long nanos,
                          long duplicateIds, long duplicateCheckStoppedAt, BulkTotals totals) {
        public boolean reconciles() {
            return read == assessed + prohibited + rejected;
        }
    }

    /** How many distinct line ids a run remembers to find repeats of (docs/bulk-format.md, "Repeated line ids"). */
    public static final long DUPLICATE_ID_CAPACITY = DuplicateIds.DEFAULT_MAX_SLOTS - (DuplicateIds.DEFAULT_MAX_SLOTS >> 2);

    /**
     * The warning on a line whose line id an earlier line (number {@code firstLine}) had: the last of its warnings. The line
     * is assessed and counted as any other.
     */
    public static String duplicateWarning(long firstLine) {
        return "line_id already used on line " + firstLine + ": a repeated id usually means lines were concatenated twice;"
                + " this line is assessed and counted in the totals as well";
    }

    /** The same assessment with {@code warning} last among its warnings. */
    static Assessment withWarning(Assessment a, String warning) {
        List<String> w = new ArrayList<>(a.warnings());
        w.add(warning);
        return new Assessment(a.lineId(), a.status(), a.hts(), a.origin(), a.date(), a.customsValueUsd(), a.charges(), a.totalDuty(),
                a.effectiveRatePercent(), a.landedCost(), a.documentsRequired(), a.prohibitions(), w, a.trail(), a.regime(),
                a.regimeVersion());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private BulkAssessment() {
    }

    /** Input format from the file name: .jsonl / .ndjson are JSON Lines, anything else CSV. */
    public static Format inputFormat(Path in) {
        return inputFormat(in.getFileName().toString());
    }

    /** The format a file's name says: JSON Lines for .jsonl and .ndjson, else CSV. */
    public static Format inputFormat(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson") ? Format.JSONL : Format.CSV;
    }

    public static Summary run(Assessor assessor, Path in, Path out, Path rejects, Options opt) {
        if (!Files.isReadable(in)) throw unreadable(in);
        Path tmpOut = temp(out);
        Path tmpRej = rejects == null ? null : temp(rejects);
        long t0 = System.nanoTime();
        Summary s;
        try (BulkReader r = BulkReader.open(Files.newInputStream(in), inputFormat(in), in.toString(), opt.ignoreUnknownColumns(), opt.unknownAdvice());
             // unbuffered: every byte goes through the sink's own buffers (ResultRows), which write whole 64 KB chunks;
             // a BufferedOutputStream here copied each chunk once more into its own buffer
             OutputStream ow = Files.newOutputStream(tmpOut);
             OutputStream rw = tmpRej == null ? OutputStream.nullOutputStream() : Files.newOutputStream(tmpRej)) {
            Sink sink = new Sink(ow, rw, opt.outputFormat(), rejects != null);
            Counter n = new Counter();
            // the repeated-id table sized for the file's lines at once, guessed at 72 bytes a line (the generated files have
            // ~68): a file of shorter lines has its table grown once or twice, which costs time, not correctness
            n.dups = new DuplicateIds(DuplicateIds.DEFAULT_MAX_SLOTS, Files.size(in) / 72);
            s = process(assessor, r, sink, opt, t0, n);
            sink.flush();
        } catch (IOException e) {
            deleteQuietly(tmpOut, tmpRej);
            throw new BulkFileException("cannot process " + in + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmpOut, tmpRej);
            throw e;
        }
        try {
            Files.move(tmpOut, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (tmpRej != null) Files.move(tmpRej, rejects, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the results into place: " + e.getMessage(), e);
        }
        return s;
    }

    /**
     * One chunk of a chunked run: the data records {@code firstRecord .. firstRecord + records - 1}
     * (0-based, blank lines not counted), their counts, and their output rows in the chosen output format
     * and the reject rows (CSV). Chunk 0's text starts with the header lines; later chunks have none, so
     * concatenating the chunks in order gives exactly the files {@link #run} writes.
     */
    public record Chunk(int index, long firstRecord, long records, long assessed, long prohibited, long rejected,
                        BigDecimal totalDuty, String results, String rejects, long duplicateIds, long duplicateCheckStoppedAt,
                        BulkTotals totals) { }

    /** Receives each finished chunk, in order; what it throws stops the run. */
    @FunctionalInterface
    public interface ChunkListener {
        void chunk(Chunk chunk) throws IOException;
    }

    /**
     * Assesses a bulk file in chunks of {@code chunkSize} data records, handing each finished chunk to
     * {@code listener} — the unit a resumable job commits. Chunks before {@code startChunk} are read but
     * neither assessed nor handed over, so a run interrupted after committing chunk k resumes with
     * {@code startChunk = k + 1} and produces every record's result exactly once. The returned summary
     * counts the records of the chunks handed over.
     */
    public static Summary runChunked(Assessor assessor, InputStream in, String name, Format inputFormat, Options opt,
                                     int chunkSize, int startChunk, ChunkListener listener) {
        if (chunkSize < 1) throw new IllegalArgumentException("chunkSize must be at least 1");
        if (startChunk < 0) throw new IllegalArgumentException("startChunk must not be negative");
        long t0 = System.nanoTime();
        ByteArrayOutputStream ow = new ByteArrayOutputStream(1 << 16);
        ByteArrayOutputStream rw = new ByteArrayOutputStream(1 << 12);
        Sink sink = new Sink(ow, rw, opt.outputFormat(), true);
        Counter n = new Counter();
        n.skip = (long) startChunk * chunkSize;
        Chunker chunker = new Chunker(sink, ow, rw, chunkSize, startChunk, listener);
        n.chunks = chunker;
        try {
            BulkReader r = BulkReader.open(in, inputFormat, name, opt.ignoreUnknownColumns(), opt.unknownAdvice());
            Summary all = process(assessor, r, sink, opt, t0, n);
            chunker.finish(n);
            BulkTotals totals = new BulkTotals();
            totals.add(chunker.totals);
            return new Summary(all.read() - Math.min(all.read(), n.skip), chunker.assessed, chunker.prohibited,
                    chunker.rejected, chunker.total, System.nanoTime() - t0, chunker.duplicates, all.duplicateCheckStoppedAt(), totals);
        } catch (IOException e) {
            throw new BulkFileException("cannot process " + name + ": " + e.getMessage(), e);
        }
    }

    /** Cuts the sink's output into chunks at every {@code size} records. */
    private static final class Chunker {
        final Sink sink;
        final ByteArrayOutputStream out;
        final ByteArrayOutputStream rej;
        final int size;
        final ChunkListener listener;
        int index;
        boolean emittedAny;
        long assessed;
        long prohibited;
        long rejected;
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        long duplicates;
        final BulkTotals totals = new BulkTotals(); // the chunks' handed over, summed
        // the counter's values when the current chunk began
        long d0;
        long a0;
        long p0;
        long r0;
        BigDecimal t0 = BigDecimal.ZERO.setScale(2);

        Chunker(Sink sink, ByteArrayOutputStream out, ByteArrayOutputStream rej, int size, int startChunk, ChunkListener listener) {
            this.sink = sink;
            this.out = out;
            this.rej = rej;
            this.size = size;
            this.index = startChunk;
            this.listener = listener;
        }

        void afterRecord(Counter n) throws IOException {
            long done = n.read - (long) index * size;
            if (done >= size) emit(n, size);
        }

        void finish(Counter n) throws IOException {
            long pending = Math.max(0, n.read - (long) index * size);
            if (pending > 0 || (!emittedAny && index == 0)) emit(n, pending);
        }

        private void emit(Counter n, long records) throws IOException {
            sink.flush();
            String results = out.toString(StandardCharsets.UTF_8);
            String rejects = rej.toString(StandardCharsets.UTF_8);
            if (!emittedAny && index > 0) {
                // resuming: the header lines belong to chunk 0, which is already stored
                results = dropHeader(results, sink.format == Format.CSV ? 1 : 0);
                rejects = dropHeader(rejects, 1);
            }
            out.reset();
            rej.reset();
            BigDecimal nTotal = n.total();
            BulkTotals chunkTotals = n.totals;
            n.totals = chunkTotals == null ? null : new BulkTotals(); // the next chunk's
            Chunk c = new Chunk(index, (long) index * size, records, n.assessed - a0, n.prohibited - p0, n.rejected - r0,
                    nTotal.subtract(t0), results, rejects, n.duplicates - d0, n.dups == null ? -1 : n.dups.stoppedAtLine(), chunkTotals);
            d0 = n.duplicates;
            duplicates += c.duplicateIds();
            if (chunkTotals != null) totals.add(chunkTotals);
            a0 = n.assessed;
            p0 = n.prohibited;
            r0 = n.rejected;
            t0 = nTotal;
            assessed += c.assessed();
            prohibited += c.prohibited();
            rejected += c.rejected();
            total = total.add(c.totalDuty());
            listener.chunk(c);
            emittedAny = true;
            index++;
        }

        private static String dropHeader(String text, int lines) {
            int at = 0;
            for (int i = 0; i < lines; i++) {
                int nl = text.indexOf('\n', at);
                if (nl < 0) return "";
                at = nl + 1;
            }
            return text.substring(at);
        }
    }

    /**
     * Assesses one piece of a bulk file — what a distributed job (the {@code spark} module) hands a task:
     * for CSV, {@code in} holds the file's header line followed by the piece's lines; for JSON Lines, the
     * piece's lines only. Every line number reported (rejects, warnings) is the line's number in the whole
     * file: {@code firstLine} is the number of the piece's first line. Output and reject headers are written
     * only when {@code withHeaders}, so the pieces of a file written in order concatenate to exactly what
     * {@link #run} writes for the whole file.
     */
    public static Summary runPiece(Assessor assessor, InputStream in, String name, Format inputFormat, Options opt,
                                   long firstLine, boolean withHeaders, OutputStream out, OutputStream rejects) {
        return runPiece(assessor, in, name, inputFormat, opt, firstLine, withHeaders, out, rejects, false).summary();
    }

    /**
     * What a piece's line ids were: {@code inOrder} when each came after the one before it (so none repeated within the
     * piece), from {@code first} to {@code last} (null: the piece had no id). Pieces whose ids are in order, each
     * starting after the one before it ended ({@link #idsFollow}), make a file in which no id repeats — what a file's
     * pieces must show to skip assessing it again as one piece to look for repeats (docs/spark.md).
     */
    public record PieceIds(boolean inOrder, String first, String last) implements java.io.Serializable { }

    /** A piece's summary and, when it was asked to note them, its line ids. */
    public record Piece(Summary summary, PieceIds ids) { }

    /**
     * {@link #runPiece(Assessor, InputStream, String, Format, Options, long, boolean, OutputStream, OutputStream)}, noting
     * the piece's line ids when {@code noteIds} ({@link PieceIds}; their repeats are then warned of as {@link #run} warns
     * of them, so a piece that is the whole file — {@code firstLine} past its header — writes exactly what {@link #run}
     * writes).
     */
    public static Piece runPiece(Assessor assessor, InputStream in, String name, Format inputFormat, Options opt,
                                 long firstLine, boolean withHeaders, OutputStream out, OutputStream rejects, boolean noteIds) {
        return runPiece(assessor, in, name, inputFormat, opt, firstLine, withHeaders, out, rejects, noteIds, null);
    }

    /**
     * A piece whose repeated line ids were found beforehand, across the whole file ({@code known}: each such line's
     * number and the number of the first line with its id — a file cut into ranges, its ids compared by Spark): its lines
     * are warned of as {@link #run} warns of them, without looking ids up. Null: as
     * {@link #runPiece(Assessor, InputStream, String, Format, Options, long, boolean, OutputStream, OutputStream, boolean)}.
     */
    public static Piece runPiece(Assessor assessor, InputStream in, String name, Format inputFormat, Options opt,
                                 long firstLine, boolean withHeaders, OutputStream out, OutputStream rejects, boolean noteIds,
                                 KnownRepeats known) {
        long t0 = System.nanoTime();
        Sink sink = new Sink(out, rejects == null ? OutputStream.nullOutputStream() : rejects, opt.outputFormat(), rejects != null);
        sink.headers = withHeaders;
        try {
            BulkReader r = BulkReader.open(in, inputFormat, name, opt.ignoreUnknownColumns(), opt.unknownAdvice()).continueAt(firstLine);
            Counter n = new Counter();
            // without noteIds a piece sees only its own lines: repeats are not looked for (docs/bulk-format.md)
            n.dups = noteIds && known == null ? new DuplicateIds() : null;
            n.known = known;
            Summary s = process(assessor, r, sink, opt, t0, n);
            sink.flush();
            PieceIds ids = n.dups == null ? null
                    : new PieceIds(n.dups.lastInOrder() != null || n.dups.first() == null, n.dups.first(), n.dups.lastInOrder());
            return new Piece(s, ids);
        } catch (IOException e) {
            throw new BulkFileException("cannot process " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Repeated line ids found beforehand: the numbers of the lines whose id an earlier line of the file had, ascending, each
     * with the number of the first line that had it. A piece's lines ask in ascending order, so a cursor answers them.
     */
    public static final class KnownRepeats {
        private final long[] lines;
        private final long[] firsts;
        private int at;

        /** {@code lines} ascending, each later than its {@code firsts} entry. */
        public KnownRepeats(long[] lines, long[] firsts) {
            if (lines.length != firsts.length) throw new IllegalArgumentException("lines and first lines differ in number");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0 && lines[i] <= lines[i - 1]) throw new IllegalArgumentException("lines not ascending at " + lines[i]);
                if (firsts[i] <= 0 || firsts[i] >= lines[i]) throw new IllegalArgumentException("line " + lines[i] + " repeats line " + firsts[i]);
            }
            this.lines = lines;
            this.firsts = firsts;
        }

        /** The first line with this line's id when it is a repeat, else 0. */
        long firstOf(long line) {
            while (at < lines.length && lines[at] < line) at++;
            return at < lines.length && lines[at] == line ? firsts[at] : 0;
        }
    }

    /**
     * The line ids of a piece, each with its line's number, as {@link #runPiece} reads them (the same reader, so the same
     * lines and numbers, rejected lines with an id included): what a file cut into ranges compares to find repeats. Read
     * one at a time ({@link LineIds#next}), nothing kept.
     */
    public static LineIds lineIds(InputStream in, String name, Format inputFormat, Options opt, long firstLine) {
        try {
            return new LineIds(BulkReader.open(in, inputFormat, name, opt.ignoreUnknownColumns()).continueAt(firstLine), name);
        } catch (IOException e) {
            throw new BulkFileException("cannot process " + name + ": " + e.getMessage(), e);
        }
    }

    /** A piece's lines that have an id, one at a time. */
    public static final class LineIds {
        private final BulkReader r;
        private final String name;

        private LineIds(BulkReader r, String name) {
            this.r = r;
            this.name = name;
        }

        /** The next line with an id; false at the piece's end. */
        public boolean next() {
            try {
                while (r.next()) {
                    if (r.lineId() != null) return true;
                }
                return false;
            } catch (IOException e) {
                throw new BulkFileException("cannot process " + name + ": " + e.getMessage(), e);
            }
        }

        public long line() {
            return r.line();
        }

        public String id() {
            return r.lineId();
        }
    }

    /**
     * Whether a piece whose ids start at {@code first} comes after one whose ids ended at {@code last}, in the order of
     * {@link DuplicateIds} (a longer id after a shorter one, ids of one length character by character).
     */
    public static boolean idsFollow(String last, String first) {
        return DuplicateIds.after(first, last);
    }

    /**
     * Checks a CSV bulk file's header line (its bytes, without the line ending) as {@link #run} does, throwing
     * {@link BulkFileException} with the same message when it is not acceptable.
     */
    public static void checkHeader(byte[] headerLine, String name, Options opt) {
        try {
            BulkReader.open(new java.io.ByteArrayInputStream(headerLine), Format.CSV, name, opt.ignoreUnknownColumns(), opt.unknownAdvice());
        } catch (IOException e) {
            throw new BulkFileException("cannot process " + name + ": " + e.getMessage());
        }
    }

    /**
     * Reads and parses every line of a bulk file into an {@link Entry} as {@link #run} does, with the
     * same reader, but neither assesses nor writes: the baseline the bulk benchmark measures
     * {@code run} against. Lines that do not parse count as rejected, the others as assessed.
     */
    public static Summary parseOnly(Path in, Options opt) {
        long t0 = System.nanoTime();
        try (BulkReader r = BulkReader.open(Files.newInputStream(in), inputFormat(in), in.toString(), opt.ignoreUnknownColumns(), opt.unknownAdvice())) {
            return process(null, r, null, opt, t0, new Counter());
        } catch (IOException e) {
            throw new BulkFileException("cannot process " + in + ": " + e.getMessage(), e);
        }
    }

    /**
     * The one loop behind {@link #run}, {@link #runChunked} and {@link #parseOnly}: every record the
     * reader yields is counted once, as an assessed, prohibited or rejected line.
     */
    private static Summary process(Assessor assessor, BulkReader r, Sink sink, Options opt, long t0, Counter n) throws IOException {
        if (sink != null) sink.header();
        if (!opt.totals()) n.totals = null;
        if (assessor == null) { // parse only
            while (r.next()) {
                n.read++;
                if (r.entry() == null) n.rejected++;
                else n.assessed++;
                if ((n.read & 0x3FFF) == 0) opt.progress().accept(n.read);
            }
            opt.progress().accept(n.read);
            return n.summary(t0);
        }
        Batch b = new Batch();
        while (true) {
            // Three passes over a batch of lines: read them all, answer them all on the fast path, then count and write each
            // in order (the explaining engine answering the lines the fast path did not). Each pass runs one part of the
            // program over many lines, so its code and branch history stay hot. Measured on BulkBench (separate JVMs
            // alternated, 2026-12-04): within the noise of reading 64 lines and then answering and writing each in turn —
            // the answering pass got cheaper, the reading and writing dearer (docs/benchmarks.md); 256 lines, as no batch
            // size from 16 to 1,024 did better.
            int k = 0;
            while (k < Batch.SIZE && r.next()) b.capture(k++, r);
            if (k == 0) break;
            if (n.dups != null && n.dups.lookingUp()) { // (in the chain, check computes a fingerprint only if it needs one)
                for (int i = 0; i < k; i++) b.idPrint[i] = b.lineId[i] == null ? 0 : DuplicateIds.fingerprint(b.lineId[i]);
                n.touched += n.dups.touch(b.idPrint, k); // the batch's slots brought in together (see touch)
            } else {
                java.util.Arrays.fill(b.idPrint, 0, k, 0L); // none computed yet (check computes what it needs)
            }
            for (int i = 0; i < k; i++) {
                // (a resumed job's lines already done are neither answered nor written: see record)
                b.fast[i] = b.entry[i] != null && n.read + i + 1 > n.skip && fast(assessor, b, i);
            }
            for (int i = 0; i < k; i++) record(assessor, b, i, sink, opt, n);
        }
        opt.progress().accept(n.read);
        return n.summary(t0);
    }

    /** What the reader said of each line of a batch (its state is overwritten by the next line). */
    private static final class Batch {
        static final int SIZE = 256;
        final Entry[] entry = new Entry[SIZE];
        final long[] line = new long[SIZE];
        final String[] lineId = new String[SIZE];
        /** Each line id's fingerprint for the repeated-id table (0: no id). */
        final long[] idPrint = new long[SIZE];
        final String[] field = new String[SIZE];
        final String[] reason = new String[SIZE];
        final long[] value = new long[SIZE];
        final long[] us = new long[SIZE];
        final long[] metal = new long[SIZE];
        final lodestone.border.Interned[] hts = new lodestone.border.Interned[SIZE];
        final lodestone.border.Interned[] origin = new lodestone.border.Interned[SIZE];
        /** Lines with none of the optional facts (see BulkResult#givenPlain), with their id, date and unit. */
        final boolean[] plain = new boolean[SIZE];
        final String[] plainId = new String[SIZE];
        final java.time.LocalDate[] date = new java.time.LocalDate[SIZE];
        final lodestone.regime.unit.Unit[] unit = new lodestone.regime.unit.Unit[SIZE];
        /** Whether the fast path answered the line (into {@link #result}); false: the explaining engine answers it. */
        final boolean[] fast = new boolean[SIZE];
        /** The fast path's answers, reused batch after batch (nothing allocated per line). */
        final lodestone.border.BulkResult[] result = new lodestone.border.BulkResult[SIZE];

        Batch() {
            for (int i = 0; i < SIZE; i++) result[i] = new lodestone.border.BulkResult();
        }

        void capture(int i, BulkReader r) {
            entry[i] = r.entry();
            line[i] = r.line();
            lineId[i] = r.lineId();
            if (entry[i] == null) {
                field[i] = r.rejectField();
                reason[i] = r.rejectReason();
            } else {
                value[i] = r.valueCents();
                us[i] = r.usContentCents();
                metal[i] = r.metalContentCents();
                hts[i] = r.htsRef();
                origin[i] = r.originRef();
                Entry e = entry[i]; // just parsed, still in cache: what the fast path needs of a plain line is kept here
                plain[i] = lodestone.border.BulkResult.plain(e);
                if (plain[i]) {
                    plainId[i] = e.lineId();
                    date[i] = e.entryDate();
                    unit[i] = e.unit();
                }
            }
        }
    }

    /**
     * One record of a batch: counted once, as an assessed, prohibited or rejected line, and written — the fast path's
     * answer (long cents, nothing allocated) when it gave one, else the explaining engine's.
     */
    private static void record(Assessor assessor, Batch b, int i, Sink sink, Options opt, Counter n) throws IOException {
        n.read++;
        // every line's id is remembered, a resumed job's lines already done too, so a repeat is found wherever it is
        long first = n.dups != null ? (b.lineId[i] == null ? 0 : n.dups.check(b.lineId[i], b.idPrint[i], b.line[i]))
                : n.known == null ? 0 : n.known.firstOf(b.line[i]);
        if (n.read <= n.skip) return; // resuming: this record's chunk is already done
        if (first != 0) n.duplicates++;
        Entry e = b.entry[i];
        lodestone.border.BulkResult fast = b.result[i];
        if (e == null) {
            n.rejected++;
            sink.reject(b.line[i], b.lineId[i], b.field[i], b.reason[i]);
        } else if (b.fast[i]) {
            if (fast.rejected()) {
                n.rejected++;
                sink.reject(b.line[i], b.lineId[i], fast.rejectField(), fast.rejectReason());
            } else {
                n.assessed++;
                n.addCents(fast.totalCents());
                if (n.totals != null) n.totals.fast(b.origin[i], b.hts[i], fast);
                if (first == 0) sink.result(fast, assessor);
                else sink.result(withWarning(fast.toAssessment(assessor.regime().id(), assessor.regime().version()), duplicateWarning(first)));
            }
        } else {
            try {
                Assessment a = assessor.assessWithoutTrail(e);
                if (a.status() == Assessment.Status.PROHIBITED) n.prohibited++;
                else {
                    n.assessed++;
                    n.total = n.total.add(a.totalDuty());
                }
                if (n.totals != null) n.totals.slow(a);
                sink.result(first == 0 ? a : withWarning(a, duplicateWarning(first)));
            } catch (EntryRejected rej) {
                n.rejected++;
                sink.reject(b.line[i], b.lineId[i], rej.field(), rej.reason());
            }
        }
        if (n.chunks != null) n.chunks.afterRecord(n);
        if ((n.read & 0x3FFF) == 0) opt.progress().accept(n.read);
    }

    /** The fast path's answer into {@code out}, handed the amounts in cents the reader read: false when the line needs the slow path. */
    private static boolean fast(Assessor assessor, Batch b, int i) {
        lodestone.border.BulkResult out = b.result[i];
        Entry e = b.entry[i];
        out.given(e, b.value[i], b.us[i], b.metal[i], b.hts[i], b.origin[i]);
        if (b.plain[i]) out.givenPlain(b.plainId[i], b.date[i], b.unit[i]);
        return assessor.assessBulk(e, out);
    }

    private static final class Counter {
        long skip;
        Chunker chunks;
        long read;
        long assessed;
        long prohibited;
        long rejected;
        BigDecimal total = BigDecimal.ZERO.setScale(2); // the slow path's amounts, and the fast path's folded in
        private long cents; // the fast path's amounts not yet folded into total
        BulkTotals totals = new BulkTotals();
        DuplicateIds dups = new DuplicateIds();
        KnownRepeats known; // instead of dups: the repeats found across a whole file beforehand
        long duplicates;
        long touched; // what DuplicateIds.touch read, kept so that its loads are made

        void addCents(long c) {
            if (cents > Long.MAX_VALUE - c) fold();
            cents += c;
        }

        /** The total duty so far. */
        BigDecimal total() {
            fold();
            return total;
        }

        private void fold() {
            if (cents != 0) total = total.add(BigDecimal.valueOf(cents, 2));
            cents = 0;
        }

        Summary summary(long t0) {
            return new Summary(read, assessed, prohibited, rejected, total(), System.nanoTime() - t0, duplicates,
                    dups == null ? -1 : dups.stoppedAtLine(), totals == null ? new BulkTotals() : totals);
        }
    }

    /**
     * One JSON Lines result (docs/bulk-format.md) as Jackson writes it, newline included: the form every line of a JSON
     * Lines result file takes; {@code ResultRows.jsonResult} spells the usual fast-path line to the same bytes without it.
     */
    static byte[] jsonLine(Assessment a) throws IOException {
        boolean prohibited = a.status() == Assessment.Status.PROHIBITED;
        List<String> warnings = new ArrayList<>(a.prohibitions());
        warnings.addAll(a.warnings());
        ObjectNode o = JSON.createObjectNode();
        o.put("line_id", a.lineId());
        o.put("status", prohibited ? "prohibited" : "assessed");
        if (prohibited) o.putNull("total_duty");
        else o.put("total_duty", a.totalDuty());
        o.put("currency", "USD");
        if (prohibited) o.putNull("effective_rate");
        else o.put("effective_rate", a.effectiveRatePercent());
        if (prohibited) o.putNull("landed_cost");
        else o.put("landed_cost", a.landedCost());
        ObjectNode m = o.putObject("measures");
        for (Assessment.Charge c : a.charges()) m.put(c.id(), c.amount());
        ArrayNode docs = o.putArray("documents_required");
        a.documentsRequired().forEach(docs::add);
        ArrayNode w = o.putArray("warnings");
        warnings.forEach(w::add);
        return jsonLine(o);
    }

    /** A JSON object as Jackson writes it, and the newline that ends a JSON Lines line. */
    private static byte[] jsonLine(ObjectNode o) throws IOException {
        byte[] body = JSON.writeValueAsBytes(o);
        byte[] line = java.util.Arrays.copyOf(body, body.length + 1);
        line[body.length] = '\n';
        return line;
    }

    /** Writes results and rejects in the chosen format, as UTF-8 bytes. */
    private static final class Sink {
        private final OutputStream out;
        private final OutputStream rej;
        final Format format;
        private final boolean rejectsWanted;
        boolean headers = true; // false for the later pieces of a file (runPiece)
        private ResultRows rows;
        private ResultRows rejectRows;

        Sink(OutputStream out, OutputStream rej, Format format, boolean rejectsWanted) {
            this.out = out;
            this.rej = rej;
            this.format = format;
            this.rejectsWanted = rejectsWanted;
        }

        void header() throws IOException {
            rows = new ResultRows(out); // both formats: every byte of the results goes through its buffer, in order
            if (format == Format.CSV && headers) rows.header(OUTPUT_COLUMNS);
            if (rejectsWanted) {
                rejectRows = new ResultRows(rej); // the same byte writer and quoting as the results
                if (headers) rejectRows.header(REJECT_COLUMNS);
            }
        }

        /** The writers buffer on their own: without this the last records never reach the file. */
        void flush() throws IOException {
            if (rows != null) rows.flush();
            if (rejectRows != null) rejectRows.flush();
            rej.flush();
            out.flush();
        }

        /** A fast-path result: CSV spelled from its long cents; JSON Lines through the same code as any assessment. */
        void result(lodestone.border.BulkResult r, Assessor assessor) throws IOException {
            if (format == Format.CSV) rows.result(r);
            else if (!rows.jsonResult(r)) rows.raw(jsonLine(r.toAssessment(assessor.regime().id(), assessor.regime().version())));
        }

        void result(Assessment a) throws IOException {
            if (format == Format.CSV) rows.result(a);
            else rows.raw(jsonLine(a));
        }

        void reject(long line, String lineId, String field, String reason) throws IOException {
            if (format == Format.JSONL) {
                ObjectNode o = JSON.createObjectNode();
                o.put("line_id", lineId);
                o.put("status", "rejected");
                o.put("line", line);
                o.put("field", field);
                o.put("reason", reason);
                rows.raw(jsonLine(o));
            } else {
                rows.rejected(lineId, "line " + line + ": " + field + ": " + reason);
            }
            if (rejectRows != null) rejectRows.record(Long.toString(line), safe(lineId == null ? "" : lineId), field, safe(reason));
        }
    }

    /**
     * Neutralises CSV formula injection for spreadsheets: a text cell starting with = + - @ (or a
     * tab or carriage return) gets a leading apostrophe. Amount columns are never negative.
     */
    static String safe(String s) {
        if (s == null || s.isEmpty()) return s;
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    static Path temp(Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            return PartFile.beside(target);
        } catch (IOException e) {
            throw new BulkFileException("cannot write beside " + target + ": " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path... ps) {
        for (Path p : ps) {
            if (p == null) continue;
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a stray .part file is harmless and clearly named
            }
        }
    }
}
