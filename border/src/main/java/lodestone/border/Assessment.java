package lodestone.border;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an entry line owes and why: every measure that applied with its amount (in evaluation
 * order), the total, the effective rate, the landed cost, the documents required, prohibitions,
 * warnings, and the trail of every measure considered.
 *
 * <p>Amounts are US dollars, each measure's amount rounded half-up to the cent; the total is the
 * sum of the rounded amounts; the effective rate is total ÷ customs value as a percentage rounded
 * half-up to two decimals; the landed cost is customs value + total duty. {@code regime} and {@code regimeVersion} name
 * the regime the line was assessed under and its version (regime.yaml {@code version}): a saved result says which
 * edition of the data gave its figures.
 */
public record Assessment(String lineId, Status status, String hts, String origin, java.time.LocalDate date,
                         BigDecimal customsValueUsd, List<Charge> charges, BigDecimal totalDuty,
                         BigDecimal effectiveRatePercent, BigDecimal landedCost, List<String> documentsRequired,
                         List<String> prohibitions, List<String> warnings, List<TrailStep> trail, String regime,
                         String regimeVersion) {

    public enum Status { ASSESSED, PROHIBITED }

    /**
     * A measure that applied, with its amount in USD and how it was computed; {@code title} is its name as people say
     * it ("Section 232 duty on … copper", "Base rate (general)").
     */
    public record Charge(String id, String measureId, char series, String type, BigDecimal amount, String calculation,
                         String legalBase, String title) { }

    /**
     * One measure considered: whether it applied, why, and the calculation.
     *
     * @param outcome applied, not-applicable, exempt, blocked, displaced, documents
     */
    /**
     * A step of the trail. {@code stacking}: for a measure not charged (or charged on less) because another displaces it,
     * each displacing measure with the stacking rule that says why and its citation (empty otherwise).
     */
    public record TrailStep(String id, char series, String outcome, String text, List<Stacked> stacking) {
        public TrailStep {
            stacking = List.copyOf(stacking);
        }

        public TrailStep(String id, char series, String outcome, String text) {
            this(id, series, outcome, text, List.of());
        }
    }

    /**
     * Why a measure does not stack on one that displaces it: the displacing measure (as the trail names it), the stacking
     * rule (null when no rule of the regime cites the pair), its citation, or null with {@code notSourced} saying what
     * could not be sourced.
     */
    public record Stacked(String by, String rule, String citation, String notSourced) { }

    public Assessment {
        charges = List.copyOf(charges);
        documentsRequired = List.copyOf(documentsRequired);
        prohibitions = List.copyOf(prohibitions);
        warnings = List.copyOf(warnings);
        trail = List.copyOf(trail);
    }
}
