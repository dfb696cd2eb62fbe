package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The welfare change by account, checked against closed forms derived by hand (docs/market-model.md, "Outputs"; tolerance
 * 1e-9 in thousand USD, the solver being exact on linear curves).
 *
 * <p>Two regions, no freight: H (home) with demand D = 120 − p and supply S = p; F (foreign) with supply S = p and no
 * demand. Free trade: p = 40 in both, H consumes 80, produces 40 and imports 40 from F.
 */
class WelfareAccountsTest {
    static final double TOL = 1e-9;

    static final String BASE = """
            scenario: two-regions
            mineral: synthetic
            units: {quantity: t, price: USD/kg}
            reference_price: 40
            regions:
              - {id: H, countries: [US], supply: {type: linear, intercept: 0, slope: 1}, demand: {type: linear, intercept: 120, slope: -1}}
              - {id: F, countries: [CN], supply: {type: linear, intercept: 0, slope: 1}}
            transport: {default: 0}
            """;

    static Equilibrium solve(String text) throws ScenarioException {
        Equilibrium e = Equilibrium.solve(Scenario.parse(text, "two.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        return e;
    }

    /**
     * A floor of 50 for the club [H] by the common levy: p_H = 50 (D 70, S 50, imports 20), p_F = 20, levy 30 on 20 t
     * = 600; ΔCS_H = −(80 + 70)/2·10 = −750, ΔPS_H = (40 + 50)/2·10 = 450, ΔPS_F = −(40 + 20)/2·20 = −600, ΔW = −300 =
     * −½·30·20 (the wedge times the imports lost). An offtake of 10 t F → H at 35 leaves every price and quantity as
     * they are (it replaces 10 t of the levied trade), so the welfare change must stay −300: the levy now collects only
     * 30·10 = 300, and the other 300 is the contract's margin (p_H − p_F)·10, shared by the buyer ((p_H − 35)·10 = 150)
     * and the seller ((35 − p_F)·10 = 150). Before, the margin was counted nowhere ("offtake transfers net out"): −600.
     */
    @Test
    void anOfftakeThatEscapesTheLevyKeepsItsMarginInTheWelfareChange() throws Exception {
        Equilibrium base = solve(BASE);
        String floor = BASE + "club: [H]\npolicies:\n  - {type: price_floor, floor: 50}\n";
        Equilibrium f = solve(floor);
        Equilibrium o = solve(floor + "  - {type: offtake, from: F, to: H, quantity: 10, price: 35}\n");
        for (Equilibrium e : new Equilibrium[]{f, o}) {
            assertThat(e.price("H")).isCloseTo(50, within(TOL));
            assertThat(e.price("F")).isCloseTo(20, within(TOL));
            assertThat(e.consumption("H")).isCloseTo(70, within(TOL));
        }
        assertThat(f.welfareChange(base).total()).isCloseTo(-300, within(TOL));
        assertThat(o.levyRevenue()).isCloseTo(300, within(TOL));
        assertThat(o.offtakeTransfers()).isCloseTo((35 - 50) * 10, within(TOL));
        assertThat(o.welfareChange(base).total()).isCloseTo(-300, within(TOL));
    }
}
