package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
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
}
