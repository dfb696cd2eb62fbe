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
public record PathResult(String scenario, List<Year> years, String failure, int solves, int pivots) {
    /** One year: metric name → value, e.g. "price[US]", "club_supply_share", "cumulative_fiscal_cost". */
    public record Year(int year, Map<String, Double> metrics, List<String> projectsBuilt) { }

    public boolean solved() { return failure == null; }

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
        List<Map<String, Object>> ys = new ArrayList<>();
        for (Year y : years) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("year", y.year());
            m.put("metrics", y.metrics());
            m.put("projects_built", y.projectsBuilt());
            ys.add(m);
        }
        o.put("years", ys);
        o.put("solver", Map.of("solves", solves, "pivots", pivots));
        return o;
    }
}
