package lodestone.market;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Price-gap subsidy (contract for difference) to the producers of listed regions at a strike K. One-way:
 * σ_r ≥ 0 ⟂ p_r + σ_r − K ≥ 0 and producers receive π_r = p_r + σ_r; two-way: π_r = K, no row. Recycled
 * output is eligible only when the instrument says so. Outlay Σ (π_r − p_r)·(eligible output).
 */
final class PriceGapSubsidies extends Instrument {
    static final Kind KIND = new Kind("price-gap subsidies", PriceGapSubsidies::new,
            List.of(new PolicyType("price_gap_subsidy", List.of("strike", "regions", "two_way", "recycled"), PriceGapSubsidies::read)));

    private static Policy read(PolicyItem p) {
        Double strike = p.required("strike", 0);
        List<String> rs = p.regionIdsOrClub("regions");
        if (rs.isEmpty()) p.problemOnEntry("regions", "a price-gap subsidy needs regions (or a club:)");
        boolean two = p.flag("two_way");
        boolean rec = p.flag("recycled");
        return strike == null ? null : new Policy.PriceGapSubsidy(p.label((two ? "two-way" : "one-way") + " price-gap subsidy at "
                + PolicyItem.fmt(strike) + " to " + String.join("+", rs)), p.index(rs), strike, two, rec);
    }

    private final double[] oneWay;
    private final double[] twoWay;
    private final boolean[] recycled;
    private final int[] var;
    private boolean any;

    PriceGapSubsidies(MarketModel m) {
        super(m);
        int n = m.regions;
        oneWay = new double[n];
        twoWay = new double[n];
        recycled = new boolean[n];
        var = new int[n];
        Arrays.fill(oneWay, Double.NaN);
        Arrays.fill(twoWay, Double.NaN);
        Arrays.fill(var, -1);
        for (Policy p : m.sc.policies) {
            if (!(p instanceof Policy.PriceGapSubsidy s)) continue;
            any = true;
            for (int r : s.regions()) {
                if (s.twoWay()) twoWay[r] = s.strike();
                else oneWay[r] = s.strike();
                recycled[r] = s.recycled();
            }
        }
    }

    @Override
    boolean present() { return any; }

    double oneWayStrike(int r) { return oneWay[r]; }

    double twoWayStrike(int r) { return twoWay[r]; }

    int var(int r) { return var[r]; }

    boolean subsidised(int r) { return !Double.isNaN(oneWay[r]) || !Double.isNaN(twoWay[r]); }

    @Override
    boolean eligible(int r, boolean isRecycled) {
        return subsidised(r) && (!isRecycled || recycled[r]);
    }

    @Override
    void declare() {
        for (int r = 0; r < m.regions; r++) {
            var[r] = Double.isNaN(oneWay[r]) ? -1 : m.add("price-gap subsidy in " + m.id(r), Double.POSITIVE_INFINITY);
        }
    }

    @Override
    double producerPrice(double[] x, int r, boolean eligible, boolean isRecycled, double v) {
        if (!eligible) return v;
        // two-way: the contract settles against the market price p_r, so producers receive the strike plus what they
        // earn above p_r (the origin rent λ_r): π + λ = K + λ (docs/market-model.md)
        if (!Double.isNaN(twoWay[r])) return twoWay[r] + (v - x[r]);
        return var[r] >= 0 ? v + x[var[r]] : v;
    }

    /** In the start the one-way subsidy is max(0, K − p): producers receive max(K, p); two-way, K. */
    @Override
    double startProducerPrice(double[] p, int r, boolean eligible, double v) {
        if (!eligible) return v;
        if (!Double.isNaN(twoWay[r])) return twoWay[r];
        if (!Double.isNaN(oneWay[r])) return Math.max(v, oneWay[r]);
        return v;
    }

    @Override
    double startProducerSlope(double[] p, int r, boolean eligible, double d) {
        if (!eligible) return d;
        if (!Double.isNaN(twoWay[r])) return 0;
        return !Double.isNaN(oneWay[r]) && oneWay[r] > p[r] ? 0 : d;
    }

    @Override
    void startPoint(double[] p, IntToDoubleFunction cif, double[] x) {
        for (int r = 0; r < m.regions; r++) if (var[r] >= 0) x[var[r]] = Math.max(0, oneWay[r] - p[r]);
    }

    @Override
    void producerPriceTerms(int r, boolean eligible, boolean isRecycled, Terms t) {
        if (!eligible) return;
        if (!Double.isNaN(twoWay[r])) {
            // K + (terms so far − p_r): the market price drops out, the origin rent stays
            int w = 0;
            for (int k = 0; k < t.count; k++) {
                if (t.vars[k] == r) continue;
                t.vars[w] = t.vars[k];
                t.coefs[w++] = t.coefs[k];
            }
            t.count = w;
        } else if (var[r] >= 0) t.add(var[r], 1);
    }

    @Override
    void rows(double[] x, double[] f) {
        for (int r = 0; r < m.regions; r++) if (var[r] >= 0) f[var[r]] = x[r] + x[var[r]] - oneWay[r];
    }

    @Override
    void entries(MarketModel.Entries j) {
        for (int r = 0; r < m.regions; r++) {
            if (var[r] >= 0) {
                j.add(var[r], r, 1);
                j.add(var[r], var[r], 1);
            }
        }
    }

    @Override
    void scales(double[] variable, double[] row, double price, double quantity) {
        for (int v : var) {
            if (v >= 0) {
                variable[v] = price;
                row[v] = price;
            }
        }
    }

    /** Per-unit subsidy in region r (one-way: max(0, K − p); two-way: K − p, may be negative). */
    double perUnit(double[] x, int r) {
        if (!Double.isNaN(twoWay[r])) return twoWay[r] - x[r];
        return var[r] >= 0 ? x[var[r]] : 0;
    }

    @Override
    void totals(double[] x, Map<String, Double> out) {
        double s = 0;
        for (int i = 0; i < m.supplyVars.size(); i++) {
            int[] sv = m.supplyVars.get(i);
            if (sv[2] != 1) continue;
            double per = perUnit(x, sv[0]);
            for (int k = 0; k < m.count(i); k++) s += per * x[sv[1] + k];
        }
        out.put("subsidy_outlay", s);
    }

    @Override
    void regionTotals(double[] x, Map<String, double[]> out) {   // paid by the region whose producers receive it
        double[] r = byRegion(out, "subsidy_outlay");
        for (int i = 0; i < m.supplyVars.size(); i++) {
            int[] sv = m.supplyVars.get(i);
            if (sv[2] != 1) continue;
            double per = perUnit(x, sv[0]);
            for (int k = 0; k < m.count(i); k++) r[sv[0]] += per * x[sv[1] + k];
        }
    }
}
