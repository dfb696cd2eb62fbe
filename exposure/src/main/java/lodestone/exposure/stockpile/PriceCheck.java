package lodestone.exposure.stockpile;

import lodestone.market.Scenario;
import lodestone.market.ScenarioException;
import lodestone.regime.Problem;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ledger's prices set against the bundled market of their mineral. A ledger takes prices in USD per kg; one keyed per
 * tonne (or per pound) moves the cost basis a thousand-fold, and the ledger accepts it for as long as the funding lasts —
 * 15 t of gallium at "580,000" is 8.7 bn USD, within Project Vault's 11.67 bn. A price more than {@link #FACTOR} times
 * above or below the reference price of the mineral's bundled baseline market is warned at its place; the figures keep the
 * price as given (a ledger records what was paid, and a price may be far from a market's for a reason). A mineral no
 * bundled market trades is not checked.
 */
public final class PriceCheck {
    private PriceCheck() { }

    /** How many times a price may differ from its market's reference price before it is warned (as a company's lines). */
    public static final BigDecimal FACTOR = BigDecimal.valueOf(20);

    /**
     * The warnings of the prices of the ledger as corrected (a replacement at its own place, in the corrected event's; an event
     * struck out or replaced is not warned again, reported: an auditor saw a corrected price warned on every reading), in the
     * ledger's order.
     */
    public static List<Problem> farFromMarket(List<? extends StockpileEvent> events, Markets markets) {
        return farFromMarket(events, 0, markets);
    }

    /**
     * As {@link #farFromMarket(List, Markets)}, only of what the events after the first {@code recorded} brought: events
     * appended to a ledger of {@code recorded} events, and the replacements their corrections put in earlier places.
     */
    public static List<Problem> farFromMarket(List<? extends StockpileEvent> events, int recorded, Markets markets) {
        Map<String, Reference> refs = new HashMap<>();
        List<Problem> out = new ArrayList<>();
        for (StockpileLedger.Effective eff : StockpileLedger.asCorrected(events)) {
            if (Math.max(eff.number(), eff.byCorrection()) <= recorded) continue;
            StockpileEvent x = eff.event();
            String mineral;
            BigDecimal price;
            switch (x) {
                case StockpileEvent.Acquisition a -> { mineral = a.mineral(); price = a.priceUsdPerKg(); }
                case StockpileEvent.Release r -> { mineral = r.mineral(); price = r.priceUsdPerKg(); }
                case StockpileEvent.Draw d -> { mineral = d.mineral(); price = d.priceUsdPerKg(); }
                case StockpileEvent.Replenishment r -> { mineral = r.mineral(); price = r.priceUsdPerKg(); }
                case StockpileEvent.BuyBack b -> { mineral = b.mineral(); price = b.priceUsdPerKg(); }
                default -> { continue; }
            }
            if (mineral == null || price == null || price.signum() <= 0) continue;
            Reference ref = refs.computeIfAbsent(mineral, m -> reference(m, markets));
            if (ref == null) continue;
            boolean below = price.compareTo(ref.usdPerKg()) < 0;
            BigDecimal times = below ? ref.usdPerKg().divide(price, MathContext.DECIMAL64) : price.divide(ref.usdPerKg(), MathContext.DECIMAL64);
            if (times.compareTo(FACTOR) <= 0) continue;
            out.add(new Problem(x.at().file(), x.at().line(), x.at().field("price"), price.toPlainString() + " USD/kg is "
                    + String.format(java.util.Locale.ROOT, "%,d", times.setScale(0, RoundingMode.HALF_UP).longValue()) + " times "
                    + (below ? "below" : "above") + " the reference price of " + mineral + " in the " + ref.market() + " market, "
                    + ref.usdPerKg().toPlainString() + " USD/kg: a ledger's prices are USD per kg (a price per tonne is a thousand "
                    + "times one per kg); recorded as given"));
        }
        return out;
    }

    private record Reference(String market, BigDecimal usdPerKg) { }

    private static Reference reference(String mineral, Markets markets) {
        try {
            String name = markets.baselineFor(mineral).orElse(null);
            if (name == null) return null;
            Scenario s = markets.scenario(name);
            double perKg = s.referencePrice() * Markets.usdPerKgPerUnit(s);
            if (!(perKg > 0)) return null;
            return new Reference(name, new BigDecimal(Double.toString(perKg)).round(new MathContext(6)).stripTrailingZeros());
        } catch (ScenarioException | IllegalArgumentException e) {
            return null; // a market that cannot say its price checks nothing
        }
    }
}
