package lodestone.finance.projects;

import java.util.Locale;
import java.util.Map;

/** The price and quantity units a project or market may use, and the money (millions) in one price unit × quantity unit. */
public final class Units {
    private static final Map<String, Double> PER_TONNE = Map.of(
            "USD/kg", 1000.0,
            "USD/t", 1.0,
            "USD/lb", 2204.62262185);

    private Units() {
    }

    public static boolean knownPrice(String unit) {
        return PER_TONNE.containsKey(unit);
    }

    public static String priceUnits() {
        return String.join(", ", new java.util.TreeSet<>(PER_TONNE.keySet()));
    }

    /** Millions of USD in (1 price unit) × (1 t): USD/kg × t = 0.001 M USD. */
    public static double millionsPerPriceTonne(String priceUnit) {
        Double f = PER_TONNE.get(priceUnit);
        if (f == null) throw new IllegalArgumentException("unknown price unit " + priceUnit + "; expected one of " + priceUnits());
        return f / 1e6;
    }

    /**
     * A number to at most 3 significant digits (6 when ≥ 1000), without trailing zeros, with thousands separators:
     * 69, 110, 0.0145, 1,590, 23,990 (never 1.0E20 or 2.399E+4). Not finite: "unbounded" or "none".
     */
    public static String num(double v) {
        if (Double.isNaN(v)) return "none";
        if (Double.isInfinite(v)) return v > 0 ? "unbounded" : "unbounded below";
        return group(new java.math.BigDecimal(v).round(new java.math.MathContext(Math.abs(v) >= 1000 ? 6 : 3)).stripTrailingZeros().toPlainString());
    }

    /** Thousands separators in the integer part of a plain decimal: 1234567.5 → 1,234,567.5, -23990 → -23,990. */
    public static String group(String plain) {
        boolean neg = plain.startsWith("-");
        String s = neg ? plain.substring(1) : plain;
        int dot = s.indexOf('.');
        String ip = dot < 0 ? s : s.substring(0, dot);
        StringBuilder b = new StringBuilder(neg ? "-" : "");
        for (int i = 0; i < ip.length(); i++) {
            if (i > 0 && (ip.length() - i) % 3 == 0) b.append(',');
            b.append(ip.charAt(i));
        }
        return b + (dot < 0 ? "" : s.substring(dot));
    }

    /** Converts a price between units (e.g. USD/t → USD/kg). */
    public static double convert(double price, String from, String to) {
        return price * PER_TONNE.get(from) / PER_TONNE.get(to);
    }

    /**
     * Parses a price given on the command line or in a request, e.g. {@code 110} or {@code 110USD/kg}, in the
     * expected unit. A different unit is an error naming both (never a silent conversion: a floor of 110 USD/t
     * on a USD/kg market is a thousandfold mistake); so is a price more than 100 times away from the
     * reference price, which is almost always a unit slip.
     */
    public static double parsePrice(String text, String expectedUnit, double referencePrice, String what) {
        String t = text.trim().replace(" ", "");
        String unit = null;
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.' || t.charAt(i) == '-' || t.charAt(i) == 'e' || t.charAt(i) == 'E' || t.charAt(i) == '_')) i++;
        String num = t.substring(0, i).replace("_", "");
        if (i < t.length()) unit = t.substring(i);
        double v;
        try {
            v = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a price; expected a number in " + expectedUnit + " (e.g. 110 or 110" + expectedUnit + ")");
        }
        if (unit != null && !unit.equalsIgnoreCase(expectedUnit)) {
            throw new IllegalArgumentException(what + ": " + text + " is in " + unit + " but this market is priced in " + expectedUnit
                    + (knownPrice(unit) ? String.format(Locale.ROOT, " (%s %s = %s %s)", num, unit, num(convert(v, unit, expectedUnit)), expectedUnit) : ""));
        }
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(what + ": " + text + " must be a positive price in " + expectedUnit);
        if (referencePrice > 0 && (v > 100 * referencePrice || v < referencePrice / 100)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %s %s is %s× the market's reference price %s %s; a price in the wrong unit? (expected %s)", what, num, expectedUnit,
                    num(v / referencePrice), num(referencePrice), expectedUnit, expectedUnit));
        }
        return v;
    }
}
