package lodestone.regime.agreement;

/** A commitment made under an agreement, by category, by whom, in a sentence, with its source. */
public record Commitment(Category category, String party, String text, Source source) {

    /** The chapters in which the 2025–2026 frameworks and agreements group their commitments. */
    public enum Category {
        TARIFFS, NON_TARIFF_BARRIERS, SPS, GEOGRAPHICAL_INDICATIONS, DIGITAL_TRADE, INTELLECTUAL_PROPERTY, LABOUR,
        FORCED_LABOUR, ENVIRONMENT, ECONOMIC_SECURITY, PROCUREMENT, SOES, CRITICAL_MINERALS, RULES_OF_ORIGIN,
        INVESTMENT, STOCKPILING, PRICE_FLOORS, STANDARDS
    }
}
