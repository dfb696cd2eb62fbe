package lodestone.market.mcp;

import java.util.Arrays;

/**
 * A box-constrained mixed complementarity problem MCP(F, [l, u]): find x with l ≤ x ≤ u such that for
 * each i, x_i = l_i ⇒ F_i(x) ≥ 0, x_i = u_i ⇒ F_i(x) ≤ 0, l_i &lt; x_i &lt; u_i ⇒ F_i(x) = 0.
 * Lower bounds must be finite (every economic variable here is non-negative); an upper bound may be
 * {@code Double.POSITIVE_INFINITY}.
 */
public record McpProblem(int size, double[] lower, double[] upper, McpFunction function) {
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

    double lo(int i) { return lower[i]; }

    double up(int i) { return upper[i]; }
}
