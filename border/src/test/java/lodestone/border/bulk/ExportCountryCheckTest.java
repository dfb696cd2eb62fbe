package lodestone.border.bulk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static lodestone.border.bulk.ChunkedBulkTest.ASSESSOR;
import static org.assertj.core.api.Assertions.assertThat;

/** A bulk file's export_country, checked as its origin is (a broker's probe: country names where codes belong). */
class ExportCountryCheckTest {
    static final String SHORT = SpreadsheetExportTest.SHORT;

    /**
     * The export country was never checked: "hong kong" was kept as HONG KONG and the line assessed as though it had been
     * declared, though no measure on the country of exportation, nor the what-if, could see it. It is checked as the origin
     * is; a lower-case code is the country (as for the origin).
     */
    @Test
    void anExportCountryIsCheckedAsTheOriginIs(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, SHORT + ",export_country" + """

                a,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,hong kong
                b,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,hk
                c,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,XX
                d,2846.90.80.90,GB,2026-03-02,10000,USD,500,kg,UK
                e,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,
                """);
        Path res = tmp.resolve("res.csv"), rej = tmp.resolve("rej.csv");
        BulkAssessment.run(ASSESSOR, in, res, rej, BulkAssessment.Options.defaults());
        assertThat(Files.readAllLines(rej)).containsExactly("line,line_id,field,reason",
                "2,a,export_country,unknown export country 'HONG KONG': that is the name of Hong Kong; write its ISO 3166 alpha-2 code HK",
                "4,c,export_country,unknown export country 'XX'; expected an ISO 3166 alpha-2 code such as CN",
                "5,d,export_country,unknown export country 'UK': the United Kingdom's ISO 3166 alpha-2 code is GB");
        List<String> rows = Files.readAllLines(res);
        assertThat(rows.get(2)).startsWith("b,assessed,370.00,USD,");
        assertThat(rows.get(5)).startsWith("e,assessed,370.00,USD,");
    }
}
