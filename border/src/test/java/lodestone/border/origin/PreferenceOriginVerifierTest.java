package lodestone.border.origin;

import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import org.junit.jupiter.api.Test;

import static lodestone.border.origin.OriginFixtures.HTS;
import static lodestone.border.origin.OriginFixtures.bom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the assessor sees of an origin check: the one-line explanation, and rejections of bad bills. */
class PreferenceOriginVerifierTest {
    static final OriginRules RULES = OriginFixtures.caftaDr();

    static OriginVerdict check(String entryHts, String json) {
        return PreferenceOriginVerifier.check(RULES, entryHts, new Entry.BillOfMaterialsRef("bom.json", json), HTS,
                OriginFixtures.GEO);
    }

    @Test
    void qualifyingClaimExplainsTheDecidingAlternative() {
        OriginVerdict v = check("8110.90.00.00", bom("8110.90.00", "100.00",
                "unwrought antimony|8110.10.00|60.00|false", "local inputs|2617.10.00|38.00|true"));
        assertThat(v.explanation()).isEqualTo("qualifies under GN29n-ch81-r29 (B): alternative B of GN29n-ch81-r29 met: "
                + "build-up RVC 38.00 % ≥ 35 % (GN 29(f)(i)(B))");
    }

    @Test
    void nonQualifyingClaimExplainsEveryAlternativeAndTheFirstRemedy() {
        OriginVerdict v = check("8110.90.00", bom("8110.90.00", "100.00",
                "unwrought antimony|8110.10.00|60.00|false", "local inputs|2617.10.00|28.00|true"));
        assertThat(v.explanation()).isEqualTo("does not qualify under GN29n-ch81-r29 (build-up RVC 28.00 %, build-down "
                + "RVC 40.00 %): GN29n-ch81-r29 (A) not met: change of chapter: failed by unwrought antimony ($60.00, "
                + "60.00 % of the adjusted value, above the 10 % de minimis of GN 29(e)(i)); GN29n-ch81-r29 (B) not met: "
                + "build-up RVC 28.00 % < 35 % (GN 29(f)(i)(B)) and build-down RVC 40.00 % < 45 % (GN 29(f)(i)(A)); to "
                + "qualify: for GN29n-ch81-r29 (A): source unwrought antimony (8110.10.00, $60.00) from an originating supplier");
    }

    @Test
    void billForAnotherGoodRejectsTheLine() {
        assertThatThrownBy(() -> check("8111.00.47", bom("8110.90.00", "100.00", "x|8110.10.00|60.00|false")))
                .isInstanceOfSatisfying(EntryRejected.class, e -> {
                    assertThat(e.field()).isEqualTo("bom");
                    assertThat(e.reason()).isEqualTo("the bill of materials bom.json is for 8110.90.00, but the line declares 8111.00.47");
                });
    }

    @Test
    void malformedBillRejectsTheLineWithLocatedProblems() {
        assertThatThrownBy(() -> check("8110.90.00", "{\"product\": {\"hts\": \"8110.90.00\"}, \"materials\": [\n"
                + "{\"hts\": \"8110.10.00\", \"value\": 60, \"originating\": false}]}"))
                .isInstanceOfSatisfying(EntryRejected.class, e -> assertThat(e.reason()).isEqualTo("bom.json:1: "
                        + "product.adjusted_value: missing; expected the adjusted value in US dollars, a number greater "
                        + "than 0, e.g. 100.00"));
    }

    @Test
    void everyProblemOfAMalformedBillIsNamedOnTheLineAtOnce() {
        // reported: the type error hid the unknown code and the unknown country until it was fixed
        assertThatThrownBy(() -> check("8110.90.00", "{\"product\": {\"hts\": \"8110.90.00\", \"adjusted_value\": 100}, \"materials\": [\n"
                + "{\"hts\": \"8110.15.00\", \"value\": \"60\", \"originating\": false, \"country\": \"XX\"}]}"))
                .isInstanceOfSatisfying(EntryRejected.class, e -> assertThat(e.reason()).isEqualTo(
                        "bom.json:2: materials[0].hts: '8110.15.00' is not in the HTS 2026; nearest codes: 8110.10.00; "
                                + "bom.json:2: materials[0].country: 'XX' is not a country of the regime; expected the ISO 3166 alpha-2 "
                                + "code of the country the material comes from, e.g. \"GT\" or \"CN\"; "
                                + "bom.json:2: materials[0].value: found the text \"60\"; expected the material's value in US "
                                + "dollars, a number of 0 or more"));
    }
}
