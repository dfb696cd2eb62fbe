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
        JsonNode doc = s.get("/api/openapi.json", null).json();
        JsonNode op = doc.at("/paths/~1api~1reports/post");
        assertThat(op.isMissingNode()).isFalse();
        assertThat(op.at("/responses/200/content").fieldNames().next()).isEqualTo("text/html");
        // the body: a reference (one of assessment, bulk_job, nothing else) or any saved result
        assertThat(op.at("/requestBody/content/application~1json/schema/anyOf/0/$ref").asText()).isEqualTo("#/components/schemas/ReportByReference");
        assertThat(op.at("/requestBody/content/application~1json/schema/anyOf/1/type").asText()).isEqualTo("object");
        JsonNode ref = doc.at("/components/schemas/ReportByReference");
        assertThat(ref.at("/properties/assessment/type").asText()).isEqualTo("integer");
        assertThat(ref.at("/properties/bulk_job/type").asText()).isEqualTo("integer");
        assertThat(ref.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(ref.get("maxProperties").asInt()).isEqualTo(1);
        assertThat(op.get("summary").asText()).contains("{\"assessment\": ID}");
    }

    // ------------------------------------------------------------------ by reference: {"assessment": ID}, {"bulk_job": ID}

    static String sha256(String text) {
        return lodestone.report.SavedResult.sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String row(String label, String value) {
        return "<tr><th scope=\"row\">" + label + "</th><td>" + value + "</td></tr>";
    }

    static String analyst(String name) {
        return s.post("/api/tokens", s.admin, Map.of("name", name, "role", "analyst")).json().get("secret").asText();
    }

    @Test
    void aLedgerRecordByReferenceIsReportedFromTheBytesItsGetServesAndStatesTheirSha256() {
        String jane = analyst("jane (by reference)");
        long id = s.post("/api/assessments", jane, COPPER).json().get("id").asLong();
        TestServer.Response r = s.request("POST", "/api/reports", jane, "{\"assessment\": " + id + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-assessment-" + id + ".html\"");
        assertThat(r.headers().get("content-security-policy")).containsExactly(ReportRoutes.CSP);
        String get = s.get("/api/assessments/" + id, jane).body();
        // the record's figures as stored, 4500.00 (read as doubles they were answered 4500.0): the report is of these
        assertThat(get).contains("\"total_duty\":4500.00,").doesNotContain("4500.0,");
        String version = s.get("/api/regime", jane).json().get("version").asText();
        // the ledger record as the server holds it: its id, who, the regime's version, what was declared
        assertThat(r.body()).contains("<h1>Assessment: 7408.11.60.00 from CL, entered 2026-03-02</h1>")
                .contains(row("Total duty", "$4,500.00"))
                .contains(row("Stored as (id)", String.valueOf(id)))
                .contains("<tr><th scope=\"row\">By</th><td>jane (by reference) (token #")
                .contains(row("Regime version", version))
                .contains(row("request: metal_content_value", "8000"))
                .contains(row("Read from", "GET /api/assessments/" + id))
                // the hash is of exactly the bytes GET /api/assessments/ID serves; the page's "Download JSON" (the same text
                // indented, a line break at the end) has its own, stated beside it
                .contains(row("SHA-256 of what was read", sha256(get)))
                .contains(row("SHA-256 as saved by Download JSON (indented)", sha256(lodestone.report.JsonIndent.pageFile(get))));
        assertThat(sha256(get)).isNotEqualTo(sha256(lodestone.report.JsonIndent.pageFile(get)));
        // GET's body posted as it is says the same hash: the report is of the same bytes either way
        TestServer.Response posted = s.request("POST", "/api/reports", jane, get);
        assertThat(posted.body()).contains(row("SHA-256 of what was read", sha256(get))).contains(row("Read from", "request body"));
        // the page's download posted (already indented): one hash, the file's, and no second one
        String file = lodestone.report.JsonIndent.pageFile(get);
        TestServer.Response fromFile = s.request("POST", "/api/reports", jane, file);
        assertThat(fromFile.body()).contains(row("SHA-256 of what was read", sha256(file))).doesNotContain("as saved by Download JSON");
    }

    /** An entry of n lines, each 2846.90.80.90 from CN worth $1,000 (a duty of $37.00), as compact JSON. */
    static String entryOf(int n) {
        StringBuilder b = new StringBuilder("{\"entry_date\":\"2026-03-02\",\"lines\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"hts\":\"2846.90.80.90\",\"origin\":\"CN\",\"customs_value\":1000,\"quantity\":500,\"unit\":\"kg\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void aCustomsEntryLargerThanABodyMayBeIsReportedByReference() {
        String entry = entryOf(740);
        assertThat(entry.length()).isLessThan(64 * 1024); // the test server's JSON limit (1 MiB in use)
        TestServer.Response made = s.request("POST", "/api/assessments", s.admin, entry);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long id = made.json().get("id").asLong();
        String get = s.get("/api/assessments/" + id, s.admin).body();
        assertThat(get.length()).isGreaterThan(1 << 20); // more than the limit of a JSON body in use, let alone the test server's
        // the record itself, posted, is refused for its size: the defect the reference mends
        assertThat(s.request("POST", "/api/reports", s.admin, get).status()).isEqualTo(413);
        TestServer.Response r = s.request("POST", "/api/reports", s.admin, "{\"assessment\": " + id + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-entry-" + id + ".html\"");
        assertThat(r.body()).contains("<h1>Customs entry: 740 lines, entered 2026-03-02</h1>")
                .contains(row("Total duty", "$27,380.00"))
                .contains(row("SHA-256 of what was read", sha256(get)));
    }

    @Test
    void aRecordTheCallerMayNotSeeIsAnsweredAsItsGetAnswersIt() {
        String owner = analyst("owner o"), other = analyst("other p");
        long id = s.post("/api/assessments", owner, COPPER).json().get("id").asLong();
        // another analyst: GET says 404 "no assessment ID in the ledger", and so does the report — the same as for an id never used
        TestServer.Response get = s.get("/api/assessments/" + id, other);
        assertThat(get.status()).isEqualTo(404);
        TestServer.Response r = s.request("POST", "/api/reports", other, "{\"assessment\": " + id + "}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.headers().get("content-type").getFirst()).startsWith("application/json");
        JsonNode e = r.json().get("error");
        assertThat(e.get("code").asText()).isEqualTo("not_found");
        assertThat(e.get("message").asText()).isEqualTo(get.json().get("error").get("message").asText()).isEqualTo("no assessment " + id + " in the ledger");
        assertThat(e.get("field").asText()).isEqualTo("assessment");
        long never = id + 100_000;
        TestServer.Response none = s.request("POST", "/api/reports", other, "{\"assessment\": " + never + "}");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("error").get("message").asText()).isEqualTo("no assessment " + never + " in the ledger");
        assertThat(s.request("POST", "/api/reports", other, "{\"assessment\": -1}").status()).isEqualTo(404);
        // the owner and an administrator see it; no token at all is the route's 401
        assertThat(s.request("POST", "/api/reports", owner, "{\"assessment\": " + id + "}").status()).isEqualTo(200);
        assertThat(s.request("POST", "/api/reports", s.admin, "{\"assessment\": " + id + "}").status()).isEqualTo(200);
        assertThat(s.request("POST", "/api/reports", null, "{\"assessment\": " + id + "}").status()).isEqualTo(401);
    }

    @Test
    void aBulkJobByReferenceIsReportedFromItsGetAndOnlyForWhoMaySeeIt() throws Exception {
        String owner = analyst("bulk owner");
        byte[] sample = s.get("/api/bulk-sample?lines=30", s.admin).body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long id = s.upload("/api/bulk-jobs?name=lot-ref.csv", owner, sample, null).json().get("id").asLong();
        assertThat(s.awaitJob(id, owner).get("status").asText()).isEqualTo("done");
        String get = s.get("/api/bulk-jobs/" + id, owner).body();
        TestServer.Response r = s.request("POST", "/api/reports", owner, "{\"bulk_job\": " + id + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-bulk-job-" + id + ".html\"");
        assertThat(r.body()).contains("<h1>Bulk assessment: lot-ref.csv (job #" + id + ")</h1>")
                .contains(row("Read from", "GET /api/bulk-jobs/" + id))
                .contains(row("SHA-256 of what was read", sha256(get)));
        TestServer.Response hidden = s.request("POST", "/api/reports", analyst("not the owner"), "{\"bulk_job\": " + id + "}");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().get("error").get("message").asText()).isEqualTo("no bulk job " + id);
        assertThat(hidden.json().get("error").get("field").asText()).isEqualTo("bulk_job");
    }

    @Test
    void aBadReferenceIsRefusedSayingWhatIsExpected() {
        String expected = "a report by reference takes one key: assessment (a ledger id, as GET /api/assessments/{id}) or bulk_job "
                + "(a bulk job's id, as GET /api/bulk-jobs/{id}), e.g. {\"assessment\": 12}";
        record Bad(String body, String field, String message) { }
        for (Bad b : java.util.List.of(
                new Bad("{\"assessment\": \"12\"}", "assessment", "assessment: \"12\" is a text; expected a ledger id, a whole number such as 12"),
                new Bad("{\"assessment\": 1.5}", "assessment", "assessment: 1.5 is not a whole number; expected a ledger id, a whole number such as 12"),
                new Bad("{\"assessment\": null}", "assessment", "assessment: null is not a number; expected a ledger id, a whole number such as 12"),
                new Bad("{\"assessment\": 99999999999999999999}", "assessment",
                        "assessment: 99999999999999999999 is too large; expected a ledger id, a whole number such as 12"),
                new Bad("{\"bulk_job\": [1]}", "bulk_job", "bulk_job: [1] is not a number; expected a bulk job's id, a whole number such as 12"),
                new Bad("{\"assessment\": 1, \"format\": \"pdf\"}", "format", "format: unknown key beside assessment; " + expected),
                new Bad("{\"id\": 1, \"bulk_job\": 1}", "id", "id: unknown key beside bulk_job; " + expected),
                new Bad("{\"assessment\": 1, \"bulk_job\": 2}", "bulk_job", "assessment, bulk_job: give one of them; " + expected))) {
            TestServer.Response r = s.request("POST", "/api/reports", s.admin, b.body());
            assertThat(r.status()).as(b.body()).isEqualTo(400);
            JsonNode e = r.json().get("error");
            assertThat(e.get("code").asText()).as(b.body()).isEqualTo("invalid_request");
            assertThat(e.get("field").asText()).as(b.body()).isEqualTo(b.field());
            assertThat(e.get("message").asText()).as(b.body()).isEqualTo(b.message());
        }
        // a ledger record holds its assessment as an object: read as a saved result, never as a reference
        TestServer.Response made = s.post("/api/assessments", s.admin, COPPER);
        assertThat(s.request("POST", "/api/reports", s.admin, made.body()).status()).isEqualTo(200);
    }

    @Test
    void aSavedResultPostedStatesTheSha256OfItsTextAndOfThePagesDownloadOfIt() {
        TestServer.Response run = s.post("/api/scenario-runs", s.admin, Map.of("scenario", "ndpr-floor-110"));
        String text = run.body();
        TestServer.Response r = s.request("POST", "/api/reports", s.admin, text);
        assertThat(r.body()).contains(row("SHA-256 of what was read", sha256(text)))
                .contains(row("SHA-256 as saved by Download JSON (indented)", sha256(lodestone.report.JsonIndent.pageFile(text))));
    }
}
