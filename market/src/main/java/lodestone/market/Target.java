package lodestone.market;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A condition on a path's metric in a year, e.g. {@code club_supply_share(2030) >= 0.5} (seek, Monte Carlo events). */
public record Target(String metric, int year, String op, double value) {
    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z_]+(?:\\[[^\\]]+\\])?)\\s*\\(\\s*(\\d{4})\\s*\\)\\s*(>=|<=|>|<)\\s*(\\S+)\\s*");

    /** Parses the text; a malformed target is a {@link ScenarioException} naming what was expected. */
    public static Target parse(String text) throws ScenarioException {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (m.matches()) {
            try {
                double v = Double.parseDouble(m.group(4));
                if (Double.isFinite(v)) return new Target(m.group(1), Integer.parseInt(m.group(2)), m.group(3), v);
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new ScenarioException(List.of("target: expected METRIC(YEAR) OP VALUE with OP one of >=, <=, >, <, e.g. "
                + "club_supply_share(2030) >= 0.5, found '" + text + "'"));
    }

    /** Checks the metric and year against a path of the scenario; the problem named, or null. */
    public String check(PathResult path, int[] years) {
        if (year < years[0] || year > years[1]) return "target: year " + year + " is outside the horizon " + years[0] + "-" + years[1];
        if (!path.metrics().contains(metric)) return "target: unknown metric '" + metric + "' (metrics: " + String.join(", ", path.metrics()) + ")";
        return null;
    }

    /** How far the value is on the right side of the target (≥ 0 when met; > 0 for strict operators). */
    double margin(double v) {
        return op.startsWith(">") ? v - value : value - v;
    }

    public boolean met(double v) {
        double g = margin(v);
        return op.length() == 2 ? g >= 0 : g > 0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(%d) %s %s", metric, year, op, ScenarioReader.fmt(value));
    }
}
