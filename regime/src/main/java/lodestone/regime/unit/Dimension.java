package lodestone.regime.unit;

/** What a unit measures; quantities convert only within one dimension. */
public enum Dimension {
    MASS("kg"), COUNT("No."), PAIRS("prs."), VOLUME("l"), AREA("m2"), LENGTH("m"), ENERGY("MWh"),
    RADIOACTIVITY("GBq"), DOSES("doses"), POWER("W");

    private final String baseUnit;

    Dimension(String baseUnit) {
        this.baseUnit = baseUnit;
    }

    public String baseUnit() {
        return baseUnit;
    }
}
