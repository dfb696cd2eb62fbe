package lodestone.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chaos review of 2026-12-07 (docs/reliability.md): the server killed, or its start failing, at the moments an
 * operator's bad day brings.
 */
class ChaosReviewTest {
    @Test
    void aFirstStartThatFailsAfterIssuingTheAdministratorTokenHasKeptIt() throws Exception {
        // found by killing the first start (kill -9) just after "regime … loaded": the administrator token was stored, then the
        // server went on starting (Jetty, the worker) and only once it served was the token written to DATA_DIR/admin-token and
        // shown. Every later start saw a token in the database and issued none, saying nothing: nobody had the token, and
        // nothing said --new-admin-token was the way in. A start whose port is taken once the token is issued is the same.
        Path dir = TestServer.newDataDir();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Server.Config cfg = Server.Config.defaults(dir).withPort(taken.getLocalPort())
                    .withLog(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThatThrownBy(() -> Server.start(cfg)).hasRootCauseInstanceOf(java.net.BindException.class);
        }
        Path kept = dir.resolve("admin-token");
        assertThat(kept).as("the token issued by the failed start was kept before it was stored").isRegularFile();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
        String token = Files.readString(kept).trim();
        assertThat(token).matches("lst_[A-Za-z0-9_-]{43}");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(token);

        try (TestServer again = new TestServer(dir)) {
            assertThat(again.admin).as("the database has a token: none is issued").isNull();
            // the kept token is the administrator's, and works
            TestServer.Response r = again.get("/api/tokens", token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().size()).isEqualTo(1);
            assertThat(r.json().get(0).get("role").asText()).isEqualTo("admin");
        }
    }

    @Test
    void anIdleWorkerWaitingForTheDatabaseSaysSoOnceInPlainWords() throws Exception {
        // found with every PostgreSQL process stopped (SIGSTOP) for a minute: the idle bulk worker logged "lodestone: bulk worker:
        // cannot claim a bulk job: lodestone - Connection is not available, request timed out after 10000ms (total=0, active=0,
        // idle=0, waiting=2)" — the connection pool's words — every 11 s for as long as it lasted. Here the server's role is let
        // have no connection (as a database out of connections refuses it), which the worker meets at every claim.
        try (TestServer s = new TestServer()) {
            String superuser = Files.readAllLines(s.dataDir.resolve("db-secret")).stream().filter(l -> l.startsWith("superuser="))
                    .findFirst().orElseThrow().substring("superuser=".length());
            int port = Integer.parseInt(Files.readAllLines(s.dataDir.resolve("postgres/postmaster.pid")).get(3).trim());
            String waiting = "lodestone: bulk worker: the database is not answering, so no queued job can be started; the worker"
                    + " waits for it (GET /api/health says when it is back)\n";
            String back = "lodestone: bulk worker: the database answers again; queued jobs are started\n";
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "postgres", superuser); java.sql.Statement st = c.createStatement()) {
                st.execute("alter role lodestone_app connection limit 0");
                st.execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = 'lodestone_app'");
                try {
                    await(s, waiting, 30);
                    Thread.sleep(12_000); // another claim's 10 s wait for a connection, and its failure
                } finally {
                    st.execute("alter role lodestone_app connection limit -1");
                }
            }
            await(s, back, 30);
            String log = s.log.toString(StandardCharsets.UTF_8);
            assertThat(log).doesNotContain("Connection is not available").doesNotContain("cannot claim");
            assertThat(log.split(java.util.regex.Pattern.quote(waiting), -1)).as(log).hasSize(2); // said once
            assertThat(log.indexOf(waiting)).isLessThan(log.indexOf(back));
        }
    }

    private static void await(TestServer s, String line, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!s.log.toString(StandardCharsets.UTF_8).contains(line)) {
            assertThat(System.nanoTime()).as("no line %s within %d s:\n%s", line, seconds, s.log.toString(StandardCharsets.UTF_8)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
