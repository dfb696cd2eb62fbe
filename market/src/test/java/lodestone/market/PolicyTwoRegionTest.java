package lodestone.market;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** POLICY_2R of shared/testcases/market.json through the scenario model: free trade, variable levy, price-gap subsidy. */
class PolicyTwoRegionTest {
    static final String MARKET = """
            scenario: policy-2r
            mineral: test mineral
            units: {quantity: t, price: USD/t}
            reference_price: 40
            regions:
              - id: C
                countries: [US]
                supply: {type: linear, intercept: -20, slope: 1}
                demand: {type: linear, intercept: 100, slope: -1}
              - id: N
                countries: [CN]
                supply: {type: linear, intercept: 0, slope: 2}
                demand: {type: linear, intercept: 80, slope: -1}
            transport: {default: 5}
            """;
    static final double TOL = 1e-9;

    static Equilibrium solve(String policies) throws ScenarioException {
        Equilibrium e = Equilibrium.solve(Scenario.parse(MARKET + policies, "policy-2r.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
        return e;
    }

    static JsonNode caseOf(String prefix) {
        var it = MarketCases.get("POLICY_2R").get("cases").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().startsWith(prefix)) return e.getValue();
        }
        throw new IllegalArgumentException(prefix);
    }

    static double v(JsonNode n) {
        return n.isObject() ? n.get("value").asDouble() : n.asDouble();
    }

    @Test
    void freeTrade() throws Exception {
        Equilibrium e = solve("");
        JsonNode c = caseOf("FT");
        assertThat(e.price("C")).isCloseTo(v(c.get("pC")), within(TOL));
        assertThat(e.price("N")).isCloseTo(v(c.get("pN")), within(TOL));
        assertThat(e.flow("N", "C")).isCloseTo(v(c.get("imports")), within(TOL));
        assertThat(e.consumption("C")).isCloseTo(v(c.get("C_demand")), within(TOL));
        assertThat(e.production("C")).isCloseTo(v(c.get("C_supply")), within(TOL));
        assertThat(e.consumption("N")).isCloseTo(v(c.get("N_demand")), within(TOL));
        assertThat(e.production("N")).isCloseTo(v(c.get("N_supply")), within(TOL));
        assertThat(e.levyRevenue()).isZero();
    }

    @Test
    void floorOf50ByVariableLevy() throws Exception {
        Equilibrium e = solve("""
                policies:
                  - {type: price_floor, floor: 50, members: [C]}
                """);
        JsonNode c = caseOf("VL50");
        assertThat(e.price("C")).isCloseTo(v(c.get("pC")), within(TOL));
        assertThat(e.price("N")).isCloseTo(100.0 / 3, within(TOL));
        assertThat(e.flow("N", "C")).isCloseTo(v(c.get("imports")), within(TOL));
        assertThat(e.levy("N", "C")).isCloseTo(35.0 / 3, within(TOL));
        assertThat(e.levyRevenue()).isCloseTo(700.0 / 3, within(TOL));
        assertThat(e.consumption("C")).isCloseTo(v(c.get("C_demand")), within(TOL));
        assertThat(e.production("C")).isCloseTo(v(c.get("C_supply")), within(TOL));
        assertThat(e.nonMemberShareOfClubSupply()).isCloseTo(20.0 / 50, within(TOL));
    }

    @Test
    void priceGapSubsidyAtStrike50() throws Exception {
        Equilibrium e = solve("""
                policies:
                  - {type: price_gap_subsidy, strike: 50, regions: [C]}
                """);
        JsonNode c = caseOf("CFD50");
        assertThat(e.price("C")).isCloseTo(165.0 / 4, within(TOL));
        assertThat(e.price("N")).isCloseTo(145.0 / 4, within(TOL));
        assertThat(e.flow("N", "C")).isCloseTo(v(c.get("imports")), within(TOL));
        assertThat(e.subsidyPerUnit("C")).isCloseTo(35.0 / 4, within(TOL));
        assertThat(e.production("C")).isCloseTo(v(c.get("C_supply")), within(TOL));
        assertThat(e.consumption("C")).isCloseTo(235.0 / 4, within(TOL));
        assertThat(e.subsidyOutlay()).isCloseTo(525.0 / 2, within(TOL));
        assertThat(e.producerPrice("C")).isCloseTo(50, within(TOL));
    }

    @Test
    void twoWayCfdAtTheSameStrikeGivesTheSameAnswerWhenThePriceIsBelowTheStrike() throws Exception {
        Equilibrium e = solve("""
                policies:
                  - {type: price_gap_subsidy, strike: 50, regions: [C], two_way: true}
                """);
        assertThat(e.price("C")).isCloseTo(165.0 / 4, within(TOL));
        assertThat(e.subsidyOutlay()).isCloseTo(525.0 / 2, within(TOL));
        // a two-way CfD below the market price pays back: strike 40 against a price above it
        Equilibrium back = solve("""
                policies:
                  - {type: price_gap_subsidy, strike: 40, regions: [C], two_way: true}
                """);
        // C supply fixed at S(40) = 20: (100 − pC) − 20 = 3 (pC − 5) − 80 → pC = 43.75, above the strike
        assertThat(back.price("C")).isCloseTo(43.75, within(TOL));
        assertThat(back.production("C")).isCloseTo(20, within(TOL));
        assertThat(back.subsidyOutlay()).isCloseTo(-75, within(TOL));
    }

    @Test
    void surplusChangesOfTheFloorAgainstFreeTrade() throws Exception {
        Equilibrium ft = solve("");
        Equilibrium vl = solve("""
                policies:
                  - {type: price_floor, floor: 50, members: [C]}
                """);
        // C consumers: price 43 → 50 on D = 100 − p: −∫ = −(57 + 50)/2 · 7
        assertThat(vl.consumerSurplusChange(ft, "C")).isCloseTo(-(57 + 50) / 2.0 * 7, within(TOL));
        // C producers: S = p − 20 from 43 to 50: (23 + 30)/2 · 7
        assertThat(vl.producerSurplusChange(ft, "C")).isCloseTo((23 + 30) / 2.0 * 7, within(TOL));
        // N producers: S = 2p from 38 to 100/3
        double pn = 100.0 / 3;
        assertThat(vl.producerSurplusChange(ft, "N")).isCloseTo(pn * pn - 38 * 38, within(TOL));
    }

    @Test
    void exportQuotaAndBanCarryRents() throws Exception {
        Equilibrium q = solve("""
                policies:
                  - {type: export_quota, region: N, quantity: 20}
                """);
        // imports 20: C price from 100 − p − (p − 20) = 20 → p = 50; N: 2p − (80 − p) = 20 → p = 100/3
        assertThat(q.price("C")).isCloseTo(50, within(TOL));
        assertThat(q.price("N")).isCloseTo(100.0 / 3, within(TOL));
        assertThat(q.quotaRents()).isCloseTo((50 - 5 - 100.0 / 3) * 20, within(TOL));
        Equilibrium ban = solve("""
                policies:
                  - {type: export_ban, region: N}
                """);
        assertThat(ban.price("C")).isCloseTo(60, within(TOL));
        assertThat(ban.price("N")).isCloseTo(80.0 / 3, within(TOL));
        assertThat(ban.flow("N", "C")).isCloseTo(0, within(TOL));
    }

    @Test
    void exportTaxRaisesTheImportPrice() throws Exception {
        Equilibrium e = solve("""
                policies:
                  - {type: export_tax, region: N, specific: 3}
                """);
        // pC = pN + 8: (100 − pC) − (pC − 20) = 3 pN − 80 → 120 − 2 pN − 16 = 3 pN − 80 → pN = 36.8
        assertThat(e.price("N")).isCloseTo(36.8, within(TOL));
        assertThat(e.price("C")).isCloseTo(44.8, within(TOL));
        assertThat(e.exportTaxRevenue()).isCloseTo(3 * (3 * 36.8 - 80), within(TOL));
    }

    @Test
    void stockpileReleaseExogenousAndTriggered() throws Exception {
        Equilibrium exo = solve("""
                policies:
                  - {type: stockpile, region: C, release: 10}
                """);
        // C excess demand 120 − 2 pC − 10 = 3 (pC − 5) − 80 → pC = 41
        assertThat(exo.price("C")).isCloseTo(41, within(TOL));
        assertThat(exo.stockRelease("C")).isEqualTo(10);
        Equilibrium trig = solve("""
                policies:
                  - {type: stockpile, region: C, trigger_price: 42, capacity: 100}
                """);
        // release until the price falls to the trigger: pC = 42, release = 120 − 84 − (3·37 − 80) = 5
        assertThat(trig.price("C")).isCloseTo(42, within(TOL));
        assertThat(trig.stockRelease("C")).isCloseTo(5, within(TOL));
    }

    @Test
    void offtakeIsAFixedShipmentAndItsPriceATransfer() throws Exception {
        Equilibrium e = solve("""
                policies:
                  - {type: offtake, from: N, to: C, quantity: 10, price: 60}
                """);
        // the 10 t ship in any case and market trade adjusts around them: free-trade prices are unchanged
        assertThat(e.price("C")).isCloseTo(43, within(TOL));
        assertThat(e.flow("N", "C")).isCloseTo(34, within(TOL));
        assertThat(e.offtakeTransfers()).isCloseTo((60 - 43) * 10, within(TOL));
    }

    /**
     * An offtake is an export under the origin's quotas and bans. Reported by a review: under N's export ban the 10 t offtake
     * N → C still shipped (C's price 55 instead of the ban's 60). Now a ban stops it, a quota counts it first, and a quota
     * smaller than the contracted volume cuts it to the quota.
     */
    @Test
    void anOfftakeShipsWithinTheOriginsExportQuotaAndNotUnderABan() throws Exception {
        Equilibrium ban = solve("""
                policies:
                  - {type: export_ban, region: N}
                  - {type: offtake, from: N, to: C, quantity: 10, price: 60}
                """);
        assertThat(ban.price("C")).isCloseTo(60, within(TOL)); // as under the ban alone
        assertThat(ban.price("N")).isCloseTo(80.0 / 3, within(TOL));
        assertThat(ban.flow("N", "C")).isCloseTo(0, within(TOL));
        assertThat(ban.offtakeTransfers()).isCloseTo(0, within(TOL));
        // a quota of 20 holds the offtake's 10 t and 10 t of market trade: the prices of the quota alone (50 and 100/3)
        Equilibrium quota = solve("""
                policies:
                  - {type: export_quota, region: N, quantity: 20}
                  - {type: offtake, from: N, to: C, quantity: 10, price: 60}
                """);
        assertThat(quota.price("C")).isCloseTo(50, within(TOL));
        assertThat(quota.price("N")).isCloseTo(100.0 / 3, within(TOL));
        assertThat(quota.flow("N", "C")).isCloseTo(20, within(TOL));
        assertThat(quota.offtakeTransfers()).isCloseTo((60 - 50) * 10, within(TOL));
        // a quota of 5 cuts the offtake to 5 t and leaves no market trade: C imports 5, 100 − p − (p − 20) = 5 → p = 57.5
        Equilibrium tight = solve("""
                policies:
                  - {type: export_quota, region: N, quantity: 5}
                  - {type: offtake, from: N, to: C, quantity: 10, price: 60}
                """);
        assertThat(tight.price("C")).isCloseTo(57.5, within(TOL));
        assertThat(tight.price("N")).isCloseTo(85.0 / 3, within(TOL));
        assertThat(tight.flow("N", "C")).isCloseTo(5, within(TOL));
        assertThat(tight.offtakeTransfers()).isCloseTo((60 - 57.5) * 5, within(TOL));
    }

    @Test
    void aTwoWayCfdFixesWhatStepProducersReceive() throws Exception {
        // C's two mines are paid the strike whatever the price: the one below it runs at capacity, the one above
        // it stays shut; their rows in the Newton LCP hold no derivative at all (only the capacity bound)
        Equilibrium e = Equilibrium.solve(Scenario.parse("""
                scenario: cfd-steps
                mineral: test mineral
                units: {quantity: t, price: USD/t}
                reference_price: 40
                regions:
                  - id: C
                    countries: [US]
                    supply: {type: steps, steps: [{name: low, cost: 30, capacity: 10}, {name: high, cost: 60, capacity: 10}]}
                    demand: {type: linear, intercept: 100, slope: -1}
                  - id: N
                    countries: [CN]
                    supply: {type: linear, intercept: 0, slope: 2}
                    demand: {type: linear, intercept: 80, slope: -1}
                transport: {default: 5}
                policies:
                  - {type: price_gap_subsidy, strike: 45, regions: [C], two_way: true}
                """, "cfd-steps.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.production("C")).isCloseTo(10, within(TOL));
        // N supplies the rest of C's demand: y_N = 2 p_N, C imports at p_C = p_N + 5;
        // 10 + 2 p_N − (80 − p_N) = 100 − (p_N + 5) → 4 p_N = 165
        assertThat(e.price("N")).isCloseTo(41.25, within(TOL));
        assertThat(e.price("C")).isCloseTo(46.25, within(TOL));
    }

    @Test
    void certifiedSegmentOnlyDomesticOutputMaySupply() throws Exception {
        Equilibrium e = solve("""
                policies:
                  - {type: certified_segment, regions: [C], share: 0.5, suppliers: [C]}
                """);
        // all of C's output is certified and just covers half of C's consumption:
        // y = p + π − 20 = ½ (100 − p − ½π) and y + 3p − 95 = 100 − p − ½π → p = 40.9375, π = 6.875
        assertThat(e.price("C")).isCloseTo(40.9375, within(TOL));
        assertThat(e.certifiedPremium("C")).isCloseTo(6.875, within(TOL));
        assertThat(e.certificateRent("C")).isCloseTo(6.875, within(TOL));
        assertThat(e.producerPrice("C")).isCloseTo(40.9375 + 6.875, within(TOL));
        assertThat(e.production("C")).isCloseTo(27.8125, within(TOL));
        assertThat(e.certifiedDelivery("C", "C")).isCloseTo(27.8125, within(TOL));
        assertThat(e.consumption("C")).isCloseTo(55.625, within(TOL));
        assertThat(e.flow("N", "C")).isCloseTo(27.8125, within(TOL));
        // a share that domestic output covers anyway leaves no premium
        Equilibrium loose = solve("""
                policies:
                  - {type: certified_segment, regions: [C], share: 0.2, suppliers: [C]}
                """);
        assertThat(loose.certifiedPremium("C")).isCloseTo(0, within(TOL));
        assertThat(loose.price("C")).isCloseTo(43, within(TOL));
        // certified material from abroad travels on its own lane at the arc's landed cost
        Equilibrium imported = solve("""
                policies:
                  - {type: certified_segment, regions: [C], share: 0.9, suppliers: [N]}
                """);
        double certified = imported.certifiedDelivery("N", "C");
        assertThat(imported.certifiedPremium("C")).isPositive();
        assertThat(certified).isCloseTo(0.9 * imported.consumption("C"), within(TOL));
        assertThat(certified).isLessThanOrEqualTo(imported.production("N") + TOL);
        assertThat(imported.flow("N", "C")).isGreaterThanOrEqualTo(certified - TOL);
        // N's producers earn the rent; the lane's cost equals the premium-inclusive price in C
        assertThat(imported.price("N") + 5 + imported.certificateRent("N"))
                .isCloseTo(imported.price("C") + imported.certifiedPremium("C"), within(TOL));
    }
}
