package lodestone.market.mcp;

/**
 * An {@link McpFunction} whose Jacobian has a fixed sparsity pattern, given once. The solver then builds
 * each Newton LCP from the pattern's entries, without a dense n×n Jacobian (a market's has about three
 * non-zeros per row).
 */
public interface SparseJacobian extends McpFunction {
    /** Row i's entries are {@code jacobianColumns()[rowStart[i] .. rowStart[i+1]-1]}, columns ascending. */
    int[] jacobianRowStart();

    int[] jacobianColumns();

    /** values[k] ← ∂F_i/∂x_j at x for the k-th entry of the pattern (an entry may be zero at some x). */
    void jacobianValues(double[] x, double[] values);
}
