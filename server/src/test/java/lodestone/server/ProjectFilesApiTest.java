package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An analyst's own project and market files through the API (the command line's --projects): sent as their texts in the
 * body, read with the bundled registry, valued, screened and ranked with it — never a file named on the server, nothing kept.
 */
class ProjectFilesApiTest {
    static TestServer s;
    static String analyst;
    static Map<String, Object> market, plant;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        analyst = s.post("/api/tokens", s.admin, Map.of("name", "ana", "role", "analyst")).json().get("secret").asText();
        market = file("flat-market.yaml");
        plant = file("flat-plant.yaml");
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    static Map<String, Object> file(String name) throws Exception {
        return Map.of("name", name, "text", Files.readString(ExposureApiTest.repo().resolve("examples/projects/" + name)));
    }

    /**
     * examples/projects: a flat 60 USD/kg market (no volatility) and a plant making 1,000 t/yr at a cash cost of 40 USD/kg
     * from 2026 (year 1), 100 M USD capex in year 1, no tax, 10 % discount rate, 20 years. By hand: 20 M USD a year, so
     * NPV = 20 × (1 − 1.1⁻²⁰) / 0.1 − 100 / 1.1 = 170.2713 − 90.9091 = 79.3622 M USD, and the flat price at which it is
     * zero 40 + 90.9091 / 8.5136 = 50.678 USD/kg. `lodestone value flat-plant --projects examples/projects --paths 1000
     * --seed 1 --json` prints 79.36218348608027 and 50.67814770658515 (FinanceCommandsTest checks the same figures).
     */
    @Test
    void aValuationOfOnesOwnFileIsTheCommandLinesHandCheckedFigure() {
        JsonNode v = s.post("/api/valuations", analyst, Map.of("project", "flat-plant", "paths", 1000, "seed", 1, "files", List.of(market, plant))).json();
        double byHand = 20 * (1 - Math.pow(1.1, -20)) / 0.1 - 100 / 1.1;
        assertThat(v.at("/npv_with/mean").asDouble()).as(v.toString()).isCloseTo(byHand, within(1e-9)).isEqualTo(79.36218348608027);
        assertThat(v.at("/npv_without/mean").asDouble()).isEqualTo(79.36218348608027);
        assertThat(v.at("/breakeven_price_without").asDouble()).isCloseTo(40 + (100 / 1.1) / ((1 - Math.pow(1.1, -20)) / 0.1), within(1e-6))
                .isEqualTo(50.67814770658515);
        assertThat(v.get("market").asText()).isEqualTo("flat-ndpr");
        // a study's sustaining capital, 5 M USD each production year, leaves 15 M a year: 15·A(1..20) − 100/1.1 = 36.79, and the
        // figure comes back with its assumption (the project's schema is closed: the field is in it)
        Map<String, Object> sustained = Map.of("name", "flat-plant.yaml", "text", ((String) plant.get("text"))
                .replace("opex: {value: 40, assumption: A1}", "opex: {value: 40, assumption: A1}\nsustaining_capex: {value: 5, assumption: A1}"));
        JsonNode w = s.post("/api/valuations", analyst, Map.of("project", "flat-plant", "paths", 10, "files", List.of(market, sustained))).json();
        assertThat(w.at("/npv_without/mean").asDouble()).as(w.toString()).isCloseTo(15 * (1 - Math.pow(1.1, -20)) / 0.1 - 100 / 1.1, within(1e-9));
        JsonNode read = s.post("/api/project-files", analyst, Map.of("files", List.of(market, sustained))).json();
        assertThat(read.toString()).as(read.toString()).contains("\"sustaining_capex\":{\"value\":5.0");
        // σ = 0: every quantile is the one NPV, and the hand example pays back in year 5 (−80, −60, −40, −20, 0)
        assertThat(v.at("/npv_with/p10").asDouble()).isEqualTo(v.at("/npv_with/p90").asDouble()).isCloseTo(byHand, within(1e-9));
        // the years valued are stated: 2026 to the last year of production, at least 20 years
        assertThat(v.get("first_year").asInt()).isEqualTo(2026);
        assertThat(v.get("last_year").asInt()).isEqualTo(2045);
        assertThat(v.get("money_basis").asText()).isEqualTo("real: constant 2026 US dollars (prices, costs and support are not escalated; "
                + "the discount rates are real)");
        // what a study's cash flow has and the valuation leaves out, with the numbers (the page shows it under them)
        assertThat(v.get("not_modelled").asText()).isEqualTo("working capital, closure and rehabilitation costs, value after the last "
                + "year of production (no terminal value); flows fall at the ends of years (no mid-year convention); depreciation "
                + "straight-line over 10 years");
        // a project producing only from 2050 is valued over its life, 2026–2069, its capex in 2050: 79.3622 / 1.1²⁴ = 8.0573
        Map<String, Object> late = Map.of("name", "late.yaml", "text", plant.get("text").toString().replace("project: flat-plant", "project: late")
                .replace("start_year: 2026", "start_year: 2050"));
        JsonNode lateValue = s.post("/api/valuations", analyst, Map.of("project", "late", "paths", 10, "files", List.of(market, late))).json();
        assertThat(lateValue.get("last_year").asInt()).isEqualTo(2069);
        assertThat(lateValue.at("/npv_without/mean").asDouble()).isCloseTo(8.0573, within(1e-4));
        // one whose life ended before 2026 is refused, named
        Map<String, Object> old = Map.of("name", "old.yaml", "text", plant.get("text").toString().replace("project: flat-plant", "project: old")
                .replace("start_year: 2026", "start_year: 1990"));
        TestServer.Response refused = s.post("/api/valuations", analyst, Map.of("project", "old", "paths", 10, "files", List.of(market, old)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/error/message").asText()).isEqualTo("project: project 'old' produces in 1990–2009 (start_year 1990, "
                + "life_years 20), before the valuation's first year 2026: nothing it produces would be valued, so it is not valued");
        TestServer.Response years = s.post("/api/valuations", analyst, Map.of("project", "flat-plant", "support_years", 5, "paths", 10,
                "files", List.of(market, plant)));
        assertThat(years.status()).isEqualTo(400);
        assertThat(years.json().at("/error/field").asText()).isEqualTo("support_years");
        assertThat(v.get("support").asText()).isEqualTo("no support");
        // with a floor above the flat price, the support's value is the gap on every kilogram: (70 − 60) × 1,000 t for 10 years
        JsonNode f = s.post("/api/valuations", analyst, Map.of("project", "flat-plant", "floor", "70", "paths", 1000, "files", List.of(market, plant))).json();
        assertThat(f.at("/support_value_to_project/mean").asDouble()).isCloseTo(10 * (1 - Math.pow(1.1, -10)) / 0.1, within(1e-6));
        // nothing is kept: the next request without the files knows no flat-plant
        TestServer.Response later = s.post("/api/valuations", analyst, Map.of("project", "flat-plant"));
        assertThat(later.status()).isEqualTo(400);
        assertThat(later.json().at("/error/message").asText()).isEqualTo("project: no project 'flat-plant'; GET /api/projects lists them");
        assertThat(s.get("/api/projects/flat-plant", analyst).status()).isEqualTo(404);
    }

    @Test
    void theFilesAreReadWithTheirProjectsScreenedAndTheirMarkets() {
        JsonNode r = s.post("/api/project-files?date=2026-12-01", analyst, Map.of("files", List.of(plant, market))).json();
        assertThat(r.get("projects").findValuesAsText("id")).containsExactly("flat-plant");
        assertThat(r.at("/projects/0/file").asText()).isEqualTo("flat-plant.yaml");
        assertThat(r.at("/projects/0/capacity/value").asDouble()).isEqualTo(1000);
        assertThat(r.at("/projects/0/capacity/assumption").asText()).isEqualTo("A1");
        assertThat(r.get("markets").findValuesAsText("id")).containsExactly("flat-ndpr");
        assertThat(r.at("/screening/0/project").asText()).isEqualTo("flat-plant");
        assertThat(r.at("/screening/0/pass").asBoolean()).isTrue();
        assertThat(r.at("/screening/0/date").asText()).isEqualTo("2026-12-01"); // the date its lists were taken on, said
        assertThat(r.at("/screening/0/checks").findValuesAsText("criterion")).contains("ownership", "forced-labour entity lists");
    }

    /** The same refusals as the command line's, each at the file, line and field — every problem at once. */
    @Test
    void everyProblemIsReportedAtItsFileLineAndField() throws Exception {
        String text = Files.readString(ExposureApiTest.repo().resolve("examples/projects/flat-plant.yaml"))
                .replace("capacity: {value: 1000, assumption: A1}", "capacity: {value: -150, assumption: A1}")
                .replace("opex: {value: 40, assumption: A1}", "opex: 40");
        TestServer.Response bad = s.post("/api/valuations", analyst, Map.of("project", "flat-plant", "files",
                List.of(market, Map.of("name", "mine.yaml", "text", text))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/code").asText()).isEqualTo("invalid_project_file");
        assertThat(bad.json().at("/error/field").asText()).isEqualTo("files");
        assertThat(bad.json().at("/error/message").asText()).isEqualTo("2 problems; nothing was loaded:\n"
                + "mine.yaml:11: capacity.value: -150 is out of range; expected between 0 and 100000000 (t a year at full ramp)\n"
                + "mine.yaml:15: opex: a bare number has no provenance; write {value: 40, source: ID} (or assumption: ID)");
        // and each apart, so that a client need not take the message to pieces
        JsonNode first = bad.json().at("/error/problems/0");
        assertThat(bad.json().at("/error/problems").size()).isEqualTo(2);
        assertThat(first.get("file").asText()).isEqualTo("mine.yaml");
        assertThat(first.get("line").asInt()).isEqualTo(11);
        assertThat(first.get("field").asText()).isEqualTo("capacity.value");
        assertThat(first.get("message").asText()).startsWith("mine.yaml:11: capacity.value: -150 is out of range");
        assertThat(bad.json().at("/error/problems/1/field").asText()).isEqualTo("opex");
        // a project whose market is in no file
        TestServer.Response orphan = s.post("/api/project-files", analyst, Map.of("files", List.of(plant)));
        assertThat(orphan.json().at("/error/message").asText()).startsWith("1 problem; nothing was loaded:\nflat-plant.yaml:9: market: 'flat-ndpr' is not a known market; expected one of ndpr, lce,");
        // an id the bundled registry has
        TestServer.Response twice = s.post("/api/project-files", analyst, Map.of("files", List.of(Map.of("name", "dup.yaml",
                "text", Files.readString(ExposureApiTest.repo().resolve("data/projects/cyclic-kingston.yaml"))))));
        assertThat(twice.json().at("/error/message").asText()).isEqualTo("1 problem; nothing was loaded:\n"
                + "dup.yaml:2: project: project 'cyclic-kingston' is already defined in data/projects/cyclic-kingston.yaml:2");
        // YAML that is not YAML: its line
        TestServer.Response yaml = s.post("/api/project-files", analyst, Map.of("files", List.of(Map.of("name", "x.yaml", "text", "project: [unclosed\n"))));
        assertThat(yaml.status()).isEqualTo(400);
        assertThat(yaml.json().at("/error/message").asText()).startsWith("1 problem; nothing was loaded:\nx.yaml:");
    }

    @Test
    void theFilesThemselvesAreCheckedBeforeTheyAreRead() {
        // a request never names a file on the server: a path is text to read as YAML, and the name is a label only
        TestServer.Response path = s.post("/api/project-files", analyst, Map.of("files", List.of(Map.of("name", "../../etc/passwd", "text", "/etc/passwd"))));
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.json().at("/error/message").asText()).startsWith("1 problem; nothing was loaded:\n.._.._etc_passwd:1: ");
        assertThat(message(Map.of("files", List.of(Map.of("name", "a.yaml"))))).isEqualTo(
                "files[0].text: missing; the file's YAML as a string (a request never names a file on the server)");
        assertThat(message(Map.of("files", List.of(Map.of("path", "/srv/x.yaml", "text", "x"))))).isEqualTo("files[0].path: unknown key; expected name, text");
        assertThat(message(Map.of("files", "project: x"))).isEqualTo("files: expected an array of {\"name\": …, \"text\": …}, found a text");
        assertThat(message(Map.of("files", List.of(Map.of("text", " \n"))))).isEqualTo(
                "files[0].text: empty; expected a project file (project: …) or a markets file (markets: …)");
        assertThat(message(Map.of("files", List.of(Map.of("name", "a.yaml", "text", "a: 1"), Map.of("name", "a.yaml", "text", "b: 1")))))
                .isEqualTo("files[1].name: 'a.yaml' is the name of another file of this request; give each its own");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < Finance.MAX_FILES + 1; i++) many.add(Map.of("text", "a: 1"));
        assertThat(message(Map.of("files", many))).isEqualTo("files: 21 files; at most 20 in one request");
        assertThat(message(Map.of())).isEqualTo("files: missing; expected [{\"name\": \"my-project.yaml\", \"text\": \"project: …\"}]");
        assertThat(message(Map.of("files", List.of()))).isEqualTo("files: empty; send at least one project or markets file (GET /api/projects lists the bundled ones)");
        // the body's own limit comes first (this test server's: 64 KiB)
        TestServer.Response big = s.post("/api/project-files", analyst, Map.of("files", List.of(Map.of("text", "#".repeat(70_000)))));
        assertThat(big.status()).isEqualTo(413);
        assertThat(message(Map.of("files", List.of(plant, market), "extra", 1))).isEqualTo("extra: unknown key; expected files");
    }

    private static String message(Map<String, Object> body) {
        TestServer.Response r = s.post("/api/project-files", analyst, body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().at("/error/message").asText();
    }

    /** One's own project ranked among the bundled ones, and the floor comparison with it in the cost curve. */
    @Test
    void aProjectOfOnesOwnIsRankedAmongTheBundledOnes() throws Exception {
        Map<String, Object> mine = Map.of("name", "my-ndpr-plant.yaml", "text", ((String) plant.get("text"))
                .replace("project: flat-plant", "project: my-ndpr-plant").replace("market: flat-ndpr", "market: ndpr").replace("country: CA", "country: US"));
        JsonNode r = s.post("/api/rankings/ndpr", analyst, Map.of("files", List.of(mine))).json();
        assertThat(r.get("ranking").findValuesAsText("project")).containsExactly("mp-mountain-pass", "my-ndpr-plant", "arafura-nolans",
                "cyclic-kingston", "iluka-eneabba");
        JsonNode bundled = s.get("/api/rankings/ndpr", analyst).json();
        assertThat(bundled.get("ranking").findValuesAsText("project")).doesNotContain("my-ndpr-plant"); // not cached under the same key
        JsonNode f = s.post("/api/floors/ndpr", analyst, Map.of("files", List.of(mine), "methods", "percentile:75")).json();
        assertThat(f.at("/cost_curve/steps").findValuesAsText("name")).contains("my-ndpr-plant");
        assertThat(s.get("/api/floors/ndpr?methods=percentile:75", analyst).json().at("/cost_curve/steps").findValuesAsText("name"))
                .doesNotContain("my-ndpr-plant");
        // a market of one's own with no bundled scenario: refused as the command line refuses it
        TestServer.Response flat = s.post("/api/rankings/flat-ndpr", analyst, Map.of("files", List.of(market, plant)));
        assertThat(flat.status()).isEqualTo(400);
        TestServer.Response unknown = s.post("/api/rankings/nope", analyst, Map.of("files", List.of(market, plant)));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/message").asText()).isEqualTo("no market 'nope'; GET /api/projects lists the markets (the files sent add none by this id)");
        assertThat(s.post("/api/rankings/ndpr", analyst, Map.of("seed", -1)).json().at("/error/field").asText()).isEqualTo("seed");
        assertThat(s.post("/api/floors/ndpr", analyst, Map.of("method", "x")).json().at("/error/message").asText())
                .isEqualTo("method: unknown key; expected files, methods, seed");
        assertThat(s.post("/api/floors/ndpr", analyst, Map.of("methods", List.of("percentile:75"))).json().at("/error/message").asText())
                .isEqualTo("methods: expected a text, comma-separated (\"percentile:75,band:5:0.2\"), found an array");
    }
}
