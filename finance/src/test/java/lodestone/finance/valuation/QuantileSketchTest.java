package lodestone.finance.valuation;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class QuantileSketchTest {

    @Test
    void quantilesAreWithinTheStatedRelativeErrorOfTheExactOrderStatistic() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 5; trial++) {
            int n = 1 + rng.nextInt(50_000);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = (rng.nextGaussian() * 300 + 50) * (rng.nextDouble() < 0.1 ? 20 : 1);
            QuantileSketch s = new QuantileSketch(1e-3);
            for (double x : v) s.add(x);
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            for (double q : new double[]{0, 0.01, 0.1, 0.5, 0.9, 0.99, 1}) {
                double exact = sorted[(int) Math.floor(q * (n - 1))];
                assertThat(Math.abs(s.quantile(q) - exact)).as("q %s n %s", q, n).isLessThanOrEqualTo(1e-3 * Math.abs(exact) + 1e-9);
            }
        }
    }

    @Test
    void piecewiseLinearLogIsMonotoneAndInvertible() {
        SplittableRandom rng = new SplittableRandom(3);
        double prev = -Double.MAX_VALUE, prevX = 0;
        double[] xs = new double[5000];
        for (int i = 0; i < xs.length; i++) xs[i] = Math.exp(rng.nextDouble(-20, 40));
        Arrays.sort(xs);
        for (double x : xs) {
            double f = QuantileSketch.log2Approx(x);
            assertThat(f).isGreaterThanOrEqualTo(prev);
            assertThat(QuantileSketch.exp2Approx(f)).isCloseTo(x, org.assertj.core.api.Assertions.within(1e-12 * x));
            assertThat(Math.abs(f - Math.log(x) / Math.log(2))).isLessThan(0.09); // within 0.086 of log₂
            prev = f;
            prevX = x;
        }
        assertThat(prevX).isPositive();
    }

    @Test
    void mergingAnyPartitionGivesTheSameSketch() {
        SplittableRandom rng = new SplittableRandom(2);
        double[] v = new double[10_000];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian() * 10;
        QuantileSketch whole = new QuantileSketch(1e-3);
        QuantileSketch a = new QuantileSketch(1e-3), b = new QuantileSketch(1e-3);
        for (int i = 0; i < v.length; i++) {
            whole.add(v[i]);
            (i % 3 == 0 ? a : b).add(v[i]);
        }
        b.merge(a);
        for (double q = 0; q <= 1; q += 0.05) assertThat(b.quantile(q)).isEqualTo(whole.quantile(q));
        assertThat(b.count()).isEqualTo(10_000);
    }
}
