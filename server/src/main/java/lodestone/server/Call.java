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

    String query(String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String path(String name) {
        return ctx.pathParam(name);
    }

    long pathId(String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, name + ": \"" + ctx.pathParam(name) + "\" is not a number; expected an id such as 12");
        }
    }

    LocalDate date(String name, LocalDate dflt) {
        String v = query(name);
        return v == null ? dflt : parseDate(name, v);
    }

    static LocalDate parseDate(String field, String v) {
        try {
            return LocalDate.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(field, field + ": \"" + v + "\" is not a date; expected YYYY-MM-DD");
        }
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

    /** The request body as a JSON object, at most the JSON size limit. */
    JsonNode jsonBody() {
        long len = ctx.req().getContentLengthLong();
        if (len > maxJsonBytes) throw tooLarge(maxJsonBytes);
        byte[] data;
        try (InputStream in = ctx.req().getInputStream()) {
            // sized by Content-Length when given: readNBytes(limit) allocates min(limit, 16 KB) per read, for a body of ~200 bytes
            data = in.readNBytes(len >= 0 ? (int) len : (int) maxJsonBytes + 1);
        } catch (IOException e) {
            throw ApiError.badRequest(null, "cannot read the request body: " + e.getMessage());
        }
        if (data.length > maxJsonBytes) throw tooLarge(maxJsonBytes);
        if (data.length == 0) throw ApiError.badRequest(null, "the request body is empty; expected a JSON object");
        try {
            JsonNode n = json.readTree(data);
            if (n == null || !n.isObject()) throw ApiError.badRequest(null, "the request body is not a JSON object");
            return n;
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw ApiError.badRequest(null, "the request body is not valid JSON: " + m);
        }
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(413, "too_large", "the request body is larger than the limit of " + limit + " bytes", null);
    }
}
