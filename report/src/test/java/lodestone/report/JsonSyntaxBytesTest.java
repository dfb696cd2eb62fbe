package lodestone.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A JSON file saved in Windows-1252 (Notepad's 'ANSI'): 'Société' was said as 'a byte that is not UTF-8 (0x74)', the 't' after
 * the 'é' (the parser's middle byte), at the 't''s column; now the byte that is not UTF-8, at its own place, with the character
 * it is in Windows-1252.
 */
class JsonSyntaxBytesTest {
    private static String describe(byte[] data) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> new ObjectMapper().readTree(data));
        assertThat(e).isNotNull();
        return JsonSyntax.describe(e, data);
    }

    @Test
    void aWindows1252LetterIsSaidAtItsOwnPlaceWithItsCharacter() {
        byte[] ansi = "{\r\n  \"importer\": \"Société Générale\"\r\n}".getBytes(Charset.forName("windows-1252"));
        assertThat(describe(ansi)).isEqualTo("a byte that is not UTF-8 (0xe9) at line 2, column 20; send the body as UTF-8 text (0xE9 is"
                + " 'é' in Windows-1252, the code page Notepad's 'ANSI' saves in: save the file as UTF-8)");
    }

    @Test
    void aByteThatIsNoLetterInWindows1252EitherIsSaidAsBefore() {
        assertThat(describe(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}))
                .isEqualTo("a byte that is not UTF-8 (0xff) at line 1, column 7; send the body as UTF-8 text (0xFF is 'ÿ' in Windows-1252,"
                        + " the code page Notepad's 'ANSI' saves in: save the file as UTF-8)");
        assertThat(describe(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0x81, '"', '}'}))
                .isEqualTo("a byte that is not UTF-8 (0x81) at line 1, column 7; send the body as UTF-8 text");
    }
}
