package lodestone.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Stockpile ledgers: each stockpile's events in order, append-only (a trigger refuses UPDATE, DELETE and
 * TRUNCATE). The store knows events only as a date, a type and a JSON payload; what they mean, and
 * whether they may be appended, is the exposure module's {@code StockpileLedger}. An append is one
 * transaction (all its events or none) and names the number of events it was checked against: if another
 * append came first, it is refused ({@link Conflict}) rather than written after events it never saw.
 */
public final class StockpileEvents {
    /**
     * An event to write: {@code payloadJson} is the event as JSON (the ledger file's fields); {@code actor}: who it is recorded
     * by when not the appender (a bundled ledger's own events, carried by the first append), else null.
     */
    public record NewEvent(LocalDate eventDate, String type, String payloadJson, String actor) {
        public NewEvent(LocalDate eventDate, String type, String payloadJson) {
            this(eventDate, type, payloadJson, null);
        }
    }

    /** An event as written. */
    public record Stored(String stockpile, int seq, Instant at, String actor, LocalDate eventDate, String type, String payloadJson) { }

    /** A stockpile's summary: how many events, the first and last event dates. */
    public record Summary(String stockpile, int events, LocalDate first, LocalDate last) { }

    /** The ledger has more events than the append was checked against: read it again and re-check. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    private final DataSource ds;

    StockpileEvents(DataSource ds) {
        this.ds = ds;
    }

    /**
     * Appends {@code events} after the first {@code expectedCount} events of {@code stockpile}, all in one
     * transaction. Returns the stored events.
     *
     * @throws Conflict when the ledger no longer has exactly {@code expectedCount} events
     */
    public List<Stored> append(String stockpile, int expectedCount, String actor, List<NewEvent> events) {
        if (events.isEmpty()) return List.of();
        String sql = "insert into stockpile_event (stockpile, seq, actor, event_date, type, payload) values (?, ?, ?, ?, ?, ?::jsonb) returning at";
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                int have = count(c, stockpile);
                if (have != expectedCount) {
                    throw new Conflict("the stockpile " + stockpile + " has " + have + " events, not the " + expectedCount
                            + " the new events were checked against; read it again");
                }
                List<Stored> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int seq = expectedCount;
                    for (NewEvent e : events) {
                        ps.setString(1, stockpile);
                        ps.setInt(2, ++seq);
                        String by = e.actor() != null ? e.actor() : actor;
                        ps.setString(3, by);
                        ps.setObject(4, e.eventDate());
                        ps.setString(5, e.type());
                        ps.setString(6, e.payloadJson());
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            out.add(new Stored(stockpile, seq, rs.getTimestamp(1).toInstant(), by, e.eventDate(), e.type(), e.payloadJson()));
                        }
                    }
                }
                c.commit();
                return out;
            } catch (SQLException | RuntimeException ex) {
                Store.rollbackAfter(c, ex);
                if (ex instanceof SQLException s && "23505".equals(s.getSQLState())) {
                    throw new Conflict("another append to the stockpile " + stockpile + " came first; read it again");
                }
                throw ex;
            }
        } catch (SQLException ex) {
            throw new StoreException("cannot append to the stockpile " + stockpile + ": " + ex.getMessage(), ex);
        }
    }

    private static int count(Connection c, String stockpile) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from stockpile_event where stockpile = ?")) {
            ps.setString(1, stockpile);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Every event of {@code stockpile}, in order (empty when there is no such stockpile). */
    public List<Stored> load(String stockpile) {
        String sql = "select seq, at, actor, event_date, type, payload from stockpile_event where stockpile = ? order by seq";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, stockpile);
            List<Stored> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(stockpile, rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new StoreException("cannot read the stockpile " + stockpile + ": " + ex.getMessage(), ex);
        }
    }

    /** The stockpiles in the store, by name. */
    public List<Summary> list() {
        String sql = "select stockpile, count(*), min(event_date), max(event_date) from stockpile_event group by stockpile order by stockpile";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Summary> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Summary(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)));
            }
            return out;
        } catch (SQLException ex) {
            throw new StoreException("cannot list the stockpiles: " + ex.getMessage(), ex);
        }
    }
}
