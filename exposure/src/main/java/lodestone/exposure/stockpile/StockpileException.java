package lodestone.exposure.stockpile;

import lodestone.regime.Problem;

import java.util.List;

/** A stockpile ledger (or events to append to it) refused, with every problem located. Nothing was written. */
public final class StockpileException extends Exception {
    private final List<Problem> problems;

    public StockpileException(List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the stockpile ledger: "
                + String.join("; ", problems.stream().limit(5).map(Problem::toString).toList())
                + (problems.size() > 5 ? "; …" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
