package lodestone.border.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Streams a bulk file of entry lines (CSV with a header, or JSON Lines) through an {@link Assessor}:
 * one result per line to the output, rejected lines with their line number, field and reason to the
 * rejects file. Counts always reconcile: read = assessed + prohibited + rejected.
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

    /** A file that cannot be processed at all (unreadable, malformed header): nothing was written. */
    public static final class BulkFileException extends RuntimeException {
        public BulkFileException(String message) {
            super(message);
        }
    }

    public record Options(boolean ignoreUnknownColumns, Format outputFormat, LongConsumer progress) {
        public static Options defaults() {
            return new Options(false, Format.CSV, n -> { });
        }
    }

    public record Summary(long read, long assessed, long prohibited, long rejected, BigDecimal totalDuty, long nanos) {
        public boolean reconciles() {
            return read == assessed + prohibited + rejected;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private BulkAssessment() {
    }

    /** Input format from the file name: .jsonl / .ndjson are JSON Lines, anything else CSV. */
    public static Format inputFormat(Path in) {
        String n = in.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson") ? Format.JSONL : Format.CSV;
    }

    public static Summary run(Assessor assessor, Path in, Path out, Path rejects, Options opt) {
        if (!Files.isReadable(in)) throw new BulkFileException("cannot read " + in + ": no such file or not readable");
        Path tmpOut = temp(out);
        Path tmpRej = rejects == null ? null : temp(rejects);
        long t0 = System.nanoTime();
        Summary s;
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             Writer ow = new BufferedWriter(Files.newBufferedWriter(tmpOut, StandardCharsets.UTF_8), 1 << 16);
             Writer rw = tmpRej == null ? Writer.nullWriter() : new BufferedWriter(Files.newBufferedWriter(tmpRej, StandardCharsets.UTF_8), 1 << 16)) {
            Sink sink = new Sink(ow, rw, opt.outputFormat(), rejects != null);
            s = inputFormat(in) == Format.JSONL ? jsonl(assessor, r, in, sink, opt, t0, new Counter()) : csv(assessor, r, in, sink, opt, t0, new Counter());
            sink.flush();
        } catch (IOException e) {
            deleteQuietly(tmpOut, tmpRej);
            throw new BulkFileException("cannot process " + in + ": " + e.getMessage());
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
                        BigDecimal totalDuty, String results, String rejects) { }

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
    public static Summary runChunked(Assessor assessor, Reader in, String name, Format inputFormat, Options opt,
                                     int chunkSize, int startChunk, ChunkListener listener) {
        if (chunkSize < 1) throw new IllegalArgumentException("chunkSize must be at least 1");
        if (startChunk < 0) throw new IllegalArgumentException("startChunk must not be negative");
        long t0 = System.nanoTime();
        StringWriter ow = new StringWriter(1 << 16);
        StringWriter rw = new StringWriter(1 << 12);
        Sink sink = new Sink(ow, rw, opt.outputFormat(), true);
        Counter n = new Counter();
        n.skip = (long) startChunk * chunkSize;
        Chunker chunker = new Chunker(sink, ow, rw, chunkSize, startChunk, listener);
        n.chunks = chunker;
        Path label = Path.of(name);
        try {
            BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
            Summary all = inputFormat == Format.JSONL ? jsonl(assessor, r, label, sink, opt, t0, n) : csv(assessor, r, label, sink, opt, t0, n);
            chunker.finish(n);
            return new Summary(all.read() - Math.min(all.read(), n.skip), chunker.assessed, chunker.prohibited,
                    chunker.rejected, chunker.total, System.nanoTime() - t0);
        } catch (IOException e) {
            throw new BulkFileException("cannot process " + name + ": " + e.getMessage());
        }
    }

    /** Cuts the sink's output into chunks at every {@code size} records. */
    private static final class Chunker {
        final Sink sink;
        final StringWriter out;
        final StringWriter rej;
        final int size;
        final ChunkListener listener;
        int index;
        boolean emittedAny;
        long assessed;
        long prohibited;
        long rejected;
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        // the counter's values when the current chunk began
        long a0;
        long p0;
        long r0;
        BigDecimal t0 = BigDecimal.ZERO.setScale(2);

        Chunker(Sink sink, StringWriter out, StringWriter rej, int size, int startChunk, ChunkListener listener) {
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
            String results = out.toString();
            String rejects = rej.toString();
            if (!emittedAny && index > 0) {
                // resuming: the header lines belong to chunk 0, which is already stored
                results = dropHeader(results, sink.format == Format.CSV ? 1 : 0);
                rejects = dropHeader(rejects, 1);
            }
            out.getBuffer().setLength(0);
            rej.getBuffer().setLength(0);
            Chunk c = new Chunk(index, (long) index * size, records, n.assessed - a0, n.prohibited - p0, n.rejected - r0,
                    n.total.subtract(t0), results, rejects);
            a0 = n.assessed;
            p0 = n.prohibited;
            r0 = n.rejected;
            t0 = n.total;
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
     * file: {@code firstLine} is the number of the piece's first data line. Output and reject headers are
     * written only when {@code withHeaders}, so the pieces of a file written in order concatenate to exactly
     * what {@link #run} writes for the whole file.
     */
    public static Summary runPiece(Assessor assessor, Reader in, String name, Format inputFormat, Options opt,
                                   long firstLine, boolean withHeaders, Writer out, Writer rejects) {
        long t0 = System.nanoTime();
        Sink sink = new Sink(out, rejects == null ? Writer.nullWriter() : rejects, opt.outputFormat(), rejects != null);
        sink.headers = withHeaders;
        Counter n = new Counter();
        n.lineOffset = firstLine - (inputFormat == Format.CSV ? 2 : 1);
        try {
            BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
            Summary s = inputFormat == Format.JSONL ? jsonl(assessor, r, Path.of(name), sink, opt, t0, n)
                    : csv(assessor, r, Path.of(name), sink, opt, t0, n);
            sink.flush();
            return s;
        } catch (IOException e) {
            throw new BulkFileException("cannot process " + name + ": " + e.getMessage());
        }
    }

    /**
     * Checks a CSV bulk file's header line as {@link #run} does (required columns, unknown columns,
     * duplicates), throwing {@link BulkFileException} with the same message when it is not acceptable.
     */
    public static void checkHeader(String headerLine, String name, Options opt) {
        runPiece(null, new java.io.StringReader(headerLine + "\n"), name, Format.CSV, opt, 2, false,
                Writer.nullWriter(), null);
    }

    /**
     * Reads and parses every line of a CSV bulk file into an {@link Entry} as {@link #run} does, with
     * the same reader, but neither assesses nor writes: the baseline the bulk benchmark measures
     * {@code run} against. Lines that do not parse count as rejected, the others as assessed.
     */
    public static Summary parseOnly(Path in, Options opt) {
        long t0 = System.nanoTime();
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            return csv(null, r, in, null, opt, t0, new Counter());
        } catch (IOException e) {
            throw new BulkFileException("cannot process " + in + ": " + e.getMessage());
        }
    }

    private static Summary csv(Assessor assessor, BufferedReader r, Path in, Sink sink, Options opt, long t0, Counter n) throws IOException {
        CsvReader<CsvRecord> reader = CsvReader.builder().allowMissingFields(true).allowExtraFields(true)
                .detectBomHeader(false).ofCsvRecord(r);
        Map<String, Integer> cols = null;
        EntryFields parser = new EntryFields();
        for (CsvRecord rec : reader) {
            if (cols == null) {
                cols = header(rec, in, opt);
                if (sink != null) sink.header();
                continue;
            }
            final CsvRecord row = rec;
            final Map<String, Integer> c = cols;
            long line = rec.getStartingLineNumber() + n.lineOffset;
            if (row.getFieldCount() == 1 && row.getField(0).isBlank()) continue; // blank line
            n.read++;
            if (n.read <= n.skip) continue; // resuming: this record's chunk is already done
            one(assessor, parser, name -> {
                Integer i = c.get(name);
                return i == null || i >= row.getFieldCount() ? null : row.getField(i);
            }, line, sink, n);
            if (n.chunks != null) n.chunks.afterRecord(n);
            if ((n.read & 0x3FFF) == 0) opt.progress().accept(n.read);
        }
        if (cols == null) throw new BulkFileException(in + ": the file is empty; expected a header line with the columns "
                + String.join(",", EntryFields.REQUIRED));
        opt.progress().accept(n.read);
        return n.summary(t0);
    }

    private static Map<String, Integer> header(CsvRecord rec, Path in, Options opt) {
        Map<String, Integer> cols = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        Set<String> known = new HashSet<>(EntryFields.REQUIRED);
        known.addAll(EntryFields.OPTIONAL);
        for (int i = 0; i < rec.getFieldCount(); i++) {
            String name = rec.getField(i).trim();
            if (i == 0 && name.startsWith("\uFEFF")) name = name.substring(1);
            if (cols.put(name, i) != null) throw new BulkFileException(in + ":1: duplicate column '" + name + "'");
            if (!known.contains(name)) unknown.add(name);
        }
        List<String> missing = new ArrayList<>();
        for (String req : EntryFields.REQUIRED) if (!cols.containsKey(req)) missing.add(req);
        if (!missing.isEmpty()) {
            throw new BulkFileException(in + ":1: header lacks required column(s) " + String.join(", ", missing)
                    + "; expected " + String.join(",", EntryFields.REQUIRED) + " (any order) and optionally "
                    + String.join(",", EntryFields.OPTIONAL));
        }
        if (!unknown.isEmpty() && !opt.ignoreUnknownColumns()) {
            throw new BulkFileException(in + ":1: unknown column(s) " + String.join(", ", unknown)
                    + "; expected only " + String.join(",", EntryFields.REQUIRED) + "," + String.join(",", EntryFields.OPTIONAL)
                    + " (or pass --ignore-unknown)");
        }
        return cols;
    }

    private static Summary jsonl(Assessor assessor, BufferedReader r, Path in, Sink sink, Options opt, long t0, Counter n) throws IOException {
        EntryFields parser = new EntryFields();
        sink.header();
        String text;
        long line = 0;
        while ((text = r.readLine()) != null) {
            line++;
            if (line == 1) line += n.lineOffset;
            if (text.isBlank()) continue;
            n.read++;
            if (n.read <= n.skip) continue; // resuming: this record's chunk is already done
            JsonNode node;
            try {
                node = JSON.readTree(text);
                if (node == null || !node.isObject()) throw new IOException("not a JSON object");
            } catch (IOException e) {
                n.rejected++;
                sink.reject(line, null, "line", "not a JSON object: " + e.getMessage().split("\n")[0]);
                if (n.chunks != null) n.chunks.afterRecord(n);
                continue;
            }
            final JsonNode obj = node;
            one(assessor, parser, name -> {
                JsonNode v = obj.get(name);
                if (v == null || v.isNull()) return null;
                if (v.isArray() && name.equals("documents")) {
                    List<String> ds = new ArrayList<>();
                    v.forEach(x -> ds.add(x.asText()));
                    return String.join(";", ds);
                }
                return v.asText();
            }, line, sink, n);
            if (n.chunks != null) n.chunks.afterRecord(n);
            if ((n.read & 0x3FFF) == 0) opt.progress().accept(n.read);
        }
        opt.progress().accept(n.read);
        return n.summary(t0);
    }

    private static void one(Assessor assessor, EntryFields parser, java.util.function.Function<String, String> get, long line,
                            Sink sink, Counter n) throws IOException {
        String lineId = get.apply("line_id");
        try {
            Entry e = parser.parse(get, line);
            if (assessor == null) { // parse only
                n.assessed++;
                return;
            }
            Assessment a = assessor.assessWithoutTrail(e);
            if (a.status() == Assessment.Status.PROHIBITED) n.prohibited++;
            else {
                n.assessed++;
                n.total = n.total.add(a.totalDuty());
            }
            sink.result(a);
        } catch (EntryRejected rej) {
            n.rejected++;
            if (sink != null) sink.reject(line, lineId, rej.field(), rej.reason());
        }
    }

    private static final class Counter {
        long skip;
        long lineOffset; // added to every line number reported (a piece of a larger file)
        Chunker chunks;
        long read;
        long assessed;
        long prohibited;
        long rejected;
        BigDecimal total = BigDecimal.ZERO.setScale(2);

        Summary summary(long t0) {
            return new Summary(read, assessed, prohibited, rejected, total, System.nanoTime() - t0);
        }
    }

    /** Writes results and rejects in the chosen format. */
    private static final class Sink {
        private final Writer out;
        private final Writer rej;
        final Format format;
        private final boolean rejectsWanted;
        boolean headers = true; // false for the later pieces of a file (runPiece)
        private ResultRows csvOut;
        private CsvWriter csvRej;

        Sink(Writer out, Writer rej, Format format, boolean rejectsWanted) {
            this.out = out;
            this.rej = rej;
            this.format = format;
            this.rejectsWanted = rejectsWanted;
        }

        void header() throws IOException {
            if (format == Format.CSV) {
                csvOut = new ResultRows(out);
                if (headers) csvOut.header(OUTPUT_COLUMNS);
            }
            if (rejectsWanted) {
                csvRej = CsvWriter.builder().build(rej);
                if (headers) csvRej.writeRecord(REJECT_COLUMNS);
            }
        }

        /** FastCSV's writers buffer on their own: without this the last records never reach the file. */
        void flush() throws IOException {
            if (csvOut != null) csvOut.flush();
            if (csvRej != null) csvRej.flush();
        }

        void result(Assessment a) throws IOException {
            if (format == Format.CSV) {
                csvOut.result(a);
                return;
            }
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
            out.write(JSON.writeValueAsString(o));
            out.write('\n');
        }

        void reject(long line, String lineId, String field, String reason) throws IOException {
            if (format == Format.JSONL) {
                ObjectNode o = JSON.createObjectNode();
                o.put("line_id", lineId);
                o.put("status", "rejected");
                o.put("line", line);
                o.put("field", field);
                o.put("reason", reason);
                out.write(JSON.writeValueAsString(o));
                out.write('\n');
            } else {
                csvOut.rejected(lineId, "line " + line + ": " + field + ": " + reason);
            }
            if (csvRej != null) csvRej.writeRecord(String.valueOf(line), safe(lineId == null ? "" : lineId), field, safe(reason));
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

    private static Path temp(Path target) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            try {
                // temp files are created owner-only; results are ordinary files once moved into place
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: its defaults apply
            }
            return tmp;
        } catch (IOException e) {
            throw new BulkFileException("cannot write beside " + target + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path... ps) {
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
