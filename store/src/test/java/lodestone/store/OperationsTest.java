package lodestone.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the person running the server relies on, tried as they would: a database URL carrying its password is never printed with it. */
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
}
