package lodestone.exposure.stockpile;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Corrections of an append-only ledger: a mistaken event is struck out or replaced in its place by a later correction event,
 * and the ledger is derived as corrected — the same position, at every date, as the ledger recorded right the first time.
 */
class StockpileCorrectionTest {
    static final Set<String> MINERALS = Set.of("gallium", "cobalt");

    static final String HEAD = """
            stockpile: c
            events:
              - {date: 2026-02-02, type: funding, source: government, amount: 50000000}
            """;

    static Position derive(String body, LocalDate asOf) throws StockpileException {
        StockpileFile f = StockpileFile.parse("c.yaml", HEAD + body);
        return StockpileLedger.derive("c", f.events(), asOf, MINERALS);
    }

    static List<String> problems(String body) {
        StockpileFile.Read r = StockpileFile.read("c.yaml", HEAD + body);
        try {
            StockpileLedger.derive("c", r.file().events(), null, MINERALS, r.problems());
            return List.of();
        } catch (StockpileException e) {
            return e.problems().stream().map(Object::toString).toList();
        }
    }

    @Test
    void aReplacedEventDerivesAsTheLedgerRecordedRight() throws Exception {
        // 300 t keyed for 30 t of cobalt at 45 USD/kg: 13.5 M USD spent where 1.35 M was
        String wrong = """
                  - {date: 2026-04-01, type: acquisition, mineral: cobalt, form: metal, quantity: 300, unit: t, price: 45}
                  - {date: 2026-05-01, type: release, mineral: cobalt, quantity: 10000, price: 50}
                  - {date: 2026-12-06, type: correction, corrects: 2, note: 300 t keyed for 30 t,
                     replacement: {date: 2026-04-01, type: acquisition, mineral: cobalt, form: metal, quantity: 30, unit: t, price: 45}}
                """;
        String right = """
                  - {date: 2026-04-01, type: acquisition, mineral: cobalt, form: metal, quantity: 30, unit: t, price: 45}
                  - {date: 2026-05-01, type: release, mineral: cobalt, quantity: 10000, price: 50}
                """;
        Position corrected = derive(wrong, null), recorded = derive(right, null);
        // 30,000 kg for 1,350,000.00; the release of 10,000 removes 450,000.00 and brings 500,000.00
        assertThat(corrected.holding("cobalt").quantityKg()).isEqualByComparingTo("20000");
        assertThat(corrected.holding("cobalt").costBasis()).isEqualByComparingTo("900000.00");
        assertThat(corrected.holding("cobalt").realisedGain()).isEqualByComparingTo("50000.00");
        assertThat(corrected.fundingLeft()).isEqualByComparingTo("49150000.00");
        assertThat(corrected.holdings()).isEqualTo(recorded.holdings());
        assertThat(corrected.fundingLeft()).isEqualByComparingTo(recorded.fundingLeft());
        // every event recorded is counted, the mistaken one and its correction too (the count an append is checked against)
        assertThat(corrected.events()).isEqualTo(4);
        assertThat(corrected.asOf()).isEqualTo(LocalDate.of(2026, 12, 6));
        // a position at a date before the correction was recorded is read as corrected too: a correction mends the record
        Position inMay = derive(wrong, LocalDate.of(2026, 5, 31));
        assertThat(inMay.holding("cobalt").quantityKg()).isEqualByComparingTo("20000");
        assertThat(inMay.events()).isEqualTo(3);
    }

    @Test
    void anEventStruckOutIsLeftOutAndTheLatestCorrectionStands() throws Exception {
        String body = """
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-03-02, type: correction, corrects: 3, note: recorded twice}
                """;
        Position p = derive(body, null);
        assertThat(p.holding("gallium").quantityKg()).isEqualByComparingTo("100");
        assertThat(p.fundingLeft()).isEqualByComparingTo("49940000.00");
        // a second correction of #3 replaces the first: it was a purchase of 50 kg after all
        Position again = derive(body + """
                  - {date: 2026-03-03, type: correction, corrects: 3, replacement: {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 50, price: 600}}
                """, null);
        assertThat(again.holding("gallium").quantityKg()).isEqualByComparingTo("150");
        assertThat(StockpileLedger.correctedBy(StockpileFile.parse("c.yaml", HEAD + body + """
                  - {date: 2026-03-03, type: correction, corrects: 3}
                """).events())).isEqualTo(Map.of(3, 5));
    }

    @Test
    void aCorrectionThatNamesNoEarlierEventOrAnotherCorrectionIsRefusedAtItsNumber() {
        assertThat(problems("""
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-03-02, type: correction, corrects: 2}
                  - {date: 2026-03-03, type: correction, corrects: 3}
                  - {date: 2026-03-08, type: correction, corrects: 12}
                """)).containsExactly(
                "c.yaml:6: events[3].corrects: #3 is itself a correction (of #2); to mend it, correct #2 again: an event's latest correction stands",
                "c.yaml:7: events[4].corrects: 12 is not the number of an event before this correction (#5); expected 1 to 4 "
                        + "(events are numbered from 1, in the order recorded, as they are listed)");
        // numbers that are not numbers of events are said reading the file; the correction #3, recorded before any event that
        // cannot be read, names its event rightly and is checked (and passes)
        assertThat(problems("""
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-03-02, type: correction, corrects: 2}
                  - {date: 2026-03-04, type: correction, corrects: 0}
                  - {date: 2026-03-05, type: correction, corrects: 1.5}
                  - {date: 2026-03-06, type: correction}
                  - {date: 2026-03-07, type: correction, corrects: 2, replacement: {date: 2026-03-01, type: correction, corrects: 1}}
                """)).containsExactly(
                "c.yaml:6: events[3].corrects: 0 is not an event's number; expected the number of the event to correct (a whole number "
                        + "from 1: #1 is the ledger's first event, as the events are listed)",
                "c.yaml:7: events[4].corrects: 1.5 is not an event's number; expected the number of the event to correct (a whole number "
                        + "from 1: #1 is the ledger's first event, as the events are listed)",
                "c.yaml:8: events[5].corrects: missing; expected the number of the event to correct (#1 is the ledger's first event, "
                        + "as the events are listed)",
                "c.yaml:9: events[6].replacement.type: a replacement is the event as it should have been recorded, not a correction; "
                        + "expected funding, join, acquisition, carrying-cost, draw, replenishment, release, buy-back or write-off");
    }

    @Test
    void aReplacementIsCheckedInItsPlaceAndALaterEventItBreaksIsSaid() {
        // the replacement is out of date order in its place, and striking the purchase leaves the release without metal
        assertThat(problems("""
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-04-01, type: release, mineral: gallium, quantity: 80, price: 700}
                  - {date: 2026-05-01, type: correction, corrects: 2, replacement: {date: 2026-01-01, type: acquisition, mineral: gallium, quantity: 50, price: 600}}
                """)).containsExactly(
                "c.yaml:5: events[2].quantity: a release of 80 kg of gallium is larger than the holding, 0 kg",
                "c.yaml:6: events[3].replacement.date: 2026-01-01 is before the previous event's date 2026-02-02; a ledger's events are "
                        + "in date order (append later events at the end)");
        assertThat(problems("""
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-04-01, type: release, mineral: gallium, quantity: 80, price: 700}
                  - {date: 2026-05-01, type: correction, corrects: 2, replacement: {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 50, price: 600}}
                """)).containsExactly("c.yaml:5: events[2].quantity: a release of 80 kg of gallium is larger than the holding, 50 kg");
    }

    @Test
    void aReplacementDatedAfterTheEventThatFollowsItsPlaceIsSaidAtItsOwnDateNotAtTheEventsAfterIt() {
        // reported: a replacement of #2 dated after #3 blamed #3 (a release recorded right) and the correction itself, each
        // "before the previous event's date", and never the replacement's date; on the bundled ledger, three problems at events
        // of the bundled file and the request, the API's field events[18].date, none at the replacement
        assertThat(problems("""
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-04-01, type: release, mineral: gallium, quantity: 80, price: 700}
                  - {date: 2026-05-01, type: correction, corrects: 2, replacement: {date: 2026-06-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}}
                """)).containsExactly(
                "c.yaml:5: events[2].quantity: a release of 80 kg of gallium is larger than the holding, 0 kg",
                "c.yaml:6: events[3].replacement.date: 2026-06-01 is after the date of the event that follows the place of #2, "
                        + "2026-04-01 (#3); a replacement takes the corrected event's place in the ledger's date order (here from "
                        + "2026-02-02 to 2026-04-01)");
        // within its place's dates it is taken (the day of the event after it included)
        assertThat(problems("""
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-04-01, type: release, mineral: gallium, quantity: 80, price: 700}
                  - {date: 2026-05-01, type: correction, corrects: 2, replacement: {date: 2026-04-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}}
                """)).isEmpty();
        // the last event replaced: the correction after it bounds it
        assertThat(problems("""
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-05-01, type: correction, corrects: 2, replacement: {date: 2026-05-02, type: acquisition, mineral: gallium, quantity: 100, price: 600}}
                """)).containsExactly(
                "c.yaml:5: events[2].replacement.date: 2026-05-02 is after the date of the event that follows the place of #2, "
                        + "2026-05-01 (#3); a replacement takes the corrected event's place in the ledger's date order (here from "
                        + "2026-02-02 to 2026-05-01)");
    }

    @Test
    void onlyTheCorrectionsRecordedAfterAnEventThatCannotBeReadGoUnchecked() throws Exception {
        // reported: one typo in an event appended to a stored ledger ("unit: lb") was answered with a "not checked" line at every
        // correction the ledger had recorded before it (events the appender cannot change, whose numbers nothing had shifted),
        // and nothing else of the ledger was derived; a header's problem (no event left out) did the same
        String typo = """
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-03-02, type: correction, corrects: 2, replacement: {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 10, price: 600}}
                  - {date: 2026-03-03, type: release, mineral: gallium, quantity: 1, unit: lb, price: 700}
                  - {date: 2026-03-04, type: release, mineral: gallium, quantity: 50, price: 700}
                """;
        assertThat(problems(typo)).containsExactly(
                "c.yaml:6: events[3].unit: 'lb' is not a unit of a ledger quantity; expected kg or t",
                "c.yaml:7: events[4].quantity: a release of 50 kg of gallium is larger than the holding, 10 kg");
        assertThat(problems(typo + "  - {date: 2026-03-05, type: correction, corrects: 5}\n")).containsExactly(
                "c.yaml:6: events[3].unit: 'lb' is not a unit of a ledger quantity; expected kg or t",
                "c.yaml:8: events[5].corrects: not checked while an event of the ledger cannot be read (a correction names events by "
                        + "number, and every event counts): fix the other problems first");
        StockpileFile.Read header = StockpileFile.read("c.yaml", "currency: EUR\n" + HEAD + """
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-03-02, type: correction, corrects: 2}
                """);
        assertThatThrownBy(() -> StockpileLedger.derive("c", header.file().events(), null, MINERALS, header.problems()))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .containsExactly("c.yaml:1: currency: 'EUR' is not supported; a ledger is kept in USD"));
        // as an append to a stored ledger reads: its events each from the store, then the request's
        List<StockpileEvent> stored = new java.util.ArrayList<>(StockpileFile.parse("c.yaml", HEAD + """
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                """).events());
        stored.addAll(StockpileFile.parseEvents("stockpile c event 3", "[{\"date\": \"2026-03-02\", \"type\": \"correction\", \"corrects\": 2}]"));
        StockpileFile.Read request = StockpileFile.readEvents("request", "{\"events\": [{\"date\": \"2026-03-03\", \"type\": \"release\", "
                + "\"mineral\": \"gallium\", \"quantity\": 1, \"unit\": \"lb\", \"price\": 700}]}");
        List<StockpileEvent> all = new java.util.ArrayList<>(stored);
        all.addAll(request.file().events());
        assertThatThrownBy(() -> StockpileLedger.derive("c", all, null, MINERALS, request.problems()))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .containsExactly("request:1: events[0].unit: 'lb' is not a unit of a ledger quantity; expected kg or t"));
    }

    @Test
    void aStoredEventIsPlacedAsInTheWholeLedger() throws StockpileException {
        // reported: a problem at an event kept in the store read "stockpile vault event 3:1: [0].quantity" — a line of a
        // one-line text and the first item of a list of one; it is the ledger's events[2], and has no line
        List<StockpileEvent> stored = new java.util.ArrayList<>();
        stored.add(StockpileFile.parseStored("vault", 1, "{\"date\": \"2026-02-02\", \"type\": \"funding\", \"source\": \"government\", \"amount\": 50000000}"));
        stored.add(StockpileFile.parseStored("vault", 2, "{\"date\": \"2026-03-01\", \"type\": \"acquisition\", \"mineral\": \"gallium\", \"quantity\": 10, \"price\": 600}"));
        stored.add(StockpileFile.parseStored("vault", 3, "{\"date\": \"2026-04-01\", \"type\": \"release\", \"mineral\": \"gallium\", \"quantity\": 80, \"price\": 700}"));
        assertThatThrownBy(() -> StockpileLedger.derive("vault", stored, MINERALS))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .singleElement().asString().startsWith("stockpile vault: events[2].quantity: "));
        // and one that does not read back is said the same way, nested fields included
        assertThatThrownBy(() -> StockpileFile.parseStored("vault", 5, "{\"date\": \"2026-05-01\", \"type\": \"correction\", \"corrects\": 2, "
                + "\"replacement\": {\"date\": \"2026-03-01\", \"type\": \"acquisition\", \"mineral\": \"gallium\", \"quantity\": 10, \"price\": 600, \"colour\": 1}}"))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .singleElement().asString().startsWith("stockpile vault: events[4].replacement.colour: unknown key"));
    }

    @Test
    void aHugeNumberToCorrectIsSaidAsWritten() {
        // reported: corrects: 1e400 was said as a 401-digit number
        assertThat(problems("""
                  - {date: 2026-03-01, type: correction, corrects: 1e400}
                """)).containsExactly("c.yaml:4: events[1].corrects: 1E+400 is not an event's number; expected the number of the event "
                + "to correct (a whole number from 1: #1 is the ledger's first event, as the events are listed)");
    }

    @Test
    void aCorrectionIsWrittenAsJsonAndReadBackTheSame() throws Exception {
        StockpileFile f = StockpileFile.parse("c.yaml", HEAD + """
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-03-02, type: correction, corrects: 2, note: wrong price, source_ref: null,
                     replacement: {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 610, counterparty: market}}
                """);
        StockpileEvent c = f.events().get(2);
        String json = StockpileJson.eventText(c);
        assertThat(json).isEqualTo("{\"date\":\"2026-03-02\",\"type\":\"correction\",\"corrects\":2,\"replacement\":{\"date\":\"2026-03-01\","
                + "\"type\":\"acquisition\",\"mineral\":\"gallium\",\"quantity\":100,\"price\":610,\"counterparty\":\"market\"},\"note\":\"wrong price\"}");
        StockpileEvent back = StockpileFile.parseEvents("stored", "[" + json + "]").get(0);
        assertThat(StockpileJson.eventText(back)).isEqualTo(json);
        // the list as the API gives it: numbered, the corrected event naming its correction
        assertThat(StockpileJson.events(f.events(), 3)).extracting(m -> m.get("number") + "/" + m.get("corrected_by"))
                .containsExactly("1/null", "2/3", "3/null");
    }

    @Test
    void aReplacementCitingNoSourceOfTheLedgerIsSaidWhereItIs() {
        StockpileFile.Read r = StockpileFile.read("c.yaml", """
                stockpile: c
                sources: [{id: S1, title: A source}]
                events:
                  - {date: 2026-02-02, type: funding, source: government, amount: 100}
                  - {date: 2026-02-03, type: correction, corrects: 1, replacement: {date: 2026-02-02, type: funding, source: government, amount: 90, source_ref: S2}}
                """);
        assertThat(r.problems()).extracting(Object::toString).containsExactly(
                "c.yaml:5: events[1].replacement.source_ref: 'S2' is not one of this ledger's sources; expected one of S1");
        assertThatThrownBy(() -> StockpileFile.parse("c.yaml", HEAD + "  - {date: 2026-03-01, type: correction, corrects: 1, replaces: 2}\n"))
                .hasMessageContaining("events[1].replaces");
    }
    @Test
    void aLedgerMistypedAndCorrectedDerivesAsTheLedgerRecordedRightOnRandomLedgers() throws Exception {
        // seeded: a valid random ledger; then the same with random acquisitions and releases mistyped (ten times the quantity,
        // a price a cent off, or recorded twice), each mended by a correction at the end (replaced by the event as it should
        // have been, or the double struck out). As corrected, every figure is the right ledger's, the count every event's.
        java.util.Random rnd = new java.util.Random(23);
        Set<String> minerals = Set.of("gallium", "germanium", "dysprosium");
        for (int run = 0; run < 40; run++) {
            List<StockpileEvent> right = StockpileLedgerTest.randomLedger(rnd, 200);
            List<StockpileEvent> recorded = new java.util.ArrayList<>();
            List<StockpileEvent> corrections = new java.util.ArrayList<>();
            LocalDate last = right.get(right.size() - 1).date();
            for (StockpileEvent e : right) {
                boolean mistype = rnd.nextInt(8) == 0 && (e instanceof StockpileEvent.Acquisition || e instanceof StockpileEvent.Release);
                if (!mistype) { recorded.add(e); continue; }
                int kind = rnd.nextInt(3);
                StockpileEvent wrong = switch (e) {
                    case StockpileEvent.Acquisition a when kind == 0 -> new StockpileEvent.Acquisition(a.date(), a.mineral(), a.form(),
                            a.quantityKg().movePointRight(1), a.priceUsdPerKg(), a.counterparty(), a.illustrative(), a.note(), a.at());
                    case StockpileEvent.Acquisition a -> new StockpileEvent.Acquisition(a.date(), a.mineral(), a.form(), a.quantityKg(),
                            a.priceUsdPerKg().add(new java.math.BigDecimal("0.01")), a.counterparty(), a.illustrative(), a.note(), a.at());
                    case StockpileEvent.Release r -> new StockpileEvent.Release(r.date(), r.mineral(), r.quantityKg().movePointLeft(1),
                            r.priceUsdPerKg(), r.counterparty(), r.note(), r.at());
                    default -> throw new IllegalStateException();
                };
                recorded.add(wrong);
                corrections.add(new StockpileEvent.Correction(last, recorded.size(), e, "mistyped", StockpileEvent.Where.NOWHERE));
                if (kind == 2) { // and recorded twice: the double struck out
                    recorded.add(e);
                    corrections.add(new StockpileEvent.Correction(last, recorded.size(), null, "twice", StockpileEvent.Where.NOWHERE));
                }
            }
            List<StockpileEvent> all = new java.util.ArrayList<>(recorded);
            all.addAll(corrections);
            Position want = StockpileLedger.derive("r", right, minerals), got = StockpileLedger.derive("r", all, minerals);
            assertThat(got.holdings()).as("run " + run).isEqualTo(want.holdings());
            assertThat(got.fundingLeft()).isEqualByComparingTo(want.fundingLeft());
            assertThat(got.spent()).isEqualByComparingTo(want.spent());
            assertThat(got.proceeds()).isEqualByComparingTo(want.proceeds());
            assertThat(got.members()).isEqualTo(want.members());
            assertThat(got.events()).isEqualTo(all.size());
            assertThat(StockpileLedger.correctedBy(all)).hasSize(corrections.size());
        }
    }

    @Test
    void anEmptyReplacementIsRefusedRatherThanTakenAsAStrikeOut() {
        // reported: "replacement: null" (or ~) struck the event out without a word; leaving the key out is how to strike it
        assertThat(problems("""
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-03-02, type: correction, corrects: 2, replacement: null}
                  - {date: 2026-03-03, type: correction, corrects: 2, replacement: ~}
                """)).containsExactly(
                "c.yaml:5: events[2].replacement: empty; expected the event as it should have been recorded, or no replacement key to "
                        + "strike the event out",
                "c.yaml:6: events[3].replacement: empty; expected the event as it should have been recorded, or no replacement key to "
                        + "strike the event out");
    }
}
