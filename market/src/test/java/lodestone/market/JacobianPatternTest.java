package lodestone.market;

import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model's sparse Jacobian (the form the solver uses) holds exactly the numbers of its dense Jacobian,
 * entry for entry, and no non-zero of the dense one is missing from the pattern — for every bundled
 * scenario, a certified segment with an imported lane, a market with a floor, a subsidy and a quota, and a
 * step supply curve, at the start point and at seeded random points (which put curves, strikes and
 * levies on either side of their kinks).
 */
class JacobianPatternTest {

    @Test
    void sparseAndDenseJacobiansAgreeEverywhere() throws Exception {
        List<Scenario> scenarios = new ArrayList<>();
        Regime regime = Regime.bundled();
        for (Scenario.BundledScenario b : Scenario.bundledNames()) scenarios.add(Scenario.bundled(b.name(), regime));
        scenarios.add(Scenario.parse(PolicyTwoRegionTest.MARKET + """
                policies:
                  - {type: certified_segment, regions: [C], share: 0.5, suppliers: [C, N]}
                  - {type: price_gap_subsidy, regions: [C], strike: 45}
                """, "certified.yaml"));
        scenarios.add(Scenario.parse(RestrictedSolveTest.market(12, true, 3), "policies.yaml"));
        scenarios.add(Scenario.parse(RestrictedSolveTest.market(12, false, 4), "tariffs.yaml"));
        Random rnd = new Random(11);
        int checked = 0;
        for (Scenario s : scenarios) {
            MarketModel mm = new MarketModel(s);
            int n = mm.size;
            int[] start = mm.jacobianRowStart();
            int[] cols = mm.jacobianColumns();
            double[] values = new double[start[n]];
            double[][] dense = new double[n][n];
            for (int trial = 0; trial < 6; trial++) {
                double[] x = mm.start();
                if (trial > 0) {
                    for (int i = 0; i < n; i++) x[i] = Math.max(0, x[i] * (0.2 + 1.6 * rnd.nextDouble()) + (rnd.nextDouble() - 0.3) * 10);
                }
                mm.jacobian(x, dense);
                mm.jacobianValues(x, values);
                for (int i = 0; i < n; i++) {
                    int inPattern = 0;
                    for (int k = start[i]; k < start[i + 1]; k++) {
                        if (k > start[i]) assertThat(cols[k]).as("columns ascending in row %d", i).isGreaterThan(cols[k - 1]);
                        assertThat(values[k]).as("%s: J[%s][%s]", s.name, mm.name(i), mm.name(cols[k])).isEqualTo(dense[i][cols[k]]);
                        if (dense[i][cols[k]] != 0) inPattern++;
                    }
                    int nonZero = 0;
                    for (int j = 0; j < n; j++) if (dense[i][j] != 0) nonZero++;
                    assertThat(inPattern).as("%s: row %s has a non-zero outside the pattern", s.name, mm.name(i)).isEqualTo(nonZero);
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6 * scenarios.size());
    }
}
