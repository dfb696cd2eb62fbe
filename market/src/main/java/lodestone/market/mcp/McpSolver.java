package lodestone.market.mcp;

import lodestone.market.lcp.LcpResult;
import lodestone.market.lcp.LcpSolver;
import lodestone.market.lcp.SparseMatrix;
import lodestone.market.lcp.WarmStart;

import java.util.Locale;

/**
 * Josephy–Newton method for box MCPs: at each iterate x_k the problem is linearised,
 * F(x_k) + J(x_k)(x − x_k) ⟂ x ∈ [l, u], and the linear MCP is solved exactly by Lemke's method
 * (Josephy 1979; the same scheme is PATH's core, Dirkse &amp; Ferris 1995). The step to the LCP
 * solution is damped by a backtracking (Armijo) line search on the merit function ½‖Φ‖², where Φ is
 * the Fischer–Burmeister function extended to boxes, Φ_i = φ(x_i − l_i, φ(u_i − x_i, −F_i)) with
 * φ(a, b) = √(a² + b²) − a − b (Billups 1995). Φ(x) = 0 exactly at a solution, so ‖Φ‖∞ is the
 * certificate: a result is returned as solved only when it is within the tolerance.
 *
 * <p>The linear box MCP is written as an LCP in (z, v): z = x − l, and for every finite upper bound a
 * multiplier v ⟂ (u − l) − z, so that F_lin = w_z − v. Each Newton LCP is warm-started from the
 * previous iteration's basis, so near the solution an iteration costs few pivots.
 *
 * <p>Scales: a problem with variable scales c and row scales r ({@link McpProblem}) is solved as the scaled
 * problem x̂ = x / c, F̂ = F / r, and ‖Φ‖∞ is that of the scaled problem — in a market, balances to a
 * fraction of world quantity and arbitrage rows to a fraction of the reference price. Unscaled, a market's
 * rows differ by four or five orders of magnitude: the Armijo test on ½‖Φ‖² then sees only the quantity
 * rows, an absolute 1e-9 on a balance of 10⁵ t is at the level of rounding, and Lemke's warm start meets
 * tiny basic flows (≈1e-6 t) whose sign flips between iterations, so it pivots to another vertex of a
 * non-unique linearised solution (where the equilibrium is not isolated) far from the iterate.
 */
public final class McpSolver {
    /** Default certificate: ‖Φ_FB‖∞ ≤ 1e-9 (of the scaled problem when it has scales). */
    public static final double DEFAULT_TOLERANCE = 1e-9;
    private static final int MAX_ITERATIONS = 100;
    private static final double ARMIJO = 1e-4;

    private McpSolver() {
    }

    public static McpResult solve(McpProblem p, double[] x0) {
        return solve(p, x0, DEFAULT_TOLERANCE);
    }

    public static McpResult solve(McpProblem p, double[] x0, double tolerance) {
        int n = p.size();
        if (x0.length != n) throw new IllegalArgumentException("start has " + x0.length + " entries, expected " + n);
        if (p.unscaled()) return solveUnscaled(p, x0, tolerance);
        // solved in the problem's units (x / c, F / r): the LCPs, the merit function and the certificate see every
        // row at its own scale (a market's balances in tonnes next to its arbitrage rows in USD/kg)
        double[] xh = new double[n];
        for (int i = 0; i < n; i++) xh[i] = x0[i] / p.cs(i);
        McpResult r = solveUnscaled(p.scaled(), xh, tolerance);
        if (!r.solved()) return r;
        double[] x = r.x();
        double[] f = r.f();
        for (int i = 0; i < n; i++) {
            x[i] *= p.cs(i);
            f[i] *= p.rs(i);
        }
        return new McpResult(McpResult.Status.SOLVED, x, f, r.residual(), r.iterations(), r.pivots(), "");
    }

    private static McpResult solveUnscaled(McpProblem p, double[] x0, double tolerance) {
        int n = p.size();
        int[] bounded = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (p.up(i) != Double.POSITIVE_INFINITY) bounded[m++] = i;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.min(p.up(i), Math.max(p.lo(i), x0[i]));
        double[] f = new double[n];
        SparseJacobian jf = SparseJacobian.of(p.function(), n);
        int[] jRowStart = jf.jacobianRowStart();
        int[] jCols = jf.jacobianColumns();
        double[] jVals = new double[jRowStart[n]];
        // the Newton LCP in (z, v), by its non-zeros: row i of J with a 1 in the column of x_i's multiplier;
        // the multiplier rows hold −1 in their variable's column
        int[] boundOf = new int[n];
        java.util.Arrays.fill(boundOf, -1);
        for (int k = 0; k < m; k++) boundOf[bounded[k]] = k;
        int[] rowStart = new int[n + m + 1];
        int[] colIndex = new int[Math.max(16, 4 * (n + m))];
        double[] values = new double[colIndex.length];
        double[] lq = new double[n + m];
        double[] trial = new double[n];
        double[] ftrial = new double[n];
        p.function().value(x, f);
        double merit = merit(p, x, f);
        int pivots = 0;
        WarmStart warm = null;
        for (int it = 0; it <= MAX_ITERATIONS; it++) {
            double res = fbNorm(p, x, f);
            if (res <= tolerance) {
                return new McpResult(McpResult.Status.SOLVED, x, f.clone(), res, it, pivots, "");
            }
            if (!Double.isFinite(res)) {
                return new McpResult(McpResult.Status.NOT_CONVERGED, null, null, res, it, pivots,
                        "F is not finite at iteration " + it);
            }
            if (it == MAX_ITERATIONS) break;
            jf.jacobianValues(x, jVals);
            // LCP in (z, v): [J  E; −Eᵀ 0] (z; v) + (F − J(x − l); u − l)
            int e = 0;
            for (int i = 0; i < n; i++) {
                double s = f[i];
                int from = jRowStart[i];
                int to = jRowStart[i + 1];
                if (e + (to - from) + 1 > colIndex.length) { // room for the row and its bound's multiplier
                    colIndex = java.util.Arrays.copyOf(colIndex, Math.max(2 * colIndex.length, e + (to - from) + 1));
                    values = java.util.Arrays.copyOf(values, colIndex.length);
                }
                for (int t = from; t < to; t++) {
                    int j = jCols[t];
                    double v = jVals[t];
                    if (v == 0) continue;
                    colIndex[e] = j;
                    values[e++] = v;
                    s -= v * (x[j] - p.lo(j));
                }
                if (boundOf[i] >= 0) {
                    colIndex[e] = n + boundOf[i];
                    values[e++] = 1;
                }
                lq[i] = s;
                rowStart[i + 1] = e;
            }
            if (e + m >= colIndex.length) {
                colIndex = java.util.Arrays.copyOf(colIndex, e + m + 1);
                values = java.util.Arrays.copyOf(values, colIndex.length);
            }
            for (int k = 0; k < m; k++) {
                int i = bounded[k];
                colIndex[e] = i;
                values[e++] = -1;
                rowStart[n + k + 1] = e;
                lq[n + k] = p.up(i) - p.lo(i);
            }
            SparseMatrix lm = new SparseMatrix(n + m, rowStart.clone(), java.util.Arrays.copyOf(colIndex, e), java.util.Arrays.copyOf(values, e));
            if (warm == null) warm = new WarmStart(startBasis(p, x, bounded, m));
            double lcpTol = 1e-11 * scale(lq);
            LcpResult lcp = LcpSolver.solve(lm, lq, warm, lcpTol);
            pivots += lcp.pivots();
            if (!lcp.solved()) {
                // a warm start is a different (principal pivot transformed) Lemke path; when it ends on a ray
                // the cold path may still find the solution (the Jacobian need not be copositive-plus)
                lcp = LcpSolver.solve(lm, lq, null, lcpTol);
                pivots += lcp.pivots();
            }
            if (!lcp.solved()) {
                String why = lcp.status() == LcpResult.Status.RAY_TERMINATION
                        ? "the linearised problem at iteration " + it + " has no solution (" + lcp.diagnosis() + ")"
                        : "the linearised problem at iteration " + it + " was not solved: " + lcp.diagnosis();
                int[] ray = java.util.Arrays.stream(lcp.rayVariables()).filter(v -> v < n).toArray();
                return new McpResult(lcp.status() == LcpResult.Status.RAY_TERMINATION ? McpResult.Status.NO_SOLUTION
                        : McpResult.Status.NOT_CONVERGED, null, null, res, it, pivots, why).withRay(ray);
            }
            warm = lcp.warmStart();
            double[] z = lcp.z();
            double t = 1;
            boolean accepted = false;
            while (t >= 1e-10) {
                for (int i = 0; i < n; i++) {
                    double target = Math.min(p.up(i), p.lo(i) + z[i]);
                    trial[i] = x[i] + t * (target - x[i]);
                }
                p.function().value(trial, ftrial);
                double mt = merit(p, trial, ftrial);
                if (mt <= (1 - 2 * ARMIJO * t) * merit) {
                    System.arraycopy(trial, 0, x, 0, n);
                    System.arraycopy(ftrial, 0, f, 0, n);
                    merit = mt;
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                return new McpResult(McpResult.Status.NOT_CONVERGED, null, null, res, it, pivots, String.format(Locale.ROOT,
                        "the line search failed at iteration %d with Fischer–Burmeister residual %.3g (no descent along the Newton direction)",
                        it, res));
            }
        }
        return new McpResult(McpResult.Status.NOT_CONVERGED, null, null, fbNorm(p, x, f), MAX_ITERATIONS, pivots,
                String.format(Locale.ROOT, "no convergence in %d Newton iterations (Fischer–Burmeister residual %.3g)",
                        MAX_ITERATIONS, fbNorm(p, x, f)));
    }

    /**
     * Certifies a point found by other means: F and the Fischer–Burmeister residual ‖Φ‖∞ (of the scaled
     * problem, as {@link #solve}) are computed from the problem's own data; the result is SOLVED only when the residual is within the tolerance
     * (else NOT_CONVERGED, with the residual in the diagnosis). {@code iterations} and {@code pivots} are
     * what finding x cost, reported as they are.
     */
    public static McpResult certify(McpProblem p, double[] x, int iterations, int pivots, double tolerance) {
        int n = p.size();
        double[] f = new double[n];
        p.function().value(x, f);
        double res = scaledNorm(p, x, f);
        if (res <= tolerance) return new McpResult(McpResult.Status.SOLVED, x.clone(), f, res, iterations, pivots, "");
        return new McpResult(McpResult.Status.NOT_CONVERGED, null, null, res, iterations, pivots, String.format(Locale.ROOT,
                "the point has Fischer–Burmeister residual %.3g above the tolerance %.3g", res, tolerance));
    }

    /** The certificate's figure at x where F(x) = f: ‖Φ‖∞ of the scaled problem (as {@link #certify} computes it). */
    public static double residual(McpProblem p, double[] x, double[] f) {
        return scaledNorm(p, x, f);
    }

    private static boolean[] startBasis(McpProblem p, double[] x, int[] bounded, int m) {
        int n = p.size();
        boolean[] b = new boolean[n + m];
        for (int i = 0; i < n; i++) b[i] = x[i] > p.lo(i);
        for (int k = 0; k < m; k++) {
            int i = bounded[k];
            if (x[i] >= p.up(i)) b[n + k] = true;
        }
        return b;
    }

    private static double scale(double[] v) {
        double s = 1;
        for (double d : v) s = Math.max(s, Math.abs(d));
        return s;
    }

    static double phi(double a, double b) {
        return norm(a, b) - a - b;
    }

    /**
     * √(a² + b²): directly when neither square can overflow (within an ulp of {@code Math.hypot}, several
     * times faster), else by {@code Math.hypot}. An underflowing square only loses digits far below any
     * tolerance.
     */
    public static double norm(double a, double b) {
        double aa = Math.abs(a);
        double bb = Math.abs(b);
        if (aa < 1e150 && bb < 1e150) return Math.sqrt(a * a + b * b);
        return Math.hypot(a, b);
    }

    /** Φ_i for the box [l_i, u_i] (Billups 1995); reduces to φ(x_i − l_i, F_i) when u_i = ∞. */
    static double fb(double x, double f, double l, double u) {
        if (u == Double.POSITIVE_INFINITY) return phi(x - l, f);
        return phi(x - l, phi(u - x, -f));
    }

    private static double merit(McpProblem p, double[] x, double[] f) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double v = fb(x[i], f[i], p.lo(i), p.up(i));
            s += v * v;
        }
        return 0.5 * s;
    }

    /** The certificate: ‖Φ‖∞ of the scaled problem, Φ_i = Φ(x_i / c_i, F_i / r_i) on [l_i / c_i, u_i / c_i]. */
    static double scaledNorm(McpProblem p, double[] x, double[] f) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double c = p.cs(i);
            s = Math.max(s, Math.abs(fb(x[i] / c, f[i] / p.rs(i), p.lo(i) / c, p.up(i) / c)));
        }
        return s;
    }

    private static double fbNorm(McpProblem p, double[] x, double[] f) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s = Math.max(s, Math.abs(fb(x[i], f[i], p.lo(i), p.up(i))));
        return s;
    }
}
