package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A curve's own {@code price:} in another unit than the file's (USD/t in a file of USD/kg) was read as a price 1,000
 * times the reference price: the isoelastic supply 82,000·(p/19,760)^0.3 gives 10,300 t at 19.76 USD/kg, so China's
 * output fell by seven eighths without a word. A calibration price a hundred times (or a hundredth of) the reference
 * price is refused, naming the unit.
 */
class CurvePriceUnitTest {
    static final String MARKET = """
            scenario: units
            mineral: vanadium
            units: {quantity: t, price: USD/kg}
            reference_price: 19.76
            regions:
              - id: CN
                supply: {type: isoelastic, quantity: 82000, elasticity: 0.3, price: PRICE}
                demand: {type: isoelastic, quantity: 82000, elasticity: -0.25}
            """;

    @Test
    void aCurvePriceInAnotherUnitIsRefusedWithTheUnitNamed() {
        assertThatThrownBy(() -> Scenario.parse(MARKET.replace("PRICE", "19760"), "units.yaml", lodestone.regime.Regime.bundled()))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactly(
                        "units.yaml:7: regions[0] (CN).supply.price: 19760 is 1,000 times reference_price 19.76; every price of"
                                + " the file is in USD/kg (units.price) — a price per t in a file of prices per kg is 1,000 times"
                                + " too large; a curve's price is its region's own price, which differs from the reference price"
                                + " by trade costs, not by a factor of 100 or more"));
        assertThatThrownBy(() -> Scenario.parse(MARKET.replace("PRICE", "0.01976"), "units.yaml", lodestone.regime.Regime.bundled()))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactly(
                        "units.yaml:7: regions[0] (CN).supply.price: 0.01976 is 1/1,000 of reference_price 19.76; every price of"
                                + " the file is in USD/kg (units.price) — a price per t in a file of prices per kg is 1,000 times"
                                + " too large; a curve's price is its region's own price, which differs from the reference price"
                                + " by trade costs, not by a factor of 100 or more"));
    }

    @Test
    void aCurvePriceWithinTradeCostsOfTheReferenceIsItsCalibrationPoint() throws Exception {
        Equilibrium e = Equilibrium.solve(Scenario.parse(MARKET.replace("PRICE", "19.46"), "units.yaml", lodestone.regime.Regime.bundled()));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        // 82,000·(p/19.46)^0.3 = 82,000·(p/19.76)^−0.25  →  p^0.55 = 19.46^0.3 · 19.76^0.25
        double p = Math.exp((0.3 * Math.log(19.46) + 0.25 * Math.log(19.76)) / 0.55);
        assertThat(e.price("CN")).isCloseTo(p, within(1e-6)); // the certificate: a balance within 1.71e-9 · 131,072 t
    }
}
