package lodestone.market;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Origin-true trade: a region exports only what it produces (primary and recycled) or releases from its
 * stockpiles, unless a {@code re_export} policy lets it re-export imported material after processing at a
 * cost k per unit (a processing rule that confers its origin). For each region with export arcs:
 *
 * <pre>
 *   λ_r ≥ 0  ⟂  Σ_k y_rk + R⁺_r + z_r − Σ_s x_rs − Σ_s O_rs − Σ_{s≠r} z^cert_rs ≥ 0     (exports ≤ own material)
 *   z_r ≥ 0  ⟂  k_r − λ_r ≥ 0                                                       (re-exports, if allowed)
 * </pre>
 *
 * R⁺_r is what r's stockpiles release (a build is a use, like demand, and may be filled by imports).
 * λ_r, the origin rent, is what r's own material is worth above r's market price p_r when the rule binds:
 * exporters ask p_r + λ_r (it enters the FOB price) and r's producers receive it. A region with neither
 * supply, stockpile nor re-export has no export arcs at all, and one with neither demand, stockpile nor
 * re-export no import arcs (MarketModel); only a region with both needs the rule and its rent.
 * Flows therefore never route an origin's material through a third region to avoid a measure on that
 * origin (docs/market-model.md, "Trade").
 */
final class OriginRule extends Instrument {
    static final Kind KIND = new Kind("origin rule", OriginRule::new,
            List.of(new PolicyType("re_export", List.of("region", "processing_cost"), OriginRule::read)));

    private static Policy read(PolicyItem p) {
        Integer r = p.region("region");
        Double cost = p.required("processing_cost", 0);
        return r == null || cost == null ? null
                : new Policy.ReExport(p.label("re-export from " + p.id(r) + " after processing at " + PolicyItem.fmt(cost)), r, cost);
    }

    private final int[] var;
    private final int[] reExportVar;
    private final double[] processingCost;
    private boolean any;

    OriginRule(MarketModel m) {
        super(m);
        int n = m.regions;
        var = new int[n];
        reExportVar = new int[n];
        processingCost = new double[n];
        Arrays.fill(var, -1);
        Arrays.fill(reExportVar, -1);
        Arrays.fill(processingCost, Double.NaN);
        for (Policy p : m.sc.policies) {
            if (p instanceof Policy.ReExport re) {
                processingCost[re.region()] = Double.isNaN(processingCost[re.region()]) ? re.processingCost()
                        : Math.min(processingCost[re.region()], re.processingCost());
            }
        }
        for (int a = 0; a < m.arcFrom.length; a++) any = true;
    }

    @Override
    boolean present() { return any; }

    /** Whether region r may re-export imported material (a re-export policy names it). */
    static boolean reExports(Scenario sc, int r) {
        for (Policy p : sc.policies) if (p instanceof Policy.ReExport re && re.region() == r) return true;
        return false;
    }

    private static boolean stocks(Scenario sc, int r) {
        for (Policy p : sc.policies) if (p instanceof Policy.Stockpile s && s.region() == r) return true;
        return false;
    }

    /** Whether region r has anything to export: supply, recycled supply, a stockpile, or a re-export rule. */
    static boolean canExport(Scenario sc, int r) {
        Region reg = sc.regions.get(r);
        return !reg.supply().isEmpty() || !reg.recycled().isEmpty() || stocks(sc, r) || reExports(sc, r);
    }

    /** Whether region r has a use for imports: demand, a stockpile, or a re-export rule. */
    static boolean canImport(Scenario sc, int r) {
        return sc.regions.get(r).demand() != null || stocks(sc, r) || reExports(sc, r);
    }

    @Override
    void declare() {
        // only a region that can both import and export could pass imports on; elsewhere the balance
        // already keeps exports within its own material (and a rent would be indeterminate)
        boolean[] exports = new boolean[m.regions];
        boolean[] imports = new boolean[m.regions];
        for (int a = 0; a < m.arcFrom.length; a++) {
            exports[m.arcFrom[a]] = true;
            imports[m.arcTo[a]] = true;
        }
        for (int r = 0; r < m.regions; r++) {
            if (!exports[r] || !imports[r]) continue;
            var[r] = m.add("origin rent in " + m.id(r), Double.POSITIVE_INFINITY);
            if (!Double.isNaN(processingCost[r])) reExportVar[r] = m.add("re-exports of " + m.id(r), Double.POSITIVE_INFINITY);
        }
    }

    double rent(double[] x, int r) { return var[r] >= 0 ? x[var[r]] : 0; }

    double reExports(double[] x, int r) { return reExportVar[r] >= 0 ? x[reExportVar[r]] : 0; }

    @Override
    double fob(double[] x, int a, double v) {
        int r = m.arcFrom[a];
        return var[r] >= 0 ? v + x[var[r]] : v;
    }

    @Override
    void fobTerms(int a, Terms t) {
        int r = m.arcFrom[a];
        if (var[r] >= 0) t.add(var[r], 1);
    }

    @Override
    double producerPrice(double[] x, int r, boolean eligible, boolean recycled, double v) {
        return var[r] >= 0 ? v + x[var[r]] : v;
    }

    @Override
    void producerPriceTerms(int r, boolean eligible, boolean recycled, Terms t) {
        if (var[r] >= 0) t.add(var[r], 1);
    }

    @Override
    void rows(double[] x, double[] f) {
        for (int r = 0; r < m.regions; r++) {
            if (var[r] < 0) continue;
            double g = m.stockpiles.ownRelease(x, r); // a build is a use (imports may fill it), not less own material
            for (int i = 0; i < m.supplyVars.size(); i++) {
                int[] sv = m.supplyVars.get(i);
                if (sv[0] != r) continue;
                for (int k = 0; k < m.count(i); k++) g += x[sv[1] + k];
            }
            for (int s = 0; s < m.regions; s++) if (s != r) g -= m.shipments(x, r, s);
            if (reExportVar[r] >= 0) {
                g += x[reExportVar[r]];
                f[reExportVar[r]] = processingCost[r] - x[var[r]];
            }
            f[var[r]] = g;
        }
        for (int a = 0; a < m.arcFrom.length; a++) {
            int r = m.arcFrom[a];
            if (var[r] >= 0) f[var[r]] -= x[m.arcVar[a]];
        }
    }

    @Override
    void entries(MarketModel.Entries j) {
        for (int i = 0; i < m.supplyVars.size(); i++) {
            int[] sv = m.supplyVars.get(i);
            int r = sv[0];
            if (var[r] >= 0) for (int k = 0; k < m.count(i); k++) j.add(var[r], sv[1] + k, 1);
        }
        for (int t = 0; t < m.stockpiles.triggered.size(); t++) {
            Policy.Stockpile s = m.stockpiles.triggered.get(t);
            if (var[s.region()] >= 0 && !s.build()) j.add(var[s.region()], m.stockpiles.vars.get(t), 1);
        }
        for (int[] lane : m.certified.lanes) {
            if (lane[0] != lane[1] && var[lane[0]] >= 0) j.add(var[lane[0]], lane[2], -1);
        }
        for (int a = 0; a < m.arcFrom.length; a++) {
            int r = m.arcFrom[a];
            if (var[r] >= 0) j.add(var[r], m.arcVar[a], -1);
        }
        for (int r = 0; r < m.regions; r++) {
            if (reExportVar[r] < 0) continue;
            j.add(var[r], reExportVar[r], 1);
            j.add(reExportVar[r], var[r], -1);
        }
    }

    @Override
    void scales(double[] variable, double[] row, double price, double quantity) {
        for (int v : var) if (v >= 0) variable[v] = price;
        for (int v : reExportVar) if (v >= 0) row[v] = price;
    }

    @Override
    void totals(double[] x, Map<String, Double> out) {
        double s = 0;
        for (int r = 0; r < m.regions; r++) s += reExports(x, r);
        out.put("re_exports", s);
    }
}
