package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A horizon stockpile released by price ({@code release: {rate, above: T}}) releases up to its monthly rate while the price
 * is above the trigger, until its holdings run out (docs/market-model.md, "Years"), as a release during a ban does — not its
 * holdings spread over the rest of the year at a lower rate.
 *
 * <p>By hand, on POLICY_2R's market (C: D = 100 − p, S = p − 20; N: D = 80 − p, S = 2p; freight 5): free trade gives
 * p_C = 43; under N's export ban C is alone, p_C = (120 − v)/2 with v its stock release a year (60 without).
 */
class TriggeredReleaseTest {
    static PathResult run(double holdings, double trigger) throws Exception {
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n"
                + "  bans:\n    - {region: N, start: 2025-01, months: 6}\n"
                + "  stockpiles:\n    - {name: res, holdings: {C: " + holdings + "}, release: {rate: 1, above: " + trigger + "}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        return p;
    }

    @Test
    void holdingsThatLastTheBanAtTheFullRateAreReleasedAtIt() throws Exception {
        // 6 t at 1 t a month (12 a year) over the 6-month ban: p_C = (120 − 12)/2 = 54 > 45, all 6 t gone when the ban ends;
        // then free trade at 43 < 45, nothing more. Year: p_C = (6·54 + 6·43)/12 = 48.5, sales 12·54·6/12 = 324, holdings 0
        // (it read 50, 171 and 3: the 6 t were spread over the 12 months left, 0.5 t a month, and half stayed unused)
        PathResult p = run(6, 45);
        assertThat(p.value("price[C]", 2025)).isCloseTo(48.5, within(1e-8));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(324, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(0, within(1e-9));
    }

    @Test
    void holdingsThatRunOutDuringTheBanStopTheReleaseThere() throws Exception {
        // 3 t at 1 t a month: 3 months at 54, 3 months of the ban at 60 without stock, 6 open months at 43:
        // p_C = (3·54 + 3·60 + 6·43)/12 = 50, sales 12·54·3/12 = 162, holdings 0 (it read 50.75, 87.75 and 1.5)
        PathResult p = run(3, 45);
        assertThat(p.value("price[C]", 2025)).isCloseTo(50, within(1e-8));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(162, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(0, within(1e-9));
    }

    @Test
    void aReleaseHeldAtTheTriggerLastsUntilItsOwnRateEmptiesTheHoldings() throws Exception {
        // trigger 55: the full rate would take the price to 54, so the price sits at 55 with v = 10 t a year (5/6 t a month);
        // 4 t last 4.8 months, then 1.2 months at 60 and 6 open months at 43: p_C = (4.8·55 + 1.2·60 + 6·43)/12 = 49.5,
        // sales 10·55·4.8/12 = 220, holdings 0 (it read 50.5: 4 t a year, p_C = 58, for the whole ban, 2 t left)
        PathResult p = run(4, 55);
        assertThat(p.value("price[C]", 2025)).isCloseTo(49.5, within(1e-8));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(220, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(0, within(1e-9));
    }

    @Test
    void largeHoldingsAtTheTriggerAreDrawnAtTheRateTheMarketTakes() throws Exception {
        // 100 t, trigger 55: 10 t a year for the 6 months of the ban (5 t), p_C = 55 then 43: (6·55 + 6·43)/12 = 49, 95 t left
        PathResult p = run(100, 55);
        assertThat(p.value("price[C]", 2025)).isCloseTo(49, within(1e-8));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(10 * 55 * 0.5, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(95, within(1e-8));
    }

    @Test
    void monthsOfABanWithATriggeredReleaseAreCovered() throws Exception {
        // covered_months: of the months under a ban, those with a stockpile releasing — a price-triggered one as well as one
        // released during the ban (it read 0: only releases at a set rate were counted)
        assertThat(run(6, 45).value("ban_months", 2025)).isCloseTo(6, within(1e-12));
        assertThat(run(6, 45).value("covered_months", 2025)).isCloseTo(6, within(1e-9));
        assertThat(run(3, 45).value("covered_months", 2025)).isCloseTo(3, within(1e-9));
        assertThat(run(4, 55).value("covered_months", 2025)).isCloseTo(4.8, within(1e-9));
        // above the ban's price (60) nothing is released: nothing covered
        assertThat(run(6, 65).value("covered_months", 2025)).isZero();
    }

    @Test
    void aCoordinatedStockpileSharesItsMonthlyRateAmongItsMembers() throws Exception {
        // held by C and N, 100 t each, shared by holdings (the default): each member may release half of the 1 t a month.
        // Under the ban C releases its 0.5 t a month (6 t a year): p_C = (120 − 6)/2 = 57 > 45; N's price, 80/3, is below
        // the trigger: N releases nothing. Year: p_C = (6·57 + 6·43)/12 = 50, sales 6·57·6/12 = 171, C keeps 97 t
        // (it read 48.5, 324 and 94: every member could release the whole rate, together up to twice the stockpile's)
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n"
                + "  bans:\n    - {region: N, start: 2025-01, months: 6}\n"
                + "  stockpiles:\n    - {name: res, holdings: {C: 100, N: 100}, release: {rate: 1, above: 45}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[C]", 2025)).isCloseTo(50, within(1e-8));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(171, within(1e-6));
        assertThat(p.value("holdings[C]", 2025)).isCloseTo(97, within(1e-8));
        assertThat(p.value("holdings[N]", 2025)).isCloseTo(100, within(1e-12));
    }

    @Test
    void aStockpileWithATriggeredReleaseBuysNothingDuringABan() throws Exception {
        // 3 t, released above 45 at up to 1 t a month and bought at 0.5 t a month all year; no purchase while the ban is in
        // force (StockpilePurchaseSuspensionTest). Under the ban C releases v: p_C = (120 − v)/2, 54 at v = 12 (> 45): the
        // 3 t last 3 months; then C alone without stock, p_C = 60, to the ban's end; then free trade with the purchase:
        // 126 − 2p_C = 3(p_C − 5) − 80, p_C = 44.2 (< 45: no release), 3 t bought. Year: p_C = (3·54 + 3·60 + 6·44.2)/12
        // = 50.6, sales 12·54·3/12 = 162, purchases 6·44.2·½ = 132.6, 3 t held. (Until December 2026 it bought through
        // the ban, 6 t a year at 57, and its release, net of that, lasted the ban: sales 342, purchases 303.6.)
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n"
                + "  bans:\n    - {region: N, start: 2025-01, months: 6}\n"
                + "  stockpiles:\n    - {name: res, holdings: {C: 3}, release: {rate: 1, above: 45}, buy: {rate: 0.5}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[C]", 2025)).isCloseTo(50.6, within(1e-8));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(162, within(1e-6));
        assertThat(p.value("stock_purchases", 2025)).isCloseTo(132.6, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(3, within(1e-8));
        assertThat(p.solves()).isEqualTo(3);   // the release until empty, the rest of the ban, after it
    }
}
