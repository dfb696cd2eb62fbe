package lodestone.border;

/**
 * What a compiled charge says of itself, whatever its amount: its id (and the id's UTF-8 bytes, for the bulk
 * writer), the measure it comes from, its series and type, its legal base and title. The fast path's base rates
 * and duties are ones; a {@link BulkResult} keeps one reference per charge instead of copying seven fields.
 */
interface ChargeSpec {
    String id();

    /** The charge's cell in a bulk row's measures column: see {@link #cell}. */
    byte[] idBytes();

    String measureId();

    char series();

    String type();

    String legal();

    String title();

    /**
     * The charge's number among every (id, measure) pair compiled in this process ({@link #totalsKey(String, String)}):
     * a run's totals by measure add a line's charge at that place of an array, with no look-up.
     */
    int totalsKey();

    /** The number of the (id, measure) pair: 0, 1, 2… in the order first compiled, the same for every regime. */
    static int totalsKey(String id, String measureId) {
        return KEYS.computeIfAbsent(id + '\u0000' + (measureId == null ? "" : measureId), k -> NEXT_KEY.getAndIncrement());
    }

    /** The pairs numbered so far (few: one per charge id and measure of the regimes compiled). */
    java.util.Map<String, Integer> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The next pair's number (a counter, not the map's size: two regimes may be compiled at once). */
    java.util.concurrent.atomic.AtomicInteger NEXT_KEY = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A charge's cell for the bulk writer: the id's UTF-8 bytes and '=' ("9903.01.25="). When they are at most 15 bytes
     * (nearly every id), padded with zeros to 16 bytes with their count in the last byte, so the writer stores two longs
     * instead of calling a copy; longer, the bytes as they are (the last byte is then '=', never a count).
     */
    static byte[] cell(String id) {
        return CELLS.computeIfAbsent(id, ChargeSpec::newCell);
    }

    /** One cell per id, shared by every charge with that id ("general=" by thousands of lines): they stay in cache. */
    java.util.Map<String, byte[]> CELLS = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] newCell(String id) {
        byte[] b = (id + "=").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length > 15) return b;
        byte[] padded = java.util.Arrays.copyOf(b, 16);
        padded[15] = (byte) b.length;
        return padded;
    }
}
