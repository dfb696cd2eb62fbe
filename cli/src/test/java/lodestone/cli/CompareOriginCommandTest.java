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

    /** What side B assumed of the entry of examples/entry/cafta-resourcing.json under GT=SV,CN=GT (as the API says it). */
    static final String[] ASSUMED = {
        "  ! B: line 1: what-if: origin GT→SV: preference P (CAFTA-DR) kept: SV is eligible for it; its bill of materials lines[0].bom "
                + "checked again under B as declared (the rules of origin turn on the materials, their values and whether each is "
                + "originating, not on which party the good is made in; a bill for production in SV, if its materials differ, may "
                + "decide otherwise)\n",
        "  ! B: line 1: what-if: bill of materials lines[0].bom: its materials of GT — reagents (originating) — checked as declared, "
                + "from GT: the what-if moves the origin of the entry's lines (GT→SV), not of the materials a bill names; were they "
                + "sourced from SV instead, a bill saying so would show whether they are originating\n",
        "  ! B: line 2: what-if: origin CN→GT: export country VN kept as declared: assessed as goods of GT shipped from VN (the "
                + "what-if moves where the goods were made, not the route they took; a measure on the country of exportation sees VN)\n",
        "  ! B: line 3: what-if: bill of materials lines[2].bom: its materials of CN — rare-earth ores (non-originating) — checked as "
                + "declared, from CN: the what-if moves the origin of the entry's lines (CN→GT), not of the materials a bill names; "
                + "were they sourced from GT instead, a bill saying so would show whether they are originating\n"};

    /**
     * examples/entry/cafta-resourcing.json: rare-earth compounds 2846.90.80.90, USD 10,000 a line, claiming CAFTA-DR with a bill
     * of materials (general 3.7 % = 370.00, P free). Under A line 1 of GT qualifies (0.00), lines 2 and 3 of CN are not
     * eligible (370.00 each); moved GT→SV and CN→GT each bill is checked again under B: lines 1 and 2 (made from rare-earth
     * metals, a change of heading) qualify, line 3 (from rare-earth ores, the rule's exception, 60 % > the 10 % de minimis)
     * does not: 0.00 + 0.00 + 370.00.
     */
    @Test
    void anEntryOfCaftaClaimsMovedSaysWhatSideBAssumedOfEachClaimBillAndRoute() {
        Cli r = Cli.run("compare", "--entry", "../examples/entry/cafta-resourcing.json", "--origin", "GT=SV,CN=GT");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\n1 +2846\\.90\\.80\\.90 +GT +SV +\\$0\\.00 +\\$0\\.00 +\\$0\\.00\n")
                .containsPattern("\n2 +2846\\.90\\.80\\.90 +CN +GT +\\$370\\.00 +\\$0\\.00 +-\\$370\\.00\n")
                .containsPattern("\n3 +2846\\.90\\.80\\.90 +CN +GT +\\$370\\.00 +\\$370\\.00 +\\$0\\.00\n")
                .contains("total duty A $740.00 → B $370.00: change -$370.00\n")
                .contains(ASSUMED);
    }
}
