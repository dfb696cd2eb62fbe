package lodestone.regime;

/**
 * One thing wrong with a regime or an input file, located precisely enough to fix it without
 * searching: {@code file:line: field: what is wrong, what was expected}.
 *
 * @param file     the file as the user named it (relative to the regime root where there is one)
 * @param line     1-based line, or 0 when the problem is not on one line
 * @param field    the field or column concerned, or an empty string
 * @param message  what is wrong and what was expected
 */
public record Problem(String file, int line, String field, String message) implements Comparable<Problem> {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (!field.isEmpty()) sb.append(field).append(": ");
        return sb.append(message).toString();
    }

    @Override
    public int compareTo(Problem o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        return c != 0 ? c : message.compareTo(o.message);
    }
}
