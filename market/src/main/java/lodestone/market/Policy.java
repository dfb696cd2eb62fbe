package lodestone.market;

import java.util.List;

/**
 * A policy a scenario adds to a market: what an instrument's reader makes of one {@code policies:} entry
 * ({@link Instrument.PolicyType}) and its instrument reads back in the model. The built-in instruments' records
 * are here; an instrument added later may declare its record in its own class.
 */
interface Policy {
    String label();

    /** The fields a {@code horizon.paths} entry may set year by year (docs/scenario-format.md, "Years"). */
    default List<String> pathFields() { return List.of(); }

    /** This policy with one of its {@link #pathFields()} set to v. */
    default Policy withField(String field, double v) { return this; }

    /**
     * Club price floor enforced at the border by a variable levy on every non-member → member arc: by
     * default one common levy per member, floor − the lowest non-member CIF price (the EU variable-levy rule);
     * with {@code perArc}, levy_rs = max(0, floor − CIF_rs) on each arc.
     */
    record PriceFloor(String label, List<Integer> members, double floor, boolean perArc) implements Policy {
        @Override
        public List<String> pathFields() { return List.of("floor"); }

        @Override
        public Policy withField(String field, double v) { return new PriceFloor(label, members, v, perArc); }
    }

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
    record PriceGapSubsidy(String label, List<Integer> regions, double strike, boolean twoWay, boolean recycled) implements Policy {
        @Override
        public List<String> pathFields() { return List.of("strike"); }

        @Override
        public Policy withField(String field, double v) { return new PriceGapSubsidy(label, regions, v, twoWay, recycled); }
    }

    /** Export tax on a region's exports to every other region: ad valorem on its price, plus specific. */
    record ExportTax(String label, int region, double adValorem, double specific) implements Policy {
        @Override
        public List<String> pathFields() { return List.of("ad_valorem", "specific"); }

        @Override
        public Policy withField(String field, double v) {
            return field.equals("ad_valorem") ? new ExportTax(label, region, v, specific) : new ExportTax(label, region, adValorem, v);
        }
    }

    /** Export quota on the region's exports to the listed destinations (all others when empty); 0 is a ban. */
    record ExportQuota(String label, int region, List<Integer> to, double quantity) implements Policy {
        @Override
        public List<String> pathFields() { return List.of("quantity"); }

        @Override
        public Policy withField(String field, double v) { return new ExportQuota(label, region, to, v); }
    }

    /**
     * Stockpile in a region: an exogenous release (positive) or build (negative), or a price-triggered
     * release of up to {@code capacity} when the price is above {@code trigger} (build: below).
     */
    record Stockpile(String label, int region, double exogenous, double trigger, double capacity, boolean build) implements Policy {
        @Override
        public List<String> pathFields() { return capacity > 0 ? List.of("trigger_price", "capacity") : List.of("release"); }

        @Override
        public Policy withField(String field, double v) {
            return switch (field) {
                case "release" -> new Stockpile(label, region, v, trigger, capacity, build);
                case "trigger_price" -> new Stockpile(label, region, exogenous, v, capacity, build);
                default -> new Stockpile(label, region, exogenous, trigger, v, build);
            };
        }
    }

    /**
     * A standards-based (certified) market segment: a share of consumption in the listed regions must be
     * certified material, which only the primary output of the certified supplier regions may provide.
     */
    record CertifiedSegment(String label, List<Integer> regions, double share, List<Integer> suppliers) implements Policy {}

    /** Offtake contract: a fixed volume shipped on an arc at a contract price; the price is a transfer. */
    record Offtake(String label, int from, int to, double quantity, double price) implements Policy {}
}
