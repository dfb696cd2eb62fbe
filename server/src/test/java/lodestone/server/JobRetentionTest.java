package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's automatic retention ({@code lodestone serve --retain-jobs-days N}, docs/reliability.md): a finished job's file
 * and results are retired once N whole days have passed since the day it ended, by the server itself, at start and every
 * hour; a job queued or running never is; each retirement is a line of the log; GET /api/jobs/retention says the setting and
 * the last run; a retired job's refusals say who retires jobs on this server. The server's clock for retention is moved
 * forward (the jobs cannot be made to finish in the past).
 */
class JobRetentionTest {
    static TestServer s;
    static String ana;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.retainingJobs(30);
        ana = s.post("/api/tokens", s.admin, Map.of("name", "ana", "role", "analyst")).json().get("secret").asText();
        // the first run is at start, on the timer's thread: what it said, before any test moves the clock
        long deadline = System.nanoTime() + 30_000_000_000L;
        atStart = s.get("/api/jobs/retention", s.admin).json();
        while (atStart.get("last_run").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            atStart = s.get("/api/jobs/retention", s.admin).json();
        }
    }

    static JsonNode atStart;

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    static byte[] sample(int lines, int seed) {
        TestServer.Response r = s.get("/api/bulk-sample?lines=" + lines + "&seed=" + seed, ana);
        assertThat(r.status()).isEqualTo(200);
        return r.body().getBytes(StandardCharsets.UTF_8);
    }

    /** Retention's clock at noon UTC of {@code day}. */
    static void today(LocalDate day) {
        s.server.retention().clock(Clock.fixed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    @Test
    void aFinishedJobIsRetiredByTheServerOnceItsDaysHavePassedAndNotADayEarlier() throws Exception {
        // the first run was at start: nothing was due
        JsonNode state = atStart;
        assertThat(state.at("/last_run/retired").asLong()).isZero();
        assertThat(state.get("retain_days").asLong()).isEqualTo(30);
        assertThat(state.at("/last_run/finished_before").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(30).toString());
        assertThat(state.at("/last_run/error").isNull()).isTrue();
        assertThat(Instant.parse(state.get("next_run_at").asText())).isAfter(Instant.now().plusSeconds(50 * 60));
        assertThat(s.log.toString(StandardCharsets.UTF_8)).contains("lodestone: retention: a finished job's file and results are retired 30"
                + " days after it ends (looked for at start and every 60 minutes)");

        long id = s.upload("/api/bulk-jobs?name=kept-30-days.csv", ana, sample(200, 3), "kept").json().get("id").asLong();
        JsonNode job = s.awaitJob(id, ana);
        assertThat(job.get("status").asText()).isEqualTo("done");
        LocalDate ended = Instant.parse(job.get("finished_at").asText()).atZone(ZoneOffset.UTC).toLocalDate();

        today(ended.plusDays(30)); // 30 days after the day it ended, at noon: due only from the next day
        Retention.Run early = s.server.retention().runOnce();
        assertThat(early.finishedBefore()).isEqualTo(ended);
        assertThat(s.get("/api/bulk-jobs/" + id, ana).json().get("retired_at").isNull()).isTrue();
        assertThat(s.get("/api/bulk-jobs/" + id + "/results", ana).status()).isEqualTo(200);

        today(ended.plusDays(31));
        Retention.Run run = s.server.retention().runOnce();
        assertThat(run.error()).isNull();
        assertThat(run.finishedBefore()).isEqualTo(ended.plusDays(1));
        assertThat(run.jobs()).isGreaterThanOrEqualTo(1); // (and any other test job of this server's that had ended)
        JsonNode after = s.get("/api/bulk-jobs/" + id, ana).json();
        assertThat(after.get("retired_at").isNull()).isFalse();
        assertThat(after.get("lines_done").asLong()).isEqualTo(200); // the row and its counts stay
        TestServer.Response gone = s.get("/api/bulk-jobs/" + id + "/results", ana);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().at("/error/message").asText()).isEqualTo("bulk job " + id + ": the job's results were retired on "
                + LocalDate.now(ZoneOffset.UTC) + " (this server retires a job's file and results 30 days after the job ends; an"
                + " administrator may sooner); its counts and totals remain; upload the file again to assess it again");
        TestServer.Response again = s.post("/api/bulk-jobs/" + id + "/resubmit", ana, "");
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.json().at("/error/message").asText()).contains("its file was retired on " + LocalDate.now(ZoneOffset.UTC)
                + " (this server retires a job's file and results 30 days after the job ends; an administrator may sooner)");
        assertThat(s.log.toString(StandardCharsets.UTF_8)).containsPattern("lodestone: retention \\(finished jobs kept 30 days\\) retired"
                + " bulk job " + id + " \\(kept-30-days.csv, 200 lines, finished before " + ended.plusDays(1) + "\\): \\d+ bytes of its"
                + " file and results removed");

        JsonNode said = s.get("/api/jobs/retention", s.admin).json();
        assertThat(said.at("/last_run/finished_before").asText()).isEqualTo(ended.plusDays(1).toString());
        assertThat(said.at("/last_run/retired").asLong()).isEqualTo(run.jobs());
        assertThat(said.at("/last_run/lines").asLong()).isEqualTo(run.lines()).isGreaterThanOrEqualTo(200);
        assertThat(said.at("/last_run/bytes").asLong()).isEqualTo(run.bytes()).isPositive();

        // a second run retires nothing more (a retired job is not retired twice)
        assertThat(s.server.retention().runOnce().jobs()).isZero();
    }

    @Test
    void aJobQueuedOrRunningIsNeverRetiredHoweverOld() throws Exception {
        s.server.holdJobs(true);
        try {
            long id = s.upload("/api/bulk-jobs?name=still-queued.csv", ana, sample(100, 4), "queued").json().get("id").asLong();
            today(LocalDate.now(ZoneOffset.UTC).plusDays(10_000));
            s.server.retention().runOnce();
            JsonNode j = s.get("/api/bulk-jobs/" + id, ana).json();
            assertThat(j.get("status").asText()).isEqualTo("queued");
            assertThat(j.get("retired_at").isNull()).isTrue();
        } finally {
            s.server.holdJobs(false);
        }
    }

    @Test
    void theAdministrationPageSaysTheSettingAndTheLastRunAtDesktopAndPhoneWidth() throws Exception {
        today(LocalDate.of(2031, 3, 15));
        Retention.Run run = s.server.retention().runOnce();
        Browsers.Session b = Browsers.launch();
        try {
            for (int width : new int[]{1366, 390}) {
                java.util.List<String> errors = new java.util.ArrayList<>();
                com.microsoft.playwright.Page page = b.browser().newPage(new com.microsoft.playwright.Browser.NewPageOptions()
                        .setViewportSize(width, 900));
                Browsers.collectErrors(page, errors, false);
                page.navigate(s.url() + "/#token=" + s.admin);
                page.navigate(s.url() + "/#tokens");
                com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.getByTestId("retention")).hasText(
                        "This server retires a finished job's file and results 30 days after the job ends, by itself, looking every hour"
                                + " (--retain-jobs-days 30). Its last run, " + run.at().toString().replace("T", " ").replace("Z", " UTC")
                                + ", " + (run.jobs() == 0 ? "found no job that finished before 2031-02-13 to retire."
                                : "retired " + run.jobs() + (run.jobs() == 1 ? " job" : " jobs") + " that finished before 2031-02-13 ("));
                Object w = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
                assertThat(((Number) w).intValue()).as("page width at " + width).isLessThanOrEqualTo(width);
                assertThat(errors).as("console errors at " + width).isEmpty();
                page.close();
            }
        } finally {
            b.close();
        }
    }

    @Test
    void theSettingIsAnAdministratorsToReadAndTheDescriptionNamesIt() {
        assertThat(s.get("/api/jobs/retention", ana).status()).isEqualTo(403);
        assertThat(s.get("/api/jobs/retention", null).status()).isEqualTo(401);
        assertThat(s.get("/api/openapi.json", null).json().at("/paths/~1api~1jobs~1retention/get").isMissingNode()).isFalse();
    }
}
