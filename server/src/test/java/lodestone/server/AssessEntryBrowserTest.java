package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Assess page with lines added: a customs entry of several lines assessed as the API assesses it (each line's result
 * and the entry's totals), lines added and removed, the API's problems shown at the field of the line they belong to, the
 * ledger record reopened whole (#assess/ID, and from History), and the page at 390 px without overflow.
 */
class AssessEntryBrowserTest extends BrowserPageTest {
    private Locator line(int n) { // the added lines: line 2 is the first
        return page.getByTestId("entry-line").nth(n - 2);
    }

    private void fillFirst(String hts, String origin, String value, String qty) {
        page.getByTestId("hts").fill(hts);
        page.getByTestId("origin").fill(origin);
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill(value);
        page.locator("#assess-form [name=quantity]").fill(qty);
        page.locator("#assess-form [name=unit]").fill("kg");
    }

    private void fillLine(int n, String hts, String origin, String value, String qty) {
        line(n).locator("[data-field=hts]").fill(hts);
        line(n).locator("[data-field=origin]").fill(origin);
        line(n).locator("[data-field=customs_value]").fill(value);
        line(n).locator("[data-field=quantity]").fill(qty);
        line(n).locator("[data-field=unit]").fill("kg");
    }

    /**
     * Two lines assessed in quick succession: the first one's answer, if it came back last, was drawn under the second's
     * fields and put its id in the address. The box follows its newest request (kit/ui.js {@code newest}); the first
     * request is held here until the second has been drawn.
     */
    @Test
    void aLateAnswerToAnEarlierSubmitDoesNotReplaceTheNewerOne() throws Exception {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.setViewportSize(1366, 768);
        List<com.microsoft.playwright.Route> held = new java.util.ArrayList<>();
        page.route("**/api/assessments", r -> { if (held.isEmpty()) held.add(r); else r.resume(); });
        page.navigate(s.url() + "/#assess");
        // the HTS hint: a code shortened below three characters while the search of the longer one was on its way was given
        // that search's answer ("Other — in 2846 …" under "28"); the hint says what it says before any typing
        List<com.microsoft.playwright.Route> searches = new java.util.ArrayList<>();
        page.route("**/api/regime/search**", r -> { if (searches.isEmpty()) searches.add(r); else r.resume(); });
        page.getByTestId("hts").fill("2846.90.80.90");
        page.waitForCondition(() -> !searches.isEmpty());
        page.getByTestId("hts").fill("28");
        page.waitForResponse(r -> r.url().contains("/api/regime/search"), () -> searches.get(0).resume());
        page.waitForTimeout(300); // the late answer has reached the page's handler
        assertThat(page.locator("#hts-hint")).containsText("Start typing a code or words");
        page.unroute("**/api/regime/search**");
        fillFirst("2846.90.80.90", "CN", "10000", "500");
        // the line's own text is "Other": the hint says where it sits in the schedule
        assertThat(page.locator("#hts-hint")).containsText("Other — in 2846 ");
        page.getByTestId("assess").click();
        page.waitForCondition(() -> !held.isEmpty());
        page.getByTestId("value").fill("20000");
        com.microsoft.playwright.Response second = page.waitForResponse(r -> r.url().endsWith("/api/assessments"),
                () -> page.getByTestId("assess").click());
        long id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(second.text()).get("id").asLong();
        assertThat(page.getByTestId("total-duty")).hasText("USD\u00a0740.00");
        page.waitForResponse(r -> r.url().endsWith("/api/assessments"), () -> held.get(0).resume());
        page.waitForTimeout(300); // the late answer has reached the page's handler
        assertThat(page.getByTestId("total-duty")).hasText("USD\u00a0740.00");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*#assess/" + id + "$"));
        assertThat(errors).isEmpty();
    }

    @Test
    void anEntryOfTwoLinesIsAssessedWithItsTotalsAndReopenedWhole() {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.setViewportSize(1366, 768);
        page.navigate(s.url() + "/#assess");
        assertThat(page.getByTestId("line-1-label")).isHidden();
        fillFirst("2846.90.80.90", "CN", "10000", "500");
        // a line added and removed, then the one kept
        page.getByTestId("add-line").click();
        page.getByTestId("add-line").click();
        assertThat(page.getByTestId("entry-line")).hasCount(2);
        assertThat(page.getByTestId("line-1-label")).isVisible();
        assertThat(line(3).locator("legend")).hasText("Line 3");
        assertThat(page.getByTestId("assess")).hasText("Assess the entry (3 lines)");
        line(2).getByTestId("remove-line").click();
        assertThat(page.getByTestId("entry-line")).hasCount(1);
        assertThat(line(2).locator("legend")).hasText("Line 2");
        assertThat(line(2).getByTestId("remove-line")).hasAttribute("aria-label", "Remove line 2");
        // the first line's code typed, then an added line's at once: the added line's search cancelled the first's, whose
        // hint stayed "Start typing…" (each field now has its own pending search)
        page.evaluate("() => { const typed = (el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); };"
                + " typed(document.querySelector('[data-testid=hts]'), '7408.11.60.0');"
                + " typed(document.querySelector('[data-testid=hts]'), '7408.11.60.00');"
                + " typed(document.querySelectorAll('[data-testid=entry-line]')[0].querySelector('[data-field=hts]'), '2846.90.80.90'); }");
        assertThat(page.locator("#hts-hint")).containsText(" — in 7408");
        page.getByTestId("hts").fill("2846.90.80.90");
        assertThat(page.locator("#hts-hint")).containsText("Other — in 2846 ");
        fillLine(2, "7408.11.60.00", "cl", "10000", "1000");
        line(2).getByLabel("Metal content value (USD)").fill("8000");
        page.getByTestId("assess").click();

        // the API's answer for the same entry
        JsonNode api = s.post("/api/assessments", s.admin, EntryApiTest.TWO.replace(", \"importer\": \"Example Magnetics Inc.\"", "")).json().get("entry");
        assertThat(api.get("total_duty").decimalValue()).isEqualByComparingTo("4870.00");
        assertThat(page.getByTestId("entry-total-duty")).hasText("USD\u00a04\u202f870.00");
        assertThat(page.getByTestId("entry-rate")).hasText("24.35 %");
        assertThat(page.getByTestId("entry-value")).hasText("USD\u00a020\u202f000.00");
        assertThat(page.getByTestId("entry-landed")).hasText("USD\u00a024\u202f870.00");
        Locator rows = page.getByTestId("entry-lines").locator("tbody tr");
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0)).containsText("2846.90.80.90");
        assertThat(rows.nth(0)).containsText("USD\u00a0370.00");
        assertThat(rows.nth(1)).containsText("7408.11.60.00");
        assertThat(rows.nth(1)).containsText("USD\u00a04\u202f500.00");
        Locator measures = page.getByTestId("entry-measures").locator("tbody tr");
        assertThat(measures).hasCount(3);
        assertThat(measures.nth(0)).containsText("Base rate (general)");
        assertThat(measures.nth(0)).containsText("USD\u00a0670.00");
        assertThat(measures.nth(0)).containsText("1, 2");
        assertThat(measures.nth(2)).containsText("9903.78.01");
        assertThat(page.getByTestId("entry-line-result")).hasCount(2);
        page.getByTestId("entry-line-result").nth(1).locator("summary").first().click();
        assertThat(page.getByTestId("entry-line-result").nth(1)).containsText("9903.78.01 50.00% × $8,000.00 = $4,000.00");
        assertNoOverflow(1366, "#assess with an entry's result");
        // saved as the API answered it, and as its printable report (it was refused as "not a result")
        String id = page.getByTestId("share-link").getAttribute("href").replaceAll(".*/#assess/", "");
        com.microsoft.playwright.Download report = page.waitForDownload(() -> page.getByTestId("entry-download-report").click());
        assertThat(report.suggestedFilename()).isEqualTo("entry-" + id + "-report.html");
        String h;
        try {
            h = java.nio.file.Files.readString(report.path());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(h).contains("<h1>Customs entry: 2 lines, entered 2026-03-02</h1>")
                .contains("<tr><th scope=\"row\">Total duty</th><td>$4,870.00</td></tr>")
                .contains("<tr><th scope=\"row\">Stored as (id)</th><td>" + id + "</td></tr>")
                .contains("9903.78.01 50.00% × $8,000.00 = $4,000.00");
        com.microsoft.playwright.Download json = page.waitForDownload(() -> page.getByTestId("entry-download-json").click());
        assertThat(json.suggestedFilename()).isEqualTo("entry-" + id + ".json");

        // the link reopens the record: the form with both lines, and the entry's answer
        String link = page.getByTestId("share-link").getAttribute("href");
        assertThat(link).matches(".*/#assess/\\d+");
        page.navigate(s.url() + "/#history");
        Locator item = page.getByTestId("history").locator("a", new Locator.LocatorOptions().setHasText("Entry of 2 lines: 2846.90.80.90, 7408.11.60.00 from CN, CL"));
        assertThat(item.first()).containsText("USD 4,870.00"); // the summary the server writes (History shows it as it is)
        item.first().click();
        assertThat(page.getByTestId("entry-total-duty")).hasText("USD\u00a04\u202f870.00");
        assertThat(page.getByTestId("entry-line")).hasCount(1);
        assertThat(line(2).locator("[data-field=hts]")).hasValue("7408.11.60.00");
        assertThat(line(2).locator("[data-field=metal_content_value]")).hasValue("8000");
        assertThat(page.getByTestId("hts")).hasValue("2846.90.80.90");
        assertThat(page.getByLabel("Entry date")).hasValue("2026-03-02");

        // at 390 px, the form with its lines and the result fit the screen (tables scroll inside their cards)
        page.setViewportSize(390, 844);
        page.waitForTimeout(300);
        assertNoOverflow(390, "#assess with an entry of two lines and its result");
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void eachProblemIsShownAtTheFieldOfItsLineAndAProhibitedLineIsNamed() {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.navigate(s.url() + "/#assess");
        fillFirst("2846.90.80.90", "CN", "10000", "500");
        page.getByTestId("add-line").click();
        page.getByTestId("add-line").click();
        fillLine(2, "2846.90.81", "CN", "1", "1");
        fillLine(3, "2846.90.80.90", "XX", "1", "1");
        page.getByTestId("assess").click();
        Locator hts2 = line(2).locator("[data-field=hts]");
        assertThat(hts2).hasAttribute("aria-invalid", "true");
        assertThat(line(2).locator("[data-testid=field-error]")).containsText("Line 2 · HTS code: unknown HTS code '2846.90.81'");
        assertThat(line(3).locator("[data-field=origin]")).hasAttribute("aria-invalid", "true");
        assertThat(line(3).locator("[data-testid=field-error]")).hasText("Line 3 · Country of origin: unknown country of origin 'XX'; expected an ISO 3166 alpha-2 code such as CN");
        assertThat(page.getByTestId("hts")).not().hasAttribute("aria-invalid", "true");
        assertThat(page.getByTestId("error")).containsText("Line 2 · HTS code: unknown HTS code");
        assertThat(page.getByTestId("error")).containsText("Line 3 · Country of origin: unknown country");
        // the browser's own check, at the line: a required field left empty
        line(3).locator("[data-field=origin]").fill("CN");
        line(2).locator("[data-field=hts]").fill("");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("error")).containsText("Line 2 · HTS code: ");
        assertThat(hts2).hasAttribute("aria-invalid", "true");

        // a prohibited line: the entry says which and why, no duty totals
        hts2.fill("2846.90.80.90");
        line(2).locator("[data-field=producer]").fill("Xinjiang Zhongtai Chemical Co., Ltd.");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("entry-prohibited")).containsText("line 2 cannot be entered");
        assertThat(page.getByTestId("entry-prohibited")).containsText("line 2: us-uflpa:");
        assertThat(page.getByTestId("entry-total-duty")).hasCount(0);
        assertThat(page.getByTestId("entry-lines").locator("tbody tr").nth(1)).containsText("prohibited");
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    /*
     * A CAFTA-DR entry: rare-earth compounds from GT ($1,200.00) and SV ($1,300.00), both claiming P — $2,500.00 in all, not
     * over US$2,500: the page says the certification of origin is not required (19 CFR 10.586(a)(2)) and why, on the entry
     * and in each line's trail. One cent more ($1,300.01) and it is required of both lines, as before.
     */
    @Test
    void aCaftaDrEntryOfTwoThousandFiveHundredDollarsSaysTheCertificationIsNotRequired() {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.navigate(s.url() + "/#assess");
        fillFirst("2846.90.80.90", "GT", "1200.00", "12");
        page.locator("#assess-form [name=preference]").fill("P");
        page.getByTestId("add-line").click();
        fillLine(2, "2846.90.80.90", "SV", "1300.00", "13");
        line(2).locator("[data-field=preference]").fill("P");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("entry")).containsText("Documents required: none");
        assertThat(page.getByTestId("entry-warnings")).containsText("lines 1, 2: cafta-dr-certification-of-origin not required "
                + "(19 CFR 10.586(a)(2)): the entry's 2 lines us-cafta-dr-certification applies to are worth $2,500.00 in all, not over "
                + "$2,500.00; under 19 CFR 10.586(b) CBP may still require a copy of the certification");
        page.getByTestId("entry-line-result").nth(0).locator("summary").first().click();
        page.getByTestId("entry-line-result").nth(0).locator("details summary").first().click();
        assertThat(page.getByTestId("entry-line-result").nth(0)).containsText("B waived");
        assertThat(page.getByTestId("entry-line-result").nth(0)).containsText("(line 1 $1,200.00 + line 2 $1,300.00 = $2,500.00), "
                + "not over $2,500.00");
        line(2).locator("[data-field=customs_value]").fill("1300.01");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("entry")).containsText("Documents required: cafta-dr-certification-of-origin");
        assertThat(page.getByTestId("entry-warnings")).containsText("lines 1, 2: document required but not declared as held: "
                + "cafta-dr-certification-of-origin");
        assertThat(page.getByTestId("entry-warnings")).not().containsText("not required (19 CFR");
        assertThat(errors).as("errors in the browser console").isEmpty();
    }
}
