package lodestone.market;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A stockpile release larger than the market takes at price 0 (reported: the 20 t over were dropped without a word, and
 * "production + release − consumption = net exports" read 20 + 100 − 100 = 0). One market, D = 100 − p, S = 20 + p:
 * a release of 100 drives p to 0, where 20 produced + R sold = 100 consumed, so R sold = 80 and 20 stay in the stockpile.
 */
class UnsoldReleaseTest {
    @Test
    void aReleaseTheMarketCannotAbsorbIsSoldInPartAndTheRestKeptAndSaid() throws Exception {
        Equilibrium e = StockpileWelfareTest.solve(StockpileWelfareTest.MARKET + """
                policies:
                  - {type: stockpile, region: A, release: 100}
                """);
        assertThat(e.price("A")).isZero();
        assertThat(e.production("A")).isCloseTo(20, within(1e-9));
        assertThat(e.consumption("A")).isCloseTo(100, within(1e-9));
        assertThat(e.stockOffered("A")).isEqualTo(100);
        assertThat(e.stockRelease("A")).isCloseTo(80, within(1e-9));
        assertThat(e.unsoldRelease("A")).isCloseTo(20, within(1e-9));
        // the balance closes: production + release sold − consumption = net exports (0)
        assertThat(e.production("A") + e.stockRelease("A") - e.consumption("A")).isCloseTo(e.netExports("A"), within(1e-9));
        assertThat(e.stockFlows()).singleElement().satisfies(f -> assertThat(f.quantity()).isCloseTo(80, within(1e-9)));
        assertThat(e.warnings()).containsExactly("A: 20.00 t of the 100.00 t released find no buyer (the price falls to 0.00 and the "
                + "market takes no more): 80.00 t sold, 20.00 t kept in the stockpile (its sales count only what is sold)");
        // a release the market absorbs (24 t: p = 28) is all sold, without a warning
        Equilibrium fits = StockpileWelfareTest.solve(StockpileWelfareTest.MARKET + """
                policies:
                  - {type: stockpile, region: A, release: 24}
                """);
        assertThat(fits.stockRelease("A")).isEqualTo(24);
        assertThat(fits.unsoldRelease("A")).isZero();
        assertThat(fits.warnings()).isEmpty();
    }

    /**
     * A path: 240 t held, 10 t a month offered in 2025 (120 t): the market takes 80 at price 0, so 40 stay and the
     * holdings end 2025 at 240 − 120 + 40 = 160 (they fell to 120, the unsold 40 counted as released).
     */
    @Test
    void onAPathTheUnsoldPartOfAReleaseStaysInTheHoldings() throws Exception {
        Scenario s = Scenario.parse(StockpileWelfareTest.MARKET + """
                horizon:
                  years: 2025-2026
                  stockpiles:
                    - {name: reserve, holdings: {A: 240}, release: {rate: 10, from: 2025, to: 2025}}
                """, "path.yaml");
        PathResult p = MarketPath.run(s);
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[A]", 2025)).isZero();
        assertThat(p.value("holdings", 2025)).isCloseTo(160, within(1e-9));
        assertThat(p.value("holdings", 2026)).isCloseTo(160, within(1e-9));
        assertThat(p.value("price[A]", 2026)).isCloseTo(40, within(1e-9));
        assertThat(List.of(p.value("consumption[A]", 2025))).singleElement().satisfies(c -> assertThat(c).isCloseTo(100, within(1e-9)));
        // each year says how much of its release went unsold (kept): 40 t in 2025, none in 2026 (no release)
        assertThat(p.value("stock_unsold", 2025)).isCloseTo(40, within(1e-9));
        assertThat(p.value("stock_unsold", 2026)).isZero();
    }

    /** A path without any stockpile has no stock_unsold figure (nothing to release). */
    @Test
    void aPathWithoutStockpilesHasNoUnsoldFigure() throws Exception {
        Scenario s = Scenario.parse(StockpileWelfareTest.MARKET + """
                horizon:
                  years: 2025-2026
                """, "path.yaml");
        PathResult p = MarketPath.run(s);
        assertThat(p.metrics()).doesNotContain("stock_unsold");
    }
}
