package lodestone.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import lodestone.border.bulk.BulkAssessment;
import lodestone.border.bulk.EntryGenerator;
import lodestone.regime.Regime;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Spark job against the command line's engine on the same files: byte for byte equal results and rejects,
 * counts that reconcile, bad files named without losing the others. One local[2] session for the class.
 */
class SparkBulkTest {
    static SparkSession spark;
    static RegimePayload regime;

    @BeforeAll
    static void start() {
        spark = SparkMain.session("local[2]");
        regime = RegimePayload.of("bundled");
    }

    /** A test that runs the command line ({@link SparkMain#run}) stops the session it got; the next test gets a new one. */
    @org.junit.jupiter.api.BeforeEach
    void live() {
        if (spark.sparkContext().isStopped()) spark = SparkMain.session("local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    /** A seeded CSV: generated entries with malformed lines, blank lines and CRLF endings mixed in. */
    static String seededCsv(long seed, int lines) throws IOException {
        StringWriter w = new StringWriter();
        new EntryGenerator(Regime.bundled(), seed).write(w, lines);
        String[] rows = w.toString().split("\n", -1);
        Random rnd = new Random(seed);
        StringBuilder b = new StringBuilder(rows[0]).append('\n');
        String[] bad = {
                "bad-hts,9999.99.99.99,CN,2026-03-02,1000,USD,10,kg,,,,,,,,",
                "neg,2846.90.80.90,CN,2026-03-02,-5,USD,10,kg,,,,,,,,",
                "baddate,2846.90.80.90,CN,2026-02-30,100,USD,10,kg,,,,,,,,",
                "short,2846.90.80.90,CN",
                "=cmd,2846.90.80.90,XX,2026-03-02,100,USD,10,kg,,,,,,,,",
                "",
        };
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].isEmpty()) continue;
            if (rnd.nextInt(25) == 0) b.append(bad[rnd.nextInt(bad.length)]).append('\n');
            b.append(rows[i]).append(rnd.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        return b.toString();
    }

    /** The same entries as JSON Lines (empty fields left out), with lines that are not JSON objects. */
    static String jsonl(String csv, long seed) throws IOException {
        ObjectMapper m = new ObjectMapper();
        StringBuilder b = new StringBuilder();
        Random rnd = new Random(seed);
        List<String> header = null;
        try (CsvReader<CsvRecord> r = CsvReader.builder().allowMissingFields(true).allowExtraFields(true).ofCsvRecord(csv)) {
            for (CsvRecord rec : r) {
                if (header == null) {
                    header = rec.getFields();
                    continue;
                }
                if (rec.getFieldCount() < header.size()) continue;
                ObjectNode o = m.createObjectNode();
                for (int i = 0; i < header.size(); i++) if (!rec.getField(i).isEmpty()) o.put(header.get(i), rec.getField(i));
                if (rnd.nextInt(40) == 0) b.append("not json\n");
                if (rnd.nextInt(60) == 0) b.append('\n');
                b.append(m.writeValueAsString(o)).append('\n');
            }
        }
        return b.toString();
    }

    record Cli(String results, String rejects, BulkAssessment.Summary summary) { }

    static Cli cli(Path in, Path dir, BulkAssessment.Format fmt) {
        String ext = fmt == BulkAssessment.Format.JSONL ? ".jsonl" : ".csv";
        Path out = dir.resolve("cli-" + in.getFileName() + ext);
        Path rej = dir.resolve("cli-" + in.getFileName() + ".rejects.csv");
        BulkAssessment.Summary s = BulkAssessment.run(regime.assessor(), in, out, rej,
                new BulkAssessment.Options(false, fmt, n -> { }));
        try {
            return new Cli(Files.readString(out), Files.readString(rej), s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String concat(Path dir, String prefix) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) b.append(Files.readString(p));
        }
        return b.toString();
    }

    @Test
    void csvAndJsonlAreByteForByteWhatAssessFileWrites(@TempDir Path tmp) throws IOException {
        String csv = seededCsv(20261203L, 1_200);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("entries.csv"), csv);
        Files.writeString(in.resolve("entries.jsonl"), jsonl(csv, 7));

        for (BulkAssessment.Format fmt : BulkAssessment.Format.values()) {
            Path out = tmp.resolve("out-" + fmt);
            // ranges of 9,001 bytes: a dozen ranges per file, most starting mid-line — the ranges' own parts, so the repeated-id
            // check is off (the file's malformed lines repeat their ids, out of order: it would assess the file again as one
            // piece; repeatedLineIdsAreWarnedOfAsAssessFileWarnsOfThem is about that)
            SparkBulk.Summary s = SparkBulk.run(spark, List.of(in.toString()), out.toString(), regime,
                    new SparkBulk.Options(SparkBulk.Output.of(fmt), false, 9_001, false), m -> { });
            assertThat(s.failed()).isEmpty();
            assertThat(s.reconciles()).isTrue();
            long read = 0;
            for (String name : List.of("entries.csv", "entries.jsonl")) {
                Cli c = cli(in.resolve(name), tmp, fmt);
                SparkBulk.FileSummary f = s.files().stream().filter(x -> x.input().endsWith(name)).findFirst().orElseThrow();
                assertThat(f.ranges()).isGreaterThan(8);
                assertThat(c.summary().rejected()).isGreaterThan(25);
                assertThat(new long[]{f.read(), f.assessed(), f.prohibited(), f.rejected()})
                        .containsExactly(c.summary().read(), c.summary().assessed(), c.summary().prohibited(), c.summary().rejected());
                assertThat(f.totalDuty()).isEqualByComparingTo(c.summary().totalDuty());
                // the totals by origin, heading and measure, summed from a dozen ranges, are assess-file's to the cent
                assertThat(f.totals().byOrigin()).isNotEmpty();
                assertThat(f.totals().csv()).isEqualTo(c.summary().totals().csv());
                assertThat(f.totals().total()).isEqualTo(c.summary().totalDuty());
                String ext = fmt == BulkAssessment.Format.JSONL ? ".jsonl" : ".csv";
                assertThat(concat(out.resolve(name), "results-")).isEqualTo(c.results());
                assertThat(concat(out.resolve(name), "rejects-")).isEqualTo(c.rejects());
                assertThat(out.resolve(name).resolve("results-00000" + ext)).exists();
                read += c.summary().read();
            }
            assertThat(s.read()).isEqualTo(read);
            assertThat(Files.readString(out.resolve("_summary.json"))).contains("\"reconciles\" : true");
            // _summary.json: each file's totals as assess-file --totals FILE.json writes them, and the job's over both files
            com.fasterxml.jackson.databind.JsonNode sum = new com.fasterxml.jackson.databind.ObjectMapper() // amounts read exactly
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
                    .readTree(out.resolve("_summary.json").toFile());
            lodestone.border.bulk.BulkTotals both = new lodestone.border.bulk.BulkTotals();
            for (com.fasterxml.jackson.databind.JsonNode file : sum.path("files")) {
                String name = Path.of(file.path("input").asText()).getFileName().toString();
                lodestone.border.bulk.BulkTotals t = cli(in.resolve(name), tmp, fmt).summary().totals();
                assertThat(file.path("totals").toString()).isEqualTo(t.toJson().toString());
                both.add(t);
            }
            assertThat(sum.path("totals").toString()).isEqualTo(both.toJson().toString());
        }
    }

    @Test
    void blankLinesBeforeTheHeaderAreSkippedAsAssessFileSkipsThem(@TempDir Path tmp) throws IOException {
        // assess-file reads past blank lines (a BOM, spaces, tabs, CR) to the header; the job refused such a file as empty
        Path in = Files.createDirectories(tmp.resolve("in"));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = ("\n \t\r\n\n" + seededCsv(31, 60)).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(body, 0, withBom, bom.length, body.length);
        Files.write(in.resolve("blank-first.csv"), withBom);
        Files.writeString(in.resolve("only-blank.csv"), "\n  \r\n\n");
        Cli c = cli(in.resolve("blank-first.csv"), tmp, BulkAssessment.Format.CSV);
        assertThat(c.summary().rejected()).isPositive();
        // -1: ranges of 97 bytes, their ids then compared across them; -2: the same, then the file again as one piece (auto on
        // two cores)
        for (long size : List.of(97L, 1L << 20, -1L, -2L)) {
            Path out = tmp.resolve("out-" + size);
            SparkBulk.Summary s = SparkBulk.run(spark, List.of(in.toString()), out.toString(), regime,
                    new SparkBulk.Options(SparkBulk.Output.CSV, false, size < 0 ? 97 : size, size < 0)
                            .withRepeatPass(size == -1 ? SparkBulk.RepeatPass.RANGES : SparkBulk.RepeatPass.AUTO), m -> { });
            assertThat(s.files().get(0).repeatedIds()).isEqualTo(size == -1 ? SparkBulk.ACROSS_RANGES : size == -2 ? SparkBulk.ONE_PIECE
                    : SparkBulk.NOT_CHECKED + " (--skip-repeated-ids)");
            SparkBulk.FileSummary f = s.files().get(0);
            assertThat(f.error()).as("range size %d", size).isNull();
            assertThat(new long[]{f.read(), f.assessed(), f.prohibited(), f.rejected()})
                    .containsExactly(c.summary().read(), c.summary().assessed(), c.summary().prohibited(), c.summary().rejected());
            assertThat(concat(out.resolve("blank-first.csv"), "results-")).as("range size %d", size).isEqualTo(c.results());
            assertThat(concat(out.resolve("blank-first.csv"), "rejects-")).as("range size %d", size).isEqualTo(c.rejects());
            // a file of blank lines only is empty, with assess-file's message
            assertThat(s.files().get(1).error()).isEqualTo(in.resolve("only-blank.csv").toUri().toString().replace("file:///", "file:/")
                    + ": the file is empty; expected a header line with the columns line_id,hts,origin,entry_date,customs_value,currency,quantity,unit");
        }
    }

    @Test
    void oneBadFileIsNamedAndTheOthersAreKept(@TempDir Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        String csv = seededCsv(5, 300);
        Files.writeString(in.resolve("a.csv"), csv);
        Files.writeString(in.resolve("b.csv"), "line_id;hts;origin\nx;2846.90.80.90;CN\n");
        Files.writeString(in.resolve("c.csv"), "");
        byte[] notUtf8 = (EntryGenerator.header() + "\nl1,2846.90.80.90,CN,2026-03-02,10,USD,1,kg,,,,,X,,,\n").getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 6] = (byte) 0xC3; // a lead byte with no continuation
        Files.write(in.resolve("e.csv"), notUtf8);
        Files.writeString(in.resolve(".hidden.csv"), "ignored");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.run(new String[]{"assess", in.toString(), "--out", tmp.resolve("out").toString(),
                "--master", "local[2]", "--range-bytes", "4096"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("b.csv:1: ';' found where ',' was expected")
                .contains("c.csv: the file is empty")
                .doesNotContain("e.csv");
        assertThat(tmp.resolve("out/b.csv")).doesNotExist();
        // bytes that are not UTF-8 reject their line, as assess-file does; the file is processed
        Cli e = cli(in.resolve("e.csv"), tmp, BulkAssessment.Format.CSV);
        assertThat(e.summary().rejected()).isEqualTo(1);
        assertThat(concat(tmp.resolve("out/e.csv"), "results-")).isEqualTo(e.results());
        assertThat(concat(tmp.resolve("out/e.csv"), "rejects-")).isEqualTo(e.rejects()).contains("UTF-8");
        assertThat(tmp.resolve("out/.hidden.csv")).doesNotExist();
        Cli a = cli(in.resolve("a.csv"), tmp, BulkAssessment.Format.CSV);
        assertThat(concat(tmp.resolve("out/a.csv"), "results-")).isEqualTo(a.results());
        assertThat(out.toString()).contains("read " + String.format(java.util.Locale.ROOT, "%,d", a.summary().read() + e.summary().read()) + " lines");
        String summary = Files.readString(tmp.resolve("out/_summary.json"));
        assertThat(summary).contains("\"reconciles\" : true").contains("found where");
    }

    @Test
    void inputAndOutputProblemsStopBeforeAnythingIsWritten(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> SparkBulk.run(spark, List.of(tmp.resolve("nope/*.csv").toString()), tmp.resolve("o").toString(),
                regime, SparkBulk.Options.defaults(), m -> { }))
                .isInstanceOf(SparkBulk.JobException.class).hasMessageContaining("nope/*.csv: no such file or folder");
        assertThat(tmp.resolve("o")).doesNotExist();

        Path in = Files.writeString(tmp.resolve("x.csv"), seededCsv(1, 10));
        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> SparkBulk.run(spark, List.of(in.toString()), taken.toString(), regime,
                SparkBulk.Options.defaults(), m -> { }))
                .isInstanceOf(SparkBulk.JobException.class).hasMessageContaining("exists and is not empty");
        assertThat(Files.readString(taken.resolve("keep.txt"))).isEqualTo("mine");

        StringWriter err = new StringWriter();
        int code = SparkMain.run(new String[]{"assess", in.toString(), "--out", tmp.resolve("o2").toString(), "--format", "xml"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--format: 'xml' is not a results format; expected csv, jsonl or parquet");
        StringWriter err2 = new StringWriter();
        code = SparkMain.run(new String[]{"assess", in.toString(), "--out", tmp.resolve("o3").toString(), "--repeat-pass", "shuffle"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true));
        assertThat(code).isEqualTo(2);
        assertThat(err2.toString()).contains("--repeat-pass: 'shuffle' is not a pass; expected auto, ranges or file")
                .doesNotContain("loading the regime");
        assertThat(tmp.resolve("o3")).doesNotExist();
    }

    @Test
    void aFileThatVanishesDuringTheJobIsNamedAndTheOthersAreKept(@TempDir Path tmp) throws IOException {
        // a range that cannot be read failed its task, which failed the whole Spark job: no summary, no exit code 2,
        // the other files' parts left behind without a word
        Path in = Files.createDirectories(tmp.resolve("in"));
        String csv = seededCsv(8, 120);
        Files.writeString(in.resolve("a.csv"), csv);
        Files.writeString(in.resolve("b.jsonl"), jsonl(csv, 3));
        Path gone = in.resolve("b.jsonl");
        for (String pass : List.of("pass 1", "pass 2")) {
            Files.writeString(gone, jsonl(csv, 3));
            Path out = tmp.resolve("out-" + pass.replace(' ', '-'));
            SparkBulk.Summary s = SparkBulk.run(spark, List.of(in.toString()), out.toString(), regime,
                    new SparkBulk.Options(BulkAssessment.Format.CSV, false, 4096), m -> {
                        if (m.startsWith(pass)) {
                            try {
                                Files.delete(gone);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    });
            assertThat(s.failed()).as(pass).hasSize(1);
            assertThat(s.failed().get(0).error()).as(pass)
                    .startsWith((pass.equals("pass 1") ? "cannot read " : "cannot process ") + s.failed().get(0).input() + ": ")
                    .contains("does not exist");
            assertThat(out.resolve("b.jsonl")).as(pass).doesNotExist();
            Cli a = cli(in.resolve("a.csv"), tmp, BulkAssessment.Format.CSV);
            assertThat(concat(out.resolve("a.csv"), "results-")).as(pass).isEqualTo(a.results());
            assertThat(s.read()).as(pass).isEqualTo(a.summary().read());
            assertThat(Files.readString(out.resolve("_summary.json"))).as(pass).contains("\"reconciles\" : true");
        }
    }

    @Test
    void theHelpSaysTheInputsTheExitCodesAndHowToTellAFinishedJob() {
        StringWriter out = new StringWriter();
        int code = SparkMain.run(new String[]{"assess", "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("JSON Lines (.jsonl, .ndjson) or Parquet (.parquet, a file or a data set folder)")
                .contains("_summary.json is written last: a folder without it is a job that did not finish")
                .contains("Exit codes: 0 done, 2 input refused or a file not processed (the summary names it), "
                        + "3 the output could not be written or the job failed");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedStopsTheJobBeforeItRuns(@TempDir Path tmp) throws IOException {
        // /proc takes no folders: mkdirs answers false without an exception; the job ran every range and then died
        // writing the summary (a stack trace, exit code 1)
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        Path in = Files.writeString(tmp.resolve("x.csv"), seededCsv(2, 10));
        List<String> said = new ArrayList<>();
        assertThatThrownBy(() -> SparkBulk.run(spark, List.of(in.toString()), "/proc/lodestone-out", regime,
                SparkBulk.Options.defaults(), said::add))
                .isInstanceOf(SparkBulk.JobException.class).hasMessage("cannot create --out /proc/lodestone-out; nothing was written");
        assertThat(said).isEmpty();
        StringWriter err = new StringWriter();
        int code = SparkMain.run(new String[]{"assess", in.toString(), "--out", "/proc/lodestone-out", "--master", "local[2]"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("lodestone spark: cannot create --out /proc/lodestone-out; nothing was written")
                .doesNotContain("pass 1").doesNotContain("Exception");
    }

    /**
     * Repeated line ids, as assess-file warns of them. A file whose ids run in order across its ranges has none, proven by
     * the ranges alone (no further pass); one concatenated twice — its ids repeated from the middle on, across ranges —
     * has its ids compared across its ranges, the ranges with repeats assessed again, and its results are assess-file's
     * byte for byte, each repeat's warning included.
     */
    @Test
    void repeatedLineIdsAreWarnedOfAsAssessFileWarnsOfThem(@TempDir Path tmp) throws IOException {
        StringWriter w = new StringWriter();
        new EntryGenerator(Regime.bundled(), 11).write(w, 700); // ids L1 … L700, in order
        String ordered = w.toString();
        String twice = ordered + ordered.substring(ordered.indexOf('\n') + 1); // the same lines again: L1 … L700 repeated
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("ordered.csv"), ordered);
        Files.writeString(in.resolve("twice.csv"), twice);
        Files.writeString(in.resolve("twice.jsonl"), jsonl(twice, 3));
        for (BulkAssessment.Format fmt : BulkAssessment.Format.values()) {
            Path out = tmp.resolve("out-" + fmt);
            List<String> said = new ArrayList<>();
            SparkBulk.Summary s = SparkBulk.run(spark, List.of(in.toString()), out.toString(), regime,
                    new SparkBulk.Options(fmt, false, 7_001).withRepeatPass(SparkBulk.RepeatPass.RANGES), said::add);
            assertThat(s.failed()).isEmpty();
            assertThat(said).anyMatch(m -> m.startsWith("pass 3: comparing the line ids of 2 file(s) across their "));
            String ext = fmt == BulkAssessment.Format.JSONL ? ".jsonl" : ".csv";
            for (String name : List.of("ordered.csv", "twice.csv", "twice.jsonl")) {
                Cli c = cli(in.resolve(name), tmp, fmt);
                SparkBulk.FileSummary f = s.files().stream().filter(x -> x.input().endsWith(name)).findFirst().orElseThrow();
                assertThat(f.ranges()).as(name).isGreaterThan(5);
                assertThat(f.duplicateIds()).as(name).isEqualTo(c.summary().duplicateIds());
                assertThat(concat(out.resolve(name), "results-")).as(name).isEqualTo(c.results());
                assertThat(concat(out.resolve(name), "rejects-")).as(name).isEqualTo(c.rejects());
                try (Stream<Path> parts = Files.list(out.resolve(name))) {
                    long n = parts.filter(p -> p.getFileName().toString().startsWith("results-")).count();
                    if (name.equals("ordered.csv")) {
                        assertThat(f.repeatedIds()).isEqualTo(SparkBulk.IN_ORDER);
                        assertThat(f.duplicateIds()).isZero();
                        assertThat(n).as("the ranges' parts are kept").isEqualTo(f.ranges());
                    } else {
                        assertThat(f.repeatedIds()).isEqualTo(SparkBulk.ACROSS_RANGES);
                        assertThat(f.duplicateIds()).as(name).isGreaterThanOrEqualTo(690); // the second copy's lines with an id
                        assertThat(n).as("the ranges' parts, those with repeats written again").isEqualTo(f.ranges());
                        assertThat(c.results()).containsPattern("line_id already used on line [0-9]+: a repeated id");
                    }
                }
            }
            assertThat(Files.readString(out.resolve("_summary.json"))).contains("\"duplicate_ids\" : 0")
                    .contains("\"repeated_ids\" : \"" + SparkBulk.ACROSS_RANGES + "\"");
        }
        // a file with more distinct ids than assess-file remembers is assessed again as one piece, which forgets where it does
        SparkBulk.acrossCapacity = 100;
        try {
            Path out = tmp.resolve("out-over");
            List<String> said = new ArrayList<>();
            SparkBulk.Summary s = SparkBulk.run(spark, List.of(in.resolve("twice.csv").toString()), out.toString(), regime,
                    new SparkBulk.Options(BulkAssessment.Format.CSV, false, 7_001).withRepeatPass(SparkBulk.RepeatPass.RANGES), said::add);
            assertThat(said).anyMatch(m -> m.startsWith("pass 3: assessing 1 file(s) again as one piece each: they have more than"));
            assertThat(s.files().get(0).repeatedIds()).isEqualTo(SparkBulk.ONE_PIECE);
            Cli c = cli(in.resolve("twice.csv"), tmp, BulkAssessment.Format.CSV);
            assertThat(concat(out.resolve("twice.csv"), "results-")).isEqualTo(c.results());
            assertThat(s.files().get(0).duplicateIds()).isEqualTo(c.summary().duplicateIds());
            try (Stream<Path> parts = Files.list(out.resolve("twice.csv"))) {
                assertThat(parts.filter(p -> p.getFileName().toString().startsWith("results-"))).hasSize(1);
            }
        } finally {
            SparkBulk.acrossCapacity = BulkAssessment.DUPLICATE_ID_CAPACITY;
        }
        // a file of one range was one piece already: checked as assess-file checks, with no further pass
        Path one = tmp.resolve("out-one-range");
        List<String> said = new ArrayList<>();
        SparkBulk.Summary once = SparkBulk.run(spark, List.of(in.resolve("twice.csv").toString()), one.toString(), regime,
                new SparkBulk.Options(BulkAssessment.Format.CSV, false, 64L << 20), said::add);
        assertThat(once.files().get(0).ranges()).isEqualTo(1);
        assertThat(once.files().get(0).repeatedIds()).isEqualTo(SparkBulk.ONE_PIECE);
        assertThat(said).noneMatch(m -> m.startsWith("pass 3"));
        assertThat(concat(one.resolve("twice.csv"), "results-")).isEqualTo(cli(in.resolve("twice.csv"), tmp, BulkAssessment.Format.CSV).results());
        assertThat(once.files().get(0).duplicateIds()).isEqualTo(cli(in.resolve("twice.csv"), tmp, BulkAssessment.Format.CSV).summary().duplicateIds());
        // Parquet output too (its rows against the command line's: parquetOutputHoldsTheCommandLinesResultsRowForRow)
        Path pq = tmp.resolve("out-parquet");
        SparkBulk.Summary s = SparkBulk.run(spark, List.of(in.resolve("twice.csv").toString()), pq.toString(), regime,
                new SparkBulk.Options(SparkBulk.Output.PARQUET, false, 7_001).withRepeatPass(SparkBulk.RepeatPass.RANGES), m -> { });
        assertThat(s.files().get(0).repeatedIds()).isEqualTo(SparkBulk.ACROSS_RANGES);
        assertThat(s.files().get(0).duplicateIds()).isEqualTo(cli(in.resolve("twice.csv"), tmp, BulkAssessment.Format.CSV).summary().duplicateIds());
        assertThat(Files.readString(pq.resolve("_summary.json"))).contains("\"repeated_ids\" : \"" + SparkBulk.ACROSS_RANGES + "\"");
    }

    @Test
    void globsSelectFilesAndEveryRangeSizeGivesTheSameBytes(@TempDir Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        String csv = seededCsv(99, 80);
        Files.writeString(in.resolve("one.csv"), csv);
        Files.writeString(in.resolve("two.txt"), "not selected");
        Cli c = cli(in.resolve("one.csv"), tmp, BulkAssessment.Format.CSV);
        // the default range: four per core, at least 1 MiB; inputs that do not exist leave it to the job to name them
        assertThat(SparkBulk.balancedRange(spark, List.of(in.toString()), 2)).isEqualTo(1L << 20);
        assertThat(SparkBulk.balancedRange(spark, List.of(tmp.resolve("none").toString()), 2)).isEqualTo(64L << 20);
        List<Long> sizes = new ArrayList<>(List.of(211L, 1L << 20));
        for (long size : sizes) {
            Path out = tmp.resolve("out-" + size);
            SparkBulk.Summary s = SparkBulk.run(spark, List.of(in.resolve("*.csv").toString()), out.toString(), regime,
                    new SparkBulk.Options(SparkBulk.Output.CSV, false, size, false), m -> { }); // the ranges' parts (see above)
            assertThat(s.files()).hasSize(1);
            assertThat(concat(out.resolve("one.csv"), "results-")).as("range size %d", size).isEqualTo(c.results());
            assertThat(concat(out.resolve("one.csv"), "rejects-")).as("range size %d", size).isEqualTo(c.rejects());
        }
    }

    @Test
    void parquetRowsAreAssessedAsTheSameLinesOfCsv(@TempDir Path tmp) throws IOException {
        StringWriter w = new StringWriter();
        new EntryGenerator(Regime.bundled(), 11).write(w, 600);
        Path csv = Files.writeString(tmp.resolve("entries.csv"), w.toString());
        Path in = Files.createDirectories(tmp.resolve("in"));
        // a Parquet data set of string columns, in several row groups, from the same CSV
        spark.read().option("header", "true").csv(csv.toString()).coalesce(1).write()
                .option("parquet.block.size", 4096).parquet(in.resolve("entries.parquet").toString());
        String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
        spark.conf().set("spark.sql.files.maxPartitionBytes", "8192");
        SparkBulk.Summary s;
        try {
            s = SparkBulk.run(spark, List.of(in.toString()), tmp.resolve("out").toString(), regime,
                    SparkBulk.Options.defaults(), m -> { });
        } finally {
            spark.conf().set("spark.sql.files.maxPartitionBytes", before);
        }
        Cli c = cli(csv, tmp, BulkAssessment.Format.CSV);
        SparkBulk.FileSummary f = s.files().get(0);
        assertThat(f.error()).isNull();
        assertThat(f.ranges()).isGreaterThan(1);
        // a data set written as a folder: its bytes are its files' (the folder's own size, 4,096, was given)
        long dataBytes;
        try (Stream<Path> parts = Files.walk(in.resolve("entries.parquet"))) {
            dataBytes = parts.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".crc"))
                    .mapToLong(p -> p.toFile().length()).sum(); // Hadoop's checksum files are not the data
        }
        assertThat(f.bytes()).isEqualTo(dataBytes);
        assertThat(new long[]{f.read(), f.assessed(), f.prohibited(), f.rejected()})
                .containsExactly(c.summary().read(), c.summary().assessed(), c.summary().prohibited(), c.summary().rejected());
        assertThat(f.totals().csv()).isEqualTo(c.summary().totals().csv()); // Parquet input: the same totals, row group by row group
        assertThat(f.totalDuty()).isEqualByComparingTo(c.summary().totalDuty());
        // a row's line is its row number: the CSV's line number less its header line
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("(?m)(line |^)(\\d+)(:|,)");
        String cliRows = line.matcher(c.results() + c.rejects()).replaceAll(m -> m.group(1) + (Long.parseLong(m.group(2)) - 1) + m.group(3));
        Path out = tmp.resolve("out/entries.parquet");
        assertThat(concat(out, "results-") + concat(out, "rejects-")).isEqualTo(cliRows);
        assertThat(c.summary().rejected()).isPositive();

        // Parquet in, Parquet out: each partition's lines numbered as they stream past (none kept), a row per row
        spark.conf().set("spark.sql.files.maxPartitionBytes", "8192");
        try {
            SparkBulk.run(spark, List.of(in.toString()), tmp.resolve("out-pq").toString(), regime,
                    new SparkBulk.Options(SparkBulk.Output.PARQUET, false, 64L << 20), m -> { });
        } finally {
            spark.conf().set("spark.sql.files.maxPartitionBytes", before);
        }
        List<org.apache.spark.sql.Row> rows = spark.read().parquet(tmp.resolve("out-pq/entries.parquet/results").toString())
                .orderBy("line").collectAsList();
        assertThat(rows).hasSize((int) c.summary().read());
        java.util.Set<Long> rejected = new java.util.TreeSet<>();
        for (int k = 0; k < rows.size(); k++) {
            assertThat(rows.get(k).getLong(rows.get(k).fieldIndex("line"))).isEqualTo(k + 1L);
            if (rows.get(k).<String>getAs("status").equals("rejected")) rejected.add(k + 1L);
        }
        java.util.Set<Long> want = new java.util.TreeSet<>();
        for (String r : c.rejects().split("\r\n")) {
            if (!r.isEmpty() && Character.isDigit(r.charAt(0))) want.add(Long.parseLong(r.substring(0, r.indexOf(','))) - 1);
        }
        assertThat(rejected).isEqualTo(want).isNotEmpty();
    }

    @Test
    void aParquetStringWithALineBreakIsOneRejectedRowAndTheRowsAfterItKeepTheirNumbers(@TempDir Path tmp) throws IOException {
        StringWriter w = new StringWriter();
        new EntryGenerator(Regime.bundled(), 13).write(w, 40);
        Path csv = Files.writeString(tmp.resolve("entries.csv"), w.toString());
        Cli c = cli(csv, tmp, BulkAssessment.Format.CSV);
        String[] lines = c.results().split("\n");
        String id = lines[3].substring(0, lines[3].indexOf(',')); // the third row's line_id
        assertThat(lines[3]).contains(",assessed,");
        Path in = Files.createDirectories(tmp.resolve("in"));
        org.apache.spark.sql.Column lineId = org.apache.spark.sql.functions.col("line_id");
        spark.read().option("header", "true").csv(csv.toString())
                .withColumn("line_id", org.apache.spark.sql.functions.when(lineId.equalTo(id), "broken\r\nid").otherwise(lineId))
                .coalesce(1).write().parquet(in.resolve("entries.parquet").toString());
        SparkBulk.Summary s = SparkBulk.run(spark, List.of(in.toString()), tmp.resolve("out").toString(), regime,
                SparkBulk.Options.defaults(), m -> { });
        SparkBulk.FileSummary f = s.files().get(0);
        assertThat(f.error()).isNull();
        // one row is one line: 40 read (it said 41), the broken row rejected once, every other row as the command line's
        assertThat(new long[]{f.read(), f.assessed(), f.rejected()})
                .containsExactly(40L, c.summary().assessed() - 1, c.summary().rejected() + 1);
        Path out = tmp.resolve("out/entries.parquet");
        String[] got = concat(out, "results-").split("\n");
        assertThat(got).hasSize(41);
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("(line )(\\d+)(:)");
        for (int i = 0; i < 41; i++) {
            if (i == 3) continue;
            assertThat(got[i]).as("row %d", i).isEqualTo(line.matcher(lines[i]).replaceAll(m -> m.group(1) + (Long.parseLong(m.group(2)) - 1) + m.group(3)));
        }
        assertThat(got[3]).startsWith(",rejected,").contains("line 3: line_id: unterminated quote");
        assertThat(concat(out, "rejects-")).contains("\n3,,line_id,\"unterminated quote");
    }

    /**
     * Parquet output: every row of the results data set, sorted by its line, says what the command line's JSON Lines
     * say for that line (same amounts to the cent, same measures in the same order, same lists); the rejects data set
     * holds the command line's rejects file row for row; the line numbers are those of the rejects.
     */
    @Test
    void parquetOutputHoldsTheCommandLinesResultsRowForRow(@TempDir Path tmp) throws IOException {
        String csv = seededCsv(424242L, 900);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("entries.csv"), csv);
        Files.writeString(in.resolve("entries.jsonl"), jsonl(csv, 3));
        // the same lines twice, after blank lines before the header: ids out of order across ranges, so this file's ids are
        // compared across its ranges (pass 3, asked for: on two cores auto would assess it again as one piece) and the ranges
        // with repeats written again
        String twice = "\n  \r\n" + csv + csv.substring(csv.indexOf('\n') + 1);
        Files.writeString(in.resolve("twice.csv"), twice);
        Path out = tmp.resolve("out");
        SparkBulk.Summary s = SparkBulk.run(spark, List.of(in.toString()), out.toString(), regime,
                new SparkBulk.Options(SparkBulk.Output.PARQUET, false, 7_919).withRepeatPass(SparkBulk.RepeatPass.RANGES), m -> { });
        assertThat(s.failed()).isEmpty();
        assertThat(s.reconciles()).isTrue();
        ObjectMapper m = new ObjectMapper();
        SparkBulk.FileSummary twiceSummary = s.files().stream().filter(f -> f.input().endsWith("twice.csv")).findFirst().orElseThrow();
        assertThat(twiceSummary.ranges()).isGreaterThan(5);
        assertThat(twiceSummary.repeatedIds()).isEqualTo(SparkBulk.ACROSS_RANGES);
        // and as one piece: the whole file streamed into one Parquet part, its lines numbered as they pass
        Path whole = tmp.resolve("out-whole");
        SparkBulk.Summary w = SparkBulk.run(spark, List.of(in.resolve("twice.csv").toString()), whole.toString(), regime,
                new SparkBulk.Options(SparkBulk.Output.PARQUET, false, 7_919).withRepeatPass(SparkBulk.RepeatPass.FILE), x -> { });
        assertThat(w.files().get(0).repeatedIds()).isEqualTo(SparkBulk.ONE_PIECE);
        try (Stream<Path> parts = Files.list(whole.resolve("twice.csv").resolve("results"))) {
            assertThat(parts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet"))).containsExactly("part-00000.parquet");
        }
        for (Path written : List.of(out.resolve("entries.csv"), out.resolve("entries.jsonl"), out.resolve("twice.csv"),
                whole.resolve("twice.csv"))) {
            String name = written.getFileName().toString();
            Cli c = cli(in.resolve(name), tmp, BulkAssessment.Format.JSONL);
            assertThat(c.summary().rejected()).isGreaterThan(10);
            List<org.apache.spark.sql.Row> rows = spark.read().parquet(written.resolve("results").toString())
                    .orderBy("line").collectAsList();
            String[] expected = c.results().split("\n");
            assertThat(rows).hasSize(expected.length);
            java.util.Set<Long> lines = new java.util.HashSet<>();
            for (int k = 0; k < rows.size(); k++) {
                org.apache.spark.sql.Row r = rows.get(k);
                com.fasterxml.jackson.databind.JsonNode e = m.readTree(expected[k]);
                assertThat(lines.add(r.getLong(r.fieldIndex("line")))).isTrue();
                assertThat((String) r.getAs("line_id")).as("row %d", k).isEqualTo(e.path("line_id").asText(null));
                assertThat((String) r.getAs("status")).isEqualTo(e.get("status").asText());
                if (e.get("status").asText().equals("rejected")) {
                    assertThat(r.getLong(r.fieldIndex("line"))).isEqualTo(e.get("line").asLong());
                    assertThat(r.<java.math.BigDecimal>getAs("total_duty")).isNull();
                    assertThat(r.getList(r.fieldIndex("warnings"))).containsExactly(
                            "line " + e.get("line").asLong() + ": " + e.get("field").asText() + ": " + e.get("reason").asText());
                    continue;
                }
                assertThat(r.<java.math.BigDecimal>getAs("total_duty")).isEqualTo(e.get("total_duty").decimalValue().setScale(2));
                assertThat(r.<java.math.BigDecimal>getAs("landed_cost")).isEqualTo(e.get("landed_cost").decimalValue().setScale(2));
                assertThat(r.<java.math.BigDecimal>getAs("effective_rate")).isEqualTo(e.get("effective_rate").decimalValue().setScale(2));
                List<String> measures = new ArrayList<>();
                for (org.apache.spark.sql.Row x : r.<org.apache.spark.sql.Row>getList(r.fieldIndex("measures"))) {
                    measures.add(x.getString(0) + "=" + x.getDecimal(1).toPlainString());
                }
                List<String> want = new ArrayList<>();
                e.get("measures").fields().forEachRemaining(x -> want.add(x.getKey() + "=" + x.getValue().decimalValue().setScale(2).toPlainString()));
                assertThat(measures).isEqualTo(want);
                List<String> warnings = new ArrayList<>();
                e.get("warnings").forEach(x -> warnings.add(x.asText()));
                assertThat(r.<String>getList(r.fieldIndex("warnings"))).isEqualTo(warnings);
                List<String> docs = new ArrayList<>();
                e.get("documents_required").forEach(x -> docs.add(x.asText()));
                assertThat(r.<String>getList(r.fieldIndex("documents_required"))).isEqualTo(docs);
            }
            // the rejects data set is the rejects file, row for row
            StringBuilder rej = new StringBuilder("line,line_id,field,reason\n");
            for (org.apache.spark.sql.Row r : spark.read().parquet(written.resolve("rejects").toString()).orderBy("line").collectAsList()) {
                // Parquet holds the text as given; the CSV file puts an apostrophe before a leading = + - @ (no formula runs)
                String id = r.getString(1) != null && "=+-@".indexOf(r.getString(1).charAt(0)) >= 0 ? "'" + r.getString(1) : r.getString(1);
                rej.append(r.getLong(0)).append(',').append(ParquetRows.field(id)).append(',')
                        .append(ParquetRows.field(r.getString(2))).append(',').append(ParquetRows.field(r.getString(3))).append('\n');
            }
            assertThat(rej.toString().split("\n")).containsExactly(c.rejects().split("\r\n")); // the rejects file ends lines with CRLF
        }
    }
}
