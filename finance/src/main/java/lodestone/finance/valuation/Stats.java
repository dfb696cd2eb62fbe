package lodestone.finance.valuation;

/**
 * Summary of a simulated distribution: mean and its standard error (from streaming sums), quantiles
 * from a {@link QuantileSketch} (relative error {@code quantileRelativeError} against the exact order
 * statistic), and the count of values it covers.
 */
public record Stats(long n, double mean, double sd, double standardError, double p10, double p50, double p90,
                    double quantileRelativeError) {

    /** From Σ (v − c) and Σ (v − c)² about a value c near the mean (the sums' digits then measure the spread). */
    static Stats of(long n, double c, double sum, double sumSq, QuantileSketch q) {
        double mean = n == 0 ? Double.NaN : c + sum / n;
        double var = n < 2 ? 0 : Math.max(0, (sumSq - sum * sum / n) / (n - 1));
        double sd = Math.sqrt(var);
        return new Stats(n, mean, sd, n == 0 ? Double.NaN : sd / Math.sqrt(n),
                q == null ? Double.NaN : q.quantile(0.1), q == null ? Double.NaN : q.quantile(0.5),
                q == null ? Double.NaN : q.quantile(0.9), q == null ? 0 : q.relativeAccuracy());
    }
}
