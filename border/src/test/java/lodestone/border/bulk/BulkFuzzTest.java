package lodestone.border.bulk;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of the bulk reader and writer: realistic generated lines, each mutated once as a
 * careless user or a broken export would (an extra or a lost comma, a stray quote, a quoted value
 * spanning lines, bytes that are not UTF-8, NUL and control characters, numbers far out of bounds, a
 * ';' delimiter, a thousands separator, truncation, random bytes; in JSON Lines also lost braces and
 * quotes, unknown and duplicate names, values of the wrong type). Over 100,000 mutated lines a run,
 * CSV and JSON Lines together; every run asserts:
 * <ul>
 *   <li>no file is aborted and nothing throws — every line is an entry or a reject;</li>
 *   <li>counts reconcile (read = assessed + prohibited + rejected), and read is the number of
 *       non-blank lines;</li>
 *   <li>every reject has its line number (a real, non-blank line of the file) and a field;</li>
 *   <li>no accepted line has a shifted field: every field the mutation did not touch reads exactly
 *       as in the line before mutation;</li>
 *   <li>the command line's writer ({@link BulkAssessment#run}) and the server's chunked job
 *       ({@link BulkAssessment#runChunked}) give byte-identical results and rejects, on the first
 *       20,000 fuzzed lines of each format and on the fuzz corpus kept in test resources.</li>
 * </ul>
 */
class BulkFuzzTest {
    static final Assessor ASSESSOR = ChunkedBulkTest.ASSESSOR;
    static final long SEED = 20261203L;

    @TempDir
    Path dir;

    /** A physical line of a fuzzed file: the fields before mutation (null for header or blank) and the column(s) touched. */
    record Meta(String[] original, int touched, String mutation) { }

    static final class Fuzzed {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Meta> lines = new ArrayList<>(); // index = line number - 1
        int mutated;

        void line(byte[] b, Meta m) {
            bytes.writeBytes(b);
            bytes.write('\n');
            lines.add(m);
        }
    }

    static List<String[]> baseRecords(int n, long seed) throws IOException {
        StringWriter w = new StringWriter();
        new EntryGenerator(ChunkedBulkTest.REGIME, seed).write(w, n);
        List<String[]> out = new ArrayList<>();
        String[] ls = w.toString().split("\n");
        for (int i = 1; i < ls.length; i++) out.add(ls[i].split(",", -1));
        return out;
    }

    static final String[] COLS = EntryGenerator.header().trim().split(",");
    static final String[] HUGE = {"1e999999999", "1e400", "10e-999999999", "99999999999999999999", "-1e400", "1E16", "0.0000000001", "NaN",
            "Infinity", "1e", "--1", "0x10", "1_000"};
    static final byte[][] BAD_UTF8 = {{(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFE}};
    static final int[] NUMERIC = {4, 6, 13, 14};

    // ------------------------------------------------------------------ CSV

    static Fuzzed fuzzCsv(List<String[]> base, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Fuzzed f = new Fuzzed();
        f.line(EntryGenerator.header().trim().getBytes(StandardCharsets.UTF_8), new Meta(null, -1, "header"));
        for (String[] rec : base) {
            String line = String.join(",", rec);
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            int kind = rnd.nextInt(16);
            int pos = rnd.nextInt(b.length + 1);
            int col = columnAt(line, pos);
            int k = rnd.nextInt(rec.length);
            String[] r2 = rec.clone();
            f.mutated++;
            switch (kind) {
                case 0 -> f.line(insert(b, pos, new byte[]{','}), new Meta(rec, col, "extra comma"));
                case 1 -> {
                    int c = line.indexOf(',', pos);
                    if (c < 0) c = line.indexOf(',');
                    f.line(remove(b, c, 1), new Meta(rec, columnAt(line, c), "lost comma"));
                }
                case 2 -> f.line(insert(b, pos, new byte[]{'"'}), new Meta(rec, col, "stray quote"));
                case 3 -> {
                    byte[] bad = BAD_UTF8[rnd.nextInt(BAD_UTF8.length)];
                    f.line(insert(b, pos, bad), new Meta(rec, col, "invalid UTF-8"));
                }
                case 4 -> {
                    int c = NUMERIC[rnd.nextInt(NUMERIC.length)];
                    r2[c] = HUGE[rnd.nextInt(HUGE.length)];
                    f.line(String.join(",", r2).getBytes(StandardCharsets.UTF_8), new Meta(rec, c, "number out of bounds"));
                }
                case 5 -> f.line(line.replace(',', ';').getBytes(StandardCharsets.UTF_8), new Meta(rec, -2, "semicolons"));
                case 6 -> {
                    String v = rec[4];
                    int dot = v.indexOf('.');
                    String whole = dot < 0 ? v : v.substring(0, dot);
                    if (whole.length() > 3) {
                        String grouped = whole.substring(0, whole.length() - 3) + "," + whole.substring(whole.length() - 3)
                                + (dot < 0 ? "" : v.substring(dot));
                        r2[4] = rnd.nextBoolean() ? grouped : "\"" + grouped + "\"";
                    } else {
                        r2[4] = v + ",5";
                    }
                    f.line(String.join(",", r2).getBytes(StandardCharsets.UTF_8), new Meta(rec, r2[4].startsWith("\"") ? 4 : -2,
                            "thousands separator"));
                }
                case 7 -> {
                    byte[] c = b.clone();
                    if (c.length > 0) {
                        int p = Math.min(pos, c.length - 1);
                        byte x;
                        do x = (byte) rnd.nextInt(256); while (x == '\n');
                        c[p] = x;
                        f.line(c, new Meta(rec, columnAt(line, p), "random byte"));
                    } else {
                        f.line(c, new Meta(rec, -2, "random byte"));
                    }
                }
                case 8 -> f.line(java.util.Arrays.copyOf(b, pos), new Meta(rec, col, "truncated"));
                case 9 -> {
                    r2[k] = "\"" + rec[k] + "\"";
                    f.line(String.join(",", r2).getBytes(StandardCharsets.UTF_8), new Meta(rec, -1, "quoted value"));
                }
                case 10 -> {
                    // a quoted value spanning two lines: both physical lines are judged on their own
                    r2[k] = "\"" + rec[k] + "\n" + rec[k] + "\"";
                    String[] two = String.join(",", r2).split("\n", -1);
                    f.line(two[0].getBytes(StandardCharsets.UTF_8), new Meta(rec, -2, "newline in quotes"));
                    f.line(two[1].getBytes(StandardCharsets.UTF_8), new Meta(null, -2, "newline in quotes (second half)"));
                }
                case 11 -> f.line(insert(b, pos, new byte[]{0}), new Meta(rec, col, "NUL"));
                case 12 -> f.line(insert(b, pos, new byte[]{(byte) (11 + rnd.nextInt(21))}), new Meta(rec, col, "control character"));
                case 13 -> f.line((line + "\r").getBytes(StandardCharsets.UTF_8), new Meta(rec, -1, "CRLF"));
                case 14 -> {
                    String[] r3 = new String[rec.length + 1];
                    System.arraycopy(rec, 0, r3, 0, k + 1);
                    System.arraycopy(rec, k, r3, k + 1, rec.length - k);
                    f.line(String.join(",", r3).getBytes(StandardCharsets.UTF_8), new Meta(rec, -2, "duplicated field"));
                }
                default -> {
                    r2[k] = "\"" + rec[k] + ",x\"";
                    f.line(String.join(",", r2).getBytes(StandardCharsets.UTF_8), new Meta(rec, k, "quoted comma"));
                }
            }
        }
        return f;
    }

    static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == x) return i;
        return -1;
    }

    static int columnAt(String line, int pos) {
        int c = 0;
        for (int i = 0; i < Math.min(pos, line.length()); i++) if (line.charAt(i) == ',') c++;
        return c;
    }

    static byte[] insert(byte[] b, int pos, byte[] x) {
        byte[] o = new byte[b.length + x.length];
        System.arraycopy(b, 0, o, 0, pos);
        System.arraycopy(x, 0, o, pos, x.length);
        System.arraycopy(b, pos, o, pos + x.length, b.length - pos);
        return o;
    }

    static byte[] remove(byte[] b, int pos, int n) {
        byte[] o = new byte[b.length - n];
        System.arraycopy(b, 0, o, 0, pos);
        System.arraycopy(b, pos + n, o, pos, b.length - pos - n);
        return o;
    }

    // ------------------------------------------------------------------ JSON Lines

    static String json(String[] rec) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < rec.length; i++) {
            if (rec[i].isEmpty()) continue;
            if (sb.length() > 1) sb.append(',');
            boolean number = (i == 4 || i == 6 || i == 13 || i == 14) && rec[i].matches("[0-9]+(\\.[0-9]+)?");
            sb.append('"').append(COLS[i]).append("\":").append(number ? rec[i] : "\"" + rec[i] + "\"");
        }
        return sb.append('}').toString();
    }

    /** The field whose name or value holds position {@code pos} of a JSON line as {@link #json} writes it, or -1. */
    static int jsonColumnAt(String line, String[] rec, int pos) {
        for (int i = 0; i < rec.length; i++) {
            if (rec[i].isEmpty()) continue;
            int at = line.indexOf("\"" + COLS[i] + "\":");
            if (at < 0) continue;
            int end = at + COLS[i].length() + 3 + rec[i].length() + (line.charAt(at + COLS[i].length() + 3) == '"' ? 2 : 0);
            if (pos >= at && pos <= end) return i;
        }
        return -2;
    }

    static Fuzzed fuzzJsonl(List<String[]> base, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Fuzzed f = new Fuzzed();
        for (String[] rec : base) {
            String line = json(rec);
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            int kind = rnd.nextInt(12);
            int pos = rnd.nextInt(b.length + 1);
            int col = jsonColumnAt(line, rec, pos);
            f.mutated++;
            String[] r2 = rec.clone();
            switch (kind) {
                case 0 -> f.line(remove(b, Math.min(pos, b.length - 1), 1), new Meta(rec, jsonColumnAt(line, rec, Math.min(pos, b.length - 1)),
                        "lost character"));
                case 1 -> f.line(insert(b, pos, new byte[]{"\"{}[],:\\".getBytes(StandardCharsets.US_ASCII)[rnd.nextInt(8)]}),
                        new Meta(rec, col, "stray structural character"));
                case 2 -> f.line(insert(b, pos, BAD_UTF8[rnd.nextInt(BAD_UTF8.length)]), new Meta(rec, col, "invalid UTF-8"));
                case 3 -> {
                    int c = NUMERIC[rnd.nextInt(2)];
                    f.line(line.replace("\"" + COLS[c] + "\":" + rec[c], "\"" + COLS[c] + "\":" + HUGE[rnd.nextInt(6)])
                            .getBytes(StandardCharsets.UTF_8), new Meta(rec, c, "number out of bounds"));
                }
                case 4 -> f.line(line.replace("{", "{\"customs_valeu\":1,").getBytes(StandardCharsets.UTF_8), new Meta(rec, -2, "unknown name"));
                case 5 -> f.line(line.replace("}", ",\"origin\":\"CN\"}").getBytes(StandardCharsets.UTF_8), new Meta(rec, -2, "duplicate name"));
                case 6 -> f.line(java.util.Arrays.copyOf(b, pos), new Meta(rec, col, "truncated"));
                case 7 -> {
                    byte[] c = b.clone();
                    int p = Math.min(pos, c.length - 1);
                    byte x;
                    do x = (byte) rnd.nextInt(256); while (x == '\n');
                    c[p] = x;
                    f.line(c, new Meta(rec, jsonColumnAt(line, rec, p), "random byte"));
                }
                case 8 -> f.line(line.replace("\"USD\"", rnd.nextBoolean() ? "true" : "{\"a\":1}").getBytes(StandardCharsets.UTF_8),
                        new Meta(rec, 5, "wrong type"));
                case 9 -> f.line(insert(b, pos, new byte[]{0}), new Meta(rec, col, "NUL"));
                case 10 -> {
                    r2[11] = "P\\u00e9";
                    f.line(json(r2).getBytes(StandardCharsets.UTF_8), new Meta(rec, 11, "escaped text"));
                }
                default -> f.line(("  " + line + " \r").getBytes(StandardCharsets.UTF_8), new Meta(rec, -1, "spaces and CR"));
            }
        }
        return f;
    }

    // ------------------------------------------------------------------ the checks

    @Test
    void overAHundredThousandMutatedLinesNothingAbortsNothingShiftsCountsReconcile() throws IOException {
        List<String[]> base = baseRecords(55_000, SEED);
        Fuzzed csv = fuzzCsv(base, SEED);
        Fuzzed jsonl = fuzzJsonl(base.subList(0, 50_000), SEED + 1);
        assertThat(csv.mutated + jsonl.mutated).isGreaterThanOrEqualTo(100_000);
        check(csv, BulkAssessment.Format.CSV, "fuzz.csv");
        check(jsonl, BulkAssessment.Format.JSONL, "fuzz.jsonl");
    }

    private void check(Fuzzed f, BulkAssessment.Format format, String name) throws IOException {
        byte[] data = f.bytes.toByteArray();
        long nonBlank = 0;
        List<Boolean> blank = new ArrayList<>();
        for (String l : new String(data, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            boolean isBlank = l.chars().allMatch(ch -> ch == ' ' || ch == '\t' || ch == '\r'); // as the reader sees a blank line
            blank.add(isBlank);
        }
        blank.remove(blank.size() - 1); // after the last newline
        for (int i = format == BulkAssessment.Format.CSV ? 1 : 0; i < blank.size(); i++) if (!blank.get(i)) nonBlank++;

        long accepted = 0;
        long rejected = 0;
        TreeSet<String> reasons = new TreeSet<>();
        List<String> problems = new ArrayList<>(); // plain checks per line, asserted once: AssertJ per field cost seconds
        try (BulkReader r = BulkReader.open(new ByteArrayInputStream(data), format, name, false)) {
            long last = 0;
            while (r.next()) {
                long line = r.line();
                if (line <= last || line > f.lines.size() || blank.get((int) line - 1)) problems.add("line " + line + " out of order or blank");
                last = line;
                Meta m = f.lines.get((int) line - 1);
                if (r.entry() == null) {
                    rejected++;
                    if (r.rejectField() == null || r.rejectField().isBlank() || r.rejectReason() == null || r.rejectReason().isBlank()
                            || r.rejectReason().contains("\n")) {
                        problems.add("line " + line + " (" + m.mutation() + "): reject without field or reason: " + r.rejectField()
                                + ": " + r.rejectReason());
                    }
                    reasons.add(m.mutation());
                    continue;
                }
                accepted++;
                if (m.original() == null) continue; // the second half of a split line: nothing to compare with
                for (int c = 0; c < COLS.length; c++) {
                    if (c == m.touched()) continue;
                    String got = value(r.entry(), c);
                    String want = canonical(m.original()[c], c, line);
                    if (!java.util.Objects.equals(got, want)) {
                        problems.add("line " + line + " (" + m.mutation() + "): " + COLS[c] + " shifted or changed: " + got + " != " + want);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(accepted + rejected).isEqualTo(nonBlank);
        assertThat(rejected).as("the fuzzer must produce rejects of many kinds").isGreaterThan(nonBlank / 4);
        assertThat(reasons.size()).isGreaterThanOrEqualTo(8);

        // the command line and the server's chunked job, on the first 20,000 lines (assessing all of them
        // twice would take most of the test's time): the same bytes, and counts that reconcile
        int sampleLines = 20_000;
        int cut = 0;
        for (int i = 0; i < sampleLines; i++) cut = indexOf(data, (byte) '\n', cut) + 1;
        long sampleNonBlank = 0;
        for (int i = format == BulkAssessment.Format.CSV ? 1 : 0; i < sampleLines; i++) if (!blank.get(i)) sampleNonBlank++;
        Path in = dir.resolve(name);
        Files.write(in, java.util.Arrays.copyOf(data, cut));
        BulkAssessment.Summary s = sameAsServer(in, format, 1_024);
        assertThat(s.read()).isEqualTo(sampleNonBlank);
        assertThat(s.rejected()).isGreaterThan(sampleNonBlank / 4);
        for (List<String> row : csvRows(dir.resolve("cli.rej")).subList(1, (int) s.rejected() + 1)) {
            assertThat(Long.parseLong(row.get(0))).isBetween(1L, (long) sampleLines);
            assertThat(row.get(2)).isNotBlank();
        }
    }

    /** The server's chunked run gives, chunk by chunk concatenated, exactly the files {@link BulkAssessment#run} writes. */
    BulkAssessment.Summary sameAsServer(Path in, BulkAssessment.Format format, int chunk) throws IOException {
        Path out = dir.resolve("cli.out");
        Path rej = dir.resolve("cli.rej");
        BulkAssessment.Summary cli = BulkAssessment.run(ASSESSOR, in, out, rej, BulkAssessment.Options.defaults());
        StringBuilder results = new StringBuilder();
        StringBuilder rejects = new StringBuilder();
        BulkAssessment.Summary server = BulkAssessment.runChunked(ASSESSOR, Files.newInputStream(in), in.getFileName().toString(),
                format, BulkAssessment.Options.defaults(), chunk, 0, c -> {
                    results.append(c.results());
                    rejects.append(c.rejects());
                });
        assertThat(results.toString().getBytes(StandardCharsets.UTF_8)).as(in.getFileName() + " results").isEqualTo(Files.readAllBytes(out));
        assertThat(rejects.toString().getBytes(StandardCharsets.UTF_8)).as(in.getFileName() + " rejects").isEqualTo(Files.readAllBytes(rej));
        assertThat(List.of(server.read(), server.assessed(), server.prohibited(), server.rejected()))
                .isEqualTo(List.of(cli.read(), cli.assessed(), cli.prohibited(), cli.rejected()));
        assertThat(cli.reconciles()).isTrue();
        return cli;
    }

    @Test
    void theFuzzCorpusGivesTheSameFilesFromTheCommandLineAndTheServer() throws Exception {
        Path corpus = Path.of(BulkFuzzTest.class.getResource("/bulk-fuzz").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        for (Path p : files) {
            Path in = dir.resolve(p.getFileName().toString());
            Files.copy(p, in, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            sameAsServer(in, BulkAssessment.inputFormat(in), 3);
            List<List<String>> rej = csvRows(dir.resolve("cli.rej"));
            assertThat(rej.size()).as(p + " has rejects").isGreaterThan(1);
            for (List<String> row : rej.subList(1, rej.size())) {
                assertThat(row.get(0)).as(p + ": line").matches("[1-9][0-9]*");
                assertThat(row.get(2)).as(p + ": field").isNotBlank();
            }
        }
    }

    static List<List<String>> csvRows(Path p) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> r = CsvReader.builder().allowMissingFields(true).ofCsvRecord(p)) {
            for (CsvRecord rec : r) rows.add(List.copyOf(rec.getFields()));
        }
        return rows;
    }

    // ------------------------------------------------------------------ field values, canonical

    /** What a line's column reads as, in a canonical spelling, from the parsed entry. */
    static String value(Entry e, int c) {
        return switch (c) {
            case 0 -> e.lineId();
            case 1 -> e.hts();
            case 2 -> e.origin();
            case 3 -> e.entryDate().toString();
            case 4 -> num(e.customsValue());
            case 5 -> e.currency();
            case 6 -> num(e.quantity());
            case 7 -> e.unit().code();
            case 8 -> e.contents().isEmpty() ? null : String.join(";", e.contents().stream().map(x -> num(x.quantity())).toList());
            case 9 -> e.contents().isEmpty() ? null : String.join(";", e.contents().stream().map(x -> x.unit().code() + " " + x.basis()).toList());
            case 10 -> e.documents().isEmpty() ? null : String.join(";", new TreeSet<>(e.documents()));
            case 11 -> e.preference();
            case 12 -> e.loadedDate() == null ? null : e.loadedDate().toString();
            case 13 -> num(e.usContentValue());
            case 14 -> num(e.metalContentValue());
            default -> throw new IllegalArgumentException();
        };
    }

    /** The same for the text of the column before mutation. */
    static String canonical(String raw, int c, long line) {
        String v = raw.trim();
        if (v.isEmpty()) return c == 0 ? String.valueOf(line) : null;
        return switch (c) {
            case 2, 5 -> v.toUpperCase(Locale.ROOT);
            case 4, 6, 13, 14 -> num(new BigDecimal(v));
            case 7 -> Units.find(v).orElseThrow().code();
            case 8 -> String.join(";", java.util.Arrays.stream(v.split(";")).map(x -> num(new BigDecimal(x.trim()))).toList());
            case 10 -> String.join(";", new TreeSet<>(List.of(v.split(";"))));
            default -> v;
        };
    }

    static String num(BigDecimal b) {
        return b == null ? null : b.stripTrailingZeros().toPlainString();
    }
}
