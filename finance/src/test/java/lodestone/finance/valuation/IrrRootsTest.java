package lodestone.finance.valuation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The IRR is the largest root of the NPV in [−99 %, 1,000 %] (docs/valuation.md). Flows with several sign changes can
 * have several roots; a model review found that the fixed grid of rates missed a pair of roots lying between two of its
 * points, and answered "no IRR" for flows that have two.
 *
 * <p>With v = 1/(1 + x), flows f₁, f₂, f₃ at the ends of years 1–3 have NPV v·(f₁ + f₂v + f₃v²). Roots at x = a and x = b
 * come from f₁ + f₂v + f₃v² = −k(v − vₐ)(v − v_b): f₃ = −k, f₂ = k(vₐ + v_b), f₁ = −k·vₐ·v_b.
 */
class IrrRootsTest {

    static double[] twoRoots(double a, double b) {
        double va = 1 / (1 + a), vb = 1 / (1 + b), k = 100;
        return new double[]{-k * va * vb, k * (va + vb), -k};
    }

    @Test
    void largestOfTwoRootsOnGridPoints() {
        // the textbook pair: −100, 230, −132 has IRRs of 10 % and 20 %; the largest is reported
        assertThat(Dcf.irr(new double[]{-100, 230, -132})).isCloseTo(0.2, within(1e-12));
        // Lorie–Savage's pump: −1,600, 10,000, −10,000 has 25 % and 400 %
        assertThat(Dcf.irr(new double[]{-1600, 10000, -10000})).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void twoRootsBetweenTwoGridPointsAreFound() {
        // 11 % and 13 % both lie between the grid's 10 % and 15 %: NPV < 0 at both, > 0 only between them
        double[] f = twoRoots(0.11, 0.13);
        assertThat(Dcf.npv(f, 0.10)).isNegative();
        assertThat(Dcf.npv(f, 0.15)).isNegative();
        assertThat(Dcf.npv(f, 0.12)).isPositive();
        assertThat(Dcf.irr(f)).isCloseTo(0.13, within(1e-12));
        // and near the top of the range, 700 % and 800 % (between 500 % and 1,000 %)
        assertThat(Dcf.irr(twoRoots(7, 8))).isCloseTo(8, within(1e-10));
        // and far down, −80 % and −75 % (between −85 % and −70 %)
        assertThat(Dcf.irr(twoRoots(-0.8, -0.75))).isCloseTo(-0.75, within(1e-12));
    }

    @Test
    void aLargerRootPairAboveASingleRootIsTheAnswer() {
        // −1 at year 1 then flows whose NPV has roots 5 %, 11 %, 13 %: (v − v₅)·(v − v₁₁)(v − v₁₃) scaled to start negative
        double v5 = 1 / 1.05, v11 = 1 / 1.11, v13 = 1 / 1.13;
        // NPV = v·k·(v − v5)(v − v11)(v − v13)·s; sign chosen so that NPV > 0 at rates below 5 %
        double s1 = -(v5 + v11 + v13), s2 = v5 * v11 + v5 * v13 + v11 * v13, s3 = -v5 * v11 * v13;
        double[] f = {s3 * 100, s2 * 100, s1 * 100, 100};
        // check the construction: NPV at 0 % > 0? (v = 1: (1 − v5)(1 − v11)(1 − v13) > 0)
        assertThat(Dcf.npv(f, 0)).isPositive();
        assertThat(Dcf.npv(f, 0.12)).isPositive();
        assertThat(Dcf.npv(f, 0.10)).isNegative();
        assertThat(Dcf.irr(f)).isCloseTo(0.13, within(1e-12));
    }

    @Test
    void oneSignChangeStillHasItsOneRoot() {
        // −100 then 20 a year for 19 years: one sign change, one root (the flat plant of examples/projects)
        double[] f = new double[20];
        f[0] = -80;
        for (int t = 1; t < 20; t++) f[t] = 20;
        double r = Dcf.irr(f);
        assertThat(Dcf.npv(f, r)).isCloseTo(0, within(1e-10));
        assertThat(r).isCloseTo(0.24618, within(1e-5));
    }

    @Test
    void flowsPositiveFirstHaveNoIrr() {
        // +100 now, −110 a year later (a loan's flows) and an operating plant's +50, −10, +50: the NPV is ≥ 0 at 1,000 %, so
        // no rate makes them a loss and no IRR is stated (docs/valuation.md), whatever roots lie below
        assertThat(Dcf.irr(new double[]{100, -110})).isNaN();
        assertThat(Dcf.irr(new double[]{50, -60, 50})).isNaN();
    }

    @Test
    void noSignChangeHasNoIrr() {
        assertThat(Dcf.irr(new double[]{5, 5, 5})).isNaN();
        assertThat(Dcf.irr(new double[]{-5, 0, -5})).isNaN();
        // two sign changes but the NPV never reaches 0 in the range: (v − 2)² + 1 > 0 shape
        assertThat(Dcf.irr(new double[]{-5, 4, -1})).isNaN();
    }

    /**
     * Random flows of 3–12 years with several sign changes, against a dense scan of the NPV over 200,000 rates (evenly in
     * v = 1/(1 + x) from 1/11 to 100): where the NPV is < 0 at 1,000 %, the IRR is the scan's largest sign change, to the
     * scan's step; the discounted-cumulative bound never counts fewer roots than the scan finds.
     */
    @Test
    void randomFlowsAgainstADenseScan() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(17);
        int checked = 0;
        for (int trial = 0; trial < 400; trial++) {
            int n = 3 + rnd.nextInt(10);
            double[] f = new double[n];
            for (int t = 0; t < n; t++) f[t] = (rnd.nextDouble() - 0.45) * 100;
            if (!(Dcf.npv(f, 10) < 0)) continue;
            int steps = 200_000;
            double vLo = 1 / 11.0, vHi = 100;
            double prev = Dcf.npv(f, 10), largest = Double.NaN, prevV = vLo;
            int crossings = 0;
            for (int i = 1; i <= steps; i++) {
                double v = vLo + (vHi - vLo) * i / steps, x = 1 / v - 1;
                double npv = Dcf.npv(f, x);
                if ((npv >= 0) != (prev >= 0)) {
                    crossings++;
                    if (Double.isNaN(largest)) largest = 1 / ((prevV + v) / 2) - 1;
                }
                prev = npv;
                prevV = v;
            }
            double irr = Dcf.irr(f);
            if (Double.isNaN(largest)) {
                assertThat(irr).as("flows %s", java.util.Arrays.toString(f)).isNaN();
            } else {
                double step = (vHi - vLo) / steps, v = 1 / (1 + largest);
                // the step in v as one in x near the root: dx = dv / v²
                assertThat(irr).as("flows %s", java.util.Arrays.toString(f)).isCloseTo(largest, within(step / (v * v)));
                assertThat(Dcf.rootsAbove(f, n, -0.99)).isGreaterThanOrEqualTo(crossings);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }
}
