package lodestone.bench.market;

import lodestone.market.Scenario;
import lodestone.market.ScenarioException;

import java.util.Locale;
import java.util.Random;

/**
 * Synthetic single-mineral markets of n regions for the benchmarks: one dominant exporter (R0), linear or
 * isoelastic curves calibrated at 50 USD/kg with seeded random sizes and elasticities, a transport cost
 * on every arc; either the policy case (a floor for a 4-member club, a one-way price-gap subsidy at the
 * same club, an export quota on R0) or the tariff-only case (specific duties on R0's exports to three
 * regions), which is a welfare-maximising QP.
 */
public final class BenchMarkets {
    private BenchMarkets() {
    }

    public static final class Region {
        public double supplyIntercept, supplySlope, demandIntercept, demandSlope;
    }

    /** The linear curves of the market, for building the same problem as a QP. */
    public static Region[] regions(int n) {
        Random rnd = new Random(42);
        Region[] out = new Region[n];
        for (int r = 0; r < n; r++) {
            double qs = r == 0 ? 400 : 20 + rnd.nextInt(60);
            double qd = 30 + rnd.nextInt(60);
            double es = 0.3 + rnd.nextDouble() * 0.5;
            double ed = -(0.2 + rnd.nextDouble() * 0.4);
            Region g = new Region();
            g.supplySlope = es * qs / 50;
            g.supplyIntercept = qs - g.supplySlope * 50;
            g.demandSlope = ed * qd / 50;
            g.demandIntercept = qd - g.demandSlope * 50;
            out[r] = g;
        }
        return out;
    }

    public static double[][] transport(int n) {
        Random rnd = new Random(7);
        double[][] c = new double[n][n];
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) if (r != s) c[r][s] = 0.5 + 3 * rnd.nextDouble();
        return c;
    }

    public static final double TARIFF = 4.0;

    public static String yaml(int n, boolean policies, boolean isoelastic) {
        Region[] g = regions(n);
        Random rnd = new Random(42);
        String[] codes = Locale.getISOCountries();
        StringBuilder y = new StringBuilder("scenario: bench" + n + "\nmineral: synthetic\nunits: {quantity: t, price: USD/kg}\n"
                + "reference_price: 50\nregions:\n");
        for (int r = 0; r < n; r++) {
            double qs = r == 0 ? 400 : 20 + rnd.nextInt(60);
            double qd = 30 + rnd.nextInt(60);
            double es = 0.3 + rnd.nextDouble() * 0.5;
            double ed = -(0.2 + rnd.nextDouble() * 0.4);
            String t = isoelastic ? "isoelastic" : "linear";
            y.append(String.format(Locale.ROOT, "  - {id: R%d, countries: [%s], supply: {type: %s, quantity: %s, elasticity: %s}, "
                    + "demand: {type: %s, quantity: %s, elasticity: %s}}%n", r, codes[r], t, qs, es, t, qd, ed));
        }
        double[][] c = transport(n);
        y.append("transport:\n  arcs:\n");
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) {
            if (r != s) y.append(String.format(Locale.ROOT, "    - {from: R%d, to: R%d, cost: %s}%n", r, s, c[r][s]));
        }
        if (policies) {
            y.append("club: [R1, R2, R3, R4]\npolicies:\n  - {type: price_floor, floor: 60}\n"
                    + "  - {type: price_gap_subsidy, strike: 60}\n  - {type: export_quota, region: R0, quantity: 150}\n");
        } else {
            y.append("tariffs:\n  - {from: R0, to: [R1, R2, R3], specific: " + TARIFF + "}\n");
            // the QP oracles route freely through third regions; origin-true trade with re-export at no processing
            // cost everywhere is that market (docs/market-model.md, "Trade")
            y.append("policies:\n");
            for (int r = 0; r < n; r++) y.append(String.format(Locale.ROOT, "  - {type: re_export, region: R%d, processing_cost: 0}%n", r));
        }
        return y.toString();
    }

    public static Scenario scenario(int n, boolean policies, boolean isoelastic) {
        try {
            return Scenario.parse(yaml(n, policies, isoelastic), "bench" + n + ".yaml");
        } catch (ScenarioException e) {
            throw new IllegalStateException(e);
        }
    }
}
