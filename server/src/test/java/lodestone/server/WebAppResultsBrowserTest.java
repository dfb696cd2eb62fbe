package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' results as a new user meets them (from a review): stored path runs reopened from History, result tables
 * whose headers sit over their cells and that scroll inside their card at 390 px, ids not broken a character a line,
 * the path jobs' polling ended when the page is left, and form errors named by the field's label.
 */
class WebAppResultsBrowserTest extends BrowserPageTest {

    @AfterEach
    void noConsoleErrors() {
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    /** A path job run to its end through the API; its stored run's id. */
    private long pathJob(Map<String, Object> body) throws InterruptedException {
        long job = s.post("/api/path-jobs", s.admin, body).json().get("id").asLong();
        for (int i = 0; i < 1200; i++) {
            JsonNode j = s.get("/api/path-jobs/" + job, s.admin).json();
            if (j.get("status").asText().equals("done")) return j.get("run_id").asLong();
            assertThat(j.get("status").asText()).isNotEqualTo("failed");
            Thread.sleep(100);
        }
        throw new AssertionError("the path job did not end");
    }

    @Test
    void storedPathMonteCarloAndSeekRunsReopenAsTheyWereDrawn() throws Exception {
        long path = s.post("/api/scenario-paths", s.admin, Map.of("scenario", "ndpr-2025-2040")).json().get("id").asLong();
        long mc = pathJob(Map.of("scenario", "ndpr-2025-2040", "kind", "montecarlo", "draws", 8, "seed", 5, "metrics", List.of("club_supply_share")));
        long seek = pathJob(Map.of("scenario", "ndpr-2025-2040", "kind", "seek", "param", "floor",
                "target", "club_supply_share(2030) >= 0.6", "range", List.of(80, 300)));
        open(1366, 900);
        page.navigate(s.url() + "/#history");
        page.getByTestId("history").locator("a[href='/#scenarios/run/" + path + "']").click();
        assertThat(page.getByTestId("stored-path-run")).containsText("Path over years: ndpr-2025-2040");
        assertThat(page.getByTestId("stored-path").locator("svg").first()).isVisible();
        assertThat(page.getByTestId("stored-path")).containsText("Expectations: myopic");
        assertThat(page.locator("#main")).not().containsText("Cannot read");
        assertThat(page.locator("#main")).not().containsText("No equilibrium");

        page.navigate(s.url() + "/#scenarios/run/" + mc);
        assertThat(page.getByTestId("stored-fan").locator("svg")).isVisible();
        assertThat(page.getByTestId("stored-fan")).containsText("club_supply_share: P5–P95, P25–P75 and median of 8 draws, seed 5 (");
        assertThat(page.getByTestId("mc-draws")).hasValue("8"); // the paths' form holds what the run asked
        assertThat(page.getByTestId("mc-seed")).hasValue("5"); // its seed too, so that it runs again as it was
        assertThat(page.locator("#main")).not().containsText("No equilibrium");

        page.navigate(s.url() + "/#scenarios/run/" + seek);
        assertThat(page.getByTestId("stored-seek")).containsText("meets club_supply_share(2030) >= 0.6");
        assertThat(page.getByTestId("stored-run-asked")).containsText("floor in 80 to 300");
        assertThat(page.getByTestId("seek-target")).hasValue("club_supply_share(2030) >= 0.6");
        assertThat(page.locator("#main")).not().containsText("No equilibrium");
    }

    /** A path's production that finds no buyer at price 0 is said on its page, as simulate says it (UnsoldProductionPathTest). */
    @Test
    void aStoredPathSaysTheProductionNoOneBuys() {
        String text = """
                scenario: glut
                mineral: gallium
                units: {quantity: t, price: USD/kg}
                reference_price: 50
                regions:
                  - {id: CN, supply: {type: fixed, quantity: 120}, demand: {type: linear, intercept: 100, slope: -1}}
                  - {id: US, supply: {type: linear, intercept: 0, slope: 1}, demand: {type: linear, intercept: 100, slope: -1}}
                transport: {default: 0}
                horizon:
                  years: 2027-2028
                  bans:
                    - {region: CN, start: 2027-07, months: 6}
                """;
        long path = s.post("/api/scenario-paths", s.admin, Map.of("text", text)).json().get("id").asLong();
        open(1366, 900);
        page.navigate(s.url() + "/#scenarios/run/" + path);
        assertThat(page.getByTestId("path-warning")).hasText("warning: 2027: CN: 10.00 t of its production found no buyer at "
                + "price 0 (in 6 months of the year; counted in its production, not in its consumption or exports)");
    }

    @Test
    void pathJobPollingStopsWhenThePageIsLeft() {
        open(1366, 900);
        List<String> polls = new CopyOnWriteArrayList<>();
        page.onRequest(r -> { if (r.url().matches(".*/api/path-jobs/\\d+$")) polls.add(r.url()); });
        page.navigate(s.url() + "/#scenarios");
        page.getByTestId("path-pick").selectOption("ndpr-2025-2040");
        page.getByTestId("mc-draws").fill("60");
        page.getByTestId("mc-run").click();
        assertThat(page.getByTestId("path-progress")).isVisible();
        page.waitForCondition(() -> !polls.isEmpty());
        page.navigate(s.url() + "/#assess");
        assertThat(page.locator("#nav a.active")).hasAttribute("data-page", "assess");
        page.waitForTimeout(300); // a poll already on its way may still land
        int left = polls.size();
        page.waitForTimeout(2500);
        assertThat(polls.size()).as("polls of the job after the page was left").isEqualTo(left);
    }

    @Test
    void at390PixelsResultTablesScrollInTheirCardAndTheirHeadersSitOverTheirCells() {
        open(390, 844);
        page.navigate(s.url() + "/#stockpiles");
        assertThat(page.getByTestId("holdings")).containsText("gallium");
        // the holdings and the cover stack each row under its columns' names at 390 px (KeyboardAndPhoneBrowserTest)
        assertThat(page.getByTestId("holdings")).hasClass("stacked");
        assertAligned("funding");
        page.getByText("Compute cover").click();
        assertThat(page.getByTestId("cover-table")).isVisible();
        assertThat(page.getByTestId("cover-table")).hasClass("stacked");
        // the API's note on how a holding is read is shown whether or not the line has targets
        assertThat(page.getByTestId("cover-table")).containsText("the market counts t LCE; the holding is read as LCE");
        assertThat(page.getByTestId("cover-table")).containsText("this holding alone is set against their combined imports");
        assertNoOverflow("#stockpiles with its cover");

        page.navigate(s.url() + "/#exposure");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Evaluate").setExact(true)).click(); // (the own-market hint says "evaluated")
        assertThat(page.getByTestId("lines")).isVisible();
        assertAligned("totals");
        // the sourcing lines stack each line under its columns' names at 390 px (PhoneReviewBrowserTest), as the holdings do
        assertThat(page.getByTestId("lines")).hasClass("stacked");
        // money and prices as every page shows them: "USD 1 234.56", never a raw 13750.882973
        for (String price : page.getByTestId("lines").locator("td[data-label='average price']").allInnerTexts()) {
            // a price per unit: the cents at least, up to six decimals (a price of 0.0098 a kg read "USD 0.01"), in the line's
            // currency and per its unit ("USD 560.00/kg": a line's price is in its file's currency and unit)
            assertThat(price).matches("USD\u00a0[\\d\u202f]+\\.\\d{2,6}/kg"); // a no-break space: on one line
        }
        assertThat(page.getByTestId("lines").locator("td[data-label='average price']")).not().hasCount(0);
        assertNoOverflow("#exposure with a result");

        page.navigate(s.url() + "/#projects");
        assertThat(page.getByTestId("projects-table")).containsText("arafura-nolans");
        // the registry stacks each row under its columns' names at 390 px (KeyboardAndPhoneBrowserTest)
        assertThat(page.getByTestId("projects-table")).hasClass("stacked");
        assertNoOverflow("#projects");

        page.navigate(s.url() + "/#regime/2846.90.80");
        assertThat(page.getByTestId("diff")).isVisible();
        assertThat(page.getByTestId("timeline")).isVisible();
        page.waitForTimeout(500);
        // each change a block at 390 px, its parts under their names (WebAppNewcomerBrowserTest: nothing scrolls sideways)
        assertThat(page.getByTestId("diff")).hasClass("stacked");
        // an id in a table is never broken mid-word (it was one character a line)
        Object lines = page.evaluate("() => { const r = document.createRange(); const td = document.querySelector('[data-testid=diff] tbody td.mono');"
                + " r.selectNodeContents(td); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }");
        assertThat(((Number) lines).intValue()).as("lines of the first id in the diff table").isEqualTo(1);
        double tall = (double) page.evaluate("() => document.querySelector('[data-testid=diff]').getBoundingClientRect().height");
        // a change a block of five short lines and its detail (~160 px); a table broken a character a line was thousands
        assertThat(tall / page.getByTestId("diff").locator("tbody tr").count()).as("mean row height of the diff table").isLessThan(240);
        page.evaluate("() => document.querySelectorAll('#agreements details').forEach(d => { d.open = true; })");
        assertNoOverflow("#regime with a code and the agreements open");
        // the chosen date's label and the year labels of the timeline do not overlap
        Object overlaps = page.evaluate("() => { const a = document.querySelector('.tl-chosen-label').getBoundingClientRect();"
                + " return [...document.querySelectorAll('.tl-year')].filter(y => { const b = y.getBoundingClientRect();"
                + " return b.left < a.right && a.left < b.right && b.top < a.bottom && a.top < b.bottom; }).length; }");
        assertThat(((Number) overlaps).intValue()).isZero();
    }

    @Test
    void formErrorsNameTheVisibleFieldByItsLabelAndMarkIt() {
        open(1366, 900);
        page.navigate(s.url() + "/#projects");
        List<String> valuations = new CopyOnWriteArrayList<>();
        page.onRequest(r -> { if (r.url().endsWith("/api/valuations")) valuations.add(r.url()); });
        page.getByTestId("value-paths").fill("");
        page.getByTestId("value-run").click(); // an empty Paths field is not sent as 0
        assertThat(page.getByTestId("value-result").getByTestId("error")).containsText("Paths:");
        assertThat(page.getByTestId("value-paths")).hasAttribute("aria-invalid", "true");
        assertThat(valuations).isEmpty();
        page.getByTestId("value-paths").fill("2000");
        page.getByTestId("value-support").selectOption("floor");
        page.getByTestId("value-price").fill("abc");
        page.getByTestId("value-run").click();
        assertThat(page.getByTestId("value-result").getByTestId("error")).containsText("Price: 'abc' is not a price");
        assertThat(page.getByTestId("value-price")).hasAttribute("aria-invalid", "true");
        page.getByTestId("value-price").fill("110");
        page.getByTestId("value-run").click();
        assertThat(page.getByTestId("value-table")).isVisible();
        assertThat(page.getByTestId("value-price")).not().hasAttribute("aria-invalid", "true");

        page.navigate(s.url() + "/#scenarios");
        page.getByTestId("scenario-pick").selectOption("ndpr-floor-110");
        assertThat(page.locator("#sc-form[data-scenario='ndpr-floor-110']")).isVisible();
        // the server says which members are unknown (the page has no list of its own): shown beside the members field
        List<String> sent = new CopyOnWriteArrayList<>();
        page.onRequest(r -> { if (r.url().endsWith("/api/scenario-runs") && "POST".equals(r.method())) sent.add(r.postData()); });
        page.getByTestId("param-members").fill("us, xx, zz");
        page.getByTestId("run-scenario").click();
        assertThat(page.locator("#sc-result").getByTestId("error"))
                .hasText("Club members: unknown regions 'XX', 'ZZ' (regions: CN, LY, US, JP, EU27, MX, ROW)");
        assertThat(page.getByTestId("param-members")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("label:has([data-testid=param-members]) [data-testid=field-error]"))
                .hasText("Club members: unknown regions 'XX', 'ZZ' (regions: CN, LY, US, JP, EU27, MX, ROW)");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).contains("\"members\":[\"US\",\"XX\",\"ZZ\"]");
        page.getByTestId("param-members").fill("US, JP");
        page.getByTestId("run-scenario").click();
        assertThat(page.getByTestId("run-title")).containsText("members US JP");
        assertThat(page.getByTestId("param-members")).not().hasAttribute("aria-invalid", "true");
        // an emptied floor is the field's own rule (required), said beside it; nothing is sent (it was sent as 0: "found 0")
        page.getByTestId("param-floor").fill("");
        page.getByTestId("run-scenario").click();
        assertThat(page.getByTestId("param-floor")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#sc-result").getByTestId("error")).containsText("Floor price (USD/kg): ");
        assertThat(page.locator("#sc-result").getByTestId("error")).not().containsText("found 0");
        assertThat(sent).hasSize(2);
        page.getByTestId("param-floor").fill("110");
        // an edited file's problem is the file's: its field is unfolded and marked, the line is the file's own
        page.locator("#sc-form details summary").click();
        page.locator("#sc-form textarea[name=text]").fill("scenario: mine\nbaseline: ndpr\nclub: [US, QQ]\npolicies:\n  - {type: price_floor, floor: 110}\n");
        page.locator("#sc-form details summary").click(); // folded again before running
        page.getByTestId("run-scenario").click();
        assertThat(page.locator("#sc-result").getByTestId("error")).containsText("Scenario file: line 3: club: unknown region 'QQ'");
        assertThat(page.locator("label:has(textarea[name=text]) [data-testid=field-error]")).isVisible();

        page.getByTestId("path-pick").selectOption("ndpr-2025-2040");
        page.getByTestId("seek-param").fill("flor");
        page.getByTestId("seek-run").click();
        assertThat(page.getByTestId("seek-result").getByTestId("error")).containsText("Parameter: unknown parameter 'flor'");
        assertThat(page.getByTestId("seek-param")).hasAttribute("aria-invalid", "true");

        page.navigate(s.url() + "/#stockpiles");
        page.locator("form:has([name=rule]) input[name=mineral]").fill("unobtainium");
        page.getByText("Run the release").click();
        assertThat(page.getByTestId("release").getByTestId("error")).containsText("Mineral: 'unobtainium' is not a mineral of the regime");
        assertThat(page.locator("form:has([name=rule]) input[name=mineral]")).hasAttribute("aria-invalid", "true");

        page.navigate(s.url() + "/#exposure");
        page.locator("input[name=scenarios]").fill("nope");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Evaluate").setExact(true)).click(); // (the own-market hint says "evaluated")
        assertThat(page.getByTestId("exposure").getByTestId("error")).containsText("Scenarios:");
        assertThat(page.getByTestId("exposure").getByTestId("error")).not().containsText("field:");
        assertThat(page.locator("input[name=scenarios]")).hasAttribute("aria-invalid", "true");
    }

    @Test
    void theTornadoShowsEachParameterNameInFullAt1366And390() throws Exception {
        long run = pathJob(Map.of("scenario", "ndpr-2025-2040", "kind", "sensitivity", "metric", "club_supply_share"));
        JsonNode bars = s.get("/api/scenario-runs/" + run, s.admin).json().at("/result/bars");
        List<String> names = new ArrayList<>();
        bars.forEach(b -> names.add(b.get("param").asText()));
        assertThat(names).as("a long name is among them").anyMatch(n -> n.length() >= 30);
        open(1366, 900);
        for (int width : new int[] {1366, 390}) {
            page.setViewportSize(width, 900);
            page.navigate(s.url() + "/#scenarios/run/" + run);
            page.reload();
            assertThat(page.getByTestId("tornado").getByTestId("tornado-label")).hasCount(names.size());
            for (int i = 0; i < names.size(); i++) {
                var label = page.getByTestId("tornado").getByTestId("tornado-label").nth(i);
                assertThat(label.locator(".tornado-param")).hasText(names.get(i));
                assertThat(label.getAttribute("title")).startsWith(names.get(i) + ": P5–P95 ");
                // the metric at either end is on the page, not only in the tooltip
                assertThat(label.getByTestId("tornado-values")).hasText(java.util.regex.Pattern.compile("^club_supply_share \\S+ at P5, \\S+ at P95$"));
            }
            // every name's text lies inside the page and inside its own column (left of the bars), nothing cut or hidden,
            // in a size that can be read
            @SuppressWarnings("unchecked")
            List<String> bad = (List<String>) page.evaluate("() => [...document.querySelectorAll('[data-testid=tornado-label]')].flatMap(l => {"
                    + " const name = l.querySelector('.tornado-param'), track = l.nextElementSibling;"
                    + " const r = document.createRange(); r.selectNodeContents(name);"
                    + " const text = [...r.getClientRects()], box = l.getBoundingClientRect(), bar = track.getBoundingClientRect();"
                    + " const out = [];"
                    + " if (text.some(t => t.left < Math.max(0, box.left) - 0.5 || t.right > Math.min(innerWidth, box.right) + 0.5)) out.push(name.textContent + ': outside its cell');"
                    + " if (box.right > bar.left + 0.5) out.push(name.textContent + ': over the bars');"
                    + " if (name.scrollWidth > name.clientWidth + 0.5 || l.scrollHeight > l.clientHeight + 0.5) out.push(name.textContent + ': clipped');"
                    + " if (parseFloat(getComputedStyle(name).fontSize) < 12) out.push(name.textContent + ': font ' + getComputedStyle(name).fontSize);"
                    + " return out; })");
            assertThat(bad).as("tornado labels at " + width + " px").isEmpty();
            if (width == 390) assertNoOverflow("a tornado");
        }
    }

    @Test
    void thePathChartsNumbersAreWholeAndReadableAt1366And390() throws Exception {
        long path = s.post("/api/scenario-paths", s.admin, Map.of("scenario", "ndpr-2025-2040", "overrides", Map.of("floor", 125)))
                .json().get("id").asLong();
        long mc = pathJob(Map.of("scenario", "ndpr-2025-2040", "kind", "montecarlo", "draws", 4, "seed", 1, "metrics", List.of("club_supply_share")));
        open(1366, 900);
        for (int width : new int[] {1366, 390}) {
            page.setViewportSize(width, 900);
            for (long run : new long[] {path, mc}) {
                page.navigate(s.url() + "/#scenarios/run/" + run);
                page.reload();
                assertThat(page.getByTestId("stored-path-run").locator("svg").first()).isVisible();
                // every number and year of every chart lies inside its chart (a "-10,071,070" keeps its sign), in a size that can be read
                @SuppressWarnings("unchecked")
                List<String> bad = (List<String>) page.evaluate("() => [...document.querySelectorAll('[data-testid=stored-path-run] svg')].flatMap(svg => {"
                        + " const box = svg.getBoundingClientRect();"
                        + " return [...svg.querySelectorAll('text')].flatMap(t => { const r = t.getBoundingClientRect(), out = [];"
                        + "   if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(t.textContent + ': outside its chart');"
                        + "   if (r.height < 11) out.push(t.textContent + ': ' + r.height.toFixed(1) + ' px high');"
                        + "   return out; }); })");
                assertThat(bad).as("chart labels of run " + run + " at " + width + " px").isEmpty();
                if (width == 390) assertNoOverflow("a stored path run");
            }
            // the path's fiscal cost is negative (the levy earns more than it costs): its axis says so with a minus; each chart
            // says what its numbers are in
            page.navigate(s.url() + "/#scenarios/run/" + path);
            page.reload();
            assertThat(page.getByTestId("stored-path").locator(".chart-title").first()).hasText("Price by region (USD/kg)");
            assertThat(page.getByTestId("stored-path")).containsText("Cumulative fiscal cost (thousand USD); negative: the Treasury gains");
            assertThat(page.getByTestId("stored-path").locator("svg text.chart-y").filter(
                    new com.microsoft.playwright.Locator.FilterOptions().setHasText(java.util.regex.Pattern.compile("^-\\d")))).not().hasCount(0);
        }
    }

    @Test
    void aMeasuresDatesOfValidityAreNotBrokenAcrossLines() {
        open(1366, 900);
        for (int width : new int[] {1366, 390}) {
            page.setViewportSize(width, 900);
            page.navigate(s.url() + "/#regime/8505.11.00");
            page.reload();
            assertThat(page.getByTestId("measure-valid").first()).isVisible();
            @SuppressWarnings("unchecked")
            List<String> broken = (List<String>) page.evaluate("() => [...document.querySelectorAll('[data-testid=measure-valid]')].filter(td => {"
                    + " const r = document.createRange(); r.selectNodeContents(td);"
                    + " return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size > 1; }).map(td => td.textContent)");
            assertThat(broken).as("validity dates over more than one line at " + width + " px").isEmpty();
            if (width == 390) assertNoOverflow("#regime with a code");
        }
    }

    /** The table's header cells start where the cells of its first row start (the table is not a CSS grid). */
    private void assertAligned(String testid) {
        @SuppressWarnings("unchecked")
        List<Object> off = (List<Object>) page.evaluate("t => { const tb = document.querySelector(`[data-testid=\"${t}\"]`);"
                + " const th = [...tb.querySelectorAll('thead th')].map(x => x.getBoundingClientRect());"
                + " const td = [...tb.querySelectorAll('tbody tr:first-child td')].map(x => x.getBoundingClientRect());"
                + " return [tb.closest('.table-wrap') !== null, th.length, td.length,"
                + "   th.filter((h, i) => td[i] && Math.abs(h.left - td[i].left) < 1 && Math.abs(h.width - td[i].width) < 1).length]; }", testid);
        assertThat(off.get(0)).as(testid + " is in a .table-wrap").isEqualTo(true);
        assertThat(((Number) off.get(3)).intValue()).as(testid + ": header cells over their first row's cells " + off)
                .isEqualTo(((Number) off.get(1)).intValue()).isEqualTo(((Number) off.get(2)).intValue());
    }

    private void assertNoOverflow(String where) {
        assertNoOverflow(390, where);
    }
}
