package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A policy analyst who works across pages all day: she fills in a page, goes to Assess to check something, comes back —
 * and found her input gone (every page but Exposure drew its form afresh). Each page's typed input is kept for the tab
 * (kit/kept.js) and forgotten on signing out; no console errors. Each case runs at one width, 1366 and 390 px in turn: what
 * is kept does not depend on the width, and running every case at both took two minutes of the suite.
 */
class KeptInputBrowserTest {
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

    @AfterEach
    void close() {
        if (page != null) page.close();
        assertThat(consoleErrors).as("errors in the browser console").isEmpty();
    }

    private void open(int width) {
        page = Browsers.signedIn(browser, s, consoleErrors);
        page.setViewportSize(width, width < 500 ? 844 : 900);
    }

    /** To Assess and back to the page, as from the menu (the address's hash: the tab's document is the same). */
    private void awayAndBack(String hash, String heading) {
        page.navigate(s.url() + "/#assess");
        assertThat(page.locator("h1")).hasText("Assess a shipment");
        page.navigate(s.url() + "/" + hash);
        assertThat(page.locator("h1")).hasText(heading);
    }

    private void signOutAndIn() {
        page.evaluate("() => document.querySelector('#signout').click()");
        // signed out before the link signs in again: a sign-out still on its way clears the cookie the link's sign-in set
        assertThat(page.locator("#signin")).isVisible();
        page.navigate(s.url() + "/#token=" + s.admin);
        assertThat(page.getByTestId("who")).hasText("administrator");
        assertThat(page.locator("h1")).hasText("Assess a shipment"); // the sign-in link opens Assess
    }

    /** Each field's value as a fresh page shows it. */
    private Map<Locator, String> values(Locator... fields) {
        Map<Locator, String> m = new LinkedHashMap<>();
        for (Locator f : fields) m.put(f, f.inputValue());
        return m;
    }

    private void assertValues(Map<Locator, String> expected) {
        expected.forEach((f, v) -> assertThat(f).hasValue(v));
    }

    @Test
    void originsCodeAndBillOfMaterialsSurviveAnotherPageAndAreForgottenOnSigningOut() {
        open(1366);
        page.navigate(s.url() + "/#origin");
        Locator code = page.getByTestId("rule-code"), bom = page.getByTestId("bom-text");
        Locator agreement = page.locator("#bom-form input[name=agreement]");
        Map<Locator, String> fresh = values(code, bom, agreement);
        String bill = "{\"agreement\": \"cafta-dr\", \"product\": {\"hts\": \"8110.90.00\", \"adjusted_value\": 50.00}, \"materials\": []}";
        code.fill("8110.90");
        bom.fill(bill);
        agreement.fill("cafta-dr");
        awayAndBack("#origin", "Rules of origin");
        assertThat(code).hasValue("8110.90");
        assertThat(bom).hasValue(bill);
        assertThat(agreement).hasValue("cafta-dr");
        signOutAndIn();
        page.navigate(s.url() + "/#origin");
        assertValues(fresh);
    }

    @Test
    void aFileTooLargeToKeepIsSaidAndNotKept() {
        open(390);
        page.navigate(s.url() + "/#origin");
        Locator bom = page.getByTestId("bom-text");
        String example = bom.inputValue();
        bom.fill("{\"materials\": \"" + "x".repeat(600_000) + "\"}");
        assertThat(page.getByTestId("not-kept")).hasText("Not kept if you leave this page: 600\u202f017 characters, more than the "
                + "500\u202f000 a page keeps; choose the file again when you come back.");
        awayAndBack("#origin", "Rules of origin");
        assertThat(bom).hasValue(example);
        assertThat(page.getByTestId("not-kept")).hasCount(0);
        // a file within the limit is kept again, and the note goes
        bom.fill("{\"materials\": \"" + "x".repeat(600_000) + "\"}");
        bom.fill("{}");
        assertThat(page.getByTestId("not-kept")).hasCount(0);
        awayAndBack("#origin", "Rules of origin");
        assertThat(bom).hasValue("{}");
    }

    @Test
    void regimeSearchCodeDatesAndRegimeSurvive() {
        open(1366);
        page.navigate(s.url() + "/#regime");
        Locator q = page.getByTestId("regime-search"), code = page.getByTestId("code-input");
        Locator origin = page.locator("#code-form input[name=origin]"), date = page.locator("#code-form input[name=date]");
        Locator from = page.locator("#diff-form input[name=from]"), to = page.locator("#diff-form input[name=to]");
        Locator against = page.getByTestId("against");
        assertThat(page.locator("#tree")).not().isEmpty();
        Map<Locator, String> fresh = values(q, code, origin, from, to, against);
        q.fill("gallium");
        q.press("Enter");
        assertThat(page.getByTestId("search-view")).containsText("results for");
        code.fill("2846.90.80");
        date.fill("2026-05-01");
        origin.fill("CN");
        from.fill("2026-01-01");
        to.fill("2026-03-01");
        against.fill("bundled:plurilateral");
        page.navigate(s.url() + "/#assess");
        assertThat(page.locator("h1")).hasText("Assess a shipment");
        page.navigate(s.url() + "/#regime"); // the menu's address: the search is not in it
        assertThat(q).hasValue("gallium");
        assertThat(page.getByTestId("search-view")).containsText("results for 'gallium'"); // run again, as it was left
        assertThat(code).hasValue("2846.90.80");
        assertThat(date).hasValue("2026-05-01");
        assertThat(origin).hasValue("CN");
        assertThat(from).hasValue("2026-01-01");
        assertThat(to).hasValue("2026-03-01");
        assertThat(against).hasValue("bundled:plurilateral");
        signOutAndIn();
        page.navigate(s.url() + "/#regime");
        assertThat(page.locator("#tree")).not().isEmpty();
        assertValues(fresh);
        assertThat(page.getByTestId("search-view")).isHidden();
    }

    @Test
    void mineralsChoicesAndHistoryFiltersSurvive() {
        open(390);
        page.navigate(s.url() + "/#minerals");
        Locator chain = page.getByTestId("chain-pick"), group = page.getByTestId("group-pick"), gdate = page.getByTestId("group-date");
        assertThat(group).hasValue("CAFTA-DR");
        Map<Locator, String> fresh = values(chain, group, gdate);
        String other = (String) group.evaluate("s => [...s.options].map(o => o.value).find(v => v !== 'CAFTA-DR')");
        chain.selectOption("tungsten");
        group.selectOption(other);
        gdate.fill("2026-03-01");
        awayAndBack("#minerals", "Critical minerals");
        assertThat(chain).hasValue("tungsten");
        assertThat(group).hasValue(other);
        assertThat(gdate).hasValue("2026-03-01");

        page.navigate(s.url() + "/#history");
        Locator kind = page.getByTestId("filter-kind"), text = page.getByTestId("filter-text"), hfrom = page.getByTestId("filter-from");
        Map<Locator, String> freshHistory = values(kind, text, hfrom);
        kind.selectOption("scenario-run");
        text.fill("ndpr");
        hfrom.fill("2026-01-01");
        awayAndBack("#history", "History");
        assertThat(kind).hasValue("scenario-run");
        assertThat(text).hasValue("ndpr");
        assertThat(hfrom).hasValue("2026-01-01");

        signOutAndIn();
        page.navigate(s.url() + "/#minerals");
        assertThat(group).hasValue("CAFTA-DR");
        assertValues(fresh);
        page.navigate(s.url() + "/#history");
        assertThat(page.locator("h1")).hasText("History");
        assertValues(freshHistory);
    }

    @Test
    void stockpilesOwnLedgerCoverAndReleaseSurvive() {
        open(1366);
        page.navigate(s.url() + "/#stockpiles");
        assertThat(page.getByTestId("holdings")).containsText("gallium");
        Locator own = page.getByTestId("own-ledger-text");
        Locator coverMonths = page.locator("form:has(button:text('Compute cover')) input[name=months]");
        Locator coverDisruption = page.locator("form:has(button:text('Compute cover')) input[name=disruption]");
        Locator relMineral = page.locator("form:has(button:text('Run the release')) input[name=mineral]");
        Locator relRule = page.locator("form:has(button:text('Run the release')) select[name=rule]");
        Locator relTotal = page.locator("form:has(button:text('Run the release')) input[name=total]");
        Map<Locator, String> fresh = values(own, coverMonths, coverDisruption, relMineral, relRule, relTotal);
        String ledger = "stockpile: my-reserve\nevents:\n  - {date: 2026-01-15, type: funding, source: government, amount: 50000000}\n";
        page.getByTestId("own-ledger").locator("summary").click();
        own.fill(ledger);
        coverMonths.fill("7");
        coverDisruption.fill("germanium-ban");
        relMineral.fill("germanium");
        relRule.selectOption("holdings");
        relTotal.fill("1500");
        awayAndBack("#stockpiles", "Stockpiles");
        assertThat(page.getByTestId("holdings")).containsText("gallium");
        assertThat(page.getByTestId("own-ledger")).hasAttribute("open", "");
        assertThat(own).hasValue(ledger);
        assertThat(coverMonths).hasValue("7");
        assertThat(coverDisruption).hasValue("germanium-ban");
        assertThat(relMineral).hasValue("germanium");
        assertThat(relRule).hasValue("holdings");
        assertThat(relTotal).hasValue("1500");
        signOutAndIn();
        page.navigate(s.url() + "/#stockpiles");
        assertThat(page.getByTestId("holdings")).containsText("gallium");
        assertValues(fresh);
        assertThat(page.getByTestId("own-ledger")).not().hasAttribute("open", "");
    }

    @Test
    void projectsOwnFileAndValuationOptionsSurvive() {
        open(390);
        page.navigate(s.url() + "/#projects");
        Locator own = page.getByTestId("own-text"), name = page.getByTestId("own-name"), support = page.getByTestId("value-support");
        Locator price = page.getByTestId("value-price"), paths = page.getByTestId("value-paths"), seed = page.getByTestId("value-seed");
        Locator project = page.getByTestId("value-project"), methods = page.getByTestId("floor-methods"), rank = page.getByTestId("rank-market");
        Map<Locator, String> fresh = values(own, name, support, price, paths, seed, project, methods, rank);
        String other = (String) project.evaluate("s => s.options[s.options.length - 1].value");
        own.fill("project: my-plant\nname: My plant\nmarket: ndpr\n");
        name.fill("my-plant.yaml");
        project.selectOption(other);
        support.selectOption("cfd");
        price.fill("95");
        paths.fill("500");
        seed.fill("7");
        methods.fill("percentile:60");
        awayAndBack("#projects", "Projects");
        assertThat(own).hasValue("project: my-plant\nname: My plant\nmarket: ndpr\n");
        assertThat(name).hasValue("my-plant.yaml");
        assertThat(project).hasValue(other);
        assertThat(support).hasValue("cfd");
        assertThat(price).hasValue("95");
        assertThat(price).isEnabled(); // the support kept enables its price, as choosing it does
        assertThat(paths).hasValue("500");
        assertThat(seed).hasValue("7");
        assertThat(methods).hasValue("percentile:60");
        signOutAndIn();
        page.navigate(s.url() + "/#projects");
        assertValues(fresh);
        assertThat(price).isDisabled();
    }

    @Test
    void scenariosParametersPathsSeekUncertaintyAndSolverSurvive() {
        open(1366);
        page.navigate(s.url() + "/#scenarios");
        Locator pick = page.getByTestId("scenario-pick"), lcp = page.getByTestId("lcp-input");
        Locator pathPick = page.getByTestId("path-pick"), pathFloor = page.getByTestId("path-floor");
        Locator target = page.getByTestId("seek-target"), range = page.getByTestId("seek-range");
        Locator draws = page.getByTestId("mc-draws"), metric = page.getByTestId("mc-metric");
        assertThat(pathPick).isVisible();
        assertThat(page.locator("#sc-form")).isVisible();
        Map<Locator, String> fresh = values(pick, lcp, pathPick, pathFloor, target, range, draws, metric);
        pick.selectOption("ndpr-floor-110");
        assertThat(page.getByTestId("param-floor")).hasValue("110");
        page.getByTestId("param-floor").fill("95");
        page.locator("#lcp-card summary").click();
        lcp.fill("{\"M\": [[1]], \"q\": [-1]}");
        pathPick.selectOption("ndpr-2025-2040");
        pathFloor.fill("120");
        target.fill("club_supply_share(2030) >= 0.5");
        range.fill("90:250");
        draws.fill("30");
        metric.fill("club_price");
        awayAndBack("#scenarios", "Market scenarios");
        assertThat(pick).hasValue("ndpr-floor-110");
        assertThat(page.getByTestId("param-floor")).hasValue("95");
        assertThat(lcp).hasValue("{\"M\": [[1]], \"q\": [-1]}");
        assertThat(pathPick).hasValue("ndpr-2025-2040");
        assertThat(pathFloor).hasValue("120");
        assertThat(target).hasValue("club_supply_share(2030) >= 0.5");
        assertThat(range).hasValue("90:250");
        assertThat(draws).hasValue("30");
        assertThat(metric).hasValue("club_price");
        signOutAndIn();
        page.navigate(s.url() + "/#scenarios");
        assertThat(pathPick).isVisible();
        assertThat(page.locator("#sc-form")).isVisible();
        assertValues(fresh);
    }

    @Test
    void assessFirstLineSurvivesAnotherPage() {
        open(390);
        page.navigate(s.url() + "/#assess");
        Locator hts = page.getByTestId("hts"), origin = page.getByTestId("origin"), value = page.getByTestId("value");
        Locator unit = page.locator("#assess-form input[name=unit]"), currency = page.getByTestId("currency");
        Map<Locator, String> fresh = values(hts, origin, value, unit, currency);
        hts.fill("2846.90.80");
        origin.fill("CN");
        value.fill("10000");
        unit.fill("kg");
        page.getByTestId("more-fields").locator("summary").click();
        currency.fill("EUR");
        page.navigate(s.url() + "/#regime");
        assertThat(page.locator("h1")).hasText("Regime browser");
        page.navigate(s.url() + "/#assess");
        assertThat(page.locator("h1")).hasText("Assess a shipment");
        assertThat(hts).hasValue("2846.90.80");
        assertThat(origin).hasValue("CN");
        assertThat(value).hasValue("10000");
        assertThat(unit).hasValue("kg");
        assertThat(currency).hasValue("EUR");
        assertThat(page.getByTestId("more-fields")).hasAttribute("open", "");
        // assessed, it is in its link: Assess from the menu starts afresh
        currency.fill("");
        hts.fill("2846.90.80.90");
        page.locator("#assess-form input[name=quantity]").fill("100");
        page.getByTestId("assess").click();
        assertThat(page.getByTestId("total-duty")).isVisible();
        page.navigate(s.url() + "/#regime");
        assertThat(page.locator("h1")).hasText("Regime browser");
        page.navigate(s.url() + "/#assess");
        assertThat(page.locator("h1")).hasText("Assess a shipment");
        assertThat(hts).hasValue("");
        hts.fill("2846.90.80");
        signOutAndIn();
        assertValues(fresh);
    }
}
