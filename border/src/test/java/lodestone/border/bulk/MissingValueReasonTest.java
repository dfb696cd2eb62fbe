package lodestone.border.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A required value left empty is rejected at its line and field with what was expected there, as every other reason is
 * ("bad date '2026/07/14'; expected yyyy-mm-dd"): "missing origin" alone left the person fixing a year's file to look the
 * format up for each column.
 */
class MissingValueReasonTest {

    @Test
    void anEmptyRequiredValueSaysWhatWasExpected(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, """
                line_id,hts,origin,entry_date,customs_value,currency,quantity,unit
                m1,,CN,2026-03-02,100,USD,1,kg
                m2,2846.90.80.90,,2026-03-02,100,USD,1,kg
                m3,2846.90.80.90,CN,,100,USD,1,kg
                m4,2846.90.80.90,CN,2026-03-02,,USD,1,kg
                m5,2846.90.80.90,CN,2026-03-02,100,,1,kg
                m6,2846.90.80.90,CN,2026-03-02,100,USD,,kg
                m7,2846.90.80.90,CN,2026-03-02,100,USD,1,
                """);
        Path rej = tmp.resolve("rej.csv");
        BulkAssessment.run(ASSESSOR, in, tmp.resolve("res.csv"), rej, BulkAssessment.Options.defaults());
        List<String> rows = Files.readAllLines(rej);
        assertThat(rows).containsExactly("line,line_id,field,reason",
                "2,m1,hts,missing hts; expected an HTS code of 10 digits (8 accepted with a warning) such as 2846.90.80.90",
                "3,m2,origin,missing origin; expected the country of origin as an ISO 3166 alpha-2 code such as CN",
                "4,m3,entry_date,missing entry_date; expected the date of entry as yyyy-mm-dd such as 2026-03-02",
                "5,m4,customs_value,missing customs_value; expected a number not negative such as 10000.00",
                "6,m5,currency,missing currency; expected the ISO 4217 code of the values' currency such as USD",
                "7,m6,quantity,missing quantity; expected a number such as 500",
                "8,m7,unit,\"missing unit; expected the quantity's unit such as kg, t, lb or No.\""); // (quoted: it holds commas)
    }
}
