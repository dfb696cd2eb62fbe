package lodestone.market;

import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The calibrated baselines and example scenarios of data/market solve, and their policies do what they say. */
class BundledScenariosTest {
    static final Regime REGIME = Regime.bundled();

    @ParameterizedTest
    @ValueSource(strings = {"ndpr", "lithium", "cobalt", "graphite", "gallium"})
    void baselinesReproduceTheirReferenceYear(String name) throws Exception {
        Scenario s = Scenario.bundled(name, REGIME);
        Equilibrium e = Equilibrium.solve(s);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
        // supply and demand were calibrated to balance at the reference price: equilibrium prices sit
        // within the freight margin of it (and graphite's US price above it by the Section 301 duty)
        for (String r : s.regionIds()) {
            assertThat(e.price(r) / s.referencePrice()).as("%s price in %s", name, r).isBetween(0.9, 1.4);
        }
        double supply = e.totalProduction();
        double demand = s.regionIds().stream().mapToDouble(e::consumption).sum();
        assertThat(supply).isCloseTo(demand, within(1e-6 * supply));
    }

    @Test
    void bundledFilesAreAlsoReadFromTheRepositoryFolder() throws Exception {
        Path file = MarketCases.repo().resolve("data/market/ndpr-floor-110.yaml");
        Scenario s = Scenario.load(file, REGIME);
        assertThat(s.name()).isEqualTo("ndpr-floor-110");
        assertThat(s.baseline().name()).isEqualTo("ndpr-baseline");
        assertThat(s.club()).containsExactly("US", "JP", "EU27", "MX");
    }

    @Test
    void ndprFloorRaisesClubPricesToTheFloorAndLowersChina() throws Exception {
        Scenario s = Scenario.bundled("ndpr-floor-110", REGIME);
        Equilibrium base = Equilibrium.solve(s.baseline());
        Equilibrium e = Equilibrium.solve(s);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        for (String m : s.club()) assertThat(e.price(m)).as(m).isGreaterThanOrEqualTo(110 - 1e-9);
        assertThat(e.price("CN")).isLessThan(base.price("CN"));
        assertThat(e.levy("CN", "JP")).isCloseTo(110 - e.price("CN") - 0.5, within(1e-9));
        assertThat(e.levyRevenue()).isPositive();
        assertThat(base.nonMemberShareOfClubSupply()).isNaN(); // the baseline has no club of its own
        assertThat(e.nonMemberShareOfClubSupply()).isLessThan(base.nonMemberShareOfSupply(s.club()));
        assertThat(e.consumerSurplusChange(base, "JP")).isNegative();
        assertThat(e.producerSurplusChange(base, "US")).isPositive();
    }

    @Test
    void subsidyAtTheSameStrikeKeepsConsumerPricesLowButCostsTheTreasury() throws Exception {
        Equilibrium floor = Equilibrium.solve(Scenario.bundled("ndpr-floor-110", REGIME));
        Scenario s = Scenario.bundled("ndpr-subsidy-110", REGIME);
        Equilibrium sub = Equilibrium.solve(s);
        assertThat(sub.solved()).as(sub.diagnosis()).isTrue();
        assertThat(sub.producerPrice("US")).isCloseTo(110, within(1e-9));
        assertThat(sub.price("US")).isLessThan(floor.price("US"));
        assertThat(sub.production("US")).isCloseTo(floor.production("US"), within(1e-6));
        assertThat(sub.subsidyOutlay()).isPositive();
        assertThat(sub.levyRevenue()).isZero();
    }

    @Test
    void galliumBanRaisesPricesOutsideChinaAndAStockpileReleaseDampsIt() throws Exception {
        Scenario ban = Scenario.bundled("gallium-ban", REGIME);
        Equilibrium base = Equilibrium.solve(ban.baseline());
        Equilibrium e = Equilibrium.solve(ban);
        Equilibrium withStock = Equilibrium.solve(Scenario.bundled("gallium-ban-stockpile", REGIME));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(withStock.solved()).as(withStock.diagnosis()).isTrue();
        for (String r : ban.regionIds()) if (!r.equals("CN")) assertThat(e.flow("CN", r)).isCloseTo(0, within(1e-9));
        assertThat(e.price("US")).isGreaterThan(base.price("US"));
        assertThat(e.price("CN")).isLessThan(base.price("CN"));
        assertThat(e.quotaRents()).isCloseTo(0, within(1e-9));
        assertThat(withStock.price("US")).isLessThan(e.price("US"));
        assertThat(withStock.stockRelease("US")).isEqualTo(40);
    }
}
