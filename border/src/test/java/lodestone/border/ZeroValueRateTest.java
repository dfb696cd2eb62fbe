package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A duty owed on a customs value of 0 (charged on the content, not the value) has no effective rate: reported, it was
 * given as 0.00 %. Both engines answer the same (the fast path leaves such a line to the explaining one).
 */
class ZeroValueRateTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry molybdenum(String value) {
        return Entry.of("2613.10.00.00", "CL", LocalDate.parse("2026-03-02"), new BigDecimal(value), new BigDecimal("10000"), Units.KG)
                .withContent(new BigDecimal("5500"), Units.find("kg").orElseThrow(), "Mo");
    }

    @Test
    void aDutyOnAValueOfZeroHasNoRateAndTheWarningSaysWhy() {
        Assessment a = law.assess(molybdenum("0"));
        assertThat(a.status()).isEqualTo(Assessment.Status.ASSESSED);
        assertThat(a.totalDuty()).isEqualByComparingTo("704.00"); // 5,500 kg Mo × 12.8 ¢/kg
        assertThat(a.effectiveRatePercent()).isNull();
        assertThat(a.warnings()).contains("no effective rate: a duty of $704.00 is owed on a customs value of $0.00 (charged on quantity or content)");
        Assessment bulk = law.assessBulk(molybdenum("0"));
        assertThat(bulk.effectiveRatePercent()).isNull();
        assertThat(bulk.warnings()).isEqualTo(a.warnings());
        // with a value, its rate as before; nothing owed on nothing is 0.00 %
        Assessment valued = law.assess(molybdenum("100000"));
        assertThat(valued.effectiveRatePercent()).isEqualByComparingTo(valued.totalDuty().movePointRight(2)
                .divide(new BigDecimal("100000"), 2, java.math.RoundingMode.HALF_UP));
        Assessment free = law.assess(Entry.of("2846.90.80.90", "AU", LocalDate.parse("2026-03-02"), BigDecimal.ZERO, BigDecimal.ONE, Units.KG));
        assertThat(free.totalDuty()).isEqualByComparingTo("0");
        assertThat(free.effectiveRatePercent()).isEqualByComparingTo("0.00");
        assertThat(free.warnings()).noneMatch(w -> w.startsWith("no effective rate"));
    }

    @Test
    void anEntryOfSuchALineHasNoRateEither() {
        EntryAssessment e = EntryAssessment.assess(law, List.of(molybdenum("0").withLineId("1")));
        assertThat(e.totalDuty()).isEqualByComparingTo("704.00");
        assertThat(e.effectiveRatePercent()).isNull();
        assertThat(e.warnings()).contains("line 1: no effective rate: a duty of $704.00 is owed on a customs value of $0.00 (charged on quantity or content)");
    }
}
