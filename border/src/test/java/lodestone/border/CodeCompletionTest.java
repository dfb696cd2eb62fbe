package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A declared code the schedule completes to the one line below it: an 8-digit tariff line read as its only statistical
 * line is said (docs/bulk-format.md promises the warning; reported: 7408.11.60 was read as 7408.11.60.00 without a word), any
 * other completion is refused (reported: the 9-digit 284690809 was read as 2846.90.80.90). Both engines answer the same.
 */
class CodeCompletionTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry line(String hts) {
        return Entry.of(hts, "AU", LocalDate.parse("2026-03-02"), new BigDecimal("1000"), BigDecimal.ONE, Units.THOUSAND_M3);
    }

    @Test
    void anEightDigitTariffLineReadAsItsOnlyStatisticalLineIsSaid() {
        Assessment a = law.assess(line("2804.10.00"));
        assertThat(a.hts()).isEqualTo("2804.10.00.00");
        assertThat(a.warnings()).startsWith("2804.10.00 read as 2804.10.00.00, the only statistical line of that tariff line");
        assertThat(law.assessBulk(line("2804.10.00")).warnings()).isEqualTo(a.warnings());
        assertThat(law.assessBulk(line("2804.10.00")).totalDuty()).isEqualByComparingTo(a.totalDuty());
        // the code in full: nothing to say
        assertThat(law.assess(line("2804.10.00.00")).warnings()).noneMatch(w -> w.contains(" read as "));
        assertThat(law.assess(line("2804100000")).warnings()).noneMatch(w -> w.contains(" read as "));
    }

    @Test
    void anyOtherCompletionIsRefusedAtTheCode() {
        EntryRejected r = catchThrowableOfType(EntryRejected.class, () -> law.assess(line("284690809")));
        assertThat(r.field()).isEqualTo("hts");
        assertThat(r.reason()).isEqualTo("'284690809' has 9 digits; an HTS code has 10 (or 8 for a tariff line), e.g. 2846.90.80.90");
        EntryRejected b = catchThrowableOfType(EntryRejected.class, () -> law.assessBulk(line("284690809")));
        assertThat(b.reason()).isEqualTo(r.reason());
    }
}
