package lodestone.border.bulk;

/**
 * The line ids of a bulk file seen so far, to tell a line whose id an earlier line already had (docs/bulk-format.md,
 * "Repeated line ids"), in memory that does not grow with the file beyond a fixed bound.
 *
 * <p>Each id is kept as a 64-bit fingerprint (a hash of its characters) beside the number of the line it was first
 * on, side by side in an open-addressing table (16 bytes a slot: a look-up and an insertion touch one cache line) that doubles from 4,096 slots while it is at most half full, up
 * to {@code maxSlots}. Once the largest table is three-quarters full no further id is remembered: ids already kept
 * are still recognised on every later line, but the first occurrence of a new id is not, so its repeats are not
 * warned of. {@link #stoppedAtLine()} says from which line that was the case (0: never). With the default bound
 * (2^22 slots, 64 MiB) that is after 3,145,728 distinct ids.
 *
 * <p>Two different ids have the same fingerprint with a probability of about 2^-64 per pair: over a file of
 * 10 million lines, about 3·10^-6 that one line is warned of wrongly. Nothing is allocated per line.
 */
final class DuplicateIds {
    /** 2^22 slots of 16 bytes (a fingerprint and its first line side by side): 64 MiB, the ids of 3,145,728 distinct lines. */
    static final int DEFAULT_MAX_SLOTS = 1 << 22;

    private final int maxSlots;
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
     * A table for about {@code expectedIds} ids (when known, e.g. from the file's size) made that large at once, rather than
     * grown to it: each doubling moves every id again, a random write each.
     */
    DuplicateIds(int maxSlots, long expectedIds) {
        if (maxSlots < 16 || Integer.bitCount(maxSlots) != 1) throw new IllegalArgumentException("maxSlots must be a power of two ≥ 16");
        this.maxSlots = maxSlots;
        int start = Math.min(maxSlots, 1 << 12);
        while (start < maxSlots && start / 2 < expectedIds) start <<= 1;
        slots = new long[start << 1];
    }

    /**
     * The number of the line {@code id} was first seen on, when an earlier line had it (counted as a repeat); else 0,
     * and the id is remembered as first seen on {@code line} (while there is room). Null ids (none declared) are neither.
     */
    long check(String id, long line) {
        if (id == null) return 0;
        return check(fingerprint(id), line);
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
        long[] t = slots;
        int mask = (t.length >> 1) - 1;
        long sum = 0;
        for (int i = 0; i < n; i++) sum += t[((int) (fps[i] >>> 32) & mask) << 1];
        return sum;
    }

    /** {@link #check(String, long)} of an id by its {@link #fingerprint}. */
    long check(long fp, long line) {
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

    /** The first line whose id could not be remembered any more (the table full), or 0. */
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
