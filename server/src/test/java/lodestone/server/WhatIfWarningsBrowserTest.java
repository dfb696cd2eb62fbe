package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What-ifs past the regime's horizon say so on the pages: the Bulk page's comparison of a file and its record in History
 * (each distinct warning with its side and lines, a listed line's own, a "Beyond the data" banner), and the Assess page's
 * what-if of a shipment (each side's warnings). They were answered with no warning at all.
 */
class WhatIfWarningsBrowserTest extends BrowserPageTest {
    static final Path FILE = Path.of("../examples/bulk/entries.csv");
    static final LocatorAssertions.IsVisibleOptions A_JOB = new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);

    @Test
    void aFileComparedPastTheHorizonShowsEachSidesWarningsAndSoDoesHistory() throws Exception {
        JsonNode api = s.upload("/api/compare-file?with=date:2027-06-01&name=entries.csv", s.admin, Files.readAllBytes(FILE), null).json();
        assertThat(api.get("warnings").size()).isPositive();
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.locator("#cmp-card summary").click();
        page.getByTestId("cmp-file").setInputFiles(FILE);
        page.getByTestId("cmp-with").fill("date:2027-06-01");
        page.getByTestId("cmp-run").click();
        assertThat(page.getByTestId("cmp-horizon-banner")).isVisible(A_JOB);
        assertThat(page.getByTestId("cmp-horizon-banner"))
                .containsText("Beyond the data — B: regime horizon: the entry date 2027-06-01 is after 2026-10-07");
        Locator list = page.getByTestId("cmp-warnings").locator("li");
        assertThat(list).hasCount(api.get("warnings").size());
        for (int i = 0; i < api.get("warnings").size(); i++) assertThat(list.nth(i)).hasText(api.get("warnings").get(i).asText());
        assertThat(page.getByTestId("cmp-warnings")).containsText("B: regime horizon: converted from EUR at ");
        // a listed line's own warnings, under its id
        assertThat(page.getByTestId("cmp-lines").getByTestId("cmp-line-warnings").first()).containsText("B: regime horizon: the entry date 2027-06-01");

        // the recorded what-if in History says the same, and fits a phone
        page.locator("#cmp-result a[href^='#history/whatif/']").first().click();
        assertThat(page.getByTestId("whatif")).isVisible();
        assertThat(page.getByTestId("cmp-horizon-banner")).containsText("B: regime horizon: the entry date 2027-06-01 is after");
        assertThat(page.getByTestId("cmp-warnings").locator("li")).hasCount(api.get("warnings").size());
        page.setViewportSize(390, 844);
        page.waitForTimeout(300);
        assertNoOverflow(390, "#history/whatif/ID of a file past the horizon");
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aShipmentsWhatIfPastTheHorizonShowsItsWarnings() {
        JsonNode api = s.post("/api/compare", s.admin, """
                {"hts": "2846.90.80.90", "origin": "CN", "customs_value": 10000, "quantity": 500, "unit": "kg", "entry_date": "2026-03-02",
                 "with": "date:2027-06-01"}""").json();
        page = Browsers.signedIn(b.browser(), s, errors);
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("2846.90.80.90");
        page.getByTestId("origin").fill("CN");
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill("10000");
        page.locator("#assess-form [name=quantity]").fill("500");
        page.locator("#assess-form [name=unit]").fill("kg");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("total-duty")).isVisible();
        page.getByTestId("whatif-with").fill("date:2027-06-01");
        page.getByTestId("whatif-run").click();
        assertThat(page.getByTestId("cmp-horizon-banner")).containsText("Beyond the data — B: regime horizon: the entry date 2027-06-01 is after");
        // each side's warnings, as the API answers them, with the side
        int n = 0;
        for (String side : new String[]{"a", "b"}) {
            for (JsonNode w : api.get(side).get("assessment").get("warnings")) {
                assertThat(page.getByTestId("cmp-warnings")).containsText(side.toUpperCase() + ": " + w.asText());
                n++;
            }
        }
        assertThat(page.getByTestId("cmp-warnings").locator("li")).hasCount(n);
        page.getByTestId("whatif-link").click();
        assertThat(page.getByTestId("whatif")).isVisible();
        assertThat(page.getByTestId("cmp-horizon-banner")).containsText("B: regime horizon: the entry date 2027-06-01 is after");
        assertThat(errors).as("errors in the browser console").isEmpty();
    }
}
