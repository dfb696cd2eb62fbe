package lodestone.market.lcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lemke's complementary pivoting method for LCP(q, M): find z ≥ 0 with w = Mz + q ≥ 0 and z·w = 0.
 *
 * <p>Revised form: the system is w − Mz − d·z0 = q with covering vector d; the solver keeps the
 * explicit inverse of the basis matrix and updates it by one elementary row transformation per pivot
 * (O(n²)), and computes the entering column from the sparse columns of M. Only the entering column is
 * ever formed, never the whole tableau (Lemke 1965; Cottle, Pang &amp; Stone, <i>The Linear
 * Complementarity Problem</i>, 1992, §4.4).
 *
 * <p>Degeneracy: the ratio test is lexicographic on the rows of (x̄, B⁻¹), which is Lemke's method
 * applied to q perturbed by (ε, ε², …, εⁿ); it cannot cycle (Cottle–Pang–Stone §4.9). When the artificial
 * variable z0 ties for leaving it is always chosen, which ends the run at a solution.
 *
 * <p>Warm start: from a complementary basis B (a previous solution), the covering vector is chosen as
 * d = B·e so that B⁻¹d = e; the first pivot is then the usual one on the transformed problem, which is a
 * principal pivot transform of the original (and keeps the P/PSD/sufficient properties Lemke relies on).
 *
 * <p>Certificate: the answer is z from the final basis after one step of iterative refinement;
 * w = Mz + q and max|min(z, w)| are recomputed from the original data, and the result is reported as
 * solved only when that residual is within the tolerance.
 */
final class Lemke {
    private final int n;
    private final SparseMatrix m;
    private final double[] q;
    private final double tolerance;
    private final int maxPivots;
    // the columns of M: rows and values of the non-zeros of column j at colStart[j] .. colStart[j+1]-1
    private final int[] colStart;
    private final int[] colRows;
    private final double[] colVals;

    // basis[i] = variable basic in row i: 0..n-1 = w_i, n..2n-1 = z_i, 2n = z0
    private final int[] basis;
    private double[][] binv;
    private double[] x;
    private double[] d;
    private int pivots;
    // Column j of B⁻¹ is the unit vector e_{rowOfW[j]} while w_j is basic (B e_row = e_j); only the other
    // columns ("active": w_j non-basic) change in a pivot, so a pivot costs O(n·k), k = #active ≤ n.
    private boolean[] active;
    private int[] activeList;
    private int activeCount;
    private int[] rowOfW;
    private int[] nonZero;
    /** Scratch for the rows tied in a ratio test. */
    private final int[] ties;

    Lemke(SparseMatrix m, double[] q, double tolerance, int maxPivots) {
        this.n = q.length;
        this.m = m;
        this.q = q;
        this.tolerance = tolerance;
        this.maxPivots = maxPivots;
        this.colStart = m.colStart;
        this.colRows = m.rowIndex;
        this.colVals = m.colValues;
        this.basis = new int[n];
        this.ties = new int[n];
    }

    LcpResult solve(boolean[] warm) {
        if (n == 0) {
            return new LcpResult(LcpResult.Status.SOLVED, new double[0], new double[0], 0, 0, new boolean[0], "", new int[0]);
        }
        if (warm == null || warm.length != n || !startFrom(warm)) {
            coldStart();
        }
        int z0 = 2 * n;
        if (minIndex() < 0) {
            return finish();
        }
        // first pivot: z0 enters with transformed column −e; the leaving row is the lexicographically
        // most negative row of (x̄, B⁻¹)
        int r = 0;
        for (int i = 1; i < n; i++) {
            if (lexLess(i, r)) r = i;
        }
        double[] a = new double[n];
        Arrays.fill(a, -1.0);
        int leaving = basis[r];
        pivot(r, z0, a);
        while (true) {
            int entering = leaving < n ? leaving + n : leaving - n;
            column(entering, a);
            r = ratioTest(a);
            if (r < 0) {
                return ray(entering, a);
            }
            leaving = basis[r];
            pivot(r, entering, a);
            if (leaving == z0) {
                return finish();
            }
            if (pivots >= maxPivots) {
                return new LcpResult(LcpResult.Status.PIVOT_LIMIT, null, null, Double.NaN, pivots, null,
                        "no solution found within " + maxPivots + " pivots", new int[0]);
            }
        }
    }

    private void resetActive() {
        active = new boolean[n];
        activeList = new int[n];
        nonZero = new int[n];
        activeCount = 0;
        rowOfW = new int[n];
        java.util.Arrays.fill(rowOfW, -1);
        for (int i = 0; i < n; i++) {
            int v = basis[i];
            if (v < n) rowOfW[v] = i;
        }
        for (int j = 0; j < n; j++) {
            if (rowOfW[j] < 0) {
                active[j] = true;
                activeList[activeCount++] = j;
            }
            // (a column of a basic w is already the unit vector e_{rowOfW[j]} in both starts that call this)
        }
    }

    private void coldStart() {
        binv = new double[n][n];
        for (int i = 0; i < n; i++) {
            binv[i][i] = 1;
            basis[i] = i;
        }
        resetActive();
        x = q.clone();
        d = new double[n];
        Arrays.fill(d, 1.0);
    }

    /**
     * Factors the complementary basis given by {@code zBasic}; false when it is singular. With S the k
     * basic z's (their w's are the non-basic ones, rows R = S), B = [−M[:,S] | I[:,W]] and only the k×k
     * block −M[S,S] needs inverting: B⁻¹ has rows P = (−M[S,S])⁻¹ on R and M[W,S]·P on W (O(k³ + nnz·k)).
     */
    private boolean startFrom(boolean[] zBasic) {
        int k = 0;
        int[] zs = new int[n];
        // pos[j]: the place of z_j among the basic z's, or −1
        int[] pos = new int[n];
        for (int j = 0; j < n; j++) {
            if (zBasic[j]) {
                pos[j] = k;
                zs[k++] = j;
            } else {
                pos[j] = -1;
            }
        }
        int[] rs = m.rowStart;
        int[] ci = m.colIndex;
        double[] mv = m.values;
        double[][] c = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int e = rs[zs[i]]; e < rs[zs[i] + 1]; e++) if (pos[ci[e]] >= 0) c[i][pos[ci[e]]] = -mv[e];
        }
        double[][] p = k == 0 ? new double[0][0] : invert(c);
        if (p == null) return false;
        double[][] inv = new double[n][n];
        double[] dd = new double[n];
        for (int j = 0; j < n; j++) basis[j] = zBasic[j] ? n + j : j;
        for (int i = 0; i < k; i++) {
            double[] row = inv[zs[i]];
            for (int l = 0; l < k; l++) row[zs[l]] = p[i][l];
        }
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int e = rs[t]; e < rs[t + 1]; e++) if (pos[ci[e]] >= 0) s -= mv[e];
            if (zBasic[t]) {
                dd[t] = s;
                continue;
            }
            dd[t] = s + 1;
            double[] row = inv[t];
            row[t] = 1;
            for (int e = rs[t]; e < rs[t + 1]; e++) {
                int i = pos[ci[e]];
                if (i < 0 || mv[e] == 0) continue;
                double v = mv[e];
                double[] pi = p[i];
                for (int l = 0; l < k; l++) row[zs[l]] += v * pi[l];
            }
        }
        binv = inv;
        d = dd;
        x = new double[n];
        for (int i = 0; i < n; i++) {
            double[] bi = inv[i];
            double s = 0;
            for (int t = 0; t < n; t++) s += bi[t] * q[t];
            x[i] = s;
        }
        resetActive();
        return true;
    }

    /** Index of a negative basic value, or −1 when the basis is feasible. */
    private int minIndex() {
        int idx = -1;
        double min = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] < min) {
                min = x[i];
                idx = i;
            }
        }
        return idx;
    }

    private boolean lexLess(int i, int k) {
        if (x[i] != x[k]) return x[i] < x[k];
        for (int j = 0; j < n; j++) {
            if (binv[i][j] != binv[k][j]) return binv[i][j] < binv[k][j];
        }
        return false;
    }

    /** The entering variable's column in the current basis: a = B⁻¹ A_v. */
    private void column(int v, double[] a) {
        if (v < n) {
            if (active[v]) {
                for (int i = 0; i < n; i++) a[i] = binv[i][v];
            } else {
                Arrays.fill(a, 0);
                a[rowOfW[v]] = 1;
            }
        } else if (v < 2 * n) {
            int j = v - n;
            Arrays.fill(a, 0);
            for (int k = colStart[j]; k < colStart[j + 1]; k++) {
                int m = colRows[k];
                double val = colVals[k];
                if (active[m]) {
                    for (int i = 0; i < n; i++) a[i] -= binv[i][m] * val;
                } else {
                    a[rowOfW[m]] -= val;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                double[] bi = binv[i];
                double s = 0;
                for (int k = 0; k < n; k++) s -= bi[k] * d[k];
                a[i] = s;
            }
        }
    }

    private int ratioTest(double[] a) {
        double amax = 0;
        for (double v : a) amax = Math.max(amax, Math.abs(v));
        double ptol = 1e-11 * Math.max(1.0, amax);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (a[i] > ptol) {
                double ratio = Math.max(x[i], 0) / a[i];
                if (ratio < best) best = ratio;
            }
        }
        if (best == Double.POSITIVE_INFINITY) return -1;
        double tieTol = 1e-12 * (1 + Math.abs(best));
        int nt = 0;
        for (int i = 0; i < n; i++) {
            if (a[i] > ptol && Math.max(x[i], 0) / a[i] <= best + tieTol) {
                if (basis[i] == 2 * n) return i; // z0 leaves: a solution
                ties[nt++] = i;
            }
        }
        for (int j = 0; j < n && nt > 1; j++) {
            double min = Double.POSITIVE_INFINITY;
            for (int t = 0; t < nt; t++) min = Math.min(min, binv[ties[t]][j] / a[ties[t]]);
            double tol = 1e-12 * (1 + Math.abs(min));
            int kept = 0;
            for (int t = 0; t < nt; t++) {
                if (binv[ties[t]][j] / a[ties[t]] <= min + tol) ties[kept++] = ties[t];
            }
            nt = kept;
        }
        return ties[0];
    }

    private void pivot(int r, int entering, double[] a) {
        int leaving = basis[r];
        if (leaving < n) {
            active[leaving] = true;
            activeList[activeCount++] = leaving;
            rowOfW[leaving] = -1;
        }
        double piv = a[r];
        double[] br = binv[r];
        // the pivot row of B⁻¹ is sparse for network-like bases: update only its non-zero columns
        int[] cols = nonZero;
        int k = 0;
        for (int c = 0; c < activeCount; c++) {
            int col = activeList[c];
            if (br[col] != 0) {
                br[col] /= piv;
                cols[k++] = col;
            }
        }
        x[r] /= piv;
        double xr = x[r];
        for (int i = 0; i < n; i++) {
            if (i == r) continue;
            double f = a[i];
            if (f == 0) continue;
            double[] bi = binv[i];
            for (int c = 0; c < k; c++) {
                int col = cols[c];
                bi[col] -= f * br[col];
            }
            x[i] -= f * xr;
        }
        basis[r] = entering;
        if (entering < n) {
            // B⁻¹ e_j = e_r exactly once w_j is basic in row r
            for (int i = 0; i < n; i++) binv[i][entering] = 0;
            binv[r][entering] = 1;
            active[entering] = false;
            rowOfW[entering] = r;
            for (int c = 0; c < activeCount; c++) {
                if (activeList[c] == entering) {
                    activeList[c] = activeList[--activeCount];
                    break;
                }
            }
        }
        pivots++;
    }

    private LcpResult ray(int entering, double[] a) {
        List<Integer> growing = new ArrayList<>();
        if (entering >= n && entering < 2 * n) growing.add(entering - n);
        double ptol = 1e-11;
        double z0 = 0;
        for (int i = 0; i < n; i++) {
            if (basis[i] == 2 * n) z0 = x[i];
            if (basis[i] >= n && basis[i] < 2 * n && a[i] < -ptol) growing.add(basis[i] - n);
        }
        growing.sort(null);
        String enteringName = entering < n ? "w" + (entering + 1) : "z" + (entering - n + 1);
        String diagnosis = String.format(java.util.Locale.ROOT,
                "ray termination after %d pivots: %s can increase without bound while the artificial variable"
                        + " is still %.6g; for a copositive-plus M (e.g. positive semidefinite) this proves that"
                        + " no z ≥ 0 with Mz + q ≥ 0 exists", pivots, enteringName, z0);
        return new LcpResult(LcpResult.Status.RAY_TERMINATION, null, null, Double.NaN, pivots, null, diagnosis,
                growing.stream().mapToInt(Integer::intValue).toArray());
    }

    private LcpResult finish() {
        refine();
        double[] z = new double[n];
        boolean[] zBasic = new boolean[n];
        for (int i = 0; i < n; i++) {
            int v = basis[i];
            if (v >= n && v < 2 * n) {
                z[v - n] = Math.max(0, x[i]);
                zBasic[v - n] = true;
            }
        }
        double[] w = new double[n];
        m.multiplyAdd(z, q, w);
        double residual = 0;
        for (int i = 0; i < n; i++) residual = Math.max(residual, Math.abs(Math.min(z[i], w[i])));
        if (!(residual <= tolerance)) {
            return new LcpResult(LcpResult.Status.NOT_CERTIFIED, z, w, residual, pivots, zBasic, String.format(
                    java.util.Locale.ROOT, "the final basis has complementarity residual %.3g above the tolerance %.3g"
                            + " (ill-conditioned problem)", residual, tolerance), new int[0]);
        }
        return new LcpResult(LcpResult.Status.SOLVED, z, w, residual, pivots, zBasic, "", new int[0]);
    }

    /** One step of iterative refinement of x̄ against the original columns: x̄ += B⁻¹ (q − B x̄). */
    private void refine() {
        double[] r = q.clone();
        for (int i = 0; i < n; i++) {
            int v = basis[i];
            double xv = x[i];
            if (xv == 0) continue;
            if (v < n) {
                r[v] -= xv;
            } else if (v < 2 * n) {
                int j = v - n;
                for (int k = colStart[j]; k < colStart[j + 1]; k++) r[colRows[k]] += colVals[k] * xv;
            } else {
                for (int k = 0; k < n; k++) r[k] += d[k] * xv;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            double[] bi = binv[i];
            for (int k = 0; k < n; k++) s += bi[k] * r[k];
            x[i] += s;
        }
    }

    /**
     * Gauss–Jordan inverse with partial pivoting; null when the matrix is (numerically) singular. The
     * matrices inverted here (a start basis's z-block) have a few non-zeros per row, so each elimination
     * step touches only the non-zero columns of the pivot row, of the matrix and of the inverse alike. The
     * rows of {@code w} are overwritten (and reordered).
     */
    static double[][] invert(double[][] w) {
        int n = w.length;
        double[][] inv = new double[n][n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            inv[i][i] = 1;
            for (double v : w[i]) scale = Math.max(scale, Math.abs(v));
        }
        int[] nzW = new int[n];
        int[] nzI = new int[n];
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int i = c + 1; i < n; i++) {
                if (Math.abs(w[i][c]) > Math.abs(w[p][c])) p = i;
            }
            if (Math.abs(w[p][c]) <= 1e-12 * Math.max(1, scale)) return null;
            double[] t = w[p]; w[p] = w[c]; w[c] = t;
            t = inv[p]; inv[p] = inv[c]; inv[c] = t;
            double[] wc = w[c];
            double[] ic = inv[c];
            double piv = wc[c];
            // columns left of c are already zero in every row but their pivot rows
            int kw = 0;
            for (int k = c; k < n; k++) {
                if (wc[k] != 0) {
                    wc[k] /= piv;
                    nzW[kw++] = k;
                }
            }
            int ki = 0;
            for (int k = 0; k < n; k++) {
                if (ic[k] != 0) {
                    ic[k] /= piv;
                    nzI[ki++] = k;
                }
            }
            for (int i = 0; i < n; i++) {
                if (i == c) continue;
                double[] wi = w[i];
                double f = wi[c];
                if (f == 0) continue;
                for (int e = 0; e < kw; e++) {
                    int k = nzW[e];
                    wi[k] -= f * wc[k];
                }
                double[] ii = inv[i];
                for (int e = 0; e < ki; e++) {
                    int k = nzI[e];
                    ii[k] -= f * ic[k];
                }
            }
        }
        return inv;
    }
}
