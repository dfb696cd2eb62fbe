package lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user at the job limit is answered 429 before their upload is read, in a way a real HTTP client sees: with
 * {@code Expect: 100-continue} the body is never sent (the server answers instead of "100 Continue"); without it,
 * the 429 comes with {@code Connection: close} and the client reads it although it was still sending.
 */
class JobLimitUploadTest {
    static TestServer s;
    static String carol;
    static final List<Long> JOBS = new ArrayList<>();
    /** Larger than anything a socket buffers (several MB), within the test server's 8 MB upload limit. */
    static final long BODY = 7L << 20;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        carol = s.post("/api/tokens", s.admin, Map.of("name", "carol", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s == null) return;
        s.server.holdJobs(false);
        for (long id : JOBS) s.awaitJob(id, carol);
        s.close();
    }

    /** Fills carol's four places with jobs, held queued (Server.holdJobs) until the class ends. */
    static void fillTheLimit() {
        s.server.holdJobs(true); // the jobs stay queued, however fast this machine runs them
        while (JOBS.size() < Api.MAX_ACTIVE_JOBS_PER_USER) {
            byte[] data = s.get("/api/bulk-sample?lines=2000&seed=" + (JOBS.size() + 1), carol).body().getBytes(StandardCharsets.UTF_8);
            TestServer.Response r = s.upload("/api/bulk-jobs?name=fill" + JOBS.size() + ".csv", carol, data, null);
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            JOBS.add(r.json().get("id").asLong());
        }
    }

    /** A body of {@link #BODY} CSV-like bytes made as they are read, counting how many the client took. */
    static HttpRequest.BodyPublisher counted(AtomicLong read) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
            long left = BODY;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) return -1;
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) b[off + i] = (byte) (i % 64 == 63 ? '\n' : 'x');
                left -= n;
                read.addAndGet(n);
                return n;
            }
        }), BODY);
    }

    static HttpRequest request(AtomicLong read, boolean expectContinue) {
        return HttpRequest.newBuilder(URI.create(s.url() + "/api/bulk-jobs?name=fifth.csv")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + carol).header("Content-Type", "text/csv")
                .expectContinue(expectContinue).POST(counted(read)).build();
    }

    @Test
    void withExpectContinueTheBodyIsNeverSent() throws Exception {
        fillTheLimit();
        AtomicLong read = new AtomicLong();
        HttpResponse<String> r = HttpClient.newHttpClient().send(request(read, true), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(TestServer.JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("too_many_jobs");
        assertThat(read.get()).as("bytes of the upload the client sent").isZero();
        // when to try again, as a 503 says it: a client's or a gateway's retry policy reads Retry-After (a 429 had none)
        assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
    }

    @Test
    void withoutExpectContinueTheClientStillReadsThe429() throws Exception {
        fillTheLimit();
        for (int attempt = 0; attempt < 3; attempt++) {
            AtomicLong read = new AtomicLong();
            HttpResponse<String> r = HttpClient.newHttpClient().send(request(read, false), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
            assertThat(TestServer.JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("too_many_jobs");
            assertThat(r.headers().firstValue("Connection")).as("the connection is not kept for the rest of the body").hasValue("close");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
        }
        // the server is unharmed and carol's jobs run on
        assertThat(s.get("/api/health", null).status()).isEqualTo(200);
    }

    /** Any refusal made before a large upload is read (here: a missing parameter) reaches the client still sending it. */
    @Test
    void aBadParameterOfALargeUploadIsAnsweredNotCutOff() throws Exception {
        for (String path : List.of("/api/compare-file?name=x.csv", "/api/compare-jobs?name=x.csv")) {
            AtomicLong read = new AtomicLong();
            HttpRequest req = HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + carol).header("Content-Type", "text/csv").POST(counted(read)).build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(400);
            assertThat(TestServer.JSON.readTree(r.body()).at("/error/field").asText()).isEqualTo("with");
        }
    }
}
