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
     * 13 %) was answered "no IRR", and a root below a larger pair (5 % below 11 % and 13 %) was answered as the IRR; unless
     * the cumulative flows discounted at the bracket's lower rate change sign once ({@link #rootsAbove}: then one root lies
     * above it), these are searched by {@link #largestRoot}, which passes over an interval only where bounds on the NPV
     * and its slope prove it has no root there.
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
        boolean simple = changes == 1 && first < 0;
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
        if (Double.isNaN(lo)) {
            // negative at every grid rate: an investment's flows have no root; others may hide a pair between grid rates,
            // unless the cumulative flows discounted at −99 % never change sign (no root above −99 %, below)
            return simple || rootsAbove(flows, n, GRID[GRID.length - 1]) == 0 ? Double.NaN : largestRoot(flows, n);
        }
        // several roots above lo are possible unless the discounted cumulative flows at lo change sign once (below)
        if (!simple && rootsAbove(flows, n, lo) > 1) return largestRoot(flows, n);
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

    /**
     * A bound on the number of roots of the NPV at rates above ρ: the sign changes of the cumulative flows discounted at ρ,
     * G_m = Σ_{t≤m} flows[t]·(1 + ρ)^−(t+1). With w = (1 + ρ)/(1 + x), the NPV is Σ g_t·w^(t+1) and NPV/(1 − w) the power
     * series Σ G_m·w^(m+1) (its coefficients constant from m = n − 1 on), of the NPV's sign for w in (0, 1): by Descartes'
     * rule of signs its roots there, the NPV's roots above ρ, are at most the sign changes of the G_m (and as many less an
     * even number). A generalisation of Norstrom's criterion (one sign change of the undiscounted cumulative flows: one
     * positive IRR).
     */
    static int rootsAbove(double[] flows, int n, double rho) {
        double d = 1, g = 0, last = 0;
        int changes = 0;
        for (int t = 0; t < n; t++) {
            d /= 1 + rho;
            g += flows[t] * d;
            if (g == 0) continue;
            if (last != 0 && (g > 0) != (last > 0)) changes++;
            last = g;
        }
        return changes;
    }

    /** An interval of v narrower than this (relative) that cannot be decided holds the root when the NPV changes sign across it. */
    private static final double LEAF = 1e-12;
    /** How deep an interval of the grid is halved before it is decided by the signs at its ends. */
    private static final int MAX_DEPTH = 60;

    /**
     * The largest root in [−0.99, 10] of flows with several sign changes (the NPV is < 0 at 1,000 %), or NaN. In v = 1/(1 + x)
     * the NPV is N(v) = Σ flows[t]·v^(t+1) = N⁺(v) − N⁻(v), the positive and the negative flows apart, each increasing in v,
     * and so are the two parts of its derivative N'(v) = D⁺(v) − D⁻(v). On an interval [va, vb]: N has no root when
     * N⁺(vb) &lt; N⁻(va) or N⁺(va) &gt; N⁻(vb) (its sign is certain), and at most one when D⁺(vb) &lt; D⁻(va) or
     * D⁺(va) &gt; D⁻(vb) (it is monotone: a root is where the sign changes between the ends). The grid's intervals are taken
     * from the highest rate down; one that is neither is halved, its higher-rate half first. The first root found is the
     * largest.
     */
    private static double largestRoot(double[] flows, int n) {
        // the grid's intervals from the top; the first root found is the largest
        // (an interval whose lower rate has no root above it, by the discounted cumulative flows' sign changes, is passed over)
        double[] hi = null;
        for (int k = 1; k < GRID.length; k++) {
            if (rootsAbove(flows, n, GRID[k]) == 0) {
                hi = null;
                continue;
            }
            if (hi == null) hi = parts(flows, n, 1 / (1 + GRID[k - 1]));
            double[] lo = parts(flows, n, 1 / (1 + GRID[k]));
            double v = search(flows, n, hi, lo, 0);
            if (!Double.isNaN(v)) return 1 / v - 1;
            hi = lo;
        }
        return Double.NaN;
    }

    /** {v, N⁺(v), N⁻(v), D⁺(v), D⁻(v)}. */
    private static double[] parts(double[] f, int n, double v) {
        double np = 0, nm = 0, dp = 0, dm = 0, p = 1;
        for (int t = 0; t < n; t++) {
            // p = v^t: the flow's derivative term (t + 1)·f·v^t, then its value f·v^(t+1)
            if (f[t] > 0) dp += (t + 1) * f[t] * p;
            else dm -= (t + 1) * f[t] * p;
            p *= v;
            if (f[t] > 0) np += f[t] * p;
            else nm -= f[t] * p;
        }
        return new double[]{v, np, nm, dp, dm};
    }

    /** The largest root (as v) in [a[0], b[0]] (a at the higher rate: a[0] &lt; b[0]), or NaN. */
    private static double search(double[] f, int n, double[] a, double[] b, int depth) {
        double na = a[1] - a[2], nb = b[1] - b[2];
        if (na == 0) return a[0];
        if (b[1] < a[2] || a[1] > b[2]) return Double.NaN;                 // one sign throughout
        boolean change = (na > 0) != (nb > 0) || nb == 0;
        if (b[3] < a[4] || a[3] > b[4]) return change ? polish(f, n, a[0], b[0], na) : Double.NaN;   // monotone
        if (depth >= MAX_DEPTH || b[0] - a[0] <= LEAF * b[0]) return change ? polish(f, n, a[0], b[0], na) : Double.NaN;
        double[] m = parts(f, n, (a[0] + b[0]) / 2);
        double upper = search(f, n, a, m, depth + 1);
        return Double.isNaN(upper) ? search(f, n, m, b, depth + 1) : upper;
    }

    /** The root in [a, b] (as v) where N(a) (given) and N(b) differ in sign: Newton's method safeguarded by bisection. */
    private static double polish(double[] f, int n, double a, double b, double na) {
        boolean aPositive = na > 0;
        double x = (a + b) / 2;
        for (int it = 0; it < 200; it++) {
            double q = 0, dq = 0, p = 1;
            for (int t = 0; t < n; t++) {
                dq += (t + 1) * f[t] * p;
                p *= x;
                q += f[t] * p;
            }
            if (q == 0) return x;
            if ((q > 0) == aPositive) a = x; else b = x;
            double nx = dq != 0 ? x - q / dq : Double.NaN;
            if (!(nx > a && nx < b)) nx = (a + b) / 2;
            if (Math.abs(nx - x) <= 1e-15 * x || b - a <= 1e-15 * x) return nx;
            x = nx;
        }
        return x;
    }

    /** N(v) = Σ f[t]·v^(t+1). */
    private static double npvV(double[] f, int n, double v) {
        double s = 0, p = 1;
        for (int t = 0; t < n; t++) {
            p *= v;
            s += f[t] * p;
        }
        return s;
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
