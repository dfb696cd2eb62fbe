package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retiring finished jobs (docs/api.md, POST /api/bulk-jobs/{id}/retire, /api/compare-jobs/{id}/retire, /api/jobs/retire): an
 * administrator's act; a retired job still lists and reads with retired_at, its totals answer the same, its downloads are 410
 * in plain words; a queued job is 409; an analyst 403; the ledger verifies after; the same file uploaded again is a new job.
 * Its own server: the test holds the queue and retires by age.
 */
class JobRetireApiTest {
    static TestServer s;
    static String ana;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        ana = s.post("/api/tokens", s.admin, Map.of("name", "ana", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @AfterEach
    void release() {
        s.server.holdJobs(false);
    }

    static byte[] sample(int lines, int seed) {
        TestServer.Response r = s.get("/api/bulk-sample?lines=" + lines + "&seed=" + seed, ana);
        assertThat(r.status()).isEqualTo(200);
        return r.body().getBytes(StandardCharsets.UTF_8);
    }

    static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    /**
     * A job retired while its results are downloaded (found and left in session 28): its chunks are gone under the download.
     * Part of the file had gone to the client, and the error's JSON was written after it as if it were the file's end: a
     * client saw 200 and a whole-looking file. The connection is now cut, so that the client sees the download fail; a
     * download that had sent nothing yet is answered 410 in words, as one asked after the retirement.
     */
    @Test
    void aJobRetiredWhileItsResultsAreDownloadedEndsTheDownloadIncompleteNeverAsAWholeFile() throws Exception {
        byte[] data = sample(25_000, 8); // three chunks: the first, ~4 MB of results, goes out before the retirement
        long id = s.upload("/api/bulk-jobs?name=retired-under.csv", ana, data, "under").json().get("id").asLong();
        assertThat(s.awaitJob(id, ana).get("status").asText()).isEqualTo("done");
        s.server.onDownload(written -> {
            if (written == 1) assertThat(s.post("/api/bulk-jobs/" + id + "/retire", s.admin, "").status()).isEqualTo(200);
        });
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.url() + "/api/bulk-jobs/" + id + "/results"))
                    .header("Authorization", "Bearer " + ana).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
            assertThat(s.log.toString(StandardCharsets.UTF_8)).contains("lodestone: the download of bulk job " + id
                    + "'s results stopped after part of the file had been sent: the job was retired meanwhile; the connection was cut"
                    + " so that the client sees the download incomplete");
        } finally {
            s.server.onDownload(null);
        }

        // retired as the download began, nothing sent yet: the answer is the retired job's 410, not a file
        long small = s.upload("/api/bulk-jobs?name=retired-small.csv", ana, sample(300, 9), "small").json().get("id").asLong();
        assertThat(s.awaitJob(small, ana).get("status").asText()).isEqualTo("done");
        s.server.onDownload(written -> {
            if (written == 0) s.post("/api/bulk-jobs/" + small + "/retire", s.admin, "");
        });
        try {
            TestServer.Response r = s.get("/api/bulk-jobs/" + small + "/rejects", ana);
            assertThat(r.status()).as(r.body()).isEqualTo(410);
            assertThat(r.headers()).doesNotContainKey("content-disposition");
            assertThat(r.json().at("/error/message").asText()).startsWith("bulk job " + small + ": the job's rejects were retired on ");
        } finally {
            s.server.onDownload(null);
        }
    }

    @Test
    void aRetiredBulkJobKeepsItsCountsAndTotalsAndItsDownloadsAreGoneInPlainWords() throws Exception {
        assertThat(s.post("/api/assessments", ana, ApiTest.COPPER).status()).isEqualTo(201);
        byte[] data = sample(25_000, 3); // three chunks
        long id = s.upload("/api/bulk-jobs?name=retire-me.csv", ana, data, "r1").json().get("id").asLong();
        JsonNode done = s.awaitJob(id, ana);
        assertThat(done.get("status").asText()).isEqualTo("done");
        assertThat(done.get("retired_at").isNull()).isTrue();
        JsonNode totalsBefore = s.get("/api/bulk-jobs/" + id + "/totals", ana).json();
        assertThat(s.get("/api/bulk-jobs/" + id + "/results", ana).status()).isEqualTo(200);

        // an analyst may not retire, not even their own job
        TestServer.Response refused = s.post("/api/bulk-jobs/" + id + "/retire", ana, "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().at("/error/message").asText())
                .isEqualTo("only administrators may POST /api/bulk-jobs/{id}/retire; this token's role is analyst");
        assertThat(s.get("/api/bulk-jobs/" + id, ana).json().get("retired_at").isNull()).isTrue();

        TestServer.Response retired = s.post("/api/bulk-jobs/" + id + "/retire", s.admin, "");
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        String day = retired.json().get("retired_at").asText().substring(0, 10);
        assertThat(day).isEqualTo(today());
        for (String k : new String[] {"status", "lines_done", "assessed", "prohibited", "rejected", "total_duty", "duplicate_ids"}) {
            assertThat(retired.json().get(k)).as(k).isEqualTo(done.get(k));
        }
        assertThat(s.log.toString(StandardCharsets.UTF_8)).contains(" retired bulk job " + id
                + " (retire-me.csv, 25000 lines): ");

        // it lists and reads, its totals are what they were
        JsonNode got = s.get("/api/bulk-jobs/" + id, ana).json();
        assertThat(got.get("retired_at").asText()).isEqualTo(retired.json().get("retired_at").asText());
        assertThat(got.get("lines_done").asLong()).isEqualTo(25_000);
        assertThat(s.get("/api/bulk-jobs", ana).json().findValuesAsText("retired_at")).contains(got.get("retired_at").asText());
        assertThat(s.get("/api/runs", ana).json().findValuesAsText("summary")).contains("retire-me.csv: done, 25000 lines (retired)");
        TestServer.Response totalsAfter = s.get("/api/bulk-jobs/" + id + "/totals", ana);
        assertThat(totalsAfter.status()).isEqualTo(200);
        assertThat(totalsAfter.json()).isEqualTo(totalsBefore);

        // its files: 410, in plain words
        for (String file : new String[] {"results", "rejects"}) {
            for (String q : new String[] {"", "?partial=true"}) {
                TestServer.Response gone = s.get("/api/bulk-jobs/" + id + "/" + file + q, ana);
                assertThat(gone.status()).isEqualTo(410);
                assertThat(gone.json().at("/error/code").asText()).isEqualTo("gone");
                assertThat(gone.json().at("/error/message").asText()).isEqualTo("bulk job " + id + ": the job's " + file + " were retired on "
                        + day + " by an administrator; its counts and totals remain; upload the file again to assess it again");
            }
        }
        // once
        TestServer.Response again = s.post("/api/bulk-jobs/" + id + "/retire", s.admin, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().at("/error/message").asText()).isEqualTo("bulk job " + id + " was already retired on " + day
                + ": its file and results are gone; its counts and totals remain");
        assertThat(s.post("/api/compare-jobs/" + id + "/retire", s.admin, "").status()).isEqualTo(404);
        assertThat(s.post("/api/bulk-jobs/999999/retire", s.admin, "").json().at("/error/message").asText()).isEqualTo("no bulk job 999999");

        // the ledger is untouched and verifies
        assertThat(s.post("/api/assessments", ana, ApiTest.COPPER).status()).isEqualTo(201);
        JsonNode v = s.get("/api/ledger/verify", s.admin).json();
        assertThat(v.get("intact").asBoolean()).as(v.toString()).isTrue();
        assertThat(v.get("records").asLong()).isGreaterThanOrEqualTo(2);

        // the same file with the same key is a new job, assessed again, with the same totals
        TestServer.Response anew = s.upload("/api/bulk-jobs?name=retire-me.csv", ana, data, "r1");
        assertThat(anew.status()).as(anew.body()).isEqualTo(202);
        long id2 = anew.json().get("id").asLong();
        assertThat(id2).isNotEqualTo(id);
        assertThat(s.awaitJob(id2, ana).get("status").asText()).isEqualTo("done");
        JsonNode totals2 = s.get("/api/bulk-jobs/" + id2 + "/totals", ana).json();
        assertThat(totals2.get("by_origin")).isEqualTo(totalsBefore.get("by_origin"));
        assertThat(totals2.get("by_measure")).isEqualTo(totalsBefore.get("by_measure"));
        assertThat(s.get("/api/bulk-jobs/" + id2 + "/results", ana).status()).isEqualTo(200);
    }

    @Test
    void aQueuedJobIsNotRetired() throws Exception {
        s.server.holdJobs(true);
        long id = s.upload("/api/bulk-jobs?name=waiting.csv", ana, sample(200, 5), "w").json().get("id").asLong();
        TestServer.Response r = s.post("/api/bulk-jobs/" + id + "/retire", s.admin, "");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("conflict");
        assertThat(r.json().at("/error/message").asText()).isEqualTo("bulk job " + id + " is queued: only a finished job (done, failed or"
                + " cancelled) can be retired; cancel it first (POST /api/bulk-jobs/" + id + "/cancel) or wait for it to end");
        // nor by age
        JsonNode all = s.post("/api/jobs/retire", s.admin, Map.of("finished_before", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString())).json();
        assertThat(all.findValuesAsText("id")).doesNotContain(String.valueOf(id));
        assertThat(s.get("/api/bulk-jobs/" + id, ana).json().get("status").asText()).isEqualTo("queued");
        s.server.holdJobs(false);
        assertThat(s.awaitJob(id, ana).get("status").asText()).isEqualTo("done");
        assertThat(s.get("/api/bulk-jobs/" + id + "/results", ana).status()).isEqualTo(200);
    }

    @Test
    void aCancelledCompareJobRetiredHasNoFiguresLeft() throws Exception {
        s.server.holdJobs(true);
        long id = s.upload("/api/compare-jobs?with=date:2025-06-01&name=stop.csv", ana, sample(100, 8), "c").json().get("id").asLong();
        assertThat(s.post("/api/compare-jobs/" + id + "/retire", s.admin, "").status()).isEqualTo(409);
        assertThat(s.post("/api/compare-jobs/" + id + "/cancel", ana, "").status()).isEqualTo(200);
        TestServer.Response r = s.post("/api/compare-jobs/" + id + "/retire", s.admin, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(r.json().get("partial_result").isNull()).isTrue();
        TestServer.Response gone = s.get("/api/compare-jobs/" + id + "/result?partial=true", ana);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().at("/error/message").asText()).isEqualTo("compare job " + id + ": the job's figures were retired on " + today()
                + " by an administrator; its counts and totals remain; upload the file again to compare it again");
        // the same file and key again: a new job, not the retired one resumed
        TestServer.Response again = s.upload("/api/compare-jobs?with=date:2025-06-01&name=stop.csv", ana, sample(100, 8), "c");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("id").asLong()).isNotEqualTo(id);
        assertThat(again.json().has("resumed")).isFalse();
        s.server.holdJobs(false);
        assertThat(s.awaitCompareJob(again.json().get("id").asLong(), ana).get("status").asText()).isEqualTo("done");
    }

    @Test
    void aDoneCompareJobKeepsItsResultItsWhatIfAndTheAgePolicyRetiresEveryFinishedJob() throws Exception {
        long id = s.upload("/api/compare-jobs?with=date:2025-06-01&name=cmp.csv", ana, sample(500, 6), null).json().get("id").asLong();
        JsonNode done = s.awaitCompareJob(id, ana);
        assertThat(done.get("status").asText()).isEqualTo("done");
        JsonNode result = s.get("/api/compare-jobs/" + id + "/result", ana).json();
        long bulk = s.upload("/api/bulk-jobs?name=old.csv", ana, sample(300, 7), "age").json().get("id").asLong();
        s.awaitJob(bulk, ana);

        TestServer.Response analyst = s.post("/api/jobs/retire", ana, Map.of("finished_before", today()));
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(analyst.json().at("/error/message").asText()).isEqualTo("only administrators may POST /api/jobs/retire; this token's role is analyst");
        TestServer.Response bad = s.post("/api/jobs/retire", s.admin, Map.of("finished_before", "last year"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/message").asText()).isEqualTo("finished_before: \"last year\" is not a date; expected YYYY-MM-DD");
        TestServer.Response none = s.post("/api/jobs/retire", s.admin, "{}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().at("/error/field").asText()).isEqualTo("finished_before");
        TestServer.Response other = s.post("/api/jobs/retire", s.admin, Map.of("older_than", "30d"));
        assertThat(other.json().at("/error/message").asText()).isEqualTo("older_than: unknown key; expected only finished_before");

        // jobs that finished today are not retired by "before today"
        JsonNode before = s.post("/api/jobs/retire", s.admin, Map.of("finished_before", today())).json();
        assertThat(before.findValuesAsText("id")).doesNotContain(String.valueOf(id), String.valueOf(bulk));
        TestServer.Response r = s.post("/api/jobs/retire", s.admin, Map.of("finished_before", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode jobs = r.json().get("jobs");
        assertThat(r.json().get("retired").asLong()).isEqualTo(jobs.size()).isGreaterThanOrEqualTo(2);
        JsonNode cmp = null;
        long lines = 0;
        long bytes = 0;
        for (JsonNode j : jobs) {
            if (j.get("id").asLong() == id) cmp = j;
            lines += j.get("lines").asLong();
            bytes += j.get("bytes").asLong();
            assertThat(j.get("bytes").asLong()).isPositive();
        }
        assertThat(r.json().get("lines").asLong()).isEqualTo(lines);
        assertThat(r.json().get("bytes").asLong()).isEqualTo(bytes);
        assertThat(cmp).isNotNull();
        assertThat(cmp.get("kind").asText()).isEqualTo("compare");
        assertThat(cmp.get("lines").asLong()).isEqualTo(500);
        assertThat(jobs.findValuesAsText("id")).contains(String.valueOf(bulk));
        // nothing left to retire
        assertThat(s.post("/api/jobs/retire", s.admin, Map.of("finished_before", LocalDate.now(ZoneOffset.UTC).plusDays(1).toString()))
                .json().get("retired").asLong()).isZero();

        // the compare job reads with retired_at; its result is its what-if, which stays
        JsonNode after = s.get("/api/compare-jobs/" + id, ana).json();
        assertThat(after.get("retired_at").isNull()).isFalse();
        assertThat(after.get("whatif_id")).isEqualTo(done.get("whatif_id"));
        assertThat(s.get("/api/compare-jobs/" + id + "/result", ana).json()).isEqualTo(result);
        TestServer.Response partial = s.get("/api/compare-jobs/" + id + "/result?partial=true", ana);
        assertThat(partial.status()).isEqualTo(200); // done: the whole result, as before
        assertThat(s.get("/api/bulk-jobs/" + bulk + "/results", ana).status()).isEqualTo(410);
    }
}
