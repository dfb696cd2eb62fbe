package lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit of {@link Api#MAX_ACTIVE_JOBS_PER_USER} jobs queued or running holds for submissions sent at once: the count
 * and the insert are one step (ten uploads of one analyst at once were all accepted, one running and nine queued).
 */
class ConcurrentJobLimitTest {
    static TestServer s;
    static final List<Long> ACCEPTED = new ArrayList<>();
    static final List<String> TOKENS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s == null) return;
        s.server.holdJobs(false);
        for (int i = 0; i < ACCEPTED.size(); i++) s.awaitJob(ACCEPTED.get(i), TOKENS.get(i));
        s.close();
    }

    /** {@code n} submissions of one analyst released together; each answer's status and body. */
    private static List<TestServer.Response> atOnce(String token, int n, String kind) throws Exception {
        byte[] data = s.get("/api/bulk-sample?lines=50&seed=3", token).body().getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestServer.Response>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String path = kind.equals("bulk") ? "/api/bulk-jobs?name=h" + i + ".csv"
                        : i % 2 == 0 ? "/api/bulk-jobs?name=h" + i + ".csv" : "/api/compare-jobs?with=date:2025-01-01&name=h" + i + ".csv";
                String key = kind + "-key-" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return s.upload(path, token, data, key);
                }));
            }
            go.countDown();
            List<TestServer.Response> out = new ArrayList<>();
            for (Future<TestServer.Response> f : answers) out.add(f.get());
            return out;
        } finally {
            pool.shutdown();
        }
    }

    private static void exactlyTheLimit(String token, List<TestServer.Response> answers) {
        int accepted = 0;
        for (TestServer.Response r : answers) {
            if (r.status() == 202) {
                accepted++;
                String where = r.headers().getOrDefault("location", List.of("")).get(0);
                if (where.startsWith("/api/bulk-jobs/")) { // awaited at the end (a compare job ends with the worker)
                    ACCEPTED.add(r.json().get("id").asLong());
                    TOKENS.add(token);
                }
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(429);
                assertThat(r.json().at("/error/code").asText()).isEqualTo("too_many_jobs");
            }
        }
        assertThat(accepted).as("submissions accepted of " + answers.size() + " sent at once").isEqualTo(Api.MAX_ACTIVE_JOBS_PER_USER);
    }

    @Test
    void tenBulkUploadsAtOnceAcceptOnlyTheLimit() throws Exception {
        String ann = s.post("/api/tokens", s.admin, Map.of("name", "ann", "role", "analyst")).json().get("secret").asText();
        s.server.holdJobs(true); // queued jobs stay queued: the limit is what refuses, not jobs ending meanwhile
        exactlyTheLimit(ann, atOnce(ann, 10, "bulk"));
        // and one more, sent alone, is refused as before
        TestServer.Response fifth = s.upload("/api/bulk-jobs?name=late.csv", ann, "hts,origin\n".getBytes(StandardCharsets.UTF_8), "late");
        assertThat(fifth.status()).as(fifth.body()).isEqualTo(429);
    }

    @Test
    void bulkAndCompareJobsAtOnceShareTheLimit() throws Exception {
        String ben = s.post("/api/tokens", s.admin, Map.of("name", "ben", "role", "analyst")).json().get("secret").asText();
        s.server.holdJobs(true);
        exactlyTheLimit(ben, atOnce(ben, 10, "mixed"));
    }
}
