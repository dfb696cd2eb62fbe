package lodestone.market.mcp;

/**
 * The answer to an MCP: a certified solution (x, F(x), the Fischer–Burmeister residual, Newton
 * iterations and total pivots) or "no equilibrium found" with a diagnosis and no numbers.
 */
public final class McpResult {
    public enum Status {
        SOLVED,
        /** A linearised subproblem has no solution (Lemke ray termination): see the diagnosis. */
        NO_SOLUTION,
        /** Newton did not reach the tolerance (iteration limit or failed line search). */
        NOT_CONVERGED
    }

    private final Status status;
    private final double[] x;
    private final double[] f;
    private final double residual;
    private final int iterations;
    private final int pivots;
    private final String diagnosis;
    private int[] ray = new int[0];

    McpResult(Status status, double[] x, double[] f, double residual, int iterations, int pivots, String diagnosis) {
        this.status = status;
        this.x = x;
        this.f = f;
        this.residual = residual;
        this.iterations = iterations;
        this.pivots = pivots;
        this.diagnosis = diagnosis;
    }

    public Status status() { return status; }

    public boolean solved() { return status == Status.SOLVED; }

    public double[] x() {
        requireSolved();
        return x.clone();
    }

    public double[] f() {
        requireSolved();
        return f.clone();
    }

    /** ‖Φ(x)‖∞ with Φ the Fischer–Burmeister function for boxes (Billups 1995); NaN when not solved. */
    public double residual() { return solved() ? residual : Double.NaN; }

    /** Newton (Josephy) iterations, each one LCP. */
    public int iterations() { return iterations; }

    /** Total Lemke pivots over all iterations. */
    public int pivots() { return pivots; }

    public String diagnosis() { return diagnosis; }

    /** For {@link Status#NO_SOLUTION}: the variables (0-based) that grow without bound along Lemke's ray. */
    public int[] rayVariables() { return ray.clone(); }

    McpResult withRay(int[] variables) {
        this.ray = variables;
        return this;
    }

    private void requireSolved() {
        if (!solved()) throw new IllegalStateException("no solution: " + diagnosis);
    }

    @Override
    public String toString() {
        return solved() ? "solved x=" + java.util.Arrays.toString(x) + " residual=" + residual + " iterations=" + iterations
                : status + ": " + diagnosis;
    }
}
