package lodestone.finance.valuation;

/**
 * Senior debt of {@code amount} (millions) at annual {@code rate}, repaid over {@code tenor} years
 * starting {@code grace} years after the first operating year, as an annuity (level debt service) or
 * with level principal. Drawn during construction; interest during construction is assumed
 * capitalised into {@code amount}. The project NPV is unlevered; debt enters the DSCR.
 */
public record Debt(double amount, double rate, int tenor, int grace, Schedule schedule) {
    public enum Schedule { ANNUITY, LEVEL_PRINCIPAL }

    public Debt {
        if (!(amount >= 0)) throw new IllegalArgumentException("debt amount must be ≥ 0, got " + amount);
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("debt rate must be in [0, 1), got " + rate);
        if (tenor < 1) throw new IllegalArgumentException("debt tenor must be ≥ 1 year, got " + tenor);
        if (grace < 0) throw new IllegalArgumentException("grace years must be ≥ 0, got " + grace);
    }

    /** Debt service (interest + principal) in each year 1..years, given the first operating year. */
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
}
