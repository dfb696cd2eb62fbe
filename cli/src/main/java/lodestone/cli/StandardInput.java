package lodestone.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    /** The input as UTF-8 text; bytes that are not UTF-8 are a {@link java.nio.charset.CharacterCodingException}, as {@code Files.readString} says. */
    public static String readString(Path file) throws IOException {
        if (!is(file)) return Files.readString(file, StandardCharsets.UTF_8);
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(System.in.readAllBytes())).toString();
    }
}
