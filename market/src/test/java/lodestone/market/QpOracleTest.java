package lodestone.market;

import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine against an independent oracle. A tariff-only market with linear curves is a welfare-maximising
 * QP (Samuelson 1952, Takayama–Judge 1971); its dual, the <em>price form</em>, minimises Σ_r ∫ (S_r − D_r) dp
 * over the regional prices subject to p_s − p_r ≤ c_rs + t_rs on every arc (the flows are the multipliers).
 * Seeded random markets of 3 to 20 regions, with random transport costs and specific and ad-hoc duties
 * on random arcs, are solved by {@link Equilibrium} (Lemke inside a Josephy–Newton loop) and by ojAlgo's
 * convex QP solver on the price form; every price must agree to 1e-6 USD/kg.
 *
 * <p>The QP is only the same problem when no curve kinks at zero, so each market is drawn with positive
 * supply at any price ≥ 0 and a demand choke price above every reachable price, and the test asserts that
 * every region both produces and consumes in the equilibrium; and only when material may pass through any
 * region, so every region has a re-export rule at no processing cost.
 */
class QpOracleTest {
    static final double PRICE_TOL = 1e-6;

    record Market(String yaml, double[] supplyIntercept, double[] supplySlope, double[] demandIntercept,
                  double[] demandSlope, double[][] arcCost) {
    }

    /** A market of n regions calibrated at 50 USD/kg; arcCost includes any specific duty. */
    static Market market(int n, long seed) {
        Random rnd = new Random(seed);
        double[] si = new double[n], ss = new double[n], di = new double[n], ds = new double[n];
        double[][] cost = new double[n][n];
        String[] codes = Locale.getISOCountries();
        StringBuilder y = new StringBuilder("scenario: oracle" + n + "\nmineral: synthetic\n"
                + "units: {quantity: t, price: USD/kg}\nreference_price: 50\nregions:\n");
        for (int r = 0; r < n; r++) {
            // a few large exporters, elasticities below one in size so the supply intercept is positive
            double qs = rnd.nextInt(4) == 0 ? 150 + rnd.nextInt(300) : 5 + rnd.nextInt(80);
            double qd = 20 + rnd.nextInt(80);
            double es = 0.2 + rnd.nextDouble() * 0.7;
            double ed = -(0.15 + rnd.nextDouble() * 0.5);
            ss[r] = es * qs / 50;
            si[r] = qs - ss[r] * 50;
            ds[r] = ed * qd / 50;
            di[r] = qd - ds[r] * 50;
            y.append(String.format(Locale.ROOT, "  - {id: R%d, countries: [%s], supply: {type: linear, quantity: %s, elasticity: %s}, "
                    + "demand: {type: linear, quantity: %s, elasticity: %s}}%n", r, codes[r], qs, es, qd, ed));
        }
        y.append("transport:\n  arcs:\n");
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) {
            if (r == s) continue;
            cost[r][s] = 0.25 + 4 * rnd.nextDouble();
            y.append(String.format(Locale.ROOT, "    - {from: R%d, to: R%d, cost: %s}%n", r, s, cost[r][s]));
        }
        y.append("tariffs:\n");
        int duties = 1 + rnd.nextInt(2 * n);
        boolean[][] dutiable = new boolean[n][n];
        for (int k = 0; k < duties; k++) {
            int r = rnd.nextInt(n);
            int s = rnd.nextInt(n - 1);
            if (s >= r) s++;
            if (dutiable[r][s]) continue; // a later entry for the same arc would replace the earlier one
            dutiable[r][s] = true;
            double duty = Math.round(rnd.nextDouble() * 800) / 100.0;
            cost[r][s] += duty;
            y.append(String.format(Locale.ROOT, "  - {from: R%d, to: [R%d], specific: %s}%n", r, s, duty));
        }
        // the Takayama–Judge QP lets material pass through any region (flows carry no origin): the engine's
        // model of that is origin-true trade with free re-export everywhere (docs/market-model.md, "Trade")
        y.append("policies:\n");
        for (int r = 0; r < n; r++) y.append(String.format(Locale.ROOT, "  - {type: re_export, region: R%d, processing_cost: 0}%n", r));
        return new Market(y.toString(), si, ss, di, ds, cost);
    }

    /** ojAlgo's QP on the price form; null when it reports no optimum. */
    static double[] ojAlgoPrices(Market m) {
        int n = m.supplySlope().length;
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] p = new Variable[n];
        for (int r = 0; r < n; r++) p[r] = model.addVariable("p" + r).lower(0);
        Expression objective = model.addExpression("objective").weight(1);
        for (int r = 0; r < n; r++) {
            // d/dp of the objective is S_r(p) − D_r(p) = (α − a) + (β − b) p
            objective.set(p[r], m.supplyIntercept()[r] - m.demandIntercept()[r]);
            objective.set(p[r], p[r], 0.5 * (m.supplySlope()[r] - m.demandSlope()[r]));
        }
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) {
            if (r == s) continue;
            Expression arc = model.addExpression("arc" + r + "_" + s).upper(m.arcCost()[r][s]);
            arc.set(p[s], 1);
            arc.set(p[r], -1);
        }
        Optimisation.Result result = model.minimise();
        if (!result.getState().isOptimal()) return null;
        double[] out = new double[n];
        for (int r = 0; r < n; r++) out[r] = p[r].getValue().doubleValue();
        return out;
    }

    @Test
    void pricesAgreeWithOjAlgosQpOnSeededRandomMarkets() throws Exception {
        int markets = 0;
        double worst = 0;
        for (int n : new int[] {3, 5, 8, 12, 20}) {
            for (long seed = 1; seed <= (n <= 8 ? 8 : 3); seed++) {
                Market m = market(n, 1000L * n + seed);
                Equilibrium e = Equilibrium.solve(Scenario.parse(m.yaml(), "oracle" + n + "-" + seed + ".yaml"));
                assertThat(e.solved()).as("n=%d seed=%d: %s", n, seed, e.diagnosis()).isTrue();
                double[] qp = ojAlgoPrices(m);
                assertThat(qp).as("ojAlgo optimum, n=%d seed=%d", n, seed).isNotNull();
                for (int r = 0; r < n; r++) {
                    String id = "R" + r;
                    // the QP is this market only without kinks: everyone produces and consumes
                    assertThat(e.production(id)).as("production %s n=%d seed=%d", id, n, seed).isPositive();
                    assertThat(e.consumption(id)).as("consumption %s n=%d seed=%d", id, n, seed).isPositive();
                    double gap = Math.abs(e.price(id) - qp[r]);
                    worst = Math.max(worst, gap);
                    assertThat(gap).as("price %s n=%d seed=%d: Lemke %s ojAlgo %s", id, n, seed, e.price(id), qp[r])
                            .isLessThanOrEqualTo(PRICE_TOL);
                }
                markets++;
            }
        }
        assertThat(markets).isEqualTo(3 * 8 + 2 * 3);
        System.out.printf(Locale.ROOT, "QpOracleTest: %d markets, worst price gap %.3g USD/kg%n", markets, worst);
    }

    @Test
    void ojAlgoSeesTheDutyTheEngineSees() throws Exception {
        // two regions, one exporter: the duty moves both prices, and the gap between them is freight plus duty
        Market m = market(2, 77);
        Equilibrium e = Equilibrium.solve(Scenario.parse(m.yaml(), "two.yaml"));
        double[] qp = ojAlgoPrices(m);
        int from = e.flow("R0", "R1") > 0 ? 0 : 1;
        int to = 1 - from;
        assertThat(e.flow("R" + from, "R" + to)).isPositive();
        assertThat(qp[to] - qp[from]).isCloseTo(m.arcCost()[from][to], org.assertj.core.api.Assertions.within(1e-9));
        assertThat(e.price("R" + to) - e.price("R" + from)).isCloseTo(m.arcCost()[from][to], org.assertj.core.api.Assertions.within(1e-9));
    }
}
