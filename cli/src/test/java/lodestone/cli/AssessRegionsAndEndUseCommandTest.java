package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lodestone assess --production-region … --end-use …}, and {@code regime info} listing what may be declared. */
class AssessRegionsAndEndUseCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    private static String[] line(String hts, String origin, String... more) {
        String[] base = {"assess", "--hts", hts, "--origin", origin, "--date", "2026-09-01", "--value", "10000", "--quantity", "100",
                "--unit", "kg"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aLineProducedInXinjiangIsProhibitedAndWithoutARegionItIsWarned() throws Exception {
        Cli xj = Cli.run(line("2846.90.80.90", "CN", "--production-region", "CN-XJ"));
        assertThat(xj.exit()).as(xj.err()).isZero();
        assertThat(xj.out()).contains("PROHIBITED")
                .contains("us-uflpa prohibits entry: produced (wholly or in part) in CN-XJ (Xinjiang Uyghur Autonomous Region) → block: "
                        + "goods mined, produced or manufactured wholly or in part in the Xinjiang Uyghur Autonomous Region are presumed");
        JsonNode none = JSON.readTree(Cli.run(line("2846.90.80.90", "CN", "--json")).out());
        assertThat(none.get("status").asText()).isEqualTo("assessed");
        assertThat(none.get("warnings").toString()).contains("production regions not declared: us-uflpa");
        JsonNode gansu = JSON.readTree(Cli.run(line("2846.90.80.90", "CN", "--production-region", "cn-gs", "--json")).out());
        assertThat(gansu.get("status").asText()).isEqualTo("assessed");
        assertThat(gansu.get("warnings").toString()).doesNotContain("production regions");
    }

    @Test
    void anEndUseExemptsAndAnUnknownOneIsRefusedNamingTheOption() throws Exception {
        JsonNode without = JSON.readTree(Cli.run(line("3917.21.00.00", "BR", "--json")).out());
        JsonNode with = JSON.readTree(Cli.run(line("3917.21.00.00", "BR", "--end-use", "civil-aircraft", "--json")).out());
        assertThat(without.get("total_duty").decimalValue()).isEqualByComparingTo("4060.00");
        assertThat(with.get("total_duty").decimalValue()).isEqualByComparingTo("310.00");
        Cli bad = Cli.run(line("3917.21.00.00", "BR", "--end-use", "space"));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("cannot assess: --end-use: unknown end use 'space'; expected one of civil-aircraft, pharmaceutical");
        Cli region = Cli.run(line("2846.90.80.90", "CN", "--production-region", "XJ"));
        assertThat(region.exit()).isEqualTo(2);
        assertThat(region.err()).contains("cannot assess: --production-region: 'XJ' is not an ISO 3166-2 region code");
    }

    @Test
    void regimeInfoListsTheRegionsAndEndUses() {
        Cli r = Cli.run("regime", "info");
        assertThat(r.out()).contains("production regions (ISO 3166-2; --production-region):", "CN-XJ Xinjiang Uyghur Autonomous Region",
                "end uses (--end-use):\n  civil-aircraft — civil aircraft articles for use in civil aircraft (HTSUS General Note 6)\n");
        // and the documents the measures name, with the measures naming each (a user need not guess uflpa-exception)
        assertThat(r.out()).contains("documents the measures name (--document; any other changes nothing):\n",
                "  cafta-dr-certification-of-origin — us-cafta-dr-certification\n", "  uflpa-exception — us-uflpa\n");
    }
}
