package lodestone.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retiring a finished job (schema version 15): its uploaded file and chunks are deleted, its row stays with its counts and
 * its chunks' totals summed; the append-only triggers still refuse TRUNCATE, UPDATE and deleting a live job's rows, to the
 * owner too; a retired job's row is final; a queued or running job cannot be retired; the ledger is not touched. Its own
 * database: the test claims jobs and retires by age.
 */
class BulkJobRetireTest {
    @TempDir
    static Path tmp;
    static Store store;

    /** The test's stand-in for the server's BulkTotals sum: the chunks' totals joined, so the order and count show. */
    static final BulkJobs.TotalsSum JOINED = chunks -> String.join("+", chunks);

    @BeforeAll
    static void start() throws Exception {
        store = Store.embedded(Files.createTempDirectory(tmp, "retire"));
    }

    @AfterAll
    static void stop() {
        if (store != null) store.close();
    }

    private static BulkJobs.Job submit(String content, String key) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return store.bulkJobs().submit(BulkJobs.KIND_ASSESS, "", key, "f.csv", "csv",
                new BulkJobs.Upload(() -> new java.io.ByteArrayInputStream(data), data.length, BulkJobs.sha256(data)),
                "bundled", "v", "ana", 7L, 2, 0).job();
    }

    /** A job run to the end with two chunks (3 lines), their totals "t0" and "t1". */
    private static BulkJobs.Job done(String content, String key) {
        long id = submit(content, key).id();
        BulkJobs jobs = store.bulkJobs();
        BulkJobs.Job claimed;
        do {
            claimed = jobs.claimNext().orElseThrow();
        } while (claimed.id() != id);
        jobs.commitChunk(id, new BulkJobs.ChunkResult(0, 0, 2, 1, 0, 1, new BigDecimal("3.00"), "h\nr1\n", "hr\nx\n", 0, 0, "t0"));
        jobs.commitChunk(id, new BulkJobs.ChunkResult(1, 2, 1, 1, 0, 0, new BigDecimal("1.25"), "r2\n", "", 0, 0, "t1"));
        jobs.finish(id);
        return jobs.get(id).orElseThrow();
    }

    private static long rows(String table, long jobId) throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from " + table + " where job_id = " + jobId)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aDoneJobIsRetiredItsFileAndChunksGoneItsCountsAndSummedTotalsKept() throws Exception {
        String content = "h\na\nb\nc\n";
        BulkJobs.Job before = done(content, "kept");
        long id = before.id();
        Ledger.Entry e1 = store.ledger().append(StoreTest.entry("2805.30.0000"));

        BulkJobs.Retirement r = store.bulkJobs().retire(id, BulkJobs.KIND_ASSESS, JOINED);
        assertThat(r.outcome()).isEqualTo(BulkJobs.RetireOutcome.RETIRED);
        // the bytes PostgreSQL stored: each short text and bytea value is its length and a one-byte header
        long expected = ("h\nr1\n".length() + 1) + ("hr\nx\n".length() + 1) + 3 + ("r2\n".length() + 1) + 1 + 3 + (content.length() + 1);
        assertThat(r.retired()).isEqualTo(new BulkJobs.Retired(id, BulkJobs.KIND_ASSESS, "f.csv", 3, expected));
        BulkJobs.Job after = store.bulkJobs().get(id).orElseThrow();
        assertThat(after.retired()).isTrue();
        assertThat(after.retiredAt()).isAfterOrEqualTo(before.finishedAt());
        assertThat(after.retiredTotals()).isEqualTo("t0+t1");
        assertThat(after.status()).isEqualTo(BulkJobs.Status.DONE);
        assertThat(List.of(after.linesDone(), after.assessed(), after.rejected(), (long) after.chunksDone()))
                .isEqualTo(List.of(3L, 2L, 1L, 2L));
        assertThat(after.totalDuty()).isEqualByComparingTo("4.25");
        assertThat(rows("bulk_chunk", id)).isZero();
        assertThat(rows("bulk_input_piece", id)).isZero();
        assertThat(store.bulkJobs().chunkTotals(id)).isEmpty();

        // once only; the wrong kind is not found
        BulkJobs.Retirement again = store.bulkJobs().retire(id, BulkJobs.KIND_ASSESS, JOINED);
        assertThat(again.outcome()).isEqualTo(BulkJobs.RetireOutcome.ALREADY);
        assertThat(again.job().retiredAt()).isEqualTo(after.retiredAt());
        assertThat(store.bulkJobs().retire(id, BulkJobs.KIND_COMPARE, JOINED).outcome()).isEqualTo(BulkJobs.RetireOutcome.NOT_FOUND);

        // the ledger is not touched, and verifies
        Ledger.Entry e2 = store.ledger().append(StoreTest.entry("2805.30.0000"));
        assertThat(store.ledger().get(e1.id())).isPresent();
        Ledger.Verification v = store.ledger().verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.intact()).isTrue();
        assertThat(v.records()).isGreaterThanOrEqualTo(2);
        assertThat(e2.id()).isGreaterThan(e1.id());

        // the same file and key uploaded again is a new job, queued, not the retired one
        BulkJobs.Submitted s = store.bulkJobs().submit(BulkJobs.KIND_ASSESS, "", "kept", "f.csv", "csv",
                new BulkJobs.Upload(() -> new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), content.length(),
                        BulkJobs.sha256(content.getBytes(StandardCharsets.UTF_8))), "bundled", "v", "ana", 7L, 2, 4);
        assertThat(s.duplicate()).isFalse();
        assertThat(s.job().id()).isNotEqualTo(id);
        assertThat(s.job().status()).isEqualTo(BulkJobs.Status.QUEUED);
        // and again: now the duplicate of that new job
        assertThat(submit(content, "kept").id()).isEqualTo(s.job().id());
        store.bulkJobs().cancel(s.job().id(), BulkJobs.KIND_ASSESS, null);
    }

    @Test
    void aQueuedOrRunningJobIsNotRetiredAndKeepsEverything() throws Exception {
        BulkJobs.Job queued = submit("h\nq\n", "queued");
        BulkJobs.Retirement r = store.bulkJobs().retire(queued.id(), BulkJobs.KIND_ASSESS, JOINED);
        assertThat(r.outcome()).isEqualTo(BulkJobs.RetireOutcome.NOT_ENDED);
        assertThat(r.job().status()).isEqualTo(BulkJobs.Status.QUEUED);
        assertThat(r.retired()).isNull();
        assertThat(store.bulkJobs().get(queued.id()).orElseThrow().retiredAt()).isNull();
        assertThat(rows("bulk_input_piece", queued.id())).isEqualTo(1);

        BulkJobs.Job claimed;
        do {
            claimed = store.bulkJobs().claimNext().orElseThrow();
        } while (claimed.id() != queued.id());
        assertThat(store.bulkJobs().retire(queued.id(), BulkJobs.KIND_ASSESS, JOINED).outcome()).isEqualTo(BulkJobs.RetireOutcome.NOT_ENDED);
        store.bulkJobs().commitChunk(queued.id(), new BulkJobs.ChunkResult(0, 0, 1, 1, 0, 0, BigDecimal.ONE, "h\nq\n", "", 0, 0, "t"));
        StringWriter out = new StringWriter();
        store.bulkJobs().writeOutput(queued.id(), false, out);
        assertThat(out.toString()).isEqualTo("h\nq\n");
        store.bulkJobs().cancel(queued.id(), BulkJobs.KIND_ASSESS, null);
    }

    @Test
    void theTriggersAllowDeletingOnlyARetiredJobsRowsAndARetiredJobsRowIsFinal() throws Exception {
        BulkJobs.Job live = done("h\nl\nm\nn\n", "live");
        BulkJobs.Job gone = done("h\ng\nm\nn\n", "gone");
        store.bulkJobs().retire(gone.id(), BulkJobs.KIND_ASSESS, JOINED);
        BulkJobs.Job queued = submit("h\nz\n", "waiting");
        // the owner (the superuser, past every grant): a live job's rows cannot be deleted, nothing truncated or updated
        try (Connection c = StoreTest.superuser(store); Statement st = c.createStatement()) {
            for (String table : List.of("bulk_chunk", "bulk_input_piece")) {
                assertThatThrownBy(() -> st.executeUpdate("delete from " + table + " where job_id = " + live.id()))
                        .hasMessageContaining("ERROR: the " + table + " table is an append-only ledger: DELETE is not allowed of a job that"
                                + " is not retired (job " + live.id() + ")");
            }
            for (String table : List.of("bulk_chunk", "bulk_input", "bulk_input_piece")) {
                assertThatThrownBy(() -> st.executeUpdate("truncate " + table + " cascade"))
                        .hasMessageContaining("the " + table + " table is an append-only ledger: TRUNCATE is not allowed");
            }
            assertThatThrownBy(() -> st.executeUpdate("update bulk_chunk set results = 'forged' where job_id = " + live.id()))
                    .hasMessageContaining("the bulk_chunk table is an append-only ledger: UPDATE is not allowed");
            assertThatThrownBy(() -> st.executeUpdate("update bulk_job set retired_at = null where id = " + gone.id()))
                    .hasMessageContaining("job " + gone.id() + " was retired at ").hasMessageContaining(": a retired job's record is final");
            assertThatThrownBy(() -> st.executeUpdate("update bulk_job set status = 'queued' where id = " + gone.id()))
                    .hasMessageContaining("a retired job's record is final");
            assertThatThrownBy(() -> st.executeUpdate("update bulk_job set retired_at = now() where id = " + queued.id()))
                    .hasMessageContaining("job " + queued.id() + " is queued: only a finished job (done, failed or cancelled) can be retired");
        }
        // the server's role: the same refusals by the triggers (it may delete, for a retirement); TRUNCATE is not its right at all
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("delete from bulk_chunk where job_id = " + live.id()))
                    .hasMessageContaining("the bulk_chunk table is an append-only ledger: DELETE is not allowed of a job that is not retired");
            assertThatThrownBy(() -> st.executeUpdate("truncate bulk_input"))
                    .hasMessageContaining("permission denied for table bulk_input");
            assertThatThrownBy(() -> st.executeUpdate("delete from assessment"))
                    .hasMessageContaining("permission denied for table assessment");
            assertThatThrownBy(() -> st.executeUpdate("delete from whatif"))
                    .hasMessageContaining("permission denied for table whatif");
        }
        assertThat(rows("bulk_chunk", live.id())).isEqualTo(2);
        assertThat(rows("bulk_input_piece", live.id())).isEqualTo(1);
        store.bulkJobs().cancel(queued.id(), BulkJobs.KIND_ASSESS, null);
    }

    @Test
    void theAgePolicyRetiresTheJobsFinishedBeforeTheInstantOnly() throws Exception {
        BulkJobs.Job old = done("h\no\np\nq\n", "old");
        BulkJobs.Job recent = done("h\nr\np\nq\n", "recent");
        BulkJobs.Job waiting = submit("h\nw\n", "waiting-by-age");
        try (Connection c = StoreTest.superuser(store); Statement st = c.createStatement()) {
            st.executeUpdate("update bulk_job set finished_at = '2026-01-10T12:00:00Z' where id = " + old.id());
        }
        List<BulkJobs.Retired> r = store.bulkJobs().retireFinishedBefore(Instant.parse("2026-02-01T00:00:00Z"), JOINED);
        assertThat(r).extracting(BulkJobs.Retired::jobId).containsExactly(old.id());
        assertThat(r.get(0).lines()).isEqualTo(3);
        assertThat(store.bulkJobs().get(old.id()).orElseThrow().retired()).isTrue();
        assertThat(store.bulkJobs().get(recent.id()).orElseThrow().retired()).isFalse();
        assertThat(rows("bulk_chunk", recent.id())).isEqualTo(2);
        // nothing more before that instant
        assertThat(store.bulkJobs().retireFinishedBefore(Instant.parse("2026-02-01T00:00:00Z"), JOINED)).isEmpty();
        store.bulkJobs().cancel(waiting.id(), BulkJobs.KIND_ASSESS, null);
        assertThat(store.bulkJobs().get(waiting.id()).orElseThrow().retired()).isFalse();
    }
}
