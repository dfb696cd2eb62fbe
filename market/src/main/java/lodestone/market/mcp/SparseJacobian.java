package lodestone.market.mcp;

/**
 * An {@link McpFunction} whose Jacobian has a fixed sparsity pattern, given once. The solver builds each
 * Newton LCP from the pattern's entries, without a dense n×n Jacobian (a market's has about three non-zeros
 * per row); a function that only has a dense Jacobian is seen through {@link #of}.
 */
public interface SparseJacobian extends McpFunction {
    /** Row i's entries are {@code jacobianColumns()[rowStart[i] .. rowStart[i+1]-1]}, columns ascending. */
    int[] jacobianRowStart();

    int[] jacobianColumns();

    /** values[k] ← ∂F_i/∂x_j at x for the k-th entry of the pattern (an entry may be zero at some x). */
    void jacobianValues(double[] x, double[] values);

    /** {@code f} itself when it has a pattern, else f with every one of its n² entries in the pattern. */
    static SparseJacobian of(McpFunction f, int n) {
        if (f instanceof SparseJacobian s) return s;
        int[] start = new int[n + 1];
        int[] cols = new int[n * n];
        for (int i = 0; i < n; i++) {
            start[i + 1] = (i + 1) * n;
            for (int j = 0; j < n; j++) cols[i * n + j] = j;
        }
        double[][] jac = new double[n][n];
        return new SparseJacobian() {
            @Override
            public void value(double[] x, double[] out) {
                f.value(x, out);
            }

            @Override
            public void jacobian(double[] x, double[][] out) {
                f.jacobian(x, out);
            }

            @Override
            public int[] jacobianRowStart() {
                return start;
            }

            @Override
            public int[] jacobianColumns() {
                return cols;
            }

            @Override
            public void jacobianValues(double[] x, double[] values) {
                f.jacobian(x, jac);
                for (int i = 0; i < n; i++) System.arraycopy(jac[i], 0, values, i * n, n);
            }
        };
    }
}
