package lodestone.market;

import java.util.SplittableRandom;

/** A distribution of an uncertain parameter: normal, uniform, triangular, bernoulli, fixed (docs/scenario-format.md). */
sealed interface Distribution {
    double sample(SplittableRandom rnd);

    /** The mean (for the deterministic path and the sensitivity midpoint). */
    double mean();

    /** The p-quantile (the sensitivity range is P5–P95). */
    double quantile(double p);

    /** The distribution as a reader says it, e.g. "normal (mean 0.07, sd 0.02)". */
    String describe();

    record Normal(double mean, double sd) implements Distribution {
        @Override
        public double sample(SplittableRandom rnd) { return sd == 0 ? mean : mean + sd * gaussian(rnd); }

        @Override
        public double quantile(double p) { return mean + sd * probit(p); }

        /** The p-quantile of this normal truncated to [lo, hi] (what a Monte Carlo run's statistics are of). */
        public double truncatedQuantile(double p, double lo, double hi) {
            if (sd == 0) return mean;
            double a = lo == Double.NEGATIVE_INFINITY ? 0 : phi((lo - mean) / sd);
            double b = hi == Double.POSITIVE_INFINITY ? 1 : phi((hi - mean) / sd);
            double q = mean + sd * probit(a + p * (b - a));
            return Math.min(hi, Math.max(lo, q));
        }

        @Override
        public String describe() { return "normal distribution (mean " + ScenarioReader.fmt(mean) + ", sd " + ScenarioReader.fmt(sd) + ")"; }
    }

    record Uniform(double min, double max) implements Distribution {
        @Override
        public double sample(SplittableRandom rnd) { return min == max ? min : min + (max - min) * rnd.nextDouble(); }

        @Override
        public double mean() { return (min + max) / 2; }

        @Override
        public double quantile(double p) { return min + (max - min) * p; }

        @Override
        public String describe() { return "uniform distribution (" + ScenarioReader.fmt(min) + " to " + ScenarioReader.fmt(max) + ")"; }
    }

    record Triangular(double min, double mode, double max) implements Distribution {
        @Override
        public double sample(SplittableRandom rnd) { return max == min ? min : quantile(rnd.nextDouble()); }

        @Override
        public double mean() { return (min + mode + max) / 3; }

        @Override
        public double quantile(double u) {
            double f = (mode - min) / (max - min);
            return u < f ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
        }

        @Override
        public String describe() {
            return "triangular distribution (" + ScenarioReader.fmt(min) + ", " + ScenarioReader.fmt(mode) + ", " + ScenarioReader.fmt(max) + ")";
        }
    }

    /** 1 with probability p, else 0 (an event: a ban that may not happen). */
    record Bernoulli(double p) implements Distribution {
        @Override
        public double sample(SplittableRandom rnd) { return rnd.nextDouble() < p ? 1 : 0; }

        @Override
        public double mean() { return p; }

        @Override
        public double quantile(double u) { return u < 1 - p ? 0 : 1; }

        @Override
        public String describe() { return "bernoulli distribution (p " + ScenarioReader.fmt(p) + ")"; }
    }

    record Fixed(double value) implements Distribution {
        @Override
        public double sample(SplittableRandom rnd) { return value; }

        @Override
        public double mean() { return value; }

        @Override
        public double quantile(double p) { return value; }

        @Override
        public String describe() { return "fixed value " + ScenarioReader.fmt(value); }
    }

    /** A standard normal draw (Box–Muller, both uniforms from the draw's own stream). */
    static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /** Φ(x), the standard normal distribution function (from erfc, fractional error < 1.2e-7; Numerical Recipes 6.2). */
    static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1.0 / (1.0 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    /** Φ⁻¹(p), Acklam's rational approximation (relative error < 1.2e-9). */
    static double probit(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double q;
        if (p < 0.02425) {
            q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425) return -probit(1 - p);
        q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
