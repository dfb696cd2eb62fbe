package lodestone.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order in which the worker takes queued jobs (the load review of 2026-12-06). The queue was first come, first served
 * over every user: a broker who sent four files of millions of lines made every other broker's file of ten lines wait for
 * all four. Users now take turns: of each user's oldest job waiting, the one whose owner has had the fewest jobs run since
 * it was queued goes first (then the oldest).
 * Its own database: the test claims jobs.
 */
class JobQueueOrderTest {
    @TempDir
    static Path tmp;
    static Store store;

    @BeforeAll
    static void start() throws Exception {
        store = Store.embedded(Files.createTempDirectory(tmp, "queue"));
    }

    @AfterAll
    static void stop() {
        if (store != null) store.close();
    }

    private static long submit(String content, long owner) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return store.bulkJobs().submit(BulkJobs.KIND_ASSESS, "", null, "f.csv", "csv",
                new BulkJobs.Upload(() -> new java.io.ByteArrayInputStream(data), data.length, BulkJobs.sha256(data)),
                "bundled", "v", "owner " + owner, owner, 2, 4).job().id();
    }

    @Test
    void queuedJobsAreTakenInTurnsOnePerUser() {
        long a1 = submit("a1", 1), a2 = submit("a2", 1), a3 = submit("a3", 1), a4 = submit("a4", 1);
        long b1 = submit("b1", 2), b2 = submit("b2", 2);
        long c1 = submit("c1", 3);
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 7; i++) order.add(store.bulkJobs().claimNext().orElseThrow().id()); // each stays running
        // a1 first (it was first); then b1 and c1, whose owners have nothing ahead of them, before a's second; then in turns
        assertThat(order).containsExactly(a1, b1, c1, a2, b2, a3, a4);
        assertThat(store.bulkJobs().claimNext()).isEmpty();
        for (long id : order) store.bulkJobs().finish(id);

        // a user who had a job done while yours waited goes after you: e1 before d2, though d2 is older
        long d1 = submit("d1", 4), d2 = submit("d2", 4), e1 = submit("e1", 5);
        assertThat(store.bulkJobs().claimNext().orElseThrow().id()).isEqualTo(d1);
        store.bulkJobs().finish(d1);
        assertThat(store.bulkJobs().claimNext().orElseThrow().id()).as("d had d1 done since e1 was queued").isEqualTo(e1);
        assertThat(store.bulkJobs().claimNext().orElseThrow().id()).isEqualTo(d2);
        store.bulkJobs().finish(e1);
        store.bulkJobs().finish(d2);

        // what ended before a job was queued is not held against its owner: then the older goes first
        long f1 = submit("f1", 6);
        assertThat(store.bulkJobs().claimNext().orElseThrow().id()).isEqualTo(f1);
        store.bulkJobs().finish(f1);
        long f2 = submit("f2", 6), g1 = submit("g1", 7);
        assertThat(store.bulkJobs().claimNext().orElseThrow().id()).isEqualTo(f2);
        assertThat(store.bulkJobs().claimNext().orElseThrow().id()).isEqualTo(g1);
    }

    /**
     * The claim reads the jobs waiting and an owner's jobs ended since, through the indexes of schema 13 (without them it read
     * the whole job history, which is never deleted: 1.7 s a claim at 200,000 past jobs, docs/benchmarks.md), with no JIT
     * compilation (106 ms of JIT for 2.5 ms of work).
     */
    @Test
    void theClaimHasItsIndexesAndNoJit() throws Exception {
        try (java.sql.Connection c = store.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (java.sql.ResultSet r = st.executeQuery("select indexname from pg_indexes where tablename = 'bulk_job' order by indexname")) {
                while (r.next()) names.add(r.getString(1));
            }
            assertThat(names).contains("bulk_job_waiting", "bulk_job_owner_finished");
            try (java.sql.ResultSet r = st.executeQuery("show jit")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("off");
            }
        }
    }
}
