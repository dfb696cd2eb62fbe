package lodestone.market.lcp;

import java.util.Arrays;

/**
 * The answer to an LCP: either a certified solution (z, w = Mz + q, the complementarity residual
 * max_i |min(z_i, w_i)| and the pivot count) or "no solution found" with a diagnosis. A result that
 * is not {@link #solved()} carries no numbers a caller could mistake for an answer.
 */
public final class LcpResult {
    /** How the pivoting ended. */
    public enum Status {
        /** z, w satisfy z ≥ 0, w ≥ 0, |min(z, w)| ≤ tolerance. */
        SOLVED,
        /** Lemke ended on a secondary ray: for a copositive-plus M this proves the LCP has no solution. */
        RAY_TERMINATION,
        /** The pivot budget was exhausted (should not happen with the lexicographic rule; reported, not hidden). */
        PIVOT_LIMIT,
        /** A basis was reached but its residual after refinement is above the tolerance (ill-conditioning). */
        NOT_CERTIFIED
    }

    private final Status status;
    private final double[] z;
    private final double[] w;
    private final double residual;
    private final int pivots;
    private final boolean[] basis;
    private final String diagnosis;
    private final int[] ray;

    LcpResult(Status status, double[] z, double[] w, double residual, int pivots, boolean[] basis, String diagnosis, int[] ray) {
        this.status = status;
        this.z = z;
        this.w = w;
        this.residual = residual;
        this.pivots = pivots;
        this.basis = basis;
        this.diagnosis = diagnosis;
        this.ray = ray;
    }

    public Status status() { return status; }

    public boolean solved() { return status == Status.SOLVED; }

    /** The solution z; only for a solved problem. */
    public double[] z() {
        requireSolved();
        return z.clone();
    }

    /** w = Mz + q, computed from the original data; only for a solved problem. */
    public double[] w() {
        requireSolved();
        return w.clone();
    }

    /** max_i |min(z_i, w_i)| recomputed from the original M and q (the certificate); NaN when not solved. */
    public double residual() { return status == Status.SOLVED ? residual : Double.NaN; }

    /** The residual the final basis reached, also for a {@link Status#NOT_CERTIFIED} result. */
    public double reachedResidual() { return residual; }

    public int pivots() { return pivots; }

    /** The complementary basis of the solution (true where z_i is basic): a warm start for a nearby problem. */
    public WarmStart warmStart() {
        requireSolved();
        return new WarmStart(basis.clone());
    }

    /** Why no solution was returned; empty when solved. */
    public String diagnosis() { return diagnosis; }

    /**
     * On ray termination, the indices i (0-based) of the z variables
     * that grow without bound along the ray; empty otherwise.
     */
    public int[] rayVariables() { return ray.clone(); }

    private void requireSolved() {
        if (status != Status.SOLVED) {
            throw new IllegalStateException("no solution: " + diagnosis);
        }
    }

    @Override
    public String toString() {
        return solved() ? "solved z=" + Arrays.toString(z) + " residual=" + residual + " pivots=" + pivots
                : status + ": " + diagnosis;
    }
}
