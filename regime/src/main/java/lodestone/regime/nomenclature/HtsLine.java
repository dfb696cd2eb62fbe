package lodestone.regime.nomenclature;

import java.util.List;

/**
 * One line of the US Harmonized Tariff Schedule: a heading (4 digits), subheading (6), tariff
 * line (8) or statistical line (10) — or an uncoded line of "superior text" that only groups the
 * lines indented below it. Indentation gives the parent, as in the printed schedule.
 *
 * @param index       position in the schedule (stable within one regime)
 * @param code        the code as printed, e.g. {@code 2846.90.80}; empty for superior text
 * @param digits      the code's digits, e.g. {@code 28469080}; empty for superior text
 * @param indent      the schedule's indentation level
 * @param description the line's own text (not its ancestors')
 * @param units       units of quantity as printed (e.g. {@code kg}, {@code Mo kg}); may be empty
 * @param parent      index of the parent line, or -1 for a heading
 * @param declarable  true for a coded line with no coded line below it: goods are declared there
 */
public record HtsLine(int index, String code, String digits, int indent, String description, List<String> units,
                      int parent, boolean declarable) {

    public boolean coded() {
        return !digits.isEmpty();
    }

    public String chapter() {
        return digits.length() >= 2 ? digits.substring(0, 2) : "";
    }
}
