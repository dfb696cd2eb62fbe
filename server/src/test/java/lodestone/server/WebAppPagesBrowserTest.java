package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of the web application, visited as people use it: zero console errors over a visit of all of them
 * (charts re-drawn and left behind included), and no page wider than a 390 px phone screen.
 */
class WebAppPagesBrowserTest {
    static final List<String> PAGES = List.of("#assess", "#bulk", "#regime", "#scenarios", "#history", "#tokens");

    static TestServer s;
    static Browsers.Session b;
    Page page;
    final List<String> errors = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        b = Browsers.launch();
        s = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
        if (s != null) s.close();
    }

    Page open(int width, int height) {
        page = b.browser().newPage(new Browser.NewPageOptions().setViewportSize(width, height).setAcceptDownloads(true));
        Browsers.collectErrors(page, errors, false);
        page.navigate(s.url() + "/#token=" + s.admin);
        assertThat(page.getByTestId("who")).hasText("administrator");
        return page;
    }

    @AfterEach
    void close() {
        if (page != null) page.close();
    }

    private Object liveCharts() {
        return page.evaluate("() => import('/kit/charts.js').then(m => m.liveCharts())");
    }

    @Test
    void aVisitOfEveryPageWithScenariosRunTwiceLogsNoConsoleError() {
        open(1366, 768);
        page.navigate(s.url() + "/#scenarios");
        page.getByTestId("scenario-pick").selectOption("ndpr-floor-110");
        assertThat(page.locator("#sc-form[data-scenario='ndpr-floor-110']")).isVisible();
        page.getByTestId("run-scenario").click();
        assertThat(page.getByTestId("map").locator("canvas").first()).isVisible();
        page.getByTestId("param-floor").fill("125");
        page.getByTestId("run-scenario").click(); // the charts of the first run are replaced
        assertThat(page.getByTestId("run-title")).containsText("floor 125");
        assertThat(page.getByTestId("map").locator("canvas").first()).isVisible();
        page.waitForTimeout(1500);
        assertThat(liveCharts()).isEqualTo(5);
        for (String p : PAGES) {
            page.navigate(s.url() + "/" + p);
            assertThat(page.locator("#nav a.active")).hasAttribute("data-page", p.substring(1));
            page.waitForTimeout(1500); // an undisposed chart logs drawImage errors many times a second
        }
        assertThat(liveCharts()).isEqualTo(0);
        page.navigate(s.url() + "/#regime/2846.90.80");
        assertThat(page.getByTestId("timeline")).isVisible();
        assertThat(errors).as("console errors over a visit of every page").isEmpty();
    }

    @Test
    void at390PixelsNoPageIsWiderThanTheScreenAndTheMenuCollapses() {
        open(390, 844);
        assertThat(page.locator("#nav")).isHidden();
        page.locator("#menu").click();
        assertThat(page.locator("#nav")).isVisible();
        page.locator("#nav a[data-page='history']").click();
        assertThat(page.locator("#nav")).isHidden();
        page.navigate(s.url() + "/#scenarios");
        assertThat(page.locator("#sc-form")).isVisible();
        page.getByTestId("run-scenario").click();
        assertThat(page.getByTestId("scenario-result")).isVisible();
        assertNoOverflow("#scenarios (with a result)");
        for (String p : PAGES) {
            page.navigate(s.url() + "/" + p);
            page.waitForLoadState();
            page.waitForTimeout(700);
            assertNoOverflow(p);
        }
        page.navigate(s.url() + "/#regime/2846.90.80");
        assertThat(page.getByTestId("timeline")).isVisible();
        assertNoOverflow("#regime with a code");
        double header = (double) page.evaluate("() => document.querySelector('header.top').getBoundingClientRect().height");
        assertThat(header).as("the header's height at 390 px").isLessThan(110);
        assertThat(errors).isEmpty();
    }

    private void assertNoOverflow(String where) {
        Object w = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assertThat(((Number) w).intValue()).as("page width of " + where + " at 390 px").isLessThanOrEqualTo(390);
    }
}
