package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application's session: the token handed over once and kept in an HttpOnly, SameSite=Strict cookie (no
 * script can read it); a cookie-signed request that changes anything must carry X-Lodestone-Request, which no
 * other site can set; a revoked token ends its sessions.
 */
class SessionApiTest {
    static TestServer s;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    static TestServer.Response send(String method, String path, String cookie, boolean header, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (cookie != null) b.header("Cookie", cookie);
        if (header) b.header(Api.SESSION_HEADER, "1");
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new TestServer.Response(r.statusCode(), r.body(), r.headers().map());
    }

    @Test
    void aSignedInBrowserIsItsHttpOnlyCookieAndChangesNeedTheHeader() throws Exception {
        String analyst = s.post("/api/tokens", s.admin, Map.of("name", "cookie analyst", "role", "analyst")).json().get("secret").asText();
        String body = TestServer.JSON.writeValueAsString(Map.of("token", analyst));
        // a page of another site cannot sign this browser in: it cannot send the header
        assertThat(send("POST", "/api/session", null, false, body).status()).isEqualTo(403);
        assertThat(send("POST", "/api/session", null, true, "{\"token\": \"lst_nope\"}").status()).isEqualTo(401);
        TestServer.Response in = send("POST", "/api/session", null, true, body);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().get("signed_in").asBoolean()).isTrue();
        assertThat(in.json().get("role").asText()).isEqualTo("analyst");
        List<String> set = in.headers().get("set-cookie");
        assertThat(set).hasSize(1);
        assertThat(set.get(0)).startsWith(Api.SESSION_COOKIE + "=" + analyst + ";").contains("HttpOnly", "SameSite=Strict", "Path=/api");
        String cookie = Api.SESSION_COOKIE + "=" + analyst;

        JsonNode state = send("GET", "/api/session", cookie, false, null).json();
        assertThat(state.get("name").asText()).isEqualTo("cookie analyst");
        assertThat(send("GET", "/api/session", null, false, null).json().get("signed_in").asBoolean()).as("no cookie: not signed in, no 401").isFalse();
        assertThat(send("GET", "/api/me", cookie, false, null).json().get("name").asText()).isEqualTo("cookie analyst");
        // a change signed by the cookie alone (what a forged cross-site form would send) is refused; with the header it is made
        String entry = TestServer.JSON.writeValueAsString(Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
                "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000));
        TestServer.Response forged = send("POST", "/api/assessments", cookie, false, entry);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().at("/error/field").asText()).isEqualTo(Api.SESSION_HEADER);
        assertThat(send("POST", "/api/assessments", cookie, true, entry).status()).isEqualTo(201);
        // an analyst's cookie is an analyst's rights
        assertThat(send("GET", "/api/tokens", cookie, false, null).status()).isEqualTo(403);

        // signing out clears the cookie; revoking the token ends every session it signed in
        TestServer.Response out = send("DELETE", "/api/session", cookie, true, null);
        assertThat(out.headers().get("set-cookie").get(0)).startsWith(Api.SESSION_COOKIE + "=;").contains("Max-Age=0");
        long id = s.get("/api/me", analyst).json().get("token_id").asLong();
        assertThat(s.delete("/api/tokens/" + id, s.admin).status()).isEqualTo(200);
        assertThat(send("GET", "/api/me", cookie, false, null).status()).isEqualTo(401);
        assertThat(send("GET", "/api/session", cookie, false, null).json().get("signed_in").asBoolean()).isFalse();
    }
}
