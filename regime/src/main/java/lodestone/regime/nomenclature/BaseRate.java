package lodestone.regime.nomenclature;

import lodestone.regime.measure.DutyExpression;

import java.util.Set;

/**
 * A rate printed in the schedule for a line.
 *
 * @param column     which column
 * @param programs   for {@link RateColumn#SPECIAL}: the program indicators it applies to (e.g. P, P+)
 * @param expression the parsed rate, or null when the schedule's text could not be modelled
 * @param sourceText the text as printed in the schedule
 */
public record BaseRate(RateColumn column, Set<String> programs, DutyExpression expression, String sourceText) {

    public boolean modelled() {
        return expression != null;
    }

    /** The id used in assessments and bulk output: general, column2 or special:P. */
    public String measureId(String program) {
        return column == RateColumn.SPECIAL ? "special:" + program : column.spelling();
    }
}
