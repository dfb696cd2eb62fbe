package lodestone.market.lcp;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.market.MarketCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LcpSolverTest {

    @Test
    void aSparseMatrixWithRepeatedOrOutOfRangeColumnsIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SparseMatrix(2, new int[]{0, 2, 3}, new int[]{1, 1, 0}, new double[]{1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("row 0: columns must ascend without repeats, found 1 then 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SparseMatrix(2, new int[]{0, 1, 2}, new int[]{0, 2}, new double[]{1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("row 1: column 2 is outside 0..1");
        // the same problem given dense and sparse has the same answer
        double[][] m = {{2, 1}, {1, 2}};
        double[] q = {-5, -6};
        LcpResult dense = LcpSolver.solve(m, q);
        LcpResult sparse = LcpSolver.solve(SparseMatrix.of(m), q, null, 1e-9 * 6);
        assertThat(sparse.z()).containsExactly(dense.z());
        assertThat(sparse.pivots()).isEqualTo(dense.pivots());
    }

    @Test
    void path4LcpMatchesThePublishedSolution() {
        JsonNode c = MarketCases.get("PATH4_LCP");
        double[][] m = MarketCases.matrix(c.get("M"));
        double[] q = MarketCases.doubles(c.get("q"));
        LcpResult r = LcpSolver.solve(m, q);
        assertThat(r.solved()).as(r.toString()).isTrue();
        double[] expected = MarketCases.doubles(c.get("expected_z"));
        // published tolerance rtol ~1.5e-8; exact answer 14/5, 0, 4/5, 6/5
        for (int i = 0; i < 4; i++) assertThat(r.z()[i]).isCloseTo(expected[i], within(1.5e-8 * Math.max(1, expected[i])));
        assertThat(r.z()).containsExactly(new double[]{14.0 / 5, 0, 4.0 / 5, 6.0 / 5}, within(1e-12));
        assertThat(r.residual()).isLessThanOrEqualTo(1e-9);
        assertThat(r.pivots()).isPositive();
    }

    @Test
    void warmStartFromTheSolutionNeedsNoPivots() {
        JsonNode c = MarketCases.get("PATH4_LCP");
        double[][] m = MarketCases.matrix(c.get("M"));
        double[] q = MarketCases.doubles(c.get("q"));
        LcpResult cold = LcpSolver.solve(m, q);
        LcpResult warm = LcpSolver.solve(m, q, cold.warmStart());
        assertThat(warm.solved()).isTrue();
        assertThat(warm.pivots()).isZero();
        assertThat(warm.z()).containsExactly(cold.z(), within(1e-12));
        // a nearby problem from the same basis: few pivots, same answer as cold
        double[] q2 = q.clone();
        q2[3] -= 0.5;
        LcpResult warm2 = LcpSolver.solve(m, q2, cold.warmStart());
        LcpResult cold2 = LcpSolver.solve(m, q2);
        assertThat(warm2.solved()).isTrue();
        assertThat(warm2.z()).containsExactly(cold2.z(), within(1e-10));
        assertThat(warm2.pivots()).isLessThanOrEqualTo(cold2.pivots());
    }

    @Test
    void aSingularWarmStartFallsBackToTheColdStart() {
        double[][] m = {{1, 1}, {1, 1}};
        double[] q = {-1, -1};
        LcpResult r = LcpSolver.solve(m, q, new WarmStart(new boolean[]{true, true}));
        assertThat(r.solved()).isTrue();
        assertThat(r.z()[0] + r.z()[1]).isCloseTo(1, within(1e-12));
    }

    @Test
    void anInfeasibleLcpIsReportedAsRayTerminationNotAsNumbers() {
        // w1 = -z1 - 1 can never be ≥ 0 with z1 ≥ 0
        double[][] m = {{-1}};
        double[] q = {-1};
        LcpResult r = LcpSolver.solve(m, q);
        assertThat(r.status()).isEqualTo(LcpResult.Status.RAY_TERMINATION);
        assertThat(r.diagnosis()).isEqualTo("ray termination after 1 pivots: z1 can increase without bound while the"
                + " artificial variable is still 1.00000; for a copositive-plus M (e.g. positive semidefinite) this"
                + " proves that no z ≥ 0 with Mz + q ≥ 0 exists");
        assertThat(r.rayVariables()).containsExactly(0);
        assertThat(r.residual()).isNaN();
        assertThatThrownBy(r::z).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no solution: ray termination");
    }

    @Test
    void aPsdLcpWithNoFeasiblePointIsRayTermination() {
        // M PSD (skew plus zero), the feasible set {z ≥ 0: Mz+q ≥ 0} is empty: z2 - 1 ≥ 0 and -z1 ... -1 ≥ 0 impossible
        double[][] m = {{0, 1}, {-1, 0}};
        double[] q = {-1, -1};
        LcpResult r = LcpSolver.solve(m, q);
        assertThat(r.status()).isEqualTo(LcpResult.Status.RAY_TERMINATION);
    }

    @Test
    void trivialProblemIsZero() {
        LcpResult r = LcpSolver.solve(new double[][]{{2, 0}, {0, 2}}, new double[]{1, 3});
        assertThat(r.solved()).isTrue();
        assertThat(r.z()).containsExactly(0, 0);
        assertThat(r.w()).containsExactly(1, 3);
        assertThat(r.pivots()).isZero();
    }

    @Test
    void badShapesAreRejected() {
        assertThatThrownBy(() -> LcpSolver.solve(new double[][]{{1, 2}}, new double[]{1, 2}))
                .hasMessage("M has 1 rows but q has 2 entries");
        assertThatThrownBy(() -> LcpSolver.solve(new double[][]{{1, 2}, {1}}, new double[]{1, 2}))
                .hasMessage("row 2 of M has 1 entries, expected 2");
    }

    @Test
    void degenerateProblemDoesNotCycle() {
        // q with ties everywhere: many equal ratios at every pivot
        int n = 8;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = i == j ? 2 : (i < j ? 1 : -1) + 1;
        double[] q = new double[n];
        java.util.Arrays.fill(q, -1);
        LcpResult r = LcpSolver.solve(m, q);
        assertThat(r.solved()).as(r.toString()).isTrue();
        assertCertified(m, q, r);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomPositiveDefiniteProblemsAreSolved(long seed) {
        Random rnd = new Random(seed);
        int n = 5 + rnd.nextInt(40);
        double[][] a = random(rnd, n);
        double[][] m = new double[n][n];
        // M = AᵀA + skew + I/10: positive definite, not symmetric
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) s += a[k][i] * a[k][j];
                m[i][j] = s + (i < j ? a[i][j] : i > j ? -a[j][i] : 0.1);
            }
        }
        double[] q = new double[n];
        for (int i = 0; i < n; i++) q[i] = rnd.nextGaussian() * 5;
        LcpResult r = LcpSolver.solve(m, q);
        assertThat(r.solved()).as(r.toString()).isTrue();
        assertCertified(m, q, r);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28})
    void randomSemidefiniteFeasibleProblemsAreSolved(long seed) {
        // M = BᵀB with B of low rank (singular PSD); q = -Mz* + w* with a complementary pair, so a solution exists
        Random rnd = new Random(seed);
        int n = 6 + rnd.nextInt(30);
        int rank = 1 + rnd.nextInt(n / 2);
        double[][] b = new double[rank][n];
        for (double[] row : b) for (int j = 0; j < n; j++) row[j] = rnd.nextGaussian();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < rank; k++) s += b[k][i] * b[k][j];
            m[i][j] = s;
        }
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            double zi = rnd.nextBoolean() ? rnd.nextDouble() * 3 : 0;
            double wi = zi == 0 ? rnd.nextDouble() * 3 : 0;
            for (int j = 0; j < n; j++) q[j] -= m[j][i] * zi;
            q[i] += wi;
        }
        LcpResult r = LcpSolver.solve(m, q);
        assertThat(r.solved()).as(r.toString()).isTrue();
        assertCertified(m, q, r);
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void randomWarmStartsGiveTheColdAnswer(long seed) {
        Random rnd = new Random(seed);
        int n = 20;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = i == j ? n : rnd.nextGaussian();
        double[] q = new double[n];
        for (int i = 0; i < n; i++) q[i] = rnd.nextGaussian() * 10;
        boolean[] guess = new boolean[n];
        for (int i = 0; i < n; i++) guess[i] = rnd.nextBoolean();
        LcpResult cold = LcpSolver.solve(m, q);
        LcpResult warm = LcpSolver.solve(m, q, new WarmStart(guess));
        assertThat(warm.solved()).isTrue();
        // strictly diagonally dominant with positive diagonal: a P-matrix, the solution is unique
        assertThat(warm.z()).containsExactly(cold.z(), within(1e-9));
    }

    static void assertCertified(double[][] m, double[] q, LcpResult r) {
        double[] z = r.z();
        int n = q.length;
        double tol = 1e-9 * Math.max(1, java.util.Arrays.stream(q).map(Math::abs).max().orElse(1));
        for (int i = 0; i < n; i++) {
            double w = q[i];
            for (int j = 0; j < n; j++) w += m[i][j] * z[j];
            assertThat(z[i]).isGreaterThanOrEqualTo(0);
            assertThat(w).isGreaterThanOrEqualTo(-tol);
            assertThat(Math.abs(z[i] * w)).isLessThanOrEqualTo(tol * Math.max(1, Math.abs(z[i]) + Math.abs(w)));
        }
        assertThat(r.residual()).isLessThanOrEqualTo(tol);
    }

    private static double[][] random(Random rnd, int n) {
        double[][] a = new double[n][n];
        for (double[] row : a) for (int j = 0; j < n; j++) row[j] = rnd.nextGaussian();
        return a;
    }

    @Test
    void aRayIsCalledNoSolutionOnlyForACopositivePlusMatrix() {
        // positive semidefinite (symmetric part), nonnegative with a positive diagonal: copositive-plus
        assertThat(LcpJson.copositivePlus(new double[][]{{0}})).isTrue();
        assertThat(LcpJson.copositivePlus(new double[][]{{2, -1}, {-1, 2}})).isTrue();
        assertThat(LcpJson.copositivePlus(new double[][]{{1, -3}, {3, 1}})).isTrue(); // skew part: symmetric part = I
        assertThat(LcpJson.copositivePlus(new double[][]{{1, 5}, {0, 1}})).isTrue(); // nonnegative, positive diagonal
        assertThat(LcpJson.copositivePlus(new double[][]{{1, 1}, {1, 1}})).isTrue(); // semidefinite, singular
        // not shown: indefinite, negative diagonal, or zero diagonal with positive off-diagonal
        assertThat(LcpJson.copositivePlus(new double[][]{{0, 1}, {1, 0}})).isFalse();
        assertThat(LcpJson.copositivePlus(new double[][]{{-1}})).isFalse();
        assertThat(LcpJson.copositivePlus(new double[][]{{1, -2}, {-2, 1}})).isFalse();
        // the reported problem: Lemke ends on a ray, yet z = (1, 1) gives w = (0, 0)
        LcpJson.Problem p = new LcpJson.Problem(new double[][]{{0, 1}, {1, 0}}, new double[]{-1, -1});
        LcpResult r = LcpSolver.solve(p.m(), p.q());
        if (!r.solved()) assertThat(LcpJson.answer(r, p).get("status")).isEqualTo("undetermined");
        LcpJson.Problem none = new LcpJson.Problem(new double[][]{{0}}, new double[]{-1});
        assertThat(LcpJson.answer(LcpSolver.solve(none.m(), none.q()), none).get("status")).isEqualTo("no-solution");
    }

    @Test
    void anUnknownKeyIsNamed() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        LcpJson.Invalid e = org.assertj.core.api.Assertions.catchThrowableOfType(LcpJson.Invalid.class,
                () -> LcpJson.parse(json.readTree("{\"M\": [[1]], \"Q\": [1]}"), 10));
        assertThat(e.getMessage()).contains("Q").contains("unknown key; expected only M and q");
    }
}
