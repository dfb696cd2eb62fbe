package lodestone.store;

import javax.sql.DataSource;
import java.math.BigDecimal;
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
 * What-if comparisons: one shipment or a whole file assessed under the active regime (side A) and under another
 * regime or date (side B), who asked, and what was asked and answered (JSON). Append-only (the table's triggers
 * refuse changes; the server's role may only read and insert). A compare job's what-if is recorded once:
 * recording it again (a job resumed after it was recorded) returns the first record.
 */
public final class WhatIfs {
    /**
     * A recorded what-if. Its request and result are the texts as written ({@link ExactJson}); {@code exact} is false for one
     * recorded before they were kept so, whose texts are jsonb's (keys in jsonb's order).
     */
    public record WhatIf(long id, Instant at, String actor, Long owner, String kind, String regime, String comparedWith, String subject,
                         Long jobId, BigDecimal totalA, BigDecimal totalB, BigDecimal difference, String requestJson, String resultJson,
                         boolean exact) { }

    /** A what-if to record; {@code kind} is shipment, entry (a customs entry of several lines) or file; totals are null when a side is not comparable. */
    public record NewWhatIf(String actor, Long owner, String kind, String regime, String comparedWith, String subject, Long jobId,
                            BigDecimal totalA, BigDecimal totalB, BigDecimal difference, String requestJson, String resultJson) { }

    private final DataSource ds;

    WhatIfs(DataSource ds) {
        this.ds = ds;
    }

    public WhatIf record(NewWhatIf w) {
        String sql = "insert into whatif (actor, owner, kind, regime, compared_with, subject, job_id, total_a, total_b, difference, request, result)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + ExactJson.SQL + ", " + ExactJson.SQL + ") on conflict (job_id) where job_id is not null do nothing returning id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, w.actor());
            ps.setObject(2, w.owner(), Types.BIGINT);
            ps.setString(3, w.kind());
            ps.setString(4, w.regime());
            ps.setString(5, w.comparedWith());
            ps.setString(6, w.subject());
            ps.setObject(7, w.jobId(), Types.BIGINT);
            ps.setBigDecimal(8, w.totalA());
            ps.setBigDecimal(9, w.totalB());
            ps.setBigDecimal(10, w.difference());
            ps.setString(11, ExactJson.checked(w.requestJson()));
            ps.setString(12, ExactJson.checked(w.resultJson()));
            Long id = null;
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) id = rs.getLong(1);
            }
            if (id == null) return forJob(w.jobId()).orElseThrow(); // recorded before: the first record stands
            return get(id).orElseThrow();
        } catch (SQLException e) {
            throw new StoreException("cannot record the what-if: " + e.getMessage(), e);
        }
    }

    public Optional<WhatIf> get(long id) {
        return query("select * from whatif where id = ?", true, id).stream().findFirst();
    }

    /** The what-if a compare job recorded when it finished. */
    public Optional<WhatIf> forJob(long jobId) {
        return query("select * from whatif where job_id = ?", true, jobId).stream().findFirst();
    }

    /** The newest what-ifs of one owner (null: everyone's) first, without their request and result texts. */
    public List<WhatIf> recent(int limit, Long owner) {
        return page(limit, owner, null);
    }

    /**
     * A page of the what-ifs of one owner (null: everyone's), newest first by (time, id), strictly before {@code before}
     * (null: from the newest); at most {@code limit} (1 to 1001), without their request and result texts.
     */
    public List<WhatIf> page(int limit, Long owner, Keyset before) {
        Keyset.Query q = Keyset.page("id, at, actor, owner, kind, regime, compared_with, subject, job_id, total_a, total_b, difference",
                "whatif", "at", null, List.of(), owner, before, Math.max(1, Math.min(limit, 1001)));
        return query(q.sql(), false, q.args().toArray());
    }

    private List<WhatIf> query(String sql, boolean bodies, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<WhatIf> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WhatIf(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                            rs.getObject("owner", Long.class), rs.getString("kind"), rs.getString("regime"), rs.getString("compared_with"),
                            rs.getString("subject"), rs.getObject("job_id", Long.class), rs.getBigDecimal("total_a"), rs.getBigDecimal("total_b"),
                            rs.getBigDecimal("difference"), bodies ? ExactJson.read(rs.getString("request")) : null,
                            bodies ? ExactJson.read(rs.getString("result")) : null, bodies && ExactJson.isExact(rs.getString("request"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the what-ifs: " + e.getMessage(), e);
        }
    }
}
