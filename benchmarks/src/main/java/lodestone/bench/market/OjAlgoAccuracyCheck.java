package lodestone.bench.market;

import lodestone.market.Equilibrium;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.convex.ConvexSolver;

/**
 * Which of the two answers to the tariff-only benchmark market is the optimum: ojAlgo's or Lemke's? Builds the
 * welfare QP of {@link OjAlgoSpatialQp} directly as ojAlgo's {@code ConvexSolver} (no {@code ExpressionsBasedModel}
 * presolve), solves it, and evaluates both points on the same objective (minimise ½xᵀQx − Cᵀx, x = supply,
 * demand, flows) and constraints (regional balances, x ≥ 0). A feasible point with a lower objective is the
 * better one; the size of the gap against the objective's rounding level says whether it is real.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar lodestone.bench.market.OjAlgoAccuracyCheck 5 10 20}
 */
public final class OjAlgoAccuracyCheck {
    private OjAlgoAccuracyCheck() {
    }

    public static void main(String[] args) {
        for (String a : args.length == 0 ? new String[] {"5", "10"} : args) check(Integer.parseInt(a));
    }

    static void check(int n) {
        BenchMarkets.Region[] g = BenchMarkets.regions(n);
        double[][] c = BenchMarkets.transport(n);
        int nv = 2 * n + n * (n - 1);
        int[][] xi = new int[n][n];
        int k = 2 * n;
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) if (r != s) xi[r][s] = k++;
        R064Store q = R064Store.FACTORY.make(nv, nv);
        R064Store lin = R064Store.FACTORY.make(nv, 1);
        for (int r = 0; r < n; r++) {
            // −welfare of region r: supply y (index r), demand d (index n + r), as in OjAlgoSpatialQp
            q.set(r, r, 1 / g[r].supplySlope);
            lin.set(r, 0, g[r].supplyIntercept / g[r].supplySlope);
            q.set(n + r, n + r, -1 / g[r].demandSlope);
            lin.set(n + r, 0, -g[r].demandIntercept / g[r].demandSlope);
        }
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) {
            if (r == s) continue;
            double tariff = r == 0 && s >= 1 && s <= 3 ? BenchMarkets.TARIFF : 0;
            lin.set(xi[r][s], 0, -(c[r][s] + tariff));
        }
        R064Store ai = R064Store.FACTORY.make(n + nv, nv);
        R064Store bi = R064Store.FACTORY.make(n + nv, 1);
        for (int r = 0; r < n; r++) { // −(y − d + imports − exports) ≤ 0
            ai.set(r, r, -1);
            ai.set(r, n + r, 1);
            for (int s = 0; s < n; s++) {
                if (s == r) continue;
                ai.set(r, xi[s][r], -1);
                ai.set(r, xi[r][s], 1);
            }
        }
        for (int v = 0; v < nv; v++) ai.set(n + v, v, -1); // x ≥ 0
        long t0 = System.nanoTime();
        Optimisation.Result res = ConvexSolver.newBuilder().objective(q, lin).inequalities(ai, bi).solve();
        double ms = (System.nanoTime() - t0) / 1e6;
        Equilibrium e = Equilibrium.solve(BenchMarkets.scenario(n, false, false));
        double[] xo = new double[nv];
        double[] xl = new double[nv];
        for (int v = 0; v < nv; v++) xo[v] = res.doubleValue(v);
        for (int r = 0; r < n; r++) {
            xl[r] = e.production("R" + r);
            xl[n + r] = e.consumption("R" + r);
            for (int s = 0; s < n; s++) if (r != s) xl[xi[r][s]] = e.flow("R" + r, "R" + s);
        }
        double diff = 0;
        for (int r = 0; r < n; r++) {
            double p = (xo[n + r] - g[r].demandIntercept) / g[r].demandSlope;
            diff = Math.max(diff, Math.abs(p - e.price("R" + r)));
        }
        double fo = objective(q, lin, xo);
        double fl = objective(q, lin, xl);
        System.out.printf(java.util.Locale.ROOT, "%d regions: ojAlgo ConvexSolver %s in %.0f ms; max |p_Lemke − p_ojAlgo| = %.3g%n",
                n, res.getState(), ms, diff);
        System.out.printf(java.util.Locale.ROOT, "  objective: ojAlgo %.12f, Lemke %.12f: Lemke lower by %.3g (rounding level ≈ %.1g)%n",
                fo, fl, fo - fl, Math.abs(fl) * 1e-16 * nv);
        System.out.printf(java.util.Locale.ROOT, "  worst constraint violation: ojAlgo %.3g, Lemke %.3g%n", violation(ai, bi, xo), violation(ai, bi, xl));
    }

    static double objective(R064Store q, R064Store lin, double[] x) {
        double o = 0;
        for (int i = 0; i < x.length; i++) {
            o -= lin.doubleValue(i, 0) * x[i];
            o += 0.5 * q.doubleValue(i, i) * x[i] * x[i]; // Q is diagonal
        }
        return o;
    }

    static double violation(R064Store a, R064Store b, double[] x) {
        double worst = 0;
        for (int i = 0; i < a.countRows(); i++) {
            double s = -b.doubleValue(i, 0);
            for (int j = 0; j < x.length; j++) s += a.doubleValue(i, j) * x[j];
            worst = Math.max(worst, s);
        }
        return worst;
    }
}
