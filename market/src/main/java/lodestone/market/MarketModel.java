package lodestone.market;

import lodestone.market.mcp.McpFunction;
import lodestone.market.mcp.SparseJacobian;
import lodestone.market.mcp.McpProblem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A scenario as a mixed complementarity problem (docs/market-model.md gives the equations). Variables,
 * all ≥ 0: the regional prices p_r; one quantity per supply or demand curve (y ⟂ y − S(p) ≥ 0, which
 * keeps quantities non-negative where a linear curve would turn negative); one quantity per step of a
 * step curve (0 ≤ y ≤ capacity ⟂ cost − producer price); the arc flows x_rs ⟂ landed cost − p_s; and one
 * multiplier per instrument row (levy, subsidy, quota rent, triggered stock). The price row is the
 * market balance, p_r ⟂ supply + imports − exports − demand ≥ 0 (Takayama &amp; Judge 1971).
 *
 * <p>With linear curves F is affine, so the first Josephy–Newton step solves the model exactly as one LCP.
 */
final class MarketModel implements SparseJacobian {
    final Scenario sc;
    final int regions;
    int size;
    /** Variable names; null for flows and levies, whose names are made when asked for ({@link #name}). */
    private final List<String> names = new ArrayList<>();
    /** The arc of a flow or levy variable, else −1. */
    private int[] varArc;
    final List<Double> upperList = new ArrayList<>();

    // supply (and recycled) curves: region, curve, first variable, eligible for the price-gap subsidy, recycled
    final List<int[]> supplyVars = new ArrayList<>(); // {region, firstVar, eligible, recycled, curveIndex}
    final List<Curve> supplyCurves = new ArrayList<>();
    final int[] demandVar;
    final int[] arcFrom;
    final int[] arcTo;
    final int[] arcVar;
    final int[] levyVar;
    final double[] arcFloor;
    final double[] arcCost;
    final int[] subsidyVar;
    final double[] oneWayStrike;
    final double[] twoWayStrike;
    final double[] exportAdv;
    final double[] exportSpec;
    final List<Policy.ExportQuota> quotas = new ArrayList<>();
    final List<Integer> quotaVars = new ArrayList<>();
    final List<boolean[]> quotaArcs = new ArrayList<>();
    final List<Policy.Stockpile> triggered = new ArrayList<>();
    final List<Integer> triggeredVars = new ArrayList<>();
    final double[] exogenous;
    final double[][] offtake;
    // certified segment: premium per segment region, certificate rent per supplier, certified lanes
    final int[] premiumVar;
    final double[] certShare;
    final int[] rentVar;
    final List<int[]> lanes = new ArrayList<>(); // {supplier, segment region, variable, arc index or -1}
    /**
     * The Jacobian's pattern (CSR) and its constant values; the k-th slope entry goes to position slopeAt[k],
     * as −slopeFactor[k] times the slope of supply curve slopeCurve[k] (≥ 0) or of the demand of region
     * −slopeCurve[k] − 1.
     */
    private int[] patternStart;
    private int[] patternColumns;
    private double[] constantValues;
    private int[] slopeAt;
    private int[] slopeCurve;
    private double[] slopeFactor;

    MarketModel(Scenario sc) {
        this.sc = sc;
        this.regions = sc.regions.size();
        int n = regions;
        for (Region r : sc.regions) add("price in " + r.id(), Double.POSITIVE_INFINITY);
        oneWayStrike = new double[n];
        twoWayStrike = new double[n];
        Arrays.fill(oneWayStrike, Double.NaN);
        Arrays.fill(twoWayStrike, Double.NaN);
        boolean[] recycledEligible = new boolean[n];
        exportAdv = new double[n];
        exportSpec = new double[n];
        exogenous = new double[n];
        offtake = new double[n][n];
        double[][] floor = new double[n][n];
        for (double[] row : floor) Arrays.fill(row, Double.NaN);
        for (Policy p : sc.policies) {
            switch (p) {
                case Policy.PriceGapSubsidy s -> {
                    for (int r : s.regions()) {
                        if (s.twoWay()) twoWayStrike[r] = s.strike();
                        else oneWayStrike[r] = s.strike();
                        recycledEligible[r] = s.recycled();
                    }
                }
                case Policy.PriceFloor f -> {
                    for (int a = 0; a < n; a++) {
                        if (f.members().contains(a)) continue;
                        for (int m : f.members()) floor[a][m] = Double.isNaN(floor[a][m]) ? f.floor() : Math.max(floor[a][m], f.floor());
                    }
                }
                case Policy.ExportTax t -> {
                    exportAdv[t.region()] += t.adValorem();
                    exportSpec[t.region()] += t.specific();
                }
                case Policy.Stockpile s -> {
                    if (s.capacity() > 0) triggered.add(s);
                    else exogenous[s.region()] += s.exogenous();
                }
                case Policy.Offtake o -> offtake[o.from()][o.to()] += o.quantity();
                case Policy.ExportQuota q -> quotas.add(q);
                case Policy.CertifiedSegment c -> { }
            }
        }
        for (int r = 0; r < n; r++) {
            Region reg = sc.regions.get(r);
            boolean subsidised = !Double.isNaN(oneWayStrike[r]) || !Double.isNaN(twoWayStrike[r]);
            int k = 0;
            for (Curve c : reg.supply()) addSupply(r, c, subsidised, false, reg.id() + " supply " + (++k));
            k = 0;
            for (Curve c : reg.recycled()) addSupply(r, c, subsidised && recycledEligible[r], true, reg.id() + " recycled " + (++k));
        }
        demandVar = new int[n];
        for (int r = 0; r < n; r++) {
            Region reg = sc.regions.get(r);
            demandVar[r] = reg.demand() == null ? -1 : add("demand in " + reg.id(), Double.POSITIVE_INFINITY);
        }
        List<int[]> arcs = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            for (int s = 0; s < n; s++) {
                if (r != s && sc.transport[r][s] != Double.POSITIVE_INFINITY) arcs.add(new int[]{r, s});
            }
        }
        int na = arcs.size();
        arcFrom = new int[na];
        arcTo = new int[na];
        arcVar = new int[na];
        levyVar = new int[na];
        arcFloor = new double[na];
        arcCost = new double[na];
        for (int a = 0; a < na; a++) {
            arcFrom[a] = arcs.get(a)[0];
            arcTo[a] = arcs.get(a)[1];
            arcCost[a] = sc.transport[arcFrom[a]][arcTo[a]];
            arcVar[a] = add(null, Double.POSITIVE_INFINITY);
        }
        for (int a = 0; a < na; a++) {
            arcFloor[a] = floor[arcFrom[a]][arcTo[a]];
            levyVar[a] = Double.isNaN(arcFloor[a]) ? -1 : add(null, Double.POSITIVE_INFINITY);
        }
        subsidyVar = new int[n];
        for (int r = 0; r < n; r++) {
            subsidyVar[r] = Double.isNaN(oneWayStrike[r]) ? -1 : add("price-gap subsidy in " + id(r), Double.POSITIVE_INFINITY);
        }
        for (Policy.ExportQuota q : quotas) {
            quotaVars.add(add("quota rent of " + q.label(), Double.POSITIVE_INFINITY));
            boolean[] covered = new boolean[na];
            for (int a = 0; a < na; a++) covered[a] = arcFrom[a] == q.region() && (q.to().isEmpty() || q.to().contains(arcTo[a]));
            quotaArcs.add(covered);
        }
        for (Policy.Stockpile s : triggered) triggeredVars.add(add(s.label(), s.capacity()));
        premiumVar = new int[n];
        rentVar = new int[n];
        certShare = new double[n];
        Arrays.fill(premiumVar, -1);
        Arrays.fill(rentVar, -1);
        for (Policy p : sc.policies) {
            if (!(p instanceof Policy.CertifiedSegment c)) continue;
            for (int s : c.regions()) {
                if (premiumVar[s] < 0) premiumVar[s] = add("certified premium in " + id(s), Double.POSITIVE_INFINITY);
                certShare[s] = c.share();
            }
            for (int r : c.suppliers()) {
                if (rentVar[r] < 0) rentVar[r] = add("certificate rent in " + id(r), Double.POSITIVE_INFINITY);
            }
            for (int r : c.suppliers()) {
                for (int s : c.regions()) {
                    int arc = -1;
                    for (int a = 0; a < na; a++) if (arcFrom[a] == r && arcTo[a] == s) arc = a;
                    if (r != s && arc < 0) continue;
                    lanes.add(new int[]{r, s, add("certified " + id(r) + "→" + id(s), Double.POSITIVE_INFINITY), arc});
                }
            }
        }
        // the Jacobian's pattern is built on the first Jacobian call: a model
        // used only to evaluate F and certify a point (RestrictedSolve) never needs it
    }

    /** The name of variable i, e.g. "price in US", "flow CN→US", "levy on CN→JP". */
    String name(int i) {
        String s = names.get(i);
        if (s != null) return s;
        int a = varArc()[i];
        return (arcVar[a] == i ? "flow " : "levy on ") + id(arcFrom[a]) + "→" + id(arcTo[a]);
    }

    private int[] varArc() {
        if (varArc == null) {
            int[] v = new int[size];
            Arrays.fill(v, -1);
            for (int a = 0; a < arcFrom.length; a++) {
                v[arcVar[a]] = a;
                if (levyVar[a] >= 0) v[levyVar[a]] = a;
            }
            varArc = v;
        }
        return varArc;
    }

    /**
     * Where each variable of this model sits in {@code full}, a model of the same scenario on more arcs
     * (flows and levies matched by their arc, every other variable by its name); null when a variable has no
     * counterpart.
     */
    int[] indexIn(MarketModel full) {
        if (full.regions != regions) return null;
        int[][] fullArc = new int[regions][regions];
        for (int[] row : fullArc) Arrays.fill(row, -1);
        for (int a = 0; a < full.arcFrom.length; a++) fullArc[full.arcFrom[a]][full.arcTo[a]] = a;
        java.util.Map<String, Integer> byName = new java.util.HashMap<>();
        for (int i = 0; i < full.size; i++) if (full.names.get(i) != null) byName.put(full.names.get(i), i);
        int[] va = varArc();
        int[] map = new int[size];
        for (int i = 0; i < size; i++) {
            if (va[i] >= 0) {
                int a = va[i];
                int fa = fullArc[arcFrom[a]][arcTo[a]];
                if (fa < 0) return null;
                map[i] = arcVar[a] == i ? full.arcVar[fa] : full.levyVar[fa];
                if (map[i] < 0) return null;
            } else {
                Integer k = byName.get(names.get(i));
                if (k == null) return null;
                map[i] = k;
            }
        }
        return map;
    }

    private String id(int r) {
        return sc.regions.get(r).id();
    }

    private int add(String name, double upper) {
        names.add(name);
        upperList.add(upper);
        return size++;
    }

    private void addSupply(int r, Curve c, boolean eligible, boolean recycled, String name) {
        int first;
        if (c instanceof Curve.Steps st) {
            first = size;
            for (int k = 0; k < st.cost().length; k++) add(name + " " + st.names()[k], st.capacity()[k]);
        } else {
            first = add(name, Double.POSITIVE_INFINITY);
        }
        supplyVars.add(new int[]{r, first, eligible ? 1 : 0, recycled ? 1 : 0, supplyCurves.size()});
        supplyCurves.add(c);
    }

    McpProblem problem() {
        double[] up = new double[size];
        for (int i = 0; i < size; i++) up[i] = upperList.get(i);
        double q = quantityScale();
        double p = priceScale();
        return new McpProblem(size, new double[size], up, this, variableScales(p, q), rowScales(p, q));
    }

    /**
     * The price scale: the reference price, at least 1 (in the scenario's price unit), rounded to the nearest
     * power of two — scaling by a power of two is exact in floating point, so the scaled LCPs keep the exact
     * cancellations (and the sparsity of Lemke's basis inverse) of the unscaled ones.
     */
    double priceScale() {
        return powerOfTwo(Math.max(1, sc.referencePrice));
    }

    static double powerOfTwo(double v) {
        return Math.scalb(1.0, (int) Math.round(Math.log(v) / Math.log(2)));
    }

    /**
     * The quantity scale: the larger of world supply and world demand at the reference point (every curve at
     * the reference price), at least 1 (in the scenario's quantity unit), rounded to the nearest power of two.
     */
    double quantityScale() {
        double[] x = start();
        double supply = 0;
        double demand = 0;
        for (int i = 0; i < supplyVars.size(); i++) {
            int count = supplyCurves.get(i) instanceof Curve.Steps st ? st.cost().length : 1;
            for (int k = 0; k < count; k++) supply += x[supplyVars.get(i)[1] + k];
        }
        for (int d : demandVar) if (d >= 0) demand += x[d];
        return powerOfTwo(Math.max(1, Math.max(supply, demand)));
    }

    /**
     * The unit of each variable (McpProblem): prices, levies, subsidies, quota rents, premiums and certificate
     * rents are measured in the price scale, the other variables (outputs, consumption, flows, stock flows,
     * certified deliveries) in the quantity scale.
     */
    double[] variableScales(double price, double quantity) {
        double[] c = new double[size];
        Arrays.fill(c, quantity);
        for (int r = 0; r < regions; r++) c[r] = price;
        for (int l : levyVar) if (l >= 0) c[l] = price;
        for (int v : subsidyVar) if (v >= 0) c[v] = price;
        for (int v : quotaVars) c[v] = price;
        for (int v : premiumVar) if (v >= 0) c[v] = price;
        for (int v : rentVar) if (v >= 0) c[v] = price;
        return c;
    }

    /**
     * The unit of each row of F: balances, curve rows and the quota, premium and rent rows are quantities; the
     * rows of flows, steps, levies, subsidies, triggered stocks and certified lanes are prices.
     */
    double[] rowScales(double price, double quantity) {
        double[] r = new double[size];
        Arrays.fill(r, quantity);
        for (int v : arcVar) r[v] = price;
        for (int l : levyVar) if (l >= 0) r[l] = price;
        for (int v : subsidyVar) if (v >= 0) r[v] = price;
        for (int v : triggeredVars) r[v] = price;
        for (int[] lane : lanes) r[lane[2]] = price;
        for (int i = 0; i < supplyVars.size(); i++) {
            if (supplyCurves.get(i) instanceof Curve.Steps st) {
                for (int k = 0; k < st.cost().length; k++) r[supplyVars.get(i)[1] + k] = price;
            }
        }
        return r;
    }

    /**
     * The start of a solve without a previous equilibrium: for markets of {@link #LARGE} regions or more the
     * price-space estimate of {@link PriceStart} (which fixes Lemke's start basis), else the reference point.
     */
    double[] coldStart() {
        double[] x = regions >= LARGE ? new PriceStart(this).start() : null;
        return x != null ? x : start();
    }

    /** From this many regions on, cold solves use the price-space start and arc generation. */
    static final int LARGE = 10;

    /** A start at the reference price with every curve at its reference quantity. */
    double[] start() {
        double[] x = new double[size];
        for (int r = 0; r < regions; r++) x[r] = sc.referencePrice;
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            Curve c = supplyCurves.get(i);
            if (c instanceof Curve.Steps st) {
                for (int k = 0; k < st.cost().length; k++) x[sv[1] + k] = st.cost()[k] < sc.referencePrice ? st.capacity()[k] : 0;
            } else {
                x[sv[1]] = Math.max(0, c.quantity(sc.referencePrice));
            }
        }
        for (int r = 0; r < regions; r++) {
            if (demandVar[r] >= 0) x[demandVar[r]] = Math.max(0, sc.regions.get(r).demand().quantity(sc.referencePrice));
        }
        return x;
    }

    /** The price the region's eligible producers receive. */
    double producerPrice(double[] x, int r, boolean eligible) {
        if (!eligible) return x[r];
        if (!Double.isNaN(twoWayStrike[r])) return twoWayStrike[r];
        return subsidyVar[r] >= 0 ? x[r] + x[subsidyVar[r]] : x[r];
    }

    double fob(double[] x, int a) {
        int r = arcFrom[a];
        double v = x[r] * (1 + exportAdv[r]) + exportSpec[r];
        for (int q = 0; q < quotas.size(); q++) if (quotaArcs.get(q)[a]) v += x[quotaVars.get(q)];
        return v;
    }

    @Override
    public void value(double[] x, double[] f) {
        int n = regions;
        for (int r = 0; r < n; r++) {
            double b = exogenous[r];
            for (int s = 0; s < n; s++) b += offtake[s][r] - offtake[r][s];
            f[r] = b;
        }
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            int r = sv[0];
            double pp = producerPrice(x, r, sv[2] == 1) + rent(x, r, sv[3] == 1);
            Curve c = supplyCurves.get(i);
            if (c instanceof Curve.Steps st) {
                for (int k = 0; k < st.cost().length; k++) {
                    f[sv[1] + k] = st.cost()[k] - pp;
                    f[r] += x[sv[1] + k];
                }
            } else {
                f[sv[1]] = x[sv[1]] - c.quantity(pp);
                f[r] += x[sv[1]];
            }
        }
        for (int r = 0; r < n; r++) {
            int d = demandVar[r];
            if (d < 0) continue;
            f[d] = x[d] - sc.regions.get(r).demand().quantity(consumerPrice(x, r));
            f[r] -= x[d];
        }
        for (int a = 0; a < arcFrom.length; a++) {
            int r = arcFrom[a];
            int s = arcTo[a];
            double cif = fob(x, a) + arcCost[a];
            double landed = cif * (1 + sc.tariffAdValorem[r][s]) + sc.tariffSpecific[r][s];
            if (levyVar[a] >= 0) {
                landed += x[levyVar[a]];
                f[levyVar[a]] = cif + x[levyVar[a]] - arcFloor[a];
            }
            f[arcVar[a]] = landed - x[s];
            f[r] -= x[arcVar[a]];
            f[s] += x[arcVar[a]];
        }
        for (int r = 0; r < n; r++) {
            if (subsidyVar[r] >= 0) f[subsidyVar[r]] = x[r] + x[subsidyVar[r]] - oneWayStrike[r];
        }
        for (int q = 0; q < quotas.size(); q++) {
            double v = quotas.get(q).quantity();
            boolean[] cov = quotaArcs.get(q);
            for (int a = 0; a < cov.length; a++) if (cov[a]) v -= x[arcVar[a]];
            f[quotaVars.get(q)] = v;
        }
        for (int t = 0; t < triggered.size(); t++) {
            Policy.Stockpile s = triggered.get(t);
            int v = triggeredVars.get(t);
            int r = s.region();
            if (s.build()) {
                f[v] = x[r] - s.trigger();
                f[r] -= x[v];
            } else {
                f[v] = s.trigger() - x[r];
                f[r] += x[v];
            }
        }
        for (int r = 0; r < n; r++) {
            if (premiumVar[r] >= 0) f[premiumVar[r]] = -certShare[r] * (demandVar[r] >= 0 ? x[demandVar[r]] : 0);
            if (rentVar[r] >= 0) f[rentVar[r]] = primaryOutput(x, r);
        }
        for (int[] lane : lanes) {
            int r = lane[0];
            int s = lane[1];
            int v = lane[2];
            double cost = lane[3] < 0 ? x[r] : landed(x, lane[3]);
            f[v] = cost + x[rentVar[r]] - x[s] - x[premiumVar[s]];
            f[premiumVar[s]] += x[v];
            f[rentVar[r]] -= x[v];
            if (r != s) {
                f[r] -= x[v];
                f[s] += x[v];
            }
        }
    }

    /** Landed cost of a unit on arc a (CIF with duties and levy). */
    double landed(double[] x, int a) {
        int r = arcFrom[a];
        int s = arcTo[a];
        double cif = fob(x, a) + arcCost[a];
        double v = cif * (1 + sc.tariffAdValorem[r][s]) + sc.tariffSpecific[r][s];
        return levyVar[a] >= 0 ? v + x[levyVar[a]] : v;
    }

    /** Certificate rent earned by the region's primary producers (0 outside a certified segment). */
    double rent(double[] x, int r, boolean recycled) {
        return !recycled && rentVar[r] >= 0 ? x[rentVar[r]] : 0;
    }

    /** The average price consumers pay: p, plus the certified share times the certified premium. */
    double consumerPrice(double[] x, int r) {
        return premiumVar[r] >= 0 ? x[r] + certShare[r] * x[premiumVar[r]] : x[r];
    }

    double primaryOutput(double[] x, int r) {
        double s = 0;
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            if (sv[0] != r || sv[3] == 1) continue;
            int count = supplyCurves.get(i) instanceof Curve.Steps st ? st.cost().length : 1;
            for (int k = 0; k < count; k++) s += x[sv[1] + k];
        }
        return s;
    }

    /** The constant part of the Jacobian as (row, column, value) entries, in the order they are summed. */
    private Entries constantEntries() {
        Entries j = new Entries();
        int n = regions;
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            int r = sv[0];
            Curve c = supplyCurves.get(i);
            boolean eligible = sv[2] == 1;
            if (c instanceof Curve.Steps st) {
                for (int k = 0; k < st.cost().length; k++) {
                    int v = sv[1] + k;
                    j.add(r, v, 1);
                    if (!eligible || Double.isNaN(twoWayStrike[r])) j.add(v, r, -1);
                    if (eligible && subsidyVar[r] >= 0) j.add(v, subsidyVar[r], -1);
                }
            } else {
                j.add(r, sv[1], 1);
                j.add(sv[1], sv[1], 1);
            }
        }
        for (int r = 0; r < n; r++) {
            int d = demandVar[r];
            if (d < 0) continue;
            j.add(d, d, 1);
            j.add(r, d, -1);
        }
        for (int a = 0; a < arcFrom.length; a++) {
            int r = arcFrom[a];
            int s = arcTo[a];
            int xv = arcVar[a];
            double tau = 1 + sc.tariffAdValorem[r][s];
            j.add(xv, r, (1 + exportAdv[r]) * tau);
            for (int q = 0; q < quotas.size(); q++) if (quotaArcs.get(q)[a]) j.add(xv, quotaVars.get(q), tau);
            j.add(xv, s, -1);
            if (levyVar[a] >= 0) {
                int l = levyVar[a];
                j.add(xv, l, 1);
                j.add(l, l, 1);
                j.add(l, r, 1 + exportAdv[r]);
                for (int q = 0; q < quotas.size(); q++) if (quotaArcs.get(q)[a]) j.add(l, quotaVars.get(q), 1);
            }
            j.add(r, xv, -1);
            j.add(s, xv, 1);
        }
        for (int r = 0; r < n; r++) {
            if (subsidyVar[r] >= 0) {
                j.add(subsidyVar[r], r, 1);
                j.add(subsidyVar[r], subsidyVar[r], 1);
            }
        }
        for (int q = 0; q < quotas.size(); q++) {
            boolean[] cov = quotaArcs.get(q);
            for (int a = 0; a < cov.length; a++) if (cov[a]) j.add(quotaVars.get(q), arcVar[a], -1);
        }
        for (int t = 0; t < triggered.size(); t++) {
            Policy.Stockpile s = triggered.get(t);
            int v = triggeredVars.get(t);
            int r = s.region();
            j.add(v, r, s.build() ? 1 : -1);
            j.add(r, v, s.build() ? -1 : 1);
        }
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            int r = sv[0];
            if (sv[3] == 1 || rentVar[r] < 0) continue;
            int count = supplyCurves.get(i) instanceof Curve.Steps st ? st.cost().length : 1;
            for (int k = 0; k < count; k++) {
                j.add(rentVar[r], sv[1] + k, 1);
                if (count > 1 || supplyCurves.get(i) instanceof Curve.Steps) j.add(sv[1] + k, rentVar[r], -1);
            }
        }
        for (int r = 0; r < n; r++) {
            if (premiumVar[r] >= 0 && demandVar[r] >= 0) j.add(premiumVar[r], demandVar[r], -certShare[r]);
        }
        for (int[] lane : lanes) {
            int r = lane[0];
            int s = lane[1];
            int v = lane[2];
            if (lane[3] < 0) {
                j.add(v, r, 1);
            } else {
                int a = lane[3];
                int xv = arcVar[a];
                // the lane's landed cost has the arc's partial derivatives (row of the arc's flow, without −p_s)
                j.copyRow(xv, v, s);
                j.add(r, v, -1);
                j.add(s, v, 1);
            }
            j.add(v, rentVar[r], 1);
            j.add(v, s, -1);
            j.add(v, premiumVar[s], -1);
            j.add(premiumVar[s], v, 1);
            j.add(rentVar[r], v, -1);
        }
        return j;
    }

    /** The sparse form of the Jacobian: the non-zeros of its constant part plus the entries the curve slopes fill in. */
    private void buildPattern() {
        Entries j = constantEntries();
        List<int[]> slopes = slopeEntries();
        for (int[] e : slopes) j.add(e[0], e[1], 0);
        // entries ordered by (row, column), stably, so that repeated entries are summed in the order written:
        // bucketed by row in the order written, then each row (a few entries) insertion-sorted by column
        int m = j.count;
        int[] rowCount = new int[size + 1];
        for (int e = 0; e < m; e++) rowCount[j.rows[e] + 1]++;
        for (int i = 0; i < size; i++) rowCount[i + 1] += rowCount[i];
        int[] order = new int[m];
        int[] fill = rowCount.clone();
        for (int e = 0; e < m; e++) order[fill[j.rows[e]]++] = e;
        for (int i = 0; i < size; i++) {
            for (int t = rowCount[i] + 1; t < rowCount[i + 1]; t++) {
                int e = order[t];
                int u = t - 1;
                while (u >= rowCount[i] && j.cols[order[u]] > j.cols[e]) {
                    order[u + 1] = order[u];
                    u--;
                }
                order[u + 1] = e;
            }
        }
        patternStart = new int[size + 1];
        int[] cols = new int[m];
        double[] vals = new double[m];
        int k = -1;
        int lastRow = -1;
        int lastCol = -1;
        for (int t = 0; t < m; t++) {
            int e = order[t];
            if (j.rows[e] == lastRow && j.cols[e] == lastCol) {
                vals[k] += j.vals[e];
                continue;
            }
            k++;
            lastRow = j.rows[e];
            lastCol = j.cols[e];
            cols[k] = lastCol;
            vals[k] = j.vals[e];
            patternStart[lastRow + 1] = k + 1;
        }
        for (int i = 0; i < size; i++) patternStart[i + 1] = Math.max(patternStart[i + 1], patternStart[i]);
        patternColumns = Arrays.copyOf(cols, k + 1);
        constantValues = Arrays.copyOf(vals, k + 1);
        slopeAt = new int[slopes.size()];
        slopeCurve = new int[slopes.size()];
        slopeFactor = new double[slopes.size()];
        for (int t = 0; t < slopes.size(); t++) {
            int[] e = slopes.get(t);
            slopeAt[t] = Arrays.binarySearch(patternColumns, patternStart[e[0]], patternStart[e[0] + 1], e[1]);
            slopeCurve[t] = e[2];
            slopeFactor[t] = e[2] < 0 && e[3] == 1 ? certShare[-e[2] - 1] : 1;
        }
    }

    /** Jacobian entries (row, column, value) in the order written; an entry written twice is summed. */
    private static final class Entries {
        int[] rows = new int[64];
        int[] cols = new int[64];
        double[] vals = new double[64];
        int count;

        void add(int row, int col, double value) {
            if (count == rows.length) {
                rows = Arrays.copyOf(rows, 2 * count);
                cols = Arrays.copyOf(cols, 2 * count);
                vals = Arrays.copyOf(vals, 2 * count);
            }
            rows[count] = row;
            cols[count] = col;
            vals[count++] = value;
        }

        /** Row {@code to} gains every entry written so far to row {@code from}, except in column {@code except}. */
        void copyRow(int from, int to, int except) {
            int m = count;
            for (int e = 0; e < m; e++) if (rows[e] == from && cols[e] != except) add(to, cols[e], vals[e]);
        }
    }

    /**
     * The entries the slopes of the curves enter: {row, column, supply curve i (or −r − 1 for region r's
     * demand), 1 where the slope is scaled by the certified share}.
     */
    private List<int[]> slopeEntries() {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            if (supplyCurves.get(i) instanceof Curve.Steps) continue;
            int r = sv[0];
            boolean eligible = sv[2] == 1;
            if (!eligible || Double.isNaN(twoWayStrike[r])) out.add(new int[]{sv[1], r, i, 0});
            if (eligible && subsidyVar[r] >= 0) out.add(new int[]{sv[1], subsidyVar[r], i, 0});
            if (sv[3] == 0 && rentVar[r] >= 0) out.add(new int[]{sv[1], rentVar[r], i, 0});
        }
        for (int r = 0; r < regions; r++) {
            int d = demandVar[r];
            if (d < 0) continue;
            out.add(new int[]{d, r, -r - 1, 0});
            if (premiumVar[r] >= 0) out.add(new int[]{d, premiumVar[r], -r - 1, 1});
        }
        return out;
    }

    @Override
    public int[] jacobianRowStart() {
        if (patternStart == null) buildPattern();
        return patternStart;
    }

    @Override
    public int[] jacobianColumns() {
        if (patternStart == null) buildPattern();
        return patternColumns;
    }

    @Override
    public void jacobianValues(double[] x, double[] values) {
        if (patternStart == null) buildPattern();
        System.arraycopy(constantValues, 0, values, 0, constantValues.length);
        double[] supplySlope = new double[supplyVars.size()];
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            Curve c = supplyCurves.get(i);
            if (c instanceof Curve.Steps) continue;
            supplySlope[i] = c.slope(producerPrice(x, sv[0], sv[2] == 1) + rent(x, sv[0], sv[3] == 1));
        }
        double[] demandSlope = new double[regions];
        for (int r = 0; r < regions; r++) {
            if (demandVar[r] >= 0) demandSlope[r] = sc.regions.get(r).demand().slope(consumerPrice(x, r));
        }
        for (int k = 0; k < slopeAt.length; k++) {
            int c = slopeCurve[k];
            values[slopeAt[k]] -= slopeFactor[k] * (c >= 0 ? supplySlope[c] : demandSlope[-c - 1]);
        }
    }

    /** The dense form of the same numbers, scattered from the sparse form ({@link #jacobianValues}). */
    @Override
    public void jacobian(double[] x, double[][] jac) {
        int[] start = jacobianRowStart();
        double[] values = new double[start[size]];
        jacobianValues(x, values);
        for (int i = 0; i < size; i++) {
            double[] row = jac[i];
            Arrays.fill(row, 0);
            for (int k = start[i]; k < start[i + 1]; k++) row[patternColumns[k]] = values[k];
        }
    }
}
