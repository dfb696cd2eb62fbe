package lodestone.regime.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a regime's files are read from: a folder on disk (what users edit) or the copy bundled in
 * the jar. Paths are relative to the regime root and always use '/'.
 */
public interface RegimeSource {

    /** The file's text, or null when it does not exist. */
    String read(String relativePath);

    /** A human-readable name of the root, for messages. */
    String describe();

    /** Where the file is, as a user would type it (for error messages). */
    String displayPath(String relativePath);

    static RegimeSource directory(Path root) {
        return new RegimeSource() {
            @Override
            public String read(String rel) {
                try {
                    return UserText.read(root.resolve(rel)); // a byte-order mark dropped; UTF-16 and Windows-1252 said as such
                } catch (NoSuchFileException e) {
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + root.resolve(rel), e);
                }
            }

            @Override
            public String describe() {
                return root.toString();
            }

            @Override
            public String displayPath(String rel) {
                return root.resolve(rel).toString();
            }
        };
    }

    /** The regime bundled in the jar (built from the repository's data/regime folder). */
    static RegimeSource bundled() {
        String base = "lodestone/bundled-regime/";
        return new RegimeSource() {
            @Override
            public String read(String rel) {
                try (InputStream in = RegimeSource.class.getClassLoader().getResourceAsStream(base + rel)) {
                    return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String describe() {
                return "the bundled regime";
            }

            @Override
            public String displayPath(String rel) {
                return "data/regime/" + rel;
            }
        };
    }
}
