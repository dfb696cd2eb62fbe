package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test, end to end: the real {@code lodestone serve} in its own JVM (with its embedded
 * PostgreSQL) is killed with SIGKILL in the middle of a bulk job, started again on the same data directory,
 * and the job resumes from its last committed chunk and finishes with exactly one result per input line.
 * A re-submission of the same file with the same Idempotency-Key is then the same job, not assessed again.
 */
class ServeCrashResumeTest {
    static final int LINES = 100_000; // ten chunks of Api.CHUNK_SIZE (10,000)
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern SERVING = Pattern.compile("lodestone: serving on (http://\\S+)");
    static final Pattern TOKEN_FILE = Pattern.compile("lodestone: the new administrator token is in ");
    static final Pattern RESUMING = Pattern.compile("lodestone: resuming bulk job (\\d+) \\(.*\\) after (\\d+) lines in (\\d+) committed chunks");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<ServerProcess> started = new ArrayList<>();
    Path dir;

    /** A {@code lodestone serve} JVM and everything it printed. */
    record ServerProcess(Process process, List<String> lines) {
        String output() {
            return String.join("\n", lines);
        }

        /** Waits for a printed line matching {@code p} (and returns its match), failing if the process ends first. */
        Matcher await(Pattern p, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (System.nanoTime() < deadline) {
                for (; seen < lines.size(); seen++) {
                    Matcher m = p.matcher(lines.get(seen));
                    if (m.find()) return m;
                }
                if (!process.isAlive() && seen >= lines.size()) {
                    throw new AssertionError("the server ended (exit " + process.exitValue() + ") before printing /" + p + "/:\n" + output());
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no line /" + p + "/ within " + timeout.toSeconds() + " s; the server printed:\n" + output());
        }
    }

    ServerProcess serve() throws IOException {
        Path root = Cli.repo();
        String java = Optional.ofNullable(System.getenv("LODESTONE_JAVA"))
                .orElse(ProcessHandle.current().info().command().orElse("java"));
        String cp = Optional.ofNullable(System.getProperty("surefire.test.class.path")).orElse(System.getProperty("java.class.path"));
        // bin/java-unprivileged runs the JVM as an unprivileged user when we are root (PostgreSQL refuses root)
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/java-unprivileged").toString(), "-Xmx768m",
                "-Djava.io.tmpdir=" + dir.resolve("uploads"), "-cp", cp,
                "lodestone.cli.Main", "serve", "--port", "0", "--data-dir", dir.toString())
                .redirectErrorStream(true);
        pb.environment().put("LODESTONE_JAVA", java);
        pb.environment().remove("LODESTONE_DB_URL");
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon(true).name("serve-output-" + p.pid()).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        ServerProcess s = new ServerProcess(p, lines);
        started.add(s);
        return s;
    }

    HttpResponse<String> call(String method, String url, String token, HttpRequest.BodyPublisher body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).method(method, body);
        if (key != null) b.header("Idempotency-Key", key);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode job(String url, String token, long id) throws Exception {
        HttpResponse<String> r = call("GET", url + "/api/bulk-jobs/" + id, token, HttpRequest.BodyPublishers.noBody(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aServerKilledInTheMiddleOfABulkJobResumesItAtRestartWithExactlyOneResultPerLine() throws Exception {
        long t0 = System.nanoTime();
        dir = Files.createTempDirectory("lodestone-crash-test");
        Path file = dir.resolve("entries.csv");
        Cli gen = Cli.run("generate-entries", "--lines", Integer.toString(LINES), "--out", file.toString(), "--seed", "11");
        assertThat(gen.exit()).as(gen.err()).isZero();
        byte[] data = Files.readAllBytes(file);
        Path uploads = Files.createDirectory(dir.resolve("uploads")); // the servers' java.io.tmpdir, where uploads arrive

        // first start: the URL and the administrator token are printed
        ServerProcess first = serve();
        String url = first.await(SERVING, Duration.ofSeconds(120)).group(1);
        first.await(TOKEN_FILE, Duration.ofSeconds(10));
        String token = Files.readString(dir.resolve("admin-token")).trim();
        assertThat(token).matches("lst_[A-Za-z0-9_-]{43}");
        assertThat(first.output()).as("the token is never in the log").doesNotContain(token);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("admin-token"))))
                .isEqualTo("rw-------");
        long started1 = System.nanoTime();

        HttpResponse<String> sub = call("POST", url + "/api/bulk-jobs?name=entries.csv", token,
                HttpRequest.BodyPublishers.ofByteArray(data), "crash-test-1");
        assertThat(sub.statusCode()).as(sub.body()).isEqualTo(202);
        long id = JSON.readTree(sub.body()).get("id").asLong();

        // wait until at least one chunk is committed while the job is still running, then SIGKILL the server
        long seenLines = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode j = job(url, token, id);
            assertThat(j.get("status").asText()).as("the job ended before the server could be killed: %s", j).isIn("queued", "running");
            seenLines = j.get("lines_done").asLong();
            if (seenLines > 0) break;
            assertThat(System.nanoTime()).as("no chunk committed within 90 s").isLessThan(deadline);
            Thread.sleep(15);
        }
        // and an upload under way: half of a file sent, its temporary file in the upload folder
        java.net.URI u = java.net.URI.create(url);
        java.net.Socket half = new java.net.Socket(u.getHost(), u.getPort());
        half.getOutputStream().write(("POST /api/bulk-jobs?name=half.csv HTTP/1.1\r\nHost: " + u.getHost() + "\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: text/csv\r\nContent-Length: " + data.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        half.getOutputStream().write(data, 0, data.length / 2);
        half.getOutputStream().flush();
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (uploadsIn(uploads).isEmpty()) {
            assertThat(System.nanoTime()).as("the half upload never reached the upload folder").isLessThan(deadline);
            Thread.sleep(15);
        }
        first.process().destroyForcibly(); // SIGKILL: no shutdown hook, the embedded PostgreSQL is left running
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.nanoTime();
        assertThat(postmasterPid()).as("the killed server left its PostgreSQL running (what the restart must deal with)").isPresent();

        // second start on the same data directory: the orphaned PostgreSQL is stopped, the job resumes
        ServerProcess second = serve();
        // the first restart works, and quickly: the orphaned PostgreSQL is found by its postmaster.pid and stopped
        // (it used to fail every time after a 60 s wait, when /proc/PID/exe could not be read under unshare -U)
        String url2 = second.await(SERVING, Duration.ofSeconds(90)).group(1); // a failed start ends the process: await fails at once
        long restarted = System.nanoTime();
        half.close();
        // the killed server's half upload is not left in the upload folder for ever (found by the chaos review of
        // 2026-12-07: every server killed while a file arrived left its part, up to the upload limit, until the disk filled)
        assertThat(uploadsIn(uploads)).as(second.output()).isEmpty();
        assertThat(second.output()).containsPattern("lodestone: removed 1 upload left in " + Pattern.quote(uploads.toString())
                + " by a server stopped while it arrived \\(\\d+ bytes\\)");
        Matcher resumed = second.await(RESUMING, Duration.ofSeconds(60));
        String resumeLine = resumed.group();
        assertThat(Long.parseLong(resumed.group(1))).isEqualTo(id);
        long resumedAfter = Long.parseLong(resumed.group(2));
        assertThat(resumedAfter).as("resumed after the chunks committed before the kill").isGreaterThanOrEqualTo(seenLines).isLessThan(LINES);
        assertThat(resumedAfter % 10_000).isZero();
        assertThat(second.output()).doesNotContain("administrator token").doesNotContain(token);

        JsonNode done;
        deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            done = job(url2, token, id);
            String st = done.get("status").asText();
            assertThat(st).as("job %s", done).isNotEqualTo("failed");
            if (st.equals("done")) break;
            assertThat(System.nanoTime()).as("job not done within 120 s of the restart: %s", done).isLessThan(deadline);
            Thread.sleep(100);
        }
        long finished = System.nanoTime();
        assertThat(done.get("lines_done").asLong()).isEqualTo(LINES);
        assertThat(done.get("assessed").asLong() + done.get("prohibited").asLong() + done.get("rejected").asLong()).isEqualTo(LINES);

        // exactly one result per input line, in input order
        HttpResponse<String> res = call("GET", url2 + "/api/bulk-jobs/" + id + "/results", token, HttpRequest.BodyPublishers.noBody(), null);
        assertThat(res.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        long rejectedRows = 0;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(res.body())) {
            boolean header = true;
            for (CsvRecord r : csv) {
                if (header) {
                    assertThat(r.getField(0)).isEqualTo("line_id");
                    header = false;
                    continue;
                }
                ids.add(r.getField(0));
                if (r.getField(1).equals("rejected")) rejectedRows++;
            }
        }
        assertThat(ids).hasSize(LINES);
        Set<String> unique = new HashSet<>(ids);
        assertThat(unique).as("every line_id exactly once").hasSize(LINES);
        List<String> expected = new ArrayList<>();
        try (Stream<String> in = Files.lines(file)) {
            in.skip(1).forEach(l -> expected.add(l.substring(0, l.indexOf(','))));
        }
        assertThat(ids).isEqualTo(expected);
        assertThat(rejectedRows).isEqualTo(done.get("rejected").asLong());

        // the same file with the same key is the same job, not assessed again
        HttpResponse<String> again = call("POST", url2 + "/api/bulk-jobs?name=entries.csv", token,
                HttpRequest.BodyPublishers.ofByteArray(data), "crash-test-1");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode dup = JSON.readTree(again.body());
        assertThat(dup.get("duplicate").asBoolean()).isTrue();
        assertThat(dup.get("id").asLong()).isEqualTo(id);
        assertThat(dup.get("status").asText()).isEqualTo("done");
        HttpResponse<String> list = call("GET", url2 + "/api/bulk-jobs", token, HttpRequest.BodyPublishers.noBody(), null);
        assertThat(JSON.readTree(list.body()).size()).as("one job only: %s", list.body()).isEqualTo(1);
        Thread.sleep(300);
        JsonNode after = job(url2, token, id);
        assertThat(after.get("lines_done").asLong()).isEqualTo(LINES);
        assertThat(after.get("finished_at").asText()).isEqualTo(done.get("finished_at").asText());

        // a clean stop (SIGTERM) stops the embedded PostgreSQL too
        second.process().destroy();
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).as(second.output()).isTrue();
        assertThat(postmasterPid()).as("the embedded PostgreSQL stopped with the server").isEmpty();

        System.out.printf("ServeCrashResumeTest: killed after %d lines seen (%d committed); %s; first start %.1f s, "
                        + "restart to serving %.1f s, restart to done %.1f s, whole test %.1f s%n", seenLines, resumedAfter, resumeLine,
                (started1 - t0) / 1e9, (restarted - killedAt) / 1e9, (finished - killedAt) / 1e9, (System.nanoTime() - t0) / 1e9);
    }

    /** The uploads being received (or left) in the servers' upload folder. */
    static List<Path> uploadsIn(Path folder) throws IOException {
        try (Stream<Path> all = Files.list(folder)) {
            return all.filter(p -> p.getFileName().toString().startsWith("lodestone-upload-")).toList();
        }
    }

    /** The pid of a PostgreSQL still running on the test's data directory, if any. */
    Optional<ProcessHandle> postmasterPid() {
        Path pid = dir.resolve("postgres/postmaster.pid");
        try {
            if (!Files.isRegularFile(pid)) return Optional.empty();
            List<String> l = Files.readAllLines(pid);
            if (l.isEmpty()) return Optional.empty();
            // alive and named by this directory's postmaster.pid (its executable cannot be read under unshare -U)
            return ProcessHandle.of(Long.parseLong(l.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (ServerProcess s : started) {
            if (s.process().isAlive()) {
                s.process().destroy();
                if (!s.process().waitFor(30, TimeUnit.SECONDS)) s.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (dir == null) return;
        Optional<ProcessHandle> pg = postmasterPid(); // left by a failed test: stop it (fast shutdown)
        if (pg.isPresent()) {
            new ProcessBuilder("kill", "-INT", Long.toString(pg.get().pid())).inheritIO().start().waitFor();
            pg.get().onExit().get(30, TimeUnit.SECONDS);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
