package lodestone.market.mcp;

import java.util.Arrays;

/**
 * A box-constrained mixed complementarity problem MCP(F, [l, u]): find x with l ≤ x ≤ u such that for
 * each i, x_i = l_i ⇒ F_i(x) ≥ 0, x_i = u_i ⇒ F_i(x) ≤ 0, l_i &lt; x_i &lt; u_i ⇒ F_i(x) = 0.
 * Lower bounds must be finite (every economic variable here is non-negative); an upper bound may be
 * {@code Double.POSITIVE_INFINITY}.
 */
public record McpProblem(int size, double[] lower, double[] upper, McpFunction function, double[] variableScale, double[] rowScale) {
    /** A problem in its own units: every variable and every row of scale 1. */
    public McpProblem(int size, double[] lower, double[] upper, McpFunction function) {
        this(size, lower, upper, function, null, null);
    }

    /**
     * The canonical form. {@code variableScale[i]} is the unit in which x_i is measured and
     * {@code rowScale[i]} that of F_i (e.g. a price and a quantity; null: 1 everywhere), each ≥ 1. The solver
     * works on the scaled problem x̂ = x / c, F̂ = F / r, and its certificate is the Fischer–Burmeister
     * residual of the scaled problem: with unit scales, ‖Φ(x)‖∞ itself.
     */
    public McpProblem {
        if (lower.length != size || upper.length != size) {
            throw new IllegalArgumentException("bounds have " + lower.length + " and " + upper.length + " entries, expected " + size);
        }
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(lower[i])) {
                throw new IllegalArgumentException("lower bound " + (i + 1) + " must be finite, is " + lower[i]);
            }
            if (!(upper[i] >= lower[i])) {
                throw new IllegalArgumentException("upper bound " + (i + 1) + " (" + upper[i] + ") is below the lower bound " + lower[i]);
            }
        }
        lower = lower.clone();
        upper = upper.clone();
        variableScale = scales(variableScale, size, "variable");
        rowScale = scales(rowScale, size, "row");
    }

    private static double[] scales(double[] s, int size, String what) {
        double[] out = new double[size];
        if (s == null) {
            Arrays.fill(out, 1);
            return out;
        }
        if (s.length != size) throw new IllegalArgumentException(what + " scales have " + s.length + " entries, expected " + size);
        for (int i = 0; i < size; i++) {
            if (!(s[i] >= 1) || !Double.isFinite(s[i])) throw new IllegalArgumentException(what + " scale " + (i + 1) + " must be a number ≥ 1, is " + s[i]);
            out[i] = s[i];
        }
        return out;
    }

    /** True when every scale is 1 (the problem is solved in its own units). */
    boolean unscaled() {
        for (int i = 0; i < size; i++) if (variableScale[i] != 1 || rowScale[i] != 1) return false;
        return true;
    }

    /** The same problem in scaled units: x̂ = x / c on [l / c, u / c], F̂(x̂) = F(c·x̂) / r, J̃ = R⁻¹ J C. */
    McpProblem scaled() {
        double[] c = variableScale;
        double[] r = rowScale;
        double[] lo = new double[size];
        double[] up = new double[size];
        for (int i = 0; i < size; i++) {
            lo[i] = lower[i] / c[i];
            up[i] = upper[i] / c[i];
        }
        McpFunction f = function;
        McpFunction g = f instanceof SparseJacobian sj ? new ScaledSparse(sj, c, r) : new Scaled(f, c, r);
        return new McpProblem(size, lo, up, g);
    }

    /** F̂(x̂) = F(c·x̂) / r and its Jacobian R⁻¹ J C. */
    private static class Scaled implements McpFunction {
        final McpFunction f;
        final double[] c;
        final double[] r;
        final double[] x;

        Scaled(McpFunction f, double[] c, double[] r) {
            this.f = f;
            this.c = c;
            this.r = r;
            this.x = new double[c.length];
        }

        @Override
        public void value(double[] xh, double[] out) {
            int n = c.length;
            for (int i = 0; i < n; i++) x[i] = c[i] * xh[i];
            f.value(x, out);
            for (int i = 0; i < n; i++) out[i] /= r[i];
        }

        @Override
        public void jacobian(double[] xh, double[][] jac) {
            int n = c.length;
            for (int i = 0; i < n; i++) x[i] = c[i] * xh[i];
            f.jacobian(x, jac);
            for (int i = 0; i < n; i++) {
                double[] ji = jac[i];
                double ri = r[i];
                for (int j = 0; j < n; j++) if (ji[j] != 0) ji[j] = ji[j] * c[j] / ri;
            }
        }
    }

    /** The same, keeping the function's sparsity pattern. */
    private static final class ScaledSparse extends Scaled implements SparseJacobian {
        final SparseJacobian sj;

        ScaledSparse(SparseJacobian sj, double[] c, double[] r) {
            super(sj, c, r);
            this.sj = sj;
        }

        @Override
        public int[] jacobianRowStart() {
            return sj.jacobianRowStart();
        }

        @Override
        public int[] jacobianColumns() {
            return sj.jacobianColumns();
        }

        @Override
        public void jacobianValues(double[] xh, double[] values) {
            int n = c.length;
            for (int i = 0; i < n; i++) x[i] = c[i] * xh[i];
            sj.jacobianValues(x, values);
            int[] rs = sj.jacobianRowStart();
            int[] cols = sj.jacobianColumns();
            for (int i = 0; i < n; i++) {
                double ri = r[i];
                for (int k = rs[i]; k < rs[i + 1]; k++) if (values[k] != 0) values[k] = values[k] * c[cols[k]] / ri;
            }
        }
    }

    /** The non-negative orthant: the NCP x ≥ 0 ⟂ F(x) ≥ 0. */
    public static McpProblem ncp(int size, McpFunction f) {
        double[] u = new double[size];
        Arrays.fill(u, Double.POSITIVE_INFINITY);
        return new McpProblem(size, new double[size], u, f);
    }

    @Override
    public double[] lower() { return lower.clone(); }

    @Override
    public double[] upper() { return upper.clone(); }

    @Override
    public double[] variableScale() { return variableScale.clone(); }

    @Override
    public double[] rowScale() { return rowScale.clone(); }

    double lo(int i) { return lower[i]; }

    double cs(int i) { return variableScale[i]; }

    double rs(int i) { return rowScale[i]; }

    double up(int i) { return upper[i]; }
}
