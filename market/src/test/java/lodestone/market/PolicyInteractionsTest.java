package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Instruments together on POLICY_2R's market (C: D = 100 − p, S = p − 20; N: D = 80 − p, S = 2p; freight 5), each answer
 * derived by hand from docs/market-model.md's rows: C imports 120 − 2p_C (less its stock flow), N exports 3p_N − 80.
 */
class PolicyInteractionsTest {
    static final double TOL = 1e-9;

    static Equilibrium solve(String more) throws ScenarioException {
        Equilibrium e = Equilibrium.solve(Scenario.parse(PolicyTwoRegionTest.MARKET + more, "p.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        return e;
    }

    @Test
    void aDutyOnTopOfTheFloorsLevyIsPaidOnTheCifAsWell() throws Exception {
        // landed = CIF·(1 + τ) + L with L = F − CIF: members pay F + τ·CIF (the levy tops the offer up to F, the duty is
        // on the CIF value) — p_C = 50.5 + 0.1·p_N, so 120 − 101 − 0.2·p_N = 3p_N − 80: p_N = 99/3.2 = 30.9375, p_C = 53.59375,
        // L = 50 − 35.9375 = 14.0625, imports 12.8125
        Equilibrium e = solve("tariffs:\n  - {from: N, to: C, ad_valorem: 0.1}\npolicies:\n  - {type: price_floor, floor: 50, members: [C]}\n");
        assertThat(e.price("N")).isCloseTo(30.9375, within(TOL));
        assertThat(e.price("C")).isCloseTo(53.59375, within(TOL));
        assertThat(e.levy("N", "C")).isCloseTo(14.0625, within(TOL));
        assertThat(e.flow("N", "C")).isCloseTo(12.8125, within(TOL));
        assertThat(e.levyRevenue()).isCloseTo(14.0625 * 12.8125, within(TOL));
        assertThat(e.tariffRevenue()).isCloseTo(0.1 * 35.9375 * 12.8125, within(TOL));
    }

    @Test
    void anExportTaxIsInTheCifSoTheLevyIsSmallerByIt() throws Exception {
        // CIF = p_N + 3 + 5; the floor still holds p_C = 50 (imports 20, p_N = 100/3), and L = 50 − 41⅓ = 8⅔; the exporter's
        // government collects 3·20 = 60 of what the levy took without the tax (11⅔·20)
        Equilibrium e = solve("policies:\n  - {type: price_floor, floor: 50, members: [C]}\n  - {type: export_tax, region: N, specific: 3}\n");
        assertThat(e.price("C")).isCloseTo(50, within(TOL));
        assertThat(e.price("N")).isCloseTo(100.0 / 3, within(TOL));
        assertThat(e.levy("N", "C")).isCloseTo(26.0 / 3, within(TOL));
        assertThat(e.exportTaxRevenue()).isCloseTo(60, within(TOL));
        assertThat(e.levyRevenue()).isCloseTo(26.0 / 3 * 20, within(TOL));
    }

    @Test
    void aBindingQuotaAboveTheFloorLeavesNoLevy() throws Exception {
        // a quota of 10 holds imports at 10: p_C = 55, p_N = 30, quota rent 20; the CIF (with the rent) is 55 ≥ 50: no levy
        Equilibrium e = solve("policies:\n  - {type: price_floor, floor: 50, members: [C]}\n  - {type: export_quota, region: N, quantity: 10}\n");
        assertThat(e.price("C")).isCloseTo(55, within(TOL));
        assertThat(e.price("N")).isCloseTo(30, within(TOL));
        assertThat(e.levy("N", "C")).isCloseTo(0, within(TOL));
        assertThat(e.quotaRents()).isCloseTo(200, within(TOL));
    }

    @Test
    void aFloorBelowTheFreeTradePriceChangesNothing() throws Exception {
        // free trade p_C = 43: a floor of 40 does not bind, and says so
        Equilibrium e = solve("policies:\n  - {type: price_floor, floor: 40, members: [C]}\n");
        assertThat(e.price("C")).isCloseTo(43, within(TOL));
        assertThat(e.levyRevenue()).isCloseTo(0, within(TOL));
        assertThat(e.notes()).singleElement().asString().contains("does not bind");
    }

    @Test
    void aTwoWayContractAboveItsStrikePaysBack() throws Exception {
        // strike 30 two-way: C's producers get 30 (S = 10 whatever the price); 90 − p_C = 3(p_C − 5) − 80: p_C = 46.25,
        // outlay (30 − 46.25)·10 = −162.5 (the producers pay back)
        Equilibrium e = solve("policies:\n  - {type: price_gap_subsidy, strike: 30, regions: [C], two_way: true}\n");
        assertThat(e.price("C")).isCloseTo(46.25, within(TOL));
        assertThat(e.producerPrice("C")).isCloseTo(30, within(TOL));
        assertThat(e.production("C")).isCloseTo(10, within(TOL));
        assertThat(e.subsidyOutlay()).isCloseTo(-162.5, within(TOL));
    }

    @Test
    void aReleaseLowersThePriceAndABuildRaisesIt() throws Exception {
        // release 10 in C: 110 − 2p_C = 3p_N − 80: p_N = 36, p_C = 41 (< 43), sold at 41; a build of 10: p_N = 40, p_C = 45
        Equilibrium rel = solve("policies:\n  - {type: stockpile, region: C, release: 10}\n");
        assertThat(rel.price("C")).isCloseTo(41, within(TOL));
        assertThat(rel.stockSales()).isCloseTo(410, within(TOL));
        Equilibrium build = solve("policies:\n  - {type: stockpile, region: C, build: 10}\n");
        assertThat(build.price("C")).isCloseTo(45, within(TOL));
        assertThat(build.stockPurchases()).isCloseTo(450, within(TOL));
    }

    @Test
    void aPathWithoutGrowthIsTheOneYearEquilibriumEveryYear() throws Exception {
        // no growth, no bans, no projects: each year is VL50 (p_C 50, p_N 100/3, levy revenue 700/3), its fiscal cost −700/3
        String floor = "policies:\n  - {type: price_floor, floor: 50, members: [C]}\n";
        Equilibrium one = solve(floor);
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + floor + "horizon:\n  years: 2025-2027\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        for (int y = 2025; y <= 2027; y++) {
            assertThat(p.value("price[C]", y)).isCloseTo(one.price("C"), within(TOL));
            assertThat(p.value("price[N]", y)).isCloseTo(100.0 / 3, within(TOL));
            assertThat(p.value("levy_revenue", y)).isCloseTo(700.0 / 3, within(1e-8));
            assertThat(p.value("fiscal_cost", y)).isCloseTo(-700.0 / 3, within(1e-8));
            assertThat(p.value("club_supply_share", y)).isCloseTo(30.0 / 50, within(TOL));
        }
        assertThat(p.value("cumulative_fiscal_cost", 2027)).isCloseTo(-700, within(1e-7));
    }
}
