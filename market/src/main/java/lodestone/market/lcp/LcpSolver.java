package lodestone.market.lcp;

/**
 * Solves the linear complementarity problem LCP(q, M): find z ≥ 0 with w = Mz + q ≥ 0 and z·w = 0,
 * by Lemke's method with a lexicographic ratio test (see {@link Lemke}).
 *
 * <p>The default certificate tolerance is 1e-9 · max(1, ‖q‖∞) on max_i |min(z_i, w_i)|: a solution is
 * returned only when its residual, recomputed from M and q, is within it.
 */
public final class LcpSolver {
    private LcpSolver() {
    }

    public static LcpResult solve(double[][] m, double[] q) {
        return solve(m, q, null);
    }

    /** Solves from a warm start (a previous solution's basis); {@code warm} may be null. */
    public static LcpResult solve(double[][] m, double[] q, WarmStart warm) {
        return solve(m, q, warm, defaultTolerance(q));
    }

    public static LcpResult solve(double[][] m, double[] q, WarmStart warm, double tolerance) {
        check(m, q);
        return solve(SparseMatrix.of(m), q, warm, tolerance);
    }

    /** The same for M given by its non-zeros (as the Newton LCPs of a market are built). */
    public static LcpResult solve(SparseMatrix m, double[] q, WarmStart warm, double tolerance) {
        int n = q.length;
        if (m.size() != n) throw new IllegalArgumentException("M has " + m.size() + " rows but q has " + n + " entries");
        for (int i = 0; i < n; i++) if (!Double.isFinite(q[i])) throw new IllegalArgumentException("q[" + (i + 1) + "] is not a finite number");
        for (int k = 0; k < m.nonZeros(); k++) {
            if (!Double.isFinite(m.values[k])) throw new IllegalArgumentException("M holds a non-finite number");
        }
        return new Lemke(m, q, tolerance, 50 * (n + 10)).solve(warm == null ? null : warm.zBasic());
    }

    static double defaultTolerance(double[] q) {
        double s = 1;
        for (double v : q) s = Math.max(s, Math.abs(v));
        return 1e-9 * s;
    }

    private static void check(double[][] m, double[] q) {
        int n = q.length;
        if (m.length != n) {
            throw new IllegalArgumentException("M has " + m.length + " rows but q has " + n + " entries");
        }
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                throw new IllegalArgumentException("row " + (i + 1) + " of M has " + m[i].length + " entries, expected " + n);
            }
            if (!Double.isFinite(q[i])) throw new IllegalArgumentException("q[" + (i + 1) + "] is not a finite number");
            for (double v : m[i]) {
                if (!Double.isFinite(v)) throw new IllegalArgumentException("row " + (i + 1) + " of M holds a non-finite number");
            }
        }
    }
}
