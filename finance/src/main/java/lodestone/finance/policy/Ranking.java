package lodestone.finance.policy;

import lodestone.finance.projects.Market;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.ProjectValuation;
import lodestone.finance.projects.Registry;
import lodestone.finance.projects.Units;
import lodestone.finance.valuation.CashFlows;
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

/**
 * Priority ranking: supply-risk reduction per dollar of expected public support.
 *
 * <p><b>Risk metric</b>: the club's consumption shortfall under a Chinese export ban — Σ over club regions of
 * consumption without the ban minus consumption with it, in the market engine's equilibrium of the
 * market's bundled scenario. A project's <b>risk reduction</b> is how much of that shortfall its new capacity
 * (a supply step at its levelised cost in its region) closes: club consumption under the ban with the
 * project minus without it (t/yr).
 *
 * <p><b>Expected public support</b>: the expected fiscal cost (present value at the public discount rate,
 * Monte Carlo) of the floor that makes the project bankable — a 10-year floor at its breakeven flat price
 * (zero when it breaks even below every price, i.e. needs none). Projects are ranked by reduction per
 * million USD of support (those needing none first, by reduction); a project that no flat price pays back (nothing
 * produced within the valuation's years) has no support that makes it bankable: it is ranked last, said so.
 */
public final class Ranking {
    public static final int PATHS = 20_000;

    public record Row(int rank, String project, String name, String region, double newCapacity, double levelisedCost,
                      double breakeven, double riskReduction, double expectedSupport, double expectedSupportSe, double perMillion,
                      double publicFinancing, boolean paysBack) { } // paysBack false: no floor makes it bankable, support NaN

    /** supportBasis: what the support is paid on, in words, each project with its volume ({@link #supportBasis}). */
    public record Result(String market, String priceUnit, List<String> club, double shortfall, double clubConsumption, List<Row> rows,
                         String supportBasis) { }

    private Ranking() {
    }

    public static Result rank(Registry registry, Market m, Regime regime, long seed) {
        if (m.scenario() == null) throw new IllegalArgumentException("market '" + m.id() + "' (" + m.product() + ") has no market scenario, which the ranking "
                + "needs: its markets file names none (scenario: a bundled market of the same product and price unit)");
        Scenario base = MarketVariants.variant(m.scenario(), m.id() + "-base", List.of(), m.club(), List.of(), regime);
        MarketVariants.checkUnits(m, base);
        Equilibrium noBan = MarketVariants.solve(base);
        Equilibrium ban = MarketVariants.solve(MarketVariants.variant(m.scenario(), m.id() + "-ban", List.of(), m.club(),
                List.of(MarketVariants.ban("CN")), regime));
        double c0 = clubConsumption(noBan, m.club()), cb = clubConsumption(ban, m.club());
        List<Row> rows = new ArrayList<>();
        List<Project> projects = FloorSetting.newProjects(registry, m);
        for (Project p : projects) {
            double cap = FloorSetting.newCapacity(p);
            double cost = CostCurve.levelised(p, m);
            Equilibrium withP;
            try {
                withP = MarketVariants.solve(MarketVariants.variant(m.scenario(), m.id() + "-ban-" + p.id(),
                        List.of(new MarketVariants.Step(p.region(), p.id(), cost, cap)), m.club(), List.of(MarketVariants.ban("CN")), regime));
            } catch (IllegalArgumentException x) {
                // the project's own place: which file and project put a region the market does not have (it said neither)
                throw new IllegalArgumentException((p.file() == null ? "" : p.file() + ":" + p.line() + ": ") + "project '" + p.id()
                        + "', region: " + x.getMessage() + " (the market's regions: " + String.join(", ", base.regionIds()) + ")");
            }
            double reduction = clubConsumption(withP, m.club()) - cb;
            Economics e = ProjectValuation.economics(p, m);
            double be = Valuation.breakeven(e, new Support.None());
            // NaN is two answers: NPV ≥ 0 at a zero price (no support needed), or no flat price pays back (e.g. nothing
            // produced within the valuation's years) — then no floor makes it bankable: its support is undefined, not 0
            // (a project that produces nothing within those years has an NPV of 0 at every price: no price pays it back either)
            boolean produces = java.util.Arrays.stream(e.volume()).anyMatch(v -> v > 0);
            boolean paysBack = produces
                    && (!Double.isNaN(be) || new CashFlows(e, new Support.None()).evaluate(new double[e.years()]) >= 0);
            double support = paysBack ? 0 : Double.NaN, se = paysBack ? 0 : Double.NaN;
            if (!Double.isNaN(be)) {
                ValuationResult r = Valuation.run(e, m.process(), new Support.Floor(be, 10), Valuation.Options.of(PATHS, seed));
                support = r.fiscalCost().mean();
                se = r.fiscalCost().standardError();
            }
            double pub = p.financing().stream().filter(f -> f.isPublic() && f.amount() != null && !"loan-interest".equals(f.kind()))
                    .mapToDouble(f -> f.amount().value() * (p.usdPerUnit() == null ? 1 : p.usdPerUnit().value())).sum();
            rows.add(new Row(0, p.id(), p.name(), p.region(), cap, cost, be, reduction, support, se,
                    !paysBack ? 0 : support > 0 ? reduction / support : Double.POSITIVE_INFINITY, pub, paysBack));
        }
        rows.sort(Comparator.comparingDouble((Row r) -> -r.perMillion()).thenComparingDouble(r -> -r.riskReduction()));
        List<Row> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            ranked.add(new Row(i + 1, r.project(), r.name(), r.region(), r.newCapacity(), r.levelisedCost(), r.breakeven(), r.riskReduction(),
                    r.expectedSupport(), r.expectedSupportSe(), r.perMillion(), r.publicFinancing(), r.paysBack()));
        }
        return new Result(m.id(), m.priceUnit(), m.club(), c0 - cb, c0, ranked, supportBasis(projects));
    }

    /**
     * What a project's expected support is paid on, as the report says it: the floor pays on the project's whole output
     * (capacity × ramp-up), an operating plant's all of it, while its risk reduction counts only the capacity it adds — the
     * modelled design of {@link FloorSetting#cfdBasis}, so a ranked expansion of an operating plant carries the cost of its
     * whole output against the supply it adds.
     */
    static String supportBasis(List<Project> projects) {
        if (projects.isEmpty()) return "no new project or expansion in the registry: nothing is ranked";
        List<String> operating = new ArrayList<>();
        for (Project p : projects) {
            if (p.status() == Project.Status.OPERATING) {
                operating.add(p.id() + " " + Units.num(p.capacity().value()) + " t/yr paid, "
                        + Units.num(FloorSetting.newCapacity(p)) + " t/yr added");
            }
        }
        return "a 10-year floor at each project's breakeven price, paid on its whole output (capacity × ramp-up) — an operating "
                + "plant's all of it, as the DoD–MP Materials floor pays on all of Mountain Pass's output — while its risk reduction "
                + "counts only the capacity it adds" + (operating.isEmpty() ? "" : ": " + String.join("; ", operating));
    }

    static double clubConsumption(Equilibrium e, List<String> club) {
        double s = 0;
        for (String r : club) s += e.consumption(r);
        return s;
    }
}
