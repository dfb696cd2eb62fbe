package lodestone.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cancelling a bulk or compare job (schema version 11): its owner (or an administrator) moves a queued or running job to
 * cancelled; a running job's next chunk commit is refused; it no longer counts as active; the same file submitted again
 * queues it again and it resumes after its last committed chunk. Its own database: the test claims jobs.
 */
class BulkJobCancelTest {
    @TempDir
    static Path tmp;
    static Store store;

    @BeforeAll
    static void start() throws Exception {
        store = Store.embedded(Files.createTempDirectory(tmp, "cancel"));
    }

    @AfterAll
    static void stop() {
        if (store != null) store.close();
    }

    private static BulkJobs.Submitted submit(String content, long owner, int maxActive) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return store.bulkJobs().submit(BulkJobs.KIND_ASSESS, "", null, "f.csv", "csv",
                new BulkJobs.Upload(() -> new java.io.ByteArrayInputStream(data), data.length, BulkJobs.sha256(data)),
                "bundled", "v", "owner " + owner, owner, 2, maxActive);
    }

    /** Claims jobs until {@code id} is this worker's (another one claimed on the way stays running). */
    private static BulkJobs.Job claim(long id) {
        BulkJobs.Job claimed;
        do {
            claimed = store.bulkJobs().claimNext().orElseThrow();
        } while (claimed.id() != id);
        return claimed;
    }

    @Test
    void theMigrationAllowsCancelledInTheStatusCheckAndNothingElse() throws Exception {
        assertThat(store.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pg_get_constraintdef(oid) from pg_constraint where conname = 'bulk_job_status_check'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("'queued'", "'running'", "'done'", "'failed'", "'cancelled'");
            assertThat(rs.next()).isFalse();
        }
        long id = submit("check", 90, 0).job().id();
        try (Connection c = StoreTest.superuser(store); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("update bulk_job set status = 'paused' where id = " + id))
                    .hasMessageContaining("bulk_job_status_check");
        }
    }

    @Test
    void aQueuedJobIsCancelledByItsOwnerOrAnAdministratorOnlyOnceAndNoLongerCountsAsActive() {
        BulkJobs jobs = store.bulkJobs();
        long mine = submit("a,b\n1,2\n", 11, 4).job().id();
        long other = submit("a,b\n3,4\n", 11, 4).job().id();
        assertThat(jobs.active(11L)).isEqualTo(2);

        // another owner, or the wrong kind, does not find it (as GET of a job that is not the caller's)
        assertThat(jobs.cancel(mine, BulkJobs.KIND_ASSESS, 12L).outcome()).isEqualTo(BulkJobs.CancelOutcome.NOT_FOUND);
        assertThat(jobs.cancel(mine, BulkJobs.KIND_COMPARE, 11L).outcome()).isEqualTo(BulkJobs.CancelOutcome.NOT_FOUND);
        assertThat(jobs.cancel(999_999, BulkJobs.KIND_ASSESS, null).outcome()).isEqualTo(BulkJobs.CancelOutcome.NOT_FOUND);
        assertThat(jobs.get(mine).orElseThrow().status()).isEqualTo(BulkJobs.Status.QUEUED);

        BulkJobs.Cancel c = jobs.cancel(mine, BulkJobs.KIND_ASSESS, 11L);
        assertThat(c.outcome()).isEqualTo(BulkJobs.CancelOutcome.CANCELLED);
        assertThat(c.job().status()).isEqualTo(BulkJobs.Status.CANCELLED);
        assertThat(c.job().finishedAt()).isNotNull();
        assertThat(c.job().linesDone()).isZero();
        assertThat(jobs.active(11L)).isEqualTo(1);

        BulkJobs.Cancel again = jobs.cancel(mine, BulkJobs.KIND_ASSESS, 11L);
        assertThat(again.outcome()).isEqualTo(BulkJobs.CancelOutcome.ENDED);
        assertThat(again.job().status()).isEqualTo(BulkJobs.Status.CANCELLED);

        // an administrator (no owner scope) cancels anyone's
        assertThat(jobs.cancel(other, BulkJobs.KIND_ASSESS, null).outcome()).isEqualTo(BulkJobs.CancelOutcome.CANCELLED);
        assertThat(jobs.active(11L)).isZero();
        // a cancelled job is never claimed
        assertThat(jobs.claimNext()).map(BulkJobs.Job::id).isNotIn(java.util.Optional.of(mine), java.util.Optional.of(other));
    }

    @Test
    void aRunningJobCancelledStopsAtItsNextCommitStaysCancelledAndResumesWhenSubmittedAgain() {
        BulkJobs jobs = store.bulkJobs();
        long id = submit("h\n1\n2\n3\n4\n5\n", 21, 4).job().id();
        claim(id);
        jobs.commitChunk(id, new BulkJobs.ChunkResult(0, 0, 2, 2, 0, 0, new BigDecimal("1.50"), "h\nr1\nr2\n", "hr\n"));
        BulkJobs.Cancel c = jobs.cancel(id, BulkJobs.KIND_ASSESS, 21L);
        assertThat(c.outcome()).isEqualTo(BulkJobs.CancelOutcome.CANCELLED);
        assertThat(c.job().linesDone()).isEqualTo(2);
        // the worker's next commit is refused; its finish or fail leaves the job cancelled
        assertThatThrownBy(() -> jobs.commitChunk(id, new BulkJobs.ChunkResult(1, 2, 2, 2, 0, 0, BigDecimal.ONE, "r3\nr4\n", "")))
                .isInstanceOf(StoreException.class);
        jobs.finish(id);
        jobs.fail(id, "should not be written");
        BulkJobs.Job after = jobs.get(id).orElseThrow();
        assertThat(after.status()).isEqualTo(BulkJobs.Status.CANCELLED);
        assertThat(after.error()).isNull();
        assertThat(after.linesDone()).isEqualTo(2);
        assertThat(after.chunksDone()).isEqualTo(1);
        assertThat(jobs.active(21L)).isZero();

        // the same file again: the same job, queued again, resuming after its committed chunk
        BulkJobs.Submitted again = submit("h\n1\n2\n3\n4\n5\n", 21, 4);
        assertThat(again.job().id()).isEqualTo(id);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.resumed()).isTrue();
        assertThat(again.job().status()).isEqualTo(BulkJobs.Status.QUEUED);
        assertThat(again.job().finishedAt()).isNull();
        assertThat(jobs.active(21L)).isEqualTo(1);
        // and once more while it is queued: an ordinary duplicate
        BulkJobs.Submitted thrice = submit("h\n1\n2\n3\n4\n5\n", 21, 4);
        assertThat(thrice.duplicate()).isTrue();
        assertThat(thrice.resumed()).isFalse();
        BulkJobs.Job resumed = claim(id);
        assertThat(resumed.chunksDone()).isEqualTo(1);
        assertThat(resumed.linesDone()).isEqualTo(2);
        jobs.commitChunk(id, new BulkJobs.ChunkResult(1, 2, 2, 2, 0, 0, new BigDecimal("1.00"), "r3\nr4\n", ""));
        jobs.finish(id);
        assertThat(jobs.get(id).orElseThrow().status()).isEqualTo(BulkJobs.Status.DONE);
        BulkJobs.Cancel done = jobs.cancel(id, BulkJobs.KIND_ASSESS, 21L);
        assertThat(done.outcome()).isEqualTo(BulkJobs.CancelOutcome.ENDED);
        assertThat(done.job().status()).isEqualTo(BulkJobs.Status.DONE);
    }

    @Test
    void aCancelledJobSubmittedAgainCountsAgainstTheLimit() {
        long id = submit("limit-a", 31, 1).job().id();
        assertThat(store.bulkJobs().cancel(id, BulkJobs.KIND_ASSESS, 31L).outcome()).isEqualTo(BulkJobs.CancelOutcome.CANCELLED);
        long next = submit("limit-b", 31, 1).job().id(); // the cancelled one no longer counts
        assertThat(next).isNotEqualTo(id);
        assertThatThrownBy(() -> submit("limit-a", 31, 1)).isInstanceOf(JobLimitReached.class);
        assertThat(store.bulkJobs().get(id).orElseThrow().status()).isEqualTo(BulkJobs.Status.CANCELLED);
        // without a limit (maxActive 0) it is queued again too
        assertThat(submit("limit-a", 31, 0).resumed()).isTrue();
    }
}
