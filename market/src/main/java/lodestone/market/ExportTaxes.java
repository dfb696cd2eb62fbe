package lodestone.market;

import java.util.List;
import java.util.Map;

/** Export taxes: FOB_rs = (p_r + λ_r)·(1 + e_r) + ε_r on every export arc of r (λ_r the origin rent). Revenue Σ (e_r·(p_r + λ_r) + ε_r)·x_rs. */
final class ExportTaxes extends Instrument {
    static final Kind KIND = new Kind("export taxes", ExportTaxes::new,
            List.of(new PolicyType("export_tax", List.of("region", "ad_valorem", "specific"), ExportTaxes::read)));

    private static Policy read(PolicyItem p) {
        Integer r = p.region("region");
        Double av = p.has("ad_valorem") ? p.adValorem("ad_valorem", "export price") : Double.valueOf(0);
        Double sp = p.number("specific", 0, ScenarioLimits.MAX_MAGNITUDE, 0);
        return r == null || av == null || sp == null ? null : new Policy.ExportTax(p.label("export tax of " + p.id(r)), r, av, sp);
    }

    private final double[] adValorem;
    private final double[] specific;
    private boolean any;

    ExportTaxes(MarketModel m) {
        super(m);
        adValorem = new double[m.regions];
        specific = new double[m.regions];
        for (Policy p : m.sc.policies) {
            if (p instanceof Policy.ExportTax t) {
                adValorem[t.region()] += t.adValorem();
                specific[t.region()] += t.specific();
                any = true;
            }
        }
    }

    @Override
    boolean present() { return any; }

    double adValorem(int r) { return adValorem[r]; }

    double specific(int r) { return specific[r]; }

    @Override
    double fob(double[] x, int a, double v) {
        int r = m.arcFrom[a];
        return v * (1 + adValorem[r]) + specific[r];
    }

    @Override
    double fobFactor(int a) { return 1 + adValorem[m.arcFrom[a]]; }

    /** The terms added before this instrument (the origin rent) are scaled by the ad valorem tax too. */
    @Override
    void fobTerms(int a, Terms t) {
        double f = 1 + adValorem[m.arcFrom[a]];
        for (int k = 0; k < t.count; k++) t.coefs[k] *= f;
    }

    @Override
    double startFob(int a, double v) {
        int r = m.arcFrom[a];
        return v * (1 + adValorem[r]) + specific[r];
    }

    @Override
    double startFobFactor(int a) { return 1 + adValorem[m.arcFrom[a]]; }

    @Override
    void totals(double[] x, Map<String, Double> out) {
        double s = 0;
        for (int k = 0; k < m.arcFrom.length; k++) {
            int a = m.arcFrom[k];
            // the ad valorem tax is on the exporter's asking price p + λ (the origin rent), as in the FOB
            s += ((x[a] + m.origin.rent(x, a)) * adValorem[a] + specific[a]) * m.traded(x, k);
        }
        out.put("export_tax_revenue", s);
    }

    @Override
    void regionTotals(double[] x, Map<String, double[]> out) {   // collected by the exporting region
        double[] r = byRegion(out, "export_tax_revenue");
        for (int k = 0; k < m.arcFrom.length; k++) {
            int a = m.arcFrom[k];
            r[a] += ((x[a] + m.origin.rent(x, a)) * adValorem[a] + specific[a]) * m.traded(x, k);
        }
    }
}
