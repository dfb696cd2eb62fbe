package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import lodestone.store.Tokens;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** One request as a route handler sees it: the Javalin context, who is calling, and checked accessors. */
final class Call {
    final Context ctx;
    final Tokens.Token token;
    private final ObjectMapper json;
    private final long maxJsonBytes;

    Call(Context ctx, Tokens.Token token, ObjectMapper json, long maxJsonBytes) {
        this.ctx = ctx;
        this.token = token;
        this.json = json;
        this.maxJsonBytes = maxJsonBytes;
    }

    /** "name (#id)" of the calling token, for the ledger. */
    String actor() {
        return token == null ? "anonymous" : token.name() + " (token #" + token.id() + ")";
    }

    /** The calling token's id: what the records it makes are owned by. */
    Long owner() {
        return token == null ? null : token.id();
    }

    /** Whose records the caller sees: an administrator everyone's (null), an analyst their own. */
    Long scope() {
        return token != null && token.role() == Tokens.Role.ADMIN ? null : owner();
    }

    /** Whether the caller may see a record owned by {@code owner} (records from before owners: administrators only). */
    boolean sees(Long owner) {
        return scope() == null || (owner != null && owner.equals(owner()));
    }

    String query(String name) {
        String v = ctx.queryParam(name);
        if (v != null) checkText(name, v);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String path(String name) {
        return checkText(name, ctx.pathParam(name));
    }

    String header(String name) {
        String v = ctx.header(name);
        return v == null ? null : checkText(name, v);
    }

    /**
     * The one check every text from a request passes (query, path, header, every string and key of a JSON
     * body): no NUL (PostgreSQL cannot store it) and no lone UTF-16 surrogate (not a character).
     */
    static String checkText(String field, String v) {
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == 0) throw ApiError.badRequest(field, field + ": contains a NUL character (at " + (i + 1) + ")");
            if (Character.isHighSurrogate(ch) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw ApiError.badRequest(field, field + ": contains a lone surrogate \\u" + Integer.toHexString(ch) + " (at " + (i + 1)
                        + "), which is not a character");
            }
        }
        return v;
    }

    /** Every string and key of a JSON value, checked as {@link #checkText}; {@code at} names where (e.g. parameters.floor). */
    static void checkJson(String at, JsonNode n) {
        if (n.isTextual()) {
            checkText(at.isEmpty() ? "body" : at, n.textValue());
        } else if (n.isObject()) {
            for (var it = n.fields(); it.hasNext(); ) {
                var f = it.next();
                String where = at.isEmpty() ? f.getKey() : at + "." + f.getKey();
                checkText(where, f.getKey());
                checkJson(where, f.getValue());
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) checkJson(at + "[" + i + "]", n.get(i));
        } else if (n.isBigDecimal()) {
            // kept exactly (jsonBodyExact), a number like 1e-2147483647 is refused here whatever the field: the request is
            // stored with the ledger record, and PostgreSQL's jsonb holds no such number
            java.math.BigDecimal d = n.decimalValue();
            if (d.signum() != 0 && (Math.abs((long) d.scale()) > 1000 || (long) d.precision() - d.scale() > 1000)) {
                String f = at.isEmpty() ? "body" : at;
                throw ApiError.badRequest(f, f + ": the number is out of range (more than 1000 digits before or after the point)");
            }
        }
    }

    /**
     * An id of the path, written one way only: digits from 1, without a sign or a leading zero. Long.parseLong alone took
     * +7 and 007 for 7 (one record under three addresses: an access rule in front of the server written for one is passed by
     * another) and looked 0 and -3 up as ids. One too large for a long is said to be so; anything else is not a number.
     */
    long pathId(String name) {
        String v = path(name);
        String shown = v.length() > 40 ? v.substring(0, 40) + "…" : v;
        String range = "ids are whole numbers from 1 to " + Long.MAX_VALUE;
        if (v.matches("-[0-9]+|0+")) throw ApiError.badRequest(name, name + ": " + shown + " is not an id (too small; " + range + ")");
        if (!v.matches("[1-9][0-9]*")) {
            if (v.matches("[+]?[0-9]+")) {
                String digits = v.replaceFirst("^[+]?0*", "");
                throw ApiError.badRequest(name, name + ": \"" + shown + "\" is not an id; write it in digits without a sign or leading"
                        + " zeros, such as " + (digits.isEmpty() ? "12" : digits.length() > 40 ? digits.substring(0, 40) + "…" : digits));
            }
            throw ApiError.badRequest(name, name + ": \"" + shown + "\" is not a number; expected an id such as 12");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, name + ": " + shown + " is not an id (too large; " + range + ")");
        }
    }

    /**
     * The server's today, the default of every date a request leaves out: the date in UTC, not in the time zone of the
     * machine the server runs on (a server in Kiritimati, UTC+14, assessed an entry sent without a date on tomorrow's
     * date in UTC, while it warned of stockpile events "after today" by UTC's). Its clients are anywhere; the web pages
     * send the date where the person is (docs/api.md, "Dates").
     */
    static LocalDate today() {
        return LocalDate.now(java.time.ZoneOffset.UTC);
    }

    /** The date of query parameter {@code name}, or {@link #today()} when it is absent. */
    LocalDate dateOrToday(String name) {
        return date(name, today());
    }

    LocalDate date(String name, LocalDate dflt) {
        String v = query(name);
        return v == null ? dflt : parseDate(name, v);
    }

    static LocalDate parseDate(String field, String v) {
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(field, field + ": \"" + v + "\" is not a date" + whyNotADay(v) + "; expected YYYY-MM-DD");
        }
    }

    /** ": 2026-02 has 28 days" for a date in the right form that names no day; empty otherwise. */
    private static String whyNotADay(String v) {
        String why = lodestone.regime.io.YNode.noSuchDay(v.trim());
        return why == null ? "" : ": " + why;
    }

    int intQuery(String name, int dflt, int min, int max) {
        String v = query(name);
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, name + ": \"" + v + "\" is not a whole number from " + min + " to " + max);
        }
    }

    private String bodyText;

    /**
     * The request body's text as sent (after the checks of {@link #jsonBody}), for a parser that reports lines of its own:
     * a bill of materials' problems then name the lines the client wrote.
     */
    String jsonBodyText() {
        if (bodyText == null) jsonBody();
        return bodyText;
    }

    /**
     * Refuses a body with a key the route does not take, every such key named with the ones it does take (a key
     * ignored is a setting the client believes was applied: {"expires": …} made a token that never expires).
     */
    static void onlyKeys(JsonNode body, java.util.List<String> keys) {
        java.util.List<String> unknown = new java.util.ArrayList<>();
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) unknown.add(k);
        }
        if (!unknown.isEmpty()) {
            throw ApiError.badRequest(unknown.get(0), String.join(", ", unknown) + ": unknown key" + (unknown.size() == 1 ? "" : "s")
                    + "; expected only " + String.join(", ", keys));
        }
    }

    /** The request body as a JSON object, at most the JSON size limit. */
    JsonNode jsonBody() {
        return jsonBody(false);
    }

    /**
     * The body with every number with a fraction or exponent kept exactly (10e-999999999 is not 0, 1e999999999
     * not infinity), for fields whose bounds judge the exact value (an entry's amounts).
     */
    JsonNode jsonBodyExact() {
        return jsonBody(true);
    }

    /**
     * Refuses a body sent as a multipart form (curl -F, an HTML form): it is the form's text around the content, boundaries
     * and all, which each reader took for the content itself (a bulk file's "header" was the boundary). Every reader of a
     * body calls it once the body is read — a refusal sent while the client still sends closes the connection under it.
     * {@code what} is what the route takes ("the file", "the JSON object"), {@code curl} how to send it.
     */
    void refuseForm(String what, String curl) {
        String type = ctx.req().getContentType();
        if (type != null && type.regionMatches(true, 0, "multipart/", 0, 10)) throw ApiError.badRequest("body", formMessage(what, curl));
    }

    /**
     * Reads at most {@code max} bytes of a request's body (fewer when it ends first). A body that stops arriving is refused
     * as a timeout in words ({@link #unread}), not in the exception's.
     */
    static byte[] readBody(InputStream in, int max, String what, long length) throws IOException {
        byte[] buf = new byte[Math.min(max, 1 << 16)];
        int n = 0;
        try {
            for (int r; n < max && (r = in.read(buf, n, Math.min(buf.length, max) - n)) > 0; ) {
                n += r;
                if (n == buf.length && n < max) buf = java.util.Arrays.copyOf(buf, (int) Math.min(max, 2L * buf.length));
            }
        } catch (IOException e) {
            throw unread(what, n, length, e);
        }
        return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
    }

    /**
     * Why a request's body could not be read. One that stopped arriving — no byte for the connection's idle timeout, a
     * broker's link gone quiet — is {@code 408 request_timeout} saying so (it was a 400 "cannot read the request body:
     * java.util.concurrent.TimeoutException: Idle timeout expired: 30000/30000 ms"); anything else is a 400 with its reason.
     *
     * @param what   "the request body", "the upload"
     * @param read   the bytes read before it failed
     * @param length its Content-Length, or -1 (chunked)
     */
    static ApiError unread(String what, long read, long length, IOException e) {
        boolean timeout = false;
        for (Throwable t = e; t != null && !timeout; t = t.getCause()) {
            timeout = t instanceof java.util.concurrent.TimeoutException || String.valueOf(t.getMessage()).startsWith("Idle timeout");
        }
        if (!timeout) return ApiError.badRequest(null, "cannot read " + what + ": " + e.getMessage());
        return new ApiError(408, "request_timeout", what + " stopped arriving after " + read + (length >= 0 ? " of its " + length : "")
                + " bytes: no byte of the request body came for " + Server.IDLE_MS / 1000 + " s; nothing was done: send the request again", null);
    }

    /** The refusal of {@link #refuseForm}. */
    static String formMessage(String what, String curl) {
        return "the body was sent as a multipart form (curl -F, an HTML form); send " + what + " itself as the request body: " + curl
                + " (docs/api.md)";
    }

    /** What a JSON route says to a form: send the object itself. */
    static final String JSON_OBJECT = "the JSON object", JSON_CURL = "curl -d @request.json -H 'Content-Type: application/json'";

    private JsonNode jsonBody(boolean exact) {
        long len = ctx.req().getContentLengthLong();
        if (len > maxJsonBytes) throw tooLarge(maxJsonBytes);
        byte[] data;
        try (InputStream in = ctx.req().getInputStream()) {
            // sized by Content-Length when given, for a body of ~200 bytes
            data = readBody(in, len >= 0 ? (int) len : (int) maxJsonBytes + 1, "the request body", len);
        } catch (IOException e) {
            throw ApiError.badRequest(null, "cannot read the request body: " + e.getMessage());
        }
        if (data.length > maxJsonBytes) throw tooLarge(maxJsonBytes);
        if (data.length == 0) throw ApiError.badRequest(null, "the request body is empty; expected a JSON object");
        refuseForm(JSON_OBJECT, JSON_CURL);
        try {
            // a key given twice is refused, never resolved silently to its last value (the command line's files refuse it too);
            // so is anything after the value ({"a": 1} {"a": 2} was read as its first object)
            com.fasterxml.jackson.databind.ObjectReader reader = json.reader()
                    .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
            JsonNode n = exact ? reader.with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(data)
                    : reader.readTree(data);
            if (n == null || n.isMissingNode()) throw ApiError.badRequest(null, "the request body holds only white space; expected a JSON object {…}");
            if (!n.isObject()) {
                throw ApiError.badRequest(null, "the request body is " + kind(n) + ", not an object; expected a JSON object {…}");
            }
            checkJson("", n);
            bodyText = new String(data, java.nio.charset.StandardCharsets.UTF_8);
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // in our words with the line and column, never the parser's (its class names and settings): lodestone.report.JsonSyntax
            throw ApiError.badRequest(null, lodestone.report.JsonSyntax.message(e, data));
        } catch (IOException e) {
            throw ApiError.badRequest(null, "the request body cannot be read as JSON");
        }
    }

    /** What a JSON value other than an object is, for a message: "a JSON array", "a JSON string"… */
    private static String kind(JsonNode n) {
        if (n.isArray()) return "a JSON array";
        if (n.isTextual()) return "a JSON string";
        if (n.isNumber()) return "a JSON number";
        if (n.isBoolean() || n.isNull()) return "JSON " + n.asText();
        return "a JSON " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(413, "too_large", "the request body is larger than the limit of " + limit + " bytes", null);
    }
}
