package lodestone.finance.valuation;

/**
 * The standard normal distribution function to double precision, for the closed forms (Black-76) the
 * Monte Carlo engine is tested against. For |x| ≤ 3 Marsaglia's (2004) series
 * Φ(x) = ½ + φ(x)·Σ x^(2n+1)/(1·3·…·(2n+1)), whose terms are all of one sign (no cancellation inside
 * the sum); beyond (where ½ + φ·Σ would cancel), the continued fraction for the Mills ratio (modified Lentz), so tails keep their
 * relative accuracy.
 */
public final class Normal {
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    private Normal() {
    }

    public static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    public static double cdf(double x) {
        if (Double.isNaN(x)) return Double.NaN;
        if (x > 3) return 1 - upperTail(x);
        if (x < -3) return upperTail(-x);
        double term = x;
        double sum = x;
        double x2 = x * x;
        for (int n = 1; n < 500; n++) {
            term *= x2 / (2 * n + 1);
            double next = sum + term;
            if (next == sum) break;
            sum = next;
        }
        return 0.5 + pdf(x) * sum;
    }

    /** 1 − Φ(x) for x > 0 by the continued fraction φ(x)/(x + 1/(x + 2/(x + 3/(x + …)))). */
    private static double upperTail(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 5000; k++) {
            d = x + k * d;
            if (Math.abs(d) < tiny) d = tiny;
            c = x + k / c;
            if (Math.abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return pdf(x) / f;
    }
}
