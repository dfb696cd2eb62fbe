package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Surplus changes are measured at the prices the curves respond to (docs/market-model.md, "Outputs"): consumers at
 * the price they pay (with a certified segment's share-weighted premium), producers at the price they receive (with
 * the certificate rent and the origin rent). Before, both were measured at the market price p_r: a certified segment
 * that raised what US consumers pay and cut what they consume was reported as a consumer gain of 119.69 and a
 * welfare gain of 10.63.
 */
class SurplusTest {
    static final double TOL = 1e-9;

    static Equilibrium solve(String text) throws ScenarioException {
        Equilibrium e = Equilibrium.solve(Scenario.parse(text, "surplus.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        return e;
    }

    /**
     * The two-region market of {@link PolicyTwoRegionTest} (free trade: p_C = 43, p_N = 38) with half of C's consumption
     * certified and only C's output certifiable: p_C = 40.9375, premium = rent = 6.875. C's consumers pay on average
     * 40.9375 + 0.5 · 6.875 = 44.375 and buy 55.625 (57 at free trade); C's producers receive 47.8125 and sell 27.8125.
     */
    /** No change is 0: the consumer surplus change of a market against itself printed -0.0 in the JSON answers. */
    @Test
    void noChangeIsZeroNotNegativeZero() throws Exception {
        Equilibrium ft = solve(PolicyTwoRegionTest.MARKET);
        for (String r : new String[]{"C", "N"}) {
            assertThat(Double.doubleToRawLongBits(ft.consumerSurplusChange(ft, r))).as(r).isEqualTo(Double.doubleToRawLongBits(0.0));
            assertThat(Double.doubleToRawLongBits(ft.producerSurplusChange(ft, r))).as(r).isEqualTo(Double.doubleToRawLongBits(0.0));
        }
    }

    @Test
    void aCertifiedSegmentIsMeasuredAtWhatConsumersPayAndProducersReceive() throws Exception {
        Equilibrium ft = solve(PolicyTwoRegionTest.MARKET);
        Equilibrium cs = solve(PolicyTwoRegionTest.MARKET + """
                policies:
                  - {type: certified_segment, regions: [C], share: 0.5, suppliers: [C]}
                """);
        assertThat(cs.consumption("C")).isCloseTo(55.625, within(TOL));
        // −∫_{43}^{44.375} (100 − p) dp
        assertThat(cs.consumerSurplusChange(ft, "C")).isCloseTo(-(57 + 55.625) / 2 * 1.375, within(TOL));
        // ∫_{43}^{47.8125} (p − 20) dp
        assertThat(cs.producerSurplusChange(ft, "C")).isCloseTo((23 + 27.8125) / 2 * 4.8125, within(TOL));
        // N has no segment: p_N = 35.9375 (C imports 27.8125 at p_N + 5)
        double pn = 40.9375 - 5;
        assertThat(cs.consumerSurplusChange(ft, "N")).isCloseTo((42 + 80 - pn) / 2 * (38 - pn), within(TOL));
        assertThat(cs.producerSurplusChange(ft, "N")).isCloseTo(pn * pn - 38 * 38, within(TOL));
        // the mandate is a distortion: the world loses (the premium consumers pay is the rent producers earn)
        double total = 0;
        for (String r : new String[]{"C", "N"}) total += cs.consumerSurplusChange(ft, r) + cs.producerSurplusChange(ft, r);
        assertThat(total).isCloseTo(-(57 + 55.625) / 2 * 1.375 + (23 + 27.8125) / 2 * 4.8125
                + (42 + 80 - pn) / 2 * (38 - pn) + pn * pn - 38 * 38, within(TOL)).isNegative();
    }

    private static String three(double duty) {
        return """
                scenario: three
                mineral: synthetic
                units: {quantity: t, price: USD/kg}
                reference_price: 30
                regions:
                  - {id: A, countries: [AR], supply: {type: fixed, quantity: 100}}
                  - {id: B, countries: [BR], supply: {type: fixed, quantity: 10}, demand: {type: linear, intercept: 60, slope: -1}}
                  - {id: C, countries: [CL], demand: {type: linear, intercept: 100, slope: -1}}
                transport:
                  default: none
                  arcs:
                    - {from: A, to: [B, C], cost: 1}
                    - {from: B, to: C, cost: 1}
                tariffs:
                  - {from: A, to: C, specific: %s}
                """.formatted(duty);
    }

    /**
     * A (100 t fixed) supplies B and C; B produces 10 t (fixed) and consumes 60 − p; C consumes 100 − p; freight 1 on
     * every arc. Without a duty: p_A = 24, p_B = p_C = 25, B uses its own output. With a duty of 10 on A → C, B ships its
     * own 10 t to C and imports from A for its own use (a swap): p_A = 19, p_B = 20, p_C = 30, and B's origin rent is
     * 30 − 1 − 20 = 9, so B's producers receive 29, not the market price 20: their surplus rises by 10 · (29 − 25) = 40.
     */
    @Test
    void theOriginRentIsPartOfWhatProducersReceive() throws Exception {
        Equilibrium free = solve(three(0));
        assertThat(free.price("A")).isCloseTo(24, within(TOL));
        assertThat(free.price("B")).isCloseTo(25, within(TOL));
        assertThat(free.price("C")).isCloseTo(25, within(TOL));
        Equilibrium duty = solve(three(10));
        assertThat(duty.price("A")).isCloseTo(19, within(TOL));
        assertThat(duty.price("B")).isCloseTo(20, within(TOL));
        assertThat(duty.price("C")).isCloseTo(30, within(TOL));
        assertThat(duty.flow("B", "C")).isCloseTo(10, within(TOL));
        assertThat(duty.originRent("B")).isCloseTo(9, within(TOL));
        assertThat(duty.producerPrice("B")).isCloseTo(29, within(TOL));
        assertThat(duty.producerSurplusChange(free, "B")).isCloseTo(40, within(TOL));
        assertThat(duty.producerSurplusChange(free, "A")).isCloseTo(100 * (19 - 24), within(TOL));
        // B's consumers pay the market price: −∫_{25}^{20} (60 − p) dp
        assertThat(duty.consumerSurplusChange(free, "B")).isCloseTo((35 + 40) / 2.0 * 5, within(TOL));
    }

    /**
     * The same swap with an ad valorem export tax of 10 % on B: B still ships its own 10 t to C, which pays
     * p_C = p_A + 11 = 30 = (p_B + λ_B)·1.1 + 1, so B's asking price p_B + λ_B is 29/1.1 = 26.36… and the tax
     * collected is 10 % of it on 10 t, 26.36…; before, the revenue was taken on p_B = 20 alone (20.00).
     */
    @Test
    void anAdValoremExportTaxIsCollectedOnTheAskingPriceWithItsOriginRent() throws Exception {
        Equilibrium e = solve(three(10) + "policies:\n  - {type: export_tax, region: B, ad_valorem: 0.1}\n");
        assertThat(e.price("B")).isCloseTo(20, within(TOL));
        assertThat(e.price("C")).isCloseTo(30, within(TOL));
        assertThat(e.flow("B", "C")).isCloseTo(10, within(TOL));
        assertThat(e.exportPrice("B")).isCloseTo(29 / 1.1, within(TOL));
        assertThat(e.exportTaxRevenue()).isCloseTo(0.1 * 29 / 1.1 * 10, within(TOL));
    }

    /**
     * A two-way contract settles against the market price: B's producers (supply π) receive the strike 10 plus their
     * origin rent. With the duty of 10 on A → C, B swaps (exports its output to C, imports from A): p_B = p_A + 1,
     * p_C = p_A + 11, λ_B = 9 whatever B produces, so B produces S(10 + 9) = 19 and (59 − p_A) + (89 − p_A − 19) = 100
     * gives p_A = 14.5, p_B = 15.5, p_C = 25.5; the contract pays (10 − 15.5)·19 = −104.5 (B pays back). Before, B's
     * supply saw the strike alone and produced 10.
     */
    @Test
    void aTwoWayContractKeepsTheOriginRentOnTopOfTheStrike() throws Exception {
        Equilibrium e = solve(three(10).replace("{id: B, countries: [BR], supply: {type: fixed, quantity: 10},",
                "{id: B, countries: [BR], supply: {type: linear, intercept: 0, slope: 1},")
                + "policies:\n  - {type: price_gap_subsidy, strike: 10, regions: [B], two_way: true}\n");
        assertThat(e.production("B")).isCloseTo(19, within(TOL));
        assertThat(e.price("A")).isCloseTo(14.5, within(TOL));
        assertThat(e.price("B")).isCloseTo(15.5, within(TOL));
        assertThat(e.price("C")).isCloseTo(25.5, within(TOL));
        assertThat(e.originRent("B")).isCloseTo(9, within(TOL));
        assertThat(e.producerPrice("B")).isCloseTo(19, within(TOL));
        assertThat(e.subsidyOutlay()).isCloseTo((10 - 15.5) * 19, within(TOL));
    }
}
