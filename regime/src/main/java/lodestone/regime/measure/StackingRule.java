package lodestone.regime.measure;

import java.util.List;

/**
 * Why one measure does not stack on another: a pair of measure selectors and the legal text that says the displaced
 * measure is not charged on the value the displacing one is charged on (docs/regime-format.md, "Stacking rules").
 * A rule explains a {@code displaces} entry of a measure; it does not make one (the amounts come from the measures'
 * {@code displaces}, so the bulk fast path never reads the rules).
 *
 * @param id          stable id, cited in the trail
 * @param measures    the displacing measures: ids, headings, or either as a prefix ending in {@code *}
 * @param displaces   the displaced measures, selected the same way
 * @param citation    the legal text that says so (instrument, section, HTS heading or note), or null when not sourced
 * @param notSourced  when no citation could be sourced: what is missing (then {@code citation} is null)
 * @param source      where the citation was read (a source file of the shared data, a page address), or null
 * @param file        regime file and line where the rule is written
 */
public record StackingRule(String id, List<String> measures, List<String> displaces, String citation, String notSourced,
                           String source, String file, int line) {

    public StackingRule {
        measures = List.copyOf(measures);
        displaces = List.copyOf(displaces);
    }

    /** Whether a selector (id, heading, or either as a prefix ending in *) names the measure. */
    public static boolean selects(String selector, Measure m) {
        if (selector.endsWith("*")) {
            String stem = selector.substring(0, selector.length() - 1);
            return m.id().startsWith(stem) || (m.heading() != null && m.heading().startsWith(stem));
        }
        return selector.equals(m.id()) || selector.equals(m.heading());
    }

    private static boolean any(List<String> selectors, Measure m) {
        for (String s : selectors) if (selects(s, m)) return true;
        return false;
    }

    /** Whether this rule explains {@code displacer} being charged in the place of {@code displaced}. */
    public boolean explains(Measure displacer, Measure displaced) {
        return any(measures, displacer) && any(displaces, displaced);
    }

    /** Whether the rule carries a citation (false: "citation not sourced"). */
    public boolean sourced() {
        return citation != null;
    }

    /** The rule as the trail cites it: "ID: CITATION", or "ID: citation not sourced — WHAT IS MISSING". */
    public String cited() {
        return id + ": " + citationText();
    }

    /** The citation, or "citation not sourced — WHAT IS MISSING" (the trail's and {@code regime diff}'s words). */
    public String citationText() {
        return citation != null ? citation : "citation not sourced — " + notSourced;
    }

    /** The trail's words for a pair and the rules explaining it: "does not stack — A: …; B: …". */
    public static String cited(List<StackingRule> rules) {
        if (rules.isEmpty()) return UNCITED;
        StringBuilder b = new StringBuilder("does not stack — ");
        for (int i = 0; i < rules.size(); i++) b.append(i == 0 ? "" : "; ").append(rules.get(i).cited());
        return b.toString();
    }

    /** What the trail says of a pair no stacking rule of the regime explains. */
    public static final String UNCITED = "does not stack — no stacking rule of the regime cites this pair";
}
