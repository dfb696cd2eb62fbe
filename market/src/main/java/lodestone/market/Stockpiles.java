package lodestone.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stockpiles: an exogenous release R_r (a build when negative) in the market balance, and price-triggered
 * releases (0 ≤ v ≤ V ⟂ T − p_r: all of V when the price is above the trigger T) or builds
 * (0 ≤ v ≤ V ⟂ p_r − T, entering the balance with a minus sign).
 */
final class Stockpiles extends Instrument {
    private final double[] exogenous;
    final List<Policy.Stockpile> triggered = new ArrayList<>();
    final List<Integer> vars = new ArrayList<>();
    private boolean any;

    Stockpiles(MarketModel m) {
        super(m);
        exogenous = new double[m.regions];
        for (Policy p : m.sc.policies) {
            if (!(p instanceof Policy.Stockpile s)) continue;
            any = true;
            if (s.capacity() > 0) triggered.add(s);
            else exogenous[s.region()] += s.exogenous();
        }
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

    @Override
    double release(double[] x, int r) {
        double s = exogenous[r];
        for (int t = 0; t < triggered.size(); t++) {
            if (triggered.get(t).region() == r) s += (triggered.get(t).build() ? -1 : 1) * x[vars.get(t)];
        }
        return s;
    }

    @Override
    void totals(double[] x, Map<String, Double> out) { }
}
