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
}
