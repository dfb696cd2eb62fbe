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
     * The internal rate of return: the largest root of Σ flows[t]·(1 + x)^−(t+1) in [−0.99, 10], above which the NPV is
     * negative; NaN when there is none there (flows that never repay, flows that are all 0 or of one sign) or when the NPV
     * is already ≥ 0 at 1,000 % (flows that are positive first, e.g. an operating plant's: no rate makes them a loss).
     *
     * <p>Flows that change sign once, from negative to positive (an investment), have exactly one root (Descartes' rule of
     * signs): the NPV is scanned down a fixed grid of rates from 10 for the first rate where it is ≥ 0, and the root in
     * that bracket found by Newton's method safeguarded by bisection. Any other flows (several sign changes) may have
     * several roots, which a grid can step over — a pair of roots between two of its points (11 % and
     * 13 %) was answered "no IRR", and a root below a larger pair (5 % below 11 % and 13 %) was answered as the IRR; these
     * are searched by {@link #largestRoot}, which excludes an interval only where a bound on the NPV's slope proves it
     * has no root there.
     */
    public static double irr(double[] flows) {
        return irr(flows, flows.length);
    }

    /** Rates scanned from the top for the first bracket where the NPV turns non-negative (the largest root). */
    private static final double[] GRID = {10, 5, 2, 1, 0.6, 0.4, 0.3, 0.2, 0.15, 0.1, 0.07, 0.04, 0.02, 0, -0.03, -0.07, -0.15, -0.3, -0.5, -0.7, -0.85, -0.95, -0.99};

    public static double irr(double[] flows, int n) {
        // flows that are all 0 have an NPV of 0 at every rate: no IRR (it read 1,000 %, the top of the grid)
        boolean any = false;
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(flows[t])) return Double.NaN;
            any |= flows[t] != 0;
        }
        if (!any) return Double.NaN;
        int changes = 0;
        double first = 0, last = 0;
        for (int t = 0; t < n; t++) {
            if (flows[t] == 0) continue;
            if (first == 0) first = flows[t];
            else if ((flows[t] > 0) != (last > 0)) changes++;
            last = flows[t];
        }
        if (changes == 0) return Double.NaN;
        double hi = GRID[0];
        double fhi = npvN(flows, n, hi);
        if (Double.isNaN(fhi) || fhi >= 0) return fhi == 0 ? hi : Double.NaN;
        if (changes > 1 || first > 0) return largestRoot(flows, n);
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

    /** The lowest and highest 1 + x searched (x from −99 % to 1,000 %). */
    private static final double Y_LO = 0.01, Y_HI = 11;
    /** An interval narrower than this (relative to its upper end) is not divided further. */
    private static final double LEAF = 1e-10;

    /**
     * The largest root in [−0.99, 10] of any flows, or NaN. With y = 1 + x the NPV times y^n is the polynomial
     * Q(y) = Σ flows[t]·y^(n−1−t), of the NPV's sign for y > 0. Intervals of y are searched from the top: an interval
     * [a, b] with midpoint m and half-width h has no root when |Q(m)| exceeds h·Σ |flows[t]|·(n−1−t)·b^(n−2−t) (a bound on
     * |Q'| there) plus the rounding of Q(m); otherwise its upper half is searched before its lower. An interval narrower
     * than {@link #LEAF} × b that cannot be excluded holds the root when Q changes sign across it (then polished to
     * machine precision), or touches 0 when |Q(m)| is within rounding of it.
     */
    static double largestRoot(double[] flows, int n) {
        double y = search(flows, n, Y_LO, Y_HI);
        return Double.isNaN(y) ? Double.NaN : y - 1;
    }

    private static double search(double[] f, int n, double a, double b) {
        double m = (a + b) / 2, h = (b - a) / 2;
        double q = 0, abs = 0, slope = 0, qb = 0;
        // Horner: Q(m), Σ|f|·m^(n−1−t) (the rounding scale) and Σ|f|·(n−1−t)·b^(n−2−t) (the slope bound)
        for (int t = 0; t < n; t++) {
            slope = slope * b + qb;
            qb = qb * b + Math.abs(f[t]);
            q = q * m + f[t];
            abs = abs * m + Math.abs(f[t]);
        }
        double rounding = 4 * n * Math.ulp(1.0) * abs;
        if (Math.abs(q) > h * slope + rounding) return Double.NaN;
        if (h <= LEAF * b) {
            double qa = poly(f, n, a), qhi = poly(f, n, b);
            if (qhi == 0) return b;
            if ((qa > 0) != (qhi > 0) || qa == 0) return polish(f, n, a, b, qa);
            return Math.abs(q) <= rounding ? m : Double.NaN;
        }
        double upper = search(f, n, m, b);
        return Double.isNaN(upper) ? search(f, n, a, m) : upper;
    }

    /** Q(y) = Σ f[t]·y^(n−1−t). */
    private static double poly(double[] f, int n, double y) {
        double q = 0;
        for (int t = 0; t < n; t++) q = q * y + f[t];
        return q;
    }

    /** The root of Q in [a, b], where Q(a) (given) and Q(b) differ in sign: bisection to the last bit. */
    private static double polish(double[] f, int n, double a, double b, double qa) {
        if (qa == 0) return a;
        boolean aPositive = qa > 0;
        for (int it = 0; it < 200; it++) {
            double m = (a + b) / 2;
            if (m <= a || m >= b) break;
            double q = poly(f, n, m);
            if (q == 0) return m;
            if ((q > 0) == aPositive) a = m; else b = m;
        }
        return (a + b) / 2;
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
