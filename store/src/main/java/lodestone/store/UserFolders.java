package lodestone.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The folders of the user the server runs as: its home (the default data directory is {@code HOME/.lodestone}) and its
 * cache (the embedded PostgreSQL's programs are unpacked into {@code CACHE/lodestone}), read once for every command.
 *
 * <p>The home is {@code $HOME} when it is set, as every Unix program reads it; else the JVM's {@code user.home}. The JVM
 * reads the password database first, so an operator's {@code HOME=/data} in a container was ignored for the user's
 * {@code /nonexistent}; and a user id without an entry there (a container run with {@code --user 12345}) had the home
 * {@code ?} — a folder named "?" made in the working directory. The cache is {@code $XDG_CACHE_HOME} when set (the XDG
 * base directory specification), else {@code HOME/.cache}. Only absolute paths count: a relative one would depend on
 * where the command was started.
 *
 * @param home     the user's home, if it has one
 * @param cache    the user's cache folder, if it has one
 * @param userName the user's name in the password database, or {@code ?} when the user id has no entry there
 */
public record UserFolders(Optional<Path> home, Optional<Path> cache, String userName) {

    /** This process's user. */
    public static UserFolders current() {
        return of(System.getenv(), System.getProperty("user.home"), System.getProperty("user.name"));
    }

    /** The folders given the environment and the JVM's {@code user.home} and {@code user.name}. */
    static UserFolders of(Map<String, String> env, String userHome, String userName) {
        Optional<Path> home = absolute(env.get("HOME")).or(() -> absolute(userHome));
        Optional<Path> cache = absolute(env.get("XDG_CACHE_HOME")).or(() -> home.map(h -> h.resolve(".cache")));
        return new UserFolders(home, cache, userName == null ? "?" : userName);
    }

    private static Optional<Path> absolute(String p) {
        if (p == null || p.isBlank() || p.indexOf('\0') >= 0) return Optional.empty();
        try {
            Path path = Path.of(p);
            return path.isAbsolute() ? Optional.of(path) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The default data directory, {@code HOME/.lodestone}; refused, saying what to do, for a user without a home. */
    public Path dataDirectory() {
        return home.map(h -> h.resolve(".lodestone")).orElseThrow(() -> new StoreException("this user has no home directory ("
                + "HOME is not set, and " + (known() ? "the password database gives none" : "the user id has no entry in the password"
                + " database") + "), so there is no default data directory: pass --data-dir DIR, a directory this user can write"));
    }

    /** Whether the user id has an entry in the password database (PostgreSQL's programs refuse to run without one). */
    public boolean known() {
        return !userName.equals("?");
    }

    /** The user's cache folder, or a refusal saying how to give one. */
    Path cacheDirectory() {
        return cache.orElseThrow(() -> new StoreException("this user has no home directory (HOME is not set) and no XDG_CACHE_HOME,"
                + " so there is nowhere to unpack the embedded PostgreSQL's programs (about 60 MB): set XDG_CACHE_HOME=DIR, a directory"
                + " this user can write and no other user can (in a container, one on the data volume)"));
    }
}
