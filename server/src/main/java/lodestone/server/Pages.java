package lodestone.server;

import lodestone.store.Keyset;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Cursor paging of the API's lists. A list answers newest first by (time, id) — History by (time, kind, id) — at most
 * {@code limit} items; when more follow, the answer's {@value #HEADER} header holds an opaque cursor naming the last item
 * given, and the same list with {@code ?cursor=} that value continues after it. The store reads the next page as
 * {@code (time, id) < (cursor's)}, so records written between two pages are neither given twice nor passed over (a newer
 * one is on no later page: start again for it). The answer's body stays the list it always was.
 *
 * <p>A cursor is the list's name, the last item's time in microseconds, its id and (History) its kind, as base64url text:
 * not a secret (it names only a record the caller was given), but read back strictly — one that is not such text, or is
 * another list's, is a {@code 400} at field {@code cursor}.
 */
final class Pages {
    private Pages() {
    }

    /** The response header holding the next page's cursor; absent on the last page. */
    static final String HEADER = "Next-Cursor";

    private static final String MAGIC = "lc1";

    /** The kinds of History's items, in the order they take at the same instant. */
    static final Set<String> HISTORY_KINDS = Set.of("assessment", "bulk-job", "comparison", "scenario-run");

    static Route.Param param() {
        return Route.Param.query("cursor", "string", "continue a list after its previous page: the value of that page's "
                + HEADER + " header, unchanged (none for the first page; the last page has no " + HEADER + ")");
    }

    /** Where a page ended: the last item's time, id and (History) kind. */
    record Position(Instant at, long id, String kind) {
        Keyset keyset() {
            return new Keyset(at, id);
        }

        /**
         * History's bound for one kind's records: after this position in the order (time desc, kind, id desc) — of the same
         * kind, those before (time, id); of a kind that comes later at the same instant, every one of this time or earlier;
         * of one that comes before, every one earlier than this time.
         */
        Keyset keysetOf(String otherKind) {
            int c = otherKind.compareTo(kind);
            return c == 0 ? keyset() : c > 0 ? Keyset.atOrEarlierThan(at) : Keyset.earlierThan(at);
        }
    }

    static String cursor(String list, Instant at, long id, String kind) {
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
        String text = MAGIC + "|" + list + "|" + micros + "|" + id + (kind == null ? "" : "|" + kind);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The request's {@code cursor} for the list named, or null for the first page; 400 at field cursor when it is not one. */
    static Position read(Call c, String list) {
        String v = c.query("cursor");
        if (v == null) return null;
        String[] parts;
        try {
            if (v.length() > 200) throw new IllegalArgumentException();
            parts = new String(Base64.getUrlDecoder().decode(v), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw notACursor(v);
        }
        if (parts.length < 4 || !parts[0].equals(MAGIC)) throw notACursor(v);
        if (!parts[1].equals(list)) {
            throw ApiError.badRequest("cursor", "cursor: this cursor continues another list (" + describe(parts[1]) + "), not "
                    + describe(list) + "; leave cursor out to start this list from its " + (inOrder(list) ? "first" : "newest") + " item");
        }
        boolean history = list.equals("runs");
        if (parts.length != (history ? 5 : 4) || history && !HISTORY_KINDS.contains(parts[4])) throw notACursor(v);
        try {
            long micros = Long.parseLong(parts[2]);
            long id = Long.parseLong(parts[3]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
            // a time the database can hold and a record can have: from year 1 to 9999
            if (at.isBefore(Instant.parse("0001-01-01T00:00:00Z")) || at.isAfter(Instant.parse("9999-12-31T23:59:59Z")) || id < 0) {
                throw notACursor(v);
            }
            return new Position(at, id, history ? parts[4] : null);
        } catch (NumberFormatException e) {
            throw notACursor(v);
        }
    }

    private static String describe(String list) {
        return list.matches("[a-z-]{1,40}") || inOrder(list) ? "GET /api/" + list : "an unknown list";
    }

    /**
     * The cursor's list name for a stockpile's events (a ledger's own: a cursor of another ledger is refused). A ledger is
     * read in its order, oldest event first, so its cursor is the number of the last event given (its time stands at 0).
     */
    static String eventsList(String stockpile) {
        return "stockpiles/" + stockpile + "/events";
    }

    private static boolean inOrder(String list) {
        return list.matches("stockpiles/[a-z0-9-]{1,64}/events");
    }

    private static ApiError notACursor(String v) {
        String shown = v.length() > 40 ? v.substring(0, 40) + "…" : v;
        return ApiError.badRequest("cursor", "cursor: \"" + shown + "\" is not a cursor this server gave; pass the " + HEADER
                + " header of the previous page unchanged, or leave cursor out for the first page");
    }

    /**
     * The first {@code limit} of {@code rows} (read with one more than the limit): when there are more, the cursor of the
     * last one given is sent as the {@value #HEADER} header.
     */
    static <T> List<T> page(Call c, String list, List<T> rows, int limit, Function<T, Instant> at, ToLongFunction<T> id) {
        if (rows.size() <= limit) return rows;
        T last = rows.get(limit - 1);
        next(c, cursor(list, at.apply(last), id.applyAsLong(last), null));
        return rows.subList(0, limit);
    }

    static void next(Call c, String cursor) {
        c.ctx.header(HEADER, cursor);
    }
}
