package lodestone.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A place in a newest-first list: the (time, id) of the last record a page gave. The next page is the records strictly
 * before it in the order {@code time desc, id desc}, read by the database as {@code (time, id) < (?, ?)} — never by
 * skipping records in memory — so records written between two pages are neither given twice nor passed over.
 *
 * @param at the record's time (microseconds, as the database keeps it)
 * @param id the record's id, which orders records of the same time
 */
public record Keyset(Instant at, long id) {

    /** Every record earlier than this time, none of it. */
    public static Keyset earlierThan(Instant at) {
        return new Keyset(at, Long.MIN_VALUE);
    }

    /** Every record of this time or earlier. */
    public static Keyset atOrEarlierThan(Instant at) {
        return new Keyset(at, Long.MAX_VALUE);
    }

    /** A page's query and its parameters. */
    record Query(String sql, List<Object> args) {
        PreparedStatement bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            return ps;
        }
    }

    /**
     * {@code select * from table where conditions [and owner = ?] [and (time, id) < (?, ?)] order by time desc, id desc
     * limit ?}; {@code conditions} are the table's own (with their {@code args}), the owner null for everyone's.
     */
    static Query page(String table, String timeColumn, String conditions, List<Object> conditionArgs, Long owner, Keyset before, int limit) {
        return page("*", table, timeColumn, conditions, conditionArgs, owner, before, limit);
    }

    /** The same with only {@code columns} read (a list that leaves out its records' large texts need not fetch them). */
    static Query page(String columns, String table, String timeColumn, String conditions, List<Object> conditionArgs, Long owner,
                      Keyset before, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>(conditionArgs);
        if (conditions != null) where.add(conditions);
        if (owner != null) {
            where.add("owner = ?");
            args.add(owner);
        }
        if (before != null) {
            where.add("(" + timeColumn + ", id) < (?, ?)");
            args.add(OffsetDateTime.ofInstant(before.at(), ZoneOffset.UTC));
            args.add(before.id());
        }
        args.add(limit);
        return new Query("select " + columns + " from " + table + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by " + timeColumn + " desc, id desc limit ?", args);
    }
}
