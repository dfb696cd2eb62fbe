package lodestone.regime.importer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates the rate texts printed in the USITC HTS ("Free", "5.5%", "12.8¢/kg on molybdenum
 * content + 1.8%", "$1.10/kg on Mo content + 15%", "Free (A+,AU,…,P,…) 3.2% (KR)") into Lodestone's
 * duty-expression syntax. A text it cannot translate faithfully is returned as unmodelled with the
 * reason — never approximated, never dropped: the importer counts and reports every one.
 */
public final class RateText {

    /** A translated rate: the canonical expression, or null with the reason it could not be modelled. */
    public record Result(String expression, String reason) {
        public boolean modelled() {
            return expression != null;
        }

        static Result ok(String e) {
            return new Result(e, null);
        }

        static Result no(String why) {
            return new Result(null, why);
        }
    }

    /** One group of the special column: a rate and the programs it applies to. */
    public record Special(Result rate, List<String> programs, String text) { }

    private static final String NUM = "(\\d+(?:\\.\\d+)?|\\.\\d+)";
    private static final Pattern PERCENT = Pattern.compile(NUM + "\\s*%");
    private static final Pattern CENTS = Pattern.compile(NUM + "\\s*¢\\s*/\\s*(.+)");
    private static final Pattern DOLLARS = Pattern.compile("\\$\\s*" + NUM + "\\s*/\\s*(.+)");
    private static final Pattern CENTS_EACH = Pattern.compile(NUM + "\\s*¢\\s*each");
    private static final Pattern DOLLARS_EACH = Pattern.compile("\\$\\s*" + NUM + "\\s*each");
    private static final Pattern CONTENT = Pattern.compile("(.+?)\\s+on\\s+(?:the\\s+)?([A-Za-z]+)\\s+content");
    private static final Pattern BASE = Pattern.compile("the duty provided in the applicable subheading(.*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_VALUE = Pattern.compile(NUM + "\\s*%\\s+on\\s+the\\s+value\\s+of\\s+the\\s+([A-Za-z]+)\\s+content",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FOOTNOTE_AFTER_PERCENT = Pattern.compile("%\\s*\\d+/?\\s*$");

    /** HTS words for contained elements → content basis ids (the element symbols). */
    static final Map<String, String> CONTENT_BASES = Map.ofEntries(
            Map.entry("molybdenum", "Mo"), Map.entry("mo", "Mo"), Map.entry("copper", "Cu"), Map.entry("cu", "Cu"),
            Map.entry("lead", "Pb"), Map.entry("zinc", "Zn"), Map.entry("tungsten", "W"), Map.entry("vanadium", "V"),
            Map.entry("manganese", "Mn"), Map.entry("cobalt", "Co"), Map.entry("nickel", "Ni"),
            Map.entry("chromium", "Cr"), Map.entry("antimony", "Sb"), Map.entry("tin", "Sn"),
            Map.entry("magnesium", "Mg"), Map.entry("silicon", "Si"));

    /** HTS unit spellings after "/" → Lodestone unit codes. */
    static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("kg", "kg"), Map.entry("t", "t"), Map.entry("liter", "l"), Map.entry("doz.", "doz."),
            Map.entry("doz", "doz."), Map.entry("dozen", "doz."), Map.entry("pr.", "prs."), Map.entry("pr", "prs."),
            Map.entry("pair", "prs."), Map.entry("doz. pr.", "doz. prs."), Map.entry("doz. prs.", "doz. prs."),
            Map.entry("gross", "gross"), Map.entry("m2", "m2"), Map.entry("m²", "m2"), Map.entry("m3", "m3"),
            Map.entry("m³", "m3"), Map.entry("bbl", "bbl"), Map.entry("m", "m"), Map.entry("no.", "No."),
            Map.entry("head", "No."), Map.entry("each", "No."), Map.entry("1000", "thousands"),
            Map.entry("thousand", "thousands"), Map.entry("gram", "g"), Map.entry("g", "g"), Map.entry("lb", "lb"),
            Map.entry("cm2", "cm2"), Map.entry("cm²", "cm2"), Map.entry("mwh", "MWh"), Map.entry("kwh", "kWh"));

    private RateText() {
    }

    /** Translates a general or column-2 rate (or one special group's rate). */
    public static Result translate(String raw) {
        if (raw == null) return Result.no("empty");
        String t = raw.replace('\n', ' ').replaceAll("\\s+", " ").trim();
        if (t.isEmpty()) return Result.no("empty");
        t = FOOTNOTE_AFTER_PERCENT.matcher(t).replaceAll("%");
        if (t.endsWith(".") && !t.endsWith("No.")) t = t.substring(0, t.length() - 1).trim(); // "No change.", "+ 50%."
        if (t.equalsIgnoreCase("free")) return Result.ok("free");
        if (t.equalsIgnoreCase("no change")) return Result.ok("base");
        Matcher base = BASE.matcher(t);
        if (base.matches()) {
            String rest = base.group(1).trim();
            if (rest.isEmpty()) return Result.ok("base");
            if (rest.startsWith("+")) {
                Result r = translate(rest.substring(1));
                return r.modelled() ? Result.ok("base + " + r.expression) : r;
            }
            return Result.no("Chapter 99 text not modelled");
        }
        Matcher cv = CONTENT_VALUE.matcher(t);
        if (cv.matches()) { // "2.5% on the value of the lead content" → 2.5% of Pb (on the declared metal-content value)
            String basis = CONTENT_BASES.get(cv.group(2).toLowerCase(Locale.ROOT));
            if (basis == null) return Result.no("component '" + t + "' not modelled: no content basis for '" + cv.group(2) + "'");
            return Result.ok(plain(new BigDecimal(cv.group(1))) + "% of " + basis);
        }
        if (t.toLowerCase(Locale.ROOT).contains("including weight of container")) {
            return Result.no("component '" + t + "' not modelled: a specific rate on the gross weight including the "
                    + "container, and an entry declares the net quantity of the goods only");
        }
        List<String> parts = new ArrayList<>();
        for (String p : t.split("\\+")) parts.add(p.trim());
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty()) return Result.no("empty component");
            String c = component(p);
            if (c == null) return Result.no("component '" + p + "' not modelled");
            out.add(c);
        }
        return Result.ok(String.join(" + ", out));
    }

    private static String component(String p) {
        Matcher m = PERCENT.matcher(p);
        if (m.matches()) return plain(new BigDecimal(m.group(1))) + "%";
        m = CENTS_EACH.matcher(p);
        if (m.matches()) return cents(m.group(1)) + " USD/No.";
        m = DOLLARS_EACH.matcher(p);
        if (m.matches()) return plain(new BigDecimal(m.group(1))) + " USD/No.";
        String amount;
        String per;
        m = CENTS.matcher(p);
        if (m.matches()) {
            amount = cents(m.group(1));
            per = m.group(2).trim();
        } else {
            m = DOLLARS.matcher(p);
            if (!m.matches()) return null;
            amount = plain(new BigDecimal(m.group(1)));
            per = m.group(2).trim();
        }
        String basis = null;
        Matcher cm = CONTENT.matcher(per);
        if (cm.matches()) {
            basis = CONTENT_BASES.get(cm.group(2).toLowerCase(Locale.ROOT));
            if (basis == null) return null;
            per = cm.group(1).trim();
        }
        String unit = UNITS.get(per.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
        if (unit == null) return null;
        return amount + " USD/" + unit + (basis == null ? "" : " of " + basis);
    }

    private static String cents(String n) {
        return plain(new BigDecimal(n).movePointLeft(2));
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static final Pattern SPECIAL_GROUP = Pattern.compile("\\s*([^()]*?)\\s*\\(([^()]*)\\)");

    /**
     * Splits a special-column text into its groups — "Free (A+,AU,P) 3.2% (KR) See 9822.04.05 (AU)"
     * gives three — and translates each rate. Text outside any group is returned as one unmodelled
     * group without programs.
     */
    public static List<Special> special(String raw) {
        List<Special> out = new ArrayList<>();
        if (raw == null) return out;
        String t = raw.replace('\n', ' ').replaceAll("\\s+", " ").trim();
        if (t.isEmpty()) return out;
        Matcher m = SPECIAL_GROUP.matcher(t);
        int end = 0;
        while (m.find() && m.start() == end) {
            String rate = m.group(1).trim();
            List<String> programs = new ArrayList<>();
            for (String p : m.group(2).split(",")) if (!p.isBlank()) programs.add(p.trim());
            Result r = rate.regionMatches(true, 0, "See ", 0, 4)
                    ? Result.no("refers to another provision: " + rate) : translate(rate);
            out.add(new Special(r, programs, rate + " (" + m.group(2).trim() + ")"));
            end = m.end();
        }
        String rest = t.substring(end).trim();
        if (!rest.isEmpty()) {
            out.add(new Special(Result.no(out.isEmpty() ? "special rate without program indicators"
                    : "text after the last program list"), List.of(), rest));
        }
        return out;
    }
}
