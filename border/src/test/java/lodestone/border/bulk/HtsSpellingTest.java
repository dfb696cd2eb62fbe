package lodestone.border.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a bulk file's HTS code is read, as docs/bulk-format.md says it (a review found it done and not said): dots are
 * separators wherever they stand and spaces around the value are ignored; any other character is refused at its line.
 */
class HtsSpellingTest {

    @Test
    void dotsAnywhereAndSurroundingSpacesReadAsTheSameCodeAndAnyOtherCharacterIsRefused(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, """
                line_id,hts,origin,entry_date,customs_value,currency,quantity,unit
                a,2846.90.80.90,CN,2026-03-02,1000,USD,10,kg
                b,2846908090,CN,2026-03-02,1000,USD,10,kg
                c,28.46.90.80.90,CN,2026-03-02,1000,USD,10,kg
                d, 2846.90.80.90 ,CN,2026-03-02,1000,USD,10,kg
                e,2846.90.80.90.,CN,2026-03-02,1000,USD,10,kg
                f,2846-90-80-90,CN,2026-03-02,1000,USD,10,kg
                """);
        Path res = tmp.resolve("res.csv"), rej = tmp.resolve("rej.csv");
        BulkAssessment.run(ASSESSOR, in, res, rej, BulkAssessment.Options.defaults());
        List<String> rows = Files.readAllLines(res);
        String first = rows.get(1).substring(rows.get(1).indexOf(','));
        for (int i = 2; i <= 5; i++) assertThat(rows.get(i).substring(rows.get(i).indexOf(','))).as(rows.get(i)).isEqualTo(first);
        assertThat(first).startsWith(",assessed,37.00,USD,");
        assertThat(Files.readAllLines(rej)).containsExactly("line,line_id,field,reason", "7,f,hts,unknown HTS code '2846-90-80-90'");
    }
}
