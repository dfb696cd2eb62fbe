package lodestone.market;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Monte Carlo's quantiles: exact (the order statistic interpolated at rank (n − 1)·p) up to 2,048 values; beyond,
 * within relative error 0.05 % of the exact interpolated order statistics, and exact at mass points.
 */
class QuantileHistogramTest {
    static double quantile(double p, double... xs) {
        QuantileHistogram q = new QuantileHistogram();
        for (double x : xs) q.add(x);
        return q.quantile(p);
    }

    static double exact(double[] xs, double p) {
        double[] s = xs.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h), hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    @Test
    void fewValuesAreExact() {
        // 5, 1, 4, 2, 3 sorted are 1..5; rank (5 − 1)·p: P5 at 0.2 → 1.2, P95 at 3.8 → 4.8
        assertThat(quantile(0.05, 5, 1, 4, 2, 3)).isCloseTo(1.2, within(1e-12));
        assertThat(quantile(0.50, 5, 1, 4, 2, 3)).isCloseTo(3.0, within(1e-12));
        assertThat(quantile(0.95, 5, 1, 4, 2, 3)).isCloseTo(4.8, within(1e-12));
        assertThat(quantile(0.05, 3, 1, 2, 4)).isCloseTo(1.15, within(1e-12));
        assertThat(quantile(0.5, 7)).isEqualTo(7.0);
        assertThat(quantile(0.5)).isNaN();
    }

    @Test
    void upTo2048ValuesEveryQuantileIsExact() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] xs = new double[QuantileHistogram.EXACT];
        for (int i = 0; i < xs.length; i++) xs[i] = Math.exp(rnd.nextGaussian());
        for (double p : MonteCarlo.QUANTILES) assertThat(quantile(p, xs)).isEqualTo(exact(xs, p));
    }

    @Test
    void manyValuesAreWithinTheRelativeErrorOfTheExactQuantile() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int dist = 0; dist < 4; dist++) {
            double[] xs = new double[50_000];
            for (int i = 0; i < xs.length; i++) {
                double g = rnd.nextGaussian(), u = rnd.nextDouble();
                xs[i] = switch (dist) {
                    case 0 -> u;                                  // uniform
                    case 1 -> 100 + 20 * g;                       // normal
                    case 2 -> Math.exp(2 * g);                    // lognormal, wide
                    default -> (u < 0.5 ? -5 : 5) + g;            // bimodal across 0
                };
            }
            QuantileHistogram q = new QuantileHistogram();
            for (double x : xs) q.add(x);
            double prev = Double.NEGATIVE_INFINITY;
            for (double p : new double[]{0, 0.05, 0.25, 0.5, 0.75, 0.95, 1}) {
                double e = exact(xs, p), got = q.quantile(p);
                assertThat(Math.abs(got - e)).as("dist %d p %s: %s vs %s", dist, p, got, e)
                        .isLessThanOrEqualTo(QuantileHistogram.ALPHA * Math.abs(e) + 1e-12);
                assertThat(got).isGreaterThanOrEqualTo(prev);
                prev = got;
            }
        }
    }

    @Test
    void massPointsAreAnsweredExactly() {
        // 0 with probability 0.7, else 12 (a ban that may not happen): no value in between, whatever the count
        for (int n : new int[]{100, 10_000}) {
            SplittableRandom rnd = new SplittableRandom(n);
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) xs[i] = rnd.nextDouble() < 0.3 ? 12 : 0;
            for (double p : MonteCarlo.QUANTILES) assertThat(quantile(p, xs)).as("n %d p %s", n, p).isEqualTo(exact(xs, p));
        }
        // a continuous part above a mass point of 19.0909…: the mass point's quantiles are that value to the last bit
        SplittableRandom rnd = new SplittableRandom(3);
        double free = 210.0 / 11;
        double[] xs = new double[20_000];
        for (int i = 0; i < xs.length; i++) xs[i] = Math.max(free, 40 * rnd.nextDouble());
        assertThat(quantile(0.25, xs)).isEqualTo(free);
        assertThat(quantile(0.05, xs)).isEqualTo(free);
    }

    @Test
    void notANumberIsRefused() {
        QuantileHistogram q = new QuantileHistogram();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> q.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> q.add(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
