package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /api/reports: the API's own answers (an assessment, its ledger entry, a scenario run) sent back as the HTML report to download. */
class ReportApiTest {
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    static final Map<String, Object> COPPER = Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02", "customs_value", 10000,
            "quantity", 1000, "unit", "kg", "metal_content_value", 8000);

    @Test
    void anAssessmentAndItsLedgerEntryComeBackAsAReportToDownloadThatRunsNoScript() {
        TestServer.Response made = s.post("/api/assessments", s.admin, COPPER);
        assertThat(made.status()).isEqualTo(201);
        long id = made.json().get("id").asLong();
        TestServer.Response r = s.request("POST", "/api/reports", s.admin, made.body());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-type").getFirst()).isEqualTo("text/html;charset=utf-8");
        assertThat(r.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-assessment-" + id + ".html\"");
        assertThat(r.headers().get("content-security-policy")).containsExactly("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox");
        assertThat(r.headers().get("x-content-type-options")).containsExactly("nosniff");
        assertThat(r.body()).contains("<h1>Assessment: 7408.11.60.00 from CL, entered 2026-03-02</h1>")
                .contains("<tr><th scope=\"row\">Total duty</th><td>$4,500.00</td></tr>")
                .contains("<tr><th scope=\"row\">Stored as (id)</th><td>" + id + "</td></tr>")
                .contains("<tr><th scope=\"row\">Read from</th><td>request body</td></tr>");
        // the ledger entry (GET /api/assessments/ID, the page's download) records the regime's version and what was declared
        TestServer.Response entry = s.get("/api/assessments/" + id, s.admin);
        String version = s.get("/api/regime", s.admin).json().get("version").asText();
        TestServer.Response re = s.request("POST", "/api/reports", s.admin, entry.body());
        assertThat(re.status()).isEqualTo(200);
        assertThat(re.body()).contains("<tr><th scope=\"row\">Regime version</th><td>" + version + "</td></tr>")
                .contains("<tr><th scope=\"row\">request: metal_content_value</th><td>8000</td></tr>")
                .contains("<tr><th scope=\"row\">By</th><td>");
    }

    @Test
    void aScenarioRunComesBackAsAReport() {
        TestServer.Response run = s.post("/api/scenario-runs", s.admin, Map.of("scenario", "ndpr-floor-110"));
        assertThat(run.status()).isEqualTo(201);
        TestServer.Response r = s.request("POST", "/api/reports", s.admin, run.body());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-disposition").getFirst())
                .isEqualTo("attachment; filename=\"lodestone-report-scenario-run-" + run.json().get("id").asLong() + ".html\"");
        assertThat(r.body()).contains("<tr><th scope=\"row\">Total welfare change</th><td>-51,219 thousand USD</td></tr>");
    }

    @Test
    void aBulkJobsSummaryComesBackAsAReport() throws Exception {
        byte[] sample = s.get("/api/bulk-sample?lines=30", s.admin).body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long id = s.upload("/api/bulk-jobs?name=lot.csv", s.admin, sample, null).json().get("id").asLong();
        JsonNode job = s.awaitJob(id, s.admin);
        assertThat(job.get("status").asText()).isEqualTo("done");
        TestServer.Response r = s.request("POST", "/api/reports", s.admin, job.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-bulk-job-" + id + ".html\"");
        assertThat(r.body()).contains("<h1>Bulk assessment: lot.csv (job #" + id + ")</h1>")
                .contains("<p>Lines done = assessed + prohibited + rejected: " + job.get("lines_done").asLong() + " = " + job.get("assessed").asLong()
                        + " + " + job.get("prohibited").asLong() + " + " + job.get("rejected").asLong() + ".")
                .doesNotContain("do not reconcile");
    }

    @Test
    void anythingElseIsRefusedInTheErrorShapeSayingWhatWasExpected() {
        TestServer.Response r = s.request("POST", "/api/reports", s.admin, "{\"M\": [[2]], \"q\": [-1]}");
        assertThat(r.status()).isEqualTo(400);
        JsonNode e = r.json().get("error");
        assertThat(e.get("code").asText()).isEqualTo("not_a_result");
        assertThat(e.get("message").asText()).startsWith("request body: not a result Lodestone reports on (an object with keys M, q); expected the JSON "
                + "of an assessment (lodestone assess --json)");
        assertThat(r.headers().get("content-type").getFirst()).startsWith("application/json");
        // a known result missing a figure: where
        TestServer.Response made = s.post("/api/assessments", s.admin, COPPER);
        String broken = made.body().replace("\"total_duty\":4500.00,", "\"total_duty\":\"lots\",");
        assertThat(broken).isNotEqualTo(made.body());
        TestServer.Response b = s.request("POST", "/api/reports", s.admin, broken);
        assertThat(b.status()).isEqualTo(400);
        assertThat(b.json().get("error").get("message").asText()).isEqualTo("request body: not a complete assessment: total_duty is a text; expected a number");
        assertThat(b.json().get("error").get("field").asText()).isEqualTo("total_duty");
        // not JSON, too large, not signed in: as every JSON route answers them
        assertThat(s.request("POST", "/api/reports", s.admin, "<html>").status()).isEqualTo(400);
        assertThat(s.request("POST", "/api/reports", s.admin, "{\"x\": \"" + "a".repeat(70 * 1024) + "\"}").status()).isEqualTo(413);
        assertThat(s.request("POST", "/api/reports", null, made.body()).status()).isEqualTo(401);
    }

    @Test
    void theRouteIsDescribed() {
        JsonNode op = s.get("/api/openapi.json", null).json().at("/paths/~1api~1reports/post");
        assertThat(op.isMissingNode()).isFalse();
        assertThat(op.at("/responses/200/content").fieldNames().next()).isEqualTo("text/html");
    }
}
