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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
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
     * Writes the engine's JSON Lines results of one piece as the two part files {@code dir/results/part-K.parquet}
     * and {@code dir/rejects/part-K.parquet}. {@code pieceLines} are the piece's input lines (without the CSV
     * header) and {@code firstLine} the number of the first of them.
     */
    static Written write(Path dir, String part, String jsonlResults, byte[] pieceLines, long firstLine) throws IOException {
        Iterator<Long> lines = nonBlankLineNumbers(pieceLines, firstLine).iterator();
        SimpleGroupFactory results = new SimpleGroupFactory(RESULTS);
        SimpleGroupFactory rejects = new SimpleGroupFactory(REJECTS);
        List<Group> res = new ArrayList<>();
        List<Group> rej = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(jsonlResults))) {
            String text;
            while ((text = r.readLine()) != null) {
                if (text.isEmpty()) continue;
                JsonNode o = JSON.readTree(text);
                if (!lines.hasNext()) throw new IOException("more results than input lines in part " + part + "; no Parquet written");
                long line = lines.next();
                String status = o.path("status").asText();
                Group g = results.newGroup().append("line", line).append("status", status).append("currency", "USD");
                if (o.hasNonNull("line_id")) g.append("line_id", o.get("line_id").asText());
                Group measures = g.addGroup("measures");
                Group docs = g.addGroup("documents_required");
                Group warnings = g.addGroup("warnings");
                if ("rejected".equals(status)) {
                    long told = o.path("line").asLong(-1);
                    if (told != line) {
                        throw new IOException("line numbers disagree in part " + part + ": counted " + line + ", the engine says " + told);
                    }
                    String field = o.path("field").asText();
                    String reason = o.path("reason").asText();
                    // the CSV results' text for a rejected line, so that both formats say the same
                    warnings.addGroup("list").append("element", "line " + line + ": " + field + ": " + reason);
                    Group x = rejects.newGroup().append("line", line).append("field", field).append("reason", reason);
                    if (o.hasNonNull("line_id")) x.append("line_id", o.get("line_id").asText());
                    rej.add(x);
                } else {
                    decimal(g, "total_duty", o.get("total_duty"));
                    decimal(g, "effective_rate", o.get("effective_rate"));
                    decimal(g, "landed_cost", o.get("landed_cost"));
                    for (Iterator<Map.Entry<String, JsonNode>> it = o.path("measures").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> m = it.next();
                        Group e = measures.addGroup("list").addGroup("element").append("id", m.getKey());
                        e.append("amount", decimal(m.getValue().decimalValue()));
                    }
                    for (JsonNode d : o.path("documents_required")) docs.addGroup("list").append("element", d.asText());
                    for (JsonNode w : o.path("warnings")) warnings.addGroup("list").append("element", w.asText());
                }
                res.add(g);
            }
        }
        if (lines.hasNext()) throw new IOException("fewer results than input lines in part " + part + "; no Parquet written");
        writeFile(new Path(new Path(dir, "results"), "part-" + part + ".parquet"), RESULTS, res);
        writeFile(new Path(new Path(dir, "rejects"), "part-" + part + ".parquet"), REJECTS, rej);
        return new Written(res.size(), rej.size());
    }

    /** The numbers of the non-blank lines of {@code bytes} (blank: only spaces, tabs and carriage returns). */
    static List<Long> nonBlankLineNumbers(byte[] bytes, long firstLine) {
        List<Long> out = new ArrayList<>();
        long n = firstLine;
        boolean blank = true;
        for (int i = 0; i < bytes.length; i++) {
            byte c = bytes[i];
            if (c == '\n') {
                if (!blank) out.add(n);
                n++;
                blank = true;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                blank = false;
            }
        }
        if (!blank) out.add(n); // a last line without a newline
        return out;
    }

    private static void decimal(Group g, String name, JsonNode v) {
        if (v != null && !v.isNull()) g.append(name, decimal(v.decimalValue()));
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

    /** Writes one part file through {@link SparkBulk#write(Path, SparkBulk.TmpWriter)}: a hidden name, then a rename. */
    private static void writeFile(Path target, MessageType schema, List<Group> rows) throws IOException {
        SparkBulk.write(target, (fs, tmp) -> {
            try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(tmp, SparkBulk.executorConf()))
                    .withType(schema).withConf(SparkBulk.executorConf()).withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                for (Group g : rows) w.write(g);
            }
        });
    }
}
