package lodestone.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a start of the embedded PostgreSQL failed, read from its log. CI saw a start that failed on a missing checkpoint
 * said to have failed "saying FATAL: the database system is starting up": that line is PostgreSQL's answer to the start's
 * own readiness check connecting meanwhile, written after the real reason.
 */
class StartReasonTest {
    static final String LOG = """
            2026-12-06 21:38:01.120 UTC [2406] LOG:  database system was interrupted; last known up at 2026-12-06 21:37:58 UTC
            2026-12-06 21:38:01.123 UTC [2406] LOG:  invalid checkpoint record
            2026-12-06 21:38:01.124 UTC [2406] PANIC:  could not locate a valid checkpoint record
            2026-12-06 21:38:01.200 UTC [2410] FATAL:  the database system is starting up
            2026-12-06 21:38:01.300 UTC [2400] LOG:  startup process (PID 2406) was terminated by signal 6: Aborted
            """;

    @Test
    void aClientsRefusalWhileStartingIsNotTheReason() {
        assertThat(EmbeddedDatabase.StartWatch.lastProblem(LOG))
                .isEqualTo("LOG: invalid checkpoint record — PANIC: could not locate a valid checkpoint record");
        assertThat(EmbeddedDatabase.StartWatch.lastProblem(LOG.replace("starting up", "shutting down")))
                .isEqualTo("LOG: invalid checkpoint record — PANIC: could not locate a valid checkpoint record");
        // a log with nothing but such answers names no reason rather than a wrong one
        assertThat(EmbeddedDatabase.StartWatch.lastProblem("2026-12-06 21:38:01.200 UTC [2410] FATAL:  the database system is starting up\n"))
                .isEmpty();
        // a real FATAL is still the reason
        assertThat(EmbeddedDatabase.StartWatch.lastProblem("2026-12-06 21:38:01.200 UTC [2410] FATAL:  could not bind IPv4 address\n"))
                .isEqualTo("FATAL: could not bind IPv4 address");
    }
}
