package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.report.ReportRefused;
import lodestone.report.ResultReport;
import lodestone.report.SavedResult;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static lodestone.server.Route.Access.ANALYST;

/**
 * {@code POST /api/reports}: a saved result (what a page's "Download JSON" saves, or a command's {@code --json}) answered
 * as the printable HTML report that {@code lodestone report} writes (docs/report-format.md). The body is read as every
 * JSON body is (size limit, duplicate keys refused); the answer is a download whose own Content-Security-Policy forbids
 * any script (sandboxed, nothing loaded from anywhere), so a hostile text in the result cannot run even if the escaping
 * missed it.
 */
final class ReportRoutes {
    /** The report's policy as a header: the page's own, plus what only a header can say. */
    static final String CSP = ResultReport.CSP + "; frame-ancestors 'none'; sandbox";

    private ReportRoutes() {
    }

    static List<Route> routes() {
        return List.of(new Route("POST", "/api/reports", ANALYST, "A saved result as a printable, self-contained HTML report to download (as "
                + "lodestone report): an assessment, a scenario run or path, a Monte Carlo run, a seek, a sensitivity, a valuation, a floor "
                + "comparison or a priority ranking — the JSON a command prints with --json, or the API's answer holding one (a ledger entry, "
                + "a stored run, a path job). Its kind is told from its shape; anything else is refused (400) saying what was expected.",
                List.of(), new Route.Body("application/json", "the saved result (docs/report-format.md)"), "text/html", ReportRoutes::report));
    }

    private static Object report(Call c) {
        JsonNode body = c.jsonBodyExact(); // figures exactly as sent: 4500.00 stays 4500.00
        SavedResult saved;
        String html;
        try {
            saved = SavedResult.of(body, "request body", SavedResult.sha256(c.jsonBodyText().getBytes(StandardCharsets.UTF_8)));
            html = ResultReport.html(saved);
        } catch (ReportRefused e) {
            throw new ApiError(400, "not_a_result", e.getMessage(), e.field());
        }
        JsonNode idNode = (saved.wrapper() != null ? saved.wrapper() : saved.result()).path("id"); // a stored run's, a ledger entry's, a job's
        String id = idNode.isIntegralNumber() ? "-" + idNode.asLong() : "";
        c.ctx.status(200).contentType("text/html; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"lodestone-report-" + saved.kind().key() + id + ".html\"")
                .header("Content-Security-Policy", CSP)
                .result(html);
        return Api.WRITTEN;
    }
}
