package lodestone.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic retention under a clock that steps (no database: the retirement is a recording stand-in). It removes files for
 * good, so a day read from a clock stepped forward must not retire jobs that are not due; a clock stepped back only delays.
 */
class RetentionClockTest {
    /** A clock the test sets, and the monotonic time, which only the passing of time moves. */
    static final class Machine extends Clock {
        Instant wall = Instant.parse("2026-12-07T12:00:00Z");
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        void pass(Duration d) {
            wall = wall.plus(d);
            nanos.addAndGet(d.toNanos());
        }

        void step(Duration d) {
            wall = wall.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return wall; }
    }

    @Test
    void aRunAfterTheClockWasSteppedForwardRetiresNothingAndTheNextGoesByTheClockAsItIsThen() {
        Machine m = new Machine();
        List<Instant> asked = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Retention r = new Retention(90, before -> {
            asked.add(before);
            return List.of();
        }, m.nanos::get, new PrintStream(out, true, StandardCharsets.UTF_8), m);
        assertThat(r.runOnce().error()).isNull(); // at start
        m.pass(Duration.ofMinutes(60));
        m.step(Duration.ofDays(200)); // a wrong time set by hand, or by a virtual machine's clock
        Retention.Run skipped = r.runOnce();
        assertThat(skipped.jobs()).isZero();
        assertThat(skipped.error()).isEqualTo("the clock went 200 days 0 h further than the time that passed since the last look (it"
                + " was stepped forward, or the machine was suspended); no job is retired on this run, which would have retired the"
                + " jobs finished before 2027-03-27; looked for again in 60 minutes, by the clock as it is then");
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("lodestone: retention: " + skipped.error() + "\n");
        assertThat(asked).containsExactly(Instant.parse("2026-09-08T00:00:00Z"));
        // put right within the hour (NTP): the next run goes by the right day
        m.step(Duration.ofDays(-200));
        m.pass(Duration.ofMinutes(60));
        assertThat(r.runOnce().error()).isNull();
        // a clock stepped back retires later, never sooner: the run goes ahead
        m.pass(Duration.ofMinutes(60));
        m.step(Duration.ofHours(-3));
        assertThat(r.runOnce().error()).isNull();
        // kept (the clock really was behind before): the run after the skipped one retires by it
        m.pass(Duration.ofMinutes(60));
        m.step(Duration.ofDays(2));
        assertThat(r.runOnce().error()).startsWith("the clock went 2 days 0 h further");
        m.pass(Duration.ofMinutes(60));
        assertThat(r.runOnce().error()).isNull();
        assertThat(asked).containsExactly(Instant.parse("2026-09-08T00:00:00Z"), Instant.parse("2026-09-08T00:00:00Z"),
                Instant.parse("2026-09-08T00:00:00Z"), Instant.parse("2026-09-10T00:00:00Z"));
    }
}
