package lodestone.border.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A what-if's warnings that differ from line to line only in their figures — the CAFTA-DR low-value waiver's, with each
 * line's customs value — are one entry of their kind with the count of their lines and one of their texts as an example,
 * not one entry a value (which flooded the list: 60 lines of different values took the 50 names of a side, and every
 * other warning of that side went unnamed).
 */
class ComparisonWarningKindsTest {

    /** Molybdenum of GT claiming CAFTA-DR (P) without the certification: each line's value $1,000.00 + i, under $2,500.00. */
    static Path file(Path dir, int lines) throws Exception {
        StringBuilder csv = new StringBuilder("line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,content_quantity,content_unit,preference\n");
        for (int i = 0; i < lines; i++) {
            csv.append("p").append(i).append(",2613.10.00.00,GT,2026-03-02,").append(1000 + i).append(",USD,100,kg,55,kg Mo,P\n");
        }
        csv.append("ndpr,2846.90.20.40,CN,2026-03-02,60000,USD,1000,kg,1000,kg REO,\n"); // a warning of another kind (UFLPA regions)
        Path in = dir.resolve("low-value.csv");
        Files.writeString(in, csv);
        return in;
    }

    static final String WAIVER = "cafta-dr-certification-of-origin not required (19 CFR 10.586(a)(2)): this line's customs value $1,000.00 is "
            + "not over $2,500.00; the line is taken as an importation of its own";

    @Test
    void warningsDifferingOnlyInTheirFiguresAreOneEntryOfTheirKind(@TempDir Path tmp) throws Exception {
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, null, file(tmp, 60), null, 5, false);
        List<String> summary = r.warningSummary();
        for (String side : List.of("A: ", "B: ")) {
            // one entry for the 60 values: the first text as the example, its lines counted
            assertThat(summary.stream().filter(w -> w.startsWith(side + "cafta-dr-certification-of-origin not required"))).singleElement()
                    .satisfies(w -> assertThat(w).startsWith(side + WAIVER).endsWith(" (60 lines of this warning, its figures — amounts, "
                            + "codes, dates — differing from line to line; this text is one of them)"));
            // the side's other warnings are named, not only counted
            assertThat(summary).contains(side + "production regions not declared: us-uflpa blocks goods made wholly or in part in CN-XJ"
                    + " (Xinjiang Uyghur Autonomous Region); assessed as made in none of them — declare production_regions (1 line)");
        }
        assertThat(summary).noneMatch(w -> w.startsWith("… ")).noneMatch(w -> w.contains("\u0000"));
        // each listed line keeps its own text, with its own value
        assertThat(r.top()).allSatisfy(l -> assertThat(l.warnings()).noneMatch(w -> w.contains("\u0000")));
        Comparison.Line p7 = Comparison.run(ASSESSOR, ASSESSOR, null, file(tmp, 60), null, 100, false).top().stream()
                .filter(l -> l.lineId().equals("p7")).findFirst().orElseThrow();
        assertThat(p7.warnings()).anySatisfy(w -> assertThat(w).startsWith("A: " + WAIVER.replace("$1,000.00", "$1,007.00")));
        // chunks (of 7 lines, merged in any order) give the same
        List<Comparison.Partial> parts = new ArrayList<>();
        Comparison.runChunked(ASSESSOR, ASSESSOR, null, new ByteArrayInputStream(Files.readAllBytes(file(tmp, 60))), "low-value.csv", 5, false, 7, 0,
                parts::add);
        Collections.reverse(parts);
        assertThat(Comparison.merge(parts, 5)).isEqualTo(r);
    }

    @Test
    void aKindOfOneTextKeepsItsOwnWords(@TempDir Path tmp) throws Exception {
        Comparison.Result r = Comparison.run(ASSESSOR, ASSESSOR, null, file(tmp, 1), null, 5, false);
        assertThat(r.warningSummary()).anySatisfy(w -> assertThat(w).startsWith("A: " + WAIVER).endsWith("(1 line)"));
    }

    @Test
    void theKindOfAWarningIsItsTextWithEveryFigureAsHash() {
        assertThat(Comparison.Figures.kind("B: this line's customs value $1,200.00 is not over $2,500.00 (19 CFR 10.586(a)(2))"))
                .isEqualTo("B: this line's customs value $# is not over $# (# CFR #(a)(#))");
        assertThat(Comparison.Figures.kind("A: metal_content_value declared but not used: no duty charged on 7408.11.60.00 on this date."))
                .isEqualTo("A: metal_content_value declared but not used: no duty charged on # on this date.");
        assertThat(Comparison.Figures.kind("A: no figure here")).isNull();
        assertThat(Comparison.Figures.kind("B: regime horizon: the entry date 2027-06-01 is after 2026-10-07")).isNull(); // Dated's
        assertThat(Comparison.Figures.combine("A: x 2", "A: x 1")).isEqualTo("A: x 1" + Comparison.Figures.LIKE);
        assertThat(Comparison.Figures.combine("A: x 1", "A: x 1")).isEqualTo("A: x 1");
    }
}
