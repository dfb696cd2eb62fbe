package lodestone.server;

import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Bulk page's Cancel buttons, in a real browser: a running bulk job (kept between its two chunks) cancelled from the
 * keyboard — the button keeps its focus through the panel's polls — then said cancelled after the lines it had done, with
 * no downloads, and listed cancelled; a queued compare job cancelled the same way.
 */
class JobCancelBrowserTest extends BrowserPageTest {
    private final CountDownLatch go = new CountDownLatch(1);

    @AfterEach
    void release() {
        go.countDown();
        s.server.beforeEachJobCommit(null);
        s.server.holdJobs(false);
    }

    @Test
    void aRunningBulkJobIsCancelledFromTheKeyboardAndSaidCancelledAfterItsLines() {
        // the job commits its first chunk of 10,000 lines, then waits before its second until the test ends
        CountDownLatch reached = s.holdBeforeSecondChunk(go);
        byte[] sample = s.get("/api/bulk-sample?lines=20000&seed=7", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("big.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("lines-done")).hasText("10\u202f000");
        assertThat(page.getByTestId("cancel-job")).isVisible();
        assertThat(page.getByTestId("cancel-job")).hasAttribute("aria-label", java.util.regex.Pattern.compile("^Cancel job #\\d+$"));

        // each poll's answer held 800 ms, and the button focused while one is on its way: the panel drawn with that answer
        // keeps the focus on the button (it was lost for good when the focus was read before the poll, not after)
        page.evaluate("() => { const f = window.fetch; window.__polls = 0; window.fetch = (u, o) => {"
                + " if (!/\\/api\\/bulk-jobs\\/\\d+$/.test(String(u))) return f(u, o); window.__inFlight = true;"
                + " return new Promise(r => setTimeout(r, 800)).then(() => f(u, o)).finally(() => { window.__inFlight = false; window.__polls++; }); }; }");
        page.waitForFunction("() => window.__inFlight === true");
        int polls = ((Number) page.evaluate("() => window.__polls")).intValue();
        page.getByTestId("cancel-job").focus();
        page.waitForFunction("n => window.__polls >= n + 2", polls); // two of the panel's polls: it is drawn again each time
        page.waitForTimeout(200);
        assertThat(page.getByTestId("cancel-job")).isFocused();
        page.keyboard().press("Enter");

        assertThat(page.getByTestId("job-cancelled")).containsText("Cancelled after 10\u202f000 lines");
        assertThat(page.getByTestId("bulk-job")).containsText("cancelled");
        assertThat(page.getByTestId("cancel-job")).hasCount(0);
        assertThat(page.getByTestId("download-results")).hasCount(0);
        assertThat(page.getByTestId("download-rejects")).hasCount(0);
        assertThat(page.getByTestId("job-working")).hasCount(0);
        assertThat(page.locator("#status")).containsText("cancelled after 10\u202f000 lines");
        assertThat(page.getByTestId("bulk-jobs").locator("tbody tr").first()).containsText("cancelled");
        page.waitForTimeout(700); // no poll draws it back
        assertThat(page.getByTestId("job-cancelled")).isVisible();
        assertThat(errors).isEmpty();
    }

    @Test
    void aSlowClickOnARunningBulkJobsCancelIsNotLostToItsPolls() {
        // a loaded machine or a slow hand: the button pressed, released 1.2 s later. The panel drawn again at each poll (every
        // half second) had made the button a new one between the press and the release: no click, the job never cancelled
        CountDownLatch reached = s.holdBeforeSecondChunk(go);
        byte[] sample = s.get("/api/bulk-sample?lines=20000&seed=17", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("slow.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("lines-done")).hasText("10\u202f000");
        page.evaluate("() => { window.__polls = 0; const f = window.fetch; window.fetch = (u, o) => f(u, o).finally(() => {"
                + " if (/\\/api\\/bulk-jobs\\/\\d+$/.test(String(u))) window.__polls++; }); }");
        page.getByTestId("cancel-job").click(new com.microsoft.playwright.Locator.ClickOptions().setDelay(1200));
        org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate("() => window.__polls")).intValue())
                .as("polls between the press and the release").isGreaterThanOrEqualTo(1);
        assertThat(page.getByTestId("job-cancelled")).containsText("Cancelled after 10\u202f000 lines");
        assertThat(page.getByTestId("cancel-job")).hasCount(0);
        assertThat(errors).isEmpty();
    }

    @Test
    void aSlowClickOnARunningCompareJobsCancelIsNotLostToItsPolls() {
        CountDownLatch reached = s.holdBeforeSecondChunk(go);
        byte[] sample = s.get("/api/bulk-sample?lines=12000&seed=37", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.locator("#cmp-card summary").click();
        page.getByTestId("cmp-file").setInputFiles(new FilePayload("slow.csv", "text/csv", sample));
        page.getByTestId("cmp-run").click();
        assertThat(page.getByTestId("cmp-working")).containsText("10\u202f000 lines read so far");
        page.getByTestId("cancel-compare").click(new com.microsoft.playwright.Locator.ClickOptions().setDelay(1200));
        assertThat(page.getByTestId("cmp-cancelled")).containsText("cancelled after 10\u202f000 lines");
        assertThat(errors).isEmpty();
    }

    @Test
    void aCancelTheServerCouldNotTakeIsSaidAndCanBeClickedAgain() {
        // the first cancel answered 503 (a server restarting, a proxy between): the refusal stays said under the job, and the
        // button is usable again (it had stayed disabled for good once the panel kept it through the polls); the second works
        CountDownLatch reached = s.holdBeforeSecondChunk(go);
        java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger();
        byte[] sample = s.get("/api/bulk-sample?lines=20000&seed=27", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.route("**/api/*-jobs/*/cancel", route -> {
            if (posts.incrementAndGet() == 1) {
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(503).setContentType("application/json")
                        .setBody("{\"error\":{\"code\":\"unavailable\",\"message\":\"the server is starting: try again in a moment\"}}"));
            } else {
                route.resume();
            }
        });
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("twice.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("lines-done")).hasText("10\u202f000");
        page.getByTestId("cancel-job").click();
        assertThat(page.getByTestId("error")).hasText("the server is starting: try again in a moment");
        assertThat(page.getByTestId("cancel-job")).isEnabled();
        page.waitForTimeout(1200); // the polls that follow neither take the refusal away nor the button
        assertThat(page.getByTestId("error")).hasText("the server is starting: try again in a moment");
        assertThat(page.getByTestId("job-working")).isVisible();
        page.getByTestId("cancel-job").click();
        assertThat(page.getByTestId("job-cancelled")).containsText("Cancelled after 10\u202f000 lines");
        assertThat(page.getByTestId("error")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(posts.get()).isEqualTo(2);
    }

    @Test
    void aCompareCancelTheServerCouldNotTakeCanBeClickedAgain() {
        s.server.holdJobs(true); // the job stays queued
        java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger();
        byte[] sample = s.get("/api/bulk-sample?lines=50&seed=28", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.route("**/api/*-jobs/*/cancel", route -> {
            if (posts.incrementAndGet() == 1) {
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(503).setContentType("application/json")
                        .setBody("{\"error\":{\"code\":\"unavailable\",\"message\":\"the server is starting: try again in a moment\"}}"));
            } else {
                route.resume();
            }
        });
        page.navigate(s.url() + "/#bulk");
        page.locator("#cmp-card summary").click();
        page.getByTestId("cmp-file").setInputFiles(new FilePayload("what.csv", "text/csv", sample));
        page.getByTestId("cmp-run").click();
        assertThat(page.getByTestId("cmp-working")).isVisible();
        page.getByTestId("cancel-compare").click();
        assertThat(page.getByTestId("error")).hasText("the server is starting: try again in a moment");
        assertThat(page.getByTestId("cancel-compare")).isEnabled();
        page.getByTestId("cancel-compare").click();
        assertThat(page.getByTestId("cmp-cancelled")).containsText("cancelled after 0 lines");
        assertThat(page.getByTestId("error")).hasCount(0);
    }

    @Test
    void aJobThatEndedBeforeTheCancelArrivedIsShownAsItEndedWithTheRefusal() {
        open(1366, 900);
        // the page sees the job running (its answers rewritten) until the Cancel is sent; the job itself is done
        java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
        page.route("**/api/bulk-jobs/**", route -> {
            if (route.request().method().equals("POST")) { sent.set(true); route.resume(); return; }
            var real = route.fetch();
            try {
                com.fasterxml.jackson.databind.node.ObjectNode j = (com.fasterxml.jackson.databind.node.ObjectNode) TestServer.JSON.readTree(real.text());
                if (!sent.get() && j.has("status")) {
                    j.put("status", "running");
                    j.putNull("finished_at");
                }
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(real).setBody(j.toString()));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        byte[] sample = s.get("/api/bulk-sample?lines=30&seed=9", s.admin).body().getBytes(StandardCharsets.UTF_8);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("late.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("cancel-job")).isVisible();
        page.getByTestId("cancel-job").click();
        assertThat(page.getByTestId("download-results")).isVisible();
        assertThat(page.getByTestId("bulk-job").locator("xpath=..").getByTestId("error"))
                .containsText(java.util.regex.Pattern.compile("^bulk job \\d+ has already ended: it is done; only a queued or running job can be cancelled$"));
        page.waitForTimeout(700); // no poll takes the refusal away
        assertThat(page.getByTestId("error")).isVisible();
    }

    @Test
    void aQueuedCompareJobIsCancelled() {
        s.server.holdJobs(true); // the job stays queued
        byte[] sample = s.get("/api/bulk-sample?lines=50&seed=8", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.locator("#cmp-card summary").click();
        page.getByTestId("cmp-file").setInputFiles(new FilePayload("what.csv", "text/csv", sample));
        page.getByTestId("cmp-run").click();
        assertThat(page.getByTestId("cmp-working")).isVisible();
        page.getByTestId("cancel-compare").click();
        assertThat(page.getByTestId("cmp-cancelled")).containsText("cancelled after 0 lines");
        assertThat(page.getByTestId("cancel-compare")).hasCount(0);
        assertThat(page.getByTestId("cmp-result")).not().containsText("History");
        assertThat(errors).isEmpty();
    }
}
