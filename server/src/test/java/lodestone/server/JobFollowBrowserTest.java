package lodestone.server;

import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The Bulk page following a job as a forwarder's clerk meets it: a connection that drops for a while (the server restarted,
 * a slow mobile network) while a job runs — the page keeps following it and shows it done, not an error for good; an
 * upload on a slow connection says it is uploading and cannot be sent twice.
 */
class JobFollowBrowserTest extends BrowserPageTest {
    private final CountDownLatch go = new CountDownLatch(1);

    @AfterEach
    void release() {
        go.countDown();
        s.server.beforeEachJobCommit(null);
        // a test that failed leaves no job running into the next (whose hold of the second commit it would take)
        for (String kind : java.util.List.of("bulk-jobs", "compare-jobs")) {
            for (com.fasterxml.jackson.databind.JsonNode j : s.get("/api/" + kind + "?limit=100", s.admin).json()) {
                String status = j.get("status").asText();
                if (status.equals("queued") || status.equals("running")) s.request("POST", "/api/" + kind + "/" + j.get("id").asText() + "/cancel", s.admin, null);
            }
        }
        s.server.holdJobs(false);
    }

    /** The console's errors but the failed loads the test made itself (a refused connection, a 503). */
    private java.util.List<String> errorsBut(String made) {
        return errors.stream().filter(e -> !e.contains(made)).toList();
    }

    @Test
    void aBulkJobWhosePollsFailForAWhileIsFollowedToItsEnd() {
        s.holdBeforeSecondChunk(go);
        byte[] sample = s.get("/api/bulk-sample?lines=20000&seed=41", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        AtomicBoolean down = new AtomicBoolean();
        AtomicInteger refused = new AtomicInteger();
        page.route(java.util.regex.Pattern.compile(".*/api/bulk-jobs/\\d+$"), route -> {
            if (down.get()) { refused.incrementAndGet(); route.abort("connectionrefused"); } else route.resume();
        });
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("restart.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("lines-done")).hasText("10\u202f000");

        down.set(true); // the server cannot be reached: its polls fail
        assertThat(page.getByTestId("job-contact")).hasText(java.util.regex.Pattern.compile(
                "^Lost contact with the server \\(Failed to fetch\\); the job goes on there\\. This page tries again every \\d+ s\\.$"));
        page.waitForCondition(() -> refused.get() >= 2); // tried again, not given up
        assertThat(page.getByTestId("lines-done")).hasText("10\u202f000"); // the job as last seen, still shown
        assertThat(page.getByTestId("cancel-job")).isVisible();

        down.set(false);
        go.countDown();
        assertThat(page.getByTestId("download-results")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        assertThat(page.getByTestId("lines-done")).hasText("20\u202f000");
        assertThat(page.getByTestId("job-contact")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(errorsBut("ERR_CONNECTION_REFUSED")).isEmpty();
    }

    @Test
    void aCompareJobWhosePollsFailForAWhileIsFollowedToItsEnd() {
        s.holdBeforeSecondChunk(go);
        byte[] sample = s.get("/api/bulk-sample?lines=12000&seed=42", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        AtomicBoolean down = new AtomicBoolean();
        AtomicInteger refused = new AtomicInteger();
        page.route(java.util.regex.Pattern.compile(".*/api/compare-jobs/\\d+$"), route -> {
            if (down.get()) {
                refused.incrementAndGet();
                route.fulfill(new Route.FulfillOptions().setStatus(503).setContentType("application/json")
                        .setBody("{\"error\":{\"code\":\"unavailable\",\"message\":\"the database is unavailable\"}}"));
            } else {
                route.resume();
            }
        });
        page.navigate(s.url() + "/#bulk");
        page.locator("#cmp-card summary").click();
        page.getByTestId("cmp-file").setInputFiles(new FilePayload("restart.csv", "text/csv", sample));
        page.getByTestId("cmp-run").click();
        assertThat(page.getByTestId("cmp-working")).containsText("10\u202f000 lines read so far");

        down.set(true);
        assertThat(page.getByTestId("cmp-contact")).hasText(java.util.regex.Pattern.compile(
                "^Lost contact with the server \\(the database is unavailable\\); the job goes on there\\. This page tries again every \\d+ s\\.$"));
        page.waitForCondition(() -> refused.get() >= 2);
        assertThat(page.getByTestId("cancel-compare")).isVisible();

        down.set(false);
        go.countDown();
        assertThat(page.getByTestId("cmp-result")).containsText("Compare job #",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.getByTestId("cmp-result")).containsText("recorded in History");
        assertThat(page.getByTestId("cmp-contact")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(errorsBut("status of 503")).isEmpty();
    }

    @Test
    void aJobThatIsNotThereIsSaidSoAndNotAskedForAgain() {
        // a 404 (another's job, a mistyped address) is no lost contact: said once, the page stops asking
        AtomicInteger asked = new AtomicInteger();
        open(1366, 900);
        page.route(java.util.regex.Pattern.compile(".*/api/bulk-jobs/987654$"), route -> { asked.incrementAndGet(); route.resume(); });
        page.navigate(s.url() + "/#bulk/987654");
        assertThat(page.getByTestId("error")).hasText("no bulk job 987654");
        page.waitForTimeout(1500);
        org.assertj.core.api.Assertions.assertThat(asked.get()).isEqualTo(1);
        assertThat(page.getByTestId("job-contact")).hasCount(0);
    }

    @Test
    void anUploadOnASlowConnectionSaysItIsUploadingAndIsNotSentTwice() {
        byte[] sample = s.get("/api/bulk-sample?lines=300&seed=43", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        // the upload takes its time: its request waits in the page until the test lets it go (window.__arrive)
        page.evaluate("() => { const f = window.fetch; window.__posts = 0; let go; const gate = new Promise(r => go = r);"
                + " window.__arrive = go; window.fetch = (u, o) => { if (!/\\/api\\/bulk-jobs\\?name=/.test(String(u))) return f(u, o);"
                + " window.__posts++; return gate.then(() => f(u, o)); }; }");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("slow.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("bulk-uploading")).hasText(java.util.regex.Pattern.compile(
                "^Uploading slow\\.csv \\(\\d[\\d\u202f.]* KiB\\)… the job is shown here once the server has the whole file\\.$"));
        assertThat(page.getByTestId("bulk-upload")).isDisabled();
        page.getByTestId("bulk-upload").click(new com.microsoft.playwright.Locator.ClickOptions().setForce(true)); // a second click
        page.locator("#bulk-form [name=key]").press("Enter"); // and Enter in the form
        page.waitForTimeout(500);
        page.evaluate("() => window.__arrive()");
        assertThat(page.getByTestId("download-results")).isVisible();
        assertThat(page.getByTestId("bulk-uploading")).hasCount(0);
        assertThat(page.getByTestId("bulk-job")).not().containsText("already submitted");
        assertThat(page.getByTestId("bulk-upload")).isEnabled();
        org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate("() => window.__posts")).intValue()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
    }

    @Test
    void aJobThePanelNoLongerFollowsIsListedAsItGoesOnToItsEnd() {
        // two files uploaded one after the other: the panel follows the second (queued behind the first); the first, running,
        // is listed, and listed done once it is (it had stood "running" until the page was reloaded)
        s.holdBeforeSecondChunk(go);
        byte[] first = s.get("/api/bulk-sample?lines=20000&seed=44", s.admin).body().getBytes(StandardCharsets.UTF_8);
        byte[] second = s.get("/api/bulk-sample?lines=30&seed=45", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("first.csv", "text/csv", first));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("lines-done")).hasText("10\u202f000");
        s.server.holdJobs(true); // the second stays queued
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("second.csv", "text/csv", second));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("job-working")).hasText("Queued… this page follows the job.");
        com.microsoft.playwright.Locator firstRow = page.getByTestId("bulk-jobs").locator("tbody tr",
                new com.microsoft.playwright.Locator.LocatorOptions().setHasText("first.csv"));
        assertThat(firstRow).containsText("running");
        assertThat(firstRow.locator("td[data-label=Lines]")).hasText("10\u202f000");

        go.countDown(); // the first ends; the second is still queued
        assertThat(firstRow).containsText("done");
        assertThat(firstRow.locator("td[data-label=Lines]")).hasText("20\u202f000");
        assertThat(page.getByTestId("job-working")).hasText("Queued… this page follows the job.");
        org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
    }

    @Test
    void aFileWithBadLinesHasItsRejectsDownloadedOnAPhoneNamingLineAndField() throws Exception {
        String file = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\n"
                + "ok-1,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg\n"
                + "bad-date,2846.90.80.90,CN,2026-02-30,10000,USD,500,kg\n"
                + "bad-value,2846.90.80.90,CN,2026-03-02,\"$1,234.50\",USD,500,kg\n"
                + "ok-2,2846.90.80.90,VN,2026-03-02,2000,USD,100,kg\n";
        open(390, 844);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("phone.csv", "text/csv", file.getBytes(StandardCharsets.UTF_8)));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("download-rejects")).isVisible();
        assertThat(page.getByTestId("rejected")).hasText("2");
        assertThat(page.getByTestId("lines-done")).hasText("4");
        assertNoOverflow(390, "a done bulk job on a phone");
        com.microsoft.playwright.Download d = page.waitForDownload(() -> page.getByTestId("download-rejects").click());
        org.assertj.core.api.Assertions.assertThat(d.suggestedFilename()).isEqualTo("phone-rejects.csv");
        java.util.List<String> rows = java.nio.file.Files.readAllLines(d.path(), StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(rows).hasSize(3);
        org.assertj.core.api.Assertions.assertThat(rows.get(0)).isEqualTo("line,line_id,field,reason");
        org.assertj.core.api.Assertions.assertThat(rows.get(1)).startsWith("3,bad-date,entry_date,").contains("2026-02 has 28 days");
        org.assertj.core.api.Assertions.assertThat(rows.get(2)).startsWith("4,bad-value,customs_value,").contains("1,234.50");
        com.microsoft.playwright.Download r = page.waitForDownload(() -> page.getByTestId("download-results").click());
        java.util.List<String> results = java.nio.file.Files.readAllLines(r.path(), StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(results).hasSize(5); // the header and one row per line, in order
        org.assertj.core.api.Assertions.assertThat(results.get(2)).startsWith("bad-date,rejected,");
        org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
    }

    @Test
    void aTokenRevokedMidJobShowsTheSignInFormAndTheJobIsFollowedAgainOnceSignedIn() {
        s.holdBeforeSecondChunk(go);
        com.fasterxml.jackson.databind.JsonNode made = s.post("/api/tokens", s.admin, java.util.Map.of("name", "clerk", "role", "analyst")).json();
        byte[] sample = s.get("/api/bulk-sample?lines=20000&seed=46", s.admin).body().getBytes(StandardCharsets.UTF_8);
        blank(1366, 900, true).navigate(s.url() + "/#token=" + made.get("secret").asText());
        assertThat(page.getByTestId("who")).hasText("clerk");
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("revoked.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("lines-done")).hasText("10\u202f000");
        org.assertj.core.api.Assertions.assertThat(s.delete("/api/tokens/" + made.get("id").asLong(), s.admin).status()).isEqualTo(200);

        assertThat(page.locator("#signin")).isVisible(); // the next poll's 401: the sign-in form, not an error box
        // signed in again (an administrator's token: a new analyst token would not see the job, which was the revoked token's)
        page.locator("#signin [name=token]").fill(s.admin);
        page.locator("#signin button[type=submit]").click();
        assertThat(page.getByTestId("who")).hasText("administrator");
        assertThat(page.getByTestId("lines-done")).hasText("10\u202f000"); // the same address: the job followed again
        go.countDown();
        assertThat(page.getByTestId("download-results")).isVisible();
        assertThat(page.getByTestId("lines-done")).hasText("20\u202f000");
        org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
    }

    @Test
    void aCompareFileOnASlowConnectionIsNotSentTwice() {
        byte[] sample = s.get("/api/bulk-sample?lines=40&seed=47", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.evaluate("() => { const f = window.fetch; window.__posts = 0; let go; const gate = new Promise(r => go = r);"
                + " window.__arrive = go; window.fetch = (u, o) => { if (!/\\/api\\/compare-jobs\\?/.test(String(u))) return f(u, o);"
                + " window.__posts++; return gate.then(() => f(u, o)); }; }");
        page.locator("#cmp-card summary").click();
        page.getByTestId("cmp-file").setInputFiles(new FilePayload("slow.csv", "text/csv", sample));
        page.getByTestId("cmp-run").click();
        assertThat(page.getByTestId("cmp-uploading")).hasText(java.util.regex.Pattern.compile("^Uploading slow\\.csv \\(\\d[\\d\u202f.]* KiB\\)…$"));
        assertThat(page.getByTestId("cmp-run")).isDisabled();
        page.getByTestId("cmp-run").click(new com.microsoft.playwright.Locator.ClickOptions().setForce(true));
        page.getByTestId("cmp-origin").press("Enter");
        page.waitForTimeout(500);
        page.evaluate("() => window.__arrive()");
        assertThat(page.getByTestId("cmp-result")).containsText("recorded in History");
        assertThat(page.getByTestId("cmp-run")).isEnabled();
        org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate("() => window.__posts")).intValue()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(errors).isEmpty();
    }
}
