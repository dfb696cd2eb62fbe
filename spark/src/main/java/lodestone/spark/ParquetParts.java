package lodestone.spark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parquet output of the bulk job ({@code --format parquet}): one part file per range in
 * {@code OUT/NAME/results/} and {@code OUT/NAME/rejects/}, two Parquet data sets a reader opens as folders.
 *
 * <p>Why it is built from the engine's JSON Lines. The engine writes one JSON object per input line, in input
 * order, with every figure the CSV holds and the amounts as exact decimals; this class turns those objects into
 * typed rows (decimals as {@code decimal(38,2)}, measures as an ordered list of id and amount, lists as lists),
 * so the Parquet rows carry exactly the numbers {@code assess-file} writes and no second assessment path exists.
 *
 * <p>Why each row has its line number. Rows of a Parquet data set have no order a reader must keep, so every
 * result carries {@code line}, the number of its line in the input file (the number rejects and warnings give),
 * and a sort on it restores the input order. The engine reports line numbers only for rejected lines; for the
 * others they are counted here from the piece's bytes — every non-blank physical line is one result, in order
 * (docs/bulk-format.md: blank lines are skipped, a record never spans lines) — and checked against the engine's
 * on every rejected line, so a miscount fails the range instead of numbering rows wrongly.
 */
final class ParquetParts {
    private ParquetParts() {
    }

    /** {@code decimal(38,2)} in 16 bytes: every amount the engine can write fits (values are below 10^15). */
    private static final int DECIMAL_BYTES = 16;

    static final MessageType RESULTS = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named("line")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("line_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("status")
            .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(DECIMAL_BYTES).as(LogicalTypeAnnotation.decimalType(2, 38)).named("total_duty")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("currency")
            .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(DECIMAL_BYTES).as(LogicalTypeAnnotation.decimalType(2, 38)).named("effective_rate")
            .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(DECIMAL_BYTES).as(LogicalTypeAnnotation.decimalType(2, 38)).named("landed_cost")
            .requiredList().requiredGroupElement()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("id")
            .required(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(DECIMAL_BYTES).as(LogicalTypeAnnotation.decimalType(2, 38)).named("amount")
            .named("measures")
            .requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("documents_required")
            .requiredList().requiredElement(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("warnings")
            .named("result");

    static final MessageType REJECTS = Types.buildMessage()
            .required(PrimitiveTypeName.INT64).named("line")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("line_id")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("field")
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("reason")
            .named("reject");

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** What one range wrote: rows of each data set. */
    record Written(long results, long rejects) { }

    /**
     * Opens the two part files {@code dir/results/part-K.parquet} and {@code dir/rejects/part-K.parquet} of one piece
     * and returns the stream the engine writes its JSON Lines results to: each result becomes a row as its line ends,
     * so a range's results are never held whole (they are about twice the input as text, and several times that as
     * rows). {@code pieceLines} are the piece's input lines (without the CSV header) and {@code firstLine} the number
     * of the first of them. {@link Sink#close()} checks that every input line had its result and moves both files into
     * place; {@link Sink#abort()} deletes them — a piece leaves both files or neither.
     */
    static Sink open(Path dir, String part, byte[] pieceLines, long firstLine) throws IOException {
        return new Sink(dir, part, new LineNumbers(pieceLines, firstLine));
    }

    /**
     * As {@link #open(Path, String, byte[], long)} for a piece streamed, never held (pass 3's whole file, a Parquet
     * partition's rows): the lines are numbered from {@code in} as the engine reads it.
     */
    static Sink open(Path dir, String part, NumberingInput in) throws IOException {
        return new Sink(dir, part, in);
    }

    /**
     * How a piece's lines are numbered for Parquet output: from its bytes, held anyway (a range), or as they stream
     * past — the stream's first {@code skip} lines (a header, blank lines before it) not numbered, the next numbered
     * from {@code firstLine}.
     */
    record Lines(byte[] bytes, long skip) {
        static Lines of(byte[] pieceLines) {
            return new Lines(pieceLines, 0);
        }

        static Lines streamed(long skip) {
            return new Lines(null, skip);
        }
    }

    /** The numbers of a piece's non-blank lines, in order, as its results ask for them. */
    interface Numbers {
        boolean hasNext();

        long next();
    }

    /** Row groups of at most this many bytes: what a task buffers of each data set before it writes them out. */
    static final long ROW_GROUP_BYTES = 16L << 20;

    /** The engine's JSON Lines in, Parquet rows out, a line at a time. */
    static final class Sink extends java.io.OutputStream {
        private final String part;
        private final Numbers lines;
        private final SimpleGroupFactory results = new SimpleGroupFactory(RESULTS);
        private final SimpleGroupFactory rejects = new SimpleGroupFactory(REJECTS);
        private final org.apache.hadoop.fs.FileSystem fs;
        private final Path resTarget, rejTarget, resTmp, rejTmp;
        private final ParquetWriter<Group> res, rej;
        private byte[] line = new byte[1 << 12];
        private int len;
        private long resultRows, rejectRows;
        private boolean closed;

        private Sink(Path dir, String part, Numbers lines) throws IOException {
            this.part = part;
            this.lines = lines;
            resTarget = new Path(new Path(dir, "results"), "part-" + part + ".parquet");
            rejTarget = new Path(new Path(dir, "rejects"), "part-" + part + ".parquet");
            fs = resTarget.getFileSystem(SparkBulk.executorConf());
            resTmp = SparkBulk.tmpFor(resTarget);
            rejTmp = SparkBulk.tmpFor(rejTarget);
            ParquetWriter<Group> a = null;
            try {
                a = writer(resTmp, RESULTS);
                rej = writer(rejTmp, REJECTS);
            } catch (IOException | RuntimeException e) {
                if (a != null) a.close();
                fs.delete(resTmp, false);
                fs.delete(rejTmp, false);
                throw e;
            }
            res = a;
        }

        private static ParquetWriter<Group> writer(Path tmp, MessageType schema) throws IOException {
            return ExampleParquetWriter.builder(HadoopOutputFile.fromPath(tmp, SparkBulk.executorConf()))
                    .withType(schema).withConf(SparkBulk.executorConf()).withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withRowGroupSize(ROW_GROUP_BYTES).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            int end = off + n;
            for (int i = off; i < end; i++) {
                if (b[i] == '\n') {
                    append(b, off, i - off);
                    row();
                    off = i + 1;
                }
            }
            append(b, off, end - off);
        }

        private void append(byte[] b, int off, int n) {
            if (len + n > line.length) line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, len + n));
            System.arraycopy(b, off, line, len, n);
            len += n;
        }

        private void row() throws IOException {
            int n = len;
            len = 0;
            if (n == 0) return;
            JsonNode o = JSON.readTree(line, 0, n);
            if (!lines.hasNext()) throw new IOException("more results than input lines in part " + part + "; no Parquet written");
            long at = lines.next();
            String status = o.path("status").asText();
            Group g = results.newGroup().append("line", at).append("status", status).append("currency", "USD");
            if (o.hasNonNull("line_id")) g.append("line_id", o.get("line_id").asText());
            Group measures = g.addGroup("measures");
            Group docs = g.addGroup("documents_required");
            Group warnings = g.addGroup("warnings");
            if ("rejected".equals(status)) {
                long told = o.path("line").asLong(-1);
                if (told != at) {
                    throw new IOException("line numbers disagree in part " + part + ": counted " + at + ", the engine says " + told);
                }
                String field = o.path("field").asText();
                String reason = o.path("reason").asText();
                // the CSV results' text for a rejected line, so that both formats say the same
                warnings.addGroup("list").append("element", "line " + at + ": " + field + ": " + reason);
                Group x = rejects.newGroup().append("line", at).append("field", field).append("reason", reason);
                if (o.hasNonNull("line_id")) x.append("line_id", o.get("line_id").asText());
                rej.write(x);
                rejectRows++;
            } else {
                amount(g, "total_duty", o.get("total_duty"));
                amount(g, "effective_rate", o.get("effective_rate"));
                amount(g, "landed_cost", o.get("landed_cost"));
                for (Iterator<Map.Entry<String, JsonNode>> it = o.path("measures").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> m = it.next();
                    Group e = measures.addGroup("list").addGroup("element").append("id", m.getKey());
                    e.append("amount", decimal(number(m.getKey(), m.getValue())));
                }
                for (JsonNode d : o.path("documents_required")) docs.addGroup("list").append("element", d.asText());
                for (JsonNode w : o.path("warnings")) warnings.addGroup("list").append("element", w.asText());
            }
            res.write(g);
            resultRows++;
        }

        private void amount(Group g, String name, JsonNode v) throws IOException {
            if (v != null && !v.isNull()) g.append(name, decimal(number(name, v)));
        }

        /** An amount of the engine's JSON: a number, never read as 0 when it is anything else. */
        private BigDecimal number(String name, JsonNode v) throws IOException {
            if (!v.isNumber()) throw new IOException(name + " is not a number in part " + part + ": " + v);
            return v.decimalValue();
        }

        /** Rows written to each data set so far. */
        Written written() {
            return new Written(resultRows, rejectRows);
        }

        /** Ends the piece: its last result, the check that every line had one, both files moved into place. */
        @Override
        public void close() throws IOException {
            if (closed) return;
            try {
                row();
                if (lines.hasNext()) throw new IOException("fewer results than input lines in part " + part + "; no Parquet written");
                closed = true;
                res.close();
                rej.close();
                SparkBulk.moveInto(fs, resTmp, resTarget);
                SparkBulk.moveInto(fs, rejTmp, rejTarget);
            } catch (IOException | RuntimeException e) {
                abort();
                throw e;
            }
        }

        /** Leaves neither file: after a failed piece. */
        void abort() {
            closed = true;
            try {
                res.close();
            } catch (IOException | RuntimeException ignored) {
                // the file is deleted below
            }
            try {
                rej.close();
            } catch (IOException | RuntimeException ignored) {
                // the file is deleted below
            }
            try {
                fs.delete(resTmp, false);
                fs.delete(rejTmp, false);
            } catch (IOException ignored) {
                // a hidden temporary file left behind is not read as a part (its name begins with a dot)
            }
        }
    }

    /**
     * The numbers of the non-blank lines of {@code bytes} (blank: only spaces, tabs and carriage returns), as a list:
     * the reference the tests hold the streamed numbering ({@link NumberingInput}) to.
     */
    static List<Long> nonBlankLineNumbers(byte[] bytes, long firstLine) {
        List<Long> out = new ArrayList<>();
        LineNumbers n = new LineNumbers(bytes, firstLine);
        while (n.hasNext()) out.add(n.next());
        return out;
    }

    /** The numbers of the non-blank lines of a piece, found as they are asked for (no list of them is kept). */
    static final class LineNumbers implements Numbers {
        private final byte[] bytes;
        private int at;
        private long n;
        private long next = -1;

        LineNumbers(byte[] bytes, long firstLine) {
            this.bytes = bytes;
            this.n = firstLine;
        }

        @Override
        public boolean hasNext() {
            while (next < 0 && at < bytes.length) {
                boolean blank = true;
                int i = at;
                for (; i < bytes.length && bytes[i] != '\n'; i++) {
                    byte c = bytes[i];
                    if (c != ' ' && c != '\t' && c != '\r') blank = false;
                }
                if (!blank) next = n;
                n++;
                at = i + 1; // past the newline (or the end: a last line without one)
            }
            return next >= 0;
        }

        @Override
        public long next() {
            if (!hasNext()) throw new java.util.NoSuchElementException();
            long x = next;
            next = -1;
            return x;
        }
    }

    /**
     * A file's bytes on their way to the engine, numbering its non-blank lines as they pass: the engine writes a line's
     * result only after it has read the line's end, so its number is here by then. The first {@code skip} lines (a CSV
     * file's header and the blank lines before it) are not numbered. Holds only the numbers read ahead of the results
     * (the engine's read buffer's worth).
     */
    static final class NumberingInput extends java.io.FilterInputStream implements Numbers {
        private long[] queue = new long[1024];
        private int head, size;
        private long n = 1;
        private final long skip, offset;
        private boolean blank = true, ended;

        /** Lines after the first {@code skip} numbered from {@code firstLine}. */
        NumberingInput(java.io.InputStream in, long skip, long firstLine) {
            super(in);
            this.skip = skip;
            this.offset = firstLine - skip - 1;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c < 0) end();
            else see((byte) c);
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int got = super.read(b, off, len);
            if (got < 0) end();
            for (int i = 0; i < got; i++) see(b[off + i]);
            return got;
        }

        @Override
        public long skip(long k) {
            throw new UnsupportedOperationException("lines are numbered as they are read");
        }

        private void see(byte c) {
            if (c == '\n') {
                lineEnded();
                n++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                blank = false;
            }
        }

        private void end() {
            if (!ended) lineEnded(); // a last line without a newline
            ended = true;
        }

        private void lineEnded() {
            if (!blank && n > skip) {
                if (size == queue.length) {
                    long[] q = new long[queue.length * 2];
                    for (int i = 0; i < size; i++) q[i] = queue[(head + i) % queue.length];
                    queue = q;
                    head = 0;
                }
                queue[(head + size++) % queue.length] = n + offset;
            }
            blank = true;
        }

        @Override
        public boolean hasNext() {
            return size > 0;
        }

        @Override
        public long next() {
            if (size == 0) throw new java.util.NoSuchElementException();
            long x = queue[head];
            head = (head + 1) % queue.length;
            size--;
            return x;
        }
    }

    /** An amount as the 16-byte big-endian two's complement of its value in cents. */
    static Binary decimal(BigDecimal v) {
        BigInteger unscaled = v.setScale(2, RoundingMode.UNNECESSARY).unscaledValue();
        byte[] b = unscaled.toByteArray();
        if (b.length > DECIMAL_BYTES) throw new ArithmeticException(v + " does not fit decimal(38,2)");
        byte[] out = new byte[DECIMAL_BYTES];
        byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
        java.util.Arrays.fill(out, 0, DECIMAL_BYTES - b.length, pad);
        System.arraycopy(b, 0, out, DECIMAL_BYTES - b.length, b.length);
        return Binary.fromConstantByteArray(out);
    }
}
