package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Section 301 duty on products of Brazil (9903.05.01, 25 % from 2026-07-22) has an in-transit exemption, heading
 * 9903.05.02 (shared data tariffs_2026h2/s301_brazil_rules.csv: "goods in transit (one-week window)", loaded before the
 * effective date and entered shortly after; the exact window was not captured). The regime does not model it, and an
 * audit found the duty charged without a word: tungsten wire 8101.96.00.00 of Brazil, $10,000, loaded 2026-07-15 and
 * entered 2026-07-25, owed $2,500 under 9903.05.01 with no warning that the declared loading date might exempt it. The
 * gap is now declared (regime.yaml known-gaps, s301-brazil-in-transit) and warned on the lines of Brazil entered in the
 * window's week, 2026-07-22 to 2026-07-28; the figures are unchanged (the window's dates are in no source).
 */
class BrazilInTransitGapTest {
    static final String GAP = "regime horizon: known gap s301-brazil-in-transit, not in these figures: ";
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry wire(String origin, String entered) {
        return Entry.of("8101.96.00.00", origin, LocalDate.parse(entered), new BigDecimal("10000"), new BigDecimal("100"), Units.KG);
    }

    @Test
    void aBrazilianLineEnteredInTheWindowsWeekIsWarned() {
        Assessment a = law.assess(wire("BR", "2026-07-25").withLoadedDate(LocalDate.of(2026, 7, 15)));
        assertThat(a.charges()).extracting(Assessment.Charge::id).contains("9903.05.01");
        assertThat(a.totalDuty()).isEqualByComparingTo("2940.00"); // 4.4 % + 25 %, as before: only the warning is new
        assertThat(a.warnings()).anyMatch(w -> w.startsWith(GAP) && w.contains("9903.05.02"));
        // the bulk path says the same
        assertThat(law.assessBulk(wire("BR", "2026-07-25")).warnings()).anyMatch(w -> w.startsWith(GAP));
        assertThat(law.assess(wire("BR", "2026-07-22")).warnings()).anyMatch(w -> w.startsWith(GAP));
        assertThat(law.assess(wire("BR", "2026-07-28")).warnings()).anyMatch(w -> w.startsWith(GAP));
    }

    @Test
    void outsideTheWeekOrOfAnotherOriginItIsNot() {
        assertThat(law.assess(wire("BR", "2026-07-21")).warnings()).noneMatch(w -> w.startsWith(GAP));
        assertThat(law.assess(wire("BR", "2026-07-29")).warnings()).noneMatch(w -> w.startsWith(GAP));
        assertThat(law.assess(wire("AR", "2026-07-25")).warnings()).noneMatch(w -> w.startsWith(GAP));
    }
}
