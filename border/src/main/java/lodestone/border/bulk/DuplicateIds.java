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
 * <p><b>Numbered lines cost no memory.</b> Within the chain, ids that count up by one on consecutive lines (L7, L8, L9 on
 * lines 8, 9, 10; or 000123, 000124 — the same text but for a trailing number of the same width, one more each line) are
 * kept as one <em>run</em>: its first id, how many, and its first line. Once {@link #MIN_RUN} ids are in a run, their
 * entries leave the array and the run's later ids are not stored at all. A file numbered 1 to 10 million thus keeps
 * seven runs (a new one at each width) and one entry instead of 48 MiB of fingerprints, so the memory of a bulk run is the same for a
 * million lines and for ten (issue 12's heap target). A run costs {@link #RUN_COST} entries of the bound below. If the
 * chain later breaks, an id is looked for among the runs (kept in the chain's order: a binary search) as well as in the
 * table.
 *
 * <p><b>The table.</b> Each id is kept as a 64-bit fingerprint (a hash of its characters) beside the number of the line
 * it was first on, side by side in an open-addressing table (16 bytes a slot: a look-up and an insertion touch one cache
 * line) that doubles from 4,096 slots while it is at most half full, up to {@code maxSlots}. Once the largest table is
 * three-quarters full no further id is remembered: ids already kept are still recognised on every later line, but the
 * first occurrence of a new id is not, so its repeats are not warned of. {@link #stoppedAtLine()} says from which line
 * that was the case (0: never). With the default bound (2^22 slots, 64 MiB) that is after 3,145,728 distinct ids. The
 * chain keeps as many entries at most (48 MiB, runs included); ids past that in an unbroken chain are checked all the same
 * (none can repeat), and are counted as not remembered only if the chain breaks later.
 *
 * <p>Two different ids have the same fingerprint with a probability of about 2^-64 per pair: over a file of
 * 10 million lines, about 3·10^-6 that one line is warned of wrongly (runs are compared exactly). Nothing is allocated
 * per line.
 */
final class DuplicateIds {
    /** 2^22 slots of 16 bytes (a fingerprint and its first line side by side): 64 MiB, the ids of 3,145,728 distinct lines. */
    static final int DEFAULT_MAX_SLOTS = 1 << 22;
    /** The ids a run must hold before it replaces their entries (below that, a run's bookkeeping costs more than they). */
    static final int MIN_RUN = 8;
    /** What a run counts against the bound, in entries of 16 bytes: its first id's reference, number, count and line. */
    static final int RUN_COST = 4;
    /** The longest trailing number a run counts with (18 digits always fit a long). */
    private static final int MAX_DIGITS = 18;

    private final int maxSlots;
    private final long expectedIds;
    /** Whether every id so far came after the one before it ({@link #after}): the chain. */
    private boolean chain = true;
    private String last;
    /** The first id met (null: none yet), kept so that pieces of a file can tell whether their ids follow one another. */
    private String first;
    /** The chain's ids not in a run: entry i is {@code chained[2i]} (the fingerprint) and {@code chained[2i + 1]} (its line). */
    private long[] chained;
    private int chainedSize;
    /** The first line of the chain whose id was not kept (more than {@link #capacity} entries), or 0. */
    private long chainFullAtLine;

    /** The streak: the ids counting up by one from {@link #streakFirst}, on consecutive lines; null when the last id has no trailing number. */
    private String streakFirst;
    /** Where the streak's trailing number starts, its value at the first id, its first line and its length so far. */
    private int streakDigitsAt;
    private long streakStart;
    private long streakLine;
    private long streakCount;
    /** The streak's index among the runs once it has {@link #MIN_RUN} ids, else -1. */
    private int streakRun = -1;

    /** The runs, in the chain's order: first id, its trailing number, where that number starts, first line, count. */
    private String[] runFirst = new String[0];
    private long[] runStart = new long[0];
    private int[] runDigitsAt = new int[0];
    private long[] runLine = new long[0];
    private long[] runCount = new long[0];
    private int runs;

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
     * {@code expectedIds} (when known, e.g. from the file's size) sizes the table at once if the chain ends, rather than
     * growing it (each doubling moves every id again, a random write each). The chain's array starts small and doubles:
     * a numbered file never fills it.
     */
    DuplicateIds(int maxSlots, long expectedIds) {
        if (maxSlots < 16 || Integer.bitCount(maxSlots) != 1) throw new IllegalArgumentException("maxSlots must be a power of two ≥ 16");
        this.maxSlots = maxSlots;
        this.expectedIds = expectedIds;
        chained = new long[2 * (int) Math.min(capacity(), 1024)];
    }

    /**
     * The number of the line {@code id} was first seen on, when an earlier line had it (counted as a repeat); else 0,
     * and the id is remembered as first seen on {@code line} (while there is room). Null ids (none declared) are neither.
     */
    long check(String id, long line) {
        if (id == null) return 0;
        return check(id, 0, line);
    }

    /**
     * {@link #check(String, long)} of an id whose {@link #fingerprint} is {@code fp}, or 0 when not yet computed (it is
     * then computed only if needed: a run's ids need none).
     */
    long check(String id, long fp, long line) {
        if (first == null) first = id;
        if (chain) {
            if (streakFirst != null && extendsStreak(id, line)) {
                last = id;
                streakCount++;
                if (streakRun >= 0) {
                    runCount[streakRun] = streakCount;
                } else if (streakCount == MIN_RUN && chainFullAtLine == 0 && roomFor(RUN_COST - (MIN_RUN - 1))) {
                    chainedSize -= MIN_RUN - 1; // the run's first ids were the array's last entries: the run replaces them
                    streakRun = addRun();
                } else {
                    append(id, fp, line);
                }
                return 0;
            }
            if (last == null || after(id, last)) {
                last = id;
                startStreak(id, line);
                append(id, fp, line);
                return 0;
            }
            endChain();
        }
        return lookUp(id, fp == 0 ? fingerprint(id) : fp, line);
    }

    /** Keeps a chain id in the array, while there is room. */
    private void append(String id, long fp, long line) {
        if (chainFullAtLine != 0) return;
        if (!roomFor(1)) {
            chainFullAtLine = line;
            return;
        }
        long[] c = chained;
        int at = chainedSize << 1;
        if (at == c.length) chained = c = java.util.Arrays.copyOf(c, (int) Math.min(2 * capacity(), 2L * c.length));
        c[at] = fp == 0 ? fingerprint(id) : fp;
        c[at + 1] = line;
        chainedSize++;
    }

    /** Whether {@code entries} more entries fit the bound ({@link #capacity}). */
    private boolean roomFor(long entries) {
        return chainedSize + (long) RUN_COST * runs + entries <= capacity();
    }

    /** Where {@code id}'s trailing number starts (at most {@link #MAX_DIGITS} digits), or its length when it has none. */
    private static int digitsAt(String id) {
        int n = id.length();
        int t = n;
        while (t > 0 && n - t < MAX_DIGITS) {
            char c = id.charAt(t - 1);
            if (c < '0' || c > '9') break;
            t--;
        }
        return t;
    }

    private static long number(String id, int from) {
        long v = 0;
        for (int i = from; i < id.length(); i++) v = v * 10 + (id.charAt(i) - '0');
        return v;
    }

    /** A new streak from {@code id} on {@code line}, if it ends in a number. */
    private void startStreak(String id, long line) {
        int t = digitsAt(id);
        streakRun = -1;
        if (t == id.length()) {
            streakFirst = null;
            return;
        }
        streakFirst = id;
        streakDigitsAt = t;
        streakStart = number(id, t);
        streakLine = line;
        streakCount = 1;
    }

    /**
     * Whether {@code id} on {@code line} is the streak's next: the line after its last, the same length and text before
     * the trailing number, and that number one more than the last (so it also comes after it in the chain's order).
     */
    private boolean extendsStreak(String id, long line) {
        String f = streakFirst;
        int t = streakDigitsAt;
        if (line != streakLine + streakCount || id.length() != f.length() || digitsAt(id) != t) return false;
        return number(id, t) == streakStart + streakCount && id.regionMatches(0, f, 0, t);
    }

    private int addRun() {
        if (runs == runFirst.length) {
            int m = Math.max(8, 2 * runs);
            runFirst = java.util.Arrays.copyOf(runFirst, m);
            runStart = java.util.Arrays.copyOf(runStart, m);
            runDigitsAt = java.util.Arrays.copyOf(runDigitsAt, m);
            runLine = java.util.Arrays.copyOf(runLine, m);
            runCount = java.util.Arrays.copyOf(runCount, m);
        }
        runFirst[runs] = streakFirst;
        runStart[runs] = streakStart;
        runDigitsAt[runs] = streakDigitsAt;
        runLine[runs] = streakLine;
        runCount[runs] = streakCount;
        return runs++;
    }

    /** The first line of the run holding {@code id}, or 0 when no run holds it. */
    private long inRun(String id) {
        int lo = 0;
        int hi = runs - 1;
        int at = -1; // the last run whose first id is not after id
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (after(runFirst[mid], id)) {
                hi = mid - 1;
            } else {
                at = mid;
                lo = mid + 1;
            }
        }
        if (at < 0) return 0;
        String f = runFirst[at];
        int t = runDigitsAt[at];
        if (id.length() != f.length() || digitsAt(id) != t || !id.regionMatches(0, f, 0, t)) return 0;
        long k = number(id, t) - runStart[at];
        return k >= 0 && k < runCount[at] ? runLine[at] + k : 0;
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
        streakFirst = null;
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

    /** The table's answer for an id by its {@link #fingerprint} (the chain ended), and the runs'. */
    private long lookUp(String id, long fp, long line) {
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
        if (runs > 0) {
            long first = inRun(id);
            if (first != 0) {
                duplicates++;
                return first;
            }
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

    /**
     * Whether ids are looked up (the chain ended): only then do {@link #touch} and the fingerprints passed to
     * {@link #check(String, long, long)} pay; in the chain a run's ids need neither.
     */
    boolean lookingUp() {
        return !chain;
    }

    /** The first id met, or null when none was. */
    String first() {
        return first;
    }

    /** The last id of the chain while it holds (every id so far after the one before it), else null. */
    String lastInOrder() {
        return chain ? last : null;
    }

    /** The runs kept (for tests). */
    int runs() {
        return runs;
    }

    /** The chain's ids kept one by one, not in a run (for tests). */
    int chainedEntries() {
        return chain ? chainedSize : 0;
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
