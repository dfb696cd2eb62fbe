package lodestone.regime.measure;

import java.util.List;

/**
 * A rule of a measure: when every test holds, the action decides. A measure's conditions are
 * tried in order and the first that holds decides; this also expresses stepped ladders (ordered
 * price thresholds, first met applies). When none holds the measure's own duty applies.
 *
 * @param id   an optional id (e.g. the 9903 heading of an exemption such as 9903.03.02)
 * @param line the line of the regime file where it is written, for explanations
 */
public record Condition(String id, List<Test> tests, Action action, String note, int line) {
    public Condition {
        tests = List.copyOf(tests);
    }
}
