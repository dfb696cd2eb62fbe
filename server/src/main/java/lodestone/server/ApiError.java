package lodestone.server;

/**
 * An error answered to the client as JSON: {@code {"error": {"code", "message", "field"}}} with an HTTP
 * status. The code is stable (clients may switch on it); the message is for people; the field is the request's field
 * the error is about, or null when it is about no one field.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    /** Every problem of a request refused for several at once (an entry's bad lines), each {field, line_id, message}; else empty. */
    private final java.util.List<java.util.Map<String, Object>> problems;

    public ApiError(int status, String code, String message, String field) {
        this(status, code, message, field, java.util.List.of());
    }

    private ApiError(int status, String code, String message, String field, java.util.List<java.util.Map<String, Object>> problems) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field == null || field.isEmpty() ? null : field; // a whole-file problem names no field: null, never ""
        this.problems = problems;
    }

    /**
     * A customs entry refused for its problems, every one listed: the message joins them ("lines[0].hts (line 1): …; …"),
     * the field is the first one's, and {@code problems} has each with its field, line id and message.
     */
    public static ApiError entryRefused(lodestone.border.EntryRefused r) {
        java.util.List<java.util.Map<String, Object>> ps = new java.util.ArrayList<>();
        for (lodestone.border.EntryRefused.Problem p : r.problems()) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("field", p.field());
            m.put("line_id", p.lineId());
            m.put("message", p.toString());
            ps.add(m);
        }
        return new ApiError(400, "invalid_request", String.join("; ", r.problems().stream().map(Object::toString).toList()),
                r.problems().get(0).field(), java.util.List.copyOf(ps));
    }

    /**
     * A file sent in a request (a project or markets file, a stockpile ledger, a company file) refused for its problems,
     * every one at once: the message is the command line's ("2 problems; nothing was loaded:" and each
     * {@code FILE:LINE: FIELD: what} on its own line), the field the request's ({@code files}, {@code file}) or the first
     * problem's, and {@code problems} has each with its {@code file}, {@code line} (null when on no one line), {@code field}
     * (null when none) and {@code message} — so a client need not take the message apart.
     */
    public static ApiError fileProblems(String code, String done, String field, java.util.List<lodestone.regime.Problem> problems) {
        return fileProblems(400, code, done, field, problems);
    }

    /** As {@link #fileProblems(String, String, String, java.util.List)} with another status (a scenario that cannot be run: 422). */
    public static ApiError fileProblems(int status, String code, String done, String field, java.util.List<lodestone.regime.Problem> problems) {
        java.util.List<java.util.Map<String, Object>> ps = new java.util.ArrayList<>();
        for (lodestone.regime.Problem p : problems) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("file", p.file());
            m.put("line", p.line() > 0 ? p.line() : null);
            m.put("field", p.field() == null || p.field().isEmpty() ? null : p.field());
            m.put("message", p.toString());
            ps.add(m);
        }
        String message = problems.size() + (problems.size() == 1 ? " problem" : " problems") + done + ":\n"
                + String.join("\n", problems.stream().map(Object::toString).toList());
        return new ApiError(status, code, message, field, java.util.List.copyOf(ps));
    }

    /** The problems of a request refused for several (empty for one). */
    public java.util.List<java.util.Map<String, Object>> problems() {
        return problems;
    }

    public static ApiError badRequest(String field, String message) {
        return new ApiError(400, "invalid_request", message, field);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "not_found", what, null);
    }

    /** Nothing by this name or id: the request's path parameter {@code field} (id, name…) names what to fix. */
    public static ApiError notFound(String field, String what) {
        return new ApiError(404, "not_found", what, field);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
