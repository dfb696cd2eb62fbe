package lodestone.cli;

import java.io.IOException;
import lodestone.regime.io.UserText;

import java.nio.file.Files;
import java.nio.file.Path;

/** A file argument that may be {@code -}: standard input, as {@code report -} and {@code assess --entry -} read it. */
public final class StandardInput {
    private StandardInput() {
    }

    public static boolean is(Path file) {
        return file.toString().equals("-");
    }

    /** How messages name the input: "standard input", or the file as given. */
    public static String name(Path file) {
        return is(file) ? "standard input" : file.toString();
    }

    public static byte[] readAllBytes(Path file) throws IOException {
        return is(file) ? System.in.readAllBytes() : Files.readAllBytes(file);
    }

    /**
     * The input as UTF-8 text, as {@link UserText} reads a person's file: a byte-order mark dropped; UTF-16 or bytes that
     * are not UTF-8 (Notepad's 'ANSI') refused as {@code "NAME: what the file is; how to save it"} (exit code 2).
     */
    public static String readString(Path file) throws IOException {
        try {
            return UserText.decode(readAllBytes(file));
        } catch (UserText.NotUtf8 e) {
            throw new IllegalArgumentException(name(file) + ": " + e.getMessage());
        }
    }
}
