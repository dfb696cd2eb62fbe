package lodestone.store;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The assessment ledger: every assessment made through the server, with its inputs, the regime and its
 * version, the result with its trail, who (the owner's token) and when. Append-only — the server's database
 * role may only insert and read it, and a trigger refuses updates and deletes even to the owner — and
 * chained: each record carries the hash of the one before it and of its own content (schema version 3), so
 * {@link #verify()} finds any record changed, removed or inserted by someone who got past both.
 *
 * <p>Writes go through one writer thread that commits whatever has queued up in one transaction (group
 * commit): with {@code synchronous_commit} on, each commit waits for the disk, and the chain's head is locked
 * until it does, so one commit per request would make the disk's flush time the ledger's throughput.
 */
public final class Ledger implements AutoCloseable {
    /** What is written. {@code requestJson} and {@code resultJson} are JSON texts; {@code owner} the token id, or null. */
    public record NewEntry(String actor, Long owner, String regime, String regimeVersion, LocalDate entryDate, String hts, String origin,
                           String status, BigDecimal totalDuty, String requestJson, String resultJson) {
        public NewEntry(String actor, String regime, String regimeVersion, LocalDate entryDate, String hts, String origin,
                        String status, BigDecimal totalDuty, String requestJson, String resultJson) {
            this(actor, null, regime, regimeVersion, entryDate, hts, origin, status, totalDuty, requestJson, resultJson);
        }
    }

    /** What was written. */
    /**
     * A record. {@code requestJson} and {@code resultJson} are the texts as written ({@link ExactJson}: the bytes the
     * assessment answered); {@code exact} is false for a record written before they were kept so, whose texts are jsonb's
     * (keys in jsonb's order).
     */
    public record Entry(long id, Instant at, String actor, Long owner, String regime, String regimeVersion, LocalDate entryDate,
                        String hts, String origin, String status, BigDecimal totalDuty, String requestJson, String resultJson,
                        boolean exact) { }

    /** What {@link #verify()} found: how many records were checked, the chain's head, and every problem with where it is. */
    public record Verification(long records, long headSeq, String headHash, List<String> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    static final String GENESIS = "0".repeat(64);
    private static final int BATCH = 128;

    private record Pending(NewEntry entry, CompletableFuture<Entry> done, long queuedAt) { }

    /**
     * Where a request's time in the ledger goes, for the load benchmark: each record's wait from its append to its
     * commit (queue + transaction + flush), each transaction's own time, and the batch sizes. Written by the writer
     * thread only; read once, at the end ({@link #timings()}).
     */
    private final long[] waitHist = new long[Timing.BUCKETS + 1];
    private final long[] commitHist = new long[Timing.BUCKETS + 1];
    private long commits, records, maxBatch, maxWaitNanos, maxCommitNanos;

    /**
     * A histogram in 0.1 ms buckets up to 1 s (and one above). A quantile is the upper bound of the bucket it falls in,
     * never more than the largest value recorded: a bucket's bound can lie above every value in it (215.5 ms is in the
     * bucket up to 215.6), and a p99 above the max was printed.
     */
    static final class Timing {
        static final int BUCKETS = 10_000;

        static void add(long[] h, long nanos) {
            h[(int) Math.min(BUCKETS, Math.max(0, nanos) / 100_000)]++;
        }

        /** The q-quantile in ms of the values in {@code h}, whose largest is {@code maxNanos}; infinite when above the histogram. */
        static double quantile(long[] h, double q, long maxNanos) {
            long n = 0;
            for (long c : h) n += c;
            if (n == 0) return 0;
            long rank = Math.max(1, (long) Math.ceil(q * n)), seen = 0;
            for (int i = 0; i < h.length; i++) {
                seen += h[i];
                if (seen >= rank) return i == BUCKETS ? Double.POSITIVE_INFINITY : Math.min((i + 1) / 10.0, maxNanos / 1e6);
            }
            return Double.POSITIVE_INFINITY;
        }

        /** A quantile in ms, "over 1000" when it fell above the histogram; at most the max as printed beside it. */
        static String ms(long[] h, double q, long maxNanos) {
            double v = quantile(h, q, maxNanos);
            if (Double.isInfinite(v)) return "over 1000 ms";
            return String.format(java.util.Locale.ROOT, "%.1f ms", v); // v <= max: printed alike, never above the printed max
        }
    }

    /** The writer's timings so far, one line (milliseconds): records, transactions, batch sizes, waits and commit times. */
    public synchronized String timings() {
        return String.format(java.util.Locale.ROOT, "%d records in %d transactions (%.2f a transaction, at most %d); a record's wait"
                        + " from append to commit p50 %s, p99 %s, max %.1f ms; a transaction p50 %s, p99 %s, max %.1f ms",
                records, commits, commits == 0 ? 0.0 : (double) records / commits, maxBatch,
                Timing.ms(waitHist, 0.5, maxWaitNanos), Timing.ms(waitHist, 0.99, maxWaitNanos), maxWaitNanos / 1e6,
                Timing.ms(commitHist, 0.5, maxCommitNanos), Timing.ms(commitHist, 0.99, maxCommitNanos), maxCommitNanos / 1e6);
    }

    private synchronized void recordTimings(List<Pending> batch, long startNanos, long endNanos) {
        commits++;
        records += batch.size();
        maxBatch = Math.max(maxBatch, batch.size());
        Timing.add(commitHist, endNanos - startNanos);
        maxCommitNanos = Math.max(maxCommitNanos, endNanos - startNanos);
        for (Pending p : batch) {
            Timing.add(waitHist, endNanos - p.queuedAt());
            maxWaitNanos = Math.max(maxWaitNanos, endNanos - p.queuedAt());
        }
    }

    private final DataSource ds;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    Ledger(DataSource ds) {
        this.ds = ds;
        this.writer = Thread.ofPlatform().name("lodestone-ledger").daemon(true).start(this::writeLoop);
    }

    public Entry append(NewEntry e) {
        if (closed) throw new StoreException("the ledger is closed");
        Pending p = new Pending(e, new CompletableFuture<>(), System.nanoTime());
        queue.add(p);
        try {
            return p.done().get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing to the ledger", ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof StoreException se) throw se;
            throw new StoreException("cannot write the assessment to the ledger: " + ex.getCause().getMessage(), ex.getCause());
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (closed && queue.isEmpty()) return;
                continue;
            }
            queue.drainTo(batch, BATCH - 1);
            if (!writeBatch(batch)) {
                // one entry the database refuses must not fail the others: each on its own
                for (Pending p : batch) writeBatch(List.of(p));
            }
            batch.clear();
        }
    }

    /** Writes the entries in one transaction; true when committed (each future completed), false when rolled back. */
    private boolean writeBatch(List<Pending> batch) {
        String sql = "insert into assessment (actor, owner, regime, regime_version, entry_date, hts, origin, status, total_duty, request, result)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, " + ExactJson.SQL + ", " + ExactJson.SQL + ")";
        List<Entry> written = new ArrayList<>(batch.size());
        long start = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            // one JDBC batch: the rows go to the server together, not a round trip each; their ids and times come back in order
            try (PreparedStatement ps = c.prepareStatement(sql, new String[]{"id", "at"})) {
                for (Pending p : batch) {
                    NewEntry e = p.entry();
                    ps.setString(1, e.actor());
                    if (e.owner() == null) ps.setNull(2, Types.BIGINT);
                    else ps.setLong(2, e.owner());
                    ps.setString(3, e.regime());
                    ps.setString(4, e.regimeVersion());
                    ps.setObject(5, e.entryDate());
                    ps.setString(6, e.hts());
                    ps.setString(7, e.origin());
                    ps.setString(8, e.status());
                    if (e.totalDuty() == null) ps.setNull(9, Types.NUMERIC);
                    else ps.setBigDecimal(9, e.totalDuty());
                    ps.setString(10, ExactJson.checked(e.requestJson()));
                    ps.setString(11, ExactJson.checked(e.resultJson()));
                    ps.addBatch();
                }
                ps.executeBatch();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    for (Pending p : batch) {
                        if (!rs.next()) throw new SQLException("the database returned fewer ids than rows written");
                        NewEntry e = p.entry();
                        written.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), e.actor(), e.owner(), e.regime(), e.regimeVersion(),
                                e.entryDate(), e.hts(), e.origin(), e.status(), e.totalDuty(), e.requestJson(), e.resultJson(), true));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                Store.rollbackAfter(c, ex);
                throw ex;
            }
        } catch (SQLException | RuntimeException ex) {
            if (batch.size() > 1) return false;
            batch.get(0).done().completeExceptionally(new StoreException("cannot write the assessment to the ledger: " + ex.getMessage(), ex));
            return true;
        }
        recordTimings(batch, start, System.nanoTime());
        for (int i = 0; i < batch.size(); i++) batch.get(i).done().complete(written.get(i));
        return true;
    }

    public Optional<Entry> get(long id) {
        List<Entry> l = query("select * from assessment where id = ?", id, null, true);
        return l.stream().findFirst();
    }

    /** The newest entries first, without their request and result texts. */
    public List<Entry> recent(int limit) {
        return recent(limit, null);
    }

    /** The newest entries of one owner (null: everyone's) first, without their request and result texts. */
    public List<Entry> recent(int limit, Long owner) {
        return page(limit, owner, null);
    }

    /**
     * A page of the newest entries of one owner (null: everyone's), newest first by (time, id), strictly before
     * {@code before} (null: from the newest); at most {@code limit} (1 to 1001), without their request and result texts.
     */
    public List<Entry> page(int limit, Long owner, Keyset before) {
        Keyset.Query q = Keyset.page("assessment", "at", null, List.of(), owner, before, Math.max(1, Math.min(limit, 1001)));
        try (Connection c = ds.getConnection(); PreparedStatement ps = q.bind(c.prepareStatement(q.sql()))) {
            return read(ps, false);
        } catch (SQLException ex) {
            throw new StoreException("cannot read the ledger: " + ex.getMessage(), ex);
        }
    }

    public long count() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*) from assessment");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException ex) {
            throw new StoreException("cannot count the ledger: " + ex.getMessage(), ex);
        }
    }

    private List<Entry> query(String sql, Long a1, Long a2, boolean withBodies) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, a1);
            if (a2 != null) ps.setLong(2, a2);
            return read(ps, withBodies);
        } catch (SQLException ex) {
            throw new StoreException("cannot read the ledger: " + ex.getMessage(), ex);
        }
    }

    private static List<Entry> read(PreparedStatement ps, boolean withBodies) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long owner = rs.getLong("owner");
                Long o = rs.wasNull() ? null : owner;
                out.add(new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"), o, rs.getString("regime"),
                        rs.getString("regime_version"), rs.getObject("entry_date", LocalDate.class), rs.getString("hts"),
                        rs.getString("origin"), rs.getString("status"), rs.getBigDecimal("total_duty"),
                        withBodies ? ExactJson.read(rs.getString("request")) : null, withBodies ? ExactJson.read(rs.getString("result")) : null,
                        withBodies && ExactJson.isExact(rs.getString("request"))));
            }
        }
        return out;
    }

    /**
     * Recomputes the chain: every record's hash from its content, every link from the record before it,
     * positions without gaps or repeats, and the last record against the chain's head. Each problem names the
     * record (id and position) and what is wrong with it. Reads the ledger as one snapshot, streaming.
     */
    public Verification verify() {
        List<String> problems = new ArrayList<>();
        long records = 0;
        String sql = "select id, seq, prev_hash, hash, lodestone_ledger_payload(seq, prev_hash, id, at, actor, owner, regime, regime_version,"
                + " entry_date, hts, origin, status, total_duty, request, result) as payload from assessment order by seq nulls last, id";
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long headSeq;
                String headHash;
                try (PreparedStatement ps = c.prepareStatement("select seq, hash from ledger_head where id = 1"); ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        problems.add("the chain's head (ledger_head) is missing: the records cannot be checked against the newest one");
                        headSeq = -1;
                        headHash = null;
                    } else {
                        headSeq = rs.getLong(1);
                        headHash = rs.getString(2);
                    }
                }
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long expectSeq = 1;
                String prevHash = GENESIS;
                long prevId = 0;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(1000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            records++;
                            long id = rs.getLong(1);
                            long seq = rs.getLong(2);
                            boolean noSeq = rs.wasNull();
                            String prev = rs.getString(3), hash = rs.getString(4), payload = rs.getString(5);
                            String where = "record id " + id + (noSeq ? "" : " (position " + seq + ")");
                            if (noSeq) {
                                problems.add(where + ": has no position in the chain — inserted outside the ledger (with its triggers disabled)");
                                continue;
                            }
                            if (seq > expectSeq) {
                                problems.add(where + ": " + (seq - expectSeq == 1 ? "position " + expectSeq + " is" : "positions " + expectSeq + "–" + (seq - 1) + " are")
                                        + " missing before it — deleted" + (prevId > 0 ? " after record id " + prevId : " at the start of the ledger"));
                            } else if (seq < expectSeq) {
                                problems.add(where + ": repeats position " + seq + " — a record inserted into the chain");
                            }
                            if (prev == null || !prev.equals(prevHash)) {
                                problems.add(where + ": its link to the record before it" + (prevId > 0 ? " (id " + prevId + ")" : "")
                                        + " does not match — that record was changed, or one was removed or inserted between them");
                            }
                            String actual = payload == null ? null : HexFormat.of().formatHex(sha.digest(payload.getBytes(StandardCharsets.UTF_8)));
                            if (hash == null || !hash.equals(actual)) {
                                problems.add(where + ": its content does not match its hash — the record was changed");
                            }
                            prevHash = hash == null ? "" : hash;
                            prevId = id;
                            expectSeq = Math.max(expectSeq, seq + 1);
                        }
                    }
                }
                if (headSeq >= 0) {
                    long last = expectSeq - 1;
                    if (headSeq > last) {
                        problems.add("the last " + (headSeq - last == 1 ? "record (position " + headSeq + ") is" : (headSeq - last) + " records (positions "
                                + (last + 1) + "–" + headSeq + ") are") + " missing — deleted from the end of the ledger");
                    } else if (headSeq < last) {
                        problems.add("the chain's head records position " + headSeq + " but the ledger goes to " + last + " — the head was changed");
                    } else if (!prevHash.equals(headHash) && records > 0) {
                        problems.add("the newest record (position " + last + ", id " + prevId + ") does not match the chain's head — it or the head was changed");
                    }
                }
                return new Verification(records, headSeq, headHash, problems);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the ledger to verify it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
