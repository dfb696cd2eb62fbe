package lodestone.border;

/**
 * An entry line that cannot be assessed: which field is wrong and why, in words a declarant can
 * act on (e.g. "unknown HTS code 2846.90.81; nearest valid codes: …").
 */
public final class EntryRejected extends RuntimeException {
    private final String field;
    private final String noRateFor;

    public EntryRejected(String field, String reason) {
        this(field, reason, null);
    }

    /**
     * A rejection because {@code noRateFor}, a currency the regime has rates for, has none on or before the date converted
     * at. The field is that date's ({@code entry_date} or {@code loaded_date}), where a bulk line's declarant looks; a caller
     * whose date is not the line's own (a company's exposure evaluated on a scenario's date) places it at the currency.
     */
    public EntryRejected(String field, String reason, String noRateFor) {
        super(reason, null, false, false); // no stack trace: a rejection is an answer, and the bulk path makes many
        this.field = field;
        this.noRateFor = noRateFor;
    }

    /**
     * Goods loaded for export after the date they were entered: the reader refuses such a line, and the assessor too, so
     * that a line no reader made (a what-if's side B re-dated before its loading) is refused in the same words. Null when
     * {@code loaded} is absent or not after {@code entered}.
     */
    public static EntryRejected loadedAfterEntry(java.time.LocalDate loaded, java.time.LocalDate entered) {
        if (loaded == null || entered == null || !loaded.isAfter(entered)) return null;
        return new EntryRejected("loaded_date", "loaded on " + loaded + ", after the entry date " + entered
                + "; goods are loaded for export before they are entered");
    }

    /** The currency that had no exchange rate on the date converted at, or null for any other rejection. */
    public String noRateFor() {
        return noRateFor;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
