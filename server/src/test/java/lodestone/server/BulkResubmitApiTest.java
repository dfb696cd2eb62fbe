package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /api/bulk-jobs/{id}/resubmit: a job's stored file assessed again under the server's regime. After an upgrade with
 * another bundled regime, every queued job failed "not run: … submit it again to have it assessed under …" and its owner had
 * to find the file and upload it again; the file is still in the database until the job is retired.
 */
class BulkResubmitApiTest {
    static TestServer s;
    static String broker;
    static String other;
    static byte[] FILE;

    @BeforeAll
    static void start() throws Exception {
        FILE = ApiTest.generated(lodestone.regime.Regime.bundled(), 7L, 2_500).getBytes(StandardCharsets.UTF_8);
        s = new TestServer();
        broker = s.post("/api/tokens", s.admin, Map.of("name", "broker", "role", "analyst")).json().get("secret").asText();
        other = s.post("/api/tokens", s.admin, Map.of("name", "other", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static long done(TestServer.Response r) throws InterruptedException {
        assertThat(r.status()).as(r.body()).isIn(200, 202);
        long id = r.json().get("id").asLong();
        assertThat(s.awaitJob(id, s.admin).get("status").asText()).isEqualTo("done");
        return id;
    }

    @Test
    void aJobAnUpgradeLeftNotRunIsAssessedAgainFromItsStoredFileAsAFreshUploadWouldBe() throws Exception {
        long old = done(s.upload("/api/bulk-jobs?name=upgrade.csv", broker, FILE, "k1"));
        // as an upgrade leaves a job that was queued: failed, submitted under the older server's regime
        String now = lodestone.regime.Regime.bundled().version();
        try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("update bulk_job set status = 'failed', regime_version = '2026.11', error = 'not run: it was"
                    + " submitted under the regime bundled 2026.11 and this server now has bundled " + now + "', params ="
                    + " '{\"regime\":\"bundled\",\"regime_version\":\"2026.11\",\"format\":\"csv\"}' where id = " + old)).isEqualTo(1);
        }

        TestServer.Response r = s.post("/api/bulk-jobs/" + old + "/resubmit", broker, "");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long again = r.json().get("id").asLong();
        assertThat(again).isNotEqualTo(old);
        assertThat(r.headers().get("location")).containsExactly("/api/bulk-jobs/" + again);
        assertThat(r.json().get("duplicate").asBoolean()).isFalse();
        assertThat(r.json().get("file_name").asText()).isEqualTo("upgrade.csv");
        JsonNode job = s.awaitJob(again, broker);
        assertThat(job.get("status").asText()).isEqualTo("done");
        assertThat(job.get("regime_version").asText()).isEqualTo(now);
        assertThat(job.get("lines_done").asLong()).isEqualTo(2_500);

        // byte for byte what an upload of the same file gives
        long fresh = done(s.upload("/api/bulk-jobs?name=upgrade.csv", broker, FILE, "k2"));
        assertThat(s.get("/api/bulk-jobs/" + again + "/results", broker).body()).isEqualTo(s.get("/api/bulk-jobs/" + fresh + "/results", broker).body());
        assertThat(s.get("/api/bulk-jobs/" + again + "/rejects", broker).body()).isEqualTo(s.get("/api/bulk-jobs/" + fresh + "/rejects", broker).body());
        assertThat(s.get("/api/bulk-jobs/" + again, broker).json().get("total_duty").decimalValue())
                .isEqualByComparingTo(s.get("/api/bulk-jobs/" + fresh, broker).json().get("total_duty").decimalValue());

        // the same request again is the same job (its default Idempotency-Key, resubmit-of-{id}); another key is another job
        TestServer.Response twice = s.post("/api/bulk-jobs/" + old + "/resubmit", broker, "");
        assertThat(twice.status()).as(twice.body()).isEqualTo(200);
        assertThat(twice.json().get("id").asLong()).isEqualTo(again);
        assertThat(twice.json().get("duplicate").asBoolean()).isTrue();
    }

    @Test
    void aCompareJobIsComparedAgainWithWhatItWasComparedWith() throws Exception {
        TestServer.Response sub = s.upload("/api/compare-jobs?with=date:2025-06-01&with_origin=CN%3DVN&top=15&name=cmp.csv", broker, FILE, "c");
        assertThat(sub.status()).as(sub.body()).isEqualTo(202);
        long old = sub.json().get("id").asLong();
        JsonNode first = s.awaitCompareJob(old, broker);
        assertThat(first.get("status").asText()).isEqualTo("done");

        TestServer.Response r = s.post("/api/compare-jobs/" + old + "/resubmit", broker, "");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long again = r.json().get("id").asLong();
        assertThat(r.headers().get("location")).containsExactly("/api/compare-jobs/" + again);
        JsonNode second = s.awaitCompareJob(again, broker);
        assertThat(second.get("status").asText()).isEqualTo("done");
        assertThat(second.get("result")).isEqualTo(first.get("result")); // the same regime, date, origins and top
        JsonNode w = s.get("/api/whatifs/" + second.get("whatif_id").asLong(), broker).json();
        assertThat(w.at("/request/with").asText()).isEqualTo("date:2025-06-01");
        assertThat(w.get("job_id").asLong()).isEqualTo(again);
        // a bulk job's id is no compare job
        assertThat(s.post("/api/compare-jobs/" + done(s.upload("/api/bulk-jobs?name=b.csv", broker, FILE, "cb")) + "/resubmit", broker, "")
                .status()).isEqualTo(404);
    }

    @Test
    void onlyTheOwnerOrAnAdministratorResubmitsAndTheNewJobIsTheirs() throws Exception {
        long mine = done(s.upload("/api/bulk-jobs?name=mine.csv", broker, FILE, "m"));
        TestServer.Response notYours = s.post("/api/bulk-jobs/" + mine + "/resubmit", other, "");
        assertThat(notYours.status()).isEqualTo(404);
        assertThat(notYours.json().at("/error/message").asText()).isEqualTo("no bulk job " + mine);
        TestServer.Response byAdmin = s.post("/api/bulk-jobs/" + mine + "/resubmit", s.admin, "");
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(202);
        long theirs = byAdmin.json().get("id").asLong();
        assertThat(s.awaitJob(theirs, s.admin).get("status").asText()).isEqualTo("done");
        assertThat(s.get("/api/bulk-jobs/" + theirs, broker).status()).isEqualTo(404); // the administrator's job
        assertThat(s.post("/api/bulk-jobs/987654/resubmit", broker, "").status()).isEqualTo(404);
    }

    @Test
    void aRetiredJobIsGoneAndARunningOneIsAConflict() throws Exception {
        long retired = done(s.upload("/api/bulk-jobs?name=old.csv", broker, FILE, "r"));
        assertThat(s.post("/api/bulk-jobs/" + retired + "/retire", s.admin, "").status()).isEqualTo(200);
        TestServer.Response gone = s.post("/api/bulk-jobs/" + retired + "/resubmit", broker, "");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().at("/error/message").asText()).startsWith("bulk job " + retired + ": its file was retired on ")
                .endsWith(" by an administrator; upload the file again to assess it again");

        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch reached = s.holdBeforeSecondChunk(go);
        try {
            byte[] big = ApiTest.generated(lodestone.regime.Regime.bundled(), 8L, 20_000).getBytes(StandardCharsets.UTF_8);
            long running = s.upload("/api/bulk-jobs?name=big.csv", broker, big, "b").json().get("id").asLong();
            assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
            TestServer.Response busy = s.post("/api/bulk-jobs/" + running + "/resubmit", broker, "");
            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.json().at("/error/message").asText())
                    .isEqualTo("bulk job " + running + " is running: it is being assessed; cancel it first to submit its file again");
            go.countDown();
            assertThat(s.awaitJob(running, broker).get("status").asText()).isEqualTo("done");
        } finally {
            go.countDown();
            s.server.beforeEachJobCommit(null);
        }
    }
}
