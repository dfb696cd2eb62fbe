package lodestone.finance.valuation;

/**
 * Senior debt of {@code amount} (millions) at annual {@code rate}, repaid over {@code tenor} years
 * starting {@code grace} years after the first operating year, as an annuity (level debt service) or
 * with level principal. Drawn during construction; interest during construction is assumed
 * capitalised into {@code amount}. The project NPV is unlevered; debt enters the DSCR.
 *
 * <p>The rate is the contract's, nominal; the valuation's money is real (constant dollars of year 0). With
 * {@code inflation} i the service due at the end of year t is worth service/(1 + i)^t of that money
 * ({@link #realService}), and CFADS is sized against it at the real rate (1 + rate)/(1 + i) − 1
 * ({@link #realRate}). An inflation of 0 takes the rate as real.
 */
public record Debt(double amount, double rate, int tenor, int grace, Schedule schedule, double inflation) {
    public enum Schedule { ANNUITY, LEVEL_PRINCIPAL }

    public Debt {
        if (!(amount >= 0)) throw new IllegalArgumentException("debt amount must be ≥ 0, got " + amount);
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("debt rate must be in [0, 1), got " + rate);
        if (tenor < 1) throw new IllegalArgumentException("debt tenor must be ≥ 1 year, got " + tenor);
        if (grace < 0) throw new IllegalArgumentException("grace years must be ≥ 0, got " + grace);
        if (!(inflation > -1 && inflation < 1)) throw new IllegalArgumentException("inflation must be in (−1, 1), got " + inflation);
    }

    /** A debt whose rate is taken as real (no inflation). */
    public Debt(double amount, double rate, int tenor, int grace, Schedule schedule) {
        this(amount, rate, tenor, grace, schedule, 0);
    }

    /** The rate in real terms: (1 + rate)/(1 + inflation) − 1. */
    public double realRate() {
        return (1 + rate) / (1 + inflation) - 1;
    }

    /** Debt service (interest + principal) in each year 1..years, given the first operating year: nominal, as the contract sets it. */
    public double[] service(int years, int firstOperatingYear) {
        double[] ds = new double[years];
        double outstanding = amount;
        int start = firstOperatingYear + grace;
        for (int y = firstOperatingYear; y <= years && y < start; y++) ds[y - 1] = outstanding * rate; // interest-only grace
        double annuity = rate == 0 ? amount / tenor : amount * rate / (1 - Math.pow(1 + rate, -tenor));
        for (int k = 0; k < tenor; k++) {
            int y = start + k;
            double interest = outstanding * rate;
            double principal = schedule == Schedule.ANNUITY ? annuity - interest : amount / tenor;
            outstanding -= principal;
            if (y <= years) ds[y - 1] = interest + principal;
        }
        return ds;
    }

    /** {@link #service} in the valuation's real money: year t's service divided by (1 + inflation)^t. */
    public double[] realService(int years, int firstOperatingYear) {
        double[] ds = service(years, firstOperatingYear);
        double deflator = 1;
        for (int t = 0; t < years; t++) {
            deflator *= 1 + inflation;
            ds[t] /= deflator;
        }
        return ds;
    }
}
