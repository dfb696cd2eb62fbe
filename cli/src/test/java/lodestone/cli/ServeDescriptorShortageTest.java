package lodestone.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lodestone serve} out of file descriptors, for real: the server's JVM under {@code ulimit -n 300}, and idle
 * connections opened until it cannot accept another. Jetty used to log "Accept Failure" with a stack trace every second for as
 * long as that lasted; the server now says it in one line (the limit, what to do), and says when it accepts again, and it
 * answers again once the idle connections close. Meanwhile the watcher of the embedded PostgreSQL, unable to read /proc,
 * took it for stopped and tried to start it again; it now takes a shortage as "cannot tell".
 */
class ServeDescriptorShortageTest {
    static final Pattern SERVING = Pattern.compile("lodestone: serving on http://([^:/]+):(\\d+)");
    static final Pattern SHORT = Pattern.compile("lodestone: cannot accept new connections: every file descriptor this process may open"
            + " is in use \\(a limit of 300\\); they wait until connections close — raise the limit \\(ulimit -n, or"
            + " LimitNOFILE= of a systemd service\\) or limit the connections per client in a proxy in front \\(docs/reliability.md\\)");
    static final Pattern AGAIN = Pattern.compile("lodestone: accepting connections again after \\d+ s without a free file descriptor"
            + " \\((\\d+) tries failed\\)");

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aServerOutOfDescriptorsSaysSoInOneLineAndAnswersAgainOnceConnectionsClose() throws Exception {
        Path dir = Files.createTempDirectory("lodestone-fd-test");
        Path root = Cli.repo();
        String java = Optional.ofNullable(System.getenv("LODESTONE_JAVA")).orElse(ProcessHandle.current().info().command().orElse("java"));
        String cp = Optional.ofNullable(System.getProperty("surefire.test.class.path")).orElse(System.getProperty("java.class.path"));
        // the hard limit too (bash's ulimit -n sets both): the JVM raises its soft limit to the hard one by itself
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "ulimit -n 300 && exec \"$0\" \"$@\"",
                root.resolve("bin/java-unprivileged").toString(), "-Xmx256m", "-cp", cp,
                "lodestone.cli.Main", "serve", "--port", "0", "--data-dir", dir.toString()).redirectErrorStream(true);
        pb.environment().put("LODESTONE_JAVA", java);
        pb.environment().remove("LODESTONE_DB_URL");
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (IOException ignored) {
                // the process was killed
            }
        });
        List<Socket> idle = new ArrayList<>();
        try {
            Matcher serving = await(lines, p, SERVING, 120);
            String host = serving.group(1);
            int port = Integer.parseInt(serving.group(2));
            // idle connections, each accepted by the server (a descriptor of its own), until it cannot accept one more
            Matcher short1 = null;
            for (int i = 0; i < 800 && short1 == null; i++) {
                Socket k = new Socket();
                try {
                    k.connect(new java.net.InetSocketAddress(host, port), 3_000);
                } catch (java.net.SocketTimeoutException backlogFull) { // the kernel's queue of connections not yet accepted is full
                    k.close();
                    break;
                }
                idle.add(k);
                if (i % 20 == 19) {
                    Thread.sleep(300);
                    short1 = find(lines, SHORT);
                }
            }
            if (short1 == null) short1 = await(lines, p, SHORT, 10);
            Thread.sleep(2_500); // Jetty tried again every 100 ms meanwhile: still one line
            assertThat(lines.stream().filter(l -> l.contains("cannot accept new connections"))).hasSize(1);

            for (Socket s : idle) s.close();
            idle.clear();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/health"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Integer.parseInt(await(lines, p, AGAIN, 30).group(1))).isPositive();
            String all = String.join("\n", lines);
            assertThat(all).doesNotContain("Accept Failure").doesNotContain("\tat org.eclipse.jetty")
                    // its PostgreSQL ran on: the watcher, unable to read /proc for want of a descriptor, had said it stopped
                    .doesNotContain("stopped under the server").doesNotContain("cannot start the embedded PostgreSQL again");
        } finally {
            for (Socket s : idle) s.close();
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            try (Stream<Path> w = Files.walk(dir)) {
                w.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static Matcher find(List<String> lines, Pattern pattern) {
        for (String l : lines) {
            Matcher m = pattern.matcher(l);
            if (m.find()) return m;
        }
        return null;
    }

    static Matcher await(List<String> lines, Process p, Pattern pattern, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = find(lines, pattern);
            if (m != null) return m;
            if (!p.isAlive()) throw new AssertionError("the server ended (exit " + p.exitValue() + "):\n" + String.join("\n", lines));
            Thread.sleep(50);
        }
        throw new AssertionError("no line /" + pattern + "/ within " + seconds + " s; the server printed:\n" + String.join("\n", lines));
    }
}
