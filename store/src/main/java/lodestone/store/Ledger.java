package lodestone.store;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The assessment ledger: every assessment made through the server, with its inputs, the regime and its
 * version, the result with its trail, who and when. Append-only — the database refuses updates and
 * deletes (a trigger), so an entry, once written, is what was said.
 */
public final class Ledger {
    /** What is written. {@code requestJson} and {@code resultJson} are JSON texts. */
    public record NewEntry(String actor, String regime, String regimeVersion, LocalDate entryDate, String hts, String origin,
                           String status, BigDecimal totalDuty, String requestJson, String resultJson) { }

    /** What was written. */
    public record Entry(long id, Instant at, String actor, String regime, String regimeVersion, LocalDate entryDate,
                        String hts, String origin, String status, BigDecimal totalDuty, String requestJson, String resultJson) { }

    private final DataSource ds;

    Ledger(DataSource ds) {
        this.ds = ds;
    }

    public Entry append(NewEntry e) {
        String sql = "insert into assessment (actor, regime, regime_version, entry_date, hts, origin, status, total_duty, request, result)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) returning id, at";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.actor());
            ps.setString(2, e.regime());
            ps.setString(3, e.regimeVersion());
            ps.setObject(4, e.entryDate());
            ps.setString(5, e.hts());
            ps.setString(6, e.origin());
            ps.setString(7, e.status());
            if (e.totalDuty() == null) ps.setNull(8, Types.NUMERIC);
            else ps.setBigDecimal(8, e.totalDuty());
            ps.setString(9, e.requestJson());
            ps.setString(10, e.resultJson());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), e.actor(), e.regime(), e.regimeVersion(), e.entryDate(),
                        e.hts(), e.origin(), e.status(), e.totalDuty(), e.requestJson(), e.resultJson());
            }
        } catch (SQLException ex) {
            throw new StoreException("cannot write the assessment to the ledger: " + ex.getMessage(), ex);
        }
    }

    public Optional<Entry> get(long id) {
        List<Entry> l = query("select * from assessment where id = ?", id, 1, true);
        return l.stream().findFirst();
    }

    /** The newest entries first, without their request and result texts. */
    public List<Entry> recent(int limit) {
        return query("select * from assessment order by id desc limit ?", null, Math.max(1, Math.min(limit, 1000)), false);
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

    private List<Entry> query(String sql, Long id, int limit, boolean withBodies) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id != null ? id : limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("regime"),
                            rs.getString("regime_version"), rs.getObject("entry_date", LocalDate.class), rs.getString("hts"),
                            rs.getString("origin"), rs.getString("status"), rs.getBigDecimal("total_duty"),
                            withBodies ? rs.getString("request") : null, withBodies ? rs.getString("result") : null));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new StoreException("cannot read the ledger: " + ex.getMessage(), ex);
        }
    }
}
