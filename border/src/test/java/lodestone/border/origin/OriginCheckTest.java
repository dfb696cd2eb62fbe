package lodestone.border.origin;

import lodestone.regime.nomenclature.Nomenclature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static lodestone.border.origin.OriginFixtures.HTS;
import static lodestone.border.origin.OriginFixtures.bom;
import static lodestone.border.origin.OriginFixtures.bomWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked cases for every rule class of CAFTA-DR (HTSUS General Note 29) and their combinations,
 * against the committed rule file generated/origin/cafta-dr.yaml. Values are US dollars, adjusted
 * value 100 unless stated, so RVC percentages can be read off the material values.
 */
class OriginCheckTest {
    static OriginRules rules;

    @BeforeAll
    static void load() {
        rules = OriginFixtures.caftaDr();
    }

    static OriginVerdict check(String json) {
        return rules.check(BillOfMaterials.parse("bom.json", json), HTS);
    }

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void ruleFileLoadsEveryLiveRuleOfTheSource() {
        assertThat(rules.agreement()).isEqualTo("cafta-dr");
        assertThat(rules.ruleCount()).isEqualTo(198);
        assertThat(rules.hsBasis()).isEqualTo("HS2017");
        assertThat(rules.parties()).containsExactlyInAnyOrder("US", "CR", "DO", "SV", "GT", "HN", "NI");
        assertThat(rules.ruleIdFor("8110.90.00")).contains("GN29n-ch81-r29");
        assertThat(rules.ruleIdFor("2804.69.10")).contains("GN29n-ch28-r5");
    }

    @Nested
    class ChangeOfChapterOrRvcAntimony {
        @Test
        void antimonyFromNonOriginatingOreOfChapter26QualifiesByChangeOfChapter() {
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "antimony ore|2617.10.00|60.00|false", "local inputs|2846.90.80|38.00|true"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch81-r29 (A)");
            assertThat(v.citation()).isEqualTo("HTSUS 2025 Rev.7, General Note 29(n), Chapter 81, rule 29, alternative (A)");
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("38.00");
            assertThat(v.rvcBuildDown()).isEqualByComparingTo("40.00");
            assertThat(v.reasons().get(0)).isEqualTo("alternative A of GN29n-ch81-r29 met: change of chapter: every "
                    + "non-originating material meets it");
            assertThat(v.suggestions()).isEmpty();
            assertThat(v.gap()).isFalse();
        }

        @Test
        void antimonyFromUnwroughtAntimonyOfTheSameHeadingQualifiesByBuildUpRvc() {
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "unwrought antimony|8110.10.00|60.00|false", "local inputs|2617.10.00|38.00|true"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch81-r29 (B)");
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("38.00");
            assertThat(v.rvcBuildDown()).isEqualByComparingTo("40.00");
            assertThat(v.reasons().get(0)).isEqualTo("alternative B of GN29n-ch81-r29 met: build-up RVC 38.00 % ≥ 35 % "
                    + "(GN 29(f)(i)(B))");
        }

        @Test
        void antimonyFromUnwroughtAntimonyQualifiesByBuildDownWhenBuildUpFalls() {
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "unwrought antimony|8110.10.00|55.00|false", "local inputs|2617.10.00|20.00|true"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch81-r29 (B)");
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("20.00");
            assertThat(v.rvcBuildDown()).isEqualByComparingTo("45.00");
            assertThat(v.reasons().get(0)).isEqualTo("alternative B of GN29n-ch81-r29 met: build-down RVC 45.00 % ≥ 45 % "
                    + "(GN 29(f)(i)(A))");
        }

        @Test
        void antimonyBelowBothRvcThresholdsFailsAndSaysWhatWouldMakeItQualify() {
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "unwrought antimony|8110.10.00|60.00|false", "local inputs|2617.10.00|28.00|true"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.decision()).isEqualTo("does-not-qualify");
            assertThat(v.rule()).isEqualTo("GN29n-ch81-r29");
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("28.00");
            assertThat(v.rvcBuildDown()).isEqualByComparingTo("40.00");
            assertThat(v.reasons()).containsExactly(
                    "GN29n-ch81-r29 (A) not met: change of chapter: failed by unwrought antimony ($60.00, 60.00 % of the "
                            + "adjusted value, above the 10 % de minimis of GN 29(e)(i))",
                    "  unwrought antimony (8110.10.00, $60.00) is of chapter 81, the good's own chapter: alternative A "
                            + "requires a change from any other chapter",
                    "GN29n-ch81-r29 (B) not met: build-up RVC 28.00 % < 35 % (GN 29(f)(i)(B)) and build-down RVC "
                            + "40.00 % < 45 % (GN 29(f)(i)(A))");
            assertThat(v.suggestions()).containsExactly(
                    "for GN29n-ch81-r29 (A): source unwrought antimony (8110.10.00, $60.00) from an originating supplier",
                    "for GN29n-ch81-r29 (A): reduce the non-originating materials that fail the change (unwrought "
                            + "antimony) by $50.00, to $10.00 or less (10 % of the adjusted value), so that de minimis "
                            + "applies (GN 29(e)(i))",
                    "for GN29n-ch81-r29 (B): sourcing unwrought antimony (8110.10.00, $60.00) from an originating supplier "
                            + "raises build-up RVC from 28.00 % to 88.00 % and build-down RVC from 40.00 % to 100.00 % "
                            + "(≥ 35 % build-up or ≥ 45 % build-down needed)",
                    "for GN29n-ch81-r29 (B): at the same adjusted value, build-up needs $7.00 more originating materials, "
                            + "or build-down needs $5.00 less non-originating materials");
        }

        @Test
        void rvcSuggestionPicksTheSmallestMaterialThatIsEnough() {
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "unwrought antimony|8110.10.00|50.00|false", "antimony powder|8110.10.00|8.00|false",
                    "local inputs|2617.10.00|30.00|true"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("30.00");
            assertThat(v.rvcBuildDown()).isEqualByComparingTo("42.00");
            assertThat(v.suggestions()).contains("for GN29n-ch81-r29 (B): sourcing antimony powder (8110.10.00, $8.00) "
                    + "from an originating supplier raises build-up RVC from 30.00 % to 38.00 % and build-down RVC from "
                    + "42.00 % to 50.00 % (≥ 35 % build-up or ≥ 45 % build-down needed)");
        }
    }

    @Nested
    class DeMinimis {
        @Test
        void nonOriginatingMaterialFailingTheChangeQualifiesAtExactlyTenPercentOfAdjustedValue() {
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "unwrought antimony|8110.10.00|10.00|false", "antimony ore|2617.10.00|70.00|false",
                    "local inputs|2846.90.80|5.00|true"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch81-r29 (A)");
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("5.00");
            assertThat(v.rvcBuildDown()).isEqualByComparingTo("20.00");
            assertThat(v.reasons().get(0)).isEqualTo("alternative A of GN29n-ch81-r29 met: change of chapter by de "
                    + "minimis: the non-originating materials that fail it (unwrought antimony, $10.00) are 10.00 % of the "
                    + "adjusted value, within 10 % (GN 29(e)(i))");
        }

        @Test
        void aFractionOfACentAboveTenPercentIsSaidUnrounded() {
            // reported: "$10.00, 10.00 % ... above the 10 %" and "reduce ... by $0.00"
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "unwrought antimony|8110.10.00|10.004|false", "antimony ore|2617.10.00|70.00|false",
                    "local inputs|2846.90.80|5.00|true"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.reasons()).anySatisfy(r -> assertThat(r).contains("failed by unwrought antimony ($10.004, 10.00 % "
                    + "(10.004 % unrounded) of the adjusted value, above the 10 % de minimis"));
            assertThat(v.suggestions()).contains("for GN29n-ch81-r29 (A): reduce the non-originating materials that fail "
                    + "the change (unwrought antimony) by $0.004, to $10.00 or less (10 % of the adjusted value), so that "
                    + "de minimis applies (GN 29(e)(i))");
        }

        @Test
        void oneCentAboveTenPercentFailsAndTheSuggestionSaysByHowMuch() {
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "unwrought antimony|8110.10.00|10.01|false", "antimony ore|2617.10.00|70.00|false",
                    "local inputs|2846.90.80|5.00|true"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.suggestions()).contains("for GN29n-ch81-r29 (A): reduce the non-originating materials that fail "
                    + "the change (unwrought antimony) by $0.01, to $10.00 or less (10 % of the adjusted value), so that "
                    + "de minimis applies (GN 29(e)(i))");
        }

        @Test
        void deMinimisDoesNotRescueAFailedRvc() {
            // 8112.19: change of subheading AND RVC (35/45). The same-subheading material is within de minimis,
            // but the RVC is not met: the good does not qualify.
            OriginVerdict v = check(bom("8112.19.00", "100.00",
                    "beryllium articles|8112.19.00|5.00|false", "unwrought beryllium|8112.12.00|55.00|false",
                    "local inputs|2617.10.00|30.00|true"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("30.00");
            assertThat(v.rvcBuildDown()).isEqualByComparingTo("40.00");
            assertThat(v.reasons().get(0)).isEqualTo("GN29n-ch81-r33 not met: build-up RVC 30.00 % < 35 % (GN 29(f)(i)(B)) "
                    + "and build-down RVC 40.00 % < 45 % (GN 29(f)(i)(A))");
        }
    }

    @Nested
    class ChangeAndRvcTogether {
        @Test
        void changeOfSubheadingAndRvcBothMetQualifies() {
            OriginVerdict v = check(bom("8112.19.00", "100.00",
                    "unwrought beryllium|8112.12.00|50.00|false", "local inputs|2617.10.00|40.00|true"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch81-r33");
            assertThat(v.reasons().get(0)).isEqualTo("GN29n-ch81-r33 met: change of subheading: every "
                    + "non-originating material meets it; build-up RVC 40.00 % ≥ 35 % (GN 29(f)(i)(B))");
        }

        @Test
        void rvcMetButChangeOfSubheadingFailedDoesNotQualify() {
            OriginVerdict v = check(bom("8112.19.00", "100.00",
                    "beryllium articles|8112.19.00|20.00|false", "local inputs|2617.10.00|60.00|true"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("60.00");
            assertThat(v.reasons()).containsExactly(
                    "GN29n-ch81-r33 not met: change of subheading: failed by beryllium articles ($20.00, 20.00 % of the "
                            + "adjusted value, above the 10 % de minimis of GN 29(e)(i))",
                    "  beryllium articles (8112.19.00, $20.00) is of subheading 8112.19, the good's own: the rule requires "
                            + "a change from any other subheading");
        }
    }

    @Nested
    class ExceptionsGroupsAndOnlyFrom {
        @Test
        void nonOriginatingMaterialOfAnExceptedSubheadingFailsTheChange() {
            // GN29n-ch38-r2: 3801.20 from any other subheading, except from heading 2504 or subheading 3801.10
            OriginVerdict v = check(bom("3801.20.00", "100.00",
                    "natural graphite|2504.10.10|40.00|false", "mineral oil|2710.19.05|10.00|false"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.rule()).isEqualTo("GN29n-ch38-r2");
            assertThat(v.reasons()).contains("  natural graphite (2504.10.10, $40.00) is non-originating and of heading "
                    + "2504, which the rule excepts: such materials must be originating (GN 29(m)(ii))");
            assertThat(v.reasons()).noneMatch(r -> r.contains("mineral oil ("));
        }

        @Test
        void theSameExceptedMaterialQualifiesWhenOriginating() {
            OriginVerdict v = check(bom("3801.20.00", "100.00",
                    "natural graphite|2504.10.10|40.00|true", "mineral oil|2710.19.05|10.00|false"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch38-r2");
        }

        @Test
        void exceptionOfWholeChaptersAppliesToEveryHeadingInThem() {
            // GN29n-ch38-r26: 3825 from any other chapter, except from chapters 28 through 37, 40 or 90
            OriginVerdict v = check(bom("3825.61.00", "100.00", "chemical waste|2827.39.45|30.00|false"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.reasons()).contains("  chemical waste (2827.39.45, $30.00) is non-originating and of chapters "
                    + "28-37, which the rule excepts: such materials must be originating (GN 29(m)(ii))");
        }

        @Test
        void changeMustComeFromOutsideTheGroupNotMerelyAnotherSubheading() {
            // GN29n-ch28-r5: 2804.61-2804.69 from any other subheading outside that group (GN 29(m)(iv))
            OriginVerdict inside = check(bom("2804.61.00", "100.00", "silicon < 99.99 %|2804.69.10|50.00|false"));
            assertThat(inside.qualifies()).isFalse();
            assertThat(inside.reasons()).contains("  silicon < 99.99 % (2804.69.10, $50.00) is of subheading 2804.69, "
                    + "inside the group subheadings 2804.61-2804.69: the change must come from outside the group (GN 29(m)(iv))");
            OriginVerdict outside = check(bom("2804.61.00", "100.00", "selenium|2804.50.00|50.00|false"));
            assertThat(outside.qualifies()).isTrue();
            assertThat(outside.rule()).isEqualTo("GN29n-ch28-r5");
        }

        @Test
        void changeOfHeadingMustComeFromOutsideTheGroupOfHeadings() {
            // GN29n-ch72-r2: 7206-7207 from any heading outside that group
            OriginVerdict fromIngots = check(bom("7207.11.00", "100.00", "ingots|7206.10.00|60.00|false"));
            assertThat(fromIngots.qualifies()).isFalse();
            assertThat(fromIngots.reasons()).contains("  ingots (7206.10.00, $60.00) is of heading 7206, inside the group "
                    + "headings 7206-7207: the change must come from outside the group (GN 29(m)(iv))");
            OriginVerdict fromPigIron = check(bom("7207.11.00", "100.00", "pig iron|7201.10.00|60.00|false"));
            assertThat(fromPigIron.qualifies()).isTrue();
            assertThat(fromPigIron.rule()).isEqualTo("GN29n-ch72-r2");
        }

        @Test
        void onlyFromAlternativeAcceptsOnlyTheNamedSourceAndFlagsItsGoodsDescription() {
            // GN29n-ch38-r13: (A) CTH except from 2902.90; (B) mixed alkylbenzenes only from mixed alkylnaphthalenes of 3817
            OriginVerdict v = check(bom("3817.00.50", "100.00", "mixed alkylnaphthalenes|3817.00.10|50.00|false"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch38-r13 (B)");
            assertThat(v.reasons()).contains("alternative B applies only to mixed alkylbenzenes; the bill of materials "
                    + "does not say which goods of 3817.00 this is — confirm that the good is such a good");
            OriginVerdict fromBenzene = check(bom("3817.00.50", "100.00", "benzene|2902.90.90|50.00|false"));
            assertThat(fromBenzene.qualifies()).isFalse();
            assertThat(fromBenzene.reasons()).contains(
                    "  benzene (2902.90.90, $50.00) is non-originating and of subheading 2902.90, which alternative A "
                            + "excepts: such materials must be originating (GN 29(m)(ii))",
                    "  benzene (2902.90.90, $50.00) is not of heading 3817 (mixed alkylnaphthalenes), the only provisions "
                            + "alternative B allows non-originating materials from");
        }
    }

    @Nested
    class AlsoFrom {
        @Test
        void tungstenBarsMayBeMadeFromOtherGoodsOfTheirOwnSubheading() {
            // GN29n-ch81-r5 (A): bars, rods, … of 8101.99 from any other subheading or from any other good of 8101.99
            OriginVerdict v = check(bom("8101.99.10", "100.00", "other tungsten articles|8101.99.80|70.00|false"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch81-r5 (A)");
            assertThat(v.reasons()).contains("alternative A applies only to bars and rods (not obtained simply by "
                    + "sintering), profiles, plates, sheets, strip or foil; the bill of materials does not say which goods "
                    + "of 8101.99 this is — confirm that the good is such a good");
        }

        @Test
        void withoutAlsoFromTheSameSubheadingFailsTheChange() {
            // GN29n-ch81-r10: 8102.99 from any other subheading, no also-from
            OriginVerdict v = check(bom("8102.99.00", "100.00", "molybdenum articles|8102.99.00|70.00|false"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.reasons()).containsExactly(
                    "GN29n-ch81-r10 not met: change of subheading: failed by molybdenum articles ($70.00, 70.00 % of the "
                            + "adjusted value, above the 10 % de minimis of GN 29(e)(i))",
                    "  molybdenum articles (8102.99.00, $70.00) is of subheading 8102.99, the good's own: the rule requires "
                            + "a change from any other subheading");
        }
    }

    @Nested
    class ProcessRequirements {
        @Test
        void changeOfSubheadingAloneIsNotEnoughWhereTheRuleRequiresAChemicalReaction() {
            OriginVerdict v = check(bom("2825.90.90", "100.00", "antimony ore|2617.10.00|50.00|false"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.reasons()).contains("GN29n-ch28-r35 not met: requires a chemical reaction in a party, which the "
                    + "bill of materials does not declare (product.processes)");
            assertThat(v.suggestions()).contains("for GN29n-ch28-r35: perform a chemical reaction in a party and declare "
                    + "\"chemical-reaction\" in product.processes");
        }

        @Test
        void changeOfSubheadingAndDeclaredChemicalReactionQualifies() {
            OriginVerdict v = check(bomWith("2825.90.90", "100.00", ", \"processes\": [\"chemical-reaction\"]",
                    "antimony ore|2617.10.00|50.00|false"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch28-r35");
            assertThat(v.reasons().get(0)).isEqualTo("GN29n-ch28-r35 met: change of subheading: every "
                    + "non-originating material meets it; a chemical reaction in a party (declared)");
        }

        @Test
        void chemicalReactionConfersOriginOnAChapter28GoodEvenWithoutTheChange() {
            // GN 29(m)(vii)(A): in addition to the (n) rule
            OriginVerdict v = check(bomWith("2846.10.00", "100.00", ", \"processes\": [\"chemical-reaction\"]",
                    "cerium compounds|2846.90.80|70.00|false"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29-m-vii-A");
            assertThat(v.citation()).isEqualTo("GN 29(m)(vii)(A)");
        }

        @Test
        void purificationConfersOriginOnAChapter28Good() {
            OriginVerdict v = check(bomWith("2846.10.00", "100.00", ", \"processes\": [\"purification\"]",
                    "cerium compounds|2846.90.80|70.00|false"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29-m-vii-B");
        }

        @Test
        void changeByMereSeparationFromAManMadeMixtureConfersNoOriginUnlessAChemicalReactionTookPlace() {
            // GN 29(m)(vii)(G), chapters 28 and 38
            OriginVerdict plain = check(bom("2846.10.00", "100.00", "rare-earth metals|2805.30.00|70.00|false"));
            assertThat(plain.qualifies()).isTrue();
            assertThat(plain.rule()).isEqualTo("GN29n-ch28-r77");
            OriginVerdict separated = check(bomWith("2846.10.00", "100.00", ", \"separated_from_mixture\": true",
                    "rare-earth metals|2805.30.00|70.00|false"));
            assertThat(separated.qualifies()).isFalse();
            assertThat(separated.reasons().get(0)).isEqualTo("GN29n-ch28-r77 not met: the change of classification results "
                    + "only from separating the good out of a man-made mixture, which confers no origin unless the isolated "
                    + "material underwent a chemical reaction in a party (GN 29(m)(vii)(G))");
            OriginVerdict reacted = check(bomWith("2846.10.00", "100.00",
                    ", \"separated_from_mixture\": true, \"processes\": [\"chemical-reaction\"]",
                    "rare-earth metals|2805.30.00|70.00|false"));
            assertThat(reacted.qualifies()).isTrue();
            assertThat(reacted.rule()).isEqualTo("GN29n-ch28-r77");
        }

        @Test
        void chemicalProcessRulesDoNotApplyOutsideTheirChapters() {
            OriginVerdict v = check(bomWith("8110.90.00", "100.00", ", \"processes\": [\"chemical-reaction\"]",
                    "unwrought antimony|8110.10.00|70.00|false"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.reasons()).noneMatch(r -> r.contains("GN29-m-vii"));
        }
    }

    @Nested
    class WhollyObtainedExclusivelyOriginatingAccumulationSets {
        @Test
        void oreMinedInAPartyIsWhollyObtained() {
            OriginVerdict v = check("{\"product\": {\"hts\": \"2617.10.00\", \"description\": \"antimony ore\", "
                    + "\"adjusted_value\": 80, \"wholly_obtained\": true}, \"materials\": []}");
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN 29(b)(i) wholly obtained");
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("0.00");
            assertThat(v.rvcBuildDown()).isEqualByComparingTo("100.00");
        }

        @Test
        void aGoodDeclaredWhollyObtainedButUsingNonOriginatingMaterialsFallsToTheProductRule() {
            OriginVerdict v = check(bomWith("8110.90.00", "100.00", ", \"wholly_obtained\": true",
                    "unwrought antimony|8110.10.00|60.00|false", "local inputs|2617.10.00|38.00|true"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch81-r29 (B)");
            assertThat(v.reasons()).contains("declared wholly obtained, but it uses non-originating materials (unwrought "
                    + "antimony): a wholly obtained good has none, so the product-specific rule decides");
        }

        @Test
        void producedExclusivelyFromOriginatingMaterialsQualifiesWithoutARule() {
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "unwrought antimony|8110.10.00|60.00|true", "local inputs|2617.10.00|38.00|true"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN 29(b)(iii) produced exclusively from originating materials");
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("98.00");
            assertThat(v.rvcBuildDown()).isEqualByComparingTo("100.00");
        }

        @Test
        void materialsOriginatingInAnotherPartyCountAsOriginatingByAccumulation() {
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "unwrought antimony|8110.10.00|30.00|false|CN", "antimony concentrate|8110.10.00|40.00|true|HN"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN29n-ch81-r29 (B)");
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("40.00");
            assertThat(v.reasons()).contains("materials originating in any party count as originating wherever the good "
                    + "is produced in the parties (accumulation, GN 29(c)(iv)): antimony concentrate (HN)");
        }

        @Test
        void aNonOriginatingMaterialShippedFromAPartyIsNotAccumulatedButTheSuggestionSaysHowItCouldBe() {
            OriginVerdict v = check(bom("8110.90.00", "100.00",
                    "unwrought antimony|8110.10.00|60.00|false|GT", "local inputs|2617.10.00|28.00|true"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.rvcBuildUp()).isEqualByComparingTo("28.00");
            assertThat(v.suggestions()).contains("unwrought antimony comes from GT, a party: if its producer can show it is "
                    + "originating, it counts as an originating material (accumulation, GN 29(c)(iv))");
        }

        @Test
        void setQualifiesWhenNonOriginatingGoodsAreWithinFifteenPercent() {
            OriginVerdict v = check(bomWith("8505.11.00", "200.00", ", \"set\": true",
                    "magnet A|8505.11.00|170.00|true", "magnet B|8505.11.00|30.00|false"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.rule()).isEqualTo("GN 29(c)(v) sets");
            assertThat(v.reasons().get(0)).isEqualTo("the non-originating goods of the set (magnet B, $30.00) are 15.00 % "
                    + "of the set's adjusted value, within 15 % (GN 29(c)(v))");
        }

        @Test
        void setFailsAboveFifteenPercent() {
            OriginVerdict v = check(bomWith("8505.11.00", "200.00", ", \"set\": true",
                    "magnet A|8505.11.00|169.98|true", "magnet B|8505.11.00|30.02|false"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.suggestions()).containsExactly("reduce the non-originating goods of the set by $0.02, to $30.00 "
                    + "or less, or source them from originating suppliers");
        }
    }

    @Nested
    class Hs2017And2022Gap {
        @Test
        void cadmiumOfHs2022Subheading811261HasNoRuleAndTheNearestRulesAreNamed() {
            OriginVerdict v = check(bom("8112.61.00", "100.00", "zinc ore|2608.00.00|60.00|false"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.gap()).isTrue();
            assertThat(v.rule()).isEqualTo("none");
            // no rule applies: not decided, not "does not qualify" (the same as a chapter the file does not cover)
            assertThat(v.undecided()).isTrue();
            assertThat(v.decision()).isEqualTo("not-decided");
            assertThat(v.heading()).isEqualTo("NOT DECIDED (no rule names this HS 2022 code)");
            assertThat(v.reasons().get(0)).startsWith("8112.61 is an HS 2022 provision (cadmium moved from heading 8107 "
                    + "to 8112.61/8112.69 in HS 2022); the rules of HTSUS General Note 29 are numbered for HS2017. No rule "
                    + "names 8112.61; the nearest rules for the goods' HS2017 subheadings 8107.20-8107.90 are "
                    + "GN29n-ch81-r20 for subheading 8107.20");
            assertThat(v.reasons().get(0)).contains("GN29n-ch81-r21 for subheading 8107.30", "GN29n-ch81-r22 for "
                    + "subheading 8107.90").endsWith("Lodestone does not apply a rule written for other codes.");
        }

        @Test
        void heading3827NewInHs2022NamesTheRuleOfItsHs2017Subheadings() {
            OriginVerdict v = check(bom("3827.11.00", "100.00", "mineral oil|2710.19.05|60.00|false"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.gap()).isTrue();
            assertThat(v.reasons().get(0)).contains("the nearest rule for the goods' HS2017 subheadings 3824.71-3824.79 is "
                    + "GN29n-ch38-r25 for subheadings 3824.71-3824.99");
        }

        @Test
        void hafniumIsCoveredOnlyByTheRangeAsWrittenAndSaysSo() {
            OriginVerdict v = check(bom("8112.31.00", "100.00", "zirconium ore|2617.90.00|60.00|false"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.gap()).isTrue();
            assertThat(v.decision()).isEqualTo("qualifies");
            assertThat(v.rule()).isEqualTo("GN29n-ch81-r34 (A)");
            assertThat(v.reasons()).anyMatch(r -> r.startsWith("8112.31 is an HS 2022 provision (hafnium")
                    && r.contains("The rule GN29n-ch81-r34 covers 8112.31 only because its range subheadings "
                    + "8112.21-8112.59 as written spans it")
                    && r.contains("GN29n-ch81-r35 for subheading 8112.92"));
        }

        @Test
        void aGapGoodMadeOnlyFromOriginatingMaterialsStillQualifies() {
            OriginVerdict v = check(bom("8112.61.00", "100.00", "zinc ore|2608.00.00|60.00|true"));
            assertThat(v.qualifies()).isTrue();
            assertThat(v.gap()).isTrue();
            assertThat(v.rule()).isEqualTo("GN 29(b)(iii) produced exclusively from originating materials");
        }

        @Test
        void everyHs2022SubheadingOfTheCoveredChaptersHasARuleOrANamedPredecessorRule() throws Exception {
            // every six-digit code of HS 2022 (generated/hs-2022.csv) in the chapters and headings the rule file covers
            List<String> codes = new ArrayList<>();
            for (String line : Files.readAllLines(OriginFixtures.repoRoot().resolve("data/regime/generated/hs-2022.csv"))) {
                String digits = line.split(",", 2)[0];
                if (digits.matches("\\d{6}") && rules.covers().stream().anyMatch(digits::startsWith)) {
                    codes.add(digits.substring(0, 4) + "." + digits.substring(4));
                }
            }
            assertThat(codes).hasSize(749);
            List<String> lines = new ArrayList<>(codes);
            lines.add("0101.21.00");
            Nomenclature hs = OriginFixtures.nomenclature(lines.toArray(String[]::new));
            List<String> gaps = new ArrayList<>();
            for (String code : codes) {
                OriginVerdict v = rules.check(BillOfMaterials.parse("b.json", bom(code, "100", "horse|0101.21.00|50|false")), hs);
                if (v.rule().equals("none")) {
                    gaps.add(code);
                    assertThat(v.gap()).as(code).isTrue();
                    assertThat(v.reasons().get(0)).as(code).contains("the nearest rule").doesNotContain("none in");
                }
            }
            assertThat(gaps).hasSize(29).contains("3827.11", "8103.91", "8109.21", "8109.99", "8112.61", "8112.69");
        }

        @Test
        void zirconiumSplitByHafniumContentInHs2022NamesTheHs2017Rule() {
            OriginVerdict v = check(bom("8109.21", "100.00", "zirconium ore|2615.10.00|60.00|false"));
            assertThat(v.gap()).isTrue();
            assertThat(v.reasons().get(0)).contains("the nearest rule for the goods' HS2017 subheading 8109.20 is "
                    + "GN29n-ch81-r26 for subheading 8109.20");
        }

        @Test
        void aChapterOutsideTheRuleFileIsReportedAsNotCoveredNotAsAGap() {
            OriginVerdict v = check(bom("8471.30.01", "100.00", "batteries|8507.60.00|60.00|false"));
            assertThat(v.qualifies()).isFalse();
            assertThat(v.gap()).isFalse();
            assertThat(v.rule()).isEqualTo("none");
            assertThat(v.reasons().get(0)).startsWith("no rule of origin for HTS 8471.30.01 in the cafta-dr rule file, "
                    + "which covers chapter 25, chapter 26, chapter 28");
        }
    }

    @Test
    void describeShowsAlternativesRequirementsProcessRulesAndDeMinimis() {
        assertThat(rules.describe("8110.90")).containsExactly(
                "8110.90: GN29n-ch81-r29 — HTSUS 2025 Rev.7, General Note 29(n), Chapter 81, rule 29",
                "  source text begins: \"(A) A change to heading 8110 from any other chapter, or (B) No change in tariff "
                        + "classification is required, provided that there is a regional value content of n\"",
                "  (A) change of chapter",
                "  or (B) RVC ≥ 35 % build-up or ≥ 45 % build-down",
                "  de minimis: non-originating materials that fail a change of classification may total 10 % of the "
                        + "adjusted value (GN 29(e)(i))");
        assertThat(rules.describe("2825.90")).contains(
                "  change of subheading AND a chemical reaction in a party",
                "  or GN29-m-vii-A: a chemical reaction in a party (GN 29(m)(vii)(A))");
        assertThat(rules.describe("8112.61.00").get(0)).isEqualTo("8112.61: no product-specific rule in the cafta-dr rule file");
        assertThat(rules.describe("8112.61.00").get(1)).startsWith("  HS 2017/2022 gap: 8112.61 is an HS 2022 provision (cadmium");
        assertThat(rules.describe("8471.30")).containsExactly("8471.30: no product-specific rule in the cafta-dr rule file, "
                + "which covers chapter 25, chapter 26, chapter 28, chapter 38, chapter 72, chapter 74, chapter 75, "
                + "chapter 76, chapter 78, chapter 79, chapter 80, chapter 81, heading 8505, heading 8507",
                "  de minimis: non-originating materials that fail a change of classification may total 10 % of the "
                        + "adjusted value (GN 29(e)(i))");
        // reported: denim trousers (6203.42) were told the de minimis by value, which GN 29(e) does not give textile goods
        assertThat(rules.describe("6203.42").get(1)).isEqualTo("  de minimis: not by value for a textile or apparel good "
                + "(chapters 50-63): GN 29(d) counts the non-originating fibres and yarns of the component that determines its "
                + "classification by weight (not modelled)");
    }

    @Test
    void rvcIsComparedExactlyAndOnlyRoundedForDisplay() {
        // 104.99 / 300 = 34.9966… %: displayed 35.00, yet below 35 %
        OriginVerdict v = check(bom("8110.90.00", "300.00",
                "unwrought antimony|8110.10.00|190.00|false", "local inputs|2617.10.00|104.99|true"));
        assertThat(v.rvcBuildUp()).isEqualByComparingTo("35.00");
        assertThat(v.qualifies()).isFalse();
        assertThat(v.reasons()).contains("GN29n-ch81-r29 (B) not met: build-up RVC 35.00 % (34.9967 % unrounded) < 35 % (GN 29(f)(i)(B)) "
                + "and build-down RVC 36.67 % < 45 % (GN 29(f)(i)(A))");
    }
}
