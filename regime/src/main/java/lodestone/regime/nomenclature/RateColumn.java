package lodestone.regime.nomenclature;

/**
 * The three rate columns of the HTS: column 1 general (normal trade relations), column 1 special
 * (preference programs, named by indicator), and column 2 (countries without normal trade relations).
 */
public enum RateColumn {
    GENERAL, SPECIAL, COLUMN2;

    public String spelling() {
        return name().toLowerCase();
    }
}
