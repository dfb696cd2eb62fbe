package lodestone.market;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario file (docs/scenario-format.md) from SnakeYAML's node tree, which keeps line numbers,
 * and collects every problem with "file:line: field: message" before giving up; a scenario with any
 * problem is never built.
 */
final class ScenarioReader {
    private static final Set<String> ISO = Set.of(Locale.getISOCountries());
    private static final List<String> TOP = List.of("scenario", "description", "mineral", "product", "baseline", "units",
            "reference_year", "reference_price", "sources", "groups", "club", "regions", "transport", "tariffs", "policies",
            "horizon", "uncertainty");
    private static final List<String> WITH_BASELINE = List.of("scenario", "description", "baseline", "sources", "club",
            "tariffs", "policies", "horizon", "uncertainty");

    private final String file;
    private final Path dir;
    private final List<String> problems = new ArrayList<>();
    private final int depth;
    /** The regime's names, or null to read a synthetic market without the regime link. */
    private final ScenarioCheck check;
    /**
     * The date a regime group in countries: or as a region id is taken on: 1 July of reference_year, else today in UTC
     * (as every default date of the server, docs/api.md "Dates") — never the machine's zone, which made the same file give
     * another day's members at 23:30 in Los Angeles than in London. A group so taken on today is named in
     * {@link #todaysGroups} and the scenario says so ({@link Scenario#notes()}).
     */
    private LocalDate asOf = LocalDate.now(java.time.ZoneOffset.UTC);
    /** Whether {@link #asOf} is today (no reference_year), and the regime groups taken on it, in the order met. */
    private boolean asOfToday = true;
    private final Set<String> todaysGroups = new LinkedHashSet<>();
    /** units.price, named when a curve's price looks like another unit's. */
    private String priceUnit = "";
    /**
     * Policies refused for their own (reported) problems: the horizon does not also call a path's policy label or a
     * parameter (floor, strike) unknown because of them — one mistake, one error. An unlabelled refused policy's
     * default label cannot be known, so then no path label is called unknown.
     */
    final Set<String> refusedPolicyLabels = new java.util.HashSet<>();
    /** Region ids refused for their own problem, with their field ("regions[4].id"): a reference it may stand for says so. */
    private final Map<String, String> refusedRegionIds = new java.util.LinkedHashMap<>();
    boolean policyRefused;
    boolean unlabelledPolicyRefused;

    ScenarioReader(String file, Path dir, ScenarioCheck check) {
        this(file, dir, check, 0);
    }

    private ScenarioReader(String file, Path dir, ScenarioCheck check, int depth) {
        this.file = file;
        this.dir = dir;
        this.check = check;
        this.depth = depth;
    }

    Scenario read(String text) throws ScenarioException {
        Node root;
        LoaderOptions options = new LoaderOptions();
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new ScenarioException(List.of(file + ":" + line + ": not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            // a character YAML does not allow, nesting beyond the limit: placed by YamlSyntax (SnakeYAML gives no mark)
            lodestone.regime.io.YamlSyntax.Refusal r = lodestone.regime.io.YamlSyntax.describe(e, text, options);
            throw new ScenarioException(List.of(file + (r.line() > 0 ? ":" + r.line() : "") + ": not valid YAML: " + r.message()));
        }
        if (root == null) throw new ScenarioException(List.of(file + ":1: the file is empty (expected a scenario mapping)"));
        Map<String, Node> top = map(root, "", null);
        if (top == null) throw new ScenarioException(problems);
        Scenario base = null;
        if (top.containsKey("baseline")) {
            base = baseline(top.get("baseline"));
            if (base == null) throw new ScenarioException(problems);
            for (Map.Entry<String, Node> e : top.entrySet()) {
                if (!WITH_BASELINE.contains(e.getKey())) {
                    problem(e.getValue(), e.getKey(), "not allowed in a scenario that names a baseline (the market comes from "
                            + "the baseline; allowed: " + String.join(", ", WITH_BASELINE) + ")");
                }
            }
        } else {
            checkKeys(root, top, "", TOP);
        }
        String name = text(top, "scenario", "", true);
        String description = top.containsKey("description") ? text(top, "description", "", false) : "";
        List<String> minerals;
        String product;
        String qUnit;
        String pUnit;
        double refPrice;
        List<Region> regions;
        double[][] transport;
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Integer referenceYear = base == null ? null : base.referenceYear;
        if (base == null) {
            minerals = minerals(top.get("mineral"), root);
            product = top.containsKey("product") ? text(top, "product", "", false) : String.join(" + ", minerals);
            Map<String, Node> units = map(top.get("units"), "units", List.of("quantity", "price"));
            if (top.get("units") == null) missing(root, "units", "a mapping {quantity: t, price: USD/kg}");
            qUnit = units == null ? "" : text(units, "quantity", "units.", true, top.get("units"));
            pUnit = units == null ? "" : text(units, "price", "units.", true, top.get("units"));
            Double year = top.containsKey("reference_year") ? number(top.get("reference_year"), "reference_year", 1900, 2100) : null;
            if (year != null && year != Math.rint(year)) { // a year is whole: 2025.5 was read as 2025 without a word
                problem(top.get("reference_year"), "reference_year", "expected a whole year, found "
                        + ((ScalarNode) top.get("reference_year")).getValue());
                year = null;
            }
            if (year != null) referenceYear = year.intValue();
            // a regime group in countries: or as a region id means its members on 1 July of the reference year
            asOf = year == null ? LocalDate.now(java.time.ZoneOffset.UTC) : LocalDate.of(year.intValue(), 7, 1);
            asOfToday = year == null;
            refPrice = positive(top, "reference_price", "", root);
            priceUnit = pUnit == null ? "" : pUnit;
            if (top.containsKey("groups")) groups(top.get("groups"), groups);
            regions = regions(top.get("regions"), root, groups, refPrice);
            transport = transport(top.get("transport"), regions);
        } else {
            minerals = base.minerals;
            product = base.product;
            qUnit = base.quantityUnit;
            pUnit = base.priceUnit;
            refPrice = base.referencePrice;
            regions = base.regions;
            transport = base.transport;
        }
        List<String> ids = regions.stream().map(Region::id).toList();
        int n = regions.size();
        double[][] adv = base == null ? new double[n][n] : copy(base.tariffAdValorem);
        double[][] spec = base == null ? new double[n][n] : copy(base.tariffSpecific);
        if (top.containsKey("tariffs")) tariffs(top.get("tariffs"), ids, adv, spec);
        List<String> club = new ArrayList<>(base == null ? List.of() : base.club);
        if (top.containsKey("club")) club = regionList(top.get("club"), "club", ids);
        List<Policy> policies = new ArrayList<>(base == null ? List.of() : base.policies);
        if (top.containsKey("policies")) policies(top.get("policies"), ids, club, policies);
        if (club.isEmpty()) {
            for (Policy p : policies) {
                if (p instanceof Policy.PriceFloor f) {
                    for (int m : f.members()) club.add(ids.get(m));
                    break;
                }
            }
        }
        Horizon horizon = base == null ? null : base.horizon;
        if (top.containsKey("horizon")) horizon = new HorizonReader(this, ids, policies, regions).read(top.get("horizon"), top.get("uncertainty"));
        else if (top.containsKey("uncertainty")) problem(top.get("uncertainty"), "uncertainty", "uncertain parameters need a horizon: (the years they act on)");
        if (top.containsKey("horizon") && horizon != null && referenceYear != null && horizon.from() != referenceYear) {
            // the first year of a path is the market as written: 2030-2040 on a 2025 market lost five years of growth
            Node years = top.get("horizon") instanceof MappingNode hm ? hm.getValue().stream()
                    .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("years"))
                    .map(NodeTuple::getValueNode).findFirst().orElse(top.get("horizon")) : top.get("horizon");
            problem(years, "horizon.years", "the path starts in " + horizon.from() + ", but the market is of reference_year "
                    + referenceYear + "; a path's first year is the market as written (growth counts from it), so start it in "
                    + referenceYear + " (years: " + referenceYear + "-" + horizon.to() + ") or write the market of " + horizon.from());
        }
        if (!problems.isEmpty()) throw new ScenarioException(problems);
        Scenario withoutPolicies = base != null ? base
                : new Scenario(name, description, minerals, product, qUnit, pUnit, refPrice, regions, club, transport, adv, spec, List.of(), null);
        Scenario out = new Scenario(name, description, minerals, product, qUnit, pUnit, refPrice, regions, club, transport, adv, spec,
                policies, policies.isEmpty() && base == null ? null : withoutPolicies);
        out.horizon = horizon;
        out.referenceYear = referenceYear;
        if (check != null) {
            Map<String, Object> made = new LinkedHashMap<>();
            made.put("regime", check.regime().id());
            made.put("regime_version", check.regime().version());
            made.put("regime_fingerprint", check.regime().fingerprint());
            made.put("scenario_sha256", sha256(text, base));
            out.madeFrom = java.util.Collections.unmodifiableMap(made);
            if (withoutPolicies != out && withoutPolicies != base) withoutPolicies.madeFrom = out.madeFrom;
        }
        if (base != null) out.notes = base.notes;
        else if (!todaysGroups.isEmpty()) {
            out.notes = List.of("regions: the regime's groups (" + String.join(", ", todaysGroups) + ") are taken with their members on "
                    + asOf + ", today in UTC, as the file has no reference_year: another day may give other members; give "
                    + "reference_year to fix the date");
        }
        if (withoutPolicies != out && withoutPolicies != base) withoutPolicies.notes = out.notes;
        if (withoutPolicies != out && withoutPolicies != base) withoutPolicies.referenceYear = referenceYear;
        return out;
    }

    /** SHA-256 (hex) of the scenario's text followed by its baseline's own digest, if it has one. */
    private static String sha256(String text, Scenario base) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Object b = base == null ? null : base.madeFrom.get("scenario_sha256");
            if (b != null) {
                d.update((byte) 0);
                d.update(b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    private Scenario baseline(Node node) {
        String ref = scalar(node, "baseline");
        if (ref == null) return null;
        if (depth > 4) {
            problem(node, "baseline", "baselines nest too deeply (a cycle?)");
            return null;
        }
        String text = null;
        String shown = ref;
        if (dir != null) {
            Path p = dir.resolve(ref.endsWith(".yaml") ? ref : ref + ".yaml");
            if (Files.isRegularFile(p)) {
                try {
                    text = lodestone.regime.io.UserText.read(p);
                    shown = p.toString();
                } catch (lodestone.regime.io.UserText.NotUtf8 e) {
                    problem(node, "baseline", p + ": " + e.getMessage());
                    return null;
                } catch (java.io.IOException e) {
                    problem(node, "baseline", "cannot read " + p + ": " + e.getMessage());
                    return null;
                }
            }
        }
        if (text == null) {
            text = Scenario.bundledText(ref);
            shown = ref.endsWith(".yaml") ? ref : ref + ".yaml";
        }
        if (text == null) {
            String file = ref.endsWith(".yaml") ? ref : ref + ".yaml";
            // a text read without its folder (the API's "text", the web page's file box) was told to look "next to this
            // file", which it has none of: say what it can name, and how to send a market of one's own
            problem(node, "baseline", dir != null ? "no scenario '" + ref + "' next to this file (" + file + " in " + dir
                    + ") or among the bundled markets"
                    : "no bundled scenario '" + ref + "'; a text read without its folder (the API's \"text\", the web page's"
                    + " file) can name only a bundled baseline (" + String.join(", ", Scenario.bundledNames().stream()
                    .map(Scenario.BundledScenario::name).toList()) + "): send your market and its scenario as one text,"
                    + " without baseline:");
            return null;
        }
        try {
            return new ScenarioReader(shown, dir, check, depth + 1).read(text);
        } catch (ScenarioException e) {
            problem(node, "baseline", "the baseline '" + ref + "' is invalid:");
            problems.addAll(e.problems());
            return null;
        }
    }

    // ---------------------------------------------------------------- regions and curves

    private List<String> minerals(Node node, Node root) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            missing(root, "mineral", check == null ? "a value"
                    : "a mineral of the regime, e.g. cobalt, or a list of them, e.g. [neodymium, praseodymium]");
            return out;
        }
        boolean many = node instanceof SequenceNode;
        List<Node> items = many ? list(node, "mineral") : List.of(node);
        for (int i = 0; items != null && i < items.size(); i++) {
            String f = many ? "mineral[" + i + "]" : "mineral";
            String id = scalar(items.get(i), f);
            if (id == null) continue;
            String wrong = check == null ? null : check.mineral(id);
            if (wrong != null) problem(items.get(i), f, wrong);
            else if (!out.contains(id)) out.add(id);
        }
        if (items != null && items.isEmpty()) problem(node, "mineral", "at least one mineral is needed");
        return out;
    }

    /** A country code or a group (the file's groups: first, then the regime's), expanded; null when unknown. */
    private List<String> expand(String c, Map<String, List<String>> groups) {
        if (groups.containsKey(c)) return groups.get(c);
        if (check == null) return ISO.contains(c) ? List.of(c) : null;
        if (check.isGroup(c)) {
            if (asOfToday) todaysGroups.add(c);
            return check.groupMembers(c, asOf);
        }
        return check.isCountry(c) ? List.of(c) : null;
    }

    private String unknownCountry(String c, String where) {
        return check != null ? check.unknownCountry(c)
                : "unknown country or group '" + c + "' (expected an ISO 3166 alpha-2 code or " + where + ")";
    }

    private void groups(Node node, Map<String, List<String>> groups) {
        Map<String, Node> g = map(node, "groups", null);
        if (g == null) return;
        for (Map.Entry<String, Node> e : g.entrySet()) {
            List<Node> items = list(e.getValue(), "groups." + e.getKey());
            if (items == null) continue;
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String c = scalar(items.get(i), "groups." + e.getKey() + "[" + i + "]");
                if (c == null) continue;
                List<String> expanded = expand(c, groups);
                if (expanded != null) codes.addAll(expanded);
                else problem(items.get(i), "groups." + e.getKey() + "[" + i + "]", unknownCountry(c, "a group defined above"));
            }
            groups.put(e.getKey(), codes);
        }
    }

    private List<Region> regions(Node node, Node root, Map<String, List<String>> groups, double refPrice) {
        List<Region> out = new ArrayList<>();
        if (node == null) {
            missing(root, "regions", "a list of regions");
            return out;
        }
        List<Node> items = list(node, "regions");
        if (items == null) return out;
        Set<String> ids = new LinkedHashSet<>();
        Map<String, Integer> countryOwner = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String f = "regions[" + i + "]";
            Map<String, Node> r = map(items.get(i), f, List.of("id", "name", "countries", "aggregate", "supply", "recycled",
                    "demand", "sources"));
            if (r == null) continue;
            String id = text(r, "id", f + ".", true, items.get(i));
            if (id != null && !ids.add(id)) problem(r.get("id"), f + ".id", "duplicate region id '" + id + "'");
            String where = f + (id == null ? "" : " (" + id + ")");
            String name = r.containsKey("name") ? text(r, "name", f + ".", false) : id;
            boolean aggregate = r.containsKey("aggregate") && bool(r.get("aggregate"), f + ".aggregate");
            // the regime link: a region is a country or a group of the regime, or a declared aggregate
            List<String> implied = null;
            if (check != null && id != null && !aggregate) {
                if (check.isCountry(id)) implied = List.of(id);
                else if (check.isGroup(id)) {
                    implied = check.groupMembers(id, asOf);
                    if (asOfToday) todaysGroups.add(id);
                    if (implied.isEmpty()) problem(r.get("id"), f + ".id", "the regime's group " + id + " has no members on " + asOf
                            + (asOfToday ? " (today in UTC: the file has no reference_year)" : " (1 July of reference_year)"));
                }
                else {
                    problem(r.get("id"), f + ".id", check.unknownRegion(id));
                    refusedRegionIds.put(id, f + ".id");
                }
            }
            List<String> countries = new ArrayList<>();
            List<Node> cs = null;
            if (!r.containsKey("countries")) {
                if (implied == null && (check == null || aggregate || id == null)) {
                    missing(items.get(i), f + ".countries", "a list of " + (check == null ? "ISO 3166 alpha-2 codes or group names"
                            : "country codes or country groups of the regime"));
                }
            } else {
                cs = list(r.get("countries"), f + ".countries");
            }
            List<Node> tokens = cs;
            List<String> names = new ArrayList<>();
            if (cs != null) {
                for (int k = 0; k < cs.size(); k++) names.add(scalar(cs.get(k), f + ".countries[" + k + "]"));
            } else if (implied != null) {
                names.addAll(implied);
                tokens = java.util.Collections.nCopies(implied.size(), r.get("id"));
            }
            for (int k = 0; tokens != null && k < tokens.size(); k++) {
                String c = names.get(k);
                if (c == null) continue;
                String field = cs != null ? f + ".countries[" + k + "]" : f + ".id";
                List<String> expanded = expand(c, groups);
                if (expanded == null) {
                    problem(tokens.get(k), field, unknownCountry(c, "a name under groups:"));
                    continue;
                }
                for (String code : expanded) {
                    Integer owner = countryOwner.putIfAbsent(code, i);
                    if (owner != null && owner != i) {
                        problem(tokens.get(k), field, code + " is already in regions[" + owner + "]"
                                + (out.size() > owner ? " (" + out.get(owner).id() + ")" : ""));
                    }
                    if (!countries.contains(code)) countries.add(code);
                }
            }
            if (implied != null && cs != null && !countries.containsAll(implied)) {
                problem(r.get("countries"), f + ".countries", "region '" + id + "' is the regime's "
                        + (implied.size() == 1 && implied.get(0).equals(id) ? "country " : "group ") + id
                        + ", so its countries must include " + (implied.size() == 1 ? id : "every member of " + id)
                        + " (or say aggregate: true)");
            }
            List<Curve> supply = curves(r.get("supply"), where + ".supply", true, refPrice);
            List<Curve> recycled = curves(r.get("recycled"), where + ".recycled", true, refPrice);
            Curve demand = null;
            if (r.containsKey("demand")) demand = curve(r.get("demand"), where + ".demand", false, refPrice);
            out.add(new Region(id == null ? "?" : id, name == null ? "" : name, countries, supply, recycled, demand));
        }
        if (items.isEmpty()) problem(node, "regions", "at least one region is needed");
        return out;
    }

    private List<Curve> curves(Node node, String field, boolean supply, double refPrice) {
        List<Curve> out = new ArrayList<>();
        if (node == null) return out;
        if (node instanceof MappingNode) {
            Curve c = curve(node, field, supply, refPrice);
            if (c != null) out.add(c);
            return out;
        }
        List<Node> items = list(node, field);
        for (int i = 0; items != null && i < items.size(); i++) {
            Curve c = curve(items.get(i), field + "[" + i + "]", supply, refPrice);
            if (c != null) out.add(c);
        }
        return out;
    }

    private Curve curve(Node node, String field, boolean supply, double refPrice) {
        Map<String, Node> c = map(node, field, List.of("type", "quantity", "elasticity", "price", "intercept", "slope",
                "steps", "source", "note"));
        if (c == null) return null;
        String type = text(c, "type", field + ".", true, node);
        if (type == null) return null;
        String kind = supply ? "supply" : "demand";
        switch (type) {
            case "linear" -> {
                if (c.containsKey("intercept") || c.containsKey("slope")) {
                    Double a = number(c.get("intercept"), field + ".intercept", -ScenarioLimits.MAX_MAGNITUDE, ScenarioLimits.MAX_MAGNITUDE);
                    Double b = number(c.get("slope"), field + ".slope", supply ? 0 : -ScenarioLimits.MAX_MAGNITUDE, supply ? ScenarioLimits.MAX_MAGNITUDE : 0);
                    if (!c.containsKey("intercept")) missing(node, field + ".intercept", "a number");
                    if (!c.containsKey("slope")) missing(node, field + ".slope", supply ? "a number ≥ 0" : "a number ≤ 0");
                    if (a == null || b == null) return null;
                    double atRef = a + b * refPrice;
                    if (atRef < 0) { // (not checked when the reference price itself is invalid: NaN)
                        problem(node, field, String.format(Locale.ROOT, "the %s curve gives a negative quantity (%s) at the "
                                + "reference price %s; quantities cannot be negative", kind, fmt(atRef), fmt(refPrice)));
                        return null;
                    }
                    return new Curve.Linear(a, b);
                }
                double[] qe = calibration(c, node, field, supply, refPrice);
                if (qe == null) return null;
                double slope = qe[1] * qe[0] / qe[2];
                return new Curve.Linear(qe[0] - slope * qe[2], slope);
            }
            case "isoelastic" -> {
                double[] qe = calibration(c, node, field, supply, refPrice);
                if (qe == null) return null;
                if (qe[0] == 0) {
                    problem(c.get("quantity"), field + ".quantity", "an isoelastic curve needs a positive reference quantity");
                    return null;
                }
                return new Curve.Isoelastic(qe[0], qe[2], qe[1]);
            }
            case "fixed" -> {
                Double q = number(c.get("quantity"), field + ".quantity", 0, ScenarioLimits.MAX_MAGNITUDE);
                if (!c.containsKey("quantity")) missing(node, field + ".quantity", "a number ≥ 0");
                return q == null ? null : new Curve.Linear(q, 0);
            }
            case "steps" -> {
                if (!supply) {
                    problem(node, field + ".type", "a step curve is a supply curve (project or deposit costs), not demand");
                    return null;
                }
                List<Node> steps = c.containsKey("steps") ? list(c.get("steps"), field + ".steps") : null;
                if (!c.containsKey("steps")) missing(node, field + ".steps", "a list of {name, cost, capacity}");
                if (steps == null) return null;
                double[] cost = new double[steps.size()];
                double[] cap = new double[steps.size()];
                String[] names = new String[steps.size()];
                boolean ok = true;
                for (int k = 0; k < steps.size(); k++) {
                    String sf = field + ".steps[" + k + "]";
                    Map<String, Node> s = map(steps.get(k), sf, List.of("name", "cost", "capacity", "source", "note", "country"));
                    if (s == null) {
                        ok = false;
                        continue;
                    }
                    names[k] = s.containsKey("name") ? text(s, "name", sf + ".", false) : "step " + (k + 1);
                    Double cc = number(s.get("cost"), sf + ".cost", 0, ScenarioLimits.MAX_MAGNITUDE);
                    Double cp = number(s.get("capacity"), sf + ".capacity", 0, ScenarioLimits.MAX_MAGNITUDE);
                    if (!s.containsKey("cost")) missing(steps.get(k), sf + ".cost", "a unit cost ≥ 0");
                    if (!s.containsKey("capacity")) missing(steps.get(k), sf + ".capacity", "a capacity ≥ 0");
                    if (cc == null || cp == null) {
                        ok = false;
                        continue;
                    }
                    cost[k] = cc;
                    cap[k] = cp;
                }
                return ok ? new Curve.Steps(cost, cap, names) : null;
            }
            default -> {
                problem(c.get("type"), field + ".type", "unknown curve type '" + type + "' (expected linear, isoelastic, fixed"
                        + (supply ? " or steps)" : ")"));
                return null;
            }
        }
    }

    /** {quantity, elasticity, price} of a calibrated curve; price defaults to the reference price. */
    private double[] calibration(Map<String, Node> c, Node node, String field, boolean supply, double refPrice) {
        Double q = number(c.get("quantity"), field + ".quantity", 0, ScenarioLimits.MAX_MAGNITUDE);
        Double e = number(c.get("elasticity"), field + ".elasticity", supply ? 0 : -ScenarioLimits.MAX_MAGNITUDE, supply ? ScenarioLimits.MAX_MAGNITUDE : 0);
        Double p = c.containsKey("price") ? number(c.get("price"), field + ".price", Double.MIN_VALUE, ScenarioLimits.MAX_MAGNITUDE)
                : Double.isNaN(refPrice) ? null : Double.valueOf(refPrice);
        if (!c.containsKey("quantity")) missing(node, field + ".quantity", "the reference-year quantity ≥ 0");
        if (!c.containsKey("elasticity")) missing(node, field + ".elasticity", supply ? "a price elasticity ≥ 0" : "a price elasticity ≤ 0");
        if (q == null || e == null || p == null || !(p > 0)) return null;
        if (c.containsKey("price") && refPrice > 0 && (p >= 100 * refPrice || p * 100 <= refPrice)) {
            // a price in another unit (USD/t in a file of USD/kg) was read as a calibration point 1,000 times the reference
            double ratio = p / refPrice;
            problem(c.get("price"), field + ".price", String.format(Locale.ROOT, "%s is %s reference_price %s; every price of the file is in "
                            + "%s (units.price) — a price per t in a file of prices per kg is 1,000 times too large; a curve's price is its "
                            + "region's own price, which differs from the reference price by trade costs, not by a factor of 100 or more",
                    ((ScalarNode) c.get("price")).getValue(), ratio >= 1 ? times(ratio) + " times" : "1/" + times(1 / ratio) + " of",
                    fmt(refPrice), priceUnit.isEmpty() ? "the price unit" : priceUnit));
            return null;
        }
        return new double[]{q, e, p};
    }

    private double[][] transport(Node node, List<Region> regions) {
        int n = regions.size();
        double[][] t = new double[n][n];
        if (node == null) return t;
        Map<String, Node> m = map(node, "transport", List.of("default", "arcs", "source", "note"));
        if (m == null) return t;
        double def = 0;
        if (m.containsKey("default")) {
            Node dn = m.get("default");
            // 'none': only the arcs listed below exist (a transportation network rather than a world market)
            Double d = dn instanceof ScalarNode sn && sn.getValue().equals("none") ? Double.valueOf(Double.POSITIVE_INFINITY)
                    : number(dn, "transport.default", 0, ScenarioLimits.MAX_MAGNITUDE);
            if (d != null) def = d;
        }
        for (double[] row : t) Arrays.fill(row, def);
        for (int i = 0; i < n; i++) t[i][i] = 0;
        List<String> ids = regions.stream().map(Region::id).toList();
        if (m.containsKey("arcs")) {
            List<Node> arcs = list(m.get("arcs"), "transport.arcs");
            for (int k = 0; arcs != null && k < arcs.size(); k++) {
                String f = "transport.arcs[" + k + "]";
                Map<String, Node> a = map(arcs.get(k), f, List.of("from", "to", "cost", "both_ways", "source", "note"));
                if (a == null) continue;
                List<String> from = regionList(a.get("from"), f + ".from", ids);
                List<String> to = regionList(a.get("to"), f + ".to", ids);
                if (!a.containsKey("from")) missing(arcs.get(k), f + ".from", "a region id or list");
                if (!a.containsKey("to")) missing(arcs.get(k), f + ".to", "a region id or list");
                Double cost;
                Node cn = a.get("cost");
                if (cn instanceof ScalarNode s && s.getValue().equals("none")) cost = Double.POSITIVE_INFINITY;
                else cost = number(cn, f + ".cost", 0, ScenarioLimits.MAX_MAGNITUDE);
                if (cn == null) missing(arcs.get(k), f + ".cost", "a unit cost ≥ 0, or none for no arc");
                if (cost == null) continue;
                boolean both = a.containsKey("both_ways") && bool(a.get("both_ways"), f + ".both_ways");
                if (onlyWithin(arcs.get(k), f, from, to, "an arc")) continue;
                for (String x : from) for (String y : to) {
                    if (x.equals(y)) continue;
                    t[ids.indexOf(x)][ids.indexOf(y)] = cost;
                    if (both) t[ids.indexOf(y)][ids.indexOf(x)] = cost;
                }
            }
        }
        return t;
    }

    /**
     * An entry whose every pair is one region to itself does nothing (a region's own trade has no arc and no duty): it
     * was skipped without a word, so {@code from: US, to: US} (a typo for another region) changed nothing. Lists that
     * also pair different regions keep skipping their own pairs, the shorthand for "among these regions".
     */
    private boolean onlyWithin(Node entry, String f, List<String> from, List<String> to, String what) {
        if (from.isEmpty() || to.isEmpty()) return false;
        for (String x : from) for (String y : to) if (!x.equals(y)) return false;
        problem(entry, f + ".to", what + " runs between two regions; " + String.join(", ", to) + " to itself does nothing");
        return true;
    }

    private void tariffs(Node node, List<String> ids, double[][] adv, double[][] spec) {
        List<Node> items = list(node, "tariffs");
        // the entry of this file that gives each arc's duty: a second one was read as the last alone (0.1 then 0.5
        // charged 50 %, 0.1 then specific 2 dropped the 10 %); whether it adds or replaces cannot be known, so it is
        // refused. A baseline's duties are not in it: a scenario's entry replaces the baseline's on that arc.
        Integer[][] givenBy = new Integer[ids.size()][ids.size()];
        for (int k = 0; items != null && k < items.size(); k++) {
            String f = "tariffs[" + k + "]";
            Map<String, Node> a = map(items.get(k), f, List.of("from", "to", "ad_valorem", "specific", "note", "source"));
            if (a == null) continue;
            List<String> from = a.containsKey("from") ? regionList(a.get("from"), f + ".from", ids) : ids;
            List<String> to = regionList(a.get("to"), f + ".to", ids);
            if (!a.containsKey("to")) missing(items.get(k), f + ".to", "the importing region id or list");
            Double av = a.containsKey("ad_valorem") ? adValorem(a.get("ad_valorem"), f + ".ad_valorem", "CIF value") : Double.valueOf(0);
            Double sp = a.containsKey("specific") ? number(a.get("specific"), f + ".specific", 0, ScenarioLimits.MAX_MAGNITUDE) : Double.valueOf(0);
            if (!a.containsKey("ad_valorem") && !a.containsKey("specific")) {
                missing(items.get(k), f + ".ad_valorem", "an ad valorem rate (0.25 = 25 %) and/or a specific duty per unit");
            }
            if (onlyWithin(items.get(k), f, from, to, "a duty")) continue;
            List<String> again = new ArrayList<>();
            Integer earlier = null;
            for (String x : from) for (String y : to) {
                if (x.equals(y)) continue;
                Integer g = givenBy[ids.indexOf(x)][ids.indexOf(y)];
                if (g != null) {
                    again.add(x + " → " + y);
                    if (earlier == null) earlier = g;
                } else {
                    givenBy[ids.indexOf(x)][ids.indexOf(y)] = k;
                }
            }
            if (!again.isEmpty()) {
                problem(items.get(k), f, "a second duty on " + String.join(", ", again) + ", which tariffs[" + earlier
                        + "] already charges; give each arc's duty in one entry (duties that stack add up: ad_valorem 0.055"
                        + " and 0.25 are ad_valorem: 0.305, with the specific duties summed in specific:)");
                continue;
            }
            if (av == null || sp == null) continue;
            for (String x : from) for (String y : to) {
                if (x.equals(y)) continue;
                adv[ids.indexOf(x)][ids.indexOf(y)] = av;
                spec[ids.indexOf(x)][ids.indexOf(y)] = sp;
            }
        }
    }

    // ---------------------------------------------------------------- policies

    /**
     * Reads the {@code policies:} entries: each {@code type:} is read by the instrument kind registered for it
     * ({@link Instruments}); the reader knows no instrument by name.
     */
    private void policies(Node node, List<String> ids, List<String> club, List<Policy> out) {
        List<Node> items = list(node, "policies");
        if (items == null) refusedPolicy(null);
        for (int k = 0; items != null && k < items.size(); k++) {
            String f = "policies[" + k + "]";
            Map<String, Node> p = map(items.get(k), f, null);
            if (p == null) {
                refusedPolicy(null);
                continue;
            }
            String label = p.containsKey("label") ? text(p, "label", f + ".", false) : null;
            String type = text(p, "type", f + ".", true, items.get(k));
            if (type == null) {
                refusedPolicy(label);
                continue;
            }
            Instrument.PolicyType kind = Instruments.policyType(type);
            if (kind == null) {
                problem(p.get("type"), f + ".type", "unknown policy '" + type + "' (expected one of "
                        + String.join(", ", Instruments.policyTypes().stream().sorted().toList()) + ")");
                refusedPolicy(label);
                continue;
            }
            List<String> keys = new ArrayList<>(kind.keys());
            keys.addAll(List.of("type", "label", "note", "source"));
            checkKeys(items.get(k), p, f + ".", keys);
            Policy policy = kind.read().apply(new PolicyItem(this, p, f, items.get(k), ids, club, label, List.copyOf(out)));
            if (policy != null) out.add(policy);
            else refusedPolicy(label);
        }
    }

    private void refusedPolicy(String label) {
        policyRefused = true;
        if (label == null) unlabelledPolicyRefused = true;
        else refusedPolicyLabels.add(label);
    }

    // ---------------------------------------------------------------- node helpers

    Double required(Map<String, Node> p, String key, String f, Node owner, double min) {
        if (!p.containsKey(key)) {
            missing(owner, f + "." + key, "a number ≥ " + fmt(min));
            return null;
        }
        return number(p.get(key), f + "." + key, min, ScenarioLimits.MAX_MAGNITUDE);
    }

    Integer region(Map<String, Node> p, String key, String f, Node owner, List<String> ids) {
        if (!p.containsKey(key)) {
            missing(owner, f + "." + key, "a region id (one of " + String.join(", ", ids) + ")");
            return null;
        }
        String id = scalar(p.get(key), f + "." + key);
        if (id == null) return null;
        if (!ids.contains(id)) {
            problem(p.get(key), f + "." + key, unknownRegionRef(id, ids, ""));
            return null;
        }
        return ids.indexOf(id);
    }

    /**
     * "unknown region 'US' (regions: …)" for a reference to no region; when a region's own id was refused and may be the one
     * meant (the same letters in another case, one letter off, or a near name), that is said too: one mistake, with its fix
     * (reported: a region's id typed 'UX' made every tariff into US a problem of its own, the cause not named in them).
     */
    String unknownRegionRef(String id, List<String> ids, String more) {
        StringBuilder sb = new StringBuilder("unknown region '").append(id).append("' (regions: ").append(String.join(", ", ids)).append(more).append(')');
        // only for a reference that would itself be a good region id (a country or group of the regime): 'XX' is no hint
        boolean couldBe = check != null && (check.isCountry(id) || check.isGroup(id));
        for (Map.Entry<String, String> r : couldBe ? refusedRegionIds.entrySet() : Map.<String, String>of().entrySet()) {
            String bad = r.getKey();
            boolean related = bad.equalsIgnoreCase(id) || ScenarioCheck.nearest(id, List.of(bad)) != null
                    || (bad.length() == id.length() && bad.length() <= 3 && differingLetters(bad, id) == 1);
            if (related) {
                sb.append("; ").append(r.getValue()).append(" '").append(bad).append("' is refused above: if it is meant to be ").append(id)
                        .append(", fix it there and this goes too");
                break;
            }
        }
        return sb.toString();
    }

    private static int differingLetters(String a, String b) {
        int n = 0;
        for (int i = 0; i < a.length(); i++) if (Character.toUpperCase(a.charAt(i)) != Character.toUpperCase(b.charAt(i))) n++;
        return n;
    }

    List<String> regionList(Node node, String field, List<String> ids) {
        List<String> out = new ArrayList<>();
        if (node == null) return out;
        List<Node> items = node instanceof ScalarNode ? List.of(node) : list(node, field);
        for (int i = 0; items != null && i < items.size(); i++) {
            String id = scalar(items.get(i), field);
            if (id == null) continue;
            if (!ids.contains(id)) {
                problem(items.get(i), field, unknownRegionRef(id, ids, ""));
            } else if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    Map<String, Node> map(Node node, String field, List<String> allowed) {
        if (node == null) return null;
        if (!(node instanceof MappingNode m)) {
            problem(node, field.isEmpty() ? "(top level)" : field, "expected a mapping (key: value lines)");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (k == null) {
                problem(t.getKeyNode(), field, "keys must be plain names");
                continue;
            }
            if (out.put(k, t.getValueNode()) != null) problem(t.getKeyNode(), join(field, k), "duplicate key '" + k + "'");
        }
        if (allowed != null) checkKeys(node, out, field.isEmpty() ? "" : field + ".", allowed);
        return out;
    }

    void checkKeys(Node node, Map<String, Node> m, String prefix, List<String> allowed) {
        for (Map.Entry<String, Node> e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                problem(keyNode(node, e.getKey()), prefix + e.getKey(), "unknown field (expected one of " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static Node keyNode(Node map, String key) {
        if (map instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) return t.getKeyNode();
            }
        }
        return map;
    }

    private static String join(String field, String key) {
        return field.isEmpty() ? key : field + "." + key;
    }

    List<Node> list(Node node, String field) {
        if (node instanceof SequenceNode s) return s.getValue();
        problem(node, field, "expected a list");
        return null;
    }

    String scalar(Node node, String field) {
        if (node instanceof ScalarNode s && !s.getValue().isEmpty()) return s.getValue();
        problem(node, field, "expected a single value");
        return null;
    }

    String text(Map<String, Node> m, String key, String prefix, boolean required) {
        return text(m, key, prefix, required, null);
    }

    String text(Map<String, Node> m, String key, String prefix, boolean required, Node owner) {
        Node n = m.get(key);
        if (n == null) {
            if (required) missing(owner, prefix + key, "a value");
            return null;
        }
        return scalar(n, prefix + key);
    }

    private double positive(Map<String, Node> m, String key, String prefix, Node owner) {
        if (!m.containsKey(key)) {
            missing(owner, prefix + key, "a number > 0");
            return Double.NaN;
        }
        Double v = number(m.get(key), prefix + key, Double.MIN_VALUE, ScenarioLimits.MAX_MAGNITUDE);
        return v == null ? Double.NaN : v;
    }

    Double number(Node node, String field, double min, double max) {
        if (node == null) return null;
        if (!(node instanceof ScalarNode s)) {
            problem(node, field, "expected a number");
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(node, field, "expected a number, found '" + s.getValue() + "'");
            return null;
        }
        if (!Double.isFinite(v) || v < min || v > max) {
            String range = min == Double.MIN_VALUE ? "> 0" : min <= -ScenarioLimits.MAX_MAGNITUDE ? "≤ " + fmt(max) : max >= ScenarioLimits.MAX_MAGNITUDE ? "≥ " + fmt(min)
                    : "between " + fmt(min) + " and " + fmt(max);
            problem(node, field, "expected a number " + range + ", found " + s.getValue());
            return null;
        }
        return v;
    }

    /**
     * An ad valorem rate, a fraction of {@code base} from 0 to {@link ScenarioLimits#MAX_AD_VALOREM}; above it, what the
     * number would be in percent (a rate written in percent, 15.5, was read as 1,550 %).
     */
    Double adValorem(Node node, String field, String base) {
        Double v = number(node, field, 0, ScenarioLimits.MAX_MAGNITUDE);
        if (v == null || v <= ScenarioLimits.MAX_AD_VALOREM) return v;
        java.text.DecimalFormat pct = new java.text.DecimalFormat("#,##0.####", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        problem(node, field, ((ScalarNode) node).getValue() + " would be " + pct.format(new java.math.BigDecimal(v).movePointRight(2))
                + " % of the " + base + "; ad_valorem is a fraction (0.155 = 15.5 %) of at most " + fmt(ScenarioLimits.MAX_AD_VALOREM)
                + " (" + pct.format(ScenarioLimits.MAX_AD_VALOREM * 100) + " %); a prohibitive rate is no trade: an arc with cost: none,"
                + " or an export_ban");
        return null;
    }

    boolean bool(Node node, String field) {
        if (node instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return s.getValue().equals("true");
        }
        problem(node, field, "expected true or false");
        return false;
    }

    void missing(Node owner, String field, String expected) {
        problem(owner, field, "missing (expected " + expected + ")");
    }

    void problem(Node node, String field, String message) {
        int line = node == null ? 1 : node.getStartMark().getLine() + 1;
        // a value pasted from Word: what it holds that cannot be seen (a non-breaking space, typographic quotes), as YNode says it
        String pasted = node instanceof org.yaml.snakeyaml.nodes.ScalarNode sc ? lodestone.regime.io.YNode.pasted(sc.getValue()) : "";
        problems.add(file + ":" + line + ": " + field + ": " + message + pasted);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    /** A ratio as said in a message: whole numbers with thousands separators (1,000), else three significant digits. */
    private static String times(double r) {
        return Math.abs(r - Math.rint(r)) < 1e-9 * r ? String.format(Locale.ROOT, "%,d", (long) Math.rint(r))
                : String.format(Locale.ROOT, "%,.3g", r);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.valueOf(v);
    }
}
