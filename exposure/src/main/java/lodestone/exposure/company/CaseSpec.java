package lodestone.exposure.company;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A scenario as a user writes it on the command line or in a request: a bundled market scenario's name
 * ({@code ndpr-floor-110}), or comma-separated settings {@code market=NAME}, {@code regime=SPEC} (e.g.
 * {@code bundled:plurilateral}), {@code date=YYYY-MM-DD} (the border assessed on that date), {@code from=YYYY-MM-DD}
 * (the market scenario's prices apply from then) and {@code label=TEXT}.
 */
public record CaseSpec(String label, String market, String regime, LocalDate date, LocalDate from) {

    public static CaseSpec parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("scenario: empty; expected a market scenario name or key=value settings");
        String s = spec.strip();
        if (!s.contains("=")) return new CaseSpec(s, s, null, null, null);
        String label = null, market = null, regime = null;
        LocalDate date = null, from = null;
        for (String part : s.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("scenario '" + spec + "': '" + part + "' is not key=value");
            String k = part.substring(0, eq).strip(), v = part.substring(eq + 1).strip();
            switch (k) {
                case "label" -> label = v;
                case "market" -> market = v;
                case "regime" -> regime = v;
                case "date" -> date = date(spec, k, v);
                case "from" -> from = date(spec, k, v);
                default -> throw new IllegalArgumentException("scenario '" + spec + "': unknown setting '" + k
                        + "'; expected market, regime, date, from or label");
            }
        }
        if (market == null && regime == null && date == null) {
            throw new IllegalArgumentException("scenario '" + spec + "' changes nothing; give market=, regime= or date=");
        }
        if (label == null) label = s;
        return new CaseSpec(label, market, regime, date, from);
    }

    private static LocalDate date(String spec, String k, String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("scenario '" + spec + "': " + k + " '" + v + "' is not a date"
                    + (lodestone.regime.io.YNode.noSuchDay(v) == null ? "" : ": " + lodestone.regime.io.YNode.noSuchDay(v)) + "; expected YYYY-MM-DD");
        }
    }
}
