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

    public Interned(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
