package lodestone.exposure.stockpile;

import lodestone.regime.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's derivation: a worked sequence by hand, the holdings invariant on random ledgers, and refusals. */
class StockpileLedgerTest {
    static final Set<String> MINERALS = Set.of("gallium", "germanium", "dysprosium");

    static final String WORKED = """
            stockpile: test
            events:
              - {date: 2026-02-02, type: funding, source: exim-loan, party: EXIM, amount: 1000000, rate_percent: 5, term_years: 15}
              - {date: 2026-02-03, type: join, member: M1, entry_fee: 10000, allocation: {gallium: 300}}
              - {date: 2026-03-01, type: acquisition, mineral: gallium, form: metal, quantity: 100, price: 600}
              - {date: 2026-03-02, type: acquisition, mineral: gallium, form: metal, quantity: 0.2, unit: t, price: 690}
              - {date: 2026-04-01, type: release, mineral: gallium, quantity: 50, price: 900}
              - {date: 2026-04-02, type: draw, member: M1, mineral: gallium, quantity: 30}
              - {date: 2026-05-01, type: replenishment, member: M1, mineral: gallium, quantity: 30, price: 700}
              - {date: 2026-05-02, type: acquisition, mineral: gallium, quantity: 7, price: 601.13}
              - {date: 2026-06-01, type: release, mineral: gallium, quantity: 3, price: 700}
              - {date: 2026-12-31, type: carrying-cost, kind: interest, amount: 50000}
            """;

    @Test
    void theWorkedSequenceByHand() throws Exception {
        StockpileFile f = StockpileFile.parse("worked.yaml", WORKED);
        Position p = StockpileLedger.derive("test", f.events(), MINERALS);
        Position.Holding g = p.holding("gallium");
        // 100 @ 600 + 200 @ 690 = 198,000 for 300 kg (660/kg); release 50 removes 33,000 (gain 12,000);
        // draw 30 at cost removes 19,800; replenish 30 @ 700 adds 21,000; buy 7 @ 601.13 adds 4,207.91;
        // release 3 removes 170,407.91 × 3 / 257 = 1,989.1974… → 1,989.20
        assertThat(g.quantityKg()).isEqualByComparingTo("254");
        assertThat(g.costBasis()).isEqualByComparingTo("168418.71");
        assertThat(g.averageCost()).isEqualByComparingTo("663.0658");
        assertThat(g.realisedGain()).isEqualByComparingTo("12110.80"); // 12,000 + 0 (draw at cost) + (2,100 − 1,989.20)
        assertThat(g.acquiredKg().subtract(g.releasedKg()).subtract(g.drawnKg()).add(g.replenishedKg()).subtract(g.boughtBackKg()))
                .isEqualByComparingTo(g.quantityKg());
        assertThat(p.fundingDrawn()).isEqualByComparingTo("1010000");
        assertThat(p.spent()).isEqualByComparingTo("273207.91");
        assertThat(p.proceeds()).isEqualByComparingTo("66900");
        assertThat(p.fundingLeft()).isEqualByComparingTo("803692.09");
        assertThat(p.carryingTotal()).isEqualByComparingTo("50000");
        assertThat(p.loans()).singleElement().satisfies(l -> {
            assertThat(l.annualInterest()).isEqualByComparingTo("50000.00");
            assertThat(l.maturity()).isEqualTo(LocalDate.of(2041, 2, 2));
        });
        assertThat(p.member("M1").entitlementKg().get("gallium")).isEqualByComparingTo("300");
        assertThat(p.member("M1").drawnKg().get("gallium")).isEqualByComparingTo("30");
        assertThat(p.events()).isEqualTo(10);
    }

    @Test
    void aPositionAsOfADateCountsOnlyTheEventsUpToIt() throws Exception {
        StockpileFile f = StockpileFile.parse("worked.yaml", WORKED);
        Position p = StockpileLedger.derive("test", f.events(), LocalDate.of(2026, 4, 1), MINERALS);
        assertThat(p.holding("gallium").quantityKg()).isEqualByComparingTo("250");
        assertThat(p.holding("gallium").costBasis()).isEqualByComparingTo("165000");
        assertThat(p.events()).isEqualTo(5);
        assertThat(p.asOf()).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void holdingsEqualAcquisitionsLessOutflowsPlusReplenishmentsOnRandomLedgers() throws Exception {
        Random rnd = new Random(16);
        for (int run = 0; run < 50; run++) {
            List<StockpileEvent> ev = randomLedger(rnd, 400);
            Position p = StockpileLedger.derive("r", ev, MINERALS);
            for (String m : MINERALS) {
                BigDecimal acq = BigDecimal.ZERO, out = BigDecimal.ZERO, rep = BigDecimal.ZERO, paid = BigDecimal.ZERO;
                for (StockpileEvent e : ev) {
                    switch (e) {
                        case StockpileEvent.Acquisition a when a.mineral().equals(m) -> acq = acq.add(a.quantityKg());
                        case StockpileEvent.Release r when r.mineral().equals(m) -> out = out.add(r.quantityKg());
                        case StockpileEvent.Draw d when d.mineral().equals(m) -> out = out.add(d.quantityKg());
                        case StockpileEvent.BuyBack b when b.mineral().equals(m) -> out = out.add(b.quantityKg());
                        case StockpileEvent.Replenishment r when r.mineral().equals(m) -> rep = rep.add(r.quantityKg());
                        default -> { }
                    }
                }
                Position.Holding h = p.holding(m);
                if (h == null) continue;
                assertThat(h.quantityKg()).isEqualByComparingTo(acq.subtract(out).add(rep));
                assertThat(h.costBasis().signum()).isGreaterThanOrEqualTo(0);
                if (h.quantityKg().signum() == 0) assertThat(h.costBasis()).isEqualByComparingTo("0");
            }
            assertThat(p.fundingLeft()).isEqualByComparingTo(p.fundingDrawn().add(p.proceeds()).subtract(p.spent()));
            assertThat(p.fundingLeft().signum()).isGreaterThanOrEqualTo(0);
        }
    }

    /** A random valid ledger: funding, one member, then acquisitions and outflows that never exceed what is held. */
    static List<StockpileEvent> randomLedger(Random rnd, int n) {
        List<StockpileEvent> ev = new ArrayList<>();
        LocalDate d = LocalDate.of(2026, 1, 1);
        ev.add(new StockpileEvent.Funding(d, StockpileEvent.Source.EXIM_LOAN, "EXIM", new BigDecimal("1e12").setScale(2), new BigDecimal("4.5"), 15, null,
                StockpileEvent.Where.NOWHERE));
        ev.add(new StockpileEvent.Join(d, "M", BigDecimal.TEN, java.util.Map.of("gallium", new BigDecimal("1e9"), "germanium", new BigDecimal("1e9")),
                null, StockpileEvent.Where.NOWHERE));
        java.util.Map<String, BigDecimal> held = new java.util.HashMap<>();
        java.util.Map<String, BigDecimal> owed = new java.util.HashMap<>(); // drawn by M and not yet replenished
        String[] ms = {"gallium", "germanium", "dysprosium"};
        for (int i = 0; i < n; i++) {
            String m = ms[rnd.nextInt(ms.length)];
            BigDecimal h = held.getOrDefault(m, BigDecimal.ZERO);
            BigDecimal q = BigDecimal.valueOf(1 + rnd.nextInt(1000), rnd.nextInt(3));
            BigDecimal price = BigDecimal.valueOf(100 + rnd.nextInt(100000), 2);
            int k = rnd.nextInt(5);
            if (k >= 2 || h.compareTo(q) < 0) {
                if (k == 1 && !m.equals("dysprosium") && owed.getOrDefault(m, BigDecimal.ZERO).compareTo(q) >= 0) {
                    owed.merge(m, q.negate(), BigDecimal::add);
                    ev.add(new StockpileEvent.Replenishment(d, "M", m, q, price, null, StockpileEvent.Where.NOWHERE));
                } else {
                    ev.add(new StockpileEvent.Acquisition(d, m, "metal", q, price, "x", false, null, StockpileEvent.Where.NOWHERE));
                }
                held.put(m, h.add(q));
            } else {
                if (k == 0) ev.add(new StockpileEvent.Release(d, m, q, price, "market", null, StockpileEvent.Where.NOWHERE));
                else if (m.equals("dysprosium")) ev.add(new StockpileEvent.Release(d, m, q, null, "market", null, StockpileEvent.Where.NOWHERE));
                else {
                    ev.add(new StockpileEvent.Draw(d, "M", m, q, null, null, StockpileEvent.Where.NOWHERE));
                    owed.merge(m, q, BigDecimal::add);
                }
                held.put(m, h.subtract(q));
            }
            d = d.plusDays(rnd.nextInt(2));
        }
        return ev;
    }

    @Test
    void badEventsAreRefusedWithTheirLocationAndEveryProblemListed() throws Exception {
        String text = """
                stockpile: bad
                events:
                  - {date: 2026-02-02, type: funding, source: private-capital, amount: 1000}
                  - {date: 2026-02-03, type: acquisition, mineral: gallium, quantity: 1, price: 600}
                  - {date: 2026-02-04, type: release, mineral: gallium, quantity: 2, price: 600}
                  - {date: 2026-02-05, type: acquisition, mineral: unobtainium, quantity: 1, price: 1}
                  - {date: 2026-02-06, type: acquisition, mineral: germanium, quantity: -3, price: 1}
                  - {date: 2026-02-07, type: acquisition, mineral: germanium, quantity: 1, price: 500}
                  - {date: 2026-02-08, type: draw, member: nobody, mineral: gallium, quantity: 1}
                  - {date: 2026-01-01, type: carrying-cost, kind: storage, amount: 1}
                """;
        StockpileFile f = StockpileFile.parse("bad.yaml", text);
        assertThatThrownBy(() -> StockpileLedger.derive("bad", f.events(), MINERALS))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "bad.yaml:5: events[2].quantity: a release of 2 kg of gallium is larger than the holding, 1 kg",
                        "bad.yaml:6: events[3].mineral: 'unobtainium' is not a mineral of the regime; expected one of its ids (e.g. gallium, dysprosium)",
                        "bad.yaml:7: events[4].quantity: -3 is not positive; expected a quantity greater than zero",
                        "bad.yaml:8: events[5].quantity: the acquisition of $500.00 exceeds the funding left, $400.00",
                        "bad.yaml:9: events[6].member: 'nobody' has not joined the stockpile",
                        "bad.yaml:10: events[7].date: 2026-01-01 is before the previous event's date 2026-02-08; a ledger's events are in date order (append later events at the end)"));
    }

    @Test
    void aReplenishmentRestoresWhatAMemberDrewAndNoMore() throws Exception {
        // reported: a member with an allocation of 100 kg that had drawn nothing was "replenished" 500 kg: its entitlement was
        // shown as 600 kg of an allocation of 100 (and it could then draw 600), without a word. By hand: allocation 100, draw 30
        // → entitlement 70, 30 kg drawn and not yet replenished; a replenishment of 30 restores 100; one of 31 is 1 kg too many.
        String head = """
                stockpile: rep
                events:
                  - {date: 2026-01-05, type: funding, source: government, amount: 10000000}
                  - {date: 2026-01-10, type: join, member: Alpha, entry_fee: 0, allocation: {gallium: 100}}
                  - {date: 2026-02-01, type: acquisition, mineral: gallium, quantity: 1000, price: 600}
                """;
        String never = head + "  - {date: 2026-03-02, type: replenishment, member: Alpha, mineral: gallium, quantity: 500}\n"
                + "  - {date: 2026-03-03, type: replenishment, member: Alpha, mineral: germanium, quantity: 1, price: 5}\n";
        assertThatThrownBy(() -> StockpileLedger.derive("rep", StockpileFile.parse("rep.yaml", never).events(), MINERALS))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "rep.yaml:6: events[3].quantity: a replenishment of 500 kg of gallium is larger than what Alpha has drawn and not had "
                                + "replenished, 0 kg (allocation 100 kg, entitlement 100 kg); a replenishment restores what a member drew",
                        "rep.yaml:7: events[4].quantity: a replenishment of 1 kg of germanium is larger than what Alpha has drawn and not had "
                                + "replenished, 0 kg (allocation 0 kg, entitlement 0 kg); a replenishment restores what a member drew"));
        String drew = head + "  - {date: 2026-03-01, type: draw, member: Alpha, mineral: gallium, quantity: 30}\n";
        assertThatThrownBy(() -> StockpileLedger.derive("rep", StockpileFile.parse("rep.yaml",
                drew + "  - {date: 2026-03-02, type: replenishment, member: Alpha, mineral: gallium, quantity: 31, price: 600}\n").events(), MINERALS))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "rep.yaml:7: events[4].quantity: a replenishment of 31 kg of gallium is larger than what Alpha has drawn and not had "
                                + "replenished, 30 kg (allocation 100 kg, entitlement 70 kg); a replenishment restores what a member drew"));
        Position ok = StockpileLedger.derive("rep", StockpileFile.parse("rep.yaml",
                drew + "  - {date: 2026-03-02, type: replenishment, member: Alpha, mineral: gallium, quantity: 30, price: 600}\n").events(), MINERALS);
        assertThat(ok.member("Alpha").entitlementKg().get("gallium")).isEqualByComparingTo("100");
        assertThat(ok.holding("gallium").quantityKg()).isEqualByComparingTo("1000");
    }

    @Test
    void aReplenishmentAtAverageCostNeedsSomethingHeld() throws Exception {
        // reported: a member drew all 1,000 kg of gallium (bought at 600 USD/kg); its replenishment of 1,000 kg without a price
        // ("at average cost") was taken at 0 USD/kg, the average of nothing: 1,000 kg held at a cost basis of $0.00, paid $0.00.
        // With nothing held there is no average cost: the price must be given (1,000 × 600 = $600,000.00 then).
        String text = """
                stockpile: rep0
                events:
                  - {date: 2026-01-05, type: funding, source: government, amount: 10000000}
                  - {date: 2026-01-10, type: join, member: Alpha, entry_fee: 0, allocation: {gallium: 1000}}
                  - {date: 2026-02-01, type: acquisition, mineral: gallium, quantity: 1000, price: 600}
                  - {date: 2026-03-01, type: draw, member: Alpha, mineral: gallium, quantity: 1000}
                """;
        assertThatThrownBy(() -> StockpileLedger.derive("rep0", StockpileFile.parse("rep0.yaml",
                text + "  - {date: 2026-04-01, type: replenishment, member: Alpha, mineral: gallium, quantity: 1000}\n").events(), MINERALS))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "rep0.yaml:7: events[4].price: missing, and no gallium is held to take an average cost from; expected the price paid in USD/kg"));
        Position priced = StockpileLedger.derive("rep0", StockpileFile.parse("rep0.yaml",
                text + "  - {date: 2026-04-01, type: replenishment, member: Alpha, mineral: gallium, quantity: 1000, price: 600}\n").events(), MINERALS);
        assertThat(priced.holding("gallium").costBasis()).isEqualByComparingTo("600000.00");
        assertThat(priced.fundingLeft()).isEqualByComparingTo("9400000.00"); // 10 M − 600,000 + 600,000 (draw at cost) − 600,000
    }

    @Test
    void aFileWithMisspeltFieldsIsRefusedBeforeAnythingIsDerived() {
        String text = """
                stockpile: bad
                events:
                  - {date: 2026-02-02, type: fundng, amount: 1000}
                  - {date: 2026-02-31, type: acquisition, mineral: gallium, quantity: 1, price: 600, colour: red}
                """;
        assertThatThrownBy(() -> StockpileFile.parse("bad.yaml", text))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "bad.yaml:3: events[0].type: 'fundng' is not an event type; expected funding, join, acquisition, carrying-cost, draw, replenishment, release, buy-back, write-off or correction",
                        "bad.yaml:4: events[1].date: '2026-02-31' is not a date: 2026-02 has 28 days; expected yyyy-mm-dd",
                        "bad.yaml:4: events[1].colour: unknown key; expected one of date, type, note, source_ref, mineral, form, quantity, unit, price, counterparty, illustrative"));
    }

    @Test
    void anAppendThatWouldOverdrawIsRefusedAsAWhole() throws Exception {
        StockpileFile f = StockpileFile.parse("worked.yaml", WORKED);
        List<StockpileEvent> more = StockpileFile.parseEvents("request", """
                [{date: 2027-01-01, type: release, mineral: gallium, quantity: 4, price: 800},
                 {date: 2027-01-02, type: buy-back, member: M1, mineral: gallium, quantity: 301, price: 660}]
                """);
        assertThatThrownBy(() -> StockpileLedger.checkAppend("test", f.events(), more, MINERALS))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "request:2: [1].quantity: a buy-back of 301 kg of gallium is larger than the holding, 250 kg"));
        Position ok = StockpileLedger.checkAppend("test", f.events(), more.subList(0, 1), MINERALS);
        assertThat(ok.holding("gallium").quantityKg()).isEqualByComparingTo("250");
    }

    @Test
    void eventsWrittenAsJsonReadBackTheSame() throws Exception {
        StockpileFile f = StockpileFile.parse("worked.yaml", WORKED);
        StringBuilder json = new StringBuilder("[");
        for (StockpileEvent e : f.events()) json.append(json.length() > 1 ? "," : "").append(StockpileJson.eventText(e));
        List<StockpileEvent> back = StockpileFile.parseEvents("json", json.append("]").toString());
        Position a = StockpileLedger.derive("t", f.events(), MINERALS);
        Position b = StockpileLedger.derive("t", back, MINERALS);
        assertThat(StockpileJson.write(StockpileJson.position(b))).isEqualTo(StockpileJson.write(StockpileJson.position(a)));
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceWhateverItsKind() throws Exception {
        // reported: "unit: lb" hid the four other problems of the file; an unknown mineral was said only once the event's
        // date was fixed
        String text = """
                stockpile: test
                events:
                  - {date: 2026-01-01, type: funding, source: government, amount: 1000}
                  - {date: 2026-01-02, type: acquisition, mineral: gallium, quantity: 1, unit: t, price: 0.5}
                  - {date: 2026-01-03, type: acquisition, mineral: gallium, quantity: 1, unit: lb, price: 0.6}
                  - {date: 2026-01-04, type: release, mineral: gallium, quantity: 3, unit: t, price: 1}
                  - {date: 2026-01-01, type: acquisition, mineral: unobtainium, quantity: 1, price: 1}
                  - {date: 2026-01-05, type: release, mineral: gallium, quantity: 0.5, price: 1}
                  - {date: 2026-01-06, type: acquisition, mineral: gallium, quantity: -1, price: 1}
                """;
        StockpileFile.Read read = StockpileFile.read("sp1.yaml", text);
        assertThat(read.file().events()).hasSize(6); // the event in lb is left out of the derivation, and reported
        assertThatThrownBy(() -> StockpileLedger.derive("test", read.file().events(), null, MINERALS, read.problems()))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "sp1.yaml:5: events[2].unit: 'lb' is not a unit of a ledger quantity; expected kg or t",
                        "sp1.yaml:6: events[3].quantity: a release of 3000 kg of gallium is larger than the holding, 1000 kg",
                        "sp1.yaml:7: events[4].mineral: 'unobtainium' is not a mineral of the regime; expected one of its ids (e.g. gallium, dysprosium)",
                        "sp1.yaml:7: events[4].date: 2026-01-01 is before the previous event's date 2026-01-04; a ledger's events are in date order (append later events at the end)",
                        "sp1.yaml:9: events[6].quantity: -1 is not positive; expected a quantity greater than zero"));
        // parse still refuses the file on its reading problems alone
        assertThatThrownBy(() -> StockpileFile.parse("sp1.yaml", text)).isInstanceOfSatisfying(StockpileException.class,
                e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactly("sp1.yaml:5: events[2].unit: 'lb' is not a unit of a ledger quantity; expected kg or t"));
    }

    @Test
    void aLedgersIdIsLowerCaseLettersDigitsAndHyphensAndAPastedOneIsSaidAsSuch() {
        // reported (session 29): a ledger written in Word, "stockpile: “small-reserve”", was kept with its quotes in the id
        String events = "events:\n  - {date: 2026-01-02, type: funding, source: government, amount: 1000}\n";
        assertThatThrownBy(() -> StockpileFile.parse("w.yaml", "stockpile: “small-reserve”\n" + events))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "w.yaml:1: stockpile: '“small-reserve”' is not an id; expected lower-case letters, digits and hyphens (it is between"
                                + " typographic quotes “ ”, as Word and Outlook write them; YAML's quotes are the straight \" and ': write"
                                + " \"small-reserve\", or the value without quotes)"));
        assertThatThrownBy(() -> StockpileFile.parse("u.yaml", "stockpile: Small Reserve\n" + events))
                .isInstanceOfSatisfying(StockpileException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "u.yaml:1: stockpile: 'Small Reserve' is not an id; expected lower-case letters, digits and hyphens"));
        assertThat(assertDoesNotThrowParse("stockpile: small-reserve-2\n" + events).id()).isEqualTo("small-reserve-2");
    }

    private static StockpileFile assertDoesNotThrowParse(String text) {
        try {
            return StockpileFile.parse("ok.yaml", text);
        } catch (StockpileException e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    @Test
    void moneyIsPrintedWithItsSignBeforeTheDollar() {
        // reported: a negative saving printed "$-13,080.00"
        assertThat(lodestone.exposure.Money.usd(new BigDecimal("-13080"))).isEqualTo("-$13,080.00");
        assertThat(lodestone.exposure.Money.usd(new BigDecimal("1234.565"))).isEqualTo("$1,234.57");
        assertThat(lodestone.exposure.Money.usd(null)).isEqualTo("—");
        assertThat(lodestone.exposure.Money.usdWhole(-188660764.4)).isEqualTo("-$188,660,764");
        assertThat(StockpileLedger.usd(new BigDecimal("-0.5"))).isEqualTo("-$0.50");
    }

    @Test
    void anEventsSourceIsKeptAndOneThatNamesNoSourceIsSaidWhereItIs() throws Exception {
        String text = """
                stockpile: cited
                sources:
                  - {id: S1, title: "A loan's notice"}
                events:
                  - {date: 2026-02-02, type: funding, source: exim-loan, party: EXIM, amount: 1000000, source_ref: S1}
                  - {date: 2026-03-01, type: acquisition, mineral: gallium, quantity: 100, price: 600, source_ref: S9}
                  - {date: 2026-03-02, type: acquisition, mineral: gallium, quantity: 1, price: 600, source_ref: " "}
                """;
        StockpileFile.Read r = StockpileFile.read("cited.yaml", text);
        assertThat(r.problems()).extracting(Object::toString)
                .containsExactly("cited.yaml:6: events[1].source_ref: 'S9' is not one of this ledger's sources; expected one of S1");
        // the cited source travels with the event: in its JSON, and so in a stored event's text (read back the same)
        StockpileEvent funding = r.file().events().get(0);
        assertThat(funding.at().sourceRef()).isEqualTo("S1");
        assertThat(StockpileJson.event(funding)).containsEntry("source_ref", "S1");
        StockpileEvent again = StockpileFile.parseEvents("stored", "[" + StockpileJson.eventText(funding) + "]").get(0);
        assertThat(again.at().sourceRef()).isEqualTo("S1");
        assertThat(StockpileJson.eventText(again)).isEqualTo(StockpileJson.eventText(funding));
        // a blank source_ref cites none (as every optional field left empty), neither a problem nor kept as ""
        assertThat(r.file().events().get(2).at().sourceRef()).isNull();
    }

    @Test
    void moneyIsInWholeCentsAndEveryFigureWithinItsBounds() throws Exception {
        // reported: a funding of 1e300 was stored for good in the append-only ledger, and one of $100.005 with a $0.004 carrying
        // cost printed "funding drawn $100.01, … funding left $100.00, carrying costs $0.00"
        String text = """
                stockpile: bounded
                events:
                  - {date: 2026-01-05, type: funding, source: government, amount: 1e300}
                  - {date: 2026-01-06, type: funding, source: government, amount: 100.005}
                  - {date: 2026-01-07, type: carrying-cost, kind: storage, amount: 0.004}
                  - {date: 2026-01-08, type: acquisition, mineral: gallium, quantity: 1e13, price: 600}
                  - {date: 2026-01-09, type: acquisition, mineral: gallium, quantity: 10, price: 2e9}
                  - {date: 2026-01-10, type: funding, source: government, amount: 999999999999999.99}
                  - {date: 2026-01-11, type: acquisition, mineral: gallium, quantity: 1.5, price: 600.123456}
                """;
        StockpileFile.Read r = StockpileFile.read("bounded.yaml", text);
        assertThat(r.problems()).extracting(Object::toString).containsExactly(
                "bounded.yaml:3: events[0].amount: 1E+300 is out of range; an amount is below 1,000,000,000,000,000 USD",
                "bounded.yaml:4: events[1].amount: 100.005 has a fraction of a cent; a ledger keeps whole cents (e.g. 100.01)",
                "bounded.yaml:5: events[2].amount: 0.004 has a fraction of a cent; a ledger keeps whole cents (e.g. 0.00)",
                "bounded.yaml:6: events[3].quantity: 1E+13 is out of range; expected less than 1,000,000,000,000 kg",
                "bounded.yaml:7: events[4].price: 2E+9 is out of range; expected less than 1,000,000,000 USD/kg");
        // the largest amount and a price to six decimals are read
        assertThat(r.file().events()).hasSize(2);
    }
}
