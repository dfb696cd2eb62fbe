package lodestone.market;

import lodestone.market.mcp.McpResult;
import lodestone.market.mcp.McpSolver;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The cold route (price-space start, arc generation, certificate on every arc) gives the full model's answer. */
class RestrictedSolveTest {

    static String market(int n, boolean policies, long seed) {
        Random rnd = new Random(seed);
        String[] codes = Locale.getISOCountries();
        StringBuilder y = new StringBuilder("scenario: many\nmineral: synthetic\nunits: {quantity: t, price: USD/kg}\n"
                + "reference_price: 50\nregions:\n");
        for (int r = 0; r < n; r++) {
            double qs = r == 0 ? 300 : 20 + rnd.nextInt(60);
            double qd = 30 + rnd.nextInt(60);
            y.append(String.format(Locale.ROOT, "  - {id: R%d, countries: [%s], supply: {type: linear, quantity: %s, elasticity: %s},"
                    + " demand: {type: linear, quantity: %s, elasticity: %s}}%n", r, codes[r], qs, 0.3 + rnd.nextDouble() * 0.5,
                    qd, -(0.2 + rnd.nextDouble() * 0.4)));
        }
        y.append("transport:\n  arcs:\n");
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) {
            if (r != s) y.append(String.format(Locale.ROOT, "    - {from: R%d, to: R%d, cost: %s}%n", r, s, 0.5 + 3 * rnd.nextDouble()));
        }
        if (policies) {
            y.append("club: [R1, R2, R3]\npolicies:\n  - {type: price_floor, floor: 58}\n  - {type: price_gap_subsidy, strike: 58}\n"
                    + "  - {type: export_quota, region: R0, quantity: 120}\n");
        } else {
            y.append("tariffs:\n  - {from: R0, to: [R1, R2], specific: 3}\n");
        }
        return y.toString();
    }

    /**
     * From 12 regions and at 20 (the size of the market engine's target): at 20 regions the common floor levy was set by
     * a covered arc the restricted model had left out (cheaper than those kept, carrying no trade), the certificate failed
     * on its condition and every cold solve fell back to the full model — 207 pivots instead of ~66, 20–30 ms instead of
     * a few.
     */
    @Test
    void coldRouteAgreesWithTheFullModelFromTheReferencePoint() throws Exception {
        for (int n : new int[]{12, 20})
        for (long seed = 1; seed <= 6; seed++) {
            for (boolean policies : new boolean[]{true, false}) {
                Scenario s = Scenario.parse(market(n, policies, seed), "many.yaml");
                MarketModel full = new MarketModel(s);
                assertThat(RestrictedSolve.worthIt(full)).isTrue();
                McpResult direct = McpSolver.solve(full.problem(), full.start());
                McpResult restricted = RestrictedSolve.solve(full, full.coldStart());
                assertThat(direct.solved()).isTrue();
                assertThat(restricted).as("%d regions, seed %d, policies %s", n, seed, policies).isNotNull();
                assertThat(restricted.solved()).isTrue();
                // certified on the full model, not only on the arcs it solved with
                assertThat(McpSolver.certify(full.problem(), restricted.x(), 0, 0, 1e-9).solved()).isTrue();
                for (int r = 0; r < n; r++) {
                    assertThat(restricted.x()[r]).as("seed %d price %d", seed, r).isCloseTo(direct.x()[r], within(1e-8));
                }
                Equilibrium e = Equilibrium.solve(s);
                assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
                assertThat(e.price("R5")).isCloseTo(direct.x()[5], within(1e-8));
            }
        }
    }

    /**
     * The price-space start calls only the instruments that change an arc's FOB or landed price ({@link Instrument#overrides}):
     * those that declare the hook, in their own class or one they extend, and no other.
     */
    @Test
    void theStartCallsOnlyTheInstrumentsThatDeclareAHook() throws Exception {
        MarketModel m = new MarketModel(Scenario.parse(market(12, true, 1).replace("policies:\n",
                "policies:\n  - {type: export_tax, region: R0, ad_valorem: 0.1}\n"), "hooks.yaml"));
        java.util.Set<String> landed = new java.util.TreeSet<>(), fob = new java.util.TreeSet<>();
        for (Instrument i : m.active) {
            if (i.overrides("startLanded", int.class, double.class, double.class, double[].class)) landed.add(i.getClass().getSimpleName());
            if (i.overrides("startFob", int.class, double.class)) fob.add(i.getClass().getSimpleName());
        }
        assertThat(landed).containsExactly("CommonFloorLevy");
        assertThat(fob).containsExactly("ExportTaxes");
        assertThat(new Tariffs(m).overrides("startLanded", int.class, double.class, double.class, double[].class)).isTrue();
        assertThat(new Tariffs(m).overrides("startFob", int.class, double.class)).isFalse();
    }
}
