package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The what-if of a customs entry of several lines (POST /api/compare with lines; it was refused, "an entry of several lines is
 * assessed by POST /api/assessments", and the Assess page offered none below an entry): each side's entry, the difference,
 * each line's duties, the same as each line compared alone; on the page below the entry, and recorded in History.
 */
class EntryWhatIfBrowserTest extends BrowserPageTest {
    static final String LINE1 = "{\"hts\": \"2846.90.80.90\", \"origin\": \"CN\", \"customs_value\": 10000, \"quantity\": 500, \"unit\": \"kg\"";
    static final String LINE2 = "{\"hts\": \"7408.11.60.00\", \"origin\": \"CL\", \"customs_value\": 10000, \"quantity\": 1000, \"unit\": \"kg\", \"metal_content_value\": 8000";

    private static String money(BigDecimal v) {
        return "USD\u00a0" + String.format(Locale.ROOT, "%,.2f", v.abs()).replace(',', '\u202f');
    }

    @Test
    void anEntryIsComparedLineByLineAsEachLineAloneAndRecorded() {
        TestServer.Response r = s.post("/api/compare", s.admin, "{\"entry_date\": \"2026-03-02\", \"with\": \"date:2025-12-31\", \"lines\": ["
                + LINE1 + "}, " + LINE2 + "}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.get("a").get("entry").get("total_duty").decimalValue()).isEqualByComparingTo("4870.00");
        assertThat(c.get("a").get("entry").get("line_count").asInt()).isEqualTo(2);
        assertThat(c.get("b").get("label").asText()).contains("2025-12-31");
        assertThat(c.get("b").get("entry").get("date").asText()).isEqualTo("2025-12-31");
        BigDecimal sumB = BigDecimal.ZERO;
        for (int i = 0; i < 2; i++) {
            // each line as the one-shipment what-if compares it alone
            JsonNode alone = s.post("/api/compare", s.admin, (i == 0 ? LINE1 : LINE2) + ", \"entry_date\": \"2026-03-02\", \"with\": \"date:2025-12-31\"}").json();
            JsonNode line = c.get("lines").get(i);
            assertThat(line.get("line_id").asText()).isEqualTo(String.valueOf(i + 1));
            assertThat(line.get("a").decimalValue()).isEqualByComparingTo(alone.get("a").get("assessment").get("total_duty").decimalValue());
            assertThat(line.get("b").decimalValue()).isEqualByComparingTo(alone.get("b").get("assessment").get("total_duty").decimalValue());
            assertThat(line.get("change").decimalValue()).isEqualByComparingTo(alone.get("difference").decimalValue());
            sumB = sumB.add(line.get("b").decimalValue());
        }
        assertThat(c.get("b").get("entry").get("total_duty").decimalValue()).isEqualByComparingTo(sumB);
        assertThat(c.get("difference").decimalValue()).isEqualByComparingTo(sumB.subtract(new BigDecimal("4870.00")));
        JsonNode w = s.get("/api/whatifs/" + c.get("whatif_id").asLong(), s.admin).json();
        assertThat(w.get("subject").asText()).isEqualTo("2 lines: 2846.90.80.90, 7408.11.60.00 from CN, CL on 2026-03-02");
        assertThat(w.get("kind").asText()).as("an entry's what-if is recorded as one").isEqualTo("entry");
        assertThat(w.get("difference").decimalValue()).isEqualByComparingTo(c.get("difference").decimalValue());

        // a bad line refuses the what-if whole, at its field (as POST /api/assessments refuses it)
        TestServer.Response bad = s.post("/api/compare", s.admin, "{\"entry_date\": \"2026-03-02\", \"with\": \"date:2025-12-31\", \"lines\": ["
                + LINE1 + "}, " + LINE2.replace("\"CL\"", "\"XX\"") + "}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/problems/0/field").asText()).isEqualTo("lines[1].origin");
        // a line only the other side cannot assess (Section 232 on copper content began after the entry's date): said with the side
        TestServer.Response underB = s.post("/api/compare", s.admin, "{\"entry_date\": \"2025-06-01\", \"with\": \"date:2026-03-02\", \"lines\": ["
                + LINE1 + "}, " + LINE2.replace(", \"metal_content_value\": 8000", "") + "}]}");
        assertThat(underB.status()).isEqualTo(400);
        assertThat(underB.json().at("/error/problems")).hasSize(1);
        assertThat(underB.json().at("/error/problems/0/field").asText()).isEqualTo("lines[1].metal_content_value");
        assertThat(underB.json().at("/error/problems/0/message").asText())
                .startsWith("lines[1].metal_content_value (line 2): under bundled on 2026-03-02: content missing for a content-based duty: 9903.78.01");
    }

    @Test
    void theAssessPageComparesAnEntryBelowItAndHistoryShowsIt() {
        TestServer.Response api = s.post("/api/compare", s.admin, "{\"entry_date\": \"2026-03-02\", \"with\": \"date:2025-12-31\", \"lines\": ["
                + LINE1 + "}, " + LINE2 + "}]}");
        JsonNode c = api.json();
        page = Browsers.signedIn(b.browser(), s, errors);
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("2846.90.80.90");
        page.getByTestId("origin").fill("CN");
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill("10000");
        page.locator("#assess-form [name=quantity]").fill("500");
        page.locator("#assess-form [name=unit]").fill("kg");
        addCopperLineOfChile(page);
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("entry-total-duty")).hasText("USD\u00a04\u202f870.00");
        assertThat(page.locator("#assess-whatif label").first()).containsText("What-if: the same entry compared with");
        page.getByTestId("whatif-with").fill("date:2025-12-31");
        page.getByTestId("whatif-run").click();
        BigDecimal d = c.get("difference").decimalValue();
        assertThat(page.getByTestId("whatif-difference")).hasText((d.signum() > 0 ? "+" : d.signum() < 0 ? "−" : "") + money(d));
        Locator rows = page.getByTestId("whatif-lines").locator("tbody tr");
        assertThat(rows).hasCount(2);
        for (int i = 0; i < 2; i++) {
            JsonNode l = c.get("lines").get(i);
            assertThat(rows.nth(i).locator("td").nth(3)).hasText(money(l.get("a").decimalValue()));
            assertThat(rows.nth(i).locator("td").nth(4)).hasText(money(l.get("b").decimalValue()));
        }
        assertThat(page.getByTestId("whatif-sides").locator("tbody tr").nth(0)).containsText("USD\u00a04\u202f870.00");

        // recorded in History, said to be an entry's
        page.getByTestId("whatif-link").click();
        assertThat(page.getByTestId("whatif-subject")).hasText("2 lines: 2846.90.80.90, 7408.11.60.00 from CN, CL on 2026-03-02");
        assertThat(page.getByTestId("whatif")).containsText("a customs entry");
        assertThat(page.getByTestId("whatif-lines").locator("tbody tr")).hasCount(2);

        // the entry reopened from the ledger offers the what-if too
        page.navigate(s.url() + "/#history");
        page.getByTestId("history").locator("a", new Locator.LocatorOptions().setHasText("Entry of 2 lines")).first().click();
        assertThat(page.getByTestId("entry-total-duty")).hasText("USD\u00a04\u202f870.00");
        page.getByTestId("whatif-run").click();
        assertThat(page.getByTestId("whatif-lines").locator("tbody tr")).hasCount(2);
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    /** Adds an entry line on the Assess page: copper wire 7408.11.60.00 of CL, $10,000, 1,000 kg, $8,000 of copper. */
    static void addCopperLineOfChile(com.microsoft.playwright.Page page) {
        page.getByTestId("add-line").click();
        Locator line = page.getByTestId("entry-line").nth(0);
        line.locator("[data-field=hts]").fill("7408.11.60.00");
        line.locator("[data-field=origin]").fill("CL");
        line.locator("[data-field=customs_value]").fill("10000");
        line.locator("[data-field=quantity]").fill("1000");
        line.locator("[data-field=unit]").fill("kg");
        line.locator("[data-field=metal_content_value]").fill("8000");
    }
}
