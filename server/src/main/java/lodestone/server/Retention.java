package lodestone.server;

import lodestone.store.BulkJobs;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's automatic retention of finished jobs ({@code lodestone serve --retain-jobs-days N}): every hour, and once at
 * start, the bulk and compare jobs that finished before 00:00 UTC of the day N days before today (UTC) are retired — their
 * uploaded file, results and rejects removed, their row, counts and totals kept — exactly as an administrator's {@code POST
 * /api/jobs/retire} with that {@code finished_before} would. Without it an operator had to remember to retire old jobs by hand,
 * and a busy server's database grew by about 85 MB a million lines for ever (docs/reliability.md).
 *
 * <p>Each job retired is one line of the server's log; a run the database refuses (down, disk full) is one line too and is
 * tried again an hour later. What the last run did is kept for {@code GET /api/jobs/retention}. Off (0 days) by default:
 * nothing is removed unless the operator says so.
 */
final class Retention implements AutoCloseable {
    /** How often the due jobs are looked for: a job is retired within this long of becoming due. */
    static final long EVERY_MINUTES = 60;

    /** The most days a job may be kept by the setting (a hundred years: anything longer is "for ever", i.e. off). */
    static final int MAX_DAYS = 36_500;

    /** What one run did: when, the day it retired up to (exclusive), how many jobs, lines and bytes, or why it failed. */
    record Run(Instant at, LocalDate finishedBefore, int jobs, long lines, long bytes, String error) { }

    /**
     * How far the clock may have gone ahead of the time that passed (read from {@link System#nanoTime()}, which no setting of
     * the clock moves) between two runs before a run is skipped as after a step forward.
     */
    static final java.time.Duration STEP_TOLERANCE = java.time.Duration.ofMinutes(2);

    private final int days;
    private final java.util.function.Function<Instant, List<BulkJobs.Retired>> retire;
    private final java.util.function.LongSupplier nanos;
    private final PrintStream log;
    private volatile Clock clock;
    /** The clock's time and the monotonic time at the last run (or start, or a test's clock): what a step is measured from. */
    private Instant sinceWall;
    private long sinceNanos;
    private final ScheduledExecutorService timer;
    private volatile Run last;
    private volatile Instant next;

    /**
     * @param days  how many whole days a finished job is kept (0: retention off, nothing is ever scheduled)
     * @param clock the clock "today" is read from (tests move it)
     */
    Retention(int days, BulkJobs jobs, BulkJobs.TotalsSum sum, PrintStream log, Clock clock) {
        this(days, before -> jobs.retireFinishedBefore(before, sum), System::nanoTime, log, clock);
    }

    /**
     * @param retire retires the jobs finished before an instant (tests: records what it is asked)
     * @param nanos  the monotonic time ({@link System#nanoTime()}; tests: one that moves as they say)
     */
    Retention(int days, java.util.function.Function<Instant, List<BulkJobs.Retired>> retire, java.util.function.LongSupplier nanos,
              PrintStream log, Clock clock) {
        if (days < 0 || days > MAX_DAYS) throw new IllegalArgumentException("retention days " + days + " outside 0.." + MAX_DAYS);
        this.days = days;
        this.retire = retire;
        this.nanos = nanos;
        this.log = log;
        this.clock = clock;
        this.sinceWall = clock.instant();
        this.sinceNanos = nanos.getAsLong();
        this.timer = days == 0 ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lodestone-retention");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the hourly runs, the first at once (a server down for a week catches up at its start). */
    void start() {
        if (timer == null) return;
        next = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> {
            runOnce();
            next = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(EVERY_MINUTES * 60);
        }, 0, EVERY_MINUTES, TimeUnit.MINUTES);
    }

    /** Tests: read "now" from this clock from here on (a server whose jobs finished long ago, without waiting). */
    synchronized void clock(Clock c) {
        clock = c;
        sinceWall = c.instant();
        sinceNanos = nanos.getAsLong();
    }

    /** "2 days 3 h", "5 h 10 min", "3 min" (rounded down to the minute). */
    static String aheadWords(java.time.Duration d) {
        long min = d.toMinutes();
        if (min >= 24 * 60) return daysWord((int) (min / (24 * 60))) + " " + (min / 60 % 24) + " h";
        if (min >= 60) return (min / 60) + " h " + (min % 60) + " min";
        return min + " min";
    }

    /** "1 day", "90 days". */
    static String daysWord(int days) {
        return days == 1 ? "1 day" : days + " days";
    }

    /** 0 when off. */
    int days() {
        return days;
    }

    Run last() {
        return last;
    }

    /** When the next run is due (null when off or not started). */
    Instant next() {
        return next;
    }

    /** The day before whose 00:00 UTC a job must have finished to be retired on the day {@code today}. */
    static LocalDate finishedBefore(LocalDate today, int days) {
        return today.minusDays(days);
    }

    /**
     * Retires the jobs due now; never throws (a failure is logged and kept as the run's error). Synchronized: a test's run and
     * the timer's never overlap.
     */
    synchronized Run runOnce() {
        if (days == 0) throw new IllegalStateException("retention is off");
        Instant wall = clock.instant();
        long mono = nanos.getAsLong();
        java.time.Duration ahead = java.time.Duration.between(sinceWall, wall).minusNanos(mono - sinceNanos);
        sinceWall = wall;
        sinceNanos = mono;
        Instant now = wall.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        LocalDate before = finishedBefore(LocalDate.ofInstant(now, ZoneOffset.UTC), days);
        if (ahead.compareTo(STEP_TOLERANCE) > 0) {
            // The clock was stepped forward (a wrong time set, a virtual machine's clock catching up in one jump): retiring by it
            // could remove, for good, jobs that are not yet due. This run is skipped; the next, an hour on, goes by the clock as it
            // is then (put right meanwhile, or kept).
            String why = "the clock went " + aheadWords(ahead) + " further than the time that passed since the last look (it was"
                    + " stepped forward, or the machine was suspended); no job is retired on this run, which would have retired the jobs finished before " + before
                    + "; looked for again in " + EVERY_MINUTES + " minutes, by the clock as it is then";
            log.println("lodestone: retention: " + why);
            log.flush();
            last = new Run(now, before, 0, 0, 0, why);
            return last;
        }
        Run run;
        try {
            List<BulkJobs.Retired> done = retire.apply(before.atStartOfDay(ZoneOffset.UTC).toInstant());
            long lines = 0;
            long bytes = 0;
            for (BulkJobs.Retired r : done) {
                log.println("lodestone: retention (finished jobs kept " + daysWord(days) + ") retired " + BulkJobs.kindWord(r.kind()) + " job "
                        + r.jobId() + " (" + r.fileName() + ", " + r.lines() + " lines, finished before " + before + "): " + r.bytes()
                        + " bytes of its file and results removed");
                lines += r.lines();
                bytes += r.bytes();
            }
            run = new Run(now, before, done.size(), lines, bytes, null);
        } catch (RuntimeException e) { // a StoreException (the database down, its disk full) or a fault: said, tried again
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.println("lodestone: retention: the jobs finished before " + before + " could not be retired: " + why
                    + "; tried again in " + EVERY_MINUTES + " minutes");
            run = new Run(now, before, 0, 0, 0, why);
        }
        log.flush();
        last = run;
        return run;
    }

    /** How a refusal about a retired job says who retires jobs on this server (after "retired on DAY"). */
    String retiredBy() {
        return days == 0 ? " by an administrator"
                : " (this server retires a job's file and results " + daysWord(days) + " after the job ends; an administrator may sooner)";
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
