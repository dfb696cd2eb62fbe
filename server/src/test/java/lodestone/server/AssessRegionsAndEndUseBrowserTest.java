package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Assess form's production regions and end use (under "More fields"): suggested from the regime, sent to the API,
 * answered as the API answers, kept in the shareable link, and a bad value said at its field.
 */
class AssessRegionsAndEndUseBrowserTest extends BrowserPageTest {
    private static String usd(double v) {
        return "USD " + String.format(Locale.ROOT, "%,.2f", v).replace(',', '\u202f');
    }

    private void fill(String hts, String origin) {
        page.getByTestId("hts").fill(hts);
        page.getByTestId("origin").fill(origin);
        page.getByLabel("Entry date").fill("2026-09-01");
        page.getByTestId("value").fill("10000");
        page.getByLabel("Quantity", new Page.GetByLabelOptions().setExact(true)).fill("100");
        page.getByLabel("Unit of quantity").fill("kg");
    }

    private JsonNode assessed(String hts, String origin, String field, Object value) {
        Map<String, Object> body = new HashMap<>(Map.of("hts", hts, "origin", origin, "entry_date", "2026-09-01", "customs_value", "10000",
                "quantity", "100", "unit", "kg"));
        if (field != null) body.put(field, value);
        TestServer.Response r = s.post("/api/assessments", s.admin, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("assessment");
    }

    @Test
    void aRegionBlocksTheLineAnEndUseExemptsItAndBothAreKeptInTheLink() {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.setViewportSize(1366, 768);
        page.navigate(s.url() + "/#assess");
        page.getByTestId("more-fields").locator("summary").click();
        // the regime's regions and end uses are offered
        assertThat(page.locator("#region-list option[value='CN-XJ']")).hasCount(1);
        assertThat(page.locator("#end-use-list option[value='civil-aircraft']")).hasCount(1);
        // and the documents the measures name, with the measures naming each (uflpa-exception: UFLPA section 3(b))
        assertThat(page.locator("#document-list option[value='uflpa-exception']")).hasText("us-uflpa");
        assertThat(page.locator("#assess-form [name=documents]")).hasAttribute("list", "document-list");

        // a Chinese line declaring no region: assessed, with the warning the API gives
        fill("2846.90.80.90", "CN");
        page.getByTestId("assess").click();
        JsonNode undeclared = assessed("2846.90.80.90", "CN", null, null);
        String warning = null;
        for (JsonNode w : undeclared.get("warnings")) if (w.asText().startsWith("production regions not declared")) warning = w.asText();
        assertThat(warning).isNotNull();
        assertThat(page.getByTestId("warnings")).containsText(warning);

        // produced in part in Xinjiang: prohibited, with the statute's reason and the condition in the trail
        page.getByTestId("production-regions").fill("cn-gs, cn-xj");
        page.getByTestId("assess").click();
        JsonNode xj = assessed("2846.90.80.90", "CN", "production_regions", List.of("CN-GS", "CN-XJ"));
        assertThat(xj.get("status").asText()).isEqualTo("prohibited");
        assertThat(page.getByTestId("prohibited")).containsText(xj.get("prohibitions").get(0).asText());
        assertThat(page.locator(".trail")).containsText("produced (wholly or in part) in CN-XJ (Xinjiang Uyghur Autonomous Region) → block");
        assertThat(page.getByTestId("declared")).hasText("Declared: produced in CN-GS, CN-XJ");
        // the link reopens it with the regions in their field, the group open
        String link = page.getByTestId("share-link").getAttribute("href");
        page.navigate(s.url() + "/#history");
        assertThat(page.locator("#hist-filter")).isVisible();
        page.navigate(link);
        assertThat(page.getByTestId("prohibited")).isVisible();
        assertThat(page.getByTestId("more-fields")).hasAttribute("open", "");
        assertThat(page.getByTestId("production-regions")).hasValue("CN-GS, CN-XJ");
        // with the exception the CBP Commissioner determined for the goods (UFLPA section 3(b)): assessed, the trail says why
        page.locator("#assess-form [name=documents]").fill("uflpa-exception");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("prohibited")).isHidden();
        assertThat(page.getByTestId("total-duty")).isVisible();
        assertThat(page.locator(".trail")).containsText("document uflpa-exception is presented → exempt: the CBP Commissioner has determined "
                + "an exception for these goods (UFLPA section 3(b)");

        // a Brazilian line of the civil-aircraft list: the end use takes both Section 301 duties off
        page.navigate(s.url() + "/#assess");
        page.getByTestId("more-fields").locator("summary").click();
        fill("3917.21.00.00", "BR");
        page.getByTestId("assess").click();
        JsonNode without = assessed("3917.21.00.00", "BR", null, null);
        assertThat(page.getByTestId("total-duty")).hasText(usd(without.get("total_duty").asDouble()));
        assertThat(page.getByTestId("measures")).containsText("9903.05.01");
        page.getByTestId("end-use").fill("civil-aircraft");
        page.getByTestId("assess").click();
        JsonNode with = assessed("3917.21.00.00", "BR", "end_use", "civil-aircraft");
        assertThat(with.get("total_duty").asDouble()).isLessThan(without.get("total_duty").asDouble());
        assertThat(page.getByTestId("total-duty")).hasText(usd(with.get("total_duty").asDouble()));
        assertThat(page.getByTestId("measures")).not().containsText("9903.05.01");
        assertThat(page.getByTestId("declared")).hasText("Declared: end use civil-aircraft");
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aBadRegionOrEndUseIsSaidAtItsField() {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.navigate(s.url() + "/#assess");
        page.getByTestId("more-fields").locator("summary").click();
        fill("2846.90.80.90", "CN");
        // a shape the page can check: said before anything is sent
        page.getByTestId("production-regions").fill("XJ");
        page.getByTestId("assess").click();
        assertThat(page.locator("#assess-form label:has([name=production_regions]) [data-testid=field-error]"))
                .hasText("Production regions: 'XJ' is not an ISO 3166-2 region code; expected e.g. CN-XJ");
        // a region the regime does not list: the API's reason at the field
        page.getByTestId("production-regions").fill("CN-XI");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("production-regions")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#assess-form label:has([name=production_regions]) [data-testid=field-error]"))
                .containsText("Production regions: unknown production region 'CN-XI'; expected one of CN-AH");
        page.getByTestId("production-regions").fill("");
        page.getByTestId("end-use").fill("<b>space</b>");
        page.getByTestId("assess").click();
        assertThat(page.locator("#assess-form label:has([name=end_use]) [data-testid=field-error]"))
                .hasText("End use: '<b>space</b>' is not an end-use code; expected lower-case words joined by hyphens, e.g. civil-aircraft");
        assertThat(page.locator("#assess-form b:text('space')")).hasCount(0);
        assertThat(errors).as("errors in the browser console").isEmpty();
    }
}
