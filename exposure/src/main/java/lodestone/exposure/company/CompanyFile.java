package lodestone.exposure.company;

import lodestone.border.EntryRejected;
import lodestone.border.bulk.EntryFields;
import lodestone.market.Scenario;
import lodestone.regime.Problem;
import lodestone.regime.Problems;
import lodestone.regime.Regime;
import lodestone.regime.io.YNode;
import lodestone.regime.mineral.Mineral;
import lodestone.regime.unit.Units;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a company exposure file (YAML, docs/exposure-format.md) and checks it against the regime and the
 * bundled markets. Every problem is collected and reported at once as "file:line: field: what is wrong":
 * an unknown HTS code (with the nearest codes of the schedule), a country that is not one, a BOM mineral that
 * is not a regime mineral, a negative or zero quantity, a reference to a line or contract that does not
 * exist, an unknown Incoterm, a contract whose dates are reversed, a unit or currency the assessment does not know, a
 * number out of the bounds {@code lodestone assess} takes, a product that uses more of a line than the line supplies.
 * Each sourcing line is then read as the entry {@code lodestone assess} would be given (the same {@link EntryFields}
 * parse), so whatever that parse refuses is refused here, at the field's own line; a line the assessment refuses later
 * (under a scenario's regime or date) is refused by {@link Exposure#evaluate} the same way ({@link #problemAt}).
 */
public final class CompanyFile {
    public static final Set<String> INCOTERMS = Set.of("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP");

    /** The file was refused; nothing was computed. */
    public static final class Invalid extends Exception {
        private final List<Problem> problems;

        public Invalid(List<Problem> problems) {
            super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the company file: "
                    + String.join("; ", problems.stream().limit(5).map(Problem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private CompanyFile() { }

    /**
     * Parses {@code text} (named {@code fileName} in messages). {@code bomFiles} gives the text of a bill of
     * materials a line names ({@code bom:}, relative to the company file), or null when it cannot be read.
     */
    public static Company parse(String fileName, String text, Regime regime, Function<String, String> bomFiles) throws Invalid {
        return parse(fileName, text, regime, bomFiles, LocalDate.now());
    }

    /**
     * As {@link #parse(String, String, Regime, Function)}, each line's fields checked on the file's date or, when it has none,
     * on {@code today} — the day its evaluation takes (the server's is today in UTC; it had checked them on the machine's).
     */
    public static Company parse(String fileName, String text, Regime regime, Function<String, String> bomFiles, LocalDate today)
            throws Invalid {
        Problems p = new Problems();
        YNode root = YNode.parse(fileName, text, p);
        if (root == null || !root.requireMap()) throw new Invalid(p.sorted());
        root.allowOnly("company", "importer", "date", "products", "sourcing", "contracts");
        String name = root.str("company");
        String importer = root.optStr("importer", name);
        LocalDate date = root.date("date", false);
        Map<String, Integer> rootLines = new LinkedHashMap<>();
        for (String k : root.keys()) rootLines.put(k, root.field(k).line());
        Set<String> minerals = new HashSet<>();
        for (Mineral m : regime.minerals().minerals()) minerals.add(m.id());
        Set<String> markets = new HashSet<>();
        for (Scenario.BundledScenario b : Scenario.bundledNames()) markets.add(b.name());

        List<Company.Contract> contracts = new ArrayList<>();
        Set<String> contractIds = new HashSet<>();
        for (YNode c : root.field("contracts").items()) {
            if (!c.requireMap()) continue;
            c.allowOnly("id", "type", "start", "end", "volume", "lag_months", "floor", "cap");
            String id = c.str("id");
            if (id != null && !contractIds.add(id)) c.problem("id", "'" + id + "' is used by another contract");
            Company.ContractType type = c.enumValue("type", Company.ContractType.class, null);
            LocalDate start = c.date("start", true), end = c.date("end", true);
            if (start != null && end != null && end.isBefore(start)) c.problem("end", end + " is before the start " + start);
            BigDecimal volume = bounded(c, "volume", positive(c, "volume", false));
            BigDecimal lag = c.decimal("lag_months", false);
            if (lag != null && (lag.signum() < 0 || lag.stripTrailingZeros().scale() > 0 || lag.compareTo(MAX_LAG_MONTHS) > 0)) {
                c.problem("lag_months", "expected a whole number of months from 0 to " + MAX_LAG_MONTHS + ", found " + lag.toPlainString());
                lag = null;
            }
            BigDecimal floor = bounded(c, "floor", positive(c, "floor", type == Company.ContractType.FLOOR_LINKED || type == Company.ContractType.COLLAR));
            BigDecimal cap = bounded(c, "cap", positive(c, "cap", type == Company.ContractType.COLLAR));
            if (floor != null && cap != null && cap.compareTo(floor) < 0) c.problem("cap", "the cap " + cap.toPlainString() + " is below the floor " + floor.toPlainString());
            if (type == Company.ContractType.FIXED && (floor != null || cap != null || lag != null)) {
                c.problem("type", "a fixed contract has no floor, cap or lag (its price is the line's price)");
            }
            contracts.add(new Company.Contract(id, type, start, end, volume, lag == null ? 0 : lag.intValue(), floor, cap, c.line()));
        }

        List<Company.SourcingLine> lines = new ArrayList<>();
        Set<String> lineIds = new HashSet<>();
        EntryFields entryFields = new EntryFields();
        for (YNode s : root.field("sourcing").items()) {
            if (!s.requireMap()) continue;
            int problemsBefore = p.size();
            s.allowOnly("id", "material", "supplier", "origin", "hts", "quantity", "unit", "price", "currency", "incoterm", "freight",
                    "content", "documents", "preference", "bom", "market", "contract", "production_regions", "end_use",
                    "metal_content_value");
            String id = s.str("id");
            if (id != null && !lineIds.add(id)) s.problem("id", "'" + id + "' is used by another sourcing line");
            String origin = s.str("origin");
            if (origin != null && regime.geography().country(origin.toUpperCase(java.util.Locale.ROOT)).isEmpty()) {
                s.problem("origin", "'" + origin + "' is not a country of the regime; expected an ISO alpha-2 code" + codeFor(regime, origin));
            }
            String hts = s.str("hts");
            if (hts != null && regime.hts().resolve(hts).isEmpty()) {
                List<String> near = regime.hts().nearest(hts, 5);
                s.problem("hts", "unknown HTS code '" + hts + "'" + (near.isEmpty() ? "" : "; nearest codes: " + String.join(", ", near)));
            }
            BigDecimal q = bounded(s, "quantity", positive(s, "quantity", true));
            BigDecimal price = bounded(s, "price", nonNegative(s, "price", true));
            if (q != null && price != null && q.multiply(price).compareTo(LIMIT) >= 0) {
                s.problem("price", "quantity × price (the line's value, " + q.multiply(price).toEngineeringString() + ") is out of bounds: a line's "
                        + "value must be below 10^" + EntryFields.MAX_INTEGER_DIGITS + " (as lodestone assess takes it — docs/bulk-format.md)");
            }
            String unit = s.optStr("unit", "kg");
            if (Units.find(unit).isEmpty()) s.problem("unit", "unknown unit '" + unit + "'; expected one of " + Units.codes());
            String incoterm = s.optStr("incoterm", "FOB").toUpperCase(java.util.Locale.ROOT);
            if (!INCOTERMS.contains(incoterm)) s.problem("incoterm", "'" + incoterm + "' is not an Incoterm 2020; expected one of "
                    + String.join(", ", new java.util.TreeSet<>(INCOTERMS)));
            BigDecimal freight = bounded(s, "freight", nonNegative(s, "freight", false));
            if (freight != null && price != null && isCOrD(incoterm) && freight.compareTo(price) > 0) {
                s.problem("freight", "the freight " + freight.toPlainString() + " is more than the " + incoterm + " price " + price.toPlainString()
                        + ", which includes it");
            }
            // the value of the metal content a content-based duty is charged on (Section 232 copper), per unit like price
            BigDecimal metalValue = bounded(s, "metal_content_value", nonNegative(s, "metal_content_value", false));
            String currency = s.optStr("currency", "USD").toUpperCase(java.util.Locale.ROOT);
            if (!regime.fx().currencies().contains(currency)) {
                s.problem("currency", "unknown currency '" + currency + "'; the regime has rates for " + regime.fx().currencies());
            }
            if (freight != null && !currency.equals("USD")) s.problem("freight", "freight is given in USD; this line's prices are in " + currency);
            BigDecimal cq = null;
            String cu = null;
            YNode content = s.field("content");
            if (!content.isMissing() && content.requireMap()) {
                content.allowOnly("quantity", "unit");
                cq = bounded(content, "quantity", positive(content, "quantity", true));
                cu = content.str("unit");
            }
            String pref = s.optStr("preference", null);
            String bomFile = s.optStr("bom", null);
            String bomJson = null;
            if (bomFile != null) {
                if (pref == null) s.problem("bom", "a bill of materials supports a preference claim; add preference: (e.g. P)");
                bomJson = bomFiles.apply(bomFile);
                if (bomJson == null) s.problem("bom", "cannot read " + bomFile + " (relative to the company file)");
            }
            YNode mk = s.field("market");
            String market = mk.isMap() ? null : s.optStr("market", null);
            BigDecimal share = null;
            if (mk.isMap()) {
                mk.allowOnly("scenario", "share");
                market = mk.str("scenario");
                share = mk.decimal("share", false);
                if (share != null && (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0)) {
                    mk.problem("share", share.toPlainString() + " is not a share; expected a number from 0 to 1");
                }
            }
            if (market != null && !markets.contains(market)) {
                (mk.isMap() ? mk : s).problem(mk.isMap() ? "scenario" : "market", "'" + market + "' is not a bundled market; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(markets)));
            }
            String contract = s.optStr("contract", null);
            if (contract != null && !contractIds.contains(contract)) s.problem("contract", "no contract '" + contract + "' in the file"
                    + (contractIds.isEmpty() ? "" : "; contracts: " + String.join(", ", new java.util.TreeSet<>(contractIds))));
            Company.Contract con = contract == null ? null : contracts.stream().filter(c -> contract.equals(c.id())).findFirst().orElse(null);
            if (con != null && con.type() != Company.ContractType.FIXED && market == null) {
                s.problem("contract", "the " + YNode.spelling(con.type()) + " contract '" + contract + "' follows a market price; give the line a market:");
            }
            // the production regions and end use the regime lists (an unknown one would be refused at every assessment)
            List<YNode> regionItems = s.field("production_regions").isScalar() ? List.of(s.field("production_regions"))
                    : s.field("production_regions").items();
            for (YNode r : regionItems) {
                String code = r.text();
                if (code != null && regime.region(code.toUpperCase(java.util.Locale.ROOT)).isEmpty()) {
                    r.problem("unknown production region '" + code + "'; expected one of the regime's regions (ISO 3166-2, "
                            + "lodestone regime info lists them)");
                }
            }
            String endUse = s.optStr("end_use", null);
            if (endUse != null && regime.endUse(endUse.toLowerCase(java.util.Locale.ROOT)).isEmpty()) {
                s.problem("end_use", "unknown end use '" + endUse + "'; expected one of "
                        + String.join(", ", regime.endUses().stream().map(u -> u.code()).toList()));
            }
            Map<String, Integer> at = new LinkedHashMap<>();
            for (String k : s.keys()) at.put(k, s.field(k).line());
            for (String k : content.keys()) at.put("content." + k, content.field(k).line());
            for (String k : mk.keys()) at.put("market." + k, mk.field(k).line());
            Company.SourcingLine line = new Company.SourcingLine(id, s.optStr("material", id), s.optStr("supplier", ""),
                    origin == null ? null : origin.toUpperCase(java.util.Locale.ROOT), hts, q, unit, price, currency, incoterm, freight, cq, cu,
                    s.strList("documents"), pref, bomFile, bomJson, market, market == null ? null : (share == null ? BigDecimal.ONE : share), contract,
                    s.line(), s.path(), Map.copyOf(at), s.strList("production_regions"), s.optStr("end_use", null), metalValue);
            lines.add(line);
            if (p.size() == problemsBefore) {
                // the entry lodestone assess would be given for this line: what its parse refuses (a content unit, a supplier
                // that is not a name, …) is a problem of the file, at the field's line — not a line left out of a total later
                try {
                    entryFields.parse(Exposure.entryFields(importer, line, date != null ? date : today,
                            Exposure.customsValue(line, price))::get, s.line());
                } catch (EntryRejected r) {
                    p.add(problemAt(fileName, rootLines, line, r, r.reason()));
                }
            }
        }

        List<Company.Product> products = new ArrayList<>();
        Set<String> productIds = new HashSet<>();
        for (YNode pr : root.field("products").items()) {
            if (!pr.requireMap()) continue;
            pr.allowOnly("id", "name", "annual_volume", "bom", "minerals");
            String id = pr.str("id");
            if (id != null && !productIds.add(id)) pr.problem("id", "'" + id + "' is used by another product");
            BigDecimal vol = bounded(pr, "annual_volume", positive(pr, "annual_volume", true));
            List<Company.BomItem> bom = new ArrayList<>();
            for (YNode b : pr.field("bom").items()) {
                if (!b.requireMap()) continue;
                b.allowOnly("line", "quantity");
                String l = b.str("line");
                if (l != null && !lineIds.contains(l)) b.problem("line", "no sourcing line '" + l + "'"
                        + (lineIds.isEmpty() ? "" : "; lines: " + String.join(", ", new java.util.TreeSet<>(lineIds))));
                bom.add(new Company.BomItem(l, bounded(b, "quantity", positive(b, "quantity", true)), b.line()));
            }
            Map<String, BigDecimal> mins = new LinkedHashMap<>();
            YNode m = pr.field("minerals");
            if (!m.isMissing() && m.requireMap()) {
                for (String k : m.keys()) {
                    if (!minerals.contains(k)) {
                        String near = lodestone.market.Scenario.nearestName(k, new ArrayList<>(new java.util.TreeSet<>(minerals)));
                        m.problem(k, "'" + k + "' is not a regime mineral" + (near == null ? "" : " (did you mean '" + near + "'?)") + "; expected one of the 2025 list's ids (e.g. neodymium, dysprosium, gallium, lithium, cobalt)");
                    }
                    BigDecimal v = bounded(m, k, positive(m, k, true));
                    if (v != null) mins.put(k, v);
                }
            }
            products.add(new Company.Product(id, pr.optStr("name", id), vol, bom, mins, pr.line()));
        }
        if (lines.isEmpty() && p.isEmpty()) root.problem("sourcing", "no sourcing lines; an exposure needs at least one");
        overused(products, lines, fileName, p);
        if (!p.isEmpty()) throw new Invalid(p.sorted());
        return new Company(name, importer, date, products, lines, contracts, fileName, Map.copyOf(rootLines));
    }

    /**
     * A line the products use more of than it supplies (Σ over products of BOM quantity × annual volume above the line's
     * quantity a year): refused at the line's quantity, naming each product's use. Its products would otherwise cost more
     * than the line, and the company's total (reported: 1.4 kg × 300,000 units = 420,000 kg of a 210,000 kg line gave a product
     * cost of $4,288,200 against a total of $2,144,100, without a word).
     */
    private static void overused(List<Company.Product> products, List<Company.SourcingLine> lines, String fileName, Problems p) {
        for (Company.SourcingLine l : lines) {
            if (l.id() == null || l.quantity() == null || l.quantity().signum() <= 0) continue;
            BigDecimal used = BigDecimal.ZERO;
            List<String> uses = new ArrayList<>();
            for (int i = 0; i < products.size(); i++) {
                Company.Product pr = products.get(i);
                if (pr.annualVolume() == null || pr.annualVolume().signum() <= 0) continue;
                for (Company.BomItem b : pr.bom()) {
                    if (!l.id().equals(b.line()) || b.quantity() == null || b.quantity().signum() <= 0) continue;
                    BigDecimal u = b.quantity().multiply(pr.annualVolume());
                    used = used.add(u);
                    uses.add("products[" + i + "] '" + pr.id() + "' (line " + b.at() + "): " + plain(b.quantity()) + " " + l.unit() + " a unit × "
                            + plain(pr.annualVolume()) + " units = " + plain(u) + " " + l.unit());
                }
            }
            if (used.compareTo(l.quantity()) > 0) {
                p.add(fileName, l.lineOf("quantity"), l.path() + ".quantity", plain(l.quantity()) + " " + l.unit() + " a year is less than the "
                        + "products use of this line, " + plain(used) + " " + l.unit() + " a year (" + String.join("; ", uses) + "); a product cannot "
                        + "use more of a line than the line supplies: raise the line's quantity, or lower the products' volumes or BOM quantities");
            }
        }
    }

    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /** The company-file key that gives each entry field of a sourcing line (customs_value is quantity × price). */
    private static final Map<String, String> FILE_KEY = Map.ofEntries(Map.entry("line_id", "id"), Map.entry("hts", "hts"),
            Map.entry("origin", "origin"), Map.entry("currency", "currency"), Map.entry("quantity", "quantity"), Map.entry("unit", "unit"),
            Map.entry("customs_value", "price"), Map.entry("content_quantity", "content.quantity"), Map.entry("content_unit", "content.unit"),
            Map.entry("producer", "supplier"), Map.entry("documents", "documents"), Map.entry("preference", "preference"), Map.entry("bom", "bom"),
            Map.entry("production_regions", "production_regions"), Map.entry("end_use", "end_use"),
            Map.entry("metal_content_value", "metal_content_value"));

    /**
     * A problem the assessment's entry parse (or the assessment) found {@code r} (its field) of line {@code l}, said as {@code message},
     * located at the company-file field that gives it: {@code unit} at the line's {@code unit:} line, {@code producer} at its
     * {@code supplier:}, {@code content_unit} at {@code content: {unit:}}, the entry date at the file's {@code date:}, the
     * importer at {@code importer:} (or {@code company:}). A field without a key of its own is put at the line's first line.
     */
    public static Problem problemAt(String file, Map<String, Integer> rootLines, Company.SourcingLine l, EntryRejected r, String message) {
        // a rate missing on the date converted at is said at the date by the assessment (a bulk line's own date); here that date
        // is the evaluation's or a scenario's, not the file's: the line whose currency has no rate then is where to look
        String entryField = l.currency().equals(r.noRateFor()) ? "currency" : r.field();
        if (entryField.equals("entry_date") || entryField.equals("importer")) {
            String key = entryField.equals("entry_date") ? "date" : rootLines.containsKey("importer") ? "importer" : "company";
            return new Problem(file, rootLines.getOrDefault(key, 1), key, message + " (sourcing line " + l.id() + ")");
        }
        String key = FILE_KEY.get(entryField);
        if (key == null) return new Problem(file, l.line(), l.path(), entryField + ": " + message);
        if (entryField.equals("customs_value")) message = "the line's customs value (quantity × price"
                + (l.freight() != null && isCOrD(l.incoterm()) ? " less freight" : "") + "): " + message;
        return new Problem(file, l.lineOf(key), l.path() + "." + key, message);
    }

    /**
     * The alpha-2 code to write for a country given by its name, its alpha-3 code or "UK" (": write CL (Chile)"; names
     * that contain the text when none is exact, up to three), else " (e.g. CN, JP)".
     */
    /**
     * Names of trade and of other lists for countries whose regime name (CLDR's short name: "Congo - Kinshasa", "South Korea",
     * "Türkiye") they do not hold, nor contain: a buyer of cobalt from the DRC wrote "DRC" and was told only "(e.g. CN, JP)".
     */
    private static final Map<String, String> TRADE_NAMES = Map.ofEntries(
            Map.entry("uk", "GB"), Map.entry("drc", "CD"), Map.entry("dr congo", "CD"), Map.entry("dem. rep. congo", "CD"),
            Map.entry("democratic republic of the congo", "CD"), Map.entry("democratic republic of congo", "CD"),
            Map.entry("congo, democratic republic of the", "CD"), Map.entry("republic of korea", "KR"), Map.entry("korea, republic of", "KR"),
            Map.entry("rok", "KR"), Map.entry("uae", "AE"), Map.entry("turkey", "TR"), Map.entry("viet nam", "VN"),
            Map.entry("russian federation", "RU"), Map.entry("czech republic", "CZ"), Map.entry("lao pdr", "LA"), Map.entry("burma", "MM"));

    static String codeFor(Regime regime, String given) {
        String g = given.trim().toLowerCase(java.util.Locale.ROOT);
        List<lodestone.regime.geo.Country> exact = new ArrayList<>(), partial = new ArrayList<>();
        for (lodestone.regime.geo.Country c : regime.geography().countries()) {
            String name = c.name() == null ? "" : c.name().toLowerCase(java.util.Locale.ROOT);
            if (name.equals(g) || g.equalsIgnoreCase(c.alpha3()) || c.alpha2().equals(TRADE_NAMES.get(g))) exact.add(c);
            else if (g.length() >= 4 && name.contains(g)) partial.add(c);
        }
        List<lodestone.regime.geo.Country> found = exact.isEmpty() ? partial : exact;
        if (found.isEmpty() || found.size() > 3) return " (e.g. CN, JP)";
        found.sort(java.util.Comparator.comparing(lodestone.regime.geo.Country::alpha2));
        return ": write " + String.join(" or ", found.stream().map(c -> c.alpha2() + " (" + c.name() + ")").toList());
    }

    static boolean isCOrD(String incoterm) {
        return incoterm.startsWith("C") || incoterm.startsWith("D");
    }

    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(EntryFields.MAX_INTEGER_DIGITS);
    /** The longest price lag of an indexed contract or a collar: ten years. */
    static final BigDecimal MAX_LAG_MONTHS = BigDecimal.valueOf(120);

    /**
     * {@code v} (read from {@code key}) within the bounds an entry's numbers have (docs/bulk-format.md): below 10^15 with at
     * most 9 decimal places; out of them it is reported (as the file wrote it) and null is returned.
     */
    private static BigDecimal bounded(YNode n, String key, BigDecimal v) {
        if (v == null || v.signum() < 0) return v; // a negative number is reported as such
        if (v.compareTo(LIMIT) >= 0 || v.stripTrailingZeros().scale() > EntryFields.MAX_DECIMALS) {
            String t = n.field(key).text();
            n.problem(key, "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "' is out of bounds: numbers must be below 10^"
                    + EntryFields.MAX_INTEGER_DIGITS + " with at most " + EntryFields.MAX_DECIMALS + " decimal places (as lodestone assess takes "
                    + "them — docs/bulk-format.md)");
            return null;
        }
        return v;
    }

    private static BigDecimal positive(YNode n, String key, boolean required) {
        BigDecimal v = n.decimal(key, required);
        if (v != null && v.signum() <= 0) n.problem(key, v.toPlainString() + " is not positive; expected a number greater than zero");
        return v;
    }

    private static BigDecimal nonNegative(YNode n, String key, boolean required) {
        BigDecimal v = n.decimal(key, required);
        if (v != null && v.signum() < 0) n.problem(key, v.toPlainString() + " is negative; expected zero or more");
        return v;
    }
}
