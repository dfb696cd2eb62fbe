package lodestone.exposure.stockpile;

import lodestone.regime.Regime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A ledger's prices against its minerals' bundled markets: a price per tonne keyed as per kg is said at its place. */
class PriceCheckTest {
    static Markets markets;

    @BeforeAll
    static void load() {
        markets = new Markets(Regime.bundled());
    }

    @Test
    void aPricePerTonneKeyedAsPerKgIsWarnedAtItsPlaceAndTheBundledLedgerIsNot() throws Exception {
        // reported: 15 t of gallium at "580000" (USD/t for USD/kg) was 8.7 bn USD of Project Vault's 11.67 bn, accepted silently
        StockpileFile f = StockpileFile.parse("p.yaml", """
                stockpile: p
                events:
                  - {date: 2026-01-01, type: funding, source: government, amount: 10000000000}
                  - {date: 2026-03-16, type: acquisition, mineral: gallium, quantity: 15, unit: t, price: 580000}
                  - {date: 2026-03-17, type: acquisition, mineral: cobalt, quantity: 100, price: 1.2}
                  - {date: 2026-03-18, type: acquisition, mineral: gallium, quantity: 100, price: 11000}
                  - {date: 2026-03-19, type: acquisition, mineral: cobalt, quantity: 100, price: 46}
                  - {date: 2026-03-20, type: acquisition, mineral: indium, quantity: 100, price: 999999}
                  - {date: 2026-04-01, type: correction, corrects: 2, replacement: {date: 2026-03-16, type: acquisition, mineral: gallium, quantity: 15, unit: t, price: 0.58}}
                """);
        // the ledger as corrected: #2, replaced by #7, is not warned again; the replacement is, in #2's place
        assertThat(PriceCheck.farFromMarket(f.events(), markets)).extracting(Object::toString).containsExactly(
                "p.yaml:9: events[6].replacement.price: 0.58 USD/kg is 1,000 times below the reference price of gallium in the gallium "
                        + "market, 580 USD/kg: a ledger's prices are USD per kg (a price per tonne is a thousand times one per kg); recorded as given",
                "p.yaml:5: events[2].price: 1.2 USD/kg is 39 times below the reference price of cobalt in the cobalt market, 46.3 USD/kg: "
                        + "a ledger's prices are USD per kg (a price per tonne is a thousand times one per kg); recorded as given");
        // before the correction was recorded, #2 was warned
        assertThat(PriceCheck.farFromMarket(f.events().subList(0, 6), markets)).extracting(Object::toString).startsWith(
                "p.yaml:4: events[1].price: 580000 USD/kg is 1,000 times above the reference price of gallium in the gallium market, 580 "
                        + "USD/kg: a ledger's prices are USD per kg (a price per tonne is a thousand times one per kg); recorded as given");
        // an append of the correction alone is warned of its replacement only, in the place it takes
        assertThat(PriceCheck.farFromMarket(f.events(), 6, markets)).extracting(Object::toString).containsExactly(
                "p.yaml:9: events[6].replacement.price: 0.58 USD/kg is 1,000 times below the reference price of gallium in the gallium "
                        + "market, 580 USD/kg: a ledger's prices are USD per kg (a price per tonne is a thousand times one per kg); recorded as given");
        // 19 times the reference (11,000 against 580) is within the factor; indium has no bundled market
        assertThat(PriceCheck.farFromMarket(StockpileFile.bundled("project-vault").events(), markets)).isEmpty();
    }
}
