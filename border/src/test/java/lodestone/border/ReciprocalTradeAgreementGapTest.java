package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The US-El Salvador and US-Guatemala Agreements on Reciprocal Trade (signed 2026-01-29/30) remove the reciprocal tariff
 * on the goods of their Annex I once in force; Annex I and the entry-into-force dates are in no source. An exporter's
 * nickel bars of El Salvador entered 2026-02-10 were charged the 10 % of 9903.01.25 without a word of the agreement
 * signed twelve days before (regime.yaml known gap us-gt-sv-art-reciprocal; the figures are unchanged).
 */
class ReciprocalTradeAgreementGapTest {
    static final String GAP = "regime horizon: known gap us-gt-sv-art-reciprocal, not in these figures: ";
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry bars(String origin, String entered) {
        return Entry.of("7505.12.10.00", origin, LocalDate.parse(entered), new BigDecimal("10000"), new BigDecimal("500"), Units.KG);
    }

    @Test
    void aLineOfElSalvadorOrGuatemalaBetweenSignatureAndTheEndOfTheReciprocalDutyIsWarned() {
        Assessment a = law.assess(bars("SV", "2026-02-10"));
        assertThat(a.totalDuty()).isEqualByComparingTo("1300.00"); // 3 % + 10 %, as before
        assertThat(a.warnings()).anyMatch(w -> w.startsWith(GAP) && w.contains("Annex I"));
        assertThat(law.assess(bars("SV", "2026-01-29")).warnings()).anyMatch(w -> w.startsWith(GAP));
        assertThat(law.assess(bars("GT", "2026-02-23")).warnings()).anyMatch(w -> w.startsWith(GAP));
        assertThat(law.assessBulk(bars("GT", "2026-02-23")).warnings()).anyMatch(w -> w.startsWith(GAP));
    }

    @Test
    void beforeSignatureAfterTheReciprocalDutyOrOfAnotherOriginItIsNot() {
        assertThat(law.assess(bars("SV", "2026-01-28")).warnings()).noneMatch(w -> w.startsWith(GAP));
        assertThat(law.assess(bars("GT", "2026-02-24")).warnings()).noneMatch(w -> w.startsWith(GAP));
        assertThat(law.assess(bars("HN", "2026-02-10")).warnings()).noneMatch(w -> w.startsWith(GAP));
    }
}
