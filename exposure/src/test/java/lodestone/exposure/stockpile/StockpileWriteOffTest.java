package lodestone.exposure.stockpile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A write-off: material lost or found below specification leaves the holding at its average cost, a realised loss, no cash. */
class StockpileWriteOffTest {
    static final Set<String> MINERALS = Set.of("gallium");

    @Test
    void aWriteOffLeavesTheHoldingAtAverageCostAsARealisedLossByHand() throws Exception {
        StockpileFile f = StockpileFile.parse("w.yaml", """
                stockpile: w
                events:
                  - {date: 2026-01-02, type: funding, source: government, amount: 1000000}
                  - {date: 2026-02-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-02-02, type: acquisition, mineral: gallium, quantity: 200, price: 690}
                  - {date: 2026-06-30, type: write-off, mineral: gallium, quantity: 7, reason: "drums found below 99.99 % at the audit"}
                """);
        Position p = StockpileLedger.derive("w", f.events(), MINERALS);
        Position.Holding g = p.holding("gallium");
        // 60,000 + 138,000 = 198,000.00 for 300 kg (660/kg); 7 kg written off take 198,000 × 7 / 300 = 4,620.00
        assertThat(g.quantityKg()).isEqualByComparingTo("293");
        assertThat(g.writtenOffKg()).isEqualByComparingTo("7");
        assertThat(g.costBasis()).isEqualByComparingTo("193380.00");
        assertThat(g.realisedGain()).isEqualByComparingTo("-4620.00");
        assertThat(p.fundingLeft()).isEqualByComparingTo("802000.00"); // nothing comes in: 1,000,000 − 198,000
        assertThat(p.proceeds()).isEqualByComparingTo("0");
        assertThat(StockpileJson.eventText(f.events().get(3))).isEqualTo("{\"date\":\"2026-06-30\",\"type\":\"write-off\",\"mineral\":\"gallium\","
                + "\"quantity\":7,\"reason\":\"drums found below 99.99 % at the audit\"}");
        assertThat(StockpileJson.position(p).toString()).contains("written_off_kg=7");
    }

    @Test
    void aReleaseFromAHoldingAllWrittenOffReleasesNothingAndDoesNotSayItsCostIsUnknown() throws Exception {
        // reported: with all 300 kg written off, the release said "w's holding is valued at the baseline price (its cost is not
        // known)" — the ledger knows its cost, and nothing was released to value
        StockpileFile f = StockpileFile.parse("w.yaml", """
                stockpile: w
                events:
                  - {date: 2026-01-02, type: funding, source: government, amount: 1000000}
                  - {date: 2026-02-01, type: acquisition, mineral: gallium, quantity: 300, price: 660}
                  - {date: 2026-03-01, type: write-off, mineral: gallium, quantity: 0.3, unit: t, reason: "lost in the warehouse fire"}
                """);
        Position p = StockpileLedger.derive("w", f.events(), Set.of("gallium"));
        assertThat(p.holding("gallium").realisedGain()).isEqualByComparingTo("-198000.00");
        Markets markets = new Markets(lodestone.regime.Regime.bundled());
        var plan = new CoordinatedRelease.Plan("gallium", "gallium-ban", 13, p.asOf(), null, CoordinatedRelease.Rule.IMPORTS,
                CoordinatedRelease.withAllies(p, "gallium", "US", markets, java.util.Map.of()));
        CoordinatedRelease.Result r = CoordinatedRelease.run(plan, markets);
        assertThat(r.totalReleasedKg()).isZero();
        assertThat(r.shares().get(0).bookCost()).isZero();
        assertThat(r.warnings()).noneMatch(w -> w.contains("cost is not known"));
    }

    @Test
    void aWriteOffNeedsItsReasonAndNoMoreThanIsHeld() {
        StockpileFile.Read r = StockpileFile.read("w.yaml", """
                stockpile: w
                events:
                  - {date: 2026-01-02, type: funding, source: government, amount: 1000000}
                  - {date: 2026-02-01, type: acquisition, mineral: gallium, quantity: 100, price: 600}
                  - {date: 2026-06-30, type: write-off, mineral: gallium, quantity: 7}
                  - {date: 2026-06-30, type: write-off, mineral: gallium, quantity: 7, reason: " "}
                  - {date: 2026-07-01, type: write-off, mineral: gallium, quantity: 101, reason: lost in a fire, price: 5}
                  - {date: 2026-07-02, type: write-off, mineral: gallium, quantity: 101, reason: lost in a fire}
                """);
        List<String> problems;
        try {
            StockpileLedger.derive("w", r.file().events(), null, MINERALS, r.problems());
            problems = List.of();
        } catch (StockpileException e) {
            problems = e.problems().stream().map(Object::toString).toList();
        }
        assertThat(problems).containsExactly(
                "w.yaml:5: events[2].reason: missing; expected why the material is written off (lost, damaged, below specification)",
                "w.yaml:6: events[3].reason: empty; expected why the material is written off (lost, damaged, below specification)",
                "w.yaml:7: events[4].price: unknown key; expected one of date, type, note, source_ref, mineral, quantity, unit, reason",
                "w.yaml:8: events[5].quantity: a write-off of 101 kg of gallium is larger than the holding, 100 kg");
    }
}
