package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.report.ReportRefused;
import lodestone.report.ResultReport;
import lodestone.report.SavedResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static lodestone.server.Route.Access.ANALYST;

/**
 * {@code POST /api/reports}: a saved result (what a page's "Download JSON" saves, or a command's {@code --json}) answered
 * as the printable HTML report that {@code lodestone report} writes (docs/report-format.md). The body is read as every
 * JSON body is (size limit, duplicate keys refused); the answer is a download whose own Content-Security-Policy forbids
 * any script (sandboxed, nothing loaded from anywhere), so a hostile text in the result cannot run even if the escaping
 * missed it.
 *
 * <p>A stored result is also reported by reference, {@code {"assessment": ID}}, {@code {"bulk_job": ID}}, {@code
 * {"scenario_run": ID}}, {@code {"whatif": ID}}, {@code {"path_job": ID}} or {@code {"compare_job": ID}}: the report is
 * made of the very text the record's GET ({@code GET /api/assessments/ID}, …) answers the caller, looked up
 * with that route's rules (a record the caller may not see is the same 404), so a ledger record larger than the JSON
 * body limit (a customs entry of hundreds of lines) is reported, and the report's SHA-256 is that of the bytes the GET
 * serves.
 */
final class ReportRoutes {
    /** The report's policy as a header: the page's own, plus what only a header can say. */
    static final String CSP = ResultReport.CSP + "; frame-ancestors 'none'; sandbox";

    /** A stored result's API answer by id, as its GET route answers the caller (404 naming {@code field} when not seen). */
    interface Lookup {
        Object answer(Call c, long id, String field);
    }

    /** A key of a body by reference, the GET route whose answer it names, and what the id is. */
    private record Reference(String key, String route, String what, Lookup lookup) {
        String described() {
            return key + " (" + what + ", as GET " + route + "{id})";
        }
    }

    /** The GET routes whose stored answers a report is made of by reference, each with its lookup (the route's own). */
    record Lookups(Lookup ledger, Lookup bulkJobs, Lookup scenarioRuns, Lookup whatIfs, Lookup pathJobs, Lookup compareJobs) { }

    private final List<Reference> references;

    ReportRoutes(Lookups l) {
        this.references = List.of(new Reference("assessment", "/api/assessments/", "a ledger id", l.ledger()),
                new Reference("bulk_job", "/api/bulk-jobs/", "a bulk job's id", l.bulkJobs()),
                new Reference("scenario_run", "/api/scenario-runs/", "a scenario run's id", l.scenarioRuns()),
                new Reference("whatif", "/api/whatifs/", "a what-if's id", l.whatIfs()),
                new Reference("path_job", "/api/path-jobs/", "a path job's id", l.pathJobs()),
                new Reference("compare_job", "/api/compare-jobs/", "a compare job's id", l.compareJobs()));
    }

    /** What a body by reference is, for the refusals. */
    private String byReference() {
        List<String> d = references.stream().map(Reference::described).toList();
        return "a report by reference takes one key: " + String.join(", ", d.subList(0, d.size() - 1)) + " or " + d.getLast()
                + ", e.g. {\"assessment\": 12}";
    }

    List<Route> routes() {
        return List.of(new Route("POST", "/api/reports", ANALYST, "A saved result as a printable, self-contained HTML report to download (as "
                + "lodestone report): an assessment or customs entry, a scenario run or path, a Monte Carlo run, a seek, a sensitivity, a "
                + "valuation, a floor comparison, a priority ranking, a what-if (a shipment, an entry, a file) or a stockpile's cover or "
                + "release — the JSON a command prints with --json, or the API's answer holding one (a ledger entry, a stored run, a path "
                + "job, a what-if, a compare job). Its kind is told from its shape; anything else is refused (400) saying what was expected. "
                + "Or by reference, one key naming a stored record: {\"assessment\": ID}, {\"bulk_job\": ID}, {\"scenario_run\": ID}, "
                + "{\"whatif\": ID}, {\"path_job\": ID} or {\"compare_job\": ID}: the report of the record exactly as its GET (GET "
                + "/api/assessments/{id}, /api/bulk-jobs/{id}, /api/scenario-runs/{id}, /api/whatifs/{id}, /api/path-jobs/{id}, "
                + "/api/compare-jobs/{id}) answers the caller (the same 404 for a record not theirs), whatever its size; its SHA-256 is "
                + "that of the bytes the GET serves.",
                List.of(), new Route.Body("application/json", "the saved result (docs/report-format.md), or one key naming a stored record: "
                + "{\"assessment\": ID}, {\"bulk_job\": ID}, {\"scenario_run\": ID}, {\"whatif\": ID}, {\"path_job\": ID} or "
                + "{\"compare_job\": ID}"), "text/html", this::report));
    }

    private Object report(Call c) {
        JsonNode body = c.jsonBodyExact(); // figures exactly as sent: 4500.00 stays 4500.00
        Reference ref = reference(body);
        SavedResult saved;
        String html;
        try {
            if (ref != null) {
                long id = id(body, ref);
                // the GET's own answer, written as the GET writes it (Server.send): the bytes the report's SHA-256 describes
                String text = Server.json(ref.lookup().answer(c, id, ref.key()));
                saved = SavedResult.read(text.getBytes(StandardCharsets.UTF_8), "GET " + ref.route() + id).withPageFileOf(text);
            } else {
                String text = c.jsonBodyText();
                saved = SavedResult.of(body, "request body", SavedResult.sha256(text.getBytes(StandardCharsets.UTF_8))).withPageFileOf(text);
            }
            html = ResultReport.html(saved);
        } catch (ReportRefused e) {
            throw new ApiError(400, "not_a_result", e.getMessage(), e.field());
        }
        JsonNode idNode = (saved.wrapper() != null ? saved.wrapper() : saved.result()).path("id"); // a stored run's, a ledger entry's, a job's
        if (!idNode.isIntegralNumber()) idNode = saved.result().path("whatif_id"); // POST /api/compare's answer: the what-if it recorded
        String id = idNode.isIntegralNumber() ? "-" + idNode.asLong() : "";
        c.ctx.status(200).contentType("text/html; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"lodestone-report-" + saved.kind().key() + id + ".html\"")
                .header("Content-Security-Policy", CSP)
                .result(html);
        return Api.WRITTEN;
    }

    /**
     * The reference a body makes, or null for a saved result: a body with bulk_job, or with assessment that is not an object
     * (a ledger record holds its assessment as an object). Any other key beside it, or both, is refused.
     */
    private Reference reference(JsonNode body) {
        List<Reference> named = new ArrayList<>();
        for (Reference r : references) {
            JsonNode v = body.get(r.key());
            if (v != null && !v.isObject()) named.add(r);
        }
        if (named.isEmpty()) return null;
        if (named.size() > 1) {
            throw ApiError.badRequest(named.get(1).key(), String.join(", ", named.stream().map(Reference::key).toList()) + ": give one of them; "
                    + byReference());
        }
        Reference r = named.get(0);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equals(r.key())) continue;
            throw ApiError.badRequest(k, k + ": unknown key beside " + r.key() + "; " + byReference());
        }
        return r;
    }

    /** The reference's id: a whole number, as GET's path takes it (a negative one is no record: the GET's 404). */
    private static long id(JsonNode body, Reference r) {
        JsonNode v = body.get(r.key());
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        String s = v.isTextual() ? "\"" + v.textValue() + "\"" : v.toString();
        if (s.length() > 40) s = s.substring(0, 40) + "…";
        String was = v.isTextual() ? s + " is a text" : v.isIntegralNumber() ? s + " is too large" : v.isNumber() ? s + " is not a whole number"
                : s + " is not a number";
        throw ApiError.badRequest(r.key(), r.key() + ": " + was + "; expected " + r.what() + ", a whole number such as 12");
    }
}
