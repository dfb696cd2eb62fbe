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
 * The web application's session: the token handed over once, a session opened on the server whose own secret is kept
 * in an HttpOnly, SameSite=Strict cookie (no script can read it); a cookie-signed request that changes anything must
 * carry X-Lodestone-Request, which no other site can set; signing out ends the session on the server (a replayed
 * cookie is refused), and a revoked token ends its sessions.
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
        // the cookie holds the session's own secret, never the token
        assertThat(set.get(0)).startsWith(Api.SESSION_COOKIE + "=lss_").doesNotContain(analyst)
                .contains("HttpOnly", "SameSite=Strict", "Path=/api", "Max-Age=" + Api.SESSION_HOURS * 3600);
        assertThat(in.json().get("expires_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        String cookie = set.get(0).substring(0, set.get(0).indexOf(';'));
        // the token itself in the cookie signs nothing in
        assertThat(send("GET", "/api/me", Api.SESSION_COOKIE + "=" + analyst, false, null).status()).isEqualTo(401);

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

        // a second browser signed in with the same token has its own session
        String other = send("POST", "/api/session", null, true, body).headers().get("set-cookie").get(0);
        other = other.substring(0, other.indexOf(';'));
        assertThat(other).isNotEqualTo(cookie);

        // signing out is a change: a forged cross-site request cannot end the session
        assertThat(send("DELETE", "/api/session", cookie, false, null).status()).isEqualTo(403);
        assertThat(send("GET", "/api/me", cookie, false, null).status()).isEqualTo(200);
        // signing out ends the session on the server: the same cookie, replayed (copied before), signs nothing in
        TestServer.Response out = send("DELETE", "/api/session", cookie, true, null);
        assertThat(out.status()).isEqualTo(200);
        assertThat(out.headers().get("set-cookie").get(0)).startsWith(Api.SESSION_COOKIE + "=;").contains("Max-Age=0");
        TestServer.Response replayed = send("GET", "/api/me", cookie, false, null);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.json().at("/error/message").asText()).contains("the session has ended");
        assertThat(send("GET", "/api/session", cookie, false, null).json().get("signed_in").asBoolean()).isFalse();
        assertThat(send("POST", "/api/assessments", cookie, true, entry).status()).isEqualTo(401);
        // ... while the other browser's session goes on
        assertThat(send("GET", "/api/me", other, false, null).status()).isEqualTo(200);

        // revoking the token ends every session it signed in
        long id = s.get("/api/me", analyst).json().get("token_id").asLong();
        assertThat(s.delete("/api/tokens/" + id, s.admin).status()).isEqualTo(200);
        assertThat(send("GET", "/api/me", other, false, null).status()).isEqualTo(401);
        assertThat(send("GET", "/api/session", other, false, null).json().get("signed_in").asBoolean()).isFalse();
        // and a revoked token cannot open a new one
        assertThat(send("POST", "/api/session", null, true, body).status()).isEqualTo(401);
    }

    /**
     * An analyst's records belong to their token: to change a secret that may have leaked, an administrator made a new token
     * and revoked the old one, and the analyst's assessments, jobs and runs were no longer theirs. Renewing keeps the token.
     */
    @Test
    void aRenewedTokenKeepsItsRecordsAndOnlyTheNewSecretWorks() throws Exception {
        String old = s.post("/api/tokens", s.admin, Map.of("name", "renewing analyst", "role", "analyst")).json().get("secret").asText();
        long id = s.get("/api/me", old).json().get("token_id").asLong();
        String entry = TestServer.JSON.writeValueAsString(Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
                "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000));
        TestServer.Response made = s.post("/api/assessments", old, entry);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long assessment = made.json().get("id").asLong();
        TestServer.Response in = send("POST", "/api/session", null, true, TestServer.JSON.writeValueAsString(Map.of("token", old)));
        String cookie = in.headers().get("set-cookie").get(0).split(";")[0];

        // an analyst may not renew, not even their own; an administrator may
        assertThat(s.post("/api/tokens/" + id + "/renew", old, "").status()).isEqualTo(403);
        TestServer.Response r = s.post("/api/tokens/" + id + "/renew", s.admin, "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String fresh = r.json().get("secret").asText();
        assertThat(fresh).startsWith("lst_").isNotEqualTo(old);
        assertThat(r.json().get("id").asLong()).isEqualTo(id);
        assertThat(r.json().get("name").asText()).isEqualTo("renewing analyst");
        assertThat(r.json().get("renewed_by").asText()).startsWith("admin");
        assertThat(r.json().get("renewed_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        // the old secret and the session it opened stop; the new secret is the same analyst, with the same records
        assertThat(s.get("/api/me", old).status()).isEqualTo(401);
        assertThat(send("GET", "/api/me", cookie, false, null).status()).isEqualTo(401);
        assertThat(s.get("/api/me", fresh).json().get("token_id").asLong()).isEqualTo(id);
        assertThat(s.get("/api/assessments/" + assessment, fresh).status()).isEqualTo(200);
        // the list says when and by whom; a revoked token is not renewed
        JsonNode listed = null;
        for (JsonNode t : s.get("/api/tokens", s.admin).json()) if (t.get("id").asLong() == id) listed = t;
        assertThat(listed).isNotNull();
        assertThat(listed.get("renewed_at").asText()).isEqualTo(r.json().get("renewed_at").asText());
        assertThat(listed.has("secret")).isFalse();
        assertThat(s.delete("/api/tokens/" + id, s.admin).status()).isEqualTo(200);
        TestServer.Response gone = s.post("/api/tokens/" + id + "/renew", s.admin, "");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().at("/error/message").asText()).isEqualTo("no active token " + id + " (a revoked token is not renewed; make a new one)");
    }

    @Test
    void signingInAgainEndsTheBrowsersEarlierSession() throws Exception {
        String analyst = s.post("/api/tokens", s.admin, Map.of("name", "switching analyst", "role", "analyst")).json().get("secret").asText();
        String body = TestServer.JSON.writeValueAsString(Map.of("token", analyst));
        String first = send("POST", "/api/session", null, true, body).headers().get("set-cookie").get(0);
        first = first.substring(0, first.indexOf(';'));
        TestServer.Response again = send("POST", "/api/session", first, true, body);
        assertThat(again.status()).isEqualTo(200);
        String second = again.headers().get("set-cookie").get(0);
        second = second.substring(0, second.indexOf(';'));
        assertThat(send("GET", "/api/me", first, false, null).status()).isEqualTo(401);
        assertThat(send("GET", "/api/me", second, false, null).status()).isEqualTo(200);
        // a made-up or malformed cookie is simply not signed in
        for (String junk : List.of("lss_nope", "lst_nope", "", "x".repeat(500), "lss_" + "A".repeat(43))) {
            assertThat(send("GET", "/api/session", Api.SESSION_COOKIE + "=" + junk, false, null).json().get("signed_in").asBoolean())
                    .as(junk).isFalse();
        }
    }
}
