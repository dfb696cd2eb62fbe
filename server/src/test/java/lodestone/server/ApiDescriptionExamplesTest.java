package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a brokerage's developer writing a client from docs/api.md and /api/openapi.json alone met: a request example of
 * the description that the server refused, schemas naming keys the server neither reads nor writes (LcpProblem's "m"
 * for "M", Financing's "isPublic" for "public"), a query value with a broken percent-escape read as absent (the answer
 * for the default, said nowhere), the API's root answering in plain text, an Allow header without HEAD, a 401
 * without the challenge HTTP asks of it, a valuation's support_years of 4294967297 valued as one year, and a problem of
 * the files sent to a ranking refused with no field, and a sensitivity's year of 2030.9, "2030" or 2030 + 2^32 run for 2030, and
 * a path job's key of another kind ignored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the examples as sent first: the ledger example expects the bundled 20 events
class ApiDescriptionExamplesTest {
    static TestServer s;
    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        doc = s.get("/api/openapi.json", null).json();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** Every operation's JSON request example with its method and path, as a generated client finds them. */
    private static List<String[]> examples() {
        List<String[]> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = doc.get("paths").fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> path = p.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> op = m.next();
                JsonNode media = op.getValue().at("/requestBody/content/application~1json");
                if (media.has("example")) out.add(new String[]{op.getKey(), path.getKey(), media.get("example").toString(), media.get("schema").toString()});
            }
        }
        return out;
    }

    @Test
    void everyRequestExampleMatchesItsOwnSchema() {
        List<String> mismatches = new ArrayList<>();
        for (String[] e : examples()) {
            ObjectNode root = TestServer.JSON.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            try {
                root.setAll((ObjectNode) TestServer.JSON.readTree(e[3]));
            } catch (IOException x) {
                throw new AssertionError(x);
            }
            root.set("components", doc.get("components"));
            Schema sch = REGISTRY.getSchema(root.toString(), InputFormat.JSON);
            for (var err : sch.validate(e[2], InputFormat.JSON)) mismatches.add(e[0] + " " + e[1] + ": " + err.getMessage());
        }
        assertThat(examples()).hasSize(23);
        assertThat(mismatches).as("request examples their own schema refuses").isEmpty();
    }

    @Test
    void theSchemasNameTheKeysTheServerReadsAndWrites() {
        // the LCP is read as {"M", "q"} (case matters: "m" is refused as an unknown key)
        assertThat(doc.at("/components/schemas/LcpProblem/required").toString()).isEqualTo("[\"M\",\"q\"]");
        assertThat(doc.at("/components/schemas/LcpProblem/properties").has("m")).isFalse();
        TestServer.Response lower = s.post("/api/lcp", s.admin, Map.of("m", List.of(List.of(2, 1), List.of(1, 2)), "q", List.of(-5, -6)));
        assertThat(lower.status()).isEqualTo(400);
        assertThat(lower.json().at("/error/message").asText()).isEqualTo("m: unknown key; expected only M and q (case matters)");
        // a project's financing says whether it is public as "public"
        JsonNode financing = s.get("/api/projects/arafura-nolans", s.admin).json().get("financing").get(0);
        assertThat(financing.has("public")).isTrue();
        JsonNode described = doc.at("/components/schemas/Financing/properties");
        List<String> keys = new ArrayList<>();
        described.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("party", "kind", "instrument", "amount", "public");
    }

    @Test
    @Order(1)
    void everyRequestExampleIsAcceptedAsSent() {
        List<String> refused = new ArrayList<>();
        int sent = 0;
        for (String[] e : examples()) {
            // signing in takes a real token and the browser's header: its example is the shape, "lst_…" (403 without the header)
            if (e[1].equals("/api/session")) continue;
            String path = e[1].replace("{market}", "ndpr").replace("{name}", "project-vault");
            TestServer.Response r = e[0].equals("put") ? s.request("PUT", path, s.admin, e[2]) : s.post(path, s.admin, e[2]);
            sent++;
            if (r.status() / 100 != 2) refused.add(e[0].toUpperCase() + " " + e[1] + " → " + r.status() + " " + r.body());
        }
        assertThat(s.put("/api/regime", s.admin, Map.of("regime", "bundled")).status()).isEqualTo(200);
        assertThat(sent).isEqualTo(22);
        assertThat(refused).as("documented examples the server refuses").isEmpty();
    }

    /** A raw request (an HTTP client would refuse to send a broken escape): status line and body. */
    static String[] raw(String target) throws IOException {
        URI u = URI.create(s.url());
        try (Socket sock = new Socket(u.getHost(), u.getPort())) {
            sock.setSoTimeout(30_000);
            OutputStream out = sock.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + s.admin
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = sock.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            return new String[]{text.substring(0, text.indexOf("\r\n")), text.substring(end + 4)};
        }
    }

    @Test
    void aQueryValueWithABrokenPercentEscapeIsRefusedNotReadAsAbsent() throws Exception {
        // origin=C%ZZ was answered for no origin at all, months=%ZZ for the default 13 months
        String[] origin = raw("/api/regime/codes/2846.90.80?date=2025-06-01&origin=C%ZZ");
        assertThat(origin[0]).isEqualTo("HTTP/1.1 400 Bad Request");
        JsonNode o = TestServer.JSON.readTree(origin[1]);
        assertThat(o.at("/error/field").asText()).isEqualTo("origin");
        assertThat(o.at("/error/message").asText()).isEqualTo("origin: \"C%ZZ\" is not percent-encoded: each % must be followed by two"
                + " hexadecimal digits (a % itself is written %25); nothing was done");
        String[] months = raw("/api/stockpiles/project-vault/cover?disruption=gallium-ban&months=1%2");
        assertThat(months[0]).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(TestServer.JSON.readTree(months[1]).at("/error/field").asText()).isEqualTo("months");
        String[] key = raw("/api/regime/codes/2846.90.80?or%gin=CN");
        assertThat(key[0]).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(TestServer.JSON.readTree(key[1]).at("/error/message").asText()).isEqualTo("\"or%gin\" is not percent-encoded: each % must be"
                + " followed by two hexadecimal digits (a % itself is written %25); nothing was done");
        // a well-formed escape is read as before
        String[] fine = raw("/api/regime/codes/2846.90.80?date=2025-06-01&origin=%43N");
        assertThat(fine[0]).isEqualTo("HTTP/1.1 200 OK");
        assertThat(TestServer.JSON.readTree(fine[1]).get("origin").asText()).isEqualTo("CN");
    }

    @Test
    void theApiRootIsAnEndpointThatIsNotThereInTheErrorShape() {
        TestServer.Response root = s.get("/api", s.admin);
        assertThat(root.status()).isEqualTo(404);
        assertThat(root.headers().get("content-type")).containsExactly("application/json");
        assertThat(root.json().at("/error/code").asText()).isEqualTo("not_found");
        assertThat(root.json().at("/error/message").asText()).isEqualTo("no such endpoint: GET /api (the endpoints are listed at /api/openapi.json)");
    }

    @Test
    void theAllowHeaderNamesHeadWhereGetIsAnswered() {
        TestServer.Response patch = s.request("PATCH", "/api/assessments", s.admin, "{}");
        assertThat(patch.status()).isEqualTo(405);
        assertThat(patch.headers().get("allow")).containsExactly("GET, HEAD, OPTIONS, POST");
        assertThat(patch.json().at("/error/message").asText()).isEqualTo("PATCH is not a method of /api/assessments; it answers GET, HEAD, OPTIONS, POST"
                + " (the endpoints are listed at /api/openapi.json)");
        TestServer.Response head = s.request("HEAD", "/api/lcp", s.admin, null);
        assertThat(head.status()).isEqualTo(405);
        assertThat(head.headers().get("allow")).containsExactly("OPTIONS, POST");
    }

    @Test
    void aRefusedTokenIsAnsweredWithTheBearerChallenge() {
        TestServer.Response none = s.get("/api/me", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().get("www-authenticate")).containsExactly("Bearer realm=\"lodestone\"");
        TestServer.Response bad = s.get("/api/me", "lst_nothing");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.headers().get("www-authenticate")).containsExactly("Bearer realm=\"lodestone\", error=\"invalid_token\"");
        assertThat(s.get("/api/me", s.admin).headers().get("www-authenticate")).isNull();
    }

    @Test
    void aValuationsWholeNumbersAreReadWholeAndTheirRefusalsSayWhy() {
        // 4294967297 years of support was cast to an int, 1, and valued as "price floor 110 USD/kg for 1 years"
        TestServer.Response wrapped = s.post("/api/valuations", s.admin,
                "{\"project\": \"arafura-nolans\", \"floor\": \"110\", \"paths\": 1000, \"support_years\": 4294967297}");
        assertThat(wrapped.status()).as(wrapped.body()).isEqualTo(400);
        assertThat(wrapped.json().at("/error/field").asText()).isEqualTo("support_years");
        assertThat(wrapped.json().at("/error/message").asText()).isEqualTo("support_years: 4294967297 is too large; expected years of support"
                + " from 0 (the whole life) to 2147483647");
        // 1e10 is a whole number (JSON Schema's integer too): out of range, not "not a whole number"
        TestServer.Response many = s.post("/api/valuations", s.admin, "{\"project\": \"arafura-nolans\", \"paths\": 1e10}");
        assertThat(many.json().at("/error/message").asText()).isEqualTo("paths: 10000000000 must be between 1 and 200000 (the command line takes more)");
        TestServer.Response seed = s.post("/api/valuations", s.admin, "{\"project\": \"arafura-nolans\", \"seed\": 99999999999999999999999}");
        assertThat(seed.json().at("/error/field").asText()).isEqualTo("seed");
        assertThat(seed.json().at("/error/message").asText()).isEqualTo("seed: 99999999999999999999999 is too large");
        TestServer.Response half = s.post("/api/valuations", s.admin, "{\"project\": \"arafura-nolans\", \"paths\": 2.5}");
        assertThat(half.json().at("/error/message").asText()).isEqualTo("paths: 2.5 is not a whole number");
        // a combination refused names the key that is one too many (field was null)
        TestServer.Response alone = s.post("/api/valuations", s.admin, "{\"project\": \"arafura-nolans\", \"upside_share\": 0.3}");
        assertThat(alone.json().at("/error/message").asText()).isEqualTo("upside_share and ebitda_floor go with floor");
        assertThat(alone.json().at("/error/field").asText()).isEqualTo("upside_share");
        TestServer.Response two = s.post("/api/valuations", s.admin, "{\"project\": \"arafura-nolans\", \"floor\": \"110\", \"cfd\": \"110\"}");
        assertThat(two.json().at("/error/message").asText()).isEqualTo("give one of floor, cfd and offtake, not several");
        assertThat(two.json().at("/error/field").asText()).isEqualTo("cfd");
    }

    @Test
    void aProblemOfTheFilesSentFoundWhileRankingNamesFiles() {
        String text = RouteShapes.ProjectFile.EXAMPLE_TEXT.replace("country: US", "country: CA");
        TestServer.Response r = s.post("/api/rankings/ndpr", s.admin, Map.of("files", List.of(Map.of("name", "my-recycler.yaml", "text", text))));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().at("/error/field").asText()).as("it was null").isEqualTo("files");
        assertThat(r.json().at("/error/message").asText()).isEqualTo("my-recycler.yaml:1: project 'my-recycler', region: region 'CA' is not in"
                + " the market scenario 'ndpr' (the market's regions: CN, LY, US, JP, EU27, MX, ROW)");
    }

    @Test
    void aSensitivitysYearIsAWholeYearOfTheHorizon() {
        // each was run for 2030: 2030.9 truncated, "2030" read from a text, 4294969326 (2030 + 2^32) cast to an int
        for (String year : List.of("2030.9", "\"2030\"", "4294969326", "true")) {
            TestServer.Response r = s.post("/api/path-jobs", s.admin, "{\"scenario\": \"ndpr-2025-2040\", \"kind\": \"sensitivity\","
                    + " \"metric\": \"club_supply_share\", \"year\": " + year + "}");
            assertThat(r.status()).as(year + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo("year");
            assertThat(r.json().at("/error/message").asText()).isEqualTo("year: expected a whole year of the horizon 2025-2040, found " + year);
        }
        TestServer.Response outside = s.post("/api/path-jobs", s.admin, "{\"scenario\": \"ndpr-2025-2040\", \"kind\": \"sensitivity\","
                + " \"metric\": \"club_supply_share\", \"year\": 2041}");
        assertThat(outside.json().at("/error/message").asText()).isEqualTo("year: outside the horizon 2025-2040");
    }

    @Test
    void aPathJobRefusesTheKeysOfAnotherKind() {
        // {"kind": "montecarlo", "metric": …} ran a Monte Carlo of every metric: "metric" is the sensitivity's, "metrics" the Monte Carlo's
        TestServer.Response mc = s.post("/api/path-jobs", s.admin, "{\"scenario\": \"ndpr-2025-2040\", \"kind\": \"montecarlo\", \"draws\": 10,"
                + " \"metric\": \"club_supply_share\"}");
        assertThat(mc.status()).as(mc.body()).isEqualTo(400);
        assertThat(mc.json().at("/error/field").asText()).isEqualTo("metric");
        assertThat(mc.json().at("/error/message").asText()).isEqualTo("metric: not a key of a montecarlo job (it is a sensitivity job's);"
                + " a montecarlo job takes draws, seed, metrics, events; nothing was started");
        TestServer.Response seek = s.post("/api/path-jobs", s.admin, "{\"scenario\": \"ndpr-2025-2040\", \"kind\": \"seek\", \"param\": \"floor\","
                + " \"target\": \"club_supply_share(2030) >= 0.6\", \"range\": [80, 300], \"seed\": 3}");
        assertThat(seek.status()).as(seek.body()).isEqualTo(400);
        assertThat(seek.json().at("/error/message").asText()).isEqualTo("seed: not a key of a seek job (it is a montecarlo job's);"
                + " a seek job takes param, target, range; nothing was started");
    }

    /** The description's components with every described object closed: a key it does not name fails validation. */
    private static JsonNode closed(JsonNode n) {
        JsonNode c = n.deepCopy();
        close(c);
        return c;
    }

    private static void close(JsonNode n) {
        if (n instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")) o.put("additionalProperties", false);
            o.forEach(ApiDescriptionExamplesTest::close);
        } else if (n.isArray()) n.forEach(ApiDescriptionExamplesTest::close);
    }

    /** Every key of the answer is one its operation's schema names (the schemas had left out a third of some answers). */
    private static List<String> undescribed(String method, String template, TestServer.Response r) {
        JsonNode schema = doc.at("/paths/" + template.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/" + r.status()
                + "/content/application~1json/schema");
        assertThat(schema.isMissingNode()).as(method + " " + template + " " + r.status()).isFalse();
        ObjectNode root = TestServer.JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) closed(schema));
        root.set("components", closed(doc.get("components")));
        List<String> out = new ArrayList<>();
        for (var e : REGISTRY.getSchema(root.toString(), InputFormat.JSON).validate(r.body(), InputFormat.JSON)) {
            out.add(method + " " + template + ": " + e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    @Test
    void everyKeyOfAnAnswerIsOneTheDescriptionNames() {
        List<String> found = new ArrayList<>();
        String[][] gets = {{"/api/health", "/api/health"}, {"/api/me", "/api/me"}, {"/api/regime", "/api/regime"},
                {"/api/regime/search", "/api/regime/search?q=neodymium"}, {"/api/regime/tree", "/api/regime/tree?code=2846"},
                {"/api/regime/codes/{code}", "/api/regime/codes/2846.90.80?date=2026-03-02&origin=CN"},
                {"/api/regime/codes/{code}", "/api/regime/codes/7408.11.60?date=2026-03-02&origin=CL"},
                {"/api/regime/codes/{code}", "/api/regime/codes/2846.90.80?date=2027-06-01&origin=CN"},
                {"/api/regime/codes/{code}/timeline", "/api/regime/codes/2846.90.80/timeline?origin=CN"},
                {"/api/regime/diff", "/api/regime/diff?from=2026-02-23&to=2026-02-24"},
                {"/api/regime/compare", "/api/regime/compare?against=bundled:plurilateral"},
                {"/api/agreements", "/api/agreements"}, {"/api/agreements/{id}", "/api/agreements/cafta-dr"},
                {"/api/minerals", "/api/minerals"}, {"/api/minerals/{id}", "/api/minerals/rare-earths"},
                {"/api/groups", "/api/groups"}, {"/api/groups/{id}", "/api/groups/CAFTA-DR?date=2006-06-30"},
                {"/api/origin/rules/{code}", "/api/origin/rules/8110.90"},
                {"/api/scenarios", "/api/scenarios"}, {"/api/scenarios/{name}", "/api/scenarios/ndpr-floor-110"},
                {"/api/scenarios/{name}", "/api/scenarios/ndpr-2025-2040"}, {"/api/projects", "/api/projects"},
                {"/api/projects/{id}/screening", "/api/projects/mp-10x/screening"}, {"/api/tokens", "/api/tokens"},
                {"/api/stockpiles", "/api/stockpiles"}, {"/api/stockpiles/{name}", "/api/stockpiles/project-vault"},
                {"/api/stockpiles/{name}/events", "/api/stockpiles/project-vault/events"},
                {"/api/stockpiles/{name}/cover", "/api/stockpiles/project-vault/cover?disruption=gallium-ban&months=13"}};
        for (String[] g : gets) {
            TestServer.Response r = s.get(g[1], s.admin);
            assertThat(r.status()).as(g[1] + ": " + r.body()).isEqualTo(200);
            found.addAll(undescribed("get", g[0], r));
        }
        for (JsonNode p : s.get("/api/projects", s.admin).json().get("projects")) {
            found.addAll(undescribed("get", "/api/projects/{id}", s.get("/api/projects/" + p.get("id").asText(), s.admin)));
        }
        found.addAll(undescribed("post", "/api/stockpile-files", s.post("/api/stockpile-files", s.admin, RouteShapes.LedgerFileRequest.EXAMPLE)));
        assertThat(found).as("keys of answers the description does not name").isEmpty();
    }

    @Test
    void everyKeyOfTheAnswersOfWhatIsMadeOrComputedIsOneTheDescriptionNames() throws Exception {
        List<String> found = new ArrayList<>();
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("lodestone.root", ".."));
        for (String[] e : examples()) {
            if (e[1].equals("/api/session") || e[1].contains("{market}") || e[1].equals("/api/path-jobs")) continue; // below, or slow
            String path = e[1].replace("{name}", "project-vault");
            String body = e[2];
            if (e[1].equals("/api/stockpiles/{name}/events")) { // the ledger may have grown past the example's expected_events (another test appended)
                ObjectNode b = (ObjectNode) TestServer.JSON.readTree(body);
                b.remove("expected_events");
                body = b.toString();
            }
            TestServer.Response r = e[0].equals("put") ? s.request("PUT", path, s.admin, body) : s.post(path, s.admin, body);
            assertThat(r.status() / 100).as(e[0] + " " + e[1] + ": " + r.body()).isEqualTo(2);
            found.addAll(undescribed(e[0], e[1], r));
        }
        assertThat(s.put("/api/regime", s.admin, Map.of("regime", "bundled")).status()).isEqualTo(200);
        TestServer.Response entry = s.postText("/api/assessments", s.admin, "application/json",
                java.nio.file.Files.readString(root.resolve("examples/entry/two-lines.json")));
        found.addAll(undescribed("post", "/api/assessments", entry));
        found.addAll(undescribed("get", "/api/assessments/{id}", s.get("/api/assessments/" + entry.json().get("id").asText(), s.admin)));
        found.addAll(undescribed("get", "/api/assessments", s.get("/api/assessments", s.admin)));
        byte[] csv = java.nio.file.Files.readAllBytes(root.resolve("examples/bulk/entries.csv"));
        TestServer.Response cmp = s.upload("/api/compare-file?with=date:2025-12-31&name=entries.csv", s.admin, csv, null);
        found.addAll(undescribed("post", "/api/compare-file", cmp));
        found.addAll(undescribed("get", "/api/whatifs/{id}", s.get("/api/whatifs/" + cmp.json().get("whatif_id").asText(), s.admin)));
        found.addAll(undescribed("get", "/api/whatifs", s.get("/api/whatifs", s.admin)));
        TestServer.Response job = s.upload("/api/bulk-jobs?name=entries.csv", s.admin, csv, null);
        found.addAll(undescribed("post", "/api/bulk-jobs", job));
        s.awaitJob(job.json().get("id").asLong(), s.admin);
        found.addAll(undescribed("get", "/api/bulk-jobs/{id}", s.get("/api/bulk-jobs/" + job.json().get("id").asText(), s.admin)));
        found.addAll(undescribed("get", "/api/bulk-jobs/{id}/totals", s.get("/api/bulk-jobs/" + job.json().get("id").asText() + "/totals", s.admin)));
        found.addAll(undescribed("get", "/api/bulk-jobs", s.get("/api/bulk-jobs", s.admin)));
        found.addAll(undescribed("post", "/api/bulk-jobs/{id}/retire", s.post("/api/bulk-jobs/" + job.json().get("id").asText() + "/retire", s.admin, "")));
        found.addAll(undescribed("get", "/api/runs", s.get("/api/runs", s.admin)));
        found.addAll(undescribed("get", "/api/scenario-runs", s.get("/api/scenario-runs", s.admin)));
        found.addAll(undescribed("post", "/api/exposure", s.postText("/api/exposure?scenario=ndpr-floor-110", s.admin, "application/yaml",
                java.nio.file.Files.readString(root.resolve("examples/exposure/magnet-maker.yaml")))));
        found.addAll(undescribed("post", "/api/exposure/years", s.postText("/api/exposure/years?years=FY2028-FY2030&fiscal_start=october&scenario=ndpr-2025-2040", s.admin,
                "application/yaml", java.nio.file.Files.readString(root.resolve("examples/exposure/magnet-maker.yaml")))));
        found.addAll(undescribed("post", "/api/origin/check", s.postText("/api/origin/check", s.admin, "application/json",
                java.nio.file.Files.readString(root.resolve("examples/origin/antimony-does-not-qualify.json")))));
        assertThat(found).as("keys of answers the description does not name").isEmpty();
    }

    @Test
    void theExposureReportIsDescribedInBothItsFormats() {
        // format=csv answers text/csv: the description named text/html only, so a generated client refused the CSV
        JsonNode content = doc.at("/paths/~1api~1exposure~1report/post/responses/200/content");
        List<String> types = new ArrayList<>();
        content.fieldNames().forEachRemaining(types::add);
        assertThat(types).containsExactly("text/html", "text/csv");
    }

    @Test
    void theTreeTakesACodeOrAnIndexNotBoth() {
        // ?code=28&index=1 was answered for code 28, the index dropped without a word
        TestServer.Response both = s.get("/api/regime/tree?code=28&index=1", s.admin);
        assertThat(both.status()).as(both.body()).isEqualTo(400);
        assertThat(both.json().at("/error/field").asText()).isEqualTo("index");
        assertThat(both.json().at("/error/message").asText()).isEqualTo("index: give code or index, not both (code names a line by its code,"
                + " index by its place in the schedule)");
        assertThat(s.get("/api/regime/tree?index=1", s.admin).status()).isEqualTo(200);
        assertThat(s.get("/api/regime/tree?code=28", s.admin).status()).isEqualTo(200);
    }

    @Test
    void aReleasesTotalIsAnExactQuantityWithinBounds() {
        // 1e400 kg was read, made Infinity on the way, answered "total_requested_kg": "Infinity" (a text) with 58,415 kg released
        TestServer.Response huge = s.post("/api/stockpiles/project-vault/release", s.admin,
                "{\"mineral\": \"gallium\", \"disruption\": \"gallium-ban\", \"total_kg\": 1e400}");
        assertThat(huge.status()).as(huge.body()).isEqualTo(400);
        assertThat(huge.json().at("/error/field").asText()).isEqualTo("total_kg");
        assertThat(huge.json().at("/error/message").asText()).isEqualTo("total_kg: 1E+400 is out of bounds; expected a positive number of kg"
                + " below 10^15 with at most 9 decimal places");
        TestServer.Response tiny = s.post("/api/stockpiles/project-vault/release", s.admin,
                "{\"mineral\": \"gallium\", \"disruption\": \"gallium-ban\", \"total_kg\": 1e-30}");
        assertThat(tiny.status()).as(tiny.body()).isEqualTo(400);
        assertThat(tiny.json().at("/error/message").asText()).isEqualTo("total_kg: 1E-30 is out of bounds; expected a positive number of kg"
                + " below 10^15 with at most 9 decimal places");
        TestServer.Response fine = s.post("/api/stockpiles/project-vault/release", s.admin,
                "{\"mineral\": \"gallium\", \"disruption\": \"gallium-ban\", \"total_kg\": 5000.5}");
        assertThat(fine.status()).as(fine.body()).isEqualTo(200);
        assertThat(fine.json().get("total_requested_kg").isNumber()).isTrue();
    }

    /** A floor of 10 years under Nolans's debt (1 + 12 years from 2028, to 2040) leaves 2038–2040 to the market price: said. */
    @Test
    void aSupportEndingBeforeTheDebtIsRepaidIsSaid() {
        TestServer.Response r = s.post("/api/valuations", s.admin, "{\"project\": \"arafura-nolans\", \"floor\": \"110\", \"paths\": 100}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/warnings/0").asText()).isEqualTo("the support ends before the debt is repaid: its 10 years cover 2028–2037 "
                + "and the debt's service runs to 2040, so 2038–2040 are paid from the market price alone (the DSCR and the debt capacity "
                + "count them so); 13 years of support would cover the debt");
        assertThat(s.post("/api/valuations", s.admin, "{\"project\": \"arafura-nolans\", \"floor\": \"110\", \"support_years\": 13, "
                + "\"paths\": 100}").json().has("warnings")).isFalse(); // 100 paths: none of too few paths either
    }

    @Test
    void aValuationsNumbersAreFiniteAndBounded() {
        // ebitda_floor 1e400 was a 500 (NaN in the valuation), dscr 1e400 a 200 whose figures were the text "Infinity"
        for (String key : List.of("ebitda_floor", "dscr")) {
            for (String v : List.of("1e400", "1e300")) {
                TestServer.Response r = s.post("/api/valuations", s.admin, "{\"project\": \"arafura-nolans\", \"floor\": \"110\", \"paths\": 500, \""
                        + key + "\": " + v + "}");
                assertThat(r.status()).as(key + " " + v + ": " + r.body()).isEqualTo(400);
                assertThat(r.json().at("/error/field").asText()).as(r.body()).isEqualTo(key);
                assertThat(r.json().at("/error/message").asText()).isEqualTo(key + ": out of bounds; expected a number below 10^15 in size");
            }
        }
    }

    @Test
    void aFloorMethodsWindowIsReadAsItWasChecked() {
        // band:1e400:0.2 and band:5.0:0.2 passed the check and then failed in Integer.parseInt: "For input string: \"1e400\"", no field
        TestServer.Response huge = s.get("/api/floors/ndpr?methods=band:1e400:0.2", s.admin);
        assertThat(huge.status()).as(huge.body()).isEqualTo(400);
        assertThat(huge.json().at("/error/field").asText()).isEqualTo("methods");
        assertThat(huge.json().at("/error/message").asText()).isEqualTo("methods band:1e400:0.2: WINDOW must be a whole number of years ≥ 1");
        TestServer.Response whole = s.get("/api/floors/ndpr?methods=band:5.0:0.2", s.admin);
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json().at("/methods/0/method").asText()).isEqualTo("band:5.0:0.2");
        // a method refused while computing names methods too (it had no field)
        TestServer.Response far = s.get("/api/floors/ndpr?methods=marginal:1e400", s.admin);
        assertThat(far.status()).as(far.body()).isEqualTo(400);
        assertThat(far.json().at("/error/field").asText()).isEqualTo("methods");
    }
}
