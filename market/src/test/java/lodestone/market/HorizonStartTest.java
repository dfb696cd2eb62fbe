package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A path's first year is the market as written (growth counts from it, docs/market-model.md "Years"). A market of
 * reference_year 2025 given horizon 2030-2040 was read as the 2025 market in 2030 — five years of growth gone without a
 * word (demand growing 3 % a year: 2030's demand 1.03^5 = 1.159 times too low). The start must be the reference year.
 */
class HorizonStartTest {
    static final String MARKET = """
            scenario: start
            mineral: vanadium
            units: {quantity: t, price: USD/kg}
            reference_year: 2025
            reference_price: 10
            regions:
              - {id: CN, supply: {type: linear, intercept: 0, slope: 10}, demand: {type: linear, intercept: 200, slope: -10}}
            horizon:
              years: YEARS
              demand_growth: 0.03
            """;

    @Test
    void aPathThatDoesNotStartInTheReferenceYearIsRefused() {
        assertThatThrownBy(() -> Scenario.parse(MARKET.replace("YEARS", "2030-2040"), "start.yaml", lodestone.regime.Regime.bundled()))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactly(
                        "start.yaml:9: horizon.years: the path starts in 2030, but the market is of reference_year 2025; a path's"
                                + " first year is the market as written (growth counts from it), so start it in 2025 (years:"
                                + " 2025-2040) or write the market of 2030"));
    }

    @Test
    void aPathFromTheReferenceYearGrowsFromIt() throws Exception {
        PathResult p = MarketPath.run(Scenario.parse(MARKET.replace("YEARS", "2025-2030"), "start.yaml", lodestone.regime.Regime.bundled()));
        // 10p = 1.03^t·(200 − 10p)  →  p = 20·g/(1 + g), g = 1.03^t
        double g = Math.pow(1.03, 5);
        assertThat(p.value("price[CN]", 2025)).isCloseTo(10, within(1e-9));
        assertThat(p.value("price[CN]", 2030)).isCloseTo(20 * g / (1 + g), within(1e-6));
    }
}
