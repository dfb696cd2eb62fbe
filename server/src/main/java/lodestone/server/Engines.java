package lodestone.server;

import lodestone.border.Assessor;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.regime.Regime;
import lodestone.regime.RegimeInvalidException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engines the server calls: the active regime (which administrators may switch) and, per regime, the
 * compiled assessor. Regimes and assessors are immutable, so requests share them without locks.
 */
final class Engines {
    /** The regimes an administrator can choose from besides a folder or manifest on the server's disk. */
    static final List<String> BUNDLED = List.of("bundled", "bundled:plurilateral");

    private final Map<String, Assessor> assessors = new ConcurrentHashMap<>();
    /** Regimes by spec, loaded once: a folder or manifest is read again only when an administrator activates it. */
    private final Map<String, Regime> regimes = new ConcurrentHashMap<>();
    private volatile String activeSpec;
    /** The regimes a request may name: the bundled ones, the one the server started with, and those an administrator activated. */
    private final java.util.Set<String> registered = ConcurrentHashMap.newKeySet();

    Engines(String spec) {
        this.activeSpec = spec;
        registered.addAll(BUNDLED);
        registered.add(spec);
        assessor(spec); // load and compile now: a bad regime stops the server at start, not at the first request
    }

    String activeSpec() {
        return activeSpec;
    }

    Regime regime() {
        return regime(activeSpec);
    }

    Regime regime(String spec) {
        Regime r = regimes.get(spec);
        if (r != null) return r;
        r = load(spec);
        Regime had = regimes.putIfAbsent(spec, r);
        return had != null ? had : r;
    }

    /** How many of a bad regime's problems an answer lists (all of them, up to this). */
    static final int SHOWN_PROBLEMS = 50;

    private static Regime load(String spec) {
        if (!spec.startsWith("bundled") && !java.nio.file.Files.exists(java.nio.file.Path.of(spec))) {
            throw new ApiError(400, "unknown_regime", "regime \"" + spec + "\": no such folder or manifest on the server; expected "
                    + "bundled, bundled:plurilateral, a folder holding regime.yaml, or a manifest file", "regime");
        }
        try {
            return Regime.open(spec);
        } catch (RegimeInvalidException e) {
            // every problem, up to a page of them, and how many there are (it said the first five, with no count)
            int n = e.problems().size();
            throw new ApiError(422, "invalid_regime", "regime " + spec + " is invalid: " + n + (n == 1 ? " problem: " : " problems: ")
                    + String.join("; ", e.problems().stream().limit(SHOWN_PROBLEMS).map(Object::toString).toList())
                    + (n > SHOWN_PROBLEMS ? "; … and " + (n - SHOWN_PROBLEMS) + " more (lodestone regime validate lists them all)" : ""),
                    "regime");
        } catch (RuntimeException e) {
            // the regime reader's message may say what it expected already: say it once
            String m = String.valueOf(e.getMessage());
            throw new ApiError(400, "unknown_regime", "cannot open regime \"" + spec + "\": " + m
                    + (m.contains("expected") ? "" : "; expected bundled, bundled:plurilateral, a folder holding regime.yaml, or a manifest file"), "regime");
        }
    }

    Assessor assessor() {
        return assessor(activeSpec);
    }

    /**
     * The assessor of a regime named in a request by someone who is not choosing the server's regime (a
     * comparison's {@code with}): only a registered name; anything else is refused with the same message
     * whether or not a file of that name exists, and the file system is never consulted.
     */
    Assessor named(String field, String spec) {
        if (!registered.contains(spec)) {
            throw new ApiError(400, "unknown_regime", field + ": unknown regime; expected one of " + String.join(", ", registered.stream().sorted().toList())
                    + " (an administrator registers another by making it active)" + (field.equals("with") ? ", or date:YYYY-MM-DD" : ""), field);
        }
        return assessor(spec);
    }

    Assessor assessor(String spec) {
        return assessors.computeIfAbsent(spec, s -> {
            Regime r = regime(s);
            return PreferenceOriginVerifier.assessorFor(r);
        });
    }

    /**
     * Makes {@code spec} the active regime, loading and compiling it first so that a bad one changes nothing.
     * A folder or manifest is read from disk again (an administrator activating it means "this version").
     */
    void activate(String spec) {
        if (!BUNDLED.contains(spec)) {
            Regime fresh = load(spec);
            Assessor compiled = PreferenceOriginVerifier.assessorFor(fresh);
            regimes.put(spec, fresh);
            assessors.put(spec, compiled);
            registered.add(spec);
        } else {
            assessor(spec);
        }
        activeSpec = spec;
    }
}
