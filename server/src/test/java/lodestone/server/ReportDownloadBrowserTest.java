package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
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
 * "Report (HTML)" beside a result's JSON/CSV downloads (kit/download.js): the shown result posted to POST /api/reports and
 * the printable page saved — an assessment (just made, and reopened from the ledger) and a scenario run; a ledger record
 * and a bulk job by reference, a customs entry too large to post among them. The report's SHA-256s match the JSON the page
 * saves.
 */
class ReportDownloadBrowserTest {
    static TestServer s;
    static Browsers.Session session;
    static Browser browser;
    static final ObjectMapper JSON = new ObjectMapper();

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

    /** The SHA-256 of a downloaded file's bytes. */
    static String sha256(Download d) throws Exception {
        return lodestone.report.SavedResult.sha256(Files.readAllBytes(d.path()));
    }

    static String sha256(String text) {
        return lodestone.report.SavedResult.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A report's provenance row's value (null when the report has no such row). */
    static String provenance(String html, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr><th scope=\"row\">" + java.util.regex.Pattern.quote(label)
                + "</th><td>([^<]*)</td></tr>").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    static final String READ = "SHA-256 of what was read", PAGE_FILE = "SHA-256 as saved by Download JSON (indented)";

    @Test
    void anAssessmentsReportIsSavedWithItsFiguresAndOpensAsAPage() throws Exception {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("7408.11.60");
        page.getByTestId("origin").fill("CL");
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill("10000");
        page.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true)).fill("1000");
        page.getByLabel("Unit of quantity").fill("kg");
        page.getByLabel("Metal content value (USD)").fill("8000");
        Response made = page.waitForResponse(r -> r.url().endsWith("/api/assessments") && "POST".equals(r.request().method()),
                () -> page.getByTestId("assess").click());
        String id = JSON.readTree(made.text()).get("id").asText();
        assertThat(page.getByTestId("total-duty")).hasText("USD 4\u202f500.00");
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Report (HTML) of the assessment"))).isVisible();

        // the report is asked for by reference: the ledger record as the server holds it, not a copy the page made
        com.microsoft.playwright.Request[] asked = new com.microsoft.playwright.Request[1];
        Download d = page.waitForDownload(() -> asked[0] = page.waitForRequest(r -> r.url().endsWith("/api/reports"),
                () -> page.getByTestId("assessment-download-report").click()));
        assertThat(asked[0].postData()).isEqualTo("{\"assessment\":" + id + "}");
        assertThat(d.suggestedFilename()).isEqualTo("assessment-" + id + "-report.html");
        String h = text(d);
        // its SHA-256 is that of the bytes GET /api/assessments/ID serves, and the JSON the page saves (that text indented)
        // has the hash the report states beside it
        String get = s.get("/api/assessments/" + id, s.admin).body();
        assertThat(provenance(h, "Read from")).isEqualTo("GET /api/assessments/" + id);
        assertThat(provenance(h, READ)).isEqualTo(sha256(get));
        assertThat(h).startsWith("<!DOCTYPE html>")
                .contains("<h1>Assessment: 7408.11.60.00 from CL, entered 2026-03-02</h1>")
                .contains("<tr><th scope=\"row\">Total duty</th><td>$4,500.00</td></tr>")
                .contains("<td>9903.78.01 50.00% × $8,000.00 = $4,000.00</td>")
                .contains("<tr><th scope=\"row\">Stored as (id)</th><td>" + id + "</td></tr>")
                .contains("<tr><th scope=\"row\">request: metal_content_value</th><td>8000</td></tr>");
        assertThat(page.locator("#status")).hasText("Saved assessment-" + id + "-report.html");
        Download json = page.waitForDownload(() -> page.getByTestId("assessment-download-json").click());
        assertThat(json.suggestedFilename()).isEqualTo("assessment-" + id + ".json");
        assertThat(sha256(json)).isEqualTo(provenance(h, PAGE_FILE)).isEqualTo(sha256(lodestone.report.JsonIndent.pageFile(get)));
        assertThat(JSON.readTree(text(json))).isEqualTo(JSON.readTree(get));

        // reopened from the ledger: the entry records the regime's version, which the report states
        page.navigate(s.url() + "/#assess/" + id);
        page.reload(); // the address was already #assess/ID (the page put it there): loaded again, from the ledger
        assertThat(page.getByTestId("assessment")).containsText("by administrator");
        Download again = page.waitForDownload(() -> page.getByTestId("assessment-download-report").click());
        String version = s.get("/api/regime", s.admin).json().get("version").asText();
        assertThat(text(again)).contains("<tr><th scope=\"row\">Regime version</th><td>" + version + "</td></tr>")
                .contains("<tr><th scope=\"row\">By</th><td>administrator (token #");

        // the saved page stands alone: opened from the disk it shows its figures, loads nothing and runs nothing
        Page file = browser.newPage();
        List<String> requests = new ArrayList<>();
        file.onRequest(r -> requests.add(r.url()));
        java.nio.file.Path saved = Files.createTempFile("lodestone-report", ".html");
        again.saveAs(saved);
        file.navigate(saved.toUri().toString());
        assertThat(file.locator("h1")).hasText("Assessment: 7408.11.60.00 from CL, entered 2026-03-02");
        assertThat(file.locator("#measures")).containsText("$4,000.00");
        assertThat(requests).hasSize(1); // the file itself
        file.close();
        Files.delete(saved);
        assertThat(errors).as("errors in the browser console").isEmpty();
        page.close();
    }

    @Test
    void aScenarioRunsReportIsSavedWithItsWelfareAndPrices() throws Exception {
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
        Download d = page.waitForDownload(() -> page.getByTestId("run-download-report").click());
        assertThat(d.suggestedFilename()).isEqualTo("scenario-run-" + id + "-report.html");
        // the page posted the API's own answer text: the report's hashes are that text's and the saved JSON file's
        String report = text(d);
        assertThat(provenance(report, READ)).isEqualTo(sha256(answer.text()));
        Download json = page.waitForDownload(() -> page.getByTestId("run-download-json").click());
        assertThat(provenance(report, PAGE_FILE)).isEqualTo(sha256(json));
        assertThat(text(d)).contains("<h1>Scenario run: ndpr-floor-110 against ndpr-baseline</h1>")
                .contains("<tr><th scope=\"row\">Total welfare change</th><td>-51,219 thousand USD</td></tr>")
                .contains("<tr><td>US</td><td class=\"n\">69.43</td><td class=\"n\">110.00</td>")
                .contains("aria-label=\"prices by region, baseline and scenario (USD/kg)\"");
        assertThat(errors).as("errors in the browser console").isEmpty();
        page.close();
    }

    @Test
    void aBulkJobsSummaryIsSavedAsAReportWhoseCountsReconcile() throws Exception {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        byte[] sample = s.get("/api/bulk-sample?lines=200", s.admin).body().getBytes(StandardCharsets.UTF_8);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new com.microsoft.playwright.options.FilePayload("lot.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("download-results")).isVisible();
        JsonNode job = s.get("/api/bulk-jobs", s.admin).json().get(0);
        long done = job.get("lines_done").asLong(), assessed = job.get("assessed").asLong(), prohibited = job.get("prohibited").asLong(),
                rejected = job.get("rejected").asLong();
        assertThat(rejected).isPositive(); // the sample has malformed lines on purpose
        Download d = page.waitForDownload(() -> page.getByTestId("download-report").click());
        assertThat(d.suggestedFilename()).isEqualTo("lot-job-" + job.get("id").asText() + "-report.html");
        assertThat(text(d)).contains("<h1>Bulk assessment: lot.csv (job #" + job.get("id").asText() + ")</h1>")
                .contains("<p>Lines done = assessed + prohibited + rejected: " + done + " = " + assessed + " + " + prohibited + " + " + rejected + ".")
                .contains("<li>" + rejected + " lines were rejected and are not in the total duty")
                .contains("<tr><th scope=\"row\">SHA-256 of the file</th><td>" + job.get("sha256").asText() + "</td></tr>");
        // by reference: the job's summary as GET /api/bulk-jobs/ID serves it
        assertThat(provenance(text(d), "Read from")).isEqualTo("GET /api/bulk-jobs/" + job.get("id").asText());
        assertThat(provenance(text(d), READ)).isEqualTo(sha256(s.get("/api/bulk-jobs/" + job.get("id").asText(), s.admin).body()));
        assertThat(errors).as("errors in the browser console").isEmpty();
        page.close();
    }

    @Test
    void aCustomsEntryTooLargeToPostIsReportedFromItsLedgerRecordAndItsHashesMatchTheSavedJson() throws Exception {
        List<String> errors = new ArrayList<>();
        // 150 lines: a ledger record larger than the test server's JSON body limit (64 KiB; in use 1 MiB, which an entry of
        // some 740 lines passes: ReportApiTest) — posted whole by the page it was refused (413) and no report was made
        TestServer.Response made = s.request("POST", "/api/assessments", s.admin, ReportApiTest.entryOf(150));
        assertThat(made.status()).isEqualTo(201);
        String id = made.json().get("id").asText();
        String get = s.get("/api/assessments/" + id, s.admin).body();
        assertThat(get.length()).isGreaterThan(2 * 64 * 1024);
        assertThat(s.request("POST", "/api/reports", s.admin, get).status()).isEqualTo(413);
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#assess/" + id);
        assertThat(page.getByTestId("entry-total-duty")).hasText("USD\u00a05\u202f550.00");
        Download d = page.waitForDownload(() -> page.getByTestId("entry-download-report").click());
        assertThat(d.suggestedFilename()).isEqualTo("entry-" + id + "-report.html");
        String h = text(d);
        assertThat(h).contains("<h1>Customs entry: 150 lines, entered 2026-03-02</h1>")
                .contains("<tr><th scope=\"row\">Total duty</th><td>$5,550.00</td></tr>");
        assertThat(page.locator(".report-error")).hasCount(0);
        assertThat(provenance(h, READ)).isEqualTo(sha256(get));
        Download json = page.waitForDownload(() -> page.getByTestId("entry-download-json").click());
        assertThat(sha256(json)).isEqualTo(provenance(h, PAGE_FILE));
        assertThat(errors).as("errors in the browser console").isEmpty();
        page.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRefusalIsShownAsTextBesideTheButtons() {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        Object shown = page.evaluate("async () => { const d = await import('/kit/download.js');"
                + " const box = document.createElement('div'); document.body.append(box);"
                + " await d.saveReport('x.html', {'<img src=x onerror=alert(1)>': 1}, box);"
                + " return [box.querySelectorAll('img').length, box.textContent]; }");
        assertThat((List<Object>) shown).containsExactly(0, "The report could not be made: request body: not a result Lodestone reports on (an object "
                + "with keys <img src=x onerror=alert(1)>); " + lodestone.report.SavedResult.EXPECTED);
        page.close();
    }
}
