package lodestone.border.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The what-if's every-line file ({@code compare --out}) is opened in a spreadsheet as the results and rejects files are:
 * no cell may begin with {@code =}, {@code +}, {@code -} or {@code @}. The code and origin of a line the regime rejects are
 * the file's own text (the reader takes them, the assessment refuses them), and were written as they came.
 */
class ComparisonCsvSafetyTest {

    @Test
    void theCodeAndOriginOfARejectedLineCannotRunAsAFormula(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, """
                line_id,hts,origin,entry_date,customs_value,currency,quantity,unit
                o1,2846.90.80.90,+1+1,2026-03-02,100,USD,1,kg
                o2,-2846.90.80.90,CN,2026-03-02,100,USD,1,kg
                o3,@SUM(1),CN,2026-03-02,100,USD,1,kg
                o4,=1+1,CN,2026-03-02,100,USD,1,kg
                """);
        Path out = tmp.resolve("changes.csv");
        Comparison.run(ASSESSOR, ASSESSOR, null, in, out, 5, false);
        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(1)).startsWith("o1,2846.90.80.90,'+1+1,,,,rejected,rejected,2,");
        assertThat(rows.get(2)).startsWith("o2,'-2846.90.80.90,CN,,,,rejected,rejected,3,");
        assertThat(rows.get(3)).startsWith("o3,'@SUM(1),CN,,,,rejected,rejected,4,");
        assertThat(rows.get(4)).startsWith("o4,'=1+1,CN,,,,rejected,rejected,5,");
        try (var csv = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(out)) {
            csv.stream().skip(1).forEach(r -> r.getFields().forEach(f -> assertThat(f).doesNotStartWith("=").doesNotStartWith("+")
                    .doesNotStartWith("@").matches(x -> !x.startsWith("-") || x.matches("-[0-9.]+"), "a negative number or no leading '-'")));
        }
    }
}
