package lodestone.border.origin;

import lodestone.regime.Problem;
import lodestone.regime.RegimeInvalidException;
import lodestone.regime.io.RegimeSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static lodestone.border.origin.OriginFixtures.HTS;
import static lodestone.border.origin.OriginFixtures.bom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad bills of materials and bad rule files: every problem named with file, line, field and what was expected. */
class BillOfMaterialsTest {

    static List<String> problems(Runnable r) {
        try {
            r.run();
        } catch (RegimeInvalidException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected a RegimeInvalidException");
    }

    @Test
    void wellFormedBillIsReadWithExactValues() {
        BillOfMaterials b = BillOfMaterials.parse("bom.json", bom("8110.90.00", "100.00",
                "unwrought antimony|8110.10.00|60.00|false|CN", "local inputs|2617.10.00|38.00|true"));
        assertThat(b.agreement()).isEqualTo("cafta-dr");
        assertThat(b.product().hts()).isEqualTo("8110.90.00");
        assertThat(b.product().adjustedValue()).isEqualByComparingTo("100.00");
        assertThat(b.materials()).extracting(BillOfMaterials.Material::description)
                .containsExactly("unwrought antimony", "local inputs");
        assertThat(b.materials().get(0).value()).isEqualByComparingTo("60.00");
        assertThat(b.materials().get(0).country()).isEqualTo("CN");
        assertThat(b.materials().get(1).originating()).isTrue();
    }

    /**
     * A bill saved by Notepad as UTF-8 begins with a byte-order mark, which a text read keeps (a script's, or the API's body):
     * POST /api/origin/check refused such a file as 'not valid JSON: Unexpected character (code 65279)', which the command
     * line (UserText) now reads. The mark is no part of the JSON and is passed over; lines and columns are as an editor shows them.
     */
    @Test
    void aByteOrderMarkBeforeTheBillIsPassedOver() {
        String json = bom("8110.90.00", "100.00", "unwrought antimony|8110.10.00|60.00|false|CN").replace("\n", "\r\n");
        BillOfMaterials b = BillOfMaterials.parse("bom.json", "\uFEFF" + json);
        assertThat(b.product().hts()).isEqualTo("8110.90.00");
        assertThat(b.materials().get(0).value()).isEqualByComparingTo("60.00");
        assertThat(problems(() -> BillOfMaterials.parse("bom.json", "\uFEFF{\"product\": 1,,}")))
                .singleElement().asString().startsWith("bom.json:1: not valid JSON: Unexpected character (',' (code 44))");
    }

    @Test
    void invalidJsonIsReportedWithItsLine() {
        assertThat(problems(() -> BillOfMaterials.parse("bom.json", "{\"product\": {\"hts\": \"8110.90.00\",\n"
                + "  \"adjusted_value\": 100,,\n}}")))
                .singleElement().asString().startsWith("bom.json:2: not valid JSON: Unexpected character (',' (code 44))");
    }

    @Test
    void materialsWorthMoreThanTheGoodAreRefusedAtTheAdjustedValue() {
        // reported: $1,100 of materials in a $100 good qualified with a build-up of 600 %
        String json = "{\"product\": {\"hts\": \"8110.90.00\",\n  \"adjusted_value\": 100},\n"
                + " \"materials\": [{\"hts\": \"8110.10.00\", \"value\": 500, \"originating\": false},\n"
                + "  {\"hts\": \"2617.10.00\", \"value\": 600.50, \"originating\": true}]}";
        assertThat(problems(() -> BillOfMaterials.parse("bom.json", json))).singleElement().asString().isEqualTo(
                "bom.json:2: product.adjusted_value: is 100 but the materials' values add up to 1100.50; a good's adjusted "
                        + "value includes the materials used to produce it (regional value content would be outside 0-100 %): "
                        + "check adjusted_value and each material's value");
        // all of the good's value in materials is still a bill of materials
        BillOfMaterials equal = BillOfMaterials.parse("bom.json", json.replace("600.50", "-500").replace("-500", "0")
                .replace("\"value\": 500", "\"value\": 100"));
        assertThat(equal.materials()).hasSize(2);
    }

    @Test
    void valuesBeyondTheBoundsOfAnAmountAreRefused() {
        String json = "{\"product\": {\"hts\": \"8110.90.00\",\n  \"adjusted_value\": 1e400},\n"
                + " \"materials\": [{\"hts\": \"8110.10.00\", \"value\": 0.0000000001, \"originating\": false}]}";
        assertThat(problems(() -> BillOfMaterials.parse("bom.json", json))).containsExactly(
                "bom.json:2: product.adjusted_value: is 1E+400, out of bounds; expected the adjusted value in US dollars, a "
                        + "number greater than 0, e.g. 100.00, below 10^15 with at most 9 decimal places",
                "bom.json:3: materials[0].value: is 1E-10, out of bounds; expected the material's value in US dollars, a number "
                        + "of 0 or more, below 10^15 with at most 9 decimal places");
    }

    @Test
    void aTruncatedFileIsSaidWithoutTheParsersSettings() {
        // reported: "… (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1 …"
        assertThat(problems(() -> BillOfMaterials.parse("bom.json", "{\"product\":{\"hts\":\"8110.90.00\"},\n\"materials\":[\n")))
                .singleElement().asString().startsWith("bom.json:3: not valid JSON: Unexpected end-of-input: expected close "
                        + "marker for Array (start marker at line 2, column 13)")
                .doesNotContain("Source", "StreamReadFeature");
    }

    @Test
    void duplicateFieldIsRejectedRatherThanSilentlyOverwritten() {
        assertThat(problems(() -> BillOfMaterials.parse("bom.json", "{\"product\": {\"hts\": \"8110.90.00\",\n"
                + "  \"adjusted_value\": 100, \"adjusted_value\": 10}, \"materials\": []}")))
                .singleElement().asString().startsWith("bom.json:2: not valid JSON: Duplicate field 'adjusted_value'");
    }

    @Test
    void everyFieldProblemIsReportedAtOnceWithLineFieldAndExpectation() {
        String json = """
                {"agreement": "cafta-dr",
                 "product": {"hts": "81", "description": "antimony articles"},
                 "materials": [
                   {"description": "unwrought antimony", "hts": "8110.10.00", "value": "60", "originating": false},
                   {"description": "local inputs", "hts": "2617.10.00", "value": -1, "orginating": true},
                   {"description": "ore", "hts": "2617.10.00", "value": 5, "originating": "yes", "country": "Guatemala"}]}
                """;
        assertThat(problems(() -> BillOfMaterials.parse("bom.json", json))).containsExactly(
                "bom.json:2: product.hts: '81' is not an HTS code of 6 to 10 digits; expected the good's HTS code of 6 to 10 digits, e.g. \"8110.90.00\"",
                "bom.json:2: product.adjusted_value: missing; expected the adjusted value in US dollars, a number greater than 0, e.g. 100.00",
                "bom.json:4: materials[0].value: found the text \"60\"; expected the material's value in US dollars, a number of 0 or more",
                "bom.json:5: materials[1].value: is -1; expected a number of 0 or more",
                "bom.json:5: materials[1].originating: missing; expected true or false (is the material originating under the agreement?)",
                "bom.json:5: materials[1].orginating: unknown field; expected one of description, hts, value, originating, country",
                "bom.json:6: materials[2].country: 'Guatemala' is not an ISO 3166 alpha-2 code; expected two letters, e.g. \"GT\"",
                "bom.json:6: materials[2].originating: found the text \"yes\"; expected true or false (is the material originating under the agreement?)");
    }

    @Test
    void missingProductAndMaterialsAreNamed() {
        assertThat(problems(() -> BillOfMaterials.parse("b.json", "{\"agreement\": \"cafta-dr\"}"))).containsExactly(
                "b.json:1: materials: missing; expected an array of materials (it may be empty only for a wholly obtained good)",
                "b.json:1: product: missing; expected an object with hts and adjusted_value");
    }

    @Test
    void materialsThatAreNotAnArrayAreReportedOnce() {
        assertThat(problems(() -> BillOfMaterials.parse("b.json",
                "{\"product\": {\"hts\": \"8110.90.00\", \"adjusted_value\": 100},\n \"materials\": {}}")))
                .containsExactly("b.json:2: materials: found an object; expected an array of materials, each "
                        + "{description, hts, value, originating}");
    }

    @Test
    void emptyMaterialsAreAllowedOnlyForAWhollyObtainedGood() {
        assertThat(problems(() -> BillOfMaterials.parse("b.json",
                "{\"product\": {\"hts\": \"8110.90.00\", \"adjusted_value\": 100},\n \"materials\": []}")))
                .containsExactly("b.json:2: materials: empty; expected the materials used to produce the good (only a "
                        + "wholly obtained good has none: set product.wholly_obtained)");
        assertThat(BillOfMaterials.parse("b.json", "{\"product\": {\"hts\": \"2617.10.00\", \"adjusted_value\": 100, "
                + "\"wholly_obtained\": true},\n \"materials\": []}").materials()).isEmpty();
    }

    @Test
    void unknownProcessIsRejectedSoThatAMisspellingCannotSilentlyFailARule() {
        assertThat(problems(() -> BillOfMaterials.parse("b.json", OriginFixtures.bomWith("2825.90.90", "100",
                ", \"processes\": [\"chemical reaction\"]", "ore|2617.10.00|50|false")))).containsExactly(
                "b.json:2: product.processes[0]: 'chemical reaction' is not a known process; expected one of "
                        + "active-ingredient-50pct-by-weight-originating, chemical-reaction, purification, thickness-reduction-min-50pct");
    }

    @Test
    void codesNotInTheHtsAndOriginatingMaterialsFromNonPartiesAreLocatedAtCheckTime() {
        OriginRules rules = OriginFixtures.caftaDr();
        BillOfMaterials b = BillOfMaterials.parse("bom.json", bom("8110.95.00", "100.00",
                "unwrought antimony|8110.10.00|60.00|true|CN", "local inputs|2617.15.00|38.00|true"));
        assertThat(problems(() -> rules.check(b, HTS))).containsExactly(
                "bom.json:2: product.hts: '8110.95.00' is not in the HTS 2026; nearest codes: 8110.90.00",
                "bom.json:4: materials[0].country: 'CN' is not a party to cafta-dr (CR, DO, GT, HN, NI, SV, US); a material "
                        + "can be originating only if produced in a party (GN 29(b)); expected originating: false or a party's code",
                "bom.json:5: materials[1].hts: '2617.15.00' is not in the HTS 2026; nearest codes: 2617.10.00");
    }

    @Test
    void everyProblemOfTheBillIsReportedAtOnceShapeCodesCountriesAndParties() {
        // reported: a type error in one material hid the unknown codes elsewhere until it was fixed, and the
        // unknown codes hid the parties' check; now one pass names them all, each at its line and field
        String json = """
                {"agreement": "cafta-dr",
                 "product": {"hts": "8110.95.00", "adjusted_value": 100},
                 "materials": [
                   {"description": "unwrought antimony", "hts": "8110.10.00", "value": "60", "originating": false},
                   {"description": "local inputs", "hts": "2617.15.00", "value": 30, "originating": true, "country": "CN"},
                   {"description": "ore", "hts": "2617.19.00", "value": 5, "originating": "yes", "country": "XX"}]}
                """;
        OriginRules rules = OriginFixtures.caftaDr();
        assertThat(problems(() -> BillOfMaterials.read("bom.json", json).check(rules, HTS, OriginFixtures.GEO))).containsExactly(
                "bom.json:2: product.hts: '8110.95.00' is not in the HTS 2026; nearest codes: 8110.90.00",
                "bom.json:4: materials[0].value: found the text \"60\"; expected the material's value in US dollars, a number of 0 or more",
                "bom.json:5: materials[1].hts: '2617.15.00' is not in the HTS 2026; nearest codes: 2617.10.00",
                "bom.json:5: materials[1].country: 'CN' is not a party to cafta-dr (CR, DO, GT, HN, NI, SV, US); a material "
                        + "can be originating only if produced in a party (GN 29(b)); expected originating: false or a party's code",
                "bom.json:6: materials[2].hts: '2617.19.00' is not in the HTS 2026; nearest codes: 2617.10.00",
                "bom.json:6: materials[2].country: 'XX' is not a country of the regime; expected the ISO 3166 alpha-2 code of "
                        + "the country the material comes from, e.g. \"GT\" or \"CN\"",
                "bom.json:6: materials[2].originating: found the text \"yes\"; expected true or false (is the material "
                        + "originating under the agreement?)");
    }

    @Test
    void anUnknownCountryIsRefusedEvenForANonOriginatingMaterial() {
        String json = bom("8110.90.00", "100.00", "unwrought antimony|8110.10.00|60.00|false|XX", "local inputs|2617.10.00|38.00|true|gt");
        assertThat(problems(() -> BillOfMaterials.read("bom.json", json).check(OriginFixtures.caftaDr(), HTS, OriginFixtures.GEO)))
                .containsExactly("bom.json:4: materials[0].country: 'XX' is not a country of the regime; expected the ISO 3166 "
                        + "alpha-2 code of the country the material comes from, e.g. \"GT\" or \"CN\"");
        BillOfMaterials fine = BillOfMaterials.read("bom.json", json.replace("XX", "CN")).check(OriginFixtures.caftaDr(), HTS, OriginFixtures.GEO);
        assertThat(fine.materials()).extracting(BillOfMaterials.Material::country).containsExactly("CN", "GT");
    }

    @Test
    void billForAnotherAgreementIsRejected() {
        OriginRules rules = OriginFixtures.caftaDr();
        BillOfMaterials b = BillOfMaterials.parse("bom.json", bom("8110.90.00", "100.00", "x|8110.10.00|60.00|false")
                .replace("\"cafta-dr\"", "\"usmca\""));
        assertThat(problems(() -> rules.check(b, HTS))).containsExactly(
                "bom.json:1: agreement: 'usmca' does not match the rules being applied; expected 'cafta-dr' (or leave the field out)");
    }

    @Test
    void agreementWithoutARuleFileIsAnArgumentError() {
        assertThatThrownBy(() -> OriginRules.load(RegimeSource.directory(OriginFixtures.repoRoot().resolve("data/regime")), "usmca"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no rules of origin for agreement 'usmca' in ")
                .hasMessageEndingWith("expected the file " + OriginFixtures.repoRoot().resolve("data/regime")
                        .resolve("generated/origin/usmca.yaml"));
    }

    @Test
    void invalidRuleFileIsReportedWithLinesAndNothingLoads() {
        String yaml = """
                agreement: test-fta
                parties: [US, XX1]
                covers: ["81"]
                general:
                  de-minimis: {max-pct: 110}
                  sets: {max-pct: 15}
                rules:
                  - id: R1
                    scope: {from: "8110", to: "8109"}
                    alternatives:
                      - change: any-heading
                  - id: R2
                    scope: {from: "8111", to: "8111"}
                    alternatives:
                      - change: none
                        rvc: {build-up: 35}
                        process: smelting
                  - id: R3
                    scope: {from: "8111.00", to: "8111.00"}
                    alternatives:
                      - change: chapter
                """;
        assertThat(problems(() -> OriginRules.parse("test-fta.yaml", yaml, "test-fta"))).containsExactly(
                "test-fta.yaml:2: parties: 'XX1' is not an ISO 3166 alpha-2 code such as GT",
                "test-fta.yaml:5: general.de-minimis.max-pct: 110 is not a percentage; expected a number from 0 to 100",
                "test-fta.yaml:9: rules[0].scope.to: '8109' comes before from '8110'; expected from ≤ to",
                "test-fta.yaml:11: rules[0].alternatives[0].change: 'any-heading' is not allowed; expected one of chapter, "
                        + "heading, subheading, heading-outside-group, subheading-outside-group, none, only-from",
                "test-fta.yaml:17: rules[1].alternatives[0].process: 'smelting' is not a known process; expected one of "
                        + "active-ingredient-50pct-by-weight-originating, chemical-reaction, purification, thickness-reduction-min-50pct",
                "test-fta.yaml:19: rules[2].scope: subheading 8111.00 overlaps the scope of rule R2 (heading 8111); "
                        + "expected each code to have one rule");
    }

    @Test
    void anotherAgreementsRulesAreData() {
        // A made-up agreement with one rule: change of heading or 40 % build-up; de minimis 7 %.
        String yaml = """
                agreement: test-fta
                parties: [US, MX]
                covers: ["81"]
                general:
                  de-minimis: {max-pct: 7, citation: "Art. 4.12"}
                  sets: {max-pct: 15}
                rules:
                  - id: T-8110
                    citation: "Annex 4-B, heading 81.10"
                    scope: {from: "8110", to: "8110"}
                    alternatives:
                      - label: A
                        change: heading
                      - label: B
                        change: none
                        rvc: {build-up: 40}
                """;
        OriginRules r = OriginRules.parse("test-fta.yaml", yaml, "test-fta");
        OriginVerdict v = r.check(BillOfMaterials.parse("b.json", bom("8110.90.00", "100", "unwrought|8110.10.00|8|false",
                "local|2617.10.00|30|true").replace("cafta-dr", "test-fta")), HTS);
        assertThat(v.qualifies()).isFalse();
        assertThat(v.reasons().get(0)).isEqualTo("T-8110 (A) not met: change of heading: failed by unwrought ($8.00, 8.00 % "
                + "of the adjusted value, above the 7 % de minimis of Art. 4.12)");
        assertThat(v.reasons()).contains("T-8110 (B) not met: build-up RVC 30.00 % < 40 %");
    }
}
