package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The P² estimator (Jain and Chlamtac 1985) is exact while it still holds every value (its five markers are the first five
 * values): the p-quantile of n ≤ 5 values is the order statistic interpolated at rank (n − 1)·p, as for fewer values.
 */
class StreamingQuantileTest {
    static double quantile(double p, double... xs) {
        StreamingQuantile q = new StreamingQuantile(p);
        for (double x : xs) q.add(x);
        return q.value();
    }

    @Test
    void fiveValuesGiveTheirExactQuantilesNotTheirMedian() {
        // 5, 1, 4, 2, 3 sorted are 1..5; rank (5 − 1)·p: P5 at 0.2 → 1.2, P25 at 1 → 2, P50 at 2 → 3, P75 at 3 → 4, P95 at 3.8 → 4.8
        // (the estimator returned its middle marker, the median 3, for every quantile at exactly five values)
        assertThat(quantile(0.05, 5, 1, 4, 2, 3)).isCloseTo(1.2, within(1e-12));
        assertThat(quantile(0.25, 5, 1, 4, 2, 3)).isCloseTo(2.0, within(1e-12));
        assertThat(quantile(0.50, 5, 1, 4, 2, 3)).isCloseTo(3.0, within(1e-12));
        assertThat(quantile(0.75, 5, 1, 4, 2, 3)).isCloseTo(4.0, within(1e-12));
        assertThat(quantile(0.95, 5, 1, 4, 2, 3)).isCloseTo(4.8, within(1e-12));
    }

    @Test
    void fewerValuesInterpolateTheSameWay() {
        assertThat(quantile(0.05, 3, 1, 2, 4)).isCloseTo(1.15, within(1e-12));   // rank 0.15
        assertThat(quantile(0.95, 3, 1, 2, 4)).isCloseTo(3.85, within(1e-12));   // rank 2.85
        assertThat(quantile(0.5, 7)).isEqualTo(7.0);
        assertThat(quantile(0.5)).isNaN();
    }

    @Test
    void manyValuesFromAUniformStreamAreCloseToTheTrueQuantile() {
        // 10,000 values i/9999 in a scrambled order: the P² estimate is within 1 % of the true quantile
        for (double p : MonteCarlo.QUANTILES) {
            StreamingQuantile q = new StreamingQuantile(p);
            for (int i = 0; i < 10_000; i++) q.add(((i * 7919L) % 10_000) / 9999.0);
            assertThat(q.value()).as("p = %s", p).isCloseTo(p, within(0.01));
        }
    }
}
