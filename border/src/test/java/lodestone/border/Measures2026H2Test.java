package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static lodestone.border.BundledRegimeAssessmentTest.charged;
import static org.assertj.core.api.Assertions.assertThat;

/** The measures after July 2026: Section 301 on 60 economies, Section 301 Brazil, Section 338 Canada. */
class Measures2026H2Test {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry e(String hts, String origin, String date) {
        return Entry.of(hts, origin, LocalDate.parse(date), new BigDecimal("10000"), new BigDecimal("100"), Units.KG);
    }

    @Test
    void japanPaysUpToAnAllIn12Point5PercentFrom2026_07_24() {
        Assessment a = law.assess(e("2805.12.00.00", "JP", "2026-08-01"));
        assertThat(charged(a, "9903.05.49")).isEqualByComparingTo("950.00"); // 12.5 % − 3 %
        assertThat(a.totalDuty()).isEqualByComparingTo("1250.00");
        assertThat(charged(law.assess(e("2805.12.00.00", "JP", "2026-07-23")), "9903.05.49")).isNull();
    }

    @Test
    void aFlatRateStacksOnSection338ForCanadianLead() {
        Assessment a = law.assess(e("7801.10.00.00", "CA", "2026-09-01"));
        assertThat(charged(a, "9903.05.29")).isEqualByComparingTo("1000.00");
        assertThat(charged(a, "9903.03.14")).isEqualByComparingTo("5000.00");
        assertThat(charged(law.assess(e("7801.10.00.00", "CA", "2026-08-21")), "9903.03.14")).isNull();
    }

    /**
     * Goods subject to Section 232 were excluded from the Section 338 duties on Canada (9903.03.15) until 2026-09-14;
     * from 2026-09-15 the alcohol and 'motor vehicles' duties apply in addition to Section 232 (shared data
     * tariffs_2026h2/s338_canada_timeline.csv). 8422.90.91 is on the 'motor vehicles' list and in Annex I-B.
     */
    @Test
    void section232GoodsOnTheMotorVehiclesListPayTheSection338DutyOnlyFrom2026_09_15() {
        Assessment sept14 = law.assess(e("8422.90.91.95", "CA", "2026-09-14"));
        assertThat(charged(sept14, "9903.82.09")).isEqualByComparingTo("2500.00");
        assertThat(charged(sept14, "9903.05.29")).isNull(); // Annex I-B (9903.82.09) is in U.S. Note 52(f)(1)
        assertThat(charged(sept14, "9903.03.14")).isNull();
        assertThat(sept14.totalDuty()).isEqualByComparingTo("2500.00");
        assertThat(charged(law.assess(e("8422.90.91.95", "CA", "2026-08-22")), "9903.03.14")).isNull();
        Assessment sept15 = law.assess(e("8422.90.91.95", "CA", "2026-09-15"));
        assertThat(charged(sept15, "9903.03.14")).isEqualByComparingTo("5000.00");
        assertThat(sept15.totalDuty()).isEqualByComparingTo("7500.00");
        // the lists as modified from 2026-09-15 and the bans from 2026-09-29 are in no source: every Canadian line says so
        String gap = "regime horizon: known gap s338-canada-2026-09, not in these figures: Section 338 (Canada)";
        assertThat(sept15.warnings()).anySatisfy(w -> assertThat(w).startsWith(gap));
        assertThat(law.assess(e("2805.12.00.00", "CA", "2026-09-29")).warnings()).anySatisfy(w -> assertThat(w).startsWith(gap));
        assertThat(sept14.warnings()).noneSatisfy(w -> assertThat(w).startsWith(gap));
        assertThat(law.assess(e("8422.90.91.95", "MX", "2026-09-15")).warnings()).noneSatisfy(w -> assertThat(w).startsWith(gap));
        // goods of the list outside Section 232 pay it from its first day, 2026-08-22, as before
        assertThat(charged(law.assess(e("7801.10.00.00", "CA", "2026-08-22")), "9903.03.14")).isEqualByComparingTo("5000.00");
    }

    @Test
    void exemptGoodsAndSection232GoodsAreCarvedOut() {
        Assessment magnets = law.assess(e("8505.11.00.70", "CN", "2026-08-01")); // on the common exemption list
        assertThat(magnets.totalDuty()).isEqualByComparingTo("2710.00");
        assertThat(charged(magnets, "9903.05.31")).isNull();
        Assessment steel = law.assess(e("7208.51.00.60", "DE", "2026-08-01"));
        assertThat(charged(steel, "9903.82.02")).isEqualByComparingTo("5000.00");
        assertThat(charged(steel, "9903.05.39")).isNull();
        assertThat(steel.totalDuty()).isEqualByComparingTo("5000.00");
    }

    @Test
    void brazilPays25PercentPlusTheFlat12Point5() {
        Assessment a = law.assess(e("2805.12.00.00", "BR", "2026-08-01"));
        assertThat(charged(a, "9903.05.01")).isEqualByComparingTo("2500.00");
        assertThat(charged(a, "9903.05.27")).isEqualByComparingTo("1250.00");
    }
}
