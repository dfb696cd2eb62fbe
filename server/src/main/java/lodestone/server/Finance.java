package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.finance.Reports;
import lodestone.finance.policy.FloorSetting;
import lodestone.finance.policy.Ranking;
import lodestone.finance.projects.FloorSweep;
import lodestone.finance.projects.Market;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.ProjectValuation;
import lodestone.finance.projects.Registry;
import lodestone.finance.projects.Screening;
import lodestone.finance.valuation.Economics;
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
 * The finance routes' work: the bundled project registry (read once) — or, for one request, with the caller's own
 * project and market files sent as texts (the command line's --projects; never kept) — valuations, floor comparisons
 * and rankings, with the same answers as the command line's --json (lodestone.finance.Reports). A request's
 * work is bounded: at most {@link #MAX_PATHS} paths per valuation; floor comparisons and rankings (several
 * market solves and simulations each) are computed once per argument set and kept.
 */
final class Finance {
    static final long MAX_PATHS = 200_000;
    /** A request's own project and market files (the CLI's --projects): at most this many, each at most MAX_FILE_CHARS characters. */
    static final int MAX_FILES = 20;
    static final int MAX_FILE_CHARS = 256 * 1024;

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
        // in this order every time, as projects list --json prints it (Map.of's order changed from one server run to the next)
        return lodestone.regime.view.RegimeViews.ordered("projects", r.projects().stream().map(Reports::projectSummary).toList(),
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
        return dated(Screening.screen(p, Screening.Criteria.defaults(date), engines.regime()), date);
    }

    /**
     * A screening's answer with the date its entity lists were taken on ({@code date}: the one asked, else today in UTC):
     * the answer did not say it, so a screening of today could not be told from one of another day.
     */
    private static Map<String, Object> dated(Screening.Result r, LocalDate date) {
        Map<String, Object> m = new LinkedHashMap<>(Reports.screening(r));
        m.put("date", date.toString());
        return m;
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
        Asked asked = registry(b);
        Project p = project(asked, id);
        Market m = asked.registry().marketOf(p);
        long paths = b.has("paths") ? longOf(b, "paths") : 50_000;
        if (paths < 1 || paths > MAX_PATHS) throw ApiError.badRequest("paths", "paths: " + paths + " must be between 1 and " + MAX_PATHS + " (the command line takes more)");
        long seed = b.has("seed") ? longOf(b, "seed") : 1;
        double dscr = b.has("dscr") ? doubleOf(b, "dscr") : 1.3;
        if (!(dscr > 0)) throw ApiError.badRequest("dscr", "dscr: " + dscr + " must be > 0");
        long supportYears = b.has("support_years") ? longOf(b, "support_years") : 10;
        // read whole: 4294967297 was cast to 1 and valued as one year of support
        if (supportYears > Integer.MAX_VALUE) throw ApiError.badRequest("support_years", "support_years: " + supportYears + " is too large; expected years"
                + " of support from 0 (the whole life) to " + Integer.MAX_VALUE);
        int years = (int) supportYears;
        if (b.has("support_years") && text(b, "floor") == null && text(b, "cfd") == null && text(b, "offtake") == null) {
            // as the command line: a project's stated support has its own term (support_years was ignored without a word)
            throw ApiError.badRequest("support_years", "support_years: goes with floor, cfd or offtake (a project's stated support has its own term)");
        }
        Support s;
        try {
            Support given = ProjectValuation.requested(m, text(b, "floor"), b.has("upside_share") ? doubleOf(b, "upside_share") : null,
                    b.has("ebitda_floor") ? doubleOf(b, "ebitda_floor") : null, text(b, "cfd"), text(b, "offtake"), years);
            s = given != null ? given : ProjectValuation.statedSupport(p);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage().replace("--upside-share", "upside_share").replace("--ebitda-floor", "ebitda_floor")
                    .replace("--support-years", "support_years").replace("--floor", "floor").replace("--cfd", "cfd").replace("--offtake", "offtake");
            // a refusal of a combination ("upside_share and ebitda_floor go with floor", "give one of floor, cfd and offtake, not
            // several") names the key of the body that is one too many (it had no field)
            String field = msg.contains(":") ? msg.substring(0, msg.indexOf(':')).split(" ")[0]
                    : java.util.stream.Stream.of("upside_share", "ebitda_floor", "offtake", "cfd", "floor").filter(k -> b.has(k) && msg.contains(k))
                    .findFirst().orElse(null);
            throw ApiError.badRequest(field, msg);
        }
        Economics e = ProjectValuation.economics(p, m);
        ValuationResult r = Valuation.run(e, m.process(), s, new Valuation.Options(paths, seed, 0, dscr, null));
        // too few paths for the quantiles and errors shown (1 path, fewer than 100), as value says (ProjectValuation.pathWarnings)
        List<String> warnings = new java.util.ArrayList<>(ProjectValuation.pathWarnings(paths, m.process()));
        warnings.addAll(asked.registry().unitWarnings(p));
        warnings.addAll(ProjectValuation.supportWarnings(e, s)); // a support that ends before the debt is repaid
        Map<String, Object> out = new LinkedHashMap<>(Reports.valuation(r, m.priceUnit(), p, warnings));
        out.put("market", m.id());
        return out;
    }

    /** The most price paths a floor sweep values in all (paths × levels × terms): two of the largest single valuations. */
    static final long MAX_SWEEP_PATHS = 2 * MAX_PATHS;

    /** The keys a floor sweep takes: the documented request's. */
    static final List<String> SWEEP_KEYS = Arrays.stream(RouteShapes.FloorSweepRequest.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toList();

    /**
     * POST /api/floor-sweeps: a project valued at several floor levels (and terms) on the same paths (as lodestone value with
     * --floor repeated, --json): {@link FloorSweep} runs the valuation once per level and term. Every refusal names its key.
     */
    Object sweep(JsonNode b) {
        onlyKeys(b, SWEEP_KEYS);
        String id = text(b, "project");
        if (id == null) throw ApiError.badRequest("project", "project: missing; expected a project id (GET /api/projects)");
        Asked asked = registry(b);
        Project p = project(asked, id);
        Market m = asked.registry().marketOf(p);
        JsonNode fl = b.get("floors");
        if (fl == null || fl.isNull()) throw ApiError.badRequest("floors", "floors: missing; expected the floor levels in " + m.priceUnit() + ", e.g. [\"2000\", \"2500\"]");
        if (!fl.isArray()) throw ApiError.badRequest("floors", "floors: expected an array of prices in " + m.priceUnit() + ", found " + kind(fl));
        List<String> texts = new java.util.ArrayList<>();
        for (JsonNode n : fl) {
            if (!n.isTextual() && !n.isNumber()) throw ApiError.badRequest("floors", "floors: expected each level a price (a text or a number), found " + kind(n));
            texts.add(n.asText());
        }
        List<Integer> years = null;
        JsonNode sy = b.get("support_years");
        if (sy != null && !sy.isNull()) {
            if (!sy.isArray()) throw ApiError.badRequest("support_years", "support_years: expected an array of whole years (0 = the whole life), found " + kind(sy));
            years = new java.util.ArrayList<>();
            for (JsonNode n : sy) {
                if (!n.canConvertToExactIntegral() || !n.canConvertToInt()) {
                    throw ApiError.badRequest("support_years", "support_years: " + n + " is not a whole number of years (0 = the whole life)");
                }
                years.add(n.intValue());
            }
        }
        Double upside = b.has("upside_share") ? doubleOf(b, "upside_share") : null;
        Double ebitda = b.has("ebitda_floor") ? doubleOf(b, "ebitda_floor") : null;
        long paths = b.has("paths") ? longOf(b, "paths") : 20_000;
        long seed = b.has("seed") ? longOf(b, "seed") : 1;
        double dscr = b.has("dscr") ? doubleOf(b, "dscr") : 1.3;
        if (!(dscr > 0)) throw ApiError.badRequest("dscr", "dscr: " + dscr + " must be > 0");
        List<Double> levels;
        List<Integer> terms;
        try {
            levels = FloorSweep.levels(m, texts, "floors");
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("floors", e.getMessage());
        }
        try {
            terms = FloorSweep.terms(years, "support_years");
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("support_years", e.getMessage());
        }
        try {
            FloorSweep.checkRows(levels.size(), terms.size(), "floors");
            // the upside share's and EBITDA floor's checks, as value's
            ProjectValuation.requested(m, texts.get(0), upside, ebitda, null, null, terms.get(0));
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage().replace("--upside-share", "upside_share").replace("--ebitda-floor", "ebitda_floor").replace("--floor", "floors");
            throw ApiError.badRequest(msg.substring(0, Math.max(0, msg.indexOf(':'))).split(" ")[0], msg);
        }
        long rows = (long) levels.size() * terms.size();
        if (paths < 1 || paths * rows > MAX_SWEEP_PATHS) {
            throw ApiError.badRequest("paths", "paths: " + paths + " × " + rows + " valuations must be between 1 and " + MAX_SWEEP_PATHS + " paths in all (at most "
                    + MAX_SWEEP_PATHS / rows + " paths here; the command line takes more)");
        }
        Economics e = ProjectValuation.economics(p, m);
        List<FloorSweep.Row> out = FloorSweep.run(e, m.process(), levels, terms, upside, ebitda, new Valuation.Options(paths, seed, 0, dscr, null), null);
        List<String> warnings = new java.util.ArrayList<>(ProjectValuation.pathWarnings(paths, m.process()));
        warnings.addAll(asked.registry().unitWarnings(p));
        return Reports.sweep(out, m.id(), m.priceUnit(), p, warnings);
    }

    Object floors(String market, String methods, long seed) {
        return floors(new Asked(registry(), List.of(), ""), market, methods, seed);
    }

    /** POST /api/floors/{market}: {"files", "methods", "seed"}, the comparison with the request's own files in the registry. */
    Object floors(String market, JsonNode b) {
        onlyKeys(b, List.of("files", "methods", "seed"));
        JsonNode ms = b.get("methods");
        if (ms != null && !ms.isNull() && !ms.isTextual()) {
            throw ApiError.badRequest("methods", "methods: expected a text, comma-separated (\"percentile:75,band:5:0.2\"), found " + kind(ms));
        }
        Asked asked = registry(b);
        return floors(asked, market, text(b, "methods"), b.has("seed") ? seed(b) : 1);
    }

    private Object floors(Asked asked, String market, String methods, long seed) {
        Market m = market(asked, market);
        List<String> ms = methods == null ? FloorSetting.defaultMethods(asked.registry(), m)
                : Arrays.stream(methods.split(",")).map(String::trim).toList();
        if (ms.size() > 5) throw ApiError.badRequest("methods", "methods: at most 5 at a time");
        try {
            for (String x : ms) FloorSetting.check(x);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("methods", e.getMessage().replace("--method", "methods"));
        }
        String key = "floor|" + asked.key() + "|" + m.id() + "|" + String.join(",", ms) + "|" + seed;
        return cached(asked, key, () -> Reports.floors(FloorSetting.compare(asked.registry(), m, ms, engines.regime(), seed)));
    }

    Object ranking(String market, long seed) {
        return ranking(new Asked(registry(), List.of(), ""), market, seed);
    }

    /** POST /api/rankings/{market}: {"files", "seed"}, the ranking with the request's own projects among the bundled ones. */
    Object ranking(String market, JsonNode b) {
        onlyKeys(b, List.of("files", "seed"));
        Asked asked = registry(b);
        return ranking(asked, market, b.has("seed") ? seed(b) : 1);
    }

    private Object ranking(Asked asked, String market, long seed) {
        Market m = market(asked, market);
        return cached(asked, "rank|" + asked.key() + "|" + m.id() + "|" + seed,
                () -> Reports.ranking(Ranking.rank(asked.registry(), m, engines.regime(), seed)));
    }

    /**
     * POST /api/project-files: the request's own files read with the bundled registry (as --projects): their projects, each
     * with its screening on {@code date}, and their markets — or every problem of every file at its line and field.
     */
    Object projectFiles(JsonNode b, LocalDate date) {
        onlyKeys(b, List.of("files"));
        if (!b.has("files")) throw ApiError.badRequest("files", "files: missing; expected [{\"name\": \"my-project.yaml\", \"text\": \"project: …\"}]");
        if (b.get("files").isArray() && b.get("files").isEmpty())
            throw ApiError.badRequest("files", "files: empty; send at least one project or markets file (GET /api/projects lists the bundled ones)");
        Asked asked = registry(b);
        List<Project> mine = asked.registry().projects().stream().filter(p -> asked.names().contains(p.file())).toList();
        List<Market> markets = asked.registry().markets().stream().filter(m -> asked.names().contains(m.file())).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("projects", mine.stream().map(Reports::project).toList());
        out.put("screening", mine.stream().map(p -> dated(Screening.screen(p, Screening.Criteria.defaults(date), engines.regime()), date)).toList());
        out.put("markets", markets.stream().map(Reports::market).toList());
        return out;
    }

    /** The registry a request works with, the names of the files it sent (none: the bundled registry) and a key of their content. */
    /**
     * The project a valuation or a sweep names, of the bundled registry or the files sent, in the years the model covers: a
     * field of the body, so an unknown one is 400 naming it, as every other route's unknown name in a body (404 is for the path).
     */
    private static Project project(Asked asked, String id) {
        Project p = asked.registry().project(id).orElseThrow(() -> ApiError.badRequest("project", "project: no project '" + id + "'; "
                + (asked.names().isEmpty() ? "GET /api/projects lists them" : "neither in the bundled registry (GET /api/projects) nor in the files sent")));
        String outside = ProjectValuation.outsideWindow(p);
        if (outside != null) throw ApiError.badRequest("project", "project: " + outside);
        return p;
    }

    record Asked(Registry registry, List<String> names, String key) { }

    /**
     * The bundled registry, or with the body's "files": [{"name", "text"}] read as the command line's --projects reads files —
     * a file is its text, never a path on the server. Every problem of every file is answered at once, at its name, line
     * and field (400 invalid_project_file); nothing is kept after the request.
     */
    Asked registry(JsonNode b) {
        JsonNode fs = b.get("files");
        if (fs == null || fs.isNull() || (fs.isArray() && fs.isEmpty())) return new Asked(registry(), List.of(), "");
        if (!fs.isArray()) throw ApiError.badRequest("files", "files: expected an array of {\"name\": …, \"text\": …}, found " + kind(fs));
        if (fs.size() > MAX_FILES) throw ApiError.badRequest("files", "files: " + fs.size() + " files; at most " + MAX_FILES + " in one request");
        List<Registry.Text> texts = new java.util.ArrayList<>();
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < fs.size(); i++) {
            JsonNode f = fs.get(i);
            String at = "files[" + i + "]";
            if (!f.isObject()) throw ApiError.badRequest("files", at + ": expected {\"name\": …, \"text\": …}, found " + kind(f));
            for (java.util.Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("name") && !k.equals("text")) throw ApiError.badRequest("files", at + "." + k + ": unknown key; expected name, text");
            }
            JsonNode t = f.get("text");
            if (t == null || !t.isTextual()) throw ApiError.badRequest("files", at + ".text: " + (t == null ? "missing" : "expected the file's text, found " + kind(t))
                    + "; the file's YAML as a string (a request never names a file on the server)");
            String text = t.textValue();
            if (text.isBlank()) throw ApiError.badRequest("files", at + ".text: empty; expected a project file (project: …) or a markets file (markets: …)");
            if (text.length() > MAX_FILE_CHARS) throw ApiError.badRequest("files", at + ".text: " + text.length() + " characters; at most " + MAX_FILE_CHARS + " a file");
            JsonNode n = f.get("name");
            if (n != null && !n.isNull() && !n.isTextual()) throw ApiError.badRequest("files", at + ".name: expected a text, found " + kind(n));
            String name = n == null || n.isNull() || n.textValue().isBlank() ? "file-" + (i + 1) + ".yaml" : n.textValue().strip();
            // a label for the problems' locations only: no folders (it is never opened), nothing a terminal or page would read as markup
            name = FileLabel.of(name, name);
            for (Registry.Text x : texts) {
                if (x.name().equals(name)) throw ApiError.badRequest("files", at + ".name: '" + name + "' is the name of another file of this request; give each its own");
            }
            texts.add(new Registry.Text(name, text));
            sha.update((name + "\u0000" + text + "\u0000").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            Registry r = Registry.withTexts(texts);
            return new Asked(r, texts.stream().map(Registry.Text::name).toList(), java.util.HexFormat.of().formatHex(sha.digest()));
        } catch (RegimeInvalidException e) {
            throw ApiError.fileProblems("invalid_project_file", "; nothing was loaded", "files", e.problems());
        }
    }

    private static String kind(JsonNode n) {
        return n.isObject() ? "an object" : n.isArray() ? "an array" : n.isTextual() ? "a text" : n.isNumber() ? "a number" : n.isBoolean() ? "true or false" : "null";
    }

    private static void onlyKeys(JsonNode b, List<String> keys) {
        for (java.util.Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!keys.contains(f)) throw ApiError.badRequest(f, f + ": unknown key; expected " + String.join(", ", keys));
        }
    }

    private static long seed(JsonNode b) {
        long v = longOf(b, "seed");
        if (v < 0 || v > Integer.MAX_VALUE) throw ApiError.badRequest("seed", "seed: " + v + " must be between 0 and " + Integer.MAX_VALUE);
        return v;
    }

    private Market market(Asked asked, String id) {
        return asked.registry().market(id).orElseThrow(() -> ApiError.notFound("market", "no market '" + id + "'; GET /api/projects lists the markets"
                + (asked.names().isEmpty() ? "" : " (the files sent add none by this id)")));
    }

    /**
     * The answer for {@code key}, kept for the next request when it is of the bundled registry only: an answer computed with
     * a request's own files is not kept (nothing of them outlives the request, and they would fill the cache's 200 places).
     */
    private Map<String, Object> cached(Asked asked, String key, java.util.function.Supplier<Map<String, Object>> f) {
        if (!asked.names().isEmpty()) return compute(f, asked.names());
        Map<String, Object> v = cache.get(key);
        if (v != null) return v;
        v = compute(f, List.of());
        if (cache.size() < 200) cache.put(key, v);
        return v;
    }

    /**
     * The computation, its refusals a 400: one that is about a file of the request ({@code my-recycler.yaml:1: project …,
     * region: region 'CA' is not in the market scenario 'ndpr'}) names {@code files}, as every other problem of the files
     * sent (it had no field).
     */
    private static Map<String, Object> compute(java.util.function.Supplier<Map<String, Object>> f, List<String> files) {
        Map<String, Object> v;
        try {
            v = f.get();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage().replace("--method", "methods");
            throw ApiError.badRequest(fieldOf(m, files), m);
        } catch (RegimeInvalidException e) {
            throw ApiError.badRequest(fieldOf(e.getMessage(), files), e.getMessage());
        }
        return v;
    }

    private static String fieldOf(String message, List<String> files) {
        if (message.startsWith("methods ")) return "methods"; // a method refused while computing (marginal:1e400: the target cannot be met)
        return files.stream().anyMatch(n -> message.startsWith(n + ":")) ? "files" : null;
    }

    private static String text(JsonNode b, String f) {
        JsonNode n = b.get(f);
        return n == null || n.isNull() ? null : n.asText();
    }

    /**
     * A whole number of the body: written as JSON writes one (12, 1e4, 12.0 — a number whose value is whole), or a 400 that
     * says what is wrong with it — not a whole number (2.5), or too large for one ({@code 1e30}: it was "is not a whole number").
     */
    private static long longOf(JsonNode b, String f) {
        JsonNode n = b.get(f);
        if (n.isNumber()) {
            if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) throw ApiError.badRequest(f, f + ": " + n + " is too large");
            java.math.BigDecimal d = n.decimalValue();
            if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    throw ApiError.badRequest(f, f + ": " + n + " is too large");
                }
            }
        }
        throw ApiError.badRequest(f, f + ": " + n + " is not a whole number");
    }

    private static double doubleOf(JsonNode b, String f) {
        JsonNode n = b.get(f);
        if (!n.isNumber()) throw ApiError.badRequest(f, f + ": " + n + " is not a number");
        // an EBITDA floor of 1e400 was a 500 (NaN in the valuation), a DSCR of 1e400 a 200 of "Infinity" texts
        if (!(Math.abs(n.asDouble()) < 1e15)) { // read as a double: 1e400 is infinite here
            throw ApiError.badRequest(f, f + ": out of bounds; expected a number below 10^15 in size");
        }
        return n.asDouble();
    }
}
