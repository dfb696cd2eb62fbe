package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A horizon stockpile held by several regions buys at its monthly rate ({@code buy: {rate}}), shared among its members in
 * proportion to their initial holdings — and, when it starts empty, in equal parts: it buys what its rate says, not nothing.
 *
 * <p>By hand, on POLICY_2R's market (C: D = 100 − p, S = p − 20; N: D = 80 − p, S = 2p; freight 5, C imports): a purchase
 * of B t a year in all, wherever it is made, gives 120 − 2p_C + B = 3p_N − 80 with p_C = p_N + 5, so B = 24 gives
 * p_N = 42.8, p_C = 47.8.
 */
class CoordinatedPurchaseTest {
    static PathResult run(String holdings) throws Exception {
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n  stockpiles:\n"
                + "    - {name: vault, holdings: " + holdings + ", buy: {rate: 2}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        return p;
    }

    @Test
    void aCoordinatedStockpileThatStartsEmptyBuysAtItsRateInEqualParts() throws Exception {
        // 2 t a month, 1 t each: 12 t in C at 47.8 and 12 t in N at 42.8 = 573.6 + 513.6 = 1,087.2
        // (it bought nothing: the shares were by initial holdings, all 0, so every share was 0)
        PathResult p = run("{C: 0, N: 0}");
        assertThat(p.value("price[C]", 2025)).isCloseTo(47.8, within(1e-9));
        assertThat(p.value("price[N]", 2025)).isCloseTo(42.8, within(1e-9));
        assertThat(p.value("holdings[C]", 2025)).isCloseTo(12, within(1e-9));
        assertThat(p.value("holdings[N]", 2025)).isCloseTo(12, within(1e-9));
        assertThat(p.value("stock_purchases", 2025)).isCloseTo(1087.2, within(1e-7));
    }

    @Test
    void withHoldingsItBuysInProportionToThem() throws Exception {
        // initial holdings 3 : 1 — 18 t in C, 6 t in N: 18·47.8 + 6·42.8 = 860.4 + 256.8 = 1,117.2
        PathResult p = run("{C: 3, N: 1}");
        assertThat(p.value("price[C]", 2025)).isCloseTo(47.8, within(1e-9));
        assertThat(p.value("holdings[C]", 2025)).isCloseTo(21, within(1e-9));
        assertThat(p.value("holdings[N]", 2025)).isCloseTo(7, within(1e-9));
        assertThat(p.value("stock_purchases", 2025)).isCloseTo(1117.2, within(1e-7));
    }

    @Test
    void aReleaseDuringABanSuspendsThePurchasesUntilTheBanEnds() throws Exception {
        // 3 t released at 1 t a month during a 6-month ban of N, bought at 0.5 t a month all year. No purchase while the
        // ban is in force (StockpilePurchaseSuspensionTest): the release, 12 t a year, gives p_C = (120 − 12)/2 = 54 and
        // empties the holdings in 3 months; then C alone without stock, p_C = 60, to the ban's end; then free trade with the
        // purchase, p_C = 44.2. Year: p_C = (3·54 + 3·60 + 6·44.2)/12 = 50.6, sales 12·54·3/12 = 162, purchases
        // 6·44.2·½ = 132.6, 3 t held — in three solves. (Until December 2026 it bought through the ban: the release net of
        // the purchase, 6 t a year at 57, lasted the whole ban; sales 342, purchases 303.6.)
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n"
                + "  bans:\n    - {region: N, start: 2025-01, months: 6}\n"
                + "  stockpiles:\n    - {name: res, holdings: {C: 3}, release: {rate: 1, during: ban}, buy: {rate: 0.5}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[C]", 2025)).isCloseTo(50.6, within(1e-8));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(162, within(1e-6));
        assertThat(p.value("stock_purchases", 2025)).isCloseTo(132.6, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(3, within(1e-8));
        assertThat(p.solves()).isEqualTo(3);
    }
}
