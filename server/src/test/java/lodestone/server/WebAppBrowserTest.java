package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import lodestone.border.bulk.EntryGenerator;
import lodestone.regime.Regime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application in a real browser (Debian's Chromium driven by Playwright): each page's main path —
 * assess a shipment and read the duty, upload a bulk file and download its results, run a scenario and see
 * its chart, browse the regime. `./lodestone test` and `.ci/run` install Chromium; without it this test fails and says so.
 */
class WebAppBrowserTest {
    static TestServer s;
    static Playwright pw;
    static Browser browser;
    Page page;
    final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Browsers.Session session = Browsers.launch();
        pw = session.playwright();
        browser = session.browser();
        s = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (pw != null) pw.close();
        if (s != null) s.close();
    }

    @BeforeEach
    void open() {
        page = Browsers.signedIn(browser, s, consoleErrors);
    }

    @AfterEach
    void close() {
        page.close();
        assertThat(consoleErrors).as("errors in the browser console").isEmpty();
    }

    @Test
    void assessAShipmentAndReadTheDuty() {
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("7408.11.60");
        page.getByTestId("origin").fill("cl");
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill("10000");
        page.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true)).fill("1000");
        page.getByLabel("Unit of quantity").fill("kg");
        page.getByLabel("Metal content value (USD)").fill("8000");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("total-duty")).hasText("USD 4\u202f500.00");
        assertThat(page.getByTestId("measures")).containsText("9903.78.01");
        assertThat(page.getByTestId("measures")).containsText("general");
        // the shareable link reopens the same assessment from the ledger
        String link = page.getByTestId("share-link").getAttribute("href");
        assertThat(link).matches(".*/#assess/\\d+");
        Page other = browser.newPage();
        other.navigate(s.url() + "/#token=" + s.admin);
        assertThat(other.getByTestId("who")).hasText("administrator"); // signed in (the session cookie is set) before the link opens
        other.navigate(link);
        assertThat(other.getByTestId("total-duty")).hasText("USD 4\u202f500.00");
        assertThat(other.getByTestId("assessment")).containsText("by administrator");
        other.close();
    }

    @Test
    void aShipmentsWhatIfIsShownAndRecordedInHistory() {
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("7408.11.60");
        page.getByTestId("origin").fill("CL");
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill("10000");
        page.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true)).fill("1000");
        page.getByLabel("Unit of quantity").fill("kg");
        page.getByLabel("Metal content value (USD)").fill("8000");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("total-duty")).hasText("USD 4\u202f500.00");
        page.getByTestId("whatif-with").fill("nowhere");
        page.getByTestId("whatif-run").click();
        assertThat(page.getByTestId("whatif-result").getByTestId("error")).containsText("unknown regime");
        page.getByTestId("whatif-with").fill("date:2025-06-01");
        page.getByTestId("whatif-run").click();
        assertThat(page.getByTestId("whatif-sides")).containsText("bundled on 2025-06-01");
        assertThat(page.getByTestId("whatif-sides")).containsText("USD 4\u202f500.00");
        String difference = page.getByTestId("whatif-difference").textContent();
        assertThat(difference).contains("USD");
        // which measures make the difference, as the API's two assessments give them: one row each, B − A
        com.fasterxml.jackson.databind.JsonNode cmp = s.post("/api/compare", s.admin, java.util.Map.of("hts", "7408.11.60", "origin", "CL",
                "entry_date", "2026-03-02", "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000,
                "with", "date:2025-06-01")).json();
        java.util.Map<String, double[]> byId = new java.util.TreeMap<>();
        for (String k : new String[] {"a", "b"}) {
            for (com.fasterxml.jackson.databind.JsonNode m : cmp.at("/" + k + "/assessment/measures")) {
                byId.computeIfAbsent(m.get("id").asText(), x -> new double[2])[k.equals("a") ? 0 : 1] += m.get("amount").asDouble();
            }
        }
        byId.values().removeIf(v -> Math.abs(v[1] - v[0]) < 0.005);
        assertThat(byId).as("the what-if changes some measure").isNotEmpty();
        assertThat(page.getByTestId("whatif-measures").locator("tbody tr")).hasCount(byId.size());
        for (var e : byId.entrySet()) {
            double change = e.getValue()[1] - e.getValue()[0];
            assertThat(page.getByTestId("whatif-measures").locator("tbody tr", new com.microsoft.playwright.Locator.LocatorOptions()
                    .setHasText(e.getKey()))).containsText((change > 0 ? "+" : "−") + "USD " + String.format(java.util.Locale.ROOT, "%,.2f", Math.abs(change)).replace(',', '\u202f'));
        }
        page.getByTestId("whatif-link").click();
        assertThat(page.getByTestId("whatif-subject")).hasText("7408.11.60.00 from CL on 2026-03-02");
        assertThat(page.getByTestId("whatif-difference")).hasText(difference);
        assertThat(consoleErrors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aPreferenceClaimWithABillOfMaterialsIsCheckedAgainstTheRulesOfOrigin() {
        Path bom = Path.of(System.getProperty("lodestone.root", ".."), "examples", "origin", "beryllium-does-not-qualify.json");
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("8112.12.00");
        page.getByTestId("origin").fill("GT");
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill("1000");
        page.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true)).fill("10");
        page.getByLabel("Unit of quantity").fill("kg");
        page.getByLabel("Preference claimed").fill("P");
        page.getByLabel("Bill of materials").setInputFiles(bom);
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("assessment")).containsText("preference P not granted: the goods do not qualify under CAFTA-DR");
        assertThat(page.getByTestId("measures")).containsText("general");
    }

    @Test
    void aBadEntryShowsWhatIsWrong() {
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("7408.11.60");
        page.getByTestId("origin").fill("QQ");
        page.getByTestId("value").fill("100");
        page.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true)).fill("10");
        page.getByLabel("Unit of quantity").fill("kg");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("error")).containsText("origin");
    }

    @Test
    void uploadABulkFileAndDownloadTheResults() throws Exception {
        Path dir = Files.createTempDirectory("bulk-ui");
        Path in = dir.resolve("shipments.csv");
        try (Writer w = Files.newBufferedWriter(in)) {
            new EntryGenerator(Regime.bundled(), 11L).write(w, 3_000);
        }
        List<String> written = Files.readAllLines(in); // two lines again at the end: their ids repeat
        Files.writeString(in, written.get(1) + "\n" + written.get(2) + "\n", java.nio.file.StandardOpenOption.APPEND);
        page.navigate(s.url() + "/#bulk");
        assertThat(page.locator("#bulk-list")).containsText("No bulk jobs yet");
        Download sample = page.waitForDownload(() -> page.getByTestId("sample").click());
        assertThat(sample.suggestedFilename()).isEqualTo("sample-entries.csv");
        page.getByTestId("bulk-file").setInputFiles(in);
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("bulk-job")).containsText("done");
        assertThat(page.getByTestId("lines-done")).hasText("3\u202f002");
        assertThat(page.getByTestId("job-duplicates")).containsText("2 lines repeat the line_id of an earlier line");
        // the totals: three tables, each ending with the job's total duty
        assertThat(page.getByTestId("totals-measure")).containsText("Base rate (general)");
        assertThat(page.getByTestId("totals-origin")).containsText("CN");
        assertThat(page.getByTestId("totals-heading")).containsText("2846");
        String sum = page.getByTestId("totals-measure-sum").textContent();
        assertThat(sum).startsWith("USD");
        assertThat(page.getByTestId("totals-origin-sum")).hasText(sum);
        assertThat(page.getByTestId("totals-heading-sum")).hasText(sum);
        Download d = page.waitForDownload(() -> page.getByTestId("download-results").click());
        assertThat(d.suggestedFilename()).isEqualTo("shipments-results.csv");
        Path out = dir.resolve("results.csv");
        d.saveAs(out);
        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).startsWith("line_id,status,total_duty");
        assertThat(rows).hasSize(3_003);
        assertThat(rows.get(3_001)).endsWith(lodestone.border.bulk.BulkAssessment.duplicateWarning(2));
        Download r = page.waitForDownload(() -> page.getByTestId("download-rejects").click());
        assertThat(r.suggestedFilename()).isEqualTo("shipments-rejects.csv");
    }

    @Test
    void runAScenarioWithAChangedFloorAndSeeItsCharts() {
        page.navigate(s.url() + "/#scenarios");
        assertThat(page.locator("#sc-form")).isVisible(); // the first scenario has loaded
        page.getByTestId("scenario-pick").selectOption("ndpr-floor-110");
        assertThat(page.locator("#sc-form[data-scenario='ndpr-floor-110']")).isVisible();
        assertThat(page.getByTestId("param-floor")).hasValue("110");
        page.getByTestId("param-floor").fill("130");
        page.getByTestId("run-scenario").click();
        assertThat(page.getByTestId("scenario-result")).containsText("ndpr-floor-110");
        assertThat(page.getByTestId("scenario-result")).containsText("price floor 130");
        // ECharts draws into a canvas inside each chart's box
        assertThat(page.getByTestId("price-chart").locator("canvas").first()).isVisible();
        assertThat(page.getByTestId("map").locator("canvas").first()).isVisible();
        assertThat(page.getByTestId("levy-revenue")).not().hasText("—");
    }

    /**
     * The scenario already on the form picked again keeps what was typed into it: ndpr-floor-110 is the first scenario the
     * page shows, picking it again drew its form anew once fetched, and a floor of 130 typed in between was run as 110
     * (the flaky run of the test above).
     */
    @Test
    void pickingTheScenarioAlreadyShownKeepsTheValuesTyped() {
        page.navigate(s.url() + "/#scenarios");
        assertThat(page.locator("#sc-form[data-scenario='ndpr-floor-110']")).isVisible();
        page.getByTestId("param-floor").fill("130");
        page.getByTestId("scenario-pick").selectOption("ndpr-floor-110");
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        assertThat(page.getByTestId("param-floor")).hasValue("130");
        // another scenario and back: its form is drawn anew with its own value, and what was typed into it in this tab
        // (kit/kept.js: a scenario's parameters are kept by scenario, as a visit to another page keeps them)
        page.getByTestId("scenario-pick").selectOption("ndpr-subsidy-110");
        assertThat(page.locator("#sc-form[data-scenario='ndpr-subsidy-110']")).isVisible();
        assertThat(page.getByTestId("param-strike")).hasValue("110");
        page.getByTestId("scenario-pick").selectOption("ndpr-floor-110");
        assertThat(page.locator("#sc-form[data-scenario='ndpr-floor-110']")).isVisible();
        assertThat(page.getByTestId("param-floor")).hasValue("130");
    }

    /** Issue 15: "which floor gets the club to 50 % by 2030", answered on the Scenarios page. */
    @Test
    void runAPathAndSeekTheFloorThatReachesATarget() {
        page.navigate(s.url() + "/#scenarios");
        assertThat(page.getByTestId("path-pick")).isVisible();
        page.getByTestId("path-pick").selectOption("ndpr-2025-2040");
        page.getByTestId("path-run").click();
        assertThat(page.getByTestId("projects-timeline")).containsText("White-Mesa-Phase-2 (US): NPV");
        assertThat(page.getByTestId("path-expectations")).containsText("Expectations: myopic");
        assertThat(page.getByTestId("path-result").locator("svg").first()).isVisible();
        // with the sourced projects (White Mesa, La Rochelle) even a floor of 80 gets the club to 50 % by 2030;
        // 60 % takes a floor of about 130
        page.getByTestId("seek-target").fill("club_supply_share(2030) >= 0.6");
        page.getByTestId("seek-range").fill("80:300");
        page.getByTestId("seek-run").click();
        assertThat(page.getByTestId("seek-result")).containsText("meets club_supply_share(2030) >= 0.6",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.getByTestId("seek-result")).containsText("floor = 130.1");
    }

    @Test
    void compareAWholeFileOnAnotherDate() throws Exception {
        Path in = Files.createTempDirectory("cmp-ui").resolve("shipments.csv");
        try (Writer w = Files.newBufferedWriter(in)) {
            new EntryGenerator(Regime.bundled(), 5L).write(w, 500);
        }
        page.navigate(s.url() + "/#bulk");
        page.locator("#cmp-card summary").click();
        page.getByTestId("cmp-file").setInputFiles(in);
        page.getByTestId("cmp-with").fill("date:2025-06-01");
        page.getByTestId("cmp-run").click();
        assertThat(page.getByTestId("cmp-summary")).containsText(java.util.regex.Pattern.compile("500 lines read: [\\d,]+ compared, [\\d,]+ changed; [\\d,]+ not comparable"));
        assertThat(page.getByTestId("cmp-result")).containsText("bundled on 2025-06-01");
        // the generated file's malformed lines are not compared: the page says which and why
        com.microsoft.playwright.Locator nc = page.getByTestId("cmp-not-comparable");
        nc.locator("summary").click();
        assertThat(nc.locator("summary")).containsText("lines were not compared");
        assertThat(nc.locator("li").first()).containsText(java.util.regex.Pattern.compile("^Line \\d+ \\(L\\d+\\): \\S+"));
        page.getByTestId("cmp-with").fill("date:2025-13-01");
        page.getByTestId("cmp-run").click();
        assertThat(page.getByTestId("cmp-result").getByTestId("error")).containsText("with");
    }

    @Test
    void solveARawLcpAndSeeAMalformedOneRefused() {
        page.navigate(s.url() + "/#scenarios");
        assertThat(page.locator("#sc-form")).isVisible();
        page.locator("#lcp-card summary").click();
        page.getByTestId("lcp-solve").click();
        // the example {"M": [[2, 1], [1, 2]], "q": [-5, -6]} has z = (4/3, 7/3)
        assertThat(page.getByTestId("lcp-result")).containsText("Solved");
        assertThat(page.getByTestId("lcp-result")).containsText("1.333333333");
        assertThat(page.getByTestId("lcp-result")).containsText("2.333333333");
        page.getByTestId("lcp-input").fill("{\"M\": [[1, 2], [3]], \"q\": [1, 2]}");
        page.getByTestId("lcp-solve").click();
        assertThat(page.getByTestId("lcp-result").getByTestId("error")).containsText("M[1]: expected an array of 2 numbers");
    }

    @Test
    void browseTheRegimeByCodeAndSeeTheSwitchToSection122() {
        page.navigate(s.url() + "/#regime");
        assertThat(page.getByTestId("diff")).containsText("us-s122-surcharge");
        page.getByTestId("code-input").fill("2846.90.80");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show").setExact(true)).click();
        assertThat(page.getByTestId("code-view")).containsText("Base rates");
        assertThat(page.getByTestId("timeline")).isVisible();
        // the regime's known gaps that touch the line on the date (today, past 2026-06-08) are stated, not silent
        assertThat(page.getByTestId("known-gaps")).containsText("s232-annex-lists-2026-06-08");
        // and the date itself, today, is past the facts' horizon: said above the rates (reported: no warning)
        assertThat(page.getByTestId("code-warnings")).containsText("regime horizon: the entry date");
        assertThat(page.getByTestId("code-warnings")).containsText("is after 2026-10-07");
    }
}
