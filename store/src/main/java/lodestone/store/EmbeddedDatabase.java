package lodestone.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The default mode's PostgreSQL: a private server whose data lives in {@code DATA_DIR/postgres}, started
 * on a free loopback port and stopped on {@link #close()}. A server left running by a process that was
 * killed (its {@code postmaster.pid} names a live process) is stopped first, so a restart after a crash
 * just works.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres pg;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres pg, Path dataDir) {
        this.pg = pg;
        this.dataDir = dataDir;
    }

    static EmbeddedDatabase start(Path dataDir) {
        Path pgDir = dataDir.resolve("postgres");
        try {
            Files.createDirectories(pgDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + pgDir + ": " + e.getMessage()
                    + " (choose another with --data-dir)", e);
        }
        stopOrphan(pgDir);
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("fsync", "on")
                    .start();
            return new EmbeddedDatabase(pg, pgDir);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new StoreException("cannot start the embedded PostgreSQL in " + pgDir + ": " + why
                    + (why.contains("lock") ? " — is another Lodestone server using this data directory? Stop it or pass --data-dir."
                    : " — see the PostgreSQL log in that directory; another data directory can be given with --data-dir."), e);
        }
    }

    /** A PostgreSQL still running on this data directory after its owner was killed: stop it (fast shutdown). */
    static void stopOrphan(Path pgDir) {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return;
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) return;
            pid = Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return; // unreadable: PostgreSQL itself will judge it
        }
        Optional<ProcessHandle> ph = ProcessHandle.of(pid);
        if (ph.isEmpty() || !ph.get().isAlive()) return;
        String cmd = ph.get().info().command().orElse("");
        if (!cmd.endsWith("postgres")) return; // the pid was reused by something else
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            ph.get().destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ph.get().isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (ph.get().isAlive()) {
            throw new StoreException("a PostgreSQL server (pid " + pid + ") is still running on " + pgDir
                    + " and did not stop within 30 s; stop it and start again");
        }
    }

    String jdbcUrl() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    Path dataDir() {
        return dataDir;
    }

    int port() {
        return pg.getPort();
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new StoreException("the embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
