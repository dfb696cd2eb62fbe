package lodestone.market;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Statistical review: an event's probability is an estimate from the draws used, and is reported with its sampling error —
 * the count it rests on, the binomial SE √(p(1 − p)/n) and the 95 % Wilson score interval. Before, montecarlo printed
 * "P(projects_built(2030) >= 1) = 0.0500" from 200 draws (10 of them), four decimals of a figure known to ±0.015, and
 * "0.0000" for an event no draw of 200 met, which is not an event that cannot happen (it may have a probability up to 1.9 %).
 */
class EventEstimateTest {
    static final double Z = 1.959963984540054;

    /** The floor drawn uniform on [100, 200] is M's price (MonteCarloQuantilesTest): P(price[M] ≥ 180) = 0.2 exactly. */
    @Test
    void anEventsProbabilityComesWithItsCountStandardErrorAndInterval() throws Exception {
        Scenario s = Scenario.parse(MonteCarloQuantilesTest.MARKET + "uncertainty:\n  - {param: floor, dist: uniform, min: 100, max: 200}\n",
                "draws.yaml");
        int n = 400;
        Target t = Target.parse("price[M](2026) >= 180");
        MonteCarlo.Result r = MonteCarlo.run(s, n, 11, List.of("price[M]"), List.of(t), 2, MarketPath.Warm.YEAR, null);
        long k = 0;
        for (int i = 0; i < n; i++) if (MonteCarlo.draw(s, 11, i).get("floor") >= 180) k++;
        MonteCarlo.EventEstimate e = r.eventEstimates().get("price[M](2026) >= 180");
        assertThat(e.met()).isEqualTo(k);
        assertThat(e.draws()).isEqualTo(n);
        double p = (double) k / n;
        assertThat(e.probability()).isEqualTo(p).isEqualTo(r.events().get("price[M](2026) >= 180"));
        assertThat(e.se()).isCloseTo(Math.sqrt(p * (1 - p) / n), within(1e-15));
        double c = (p + Z * Z / (2 * n)) / (1 + Z * Z / n), h = Z * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n)) / (1 + Z * Z / n);
        assertThat(e.low()).isCloseTo(c - h, within(1e-15));
        assertThat(e.high()).isCloseTo(c + h, within(1e-15));
        // the truth, 0.2, is within 4 of its standard errors √(0.2·0.8/400) = 0.02 of the estimate, and inside the interval here
        assertThat(p).isCloseTo(0.2, within(4 * 0.02));
        assertThat(e.low()).isLessThan(0.2);
        assertThat(e.high()).isGreaterThan(0.2);
        assertThat(r.toMap().get("event_estimates")).isEqualTo(java.util.Map.of("price[M](2026) >= 180", e.toMap()));
    }

    @Test
    void saidToThePlacesItsErrorAllows() {
        assertThat(MonteCarlo.EventEstimate.of(10, 200).describe()).isEqualTo("0.050 ± 0.015 (10 of 200 draws; 95 % interval 0.027 to 0.090)");
        assertThat(MonteCarlo.EventEstimate.of(98, 200).describe()).isEqualTo("0.490 ± 0.035 (98 of 200 draws; 95 % interval 0.422 to 0.559)");
        assertThat(MonteCarlo.EventEstimate.of(5_000, 100_000).describe())
                .isEqualTo("0.05000 ± 0.00069 (5000 of 100000 draws; 95 % interval 0.04867 to 0.05137)");
        // no draw met it: an SE of 0 would claim certainty; the interval says up to z²/(n + z²) = 1.9 %
        MonteCarlo.EventEstimate none = MonteCarlo.EventEstimate.of(0, 200);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(Z * Z / (200 + Z * Z), within(1e-15));
        assertThat(none.describe()).isEqualTo("0.000 ± 0.000 (0 of 200 draws; 95 % interval 0.000 to 0.019)");
        assertThat(MonteCarlo.EventEstimate.of(1, 1).describe()).isEqualTo("1.00 ± 0.00 (1 of 1 draw; 95 % interval 0.21 to 1.00)");
        assertThat(MonteCarlo.EventEstimate.of(0, 0).describe()).isEqualTo("not estimated (no draw was used)");
    }
}
