package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static lodestone.border.BundledRegimeAssessmentTest.charged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 232 steel, aluminium and their derivatives in the bundled regime, and the annex regime of
 * Proclamation 11021 from 2026-04-06 (which also restructures copper): the worked examples of issue 11.
 */
class Section232MetalsTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry e(String hts, String origin, String date) {
        return Entry.of(hts, origin, LocalDate.parse(date), new BigDecimal("10000"), new BigDecimal("1000"), Units.KG);
    }

    @Test
    void germanSteelInMarch2026OwesSection232AndNoSurcharge() {
        Assessment a = law.assess(e("7208.51.00.60", "DE", "2026-03-02"));
        assertThat(charged(a, "9903.81.87")).isEqualByComparingTo("5000.00");
        assertThat(charged(a, "9903.03.01")).isNull();
        assertThat(a.totalDuty()).isEqualByComparingTo("5000.00");
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text()).startsWith("9903.03.01 (Section 122")
                .contains("not charged: the whole customs value $10,000.00 is charged under a measure that displaces it, "
                        + "less $10,000.00 charged under 9903.81.87"));
    }

    @Test
    void steelAt25PercentFromMarch12AndNothingBefore() {
        assertThat(charged(law.assess(e("7208.51.00.60", "DE", "2025-04-01")), "9903.80.01")).isEqualByComparingTo("2500.00");
        assertThat(law.assess(e("7208.51.00.60", "DE", "2025-03-11")).charges()).extracting(Assessment.Charge::id)
                .doesNotContain("9903.80.01", "9903.81.87");
    }

    /**
     * British steel and aluminium articles keep 25 % from 2025-06-04, under the United Kingdom's headings of HTS 2026 — iron
     * or steel of U.S. Note 16(q) 9903.81.94, aluminium of 19(o) 9903.85.12 (the counterparts of 9903.81.87 and .85.02) —
     * as the entry files them; they were reported under the measures' ids (us-s232-steel-gb…).
     */
    @Test
    void britishSteelStaysAt25Percent() {
        assertThat(law.assess(e("7208.51.00.60", "GB", "2026-03-02")).charges())
                .filteredOn(c -> c.measureId().equals("us-s232-steel-gb")).singleElement()
                .satisfies(c -> assertThat(c.amount()).isEqualByComparingTo("2500.00"));
        assertThat(charged(law.assess(e("7208.51.00.60", "GB", "2026-03-02")), "9903.81.94")).isEqualByComparingTo("2500.00");
        assertThat(charged(law.assess(e("7306.30.50.56", "GB", "2026-03-02")), "9903.81.94")).isEqualByComparingTo("2500.00");
        assertThat(charged(law.assess(e("7601.10.30.00", "GB", "2026-03-02")), "9903.85.12")).isEqualByComparingTo("2500.00");
        assertThat(charged(law.assess(e("7208.51.00.60", "GB", "2026-05-01")), "9903.82.04")).isEqualByComparingTo("2500.00");
    }

    @Test
    void aSteelDerivativeIsChargedOnItsMetalContentAndTheRestPaysTheReciprocalDuty() {
        Assessment a = law.assess(Entry.of("8211.91.20.00", "CN", LocalDate.parse("2025-09-01"), new BigDecimal("10000"),
                new BigDecimal("100"), Units.NO).withMetalContentValue(new BigDecimal("4000")));
        assertThat(charged(a, "9903.81.91")).isEqualByComparingTo("2000.00"); // 50 % × $4,000
        assertThat(charged(a, "9903.01.25")).isEqualByComparingTo("600.00");  // 10 % × $6,000
        assertThat(charged(a, "9903.01.24")).isEqualByComparingTo("2000.00"); // IEEPA China stacks
    }

    @Test
    void fromApril2026SteelAndCopperPayTheAnnexRatesOnTheFullValue() {
        assertThat(charged(law.assess(e("7208.51.00.60", "DE", "2026-05-01")), "9903.82.02")).isEqualByComparingTo("5000.00");
        Assessment copper = law.assess(e("7408.11.60.00", "DE", "2026-05-01"));
        assertThat(charged(copper, "9903.82.02")).isEqualByComparingTo("5000.00");
        assertThat(charged(copper, "9903.78.01")).isNull();
        assertThat(copper.totalDuty()).isEqualByComparingTo("5300.00"); // 3 % + 50 %
    }

    @Test
    void annexThreeIsAnAllIn15PercentForNtrOriginsAnd25PercentForColumn2() {
        Assessment jp = law.assess(e("8207.30.30.20", "JP", "2026-05-01"));
        assertThat(charged(jp, "9903.82.10")).isEqualByComparingTo("930.00"); // 15 % − 5.7 %
        assertThat(jp.totalDuty()).isEqualByComparingTo("1500.00");
        Assessment ru = law.assess(e("8207.30.30.20", "RU", "2026-05-01"));
        assertThat(charged(ru, "9903.82.12")).isEqualByComparingTo("2500.00");
        assertThat(charged(ru, "9903.82.10")).isNull();
    }

    @Test
    void aLineListedInTwoAnnexesFollowsTheMoreSpecificListing() {
        // 7325.10 is in Annex I-B; 7325.10.00.10 is listed in Annex I-A
        Assessment a = law.assess(e("7325.10.00.10", "DE", "2026-05-01"));
        assertThat(a.charges()).extracting(Assessment.Charge::id).contains("9903.82.02").doesNotContain("9903.82.09");
    }

    /**
     * Annex III (an all-in 15 %) ends on 2027-12-31 and its goods take the Annex I-B rates from 2028-01-01
     * (Proclamation 11021 cl. (7); shared data tariffs_2026h2/s232_metals_regime_2026.csv). The regime ended Annex III
     * without the Annex I-B rates after it, so such goods paid no Section 232 duty from 2028.
     */
    @Test
    void annexIIIGoodsTakeTheAnnexIBRatesFrom2028() {
        Assessment last = law.assess(e("8428.39.00.00", "KR", "2027-12-31"));
        assertThat(charged(last, "9903.82.10")).isEqualByComparingTo("1500.00"); // 15 % all-in, column 1 free
        assertThat(charged(last, "9903.05.71")).isNull(); // Annex III is in U.S. Note 52(f)(1)
        Assessment next = law.assess(e("8428.39.00.00", "KR", "2028-01-01"));
        assertThat(charged(next, "9903.82.10")).isNull();
        assertThat(charged(next, "9903.82.09")).isEqualByComparingTo("2500.00");
        assertThat(charged(next, "9903.05.71")).isNull(); // as for Annex I-B (9903.82.09, in U.S. Note 52(f)(1)): carved out
        assertThat(next.totalDuty()).isEqualByComparingTo("2500.00");
        // Annex I-C's goods (in no source) also take the Annex I-B rates from 2028: the gap stays open and still warns
        assertThat(next.warnings()).anySatisfy(w -> assertThat(w).startsWith("regime horizon: known gap s232-annex-i-c, "));
        Assessment gb = law.assess(e("8428.39.00.00", "GB", "2028-01-01"));
        assertThat(charged(gb, "9903.82.05")).isEqualByComparingTo("1500.00");
        assertThat(gb.totalDuty()).isEqualByComparingTo("1500.00");
        Assessment ru = law.assess(e("8428.39.00.00", "RU", "2028-01-01")); // column 2: 25 % before and after
        assertThat(charged(law.assess(e("8428.39.00.00", "RU", "2027-12-31")), "9903.82.12")).isEqualByComparingTo("2500.00");
        assertThat(charged(ru, "9903.82.09")).isEqualByComparingTo("2500.00");
    }
}
