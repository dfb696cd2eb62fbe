package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real server (embedded PostgreSQL, free port) for tests, and a small HTTP client for it.
 *
 * <p>Each new server's data directory (~46 MB: a whole PostgreSQL cluster) is deleted when the test JVM ends, not
 * when the server closes: restart tests open a second server on the first one's directory after closing it. Left
 * behind, a full suite's directories once filled the disk of the machine that ran it.
 */
final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<Path> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(TestServer::deleteTree), "test-server-cleanup"));
    }

    /** A new, empty data directory, deleted when the JVM ends. */
    static Path newDataDir() throws IOException {
        Path d = Files.createTempDirectory("lodestone-server-test");
        CREATED.add(d);
        return d;
    }

    /** Deletes the folders of closed servers one after another, while the next tests run (~0.7 s each on a busy machine). */
    private static final java.util.concurrent.ExecutorService DELETER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-server-folders");
        t.setDaemon(true);
        return t;
    });

    /** Deletes every data directory made so far (the suite's end: {@link SuiteEnd}) and says how many. */
    static int deleteDataDirs() {
        try {
            DELETER.submit(() -> { }).get(); // the closed servers' folders first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        java.util.List<Path> all = new java.util.ArrayList<>(CREATED);
        all.forEach(TestServer::deleteTree);
        CREATED.removeAll(all);
        synchronized (TestServer.class) {
            template = null;
        }
        return all.size();
    }

    private static Path template;

    /**
     * A new data directory holding a stopped, migrated store with no tokens: a copy of one the store itself made once in
     * this JVM ({@code Store.embedded}: initdb, every migration, a clean stop). A new server on it starts as on an empty
     * directory, less initdb and the migrations, ~2–4 s of each of the suite's ~85 servers. Its logs are not copied.
     * Tests of what a new directory gets (initdb, the first migration) use {@link #newDataDir} instead.
     */
    static synchronized Path copyOfNewStore() throws IOException {
        if (template == null) {
            Path t = newDataDir();
            lodestone.store.Store.embedded(t).close();
            template = t;
        }
        Path d = newDataDir();
        Path from = template;
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(p);
                if (rel.toString().isEmpty()) continue;
                String name = rel.getFileName().toString();
                if (name.equals("postgres.log") || name.equals("current_logfiles") || rel.startsWith(Path.of("postgres", "log"))
                        && !rel.equals(Path.of("postgres", "log"))) continue;
                Files.copy(p, d.resolve(rel), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return d;
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort at exit: a folder another process still holds stays behind
        }
    }

    final Server server;

    /**
     * Holds the bulk worker before the second chunk commit of the next job (its first chunk committed) until {@code go} is
     * counted down, or 60 s: the latch returned is counted down once the worker is held there.
     */
    java.util.concurrent.CountDownLatch holdBeforeSecondChunk(java.util.concurrent.CountDownLatch go) {
        java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        server.beforeEachJobCommit(() -> {
            if (calls.incrementAndGet() != 2) return;
            reached.countDown();
            try {
                go.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return reached;
    }
    final String admin;
    final Path dataDir;
    /** Whether {@link #close} deletes {@link #dataDir}: a new server's copy, unless a test keeps it for a restart. */
    private volatile boolean deleteOnClose;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();

    TestServer() throws IOException {
        this(copyOfNewStore(), false);
        deleteOnClose = true;
    }

    /** A server on an existing data directory (a restart); {@code admin} is null when the directory already had one. */
    TestServer(Path dir) {
        this(dir, false);
    }

    /** A server on an existing data directory (a restart), with a new administrator token when asked. */
    TestServer(Path dataDir, boolean newAdminToken) {
        this(dataDir, newAdminToken, 8L << 20);
    }

    /** A new server whose upload limit is {@code maxUploadBytes} (the others' is 8 MiB). */
    TestServer(long maxUploadBytes) throws IOException {
        this(copyOfNewStore(), false, maxUploadBytes);
        deleteOnClose = true;
    }

    /** The repository's own regime folder, offered to administrators by every test server as folder:regime. */
    static String repoRegime() {
        return Path.of(System.getProperty("lodestone.root", ".."), "data", "regime").toAbsolutePath().normalize().toString();
    }

    /** A new server that also offers these regime folders (as lodestone serve --regime-folder). */
    TestServer(java.util.List<String> folders) throws IOException {
        this(copyOfNewStore(), false, 8L << 20, folders);
        deleteOnClose = true;
    }

    private TestServer(Path dataDir, boolean newAdminToken, long maxUploadBytes) {
        this(dataDir, newAdminToken, maxUploadBytes, java.util.List.of());
    }

    private TestServer(Path dataDir, boolean newAdminToken, long maxUploadBytes, java.util.List<String> more) {
        this(dataDir, newAdminToken, maxUploadBytes, more, 0);
    }

    /** A new server that retires finished jobs by itself {@code days} days after they end (as lodestone serve --retain-jobs-days). */
    static TestServer retainingJobs(int days) throws IOException {
        TestServer t = new TestServer(copyOfNewStore(), false, 8L << 20, java.util.List.of(), days);
        t.deleteOnClose = true;
        return t;
    }

    private TestServer(Path dataDir, boolean newAdminToken, long maxUploadBytes, java.util.List<String> more, int retainDays) {
        java.util.List<String> regimeFolders = new java.util.ArrayList<>(java.util.List.of(repoRegime()));
        regimeFolders.addAll(more);
        this.dataDir = dataDir;
        Server.Config cfg = Server.Config.defaults(dataDir).withPort(0).withLog(new PrintStream(log, true, StandardCharsets.UTF_8));
        cfg = new Server.Config(cfg.host(), 0, dataDir, null, null, null, "bundled", maxUploadBytes, 64 * 1024, newAdminToken, cfg.log(),
                regimeFolders, retainDays);
        server = Server.start(cfg);
        admin = server.adminToken().orElse(null);
    }

    String url() {
        return server.url();
    }

    record Response(int status, String body, Map<String, java.util.List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).GET(), token);
    }

    Response post(String path, String token, Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)), token);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Response put(String path, String token, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), token);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Response delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).DELETE(), token);
    }

    /** A request with any method (PATCH, OPTIONS…) and an optional JSON text body. */
    Response request(String method, String path, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)), token);
    }

    /** A POST of text with its media type (a YAML file, a JSON text as written). */
    Response postText(String path, String token, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    Response upload(String path, String token, byte[] data, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data));
        if (key != null) b.header("Idempotency-Key", key);
        return send(b, token);
    }

    /** A POST of {@code data} as {@code contentType}. */
    Response postAs(String path, String token, byte[] data, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)), token);
    }

    private Response send(HttpRequest.Builder b, String token) {
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for a bulk job to end (done, failed or cancelled), at most 60 s. */
    JsonNode awaitJob(long id, String token) throws InterruptedException {
        return await("bulk", id, token);
    }

    /** A compare job once it has ended (done, failed or cancelled), at most 60 s. */
    JsonNode awaitCompareJob(long id, String token) throws InterruptedException {
        return await("compare", id, token);
    }

    private JsonNode await(String kind, long id, String token) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            JsonNode j = get("/api/" + kind + "-jobs/" + id, token).json();
            String s = j.get("status").asText();
            if (s.equals("done") || s.equals("failed") || s.equals("cancelled")) return j;
            Thread.sleep(100);
        }
        throw new AssertionError(kind + " job " + id + " did not finish in 60 s");
    }

    /** The data directory, kept after {@link #close} for a server started on it again (a restart test). */
    Path keepDataDir() {
        deleteOnClose = false;
        return dataDir;
    }

    @Override
    public void close() {
        server.close();
        if (deleteOnClose) {
            deleteOnClose = false;
            DELETER.submit(() -> {
                deleteTree(dataDir);
                CREATED.remove(dataDir);
            });
        }
    }
}
