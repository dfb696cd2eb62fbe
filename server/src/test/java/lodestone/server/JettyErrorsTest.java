package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Jetty refuses itself, before any route runs (an encoded NUL in the path, a request line or headers over
 * its limits, a broken request line, a bad Content-Length): each is answered in the API's JSON error shape, with
 * no HTML, no stack trace and no server version. Sent over raw sockets, since an HTTP client would refuse to
 * send most of them.
 */
class JettyErrorsTest {
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    /** A raw response: status, headers (lower-case names), body. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return TestServer.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    static Raw send(String request) throws IOException {
        URI u = URI.create(s.url());
        try (Socket sock = new Socket(u.getHost(), u.getPort())) {
            sock.setSoTimeout(10_000);
            OutputStream out = sock.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            sock.shutdownOutput();
            InputStream in = sock.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("a complete response head: " + text).isPositive();
            String[] head = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int c = head[i].indexOf(':');
                headers.put(head[i].substring(0, c).trim().toLowerCase(Locale.ROOT), head[i].substring(c + 1).trim());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = unchunk(body);
            return new Raw(status, headers, body);
        }
    }

    private static String unchunk(String body) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int nl = body.indexOf("\r\n", i);
            int n = Integer.parseInt(body.substring(i, nl).trim(), 16);
            if (n == 0) break;
            sb.append(body, nl + 2, nl + 2 + n);
            i = nl + 2 + n + 2;
        }
        return sb.toString();
    }

    /** The API's error shape, nothing of Jetty's: JSON, a code and a message, no stack trace, no version. */
    static void assertApiError(Raw r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).as(r.toString()).startsWith("application/json");
        assertThat(r.headers()).as("no server version").doesNotContainKey("server").doesNotContainKey("x-powered-by");
        JsonNode e = r.json().get("error");
        assertThat(e).as(r.body()).isNotNull();
        assertThat(e.get("code").asText()).isEqualTo(code);
        assertThat(e.get("message").asText()).isNotBlank();
        assertThat(e.has("field")).isTrue();
        assertThat(r.body()).doesNotContainIgnoringCase("jetty").doesNotContain("<html").doesNotContain("at org.")
                .doesNotContain("Exception");
        // every response carries the security headers (docs/api.md): Jetty's refusals had the policy and nosniff only,
        // not X-Frame-Options, Referrer-Policy, Cross-Origin-Opener-Policy or Permissions-Policy (session 21's review)
        assertThat(r.headers()).as(r.toString()).containsEntry("content-security-policy", SecurityHeaders.CSP)
                .containsEntry("x-content-type-options", "nosniff").containsEntry("x-frame-options", "DENY")
                .containsEntry("referrer-policy", "no-referrer").containsEntry("cross-origin-opener-policy", "same-origin")
                .containsEntry("permissions-policy", "camera=(), microphone=(), geolocation=()");
    }

    @Test
    void anEncodedNulInThePathIsAJson400() throws IOException {
        Raw r = send("GET /api/bulk-jobs/a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertApiError(r, 400, "invalid_request");
    }

    @Test
    void aRequestLineOverTheLimitIsAJson414() throws IOException {
        Raw r = send("GET /api/regime/search?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertApiError(r, 414, "uri_too_long");
    }

    @Test
    void headersOverTheLimitAreAJson431() throws IOException {
        Raw r = send("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertApiError(r, 431, "headers_too_large");
    }

    @Test
    void aBrokenRequestLineOrContentLengthIsAJson400() throws IOException {
        assertApiError(send("GARBAGE\r\n\r\n"), 400, "invalid_request");
        assertApiError(send("GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: nine\r\n\r\n"), 400, "invalid_request");
        assertApiError(send("POST /api/assessments HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"),
                400, "invalid_request");
    }

    @Test
    void theApisOwnRefusalsAreUnchanged() throws IOException {
        String body = "{\"regime\":\"/etc/passwd\"}";
        Raw r = send("PUT /api/regime HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.admin + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
        assertThat(r.json().at("/error/code").asText()).as(r.toString()).isNotBlank();
        Raw q = send("GET /api/regime/search?q=x&limit=abc HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.admin + "\r\nConnection: close\r\n\r\n");
        assertThat(q.status()).as(q.toString()).isEqualTo(400);
        assertThat(q.json().at("/error/field").asText()).as(q.toString()).isEqualTo("limit");
    }

    @Test
    void anOrdinaryErrorKeepsItsShapeAndTheServerStillAnswers() throws IOException {
        assertApiError(send("GET /api/no-such-thing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "not_found");
        Raw ok = send("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers()).doesNotContainKey("server");
    }
}
