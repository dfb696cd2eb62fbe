package lodestone.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the person running the server relies on, tried as they would: a database URL carrying its password is never
 * printed with it, and the server's own database role cannot bring a revoked token or an ended session back.
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
}
