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

    public ApiError(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field == null || field.isEmpty() ? null : field; // a whole-file problem names no field: null, never ""
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
