package lodestone.server;

import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The what-if forms move origins: the Bulk page's file what-if with "Origins moved" (and no other regime or date) shows
 * each line's origin under each side and the dropped claim's warning; the Assess page's shipment what-if the same for one
 * line; a bad mapping is the API's message at its field. Figures as CompareOriginApiTest.
 */
class OriginWhatIfBrowserTest extends BrowserPageTest {
    static final LocatorAssertions.IsVisibleOptions A_JOB = new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);

    @Test
    void aFileWithOriginsMovedShowsBothOriginsAndTheDroppedClaim(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("moved.csv");
        Files.write(file, CompareOriginApiTest.FILE);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.locator("#cmp-card summary").click();
        page.getByTestId("cmp-file").setInputFiles(file);
        page.getByTestId("cmp-with").fill("");
        page.getByTestId("cmp-origin").fill("CN=VN,MX=CN");
        page.getByTestId("cmp-run").click();
        assertThat(page.getByTestId("cmp-lines")).isVisible(A_JOB);
        assertThat(page.getByTestId("cmp-sides")).containsText(", origin CN→VN, MX→CN");
        assertThat(page.getByTestId("cmp-lines").locator("thead")).containsText("Origin AOrigin B");
        assertThat(page.getByTestId("cmp-lines").locator("tbody tr").first()).containsText("mx-1");
        assertThat(page.getByTestId("cmp-lines").locator("tbody tr").first().locator("td").nth(2)).hasText("MX");
        assertThat(page.getByTestId("cmp-lines").locator("tbody tr").first().locator("td").nth(3)).hasText("CN");
        assertThat(page.getByTestId("cmp-warnings")).containsText("B: " + CompareOriginApiTest.NOTE + " (1 line)");
        assertThat(page.getByTestId("cmp-origins-moved")).hasText("Origins moved under B: CN → VN 1 line, MX → CN 1 line");

        // a bad mapping: the API's message, its field said by its label
        page.getByTestId("cmp-origin").fill("CN=CN");
        page.getByTestId("cmp-run").click();
        assertThat(page.locator("#cmp-result")).containsText("Origins moved: CN=CN: CN is mapped to itself; map an origin to another country");
        // the mapping as typed comes back in the message: as text, through the page's one escaping path
        page.getByTestId("cmp-origin").fill("<img src=x onerror=\"window.__hit=1\">=VN");
        page.getByTestId("cmp-run").click();
        assertThat(page.locator("#cmp-result")).containsText("Origins moved: '<img src=x onerror=\"window.__hit=1\">=VN': expected FROM=TO");
        assertThat(page.locator("#cmp-result img")).hasCount(0);
        assertThat(page.evaluate("() => window.__hit === undefined")).isEqualTo(true);
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aShipmentsWhatIfMovesItsOrigin() {
        graphiteOfChinaOnTheAssessPage();
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("total-duty")).isVisible();
        whatIfMoving("CN=VN");
        // graphite of CN: Section 301 25 % = 2,500.00; of VN: nothing
        assertThat(page.getByTestId("whatif-difference")).containsText("2\u202f500.00");
        assertThat(page.getByTestId("whatif-sides")).containsText(", origin CN→VN");
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void anEntrysWhatIfMovesTheOriginOfItsLinesFromThatCountryOnly() {
        // graphite of CN (Section 301, 25 %: 2,500.00) and copper of CL: moved CN→VN, only the graphite line changes
        TestServer.Response api = s.post("/api/compare", s.admin, "{\"entry_date\": \"2026-03-02\", \"with_origin\": \"CN=VN\", \"lines\": ["
                + "{\"hts\": \"2504.10.10.00\", \"origin\": \"CN\", \"customs_value\": 10000, \"quantity\": 10000, \"unit\": \"kg\"}, "
                + "{\"hts\": \"7408.11.60.00\", \"origin\": \"CL\", \"customs_value\": 10000, \"quantity\": 1000, \"unit\": \"kg\", \"metal_content_value\": 8000}]}");
        assertThat(api.status()).as(api.body()).isEqualTo(201);
        assertThat(api.json().get("difference").decimalValue()).isEqualByComparingTo("-2500.00");
        graphiteOfChinaOnTheAssessPage();
        EntryWhatIfBrowserTest.addCopperLineOfChile(page);
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("entry-total-duty")).isVisible();
        whatIfMoving("CN=VN");
        assertThat(page.getByTestId("whatif-difference")).hasText("−USD\u00a02\u202f500.00");
        assertThat(page.getByTestId("whatif-sides")).containsText(", origin CN→VN");
        assertThat(page.getByTestId("whatif-lines").locator("tbody tr")).hasCount(2);
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    /** Signed in, the Assess page filled with 2504.10.10.00 (natural graphite) of CN, $10,000, 10,000 kg, on 2026-03-02. */
    private void graphiteOfChinaOnTheAssessPage() {
        page = Browsers.signedIn(b.browser(), s, errors);
        page.navigate(s.url() + "/#assess");
        page.getByTestId("hts").fill("2504.10.10.00");
        page.getByTestId("origin").fill("CN");
        page.getByLabel("Entry date").fill("2026-03-02");
        page.getByTestId("value").fill("10000");
        page.locator("#assess-form [name=quantity]").fill("10000");
        page.locator("#assess-form [name=unit]").fill("kg");
    }

    /** The what-if below the result, with origins moved only (no other regime or date). */
    private void whatIfMoving(String mapping) {
        page.getByTestId("whatif-with").fill("");
        page.getByTestId("whatif-origin").fill(mapping);
        page.getByTestId("whatif-run").click();
    }
}
