package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.border.Assessor;
import lodestone.border.bulk.BulkAssessment;
import lodestone.border.bulk.EntryGenerator;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.regime.Regime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The HTTP API end to end: a real server on the embedded PostgreSQL, called over HTTP. */
class ApiTest {
    static TestServer s;
    static String analyst;

    static final Map<String, Object> COPPER = Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
            "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000);

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        JsonNode t = s.post("/api/tokens", s.admin, Map.of("name", "analyst a", "role", "analyst")).json();
        analyst = t.get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @Test
    void theFirstStartPrintsAnAdministratorTokenOnce() {
        String log = s.log.toString(StandardCharsets.UTF_8);
        // the token itself is never in the log (lodestone serve shows it on the terminal and keeps it in DATA_DIR/admin-token)
        assertThat(log).contains("lodestone: a new administrator token was issued").doesNotContain(s.admin)
                .contains("serving on http://127.0.0.1:" + s.server.port());
    }

    @Test
    void withoutAValidTokenTheApiAnswers401AsJson() {
        assertThat(s.get("/api/health", null).status()).isEqualTo(200);
        TestServer.Response none = s.get("/api/regime", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(none.json().at("/error/field").asText()).isEqualTo("Authorization");
        TestServer.Response bad = s.get("/api/regime", "lst_not-a-real-token");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().at("/error/message").asText()).isEqualTo("the API token is not valid (unknown or revoked)");
    }

    @Test
    void anAssessmentIsAnsweredWithItsTrailAndWrittenToTheLedger() {
        long before = s.server.store().ledger().count();
        TestServer.Response r = s.post("/api/assessments", analyst, COPPER);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode a = r.json().get("assessment");
        assertThat(a.get("total_duty").decimalValue()).isEqualByComparingTo("4500.00");
        assertThat(a.get("measures").findValuesAsText("id")).containsExactly("general", "9903.03.01", "9903.78.01");
        assertThat(a.get("trail").findValuesAsText("text")).anySatisfy(t -> assertThat(t).contains("less $8,000.00 charged under 9903.78.01"));
        // why the surcharge is charged on $2,000.00 only: the stacking rule of the pair, with its citation
        JsonNode surcharge = null;
        for (JsonNode t : a.get("trail")) if (t.get("id").asText().equals("9903.03.01")) surcharge = t;
        assertThat(surcharge.at("/stacking/0/by").asText()).isEqualTo("9903.78.01");
        assertThat(surcharge.at("/stacking/0/rule").asText()).isEqualTo("s232-s122-surcharge");
        assertThat(surcharge.at("/stacking/0/citation").asText()).startsWith("Proclamation of 2026-02-20 'Imposing a Temporary Import "
                + "Surcharge to Address Fundamental International Payments Problems' (Trade Act 1974 sec.122; 91 FR 9339), para.14 and "
                + "clauses (1)-(7); HTSUS U.S. note 2(aa); the Section 232 exception, 14(k); clause (4): surcharge does not apply to the "
                + "part of an import covered by a 232 duty;");
        long id = r.json().get("id").asLong();
        assertThat(s.server.store().ledger().count()).isEqualTo(before + 1);

        JsonNode back = s.get("/api/assessments/" + id, analyst).json();
        assertThat(back.get("actor").asText()).isEqualTo("analyst a (token #2)");
        assertThat(back.get("regime").asText()).isEqualTo("bundled");
        assertThat(back.at("/request/hts").asText()).isEqualTo("7408.11.60");
        assertThat(back.get("regime_version").asText()).isEqualTo(Regime.bundled().version());
        assertThat(back.get("assessment")).isEqualTo(a);
        assertThat(s.get("/api/assessments?limit=5", analyst).json().findValuesAsText("hts")).contains("7408.11.60.00");
    }

    @Test
    void aRawLcpIsSolvedAsOnTheCommandLine() {
        // M = [[2, 1], [1, 2]], q = (−5, −6): both z basic, z = M⁻¹(5, 6) = (4/3, 7/3), w = 0
        JsonNode r = s.post("/api/lcp", analyst, Map.of("M", List.of(List.of(2, 1), List.of(1, 2)), "q", List.of(-5, -6))).json();
        assertThat(r.get("status").asText()).isEqualTo("solved");
        assertThat(r.at("/z/0").asDouble()).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(r.at("/z/1").asDouble()).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(r.at("/w/0").asDouble()).isCloseTo(0, within(1e-12));
        assertThat(r.get("residual").asDouble()).isLessThanOrEqualTo(1e-9 * 6);
        assertThat(r.get("pivots").asInt()).isPositive();
        // M = [[0]], q = (−1): w = −1 whatever z is — no solution, and the answer says why
        JsonNode none = s.post("/api/lcp", analyst, Map.of("M", List.of(List.of(0)), "q", List.of(-1))).json();
        assertThat(none.get("status").asText()).isEqualTo("no-solution");
        assertThat(none.get("reason").asText()).startsWith("ray termination");
        TestServer.Response bad = s.post("/api/lcp", analyst, "{\"M\": [[1, 2], [3]], \"q\": [1, 2]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/field").asText()).isEqualTo("M[1]");
        assertThat(bad.json().at("/error/message").asText()).isEqualTo("M[1]: expected an array of 2 numbers");
        // the API bounds the work a request can ask for
        TestServer.Response big = s.post("/api/lcp", analyst, Map.of("M", List.of(List.of(0)), "q", java.util.Collections.nCopies(201, 1)));
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.json().at("/error/message").asText()).isEqualTo("q: has 201 entries; at most 200 are accepted here");
        TestServer.Response unauthenticated = s.post("/api/lcp", null, Map.of("M", List.of(List.of(1)), "q", List.of(1)));
        assertThat(unauthenticated.status()).isEqualTo(401);
    }

    @Test
    void badEntriesAreRefusedNamingTheField() {
        TestServer.Response unknown = s.post("/api/assessments", analyst, Map.of("hts", "7408.11.60", "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/field").asText()).isEqualTo("colour");
        assertThat(unknown.json().at("/error/message").asText()).startsWith("colour: unknown field; expected the bulk fields line_id, hts,");

        TestServer.Response date = s.post("/api/assessments", analyst, Map.of("hts", "7408.11.60", "origin", "CL",
                "entry_date", "2026-13-01", "customs_value", 1));
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.json().at("/error/field").asText()).isEqualTo("entry_date");
        // a date in the right form that names no day says why, in a body and in a query alike (session 28: a leap day)
        assertThat(date.json().at("/error/message").asText()).isEqualTo("entry_date: bad date '2026-13-01'; expected yyyy-mm-dd; there is no month 13");
        TestServer.Response leap = s.get("/api/regime/codes/7408.11.60?date=2026-02-29&origin=CL", analyst);
        assertThat(leap.status()).isEqualTo(400);
        assertThat(leap.json().at("/error/message").asText()).isEqualTo("date: \"2026-02-29\" is not a date: 2026-02 has 28 days; expected YYYY-MM-DD");
        assertThat(s.get("/api/regime/codes/7408.11.60?date=2024-02-29&origin=CL", analyst).json().get("date").asText()).isEqualTo("2024-02-29");

        TestServer.Response notJson = s.post("/api/assessments", analyst, "{\"hts\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().at("/error/message").asText()).isEqualTo("the request body is not valid JSON: it ends before the JSON "
                + "value is complete (line 1, column 9); the object opened at line 1, column 1 is not closed"); // no parser internals
        TestServer.Response open = s.post("/api/assessments", analyst, "{\"hts\": [\n");
        assertThat(open.json().at("/error/message").asText()).isEqualTo("the request body is not valid JSON: it ends before the JSON "
                + "value is complete (line 2, column 1); the array opened at line 1, column 9 is not closed"); // where it was opened

        TestServer.Response huge = s.post("/api/assessments", analyst, "{\"hts\": \"" + "9".repeat(70_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().at("/error/code").asText()).isEqualTo("too_large");
        assertThat(huge.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void analystsReadAndRunButOnlyAdministratorsManageTokensAndRegimes() {
        TestServer.Response t = s.post("/api/tokens", analyst, Map.of("name", "x"));
        assertThat(t.status()).isEqualTo(403);
        assertThat(t.json().at("/error/message").asText()).isEqualTo("only administrators may POST /api/tokens; this token's role is analyst");
        assertThat(s.put("/api/regime", analyst, Map.of("regime", "bundled:plurilateral")).status()).isEqualTo(403);

        JsonNode made = s.post("/api/tokens", s.admin, Map.of("name", "short-lived", "role", "analyst")).json();
        String secret = made.get("secret").asText();
        assertThat(s.get("/api/me", secret).json().get("role").asText()).isEqualTo("analyst");
        assertThat(s.delete("/api/tokens/" + made.get("id").asLong(), s.admin).status()).isEqualTo(200);
        assertThat(s.get("/api/me", secret).status()).isEqualTo(401);
        assertThat(s.get("/api/tokens", s.admin).json().findValuesAsText("name")).contains("administrator", "analyst a", "short-lived");
        assertThat(s.get("/api/tokens", s.admin).body()).doesNotContain(secret);
    }

    @Test
    void anAdministratorSwitchesTheRegimeAndABadOneChangesNothing() {
        JsonNode r = s.put("/api/regime", s.admin, Map.of("regime", "bundled:plurilateral")).json();
        assertThat(r.get("active").asText()).isEqualTo("bundled:plurilateral");
        TestServer.Response bad = s.put("/api/regime", s.admin, Map.of("regime", "/no/such/regime"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/field").asText()).isEqualTo("regime");
        assertThat(s.get("/api/regime", analyst).json().get("active").asText()).isEqualTo("bundled:plurilateral");
        // a folder the server's operator offered (serve --regime-folder): named folder:NAME, loaded once when activated, then
        // shared by every request; the analyst sees the name, not where it is on the server
        assertThat(s.get("/api/regime", analyst).json().get("available")).extracting(JsonNode::asText)
                .containsExactly("bundled", "bundled:plurilateral", "folder:regime");
        assertThat(s.put("/api/regime", s.admin, Map.of("regime", "folder:regime")).json().get("active").asText()).isEqualTo("folder:regime");
        assertThat(s.get("/api/regime", analyst).body()).doesNotContain(TestServer.repoRegime());
        for (int i = 0; i < 3; i++) {
            TestServer.Response a = s.post("/api/assessments", analyst, COPPER);
            assertThat(a.status()).isEqualTo(201);
            assertThat(a.json().at("/assessment/total_duty").decimalValue()).isEqualByComparingTo("4500.00");
        }
        assertThat(s.put("/api/regime", s.admin, Map.of("regime", "bundled")).json().get("active").asText()).isEqualTo("bundled");
    }

    @Test
    void theOpenApiDescriptionListsExactlyTheRoutes() {
        JsonNode doc = s.get("/api/openapi.json", null).json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> described = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> described.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> routed = new HashSet<>();
        for (Route r : s.server.routes()) routed.add(r.method() + " " + r.path());
        assertThat(described).isEqualTo(routed);
        // and each described GET without path parameters is really served (not a 404)
        for (Route r : s.server.routes()) {
            if (!r.method().equals("GET") || r.path().contains("{")) continue;
            String q = r.path().endsWith("/search") ? "?q=cobalt" : r.path().endsWith("/diff") ? "?from=2026-02-23&to=2026-02-24"
                    : r.path().endsWith("/compare") ? "?against=bundled:plurilateral" : "";
            assertThat(s.get(r.path() + q, s.admin).status()).as(r.path()).isEqualTo(200);
        }
        // the documented success status is the one answered
        assertThat(doc.at("/paths/~1api~1assessments/post/responses").has("201")).isTrue();
        assertThat(doc.at("/paths/~1api~1bulk-jobs/post/responses").has("202")).isTrue();
        assertThat(doc.at("/paths/~1api~1origin~1check/post/responses").has("200")).isTrue();
        TestServer.Response missing = s.get("/api/no-such-thing", s.admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void theRegimeIsBrowsableByCodeDateAndOrigin() {
        JsonNode code = s.get("/api/regime/codes/7408.11.60?date=2026-03-02&origin=CL", analyst).json();
        assertThat(code.get("code").asText()).isEqualTo("7408.11.60.00");
        assertThat(code.get("measures").findValuesAsText("output_id")).contains("9903.78.01");
        // the regime's known gaps that touch a line on a date (Annex I-C: chapters 84 and 87 from 2026-06-08)
        JsonNode machine = s.get("/api/regime/codes/8429.51.10.15?date=2026-08-01&origin=JP", analyst).json();
        assertThat(machine.get("known_gaps").findValuesAsText("id")).contains("s232-annex-i-c", "s232-annex-lists-2026-06-08");
        assertThat(code.get("known_gaps").findValuesAsText("id")).containsExactly("ad-cvd-orders"); // the gap of every line only
        assertThat(code.get("warnings").size()).isZero();
        // a date the facts do not reach is said, as an assessment on it says it (reported: no warning on 0001-01-01 or past the horizon)
        TestServer.Response sub = s.get("/api/regime/codes/8505.11?date=2026-03-02", analyst);
        assertThat(sub.status()).isEqualTo(404);
        assertThat(sub.json().at("/error/message").asText()).startsWith("8505.11 is a subheading, not a tariff line");
        JsonNode early = s.get("/api/regime/codes/2846.90.80?date=0001-01-01", analyst).json();
        assertThat(early.get("warnings").get(0).asText()).startsWith("regime horizon: the entry date 0001-01-01 is before 2025-01-01");
        JsonNode late = s.get("/api/regime/codes/2846.90.80?date=2026-11-20", analyst).json();
        assertThat(late.get("warnings").get(0).asText()).startsWith("regime horizon: the entry date 2026-11-20 is after 2026-10-07");
        JsonNode tree = s.get("/api/regime/tree?code=2846", analyst).json();
        assertThat(tree.get("children").findValuesAsText("code")).contains("2846.10.00", "2846.90");
        assertThat(s.get("/api/regime/tree", analyst).json().get("children").size()).isGreaterThan(90);
        JsonNode diff = s.get("/api/regime/diff?from=2026-02-23&to=2026-02-24", analyst).json();
        assertThat(diff.get("changes").findValuesAsText("id")).contains("us-s122-surcharge");
        // an overlay against another registered regime (regime diff --against): the plurilateral floor is the difference
        String active = s.get("/api/regime", analyst).json().get("active").asText();
        String other = active.equals("bundled") ? "bundled:plurilateral" : "bundled";
        JsonNode cmp = s.get("/api/regime/compare?against=" + other, analyst).json();
        assertThat(cmp.get("against").asText()).isNotEqualTo(cmp.get("regime").asText());
        JsonNode floor = null;
        for (JsonNode ch : cmp.get("changes")) if (ch.get("id").asText().equals("pluri-floor-ndpr-oxide")) floor = ch;
        assertThat(floor).as(cmp.toString()).isNotNull();
        assertThat(floor.get("change").asText()).isEqualTo(active.equals("bundled") ? "removed" : "added");
        assertThat(floor.get("kind").asText()).isEqualTo("measure");
        TestServer.Response noAgainst = s.get("/api/regime/compare", analyst);
        assertThat(noAgainst.status()).isEqualTo(400);
        assertThat(noAgainst.json().at("/error/field").asText()).isEqualTo("against");
        assertThat(s.get("/api/regime/compare?against=/etc", analyst).json().at("/error/code").asText()).isEqualTo("unknown_regime");
        JsonNode timeline = s.get("/api/regime/codes/2846.90.80/timeline?origin=CN", analyst).json();
        assertThat(timeline.get("measures").size()).isGreaterThan(2);
        TestServer.Response unknown = s.get("/api/regime/codes/2846.90.99", analyst);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/message").asText()).contains("nearest codes");
        TestServer.Response noContent = s.post("/api/assessments", analyst, Map.of("hts", "7408.11.60", "origin", "CL",
                "entry_date", "2026-03-02", "customs_value", 100, "quantity", 10, "unit", "kg"));
        assertThat(noContent.status()).isEqualTo(400);
        assertThat(noContent.json().at("/error/message").asText()).contains("declare metal_content_value");
        assertThat(s.get("/api/regime/codes/2846.90.80?date=soon", analyst).json().at("/error/field").asText()).isEqualTo("date");
        assertThat(s.get("/api/agreements", analyst).json().size()).isGreaterThan(5);
    }

    /** The web page lets anyone move the floor, the strike or a release: every such run must find its equilibrium. */
    @Test
    void everyParameterAPersonCanSetInTheWebPageSolves() {
        List<String> failed = new java.util.ArrayList<>();
        for (int floor = 40; floor <= 200; floor += 10) {
            TestServer.Response r = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110", "parameters", Map.of("floor", floor)));
            if (r.status() != 201) failed.add("floor " + floor + ": " + r.json().get("error"));
        }
        for (int strike = 40; strike <= 200; strike += 20) {
            TestServer.Response r = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-subsidy-110", "parameters", Map.of("strike", strike)));
            if (r.status() != 201) failed.add("strike " + strike + ": " + r.json().get("error"));
        }
        for (int release = 0; release <= 200; release += 25) {
            TestServer.Response r = s.post("/api/scenario-runs", analyst, Map.of("scenario", "gallium-ban-stockpile",
                    "parameters", Map.of("releases", Map.of("US", release))));
            if (r.status() != 201) failed.add("release " + release + ": " + r.json().get("error"));
        }
        TestServer.Response lifted = s.post("/api/scenario-runs", analyst, Map.of("scenario", "gallium-ban", "parameters", Map.of("ban", false)));
        if (lifted.status() != 201) failed.add("ban lifted: " + lifted.json().get("error"));
        TestServer.Response club = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110",
                "parameters", Map.of("members", List.of("US", "JP"))));
        if (club.status() != 201) failed.add("club US+JP: " + club.json().get("error"));
        assertThat(failed).isEmpty();
    }

    @Test
    void aBillOfMaterialsIsCheckedAgainstTheRulesOfOrigin() throws Exception {
        Path examples = Path.of(System.getProperty("lodestone.root", ".."), "examples", "origin");
        JsonNode yes = s.post("/api/origin/check", analyst, Files.readString(examples.resolve("antimony-qualifies.json"))).json();
        assertThat(yes.get("qualifies").asBoolean()).isTrue();
        JsonNode no = s.post("/api/origin/check", analyst, Files.readString(examples.resolve("antimony-does-not-qualify.json"))).json();
        assertThat(no.get("qualifies").asBoolean()).isFalse();
        assertThat(no.get("suggestions").size()).isPositive();
        // waste and scrap of used goods collected in a party: wholly obtained (GN 29(c)(i)(J)), whatever the goods' origin
        JsonNode scrap = s.post("/api/origin/check", analyst, Files.readString(examples.resolve("copper-scrap-used-goods.json"))).json();
        assertThat(scrap.get("qualifies").asBoolean()).isTrue();
        assertThat(scrap.get("rule").asText()).isEqualTo("GN 29(c)(i)(J) waste and scrap");
        TestServer.Response bad = s.post("/api/origin/check", analyst, Files.readString(examples.resolve("malformed.json")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/message").asText()).startsWith("2 problems; nothing was checked:\nbill of materials:");
        // the problems name the lines the client wrote (the body was re-serialised to one line: every problem said line 1)
        assertThat(bad.json().at("/error/message").asText())
                .contains("bill of materials:2: product.adjusted_value:", "bill of materials:4: materials[0].originating:");
        // a key given twice is refused, as the command line refuses it (it took the last value: 6 % non-originating qualified)
        TestServer.Response twice = s.post("/api/origin/check", analyst, "{\"product\": {\"hts\": \"8110.90.00\", "
                + "\"adjusted_value\": 100, \"adjusted_value\": 1000}, \"materials\": [{\"hts\": \"8110.10.00\", "
                + "\"value\": 60, \"originating\": false}]}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().at("/error/message").asText())
                .isEqualTo("the request body is not valid JSON: duplicate field 'adjusted_value' at line 1, column 58; a field may be given once");
        // and so is any body's: an assessment's customs value given twice
        TestServer.Response entry = s.post("/api/assessments", analyst, "{\"hts\": \"7403.11.00\", \"origin\": \"CL\", "
                + "\"customs_value\": 100, \"customs_value\": 100000}");
        assertThat(entry.status()).isEqualTo(400);
        assertThat(entry.json().at("/error/message").asText()).contains("duplicate field 'customs_value' at line 1, column 61;");
        JsonNode rule = s.get("/api/origin/rules/8110.90", analyst).json();
        assertThat(rule.get("rule").size()).isPositive();
        assertThat(s.get("/api/origin/rules/81", analyst).json().at("/error/field").asText()).isEqualTo("code");
        assertThat(s.get("/api/minerals", analyst).json().findValuesAsText("id")).contains("gallium", "neodymium");
    }

    @Test
    void mineralsWithTheirSummaryAndValueChainsAndCountryGroupsOnADate() {
        // the list: each mineral's summary, as its description says (it gave only id and name)
        JsonNode list = s.get("/api/minerals", analyst).json();
        assertThat(list.size()).isEqualTo(60);
        JsonNode nd = null;
        for (JsonNode x : list) if (x.get("id").asText().equals("neodymium")) nd = x;
        assertThat(nd).isNotNull();
        assertThat(nd.get("symbol").asText()).isEqualTo("Nd");
        assertThat(nd.get("family").asText()).isEqualTo("rare earth (lanthanide)");
        assertThat(nd.get("on_2022_list").asBoolean()).isTrue();
        assertThat(nd.at("/value_chains/0/name").asText()).isEqualTo("Rare earths");
        assertThat(nd.get("content_bases").findValuesAsText("id")).contains("REO", "NdPr-oxide");
        assertThat(nd.get("in_2025_draft_list").asBoolean()).isTrue();
        JsonNode te = s.get("/api/minerals/tellurium", analyst).json().get("mineral");
        assertThat(te.get("in_2025_draft_list").asBoolean()).isFalse(); // proposed for removal in the draft, kept in the final list
        assertThat(te.get("note").asText()).isEqualTo("draft (Aug 26 2025) recommended removal; retained in final");

        // one value chain: its products with their codes and bases, the bases described
        JsonNode re = s.get("/api/minerals/rare-earths", analyst).json();
        assertThat(re.get("mineral").isNull()).isTrue();
        assertThat(re.at("/value_chains/0/products/0/hts/0").asText()).isEqualTo("2530.90.80");
        assertThat(re.at("/value_chains/0/products/0/content_basis").asText()).isEqualTo("REO");
        assertThat(re.at("/content_bases/0/name").asText()).isEqualTo("rare-earth oxide equivalent");
        // a product quoted by USGS cites the summary its price (and unit) comes from; one without a citation has none
        JsonNode ndpr = null;
        for (JsonNode p : re.at("/value_chains/0/products")) if (p.get("id").asText().equals("ndpr-oxide")) ndpr = p;
        assertThat(ndpr).isNotNull();
        assertThat(ndpr.at("/source/title").asText()).isEqualTo("USGS Mineral Commodity Summaries 2026 — Rare earths (price of NdPr "
                + "oxide 99 % min, FOB China, USD/kg; Feb 2026)");
        assertThat(ndpr.at("/source/url").asText()).isEqualTo("https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-rare-earths.pdf");
        assertThat(re.at("/value_chains/0/products/0/source").isNull()).isTrue();
        // a mineral of the list: its facts and the chain that spans it
        JsonNode w = s.get("/api/minerals/tungsten", analyst).json();
        assertThat(w.at("/mineral/symbol").asText()).isEqualTo("W");
        assertThat(w.at("/value_chains/0/id").asText()).isEqualTo("tungsten");
        JsonNode wo3 = null;
        for (JsonNode b : w.get("content_bases")) if (b.get("id").asText().equals("WO3")) wo3 = b;
        assertThat(wo3).isNotNull();
        assertThat(wo3.at("/conversions/0/basis").asText()).isEqualTo("W");
        assertThat(wo3.at("/conversions/0/mass_fraction").asText()).isEqualTo("0.79297"); // exact, as a string
        TestServer.Response unknown = s.get("/api/minerals/unobtainium", analyst);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/field").asText()).isEqualTo("id");
        assertThat(unknown.json().at("/error/message").asText()).startsWith("unknown mineral or value chain 'unobtainium'");

        // country groups: CAFTA-DR entered into force for Guatemala on 2006-07-01
        JsonNode before = s.get("/api/groups/CAFTA-DR?date=2006-06-30", analyst).json();
        assertThat(before.get("members").findValuesAsText("country")).containsExactly("US", "SV", "HN", "NI");
        assertThat(before.get("member_count").asInt()).isEqualTo(4);
        JsonNode windows = s.get("/api/groups/CAFTA-DR", analyst).json();
        assertThat(windows.get("date").isNull()).isTrue();
        assertThat(windows.at("/members/4/country").asText()).isEqualTo("GT");
        assertThat(windows.at("/members/4/from").asText()).isEqualTo("2006-07-01");
        assertThat(windows.at("/members/4/to").isNull()).isTrue();
        JsonNode all = s.get("/api/groups?date=2020-02-01", analyst).json();
        assertThat(all.findValuesAsText("id")).startsWith("EU27", "CAFTA-DR", "USMCA");
        assertThat(all.get(0).get("members").findValuesAsText("country")).doesNotContain("GB").hasSize(27);
        TestServer.Response nope = s.get("/api/groups/NOPE", analyst);
        assertThat(nope.status()).isEqualTo(404);
        assertThat(nope.json().at("/error/message").asText()).startsWith("unknown group 'NOPE'; known: EU27, CAFTA-DR");
        // members asked for past the regime's horizon: said, not listed as if known (inside it: no warning)
        assertThat(before.get("warnings")).isEmpty();
        JsonNode later = s.get("/api/groups/CAFTA-DR?date=2027-06-01", analyst).json();
        assertThat(later.get("warnings").get(0).asText()).isEqualTo("regime horizon: the date 2027-06-01 is after 2026-10-07, the last "
                + "date through which the facts of regime us-2026 were checked; memberships that began or ended since then are not in this list");
        TestServer.Response badDate = s.get("/api/groups/CAFTA-DR?date=2006-13-01", analyst);
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().at("/error/field").asText()).isEqualTo("date");
    }

    @Test
    void aWholeFileProblemNamesNoField() {
        // reported: a file's problems that concern no one field answered "field": "" (a client switching on it saw a field)
        TestServer.Response r = s.postText("/api/exposure?name=e.yaml", analyst, "application/yaml", "company: [\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).contains("e.yaml");
        assertThat(r.json().at("/error").has("field")).isTrue();
        assertThat(r.json().at("/error/field").isNull()).as(r.body()).isTrue();
    }

    @Test
    void compareAssessesTheSameShipmentOnAnotherDate() {
        Map<String, Object> body = new java.util.HashMap<>(COPPER);
        body.put("with", "date:2025-06-01");
        JsonNode c = s.post("/api/compare", analyst, body).json();
        assertThat(c.at("/a/assessment/total_duty").decimalValue()).isEqualByComparingTo("4500.00");
        assertThat(c.at("/b/assessment/date").asText()).isEqualTo("2025-06-01");
        assertThat(c.get("difference").decimalValue()).isEqualByComparingTo(
                c.at("/b/assessment/total_duty").decimalValue().subtract(c.at("/a/assessment/total_duty").decimalValue()));
    }

    /** A seeded bulk file of generated shipments (as the sample endpoint and `lodestone generate-entries` write). */
    static String generated(Regime regime, long seed, int lines) throws java.io.IOException {
        StringWriter w = new StringWriter();
        new EntryGenerator(regime, seed).write(w, lines);
        return w.toString();
    }

    @Test
    void aWholeFileIsComparedAsOnTheCommandLine() throws Exception {
        Regime regime = Regime.bundled();
        String text = generated(regime, 7L, 3_000);
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        Path in = Files.createTempFile("compare", ".csv");
        Files.write(in, data);
        Assessor assessor = PreferenceOriginVerifier.assessorFor(regime);
        for (String date : List.of("2025-06-01", "2026-12-31")) {
            Map<String, Object> expected = lodestone.border.bulk.Comparison.run(assessor, assessor, lodestone.border.WhatIf.on(java.time.LocalDate.parse(date)), in, null, 5, false)
                    .toJson("bundled", "bundled on " + date);
            TestServer.Response r = s.upload("/api/compare-file?with=date:" + date + "&top=5&name=entries.csv", analyst, data, null);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            // the same figures as the command line's (both sides read back by the same JSON reader)
            com.fasterxml.jackson.databind.node.ObjectNode answer = (com.fasterxml.jackson.databind.node.ObjectNode) r.json();
            assertThat(answer.remove("whatif_id").asLong()).as("recorded as a what-if").isPositive();
            assertThat(answer).isEqualTo(TestServer.JSON.readTree(TestServer.JSON.writeValueAsString(expected)));
            assertThat(r.json().get("lines").asLong()).isEqualTo(3_000);
        }
        TestServer.Response noWith = s.upload("/api/compare-file?name=entries.csv", analyst, data, null);
        assertThat(noWith.status()).isEqualTo(400);
        assertThat(noWith.json().at("/error/field").asText()).isEqualTo("with");
        TestServer.Response badHeader = s.upload("/api/compare-file?with=date:2026-01-01&name=mine.csv", analyst,
                "line,hts\n1,7408.11.60\n".getBytes(StandardCharsets.UTF_8), null);
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.json().at("/error/message").asText()).startsWith("mine.csv:1: header lacks required column").doesNotContain("lodestone-compare");
        byte[] latin1 = (text.lines().limit(3).collect(java.util.stream.Collectors.joining("\n")) + "\n")
                .replaceFirst("\n([^,\n]*),", "\nSoci\u00e9t\u00e9,").getBytes(StandardCharsets.ISO_8859_1);
        TestServer.Response notUtf8 = s.upload("/api/compare-file?with=date:2026-01-01&name=latin.csv", analyst, latin1, null);
        // read as a bulk job reads it: the line that is not UTF-8 is one line not comparable, the others are compared
        assertThat(notUtf8.status()).as(notUtf8.body()).isEqualTo(201);
        assertThat(notUtf8.json().get("lines").asLong()).isEqualTo(2);
        assertThat(notUtf8.json().get("not_comparable").asLong()).isGreaterThanOrEqualTo(1);
        TestServer.Response unknownRegime = s.upload("/api/compare-file?with=nowhere&name=entries.csv", analyst, data, null);
        assertThat(unknownRegime.status()).isEqualTo(400);
        assertThat(unknownRegime.json().at("/error/code").asText()).isEqualTo("unknown_regime");
    }

    @Test
    void aBulkJobGivesTheSameFilesAsTheCommandLineAndIsNotAssessedTwice() throws Exception {
        Regime regime = Regime.bundled();
        byte[] data = generated(regime, 42L, 25_000).getBytes(StandardCharsets.UTF_8);
        TestServer.Response sub = s.upload("/api/bulk-jobs?name=entries.csv", analyst, data, "batch-1");
        assertThat(sub.status()).as(sub.body()).isEqualTo(202);
        long id = sub.json().get("id").asLong();
        JsonNode done = s.awaitJob(id, analyst);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("lines_done").asLong()).isEqualTo(25_000);
        assertThat(done.get("assessed").asLong() + done.get("prohibited").asLong() + done.get("rejected").asLong()).isEqualTo(25_000);

        Path dir = Files.createTempDirectory("bulk-ref");
        Path in = dir.resolve("entries.csv");
        Files.write(in, data);
        Assessor assessor = PreferenceOriginVerifier.assessorFor(regime);
        BulkAssessment.Summary ref = BulkAssessment.run(assessor, in, dir.resolve("out.csv"), dir.resolve("rej.csv"), BulkAssessment.Options.defaults());
        TestServer.Response results = s.get("/api/bulk-jobs/" + id + "/results", analyst);
        assertThat(results.headers().get("content-disposition")).containsExactly("attachment; filename=\"entries-results.csv\"");
        assertThat(results.body()).isEqualTo(Files.readString(dir.resolve("out.csv")));
        assertThat(s.get("/api/bulk-jobs/" + id + "/rejects", analyst).body()).isEqualTo(Files.readString(dir.resolve("rej.csv")));
        assertThat(done.get("total_duty").decimalValue()).isEqualByComparingTo(ref.totalDuty());
        assertThat(done.get("rejected").asLong()).isEqualTo(ref.rejected());

        TestServer.Response again = s.upload("/api/bulk-jobs?name=again.csv", analyst, data, "batch-1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("id").asLong()).isEqualTo(id);
        TestServer.Response otherKey = s.upload("/api/bulk-jobs?name=entries.csv", analyst, data, "batch-2");
        assertThat(otherKey.json().get("id").asLong()).isNotEqualTo(id);
    }

    /**
     * A job's totals (GET /api/bulk-jobs/{id}/totals) are the command line's, to the cent, and reconcile; lines repeating an
     * earlier line's id — here across the job's chunks — are warned of in the same bytes as assess-file writes, and counted.
     */
    @Test
    void aBulkJobsTotalsAndRepeatedIdsAreTheCommandLines() throws Exception {
        Regime regime = Regime.bundled();
        String gen = generated(regime, 43L, 12_000);
        List<String> lines = gen.lines().toList();
        String text = gen + String.join("\n", lines.subList(1, 301)) + "\n"; // the first 300 lines again, after the 12,000
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        TestServer.Response sub = s.upload("/api/bulk-jobs?name=twice.csv", analyst, data, "totals-1");
        assertThat(sub.status()).as(sub.body()).isEqualTo(202);
        long id = sub.json().get("id").asLong();
        JsonNode done = s.awaitJob(id, analyst);
        assertThat(done.get("status").asText()).isEqualTo("done");

        Path dir = Files.createTempDirectory("bulk-totals");
        Path in = dir.resolve("twice.csv");
        Files.write(in, data);
        BulkAssessment.Summary ref = BulkAssessment.run(PreferenceOriginVerifier.assessorFor(regime), in, dir.resolve("out.csv"),
                dir.resolve("rej.csv"), BulkAssessment.Options.defaults());
        assertThat(ref.duplicateIds()).isEqualTo(300);
        assertThat(s.get("/api/bulk-jobs/" + id + "/results", analyst).body()).isEqualTo(Files.readString(dir.resolve("out.csv")))
                .contains(BulkAssessment.duplicateWarning(2)).contains(BulkAssessment.duplicateWarning(301));
        assertThat(done.get("duplicate_ids").asLong()).isEqualTo(300);
        assertThat(done.has("duplicate_check_stopped_at")).isFalse();
        assertThat(done.get("totals").asText()).isEqualTo("/api/bulk-jobs/" + id + "/totals");

        TestServer.Response t = s.get("/api/bulk-jobs/" + id + "/totals", analyst);
        assertThat(t.status()).as(t.body()).isEqualTo(200);
        JsonNode tj = t.json();
        assertThat(tj.get("complete").asBoolean()).isTrue();
        assertThat(tj.get("duplicate_ids").asLong()).isEqualTo(300);
        assertThat(tj.get("total_duty").decimalValue()).isEqualByComparingTo(ref.totalDuty()).isEqualByComparingTo(done.get("total_duty").decimalValue());
        com.fasterxml.jackson.databind.node.ObjectNode expected = ref.totals().toJson();
        for (String list : List.of("by_origin", "by_heading", "by_measure")) {
            assertThat(TestServer.JSON.readTree(tj.get(list).toString())).as(list)
                    .isEqualTo(TestServer.JSON.readTree(expected.get(list).toString()));
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (JsonNode r : tj.get(list)) sum = sum.add(r.get("total_duty").decimalValue());
            assertThat(sum).as(list + " sums to the total").isEqualByComparingTo(ref.totalDuty());
        }
        assertThat(tj.get("by_measure").size()).isGreaterThan(5);
        assertThat(s.get("/api/bulk-jobs/" + (id + 1000) + "/totals", analyst).status()).isEqualTo(404);
    }

    @Test
    void aBulkJobOnABadFileGivesTheSameFilesAsTheCommandLine() throws Exception {
        // invalid UTF-8, an unterminated quote, an extra field, a number out of bounds, a thousands separator: each a
        // located reject, and the job's files are byte for byte what assess-file writes for the same bytes
        String h = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,content_quantity,content_unit,documents,"
                + "preference,loaded_date,us_content_value,metal_content_value,producer\n";
        String ree = "ree-%d,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,,,,,,,%s\n";
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(h.getBytes(StandardCharsets.UTF_8));
        b.writeBytes(String.format(ree, 1, "Soci").strip().getBytes(StandardCharsets.UTF_8));
        b.write(0xE9);
        b.writeBytes("t\u00e9\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("ree-2,\"2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,,,,,,,\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("copper-1,7408.11.60.00,CL,2026-03-02,10000,USD,1000,kg,,,,,,,3000,8000,\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(String.format(ree, 4, "").replace(",10000,", ",1e400,").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(String.format(ree, 5, "").replace(",10000,", ",10,000.00,").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(String.format(ree, 6, "Soci\u00e9t\u00e9").getBytes(StandardCharsets.UTF_8));
        byte[] data = b.toByteArray();
        TestServer.Response sub = s.upload("/api/bulk-jobs?name=bad.csv", analyst, data, null);
        assertThat(sub.status()).as(sub.body()).isEqualTo(202);
        JsonNode done = s.awaitJob(sub.json().get("id").asLong(), analyst);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("lines_done").asLong()).isEqualTo(6);
        assertThat(done.get("rejected").asLong()).isEqualTo(5);

        Path dir = Files.createTempDirectory("bulk-bad");
        Path in = dir.resolve("bad.csv");
        Files.write(in, data);
        BulkAssessment.run(PreferenceOriginVerifier.assessorFor(Regime.bundled()), in, dir.resolve("out.csv"), dir.resolve("rej.csv"),
                BulkAssessment.Options.defaults());
        long id = sub.json().get("id").asLong();
        assertThat(s.get("/api/bulk-jobs/" + id + "/results", analyst).body()).isEqualTo(Files.readString(dir.resolve("out.csv")));
        String rejects = s.get("/api/bulk-jobs/" + id + "/rejects", analyst).body();
        assertThat(rejects).isEqualTo(Files.readString(dir.resolve("rej.csv")));
        // the API's entry fields go through the same EntryFields: a JSON number beyond a double is a located 400, not a 500
        for (String v : new String[]{"1e400", "\"1e400\"", "\"1e999999999\"", "\"10,000.00\""}) {
            TestServer.Response r = s.post("/api/assessments", analyst, "{\"hts\":\"2846.90.80.90\",\"origin\":\"CN\","
                    + "\"entry_date\":\"2026-03-02\",\"customs_value\":" + v + ",\"quantity\":1,\"unit\":\"kg\"}");
            assertThat(r.status()).as(v + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/message").asText()).as(v).startsWith("customs_value: '");
        }
        assertThat(rejects).contains("2,ree-1,producer,\"not valid UTF-8", "3,ree-2,hts,\"unterminated quote", "4,copper-1,line,\"17 fields",
                "5,ree-4,customs_value,'1e400' is out of bounds", "6,ree-5,line,\"17 fields where the header has 16");
    }

    static double usPrice(JsonNode result, String which) {
        for (JsonNode r : result.get("regions")) if (r.get("id").asText().equals("US")) return r.at("/price/" + which).asDouble();
        throw new AssertionError("no US region");
    }

    @Test
    void theSampleBulkFileIsSeededAndAssessable() throws Exception {
        TestServer.Response a = s.get("/api/bulk-sample?lines=50&seed=3", analyst);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().split("\n")).hasSize(51);
        assertThat(s.get("/api/bulk-sample?lines=50&seed=3", analyst).body()).isEqualTo(a.body());
        assertThat(s.get("/api/bulk-sample?lines=0", analyst).status()).isEqualTo(400);
        TestServer.Response sub = s.upload("/api/bulk-jobs?name=sample.csv", analyst, a.body().getBytes(StandardCharsets.UTF_8), "sample");
        JsonNode j = s.awaitJob(sub.json().get("id").asLong(), analyst);
        assertThat(j.get("lines_done").asLong()).isEqualTo(50);
    }

    @Test
    void aBulkFileWithABadHeaderFailsWithTheReasonAndHasNoResults() throws Exception {
        TestServer.Response sub = s.upload("/api/bulk-jobs?name=bad.csv", analyst, "what,ever\n1,2\n".getBytes(StandardCharsets.UTF_8), null);
        JsonNode j = s.awaitJob(sub.json().get("id").asLong(), analyst);
        assertThat(j.get("status").asText()).isEqualTo("failed");
        assertThat(j.get("error").asText()).contains("bad.csv:1: header lacks required column(s)");
        TestServer.Response r = s.get("/api/bulk-jobs/" + j.get("id").asLong() + "/results", analyst);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("not_ready");
    }

    @Test
    void aScenarioRunsWithChangedParametersAndIsStored() {
        TestServer.Response r = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110", "parameters", Map.of("floor", 125)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode res = r.json().get("result");
        assertThat(res.get("status").asText()).isEqualTo("solved");
        assertThat(res.get("policies").get(0).asText()).contains("125");
        for (JsonNode region : res.get("regions")) {
            if (List.of("US", "JP", "EU27", "MX").contains(region.get("id").asText())) {
                assertThat(region.at("/price/scenario").asDouble()).as(region.get("id").asText()).isGreaterThanOrEqualTo(125 - 1e-6);
            }
        }
        assertThat(res.at("/totals/levy_revenue/scenario").asDouble()).isGreaterThan(0);
        assertThat(res.at("/solver/residual").asDouble()).isLessThanOrEqualTo(1e-6);
        long id = r.json().get("id").asLong();
        assertThat(s.get("/api/scenario-runs/" + id, analyst).json().at("/parameters/floor").asDouble()).isEqualTo(125.0);
        assertThat(s.get("/api/runs", analyst).json().findValuesAsText("kind")).contains("scenario-run");

        // a ban of 6 months: the banned region exports half its baseline trade; the price rise is between none and the full ban's
        JsonNode full = s.post("/api/scenario-runs", analyst, Map.of("scenario", "gallium-ban")).json().get("result");
        JsonNode half = s.post("/api/scenario-runs", analyst, Map.of("scenario", "gallium-ban", "parameters", Map.of("ban_months", 6))).json().get("result");
        assertThat(half.get("policies").toString()).contains("quota");
        double base = usPrice(full, "baseline"), fullBan = usPrice(full, "scenario"), halfBan = usPrice(half, "scenario");
        assertThat(halfBan).isGreaterThan(base).isLessThan(fullBan);
        assertThat(s.post("/api/scenario-runs", analyst, Map.of("scenario", "gallium-ban", "parameters", Map.of("ban_months", 13))).json()
                .at("/error/field").asText()).isEqualTo("parameters.ban_months");
        assertThat(s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110", "parameters", Map.of("ban_months", 3))).json()
                .at("/error/message").asText()).startsWith("parameters.ban_months: this scenario has no export ban");

        TestServer.Response unknown = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110", "parameters", Map.of("strike", 100)));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/message").asText()).isEqualTo("parameters.strike: this scenario has no price-gap subsidy; its parameters are floor, members");
        TestServer.Response badText = s.post("/api/scenario-runs", analyst, Map.of("text", "scenario: x\nmineral: unobtainium\n"));
        assertThat(badText.status()).isEqualTo(422);
        assertThat(badText.json().at("/error/code").asText()).isEqualTo("invalid_scenario");
        JsonNode listed = s.get("/api/scenarios", analyst).json();
        assertThat(listed.findValuesAsText("name")).contains("ndpr", "ndpr-floor-110", "gallium-ban-stockpile");
        assertThat(s.get("/api/scenarios/gallium-ban-stockpile", analyst).json().at("/parameters/releases/US").asDouble()).isEqualTo(40);
    }

    @Test
    void aClubWithAnUnknownMemberIsAnErrorOfTheMembersParameterNotOfTheFileItGenerates() {
        String regions = "(regions: CN, LY, US, JP, EU27, MX, ROW)";
        TestServer.Response one = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110",
                "parameters", Map.of("members", List.of("US", "XX"))));
        assertThat(one.status()).as(one.body()).isEqualTo(400);
        assertThat(one.json().at("/error/code").asText()).isEqualTo("invalid_request");
        assertThat(one.json().at("/error/field").asText()).isEqualTo("parameters.members");
        assertThat(one.json().at("/error/message").asText()).isEqualTo("parameters.members: unknown region 'XX' " + regions);
        // the subsidy's regions are the same parameter; each unknown id is named once
        TestServer.Response two = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-subsidy-110",
                "parameters", Map.of("members", List.of("XX", "US", "ZZ", "XX"))));
        assertThat(two.json().at("/error/field").asText()).isEqualTo("parameters.members");
        assertThat(two.json().at("/error/message").asText()).isEqualTo("parameters.members: unknown regions 'XX', 'ZZ' " + regions);
        TestServer.Response notText = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110",
                "parameters", Map.of("members", List.of("US", 7))));
        assertThat(notText.json().at("/error/field").asText()).isEqualTo("parameters.members");
        assertThat(notText.json().at("/error/message").asText()).startsWith("parameters.members: expected region ids (strings), found 7");
        // a price past what a scenario file holds is the parameter's error too, not the generated file's
        TestServer.Response huge = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110", "parameters", Map.of("floor", 1e301)));
        assertThat(huge.json().at("/error/field").asText()).isEqualTo("parameters.floor");
        assertThat(s.post("/api/scenario-runs", analyst, Map.of("scenario", "gallium-ban-stockpile", "parameters",
                Map.of("releases", Map.of("US", 1e301)))).json().at("/error/field").asText()).isEqualTo("parameters.releases.US");
        // an edited file with parameters: the file's own problem keeps the file's own line, on the field text
        String text = "scenario: mine\nbaseline: ndpr\nclub: [US, QQ]\npolicies:\n  - {type: price_floor, floor: 110}\n";
        TestServer.Response edited = s.post("/api/scenario-runs", analyst, Map.of("text", text, "parameters", Map.of("floor", 120)));
        assertThat(edited.status()).as(edited.body()).isEqualTo(422);
        assertThat(edited.json().at("/error/field").asText()).isEqualTo("text");
        // labelled as the request's text (it was "edited.yaml", or the bundled scenario's file when one was named beside it)
        assertThat(edited.json().at("/error/message").asText()).startsWith("1 problem; nothing was run:\ntext:3: club: unknown region 'QQ'");
        // and the right members still run
        TestServer.Response ok = s.post("/api/scenario-runs", analyst, Map.of("scenario", "ndpr-floor-110",
                "parameters", Map.of("members", List.of(" US ", "JP", "US"))));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().at("/parameters/members").toString()).isEqualTo("[\"US\",\"JP\"]");
    }

    @Test
    void theRegimeInfoStatesTheHorizonAndAnAssessmentPastItWarns() {
        JsonNode info = s.get("/api/regime", analyst).json().get("info");
        assertThat(info.at("/horizon/checked_through").asText()).isEqualTo(Regime.bundled().horizon().checkedThrough().toString());
        assertThat(info.at("/horizon/sources").size()).isEqualTo(Regime.bundled().horizon().sources().size());
        assertThat(info.at("/counts/measures").asInt()).isEqualTo(Regime.bundled().measures().size());
        TestServer.Response r = s.post("/api/assessments", analyst, Map.of("hts", "7408.11.60", "origin", "CL",
                "entry_date", "2026-12-01", "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/assessment/warnings").toString()).contains("regime horizon: the entry date 2026-12-01 is after");
    }
}
