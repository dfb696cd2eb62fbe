package lodestone.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * Path jobs (schema v6): a Monte Carlo, seek or sensitivity job submitted through the API, from submission to
 * its end. The result itself is the scenario run the job stored ({@link ScenarioRuns}); this table says which
 * job it belongs to, so that a finished job outlives the server that ran it.
 */
public final class PathJobRecords {
    /** One job; {@code runId} and {@code endedAt} are set when it has ended. */
    public record Record(long id, Instant at, String kind, String scenario, Long owner, String status, String error, Long runId,
                         Instant endedAt) {
        public boolean ended() { return endedAt != null; }
    }

    private final DataSource ds;

    PathJobRecords(DataSource ds) {
        this.ds = ds;
    }

    /** Records a job as queued; its id is the job's id. */
    public Record submit(String kind, String scenario, Long owner) {
        String sql = "insert into path_job (kind, scenario, owner, status) values (?, ?, ?, 'queued') returning id, at";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, kind);
            ps.setString(2, scenario);
            ps.setObject(3, owner, Types.BIGINT);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Record(rs.getLong(1), rs.getTimestamp(2).toInstant(), kind, scenario, owner, "queued", null, null, null);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the path job: " + e.getMessage(), e);
        }
    }

    /** Marks a queued job as running. */
    public void started(long id) {
        update("update path_job set status = 'running' where id = ? and status = 'queued'", id, null, null, null);
    }

    /** Marks a job as ended ("done" or "failed"), with its error and the scenario run holding its result. */
    public void ended(long id, String status, String error, Long runId) {
        if (!status.equals("done") && !status.equals("failed")) throw new IllegalArgumentException("status " + status);
        update("update path_job set status = ?, error = ?, run_id = ?, ended_at = now() where id = ? and ended_at is null",
                id, status, error, runId);
    }

    private void update(String sql, long id, String status, String error, Long runId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int k = 1;
            if (status != null) {
                ps.setString(k++, status);
                ps.setString(k++, error);
                ps.setObject(k++, runId, Types.BIGINT);
            }
            ps.setLong(k, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update path job " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * The highest job id recorded so far (0: none). A server reads it at start: a job with an id up to it was submitted before
     * that server started. (Ids come from a sequence, so they keep the order of submission whatever the clock did; the time a
     * job was recorded does not, once the clock has been stepped back.)
     */
    public long lastId() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select coalesce(max(id), 0) from path_job");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read the path jobs: " + e.getMessage(), e);
        }
    }

    public Optional<Record> get(long id) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select * from path_job where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                Timestamp end = rs.getTimestamp("ended_at");
                return Optional.of(new Record(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("kind"),
                        rs.getString("scenario"), rs.getObject("owner", Long.class), rs.getString("status"), rs.getString("error"),
                        rs.getObject("run_id", Long.class), end == null ? null : end.toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read path job " + id + ": " + e.getMessage(), e);
        }
    }
}
