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

/** Scenario runs: which scenario, with which parameters, by whom, and the result (JSON) or the error. */
public final class ScenarioRuns {
    public record Run(long id, Instant at, String actor, String scenario, String mineral, String parametersJson,
                      String status, String resultJson, String error, Double millis) { }

    private final DataSource ds;

    ScenarioRuns(DataSource ds) {
        this.ds = ds;
    }

    public Run record(String actor, String scenario, String mineral, String parametersJson, String resultJson, String error, double millis) {
        String sql = "insert into scenario_run (actor, scenario, mineral, parameters, status, result, error, millis)"
                + " values (?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?) returning id, at";
        String status = error == null ? "solved" : "failed";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, actor);
            ps.setString(2, scenario);
            ps.setString(3, mineral);
            ps.setString(4, parametersJson);
            ps.setString(5, status);
            if (resultJson == null) ps.setNull(6, Types.OTHER);
            else ps.setString(6, resultJson);
            ps.setString(7, error);
            ps.setDouble(8, millis);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Run(rs.getLong(1), rs.getTimestamp(2).toInstant(), actor, scenario, mineral, parametersJson, status,
                        resultJson, error, millis);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the scenario run: " + e.getMessage(), e);
        }
    }

    public Optional<Run> get(long id) {
        return query("select * from scenario_run where id = ?", id, true).stream().findFirst();
    }

    /** The newest runs first, without their result texts. */
    public List<Run> recent(int limit) {
        return query("select * from scenario_run order by id desc limit ?", Math.max(1, Math.min(limit, 1000)), false);
    }

    private List<Run> query(String sql, long arg, boolean bodies) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, arg);
            List<Run> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double ms = rs.getDouble("millis");
                    Double millis = rs.wasNull() ? null : ms;
                    out.add(new Run(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("scenario"),
                            rs.getString("mineral"), rs.getString("parameters"), rs.getString("status"),
                            bodies ? rs.getString("result") : null, rs.getString("error"), millis));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the scenario runs: " + e.getMessage(), e);
        }
    }
}
