package lodestone.market;

/**
 * The values a path parameter can take (docs/scenario-format.md, "Parameters") — the same bounds a scenario file
 * puts on the quantity the parameter replaces or multiplies: a price floor or a strike is a price ≥ 0; growth rates
 * are in [−0.5, 1] as in {@code horizon.demand_growth}; multipliers (elasticities, a demand shock, a project's
 * capex, a stockpile's size) are ≥ 0; {@code ban.occurs} is in [0, 1] and a ban's length in months ≥ 0.
 * {@code ban.start} (months added, earlier or later) and {@code project.NAME.delay} (years added) are bounded by the
 * scenario ({@link #of(Scenario, String)}): a ban starts within the horizon, a lead time is at least a year.
 * A search over values outside these bounds would run the model on a meaningless input and answer as if it meant
 * something, so {@code seek --range} and the API's seek jobs refuse them.
 */
public record ParameterRange(double min, double max, String why) {
    private static final ParameterRange ANY = new ParameterRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "");

    /**
     * The range of {@code param} in scenario {@code s}: as {@link #of(String)}, and {@code project.NAME.delay} ≥ 1 − the
     * project's lead time (a project decided at a year's end produces the next year at the earliest: a delay taking
     * its lead time below 1 put full output before the decision and discounted with a negative lead time).
     */
    public static ParameterRange of(Scenario s, String param) {
        return of(s == null ? null : s.horizon, param);
    }

    static ParameterRange of(Horizon h, String param) {
        String[] p = param.split("\\.");
        if (h != null && p.length == 3 && p[0].equals("project") && p[2].equals("delay")) {
            for (Horizon.Project x : h.projects()) {
                if (x.name().equals(p[1])) {
                    return new ParameterRange(1 - x.leadTime(), Double.POSITIVE_INFINITY, "years added to " + x.name()
                            + "'s lead time of " + x.leadTime() + "; decided at a year's end, a project produces the next year at the "
                            + "earliest, so its lead time cannot fall below 1");
                }
            }
        }
        if (h != null && param.equals("ban.start") && !h.bans().isEmpty()) return banStart(h);
        return of(param);
    }

    /**
     * {@code ban.start}: months added to every ban's start, so that each still starts within the horizon, as the file's bans
     * must ({@code horizon.bans[i].start: expected a month YYYY-MM within the horizon}). A ban moved before the first month
     * ran as no ban at all, and one moved past the last month too: a draw of a ban that "occurs" answered without it.
     */
    static ParameterRange banStart(Horizon h) {
        Horizon.Ban earliest = null, latest = null;
        for (Horizon.Ban b : h.bans()) {
            if (earliest == null || b.startIndex(h.from()) < earliest.startIndex(h.from())) earliest = b;
            if (latest == null || b.startIndex(h.from()) > latest.startIndex(h.from())) latest = b;
        }
        int lastMonth = (h.to() - h.from() + 1) * 12 - 1;
        return new ParameterRange(-earliest.startIndex(h.from()), lastMonth - latest.startIndex(h.from()),
                "months added to every ban's start; a ban starts within the horizon " + h.from() + "-" + h.to()
                        + ", as the file's bans must: the earliest, " + month(earliest) + ", no earlier than " + h.from() + "-01, "
                        + "the latest, " + month(latest) + ", no later than " + h.to() + "-12");
    }

    static String month(Horizon.Ban b) {
        return b.startYear() + "-" + (b.startMonth() < 10 ? "0" : "") + b.startMonth();
    }

    public static ParameterRange of(String param) {
        String[] p = param.split("\\.");
        return switch (p[0]) {
            case "floor" -> new ParameterRange(0, Double.POSITIVE_INFINITY, "a price floor is a price, it cannot be negative");
            case "strike" -> new ParameterRange(0, Double.POSITIVE_INFINITY, "a strike is a price, it cannot be negative");
            case "demand_growth", "supply_growth" -> new ParameterRange(-0.5, 1, "a yearly growth rate, as horizon." + p[0] + " allows");
            case "demand_elasticity", "supply_elasticity" -> new ParameterRange(0, Double.POSITIVE_INFINITY,
                    "a multiplier of the curves' elasticities, it cannot be negative");
            case "demand_shock" -> new ParameterRange(0, Double.POSITIVE_INFINITY, "a multiplier of the year's demand, it cannot be negative");
            case "ban" -> switch (p.length > 1 ? p[1] : "") {
                case "occurs" -> new ParameterRange(0, 1, "0 = no ban, 1 = the ban occurs");
                case "months" -> new ParameterRange(0, Double.POSITIVE_INFINITY, "a ban's length in months, it cannot be negative");
                default -> ANY;
            };
            case "project" -> p.length == 3 && p[2].equals("capex")
                    ? new ParameterRange(0, Double.POSITIVE_INFINITY, "a multiplier of the project's capex, it cannot be negative") : ANY;
            case "stockpile" -> new ParameterRange(0, Double.POSITIVE_INFINITY, "a multiplier of the stockpile's holdings, it cannot be negative");
            default -> ANY;
        };
    }

    /** Null when [a, b] lies within the range, else what is wrong, naming the option and its value. */
    public String check(String param, double a, double b, String option, String value) {
        if (a < min) return option + " " + value + ": " + param + " cannot be below " + fmt(min) + " (" + why + "), found A = " + fmt(a);
        if (b > max) return option + " " + value + ": " + param + " cannot be above " + fmt(max) + " (" + why + "), found B = " + fmt(b);
        return null;
    }

    /** Whether {@code v} is a value the parameter can take. */
    public boolean contains(double v) {
        return v >= min && v <= max;
    }

    /** Null when {@code v} is within the range, else what is wrong with it, e.g. "cannot be below 0 (a price floor …)". */
    public String outside(double v) {
        if (v < min) return "cannot be below " + fmt(min) + " (" + why + ")";
        if (v > max) return "cannot be above " + fmt(max) + " (" + why + ")";
        return null;
    }

    /** Whether the range bounds anything (some parameters, e.g. {@code ban.start}, take any value). */
    public boolean bounded() {
        return min > Double.NEGATIVE_INFINITY || max < Double.POSITIVE_INFINITY;
    }

    /** [a, b] cut to the range (for the default range, half to twice the scenario's value). */
    public double[] clamp(double a, double b) {
        return new double[]{Math.max(a, min), Math.min(b, max)};
    }

    public static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : new java.math.BigDecimal(v).round(new java.math.MathContext(6))
                .stripTrailingZeros().toPlainString();
    }

    /** The range as a reader says it: "≥ 0", "≤ 3", "[−0.5, 1]" or "any value". */
    public String words() {
        if (min == Double.NEGATIVE_INFINITY && max == Double.POSITIVE_INFINITY) return "any value";
        if (max == Double.POSITIVE_INFINITY) return "≥ " + fmt(min);
        if (min == Double.NEGATIVE_INFINITY) return "≤ " + fmt(max);
        return "[" + fmt(min) + ", " + fmt(max) + "]";
    }

    @Override
    public String toString() {
        return words();
    }
}
