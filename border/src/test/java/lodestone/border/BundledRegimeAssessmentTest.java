package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled regime (data/regime) on real cases: the Section 122 examples of border.md, the
 * IEEPA→122 switch, Section 232 stacking, the US-content split, the forced-labour prohibition,
 * and the illustrative plurilateral floor.
 */
class BundledRegimeAssessmentTest {
    static Assessor law;
    static Assessor club;

    static Path regimeDir() {
        String root = System.getProperty("lodestone.root");
        return (root != null ? Path.of(root) : Path.of("..")).resolve("data/regime");
    }

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(regimeDir()));
        club = Assessor.compile(Regime.open(regimeDir().resolve("regime-plurilateral.yaml").toString()));
    }

    static Entry e(String hts, String origin, String date, String value, String kg) {
        return Entry.of(hts, origin, LocalDate.parse(date), new BigDecimal(value), new BigDecimal(kg), Units.KG);
    }

    static BigDecimal charged(Assessment a, String id) {
        return a.charges().stream().filter(c -> c.id().equals(id)).map(Assessment.Charge::amount).findFirst().orElse(null);
    }

    @Test
    void s122OneNonExemptLineEnteredInMarch2026() {
        Assessment a = law.assess(e("2805.12.00.00", "JP", "2026-03-02", "10000", "100"));
        assertThat(charged(a, "9903.03.01")).isEqualByComparingTo("1000.00");
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text())
                .startsWith("9903.03.01 10.00% × $10,000.00 = $1,000.00 [Proclamation of 2026-02-20"));
    }

    @Test
    void s122TwoNoSurchargeAfterItsEnd() {
        Assessment a = law.assess(e("2805.12.00.00", "JP", "2026-07-25", "10000", "100"));
        assertThat(charged(a, "9903.03.01")).isNull();
    }

    @Test
    void s122ThreeGoodsInTransitAreExempt() {
        Assessment a = law.assess(e("2805.12.00.00", "JP", "2026-02-26", "10000", "100").withLoadedDate(LocalDate.parse("2026-02-20")));
        assertThat(charged(a, "9903.03.01")).isNull();
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text()).contains("[9903.03.02]").contains("not charged"));
    }

    @Test
    void rareEarthCompoundsFromChinaBeforeAndAfterTheSwitch() {
        Assessment june2025 = law.assess(e("2846.90.80.90", "CN", "2025-06-01", "10000", "500"));
        assertThat(june2025.charges()).extracting(Assessment.Charge::id).containsExactly("general", "9903.01.24");
        assertThat(june2025.totalDuty()).isEqualByComparingTo("2370.00"); // 3.7 % + 20 % IEEPA (opioids)
        Assessment march2026 = law.assess(e("2846.90.80.90", "CN", "2026-03-02", "10000", "500"));
        assertThat(march2026.charges()).extracting(Assessment.Charge::id).containsExactly("general"); // 122-exempt
        assertThat(march2026.totalDuty()).isEqualByComparingTo("370.00");
        assertThat(march2026.effectiveRatePercent()).isEqualByComparingTo("3.70");
        assertThat(march2026.landedCost()).isEqualByComparingTo("10370.00");
    }

    @Test
    void section232DisplacesSection122OnTheMetalContentValue() {
        Assessment a = law.assess(e("7408.11.60.00", "CL", "2026-03-02", "10000", "1000").withMetalContentValue(new BigDecimal("8000")));
        assertThat(charged(a, "9903.78.01")).isEqualByComparingTo("4000.00");
        assertThat(charged(a, "9903.03.01")).isEqualByComparingTo("200.00"); // 10 % of 10,000 − 8,000
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text()).contains("less $8,000.00 charged under 9903.78.01"));
    }

    @Test
    void theReciprocalDutySparesTheUsContentFromTwentyPercent() {
        Assessment with = law.assess(e("2805.12.00.00", "VN", "2025-05-01", "10000", "100").withUsContentValue(new BigDecimal("3000")));
        assertThat(charged(with, "9903.01.25")).isEqualByComparingTo("700.00");
        Assessment below = law.assess(e("2805.12.00.00", "VN", "2025-05-01", "10000", "100").withUsContentValue(new BigDecimal("1500")));
        assertThat(charged(below, "9903.01.25")).isEqualByComparingTo("1000.00");
    }

    @Test
    void canadianCriticalMineralsPayTenPercentAndUsmcaGoodsNothing() {
        Assessment nickel = law.assess(e("7502.10.00.00", "CA", "2025-09-01", "10000", "1000"));
        assertThat(nickel.charges()).extracting(Assessment.Charge::id).containsExactly("general", "9903.01.13");
        assertThat(charged(nickel, "9903.01.13")).isEqualByComparingTo("1000.00");
        Assessment usmca = law.assess(e("7502.10.00.00", "CA", "2025-09-01", "10000", "1000").withPreference("S"));
        assertThat(usmca.totalDuty()).isEqualByComparingTo("0.00");
        assertThat(usmca.trail()).anySatisfy(t -> assertThat(t.text()).contains("[9903.01.14]"));
        // before the USMCA exemption took effect (2025-03-07) the claim did not help
        Assessment early = law.assess(e("7502.10.00.00", "CA", "2025-03-05", "10000", "1000").withPreference("S"));
        assertThat(charged(early, "9903.01.13")).isEqualByComparingTo("1000.00");
        // other Canadian goods: 35 % from 2025-08-01
        assertThat(charged(law.assess(e("2805.12.00.00", "CA", "2025-09-01", "10000", "100")), "9903.01.10")).isEqualByComparingTo("3500.00");
        assertThat(charged(law.assess(e("2805.12.00.00", "CA", "2025-07-31", "10000", "100")), "9903.01.10")).isEqualByComparingTo("2500.00");
    }

    @Test
    void aProducerOnTheUflpaListIsProhibitedWithNoDutyFigures() {
        Assessment a = law.assess(e("2846.90.80.90", "CN", "2026-03-02", "10000", "500")
                .withProducer("Xinjiang Zhongtai Chemical Co., Ltd."));
        assertThat(a.status()).isEqualTo(Assessment.Status.PROHIBITED);
        assertThat(a.totalDuty()).isNull();
        assertThat(a.charges()).isEmpty();
        assertThat(a.prohibitions()).singleElement().asString().startsWith("us-uflpa: goods of an entity on the UFLPA Entity List");
    }

    @Test
    void theIllustrativeFloorLeviesTheGapOnNonMemberOrigins() {
        Entry ndpr = e("2846.90.20.40", "CN", "2026-03-02", "60000", "1000")
                .withContent(new BigDecimal("1000"), Units.KG, "REO").withDocuments(Set.of("assay-certificate"));
        Assessment a = club.assess(ndpr);
        assertThat(charged(a, "pluri-floor-ndpr-oxide")).isEqualByComparingTo("50000.00"); // (110 − 60) × 1,000 kg
        assertThat(club.assess(ndpr.withDocuments(Set.of())).charges()).filteredOn(c -> c.id().equals("pluri-floor-ndpr-oxide"))
                .extracting(Assessment.Charge::amount).containsExactly(new BigDecimal("15000.00")); // fallback 25 %
        assertThat(charged(club.assess(e("2846.90.20.40", "JP", "2026-03-02", "60000", "1000")
                .withContent(new BigDecimal("1000"), Units.KG, "REO")), "pluri-floor-ndpr-oxide")).isNull(); // member
        Entry above = ndpr.withLineId("2");
        above = new Entry("2", above.hts(), "CN", above.entryDate(), new BigDecimal("120000"), "USD", above.quantity(), above.unit(),
                above.contents(), null, null, null, Set.of("assay-certificate"), null, null, null, null, null);
        assertThat(charged(club.assess(above), "pluri-floor-ndpr-oxide")).isEqualByComparingTo("0.00");
        // the law itself has no floor
        assertThat(charged(law.assess(ndpr), "pluri-floor-ndpr-oxide")).isNull();
    }

    @Test
    void unknownCodesAreRejectedWithTheNearestValidCodes() {
        EntryRejected r = org.assertj.core.api.Assertions.catchThrowableOfType(EntryRejected.class,
                () -> law.assess(e("2846.90.81", "CN", "2026-03-02", "10000", "500")));
        assertThat(r.field()).isEqualTo("hts");
        assertThat(r.reason()).isEqualTo("unknown HTS code '2846.90.81'; nearest valid codes: 2846.90.80, 2846.90.80.70, "
                + "2846.90.80.75, 2846.90.80.90");
    }

    @Test
    void aHeadingOrSubheadingIsRejectedNamingTheLinesUnderItInBothEngines() {
        // reported: "2846" was assessed at Section 122's 10 % (USD 1,000 on 10,000), which none of its lines pays
        // (2846.90.80 is outside Section 122's scope and pays 3.7 %; 2846.10.00 pays 5.5 %)
        for (String code : new String[]{"2846", "2805.19", "8505.11", "850511"}) {
            Entry e = e(code, "CN", "2026-03-02", "10000", "500");
            EntryRejected slow = org.assertj.core.api.Assertions.catchThrowableOfType(EntryRejected.class, () -> law.assess(e));
            EntryRejected bulk = org.assertj.core.api.Assertions.catchThrowableOfType(EntryRejected.class, () -> law.assessBulk(e));
            assertThat(slow).as(code).isNotNull();
            assertThat(bulk).as(code).isNotNull();
            assertThat(slow.field()).isEqualTo("hts");
            assertThat(bulk.field()).isEqualTo("hts");
            assertThat(bulk.reason()).isEqualTo(slow.reason());
        }
        EntryRejected r = org.assertj.core.api.Assertions.catchThrowableOfType(EntryRejected.class,
                () -> law.assess(e("2846", "CN", "2026-03-02", "10000", "500")));
        assertThat(r.reason()).startsWith("2846 is a heading, not a tariff line: rates and measures are set on its 8- and 10-digit "
                + "lines, and differ between them; declare the statistical line (10 digits), e.g. 2846.10.00.");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(EntryRejected.class,
                () -> law.assess(e("2805.19", "CN", "2026-03-02", "10000", "500"))).reason()).startsWith("2805.19 is a subheading, not a tariff line");
        // a subheading the schedule prints no row for (only 8505.11.00 and its lines) was "unknown HTS code '8505.11'"
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(EntryRejected.class,
                () -> law.assess(e("850511", "CN", "2026-03-02", "10000", "500"))).reason())
                .startsWith("8505.11 is a subheading, not a tariff line").contains("e.g. 8505.11.00.10");
        // an 8-digit rate line without its statistical suffix is still assessed, with the warning that says so
        Assessment eight = law.assess(e("2846.90.80", "CN", "2026-03-02", "10000", "500"));
        assertThat(eight.warnings()).anyMatch(w -> w.startsWith("2846.90.80 is not a declarable line"));
    }

    @Test
    void aConversionToDollarsIsInTheTrailWithItsRateAndSource() {
        // reported: EUR 20,000 was shown only as "Customs value $23,113.40"; the rate used was nowhere in the answer. The rate is
        // FRED's March 2026 average as the source quotes it, 0.8653 EUR per USD: 20,000 / 0.8653 = 23,113.371… (at the rounded
        // inversion 1.15567 USD per EUR it was $23,113.40, 3 cents more)
        Assessment a = law.assess(e("2504.10.10.00", "CN", "2026-03-02", "20000", "1000").withCurrency("EUR"));
        assertThat(a.customsValueUsd()).isEqualByComparingTo("23113.37");
        Assessment.TrailStep fx = a.trail().stream().filter(t -> t.id().equals("fx")).findFirst().orElseThrow();
        assertThat(fx.series()).isEqualTo('C'); // the first step of series C: the value the base rate is charged on
        assertThat(fx.outcome()).isEqualTo("converted");
        assertThat(fx.text()).startsWith("customs value EUR 20,000.00 ÷ 0.8653 EUR per USD (the monthly average for 2026-03")
                .endsWith(") = $23,113.37");
        // declared in dollars: no such step
        assertThat(law.assess(e("2504.10.10.00", "CN", "2026-03-02", "20000", "1000")).trail()).noneMatch(t -> t.id().equals("fx"));
    }

    @Test
    void aSanctionedOriginIsSaidInBothEnginesAndOnlyForItsLines() {
        // reported: antimony from North Korea was assessed at column 2 ($44) with no word that such imports are prohibited
        for (String origin : new String[]{"KP", "CU", "IR"}) {
            Entry e = e("2846.90.80.90", origin, "2026-03-02", "10000", "500");
            Assessment slow = law.assess(e);
            assertThat(slow.warnings()).as(origin).anyMatch(w -> w.contains("known gap sanctioned-origins")
                    && w.contains("Imports of goods of North Korea, Cuba and Iran are prohibited by US sanctions"));
            Assessment bulk = law.assessBulk(e);
            assertThat(bulk.warnings()).as(origin).isEqualTo(slow.warnings());
            assertThat(bulk.totalDuty()).isEqualByComparingTo(slow.totalDuty());
        }
        Entry cn = e("2846.90.80.90", "CN", "2026-03-02", "10000", "500");
        assertThat(law.assess(cn).warnings()).noneMatch(w -> w.contains("sanctioned-origins"));
        assertThat(law.assessBulk(cn).warnings()).noneMatch(w -> w.contains("sanctioned-origins"));
    }

    @Test
    void anAntiDumpingOrderNotModelledIsSaidOnItsLinesOnly() {
        // audit: no AD/CVD measure is bundled and none was said to be missing; silicon metal of China owed a deposit silently
        Entry cn = e("2804.69.10.00", "CN", "2026-03-02", "10000", "1000");
        Assessment slow = law.assess(cn);
        assertThat(slow.warnings()).filteredOn(w -> w.contains("known gap ad-")).containsExactly(
                "regime horizon: known gap ad-silicon-metal-china, not in these figures: the cash deposit of the anti-dumping order on "
                        + "silicon metal of China (A-570-806; not semiconductor grade).");
        assertThat(law.assessBulk(cn).warnings()).isEqualTo(slow.warnings());
        // the 2025 investigations from their initiation only; the general gap (no codes, no origins) is on no line
        assertThat(law.assess(e("2804.69.50.00", "NO", "2025-05-14", "10000", "1000")).warnings())
                .anyMatch(w -> w.contains("known gap ad-cvd-silicon-metal-2025"));
        assertThat(law.assess(e("2804.69.50.00", "NO", "2025-05-13", "10000", "1000")).warnings()).noneMatch(w -> w.contains("known gap ad-"));
        assertThat(law.assess(e("2804.69.50.00", "BR", "2026-03-02", "10000", "1000")).warnings()).noneMatch(w -> w.contains("known gap ad-"));
        assertThat(law.assess(e("2804.61.00.00", "CN", "2026-03-02", "10000", "1000")).warnings()).noneMatch(w -> w.contains("known gap ad-"));
        // anode graphite of China (spherical graphite, and lithium-ion cells whose anodes the scope covers): warned from the
        // preliminary countervailing duty determination's publication, not before, and not from another origin
        for (String code : List.of("3801.10.50.10", "2504.10.50.00", "3801.90.00.00", "8507.60.00.20")) {
            Entry anode = e(code, "CN", "2026-03-02", "10000", "1000");
            assertThat(law.assess(anode).warnings()).as(code).filteredOn(w -> w.contains("known gap ad-"))
                    .singleElement().asString().startsWith("regime horizon: known gap ad-cvd-active-anode-material-china, not in these figures: "
                            + "the cash deposits of the AD/CVD cases on anode-grade graphite of China").contains("A-570-194", "93.50 %");
            assertThat(law.assessBulk(anode).warnings()).as(code).isEqualTo(law.assess(anode).warnings());
        }
        assertThat(law.assess(e("3801.10.50.10", "CN", "2025-05-27", "10000", "1000")).warnings()).noneMatch(w -> w.contains("known gap ad-"));
        assertThat(law.assess(e("3801.10.50.10", "CN", "2025-05-28", "10000", "1000")).warnings()).anyMatch(w -> w.contains("known gap ad-cvd-active-anode"));
        assertThat(law.assess(e("3801.10.50.10", "KR", "2026-03-02", "10000", "1000")).warnings()).noneMatch(w -> w.contains("known gap ad-"));
        assertThat(law.assess(e("2504.10.10.00", "CN", "2026-03-02", "10000", "1000")).warnings()).noneMatch(w -> w.contains("known gap ad-"));
        // tungsten shot of China: the orders' final China-wide margin is said; tungsten bars (8101.99.10) are not in the scope
        assertThat(law.assess(e("8101.99.80.00", "CN", "2026-03-02", "10000", "1000")).warnings()).filteredOn(w -> w.contains("known gap ad-"))
                .singleElement().asString().startsWith("regime horizon: known gap ad-cvd-tungsten-shot-china").contains("201.32 %");
        assertThat(law.assess(e("8101.99.10.00", "CN", "2026-03-02", "10000", "1000")).warnings()).noneMatch(w -> w.contains("known gap ad-"));
    }

    static final String POLYSILICON_BEFORE = "document 's232-polysilicon-mip-documentation' is asked for only by "
            + "9903.45.33, 9903.45.34, 9903.45.35, 9903.45.36 (in force from 2026-12-04), not in force on 2026-03-02: declaring it changes nothing on that date";

    /**
     * Reported by the date review: a Section 301 exclusion's document (9903.88.69, exclusions extended to 2026-11-09) declared
     * on 2026-11-10 was charged the full List 3 duty without a word, the exclusion not even in the trail — as if the broker's
     * claim had been heard. The day before, the exclusion applies and nothing is said; the day after, the claim is said to
     * change nothing on that date, in both engines, in the same words.
     */
    @Test
    void aDeclaredDocumentWhoseMeasuresAreNotInForceOnTheDateIsSaidInBothEngines() {
        Entry last = e("2805.11.00.00", "CN", "2026-11-09", "10000", "100").withDocuments(Set.of("9903.88.69"));
        Entry after = e("2805.11.00.00", "CN", "2026-11-10", "10000", "100").withDocuments(Set.of("9903.88.69"));
        assertThat(law.assess(last).warnings()).noneMatch(w -> w.startsWith("document "));
        assertThat(law.assessBulk(last).warnings()).isEqualTo(law.assess(last).warnings());
        Assessment slow = law.assess(after);
        assertThat(slow.warnings()).filteredOn(w -> w.startsWith("document ")).containsExactly(
                "document '9903.88.69' is asked for only by 9903.88.69 (in force 2024-06-15 to 2026-11-09), not in force on 2026-11-10: "
                        + "declaring it changes nothing on that date");
        Assessment bulk = law.assessBulk(after);
        assertThat(bulk.warnings()).isEqualTo(slow.warnings());
        assertThat(bulk.totalDuty()).isEqualByComparingTo(slow.totalDuty()).isEqualByComparingTo("4280.00");
        // lines of the same documents on both dates, one after the other: each date answered as its own (the set's check is kept)
        assertThat(law.assessBulk(last).warnings()).noneMatch(w -> w.startsWith("document "));
        assertThat(law.assessBulk(after).warnings()).isEqualTo(slow.warnings());
    }

    @Test
    void aDeclaredDocumentNoMeasureAsksForIsSaidInBothEngines() {
        // reported: "bogus-doc" and "=1+1" were accepted as document codes without a word
        Entry e = e("2846.90.80.90", "CN", "2026-03-02", "10000", "500")
                .withDocuments(Set.of("s232-polysilicon-mip-documentation", "bogus-doc", "=1+1"));
        Assessment slow = law.assess(e);
        assertThat(slow.warnings()).filteredOn(w -> w.startsWith("document ")).containsExactly( // in code order, every run
                "document '=1+1' is not one that any measure of regime us-2026 asks for: declaring it changes nothing (a misspelt code?)",
                "document 'bogus-doc' is not one that any measure of regime us-2026 asks for: declaring it changes nothing (a misspelt code?)",
                POLYSILICON_BEFORE);
        Assessment bulk = law.assessBulk(e);
        assertThat(bulk.warnings()).isEqualTo(slow.warnings());
        assertThat(bulk.totalDuty()).isEqualByComparingTo(slow.totalDuty());
        // a known document alone, on a date its measure is in force: no such warning
        Entry poly = e("2846.90.80.90", "CN", "2026-12-04", "10000", "500").withDocuments(Set.of("s232-polysilicon-mip-documentation"));
        assertThat(law.assess(poly).warnings()).noneMatch(w -> w.startsWith("document "));
        assertThat(law.assessBulk(poly).warnings()).noneMatch(w -> w.startsWith("document "));
        // the floor's assay certificate: known to the plurilateral regime, nothing to the law
        Entry assay = e.withDocuments(Set.of("assay-certificate"));
        assertThat(club.assess(e("2846.90.20.40", "CN", "2026-03-02", "60000", "1000").withContent(new BigDecimal("1000"), Units.KG, "REO")
                .withDocuments(Set.of("assay-certificate"))).warnings()).noneMatch(w -> w.startsWith("document "));
        assertThat(law.assessBulk(assay).warnings()).isEqualTo(law.assess(assay).warnings()).anyMatch(w -> w.startsWith("document 'assay-certificate'"));
    }

    @Test
    void aKnownGapThatBearsOnTheLineIsAWarningInBothEngines() {
        // reported: aluminium of Russia was assessed at 61 % with no word of the 200 % Section 232 surcharge that the regime
        // lists as a known gap; a gap names codes (here 76) and may name origins (here RU)
        Entry ru = e("7601.10.60.40", "RU", "2026-03-02", "10000", "1000");
        Assessment slow = law.assess(ru);
        String gap = slow.warnings().stream().filter(w -> w.contains("known gap s232-russia-aluminium")).findFirst().orElseThrow();
        assertThat(gap).startsWith("regime horizon: known gap s232-russia-aluminium, not in these figures: The 200 % Section 232 surcharge");
        Assessment bulk = law.assessBulk(ru);
        assertThat(bulk.warnings()).isEqualTo(slow.warnings());
        assertThat(bulk.totalDuty()).isEqualByComparingTo(slow.totalDuty());
        // another origin, or a line outside chapter 76: no such warning; a gap that names no codes is never said on a line
        // (aluminium of chapter 76 on that date, its metal content not declared, is warned that Section 232 took the whole
        // value: BorderAuditTest)
        assertThat(law.assess(e("7601.10.60.40", "CN", "2026-03-02", "10000", "1000")).warnings()).noneMatch(w -> w.contains("known gap s232-russia"));
        assertThat(law.assessBulk(e("7601.10.60.40", "CN", "2026-03-02", "10000", "1000")).warnings()).noneMatch(w -> w.contains("known gap s232-russia"));
        assertThat(law.assess(e("2846.90.80.90", "RU", "2026-08-02", "10000", "500")).warnings()).noneMatch(w -> w.contains("known gap"));
        // aluminium waste and scrap of Russia is not an aluminium article or derivative (U.S. Note 19): the surcharge's gap was
        // said on it (reported by a scrap importer)
        Entry scrap = e("7602.00.00.95", "RU", "2026-08-02", "10000", "1000");
        assertThat(law.assess(scrap).warnings()).noneMatch(w -> w.contains("known gap s232-russia"));
        assertThat(law.assessBulk(scrap).warnings()).noneMatch(w -> w.contains("known gap s232-russia"));
        assertThat(law.assess(e("7616.99.51.60", "RU", "2026-08-02", "10000", "1000")).warnings())
                .anyMatch(w -> w.contains("known gap s232-russia-aluminium"));
    }

    @Test
    void aCountrysNameWhereItsCodeBelongsIsToldTheCode() {
        EntryRejected r = org.assertj.core.api.Assertions.catchThrowableOfType(EntryRejected.class,
                () -> law.assess(e("2846.90.80.90", "CHINA", "2026-03-02", "10000", "500")));
        assertThat(r.field()).isEqualTo("origin");
        assertThat(r.reason()).startsWith("unknown country of origin 'CHINA': that is the name of ").endsWith("write its ISO 3166 alpha-2 code CN");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(EntryRejected.class,
                () -> law.assess(e("2846.90.80.90", "XQ", "2026-03-02", "10000", "500"))).reason())
                .isEqualTo("unknown country of origin 'XQ'; expected an ISO 3166 alpha-2 code such as CN");
    }

    /**
     * A lawyer cites the exemption, not only the duty: a line carved out of a measure by a list of exemptions says which
     * list, with its legal home (the first comment line of the generated list: the annex, the U.S. note and the heading
     * to declare). It said only "is excluded from its product scope".
     */
    @Test
    void anExclusionNamesTheExemptionListAndItsHeading() {
        Assessment poly = law.assess(e("2804.61.00.00", "CN", "2026-12-04", "150000", "10000"));
        assertThat(poly.trail()).anySatisfy(t -> assertThat(t.text()).isEqualTo("9903.05.31 (Section 301 action on 60 economies "
                + "(forced labour), China) not applicable: 2804.61.00.00 is excluded from its product scope (excluded: 2804.61.00 on "
                + "generated/scopes/s301-fl-common-exempt.csv: Goods exempt from the Section 301 action on 60 economies without "
                + "condition (Annex Part A, U.S. Note 52(b), heading 9903.05.86).) [USTR Notice of Actions, Section 301 forced-labor "
                + "investigations (FR Doc 2026-15181, 91 FR 47318); Presidential Memorandum of 2026-07-23; HTS Chapter 99 U.S. Note 52, "
                + "2026-07-24]"));
        Assessment antimony = law.assess(e("8110.10.00.00", "GT", "2025-12-01", "100000", "10000"));
        assertThat(antimony.trail()).anySatisfy(t -> assertThat(t.text()).contains("8110.10.00.00 is excluded from its product "
                + "scope (excluded: 8110.10.00 on generated/scopes/ieepa-annex-ii-exempt.csv: Goods exempt from the IEEPA reciprocal "
                + "duties: HTS Chapter 99 U.S. Note 2(v)(iii)(a) (EO 14257 Annex II as amended; heading 9903.01.32), HTS 2026 "
                + "Revision 6.) [Executive Order 14257"));
        Assessment lioh = law.assess(e("2825.20.00.00", "AU", "2026-03-02", "100000", "5000"));
        assertThat(lioh.trail()).anySatisfy(t -> assertThat(t.text()).contains("2825.20.00.00 is excluded from its product scope "
                + "(excluded: 2825.20.00 on generated/scopes/s122-exempt.csv: Goods exempt from the Section 122 surcharge (Annex II "
                + "of the Proclamation of 2026-02-20; heading 9903.03.03, CBP CSMS #67844987).) [Proclamation of 2026-02-20"));
    }

    /**
     * The Section 122 surcharge cites the proclamation as published (91 FR 9339) and the HTS note that carries it (U.S.
     * Note 2(aa)), as the shared data's s122_exemption_rules.csv gives them; it cited only the proclamation's date and
     * CBP's message, which a lawyer cannot cite as the legal base.
     */
    @Test
    void section122CitesTheProclamationAsPublishedAndItsNote() {
        Assessment a = law.assess(e("2805.12.00.00", "JP", "2026-03-02", "10000", "100"));
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text()).isEqualTo("9903.03.01 10.00% × $10,000.00 = $1,000.00 "
                + "[Proclamation of 2026-02-20, Imposing a Temporary Import Surcharge to Address Fundamental International Payments "
                + "Problems (Trade Act of 1974, section 122; 91 FR 9339), para. 14; HTS Chapter 99 U.S. Note 2(aa); CBP CSMS #67844987]"));
    }
}
