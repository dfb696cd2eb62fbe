package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results the web pages can save as files (the CLI's --json / --csv): a scenario run, a valuation, a floor comparison and
 * a priority ranking, each as the JSON the API answered and its main table as CSV (kit/download.js).
 */
class ResultDownloadsBrowserTest {
    static TestServer s;
    static Browsers.Session session;
    static Browser browser;
    /** Numbers read exactly as written (4500.00 stays 4500.00, not 4500.0): what the saved files are compared on. */
    static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        session = Browsers.launch();
        browser = session.browser();
    }

    @AfterAll
    static void stop() {
        if (session != null) session.close();
        if (s != null) s.close();
    }

    static String text(Download d) throws Exception {
        return Files.readString(d.path(), StandardCharsets.UTF_8);
    }

    /** RFC 4180: fields split on commas, quoted fields with "" for a quote, CRLF line ends. */
    /** The rows of a table a page saved as CSV: it begins with a byte-order mark, for Excel (kit/download.js saveCsv). */
    static List<List<String>> csv(String saved) {
        assertThat(saved).as("a page's CSV begins with a byte-order mark").startsWith("\uFEFF");
        String text = saved.substring(1);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') { cell.append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') { row.add(cell.toString()); cell.setLength(0); }
            else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString()); cell.setLength(0); rows.add(row); row = new ArrayList<>(); i++;
            } else cell.append(c);
        }
        assertThat(cell.length() == 0 && row.isEmpty()).as("the CSV ends with CRLF").isTrue();
        return rows;
    }

    /**
     * The saved file holds the API's answer token for token: its own text, indented — a number the server wrote as 110.0
     * is saved as 110.0, not 110, and 4500.00 as 4500.00 (reported: the page parsed the answer and wrote it again). Both
     * are read with every number exact as written (see JSON) and compared number by number on kind and digits, scale
     * included.
     */
    static void assertSameJson(String saved, JsonNode api) throws Exception {
        JsonNode file = JSON.readTree(saved);
        boolean same = file.equals((a, b) -> a.isNumber() && b.isNumber()
                ? (a.numberType() == b.numberType() && a.decimalValue().equals(b.decimalValue()) ? 0 : 1)
                : a.equals(b) ? 0 : 1, api);
        assertThat(same).as("the saved JSON equals the API's answer token for token: %s", saved.length() > 400 ? saved.substring(0, 400) : saved).isTrue();
    }

    @Test
    void theComparisonTellsNumbersWrittenDifferentlyApart() throws Exception {
        assertSameJson("{\n  \"a\": 4500.00,\n  \"b\": [110.0, 7]\n}", JSON.readTree("{\"a\":4500.00,\"b\":[110.0,7]}"));
        for (String other : new String[]{"{\"a\": 4500.0, \"b\": [110.0, 7]}", "{\"a\": 4500.00, \"b\": [110, 7]}",
                "{\"a\": 4500.00, \"b\": [110.0, 7.0]}"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertSameJson(other, JSON.readTree("{\"a\":4500.00,\"b\":[110.0,7]}")))
                    .as(other).isInstanceOf(AssertionError.class);
        }
    }

    static double num(String cell) { return Double.parseDouble(cell); }

    @SuppressWarnings("unchecked")
    static List<List<String>> tableCells(Page page, String testid) {
        return (List<List<String>>) page.evaluate("id => [...document.querySelectorAll(`[data-testid='${id}'] tbody tr`)]"
                + ".map(tr => [...tr.cells].map(td => td.textContent.trim()))", testid);
    }

    @Test
    void aScenarioRunIsSavedAsTheApiAnsweredAndItsTableByRegionAsCsv() throws Exception {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#scenarios");
        page.getByTestId("scenario-pick").selectOption("ndpr-floor-110");
        assertThat(page.locator("#sc-form[data-scenario='ndpr-floor-110']")).isVisible();
        Response answer = page.waitForResponse(r -> r.url().endsWith("/api/scenario-runs") && "POST".equals(r.request().method()),
                () -> page.getByTestId("run-scenario").click());
        JsonNode api = JSON.readTree(answer.text());
        assertThat(page.getByTestId("region-table")).isVisible();
        String id = api.get("id").asText();

        Download j = page.waitForDownload(() -> page.getByTestId("run-download-json").click());
        assertThat(j.suggestedFilename()).isEqualTo("scenario-run-" + id + ".json");
        String saved = text(j);
        assertThat(saved).contains("\n  \"id\"");   // pretty-printed
        assertSameJson(saved, api);
        assertThat(page.locator("#status")).hasText("Saved scenario-run-" + id + ".json");

        Download c = page.waitForDownload(() -> page.getByTestId("run-download-csv").click());
        assertThat(c.suggestedFilename()).isEqualTo("scenario-run-" + id + ".csv");
        List<List<String>> rows = csv(text(c));
        JsonNode regions = api.get("result").get("regions");
        assertThat(rows.get(0)).first().isEqualTo("region");
        assertThat(rows.get(0)).hasSize(16).contains("price baseline (USD/kg)", "price scenario (USD/kg)")
                .endsWith("public revenue change (thousand USD)", "quota rent change (thousand USD)", "stockpile account change (thousand USD)",
                        "offtake margin change (thousand USD)", "net welfare change (thousand USD)");
        List<List<String>> shown = tableCells(page, "region-table");
        assertThat(rows).hasSize(shown.size() + 1);
        for (int i = 0; i < regions.size(); i++) {
            List<String> row = rows.get(i + 1);
            JsonNode x = regions.get(i);
            assertThat(row.get(0)).isEqualTo(shown.get(i).get(0)).isEqualTo(x.get("id").asText());
            assertThat(num(row.get(1))).isEqualTo(x.get("price").get("baseline").asDouble());
            assertThat(num(row.get(2))).isEqualTo(x.get("price").get("scenario").asDouble());
            assertThat(num(row.get(4))).isEqualTo(x.get("production").get("scenario").asDouble());
            assertThat(num(row.get(9))).isEqualTo(x.get("consumer_surplus_change").asDouble());
            assertThat(num(row.get(11))).isEqualTo(x.at("/welfare_change/public_revenue").asDouble());
            assertThat(num(row.get(15))).isEqualTo(x.at("/welfare_change/total").asDouble());
        }
        assertThat(page.locator("#status")).hasText("Saved scenario-run-" + id + ".csv (" + regions.size() + " rows)");

        // the stored run, reopened from its link (the page's address is the run's), saves what GET /api/scenario-runs/ID answers
        assertThat(page).hasURL(s.url() + "/#scenarios/run/" + id);
        Response stored = page.waitForResponse(r -> r.url().endsWith("/api/scenario-runs/" + id), () -> page.reload());
        assertThat(page.getByTestId("region-table")).isVisible();
        Download again = page.waitForDownload(() -> page.getByTestId("run-download-json").click());
        assertSameJson(text(again), JSON.readTree(stored.text()));

        // keyboard: the buttons are named and reached by Tab, Enter saves
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Download CSV of the scenario run"))).isVisible();
        page.getByTestId("run-download-json").focus();
        page.keyboard().press("Tab");
        Download byKey = page.waitForDownload(() -> page.keyboard().press("Enter"));
        assertThat(byKey.suggestedFilename()).isEqualTo("scenario-run-" + id + ".csv");

        // at 390 px the result and its buttons fit the page
        page.setViewportSize(390, 844);
        assertThat(page.getByTestId("run-download-csv")).isVisible();
        // the chart is laid out again by a ResizeObserver, after the resize: read the width once it has run (a loaded CI machine
        // read the desktop chart's 1,143 px before it had); an overflow that stays fails after the wait
        try {
            page.waitForFunction("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) <= 390", null,
                    new Page.WaitForFunctionOptions().setTimeout(10_000));
        } catch (com.microsoft.playwright.TimeoutError e) {
            // measured below, so the failure says the width
        }
        Object w = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assertThat(((Number) w).intValue()).as("page width at 390 px").isLessThanOrEqualTo(390);
        page.close();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aPathAndAMonteCarloRunAreSavedAsTheApiAnswered() throws Exception {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#scenarios");
        page.getByTestId("path-pick").selectOption("ndpr-2025-2040");
        Response answer = page.waitForResponse(r -> r.url().endsWith("/api/scenario-paths"), () -> page.getByTestId("path-run").click());
        JsonNode api = JSON.readTree(answer.text());
        assertThat(page.getByTestId("path-expectations")).isVisible();
        Download j = page.waitForDownload(() -> page.getByTestId("path-download-json").click());
        assertThat(j.suggestedFilename()).isEqualTo("scenario-path-" + api.get("id").asText() + ".json");
        assertSameJson(text(j), api);
        assertThat(page.getByTestId("path-download-csv")).hasCount(0); // charts only: no table to save

        // the Monte Carlo job's last answer (done, with its result and the run it was stored as)
        List<String> polls = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onResponse(r -> { if (r.url().matches(".*/api/path-jobs/[^/?]+$")) polls.add(r.text()); });
        page.getByTestId("mc-draws").fill("20");
        // the seed is the person's (the page ran seed 1 always and did not say so) and said with the fan
        page.getByTestId("mc-seed").fill("7");
        page.getByTestId("mc-run").click();
        assertThat(page.getByTestId("mc-fan")).isVisible();
        assertThat(page.getByTestId("mc-fan")).containsText("median of 20 draws, seed 7 (");
        JsonNode done = JSON.readTree(polls.get(polls.size() - 1));
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.at("/result/seed").asLong()).isEqualTo(7);
        Download mc = page.waitForDownload(() -> page.getByTestId("mc-download-json").click());
        assertThat(mc.suggestedFilename()).isEqualTo("montecarlo-" + done.get("run_id").asText() + ".json");
        assertSameJson(text(mc), done);
        assertThat(page.locator("#status")).hasText("Saved " + mc.suggestedFilename());
        page.close();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    /**
     * A path's fiscal table against its baseline path: on the page a row a year (ndpr-2025-2040's 2025 levy 557,247 thousand USD,
     * as simulate --fiscal prints it; the baseline ndpr collects nothing), saved as the API answered and as CSV with every
     * figure of both sides; no report button (the report command does not read a fiscal table).
     */
    @Test
    void aFiscalTableIsShownAndSavedAsTheApiAnswered() throws Exception {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#scenarios");
        page.getByTestId("path-pick").selectOption("ndpr-2025-2040");
        Response answer = page.waitForResponse(r -> r.url().endsWith("/api/scenario-fiscal"), () -> page.getByTestId("fiscal-run").click());
        JsonNode api = JSON.readTree(answer.text());
        assertThat(page.getByTestId("fiscal-table").locator("tbody tr")).hasCount(18);
        assertThat(page.getByTestId("fiscal-table").locator("tbody tr").first()).containsText("2025");
        assertThat(page.getByTestId("fiscal-table").locator("tbody tr").first().locator("td").nth(1)).hasText("557\u202f247");
        assertThat(page.getByTestId("fiscal-table").locator("tbody tr").first().locator("td").nth(8)).hasText("-557\u202f247");
        Download j = page.waitForDownload(() -> page.getByTestId("fiscal-download-json").click());
        assertThat(j.suggestedFilename()).isEqualTo("fiscal-ndpr-2025-2040.json");
        assertSameJson(text(j), api);
        Download c = page.waitForDownload(() -> page.getByTestId("fiscal-download-csv").click());
        assertThat(c.suggestedFilename()).isEqualTo("fiscal-ndpr-2025-2040.csv");
        List<List<String>> rows = csv(text(c));
        assertThat(rows.get(0)).hasSize(19).startsWith("year", "scenario levy_revenue (thousand USD)", "scenario tariff_revenue (thousand USD)")
                .endsWith("change net_cost (thousand USD)");
        assertThat(rows).hasSize(19);
        assertThat(rows.get(1).get(1)).isEqualTo(api.at("/years/0/scenario/levy_revenue").asText());
        assertThat(rows.get(17).get(0)).isEqualTo("total");
        assertThat(rows.get(18).get(0)).isEqualTo("present value");
        assertThat(page.getByTestId("fiscal-download-report")).hasCount(0);
        page.close();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    /** A seek's answer and a tornado are saved as their jobs' last answers; the tornado's bars also as CSV. */
    @Test
    void aSeekAndATornadoAreSavedAsTheApiAnswered() throws Exception {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        List<String> polls = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onResponse(r -> { if (r.url().matches(".*/api/path-jobs/[^/?]+$")) polls.add(r.text()); });
        page.navigate(s.url() + "/#scenarios");
        page.getByTestId("path-pick").selectOption("ndpr-2025-2040");
        page.getByTestId("seek-target").fill("club_supply_share(2030) >= 0.6");
        page.getByTestId("seek-range").fill("80:300");
        page.getByTestId("seek-run").click();
        assertThat(page.getByTestId("seek-download-json")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(120_000));
        JsonNode seek = JSON.readTree(polls.get(polls.size() - 1));
        assertThat(seek.get("status").asText()).isEqualTo("done");
        Download sj = page.waitForDownload(() -> page.getByTestId("seek-download-json").click());
        assertThat(sj.suggestedFilename()).isEqualTo("seek-" + seek.get("run_id").asText() + ".json");
        assertSameJson(text(sj), seek);
        assertThat(page.getByTestId("seek-download-csv")).hasCount(0); // one answer: no table

        polls.clear();
        page.getByTestId("tornado-run").click();
        assertThat(page.getByTestId("tornado-download-json")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(180_000));
        JsonNode tornado = JSON.readTree(polls.get(polls.size() - 1));
        Download tj = page.waitForDownload(() -> page.getByTestId("tornado-download-json").click());
        assertThat(tj.suggestedFilename()).isEqualTo("tornado-" + tornado.get("run_id").asText() + ".json");
        assertSameJson(text(tj), tornado);
        Download tc = page.waitForDownload(() -> page.getByTestId("tornado-download-csv").click());
        List<String> lines = text(tc).lines().toList();
        JsonNode r = tornado.get("result");
        assertThat(lines.get(0)).startsWith("\uFEFFparameter,low,high,"); // a byte-order mark, for Excel
        assertThat(lines).hasSize(1 + r.get("bars").size());
        JsonNode first = r.get("bars").get(0);
        assertThat(lines.get(1).split(",")[0]).isEqualTo(first.get("param").asText());
        assertThat(Double.parseDouble(lines.get(1).split(",")[3])).isEqualTo(first.get("metric_low").asDouble());
        assertThat(Double.parseDouble(lines.get(1).split(",")[5])).isEqualTo(r.get("base").asDouble());
        page.close();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aCsvCellThatASpreadsheetWouldRunAsAFormulaIsNeutralisedAndQuotedAsRfc4180() {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        Object out = page.evaluate("async () => (await import('/kit/download.js')).csvText(['a', 'b'],"
                + " [['=HYPERLINK(\"x\")', -5], ['+1', '@sum'], ['-2', 'a,b'], ['line\\nbreak', null], ['plain', 1.5]])");
        assertThat(out).isEqualTo("a,b\r\n\"'=HYPERLINK(\"\"x\"\")\",-5\r\n'+1,'@sum\r\n'-2,\"a,b\"\r\n\"line\nbreak\",\r\nplain,1.5\r\n");
        // a project, market or method named like a formula is neutralised in the floor and ranking tables too
        Object floor = page.evaluate("async () => { const d = await import('/kit/download.js'), p = await import('/projects.js');"
                + " const t = p.floorCsv({ price_unit: 'USD/kg', methods: [{ method: '=cmd()', floor: 66.4, rationale: '-the 75th percentile',"
                + " supply_brought_t: 100, levy_revenue_musd_per_year: 0, cfd_expected_fiscal_cost_musd_pv: -12.5, cfd_expected_fiscal_cost_se: 0.25 }] });"
                + " return d.csvText(t.header, t.rows); }");
        List<List<String>> rows = csv("\uFEFF" + floor); // the text saveCsv saves after its byte-order mark
        assertThat(rows.get(0)).containsExactly("method", "floor (USD/kg)", "how", "supply brought t/yr", "levy M USD/yr", "CfD cost M USD (PV)",
                "CfD cost standard error M USD");
        assertThat(rows.get(1)).containsExactly("'=cmd()", "66.4", "'-the 75th percentile", "100", "0", "-12.5", "0.25");
        page.close();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aValuationAFloorComparisonAndARankingAreSavedAsTheApiAnsweredAndAsTheirTables() throws Exception {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#projects");
        assertThat(page.getByTestId("projects-table")).containsText("arafura-nolans");
        page.getByTestId("value-project").selectOption("arafura-nolans");
        page.getByTestId("value-paths").fill("500");
        Response answer = page.waitForResponse(r -> r.url().endsWith("/api/valuations"), () -> page.getByTestId("value-run").click());
        JsonNode api = JSON.readTree(answer.text());
        assertThat(page.getByTestId("value-table")).isVisible();
        Download j = page.waitForDownload(() -> page.getByTestId("value-download-json").click());
        assertThat(j.suggestedFilename()).isEqualTo("valuation-arafura-nolans.json");
        assertSameJson(text(j), api);
        Download c = page.waitForDownload(() -> page.getByTestId("value-download-csv").click());
        assertThat(c.suggestedFilename()).isEqualTo("valuation-arafura-nolans.csv");
        List<List<String>> rows = csv(text(c));
        assertThat(rows.get(0)).containsExactly("figure", "with support", "without");
        assertThat(rows.get(1).get(0)).isEqualTo("NPV mean (M USD)");
        assertThat(num(rows.get(1).get(1))).isEqualTo(api.get("npv_with").get("mean").asDouble());
        assertThat(num(rows.get(1).get(2))).isEqualTo(api.get("npv_without").get("mean").asDouble());
        assertThat(rows.get(10).get(0)).isEqualTo("probability of loss");
        assertThat(num(rows.get(10).get(1))).isEqualTo(api.get("probability_of_loss_with").asDouble());
        assertThat(rows).hasSize(13);

        page.getByTestId("floor-methods").fill("percentile:75");
        Response floors = page.waitForResponse(r -> r.url().contains("/api/floors/"), new Page.WaitForResponseOptions().setTimeout(300_000),
                () -> page.getByTestId("floor-run").click());
        JsonNode fapi = JSON.readTree(floors.text());
        String market = page.getByTestId("floor-market").inputValue();
        assertThat(page.getByTestId("floor-table")).isVisible();
        Download fj = page.waitForDownload(() -> page.getByTestId("floor-download-json").click());
        assertThat(fj.suggestedFilename()).isEqualTo("floors-" + market + ".json");
        assertSameJson(text(fj), fapi);
        Download fc = page.waitForDownload(() -> page.getByTestId("floor-download-csv").click());
        assertThat(fc.suggestedFilename()).isEqualTo("floors-" + market + ".csv");
        List<List<String>> frows = csv(text(fc));
        List<List<String>> fshown = tableCells(page, "floor-table");
        assertThat(frows).hasSize(fshown.size() + 1);
        for (int i = 0; i < fshown.size(); i++) {
            assertThat(frows.get(i + 1).get(0)).isEqualTo(fshown.get(i).get(0));
            assertThat(frows.get(i + 1).get(2)).isEqualTo(fshown.get(i).get(2)); // the rationale, word for word
            assertThat(num(frows.get(i + 1).get(1))).isEqualTo(fapi.get("methods").get(i).get("floor").asDouble());
        }

        Response ranking = page.waitForResponse(r -> r.url().contains("/api/rankings/"), new Page.WaitForResponseOptions().setTimeout(300_000),
                () -> page.getByTestId("rank-run").click());
        JsonNode rapi = JSON.readTree(ranking.text());
        String rmarket = page.getByTestId("rank-market").inputValue();
        assertThat(page.getByTestId("rank-table")).containsText("arafura-nolans", new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        Download rj = page.waitForDownload(() -> page.getByTestId("rank-download-json").click());
        assertThat(rj.suggestedFilename()).isEqualTo("ranking-" + rmarket + ".json");
        assertSameJson(text(rj), rapi);
        Download rc = page.waitForDownload(() -> page.getByTestId("rank-download-csv").click());
        List<List<String>> rrows = csv(text(rc));
        List<List<String>> rshown = tableCells(page, "rank-table");
        assertThat(rrows).hasSize(rshown.size() + 1);
        for (int i = 0; i < rshown.size(); i++) {
            assertThat(rrows.get(i + 1).subList(0, 3)).isEqualTo(rshown.get(i).subList(0, 3)); // rank, project, region
            assertThat(num(rrows.get(i + 1).get(7))).isEqualTo(rapi.get("ranking").get(i).get("risk_reduction_t").asDouble());
        }
        assertThat(page.locator("#status")).hasText("Saved ranking-" + rmarket + ".csv (" + rshown.size() + " rows)");

        page.setViewportSize(390, 844);
        assertThat(page.getByTestId("rank-download-csv")).isVisible();
        Object w = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assertThat(((Number) w).intValue()).as("page width at 390 px").isLessThanOrEqualTo(390);
        page.close();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }
}
