package lodestone.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared mode against a real, separately run PostgreSQL 15 server (Debian's postgresql-15), as a
 * deployment would use it. Selected — never silently skipped — by the Maven profile {@code shared-postgres},
 * which is active when {@code LODESTONE_TEST_DB_URL} is set: {@code ./lodestone test} and {@code .ci/run}
 * start Debian's cluster 15/main and set it (bin/test-postgres-15). The database is kept between runs, so
 * the test adds to it and never assumes it is empty (the ledger cannot be emptied anyway).
 */
class SharedPostgres15Test {
    static Store store;

    @BeforeAll
    static void open() {
        String url = System.getenv("LODESTONE_TEST_DB_URL");
        assertThat(url).as("LODESTONE_TEST_DB_URL is not set: this test needs a PostgreSQL 15 server; run it through ./lodestone test"
                + " or .ci/run (they start Debian's cluster with bin/test-postgres-15), or set LODESTONE_TEST_DB_URL, _USER and"
                + " _PASSWORD").isNotBlank();
        store = Store.shared(url, System.getenv("LODESTONE_TEST_DB_USER"), System.getenv("LODESTONE_TEST_DB_PASSWORD"));
    }

    @AfterAll
    static void close() {
        if (store != null) store.close();
    }

    @Test
    void theServerIsPostgres15AndTheSchemaIsMigrated() throws Exception {
        assertThat(store.isEmbedded()).isFalse();
        assertThat(store.description()).startsWith("PostgreSQL at jdbc:postgresql://");
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select version()")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("PostgreSQL 15.");
            }
            try (ResultSet rs = s.executeQuery("select max(version::int) from flyway_schema_history where success")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Integer.parseInt(Store.SCHEMA_VERSION));
            }
        }
        assertThat(store.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        // the server's connections compile no plan to machine code, whatever the server's own setting (Debian's is jit = on):
        // JIT made the job claim over a long history ~30× dearer
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select setting, reset_val, source from pg_settings where name = 'jit'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("off");
            assertThat(rs.getString(3)).isEqualTo("client");
        }
        // opening again migrates nothing and works the same
        try (Store again = Store.shared(System.getenv("LODESTONE_TEST_DB_URL"), System.getenv("LODESTONE_TEST_DB_USER"),
                System.getenv("LODESTONE_TEST_DB_PASSWORD"))) {
            assertThat(again.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        }
    }

    @Test
    void theLedgerWritesReadsAndRefusesChanges() throws Exception {
        String hts = "2846.90." + UUID.randomUUID().toString().substring(0, 8);
        Ledger.Entry e = store.ledger().append(new Ledger.NewEntry("shared-test", "bundled", "2026.11", LocalDate.of(2026, 3, 2), hts, "CN",
                "assessed", new BigDecimal("370.00"), "{\"hts\":\"" + hts + "\"}", "{\"total_duty\":\"370.00\"}"));
        Ledger.Entry back = store.ledger().get(e.id()).orElseThrow();
        assertThat(back.hts()).isEqualTo(hts);
        assertThat(back.totalDuty()).isEqualByComparingTo("370.00");
        assertThat(back.requestJson()).contains(hts);
        assertThat(store.ledger().recent(5)).extracting(Ledger.Entry::id).contains(e.id());
        assertThat(store.ledger().count()).isPositive();
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update assessment set total_duty = 0 where id = " + e.id()))
                    .hasMessageContaining("append-only ledger: UPDATE is not allowed");
            assertThatThrownBy(() -> s.executeUpdate("delete from assessment where id = " + e.id()))
                    .hasMessageContaining("append-only ledger: DELETE is not allowed");
        }
        assertThat(store.ledger().get(e.id()).orElseThrow().totalDuty()).isEqualByComparingTo("370.00");
    }

    @Test
    void bulkJobsAndTokensWorkInTheSharedMode() {
        BulkJobs jobs = store.bulkJobs();
        assertThat(jobs.exclusive()).as("leases are honoured in the shared mode").isFalse();
        byte[] data = ("line_id,hts\n1," + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
        String key = "shared-" + UUID.randomUUID();
        BulkJobs.Submitted a = jobs.submit(key, "a.csv", "csv", data, "bundled", "v", "shared-test", 100);
        BulkJobs.Submitted b = jobs.submit(key, "a.csv", "csv", data, "bundled", "v", "shared-test", 100);
        assertThat(a.duplicate()).isFalse();
        assertThat(b.duplicate()).isTrue();
        assertThat(b.job().id()).isEqualTo(a.job().id());
        Tokens.Issued t = store.tokens().create("shared test", Tokens.Role.ANALYST, "shared-test");
        assertThat(store.tokens().verify(t.secret())).isPresent();
        assertThat(store.tokens().revoke(t.token().id())).isTrue();
        assertThat(store.tokens().verify(t.secret())).isEmpty();
    }
}
