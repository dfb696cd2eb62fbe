package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.store.WhatIfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
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
        assertThat(patch.json().at("/error/message").asText()).isEqualTo("PATCH is not a method of /api/assessments; it answers GET, POST"
                + " (the endpoints are listed at /api/openapi.json)");
        assertThat(patch.headers().get("allow")).containsExactly("GET, POST");
        assertThat(s.request("PATCH", "/api/assessments/", analyst, "{}").status()).as("a trailing slash is the same path").isEqualTo(405);
        TestServer.Response delete = s.request("DELETE", "/api/assessments/5", analyst, null);
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.headers().get("allow")).containsExactly("GET");
        TestServer.Response put = s.request("PUT", "/api/tokens/3", s.admin, "{}");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.headers().get("allow")).containsExactly("DELETE");
        // a path no method answers is still "no such endpoint"
        TestServer.Response none = s.request("GET", "/api/assessments/5/nothing", analyst, null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().at("/error/code").asText()).isEqualTo("not_found");
        assertThat(none.json().at("/error/message").asText()).startsWith("no such endpoint: GET /api/assessments/5/nothing");
        assertThat(s.request("POST", "/api/nope", analyst, "{}").status()).isEqualTo(404);
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
        assertThat(r.status()).as(r.body()).isEqualTo(200);
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
    }

    @Test
    void aWhatIfRecordedWithStringDutiesIsReadBackWithNumbers() {
        String old = "{\"a\": \"bundled\", \"b\": \"bundled on 2025-12-31\", \"lines\": 1, \"changed\": 1, \"not_comparable\": 0, \"total_a\": 370.00,"
                + " \"total_b\": 1370.00, \"total_change\": 1000.00, \"top\": [{\"line_id\": \"ree-2\", \"hts\": \"2846.90.80.90\", \"origin\": \"CN\","
                + " \"a\": \"370.00\", \"b\": \"1370.00\", \"change\": 1000.00}]}";
        WhatIfs.WhatIf w = s.server.store().whatIfs().record(new WhatIfs.NewWhatIf("administrator (token #1)", 1L, "file", "bundled",
                "bundled on 2025-12-31", "old.csv", null, new BigDecimal("370.00"), new BigDecimal("1370.00"), new BigDecimal("1000.00"),
                "{\"with\": \"date:2025-12-31\"}", old));
        JsonNode got = s.get("/api/whatifs/" + w.id(), s.admin).json();
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
                + "offtake, ebitda_floor, support_years, paths, seed, dscr");
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
}
