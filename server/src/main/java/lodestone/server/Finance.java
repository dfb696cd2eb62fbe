package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.finance.Reports;
import lodestone.finance.policy.FloorSetting;
import lodestone.finance.policy.Ranking;
import lodestone.finance.projects.Market;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.ProjectValuation;
import lodestone.finance.projects.Registry;
import lodestone.finance.projects.Screening;
import lodestone.finance.valuation.Support;
import lodestone.finance.valuation.Valuation;
import lodestone.finance.valuation.ValuationResult;
import lodestone.regime.RegimeInvalidException;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The finance routes' work: the bundled project registry (read once), valuations, floor comparisons and
 * rankings, with the same answers as the command line's --json (lodestone.finance.Reports). A request's
 * work is bounded: at most {@link #MAX_PATHS} paths per valuation; floor comparisons and rankings (several
 * market solves and simulations each) are computed once per argument set and kept.
 */
final class Finance {
    static final long MAX_PATHS = 200_000;

    private final Engines engines;
    private volatile Registry registry;
    private final Map<String, Map<String, Object>> cache = new ConcurrentHashMap<>();

    Finance(Engines engines) {
        this.engines = engines;
    }

    Registry registry() {
        Registry r = registry;
        if (r == null) registry = r = Registry.bundled();
        return r;
    }

    Object projects() {
        Registry r = registry();
        return Map.of("projects", r.projects().stream().map(Reports::projectSummary).toList(),
                "markets", r.markets().stream().map(Reports::market).toList());
    }

    Object project(String id) {
        return Reports.project(require(id));
    }

    private Project require(String id) {
        return registry().project(id).orElseThrow(() -> ApiError.notFound("id", "no project '" + id + "'; GET /api/projects lists them"));
    }

    Object screening(String id, LocalDate date) {
        Project p = require(id);
        return Reports.screening(Screening.screen(p, Screening.Criteria.defaults(date), engines.regime()));
    }

    /** The keys a valuation takes: the documented request's (so the description and the check cannot differ). */
    static final List<String> VALUATION_KEYS = Arrays.stream(RouteShapes.ValuationRequest.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toList();

    Object value(JsonNode b) {
        // a misspelt option ("flor": 110) would otherwise be valued as no support at all, silently
        for (java.util.Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!VALUATION_KEYS.contains(f)) {
                throw ApiError.badRequest(f, f + ": unknown key; expected " + String.join(", ", VALUATION_KEYS));
            }
        }
        String id = text(b, "project");
        if (id == null) throw ApiError.badRequest("project", "project: missing; expected a project id (GET /api/projects)");
        // a field of the body, as every other route's unknown name in a body: 400 naming it (404 is for the path)
        Project p = registry().project(id).orElseThrow(() -> ApiError.badRequest("project", "project: no project '" + id + "'; GET /api/projects lists them"));
        Market m = registry().marketOf(p);
        long paths = b.has("paths") ? longOf(b, "paths") : 50_000;
        if (paths < 1 || paths > MAX_PATHS) throw ApiError.badRequest("paths", "paths: " + paths + " must be between 1 and " + MAX_PATHS + " (the command line takes more)");
        long seed = b.has("seed") ? longOf(b, "seed") : 1;
        double dscr = b.has("dscr") ? doubleOf(b, "dscr") : 1.3;
        if (!(dscr > 0)) throw ApiError.badRequest("dscr", "dscr: " + dscr + " must be > 0");
        int years = b.has("support_years") ? (int) longOf(b, "support_years") : 10;
        Support s;
        try {
            Support asked = ProjectValuation.requested(m, text(b, "floor"), b.has("upside_share") ? doubleOf(b, "upside_share") : null,
                    b.has("ebitda_floor") ? doubleOf(b, "ebitda_floor") : null, text(b, "cfd"), text(b, "offtake"), years);
            s = asked != null ? asked : ProjectValuation.statedSupport(p);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage().replace("--upside-share", "upside_share").replace("--ebitda-floor", "ebitda_floor")
                    .replace("--support-years", "support_years").replace("--floor", "floor").replace("--cfd", "cfd").replace("--offtake", "offtake");
            throw ApiError.badRequest(msg.contains(":") ? msg.substring(0, msg.indexOf(':')).split(" ")[0] : null, msg);
        }
        ValuationResult r = Valuation.run(ProjectValuation.economics(p, m), m.process(), s, new Valuation.Options(paths, seed, 0, dscr, null));
        Map<String, Object> out = new LinkedHashMap<>(Reports.valuation(r, m.priceUnit()));
        out.put("market", m.id());
        return out;
    }

    Object floors(String market, String methods, long seed) {
        Market m = market(market);
        List<String> ms = methods == null ? FloorSetting.defaultMethods(registry(), m) : Arrays.stream(methods.split(",")).map(String::trim).toList();
        if (ms.size() > 5) throw ApiError.badRequest("methods", "methods: at most 5 at a time");
        try {
            for (String x : ms) FloorSetting.check(x);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("methods", e.getMessage().replace("--method", "methods"));
        }
        String key = "floor|" + m.id() + "|" + String.join(",", ms) + "|" + seed;
        return cached(key, () -> Reports.floors(FloorSetting.compare(registry(), m, ms, engines.regime(), seed)));
    }

    Object ranking(String market, long seed) {
        Market m = market(market);
        return cached("rank|" + m.id() + "|" + seed, () -> Reports.ranking(Ranking.rank(registry(), m, engines.regime(), seed)));
    }

    private Market market(String id) {
        return registry().market(id).orElseThrow(() -> ApiError.notFound("market", "no market '" + id + "'; GET /api/projects lists the markets"));
    }

    private Map<String, Object> cached(String key, java.util.function.Supplier<Map<String, Object>> f) {
        Map<String, Object> v = cache.get(key);
        if (v != null) return v;
        try {
            v = f.get();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(null, e.getMessage().replace("--method", "methods"));
        } catch (RegimeInvalidException e) {
            throw ApiError.badRequest(null, e.getMessage());
        }
        if (cache.size() < 200) cache.put(key, v);
        return v;
    }

    private static String text(JsonNode b, String f) {
        JsonNode n = b.get(f);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static long longOf(JsonNode b, String f) {
        JsonNode n = b.get(f);
        if (!n.canConvertToLong() || !n.isIntegralNumber()) throw ApiError.badRequest(f, f + ": " + n + " is not a whole number");
        return n.asLong();
    }

    private static double doubleOf(JsonNode b, String f) {
        JsonNode n = b.get(f);
        if (!n.isNumber()) throw ApiError.badRequest(f, f + ": " + n + " is not a number");
        return n.asDouble();
    }
}
