package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.store.BulkJobs;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory's life across versions, tried as the operator who upgrades a running server would (docs/reliability.md,
 * "The upgrade review of 2026-12-06"): what an older Lodestone recorded must read back through the newer one, the same.
 */
class UpgradeReviewTest {

    /**
     * Found upgrading a data directory of schema 6 (the server of 2026-12-05 06:00) to schema 13: a stockpile ledger whose
     * funding of $1000.125 that server had accepted was recorded before a ledger's figures were bounded (whole cents, from
     * 2026-12-05 20:47). After the upgrade every read of the ledger was a 500 "internal error" — its position, its events,
     * every append, the correction that would mend it — so the ledger was lost to its users.
     */
    @Test
    void aStockpileLedgerRecordedBeforeItsFiguresWereBoundedReadsAsRecordedAndSaysSo() throws Exception {
        try (TestServer s = new TestServer()) {
            // the event as that server stored it (its payload, its actor)
            try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
                st.executeUpdate("insert into stockpile_event (stockpile, seq, at, actor, event_date, type, payload) values ('reserve-x', 1,"
                        + " '2026-12-05 10:00:00+00', 'administrator (token #1)', '2026-01-05', 'funding', '{\"date\": \"2026-01-05\","
                        + " \"type\": \"funding\", \"source\": \"government\", \"amount\": 1000.125}')");
            }
            String said = "events[0].amount: 1000.125 has a fraction of a cent; a ledger keeps whole cents (e.g. 1000.13) — event 1 was"
                    + " recorded on 2026-12-05 by a Lodestone from before a ledger's figures were bounded, and is counted as recorded,"
                    + " exactly; an administrator's correction of event 1 (\"corrects\": 1, with its replacement) mends it";
            TestServer.Response pos = s.get("/api/stockpiles/reserve-x", s.admin);
            assertThat(pos.status()).as(pos.body()).isEqualTo(200);
            assertThat(pos.json().at("/position/funding/by_source/government").decimalValue()).isEqualByComparingTo("1000.125");
            assertThat(pos.json().at("/position/funding/left").decimalValue()).isEqualByComparingTo("1000.125");
            assertThat(pos.json().get("warnings")).hasSize(1);
            assertThat(pos.json().at("/warnings/0/field").asText()).isEqualTo("events[0].amount");
            assertThat(pos.json().at("/warnings/0/message").asText()).isEqualTo(said);
            TestServer.Response events = s.get("/api/stockpiles/reserve-x/events", s.admin);
            assertThat(events.status()).as(events.body()).isEqualTo(200);
            assertThat(events.json().at("/events/0/amount").decimalValue()).isEqualByComparingTo("1000.125");
            assertThat(events.json().at("/events/0/recorded_by").asText()).isEqualTo("administrator (token #1)");
            assertThat(events.json().at("/warnings/0/message").asText()).isEqualTo(said);
            // a new figure beyond the bounds is still refused
            TestServer.Response more = s.post("/api/stockpiles/reserve-x/events", s.admin, Map.of("expected_events", 1, "events", List.of(
                    Map.of("date", "2026-02-01", "type", "funding", "source", "government", "amount", "5.005"))));
            assertThat(more.status()).as(more.body()).isEqualTo(400);
            assertThat(more.json().at("/error/problems/0/message").asText()).contains("5.005 has a fraction of a cent");
            // and the correction mends it: the position as corrected, nothing more said
            TestServer.Response mended = s.post("/api/stockpiles/reserve-x/events", s.admin, Map.of("expected_events", 1, "events", List.of(
                    Map.of("date", "2026-12-06", "type", "correction", "corrects", 1, "note", "whole cents", "replacement",
                            Map.of("date", "2026-01-05", "type", "funding", "source", "government", "amount", "1000.13")))));
            assertThat(mended.status()).as(mended.body()).isEqualTo(201);
            JsonNode after = s.get("/api/stockpiles/reserve-x", s.admin).json();
            assertThat(after.at("/position/funding/by_source/government").decimalValue()).isEqualByComparingTo("1000.13");
            assertThat(after.get("warnings")).isEmpty();
            assertThat(s.get("/api/stockpiles/reserve-x/events", s.admin).json().at("/events/0/corrected_by").asInt()).isEqualTo(2);
        }
    }

    /**
     * Found upgrading a data directory of schema 6 to 13: a file with 25 repeated line ids, assessed by that server, was said to
     * have {@code duplicate_ids: 0} — schema 12 gave every job already there 0 — and the Bulk page said nothing, while the
     * same file submitted again said 25. Schema 14 counts the job's lines assessed before the check; the job says it.
     */
    @Test
    void aJobAssessedBeforeRepeatedIdsWereLookedForSaysSoInsteadOfNone() {
        BulkJobs.Job old = job(0, 0, 25_000);
        Map<String, Object> said = Api.job(old);
        assertThat(said).containsEntry("duplicate_ids", null).containsEntry("duplicate_ids_unchecked_lines", 25_000L)
                .doesNotContainKey("duplicate_check_stopped_at");
        // one resumed across the upgrade: the repeats of its later lines are counted, but the first ones' are not known
        assertThat(Api.job(job(3, 0, 10_000))).containsEntry("duplicate_ids", null).containsEntry("duplicate_ids_unchecked_lines", 10_000L);
        // every line checked: as before
        assertThat(Api.job(job(25, 0, 0))).containsEntry("duplicate_ids", 25L).doesNotContainKey("duplicate_ids_unchecked_lines");
    }

    private static BulkJobs.Job job(long duplicateIds, long stoppedAt, long unchecked) {
        java.time.Instant t = java.time.Instant.parse("2026-12-05T10:00:00Z");
        return new BulkJobs.Job(1, "k", "abc", "big.csv", "csv", "bundled", "2026.11", BulkJobs.Status.DONE, "ana (token #2)", t, t, t,
                10, 10_000, 3, 25_000, 25_000, 0, 0, new java.math.BigDecimal("100.00"), null, 2L, BulkJobs.KIND_ASSESS, "p",
                duplicateIds, stoppedAt, unchecked, null, null);
    }

    /**
     * Found upgrading a data directory of schema 6: a 600,000-line job begun under the bundled regime 2026.11 (the server
     * killed after 400,000 lines) was resumed by the new server under 2026.12 — the rest of its lines with 2026.12's warnings,
     * the first 400,000 without — and said regime_version 2026.11 of the whole file. A job is not run on under a regime other
     * than the one it was submitted under.
     */
    @Test
    void aJobBegunUnderAnotherRegimeVersionIsNotResumedUnderThisOne() throws Exception {
        java.nio.file.Path dir;
        String admin;
        long id;
        TestServer s = new TestServer();
        try {
            dir = s.keepDataDir();
            admin = s.admin;
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch reached = s.holdBeforeSecondChunk(go);
            String csv = ApiTest.generated(lodestone.regime.Regime.bundled(), 3L, 20_000);
            id = s.upload("/api/bulk-jobs?name=big.csv", admin, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), "k").json().get("id").asLong();
            assertThat(reached.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // as the older server recorded it: the job submitted under its own bundled regime's version
            try (Connection c = OnCallReviewTest.superuser(s); Statement st = c.createStatement()) {
                assertThat(st.executeUpdate("update bulk_job set regime_version = '2026.11',"
                        + " params = '{\"regime\":\"bundled\",\"regime_version\":\"2026.11\",\"format\":\"csv\"}' where id = " + id)).isEqualTo(1);
            }
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    return;
                }
                go.countDown();
            });
            release.start(); // once the stop has begun: the worker stops at that chunk, the job left to resume
        } finally {
            s.close();
        }
        try (TestServer again = new TestServer(dir)) {
            JsonNode job = again.awaitJob(id, admin);
            String now = lodestone.regime.Regime.bundled().version();
            assertThat(job.get("status").asText()).isEqualTo("failed");
            assertThat(job.get("lines_done").asLong()).isEqualTo(10_000);
            assertThat(job.get("error").asText()).isEqualTo("not resumed after 10000 lines: it was submitted under the regime bundled 2026.11"
                    + " and this server now has bundled " + now + " (it was upgraded, or the regime's files changed), and the rest of the"
                    + " file would have been assessed under the new one — two regimes in one result. The file is not at fault: the 10000"
                    + " lines done are kept (partial results), and the file submitted again is assessed whole under " + now);
            assertThat(job.get("partial_results").asText()).isEqualTo("/api/bulk-jobs/" + id + "/results?partial=true");
            assertThat(again.log.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("lodestone: bulk job " + id + " (big.csv) not resumed"
                    + " after 10000 lines: it was submitted under the regime bundled 2026.11").doesNotContain("resuming bulk job " + id);
            // the same file and key again: another job (its regime is part of its identity), assessed whole under this one
            TestServer.Response sub = again.upload("/api/bulk-jobs?name=big.csv", admin,
                    ApiTest.generated(lodestone.regime.Regime.bundled(), 3L, 20_000).getBytes(java.nio.charset.StandardCharsets.UTF_8), "k");
            assertThat(sub.status()).as(sub.body()).isEqualTo(202);
            JsonNode whole = again.awaitJob(sub.json().get("id").asLong(), admin);
            assertThat(whole.get("status").asText()).isEqualTo("done");
            assertThat(whole.get("lines_done").asLong()).isEqualTo(20_000);
            assertThat(whole.get("regime_version").asText()).isEqualTo(now);
        }
    }
}

