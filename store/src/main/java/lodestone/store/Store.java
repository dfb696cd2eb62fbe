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
 * way the schema is migrated on open, and a database written by a newer Lodestone is refused.
 */
public final class Store implements AutoCloseable {
    /** The schema version this build migrates to: the highest db/migration/V*.sql (a test keeps them equal). */
    public static final String SCHEMA_VERSION = "4";

    private final HikariDataSource pool;
    private final EmbeddedDatabase embedded;
    private final String description;
    private final String schemaVersion;
    private final Tokens tokens;
    private final Ledger ledger;
    private final BulkJobs bulkJobs;
    private final ScenarioRuns scenarioRuns;
    private final StockpileEvents stockpiles;

    private Store(HikariDataSource pool, EmbeddedDatabase embedded, String description, String schemaVersion) {
        this.pool = pool;
        this.embedded = embedded;
        this.description = description;
        this.schemaVersion = schemaVersion;
        this.tokens = new Tokens(pool);
        this.ledger = new Ledger(pool);
        this.bulkJobs = new BulkJobs(pool, embedded != null);
        this.scenarioRuns = new ScenarioRuns(pool);
        this.stockpiles = new StockpileEvents(pool);
    }

    /** Starts (or restarts) the embedded PostgreSQL under {@code dataDir}, migrates and opens the store. */
    public static Store embedded(Path dataDir) {
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
        try {
            HikariDataSource pool = pool(db.jdbcUrl(), "postgres", null);
            String v = migrate(pool, "the embedded database in " + db.dataDir());
            return new Store(pool, db, "embedded PostgreSQL in " + db.dataDir() + " (port " + db.port() + ")", v);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Opens a store on an existing PostgreSQL server ({@code jdbc:postgresql://host:port/db}). */
    public static Store shared(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new StoreException("database URL \"" + jdbcUrl + "\" is not a PostgreSQL JDBC URL; expected jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        HikariDataSource pool;
        try {
            pool = pool(jdbcUrl, user, password);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to " + jdbcUrl + ": " + rootMessage(e), e);
        }
        try {
            String v = migrate(pool, jdbcUrl);
            return new Store(pool, null, "PostgreSQL at " + jdbcUrl, v);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        if (user != null) c.setUsername(user);
        if (password != null) c.setPassword(password);
        c.setMaximumPoolSize(12);
        c.setMinimumIdle(2);
        c.setPoolName("lodestone");
        c.setConnectionTimeout(10_000);
        c.setInitializationFailTimeout(10_000);
        return new HikariDataSource(c);
    }

    /** The migrations this build knows, newest last (db/migration on the class path). */
    static Flyway flyway(DataSource ds) {
        return Flyway.configure(Store.class.getClassLoader())
                .dataSource(ds)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load();
    }

    /** Migrates to this build's schema; refuses a database that a newer Lodestone has migrated further. */
    static String migrate(DataSource ds, String what) {
        Flyway fw = flyway(ds);
        MigrationInfo[] all = fw.info().all();
        List<MigrationInfo> future = Arrays.stream(all)
                .filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS || i.getState() == MigrationState.FUTURE_FAILED)
                .toList();
        MigrationVersion known = Arrays.stream(all)
                .filter(i -> i.getState() != MigrationState.FUTURE_SUCCESS && i.getState() != MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(MigrationVersion.EMPTY);
        if (!future.isEmpty()) {
            MigrationVersion newest = future.stream().map(MigrationInfo::getVersion).max(Comparator.naturalOrder()).orElseThrow();
            throw new StoreException(what + " has schema version " + newest + ", written by a newer Lodestone; this one knows up to version "
                    + known + ". Upgrade Lodestone, or use another data directory (--data-dir) or database (--db-url).");
        }
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

    /** Stockpile ledgers (schema v4). */
    public StockpileEvents stockpiles() {
        return stockpiles;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) embedded.close();
    }
}
