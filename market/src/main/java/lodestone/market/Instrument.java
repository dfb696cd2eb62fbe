package lodestone.market;

import java.util.Arrays;
import java.util.Map;

/**
 * One policy instrument of the market model (docs/market-model.md, "Instruments"). An instrument owns its
 * variables, its complementarity rows, its terms in the rows of the core market (the market balances, the
 * price along an arc, the price producers receive, the price consumers pay), the Jacobian entries of all of
 * them, the scales of its variables and rows, and its report figures. {@link MarketModel} builds the core
 * market (prices, curves, demand, flows) and calls each instrument present in the scenario at each hook, in
 * the fixed order of {@link MarketModel#KINDS}; a hook an instrument has no part in keeps the default (no-op).
 *
 * <p>Why hooks rather than a generic row list: the arc, producer-price and consumer-price wedges of several
 * instruments compose (an export tax scales the FOB price a quota rent is added to; a levy is added to the
 * duty-paid CIF price), and the composition must evaluate in the same floating-point order as the equations
 * in docs/market-model.md, so that a model assembled from instruments is the same problem, bit for bit.
 *
 * <p>Adding an instrument: a subclass (with its policy read by {@code ScenarioReader}) and one line in
 * {@link MarketModel#KINDS}.
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
