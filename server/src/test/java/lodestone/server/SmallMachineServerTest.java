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

    @Test
    void aStartRemovesOnlyTheUploadsNoRunningServerIsReceiving() throws Exception {
        // the chaos review of 2026-12-07: a server killed while a file arrived left its part in java.io.tmpdir for ever (up to
        // the upload limit each); a start now removes those, and never a part another running server is receiving
        Path folder = Files.createDirectory(dir.resolve("uploads"));
        Process ended = new ProcessBuilder("sleep", "0.2").start();
        long endedStart = ended.info().startInstant().orElseThrow().toEpochMilli();
        ended.waitFor();
        Process other = new ProcessBuilder("sleep", "60").start(); // another server, receiving a file now
        try {
            ProcessHandle me = ProcessHandle.current();
            long myStart = me.info().startInstant().orElseThrow().toEpochMilli();
            long otherStart = other.info().startInstant().orElseThrow().toEpochMilli();
            Map<String, Integer> parts = new java.util.LinkedHashMap<>();
            parts.put("lodestone-upload-" + ended.pid() + "-" + endedStart + "-11.part", 10); // its server was killed: removed
            parts.put("lodestone-upload-" + me.pid() + "-" + (myStart - 5000) + "-12.part", 20); // the pid reused (a container's 1): removed
            parts.put("lodestone-upload-" + other.pid() + "-" + otherStart + "-13.part", 30); // another server's, arriving: kept
            parts.put("lodestone-upload-" + me.pid() + "-" + myStart + "-14.part", 40); // this server's own: kept
            parts.put("lodestone-upload-15.part", 50); // a server from before the mark, untouched for two days: removed
            parts.put("lodestone-upload-16.part", 60); // the same, written a moment ago: kept
            parts.put("someone-elses.part", 70); // not an upload: kept
            // marked with the start in ticks since boot (since session 35), which a clock stepped since does not move: the
            // wall-clock mark above is read by each JVM from the boot's time as of its own start, so a server started after a
            // step saw another server's mark as a pid reused, and removed the file that server was receiving
            String otherTicks = Api.bootTicks(other.pid());
            assertThat(otherTicks).isNotNull();
            assertThat(Api.processMark(other.toHandle())).isEqualTo(other.pid() + "-b" + otherTicks);
            parts.put("lodestone-upload-" + other.pid() + "-b" + otherTicks + "-17.part", 80); // another server's, arriving: kept
            parts.put("lodestone-upload-" + other.pid() + "-b" + (Long.parseLong(otherTicks) + 100) + "-18.part", 90); // pid reused: removed
            parts.put("lodestone-upload-" + ended.pid() + "-b" + Api.bootTicks(me.pid()) + "-19.part", 100); // its process ended: removed
            for (var e : parts.entrySet()) Files.write(folder.resolve(e.getKey()), new byte[e.getValue()]);
            Files.setLastModifiedTime(folder.resolve("lodestone-upload-15.part"),
                    java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2))));
            s.server.uploadFolder(folder);
            s.server.removeLeftUploads();
            try (var left = Files.list(folder)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(
                        "lodestone-upload-" + me.pid() + "-" + myStart + "-14.part",
                        "lodestone-upload-" + other.pid() + "-" + otherStart + "-13.part",
                        "lodestone-upload-16.part", "someone-elses.part",
                        "lodestone-upload-" + other.pid() + "-b" + otherTicks + "-17.part");
            }
            assertThat(s.log.toString(StandardCharsets.UTF_8)).contains("lodestone: removed 5 uploads left in " + folder
                    + " by a server stopped while it arrived (270 bytes)\n");
        } finally {
            other.destroy();
            s.server.uploadFolder(Path.of(System.getProperty("java.io.tmpdir")));
        }
    }
}
