package lodestone.finance.valuation;

/**
 * Black (1976) prices of European options on a forward: the closed forms for a price floor (a put), a
 * price cap (a call) and a floor with a share of the upside returned (put − share·call). A floor paid
 * each year on a lognormal price is a strip of such puts, one per year with that year's forward and
 * log-variance; {@link PriceProcess#forward} and {@link PriceProcess#logVariance} supply both.
 */
public final class Black76 {
    private Black76() {
    }

    /** e^{−rT}·E[max(K − F·e^{−v/2 + √v·Z}, 0)] with total log-variance v = σ²T and discount factor df. */
    public static double putOnVariance(double forward, double strike, double totalVariance, double df) {
        if (strike <= 0) return 0;
        if (totalVariance <= 0) return df * Math.max(strike - forward, 0);
        double sd = Math.sqrt(totalVariance);
        double d1 = (Math.log(forward / strike) + totalVariance / 2) / sd;
        double d2 = d1 - sd;
        return df * (strike * Normal.cdf(-d2) - forward * Normal.cdf(-d1));
    }

    public static double callOnVariance(double forward, double strike, double totalVariance, double df) {
        // put–call parity on a forward: C − P = df·(F − K)
        return putOnVariance(forward, strike, totalVariance, df) + df * (forward - strike);
    }

    /** Black-76 put with volatility σ, expiry T (years) and continuously compounded rate r. */
    public static double put(double forward, double strike, double sigma, double t, double rCont) {
        return putOnVariance(forward, strike, sigma * sigma * t, Math.exp(-rCont * t));
    }

    public static double call(double forward, double strike, double sigma, double t, double rCont) {
        return callOnVariance(forward, strike, sigma * sigma * t, Math.exp(-rCont * t));
    }
}
