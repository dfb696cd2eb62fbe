package lodestone.market;

import java.util.List;
import java.util.Map;

/** Import duties on each arc: landed = CIF·(1 + τ_rs) + t_rs. Revenue Σ (CIF·τ + t)·x. */
final class Tariffs extends Instrument {
    /** Its duties are the scenario's {@code tariffs:} table, read with the market (not a policies entry). */
    static final Kind KIND = new Kind("tariffs", Tariffs::new, List.of());

    private final boolean any;

    Tariffs(MarketModel m) {
        super(m);
        boolean a = false;
        for (int r = 0; r < m.regions; r++) {
            for (int s = 0; s < m.regions; s++) a |= m.sc.tariffAdValorem[r][s] != 0 || m.sc.tariffSpecific[r][s] != 0;
        }
        any = a;
    }

    @Override
    boolean present() { return any; }

    double adValorem(int a) { return m.sc.tariffAdValorem[m.arcFrom[a]][m.arcTo[a]]; }

    double specific(int a) { return m.sc.tariffSpecific[m.arcFrom[a]][m.arcTo[a]]; }

    @Override
    double landed(double[] x, int a, double cif, double v) {
        return v * (1 + adValorem(a)) + specific(a);
    }

    @Override
    double landedFactor(int a) { return 1 + adValorem(a); }

    @Override
    double startLanded(int a, double cif, double v, double[] d) {
        d[0] *= 1 + adValorem(a);
        return v * (1 + adValorem(a)) + specific(a);
    }

    @Override
    void totals(double[] x, Map<String, Double> out) {
        double s = 0;
        for (int k = 0; k < m.arcFrom.length; k++) s += (m.cif(x, k) * adValorem(k) + specific(k)) * m.traded(x, k);
        out.put("tariff_revenue", s);
    }

    @Override
    void regionTotals(double[] x, Map<String, double[]> out) {   // collected by the importing region
        double[] r = byRegion(out, "tariff_revenue");
        for (int k = 0; k < m.arcFrom.length; k++) r[m.arcTo[k]] += (m.cif(x, k) * adValorem(k) + specific(k)) * m.traded(x, k);
    }
}
