package lodestone.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store on a real (embedded) PostgreSQL: migrations, the ledger, tokens, bulk jobs, scenario runs. */
class StoreTest {
    /** Every database folder of this class lives here; JUnit deletes it after the class (each is a whole cluster, ~40 MB). */
    @TempDir
    static Path tmp;
    static Path dir;
    static Store store;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory(tmp, "store");
        store = Store.embedded(dir);
    }

    @AfterAll
    static void stop() {
        if (store != null) store.close();
    }

    /** A connection as the embedded database's superuser (the schema's owner), with the password from the data directory. */
    static Connection superuser(Store s) throws SQLException {
        EmbeddedDatabase db = s.embeddedDatabase();
        return java.sql.DriverManager.getConnection(db.jdbcUrl(), "postgres", db.secrets().superuser());
    }

    static Ledger.NewEntry entry(String hts) {
        return new Ledger.NewEntry("tester", "bundled", "2026.1", LocalDate.of(2026, 3, 1), hts, "CN", "assessed",
                new BigDecimal("12.50"), "{\"hts\":\"" + hts + "\"}", "{\"total_duty\":\"12.50\"}");
    }

    @Test
    void theLedgerKeepsWhatWasWrittenAndRefusesChanges() throws SQLException {
        Ledger.Entry e = store.ledger().append(entry("2805.30.0000"));
        Ledger.Entry back = store.ledger().get(e.id()).orElseThrow();
        assertThat(back.hts()).isEqualTo("2805.30.0000");
        assertThat(back.totalDuty()).isEqualByComparingTo("12.50");
        assertThat(back.requestJson()).contains("2805.30.0000");
        assertThat(store.ledger().recent(10)).extracting(Ledger.Entry::id).contains(e.id());
        // the server's own role may not change the ledger, disable its triggers, replicate around them, or become the owner
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update assessment set total_duty = 0 where id = " + e.id()))
                    .hasMessageContaining("permission denied for table assessment");
            assertThatThrownBy(() -> s.executeUpdate("delete from assessment where id = " + e.id()))
                    .hasMessageContaining("permission denied for table assessment");
            assertThatThrownBy(() -> s.executeUpdate("truncate assessment"))
                    .hasMessageContaining("permission denied for table assessment");
            assertThatThrownBy(() -> s.execute("alter table assessment disable trigger assessment_append_only"))
                    .hasMessageContaining("must be owner of table assessment");
            assertThatThrownBy(() -> s.execute("set session_replication_role = replica"))
                    .hasMessageContaining("permission denied to set parameter");
            assertThatThrownBy(() -> s.execute("set role postgres")).hasMessageContaining("permission denied to set role");
            assertThatThrownBy(() -> s.executeUpdate("update ledger_head set seq = 0")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("update api_token set role = 'admin'")).hasMessageContaining("permission denied");
        }
        // and even the owner meets the append-only trigger
        try (Connection c = superuser(store); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update assessment set total_duty = 0 where id = " + e.id()))
                    .hasMessageContaining("append-only ledger: UPDATE is not allowed");
            assertThatThrownBy(() -> s.executeUpdate("delete from assessment where id = " + e.id()))
                    .hasMessageContaining("append-only ledger: DELETE is not allowed");
            assertThatThrownBy(() -> s.executeUpdate("truncate assessment"))
                    .hasMessageContaining("append-only ledger: TRUNCATE is not allowed");
        }
        assertThat(store.ledger().get(e.id()).orElseThrow().totalDuty()).isEqualByComparingTo("12.50");
    }

    @Test
    void tokensAreVerifiedByTheirSecretAndRevocationIsImmediate() {
        Tokens.Issued t = store.tokens().create("analyst one", Tokens.Role.ANALYST, "test");
        assertThat(t.secret()).startsWith("lst_").hasSize(47);
        assertThat(store.tokens().verify(t.secret())).get().extracting(Tokens.Token::role).isEqualTo(Tokens.Role.ANALYST);
        assertThat(store.tokens().verify(t.secret() + "x")).isEmpty();
        assertThat(store.tokens().verify("Bearer nonsense")).isEmpty();
        assertThat(store.tokens().revoke(t.token().id())).isTrue();
        assertThat(store.tokens().verify(t.secret())).isEmpty();
        assertThat(store.tokens().revoke(t.token().id())).isFalse();
        assertThat(store.tokens().list()).anySatisfy(x -> {
            assertThat(x.id()).isEqualTo(t.token().id());
            assertThat(x.active()).isFalse();
        });
        assertThatThrownBy(() -> Tokens.Role.parse("superuser")).hasMessage("unknown role \"superuser\"; expected analyst or admin");
    }

    /**
     * Jobs, runs and ledger records belong to the token that made them: changing a secret by making a new token and revoking
     * the old one cut its user off from all of it. Renewing gives the same token a new secret.
     */
    @Test
    void aRenewedTokenKeepsItsIdentityAndOnlyTheNewSecretWorks() throws Exception {
        Tokens.Issued t = store.tokens().create("renewed analyst", Tokens.Role.ANALYST, "test");
        Tokens.Session open = store.tokens().openSession(t.token(), java.time.Duration.ofHours(12));
        assertThat(store.tokens().verify(t.secret())).isPresent(); // cached now
        assertThat(store.tokens().verifySession(open.secret())).isPresent();

        Tokens.Issued r = store.tokens().renew(t.token().id(), "admin (token #1)").orElseThrow();
        assertThat(r.secret()).startsWith("lst_").hasSize(47).isNotEqualTo(t.secret());
        assertThat(r.token().id()).isEqualTo(t.token().id());
        assertThat(r.token().name()).isEqualTo("renewed analyst");
        assertThat(r.token().role()).isEqualTo(Tokens.Role.ANALYST);
        assertThat(r.token().createdAt()).isEqualTo(t.token().createdAt());
        assertThat(r.token().renewedBy()).isEqualTo("admin (token #1)");
        assertThat(r.token().renewedAt()).isNotNull();
        // the old secret and the sessions it opened stop at once, though just verified (and so cached)
        assertThat(store.tokens().verify(t.secret())).isEmpty();
        assertThat(store.tokens().verifySession(open.secret())).isEmpty();
        assertThat(store.tokens().verify(r.secret())).get().extracting(Tokens.Token::id).isEqualTo(t.token().id());
        assertThat(store.tokens().list()).filteredOn(x -> x.id() == t.token().id()).singleElement()
                .satisfies(x -> assertThat(x.renewedBy()).isEqualTo("admin (token #1)"));

        // a revoked token is not renewed, here nor by the server's own role behind the store's back
        assertThat(store.tokens().revoke(t.token().id())).isTrue();
        assertThat(store.tokens().renew(t.token().id(), "admin")).isEmpty();
        assertThat(store.tokens().renew(987_654_321L, "admin")).isEmpty();
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("update api_token set token_hash = 'x', renewed_at = now(), renewed_by = 'me' where id = "
                    + t.token().id())).hasMessageContaining("a revoked token cannot be renewed: token " + t.token().id());
            Tokens.Issued other = store.tokens().create("other", Tokens.Role.ANALYST, "test");
            // a new secret says when and by whom; a renewal is not recorded without one; the name and role stay as made
            assertThatThrownBy(() -> st.executeUpdate("update api_token set token_hash = 'y' where id = " + other.token().id()))
                    .hasMessageContaining("a renewed secret records when and by whom");
            assertThatThrownBy(() -> st.executeUpdate("update api_token set renewed_at = now(), renewed_by = 'me' where id = " + other.token().id()))
                    .hasMessageContaining("a renewal is recorded only with a new secret");
            assertThatThrownBy(() -> st.executeUpdate("update api_token set role = 'admin'")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeUpdate("update api_token set name = 'x'")).hasMessageContaining("permission denied");
        }
    }

    @Test
    void webSessionsHoldTheirOwnSecretAndEndBySigningOutExpiryOrRevocation() throws Exception {
        Tokens.Issued t = store.tokens().create("browser user", Tokens.Role.ANALYST, "test");
        Tokens.Session s = store.tokens().openSession(t.token(), java.time.Duration.ofHours(12));
        assertThat(s.secret()).startsWith("lss_").hasSize(47).isNotEqualTo(t.secret());
        assertThat(store.tokens().verifySession(s.secret())).get().extracting(Tokens.Token::id).isEqualTo(t.token().id());
        // a token is not a session, nor a session a token
        assertThat(store.tokens().verifySession(t.secret())).isEmpty();
        assertThat(store.tokens().verify(s.secret())).isEmpty();
        // only the hash is stored
        try (Connection c = superuser(store); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select session_hash from web_session")) {
            while (rs.next()) assertThat(rs.getString(1)).doesNotContain(s.secret().substring(4)).hasSize(64);
        }
        // signing out ends it at once (even though it was just verified, and so cached)
        assertThat(store.tokens().endSession(s.secret())).isTrue();
        assertThat(store.tokens().verifySession(s.secret())).isEmpty();
        assertThat(store.tokens().endSession(s.secret())).isFalse();
        // an expired session signs nothing in
        Tokens.Session brief = store.tokens().openSession(t.token(), java.time.Duration.ofSeconds(1));
        Thread.sleep(1_300);
        assertThat(store.tokens().verifySession(brief.secret())).isEmpty();
        // revoking the token ends its open sessions
        Tokens.Session open = store.tokens().openSession(t.token(), java.time.Duration.ofHours(12));
        assertThat(store.tokens().verifySession(open.secret())).isPresent();
        assertThat(store.tokens().revoke(t.token().id())).isTrue();
        assertThat(store.tokens().verifySession(open.secret())).isEmpty();
        // the server's role may end a session, not rewrite or remove one
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("update web_session set expires_at = now() + interval '10 years'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeUpdate("update web_session set token_id = 1")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeUpdate("delete from web_session")).hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> store.tokens().openSession(t.token(), java.time.Duration.ZERO))
                .hasMessage("a session's lifetime must be positive");
    }

    /**
     * Session 21's attack review: every web session verified once stayed in the token cache for good (an entry is dropped
     * only when its own secret is looked up again and misses), so a user signing in and making one call in a loop grew the
     * server's memory without bound. Entries past their few seconds are swept as new ones come in.
     */
    @Test
    void theTokenCacheKeepsOnlyWhatWasVerifiedInTheLastFewSeconds() throws Exception {
        Tokens tokens = new Tokens(store.dataSource());
        Tokens.Issued t = store.tokens().create("signs in in a loop", Tokens.Role.ANALYST, "test");
        for (int i = 0; i < 30; i++) {
            Tokens.Session s = tokens.openSession(t.token(), java.time.Duration.ofHours(1));
            assertThat(tokens.verifySession(s.secret())).isPresent();
        }
        assertThat(tokens.verify(t.secret())).isPresent();
        assertThat(tokens.cached()).isEqualTo(31);
        Thread.sleep(Tokens.CACHE_NANOS / 1_000_000 + 300);
        Tokens.Session last = tokens.openSession(t.token(), java.time.Duration.ofHours(1));
        assertThat(tokens.verifySession(last.secret())).isPresent();
        assertThat(tokens.cached()).isEqualTo(1); // before: 32, and one more for every session ever used
        assertThat(tokens.verify(t.secret())).isPresent();
        assertThat(tokens.cached()).isEqualTo(2);
    }

    /**
     * Session 21's attack review: the embedded PostgreSQL's programs were unpacked by its library into
     * {@code /tmp/embedded-pg}, which the library makes writable by every user (mode 777, no sticky bit), and run from there:
     * another user of the machine could rename the unpacked folder and put a {@code bin/postgres} of their own in its place,
     * and the next start ran it as the server's user. The programs now live in a directory of the server's user that no one
     * else can enter ({@code ~/.cache/lodestone}, mode 700): every directory on the way to them is writable by its owner
     * only (or sticky, as /tmp), until one that only its owner may enter.
     */
    @Test
    void thePostgresProgramsRunFromADirectoryNoOtherUserCanWrite() throws Exception {
        String opts = Files.readString(dir.resolve("postgres").resolve("postmaster.opts")).trim();
        Path program = Path.of(opts.startsWith("\"") ? opts.substring(1, opts.indexOf('"', 1)) : opts.split(" ")[0]);
        assertThat(program.getFileName().toString()).isEqualTo("postgres");
        List<String> open = new java.util.ArrayList<>();
        Path at = program.getRoot();
        for (Path part : program.getParent()) {
            at = at.resolve(part);
            int mode = (Integer) Files.getAttribute(at, "unix:mode");
            if ((mode & 0077) == 0) break; // only its owner may enter: nothing below it is reached by anyone else
            boolean sticky = (mode & 01000) != 0;
            if ((mode & 0022) != 0 && !sticky) open.add(at + " (mode " + Integer.toOctalString(mode & 07777) + ")");
        }
        assertThat(open).as("directories on the way to " + program + " that other users may write").isEmpty();
        assertThat(program.startsWith(Path.of(System.getProperty("user.home"), ".cache", "lodestone"))).as(program.toString()).isTrue();
    }

    /**
     * The small-machine review of 2026-12-06: a job's uploaded file was read from the database whole, several times its
     * size in the heap at once (the driver's hex text and its bytes), so a 67 MB upload ran a 128 MiB server (a 512 MB container's
     * default heap) out of memory, and the job was paused and tried again every 30 s for ever. It is now read a piece at a
     * time: the same bytes, and reading it takes memory for a piece, not for the file.
     */
    @Test
    void aJobsFileIsReadAPieceAtATimeNotWhole() throws Exception {
        byte[] data = new byte[32 * BulkJobs.INPUT_PIECE + 12345];
        new java.util.Random(7).nextBytes(data);
        BulkJobs.Submitted job = store.bulkJobs().submit("pieces", "big.csv", "csv", data, "bundled", "v", "t", 100);
        BulkJobs.Submitted small = store.bulkJobs().submit("pieces-small", "small.csv", "csv", new byte[]{'a', '\n'}, "bundled", "v", "t", 100);
        try (java.io.InputStream in = store.bulkJobs().input(small.job().id())) {
            assertThat(in.readAllBytes()).containsExactly('a', '\n'); // the first read's costs of its own (classes, a connection)
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream(data.length);
        long before = threads.getThreadAllocatedBytes(tid);
        try (java.io.InputStream in = store.bulkJobs().input(job.job().id())) {
            int first = in.read();
            back.write(first);
            long forTheFirstByte = threads.getThreadAllocatedBytes(tid) - before;
            // whole, the first byte cost the file three times over (about 100 MB here); a piece costs about three times 1 MiB
            assertThat(forTheFirstByte).as("bytes allocated to read the first byte").isLessThan(8L * BulkJobs.INPUT_PIECE);
            byte[] buf = new byte[10_000];
            for (int n; (n = in.read(buf)) > 0; ) back.write(buf, 0, n);
        }
        assertThat(back.toByteArray()).isEqualTo(data);
    }

    /**
     * Schema 16: the file is stored in pieces, each compressed on its own. As one value, compressed whole, reading the last
     * MiB of a 256 MiB CSV decompressed the 255 before it (7 s; a whole file ~15 min, docs/benchmarks.md "Reading a job's
     * upload"). Each piece here is compressed (a CSV is) and read back in order, the same bytes.
     */
    @Test
    void aJobsFileIsStoredInPiecesEachCompressedOnItsOwn() throws Exception {
        StringBuilder csv = new StringBuilder("line_id,hts,origin,customs_value\n");
        for (int i = 0; csv.length() < 3 * BulkJobs.INPUT_PIECE + 10; i++) csv.append("L").append(i).append(",8105.20.3000,CN,").append(i % 977).append(".25\n");
        byte[] data = csv.toString().getBytes(StandardCharsets.UTF_8);
        long id = store.bulkJobs().submit("in-pieces", "big.csv", "csv", data, "bundled", "v", "t", 100).job().id();
        List<long[]> pieces = new ArrayList<>();
        try (Connection c = superuser(store); PreparedStatement ps = c.prepareStatement(
                "select piece_no, octet_length(data), pg_column_size(data) from bulk_input_piece where job_id = ? order by piece_no")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) pieces.add(new long[]{rs.getInt(1), rs.getLong(2), rs.getLong(3)});
            }
        }
        assertThat(pieces).extracting(p -> p[0]).containsExactly(0L, 1L, 2L, 3L);
        assertThat(pieces).extracting(p -> p[1]).containsExactly((long) BulkJobs.INPUT_PIECE, (long) BulkJobs.INPUT_PIECE,
                (long) BulkJobs.INPUT_PIECE, (long) data.length - 3L * BulkJobs.INPUT_PIECE);
        for (long[] p : pieces.subList(0, 3)) assertThat(p[2]).as("stored size of piece " + p[0]).isLessThan(p[1] / 2);
        try (java.io.InputStream in = store.bulkJobs().input(id)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        long empty = store.bulkJobs().submit("in-pieces-empty", "empty.csv", "csv", new byte[0], "bundled", "v", "t", 100).job().id();
        try (java.io.InputStream in = store.bulkJobs().input(empty)) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /** A job an older release stored (schema 15 or before: the file one value in bulk_input) is read from that value. */
    @Test
    void aJobStoredBeforeSchema16IsReadFromItsOneValue() throws Exception {
        byte[] data = new byte[2 * BulkJobs.INPUT_PIECE + 99];
        new java.util.Random(16).nextBytes(data);
        long id = store.bulkJobs().submit("old-release", "old.csv", "csv", new byte[]{'x'}, "bundled", "v", "t", 100).job().id();
        try (Connection c = superuser(store); Statement st = c.createStatement()) {
            // what schema 15's server wrote: no pieces, the file in bulk_input (the pieces' trigger set aside to make that state)
            st.execute("alter table bulk_input_piece disable trigger bulk_input_piece_append_only");
            st.executeUpdate("delete from bulk_input_piece where job_id = " + id);
            st.execute("alter table bulk_input_piece enable trigger bulk_input_piece_append_only");
            try (PreparedStatement ps = c.prepareStatement("insert into bulk_input (job_id, data) values (?, ?)")) {
                ps.setLong(1, id);
                ps.setBytes(2, data);
                ps.executeUpdate();
            }
        }
        try (java.io.InputStream in = store.bulkJobs().input(id)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        long none = store.bulkJobs().submit("no-file", "n.csv", "csv", new byte[]{'y'}, "bundled", "v", "t", 100).job().id();
        try (Connection c = superuser(store); Statement st = c.createStatement()) {
            st.execute("alter table bulk_input_piece disable trigger bulk_input_piece_append_only");
            st.executeUpdate("delete from bulk_input_piece where job_id = " + none);
            st.execute("alter table bulk_input_piece enable trigger bulk_input_piece_append_only");
        }
        assertThatThrownBy(() -> store.bulkJobs().input(none)).isInstanceOf(StoreException.class)
                .hasMessage("bulk job " + none + " has no stored input");
    }

    @Test
    void aResubmittedFileWithTheSameKeyIsTheSameJob() {
        byte[] data = "line_id,hts\n1,2805.30.0000\n".getBytes(StandardCharsets.UTF_8);
        BulkJobs.Submitted a = store.bulkJobs().submit("k-1", "a.csv", "csv", data, "bundled", "v", "t", 100);
        BulkJobs.Submitted b = store.bulkJobs().submit("k-1", "renamed.csv", "csv", data, "bundled", "v", "t", 100);
        BulkJobs.Submitted c = store.bulkJobs().submit("k-2", "a.csv", "csv", data, "bundled", "v", "t", 100);
        assertThat(a.duplicate()).isFalse();
        assertThat(b.duplicate()).isTrue();
        assertThat(b.job().id()).isEqualTo(a.job().id());
        assertThat(b.job().fileName()).isEqualTo("a.csv");
        assertThat(c.duplicate()).isFalse();
        assertThat(c.job().id()).isNotEqualTo(a.job().id());
        assertThat(a.job().sha256()).isEqualTo(BulkJobs.sha256(data));
    }

    @Test
    void chunksCommitInOrderOnceEachAndTheOutputIsTheirConcatenation() throws Exception {
        // drain older queued jobs from other tests so that the claim below is ours
        BulkJobs jobs = store.bulkJobs();
        long id = jobs.submit("chunks", "c.csv", "csv", "x".getBytes(StandardCharsets.UTF_8), "bundled", "v", "t", 2).job().id();
        BulkJobs.Job claimed;
        do {
            claimed = jobs.claimNext().orElseThrow();
        } while (claimed.id() != id);
        assertThat(claimed.status()).isEqualTo(BulkJobs.Status.RUNNING);
        jobs.commitChunk(id, new BulkJobs.ChunkResult(0, 0, 2, 1, 0, 1, new BigDecimal("3.00"), "h\nr1\n", "hr\nx\n"));
        assertThatThrownBy(() -> jobs.commitChunk(id, new BulkJobs.ChunkResult(0, 0, 2, 2, 0, 0, BigDecimal.ZERO, "dup", "")))
                .hasMessageContaining("chunk 0 is not this worker's to commit");
        assertThatThrownBy(() -> jobs.commitChunk(id, new BulkJobs.ChunkResult(2, 4, 1, 1, 0, 0, BigDecimal.ZERO, "gap", "")))
                .hasMessageContaining("chunk 2 is not this worker's to commit");
        jobs.commitChunk(id, new BulkJobs.ChunkResult(1, 2, 1, 1, 0, 0, new BigDecimal("1.25"), "r2\n", ""));
        jobs.finish(id);
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("update bulk_chunk set results = 'forged' where job_id = " + id))
                    .hasMessageContaining("permission denied for table bulk_chunk");
        }
        try (Connection c = superuser(store); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("update bulk_chunk set results = 'forged' where job_id = " + id))
                    .hasMessageContaining("the bulk_chunk table is an append-only ledger: UPDATE is not allowed");
            assertThatThrownBy(() -> st.executeUpdate("delete from bulk_input_piece where job_id = " + id))
                    .hasMessageContaining("the bulk_input_piece table is an append-only ledger: DELETE is not allowed");
        }
        BulkJobs.Job done = jobs.get(id).orElseThrow();
        assertThat(done.status()).isEqualTo(BulkJobs.Status.DONE);
        assertThat(done.linesDone()).isEqualTo(3);
        assertThat(done.reconciles()).isTrue();
        assertThat(done.totalDuty()).isEqualByComparingTo("4.25");
        StringWriter out = new StringWriter();
        jobs.writeOutput(id, false, out);
        assertThat(out.toString()).isEqualTo("h\nr1\nr2\n");
        StringWriter rej = new StringWriter();
        jobs.writeOutput(id, true, rej);
        assertThat(rej.toString()).isEqualTo("hr\nx\n");
        assertThat(new String(jobs.input(id).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("x");
    }

    @Test
    void scenarioRunsAreRecordedWithTheirResultOrError() {
        ScenarioRuns.Run ok = store.scenarioRuns().record("t", "ndpr-floor-110", "ndpr", "{\"floor\":110}", "{\"prices\":[1]}", null, 2.5);
        ScenarioRuns.Run bad = store.scenarioRuns().record("t", "broken", null, "{}", null, "no equilibrium found", 1.0);
        assertThat(store.scenarioRuns().get(ok.id()).orElseThrow().resultJson()).contains("prices");
        assertThat(store.scenarioRuns().get(bad.id()).orElseThrow().status()).isEqualTo("failed");
        assertThat(store.scenarioRuns().recent(5)).extracting(ScenarioRuns.Run::id).contains(ok.id(), bad.id());
    }

    /**
     * Regression: a run's result read back was jsonb's text (keys sorted shortest first, numbers rewritten: 1.0E7 as
     * 10000000), not the bytes the run answered. It is kept exactly now; a run stored before still reads, as jsonb's text.
     */
    @Test
    void aScenarioRunsResultReadsBackByteForByte() throws SQLException {
        String result = "{\"status\":\"solved\",\"flows\":[],\"big\":1.0E7,\"small\":1.0E-4,\"money\":4500.00,\"text\":\"a \\\"q\\\" é\"}";
        ScenarioRuns.Run ok = store.scenarioRuns().record("t", "ndpr", "ndpr", "{\"floor\":110.50,\"a\":1}", result, null, 2.5);
        ScenarioRuns.Run back = store.scenarioRuns().get(ok.id()).orElseThrow();
        assertThat(back.resultJson()).isEqualTo(result);
        assertThat(back.parametersJson()).isEqualTo("{\"floor\":110.50,\"a\":1}");
        assertThat(back.exact()).isTrue();
        assertThatThrownBy(() -> store.scenarioRuns().record("t", "ndpr", "ndpr", "{}", "{\"a\":", null, 1.0))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("not JSON: ");
        long old;
        try (Connection c = superuser(store); var st = c.createStatement();
             var rs = st.executeQuery("insert into scenario_run (actor, scenario, parameters, status, result, millis) values "
                     + "('t', 'ndpr', '{\"floor\": 110}'::jsonb, 'solved', '{\"status\":\"solved\",\"flows\":[],\"big\":1.0E7}'::jsonb, 1) "
                     + "returning id")) {
            rs.next();
            old = rs.getLong(1);
        }
        ScenarioRuns.Run before = store.scenarioRuns().get(old).orElseThrow();
        assertThat(before.exact()).isFalse();
        assertThat(before.resultJson()).isEqualTo("{\"big\": 10000000, \"flows\": [], \"status\": \"solved\"}");
        assertThat(before.parametersJson()).isEqualTo("{\"floor\": 110}");
    }

    /** Issue 15: a path job's row lives from submission to its end and points at the run holding its result. */
    @Test
    void pathJobsAreRecordedFromSubmissionToTheirEnd() {
        PathJobRecords jobs = store.pathJobs();
        PathJobRecords.Record q = jobs.submit("montecarlo", "gallium-2025-2035", 7L);
        assertThat(q.status()).isEqualTo("queued");
        assertThat(jobs.get(q.id()).orElseThrow().ended()).isFalse();
        jobs.started(q.id());
        assertThat(jobs.get(q.id()).orElseThrow().status()).isEqualTo("running");
        ScenarioRuns.Run run = store.scenarioRuns().record("t", 7L, "gallium-2025-2035", "gallium", "{\"kind\":\"montecarlo\"}",
                "{\"draws\":20}", null, 3.0);
        jobs.ended(q.id(), "done", null, run.id());
        PathJobRecords.Record done = jobs.get(q.id()).orElseThrow();
        assertThat(done.status()).isEqualTo("done");
        assertThat(done.runId()).isEqualTo(run.id());
        assertThat(done.owner()).isEqualTo(7L);
        assertThat(done.ended()).isTrue();
        // an ended job is not changed again
        jobs.ended(q.id(), "failed", "late", null);
        assertThat(jobs.get(q.id()).orElseThrow().status()).isEqualTo("done");
        PathJobRecords.Record f = jobs.submit("seek", "ndpr-2025-2040", null);
        jobs.ended(f.id(), "failed", "no equilibrium", null);
        assertThat(jobs.get(f.id()).orElseThrow().error()).isEqualTo("no equilibrium");
        assertThat(f.id()).isGreaterThan(q.id());
        assertThat(jobs.get(f.id() + 1000)).isEmpty();
        assertThatThrownBy(() -> jobs.submit("tornado", "x", null)).isInstanceOf(StoreException.class).hasMessageContaining("path_job_kind_check");
    }

    /**
     * Least privilege on the jobs (security review of session 21): the server's role updates a bulk or compare job's
     * progress, lease and end, and a path job's status, end and run — nothing else. With a table-wide UPDATE it could
     * give a job to another user (owner), rename its file, change what was asked (kind, params, regime) or what was
     * uploaded (content_sha256, size_bytes), or move a path job to another owner or scenario.
     */
    @Test
    void theServersRoleUpdatesOnlyAJobsProgressNeverWhoseItIsOrWhatWasAsked() throws Exception {
        BulkJobs bulk = store.bulkJobs();
        long id = bulk.submit("least-privilege", "mine.csv", "csv", "y".getBytes(StandardCharsets.UTF_8), "bundled", "v", "alice", 41L, 2)
                .job().id();
        PathJobRecords.Record p = store.pathJobs().submit("seek", "ndpr-2025-2040", 41L);
        try (Connection c = store.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String set : List.of("owner = 42", "submitted_by = 'mallory'", "file_name = 'x.csv'", "idem_key = 'other'",
                    "content_sha256 = 'forged'", "size_bytes = 1", "input_format = 'jsonl'", "regime = 'bundled:plurilateral'",
                    "regime_version = 'x'", "kind = 'compare'", "params = '{}'", "chunk_size = 1", "created_at = now()", "id = id + 1000")) {
                assertThatThrownBy(() -> st.executeUpdate("update bulk_job set " + set + " where id = " + id))
                        .as(set).hasMessageContaining("permission denied for table bulk_job");
            }
            for (String set : List.of("owner = 42", "scenario = 'gallium-2025-2035'", "kind = 'montecarlo'", "at = now()", "id = id + 1000")) {
                assertThatThrownBy(() -> st.executeUpdate("update path_job set " + set + " where id = " + p.id()))
                        .as(set).hasMessageContaining("permission denied for table path_job");
            }
        }
        BulkJobs.Job kept = bulk.get(id).orElseThrow();
        assertThat(kept.owner()).isEqualTo(41L);
        assertThat(kept.fileName()).isEqualTo("mine.csv");
        assertThat(store.pathJobs().get(p.id()).orElseThrow().owner()).isEqualTo(41L);
        // what the server does update still works: a claim, a chunk, the end; a path job started and ended
        BulkJobs.Job claimed;
        do {
            claimed = bulk.claimNext().orElseThrow();
        } while (claimed.id() != id);
        bulk.commitChunk(id, new BulkJobs.ChunkResult(0, 0, 1, 1, 0, 0, new BigDecimal("2.00"), "h\nr\n", "hr\n"));
        bulk.fail(id, "stopped by the test");
        assertThat(bulk.get(id).orElseThrow().status()).isEqualTo(BulkJobs.Status.FAILED);
        store.pathJobs().started(p.id());
        store.pathJobs().ended(p.id(), "failed", "no equilibrium", null);
        assertThat(store.pathJobs().get(p.id()).orElseThrow().status()).isEqualTo("failed");
    }

    @Test
    void theSchemaVersionConstantIsTheNewestMigration() throws Exception {
        int newest = 0;
        try (var files = java.nio.file.Files.list(Path.of(Store.class.getResource("/db/migration").toURI()))) {
            for (Path p : files.toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("V(\\d+)__.*\\.sql").matcher(p.getFileName().toString());
                if (m.matches()) newest = Math.max(newest, Integer.parseInt(m.group(1)));
            }
        }
        assertThat(Store.SCHEMA_VERSION).isEqualTo(String.valueOf(newest));
        assertThat(store.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
    }

    @Test
    void aDatabaseFromANewerLodestoneIsRefusedAndDataSurvivesARestart() throws Exception {
        Path other = Files.createTempDirectory(tmp, "newer");
        long id;
        long job;
        try (Store s = Store.embedded(other)) {
            id = s.ledger().append(entry("8505.11.0070")).id();
            // the writer's timings (printed by the server on close, read by bench/serve-load.sh) count what this store wrote
            assertThat(s.ledger().timings()).startsWith("1 records in 1 transactions (1.00 a transaction, at most 1)")
                    .matches(".*append to commit p50 \\d+\\.\\d ms, p99 \\d+\\.\\d ms, max \\d+\\.\\d ms; a transaction p50 .*");
            job = s.pathJobs().submit("sensitivity", "ndpr-2025-2040", null).id();
            s.pathJobs().ended(job, "done", null, null);
            try (Connection c = superuser(s); Statement st = c.createStatement()) {
                st.executeUpdate("insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                        + " installed_by, execution_time, success) values (99, '99', 'from the future', 'SQL', 'V99__x.sql', 0, 'x', 0, true)");
            }
        }
        assertThatThrownBy(() -> Store.embedded(other))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("has schema version 99, written by a newer Lodestone; this one knows up to version " + Store.SCHEMA_VERSION);
        // the refused open stopped its server again: a fix-up and a restart work, and the data is still there
        try (EmbeddedDatabase db = EmbeddedDatabase.start(other);
             Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), "postgres", db.secrets().superuser());
             Statement st = c.createStatement()) {
            st.executeUpdate("delete from flyway_schema_history where version = '99'");
        }
        try (Store s = Store.embedded(other)) {
            assertThat(s.ledger().get(id).orElseThrow().hts()).isEqualTo("8505.11.0070");
            assertThat(s.pathJobs().get(job).orElseThrow().status()).isEqualTo("done");
            assertThat(s.schemaVersion()).isEqualTo(Store.SCHEMA_VERSION);
        }
    }

    @Test
    void stockpileEventsAreAppendedAllOrNothingAndNeverChanged() throws SQLException {
        StockpileEvents sp = store.stockpiles();
        List<StockpileEvents.NewEvent> two = List.of(
                new StockpileEvents.NewEvent(LocalDate.of(2026, 2, 2), "funding", "{\"type\":\"funding\",\"amount\":10}"),
                new StockpileEvents.NewEvent(LocalDate.of(2026, 2, 3), "acquisition", "{\"type\":\"acquisition\",\"quantity\":1}"));
        assertThat(sp.append("vault-test", 0, "tester", two)).extracting(StockpileEvents.Stored::seq).containsExactly(1, 2);
        // an append checked against a stale reading is refused, and writes nothing
        assertThatThrownBy(() -> sp.append("vault-test", 1, "tester", two)).isInstanceOf(StockpileEvents.Conflict.class)
                .hasMessageContaining("has 2 events, not the 1");
        // a bad payload in the middle of a batch leaves none of the batch written
        List<StockpileEvents.NewEvent> bad = List.of(two.get(0), new StockpileEvents.NewEvent(LocalDate.of(2026, 2, 4), "x", "not json"));
        assertThatThrownBy(() -> sp.append("vault-test", 2, "tester", bad)).isInstanceOf(StoreException.class);
        List<StockpileEvents.Stored> back = sp.load("vault-test");
        assertThat(back).extracting(StockpileEvents.Stored::type).containsExactly("funding", "acquisition");
        assertThat(back.get(1).payloadJson()).contains("\"quantity\": 1");
        assertThat(sp.list()).anySatisfy(x -> {
            assertThat(x.stockpile()).isEqualTo("vault-test");
            assertThat(x.events()).isEqualTo(2);
            assertThat(x.last()).isEqualTo(LocalDate.of(2026, 2, 3));
        });
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            // the server's role may only read and append; the table's trigger refuses changes by its owner too
            assertThatThrownBy(() -> s.executeUpdate("update stockpile_event set type = 'x'"))
                    .hasMessageContaining("permission denied for table stockpile_event");
            assertThatThrownBy(() -> s.executeUpdate("delete from stockpile_event"))
                    .hasMessageContaining("permission denied for table stockpile_event");
            assertThatThrownBy(() -> s.executeUpdate("truncate stockpile_event"))
                    .hasMessageContaining("permission denied for table stockpile_event");
        }
        assertThat(sp.load("vault-test")).hasSize(2);
    }

    @Test
    void whatIfsAreRecordedOncePerJobScopedByOwnerAndNeverChanged() throws SQLException {
        WhatIfs w = store.whatIfs();
        WhatIfs.WhatIf one = w.record(new WhatIfs.NewWhatIf("alice", 7L, "shipment", "bundled", "bundled on 2025-06-01",
                "7408.11.60 from CL on 2026-03-02", null, new BigDecimal("4500.00"), new BigDecimal("0.00"), new BigDecimal("-4500.00"),
                "{\"with\":\"date:2025-06-01\"}", "{\"difference\":-4500.00}"));
        assertThat(one.difference()).isEqualByComparingTo("-4500.00");
        assertThat(w.get(one.id()).orElseThrow().requestJson()).contains("date:2025-06-01");
        BulkJobs.Submitted job = store.bulkJobs().submit(BulkJobs.KIND_COMPARE, "{\"with\":\"bundled:plurilateral\"}", null, "f.csv", "csv",
                new BulkJobs.Upload(() -> new java.io.ByteArrayInputStream(new byte[] {'x'}), 1, BulkJobs.sha256(new byte[] {'x'})),
                "bundled", "v", "bob", 8L, 10);
        assertThat(job.job().kind()).isEqualTo("compare");
        WhatIfs.NewWhatIf file = new WhatIfs.NewWhatIf("bob", 8L, "file", "bundled", "bundled:plurilateral", "f.csv", job.job().id(),
                new BigDecimal("1.00"), new BigDecimal("2.00"), new BigDecimal("1.00"), "{}", "{\"lines\":1}");
        WhatIfs.WhatIf first = w.record(file);
        // a resumed job records its what-if again: the first record stands, no second row
        assertThat(w.record(file).id()).isEqualTo(first.id());
        assertThat(w.forJob(job.job().id()).orElseThrow().id()).isEqualTo(first.id());
        assertThat(w.recent(100, 7L)).extracting(WhatIfs.WhatIf::id).contains(one.id()).doesNotContain(first.id());
        assertThat(w.recent(100, null)).extracting(WhatIfs.WhatIf::id).contains(one.id(), first.id());
        // compare jobs are not listed among the bulk assessment jobs, but count towards the owner's active jobs
        assertThat(store.bulkJobs().recent(100, 8L)).extracting(BulkJobs.Job::id).doesNotContain(job.job().id());
        assertThat(store.bulkJobs().recent(100, 8L, BulkJobs.KIND_COMPARE)).extracting(BulkJobs.Job::id).contains(job.job().id());
        assertThat(store.bulkJobs().active(8L)).isEqualTo(1);
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update whatif set subject = 'x'")).hasMessageContaining("permission denied for table whatif");
            assertThatThrownBy(() -> s.executeUpdate("delete from whatif")).hasMessageContaining("permission denied for table whatif");
        }
        try (Connection c = superuser(store); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("delete from whatif")).hasMessageContaining("append-only");
        }
    }

    /** Pages by (time, id): ties of time ordered by id, a page continuing strictly after the last record given. */
    @Test
    void aPageContinuesAfterTheLastRecordGivenByTimeThenId() throws SQLException {
        long owner = 4242L;
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) ids.add(store.scenarioRuns().record("pager", owner, "s" + i, "ndpr", "{}", null, null, 1.0).id());
        // times that disagree with the ids' order, three of them the same
        java.time.Instant t = java.time.Instant.parse("2026-12-05T10:00:00.123456Z");
        long[] plus = {2, 2, 2, 1, 3, 1};
        try (Connection c = superuser(store); var ps = c.prepareStatement("update scenario_run set at = ? where id = ?")) {
            for (int i = 0; i < 6; i++) {
                ps.setObject(1, java.time.OffsetDateTime.ofInstant(t.plusSeconds(plus[i]), java.time.ZoneOffset.UTC));
                ps.setLong(2, ids.get(i));
                ps.executeUpdate();
            }
        }
        List<Long> expected = List.of(ids.get(4), ids.get(2), ids.get(1), ids.get(0), ids.get(5), ids.get(3));
        assertThat(store.scenarioRuns().page(10, owner, null)).extracting(ScenarioRuns.Run::id).containsExactlyElementsOf(expected);
        List<Long> paged = new java.util.ArrayList<>();
        Keyset after = null;
        for (int page = 0; page < 10; page++) {
            List<ScenarioRuns.Run> runs = store.scenarioRuns().page(2, owner, after);
            if (runs.isEmpty()) break;
            runs.forEach(r -> paged.add(r.id()));
            ScenarioRuns.Run last = runs.get(runs.size() - 1);
            after = new Keyset(last.at(), last.id());
            store.scenarioRuns().record("pager", owner, "meanwhile", "ndpr", "{}", null, null, 1.0); // newer: on no later page
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        // a bound for every record of a time, or every one before it (History's bound for the other kinds)
        assertThat(store.scenarioRuns().page(10, owner, Keyset.atOrEarlierThan(t.plusSeconds(2)))).extracting(ScenarioRuns.Run::id)
                .containsExactly(ids.get(2), ids.get(1), ids.get(0), ids.get(5), ids.get(3));
        assertThat(store.scenarioRuns().page(10, owner, Keyset.earlierThan(t.plusSeconds(2)))).extracting(ScenarioRuns.Run::id)
                .containsExactly(ids.get(5), ids.get(3));
    }

    /**
     * Every list's page — everyone's and one owner's, after a cursor — can be read by an index in its own order (schema
     * v8), not by sorting the owner's rows: the planner, kept from scanning the table, names the list's page index.
     */
    @Test
    void everyListsPageIsReadByAnIndexInItsOrder() throws SQLException {
        Keyset after = new Keyset(java.time.Instant.parse("2026-12-01T00:00:00Z"), 42);
        String[][] lists = {{"assessment", "at", null}, {"scenario_run", "at", null}, {"whatif", "at", null},
                {"bulk_job", "created_at", "kind = ?"}, {"api_token", "created_at", null}};
        try (Connection c = superuser(store); Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            s.execute("set enable_sort = off");
            for (String[] l : lists) {
                for (Long owner : l[0].equals("api_token") ? new Long[]{null} : new Long[]{null, 7L}) {
                    Keyset.Query q = Keyset.page(l[0], l[1], l[2], l[2] == null ? List.of() : List.of("assess"), owner, after, 51);
                    StringBuilder plan = new StringBuilder();
                    try (java.sql.PreparedStatement ps = q.bind(c.prepareStatement("explain " + q.sql())); java.sql.ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) plan.append(rs.getString(1)).append('\n');
                    }
                    String index = l[0] + (owner == null ? "" : "_owner") + "_page";
                    assertThat(plan.toString()).as(l[0] + (owner == null ? "" : " of one owner")).contains(index).doesNotContain("Sort");
                }
            }
        }
    }
}
