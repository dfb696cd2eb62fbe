package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stockpile and exposure routes on a running server with its store. */
class ExposureApiTest {
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    static Path repo() {
        String r = System.getProperty("lodestone.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    static TestServer.Response postYaml(String path, String yaml) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(s.url() + path)).header("Content-Type", "application/yaml")
                .header("Authorization", "Bearer " + s.admin).POST(HttpRequest.BodyPublishers.ofString(yaml)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        return new TestServer.Response(r.statusCode(), r.body(), r.headers().map());
    }

    @Test
    void theVaultLedgerIsReadAppendedAtomicallyAndDerivedAgain() {
        JsonNode list = s.get("/api/stockpiles", s.admin).json();
        assertThat(list.get("stockpiles").findValuesAsText("name")).contains("project-vault");
        JsonNode v = s.get("/api/stockpiles/project-vault", s.admin).json();
        assertThat(v.get("position").get("funding").get("drawn").decimalValue()).isEqualByComparingTo("11670000000");
        assertThat(v.get("targets").findValuesAsText("country")).containsExactly("JP", "KR");
        // a batch with one bad event is refused whole, with the event's location
        TestServer.Response bad = s.post("/api/stockpiles/project-vault/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2027-01-05", "type", "release", "mineral", "gallium", "quantity", 1000, "price", 900),
                Map.of("date", "2027-01-06", "type", "release", "mineral", "gallium", "quantity", 50000, "price", 900))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("code").asText()).isEqualTo("invalid_ledger");
        assertThat(bad.json().get("error").get("message").asText())
                .contains("request:1: events[1].quantity: a release of 50000 kg of gallium is larger than the holding, 19000 kg");
        assertThat(s.get("/api/stockpiles/project-vault", s.admin).json().get("stored_events").asInt()).isZero();
        // a good one is written with the bundled events before it, and the position follows
        TestServer.Response ok = s.post("/api/stockpiles/project-vault/events", s.admin, Map.of("expected_events", 20, "events", List.of(
                Map.of("date", "2027-01-05", "type", "release", "mineral", "gallium", "quantity", 1000, "price", 900))));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        JsonNode after = s.get("/api/stockpiles/project-vault", s.admin).json();
        assertThat(after.get("stored_events").asInt()).isEqualTo(21);
        JsonNode ga = after.get("position").get("holdings").get(0);
        assertThat(ga.get("mineral").asText()).isEqualTo("gallium");
        assertThat(ga.get("quantity_kg").decimalValue()).isEqualByComparingTo("19000");
        // an append checked against a stale count is refused
        TestServer.Response stale = s.post("/api/stockpiles/project-vault/events", s.admin, Map.of("expected_events", 20, "events", List.of(
                Map.of("date", "2027-01-06", "type", "release", "mineral", "gallium", "quantity", 1, "price", 900))));
        assertThat(stale.status()).isEqualTo(409);
        JsonNode events = s.get("/api/stockpiles/project-vault/events", s.admin).json().get("events");
        assertThat(events).hasSize(21);
        // who recorded each event: the bundled ledger's own, carried by the first append, and the administrator's
        assertThat(events.get(0).get("recorded_by").asText()).isEqualTo("bundled ledger");
        assertThat(events.get(20).get("recorded_by").asText()).startsWith("administrator (token #");
        assertThat(events.get(20).get("recorded_at").asText()).isNotBlank();
    }

    @Test
    void onlyAdministratorsAppendToALedgerOrStartOneAndEveryoneSeesWhoRecordedEachEvent() {
        // reported: any analyst could append a release zeroing the shared (append-only) Project Vault ledger, or start a ledger
        // every user sees
        String analyst = s.post("/api/tokens", s.admin, Map.of("name", "ana", "role", "analyst")).json().get("secret").asText();
        TestServer.Response zero = s.post("/api/stockpiles/project-vault/events", analyst, Map.of("events", List.of(
                Map.of("date", "2027-02-01", "type", "release", "mineral", "gallium", "quantity", 1, "price", 900))));
        assertThat(zero.status()).isEqualTo(403);
        assertThat(zero.json().get("error").get("message").asText())
                .isEqualTo("only administrators may POST /api/stockpiles/{name}/events; this token's role is analyst");
        TestServer.Response created = s.post("/api/stockpiles/analysts-own/events", analyst, Map.of("events", List.of(
                Map.of("date", "2027-01-01", "type", "funding", "source", "government", "amount", 5))));
        assertThat(created.status()).isEqualTo(403);
        assertThat(s.get("/api/stockpiles", analyst).json().get("stockpiles").findValuesAsText("name")).doesNotContain("analysts-own");
        // an administrator starts one; an analyst reads it, with who recorded each event
        TestServer.Response mine = s.post("/api/stockpiles/admins-own/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2027-01-01", "type", "funding", "source", "government", "amount", 5))));
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        JsonNode ev = s.get("/api/stockpiles/admins-own/events", analyst).json().get("events");
        assertThat(ev).hasSize(1);
        assertThat(ev.get(0).get("recorded_by").asText()).startsWith("administrator (token #");
        assertThat(s.get("/api/openapi.json", null).json().get("paths").get("/api/stockpiles/{name}/events").get("post").get("x-role").asText())
                .isEqualTo("admin");
    }

    @Test
    void expectedEventsIsAWholeCountReadStrictly() {
        // reported: expected_events 1.7 was read as 1 (Jackson's asInt truncates), so an append made on a reading of "1.7
        // events" was written to a ledger of 1; and "1" (a text) answered 409 "has 1 events, not \"1\"", as if the ledger had
        // changed. Each is a 400 at expected_events, nothing written.
        assertThat(s.post("/api/stockpiles/counted/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2026-01-01", "type", "funding", "source", "government", "amount", 5)))).status()).isEqualTo(201);
        for (Object bad : List.of(1.7, "1", -1, true)) {
            TestServer.Response r = s.post("/api/stockpiles/counted/events", s.admin, Map.of("expected_events", bad, "events", List.of(
                    Map.of("date", "2026-01-02", "type", "funding", "source", "government", "amount", 5))));
            assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(r.json().at("/error/field").asText()).isEqualTo("expected_events");
            assertThat(r.json().at("/error/message").asText()).startsWith("expected_events: ");
            assertThat(r.json().at("/error/message").asText()).contains("a whole number of events, 0 or more");
        }
        assertThat(s.get("/api/stockpiles/counted", s.admin).json().get("stored_events").asInt()).isEqualTo(1);
        // a whole number that is not the count is the conflict it was
        assertThat(s.post("/api/stockpiles/counted/events", s.admin, Map.of("expected_events", 0, "events", List.of(
                Map.of("date", "2026-01-02", "type", "funding", "source", "government", "amount", 5)))).status()).isEqualTo(409);
        assertThat(s.post("/api/stockpiles/counted/events", s.admin, Map.of("expected_events", 1, "events", List.of(
                Map.of("date", "2026-01-02", "type", "funding", "source", "government", "amount", 5)))).status()).isEqualTo(201);
    }

    @Test
    void anEventDatedAfterTodayIsWrittenWithAWarningAtItsDate() {
        // reported: an event dated a year ahead (a typo for this year) was appended without a word, and moved the ledger's
        // position, and so the default start of its cover and releases, a year on; the ledger is append-only, so the answer
        // says so at the event's date (a date after today where the day begins first, UTC+14)
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        TestServer.Response now = s.post("/api/stockpiles/dated-ahead/events", s.admin, Map.of("events", List.of(
                Map.of("date", today.toString(), "type", "funding", "source", "government", "amount", 5))));
        assertThat(now.status()).as(now.body()).isEqualTo(201);
        assertThat(now.json().get("warnings")).isEmpty();
        java.time.LocalDate first = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14));
        String ahead = today.plusYears(1).toString();
        TestServer.Response later = s.post("/api/stockpiles/dated-ahead/events", s.admin, Map.of("expected_events", 1, "events", List.of(
                Map.of("date", today.toString(), "type", "carrying-cost", "kind", "storage", "amount", 1),
                Map.of("date", ahead, "type", "carrying-cost", "kind", "storage", "amount", 1))));
        assertThat(later.status()).as(later.body()).isEqualTo(201);
        assertThat(later.json().get("warnings").findValuesAsText("field")).containsExactly("events[1].date");
        assertThat(later.json().get("warnings").get(0).get("message").asText()).isEqualTo("events[1].date: " + ahead + " is after today, "
                + today + " in UTC and " + (first.equals(today) ? "" : first + " ") + "where the day begins first (UTC+14): "
                + "recorded as dated, and the ledger's position is now as of " + ahead
                + "; a ledger records what has happened, and an appended event stays");
    }

    @Test
    void aMistakenEventIsCorrectedByALaterOneAndTheListSaysWhich() {
        // an append-only ledger had no way to mend a typo: 300 t bought where 30 t were stayed in every position for good
        assertThat(s.post("/api/stockpiles/mended/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2026-02-02", "type", "funding", "source", "government", "amount", "50000000"),
                Map.of("date", "2026-04-01", "type", "acquisition", "mineral", "cobalt", "quantity", "300", "unit", "t", "price", "45")))).status())
                .isEqualTo(201);
        assertThat(s.get("/api/stockpiles/mended", s.admin).json().at("/position/funding/left").decimalValue()).isEqualByComparingTo("36500000.00");
        // a correction naming an event after it is refused at corrects, nothing written
        TestServer.Response ahead = s.post("/api/stockpiles/mended/events", s.admin, Map.of("expected_events", 2, "events", List.of(
                Map.of("date", "2026-11-01", "type", "correction", "corrects", 3))));
        assertThat(ahead.status()).as(ahead.body()).isEqualTo(400);
        assertThat(ahead.json().at("/error/problems/0/field").asText()).isEqualTo("events[0].corrects");
        TestServer.Response mended = s.post("/api/stockpiles/mended/events", s.admin, Map.of("expected_events", 2, "events", List.of(
                Map.of("date", "2026-11-01", "type", "correction", "corrects", 2, "note", "300 t keyed for 30 t", "replacement",
                        Map.of("date", "2026-04-01", "type", "acquisition", "mineral", "cobalt", "quantity", "30", "unit", "t", "price", "45")))));
        assertThat(mended.status()).as(mended.body()).isEqualTo(201);
        JsonNode p = mended.json().get("position");
        assertThat(p.get("events").asInt()).isEqualTo(3);
        assertThat(p.at("/funding/left").decimalValue()).isEqualByComparingTo("48650000.00");
        assertThat(p.at("/holdings/0/quantity_kg").decimalValue()).isEqualByComparingTo("30000");
        JsonNode ev = s.get("/api/stockpiles/mended/events", s.admin).json().get("events");
        assertThat(ev.findValuesAsText("number")).containsExactly("1", "2", "3");
        assertThat(ev.get(1).get("corrected_by").asInt()).isEqualTo(3);
        assertThat(ev.get(0).has("corrected_by")).isFalse();
        assertThat(ev.get(2).at("/replacement/quantity").decimalValue()).isEqualByComparingTo("30000");
        assertThat(ev.get(2).get("note").asText()).isEqualTo("300 t keyed for 30 t");
    }

    @Test
    void anAppendToACorrectedLedgerIsRefusedAtItsOwnFieldsOnly() {
        // reported: a replacement dated after the event that follows its place was refused at that event's date (and the
        // correction's); an appended typo drew a "not checked" line at every correction already stored
        assertThat(s.post("/api/stockpiles/mended-twice/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2026-02-02", "type", "funding", "source", "government", "amount", "50000000"),
                Map.of("date", "2026-04-01", "type", "acquisition", "mineral", "gallium", "quantity", "100", "price", "600"),
                Map.of("date", "2026-05-01", "type", "release", "mineral", "gallium", "quantity", "10", "price", "700"),
                Map.of("date", "2026-06-01", "type", "correction", "corrects", 3)))).status()).isEqualTo(201);
        TestServer.Response late = s.post("/api/stockpiles/mended-twice/events", s.admin, Map.of("expected_events", 4, "events", List.of(
                Map.of("date", "2026-06-06", "type", "correction", "corrects", 2, "replacement", // after #4, 2026-06-01 (#3 is struck out)
                        Map.of("date", "2026-06-05", "type", "acquisition", "mineral", "gallium", "quantity", "100", "price", "600")))));
        assertThat(late.status()).as(late.body()).isEqualTo(400);
        assertThat(late.json().at("/error/problems").findValuesAsText("field")).containsExactly("events[0].replacement.date");
        TestServer.Response typo = s.post("/api/stockpiles/mended-twice/events", s.admin, Map.of("expected_events", 4, "events", List.of(
                Map.of("date", "2026-06-02", "type", "release", "mineral", "gallium", "quantity", "1", "unit", "lb", "price", "700"))));
        assertThat(typo.status()).as(typo.body()).isEqualTo(400);
        assertThat(typo.json().at("/error/problems").findValuesAsText("field")).containsExactly("events[0].unit");
    }

    @Test
    void aCorrectionThatLeavesAStoredEventImpossibleIsRefusedAtItsOwnCorrects() {
        // found in the security review of session 24: striking out an acquisition that a stored release or write-off needs was
        // refused at "stockpile NAME event 3:1: [0].quantity" — field "[0].quantity", which is no field of the request, in the
        // words of a file that does not exist, and nothing said that the correction sent was the cause
        assertThat(s.post("/api/stockpiles/struck-need/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2026-02-02", "type", "funding", "source", "government", "amount", "50000000"),
                Map.of("date", "2026-04-01", "type", "acquisition", "mineral", "gallium", "quantity", "100", "price", "600"),
                Map.of("date", "2026-05-01", "type", "write-off", "mineral", "gallium", "quantity", "10", "unit", "kg", "reason", "flood")))).status())
                .isEqualTo(201);
        TestServer.Response struck = s.post("/api/stockpiles/struck-need/events", s.admin, Map.of("expected_events", 3, "events", List.of(
                Map.of("date", "2026-06-01", "type", "funding", "source", "government", "amount", "5"),
                Map.of("date", "2026-06-02", "type", "correction", "corrects", 2))));
        assertThat(struck.status()).as(struck.body()).isEqualTo(400);
        assertThat(struck.json().at("/error/field").asText()).isEqualTo("events[1].corrects");
        assertThat(struck.json().at("/error/problems").findValuesAsText("field")).containsExactly("events[1].corrects");
        assertThat(struck.json().at("/error/problems").findValuesAsText("file")).containsExactly("request");
        assertThat(struck.json().at("/error/problems/0/message").asText()).isEqualTo("request:1: events[1].corrects: with #2 struck out,"
                + " the ledger's event #3 cannot stand: #3.quantity: a write-off of 10 kg of gallium is larger than the holding, 0 kg;"
                + " correct #3 as well in the same request, or correct #2 otherwise");
        // replaced by less than the stored write-off needs: said the same way
        TestServer.Response less = s.post("/api/stockpiles/struck-need/events", s.admin, Map.of("expected_events", 3, "events", List.of(
                Map.of("date", "2026-06-02", "type", "correction", "corrects", 2, "replacement",
                        Map.of("date", "2026-04-01", "type", "acquisition", "mineral", "gallium", "quantity", "4", "price", "600")))));
        assertThat(less.status()).as(less.body()).isEqualTo(400);
        assertThat(less.json().at("/error/problems").findValuesAsText("field")).containsExactly("events[0].corrects");
        assertThat(less.json().at("/error/problems/0/message").asText()).isEqualTo("request:1: events[0].corrects: with #2 replaced,"
                + " the ledger's event #3 cannot stand: #3.quantity: a write-off of 10 kg of gallium is larger than the holding, 4 kg;"
                + " correct #3 as well in the same request, or correct #2 otherwise");
        // and correcting both at once is accepted
        TestServer.Response both = s.post("/api/stockpiles/struck-need/events", s.admin, Map.of("expected_events", 3, "events", List.of(
                Map.of("date", "2026-06-02", "type", "correction", "corrects", 2),
                Map.of("date", "2026-06-02", "type", "correction", "corrects", 3))));
        assertThat(both.status()).as(both.body()).isEqualTo(201);
        assertThat(both.json().at("/position/events").asInt()).isEqualTo(5);
    }

    @Test
    void aPricePerTonneKeyedAsPerKgIsRecordedWithAWarningAtItsField() {
        TestServer.Response r = s.post("/api/stockpiles/per-tonne/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2026-01-01", "type", "funding", "source", "government", "amount", "10000000000"),
                Map.of("date", "2026-03-16", "type", "acquisition", "mineral", "gallium", "quantity", "15", "unit", "t", "price", "580000"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("warnings").findValuesAsText("field")).containsExactly("events[1].price");
        assertThat(r.json().at("/warnings/0/message").asText()).isEqualTo("events[1].price: 580000 USD/kg is 1,000 times above the "
                + "reference price of gallium in the gallium market, 580 USD/kg: a ledger's prices are USD per kg (a price per tonne is a "
                + "thousand times one per kg); recorded as given");
        // a ledger file of one's own says the same at its line
        JsonNode f = s.post("/api/stockpile-files", s.admin, Map.of("file", Map.of("name", "mine.yaml", "text", """
                stockpile: mine
                events:
                  - {date: 2026-01-01, type: funding, source: government, amount: 10000000000}
                  - {date: 2026-03-16, type: acquisition, mineral: gallium, quantity: 15, unit: t, price: 580000}
                """))).json();
        assertThat(f.get("warnings").findValuesAsText("message")).singleElement().asString()
                .startsWith("mine.yaml:4: events[1].price: 580000 USD/kg is 1,000 times above");
    }

    @Test
    void anAppendedEventCitesOneOfTheStoredLedgersSources() {
        // reported: an event appended through the API with source_ref 'S9' was stored, though the ledger names no S9 (a ledger
        // file with the same event is refused at its place)
        TestServer.Response unknown = s.post("/api/stockpiles/project-vault/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2027-03-01", "type", "funding", "source", "government", "amount", 5, "source_ref", "S9"))));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("invalid_ledger");
        JsonNode problem = unknown.json().get("error").get("problems").get(0);
        assertThat(problem.get("field").asText()).isEqualTo("events[0].source_ref");
        assertThat(problem.get("message").asText()).isEqualTo("request:1: events[0].source_ref: 'S9' is not one of this ledger's sources; expected one of S1, S2, S3, S4");
        assertThat(s.get("/api/stockpiles/project-vault/events", s.admin).json().get("events").findValuesAsText("source_ref")).doesNotContain("S9");
        // (one of its sources is accepted and kept: StockpileAppendBrowserTest, which appends citing S2; not here, where the
        // other tests count the stored events)
        // a ledger started through the API lists no sources: a citation goes in the note
        TestServer.Response bare = s.post("/api/stockpiles/cited-nowhere/events", s.admin, Map.of("events", List.of(
                Map.of("date", "2027-03-01", "type", "funding", "source", "government", "amount", 5, "source_ref", "S1"))));
        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.json().get("error").get("problems").get(0).get("message").asText())
                .isEqualTo("request:1: events[0].source_ref: 'S1' is not one of this ledger's sources; this ledger lists none (cite the "
                        + "source in the event's note instead)");
        assertThat(s.get("/api/stockpiles", s.admin).json().get("stockpiles").findValuesAsText("name")).doesNotContain("cited-nowhere");
    }

    @Test
    void aReleaseRequestIsReadStrictly() {
        String url = "/api/stockpiles/project-vault/release";
        // reported: "total" (the name the error messages used) was ignored and 59,415 kg released instead of 5,000
        TestServer.Response total = s.post(url, s.admin, Map.of("mineral", "gallium", "disruption", "gallium-ban", "months", 13, "total", 5000));
        assertThat(total.status()).isEqualTo(400);
        assertThat(total.json().get("error").get("field").asText()).isEqualTo("total");
        assertThat(total.json().get("error").get("message").asText()).isEqualTo("total: unknown key; expected only mineral, disruption, disruption_text, months, "
                + "start, rule, total_kg, country, allies, as_of (the quantity to release is total_kg, in kg)");
        // reported: "months": true was read as 1, 13.9 as 13, an ally's 60.9 days as 60, an unknown ally dropped
        assertThat(error(s.post(url, s.admin, "{\"mineral\": \"gallium\", \"disruption\": \"gallium-ban\", \"months\": true}")))
                .isEqualTo("months: expected a whole number of months from 1 to 120, found true");
        assertThat(error(s.post(url, s.admin, "{\"mineral\": \"gallium\", \"disruption\": \"gallium-ban\", \"months\": 13.9}")))
                .isEqualTo("months: expected a whole number of months from 1 to 120, found 13.9");
        assertThat(error(s.post(url, s.admin, "{\"mineral\": \"gallium\", \"disruption\": \"gallium-ban\", \"allies\": {\"JP\": 60.9}}")))
                .isEqualTo("allies.JP: expected a positive whole number of days, found 60.9");
        assertThat(error(s.post(url, s.admin, Map.of("mineral", "gallium", "disruption", "gallium-ban", "allies", Map.of("XX", 60)))))
                .isEqualTo("allies.XX: 'XX' is not a country of the regime; expected an ISO alpha-2 code (e.g. US, JP, KR)");
        // the stockpile's own country as an ally: refused at it (it was a second US holding, invented beside the ledger's)
        TestServer.Response own = s.post(url, s.admin, Map.of("mineral", "gallium", "disruption", "gallium-ban", "allies", Map.of("US", 60)));
        assertThat(own.json().at("/error/field").asText()).isEqualTo("allies.US");
        assertThat(error(own)).isEqualTo("allies.US: US is the stockpile's own country (country: US), whose holding is the ledger's; "
                + "an ally is another country");
        assertThat(error(s.post(url, s.admin, Map.of("mineral", "gallium", "disruption", "gallium-ban", "total_kg", "5000"))))
                .isEqualTo("total_kg: expected a positive number of kg, found \"5000\"");
        assertThat(error(s.post(url, s.admin, Map.of("mineral", "gallium", "disruption", "gallium"))))
                .isEqualTo("disruption: gallium is not a disruption: its market restricts no exports (no export ban, quota or tax); "
                        + "disruptions: gallium-ban, gallium-ban-stockpile, germanium-ban-us, germanium-ban");
        // total_kg is taken as given, and as_of (the command line's --as-of) sets the position and the default start
        TestServer.Response ok = s.post(url, s.admin, Map.of("mineral", "gallium", "disruption", "gallium-ban", "months", 13, "total_kg", 5000,
                "as_of", "2026-06-30"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("total_released_kg").asDouble()).isEqualTo(5000.0);
        assertThat(ok.json().get("start").asText()).isEqualTo("2026-06-30");
        assertThat(ok.json().get("shares").get(0).get("basis").asText()).isEqualTo("ledger project-vault as of 2026-06-30");
    }

    @Test
    void coverRefusesWhatItCannotAnswer() {
        String url = "/api/stockpiles/project-vault/cover";
        assertThat(error(s.get(url + "?region=XX", s.admin))).startsWith("region: 'XX' is not a country of the regime");
        assertThat(error(s.get(url + "?months=14", s.admin))).isEqualTo("months: the length of a disruption; give disruption too (or leave months out)");
        assertThat(error(s.get(url + "?disruption=ndpr", s.admin))).startsWith("disruption: ndpr is not a disruption");
        assertThat(error(s.get(url + "?disruption=gallium-ban&start=2020-01-01", s.admin)))
                .startsWith("start: 2020-01-01 is before the ledger's position date ");
    }

    static String error(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().get("error").get("message").asText();
    }

    @Test
    void coverAndReleaseThroughTheApi() {
        JsonNode cover = s.get("/api/stockpiles/project-vault/cover?disruption=gallium-ban&months=13&start=2027-01-01", s.admin).json();
        JsonNode ga = cover.get("lines").get(0);
        assertThat(ga.get("mineral").asText()).isEqualTo("gallium");
        assertThat(ga.get("months_of_cover").asDouble()).isCloseTo(ga.get("holding_kg").asDouble() / ga.get("monthly_imports_kg").asDouble(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ga.get("disruption").get("scenario").asText()).isEqualTo("gallium-ban");
        TestServer.Response rel = s.post("/api/stockpiles/project-vault/release", s.admin,
                Map.of("mineral", "gallium", "disruption", "gallium-ban", "months", 13, "rule", "holdings", "total_kg", 10000));
        assertThat(rel.status()).as(rel.body()).isEqualTo(200);
        assertThat(rel.json().get("path")).hasSize(13);
        assertThat(rel.json().get("total_released_kg").asDouble()).isCloseTo(10000, org.assertj.core.data.Offset.offset(1e-6));
        TestServer.Response badRule = s.post("/api/stockpiles/project-vault/release", s.admin,
                Map.of("mineral", "gallium", "disruption", "gallium-ban", "rule", "lottery"));
        assertThat(badRule.status()).isEqualTo(400);
        assertThat(badRule.json().get("error").get("field").asText()).isEqualTo("rule");
    }

    @Test
    void exposureAnswersAsTheEngineAndRefusesBadFiles() throws Exception {
        String yaml = Files.readString(repo().resolve("examples/exposure/magnet-maker.yaml"));
        TestServer.Response r = postYaml("/api/exposure?scenario=ndpr-floor-110&name=magnet-maker.yaml", yaml);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("scenarios").findValuesAsText("")).isEmpty();
        assertThat(j.get("totals").get("today").decimalValue()).isEqualByComparingTo("23727939.00");
        assertThat(j.get("totals").get("ndpr-floor-110").decimalValue()).isGreaterThan(j.get("totals").get("today").decimalValue());
        assertThat(j.get("warnings")).extracting(JsonNode::asText).noneMatch(w -> w.contains("is a path of years"));
        // a path scenario is priced in its first year, and the answer says so (reported: silently the base year)
        JsonNode path = postYaml("/api/exposure?scenario=market%3Dndpr-2025-2040,label%3Dpath&name=magnet-maker.yaml", yaml).json();
        assertThat(path.get("warnings")).extracting(JsonNode::asText).contains("path: the market ndpr-2025-2040 is a path of years "
                + "2025-2040; exposure prices its first year, 2025, as the file describes the market, without the path's growth, "
                + "bans, stockpile releases or projects. To cost the company on the path year by year, evaluate it with years "
                + "(lodestone exposure --years 2027-2030 --scenario ndpr-2025-2040; the API's POST /api/exposure/years; the Exposure "
                + "page's Years field)");
        TestServer.Response csv = postYaml("/api/exposure/report?format=csv&scenario=ndpr-floor-110", yaml);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).hasSize(1 + j.get("lines").size());
        TestServer.Response html = postYaml("/api/exposure/report", yaml);
        assertThat(html.headers().get("content-type").get(0)).startsWith("text/html");
        assertThat(html.body()).contains("data-figure=\"total\">23727939.00<");
        TestServer.Response bad = postYaml("/api/exposure?name=x.yaml", "company: X\nsourcing:\n  - {id: a, origin: CN, hts: 9999.99, quantity: 1, price: 1}\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("code").asText()).isEqualTo("invalid_company_file");
        assertThat(bad.json().get("error").get("message").asText()).contains("x.yaml:3: sourcing[0].hts: unknown HTS code '9999.99'");
        assertThat(s.get("/api/openapi.json", null).body()).contains("/api/exposure").contains("/api/stockpiles/{name}/release");
    }

    @Test
    void aMarketScenarioOfTheUsersOwnIsSentAsTextBesideTheCompanyFile() {
        // reported: exposure took only bundled market names, so a DRC cobalt quota of one's own could not be priced through the API.
        // The two-region market: baseline 10p = 1000 - 10p, p = 50; the quota of 300 t: p_US = 70; the line moves by 70/50 for its
        // share 0.5: 40 × 1.2 = 48 a kg, 1,000 kg: $48,000 + the 0.1 % general duty $48
        Map<String, Object> body = RouteShapes.ExposureRequest.EXAMPLE;
        TestServer.Response r = s.post("/api/exposure?alternatives=false", s.admin, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode t = r.json();
        // named by no scenario=: evaluated as a scenario of its own, labelled by its name
        assertThat(t.get("totals").get("today").decimalValue()).isEqualByComparingTo("40040.00");
        assertThat(t.get("totals").get("drc-cobalt-quota.yaml").decimalValue()).isEqualByComparingTo("48048.00");
        // named by a scenario=, with settings: from 2026-09-02, six months at 40 and six at 48
        TestServer.Response from = s.post("/api/exposure?alternatives=false&scenario=market%3Ddrc-cobalt-quota.yaml%2Cfrom%3D2026-09-02%2Clabel%3Dsept",
                s.admin, body);
        assertThat(from.status()).as(from.body()).isEqualTo(200);
        assertThat(from.json().get("totals").get("sept").decimalValue()).isEqualByComparingTo("44044.00");
        assertThat(from.json().get("totals").has("drc-cobalt-quota.yaml")).isFalse();
    }

    @Test
    void aMarketScenarioOfTheUsersOwnThatIsWrongIsRefusedAtItsLines() {
        String bad = RouteShapes.ExposureRequest.MARKET.replace("quantity: 300}", "quantity: -5}");
        TestServer.Response r = s.post("/api/exposure", s.admin, Map.of("file", Map.of("text", RouteShapes.ExposureRequest.COMPANY),
                "markets", List.of(Map.of("name", "quota.yaml", "text", bad))));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        JsonNode e = r.json().get("error");
        assertThat(e.get("code").asText()).isEqualTo("invalid_scenario");
        assertThat(e.get("field").asText()).isEqualTo("markets[0].text");
        JsonNode p = e.get("problems").get(0);
        assertThat(p.get("file").asText()).isEqualTo("quota.yaml");
        assertThat(p.get("line").asInt()).isEqualTo(12);
        assertThat(p.get("field").asText()).isEqualTo("policies[0].quantity");
        assertThat(p.get("message").asText()).isEqualTo("quota.yaml:12: policies[0].quantity: expected a number ≥ 0, found -5");
        // a bundled scenario's name is not taken for one's own; an unknown key is refused naming it
        TestServer.Response named = s.post("/api/exposure", s.admin, Map.of("file", Map.of("text", RouteShapes.ExposureRequest.COMPANY),
                "markets", List.of(Map.of("name", "cobalt", "text", RouteShapes.ExposureRequest.MARKET))));
        assertThat(named.status()).isEqualTo(400);
        assertThat(named.json().at("/error/message").asText())
                .isEqualTo("markets[0].name: cobalt is the name of a bundled scenario; give your own scenario another name");
        TestServer.Response key = s.post("/api/exposure", s.admin, Map.of("file", Map.of("text", RouteShapes.ExposureRequest.COMPANY), "scenarios", 1));
        assertThat(key.status()).isEqualTo(400);
        assertThat(key.json().at("/error/message").asText()).isEqualTo("scenarios: unknown key; expected file, markets");
        // one without an equilibrium: no price clears a US demand that does not fall, with its only supplier banned
        String none = RouteShapes.ExposureRequest.MARKET.replace("intercept: 1000, slope: -10", "intercept: 1000, slope: 0")
                .replace("{type: export_quota, region: CD, quantity: 300}", "{type: export_ban, region: CD}");
        TestServer.Response n = s.post("/api/exposure", s.admin, Map.of("file", Map.of("text", RouteShapes.ExposureRequest.COMPANY),
                "markets", List.of(Map.of("name", "none.yaml", "text", none))));
        assertThat(n.status()).isEqualTo(422);
        assertThat(n.json().at("/error/message").asText()).startsWith("none.yaml: the market drc-cobalt-quota has no equilibrium: no equilibrium found:");
        // on another mineral than the lines': said
        TestServer.Response ni = s.post("/api/exposure?alternatives=false", s.admin, Map.of("file", Map.of("text", RouteShapes.ExposureRequest.COMPANY),
                "markets", List.of(Map.of("name", "ni.yaml", "text", RouteShapes.ExposureRequest.MARKET.replace("mineral: cobalt", "mineral: nickel")))));
        assertThat(ni.status()).as(ni.body()).isEqualTo(200);
        assertThat(ni.json().get("warnings").get(0).asText())
                .isEqualTo("ni.yaml: the market ni.yaml trades nickel, but the lines linked to a market follow cobalt: its prices change nothing here");
    }

    @Test
    void aReleaseInADisruptionOfTheUsersOwnSentAsText() {
        // the bundled gallium ban sent as one's own text: the bundled one's release, figure for figure
        Map<String, Object> asked = Map.of("mineral", "gallium", "disruption", "gallium-ban", "months", 13, "total_kg", 10000);
        TestServer.Response bundled = s.post("/api/stockpiles/project-vault/release", s.admin, asked);
        TestServer.Response own = s.post("/api/stockpiles/project-vault/release", s.admin, Map.of("mineral", "gallium", "disruption", "my-ban.yaml",
                "disruption_text", lodestone.market.Scenario.bundledText("gallium-ban"), "months", 13, "total_kg", 10000));
        assertThat(bundled.status()).as(bundled.body()).isEqualTo(200);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().get("shares")).isNotNull().isEqualTo(bundled.json().get("shares"));
        assertThat(own.json().get("prices_usd_per_kg")).isNotNull().isEqualTo(bundled.json().get("prices_usd_per_kg"));
        assertThat(own.json().get("disruption").asText()).isEqualTo("my-ban.yaml");
        // a wrong text: at its line
        TestServer.Response bad = s.post("/api/stockpiles/project-vault/release", s.admin, Map.of("mineral", "cobalt", "disruption", "drc.yaml",
                "disruption_text", "scenario: drc\ndescription: x\nbaseline: cobalt\npolicies:\n  - {type: export_quota, region: CD, quantity: -1}\n"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json().at("/error/field").asText()).isEqualTo("disruption_text");
        assertThat(bad.json().at("/error/problems/0/message").asText()).isEqualTo("drc.yaml:5: policies[0].quantity: expected a number ≥ 0, found -1");
    }

    /**
     * A budget year by year: the one-line company of ExposureYearsTest (1,200 kg of NdPr oxide at the baseline path's 2026 US price,
     * all of it following the market) costs 1,200 × the path's price each year: 132,000 under the floor path in 2027, where the US
     * price is the floor of 110. A scenario that is one equilibrium and years without a price are refused at their parameter.
     */
    @Test
    void exposureYearByYearAnswersTheEnginesFiguresAndRefusesWhatItCannotPrice() throws Exception {
        String company = """
                company: One Line Oxides (illustrative)
                date: 2026-03-02
                sourcing:
                  - {id: ndpr-jp, origin: JP, hts: 2846.90.20.15, quantity: 1200, unit: kg, price: 72.273167, incoterm: CIF,
                     market: {scenario: ndpr, share: 1}}
                """;
        TestServer.Response r = postYaml("/api/exposure/years?years=2027-2028&scenario=ndpr-2025-2040", company);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var j = r.json();
        assertThat(j.get("years").toString()).isEqualTo("{\"from\":2027,\"to\":2028,\"fiscal_start\":null,\"periods\":["
                + "{\"year\":2027,\"label\":\"2027\",\"first_month\":\"2027-01\",\"last_month\":\"2027-12\"},"
                + "{\"year\":2028,\"label\":\"2028\",\"first_month\":\"2028-01\",\"last_month\":\"2028-12\"}]}");
        assertThat(j.get("totals").toString()).isEqualTo("{\"baseline\":{\"2027\":84296.09,\"2028\":82373.52},"
                + "\"ndpr-2025-2040\":{\"2027\":132000.0,\"2028\":132000.0}}");
        assertThat(j.get("market_prices").get(1).get("us_price").toString()).isEqualTo("{\"2027\":110,\"2028\":110}");
        assertThat(j.get("lines").get(0).get("average_price").asText()).isEqualTo("70.246744");
        assertThat(j.get("warnings").get(0).asText()).startsWith("baseline, ndpr-2025-2040: regime horizon: the border from 2027-01-02 is after 2026-10-07");
        TestServer.Response one = postYaml("/api/exposure/years?years=2027-2028&scenario=ndpr-floor-110", company);
        assertThat(one.status()).isEqualTo(400);
        assertThat(one.json().get("error").get("field").asText()).isEqualTo("scenario");
        assertThat(one.json().get("error").get("message").asText()).startsWith("ndpr-floor-110: the market ndpr-floor-110 is one equilibrium, not a path of years");
        TestServer.Response late = postYaml("/api/exposure/years?years=2040-2041", company);
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().get("error").get("field").asText()).isEqualTo("years");
        assertThat(late.json().get("error").get("message").asText()).isEqualTo("baseline: years 2040-2041 are outside the path of ndpr-2025-2040, "
                + "2025-2040 (its horizon.years): the model has no price for 2041 on");
        TestServer.Response none = postYaml("/api/exposure/years", company);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("error").get("message").asText()).isEqualTo("years: missing; expected FIRST-LAST calendar years, e.g. 2027-2030, "
                + "or fiscal years with fiscal_start, e.g. FY2028-FY2030 and fiscal_start=10");
        // fiscal years from October: FY2028 = 2027-10 to 2028-09, three months at 2027's 70.246744 and nine at 2028's 68.644597 (by hand in
        // ExposureYearsTest): $82,854.16; its cheapest alternative Australia, 0.50 a kg less on the baseline path: $82,254.16
        TestServer.Response fy = postYaml("/api/exposure/years?years=FY2028&fiscal_start=october", company);
        assertThat(fy.status()).as(fy.body()).isEqualTo(200);
        assertThat(fy.json().get("years").toString()).isEqualTo("{\"from\":2028,\"to\":2028,\"fiscal_start\":10,\"periods\":["
                + "{\"year\":2028,\"label\":\"FY2028\",\"first_month\":\"2027-10\",\"last_month\":\"2028-09\"}]}");
        assertThat(fy.json().at("/totals/baseline/2028").decimalValue()).isEqualByComparingTo("82854.16");
        assertThat(fy.json().at("/lines/0/market_price").decimalValue()).isEqualByComparingTo("69.045134");
        assertThat(fy.json().at("/lines/0/cheapest_alternative/origin").asText()).isEqualTo("AU");
        assertThat(fy.json().at("/lines/0/cheapest_alternative/landed_cost").decimalValue()).isEqualByComparingTo("82254.16");
        assertThat(fy.json().at("/lines/0/cheapest_alternative/saving").decimalValue()).isEqualByComparingTo("600.00");
        TestServer.Response noAlt = postYaml("/api/exposure/years?years=FY2028&fiscal_start=10&alternatives=false", company);
        assertThat(noAlt.json().at("/lines/0/cheapest_alternative").isNull()).isTrue();
        TestServer.Response thirteen = postYaml("/api/exposure/years?years=FY2028&fiscal_start=13", company);
        assertThat(thirteen.status()).isEqualTo(400);
        assertThat(thirteen.json().at("/error/field").asText()).isEqualTo("fiscal_start");
        assertThat(thirteen.json().at("/error/message").asText()).isEqualTo("fiscal_start: 13 is not a month; expected 1 to 12, or a month's name "
                + "(10 or october: fiscal years from October to September)");
        TestServer.Response x = postYaml("/api/exposure/years?years=FY20x&fiscal_start=10", company);
        assertThat(x.json().at("/error/field").asText()).isEqualTo("years");
        assertThat(x.json().at("/error/message").asText()).startsWith("years: 'FY20x' is not FIRST-LAST years");
        TestServer.Response noStart = postYaml("/api/exposure/years?years=FY2028", company);
        assertThat(noStart.json().at("/error/message").asText()).isEqualTo("years: FY2028 names fiscal years; say the month they start in "
                + "(fiscal_start=10 or october for October to September, FY2028 = 2027-10 to 2028-09), or give calendar years (2028)");
        TestServer.Response past = postYaml("/api/exposure/years?years=FY2041&fiscal_start=10", company);
        assertThat(past.json().at("/error/field").asText()).isEqualTo("years");
        assertThat(past.json().at("/error/message").asText()).isEqualTo("baseline: years FY2041 (2040-10 to 2041-09) are outside the path of "
                + "ndpr-2025-2040, 2025-2040 (its horizon.years): the model has no price for 2041 on");
        TestServer.Response alone = postYaml("/api/exposure/report?format=csv&fiscal_start=10", company);
        assertThat(alone.status()).isEqualTo(400);
        assertThat(alone.json().at("/error/field").asText()).isEqualTo("fiscal_start");
    }

    @Test
    void aCoverInADisruptionOfTheUsersOwnSentAsText() {
        // reported: cover took only a bundled disruption's name (GET …/cover?disruption=), so a disruption of one's own could not be asked
        String url = "/api/stockpiles/project-vault/cover";
        JsonNode bundled = s.get(url + "?disruption=gallium-ban&months=13", s.admin).json();
        TestServer.Response own = s.post(url, s.admin, Map.of("disruption", "my-ban.yaml", "disruption_text",
                lodestone.market.Scenario.bundledText("gallium-ban"), "months", 13));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.body().replace("my-ban.yaml", "gallium-ban")).isEqualTo(bundled.toString());
        // a 60 % Chinese gallium cut for 9 months, for Japan's imports: 106.820 t a year at the baseline, 84.280 under the cut (its
        // price 584.57 → 1,726.32 USD/kg, demand elasticity −0.2; lodestone simulate); a shortfall of 22,540.6 kg / 12 = 1,878.38 kg
        // a month, which the Vault's bundled 20,000 kg cover for 20,000 / 1,878.38 = 10.65 months: they last the 9 months (this class's
        // other tests record releases in the Vault's ledger: its holding as it is now)
        TestServer.Response jp = s.post(url, s.admin, RouteShapes.CoverRequest.EXAMPLE);
        assertThat(jp.status()).as(jp.body()).isEqualTo(200);
        JsonNode ga = jp.json().at("/lines/0");
        assertThat(jp.json().get("region").asText()).isEqualTo("JP");
        assertThat(ga.at("/disruption/scenario").asText()).isEqualTo("ga-cut60.yaml");
        assertThat(ga.at("/disruption/months").asInt()).isEqualTo(9);
        assertThat(ga.at("/disruption/shortfall_kg_per_month").doubleValue()).isCloseTo(1878.381, org.assertj.core.api.Assertions.within(1e-3));
        assertThat(ga.at("/disruption/months_of_cover").doubleValue()).isEqualTo(ga.get("holding_kg").doubleValue() / ga.at("/disruption/shortfall_kg_per_month").doubleValue())
                .isGreaterThan(9);
        assertThat(ga.at("/disruption/lasts_the_disruption").asBoolean()).isTrue();
        // every problem at its line; a file on a mineral the ledger does not hold, on another market, refused saying so
        TestServer.Response bad = s.post(url, s.admin, Map.of("disruption", "drc.yaml",
                "disruption_text", "scenario: drc\ndescription: x\nbaseline: cobalt\npolicies:\n  - {type: export_quota, region: CD, quantity: -1}\n"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json().at("/error/field").asText()).isEqualTo("disruption_text");
        assertThat(bad.json().at("/error/problems/0/message").asText()).isEqualTo("drc.yaml:5: policies[0].quantity: expected a number ≥ 0, found -1");
        TestServer.Response two = s.post(url, s.admin, Map.of("disruption", "two.yaml", "disruption_text", RouteShapes.ExposureRequest.MARKET));
        assertThat(error(two)).isEqualTo("disruption: the scenario two.yaml has the regions CD, US, not those of the bundled cobalt market "
                + "(CD, ID, RU, CN, US, EU27, JK, ROW) whose imports the cover is set against: write the disruption on it (baseline: cobalt, with its policies)");
        assertThat(error(s.post(url, s.admin, Map.of("disruption", "gallium-ban", "region", "JP", "total_kg", 5))))
                .isEqualTo("total_kg: unknown key; expected only disruption, disruption_text, months, start, region, as_of");
        // a file's name where a bundled name is taken: said how one's own is sent (the server reads no file a request names)
        assertThat(error(s.get(url + "?disruption=my-cut.yaml", s.admin))).startsWith("disruption: my-cut.yaml: no bundled scenario of that name (bundled: ")
                .endsWith("; a disruption of your own is sent as its text, disruption_text in the body (POST /api/stockpiles/{name}/cover or "
                        + "…/release), never as a file's name");
        assertThat(error(s.post(url, s.admin, Map.of("months", 9)))).isEqualTo("months: the length of a disruption; give disruption too (or leave months out)");
        assertThat(error(s.post(url, s.admin, Map.of("disruption", "gallium-ban", "months", 121))))
                .isEqualTo("months: expected a whole number of months from 1 to 120, found 121");
        // a ledger file of one's own with the disruption's text beside it: the small reserve's 10,000 kg cover 10,000 / 1,878.38 =
        // 5.32 months of Japan's shortfall, and run out on 2026-02-01 + 5.3237 × 30.4375 = 162 days, 2026-07-13
        Map<String, Object> small = Map.of("name", "small-reserve.yaml", "text", RouteShapes.LedgerFile.EXAMPLE_TEXT);
        TestServer.Response f = s.post("/api/stockpile-files/cover?region=JP&months=9", s.admin,
                Map.of("file", small, "disruption", "ga-cut60.yaml", "disruption_text", RouteShapes.CoverRequest.GALLIUM_CUT));
        assertThat(f.status()).as(f.body()).isEqualTo(200);
        assertThat(f.json().at("/lines/0/disruption/months_of_cover").doubleValue()).isCloseTo(5.3237, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(f.json().at("/lines/0/disruption/runs_out").asText()).isEqualTo("2026-07-13");
        assertThat(f.json().at("/lines/0/disruption/lasts_the_disruption").asBoolean()).isFalse();
        assertThat(error(s.post("/api/stockpile-files/cover?disruption=gallium-ban", s.admin,
                Map.of("file", small, "disruption_text", RouteShapes.CoverRequest.GALLIUM_CUT))))
                .isEqualTo("disruption: named in the query (gallium-ban) and sent as disruption_text in the body; give one (the text's name in the body's disruption)");
        assertThat(error(s.post("/api/stockpile-files/cover", s.admin, Map.of("file", small, "disruption", "gallium-ban"))))
                .isEqualTo("disruption: in the body, the name of disruption_text, which is missing; a bundled disruption is named in the query (?disruption=gallium-ban)");
        TestServer.Response cobalt = s.post("/api/stockpile-files/cover", s.admin, Map.of("file", small, "disruption_text",
                "scenario: drc\ndescription: x\nbaseline: cobalt\npolicies:\n  - {type: export_quota, region: CD, quantity: 115000}\n"));
        assertThat(error(cobalt)).isEqualTo("disruption: the scenario disruption.yaml is a market for cobalt, and the ledger my-reserve holds none "
                + "of it on 2026-02-01 (it holds gallium): there is no cover to compute under it");
    }
}
