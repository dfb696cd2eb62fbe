package lodestone.spark;

import lodestone.border.bulk.BulkAssessment;
import lodestone.border.bulk.BulkAssessment.Format;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Parquet input for the bulk job: a Parquet file (or a data set written as a folder named {@code *.parquet}) whose
 * columns are the bulk format's, assessed by the same engine. Each partition's rows are written as CSV lines under a
 * header made of the file's column names and handed to {@link BulkAssessment#runPiece}, so parsing, checks, bounds and
 * rejects are the CSV path's own. A row's {@code line} (in rejects and warnings) is its row number in the file,
 * counted from 1; rows are numbered in the order Spark reads them (the file's order for one file).
 *
 * <p>Values: null is an empty field; decimals are written in plain notation; dates as yyyy-mm-dd; everything else
 * by its string form. A string holding a line break is one rejected row, rejected for that column.
 */
final class ParquetRows {
    private ParquetRows() {
    }

    record Outcome(List<SparkBulk.RangeResult> results, String error) { }

    static Outcome assess(SparkSession spark, String path, int file, Broadcast<RegimePayload> regime, SparkBulk.Options opt,
                          String outRoot, String outName) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(path);
        } catch (RuntimeException e) {
            return new Outcome(List.of(), "cannot read " + path + " as Parquet: " + firstLine(e.getMessage()));
        }
        String header = String.join(",", df.columns());
        try {
            BulkAssessment.checkHeader(header.getBytes(StandardCharsets.UTF_8), path, opt.engine());
        } catch (BulkAssessment.BulkFileException e) {
            return new Outcome(List.of(), e.getMessage().replace(path + ":1:", path + ": columns:"));
        }
        org.apache.spark.api.java.JavaPairRDD<Row, Long> indexed = df.javaRDD().zipWithIndex();
        try {
            List<SparkBulk.RangeResult> rs = indexed.mapPartitionsWithIndex((k, rows) -> List.of(
                    assessPartition(k, rows, header, path, file, regime.value(), opt, outRoot, outName)).iterator(), true).collect();
            return new Outcome(rs, rs.stream().map(SparkBulk.RangeResult::error).filter(x -> x != null).findFirst().orElse(null));
        } catch (RuntimeException e) {
            return new Outcome(List.of(), "cannot process " + path + ": " + firstLine(e.getMessage()));
        }
    }

    private static SparkBulk.RangeResult assessPartition(int k, Iterator<Tuple2<Row, Long>> rows, String header, String path,
                                                         int file, RegimePayload regime, SparkBulk.Options opt,
                                                         String outRoot, String outName) throws IOException {
        // the rows are turned into CSV lines as the engine reads them: a partition (a row group, often ten times its size
        // once decompressed) is never held whole; Parquet output numbers the lines as they stream past, past the header
        Tuple2<Row, Long> head = rows.hasNext() ? rows.next() : null;
        long firstLine = head == null ? 1 : head._2() + 1;
        RowLines input = new RowLines(header, head, rows);
        BulkAssessment.Summary s;
        try {
            s = SparkBulk.assessPiece(regime, input, path, Format.CSV, opt, firstLine, k == 0,
                    new org.apache.hadoop.fs.Path(outRoot, outName), String.format(Locale.ROOT, "%05d", k), ParquetParts.Lines.streamed(1));
        } catch (BulkAssessment.BulkFileException e) {
            return new SparkBulk.RangeResult(file, k, 0, 0, 0, 0, "0", e.getMessage());
        }
        return SparkBulk.RangeResult.of(file, k, s);
    }

    /**
     * A partition's rows as the bytes of a CSV file (the header, then a line a row), made a row at a time as they are read.
     */
    static final class RowLines extends java.io.InputStream {
        private final Iterator<Tuple2<Row, Long>> rows;
        private final StringBuilder line = new StringBuilder(256);
        private Tuple2<Row, Long> next;
        private byte[] buf;
        private int at;

        RowLines(String header, Tuple2<Row, Long> first, Iterator<Tuple2<Row, Long>> rows) {
            this.rows = rows;
            this.next = first;
            this.buf = (header + "\n").getBytes(StandardCharsets.UTF_8);
        }

        /** The next row's line in {@code buf}; false at the end. */
        private boolean fill() {
            if (next == null) return false;
            Row r = next._1();
            next = rows.hasNext() ? rows.next() : null;
            line.setLength(0);
            for (int j = 0; j < r.length(); j++) {
                if (j > 0) line.append(',');
                String v = field(r.get(j));
                if (v == null) { // a line break: one row stays one line, rejected for it (below); its other values are left out
                    line.append(brokenField(r.get(j)));
                    break;
                }
                line.append(v);
            }
            line.append('\n');
            buf = line.toString().getBytes(StandardCharsets.UTF_8);
            at = 0;
            return true;
        }

        @Override
        public int read() {
            while (at >= buf.length) if (!fill()) return -1;
            return buf[at++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) return 0;
            while (at >= buf.length) if (!fill()) return -1;
            int n = Math.min(len, buf.length - at);
            System.arraycopy(buf, at, b, off, n);
            at += n;
            return n;
        }
    }

    /**
     * One value as a CSV field: quoted when it holds a comma or a quote; null for text with a line break, which no
     * bulk line can hold ({@link #brokenField}).
     */
    static String field(Object v) {
        if (v == null) return "";
        String s = v instanceof BigDecimal d ? d.toPlainString() : v.toString();
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) return null;
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * Text with a line break, as the end of its row's line: a quoted value that the line ends before it closes, which
     * the engine rejects on that line ("unterminated quote … a value may not span lines") under the column's name —
     * so the row is one rejected line, numbered as its row, and the rows after it keep their numbers. Written as a CSV
     * field, the break would have cut the row into two lines (two rejects, every later row's number one too high).
     */
    static String brokenField(Object v) {
        String s = v.toString().replace("\r", " ").replace("\n", " ");
        return '"' + s.replace("\"", "\"\"");
    }

    private static String firstLine(String m) {
        if (m == null) return "unreadable";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
