package lodestone.border.bulk;

/**
 * The line ids of a bulk file seen so far, to tell a line whose id an earlier line already had (docs/bulk-format.md,
 * "Repeated line ids"), in memory that does not grow with the file beyond a fixed bound.
 *
 * <p><b>Ids in order cost no look-up.</b> Nearly every file numbers its lines in order (L000001, L000002, … or 1, 2, …).
 * While each id comes after the one before it, in the order "shorter first, then character by character" (a strict
 * total order, so such a chain holds no id twice), no id can repeat an earlier one and none is looked up: the ids'
 * fingerprints and first lines are only appended to an array, which is written in order and costs no cache miss. The
 * first id out of order ends the chain: the array is poured into the table below, once, and every later id is looked up
 * there. (Measured on the bench's million ordered lines: the table's look-ups had cost 10–15 % of a line's time,
 * docs/benchmarks.md.)
 *
 * <p><b>The table.</b> Each id is kept as a 64-bit fingerprint (a hash of its characters) beside the number of the line
 * it was first on, side by side in an open-addressing table (16 bytes a slot: a look-up and an insertion touch one cache
 * line) that doubles from 4,096 slots while it is at most half full, up to {@code maxSlots}. Once the largest table is
 * three-quarters full no further id is remembered: ids already kept are still recognised on every later line, but the
 * first occurrence of a new id is not, so its repeats are not warned of. {@link #stoppedAtLine()} says from which line
 * that was the case (0: never). With the default bound (2^22 slots, 64 MiB) that is after 3,145,728 distinct ids. The
 * chain keeps as many ids at most (48 MiB); ids past that in an unbroken chain are checked all the same (none can
 * repeat), and are counted as not remembered only if the chain breaks later.
 *
 * <p>Two different ids have the same fingerprint with a probability of about 2^-64 per pair: over a file of
 * 10 million lines, about 3·10^-6 that one line is warned of wrongly. Nothing is allocated per line.
 */
final class DuplicateIds {
    /** 2^22 slots of 16 bytes (a fingerprint and its first line side by side): 64 MiB, the ids of 3,145,728 distinct lines. */
    static final int DEFAULT_MAX_SLOTS = 1 << 22;

    private final int maxSlots;
    private final long expectedIds;
    /** Whether every id so far came after the one before it ({@link #after}): the chain. */
    private boolean chain = true;
    private String last;
    /** The chain's ids: entry i is {@code chained[2i]} (the fingerprint) and {@code chained[2i + 1]} (its line). */
    private long[] chained;
    private int chainedSize;
    /** The first line of the chain whose id was not kept (more than {@link #capacity} ids), or 0. */
    private long chainFullAtLine;
    /** Slot i is {@code slots[2i]} (the fingerprint, 0: empty) and {@code slots[2i + 1]} (its first line): one cache line. */
    private long[] slots;
    private int size;
    private long duplicates;
    private long stoppedAtLine;

    DuplicateIds() {
        this(DEFAULT_MAX_SLOTS);
    }

    DuplicateIds(int maxSlots) {
        this(maxSlots, 0);
    }

    /**
     * Room for about {@code expectedIds} ids (when known, e.g. from the file's size) made at once, rather than grown to it:
     * the chain's array now, and the table if the chain ends (each doubling of the table moves every id again, a random
     * write each).
     */
    DuplicateIds(int maxSlots, long expectedIds) {
        if (maxSlots < 16 || Integer.bitCount(maxSlots) != 1) throw new IllegalArgumentException("maxSlots must be a power of two ≥ 16");
        this.maxSlots = maxSlots;
        this.expectedIds = expectedIds;
        chained = new long[2 * (int) Math.max(256, Math.min(capacity(), expectedIds))];
    }

    /**
     * The number of the line {@code id} was first seen on, when an earlier line had it (counted as a repeat); else 0,
     * and the id is remembered as first seen on {@code line} (while there is room). Null ids (none declared) are neither.
     */
    long check(String id, long line) {
        if (id == null) return 0;
        return check(id, fingerprint(id), line);
    }

    /** {@link #check(String, long)} of an id whose {@link #fingerprint} is {@code fp}. */
    long check(String id, long fp, long line) {
        if (chain) {
            if (last == null || after(id, last)) {
                last = id;
                if (chainedSize < capacity()) {
                    long[] c = chained;
                    int at = chainedSize << 1;
                    if (at == c.length) chained = c = java.util.Arrays.copyOf(c, (int) Math.min(2 * capacity(), 2L * c.length));
                    c[at] = fp;
                    c[at + 1] = line;
                    chainedSize++;
                } else if (chainFullAtLine == 0) {
                    chainFullAtLine = line;
                }
                return 0;
            }
            endChain();
        }
        return check(fp, line);
    }

    /**
     * Whether {@code id} comes after {@code before} in the chain's order: a longer id after a shorter one (so that 10 comes
     * after 9), ids of one length character by character.
     */
    static boolean after(String id, String before) {
        int n = id.length();
        int m = before.length();
        return n != m ? n > m : id.compareTo(before) > 0;
    }

    /** The first id out of order: the chain's ids go into the table (sized for them at once), which answers from now on. */
    private void endChain() {
        chain = false;
        last = null;
        int start = Math.min(maxSlots, 1 << 12);
        long want = Math.max(expectedIds, chainedSize);
        while (start < maxSlots && start / 2 < want) start <<= 1;
        slots = new long[start << 1];
        long[] c = chained;
        chained = null;
        for (int i = 0; i < chainedSize; i++) put(c[i << 1], c[(i << 1) + 1]);
        if (chainFullAtLine != 0) stoppedAtLine = chainFullAtLine;
    }

    /** Places an id known not to be in the table (the chain held each once). */
    private void put(long fp, long line) {
        long[] t = slots;
        int mask = (t.length >> 1) - 1;
        int at = (int) (fp >>> 32) & mask;
        while (t[at << 1] != 0) at = (at + 1) & mask;
        t[at << 1] = fp;
        t[(at << 1) + 1] = line;
        size++;
        if (size > (t.length >> 2) && (t.length >> 1) < maxSlots) grow();
    }

    /**
     * Reads the table's slots where each of {@code n} fingerprints would be found, without using what it read: the loads are
     * independent of one another, so the processor has many of their cache misses in flight at once, instead of one miss
     * at a time when each line's {@link #check} comes amid the line's other work (measured alone on a million ids: 130–250
     * ns an id checked one by one, 80–95 ns in batches of 256 with this first). Only the fingerprints are read: the line
     * numbers are written when an id is new (a store, which does not hold the processor up) and read only for a repeat. Returns a value only so that the loads
     * are not optimised away. The bulk loop calls it for a batch of lines before checking them one by one.
     */
    long touch(long[] fps, int n) {
        if (chain) return 0; // the chain looks nothing up
        long[] t = slots;
        int mask = (t.length >> 1) - 1;
        long sum = 0;
        for (int i = 0; i < n; i++) sum += t[((int) (fps[i] >>> 32) & mask) << 1];
        return sum;
    }

    /** The table's answer for an id by its {@link #fingerprint} (the chain ended). */
    private long check(long fp, long line) {
        long[] t = slots;
        int mask = (t.length >> 1) - 1;
        int at = (int) (fp >>> 32) & mask;
        while (true) {
            long f = t[at << 1];
            if (f == 0) break;
            if (f == fp) {
                duplicates++;
                return t[(at << 1) + 1];
            }
            at = (at + 1) & mask;
        }
        if (stoppedAtLine != 0) return 0;
        int capacitySlots = t.length >> 1;
        if (capacitySlots == maxSlots && size >= maxSlots - (maxSlots >> 2)) {
            stoppedAtLine = line;
            return 0;
        }
        t[at << 1] = fp;
        t[(at << 1) + 1] = line;
        size++;
        if (size > capacitySlots >> 1 && capacitySlots < maxSlots) grow();
        return 0;
    }

    /** How many lines had an id an earlier line had. */
    long duplicates() {
        return duplicates;
    }

    /**
     * The first line whose id could not be remembered any more (the table full), or 0. An unbroken chain checked every id
     * however long, so it says 0.
     */
    long stoppedAtLine() {
        return stoppedAtLine;
    }

    /** The number of distinct ids this table can remember. */
    long capacity() {
        return maxSlots - (maxSlots >> 2);
    }

    private void grow() {
        long[] old = slots;
        long[] t = new long[old.length << 1];
        int mask = (t.length >> 1) - 1;
        for (int i = 0; i < old.length; i += 2) {
            long fp = old[i];
            if (fp == 0) continue;
            int at = (int) (fp >>> 32) & mask;
            while (t[at << 1] != 0) at = (at + 1) & mask;
            t[at << 1] = fp;
            t[(at << 1) + 1] = old[i + 1];
        }
        slots = t;
    }

    /** A 64-bit hash of the id's characters (FNV-1a over the chars, then a finaliser that mixes every bit); never 0. */
    static long fingerprint(String s) {
        long h = 0xCBF29CE484222325L ^ s.length();
        for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001B3L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
