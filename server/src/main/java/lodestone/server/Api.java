package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import lodestone.border.Assessment;
import lodestone.border.AssessmentJson;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.border.bulk.EntryFields;
import lodestone.regime.Regime;
import lodestone.regime.agreement.Agreement;
import lodestone.regime.geo.Country;
import lodestone.regime.measure.Measure;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.view.GroupViews;
import lodestone.regime.view.MineralViews;
import lodestone.regime.view.RegimeViews;
import lodestone.store.BulkJobs;
import lodestone.store.Ledger;
import lodestone.store.ScenarioRuns;
import lodestone.store.Store;
import lodestone.store.Tokens;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static lodestone.regime.view.RegimeViews.ordered;
import static lodestone.server.Route.Access.ADMIN;
import static lodestone.server.Route.Access.ANALYST;
import static lodestone.server.Route.Access.PUBLIC;
import static lodestone.server.Route.Param.path;
import static lodestone.server.Route.Param.query;

/** The HTTP API: every route, declared once (see {@link Route}), and how calls are authenticated and answered. */
final class Api {
    /** A handler's answer with a status other than 200. */
    record Reply(int status, Object body) { }

    /** The handler wrote the response itself (a download). */
    static final Object WRITTEN = new Object();
    /**
     * Told a download's progress ({@link Server#onDownload}: tests): 0 before it reads its first chunk, 1 once it has written
     * it; null: nothing.
     */
    volatile java.util.function.IntConsumer onDownload;

    static final int CHUNK_SIZE = 10_000;
    static final int SAMPLE_MALFORMED_EVERY = 40;

    private final Store store;
    private final Engines engines;
    private final BulkWorker worker;
    private final Retention retention;
    private final Server.Config cfg;
    private final Scenarios scenarios;
    private final PathJobs paths;
    private final Finance finance;
    private final CompareJobs compares;

    Api(Store store, Engines engines, BulkWorker worker, Server.Config cfg, Retention retention) {
        this.retention = retention;
        this.store = store;
        this.engines = engines;
        this.worker = worker;
        this.cfg = cfg;
        this.scenarios = new Scenarios(engines);
        this.paths = new PathJobs(scenarios, store, cfg.log());
        this.finance = new Finance(engines);
        this.compares = new CompareJobs(store, engines, retention);
    }

    // ------------------------------------------------------------------ the route table

    List<Route> routes() {
        List<Route> r = new ArrayList<>();
        String json = "application/json";
        r.add(new Route("GET", "/api/health", PUBLIC, "Is the server up; which regime and store it uses.", List.of(), null, json, c -> health()));
        r.add(new Route("GET", "/api/openapi.json", PUBLIC, "This API's OpenAPI 3.1 description.", List.of(), null, json,
                c -> OpenApi.document(routes(), cfg)));
        // the web application's session: the token handed over once, kept in an HttpOnly cookie no script can read
        r.add(new Route("GET", "/api/session", PUBLIC, "Whether this browser's session cookie signs it in, and as whom (never a 401).",
                List.of(), null, json, this::sessionState));
        r.add(new Route("POST", "/api/session", PUBLIC, "Sign a browser in: the token is checked and a session opened on the server; "
                + "its own secret (lss_…, never the token) is set as an HttpOnly, SameSite=Strict cookie (" + SESSION_COOKIE + ", path /api, "
                + SESSION_HOURS + " hours) that the browser sends with every API call and no script can read. API clients send "
                + "Authorization: Bearer instead.", List.of(), new Route.Body(json, "{\"token\": \"lst_…\"}"), json, this::signIn));
        r.add(new Route("DELETE", "/api/session", PUBLIC, "Sign this browser out: the session is ended on the server (its cookie no longer "
                + "signs anything in, wherever it was copied) and the cookie is cleared.", List.of(), null, json, this::signOut));
        r.add(new Route("GET", "/api/me", ANALYST, "The calling token's name and role.", List.of(), null, json,
                c -> ordered("name", c.token.name(), "role", c.token.role().key(), "token_id", c.token.id())));

        r.add(new Route("GET", "/api/regime", ANALYST, "The active regime: id, title, version, the regimes available, and 'info' (as lodestone regime info --json: horizon, sources, counts).",
                List.of(), null, json, c -> regimeInfo()));
        r.add(new Route("PUT", "/api/regime", ADMIN, "Make another regime the active one (administrators): one of 'available' in GET "
                + "/api/regime — a bundled regime, or folder:NAME for a folder or manifest the server's operator offered (serve --regime-folder).", List.of(),
                new Route.Body(json, "{\"regime\": \"bundled:plurilateral\"}"), json, this::switchRegime));
        r.add(new Route("GET", "/api/regime/search", ANALYST, "HTS lines whose description has every word of q, or whose code starts with q; "
                + "'total' is how many match in all, 'truncated' whether that is more than the limit.",
                List.of(query("q", "string", "words or a code prefix (required)"), query("limit", "integer", "at most this many (default 25, max 200)")),
                null, json, this::search));
        r.add(new Route("GET", "/api/regime/tree", ANALYST, "Browse the nomenclature: chapters, then headings, then the lines under a code.",
                List.of(query("code", "string", "a chapter (28), heading or code; none for the chapters"),
                        query("index", "integer", "instead of code: the line at this place in the schedule (a row's or a search hit's index), "
                                + "for a heading's text that has no code")), null, json, this::tree));
        r.add(new Route("GET", "/api/regime/codes/{code}", ANALYST, "An HTS code as of a date and origin: ancestors, base rates, measures with legal base, exclusions.",
                List.of(path("code", "an HTS code at any level, e.g. 2846.90.80"), query("date", "date", "YYYY-MM-DD (default today, in UTC)"),
                        query("origin", "string", "ISO 3166 alpha-2 country of origin (default: any)")), null, json, this::code));
        r.add(new Route("GET", "/api/regime/codes/{code}/timeline", ANALYST, "Every measure that ever covers the code (for an origin), in date order.",
                List.of(path("code", "an HTS code"), query("origin", "string", "ISO alpha-2 country of origin (default: any)")), null, json, this::timeline));
        r.add(new Route("GET", "/api/regime/diff", ANALYST, "What changed after one date up to another.",
                List.of(query("from", "date", "the earlier date (required)"), query("to", "date", "the later date (required)")), null, json, this::diff));
        r.add(new Route("GET", "/api/regime/compare", ANALYST, "What the active regime adds to, removes from or changes in another "
                + "registered regime (an overlay against the one it extends), by id: as lodestone regime diff --against --json.",
                List.of(query("against", "string", "a regime the server offers: bundled, bundled:plurilateral, or folder:NAME (required)")),
                null, json, c -> {
                    String against = c.query("against");
                    if (against == null || against.isBlank()) throw ApiError.badRequest("against", "against: missing; expected a regime the server offers, such as bundled");
                    return RegimeViews.compare(engines.regime(), engines.named("against", against).regime());
                }));
        r.add(new Route("GET", "/api/agreements", ANALYST, "The agreements, frameworks and programmes with status and dates.", List.of(), null, json,
                c -> engines.regime().agreements().stream().map(RegimeViews::agreementDetail).toList()));
        r.add(new Route("GET", "/api/agreements/{id}", ANALYST, "One agreement: parties, deadlines, commitments with their sources.",
                List.of(path("id", "an agreement id")), null, json, this::agreement));

        r.add(new Route("GET", "/api/minerals", ANALYST, "The critical minerals of the 2025 list, each with its symbol, family, whether it was "
                + "on the 2022 list or added in 2025, the value chains that span it and their content bases (as lodestone regime minerals --json).",
                List.of(), null, json, c -> MineralViews.list(engines.regime().minerals())));
        r.add(new Route("GET", "/api/minerals/{id}", ANALYST, "A mineral of the list or a value chain: the mineral's facts and the value "
                + "chains that span it, each product with its stage, HTS codes and content basis, and the content bases (as lodestone "
                + "regime minerals ID --json).", List.of(path("id", "a mineral (neodymium) or a value chain (rare-earths)")), null, json, this::mineral));
        r.add(new Route("GET", "/api/groups", ANALYST, "The country groups (EU27, CAFTA-DR, USMCA, an overlay's club…) with their members on "
                + "a date, or every membership window (as lodestone regime groups --json).",
                List.of(query("date", "date", "YYYY-MM-DD: only the members on that date (default: every membership window)")), null, json,
                c -> GroupViews.list(engines.regime(), c.date("date", null))));
        r.add(new Route("GET", "/api/groups/{id}", ANALYST, "One country group: its members on a date, or every membership window with its "
                + "dates and source (as lodestone regime groups ID --json).",
                List.of(path("id", "a group id, e.g. CAFTA-DR"), query("date", "date", "YYYY-MM-DD (default: every membership window)")),
                null, json, this::group));
        r.add(new Route("POST", "/api/origin/check", ANALYST, "Does a product qualify for a preference? A bill of materials checked against an agreement's rules of origin.",
                List.of(query("agreement", "string", "the agreement (default: the bill's, else cafta-dr)")),
                new Route.Body(json, "a bill of materials (docs/origin-format.md)"), json, this::originCheck));
        r.add(new Route("GET", "/api/origin/rules/{code}", ANALYST, "The rule of origin for an HS code, with its alternatives.",
                List.of(path("code", "an HS/HTS code of at least 6 digits"), query("agreement", "string", "default cafta-dr")), null, json, this::originRule));
        r.add(new Route("POST", "/api/assessments", ANALYST, "Assess one shipment, or a customs entry of several lines; the assessment "
                + "is written to the ledger (an entry as one record).",
                List.of(), new Route.Body(json, "one line in the bulk fields (docs/bulk-format.md): hts, origin, customs_value, quantity and "
                + "unit are required; entry_date (default today, in UTC), line_id, currency (USD) and content_quantity, content_unit, documents "
                + "(array), preference, production_regions (array), end_use, bom (a bill of materials), … are optional. Or an entry of several lines: a header (entry_date, "
                + "currency, importer, export_country, loaded_date, documents) and lines, each in the bulk fields; answered with entry "
                + "(each line's assessment and the entry's totals) instead of assessment; a bad line refuses the entry, every bad line "
                + "listed in error.problems"),
                json, this::assess).withStatus(201).withLocation("/api/assessments/{id}"));
        r.add(new Route("GET", "/api/assessments", ANALYST, "The newest ledger entries, newest first; more through the " + Pages.HEADER + " header.",
                List.of(query("limit", "integer", "how many, newest first (default 50, at most 1000)"), Pages.param()), null, json, c -> {
                    int limit = c.intQuery("limit", 50, 1, 1000);
                    Pages.Position from = Pages.read(c, "assessments");
                    return Pages.page(c, "assessments", store.ledger().page(limit + 1, c.scope(), from == null ? null : from.keyset()), limit,
                            Ledger.Entry::at, Ledger.Entry::id).stream().map(Api::ledgerSummary).toList();
                }));
        r.add(new Route("GET", "/api/assessments/{id}", ANALYST, "One ledger entry: request, result with its trail (assessment, or entry for an entry of several lines), regime, who and when.",
                List.of(path("id", "the ledger id")), null, json, this::ledgerEntry));
        r.add(new Route("POST", "/api/compare", ANALYST, "Assess one shipment, or a customs entry of several lines, under the active regime "
                + "and under another regime or date: each side's answer, the difference, and for an entry each line's duties and change.",
                List.of(), new Route.Body(json, "a shipment or an entry of several lines as for /api/assessments plus \"with\": a regime (bundled:plurilateral) "
                        + "or date:YYYY-MM-DD, and/or \"with_origin\": FROM=TO (side B's lines of origin FROM as if from TO; comma-separated for several)"),
                json, this::compare).withStatus(201).withLocation("/api/whatifs/{whatif_id}"));

        r.add(new Route("POST", "/api/compare-file", ANALYST, "What-if for a small file (at most " + CompareJobs.SYNC_MAX_BYTES + " bytes; larger "
                + "files: POST /api/compare-jobs), answered at once: every line of a bulk CSV file assessed under the active regime "
                + "and under another regime, on another date or from other origins (as lodestone compare): totals, counts, and the lines that change most. Recorded as a what-if.",
                List.of(query("with", "string", "a regime (bundled:plurilateral) or date:YYYY-MM-DD; required unless with_origin is given"),
                        query("with_origin", "string", "FROM=TO, comma-separated for several (CN=VN,MX=CA): under side B the lines of origin "
                                + "FROM as if from TO; a preference TO is not eligible for is dropped, with a warning"),
                        query("top", "integer", "lines to list, largest change first (default 20, at most 1000)"),
                        query("name", "string", "the file's name")),
                new Route.Body("text/csv", "the file (docs/bulk-format.md)"), json, this::compareFile).withStatus(201)
                .withLocation("/api/whatifs/{whatif_id}"));
        // what-ifs (issues 13, 18): a whole file compared in the background, and every what-if recorded
        r.add(new Route("POST", "/api/compare-jobs", ANALYST, "What-if for a whole file of any size (up to the upload limit) as a background job "
                + "(as bulk jobs: progress, resumed after a restart, at most " + MAX_ACTIVE_JOBS_PER_USER + " jobs of a user queued or running); "
                + "poll GET /api/compare-jobs/{id}: its result, when done, is what compare-file answers. The same file, comparison and "
                + "Idempotency-Key is the same job.",
                List.of(query("with", "string", "a regime (bundled:plurilateral) or date:YYYY-MM-DD; required unless with_origin is given"),
                        query("with_origin", "string", "FROM=TO, comma-separated for several (CN=VN,MX=CA): under side B the lines of origin "
                                + "FROM as if from TO; a preference TO is not eligible for is dropped, with a warning"),
                        query("top", "integer", "lines to list, largest change first (default 20, at most 1000)"),
                        query("name", "string", "the file's name"),
                        new Route.Param("Idempotency-Key", "header", false, "string", "a key of the client's choosing")),
                new Route.Body("text/csv", "the file (docs/bulk-format.md)"), json, this::submitCompare).withStatus(202).withLocation("/api/compare-jobs/{id}"));
        r.add(new Route("GET", "/api/compare-jobs", ANALYST, "The newest compare jobs with their progress (without results); more through the "
                + Pages.HEADER + " header.", List.of(query("limit", "integer", "how many, newest first (default 50, at most 1000)"), Pages.param()), null, json,
                c -> jobPage(c, "compare-jobs", BulkJobs.KIND_COMPARE).stream().map(j -> {
                    Map<String, Object> m = compares.view(j);
                    m.remove("result");
                    return m;
                }).toList()));
        r.add(new Route("GET", "/api/compare-jobs/{id}", ANALYST, "A compare job: status, lines done, and its result once it is done.",
                List.of(path("id", "the job id")), null, json, c -> compares.view(job(c, BulkJobs.KIND_COMPARE))));
        r.add(new Route("GET", "/api/compare-jobs/{id}/result", ANALYST, "A done compare job's result (as GET /api/compare-jobs/{id} "
                + "gives it). Of a cancelled or failed job, with partial=true: the figures of the lines it had done — what comparing the "
                + "file's first lines answers — marked partial (its field partial, and X-Lodestone-Partial); no what-if is recorded for them.",
                List.of(path("id", "the job id"), PARTIAL), null, json, c -> compares.result(c, job(c, BulkJobs.KIND_COMPARE))));
        r.add(new Route("POST", "/api/compare-jobs/{id}/cancel", ANALYST, "Cancel a compare job that is queued or running (your own; "
                + "administrators: any): it stops at its next chunk commit and ends cancelled, with the lines done so far; no what-if "
                + "is recorded, and the figures of those lines are offered as a partial result (…/result?partial=true). 409 conflict when it already ended (done, failed or cancelled). The same file submitted again queues it "
                + "again: it resumes after its last committed chunk.",
                List.of(path("id", "the job id")), null, json, c -> compares.view(cancel(c, BulkJobs.KIND_COMPARE))));
        r.add(new Route("POST", "/api/compare-jobs/{job}/resubmit", ANALYST, "Compare a job's file again, under the regime the server "
                + "has now and the same what-if (its with, with_origin and top), without uploading it again (your own job; "
                + "administrators: any — the new job is yours), as POST /api/bulk-jobs/{job}/resubmit does a bulk job's. 409 conflict "
                + "for a job queued or running; 410 gone for a retired job; 400 when what it was compared with is no longer on the server.",
                List.of(path("job", "the id of the job whose file is compared again"),
                        new Route.Param("Idempotency-Key", "header", false, "string", "a key of the client's choosing (default resubmit-of-{job})")),
                null, json, c -> resubmit(c, BulkJobs.KIND_COMPARE)).withStatus(202).withLocation("/api/compare-jobs/{id}"));
        r.add(new Route("POST", "/api/compare-jobs/{id}/retire", ADMIN, "Retire a finished compare job (administrators): its uploaded "
                + "file and its chunks' figures are removed from the database; the job stays listed with its counts, retired_at set, and "
                + "a done job's result stays (it is its recorded what-if). A cancelled or failed job's partial result is then 410 gone. "
                + "409 conflict for a job queued or running (cancel it first) or already retired.",
                List.of(path("id", "the job id")), null, json, c -> compares.view(retire(c, BulkJobs.KIND_COMPARE))));
        r.add(new Route("GET", "/api/whatifs", ANALYST, "The recorded what-ifs (shipments and files), newest first: an analyst's own, every one for administrators.",
                List.of(query("limit", "integer", "how many, newest first (default 50, at most 1000)"), Pages.param()), null, json, c -> {
                    int limit = c.intQuery("limit", 50, 1, 1000);
                    Pages.Position from = Pages.read(c, "whatifs");
                    return Pages.page(c, "whatifs", store.whatIfs().page(limit + 1, c.scope(), from == null ? null : from.keyset()), limit,
                            lodestone.store.WhatIfs.WhatIf::at, lodestone.store.WhatIfs.WhatIf::id).stream().map(CompareJobs::summary).toList();
                }));
        r.add(new Route("GET", "/api/whatifs/{id}", ANALYST, "One recorded what-if with what was asked and what it answered.",
                List.of(path("id", "the what-if id")), null, json, c -> whatIf(c, c.pathId("id"), "id")));
        r.add(new Route("POST", "/api/bulk-jobs", ANALYST, "Upload a bulk file (CSV or JSON Lines, docs/bulk-format.md) to be assessed in the background. "
                + "The same content with the same Idempotency-Key header (or none), under the same active regime and read as the same "
                + "format, is the same job, never assessed twice; after the active regime changed it is a new job.",
                List.of(query("name", "string", "the file's name (its extension .jsonl/.ndjson selects JSON Lines)"),
                        new Route.Param("Idempotency-Key", "header", false, "string", "a key of the client's choosing")),
                new Route.Body("text/csv", "the file"), json, this::submitBulk).withStatus(202).withLocation("/api/bulk-jobs/{id}"));
        r.add(new Route("GET", "/api/bulk-sample", ANALYST, "A sample bulk file: seeded generated shipments of the active regime; every 40th line (and a few others) malformed on purpose, to show the rejects.",
                List.of(query("lines", "integer", "how many (default 200, max 100000)"), query("seed", "integer", "the generator's seed (default 1)")),
                null, "text/csv", this::sample));
        r.add(new Route("GET", "/api/bulk-jobs", ANALYST, "The newest bulk jobs with their progress; more through the " + Pages.HEADER + " header.",
                List.of(query("limit", "integer", "how many, newest first (default 50, at most 1000)"), Pages.param()),
                null, json, c -> jobPage(c, "bulk-jobs", BulkJobs.KIND_ASSESS).stream().map(Api::job).toList()));
        r.add(new Route("GET", "/api/bulk-jobs/{id}", ANALYST, "A bulk job's status, progress and counts.", List.of(path("id", "the job id")),
                null, json, c -> job(bulkJob(c))));
        r.add(new Route("POST", "/api/bulk-jobs/{id}/cancel", ANALYST, "Cancel a bulk job that is queued or running (your own; "
                + "administrators: any): it stops at its next chunk commit and ends cancelled, with the lines done so far; its results "
                + "and rejects of those lines are offered as partial files (…/results?partial=true). 409 conflict when it already ended (done, failed or cancelled). The same file "
                + "submitted again queues it again: it resumes after its last committed chunk.",
                List.of(path("id", "the job id")), null, json, c -> job(cancel(c, BulkJobs.KIND_ASSESS))));
        r.add(new Route("POST", "/api/bulk-jobs/{job}/resubmit", ANALYST, "Assess a job's file again, under the regime the server has "
                + "now, without uploading it again (your own job; administrators: any — the new job is yours): for a job that an "
                + "upgrade left not run or not resumed (its regime changed), or any ended job to be assessed under a newer regime. "
                + "The new job is as POST /api/bulk-jobs would make of the same file and name: the same Idempotency-Key header (default "
                + "resubmit-of-{job}) under the same regime is the same job, answered 200 with duplicate true. 409 conflict for a job "
                + "queued or running; 410 gone for a retired job (its file was removed).",
                List.of(path("job", "the id of the job whose file is assessed again"),
                        new Route.Param("Idempotency-Key", "header", false, "string", "a key of the client's choosing (default resubmit-of-{job})")),
                null, json, c -> resubmit(c, BulkJobs.KIND_ASSESS)).withStatus(202).withLocation("/api/bulk-jobs/{id}"));
        r.add(new Route("POST", "/api/bulk-jobs/{id}/retire", ADMIN, "Retire a finished bulk job (administrators): its uploaded file "
                + "and its results and rejects are removed from the database; the job stays listed with its counts, total and totals, "
                + "retired_at set; its results and rejects are then 410 gone. 409 conflict for a job queued or running (cancel it first) "
                + "or already retired. The same file uploaded again is a new job.",
                List.of(path("id", "the job id")), null, json, c -> job(retire(c, BulkJobs.KIND_ASSESS))));
        r.add(new Route("POST", "/api/jobs/retire", ADMIN, "Retire every bulk and compare job (everyone's) that finished — done, "
                + "failed or cancelled — before a date (00:00 UTC of it), as POST …/{id}/retire does one: answers what was retired.",
                List.of(), new Route.Body(json, "{\"finished_before\": \"2026-01-01\"}"), json, this::retireFinishedBefore));
        r.add(new Route("GET", "/api/jobs/retention", ADMIN, "Whether this server retires finished jobs by itself (lodestone serve "
                + "--retain-jobs-days N): the days a finished job is kept, and what the last run retired (administrators).",
                List.of(), null, json, c -> retentionState()));
        r.add(new Route("GET", "/api/bulk-jobs/{id}/results", ANALYST, "The job's results file (complete once the job is done). Of a "
                + "cancelled or failed job, with partial=true: the lines it had done, marked partial (X-Lodestone-Partial, and the file name).",
                List.of(path("id", "the job id"), PARTIAL), null, "text/csv", c -> download(c, false)));
        r.add(new Route("GET", "/api/bulk-jobs/{id}/totals", ANALYST, "The job's duty totals by origin, HS heading (4 digits) and measure, "
                + "exact to the cent; each list sums to total_duty. While the job runs, those of the lines done so far (complete: false). "
                + "409 totals_unavailable for a job with chunks committed before totals were kept.",
                List.of(path("id", "the job id")), null, json, this::totals));
        r.add(new Route("GET", "/api/bulk-jobs/{id}/rejects", ANALYST, "The job's rejected lines with line, field and reason. Of a "
                + "cancelled or failed job, with partial=true: those of the lines it had done, marked partial.",
                List.of(path("id", "the job id"), PARTIAL), null, "text/csv", c -> download(c, true)));

        r.add(new Route("GET", "/api/scenarios", ANALYST, "The bundled market scenarios and baselines.", List.of(), null, json, c -> scenarios.list()));
        r.add(new Route("GET", "/api/scenarios/{name}", ANALYST, "One bundled scenario: its text and its editable parameters.",
                List.of(path("name", "a bundled scenario, e.g. ndpr-floor-110")), null, json, c -> scenarios.show(c.path("name"))));
        r.add(new Route("POST", "/api/scenario-runs", ANALYST, "Run a scenario (bundled, edited, or with changed parameters) against its baseline; the run is stored.",
                List.of(), new Route.Body(json, "{\"scenario\": \"ndpr-floor-110\", \"parameters\": {\"floor\": 120}} or {\"text\": \"<scenario YAML>\"}"),
                json, this::runScenario).withStatus(201).withLocation("/api/scenario-runs/{id}"));
        r.add(new Route("POST", "/api/lcp", ANALYST, "Solve a raw linear complementarity problem LCP(q, M) — z ≥ 0, w = Mz + q ≥ 0, z·w = 0 — "
                + "with the market engine's Lemke solver (as lodestone solve-lcp); the residual is recomputed from M and q. "
                + "No solution (a ray, for a copositive-plus M) is an answer too: status no-solution with the reason; a ray for another M is "
                + "undetermined (none found, none proven absent).",
                List.of(), new Route.Body(json, "{\"M\": [[2, 1], [1, 2]], \"q\": [-5, -6]}"), json, this::solveLcp).asHeavy());
        r.add(new Route("GET", "/api/scenario-runs", ANALYST, "The newest scenario runs; more through the " + Pages.HEADER + " header.",
                List.of(query("limit", "integer", "how many, newest first (default 50, at most 1000)"), Pages.param()), null, json, c -> {
                    int limit = c.intQuery("limit", 50, 1, 1000);
                    Pages.Position from = Pages.read(c, "scenario-runs");
                    return Pages.page(c, "scenario-runs", store.scenarioRuns().page(limit + 1, c.scope(), from == null ? null : from.keyset()), limit,
                            ScenarioRuns.Run::at, ScenarioRuns.Run::id).stream().map(Api::runSummary).toList();
                }));
        r.add(new Route("GET", "/api/scenario-runs/{id}", ANALYST, "One scenario run with its result.", List.of(path("id", "the run id")),
                null, json, this::scenarioRun));
        // market paths (issue 15): one path at once; Monte Carlo, seek and sensitivity as background jobs
        r.add(new Route("POST", "/api/scenario-paths", ANALYST, "The path of a scenario with a horizon (docs/scenario-format.md, \"Years\"), "
                + "with parameters overridden; stored as a scenario run.", List.of(),
                new Route.Body(json, "{\"scenario\": \"ndpr-2025-2040\", \"overrides\": {\"floor\": 130}}"), json, paths::path).withStatus(201).withLocation("/api/scenario-runs/{id}").asHeavy());
        r.add(new Route("POST", "/api/scenario-fiscal", ANALYST, "A path's fiscal table year by year against its baseline path (the baseline's "
                + "policies over the same horizon): levy and tariff revenue, subsidy outlays, stockpile sales and purchases, net cost; "
                + "total and present value (docs/market-model.md, \"The fiscal table\").", List.of(),
                new Route.Body(json, "{\"scenario\": \"ndpr-2025-2040\", \"overrides\": {\"floor\": 130}}"), json, paths::fiscal).asHeavy());
        r.add(new Route("POST", "/api/path-jobs", ANALYST, "Start a Monte Carlo, seek or sensitivity run of a path in the background; poll "
                + "GET /api/path-jobs/{id} for progress; the result is stored as a scenario run.", List.of(),
                new Route.Body(json, "{\"scenario\": \"ndpr-2025-2040\", \"kind\": …} with, by kind: montecarlo (draws, seed, metrics, "
                        + "events), seek (param, target, range: [a, b]; e.g. \"param\": \"floor\", \"target\": \"club_supply_share(2030) >= 0.5\", "
                        + "\"range\": [80, 300]) or sensitivity (metric, year: the example)"), json, paths::submit).withStatus(202).withLocation("/api/path-jobs/{id}"));
        r.add(new Route("GET", "/api/path-jobs/{id}", ANALYST, "A path job: status, progress (0–1), result, and the stored run's id.",
                List.of(path("id", "the job id")), null, json, paths::get));
        r.add(new Route("GET", "/api/runs", ANALYST, "History: assessments, bulk jobs, what-ifs and scenario runs, newest first; more through the "
                + Pages.HEADER + " header.", List.of(query("limit", "integer", "how many, newest first (default 50, at most 500)"), Pages.param()),
                null, json, this::history));

        // finance (issue 14): the project registry, valuation under support, floor-setting, priority ranking
        r.add(new Route("GET", "/api/projects", ANALYST, "The project registry (docs/projects-format.md) and the markets' price models.",
                List.of(), null, json, c -> finance.projects()));
        r.add(new Route("GET", "/api/projects/{id}", ANALYST, "One project with every figure and its source or assumption.",
                List.of(path("id", "a project id, e.g. arafura-nolans")), null, json, c -> finance.project(c.path("id"))));
        r.add(new Route("GET", "/api/projects/{id}/screening", ANALYST, "Screen a project against the agreement's standards (default criteria): "
                + "pass/fail with the reason of each check, entity lists as of a date.",
                List.of(path("id", "a project id"), query("date", "string", "YYYY-MM-DD, default today (UTC)")), null, json,
                c -> finance.screening(c.path("id"), c.dateOrToday("date"))));
        r.add(new Route("POST", "/api/valuations", ANALYST, "Monte Carlo DCF of a project with and without support (as lodestone value --json; "
                + "paths ≤ 200,000).", List.of(), new Route.Body(json, "{\"project\": \"arafura-nolans\", \"floor\": \"110\", \"upside_share\": 0.3, "
                + "\"paths\": 50000, \"seed\": 1} (or \"cfd\", or \"offtake\": \"PRICE:VOLUME\"; \"support_years\", \"dscr\"; \"files\": your own "
                + "project or market files, as POST /api/project-files takes them, to value one of their projects)"), json,
                c -> finance.value(c.jsonBody())).asHeavy());
        r.add(new Route("POST", "/api/floor-sweeps", ANALYST, "A floor sweep: a project valued at several floor levels (and terms) on the same "
                + "price paths, a row each (as lodestone value with --floor repeated, --json; paths × rows ≤ " + Finance.MAX_SWEEP_PATHS + ").", List.of(),
                new Route.Body(json, "{\"project\": \"nyrstar-clarksville-germanium\", \"floors\": [\"2000\", \"2500\", \"3000\"], \"support_years\": [10, 11], "
                        + "\"paths\": 20000, \"seed\": 1} (\"upside_share\", \"ebitda_floor\", \"dscr\", \"files\" as POST /api/valuations)"), json,
                c -> finance.sweep(c.jsonBody())).asHeavy());
        r.add(new Route("POST", "/api/project-files", ANALYST, "Your own project or market files (as --projects; docs/projects-format.md) read "
                + "with the bundled registry: their projects with every figure's source and each one's screening, their markets — or every "
                + "problem of every file at its line and field (400 invalid_project_file). Nothing is stored: send the same \"files\" with "
                + "POST /api/valuations, /api/floors/{market} or /api/rankings/{market} to value, compare or rank with them.",
                List.of(query("date", "string", "the screening's date, YYYY-MM-DD, default today (UTC)")),
                new Route.Body(json, "{\"files\": [{\"name\": \"my-project.yaml\", \"text\": \"project: …\"}]} (at most "
                        + Finance.MAX_FILES + " files of at most " + Finance.MAX_FILE_CHARS + " characters)"), json,
                c -> finance.projectFiles(c.jsonBody(), c.dateOrToday("date"))));
        r.add(new Route("GET", "/api/floors/{market}", ANALYST, "Floor-setting methods side by side (as lodestone floor --json): floor, supply brought, "
                + "levy revenue, expected CfD cost.", List.of(path("market", "a market id, e.g. ndpr"),
                query("methods", "string", "comma-separated: percentile:P, marginal:TARGET, band:WINDOW:BAND (default percentile:75,band:5:0.2)"),
                query("seed", "integer", "default 1")), null, json,
                c -> finance.floors(c.path("market"), c.query("methods"), c.intQuery("seed", 1, 0, Integer.MAX_VALUE))).asHeavy());
        r.add(new Route("POST", "/api/floors/{market}", ANALYST, "The floor comparison with your own project or market files in the registry "
                + "(as lodestone floor --projects): the market may be one of your files.", List.of(path("market", "a market id, e.g. ndpr")),
                new Route.Body(json, "{\"files\": [{\"name\", \"text\"}], \"methods\": \"percentile:75,band:5:0.2\", \"seed\": 1}"), json,
                c -> finance.floors(c.path("market"), c.jsonBody())).asHeavy());
        r.add(new Route("GET", "/api/rankings/{market}", ANALYST, "Projects ranked by supply-risk reduction per million USD of expected support "
                + "(as lodestone rank --json).", List.of(path("market", "a market id, e.g. ndpr"), query("seed", "integer", "default 1")), null, json,
                c -> finance.ranking(c.path("market"), c.intQuery("seed", 1, 0, Integer.MAX_VALUE))).asHeavy());
        r.add(new Route("POST", "/api/rankings/{market}", ANALYST, "The priority ranking with your own projects among the bundled ones "
                + "(as lodestone rank --projects).", List.of(path("market", "a market id, e.g. ndpr")),
                new Route.Body(json, "{\"files\": [{\"name\", \"text\"}], \"seed\": 1}"), json, c -> finance.ranking(c.path("market"), c.jsonBody())).asHeavy());

        r.add(new Route("GET", "/api/tokens", ADMIN, "The API tokens (never their secrets), newest first; more through the " + Pages.HEADER + " header.",
                List.of(query("limit", "integer", "how many, newest first (default 1000, at most 1000)"), Pages.param()), null, json, c -> {
                    int limit = c.intQuery("limit", 1000, 1, 1000);
                    Pages.Position from = Pages.read(c, "tokens");
                    return Pages.page(c, "tokens", store.tokens().page(limit + 1, from == null ? null : from.keyset()), limit,
                            Tokens.Token::createdAt, Tokens.Token::id).stream().map(Api::token).toList();
                }));
        r.add(new Route("POST", "/api/tokens", ADMIN, "Make a token; its secret is in this answer only.", List.of(),
                new Route.Body(json, "{\"name\": \"jane (analyst)\", \"role\": \"analyst\"}"), json, this::createToken).withStatus(201));
        r.add(new Route("DELETE", "/api/tokens/{id}", ADMIN, "Revoke a token.", List.of(path("id", "the token id")), null, json, this::revokeToken));
        r.add(new Route("POST", "/api/tokens/{id}/renew", ADMIN, "Give a token a new secret, in this answer only: the token keeps its id, "
                + "name, role and everything it owns (jobs, runs, what-ifs, ledger records); its old secret and web sessions stop at once.",
                List.of(path("id", "the token id")), null, json, this::renewToken));
        r.add(new Route("GET", "/api/ledger/verify", ADMIN, "Recompute the ledger's hash chain (as lodestone ledger verify): every record's hash "
                + "from its content and its link to the one before; each changed, deleted or inserted record is named.", List.of(), null, json,
                c -> verification(store.ledger().verify())));
        r.addAll(new ExposureRoutes(store, engines).routes()); // stockpiles and company exposure (issue 16)
        // a saved result as a printable HTML report (docs/report-format.md); a ledger record or bulk job also by its id
        r.addAll(new ReportRoutes(new ReportRoutes.Lookups(this::ledgerEntry, this::bulkJobView, this::scenarioRun, this::whatIf, paths::get,
                (c, id, field) -> compares.view(job(c, BulkJobs.KIND_COMPARE, id, field)))).routes());
        return r;
    }

    void register(RoutesConfig rc, Route r) {
        Handler h = ctx -> {
            try {
                handle(ctx, r);
            } catch (ApiError e) {
                // refused before a large body was read (a bad parameter of an upload, its caller's token): answered
                // so that a client still sending the body sees the refusal instead of a connection closed under it
                if (!largeBodyUnread(ctx)) throw e;
                EarlyRefusal.refuse(ctx.req(), ctx.res(), e, cfg.maxUploadBytes());
            }
        };
        switch (r.method()) {
            case "GET" -> {
                rc.get(r.path(), h);
                // HEAD is the GET without its body: the same token check and lookups, so the same status (it was a 200 for
                // any GET path, without a token or for an id that does not exist)
                rc.head(r.path(), h);
            }
            case "POST" -> rc.post(r.path(), h);
            case "PUT" -> rc.put(r.path(), h);
            case "DELETE" -> rc.delete(r.path(), h);
            default -> throw new IllegalArgumentException(r.method());
        }
    }

    /** Bodies above this are refused through {@link EarlyRefusal} when a refusal comes before they are read. */
    static final long EARLY_REFUSAL_BYTES = 64 * 1024;

    /** True when the request has a body of more than {@link #EARLY_REFUSAL_BYTES} (or chunked) not read to its end. */
    private static boolean largeBodyUnread(Context ctx) {
        jakarta.servlet.http.HttpServletRequest req = ctx.req();
        if (req.getContentLengthLong() <= EARLY_REFUSAL_BYTES && req.getHeader("Transfer-Encoding") == null) return false;
        // a client waiting for "100 Continue" has sent nothing (and taking the input stream would invite the body)
        if (EarlyRefusal.expectsContinue(req)) return false;
        try {
            return !req.getInputStream().isFinished();
        } catch (java.io.IOException | IllegalStateException e) {
            return false; // read as text by the handler, or broken: the usual error path answers
        }
    }

    /**
     * At most three computations of heavy routes ({@link Route#asHeavy()}) of one user run at once; the next is 429 before
     * its body is read. A valuation of 200,000 paths takes about 2 s of a core. Three, so that a page's valuation, floors
     * and ranking asked together are answered.
     */
    static final PerUserLimit HEAVY = new PerUserLimit(3, "computations (valuations, floors, rankings, paths, LCPs)");

    private void handle(Context ctx, Route r) throws Exception {
        {
            Tokens.Token t = null;
            if (r.access() != PUBLIC) {
                t = authenticate(ctx);
                if (r.access() == ADMIN && t.role() != Tokens.Role.ADMIN) {
                    throw new ApiError(403, "forbidden", "only administrators may " + r.method() + " " + r.path()
                            + "; this token's role is " + t.role().key(), null);
                }
            }
            checkQuery(ctx, r);
            if (r.body() == null && !r.method().equals("GET")) refuseBody(ctx, r);
            Tokens.Token who = t;
            Object out = r.heavy() ? HEAVY.run(who.id(), () -> r.handler().handle(new Call(ctx, who, Server.JSON, cfg.maxJsonBytes())))
                    : r.handler().handle(new Call(ctx, t, Server.JSON, cfg.maxJsonBytes()));
            if (out == WRITTEN) return;
            int status = out instanceof Reply rep ? rep.status() : r.status();
            Object body = out instanceof Reply rep ? rep.body() : out;
            if (r.location() != null && status >= 200 && status < 300) {
                String where = location(r.location(), ctx, body);
                if (where != null) ctx.header("Location", where);
            }
            Server.send(ctx, status, body);
        }
    }

    /**
     * A route that takes no body (the cancels, DELETE of a token or the session) refuses one rather than ignore it: a
     * {@code {"reason": …}} sent with a cancel cancelled the job and dropped the reason without a word. A chunked body is
     * looked at for its first byte (an empty one is no body).
     */
    static void refuseBody(Context ctx, Route r) throws java.io.IOException {
        jakarta.servlet.http.HttpServletRequest req = ctx.req();
        long length = req.getContentLengthLong();
        if (length == 0 || (length < 0 && req.getHeader("Transfer-Encoding") == null)) return;
        if (length < 0 && req.getInputStream().read() < 0) return;
        throw ApiError.badRequest("body", r.method() + " " + r.path() + " takes no body" + (length > 0 ? " (this one has " + length
                + (length == 1 ? " byte)" : " bytes)") : "") + "; send none — nothing was done");
    }

    /**
     * The one check of a request's query against its route's declared query parameters (those of the OpenAPI description):
     * a parameter the route does not take is refused, never ignored (?month=3 for months answered for the default 13
     * months; ?orign=CN for origin answered for any origin), naming the ones it takes; a boolean is true or false, nothing
     * else (alternatives=no computed them). Each value's own form is checked where the route reads it.
     */
    static void checkQuery(Context ctx, Route r) {
        checkEscapes(ctx.queryString());
        Map<String, List<String>> given = ctx.queryParamMap();
        if (given.isEmpty()) return;
        List<Route.Param> declared = r.params().stream().filter(p -> p.in().equals("query")).toList();
        for (Map.Entry<String, List<String>> e : given.entrySet()) {
            String name = e.getKey();
            Route.Param p = declared.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
            if (p == null) {
                String shown = Call.checkText("query", name.length() > 40 ? name.substring(0, 40) + "…" : name);
                throw ApiError.badRequest(name, "unknown query parameter '" + shown + "'; " + (declared.isEmpty()
                        ? r.method() + " " + r.path() + " takes none"
                        : "expected " + (declared.size() == 1 ? "" : "one of ") + String.join(", ", declared.stream().map(Route.Param::name).toList())));
            }
            // a parameter given twice is refused, not read as its first value (reported: ?months=3&months=5 answered for 3),
            // unless the route declares it repeatable (type "strings": the exposure's scenario, one each)
            if (e.getValue().size() > 1 && !p.type().equals("strings")) {
                throw ApiError.badRequest(name, name + ": given " + e.getValue().size() + " times; give it once");
            }
            if (p.type().equals("boolean")) {
                for (String v : e.getValue()) {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw ApiError.badRequest(name, name + ": \"" + Call.checkText(name, v.length() > 40 ? v.substring(0, 40) + "…" : v)
                                + "\" is not true or false");
                    }
                }
            }
        }
    }

    /**
     * A query whose key or value has a {@code %} not followed by two hexadecimal digits is refused, naming the parameter:
     * the web framework read such a value as empty, so {@code ?origin=C%ZZ} was answered for no origin at all and
     * {@code ?months=1%2} for the default months, as if the parameter had not been given.
     */
    static void checkEscapes(String query) {
        if (query == null || query.indexOf('%') < 0) return;
        for (String part : query.split("&")) {
            if (wellEscaped(part)) continue;
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq), value = eq < 0 ? "" : part.substring(eq + 1);
            String why = " is not percent-encoded: each % must be followed by two hexadecimal digits (a % itself is written %25); nothing was done";
            if (!wellEscaped(key)) throw ApiError.badRequest(Call.checkText("query", key), "\"" + shorten(key) + "\"" + why);
            String name = Call.checkText("query", java.net.URLDecoder.decode(key, StandardCharsets.UTF_8));
            throw ApiError.badRequest(name, name + ": \"" + shorten(value) + "\"" + why);
        }
    }

    private static boolean wellEscaped(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) return false;
        }
        return true;
    }

    private static String shorten(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }

    /**
     * A route's {@code Location} template filled in: a {@code {name}} of the request's path parameters from it, any other
     * from the answer's number of that name ({@code {id}}; a what-if's {@code {whatif_id}}); null when the answer has none.
     */
    static String location(String template, Context ctx, Object body) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-z_]+)}").matcher(template);
        while (m.find()) {
            String value;
            if (!ctx.pathParamMap().containsKey(m.group(1))) {
                // an answer is a map or a record: its id without writing the whole answer (a path's result) to a tree
                Object id = body instanceof Map<?, ?> map ? map.get(m.group(1)) : m.group(1).equals("id") ? recordId(body) : null;
                if (!(id instanceof Number n)) return null;
                value = String.valueOf(n.longValue());
            } else {
                value = java.net.URLEncoder.encode(ctx.pathParam(m.group(1)), StandardCharsets.UTF_8).replace("+", "%20");
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The {@code id} component of a record answer, or null. */
    private static Object recordId(Object body) {
        if (body == null || !body.getClass().isRecord()) return null;
        for (java.lang.reflect.RecordComponent c : body.getClass().getRecordComponents()) {
            if (!c.getName().equals("id")) continue;
            try {
                return c.getAccessor().invoke(body);
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The web application's session cookie: the secret of a session opened on the server (never the API token itself),
     * HttpOnly (no script reads it), SameSite=Strict, path /api; signing out ends the session on the server.
     */
    static final String SESSION_COOKIE = "lodestone_session";
    /** How long a web session lasts from signing in (the cookie's Max-Age and the session's expiry on the server). */
    static final int SESSION_HOURS = 12;
    /** The header a request authenticated by the cookie must carry when it changes anything (no other site can set it). */
    static final String SESSION_HEADER = "X-Lodestone-Request";

    /**
     * The values of the session cookie this request carries (none, or one for a browser that only this server set
     * cookies in). A cookie is not bound to a port, and a sibling host may set one for its parent domain: another
     * application on the same host can plant a {@code lodestone_session} of its own (its attacker's session) under a
     * longer path such as {@code /api/bulk-jobs}, which the browser sends first, beside this server's one — the
     * victim's uploads would then be filed under the attacker's session. So a request with the cookie more than once
     * is refused ({@link #sessionCookie}), never resolved to the first.
     */
    private static List<String> sessionCookies(Context ctx) {
        jakarta.servlet.http.Cookie[] all = ctx.req().getCookies();
        List<String> out = new ArrayList<>();
        if (all != null) for (jakarta.servlet.http.Cookie k : all) if (SESSION_COOKIE.equals(k.getName())) out.add(k.getValue().trim());
        return out;
    }

    /** The session cookie's value, or null; {@code 401} when the request carries it more than once (see {@link #sessionCookies}). */
    private static String sessionCookie(Context ctx) {
        List<String> all = sessionCookies(ctx);
        if (all.size() > 1) {
            throw new ApiError(401, "unauthorized", "this request carries " + all.size() + " session cookies (" + SESSION_COOKIE
                    + "), one of them set by another site or application on this host: none is used. Clear this site's cookies"
                    + " in the browser and sign in again", "Cookie");
        }
        return all.isEmpty() ? null : all.get(0);
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private Object signIn(Call c) {
        if (c.ctx.header(SESSION_HEADER) == null) { // no other site's form can send it: a page elsewhere cannot sign this browser in
            throw new ApiError(403, "forbidden", "signing in needs the header " + SESSION_HEADER + " (the web application sends it)", SESSION_HEADER);
        }
        JsonNode body = c.jsonBody();
        Call.onlyKeys(body, List.of("token"));
        String secret = text(body, "token");
        if (secret == null) throw ApiError.badRequest("token", "token: missing; expected an API token lst_…");
        if (!secret.matches("[A-Za-z0-9_-]{1,200}")) throw new ApiError(401, "unauthorized", "the API token is not valid (unknown or revoked)", "token");
        Tokens.Token t = store.tokens().verify(secret).orElseThrow(() -> new ApiError(401, "unauthorized",
                "the API token is not valid (unknown or revoked)", "token"));
        // a browser already signed in (another token, or the same) leaves its old session behind: end it
        for (String old : sessionCookies(c.ctx)) store.tokens().endSession(old);
        Tokens.Session session = store.tokens().openSession(t, java.time.Duration.ofHours(SESSION_HOURS));
        c.ctx.header("Set-Cookie", SESSION_COOKIE + "=" + session.secret() + "; Path=/api; Max-Age=" + SESSION_HOURS * 3600
                + "; HttpOnly; SameSite=Strict" + (secure(c.ctx) ? "; Secure" : ""));
        return ordered("signed_in", true, "name", t.name(), "role", t.role().key(), "token_id", t.id(),
                "expires_at", session.expiresAt().toString());
    }

    private Object signOut(Call c) {
        List<String> secrets = sessionCookies(c.ctx);
        // a request that ends a session is a change: like any other made by the cookie, it needs the page's header
        if (secrets.stream().anyMatch(x -> !x.isBlank()) && c.ctx.header(SESSION_HEADER) == null) {
            throw new ApiError(403, "forbidden", "signing out needs the header " + SESSION_HEADER + " (the web application sends it)", SESSION_HEADER);
        }
        for (String secret : secrets) store.tokens().endSession(secret);
        c.ctx.header("Set-Cookie", SESSION_COOKIE + "=; Path=/api; Max-Age=0; HttpOnly; SameSite=Strict" + (secure(c.ctx) ? "; Secure" : ""));
        return ordered("signed_in", false, "name", null, "role", null, "token_id", null);
    }

    private Object sessionState(Call c) {
        List<String> secrets = sessionCookies(c.ctx);
        // a request with the cookie twice signs nothing in (sessionCookies): not signed in, never a 401
        java.util.Optional<Tokens.Token> t = secrets.size() != 1 ? java.util.Optional.empty() : store.tokens().verifySession(secrets.get(0));
        return t.map(x -> ordered("signed_in", true, "name", x.name(), "role", x.role().key(), "token_id", x.id()))
                .orElseGet(() -> ordered("signed_in", false, "name", null, "role", null, "token_id", null));
    }

    private Tokens.Token authenticate(Context ctx) {
        String h = ctx.header("Authorization");
        String cookie = h == null || h.isBlank() ? sessionCookie(ctx) : null;
        if (cookie != null && !cookie.isBlank()) {
            // a cookie is sent by the browser on its own: a change must also carry a header no other site can set
            if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD") && ctx.header(SESSION_HEADER) == null) {
                throw new ApiError(403, "forbidden", "a request signed in by the session cookie must carry the header " + SESSION_HEADER
                        + " (the web application sends it); API clients send Authorization: Bearer lst_…", SESSION_HEADER);
            }
            return store.tokens().verifySession(cookie.trim()).orElseThrow(() -> new ApiError(401, "unauthorized",
                    "the session has ended (signed out, expired, or its token revoked): sign in again", "Authorization"));
        }
        if (h == null || h.isBlank()) {
            throw new ApiError(401, "unauthorized", "this endpoint needs an API token: send the header Authorization: Bearer lst_…"
                    + " (the first administrator token is shown when the server first starts, and kept in DATA_DIR/admin-token)", "Authorization");
        }
        String secret = h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : h.trim();
        return store.tokens().verify(secret).orElseThrow(() -> new ApiError(401, "unauthorized",
                "the API token is not valid (unknown or revoked)", "Authorization"));
    }

    /**
     * Writes a fault of the server (not of a request) to its log under a new reference, which the answer names instead of
     * the fault's own message (an engine's internals stay in the log); returns the reference.
     */
    static long logFault(PrintStream log, String what, String where, Exception e) {
        long ref = System.nanoTime() & 0xFFFFFF;
        if (log == null) return ref;
        log.println("lodestone: " + what + " #" + ref + " " + where + ": " + e);
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(8, st.length); i++) log.println("    at " + st[i]);
        log.flush();
        return ref;
    }

    static void error(Context ctx, ApiError e) {
        challenge(ctx.req(), ctx.res(), e.status());
        retryAfter(ctx.res(), e);
        Map<String, Object> err = ordered("code", e.code(), "message", e.getMessage(), "field", e.field());
        if (!e.problems().isEmpty()) err.put("problems", e.problems()); // an entry's bad lines, every one
        Server.send(ctx, e.status(), ordered("error", err));
    }

    /**
     * A 401 says how to authenticate (HTTP requires the header on it; RFC 6750's form for a bearer token): a request that
     * sent a token that is not valid is told so ({@code error="invalid_token"}), one that sent none is not.
     */
    static void challenge(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res, int status) {
        if (status != 401) return;
        res.setHeader("WWW-Authenticate", "Bearer realm=\"lodestone\"" + (req.getHeader("Authorization") != null ? ", error=\"invalid_token\"" : ""));
    }

    /**
     * A 429 says when to try again, as a 503 does ({@code Retry-After}), for a client's or a gateway's retry policy to read
     * (it had none, so a generated client retried at once or not at all): a job of the user's must end first — 30 s; a
     * computation answered while its client waits (a valuation, a company file) — 5 s.
     */
    static void retryAfter(jakarta.servlet.http.HttpServletResponse res, ApiError e) {
        if (e.status() == 429) res.setHeader("Retry-After", e.code().equals("too_many_jobs") ? "30" : "5");
        if (e.status() == 503 && res.getHeader("Retry-After") == null) res.setHeader("Retry-After", "5");
    }

    /**
     * A request that needed the database while it could not be reached (stopped, restarting, the network to it down):
     * {@code 503 unavailable} saying so — not a fault of the server's with a reference to look up — and one line in the log.
     * Whatever the request was to write was not confirmed; the client may send it again.
     */
    static void unavailable(Context ctx, Exception e, PrintStream log) {
        String why = java.util.Objects.requireNonNullElse(lodestone.store.Store.unavailableWhy(e), "the database is not answering");
        if (log != null) {
            log.println("lodestone: " + why + " (" + ctx.method() + " " + ctx.path() + " refused with 503): " + lodestone.store.Store.cause(e));
            log.flush();
        }
        ctx.header("Retry-After", "5");
        boolean disk = why.contains("disk");
        if (disk && ctx.method() == io.javalin.http.HandlerType.POST && ctx.path().endsWith("/retire")) {
            // retiring is what an administrator reaches for on a full disk; it cannot make the first room (the SRE's review)
            error(ctx, new ApiError(503, "unavailable", why + ", so this request was not completed (nothing it would have written"
                    + " was confirmed): retiring jobs needs a little room to write before it frees any, and the space it frees is"
                    + " reused by the database rather than given back to the disk; make room on the database's disk by other means"
                    + " first (a larger volume, other files moved off it), then retire old jobs so that the database grows no further"
                    + " (docs/reliability.md, \"A full disk\")", null));
            return;
        }
        error(ctx, new ApiError(503, "unavailable", why + ", so this request was not completed (nothing it would have written was"
                + " confirmed); try again in a few seconds" + (disk ? ", once the server's operator has made room"
                : " — GET /api/health says when the database is back"), null));
    }

    static void internal(Context ctx, Exception e, PrintStream log) {
        long ref = logFault(log, "internal error", "on " + ctx.method() + " " + ctx.path(), e);
        Server.send(ctx, 500, ordered("error", ordered("code", "internal", "message",
                "the server could not answer this request (reference #" + ref + " in the server's log)", "field", null)));
    }

    // ------------------------------------------------------------------ regime

    private Object health() {
        String spec = engines.activeSpec();
        Regime r = engines.regime(spec);
        // the database is asked (at most 3 s): a server whose database is gone is not "ok" — a monitor or a load balancer
        // reads 503 and the reason, without a token
        java.util.Optional<String> db = store.databaseProblem(java.time.Duration.ofSeconds(3));
        // a database that answers reads but cannot write (its disk full) is not "ok" either: degraded, saying why (200: the
        // server still serves what it can; a monitor reads the status)
        java.util.Optional<String> writes = db.isPresent() ? java.util.Optional.empty() : store.writeProblem();
        // public: a regime an administrator activated from a folder is not named by its path (the server's files stay unsaid)
        Map<String, Object> m = ordered("status", db.isPresent() ? "unavailable" : writes.isPresent() ? "degraded" : "ok",
                "regime", Engines.BUNDLED.contains(spec) ? spec : "folder",
                "regime_id", r.id(), "regime_version", r.version(), "store", store.isEmbedded() ? "embedded" : "shared",
                "schema_version", store.schemaVersion(), "database", db.orElse("ok"),
                "writes", db.isPresent() ? "unknown (the database is not answering)" : writes.orElse("ok"));
        return db.isEmpty() ? m : new Reply(503, m);
    }

    private Map<String, Object> regimeInfo() {
        String spec = engines.activeSpec();
        Regime r = engines.regime(spec);
        return ordered("active", spec, "id", r.id(), "title", r.title(), "version", r.version(),
                "hts_lines", r.hts().size(), "measures", r.measures().size(), "agreements", r.agreements().size(),
                "available", engines.offeredNames(), "info", infoNamed(r, spec));
    }

    /** A regime's info with an offered folder's name as its origin, never its place on the server. */
    private static Map<String, Object> infoNamed(Regime r, String name) {
        Map<String, Object> info = new java.util.LinkedHashMap<>(RegimeViews.info(r));
        if (!Engines.BUNDLED.contains(name)) info.put("origin", name);
        return info;
    }

    private Object switchRegime(Call c) {
        JsonNode b = c.jsonBody();
        Call.onlyKeys(b, List.of("regime"));
        String spec = text(b, "regime");
        if (spec == null) throw ApiError.badRequest("regime", "regime: missing; expected one of " + String.join(", ", engines.offeredNames()));
        engines.activate(spec);
        return regimeInfo();
    }

    private Object search(Call c) {
        String q = c.query("q");
        if (q == null) throw ApiError.badRequest("q", "q: missing; expected words (rare-earth oxides) or a code prefix (8505.11)");
        int limit = c.intQuery("limit", 25, 1, 200);
        Regime r = engines.regime();
        return RegimeViews.search(r, q, r.hts().find(q, limit), limit);
    }

    private Object tree(Call c) {
        Regime r = engines.regime();
        String code = c.query("code");
        if (code != null && c.query("index") != null) { // the index was dropped without a word
            throw ApiError.badRequest("index", "index: give code or index, not both (code names a line by its code, index by its place in the schedule)");
        }
        List<HtsLine> lines = r.hts().lines();
        List<Map<String, Object>> out = new ArrayList<>();
        if (code == null && c.query("index") != null) {
            HtsLine line = r.hts().line(c.intQuery("index", 0, 0, lines.size() - 1));
            for (int i = line.index() + 1; i < lines.size() && lines.get(i).indent() > line.indent(); i++) {
                if (lines.get(i).parent() == line.index()) out.add(node(r, lines.get(i)));
            }
            return ordered("code", line.coded() ? line.code() : null, "description", line.description(), "children", out);
        }
        if (code == null) {
            Map<String, HtsLine> firstOfChapter = new LinkedHashMap<>();
            for (HtsLine l : lines) if (l.coded() && l.digits().length() >= 4) firstOfChapter.putIfAbsent(l.digits().substring(0, 2), l);
            firstOfChapter.forEach((ch, l) -> out.add(ordered("code", ch, "description", "Chapter " + ch + " — " + l.description()
                    + " …", "has_children", true, "declarable", false, "index", l.index()))); // a chapter's place: its first line's
            return ordered("code", null, "children", out);
        }
        String digits = lodestone.regime.nomenclature.Nomenclature.digitsOf(code);
        if (digits == null) throw ApiError.badRequest("code", "code: \"" + code + "\" is not an HTS code; expected digits such as 28 or 2846.90");
        if (digits.length() == 2) {
            for (HtsLine l : lines) {
                if (l.parent() < 0 && l.coded() && l.digits().startsWith(digits)) out.add(node(r, l));
            }
            return ordered("code", digits, "children", out);
        }
        HtsLine line = line(r, code); // 404 unknown_code naming the field and the nearest codes, as /api/regime/codes/{code}
        for (int i = line.index() + 1; i < lines.size() && lines.get(i).indent() > line.indent(); i++) {
            if (lines.get(i).parent() == line.index()) out.add(node(r, lines.get(i)));
        }
        return ordered("code", line.code(), "description", line.description(), "children", out);
    }

    private static Map<String, Object> node(Regime r, HtsLine l) {
        boolean kids = l.index() + 1 < r.hts().size() && r.hts().line(l.index() + 1).indent() > l.indent();
        return ordered("code", l.coded() ? l.code() : null, "description", l.description(), "has_children", kids,
                "declarable", l.declarable(), "index", l.index());
    }

    private HtsLine line(Regime r, String code) {
        return r.hts().resolve(code).orElseThrow(() -> {
            String sub = lodestone.border.Assessor.subheadingWithoutRow(r, code);
            if (sub != null) return new ApiError(404, "unknown_code", sub, "code");
            List<String> near = lodestone.regime.nomenclature.Nomenclature.digitsOf(code) == null ? List.of() : r.hts().nearest(code, 6);
            return new ApiError(404, "unknown_code", "unknown HTS code \"" + code + "\"" + (near.isEmpty() ? "" : "; nearest codes: "
                    + String.join(", ", near)), "code");
        });
    }

    private String origin(Regime r, String o) {
        if (o == null) return null;
        Country c = r.geography().country(o).orElseThrow(() -> ApiError.badRequest("origin",
                "origin: unknown country \"" + o + "\"; expected an ISO 3166 alpha-2 code such as CN"));
        return c.alpha2();
    }

    private Object code(Call c) {
        Regime r = engines.regime();
        HtsLine l = line(r, c.path("code"));
        return RegimeViews.code(r, l, c.dateOrToday("date"), origin(r, c.query("origin")));
    }

    private Object timeline(Call c) {
        Regime r = engines.regime();
        HtsLine l = line(r, c.path("code"));
        String origin = origin(r, c.query("origin"));
        List<Measure> ms = new ArrayList<>();
        for (Measure m : r.measures()) {
            if (!m.products().covers(l.digits())) continue;
            LocalDate at = m.validity().from() == null ? LocalDate.of(2000, 1, 1) : m.validity().from();
            if (origin != null && !m.origins().covers(origin, at, r.geography())) continue;
            ms.add(m);
        }
        ms.sort(Comparator.comparing((Measure m) -> m.validity().from() == null ? LocalDate.MIN : m.validity().from())
                .thenComparing(Measure::id));
        return ordered("code", l.code(), "description", l.description(), "origin", origin,
                "measures", ms.stream().map(RegimeViews::measure).toList());
    }

    private Object diff(Call c) {
        LocalDate f = c.date("from", null);
        LocalDate t = c.date("to", null);
        if (f == null) throw ApiError.badRequest("from", "from: missing; expected YYYY-MM-DD");
        if (t == null) throw ApiError.badRequest("to", "to: missing; expected YYYY-MM-DD");
        if (t.isBefore(f)) throw ApiError.badRequest("to", "to " + t + " is before from " + f + "; expected to ≥ from");
        return RegimeViews.diff(engines.regime(), f, t);
    }

    private Object agreement(Call c) {
        Regime r = engines.regime();
        String id = c.path("id");
        Agreement a = r.agreement(id).orElseThrow(() -> ApiError.notFound("id", "unknown agreement \"" + id + "\"; known: "
                + String.join(", ", r.agreements().stream().map(Agreement::id).toList())));
        return RegimeViews.agreementDetail(a);
    }

    private Object mineral(Call c) {
        var m = engines.regime().minerals();
        String id = c.path("id");
        return MineralViews.detail(m, id).orElseThrow(() -> ApiError.notFound("id", MineralViews.unknown(m, id)));
    }

    private Object group(Call c) {
        var g = engines.regime().geography();
        String id = c.path("id");
        LocalDate date = c.date("date", null);
        var x = g.group(id).orElseThrow(() -> ApiError.notFound("id", GroupViews.unknown(g, id)));
        return GroupViews.group(engines.regime(), x, date);
    }

    private Object solveLcp(Call c) {
        try {
            lodestone.market.lcp.LcpJson.Problem p = lodestone.market.lcp.LcpJson.parse(c.jsonBody(), lodestone.market.lcp.LcpJson.API_MAX_SIZE);
            return lodestone.market.lcp.LcpJson.answer(lodestone.market.lcp.LcpSolver.solve(p.m(), p.q()), p);
        } catch (lodestone.market.lcp.LcpJson.Invalid e) {
            throw ApiError.badRequest(e.field().isEmpty() ? null : e.field(), e.getMessage());
        }
    }

    private Object originCheck(Call c) {
        String text = c.jsonBodyText(); // as written: the problems name the client's own lines
        try {
            lodestone.border.origin.BillOfMaterials.Draft draft = lodestone.border.origin.BillOfMaterials.read("bill of materials", text);
            String id = c.query("agreement") != null ? c.query("agreement") : draft.agreement() != null ? draft.agreement() : "cafta-dr";
            lodestone.border.origin.OriginRules rules = originRules(id);
            // every problem of the bill at once: its shape, its codes and countries against the regime, the parties
            lodestone.border.origin.BillOfMaterials bom = draft.check(rules, engines.regime().hts(), engines.regime().geography());
            return lodestone.border.origin.OriginJson.of(bom, rules.check(bom, engines.regime().hts()));
        } catch (lodestone.regime.RegimeInvalidException e) {
            // every problem in error.problems with its line and field, as a project, ledger or company file's
            String first = e.problems().get(0).field();
            throw ApiError.fileProblems("invalid_request", "; nothing was checked", first == null || first.isEmpty() ? null : first, e.problems());
        }
    }

    private lodestone.border.origin.OriginRules originRules(String id) {
        Regime r = engines.regime();
        try {
            return lodestone.border.origin.OriginRules.load(r.source(), id);
        } catch (lodestone.regime.RegimeInvalidException e) {
            // the regime's own rules file is broken: a fault of the server, not of the request (its path stays in the log)
            throw new IllegalStateException("origin rules of " + id + " are invalid", e);
        } catch (IllegalArgumentException e) {
            // said in our words: the loader's message names the file it looked for, a path of the server for a folder regime
            List<String> known = r.agreements().stream().map(Agreement::id)
                    .filter(a -> r.source().read(lodestone.border.origin.OriginRules.FOLDER + a + ".yaml") != null).toList();
            throw new ApiError(404, "not_found", "no rules of origin for agreement \"" + id + "\" in the active regime; agreements with rules: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)), "agreement");
        }
    }

    private Object originRule(Call c) {
        String id = c.query("agreement") == null ? "cafta-dr" : c.query("agreement");
        lodestone.border.origin.OriginRules rules = originRules(id);
        try {
            return ordered("agreement", id, "title", rules.title(), "legal_base", rules.legalBase(), "code", c.path("code"),
                    "rule", rules.describe(c.path("code"), engines.regime().hts()));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("code", "code: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ assessment

    private static final Set<String> ENTRY_FIELDS = new HashSet<>();

    static {
        ENTRY_FIELDS.addAll(EntryFields.REQUIRED);
        ENTRY_FIELDS.addAll(EntryFields.OPTIONAL);
        ENTRY_FIELDS.add("bom");
    }

    /**
     * One shipment from a JSON object with the bulk format's field names; line_id and entry_date have defaults. A body with
     * lines is an entry of several lines, read by its callers (assess, compare) before they come here.
     */
    static Entry entry(JsonNode b, Set<String> extra) {
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ENTRY_FIELDS.contains(f) && !extra.contains(f)) {
                throw ApiError.badRequest(f, f + ": unknown field; expected the bulk fields " + String.join(", ", EntryFields.REQUIRED)
                        + ", " + String.join(", ", EntryFields.OPTIONAL) + " and bom");
            }
        }
        try {
            Entry e = new EntryFields().parse(name -> {
                JsonNode v = b.get(name);
                if (v == null || v.isNull()) {
                    if (name.equals("line_id")) return "1";
                    if (name.equals("entry_date")) return Call.today().toString();
                    if (name.equals("currency")) return "USD";
                    return null;
                }
                return lodestone.border.bulk.CustomsEntryReader.text(v, name); // the documented types, as an entry's lines take them
            }, 1);
            JsonNode bom = b.get("bom");
            if (bom != null && !bom.isNull()) {
                String text = bom.isTextual() ? bom.asText() : Server.json(bom);
                e = e.withBom(new Entry.BillOfMaterialsRef("bom", text));
            }
            return e;
        } catch (EntryRejected r) {
            throw ApiError.badRequest(r.field(), r.field() + ": " + r.reason());
        }
    }

    private Object assess(Call c) {
        JsonNode b = c.jsonBodyExact();
        if (lodestone.border.bulk.CustomsEntryReader.isEntry(b)) return assessEntry(c, b);
        Entry e = entry(b, Set.of());
        String spec = engines.activeSpec(); // read once: an administrator may switch regimes meanwhile
        Regime regime = engines.regime(spec);
        Assessment a = assess(engines.assessor(spec), e);
        String result = Server.json(AssessmentJson.of(a)); // serialized once: the ledger's text is the answer's
        Ledger.Entry le = store.ledger().append(new Ledger.NewEntry(c.actor(), c.owner(), spec, regime.version(), a.date(), a.hts(), a.origin(),
                a.status().name().toLowerCase(Locale.ROOT), a.status() == Assessment.Status.PROHIBITED ? null : a.totalDuty(),
                Server.json(b), result));
        return ordered("id", le.id(), "created_at", le.at().toString(), "at", le.at().toString(), "link", "/#assess/" + le.id(),
                "assessment", new com.fasterxml.jackson.databind.util.RawValue(result));
    }

    /**
     * A customs entry of several lines ({@code lines}, docs/bulk-format.md): every line assessed by the active regime's
     * assessor, recorded as one ledger record — its columns: the entry date, "N lines: " and the lines' codes, their
     * origins, the entry's status and total duty; its result the entry's answer with every line's. A bad line refuses the
     * entry, every bad line in {@code error.problems}.
     */
    private Object assessEntry(Call c, JsonNode b) {
        String spec = engines.activeSpec();
        Regime regime = engines.regime(spec);
        lodestone.border.bulk.CustomsEntryReader.Read read = lodestone.border.bulk.CustomsEntryReader.read(b, Call.today());
        lodestone.border.EntryAssessment a;
        try {
            a = lodestone.border.EntryAssessment.assess(engines.assessor(spec), read.lines(), read.problems());
        } catch (lodestone.border.EntryRefused r) {
            throw ApiError.entryRefused(r);
        }
        String result = Server.json(lodestone.border.EntryAssessmentJson.of(a));
        Ledger.Entry le = store.ledger().append(new Ledger.NewEntry(c.actor(), c.owner(), spec, regime.version(), a.date(),
                entryCodes(a), entryOrigins(a), a.status().name().toLowerCase(Locale.ROOT), a.totalDuty(), Server.json(b), result));
        return ordered("id", le.id(), "created_at", le.at().toString(), "at", le.at().toString(), "link", "/#assess/" + le.id(),
                "entry", new com.fasterxml.jackson.databind.util.RawValue(result));
    }

    /** The most distinct codes an entry's ledger record names; more are counted. */
    static final int ENTRY_CODES_NAMED = 5;
    static final java.util.regex.Pattern ENTRY_RECORD = java.util.regex.Pattern.compile("^(\\d+) lines?: ");

    /** An entry's ledger "hts": "2 lines: 2846.90.80.90, 7408.11.60.00" (distinct codes in line order, the first few). */
    static String entryCodes(lodestone.border.EntryAssessment a) {
        List<String> codes = a.lines().stream().map(Assessment::hts).distinct().toList();
        String named = String.join(", ", codes.subList(0, Math.min(codes.size(), ENTRY_CODES_NAMED)))
                + (codes.size() > ENTRY_CODES_NAMED ? " and " + (codes.size() - ENTRY_CODES_NAMED) + " more" : "");
        return a.lines().size() + (a.lines().size() == 1 ? " line: " : " lines: ") + named;
    }

    /** An entry's ledger "origin": its lines' origins, each once, in line order ("CN, CL"). */
    static String entryOrigins(lodestone.border.EntryAssessment a) {
        return String.join(", ", a.lines().stream().map(Assessment::origin).distinct().toList());
    }

    /** How many lines a ledger record holds: an entry's count ("2 lines: …" in its hts), else 1. */
    static int lineCount(Ledger.Entry e) {
        java.util.regex.Matcher m = ENTRY_RECORD.matcher(e.hts());
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** Assesses; what the entry lacks for the measures that apply (e.g. a content value) is the client's error. */
    private static Assessment assess(Assessor assessor, Entry e) {
        try {
            return assessor.assess(e);
        } catch (EntryRejected r) {
            throw ApiError.badRequest(r.field(), r.field() + ": " + r.reason());
        }
    }

    private Object ledgerEntry(Call c) {
        return ledgerEntry(c, c.pathId("id"), "id");
    }

    /**
     * GET /api/assessments/{id}'s answer for a ledger id, if the caller may see the record; else 404 as the same for an id
     * not in the ledger (a record of another analyst is not told apart). {@code field}: the request's field that holds
     * the id (id in the path, assessment in a report's body).
     */
    Map<String, Object> ledgerEntry(Call c, long id, String field) {
        Ledger.Entry e = store.ledger().get(id).filter(x -> c.sees(x.owner()))
                .orElseThrow(() -> ApiError.notFound(field, "no assessment " + id + " in the ledger"));
        try {
            // the bytes the assessment answered (the command line's key order), for a record written since they are kept so
            Object result = e.exact() ? StoredJson.read(e.resultJson()) : Server.STORED_JSON.readTree(e.resultJson());
            Object request = e.exact() ? StoredJson.read(e.requestJson()) : Server.STORED_JSON.readTree(e.requestJson());
            boolean entry = result instanceof JsonNode n ? "entry".equals(n.path("kind").asText())
                    : result instanceof Map<?, ?> m && "entry".equals(m.get("kind"));
            // an entry of several lines answers "entry" (its kind says so), one line "assessment", as POST answered them
            return ordered("id", e.id(), "created_at", e.at().toString(), "at", e.at().toString(), "actor", e.actor(), "regime", e.regime(),
                    "regime_version", e.regimeVersion(), "request", request, entry ? "entry" : "assessment", result);
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static Map<String, Object> ledgerSummary(Ledger.Entry e) {
        return ordered("id", e.id(), "created_at", e.at().toString(), "at", e.at().toString(), "actor", e.actor(), "regime", e.regime(),
                "entry_date", e.entryDate().toString(),
                "hts", e.hts(), "origin", e.origin(), "status", e.status(), "total_duty", e.totalDuty(), "lines", lineCount(e));
    }

    private Object compare(Call c) {
        JsonNode b = c.jsonBodyExact();
        String with = text(b, "with");
        String withOrigin = text(b, "with_origin");
        if (with == null && withOrigin == null) {
            throw ApiError.badRequest("with", "with: missing; expected a regime (bundled:plurilateral) or date:YYYY-MM-DD, or with_origin: FROM=TO (e.g. CN=VN)");
        }
        if (lodestone.border.bulk.CustomsEntryReader.isEntry(b)) return compareEntry(c, b, with, withOrigin);
        Entry e = entry(b, Set.of("with", "with_origin"));
        String spec = engines.activeSpec();
        Assessor base = engines.assessor(spec);
        Assessment a = assess(base, e);
        CompareJobs.Other o = compares.other(with, withOrigin, spec, base);
        lodestone.border.WhatIf.Moved moved = o.change().apply(e, o.assessor().regime().geography());
        Assessment other = lodestone.border.WhatIf.noted(assess(o.assessor(), moved.entry()), moved.notes());
        String label = o.label();
        BigDecimal ta = a.status() == Assessment.Status.PROHIBITED ? null : a.totalDuty();
        BigDecimal tb = other.status() == Assessment.Status.PROHIBITED ? null : other.totalDuty();
        Map<String, Object> out = ordered("a", ordered("label", spec + " on " + a.date(), "assessment", AssessmentJson.of(a)),
                "b", ordered("label", label, "assessment", AssessmentJson.of(other)),
                "difference", ta == null || tb == null ? null : tb.subtract(ta));
        // recorded (History, GET /api/whatifs) with the answer as given; its id is added to the answer after
        long id = compares.recordShipment(c, "shipment", spec, label, a.hts() + " from " + a.origin() + " on " + a.date(), ta, tb, b, out).id();
        out.put("whatif_id", id);
        return out;
    }

    /**
     * A customs entry of several lines under both sides (POST /api/compare with lines): the entry assessed as POST
     * /api/assessments assesses it, then under the other regime or on the other date (every line's date moved); each side's
     * entry answer, the difference of their total duties (null when either is prohibited) and each line's duties and change.
     * A line refused under the other side refuses the what-if, its problem said with the side. Recorded as a what-if.
     */
    private Object compareEntry(Call c, JsonNode b, String with, String withOrigin) {
        com.fasterxml.jackson.databind.node.ObjectNode body = ((com.fasterxml.jackson.databind.node.ObjectNode) b).deepCopy();
        body.remove("with");
        body.remove("with_origin");
        String spec = engines.activeSpec();
        Assessor base = engines.assessor(spec);
        lodestone.border.bulk.CustomsEntryReader.Read read = lodestone.border.bulk.CustomsEntryReader.read(body, Call.today());
        if (!read.problems().isEmpty()) { // refused as POST /api/assessments refuses it, before "with" is resolved
            try {
                lodestone.border.EntryAssessment.assess(base, read.lines(), read.problems());
            } catch (lodestone.border.EntryRefused r) {
                throw ApiError.entryRefused(r);
            }
        }
        CompareJobs.Other o = compares.other(with, withOrigin, spec, base);
        lodestone.border.EntryComparison cmp;
        try {
            cmp = lodestone.border.EntryComparison.of(base, o.assessor(), o.change(), read.lines(), read.problems(), o.label());
        } catch (lodestone.border.EntryRefused r) {
            throw ApiError.entryRefused(r);
        }
        lodestone.border.EntryAssessment a = cmp.a();
        Map<String, Object> out = cmp.toJson(spec + " on " + a.date(), o.label());
        long id = compares.recordShipment(c, "entry", spec, o.label(), entryCodes(a) + " from " + entryOrigins(a) + " on " + a.date(), a.totalDuty(),
                cmp.b().totalDuty(), b, out).id();
        out.put("whatif_id", id);
        return out;
    }

    private Object compareFile(Call c) throws java.io.IOException {
        String name = uploadName(c);
        String with = compareWith(c, name);
        String withOrigin = withOrigin(c);
        int top = c.intQuery("top", 20, 0, 1000);
        String spec = engines.activeSpec();
        Assessor base = engines.assessor(spec);
        // the upload is read before 'with' is resolved: a refusal sent while the client is still sending the file
        // closes the connection under it, and the client sees no answer at all instead of the 400
        Upload up = upload(c, name);
        java.nio.file.Path tmp = up.file();
        try {
            if (up.size() > CompareJobs.SYNC_MAX_BYTES) {
                throw new ApiError(413, "use_a_compare_job", name + ": " + up.size() + " bytes; compare-file answers at once for files up to "
                        + CompareJobs.SYNC_MAX_BYTES + " bytes: submit this one as a compare job (POST /api/compare-jobs?with=…) and fetch"
                        + " its result when it is done", null);
            }
            CompareJobs.Other o = compares.other(with, withOrigin, spec, base);
            lodestone.border.bulk.Comparison.Result res = lodestone.border.bulk.Comparison.run(base, o.assessor(), o.change(), tmp,
                    lodestone.border.bulk.BulkAssessment.inputFormat(name), null, top, false, lodestone.border.bulk.BulkReader.UnknownAdvice.SERVER);
            Map<String, Object> out = res.toJson(spec, o.label());
            long id = compares.recordFile(c.actor(), c.owner(), spec, o.label(), name, null,
                    CompareJobs.request(with, withOrigin, top, name, up.sha256(), up.size()), res, out).id();
            out.put("whatif_id", id);
            return out;
        } catch (lodestone.border.bulk.BulkAssessment.BulkFileException e) {
            // the message names the temporary file: name the upload instead
            throw ApiError.badRequest(null, e.getMessage().replace(tmp.toString(), name));
        } catch (java.io.UncheckedIOException e) {
            throw ApiError.badRequest(null, name + ": cannot be read as UTF-8 CSV text (" + (e.getCause() instanceof java.nio.charset.CharacterCodingException
                    ? "it is not UTF-8; save it as UTF-8" : "malformed") + ")");
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** An upload kept in a temporary file (deleted by the caller), with its size and SHA-256. */
    record Upload(java.nio.file.Path file, long size, String sha256) { }

    /**
     * An uploaded file, streamed to a temporary file while its SHA-256 is computed, so that the server's memory
     * does not depend on the size or number of uploads; within the upload limit, not empty.
     */
    private Upload upload(Call c, String name) throws java.io.IOException {
        long max = cfg.maxUploadBytes();
        if (c.ctx.req().getContentLengthLong() > max) throw Call.tooLarge(max);
        java.nio.file.Path folder = uploadFolder;
        java.nio.file.Path tmp;
        try {
            tmp = java.nio.file.Files.createTempFile(folder, UPLOAD_PREFIX + OWN_UPLOADS, ".part");
        } catch (java.io.IOException e) {
            throw noRoomForUpload(c, folder, e, 0);
        }
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            long n = 0;
            try (java.io.InputStream in = c.ctx.req().getInputStream();
                 java.io.OutputStream out = new java.security.DigestOutputStream(java.nio.file.Files.newOutputStream(tmp), md)) {
                byte[] buf = new byte[1 << 16];
                while (true) {
                    int r;
                    try {
                        r = in.read(buf);
                    } catch (java.io.IOException e) {
                        throw Call.unread("the upload", n, c.ctx.req().getContentLengthLong(), e); // 408 when it stopped arriving
                    }
                    if (r <= 0) break;
                    n += r;
                    if (n > max) throw Call.tooLarge(max);
                    try {
                        out.write(buf, 0, r);
                    } catch (java.io.IOException e) {
                        throw noRoomForUpload(c, folder, e, n - r); // the server's disk, not the client's upload
                    }
                }
            }
            if (n == 0) throw ApiError.badRequest(null, "the upload is empty; expected a CSV file with a header line (docs/bulk-format.md)");
            c.refuseForm(FILE, FILE_CURL);
            refuseJsonLinesReadAsCsv(tmp, name);
            return new Upload(tmp, n, java.util.HexFormat.of().formatHex(md.digest()));
        } catch (java.io.IOException | RuntimeException | java.security.NoSuchAlgorithmException e) {
            java.nio.file.Files.deleteIfExists(tmp);
            if (e instanceof java.security.NoSuchAlgorithmException) throw new IllegalStateException(e);
            if (e instanceof java.io.IOException io) throw ApiError.badRequest(null, "cannot read the upload: " + io.getMessage());
            throw (RuntimeException) e;
        }
    }

    /**
     * A file whose first line is a JSON object is JSON Lines, whatever its name: read as CSV (its name does not end in .jsonl
     * or .ndjson — or it has none, as a client that sends Content-Type: application/x-ndjson and no name) its header is
     * "text after a closing quote", and a bulk job of it was accepted (202) only to fail. The format follows the name (the
     * media type is not used to choose it: curl --data-binary sends every file as a form), so the name is what to fix.
     */
    private static void refuseJsonLinesReadAsCsv(java.nio.file.Path file, String name) throws java.io.IOException {
        if (isJsonLines(name)) return;
        byte[] head = new byte[256];
        int n;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        int i = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
        if (i < n && head[i] == '{') {
            throw ApiError.badRequest("name", "name: the file is JSON Lines (its first line is a JSON object) but is read as CSV by its name "
                    + name + (name.equals("upload.csv") ? " (the name given when none is)" : "") + "; name it as JSON Lines, "
                    + "?name=entries.jsonl (or .ndjson) — nothing was stored");
        }
    }

    /**
     * Where uploads are kept while they arrive: the JVM's temporary folder ({@code java.io.tmpdir}), read once; tests name
     * another ({@link #uploadFolder(java.nio.file.Path)}).
     */
    private volatile java.nio.file.Path uploadFolder = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));

    /** Tests: keep uploads in {@code folder} from now on. */
    void uploadFolder(java.nio.file.Path folder) {
        this.uploadFolder = folder;
    }

    /**
     * An upload's temporary file is named for the process receiving it — {@code lodestone-upload-PID-START-N.part}, START the
     * process's start in milliseconds — so that a later start can tell a file left by a server that was killed (or lost its
     * machine) while the file arrived from one another server is receiving now: the chaos review of 2026-12-07 found every
     * server killed mid-upload left its part in the folder for ever, up to the upload limit each, until the disk was full.
     */
    static final String UPLOAD_PREFIX = "lodestone-upload-";
    private static final String OWN_UPLOADS = processMark(ProcessHandle.current()) + "-";
    private static final java.util.regex.Pattern MARKED_UPLOAD = java.util.regex.Pattern.compile("lodestone-upload-(\\d+)-(b?\\d+)-\\d+\\.part");
    /** The name an upload had before it was marked with its process (a server from before 2026-12-07). */
    private static final java.util.regex.Pattern UNMARKED_UPLOAD = java.util.regex.Pattern.compile("lodestone-upload-\\d+\\.part");

    /**
     * A process's pid and when it started: on Linux {@code b} and its start in clock ticks since the machine booted
     * ({@code /proc/PID/stat}), which no setting of the clock changes. The JVM's {@code startInstant} (the mark until session 35,
     * still read in an older server's files) is the boot's wall-clock time plus those ticks, the boot's time read by each JVM
     * as it starts: after the clock was stepped, a server started since saw a running server's start as another and removed
     * the file it was receiving.
     */
    static String processMark(ProcessHandle p) {
        String ticks = bootTicks(p.pid());
        return ticks != null ? p.pid() + "-b" + ticks : wallMark(p);
    }

    private static String wallMark(ProcessHandle p) {
        return p.pid() + "-" + p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /** Field 22 of /proc/PID/stat (the start, in ticks since boot), or null where there is no such file. */
    static String bootTicks(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // from field 3 (the name may hold spaces)
            return after.length > 19 && after[19].matches("\\d+") ? after[19] : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Removes from the upload folder the uploads that no running process is receiving: those marked with a process that has
     * ended (or whose pid now belongs to a process started at another time: a container's server is often pid 1 at every
     * start), and unmarked ones, of a server from before the mark, untouched for a day (no upload waits that long). Said in
     * one line of the log when there were any. Run at start.
     */
    void removeLeftUploads() {
        java.nio.file.Path folder = uploadFolder;
        int removed = 0;
        long bytes = 0;
        java.time.Instant dayAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
        try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.list(folder)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) all::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith(UPLOAD_PREFIX)) continue;
                java.util.regex.Matcher m = MARKED_UPLOAD.matcher(name);
                boolean left;
                try {
                    if (m.matches()) {
                        left = !ProcessHandle.of(Long.parseLong(m.group(1))).filter(ProcessHandle::isAlive)
                                .map(h -> (m.group(2).startsWith("b") ? processMark(h) : wallMark(h)).equals(m.group(1) + "-" + m.group(2)))
                                .orElse(false);
                    } else {
                        left = UNMARKED_UPLOAD.matcher(name).matches() && java.nio.file.Files.isRegularFile(p)
                                && java.nio.file.Files.getLastModifiedTime(p).toInstant().isBefore(dayAgo);
                    }
                    if (!left) continue;
                    long size = java.nio.file.Files.size(p);
                    if (java.nio.file.Files.deleteIfExists(p)) {
                        removed++;
                        bytes += size;
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // gone meanwhile, or not ours to remove: left as it is
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return; // the folder cannot be listed: the first upload will say what is wrong with it
        }
        java.io.PrintStream log = cfg.log();
        if (removed > 0 && log != null) {
            log.println("lodestone: removed " + removed + (removed == 1 ? " upload" : " uploads") + " left in " + folder
                    + " by a server stopped while it arrived (" + bytes + " bytes)");
            log.flush();
        }
    }

    /**
     * An upload the server could not keep while it arrived — its temporary folder full (a small /tmp in a container), gone or
     * not writable — is the server's fault, not the file's: {@code 503 unavailable} saying so (with {@code Retry-After}), and one
     * line in the log naming the folder for the operator. It was {@code 400 invalid_request} "cannot read the upload: No space
     * left on device", which told the client its upload was bad. The folder is not named to the client (the server's files stay
     * unsaid).
     */
    private ApiError noRoomForUpload(Call c, java.nio.file.Path folder, java.io.IOException e, long kept) {
        String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e instanceof java.nio.file.NoSuchFileException ? "the folder does not exist"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemException ? e.getClass().getSimpleName() : String.valueOf(e.getMessage());
        java.io.PrintStream log = cfg.log();
        if (log != null) {
            log.println("lodestone: cannot keep an upload in the temporary folder " + folder + " (" + c.ctx.method() + " " + c.ctx.path()
                    + " refused with 503 after " + kept + " bytes): " + reason + "; make room there, or start the server with"
                    + " -Djava.io.tmpdir=DIR naming a folder with room for the largest upload (docs/reliability.md, \"A small machine\")");
            log.flush();
        }
        return new ApiError(503, "unavailable", "the server has no room to keep this upload while it arrives (" + reason + "), so"
                + " nothing was stored; try again later, once the server's operator has made room (the server's log says where)", null);
    }

    /** What a file route says to a form ({@link Call#refuseForm}). */
    static final String FILE = "the file", FILE_CURL = "curl --data-binary @entries.csv -H 'Content-Type: text/csv'";

    /** At most this many uploads are stored in the database at once. */
    static final int UPLOADS_STORED_AT_ONCE = 4;

    /** The places of {@link #UPLOADS_STORED_AT_ONCE}, given in the order asked. */
    private final java.util.concurrent.Semaphore storing = new java.util.concurrent.Semaphore(UPLOADS_STORED_AT_ONCE, true);

    /** Each user's turn to store an upload (users share one of these places when their ids fall together). */
    private final java.util.concurrent.Semaphore[] ownerTurns = java.util.stream.Stream.generate(() -> new java.util.concurrent.Semaphore(1, true))
            .limit(64).toArray(java.util.concurrent.Semaphore[]::new);

    /** Run while an upload is being stored, its connection held (tests); nothing by default. */
    volatile Runnable whileStoringUpload = () -> { };

    /** At most this many bulk jobs of one user queued or running at once. */
    static final int MAX_ACTIVE_JOBS_PER_USER = 4;

    /** The upload's name ({@code ?name=}), made safe for a file name and a message. */
    private static String uploadName(Call c) {
        return FileLabel.of(c.query("name"), "upload.csv");
    }

    private static boolean isJsonLines(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
    }

    // ------------------------------------------------------------------ bulk

    /** A job submission's Idempotency-Key (or null), checked. */
    private static String jobKey(Call c) {
        String key = c.header("Idempotency-Key");
        if (key != null && key.length() > 200) throw ApiError.badRequest("Idempotency-Key", "Idempotency-Key: longer than 200 characters");
        return key;
    }

    /**
     * Refuses a job submission when the caller already has the most active jobs (bulk and compare together). Thrown
     * before the upload is read: {@link #register} answers it through EarlyRefusal, so a client still sending sees it.
     */
    private void checkJobLimit(Call c) {
        if (store.bulkJobs().active(c.owner()) >= MAX_ACTIVE_JOBS_PER_USER) throw tooManyJobs();
    }

    private static ApiError tooManyJobs() {
        return new ApiError(429, "too_many_jobs", "you have " + MAX_ACTIVE_JOBS_PER_USER
                + " bulk or compare jobs queued or running; submit more when one has finished", null);
    }

    /**
     * A job stored, counted against the limit again in the store's transaction ({@link BulkJobs#submit} with a limit):
     * {@link #checkJobLimit} before the upload is read only spares a client sending a file that would be refused, and
     * submissions sent at once all passed it (ten got 202).
     *
     * <p>The file goes into the database in one statement on one connection, which takes seconds for a large file on a busy
     * disk; at most {@link #UPLOADS_STORED_AT_ONCE} are stored at once and the others wait for their turn (in order,
     * holding no connection), so that uploads sent together neither take every connection of the pool from the other
     * requests nor wait for one past its timeout — twenty uploads of 20 MB sent at once were nine refusals, 503, and so
     * was every other user's request meanwhile. Storing them one after another takes no longer than all at once: the
     * disk is the bound.
     */
    /** An upload received into its temporary file, as the store reads it. */
    private BulkJobs.Upload stored(Upload up) {
        return new BulkJobs.Upload(() -> {
            whileStoringUpload.run(); // tests: the storing connection is held here
            return java.nio.file.Files.newInputStream(up.file());
        }, up.size(), up.sha256());
    }

    private BulkJobs.Submitted storeJob(String kind, String params, String key, String name, String fmt, BulkJobs.Upload up, String spec,
                                        String version, Call c) {
        // one user's uploads are stored one at a time in any case (the store counts them against the limit under a lock of
        // theirs): they queue here, not in the database holding a place of the others' and a connection each
        java.util.concurrent.Semaphore mine = ownerTurns[Math.floorMod(Long.hashCode(c.owner() == null ? -1L : c.owner()), ownerTurns.length)];
        try {
            mine.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopping();
        }
        try {
            storing.acquire();
        } catch (InterruptedException e) {
            mine.release();
            Thread.currentThread().interrupt();
            throw stopping();
        }
        try {
            return store.bulkJobs().submit(kind, params, key, name, fmt, up, spec, version, c.actor(), c.owner(), CHUNK_SIZE,
                    MAX_ACTIVE_JOBS_PER_USER);
        } catch (lodestone.store.JobLimitReached e) {
            throw tooManyJobs();
        } finally {
            storing.release();
            mine.release();
        }
    }

    private static ApiError stopping() {
        return new ApiError(503, "unavailable", "the server is stopping, so the upload was not stored; send it again once the server is back", null);
    }

    /**
     * A what-if upload's {@code with} (required), checked before the file is read. The file is read as a bulk job reads it:
     * CSV, or JSON Lines when its name ends in .jsonl or .ndjson.
     */
    private static String compareWith(Call c, String name) {
        String with = c.query("with");
        if ((with == null || with.isBlank()) && withOrigin(c) == null) {
            throw ApiError.badRequest("with", "with: missing; expected a regime (bundled:plurilateral) or date:YYYY-MM-DD, or with_origin: FROM=TO (e.g. CN=VN)");
        }
        return with == null || with.isBlank() ? null : with;
    }

    /** A what-if upload's {@code with_origin} (FROM=TO, comma-separated), or null when origins do not move. */
    private static String withOrigin(Call c) {
        String o = c.query("with_origin");
        return o == null || o.isBlank() ? null : o;
    }

    private Object submitBulk(Call c) throws java.io.IOException {
        String name = uploadName(c);
        String fmt = isJsonLines(name) ? "jsonl" : "csv";
        String key = jobKey(c);
        checkJobLimit(c);
        Upload up = upload(c, name);
        String spec = engines.activeSpec();
        String version = engines.regime(spec).version();
        BulkJobs.Submitted s;
        try {
            s = storeJob(BulkJobs.KIND_ASSESS, bulkParams(spec, identity(engines.regime(spec)), fmt), key, name, fmt, stored(up), spec, version, c);
        } finally {
            java.nio.file.Files.deleteIfExists(up.file());
        }
        return submitted(s, job(s.job()));
    }

    /**
     * POST /api/bulk-jobs/{job}/resubmit and /api/compare-jobs/{job}/resubmit: the job's stored file submitted again, a job of
     * the caller's under the active regime, read as the job read it (a compare job: against what it was compared with). After
     * an upgrade with another bundled regime every queued job fails "not run: it was submitted under the regime … submit it
     * again" (BulkWorker#regimeChanged), and each owner had to find their file and upload it again; the file is still in the
     * database until the job is retired.
     */
    private Object resubmit(Call c, String kind) {
        BulkJobs.Job old = job(c, kind, c.pathId("job"), "job"); // ({job}: the Location's {id} is the new job's)
        String what = BulkJobs.kindWord(kind);
        boolean compare = BulkJobs.KIND_COMPARE.equals(kind);
        if (old.retired()) {
            throw new ApiError(410, "gone", what + " job " + old.id() + ": its file was retired on " + retiredOn(old)
                    + retiredBy(retention) + "; upload the file again to " + (compare ? "compare" : "assess") + " it again", null);
        }
        if (old.status() == BulkJobs.Status.QUEUED || old.status() == BulkJobs.Status.RUNNING) {
            throw new ApiError(409, "conflict", what + " job " + old.id() + " is " + old.status().name().toLowerCase(java.util.Locale.ROOT)
                    + ": it is being " + (compare ? "compared" : "assessed") + "; cancel it first to submit its file again", "job");
        }
        String key = jobKey(c);
        if (key == null) key = "resubmit-of-" + old.id();
        checkJobLimit(c);
        String spec = engines.activeSpec();
        lodestone.regime.Regime regime = engines.regime(spec);
        String fmt = old.inputFormat();
        String params;
        if (compare) {
            com.fasterxml.jackson.databind.JsonNode p;
            try {
                p = Server.JSON.readTree(old.params());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("compare job " + old.id() + "'s parameters are not JSON: " + e.getMessage(), e);
            }
            String with = p.path("with").asText(null);
            String withOrigin = p.hasNonNull("with_origin") ? p.get("with_origin").asText() : null;
            try {
                params = compareParams(spec, with, withOrigin, p.path("top").asInt(20));
            } catch (ApiError e) {
                throw ApiError.badRequest("job", "compare job " + old.id() + " cannot be compared again as it was (with "
                        + (with != null ? with : "") + (with != null && withOrigin != null ? ", " : "")
                        + (withOrigin != null ? "with_origin " + withOrigin : "") + "): " + e.getMessage());
            }
        } else {
            params = bulkParams(spec, identity(regime), fmt);
        }
        BulkJobs.Submitted s = storeJob(kind, params, key, old.fileName(), fmt,
                new BulkJobs.Upload(() -> store.bulkJobs().input(old.id()), old.sizeBytes(), old.sha256()), spec, regime.version(), c);
        return submitted(s, compare ? compares.view(s.job()) : job(s.job()));
    }

    /** A compare job's parameters against the active regime {@code spec}; what side B names is checked here (ApiError). */
    private String compareParams(String spec, String with, String withOrigin, int top) {
        CompareJobs.Other other = compares.other(with, withOrigin, spec, engines.assessor(spec));
        String withVersion = other.otherRegime() ? identity(other.assessor().regime()) : null;
        return CompareJobs.params(spec, identity(engines.regime(spec)), with, withOrigin, withVersion, top);
    }

    /**
     * A bulk job's parameters, part of its identity with the owner, the Idempotency-Key and the file's content: the regime it
     * is assessed under (the active one when it was submitted, and that regime's version) and how the file is read. The same
     * file after an administrator switched the active regime, or read as another format, is another job.
     */
    /**
     * A regime's part of a job's identity: its version and the fingerprint of the files it was loaded from, so that a folder
     * regime edited and activated again without a new version is another regime (reported: the same upload and key answered
     * the earlier job, assessed under the old floor, as a duplicate).
     */
    static String identity(lodestone.regime.Regime r) {
        return r.fingerprint() == null ? r.version() : r.version() + "+" + r.fingerprint().substring(0, Math.min(16, r.fingerprint().length()));
    }

    static String bulkParams(String activeSpec, String regimeVersion, String format) {
        return Server.json(ordered("regime", activeSpec, "regime_version", regimeVersion, "format", format));
    }

    private Object sample(Call c) throws java.io.IOException {
        int lines = c.intQuery("lines", 200, 1, 100_000);
        int seed = c.intQuery("seed", 1, 0, Integer.MAX_VALUE);
        c.ctx.status(200).contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"sample-entries.csv\"");
        Writer w = new OutputStreamWriter(c.ctx.outputStream(), StandardCharsets.UTF_8);
        // every 40th line malformed for sure (besides the generator's random ones): a sample of 200 shows 5+ rejects
        new lodestone.border.bulk.EntryGenerator(engines.regime(), seed).write(w, lines, SAMPLE_MALFORMED_EVERY);
        w.flush();
        return WRITTEN;
    }

    private BulkJobs.Job bulkJob(Call c) {
        return job(c, BulkJobs.KIND_ASSESS);
    }

    /** The job {id} of a kind, if the caller may see it. */
    private BulkJobs.Job job(Call c, String kind) {
        return job(c, kind, c.pathId("id"), "id");
    }

    /** The job of a kind with this id, if the caller may see it; else 404 as for an id that is no such job. */
    private BulkJobs.Job job(Call c, String kind, long id, String field) {
        return store.bulkJobs().get(id).filter(j -> j.kind().equals(kind) && c.sees(j.owner()))
                .orElseThrow(() -> ApiError.notFound(field, "no " + BulkJobs.kindWord(kind) + " job " + id));
    }

    /**
     * POST /api/bulk-jobs/{id}/cancel and /api/compare-jobs/{id}/cancel: the caller's job (an administrator's: any) cancelled
     * when queued or running; 409 conflict naming its status when it already ended; 404 as GET of a job the caller may not see.
     */
    private BulkJobs.Job cancel(Call c, String kind) {
        long id = c.pathId("id");
        BulkJobs.Cancel r = store.bulkJobs().cancel(id, kind, c.scope());
        String what = BulkJobs.kindWord(kind);
        return switch (r.outcome()) {
            case CANCELLED -> r.job();
            case NOT_FOUND -> throw ApiError.notFound("id", "no " + what + " job " + id);
            case ENDED -> throw new ApiError(409, "conflict", what + " job " + id + " has already ended: it is "
                    + r.job().status().name().toLowerCase(Locale.ROOT) + (r.job().status() == BulkJobs.Status.CANCELLED
                    ? " (after " + r.job().linesDone() + " lines)" : "") + "; only a queued or running job can be cancelled", "id");
        };
    }

    /** GET /api/bulk-jobs/{id}'s answer for a job id, if the caller may see the job (a report by reference). */
    Map<String, Object> bulkJobView(Call c, long id, String field) {
        return job(job(c, BulkJobs.KIND_ASSESS, id, field));
    }

    /** POST /api/compare-jobs: the file stored as a compare job, run by the bulk worker (CompareJobs). */
    private Object submitCompare(Call c) throws java.io.IOException {
        String name = uploadName(c);
        String with = compareWith(c, name);
        String withOrigin = withOrigin(c);
        int top = c.intQuery("top", 20, 0, 1000);
        String key = jobKey(c);
        checkJobLimit(c);
        Upload up = upload(c, name);
        String spec = engines.activeSpec();
        BulkJobs.Submitted s;
        try {
            // an unknown regime or a bad date is refused now, not when the job runs
            s = storeJob(BulkJobs.KIND_COMPARE, compareParams(spec, with, withOrigin, top),
                    key, name, isJsonLines(name) ? "jsonl" : "csv", stored(up), spec, engines.regime(spec).version(), c);
        } finally {
            java.nio.file.Files.deleteIfExists(up.file());
        }
        return submitted(s, compares.view(s.job()));
    }

    /**
     * A job submission's answer, the job as {@code view} shows it: 202 for work to do (a new job, or a cancelled one queued
     * again: {@code resumed}), 200 for the same job submitted before ({@code duplicate}); the worker is told of new work.
     */
    private Object submitted(BulkJobs.Submitted s, Map<String, Object> view) {
        if (!s.duplicate() || s.resumed()) worker.nudge();
        view.put("duplicate", s.duplicate());
        if (s.resumed()) view.put("resumed", true);
        return s.duplicate() && !s.resumed() ? new Reply(200, view) : view;
    }

    /** A page of the caller's jobs of a kind (?limit=, ?cursor=), newest first. */
    private List<BulkJobs.Job> jobPage(Call c, String list, String kind) {
        int limit = c.intQuery("limit", 50, 1, 1000);
        Pages.Position from = Pages.read(c, list);
        return Pages.page(c, list, store.bulkJobs().page(limit + 1, c.scope(), kind, from == null ? null : from.keyset()), limit,
                BulkJobs.Job::createdAt, BulkJobs.Job::id);
    }

    static Map<String, Object> job(BulkJobs.Job j) {
        Map<String, Object> m = ordered("id", j.id(), "file_name", j.fileName(), "format", j.inputFormat(), "status", j.status().name().toLowerCase(Locale.ROOT),
                "regime", j.regime(), "regime_version", j.regimeVersion(), "submitted_by", j.submittedBy(), "created_at", j.createdAt().toString(),
                "finished_at", j.finishedAt() == null ? null : j.finishedAt().toString(), "size_bytes", j.sizeBytes(),
                "lines_done", j.linesDone(), "assessed", j.assessed(), "prohibited", j.prohibited(), "rejected", j.rejected(),
                "total_duty", j.totalDuty(), "error", j.error(), "sha256", j.sha256(), "key", j.key());
        m.put("results", "/api/bulk-jobs/" + j.id() + "/results");
        m.put("rejects", "/api/bulk-jobs/" + j.id() + "/rejects");
        m.put("totals", "/api/bulk-jobs/" + j.id() + "/totals");
        m.put("duplicate_ids", duplicateIds(j));
        // the job's first lines, assessed by a Lodestone from before repeated ids were looked for: their repeats are not known
        if (j.duplicateUncheckedLines() > 0) m.put("duplicate_ids_unchecked_lines", j.duplicateUncheckedLines());
        if (j.duplicateCheckStoppedAt() > 0) m.put("duplicate_check_stopped_at", j.duplicateCheckStoppedAt());
        // a job that ended short of its file (cancelled, failed) after some lines: what it did is offered, marked partial
        boolean partial = partialOffered(j);
        m.put("retired_at", j.retiredAt() == null ? null : j.retiredAt().toString());
        m.put("partial_results", partial ? "/api/bulk-jobs/" + j.id() + "/results?partial=true" : null);
        m.put("partial_rejects", partial ? "/api/bulk-jobs/" + j.id() + "/rejects?partial=true" : null);
        return m;
    }

    /**
     * A job's repeated line ids, or null when some of its lines were assessed before Lodestone looked for them (schema 12): a
     * count of the rest would say "none" of lines no one checked.
     */
    static Long duplicateIds(BulkJobs.Job j) {
        return j.duplicateUncheckedLines() > 0 ? null : j.duplicateIds();
    }

    /**
     * GET /api/bulk-jobs/{id}/totals: the sum of the totals each committed chunk stored with its results (each chunk counted
     * once, whether the job ran through or was resumed). A chunk committed before totals were kept has none: refused, not
     * summed short.
     */
    private Object totals(Call c) {
        BulkJobs.Job j = bulkJob(c);
        // a retired job's chunks are gone: its row keeps their totals, summed when it was retired
        List<String> chunks = j.retired() ? java.util.Collections.singletonList(j.retiredTotals()) : store.bulkJobs().chunkTotals(j.id());
        lodestone.border.bulk.BulkTotals t = new lodestone.border.bulk.BulkTotals();
        int missing = 0;
        for (String s : chunks) {
            if (s == null) missing++;
            else t.add(lodestone.border.bulk.BulkTotals.fromJson(s));
        }
        if (missing > 0 && j.retired()) {
            throw new ApiError(409, "totals_unavailable", "bulk job " + j.id() + " had chunks committed before totals were kept (Lodestone"
                    + " before schema version 12), and its results were retired on " + retiredOn(j) + ": upload the file again to have its totals", null);
        }
        if (missing > 0) {
            throw new ApiError(409, "totals_unavailable", "bulk job " + j.id() + " has " + missing + " of its " + chunks.size()
                    + " chunks committed before totals were kept (Lodestone before schema version 12): submit the file as a new job"
                    + " (another Idempotency-Key) to have its totals", null);
        }
        Map<String, Object> m = ordered("job_id", j.id(), "status", j.status().name().toLowerCase(Locale.ROOT),
                "complete", j.status() == BulkJobs.Status.DONE, "lines_done", j.linesDone(), "assessed", j.assessed(),
                "prohibited", j.prohibited(), "total_duty", t.total(), "duplicate_ids", j.duplicateIds());
        m.put("by_origin", t.byOrigin().stream().map(r -> ordered("origin", r.key(), "lines", r.lines(), "prohibited", r.prohibited(),
                "total_duty", r.duty())).toList());
        m.put("by_heading", t.byHeading().stream().map(r -> ordered("heading", r.key(), "lines", r.lines(), "prohibited", r.prohibited(),
                "total_duty", r.duty())).toList());
        m.put("by_measure", t.byMeasure().stream().map(r -> ordered("id", r.key(), "measure", r.measure(), "title", r.title(),
                "lines", r.lines(), "total_duty", r.duty())).toList());
        return m;
    }

    static final Route.Param PARTIAL = query("partial", "boolean", "true: of a cancelled or failed job, the lines it had done, marked"
            + " partial (default false: only a done job's complete file)");

    /** Whether a job's partial files are offered: it ended cancelled or failed, after committing some lines. */
    static boolean partialOffered(BulkJobs.Job j) {
        return (j.status() == BulkJobs.Status.CANCELLED || j.status() == BulkJobs.Status.FAILED) && j.linesDone() > 0 && !j.retired();
    }

    /** The day a job was retired (UTC), as its refusals say it. */
    static String retiredOn(BulkJobs.Job j) {
        return j.retiredAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    /** 410 gone: a retired job's results, rejects or partial figures, which an administrator or the retention removed. */
    static ApiError retiredGone(BulkJobs.Job j, String what, Retention retention) {
        return new ApiError(410, "gone", BulkJobs.kindWord(j.kind()) + " job " + j.id() + ": the job's "
                + what + " were retired on " + retiredOn(j) + retiredBy(retention) + "; its counts and totals remain; upload the file again"
                + " to " + (BulkJobs.KIND_COMPARE.equals(j.kind()) ? "compare" : "assess") + " it again", null);
    }

    /** Who retires jobs on this server, as a refusal about a retired job says it after "retired on DAY". */
    static String retiredBy(Retention retention) {
        return retention == null ? " by an administrator" : retention.retiredBy();
    }

    /** How a bulk job's chunk totals are summed into the totals its row keeps once retired (as GET …/totals sums them). */
    static final BulkJobs.TotalsSum TOTALS_SUM = lodestone.border.bulk.BulkTotals::sumJson;

    /**
     * POST /api/bulk-jobs/{id}/retire and /api/compare-jobs/{id}/retire (administrators): the job's working data removed once it
     * has ended; 409 conflict, in words, for a job queued or running or already retired; 404 for no such job of the kind.
     */
    private BulkJobs.Job retire(Call c, String kind) {
        long id = c.pathId("id");
        String what = BulkJobs.kindWord(kind);
        BulkJobs.Retirement r = store.bulkJobs().retire(id, kind, TOTALS_SUM);
        return switch (r.outcome()) {
            case RETIRED -> {
                logRetired(c, List.of(r.retired()));
                yield r.job();
            }
            case NOT_FOUND -> throw ApiError.notFound("id", "no " + what + " job " + id);
            case ALREADY -> throw new ApiError(409, "conflict", what + " job " + id + " was already retired on " + retiredOn(r.job())
                    + ": its file and results are gone; its counts and totals remain", "id");
            case NOT_ENDED -> throw new ApiError(409, "conflict", what + " job " + id + " is " + r.job().status().name().toLowerCase(Locale.ROOT)
                    + ": only a finished job (done, failed or cancelled) can be retired; cancel it first (POST /api/" + what + "-jobs/" + id
                    + "/cancel) or wait for it to end", "id");
        };
    }

    /** POST /api/jobs/retire: every job of both kinds finished before the day {@code finished_before} (00:00 UTC) retired. */
    private Object retireFinishedBefore(Call c) {
        JsonNode b = c.jsonBody();
        Call.onlyKeys(b, List.of("finished_before"));
        String day = text(b, "finished_before");
        if (day == null) throw ApiError.badRequest("finished_before", "finished_before: missing; expected a date, YYYY-MM-DD: the jobs"
                + " that finished before it (00:00 UTC) are retired");
        java.time.LocalDate before = Call.parseDate("finished_before", day);
        List<BulkJobs.Retired> done = store.bulkJobs().retireFinishedBefore(before.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), TOTALS_SUM);
        logRetired(c, done);
        long lines = 0;
        long bytes = 0;
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (BulkJobs.Retired r : done) {
            lines += r.lines();
            bytes += r.bytes();
            jobs.add(ordered("id", r.jobId(), "kind", BulkJobs.kindWord(r.kind()), "file_name", r.fileName(),
                    "lines", r.lines(), "bytes", r.bytes()));
        }
        Map<String, Object> m = ordered("finished_before", before.toString(), "retired", (long) done.size(), "lines", lines, "bytes", bytes);
        m.put("jobs", jobs);
        return m;
    }

    /** GET /api/jobs/retention: the setting and the last run (retain_days null: off, jobs kept until an administrator retires them). */
    private Map<String, Object> retentionState() {
        Map<String, Object> m = ordered("retain_days", retention.days() == 0 ? null : (long) retention.days());
        Retention.Run last = retention.last();
        java.time.Instant next = retention.next();
        m.put("next_run_at", retention.days() == 0 || next == null ? null : next.toString());
        if (last == null) {
            m.put("last_run", null);
        } else {
            Map<String, Object> run = ordered("at", last.at().toString(), "finished_before", last.finishedBefore().toString(),
                    "retired", (long) last.jobs(), "lines", last.lines(), "bytes", last.bytes());
            run.put("error", last.error());
            m.put("last_run", run);
        }
        return m;
    }

    /** One line in the server's log for each job retired: who retired it and what was removed. */
    private void logRetired(Call c, List<BulkJobs.Retired> retired) {
        for (BulkJobs.Retired r : retired) {
            cfg.log().println("lodestone: " + c.actor() + " retired " + BulkJobs.kindWord(r.kind()) + " job "
                    + r.jobId() + " (" + r.fileName() + ", " + r.lines() + " lines): " + r.bytes() + " bytes of its file and results removed");
        }
    }

    /**
     * What a partial file holds and why it stops there (the header X-Lodestone-Partial; ASCII, no file name), in the file's
     * own line numbers as the rejects give them (a CSV's header is its line 1).
     */
    static String partialSaid(BulkJobs.Job j) {
        long first = "csv".equals(j.inputFormat()) ? 2 : 1;
        long last = first + j.linesDone() - 1;
        return "the job was " + j.status().name().toLowerCase(Locale.ROOT) + " after " + j.linesDone() + " lines: this file covers the"
                + " first " + j.linesDone() + " entries, the file's lines " + first + " to " + last + (first == 2 ? " (line 1 is its header)" : "")
                + "; lines " + (last + 1) + " on were not assessed";
    }

    private Object download(Call c, boolean rejects) throws java.io.IOException {
        BulkJobs.Job j = bulkJob(c);
        boolean partialAsked = "true".equals(c.query("partial"));
        String file = rejects ? "rejects" : "results";
        if (j.retired()) throw retiredGone(j, file, retention);
        boolean partial = j.status() != BulkJobs.Status.DONE;
        if (partial && !(partialAsked && partialOffered(j))) {
            String status = j.status().name().toLowerCase(Locale.ROOT);
            String link = "/api/bulk-jobs/" + j.id() + "/" + file + "?partial=true";
            throw new ApiError(409, "not_ready", "bulk job " + j.id() + " is " + status
                    + (partialOffered(j) ? (j.status() == BulkJobs.Status.FAILED ? ": " + j.error() + "; " : " after " + j.linesDone() + " lines; ")
                        + "its " + file + " file is not complete: GET " + link + " gives the " + j.linesDone() + " lines it had done, marked partial"
                        + (j.status() == BulkJobs.Status.CANCELLED ? " (or submit the same file again to resume it)" : "")
                    : j.status() == BulkJobs.Status.FAILED ? ": " + j.error()
                    : j.status() == BulkJobs.Status.CANCELLED ? " after 0 lines: it has no " + file + " file (submit the same file again to resume it)"
                    : "; its files are ready when it is done"), partialAsked ? "partial" : null);
        }
        String base = j.fileName().replaceAll("\\.[A-Za-z]+$", "");
        c.ctx.status(200).contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", FileLabel.attachment(base + "-" + file
                        + (partial ? "-partial-" + j.linesDone() + "-lines" : "") + ".csv"));
        if (partial) c.ctx.header("X-Lodestone-Partial", partialSaid(j));
        Writer w = new OutputStreamWriter(c.ctx.outputStream(), StandardCharsets.UTF_8);
        java.util.function.IntConsumer hook = onDownload;
        if (hook != null) {
            hook.accept(0);
            w = onceAfterFirstWrite(w, () -> hook.accept(1));
        }
        try {
            // the chunks the job had when it was read: a partial file is what its header says, even if the job is resumed meanwhile
            store.bulkJobs().writeOutput(j.id(), j.chunksDone(), rejects, w);
            w.flush();
        } catch (RuntimeException e) {
            BulkJobs.Job now = null;
            try {
                now = store.bulkJobs().get(j.id()).orElse(null);
            } catch (RuntimeException again) {
                e.addSuppressed(again); // the database away: said by the error path below
            }
            boolean retiredMeanwhile = now != null && now.retired();
            if (!c.ctx.res().isCommitted()) { // nothing has gone out: the answer is the error's, not a file's
                c.ctx.res().resetBuffer();
                c.ctx.res().setHeader("Content-Disposition", null);
                c.ctx.res().setHeader("X-Lodestone-Partial", null);
                if (retiredMeanwhile) throw retiredGone(now, file, retention);
                throw e;
            }
            // Part of the file has gone out. An error written now would follow it as if it were the file's last line, and the
            // client would take the whole for the file: the connection is cut instead, so that it sees the download fail.
            cfg.log().println("lodestone: the download of " + BulkJobs.kindWord(j.kind()) + " job " + j.id() + "'s " + file
                    + " stopped after part of the file had been sent: " + (retiredMeanwhile ? "the job was retired meanwhile"
                    : "the database could not be read (" + e.getMessage() + ")") + "; the connection was cut so that the client sees the"
                    + " download incomplete");
            org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(c.ctx.req()).getServletChannel().abort(e);
        }
        return WRITTEN;
    }

    /** {@code w}, running {@code hook} once after its first write of a string (a download's first chunk). */
    private static Writer onceAfterFirstWrite(Writer w, Runnable hook) {
        return new java.io.FilterWriter(w) {
            private boolean ran;

            @Override
            public void write(String str, int off, int len) throws java.io.IOException {
                super.write(str, off, len);
                if (!ran) {
                    ran = true;
                    hook.run();
                }
            }
        };
    }

    // ------------------------------------------------------------------ scenarios and history

    private Object runScenario(Call c) {
        JsonNode b = c.jsonBody();
        long t0 = System.nanoTime();
        Scenarios.Prepared p = scenarios.prepare(b);
        Map<String, Object> report;
        String error = null;
        try {
            report = lodestone.market.ScenarioReport.run(p.scenario());
        } catch (RuntimeException e) {
            report = null;
            // the fault's own message (a solver's internals) stays in the log; the run and the answer name its reference
            error = "the solver failed (reference #" + logFault(cfg.log(), "solver failure", "running " + p.name(), e) + " in the server's log)";
        }
        if (report != null && !"solved".equals(report.get("status"))) error = String.valueOf(report.get("reason"));
        double ms = (System.nanoTime() - t0) / 1e6;
        ScenarioRuns.Run run = store.scenarioRuns().record(c.actor(), c.owner(), p.name(), String.join(",", p.scenario().minerals()),
                Server.json(p.parameters()), report == null ? null : Server.json(report), error, ms);
        Map<String, Object> out = ordered("id", run.id(), "created_at", run.at().toString(), "at", run.at().toString(),
                "scenario", p.name(), "parameters", p.parameters(),
                "status", run.status(), "error", error, "millis", ms, "result", report);
        return error == null ? out : noEquilibrium(out, error);
    }

    /**
     * A run stored without an equilibrium, answered 422 in the error shape every other refusal has — {@code error}
     * {@code {"code": "no_equilibrium", "message": the reason, "field": null}} (it was the run's error text, so a client
     * reading error.code found nothing) — with the stored run's other fields beside it (its id to read it back, status
     * failed, result). The stored run itself keeps its error text.
     */
    static Reply noEquilibrium(Map<String, Object> run, String reason) {
        Map<String, Object> out = new LinkedHashMap<>(run);
        out.put("error", ordered("code", "no_equilibrium", "message", reason, "field", null));
        return new Reply(422, out);
    }

    private Object scenarioRun(Call c) {
        return scenarioRun(c, c.pathId("id"), "id");
    }

    /** GET /api/whatifs/{id}'s answer, if the caller may see the what-if; else 404 as for an id never used ({@code field}: where the id was). */
    Map<String, Object> whatIf(Call c, long id, String field) {
        return CompareJobs.detail(store.whatIfs().get(id).filter(w -> c.sees(w.owner())).orElseThrow(() -> ApiError.notFound(field, "no what-if " + id)));
    }

    /** GET /api/scenario-runs/{id}'s answer, if the caller may see the run; else 404 as for an id never used ({@code field}: where the id was). */
    Map<String, Object> scenarioRun(Call c, long id, String field) {
        ScenarioRuns.Run r = store.scenarioRuns().get(id).filter(x -> c.sees(x.owner())).orElseThrow(() -> ApiError.notFound(field, "no scenario run " + id));
        try {
            return ordered("id", r.id(), "created_at", r.at().toString(), "at", r.at().toString(), "actor", r.actor(), "scenario", r.scenario(),
                    "parameters", storedRunJson(r, r.parametersJson()), "status", r.status(), "error", r.error(), "millis", r.millis(),
                    "result", r.resultJson() == null ? null : storedRunJson(r, r.resultJson()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A scenario run's stored parameters or result as the API writes it: the bytes the run answered (the command line's
     * key order and number text) for a run stored exactly; a run stored before is read as before (jsonb's key order).
     */
    static Object storedRunJson(ScenarioRuns.Run r, String json) throws java.io.IOException {
        return r.exact() ? StoredJson.read(json) : Server.STORED_JSON.readTree(json);
    }

    static Map<String, Object> runSummary(ScenarioRuns.Run r) {
        return ordered("id", r.id(), "created_at", r.at().toString(), "at", r.at().toString(), "actor", r.actor(), "scenario", r.scenario(),
                "mineral", r.mineral(),
                "status", r.status(), "error", r.error(), "millis", r.millis());
    }

    private Object history(Call c) {
        int limit = c.intQuery("limit", 50, 1, 500);
        Pages.Position from = Pages.read(c, "runs");
        int n = limit + 1; // one more of each kind: whether anything follows the page
        List<Map<String, Object>> all = new ArrayList<>();
        for (Ledger.Entry e : store.ledger().page(n, c.scope(), from == null ? null : from.keysetOf("assessment"))) {
            all.add(historyItem("assessment", e.id(), e.at(), e.actor(),
                    (ENTRY_RECORD.matcher(e.hts()).find() ? "Entry of " : "") + e.hts() + " from " + e.origin() + " on "
                            + e.entryDate() + ": " + (e.totalDuty() == null ? e.status() : "USD " + usd(e.totalDuty())),
                    "/#assess/" + e.id()));
        }
        for (BulkJobs.Job j : store.bulkJobs().page(n, c.scope(), BulkJobs.KIND_ASSESS, from == null ? null : from.keysetOf("bulk-job"))) {
            all.add(historyItem("bulk-job", j.id(), j.createdAt(), j.submittedBy(),
                    j.fileName() + ": " + j.status().name().toLowerCase(Locale.ROOT) + ", " + j.linesDone() + " lines"
                            + (j.retired() ? " (retired)" : ""), "/#bulk/" + j.id()));
        }
        for (lodestone.store.WhatIfs.WhatIf w : store.whatIfs().page(n, c.scope(), from == null ? null : from.keysetOf("comparison"))) {
            all.add(historyItem("comparison", w.id(), w.at(), w.actor(), CompareJobs.historyLine(w), "/#history/whatif/" + w.id()));
        }
        for (ScenarioRuns.Run r : store.scenarioRuns().page(n, c.scope(), from == null ? null : from.keysetOf("scenario-run"))) {
            Map<String, Object> item = historyItem("scenario-run", r.id(), r.at(), r.actor(), r.scenario() + ": " + r.status(), "/#scenarios/run/" + r.id());
            try {
                item.put("parameters", storedRunJson(r, r.parametersJson())); // what the run changed from the bundled scenario
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            all.add(item);
        }
        newestFirst(all);
        if (all.size() <= limit) return all;
        Map<String, Object> last = all.get(limit - 1);
        Pages.next(c, Pages.cursor("runs", java.time.Instant.parse((String) last.get("created_at")), ((Number) last.get("id")).longValue(),
                (String) last.get("kind")));
        return all.subList(0, limit);
    }

    /** An item of History: created_at, and the same time as at (the name it had first, kept for the clients that read it). */
    private static Map<String, Object> historyItem(String kind, long id, java.time.Instant at, String actor, String summary, String link) {
        return ordered("kind", kind, "id", id, "created_at", at.toString(), "at", at.toString(), "actor", actor, "summary", summary, "link", link);
    }

    /**
     * History's order: the newest first by time — compared as instants, not as their text, whose fraction of a second has as
     * many digits as it needs (".5Z" is later than ".41Z", "21Z" earlier than "21.5Z") — then, for the same instant, by
     * kind and the newer id, so the same records always come in the same order.
     */
    static void newestFirst(List<Map<String, Object>> items) {
        items.sort(Comparator.comparing((Map<String, Object> m) -> java.time.Instant.parse((String) m.get("at"))).reversed()
                .thenComparing(m -> (String) m.get("kind"))
                .thenComparing(Comparator.comparingLong((Map<String, Object> m) -> ((Number) m.get("id")).longValue()).reversed()));
    }

    // ------------------------------------------------------------------ tokens

    static Map<String, Object> token(Tokens.Token t) {
        return ordered("id", t.id(), "name", t.name(), "role", t.role().key(), "created_at", t.createdAt().toString(),
                "created_by", t.createdBy(), "revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString(),
                "renewed_at", t.renewedAt() == null ? null : t.renewedAt().toString(), "renewed_by", t.renewedBy());
    }

    private Object createToken(Call c) {
        JsonNode b = c.jsonBody();
        Call.onlyKeys(b, List.of("name", "role")); // no expiry or scope: a token lasts until revoked, with its role's rights
        String name = text(b, "name");
        if (name == null) throw ApiError.badRequest("name", "name: missing; expected who or what will use the token");
        if (name.length() > 100) throw ApiError.badRequest("name", "name: longer than 100 characters");
        Tokens.Role role;
        try {
            role = Tokens.Role.parse(text(b, "role") == null ? "analyst" : text(b, "role"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("role", "role: " + e.getMessage());
        }
        Tokens.Issued t = store.tokens().create(name, role, c.actor());
        Map<String, Object> m = token(t.token());
        m.put("secret", t.secret());
        return m;
    }

    private Object renewToken(Call c) {
        long id = c.pathId("id");
        Tokens.Issued t = store.tokens().renew(id, c.actor())
                .orElseThrow(() -> ApiError.notFound("id", "no active token " + id + " (a revoked token is not renewed; make a new one)"));
        Map<String, Object> m = token(t.token());
        m.put("secret", t.secret());
        return m;
    }

    private Object revokeToken(Call c) {
        long id = c.pathId("id");
        if (c.token.id() == id) throw new ApiError(409, "conflict", "a token cannot revoke itself; use another administrator token", "id");
        if (!store.tokens().revoke(id)) throw ApiError.notFound("id", "no active token " + id);
        return ordered("id", id, "revoked", true);
    }

    static RouteShapes.Verification verification(Ledger.Verification v) {
        return new RouteShapes.Verification(v.intact(), v.records(), v.headSeq(), v.headHash(), v.problems());
    }

    /** An amount in dollars as every page shows it: thousands separated, two decimals ("1,000.00"); History's lines use it. */
    static String usd(java.math.BigDecimal v) {
        return String.format(java.util.Locale.ROOT, "%,.2f", v.setScale(2, java.math.RoundingMode.HALF_UP));
    }

    static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiError.badRequest(field, field + ": expected a string");
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }
}
