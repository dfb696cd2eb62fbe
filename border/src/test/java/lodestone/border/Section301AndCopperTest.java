package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import static lodestone.border.BundledRegimeAssessmentTest.charged;
import static org.assertj.core.api.Assertions.assertThat;

/** Section 301 (China) as the HTS text prints it, and copper's displacement of the reciprocal duties: issue 11's examples. */
class Section301AndCopperTest {
    static Assessor law;
    static Regime regime;

    @BeforeAll
    static void load() {
        regime = Regime.load(BundledRegimeAssessmentTest.regimeDir());
        law = Assessor.compile(regime);
    }

    static Entry e(String hts, String origin, String date) {
        return Entry.of(hts, origin, LocalDate.parse(date), new BigDecimal("10000"), new BigDecimal("100"), Units.KG);
    }

    @Test
    void medicalGlovesFromChinaPay100PercentUnder9903_91_08() {
        Assessment a = law.assess(Entry.of("4015.12.10.10", "CN", LocalDate.parse("2026-03-02"), new BigDecimal("10000"),
                new BigDecimal("100"), lodestone.regime.unit.Units.find("doz. prs.").orElseThrow()));
        assertThat(charged(a, "9903.91.08")).isEqualByComparingTo("10000.00");
        assertThat(regime.measure("us-s301-review-2026-gloves").orElseThrow().title()).contains("gloves");
    }

    @Test
    void faceMasksPay25PercentIn2025And50PercentFrom2026InsteadOfList4A() {
        Assessment y2025 = law.assess(e("6307.90.98.70", "CN", "2025-06-02"));
        assertThat(charged(y2025, "9903.91.04")).isEqualByComparingTo("2500.00");
        assertThat(charged(y2025, "9903.88.15")).isNull();
        Assessment y2026 = law.assess(e("6307.90.98.70", "CN", "2026-03-02"));
        assertThat(charged(y2026, "9903.91.07")).isEqualByComparingTo("5000.00");
        assertThat(charged(y2026, "9903.91.04")).isNull();
        assertThat(regime.measure("us-s301-review-2026-masks").orElseThrow().title()).contains("face masks");
    }

    @Test
    void aProductExclusionIsClaimedWithItsHeadingAndEndsOn2026_11_09() {
        Assessment without = law.assess(e("2805.11.00.00", "CN", "2025-06-02"));
        assertThat(charged(without, "9903.88.03")).isEqualByComparingTo("2500.00");
        Assessment with = law.assess(e("2805.11.00.00", "CN", "2025-06-02").withDocuments(Set.of("9903.88.69")));
        assertThat(charged(with, "9903.88.03")).isNull();
        assertThat(with.totalDuty()).isEqualByComparingTo("3530.00"); // 5.3 % + 20 % + 10 %
        Assessment after = law.assess(e("2805.11.00.00", "CN", "2026-11-10").withDocuments(Set.of("9903.88.69")));
        assertThat(charged(after, "9903.88.03")).isEqualByComparingTo("2500.00");
    }

    @Test
    void cranesGoFrom25To100PercentOn2026_11_10() {
        Entry crane = Entry.of("8426.19.00.00", "CN", LocalDate.parse("2026-11-09"), new BigDecimal("10000"), BigDecimal.ONE, Units.NO);
        assertThat(charged(law.assess(crane), "9903.92.10")).isEqualByComparingTo("2500.00");
        assertThat(charged(law.assess(crane.withDate(LocalDate.parse("2026-11-10"))), "9903.91.14")).isEqualByComparingTo("10000.00");
        assertThat(charged(law.assess(e("8716.90.50.10", "CN", "2026-11-10")), "9903.91.12")).isEqualByComparingTo("10000.00");
    }

    @Test
    void copperDisplacesTheEuReciprocalDutyOnItsContent() {
        Assessment a = law.assess(e("7408.11.60.00", "DE", "2025-08-15").withMetalContentValue(new BigDecimal("8000")));
        assertThat(charged(a, "9903.78.01")).isEqualByComparingTo("4000.00");
        assertThat(charged(a, "9903.02.20")).isEqualByComparingTo("240.00"); // (15 % − 3 %) × $2,000
        assertThat(a.totalDuty()).isEqualByComparingTo("4540.00");
    }
}
