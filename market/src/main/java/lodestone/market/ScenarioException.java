package lodestone.market;

import java.util.List;

/**
 * A scenario that cannot be run. Carries every problem found (each "file:line: field: what is wrong"),
 * so one run reports them all; nothing is solved half-way.
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ScenarioException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
