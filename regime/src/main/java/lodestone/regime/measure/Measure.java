package lodestone.regime.measure;

import lodestone.regime.Validity;

import java.math.BigDecimal;
import java.util.List;

/**
 * A measure after EU TARIC / the UK Trade Tariff: a type (in an evaluation series), the goods and
 * origins it covers (with exclusions), a validity window, a duty expression, conditions with
 * actions, the measures it displaces on the same portion of value, and its legal base.
 *
 * @param id              stable id used in trails and bulk output (for Chapter 99 measures, the 9903 heading)
 * @param duty            the duty when no condition decides otherwise; null for prohibitions and
 *                        document requirements
 * @param valueBasis      which portion of the value the duty is charged on
 * @param usContentShare  for {@link ValueBasis#NON_US_CONTENT_VALUE}: the US-content share from which
 *                        the US-content value is taken off (e.g. 20)
 * @param valueBasisCitation for {@link ValueBasis#METAL_CONTENT_VALUE_IF_DECLARED}: the instrument and the guidance
 *                        that put the duty on the content's value when declared and on the whole value otherwise, cited in
 *                        the trail and in the warning of a line that does not declare it; else null
 * @param displaces       ids of measures this one displaces on the portion of value it is charged on
 * @param agreement       the agreement the measure implements, if any
 * @param illustrative    true for Lodestone's illustrative (not-law) measures
 * @param lowValueWaiver  for a document requirement: the importation value up to which its documents are not required
 *                        (19 CFR 10.586(a)(2)), or null
 * @param file            regime file and line where the measure is written
 */
public record Measure(String id, MeasureType type, String title, ProductScope products, OriginScope origins,
                      Validity validity, DutyExpression duty, ValueBasis valueBasis, BigDecimal usContentShare,
                      String valueBasisCitation,
                      List<Condition> conditions, List<String> displaces, LegalBase legalBase, List<String> footnotes,
                      LowValueWaiver lowValueWaiver, String agreement, boolean illustrative, String file, int line) {

    public Measure {
        conditions = List.copyOf(conditions);
        displaces = List.copyOf(displaces);
        footnotes = List.copyOf(footnotes);
    }

    /** The Chapter 99 heading when the measure has one. */
    public String heading() {
        return legalBase == null ? null : legalBase.heading();
    }

    /** The id written in bulk output: the 9903 heading for Chapter 99 measures, else the id. */
    public String outputId() {
        String h = heading();
        return h != null && h.startsWith("9903") ? h : id;
    }

    /**
     * Whether this measure's {@code displaces} names {@code other} — by its id, its heading, or a heading prefix ending in
     * {@code *} — so that {@code other} is not charged on the value this one is charged on. The one reading of
     * {@code displaces} for the engine's plan, the validator and the stacking rules.
     */
    public boolean displaces(Measure other) {
        String h = other.heading();
        for (String d : displaces) {
            if (d.equals(other.id())) return true;
            if (h == null) continue;
            if (d.endsWith("*") ? h.startsWith(d.substring(0, d.length() - 1)) : d.equals(h)) return true;
        }
        return false;
    }
}
