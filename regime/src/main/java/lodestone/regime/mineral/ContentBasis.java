package lodestone.regime.mineral;

import lodestone.regime.unit.Unit;

/**
 * What a content-based duty or a price floor is measured on: the contained element or compound
 * (kg of REO, kg of Li2CO3-equivalent, kg of Co, mtu of WO3), in its customary unit.
 */
public record ContentBasis(String id, String name, Unit unit, String description) {
}
