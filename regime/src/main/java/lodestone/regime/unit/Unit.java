package lodestone.regime.unit;

import java.math.BigDecimal;

/**
 * A unit of quantity: its canonical code, its dimension, and how many base units of that
 * dimension one of it is (exact: 1 lb = 0.45359237 kg by the 1959 international definition;
 * 1 mtu = 10 kg, the metric ton unit in which tungsten and manganese ores are priced).
 */
public record Unit(String code, Dimension dimension, BigDecimal inBaseUnits, String name) {

    public boolean convertibleTo(Unit other) {
        return dimension == other.dimension;
    }

    /**
     * Whether {@code q} of this unit is more than {@code r} of {@code other} (convertible units), exactly: compared in base
     * units by multiplying, without the division {@link #factorTo} makes — a bulk file's reader asks it of every line that
     * declares a content, mostly in the line's own unit, which costs nothing more than a comparison.
     */
    public boolean moreThan(BigDecimal q, Unit other, BigDecimal r) {
        if (!convertibleTo(other)) throw new IllegalArgumentException("cannot compare " + code + " with " + other.code);
        if (inBaseUnits.compareTo(other.inBaseUnits) == 0) return q.compareTo(r) > 0;
        return q.multiply(inBaseUnits).compareTo(r.multiply(other.inBaseUnits)) > 0;
    }

    /** The factor f such that a quantity q in this unit is q × f in {@code other}. */
    public BigDecimal factorTo(Unit other) {
        if (!convertibleTo(other)) {
            throw new IllegalArgumentException("cannot convert " + code + " (" + dimension.name().toLowerCase()
                    + ") to " + other.code + " (" + other.dimension.name().toLowerCase() + ")");
        }
        return inBaseUnits.divide(other.inBaseUnits, java.math.MathContext.DECIMAL128);
    }

    @Override
    public String toString() {
        return code;
    }
}
