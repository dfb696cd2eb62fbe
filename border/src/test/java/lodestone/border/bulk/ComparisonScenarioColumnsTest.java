package lodestone.border.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static lodestone.border.bulk.ChunkedBulkTest.REGIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A what-if's every-line file ({@code compare --out}) is handed on alone (to finance, into a spreadsheet): each of its rows
 * says the two sides it compares — the regime with its version, and the date every line was moved to — so that the file
 * read without the command that made it still says which scenario its duties are under.
 */
class ComparisonScenarioColumnsTest {

    @Test
    void everyRowNamesBothSidesWithTheRegimesVersionAndTheDate(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, """
                line_id,hts,origin,entry_date,customs_value,currency,quantity,unit
                L1,2805.30.00.00,CN,2026-06-01,10000,USD,100,kg
                L2,2805.30.00.05,CN,2026-06-01,10000,USD,100,kg
                L3,2805.30.00.05,CN,2026-06-01,-5,USD,100,kg
                """);
        Path out = tmp.resolve("changes.csv");
        Comparison.run(ASSESSOR, ASSESSOR, lodestone.border.WhatIf.on(LocalDate.parse("2025-03-01")), in, out, 5, false);
        List<String> rows = Files.readAllLines(out);
        String a = REGIME.id() + " version " + REGIME.version();
        String b = a + " on 2025-03-01";
        assertThat(rows.get(0)).isEqualTo("line_id,hts,origin,duty_a,duty_b,change,status_a,status_b,line,reason,regime_a,regime_b,origin_b");
        // a compared line, one the regime rejects and one the reader rejects: each says the scenario
        assertThat(rows.get(1)).endsWith("(under both)," + a + "," + b + ",CN");
        assertThat(rows.get(2)).isEqualTo("L2,2805.30.00.05,CN,500.00,1500.00,1000.00,assessed,assessed,3,," + a + "," + b + ",CN");
        assertThat(rows.get(3)).isEqualTo("L3,,,,,,rejected,rejected,4,customs_value: negative value -5," + a + "," + b + ",");
    }

    @Test
    void underAnotherRegimeSideBIsThatRegime(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, """
                line_id,hts,origin,entry_date,customs_value,currency,quantity,unit
                L2,2805.30.00.05,CN,2026-06-01,10000,USD,100,kg
                """);
        Path out = tmp.resolve("changes.csv");
        Comparison.run(ASSESSOR, ASSESSOR, null, in, out, 5, false);
        String a = REGIME.id() + " version " + REGIME.version();
        assertThat(Files.readAllLines(out).get(1)).isEqualTo("L2,2805.30.00.05,CN,500.00,500.00,0.00,assessed,assessed,2,," + a + "," + a + ",CN");
    }
}
