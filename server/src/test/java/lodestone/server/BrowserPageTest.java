package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * What the web application's browser tests share: one server and one Chromium for a test class, and a page per test
 * whose console errors are collected into {@link #errors} (closed after the test). A class asserts on the errors
 * where it means to; the page helpers here only open pages.
 */
abstract class BrowserPageTest {
    static TestServer s;
    static Browsers.Session b;
    Page page;
    final List<String> errors = new ArrayList<>();

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        b = Browsers.launch();
        s = new TestServer();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (b != null) b.close();
        if (s != null) s.close();
        b = null;
        s = null;
    }

    @AfterEach
    void closePage() {
        if (page != null && !page.isClosed()) page.close();
        page = null;
    }

    /** A page of the given size, not signed in; its console errors are collected (allow4xx: a 4xx the page shows is not one). */
    Page blank(int width, int height, boolean allow4xx) {
        page = b.browser().newPage(new Browser.NewPageOptions().setViewportSize(width, height).setAcceptDownloads(true));
        Browsers.collectErrors(page, errors, allow4xx);
        return page;
    }

    /** A page signed in as the administrator (a 4xx the page shows is not an error). */
    Page open(int width, int height) {
        return open(width, height, true);
    }

    /** A page signed in as the administrator. */
    Page open(int width, int height, boolean allow4xx) {
        blank(width, height, allow4xx).navigate(s.url() + "/#token=" + s.admin);
        assertThat(page.getByTestId("who")).hasText("administrator");
        return page;
    }

    /** The page is no wider than the window (at 390 px, a phone's): tables scroll inside their cards, nothing else does. */
    void assertNoOverflow(int width, String where) {
        Object w = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        org.assertj.core.api.Assertions.assertThat(((Number) w).intValue()).as("page width of " + where + " at " + width + " px")
                .isLessThanOrEqualTo(width);
    }

    /** The Scenarios page at this width (the page reloaded), a bundled scenario run and its charts' first frame drawn. */
    void runScenarioAt(int width, String scenario) {
        page.setViewportSize(width, 900);
        page.navigate(s.url() + "/#scenarios");
        page.reload();
        page.getByTestId("scenario-pick").selectOption(scenario);
        assertThat(page.locator("#sc-form[data-scenario='" + scenario + "']")).isVisible();
        page.getByTestId("run-scenario").click();
        assertThat(page.getByTestId("map").locator("canvas").first()).isVisible();
        page.waitForTimeout(1000); // the charts' first frame
    }
}
