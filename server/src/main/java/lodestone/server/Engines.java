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
    /** The regimes an administrator can choose from besides the folders the server's operator offers. */
    static final List<String> BUNDLED = List.of("bundled", "bundled:plurilateral");

    private final Map<String, Assessor> assessors = new ConcurrentHashMap<>();
    /** Regimes by name, loaded once: an offered folder or manifest is read again only when an administrator activates it. */
    private final Map<String, Regime> regimes = new ConcurrentHashMap<>();
    private volatile String activeSpec;
    /**
     * The regimes a request may name, each with what the server reads for it: the bundled ones, and the one the server
     * started with and the folders or manifests its operator offered ({@code serve --regime-folder}), each named
     * {@code folder:NAME} after its last path element. A request names a regime only by one of these names, so it never
     * names a file on the server: an administrator's {@code PUT /api/regime} with a path could ask whether any file
     * exists and read its first line back in the error (a review found {@code /etc/passwd:1: expected a mapping}).
     */
    private final Map<String, String> offered = new java.util.LinkedHashMap<>();

    Engines(String spec) {
        this(spec, List.of());
    }

    /** @param folders folders or manifests an administrator may activate, as the server's operator gave them */
    Engines(String spec, List<String> folders) {
        for (String b : BUNDLED) offered.put(b, b);
        String start = offer(spec, "--regime");
        for (String f : folders) offer(f, "--regime-folder");
        this.activeSpec = start;
        assessor(start); // load and compile now: a bad regime stops the server at start, not at the first request
    }

    /** Adds a folder or manifest (or a bundled regime) to those offered and returns its name. */
    private String offer(String source, String option) {
        if (BUNDLED.contains(source)) return source;
        java.nio.file.Path path = java.nio.file.Path.of(source);
        boolean readable = java.nio.file.Files.isDirectory(path) ? java.nio.file.Files.isRegularFile(path.resolve("regime.yaml"))
                : java.nio.file.Files.isRegularFile(path);
        if (!readable) {
            // at start, not when an administrator first activates it: a mistyped folder is the operator's to see
            throw new IllegalArgumentException(option + ": " + source + (java.nio.file.Files.isDirectory(path)
                    ? " holds no regime.yaml" : " is neither a folder nor a file") + "; give a regime folder (holding regime.yaml) or a manifest");
        }
        String name = nameOf(source);
        String had = offered.putIfAbsent(name, source);
        if (had != null && !had.equals(source)) {
            throw new IllegalArgumentException(option + ": " + had + " and " + source + " would both be named " + name
                    + "; give folders with different last names");
        }
        return name;
    }

    /** folder:NAME — the last element of the path, a manifest's without .yaml, in letters, digits, '.', '_' and '-'. */
    static String nameOf(String source) {
        java.nio.file.Path p = java.nio.file.Path.of(source).normalize();
        java.nio.file.Path last = p.getFileName() != null ? p.getFileName() : p.toAbsolutePath().normalize().getFileName();
        String n = last == null ? "regime" : last.toString().replaceFirst("(?i)\\.ya?ml$", "");
        n = n.replaceAll("[^A-Za-z0-9._-]", "-");
        return "folder:" + (n.isEmpty() ? "regime" : n);
    }

    /** The names a request may give, in order: the bundled regimes, then the offered folders. */
    List<String> offeredNames() {
        return List.copyOf(offered.keySet());
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
        r = load(offered.getOrDefault(spec, spec)); // (a job stored before folders had names gave the path itself)
        Regime had = regimes.putIfAbsent(spec, r);
        return had != null ? had : r;
    }

    /** How many of a bad regime's problems an answer lists (all of them, up to this). */
    static final int SHOWN_PROBLEMS = 50;

    private static Regime load(String source) {
        return load(source, source);
    }

    /** Opens an offered regime's {@code source}; errors say {@code name}, the name the request gave. */
    private static Regime load(String source, String name) {
        if (!source.startsWith("bundled") && !java.nio.file.Files.exists(java.nio.file.Path.of(source))) {
            throw new ApiError(400, "unknown_regime", "regime \"" + name + "\": the folder or manifest offered under this name is not on "
                    + "the server any more (the server's operator gave it with --regime-folder)", "regime");
        }
        try {
            return Regime.open(source);
        } catch (RegimeInvalidException e) {
            // every problem, up to a page of them, and how many there are (it said the first five, with no count)
            int n = e.problems().size();
            throw new ApiError(422, "invalid_regime", "regime " + name + " is invalid: " + n + (n == 1 ? " problem: " : " problems: ")
                    + String.join("; ", e.problems().stream().limit(SHOWN_PROBLEMS).map(Object::toString).toList())
                    + (n > SHOWN_PROBLEMS ? "; … and " + (n - SHOWN_PROBLEMS) + " more (lodestone regime validate lists them all)" : ""),
                    "regime");
        } catch (RuntimeException e) {
            throw new ApiError(400, "unknown_regime", "cannot open regime \"" + name + "\": " + e.getMessage(), "regime");
        }
    }

    Assessor assessor() {
        return assessor(activeSpec);
    }

    /**
     * The assessor of a regime named in a request by someone who is not choosing the server's regime (a comparison's
     * {@code with}, a regime diff's {@code against}): only an offered name.
     */
    Assessor named(String field, String spec) {
        requireOffered(field, spec);
        return assessor(spec);
    }

    /**
     * Refuses a name the server does not offer, in the same words whatever was asked (the request's text is not echoed)
     * and whether or not a file of that name exists.
     */
    private void requireOffered(String field, String spec) {
        if (!offered.containsKey(spec)) {
            throw new ApiError(400, "unknown_regime", field + ": unknown regime; expected one of " + String.join(", ", offered.keySet())
                    + (field.equals("with") ? ", or date:YYYY-MM-DD" : "")
                    + " (the server's operator offers a folder or manifest with lodestone serve --regime-folder DIR)", field);
        }
    }

    /**
     * The bundled regimes' assessors, compiled once a process: they are read from the jar, so they cannot change while it
     * runs (a process running several servers, as the test suite does, compiled them ~0.4 s a server).
     */
    private static final Map<String, Assessor> BUNDLED_ASSESSORS = new ConcurrentHashMap<>();

    Assessor assessor(String spec) {
        if (BUNDLED.contains(spec)) {
            return BUNDLED_ASSESSORS.computeIfAbsent(spec, b -> PreferenceOriginVerifier.assessorFor(regime(b)));
        }
        return assessors.computeIfAbsent(spec, s -> {
            Regime r = regime(s);
            return PreferenceOriginVerifier.assessorFor(r);
        });
    }

    /**
     * Makes the offered regime {@code name} the active one, loading and compiling it first so that a bad one changes
     * nothing. A folder or manifest is read from disk again (an administrator activating it means "this version").
     */
    void activate(String name) {
        requireOffered("regime", name);
        if (!BUNDLED.contains(name)) {
            Regime fresh = load(offered.get(name), name);
            Assessor compiled = PreferenceOriginVerifier.assessorFor(fresh);
            regimes.put(name, fresh);
            assessors.put(name, compiled);
        } else {
            assessor(name);
        }
        activeSpec = name;
    }
}
