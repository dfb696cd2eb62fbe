package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The Stockpiles and Exposure pages in Chromium (set up as WebAppBrowserTest is). */
class ExposureWebTest {
    static TestServer s;
    static Browsers.Session session;
    static Browser browser;
    Page page;
    final List<String> consoleErrors = new ArrayList<>();

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
    void theVaultsPositionCoverAndAReleaseWithItsCharts() {
        page.navigate(s.url() + "/#stockpiles");
        assertThat(page.getByTestId("holdings")).containsText("gallium");
        assertThat(page.getByTestId("funding")).containsText("USD 11\u202f670\u202f000\u202f000.00");
        assertThat(page.getByTestId("members")).containsText("General Motors");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Compute cover").setExact(true)).click();
        assertThat(page.getByTestId("cover-table")).containsText("lasts the disruption");
        assertThat(page.getByTestId("cover").locator("canvas").first()).isVisible();
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run the release").setExact(true)).click();
        assertThat(page.getByTestId("shares")).containsText("project-vault");
        assertThat(page.getByTestId("release-cost")).containsText("book cost USD");
        assertThat(page.getByTestId("release").locator("canvas").first()).isVisible();
    }

    @Test
    void evaluateACompanyFileDownloadTheReportAndSeeABadFileRefused() throws Exception {
        page.navigate(s.url() + "/#exposure");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Evaluate").setExact(true)).click();
        assertThat(page.getByTestId("totals")).containsText("market=gallium-ban,from=2026-06-01");
        assertThat(page.getByTestId("lines")).containsText("9903.88.03");
        assertThat(page.getByTestId("exposure").locator("canvas").first()).isVisible();
        Download d = page.waitForDownload(() -> page.getByText("Download HTML report").click());
        String html = Files.readString(d.path());
        assertThat(html).contains("<h1>Exposure of Example Photonics (illustrative)</h1>");
        // a supplier name with markup is shown as text, never as markup
        page.locator("textarea[name=company]").fill("company: \"<img src=x onerror=alert(1)>\"\nsourcing:\n"
                + "  - {id: a, origin: CN, hts: 8112.92.10.00, quantity: 1, price: 1}\n");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Evaluate").setExact(true)).click();
        assertThat(page.getByTestId("exposure").locator("h2")).containsText("<img src=x onerror=alert(1)>");
        assertThat(page.locator("img")).hasCount(0);
        page.locator("textarea[name=company]").fill("company: X\nsourcing:\n  - {id: a, origin: CN, hts: 8112.92.11, quantity: -1, price: 1}\n");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Evaluate").setExact(true)).click();
        assertThat(page.getByTestId("error")).containsText("unknown HTS code '8112.92.11'; nearest codes: 8112.92.10.00");
    }
}
