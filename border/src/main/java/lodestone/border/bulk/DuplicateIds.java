package lodestone.border.bulk;

/**
 * The line ids of a bulk file seen so far, to tell a line whose id an earlier line already had (docs/bulk-format.md,
 * "Repeated line ids"), in memory that does not grow with the file beyond a fixed bound.
 *
 * <p>Each id is kept as a 64-bit fingerprint (a hash of its characters) beside the number of the line it was first
 * on, in an open-addressing table (12 bytes a slot) that doubles from 4,096 slots while it is at most half full, up
 * to {@code maxSlots}. Once the largest table is three-quarters full no further id is remembered: ids already kept
 * are still recognised on every later line, but the first occurrence of a new id is not, so its repeats are not
 * warned of. {@link #stoppedAtLine()} says from which line that was the case (0: never). With the default bound
 * (2^22 slots, 48 MiB) that is after 3,145,728 distinct ids.
 *
 * <p>Two different ids have the same fingerprint with a probability of about 2^-64 per pair: over a file of
 * 10 million lines, about 3·10^-6 that one line is warned of wrongly. Nothing is allocated per line.
 */
final class DuplicateIds {
    /** 2^22 slots: 32 MiB of fingerprints and 16 MiB of line numbers, the ids of 3,145,728 distinct lines. */
    static final int DEFAULT_MAX_SLOTS = 1 << 22;

    private final int maxSlots;
    private long[] fingerprints;
    private int[] firstLines;
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
        fingerprints = new long[start];
        firstLines = new int[start];
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
        long[] f = fingerprints;
        int mask = f.length - 1;
        long sum = 0;
        for (int i = 0; i < n; i++) sum += f[(int) (fps[i] >>> 32) & mask];
        return sum;
    }

    /** {@link #check(String, long)} of an id by its {@link #fingerprint}. */
    long check(long fp, long line) {
        long[] fps = fingerprints;
        int mask = fps.length - 1;
        int at = (int) (fp >>> 32) & mask;
        while (true) {
            long f = fps[at];
            if (f == 0) break;
            if (f == fp) {
                duplicates++;
                return firstLines[at] & 0xFFFFFFFFL;
            }
            at = (at + 1) & mask;
        }
        if (stoppedAtLine != 0) return 0;
        if (line > 0xFFFFFFFFL || (fps.length == maxSlots && size >= maxSlots - (maxSlots >> 2))) {
            stoppedAtLine = line;
            return 0;
        }
        fps[at] = fp;
        firstLines[at] = (int) line;
        size++;
        if (size > fps.length >> 1 && fps.length < maxSlots) grow();
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
        long[] oldF = fingerprints;
        int[] oldL = firstLines;
        long[] f = new long[oldF.length << 1];
        int[] l = new int[f.length];
        int mask = f.length - 1;
        for (int i = 0; i < oldF.length; i++) {
            long fp = oldF[i];
            if (fp == 0) continue;
            int at = (int) (fp >>> 32) & mask;
            while (f[at] != 0) at = (at + 1) & mask;
            f[at] = fp;
            l[at] = oldL[i];
        }
        fingerprints = f;
        firstLines = l;
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
