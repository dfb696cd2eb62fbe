package lodestone.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many computations of one kind a user (token) runs at once: a request past the limit is refused with 429 before its
 * body is read, and a place is given back when its request is answered, refused or failed. The server answers these
 * computations while the client waits, so without a limit one user sending many at once would take every core (or, for
 * exposure, gigabytes of memory) from everyone else.
 */
final class PerUserLimit {
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    private final int max;
    private final String what;
    private final Map<Long, AtomicInteger> running = new ConcurrentHashMap<>();

    /** Tests: when set, each computation waits here (at most 60 s) once it has its place, so that several run at once. */
    volatile CountDownLatch testGate;
    private final AtomicInteger atTestGate = new AtomicInteger();

    /** @param what the computations in the refusal's words, plural ("exposure evaluations") */
    PerUserLimit(int max, String what) {
        this.max = max;
        this.what = what;
    }

    int max() {
        return max;
    }

    /** Tests: how many computations wait at {@link #testGate}. */
    int waitingAtTestGate() {
        return atTestGate.get();
    }

    <T> T run(long user, Work<T> work) throws Exception {
        AtomicInteger mine = running.computeIfAbsent(user, k -> new AtomicInteger());
        if (mine.incrementAndGet() > max) {
            mine.decrementAndGet();
            throw new ApiError(429, "too_many_requests", max + " " + what + " of yours are running; send the next when one of them is "
                    + "answered (at most " + max + " at once for each user)", null);
        }
        try {
            passTestGate();
            return work.run();
        } finally {
            mine.decrementAndGet();
        }
    }

    private void passTestGate() {
        CountDownLatch g = testGate;
        if (g == null) return;
        atTestGate.incrementAndGet();
        try {
            g.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            atTestGate.decrementAndGet();
        }
    }
}
