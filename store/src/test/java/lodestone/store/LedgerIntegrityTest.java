package lodestone.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The issue's integrity attacks, each reproduced: the embedded database trusted every local connection
 * (now: SCRAM passwords only, from a 0600 file), and a superuser could rewrite, delete or insert ledger rows
 * unseen (now: the hash chain, and {@link Ledger#verify()} names the record).
 */
class LedgerIntegrityTest {
    /** Every database folder of this class lives here; JUnit deletes it after the class. */
    @TempDir
    static Path tmp;
    static Path dir;
    static Store store;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(tmp, "integrity");
        store = Store.embedded(dir);
    }

    @AfterAll
    static void stop() {
        if (store != null) store.close();
    }

    static Ledger.NewEntry entry(int i, long owner) {
        return new Ledger.NewEntry("tester (token #" + owner + ")", owner, "bundled", "2026.1", LocalDate.of(2026, 3, 1), "2805.30." + i, "CN",
                "assessed", new BigDecimal(i + ".25"), "{\"i\":" + i + ", \"note\": \"ü no-nul|\"}", "{\"total_duty\":\"" + i + ".25\"}");
    }

    @Test
    void theDatabaseTrustsNoOneAndItsSecretIsPrivate() throws Exception {
        Path secret = dir.resolve("db-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        String hba = Files.readString(dir.resolve("postgres/pg_hba.conf"));
        assertThat(hba).contains("scram-sha-256");
        assertThat(hba.lines().filter(l -> !l.startsWith("#"))).noneMatch(l -> l.contains("trust"));
        String url = store.embeddedDatabase().jdbcUrl();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess")).hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "lodestone_app", "guess")).hasMessageContaining("password authentication failed");
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(
                "select current_user, rolsuper, rolcreaterole from pg_roles where rolname = current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("lodestone_app");
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getBoolean(3)).isFalse();
        }
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery("show synchronous_commit")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
        }
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Ledger.Entry>> fs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int k = i;
            fs.add(pool.submit(() -> store.ledger().append(entry(k, 7))));
        }
        for (Future<Ledger.Entry> f : fs) assertThat(f.get().owner()).isEqualTo(7L);
        pool.shutdown();
        Ledger.Verification v = store.ledger().verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.records()).isEqualTo(store.ledger().count()).isGreaterThanOrEqualTo(300);
        assertThat(v.headSeq()).isEqualTo(v.records());
        assertThat(store.ledger().recent(1000, 7L)).hasSizeGreaterThanOrEqualTo(300).allSatisfy(e -> assertThat(e.owner()).isEqualTo(7L));
        assertThat(store.ledger().recent(1000, 8L)).isEmpty();
    }

    /** A separate database per attack, each attack made as the superuser with the append-only triggers bypassed. */
    @Test
    void aChangedDeletedOrInsertedRecordIsFoundAndNamed() throws Exception {
        assertThat(attack("update assessment set total_duty = 0.01 where seq = 3")).singleElement().asString()
                .matches("record id \\d+ \\(position 3\\): its content does not match its hash — the record was changed");
        // changed and re-hashed: the next record's link gives it away
        assertThat(attack("update assessment set total_duty = 0.01, hash = encode(sha256(convert_to(lodestone_ledger_payload(seq, prev_hash,"
                + " id, at, actor, owner, regime, regime_version, entry_date, hts, origin, status, 0.01, request, result), 'UTF8')), 'hex') where seq = 3"))
                .singleElement().asString().matches("record id \\d+ \\(position 4\\): its link to the record before it \\(id \\d+\\) does not match .*");
        assertThat(attack("delete from assessment where seq = 2")).anySatisfy(p -> assertThat(p)
                .matches("record id \\d+ \\(position 3\\): position 2 is missing before it — deleted after record id \\d+"));
        assertThat(attack("delete from assessment where seq >= 4")).singleElement().asString()
                .isEqualTo("the last 2 records (positions 4–5) are missing — deleted from the end of the ledger");
        assertThat(attack("insert into assessment (actor, regime, regime_version, entry_date, hts, origin, status, total_duty, request, result)"
                + " values ('mallory', 'bundled', 'x', '2026-01-01', '2805', 'CN', 'assessed', 1, '{}', '{}')"))
                .singleElement().asString().matches("record id \\d+: has no position in the chain — inserted outside the ledger .*");
        assertThat(attack("insert into assessment select id + 1000, at, actor, regime, regime_version, entry_date, hts, origin, status, 0.02,"
                + " request, result, owner, seq, prev_hash, hash from assessment where seq = 2"))
                .anySatisfy(p -> assertThat(p).matches("record id \\d+ \\(position 2\\): repeats position 2 — a record inserted into the chain"));
    }

    /** Five records, then {@code sql} as the superuser past the triggers; what verify says. */
    static List<String> attack(String sql) throws Exception {
        Path d = Files.createTempDirectory(tmp, "attack");
        try (Store s = Store.embedded(d)) {
            for (int i = 1; i <= 5; i++) s.ledger().append(entry(i, 1));
            assertThat(s.ledger().verify().intact()).isTrue();
            try (Connection c = StoreTest.superuser(s); Statement st = c.createStatement()) {
                st.execute("set session_replication_role = replica");
                if (sql.startsWith("insert into assessment select")) st.execute("drop index assessment_seq");
                st.execute(sql);
            }
            Ledger.Verification v = s.ledger().verify();
            assertThat(v.intact()).isFalse();
            return v.problems();
        }
    }
}
