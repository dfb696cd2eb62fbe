package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer's walk through every page found, in a real browser: a wrong token said above the sign-in form rather
 * than at its field (and the field emptied), a session ended under a page left an error box and no way to sign in, a
 * second bulk upload while the first job ran had its panel taken back by the first job every half second, errors of the
 * regime search, the bill of materials, the LCP solver, an empty company file and an empty upload not at their fields,
 * a recorded file what-if wider than a 390 px screen, the revoke confirmation out of reach of the keyboard, the Regime
 * page's "what changed" listing every economy's ended duty one by one, and the scenario map's colour scale over the Americas.
 */
class WebAppNewcomerBrowserTest extends BrowserPageTest {

    /** A page of the given size, not signed in; its console errors are collected (a 4xx the page shows is not one). */
    Page blank(int width, int height) {
        return blank(width, height, true);
    }

    Page open(int width, int height, String token, String who) {
        blank(width, height).navigate(s.url() + "/#token=" + token);
        assertThat(page.getByTestId("who")).hasText(who);
        return page;
    }

    private String token(String name) {
        return s.post("/api/tokens", s.admin, Map.of("name", name, "role", "analyst")).json().get("secret").asText();
    }

    private long tokenId(String name) {
        for (JsonNode t : s.get("/api/tokens", s.admin).json()) if (t.get("name").asText().equals(name)) return t.get("id").asLong();
        throw new AssertionError("no token " + name);
    }

    /** The error note beside a field, and the field marked. */
    private void assertMarked(Locator field, String note) {
        assertThat(field).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#" + field.getAttribute("aria-describedby"))).containsText(note);
    }

    @Test
    void aWrongTokenIsSaidAtTheTokenFieldWhichKeepsWhatWasTyped() {
        blank(390, 844).navigate(s.url() + "/");
        Locator field = page.locator("#signin [name=token]");
        field.fill("lst_not-a-token");
        field.press("Enter");
        assertMarked(field, "API token: not valid (unknown or revoked)");
        assertThat(page.getByTestId("error")).hasText("API token: not valid (unknown or revoked)");
        assertThat(field).hasValue("lst_not-a-token"); // to be corrected, not typed again
        assertThat(field).isFocused();
        field.fill(s.admin);
        field.press("Enter");
        assertThat(page.getByTestId("who")).hasText("administrator");
        assertThat(errors).isEmpty();
    }

    /**
     * The sign-in link opened, and another page asked for before the server has answered the sign-in (a loaded server, a
     * slow line; found by a fresh-clone CI run of JobRetentionTest, which opens "#tokens" right after the link): the second
     * page asked the server whether it was signed in while the first was still signing in, was told no, drew the sign-in
     * form, and the first, no longer the page on screen, drew nothing — signed in, on the sign-in form. Now both wait for
     * the one sign-in under way.
     */
    @Test
    void aPageOpenedWhileTheSignInLinkIsStillSigningInOpensSignedIn() {
        blank(1366, 768);
        // the sign-in's answer 1.5 s late, as a loaded server's
        page.addInitScript("(() => { const f = window.fetch; window.fetch = (u, o) => { if (!(o && o.method === 'POST'"
                + " && String(u).endsWith('/api/session'))) return f(u, o); window.signingIn = true;"
                + " return new Promise(r => setTimeout(r, 1500)).then(() => f(u, o)); }; })()");
        page.navigate(s.url() + "/#token=" + s.admin);
        page.waitForFunction("() => window.signingIn === true"); // the link's sign-in sent, not yet answered
        page.navigate(s.url() + "/#tokens");
        assertThat(page.locator("#main h1")).hasText("Administration");
        assertThat(page.getByTestId("who")).hasText("administrator");
        assertThat(page.locator("#signin")).hasCount(0);
        assertThat(page.getByTestId("retention")).isVisible();
        assertThat(errors).isEmpty();
    }

    /**
     * A sign-in link whose token was revoked, and a server that cannot answer the sign-in (503): each had left the bare
     * sign-in form, and the form called the second "not valid (unknown or revoked)" — a good token the person would then
     * doubt. Now each is said for what it is.
     */
    @Test
    void aRevokedLinkAndAServerThatCannotSignInAreSaidForWhatTheyAre() {
        String a = token("newcomer-link");
        assertThat(s.delete("/api/tokens/" + tokenId("newcomer-link"), s.admin).status()).isEqualTo(200);
        blank(390, 844).navigate(s.url() + "/#history&token=" + a);
        assertThat(page.locator("#signin")).isVisible();
        assertThat(page.getByTestId("error")).hasText("the token in the address was not accepted (unknown or revoked): sign in with a valid one");

        page.route("**/api/session", r -> {
            if (!r.request().method().equals("POST")) { r.resume(); return; }
            r.fulfill(new Route.FulfillOptions().setStatus(503).setContentType("application/json")
                    .setBody("{\"error\":{\"code\":\"unavailable\",\"message\":\"the database is not answering; try again shortly\"}}"));
        });
        Locator field = page.locator("#signin [name=token]");
        field.fill(s.admin);
        field.press("Enter");
        assertThat(page.getByTestId("error")).hasText("the server could not sign you in (503): the database is not answering; try again shortly");
        assertThat(field).not().hasAttribute("aria-invalid", "true");
        assertThat(field).hasValue(s.admin);
        page.unroute("**/api/session");
        page.locator("#signin button[type=submit]").click();
        assertThat(page.getByTestId("who")).hasText("administrator");
        assertThat(page.locator("#main h1")).hasText("History");
    }

    @Test
    void aSessionEndedUnderAPageBringsTheSignInFormAndThenThePageAgain() {
        // a page over kit/api.js: its token revoked while the person is on it, the next page asks to sign in again
        String a = token("newcomer-a");
        open(390, 844, a, "newcomer-a");
        page.navigate(s.url() + "/#history");
        assertThat(page.locator("#main h1")).hasText("History");
        assertThat(s.delete("/api/tokens/" + tokenId("newcomer-a"), s.admin).status()).isEqualTo(200);
        page.locator("#menu").click();
        page.locator("#nav a[data-page='bulk']").click();
        assertThat(page.locator("#signin")).isVisible();
        assertThat(page.locator("#signin-error")).containsText("the session has ended");
        assertThat(page.locator("#who")).hasText("Not signed in");

        // a page over dom.js (Stockpiles): the same, from a form's answer
        page.locator("#signin [name=token]").fill(token("newcomer-b"));
        page.locator("#signin [name=token]").press("Enter");
        assertThat(page.getByTestId("who")).hasText("newcomer-b");
        page.navigate(s.url() + "/#stockpiles");
        assertThat(page.getByTestId("position")).isVisible();
        assertThat(s.delete("/api/tokens/" + tokenId("newcomer-b"), s.admin).status()).isEqualTo(200);
        page.getByText("Compute cover").click();
        assertThat(page.locator("#signin")).isVisible();
        assertThat(page.locator("#signin-error")).containsText("the session has ended");
        // signed in again, the same address opens
        page.locator("#signin [name=token]").fill(s.admin);
        page.locator("#signin [name=token]").press("Enter");
        assertThat(page.getByTestId("who")).hasText("administrator");
        assertThat(page.getByTestId("position")).isVisible();

        // a download (the Bulk page's sample file): the same — it used to show an error box and leave the page signed in
        String c = token("newcomer-c");
        open(390, 844, c, "newcomer-c");
        page.navigate(s.url() + "/#bulk");
        assertThat(page.getByTestId("sample")).isVisible();
        // the page's own requests answered first (the recent jobs): one still on its way when the token went brought the
        // sign-in form before the click (a fresh-clone CI run under load, 2026-12-07)
        assertThat(page.locator("#bulk-list")).containsText("No bulk jobs yet");
        assertThat(s.delete("/api/tokens/" + tokenId("newcomer-c"), s.admin).status()).isEqualTo(200);
        page.getByTestId("sample").click();
        assertThat(page.locator("#signin")).isVisible();
        assertThat(page.locator("#signin-error")).containsText("the session has ended");
        assertThat(errors).isEmpty();
    }

    @Test
    void aSecondUploadWhileTheFirstJobRunsKeepsThePanelAndAnEmptyFileIsSaidAtTheFileField() {
        open(1366, 768, s.admin, "administrator");
        // the first file's job stays "running" for the page (its answers rewritten), as a large file's would
        page.route("**/api/bulk-jobs/*", route -> {
            if (!route.request().method().equals("GET")) { route.resume(); return; }
            var real = route.fetch();
            try {
                ObjectNode j = (ObjectNode) TestServer.JSON.readTree(real.text());
                if (j.path("file_name").asText().equals("first.csv")) {
                    j.put("status", "running");
                    j.putNull("finished_at");
                }
                route.fulfill(new Route.FulfillOptions().setResponse(real).setBody(j.toString()));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        byte[] sample = s.get("/api/bulk-sample?lines=20", s.admin).body().getBytes(StandardCharsets.UTF_8);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("first.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("job-working")).isVisible();
        assertThat(page.getByTestId("bulk-job")).containsText("first.csv");
        // followed where the file's number of lines is not known (another tab, a reload): the bar moves without a share and
        // says the lines done, rather than standing at 0 % beside them (reported by the what-if review)
        page.evaluate("() => sessionStorage.clear()");
        page.reload();
        assertThat(page.getByTestId("job-working")).isVisible();
        assertThat(page.getByTestId("progress")).not().hasAttribute("value", java.util.regex.Pattern.compile(".*"));
        assertThat(page.getByTestId("progress")).hasAttribute("aria-label", java.util.regex.Pattern.compile("^Job #\\d+ progress: [\\d\u202f]+ lines done$"));

        page.getByTestId("bulk-file").setInputFiles(new FilePayload("second.csv", "text/csv", (new String(sample, StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("download-results")).isVisible();
        assertThat(page.getByTestId("bulk-job")).containsText("second.csv");
        page.waitForTimeout(1500); // three of the first job's polls
        assertThat(page.getByTestId("bulk-job")).containsText("second.csv");
        assertThat(page.getByTestId("bulk-job")).not().containsText("first.csv");
        String shown = page.getByTestId("bulk-job").locator("b").first().innerText();
        assertThat(page.url()).endsWith("#bulk/" + shown.replace("Job #", ""));

        // an empty file: the API names no field, the page names the file's
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("empty.csv", "text/csv", new byte[0]));
        page.getByTestId("bulk-upload").click();
        assertMarked(page.getByTestId("bulk-file"), "File: the upload is empty");
        assertThat(errors).isEmpty();
    }

    @Test
    void errorsOfTheSearchTheBillTheSolverTheCompanyFileAndTheSeekAreAtTheirFields() {
        open(390, 844, s.admin, "administrator");
        page.navigate(s.url() + "/#regime");
        page.getByTestId("regime-search").press("Enter"); // nothing typed
        assertMarked(page.getByTestId("regime-search"), "Search the schedule: missing");

        page.navigate(s.url() + "/#origin");
        Locator bom = page.getByTestId("bom-text");
        bom.fill("{not json");
        page.getByTestId("bom-check").click();
        assertMarked(bom, "Bill of materials (JSON): not valid JSON");
        assertThat(page.getByTestId("error")).not().containsText("request body");
        bom.fill("{\"agreement\": \"cafta-dr\",\n \"product\": {\"hts\": \"8110.90.00\"},\n \"materials\": [\n {\"value\": -3}\n]}");
        page.getByTestId("bom-check").click();
        assertThat(page.getByTestId("error")).containsText("bill of materials:4: materials[0].value");
        assertMarked(bom, "Bill of materials (JSON): ");

        page.navigate(s.url() + "/#scenarios");
        page.locator("#lcp-card summary").click();
        Locator lcp = page.getByTestId("lcp-input");
        lcp.fill("{\"M\": [[1]], \"q\": [1, 2]}");
        page.getByTestId("lcp-solve").click();
        assertMarked(lcp, "Problem (JSON): M: has 1 rows, expected 2");
        lcp.fill("{oops");
        page.getByTestId("lcp-solve").click();
        assertMarked(lcp, "Problem (JSON): not valid JSON");
        lcp.fill("{\"M\": [[2, 1], [1, 2]], \"q\": [-5, -6]}");
        page.getByTestId("lcp-solve").click();
        assertThat(page.getByTestId("lcp-result")).containsText("Solved");
        assertThat(lcp).not().hasAttribute("aria-invalid", "true");

        // the seek's target: its field's label once, not "Target: target: …"
        page.getByTestId("seek-target").fill("nonsense");
        page.getByTestId("seek-run").click();
        assertMarked(page.getByTestId("seek-target"), "Target: expected METRIC(YEAR) OP VALUE");
        assertThat(page.getByTestId("seek-result")).not().containsText("target: ");

        page.navigate(s.url() + "/#exposure");
        Locator company = page.locator("textarea[name=company]");
        company.fill("");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Evaluate")).click();
        assertMarked(company, "Company file: ");
        assertThat(errors).isEmpty();
    }

    @Test
    void aRecordedFileWhatIfFitsA390Screen() {
        open(390, 844, s.admin, "administrator");
        byte[] sample = s.get("/api/bulk-sample?lines=20", s.admin).body().getBytes(StandardCharsets.UTF_8);
        page.navigate(s.url() + "/#bulk");
        page.locator("#cmp-card summary").click();
        page.getByTestId("cmp-file").setInputFiles(new FilePayload("entries.csv", "text/csv", sample));
        page.getByTestId("cmp-run").click();
        page.getByTestId("cmp-result").getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Locator.GetByRoleOptions().setName("History")).click();
        assertThat(page.getByTestId("whatif-request")).containsText("sha256");
        // its sides are said once (the file's comparison under it said them again)
        assertThat(page.getByTestId("whatif-sides-line")).hasCount(1);
        assertThat(page.getByTestId("whatif").getByTestId("cmp-sides")).hasCount(0);
        // (each side's warnings, listed since, begin "A: " or "B: " too, and so do a side's horizon warnings in the banner
        // "Beyond the data": those are not the sides said again)
        assertThat(page.getByTestId("whatif").getByText("A: ")).not().hasCount(0);
        Object sides = page.evaluate("() => [...document.querySelectorAll('[data-testid=whatif] *')].filter(e => [...e.childNodes]"
                + ".some(n => n.nodeType === 3 && n.textContent.includes('A: ')) && !e.closest('[data-testid=cmp-warnings], "
                + "[data-testid=cmp-line-warnings], [data-testid=cmp-horizon-banner]')).length");
        assertThat(((Number) sides).intValue()).isEqualTo(1);
        Object w = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assertThat(((Number) w).intValue()).as("the width of a recorded file what-if at 390 px").isLessThanOrEqualTo(390);
        assertThat(errors).isEmpty();
    }

    @Test
    void theRevokeQuestionIsAnsweredFromTheKeyboard() {
        open(1366, 768, s.admin, "administrator");
        page.navigate(s.url() + "/#tokens");
        page.locator("#tok-form [name=name]").fill("keyboard robot");
        page.locator("#tok-form [name=name]").press("Enter");
        assertThat(page.getByTestId("copy-secret")).isFocused(); // the page drawn again: the next key copies
        Locator revoke = page.locator("[data-revoke][data-name='keyboard robot']");
        revoke.focus();
        page.keyboard().press("Enter");
        Locator keep = page.getByTestId("confirm-revoke").locator("[data-no]");
        assertThat(keep).isFocused();
        page.keyboard().press("Enter"); // Keep
        assertThat(page.getByTestId("confirm-revoke")).hasCount(0);
        page.locator("[data-revoke][data-name='keyboard robot']").focus();
        page.keyboard().press("Enter");
        page.keyboard().press("Shift+Tab"); // from Keep to Revoke
        page.keyboard().press("Enter");
        assertThat(page.getByTestId("tokens").locator("tr", new Locator.LocatorOptions().setHasText("keyboard robot"))).containsText("revoked");
        assertThat(errors).isEmpty();
    }
    @Test
    void whatChangedIsAChangeToManyEconomiesAsOneRowAFewThousandPixelsTallAt390() {
        open(390, 844, s.admin, "administrator");
        page.navigate(s.url() + "/#regime"); // the preset: 2026-02-23 to 2026-02-24, the IEEPA duties ending
        Locator diff = page.getByTestId("diff");
        assertThat(diff).containsText("IEEPA reciprocal duty");
        assertThat(page.locator("#agreements details").first()).isVisible();
        double height = page.locator("#diff-view").boundingBox().height;
        assertThat(height).as("the what-changed view's height at 390 px (it was 5,200)").isLessThan(2500);
        // a change a block, each part under its name: nothing in the card scrolled sideways (it was five columns, the detail off screen)
        List<?> sw = (List<?>) page.locator("#diff-view .table-wrap").evaluate("w => [w.scrollWidth, w.clientWidth]");
        assertThat(((Number) sw.get(0)).intValue()).as("the changes' box scrolls sideways at 390 px " + sw).isLessThanOrEqualTo(((Number) sw.get(1)).intValue());

        // one row for the reciprocal duties of every economy that ended that day, with its count
        Locator group = page.getByTestId("change-group").filter(new Locator.FilterOptions().setHasText("IEEPA reciprocal duty — "));
        assertThat(group).hasCount(1);
        assertThat(group).containsText("economies");
        assertThat(group).containsText("in force until 2026-02-23");

        // every change of the API's answer stays reachable, once the groups are opened
        for (Locator summary : diff.locator("details.group-members > summary").all()) summary.click();
        String text = diff.innerText();
        JsonNode d = s.get("/api/regime/diff?from=2026-02-23&to=2026-02-24", s.admin).json();
        assertThat(d.get("changes").size()).isGreaterThan(60);
        for (JsonNode c : d.get("changes")) assertThat(text).as("change " + c).contains(c.get("id").asText());
        assertThat(diff.getByText("Afghanistan us-ieepa-reciprocal-9903-02-02 in force until 2026-02-23")).isVisible();
        assertThat(diff).containsText("us-s122-surcharge");
        // the active regime against another registered one (regime diff --against): the plurilateral floor is what differs
        page.getByTestId("against").fill("bundled:plurilateral");
        page.getByTestId("against-run").click();
        assertThat(page.getByTestId("against-changes")).containsText("pluri-floor-ndpr-oxide");
        assertThat(page.getByTestId("against-changes")).containsText("removed");
        List<?> aw = (List<?>) page.locator("#against-view .table-wrap").evaluate("w => [w.scrollWidth, w.clientWidth]");
        assertThat(((Number) aw.get(0)).intValue()).as("the regime comparison's box scrolls sideways at 390 px " + aw).isLessThanOrEqualTo(((Number) aw.get(1)).intValue());
        page.getByTestId("against").fill("nope");
        page.getByTestId("against-run").click();
        assertThat(page.locator("#against-view").getByTestId("error")).containsText("Regime: unknown regime; expected one of bundled");
        assertThat(page.locator("#against-view").getByTestId("error")).not().containsText("date:"); // (that is for a what-if's with)
        Object w = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        assertThat(((Number) w).intValue()).as("the width of #regime at 390 px").isLessThanOrEqualTo(390);
        assertThat(errors).isEmpty();
    }

    /** What the world map draws (zrender's display list): its colour scale's elements against each country's outline. */
    static final String SCALE_OVER_LAND = """
            () => {
              const el = document.querySelector('#ch-map'), c = echarts.getInstanceByDom(el);
              const view = type => c.getViewOfComponentModel(c.getModel().getComponent(type)).group;
              const under = (d, g) => { for (let p = d; p; p = p.parent) if (p === g) return true; return false; };
              const rect = d => { const r = d.getBoundingRect().clone(); if (d.transform) r.applyTransform(d.transform); return r; };
              const drawn = c.getZr().storage.getDisplayList(true).filter(d => !d.invisible && !d.ignore);
              const scale = drawn.filter(d => under(d, view('visualMap')));
              const land = drawn.filter(d => under(d, view('geo')) && d.type !== 'text' && !(d.style && d.style.text));
              const over = scale.flatMap(s => land.filter(l => rect(s).intersect(rect(l))).map(l => (s.style && s.style.text || s.type) + ' over ' + (l.parent && l.parent.name || l.name || l.type)));
              return { scale: scale.length, land: land.length, over: [...new Set(over)], w: el.clientWidth, h: el.clientHeight };
            }""";

    private void assertScaleOffLand(String when) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) page.evaluate(SCALE_OVER_LAND);
        assertThat(((Number) m.get("scale")).intValue()).as("the colour scale drawn " + when).isGreaterThan(0);
        assertThat(((Number) m.get("land")).intValue()).as("countries drawn " + when).isGreaterThan(100);
        assertThat((List<?>) m.get("over")).as("the colour scale over land " + when + " " + m).isEmpty();
    }

    @Test
    void theWorldMapsColourScaleIsOffTheLandAt390And1366() {
        open(1366, 900, s.admin, "administrator");
        for (int width : new int[] {390, 1366}) {
            runScenarioAt(width, "ndpr-floor-110");
            assertScaleOffLand("at " + width + " px");
        }
        // drawn at 1366 px, then the window narrowed to 390 px (and widened again): the scale moves with it (it was laid out
        // once, when drawn, and stayed upright over the Americas)
        page.setViewportSize(390, 844);
        page.waitForFunction("() => echarts.getInstanceByDom(document.querySelector('#ch-map')).getOption().visualMap[0].orient === 'horizontal'");
        assertScaleOffLand("after narrowing from 1366 to 390 px");
        page.setViewportSize(1366, 900);
        page.waitForFunction("() => echarts.getInstanceByDom(document.querySelector('#ch-map')).getOption().visualMap[0].orient === 'vertical'");
        assertScaleOffLand("after widening back to 1366 px");
        assertThat(errors).isEmpty();
    }
}
