package lodestone.regime.measure;

import java.util.List;

/** What a condition does when its tests hold. */
public sealed interface Action {

    /** Charge this expression instead of (or as) the measure's duty. */
    record Apply(DutyExpression expression) implements Action { }

    /** The measure does not apply to this line, for this reason. */
    record Exempt(String reason) implements Action { }

    /** The goods may not be imported: the line is prohibited and gets no duty figures. */
    record Block(String reason) implements Action { }

    /**
     * Charge the difference between the reference price and the declared unit price, when positive,
     * times the quantity (of content when the price names a basis): the minimum-import-price
     * mechanism, and the border-adjusted price floor.
     */
    record ChargeDifference(Price reference) implements Action { }

    /** These documents are required for the goods; the line is assessed, the requirement reported. */
    record RequireDocuments(List<String> documents) implements Action { }
}
