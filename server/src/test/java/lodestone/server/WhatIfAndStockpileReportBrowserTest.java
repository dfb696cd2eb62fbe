package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static lodestone.server.ReportDownloadBrowserTest.PAGE_FILE;
import static lodestone.server.ReportDownloadBrowserTest.READ;
import static lodestone.server.ReportDownloadBrowserTest.provenance;
import static lodestone.server.ReportDownloadBrowserTest.sha256;
import static lodestone.server.ReportDownloadBrowserTest.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Report (HTML)" beside the downloads of results that had none: a what-if on the Assess page and in History (the recorded
 * what-if by reference, {"whatif": ID}), and a stockpile's import cover and coordinated release on the Stockpiles page (the
 * API's answer text posted). The report's SHA-256s match what GET serves or the page posted, and the JSON the page saves.
 */
class WhatIfAndStockpileReportBrowserTest extends BrowserPageTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWhatIfOnTheAssessPageAndInHistoryIsReportedByReference() throws Exception {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("2846.90.80.90");
        page.getByTestId("origin").fill("CN");
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill("10000");
        page.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true)).fill("500");
        page.getByLabel("Unit of quantity").fill("kg");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("total-duty")).hasText("USD 370.00");
        page.getByTestId("whatif-with").fill("date:2025-12-31");
        Response made = page.waitForResponse(r -> r.url().endsWith("/api/compare") && "POST".equals(r.request().method()),
                () -> page.getByTestId("whatif-run").click());
        JsonNode c = JSON.readTree(made.text());
        String id = c.get("whatif_id").asText();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Report (HTML) of the what-if"))).isVisible();
        Request[] asked = new Request[1];
        Download d = page.waitForDownload(() -> asked[0] = page.waitForRequest(r -> r.url().endsWith("/api/reports"),
                () -> page.getByTestId("whatif-download-report").click()));
        assertThat(asked[0].postData()).isEqualTo("{\"whatif\":" + id + "}");
        assertThat(d.suggestedFilename()).isEqualTo("whatif-" + id + "-report.html");
        String h = text(d);
        String get = s.get("/api/whatifs/" + id, s.admin).body();
        assertThat(h).contains("<h1>What-if: 2846.90.80.90 from CN, " + c.at("/a/label").asText() + " against " + c.at("/b/label").asText() + "</h1>")
                .contains("<tr><td>Total duty</td><td class=\"n\">$370.00</td><td class=\"n\">$1,370.00</td><td class=\"n\">+$1,000.00</td></tr>")
                .contains("<tr><th scope=\"row\">Stored as (id)</th><td>" + id + "</td></tr>");
        assertThat(provenance(h, "Read from")).isEqualTo("GET /api/whatifs/" + id);
        assertThat(provenance(h, READ)).isEqualTo(sha256(get));
        Download json = page.waitForDownload(() -> page.getByTestId("whatif-download-json").click());
        assertThat(json.suggestedFilename()).isEqualTo("whatif-" + id + ".json");
        assertThat(ReportDownloadBrowserTest.sha256(json)).isEqualTo(provenance(h, PAGE_FILE));

        // the recorded what-if in History: the same report
        page.getByTestId("whatif-link").click();
        assertThat(page.getByTestId("whatif-subject")).isVisible();
        Download again = page.waitForDownload(() -> page.getByTestId("whatif-download-report").click());
        assertThat(provenance(text(again), READ)).isEqualTo(sha256(get));
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aStockpilesCoverAndReleaseAreReportedFromTheAnswersThePageShows() throws Exception {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.navigate(s.url() + "/#stockpiles");
        assertThat(page.getByTestId("holdings")).containsText("gallium");
        Response cover = page.waitForResponse(r -> r.url().contains("/api/stockpiles/project-vault/cover"),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compute cover").setExact(true)).click());
        assertThat(page.getByTestId("cover-table")).isVisible();
        Download d = page.waitForDownload(() -> page.getByTestId("cover-download-report").click());
        assertThat(d.suggestedFilename()).isEqualTo("stockpile-cover-project-vault-report.html");
        String h = text(d);
        assertThat(h).contains("<h1>Stockpile cover: project-vault, imports of US, in gallium-ban</h1>")
                .contains("<tr><th scope=\"row\">Disruption</th><td>gallium-ban for 13 months</td></tr>");
        // the page posted the API's own answer text (not the value written again by the browser)
        assertThat(provenance(h, READ)).isEqualTo(sha256(cover.text()));
        Download json = page.waitForDownload(() -> page.getByTestId("cover-download-json").click());
        assertThat(ReportDownloadBrowserTest.sha256(json)).isEqualTo(provenance(h, PAGE_FILE));
        Download csv = page.waitForDownload(() -> page.getByTestId("cover-download-csv").click());
        assertThat(text(csv)).startsWith("\uFEFFmineral,holding_kg,market,region,").contains("\r\ngallium,20000");

        Response rel = page.waitForResponse(r -> r.url().endsWith("/api/stockpiles/project-vault/release"),
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run the release").setExact(true)).click());
        assertThat(page.getByTestId("shares")).containsText("project-vault");
        Download r = page.waitForDownload(() -> page.getByTestId("release-download-report").click());
        assertThat(r.suggestedFilename()).isEqualTo("stockpile-release-project-vault-gallium-report.html");
        String rh = text(r);
        assertThat(rh).contains("<h1>Coordinated release: gallium in gallium-ban (13 months from ")
                .contains("<th scope=\"col\" class=\"n\">project-vault (kg)</th>");
        assertThat(provenance(rh, READ)).isEqualTo(sha256(rel.text()));
        assertThat(errors).as("errors in the browser console").isEmpty();
    }
}
