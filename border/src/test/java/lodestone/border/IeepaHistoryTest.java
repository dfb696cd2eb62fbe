package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static lodestone.border.BundledRegimeAssessmentTest.charged;
import static org.assertj.core.api.Assertions.assertThat;

/** The IEEPA history of 2025 for refund work: China's escalation, Brazil, India, the 15 % all-in framework floors. */
class IeepaHistoryTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry e(String hts, String origin, String date) {
        return Entry.of(hts, origin, LocalDate.parse(date), new BigDecimal("10000"), new BigDecimal("100"), Units.KG);
    }

    @Test
    void chinaPaid125PercentInsteadOfTheBaselineFromApril10ToMay13() {
        Assessment april = law.assess(e("2906.11.00.00", "CN", "2025-04-15"));
        assertThat(charged(april, "9903.01.63")).isEqualByComparingTo("12500.00");
        assertThat(charged(april, "9903.01.25")).isNull();
        assertThat(charged(law.assess(e("2906.11.00.00", "CN", "2025-04-09")), "9903.01.63")).isEqualByComparingTo("8400.00");
        Assessment may = law.assess(e("2906.11.00.00", "CN", "2025-05-14"));
        assertThat(charged(may, "9903.01.63")).isNull();
        assertThat(charged(may, "9903.01.25")).isEqualByComparingTo("1000.00");
    }

    @Test
    void switzerlandPaysThe15PercentAllInFromNovember14() {
        Assessment before = law.assess(e("2906.11.00.00", "CH", "2025-11-13"));
        assertThat(charged(before, "9903.02.58")).isEqualByComparingTo("3900.00");
        Assessment after = law.assess(e("2906.11.00.00", "CH", "2025-11-14"));
        assertThat(charged(after, "9903.02.83")).isEqualByComparingTo("1290.00"); // 15 % − 2.1 %
        assertThat(charged(after, "9903.02.58")).isNull();
    }

    @Test
    void japanHasTheAllInFloorFromAugust7AndBrazilAndIndiaTheirSurcharges() {
        assertThat(charged(law.assess(e("2906.11.00.00", "JP", "2025-08-07")), "9903.02.73")).isEqualByComparingTo("1290.00");
        assertThat(charged(law.assess(e("2906.11.00.00", "BR", "2025-09-01")), "9903.01.77")).isEqualByComparingTo("4000.00");
        assertThat(charged(law.assess(e("2906.11.00.00", "IN", "2025-09-01")), "9903.01.84")).isEqualByComparingTo("2500.00");
        assertThat(charged(law.assess(e("2906.11.00.00", "IN", "2025-08-26")), "9903.01.84")).isNull();
    }

    /**
     * The 15 % all-in top-up on the non-US content only: 15 % less the base rate, on that content. Calcium 2805.12 from
     * Japan (general 3 %), $10,000 with $3,000 of US content: (15 % − 3 %) × $7,000 = $840.00 — not 15 % × $7,000 less
     * the base duty on the whole value ($1,050 − $300 = $750, as was charged). The same on the explaining and bulk paths.
     */
    @Test
    void theAllInTopUpOnTheNonUsContentSubtractsTheBaseDutyOnThatContentOnly() {
        Entry jp = e("2805.12.00.00", "JP", "2026-02-10").withUsContentValue(new BigDecimal("3000"));
        Assessment a = law.assess(jp);
        assertThat(charged(a, "general")).isEqualByComparingTo("300.00");
        assertThat(charged(a, "9903.02.73")).isEqualByComparingTo("840.00");
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text()).contains("base duty $210.00"));
        assertThat(charged(law.assessBulk(jp), "9903.02.73")).isEqualByComparingTo("840.00");
        // without US content (or below the 20 % share) nothing changes: 15 % − 3 % on the whole value
        assertThat(charged(law.assess(e("2805.12.00.00", "JP", "2026-02-10")), "9903.02.73")).isEqualByComparingTo("1200.00");
        Entry small = e("2805.12.00.00", "JP", "2026-02-10").withUsContentValue(new BigDecimal("1000"));
        assertThat(charged(law.assessBulk(small), "9903.02.73")).isEqualByComparingTo("1200.00");
    }

    @Test
    void section122ExemptsCaftaDrTextilesAndNamesTheUsmcaHeadings() {
        Entry tee = Entry.of("6109.10.00.12", "GT", LocalDate.parse("2026-03-02"), new BigDecimal("10000"), new BigDecimal("100"),
                Units.find("doz.").orElseThrow());
        assertThat(charged(law.assess(tee.withPreference("P")), "9903.03.01")).isNull();
        assertThat(law.assess(tee.withPreference("P")).trail()).anySatisfy(t -> assertThat(t.text()).contains("[9903.03.09]"));
        assertThat(charged(law.assess(tee), "9903.03.01")).isEqualByComparingTo("1000.00");
        Assessment usmca = law.assess(e("2805.12.00.00", "CA", "2026-03-02").withPreference("S"));
        assertThat(charged(usmca, "9903.03.01")).isNull();
        assertThat(usmca.trail()).anySatisfy(t -> assertThat(t.text()).contains("[9903.03.07 (Canada) / 9903.03.08 (Mexico)]"));
    }
}
