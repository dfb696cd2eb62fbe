package lodestone.market;

import lodestone.market.mcp.McpProblem;
import lodestone.market.mcp.McpResult;
import lodestone.market.mcp.McpSolver;

/**
 * Solves a market on a subset of its trade arcs and proves the answer on all of them (arc generation, the
 * column generation of the transportation problem). An equilibrium uses few of the R(R−1) arcs, and an
 * arc that carries nothing only needs its condition landed − p_s ≥ 0. So: solve the model restricted to
 * the arcs that are (nearly) competitive at a start point — the price-space estimate of
 * {@link PriceStart}, or a previous equilibrium —; extend the restricted solution to every arc (no flow;
 * a levy of max(0, F − CIF)); certify it on the <em>full</em> model, ‖Φ_FB‖∞ ≤ 1e-9 recomputed from the
 * data; and where omitted arcs would pay (landed &lt; p_s), add the one that pays most into each
 * destination and solve again from the last solution. The restricted LCPs are a few times smaller than the full one, so each pivot and every
 * dense step is cheaper, and the full model's Jacobian is never formed.
 *
 * <p>Returns null when the restricted route does not reach a certified point (a restricted model
 * without an equilibrium, or too many rounds): the caller then solves the full model, which also gives
 * the diagnosis when there is no equilibrium at all.
 */
final class RestrictedSolve {
    private static final int MAX_ROUNDS = 30;
    /** An arc starts in the restricted model when its landed cost is within this share of the destination's price. */
    private static final double WINDOW = 0.005;

    private RestrictedSolve() {
    }

    /**
     * Worth it only when the arcs outnumber what an equilibrium can use by far, from 10 regions on (below,
     * the whole model is small and one LCP is cheaper than the rounds: measured, docs/benchmarks.md).
     */
    static boolean worthIt(MarketModel full) {
        return full.regions >= MarketModel.LARGE && full.arcFrom.length > 3 * full.regions && full.allowsArcGeneration();
    }

    static McpResult solve(MarketModel full, double[] start) {
        int na = full.arcFrom.length;
        int n = full.regions;
        double ref = full.sc.referencePrice;
        boolean[] allowed = new boolean[na];
        // arcs that carry trade at the start, or whose landed cost is within 0.5 % of the price at the
        // destination, and for every destination its two cheapest sources
        double[] gap = new double[na];
        for (int a = 0; a < na; a++) {
            gap[a] = start[full.arcTo[a]] - full.landed(start, a);
            allowed[a] = start[full.arcVar[a]] > 0 || gap[a] >= -WINDOW * Math.max(ref, Math.abs(start[full.arcTo[a]]));
        }
        for (int s = 0; s < n; s++) {
            int best = -1;
            int second = -1;
            for (int a = 0; a < na; a++) {
                if (full.arcTo[a] != s) continue;
                if (best < 0 || gap[a] > gap[best]) {
                    second = best;
                    best = a;
                } else if (second < 0 || gap[a] > gap[second]) {
                    second = a;
                }
            }
            if (best >= 0) allowed[best] = true;
            if (second >= 0) allowed[second] = true;
        }
        McpProblem fullProblem = full.problem();
        MarketModel.Variables fullVariables = full.variables();
        double priceScale = full.priceScale();
        double[] x = start.clone();
        int pivots = 0;
        int iterations = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            MarketModel rm = new MarketModel(restrict(full.sc, full, allowed));
            int[] map = rm.indexIn(fullVariables);
            if (map == null) return null; // not the same model
            double[] rs = new double[rm.size];
            for (int i = 0; i < rm.size; i++) rs[i] = x[map[i]];
            McpResult r = McpSolver.solve(rm.problem(), rs);
            pivots += r.pivots();
            iterations += r.iterations();
            if (!r.solved()) return null;
            double[] rx = r.x();
            double[] fx = new double[full.size];
            for (int i = 0; i < rm.size; i++) fx[map[i]] = rx[i];
            for (int a = 0; a < na; a++) {
                if (allowed[a]) continue;
                fx[full.arcVar[a]] = 0;
                full.omittedArc(fx, a);
            }
            double[] f = new double[full.size];
            full.value(fx, f);
            if (McpSolver.residual(fullProblem, fx, f) <= McpSolver.DEFAULT_TOLERANCE) {
                // the certificate proper, recomputed from the data
                McpResult c = McpSolver.certify(fullProblem, fx, iterations, pivots, McpSolver.DEFAULT_TOLERANCE);
                if (c.solved()) return c;
            }
            // omitted arcs on which trade would pay: add them and solve again from here
            // per destination, the omitted arc that would pay most (the most negative reduced cost) — and the omitted
            // arc whose own instrument condition fails most: a common floor levy is set by the cheapest covered arc
            // into a member (L_s ≥ F_s − CIF_rs on every one), trade on it or not, so an omitted arc cheaper than
            // those kept leaves the levy too low until it is in the model
            boolean added = false;
            int[] worst = new int[n];
            int[] worstOther = new int[n];
            java.util.Arrays.fill(worst, -1);
            java.util.Arrays.fill(worstOther, -1);
            double[] worstOtherF = new double[n];
            double tol = -0.5 * McpSolver.DEFAULT_TOLERANCE * priceScale;
            for (int a = 0; a < na; a++) {
                if (allowed[a] || !(f[full.arcVar[a]] < tol)) continue;
                int s = full.arcTo[a];
                if (worst[s] < 0 || f[full.arcVar[a]] < f[full.arcVar[worst[s]]]) worst[s] = a;
            }
            for (int i = 0; i < full.size; i++) {
                int a = full.arcOf(i);
                if (a < 0 || allowed[a] || i == full.arcVar[a] || !(f[i] < tol)) continue; // an instrument's arc variable, at 0 on an omitted arc
                int s = full.arcTo[a];
                if (worstOther[s] < 0 || f[i] < worstOtherF[s]) {
                    worstOther[s] = a;
                    worstOtherF[s] = f[i];
                }
            }
            for (int s = 0; s < n; s++) {
                for (int a : new int[]{worst[s], worstOther[s]}) {
                    if (a >= 0 && !allowed[a]) {
                        allowed[a] = true;
                        added = true;
                    }
                }
            }
            if (!added) return null;
            x = fx;
        }
        return null;
    }

    /** The scenario with no arc where {@code allowed} is false (transport cost +∞ there). */
    private static Scenario restrict(Scenario sc, MarketModel full, boolean[] allowed) {
        int n = sc.regions.size();
        double[][] t = new double[n][];
        for (int r = 0; r < n; r++) t[r] = sc.transport[r].clone();
        for (int a = 0; a < allowed.length; a++) if (!allowed[a]) t[full.arcFrom[a]][full.arcTo[a]] = Double.POSITIVE_INFINITY;
        return new Scenario(sc.name, sc.description, sc.minerals, sc.product, sc.quantityUnit, sc.priceUnit, sc.referencePrice,
                sc.regions, sc.club, t, sc.tariffAdValorem, sc.tariffSpecific, sc.policies, null);
    }
}
