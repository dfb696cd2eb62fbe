package lodestone.border;

/**
 * An entry line that cannot be assessed: which field is wrong and why, in words a declarant can
 * act on (e.g. "unknown HTS code 2846.90.81; nearest valid codes: …").
 */
public final class EntryRejected extends RuntimeException {
    private final String field;

    public EntryRejected(String field, String reason) {
        super(reason, null, false, false); // no stack trace: a rejection is an answer, and the bulk path makes many
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage();
    }
}
