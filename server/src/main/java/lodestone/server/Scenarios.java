package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.market.Scenario;
import lodestone.market.ScenarioException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static lodestone.regime.view.RegimeViews.ordered;

/**
 * Bundled scenarios for the API, and runs with changed parameters. The parameters a person may change
 * without writing YAML — the floor level, the club's members, the subsidy strike, whether an export ban
 * holds, the stockpile releases — are applied to the scenario's YAML tree, and the result is read and
 * checked against the regime like any scenario file.
 */
final class Scenarios {
    static final Set<String> PARAMETERS = Set.of("floor", "strike", "members", "ban", "ban_months", "releases");
    /** The largest number a scenario file accepts (the market's reader). */
    private static final double MAX = lodestone.market.ScenarioLimits.MAX_MAGNITUDE;

    record Prepared(String name, Scenario scenario, Map<String, Object> parameters) { }

    private final Engines engines;

    Scenarios(Engines engines) {
        this.engines = engines;
    }

    List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Scenario.BundledScenario b : Scenario.bundledNames()) {
            out.add(ordered("name", b.name(), "description", b.description(), "baseline", b.baseline().isEmpty() ? null : b.baseline(),
                    "kind", b.baseline().isEmpty() ? "baseline" : "scenario",
                    "horizon", b.horizon()));
        }
        return out;
    }

    Map<String, Object> show(String name) {
        String text = Scenario.bundledText(name);
        if (text == null) throw ApiError.notFound("name", "no bundled scenario \"" + name + "\"; known: "
                + String.join(", ", Scenario.bundledNames().stream().map(Scenario.BundledScenario::name).toList()));
        Scenario s = parse(text, name + ".yaml");
        return ordered("name", name, "description", s.description(), "baseline", s.baseline() == s ? null : s.baseline().name(),
                "minerals", s.minerals(), "regions", s.regionIds(), "club", s.club(), "policies", s.policies(),
                "units", ordered("quantity", s.quantityUnit(), "price", s.priceUnit()),
                "parameters", parameters(yamlTree(text, name + ".yaml")), "region_members", s.regionCountries(), "text", text);
    }

    /** The scenario a run request names: a bundled one, or YAML text; then the parameters applied. */
    Prepared prepare(JsonNode b) {
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("scenario", "text", "parameters").contains(f)) {
                throw ApiError.badRequest(f, f + ": unknown field; expected scenario (a bundled name), text (scenario YAML) and parameters");
            }
        }
        String name = Api.text(b, "scenario");
        String text = Api.text(b, "text");
        if (text == null) {
            if (name == null) throw ApiError.badRequest("scenario", "scenario: missing; expected a bundled scenario name or a text");
            text = Scenario.bundledText(name);
            if (text == null) throw ApiError.badRequest("scenario", "scenario: no bundled scenario \"" + name + "\"");
        }
        // a text sent is labelled as what it is, the request's text (it was labelled as the bundled scenario named beside it)
        String file = Api.text(b, "text") != null ? "text" : name + ".yaml";
        JsonNode params = b.get("parameters");
        Map<String, Object> applied = new LinkedHashMap<>();
        // the scenario as written first: a problem of its own is the text's, with the text's own line numbers
        Scenario written = parse(text, file);
        // a text sent alone is the user's own scenario: stored and listed under its scenario: name (it was "edited")
        if (name == null) name = written.name();
        if (params == null || params.isNull()) return new Prepared(name, written, applied);
        if (!params.isObject()) throw ApiError.badRequest("parameters", "parameters: expected an object");
        Map<String, Object> tree = yamlTree(text, file);
        apply(tree, params, applied, written.regionIds());
        if (params.has("ban_months")) banMonths(tree, params.get("ban_months"), applied, written);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String generated = new Yaml(o).dump(tree);
        try {
            return new Prepared(name, Scenario.parse(generated, file, engines.regime()), applied);
        } catch (ScenarioException e) {
            // the text was valid and each parameter was checked above: what is left is the parameters' doing, and the
            // lines of a file generated from them mean nothing to the person who sent them
            List<String> problems = e.problems().stream().map(x -> x.startsWith(file + ":") ? x.substring(file.length() + 1) : x)
                    .map(x -> x.replaceFirst("^\\d+:\\s*", "")).distinct().toList();
            throw ApiError.fileProblems(422, "invalid_scenario", "; nothing was run", "parameters",
                    problems.stream().map(x -> new lodestone.regime.Problem("parameters", 0, "", x)).toList());
        }
    }

    private Scenario parse(String text, String file) {
        try {
            return Scenario.parse(text, file, engines.regime());
        } catch (ScenarioException e) {
            throw ApiError.fileProblems(422, "invalid_scenario", "; nothing was run", "text", located(e.problems(), file));
        }
    }

    /** A scenario's problems ("FILE:LINE: FIELD: what", as the reader writes them) as located problems of {@code file}. */
    static List<lodestone.regime.Problem> located(List<String> problems, String file) {
        java.util.regex.Pattern at = java.util.regex.Pattern.compile("(\\d+): (?:([A-Za-z_][A-Za-z0-9_.\\[\\]-]*): )?(.*)", java.util.regex.Pattern.DOTALL);
        List<lodestone.regime.Problem> out = new java.util.ArrayList<>();
        for (String p : problems) {
            String rest = p.startsWith(file + ":") ? p.substring(file.length() + 1).stripLeading() : null;
            java.util.regex.Matcher m = rest == null ? null : at.matcher(rest);
            if (m != null && m.matches()) {
                out.add(new lodestone.regime.Problem(file, Integer.parseInt(m.group(1)), m.group(2) == null ? "" : m.group(2), m.group(3)));
            } else {
                out.add(new lodestone.regime.Problem(file, 0, "", rest != null ? rest : p)); // on no one line: the whole text's
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlTree(String text, String file) {
        Object t;
        try {
            t = new Yaml().load(text);
        } catch (RuntimeException e) {
            throw new ApiError(422, "invalid_scenario", file + ": not valid YAML: " + e.getMessage().split("\n")[0], "text");
        }
        if (!(t instanceof Map)) throw new ApiError(422, "invalid_scenario", file + ": expected a mapping at the top", "text");
        return (Map<String, Object>) t;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> policies(Map<String, Object> tree) {
        Object p = tree.get("policies");
        List<Map<String, Object>> out = new ArrayList<>();
        if (p instanceof List<?> l) for (Object o : l) if (o instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
        return out;
    }

    /** The editable parameters present in a scenario, with their values. */
    static Map<String, Object> parameters(Map<String, Object> tree) {
        Map<String, Object> p = new LinkedHashMap<>();
        Map<String, Object> releases = new LinkedHashMap<>();
        for (Map<String, Object> pol : policies(tree)) {
            switch (String.valueOf(pol.get("type"))) {
                case "price_floor" -> {
                    p.put("floor", pol.get("floor"));
                    p.put("members", pol.getOrDefault("members", tree.get("club")));
                }
                case "price_gap_subsidy" -> {
                    p.put("strike", pol.get("strike"));
                    p.putIfAbsent("members", pol.getOrDefault("regions", tree.get("club")));
                }
                case "export_ban" -> {
                    p.put("ban", true);
                    p.put("ban_months", 12);
                }
                case "stockpile" -> {
                    if (pol.get("release") != null) releases.put(String.valueOf(pol.get("region")), pol.get("release"));
                }
                default -> { }
            }
        }
        if (!releases.isEmpty()) p.put("releases", releases);
        return p;
    }

    private static void apply(Map<String, Object> tree, JsonNode params, Map<String, Object> applied, List<String> regions) {
        Map<String, Object> present = parameters(tree);
        for (Iterator<String> it = params.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!PARAMETERS.contains(f)) {
                throw ApiError.badRequest("parameters." + f, "parameters." + f + ": unknown parameter; expected floor, strike, members, ban, ban_months or releases");
            }
            if (!present.containsKey(f) && !(f.equals("ban") && !params.get(f).asBoolean(true))) {
                if (f.equals("ban_months")) {
                    throw ApiError.badRequest("parameters.ban_months", "parameters.ban_months: this scenario has no export ban; its parameters are "
                            + (present.isEmpty() ? "none" : String.join(", ", present.keySet())));
                }
                throw ApiError.badRequest("parameters." + f, "parameters." + f + ": this scenario has no " + describe(f)
                        + "; its parameters are " + (present.isEmpty() ? "none" : String.join(", ", present.keySet())));
            }
        }
        List<Map<String, Object>> pols = policies(tree);
        if (params.has("floor")) {
            double v = positive(params, "floor");
            pols.stream().filter(p -> "price_floor".equals(p.get("type"))).forEach(p -> p.put("floor", v));
            applied.put("floor", v);
        }
        if (params.has("strike")) {
            double v = positive(params, "strike");
            pols.stream().filter(p -> "price_gap_subsidy".equals(p.get("type"))).forEach(p -> p.put("strike", v));
            applied.put("strike", v);
        }
        if (params.has("members")) {
            JsonNode m = params.get("members");
            if (!m.isArray() || m.isEmpty()) throw ApiError.badRequest("parameters.members", "parameters.members: expected a non-empty list of region ids");
            List<String> ids = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (JsonNode x : m) {
                String id = x.isTextual() ? x.asText().trim() : "";
                if (id.isEmpty()) {
                    throw ApiError.badRequest("parameters.members", "parameters.members: expected region ids (strings), found " + x
                            + "; regions: " + String.join(", ", regions));
                }
                if (!regions.contains(id)) { if (!unknown.contains(id)) unknown.add(id); }
                else if (!ids.contains(id)) ids.add(id);
            }
            if (!unknown.isEmpty()) {
                throw ApiError.badRequest("parameters.members", "parameters.members: unknown region" + (unknown.size() > 1 ? "s " : " ")
                        + String.join(", ", unknown.stream().map(x -> "'" + x + "'").toList()) + " (regions: " + String.join(", ", regions) + ")");
            }
            tree.put("club", ids);
            for (Map<String, Object> p : pols) {
                if ("price_floor".equals(p.get("type"))) p.put("members", ids);
                if ("price_gap_subsidy".equals(p.get("type"))) p.put("regions", ids);
            }
            applied.put("members", ids);
        }
        if (params.has("ban")) {
            JsonNode v = params.get("ban");
            if (!v.isBoolean()) throw ApiError.badRequest("parameters.ban", "parameters.ban: expected true or false");
            if (!v.asBoolean()) {
                Object p = tree.get("policies");
                if (p instanceof List<?> l) l.removeIf(o -> o instanceof Map<?, ?> mm && "export_ban".equals(mm.get("type")));
            }
            applied.put("ban", v.asBoolean());
        }
        if (params.has("releases")) {
            JsonNode r = params.get("releases");
            if (!r.isObject()) throw ApiError.badRequest("parameters.releases", "parameters.releases: expected an object such as {\"US\": 40}");
            Map<String, Object> done = new LinkedHashMap<>();
            for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
                String region = it.next();
                JsonNode q = r.get(region);
                if (!q.isNumber() || !(q.asDouble() >= 0 && q.asDouble() <= MAX)) {
                    throw ApiError.badRequest("parameters.releases." + region, "parameters.releases." + region + ": expected a quantity ≥ 0");
                }
                boolean found = false;
                for (Map<String, Object> p : pols) {
                    if ("stockpile".equals(p.get("type")) && region.equals(String.valueOf(p.get("region"))) && p.get("release") != null) {
                        p.put("release", q.asDouble());
                        found = true;
                    }
                }
                if (!found) throw ApiError.badRequest("parameters.releases." + region, "parameters.releases." + region
                        + ": this scenario has no stockpile release by " + region);
                done.put(region, q.asDouble());
            }
            applied.put("releases", done);
        }
    }

    /**
     * A ban lasting part of the year. The model is one (annual) period, so a ban of m months is taken as an
     * export quota of (12 − m)/12 of what the banned region exported in the baseline equilibrium — the trade
     * of the months without a ban — on the same arcs. 12 months is the ban itself; 0 lifts it.
     */
    @SuppressWarnings("unchecked")
    private void banMonths(Map<String, Object> tree, JsonNode v, Map<String, Object> applied, Scenario written) {
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 12) {
            throw ApiError.badRequest("parameters.ban_months", "parameters.ban_months: expected a number of months from 0 to 12");
        }
        double months = v.asDouble();
        applied.put("ban_months", months);
        Object p = tree.get("policies");
        if (!(p instanceof List<?> pols) || months == 12) return;
        Scenario base = written.baseline();
        lodestone.market.Equilibrium e = lodestone.market.Equilibrium.solve(base);
        if (!e.solved()) throw new ApiError(422, "no_equilibrium", "the baseline has no equilibrium: " + e.diagnosis(), "scenario");
        List<Object> out = new ArrayList<>();
        for (Object o : pols) {
            if (o instanceof Map<?, ?> m && "export_ban".equals(m.get("type"))) {
                if (months == 0) continue;
                String region = String.valueOf(m.get("region"));
                Object to = m.get("to");
                List<String> dest = to == null ? base.regionIds().stream().filter(r -> !r.equals(region)).toList()
                        : to instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(to));
                double exported = 0;
                for (String d : dest) exported += e.flow(region, d);
                Map<String, Object> quota = new LinkedHashMap<>();
                quota.put("type", "export_quota");
                quota.put("region", region);
                quota.put("quantity", exported * (12 - months) / 12);
                if (to != null) quota.put("to", to);
                out.add(quota);
            } else {
                out.add(o);
            }
        }
        tree.put("policies", out);
    }

    private static double positive(JsonNode params, String f) {
        JsonNode v = params.get(f);
        if (v == null || !v.isNumber() || !(v.asDouble() > 0 && v.asDouble() <= MAX)) {
            throw ApiError.badRequest("parameters." + f, "parameters." + f + ": expected a price > 0 (in the scenario's price unit), found " + v);
        }
        return v.asDouble();
    }

    private static String describe(String f) {
        return switch (f) {
            case "floor" -> "price floor";
            case "strike" -> "price-gap subsidy";
            case "members" -> "club";
            case "ban" -> "export ban";
            default -> "stockpile release";
        };
    }
}
