package lodestone.regime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A text file a person gives (a scenario, a company file, a stockpile ledger, a project file, a bill of materials) read
 * as UTF-8 the way Windows programs save it: a UTF-8 byte-order mark (Notepad, Excel's "CSV UTF-8") is dropped, and
 * what is not UTF-8 is refused saying what it is and how to save it — UTF-16 (Notepad's "Unicode", Excel's "Unicode
 * Text") by its byte-order mark, Windows-1252 (Notepad's "ANSI") by the first byte that is not UTF-8, with its line and
 * column and the character it is in Windows-1252. Nothing is guessed: such a file is never read in another code page.
 * The web application's reader (kit/dom.js readTextFile) says the same.
 */
public final class UserText {
    private UserText() {
    }

    /** Why a file's bytes are not UTF-8 text, in words a person can act on (without the file's name). */
    public static final class NotUtf8 extends CharacterCodingException {
        private final String reason;

        NotUtf8(String reason) {
            this.reason = reason;
        }

        @Override
        public String getMessage() {
            return reason;
        }
    }

    /** The file's text (see the class comment). */
    public static String read(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    /** The stream's text, read to its end (see the class comment). */
    public static String read(InputStream in) throws IOException {
        return decode(in.readAllBytes());
    }

    /** The bytes' text: a leading UTF-8 byte-order mark dropped; UTF-16 and bytes that are not UTF-8 refused saying so. */
    public static String decode(byte[] b) throws NotUtf8 {
        if (b.length >= 2 && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) || (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF))) {
            throw new NotUtf8("the file is UTF-16 (as Notepad's 'Unicode' or Excel's 'Unicode Text' saves it), not UTF-8; "
                    + "save it as UTF-8 (Notepad: Save As, Encoding 'UTF-8')");
        }
        int from = b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, b.length - from)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8(b, from);
        }
    }

    /** The first byte from {@code from} that does not begin a valid UTF-8 sequence, said with its line and column. */
    private static NotUtf8 notUtf8(byte[] b, int from) {
        int line = 1;
        int column = 1;
        int i = from;
        while (i < b.length) {
            int n = sequence(b, i);
            if (n < 0) break;
            if (b[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += n;
        }
        if (i >= b.length) i = b.length - 1; // not reached: the decoder found a byte that is not UTF-8
        int x = b[i] & 0xFF;
        String hex = String.format(Locale.ROOT, "0x%02X", x);
        String cp1252 = windows1252(b[i]);
        return new NotUtf8("not UTF-8 text (byte " + hex + " at line " + line + ", column " + column + "); save it as UTF-8"
                + (cp1252 == null ? "" : " (" + hex + " is '" + cp1252 + "' in Windows-1252, the code page Notepad's 'ANSI' and "
                + "Excel's plain 'CSV (Comma delimited)' save in: choose the encoding 'UTF-8' when saving)"));
    }

    /** The length of the valid UTF-8 sequence at {@code b[i]}, or -1. */
    private static int sequence(byte[] b, int i) {
        int c = b[i] & 0xFF;
        if (c < 0x80) return 1;
        int n;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + n > b.length) return -1;
        int cp = c & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            int d = b[i + k] & 0xFF;
            if ((d & 0xC0) != 0x80) return -1;
            cp = (cp << 6) | (d & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
        return n;
    }

    /**
     * The character a byte that is not UTF-8 is in Windows-1252 when it is a letter or a typographic mark (é, ü, ’, €),
     * else null: such a byte says the file was saved in the Windows code page.
     */
    public static String windows1252(byte x) {
        if (x >= 0) return null;
        String c = new String(new byte[]{x}, Charset.forName("windows-1252"));
        if (c.length() != 1 || c.charAt(0) == '\uFFFD') return null;
        char ch = c.charAt(0);
        return Character.isLetter(ch) || "’‘“”–—€£¥°".indexOf(ch) >= 0 ? c : null;
    }
}
