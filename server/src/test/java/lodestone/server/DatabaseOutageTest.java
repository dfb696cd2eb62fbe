package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL killed (SIGKILL) under a running server, as an operator found it: the health check went on
 * answering {@code "status": "ok"}, every request that needed the database was a {@code 500 internal} naming a log
 * reference, and nothing started the database again — the server stayed broken until someone restarted it. Now the
 * health check says the database is not running ({@code 503}), the server starts it again on the same port by itself,
 * every record acknowledged before the kill is there, the bulk job that was running resumes (not failed) with one result
 * per line, and the chain of the ledger is intact.
 */
class DatabaseOutageTest {
    static final Map<String, Object> COPPER = Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
            "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theEmbeddedDatabaseKilledUnderTheServerIsSaidStartedAgainAndNothingAcknowledgedIsLost() throws Exception {
        try (TestServer s = new TestServer(64L << 20)) { // the 150,000-line file is ~10 MB
            List<Long> acknowledged = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestServer.Response r = s.post("/api/assessments", s.admin, COPPER);
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                acknowledged.add(r.json().get("id").asLong());
            }
            String csv = ApiTest.generated(Regime.bundled(), 3L, 150_000); // 15 chunks: still running at the kill
            TestServer.Response sub = s.upload("/api/bulk-jobs?name=outage.csv", s.admin, csv.getBytes(StandardCharsets.UTF_8), "outage");
            assertThat(sub.status()).as(sub.body()).isEqualTo(202);
            long job = sub.json().get("id").asLong();
            long until = System.nanoTime() + 60_000_000_000L;
            while (s.get("/api/bulk-jobs/" + job, s.admin).json().get("lines_done").asLong() == 0) {
                assertThat(System.nanoTime()).as("no chunk committed within 60 s").isLessThan(until);
                Thread.sleep(10);
            }

            ProcessHandle postmaster = postmaster(s.dataDir);
            postmaster.destroyForcibly();
            postmaster.onExit().get(30, TimeUnit.SECONDS);

            // said at once, without a token: not "ok" — unless the server's watch (twice a second) has already started the
            // database again, which a loaded machine can let happen before this request is answered (seen on CI): then
            // "ok" is the truth, and the log must say the restart already happened
            TestServer.Response health = s.get("/api/health", null);
            if (health.status() == 200) {
                long said = System.nanoTime() + 10_000_000_000L; // the line follows the restart by a moment
                while (!s.log.toString(StandardCharsets.UTF_8).contains("lodestone: the embedded PostgreSQL is running again (pid ")) {
                    assertThat(System.nanoTime()).as("health said ok, but no restart was logged: %s", health.body()).isLessThan(said);
                    Thread.sleep(50);
                }
                assertThat(postmaster(s.dataDir).pid()).isNotEqualTo(postmaster.pid());
            } else {
                assertThat(health.status()).as(health.body()).isEqualTo(503);
                assertThat(health.json().get("status").asText()).isEqualTo("unavailable");
                assertThat(health.json().get("database").asText()).isEqualTo("the embedded PostgreSQL is not running (being started again)");
            }

            // a request meanwhile waits for the database or is refused as unavailable: never a fault of the server
            TestServer.Response during = s.post("/api/assessments", s.admin, COPPER);
            assertThat(during.status()).as(during.body()).isIn(201, 503);
            if (during.status() == 503) {
                assertThat(during.json().at("/error/code").asText()).isEqualTo("unavailable");
                assertThat(during.headers().get("retry-after")).containsExactly("5");
            } else {
                acknowledged.add(during.json().get("id").asLong());
            }

            // started again by the server itself
            until = System.nanoTime() + 60_000_000_000L;
            while (s.get("/api/health", null).status() != 200) {
                assertThat(System.nanoTime()).as("the database not back within 60 s; log:\n%s", s.log).isLessThan(until);
                Thread.sleep(100);
            }
            JsonNode ok = s.get("/api/health", null).json();
            assertThat(ok.get("status").asText()).isEqualTo("ok");
            assertThat(ok.get("database").asText()).isEqualTo("ok");
            assertThat(postmaster(s.dataDir).pid()).isNotEqualTo(postmaster.pid());

            for (long id : acknowledged) {
                assertThat(s.get("/api/assessments/" + id, s.admin).status()).as("assessment %d acknowledged before the kill", id).isEqualTo(200);
            }
            TestServer.Response after = s.post("/api/assessments", s.admin, COPPER);
            assertThat(after.status()).as(after.body()).isEqualTo(201);

            // the job resumes after its last committed chunk: done, one result per line
            JsonNode done;
            until = System.nanoTime() + 120_000_000_000L;
            while (true) {
                done = s.get("/api/bulk-jobs/" + job, s.admin).json();
                assertThat(done.get("status").asText()).as("job %s; log:\n%s", done, s.log).isNotEqualTo("failed");
                if (done.get("status").asText().equals("done")) break;
                assertThat(System.nanoTime()).as("job not done within 120 s: %s", done).isLessThan(until);
                Thread.sleep(200);
            }
            assertThat(done.get("lines_done").asLong()).isEqualTo(150_000);
            String results = s.get("/api/bulk-jobs/" + job + "/results", s.admin).body();
            List<String> ids = results.lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
            assertThat(ids).hasSize(150_000);
            assertThat(new HashSet<>(ids)).hasSize(150_000);

            JsonNode verify = s.get("/api/ledger/verify", s.admin).json();
            assertThat(verify.get("intact").asBoolean()).as(verify.toString()).isTrue();
            assertThat(verify.get("records").asLong()).isEqualTo(acknowledged.size() + 1);

            String log = s.log.toString(StandardCharsets.UTF_8);
            assertThat(log).contains("lodestone: the embedded PostgreSQL (pid " + postmaster.pid())
                    .contains("stopped under the server")
                    .containsPattern("lodestone: the embedded PostgreSQL is running again \\(pid \\d+, port \\d+, after \\d+\\.\\d s\\)")
                    .doesNotContain("internal error");
        }
    }

    /** The postmaster running on a data directory, from its postmaster.pid. */
    static ProcessHandle postmaster(Path dataDir) throws Exception {
        List<String> l = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        return ProcessHandle.of(Long.parseLong(l.get(0).trim())).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new AssertionError("no PostgreSQL running on " + dataDir));
    }
}
