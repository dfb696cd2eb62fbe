package lodestone.market.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.market.MarketCases;
import lodestone.market.lcp.LcpResult;
import lodestone.market.lcp.LcpSolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class McpSolverTest {

    /** PATHSolver.jl test_Example_II: box [0, 10]⁴, start (1,1,1,1). */
    static final McpFunction PATH_NL = new McpFunction() {
        @Override
        public void value(double[] x, double[] f) {
            f[0] = -x[2] * x[2] - x[3] + 2;
            f[1] = x[2] * x[2] * x[2] - 2 * x[3] * x[3] + 2;
            f[2] = Math.pow(x[0], 5) - x[1] + 2 * x[2] - 2 * x[3] - 2;
            f[3] = x[0] + 2 * x[1] * x[1] * x[1] - 2 * x[2] + 4 * x[3] - 6;
        }

        @Override
        public void jacobian(double[] x, double[][] j) {
            j[0] = new double[]{0, 0, -2 * x[2], -1};
            j[1] = new double[]{0, 0, 3 * x[2] * x[2], -4 * x[3]};
            j[2] = new double[]{5 * Math.pow(x[0], 4), -1, 2, -2};
            j[3] = new double[]{1, 6 * x[1] * x[1], -2, 4};
        }
    };

    /** Complementarity.jl 'mcp test 5', a variant of Kojima–Shindo. */
    static final McpFunction KOJSHIN = new McpFunction() {
        @Override
        public void value(double[] x, double[] f) {
            f[0] = 3 * x[0] * x[0] + 2 * x[0] * x[1] + 2 * x[1] * x[1] + x[2] + 3 * x[3] - 6;
            f[1] = 2 * x[0] * x[0] + x[0] + x[1] * x[1] + 3 * x[2] + 2 * x[3] - 2;
            f[2] = 3 * x[0] * x[0] + x[0] * x[1] + 2 * x[1] * x[1] + 2 * x[2] + 3 * x[3] - 1;
            f[3] = x[0] * x[0] + 3 * x[1] * x[1] + 2 * x[2] + 3 * x[3] - 3;
        }

        @Override
        public void jacobian(double[] x, double[][] j) {
            j[0] = new double[]{6 * x[0] + 2 * x[1], 2 * x[0] + 4 * x[1], 1, 3};
            j[1] = new double[]{4 * x[0] + 1, 2 * x[1], 3, 2};
            j[2] = new double[]{6 * x[0] + x[1], x[0] + 4 * x[1], 2, 3};
            j[3] = new double[]{2 * x[0], 6 * x[1], 2, 3};
        }
    };

    @Test
    void pathNonlinearBoxExample() {
        JsonNode c = MarketCases.get("PATH_NL_BOX");
        double[] ten = {10, 10, 10, 10};
        McpResult r = McpSolver.solve(new McpProblem(4, new double[4], ten, PATH_NL), new double[]{1, 1, 1, 1});
        assertThat(r.solved()).as(r.toString()).isTrue();
        // published atol 1e-4; the refined values (fsolve to 1e-15) hold to 1e-8
        assertThat(r.x()).containsExactly(MarketCases.doubles(c.get("published_x")), within(1e-4));
        assertThat(r.x()).containsExactly(MarketCases.doubles(c.get("expected_x")), within(1e-8));
        assertThat(r.residual()).isLessThanOrEqualTo(1e-9);
        assertThat(r.iterations()).isBetween(1, 20);
    }

    /** Scales change the units of the iteration and of the certificate, not the solution. */
    @Test
    void scalesChangeTheUnitsNotTheSolution() {
        double[] ten = {10, 10, 10, 10};
        double[] c = {100, 1, 10, 1};
        double[] r = {1, 1000, 1, 10};
        McpResult plain = McpSolver.solve(new McpProblem(4, new double[4], ten, PATH_NL), new double[]{1, 1, 1, 1});
        McpProblem scaled = new McpProblem(4, new double[4], ten, PATH_NL, c, r);
        McpResult s = McpSolver.solve(scaled, new double[]{1, 1, 1, 1});
        assertThat(s.solved()).as(s.toString()).isTrue();
        assertThat(s.x()).containsExactly(plain.x(), within(1e-8));
        assertThat(s.residual()).isLessThanOrEqualTo(1e-9);
        // the certificate is in the scaled units: an error of 5e-7 in a row of scale 1000 is 5e-10 of it
        McpFunction shifted = new McpFunction() {
            @Override
            public void value(double[] x, double[] f) {
                PATH_NL.value(x, f);
                f[1] += 5e-7;
            }

            @Override
            public void jacobian(double[] x, double[][] j) {
                PATH_NL.jacobian(x, j);
            }
        };
        double[] x = plain.x();
        assertThat(x[1]).isPositive(); // F_1 must vanish there: the shift is an error of 5e-7 in row 1
        assertThat(McpSolver.certify(new McpProblem(4, new double[4], ten, shifted), x, 0, 0, 1e-9).solved()).isFalse();
        assertThat(McpSolver.certify(new McpProblem(4, new double[4], ten, shifted, c, r), x, 0, 0, 1e-9).solved()).isTrue();
        assertThatThrownBy(() -> new McpProblem(4, new double[4], ten, PATH_NL, new double[]{1, 1, 1, 0.5}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variable scale 4 must be a number ≥ 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void kojimaShindoVariantFromBothPublishedStarts(int start) {
        JsonNode c = MarketCases.get("KOJSHIN_VARIANT_NCP");
        McpResult r = McpSolver.solve(McpProblem.ncp(4, KOJSHIN), MarketCases.doubles(c.get("starts").get(start)));
        assertThat(r.solved()).as(r.toString()).isTrue();
        assertThat(r.x()).containsExactly(MarketCases.doubles(c.get("expected_x")), within(1e-4));
        assertThat(r.x()).containsExactly(new double[]{Math.sqrt(6) / 2, 0, 0, 0.5}, within(1e-9));
        // the degenerate components: x2 = 0 with F2 > 0 and x3 = 0 with F3 > 0
        assertThat(r.f()[1]).isGreaterThan(0.1);
        assertThat(r.f()[2]).isGreaterThan(0.1);
        assertThat(r.residual()).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void transmcpAsAnMcpGivesTheUniquePricesAndCost() {
        JsonNode c = MarketCases.get("TRANSMCP_FIXED");
        JsonNode data = c.get("data");
        double[] a = MarketCases.doubles(data.get("capacity_a"));
        double[] b = MarketCases.doubles(data.get("demand_b"));
        double[][] dist = MarketCases.matrix(data.get("distance_thousand_miles"));
        double freight = data.get("freight_f_dollars_per_case_per_thousand_miles").asDouble();
        // variables: x(i,j) 0..5, w(i) 6..7, p(j) 8..10
        double[][] cost = new double[2][3];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) cost[i][j] = freight * dist[i][j] / 1000;
        McpFunction f = new McpFunction() {
            @Override
            public void value(double[] x, double[] out) {
                for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) out[3 * i + j] = x[6 + i] + cost[i][j] - x[8 + j];
                for (int i = 0; i < 2; i++) out[6 + i] = a[i] - x[3 * i] - x[3 * i + 1] - x[3 * i + 2];
                for (int j = 0; j < 3; j++) out[8 + j] = x[j] + x[3 + j] - b[j];
            }

            @Override
            public void jacobian(double[] x, double[][] jac) {
                for (double[] row : jac) Arrays.fill(row, 0);
                for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) {
                    jac[3 * i + j][6 + i] = 1;
                    jac[3 * i + j][8 + j] = -1;
                    jac[6 + i][3 * i + j] = -1;
                    jac[8 + j][3 * i + j] = 1;
                }
            }
        };
        McpResult r = McpSolver.solve(McpProblem.ncp(11, f), new double[11]);
        assertThat(r.solved()).as(r.toString()).isTrue();
        double[] x = r.x();
        JsonNode e = c.get("expected_unique");
        assertThat(Arrays.copyOfRange(x, 8, 11)).containsExactly(MarketCases.doubles(e.get("p")), within(1e-9));
        assertThat(Arrays.copyOfRange(x, 6, 8)).containsExactly(new double[]{0, 0}, within(1e-9));
        assertThat(x[1]).isCloseTo(e.get("x(seattle,chicago)").asDouble(), within(1e-9));
        assertThat(x[5]).isCloseTo(e.get("x(san-diego,topeka)").asDouble(), within(1e-9));
        assertThat(x[2]).isCloseTo(0, within(1e-9));
        assertThat(x[4]).isCloseTo(0, within(1e-9));
        assertThat(x[0] + x[3]).isCloseTo(e.get("deliveries_new-york").asDouble(), within(1e-9));
        // New York's split is not unique (seattle ships 0..50); only the total cost is
        assertThat(x[0]).isBetween(-1e-9, 50 + 1e-9);
        double total = 0;
        for (int k = 0; k < 6; k++) total += cost[k / 3][k % 3] * x[k];
        assertThat(total).isCloseTo(e.get("transport_cost").asDouble(), within(1e-9));
    }

    @Test
    void anMcpWhoseLinearisationHasNoSolutionIsReportedWithoutNumbers() {
        // F(x) = -x - 1 on x ≥ 0: F < 0 everywhere, no solution
        McpFunction f = new McpFunction() {
            @Override
            public void value(double[] x, double[] out) { out[0] = -x[0] - 1; }

            @Override
            public void jacobian(double[] x, double[][] j) { j[0][0] = -1; }
        };
        McpResult r = McpSolver.solve(McpProblem.ncp(1, f), new double[]{0});
        assertThat(r.status()).isEqualTo(McpResult.Status.NO_SOLUTION);
        assertThat(r.diagnosis()).startsWith("the linearised problem at iteration 0 has no solution (ray termination");
        assertThatThrownBy(r::x).isInstanceOf(IllegalStateException.class);
        assertThat(r.residual()).isNaN();
    }

    @Test
    void upperBoundsAreRespected() {
        // F(x) = x - 5 on [0, 2]: the solution is at the upper bound with F < 0
        McpFunction f = new McpFunction() {
            @Override
            public void value(double[] x, double[] out) { out[0] = x[0] - 5; }

            @Override
            public void jacobian(double[] x, double[][] j) { j[0][0] = 1; }
        };
        McpResult r = McpSolver.solve(new McpProblem(1, new double[]{0}, new double[]{2}, f), new double[]{0});
        assertThat(r.solved()).isTrue();
        assertThat(r.x()).containsExactly(2.0);
        assertThat(r.f()).containsExactly(-3.0);
    }

    @Test
    void badBoundsAreRejected() {
        assertThatThrownBy(() -> new McpProblem(1, new double[]{1}, new double[]{0}, PATH_NL))
                .hasMessage("upper bound 1 (0.0) is below the lower bound 1.0");
        assertThatThrownBy(() -> new McpProblem(1, new double[]{Double.NEGATIVE_INFINITY}, new double[]{0}, PATH_NL))
                .hasMessage("lower bound 1 must be finite, is -Infinity");
    }

    @Test
    void spatialEquilibriumOfTheTextbookAsAnLcpInFlows() {
        JsonNode c = MarketCases.get("MF_SPATIAL_BOOK");
        JsonNode d = c.get("data");
        double[] as = MarketCases.doubles(d.get("as"));
        double[] bs = MarketCases.doubles(d.get("bs"));
        double[] ad = MarketCases.doubles(d.get("ad"));
        double[] bd = MarketCases.doubles(d.get("bd"));
        double[][] cost = MarketCases.matrix(d.get("c(i,j)"));
        double[][] flows = spatial(as, bs, ad, bd, cost);
        JsonNode e = c.get("expected");
        double[] prices = MarketCases.doubles(e.get("prices"));
        double[] netExports = MarketCases.doubles(e.get("net_exports"));
        for (int r = 0; r < 3; r++) {
            double supply = flows[r][0] + flows[r][1] + flows[r][2];
            double demand = flows[0][r] + flows[1][r] + flows[2][r];
            assertThat(as[r] + bs[r] * supply).as("supply price %d", r).isCloseTo(prices[r], within(1e-9));
            assertThat(ad[r] - bd[r] * demand).as("demand price %d", r).isCloseTo(prices[r], within(1e-9));
            assertThat(supply - demand).isCloseTo(netExports[r], within(1e-9));
        }
        // the book's flows happen to be unique here (each region's supply price fixes its routes)
        assertThat(flows[0]).containsExactly(new double[]{9, 6, 0}, within(1e-9));
        assertThat(flows[1]).containsExactly(new double[]{0, 3, 9}, within(1e-9));
        assertThat(flows[2]).containsExactly(new double[]{0, 0, 12}, within(1e-9));
    }

    @Test
    void spatialEquilibriumOfTheMatlabVariantIsAnEquilibrium() {
        // CompEcon's MATLAB code uses bd = [3, 2, 1]; no published answer, so check the equilibrium conditions
        JsonNode d = MarketCases.get("MF_SPATIAL_BOOK").get("data");
        double[] as = MarketCases.doubles(d.get("as"));
        double[] bs = MarketCases.doubles(d.get("bs"));
        double[] ad = MarketCases.doubles(d.get("ad"));
        double[] bd = {3, 2, 1};
        double[][] cost = MarketCases.matrix(d.get("c(i,j)"));
        double[][] x = spatial(as, bs, ad, bd, cost);
        double[] ps = new double[3];
        double[] pd = new double[3];
        for (int r = 0; r < 3; r++) {
            ps[r] = as[r] + bs[r] * (x[r][0] + x[r][1] + x[r][2]);
            pd[r] = ad[r] - bd[r] * (x[0][r] + x[1][r] + x[2][r]);
        }
        for (int r = 0; r < 3; r++) for (int s = 0; s < 3; s++) {
            double margin = ps[r] + cost[r][s] - pd[s];
            assertThat(margin).isGreaterThanOrEqualTo(-1e-9);
            assertThat(x[r][s] * margin).isCloseTo(0, within(1e-9));
        }
    }

    private static double[][] spatial(double[] as, double[] bs, double[] ad, double[] bd, double[][] cost) {
        // x_rs ≥ 0 ⟂ as_r + bs_r Σ_s' x_rs' + c_rs − (ad_s − bd_s Σ_r' x_r's) ≥ 0 (Miranda & Fackler §3)
        int n = 3;
        double[][] m = new double[9][9];
        double[] q = new double[9];
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) {
            int k = 3 * r + s;
            q[k] = as[r] + cost[r][s] - ad[s];
            for (int r2 = 0; r2 < n; r2++) for (int s2 = 0; s2 < n; s2++) {
                int k2 = 3 * r2 + s2;
                m[k][k2] = (r2 == r ? bs[r] : 0) + (s2 == s ? bd[s] : 0);
            }
        }
        LcpResult res = LcpSolver.solve(m, q);
        assertThat(res.solved()).as(res.toString()).isTrue();
        double[] z = res.z();
        return new double[][]{Arrays.copyOfRange(z, 0, 3), Arrays.copyOfRange(z, 3, 6), Arrays.copyOfRange(z, 6, 9)};
    }
}
