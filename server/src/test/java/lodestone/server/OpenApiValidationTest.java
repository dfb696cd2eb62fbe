package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description checked by a real validator (swagger-parser), and the real server's answers checked against
 * its schemas (networknt's JSON Schema 2020-12 validator): every route has its schemas, the required fields are the
 * ones the server requires, and a client that reads only the description (its operation ids, paths and examples)
 * gets answers of the documented shapes.
 */
class OpenApiValidationTest {
    static TestServer s;
    static JsonNode doc;
    static OpenAPI parsed;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        TestServer.Response r = s.get("/api/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        doc = r.json();
        ParseOptions o = new ParseOptions();
        o.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(r.body(), null, o);
        assertThat(result.getMessages()).as("swagger-parser's findings").isEmpty();
        parsed = result.getOpenAPI();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @Test
    void everyRouteIsDescribedWithSchemasForItsBodyAndAnswer() {
        assertThat(parsed.getOpenapi()).isEqualTo("3.1.0");
        assertThat(Schemas.OPS.keySet()).as("every route has its shapes in Schemas.OPS")
                .containsExactlyInAnyOrderElementsOf(s.server.routes().stream().map(r -> r.method() + " " + r.path()).toList());
        int ops = 0;
        for (var e : parsed.getPaths().entrySet()) {
            for (var oe : e.getValue().readOperationsMap().entrySet()) {
                ops++;
                Operation op = oe.getValue();
                String where = oe.getKey() + " " + e.getKey();
                var ok = op.getResponses().entrySet().stream().filter(x -> x.getKey().startsWith("2")).findFirst().orElseThrow();
                var media = ok.getValue().getContent().values().iterator().next();
                assertThat(media.getSchema()).as(where).isNotNull();
                boolean described = media.getSchema().get$ref() != null || media.getSchema().getTypes() != null || media.getSchema().getType() != null;
                assertThat(described).as(where + ": an answer schema").isTrue();
                if (op.getRequestBody() != null) {
                    var body = op.getRequestBody().getContent().values().iterator().next();
                    assertThat(body.getSchema()).as(where).isNotNull();
                }
            }
        }
        assertThat(ops).isEqualTo(s.server.routes().size());
    }

    @Test
    void theAssessmentBodyRequiresWhatTheServerRequires() {
        JsonNode req = doc.at("/components/schemas/AssessmentRequest");
        Set<String> required = new HashSet<>();
        req.get("required").forEach(x -> required.add(x.asText()));
        assertThat(required).contains("hts", "origin", "customs_value", "quantity", "unit").doesNotContain("line_id", "entry_date", "currency",
                "content_quantity");
        // each required field really is required: leaving it out is a 400 naming it
        Map<String, Object> example = Schemas.ASSESSMENT_EXAMPLE;
        for (String f : required) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(example);
            body.remove(f);
            TestServer.Response r = s.post("/api/assessments", s.admin, body);
            assertThat(r.status()).as(f).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).as(f).isEqualTo(f);
        }
        assertThat(doc.at("/paths/~1api~1assessments/post/requestBody/content/application~1json/example/quantity").asInt()).isEqualTo(1000);
    }

    /** A client generated from the description would do this: find the operation, send its example, read the answer. */
    private TestServer.Response call(String operationId, Map<String, String> pathParams) {
        for (var p : (Iterable<Map.Entry<String, JsonNode>>) () -> doc.get("paths").fields()) {
            for (var m : (Iterable<Map.Entry<String, JsonNode>>) () -> p.getValue().fields()) {
                if (!m.getValue().path("operationId").asText().equals(operationId)) continue;
                String path = p.getKey();
                for (var pp : pathParams.entrySet()) path = path.replace("{" + pp.getKey() + "}", pp.getValue());
                JsonNode example = m.getValue().at("/requestBody/content/application~1json/example");
                return switch (m.getKey()) {
                    case "get" -> s.get(path, s.admin);
                    case "post" -> s.post(path, s.admin, example.isMissingNode() ? Map.of() : example);
                    case "put" -> s.put(path, s.admin, example);
                    case "delete" -> s.delete(path, s.admin);
                    default -> throw new AssertionError(m.getKey());
                };
            }
        }
        throw new AssertionError("no operation " + operationId);
    }

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** The answer against the operation's documented schema for its status. */
    private void assertMatches(String operationId, TestServer.Response r) {
        JsonNode op = null;
        for (var p : (Iterable<Map.Entry<String, JsonNode>>) () -> doc.get("paths").fields()) {
            for (var m : (Iterable<Map.Entry<String, JsonNode>>) () -> p.getValue().fields()) {
                if (m.getValue().path("operationId").asText().equals(operationId)) op = m.getValue();
            }
        }
        assertThat(op).as(operationId).isNotNull();
        String status = String.valueOf(r.status());
        JsonNode resp = op.at("/responses/" + status);
        if (resp.isMissingNode()) resp = op.at("/responses/4XX");
        JsonNode schema = resp.at("/content/application~1json/schema");
        ObjectNode root = TestServer.JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", doc.get("components"));
        Schema sch = REGISTRY.getSchema(root.toString(), InputFormat.JSON);
        List<com.networknt.schema.Error> errors = sch.validate(r.body(), InputFormat.JSON);
        for (var e : errors) mismatches.add(operationId + " " + status + ": " + e.getInstanceLocation() + ": " + e.getMessage() + " in " + r.body().substring(0, Math.min(200, r.body().length())));
    }

    /** Every answer that does not match its schema, over the whole test (all are reported at once). */
    private final List<String> mismatches = new java.util.ArrayList<>();

    @Test
    void aClientReadingOnlyTheDescriptionGetsAnswersOfTheDocumentedShapes() throws Exception {
        TestServer.Response created = call("postAssessments", Map.of());
        assertThat(created.status()).isEqualTo(201);
        assertMatches("postAssessments", created);
        assertThat(created.json().at("/assessment/total_duty").decimalValue()).isEqualByComparingTo("4500.00");
        String id = created.json().get("id").asText();
        assertMatches("getAssessmentsId", call("getAssessmentsId", Map.of("id", id)));
        assertMatches("getAssessments", call("getAssessments", Map.of()));
        TestServer.Response run = call("postScenarioRuns", Map.of());
        assertThat(run.status()).isEqualTo(201);
        assertMatches("postScenarioRuns", run);
        assertMatches("getScenarioRunsId", call("getScenarioRunsId", Map.of("id", run.json().get("id").asText())));
        assertMatches("postLcp", call("postLcp", Map.of()));
        assertMatches("postCompare", call("postCompare", Map.of()));
        TestServer.Response tok = call("postTokens", Map.of());
        assertThat(tok.status()).isEqualTo(201);
        assertMatches("postTokens", tok);
        assertMatches("deleteTokensId", call("deleteTokensId", Map.of("id", tok.json().get("id").asText())));
        for (String op : List.of("getHealth", "getMe", "getRegime", "getMinerals", "getAgreements", "getScenarios", "getScenarioRuns",
                "getRuns", "getTokens", "getBulkJobs", "getRegimeTree")) {
            assertMatches(op, call(op, Map.of()));
        }
        assertMatches("getRegimeSearch", s.get("/api/regime/search?q=rare+earth", s.admin));
        assertMatches("getRegimeCodesCode", s.get("/api/regime/codes/2846.90.80?date=2026-03-02&origin=CN", s.admin));
        assertMatches("getRegimeCodesCodeTimeline", s.get("/api/regime/codes/2846.90.80/timeline?origin=CN", s.admin));
        assertMatches("getRegimeDiff", s.get("/api/regime/diff?from=2026-02-23&to=2026-02-24", s.admin));
        assertMatches("getRegimeCompare", s.get("/api/regime/compare?against=bundled:plurilateral", s.admin));
        assertMatches("getRegimeTree", s.get("/api/regime/tree?code=28", s.admin));
        assertMatches("getRegimeTree", s.get("/api/regime/tree?index=0", s.admin));
        assertMatches("getAgreementsId", s.get("/api/agreements/cafta-dr", s.admin));
        assertMatches("getMineralsId", s.get("/api/minerals/rare-earths", s.admin));
        assertMatches("getMineralsId", s.get("/api/minerals/tungsten", s.admin));
        assertMatches("getMineralsId", s.get("/api/minerals/unobtainium", s.admin));
        assertMatches("getGroups", s.get("/api/groups?date=2006-06-30", s.admin));
        assertMatches("getGroups", s.get("/api/groups", s.admin));
        assertMatches("getGroupsId", s.get("/api/groups/CAFTA-DR", s.admin));
        assertMatches("getGroupsId", s.get("/api/groups/CAFTA-DR?date=2006-06-30", s.admin));
        assertMatches("getScenariosName", s.get("/api/scenarios/ndpr-floor-110", s.admin));
        assertMatches("getOriginRulesCode", s.get("/api/origin/rules/8112.12?agreement=cafta-dr", s.admin));
        String csv = s.get("/api/bulk-sample?lines=30", s.admin).body();
        TestServer.Response job = s.upload("/api/bulk-jobs?name=s.csv", s.admin, csv.getBytes(StandardCharsets.UTF_8), null);
        assertMatches("postBulkJobs", job);
        s.awaitJob(job.json().get("id").asLong(), s.admin);
        assertMatches("getBulkJobsId", s.get("/api/bulk-jobs/" + job.json().get("id").asText(), s.admin));
        TestServer.Response cmp = s.upload("/api/compare-file?with=date:2025-06-01", s.admin, csv.getBytes(StandardCharsets.UTF_8), null);
        assertMatches("postCompareFile", cmp);
        TestServer.Response cj = s.upload("/api/compare-jobs?with=date:2025-06-01", s.admin, csv.getBytes(StandardCharsets.UTF_8), null);
        assertThat(cj.status()).isEqualTo(202);
        assertMatches("postCompareJobs", cj);
        String cjId = cj.json().get("id").asText();
        for (int i = 0; i < 600 && !s.get("/api/compare-jobs/" + cjId, s.admin).json().get("status").asText().equals("done"); i++) Thread.sleep(100);
        TestServer.Response cjDone = s.get("/api/compare-jobs/" + cjId, s.admin);
        assertThat(cjDone.json().get("status").asText()).isEqualTo("done");
        assertMatches("getCompareJobsId", cjDone);
        assertMatches("getCompareJobs", call("getCompareJobs", Map.of()));
        assertMatches("getWhatifs", call("getWhatifs", Map.of()));
        assertMatches("getWhatifsId", call("getWhatifsId", Map.of("id", cmp.json().get("whatif_id").asText())));
        assertMatches("getWhatifsId", call("getWhatifsId", Map.of("id", cjDone.json().get("whatif_id").asText())));
        assertMatches("getRuns", call("getRuns", Map.of()));
        // a list's next page, as the documented header and parameter give it; a cursor that is not one, in the error shape
        assertThat(call("postAssessments", Map.of()).status()).isEqualTo(201); // two: a page of one has a next
        for (String list : List.of("assessments", "runs", "whatifs", "tokens")) {
            TestServer.Response first = s.get("/api/" + list + "?limit=1", s.admin);
            String op = "get" + Character.toUpperCase(list.charAt(0)) + list.substring(1);
            assertThat(doc.at("/paths/~1api~1" + list + "/get/responses/200/headers/Next-Cursor").isObject()).as(list).isTrue();
            assertThat(first.headers().get("next-cursor")).as(list).hasSize(1);
            TestServer.Response next = s.get("/api/" + list + "?limit=1&cursor=" + first.headers().get("next-cursor").get(0), s.admin);
            assertThat(next.status()).isEqualTo(200);
            assertMatches(op, next);
            TestServer.Response bad = s.get("/api/" + list + "?cursor=x", s.admin);
            assertThat(bad.status()).isEqualTo(400);
            assertMatches(op, bad);
        }
        assertMatches("getSession", call("getSession", Map.of()));
        assertMatches("deleteSession", call("deleteSession", Map.of()));
        assertMatches("postSession", call("postSession", Map.of())); // without the browser's header: 403, as documented
        // errors are documented too
        TestServer.Response bad = s.post("/api/assessments", s.admin, Map.of("hts", "7408.11.60"));
        assertThat(bad.status()).isEqualTo(400);
        assertMatches("postAssessments", bad);
        // a customs entry of several lines: its answer, its ledger record and its refusal listing every bad line
        TestServer.Response entry = s.post("/api/assessments", s.admin, EntryApiTest.TWO);
        assertThat(entry.status()).as(entry.body()).isEqualTo(201);
        assertMatches("postAssessments", entry);
        assertMatches("getAssessmentsId", call("getAssessmentsId", Map.of("id", entry.json().get("id").asText())));
        assertMatches("getAssessments", call("getAssessments", Map.of()));
        TestServer.Response badEntry = s.post("/api/assessments", s.admin, Map.of("lines", List.of(Map.of("hts", "7408.11.60"), Map.of())));
        assertThat(badEntry.status()).isEqualTo(400);
        assertThat(badEntry.json().at("/error/problems").size()).isEqualTo(2);
        assertMatches("postAssessments", badEntry);
        TestServer.Response sw = call("putRegime", Map.of());
        assertThat(sw.status()).isEqualTo(200);
        assertMatches("putRegime", sw);
        assertMatches("putRegime", s.put("/api/regime", s.admin, Map.of("regime", "bundled")));
        assertThat(mismatches).as("answers that do not match the description").isEmpty();
    }

    @Test
    void theRoutesOfFinancePathsStockpilesAndExposureAnswerWithTheirRecords() throws Exception {
        // every JSON answer but the description itself is a record's schema (no bare "object")
        for (var e : Schemas.OPS.entrySet()) {
            if (e.getKey().equals("GET /api/openapi.json") || e.getValue().answer() == null) continue;
            assertThat(e.getValue().answer()).as(e.getKey()).isNotEqualTo(Schemas.Any.class);
            assertThat(e.getValue().answer().isRecord()).as(e.getKey()).isTrue();
        }
        assertMatches("getLedgerVerify", call("getLedgerVerify", Map.of()));
        TestServer.Response path = call("postScenarioPaths", Map.of());
        assertThat(path.status()).as(path.body()).isEqualTo(201);
        assertMatches("postScenarioPaths", path);
        TestServer.Response fiscal = call("postScenarioFiscal", Map.of());
        assertThat(fiscal.status()).as(fiscal.body()).isEqualTo(200);
        assertMatches("postScenarioFiscal", fiscal);
        TestServer.Response job = call("postPathJobs", Map.of());
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        assertMatches("postPathJobs", job);
        String jobId = job.json().get("id").asText();
        for (int i = 0; i < 1200 && !s.get("/api/path-jobs/" + jobId, s.admin).json().get("status").asText().matches("done|failed"); i++) Thread.sleep(100);
        TestServer.Response jobDone = call("getPathJobsId", Map.of("id", jobId));
        assertThat(jobDone.json().get("status").asText()).as(jobDone.body()).isEqualTo("done");
        assertMatches("getPathJobsId", jobDone);
        assertMatches("getProjects", call("getProjects", Map.of()));
        for (String id : List.of("thacker-pass", "arafura-nolans", "mp-10x")) assertMatches("getProjectsId", call("getProjectsId", Map.of("id", id)));
        assertMatches("getProjectsIdScreening", call("getProjectsIdScreening", Map.of("id", "mp-10x")));
        TestServer.Response val = call("postValuations", Map.of());
        assertThat(val.status()).as(val.body()).isEqualTo(200);
        assertMatches("postValuations", val);
        assertMatches("getFloorsMarket", call("getFloorsMarket", Map.of("market", "ndpr")));
        assertMatches("getRankingsMarket", call("getRankingsMarket", Map.of("market", "ndpr")));
        assertMatches("getStockpiles", call("getStockpiles", Map.of()));
        assertMatches("getStockpilesName", call("getStockpilesName", Map.of("name", "project-vault")));
        assertMatches("getStockpilesNameEvents", call("getStockpilesNameEvents", Map.of("name", "project-vault")));
        TestServer.Response appended = call("postStockpilesNameEvents", Map.of("name", "project-vault"));
        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
        assertMatches("postStockpilesNameEvents", appended);
        assertMatches("getStockpiles", call("getStockpiles", Map.of())); // now kept in the store too
        assertMatches("getStockpilesNameCover", s.get("/api/stockpiles/project-vault/cover?disruption=gallium-ban&months=13&start=2027-01-01", s.admin));
        TestServer.Response rel = call("postStockpilesNameRelease", Map.of("name", "project-vault"));
        assertThat(rel.status()).as(rel.body()).isEqualTo(200);
        assertMatches("postStockpilesNameRelease", rel);
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("lodestone.root", ".."));
        for (String company : List.of("magnet-maker", "battery-maker", "electronics-maker")) {
            TestServer.Response ex = s.postText("/api/exposure?scenario=ndpr-floor-110&name=" + company + ".yaml", s.admin, "application/yaml",
                    java.nio.file.Files.readString(root.resolve("examples/exposure/" + company + ".yaml")));
            assertThat(ex.status()).as(ex.body()).isEqualTo(200);
            assertMatches("postExposure", ex);
        }
        for (String bom : List.of("antimony-qualifies", "antimony-does-not-qualify", "cadmium-hs2022-gap")) {
            TestServer.Response o = s.postText("/api/origin/check", s.admin, "application/json",
                    java.nio.file.Files.readString(root.resolve("examples/origin/" + bom + ".json")));
            assertThat(o.status()).as(o.body()).isEqualTo(200);
            assertMatches("postOriginCheck", o);
        }
        // a project file with closure, working capital and mid-year discounting: its valuation and its reading carry them, in
        // the closed schemas (Valuation, Project: closure, working_capital, discounting)
        List<Map<String, Object>> closed = new java.util.ArrayList<>();
        for (String f : List.of("flat-market.yaml", "flat-plant-closure.yaml")) {
            closed.add(Map.of("name", f, "text", java.nio.file.Files.readString(root.resolve("examples/projects/" + f))));
        }
        TestServer.Response cv = s.post("/api/valuations", s.admin, Map.of("project", "flat-plant-closure", "paths", 10, "files", closed));
        assertThat(cv.status()).as(cv.body()).isEqualTo(200);
        assertThat(cv.body()).contains("\"discounting\":\"mid-year\"").contains("\"cost_musd\":50.0").contains("\"payables_days\":{\"value\":36.5");
        assertMatches("postValuations", cv);
        TestServer.Response cf = s.post("/api/project-files", s.admin, Map.of("files", closed));
        assertThat(cf.status()).as(cf.body()).isEqualTo(200);
        assertThat(cf.body()).contains("\"closure\":{\"cost\":{\"value\":50.0,\"assumption\":\"A2\"},\"first_year\":2046,\"last_year\":2046}");
        assertMatches("postProjectFiles", cf);
        // a cost that may be per kg in a market per lb: valued, with its warning in the schema's warnings
        List<Map<String, Object>> perLb = List.of(
                Map.of("name", "m.yaml", "text", java.nio.file.Files.readString(root.resolve("examples/projects/flat-market.yaml"))
                        .replace("unit: USD/kg", "unit: USD/lb").replace("p0: {value: 60,", "p0: {value: 25,")),
                Map.of("name", "p.yaml", "text", java.nio.file.Files.readString(root.resolve("examples/projects/flat-plant.yaml"))
                        .replace("opex: {value: 40,", "opex: {value: 50,")));
        TestServer.Response warned = s.post("/api/valuations", s.admin, Map.of("project", "flat-plant", "paths", 10, "files", perLb));
        assertThat(warned.status()).as(warned.body()).isEqualTo(200);
        assertThat(warned.json().get("warnings").get(0).asText()).isEqualTo("p.yaml:15: opex: 50 USD/lb is 2× the market flat-ndpr's reference "
                + "price 25 USD/lb, a cost above the price; if it is in USD/kg it is 22.6796185 USD/lb — check the unit (the market is priced in USD/lb)");
        assertMatches("postValuations", warned);
        // a floor sweep of a project with debt (its DSCR figures and the support-ends-before-debt warning) and one refused
        TestServer.Response sweep = s.post("/api/floor-sweeps", s.admin, Map.of("project", "iluka-eneabba", "floors", List.of("100", "120"), "paths", 10));
        assertThat(sweep.status()).as(sweep.body()).isEqualTo(200);
        assertThat(sweep.json().get("has_debt").asBoolean()).isTrue();
        assertMatches("postFloorSweeps", sweep);
        assertMatches("postFloorSweeps", s.post("/api/floor-sweeps", s.admin, Map.of("project", "iluka-eneabba", "floors", List.of())));
        // refusals are documented too
        assertMatches("postValuations", s.post("/api/valuations", s.admin, Map.of("project", "nope")));
        assertThat(mismatches).as("answers that do not match the description").isEmpty();
    }
}
