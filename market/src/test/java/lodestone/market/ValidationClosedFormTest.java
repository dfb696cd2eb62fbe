package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Independent validation (model review): a club member M (demand D = 200 − 10p, supply S_M = 5p) and a non-member N
 * (supply S_N = 10p, no demand), freight 1 on N → M. Every figure below is solved by hand.
 *
 * <p>Free trade: p_M = p_N + 1, 200 − 10p_M = 5p_M + 10(p_M − 1), so p_M = 8.4, p_N = 7.4 (D 116, S_M 42, S_N 74).
 */
class ValidationClosedFormTest {
    static final double TOL = 1e-9;

    static final String MARKET = """
            scenario: two-markets
            mineral: synthetic
            units: {quantity: t, price: USD/t}
            reference_price: 10
            club: [M]
            regions:
              - {id: M, countries: [US], supply: {type: linear, intercept: 0, slope: 5}, demand: {type: linear, intercept: 200, slope: -10}}
              - {id: N, countries: [CN], supply: {type: linear, intercept: 0, slope: 10}}
            transport: {default: 1}
            """;

    static Equilibrium solve(String text) throws ScenarioException {
        Equilibrium e = Equilibrium.solve(Scenario.parse(text, "two.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        return e;
    }

    @Test
    void freeTrade() throws Exception {
        Equilibrium e = solve(MARKET);
        assertThat(e.price("M")).isCloseTo(8.4, within(TOL));
        assertThat(e.price("N")).isCloseTo(7.4, within(TOL));
        assertThat(e.consumption("M")).isCloseTo(116, within(TOL));
        assertThat(e.production("M")).isCloseTo(42, within(TOL));
        assertThat(e.flow("N", "M")).isCloseTo(74, within(TOL));
    }

    /** Floor 12: members pay 12, D = 80, S_M = 60, imports 20 = S_N(p_N) so p_N = 2, levy 12 − 3 = 9, revenue 180. */
    @Test
    void bindingFloorByHand() throws Exception {
        Equilibrium base = solve(MARKET);
        Equilibrium e = solve(MARKET + "policies:\n  - {type: price_floor, floor: 12}\n");
        assertThat(e.price("M")).isCloseTo(12, within(TOL));
        assertThat(e.price("N")).isCloseTo(2, within(TOL));
        assertThat(e.consumption("M")).isCloseTo(80, within(TOL));
        assertThat(e.production("M")).isCloseTo(60, within(TOL));
        assertThat(e.flow("N", "M")).isCloseTo(20, within(TOL));
        assertThat(e.levy("N", "M")).isCloseTo(9, within(TOL));
        assertThat(e.levyRevenue()).isCloseTo(180, within(TOL));
        // ΔCS_M = −(116 + 80)/2·3.6 = −352.8; ΔPS = (42 + 60)/2·3.6 + (74 + 20)/2·(−5.4) = 183.6 − 253.8 = −70.2
        Equilibrium.Welfare w = e.welfareChange(base);
        assertThat(w.consumer()).isCloseTo(-352.8, within(1e-7));
        assertThat(w.producer()).isCloseTo(-70.2, within(1e-7));
        assertThat(w.government()).isCloseTo(180, within(1e-7));
        assertThat(w.total()).isCloseTo(-243.0, within(1e-7));
    }

    /** Floors at exactly the free-trade price (8.4) and below it change nothing and raise no levy. */
    @Test
    void floorAtAndBelowThePriceDoesNothing() throws Exception {
        for (String floor : new String[]{"8.4", "5"}) {
            Equilibrium e = solve(MARKET + "policies:\n  - {type: price_floor, floor: " + floor + "}\n");
            assertThat(e.price("M")).as(floor).isCloseTo(8.4, within(TOL));
            assertThat(e.price("N")).as(floor).isCloseTo(7.4, within(TOL));
            assertThat(e.levyRevenue()).as(floor).isCloseTo(0, within(TOL));
        }
    }

    /** One-way strike 10 to M's producers: S_M = 50, 200 − 10p = 50 + 10(p − 1), p = 8, subsidy 2 × 50 = 100. */
    @Test
    void oneWaySubsidyByHand() throws Exception {
        Equilibrium e = solve(MARKET + "policies:\n  - {type: price_gap_subsidy, strike: 10, regions: [M]}\n");
        assertThat(e.price("M")).isCloseTo(8, within(TOL));
        assertThat(e.producerPrice("M")).isCloseTo(10, within(TOL));
        assertThat(e.production("M")).isCloseTo(50, within(TOL));
        assertThat(e.subsidyPerUnit("M")).isCloseTo(2, within(TOL));
        assertThat(e.subsidyOutlay()).isCloseTo(100, within(1e-7));
    }

    /** Two-way strike 8: S_M = 40, 200 − 10p = 40 + 10(p − 1), p = 8.5 above the strike: producers repay 0.5 × 40 = 20. */
    @Test
    void twoWayContractPaysBackAboveTheStrike() throws Exception {
        Equilibrium e = solve(MARKET + "policies:\n  - {type: price_gap_subsidy, strike: 8, regions: [M], two_way: true}\n");
        assertThat(e.price("M")).isCloseTo(8.5, within(TOL));
        assertThat(e.production("M")).isCloseTo(40, within(TOL));
        assertThat(e.subsidyOutlay()).isCloseTo(-20, within(1e-7));
    }

    /**
     * A floor exactly at a member's step cost: M has a step of 50 t at cost 12 and demand 200 − p, N supplies 100·p_N
     * (free trade: p = 300/101 = 2.97, below the cost, so the step is idle). At a floor of 12 every output of the step in
     * [0, 50] is an equilibrium (the step is indifferent at its cost, imports 188 − y fill the rest at the same landed
     * price): the engine certifies one of them, and a floor a cent either side decides it (0 below, 50 above).
     * docs/market-model.md ("Uniqueness") says so.
     */
    @Test
    void aFloorExactlyAtAStepsCostLeavesItsOutputUndetermined() throws Exception {
        String market = """
                scenario: at-cost
                mineral: synthetic
                units: {quantity: t, price: USD/t}
                reference_price: 10
                club: [M]
                regions:
                  - {id: M, countries: [US], supply: {type: steps, steps: [{capacity: 50, cost: 12}]}, demand: {type: linear, intercept: 200, slope: -1}}
                  - {id: N, countries: [CN], supply: {type: linear, intercept: 0, slope: 100}}
                transport: {default: 1}
                policies:
                  - {type: price_floor, floor: %s}
                """;
        Equilibrium below = solve(market.formatted("11.99"));
        assertThat(below.price("M")).isCloseTo(11.99, within(TOL));
        assertThat(below.production("M")).isCloseTo(0, within(TOL));
        Equilibrium above = solve(market.formatted("12.01"));
        assertThat(above.production("M")).isCloseTo(50, within(TOL));
        assertThat(above.flow("N", "M")).isCloseTo(200 - 12.01 - 50, within(1e-7));
        Equilibrium at = solve(market.formatted("12"));
        assertThat(at.price("M")).isCloseTo(12, within(TOL));
        assertThat(at.production("M")).isBetween(-TOL, 50 + TOL);
        assertThat(at.production("M") + at.flow("N", "M")).isCloseTo(188, within(1e-7));
    }
}
