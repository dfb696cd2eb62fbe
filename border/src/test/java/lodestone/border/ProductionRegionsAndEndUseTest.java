package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static lodestone.border.BundledRegimeAssessmentTest.charged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The region prong of the UFLPA presumption (section 3(a): goods made wholly or in part in Xinjiang) and the end-use
 * exemptions of the Section 301 actions (Brazil, U.S. Note 50(a)(iv)-(v); 60 economies, 52(d)-(e)), on the bundled regime,
 * by both engines.
 */
class ProductionRegionsAndEndUseTest {
    static Assessor law;

    static final String UFLPA_LEGAL = "Uyghur Forced Labor Prevention Act (Pub. L. 117-78), section 3(a); 19 U.S.C. 1307, 2022-06-21";
    static final String XJ_REASON = "goods mined, produced or manufactured wholly or in part in the Xinjiang Uyghur Autonomous Region "
            + "are presumed made with forced labour and may not be entered (19 U.S.C. 1307; no de minimis)";
    static final String UNDECLARED = "production regions not declared: us-uflpa blocks goods made wholly or in part in CN-XJ "
            + "(Xinjiang Uyghur Autonomous Region); assessed as made in none of them — declare production_regions";

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry e(String hts, String origin) {
        return Entry.of(hts, origin, LocalDate.parse("2026-09-01"), new BigDecimal("10000"), new BigDecimal("100"), Units.KG);
    }

    /** Both engines give the same answer (the bulk path takes the fast path where it can). */
    static Assessment both(Entry entry) {
        Assessment a = law.assess(entry);
        assertThat(comparable(law.assessBulk(entry))).isEqualTo(comparable(a));
        return a;
    }

    /** What the bulk output is made of (no trail), amounts with their scale. */
    private static List<Object> comparable(Assessment a) {
        return java.util.Arrays.asList(a.lineId(), a.status(), a.hts(), a.origin(), a.date(), a.customsValueUsd().toPlainString(),
                a.charges().stream().map(c -> c.id() + "=" + c.amount().toPlainString() + " " + c.legalBase()).toList(),
                a.totalDuty() == null ? null : a.totalDuty().toPlainString(),
                a.effectiveRatePercent() == null ? null : a.effectiveRatePercent().toPlainString(),
                a.documentsRequired(), a.prohibitions(), a.warnings());
    }

    @Test
    void aChineseLineProducedInXinjiangIsBlockedWithTheStatutesReason() {
        Assessment a = both(e("2846.90.80.90", "CN").withProductionRegions(List.of("CN-XJ")));
        assertThat(a.status()).isEqualTo(Assessment.Status.PROHIBITED);
        assertThat(a.prohibitions()).containsExactly("us-uflpa: " + XJ_REASON + " [" + UFLPA_LEGAL + "]");
        assertThat(a.totalDuty()).isNull();
        assertThat(a.trail()).filteredOn(t -> t.id().equals("us-uflpa")).singleElement()
                .satisfies(t -> assertThat(t.text()).isEqualTo("us-uflpa prohibits entry: produced (wholly or in part) in CN-XJ "
                        + "(Xinjiang Uyghur Autonomous Region) → block: " + XJ_REASON + " [" + UFLPA_LEGAL + "]"));
        // in part: one region among others is enough
        assertThat(both(e("2846.90.80.90", "CN").withProductionRegions(List.of("CN-GS", "CN-XJ"))).status())
                .isEqualTo(Assessment.Status.PROHIBITED);
    }

    @Test
    void anExceptionTheCbpCommissionerDeterminedLiftsThePresumptionOnBothProngsAndTheTrailSaysWhy() {
        // UFLPA section 3(b): the presumption does not apply to goods CBP has determined an exception for (reported: the only
        // way to enter such goods was a footnote "exceptions are not modelled", and the line stayed prohibited)
        java.util.Set<String> exception = java.util.Set.of("uflpa-exception");
        Assessment xj = both(e("2846.90.80.90", "CN").withProductionRegions(List.of("CN-XJ")).withDocuments(exception));
        assertThat(xj.status()).isEqualTo(Assessment.Status.ASSESSED);
        assertThat(xj.prohibitions()).isEmpty();
        assertThat(xj.warnings()).noneMatch(w -> w.contains("uflpa-exception")); // a document a measure names: no "changes nothing"
        assertThat(xj.totalDuty()).isEqualByComparingTo(both(e("2846.90.80.90", "CN").withProductionRegions(List.of("CN-GS"))).totalDuty());
        assertThat(xj.trail()).filteredOn(t -> t.id().equals("us-uflpa")).singleElement().satisfies(t -> {
            assertThat(t.outcome()).isEqualTo("exempt");
            assertThat(t.text()).startsWith("us-uflpa (Uyghur Forced Labor Prevention Act — rebuttable presumption (producer on the UFLPA "
                    + "Entity List, or goods made wholly or in part in Xinjiang)) not applied: document uflpa-exception is presented → exempt: the CBP "
                    + "Commissioner has determined an exception for these goods (UFLPA section 3(b)");
            assertThat(t.text()).endsWith("within 30 days (section 3(c)) [" + UFLPA_LEGAL + "]");
        });
        Assessment listed = both(e("2846.90.80.90", "CN").withProducer("Xinjiang Zhongtai Chemical Co. Ltd.")
                .withProductionRegions(List.of("CN-GS")).withDocuments(exception));
        assertThat(listed.status()).isEqualTo(Assessment.Status.ASSESSED);
        // without it, the same lines stay prohibited
        assertThat(both(e("2846.90.80.90", "CN").withProducer("Xinjiang Zhongtai Chemical Co. Ltd.").withProductionRegions(List.of("CN-GS")))
                .status()).isEqualTo(Assessment.Status.PROHIBITED);
    }

    @Test
    void goodsOfAnotherOriginWithAnInputFromXinjiangAreBlockedToo() {
        Assessment a = both(e("2846.90.80.90", "VN").withProductionRegions(List.of("CN-XJ")));
        assertThat(a.status()).isEqualTo(Assessment.Status.PROHIBITED);
        assertThat(a.prohibitions()).singleElement().asString().startsWith("us-uflpa: goods mined, produced or manufactured");
    }

    @Test
    void theSameLineWithoutTheRegionIsAssessedAndAChineseLineDeclaringNoRegionIsWarned() {
        Assessment gansu = both(e("2846.90.80.90", "CN").withProductionRegions(List.of("CN-GS")));
        assertThat(gansu.status()).isEqualTo(Assessment.Status.ASSESSED);
        assertThat(gansu.totalDuty()).isEqualByComparingTo("370.00"); // general 3.7 %
        assertThat(gansu.warnings()).noneMatch(w -> w.startsWith("production regions"));
        assertThat(gansu.trail()).filteredOn(t -> t.id().equals("us-uflpa")).singleElement()
                .satisfies(t -> assertThat(t.outcome()).isEqualTo("not-applicable"));
        // not declared: assessed the same, and said to rest on that
        Assessment undeclared = both(e("2846.90.80.90", "CN"));
        assertThat(undeclared.status()).isEqualTo(Assessment.Status.ASSESSED);
        assertThat(undeclared.totalDuty()).isEqualByComparingTo("370.00");
        assertThat(undeclared.warnings()).containsExactly(UNDECLARED);
        assertThat(law.fastPathTakes(e("2846.90.80.90", "CN"))).as("the warning comes from the fast path too").isTrue();
        // a line of another origin declaring nothing is not warned (the presumption's inputs are not presumed)
        assertThat(both(e("2846.90.80.90", "VN")).warnings()).noneMatch(w -> w.startsWith("production regions"));
    }

    @Test
    void anUnknownRegionOrEndUseIsRefusedNamingTheField() {
        EntryRejected r = catchThrowableOfType(EntryRejected.class,
                () -> law.assess(e("2846.90.80.90", "CN").withProductionRegions(List.of("CN-XI"))));
        assertThat(r.field()).isEqualTo("production_regions");
        assertThat(r.reason()).isEqualTo("unknown production region 'CN-XI'; expected one of CN-AH, CN-BJ, CN-CQ, CN-FJ, CN-GD, "
                + "CN-GS, CN-GX, CN-GZ, CN-HA, CN-HB, CN-HE, CN-HI, CN-HL, CN-HN, CN-JL, CN-JS, CN-JX, CN-LN, CN-NM, CN-NX, CN-QH, "
                + "CN-SC, CN-SD, CN-SH, CN-SN, CN-SX, CN-TJ, CN-XJ, CN-XZ, CN-YN, CN-ZJ (ISO 3166-2)");
        EntryRejected vn = catchThrowableOfType(EntryRejected.class,
                () -> law.assessBulk(e("2846.90.80.90", "CN").withProductionRegions(List.of("VN-01"))));
        assertThat(vn.reason()).isEqualTo("unknown production region 'VN-01'; the regime us-2026 lists no region of VN; its regions are of CN");
        EntryRejected use = catchThrowableOfType(EntryRejected.class, () -> law.assessBulk(e("3917.21.00.00", "BR").withEndUse("space")));
        assertThat(use.field()).isEqualTo("end_use");
        assertThat(use.reason()).isEqualTo("unknown end use 'space'; expected one of civil-aircraft, pharmaceutical");
    }

    /** 3917.21.00 is on Brazil's civil-aircraft list (U.S. Note 50(a)(iv)) and Annex Part A's (52(d)). */
    @Test
    void theCivilAircraftEndUseExemptsBrazilianTubesFromBothSection301Duties() {
        Assessment without = both(e("3917.21.00.00", "BR"));
        assertThat(charged(without, "9903.05.01")).isEqualByComparingTo("2500.00");
        assertThat(charged(without, "9903.05.27")).isEqualByComparingTo("1250.00");
        assertThat(without.totalDuty()).isEqualByComparingTo("4060.00"); // + general 3.1 %
        // another end use than the list's: charged as without
        Assessment pharma = both(e("3917.21.00.00", "BR").withEndUse("pharmaceutical"));
        assertThat(pharma.totalDuty()).isEqualByComparingTo("4060.00");

        Assessment aircraft = both(e("3917.21.00.00", "BR").withEndUse("civil-aircraft"));
        assertThat(charged(aircraft, "9903.05.01")).isNull();
        assertThat(charged(aircraft, "9903.05.27")).isNull();
        assertThat(aircraft.totalDuty()).isEqualByComparingTo("310.00");
        assertThat(aircraft.trail()).filteredOn(t -> t.outcome().equals("exempt")).extracting(Assessment.TrailStep::text).containsExactly(
                "9903.05.01 (Section 301 duty on products of Brazil, 25 %, goods exempt only as civil aircraft articles for use in civil "
                        + "aircraft (General Note 6)) not charged: end use is civil-aircraft (civil aircraft articles for use in civil "
                        + "aircraft (HTSUS General Note 6)) → exempt: civil aircraft articles for use in civil aircraft (General Note 6), "
                        + "the declared end use (U.S. Note 50(a)(iv))",
                "9903.05.27 (Section 301 action on 60 economies (forced labour), Brazil, goods exempt only as civil aircraft articles "
                        + "for use in civil aircraft (General Note 6)) not charged: end use is civil-aircraft (civil aircraft articles for "
                        + "use in civil aircraft (HTSUS General Note 6)) → exempt: civil aircraft articles for use in civil aircraft "
                        + "(General Note 6), the declared end use (U.S. Note 52(d)) [9903.05.88]");
        assertThat(law.fastPathTakes(e("3917.21.00.00", "BR").withEndUse("civil-aircraft"))).isTrue();
    }

    /** 2804.10.00 (hydrogen) is on Brazil's pharmaceutical-use list (U.S. Note 50(a)(v)). */
    @Test
    void thePharmaceuticalEndUseExemptsOnlyTheGoodsOfItsList() {
        assertThat(charged(both(e("2804.10.00.00", "BR")), "9903.05.01")).isEqualByComparingTo("2500.00");
        assertThat(charged(both(e("2804.10.00.00", "BR").withEndUse("pharmaceutical")), "9903.05.01")).isNull();
        // a line on no end-use list: the end use changes nothing
        Assessment plain = both(e("2846.90.80.90", "BR"));
        Assessment declared = both(e("2846.90.80.90", "BR").withEndUse("pharmaceutical"));
        assertThat(declared.totalDuty()).isEqualByComparingTo(plain.totalDuty());
        // before the action, nothing to exempt
        Assessment july = both(e("2804.10.00.00", "BR").withDate(LocalDate.parse("2026-07-21")).withEndUse("pharmaceutical"));
        assertThat(charged(july, "9903.05.01")).isNull();
    }
}
