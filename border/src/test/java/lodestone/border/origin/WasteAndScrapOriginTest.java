package lodestone.border.origin;

import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waste and scrap under CAFTA-DR: wholly obtained when derived from manufacturing or processing operations in a party, or
 * from used goods collected in a party and fit only for the recovery of raw materials (GN 29(c)(i)(J); 19 U.S.C.
 * 4033(n)(6)(J)) — whatever the origin of the goods it came from, so no change of classification is asked of them; and a
 * bare "wholly obtained" on scrap does not pass without saying which of those it is. Against the bundled regime's HTS
 * (the descriptions say which lines are waste and scrap) and rule file.
 */
class WasteAndScrapOriginTest {
    static Regime regime;
    static OriginRules rules;
    static Assessor assessor;

    static Path root() {
        String r = System.getProperty("lodestone.root");
        return r != null ? Path.of(r) : Path.of("..");
    }

    @BeforeAll
    static void load() {
        regime = Regime.load(root().resolve("data/regime"));
        rules = OriginFixtures.caftaDr();
        assessor = PreferenceOriginVerifier.assessorFor(regime);
    }

    static OriginVerdict check(String json) {
        return rules.check(BillOfMaterials.parse("bom.json", json), regime.hts());
    }

    static final String USED_CABLE = "{\"description\": \"used copper cable collected in Guatemala (made in China)\", "
            + "\"hts\": \"8544.49.30\", \"value\": 42000.00, \"originating\": false, \"country\": \"CN\"}";

    static String copperScrap(String productExtra, String materials) {
        return "{\"agreement\": \"cafta-dr\", \"product\": {\"hts\": \"7404.00.30\", \"description\": \"copper scrap\", "
                + "\"adjusted_value\": 50000.00" + productExtra + "}, \"materials\": [" + materials + "]}";
    }

    @Test
    void scrapOfUsedGoodsCollectedInAPartyIsWhollyObtainedWhateverTheUsedGoodsOrigin() {
        // reported: copper scrap of used cable collected in Guatemala, declared wholly obtained, was refused — the cable
        // (made in China) was taken for a non-originating material and 7404's value-content rule failed (build-up 0 %)
        OriginVerdict v = check(copperScrap(", \"waste_and_scrap\": \"used-goods\", \"fit_only_for_recovery\": true", USED_CABLE));
        assertThat(v.qualifies()).isTrue();
        assertThat(v.rule()).isEqualTo("GN 29(c)(i)(J) waste and scrap");
        assertThat(v.citation()).isEqualTo("GN 29(c)(i)(J)");
        assertThat(v.reasons()).containsExactly(
                "copper scrap is declared waste and scrap derived from used goods collected in a party and fit only for the "
                        + "recovery of raw materials: wholly obtained (GN 29(c)(i)(J)), whatever the origin of the goods it "
                        + "came from (used copper cable collected in Guatemala (made in China)); no change of classification or "
                        + "value content is asked of them",
                "keep the evidence that the used goods were collected in a party and that they are fit only for the recovery "
                        + "of raw materials: used parts fit for reuse or refurbishing are not waste and scrap (CBP HQ H306340, "
                        + "DR-CAFTA)");
        assertThat(v.explanation()).startsWith("qualifies under GN 29(c)(i)(J) waste and scrap: copper scrap is declared");
    }

    @Test
    void scrapOfManufacturingInAPartyIsWhollyObtainedThoughItsInputsWereNot() {
        OriginVerdict v = check(copperScrap(", \"waste_and_scrap\": \"production\"",
                "{\"description\": \"copper rod of Chile\", \"hts\": \"7407.10.15\", \"value\": 45000.00, \"originating\": false, "
                        + "\"country\": \"CL\"}"));
        assertThat(v.qualifies()).isTrue();
        assertThat(v.rule()).isEqualTo("GN 29(c)(i)(J) waste and scrap");
        assertThat(v.reasons().get(0)).isEqualTo("copper scrap is declared waste and scrap derived from manufacturing or "
                + "processing operations in a party: wholly obtained (GN 29(c)(i)(J)), whatever the origin of the goods it came "
                + "from (copper rod of Chile); no change of classification or value content is asked of them");
    }

    @Test
    void usedGoodsNotFitOnlyForRecoveryAreNotWhollyObtainedAndTheRuleDecides() {
        OriginVerdict v = check(copperScrap(", \"waste_and_scrap\": \"used-goods\"", USED_CABLE));
        assertThat(v.qualifies()).isFalse();
        assertThat(v.rule()).isEqualTo("GN29n-ch74-r2");
        assertThat(v.reasons()).contains("declared waste and scrap of used goods collected in a party, but not fit only for "
                + "the recovery of raw materials (product.fit_only_for_recovery is not true): not wholly obtained under "
                + "GN 29(c)(i)(J) (used goods fit for reuse are not waste and scrap: CBP HQ H306340), so the product-specific "
                + "rule decides");
    }

    @Test
    void usedGoodsNotFitOnlyForRecoveryAreNotWhollyObtainedByTheBareDeclarationEither() {
        OriginVerdict v = check(copperScrap(", \"wholly_obtained\": true, \"waste_and_scrap\": \"used-goods\", "
                + "\"fit_only_for_recovery\": false", ""));
        assertThat(v.qualifies()).isFalse();
        assertThat(v.rule()).isEqualTo("GN 29(c)(i)(J) waste and scrap");
    }

    @Test
    void scrapDeclaredOnlyWhollyObtainedDoesNotPassWithoutSayingHow() {
        // reported: "wholly_obtained": true on copper scrap with no materials qualified as "declared wholly obtained" —
        // nothing said that scrap is wholly obtained only as GN 29(c)(i)(J) says
        OriginVerdict v = check(copperScrap(", \"wholly_obtained\": true", ""));
        assertThat(v.qualifies()).isFalse();
        assertThat(v.rule()).isEqualTo("GN 29(c)(i)(J) waste and scrap");
        String why = "declared wholly obtained, but 7404.00.30 is waste and scrap (HTS: Spent anodes; waste and scrap with a "
                + "copper content of less than 94 percent by weight): waste and scrap is wholly obtained only when derived from "
                + "manufacturing or processing operations in a party, or from used goods collected in a party and fit only for "
                + "the recovery of raw materials (GN 29(c)(i)(J)); say which in product.waste_and_scrap (\"production\", or "
                + "\"used-goods\" with product.fit_only_for_recovery)";
        assertThat(v.reasons()).containsExactly(why + ", or list the materials it was made of");
        assertThat(v.suggestions()).containsExactly("declare product.waste_and_scrap \"production\" (scrap of manufacturing or "
                + "processing in a party) or \"used-goods\" with product.fit_only_for_recovery true (used goods collected in a "
                + "party, fit only for the recovery of raw materials), when that is so (GN 29(c)(i)(J))",
                "list the materials the good was made of, for the product-specific rule to decide");
        // with its materials listed, the product-specific rule decides, and the reason says why the declaration did not
        OriginVerdict withMaterials = check(copperScrap(", \"wholly_obtained\": true", USED_CABLE));
        assertThat(withMaterials.qualifies()).isFalse();
        assertThat(withMaterials.rule()).isEqualTo("GN29n-ch74-r2");
        assertThat(withMaterials.reasons()).contains(why + ", so the product-specific rule decides");
    }

    @Test
    void anUnknownKindOfScrapOrAConditionWithoutItIsRefusedAtItsField() {
        lodestone.regime.RegimeInvalidException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                lodestone.regime.RegimeInvalidException.class, () -> BillOfMaterials.parse("bom.json",
                        "{\"product\": {\"hts\": \"7404.00.30\", \"adjusted_value\": 10,\n \"waste_and_scrap\": \"scrap\"}, \"materials\": []}"));
        assertThat(e.problems()).extracting(Object::toString).containsExactly("bom.json:2: product.waste_and_scrap: 'scrap' is "
                + "not known; expected \"production\" (waste and scrap of manufacturing or processing operations in a party) or "
                + "\"used-goods\" (of used goods collected in a party)", "bom.json:2: materials: empty; expected the materials "
                + "used to produce the good (only a wholly obtained good has none: set product.wholly_obtained)");
        e = org.assertj.core.api.Assertions.catchThrowableOfType(lodestone.regime.RegimeInvalidException.class,
                () -> BillOfMaterials.parse("bom.json", "{\"product\": {\"hts\": \"7404.00.30\", \"adjusted_value\": 10, "
                        + "\"wholly_obtained\": true,\n \"fit_only_for_recovery\": true}, \"materials\": []}"));
        assertThat(e.problems()).extracting(Object::toString).containsExactly("bom.json:2: product.fit_only_for_recovery: given "
                + "without product.waste_and_scrap; it is the condition on waste and scrap of used goods: declare "
                + "\"waste_and_scrap\": \"used-goods\" with it");
    }

    @Test
    void aMineralStillWhollyObtainedByTheBareDeclaration() {
        OriginVerdict v = check("{\"product\": {\"hts\": \"2617.10.00\", \"description\": \"antimony ore\", "
                + "\"adjusted_value\": 80, \"wholly_obtained\": true}, \"materials\": []}");
        assertThat(v.qualifies()).isTrue();
        assertThat(v.rule()).isEqualTo("GN 29(b)(i) wholly obtained");
    }

    @Test
    void wasteAndScrapDeclaredOfAGoodTheHtsDoesNotCallSoIsNotTakenAtItsWord() {
        OriginVerdict v = check("{\"product\": {\"hts\": \"7403.11.00\", \"description\": \"copper cathodes\", "
                + "\"adjusted_value\": 100, \"waste_and_scrap\": \"production\"}, \"materials\": []}");
        assertThat(v.qualifies()).isFalse();
        assertThat(v.reasons()).contains("declared waste and scrap, but the HTS does not describe 7403.11.00 as waste, scrap "
                + "or residues (Cathodes and sections of cathodes): GN 29(c)(i)(J) is not applied to it");
    }

    @Test
    void carbideScrapOfGuatemalaClaimedUnderCaftaDrEntersFree() {
        // reported: tungsten carbide (cermet) scrap of used inserts collected in Guatemala, claimed P with its bill, was
        // denied (change of chapter failed by the used inserts of 8113) and paid the 3.7 % general rate, $1,110.00
        Entry e = Entry.of("8113.00.00.00", "GT", LocalDate.of(2026, 8, 15), new BigDecimal("30000.00"), new BigDecimal("1000"),
                Units.KG).withPreference("P").withBom(new Entry.BillOfMaterialsRef("carbide.json", """
                {"agreement": "cafta-dr",
                 "product": {"hts": "8113.00.00", "description": "cermet scrap", "adjusted_value": 30000.00,
                             "waste_and_scrap": "used-goods", "fit_only_for_recovery": true},
                 "materials": [{"description": "used cermet inserts", "hts": "8113.00.00", "value": 25000.00,
                                "originating": false, "country": "SE"}]}"""));
        Assessment a = assessor.assess(e);
        assertThat(a.charges()).extracting(Assessment.Charge::id).containsExactly("special:P", "9903.05.40");
        assertThat(a.charges().get(0).amount()).isEqualByComparingTo("0.00");
        assertThat(a.totalDuty()).isEqualByComparingTo("3000.00");
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text()).startsWith("origin checked on the bill of materials: "
                + "qualifies — qualifies under GN 29(c)(i)(J) waste and scrap: cermet scrap is declared waste and scrap derived "
                + "from used goods collected in a party"));
        assertThat(a.warnings()).noneMatch(w -> w.startsWith("preference P not granted"));
        // the bulk engine checks the bill the same way
        Assessment bulk = assessor.assessBulk(e);
        assertThat(bulk.totalDuty()).isEqualByComparingTo(a.totalDuty());
        assertThat(bulk.warnings()).isEqualTo(a.warnings());
    }
}
