package lodestone.finance.policy;

import lodestone.finance.projects.Market;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.ProjectValuation;
import lodestone.finance.projects.Registry;
import lodestone.finance.projects.Units;
import lodestone.finance.valuation.Economics;
import lodestone.finance.valuation.Support;
import lodestone.finance.valuation.Valuation;
import lodestone.finance.valuation.ValuationResult;
import lodestone.market.Equilibrium;
import lodestone.market.Scenario;
import lodestone.regime.Regime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Floor-setting methods, each a function of data, compared side by side for one market:
 * <ul>
 *   <li>{@code percentile:P} — the capacity-weighted P-th percentile of the market-economy cost curve;</li>
 *   <li>{@code marginal:TARGET} — the incentive price of the marginal project: registry projects (new
 *       capacity only) sorted by their breakeven flat price (NPV = 0 without support), the floor is the
 *       breakeven of the project whose capacity brings the cumulative total to TARGET t/yr;</li>
 *   <li>{@code band:WINDOW:BAND} — the mean of the last WINDOW annual prices less BAND (a share, 0.2 = 20 %).</li>
 * </ul>
 * For each floor: the club's extra production it brings in the market engine's equilibrium (the bundled
 * scenario with a variable-levy floor for the market's club, against no floor), the levy revenue per
 * year, and the expected fiscal cost of a two-way CfD at that strike to the registry's new projects of
 * this market (Monte Carlo, present value over the horizon at the public discount rate).
 */
public final class FloorSetting {
    public static final int CFD_PATHS = 20_000;

    public record Row(String method, double floor, String rationale, double clubProduction, double supplyBrought,
                      double levyRevenuePerYear, double cfdFiscalCostPv, double cfdFiscalCostSe, List<String> inputs) { }

    /**
     * cfdBasis: what the CfD cost is paid on, in words, each project with its volume ({@link #cfdBasis}); baselineClubPrice:
     * the lowest club member's price without a floor; note: which floors are at or below it and so do not bind (null when
     * every floor binds).
     */
    public record Comparison(String market, String priceUnit, String quantityUnit, double baselineClubProduction, List<String> club,
                             List<Row> rows, CostCurve curve, String cfdBasis, double baselineClubPrice, String note) { }

    private FloorSetting() {
    }

    /** Parses and checks a method before anything runs. */
    public static void check(String method) {
        String[] p = method.split(":");
        switch (p[0]) {
            case "percentile" -> {
                if (p.length != 2) throw new IllegalArgumentException("--method " + method + ": expected percentile:P (e.g. percentile:75)");
                double v = num(p[1], method);
                if (!(v > 0 && v <= 100)) throw new IllegalArgumentException("--method " + method + ": P must be in (0, 100]");
            }
            case "marginal" -> {
                if (p.length != 2) throw new IllegalArgumentException("--method " + method + ": expected marginal:TARGET (t/yr of new supply, e.g. marginal:8000)");
                if (!(num(p[1], method) > 0)) throw new IllegalArgumentException("--method " + method + ": TARGET must be > 0 t/yr");
            }
            case "band" -> {
                if (p.length != 3) throw new IllegalArgumentException("--method " + method + ": expected band:WINDOW:BAND (e.g. band:5:0.2)");
                double w = num(p[1], method), b = num(p[2], method);
                // bounded as an int: band:1e400:0.2 passed (infinity is "whole") and failed later in Integer.parseInt
                if (!(w >= 1 && w <= Integer.MAX_VALUE) || w != Math.rint(w)) {
                    throw new IllegalArgumentException("--method " + method + ": WINDOW must be a whole number of years ≥ 1");
                }
                if (!(b >= 0 && b < 1)) throw new IllegalArgumentException("--method " + method + ": BAND must be a share in [0, 1) (0.2 = 20 %)");
            }
            default -> throw new IllegalArgumentException("--method " + method + ": expected percentile:P, marginal:TARGET or band:WINDOW:BAND");
        }
    }

    private static double num(String s, String method) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--method " + method + ": '" + s + "' is not a number");
        }
    }

    /**
     * The methods compared when none is named: the 75th percentile of the cost curve, the floor that brings half of the
     * market's new capacity (when it has any), and a band of 20 % under the 5-year average price — the three the help
     * names (reported by a review: the marginal method was left out of the default without a word).
     */
    public static List<String> defaultMethods(Registry registry, Market m) {
        double cap = 0;
        for (Project p : newProjects(registry, m)) cap += newCapacity(p);
        List<String> out = new ArrayList<>();
        out.add("percentile:75");
        if (cap > 0) out.add("marginal:" + Math.round(cap / 2));
        out.add("band:5:0.2");
        return List.copyOf(out);
    }

    public static Comparison compare(Registry registry, Market m, List<String> methods, Regime regime, long seed) {
        for (String method : methods) check(method);
        if (m.scenario() == null) throw new IllegalArgumentException("market '" + m.id() + "' (" + m.product() + ") has no market scenario to simulate a "
                + "floor in: its markets file names none (scenario: a bundled market of the same product and price unit)");
        Scenario base = MarketVariants.variant(m.scenario(), m.id() + "-base", List.of(), m.club(), List.of(), regime);
        MarketVariants.checkUnits(m, base);
        CostCurve curve = CostCurve.of(registry, m);
        Equilibrium e0 = MarketVariants.solve(base);
        double base0 = clubProduction(e0, m.club());
        List<Row> rows = new ArrayList<>();
        for (String method : methods) {
            String[] p = method.split(":");
            List<String> inputs = new ArrayList<>();
            double floor;
            String why;
            switch (p[0]) {
                case "percentile" -> {
                    double pc = Double.parseDouble(p[1]);
                    floor = curve.percentile(pc);
                    why = String.format(Locale.ROOT, "P%s of the market-economy cost curve (%d %s, %s t/yr)", Units.num(pc), curve.steps().size(),
                            curve.steps().size() == 1 ? "producer" : "producers", Units.num(curve.totalCapacity()));
                    inputs.add("cost curve: " + curve.source());
                }
                case "marginal" -> {
                    double target = Double.parseDouble(p[1]);
                    List<double[]> be = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    for (Project pr : newProjects(registry, m)) {
                        Economics ec = ProjectValuation.economics(pr, m);
                        double b = Valuation.breakeven(ec, new Support.None());
                        if (Double.isNaN(b)) continue;
                        be.add(new double[]{b, newCapacity(pr)});
                        names.add(pr.id());
                    }
                    Integer[] order = new Integer[be.size()];
                    for (int i = 0; i < order.length; i++) order[i] = i;
                    java.util.Arrays.sort(order, Comparator.comparingDouble(i -> be.get(i)[0]));
                    double cum = 0;
                    floor = Double.NaN;
                    String marginal = null;
                    for (int i : order) {
                        cum += be.get(i)[1];
                        inputs.add(String.format(Locale.ROOT, "%s: breakeven %s %s, +%s t/yr (cumulative %s)", names.get(i), price(be.get(i)[0]), m.priceUnit(),
                                Units.num(be.get(i)[1]), Units.num(cum)));
                        if (cum >= target && Double.isNaN(floor)) {
                            floor = be.get(i)[0];
                            marginal = names.get(i);
                        }
                    }
                    if (Double.isNaN(floor)) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT, "--method %s: the registry's new %s projects add only %s t/yr; the target cannot be met",
                                method, m.id(), Units.num(cum)));
                    }
                    why = String.format(Locale.ROOT, "incentive price of the marginal project (%s) to add %s t/yr", marginal, Units.num(target));
                }
                default -> {
                    int w = (int) Double.parseDouble(p[1]); // as check read it: 5.0 is 5 (Integer.parseInt refused it after the check passed it)
                    double band = Double.parseDouble(p[2]);
                    int n = m.prices().length;
                    if (n == 0) throw new IllegalArgumentException("--method " + method + ": market '" + m.id() + "' has no price series "
                            + "to average (series: in its markets file)");
                    if (w > n) throw new IllegalArgumentException("--method " + method + ": WINDOW " + w + " is longer than the " + n + "-year price series");
                    double s = 0;
                    for (int i = n - w; i < n; i++) s += m.prices()[i];
                    double avg = s / w;
                    floor = avg * (1 - band);
                    why = String.format(Locale.ROOT, "%d-year average %s %s less %s %%", w, price(avg), m.priceUnit(), Units.num(100 * band));
                    inputs.add("price series " + m.years()[n - w] + "–" + m.years()[n - 1] + " (" + m.seriesSource() + ")");
                }
            }
            Scenario fs = MarketVariants.variant(m.scenario(), m.id() + "-floor", List.of(), m.club(), List.of(MarketVariants.floor(floor, m.club())), regime);
            Equilibrium ef = MarketVariants.solve(fs);
            double clubProd = clubProduction(ef, m.club());
            double levy = ef.levyRevenue() * Units.millionsPerPriceTonne(m.priceUnit());
            double cost = 0, var = 0;
            for (Project pr : newProjects(registry, m)) {
                ValuationResult r = Valuation.run(ProjectValuation.economics(pr, m), m.process(), new Support.Cfd(floor, 10),
                        Valuation.Options.of(CFD_PATHS, seed));
                cost += r.fiscalCost().mean();
                var += r.fiscalCost().standardError() * r.fiscalCost().standardError();
            }
            rows.add(new Row(method, floor, why, clubProd, clubProd - base0, levy, cost, Math.sqrt(var), inputs));
        }
        double clubPrice = Double.POSITIVE_INFINITY;
        for (String r : m.club()) clubPrice = Math.min(clubPrice, e0.price(r));
        return new Comparison(m.id(), m.priceUnit(), "t", base0, m.club(), rows, curve, cfdBasis(newProjects(registry, m)), clubPrice,
                notBinding(rows, clubPrice, m.priceUnit()));
    }

    /**
     * A floor at or below every club member's price without one does not bind in the one-year market: it adds no supply
     * and raises no levy, however many projects its method counted (the marginal method's breakevens are the projects'
     * own, which that price covers already). Said, so that a column of zeros is not read as a floor that fails.
     */
    /** A price as the floor column shows it, to the cent of its unit (a breakeven of 56.03 was said "56" beside "47.3"). */
    static String price(double v) {
        return Double.isFinite(v) ? Units.group(String.format(Locale.ROOT, "%.2f", v)) : Units.num(v);
    }

    static String notBinding(List<Row> rows, double clubPrice, String unit) {
        List<String> below = new ArrayList<>();
        for (Row r : rows) if (r.floor() <= clubPrice + 1e-9 * Math.max(1, clubPrice)) below.add(r.method() + " (" + price(r.floor()) + ")");
        if (below.isEmpty()) return null;
        return String.join(", ", below) + (below.size() == 1 ? " is" : " are") + " at or below the club's price without a floor ("
                + price(clubPrice) + " " + unit + ", its lowest member's): a floor there does not bind in the one-year market — "
                + "it adds no supply and raises no levy; the projects whose breakevens are below that price are paid by the market "
                + "already, and their CfD pays back (a negative cost)";
    }

    /**
     * What the CfD cost is charged on, as the report says it: each project's whole output (capacity × ramp-up), an
     * operating plant's all of it, not only the capacity it adds. That is the modelled design, not an oversight: the
     * DoD–MP Materials floor (July 2025) pays on all of Mountain Pass's NdPr output, the plant that runs as well as its
     * expansion (docs/valuation.md, "Cost curves and floors"). The supply a floor brings is measured in the market engine.
     */
    static String cfdBasis(List<Project> projects) {
        if (projects.isEmpty()) return "no new project or expansion in the registry: no CfD is costed";
        List<String> each = new ArrayList<>();
        for (Project p : projects) {
            boolean operating = p.status() == Project.Status.OPERATING;
            each.add(p.id() + " " + Units.num(p.capacity().value()) + " t/yr"
                    + (operating ? " (operating: all its output, of which " + Units.num(newCapacity(p)) + " t/yr added)" : ""));
        }
        return "a two-way CfD for 10 years on each project's whole output (capacity × ramp-up), an operating plant's all of it, "
                + "not only the capacity it adds — the modelled design, as the DoD–MP Materials floor pays on all of Mountain Pass's "
                + "output: " + String.join("; ", each);
    }

    static double clubProduction(Equilibrium e, List<String> club) {
        double s = 0;
        for (String r : club) s += e.production(r) + e.recycledProduction(r);
        return s;
    }

    /** Projects of this market that add capacity: not operating (their capacity) or operating with added_capacity; a feeding stage is not counted. */
    static List<Project> newProjects(Registry registry, Market m) {
        List<Project> out = new ArrayList<>();
        for (Project p : registry.projects()) {
            if (!p.market().equals(m.id()) || p.feeds() != null) continue;
            if (newCapacity(p) > 0) out.add(p);
        }
        return out;
    }

    static double newCapacity(Project p) {
        if (p.status() != Project.Status.OPERATING) return p.capacity().value();
        return p.addedCapacity() == null ? 0 : p.addedCapacity().value();
    }
}
