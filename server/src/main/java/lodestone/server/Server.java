package lodestone.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import lodestone.store.Store;
import lodestone.store.Tokens;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Lodestone server: the HTTP API, the web application and the background bulk worker over one store.
 * {@link #start(Config)} opens the store (starting the embedded PostgreSQL unless a database URL is given),
 * migrates it, loads the regime, and listens; {@link #close()} stops all of it cleanly.
 */
public final class Server implements AutoCloseable {
    /**
     * @param host          the interface to listen on (default mode: 127.0.0.1 only)
     * @param port          the port; 0 picks a free one
     * @param dataDir       the embedded database's home (used when {@code dbUrl} is null)
     * @param dbUrl         a PostgreSQL JDBC URL for the shared mode, or null
     * @param regime        the regime to serve: bundled, bundled:plurilateral, a folder or a manifest
     * @param maxUploadBytes the largest bulk file accepted
     * @param maxJsonBytes  the largest JSON request body accepted
     * @param newAdminToken issue (and print) a new administrator token at start even if tokens exist
     * @param regimeFolders folders or manifests administrators may make active, each named folder:NAME (a request never
     *                      names a path on the server)
     * @param retainJobsDays how many days a finished job's file and results are kept before the server retires them by itself
     *                      ({@link Retention}); 0: kept until an administrator retires them
     */
    public record Config(String host, int port, Path dataDir, String dbUrl, String dbUser, String dbPassword, String regime,
                         long maxUploadBytes, long maxJsonBytes, boolean newAdminToken, PrintStream log, List<String> regimeFolders,
                         int retainJobsDays) {
        public Config {
            regimeFolders = List.copyOf(regimeFolders);
            if (retainJobsDays < 0 || retainJobsDays > Retention.MAX_DAYS) {
                throw new IllegalArgumentException("retainJobsDays: " + retainJobsDays + " is outside 0 to " + Retention.MAX_DAYS);
            }
        }

        /** Without automatic retention. */
        public Config(String host, int port, Path dataDir, String dbUrl, String dbUser, String dbPassword, String regime,
                      long maxUploadBytes, long maxJsonBytes, boolean newAdminToken, PrintStream log, List<String> regimeFolders) {
            this(host, port, dataDir, dbUrl, dbUser, dbPassword, regime, maxUploadBytes, maxJsonBytes, newAdminToken, log, regimeFolders, 0);
        }

        /** With finished jobs retired {@code days} days after they end (0: never by the server itself). */
        public Config withRetainJobsDays(int days) {
            return new Config(host, port, dataDir, dbUrl, dbUser, dbPassword, regime, maxUploadBytes, maxJsonBytes, newAdminToken, log,
                    regimeFolders, days);
        }

        public static Config defaults(Path dataDir) {
            return new Config("127.0.0.1", 8080, dataDir, null, null, null, "bundled", 256L << 20, 1L << 20, false, System.out, List.of());
        }

        /** With these folders or manifests offered to administrators (named folder:NAME in PUT /api/regime). */
        public Config withRegimeFolders(List<String> f) {
            return new Config(host, port, dataDir, dbUrl, dbUser, dbPassword, regime, maxUploadBytes, maxJsonBytes, newAdminToken, log, f, retainJobsDays);
        }

        public Config withPort(int p) {
            return new Config(host, p, dataDir, dbUrl, dbUser, dbPassword, regime, maxUploadBytes, maxJsonBytes, newAdminToken, log, regimeFolders, retainJobsDays);
        }

        public Config withDatabase(String url, String user, String password) {
            return new Config(host, port, dataDir, url, user, password, regime, maxUploadBytes, maxJsonBytes, newAdminToken, log, regimeFolders, retainJobsDays);
        }

        public Config withLog(PrintStream l) {
            return new Config(host, port, dataDir, dbUrl, dbUser, dbPassword, regime, maxUploadBytes, maxJsonBytes, newAdminToken, l, regimeFolders, retainJobsDays);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * Reads JSON the server stored (a ledger record, a scenario run's result, a what-if) with its figures exactly as
     * written: 4500.00 stays 4500.00 (not a double's 4500.0) and 12345678901234567.89 is not rounded to a double.
     */
    static final com.fasterxml.jackson.databind.ObjectReader STORED_JSON = JSON.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private final Store store;
    private final Engines engines;
    private final BulkWorker worker;
    private final Retention retention;
    private final Javalin app;
    private final String adminToken;
    private final List<Route> routes;
    private final String host;
    private final PrintStream log;
    private final Api api;

    /** Tests: keep uploads in {@code folder} while they arrive (instead of java.io.tmpdir). */
    void uploadFolder(java.nio.file.Path folder) {
        api.uploadFolder(folder);
    }

    /** Tests: what a start does with the uploads left in the upload folder. */
    void removeLeftUploads() {
        api.removeLeftUploads();
    }

    /** The automatic retention of finished jobs (tests: run it with a moved clock). */
    Retention retention() {
        return retention;
    }

    /** Holds or releases the bulk and compare job queue (tests of the job limit: queued jobs then stay queued). */
    void holdJobs(boolean on) {
        worker.hold(on);
    }

    /** Runs {@code r} while each upload is stored, its database connection held (tests); null: nothing. */
    void whileStoringUpload(Runnable r) {
        api.whileStoringUpload = r == null ? () -> { } : r;
    }

    /** The most days --retain-jobs-days takes (a hundred years; longer is "never": leave the option out). */
    public static final int MAX_RETAIN_DAYS = Retention.MAX_DAYS;

    /** How long requests under way are given to be answered when the server stops. */
    static final long STOP_GRACE_MS = 15_000;

    /** A connection is closed when nothing has come or gone for this long (Jetty's default, said in the 408 it gives). */
    static final long IDLE_MS = 30_000;

    /** While the server stops, a request's connection silent this long is closed (its client stopped sending or reading). */
    static final long STOP_IDLE_MS = 5_000;

    /** Tells {@code r} each download's progress: 0 before its first chunk, 1 once that is written (tests); null: nothing. */
    void onDownload(java.util.function.IntConsumer r) {
        api.onDownload = r;
    }

    /** Runs {@code r} before each chunk commit of every job (tests: a job kept running between two chunks); null: nothing. */
    void beforeEachJobCommit(Runnable r) {
        worker.beforeEachCommit(r);
    }

    private Server(Store store, Engines engines, BulkWorker worker, Retention retention, Javalin app, String adminToken, List<Route> routes, String host,
                   PrintStream log, Api api) {
        this.api = api;
        this.host = host;
        this.log = log;
        this.store = store;
        this.engines = engines;
        this.worker = worker;
        this.retention = retention;
        this.app = app;
        this.adminToken = adminToken;
        this.routes = routes;
    }

    /**
     * Carriers for the request threads, set before the first virtual thread exists (unless given with -D). Requests run on
     * virtual threads so that a slow body parks instead of holding a thread; but a virtual thread is not preempted, so with
     * the JDK's default of one carrier per core, two long computations (an exposure of 10,000 lines, a valuation) would
     * hold every carrier and no other request would be answered until they end. Sixteen or more carriers — platform
     * threads the operating system time-slices — keep short requests answered beside that many long ones.
     */
    static void requestCarriers() {
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism",
                    Integer.toString(Math.max(16, 4 * Runtime.getRuntime().availableProcessors())));
        }
    }

    static {
        requestCarriers();
    }

    public static Server start(Config cfg) {
        PrintStream log = cfg.log();
        // the regimes first: a bad regime or regime folder is refused in a second or two, before a database is started
        Engines engines = new Engines(cfg.regime(), cfg.regimeFolders());
        // shared mode: the configured user owns the schema; the server's connections use the application role, if one is named
        Store store = cfg.dbUrl() == null ? Store.embedded(cfg.dataDir()) : Store.shared(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword(),
                System.getenv("LODESTONE_DB_APP_USER"), System.getenv("LODESTONE_DB_APP_PASSWORD"));
        BulkWorker worker = null;
        Retention retention = null;
        try {
            log.println("lodestone: store: " + store.description() + ", schema version " + store.schemaVersion());
            String v = engines.regime().version();
            log.println("lodestone: regime " + engines.regime().id() + " (" + (v == null || v.isBlank() ? "no version" : "version " + v) + ") loaded");
            String admin = null;
            if (store.tokens().isEmpty() || cfg.newAdminToken()) {
                // kept in DATA_DIR/admin-token before it is stored: a start killed (or failing) after this point used to leave a
                // token in the database that nobody had, and the next start, seeing one, issued none (the chaos review)
                admin = store.tokens().create("administrator", Tokens.Role.ADMIN, "lodestone serve",
                        secret -> keepAdminToken(cfg.dataDir(), secret, log)).secret();
            }
            worker = new BulkWorker(store.bulkJobs(), engines, log, new CompareJobs(store, engines), store::noteFailure);
            retention = new Retention(cfg.retainJobsDays(), store.bulkJobs(), Api.TOTALS_SUM, log, java.time.Clock.systemUTC());
            Api api = new Api(store, engines, worker, cfg, retention);
            List<Route> routes = api.routes();
            Javalin app = Javalin.create(c -> {
                c.jetty.host = cfg.host();
                c.jetty.port = cfg.port();
                // the one listening connector (Javalin makes none of its own when one is given): Jetty's, saying a shortage of
                // file descriptors in a line a minute instead of a stack trace a second
                c.jetty.addConnector((js, http) -> {
                    DescriptorShortage k = new DescriptorShortage(js, log, new org.eclipse.jetty.server.HttpConnectionFactory(http));
                    k.setHost(cfg.host());
                    k.setPort(cfg.port());
                    return k;
                });
                c.http.maxRequestSize = cfg.maxUploadBytes();
                // every request on its own virtual thread: a client sending its body slowly (or a refused body being drained,
                // EarlyRefusal) parks one cheap thread instead of holding one of a pool of ~250, which 300 slow connections
                // used to exhaust so that no one else was answered (SecurityReviewTest)
                c.concurrency.useVirtualThreads = true;
                // the buffer Javalin copies each result through, allocated per response (default 32 KB; answers are a few KB)
                c.http.responseBufferSize = 8192;
                c.startup.showJavalinBanner = false;
                // Jetty's own refusals (bad request line, %00 in the path, 414, 431) in the API's JSON error shape, no version
                c.jetty.modifyServer(js -> {
                    js.setErrorHandler(new JsonErrorHandler());
                    // a stop (SIGTERM, Ctrl-C) answers the requests under way before it closes their connections, for at
                    // most STOP_GRACE_MS; it used to close them at once, and a broker whose assessment was committed read
                    // "connection closed without response" and would send it again. Javalin puts its handlers inside this one.
                    org.eclipse.jetty.server.handler.GracefulHandler graceful = new org.eclipse.jetty.server.handler.GracefulHandler();
                    graceful.setShutdownIdleTimeout(STOP_IDLE_MS);
                    js.setHandler(graceful);
                    js.setStopTimeout(STOP_GRACE_MS);
                });
                c.jetty.modifyHttpConfiguration(h -> {
                    h.setSendServerVersion(false);
                    h.setSendXPoweredBy(false);
                });
                c.staticFiles.add(s -> {
                    s.hostedPath = "/";
                    s.directory = "/web";
                    s.location = Location.CLASSPATH;
                });
                c.staticFiles.enableWebjars();
                c.routes.before(SecurityHeaders::apply); // on every response: CSP, nosniff, no framing, no referrer
                c.routes.before(Server::refuseMethodOverride); // the method is the request line's, never a header's
                for (Route r : routes) api.register(c.routes, r);
                c.routes.exception(ApiError.class, (e, ctx) -> Api.error(ctx, e));
                c.routes.exception(Exception.class, (e, ctx) -> {
                    if (Store.isUnavailable(e)) { // the database is away (or its disk full): 503, not a fault to look up
                        store.noteFailure(e); // a full disk: the health check says degraded
                        Api.unavailable(ctx, e, log);
                    }
                    else Api.internal(ctx, e, log);
                });
                c.routes.error(404, ctx -> {
                    // the API's root (/api, a client's base address with no path) is the API's too: JSON, not the static files' text
                    boolean underApi = ctx.path().equals("/api") || ctx.path().startsWith("/api/");
                    if (underApi && !ctx.res().isCommitted() && !String.valueOf(ctx.res().getContentType()).contains("json")) {
                        // a path that exists under other methods is a 405 naming them (Allow), not "no such endpoint"; HEAD
                        // is answered wherever GET is (Api.register), so it is named too, and OPTIONS wherever any is (below)
                        List<String> allowed = Stream.of("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT")
                                .filter(m -> routes.stream().anyMatch(r -> (m.equals("OPTIONS") || r.method().equals(m.equals("HEAD") ? "GET" : m))
                                        && r.matches(ctx.path()))).toList();
                        if (!allowed.isEmpty() && ctx.req().getMethod().equals("OPTIONS")) {
                            // OPTIONS asks which methods a resource answers (RFC 9110 9.3.7): a gateway's probe or a browser's
                            // CORS preflight sends it without a token, and is told them (it was a 405). No CORS header is
                            // given: the API serves only its own pages, so another origin's preflight still fails.
                            ctx.header("Allow", String.join(", ", allowed));
                            ctx.status(204);
                            ctx.result("");
                            ctx.res().setContentType(null); // no content, so no type (the static files' 404 had set text/plain)
                        } else if (!allowed.isEmpty()) {
                            ctx.header("Allow", String.join(", ", allowed));
                            Api.error(ctx, new ApiError(405, "method_not_allowed", ctx.method() + " is not a method of " + ctx.path()
                                    + "; it answers " + String.join(", ", allowed) + " (the endpoints are listed at /api/openapi.json)", null));
                        } else {
                            Api.error(ctx, ApiError.notFound("no such endpoint: " + ctx.method() + " " + ctx.path()
                                    + " (the endpoints are listed at /api/openapi.json)"));
                        }
                    }
                });
                // a route that refused the body itself has answered with its own limit (JSON): keep that answer
                c.routes.error(413, ctx -> {
                    if (!ctx.res().isCommitted() && !String.valueOf(ctx.res().getContentType()).contains("json")) {
                        Api.error(ctx, Call.tooLarge(cfg.maxUploadBytes()));
                    }
                });
            });
            app.start();
            // while stopping, a connection is closed once it has been silent this long (Jetty's own default is 1 s, which cut
            // an upload whose client paused for a second)
            for (org.eclipse.jetty.server.Connector k : app.jettyServer().server().getConnectors()) {
                if (k instanceof org.eclipse.jetty.server.AbstractConnector a) {
                    a.setIdleTimeout(IDLE_MS);
                    a.setShutdownIdleTimeout(STOP_IDLE_MS);
                }
            }
            api.removeLeftUploads(); // of a server killed while a file arrived
            worker.start();
            if (cfg.retainJobsDays() > 0) {
                log.println("lodestone: retention: a finished job's file and results are retired " + Retention.daysWord(cfg.retainJobsDays())
                        + " after it ends (looked for at start and every " + Retention.EVERY_MINUTES + " minutes)");
            }
            retention.start();
            store.keepDatabaseRunning(line -> {
                log.println(line);
                log.flush();
            });
            Server s = new Server(store, engines, worker, retention, app, admin, routes, cfg.host(), log, api);
            log.println("lodestone: serving on " + s.url());
            // the token itself never goes to the log: the caller shows it (lodestone serve: on the terminal, see adminToken())
            if (admin != null) log.println("lodestone: a new administrator token was issued");
            log.flush();
            return s;
        } catch (RuntimeException e) {
            if (retention != null) retention.close();
            if (worker != null) worker.close();
            store.close();
            throw e;
        }
    }

    /** The header Javalin takes a request's method from, when present, in place of the request line's. */
    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    /**
     * Refuses a request that asks for another method than the one it was sent with. Javalin routes by the header {@value
     * #METHOD_OVERRIDE} when a request carries it, so a GET with {@code X-HTTP-Method-Override: DELETE} revoked a token: a
     * proxy, a cache or an access rule that treats GET as a read saw a read. Refused whatever the method, before any route.
     */
    static void refuseMethodOverride(Context ctx) {
        String asked = ctx.req().getHeader(METHOD_OVERRIDE);
        if (asked == null) return;
        String shown = asked.strip();
        shown = shown.length() > 20 ? shown.substring(0, 20) + "…" : shown;
        throw ApiError.badRequest(METHOD_OVERRIDE, METHOD_OVERRIDE + ": not taken; send the request with its own method ("
                + ctx.req().getMethod() + " was sent, asking for " + Call.checkText(METHOD_OVERRIDE, shown) + ")");
    }

    public int port() {
        return app.port();
    }

    public String url() {
        return "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host) + ":" + port();
    }

    /** The administrator token issued at this start, if one was (first start or --new-admin-token). */
    /** Where a new administrator token is kept (readable by the server's user only) until its operator deletes it. */
    public static final String ADMIN_TOKEN_FILE = "admin-token";

    /**
     * Writes a new administrator token to {@code DATA_DIR/admin-token} (0600, whole or not at all, on the disk before the
     * token is stored); a file that cannot be written is said in the log, and the token is then shown on the terminal only.
     */
    static void keepAdminToken(Path dir, String token, PrintStream log) {
        if (dir == null) return;
        Path file = dir.resolve(ADMIN_TOKEN_FILE);
        Path tmp = dir.resolve(ADMIN_TOKEN_FILE + ".tmp");
        try {
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.deleteIfExists(tmp);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.util.Set.of(
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE),
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
                ch.write(java.nio.ByteBuffer.wrap((token + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            log.println("lodestone: cannot write " + file + ": " + e.getMessage());
            log.flush();
        }
    }

    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken);
    }

    public Store store() {
        return store;
    }

    List<Route> routes() {
        return routes;
    }

    String activeRegime() {
        return engines.activeSpec();
    }

    @Override
    public void close() {
        retention.close();
        worker.stopSoon(); // the job under way stops at its next chunk while the requests under way are answered
        app.stop(); // answers the requests under way (at most STOP_GRACE_MS), refusing new connections
        worker.close();
        // where the ledger's share of request latency went (read by bench/serve-load.sh)
        if (log != null) log.println("lodestone: ledger writer: " + store.ledger().timings());
        store.close();
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(json(body));
    }
}
