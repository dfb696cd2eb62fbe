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
        }
    }
}
