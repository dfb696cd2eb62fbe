package lodestone.market;

import java.util.List;
import java.util.Map;

/**
 * A test-only instrument, written as docs/market-model.md ("Adding an instrument") says: this class and one
 * registration line ({@link Instruments#register}, in {@link AddedInstrumentTest}) — no other file knows it.
 * A per-unit excise t_r on consumption in listed regions: consumers pay p_r + t_r, so demand is
 * D(p_r + t_r); revenue Σ t_r·d_r. It has no variables or rows of its own, only a wedge in the consumer price.
 */
final class ConsumptionTax extends Instrument {
    /** The policy record, declared in the instrument's own class. */
    record Excise(String label, List<Integer> regions, double tax) implements Policy {
        @Override
        public List<String> pathFields() { return List.of("tax"); }

        @Override
        public Policy withField(String field, double v) { return new Excise(label, regions, v); }
    }

    static final Kind KIND = new Kind("consumption tax", ConsumptionTax::new,
            List.of(new PolicyType("consumption_tax", List.of("regions", "tax"), ConsumptionTax::read)));

    private static Policy read(PolicyItem p) {
        List<String> rs = p.regionIdsOrClub("regions");
        if (rs.isEmpty()) p.problemOnEntry("regions", "a consumption tax needs regions (or a club:)");
        Double tax = p.required("tax", 0);
        return tax == null || rs.isEmpty() ? null
                : new Excise(p.label("consumption tax of " + PolicyItem.fmt(tax) + " in " + String.join("+", rs)), p.index(rs), tax);
    }

    private final double[] tax;
    private boolean any;

    ConsumptionTax(MarketModel m) {
        super(m);
        tax = new double[m.regions];
        for (Policy p : m.sc.policies) {
            if (p instanceof Excise e) {
                for (int r : e.regions()) tax[r] += e.tax();
                any = true;
            }
        }
    }

    @Override
    boolean present() { return any; }

    /** The tax is a constant in the consumer price: its linear terms (the derivative in p_r) are unchanged. */
    @Override
    double consumerPrice(double[] x, int r, double v) { return v + tax[r]; }

    @Override
    double startConsumerPrice(double[] p, int r, double v) { return v + tax[r]; }

    @Override
    void totals(double[] x, Map<String, Double> out) {
        double s = 0;
        for (int r = 0; r < m.regions; r++) if (m.demandVar[r] >= 0) s += tax[r] * x[m.demandVar[r]];
        out.put("consumption_tax_revenue", s);
    }
}
