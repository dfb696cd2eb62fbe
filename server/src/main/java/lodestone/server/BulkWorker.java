package lodestone.server;

import lodestone.border.bulk.BulkAssessment;
import lodestone.store.BulkJobs;
import lodestone.store.StoreException;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs bulk jobs — assessments, and what-ifs of whole files (compare jobs, {@link CompareJobs}) — in the
 * background, one at a time: claims the oldest queued job (or one whose worker died),
 * assesses it chunk by chunk from its last committed chunk, and commits each chunk with the job's progress.
 * A server killed mid-job resumes the job on restart; every input line gets exactly one result.
 */
final class BulkWorker implements AutoCloseable {
    /** How the server reads a bulk file: as assess-file does, but an unknown column refused in the server's words (it has no --ignore-unknown). */
    static final BulkAssessment.Options SERVER_READS = BulkAssessment.Options.defaults()
            .withUnknownAdvice(lodestone.border.bulk.BulkReader.UnknownAdvice.SERVER);

    private final BulkJobs jobs;
    private final Engines engines;
    private final PrintStream log;
    private final CompareJobs compares;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean stopping;
    /** While set, no job is claimed (queued jobs stay queued): for tests of what happens while jobs wait. */
    private volatile boolean held;

    /** Told of a job's failures that are the database's (a full disk: the health check says degraded). */
    private final java.util.function.Consumer<Exception> storeFailures;

    BulkWorker(BulkJobs jobs, Engines engines, PrintStream log, CompareJobs compares, java.util.function.Consumer<Exception> storeFailures) {
        this.compares = compares;
        this.storeFailures = storeFailures;
        this.jobs = jobs;
        this.engines = engines;
        this.log = log;
        this.thread = Thread.ofPlatform().name("lodestone-bulk").daemon(true).unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    /** Run before each chunk commit of every job (tests: a job kept running between two chunks); nothing by default. */
    private volatile Runnable beforeCommit = () -> { };

    void beforeEachCommit(Runnable r) {
        beforeCommit = r == null ? () -> { } : r;
    }

    /** Holds (true) or releases (false) the queue: a held worker claims nothing; the job running finishes. */
    void hold(boolean on) {
        held = on;
        if (!on) wake.release();
    }

    /** A job was submitted: look now rather than at the next poll. */
    void nudge() {
        wake.release();
    }

    /** Whether the worker could not claim a job for want of the database (said once, until it answers again). */
    private boolean waitingForDatabase;

    private void loop() {
        while (!stopping) {
            try {
                Optional<BulkJobs.Job> job = held ? Optional.empty() : jobs.claimNext();
                if (!held && waitingForDatabase) {
                    waitingForDatabase = false;
                    log.println("lodestone: bulk worker: the database answers again; queued jobs are started");
                }
                if (job.isPresent()) {
                    run(job.get());
                    continue;
                }
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) return;
                if (lodestone.store.Store.isUnavailable(e)) {
                    // once an outage, in plain words: it logged the connection pool's own words every 11 s while it lasted
                    if (!waitingForDatabase) {
                        waitingForDatabase = true;
                        log.println("lodestone: bulk worker: " + lodestone.store.Store.unavailableWhy(e) + ", so no queued job can be"
                                + " started; the worker waits for it (GET /api/health says when it is back)");
                    }
                } else {
                    log.println("lodestone: bulk worker: " + e.getMessage());
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void run(BulkJobs.Job job) {
        String changed = regimeChanged(job);
        if (changed != null) {
            jobs.fail(job.id(), changed);
            log.println("lodestone: " + BulkJobs.kindWord(job.kind()) + " job " + job.id() + " (" + job.fileName() + ") " + changed);
            return;
        }
        if (job.chunksDone() > 0) {
            log.println("lodestone: resuming bulk job " + job.id() + " (" + job.fileName() + ") after " + job.linesDone()
                    + " lines in " + job.chunksDone() + " committed chunks");
        }
        if (BulkJobs.KIND_COMPARE.equals(job.kind())) {
            try {
                compares.run(job, () -> { // a what-if of a whole file (CompareJobs); asked before each chunk commit
                    beforeCommit.run();
                    return stopping;
                });
                cancelled(job);
            } catch (java.io.IOException | RuntimeException e) {
                // the database away first: that needs no query (the cancel check reads the job)
                if (!stopping && !databaseAway(job, e) && !cancelled(job)) failWithProgress(job.id(), e);
            }
            return;
        }
        try (java.io.InputStream in = jobs.input(job.id())) { // bytes: the reader checks UTF-8 line by line, as assess-file does
            BulkAssessment.Format fmt = "jsonl".equals(job.inputFormat()) ? BulkAssessment.Format.JSONL : BulkAssessment.Format.CSV;
            BulkAssessment.runChunked(engines.assessor(job.regime()), in, job.fileName(), fmt, SERVER_READS,
                    job.chunkSize(), job.chunksDone(), c -> {
                        beforeCommit.run();
                        if (stopping) throw new java.io.InterruptedIOException("the server is stopping");
                        jobs.commitChunk(job.id(), new BulkJobs.ChunkResult(c.index(), c.firstRecord(), (int) c.records(),
                                (int) c.assessed(), (int) c.prohibited(), (int) c.rejected(), c.totalDuty(), c.results(), c.rejects(),
                                (int) c.duplicateIds(), c.duplicateCheckStoppedAt(), c.totals().toJson().toString()));
                    });
            jobs.finish(job.id());
            cancelled(job); // cancelled after its last chunk was committed: finish left it cancelled
        } catch (BulkAssessment.BulkFileException e) {
            if (!stopping && !cancelled(job)) jobs.fail(job.id(), e.getMessage());
        } catch (ApiError e) {
            if (!cancelled(job)) jobs.fail(job.id(), e.getMessage());
        } catch (java.io.IOException | RuntimeException e) {
            if (stopping) return; // the lease lapses and the job resumes at the next start
            if (databaseAway(job, e)) return; // needs no query, unlike the cancel check
            if (cancelled(job)) return;
            // work that fails is not retried for ever: the job ends failed, saying why and how far it got
            // (when even that cannot be written, the database is away: the lease lapses and the job resumes later)
            failWithProgress(job.id(), e);
        }
    }

    /**
     * Why the job cannot go on under the regime this server has for it, or null when it can: the version it was submitted
     * under (the job's regime_version, and the identity its parameters hold — a folder's fingerprint too) is not the one the
     * server now has for its regime — the server was upgraded with another bundled regime, or its folder changed. Found
     * upgrading a data directory of schema 6: a job begun under the bundled regime 2026.11 was resumed under 2026.12, its
     * first 400,000 lines under the one and the rest under the other, and it said regime_version 2026.11 of every line. The
     * job is not run on: its committed lines are kept (its partial results), and the same file submitted again is another
     * job, assessed whole under the regime the server has.
     */
    private String regimeChanged(BulkJobs.Job job) {
        lodestone.regime.Regime now;
        try {
            now = engines.regime(job.regime());
        } catch (RuntimeException e) {
            return null; // a regime the server no longer offers: the run says so as before
        }
        String was = job.regimeVersion();
        boolean same = now.version().equals(was);
        try {
            com.fasterxml.jackson.databind.JsonNode p = job.params() == null || job.params().isBlank() ? null : Server.JSON.readTree(job.params());
            com.fasterxml.jackson.databind.JsonNode id = p == null ? null : p.get(BulkJobs.KIND_COMPARE.equals(job.kind()) ? "a_version" : "regime_version");
            if (id != null && id.isTextual() && !id.asText().equals(Api.identity(now))) same = false;
        } catch (java.io.IOException | RuntimeException e) {
            // parameters of an older form: the version alone decides
        }
        if (same) return null;
        String done = BulkJobs.KIND_COMPARE.equals(job.kind()) ? "compared" : "assessed";
        String it = "it was submitted under the regime " + job.regime() + " " + was + " and this server now has " + job.regime() + " "
                + now.version() + (now.version().equals(was) ? " with other files" : "") + " (it was upgraded, or the regime's files changed)";
        if (job.linesDone() == 0) {
            return "not run: " + it + "; nothing was " + done + ". The file is not at"
                    + " fault: submit it again to have it " + done + " under " + now.version();
        }
        return "not resumed after " + job.linesDone() + " lines: " + it + ", and the rest of the file would have been "
                + done + " under the new one — two regimes in one result. The file is not"
                + " at fault: the " + job.linesDone() + " lines done are kept (partial results), and the file submitted again is "
                + done + " whole under " + now.version();
    }

    /**
     * Whether the job was cancelled (POST .../cancel) while this worker ran it: its next chunk commit was refused and the
     * job stopped there, which is no failure. Says so in one line of the log, with how far it got.
     */
    private boolean cancelled(BulkJobs.Job job) {
        Optional<BulkJobs.Job> now;
        try {
            now = jobs.get(job.id());
        } catch (RuntimeException e) {
            return false; // the database is away: the caller says so
        }
        if (now.isEmpty() || now.get().status() != BulkJobs.Status.CANCELLED) return false;
        log.println("lodestone: " + BulkJobs.kindWord(job.kind()) + " job " + job.id() + " ("
                + job.fileName() + ") cancelled after " + now.get().linesDone() + " lines");
        return true;
    }

    /**
     * A job stopped because the database could not be reached (stopped, restarting, the network to it down) is not failed:
     * its lease lapses and this worker (or another, or the next start) claims it again and resumes it after its last
     * committed chunk, as after a crash. It used to be marked failed when the database came back in time to record that.
     */
    private boolean databaseAway(BulkJobs.Job job, Exception e) {
        String why = lodestone.store.Store.unavailableWhy(e);
        if (why == null) return false;
        storeFailures.accept(e);
        log.println("lodestone: bulk job " + job.id() + " paused: " + why + " (" + lodestone.store.Store.cause(e)
                + "); it resumes after its last committed chunk once the database can write again (tried every 30 s)");
        return true;
    }

    private void failWithProgress(long id, Exception e) {
        try {
            long done = jobs.get(id).map(BulkJobs.Job::linesDone).orElse(0L);
            // the owner is told what happened in plain words and a reference; the fault itself — the database's own words
            // (SQL states, relations, failing rows) or an engine's — stays in the log under that reference
            long ref = Api.logFault(log, "bulk job failure", "in job " + id + " after " + done + " lines", e);
            jobs.fail(id, failure(done, e instanceof StoreException, ref));
        } catch (RuntimeException again) {
            log.println("lodestone: bulk job " + id + ": " + e.getMessage() + " (and it could not be marked failed: " + again.getMessage() + ")");
        }
    }

    /**
     * What the owner of a job that failed by a fault of the server is told: how far it got, in plain words what failed, the
     * reference of the log's account, and that the file is not at fault (the same file with the same key is the same,
     * failed job: another key makes a new one).
     */
    static String failure(long linesDone, boolean store, long ref) {
        return "stopped after " + linesDone + " lines: " + (store ? "the server could not save the job's results" : "the server failed")
                + " (reference #" + ref + " in the server's log); the file is not at fault: tell the server's operator the reference,"
                + " and once they have put it right upload the file again with another idempotency key";
    }

    /** Asks the worker to stop at its next chunk commit, without waiting for it ({@link #close()} waits). */
    void stopSoon() {
        stopping = true;
        wake.release();
    }

    @Override
    public void close() {
        stopSoon();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
