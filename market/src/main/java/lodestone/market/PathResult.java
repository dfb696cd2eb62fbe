package lodestone.market;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's path (MarketPath): per year the figures by name (docs/scenario-format.md, "Path outputs"),
 * the projects built that year with the reason, and — when a span found no equilibrium — where the path
 * stopped and why (the years before it are kept; none after).
 */
public record PathResult(String scenario, List<Year> years, String failure, int solves, int pivots, Expectations expectations) {
    /**
     * One year: metric name → value, e.g. "price[US]", "club_supply_share", "cumulative_fiscal_cost"; the projects built;
     * warnings on the year's figures (production no one buys at price 0), empty when there are none.
     */
    public record Year(int year, Map<String, Double> metrics, List<String> projectsBuilt, List<String> warnings) {
        public Year(int year, Map<String, Double> metrics, List<String> projectsBuilt) {
            this(year, metrics, projectsBuilt, List.of());
        }
    }

    /** Every year's warnings, in year order. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (Year y : years) out.addAll(y.warnings());
        return out;
    }

    /**
     * The expectation rule projects decided on (docs/market-model.md, "Years"): "myopic", or "perfect-foresight"
     * with the number of paths run to reach the fixed point and whether the build decisions stopped changing
     * (when they did not within the cap, the path shown is the last one run, and {@link #describe()} says so).
     */
    public record Expectations(String rule, int iterations, boolean converged) {
        public static final Expectations MYOPIC = new Expectations("myopic", 1, true);

        public String describe() {
            if (rule.equals("myopic")) return "myopic (projects expect this year's price to last)";
            return converged ? "perfect foresight (build decisions a fixed point after " + iterations + " paths)"
                    : "perfect foresight NOT converged: build decisions still changing after " + iterations
                    + " paths; the last path is shown";
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", rule);
            m.put("iterations", iterations);
            m.put("converged", converged);
            m.put("text", describe());
            return m;
        }
    }

    public boolean solved() { return failure == null; }

    /** This path with the expectation rule it was run under. */
    PathResult with(Expectations e) {
        return new PathResult(scenario, years, failure, solves, pivots, e);
    }

    /** The metric's value in a year; NaN when the path did not reach the year or has no such metric. */
    public double value(String metric, int year) {
        for (Year y : years) {
            if (y.year() == year) {
                Double v = y.metrics().get(metric);
                return v == null ? Double.NaN : v;
            }
        }
        return Double.NaN;
    }

    /** The metric names of the path (those of its first year). */
    public List<String> metrics() {
        return years.isEmpty() ? List.of() : new ArrayList<>(years.get(0).metrics().keySet());
    }

    /** As a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("status", solved() ? "solved" : "no-equilibrium");
        o.put("scenario", scenario);
        if (!solved()) o.put("reason", failure);
        o.put("expectations", expectations.toMap());
        List<Map<String, Object>> ys = new ArrayList<>();
        for (Year y : years) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("year", y.year());
            m.put("metrics", y.metrics());
            m.put("projects_built", y.projectsBuilt());
            if (!y.warnings().isEmpty()) m.put("warnings", y.warnings());
            ys.add(m);
        }
        o.put("years", ys);
        if (!warnings().isEmpty()) o.put("warnings", warnings());
        o.put("solver", ScenarioReport.ordered("solves", solves, "pivots", pivots));
        return o;
    }
}
