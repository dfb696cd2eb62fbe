package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lodestone.border.Assessor;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.border.bulk.Comparison;
import lodestone.regime.Regime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What-ifs through the API: a whole file compared as a background job (progress, the same answer as the synchronous
 * compare and the command line, owners, the per-user job limit), and every what-if recorded and listed by owner.
 */
class CompareJobApiTest {
    static TestServer s;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        alice = s.post("/api/tokens", s.admin, Map.of("name", "alice", "role", "analyst")).json().get("secret").asText();
        bob = s.post("/api/tokens", s.admin, Map.of("name", "bob", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    /** Polls a compare job until it ends, at most 60 s; every lines_done seen along the way is added to {@code seen}. */
    static JsonNode await(long id, String token, List<Long> seen) throws InterruptedException {
        return awaitOn(s, id, token, seen);
    }

    /** {@link #await} on another test's server. */
    static JsonNode awaitOn(TestServer s, long id, String token) throws InterruptedException {
        return awaitOn(s, id, token, new ArrayList<>());
    }

    private static JsonNode awaitOn(TestServer s, long id, String token, List<Long> seen) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            TestServer.Response r = s.get("/api/compare-jobs/" + id, token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode j = r.json();
            seen.add(j.get("lines_done").asLong());
            String st = j.get("status").asText();
            if (st.equals("done") || st.equals("failed")) return j;
            Thread.sleep(50);
        }
        throw new AssertionError("compare job " + id + " did not finish in 60 s");
    }

    static byte[] sample(int lines, int seed, String token) {
        TestServer.Response r = s.get("/api/bulk-sample?lines=" + lines + "&seed=" + seed, token);
        assertThat(r.status()).isEqualTo(200);
        return r.body().getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode withoutId(JsonNode n) {
        ObjectNode o = n.deepCopy();
        o.remove("whatif_id");
        return o;
    }

    @Test
    void aFileWithBadLinesIsComparedLineByLineAndJsonLinesToo() throws Exception {
        // reported: one line ending in "ab"cd (text after a closing quote) made compare-file answer 500 and a compare job
        // fail with the CSV library's exception; one invalid UTF-8 line refused the whole file. Each is one line now.
        String ok = "r1,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,,,,,,,\n";
        byte[] data = ("line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,content_quantity,content_unit,"
                + "documents,preference,loaded_date,us_content_value,metal_content_value\n" + ok + "r2,\"ab\"cd,CN,2026-03-02,1,USD,1,kg,,,,,,,\n"
                + ok.replace("r1,", "Soci\u00e9t\u00e9,")).getBytes(StandardCharsets.ISO_8859_1);
        TestServer.Response sync = s.upload("/api/compare-file?with=date:2025-06-01&name=bad.csv", alice, data, null);
        assertThat(sync.status()).as(sync.body()).isEqualTo(201);
        assertThat(sync.json().get("lines").asLong()).isEqualTo(3);
        assertThat(sync.json().get("not_comparable").asLong()).isEqualTo(2);
        TestServer.Response sub = s.upload("/api/compare-jobs?with=date:2025-06-01&name=bad.csv", alice, data, null);
        assertThat(sub.status()).as(sub.body()).isEqualTo(202);
        JsonNode done = await(sub.json().get("id").asLong(), alice, new ArrayList<>());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.get("result")).isEqualTo(withoutId(sync.json()));
        byte[] jsonl = ("{\"line_id\":\"r1\",\"hts\":\"2846.90.80.90\",\"origin\":\"CN\",\"entry_date\":\"2026-03-02\","
                + "\"customs_value\":10000,\"currency\":\"USD\",\"quantity\":500,\"unit\":\"kg\"}\n").getBytes(StandardCharsets.UTF_8);
        TestServer.Response j = s.upload("/api/compare-file?with=date:2025-06-01&name=one.jsonl", alice, jsonl, null);
        assertThat(j.status()).as(j.body()).isEqualTo(201);
        assertThat(j.json().get("lines").asLong()).isEqualTo(1);
        assertThat(j.json().get("not_comparable").asLong()).isZero();
        // the same JSON Lines file as a compare job: read as JSON Lines, and said to be
        TestServer.Response jj = s.upload("/api/compare-jobs?with=date:2025-06-01&name=one.jsonl", alice, jsonl, null);
        assertThat(jj.status()).as(jj.body()).isEqualTo(202);
        assertThat(jj.json().get("format").asText()).isEqualTo("jsonl");
        JsonNode jdone = await(jj.json().get("id").asLong(), alice, new ArrayList<>());
        assertThat(jdone.get("status").asText()).as(jdone.toString()).isEqualTo("done");
        assertThat(jdone.get("result")).isEqualTo(withoutId(j.json()));
    }

    @Test
    void aFileReDatedPastTheHorizonCarriesEachSidesWarningsAsTheCommandLineDoes() throws Exception {
        Path in = Path.of("../examples/bulk/entries.csv");
        byte[] data = Files.readAllBytes(in);
        TestServer.Response sync = s.upload("/api/compare-file?with=date:2027-06-01&name=entries.csv", alice, data, null);
        assertThat(sync.status()).as(sync.body()).isEqualTo(201);
        List<String> ws = new ArrayList<>();
        sync.json().get("warnings").forEach(w -> ws.add(w.asText()));
        assertThat(ws).anySatisfy(w -> assertThat(w).startsWith("B: regime horizon: the entry date 2027-06-01 is after ").endsWith(" lines)"))
                .anySatisfy(w -> assertThat(w).startsWith("B: regime horizon: converted from EUR at ").endsWith(" (1 line)"));
        JsonNode graphite = null;
        for (JsonNode l : sync.json().get("top")) if (l.get("line_id").asText().equals("graphite-1")) graphite = l;
        assertThat(graphite).as("graphite-1 listed").isNotNull();
        assertThat(graphite.get("warnings").toString()).contains("B: regime horizon: converted from EUR at ");
        // what the command line's comparison answers (lodestone compare --json), warnings and all
        Assessor a = PreferenceOriginVerifier.assessorFor(Regime.bundled());
        Map<String, Object> cli = Comparison.run(a, a, lodestone.border.WhatIf.on(LocalDate.parse("2027-06-01")), in, null, 20, false).toJson(
                sync.json().get("a").asText(), sync.json().get("b").asText());
        assertThat(withoutId(sync.json())).isEqualTo(TestServer.JSON.readTree(TestServer.JSON.writeValueAsString(cli)));
        // a compare job (its chunks stored and merged) answers the same
        TestServer.Response sub = s.upload("/api/compare-jobs?with=date:2027-06-01&name=entries.csv", alice, data, null);
        assertThat(sub.status()).as(sub.body()).isIn(200, 202);
        JsonNode done = await(sub.json().get("id").asLong(), alice, new ArrayList<>());
        assertThat(done.get("result")).isEqualTo(withoutId(sync.json()));
    }

    @Test
    void aSmallFileAsAJobAnswersWhatTheSynchronousCompareAnswers() throws Exception {
        byte[] data = sample(2_000, 3, alice);
        TestServer.Response sync = s.upload("/api/compare-file?with=date:2025-06-01&top=15&name=small.csv", alice, data, null);
        assertThat(sync.status()).as(sync.body()).isEqualTo(201);
        TestServer.Response sub = s.upload("/api/compare-jobs?with=date:2025-06-01&top=15&name=small.csv", alice, data, null);
        assertThat(sub.status()).as(sub.body()).isEqualTo(202);
        assertThat(sub.json().get("status").asText()).isIn("queued", "running");
        assertThat(sub.json().get("result").isNull()).isTrue();
        long id = sub.json().get("id").asLong();
        JsonNode done = await(id, alice, new ArrayList<>());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.get("result")).isEqualTo(withoutId(sync.json()));
        assertThat(done.get("lines_done").asLong()).isEqualTo(2_000);
        assertThat(done.get("comparable").asLong() + done.get("not_comparable").asLong()).isEqualTo(2_000);
        assertThat(done.get("not_comparable").asLong()).isEqualTo(sync.json().get("not_comparable").asLong()).isPositive();
        assertThat(done.get("total_change").decimalValue()).isEqualByComparingTo(sync.json().get("total_change").decimalValue());
        // both what-ifs are recorded, the job's with its id; the same file, comparison and key again is the same job
        JsonNode w = s.get("/api/whatifs/" + done.get("whatif_id").asLong(), alice).json();
        assertThat(w.get("kind").asText()).isEqualTo("file");
        assertThat(w.get("job_id").asLong()).isEqualTo(id);
        assertThat(w.get("result")).isEqualTo(done.get("result"));
        assertThat(w.at("/request/with").asText()).isEqualTo("date:2025-06-01");
        TestServer.Response again = s.upload("/api/compare-jobs?with=date:2025-06-01&top=15&name=small.csv", alice, data, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(id);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        TestServer.Response other = s.upload("/api/compare-jobs?with=bundled:plurilateral&top=15&name=small.csv", alice, data, null);
        assertThat(other.status()).as("the same file compared with something else is another job").isEqualTo(202);
        assertThat(await(other.json().get("id").asLong(), alice, new ArrayList<>()).get("status").asText()).isEqualTo("done");
    }

    @Test
    void aLargeFileIsAJobWhoseProgressGrowsAndWhoseResultIsTheCommandLines() throws Exception {
        byte[] data = sample(25_000, 5, alice);
        assertThat(data.length).isGreaterThan((int) CompareJobs.SYNC_MAX_BYTES);
        TestServer.Response sync = s.upload("/api/compare-file?with=date:2025-06-01&name=big.csv", alice, data, null);
        assertThat(sync.status()).isEqualTo(413);
        assertThat(sync.json().at("/error/code").asText()).isEqualTo("use_a_compare_job");
        assertThat(sync.json().at("/error/message").asText()).contains("POST /api/compare-jobs");

        TestServer.Response sub = s.upload("/api/compare-jobs?with=date:2025-06-01&top=30&name=big.csv", alice, data, "big-1");
        assertThat(sub.status()).as(sub.body()).isEqualTo(202);
        List<Long> seen = new ArrayList<>();
        JsonNode done = await(sub.json().get("id").asLong(), alice, seen);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(seen).isSorted().last().isEqualTo(25_000L);
        // committed a chunk (10,000 lines) at a time: lines_done is only ever a whole number of chunks or the end
        assertThat(seen).allMatch(n -> n % Api.CHUNK_SIZE == 0 || n == 25_000);

        Path in = Files.createTempFile("compare-job", ".csv");
        Files.write(in, data);
        Assessor assessor = PreferenceOriginVerifier.assessorFor(Regime.bundled());
        Map<String, Object> expected = Comparison.run(assessor, assessor, lodestone.border.WhatIf.on(LocalDate.parse("2025-06-01")), in, null, 30, false)
                .toJson("bundled", "bundled on 2025-06-01");
        Files.delete(in);
        assertThat(done.get("result")).isEqualTo(TestServer.JSON.readTree(TestServer.JSON.writeValueAsString(expected)));
        assertThat(done.at("/result/top")).hasSize(30);
    }

    @Test
    void jobsAndWhatIfsAreTheirOwnersAndAdministratorsSeeAll() throws Exception {
        TestServer.Response one = s.post("/api/compare", alice, Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
                "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000, "with", "date:2025-06-01"));
        assertThat(one.status()).as(one.body()).isEqualTo(201);
        long shipment = one.json().get("whatif_id").asLong();
        JsonNode rec = s.get("/api/whatifs/" + shipment, alice).json();
        assertThat(rec.get("kind").asText()).isEqualTo("shipment");
        assertThat(rec.get("subject").asText()).isEqualTo("7408.11.60.00 from CL on 2026-03-02");
        assertThat(rec.get("difference").decimalValue()).isEqualByComparingTo(one.json().get("difference").decimalValue());
        assertThat(withoutId(rec.get("result"))).isEqualTo(withoutId(one.json()));

        long job = s.upload("/api/compare-jobs?with=date:2025-06-01&name=mine.csv", alice, sample(300, 9, alice), null).json().get("id").asLong();
        await(job, alice, new ArrayList<>());
        assertThat(s.get("/api/compare-jobs/" + job, bob).status()).isEqualTo(404);
        assertThat(s.get("/api/whatifs/" + shipment, bob).status()).isEqualTo(404);
        assertThat(s.get("/api/compare-jobs?limit=1000", bob).json().findValues("id")).extracting(JsonNode::asLong).doesNotContain(job);
        assertThat(s.get("/api/whatifs?limit=1000", bob).json().findValues("id")).extracting(JsonNode::asLong).doesNotContain(shipment);
        assertThat(s.get("/api/whatifs?limit=1000", alice).json().findValues("id")).extracting(JsonNode::asLong).contains(shipment);
        assertThat(s.get("/api/compare-jobs?limit=1000", alice).json().findValues("id")).extracting(JsonNode::asLong).contains(job);
        assertThat(s.get("/api/compare-jobs/" + job, s.admin).status()).isEqualTo(200);
        assertThat(s.get("/api/whatifs/" + shipment, s.admin).status()).isEqualTo(200);
        // a compare job is not a bulk job
        assertThat(s.get("/api/bulk-jobs/" + job, alice).status()).isEqualTo(404);
        // History lists the what-ifs of its caller
        JsonNode history = s.get("/api/runs?limit=500", alice).json();
        List<String> links = new ArrayList<>();
        for (JsonNode h : history) if (h.get("kind").asText().equals("comparison")) links.add(h.get("link").asText());
        assertThat(links).contains("/#history/whatif/" + shipment);
        for (JsonNode h : s.get("/api/runs?limit=500", bob).json()) assertThat(h.get("link").asText()).isNotEqualTo("/#history/whatif/" + shipment);
    }

    @Test
    void refusalsAreLocatedAndAFileThatCannotBeComparedFailsTheJob() throws Exception {
        TestServer.Response noWith = s.upload("/api/compare-jobs?name=x.csv", alice, sample(10, 1, alice), null);
        assertThat(noWith.status()).isEqualTo(400);
        assertThat(noWith.json().at("/error/field").asText()).isEqualTo("with");
        TestServer.Response unknown = s.upload("/api/compare-jobs?with=nowhere&name=x.csv", alice, sample(10, 1, alice), null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/code").asText()).isEqualTo("unknown_regime");
        TestServer.Response badHeader = s.upload("/api/compare-jobs?with=date:2026-01-01&name=mine.csv", alice,
                "line,hts\n1,7408.11.60\n".getBytes(StandardCharsets.UTF_8), null);
        assertThat(badHeader.status()).isEqualTo(202);
        JsonNode failed = await(badHeader.json().get("id").asLong(), alice, new ArrayList<>());
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).startsWith("mine.csv:1: header lacks required column(s) line_id, origin, entry_date"); // assess-file's words
        assertThat(failed.get("result").isNull()).isTrue();
    }

    @Test
    void aUserHasAtMostFourJobsOfEitherKindQueuedOrRunning() throws Exception {
        String carol = s.post("/api/tokens", s.admin, Map.of("name", "carol", "role", "analyst")).json().get("secret").asText();
        List<Long> ids = new ArrayList<>();
        TestServer.Response fifth = null;
        // two bulk jobs and three compare jobs: the limit counts both kinds
        s.server.holdJobs(true); // the jobs stay queued, however fast this machine runs them
        List<byte[]> files = new ArrayList<>();
        for (int seed = 1; seed <= 5; seed++) files.add(sample(20_000, seed, carol)); // made first: the submissions follow each other closely
        for (int seed = 1; seed <= 5; seed++) {
            byte[] data = files.get(seed - 1);
            TestServer.Response r = seed <= 2 ? s.upload("/api/bulk-jobs?name=s" + seed + ".csv", carol, data, null)
                    : s.upload("/api/compare-jobs?with=date:2025-06-01&name=s" + seed + ".csv", carol, data, null);
            if (r.status() == 202) ids.add(r.json().get("id").asLong());
            else fifth = r;
        }
        assertThat(fifth).as("the fifth job while four are queued or running").isNotNull();
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.json().at("/error/code").asText()).isEqualTo("too_many_jobs");
        // another user is not held up by carol's jobs
        assertThat(s.upload("/api/compare-jobs?with=date:2025-06-01&name=x.csv", bob, sample(5, 1, bob), null).status()).isEqualTo(202);
        s.server.holdJobs(false);
        for (long id : ids.subList(0, 2)) s.awaitJob(id, carol);
        for (long id : ids.subList(2, ids.size())) assertThat(await(id, carol, new ArrayList<>()).get("status").asText()).isEqualTo("done");
    }

    @Test
    void aCompareJobStoppedMidwayResumesAfterItsLastChunkAtTheNextStart() throws Exception {
        TestServer first = new TestServer();
        TestServer second = null;
        try {
            byte[] data = first.get("/api/bulk-sample?lines=60000&seed=21", first.admin).body().getBytes(StandardCharsets.UTF_8);
            TestServer.Response sub = first.upload("/api/compare-jobs?with=date:2025-06-01&top=40&name=long.csv", first.admin, data, null);
            assertThat(sub.status()).as(sub.body()).isEqualTo(202);
            long id = sub.json().get("id").asLong();
            long seen = 0;
            for (int i = 0; i < 600 && seen < Api.CHUNK_SIZE; i++) {
                seen = first.get("/api/compare-jobs/" + id, first.admin).json().get("lines_done").asLong();
                Thread.sleep(20);
            }
            assertThat(seen).as("a chunk was committed before the stop").isGreaterThanOrEqualTo(Api.CHUNK_SIZE);
            java.nio.file.Path dir = first.keepDataDir();
            first.close(); // the worker stops between chunks; the job stays running under a lease that the next start voids
            second = new TestServer(dir, true);
            JsonNode before = second.get("/api/compare-jobs/" + id, second.admin).json();
            List<Long> lines = new ArrayList<>();
            long until = System.nanoTime() + 120_000_000_000L;
            JsonNode done = before;
            while (!done.get("status").asText().matches("done|failed") && System.nanoTime() < until) {
                Thread.sleep(100);
                done = second.get("/api/compare-jobs/" + id, second.admin).json();
                lines.add(done.get("lines_done").asLong());
            }
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
            String log = second.log.toString(StandardCharsets.UTF_8);
            assertThat(log).containsPattern("resuming bulk job " + id + " \\(long.csv\\) after [1-9][0-9]*0000 lines in [1-9][0-9]* committed chunks");
            assertThat(done.get("lines_done").asLong()).isEqualTo(60_000);
            Path in = Files.createTempFile("compare-resume", ".csv");
            Files.write(in, data);
            Assessor assessor = PreferenceOriginVerifier.assessorFor(Regime.bundled());
            Map<String, Object> expected = Comparison.run(assessor, assessor, lodestone.border.WhatIf.on(LocalDate.parse("2025-06-01")), in, null, 40, false)
                    .toJson("bundled", "bundled on 2025-06-01");
            Files.delete(in);
            assertThat(done.get("result")).isEqualTo(TestServer.JSON.readTree(TestServer.JSON.writeValueAsString(expected)));
        } finally {
            if (second != null) second.close();
            else first.close();
        }
    }
}
