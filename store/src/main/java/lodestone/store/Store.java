package lodestone.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Lodestone's PostgreSQL store. {@link #embedded(Path)} starts a private server under a data directory
 * (the default mode, no set-up); {@link #shared(String, String, String)} uses an existing server. Either
 * way the schema is migrated on open, and a database written by a newer Lodestone is refused; {@link #embeddedToRead}
 * and {@link #sharedToRead} open one to read only, migrating nothing (a ledger's verification).
 *
 * <p>Two roles: the schema's <em>owner</em> runs the migrations and owns every table and trigger; the
 * server's own connections use an <em>application role</em> that may read and insert the ledger and nothing
 * more (no update, delete or truncate, no trigger it could disable, no role it could become), see
 * {@link #grantApp}. Embedded: the owner is the superuser {@code postgres} and the application role
 * {@code lodestone_app}, both with generated passwords. Shared: the owner is the configured user and the
 * application role the configured application user (docs/architecture.md, "Database roles").
 */
public final class Store implements AutoCloseable {
    /** The schema version this build migrates to: the highest db/migration/V*.sql (a test keeps them equal). */
    public static final String SCHEMA_VERSION = "17";

    private final HikariDataSource pool;
    private final EmbeddedDatabase embedded;
    private final String description;
    private final String schemaVersion;
    private final Tokens tokens;
    private final Ledger ledger;
    private final BulkJobs bulkJobs;
    private final ScenarioRuns scenarioRuns;
    private final PathJobRecords pathJobs;
    private final StockpileEvents stockpiles;
    private final WhatIfs whatIfs;

    private final String appRole;
    private volatile Thread watcher;
    private volatile boolean closing;

    private Store(HikariDataSource pool, EmbeddedDatabase embedded, String description, String schemaVersion, String appRole) {
        this.appRole = appRole;
        this.pool = pool;
        this.embedded = embedded;
        this.description = description;
        this.schemaVersion = schemaVersion;
        this.tokens = new Tokens(pool);
        this.ledger = new Ledger(pool);
        this.bulkJobs = new BulkJobs(pool, embedded != null);
        this.scenarioRuns = new ScenarioRuns(pool);
        this.pathJobs = new PathJobRecords(pool);
        this.stockpiles = new StockpileEvents(pool);
        this.whatIfs = new WhatIfs(pool);
    }

    /** Starts (or restarts) the embedded PostgreSQL under {@code dataDir}, migrates and opens the store. */
    public static Store embedded(Path dataDir) {
        return embedded(dataDir, EmbeddedDatabase.LogLimits.DEFAULT);
    }

    /** As {@link #embedded(Path)}, PostgreSQL's own log kept within {@code logLimits} (tests: small ones). */
    static Store embedded(Path dataDir, EmbeddedDatabase.LogLimits logLimits) {
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, logLimits);
        try {
            String v = migrateAndGrant(db.jdbcUrl(), "postgres", db.secrets().superuser(), EmbeddedDatabase.APP_ROLE,
                    "the embedded database in " + db.dataDir());
            db.requireAppLogin(); // a refused app= of db-secret is the file's, said at once (the pool retried it for 10 s, then threw)
            HikariDataSource pool = pool(db.jdbcUrl(), EmbeddedDatabase.APP_ROLE, db.secrets().app());
            return new Store(pool, db, "embedded PostgreSQL in " + db.dataDir() + " (port " + db.port() + ")"
                    + (synchronousCommit().equals("off") ? ", synchronous_commit OFF (a benchmark baseline: acknowledged writes may be lost in an OS crash)" : ""),
                    v, EmbeddedDatabase.APP_ROLE);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * The ledger's hash chain begins at this schema version (V3): an older database has nothing to verify.
     */
    static final int CHAIN_SINCE = 3;

    /**
     * Opens the embedded database under {@code dataDir} to read only, for {@code lodestone ledger verify}: no migration
     * and no grants, read-only transactions. A verification changes nothing — it migrated an old data directory (or a
     * backup copy of one) to this build's schema, after which the Lodestone that wrote it could no longer open it.
     */
    /**
     * Whether a running Lodestone (a server) holds the embedded database in {@code dataDir}: a command that would open it
     * is refused, and says where to do what it wanted instead.
     */
    public static boolean embeddedInUse(Path dataDir) {
        return EmbeddedDatabase.inUse(dataDir.resolve("postgres"));
    }

    public static Store embeddedToRead(Path dataDir) {
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, EmbeddedDatabase.LogLimits.READING);
        try {
            String what = "the embedded database in " + db.dataDir();
            String v = schemaToRead(db.jdbcUrl(), "postgres", db.secrets().superuser(), what);
            HikariDataSource pool = pool(db.jdbcUrl(), "postgres", db.secrets().superuser(), true);
            return new Store(pool, db, "embedded PostgreSQL in " + db.dataDir() + " (port " + db.port() + "), read only", v, null);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** As {@link #embeddedToRead}, on an existing PostgreSQL server as {@code user}. */
    public static Store sharedToRead(String jdbcUrl, String user, String password) {
        String shown = redacted(jdbcUrl);
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new StoreException("database URL \"" + shown + "\" is not a PostgreSQL JDBC URL; expected jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        String v = schemaToRead(jdbcUrl, user, password, shown);
        HikariDataSource pool;
        try {
            pool = pool(jdbcUrl, user, password, true);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + shown + " as " + user + ": " + rootMessage(e), e);
        }
        return new Store(pool, null, "PostgreSQL at " + shown + ", read only", v, null);
    }

    /** The schema's version, refusing one too old to hold the ledger's chain or written by a newer Lodestone. */
    private static String schemaToRead(String url, String user, String password, String what) {
        DataSource ds = connected(url, user, password, what);
        MigrationInfo[] all;
        try {
            all = flyway(ds).info().all();
        } catch (RuntimeException e) {
            throw new StoreException("cannot read the schema's version in " + what + ": " + rootMessage(e), e);
        }
        refuseNewer(all, what, "Verify it with that Lodestone.");
        MigrationVersion applied = Arrays.stream(all).filter(i -> i.getState() == MigrationState.SUCCESS)
                .map(MigrationInfo::getVersion).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(MigrationVersion.EMPTY);
        if (applied.compareTo(MigrationVersion.fromVersion(Integer.toString(CHAIN_SINCE))) < 0) {
            throw new StoreException(what + " has schema version " + (applied == MigrationVersion.EMPTY ? "none" : applied.getVersion())
                    + ": its ledger has no hash chain (schema version " + CHAIN_SINCE + " and later). Start lodestone serve on it once "
                    + "to migrate it, then verify.");
        }
        return applied.getVersion();
    }

    /**
     * Opens a store on an existing PostgreSQL server ({@code jdbc:postgresql://host:port/db}) as {@code user},
     * which owns the schema and also serves: prefer {@link #shared(String, String, String, String, String)}.
     */
    public static Store shared(String jdbcUrl, String user, String password) {
        return shared(jdbcUrl, user, password, null, null);
    }

    /**
     * Opens a store on an existing PostgreSQL server: {@code owner} migrates the schema and grants
     * {@code appUser} what the server needs (the ledger: read and insert only); the server's connections then
     * use {@code appUser}. With no application user, the owner serves too (and could change its own tables).
     */
    public static Store shared(String jdbcUrl, String owner, String ownerPassword, String appUser, String appPassword) {
        String shown = redacted(jdbcUrl); // what is said of the URL, in errors and the log: never a password it may hold
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new StoreException("database URL \"" + shown + "\" is not a PostgreSQL JDBC URL; expected jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        boolean separate = appUser != null && !appUser.isBlank();
        String v = migrateAndGrant(jdbcUrl, owner, ownerPassword, separate ? appUser.trim() : null, shown);
        HikariDataSource pool;
        try {
            pool = separate ? pool(jdbcUrl, appUser.trim(), appPassword) : pool(jdbcUrl, owner, ownerPassword);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + shown + " as " + (separate ? appUser : owner) + ": " + rootMessage(e), e);
        }
        return new Store(pool, null, "PostgreSQL at " + shown + (separate ? " (as " + appUser.trim() + ")"
                : " (as the schema's owner: set LODESTONE_DB_APP_USER for a role that cannot change the ledger)"), v, separate ? appUser.trim() : null);
    }

    /**
     * A JDBC URL as it may be said in a message or the log: the value of every parameter whose name holds "password"
     * ({@code password}, {@code sslpassword}) replaced by {@code ***}. The driver takes a password in the URL
     * ({@code jdbc:postgresql://db/lodestone?user=x&password=…}), and the URL is printed at every start and in every
     * refusal to connect.
     */
    static String redacted(String jdbcUrl) {
        if (jdbcUrl == null) return null;
        return jdbcUrl.replaceAll("(?i)([?&;][^=&;]*password[^=&;]*=)[^&;]*", "$1***");
    }

    /** A plain (unpooled) data source as {@code user}, once a connection has been made: a refusal says what and as whom. */
    private static DataSource connected(String url, String user, String password, String what) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(url);
        if (user != null) ds.setUser(user);
        if (password != null) ds.setPassword(password);
        try (Connection probe = ds.getConnection()) {
            probe.isValid(5);
        } catch (SQLException e) {
            throw new StoreException("cannot connect to " + what + (user == null ? "" : " as " + user) + ": " + rootMessage(e), e);
        }
        return ds;
    }

    /** Migrates as the owner (one short connection) and grants the application role its rights. */
    private static String migrateAndGrant(String url, String owner, String ownerPassword, String appRole, String what) {
        DataSource ds = connected(url, owner, ownerPassword, what);
        String v = migrate(ds, what);
        if (appRole != null) {
            try (Connection c = ds.getConnection()) {
                grantApp(c, appRole);
            } catch (SQLException e) {
                throw new StoreException("cannot grant the role " + appRole + " its rights in " + what + ": " + e.getMessage(), e);
            }
        }
        return v;
    }

    /**
     * What the server's role may do, table by table (run by the owner after every migration, so it always
     * matches the schema): the ledger and scenario runs are read and inserted only; uploaded files and committed chunks
     * are read, inserted and deleted — a delete that schema 15's triggers allow only of a retired job's rows (BulkJobs.retire); tokens are inserted, revoked (their revoked_at column) and given a new secret (token_hash, renewed_at, renewed_by: schema 17's trigger refuses it for a revoked token) only, web sessions inserted and ended (ended_at) only; the chain's head and the
     * migration history are read only. Jobs are inserted, and then only their progress is updated ({@link #APP_UPDATES}):
     * never whose a job is, what was uploaded or what was asked. A table not named here (added by a later migration) is read and
     * written, never truncated. No role membership, no ownership, so no trigger can be disabled.
     */
    /**
     * The only columns the server's role may update, table by table — those the store's own UPDATE statements set: a
     * token's revocation and the renewal of its secret, a session's end, a bulk or compare job's lease, progress (its repeated line ids too) and end (BulkJobs), a path job's
     * status, end and run (PathJobRecords), a finished job's retirement (its retired_at and the totals it keeps). Not a job's owner, file name, content, kind, parameters or regime.
     */
    static final java.util.Map<String, String> APP_UPDATES = java.util.Map.of(
            "api_token", "revoked_at, token_hash, renewed_at, renewed_by",
            "web_session", "ended_at",
            "bulk_job", "status, lease_owner, lease_until, updated_at, finished_at, error, chunks_done, lines_done, assessed, prohibited,"
                    + " rejected, total_duty, duplicate_ids, duplicate_check_stopped_at, retired_at, retired_totals",
            "path_job", "status, error, run_id, ended_at");

    static void grantApp(Connection c, String role) throws SQLException {
        String r = "\"" + role.replace("\"", "\"\"") + "\"";
        java.util.Map<String, String> only = java.util.Map.ofEntries(
                java.util.Map.entry("assessment", "select, insert"),
                java.util.Map.entry("bulk_input", "select, insert, delete"),
                java.util.Map.entry("bulk_input_piece", "select, insert, delete"),
                java.util.Map.entry("bulk_chunk", "select, insert, delete"),
                java.util.Map.entry("scenario_run", "select, insert"),
                java.util.Map.entry("bulk_job", "select, insert"),
                java.util.Map.entry("api_token", "select, insert"),
                java.util.Map.entry("web_session", "select, insert"),
                java.util.Map.entry("ledger_head", "select"),
                java.util.Map.entry("flyway_schema_history", "select"),
                java.util.Map.entry("stockpile_event", "select, insert"),
                java.util.Map.entry("path_job", "select, insert"),
                java.util.Map.entry("whatif", "select, insert"));
        c.setAutoCommit(false);
        try (java.sql.Statement st = c.createStatement()) {
            String schema;
            try (java.sql.ResultSet rs = st.executeQuery("select current_schema()")) {
                rs.next();
                schema = "\"" + rs.getString(1).replace("\"", "\"\"") + "\"";
            }
            List<String> tables = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = current_schema()")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            st.execute("grant usage on schema " + schema + " to " + r);
            st.execute("revoke all on all tables in schema " + schema + " from " + r);
            for (String t : tables) {
                String q = schema + ".\"" + t.replace("\"", "\"\"") + "\"";
                st.execute("grant " + only.getOrDefault(t, "select, insert, update, delete") + " on " + q + " to " + r);
            }
            for (java.util.Map.Entry<String, String> u : APP_UPDATES.entrySet()) {
                if (tables.contains(u.getKey())) st.execute("grant update (" + u.getValue() + ") on " + schema + "." + u.getKey() + " to " + r);
            }
            st.execute("revoke all on all sequences in schema " + schema + " from " + r);
            st.execute("grant usage, select on all sequences in schema " + schema + " to " + r);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** The role the server's connections use (null when the owner serves, in a shared database without an application user). */
    public String appRole() {
        return appRole;
    }

    private static HikariDataSource pool(String url, String user, String password) {
        return pool(url, user, password, false);
    }

    private static HikariDataSource pool(String url, String user, String password, boolean readOnly) {
        HikariConfig c = new HikariConfig();
        c.setReadOnly(readOnly);
        c.setJdbcUrl(url);
        if (user != null) c.setUsername(user);
        if (password != null) c.setPassword(password);
        c.setMaximumPoolSize(12);
        c.setMinimumIdle(2);
        c.setPoolName("lodestone");
        // an acknowledged write is on disk, whatever the server's default (docs/benchmarks.md has the cost); and no JIT
        // compilation, whatever the server's default: the worker's claim of a job is estimated dear over a long job history and
        // JIT added ~100 ms to a query of ~3 ms (docs/benchmarks.md, "Server"), a shared server's default being jit = on
        c.addDataSourceProperty("options", "-c synchronous_commit=" + synchronousCommit() + " -c jit=off");
        c.setConnectionTimeout(10_000);
        c.setInitializationFailTimeout(10_000);
        return new HikariDataSource(c);
    }

    /**
     * {@code on}, unless {@code LODESTONE_SYNCHRONOUS_COMMIT=off} asks otherwise — which exists only to measure
     * what durability costs (bench/serve-load.sh runs both); the store's description then says so.
     */
    static String synchronousCommit() {
        String v = System.getenv().getOrDefault("LODESTONE_SYNCHRONOUS_COMMIT", "on").trim();
        if (!v.equals("on") && !v.equals("off")) {
            throw new StoreException("LODESTONE_SYNCHRONOUS_COMMIT=" + v + ": expected on (the default) or off");
        }
        return v;
    }

    /** The migrations this build knows, newest last (db/migration on the class path). */
    static Flyway flyway(DataSource ds) {
        return Flyway.configure(Store.class.getClassLoader())
                .dataSource(ds)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load();
    }

    /**
     * The newest schema version this build knows; refuses, saying {@code then}, a database that a newer Lodestone has
     * migrated further (the migrating and the read-only opens alike).
     */
    private static MigrationVersion refuseNewer(MigrationInfo[] all, String what, String then) {
        java.util.function.Predicate<MigrationInfo> future = i -> i.getState() == MigrationState.FUTURE_SUCCESS
                || i.getState() == MigrationState.FUTURE_FAILED;
        MigrationVersion known = Arrays.stream(all).filter(future.negate()).map(MigrationInfo::getVersion)
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(MigrationVersion.EMPTY);
        MigrationVersion newest = Arrays.stream(all).filter(future).map(MigrationInfo::getVersion).max(Comparator.naturalOrder()).orElse(null);
        if (newest != null) {
            throw new StoreException(what + " has schema version " + newest + ", written by a newer Lodestone; this one knows up to version "
                    + known + ". " + then);
        }
        return known;
    }

    /** Migrates to this build's schema; refuses a database that a newer Lodestone has migrated further. */
    static String migrate(DataSource ds, String what) {
        Flyway fw = flyway(ds);
        MigrationInfo[] all = fw.info().all();
        MigrationVersion known = refuseNewer(all, what, "Upgrade Lodestone, or use another data directory (--data-dir) or database (--db-url).");
        try {
            fw.migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot migrate " + what + ": " + rootMessage(e), e);
        }
        return known.getVersion();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public DataSource dataSource() {
        return pool;
    }

    /** For people: "embedded PostgreSQL in ~/.lodestone/postgres (port 54123)" or the URL. */
    public String description() {
        return description;
    }

    public String schemaVersion() {
        return schemaVersion;
    }

    /**
     * Says that this store's owner closes it in a shutdown hook of its own (lodestone serve: requests under way are answered
     * first): the embedded database's own hook then waits for that close, at most {@code within}, instead of stopping the
     * database under them at once. Shared mode: nothing (no database of its own to stop).
     */
    public void closedByOwnerAtExit(java.time.Duration within) {
        if (embedded != null) embedded.closedByOwnerAtExit(within);
    }

    /** The embedded server (tests reach its superuser through it), or null in the shared mode. */
    EmbeddedDatabase embeddedDatabase() {
        return embedded;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public Tokens tokens() {
        return tokens;
    }

    public Ledger ledger() {
        return ledger;
    }

    public BulkJobs bulkJobs() {
        return bulkJobs;
    }

    public ScenarioRuns scenarioRuns() {
        return scenarioRuns;
    }

    /** Path jobs submitted through the API (schema v6); their results are scenario runs. */
    public PathJobRecords pathJobs() {
        return pathJobs;
    }

    /** Stockpile ledgers (schema v4). */
    public StockpileEvents stockpiles() {
        return stockpiles;
    }

    public WhatIfs whatIfs() {
        return whatIfs;
    }

    /**
     * Embedded mode: watches the PostgreSQL this store started, and when it has stopped under the server (killed, crashed)
     * starts it again on the same port, saying so through {@code say}; the connection pool then reconnects by itself.
     * Requests made meanwhile are refused as {@link #isUnavailable unavailable}. Nothing is done while the JVM shuts
     * down (the library's own hook stops the database then). Shared mode: nothing to watch (the database's
     * administrator restarts it; the pool reconnects).
     */
    public void keepDatabaseRunning(java.util.function.Consumer<String> say) {
        if (embedded == null || watcher != null) return;
        watcher = Thread.ofPlatform().name("lodestone-db-watch").daemon(true).start(() -> {
            while (!closing) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                if (closing || embedded.running() || shuttingDown()) continue;
                long pid = embedded.pid();
                long t0 = System.nanoTime();
                say.accept("lodestone: the embedded PostgreSQL (pid " + pid + ", port " + embedded.port() + ") stopped under the server;"
                        + " requests that need the database are answered 503 until it is back. Starting it again…");
                try {
                    embedded.restart();
                    say.accept(String.format(java.util.Locale.ROOT, "lodestone: the embedded PostgreSQL is running again (pid %d, port %d,"
                            + " after %.1f s); it recovered every committed transaction", embedded.pid(), embedded.port(), (System.nanoTime() - t0) / 1e9));
                } catch (RuntimeException e) {
                    if (closing) return;
                    say.accept("lodestone: cannot start the embedded PostgreSQL again: " + e.getMessage() + "; trying again in 5 s");
                    try {
                        Thread.sleep(4500);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
    }

    /** Whether the JVM is shutting down (no hook can be added then). */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * What is wrong with the database, or empty when it answers: the embedded PostgreSQL not running, or a query that
     * fails or takes more than {@code wait}. For the health check.
     */
    /** When a write was last refused for want of room (SQLSTATE 53100), as {@link System#nanoTime()}; 0: never. */
    private volatile long diskFullAt;

    /**
     * Notes a failure of a request or a job: a write the database refused for a full disk is remembered (for {@link
     * #writeProblem}), so that the health check says the server is degraded while reads still work.
     */
    public void noteFailure(Throwable e) {
        if (DISK_FULL.equals(unavailableWhy(e))) {
            long now = System.nanoTime();
            diskFullAt = now == 0 ? 1 : now;
        }
    }

    private static final String DISK_FULL = "the database's disk is full";

    /** How long a write refused for a full disk is said by {@link #writeProblem} after it (seconds). */
    static final long DISK_FULL_SAID_SECONDS = 60;

    /**
     * Why writes fail or will soon fail while the database still answers reads — its disk full or nearly so (the embedded
     * database's file system, measured), or a write refused for want of room in the last {@value #DISK_FULL_SAID_SECONDS}
     * s (any database) — or empty. Names no file: the health check that says it needs no token.
     */
    public java.util.Optional<String> writeProblem() {
        long free = embedded == null ? -1 : EmbeddedDatabase.usableSpace(embedded.dataDir());
        long at = diskFullAt;
        long ago = at == 0 ? -1 : (System.nanoTime() - at) / 1_000_000_000L;
        return java.util.Optional.ofNullable(writeProblem(free, ago));
    }

    /**
     * {@link #writeProblem()} of {@code free} bytes free on the database's file system (-1: not known) and a write refused
     * for want of room {@code secondsAgo} seconds ago (-1: none).
     */
    static String writeProblem(long free, long secondsAgo) {
        String refused = ": new assessments, bulk jobs and other writes are refused (503) until the server's operator makes room"
                + " on the database's disk; reads go on";
        if (free >= 0 && free < EmbeddedDatabase.MIN_FREE_BYTES) {
            return DISK_FULL + " (" + String.format(java.util.Locale.ROOT, "%,d", free) + " bytes free)" + refused;
        }
        if (secondsAgo >= 0 && secondsAgo < DISK_FULL_SAID_SECONDS) {
            return "the database refused a write for want of room " + secondsAgo + " s ago" + refused;
        }
        if (free >= 0 && free < EmbeddedDatabase.LOW_FREE_BYTES) {
            return "the database's disk is nearly full (" + String.format(java.util.Locale.ROOT, "%,d", free) + " bytes free, less than"
                    + " 64 MiB): writes may soon be refused; the server's operator should make room";
        }
        return null;
    }

    public java.util.Optional<String> databaseProblem(java.time.Duration wait) {
        if (embedded != null && !embedded.running()) {
            return java.util.Optional.of("the embedded PostgreSQL is not running (being started again)");
        }
        java.util.concurrent.CompletableFuture<String> probe = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
                st.execute("select 1");
                probe.complete(null);
            } catch (SQLException | RuntimeException e) {
                probe.complete("not answering: " + rootMessage(e));
            }
        });
        try {
            return java.util.Optional.ofNullable(probe.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            return java.util.Optional.of("not answering within " + wait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return java.util.Optional.of("not answering: " + rootMessage(e));
        }
    }

    /**
     * Whether {@code e} failed because the database could not be reached — no connection to be had, a connection lost, the
     * server shutting down or starting — rather than because of what was asked: the request may be tried again.
     */
    public static boolean isUnavailable(Throwable e) {
        return unavailableWhy(e) != null;
    }

    /**
     * Why the database could not do what {@code e} failed at, for people — "the database's disk is full", "the database is
     * not answering" — or null when {@code e} is not such a failure (see {@link #isUnavailable}). A full disk (SQLSTATE
     * 53100) and the database's other missing resources (class 53: memory, connections) count: the request may be sent
     * again once the operator has made room, and a bulk job waits for it instead of failing.
     */
    public static String unavailableWhy(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.net.ConnectException) return "the database is not answering";
            if (t instanceof SQLException se && se.getSQLState() != null) {
                String st = se.getSQLState();
                if (st.equals("53100")) return "the database's disk is full";
                if (st.startsWith("53")) return "the database is out of " + (st.equals("53300") ? "connections" : "memory or another resource");
                if (st.startsWith("08") || st.equals("57P01") || st.equals("57P02") || st.equals("57P03")) return "the database is not answering";
            }
        }
        return null;
    }

    /**
     * Rolls back after {@code failure}: a rollback that fails too (the connection is gone with the database) is kept as
     * suppressed, so that the failure thrown is the one that happened ("terminating connection due to unexpected
     * postmaster exit", which says the database is away), not the rollback's "Connection is closed".
     */
    static void rollbackAfter(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The deepest cause's message (for a one-line account of a failure). */
    public static String cause(Throwable e) {
        return rootMessage(e);
    }

    @Override
    public void close() {
        closing = true;
        Thread w = watcher;
        if (w != null) {
            w.interrupt();
            try {
                w.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ledger.close();
        pool.close();
        if (embedded != null) embedded.close();
    }
}
