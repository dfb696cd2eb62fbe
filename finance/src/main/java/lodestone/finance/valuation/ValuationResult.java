package lodestone.finance.valuation;

import java.util.List;

/**
 * What a valuation returns. Money in millions of the project's currency, prices in its price unit.
 * "with" is under the support structure, "without" at market prices alone, on the same price paths
 * (common random numbers), so {@code supportValue} is a paired difference with its own standard error.
 */
public record ValuationResult(
        String project, String support, String process, long paths, long seed, int threads, int years,
        Stats npvWith, Stats npvWithout, Stats irrWith, Stats irrWithout,
        long irrUndefinedWith, long irrUndefinedWithout,
        double probabilityOfLossWith, double probabilityOfLossWithout,
        Stats supportValue, Stats fiscalCost,
        Deterministic forwardCase,
        double breakevenPriceWithout, double breakevenPriceWith,
        Payback paybackWith, Payback paybackWithout,
        Dscr dscr, DebtCapacity debtCapacity,
        List<FanYear> fan, Histogram histogramWith, Histogram histogramWithout,
        long elapsedMillis) {

    /** The DCF on the forward curve E[P_t]: NPV and IRR with and without support, and the fiscal cost. */
    public record Deterministic(double[] forward, double npvWith, double npvWithout, double irrWith, double irrWithout,
                                double fiscalCost) { }

    /**
     * Payback year distribution: the median over every path (NaN when the median path never pays back: half the paths or
     * more), the mean over the paths that pay back, and the probability of never paying back within the horizon.
     */
    public record Payback(double medianYear, double meanYear, double probabilityNever) { }

    /**
     * DSCR over the repayment years under support, per path: min and average, summarised across paths
     * (mean, P10), and the probability that the minimum falls below 1 (a debt-service shortfall).
     * NaN without debt.
     */
    public record Dscr(double meanOfMin, double p10OfMin, double meanOfAverage, double probabilityMinBelowOne, double forwardMin,
                       double forwardAverage) { }

    /**
     * Sculpted debt capacity at a target DSCR: Σ CFADS_t/target discounted at the real debt rate ((1 + rate)/(1 + inflation) − 1;
     * {@code rate} is the contract's) over the tenor,
     * on the mean CFADS path and on the P10 CFADS of each year (a downside sizing case), under support
     * and without it.
     */
    public record DebtCapacity(double targetDscr, double rate, double inflation, double realRate, int tenor, double onMeanWith, double onP10With,
                               double onMeanWithout, double onP10Without) { }

    /** Per-year price percentiles: market price, and the effective price received under support. */
    public record FanYear(int year, double marketP10, double marketP50, double marketP90, double marketMean,
                          double effectiveP10, double effectiveP50, double effectiveP90) { }

    /** A histogram of NPV built from the sketch buckets: equal bins from lo to hi, counts below/above. */
    public record Histogram(double lo, double hi, long[] counts, long below, long above) { }
}
