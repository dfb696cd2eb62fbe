package lodestone.regime.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Files as Windows programs save them: Notepad's UTF-8 with a byte-order mark, its 'Unicode' (UTF-16) and 'ANSI' (Windows-1252). */
class UserTextTest {
    private static byte[] withBom(String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[t.length + 3];
        b[0] = (byte) 0xEF;
        b[1] = (byte) 0xBB;
        b[2] = (byte) 0xBF;
        System.arraycopy(t, 0, b, 3, t.length);
        return b;
    }

    @Test
    void aByteOrderMarkIsDroppedAndTheRestReadAsWritten() throws Exception {
        assertEquals("company: Société\r\n", UserText.decode(withBom("company: Société\r\n")));
        assertEquals("{\"a\": 1}", UserText.decode("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("", UserText.decode(new byte[0]));
        // only a leading mark: one inside the text is the text's
        assertEquals("a\uFEFFb", UserText.decode("a\uFEFFb".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void utf16IsRefusedSayingSo() {
        byte[] le = "\uFEFFstockpile: x\r\n".getBytes(StandardCharsets.UTF_16LE);
        var e = assertThrows(UserText.NotUtf8.class, () -> UserText.decode(le));
        assertEquals("the file is UTF-16 (as Notepad's 'Unicode' or Excel's 'Unicode Text' saves it), not UTF-8; "
                + "save it as UTF-8 (Notepad: Save As, Encoding 'UTF-8')", e.getMessage());
        assertThrows(UserText.NotUtf8.class, () -> UserText.decode("\uFEFFx".getBytes(StandardCharsets.UTF_16BE)));
    }

    @Test
    void windows1252IsRefusedAtItsFirstByteNamingTheCharacter() {
        byte[] ansi = "stockpile: x\r\nname: Réserve €\r\n".getBytes(Charset.forName("windows-1252"));
        var e = assertThrows(UserText.NotUtf8.class, () -> UserText.decode(ansi));
        assertEquals("not UTF-8 text (byte 0xE9 at line 2, column 8); save it as UTF-8 (0xE9 is 'é' in Windows-1252, the code "
                + "page Notepad's 'ANSI' and Excel's plain 'CSV (Comma delimited)' save in: choose the encoding 'UTF-8' when saving)",
                e.getMessage());
        // columns count characters: a UTF-8 'é' before it is one column
        byte[] mixed = new byte[]{'\u00e9' >> 6 | 0xC0 - 256, (byte) 0xA9, 'a', (byte) 0x80};
        assertEquals("not UTF-8 text (byte 0x80 at line 1, column 3); save it as UTF-8 (0x80 is '€' in Windows-1252, the code "
                + "page Notepad's 'ANSI' and Excel's plain 'CSV (Comma delimited)' save in: choose the encoding 'UTF-8' when saving)",
                assertThrows(UserText.NotUtf8.class, () -> UserText.decode(mixed)).getMessage());
        // a byte that is no letter in Windows-1252 either: no guess
        assertEquals("not UTF-8 text (byte 0x81 at line 1, column 1); save it as UTF-8",
                assertThrows(UserText.NotUtf8.class, () -> UserText.decode(new byte[]{(byte) 0x81})).getMessage());
    }
}
