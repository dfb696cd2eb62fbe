package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client written from the OpenAPI description alone relies on: a wrong method is a 405 naming the right ones,
 * whatever a request makes says where to read it (Location), money is a number wherever an answer gives it, an
 * unknown thing is refused with one code and field wherever it is named, and no error names a file of the server.
 */
class ApiClientContractTest {
    static TestServer s;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        analyst = s.post("/api/tokens", s.admin, Map.of("name", "client", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    static final String TWO_LINES = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,content_quantity,content_unit,documents\n"
            + "ndpr-1,2846.90.20.40,CN,2026-03-02,60000,USD,1000,kg,1000,kg REO,assay-certificate\n"
            + "ree-2,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,,\n";

    @Test
    void aWrongMethodOnAnEndpointIs405NamingItsMethods() {
        TestServer.Response patch = s.request("PATCH", "/api/assessments", analyst, "{}");
        assertThat(patch.status()).as(patch.body()).isEqualTo(405);
        assertThat(patch.json().at("/error/code").asText()).isEqualTo("method_not_allowed");
        assertThat(patch.json().at("/error/message").asText()).isEqualTo("PATCH is not a method of /api/assessments; it answers GET, HEAD, OPTIONS, POST"
                + " (the endpoints are listed at /api/openapi.json)");
        assertThat(patch.headers().get("allow")).containsExactly("GET, HEAD, OPTIONS, POST");
        assertThat(s.request("PATCH", "/api/assessments/", analyst, "{}").status()).as("a trailing slash is the same path").isEqualTo(405);
        TestServer.Response delete = s.request("DELETE", "/api/assessments/5", analyst, null);
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.headers().get("allow")).containsExactly("GET, HEAD, OPTIONS");
        TestServer.Response put = s.request("PUT", "/api/tokens/3", s.admin, "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers().get("allow")).containsExactly("DELETE, OPTIONS");
        // a path no method answers is still "no such endpoint"
        TestServer.Response none = s.request("GET", "/api/assessments/5/nothing", analyst, null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().at("/error/code").asText()).isEqualTo("not_found");
        assertThat(none.json().at("/error/message").asText()).startsWith("no such endpoint: GET /api/assessments/5/nothing");
        assertThat(s.request("POST", "/api/nope", analyst, "{}").status()).isEqualTo(404);
    }

    /**
     * OPTIONS is a method every HTTP resource answers (RFC 9110 9.3.7): a gateway's health probe or a browser's CORS
     * preflight sends it without a token. It was a 405 on every route; now a 204 naming the route's methods in Allow, with
     * no CORS permission (the API serves its own pages only, so a preflight of another origin still fails in the browser).
     */
    @Test
    void optionsNamesTheMethodsOfARouteWithoutAToken() {
        TestServer.Response o = s.request("OPTIONS", "/api/assessments", null, null);
        assertThat(o.status()).as(o.body()).isEqualTo(204);
        assertThat(o.headers().get("allow")).containsExactly("GET, HEAD, OPTIONS, POST");
        assertThat(o.body()).isEmpty();
        assertThat(o.headers()).as("no content, no type").doesNotContainKey("content-type");
        assertThat(o.headers()).doesNotContainKey("access-control-allow-origin");
        TestServer.Response one = s.request("OPTIONS", "/api/tokens/3", null, null);
        assertThat(one.status()).isEqualTo(204);
        assertThat(one.headers().get("allow")).containsExactly("DELETE, OPTIONS");
        assertThat(s.request("OPTIONS", "/api/health/", null, null).headers().get("allow")).as("a trailing slash is the same path")
                .containsExactly("GET, HEAD, OPTIONS");
        // a path no method answers is still "no such endpoint"
        TestServer.Response none = s.request("OPTIONS", "/api/nope", null, null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().at("/error/code").asText()).isEqualTo("not_found");
        // and OPTIONS is among the methods a 405 names
        TestServer.Response patch = s.request("PATCH", "/api/stockpiles/project-vault/events", analyst, "{}");
        assertThat(patch.status()).isEqualTo(405);
        assertThat(patch.headers().get("allow")).containsExactly("GET, HEAD, OPTIONS, POST");
    }

    /** A what-if is recorded by POST /api/compare and /api/compare-file: 201 and its Location, as every other record. */
    @Test
    void aWhatIfSaysWhereItWasRecorded() {
        TestServer.Response one = s.post("/api/compare", analyst, Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
                "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000, "with", "date:2025-06-01"));
        assertThat(one.status()).as(one.body()).isEqualTo(201);
        assertThat(one.headers().get("location")).containsExactly("/api/whatifs/" + one.json().get("whatif_id").asLong());
        assertThat(s.get(one.headers().get("location").get(0), analyst).json().get("id").asLong()).isEqualTo(one.json().get("whatif_id").asLong());
        TestServer.Response file = s.upload("/api/compare-file?with=date:2025-12-31&name=two.csv", analyst, TWO_LINES.getBytes(StandardCharsets.UTF_8), null);
        assertThat(file.status()).as(file.body()).isEqualTo(201);
        assertThat(file.headers().get("location")).containsExactly("/api/whatifs/" + file.json().get("whatif_id").asLong());
        JsonNode paths = s.get("/api/openapi.json", null).json().get("paths");
        assertThat(paths.at("/~1api~1compare/post/responses/201/headers/Location/description").asText())
                .isEqualTo("where what was made is read back: /api/whatifs/{whatif_id}");
        assertThat(paths.at("/~1api~1compare-file/post/responses/201/headers/Location").isObject()).isTrue();
        assertThat(paths.at("/~1api~1compare/post/responses").has("200")).isFalse();
    }

    /** A stockpile's events page as the other lists do: limit, cursor and Next-Cursor, in the ledger's order. */
    @Test
    void aStockpilesEventsArePagedByTheListsCursor() {
        String name = "paged-reserve";
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        events.add(Map.of("date", "2026-01-15", "type", "funding", "source", "government", "amount", 50000000));
        for (int i = 1; i <= 4; i++) {
            events.add(Map.of("date", "2026-02-0" + i, "type", "acquisition", "mineral", "gallium", "quantity", 100, "price", 900));
        }
        assertThat(s.post("/api/stockpiles/" + name + "/events", s.admin, Map.of("events", events)).status()).isEqualTo(201);
        TestServer.Response all = s.get("/api/stockpiles/" + name + "/events", analyst);
        assertThat(all.json().get("events")).hasSize(5);
        assertThat(all.headers()).doesNotContainKey("next-cursor");
        TestServer.Response first = s.get("/api/stockpiles/" + name + "/events?limit=2", analyst);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("events").findValues("number").stream().map(JsonNode::asInt).toList()).containsExactly(1, 2);
        String cursor = first.headers().get("next-cursor").get(0);
        TestServer.Response second = s.get("/api/stockpiles/" + name + "/events?limit=2&cursor=" + cursor, analyst);
        assertThat(second.json().get("events").findValues("number").stream().map(JsonNode::asInt).toList()).containsExactly(3, 4);
        TestServer.Response last = s.get("/api/stockpiles/" + name + "/events?limit=2&cursor=" + second.headers().get("next-cursor").get(0), analyst);
        assertThat(last.json().get("events").findValues("number").stream().map(JsonNode::asInt).toList()).containsExactly(5);
        assertThat(last.headers()).doesNotContainKey("next-cursor");
        // another list's cursor, or another ledger's, is refused at cursor
        TestServer.Response other = s.get("/api/stockpiles/project-vault/events?cursor=" + cursor, analyst);
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().at("/error/field").asText()).isEqualTo("cursor");
        assertThat(other.json().at("/error/message").asText()).isEqualTo("cursor: this cursor continues another list (GET /api/stockpiles/"
                + name + "/events), not GET /api/stockpiles/project-vault/events; leave cursor out to start this list from its first item");
        assertThat(s.get("/api/stockpiles/" + name + "/events?limit=0", analyst).status()).isEqualTo(400);
        JsonNode op = s.get("/api/openapi.json", null).json().at("/paths/~1api~1stockpiles~1{name}~1events/get");
        assertThat(op.at("/responses/200/headers/Next-Cursor").isObject()).isTrue();
        assertThat(op.get("parameters").findValues("name").stream().map(JsonNode::asText).toList()).contains("limit", "cursor");
    }

    /** The server's refusal of an unknown column says what its user can do (it has no --ignore-unknown). */
    @Test
    void anUnknownColumnIsRefusedInTheServersWords() throws Exception {
        String file = TWO_LINES.replace("documents\n", "documents,colour\n").replace("assay-certificate\n", "assay-certificate,red\n")
                .replace(",,,\n", ",,,,blue\n");
        String expected = "unknown column(s) colour; expected only line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,"
                + "content_quantity,content_unit,export_country,producer,importer,documents,preference,loaded_date,us_content_value,"
                + "metal_content_value,production_regions,end_use; delete the column or rename it to one of these and send the file "
                + "again (the server reads no column the format does not define)";
        TestServer.Response now = s.upload("/api/compare-file?with=date:2025-12-31&name=colour.csv", analyst, file.getBytes(StandardCharsets.UTF_8), null);
        assertThat(now.status()).as(now.body()).isEqualTo(400);
        assertThat(now.json().at("/error/message").asText()).isEqualTo("colour.csv:1: " + expected);
        TestServer.Response bulk = s.upload("/api/bulk-jobs?name=colour.csv", analyst, file.getBytes(StandardCharsets.UTF_8), null);
        JsonNode job = s.awaitJob(bulk.json().get("id").asLong(), analyst);
        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("error").asText()).isEqualTo("colour.csv:1: " + expected);
        // a JSON Lines file's unknown field: the line is rejected with the same advice
        String jsonl = "{\"line_id\": \"a\", \"hts\": \"7408.11.60\", \"origin\": \"CL\", \"entry_date\": \"2026-03-02\", "
                + "\"customs_value\": 10000, \"quantity\": 1000, \"unit\": \"kg\", \"colour\": \"red\"}\n";
        TestServer.Response lines = s.upload("/api/bulk-jobs?name=colour.jsonl", analyst, jsonl.getBytes(StandardCharsets.UTF_8), null);
        s.awaitJob(lines.json().get("id").asLong(), analyst);
        String rejects = s.get("/api/bulk-jobs/" + lines.json().get("id").asLong() + "/rejects", analyst).body();
        assertThat(rejects).contains("unknown field; expected line_id, hts, origin, entry_date, customs_value")
                .contains("; delete the field or rename it to one of these and send the file again (the server reads no field the format does not define)")
                .doesNotContain("--ignore-unknown");
    }

    /**
     * The format of an uploaded file follows its name; a JSON Lines file sent without a name (a client that says
     * Content-Type: application/x-ndjson) was read as CSV: compare-file answered "text after a closing quote in the
     * header" and a bulk job was accepted (202) only to fail. Now refused at once, at field name, saying what to send.
     */
    @Test
    void aJsonLinesFileReadAsCsvByItsNameIsRefusedAtName() {
        byte[] jsonl = ("{\"line_id\": \"a\", \"hts\": \"7408.11.60\", \"origin\": \"CL\", \"entry_date\": \"2026-03-02\", "
                + "\"customs_value\": 10000, \"quantity\": 1000, \"unit\": \"kg\"}\n").getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/api/bulk-jobs", "/api/compare-file?with=date:2025-12-31", "/api/compare-jobs?with=date:2025-12-31")) {
            TestServer.Response r = s.postAs(path, analyst, jsonl, "application/x-ndjson");
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo("name");
            assertThat(r.json().at("/error/message").asText()).isEqualTo("name: the file is JSON Lines (its first line is a JSON object) but "
                    + "is read as CSV by its name upload.csv (the name given when none is); name it as JSON Lines, ?name=entries.jsonl "
                    + "(or .ndjson) — nothing was stored");
        }
        TestServer.Response named = s.upload("/api/compare-file?with=date:2025-12-31&name=one.csv", analyst, jsonl, null);
        assertThat(named.json().at("/error/message").asText()).startsWith("name: the file is JSON Lines (its first line is a JSON object) "
                + "but is read as CSV by its name one.csv; name it");
        assertThat(s.upload("/api/compare-file?with=date:2025-12-31&name=one.jsonl", analyst, jsonl, null).status()).isEqualTo(201);
    }

    @Test
    void whatARequestMakesSaysWhereToReadIt() throws Exception {
        TestServer.Response a = s.post("/api/assessments", analyst, ApiTest.COPPER);
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.headers().get("location")).containsExactly("/api/assessments/" + a.json().get("id").asLong());
        assertThat(s.get(a.headers().get("location").get(0), analyst).json().get("id").asLong()).isEqualTo(a.json().get("id").asLong());

        TestServer.Response run = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110"));
        assertThat(run.status()).isEqualTo(201);
        assertThat(run.headers().get("location")).containsExactly("/api/scenario-runs/" + run.json().get("id").asLong());

        TestServer.Response path = s.post("/api/scenario-paths", analyst, Map.of("scenario", "ndpr-2025-2040"));
        assertThat(path.status()).as(path.body()).isEqualTo(201);
        assertThat(path.headers().get("location")).as("a path is stored as a scenario run").containsExactly("/api/scenario-runs/" + path.json().get("id").asLong());
        assertThat(s.get("/api/scenario-runs/" + path.json().get("id").asLong(), analyst).status()).isEqualTo(200);

        byte[] file = TWO_LINES.getBytes(StandardCharsets.UTF_8);
        TestServer.Response bulk = s.upload("/api/bulk-jobs?name=two.csv", analyst, file, "loc-1");
        assertThat(bulk.status()).isEqualTo(202);
        String bulkAt = "/api/bulk-jobs/" + bulk.json().get("id").asLong();
        assertThat(bulk.headers().get("location")).containsExactly(bulkAt);
        TestServer.Response again = s.upload("/api/bulk-jobs?name=two.csv", analyst, file, "loc-1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers().get("location")).as("the duplicate is the earlier job, where it is").containsExactly(bulkAt);
        s.awaitJob(bulk.json().get("id").asLong(), analyst);

        TestServer.Response cmp = s.upload("/api/compare-jobs?with=date:2025-12-31&name=two.csv", analyst, file, null);
        assertThat(cmp.status()).isEqualTo(202);
        assertThat(cmp.headers().get("location")).containsExactly("/api/compare-jobs/" + cmp.json().get("id").asLong());

        TestServer.Response job = s.post("/api/path-jobs", analyst, Map.of("scenario", "ndpr-2025-2040", "kind", "sensitivity",
                "metric", "club_supply_share", "year", 2030));
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        assertThat(job.headers().get("location")).containsExactly("/api/path-jobs/" + job.json().get("id").asLong());

        TestServer.Response events = s.post("/api/stockpiles/project-vault/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2027-01-05", "type", "release", "mineral", "gallium", "quantity", 1000, "price", 900))));
        assertThat(events.status()).as(events.body()).isEqualTo(201);
        assertThat(events.headers().get("location")).containsExactly("/api/stockpiles/project-vault");

        // an error makes nothing: no Location
        TestServer.Response bad = s.post("/api/assessments", analyst, Map.of("hts", "7408.11.60"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.headers().get("location")).isNull();
    }

    @Test
    void theDescriptionSaysTheLocationsAndOnlyUploadsHaveDuplicates() {
        JsonNode paths = s.get("/api/openapi.json", null).json().get("paths");
        assertThat(paths.at("/~1api~1assessments/post/responses/201/headers/Location/description").asText())
                .isEqualTo("where what was made is read back: /api/assessments/{id}");
        assertThat(paths.at("/~1api~1bulk-jobs/post/responses/202/headers/Location").isObject()).isTrue();
        assertThat(paths.at("/~1api~1bulk-jobs/post/responses/200/headers/Location").isObject()).isTrue();
        assertThat(paths.at("/~1api~1compare-jobs/post/responses/200").isObject()).isTrue();
        assertThat(paths.at("/~1api~1path-jobs/post/responses/202/headers/Location").isObject()).isTrue();
        assertThat(paths.at("/~1api~1path-jobs/post/responses").has("200")).as("a path job has no Idempotency-Key: no duplicate answer").isFalse();
        assertThat(paths.at("/~1api~1tokens/post/responses/201").has("headers")).as("a token cannot be read back").isFalse();
        // every operation describes its faults too, in the error shape
        paths.forEach(item -> item.forEach(op -> assertThat(op.at("/responses/5XX/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Error")));
    }

    @Test
    void aFileWhatIfGivesEachLinesDutiesAsNumbers() throws Exception {
        TestServer.Response r = s.upload("/api/compare-file?with=date:2025-12-31&name=two.csv", analyst, TWO_LINES.getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode top = r.json().get("top");
        assertThat(top).hasSize(2);
        assertThat(top.get(0).get("line_id").asText()).isEqualTo("ndpr-1");
        assertThat(top.get(0).get("a").isNumber()).as(top.toString()).isTrue();
        assertThat(top.get(0).get("b").isNumber()).isTrue();
        assertThat(top.get(0).get("a").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(top.get(0).get("b").decimalValue()).isEqualByComparingTo("6000.00");
        assertThat(top.get(1).get("a").decimalValue()).isEqualByComparingTo("370.00");
        assertThat(top.get(1).get("b").decimalValue()).isEqualByComparingTo("1370.00");
        for (JsonNode l : top) {
            assertThat(l.get("b").decimalValue().subtract(l.get("a").decimalValue())).isEqualByComparingTo(l.get("change").decimalValue());
        }
        // the recorded what-if answers the same numbers
        JsonNode w = s.get("/api/whatifs/" + r.json().get("whatif_id").asLong(), analyst).json();
        assertThat(w.at("/result/top/0/a").isNumber()).isTrue();
        assertThat(w.at("/result/top/0/b").decimalValue()).isEqualByComparingTo("6000.00");
        // and as they were answered: 6000.00, not a double's 6000.0 (read back exactly, the stored text's own digits)
        JsonNode exact = TestServer.JSON.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .readTree(s.get("/api/whatifs/" + r.json().get("whatif_id").asLong(), analyst).body());
        assertThat(exact.at("/result/top/0/b").decimalValue().toPlainString()).isEqualTo("6000.00");
    }

    @Test
    void aWhatIfRecordedWithStringDutiesIsReadBackWithNumbers() throws Exception {
        String old = "{\"a\": \"bundled\", \"b\": \"bundled on 2025-12-31\", \"lines\": 1, \"changed\": 1, \"not_comparable\": 0, \"total_a\": 370.00,"
                + " \"total_b\": 1370.00, \"total_change\": 1000.00, \"top\": [{\"line_id\": \"ree-2\", \"hts\": \"2846.90.80.90\", \"origin\": \"CN\","
                + " \"a\": \"370.00\", \"b\": \"1370.00\", \"change\": 1000.00}]}";
        // recorded as a release before the answers were kept as written did: the JSON as a jsonb object (only such a release
        // wrote string duties; one recorded now is read back as the bytes it answered)
        long id;
        try (java.sql.Connection c = OnCallReviewTest.superuser(s); java.sql.PreparedStatement ps = c.prepareStatement(
                "insert into whatif (actor, owner, kind, regime, compared_with, subject, job_id, total_a, total_b, difference, request, result)"
                        + " values ('administrator (token #1)', 1, 'file', 'bundled', 'bundled on 2025-12-31', 'old.csv', null, 370.00, 1370.00,"
                        + " 1000.00, ?::jsonb, ?::jsonb) returning id")) {
            ps.setString(1, "{\"with\": \"date:2025-12-31\"}");
            ps.setString(2, old);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        JsonNode got = s.get("/api/whatifs/" + id, s.admin).json();
        assertThat(got.at("/result/top/0/a").isNumber()).as(got.toString()).isTrue();
        assertThat(got.at("/result/top/0/a").decimalValue()).isEqualByComparingTo("370.00");
        assertThat(got.at("/result/top/0/b").decimalValue()).isEqualByComparingTo("1370.00");
        assertThat(got.at("/result/a").asText()).as("the sides' names stay strings").isEqualTo("bundled");
    }

    @Test
    void anUnknownHtsCodeIsUnknownCodeWhereverItIsNamed() {
        TestServer.Response tree = s.get("/api/regime/tree?code=9999.99", analyst);
        TestServer.Response code = s.get("/api/regime/codes/9999.99", analyst);
        assertThat(tree.status()).isEqualTo(404);
        assertThat(code.status()).isEqualTo(404);
        assertThat(tree.json().at("/error/code").asText()).isEqualTo("unknown_code").isEqualTo(code.json().at("/error/code").asText());
        assertThat(tree.json().at("/error/field").asText()).isEqualTo("code");
        assertThat(tree.json().at("/error/message").asText()).isEqualTo(code.json().at("/error/message").asText())
                .startsWith("unknown HTS code \"9999.99\"; nearest codes: ");
    }

    @Test
    void anAgreementWithoutRulesOfOriginIsRefusedWithoutNamingAFile() {
        TestServer.Response r = s.get("/api/origin/rules/850511?agreement=nope", analyst);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().at("/error/field").asText()).isEqualTo("agreement");
        assertThat(r.json().at("/error/message").asText())
                .isEqualTo("no rules of origin for agreement \"nope\" in the active regime; agreements with rules: cafta-dr");
        TestServer.Response check = s.post("/api/origin/check?agreement=nope", analyst, Map.of("product", Map.of()));
        assertThat(check.status()).isEqualTo(404);
        assertThat(check.json().at("/error/message").asText()).doesNotContain(".yaml").doesNotContain("generated/");
    }

    @Test
    void historyIsNewestFirstByInstantNotByText() {
        List<Map<String, Object>> items = new java.util.ArrayList<>(List.of(
                new java.util.LinkedHashMap<>(Map.of("kind", "assessment", "id", 1L, "at", "2026-12-05T09:33:21Z")),
                new java.util.LinkedHashMap<>(Map.of("kind", "assessment", "id", 2L, "at", "2026-12-05T09:33:21.3214Z")),
                new java.util.LinkedHashMap<>(Map.of("kind", "bulk-job", "id", 7L, "at", "2026-12-05T09:33:21.32141Z")),
                new java.util.LinkedHashMap<>(Map.of("kind", "scenario-run", "id", 3L, "at", "2026-12-05T09:33:21.5Z")),
                new java.util.LinkedHashMap<>(Map.of("kind", "assessment", "id", 4L, "at", "2026-12-05T09:33:21.5Z")),
                new java.util.LinkedHashMap<>(Map.of("kind", "assessment", "id", 5L, "at", "2026-12-05T09:33:21.5Z"))));
        Api.newestFirst(items);
        // as text, "21Z" sorted after every "21.…Z" and ".3214Z" after ".32141Z"
        assertThat(items.stream().map(m -> m.get("kind") + "#" + m.get("id")).toList())
                .containsExactly("assessment#5", "assessment#4", "scenario-run#3", "bulk-job#7", "assessment#2", "assessment#1");
    }

    @Test
    void aValuationRefusesAKeyItDoesNotTake() {
        TestServer.Response r = s.post("/api/valuations", analyst, Map.of("project", "arafura-nolans", "flor", "110", "paths", 100));
        assertThat(r.status()).as("a misspelt floor was valued as no support").isEqualTo(400);
        assertThat(r.json().at("/error/field").asText()).isEqualTo("flor");
        assertThat(r.json().at("/error/message").asText()).isEqualTo("flor: unknown key; expected project, floor, upside_share, cfd, "
                + "offtake, ebitda_floor, support_years, paths, seed, dscr, files");
        assertThat(s.post("/api/valuations", analyst, Map.of("project", "arafura-nolans", "floor", "110", "paths", 100)).status()).isEqualTo(200);
    }

    @Test
    void aMonteCarloJobTakesWholeNumbersOnly() {
        for (Object[] bad : new Object[][]{{"seed", "x", "seed: expected a whole number, found \"x\""}, {"seed", 1.5, "seed: expected a whole number, found 1.5"},
                {"draws", 10.7, "draws: expected a whole number from 1 to 1,000,000"}, {"draws", "10", "draws: expected a whole number from 1 to 1,000,000"}}) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("scenario", "ndpr-2025-2040", "kind", "montecarlo", "draws", 10));
            body.put((String) bad[0], bad[1]);
            TestServer.Response r = s.post("/api/path-jobs", analyst, body);
            assertThat(r.status()).as(body + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo(bad[0]);
            assertThat(r.json().at("/error/message").asText()).isEqualTo(bad[2]);
        }
    }

    @Test
    void anEntryFieldOfTheWrongJsonTypeIsRefusedNamingIt() {
        record Bad(String field, Object value, String message) { }
        for (Bad bad : List.of(
                new Bad("hts", Map.of("a", 1), "hts: expected a text or a number, found an object"),
                new Bad("hts", List.of("7408.11.60"), "hts: expected a text or a number, found an array"),
                new Bad("origin", true, "origin: expected a text or a number, found true"),
                new Bad("documents", List.of(Map.of("x", 1)), "documents: expected an array of texts, found object {\"x\":1}"))) {
            Map<String, Object> body = new java.util.HashMap<>(ApiTest.COPPER);
            body.put(bad.field(), bad.value());
            TestServer.Response r = s.post("/api/assessments", analyst, body);
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo(bad.field());
            assertThat(r.json().at("/error/message").asText()).isEqualTo(bad.message());
        }
        Map<String, Object> listed = new java.util.HashMap<>(ApiTest.COPPER);
        listed.put("documents", List.of("assay-certificate", "mill-certificate"));
        assertThat(s.post("/api/assessments", analyst, listed).status()).as("documents may be an array of texts").isEqualTo(201);
    }

    @Test
    void aNameOrIdInThePathThatIsNotThereIs404NamingTheParameter() throws Exception {
        Map<String, String> paths = new java.util.LinkedHashMap<>();
        paths.put("/api/assessments/999999", "id");
        paths.put("/api/whatifs/999999", "id");
        paths.put("/api/bulk-jobs/999999", "id");
        paths.put("/api/bulk-jobs/999999/results", "id");
        paths.put("/api/compare-jobs/999999", "id");
        paths.put("/api/scenario-runs/999999", "id");
        paths.put("/api/path-jobs/999999", "id");
        paths.put("/api/agreements/nope", "id");
        paths.put("/api/scenarios/nope", "name");
        paths.put("/api/projects/nope", "id");
        paths.put("/api/projects/nope/screening", "id");
        paths.put("/api/floors/nope", "market");
        paths.put("/api/rankings/nope", "market");
        paths.put("/api/stockpiles/nope", "name");
        paths.put("/api/stockpiles/nope/events", "name");
        for (var e : paths.entrySet()) {
            TestServer.Response r = s.get(e.getKey(), analyst);
            assertThat(r.status()).as(e.getKey()).isEqualTo(404);
            assertThat(r.json().at("/error/code").asText()).as(e.getKey()).isEqualTo("not_found");
            assertThat(r.json().at("/error/field").asText()).as(e.getKey()).isEqualTo(e.getValue());
        }
        TestServer.Response revoke = s.delete("/api/tokens/999999", s.admin);
        assertThat(revoke.status()).isEqualTo(404);
        assertThat(revoke.json().at("/error/field").asText()).isEqualTo("id");
        // a name in the body is a field of the request: 400 naming it, as an unknown scenario in a body is
        TestServer.Response val = s.post("/api/valuations", analyst, Map.of("project", "nope"));
        assertThat(val.status()).isEqualTo(400);
        assertThat(val.json().at("/error/field").asText()).isEqualTo("project");
        assertThat(val.json().at("/error/message").asText()).isEqualTo("project: no project 'nope'; GET /api/projects lists them");
        assertThat(s.post("/api/scenario-runs", analyst, Map.of("scenario", "nope")).json().at("/error/field").asText()).isEqualTo("scenario");
    }

    @Test
    void headAnswersTheStatusGetWould() {
        long id = s.post("/api/assessments", analyst, ApiTest.COPPER).json().get("id").asLong();
        assertThat(s.request("HEAD", "/api/assessments/" + id, null, null).status()).as("no token").isEqualTo(401);
        assertThat(s.request("HEAD", "/api/tokens", analyst, null).status()).as("an analyst").isEqualTo(403);
        assertThat(s.request("HEAD", "/api/assessments/999999", analyst, null).status()).isEqualTo(404);
        TestServer.Response ok = s.request("HEAD", "/api/assessments/" + id, analyst, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEmpty();
        assertThat(ok.headers().get("content-type")).containsExactly("application/json");
        assertThat(s.request("HEAD", "/api/health", null, null).status()).isEqualTo(200);
    }

    @Test
    void aRunWithoutEquilibriumIsRefusedInTheErrorShapeWithTheStoredRunBeside() {
        String text = "scenario: short\nmineral: gallium\nunits: {quantity: t, price: USD/kg}\nreference_price: 10\nregions:\n"
                + "  - id: A\n    aggregate: true\n    countries: [US]\n    supply: {type: steps, steps: [{name: mine, cost: 5, capacity: 50}]}\n"
                + "    demand: {type: fixed, quantity: 100}\n";
        TestServer.Response r = s.post("/api/scenario-runs", analyst, Map.of("text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().at("/error/code").asText()).as("error was the run's text: no code").isEqualTo("no_equilibrium");
        assertThat(r.json().at("/error/message").asText()).startsWith("no equilibrium found").contains("unbounded along: price in A");
        assertThat(r.json().at("/error/field").isNull()).isTrue();
        assertThat(r.json().get("status").asText()).isEqualTo("failed");
        assertThat(r.headers().get("location")).isNull();
        JsonNode stored = s.get("/api/scenario-runs/" + r.json().get("id").asLong(), analyst).json();
        assertThat(stored.get("status").asText()).isEqualTo("failed");
        assertThat(stored.get("error").asText()).as("the stored run keeps its reason as text").isEqualTo(r.json().at("/error/message").asText());
        JsonNode op = s.get("/api/openapi.json", null).json().at("/paths/~1api~1scenario-runs/post/responses/422");
        assertThat(op.at("/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/Error");
    }

    // ------------------------------------------------------------------ paging, created_at, bodies that are not JSON

    /** Every item of a list, page by page with ?limit=&cursor=, failing on a repeat; the pages' sizes in {@code sizes}. */
    static List<JsonNode> allPages(String path, String token, int limit, List<Integer> sizes, Runnable betweenPages) {
        List<JsonNode> out = new java.util.ArrayList<>();
        String cursor = null;
        for (int i = 0; i < 1000; i++) {
            TestServer.Response r = s.get(path + (path.contains("?") ? "&" : "?") + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().isArray()).as("the body stays the list it was").isTrue();
            sizes.add(r.json().size());
            r.json().forEach(out::add);
            List<String> next = r.headers().get("next-cursor");
            if (next == null) return out;
            assertThat(r.json().size()).as("only a full page has a next one").isEqualTo(limit);
            cursor = next.get(0);
            if (betweenPages != null) betweenPages.run();
        }
        throw new AssertionError("no last page");
    }

    static List<String> keys(List<JsonNode> items) {
        return items.stream().map(n -> n.path("kind").asText("") + "#" + n.get("id").asLong()).toList();
    }

    @Test
    void everyListIsPagedByItsCursorNewestFirstWithoutSkippingOrRepeatingWhileRecordsAreAdded() throws Exception {
        String pager = s.post("/api/tokens", s.admin, Map.of("name", "pager", "role", "analyst")).json().get("secret").asText();
        for (int i = 0; i < 7; i++) assertThat(s.post("/api/assessments", pager, ApiTest.COPPER).status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            assertThat(s.post("/api/compare", pager, Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
                    "customs_value", 10000 + i, "quantity", 1000, "unit", "kg", "metal_content_value", 8000, "with", "date:2025-06-01")).status())
                    .isEqualTo(201);
            assertThat(s.post("/api/scenario-runs", pager, Map.of("scenario", "ndpr-floor-110")).status()).isEqualTo(201);
        }
        List<Long> compareJobs = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            byte[] file = (TWO_LINES + "x-" + i + ",2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,,\n").getBytes(StandardCharsets.UTF_8);
            TestServer.Response bulk = s.upload("/api/bulk-jobs?name=p" + i + ".csv", pager, file, null);
            assertThat(bulk.status()).isEqualTo(202);
            s.awaitJob(bulk.json().get("id").asLong(), pager);
            TestServer.Response cmp = s.upload("/api/compare-jobs?with=date:2025-12-31&name=p" + i + ".csv", pager, file, null);
            assertThat(cmp.status()).isEqualTo(202);
            compareJobs.add(cmp.json().get("id").asLong());
        }
        // a compare job records a what-if when it is done: wait, so that the lists below stay as they are
        for (long id : compareJobs) {
            for (int i = 0; i < 600 && !s.get("/api/compare-jobs/" + id, pager).json().get("status").asText().matches("done|failed"); i++) {
                Thread.sleep(100);
            }
        }

        // each list: page by page (two at a time, one at a time) is the whole list, in the same order, once each
        for (String list : List.of("/api/assessments", "/api/whatifs", "/api/scenario-runs", "/api/bulk-jobs", "/api/compare-jobs", "/api/runs")) {
            List<JsonNode> whole = new java.util.ArrayList<>();
            s.get(list + "?limit=500", pager).json().forEach(whole::add);
            assertThat(whole).as(list).hasSizeGreaterThanOrEqualTo(2);
            for (int limit : List.of(1, 2)) {
                List<Integer> sizes = new java.util.ArrayList<>();
                assertThat(keys(allPages(list, pager, limit, sizes, null))).as(list + " by " + limit).containsExactlyElementsOf(keys(whole));
            }
            // newest first by (time, id)
            for (int i = 1; i < whole.size(); i++) {
                java.time.Instant a = java.time.Instant.parse(whole.get(i - 1).get("created_at").asText());
                java.time.Instant b = java.time.Instant.parse(whole.get(i).get("created_at").asText());
                assertThat(a).as(list).isAfterOrEqualTo(b);
                if (a.equals(b) && whole.get(i).path("kind").asText("").equals(whole.get(i - 1).path("kind").asText(""))) {
                    assertThat(whole.get(i - 1).get("id").asLong()).as(list).isGreaterThan(whole.get(i).get("id").asLong());
                }
            }
        }
        List<JsonNode> tokens = new java.util.ArrayList<>();
        s.get("/api/tokens", s.admin).json().forEach(tokens::add);
        assertThat(keys(allPages("/api/tokens", s.admin, 1, new java.util.ArrayList<>(), null))).containsExactlyElementsOf(keys(tokens));
        assertThat(tokens.get(0).get("name").asText()).as("newest first").isEqualTo("pager");

        // records written between pages: the pages go on where they were, neither repeating nor passing over one
        List<JsonNode> before = new java.util.ArrayList<>();
        s.get("/api/assessments?limit=1000", pager).json().forEach(before::add);
        List<Integer> sizes = new java.util.ArrayList<>();
        List<JsonNode> paged = allPages("/api/assessments", pager, 3, sizes,
                () -> assertThat(s.post("/api/assessments", pager, ApiTest.COPPER).status()).isEqualTo(201));
        assertThat(keys(paged)).containsExactlyElementsOf(keys(before));
        assertThat(sizes).containsExactly(3, 3, 1);
        List<JsonNode> beforeRuns = new java.util.ArrayList<>();
        s.get("/api/runs?limit=500", pager).json().forEach(beforeRuns::add);
        int[] added = {2};
        List<JsonNode> pagedRuns = allPages("/api/runs", pager, 4, new java.util.ArrayList<>(), () -> {
            added[0]++;
            assertThat(s.post("/api/assessments", pager, ApiTest.COPPER).status()).isEqualTo(201);
            assertThat(s.post("/api/scenario-runs", pager, Map.of("scenario", "ndpr-floor-110")).status()).isEqualTo(201);
        });
        assertThat(keys(pagedRuns)).containsExactlyElementsOf(keys(beforeRuns));
        // and a first page again starts from the newest, the ones written meanwhile
        assertThat(s.get("/api/assessments?limit=1000", pager).json().size()).isEqualTo(before.size() + added[0]);

        // an analyst's pages are their own records only; a list without more has no cursor
        TestServer.Response mine = s.get("/api/assessments?limit=1000", pager);
        assertThat(mine.headers()).doesNotContainKey("next-cursor");
        assertThat(mine.json().findValuesAsText("actor")).allMatch(a -> a.startsWith("pager "));
    }

    @Test
    void aCursorThatIsNotOneOrIsAnotherListsIsRefusedAtTheFieldCursor() {
        String other = s.get("/api/whatifs?limit=1", s.admin).headers().getOrDefault("next-cursor", List.of()).stream().findFirst()
                .orElseGet(() -> Pages.cursor("whatifs", java.time.Instant.parse("2026-12-05T10:00:00.123456Z"), 3, null));
        TestServer.Response foreign = s.get("/api/assessments?cursor=" + other, analyst);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().at("/error/code").asText()).isEqualTo("invalid_request");
        assertThat(foreign.json().at("/error/field").asText()).isEqualTo("cursor");
        assertThat(foreign.json().at("/error/message").asText()).isEqualTo("cursor: this cursor continues another list (GET /api/whatifs), "
                + "not GET /api/assessments; leave cursor out to start this list from its newest item");
        for (String bad : List.of("nonsense", "bm9uc2Vuc2U", "%25%25", Pages.cursor("runs", java.time.Instant.now(), 3, "assessment") + "x",
                java.util.Base64.getUrlEncoder().encodeToString("lc1|runs|12|3|nothing".getBytes(StandardCharsets.UTF_8)),
                java.util.Base64.getUrlEncoder().encodeToString("lc1|runs|99999999999999999999|3|assessment".getBytes(StandardCharsets.UTF_8)))) {
            TestServer.Response r = s.get("/api/runs?cursor=" + bad, analyst);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo("cursor");
            assertThat(r.json().at("/error/message").asText()).as(bad).startsWith("cursor: \"").endsWith("\" is not a cursor this server "
                    + "gave; pass the Next-Cursor header of the previous page unchanged, or leave cursor out for the first page");
        }
        // the limits stay as they were
        assertThat(s.get("/api/assessments?limit=1001", analyst).json().at("/error/field").asText()).isEqualTo("limit");
        assertThat(s.get("/api/runs?limit=501", analyst).json().at("/error/field").asText()).isEqualTo("limit");
        assertThat(s.get("/api/tokens?limit=0", s.admin).json().at("/error/field").asText()).isEqualTo("limit");
        // and the description says how to page
        JsonNode list = s.get("/api/openapi.json", null).json().at("/paths/~1api~1assessments/get");
        assertThat(list.findValuesAsText("name")).contains("limit", "cursor");
        assertThat(list.at("/responses/200/headers/Next-Cursor/schema/type").asText()).isEqualTo("string");
    }

    @Test
    void everyRecordSaysWhenItWasMadeAsCreatedAtBesideItsOldNameAt() {
        String who = s.post("/api/tokens", s.admin, Map.of("name", "timer", "role", "analyst")).json().get("secret").asText();
        TestServer.Response a = s.post("/api/assessments", who, ApiTest.COPPER);
        TestServer.Response run = s.post("/api/scenario-runs", who, Map.of("scenario", "ndpr-floor-110"));
        TestServer.Response cmp = s.post("/api/compare", who, Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
                "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000, "with", "date:2025-06-01"));
        List<JsonNode> records = new java.util.ArrayList<>(List.of(a.json(), run.json(),
                s.get("/api/assessments/" + a.json().get("id").asLong(), who).json(),
                s.get("/api/scenario-runs/" + run.json().get("id").asLong(), who).json(),
                s.get("/api/whatifs/" + cmp.json().get("whatif_id").asLong(), who).json()));
        for (String list : List.of("/api/assessments", "/api/scenario-runs", "/api/whatifs", "/api/runs")) s.get(list, who).json().forEach(records::add);
        assertThat(records).hasSize(5 + 1 + 1 + 1 + 3);
        for (JsonNode r : records) {
            assertThat(r.get("created_at").asText()).as(r.toString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z").isEqualTo(r.get("at").asText());
        }
        JsonNode schemas = s.get("/api/openapi.json", null).json().at("/components/schemas");
        for (String schema : List.of("AssessmentCreated", "LedgerSummary", "LedgerEntry", "ScenarioRun", "RunSummary", "WhatIf", "WhatIfDetail", "HistoryItem")) {
            assertThat(schemas.at("/" + schema + "/required").toString()).as(schema).contains("\"created_at\"");
            assertThat(schemas.at("/" + schema + "/properties/at/deprecated").asBoolean()).as(schema).isTrue();
        }
    }

    @Test
    void aBodyThatIsNotJsonIsDescribedInOurWordsWithLineAndColumnOnEveryEndpoint() {
        Map<String, String> said = new java.util.LinkedHashMap<>();
        said.put("{\"hts\": \"7408.11.60\",\n \"origin\": \"CL\",\n", "the request body is not valid JSON: it ends before the JSON value "
                + "is complete (line 3, column 1); the object opened at line 1, column 1 is not closed");
        said.put("{\"hts\": x}", "the request body is not valid JSON: unexpected character 'x' at line 1, column 9; expected a value: "
                + "a string in double quotes, a number, an object, an array, true, false or null");
        said.put("{\"hts\": \"7408.11.60\";}", "the request body is not valid JSON: unexpected character ';' at line 1, column 21; "
                + "expected a comma or } after the field's value");
        said.put("{\"name\": \"a\",\n    \"name\": \"b\"}", "the request body is not valid JSON: duplicate field 'name' at line 2, column 5; "
                + "a field may be given once");
        said.put("[{\"hts\": \"7408.11.60\"}]", "the request body is a JSON array, not an object; expected a JSON object {…}");
        said.put("\"7408.11.60\"", "the request body is a JSON string, not an object; expected a JSON object {…}");
        said.put("{} {}", "the request body is not valid JSON: more follows the JSON value at line 1, column 4; send one JSON object");
        for (String path : List.of("/api/assessments", "/api/compare", "/api/scenario-runs", "/api/tokens", "/api/lcp", "/api/origin/check")) {
            for (var e : said.entrySet()) {
                TestServer.Response r = s.postText(path, s.admin, "application/json", e.getKey());
                assertThat(r.status()).as(path + " " + e.getKey()).isEqualTo(400);
                assertThat(r.json().at("/error/code").asText()).isEqualTo("invalid_request");
                assertThat(r.json().at("/error/message").asText()).as(path + " " + e.getKey()).isEqualTo(e.getValue());
                assertThat(r.body()).doesNotContainIgnoringCase("jackson").doesNotContain("com.fasterxml").doesNotContain("Feature")
                        .doesNotContain("Unexpected").doesNotContain("REDACTED");
            }
        }
    }
}
