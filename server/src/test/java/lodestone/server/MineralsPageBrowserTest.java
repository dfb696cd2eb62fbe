package lodestone.server;

import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Minerals page in a real browser: the 2025 list with each mineral's facts, a value chain's products with their HTS
 * codes (each a link to the Regime page's view of the code) and content bases, a country group's members on a date and
 * every membership window, and the regime's checked-through date, at 1366 and 390 px, with no console error.
 */
class MineralsPageBrowserTest extends BrowserPageTest {

    @Test
    void theListAValueChainAndAGroupOnADateAtDesktopWidth() {
        open(1366, 900);
        page.navigate(s.url() + "/#minerals");
        assertThat(page.locator("#main h1")).hasText("Critical minerals");
        assertThat(page).hasTitle("Minerals — Lodestone");
        // the horizon of the bundled regime (data/regime/regime.yaml), on the page and in the footer
        assertThat(page.getByTestId("horizon")).containsText("facts checked through 2026-10-07");
        assertThat(page.locator("#regime-line")).containsText("; facts checked through 2026-10-07");
        assertThat(page.getByTestId("sources").locator("li")).hasCount(9);

        // the list: 60 minerals, each with its facts
        assertThat(page.getByTestId("minerals-table").locator("tbody tr")).hasCount(60);
        var nd = page.getByTestId("minerals-table").locator("tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("neodymium"));
        assertThat(nd.locator("td").nth(1)).hasText("Nd");
        assertThat(nd.locator("td").nth(2)).hasText("rare earth (lanthanide)");
        assertThat(nd.locator("td").nth(3)).hasText("yes");
        assertThat(nd.locator("td").nth(4)).hasText("Rare earths");

        // a mineral by its link: its facts, the chain that spans it, each code a link to the Regime page
        nd.locator("a").first().click();
        assertThat(page.getByTestId("mineral-facts")).containsText("rare earth (lanthanide) · on the 2022 list: yes");
        var products = page.getByTestId("products-rare-earths");
        assertThat(products.locator("tbody tr").first()).containsText("Rare-earth mineral concentrate");
        assertThat(products.locator("tbody tr").first().locator("td").nth(3)).hasText("REO");
        assertThat(products.locator("a[href='#regime/2530.90.80']")).hasText("2530.90.80");
        assertThat(page.getByTestId("content-bases")).containsText("rare-earth oxide equivalent");

        // a value chain from the form: tungsten, its content basis's exact conversion
        page.getByTestId("chain-pick").selectOption("tungsten");
        page.getByTestId("chain-show").click();
        assertThat(page.getByTestId("content-bases")).containsText("1 mtu converts to W by the mass fraction 0.79297");
        // the concentrate's quotation (USD per mtu WO3) cites the USGS chapter it comes from
        assertThat(page.getByTestId("products-tungsten").getByTestId("product-source")).hasText("Source: USGS Mineral Commodity "
                + "Summaries 2026 — Tungsten (concentrate price, Rotterdam, USD per mtu WO3; Feb 2026) — "
                + "https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-tungsten.pdf");

        // CAFTA-DR entered into force for Guatemala on 2006-07-01
        assertThat(page.getByTestId("group-pick")).hasValue("CAFTA-DR");
        page.getByTestId("group-date").fill("2006-06-30");
        page.getByTestId("group-show").click();
        assertThat(page.getByTestId("group-count")).hasText("4 members on 2006-06-30");
        assertThat(page.getByTestId("group-members").locator("tbody tr")).hasCount(4);
        assertThat(page.getByTestId("group-warnings")).hasCount(0);
        page.getByTestId("group-date").fill("2027-06-01"); // past the regime's horizon: said
        page.getByTestId("group-show").click();
        assertThat(page.getByTestId("group-warnings")).containsText("the date 2027-06-01 is after 2026-10-07");
        page.getByTestId("group-date").fill("2006-06-30");
        page.getByTestId("group-show").click();
        assertThat(page.getByTestId("group-count")).hasText("4 members on 2006-06-30");
        assertThat(page.getByTestId("group-members")).not().containsText("Guatemala");
        page.getByTestId("group-date").fill("");
        page.getByTestId("group-show").click();
        assertThat(page.getByTestId("group-count")).hasText("7 membership windows");
        assertThat(page.getByTestId("group-members").locator("tbody tr").nth(4)).hasText("GTGuatemala2006-07-01open");

        // a mineral the 2025 draft left out and the final list kept: said, with the list's note
        page.navigate(s.url() + "/#minerals/tellurium");
        assertThat(page.getByTestId("mineral-facts")).containsText("on the 2025 draft list: no");
        assertThat(page.getByTestId("mineral-note")).hasText(" — draft (Aug 26 2025) recommended removal; retained in final");

        // the code's link opens the Regime page on it
        page.navigate(s.url() + "/#minerals/rare-earths");
        page.getByTestId("products-rare-earths").locator("a[href='#regime/2530.90.80']").click();
        assertThat(page.locator("#main h1")).hasText("Regime browser");
        assertThat(page.getByTestId("code-input")).hasValue("2530.90.80");
        assertThat(errors).as("console errors").isEmpty();
    }

    @Test
    void anUnknownIdIsSaidAndThePageFitsAt390Pixels() {
        open(390, 844);
        page.navigate(s.url() + "/#minerals/unobtainium");
        assertThat(page.getByTestId("error")).containsText("unknown mineral or value chain 'unobtainium'");
        page.navigate(s.url() + "/#minerals/rare-earths");
        assertThat(page.getByTestId("content-bases")).isVisible();
        assertThat(page.getByTestId("group-members")).isVisible();
        Object w = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assertThat(((Number) w).intValue()).as("page width at 390 px").isLessThanOrEqualTo(390);
        // every control named by its label's own words
        Object names = page.evaluate("() => [...document.querySelectorAll('#main select, #main input')].map(c => c.labels.length"
                + " ? [...c.labels[0].childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(' ').trim() : '')");
        assertThat(names).asList().containsExactly("Value chain or mineral", "Group", "On");
        assertThat(errors).as("console errors").isEmpty();
    }
}
