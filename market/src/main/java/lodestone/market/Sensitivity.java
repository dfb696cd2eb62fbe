package lodestone.market;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-at-a-time sensitivity (a tornado): each uncertain parameter of the scenario is set to the P5 and the
 * P95 of its distribution (0 and 1 for an event) with every other parameter at the scenario's own value, and
 * the metric in the year is read from the certified path (for a normal distribution reaching outside the
 * parameter's values, of the normal truncated to them, with a warning — as {@link MonteCarlo} leaves such draws out); bars are sorted by their swing |high − low|. Under
 * perfect foresight, a path whose build decisions did not reach a fixed point is named in {@code warnings}.
 */
public final class Sensitivity {
    private Sensitivity() {
    }

    public record Bar(String param, double lowValue, double highValue, double metricLow, double metricHigh) {
        double swing() { return Math.abs(metricHigh - metricLow); }
    }

    public record Result(String metric, int year, double base, List<Bar> bars, List<String> warnings) {
        public Map<String, Object> toMap() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("metric", metric);
            o.put("year", year);
            o.put("base", base);
            List<Map<String, Object>> b = new ArrayList<>();
            for (Bar bar : bars) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("param", bar.param());
                m.put("low", bar.lowValue());
                m.put("high", bar.highValue());
                m.put("metric_low", bar.metricLow());
                m.put("metric_high", bar.metricHigh());
                b.add(m);
            }
            o.put("bars", b);
            o.put("warnings", warnings);
            return o;
        }
    }

    public static Result run(Scenario s, String metric, int year) throws TargetSeek.NoEquilibrium {
        PathResult base = MarketPath.run(s);
        if (!base.solved()) throw new TargetSeek.NoEquilibrium("the scenario's own path: " + base.failure());
        List<String> warnings = new ArrayList<>(s.notes()); // what the answer depends on beyond the file (a group taken today)
        if (!base.expectations().converged()) warnings.add("the scenario's own values: " + base.expectations().describe());
        List<Bar> bars = new ArrayList<>();
        for (Horizon.Uncertain u : s.horizon.uncertain()) {
            double lo = u.dist().quantile(0.05);
            double hi = u.dist().quantile(0.95);
            ParameterRange range = ParameterRange.of(s, u.param());
            if (u.dist() instanceof Distribution.Normal n && (!range.contains(lo) || !range.contains(hi))) {
                // as Monte Carlo leaves out the draws outside the parameter's values: the P5 and P95 of the truncated normal
                double tlo = n.truncatedQuantile(0.05, range.min(), range.max());
                double thi = n.truncatedQuantile(0.95, range.min(), range.max());
                warnings.add(u.param() + ": the P5–P95 of its " + n.describe() + " (" + ParameterRange.fmt(lo) + " to "
                        + ParameterRange.fmt(hi) + ") reaches outside its values (" + range.words() + ": " + range.why()
                        + "); the bar is at the P5 and P95 of the normal truncated to " + range.words() + ", "
                        + ParameterRange.fmt(tlo) + " to " + ParameterRange.fmt(thi) + ", as Monte Carlo leaves out such draws");
                lo = tlo;
                hi = thi;
            }
            // a parameter applied in whole steps (ban.months, ban.start, project.NAME.delay, ban.occurs): the step the model runs
            lo = MarketPath.applied(u.param(), lo);
            hi = MarketPath.applied(u.param(), hi);
            bars.add(new Bar(u.param(), lo, hi, at(s, u.param(), lo, metric, year, warnings),
                    at(s, u.param(), hi, metric, year, warnings)));
        }
        bars.sort(Comparator.comparingDouble(Bar::swing).reversed());
        return new Result(metric, year, base.value(metric, year), bars, List.copyOf(warnings));
    }

    private static double at(Scenario s, String param, double v, String metric, int year, List<String> warnings)
            throws TargetSeek.NoEquilibrium {
        PathResult p = MarketPath.run(s, Map.of(param, v), MarketPath.Warm.YEAR, null);
        if (!p.solved()) throw new TargetSeek.NoEquilibrium(param + " = " + ScenarioReader.fmt(v) + ": " + p.failure());
        if (!p.expectations().converged()) warnings.add(param + " = " + ScenarioReader.fmt(v) + ": " + p.expectations().describe());
        return p.value(metric, year);
    }
}
