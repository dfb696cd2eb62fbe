package lodestone.border.origin;

import lodestone.regime.Problems;
import lodestone.regime.RegimeInvalidException;
import lodestone.regime.geo.Geography;
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
     * @param wasteAndScrap  null, or what the good is waste and scrap of (GN 29(c)(i)(J)): {@link #PRODUCTION} (manufacturing
     *                       or processing operations in a party) or {@link #USED_GOODS} (used goods collected in a party)
     * @param fitOnlyForRecovery true when declared fit only for the recovery of raw materials (the condition on used goods)
     */
    public record Product(String hts, String description, BigDecimal adjustedValue, boolean whollyObtained, boolean set,
                          Set<String> processes, boolean separatedFromMixture, int line, int htsLine, String wasteAndScrap,
                          boolean fitOnlyForRecovery) {
        public static final String PRODUCTION = "production";
        public static final String USED_GOODS = "used-goods";

        public Product {
            processes = Set.copyOf(processes);
        }

        /** Declared wholly obtained, or waste and scrap (which may then have no materials listed either). */
        boolean mayHaveNoMaterials() {
            return whollyObtained || wasteAndScrap != null;
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
     * Parses a bill of materials for its shape only; throws {@link RegimeInvalidException} carrying every problem
     * (file, line, field, what was expected) when it is malformed. Its codes and countries are checked later by
     * {@link OriginRules#check}; {@link #read} and {@link Draft#check} check everything at once.
     */
    public static BillOfMaterials parse(String fileName, String json) {
        return read(fileName, json).shapeOnly();
    }

    /**
     * Reads a bill of materials without refusing it yet: the draft keeps every problem of its shape and every code
     * and country it names (also those of a material with another problem), so that {@link Draft#check} can report
     * all of the bill's problems at once. Throws {@link RegimeInvalidException} only when the text is not a JSON
     * object (then nothing else can be read).
     */
    public static Draft read(String fileName, String json) {
        Problems problems = new Problems();
        LocatedJson root = LocatedJson.parse(fileName, json, problems);
        problems.throwIfAny("bill of materials " + fileName);
        if (!root.requireObject("a JSON object with \"product\" and \"materials\"")) {
            problems.throwIfAny("bill of materials " + fileName);
        }
        List<Named> codes = new ArrayList<>();
        List<Named> countries = new ArrayList<>();
        root.allowOnly("agreement", "product", "materials");
        LocatedJson agreementNode = root.field("agreement");
        String agreement = agreementNode.string(false, "the agreement's id as text, e.g. \"cafta-dr\"");

        LocatedJson p = root.field("product");
        Product product = null;
        LocatedJson avAt = null;
        if (p.requireObject("an object with hts and adjusted_value")) {
            p.allowOnly("hts", "description", "adjusted_value", "wholly_obtained", "set", "processes", "separated_from_mixture",
                    "waste_and_scrap", "fit_only_for_recovery");
            LocatedJson htsNode = p.field("hts");
            String hts = code(htsNode, "the good's HTS code of 6 to 10 digits, e.g. \"8110.90.00\"");
            if (hts != null) codes.add(new Named(htsNode.line(), htsNode.path(), hts, null));
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
            // GN 29(c)(i)(J): waste and scrap of production in a party, or of used goods collected there and fit only for
            // the recovery of raw materials, is wholly obtained whatever the origin of what it came from
            LocatedJson wsNode = p.field("waste_and_scrap");
            String ws = wsNode.string(false, "\"production\" or \"used-goods\"");
            if (ws != null && !ws.equals(Product.PRODUCTION) && !ws.equals(Product.USED_GOODS)) {
                wsNode.problem("'" + ws + "' is not known; expected \"production\" (waste and scrap of manufacturing or processing "
                        + "operations in a party) or \"used-goods\" (of used goods collected in a party)");
                ws = null;
            }
            LocatedJson fitNode = p.field("fit_only_for_recovery");
            Boolean fit = fitNode.bool(false, "true or false");
            if (fit != null && !p.has("waste_and_scrap")) {
                fitNode.problem("given without product.waste_and_scrap; it is the condition on waste and scrap of used goods: "
                        + "declare \"waste_and_scrap\": \"used-goods\" with it");
            }
            product = new Product(hts, desc == null ? "the good" : desc, av, wo != null && wo, set != null && set,
                    Set.copyOf(processes), separated != null && separated, p.line(), htsNode.line(), ws, fit != null && fit);
        }

        List<Material> materials = new ArrayList<>();
        LocatedJson ms = root.field("materials");
        if (!root.has("materials") && (product == null || !product.mayHaveNoMaterials())) {
            ms.problem("missing; expected an array of materials (it may be empty only for a wholly obtained good)");
        }
        List<LocatedJson> items = ms.items("an array of materials, each {description, hts, value, originating}");
        if (ms.isArray() && items.isEmpty() && product != null && !product.mayHaveNoMaterials()) {
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
            if (hts != null) codes.add(new Named(htsNode.line(), htsNode.path(), hts, null));
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
            if (country != null) {
                // located at the material's line, as the party check always was (the field sits on it in a bill as written)
                countries.add(new Named(m.line(), m.path() + ".country", country.toUpperCase(Locale.ROOT), orig));
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
        BillOfMaterials bill = problems.isEmpty() ? new BillOfMaterials(fileName, agreement, product, materials) : null;
        return new Draft(fileName, agreement, agreementNode.line(), bill, problems.sorted(), codes, countries);
    }

    /**
     * A code or a country as the bill names it, where it names it.
     *
     * @param originating for a material's country: whether the material is declared originating (null if not said)
     */
    record Named(int line, String field, String value, Boolean originating) {
    }

    /**
     * A bill of materials as read, not yet refused: the problems of its shape, and every code and country it names.
     * {@link #check} adds what needs the regime and the agreement's rules, and refuses the bill with every problem.
     */
    public static final class Draft {
        private final String fileName;
        private final String agreement;
        private final int agreementLine;
        private final BillOfMaterials bill; // null when the shape has problems
        private final List<lodestone.regime.Problem> problems;
        private final List<Named> codes;
        private final List<Named> countries;

        private Draft(String fileName, String agreement, int agreementLine, BillOfMaterials bill,
                      List<lodestone.regime.Problem> problems, List<Named> codes, List<Named> countries) {
            this.fileName = fileName;
            this.agreement = agreement;
            this.agreementLine = agreementLine;
            this.bill = bill;
            this.problems = List.copyOf(problems);
            this.codes = List.copyOf(codes);
            this.countries = List.copyOf(countries);
        }

        /** The agreement the bill names, or null (also when the field is malformed: that problem is kept). */
        public String agreement() {
            return agreement;
        }

        /** The bill when its shape is sound; else throws with the problems of its shape. */
        BillOfMaterials shapeOnly() {
            throwIfAny(new Problems());
            return bill;
        }

        /**
         * The bill, checked in one pass: the problems of its shape together with those that need the regime and the
         * rules — the agreement matches the rules, every code is in the HTS, every country is a country of the regime
         * ({@code geography} may be null to skip that test), an originating material comes from a party. Throws
         * {@link RegimeInvalidException} with all of them, sorted by line.
         */
        public BillOfMaterials check(OriginRules rules, Nomenclature hts, Geography geography) {
            Problems more = new Problems();
            against(fileName, agreement, agreementLine, codes, countries, rules, hts, geography, more);
            throwIfAny(more);
            return bill;
        }

        private void throwIfAny(Problems more) {
            Problems all = new Problems();
            problems.forEach(all::add);
            for (lodestone.regime.Problem p : more.sorted()) all.add(p);
            all.throwIfAny("bill of materials " + fileName);
        }
    }

    /** The named codes and countries of a bill that is already read (for {@link OriginRules#check}). */
    static void against(BillOfMaterials bom, OriginRules rules, Nomenclature hts, Problems out) {
        List<Named> codes = new ArrayList<>();
        List<Named> countries = new ArrayList<>();
        if (bom.product().hts() != null) codes.add(new Named(bom.product().htsLine(), "product.hts", bom.product().hts(), null));
        int i = 0;
        for (Material m : bom.materials()) {
            codes.add(new Named(m.htsLine(), "materials[" + i + "].hts", m.hts(), null));
            if (m.country() != null) countries.add(new Named(m.line(), "materials[" + i + "].country", m.country(), m.originating()));
            i++;
        }
        against(bom.fileName(), bom.agreement(), 1, codes, countries, rules, hts, null, out);
    }

    private static void against(String file, String agreement, int agreementLine, List<Named> codes, List<Named> countries,
                                OriginRules rules, Nomenclature hts, Geography geography, Problems p) {
        if (agreement != null && !agreement.equals(rules.agreement())) {
            p.add(file, agreementLine, "agreement", "'" + agreement + "' does not match the rules being applied; expected '"
                    + rules.agreement() + "' (or leave the field out)");
        }
        for (Named c : codes) {
            if (!known(hts, c.value())) {
                p.add(file, c.line(), c.field(), "'" + c.value() + "' is not in the HTS 2026" + near(hts, c.value()));
            }
        }
        for (Named c : countries) {
            if (geography != null && geography.country(c.value()).isEmpty()) {
                p.add(file, c.line(), c.field(), "'" + c.value() + "' is not a country of the regime; expected the ISO 3166 "
                        + "alpha-2 code of the country the material comes from, e.g. \"GT\" or \"CN\"");
            } else if (Boolean.TRUE.equals(c.originating()) && !rules.parties().contains(c.value())) {
                p.add(file, c.line(), c.field(), "'" + c.value() + "' is not a party to "
                        + rules.agreement() + " (" + String.join(", ", rules.parties().stream().sorted().toList())
                        + "); a material can be originating only if produced in a party (GN 29(b)); expected "
                        + "originating: false or a party's code");
            }
        }
    }

    private static boolean known(Nomenclature hts, String code) {
        if (hts.resolve(code).isPresent()) return true;
        String d = Nomenclature.digitsOf(code);
        return d != null && d.length() <= 8 && hts.hasPrefix(d);
    }

    private static String near(Nomenclature hts, String code) {
        List<String> n = hts.nearest(code, 5);
        return n.isEmpty() ? "; expected a code of the schedule" : "; nearest codes: " + String.join(", ", n);
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
