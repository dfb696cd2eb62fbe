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
        // the job, its download and its report say the regime's version the file was assessed under (the report handed to
        // finance said "Regime version: not recorded in this result", though the job is stored with it)
        String version = s.get("/api/regime", s.admin).json().get("version").asText();
        assertThat(job.get("regime_version").asText()).isEqualTo(version);
        assertThat(r.body()).contains(row("Regime version", version));
        TestServer.Response byRef = s.request("POST", "/api/reports", s.admin, "{\"bulk_job\": " + id + "}");
        assertThat(byRef.body()).contains(row("Regime version", version));
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
        for (String k : java.util.List.of("scenario_run", "whatif", "path_job", "compare_job")) {
            assertThat(ref.at("/properties/" + k + "/type").asText()).as(k).isEqualTo("integer");
        }
        assertThat(ref.at("/properties/whatif/description").asText()).startsWith("a recorded what-if's id, as GET /api/whatifs/{id}");
        assertThat(ref.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(ref.get("maxProperties").asInt()).isEqualTo(1);
        assertThat(op.get("summary").asText()).contains("{\"assessment\": ID}").contains("{\"whatif\": ID}").contains("{\"scenario_run\": ID}");
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
        String expected = "a report by reference takes one key: assessment (a ledger id, as GET /api/assessments/{id}), bulk_job "
                + "(a bulk job's id, as GET /api/bulk-jobs/{id}), scenario_run (a scenario run's id, as GET /api/scenario-runs/{id}), whatif "
                + "(a what-if's id, as GET /api/whatifs/{id}), path_job (a path job's id, as GET /api/path-jobs/{id}) or compare_job (a "
                + "compare job's id, as GET /api/compare-jobs/{id}), e.g. {\"assessment\": 12}";
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
                new Bad("{\"assessment\": 1, \"bulk_job\": 2}", "bulk_job", "assessment, bulk_job: give one of them; " + expected),
                new Bad("{\"whatif\": \"3\"}", "whatif", "whatif: \"3\" is a text; expected a what-if's id, a whole number such as 12"),
                new Bad("{\"compare_job\": 2.5}", "compare_job", "compare_job: 2.5 is not a whole number; expected a compare job's id, a whole number such as 12"),
                new Bad("{\"whatif\": 3, \"note\": \"x\"}", "note", "note: unknown key beside whatif; " + expected),
                new Bad("{\"scenario_run\": 1, \"whatif\": 2, \"path_job\": 3}", "whatif", "scenario_run, whatif, path_job: give one of them; " + expected))) {
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
    // ------------------------------------------------------------------ what-ifs, stored runs, jobs and stockpiles

    /** The 404 a report by reference answers for a record the caller may not see: the GET's own message, naming the body's key. */
    static void refusedAsItsGet(String token, String key, long id, String get, String message) {
        TestServer.Response g = s.get(get + id, token);
        assertThat(g.status()).isEqualTo(404);
        TestServer.Response r = s.request("POST", "/api/reports", token, "{\"" + key + "\": " + id + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        JsonNode e = r.json().get("error");
        assertThat(e.get("code").asText()).isEqualTo("not_found");
        assertThat(e.get("message").asText()).isEqualTo(g.json().get("error").get("message").asText()).isEqualTo(message);
        assertThat(e.get("field").asText()).isEqualTo(key);
    }

    @Test
    void aWhatIfOfAShipmentIsReportedFromItsAnswerAndByReferenceOnlyForWhoMaySeeIt() {
        String owner = analyst("what-if owner");
        Map<String, Object> body = new java.util.HashMap<>(COPPER);
        body.put("with", "date:2025-12-31");
        TestServer.Response made = s.post("/api/compare", owner, body);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long id = made.json().get("whatif_id").asLong();
        String la = made.json().at("/a/label").asText(), lb = made.json().at("/b/label").asText();
        assertThat(lb).endsWith(" on 2025-12-31");
        TestServer.Response posted = s.request("POST", "/api/reports", owner, made.body());
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        assertThat(posted.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-whatif-shipment-" + id + ".html\"");
        assertThat(posted.body()).contains("<h1>What-if: 7408.11.60.00 from CL, " + la + " against " + lb + "</h1>")
                .contains("<tr><td>Total duty</td><td class=\"n\">$4,500.00</td><td class=\"n\">$4,500.00</td><td class=\"n\">$0.00</td></tr>")
                // the same duty by other measures: the Section 122 surcharge on one date, the IEEPA baseline on the other
                .contains("<td>9903.03.01</td><td>additional-duty</td><td class=\"n\">$200.00</td><td class=\"n\">not applied</td><td class=\"n\">-$200.00</td></tr>")
                .contains("<td>9903.01.25</td><td>additional-duty</td><td class=\"n\">not applied</td><td class=\"n\">$200.00</td><td class=\"n\">+$200.00</td></tr>");
        // by reference: the recorded what-if as GET /api/whatifs/ID serves it
        TestServer.Response r = s.request("POST", "/api/reports", owner, "{\"whatif\": " + id + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-whatif-shipment-" + id + ".html\"");
        assertThat(r.headers().get("content-security-policy")).containsExactly(ReportRoutes.CSP);
        String get = s.get("/api/whatifs/" + id, owner).body();
        assertThat(r.body()).contains("<h1>What-if: 7408.11.60.00 from CL, " + la + " against " + lb + "</h1>")
                .contains(row("Stored as (id)", String.valueOf(id)))
                .contains(row("Kind", "shipment"))
                .contains(row("request: with", "date:2025-12-31"))
                .contains(row("Read from", "GET /api/whatifs/" + id))
                .contains(row("SHA-256 of what was read", sha256(get)));
        // another analyst: the GET's 404, and so for an id never used; an administrator sees it
        refusedAsItsGet(analyst("not the what-if's owner"), "whatif", id, "/api/whatifs/", "no what-if " + id);
        refusedAsItsGet(owner, "whatif", id + 100_000, "/api/whatifs/", "no what-if " + (id + 100_000));
        assertThat(s.request("POST", "/api/reports", s.admin, "{\"whatif\": " + id + "}").status()).isEqualTo(200);
    }

    @Test
    void aWhatIfOfAnEntryAndOfAFileAreReportedAndACompareJobByReference() throws Exception {
        String owner = analyst("entry what-if owner");
        String entry = "{\"entry_date\":\"2026-03-02\",\"with\":\"date:2025-12-31\",\"lines\":["
                + "{\"line_id\":\"1\",\"hts\":\"2846.90.80.90\",\"origin\":\"CN\",\"customs_value\":10000,\"quantity\":500,\"unit\":\"kg\"},"
                + "{\"line_id\":\"2\",\"hts\":\"7408.11.60.00\",\"origin\":\"CL\",\"customs_value\":10000,\"quantity\":1000,\"unit\":\"kg\",\"metal_content_value\":8000}]}";
        TestServer.Response made = s.request("POST", "/api/compare", owner, entry);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long id = made.json().get("whatif_id").asLong();
        TestServer.Response r = s.request("POST", "/api/reports", owner, "{\"whatif\": " + id + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-whatif-entry-" + id + ".html\"");
        assertThat(r.body()).contains("<body data-kind=\"whatif-entry\">")
                .contains("<tr><td>Total duty</td><td class=\"n\">$4,870.00</td><td class=\"n\">$5,870.00</td><td class=\"n\">+$1,000.00</td></tr>")
                .contains("<tr><td>1</td><td>2846.90.80.90</td><td>CN</td><td class=\"n\">$370.00</td><td class=\"n\">$1,370.00</td><td class=\"n\">+$1,000.00</td></tr>")
                .contains(row("Kind", "entry"));
        // a small file compared at once, reported by its recorded what-if
        byte[] sample = s.get("/api/bulk-sample?lines=30", owner).body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TestServer.Response file = s.upload("/api/compare-file?with=date:2025-06-01&top=5&name=lot-whatif.csv", owner, sample, null);
        assertThat(file.status()).as(file.body()).isEqualTo(201);
        long fid = file.json().get("whatif_id").asLong();
        TestServer.Response fr = s.request("POST", "/api/reports", owner, "{\"whatif\": " + fid + "}");
        assertThat(fr.status()).as(fr.body()).isEqualTo(200);
        JsonNode f = file.json();
        assertThat(fr.body()).contains("<h1>What-if of entry lines: lot-whatif.csv, " + f.get("a").asText() + " against " + f.get("b").asText() + "</h1>")
                .contains(row("Lines read", String.valueOf(f.get("lines").asLong())))
                .contains(row("Not compared", String.valueOf(f.get("not_comparable").asLong())))
                .doesNotContain("do not reconcile");
        // the answer itself posted is the same kind
        assertThat(s.request("POST", "/api/reports", owner, file.body()).body()).contains("<body data-kind=\"whatif-file\">");
        // the same file as a compare job, by reference: its result once done, as GET /api/compare-jobs/ID serves it
        long job = s.upload("/api/compare-jobs?with=date:2025-06-01&top=5&name=lot-job.csv", owner, sample, null).json().get("id").asLong();
        JsonNode done = CompareJobApiTest.awaitOn(s, job, owner);
        assertThat(done.get("status").asText()).isEqualTo("done");
        TestServer.Response jr = s.request("POST", "/api/reports", owner, "{\"compare_job\": " + job + "}");
        assertThat(jr.status()).as(jr.body()).isEqualTo(200);
        assertThat(jr.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-whatif-file-" + job + ".html\"");
        assertThat(jr.body()).contains("<h1>What-if of entry lines: lot-job.csv, ")
                .contains(row("File", "lot-job.csv"))
                .contains(row("Read from", "GET /api/compare-jobs/" + job))
                .contains(row("SHA-256 of what was read", sha256(s.get("/api/compare-jobs/" + job, owner).body())))
                // the job's totals are the file's compared at once
                .contains(row("Change (B − A)", fr.body().split(java.util.regex.Pattern.quote("<tr><th scope=\"row\">Change (B − A)</th><td>"))[1].split("<")[0]));
        refusedAsItsGet(analyst("not the job's owner"), "compare_job", job, "/api/compare-jobs/", "no compare job " + job);
    }

    @Test
    void aScenarioRunAndAPathJobAreReportedByReferenceOnlyForWhoMaySeeThem() throws Exception {
        String owner = analyst("run owner");
        long run = s.post("/api/scenario-runs", owner, Map.of("scenario", "ndpr-floor-110")).json().get("id").asLong();
        TestServer.Response r = s.request("POST", "/api/reports", owner, "{\"scenario_run\": " + run + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-scenario-run-" + run + ".html\"");
        assertThat(r.body()).contains("<tr><th scope=\"row\">Total welfare change</th><td>-51,219 thousand USD</td></tr>")
                .contains(row("Read from", "GET /api/scenario-runs/" + run))
                .contains(row("SHA-256 of what was read", sha256(s.get("/api/scenario-runs/" + run, owner).body())));
        refusedAsItsGet(analyst("not the run's owner"), "scenario_run", run, "/api/scenario-runs/", "no scenario run " + run);
        // a Monte Carlo path job: its result once done
        long job = s.post("/api/path-jobs", owner, Map.of("scenario", "gallium-2025-2035", "kind", "montecarlo", "draws", 5, "seed", 1,
                "metrics", java.util.List.of("price[US]"))).json().get("id").asLong();
        JsonNode j = null;
        for (int i = 0; i < 600; i++) {
            j = s.get("/api/path-jobs/" + job, owner).json();
            if (!j.get("status").asText().equals("queued") && !j.get("status").asText().equals("running")) break;
            Thread.sleep(100);
        }
        assertThat(j.get("status").asText()).as(j.toString()).isEqualTo("done");
        TestServer.Response pr = s.request("POST", "/api/reports", owner, "{\"path_job\": " + job + "}");
        assertThat(pr.status()).as(pr.body()).isEqualTo(200);
        assertThat(pr.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-montecarlo-" + job + ".html\"");
        assertThat(pr.body()).contains("<h1>Monte Carlo: gallium-2025-2035</h1>").contains(row("Draws", "5"))
                .contains(row("Read from", "GET /api/path-jobs/" + job))
                .contains(row("SHA-256 of what was read", sha256(s.get("/api/path-jobs/" + job, owner).body())));
        refusedAsItsGet(analyst("not the path job's owner"), "path_job", job, "/api/path-jobs/", "no path job " + job);
    }

    @Test
    void aStockpilesCoverAndReleaseComeBackAsReports() {
        TestServer.Response cover = s.get("/api/stockpiles/project-vault/cover?disruption=gallium-ban&months=13", s.admin);
        assertThat(cover.status()).as(cover.body()).isEqualTo(200);
        TestServer.Response r = s.request("POST", "/api/reports", s.admin, cover.body());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-stockpile-cover.html\"");
        JsonNode gallium = cover.json().get("lines").get(0);
        assertThat(gallium.get("mineral").asText()).isEqualTo("gallium");
        assertThat(r.body()).contains("<h1>Stockpile cover: project-vault, imports of US, in gallium-ban</h1>")
                .contains(row("Disruption", "gallium-ban for 13 months"))
                .contains("<tr><td>gallium</td><td class=\"n\">20,000</td><td>gallium</td>");
        TestServer.Response rel = s.post("/api/stockpiles/project-vault/release", s.admin, Map.of("mineral", "gallium", "disruption", "gallium-ban", "months", 13));
        assertThat(rel.status()).as(rel.body()).isEqualTo(200);
        TestServer.Response rr = s.request("POST", "/api/reports", s.admin, rel.body());
        assertThat(rr.status()).as(rr.body()).isEqualTo(200);
        assertThat(rr.headers().get("content-disposition").getFirst()).isEqualTo("attachment; filename=\"lodestone-report-stockpile-release.html\"");
        assertThat(rr.body()).contains("<h1>Coordinated release: gallium in gallium-ban (13 months from ")
                .contains("<th scope=\"col\" class=\"n\">project-vault (kg)</th>")
                .contains(row("SHA-256 of what was read", sha256(rel.body())));
    }
}
