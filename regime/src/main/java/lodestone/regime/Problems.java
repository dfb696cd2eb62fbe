package lodestone.regime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem found while loading, so that a user sees all of them at once instead of
 * fixing one, re-running and finding the next. Not thread-safe; one per load.
 */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

    public void add(String file, int line, String field, String message) {
        list.add(new Problem(file, line, field, message));
    }

    public void add(Problem p) {
        list.add(p);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** The problems sorted by file and line. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(new java.util.LinkedHashSet<>(list)); // a shared file read twice reports once
        Collections.sort(copy);
        return copy;
    }

    /** Throws {@link RegimeInvalidException} carrying every problem when there is any. */
    public void throwIfAny(String what) {
        if (!list.isEmpty()) throw new RegimeInvalidException(what, sorted());
    }
}
