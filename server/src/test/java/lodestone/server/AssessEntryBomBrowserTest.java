package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Assess page's added lines take a bill of materials as line 1 does (the API's and the command line's entries did, the
 * page's did not): each line's own sent in its place, a line's bad file or the API's refusal of it shown at that line's
 * field, and #assess/ID reopening an entry says each line's bill of materials and sends it again unless it is removed. A file is
 * sent as its text, exactly (the page used to parse it and send its numbers again as a browser writes them).
 */
class AssessEntryBomBrowserTest extends BrowserPageTest {
    static final Path ORIGIN = Path.of(System.getProperty("lodestone.root", ".."), "examples", "origin");

    private Locator line2() {
        return page.getByTestId("entry-line").nth(0);
    }

    private JsonNode record(String id) {
        return s.get("/api/assessments/" + id, s.admin).json();
    }

    private String shownId() {
        return page.getByTestId("share-link").getAttribute("href").replaceAll(".*/#assess/", "");
    }

    @Test
    void eachLineOfAnEntrySendsItsOwnBillOfMaterialsAndAReopenedEntrySaysAndKeepsThem() throws Exception {
        String fails = Files.readString(ORIGIN.resolve("beryllium-does-not-qualify.json"));
        String qualifies = Files.readString(ORIGIN.resolve("beryllium-qualifies.json"));
        // the premise: the two bills of materials give the two lines different duties (the API's answer for the same entry)
        String entry = "{\"entry_date\": \"2026-03-02\", \"lines\": ["
                + "{\"hts\": \"8112.12.00\", \"origin\": \"GT\", \"customs_value\": \"1000\", \"quantity\": \"10\", \"unit\": \"kg\", \"preference\": \"P\", \"bom\": " + fails + "},"
                + "{\"hts\": \"8112.12.00\", \"origin\": \"GT\", \"customs_value\": \"1000\", \"quantity\": \"10\", \"unit\": \"kg\", \"preference\": \"P\", \"bom\": " + qualifies + "}]}";
        TestServer.Response api = s.post("/api/assessments", s.admin, entry);
        assertThat(api.status()).as(api.body()).isEqualTo(201);
        JsonNode apiLines = api.json().get("entry").get("lines");
        String duty1 = apiLines.get(0).get("total_duty").decimalValue().toPlainString();
        String duty2 = apiLines.get(1).get("total_duty").decimalValue().toPlainString();
        assertThat(apiLines.get(0).get("total_duty").decimalValue()).isNotEqualByComparingTo(apiLines.get(1).get("total_duty").decimalValue());

        page = Browsers.signedIn(b.browser(), s, errors);
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("8112.12.00");
        page.getByTestId("origin").fill("GT");
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill("1000");
        page.locator("#assess-form [name=quantity]").fill("10");
        page.locator("#assess-form [name=unit]").fill("kg");
        page.locator("#assess-form [name=preference]").fill("P");
        page.locator("#assess-form [name=bom]").setInputFiles(ORIGIN.resolve("beryllium-does-not-qualify.json"));
        page.getByTestId("add-line").click();
        line2().locator("[data-field=hts]").fill("8112.12.00");
        line2().locator("[data-field=origin]").fill("GT");
        line2().locator("[data-field=customs_value]").fill("1000");
        line2().locator("[data-field=quantity]").fill("10");
        line2().locator("[data-field=unit]").fill("kg");
        line2().locator("[data-field=preference]").fill("P");
        Locator bom2 = line2().locator("[data-field=bom]");

        // a file that is not JSON: said at line 2's field, nothing sent
        bom2.setInputFiles(new FilePayload("notes.json", "application/json", "{not json".getBytes()));
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("error")).hasText("Line 2 · Bill of materials: not valid JSON; expected a bill of materials (docs/origin-format.md)");
        assertThat(bom2).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#assess-form [name=bom]")).not().hasAttribute("aria-invalid", "true");
        // a bill of materials of another product: the API's refusal, at line 2's field
        bom2.setInputFiles(ORIGIN.resolve("antimony-qualifies.json"));
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("error")).containsText("Line 2 · Bill of materials: ");
        assertThat(page.getByTestId("error")).containsText("8110.90");
        assertThat(bom2).hasAttribute("aria-invalid", "true");

        // each line's own: line 1's does not qualify, line 2's does
        bom2.setInputFiles(ORIGIN.resolve("beryllium-qualifies.json"));
        page.getByTestId("assess").click();
        Locator rows = page.getByTestId("entry-lines").locator("tbody tr");
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0).locator("td").nth(4)).hasText("USD\u00a0" + String.format(java.util.Locale.ROOT, "%,.2f", new java.math.BigDecimal(duty1)).replace(',', '\u202f'));
        assertThat(rows.nth(1).locator("td").nth(4)).hasText("USD\u00a0" + String.format(java.util.Locale.ROOT, "%,.2f", new java.math.BigDecimal(duty2)).replace(',', '\u202f'));
        page.getByTestId("entry-line-result").nth(0).locator("summary").first().click();
        assertThat(page.getByTestId("entry-line-result").nth(0)).containsText("preference P not granted: the goods do not qualify under CAFTA-DR");
        page.getByTestId("entry-line-result").nth(1).locator("summary").first().click();
        assertThat(page.getByTestId("entry-line-result").nth(1)).not().containsText("preference P not granted");
        String id = shownId();
        JsonNode sent = record(id).get("request").get("lines");
        // each file's text exactly as it is (parsed by the page and written again, its 600.00 was sent as 600)
        assertThat(sent.get(0).get("bom").asText()).isEqualTo(fails);
        assertThat(sent.get(1).get("bom").asText()).isEqualTo(qualifies);

        // reopened: each line says its bill of materials, and sends it again
        page.navigate(s.url() + "/#history");
        page.navigate(s.url() + "/#assess/" + id);
        assertThat(page.getByTestId("entry-lines").locator("tbody tr")).hasCount(2);
        Locator kept1 = page.locator("#assess-form > .grid [data-testid=bom-kept]");
        Locator kept2 = line2().getByTestId("bom-kept");
        assertThat(kept1.getByTestId("bom-kept-text")).hasText("Sent with this assessment: 8112.12.00 unwrought beryllium, 2 materials (cafta-dr); "
                + "sent again unless you choose another file or remove it.");
        assertThat(kept2.getByTestId("bom-kept-text")).hasText("Sent with this assessment: 8112.12.00 unwrought beryllium, 2 materials (cafta-dr); "
                + "sent again unless you choose another file or remove it.");
        assertThat(kept1.locator("li").first()).hasText("beryllium powder (non-originating) · 8112.12.00 · 600 · non-originating");
        assertThat(kept2.locator("li").first()).hasText("beryl ore (non-originating) · 2617.90.00 · 550 · non-originating");
        assertThat(kept2.locator("li").nth(1)).hasText("reagents, local · 2811.19.61 · 90 · originating");
        assertThat(kept2.getByTestId("bom-drop")).hasAttribute("aria-label", "Remove the bill of materials of line 2");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("share-link")).not().hasAttribute("href", java.util.regex.Pattern.compile(".*/#assess/" + id + "$"));
        String again = shownId();
        JsonNode resent = record(again).get("request").get("lines");
        assertThat(resent.get(0).get("bom")).isEqualTo(sent.get(0).get("bom"));
        assertThat(resent.get(1).get("bom")).isEqualTo(sent.get(1).get("bom"));
        assertThat(page.getByTestId("entry-lines").locator("tbody tr").nth(1).locator("td").nth(4))
                .hasText("USD\u00a0" + String.format(java.util.Locale.ROOT, "%,.2f", new java.math.BigDecimal(duty2)).replace(',', '\u202f'));

        // line 2's removed: the entry is sent without it, line 1's kept
        kept2.getByTestId("bom-drop").click();
        assertThat(kept2).isHidden();
        assertThat(bom2).isFocused();
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("share-link")).not().hasAttribute("href", java.util.regex.Pattern.compile(".*/#assess/" + again + "$"));
        JsonNode third = record(shownId()).get("request").get("lines");
        assertThat(third.get(0).get("bom")).isEqualTo(sent.get(0).get("bom"));
        assertThat(third.get(1).has("bom")).isFalse();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aSingleAssessmentReopenedSaysItsBillOfMaterialsAndSendsItAgain() throws Exception {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("8112.12.00");
        page.getByTestId("origin").fill("GT");
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill("1000");
        page.locator("#assess-form [name=quantity]").fill("10");
        page.locator("#assess-form [name=unit]").fill("kg");
        page.locator("#assess-form [name=preference]").fill("P");
        page.locator("#assess-form [name=bom]").setInputFiles(ORIGIN.resolve("beryllium-does-not-qualify.json"));
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("assessment")).containsText("preference P not granted: the goods do not qualify under CAFTA-DR");
        String id = shownId();
        page.navigate(s.url() + "/#history");
        page.navigate(s.url() + "/#assess/" + id);
        assertThat(page.getByTestId("assessment")).containsText("preference P not granted");
        assertThat(page.getByTestId("bom-kept-text")).hasText("Sent with this assessment: 8112.12.00 unwrought beryllium, 2 materials (cafta-dr); "
                + "sent again unless you choose another file or remove it.");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("share-link")).not().hasAttribute("href", java.util.regex.Pattern.compile(".*/#assess/" + id + "$"));
        assertThat(page.getByTestId("assessment")).containsText("preference P not granted: the goods do not qualify under CAFTA-DR");
        assertThat(record(shownId()).get("request").get("bom")).isEqualTo(record(id).get("request").get("bom"));
        assertThat(record(id).get("request").get("bom").asText()).isEqualTo(Files.readString(ORIGIN.resolve("beryllium-does-not-qualify.json")));
        assertThat(errors).as("errors in the browser console").isEmpty();
    }
}
