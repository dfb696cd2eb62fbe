package lodestone.finance.valuation;

/** NPV and IRR of fixed annual flows (flow t at the end of year t, t = 1..n; or t = 0..n−1 with {@link #npv0}). */
public final class Dcf {
    private Dcf() {
    }

    /** Σ flows[t]·(1 + r)^−(t+1): flows at the end of years 1..n. */
    public static double npv(double[] flows, double r) {
        double d = 1, s = 0;
        for (double f : flows) {
            d /= 1 + r;
            s += f * d;
        }
        return s;
    }

    /** Σ flows[t]·(1 + r)^−t: the first flow today (undiscounted). */
    public static double npv0(double[] flows, double r) {
        return npv(flows, r) * (1 + r);
    }

    /**
     * The internal rate of return: the largest root of Σ flows[t]·(1 + x)^−(t+1) in [−0.99, 10] — the
     * NPV is scanned down a fixed grid of rates from 10 for the first rate where it is ≥ 0, and the root
     * in that bracket found by Newton's method safeguarded by bisection (it never leaves the bracket). NaN
     * when the NPV is already ≥ 0 at 1,000 % or never reaches 0 down to −99 % (no IRR, e.g. flows that
     * never repay, or flows that are all 0). A late negative flow (a loss in the last year) no longer hides the IRR.
     */
    public static double irr(double[] flows) {
        return irr(flows, flows.length);
    }

    /** Rates scanned from the top for the first bracket where the NPV turns non-negative (the largest root). */
    private static final double[] GRID = {10, 5, 2, 1, 0.6, 0.4, 0.3, 0.2, 0.15, 0.1, 0.07, 0.04, 0.02, 0, -0.03, -0.07, -0.15, -0.3, -0.5, -0.7, -0.85, -0.95, -0.99};

    public static double irr(double[] flows, int n) {
        // flows that are all 0 have an NPV of 0 at every rate: no IRR (it read 1,000 %, the top of the grid)
        boolean any = false;
        for (int t = 0; t < n && !any; t++) any = flows[t] != 0;
        if (!any) return Double.NaN;
        double hi = GRID[0];
        double fhi = npvN(flows, n, hi);
        if (Double.isNaN(fhi) || fhi >= 0) return fhi == 0 ? hi : Double.NaN;
        double lo = Double.NaN, flo = Double.NaN;
        for (int k = 1; k < GRID.length; k++) {
            double f = npvN(flows, n, GRID[k]);
            if (f >= 0) {
                lo = GRID[k];
                flo = f;
                break;
            }
            hi = GRID[k];
            fhi = f;
        }
        if (Double.isNaN(lo)) return Double.NaN;
        if (flo == 0) return lo;
        // NPV(lo) > 0 > NPV(hi): Newton safeguarded by bisection inside [lo, hi]
        double x = (lo + hi) / 2;
        for (int it = 0; it < 200; it++) {
            double v = 1 / (1 + x), d = 1, f = 0, fp = 0;
            for (int t = 0; t < n; t++) {
                d *= v;
                f += flows[t] * d;
                fp -= (t + 1) * flows[t] * d * v;
            }
            if (f == 0) return x;
            if (f > 0) lo = x; else hi = x;
            double nx = fp != 0 ? x - f / fp : Double.NaN;
            if (!(nx > lo && nx < hi)) nx = (lo + hi) / 2;
            if (Math.abs(nx - x) <= 1e-15 * Math.max(1, Math.abs(x)) || hi - lo <= 1e-15 * Math.max(1, Math.abs(x))) return nx;
            x = nx;
        }
        return x;
    }

    private static double npvN(double[] flows, int n, double r) {
        double d = 1, s = 0;
        for (int t = 0; t < n; t++) {
            d /= 1 + r;
            s += flows[t] * d;
        }
        return s;
    }
}
