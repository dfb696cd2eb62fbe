package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Regime page's tree and the world maps driven without a mouse, in a real browser at 1366 and 390 px. The tree is
 * an ARIA tree (role="tree", its rows role="treeitem" with their level, place and open state, one row in the tab order):
 * the arrows, Home and End go through it, Right opens a chapter and then goes into it, Left goes back to the parent and
 * closes it, Enter and Space show a line's measures as a click does; its lines are fetched as a row is opened. The maps
 * (Projects, Scenarios) have Zoom in, Zoom out and Reset buttons, and take the focus, where + and − zoom, the arrows move
 * the map and 0 resets it: the zoom and centre are read back from the chart's ECharts option.
 */
class WebAppTreeAndMapKeyboardBrowserTest extends BrowserPageTest {

    private Locator tree() {
        return page.locator("#tree [role=tree]");
    }

    private Locator item(String code) {
        return page.locator("#tree [role=treeitem][data-code='" + code + "']");
    }

    /** The data-code of the focused element ("body" when the focus is on no element with one). */
    private String focused() {
        return (String) page.evaluate("() => document.activeElement && document.activeElement.dataset.code !== undefined"
                + " ? document.activeElement.dataset.code : document.activeElement.tagName.toLowerCase()");
    }

    private int inTabOrder() {
        return ((Number) page.evaluate("() => document.querySelectorAll('#tree [role=treeitem]:not([tabindex=\"-1\"])').length")).intValue();
    }

    /** ArrowDown until the row of this code has the focus (at most `max` presses), each press one row down. */
    private void downTo(String code, int max) {
        for (int i = 0; i < max && !code.equals(focused()); i++) page.keyboard().press("ArrowDown");
        assertThat(focused()).as("the focus reached by ArrowDown").isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(ints = {1366, 390})
    void theRegimeTreeIsAnAriaTreeDrivenByTheKeyboardAlone(int width) {
        open(width, width > 1000 ? 900 : 844);
        page.navigate(s.url() + "/#regime");
        JsonNode top = s.get("/api/regime/tree", s.admin).json().get("children");
        Locator rows = page.locator("#tree [role=tree] > li > [role=treeitem]");
        assertThat(rows).hasCount(top.size());
        assertThat(tree()).hasAttribute("aria-label", "The schedule by chapter, heading and line");
        Locator first = rows.first();
        String firstCode = top.get(0).get("code").asText();
        assertThat(first).hasAttribute("data-code", firstCode);
        assertThat(first).hasAttribute("aria-level", "1");
        assertThat(first).hasAttribute("aria-posinset", "1");
        assertThat(first).hasAttribute("aria-setsize", String.valueOf(top.size()));
        assertThat(first).hasAttribute("aria-expanded", "false");
        assertThat(rows.last()).hasAttribute("aria-posinset", String.valueOf(top.size()));
        // the group a row owns is the list its lines go in (empty until the row is opened)
        assertThat(page.locator("#" + first.getAttribute("aria-owns"))).hasAttribute("role", "group");
        assertThat(first).hasAttribute("tabindex", "0");
        assertThat(inTabOrder()).as("rows in the tab order").isEqualTo(1);

        // Tab reaches the tree once: its first row, its focus seen
        page.getByTestId("regime-search").focus();
        page.keyboard().press("Tab"); // the Search button
        page.keyboard().press("Tab");
        assertThat(first).isFocused();
        Object outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        assertThat(String.valueOf(outline)).doesNotStartWith("none").doesNotEndWith(" 0px");

        // Down, Up, End, Home; the one row in the tab order follows the focus
        page.keyboard().press("ArrowDown");
        assertThat(rows.nth(1)).isFocused();
        assertThat(rows.nth(1)).hasAttribute("tabindex", "0");
        assertThat(first).hasAttribute("tabindex", "-1");
        assertThat(inTabOrder()).isEqualTo(1);
        page.keyboard().press("ArrowUp");
        assertThat(first).isFocused();
        page.keyboard().press("ArrowUp"); // nothing above the first row
        assertThat(first).isFocused();
        page.keyboard().press("End");
        assertThat(rows.last()).isFocused();
        page.keyboard().press("ArrowDown"); // nothing below the last
        assertThat(rows.last()).isFocused();
        page.keyboard().press("Home");
        assertThat(first).isFocused();
        double scrolled = ((Number) page.evaluate("() => window.scrollY")).doubleValue();

        // chapter 28: Right opens it (its lines fetched), the focus stays; Right again goes to its first line
        downTo("28", top.size());
        Locator ch28 = item("28");
        assertThat(ch28).hasAttribute("aria-expanded", "false");
        page.keyboard().press("ArrowRight");
        assertThat(ch28).hasAttribute("aria-expanded", "true");
        assertThat(ch28).isFocused();
        JsonNode in28 = s.get("/api/regime/tree?code=28", s.admin).json().get("children");
        Locator rows28 = page.locator("#" + ch28.getAttribute("aria-owns") + " > li > [role=treeitem]");
        assertThat(rows28).hasCount(in28.size());
        assertThat(rows28.first()).hasAttribute("aria-level", "2");
        assertThat(rows28.first()).hasAttribute("aria-setsize", String.valueOf(in28.size()));
        assertThat(page.locator("#code-view")).containsText("Pick a line in the tree"); // opening a chapter shows no code
        page.keyboard().press("ArrowRight");
        assertThat(rows28.first()).isFocused();
        assertThat(rows28.first()).hasAttribute("data-code", in28.get(0).get("code").asText());
        page.keyboard().press("ArrowLeft"); // a closed line: to its parent, which stays open
        assertThat(ch28).isFocused();
        assertThat(ch28).hasAttribute("aria-expanded", "true");

        // heading 2846: Enter shows its measures and opens it, as a click does
        downTo("2846", in28.size() + 1);
        page.keyboard().press("Enter");
        assertThat(page.getByTestId("code-view")).containsText("2846");
        assertThat(item("2846")).hasAttribute("aria-expanded", "true");
        assertThat(item("2846")).isFocused();
        assertThat(item("2846.10.00")).hasAttribute("aria-level", "3");
        // a line: Space shows its measures (the page not scrolled by Space or the arrows)
        page.keyboard().press("ArrowDown");
        assertThat(item("2846.10.00")).isFocused();
        page.keyboard().press(" ");
        assertThat(page.getByTestId("code-view").locator(".mono").first()).hasText("2846.10.00");
        assertThat(item("2846.10.00")).isFocused();
        // a line with lines under it (its statistical suffixes) is opened too, as a click opens it
        JsonNode line = s.get("/api/regime/tree?code=2846", s.admin).json().get("children").get(0);
        assertThat(line.get("code").asText()).isEqualTo("2846.10.00");
        boolean lineHasKids = line.get("has_children").asBoolean();
        if (lineHasKids) assertThat(item("2846.10.00")).hasAttribute("aria-expanded", "true");
        else assertThat(item("2846.10.00")).not().hasAttribute("aria-expanded", "true");
        if (width > 1000) assertThat(((Number) page.evaluate("() => window.scrollY")).doubleValue()).isEqualTo(scrolled);
        // wherever the code view lies (below the tree on a phone: it was updated off screen, without a word), it is in view
        double viewTop = ((Number) page.evaluate("() => document.getElementById('code-view').getBoundingClientRect().top")).doubleValue();
        assertThat(viewTop).as("the code view's top at " + width + " px").isBetween(-1.0, ((Number) page.evaluate("() => window.innerHeight")).doubleValue() - 1);

        // Tab leaves the tree (one stop), Shift+Tab comes back to the row it left
        page.keyboard().press("Tab");
        assertThat(page.getByTestId("code-input")).isFocused();
        page.keyboard().press("Shift+Tab");
        assertThat(item("2846.10.00")).isFocused();

        // Left: closes the open line, goes to its parent, then closes it (its lines gone), then to the chapter, then closes the chapter
        if (lineHasKids) {
            page.keyboard().press("ArrowLeft");
            assertThat(item("2846.10.00")).hasAttribute("aria-expanded", "false");
            assertThat(item("2846.10.00")).isFocused();
        }
        page.keyboard().press("ArrowLeft");
        assertThat(item("2846")).isFocused();
        page.keyboard().press("ArrowLeft");
        assertThat(item("2846")).hasAttribute("aria-expanded", "false");
        assertThat(item("2846.10.00")).hasCount(0);
        assertThat(item("2846")).isFocused();
        page.keyboard().press("ArrowLeft");
        assertThat(ch28).isFocused();
        page.keyboard().press("ArrowLeft");
        assertThat(ch28).hasAttribute("aria-expanded", "false");
        assertThat(rows28).hasCount(0);
        page.keyboard().press("ArrowLeft"); // a top-level row has no parent: nothing moves
        assertThat(ch28).isFocused();
        assertThat(inTabOrder()).isEqualTo(1);

        // the mouse as before: a click opens a chapter, a heading's click shows it, a second click closes
        ch28.click();
        assertThat(ch28).hasAttribute("aria-expanded", "true");
        item("2846").click();
        assertThat(item("2846")).hasAttribute("aria-expanded", "true");
        item("2846.10.00").click();
        assertThat(page.getByTestId("code-view").locator(".mono").first()).hasText("2846.10.00");
        assertThat(inTabOrder()).isEqualTo(1);
        ch28.click();
        assertThat(ch28).hasAttribute("aria-expanded", "false");
        assertThat(item("2846")).hasCount(0);
        // the row in the tab order was inside what closed: it is the chapter now
        assertThat(ch28).hasAttribute("tabindex", "0");
        assertThat(inTabOrder()).isEqualTo(1);

        // lines that cannot be fetched: the error said under the row, which stays closed; opened again, it asks again
        page.route("**/api/regime/tree?code=28", r -> r.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(404)
                .setContentType("application/json").setBody("{\"error\": {\"code\": \"unknown_code\", \"message\": \"no such chapter here\"}}")));
        ch28.focus();
        page.keyboard().press("ArrowRight");
        assertThat(page.locator("#" + ch28.getAttribute("aria-owns")).getByTestId("error")).hasText("no such chapter here");
        assertThat(ch28).hasAttribute("aria-expanded", "false");
        assertThat(ch28).not().hasAttribute("aria-busy", "true");
        page.unrouteAll();
        page.keyboard().press("ArrowRight");
        assertThat(ch28).hasAttribute("aria-expanded", "true");
        assertThat(rows28).hasCount(in28.size());
        assertThat(page.locator("#tree").getByTestId("error")).hasCount(0);
        assertThat(errors).isEmpty();
    }

    private JsonNode search(String q) {
        return s.get("/api/regime/search?limit=60&q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8), s.admin).json();
    }

    private String hash() {
        return (String) page.evaluate("() => location.hash");
    }

    /** The search box focused (from the tree, by Shift+Tab: the Search button between them), emptied, the words typed and Enter. */
    private void searchByKeyboard(String q) {
        if (!"input".equals(focused())) {
            page.keyboard().press("Shift+Tab");
            page.keyboard().press("Shift+Tab");
        }
        assertThat(page.getByTestId("regime-search")).isFocused();
        page.keyboard().press("ControlOrMeta+a");
        page.keyboard().press("Backspace");
        page.keyboard().type(q);
        page.keyboard().press("Enter");
    }

    /**
     * The search from the keyboard: its results, in the tree's place, are links with their code and description under a
     * count said through the status region; a result opens the code; "Back to the schedule", Escape or an emptied box give
     * the tree back as it was (its open rows, the row that had the focus), the code opened from the results shown in it.
     * No result, and more than the 60 shown, are said in words; the search is kept in the address.
     */
    @ParameterizedTest
    @ValueSource(ints = {1366, 390})
    void searchResultsAreLinksWithACountAndTheTreeComesBackAsItWas(int width) {
        open(width, width > 1000 ? 900 : 844);
        page.navigate(s.url() + "/#regime");
        Locator box = page.getByTestId("regime-search");
        Locator results = page.getByTestId("search-results").locator("a");
        Locator count = page.getByTestId("search-count");
        Locator back = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to the schedule").setExact(true));
        JsonNode top = s.get("/api/regime/tree", s.admin).json().get("children");
        assertThat(page.locator("#tree [role=tree] > li > [role=treeitem]")).hasCount(top.size());
        assertThat(page.getByTestId("search-view")).isHidden();

        // the tree as someone left it: chapter 28 open, the focus on its first heading
        box.focus();
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        downTo("28", top.size());
        page.keyboard().press("ArrowRight");
        assertThat(item("28")).hasAttribute("aria-expanded", "true");
        page.keyboard().press("ArrowDown");
        JsonNode in28 = s.get("/api/regime/tree?code=28", s.admin).json().get("children");
        String firstHeading = in28.get(0).get("code").asText();
        assertThat(focused()).isEqualTo(firstHeading);

        // a search by the keyboard: the lines found, counted in the page and through the status region
        JsonNode lan = search("lanthanum");
        int nLan = lan.get("total").asInt();
        assertThat(nLan).isEqualTo(lan.get("results").size()).isGreaterThan(1);
        assertThat(lan.get("results").get(0).get("code").isNull()).as("the best line for lanthanum has a code").isFalse();
        String lanCode = lan.get("results").get(0).get("code").asText();
        searchByKeyboard("lanthanum");
        assertThat(count).hasText(nLan + " results for 'lanthanum'");
        assertThat(page.locator("#status")).hasText(nLan + " results for 'lanthanum'");
        assertThat(page.locator("#tree")).isHidden();
        int coded = 0;
        for (JsonNode x : lan.get("results")) if (!x.get("code").isNull()) coded++;
        assertThat(results).hasCount(coded); // a heading's text, with no code, is listed but not a link
        assertThat(page.getByTestId("search-results").locator("li")).hasCount(nLan);
        assertThat(page.getByTestId("search-more")).hasCount(0);
        assertThat(hash()).isEqualTo("#regime/search/lanthanum");
        // a real link (to the page with that code), named by its code and description, described by its place in the schedule
        Locator link = results.first();
        assertThat(link).hasAttribute("href", "#regime/" + lanCode);
        assertThat(link).hasAccessibleName(lanCode + " " + lan.get("results").get(0).get("description").asText());
        assertThat(link).hasAccessibleDescription("in " + lan.get("results").get(0).get("path").asText());
        // Tab: past the Search button, the way back, then the result; Enter opens the code as a tree click does, the focus stays on the link
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        assertThat(back).isFocused();
        page.keyboard().press("Tab");
        assertThat(link).isFocused();
        page.keyboard().press("Enter");
        assertThat(page.getByTestId("code-view").locator(".mono").first()).hasText(lanCode);
        assertThat(link).hasAttribute("aria-current", "true");
        assertThat(link).isFocused();
        assertThat(hash()).as("a result opened in place, not the page routed again").isEqualTo("#regime/search/lanthanum");

        // back to the schedule: the tree as it was (chapter 28 still open), and now open down to the code opened
        page.keyboard().press("Shift+Tab");
        assertThat(back).isFocused();
        page.keyboard().press("Enter");
        assertThat(page.locator("#tree")).isVisible();
        assertThat(page.getByTestId("search-view")).isHidden();
        assertThat(box).hasValue("");
        assertThat(hash()).isEqualTo("#regime");
        assertThat(item("28")).hasAttribute("aria-expanded", "true");
        assertThat(item(firstHeading)).isVisible();
        assertThat(item(lanCode.substring(0, 2))).hasAttribute("aria-expanded", "true");
        assertThat(item(lanCode.substring(0, 4))).hasAttribute("aria-expanded", "true");
        String revealed = focused();
        // the code's own row, under a heading's text that has no code (opened by its place in the schedule)
        assertThat(revealed).isEqualTo(lanCode);
        assertThat(item(lanCode)).hasAttribute("data-index", lan.get("results").get(0).get("index").asText());
        assertThat(page.locator("#tree [role=treeitem][data-code=''][aria-expanded=true]")).not().hasCount(0);
        assertThat(page.locator("#tree [role=treeitem][data-code='" + revealed + "']")).hasAttribute("tabindex", "0");
        assertThat(inTabOrder()).isEqualTo(1);
        assertThat(page.getByTestId("code-view").locator(".mono").first()).hasText(lanCode);

        // one result: a code typed whole
        searchByKeyboard(lanCode);
        assertThat(count).hasText("1 result for '" + lanCode + "'");
        assertThat(results).hasCount(1);
        assertThat(hash()).isEqualTo("#regime/search/" + lanCode);
        box.press("Escape");
        assertThat(page.locator("#tree")).isVisible();
        assertThat(focused()).as("Escape leaves the focus in the box").isEqualTo("input");

        // no result: said so, with what to try; Escape in the box clears it and gives the tree back, the focus staying in the box
        searchByKeyboard("xyzzyq");
        assertThat(count).hasText("No result for 'xyzzyq' — try a code or fewer words");
        assertThat(page.locator("#status")).hasText("No result for 'xyzzyq' — try a code or fewer words");
        assertThat(page.getByTestId("search-results")).hasCount(0);
        assertThat(page.locator("#tree")).isHidden();
        page.keyboard().press("Escape");
        assertThat(box).hasValue("");
        assertThat(box).isFocused();
        assertThat(page.locator("#tree")).isVisible();
        assertThat(page.getByTestId("search-view")).isHidden();
        assertThat(hash()).isEqualTo("#regime");
        // the row that had the focus is the one Tab goes back to, the tree's open rows unchanged
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        assertThat(focused()).isEqualTo(revealed);
        assertThat(item("28")).hasAttribute("aria-expanded", "true");

        // more than the 60 shown: how many in all, and that the search should be narrowed
        JsonNode many = search("28");
        int total = many.get("total").asInt();
        assertThat(total).as("lines under chapter 28").isGreaterThan(60);
        assertThat(many.get("truncated").asBoolean()).isTrue();
        searchByKeyboard("28");
        assertThat(count).hasText(total + " results for '28'");
        assertThat(page.getByTestId("search-more")).hasText("Showing the first 60 of " + total + " — refine the search to see the others");
        assertThat(page.locator("#status")).hasText(total + " results for '28'; showing the first 60 of " + total + " — refine the search to see the others");
        assertThat(results).hasCount(60);
        assertThat(many.get("results").get(0).get("path").asText()).isEqualTo("(heading)");
        assertThat(page.getByTestId("search-results").locator("li").first().locator(".hint")).hasText("a heading of the schedule");
        if (width < 1000) assertNoOverflow("#regime with 60 search results");
        // emptying the box gives the tree back too
        box.fill("");
        assertThat(page.locator("#tree")).isVisible();
        assertThat(page.getByTestId("search-view")).isHidden();
        assertThat(box).isFocused();

        // the search is in the address: opened again, it shows again; the mouse's Back brings the tree (a row focused)
        JsonNode cobalt = search("cobalt");
        int n = cobalt.get("total").asInt();
        assertThat(n).isGreaterThan(1);
        page.navigate(s.url() + "/#regime/search/cobalt");
        page.reload();
        assertThat(count).hasText(n + " results for 'cobalt'");
        assertThat(box).hasValue("cobalt");
        assertThat(page.getByTestId("search-results").locator("li")).hasCount(Math.min(n, 60));
        String firstCoded = null;
        for (JsonNode x : cobalt.get("results")) if (firstCoded == null && !x.get("code").isNull()) firstCoded = x.get("code").asText();
        assertThat(results.first()).hasAttribute("data-code", firstCoded);
        if (width < 1000) assertNoOverflow("#regime with the search for cobalt");
        back.click();
        assertThat(page.locator("#tree")).isVisible();
        assertThat(focused()).isEqualTo(top.get(0).get("code").asText()); // the row in the tab order of a tree not yet used
        assertThat(hash()).isEqualTo("#regime");

        // a server that does not say how many there are in all: the page says only that there are more
        page.route("**/api/regime/search?**", r -> {
            com.microsoft.playwright.APIResponse real = r.fetch();
            String body = real.text().replaceAll(",\\s*\"total\"\\s*:\\s*\\d+", "");
            r.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(real).setBody(body));
        });
        searchByKeyboard("28");
        assertThat(count).hasText("More than 60 results for '28'");
        assertThat(page.getByTestId("search-more")).hasText("The first 60 — refine the search");
        page.unrouteAll();
        box.press("Escape");

        // an empty search is refused at its field, the tree left in place
        assertThat(box).isFocused();
        assertThat(box).hasValue("");
        page.keyboard().press("Enter");
        assertThat(box).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#search-error").getByTestId("error")).containsText("Search the schedule: missing");
        assertThat(page.locator("#tree [role=tree]")).isVisible();
        assertThat(errors).isEmpty();
    }

    /**
     * A heading's text found by a search has no code to open, but it has a place in the schedule: its result is a button
     * that gives the tree back, opened down to that row, with the focus on it (reported: such results could not be opened).
     */
    @ParameterizedTest
    @ValueSource(ints = {1366, 390})
    void aHeadingsTextFoundBySearchIsShownInTheSchedule(int width) {
        open(width, width > 1000 ? 900 : 844);
        page.navigate(s.url() + "/#regime");
        JsonNode found = search("unwrought cobalt");
        JsonNode text = null;
        for (JsonNode x : found.get("results")) if (x.get("code").isNull()) { text = x; break; }
        assertThat(text).as("a result without a code").isNotNull();
        assertThat(page.locator("#tree [role=tree] > li > [role=treeitem]").first()).isVisible();
        page.getByTestId("regime-search").focus();
        searchByKeyboard("unwrought cobalt");
        Locator row = page.getByTestId("search-results").locator("button.text-row[data-index='" + text.get("index").asText() + "']");
        assertThat(row).containsText(text.get("description").asText());
        assertThat(row).hasAccessibleDescription("in " + text.get("path").asText());
        row.focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#tree")).isVisible();
        assertThat(page.getByTestId("search-view")).isHidden();
        assertThat(hash()).isEqualTo("#regime");
        Locator at = page.locator("#tree [role=treeitem][data-index='" + text.get("index").asText() + "']");
        assertThat(at).isVisible();
        assertThat(at).isFocused();
        assertThat(at).hasAttribute("tabindex", "0");
        assertThat(at).containsText(text.get("description").asText());
        assertThat(item("81")).hasAttribute("aria-expanded", "true");
        assertThat(inTabOrder()).isEqualTo(1);
        assertThat(errors).isEmpty();
    }

    /** The zoom and centre of the map's geo component, as its ECharts option says. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> view(String testid) {
        return (Map<String, Object>) page.evaluate("id => { const g = echarts.getInstanceByDom(document.querySelector(`[data-testid=${id}]`)).getOption().geo[0];"
                + " return { zoom: g.zoom, center: g.center ? [g.center[0], g.center[1]] : null }; }", testid);
    }

    private double zoom(String testid) {
        return ((Number) view(testid).get("zoom")).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private List<Number> center(String testid) {
        return (List<Number>) view(testid).get("center");
    }

    /** A map's buttons and keys: zoom in and out by each, the centre moved by the arrows, reset by 0 and by its button. */
    private void driveMap(String testid) {
        Locator map = page.getByTestId(testid);
        Locator bar = map.locator("xpath=preceding-sibling::*[1]");
        assertThat(bar).hasAttribute("data-testid", "map-controls");
        assertThat(bar).hasAttribute("role", "group");
        Locator in = bar.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Zoom in").setExact(true));
        Locator out = bar.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Zoom out").setExact(true));
        Locator reset = bar.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reset map").setExact(true));
        assertThat(in).isVisible();
        assertThat(out).isVisible();
        assertThat(reset).isVisible();
        // the map keeps its text for screen readers, and says what its keys are
        assertThat(map).hasAttribute("role", "img");
        assertThat(map).hasAttribute("tabindex", "0");
        assertThat(page.locator("#" + map.getAttribute("aria-describedby"))).containsText("+ and − zoom, the arrow keys move it, 0 resets it");
        assertThat(zoom(testid)).isEqualTo(1.0);

        // the buttons, clicked
        in.click();
        assertThat(zoom(testid)).isEqualTo(1.5);
        in.click();
        assertThat(zoom(testid)).isEqualTo(2.25);
        out.click();
        assertThat(zoom(testid)).isEqualTo(1.5);
        reset.click();
        assertThat(zoom(testid)).isEqualTo(1.0);
        out.click(); // not below the map as drawn
        assertThat(zoom(testid)).isEqualTo(1.0);

        // the buttons from the keyboard, then the map's own keys
        in.focus();
        page.keyboard().press("Enter");
        assertThat(zoom(testid)).isEqualTo(1.5);
        page.keyboard().press("Tab"); // Zoom out
        page.keyboard().press("Tab"); // Reset map
        assertThat(reset).isFocused();
        page.keyboard().press("Space");
        assertThat(zoom(testid)).isEqualTo(1.0);
        page.keyboard().press("Tab");
        assertThat(map).isFocused();
        Object outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
        assertThat(String.valueOf(outline)).doesNotStartWith("none").doesNotEndWith(" 0px");
        double scrolled = ((Number) page.evaluate("() => window.scrollY")).doubleValue();
        page.keyboard().press("+");
        assertThat(zoom(testid)).isEqualTo(1.5);
        page.keyboard().press("+");
        assertThat(zoom(testid)).isEqualTo(2.25);
        page.keyboard().press("-");
        assertThat(zoom(testid)).isEqualTo(1.5);
        List<Number> c0 = center(testid);
        assertThat(c0).as("the centre once zoomed").isNotNull();
        page.keyboard().press("ArrowRight"); // what lies east: the centre's longitude grows
        List<Number> c1 = center(testid);
        assertThat(c1.get(0).doubleValue()).isGreaterThan(c0.get(0).doubleValue() + 1);
        assertThat(c1.get(1).doubleValue()).isCloseTo(c0.get(1).doubleValue(), org.assertj.core.data.Offset.offset(0.01));
        page.keyboard().press("ArrowUp"); // north: its latitude grows
        List<Number> c2 = center(testid);
        assertThat(c2.get(1).doubleValue()).isGreaterThan(c1.get(1).doubleValue() + 1);
        page.keyboard().press("ArrowLeft");
        page.keyboard().press("ArrowDown");
        List<Number> c3 = center(testid);
        assertThat(c3.get(0).doubleValue()).isCloseTo(c0.get(0).doubleValue(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(c3.get(1).doubleValue()).isCloseTo(c0.get(1).doubleValue(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(zoom(testid)).isEqualTo(1.5);
        assertThat(((Number) page.evaluate("() => window.scrollY")).doubleValue()).as("the page not scrolled by the arrows").isEqualTo(scrolled);
        assertThat(map).isFocused();
        page.keyboard().press("0");
        assertThat(zoom(testid)).isEqualTo(1.0);
        assertThat(center(testid)).as("the centre as drawn").isNull();
        // the map's picture follows: drawn again, not stale (a canvas, still there)
        assertThat(map.locator("canvas").first()).isVisible();
    }

    @ParameterizedTest
    @ValueSource(ints = {1366, 390})
    void theMapsZoomAndMoveByButtonsAndByKeys(int width) {
        open(width, width > 1000 ? 900 : 844);
        page.navigate(s.url() + "/#projects");
        assertThat(page.getByTestId("projects-map").locator("canvas").first()).isVisible();
        assertThat(page.getByTestId("projects-map").getAttribute("aria-label")).startsWith("Map of the ").contains("projects: ");
        driveMap("projects-map");
        if (width < 1000) assertNoOverflow("#projects");

        runScenarioAt(width, "ndpr-floor-110");
        assertThat(page.getByTestId("map").getAttribute("aria-label")).startsWith("World map of the scenario: production (");
        driveMap("map");
        // the map's controls go with it: one bar after a second run
        page.getByTestId("run-scenario").click();
        assertThat(page.getByTestId("map").locator("canvas").first()).isVisible();
        assertThat(page.getByTestId("map-controls")).hasCount(1);
        assertThat(zoom("map")).isEqualTo(1.0);
        if (width < 1000) assertNoOverflow("#scenarios");
        assertThat(errors).isEmpty();
    }

    private void assertNoOverflow(String where) {
        assertNoOverflow(390, where);
    }
}
