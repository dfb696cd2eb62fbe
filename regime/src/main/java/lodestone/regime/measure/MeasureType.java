package lodestone.regime.measure;

/**
 * Measure types, each in a series whose letter fixes the order of evaluation, after TARIC's
 * measure-type series: A prohibitions first (a prohibited line gets no duty figures), then B
 * conditions and documents, C duties, D trade remedies, E additional duties.
 */
public enum MeasureType {
    PROHIBITION('A', "import prohibition"),
    DOCUMENT_REQUIREMENT('B', "documents and conditions"),
    THIRD_COUNTRY_DUTY('C', "third-country (general) duty"),
    TARIFF_PREFERENCE('C', "tariff preference"),
    NON_NTR_DUTY('C', "column 2 duty"),
    ANTI_DUMPING('D', "anti-dumping duty"),
    COUNTERVAILING('D', "countervailing duty"),
    SAFEGUARD('D', "safeguard duty"),
    MINIMUM_IMPORT_PRICE('D', "minimum import price"),
    ADDITIONAL_DUTY('E', "additional duty"),
    VARIABLE_LEVY('E', "variable levy (border-adjusted price floor)");

    private final char series;
    private final String label;

    MeasureType(char series, String label) {
        this.series = series;
        this.label = label;
    }

    public char series() {
        return series;
    }

    public String label() {
        return label;
    }

    /** Evaluation order: by series letter. */
    public int order() {
        return series - 'A';
    }
}
