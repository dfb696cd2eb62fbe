package lodestone.bench.market;

import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The tariff-only spatial equilibrium as the welfare-maximising QP (Samuelson 1952; Takayama–Judge 1971):
 * maximise Σ ∫₀^{d_r} D⁻¹ − Σ ∫₀^{y_r} S⁻¹ − Σ (c_rs + t_rs) x_rs subject to y_r + imports − exports − d_r ≥ 0,
 * solved by ojAlgo's general-purpose QP solver. Prices are read back from consumption through the
 * inverse demand curves (every region consumes), so they compare with the equilibrium's prices exactly.
 */
public final class OjAlgoSpatialQp {
    private OjAlgoSpatialQp() {
    }

    /** Returns the regional prices, or null when ojAlgo does not report an optimal solution. */
    public static double[] solve(int n) {
        BenchMarkets.Region[] g = BenchMarkets.regions(n);
        double[][] c = BenchMarkets.transport(n);
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        // default options: asking for 14 significant digits (options.solution/feasibility, convex().iterative),
        // or scaling the objective, made it slower or changed nothing (prices stay ≈3e-5 from the certified
        // ones); convex().smallDiagonal(1e-14) and extendedPrecision(true) gave wrong answers (measured
        // 2026-11-23, docs/benchmarks.md)
        Variable[] y = new Variable[n];
        Variable[] d = new Variable[n];
        Variable[][] x = new Variable[n][n];
        for (int r = 0; r < n; r++) {
            y[r] = model.addVariable("y" + r).lower(0);
            d[r] = model.addVariable("d" + r).lower(0);
        }
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) {
            if (r == s) continue;
            double tariff = r == 0 && s >= 1 && s <= 3 ? BenchMarkets.TARIFF : 0;
            x[r][s] = model.addVariable("x" + r + "_" + s).lower(0).weight(-(c[r][s] + tariff));
        }
        Expression welfare = model.addExpression("welfare").weight(1);
        for (int r = 0; r < n; r++) {
            // demand d = a + b p (b < 0): ∫ D⁻¹ = −a/b·d + d²/(2b); supply y = α + β p: ∫ S⁻¹ = −α/β·y + y²/(2β)
            welfare.set(d[r], -g[r].demandIntercept / g[r].demandSlope);
            welfare.set(d[r], d[r], 1 / (2 * g[r].demandSlope));
            welfare.set(y[r], g[r].supplyIntercept / g[r].supplySlope);
            welfare.set(y[r], y[r], -1 / (2 * g[r].supplySlope));
        }
        for (int r = 0; r < n; r++) {
            Expression balance = model.addExpression("balance" + r).lower(0);
            balance.set(y[r], 1);
            balance.set(d[r], -1);
            for (int s = 0; s < n; s++) {
                if (s == r) continue;
                balance.set(x[s][r], 1);
                balance.set(x[r][s], -1);
            }
        }
        Optimisation.Result result = model.maximise();
        if (!result.getState().isOptimal()) return null;
        double[] p = new double[n];
        for (int r = 0; r < n; r++) {
            p[r] = (d[r].getValue().doubleValue() - g[r].demandIntercept) / g[r].demandSlope;
        }
        return p;
    }

    /**
     * The same market as the price-form QP, the dual of {@link #solve}: minimise Σ_r ∫ (S_r − D_r) dp over the
     * regional prices subject to p_s − p_r ≤ c_rs + t_rs on every arc, whose multipliers are the flows. With
     * linear curves the integrand is affine, so the objective is Σ_r (α_r − a_r) p_r + ½ (β_r − b_r) p_r²; the
     * benchmark curves have positive supply at any non-negative price and no choke below the prices reached,
     * so no curve kinks. The prices are this QP's own variables, not read back from quantities.
     */
    public static double[] solvePrices(int n) {
        BenchMarkets.Region[] g = BenchMarkets.regions(n);
        double[][] c = BenchMarkets.transport(n);
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] p = new Variable[n];
        for (int r = 0; r < n; r++) p[r] = model.addVariable("p" + r).lower(0);
        Expression excess = model.addExpression("excess supply integral").weight(1);
        for (int r = 0; r < n; r++) {
            excess.set(p[r], g[r].supplyIntercept - g[r].demandIntercept);
            excess.set(p[r], p[r], 0.5 * (g[r].supplySlope - g[r].demandSlope));
        }
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) {
            if (r == s) continue;
            double tariff = r == 0 && s >= 1 && s <= 3 ? BenchMarkets.TARIFF : 0;
            Expression arc = model.addExpression("arc" + r + "_" + s).upper(c[r][s] + tariff);
            arc.set(p[s], 1);
            arc.set(p[r], -1);
        }
        Optimisation.Result result = model.minimise();
        if (!result.getState().isOptimal()) return null;
        double[] out = new double[n];
        for (int r = 0; r < n; r++) out[r] = p[r].getValue().doubleValue();
        return out;
    }

    public static void main(String[] args) {
        for (String a : args.length == 0 ? new String[] {"5", "10", "20"} : args) {
            int n = Integer.parseInt(a);
            lodestone.market.Equilibrium e = lodestone.market.Equilibrium.solve(BenchMarkets.scenario(n, false, false));
            long t0 = System.nanoTime();
            double[] pp = solvePrices(n);
            double ms = (System.nanoTime() - t0) / 1e6;
            double diff = 0;
            for (int r = 0; r < n; r++) diff = Math.max(diff, Math.abs(pp[r] - e.price("R" + r)));
            System.out.printf(java.util.Locale.ROOT, "%d regions: price-form QP %.1f ms, max |p_Lemke - p_ojAlgo| = %.3g%n", n, ms, diff);
        }
    }
}
