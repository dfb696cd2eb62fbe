package lodestone.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scenario runs: which scenario, with which parameters, by whom, and the result (JSON) or the error. The parameters
 * and the result are kept as the exact text given ({@link ExactJson}): read back, a result is the bytes the run
 * answered, in the command line's key order, not jsonb's.
 */
public final class ScenarioRuns {
    /**
     * A run. {@code exact}: its parameters and result are the texts as written (a run stored since they are kept
     * exactly); false for a run stored before, whose texts are jsonb's (keys in jsonb's order, numbers in its form).
     */
    public record Run(long id, Instant at, String actor, String scenario, String mineral, String parametersJson,
                      String status, String resultJson, String error, Double millis, Long owner, boolean exact) { }

    private final DataSource ds;

    ScenarioRuns(DataSource ds) {
        this.ds = ds;
    }

    public Run record(String actor, String scenario, String mineral, String parametersJson, String resultJson, String error, double millis) {
        return record(actor, null, scenario, mineral, parametersJson, resultJson, error, millis);
    }

    /** Records a run made by {@code owner} (a token id, or null). */
    public Run record(String actor, Long owner, String scenario, String mineral, String parametersJson, String resultJson, String error,
                      double millis) {
        String sql = "insert into scenario_run (actor, scenario, mineral, parameters, status, result, error, millis, owner)"
                + " values (?, ?, ?, " + ExactJson.SQL + ", ?, " + ExactJson.SQL + ", ?, ?, ?) returning id, at";
        String status = error == null ? "solved" : "failed";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, actor);
            ps.setString(2, scenario);
            ps.setString(3, mineral);
            ps.setString(4, ExactJson.checked(parametersJson));
            ps.setString(5, status);
            ps.setString(6, ExactJson.checked(resultJson));
            ps.setString(7, error);
            ps.setDouble(8, millis);
            ps.setObject(9, owner, Types.BIGINT);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Run(rs.getLong(1), rs.getTimestamp(2).toInstant(), actor, scenario, mineral, parametersJson, status,
                        resultJson, error, millis, owner, true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the scenario run: " + e.getMessage(), e);
        }
    }

    public Optional<Run> get(long id) {
        return query("select * from scenario_run where id = ?", true, id).stream().findFirst();
    }

    /** The newest runs first, without their result texts. */
    public List<Run> recent(int limit) {
        return recent(limit, null);
    }

    /** The newest runs of one owner (null: everyone's) first, without their result texts. */
    public List<Run> recent(int limit, Long owner) {
        return page(limit, owner, null);
    }

    /**
     * A page of the runs of one owner (null: everyone's), newest first by (time, id), strictly before {@code before}
     * (null: from the newest); at most {@code limit} (1 to 1001), without their result texts.
     */
    public List<Run> page(int limit, Long owner, Keyset before) {
        Keyset.Query q = Keyset.page("scenario_run", "at", null, List.of(), owner, before, Math.max(1, Math.min(limit, 1001)));
        return query(q.sql(), false, q.args().toArray());
    }

    private List<Run> query(String sql, boolean bodies, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<Run> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double ms = rs.getDouble("millis");
                    String parameters = rs.getString("parameters");
                    Double millis = rs.wasNull() ? null : ms;
                    out.add(new Run(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("scenario"),
                            rs.getString("mineral"), ExactJson.read(parameters), rs.getString("status"),
                            bodies ? ExactJson.read(rs.getString("result")) : null, rs.getString("error"), millis, (Long) rs.getObject("owner", Long.class),
                            ExactJson.isExact(parameters)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the scenario runs: " + e.getMessage(), e);
        }
    }
}
