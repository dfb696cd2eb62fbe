package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a bulk or compare job (docs/api.md, POST /api/bulk-jobs/{id}/cancel and /api/compare-jobs/{id}/cancel): a queued
 * job, a running one (stopped at its next chunk commit, not failed), 409 for a job that ended, 404 for another user's job, the
 * downloads of a cancelled job, and the same file submitted again (resumed). Its own server: the test holds the queue.
 */
class JobCancelApiTest {
    static TestServer s;
    static String ana;
    static String bob;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        ana = s.post("/api/tokens", s.admin, Map.of("name", "ana", "role", "analyst")).json().get("secret").asText();
        bob = s.post("/api/tokens", s.admin, Map.of("name", "bob", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @AfterEach
    void release() {
        s.server.holdJobs(false);
        s.server.beforeEachJobCommit(null);
    }

    static byte[] sample(int lines, int seed) {
        TestServer.Response r = s.get("/api/bulk-sample?lines=" + lines + "&seed=" + seed, ana);
        assertThat(r.status()).isEqualTo(200);
        return r.body().getBytes(StandardCharsets.UTF_8);
    }

    private static String log() {
        return s.log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aQueuedBulkJobIsCancelledOnlyByItsOwnerOrAnAdministratorAndResumesWhenSubmittedAgain() throws Exception {
        s.server.holdJobs(true); // the job stays queued
        byte[] data = sample(300, 11);
        TestServer.Response submitted = s.upload("/api/bulk-jobs?name=queued.csv", ana, data, "q");
        assertThat(submitted.status()).isEqualTo(202);
        long id = submitted.json().get("id").asLong();

        // another analyst: as GET of a job that is not theirs
        TestServer.Response notTheirs = s.post("/api/bulk-jobs/" + id + "/cancel", bob, "");
        assertThat(notTheirs.status()).as(notTheirs.body()).isEqualTo(404);
        assertThat(notTheirs.json().at("/error/code").asText()).isEqualTo("not_found");
        assertThat(notTheirs.json().at("/error/message").asText()).isEqualTo("no bulk job " + id);
        // a bulk job is not a compare job
        assertThat(s.post("/api/compare-jobs/" + id + "/cancel", ana, "").status()).isEqualTo(404);
        assertThat(s.get("/api/bulk-jobs/" + id, ana).json().get("status").asText()).isEqualTo("queued");

        TestServer.Response cancelled = s.post("/api/bulk-jobs/" + id + "/cancel", ana, "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("id").asLong()).isEqualTo(id);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().get("lines_done").asLong()).isZero();
        assertThat(cancelled.json().get("finished_at").isNull()).isFalse();
        JsonNode got = s.get("/api/bulk-jobs/" + id, ana).json();
        assertThat(got.get("status").asText()).isEqualTo("cancelled");
        assertThat(s.get("/api/bulk-jobs", ana).json().findValuesAsText("status")).contains("cancelled");

        TestServer.Response twice = s.post("/api/bulk-jobs/" + id + "/cancel", ana, "");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().at("/error/code").asText()).isEqualTo("conflict");
        assertThat(twice.json().at("/error/message").asText()).isEqualTo("bulk job " + id
                + " has already ended: it is cancelled (after 0 lines); only a queued or running job can be cancelled");
        for (String file : new String[] {"results", "rejects"}) {
            TestServer.Response dl = s.get("/api/bulk-jobs/" + id + "/" + file, ana);
            assertThat(dl.status()).isEqualTo(409);
            assertThat(dl.json().at("/error/message").asText()).isEqualTo("bulk job " + id + " is cancelled after 0 lines: it has no "
                    + file + " file (submit the same file again to resume it)");
        }

        // the same file and key again: the same job, queued again (202), and it runs to the end
        TestServer.Response again = s.upload("/api/bulk-jobs?name=queued.csv", ana, data, "q");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().get("id").asLong()).isEqualTo(id);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("resumed").asBoolean()).isTrue();
        assertThat(again.json().get("status").asText()).isEqualTo("queued");
        s.server.holdJobs(false);
        JsonNode done = s.awaitJob(id, ana);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("lines_done").asLong()).isEqualTo(300);
        // an administrator may cancel anyone's job, but not one that is done
        TestServer.Response late = s.post("/api/bulk-jobs/" + id + "/cancel", s.admin, "");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().at("/error/message").asText()).isEqualTo("bulk job " + id
                + " has already ended: it is done; only a queued or running job can be cancelled");
        assertThat(s.upload("/api/bulk-jobs?name=queued.csv", ana, data, "q").status()).isEqualTo(200); // an ordinary duplicate now
    }

    @Test
    void aCancelWithABodyIsRefusedNotReadAsAPlainCancel() throws Exception {
        // found in the security review of session 24: the cancel takes no body (docs/api.md), yet one sent with
        // {"reason": …} cancelled the job and dropped the reason without a word; nothing a request says is ignored
        s.server.holdJobs(true);
        TestServer.Response submitted = s.upload("/api/bulk-jobs?name=with-body.csv", ana, sample(50, 12), "with-body");
        long id = submitted.json().get("id").asLong();
        TestServer.Response withBody = s.post("/api/bulk-jobs/" + id + "/cancel", ana, Map.of("reason", "the wrong file"));
        assertThat(withBody.status()).as(withBody.body()).isEqualTo(400);
        assertThat(withBody.json().at("/error/field").asText()).isEqualTo("body");
        assertThat(withBody.json().at("/error/message").asText()).isEqualTo("POST /api/bulk-jobs/{id}/cancel takes no body (this one has"
                + " 27 bytes); send none — nothing was done");
        assertThat(s.get("/api/bulk-jobs/" + id, ana).json().get("status").asText()).isEqualTo("queued");
        // the same for a compare job's cancel and a token's revocation
        assertThat(s.post("/api/compare-jobs/" + id + "/cancel", ana, "{}").status()).isEqualTo(400);
        assertThat(s.post("/api/bulk-jobs/" + id + "/cancel", ana, "x").json().at("/error/message").asText())
                .isEqualTo("POST /api/bulk-jobs/{id}/cancel takes no body (this one has 1 byte); send none — nothing was done");
        long bobsId = s.get("/api/tokens", s.admin).json().findParents("name").stream()
                .filter(t -> t.get("name").asText().equals("bob")).findFirst().orElseThrow().get("id").asLong();
        TestServer.Response revoke = s.request("DELETE", "/api/tokens/" + bobsId, s.admin, "{\"id\": " + bobsId + "}");
        assertThat(revoke.status()).as(revoke.body()).isEqualTo(400);
        assertThat(s.get("/api/me", bob).status()).isEqualTo(200);
        // without one, as before
        assertThat(s.post("/api/bulk-jobs/" + id + "/cancel", ana, "").json().get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void anAdministratorCancelsAnAnalystsQueuedJobAndItNoLongerCountsAgainstTheLimit() throws Exception {
        s.server.holdJobs(true);
        String carol = s.post("/api/tokens", s.admin, Map.of("name", "carol", "role", "analyst")).json().get("secret").asText();
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (int seed = 1; seed <= 4; seed++) {
            TestServer.Response r = s.upload("/api/bulk-jobs?name=l" + seed + ".csv", carol, sample(20, seed), null);
            assertThat(r.status()).isEqualTo(202);
            ids.add(r.json().get("id").asLong());
        }
        long first = ids.get(0);
        assertThat(s.upload("/api/bulk-jobs?name=l5.csv", carol, sample(20, 5), null).status()).isEqualTo(429);
        TestServer.Response byAdmin = s.post("/api/bulk-jobs/" + first + "/cancel", s.admin, "");
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byAdmin.json().get("status").asText()).isEqualTo("cancelled");
        TestServer.Response fifth = s.upload("/api/bulk-jobs?name=l5.csv", carol, sample(20, 5), null);
        assertThat(fifth.status()).isEqualTo(202);
        ids.add(fifth.json().get("id").asLong());
        s.server.holdJobs(false);
        for (long id : ids) { // ended before the next test counts chunk commits
            assertThat(s.awaitJob(id, carol).get("status").asText()).isEqualTo(id == first ? "cancelled" : "done");
        }
    }

    @Test
    void aRunningBulkJobStopsAtItsNextChunkCancelledNotFailed() throws Exception {
        byte[] data = sample(20_000, 3); // two chunks of 10,000 lines
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch reached = s.holdBeforeSecondChunk(go);
        long id = s.upload("/api/bulk-jobs?name=running.csv", ana, data, null).json().get("id").asLong();
        assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(s.get("/api/bulk-jobs/" + id, ana).json().get("status").asText()).isEqualTo("running");

        TestServer.Response c = s.post("/api/bulk-jobs/" + id + "/cancel", ana, "");
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        assertThat(c.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(c.json().get("lines_done").asLong()).isEqualTo(10_000);
        go.countDown();
        String line = "lodestone: bulk job " + id + " (running.csv) cancelled after 10000 lines";
        long until = System.nanoTime() + 30_000_000_000L;
        while (!log().contains(line) && System.nanoTime() < until) Thread.sleep(50);
        assertThat(log()).contains(line);
        assertThat(log().split(java.util.regex.Pattern.quote(line), -1)).hasSize(2); // said once
        assertThat(log()).doesNotContain("bulk job " + id + " failed");
        JsonNode after = s.get("/api/bulk-jobs/" + id, ana).json();
        assertThat(after.get("status").asText()).isEqualTo("cancelled");
        assertThat(after.get("error").isNull()).isTrue();
        assertThat(after.get("lines_done").asLong()).isEqualTo(10_000);
        assertThat(s.get("/api/bulk-jobs/" + id + "/results", ana).json().at("/error/message").asText())
                .startsWith("bulk job " + id + " is cancelled after 10000 lines");

        // submitted again: it resumes after the committed chunk and ends with every line once
        s.server.beforeEachJobCommit(null);
        TestServer.Response again = s.upload("/api/bulk-jobs?name=running.csv", ana, data, null);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("resumed").asBoolean()).isTrue();
        assertThat(again.json().get("lines_done").asLong()).isEqualTo(10_000);
        JsonNode done = s.awaitJob(id, ana);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("lines_done").asLong()).isEqualTo(20_000);
        assertThat(log()).contains("lodestone: resuming bulk job " + id + " (running.csv) after 10000 lines in 1 committed chunks");
        assertThat(done.get("assessed").asLong() + done.get("prohibited").asLong() + done.get("rejected").asLong()).isEqualTo(20_000);
        assertThat(s.get("/api/bulk-jobs/" + id + "/results", ana).status()).isEqualTo(200);
    }

    @Test
    void aRunningCompareJobIsCancelledWithoutAWhatIf() throws Exception {
        byte[] data = sample(20_000, 4);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch reached = s.holdBeforeSecondChunk(go);
        long id = s.upload("/api/compare-jobs?with=date:2025-06-01&name=cmp.csv", ana, data, null).json().get("id").asLong();
        assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(s.post("/api/bulk-jobs/" + id + "/cancel", ana, "").status()).isEqualTo(404); // a compare job is not a bulk job
        assertThat(s.post("/api/compare-jobs/" + id + "/cancel", bob, "").status()).isEqualTo(404);
        TestServer.Response c = s.post("/api/compare-jobs/" + id + "/cancel", ana, "");
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        assertThat(c.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(c.json().get("lines_done").asLong()).isEqualTo(10_000);
        assertThat(c.json().get("result").isNull()).isTrue();
        go.countDown();
        String line = "lodestone: compare job " + id + " (cmp.csv) cancelled after 10000 lines";
        long until = System.nanoTime() + 30_000_000_000L;
        while (!log().contains(line) && System.nanoTime() < until) Thread.sleep(50);
        assertThat(log()).contains(line);
        assertThat(log()).doesNotContain("compare job " + id + " failed").doesNotContain("bulk job " + id + " failed");
        JsonNode after = s.get("/api/compare-jobs/" + id, ana).json();
        assertThat(after.get("status").asText()).isEqualTo("cancelled");
        assertThat(after.get("error").isNull()).isTrue();
        assertThat(after.get("whatif_id").isNull()).isTrue();
        assertThat(s.get("/api/whatifs", ana).json().findValuesAsText("job_id")).doesNotContain(String.valueOf(id));
        TestServer.Response twice = s.post("/api/compare-jobs/" + id + "/cancel", ana, "");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().at("/error/message").asText()).isEqualTo("compare job " + id
                + " has already ended: it is cancelled (after 10000 lines); only a queued or running job can be cancelled");
    }
}
