package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** lodestone origin check on the examples under examples/origin, with the bundled regime. */
class OriginCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static String example(String name) {
        return Cli.repo().resolve("examples/origin").resolve(name).toString();
    }

    @Test
    void qualifyingExampleAsJson() throws Exception {
        Cli r = Cli.run("origin", "check", example("antimony-qualifies.json"), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("qualifies").asBoolean()).isTrue();
        assertThat(j.get("rule").asText()).isEqualTo("GN29n-ch81-r29 (B)");
        assertThat(j.get("rvc_build_up").decimalValue()).isEqualByComparingTo("38.00");
        assertThat(j.get("rvc_build_down").decimalValue()).isEqualByComparingTo("40.00");
        assertThat(j.get("reasons").get(0).asText()).isEqualTo("alternative B of GN29n-ch81-r29 met: build-up RVC 38.00 % "
                + "≥ 35 % (GN 29(f)(i)(B))");
        assertThat(j.get("suggestions")).isEmpty();
        assertThat(j.get("hs_gap").asBoolean()).isFalse();
    }

    @Test
    void nonQualifyingExampleIsAnAnswerWithExitZeroAndSaysWhatWouldMakeItQualify() {
        Cli r = Cli.run("origin", "check", example("antimony-does-not-qualify.json"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("CAFTA-DR origin of 8110.90.00 antimony articles (adjusted value $100.00): DOES NOT QUALIFY\n")
                .contains("  rule:  GN29n-ch81-r29 — HTSUS 2025 Rev.7, General Note 29(n), Chapter 81, rule 29\n")
                .contains("  RVC:   build-up 28.00 %, build-down 40.00 %\n")
                .contains("    - GN29n-ch81-r29 (B) not met: build-up RVC 28.00 % < 35 % (GN 29(f)(i)(B)) and build-down "
                        + "RVC 40.00 % < 45 % (GN 29(f)(i)(A))\n")
                .contains("    - for GN29n-ch81-r29 (B): sourcing unwrought antimony (8110.10.00, $60.00) from an originating "
                        + "supplier raises build-up RVC from 28.00 % to 88.00 % and build-down RVC from 40.00 % to 100.00 % "
                        + "(≥ 35 % build-up or ≥ 45 % build-down needed)\n");
    }

    @Test
    void scrapOfUsedGoodsCollectedInAPartyQualifiesAsWhollyObtained() {
        // copper scrap of used cable (made in China) collected in Guatemala: wholly obtained under GN 29(c)(i)(J), not held
        // to 7404's 35 % value content by the cable's value
        Cli r = Cli.run("origin", "check", example("copper-scrap-used-goods.json"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("CAFTA-DR origin of 7404.00.30 copper scrap of used cable collected in Guatemala "
                        + "(adjusted value $50,000.00): QUALIFIES\n")
                .contains("  rule:  GN 29(c)(i)(J) waste and scrap — GN 29(c)(i)(J)\n")
                .contains("    - copper scrap of used cable collected in Guatemala is declared waste and scrap derived from used "
                        + "goods collected in a party and fit only for the recovery of raw materials: wholly obtained "
                        + "(GN 29(c)(i)(J)), whatever the origin of the goods it came from (used copper cable (made in China)); "
                        + "no change of classification or value content is asked of them\n");
    }

    @Test
    void theRuleOfAScrapCodeSaysWasteAndScrapIsWhollyObtained() {
        // a recycler reading 7404's rule saw only the 35 % value content, which copper scrap of used goods cannot meet
        Cli r = Cli.run("origin", "rule", "7404.00");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("7404.00: GN29n-ch74-r2 — HTSUS 2025 Rev.7, General Note 29(n), Chapter 74, rule 2\n")
                .contains("  or wholly obtained as waste and scrap (GN 29(c)(i)(J); HTS: Copper waste and scrap): derived from "
                        + "manufacturing or processing operations in a party, or from used goods collected in a party and fit only "
                        + "for the recovery of raw materials, whatever the origin of what it came from (declare "
                        + "product.waste_and_scrap)\n  de minimis:");
        assertThat(Cli.run("origin", "rule", "8110.90").out()).doesNotContain("waste and scrap (GN 29(c)(i)(J)");
    }

    @Test
    void aGoodNoRuleOfTheFileCoversIsNotDecidedRatherThanNotQualifying() throws Exception {
        // reported: denim trousers (chapter 62, not in the bundled rule file) were headed DOES NOT QUALIFY
        java.nio.file.Path f = java.nio.file.Files.createTempFile("denim", ".json");
        java.nio.file.Files.writeString(f, """
                {"product": {"hts": "6203.42.45.11", "description": "denim trousers", "adjusted_value": 10000.00},
                 "materials": [{"description": "rivets", "hts": "8308.90.60", "value": 500.00, "originating": false, "country": "CN"}]}""");
        Cli r = Cli.run("origin", "check", f.toString());
        java.nio.file.Files.delete(f);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("CAFTA-DR origin of 6203.42.45.11 denim trousers (adjusted value $10,000.00): NOT DECIDED "
                + "(no rule of the file covers it)\n");
    }

    @Test
    void hs2022GapIsReportedWithTheNearestRule() throws Exception {
        Cli r = Cli.run("origin", "check", example("cadmium-hs2022-gap.json"), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("qualifies").asBoolean()).isFalse();
        assertThat(j.get("decision").asText()).isEqualTo("not-decided");
        assertThat(j.get("hs_gap").asBoolean()).isTrue();
        assertThat(j.get("rule").asText()).isEqualTo("none");
        assertThat(j.get("reasons").get(0).asText()).contains("No rule names 8112.61; the nearest rules for the goods' "
                + "HS2017 subheadings 8107.20-8107.90 are GN29n-ch81-r20");
    }

    @Test
    void malformedBillGetsLocatedErrorsAndExitTwo() {
        Cli r = Cli.run("origin", "check", example("malformed.json"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        String file = example("malformed.json");
        assertThat(r.err()).isEqualTo(file + ":2: product.adjusted_value: found the text \"one hundred\"; expected the "
                + "adjusted value in US dollars, a number greater than 0, e.g. 100.00\n"
                + file + ":4: materials[0].originating: missing; expected true or false (is the material originating under "
                + "the agreement?)\n"
                + "2 problems in the bill of materials; nothing was checked.\n");
    }

    @Test
    void unknownCodeInTheBillIsLocated(@TempDir Path dir) throws Exception {
        Path bom = dir.resolve("bom.json");
        Files.writeString(bom, """
                {"product": {"hts": "8110.90.00", "adjusted_value": 100},
                 "materials": [{"hts": "8110.15.00", "value": 60, "originating": false}]}
                """);
        Cli r = Cli.run("origin", "check", bom.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith(bom + ":2: materials[0].hts: '8110.15.00' is not in the HTS 2026; nearest codes: "
                + "8110.10.00");
    }

    @Test
    void everyProblemOfTheBillIsPrintedAtOnceWithUnknownCountries(@TempDir Path dir) throws Exception {
        // reported: the type error of the first material hid the unknown code and country of the second; XX was accepted
        Path bom = dir.resolve("bom.json");
        Files.writeString(bom, """
                {"product": {"hts": "8110.90.00", "adjusted_value": 100},
                 "materials": [{"hts": "8110.10.00", "value": "60", "originating": false},
                   {"hts": "8110.15.00", "value": 30, "originating": false, "country": "XX"}]}
                """);
        Cli r = Cli.run("origin", "check", bom.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(bom + ":2: materials[0].value: found the text \"60\"; expected the material's value in "
                + "US dollars, a number of 0 or more\n"
                + bom + ":3: materials[1].hts: '8110.15.00' is not in the HTS 2026; nearest codes: 8110.10.00.00\n"
                + bom + ":3: materials[1].country: 'XX' is not a country of the regime; expected the ISO 3166 alpha-2 code "
                + "of the country the material comes from, e.g. \"GT\" or \"CN\"\n"
                + "3 problems in the bill of materials; nothing was checked.\n");
    }

    @Test
    void agreementWithoutRulesExitsTwoAndAMissingFileThree() {
        Cli r = Cli.run("origin", "check", example("antimony-qualifies.json"), "--agreement", "usmca");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("lodestone: no rules of origin for agreement 'usmca' in the bundled regime: expected "
                + "the file data/regime/generated/origin/usmca.yaml");
        Cli missing = Cli.run("origin", "check", "no-such-bom.json");
        assertThat(missing.exit()).isEqualTo(3); // a file that cannot be read
        assertThat(missing.err()).isEqualTo("lodestone: cannot read the bill of materials no-such-bom.json: no such file\n");
    }

    @Test
    void ruleShowsTheAlternativesOfACode() {
        Cli r = Cli.run("origin", "rule", "8110.90");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Dominican Republic-Central America-United States Free Trade Agreement (CAFTA-DR) — "
                + "HTSUS General Note 29\n8110.90: GN29n-ch81-r29 — HTSUS 2025 Rev.7, General Note 29(n), Chapter 81, rule 29\n")
                .contains("  (A) change of chapter\n  or (B) RVC ≥ 35 % build-up or ≥ 45 % build-down\n");
        Cli bad = Cli.run("origin", "rule", "81");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("lodestone: '81' is not an HS code of at least 6 digits; expected e.g. 8110.90\n");
    }

    @Test
    void helpIsCompleteWithAnExample() {
        Cli r = Cli.run("origin", "check", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: lodestone origin check [-hV] [--json] [--agreement=ID] [--regime=REGIME]")
                .contains("lodestone origin check examples/origin/antimony-qualifies.json")
                .contains("Exit codes: 0 an answer");
    }

    /**
     * An analyst's overlay in a folder of its own, extending the bundled regime: its agreements are the bundled ones, and
     * so are their rules of origin (looked for in the overlay's folder only: "no rules of origin for agreement cafta-dr").
     */
    @Test
    void anOverlayOfTheBundledRegimeUsesTheBundledRulesOfOrigin(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("regime.yaml"), "id: analyst\nextends: bundled\nfiles: {}\n");
        Cli r = Cli.run("origin", "check", example("antimony-qualifies.json"), "--json", "--regime", tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("rule").asText()).isEqualTo("GN29n-ch81-r29 (B)");
    }
}
