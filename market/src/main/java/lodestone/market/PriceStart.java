package lodestone.market;

import java.util.Arrays;

/**
 * A cheap starting point for the cold solve, computed in price space: only the R regional prices are
 * unknowns. Flows are eliminated by a regularisation, x_rs = max(0, p_s − landed_rs(p)) / ε (the
 * limit ε → 0 is the spatial equilibrium), the levy by L = max(0, F − CIF), the one-way subsidy by
 * π = max(K, p), step curves and triggered stocks by steep ramps; the R market balances are then solved
 * as the complementarity problem p ≥ 0 ⟂ balance ≥ 0 by a few damped semismooth Newton steps on its
 * Fischer–Burmeister form (an (R+Q)×(R+Q) Jacobian: export quota rents are unknowns beside the
 * prices). Certified segments are left out (their rows start non-basic and Lemke brings them in).
 * Each instrument takes part through its start hooks ({@link Instrument#startFob} and the others), so
 * this class names none.
 *
 * <p>The point only chooses Lemke's start basis (which variables are positive; trade arcs are kept to a
 * forest so that the basis is non-singular) and which arcs {@link RestrictedSolve} starts with: the answer
 * is still the exact LCP solution, certified from the data. Newton is not run to convergence (the
 * regularised problem is sharply kinked); the point reached is used — a worse start costs pivots and
 * arc-generation rounds, never correctness.
 */
final class PriceStart {
    private final MarketModel mm;
    private final int n;
    private final int na;
    /** The rents solved for beside the prices (export quota rents), over all instruments. */
    private final int nq;
    /** Rent k belongs to instrument rentOwner[k], where it is that instrument's rent rentIndex[k]. */
    private final Instrument[] rentOwner;
    private final int[] rentIndex;
    /** The rents covering each arc. */
    private final int[][] quotaOf;
    /** The instruments the scenario has (their start hooks are called in registration order). */
    private final Instrument[] active;
    private final Instrument[] fobActive;
    private final Instrument[] landedActive;
    /** The landed cost's derivative, written by the instruments (one solve, one thread: no array a call). */
    private final double[] landedD = new double[1];
    /** Per arc, read once: the derivative of the FOB price in the exporter's price (export taxes). */
    private final double[] exportFactor;
    private final double epsUnit;
    private final double rampUnit;
    /** ½‖e‖² small enough: every balance within 1e-9 of the market's size. */
    private final double stop;
    private double eps;
    private double ramp;

    PriceStart(MarketModel mm) {
        this.mm = mm;
        this.n = mm.regions;
        this.na = mm.arcFrom.length;
        this.active = mm.active;
        // the instruments that change an arc's FOB or landed price at the start: the balance evaluates every arc a few
        // dozen times per solve, and calling each instrument's default (the value unchanged) cost a tenth of a cold solve
        this.fobActive = java.util.Arrays.stream(active).filter(i -> i.overrides("startFob", int.class, double.class))
                .toArray(Instrument[]::new);
        this.landedActive = java.util.Arrays.stream(active)
                .filter(i -> i.overrides("startLanded", int.class, double.class, double.class, double[].class)).toArray(Instrument[]::new);
        int rents = 0;
        for (Instrument i : active) rents += i.startRents();
        this.nq = rents;
        this.rentOwner = new Instrument[nq];
        this.rentIndex = new int[nq];
        int q0 = 0;
        for (Instrument i : active) {
            for (int k = 0; k < i.startRents(); k++) {
                rentOwner[q0] = i;
                rentIndex[q0++] = k;
            }
        }
        this.quotaOf = new int[na][];
        for (int a = 0; a < na; a++) {
            int k = 0;
            for (int q = 0; q < nq; q++) if (rentOwner[q].startRentCovers(rentIndex[q], a)) k++;
            quotaOf[a] = new int[k];
            k = 0;
            for (int q = 0; q < nq; q++) if (rentOwner[q].startRentCovers(rentIndex[q], a)) quotaOf[a][k++] = q;
        }
        this.exportFactor = new double[na];
        for (int a = 0; a < na; a++) {
            double f = 1;
            for (Instrument i : active) f *= i.startFobFactor(a);
            exportFactor[a] = f;
        }
        double ref = mm.sc.referencePrice;
        double qs = 0;
        for (int i = 0; i < mm.supplyCurves.size(); i++) qs += Math.abs(refQuantity(mm.supplyCurves.get(i), ref));
        for (Region r : mm.sc.regions) if (r.demand() != null) qs += Math.abs(r.demand().quantity(ref));
        if (!(qs > 0)) qs = 1;
        // ε = f·epsUnit: a flow of the whole market needs a price gap of f times the reference price
        this.epsUnit = ref / qs;
        this.rampUnit = ref;
        this.stop = 0.5 * (n + nq) * (1e-9 * qs) * (1e-9 * qs);
    }

    private static double refQuantity(Curve c, double p) {
        if (c instanceof Curve.Steps st) {
            double s = 0;
            for (double k : st.capacity()) s += k;
            return s;
        }
        return c.quantity(p);
    }

    /** The start point of the full model (every variable), or null when the price iteration fails outright. */
    double[] start() {
        int m = n + nq;
        double[] z = new double[m];
        Arrays.fill(z, 0, n, mm.sc.referencePrice);
        double[] f = new double[m];
        double[][] jf = new double[m][m];
        double[] phi = new double[m];
        double[][] jphi = new double[m][m];
        double[] zt = new double[m];
        double[] ft = new double[m];
        double[] phit = new double[m];
        eps = SHARP * epsUnit;
        ramp = SHARP * rampUnit;
        balance(z, f, null);
        double merit = fb(z, f, phi, null, null);
        if (!Double.isFinite(merit)) return null;
        // damped semismooth Newton on the Fischer–Burmeister form; a few iterations are enough for a start
        for (int it = 0; it < ITERS && merit > stop; it++) {
            balance(z, f, jf);
            fb(z, f, phi, jf, jphi);
            newton++;
            double[] step = solve(jphi, phi);
            if (step == null) break;
            double t = 1;
            boolean ok = false;
            while (t > MIN_STEP) {
                for (int i = 0; i < m; i++) zt[i] = Math.max(0, z[i] - t * step[i]);
                balance(zt, ft, null);
                double mt = fb(zt, ft, phit, null, null);
                if (mt <= (1 - 1e-4 * t) * merit) {
                    System.arraycopy(zt, 0, z, 0, m);
                    merit = mt;
                    ok = true;
                    break;
                }
                t *= 0.5;
            }
            if (!ok) break;
        }
        return point(z);
    }

    /** Sharpness of the regularisation (ε as a share of the reference price per market size), Newton limits. */
    private static final double SHARP = 0.1;
    private static final int ITERS = 15;
    private static final double MIN_STEP = 1e-3;

    /** Newton iterations of the last {@link #start()} (for tests and the benchmark notes). */
    int newton;

    /**
     * Fischer–Burmeister residual Φ_i = √(z_i² + F_i²) − z_i − F_i of z ≥ 0 ⟂ F(z) ≥ 0 and, if jf ≠ null,
     * an element of its generalised Jacobian. Returns ½‖Φ‖².
     */
    private static double fb(double[] z, double[] f, double[] phi, double[][] jf, double[][] jphi) {
        double s = 0;
        int m = z.length;
        for (int i = 0; i < m; i++) {
            double a = z[i];
            double b = f[i];
            double r = lodestone.market.mcp.McpSolver.norm(a, b);
            phi[i] = r - a - b;
            s += phi[i] * phi[i];
            if (jf == null) continue;
            double da;
            double db;
            if (r > 1e-300) {
                da = a / r - 1;
                db = b / r - 1;
            } else {
                da = Math.sqrt(0.5) - 1;
                db = Math.sqrt(0.5) - 1;
            }
            double[] row = jphi[i];
            double[] fr = jf[i];
            for (int k = 0; k < m; k++) row[k] = db * fr[k];
            row[i] += da;
        }
        return 0.5 * s;
    }

    private double producerPrice(double[] p, int r, boolean eligible) {
        double v = p[r];
        for (Instrument i : active) v = i.startProducerPrice(p, r, eligible, v);
        return v;
    }

    /** d π_r / d p_r: 1 unless an instrument fixes the producer price (a two-way strike, a binding one-way strike). */
    private double producerSlope(double[] p, int r, boolean eligible) {
        double d = 1;
        for (Instrument i : active) d = i.startProducerSlope(p, r, eligible, d);
        return d;
    }

    private double consumerPrice(double[] p, int r) {
        double v = p[r];
        for (Instrument i : active) v = i.startConsumerPrice(p, r, v);
        return v;
    }

    private double cif(double[] z, int a) {
        double v = z[mm.arcFrom[a]];
        for (Instrument i : fobActive) v = i.startFob(a, v);
        v += mm.arcCost[a];
        int[] qa = quotaOf[a];
        for (int k = 0; k < qa.length; k++) v += z[n + qa[k]];
        return v;
    }

    /**
     * Landed cost of arc a (with duties and the levy); dOut[0] = its derivative in the exporter's price,
     * dOut[1] in a rent of the arc.
     */
    private double landed(double[] z, int a, double[] dOut) {
        double cif = cif(z, a);
        double[] d = landedD;
        d[0] = 1;
        double v = cif;
        for (Instrument i : landedActive) v = i.startLanded(a, cif, v, d);
        if (dOut != null) {
            dOut[0] = d[0] * exportFactor[a];
            dOut[1] = d[0];
        }
        return v;
    }

    /**
     * F(z) of the price-space problem and, if j ≠ null, its Jacobian: for each region the market balance
     * (supply + imports − exports − demand + stocks), for each rent its slack (limit − flows on its arcs).
     */
    private void balance(double[] z, double[] e, double[][] j) {
        if (j != null) for (double[] row : j) Arrays.fill(row, 0);
        double[] p = z;
        Arrays.fill(e, 0);
        for (Instrument i : active) i.balanceConstants(e);
        for (int q = 0; q < nq; q++) e[n + q] = rentOwner[q].startRentLimit(rentIndex[q]);
        for (int i = 0; i < mm.supplyVars.size(); i++) {
            int[] sv = mm.supplyVars.get(i);
            int r = sv[0];
            boolean eligible = sv[2] == 1;
            double pp = producerPrice(p, r, eligible);
            double dpp = producerSlope(p, r, eligible);
            Curve c = mm.supplyCurves.get(i);
            if (c instanceof Curve.Steps st) {
                for (int k = 0; k < st.cost().length; k++) {
                    double u = (pp - st.cost()[k]) / ramp + 0.5;
                    double frac = Math.min(1, Math.max(0, u));
                    e[r] += st.capacity()[k] * frac;
                    if (j != null && u > 0 && u < 1) j[r][r] += st.capacity()[k] / ramp * dpp;
                }
            } else {
                double q = c.quantity(pp);
                if (q > 0) {
                    e[r] += q;
                    if (j != null) j[r][r] += c.slope(pp) * dpp;
                }
            }
        }
        for (int r = 0; r < n; r++) {
            Curve dc = mm.sc.regions.get(r).demand();
            if (dc == null) continue;
            double pc = consumerPrice(p, r);
            double q = dc.quantity(pc);
            if (q > 0) {
                e[r] -= q;
                if (j != null) j[r][r] -= dc.slope(pc);
            }
        }
        for (Instrument i : active) i.startBalance(p, ramp, e, j);
        double[] d = new double[2];
        for (int a = 0; a < na; a++) {
            int r = mm.arcFrom[a];
            int s = mm.arcTo[a];
            double gap = p[s] - landed(z, a, d);
            if (gap <= 0) continue;
            double x = gap / eps;
            e[r] -= x;
            e[s] += x;
            for (int q : quotaOf[a]) e[n + q] -= x;
            if (j != null) {
                // x = (p_s − landed(p_r, ρ)) / ε
                j[r][s] -= 1 / eps;
                j[r][r] += d[0] / eps;
                j[s][s] += 1 / eps;
                j[s][r] -= d[0] / eps;
                for (int q : quotaOf[a]) {
                    j[r][n + q] += d[1] / eps;
                    j[s][n + q] -= d[1] / eps;
                    j[n + q][s] -= 1 / eps;
                    j[n + q][r] += d[0] / eps;
                    for (int q2 : quotaOf[a]) j[n + q][n + q2] += d[1] / eps;
                }
            }
        }
    }

    /** Solves j·x = b by Gaussian elimination with partial pivoting; null when singular. */
    private static double[] solve(double[][] j, double[] b) {
        int n = b.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = j[i].clone();
        double[] x = b.clone();
        double scale = 0;
        for (double[] row : a) for (double v : row) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < n; i++) a[i][i] += 1e-12 * Math.max(scale, 1e-300); // regions with no slope and no trade
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int i = c + 1; i < n; i++) if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) piv = i;
            if (a[piv][c] == 0) return null;
            double[] t = a[piv]; a[piv] = a[c]; a[c] = t;
            double tb = x[piv]; x[piv] = x[c]; x[c] = tb;
            for (int i = c + 1; i < n; i++) {
                double f = a[i][c] / a[c][c];
                if (f == 0) continue;
                for (int k = c; k < n; k++) a[i][k] -= f * a[c][k];
                x[i] -= f * x[c];
            }
        }
        for (int c = n - 1; c >= 0; c--) {
            double s = x[c];
            for (int k = c + 1; k < n; k++) s -= a[c][k] * x[k];
            x[c] = s / a[c][c];
        }
        return x;
    }

    /** Every model variable at prices p; trade only on a forest of the arcs with the largest flows. */
    private double[] point(double[] z) {
        double[] x = new double[mm.size];
        double[] p = z;
        System.arraycopy(p, 0, x, 0, n);
        for (int q = 0; q < nq; q++) x[rentOwner[q].startRentVariable(rentIndex[q])] = z[n + q];
        for (int i = 0; i < mm.supplyVars.size(); i++) {
            int[] sv = mm.supplyVars.get(i);
            int r = sv[0];
            double pp = producerPrice(p, r, sv[2] == 1);
            Curve c = mm.supplyCurves.get(i);
            if (c instanceof Curve.Steps st) {
                for (int k = 0; k < st.cost().length; k++) x[sv[1] + k] = st.cost()[k] < pp ? st.capacity()[k] : 0;
            } else {
                x[sv[1]] = Math.max(0, c.quantity(pp));
            }
        }
        for (int r = 0; r < n; r++) {
            int d = mm.demandVar[r];
            if (d >= 0) x[d] = Math.max(0, mm.sc.regions.get(r).demand().quantity(consumerPrice(p, r)));
        }
        for (Instrument i : active) i.startPoint(p, a -> cif(z, a), x);
        Integer[] order = new Integer[na];
        double[] flow = new double[na];
        for (int a = 0; a < na; a++) {
            order[a] = a;
            flow[a] = Math.max(0, p[mm.arcTo[a]] - landed(z, a, null)) / eps;
        }
        Arrays.sort(order, (a, b) -> Double.compare(flow[b], flow[a]));
        int[] parent = new int[n];
        for (int r = 0; r < n; r++) parent[r] = r;
        for (int k = 0; k < na; k++) {
            int a = order[k];
            if (!(flow[a] > 0)) break;
            int ra = find(parent, mm.arcFrom[a]);
            int rb = find(parent, mm.arcTo[a]);
            if (ra == rb) continue;
            parent[ra] = rb;
            x[mm.arcVar[a]] = flow[a];
        }
        return x;
    }

    private static int find(int[] parent, int r) {
        while (parent[r] != r) {
            parent[r] = parent[parent[r]];
            r = parent[r];
        }
        return r;
    }
}
