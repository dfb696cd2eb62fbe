package lodestone.exposure.stockpile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a stockpile holds and owes on a date, derived from its events (never stored): holdings and their
 * weighted average cost by mineral, funding by source and what is left of it, carrying costs, loans, and
 * each member's entitlement. Money in USD, quantities in kg.
 *
 * @param fundingLeft funding drawn − acquisitions − replenishments paid − carrying costs + proceeds of
 *                    releases, draws and buy-backs: the cash the stockpile can still spend
 */
public record Position(String stockpile, LocalDate asOf, int events, List<Holding> holdings, Map<StockpileEvent.Source, BigDecimal> funding,
                       BigDecimal fundingDrawn, BigDecimal spent, BigDecimal proceeds, BigDecimal fundingLeft,
                       Map<StockpileEvent.CarryingKind, BigDecimal> carrying, BigDecimal carryingTotal, List<Loan> loans,
                       List<Member> members) {

    /**
     * One mineral's holding. {@code quantityKg} = acquired − released − drawn + replenished − boughtBack − writtenOff;
     * {@code costBasis} is the weighted average cost of what is held (an outflow removes cost at the average,
     * rounded half-up to the cent); {@code realisedGain} = proceeds of outflows − the cost they removed.
     */
    public record Holding(String mineral, BigDecimal quantityKg, BigDecimal costBasis, BigDecimal acquiredKg, BigDecimal releasedKg,
                          BigDecimal drawnKg, BigDecimal replenishedKg, BigDecimal boughtBackKg, BigDecimal writtenOffKg, BigDecimal realisedGain,
                          List<String> forms) {
        /** Average cost in USD/kg (4 decimals), or null when nothing is held. */
        public BigDecimal averageCost() {
            return quantityKg.signum() == 0 ? null : costBasis.divide(quantityKg, 4, RoundingMode.HALF_UP);
        }

        /** Value at {@code priceUsdPerKg}, to the cent. */
        public BigDecimal valueAt(BigDecimal priceUsdPerKg) {
            return quantityKg.multiply(priceUsdPerKg).setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** A loan tranche drawn, with its annual rate (percent), term and the simple interest it costs a year. */
    public record Loan(LocalDate drawn, String party, BigDecimal principal, BigDecimal ratePercent, Integer termYears, LocalDate maturity,
                       BigDecimal annualInterest) { }

    /** A member: its entry fee and, by mineral, its allocation and what it may still draw (its entitlement). */
    public record Member(String id, LocalDate joined, BigDecimal entryFee, Map<String, BigDecimal> allocationKg,
                         Map<String, BigDecimal> entitlementKg, Map<String, BigDecimal> drawnKg) { }

    public Holding holding(String mineral) {
        for (Holding h : holdings) if (h.mineral().equals(mineral)) return h;
        return null;
    }

    public Member member(String id) {
        for (Member m : members) if (m.id().equals(id)) return m;
        return null;
    }
}
