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
     * The internal rate of return: the root of Σ flows[t]·(1 + x)^−(t+1) in (−0.99, 10], by Newton's method
     * safeguarded by bisection (it never leaves the bracket). NaN when the NPV does not change sign on
     * that interval (no IRR, e.g. flows that never repay). For flows that change sign more than once the
     * root in the bracket found first is returned.
     */
    public static double irr(double[] flows) {
        return irr(flows, flows.length);
    }

    public static double irr(double[] flows, int n) {
        double lo = -0.99, hi = 10;
        double flo = npvN(flows, n, lo), fhi = npvN(flows, n, hi);
        if (Double.isNaN(flo) || Double.isNaN(fhi) || flo * fhi > 0) return Double.NaN;
        if (flo == 0) return lo;
        if (fhi == 0) return hi;
        boolean increasing = fhi > flo;
        double x = 0.1;
        if (x <= lo || x >= hi) x = (lo + hi) / 2;
        for (int it = 0; it < 200; it++) {
            // value and derivative at x
            double v = 1 / (1 + x), d = 1, f = 0, fp = 0;
            for (int t = 0; t < n; t++) {
                d *= v;
                f += flows[t] * d;
                fp -= (t + 1) * flows[t] * d * v;
            }
            if (f == 0) return x;
            if ((f > 0) == increasing) hi = x; else lo = x;
            double nx = x - f / fp;
            if (!(nx > lo && nx < hi) || fp == 0) nx = (lo + hi) / 2;
            if (Math.abs(nx - x) <= 1e-15 * Math.max(1, Math.abs(x)) || hi - lo <= 1e-15) return nx;
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
