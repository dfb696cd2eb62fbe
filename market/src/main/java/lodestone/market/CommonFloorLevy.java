package lodestone.market;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Club price floor by one common variable levy per member s (the EU variable-levy rule, the default):
 * L_s = max(0, F_s − min over non-member arcs r → s of CIF_rs), added to the landed price of every
 * non-member arc into s. The max-min is written as the optimality conditions of the LP "min L_s s.t.
 * L_s ≥ F_s − CIF_rs for each covered arc, L_s ≥ 0", with one multiplier w_rs per covered arc:
 *
 * <pre>
 *   w_rs ≥ 0  ⟂  L_s + CIF_rs − F_s ≥ 0
 *   L_s  ≥ 0  ⟂  1 − Σ_r w_rs ≥ 0
 * </pre>
 *
 * (L_s > 0 forces Σ w = 1, so some arc has L_s = F_s − CIF_rs, and every arc has L_s ≥ F_s − CIF_rs.)
 * The w are dimensionless and enter no other row. Revenue Σ L_s·x_rs over the covered arcs.
 */
final class CommonFloorLevy extends Instrument {
    /** Its price floors are read by {@link FloorLevy#KIND} (type price_floor, the default levy rule). */
    static final Kind KIND = new Kind("common floor levy", CommonFloorLevy::new, List.of());

    /** floor[a]: the floor on covered arc a (highest of the floors covering it), NaN where none applies. */
    private final double[] floor;
    private final int[] weightVar;
    /** levyVar[s]: the common levy of member s, −1 when no covered arc enters s. */
    private final int[] levyVar;
    private final boolean any;

    CommonFloorLevy(MarketModel m) {
        super(m);
        floor = FloorLevy.floors(m, false);
        any = m.sc.policies.stream().anyMatch(p -> p instanceof Policy.PriceFloor pf && !pf.perArc());
        weightVar = new int[floor.length];
        levyVar = new int[m.regions];
        Arrays.fill(weightVar, -1);
        Arrays.fill(levyVar, -1);
    }

    @Override
    boolean present() { return any; }

    double floor(int a) { return floor[a]; }

    @Override
    void declare() {
        for (int a = 0; a < floor.length; a++) {
            int s = m.arcTo[a];
            if (!Double.isNaN(floor[a]) && levyVar[s] < 0) levyVar[s] = m.add("common levy into " + m.id(s), Double.POSITIVE_INFINITY);
        }
        for (int a = 0; a < floor.length; a++) if (!Double.isNaN(floor[a])) weightVar[a] = m.addArcVariable("levy weight on ", a);
    }

    double levy(double[] x, int a) { return weightVar[a] >= 0 ? x[levyVar[m.arcTo[a]]] : 0; }

    /** The common levy variable into member s, −1 if none. */
    int levyVar(int s) { return levyVar[s]; }

    int weightVar(int a) { return weightVar[a]; }

    @Override
    double landed(double[] x, int a, double cif, double v) {
        return weightVar[a] >= 0 ? v + x[levyVar[m.arcTo[a]]] : v;
    }

    @Override
    double startLanded(int a, double cif, double v, double[] d) {
        return FloorLevy.startLevy(floor[a], cif, v, d);
    }

    @Override
    void startPoint(double[] p, IntToDoubleFunction cif, double[] x) {
        for (int a = 0; a < weightVar.length; a++) {
            if (weightVar[a] < 0) continue;
            int l = levyVar[m.arcTo[a]];
            x[l] = Math.max(x[l], floor[a] - cif.applyAsDouble(a));
        }
    }

    @Override
    void landedTerms(int a, Terms t) {
        if (weightVar[a] >= 0) t.add(levyVar[m.arcTo[a]], 1);
    }

    @Override
    void rows(double[] x, double[] f) {
        for (int s = 0; s < levyVar.length; s++) if (levyVar[s] >= 0) f[levyVar[s]] = 1;
        for (int a = 0; a < floor.length; a++) {
            int w = weightVar[a];
            if (w < 0) continue;
            int l = levyVar[m.arcTo[a]];
            f[w] = m.cif(x, a) + x[l] - floor[a];
            f[l] -= x[w];
        }
    }

    @Override
    void entries(MarketModel.Entries j) {
        Terms t = new Terms();
        for (int a = 0; a < floor.length; a++) {
            int w = weightVar[a];
            if (w < 0) continue;
            int l = levyVar[m.arcTo[a]];
            j.add(w, l, 1);
            j.add(w, m.arcFrom[a], m.fobFactor(a));
            t.clear();
            m.fobTerms(a, t);
            for (int k = 0; k < t.count; k++) j.add(w, t.vars[k], t.coefs[k]);
            j.add(l, w, -1);
        }
    }

    @Override
    void scales(double[] variable, double[] row, double price, double quantity) {
        for (int l : levyVar) {
            if (l >= 0) {
                variable[l] = price;
                row[l] = 1;
            }
        }
        for (int w : weightVar) {
            if (w >= 0) {
                variable[w] = 1;
                row[w] = price;
            }
        }
    }

    @Override
    void totals(double[] x, Map<String, Double> out) {
        double s = 0;
        for (int a = 0; a < floor.length; a++) if (weightVar[a] >= 0) s += levy(x, a) * m.traded(x, a);
        out.merge("levy_revenue", s, Double::sum);
    }

    @Override
    void regionTotals(double[] x, Map<String, double[]> out) {   // collected by the importing member
        double[] r = byRegion(out, "levy_revenue");
        for (int a = 0; a < floor.length; a++) if (weightVar[a] >= 0) r[m.arcTo[a]] += levy(x, a) * m.traded(x, a);
    }
}
