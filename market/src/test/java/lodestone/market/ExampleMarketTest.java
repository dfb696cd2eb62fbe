package lodestone.market;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * examples/market: a market written from the USGS tables by a user (vanadium, which has no bundled market), checked
 * by hand. Baseline: China, Russia, Brazil and South Africa sell at one price p, the EU and the rest of world buy at
 * p + 0.3 (freight), the US at (p + 0.3)·1.155 (Brazil's and South Africa's 15.5 % binds; China's 60.5 % and Russia's
 * 40 % do not pay); p solves 113,300·(p/19.76)^0.3 + 7,500·(p_US/19.76)^0.2 = 78,000·(p/19.76)^−0.25
 * + 26,500·((p + 0.3)/19.76)^−0.25 + 13,000·(p_US/19.76)^−0.25 (bisection: p = 18.528581524, p_US = 21.747011660).
 * Path, 2026: from July China is cut off (export ban), its price c solves 82,000·1.01·(c/19.76)^0.3 =
 * 70,000·1.02·(c/19.76)^−0.25, c = 15.087897752; January–June is the open market of 2026 (supply × 1.01, demand
 * × 1.03, China's × 1.02): 19.027854187; the year's price is their average, 17.057875970.
 */
class ExampleMarketTest {
    static Path examples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples/market"))) p = p.getParent();
        assertThat(p).as("examples/market above %s", Path.of("").toAbsolutePath()).isNotNull();
        return p.resolve("examples/market");
    }

    @Test
    void theVanadiumMarketSolvesAsByHand() throws Exception {
        Scenario s = Scenario.load(examples().resolve("vanadium.yaml"), lodestone.regime.Regime.bundled());
        Equilibrium e = Equilibrium.solve(s);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        for (String r : new String[]{"CN", "RU", "BR", "ZA"}) assertThat(e.price(r)).isCloseTo(18.528581524, within(1e-6));
        assertThat(e.price("EU27")).isCloseTo(18.828581524, within(1e-6));
        assertThat(e.price("US")).isCloseTo(21.747011660, within(1e-6));
        assertThat(e.flow("CN", "US")).isZero();
        assertThat(e.flow("RU", "US")).isZero();
        assertThat(-e.netExports("US")).isCloseTo(5047.185007, within(1e-3));
        assertThat(e.tariffRevenue()).isCloseTo(0.155 * 18.828581524 * 5047.185007, within(1e-2));
    }

    @Test
    void theVanadiumPathPricesTheBanYearAsByHand() throws Exception {
        Scenario s = Scenario.load(examples().resolve("vanadium-2025-2035.yaml"), lodestone.regime.Regime.bundled());
        PathResult path = MarketPath.run(s);
        assertThat(path.value("price[CN]", 2025)).isCloseTo(18.528581524, within(1e-6));
        assertThat(path.value("price[CN]", 2026)).isCloseTo(17.057875970, within(1e-6));
    }

    /**
     * examples/market/china-germanium-cut-50.yaml on the bundled germanium market: China exports 20 t. China's price c solves
     * 96·(c/4090)^0.3 − 56·(c/4090)^−0.2 = 20, the rest of the world's p solves 43·(p/4100)^0.3 + 34·((p − 10)/4090)^0.3 + 20
     * = 117·(p/4100)^−0.2 (bisection: c = 2,431.8477, p = 6,269.3901); the quota's rent is p − 10 − c a kg.
     */
    @Test
    void theGermaniumCutOfYourOwnSolvesAsByHand() throws Exception {
        Scenario s = Scenario.load(examples().resolve("china-germanium-cut-50.yaml"), lodestone.regime.Regime.bundled());
        Equilibrium e = Equilibrium.solve(s);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.price("CN")).isCloseTo(2431.8477, within(1e-3));
        assertThat(e.price("US")).isCloseTo(6269.3901, within(1e-3));
        assertThat(e.netExports("CN")).isCloseTo(20, within(1e-9));
        assertThat(-e.netExports("US")).isCloseTo(12.7906, within(1e-4));
        assertThat(e.quotaRents()).isCloseTo((6269.3901 - 10 - 2431.8477) * 20, within(0.1));
    }
}
