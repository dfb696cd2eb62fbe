package lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security review of 2026-12-05: each weakness it found, reproduced. A company file sent without a Content-Length is
 * refused when it passes its limit, not held in memory to its end; a request carrying the session cookie twice (one planted
 * by another application on the same host, under a longer path, which the browser sends first) signs nothing in; a user
 * may have at most four path jobs queued or running, as for bulk jobs (the jobs run one at a time and cannot be cancelled).
 * Session 21's attack review added: a method override header is refused, the API's answers are never cached, a user runs
 * at most two exposure evaluations at once, and a YAML alias bomb is refused at its line (docs/reliability.md).
 */
class SecurityReviewTest {
    static TestServer s;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(64L << 20); // an upload limit above the company file's, as the server's default (256 MiB) is
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @Test
    void aChunkedCompanyFileOverItsLimitIsRefusedWithoutWaitingForItsEnd() throws Exception {
        String analyst = s.post("/api/tokens", s.admin, Map.of("name", "chunked analyst", "role", "analyst")).json().get("secret").asText();
        URI u = URI.create(s.url());
        try (Socket sock = new Socket(u.getHost(), u.getPort())) {
            sock.setSoTimeout(20_000);
            OutputStream out = sock.getOutputStream();
            out.write(("POST /api/exposure HTTP/1.1\r\nHost: " + u.getHost() + "\r\nAuthorization: Bearer " + analyst
                    + "\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            long limit = ExposureRoutes.MAX_COMPANY_BYTES;
            for (long sent = 0; sent <= limit; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            // the body has not ended (no last chunk): before, the server read on, to the end of the body (up to the upload limit,
            // 256 MiB, in memory), and answered nothing until then
            String head;
            try {
                InputStream in = sock.getInputStream();
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                head = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
            } catch (SocketTimeoutException e) {
                head = "no answer in 20 s";
            }
            assertThat(head).startsWith("HTTP/1.1 413").contains("too_large");
        }
    }

    static TestServer.Response send(String method, String path, String cookie, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (cookie != null) b.header("Cookie", cookie);
        b.header(Api.SESSION_HEADER, "1");
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new TestServer.Response(r.statusCode(), r.body(), r.headers().map());
    }

    static String signIn(String name) throws Exception {
        String token = s.post("/api/tokens", s.admin, Map.of("name", name, "role", "analyst")).json().get("secret").asText();
        TestServer.Response in = send("POST", "/api/session", null, TestServer.JSON.writeValueAsString(Map.of("token", token)));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        String set = in.headers().get("set-cookie").get(0);
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    void aSessionCookieSentTwiceSignsNothingIn() throws Exception {
        String victim = signIn("victim");
        String planted = signIn("planter"); // the attacker's own session, planted in the victim's browser under a longer path
        assertThat(send("GET", "/api/me", victim, null).json().get("name").asText()).isEqualTo("victim");
        // the browser sends the cookie of the longer path first: before, the first one signed the request in, so the victim's
        // upload was filed under the attacker's session (and the attacker read it)
        for (String cookies : new String[] {planted + "; " + victim, victim + "; " + planted}) {
            TestServer.Response me = send("GET", "/api/me", cookies, null);
            assertThat(me.status()).as(me.body()).isEqualTo(401);
            assertThat(me.json().at("/error/field").asText()).isEqualTo("Cookie");
            assertThat(me.json().at("/error/message").asText()).contains("2 session cookies");
            TestServer.Response upload = send("POST", "/api/assessments", cookies, "{\"hts\": \"7408.11.60\"}");
            assertThat(upload.status()).as(upload.body()).isEqualTo(401);
            assertThat(send("GET", "/api/session", cookies, null).json().get("signed_in").asBoolean()).isFalse();
        }
        // one cookie still signs in; signing out with both ends both sessions
        assertThat(send("GET", "/api/me", victim, null).status()).isEqualTo(200);
        assertThat(send("DELETE", "/api/session", planted + "; " + victim, null).status()).isEqualTo(200);
        assertThat(send("GET", "/api/me", victim, null).status()).isEqualTo(401);
        assertThat(send("GET", "/api/me", planted, null).status()).isEqualTo(401);
    }

    @Test
    void aUsersFifthPathJobWaitingIsRefusedAndOthersStillSubmit() {
        String greedy = s.post("/api/tokens", s.admin, Map.of("name", "greedy", "role", "analyst")).json().get("secret").asText();
        String other = s.post("/api/tokens", s.admin, Map.of("name", "other", "role", "analyst")).json().get("secret").asText();
        // the first runs for several seconds (the jobs run one at a time): the next three wait behind it
        for (int draws : new int[] {5000, 1, 1, 1}) {
            TestServer.Response r = s.post("/api/path-jobs", greedy, Map.of("scenario", "gallium-2025-2035", "kind", "montecarlo", "draws", draws));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
        }
        // before, every job was taken: a queue of million-draw runs held everyone's jobs back, with no way to cancel them
        TestServer.Response fifth = s.post("/api/path-jobs", greedy, Map.of("scenario", "gallium-2025-2035", "kind", "montecarlo", "draws", 1));
        assertThat(fifth.status()).as(fifth.body()).isEqualTo(429);
        assertThat(fifth.json().at("/error/code").asText()).isEqualTo("too_many_jobs");
        TestServer.Response others = s.post("/api/path-jobs", other, Map.of("scenario", "gallium-2025-2035", "kind", "montecarlo", "draws", 1));
        assertThat(others.status()).as(others.body()).isEqualTo(202);
    }

    /**
     * Reported by the review (slow bodies): 300 connections that each announce a large body and send a few bytes held every
     * one of Jetty's ~250 platform threads, so /api/health went unanswered for as long as they stayed. Requests now run on
     * virtual threads, and a slow body holds only its own.
     */
    @Test
    void threeHundredSlowBodiesDoNotStopTheServerAnsweringOthers() throws Exception {
        URI u = URI.create(s.url());
        java.util.List<Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket sock = new Socket(u.getHost(), u.getPort());
                sock.getOutputStream().write(("POST /api/bulk-jobs?name=slow.csv HTTP/1.1\r\nHost: " + u.getHost()
                        + "\r\nContent-Type: text/csv\r\nContent-Length: 10000000\r\n\r\nline_id,hts")
                        .getBytes(StandardCharsets.US_ASCII));
                sock.getOutputStream().flush();
                slow.add(sock);
            }
            Thread.sleep(500); // every slow request has reached its handler (or its refusal's drain) and blocks there
            long t0 = System.nanoTime();
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + "/api/health"))
                    .timeout(java.time.Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(ms).as("health answered in %d ms beside 300 slow bodies", ms).isLessThan(3_000);
            // and an authenticated call that reads the database too
            assertThat(s.get("/api/me", s.admin).status()).isEqualTo(200);
        } finally {
            for (Socket sock : slow) sock.close();
        }
    }

    /**
     * Virtual threads are not preempted: with one carrier per core (two here), two long computations held every carrier and
     * no other request was started until they ended. The server sets the request scheduler's carriers above the cores
     * (Server.requestCarriers): eight virtual threads that each compute for 2 s all start within 1.5 s (with two carriers the
     * last would start after 6 s; the margin is for a loaded machine, where starting eight threads once took 300 ms).
     */
    @Test
    void longComputationsDoNotHoldEveryRequestCarrier() throws Exception {
        assertThat(Integer.getInteger("jdk.virtualThreadScheduler.parallelism")).isGreaterThanOrEqualTo(16);
        long t0 = System.nanoTime();
        long[] started = new long[8];
        Thread[] threads = new Thread[started.length];
        for (int i = 0; i < threads.length; i++) {
            int k = i;
            threads[i] = Thread.ofVirtual().start(() -> {
                started[k] = System.nanoTime();
                long end = started[k] + 2_000_000_000L;
                long x = 0;
                while (System.nanoTime() < end) x += k; // computing, never parking
                if (x == 42) System.out.print("");
            });
        }
        for (Thread t : threads) t.join();
        long last = java.util.Arrays.stream(started).max().orElseThrow() - t0;
        assertThat(last / 1_000_000).as("the last of eight computations started after %d ms", last / 1_000_000).isLessThan(1500);
    }

    /**
     * Reported by the attack review of session 21: {@code PUT /api/regime} took any path on the server, so an administrator's
     * token could ask whether a file exists and read something of its shape back ({@code /etc/passwd:1: expected a mapping},
     * a YAML file's keys, a CSV header). A request now names a regime only by a name the server offers; every other text is
     * refused with the same words, whether or not a file of that name exists, and nothing changes.
     */
    @Test
    void aRegimeIsNamedNeverByAPathOnTheServer() throws Exception {
        java.util.List<String> messages = new java.util.ArrayList<>();
        for (String probe : java.util.List.of("/etc/passwd", "/etc", "/no/such/file", TestServer.repoRegime(), "../data/regime", "folder:passwd")) {
            TestServer.Response r = s.put("/api/regime", s.admin, Map.of("regime", probe));
            assertThat(r.status()).as(probe).isEqualTo(400);
            assertThat(r.json().at("/error/code").asText()).isEqualTo("unknown_regime");
            String m = r.json().at("/error/message").asText();
            assertThat(m).as(probe).doesNotContain("mapping").doesNotContain("root:").doesNotContain("line").doesNotContain(probe);
            messages.add(m);
        }
        assertThat(java.util.Set.copyOf(messages)).as("one refusal for every probe").hasSize(1);
        assertThat(messages.get(0)).isEqualTo("regime: unknown regime; expected one of bundled, bundled:plurilateral, folder:regime "
                + "(the server's operator offers a folder or manifest with lodestone serve --regime-folder DIR)");
        assertThat(s.get("/api/regime", s.admin).json().get("active").asText()).isEqualTo("bundled");
        // the same for a comparison's regime
        TestServer.Response with = s.post("/api/compare", s.admin, Map.of("with", "/etc/passwd", "hts", "2846.90.80.90", "origin", "CN",
                "entry_date", "2026-03-02", "customs_value", "1000", "currency", "USD", "quantity", "100", "unit", "kg"));
        assertThat(with.status()).isEqualTo(400);
        assertThat(with.json().at("/error/message").asText()).startsWith("with: unknown regime; expected one of bundled, "
                + "bundled:plurilateral, folder:regime, or date:YYYY-MM-DD");
    }

    /** The public health check named the active regime's folder on the server when an administrator had activated one. */
    @Test
    void thePublicHealthCheckDoesNotNameARegimeFolderOnTheServer() throws Exception {
        String folder = TestServer.repoRegime();
        try {
            assertThat(s.put("/api/regime", s.admin, Map.of("regime", "folder:regime")).status()).isEqualTo(200);
            TestServer.Response health = s.get("/api/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).doesNotContain(folder).doesNotContain("data/regime");
            assertThat(health.json().get("regime").asText()).isEqualTo("folder");
            assertThat(health.json().get("regime_id").asText()).isEqualTo("us-2026");
            // an administrator sees which of the offered folders it is, by its name
            assertThat(s.get("/api/regime", s.admin).json().get("active").asText()).isEqualTo("folder:regime");
        } finally {
            s.put("/api/regime", s.admin, Map.of("regime", "bundled"));
        }
        assertThat(s.get("/api/health", null).json().get("regime").asText()).isEqualTo("bundled");
    }

    /**
     * Session 21's attack review: Javalin takes the method from the header {@code X-HTTP-Method-Override} when a request
     * carries it, so a GET (a safe method, to a proxy, a cache or an access rule that lets only GETs through) revoked a token
     * and a POST did what a DELETE does. A request carrying the header is refused, whatever its method; nothing is done.
     */
    @Test
    void aMethodOverrideHeaderIsRefusedAndChangesNothing() throws Exception {
        TestServer.Response made = s.post("/api/tokens", s.admin, Map.of("name", "kept by GET", "role", "analyst"));
        long id = made.json().get("id").asLong();
        String secret = made.json().get("secret").asText();
        for (String method : new String[] {"GET", "POST", "HEAD"}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + "/api/tokens/" + id))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + s.admin).header("X-HTTP-Method-Override", "DELETE");
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method + ": " + r.body()).isEqualTo(400);
            if (!method.equals("HEAD")) {
                TestServer.Response e = new TestServer.Response(r.statusCode(), r.body(), r.headers().map());
                assertThat(e.json().at("/error/field").asText()).isEqualTo("X-HTTP-Method-Override");
                assertThat(e.json().at("/error/message").asText()).isEqualTo("X-HTTP-Method-Override: not taken; send the request "
                        + "with its own method (" + method + " was sent, asking for DELETE)");
            }
            assertThat(s.get("/api/me", secret).status()).as("the token after a " + method + " asking for DELETE").isEqualTo(200);
        }
        // nor may an overriding GET reach a route only a POST reaches, or the application's files
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + "/api/tokens")).GET()
                .header("Authorization", "Bearer " + s.admin).header("X-HTTP-Method-Override", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(400);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + "/")).GET()
                .header("X-HTTP-Method-Override", "PUT").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(400);
        // the methods themselves still work
        assertThat(s.delete("/api/tokens/" + id, s.admin).status()).isEqualTo(200);
        assertThat(s.get("/api/me", secret).status()).isEqualTo(401);
    }

    /**
     * Session 21's attack review: the API's answers said nothing about caching, so a browser could keep a user's records,
     * downloads and reports (and a new token's secret) in its cache on disk, there for the next user of the machine after
     * signing out. Every answer under /api is {@code Cache-Control: no-store} — records, lists, downloads, reports, errors;
     * the application's own files keep theirs (revalidated, max-age=0).
     */
    @Test
    void theApisAnswersAreNeverKeptInACache() throws Exception {
        String analyst = s.post("/api/tokens", s.admin, Map.of("name", "cache", "role", "analyst")).json().get("secret").asText();
        TestServer.Response made = s.post("/api/assessments", analyst, Map.of("hts", "7408.11.60", "origin", "CL", "customs_value", 10000,
                "quantity", 1000, "unit", "kg", "metal_content_value", 8000, "entry_date", "2026-03-02"));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long id = made.json().get("id").asLong();
        long job = s.upload("/api/bulk-jobs?name=c.csv", analyst, ("line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\n"
                + "1,2805.30.00.50,CN,2026-03-02,100,USD,1,kg\n").getBytes(StandardCharsets.UTF_8), null).json().get("id").asLong();
        s.awaitJob(job, analyst);
        java.util.List<TestServer.Response> answers = java.util.List.of(
                made,
                s.get("/api/assessments/" + id, analyst),
                s.get("/api/assessments", analyst),
                s.get("/api/bulk-jobs/" + job + "/results", analyst),
                s.post("/api/reports", analyst, Map.of("assessment", id)),
                s.post("/api/tokens", s.admin, Map.of("name", "its secret", "role", "analyst")),
                s.get("/api/assessments/999999", analyst),
                s.get("/api/me", null),
                s.get("/api/health", null));
        for (TestServer.Response r : answers) {
            assertThat(r.headers().get("cache-control")).as(r.status() + " " + r.body().substring(0, Math.min(80, r.body().length())))
                    .containsExactly("no-store");
        }
        assertThat(s.get("/api/bulk-jobs/" + job + "/results", analyst).status()).isEqualTo(200);
        // the application's files are not the API's: they are revalidated as before
        assertThat(s.get("/index.html", null).headers().get("cache-control")).containsExactly("max-age=0");
    }

    /**
     * Session 21's attack review: a company file of 8 MiB (62,000 sourcing lines) took one analyst's request 62 s of a core
     * and 2.5 GB of the server's memory for a 129 MB answer — up to eight times that with eight scenarios — and nothing
     * limited how many one token ran at once. A user has at most two
     * evaluations running; another is refused at once (429), before its body is read, and other users are not held up.
     */
    @Test
    void aUserRunsAtMostTwoExposureEvaluationsAtOnce() throws Exception {
        String heavy = s.post("/api/tokens", s.admin, Map.of("name", "heavy", "role", "analyst")).json().get("secret").asText();
        String other = s.post("/api/tokens", s.admin, Map.of("name", "light", "role", "analyst")).json().get("secret").asText();
        String yaml = java.nio.file.Files.readString(ExposureApiTest.repo().resolve("examples/exposure/magnet-maker.yaml"));
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        ExposureRoutes.EVALUATIONS.testGate = gate; // each evaluation waits here once it has its place
        try {
            java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> held = new java.util.ArrayList<>();
            for (String t : new String[] {heavy, heavy, other}) {
                held.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(s.url() + "/api/exposure"))
                        .header("Authorization", "Bearer " + t).header("Content-Type", "application/yaml")
                        .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            long until = System.nanoTime() + 20_000_000_000L;
            while (ExposureRoutes.EVALUATIONS.waitingAtTestGate() < 3 && System.nanoTime() < until) Thread.sleep(20);
            assertThat(ExposureRoutes.EVALUATIONS.waitingAtTestGate()).isEqualTo(3);
            TestServer.Response third = s.postText("/api/exposure", heavy, "application/yaml", yaml);
            assertThat(third.status()).as(third.body()).isEqualTo(429);
            assertThat(third.json().at("/error/code").asText()).isEqualTo("too_many_requests");
            assertThat(third.json().at("/error/message").asText()).isEqualTo("2 exposure evaluations of yours are running; send the "
                    + "next when one of them is answered (at most 2 at once for each user)");
            assertThat(s.postText("/api/exposure/report?format=csv", heavy, "application/yaml", yaml).status()).isEqualTo(429);
            gate.countDown();
            for (var f : held) assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            ExposureRoutes.EVALUATIONS.testGate = null;
            gate.countDown();
        }
        // their places are given back, a refused or failed evaluation's too
        assertThat(s.postText("/api/exposure", heavy, "application/yaml", "company: [").status()).isEqualTo(400);
        for (int i = 0; i < 3; i++) assertThat(s.postText("/api/exposure", heavy, "application/yaml", yaml).status()).isEqualTo(200);
    }

    /**
     * Session 21's attack review: valuations (200,000 paths, about 2 s of a core each), floor comparisons, rankings, paths
     * of years and LCPs had no limit per user, so one analyst sending many at once took every core from everyone else. A
     * user runs at most three at once (a page's valuation, floors and ranking together); the next is 429, another user is
     * not held back, and places are given back when answered.
     */
    @Test
    void aUserRunsAtMostThreeHeavyComputationsAtOnce() throws Exception {
        String heavy = s.post("/api/tokens", s.admin, Map.of("name", "heavy-fin", "role", "analyst")).json().get("secret").asText();
        String other = s.post("/api/tokens", s.admin, Map.of("name", "light-fin", "role", "analyst")).json().get("secret").asText();
        String lcp = "{\"M\": [[2, 1], [1, 2]], \"q\": [-5, -6]}";
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        Api.HEAVY.testGate = gate; // each computation waits here once it has its place
        try {
            java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> held = new java.util.ArrayList<>();
            for (String t : new String[] {heavy, heavy, heavy, other}) {
                held.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(s.url() + "/api/lcp"))
                        .header("Authorization", "Bearer " + t).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(lcp)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            long until = System.nanoTime() + 20_000_000_000L;
            while (Api.HEAVY.waitingAtTestGate() < 4 && System.nanoTime() < until) Thread.sleep(20);
            assertThat(Api.HEAVY.waitingAtTestGate()).isEqualTo(4);
            TestServer.Response fourth = s.get("/api/rankings/ndpr", heavy);
            assertThat(fourth.status()).as(fourth.body()).isEqualTo(429);
            assertThat(fourth.json().at("/error/code").asText()).isEqualTo("too_many_requests");
            assertThat(fourth.json().at("/error/message").asText()).isEqualTo("3 computations (valuations, floors, rankings, paths, LCPs) of "
                    + "yours are running; send the next when one of them is answered (at most 3 at once for each user)");
            assertThat(s.post("/api/valuations", heavy, Map.of("project", "arafura-nolans")).status()).isEqualTo(429);
            gate.countDown();
            for (var f : held) assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        } finally {
            Api.HEAVY.testGate = null;
            gate.countDown();
        }
        // their places are given back, a refused one's too
        assertThat(s.post("/api/lcp", heavy, "{\"M\": [[1]]}").status()).isEqualTo(400);
        for (int i = 0; i < 4; i++) assertThat(s.post("/api/lcp", heavy, lcp).status()).isEqualTo(200);
    }

    /**
     * Session 21's attack review: a "billion laughs" file — ten lines, each a list of nine aliases of the line before —
     * was refused (the parser allows 50 aliases of lists or mappings), but at no line and in the parser's words, naming its
     * setting ("Number of aliases for non-scalar nodes exceeds the specified max=50"). Now at the alias beyond the limit,
     * in every YAML a request sends (a company file, a scenario's text).
     */
    @Test
    void aYamlAliasBombIsRefusedAtItsLineInWords() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = "*" + (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        String why = "not valid YAML: more than 50 aliases of lists or mappings (number 51 is *f, at column 28); an alias repeats what its"
                + " anchor holds, so that a small file can stand for an immense one: write the lists and mappings out, or use fewer aliases";
        TestServer.Response company = s.postText("/api/exposure?name=bomb.yaml", s.admin, "application/yaml", bomb.toString());
        assertThat(company.status()).as(company.body()).isEqualTo(400);
        assertThat(company.json().at("/error/problems/0/message").asText()).isEqualTo("bomb.yaml:7: " + why);
        assertThat(company.json().at("/error/problems/0/line").asInt()).isEqualTo(7);
        TestServer.Response scenario = s.post("/api/scenario-runs", s.admin, Map.of("text", bomb.toString()));
        assertThat(scenario.status()).as(scenario.body()).isEqualTo(422);
        assertThat(scenario.json().at("/error/problems/0/message").asText()).isEqualTo("text:7: " + why);
        assertThat(scenario.body()).doesNotContain("specified max").doesNotContain("non-scalar");
    }

    /** A body nested too deep was refused with the parser's setting named ("from `StreamReadConstraints.getMaxNestingDepth()`"). */
    @Test
    void aBodyNestedTooDeepIsRefusedInWordsWithoutTheParsersSettings() {
        TestServer.Response r = s.postText("/api/assessments", s.admin, "application/json", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        assertThat(r.status()).isEqualTo(400);
        String m = r.json().at("/error/message").asText();
        assertThat(m).isEqualTo("the request body is not valid JSON: objects and arrays are nested deeper than 1000 levels at line 1, column 1005")
                .doesNotContain("StreamReadConstraints").doesNotContain("`");
    }

    /**
     * Session 24's review: an id in the path was read by Long.parseLong, so /api/tokens/+7, /api/tokens/007 and /api/tokens/7
     * were one record under three addresses — a proxy or an access rule written for one address (refusing DELETE
     * /api/tokens/1, the first administrator's) is passed by another — and 0 or -3 were looked up as ids. An id is written
     * one way only: digits, from 1, without a leading zero; anything else is 400 at the parameter, nothing looked up.
     */
    @Test
    void anIdInThePathIsWrittenOneWayOnly() {
        TestServer.Response made = s.post("/api/tokens", s.admin, Map.of("name", "one address", "role", "analyst"));
        long id = made.json().get("id").asLong();
        String secret = made.json().get("secret").asText();
        for (String other : new String[] {"+" + id, "0" + id, "00" + id}) {
            TestServer.Response r = s.delete("/api/tokens/" + other, s.admin);
            assertThat(r.status()).as(other + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo("id");
            assertThat(r.json().at("/error/message").asText()).isEqualTo("id: \"" + other + "\" is not an id; write it in digits without"
                    + " a sign or leading zeros, such as " + id);
            assertThat(s.get("/api/me", secret).status()).as("the token after DELETE /api/tokens/" + other).isEqualTo(200);
        }
        for (String none : new String[] {"0", "-3", "-0"}) {
            TestServer.Response r = s.get("/api/bulk-jobs/" + none, s.admin);
            assertThat(r.status()).as(none + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/message").asText()).isEqualTo("id: " + none + " is not an id (too small; ids are whole numbers from 1 to "
                    + Long.MAX_VALUE + ")");
        }
        assertThat(s.get("/api/bulk-jobs/12a", s.admin).json().at("/error/message").asText()).isEqualTo("id: \"12a\" is not a number;"
                + " expected an id such as 12");
        assertThat(s.get("/api/bulk-jobs/99999999999999999999", s.admin).json().at("/error/message").asText()).isEqualTo("id:"
                + " 99999999999999999999 is not an id (too large; ids are whole numbers from 1 to " + Long.MAX_VALUE + ")");
        assertThat(s.delete("/api/tokens/" + id, s.admin).status()).isEqualTo(200);
    }
}
