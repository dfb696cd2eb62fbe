package lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server on a small machine (the review of 2026-12-06: a 1-core, 512 MB container with a read-only root and a small
 * /tmp): an upload the server has no room to keep while it arrives.
 */
class SmallMachineServerTest {
    static TestServer s;
    static String dora;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        dora = s.post("/api/tokens", s.admin, Map.of("name", "dora", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @Test
    void anUploadTheServerHasNoRoomToKeepIsTheServersFaultNotTheFiles() throws Exception {
        // reported: with java.io.tmpdir on a full 20 MB tmpfs, a 30 MB bulk upload was answered 400 invalid_request "cannot read
        // the upload: No space left on device" — the client was told its upload was bad, and the operator's log said nothing
        byte[] data = s.get("/api/bulk-sample?lines=200&seed=3", dora).body().getBytes(StandardCharsets.UTF_8);
        Path gone = dir.resolve("gone");
        s.server.uploadFolder(gone);
        try {
            for (String route : List.of("/api/bulk-jobs?name=e.csv", "/api/compare-file?with=date:2026-07-25&name=e.csv",
                    "/api/compare-jobs?with=date:2026-07-25&name=e.csv")) {
                TestServer.Response r = s.upload(route, dora, data, null);
                assertThat(r.status()).as(route + ": " + r.body()).isEqualTo(503);
                assertThat(r.json().get("error").get("code").asText()).isEqualTo("unavailable");
                assertThat(r.json().get("error").get("message").asText()).isEqualTo("the server has no room to keep this upload while it"
                        + " arrives (the folder does not exist), so nothing was stored; try again later, once the server's operator has"
                        + " made room (the server's log says where)");
                assertThat(r.headers().get("retry-after")).containsExactly("5");
            }
            assertThat(s.log.toString(StandardCharsets.UTF_8)).contains("lodestone: cannot keep an upload in the temporary folder " + gone
                    + " (POST /api/bulk-jobs refused with 503 after 0 bytes): the folder does not exist; make room there, or start the"
                    + " server with -Djava.io.tmpdir=DIR naming a folder with room for the largest upload (docs/reliability.md, \"A small"
                    + " machine\")\n");
        } finally {
            s.server.uploadFolder(Path.of(System.getProperty("java.io.tmpdir")));
        }
        // once there is room again, the same upload is taken
        TestServer.Response again = s.upload("/api/bulk-jobs?name=e.csv", dora, data, null);
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        s.awaitJob(again.json().get("id").asLong(), dora);
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).isEmpty();
        }
    }
}
