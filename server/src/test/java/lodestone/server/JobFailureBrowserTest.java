package lodestone.server;

import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk job failed by the database, on the Bulk page: its owner read PostgreSQL's own words ("ERROR: new row for relation
 * "bulk_chunk" violates check constraint …") and was told to fix the file. Now a plain reason, the log's reference, and no
 * advice to fix a file that was not at fault.
 */
class JobFailureBrowserTest extends BrowserPageTest {
    @Test
    void aJobTheDatabaseRefusedIsSaidInPlainWordsWithTheLogsReference() throws Exception {
        try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
            st.execute("alter table bulk_chunk add constraint on_call_refuses_the_second_chunk check (chunk_no < 1) not valid");
        }
        byte[] sample = s.get("/api/bulk-sample?lines=12000&seed=7", s.admin).body().getBytes(StandardCharsets.UTF_8);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("entries.csv", "text/csv", sample));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("job-failed")).hasText(Pattern.compile("^The job failed: stopped after 10000 lines: the server could not"
                + " save the job's results \\(reference #\\d+ in the server's log\\); the file is not at fault: tell the server's operator"
                + " the reference, and once they have put it right upload the file again with another idempotency key\\.\\s+Nothing more"
                + " will happen to it\\.$"));
        String shown = page.getByTestId("job-failed").innerText();
        assertThat(shown).doesNotContain("ERROR", "bulk_chunk", "constraint", "fix the file");

        // the 10,000 lines it had done are offered, said partial, with the line it stopped at
        assertThat(page.getByTestId("partial-downloads")).containsText(Pattern.compile("Partial: the first 10\u202f000 entries, the file's lines 2"
                + " to 10\u202f001 \\(line 1 is its header\\);\\s+lines 10\u202f002 on were not assessed\\."));
        assertThat(page.getByTestId("download-partial-results")).hasText("Download partial results (10\u202f000 lines, CSV)");
        assertThat(page.getByTestId("download-results")).hasCount(0);
        com.microsoft.playwright.Download d = page.waitForDownload(() -> page.getByTestId("download-partial-results").click());
        assertThat(d.suggestedFilename()).isEqualTo("entries-results-partial-10000-lines.csv");
        String saved = java.nio.file.Files.readString(d.path());
        assertThat(saved.lines().count()).isEqualTo(10_001); // its header and one row per line done
        com.microsoft.playwright.Download r = page.waitForDownload(() -> page.getByTestId("download-partial-rejects").click());
        assertThat(r.suggestedFilename()).isEqualTo("entries-rejects-partial-10000-lines.csv");

        // once the operator has put it right, the kept file is assessed again from the page, not uploaded again
        String failedJob = page.url().replaceAll(".*#bulk/", "");
        try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
            st.execute("alter table bulk_chunk drop constraint on_call_refuses_the_second_chunk");
        }
        assertThat(page.getByTestId("resubmit-job")).hasText("Assess the file again");
        page.setViewportSize(390, 844); // on a phone: the button whole on the screen, nothing wider than the window
        page.getByTestId("resubmit-job").scrollIntoViewIfNeeded();
        com.microsoft.playwright.options.BoundingBox box = page.getByTestId("resubmit-job").boundingBox();
        org.assertj.core.api.Assertions.assertThat(box.x).isGreaterThanOrEqualTo(0);
        org.assertj.core.api.Assertions.assertThat(box.x + box.width).isLessThanOrEqualTo(390);
        org.assertj.core.api.Assertions.assertThat(box.height).as("a target a thumb can press").isGreaterThanOrEqualTo(24);
        assertNoOverflow(390, "#bulk with a failed job");
        page.setViewportSize(1366, 900);
        page.getByTestId("resubmit-job").click();
        assertThat(page.getByTestId("bulk-job")).containsText("done");
        assertThat(page.getByTestId("lines-done")).hasText("12\u202f000");
        assertThat(page.getByTestId("resubmit-job")).hasCount(0);
        assertThat(page.url()).doesNotEndWith("#bulk/" + failedJob);
        String again = page.url().replaceAll(".*#bulk/", "");
        assertThat(s.get("/api/bulk-jobs/" + again + "/results", s.admin).body().lines().count()).isEqualTo(12_001);
        assertThat(errors).isEmpty();
    }

    @Test
    void aCancelledJobOffersTheLinesItHadDoneMarkedPartial() throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        s.holdBeforeSecondChunk(go);
        try {
            try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
                st.execute("alter table bulk_chunk drop constraint if exists on_call_refuses_the_second_chunk");
            }
            byte[] sample = s.get("/api/bulk-sample?lines=12000&seed=8", s.admin).body().getBytes(StandardCharsets.UTF_8);
            open(1366, 900);
            page.navigate(s.url() + "/#bulk");
            page.getByTestId("bulk-file").setInputFiles(new FilePayload("big.csv", "text/csv", sample));
            page.getByTestId("bulk-upload").click();
            assertThat(page.getByTestId("lines-done")).hasText("10\u202f000");
            page.getByTestId("cancel-job").click();
            assertThat(page.getByTestId("job-cancelled")).containsText("Cancelled after 10\u202f000 lines. Its results stop there: the partial"
                    + " files below hold those lines only.");
            com.microsoft.playwright.Download d = page.waitForDownload(() -> page.getByTestId("download-partial-results").click());
            assertThat(d.suggestedFilename()).isEqualTo("big-results-partial-10000-lines.csv");
            assertThat(java.nio.file.Files.readString(d.path()).lines().count()).isEqualTo(10_001);
            assertThat(errors).isEmpty();
        } finally {
            go.countDown();
            s.server.beforeEachJobCommit(null);
        }
    }

    @Test
    void aCancelledCompareJobOffersTheFiguresOfTheLinesItHadDoneMarkedPartial() throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch reached = s.holdBeforeSecondChunk(go);
        try {
            try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
                st.execute("alter table bulk_chunk drop constraint if exists on_call_refuses_the_second_chunk");
            }
            byte[] sample = s.get("/api/bulk-sample?lines=12000&seed=9", s.admin).body().getBytes(StandardCharsets.UTF_8);
            open(1366, 900);
            page.navigate(s.url() + "/#bulk");
            page.locator("#cmp-card summary").click();
            page.getByTestId("cmp-file").setInputFiles(new FilePayload("what.csv", "text/csv", sample));
            page.getByTestId("cmp-run").click();
            org.assertj.core.api.Assertions.assertThat(reached.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            page.getByTestId("cancel-compare").click();
            assertThat(page.getByTestId("cmp-cancelled")).containsText("cancelled after 10\u202f000 lines: nothing was recorded. Its figures"
                    + " stop there: the partial result below covers those lines only.");
            assertThat(page.getByTestId("cmp-partial")).containsText(Pattern.compile("Partial: the figures of the first 10\u202f000 entries, the"
                    + " file's lines 2 to 10\u202f001 \\(line 1 is its header\\);\\s+lines 10\u202f002 on were not compared\\."));
            assertThat(page.getByTestId("download-partial-result")).hasText("Download partial result (10\u202f000 lines, JSON)");
            com.microsoft.playwright.Download d = page.waitForDownload(() -> page.getByTestId("download-partial-result").click());
            assertThat(d.suggestedFilename()).isEqualTo("what-comparison-partial-10000-lines.json");
            com.fasterxml.jackson.databind.JsonNode saved = TestServer.JSON.readTree(java.nio.file.Files.readString(d.path()));
            assertThat(saved.get("lines").asLong()).isEqualTo(10_000);
            assertThat(saved.get("partial").asText()).startsWith("the job was cancelled after 10000 lines: these figures cover the first"
                    + " 10000 entries");
            assertThat(errors).isEmpty();
        } finally {
            go.countDown();
            s.server.beforeEachJobCommit(null);
        }
    }

    @Test
    void aCompareJobTheDatabaseRefusedIsComparedAgainFromItsKeptFile() throws Exception {
        try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
            st.execute("alter table bulk_chunk drop constraint if exists on_call_refuses_the_second_chunk");
            st.execute("alter table bulk_chunk add constraint on_call_refuses_the_second_chunk check (chunk_no < 1) not valid");
        }
        try {
            byte[] sample = s.get("/api/bulk-sample?lines=12000&seed=10", s.admin).body().getBytes(StandardCharsets.UTF_8);
            open(1366, 900);
            page.navigate(s.url() + "/#bulk");
            page.locator("#cmp-card summary").click();
            page.getByTestId("cmp-file").setInputFiles(new FilePayload("again.csv", "text/csv", sample));
            page.getByTestId("cmp-run").click();
            assertThat(page.getByTestId("cmp-failed")).containsText("the file is not at fault");
            try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
                st.execute("alter table bulk_chunk drop constraint on_call_refuses_the_second_chunk");
            }
            page.getByTestId("resubmit-compare").click();
            assertThat(page.locator("#cmp-result")).containsText(Pattern.compile("Compare job #\\d+; recorded in History\\."));
            assertThat(page.getByTestId("cmp-failed")).hasCount(0);
            assertThat(errors).isEmpty();
        } finally {
            try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
                st.execute("alter table bulk_chunk drop constraint if exists on_call_refuses_the_second_chunk");
            }
        }
    }

    @Test
    void aJobFailedBeforeReferencesIsShownInPlainWordsWithoutAdviceToFixTheFile() throws Exception {
        // a job an older server failed on a store fault: its record holds PostgreSQL's words, which the page showed, telling the
        // owner to fix the file
        long id;
        try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("insert into bulk_job (idem_key, content_sha256, file_name, input_format, regime,"
                     + " regime_version, status, submitted_by, size_bytes, chunk_size, owner, error, lines_done, finished_at) values ('before',"
                     + " 'old', 'old.csv', 'csv', 'bundled', '2026.12', 'failed', 'admin', 10, 10000, (select min(id) from api_token),"
                     + " 'stopped after 20000 lines: cannot commit chunk 2 of bulk job 9: ERROR: could not extend file \"base/5/16408\"', 20000,"
                     + " now()) returning id")) {
            rs.next();
            id = rs.getLong(1);
        }
        open(1366, 900);
        page.navigate(s.url() + "/#bulk/" + id);
        assertThat(page.getByTestId("job-failed")).hasText(Pattern.compile("^The job failed: stopped after 20000 lines: the server could not"
                + " save the job's results \\(it failed before Lodestone gave such failures a reference: the server's log of that day has it"
                + " as \"bulk job " + id + " failed after 20000 lines\"\\); the file is not at fault: tell the server's operator the job's"
                + " number, and once they have put it right upload the file again with another idempotency key\\.\\s+Nothing more will"
                + " happen to it\\.$"));
        assertThat(page.getByTestId("job-failed").innerText()).doesNotContain("ERROR", "extend file", "fix the file");
        assertThat(errors).isEmpty();
    }
}
