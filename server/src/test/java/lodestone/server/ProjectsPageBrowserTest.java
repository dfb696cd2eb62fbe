package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The Projects page in a real browser (set up as WebAppBrowserTest): registry and map, a valuation with its charts, a unit error, floors, ranking. */
class ProjectsPageBrowserTest {
    static TestServer s;
    static Browsers.Session session;
    static Browser browser;

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

    @Test
    void registryValuationFloorsAndRanking() {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#projects");
        assertThat(page.getByTestId("projects-table")).containsText("arafura-nolans");
        assertThat(page.getByTestId("projects-table")).containsText("cyclic-kingston");
        assertThat(page.getByTestId("projects-map").locator("canvas").first()).isVisible();

        page.getByTestId("value-project").selectOption("arafura-nolans");
        // reported: a Price typed with "as the project states" was silently ignored: the fields the valuation does not read
        // are disabled and say so
        assertThat(page.getByTestId("value-price")).isDisabled();
        assertThat(page.getByTestId("value-price")).hasAttribute("placeholder", "not used: the project's own support");
        assertThat(page.getByTestId("value-upside")).isDisabled();
        page.getByTestId("value-support").selectOption("cfd");
        assertThat(page.getByTestId("value-price")).isEnabled();
        assertThat(page.getByTestId("value-upside")).isDisabled();
        page.getByTestId("value-support").selectOption("floor");
        assertThat(page.getByTestId("value-upside")).isEnabled();
        page.getByTestId("value-price").fill("110");
        page.getByTestId("value-upside").fill("0.3");
        page.getByTestId("value-paths").fill("10000");
        page.getByTestId("value-run").click();
        assertThat(page.getByTestId("value-result")).containsText("floor 110 USD/kg with 30 % of the upside returned for 10 years");
        // the DSCR, which the page did not show, and the terms the debt capacity is sized at (1.065/1.02 − 1 = 4.4 % real)
        assertThat(page.getByTestId("value-dscr")).containsText("DSCR under support: minimum ");
        assertThat(page.getByTestId("value-dscr")).containsText("; P(minimum < 1.00×) ");
        assertThat(page.getByTestId("value-table")).containsText("debt capacity at DSCR 1.3, 12 years at 4.4 % real (mean CFADS; M USD)");
        assertThat(page.getByTestId("value-table")).containsText("debt capacity (P10 CFADS; M USD)");
        // Nolans's debt: 1 year of grace and 12 of repayment from 2028, to 2040; the floor's 10 years end in 2037
        assertThat(page.getByTestId("value-warning")).hasText("warning: the support ends before the debt is repaid: its 10 years cover "
                + "2028–2037 and the debt's service runs to 2040, so 2038–2040 are paid from the market price alone (the DSCR and the debt "
                + "capacity count them so); 13 years of support would cover the debt");
        // the years valued (Nolans's life to 2065, not cut at 2045) and what its money is: real, constant 2026 dollars
        assertThat(page.getByTestId("value-result")).containsText("10\u202f000 paths × 40 years (2026–2065)");
        assertThat(page.getByTestId("value-result")).containsText("Money: M USD, real: constant 2026 US dollars");
        assertThat(page.getByTestId("value-table")).containsText("probability of loss");
        // a share of the paths with its sampling error, as value prints it: 4 of 10,000 paths ± √(p(1 − p)/n) = 0.02 points; none of
        // them with its 95 % bound (it read 0.0 %, as if certain); the DSCR's 33.39 % ± 0.47
        assertThat(page.getByTestId("value-table").locator("tr", new Locator.LocatorOptions().setHasText("probability of loss")))
                .containsText("probability of loss0 % (≤ 0.039 % at 95 %)0.04 ± 0.02 %");
        assertThat(page.getByTestId("value-dscr")).containsText("; P(minimum < 1.00×) 33.39 ± 0.47 %.");
        assertThat(page.getByTestId("value-table")).containsText("paths without an IRR in [−99 %, 1\u202f000 %]"); // the dashes explained
        assertThat(page.getByTestId("value-table")).containsText("of 10\u202f000");
        assertThat(page.getByTestId("support-vs-cost")).containsText("expected fiscal cost");
        assertThat(page.getByTestId("npv-histogram").locator("canvas").first()).isVisible();
        assertThat(page.getByTestId("price-fan").locator("canvas").first()).isVisible();

        page.getByTestId("value-price").fill("110000USD/t");
        page.getByTestId("value-run").click();
        assertThat(page.getByTestId("value-result").getByTestId("error")).containsText("is in USD/t but this market is priced in USD/kg");

        page.getByTestId("floor-methods").fill("percentile:75,band:5:0.2");
        page.getByTestId("floor-run").click();
        // several market solves and CfD valuations on a shared machine: allow time
        assertThat(page.getByTestId("floor-table")).containsText("66.4", new LocatorAssertions.ContainsTextOptions().setTimeout(180_000));
        assertThat(page.getByTestId("cfd-basis")).containsText("CfD cost basis: a two-way CfD for 10 years on each project's whole output");
        assertThat(page.getByTestId("cfd-basis")).containsText("mp-mountain-pass 6,000 t/yr (operating: all its output, of which 4,700 t/yr added)");
        assertThat(page.getByTestId("floor-note")).containsText("at or below the club's price without a floor");
        assertThat(page.getByTestId("floor-money-basis")).containsText("Money: M USD, real: constant 2026 US dollars");
        page.getByTestId("rank-run").click();
        assertThat(page.getByTestId("rank-table")).containsText("arafura-nolans", new LocatorAssertions.ContainsTextOptions().setTimeout(180_000));
        assertThat(page.getByTestId("support-basis")).containsText("mp-mountain-pass 6,000 t/yr paid, 4,700 t/yr added");
        assertThat(page.getByTestId("rank-money-basis")).containsText("Money: M USD, real: constant 2026 US dollars");
        // a support that is not 0 but rounds to 0 M USD read "0 ± 0" beside its 1,104 t/yr per M USD (Clarksville's gallium circuit)
        page.getByTestId("rank-market").selectOption("gallium");
        page.getByTestId("rank-run").click();
        assertThat(page.getByTestId("rank-table").locator("tbody tr").first()).containsText("nyrstar-clarksville-gallium",
                new LocatorAssertions.ContainsTextOptions().setTimeout(180_000));
        assertThat(page.getByTestId("rank-table").locator("tbody tr").first()).containsText("0.02044 ± 0.00098");
        assertThat(page.getByTestId("rank-table").locator("tbody tr").nth(1)).containsText("15 ± 0");
        page.close();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    /**
     * The floor sweep: levels and terms typed separated by ";", a row each on the same paths with the DSCR columns of a project
     * with debt and the warning once for both levels; an empty level refused at its field before anything is sent, a level
     * given twice refused by the server at the same field.
     */
    @Test
    void aFloorSweepGivesARowPerLevel() {
        List<String> errors = new ArrayList<>();
        Page page = Browsers.signedIn(browser, s, errors);
        page.navigate(s.url() + "/#projects");
        page.getByTestId("sweep-project").selectOption("iluka-eneabba");
        page.getByTestId("sweep-levels").fill("100; ; 120");
        page.getByTestId("sweep-paths").fill("1000");
        page.getByTestId("sweep-run").click();
        assertThat(page.getByTestId("sweep-result")).containsText("Floor levels: item 2 is empty; separate the items by one \";\"");
        page.getByTestId("sweep-levels").fill("100; 100");
        page.getByTestId("sweep-run").click();
        assertThat(page.getByTestId("sweep-result")).containsText("Floor levels: 100 is given twice (as level 1 and 2)");
        page.getByTestId("sweep-levels").fill("100; 120");
        page.getByTestId("sweep-run").click();
        assertThat(page.getByTestId("sweep-table")).containsText("P(min DSCR < 1.00×)");
        assertThat(page.getByTestId("sweep-table").locator("tbody tr")).hasCount(3);
        // the figures of value --floor 120 --paths 1000 (seed 1), thousands grouped by a thin space
        assertThat(page.getByTestId("sweep-table").locator("tbody tr").nth(2)).containsText("1\u202f206.1 ±");
        assertThat(page.getByTestId("sweep-warning")).hasText("warning at 100, 120 USD/kg: the support ends before the debt is repaid: its 10 years "
                + "cover 2027–2036 and the debt's service runs to 2043, so 2037–2043 are paid from the market price alone (the DSCR and the debt "
                + "capacity count them so); 17 years of support would cover the debt");
        assertThat(errors).isEmpty();
        page.close();
    }
}
