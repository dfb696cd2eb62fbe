package lodestone.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * Stockpiles: an exogenous release R_r (a build when negative) in the market balance, and price-triggered
 * releases (0 ≤ v ≤ V ⟂ T − p_r: all of V when the price is above the trigger T) or builds
 * (0 ≤ v ≤ V ⟂ p_r − T, entering the balance with a minus sign).
 */
final class Stockpiles extends Instrument {
    static final Kind KIND = new Kind("stockpiles", Stockpiles::new, List.of(new PolicyType("stockpile",
            List.of("region", "release", "build", "trigger_price", "capacity", "action"), Stockpiles::read)));

    private static Policy read(PolicyItem p) {
        Integer r = p.region("region");
        boolean exo = p.has("release") || p.has("build");
        boolean trig = p.has("trigger_price") || p.has("capacity");
        if (exo == trig) {
            p.problem("a stockpile is either exogenous (release: or build: a quantity) or price-triggered "
                    + "(trigger_price: and capacity:, with action: release or build)");
            return null;
        }
        if (exo) {
            Double rel = p.number("release", 0, ScenarioLimits.MAX_MAGNITUDE, 0);
            Double bld = p.number("build", 0, ScenarioLimits.MAX_MAGNITUDE, 0);
            if (r == null || rel == null || bld == null) return null;
            return new Policy.Stockpile(p.label("stockpile " + (rel > 0 ? "release" : "build") + " in " + p.id(r)), r, rel - bld, 0, 0, false);
        }
        Double trigger = p.required("trigger_price", 0);
        Double cap = p.required("capacity", 0);
        String action = p.word("action", "release", List.of("release", "build"));
        if (action == null) return null;
        if (r == null || trigger == null || cap == null) return null;
        boolean build = action.equals("build");
        return new Policy.Stockpile(p.label("price-triggered stockpile " + (build ? "build" : "release") + " in " + p.id(r)),
                r, 0, trigger, cap, build);
    }

    private final double[] exogenous;
    final List<Policy.Stockpile> triggered = new ArrayList<>();
    final List<Integer> vars = new ArrayList<>();
    /** Every stockpile policy in the scenario's order, and its index in {@link #triggered} (−1: exogenous). */
    private final List<Policy.Stockpile> all = new ArrayList<>();
    private final List<Integer> triggeredIndex = new ArrayList<>();
    private boolean any;

    Stockpiles(MarketModel m) {
        super(m);
        exogenous = new double[m.regions];
        for (Policy p : m.sc.policies) {
            if (!(p instanceof Policy.Stockpile s)) continue;
            any = true;
            all.add(s);
            if (s.capacity() > 0) {
                triggeredIndex.add(triggered.size());
                triggered.add(s);
            } else {
                triggeredIndex.add(-1);
                exogenous[s.region()] += s.exogenous();
            }
        }
    }

    /** The stockpile policies, in the scenario's order (the order of {@link #flows}). */
    List<Policy.Stockpile> policies() { return all; }

    /**
     * Each stockpile policy's flow at x, in the scenario's order: + released (sold on the market), − bought; an
     * exogenous one as given (its release net of its build), a triggered one as solved.
     */
    double[] flows(double[] x) {
        double[] f = new double[all.size()];
        for (int k = 0; k < all.size(); k++) {
            Policy.Stockpile s = all.get(k);
            int t = triggeredIndex.get(k);
            f[k] = t < 0 ? s.exogenous() : (s.build() ? -1 : 1) * x[vars.get(t)];
        }
        return f;
    }

    @Override
    boolean present() { return any; }

    double exogenous(int r) { return exogenous[r]; }

    @Override
    void declare() {
        for (Policy.Stockpile s : triggered) vars.add(m.add(s.label(), s.capacity()));
    }

    @Override
    void balanceConstants(double[] f) {
        for (int r = 0; r < m.regions; r++) f[r] += exogenous[r];
    }

    @Override
    void rows(double[] x, double[] f) {
        for (int t = 0; t < triggered.size(); t++) {
            Policy.Stockpile s = triggered.get(t);
            int v = vars.get(t);
            int r = s.region();
            if (s.build()) {
                f[v] = x[r] - s.trigger();
                f[r] -= x[v];
            } else {
                f[v] = s.trigger() - x[r];
                f[r] += x[v];
            }
        }
    }

    @Override
    void entries(MarketModel.Entries j) {
        for (int t = 0; t < triggered.size(); t++) {
            Policy.Stockpile s = triggered.get(t);
            int v = vars.get(t);
            int r = s.region();
            j.add(v, r, s.build() ? 1 : -1);
            j.add(r, v, s.build() ? -1 : 1);
        }
    }

    @Override
    void scales(double[] variable, double[] row, double price, double quantity) {
        for (int v : vars) row[v] = price;
    }

    /** A triggered stock in the start: all of its capacity beyond the trigger, a ramp of width {@code ramp} across it. */
    @Override
    void startBalance(double[] p, double ramp, double[] e, double[][] j) {
        for (Policy.Stockpile s : triggered) {
            int r = s.region();
            double u = (s.build() ? s.trigger() - p[r] : p[r] - s.trigger()) / ramp + 0.5;
            double frac = Math.min(1, Math.max(0, u));
            e[r] += (s.build() ? -1 : 1) * s.capacity() * frac;
            if (j != null && u > 0 && u < 1) j[r][r] += s.capacity() / ramp;
        }
    }

    @Override
    void startPoint(double[] p, IntToDoubleFunction cif, double[] x) {
        for (int t = 0; t < triggered.size(); t++) {
            Policy.Stockpile s = triggered.get(t);
            int r = s.region();
            boolean on = s.build() ? p[r] < s.trigger() : p[r] > s.trigger();
            x[vars.get(t)] = on ? s.capacity() : 0;
        }
    }

    @Override
    double release(double[] x, int r) {
        double s = exogenous[r];
        for (int t = 0; t < triggered.size(); t++) {
            if (triggered.get(t).region() == r) s += (triggered.get(t).build() ? -1 : 1) * x[vars.get(t)];
        }
        return s;
    }

    /**
     * What r's stockpiles put on its market from its own holdings (the releases, not the builds): the material the
     * origin rule lets r export. A build is a use, met from r's production or its imports like demand; counted against
     * r's own material it made the rule infeasible in a region that produces nothing (docs/market-model.md, "Trade").
     */
    double ownRelease(double[] x, int r) {
        double s = Math.max(0, exogenous[r]);
        for (int t = 0; t < triggered.size(); t++) {
            if (triggered.get(t).region() == r && !triggered.get(t).build()) s += x[vars.get(t)];
        }
        return s;
    }

    /**
     * The stockpile agency's account (docs/market-model.md, "Outputs"): stock_sales = Σ released × p_r (what the
     * releases earn at the market price of their region), stock_purchases = Σ bought × p_r (what the builds cost).
     * Reported only when the scenario has a stockpile: a market without one says nothing new.
     */
    @Override
    void totals(double[] x, Map<String, Double> out) {
        if (!any) return;
        double sales = 0;
        double purchases = 0;
        double[] f = flows(x);
        for (int k = 0; k < f.length; k++) {
            double p = x[all.get(k).region()];
            if (f[k] > 0) sales += f[k] * p;
            else purchases -= f[k] * p;
        }
        out.put("stock_sales", sales);
        out.put("stock_purchases", purchases);
    }

    @Override
    void regionTotals(double[] x, Map<String, double[]> out) {   // the agency of the stockpile's region
        if (!any) return;
        double[] sales = byRegion(out, "stock_sales");
        double[] purchases = byRegion(out, "stock_purchases");
        double[] f = flows(x);
        for (int k = 0; k < f.length; k++) {
            int r = all.get(k).region();
            if (f[k] > 0) sales[r] += f[k] * x[r];
            else purchases[r] -= f[k] * x[r];
        }
    }
}
