package lodestone.market.mcp;

/** F and its Jacobian for a mixed complementarity problem; implementations write into the given arrays. */
public interface McpFunction {
    /** f ← F(x). */
    void value(double[] x, double[] f);

    /** jac ← ∂F/∂x at x (row i holds the gradient of F_i); every entry must be written. */
    void jacobian(double[] x, double[][] jac);
}
