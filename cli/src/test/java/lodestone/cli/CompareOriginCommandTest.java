package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lodestone compare --origin FROM=TO}: side B assesses the goods of FROM as if from TO. Figures computed by hand
 * in lodestone.border.bulk.OriginWhatIfTest: graphite 2504.10.10.00 of CN, USD 10,000 on 2026-03-02, pays Section 301
 * 25 % = 2,500.00, of VN nothing; molybdenum 2613.10.00.00 of MX under USMCA 0.00, of CN without the claim 12,504.00.
 */
class CompareOriginCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Path file(Path dir) throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, """
                line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,content_quantity,content_unit,preference
                gr-1,2504.10.10.00,CN,2026-03-02,10000,USD,10000,kg,,,
                mx-1,2613.10.00.00,MX,2026-03-02,100000,USD,10000,kg,5500,kg Mo,S
                """);
        return in;
    }

    @Test
    void aFileWithOriginsMovedSaysEachSidesOriginAndTheDroppedClaim(@TempDir Path tmp) throws Exception {
        Cli r = Cli.run("compare", file(tmp).toString(), "--origin", "CN=VN", "--origin", "MX=CN");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("A: us-2026\nB: us-2026, origin CN→VN, MX→CN\n")
                .contains("line_id        hts             from A from B         duty A         duty B         change\n")
                .contains("mx-1           2613.10.00.00   MX     CN               0.00       12504.00      +12504.00\n")
                .contains("gr-1           2504.10.10.00   CN     VN            2500.00           0.00       -2500.00\n")
                .contains("total duty A $2,500.00 → B $12,504.00: change +$10,004.00\norigins moved under B: CN→VN 1 line, MX→CN 1 line\n")
                .contains("  ! B: what-if: origin MX→CN: preference S (USMCA) dropped: CN is not eligible for it on 2026-03-02; assessed without the claim (1 line)");
        JsonNode j = JSON.readTree(Cli.run("compare", file(tmp).toString(), "--origin", "CN=VN,MX=CN", "--json").out());
        assertThat(j.get("b").asText()).isEqualTo("us-2026, origin CN→VN, MX→CN");
        assertThat(j.get("top").get(0).get("origin").asText()).isEqualTo("MX");
        assertThat(j.get("top").get(0).get("origin_b").asText()).isEqualTo("CN");
    }

    @Test
    void aMappingThatMovedNoLineIsSaid(@TempDir Path tmp) throws Exception {
        Cli r = Cli.run("compare", file(tmp).toString(), "--origin", "CH=VN,CN=VN");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("origins moved under B: CH→VN 0 lines, CN→VN 1 line\n"
                + "  ! --origin CH=VN moved no line: no line of the file is of origin CH\n");
    }

    @Test
    void badMappingsAreRefusedWithTheirPlace(@TempDir Path tmp) throws Exception {
        String in = file(tmp).toString();
        Cli unknown = Cli.run("compare", in, "--origin", "CN=XX");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--origin: CN=XX: unknown country code 'XX'; expected an ISO 3166 alpha-2 code such as VN");
        Cli self = Cli.run("compare", in, "--origin", "CN=CN");
        assertThat(self.exit()).isEqualTo(2);
        assertThat(self.err()).contains("--origin: CN=CN: CN is mapped to itself; map an origin to another country");
        Cli twice = Cli.run("compare", in, "--origin", "CN=VN", "--origin", "CN=TH");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("--origin: CN=TH: CN is mapped twice (first CN=VN); map each origin once");
        Cli neither = Cli.run("compare", in);
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("Missing required option: '--with=WITH' (or --origin FROM=TO to move origins)");
    }

    @Test
    void anEntryWithOriginsMovedListsBothOrigins() {
        Cli r = Cli.run("compare", "--entry", "../examples/entry/two-lines.json", "--origin", "CN=VN");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("B: us-2026, origin CN→VN\n").contains("from A from B")
                .containsPattern("\n1 +2846\\.90\\.80\\.90 +CN +VN ");
    }
}
