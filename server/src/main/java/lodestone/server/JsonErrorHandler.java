package lodestone.server;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static lodestone.regime.view.RegimeViews.ordered;

/**
 * Jetty's own error answers in the API's shape. Requests Jetty refuses before any route runs — an encoded NUL
 * or another ambiguous path ({@code /api/bulk-jobs/a%00b}), a request line over its limit (414), headers over
 * its limit (431), a broken request line or Content-Length (400) — used to get Jetty's HTML page naming the
 * internal {@code /badMessage} URI. This handler, installed as the Jetty server's error handler, answers each
 * with {@code {"error": {"code", "message", "field": null}}} as JSON: a stable code per status, a message of
 * our own (Jetty's reason only when it is one of its short, fixed phrases), never a stack trace or a cause,
 * never a server version (the connector sends none), and the security headers every answer carries ({@link SecurityHeaders#HEADERS}).
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
        setShowMessageInTitle(false);
    }

    /** The code a client may switch on, per status (the API's own where it has one). */
    static String code(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            case 500 -> "internal";
            case 501 -> "not_implemented";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal" : "invalid_request";
        };
    }

    /** A message for people; Jetty's reason is kept only when short and free of anything but words. */
    static String message(int status, String reason) {
        String base = switch (status) {
            case 400 -> "the request could not be read as HTTP (a malformed request line, header or body framing, or an encoded"
                    + " NUL, control character or ambiguous segment in the path)";
            case 414 -> "the request line is longer than the server accepts; send long inputs in a POST body";
            case 431 -> "the request's headers are larger than the server accepts";
            case 413 -> "the request body is larger than the server accepts";
            case 408 -> "the request was not received in time";
            case 505 -> "the HTTP version is not supported; use HTTP/1.1";
            default -> status >= 500 ? "the server could not answer this request"
                    : "the request was refused (" + status + " " + HttpStatus.getMessage(status) + ")";
        };
        String standard = HttpStatus.getMessage(status);
        if (reason != null && !reason.equalsIgnoreCase(standard) && reason.length() <= 60
                && reason.matches("[A-Za-z0-9 ,.'=_-]+") && !reason.toLowerCase().contains("jetty") && status < 500) {
            return base + ": " + reason;
        }
        return base;
    }

    static byte[] body(int status, String reason) {
        return Server.json(ordered("error", ordered("code", code(status), "message", message(status, reason), "field", null)))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Object s = request.getAttribute(ERROR_STATUS);
        if (s instanceof Integer i) status = i;
        if (status < 400) status = 500;
        Object m = request.getAttribute(ERROR_MESSAGE);
        byte[] body = body(status, m == null ? null : m.toString());
        response.setStatus(status);
        HttpFields.Mutable h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, "application/json");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        SecurityHeaders.HEADERS.forEach(h::put);
        h.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** Used by Jetty for a message it cannot even make a request of: the same JSON. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
        SecurityHeaders.HEADERS.forEach(fields::put);
        return ByteBuffer.wrap(body(status, reason));
    }
}
