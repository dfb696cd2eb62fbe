package lodestone.market;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/**
 * One policy instrument of the market model (docs/market-model.md, "Instruments"). An instrument owns its
 * variables, its complementarity rows, its terms in the rows of the core market (the market balances, the
 * price along an arc, the price producers receive, the price consumers pay), the Jacobian entries of all of
 * them, the scales of its variables and rows, and its report figures. {@link MarketModel} builds the core
 * market (prices, curves, demand, flows) and calls each instrument present in the scenario at each hook, in
 * the fixed order of {@link Instruments}; a hook an instrument has no part in keeps the default (no-op).
 *
 * <p>Why hooks rather than a generic row list: the arc, producer-price and consumer-price wedges of several
 * instruments compose (an export tax scales the FOB price a quota rent is added to; a levy is added to the
 * duty-paid CIF price), and the composition must evaluate in the same floating-point order as the equations
 * in docs/market-model.md, so that a model assembled from instruments is the same problem, bit for bit.
 *
 * <p>Adding an instrument touches two files (docs/market-model.md, "Adding an instrument"): its own class — a
 * subclass with a {@code static final Kind KIND} that names the {@code policies[].type} it reads, its reader
 * (fields → a {@link Policy} record, which the class may declare itself), and the hooks it takes part in,
 * including the start hooks of {@link PriceStart} — and one line in {@link Instruments}. The scenario reader,
 * the model and the price-space start iterate the registered kinds; none names an instrument.
 */
abstract class Instrument {
    final MarketModel m;

    Instrument(MarketModel m) {
        this.m = m;
    }

    /** Whether the scenario has any policy of this kind (an absent instrument takes no part in any hook). */
    abstract boolean present();

    /** Adds the instrument's variables ({@link MarketModel#add}); called after prices, curves, demand and flows. */
    void declare() { }

    /** Whether the region's (primary or recycled) producers are eligible for this instrument's producer price. */
    boolean eligible(int r, boolean recycled) { return false; }

    /** Constant terms of the market balances f[r] (exogenous quantities); called first. */
    void balanceConstants(double[] f) { }

    /** The exporter's price on arc a so far is v; returns it with this instrument's wedge. */
    double fob(double[] x, int a, double v) { return v; }

    /** The factor this instrument applies to the exporter's price in the FOB price of arc a. */
    double fobFactor(int a) { return 1; }

    /** The variables (and coefficients) this instrument adds to the FOB price of arc a. */
    void fobTerms(int a, Terms t) { }

    /** The landed price on arc a so far is v (its CIF price is cif); returns it with this instrument's wedge. */
    double landed(double[] x, int a, double cif, double v) { return v; }

    /** The factor this instrument applies to the CIF price in the landed price of arc a. */
    double landedFactor(int a) { return 1; }

    /** The variables this instrument adds to the landed price of arc a (after the factors). */
    void landedTerms(int a, Terms t) { }

    /** The price producers of supply curves of region r receive, so far v. */
    double producerPrice(double[] x, int r, boolean eligible, boolean recycled, double v) { return v; }

    /** Rewrites the linear terms of that producer price (they start as p_r). */
    void producerPriceTerms(int r, boolean eligible, boolean recycled, Terms t) { }

    /** The price region r's consumers pay on average, so far v. */
    double consumerPrice(double[] x, int r, double v) { return v; }

    void consumerPriceTerms(int r, Terms t) { }

    /** Its own rows of F, and its terms in the market balances; called after the curve and arc rows. */
    void rows(double[] x, double[] f) { }

    /** The constant Jacobian entries of its rows and its balance terms (its wedges' entries are the model's). */
    void entries(MarketModel.Entries j) { }

    /** Sets the unit of its variables and rows (price or quantity scale; the default is the quantity scale). */
    void scales(double[] variable, double[] row, double price, double quantity) { }

    /** Sets its variables of an arc left out of a restricted model (the arc carries nothing). */
    void omittedArc(double[] x, int a) { }

    /** Whether a model with this instrument may be solved on a subset of its arcs ({@link RestrictedSolve}). */
    boolean allowsArcGeneration() { return true; }

    /** Shipments from → to outside the market flows (contract volumes, certified lanes). */
    double shipments(double[] x, int from, int to) { return 0; }

    /** Quantity released (+) or bought (−) by the instrument in region r. */
    double release(double[] x, int r) { return 0; }

    /** The instrument's report figures at a solution (fiscal totals), added under their names. */
    void totals(double[] x, Map<String, Double> out) { }

    /**
     * The same figures by the region they accrue to (docs/market-model.md, "Welfare by region"), each under its total's
     * name as an array indexed by region: duties and levies to the importing region, export taxes and export-quota rents
     * to the exporting one, price-gap subsidies paid by the region whose producers receive them, a stockpile's sales and
     * purchases to its region. An instrument with no figure of the kind adds nothing.
     */
    void regionTotals(double[] x, Map<String, double[]> out) { }

    /** {@code out}'s array for {@code key}, made (zeros, one per region) when it is not there yet. */
    final double[] byRegion(Map<String, double[]> out, String key) {
        return out.computeIfAbsent(key, k -> new double[m.regions]);
    }

    // ---- the price-space start (PriceStart): only the regional prices p (and the rents below) are unknowns

    /** The exporter's price with this instrument's wedge in the start (before transport); so far v. */
    double startFob(int a, double v) { return v; }

    /** Whether this instrument's class overrides a hook of this class (the hooks' defaults leave the value unchanged). */
    final boolean overrides(String hook, Class<?>... parameters) {
        for (Class<?> c = getClass(); c != Instrument.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(hook, parameters);
                return true;
            } catch (NoSuchMethodException e) {
                // not in this class: look in its superclass
            }
        }
        return false;
    }

    /** The derivative of {@link #startFob} in its v. */
    double startFobFactor(int a) { return 1; }

    /**
     * Rents the start solves for beside the prices (export quota rents): each is added to the CIF price of the
     * arcs it covers, and its row is its limit minus the flows on them (ρ ≥ 0 ⟂ limit − Σ x ≥ 0).
     */
    int startRents() { return 0; }

    double startRentLimit(int k) { throw new IndexOutOfBoundsException(k); }

    boolean startRentCovers(int k, int a) { return false; }

    /** The model variable rent k is written to in the start point. */
    int startRentVariable(int k) { throw new IndexOutOfBoundsException(k); }

    /**
     * The landed price of arc a in the start, so far v, at CIF price cif; d[0] holds dv/dcif so far and is
     * updated with this instrument's wedge.
     */
    double startLanded(int a, double cif, double v, double[] d) { return v; }

    /** The price producers of region r receive in the start at prices p, so far v. */
    double startProducerPrice(double[] p, int r, boolean eligible, double v) { return v; }

    /** The derivative of {@link #startProducerPrice} in p_r, so far d. */
    double startProducerSlope(double[] p, int r, boolean eligible, double d) { return d; }

    /** The price region r's consumers pay in the start at prices p, so far v (a wedge constant in p_r). */
    double startConsumerPrice(double[] p, int r, double v) { return v; }

    /**
     * Adds its price-dependent quantities to the start's market balances e[r] (and their derivatives to
     * j[r][·] when j ≠ null), as ramps of width {@code ramp} where they jump (a trigger price).
     */
    void startBalance(double[] p, double ramp, double[] e, double[][] j) { }

    /** Sets its own variables of the start point at prices p; cif gives the CIF price of an arc there. */
    void startPoint(double[] p, IntToDoubleFunction cif, double[] x) { }

    /**
     * One registered kind of instrument ({@link Instruments}): its name, how the model makes it (every kind
     * is made for every model; one the scenario does not use is not {@link #present()}), and the
     * {@code policies[].type} entries it reads.
     */
    record Kind(String name, Function<MarketModel, Instrument> model, List<PolicyType> policies) {
        Kind {
            policies = List.copyOf(policies);
        }
    }

    /**
     * A {@code type:} of the scenario's {@code policies:}: its own keys (beside type, label, note, source) and
     * its reader, which returns the policy or null after reporting its problems through the item.
     */
    record PolicyType(String type, List<String> keys, Function<PolicyItem, Policy> read) {
        PolicyType {
            keys = List.copyOf(keys);
        }
    }

    /** A linear form Σ coef·x[var] (a price or its derivative): the variables a wedge depends on. */
    static final class Terms {
        int[] vars = new int[4];
        double[] coefs = new double[4];
        int count;

        void clear() {
            count = 0;
        }

        void add(int var, double coef) {
            if (count == vars.length) {
                vars = Arrays.copyOf(vars, 2 * count);
                coefs = Arrays.copyOf(coefs, 2 * count);
            }
            vars[count] = var;
            coefs[count++] = coef;
        }
    }
}
