package lodestone.bench.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An open-loop load generator for one API call: sends {@code POST /api/assessments} at a fixed rate
 * (a request every 1/rate seconds, whether or not earlier ones have been answered), and measures each
 * request's latency from the time it was <em>meant</em> to be sent — so a stalled server shows up in the
 * figures rather than slowing the client down (no coordinated omission). Then checks the ledger: every
 * successful request's entry is there, once, and nothing else was written.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar lodestone.bench.server.ApiLoad --url http://127.0.0.1:PORT --token lst_…
 *     [--rate 500] [--seconds 60] [--warmup-seconds 15] [--body FILE]
 * </pre>
 * Prints the latency percentiles, errors, achieved rate, and a last line {@code RESULT key=value …} for scripts.
 * Exit status 0 when there were no errors and the ledger check holds (the latency target is judged by the caller).
 */
public final class ApiLoad {
    static final String DEFAULT_BODY = "{\"hts\":\"2846.90.80\",\"origin\":\"CN\",\"entry_date\":\"2026-03-02\","
            + "\"customs_value\":10000,\"quantity\":500,\"unit\":\"kg\"}";
    static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+),");

    record Phase(long sent, long ok, long errors, long[] latenciesNanos, long[] ids, String firstError, double seconds) { }

    public static void main(String[] args) throws Exception {
        String url = null;
        String token = null;
        int rate = 500;
        int seconds = 60;
        int warmup = 15;
        String body = DEFAULT_BODY;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--token" -> token = args[++i];
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmup = Integer.parseInt(args[++i]);
                case "--body" -> body = Files.readString(Path.of(args[++i]));
                default -> {
                    System.err.println("ApiLoad: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (url == null || token == null) {
            System.err.println("ApiLoad: --url and --token are required");
            System.exit(2);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "apiload-http");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/assessments")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();

        long before = newestLedgerId(http, url, token);
        if (warmup > 0) {
            Phase w = run(http, req, rate, warmup, true);
            System.out.printf(Locale.ROOT, "warm-up: %d requests in %.1f s, %d errors, p99 %.2f ms%n", w.sent, w.seconds, w.errors,
                    pct(w.latenciesNanos, 99) / 1e6);
            if (w.firstError != null) System.out.println("first warm-up error: " + w.firstError);
            checkLedger(w, http, url, token, before, "warm-up"); // reported; a request that timed out may still be written
            before = newestLedgerId(http, url, token);
        }
        Thread.sleep(2000);
        Phase m = run(http, req, rate, seconds, false);
        long[] l = m.latenciesNanos.clone();
        Arrays.sort(l);
        double p50 = pct(l, 50) / 1e6, p90 = pct(l, 90) / 1e6, p99 = pct(l, 99) / 1e6, p999 = pct(l, 99.9) / 1e6, max = l[l.length - 1] / 1e6;
        System.out.printf(Locale.ROOT, "measured: %d requests at %d/s for %d s (%.1f s, achieved %.1f/s), %d ok, %d errors%n",
                m.sent, rate, seconds, m.seconds, m.sent / m.seconds, m.ok, m.errors);
        if (m.firstError != null) System.out.println("first error: " + m.firstError);
        System.out.printf(Locale.ROOT, "latency from intended send time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                p50, p90, p99, p999, max);
        // where the slow requests fell: spread evenly (the server's own pauses) or bunched (a stall, a neighbour's burst)
        StringBuilder buckets = new StringBuilder();
        int per = rate * 5;
        for (int b = 0; b * per < m.latenciesNanos.length; b++) {
            int slow = 0;
            for (int i = b * per; i < Math.min(m.latenciesNanos.length, (b + 1) * per); i++) if (m.latenciesNanos[i] > 10_000_000L) slow++;
            buckets.append(b == 0 ? "" : " ").append(slow);
        }
        System.out.println("requests over 10 ms, per 5 s of the run: " + buckets);
        boolean ledger = checkLedger(m, http, url, token, before, "measured run");
        System.out.printf(Locale.ROOT, "RESULT rate=%d seconds=%d sent=%d ok=%d errors=%d p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f ledger=%s%n",
                rate, seconds, m.sent, m.ok, m.errors, p50, p90, p99, p999, max, ledger ? "ok" : "FAILED");
        pool.shutdownNow();
        System.exit(m.errors == 0 && ledger ? 0 : 1);
    }

    /**
     * Sends requests on a fixed schedule for {@code seconds} and waits for all answers: {@code rate} a second, or with
     * {@code ramp} (the warm-up) a rate rising evenly from a tenth of it, so that a cold server is not swamped.
     */
    static Phase run(HttpClient http, HttpRequest req, int rate, int seconds, boolean ramp) throws InterruptedException {
        long span = seconds * 1_000_000_000L;
        long[] offsets = new long[rate * seconds];
        int n = 0;
        for (long t = 0; t < span && n < offsets.length; n++) {
            offsets[n] = t;
            double r = ramp ? rate * (0.1 + 0.9 * (double) t / span) : rate;
            t += (long) (1e9 / r);
        }
        long[] lat = new long[n];
        long[] ids = new long[n];
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        CountDownLatch answered = new CountDownLatch(n);
        long start = System.nanoTime() + 20_000_000L;
        for (int i = 0; i < n; i++) {
            final int k = i;
            final long intended = start + offsets[i];
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
            http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).whenComplete((r, e) -> {
                lat[k] = System.nanoTime() - intended;
                if (e == null && r.statusCode() == 201) {
                    Matcher mm = ID.matcher(r.body());
                    ids[k] = mm.find() ? Long.parseLong(mm.group(1)) : -1;
                    ok.incrementAndGet();
                } else {
                    ids[k] = -1;
                    errors.incrementAndGet();
                    synchronized (firstError) {
                        if (firstError[0] == null) {
                            firstError[0] = e != null ? e.toString() : r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length()));
                        }
                    }
                }
                answered.countDown();
            });
        }
        if (!answered.await(60, TimeUnit.SECONDS)) throw new IllegalStateException(answered.getCount() + " requests unanswered after 60 s");
        double secs = (System.nanoTime() - start) / 1e9;
        return new Phase(n, ok.get(), errors.get(), lat, ids, firstError[0], secs);
    }

    static double pct(long[] sorted, double p) {
        long[] s = sorted;
        if (!isSorted(s)) {
            s = s.clone();
            Arrays.sort(s);
        }
        int idx = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))];
    }

    static boolean isSorted(long[] a) {
        for (int i = 1; i < a.length; i++) if (a[i - 1] > a[i]) return false;
        return true;
    }

    /**
     * Every successful request got its own ledger id, and the ledger grew by exactly that many entries:
     * the ids answered are distinct, all newer than {@code before}, and the newest id is before + ok.
     */
    static boolean checkLedger(Phase p, HttpClient http, String url, String token, long before, String what) throws Exception {
        Set<Long> seen = new HashSet<>();
        long bad = 0;
        for (long id : p.ids) {
            if (id == -1) continue;
            if (id <= before || !seen.add(id)) bad++;
        }
        long after = newestLedgerId(http, url, token);
        boolean good = bad == 0 && seen.size() == p.ok && after - before == p.ok;
        System.out.printf(Locale.ROOT, "ledger (%s): %d successful requests, %d distinct new ledger ids, newest id %d -> %d (+%d): %s%n",
                what, p.ok, seen.size(), before, after, after - before, good ? "every request in the ledger, once" : "MISMATCH");
        return good;
    }

    static long newestLedgerId(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/assessments?limit=1"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("GET /api/assessments: " + r.statusCode() + " " + r.body());
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(r.body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
