package lodestone.border.bulk;

import lodestone.border.Assessment;
import lodestone.border.Assessor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk columns production_regions and end_use (docs/bulk-format.md): read from CSV and JSON Lines, a malformed value
 * rejected with its line and field, an unknown one rejected by the assessment, and the lines assessed as the explaining
 * engine assesses them.
 */
class RegionAndEndUseColumnsTest {
    static final Assessor ASSESSOR = ChunkedBulkTest.ASSESSOR;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;
    static final String HEADER = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,production_regions,end_use";

    private static List<StrictReaderTest.Rec> csv(String... lines) throws IOException {
        return StrictReaderTest.read((HEADER + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
                BulkAssessment.Format.CSV);
    }

    @Test
    void theColumnsAreReadUpperAndLowerCasedAndMalformedValuesRejectedWithLineAndField() throws IOException {
        List<StrictReaderTest.Rec> recs = csv(
                "a,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,cn-xj;CN-GS,",
                "b,3917.21.00.00,BR,2026-09-01,10000,USD,100,kg,,Civil-Aircraft",
                "c,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CNXJ,",
                "d,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,;;,",
                "e,3917.21.00.00,BR,2026-09-01,10000,USD,100,kg,,civil aircraft",
                "f,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-XJ ; CN-XJ,");
        assertThat(recs.get(0).entry().productionRegions()).containsExactly("CN-XJ", "CN-GS");
        assertThat(recs.get(0).entry().endUse()).isNull();
        assertThat(recs.get(1).entry().productionRegions()).isEmpty();
        assertThat(recs.get(1).entry().endUse()).isEqualTo("civil-aircraft");
        assertThat(recs.get(2).line()).isEqualTo(4);
        assertThat(recs.get(2).field()).isEqualTo("production_regions");
        assertThat(recs.get(2).reason()).isEqualTo("'CNXJ' is not an ISO 3166-2 region code; expected the country's alpha-2 code, "
                + "a hyphen and the subdivision's code, e.g. CN-XJ (several separated by ';')");
        assertThat(recs.get(3).field()).isEqualTo("production_regions");
        assertThat(recs.get(3).reason()).isEqualTo("no region code in ';;'; expected e.g. CN-XJ, or leave the field empty when no "
                + "region is declared");
        assertThat(recs.get(4).line()).isEqualTo(6);
        assertThat(recs.get(4).field()).isEqualTo("end_use");
        assertThat(recs.get(4).reason()).isEqualTo("'civil aircraft' is not an end-use code; expected lower-case words joined by "
                + "hyphens, e.g. civil-aircraft");
        assertThat(recs.get(5).entry().productionRegions()).containsExactly("CN-XJ");
    }

    @Test
    void jsonLinesTakeTheRegionsAsAnArray() throws IOException {
        String jl = """
                {"line_id":"j1","hts":"2846.90.80.90","origin":"CN","entry_date":"2026-09-01","customs_value":10000,"currency":"USD","quantity":100,"unit":"kg","production_regions":["CN-XJ","CN-GS"]}
                {"line_id":"j2","hts":"3917.21.00.00","origin":"BR","entry_date":"2026-09-01","customs_value":10000,"currency":"USD","quantity":100,"unit":"kg","end_use":["civil-aircraft"]}
                """;
        List<StrictReaderTest.Rec> recs = StrictReaderTest.read(jl.getBytes(StandardCharsets.UTF_8), BulkAssessment.Format.JSONL);
        assertThat(recs.get(0).entry().productionRegions()).containsExactly("CN-XJ", "CN-GS");
        assertThat(recs.get(1).field()).isEqualTo("end_use");
        assertThat(recs.get(1).reason()).isEqualTo("an array is allowed only for documents, content_quantity, content_unit and "
                + "production_regions; expected a string or number");
    }

    /** A whole file through the bulk assessment: results as the explaining engine's, the unknown codes rejected. */
    @Test
    void aFileIsAssessedAsTheExplainingEngineAssessesEachLine() throws IOException {
        String file = HEADER + "\n"
                + "x1,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-XJ,\n"
                + "x2,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-GS,\n"
                + "x3,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,,\n"
                + "x4,3917.21.00.00,BR,2026-09-01,10000,USD,100,kg,,civil-aircraft\n"
                + "x5,3917.21.00.00,BR,2026-09-01,10000,USD,100,kg,,\n"
                + "x6,2846.90.80.90,CN,2026-09-01,10000,USD,100,kg,CN-XI,\n"
                + "x7,3917.21.00.00,BR,2026-09-01,10000,USD,100,kg,,space\n";
        java.nio.file.Path in = dir.resolve("in.csv");
        java.nio.file.Path out = dir.resolve("out.csv");
        java.nio.file.Path rej = dir.resolve("rejects.csv");
        java.nio.file.Files.writeString(in, file);
        BulkAssessment.Summary n = BulkAssessment.run(ASSESSOR, in, out, rej, BulkAssessment.Options.defaults());
        assertThat(n.read()).isEqualTo(7);
        assertThat(n.assessed()).isEqualTo(4);
        assertThat(n.prohibited()).isEqualTo(1);
        assertThat(n.rejected()).isEqualTo(2);
        String results = java.nio.file.Files.readString(out);
        String rejects = java.nio.file.Files.readString(rej);
        List<String> rows = new ArrayList<>(List.of(results.split("\r?\n")));
        assertThat(rows.get(1)).startsWith("x1,prohibited,");
        assertThat(rows.get(1)).contains("us-uflpa: goods mined, produced or manufactured wholly or in part in the Xinjiang");
        assertThat(rows.get(2)).startsWith("x2,assessed,").doesNotContain("production regions not declared");
        assertThat(rows.get(3)).startsWith("x3,assessed,").contains("production regions not declared: us-uflpa");
        assertThat(rows.get(4)).startsWith("x4,assessed,").contains("310.00").doesNotContain("9903.05.01");
        assertThat(rows.get(5)).startsWith("x5,assessed,").contains("9903.05.01=2500.00");
        assertThat(rejects).contains("x6", "production_regions", "unknown production region 'CN-XI'")
                .contains("x7", "end_use", "unknown end use 'space'; expected one of civil-aircraft, pharmaceutical");
    }
}
