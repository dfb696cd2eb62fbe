package lodestone.regime.mineral;

import lodestone.regime.unit.Unit;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a content-based duty or a price floor is measured on: the contained element or compound
 * (kg of REO, kg of Li2CO3-equivalent, kg of Co, mtu of WO3), in its customary unit.
 *
 * <p>A basis may state how its mass converts into another basis ({@code converts-to} in
 * minerals.yaml): tungsten concentrate is traded per mtu of WO3 while the HTS charges per kg of W, so
 * WO3 converts to W by the mass fraction of tungsten in WO3. The assessor uses a conversion only when
 * the basis a duty needs was not declared, and writes it into the trail.
 */
public record ContentBasis(String id, String name, Unit unit, String description, List<Conversion> conversions) {

    /**
     * A mass of this basis is {@code massFraction} of its mass in {@code basis} (both as mass, after
     * converting the units), with the note saying where the fraction comes from.
     */
    public record Conversion(String basis, BigDecimal massFraction, String note) { }

    public ContentBasis {
        conversions = conversions == null ? List.of() : List.copyOf(conversions);
    }

    public ContentBasis(String id, String name, Unit unit, String description) {
        this(id, name, unit, description, List.of());
    }

    /** The conversion of this basis into {@code target}, or null. */
    public Conversion conversionTo(String target) {
        for (Conversion c : conversions) if (c.basis().equalsIgnoreCase(target)) return c;
        return null;
    }
}
