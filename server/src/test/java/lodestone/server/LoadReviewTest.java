package lodestone.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as fifty brokers use it at once (the load review of 2026-12-06, docs/reliability.md): what one client does —
 * a download it stops reading, uploads sent together — must not take from the others the database connections every
 * request needs (the pool has 12).
 */
class LoadReviewTest {
    static TestServer s;
    static final List<String> BROKERS = new ArrayList<>();

    static final Map<String, Object> ENTRY = Map.of("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
            "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000);

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        for (int i = 0; i < 16; i++) {
            BROKERS.add(s.post("/api/tokens", s.admin, Map.of("name", "broker" + i, "role", "analyst")).json().get("secret").asText());
        }
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    /** A request for {@code path} on a socket with a small receive buffer, of which only the status line is read. */
    static Socket stalledDownload(String path, String token) throws Exception {
        Socket k = new Socket();
        k.setReceiveBufferSize(4096); // before connecting: the window the server may fill stays small
        k.connect(new InetSocketAddress("127.0.0.1", s.server.port()), 5000);
        k.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        k.getOutputStream().flush();
        k.setSoTimeout(30_000);
        byte[] first = new byte[12];
        int n = k.getInputStream().readNBytes(first, 0, first.length);
        assertThat(new String(first, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return k; // and nothing more is read
    }

    /**
     * A results file was written from one database query held open while the client read it: thirteen clients that
     * stopped reading their downloads (a laptop put to sleep, a slow link, a hostile client) held every connection of the
     * pool, and every other request of every user waited 10 s and was refused, 503 "the database is not answering",
     * for as long as they stalled. Each chunk is now read on its own and the connection given back before it is written.
     */
    @Test
    void downloadsThatStallHoldNoDatabaseConnection() throws Exception {
        String owner = BROKERS.get(0);
        byte[] file = s.get("/api/bulk-sample?lines=60000&seed=7", owner).body().getBytes(StandardCharsets.UTF_8);
        TestServer.Response up = s.upload("/api/bulk-jobs?name=big.csv", owner, file, null);
        assertThat(up.status()).as(up.body()).isEqualTo(202);
        long id = up.json().get("id").asLong();
        assertThat(s.awaitJob(id, owner).get("status").asText()).isEqualTo("done");
        String whole = s.get("/api/bulk-jobs/" + id + "/results", owner).body();
        assertThat(whole.length()).as("larger than what the sockets buffer").isGreaterThan(8_000_000);

        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 13; i++) stalled.add(stalledDownload("/api/bulk-jobs/" + id + "/results", owner));
            Thread.sleep(1500); // each has written what its socket takes and waits for its reader
            long t0 = System.nanoTime();
            TestServer.Response r = s.post("/api/assessments", BROKERS.get(1), ENTRY);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.status()).as(r.body() + " after " + ms + " ms").isEqualTo(201);
            assertThat(s.get("/api/health", null).json().get("status").asText()).isEqualTo("ok");
        } finally {
            for (Socket k : stalled) k.close();
        }
        // and a download read to its end is the same file
        assertThat(s.get("/api/bulk-jobs/" + id + "/results", owner).body()).isEqualTo(whole);
    }

    /**
     * An uploaded file is stored in the database in one statement while its request holds a connection (20 MB took
     * several seconds on the shared machine): twenty brokers uploading at once held all twelve, and nine uploads and the
     * other brokers' assessments were refused after 10 s, 503 "the database is not answering". At most
     * {@link Api#UPLOADS_STORED_AT_ONCE} uploads are now stored at once; the others wait for their turn without a
     * connection, and every one is accepted.
     */
    @Test
    void uploadsStoredTogetherLeaveConnectionsForEveryoneElse() throws Exception {
        s.server.holdJobs(true); // the jobs stay queued: this is about storing them
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger storing = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        s.server.whileStoringUpload(() -> { // runs with the storing connection held
            most.accumulateAndGet(storing.incrementAndGet(), Math::max);
            try {
                go.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            storing.decrementAndGet();
        });
        ExecutorService pool = Executors.newFixedThreadPool(15);
        try {
            List<Future<TestServer.Response>> uploads = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                String who = BROKERS.get(1 + i); // fourteen brokers: one user's uploads are stored one at a time anyway
                byte[] data = ("line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\nu" + i
                        + ",7408.11.60,CL,2026-03-02,10000,USD,1000,kg\n").getBytes(StandardCharsets.UTF_8);
                uploads.add(pool.submit(() -> s.upload("/api/bulk-jobs?name=u.csv", who, data, "together-" + data.length + "-" + who.hashCode()
                        + "-" + System.nanoTime())));
            }
            long until = System.nanoTime() + 20_000_000_000L;
            while (storing.get() < Api.UPLOADS_STORED_AT_ONCE && System.nanoTime() < until) Thread.sleep(50);
            Thread.sleep(1000); // any more that could start storing have
            assertThat(most.get()).as("uploads storing at once").isEqualTo(Api.UPLOADS_STORED_AT_ONCE);

            TestServer.Response r = s.post("/api/assessments", BROKERS.get(0), ENTRY);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            go.countDown();
            for (Future<TestServer.Response> f : uploads) {
                TestServer.Response u = f.get(60, TimeUnit.SECONDS);
                assertThat(u.status()).as(u.body()).isEqualTo(202);
            }
        } finally {
            go.countDown();
            s.server.whileStoringUpload(null);
            pool.shutdownNow();
            s.server.holdJobs(false);
        }
    }

    /**
     * A server told to stop (SIGTERM, Ctrl-C: Server.close) closed every connection at once: requests it was answering
     * were cut without an answer, although what they wrote was committed — nine assessments were in the ledger whose
     * brokers had read "connection closed without response" and would send again. Requests under way are now answered
     * before the server stops (for at most {@link Server#STOP_GRACE_MS} ms); new connections are refused.
     */
    @Test
    void aRequestUnderWayWhenTheServerStopsIsAnswered() throws Exception {
        TestServer own = new TestServer();
        String token = own.post("/api/tokens", own.admin, Map.of("name", "late", "role", "analyst")).json().get("secret").asText();
        byte[] body = TestServer.JSON.writeValueAsBytes(ENTRY);
        Thread closing;
        try (Socket k = new Socket("127.0.0.1", own.server.port())) {
            k.setSoTimeout(30_000);
            OutputStream out = k.getOutputStream();
            out.write(("POST /api/assessments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10); // the request is under way: its route waits for the rest of its body
            out.flush();
            Thread.sleep(500);
            closing = Thread.ofPlatform().start(own::close);
            Thread.sleep(1000); // the server is stopping
            out.write(body, 10, body.length - 10);
            out.flush();
            InputStream in = k.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                    if (got.toString(StandardCharsets.UTF_8).contains("\"assessment\"")) break;
                }
            } catch (java.net.SocketException e) {
                // a reset: what was read is checked below
            }
            assertThat(got.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 201").contains("\"id\":");
        }
        closing.join(60_000);
        assertThat(closing.isAlive()).isFalse();
    }

    /** What the server answers on {@code k} (until it closes the connection or 45 s pass). */
    static String answer(Socket k) throws Exception {
        k.setSoTimeout(45_000);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = k.getInputStream().read(buf)) > 0; ) {
                got.write(buf, 0, n);
                if (got.toString(StandardCharsets.UTF_8).contains("}}")) break;
            }
        } catch (java.net.SocketException e) {
            // a reset after the answer: what was read is checked
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /**
     * A client that stops sending its body (a broker's link gone quiet) was answered, once the server's 30 s without a byte
     * had passed, {@code 400 invalid_request} "cannot read the request body: java.util.concurrent.TimeoutException: Idle
     * timeout expired: 30000/30000 ms" — a fault of the request's form in an exception's words. It is a {@code 408
     * request_timeout} saying what happened and what to do, for a JSON body and an upload alike.
     */
    @Test
    void aBodyThatStopsArrivingIsATimeoutInWords() throws Exception {
        try (Socket json = new Socket("127.0.0.1", s.server.port()); Socket file = new Socket("127.0.0.1", s.server.port())) {
            json.getOutputStream().write(("POST /api/assessments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + BROKERS.get(2)
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"hts\": ").getBytes(StandardCharsets.US_ASCII));
            file.getOutputStream().write(("POST /api/bulk-jobs?name=quiet.csv HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + BROKERS.get(3)
                    + "\r\nContent-Type: text/csv\r\nContent-Length: 5000\r\n\r\nline_id,hts,origin\n").getBytes(StandardCharsets.US_ASCII));
            String wait = "no byte of the request body came for " + Server.IDLE_MS / 1000 + " s; nothing was done: send the request again";
            assertThat(answer(json)).startsWith("HTTP/1.1 408").contains("{\"error\":{\"code\":\"request_timeout\",\"message\":\""
                    + "the request body stopped arriving after 8 of its 200 bytes: " + wait + "\",\"field\":null}}");
            assertThat(answer(file)).startsWith("HTTP/1.1 408").contains("{\"error\":{\"code\":\"request_timeout\",\"message\":\""
                    + "the upload stopped arriving after 19 of its 5000 bytes: " + wait + "\",\"field\":null}}");
        }
    }
}
