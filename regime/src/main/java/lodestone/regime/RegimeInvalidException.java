package lodestone.regime;

import java.util.List;

/** A regime (or another input) that failed validation; carries every problem found. Nothing was loaded. */
public final class RegimeInvalidException extends RuntimeException {
    private final transient List<Problem> problems;

    public RegimeInvalidException(String what, List<Problem> problems) {
        super(what + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + (problems.isEmpty() ? "" : "; first: " + problems.get(0)));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
