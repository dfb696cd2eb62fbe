package lodestone.store;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Bulk jobs. A job is the uploaded file (kept in the database), its progress, counts and results. Work is
 * committed a chunk at a time: each chunk's results and the job's progress are written in one transaction,
 * so a job interrupted at any point resumes after its last committed chunk and ends with exactly one result
 * per input line. Jobs are identified by (owner, kind, parameters, key, SHA-256 of the content): the same file
 * submitted again by the same owner with the same key and parameters is the same job and is not assessed twice. The
 * parameters are a canonical text the caller makes of what else decides the answer (the server's: the regime and its
 * version, the input format; for a compare job also what it is compared with).
 *
 * <p>Workers claim a job with a lease ({@link #claimNext}); a lease not renewed within
 * {@link #LEASE_SECONDS} seconds (its worker died) lets another worker — or the restarted server — take the
 * job over. In the embedded mode only one server can use the database, so at start every lease is void.
 */
public final class BulkJobs {
    public static final int LEASE_SECONDS = 30;

    public enum Status { QUEUED, RUNNING, DONE, FAILED, CANCELLED;
        /** Done, failed or cancelled: nothing more happens to the job (a cancelled one submitted again is queued again). */
        public boolean ended() { return this == DONE || this == FAILED || this == CANCELLED; }
        String key() { return name().toLowerCase(java.util.Locale.ROOT); }
        static Status parse(String s) { return valueOf(s.toUpperCase(java.util.Locale.ROOT)); }
    }

    /**
     * A bulk or compare job as stored. {@code duplicateIds}: lines whose id an earlier line had, among the lines checked;
     * {@code duplicateCheckStoppedAt}: the first line whose id could no longer be remembered (0: none);
     * {@code duplicateUncheckedLines}: the job's first lines, assessed by a Lodestone from before repeated ids were looked
     * for (schema 12), whose repeats no one knows (0: every line was checked).
     */
    public record Job(long id, String key, String sha256, String fileName, String inputFormat, String regime, String regimeVersion,
                      Status status, String submittedBy, Instant createdAt, Instant updatedAt, Instant finishedAt, long sizeBytes,
                      int chunkSize, int chunksDone, long linesDone, long assessed, long prohibited, long rejected,
                      BigDecimal totalDuty, String error, Long owner, String kind, String params, long duplicateIds,
                      long duplicateCheckStoppedAt, long duplicateUncheckedLines, Instant retiredAt, String retiredTotals) {
        public boolean reconciles() {
            return linesDone == assessed + prohibited + rejected;
        }

        /** Its uploaded file and chunks were removed by an administrator ({@link #retire}); its counts and totals remain. */
        public boolean retired() {
            return retiredAt != null;
        }
    }

    /**
     * The job for a submission, and whether it already existed (a re-submission); {@code resumed}: it was a cancelled job,
     * queued again by this submission, that resumes after its last committed chunk ({@code job().linesDone()} lines).
     */
    public record Submitted(Job job, boolean duplicate, boolean resumed) {
        public Submitted(Job job, boolean duplicate) {
            this(job, duplicate, false);
        }
    }

    /** What a cancellation did: {@link #CANCELLED} the job; found it {@link #ENDED} already (its status says how); or {@link #NOT_FOUND}. */
    public enum CancelOutcome { CANCELLED, ENDED, NOT_FOUND }

    /** A cancellation's outcome and the job as it is after it (null when not found). */
    public record Cancel(CancelOutcome outcome, Job job) { }

    /** A committed chunk's figures. */
    public record ChunkResult(int chunkNo, long firstRecord, int records, int assessed, int prohibited, int rejected,
                              BigDecimal totalDuty, String results, String rejects, int duplicateIds, long duplicateCheckStoppedAt,
                              String totals) {
        /** A chunk with no totals or repeated ids (a compare job's). */
        public ChunkResult(int chunkNo, long firstRecord, int records, int assessed, int prohibited, int rejected,
                           BigDecimal totalDuty, String results, String rejects) {
            this(chunkNo, firstRecord, records, assessed, prohibited, rejected, totalDuty, results, rejects, 0, 0, null);
        }
    }

    private final DataSource ds;
    private final String worker = UUID.randomUUID().toString();
    private final boolean exclusive;

    BulkJobs(DataSource ds, boolean exclusive) {
        this.ds = ds;
        this.exclusive = exclusive;
        if (exclusive) releaseAllLeases();
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Submitted submit(String key, String fileName, String inputFormat, byte[] data, String regime, String regimeVersion,
                            String submittedBy, int chunkSize) {
        return submit(key, fileName, inputFormat, data, regime, regimeVersion, submittedBy, null, chunkSize);
    }

    /** A submission by {@code owner} (a token id, or null): the same key and content is the same job only for the same owner. */
    public Submitted submit(String key, String fileName, String inputFormat, byte[] data, String regime, String regimeVersion,
                            String submittedBy, Long owner, int chunkSize) {
        return submit(key, fileName, inputFormat, new Upload(() -> new java.io.ByteArrayInputStream(data), data.length, sha256(data)),
                regime, regimeVersion, submittedBy, owner, chunkSize);
    }

    /** An uploaded file kept outside the heap (a temporary file): how to read it, its size and its SHA-256. */
    public record Upload(InputStreamSource source, long size, String sha256) { }

    @FunctionalInterface
    public interface InputStreamSource {
        InputStream open() throws IOException;
    }

    /** A submission whose file is streamed into the database from where it is kept (memory independent of its size). */
    public Submitted submit(String key, String fileName, String inputFormat, Upload data, String regime, String regimeVersion,
                            String submittedBy, Long owner, int chunkSize) {
        return submit(KIND_ASSESS, "", key, fileName, inputFormat, data, regime, regimeVersion, submittedBy, owner, chunkSize);
    }

    /** Bulk assessment jobs. */
    public static final String KIND_ASSESS = "assess";
    /** What-if jobs: a whole file compared under two regimes or dates ({@code params} says with what). */
    public static final String KIND_COMPARE = "compare";

    /**
     * A job of a kind ({@link #KIND_ASSESS}, {@link #KIND_COMPARE}) with its parameters (a text the caller makes
     * canonical): the same owner, kind, parameters, key and content is the same job.
     */
    public Submitted submit(String kind, String params, String key, String fileName, String inputFormat, Upload data, String regime,
                            String regimeVersion, String submittedBy, Long owner, int chunkSize) {
        return submit(kind, params, key, fileName, inputFormat, data, regime, regimeVersion, submittedBy, owner, chunkSize, 0);
    }

    /** Which advisory locks are this class's: the first key of {@code pg_advisory_xact_lock(int, int)} ("jobs"). */
    private static final int OWNER_LOCK = 0x6a6f6273;

    /**
     * A submission as {@link #submit(String, String, String, String, String, Upload, String, String, String, Long, int)}, refused
     * with {@link JobLimitReached} when {@code maxActive} &gt; 0 and the owner already has that many jobs (of every kind)
     * queued or running. The count and the insert are one transaction under a lock of the owner's, held to its commit:
     * submissions sent at once (by one server or several over one database) are counted one after another, never all
     * against the same count. The same job submitted again is answered as the duplicate it is, whatever the count.
     */
    public Submitted submit(String kind, String params, String key, String fileName, String inputFormat, Upload data, String regime,
                            String regimeVersion, String submittedBy, Long owner, int chunkSize, int maxActive) {
        String k = key == null ? "" : key.trim();
        String sha = data.sha256();
        long ownerKey = owner == null ? -1L : owner;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (maxActive > 0) {
                    try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                        ps.setInt(1, OWNER_LOCK);
                        ps.setInt(2, Long.hashCode(ownerKey)); // owners sharing a hash only wait for each other
                        ps.executeQuery().close();
                    }
                    Optional<Job> same = find(c, "select * from bulk_job where coalesce(owner, -1) = ? and kind = ? and params = ?"
                            + " and idem_key = ? and content_sha256 = ? and retired_at is null", ownerKey, kind, params, k, sha);
                    if (same.isPresent() && same.get().status() != Status.CANCELLED) {
                        c.rollback();
                        return new Submitted(same.get(), true);
                    }
                    int active;
                    try (PreparedStatement ps = c.prepareStatement(
                            "select count(*) from bulk_job where coalesce(owner, -1) = ? and status in ('queued', 'running')")) {
                        ps.setLong(1, ownerKey);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            active = rs.getInt(1);
                        }
                    }
                    if (active >= maxActive) {
                        c.rollback();
                        throw new JobLimitReached(active);
                    }
                    if (same.isPresent()) { // cancelled: queued again (counted above), it resumes after its last committed chunk
                        Submitted again = requeue(c, same.get());
                        c.commit();
                        return again;
                    }
                }
                Long id = null;
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into bulk_job (idem_key, content_sha256, file_name, input_format, regime, regime_version, status,"
                                + " submitted_by, size_bytes, chunk_size, owner, kind, params) values (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)"
                                + " on conflict ((coalesce(owner, -1)), kind, params, idem_key, content_sha256) where retired_at is null do nothing returning id")) {
                    ps.setString(1, k);
                    ps.setString(2, sha);
                    ps.setString(3, fileName);
                    ps.setString(4, inputFormat);
                    ps.setString(5, regime);
                    ps.setString(6, regimeVersion);
                    ps.setString(7, submittedBy);
                    ps.setLong(8, data.size());
                    ps.setInt(9, chunkSize);
                    ps.setObject(10, owner, java.sql.Types.BIGINT);
                    ps.setString(11, kind);
                    ps.setString(12, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) id = rs.getLong(1);
                    }
                }
                if (id == null) {
                    c.rollback();
                    Job existing = find(c, "select * from bulk_job where coalesce(owner, -1) = ? and kind = ? and params = ?"
                            + " and idem_key = ? and content_sha256 = ? and retired_at is null", owner == null ? -1L : owner, kind, params, k, sha).orElseThrow();
                    if (existing.status() == Status.CANCELLED) {
                        Submitted again = requeue(c, existing);
                        c.commit();
                        return again;
                    }
                    return new Submitted(existing, true);
                }
                storePieces(c, id, data);
                c.commit();
                return new Submitted(get(id).orElseThrow(), false);
            } catch (SQLException | RuntimeException e) {
                Store.rollbackAfter(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store the bulk job: " + e.getMessage(), e);
        }
    }

    /**
     * A cancelled job submitted again: queued again, keeping what it committed (chunks are append-only and a job's
     * identity is unique), so it resumes after its last committed chunk. When another submission queued it first, the
     * job as it is now (a duplicate, not resumed by this one).
     */
    private Submitted requeue(Connection c, Job cancelled) throws SQLException {
        Optional<Job> again = find(c, "update bulk_job set status = 'queued', finished_at = null, error = null, updated_at = now(),"
                + " lease_owner = null, lease_until = null where id = ? and status = 'cancelled' and retired_at is null returning *", cancelled.id());
        if (again.isPresent()) return new Submitted(again.get(), true, true);
        return new Submitted(find(c, "select * from bulk_job where id = ?", cancelled.id()).orElseThrow(), true, false);
    }

    /**
     * Cancels job {@code id} of {@code kind} when it is queued or running, for {@code owner} (a token id; a job of another
     * owner, or of no owner, is not found) or, {@code owner} null, for an administrator (any job). The job ends
     * cancelled, its lease cleared: its worker's next chunk commit is refused ({@link #commitChunk} commits only a
     * running job), so the job stops there, keeping the chunks committed before. A job already done, failed or
     * cancelled is answered {@link CancelOutcome#ENDED} as it is.
     */
    public Cancel cancel(long id, String kind, Long owner) {
        String mine = owner == null ? "" : " and owner = ?";
        Object[] args = owner == null ? new Object[] {id, kind} : new Object[] {id, kind, owner};
        try (Connection c = ds.getConnection()) {
            Optional<Job> cancelled = find(c, "update bulk_job set status = 'cancelled', finished_at = now(), updated_at = now(),"
                    + " lease_owner = null, lease_until = null where id = ? and kind = ?" + mine
                    + " and status in ('queued', 'running') returning *", args);
            if (cancelled.isPresent()) return new Cancel(CancelOutcome.CANCELLED, cancelled.get());
            Optional<Job> as = find(c, "select * from bulk_job where id = ? and kind = ?" + mine, args);
            return as.map(j -> new Cancel(CancelOutcome.ENDED, j)).orElseGet(() -> new Cancel(CancelOutcome.NOT_FOUND, null));
        } catch (SQLException e) {
            throw new StoreException("cannot cancel bulk job " + id + ": " + e.getMessage(), e);
        }
    }

    /** How messages name a job of {@code kind}: "compare" for a compare job, "bulk" for a bulk assessment. */
    public static String kindWord(String kind) {
        return KIND_COMPARE.equals(kind) ? "compare" : "bulk";
    }

    /**
     * What a retirement did: {@link #RETIRED} the job; found it retired {@link #ALREADY} (when, its job says); found it
     * {@link #NOT_ENDED} (queued or running: only a finished job can be retired); or {@link #NOT_FOUND}.
     */
    public enum RetireOutcome { RETIRED, ALREADY, NOT_ENDED, NOT_FOUND }

    /**
     * A job retired: its id and kind, its lines (the lines its results covered) and the bytes removed — the uploaded file's
     * and its chunks' columns as PostgreSQL stored them (compressed), not counting indexes and the rows' own overhead.
     */
    public record Retired(long jobId, String kind, String fileName, long lines, long bytes) { }

    /** A retirement's outcome, the job as it is after it (null when not found), and what was removed (null unless retired). */
    public record Retirement(RetireOutcome outcome, Job job, Retired retired) { }

    /**
     * How a bulk job's chunk totals (the JSON each chunk keeps, in chunk order) are summed into the totals its row keeps once
     * its chunks are gone: the border module's BulkTotals, which the store does not depend on. Null when one of the chunks has
     * none (committed before schema 12): the job's totals were not available and stay so.
     */
    @FunctionalInterface
    public interface TotalsSum {
        String sum(List<String> chunkTotals);
    }

    /**
     * Retires job {@code id} of {@code kind} (any owner's: retiring is an administrator's act): once it has ended (done,
     * failed, cancelled), in one transaction, its row is marked retired — keeping its counts, total and, for a bulk job, its
     * chunks' totals summed by {@code sum} — and its uploaded file and chunks are deleted (schema 15's triggers allow that of a
     * retired job's rows only). A queued or running job is left as it is ({@link RetireOutcome#NOT_ENDED}). The ledger,
     * what-ifs (a compare job's result among them), scenario runs and stockpile events are not touched.
     */
    public Retirement retire(long id, String kind, TotalsSum sum) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                Retirement r = retire(c, id, kind, sum);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                Store.rollbackAfter(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot retire job " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Retires every job (of both kinds, any owner's) that ended — done, failed or cancelled — before {@code before} and is not
     * retired yet, oldest first, each in a transaction of its own (a long list is not one long transaction, and what was
     * retired stays retired should a later one fail). A cancelled job queued again meanwhile is left alone.
     */
    public List<Retired> retireFinishedBefore(Instant before, TotalsSum sum) {
        List<Long> due = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, kind from bulk_job where retired_at is null and status in ('done', 'failed', 'cancelled')"
                        + " and finished_at < ? order by finished_at, id")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getLong(1));
                    kinds.add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot find the jobs finished before " + before + ": " + e.getMessage(), e);
        }
        List<Retired> out = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            Retirement r = retire(due.get(i), kinds.get(i), sum);
            if (r.outcome() == RetireOutcome.RETIRED) out.add(r.retired());
        }
        return out;
    }

    private Retirement retire(Connection c, long id, String kind, TotalsSum sum) throws SQLException {
        Optional<Job> found = find(c, "select * from bulk_job where id = ? and kind = ? for update", id, kind);
        if (found.isEmpty()) return new Retirement(RetireOutcome.NOT_FOUND, null, null);
        Job j = found.get();
        if (j.retired()) return new Retirement(RetireOutcome.ALREADY, j, null);
        if (!j.status().ended()) return new Retirement(RetireOutcome.NOT_ENDED, j, null);
        String totals = null;
        if (KIND_ASSESS.equals(kind)) {
            List<String> chunks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select totals from bulk_chunk where job_id = ? order by chunk_no")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) chunks.add(rs.getString(1));
                }
            }
            totals = chunks.contains(null) ? null : sum.sum(chunks);
        }
        Job after;
        try (PreparedStatement ps = c.prepareStatement(
                "update bulk_job set retired_at = now(), retired_totals = ?, updated_at = now() where id = ? returning *")) {
            ps.setString(1, totals);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                after = job(rs);
            }
        }
        long bytes = sumOf(c, "with d as (delete from bulk_chunk where job_id = ? returning pg_column_size(results)"
                + " + pg_column_size(rejects) + coalesce(pg_column_size(totals), 0) as n) select coalesce(sum(n), 0) from d", id)
                + sumOf(c, "with d as (delete from bulk_input where job_id = ? returning pg_column_size(data) as n)"
                + " select coalesce(sum(n), 0) from d", id)
                + sumOf(c, "with d as (delete from bulk_input_piece where job_id = ? returning pg_column_size(data) as n)"
                + " select coalesce(sum(n), 0) from d", id);
        return new Retirement(RetireOutcome.RETIRED, after, new Retired(id, kind, j.fileName(), j.linesDone(), bytes));
    }

    private static long sumOf(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<Job> get(long id) {
        try (Connection c = ds.getConnection()) {
            return find(c, "select * from bulk_job where id = ?", id);
        } catch (SQLException e) {
            throw new StoreException("cannot read bulk job " + id + ": " + e.getMessage(), e);
        }
    }

    public List<Job> recent(int limit) {
        return recent(limit, null);
    }

    /** The newest assessment jobs of one owner (null: everyone's). */
    public List<Job> recent(int limit, Long owner) {
        return recent(limit, owner, KIND_ASSESS);
    }

    /** The newest jobs of a kind of one owner (null: everyone's). */
    public List<Job> recent(int limit, Long owner, String kind) {
        return page(limit, owner, kind, null);
    }

    /**
     * A page of the jobs of a kind of one owner (null: everyone's), newest first by (created_at, id), strictly before
     * {@code before} (null: from the newest); at most {@code limit} (1 to 1001).
     */
    public List<Job> page(int limit, Long owner, String kind, Keyset before) {
        Keyset.Query q = Keyset.page("bulk_job", "created_at", "kind = ?", List.of(kind), owner, before, Math.max(1, Math.min(limit, 1001)));
        try (Connection c = ds.getConnection(); PreparedStatement ps = q.bind(c.prepareStatement(q.sql()))) {
            List<Job> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(job(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the bulk jobs: " + e.getMessage(), e);
        }
    }

    /**
     * Claims a job that is queued, or running under a lease that has lapsed, for this worker; empty when there is none.
     * Users take turns: of each owner's oldest job waiting, the one whose owner has had the fewest jobs run since it was
     * queued (running now, or ended since, but a job cancelled before any line) goes first, then the oldest. First come,
     * first served over everyone made every other user's file wait for all four of one user's (a broker's four files of
     * millions of lines held a ten-line file for minutes); now a user's job waits for the job running and for other users'
     * jobs only while their owners have had no more run than its own. A job under way is not interrupted.
     */
    public Optional<Job> claimNext() {
        String waiting = "(%1$s.status = 'queued' or (%1$s.status = 'running' and (%1$s.lease_until is null or %1$s.lease_until < now())))";
        String sql = "update bulk_job set status = 'running', lease_owner = ?, lease_until = now() + make_interval(secs => ?),"
                + " updated_at = now() where id = (select b.id from bulk_job b where " + waiting.formatted("b")
                // the owner's oldest job waiting
                + " and not exists (select 1 from bulk_job e where coalesce(e.owner, -1) = coalesce(b.owner, -1) and e.id < b.id and "
                + waiting.formatted("e") + ")"
                // how many of the owner's jobs have run since it was queued
                + " order by (select count(*) from bulk_job k where coalesce(k.owner, -1) = coalesce(b.owner, -1) and k.id < b.id"
                + " and (k.status = 'running' or (k.finished_at > b.created_at and (k.status <> 'cancelled' or k.chunks_done > 0)))), b.id"
                + " limit 1 for update of b skip locked) returning *";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, worker);
            ps.setInt(2, LEASE_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(job(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot claim a bulk job: " + e.getMessage(), e);
        }
    }

    /** How many jobs of this owner, of every kind, are queued or running (the per-user limit counts them). */
    public int active(Long owner) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from bulk_job where coalesce(owner, -1) = ? and status in ('queued', 'running')")) {
            ps.setLong(1, owner == null ? -1L : owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count the bulk jobs: " + e.getMessage(), e);
        }
    }

    /** How much of an uploaded file is read from the database at once ({@link #input}). */
    static final int INPUT_PIECE = 1 << 20;

    /**
     * Stores the upload as pieces of {@link #INPUT_PIECE} bytes (schema 16), at least one (an empty file is one empty piece):
     * PostgreSQL compresses each on its own, so {@link #input} reads piece k without decompressing those before it. One piece
     * is in the heap at a time.
     */
    private static void storePieces(Connection c, long id, Upload data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into bulk_input_piece (job_id, piece_no, data) values (?, ?, ?)");
             InputStream in = data.source().open()) {
            long stored = 0;
            int no = 0;
            do {
                byte[] piece = in.readNBytes((int) Math.min(INPUT_PIECE, data.size() - stored));
                if (piece.length == 0 && stored < data.size()) {
                    throw new StoreException("the upload ended at byte " + stored + " of the " + data.size() + " it was said to hold");
                }
                ps.setLong(1, id);
                ps.setInt(2, no++);
                ps.setBytes(3, piece);
                ps.executeUpdate();
                stored += piece.length;
            } while (stored < data.size());
        } catch (IOException e) {
            throw new StoreException("cannot read the upload to store it: " + e.getMessage(), e);
        }
    }

    /**
     * The uploaded file, read from the database a piece of {@link #INPUT_PIECE} bytes at a time, each piece on a connection of
     * its own given back at once. It was read whole ({@code rs.getBytes}): the driver holds the value as hex text and its bytes,
     * several times the file, so in the heap of a small machine (128 MiB, a 512 MB container's default) a 67 MB upload that
     * the server had accepted (the limit is 256 MB) ran the worker out of memory, said as "the database is out of memory or
     * another resource (Java heap space)", and the job was paused and tried again every 30 s for ever. A failure to read a piece
     * is a {@link StoreException} (the database away: the job pauses, as before).
     */
    public InputStream input(long jobId) {
        long size;
        boolean inPieces;
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select (select sum(octet_length(data)) from bulk_input_piece where job_id = ?),"
                     + " (select octet_length(data) from bulk_input where job_id = ?)")) {
            ps.setLong(1, jobId);
            ps.setLong(2, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long pieces = rs.getLong(1);
                inPieces = !rs.wasNull();
                long whole = rs.getLong(2);
                if (!inPieces && rs.wasNull()) throw new StoreException("bulk job " + jobId + " has no stored input");
                size = inPieces ? pieces : whole;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the input of bulk job " + jobId + ": " + e.getMessage(), e);
        }
        return new InputStream() {
            private long read; // bytes of the file fetched so far
            private int pieceNo; // the next stored piece (schema 16)
            private byte[] piece = new byte[0];
            private int at;

            private boolean more() {
                if (at < piece.length) return true;
                if (read >= size) return false;
                piece = inPieces ? storedPiece(jobId, pieceNo++) : piece(jobId, read, (int) Math.min(INPUT_PIECE, size - read));
                if (piece.length == 0) throw new StoreException("the input of bulk job " + jobId + " ended at byte " + read + " of " + size);
                read += piece.length;
                at = 0;
                return true;
            }

            @Override
            public int read() {
                return more() ? piece[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) return 0;
                if (!more()) return -1;
                int n = Math.min(len, piece.length - at);
                System.arraycopy(piece, at, b, off, n);
                at += n;
                return n;
            }
        };
    }

    /** Piece {@code no} of a job's uploaded file as stored since schema 16 (empty when there is none). */
    private byte[] storedPiece(long jobId, int no) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select data from bulk_input_piece where job_id = ? and piece_no = ?")) {
            ps.setLong(1, jobId);
            ps.setInt(2, no);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : new byte[0];
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the input of bulk job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code length} bytes of a job's uploaded file from byte {@code from} (0-based), for a job stored before schema 16 as one
     * value. PostgreSQL decompresses such a value from its start to reach a slice, so reading a whole file this way costs the
     * square of its size (V16__upload_in_pieces.sql); only jobs stored by an older release are read so.
     */
    private byte[] piece(long jobId, long from, int length) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select substring(data from ? for ?) from bulk_input where job_id = ?")) {
            ps.setInt(1, Math.toIntExact(from + 1)); // substring takes int positions (a bytea holds at most 1 GB)
            ps.setInt(2, length);
            ps.setLong(3, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new StoreException("bulk job " + jobId + " has no stored input");
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the input of bulk job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits one chunk and the job's progress in one transaction, renewing the lease. Fails (and writes
     * nothing) when this worker no longer holds the job or the chunk is not the next one.
     */
    public void commitChunk(long jobId, ChunkResult r) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "update bulk_job set chunks_done = chunks_done + 1, lines_done = lines_done + ?, assessed = assessed + ?,"
                                + " prohibited = prohibited + ?, rejected = rejected + ?, total_duty = total_duty + ?, updated_at = now(),"
                                + " lease_until = now() + make_interval(secs => ?),"
                                + " duplicate_ids = duplicate_ids + ?, duplicate_check_stopped_at = case when duplicate_check_stopped_at = 0"
                                + " then ? else duplicate_check_stopped_at end"
                                + " where id = ? and lease_owner = ? and chunks_done = ? and status = 'running'")) {
                    ps.setLong(1, r.records());
                    ps.setLong(2, r.assessed());
                    ps.setLong(3, r.prohibited());
                    ps.setLong(4, r.rejected());
                    ps.setBigDecimal(5, r.totalDuty());
                    ps.setInt(6, LEASE_SECONDS);
                    ps.setLong(7, r.duplicateIds());
                    ps.setLong(8, r.duplicateCheckStoppedAt());
                    ps.setLong(9, jobId);
                    ps.setString(10, worker);
                    ps.setInt(11, r.chunkNo());
                    if (ps.executeUpdate() != 1) {
                        throw new StoreException("bulk job " + jobId + ": chunk " + r.chunkNo() + " is not this worker's to commit"
                                + " (the job was taken over, or the chunk is already stored)");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into bulk_chunk (job_id, chunk_no, first_record, records, assessed, prohibited, rejected, total_duty,"
                                + " results, rejects, totals, duplicate_ids) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, jobId);
                    ps.setInt(2, r.chunkNo());
                    ps.setLong(3, r.firstRecord());
                    ps.setInt(4, r.records());
                    ps.setInt(5, r.assessed());
                    ps.setInt(6, r.prohibited());
                    ps.setInt(7, r.rejected());
                    ps.setBigDecimal(8, r.totalDuty());
                    ps.setString(9, r.results());
                    ps.setString(10, r.rejects());
                    ps.setString(11, r.totals());
                    ps.setInt(12, r.duplicateIds());
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                Store.rollbackAfter(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot commit chunk " + r.chunkNo() + " of bulk job " + jobId + ": " + e.getMessage(), e);
        }
    }

    public void finish(long jobId) {
        end(jobId, "done", null);
    }

    public void fail(long jobId, String error) {
        end(jobId, "failed", error);
    }

    private void end(long jobId, String status, String error) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update bulk_job set status = ?, error = ?, finished_at = now(), updated_at = now(), lease_owner = null,"
                        + " lease_until = null where id = ? and lease_owner = ? and status = 'running'")) {
            ps.setString(1, status);
            ps.setString(2, error);
            ps.setLong(3, jobId);
            ps.setString(4, worker);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot end bulk job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /** A store fault's reason as servers before session 25 wrote it: how far the job got, then the store's own message. */
    private static final java.util.regex.Pattern OLD_STORE_FAILURE = java.util.regex.Pattern.compile(
            "stopped after (\\d+) lines: (?!the server could not save the job's results \\(reference #|the server failed \\(reference #).*",
            java.util.regex.Pattern.DOTALL);
    private static final String NOT_THE_FILE = "; the file is not at fault: tell the server's operator the job's number, and once they"
            + " have put it right upload the file again with another idempotency key";

    /**
     * A failed job's reason as its owner is shown it. Jobs failed by a fault of the server before session 25 kept the
     * database's own words as their reason — "stopped after N lines: cannot commit chunk …: ERROR: new row for relation …" and
     * PostgreSQL's detail, a failing row's values among them — and the first servers kept "internal error: " and the
     * exception. They are shown in the words a failure is given now (the file not at fault, what to do), naming where the
     * details are instead of a reference: the record keeps its text as it was, for the operator, and those servers logged it
     * as "bulk job N failed after M lines: …". Every other reason (the file's own fault, a reference given) is as stored.
     */
    static String shownError(long jobId, String stored) {
        if (stored == null) return null;
        java.util.regex.Matcher m = OLD_STORE_FAILURE.matcher(stored);
        if (m.matches()) {
            return "stopped after " + m.group(1) + " lines: the server could not save the job's results (it failed before Lodestone gave"
                    + " such failures a reference: the server's log of that day has it as \"bulk job " + jobId + " failed after " + m.group(1)
                    + " lines\")" + NOT_THE_FILE;
        }
        if (stored.startsWith("internal error: ")) {
            return "the server failed (it failed before Lodestone gave such failures a reference; the job's record keeps the details for"
                    + " the server's operator)" + NOT_THE_FILE;
        }
        return stored;
    }

    /** Writes the job's results (or rejects) file: its committed chunks in order. */
    public void writeOutput(long jobId, boolean rejects, Writer out) throws IOException {
        int chunks = get(jobId).map(Job::chunksDone).orElseThrow(() -> new StoreException("no bulk job " + jobId));
        writeOutput(jobId, chunks, rejects, out);
    }

    /**
     * Writes the first {@code chunks} committed chunks of the job's results (or rejects) file, in order. Each chunk is read
     * with a connection of its own, given back before the chunk is written: {@code out} is a client's download, and a
     * client that reads slowly or not at all (a laptop asleep, a slow link) must not hold one of the pool's few
     * connections for as long as it pleases — thirteen stalled downloads held them all, and every other request of every
     * user was refused. Chunks are append-only, so reading them apart gives the same file as one query.
     */
    public void writeOutput(long jobId, int chunks, boolean rejects, Writer out) throws IOException {
        String col = rejects ? "rejects" : "results";
        for (int k = 0; k < chunks; k++) {
            String text;
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("select " + col + " from bulk_chunk where job_id = ? and chunk_no = ?")) {
                ps.setLong(1, jobId);
                ps.setInt(2, k);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new StoreException("bulk job " + jobId + " has no chunk " + k + " of " + chunks);
                    text = rs.getString(1);
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read the output of bulk job " + jobId + ": " + e.getMessage(), e);
            }
            out.write(text); // the connection is back in the pool while the client reads
        }
    }

    /** The results column of every committed chunk of a job, in order (a compare job's chunk figures). */
    public List<String> chunkResults(long jobId) {
        return chunkColumn(jobId, "results", "the chunks of job ");
    }

    /** One text column of every committed chunk of a job, in chunk order ({@code column} is one of this class's, never input). */
    private List<String> chunkColumn(long jobId, String column, String what) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + column + " from bulk_chunk where job_id = ? order by chunk_no")) {
            ps.setLong(1, jobId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + what + jobId + ": " + e.getMessage(), e);
        }
    }

    private void releaseAllLeases() {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("update bulk_job set lease_until = null where status = 'running'")) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot reset the bulk jobs' leases: " + e.getMessage(), e);
        }
    }

    public boolean exclusive() {
        return exclusive;
    }

    private static Optional<Job> find(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(job(rs)) : Optional.empty();
            }
        }
    }

    private static Job job(ResultSet rs) throws SQLException {
        java.sql.Timestamp fin = rs.getTimestamp("finished_at");
        return new Job(rs.getLong("id"), rs.getString("idem_key"), rs.getString("content_sha256"), rs.getString("file_name"),
                rs.getString("input_format"), rs.getString("regime"), rs.getString("regime_version"), Status.parse(rs.getString("status")),
                rs.getString("submitted_by"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                fin == null ? null : fin.toInstant(), rs.getLong("size_bytes"), rs.getInt("chunk_size"), rs.getInt("chunks_done"),
                rs.getLong("lines_done"), rs.getLong("assessed"), rs.getLong("prohibited"), rs.getLong("rejected"),
                rs.getBigDecimal("total_duty"), shownError(rs.getLong("id"), rs.getString("error")), (Long) rs.getObject("owner", Long.class), rs.getString("kind"),
                rs.getString("params"), rs.getLong("duplicate_ids"), rs.getLong("duplicate_check_stopped_at"),
                rs.getLong("duplicate_unchecked_lines"),
                rs.getTimestamp("retired_at") == null ? null : rs.getTimestamp("retired_at").toInstant(), rs.getString("retired_totals"));
    }

    /**
     * Each committed chunk's totals (the JSON the worker stored), in chunk order; a chunk committed before totals were kept
     * (schema version 12) gives null.
     */
    public List<String> chunkTotals(long jobId) {
        return chunkColumn(jobId, "totals", "the totals of bulk job ");
    }
}
