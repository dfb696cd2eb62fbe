package lodestone.market;

import lodestone.market.mcp.McpResult;
import lodestone.market.mcp.McpSolver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The market equilibrium of a scenario, certified by its Fischer–Burmeister residual, with the
 * quantities and policy figures an analyst reads (docs/market-model.md, "Outputs"). When the solver
 * finds no equilibrium the result says so with a diagnosis and holds no prices.
 */
public final class Equilibrium {
    private final Scenario scenario;
    private final MarketModel model;
    private final McpResult result;
    private final String diagnosis;
    private final double[] x;

    private Equilibrium(Scenario scenario, MarketModel model, McpResult result, String diagnosis) {
        this.scenario = scenario;
        this.model = model;
        this.result = result;
        this.diagnosis = diagnosis;
        this.x = result.solved() ? result.x() : null;
    }

    /** Solves the scenario from the reference point. */
    public static Equilibrium solve(Scenario scenario) {
        return solve(scenario, null);
    }

    /**
     * Solves from a previous equilibrium of a scenario with the same structure (a Monte Carlo draw, a
     * neighbouring policy level): its solution is the starting point and its basis the warm start.
     */
    public static Equilibrium solve(Scenario scenario, Equilibrium previous) {
        MarketModel model = new MarketModel(scenario);
        double[] start = previous != null && previous.x != null && previous.x.length == model.size ? previous.x : model.coldStart();
        // many arcs: solve on the competitive ones and certify on all (RestrictedSolve); else, or when
        // that route does not reach a certified point, the full model
        McpResult r = RestrictedSolve.worthIt(model) ? RestrictedSolve.solve(model, start) : null;
        if (r == null) r = McpSolver.solve(model.problem(), start);
        if (!r.solved()) {
            // a start (the price-space estimate, a previous equilibrium) is a heuristic: when Josephy–Newton
            // fails from it, the reference point decides (and gives the diagnosis when there is no equilibrium)
            r = McpSolver.solve(model.problem(), model.start());
        }
        String diagnosis = "";
        if (!r.solved()) {
            StringBuilder sb = new StringBuilder("no equilibrium found: ").append(r.diagnosis());
            if (r.rayVariables().length > 0) {
                sb.append("; unbounded along: ");
                int[] ray = r.rayVariables();
                for (int i = 0; i < ray.length; i++) sb.append(i > 0 ? ", " : "").append(model.name(ray[i]));
            }
            diagnosis = sb.toString();
        }
        return new Equilibrium(scenario, model, r, diagnosis);
    }

    public Scenario scenario() { return scenario; }

    public boolean solved() { return x != null; }

    /** Why there is no equilibrium; empty when solved. */
    public String diagnosis() { return diagnosis; }

    /** ‖Φ_FB‖∞ at the solution, in units of the price and quantity scales (≤ 1e-9; docs/market-model.md, "Certificate"). */
    public double residual() { return result.residual(); }

    public int pivots() { return result.pivots(); }

    public int iterations() { return result.iterations(); }

    /** Number of complementarity variables of the model. */
    public int size() { return model.size; }

    private int r(String region) {
        require();
        int i = scenario.regionIndex(region);
        if (i < 0) throw new IllegalArgumentException("unknown region '" + region + "' (regions: " + scenario.regionIds() + ")");
        return i;
    }

    private void require() {
        if (x == null) throw new IllegalStateException(diagnosis);
    }

    public double price(String region) { return x[r(region)]; }

    /** The price the region's primary producers receive (with a price-gap subsidy: price + subsidy, or the two-way strike). */
    public double producerPrice(String region) {
        int i = r(region);
        return model.producerPrice(x, i, model.subsidies.subsidised(i), false);
    }

    public Map<String, Double> prices() {
        require();
        Map<String, Double> m = new LinkedHashMap<>();
        for (String id : scenario.regionIds()) m.put(id, price(id));
        return m;
    }

    /** Primary production of the region. */
    public double production(String region) { return supply(r(region), false); }

    public double recycledProduction(String region) { return supply(r(region), true); }

    private double supply(int region, boolean recycled) {
        double s = 0;
        for (int i = 0; i < model.supplyVars.size(); i++) {
            int[] sv = model.supplyVars.get(i);
            if (sv[0] != region || (sv[3] == 1) != recycled) continue;
            for (int k = 0; k < model.count(i); k++) s += x[sv[1] + k];
        }
        return s;
    }

    public double consumption(String region) {
        int i = r(region);
        return model.demandVar[i] < 0 ? 0 : x[model.demandVar[i]];
    }

    /**
     * Stock released (positive) or built (negative) in the region, exogenous and price-triggered: the release the
     * market takes. A release larger than the region's market can absorb at price 0 is sold only in part; the rest
     * ({@link #unsoldRelease}) stays in the stockpile, so production + recycled + this − consumption = net exports.
     */
    public double stockRelease(String region) {
        return model.release(x, r(region)) - unsoldRelease(region);
    }

    /** The release the stockpiles offer in the region (positive) or build (negative), sold or not. */
    public double stockOffered(String region) {
        return model.release(x, r(region));
    }

    /**
     * What the region's market leaves unsold: production + recycled + stock offered − consumption − net exports,
     * positive only where the price is 0 (more is offered than is used at any price); 0 within 1e-9 of the
     * quantities' scale (the solver's tolerance).
     */
    public double unsold(String region) {
        double prod = production(region) + recycledProduction(region);
        double rel = stockOffered(region);
        double cons = consumption(region);
        double net = netExports(region);
        double slack = prod + rel - cons - net;
        double scale = Math.max(1, Math.abs(prod) + Math.abs(rel) + Math.abs(cons) + Math.abs(net));
        // the balance's slack, which only a price of 0 leaves (the market row is p ≥ 0 ⟂ slack ≥ 0)
        return slack > 1e-9 * scale && price(region) <= 1e-9 * Math.max(1, scenario.referencePrice) ? slack : 0;
    }

    /** Of the region's stock release, the part no one buys at price 0 ({@link #unsold}, up to the release): kept in the stockpile. */
    public double unsoldRelease(String region) {
        return Math.min(Math.max(0, model.release(x, r(region))), unsold(region));
    }

    /**
     * Warnings on the figures: a stock release the market cannot absorb (the part unsold, kept in the stockpile),
     * production left unsold at price 0. Empty when neither happens.
     */
    public List<String> warnings() {
        require();
        List<String> out = new java.util.ArrayList<>();
        for (String id : scenario.regionIds()) {
            double left = unsoldRelease(id);
            double rest = unsold(id) - left;
            if (left > 0) {
                out.add(String.format(Locale.ROOT, "%s: %s %s of the %s %s released find no buyer (the price falls to %s and "
                                + "the market takes no more): %s %s sold, %s %s kept in the stockpile (its sales count only what is sold)",
                        id, fmtQ(left), scenario.quantityUnit, fmtQ(stockOffered(id)), scenario.quantityUnit, fmtQ(price(id)),
                        fmtQ(stockRelease(id)), scenario.quantityUnit, fmtQ(left), scenario.quantityUnit));
            }
            if (rest > 0) {
                out.add(String.format(Locale.ROOT, "%s: %s %s of its production find no buyer at price %s (more is offered at price 0 "
                        + "than is used)", id, fmtQ(rest), scenario.quantityUnit, fmtQ(price(id))));
            }
        }
        return out;
    }

    /**
     * The scenario's own {@link Scenario#notes()} (a regime group taken on today's date), then notes on the scenario's
     * policies at this equilibrium: a price floor below every member's price does not bind (it adds
     * no supply and raises no levy; `floor` says so of the floors it compares, `simulate` said nothing). Empty when none.
     */
    public List<String> notes() {
        require();
        List<String> out = new java.util.ArrayList<>(scenario.notes()); // what the answer depends on beyond the file (its date)
        for (Policy p : scenario.policies) {
            if (!(p instanceof Policy.PriceFloor f) || f.members().isEmpty()) continue;
            double lowest = Double.POSITIVE_INFINITY;
            String at = null;
            for (int m : f.members()) {
                if (x[m] < lowest) {
                    lowest = x[m];
                    at = scenario.regions.get(m).id();
                }
            }
            if (lowest > f.floor() + 1e-9 * Math.max(1, f.floor())) {
                out.add(String.format(Locale.ROOT, "%s: the floor %s is below every member's price (the lowest, %s, is %s %s): it does not "
                        + "bind — it adds no supply and raises no levy", f.label(), fmtQ(f.floor()), at, fmtQ(lowest), scenario.priceUnit));
                continue;
            }
            // members whose price is below the floor buy nothing from non-members (what they would buy lands at the floor
            // at least), and the floor does not hold their prices up: a reader saw member prices under the floor, no levy,
            // and nothing said
            List<String> under = new java.util.ArrayList<>();
            for (int m : f.members()) {
                if (!(x[m] < f.floor() - 1e-9 * Math.max(1, f.floor()))) continue;
                String id = scenario.regions.get(m).id();
                double fromOthers = 0;
                for (int o = 0; o < scenario.regions.size(); o++) if (!f.members().contains(o)) fromOthers += flow(scenario.regions.get(o).id(), id);
                if (fromOthers > 1e-9 * Math.max(1, model.quantityScale())) continue;
                under.add(String.format(Locale.ROOT, "%s (%s %s)", id, fmtQ(x[m]), scenario.priceUnit));
            }
            if (!under.isEmpty()) {
                String list = under.size() == 1 ? under.get(0)
                        : String.join(", ", under.subList(0, under.size() - 1)) + " and " + under.get(under.size() - 1);
                out.add(String.format(Locale.ROOT, "%s: the floor %s is above the price of %s, which import%s nothing from non-members: "
                        + "the floor is levied only on non-member imports, not on trade among members, so it does not hold %s up",
                        f.label(), fmtQ(f.floor()), list, under.size() == 1 ? "s" : "", under.size() == 1 ? "its price" : "their prices"));
            }
        }
        return out;
    }

    private static String fmtQ(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    /** Whether the scenario has a stockpile (exogenous or price-triggered), acting or not. */
    public boolean hasStockpiles() {
        return model.stockpiles.present();
    }

    /** Whether the scenario has an offtake contract (its margins are then an account of the welfare change). */
    public boolean hasOfftakes() {
        return model.offtakes.present();
    }

    /**
     * One stockpile's flow at the equilibrium: + released (sold), − bought, in the quantity unit, at the market
     * price of its region, which the agency sells and buys at.
     */
    public record StockFlow(String label, String region, double quantity, double price) {
        /** What the agency receives (a release) or pays (a build, negative): quantity × price. */
        public double cash() { return quantity * price; }
    }

    /** Each stockpile policy's flow, in the scenario's order of policies (empty without a stockpile). */
    public List<StockFlow> stockFlows() {
        require();
        List<Policy.Stockpile> ps = model.stockpiles.policies();
        double[] f = model.stockpiles.flows(x);
        // a release the market cannot absorb is sold in part: each release in the region sells its share of what is sold
        double[] offered = new double[scenario.regions.size()];
        for (int k = 0; k < f.length; k++) if (f[k] > 0) offered[ps.get(k).region()] += f[k];
        List<StockFlow> out = new java.util.ArrayList<>();
        for (int k = 0; k < f.length; k++) {
            int r = ps.get(k).region();
            String id = scenario.regions.get(r).id();
            double q = f[k];
            if (q > 0) {
                double left = unsoldRelease(id);
                if (left > 0) q -= left * q / offered[r];
            }
            out.add(new StockFlow(ps.get(k).label(), id, q, x[r]));
        }
        return out;
    }

    /** Revenue of the stockpile agency's releases: Σ released × the region's price (0 without a stockpile). */
    public double stockSales() {
        return total("stock_sales");
    }

    /** Cost of the stockpile agency's purchases (builds): Σ bought × the region's price (0 without a stockpile). */
    public double stockPurchases() {
        return total("stock_purchases");
    }

    /**
     * The stockpile agency's account: sales − purchases at market prices. Holdings are not valued (the one-year
     * model has none; a path carries them as quantities): material released is counted at what it sells for, and
     * the stock it leaves is not charged (docs/market-model.md, "Outputs").
     */
    public double stockAccount() {
        return stockSales() - stockPurchases();
    }

    /** Shipments from → to, market flows plus offtake volumes. */
    public double flow(String from, String to) {
        int a = r(from);
        int b = r(to);
        double v = model.offtakes.volume(a, b);
        for (int k = 0; k < model.arcFrom.length; k++) if (model.arcFrom[k] == a && model.arcTo[k] == b) v += x[model.arcVar[k]];
        if (a != b) v += model.certified.delivery(x, a, b);
        return v;
    }

    /** Net exports (exports − imports). */
    public double netExports(String region) {
        double s = 0;
        for (String o : scenario.regionIds()) {
            if (!o.equals(region)) s += flow(region, o) - flow(o, region);
        }
        return s;
    }

    /**
     * The price the region's own material is offered at for export: its price plus its origin rent (positive
     * only where the origin rule binds: the region exports all it produces and imports for its own use).
     */
    public double exportPrice(String region) {
        int i = r(region);
        return x[i] + model.origin.rent(x, i);
    }

    /** Origin rent of the region (docs/market-model.md, "Trade"): exportPrice − price. */
    public double originRent(String region) {
        return model.origin.rent(x, r(region));
    }

    /** Imported material re-exported by the region under a re-export rule. */
    public double reExports(String region) {
        return model.origin.reExports(x, r(region));
    }

    /**
     * Whether the market may ship from → to: a transport arc, something of its own (or a re-export rule) at
     * the origin and a use for imports at the destination (docs/market-model.md, "Trade").
     */
    public boolean trades(String from, String to) {
        int a = r(from);
        int b = r(to);
        for (int k = 0; k < model.arcFrom.length; k++) if (model.arcFrom[k] == a && model.arcTo[k] == b) return true;
        return false;
    }

    /** The variable levy per unit on the arc (0 where no floor applies). */
    public double levy(String from, String to) {
        int a = r(from);
        int b = r(to);
        for (int k = 0; k < model.arcFrom.length; k++) {
            if (model.arcFrom[k] == a && model.arcTo[k] == b) return model.floorLevy.levy(x, k) + model.commonLevy.levy(x, k);
        }
        return 0;
    }

    public double levyRevenue() {
        return total("levy_revenue");
    }


    public double tariffRevenue() {
        return total("tariff_revenue");
    }


    public double exportTaxRevenue() {
        return total("export_tax_revenue");
    }


    /** Certified premium in a segment region: what certified material costs above the regional price (0 elsewhere). */
    public double certifiedPremium(String region) {
        int i = r(region);
        return model.certified.premium(x, i);
    }

    /** Certificate rent per unit earned by a certified supplier region's primary producers (0 elsewhere). */
    public double certificateRent(String region) {
        int i = r(region);
        return model.certified.rent(x, i);
    }

    /** Certified material shipped from a supplier to a segment region (including within one region). */
    public double certifiedDelivery(String from, String to) {
        int a = r(from);
        int b = r(to);
        return model.certified.delivery(x, a, b);
    }

    /** Per-unit price-gap subsidy in the region (one-way: max(0, strike − price); two-way: strike − price, may be negative). */
    public double subsidyPerUnit(String region) {
        int i = r(region);
        return model.subsidies.perUnit(x, i);
    }

    /** Fiscal cost of the price-gap subsidies: per-unit subsidy × eligible production (negative when a two-way CfD pays back). */
    public double subsidyOutlay() {
        return total("subsidy_outlay");
    }


    /** Rents of export quotas and bans: the rent per unit times the quantity exported under the quota. */
    public double quotaRents() {
        return total("quota_rents");
    }


    /** Transfers of offtake contracts: (contract price − buyer's market price) × volume, paid by buyers to sellers. */
    public double offtakeTransfers() {
        return total("offtake_transfers");
    }


    private Map<String, Double> totals;

    /**
     * Every instrument's report figures (levy_revenue, tariff_revenue, …, and those of any instrument added
     * later), by name; an instrument the scenario does not use reports 0.
     */
    public Map<String, Double> instrumentTotals() {
        require();
        if (totals == null) totals = model.totals(x);
        return java.util.Collections.unmodifiableMap(totals);
    }

    /** A fiscal total reported by the model's instruments (0 when the scenario has no such instrument). */
    private double total(String key) {
        require();
        if (totals == null) totals = model.totals(x);
        return totals.getOrDefault(key, 0.0);
    }

    public double totalProduction() {
        double s = 0;
        for (String id : scenario.regionIds()) s += production(id) + recycledProduction(id);
        return s;
    }

    /** Share of world production (primary + recycled) of the region. */
    public double productionShare(String region) {
        double t = totalProduction();
        return t == 0 ? 0 : (production(region) + recycledProduction(region)) / t;
    }

    /** Herfindahl–Hirschman index of production by region, on the 0–10,000 scale. */
    public double hhi() {
        double h = 0;
        for (String id : scenario.regionIds()) h += Math.pow(100 * productionShare(id), 2);
        return h;
    }

    /** Imports of club members from non-members as a share of club consumption (NaN without a club). */
    public double nonMemberShareOfClubSupply() {
        return nonMemberShareOfSupply(scenario.club);
    }

    /** Imports of the given regions from all others as a share of their consumption (a baseline has no club of its own). */
    public double nonMemberShareOfSupply(List<String> club) {
        require();
        if (club.isEmpty()) return Double.NaN;
        for (String m : club) r(m);
        double imports = 0;
        double use = 0;
        for (String m : club) {
            use += consumption(m);
            for (String o : scenario.regionIds()) if (!club.contains(o)) imports += flow(o, m);
        }
        return use == 0 ? 0 : imports / use;
    }

    /**
     * Consumer surplus change in the region relative to another equilibrium of the same market: −∫ D(p) dp between
     * the prices its consumers pay, the ones their demand responds to (the market price, plus the share-weighted
     * certified premium in a certified segment, plus any wedge an instrument puts on the consumer price).
     */
    public double consumerSurplusChange(Equilibrium base, String region) {
        int i = r(region);
        Curve d = scenario.regions.get(i).demand();
        // + 0.0: no change is 0, not the -0.0 that negating a zero area gives (printed "-0.0" in every JSON answer)
        return d == null ? 0 : -d.area(base.model.consumerPrice(base.x, i), model.consumerPrice(x, i)) + 0.0;
    }

    /**
     * Producer surplus change (primary and recycled) relative to another equilibrium: ∫ S(π) dπ between the prices
     * each curve's producers receive, the ones their supply responds to — the market price with the price-gap
     * subsidy (or a two-way strike), the origin rent and the certificate rent.
     */
    public double producerSurplusChange(Equilibrium base, String region) {
        int i = r(region);
        double s = 0;
        for (int k = 0; k < model.supplyVars.size(); k++) {
            int[] sv = model.supplyVars.get(k);
            if (sv[0] != i) continue;
            Curve c = model.supplyCurves.get(k);
            double p0 = base.model.producerPrice(base.x, i, base.eligible(i, sv[3] == 1), sv[3] == 1);
            double p1 = model.producerPrice(x, i, sv[2] == 1, sv[3] == 1);
            s += c.area(p0, p1);
        }
        return s;
    }

    /**
     * The welfare change against another equilibrium of the same market, by account (docs/market-model.md,
     * "Outputs"): consumers and producers, the government (levy, tariff and export-tax revenue net of price-gap subsidy
     * outlays), the holders of export-quota rents, the stockpile agency (sales − purchases at market prices) and the
     * parties to offtake contracts (their margins, {@link #offtakeMargins()}). Each is this equilibrium's figure less the
     * other's.
     */
    public record Welfare(double consumer, double producer, double government, double quotaRents, double stockpile,
                          double offtakes) {
        public double total() {
            return consumer + producer + government + quotaRents + stockpile + offtakes;
        }
    }

    /** The world's welfare change: every region's consumers and producers, and every account in total. */
    public Welfare welfareChange(Equilibrium base) {
        double cs = 0;
        double ps = 0;
        for (String id : scenario.regionIds()) {
            cs += consumerSurplusChange(base, id);
            ps += producerSurplusChange(base, id);
        }
        double gov = (levyRevenue() - base.levyRevenue()) + (tariffRevenue() - base.tariffRevenue())
                + (exportTaxRevenue() - base.exportTaxRevenue()) - (subsidyOutlay() - base.subsidyOutlay());
        return new Welfare(cs, ps, gov, quotaRents() - base.quotaRents(), stockAccount() - base.stockAccount(),
                offtakeMargins() - base.offtakeMargins());
    }

    /**
     * One region's welfare change (docs/market-model.md, "Welfare by region"): its consumers' and producers' surplus, the
     * public revenue that accrues to it (duties and levies on its imports, export taxes on its exports, less the price-gap
     * subsidies its producers receive), the rents of its export quotas, its stockpiles' sales less purchases and its
     * offtake contracts' margins as buyer and seller. The regions' changes add up to {@link #welfareChange(Equilibrium)}.
     */
    public Welfare welfareChange(Equilibrium base, String region) {
        int i = r(region);
        java.util.function.ToDoubleFunction<String> d = k -> regionTotal(k, i) - base.regionTotal(k, i);
        double gov = d.applyAsDouble("levy_revenue") + d.applyAsDouble("tariff_revenue") + d.applyAsDouble("export_tax_revenue")
                - d.applyAsDouble("subsidy_outlay");
        return new Welfare(consumerSurplusChange(base, region), producerSurplusChange(base, region), gov + 0.0,
                d.applyAsDouble("quota_rents") + 0.0, d.applyAsDouble("stock_sales") - d.applyAsDouble("stock_purchases") + 0.0,
                d.applyAsDouble("offtake_margins") + 0.0);
    }

    /**
     * What offtake contracts' delivered volumes are worth where they arrive less where they are made, Σ (p_s − p_r − λ_r)·O:
     * the buyers' (p_s − P)·O and the sellers' (P − p_r − λ_r)·O, which no surplus, revenue or rent counts (the volumes are
     * neither freighted, dutied nor levied in the model). 0 without an offtake.
     */
    public double offtakeMargins() {
        double s = 0;
        for (String id : scenario.regionIds()) s += regionTotal("offtake_margins", r(id));
        return s;
    }

    private Map<String, double[]> regionTotals;

    /** An instrument figure accruing to one region (0 where the scenario has no such instrument). */
    double regionTotal(String key, int region) {
        require();
        if (regionTotals == null) regionTotals = model.regionTotals(x);
        double[] v = regionTotals.get(key);
        return v == null ? 0 : v[region];
    }

    /** An instrument figure accruing to the region ({@link #regionTotal(String, int)}), by the region's id. */
    public double regionTotal(String key, String region) {
        return regionTotal(key, r(region));
    }

    private boolean eligible(int region, boolean recycled) {
        for (int k = 0; k < model.supplyVars.size(); k++) {
            int[] sv = model.supplyVars.get(k);
            if (sv[0] == region && (sv[3] == 1) == recycled) return sv[2] == 1;
        }
        return false;
    }

    @Override
    public String toString() {
        if (!solved()) return diagnosis;
        StringBuilder sb = new StringBuilder();
        for (String id : scenario.regionIds()) sb.append(String.format(Locale.ROOT, "%s p=%.6g ", id, price(id)));
        return sb.append(String.format(Locale.ROOT, "residual=%.2g", residual())).toString();
    }
}
