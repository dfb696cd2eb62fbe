package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A horizon stockpile does not buy while an export ban is in force or while its own release rule is (stockpile rules
 * suspend acquisitions during a disruption and a drawdown): it bought through a ban, and once empty it kept buying into the
 * shortage it was meant to relieve, raising the price there.
 *
 * <p>By hand, on PolicyTwoRegionTest.MARKET (C: D = 100 − p, S = p − 20; N: D = 80 − p, S = 2p; freight 5, C imports).
 * Open, with R released and B bought in C a year: 120 − 2p_C − R + B = 3p_C − 95, so p_C = 43 (nothing), 44.2 (B = 6),
 * 40.6 (R = 12). Under a ban of N, C alone: p_C − 20 + R − B = 100 − p_C, p_C = (120 − R + B)/2: 54 (R = 12), 60
 * (nothing), 63 (B = 6, what the old code did once the stockpile was empty).
 */
class StockpilePurchaseSuspensionTest {
    @Test
    void aStockpileBuysNothingWhileABanIsInForceEvenWhenItIsEmpty() throws Exception {
        // 2 t held; bought at 0.5 t a month, released at 1 t a month during a 6-month ban of N from March.
        // Jan–Feb open, buying: p_C = 44.2, holdings 3. Mar–May banned, releasing 12 t a year and not buying: p_C = 54, the
        // 3 t last 3 months. Jun–Aug banned, empty, not buying: p_C = 60 (the old code bought at 6 t a year: 63). Sep–Dec
        // open, buying: 44.2, 2 t bought. Year: p_C = (6·44.2 + 3·54 + 3·60)/12 = 50.6; sales 12·54·3/12 = 162; purchases
        // 6·44.2·6/12 = 132.6; 2 t held; 3 of the 6 banned months covered.
        // (Old: the release net of the purchase, 0.5 t a month, lasted the whole ban at 57: sales 342, purchases 303.6.)
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n"
                + "  bans:\n    - {region: N, start: 2025-03, months: 6}\n"
                + "  stockpiles:\n    - {name: res, holdings: {C: 2}, release: {rate: 1, during: ban}, buy: {rate: 0.5}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[C]", 2025)).isCloseTo(50.6, within(1e-8));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(162, within(1e-6));
        assertThat(p.value("stock_purchases", 2025)).isCloseTo(132.6, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(2, within(1e-8));
        assertThat(p.value("ban_months", 2025)).isCloseTo(6, within(1e-9));
        assertThat(p.value("covered_months", 2025)).isCloseTo(3, within(1e-9));
    }

    @Test
    void anEmptyStockpileDoesNotBuyIntoTheBan() throws Exception {
        // Starts empty and buys 0.5 t a month; a 4-month ban of N from January: nothing to release and nothing bought, so
        // p_C = 60 for 4 months (the old code bought 6 t a year into the ban: 63), then open with the purchase, 44.2, and
        // 4 t bought. Year: p_C = (4·60 + 8·44.2)/12 = 49.466…; purchases 6·44.2·8/12 = 176.8.
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n"
                + "  bans:\n    - {region: N, start: 2025-01, months: 4}\n"
                + "  stockpiles:\n    - {name: res, holdings: {C: 0}, release: {rate: 1, during: ban}, buy: {rate: 0.5}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[C]", 2025)).isCloseTo((4 * 60 + 8 * 44.2) / 12, within(1e-8));
        assertThat(p.value("stock_purchases", 2025)).isCloseTo(176.8, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(4, within(1e-8));
        assertThat(p.value("covered_months", 2025)).isZero();
    }

    @Test
    void aStockpileBuysNothingInTheYearsItsReleaseRuleIsInForce() throws Exception {
        // 3 t released at 1 t a month in 2025, bought at 0.5 t a month in 2025–2026. 2025: releasing 12 t a year, open:
        // p_C = 40.6 for 3 months, then empty and not buying (its release rule is in force all year): 43 for 9 months, so
        // p_C = (3·40.6 + 9·43)/12 = 42.4, sales 12·40.6·3/12 = 121.8, nothing bought, nothing held. 2026: buying 6 t a year,
        // p_C = 44.2, purchases 265.2, 6 t held. (Old: the net release, 0.5 t a month, at 41.8 for 6 months, then 3 t bought.)
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2026\n"
                + "  stockpiles:\n    - {name: res, holdings: {C: 3}, release: {rate: 1, from: 2025, to: 2025}, "
                + "buy: {rate: 0.5, from: 2025, to: 2026}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[C]", 2025)).isCloseTo(42.4, within(1e-8));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(121.8, within(1e-6));
        assertThat(p.value("stock_purchases", 2025)).isZero();
        assertThat(p.value("holdings", 2025)).isZero();
        assertThat(p.value("price[C]", 2026)).isCloseTo(44.2, within(1e-8));
        assertThat(p.value("stock_purchases", 2026)).isCloseTo(265.2, within(1e-6));
        assertThat(p.value("holdings", 2026)).isCloseTo(6, within(1e-8));
    }

    @Test
    void aStockpileReleasedByPriceBuysNothingWhileThePriceIsAboveItsTrigger() throws Exception {
        // 3 t released above 40 at up to 1 t a month, bought at 0.5 t a month; no ban. Open, p_C = 43 > 40: the release
        // runs, 12 t a year (p_C = 40.6, still above 40), and nothing is bought while it does: the 3 t last 3 months. Then
        // empty: buying would raise the price further above the trigger, so none (p_C = 43) for 9 months. Year:
        // p_C = (3·40.6 + 9·43)/12 = 42.4, sales 12·40.6·3/12 = 121.8, nothing bought or held.
        // (Old: the release net of the purchase, 6 t a year at 41.8, for 6 months, then buying at 44.2: p_C = 43, sales
        // 250.8, purchases 258, 3 t held — bought above the price at which it sells.)
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n"
                + "  stockpiles:\n    - {name: res, holdings: {C: 3}, release: {rate: 1, above: 40}, buy: {rate: 0.5}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[C]", 2025)).isCloseTo(42.4, within(1e-8));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(121.8, within(1e-6));
        assertThat(p.value("stock_purchases", 2025)).isCloseTo(0, within(1e-9));
        assertThat(p.value("holdings", 2025)).isCloseTo(0, within(1e-9));
    }

    @Test
    void aStockpileReleasedByPriceBuysOnlyUpToWhereThePriceReachesItsTrigger() throws Exception {
        // Empty, released above 44, bought at up to 0.5 t a month. Open, p_C = 43 < 44, so it buys; its whole rate, 6 t a
        // year, would give 44.2 > 44, so it buys v with (215 + v)/5 = 44: v = 5 t a year at p_C = 44. Year: 5 t held,
        // purchases 5·44 = 220. (Old: 6 t bought at 44.2, above the price at which its release starts.)
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n"
                + "  stockpiles:\n    - {name: res, holdings: {C: 0}, release: {rate: 1, above: 44}, buy: {rate: 0.5}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[C]", 2025)).isCloseTo(44, within(1e-8));
        assertThat(p.value("stock_purchases", 2025)).isCloseTo(220, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(5, within(1e-8));
    }

    @Test
    void aStockpileReleasedByPriceStopsBuyingAtItsCeiling() throws Exception {
        // Empty, released above 45, bought at 0.5 t a month up to 2 t. Open, p_C = 44.2 < 45 with the purchase: 6 t a year
        // reach the 2 t in 4 months; then nothing bought (and 43 < 45: nothing released) for 8 months. Year:
        // p_C = (4·44.2 + 8·43)/12 = 43.4, purchases 6·44.2·4/12 = 88.4, 2 t held.
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n"
                + "  stockpiles:\n    - {name: res, holdings: {C: 0}, release: {rate: 1, above: 45}, buy: {rate: 0.5, up_to: 2}}\n",
                "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[C]", 2025)).isCloseTo(43.4, within(1e-8));
        assertThat(p.value("stock_purchases", 2025)).isCloseTo(88.4, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(2, within(1e-8));
    }

    @Test
    void aStockpileInTheBanningRegionKeepsBuying() throws Exception {
        // The ban is N's, and the stockpile is N's: N's own market is in surplus, not short, so it keeps buying 0.5 t a
        // month. Banned, N alone with the purchase: 2p_N = 80 − p_N + 6, p_N = 86/3; open with it: 120 − 2p_C = 3p_N − 86,
        // p_C = p_N + 5, p_N = 39.2. Year: 6 t held, purchases 6·(86/3)·½ + 6·39.2·½ = 86 + 117.6 = 203.6.
        PathResult p = MarketPath.run(Scenario.parse(PolicyTwoRegionTest.MARKET + "horizon:\n  years: 2025-2025\n"
                + "  bans:\n    - {region: N, start: 2025-01, months: 6}\n"
                + "  stockpiles:\n    - {name: srb, holdings: {N: 0}, buy: {rate: 0.5}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[N]", 2025)).isCloseTo((86.0 / 3 + 39.2) / 2, within(1e-8));
        assertThat(p.value("stock_purchases", 2025)).isCloseTo(203.6, within(1e-6));
        assertThat(p.value("holdings", 2025)).isCloseTo(6, within(1e-8));
    }
}
