package lodestone.border.bulk;

import lodestone.border.Assessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A bulk run's totals by origin, heading and measure (docs/bulk-format.md, "Totals"): exact, and reconciling. */
class BulkTotalsTest {
    @TempDir
    Path dir;

    static final Assessor ASSESSOR = ChunkedBulkTest.ASSESSOR;

    /**
     * Per line (the results the docs show for these lines): gs-1 370.00 general; gs-2 740.02 general (3.7 % of 20,000.50 =
     * 740.0185); xj-1 prohibited; copper-1 4,500.00 = general 300.00 + 9903.03.01 200.00 + 9903.78.01 4,000.00; br-1 310.00
     * general (civil aircraft); br-2 4,060.00 = general 310.00 + 9903.05.01 2,500.00 + 9903.05.27 1,250.00; bad-1 rejected.
     */
    static final String SMALL = """
            line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,production_regions,end_use,metal_content_value
            gs-1,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-GS,,
            gs-2,2846908090,CN,2026-09-01,20000.50,USD,100,kg,CN-GS,,
            xj-1,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-XJ,,
            copper-1,7408.11.60.00,CL,2026-03-02,10000,USD,1000,kg,,,8000
            br-1,3917.21.00.00,BR,2026-09-01,10000,USD,100,kg,,civil-aircraft,
            br-2,3917.21.00.00,BR,2026-09-01,10000,USD,100,kg,,,
            bad-1,2846.90.81,CN,2026-03-02,10000,USD,500,kg,,,
            """;

    BulkAssessment.Summary run(String text, String name, BulkAssessment.Format out) throws IOException {
        Path in = dir.resolve(name);
        Files.writeString(in, text);
        return BulkAssessment.run(ASSESSOR, in, dir.resolve("out." + (out == BulkAssessment.Format.CSV ? "csv" : "jsonl")),
                dir.resolve("rej.csv"), new BulkAssessment.Options(false, out, n -> { }));
    }

    @Test
    void totalsOfASmallFileAreExactToTheCent() throws IOException {
        BulkAssessment.Summary s = run(SMALL, "small.csv", BulkAssessment.Format.CSV);
        BulkTotals t = s.totals();

        assertThat(t.byOrigin()).containsExactly(
                row("BR", 2, 0, "4370.00"), row("CL", 1, 0, "4500.00"), row("CN", 3, 1, "1110.02"));
        assertThat(t.byHeading()).containsExactly(
                row("2846", 3, 1, "1110.02"), row("3917", 2, 0, "4370.00"), row("7408", 1, 0, "4500.00"));
        assertThat(t.byMeasure()).extracting(BulkTotals.Row::key, BulkTotals.Row::measure, BulkTotals.Row::lines, BulkTotals.Row::duty)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("9903.03.01", "us-s122-surcharge", 1L, new BigDecimal("200.00")),
                        org.assertj.core.groups.Tuple.tuple("9903.05.01", "us-s301-brazil-civil-aircraft-use", 1L, new BigDecimal("2500.00")),
                        org.assertj.core.groups.Tuple.tuple("9903.05.27", "us-s301-fl-br-civil-aircraft-use", 1L, new BigDecimal("1250.00")),
                        org.assertj.core.groups.Tuple.tuple("9903.78.01", "us-s232-copper", 1L, new BigDecimal("4000.00")),
                        org.assertj.core.groups.Tuple.tuple("general", "general", 5L, new BigDecimal("2030.02")));
        assertThat(t.total()).isEqualTo(new BigDecimal("9980.02"));
        assertThat(s.totalDuty()).isEqualByComparingTo("9980.02");
        assertThat(s.duplicateIds()).isZero();
        assertThat(s.duplicateCheckStoppedAt()).isZero();

        assertThat(t.csv()).isEqualTo("""
                group,key,measure,title,lines,prohibited,total_duty
                origin,BR,,,2,0,4370.00
                origin,CL,,,1,0,4500.00
                origin,CN,,,3,1,1110.02
                heading,2846,,,3,1,1110.02
                heading,3917,,,2,0,4370.00
                heading,7408,,,1,0,4500.00
                measure,9903.03.01,us-s122-surcharge,"Section 122 temporary import surcharge (balance of payments), 150 days",1,0,200.00
                measure,9903.05.01,us-s301-brazil-civil-aircraft-use,"Section 301 duty on products of Brazil, 25 %, goods exempt only as civil aircraft articles for use in civil aircraft (General Note 6)",1,0,2500.00
                measure,9903.05.27,us-s301-fl-br-civil-aircraft-use,"Section 301 action on 60 economies (forced labour), Brazil, goods exempt only as civil aircraft articles for use in civil aircraft (General Note 6)",1,0,1250.00
                measure,9903.78.01,us-s232-copper,"Section 232 duty on semi-finished copper and copper-intensive derivatives, on the copper content",1,0,4000.00
                measure,general,general,Base rate (general),5,0,2030.02
                total,,,,6,1,9980.02
                """);
    }

    /** Totals are an option of the run: without them the results and rejects are byte for byte the same, and none are summed. */
    @Test
    void aRunWithoutTotalsWritesTheSameFilesAndSumsNothing() throws IOException {
        StringWriter w = new StringWriter();
        new EntryGenerator(ChunkedBulkTest.REGIME, 5L).write(w, 3_000);
        Path in = dir.resolve("gen.csv");
        Files.writeString(in, w.toString());
        BulkAssessment.Summary with = BulkAssessment.run(ASSESSOR, in, dir.resolve("with.csv"), dir.resolve("with-rej.csv"),
                BulkAssessment.Options.defaults());
        BulkAssessment.Summary without = BulkAssessment.run(ASSESSOR, in, dir.resolve("without.csv"), dir.resolve("without-rej.csv"),
                BulkAssessment.Options.defaults().withTotals(false));

        assertThat(Files.readAllBytes(dir.resolve("without.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("with.csv")));
        assertThat(Files.readAllBytes(dir.resolve("without-rej.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("with-rej.csv")));
        assertThat(without.totalDuty()).isEqualTo(with.totalDuty());
        assertThat(with.totals().total()).isEqualTo(with.totalDuty());
        assertThat(without.totals().isEmpty()).isTrue();
    }

    @Test
    void theSameTotalsAfterAJsonRoundTripAndWhenAddedChunkByChunk() throws IOException {
        BulkTotals whole = run(SMALL, "small.csv", BulkAssessment.Format.CSV).totals();
        assertThat(BulkTotals.fromJson(whole.toJson().toString()).csv()).isEqualTo(whole.csv());

        List<BulkAssessment.Chunk> chunks = new ArrayList<>();
        BulkAssessment.Summary s = BulkAssessment.runChunked(ASSESSOR, new ByteArrayInputStream(SMALL.getBytes(StandardCharsets.UTF_8)),
                "small.csv", BulkAssessment.Format.CSV, BulkAssessment.Options.defaults(), 2, 0, chunks::add);
        assertThat(chunks).hasSize(4);
        BulkTotals summed = new BulkTotals();
        for (BulkAssessment.Chunk c : chunks) summed.add(BulkTotals.fromJson(c.totals().toJson().toString()));
        assertThat(summed.csv()).isEqualTo(whole.csv());
        assertThat(s.totals().csv()).isEqualTo(whole.csv());
    }

    /**
     * The invariant, on 20,000 seeded generated lines (fast and explaining paths, rejects, prohibitions): the duties by
     * origin, by heading and by measure each sum to the run's total duty, and each agrees with the results file itself
     * (its total_duty column by line, and its measures column) — also when the file is assessed in chunks.
     */
    @Test
    void byOriginByHeadingAndByMeasureEachReconcileWithTheTotalAndTheResultsFile() throws IOException {
        StringWriter w = new StringWriter();
        new EntryGenerator(ChunkedBulkTest.REGIME, 11L).write(w, 20_000);
        String text = w.toString();
        BulkAssessment.Summary s = run(text, "gen.csv", BulkAssessment.Format.JSONL);
        BulkTotals t = s.totals();

        BigDecimal total = s.totalDuty();
        assertThat(total).isGreaterThan(new BigDecimal("1000000"));
        assertThat(BulkTotals.sum(t.byOrigin())).isEqualTo(total);
        assertThat(BulkTotals.sum(t.byHeading())).isEqualTo(total);
        assertThat(BulkTotals.sum(t.byMeasure())).isEqualTo(total);
        assertThat(t.byOrigin().stream().mapToLong(BulkTotals.Row::lines).sum()).isEqualTo(s.assessed() + s.prohibited());
        assertThat(t.byHeading().stream().mapToLong(BulkTotals.Row::lines).sum()).isEqualTo(s.assessed() + s.prohibited());
        assertThat(t.byOrigin().stream().mapToLong(BulkTotals.Row::prohibited).sum()).isEqualTo(s.prohibited());

        // the results file, summed independently: by measure id, and by origin and heading through the input's lines
        Map<String, BigDecimal> measures = new TreeMap<>();
        Map<String, BigDecimal> origins = new TreeMap<>();
        Map<String, BigDecimal> headings = new TreeMap<>();
        Map<String, String[]> inputById = new java.util.HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(",", -1);
            inputById.put(f[0], f);
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve("out.jsonl"))) {
            var o = json.readTree(line);
            if (!o.path("status").asText().equals("assessed")) continue;
            String[] in = inputById.get(o.path("line_id").asText());
            BigDecimal d = o.path("total_duty").decimalValue();
            origins.merge(in[2], d, BigDecimal::add);
            headings.merge(in[1].replace(".", "").substring(0, 4), d, BigDecimal::add);
            o.path("measures").properties().forEach(e -> measures.merge(e.getKey(), e.getValue().decimalValue(), BigDecimal::add));
        }
        assertThat(asMap(t.byOrigin())).isEqualTo(scaled(origins));
        assertThat(asMap(t.byHeading())).isEqualTo(scaled(headings));
        assertThat(asMap(t.byMeasure())).isEqualTo(scaled(measures));

        // a 9903 heading charged by more than one measure of the regime has a row for each
        assertThat(t.byMeasure().stream().map(BulkTotals.Row::key).distinct().count()).isLessThan(t.byMeasure().size());
        assertThat(t.byMeasure()).allSatisfy(r -> assertThat(r.measure()).isNotEmpty());

        List<BulkAssessment.Chunk> chunks = new ArrayList<>();
        BulkAssessment.runChunked(ASSESSOR, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "gen.csv",
                BulkAssessment.Format.CSV, BulkAssessment.Options.defaults(), 3_000, 0, chunks::add);
        BulkTotals summed = new BulkTotals();
        for (BulkAssessment.Chunk c : chunks) summed.add(c.totals());
        assertThat(summed.csv()).isEqualTo(t.csv());
    }

    private static Map<String, BigDecimal> asMap(List<BulkTotals.Row> rows) {
        Map<String, BigDecimal> m = new TreeMap<>();
        for (BulkTotals.Row r : rows) {
            // (a measure's rows are by charge id and regime measure: the results file's measures column has only the id)
            if (r.duty().signum() != 0 || r.prohibited() < r.lines()) m.merge(r.key(), r.duty(), BigDecimal::add);
        }
        return m;
    }

    private static Map<String, BigDecimal> scaled(Map<String, BigDecimal> m) {
        Map<String, BigDecimal> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.setScale(2)));
        return out;
    }

    private static BulkTotals.Row row(String key, long lines, long prohibited, String duty) {
        return new BulkTotals.Row(key, "", "", lines, prohibited, new BigDecimal(duty));
    }
}
