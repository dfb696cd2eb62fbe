package lodestone.border;

import java.util.List;

/**
 * A customs entry of several lines that cannot be assessed, with every problem found at once: each at its place in the
 * entry ({@code lines[2].hts}, counted from 0 as a JSON path; or a header field such as {@code entry_date}) and the
 * line's id. An entry is filed as a whole, so one bad line refuses it; every bad line is listed, not only the first.
 */
public final class EntryRefused extends RuntimeException {
    /**
     * One problem: where it is, the line's id (null for a header field or a line without a readable id) and why.
     *
     * @param field   {@code lines[i].field} (i from 0), {@code lines[i]} for a whole line, or a header field
     * @param lineId  the line's id (by default its position from 1), or null
     * @param message what is wrong, in words a declarant can act on
     */
    public record Problem(String field, String lineId, String message) {
        @Override
        public String toString() {
            return field + (lineId == null ? "" : " (line " + lineId + ")") + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public EntryRefused(List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the entry: "
                + String.join("; ", problems.stream().map(Problem::toString).toList()), null, false, false);
        if (problems.isEmpty()) throw new IllegalArgumentException("an entry refused without a problem");
        this.problems = List.copyOf(problems);
    }

    /** Every problem, header first, then the lines in their order. */
    public List<Problem> problems() {
        return problems;
    }
}
