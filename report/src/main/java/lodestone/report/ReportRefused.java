package lodestone.report;

/**
 * A file or request body that is not a saved result this module can report on, with the reason in words: what it is
 * (not JSON, an array, an unknown object, a known result missing a field) and what was expected. It is an
 * {@link IllegalArgumentException}, so the command line answers it with exit code 2 (input refused) and the API with 400.
 *
 * @see SavedResult#read
 */
public final class ReportRefused extends IllegalArgumentException {
    private final String field;

    public ReportRefused(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Where in the JSON the problem is (e.g. {@code measures[2].amount}), or null for the whole of it. */
    public String field() {
        return field;
    }
}
