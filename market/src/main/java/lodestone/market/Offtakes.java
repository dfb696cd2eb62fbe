package lodestone.market;

import java.util.List;
import java.util.Map;

/**
 * Offtake contracts: a fixed volume O shipped r → s at a contract price P. The volume enters both market
 * balances; the price is a transfer, (P − p_s)·O, and changes no marginal decision. Not levied.
 */
final class Offtakes extends Instrument {
    static final Kind KIND = new Kind("offtakes", Offtakes::new,
            List.of(new PolicyType("offtake", List.of("from", "to", "quantity", "price"), Offtakes::read)));

    private static Policy read(PolicyItem p) {
        Integer from = p.region("from");
        Integer to = p.region("to");
        Double q = p.required("quantity", 0);
        Double pr = p.required("price", 0);
        if (from != null && from.equals(to)) p.problem("to", "an offtake ships between two different regions");
        return from == null || to == null || q == null || pr == null ? null
                : new Policy.Offtake(p.label("offtake " + p.id(from) + "→" + p.id(to)), from, to, q, pr);
    }

    private final double[][] volume;
    private boolean any;

    Offtakes(MarketModel m) {
        super(m);
        volume = new double[m.regions][m.regions];
        for (Policy p : m.sc.policies) {
            if (p instanceof Policy.Offtake o) {
                volume[o.from()][o.to()] += o.quantity();
                any = true;
            }
        }
    }

    @Override
    boolean present() { return any; }

    double volume(int from, int to) { return volume[from][to]; }

    @Override
    void balanceConstants(double[] f) {
        int n = m.regions;
        for (int r = 0; r < n; r++) for (int s = 0; s < n; s++) f[r] += volume[s][r] - volume[r][s];
    }

    @Override
    double shipments(double[] x, int from, int to) { return volume[from][to]; }

    @Override
    void totals(double[] x, Map<String, Double> out) {
        double s = 0;
        for (Policy p : m.sc.policies) {
            if (p instanceof Policy.Offtake o) s += (o.price() - x[o.to()]) * o.quantity();
        }
        out.put("offtake_transfers", s);
    }
}
