package lodestone.exposure.company;

import lodestone.border.Assessor;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.exposure.stockpile.Markets;
import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line's cost under a scenario is what its twelve months' purchases cost, not quantity × an average price first rounded
 * to 6 decimals: cobalt sulphate, 50,000 kg a year at 7.5 on a floor-linked contract (floor 8) to 2026-12-31, from
 * 2026-03-02 under a scenario that moves nothing — 10 months at the floor, 2 at 7.5:
 * 50,000 × (10 × 8 + 2 × 7.5) ÷ 12 = 50,000 × 95 ÷ 12 = 395,833.33 (by hand: 4,166.667 kg a month; 10 × 33,333.33 + 2 × 31,250).
 * It was 50,000 × 7.916667 = 395,833.35, and its duties with it: 1.4 % general 5,541.67 and 25 % Section 301
 * 98,958.33 (not 98,958.34): duty 104,500.00, landed 500,333.33 (FOB, no freight given), not 500,333.36.
 */
class ExactAverageCostTest {
    @Test
    void theGoodsCostIsTheMonthsCostNotTheRoundedAverageTimesTheQuantity() throws Exception {
        Regime regime = Regime.bundled();
        Assessor assessor = PreferenceOriginVerifier.assessorFor(regime);
        Company c = CompanyFile.parse("t.yaml", """
                company: T
                date: 2026-03-02
                sourcing:
                  - {id: co, origin: CN, hts: 2833.29.10.00, quantity: 50000, unit: kg, price: 7.5, production_regions: [CN-ZJ],
                     market: {scenario: cobalt, share: 0.6}, contract: f}
                contracts:
                  - {id: f, type: floor-linked, start: 2026-01-01, end: 2026-12-31, floor: 8}
                """, regime, b -> null);
        LocalDate d = LocalDate.of(2026, 3, 2);
        Exposure.Report r = Exposure.evaluate(c, d, assessor, List.of(new Exposure.Case("same", null, d, null, null)), new Markets(regime), false);
        Exposure.LineResult s = r.line("co", "same");
        assertThat(s.averagePrice()).isEqualByComparingTo("7.916667"); // shown rounded
        assertThat(s.goodsCost()).isEqualByComparingTo("395833.33");
        assertThat(s.customsValueUsd()).isEqualByComparingTo("395833.33");
        assertThat(s.duty()).isEqualByComparingTo("104500.00");
        assertThat(s.landedCost()).isEqualByComparingTo("500333.33");
        assertThat(r.totals().get("same")).isEqualByComparingTo("500333.33");
    }
}
