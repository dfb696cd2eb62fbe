package lodestone.regime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The small test regime (src/test/resources/mini), copied to a folder where a test may break it. */
public final class MiniRegime {
    private final Path dir;

    private MiniRegime(Path dir) {
        this.dir = dir;
    }

    public static Path source() {
        try {
            return Path.of(MiniRegime.class.getResource("/mini/regime.yaml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MiniRegime copyTo(Path tmp) {
        Path src = source();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = tmp.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MiniRegime(tmp);
    }

    public Path dir() {
        return dir;
    }

    /** Replaces text in a file; fails the test if the text is not there (a fixture drifted). */
    public MiniRegime replace(String file, String old, String replacement) {
        try {
            Path p = dir.resolve(file);
            String s = Files.readString(p);
            if (!s.contains(old)) throw new IllegalStateException("fixture " + file + " has no '" + old + "'");
            Files.writeString(p, s.replace(old, replacement));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MiniRegime append(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), Files.readString(dir.resolve(file)) + text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Regime load() {
        return Regime.load(dir);
    }

    /** The repository root (set by surefire), for tests that read data/ or ../shared. */
    /** The shared source tables: {@code -Dlodestone.shared=DIR}, else {@code <repo>/../shared/data} (a worktree elsewhere sets it). */
    public static Path sharedData() {
        String s = System.getProperty("lodestone.shared");
        return s != null && !s.isBlank() ? Path.of(s) : repoRoot().resolve("../shared/data").normalize();
    }

    public static Path repoRoot() {
        String r = System.getProperty("lodestone.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }
}
