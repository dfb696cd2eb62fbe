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
