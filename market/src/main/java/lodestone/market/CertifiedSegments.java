package lodestone.market;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Standards-based (certified) market segments: in the segment regions s a share θ of consumption must be
 * certified primary output of the supplier regions, moved on its own lanes z_rs:
 * z_rs ⟂ landed_rs + μ_r − p_s − κ_s (landed_rr = p_r), κ_s ⟂ Σ_r z_rs − θ·d_s, μ_r ⟂ Σ_k y_rk − Σ_s z_rs.
 * Certified producers receive π + μ_r; segment consumers pay p_s + θ·κ_s on average.
 */
final class CertifiedSegments extends Instrument {
    static final Kind KIND = new Kind("certified segments", CertifiedSegments::new,
            List.of(new PolicyType("certified_segment", List.of("regions", "share", "suppliers"), CertifiedSegments::read)));

    private static Policy read(PolicyItem p) {
        List<String> rs = p.regionIdsOrClub("regions");
        if (rs.isEmpty()) p.problemOnEntry("regions", "a certified segment needs regions (or a club:)");
        Double share = p.has("share") ? p.number("share", Double.MIN_VALUE, 1, 0) : null;
        if (!p.has("share")) p.missing("share", "the certified share of consumption, in (0, 1]");
        List<String> sup = p.regionIds("suppliers");
        if (sup.isEmpty()) p.problemOnEntry("suppliers", "missing (expected the regions whose output is certified)");
        return share == null || rs.isEmpty() || sup.isEmpty() ? null : new Policy.CertifiedSegment(p.label("certified segment of "
                + PolicyItem.fmt(share * 100) + " % in " + String.join("+", rs)), p.index(rs), share, p.index(sup));
    }

    private final int[] premiumVar;
    private final double[] share;
    private final int[] rentVar;
    /** {supplier, segment region, variable, arc index or −1}. */
    final List<int[]> lanes = new ArrayList<>();
    private final List<Policy.CertifiedSegment> segments = new ArrayList<>();

    CertifiedSegments(MarketModel m) {
        super(m);
        int n = m.regions;
        premiumVar = new int[n];
        rentVar = new int[n];
        share = new double[n];
        Arrays.fill(premiumVar, -1);
        Arrays.fill(rentVar, -1);
        for (Policy p : m.sc.policies) if (p instanceof Policy.CertifiedSegment c) segments.add(c);
    }

    @Override
    boolean present() { return !segments.isEmpty(); }

    @Override
    void declare() {
        int na = m.arcFrom.length;
        for (Policy.CertifiedSegment c : segments) {
            for (int s : c.regions()) {
                if (premiumVar[s] < 0) premiumVar[s] = m.add("certified premium in " + m.id(s), Double.POSITIVE_INFINITY);
                share[s] = c.share();
            }
            for (int r : c.suppliers()) {
                if (rentVar[r] < 0) rentVar[r] = m.add("certificate rent in " + m.id(r), Double.POSITIVE_INFINITY);
            }
            for (int r : c.suppliers()) {
                for (int s : c.regions()) {
                    int arc = -1;
                    for (int a = 0; a < na; a++) if (m.arcFrom[a] == r && m.arcTo[a] == s) arc = a;
                    if (r != s && arc < 0) continue;
                    lanes.add(new int[]{r, s, m.add("certified " + m.id(r) + "→" + m.id(s), Double.POSITIVE_INFINITY), arc});
                }
            }
        }
    }

    double premium(double[] x, int r) { return premiumVar[r] >= 0 ? x[premiumVar[r]] : 0; }

    /** Certified deliveries on market arc a (its lanes pay the arc's wedges: export tax, quota rent, duty, levy). */
    double onArc(double[] x, int a) {
        double v = 0;
        for (int[] lane : lanes) if (lane[3] == a) v += x[lane[2]];
        return v;
    }

    /** The lane variables on market arc a. */
    int[] laneVariables(int a) {
        return lanes.stream().filter(l -> l[3] == a).mapToInt(l -> l[2]).toArray();
    }

    double rent(double[] x, int r) { return rentVar[r] >= 0 ? x[rentVar[r]] : 0; }

    double delivery(double[] x, int from, int to) {
        double v = 0;
        for (int[] lane : lanes) if (lane[0] == from && lane[1] == to) v += x[lane[2]];
        return v;
    }

    @Override
    double producerPrice(double[] x, int r, boolean eligible, boolean recycled, double v) {
        return !recycled && rentVar[r] >= 0 ? v + x[rentVar[r]] : v;
    }

    @Override
    void producerPriceTerms(int r, boolean eligible, boolean recycled, Terms t) {
        if (!recycled && rentVar[r] >= 0) t.add(rentVar[r], 1);
    }

    @Override
    double consumerPrice(double[] x, int r, double v) {
        return premiumVar[r] >= 0 ? v + share[r] * x[premiumVar[r]] : v;
    }

    @Override
    void consumerPriceTerms(int r, Terms t) {
        if (premiumVar[r] >= 0) t.add(premiumVar[r], share[r]);
    }

    @Override
    void rows(double[] x, double[] f) {
        for (int r = 0; r < m.regions; r++) {
            if (premiumVar[r] >= 0) f[premiumVar[r]] = -share[r] * (m.demandVar[r] >= 0 ? x[m.demandVar[r]] : 0);
            if (rentVar[r] >= 0) f[rentVar[r]] = m.primaryOutput(x, r);
        }
        for (int[] lane : lanes) {
            int r = lane[0];
            int s = lane[1];
            int v = lane[2];
            double cost = lane[3] < 0 ? x[r] : m.landed(x, lane[3]);
            f[v] = cost + x[rentVar[r]] - x[s] - x[premiumVar[s]];
            f[premiumVar[s]] += x[v];
            f[rentVar[r]] -= x[v];
            if (r != s) {
                f[r] -= x[v];
                f[s] += x[v];
            }
        }
    }

    @Override
    void entries(MarketModel.Entries j) {
        for (int i = 0; i < m.supplyVars.size(); i++) {
            int[] sv = m.supplyVars.get(i);
            int r = sv[0];
            if (sv[3] == 1 || rentVar[r] < 0) continue;
            for (int k = 0; k < m.count(i); k++) j.add(rentVar[r], sv[1] + k, 1);
        }
        for (int r = 0; r < m.regions; r++) {
            if (premiumVar[r] >= 0 && m.demandVar[r] >= 0) j.add(premiumVar[r], m.demandVar[r], -share[r]);
        }
        for (int[] lane : lanes) {
            int r = lane[0];
            int s = lane[1];
            int v = lane[2];
            if (lane[3] < 0) {
                j.add(v, r, 1);
            } else {
                int a = lane[3];
                // the lane's landed cost has the arc's partial derivatives (row of the arc's flow, without −p_s)
                j.copyRow(m.arcVar[a], v, s);
                j.add(r, v, -1);
                j.add(s, v, 1);
            }
            j.add(v, rentVar[r], 1);
            j.add(v, s, -1);
            j.add(v, premiumVar[s], -1);
            j.add(premiumVar[s], v, 1);
            j.add(rentVar[r], v, -1);
        }
    }

    @Override
    void scales(double[] variable, double[] row, double price, double quantity) {
        for (int v : premiumVar) if (v >= 0) variable[v] = price;
        for (int v : rentVar) if (v >= 0) variable[v] = price;
        for (int[] lane : lanes) row[lane[2]] = price;
    }

    @Override
    boolean allowsArcGeneration() { return lanes.isEmpty(); }

    @Override
    double shipments(double[] x, int from, int to) {
        return from == to ? 0 : delivery(x, from, to);
    }
}
