package lodestone.market;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Club price floor by a variable levy on every non-member → member arc, set arc by arc (the option
 * {@code levy: per_arc}; the default is {@link CommonFloorLevy}):
 * L_rs ≥ 0 ⟂ CIF_rs + L_rs − F ≥ 0, i.e. L_rs = max(0, F − CIF_rs); the levy is added to the landed price.
 * Revenue Σ L_rs·x_rs.
 */
final class FloorLevy extends Instrument {
    /** Reads {@code type: price_floor} (both levy rules; the common levy is {@link CommonFloorLevy}). */
    static final Kind KIND = new Kind("per-arc floor levy", FloorLevy::new,
            List.of(new PolicyType("price_floor", List.of("floor", "members", "levy"), FloorLevy::read)));

    private static Policy read(PolicyItem p) {
        Double floor = p.required("floor", 0);
        List<String> members = p.regionIdsOrClub("members");
        if (members.isEmpty()) p.problemOnEntry("members", "a price floor needs members (or a club:)");
        String levy = p.word("levy", "common", List.of("common", "per_arc"));
        if (levy == null) return null;
        boolean perArc = levy.equals("per_arc");
        for (Policy q : p.before) {
            if (q instanceof Policy.PriceFloor other && other.perArc() != perArc) {
                p.problem("levy", "every price floor of a scenario uses the same levy rule (common or per_arc)");
                break;
            }
        }
        return floor == null ? null : new Policy.PriceFloor(p.label("price floor " + PolicyItem.fmt(floor) + " for " + String.join("+", members)),
                p.index(members), floor, perArc);
    }

    /** floor[a]: the floor on arc a (the highest of the floors covering it), NaN where none applies. */
    private final double[] floor;
    private final int[] var;
    private final boolean any;

    FloorLevy(MarketModel m) {
        super(m);
        floor = floors(m, true);
        any = m.sc.policies.stream().anyMatch(p -> p instanceof Policy.PriceFloor pf && pf.perArc());
        var = new int[floor.length];
        Arrays.fill(var, -1);
    }

    /**
     * The floor on each arc of the model from the price floors of the given levy rule: on every arc from a
     * non-member into a member, the highest floor covering it; NaN elsewhere.
     */
    static double[] floors(MarketModel m, boolean perArc) {
        int n = m.regions;
        double[][] f = new double[n][n];
        for (double[] row : f) Arrays.fill(row, Double.NaN);
        for (Policy p : m.sc.policies) {
            if (!(p instanceof Policy.PriceFloor pf) || pf.perArc() != perArc) continue;
            for (int a = 0; a < n; a++) {
                if (pf.members().contains(a)) continue;
                for (int s : pf.members()) f[a][s] = Double.isNaN(f[a][s]) ? pf.floor() : Math.max(f[a][s], pf.floor());
            }
        }
        double[] out = new double[m.arcFrom.length];
        for (int a = 0; a < out.length; a++) out[a] = f[m.arcFrom[a]][m.arcTo[a]];
        return out;
    }

    @Override
    boolean present() { return any; }

    /** The levy variable of arc a, −1 where no floor applies. */
    int var(int a) { return var[a]; }

    double floor(int a) { return floor[a]; }

    @Override
    void declare() {
        for (int a = 0; a < floor.length; a++) var[a] = Double.isNaN(floor[a]) ? -1 : m.addArcVariable("levy on ", a);
    }

    @Override
    double landed(double[] x, int a, double cif, double v) {
        return var[a] >= 0 ? v + x[var[a]] : v;
    }

    @Override
    double startLanded(int a, double cif, double v, double[] d) {
        return startLevy(floor[a], cif, v, d);
    }

    /**
     * A levy in the price-space start: max(0, F − CIF) on the arc (for the common levy, arc by arc), so it holds
     * the landed price v at the floor F while it binds; d[0], dv/dcif, loses the CIF price's 1 then. NaN F: no levy.
     */
    static double startLevy(double floor, double cif, double v, double[] d) {
        if (floor > cif) {
            v += floor - cif;
            d[0] -= 1;
        }
        return v;
    }

    @Override
    void startPoint(double[] p, IntToDoubleFunction cif, double[] x) {
        for (int a = 0; a < var.length; a++) if (var[a] >= 0) x[var[a]] = Math.max(0, floor[a] - cif.applyAsDouble(a));
    }

    @Override
    void landedTerms(int a, Terms t) {
        if (var[a] >= 0) t.add(var[a], 1);
    }

    @Override
    void rows(double[] x, double[] f) {
        for (int a = 0; a < var.length; a++) if (var[a] >= 0) f[var[a]] = m.cif(x, a) + x[var[a]] - floor[a];
    }

    @Override
    void entries(MarketModel.Entries j) {
        Terms t = new Terms();
        for (int a = 0; a < var.length; a++) {
            int l = var[a];
            if (l < 0) continue;
            j.add(l, l, 1);
            j.add(l, m.arcFrom[a], m.fobFactor(a));
            t.clear();
            m.fobTerms(a, t);
            for (int k = 0; k < t.count; k++) j.add(l, t.vars[k], t.coefs[k]);
        }
    }

    @Override
    void scales(double[] variable, double[] row, double price, double quantity) {
        for (int l : var) {
            if (l >= 0) {
                variable[l] = price;
                row[l] = price;
            }
        }
    }

    @Override
    void omittedArc(double[] x, int a) {
        if (var[a] >= 0) x[var[a]] = Math.max(0, floor[a] - m.fob(x, a) - m.arcCost[a]);
    }

    double levy(double[] x, int a) { return var[a] >= 0 ? x[var[a]] : 0; }

    @Override
    void totals(double[] x, Map<String, Double> out) {
        double s = 0;
        for (int k = 0; k < var.length; k++) if (var[k] >= 0) s += x[var[k]] * m.traded(x, k);
        out.merge("levy_revenue", s, Double::sum);
    }

    @Override
    void regionTotals(double[] x, Map<String, double[]> out) {   // collected by the importing member
        double[] r = byRegion(out, "levy_revenue");
        for (int k = 0; k < var.length; k++) if (var[k] >= 0) r[m.arcTo[k]] += x[var[k]] * m.traded(x, k);
    }
}
