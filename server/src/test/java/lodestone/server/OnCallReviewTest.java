package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as the operator on call for customs brokers meets it when something fails (docs/reliability.md, "The on-call
 * review of session 25"): what the owner of a failed job is told, and what the operator finds in the log.
 */
class OnCallReviewTest {

    /** The embedded database of {@code s} as its superuser (the password kept in DATA_DIR/db-secret, the port in postmaster.pid). */
    static Connection superuser(TestServer s) throws Exception {
        Properties secret = new Properties();
        try (var in = Files.newInputStream(s.dataDir.resolve("db-secret"))) {
            secret.load(in);
        }
        String port = Files.readAllLines(s.dataDir.resolve("postgres/postmaster.pid")).get(3).trim();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", secret.getProperty("superuser"));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aJobTheDatabaseRefusedToStoreTellsItsOwnerAPlainReasonAndTheLogTheDetail() throws Exception {
        try (TestServer s = new TestServer(64L << 20)) {
            // the database refuses the job's second chunk (a constraint the store does not expect): a fault of the server,
            // not of the file. Its owner was shown PostgreSQL's own words — "cannot commit chunk 1 of bulk job 1: ERROR: new
            // row for relation "bulk_chunk" violates check constraint … Detail: Failing row contains (…)" — on the API and
            // the Bulk page
            try (Connection c = superuser(s); Statement st = c.createStatement()) {
                st.execute("alter table bulk_chunk add constraint on_call_refuses_the_second_chunk check (chunk_no < 1) not valid");
            }
            String csv = ApiTest.generated(Regime.bundled(), 3L, 15_000);
            TestServer.Response sub = s.upload("/api/bulk-jobs?name=entries.csv", s.admin, csv.getBytes(StandardCharsets.UTF_8), "on-call");
            assertThat(sub.status()).as(sub.body()).isEqualTo(202);
            long id = sub.json().get("id").asLong();
            JsonNode job = s.awaitJob(id, s.admin);
            assertThat(job.get("status").asText()).isEqualTo("failed");
            assertThat(job.get("lines_done").asLong()).isEqualTo(10_000);
            String error = job.get("error").asText();
            Matcher m = Pattern.compile("stopped after 10000 lines: the server could not save the job's results \\(reference #(\\d+) in the"
                    + " server's log\\); the file is not at fault: tell the server's operator the reference, and once they have put it"
                    + " right upload the file again with another idempotency key").matcher(error);
            assertThat(m.matches()).as(error).isTrue();
            assertThat(error).doesNotContain("ERROR", "bulk_chunk", "constraint", "Detail", "SQL");
            // the list says the same
            JsonNode listed = s.get("/api/bulk-jobs?limit=5", s.admin).json().get(0);
            assertThat(listed.get("error").asText()).isEqualTo(error);
            // the operator finds the reference in the log, with the database's words and where it happened
            String log = s.log.toString(StandardCharsets.UTF_8);
            assertThat(log).contains("lodestone: bulk job failure #" + m.group(1) + " in job " + id + " after 10000 lines:"
                    + " lodestone.store.StoreException: cannot commit chunk 1 of bulk job " + id + ": ERROR: new row for relation \"bulk_chunk\""
                    + " violates check constraint \"on_call_refuses_the_second_chunk\"");
            assertThat(log).doesNotContain(s.admin);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aDatabaseThatRefusesWritesForWantOfRoomMakesTheHealthCheckSayDegradedWithWhy() throws Exception {
        try (TestServer s = new TestServer()) {
            TestServer.Response ok = s.get("/api/health", null);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().get("status").asText()).isEqualTo("ok");
            assertThat(ok.json().get("writes").asText()).isEqualTo("ok");
            // the database refuses every new assessment as PostgreSQL does on a full disk (SQLSTATE 53100, disk_full): the
            // write is 503, and the health check went on answering "ok" — reads work, so the database answers its probe
            try (Connection c = superuser(s); Statement st = c.createStatement()) {
                st.execute("create function on_call_disk_full() returns trigger language plpgsql as $$ begin raise exception"
                        + " 'could not extend file \"base/5/16408\": No space left on device' using errcode = 'disk_full'; end $$");
                st.execute("create trigger on_call_disk_full before insert on assessment for each row execute function on_call_disk_full()");
            }
            TestServer.Response refused = s.post("/api/assessments", s.admin, DatabaseOutageTest.COPPER);
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            TestServer.Response health = s.get("/api/health", null);
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("degraded");
            assertThat(health.json().get("database").asText()).isEqualTo("ok");
            assertThat(health.json().get("writes").asText()).matches("the database refused a write for want of room [0-9] s ago: new"
                    + " assessments, bulk jobs and other writes are refused \\(503\\) until the server's operator makes room on the"
                    + " database's disk; reads go on");
            assertThat(health.body()).doesNotContain(s.dataDir.toString());
            // reads go on
            assertThat(s.get("/api/bulk-jobs", s.admin).status()).isEqualTo(200);
            // the SRE's review of 2026-12-07: on a full disk (a 110 MB volume filled by four jobs) the administrator's
            // retirement, the documented way to keep the database from growing, was refused like any write, "once the
            // server's operator has made room" — which retiring was meant to do. It is refused still (it writes before it
            // frees, and what it frees the database reuses rather than gives back), now saying what to do instead
            String csv = ApiTest.generated(lodestone.regime.Regime.bundled(), 3L, 5);
            long job = s.upload("/api/bulk-jobs?name=e.csv", s.admin, csv.getBytes(StandardCharsets.UTF_8), null).json().get("id").asLong();
            assertThat(s.awaitJob(job, s.admin).get("status").asText()).isEqualTo("done");
            try (Connection c = superuser(s); Statement st = c.createStatement()) {
                st.execute("create trigger on_call_disk_full_jobs before update on bulk_job for each row execute function on_call_disk_full()");
            }
            TestServer.Response retire = s.post("/api/jobs/retire", s.admin, java.util.Map.of("finished_before", "2100-01-01"));
            assertThat(retire.status()).as(retire.body()).isEqualTo(503);
            assertThat(retire.json().at("/error/message").asText()).isEqualTo("the database's disk is full, so this request was not"
                    + " completed (nothing it would have written was confirmed): retiring jobs needs a little room to write before it"
                    + " frees any, and the space it frees is reused by the database rather than given back to the disk; make room on"
                    + " the database's disk by other means first (a larger volume, other files moved off it), then retire old jobs"
                    + " so that the database grows no further (docs/reliability.md, \"A full disk\")");
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aCancelledJobsLinesDoneAreDownloadedMarkedPartialWithTheLineItStoppedAt() throws Exception {
        try (TestServer s = new TestServer(64L << 20)) {
            // the job commits its first chunk of 10,000 lines and waits before its second until it is cancelled
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch reached = s.holdBeforeSecondChunk(go);
            String csv = ApiTest.generated(Regime.bundled(), 5L, 15_000);
            TestServer.Response sub = s.upload("/api/bulk-jobs?name=entries.csv", s.admin, csv.getBytes(StandardCharsets.UTF_8), "partial");
            long id = sub.json().get("id").asLong();
            assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(s.post("/api/bulk-jobs/" + id + "/cancel", s.admin, "").status()).isEqualTo(200);
            go.countDown();
            JsonNode job = s.awaitJob(id, s.admin);
            assertThat(job.get("status").asText()).isEqualTo("cancelled");
            assertThat(job.get("lines_done").asLong()).isEqualTo(10_000);
            assertThat(job.get("partial_results").asText()).isEqualTo("/api/bulk-jobs/" + id + "/results?partial=true");
            assertThat(job.get("partial_rejects").asText()).isEqualTo("/api/bulk-jobs/" + id + "/rejects?partial=true");

            // the complete file is still refused, saying where the partial one is
            TestServer.Response whole = s.get("/api/bulk-jobs/" + id + "/results", s.admin);
            assertThat(whole.status()).isEqualTo(409);
            assertThat(whole.json().at("/error/message").asText()).isEqualTo("bulk job " + id + " is cancelled after 10000 lines; its results"
                    + " file is not complete: GET /api/bulk-jobs/" + id + "/results?partial=true gives the 10000 lines it had done, marked"
                    + " partial (or submit the same file again to resume it)");

            TestServer.Response part = s.get("/api/bulk-jobs/" + id + "/results?partial=true", s.admin);
            assertThat(part.status()).as(part.body()).isEqualTo(200);
            assertThat(part.headers().get("content-disposition")).containsExactly("attachment; filename=\"entries-results-partial-10000-lines.csv\"");
            assertThat(part.headers().get("x-lodestone-partial")).containsExactly("the job was cancelled after 10000 lines: this file covers"
                    + " the first 10000 entries, the file's lines 2 to 10001 (line 1 is its header); lines 10002 on were not assessed");
            java.util.List<String> rows = part.body().lines().toList();
            java.util.List<String> input = csv.lines().toList();
            assertThat(rows).hasSize(1 + 10_000); // its header and one row per line done
            assertThat(rows.get(1)).startsWith(input.get(1).substring(0, input.get(1).indexOf(',') + 1)); // line 1's line_id
            assertThat(rows.get(10_000)).startsWith(input.get(10_000).substring(0, input.get(10_000).indexOf(',') + 1)); // line 10000's
            TestServer.Response rejects = s.get("/api/bulk-jobs/" + id + "/rejects?partial=true", s.admin);
            assertThat(rejects.status()).isEqualTo(200);
            assertThat(rejects.headers().get("content-disposition")).containsExactly("attachment; filename=\"entries-rejects-partial-10000-lines.csv\"");
            assertThat(rejects.headers().get("x-lodestone-partial")).hasSize(1);

            // resumed to the end, the same file is complete: no longer partial, and its first 10,000 rows are the partial file's
            TestServer.Response again = s.upload("/api/bulk-jobs?name=entries.csv", s.admin, csv.getBytes(StandardCharsets.UTF_8), "partial");
            assertThat(again.json().get("resumed").asBoolean()).isTrue();
            JsonNode done = s.awaitJob(id, s.admin);
            assertThat(done.get("status").asText()).isEqualTo("done");
            assertThat(done.get("partial_results").isNull()).isTrue();
            TestServer.Response full = s.get("/api/bulk-jobs/" + id + "/results?partial=true", s.admin); // partial allowed, not needed
            assertThat(full.status()).isEqualTo(200);
            assertThat(full.headers()).doesNotContainKey("x-lodestone-partial");
            assertThat(full.headers().get("content-disposition")).containsExactly("attachment; filename=\"entries-results.csv\"");
            assertThat(full.body().lines().limit(10_001).toList()).isEqualTo(rows);
            assertThat(full.body().lines().count()).isEqualTo(15_001);
            // partial is true or false, nothing else
            TestServer.Response odd = s.get("/api/bulk-jobs/" + id + "/results?partial=yes", s.admin);
            assertThat(odd.status()).isEqualTo(400);
            assertThat(odd.json().at("/error/field").asText()).isEqualTo("partial");
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aCancelledCompareJobsLinesDoneAreOfferedAsAPartialResultLikeABulkJobs() throws Exception {
        // a bulk job cancelled or failed after a chunk offers its lines done (?partial=true); a compare job's committed chunks
        // were offered nothing: "nothing was recorded", and the figures of 10,000 lines compared were out of reach
        try (TestServer s = new TestServer(64L << 20)) {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch reached = s.holdBeforeSecondChunk(go);
            String csv = ApiTest.generated(Regime.bundled(), 5L, 15_000);
            TestServer.Response sub = s.upload("/api/compare-jobs?with=date:2025-06-01&top=25&name=entries.csv", s.admin,
                    csv.getBytes(StandardCharsets.UTF_8), "partial-compare");
            assertThat(sub.status()).as(sub.body()).isEqualTo(202);
            long id = sub.json().get("id").asLong();
            assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(s.post("/api/compare-jobs/" + id + "/cancel", s.admin, "").status()).isEqualTo(200);
            go.countDown();
            JsonNode job = s.get("/api/compare-jobs/" + id, s.admin).json();
            assertThat(job.get("status").asText()).isEqualTo("cancelled");
            assertThat(job.get("lines_done").asLong()).isEqualTo(10_000);
            assertThat(job.get("partial_result").asText()).isEqualTo("/api/compare-jobs/" + id + "/result?partial=true");

            // not asked for partial: refused, saying where it is
            TestServer.Response whole = s.get("/api/compare-jobs/" + id + "/result", s.admin);
            assertThat(whole.status()).isEqualTo(409);
            assertThat(whole.json().at("/error/message").asText()).isEqualTo("compare job " + id + " is cancelled after 10000 lines; its"
                    + " result is not complete: GET /api/compare-jobs/" + id + "/result?partial=true gives the figures of the 10000 lines it"
                    + " had done, marked partial (or submit the same file again to resume it)");

            String said = "the job was cancelled after 10000 lines: these figures cover the first 10000 entries, the file's lines 2 to"
                    + " 10001 (line 1 is its header); lines 10002 on were not compared, and no what-if was recorded";
            TestServer.Response part = s.get("/api/compare-jobs/" + id + "/result?partial=true", s.admin);
            assertThat(part.status()).as(part.body()).isEqualTo(200);
            assertThat(part.headers().get("x-lodestone-partial")).containsExactly(said);
            // exactly what comparing the file's first 10,000 entries answers (the command line's Comparison), marked partial
            Path head = Files.createTempFile("compare-partial", ".csv");
            Files.write(head, csv.lines().limit(10_001).toList(), StandardCharsets.UTF_8);
            lodestone.border.Assessor assessor = lodestone.border.origin.PreferenceOriginVerifier.assessorFor(Regime.bundled());
            java.util.Map<String, Object> expected = new java.util.LinkedHashMap<>(lodestone.border.bulk.Comparison.run(assessor, assessor,
                    lodestone.border.WhatIf.on(java.time.LocalDate.parse("2025-06-01")), head, null, 25, false).toJson("bundled", "bundled on 2025-06-01"));
            Files.delete(head);
            expected.put("partial", said);
            assertThat(part.json()).isEqualTo(TestServer.JSON.readTree(TestServer.JSON.writeValueAsString(expected)));
            assertThat(part.json().get("lines").asLong()).isEqualTo(10_000);
            assertThat(s.get("/api/whatifs", s.admin).json().findValuesAsText("job_id")).doesNotContain(String.valueOf(id));

            // resumed to the end: the result is whole, recorded, never marked partial
            TestServer.Response again = s.upload("/api/compare-jobs?with=date:2025-06-01&top=25&name=entries.csv", s.admin,
                    csv.getBytes(StandardCharsets.UTF_8), "partial-compare");
            assertThat(again.json().get("resumed").asBoolean()).isTrue();
            JsonNode done = s.awaitCompareJob(id, s.admin);
            assertThat(done.get("status").asText()).isEqualTo("done");
            assertThat(done.get("partial_result").isNull()).isTrue();
            TestServer.Response full = s.get("/api/compare-jobs/" + id + "/result?partial=true", s.admin); // allowed, not needed
            assertThat(full.status()).isEqualTo(200);
            assertThat(full.headers()).doesNotContainKey("x-lodestone-partial");
            assertThat(full.json()).isEqualTo(done.get("result"));
            assertThat(full.json().has("partial")).isFalse();
            assertThat(full.json().get("lines").asLong()).isEqualTo(15_000);
            TestServer.Response odd = s.get("/api/compare-jobs/" + id + "/result?partial=yes", s.admin);
            assertThat(odd.status()).isEqualTo(400);
            assertThat(odd.json().at("/error/field").asText()).isEqualTo("partial");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void jobsFailedBeforePlainReasonsAreShownInPlainWordsNeverThePostgresText() throws Exception {
        // jobs failed by a store fault before session 25 kept PostgreSQL's words as their reason ("stopped after N lines: " and
        // the store's message), and the first servers "internal error: " and the exception: an upgraded server went on
        // showing them to their owners, on the API, in the lists, in a refused download and on the Bulk page
        String raw = "stopped after 10000 lines: cannot commit chunk 1 of bulk job 1: ERROR: new row for relation \"bulk_chunk\" violates"
                + " check constraint \"x\"\n  Detail: Failing row contains (1, 1, secret-line-id).";
        String oldest = "internal error: lodestone.store.StoreException: cannot end bulk job 3: ERROR: deadlock detected";
        String file = "entries.csv:7: customs_value: not a number"; // the file's own fault: said as it was
        try (TestServer s = new TestServer()) {
            java.util.Map<String, Long> ids = new java.util.LinkedHashMap<>();
            try (Connection c = superuser(s); Statement st = c.createStatement()) {
                long owner;
                try (java.sql.ResultSet rs = st.executeQuery("select id from api_token order by id limit 1")) {
                    rs.next();
                    owner = rs.getLong(1);
                }
                int n = 0;
                for (String[] job : new String[][] {{"assess", raw}, {"compare", raw}, {"assess", oldest}, {"assess", file}}) {
                    n++;
                    try (java.sql.ResultSet rs = st.executeQuery("insert into bulk_job (idem_key, content_sha256, file_name, input_format, regime,"
                            + " regime_version, status, submitted_by, size_bytes, chunk_size, owner, kind, params, error, lines_done, finished_at)"
                            + " values ('old-" + n + "', 'abc" + n + "', 'entries.csv', 'csv', 'bundled', '2026.12', 'failed', 'admin', 10, 10000, "
                            + owner + ", '" + job[0] + "', " + (job[0].equals("compare") ? "'{\"a\": \"bundled\", \"with\": \"date:2025-06-01\", \"top\": 20}'"
                            : "''") + ", " + "'" + job[1].replace("'", "''") + "'" + ", " + (job[1].startsWith("stopped") ? 10000 : 0) + ", now()) returning id")) {
                        rs.next();
                        ids.put(job[0] + "-" + n, rs.getLong(1));
                    }
                }
            }
            String plain = "stopped after 10000 lines: the server could not save the job's results (it failed before Lodestone gave such"
                    + " failures a reference: the server's log of that day has it as \"bulk job %d failed after 10000 lines\"); the file is"
                    + " not at fault: tell the server's operator the job's number, and once they have put it right upload the file again"
                    + " with another idempotency key";
            long bulk = ids.get("assess-1"), compare = ids.get("compare-2"), first = ids.get("assess-3"), fileFault = ids.get("assess-4");
            assertThat(s.get("/api/bulk-jobs/" + bulk, s.admin).json().get("error").asText()).isEqualTo(plain.formatted(bulk));
            assertThat(s.get("/api/compare-jobs/" + compare, s.admin).json().get("error").asText()).isEqualTo(plain.formatted(compare));
            assertThat(s.get("/api/bulk-jobs/" + first, s.admin).json().get("error").asText()).isEqualTo("the server failed (it failed"
                    + " before Lodestone gave such failures a reference; the job's record keeps the details for the server's operator); the"
                    + " file is not at fault: tell the server's operator the job's number, and once they have put it right upload the file"
                    + " again with another idempotency key");
            assertThat(s.get("/api/bulk-jobs/" + fileFault, s.admin).json().get("error").asText()).isEqualTo(file);
            // every way it is shown: the lists, a refused download, a report of the job
            String everything = s.get("/api/bulk-jobs?limit=10", s.admin).body() + s.get("/api/compare-jobs?limit=10", s.admin).body()
                    + s.get("/api/bulk-jobs/" + bulk + "/results", s.admin).body() + s.get("/api/bulk-jobs/" + first + "/rejects", s.admin).body()
                    + s.get("/api/compare-jobs/" + compare + "/result", s.admin).body();
            assertThat(everything).contains("the server could not save the job's results (it failed before Lodestone")
                    .doesNotContain("ERROR", "bulk_chunk", "constraint", "Detail", "secret-line-id", "deadlock", "StoreException");
        }
    }
}
