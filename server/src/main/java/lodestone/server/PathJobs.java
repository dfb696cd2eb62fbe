package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lodestone.market.MarketPath;
import lodestone.market.MonteCarlo;
import lodestone.market.PathResult;
import lodestone.market.Scenario;
import lodestone.market.ScenarioException;
import lodestone.market.Sensitivity;
import lodestone.market.Target;
import lodestone.market.TargetSeek;
import lodestone.store.PathJobRecords;
import lodestone.store.ScenarioRuns;
import lodestone.store.Store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static lodestone.regime.view.RegimeViews.ordered;

/**
 * Paths of scenarios with a horizon for the API: one path (quick, answered at once) and the long runs —
 * Monte Carlo, target seeking, sensitivity — as background jobs with progress, one at a time (a Monte Carlo
 * run uses every core itself). Every finished path and job is stored as a scenario run (ScenarioRuns), and
 * every job as a path_job row (PathJobRecords) from its submission, so a finished job is answered the same
 * after a restart (its result read back from its run); a job that was queued or running when the server stopped
 * is reported as failed, interrupted. Jobs being run are also held in memory, for their progress.
 * Requests are validated completely before anything runs: scenario, parameters, target, metric, ranges.
 */
final class PathJobs {
    static final Set<String> KINDS = Set.of("montecarlo", "seek", "sensitivity");

    /** One background job. */
    static final class Job {
        long id; // the path_job row's, set before the job is published
        final String kind;
        final String scenario;
        volatile String status = "queued";
        volatile double progress;
        volatile Map<String, Object> result;
        volatile String error;
        volatile Long runId;
        volatile Long owner; // the token that submitted it: an analyst sees only their own jobs

        Job(long id, String kind, String scenario) {
            this.id = id;
            this.kind = kind;
            this.scenario = scenario;
        }

        RouteShapes.PathJob view() {
            return new RouteShapes.PathJob(id, kind, scenario, status, progress, error, runId, result);
        }
    }

    private final Scenarios scenarios;
    private final Store store;
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lodestone-path-jobs");
        t.setDaemon(true);
        return t;
    });

    /**
     * At most this many path jobs of one user queued or running at once (as bulk and compare jobs,
     * {@link Api#MAX_ACTIVE_JOBS_PER_USER}): the jobs run one at a time and cannot be cancelled, so without it one user's
     * queue of million-draw runs would hold everyone else's jobs back for as long as it pleased.
     */
    static final int MAX_ACTIVE_JOBS_PER_USER = Api.MAX_ACTIVE_JOBS_PER_USER;

    /** Refuses a job of a user who already has {@link #MAX_ACTIVE_JOBS_PER_USER} queued or running on this server. */
    private void checkJobLimit(Long owner) {
        long active = jobs.values().stream().filter(j -> java.util.Objects.equals(j.owner, owner)).count();
        if (active >= MAX_ACTIVE_JOBS_PER_USER) {
            throw new ApiError(429, "too_many_jobs", "you have " + active + " path jobs queued or running; submit more when one has finished", null);
        }
    }

    /**
     * The last job id recorded when this server started: a job up to it, never ended, was cut short by a stop. (Until session 35
     * this was the server's start time compared with the job's record time: with the clock stepped back across a restart — a job
     * recorded at 12:00, the server started again at 11:05 by the corrected clock — such a job was not "before the start" and
     * was shown queued or running for ever.)
     */
    private final long lastIdBeforeStart;

    /** The server's log: where an unexpected failure of a job is written, under the reference its error names. */
    private final java.io.PrintStream log;

    PathJobs(Scenarios scenarios, Store store, java.io.PrintStream log) {
        this.scenarios = scenarios;
        this.store = store;
        this.log = log;
        this.lastIdBeforeStart = store.pathJobs().lastId();
    }

    /** A job that ended without an answer the model can give (no equilibrium along the way): its message is the answer. */
    static final class Unanswerable extends RuntimeException {
        Unanswerable(String message) {
            super(message, null, false, false);
        }
    }

    /** The scenario of a request ({scenario} or {text}) with a horizon. */
    private Scenarios.Prepared scenario(JsonNode b) {
        ObjectNode sub = Server.JSON.createObjectNode();
        if (b.has("scenario")) sub.set("scenario", b.get("scenario"));
        if (b.has("text")) sub.set("text", b.get("text"));
        Scenarios.Prepared p = scenarios.prepare(sub);
        if (!p.scenario().hasHorizon()) throw ApiError.badRequest("scenario", "scenario: " + p.name() + " has no horizon: (a path needs years; "
                + "bundled paths: " + String.join(", ", Scenario.bundledNames().stream()
                .filter(Scenario.BundledScenario::horizon).map(Scenario.BundledScenario::name).toList()) + ")");
        return p;
    }

    private static Map<String, Double> overrides(Scenario s, JsonNode b) {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonNode o = b.get("overrides");
        if (o == null || o.isNull()) return out;
        if (!o.isObject()) throw ApiError.badRequest("overrides", "overrides: expected an object {\"floor\": 120}");
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            String wrong = MarketPath.checkParameter(s, k);
            if (wrong != null) throw ApiError.badRequest("overrides." + k, "overrides." + k + ": " + wrong);
            if (!o.get(k).isNumber()) throw ApiError.badRequest("overrides." + k, "overrides." + k + ": expected a number");
            double v = o.get(k).asDouble();
            // the values a scenario file allows for the same quantity: a floor of -5 ran, and answered as if it meant something
            String outside = Double.isFinite(v) ? lodestone.market.ParameterRange.of(s, k).outside(v) : "expected a finite number";
            if (outside != null) throw ApiError.badRequest("overrides." + k, "overrides." + k + ": " + outside + ", found " + o.get(k));
            out.put(k, v);
        }
        return out;
    }

    /**
     * A path result with the scenario's units, as a one-year run states them: prices in {@code price}, quantities
     * (production, consumption, trade, stocks) in {@code quantity}, money (fiscal cost, levy revenue, subsidy outlay) in
     * {@code money} — what a chart of the path needs to say what its numbers are.
     */
    static Map<String, Object> withUnits(Map<String, Object> result, Scenario s) {
        return lodestone.market.ScenarioReport.withUnits(result, s);
    }

    /** The keys each kind of path job takes, beside scenario, text and kind. */
    private static final Map<String, List<String>> KIND_KEYS = Map.of("montecarlo", List.of("draws", "seed", "metrics", "events"),
            "seek", List.of("param", "target", "range"), "sensitivity", List.of("metric", "year"));

    private static void onlyFields(JsonNode b, Set<String> allowed) {
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) throw ApiError.badRequest(f, f + ": unknown field; expected " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    /** POST /api/scenario-paths: one path, stored as a scenario run. */
    Object path(Call c) {
        JsonNode b = c.jsonBody();
        onlyFields(b, Set.of("scenario", "text", "overrides"));
        Scenarios.Prepared p = scenario(b);
        Map<String, Double> ov = overrides(p.scenario(), b);
        long t0 = System.nanoTime();
        PathResult r = MarketPath.run(p.scenario(), ov, MarketPath.Warm.YEAR, null);
        Map<String, Object> result = withUnits(r.toMap(), p.scenario());
        double ms = (System.nanoTime() - t0) / 1e6;
        ScenarioRuns.Run run = store.scenarioRuns().record(c.actor(), c.owner(), p.name(), String.join(",", p.scenario().minerals()),
                Server.json(ordered("kind", "path", "overrides", ov)), Server.json(result), r.solved() ? null : r.failure(), ms);
        RouteShapes.PathAnswer out = new RouteShapes.PathAnswer(run.id(), p.name(), run.status(), ms, result);
        return r.solved() ? out : Api.noEquilibrium(ordered("id", out.id(), "scenario", out.scenario(), "status", out.status(),
                "millis", out.millis(), "result", out.result()), r.failure()); // 422 in the error shape, the stored run beside it
    }

    /**
     * POST /api/scenario-fiscal: a path's fiscal table against its baseline path, both with the overrides (not stored: the two
     * paths are made again from the same request).
     */
    Object fiscal(Call c) {
        JsonNode b = c.jsonBody();
        onlyFields(b, Set.of("scenario", "text", "overrides"));
        Scenarios.Prepared p = scenario(b);
        Map<String, Double> ov = overrides(p.scenario(), b);
        lodestone.market.FiscalTable t = lodestone.market.FiscalTable.run(p.scenario(), ov);
        if (!t.solved()) return Api.noEquilibrium(ordered("scenario", p.name(), "baseline", t.baseline()), t.failure());
        return RouteShapes.FiscalTable.of(t, p.scenario(), ov);
    }

    /** POST /api/path-jobs: a Monte Carlo, seek or sensitivity job; answered at once with its id. */
    Object submit(Call c) {
        JsonNode b = c.jsonBody();
        checkJobLimit(c.owner()); // before the validation, which solves the scenario's path
        onlyFields(b, Set.of("scenario", "text", "kind", "draws", "seed", "metrics", "events", "param", "target", "range", "metric", "year"));
        String kind = Api.text(b, "kind");
        if (kind == null || !KINDS.contains(kind)) throw ApiError.badRequest("kind", "kind: expected montecarlo, seek or sensitivity");
        // a key of another kind is refused, not ignored: {"kind": "montecarlo", "metric": …} ran every metric
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (List.of("scenario", "text", "kind").contains(f) || KIND_KEYS.get(kind).contains(f)) continue;
            String owner = KIND_KEYS.entrySet().stream().filter(e -> e.getValue().contains(f)).map(Map.Entry::getKey).findFirst().orElseThrow();
            throw ApiError.badRequest(f, f + ": not a key of a " + kind + " job (it is a " + owner + " job's); a " + kind + " job takes "
                    + String.join(", ", KIND_KEYS.get(kind)) + "; nothing was started");
        }
        Scenarios.Prepared p = scenario(b);
        Scenario s = p.scenario();
        PathResult base = MarketPath.run(s);
        if (!base.solved()) throw new ApiError(422, "no_equilibrium", "the scenario's own path has no equilibrium in " + base.failure(), "scenario");
        Runnable work;
        Job job = new Job(0, kind, p.name()); // its id is the path_job row's, given once the request is valid
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("kind", kind);
        switch (kind) {
            case "montecarlo" -> {
                if (s.uncertainParameters().isEmpty()) throw ApiError.badRequest("scenario", "scenario: " + p.name() + " has no uncertainty: (nothing to draw)");
                // whole numbers only: 10.7 draws or a seed "x" was read as 10 and 0, silently
                int draws = b.has("draws") && b.get("draws").isIntegralNumber() && b.get("draws").canConvertToInt() ? b.get("draws").asInt()
                        : b.has("draws") ? -1 : 1000;
                if (draws < 1 || draws > 1_000_000) throw ApiError.badRequest("draws", "draws: expected a whole number from 1 to 1,000,000");
                if (b.has("seed") && !(b.get("seed").isIntegralNumber() && b.get("seed").canConvertToLong())) {
                    throw ApiError.badRequest("seed", "seed: expected a whole number, found " + b.get("seed"));
                }
                long seed = b.has("seed") ? b.get("seed").asLong() : 1;
                List<String> metrics = strings(b, "metrics");
                for (String m : metrics) if (!base.metrics().contains(m)) throw ApiError.badRequest("metrics", "metrics: unknown metric '" + m + "'");
                List<Target> events = new ArrayList<>();
                for (String e : strings(b, "events")) events.add(target(e, base, s, "events"));
                request.putAll(ordered("draws", draws, "seed", seed, "metrics", metrics, "events", strings(b, "events")));
                work = () -> job.result = withUnits(MonteCarlo.run(s, draws, seed, metrics.isEmpty() ? null : metrics, events,
                        Runtime.getRuntime().availableProcessors(), MarketPath.Warm.COLD, v -> job.progress = v).toMap(), s);
            }
            case "seek" -> {
                String param = Api.text(b, "param");
                String wrong = param == null ? "missing" : MarketPath.checkParameter(s, param);
                if (wrong != null) throw ApiError.badRequest("param", "param: " + wrong);
                Target t = target(Api.text(b, "target"), base, s, "target");
                JsonNode range = b.get("range");
                if (range == null || !range.isArray() || range.size() != 2 || !range.get(0).isNumber() || !range.get(1).isNumber()
                        || !(range.get(0).asDouble() < range.get(1).asDouble())) {
                    throw ApiError.badRequest("range", "range: expected [a, b], two numbers with a < b");
                }
                double lo = range.get(0).asDouble();
                double hi = range.get(1).asDouble();
                // the values the parameter can take, as `seek --range` checks them (a negative floor is no floor)
                String outside = lodestone.market.ParameterRange.of(s, param).check(param, lo, hi, "range", range.toString());
                if (outside != null) throw ApiError.badRequest("range", outside);
                request.putAll(ordered("param", param, "target", t.toString(), "range", List.of(lo, hi)));
                work = () -> {
                    try {
                        job.result = TargetSeek.seek(s, param, t, lo, hi, v -> job.progress = v).toMap(param, t);
                    } catch (TargetSeek.NoEquilibrium e) {
                        throw new Unanswerable(e.getMessage());
                    }
                };
            }
            default -> {
                if (s.uncertainParameters().isEmpty()) throw ApiError.badRequest("scenario", "scenario: " + p.name() + " has no uncertainty: (nothing to vary)");
                String metric = Api.text(b, "metric");
                // a whole year, as draws and seed: 2030.9, "2030" and 2030 + 2^32 were all run for 2030
                JsonNode y = b.get("year");
                if (y != null && !(y.isIntegralNumber() && y.canConvertToInt())) {
                    throw ApiError.badRequest("year", "year: expected a whole year of the horizon " + s.years()[0] + "-" + s.years()[1] + ", found " + y);
                }
                int year = y != null ? y.asInt() : s.years()[1];
                if (metric == null || !base.metrics().contains(metric)) throw ApiError.badRequest("metric", "metric: unknown metric '" + metric + "'");
                if (year < s.years()[0] || year > s.years()[1]) throw ApiError.badRequest("year", "year: outside the horizon " + s.years()[0] + "-" + s.years()[1]);
                request.putAll(ordered("metric", metric, "year", year));
                work = () -> {
                    try {
                        job.result = withUnits(Sensitivity.run(s, metric, year).toMap(), s);
                    } catch (TargetSeek.NoEquilibrium e) {
                        throw new Unanswerable(e.getMessage());
                    }
                };
            }
        }
        String actor = c.actor();
        Long owner = c.owner();
        synchronized (jobs) { // checked again with the job's entry: two submissions at once cannot both pass the limit
            checkJobLimit(owner);
            job.id = store.pathJobs().submit(kind, p.name(), owner).id();
            job.owner = owner;
            jobs.put(job.id, job);
        }
        Runnable body = work;
        runner.submit(() -> run(job, body, actor, owner, p, s, request));
        return job.view();
    }

    /**
     * What a failed job says: an unanswerable job its own reason; any other failure is a fault of the server, whose
     * own message (an engine's internals) goes to the log only, under the reference the answer names.
     */
    static String failure(long id, String kind, RuntimeException e, java.io.PrintStream log) {
        if (e instanceof Unanswerable) return e.getMessage();
        long ref = Api.logFault(log, "path job failure", "in job " + id + " (" + kind + ")", e);
        return "the job failed on the server (reference #" + ref + " in the server's log); submit it again, "
                + "and if it fails again give the server's administrator the reference";
    }

    /** Runs a job, stores its run and its end; the job object's fields are what GET shows meanwhile. */
    private void run(Job job, Runnable work, String actor, Long owner, Scenarios.Prepared p, Scenario s, Map<String, Object> request) {
        job.status = "running";
        store.pathJobs().started(job.id);
        long t0 = System.nanoTime();
        String end;
        try {
            work.run();
            end = "done";
        } catch (RuntimeException e) {
            job.error = failure(job.id, job.kind, e, log);
            end = "failed";
        }
        ScenarioRuns.Run run = store.scenarioRuns().record(actor, owner, p.name(), String.join(",", s.minerals()), Server.json(request),
                job.result == null ? null : Server.json(job.result), job.error, (System.nanoTime() - t0) / 1e6);
        job.runId = run.id();
        store.pathJobs().ended(job.id, end, job.error, run.id());
        if (end.equals("done")) job.progress = 1;
        job.status = end; // last: a poller that sees the end also sees the stored run
        jobs.remove(job.id); // ended: answered from the store from now on
    }

    Object get(Call c) {
        return get(c, c.pathId("id"), "id");
    }

    /** GET /api/path-jobs/{id}'s answer, if the caller may see the job; else 404 as for an id never used ({@code field}: where the id was). */
    Object get(Call c, long id, String field) {
        Job j = jobs.get(id);
        if (j != null && c.sees(j.owner)) return j.view();
        PathJobRecords.Record r = store.pathJobs().get(id).orElse(null);
        if (r == null || !c.sees(r.owner())) throw ApiError.notFound(field, "no path job " + id);
        // a job no longer in memory: ended (its result is its scenario run), or cut short by a stopped server
        Job out = new Job(r.id(), r.kind(), r.scenario());
        out.owner = r.owner();
        out.runId = r.runId();
        if (!r.ended()) {
            if (r.id() <= lastIdBeforeStart) {
                out.status = "failed";
                out.error = "interrupted: the server stopped while the job was " + r.status() + "; submit it again";
            } else {
                out.status = r.status(); // submitted since this server started: another server sharing the database runs it
            }
            return out.view();
        }
        out.status = r.status();
        out.error = r.error();
        if (r.status().equals("done")) out.progress = 1;
        if (r.runId() != null) {
            ScenarioRuns.Run run = store.scenarioRuns().get(r.runId()).orElse(null);
            if (run != null && run.resultJson() != null) {
                // as stored: the bytes the job's result was written in (the command line's); a job stored before, as before
                out.result = run.exact() ? StoredJson.readObject(run.resultJson()) : resultOf(run.resultJson());
            }
        }
        return out.view();
    }

    private static Map<String, Object> resultOf(String json) {
        try {
            return Server.JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored path-job result is not JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode b, String f) {
        List<String> out = new ArrayList<>();
        JsonNode v = b.get(f);
        if (v == null || v.isNull()) return out;
        if (!v.isArray()) throw ApiError.badRequest(f, f + ": expected a list of strings");
        v.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Target target(String text, PathResult base, Scenario s, String field) {
        try {
            Target t = Target.parse(text);
            String wrong = t.check(base, s.years());
            if (wrong != null) throw ApiError.badRequest(field, field + ": " + unprefixed(wrong));
            return t;
        } catch (ScenarioException e) {
            throw ApiError.badRequest(field, field + ": " + String.join("; ", e.problems().stream().map(PathJobs::unprefixed).toList()));
        }
    }

    /** A problem of Target's without its own "target: " (the command line's word): the field names it once ("target: …", "events: …"). */
    private static String unprefixed(String problem) {
        return problem.startsWith("target: ") ? problem.substring("target: ".length()) : problem;
    }
}
