package lodestone.cli;

import lodestone.border.bulk.PartFile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The new content of an output file, written beside it ({@code .NAME.RANDOM.part}) and moved over it only once complete, so
 * that a run stopped half-way (Ctrl-C, SIGTERM from a CI timeout, a full disk) never leaves a shorter file that looks like a
 * whole one: the target keeps what it held, and the part is removed as the JVM stops (a kill -9 leaves it, hidden, and
 * the next run of assess-file removes it). The part is made by {@link PartFile}, as bulk results are: the user's umask
 * decides who may read it.
 */
public final class Replacement implements AutoCloseable {
    /** Parts not yet moved into place or removed, removed by the shutdown hook if the JVM stops first. */
    private static final Set<Path> UNFINISHED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> UNFINISHED.forEach(Replacement::deleteQuietly), "remove-unfinished-output"));
    }

    private final Path target;
    private final Path part;
    private boolean done;

    private Replacement(Path target, Path part) {
        this.target = target;
        this.part = part;
    }

    /** A new part beside {@code target}; the directory must exist. */
    static Replacement of(Path target) throws IOException {
        try {
            Path part = PartFile.beside(target);
            UNFINISHED.add(part);
            return new Replacement(target, part);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (java.nio.file.FileSystemException e) {
            // said of the file asked for, not of the hidden part (the message named .NAME.RANDOM.part and, for some
            // failures, no reason at all)
            String reason = e.getReason() != null ? e.getReason() : Failures.reason(e);
            throw new java.nio.file.FileSystemException(target.toString(), null, "cannot be written: " + reason
                    + " (it is written beside its target, in " + target.toAbsolutePath().getParent() + ", then moved over it)");
        }
    }

    /** Writes {@code text} (UTF-8) to {@code target}: beside it, then moved over it. */
    public static void write(Path target, String text) throws IOException {
        try (Replacement file = of(target)) {
            try (OutputStream o = file.stream()) {
                o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            file.commit();
        }
    }

    /** Where to write the content (the part; truncated). */
    OutputStream stream() throws IOException {
        return Files.newOutputStream(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    Path part() {
        return part;
    }

    /** Moves the complete content over the target. */
    void commit() throws IOException {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        UNFINISHED.remove(part);
        done = true;
    }

    /** Removes the part unless it was moved into place. */
    @Override
    public void close() {
        if (done) return;
        deleteQuietly(part);
        UNFINISHED.remove(part);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stray part is hidden, clearly named, and removed by the next run of assess-file
        }
    }
}
