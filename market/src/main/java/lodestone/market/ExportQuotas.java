package lodestone.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Export quotas and bans on a region's exports (to all or the listed destinations): ρ_q ≥ 0 ⟂
 * Q_q − Σ_{covered arcs} x_rs ≥ 0, the rent ρ_q added to the FOB price of every covered arc; a ban is Q = 0.
 * Rents Σ ρ_q·(exports under q).
 */
final class ExportQuotas extends Instrument {
    static final Kind KIND = new Kind("export quotas", ExportQuotas::new, List.of(
            new PolicyType("export_quota", List.of("region", "quantity", "to"), p -> read(p, false)),
            new PolicyType("export_ban", List.of("region", "to"), p -> read(p, true))));

    private static Policy read(PolicyItem p, boolean ban) {
        Integer r = p.region("region");
        Double q = ban ? Double.valueOf(0) : p.required("quantity", 0);
        List<String> toIds = p.regionIds("to");
        List<Integer> to = p.index(toIds);
        // a ban on some destinations says which (a ban on the US alone was labelled "export ban of CN", as a total one)
        return r == null || q == null ? null
                : new Policy.ExportQuota(p.label((ban ? "export ban of " : "export quota of ") + p.id(r)
                        + (toIds.isEmpty() ? "" : " to " + String.join(", ", toIds))), r, to, q);
    }

    final List<Policy.ExportQuota> quotas = new ArrayList<>();
    final List<Integer> vars = new ArrayList<>();
    /** covered.get(q)[a]: arc a is under quota q. */
    final List<boolean[]> covered = new ArrayList<>();

    ExportQuotas(MarketModel m) {
        super(m);
        for (Policy p : m.sc.policies) if (p instanceof Policy.ExportQuota q) quotas.add(q);
    }

    @Override
    boolean present() { return !quotas.isEmpty(); }

    @Override
    void declare() {
        int na = m.arcFrom.length;
        for (Policy.ExportQuota q : quotas) {
            vars.add(m.add("quota rent of " + q.label(), Double.POSITIVE_INFINITY));
            boolean[] c = new boolean[na];
            for (int a = 0; a < na; a++) c[a] = m.arcFrom[a] == q.region() && (q.to().isEmpty() || q.to().contains(m.arcTo[a]));
            covered.add(c);
        }
    }

    @Override
    double fob(double[] x, int a, double v) {
        for (int q = 0; q < quotas.size(); q++) if (covered.get(q)[a]) v += x[vars.get(q)];
        return v;
    }

    @Override
    void fobTerms(int a, Terms t) {
        for (int q = 0; q < quotas.size(); q++) if (covered.get(q)[a]) t.add(vars.get(q), 1);
    }

    @Override
    void rows(double[] x, double[] f) {
        for (int q = 0; q < quotas.size(); q++) {
            double v = limit(q);
            boolean[] cov = covered.get(q);
            for (int a = 0; a < cov.length; a++) if (cov[a]) v -= m.traded(x, a); // certified lanes count too
            f[vars.get(q)] = v;
        }
    }

    @Override
    void entries(MarketModel.Entries j) {
        for (int q = 0; q < quotas.size(); q++) {
            boolean[] cov = covered.get(q);
            for (int a = 0; a < cov.length; a++) {
                if (!cov[a]) continue;
                j.add(vars.get(q), m.arcVar[a], -1);
                if (m.certified.present()) for (int lane : m.certified.laneVariables(a)) j.add(vars.get(q), lane, -1);
            }
        }
    }

    @Override
    void scales(double[] variable, double[] row, double price, double quantity) {
        for (int v : vars) variable[v] = price;
    }

    @Override
    int startRents() { return quotas.size(); }

    @Override
    double startRentLimit(int q) { return limit(q); }

    /** What quota {@code q} leaves for the market's trade: its quantity less what offtakes deliver under it (never below 0). */
    private double limit(int q) {
        Policy.ExportQuota p = quotas.get(q);
        return m.offtakes.present() ? Math.max(0, p.quantity() - m.offtakes.underQuota(p)) : p.quantity();
    }

    @Override
    boolean startRentCovers(int q, int a) { return covered.get(q)[a]; }

    @Override
    int startRentVariable(int q) { return vars.get(q); }

    @Override
    void totals(double[] x, Map<String, Double> out) {
        double s = 0;
        for (int q = 0; q < quotas.size(); q++) {
            boolean[] cov = covered.get(q);
            double exported = 0;
            for (int k = 0; k < cov.length; k++) if (cov[k]) exported += m.traded(x, k);
            s += x[vars.get(q)] * exported;
        }
        out.put("quota_rents", s);
    }

    @Override
    void regionTotals(double[] x, Map<String, double[]> out) {   // to the holders of the exporting region's licences
        double[] r = byRegion(out, "quota_rents");
        for (int q = 0; q < quotas.size(); q++) {
            boolean[] cov = covered.get(q);
            double exported = 0;
            for (int k = 0; k < cov.length; k++) if (cov[k]) exported += m.traded(x, k);
            r[quotas.get(q).region()] += x[vars.get(q)] * exported;
        }
    }
}
