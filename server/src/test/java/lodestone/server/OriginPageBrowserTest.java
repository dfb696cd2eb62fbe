package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Origin page in a real browser: a code's rule of origin, a bill of materials checked (does not qualify, with its
 * remedies; then qualifies), a malformed bill's problems at the lines of the text shown, at 1366 and 390 px.
 */
class OriginPageBrowserTest {
    static TestServer s;
    static Browsers.Session session;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        session = Browsers.launch();
    }

    @AfterAll
    static void stop() {
        if (session != null) session.close();
        if (s != null) s.close();
    }

    static String example(String name) throws Exception {
        return Files.readString(Path.of(System.getProperty("lodestone.root", ".."), "examples", "origin", name));
    }

    @Test
    void aRuleAndABillOfMaterialsAtDesktopWidth() throws Exception {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(session.browser(), s, errors);
        page.navigate(s.url() + "/#origin/8110.90");
        assertThat(page.getByTestId("rule-view")).containsText("GN29n-ch81-r29");
        assertThat(page.getByTestId("rule-view")).containsText("General Note 29");

        // the example bill shown on the page does not qualify: the reasons and what would make it qualify
        page.getByTestId("bom-check").click();
        assertThat(page.getByTestId("origin-qualifies")).hasText("DOES NOT QUALIFY");
        assertThat(page.getByTestId("origin-verdict")).containsText("build-up 28.00 %, build-down 40.00 %");
        assertThat(page.getByTestId("origin-suggestions")).containsText("source unwrought antimony (8110.10.00, $60.00) from an originating supplier");

        page.getByTestId("bom-text").fill(example("antimony-qualifies.json"));
        page.getByTestId("bom-check").click();
        assertThat(page.getByTestId("origin-qualifies")).hasText("QUALIFIES");

        // a good no rule of the bundled file covers (denim trousers, chapter 62): not decided, not "does not qualify"
        page.getByTestId("bom-text").fill("{\"product\": {\"hts\": \"6203.42.45.11\", \"adjusted_value\": 100.00}, "
                + "\"materials\": [{\"hts\": \"8308.90.60\", \"value\": 5.00, \"originating\": false}]}");
        page.getByTestId("bom-check").click();
        assertThat(page.getByTestId("origin-qualifies")).hasText("NOT DECIDED (no rule of the file covers it)");

        // an HS 2022 code no rule names (cadmium 8112.61): not decided either, and the gap said in words (it printed "true")
        page.getByTestId("bom-text").fill(example("cadmium-hs2022-gap.json"));
        page.getByTestId("bom-check").click();
        assertThat(page.getByTestId("origin-qualifies")).hasText("NOT DECIDED (no rule names this HS 2022 code)");
        assertThat(page.getByTestId("origin-hs-gap")).containsText("HS 2017/2022 gap: the rules are numbered for HS 2017");

        // a malformed bill: each problem on its own line, at the line of the text as written
        page.getByTestId("bom-text").fill(example("malformed.json"));
        page.getByTestId("bom-check").click();
        assertThat(page.getByTestId("error")).containsText("bill of materials:2: product.adjusted_value: found the text \"one hundred\"");
        assertThat(page.getByTestId("error")).containsText("bill of materials:4: materials[0].originating: missing");
        assertThat(page.getByTestId("error").locator("br")).hasCount(1);
        assertThat(errors).as("console errors").isEmpty();
        page.close();
    }

    @Test
    void at390PixelsThePageFitsTheScreen() {
        List<String> errors = new ArrayList<>();
        Page page = session.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
        Browsers.collectErrors(page, errors, true);
        page.navigate(s.url() + "/#token=" + s.admin);
        assertThat(page.getByTestId("who")).hasText("administrator");
        page.navigate(s.url() + "/#origin/8110.90");
        assertThat(page.getByTestId("rule-view")).containsText("GN29n-ch81-r29");
        page.getByTestId("bom-check").click();
        assertThat(page.getByTestId("origin-suggestions")).isVisible();
        Object w = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assertThat(((Number) w).intValue()).as("page width at 390 px").isLessThanOrEqualTo(390);
        assertThat(errors).as("console errors").isEmpty();
        page.close();
    }
}
