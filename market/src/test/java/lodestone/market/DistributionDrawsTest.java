package lodestone.market;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Statistical review: the draws of each distribution of scenario-format.md against its closed form, with many draws and a
 * fixed seed (never flaky: the draws are the same on every run). Tolerances are 5 standard errors of the estimate, from the
 * closed forms: a mean's SE is sd/√n, a variance's √((μ₄ − σ⁴)/n), a share's √(p(1 − p)/n), a sample p-quantile's
 * √(p(1 − p)/n)/f(x_p). And the draws of one draw's parameters are independent (they come from one stream in turn).
 */
class DistributionDrawsTest {
    static final int N = 200_000;

    static double[] draws(Distribution d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) x[i] = d.sample(rnd);
        return x;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double var(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    static double share(double[] x, java.util.function.DoublePredicate p) {
        long k = 0;
        for (double v : x) if (p.test(v)) k++;
        return (double) k / x.length;
    }

    @Test
    void normalMeanVarianceAndTails() {
        double mu = 0.07, sd = 0.02;
        double[] x = draws(new Distribution.Normal(mu, sd), 5);
        assertThat(mean(x)).isCloseTo(mu, within(5 * sd / Math.sqrt(N)));
        // Var of s² for a normal: 2σ⁴/(n − 1)
        assertThat(var(x)).isCloseTo(sd * sd, within(5 * sd * sd * Math.sqrt(2.0 / N)));
        // P(X > μ + 1.6449σ) = 5 %, P(X < μ − σ) = Φ(−1) = 15.866 %
        double p95 = 0.05, p1 = 0.15865525393145707;
        assertThat(share(x, v -> v > mu + 1.6448536269514722 * sd)).isCloseTo(p95, within(5 * Math.sqrt(p95 * (1 - p95) / N)));
        assertThat(share(x, v -> v < mu - sd)).isCloseTo(p1, within(5 * Math.sqrt(p1 * (1 - p1) / N)));
        // the quantile the sensitivity uses is the closed form's
        assertThat(new Distribution.Normal(mu, sd).quantile(0.95)).isCloseTo(mu + 1.6448536269514722 * sd, within(1e-9));
    }

    @Test
    void uniformMeanAndVariance() {
        double[] x = draws(new Distribution.Uniform(0.8, 1.5), 6);
        double w = 0.7;
        assertThat(mean(x)).isCloseTo(1.15, within(5 * w / Math.sqrt(12 * N)));
        // uniform: μ₄ = w⁴/80, σ⁴ = w⁴/144
        assertThat(var(x)).isCloseTo(w * w / 12, within(5 * Math.sqrt((Math.pow(w, 4) / 80 - Math.pow(w, 4) / 144) / N)));
        assertThat(java.util.Arrays.stream(x).allMatch(v -> v >= 0.8 && v < 1.5)).isTrue();
    }

    @Test
    void triangularMeanVarianceAndMode() {
        double a = 6, c = 12, b = 24;
        double[] x = draws(new Distribution.Triangular(a, c, b), 7);
        double mu = (a + b + c) / 3;
        double v = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
        assertThat(mean(x)).isCloseTo(mu, within(5 * Math.sqrt(v / N)));
        // a bound on Var(s²) that holds for any distribution on [a, b]: μ₄ ≤ (b − a)²·σ² … use the triangular's own μ₄ ≤ (b − a)⁴/16
        assertThat(var(x)).isCloseTo(v, within(5 * Math.sqrt(Math.pow(b - a, 4) / 16 / N)));
        // P(X ≤ c) = (c − a)/(b − a) = 1/3: the mode splits the mass as the closed form says
        double f = (c - a) / (b - a);
        assertThat(share(x, t -> t <= c)).isCloseTo(f, within(5 * Math.sqrt(f * (1 - f) / N)));
        assertThat(java.util.Arrays.stream(x).allMatch(t -> t >= a && t <= b)).isTrue();
    }

    @Test
    void bernoulliFrequency() {
        double p = 0.6;
        double[] x = draws(new Distribution.Bernoulli(p), 8);
        assertThat(java.util.Arrays.stream(x).allMatch(t -> t == 0 || t == 1)).isTrue();
        assertThat(mean(x)).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / N)));
    }

    /** The vanadium example's four parameters, drawn as montecarlo draws them: each its own law, and no two correlated. */
    @Test
    void aDrawsParametersAreIndependent() throws Exception {
        Scenario s = Scenario.load(ExampleMarketTest.examples().resolve("vanadium-2025-2035.yaml"), lodestone.regime.Regime.bundled());
        int n = 50_000;
        String[] names = {"demand_growth", "ban.occurs", "ban.months", "project.US-primary.capex"};
        double[][] x = new double[names.length][n];
        for (int i = 0; i < n; i++) {
            Map<String, Double> d = MonteCarlo.draw(s, 1, i);
            for (int k = 0; k < names.length; k++) x[k][i] = d.get(names[k]);
        }
        assertThat(mean(x[0])).isCloseTo(0.03, within(5 * 0.01 / Math.sqrt(n)));
        assertThat(mean(x[1])).isCloseTo(0.5, within(5 * 0.5 / Math.sqrt(n)));
        assertThat(mean(x[2])).isCloseTo(14, within(5 * Math.sqrt((36 + 576 + 144 - 144 - 72 - 288) / 18.0 / n)));
        assertThat(mean(x[3])).isCloseTo(1.15, within(5 * 0.7 / Math.sqrt(12.0 * n)));
        // a sample correlation of independent draws has SE 1/√n
        for (int i = 0; i < names.length; i++) {
            for (int j = i + 1; j < names.length; j++) {
                assertThat(corr(x[i], x[j])).as("%s ~ %s", names[i], names[j]).isCloseTo(0, within(5 / Math.sqrt(n)));
            }
        }
        // consecutive draws are independent too (draw i and i + 1 of a seed), and seeds 1 and 2 give different draws
        double[] lag = new double[n - 1], now = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            now[i] = x[0][i];
            lag[i] = x[0][i + 1];
        }
        assertThat(corr(now, lag)).isCloseTo(0, within(5 / Math.sqrt(n)));
        assertThat(MonteCarlo.draw(s, 2, 0)).isNotEqualTo(MonteCarlo.draw(s, 1, 0));
        assertThat(MonteCarlo.draw(s, 1, 7)).isEqualTo(MonteCarlo.draw(s, 1, 7));
    }

    static double corr(double[] a, double[] b) {
        double ma = mean(a), mb = mean(b), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
