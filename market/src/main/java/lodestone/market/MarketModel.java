package lodestone.market;

import lodestone.market.mcp.McpProblem;
import lodestone.market.mcp.SparseJacobian;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario as a mixed complementarity problem (docs/market-model.md gives the equations). The core market
 * is built here — variables, all ≥ 0: the regional prices p_r; one quantity per supply or demand curve
 * (y ⟂ y − S(π) ≥ 0, which keeps quantities non-negative where a linear curve would turn negative); one
 * quantity per step of a step curve (0 ≤ y ≤ capacity ⟂ cost − π); the arc flows x_rs ⟂ landed cost − p_s;
 * the price row is the market balance, p_r ⟂ supply + imports − exports − demand ≥ 0 (Takayama &amp; Judge
 * 1971). Every policy instrument is an {@link Instrument} (registered in {@link Instruments}) that adds its own
 * variables and rows and its wedges in the prices of the core rows; this class only assembles them.
 *
 * <p>With linear curves F is affine, so the first Josephy–Newton step solves the model exactly as one LCP.
 */
final class MarketModel implements SparseJacobian {
    final Scenario sc;
    final int regions;
    int size;
    /** Variable names; null for arc variables (flows, levies), whose names are made when asked for ({@link #name}). */
    private final List<String> names = new ArrayList<>();
    /** The arc of an arc variable, else −1, and its name prefix ("flow ", "levy on "). */
    private int[] varArc = new int[64];
    private String[] varPrefix = new String[64];
    final List<Double> upperList = new ArrayList<>();

    // supply (and recycled) curves
    final List<int[]> supplyVars = new ArrayList<>(); // {region, firstVar, eligible, recycled, curveIndex}
    final List<Curve> supplyCurves = new ArrayList<>();
    final int[] demandVar;
    final int[] arcFrom;
    final int[] arcTo;
    final int[] arcVar;
    final double[] arcCost;
    /**
     * One instrument per registered kind (present or not), in {@link Instruments} order (the order their
     * variables are numbered and their hooks are called), and those the scenario has.
     */
    final List<Instrument> all = new ArrayList<>();
    final Instrument[] active;
    // the built-in instruments the report and the origin rule read figures from (Equilibrium, OriginRule)
    final OriginRule origin;
    final CommonFloorLevy commonLevy;
    final FloorLevy floorLevy;
    final PriceGapSubsidies subsidies;
    final Offtakes offtakes;
    final Stockpiles stockpiles;
    final CertifiedSegments certified;
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
        List<int[]> arcs = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            // origin-true trade (OriginRule): a region with nothing of its own to export, and no re-export
            // rule, has no export arcs; a region that neither consumes nor stocks nor re-exports imports nothing
            if (!OriginRule.canExport(sc, r)) continue;
            for (int s = 0; s < n; s++) {
                if (r != s && sc.transport[r][s] != Double.POSITIVE_INFINITY && OriginRule.canImport(sc, s)) arcs.add(new int[]{r, s});
            }
        }
        int na = arcs.size();
        arcFrom = new int[na];
        arcTo = new int[na];
        arcVar = new int[na];
        arcCost = new double[na];
        for (int a = 0; a < na; a++) {
            arcFrom[a] = arcs.get(a)[0];
            arcTo[a] = arcs.get(a)[1];
            arcCost[a] = sc.transport[arcFrom[a]][arcTo[a]];
        }
        for (Instrument.Kind k : Instruments.all()) all.add(k.model().apply(this));
        active = all.stream().filter(Instrument::present).toArray(Instrument[]::new);
        origin = instrument(OriginRule.class);
        floorLevy = instrument(FloorLevy.class);
        commonLevy = instrument(CommonFloorLevy.class);
        subsidies = instrument(PriceGapSubsidies.class);
        offtakes = instrument(Offtakes.class);
        stockpiles = instrument(Stockpiles.class);
        certified = instrument(CertifiedSegments.class);
        for (int r = 0; r < n; r++) {
            Region reg = sc.regions.get(r);
            int k = 0;
            for (Curve c : reg.supply()) addSupply(r, c, eligible(r, false), false, reg.id() + " supply " + (++k));
            k = 0;
            for (Curve c : reg.recycled()) addSupply(r, c, eligible(r, true), true, reg.id() + " recycled " + (++k));
        }
        demandVar = new int[n];
        for (int r = 0; r < n; r++) {
            Region reg = sc.regions.get(r);
            demandVar[r] = reg.demand() == null ? -1 : add("demand in " + reg.id(), Double.POSITIVE_INFINITY);
        }
        for (int a = 0; a < na; a++) arcVar[a] = addArcVariable("flow ", a);
        for (Instrument i : active) i.declare();
        // the Jacobian's pattern is built on the first Jacobian call: a model
        // used only to evaluate F and certify a point (RestrictedSolve) never needs it
    }

    /** The model's instrument of that class. */
    <T extends Instrument> T instrument(Class<T> kind) {
        for (Instrument i : all) if (kind.isInstance(i)) return kind.cast(i);
        throw new IllegalStateException(kind.getSimpleName() + " is not registered in Instruments");
    }

    private boolean eligible(int r, boolean recycled) {
        for (Instrument i : active) if (i.eligible(r, recycled)) return true;
        return false;
    }

    /** The name of variable i, e.g. "price in US", "flow CN→US", "levy on CN→JP". */
    /** The arc of variable i when it is one of an arc's own variables (its flow, an instrument's per-arc variable), else −1. */
    int arcOf(int i) {
        return names.get(i) == null ? varArc[i] : -1;
    }

    String name(int i) {
        String s = names.get(i);
        if (s != null) return s;
        int a = varArc[i];
        return varPrefix[i] + id(arcFrom[a]) + "→" + id(arcTo[a]);
    }

    /** A model's variables by kind and arc, and by name: what {@link #indexIn} looks up (made once for many restricted models). */
    record Variables(int regions, Map<String, int[][]> byArc, Map<String, Integer> byName) { }

    Variables variables() {
        Map<String, int[][]> fullArc = new java.util.HashMap<>();
        Map<String, Integer> byName = new java.util.HashMap<>();
        for (int i = 0; i < size; i++) {
            if (names.get(i) != null) {
                byName.put(names.get(i), i);
            } else {
                int[][] m = fullArc.computeIfAbsent(varPrefix[i], k -> new int[regions][regions]);
                int a = varArc[i];
                m[arcFrom[a]][arcTo[a]] = i + 1;
            }
        }
        return new Variables(regions, fullArc, byName);
    }

    /**
     * Where each variable of this model sits in {@code full} (its {@link #variables}), a model of the same scenario on more
     * arcs (arc variables matched by their kind and arc, every other variable by its name); null when a variable has no
     * counterpart.
     */
    int[] indexIn(Variables full) {
        if (full.regions() != regions) return null;
        Map<String, int[][]> fullArc = full.byArc();
        Map<String, Integer> byName = full.byName();
        int[] map = new int[size];
        for (int i = 0; i < size; i++) {
            if (names.get(i) == null) {
                int a = varArc[i];
                int[][] m = fullArc.get(varPrefix[i]);
                if (m == null || m[arcFrom[a]][arcTo[a]] == 0) return null;
                map[i] = m[arcFrom[a]][arcTo[a]] - 1;
            } else {
                Integer k = byName.get(names.get(i));
                if (k == null) return null;
                map[i] = k;
            }
        }
        return map;
    }

    String id(int r) {
        return sc.regions.get(r).id();
    }

    /** A new variable with that name and upper bound (lower bound 0); its index. */
    int add(String name, double upper) {
        ensure();
        varArc[size] = -1;
        names.add(name);
        upperList.add(upper);
        return size++;
    }

    /** A new variable of arc a (a flow, a levy), named prefix + "FROM→TO" when asked; unbounded above. */
    int addArcVariable(String prefix, int a) {
        ensure();
        varArc[size] = a;
        varPrefix[size] = prefix;
        names.add(null);
        upperList.add(Double.POSITIVE_INFINITY);
        return size++;
    }

    private void ensure() {
        if (size == varArc.length) {
            varArc = Arrays.copyOf(varArc, 2 * size);
            varPrefix = Arrays.copyOf(varPrefix, 2 * size);
        }
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

    /** The number of variables of supply curve i (its steps, or 1). */
    int count(int i) {
        return supplyCurves.get(i) instanceof Curve.Steps st ? st.cost().length : 1;
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
            for (int k = 0; k < count(i); k++) supply += x[supplyVars.get(i)[1] + k];
        }
        for (int d : demandVar) if (d >= 0) demand += x[d];
        return powerOfTwo(Math.max(1, Math.max(supply, demand)));
    }

    /**
     * The unit of each variable (McpProblem): prices in the price scale, the core market's other variables
     * (outputs, consumption, flows) in the quantity scale; each instrument sets its own.
     */
    double[] variableScales(double price, double quantity) {
        return scales(price, quantity)[0];
    }

    /**
     * The unit of each row of F: balances and curve rows are quantities, the rows of flows and steps are
     * prices; each instrument sets its own.
     */
    double[] rowScales(double price, double quantity) {
        return scales(price, quantity)[1];
    }

    private double[][] scales(double price, double quantity) {
        double[] c = new double[size];
        double[] r = new double[size];
        Arrays.fill(c, quantity);
        Arrays.fill(r, quantity);
        for (int k = 0; k < regions; k++) c[k] = price;
        for (int v : arcVar) r[v] = price;
        for (int i = 0; i < supplyVars.size(); i++) {
            if (supplyCurves.get(i) instanceof Curve.Steps st) {
                for (int k = 0; k < st.cost().length; k++) r[supplyVars.get(i)[1] + k] = price;
            }
        }
        for (Instrument i : active) i.scales(c, r, price, quantity);
        return new double[][]{c, r};
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

    /** The price producers of a region's (primary or recycled) curve receive: p_r with every instrument's wedge. */
    double producerPrice(double[] x, int r, boolean eligible, boolean recycled) {
        double v = x[r];
        for (Instrument i : active) v = i.producerPrice(x, r, eligible, recycled, v);
        return v;
    }

    /** The average price region r's consumers pay. */
    double consumerPrice(double[] x, int r) {
        double v = x[r];
        for (Instrument i : active) v = i.consumerPrice(x, r, v);
        return v;
    }

    /** The exporter's price on arc a (FOB, with export taxes and quota rents). */
    double fob(double[] x, int a) {
        double v = x[arcFrom[a]];
        for (Instrument i : active) v = i.fob(x, a, v);
        return v;
    }

    double cif(double[] x, int a) {
        return fob(x, a) + arcCost[a];
    }

    /** Landed cost of a unit on arc a (CIF with duties and levy). */
    double landed(double[] x, int a) {
        double cif = cif(x, a);
        double v = cif;
        for (Instrument i : active) v = i.landed(x, a, cif, v);
        return v;
    }

    /** d FOB / d p_from on arc a. */
    double fobFactor(int a) {
        double v = 1;
        for (Instrument i : active) v *= i.fobFactor(a);
        return v;
    }

    void fobTerms(int a, Instrument.Terms t) {
        for (Instrument i : active) i.fobTerms(a, t);
    }

    private double landedFactor(int a) {
        double v = 1;
        for (Instrument i : active) v *= i.landedFactor(a);
        return v;
    }

    private void producerPriceTerms(int r, boolean eligible, boolean recycled, Instrument.Terms t) {
        t.clear();
        t.add(r, 1);
        for (Instrument i : active) i.producerPriceTerms(r, eligible, recycled, t);
    }

    private void consumerPriceTerms(int r, Instrument.Terms t) {
        t.clear();
        t.add(r, 1);
        for (Instrument i : active) i.consumerPriceTerms(r, t);
    }

    @Override
    public void value(double[] x, double[] f) {
        int n = regions;
        for (int r = 0; r < n; r++) f[r] = 0;
        for (Instrument i : active) i.balanceConstants(f);
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            int r = sv[0];
            double pp = producerPrice(x, r, sv[2] == 1, sv[3] == 1);
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
            f[arcVar[a]] = landed(x, a) - x[s];
            f[r] -= x[arcVar[a]];
            f[s] += x[arcVar[a]];
        }
        for (Instrument i : active) i.rows(x, f);
    }

    /** Primary output of region r. */
    double primaryOutput(double[] x, int r) {
        double s = 0;
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            if (sv[0] != r || sv[3] == 1) continue;
            for (int k = 0; k < count(i); k++) s += x[sv[1] + k];
        }
        return s;
    }

    /** Whether every instrument allows solving on a subset of the arcs ({@link RestrictedSolve}). */
    boolean allowsArcGeneration() {
        for (Instrument i : active) if (!i.allowsArcGeneration()) return false;
        return true;
    }

    /** Sets the instruments' variables of an arc left out of a restricted model. */
    void omittedArc(double[] x, int a) {
        for (Instrument i : active) i.omittedArc(x, a);
    }

    /**
     * What crosses market arc a paying its wedges (export tax, quota rent, duty, levy): the market flow and the
     * certified deliveries on the arc's lane. Offtake volumes are not levied and are not counted.
     */
    double traded(double[] x, int a) {
        return certified.present() ? x[arcVar[a]] + certified.onArc(x, a) : x[arcVar[a]];
    }

    /** Shipments from → to outside the market flows (offtake volumes, certified lanes). */
    double shipments(double[] x, int from, int to) {
        double v = 0;
        for (Instrument i : active) v += i.shipments(x, from, to);
        return v;
    }

    /** Stock released (+) or bought (−) in region r. */
    double release(double[] x, int r) {
        double v = 0;
        for (Instrument i : active) v += i.release(x, r);
        return v;
    }

    /** The instruments' report figures at x (every kind, present or not: absent ones report 0). */
    Map<String, Double> totals(double[] x) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Instrument i : all) i.totals(x, out);
        return out;
    }

    /** The instruments' report figures at x by the region each accrues to ({@link Instrument#regionTotals}). */
    Map<String, double[]> regionTotals(double[] x) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Instrument i : all) i.regionTotals(x, out);
        return out;
    }

    /** The constant part of the Jacobian as (row, column, value) entries, in the order they are summed. */
    private Entries constantEntries() {
        Entries j = new Entries();
        int n = regions;
        Instrument.Terms t = new Instrument.Terms();
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            int r = sv[0];
            Curve c = supplyCurves.get(i);
            if (c instanceof Curve.Steps st) {
                producerPriceTerms(r, sv[2] == 1, sv[3] == 1, t);
                for (int k = 0; k < st.cost().length; k++) {
                    int v = sv[1] + k;
                    j.add(r, v, 1);
                    for (int e = 0; e < t.count; e++) j.add(v, t.vars[e], -t.coefs[e]);
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
            double tau = landedFactor(a);
            j.add(xv, r, fobFactor(a) * tau);
            t.clear();
            fobTerms(a, t);
            for (int e = 0; e < t.count; e++) j.add(xv, t.vars[e], t.coefs[e] * tau);
            j.add(xv, s, -1);
            t.clear();
            for (Instrument i : active) i.landedTerms(a, t);
            for (int e = 0; e < t.count; e++) j.add(xv, t.vars[e], t.coefs[e]);
            j.add(r, xv, -1);
            j.add(s, xv, 1);
        }
        for (Instrument i : active) i.entries(j);
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
            slopeFactor[t] = slopeCoefs.get(t);
        }
    }

    /** Jacobian entries (row, column, value) in the order written; an entry written twice is summed. */
    static final class Entries {
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

    /** The coefficients of the slope entries, in the order of {@link #slopeEntries}. */
    private final List<Double> slopeCoefs = new ArrayList<>();

    /**
     * The entries the slopes of the curves enter: {row, column, supply curve i (or −r − 1 for region r's
     * demand)}, each with its coefficient in the price the curve is read at (in {@link #slopeCoefs}).
     */
    private List<int[]> slopeEntries() {
        List<int[]> out = new ArrayList<>();
        slopeCoefs.clear();
        Instrument.Terms t = new Instrument.Terms();
        for (int i = 0; i < supplyVars.size(); i++) {
            int[] sv = supplyVars.get(i);
            if (supplyCurves.get(i) instanceof Curve.Steps) continue;
            producerPriceTerms(sv[0], sv[2] == 1, sv[3] == 1, t);
            for (int e = 0; e < t.count; e++) {
                out.add(new int[]{sv[1], t.vars[e], i});
                slopeCoefs.add(t.coefs[e]);
            }
        }
        for (int r = 0; r < regions; r++) {
            int d = demandVar[r];
            if (d < 0) continue;
            consumerPriceTerms(r, t);
            for (int e = 0; e < t.count; e++) {
                out.add(new int[]{d, t.vars[e], -r - 1});
                slopeCoefs.add(t.coefs[e]);
            }
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
            supplySlope[i] = c.slope(producerPrice(x, sv[0], sv[2] == 1, sv[3] == 1));
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
