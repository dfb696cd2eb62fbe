package lodestone.border;

/**
 * A value a bulk reader reads again and again (an HTS code, a country code), interned by its bytes, with
 * a slot where the assessor that first meets it keeps what it resolved it to (the code's compiled line or its rejection,
 * the country's index). The bulk fast path then goes from the reader's own look-up to its compiled plan
 * without a second hash look-up by string — on BulkBench that look-up was a sixth of the run, its cache
 * misses above all.
 *
 * <p>Not thread-safe: a reader's interned values are used by the thread reading it. The slot names its
 * owner, so a value met by another assessor (another regime) is resolved again, never misread.
 */
public final class Interned {
    private final String text;
    Object owner;
    Object value;
    int index;
    int slot;
    /**
     * Where a run's totals keep this value's sums (lodestone.border.bulk.BulkTotals): the table, its generation and the
     * place in it, so that a line adds to its code's and origin's sums with no look-up (the object is in cache already).
     */
    public Object tallyOwner;
    public int tallyGen;
    public int tallyIndex;
    /**
     * The bytes the reader interned it by, when at most 16 (nearly always): bytes 0-7 and 8-15 as little-endian longs
     * and their count (-1: a longer key, or none). The reader's table then holds only references, and compares a key
     * with the object it reads anyway — one cache line a look-up instead of a table of keys and one of values.
     */
    public final long key0;
    public final long key1;
    public final int keyLength;

    public Interned(String text) {
        this(text, 0, 0, -1);
    }

    public Interned(String text, long key0, long key1, int keyLength) {
        this.text = text;
        this.key0 = key0;
        this.key1 = key1;
        this.keyLength = keyLength;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
