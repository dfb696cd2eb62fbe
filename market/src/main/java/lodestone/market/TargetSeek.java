package lodestone.market;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Target seeking: the value of one parameter in [a, b] at which a path metric reaches a target by a year, by
 * bracketing over certified path solves. A grid of {@link #GRID} points finds a bracket (a point that misses
 * the target next to one that meets it) and the best point; bisection then narrows the bracket to
 * 1e-6·(b − a) and returns its end that meets the target, on whichever side it lies (the value at the edge of the
 * target, assuming the metric is monotone between the bracket's ends): the metric reported always meets it. When no grid point meets it: "unreachable within [a, b]" with
 * the best value found. A path without an equilibrium at a point is an error naming the point. Under perfect
 * foresight, a point whose build decisions did not reach a fixed point is named in {@code warnings} (and in the
 * message): its metric is that of the last path tried, so the answer near it is uncertain.
 */
public final class TargetSeek {
    static final int GRID = 9;

    private TargetSeek() {
    }

    public record Result(boolean reached, double value, double metric, String message, List<double[]> evaluations,
                         List<String> warnings) {
        public Map<String, Object> toMap(String param, Target target) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("status", reached ? "reached" : "unreachable");
            o.put("param", param);
            o.put("target", target.toString());
            o.put("value", value);
            o.put("metric", metric);
            o.put("message", message);
            List<Map<String, Object>> ev = new ArrayList<>();
            for (double[] e : evaluations) ev.add(ScenarioReport.ordered("value", e[0], "metric", e[1]));
            o.put("evaluations", ev);
            o.put("warnings", warnings);
            return o;
        }
    }

    /** Thrown when a path at some parameter value has no equilibrium. */
    public static final class NoEquilibrium extends Exception {
        NoEquilibrium(String message) {
            super(message);
        }
    }

    public static Result seek(Scenario s, String param, Target target, double a, double b, DoubleConsumer progress) throws NoEquilibrium {
        Result r = bracket(s, param, target, a, b, progress);
        if (s.notes().isEmpty()) return r;
        // what every path of the search depends on beyond the file (a group taken on today's date), said first
        List<String> w = new ArrayList<>(s.notes());
        w.addAll(r.warnings());
        return new Result(r.reached(), r.value(), r.metric(), r.message(), r.evaluations(), List.copyOf(w));
    }

    private static Result bracket(Scenario s, String param, Target target, double a, double b, DoubleConsumer progress) throws NoEquilibrium {
        List<double[]> evals = new ArrayList<>();
        List<String> unconverged = new ArrayList<>();
        double[] xs = new double[GRID];
        double[] ys = new double[GRID];
        int calls = 0;
        for (int i = 0; i < GRID; i++) {
            xs[i] = a + (b - a) * i / (GRID - 1);
            ys[i] = eval(s, param, xs[i], target, evals, unconverged);
            if (progress != null) progress.accept(++calls / (GRID + 40.0));
        }
        int best = 0;
        for (int i = 1; i < GRID; i++) if (target.margin(ys[i]) > target.margin(ys[best])) best = i;
        int lo = -1;
        for (int i = 0; i + 1 < GRID && lo < 0; i++) if (target.met(ys[i]) != target.met(ys[i + 1])) lo = i;
        double tol = 1e-6 * Math.abs(b - a);
        double xMet, xMiss, yMet;
        if (lo < 0) {
            if (target.met(ys[0])) {
                return result(true, xs[0], ys[0], "met over the whole range [" + ScenarioReader.fmt(a) + ", " + ScenarioReader.fmt(b)
                        + "]: " + param + " = " + ScenarioReader.fmt(a) + " already meets it", evals, unconverged);
            }
            // no grid point meets it: the metric may still peak above the target between the best point and a neighbour (a
            // levy's revenue against the floor is a Laffer curve: met only on [109.21, 109.89] between the grid's 87.5 and
            // 110, it was answered "unreachable"). A golden-section search for the greatest margin on the best point's two
            // grid intervals, stopping at the first value that meets the target.
            int left = Math.max(0, best - 1), right = Math.min(GRID - 1, best + 1);
            double[] peak = goldenSection(s, param, target, xs[left], xs[right], xs[best], ys[best], tol, evals, unconverged);
            if (!target.met(peak[1])) {
                boolean grid = peak[0] == xs[best];
                double bestValue = MarketPath.applied(param, peak[0]);
                String monotone = monotone(ys) ? "" : String.format(java.util.Locale.ROOT, " (the metric is not monotone over [%s, %s]: "
                        + "the best of its %d grid values was searched between its neighbours; another peak between grid values "
                        + "cannot be ruled out)", ScenarioReader.fmt(a), ScenarioReader.fmt(b), GRID);
                return result(false, bestValue, peak[1], String.format(java.util.Locale.ROOT,
                        "unreachable within [%s, %s]: the best value is %s = %.6g, where %s(%d) = %.6g%s%s", ScenarioReader.fmt(a),
                        ScenarioReader.fmt(b), param, bestValue, target.metric(), target.year(), peak[1],
                        grid ? "" : " (between grid values)", monotone), evals, unconverged);
            }
            // met between grid values: bisect towards the grid's miss on its left, the first crossing from the range's start
            xMet = peak[0];
            yMet = peak[1];
            xMiss = xs[left] < xMet ? xs[left] : xs[right];
        } else {
            // bisection on the bracket, keeping its end that meets the target and its end that misses, whichever side each is
            // on (the metric may fall as the parameter rises: then the lower end meets it). Reported by a review: the upper end
            // was returned whatever its side, so a falling metric was answered "reached" with a value that missed the target.
            boolean metAtUpper = target.met(ys[lo + 1]);
            xMet = metAtUpper ? xs[lo + 1] : xs[lo];
            xMiss = metAtUpper ? xs[lo] : xs[lo + 1];
            yMet = metAtUpper ? ys[lo + 1] : ys[lo];
        }
        while (Math.abs(xMet - xMiss) > tol) {
            double mid = (xMet + xMiss) / 2;
            double y = eval(s, param, mid, target, evals, unconverged);
            if (progress != null) progress.accept(Math.min(1, ++calls / (GRID + 40.0)));
            if (target.met(y)) {
                xMet = mid;
                yMet = y;
            } else {
                xMiss = mid;
            }
        }
        String steps = MarketPath.steps(param);
        if (steps != null) {
            // a parameter the path applies in whole steps (ban.months, ban.start, project.NAME.delay, ban.occurs): the answer is
            // the step the model ran, not the bisection's edge between two steps (reported: "ban.months = 14.500008" for 15)
            double met = MarketPath.applied(param, xMet);
            // the step the model ran may lie just outside the range typed (9.6 of [3.2, 9.7] runs as 10 months): said, not hidden
            String outside = met < a || met > b ? String.format(java.util.Locale.ROOT, "; %s of the range [%s, %s] runs as the whole step %s, "
                    + "outside it", ScenarioReader.fmt(xMet), ScenarioReader.fmt(a), ScenarioReader.fmt(b), ScenarioReader.fmt(met)) : "";
            return result(true, met, yMet, String.format(java.util.Locale.ROOT, "%s = %s meets %s (%s = %.8g; %s is applied in %s: %s misses it%s)",
                    param, ScenarioReader.fmt(met), target, target.metric(), yMet, param, steps,
                    ScenarioReader.fmt(MarketPath.applied(param, xMiss)), outside), evals, unconverged);
        }
        return result(true, xMet, yMet, String.format(java.util.Locale.ROOT, "%s = %.8g meets %s (%s = %.8g; bracket width %.2g)",
                param, xMet, target, target.metric(), yMet, Math.abs(xMet - xMiss)), evals, unconverged);
    }

    /** Whether the grid's metric values never rise after falling nor fall after rising. */
    private static boolean monotone(double[] ys) {
        boolean up = false, down = false;
        for (int i = 0; i + 1 < ys.length; i++) {
            if (ys[i + 1] > ys[i]) up = true;
            if (ys[i + 1] < ys[i]) down = true;
        }
        return !(up && down);
    }

    /**
     * The greatest margin over the target on [lo, hi] by golden-section search from the best grid point (x0, y0), to a
     * width of {@code tol}; stops at the first value that meets the target. Returns {value, metric} of the best seen.
     */
    private static double[] goldenSection(Scenario s, String param, Target target, double lo, double hi, double x0, double y0,
                                          double tol, List<double[]> evals, List<String> unconverged) throws NoEquilibrium {
        double bx = x0, by = y0;
        double g = (Math.sqrt(5) - 1) / 2;
        double c = hi - g * (hi - lo), d = lo + g * (hi - lo);
        double yc = eval(s, param, c, target, evals, unconverged), yd = eval(s, param, d, target, evals, unconverged);
        for (double[] p : new double[][]{{c, yc}, {d, yd}}) {
            if (target.margin(p[1]) > target.margin(by)) {
                bx = p[0];
                by = p[1];
            }
        }
        while (!target.met(by) && hi - lo > tol) {
            if (target.margin(yc) >= target.margin(yd)) {
                hi = d;
                d = c;
                yd = yc;
                c = hi - g * (hi - lo);
                yc = eval(s, param, c, target, evals, unconverged);
                if (target.margin(yc) > target.margin(by)) {
                    bx = c;
                    by = yc;
                }
            } else {
                lo = c;
                c = d;
                yc = yd;
                d = lo + g * (hi - lo);
                yd = eval(s, param, d, target, evals, unconverged);
                if (target.margin(yd) > target.margin(by)) {
                    bx = d;
                    by = yd;
                }
            }
        }
        return new double[]{bx, by};
    }

    /** The result, its message followed by a warning when some evaluated paths did not converge. */
    private static Result result(boolean reached, double v, double y, String message, List<double[]> evals, List<String> unconverged) {
        List<String> warnings = unconverged.isEmpty() ? List.of() : List.of(String.format(java.util.Locale.ROOT,
                "perfect foresight did not converge at %d of %d values tried (%s): build decisions there still changed after %d paths, "
                        + "so the metric at those values is that of the last path tried", unconverged.size(), evals.size(),
                String.join(", ", unconverged.subList(0, Math.min(5, unconverged.size()))) + (unconverged.size() > 5 ? ", …" : ""),
                MarketPath.FORESIGHT_ROUNDS + 1));
        return new Result(reached, v, y, warnings.isEmpty() ? message : message + " — warning: " + warnings.get(0), evals, warnings);
    }

    private static double eval(Scenario s, String param, double v, Target target, List<double[]> evals, List<String> unconverged)
            throws NoEquilibrium {
        PathResult p = MarketPath.run(s, Map.of(param, v), MarketPath.Warm.YEAR, null);
        if (!p.solved()) throw new NoEquilibrium(param + " = " + ScenarioReader.fmt(v) + ": no equilibrium in " + p.failure());
        if (!p.expectations().converged()) unconverged.add(param + " = " + ScenarioReader.fmt(v));
        double y = p.value(target.metric(), target.year());
        evals.add(new double[]{v, y});
        return y;
    }
}
