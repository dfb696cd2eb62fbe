package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Certified deliveries cross the market arc like any flow (docs/market-model.md, "Standards-based (certified) market
 * segment"): they count against the exporter's quota or ban and pay the arc's duty, levy and export tax, and the
 * totals collect them. Before, a certified lane ignored an export quota (a ban on N did not stop N's certified
 * shipments: the market solved at free-trade prices) and the duty it paid was missing from the tariff revenue.
 */
class CertifiedLaneTest {
    static final double TOL = 1e-9;

    static Equilibrium solve(String policies) throws ScenarioException {
        Equilibrium e = Equilibrium.solve(Scenario.parse(PolicyTwoRegionTest.MARKET + policies, "lanes.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        return e;
    }

    /**
     * N may export 10 t, 10 % of C's consumption must be certified output of N. The quota binds on everything N ships
     * to C: 10 t in all (the split between lane and market flow is free, the certified premium 0), so as under the
     * quota alone 120 − 2 p_C = 10 gives p_C = 55, 3 p_N − 80 = 10 gives p_N = 30, and the quota rent is
     * 55 − 5 − 30 = 20 on 10 t.
     */
    @Test
    void certifiedDeliveriesCountAgainstTheExportersQuota() throws Exception {
        Equilibrium e = solve("""
                policies:
                  - {type: export_quota, region: N, quantity: 10}
                  - {type: certified_segment, regions: [C], share: 0.1, suppliers: [N]}
                """);
        assertThat(e.price("C")).isCloseTo(55, within(TOL));
        assertThat(e.price("N")).isCloseTo(30, within(TOL));
        assertThat(e.flow("N", "C")).isCloseTo(10, within(TOL));
        assertThat(e.certifiedDelivery("N", "C")).isGreaterThanOrEqualTo(0.1 * e.consumption("C") - TOL);
        assertThat(e.certifiedPremium("C")).isCloseTo(0, within(TOL));
        assertThat(e.quotaRents()).isCloseTo(20 * 10, within(TOL));
    }

    /** A ban on N stops its certified shipments too: nothing leaves N. */
    @Test
    void aBanStopsCertifiedShipments() throws Exception {
        Equilibrium e = solve("""
                policies:
                  - {type: export_ban, region: N}
                  - {type: certified_segment, regions: [C], share: 0.1, suppliers: [N]}
                """);
        assertThat(e.flow("N", "C")).isCloseTo(0, within(TOL));
        assertThat(e.certifiedDelivery("N", "C")).isCloseTo(0, within(TOL));
        // with no certified supply C's consumers cannot buy at all: the premium prices C's demand out
        assertThat(e.consumption("C")).isCloseTo(0, within(TOL));
    }

    /**
     * A duty of 3 on N → C and 90 % of C's consumption certified output of N. C's own output is not certifiable and goes
     * to N (p_N = p_C + 5); the lane N → C costs p_N + 5 + 3 = p_C + 13, the premium κ = 13, C's consumers pay
     * p_C + 11.7 and buy d = 88.3 − p_C, 90 % of it on the lane. Balances: x_CN = p_C − 20 − 0.1 d and
     * 3 p_N − 80 + x_CN = 0.9 d give p_C = 34.66, d = 53.64, z = 48.276: the duty collected is 3 · 48.276.
     */
    @Test
    void aCertifiedLanePaysTheDutyAndTheRevenueCountsIt() throws Exception {
        Equilibrium e = Equilibrium.solve(Scenario.parse(PolicyTwoRegionTest.MARKET + """
                tariffs:
                  - {from: N, to: C, specific: 3}
                policies:
                  - {type: certified_segment, regions: [C], share: 0.9, suppliers: [N]}
                """, "lanes.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.price("C")).isCloseTo(34.66, within(TOL));
        assertThat(e.certifiedPremium("C")).isCloseTo(13, within(TOL));
        assertThat(e.consumption("C")).isCloseTo(53.64, within(TOL));
        assertThat(e.certifiedDelivery("N", "C")).isCloseTo(48.276, within(TOL));
        assertThat(e.tariffRevenue()).isCloseTo(3 * 48.276, within(1e-8));
    }
}
