package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a review found the server accepted silently or said wrongly: keys of a body and query parameters a route does not
 * take (ignored: a token "expiring" that never expires, ?month=3 answered for 13 months), a boolean other than
 * true/false, an id too large called "not a number", and two refusals for several problems without error.problems.
 */
class ReviewedRefusalsApiTest {
    static TestServer s;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        analyst = s.post("/api/tokens", s.admin, Map.of("name", "rita", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    private static void refused(TestServer.Response r, String field, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("invalid_request");
        assertThat(r.json().at("/error/field").asText()).isEqualTo(field);
        assertThat(r.json().at("/error/message").asText()).isEqualTo(message);
    }

    // ---------------------------------------------------------------- bodies

    @Test
    void aTokenWithAnExpiryOrAScopeIsRefusedNotMadeWithoutThem() {
        int before = s.get("/api/tokens", s.admin).json().size();
        refused(s.post("/api/tokens", s.admin, Map.of("name", "z", "role", "analyst", "expires", "2027-01-01")),
                "expires", "expires: unknown key; expected only name, role");
        refused(s.post("/api/tokens", s.admin, "{\"name\": \"z\", \"scope\": \"read\", \"expires\": \"2027-01-01\"}"), // in this order
                "scope", "scope, expires: unknown keys; expected only name, role");
        assertThat(s.get("/api/tokens", s.admin).json().size()).as("no token was made").isEqualTo(before);
    }

    @Test
    void theRegimeSwitchAndSignInRefuseKeysTheyDoNotTake() {
        refused(s.put("/api/regime", s.admin, Map.of("regime", "bundled", "bogus", 1)), "bogus", "bogus: unknown key; expected only regime");
        TestServer.Response signIn = s.request("POST", "/api/session", null, "{\"token\": \"" + analyst + "\", \"remember\": true}");
        // without the page's header the sign-in is refused first (403); with it, the unknown key
        assertThat(signIn.status()).isEqualTo(403);
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.url() + "/api/session"))
                .header("Content-Type", "application/json").header(Api.SESSION_HEADER, "1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"token\": \"" + analyst + "\", \"remember\": true}")).build();
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
            refused(new TestServer.Response(r.statusCode(), r.body(), r.headers().map()), "remember", "remember: unknown key; expected only token");
            assertThat(r.headers().firstValue("Set-Cookie")).as("no session opened").isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAppendToAStockpileRefusesKeysItDoesNotTake() {
        TestServer.Response r = s.post("/api/stockpiles/review-vault/events", s.admin,
                Map.of("events", List.of(Map.of("date", "2026-01-05", "type", "fund", "amount", 1000)), "expected", 0));
        refused(r, "expected", "expected: unknown key; expected only events, expected_events");
        assertThat(s.get("/api/stockpiles/review-vault", analyst).status()).as("nothing was written").isEqualTo(404);
    }

    // ---------------------------------------------------------------- query parameters

    @Test
    void aQueryParameterARouteDoesNotTakeIsRefusedNamingTheOnesItTakes() throws Exception {
        refused(s.get("/api/stockpiles/project-vault/cover?disruption=gallium-ban&month=3", analyst), "month",
                "unknown query parameter 'month'; expected one of region, disruption, months, start, as_of");
        refused(s.get("/api/floors/ndpr?method=percentile:90", analyst), "method",
                "unknown query parameter 'method'; expected one of methods, seed");
        refused(s.get("/api/regime/codes/2846.90.80?date=2026-03-02&orign=CN", analyst), "orign",
                "unknown query parameter 'orign'; expected one of date, origin");
        refused(s.get("/api/minerals?x=1", analyst), "x", "unknown query parameter 'x'; GET /api/minerals takes none");
        String yaml = Files.readString(Path.of(System.getProperty("lodestone.root", ".."), "examples", "exposure", "magnet-maker.yaml"));
        refused(s.postText("/api/exposure?scenarios=ndpr-floor-110", analyst, "application/yaml", yaml), "scenarios",
                "unknown query parameter 'scenarios'; expected one of date, scenario, alternatives, name");
        // a parameter given twice is refused, not read as its first value; the exposure's scenario is given once per scenario
        refused(s.get("/api/stockpiles/project-vault/cover?disruption=gallium-ban&months=3&months=5", analyst), "months",
                "months: given 2 times; give it once");
        TestServer.Response two = s.postText("/api/exposure?scenario=ndpr-floor-110&scenario=gallium-ban", analyst,
                "application/yaml", yaml);
        assertThat(two.status()).as(two.body()).isEqualTo(200);
        // which one is repeatable is the route's declaration, and the OpenAPI description says it (an array of strings)
        JsonNode params = s.get("/api/openapi.json", null).json().at("/paths/~1api~1exposure/post/parameters");
        for (JsonNode p : params) {
            if (p.get("name").asText().equals("scenario")) {
                assertThat(p.at("/schema/type").asText()).isEqualTo("array");
                assertThat(p.at("/schema/items/type").asText()).isEqualTo("string");
            }
            if (p.get("name").asText().equals("date")) assertThat(p.get("schema").get("type").asText()).isEqualTo("string");
        }
        // the parameters as declared still answer
        assertThat(s.get("/api/stockpiles/project-vault/cover?disruption=gallium-ban&months=3", analyst).status()).isEqualTo(200);
        assertThat(s.get("/api/regime/codes/2846.90.80?date=2026-03-02&origin=CN", analyst).json().get("origin").asText()).isEqualTo("CN");
    }

    @Test
    void aBooleanIsTrueOrFalseNothingElse() throws Exception {
        String yaml = Files.readString(Path.of(System.getProperty("lodestone.root", ".."), "examples", "exposure", "magnet-maker.yaml"));
        for (String v : List.of("0", "no", "maybe", "FALSE", "")) {
            refused(s.postText("/api/exposure?alternatives=" + v, analyst, "application/yaml", yaml), "alternatives",
                    "alternatives: \"" + v + "\" is not true or false");
        }
        TestServer.Response off = s.postText("/api/exposure?alternatives=false", analyst, "application/yaml", yaml);
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        TestServer.Response on = s.postText("/api/exposure?alternatives=true", analyst, "application/yaml", yaml);
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(off.body()).isNotEqualTo(on.body());
    }

    @Test
    void aValueAParameterDoesNotTakeIsRefusedWithWhatItTakes() {
        TestServer.Response r = s.get("/api/floors/ndpr?methods=percentile:190", analyst);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().at("/error/field").asText()).isEqualTo("methods");
    }

    // ---------------------------------------------------------------- ids

    @Test
    void anIdTooLargeIsSaidToBeSo() {
        for (String path : List.of("/api/assessments/", "/api/bulk-jobs/", "/api/scenario-runs/", "/api/whatifs/", "/api/path-jobs/")) {
            refused(s.get(path + "99999999999999999999", analyst), "id",
                    "id: 99999999999999999999 is not an id (too large; ids are whole numbers from 1 to 9223372036854775807)");
        }
        refused(s.get("/api/assessments/-99999999999999999999", analyst), "id",
                "id: -99999999999999999999 is not an id (too small; ids are whole numbers from 1 to 9223372036854775807)");
        refused(s.delete("/api/tokens/99999999999999999999", s.admin), "id",
                "id: 99999999999999999999 is not an id (too large; ids are whole numbers from 1 to 9223372036854775807)");
        refused(s.get("/api/assessments/12a", analyst), "id", "id: \"12a\" is not a number; expected an id such as 12");
        assertThat(s.get("/api/assessments/9223372036854775807", analyst).status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- several problems

    @Test
    void aBillOfMaterialsRefusedListsEachProblem() throws Exception {
        String bom = Files.readString(Path.of(System.getProperty("lodestone.root", ".."), "examples", "origin", "malformed.json"));
        TestServer.Response r = s.post("/api/origin/check", analyst, bom);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode problems = r.json().at("/error/problems");
        assertThat(problems.size()).isEqualTo(2);
        assertThat(problems.get(0).get("file").asText()).isEqualTo("bill of materials");
        assertThat(problems.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(problems.get(0).get("field").asText()).isEqualTo("product.adjusted_value");
        assertThat(problems.get(0).get("message").asText()).startsWith("bill of materials:2: product.adjusted_value: ");
        assertThat(problems.get(1).get("line").asInt()).isEqualTo(4);
        assertThat(problems.get(1).get("field").asText()).isEqualTo("materials[0].originating");
        assertThat(r.json().at("/error/field").asText()).isEqualTo("product.adjusted_value");
    }

    @Test
    void aScenarioTextRefusedListsEachProblemLabelledAsTheRequestsText() {
        String text = "scenario: x\nbaseline: ndpr\nclub: [US, QQ]\npolicies:\n  - {type: price_floor, floor: 110}\n";
        TestServer.Response r = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110", "text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("invalid_scenario");
        assertThat(r.json().at("/error/field").asText()).isEqualTo("text");
        assertThat(r.json().at("/error/message").asText()).doesNotContain("ndpr-floor-110.yaml")
                .startsWith("1 problem; nothing was run:\ntext:3: club: unknown region 'QQ'");
        JsonNode p = r.json().at("/error/problems/0");
        assertThat(r.json().at("/error/problems").size()).isEqualTo(1);
        assertThat(p.get("file").asText()).isEqualTo("text");
        assertThat(p.get("line").asInt()).isEqualTo(3);
        assertThat(p.get("field").asText()).isEqualTo("club");
        assertThat(p.get("message").asText()).startsWith("text:3: club: unknown region 'QQ'");
    }
}
