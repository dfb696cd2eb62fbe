package lodestone.market;

import java.util.List;

/** The instruments a scenario may add to a market; each becomes one or more complementarity rows. */
sealed interface Policy {
    String label();

    /**
     * Club price floor enforced at the border by a variable levy on every non-member → member arc: by
     * default one common levy per member, floor − the lowest non-member CIF price (the EU variable-levy rule);
     * with {@code perArc}, levy_rs = max(0, floor − CIF_rs) on each arc.
     */
    record PriceFloor(String label, List<Integer> members, double floor, boolean perArc) implements Policy {}

    /**
     * A region allowed to re-export material it imports, after processing at a cost per unit (a processing
     * rule that confers its origin). Without it a region exports only what it produces or releases from stock.
     */
    record ReExport(String label, int region, double processingCost) implements Policy {}

    /**
     * Price-gap subsidy (contract for difference) to the producers of the listed regions at a strike:
     * one-way pays max(0, strike − price) per unit; two-way also claws back price − strike, so the
     * producer price is the strike.
     */
    record PriceGapSubsidy(String label, List<Integer> regions, double strike, boolean twoWay, boolean recycled) implements Policy {}

    /** Export tax on a region's exports to every other region: ad valorem on its price, plus specific. */
    record ExportTax(String label, int region, double adValorem, double specific) implements Policy {}

    /** Export quota on the region's exports to the listed destinations (all others when empty); 0 is a ban. */
    record ExportQuota(String label, int region, List<Integer> to, double quantity) implements Policy {}

    /**
     * Stockpile in a region: an exogenous release (positive) or build (negative), or a price-triggered
     * release of up to {@code capacity} when the price is above {@code trigger} (build: below).
     */
    record Stockpile(String label, int region, double exogenous, double trigger, double capacity, boolean build) implements Policy {}

    /**
     * A standards-based (certified) market segment: a share of consumption in the listed regions must be
     * certified material, which only the primary output of the certified supplier regions may provide.
     */
    record CertifiedSegment(String label, List<Integer> regions, double share, List<Integer> suppliers) implements Policy {}

    /** Offtake contract: a fixed volume shipped on an arc at a contract price; the price is a transfer. */
    record Offtake(String label, int from, int to, double quantity, double price) implements Policy {}
}
