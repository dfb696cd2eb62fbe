package lodestone.market;

import java.util.List;
import java.util.Map;

/**
 * Offtake contracts: a fixed volume O shipped r → s at a contract price P. The volume enters both market
 * balances; the price is a transfer, (P − p_s)·O, and changes no marginal decision. Not levied.
 *
 * <p>An offtake is an export like any other under the origin's export quotas and bans: a ban stops it (it shipped through
 * a Chinese ban, so the stockpile cover of a disruption came out longer than it is), a quota it exceeds cuts it (pro rata
 * among the offtakes it covers), and what it delivers counts against the quota ({@link ExportQuotas}), contracted volumes
 * first, the market's trade in what is left.
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

    /** What is delivered r → s (contracted, less what the origin's quotas and bans cut), and what was contracted. */
    private final double[][] volume;
    private final double[][] contracted;
    private boolean any;

    Offtakes(MarketModel m) {
        super(m);
        int n = m.regions;
        volume = new double[n][n];
        contracted = new double[n][n];
        for (Policy p : m.sc.policies) {
            if (p instanceof Policy.Offtake o) {
                volume[o.from()][o.to()] += o.quantity();
                contracted[o.from()][o.to()] += o.quantity();
                any = true;
            }
        }
        if (!any) return;
        for (Policy p : m.sc.policies) {
            if (!(p instanceof Policy.ExportQuota q)) continue;
            double o = 0;
            for (int s = 0; s < n; s++) if (covers(q, s)) o += volume[q.region()][s];
            if (o <= q.quantity()) continue;
            double f = q.quantity() / o; // a ban (0): nothing ships
            for (int s = 0; s < n; s++) if (covers(q, s)) volume[q.region()][s] *= f;
        }
    }

    /** Whether quota {@code q} covers its region's exports to {@code s}. */
    static boolean covers(Policy.ExportQuota q, int s) {
        return s != q.region() && (q.to().isEmpty() || q.to().contains(s));
    }

    /** What the offtakes deliver under quota {@code q}: it is taken from the quota before the market's trade. */
    double underQuota(Policy.ExportQuota q) {
        double o = 0;
        for (int s = 0; s < m.regions; s++) if (covers(q, s)) o += volume[q.region()][s];
        return o;
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
            if (p instanceof Policy.Offtake o) { // on what is delivered: a contract a ban stops transfers nothing
                double delivered = o.quantity() * volume[o.from()][o.to()] / contracted[o.from()][o.to()];
                s += (o.price() - x[o.to()]) * delivered;
            }
        }
        out.put("offtake_transfers", s);
    }

    /**
     * The contracts' margins: a delivered volume O is worth p_s at its destination and p_r + λ_r (its origin's export
     * price, the origin rent included) where it is made, and is neither freighted, dutied nor levied in the model, so it
     * adds (p_s − p_r − λ_r)·O to welfare that no surplus, revenue or rent counts — the buyer's (p_s − P)·O and the
     * seller's (P − p_r − λ_r)·O. (With a levy on the arc, that is the levy the contract does not pay.)
     */
    @Override
    void regionTotals(double[] x, Map<String, double[]> out) {
        double[] r = byRegion(out, "offtake_margins");
        for (Policy p : m.sc.policies) {
            if (p instanceof Policy.Offtake o) {
                double delivered = o.quantity() * volume[o.from()][o.to()] / contracted[o.from()][o.to()];
                r[o.to()] += (x[o.to()] - o.price()) * delivered;
                r[o.from()] += (o.price() - x[o.from()] - m.origin.rent(x, o.from())) * delivered;   // its material is worth p + λ
            }
        }
    }
}
