package lodestone.border.origin;

import lodestone.regime.Problems;
import lodestone.regime.RegimeInvalidException;
import lodestone.regime.nomenclature.Nomenclature;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A bill of materials for an origin check: the good (its HTS code and adjusted value) and the
 * materials used to produce it, each originating or not. The format is documented in
 * {@code docs/origin-format.md}; values are US dollars, exact decimals.
 *
 * <p>Parsing validates the shape and reports every problem with file, line and field; whether the
 * codes exist in the HTS and the countries are parties is checked by {@link OriginRules#check}.
 *
 * @param fileName   the file as the user named it, for messages
 * @param agreement  the agreement named in the file, or null
 * @param product    the good whose origin is determined
 * @param materials  the materials used in its production
 */
public record BillOfMaterials(String fileName, String agreement, Product product, List<Material> materials) {

    /**
     * The good.
     *
     * @param hts            its HTS code as written (6 to 10 digits)
     * @param description    what it is (used in messages)
     * @param adjustedValue  the adjusted value (GN 29(c)(ii)(G): customs value without international freight and insurance)
     * @param whollyObtained true when declared wholly obtained or produced in a party (GN 29(c)(i))
     * @param set            true when the good is a set classified by GRI 3 (GN 29(c)(v)): the materials are its components
     * @param processes      the processes performed in a party that a rule may require (e.g. chemical-reaction)
     * @param separatedFromMixture true when the good's change of classification results only from separating it out of
     *                       a man-made mixture (GN 29(m)(vii)(G))
     * @param line           the line of the product object, {@code htsLine} the line of its hts field
     */
    public record Product(String hts, String description, BigDecimal adjustedValue, boolean whollyObtained, boolean set,
                          Set<String> processes, boolean separatedFromMixture, int line, int htsLine) {
        public Product {
            processes = Set.copyOf(processes);
        }
    }

    /**
     * One material.
     *
     * @param description what it is (used in messages)
     * @param hts         its HTS code (at least 6 digits: changes of subheading are tested on them)
     * @param value       its value (GN 29(f)(ii))
     * @param originating true when it is an originating material under the agreement (in any party: accumulation, GN 29(c)(iv))
     * @param country     the country it comes from (ISO alpha-2), or null
     * @param line        the line of the material object; {@code htsLine} that of its hts field
     */
    public record Material(String description, String hts, BigDecimal value, boolean originating, String country,
                           int line, int htsLine) {
        /** The code's digits (6 to 10). */
        public String digits() {
            return Nomenclature.digitsOf(hts);
        }
    }

    public BillOfMaterials {
        materials = List.copyOf(materials);
    }

    /** Known process names: a misspelt process must not silently fail a rule. */
    static final Set<String> PROCESSES = Set.of("chemical-reaction", "purification",
            "active-ingredient-50pct-by-weight-originating", "thickness-reduction-min-50pct");

    /**
     * Parses a bill of materials; throws {@link RegimeInvalidException} carrying every problem
     * (file, line, field, what was expected) when it is malformed.
     */
    public static BillOfMaterials parse(String fileName, String json) {
        Problems problems = new Problems();
        LocatedJson root = LocatedJson.parse(fileName, json, problems);
        problems.throwIfAny("bill of materials " + fileName);
        if (!root.requireObject("a JSON object with \"product\" and \"materials\"")) {
            problems.throwIfAny("bill of materials " + fileName);
        }
        root.allowOnly("agreement", "product", "materials");
        String agreement = root.field("agreement").string(false, "the agreement's id as text, e.g. \"cafta-dr\"");

        LocatedJson p = root.field("product");
        Product product = null;
        LocatedJson avAt = null;
        if (p.requireObject("an object with hts and adjusted_value")) {
            p.allowOnly("hts", "description", "adjusted_value", "wholly_obtained", "set", "processes", "separated_from_mixture");
            LocatedJson htsNode = p.field("hts");
            String hts = code(htsNode, "the good's HTS code of 6 to 10 digits, e.g. \"8110.90.00\"");
            String desc = p.field("description").string(false, "a description as text");
            LocatedJson avNode = p.field("adjusted_value");
            avAt = avNode;
            BigDecimal av = avNode.number(true, "the adjusted value in US dollars, a number greater than 0, e.g. 100.00");
            if (av != null && av.signum() <= 0) {
                avNode.problem("is " + av.toPlainString() + "; expected a number greater than 0 (RVC divides by it)");
                av = null;
            }
            Boolean wo = p.field("wholly_obtained").bool(false, "true or false");
            Boolean set = p.field("set").bool(false, "true or false");
            Boolean separated = p.field("separated_from_mixture").bool(false, "true or false");
            List<String> processes = new ArrayList<>();
            for (LocatedJson pr : p.field("processes").items("an array of process names, e.g. [\"chemical-reaction\"]")) {
                String name = pr.string(true, "a process name: one of " + String.join(", ", sorted(PROCESSES)));
                if (name == null) continue;
                if (!PROCESSES.contains(name)) {
                    pr.problem("'" + name + "' is not a known process; expected one of " + String.join(", ", sorted(PROCESSES)));
                } else {
                    processes.add(name);
                }
            }
            product = new Product(hts, desc == null ? "the good" : desc, av, wo != null && wo, set != null && set,
                    Set.copyOf(processes), separated != null && separated, p.line(), htsNode.line());
        }

        List<Material> materials = new ArrayList<>();
        LocatedJson ms = root.field("materials");
        if (!root.has("materials") && (product == null || !product.whollyObtained())) {
            ms.problem("missing; expected an array of materials (it may be empty only for a wholly obtained good)");
        }
        List<LocatedJson> items = ms.items("an array of materials, each {description, hts, value, originating}");
        if (ms.isArray() && items.isEmpty() && product != null && !product.whollyObtained()) {
            ms.problem("empty; expected the materials used to produce the good (only a wholly obtained good has none: "
                    + "set product.wholly_obtained)");
        }
        int i = 0;
        for (LocatedJson m : items) {
            i++;
            if (!m.requireObject("a material: {\"description\", \"hts\", \"value\", \"originating\"}")) continue;
            m.allowOnly("description", "hts", "value", "originating", "country");
            String desc = m.field("description").string(false, "a description as text");
            LocatedJson htsNode = m.field("hts");
            String hts = code(htsNode, "the material's HTS code of 6 to 10 digits, e.g. \"2617.10.00\"");
            LocatedJson vNode = m.field("value");
            BigDecimal v = vNode.number(true, "the material's value in US dollars, a number of 0 or more");
            if (v != null && v.signum() < 0) {
                vNode.problem("is " + v.toPlainString() + "; expected a number of 0 or more");
                v = null;
            }
            Boolean orig = m.field("originating").bool(true, "true or false (is the material originating under the agreement?)");
            LocatedJson cNode = m.field("country");
            String country = cNode.string(false, "an ISO 3166 alpha-2 country code, e.g. \"GT\"");
            if (country != null && !country.matches("[A-Za-z]{2}")) {
                cNode.problem("'" + country + "' is not an ISO 3166 alpha-2 code; expected two letters, e.g. \"GT\"");
                country = null;
            }
            if (hts != null && v != null && orig != null) {
                materials.add(new Material(desc == null ? "material " + i : desc, hts, v, orig,
                        country == null ? null : country.toUpperCase(Locale.ROOT), m.line(), htsNode.line()));
            }
        }
        if (product != null && product.adjustedValue() != null && !materials.isEmpty()) {
            // the value-content tests take the materials as part of the good's value: more than all of it is a misread
            // value (e.g. a material's total where its share was meant), and would give a build-up above 100 %
            BigDecimal sum = BigDecimal.ZERO;
            for (Material m : materials) sum = sum.add(m.value());
            if (sum.compareTo(product.adjustedValue()) > 0) {
                avAt.problem("is " + product.adjustedValue().toPlainString() + " but the materials' values add up to "
                        + sum.toPlainString() + "; a good's adjusted value includes the materials used to produce it "
                        + "(regional value content would be outside 0-100 %): check adjusted_value and each material's value");
            }
        }
        problems.throwIfAny("bill of materials " + fileName);
        return new BillOfMaterials(fileName, agreement, product, materials);
    }

    private static String code(LocatedJson node, String expected) {
        String s = node.string(true, expected);
        if (s == null) return null;
        String d = Nomenclature.digitsOf(s);
        if (d == null || d.length() < 6 || d.length() > 10) {
            node.problem("'" + s + "' is not an HTS code of 6 to 10 digits; expected " + expected);
            return null;
        }
        return s;
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
