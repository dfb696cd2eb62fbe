package lodestone.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A body that is not JSON is described in our words, with the line and column a client's editor shows. */
class JsonBodyErrorTest {

    /** The message for a body, read as Call reads every JSON body. */
    static String message(String body) {
        return message(body.getBytes(StandardCharsets.UTF_8));
    }

    static String message(byte[] data) {
        try {
            Server.JSON.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(data);
        } catch (JsonProcessingException e) {
            String m = lodestone.report.JsonSyntax.message(e, data);
            assertThat(m).doesNotContainIgnoringCase("jackson").doesNotContain("com.fasterxml").doesNotContain("Feature")
                    .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("`").doesNotContain("request body is not valid JSON: Un");
            return m;
        } catch (java.io.IOException e) {
            fail("not a parse error: " + e);
        }
        return fail("parsed: " + new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void eachKindOfMistakeIsSaidInPlainWordsWithItsLineAndColumn() {
        assertThat(message("{\"hts\": x}")).isEqualTo("the request body is not valid JSON: unexpected character 'x' at line 1, column 9; "
                + "expected a value: a string in double quotes, a number, an object, an array, true, false or null");
        assertThat(message("{\"a\": tru}")).isEqualTo("the request body is not valid JSON: unexpected word 'tru' at line 1, column 7; "
                + "expected a value: a string in double quotes, a number, an object, an array, true, false or null");
        assertThat(message("{\"a\": NaN}")).startsWith("the request body is not valid JSON: unexpected word 'NaN' at line 1, column 7;");
        assertThat(message("{\n  \"a\": 1,\n")).isEqualTo("the request body is not valid JSON: it ends before the JSON value is complete "
                + "(line 3, column 1); the object opened at line 1, column 1 is not closed");
        assertThat(message("{\"hts\": [\n")).isEqualTo("the request body is not valid JSON: it ends before the JSON value is complete "
                + "(line 2, column 1); the array opened at line 1, column 9 is not closed");
        assertThat(message("{\"value\": 1,\n    \"value\": 2}")).isEqualTo("the request body is not valid JSON: duplicate field 'value' "
                + "at line 2, column 5; a field may be given once");
        assertThat(message("{'a': 1}")).isEqualTo("the request body is not valid JSON: unexpected character ''' at line 1, column 2; "
                + "expected a field name in double quotes");
        assertThat(message("{\"a\": 1,}")).isEqualTo("the request body is not valid JSON: unexpected character '}' at line 1, column 9; "
                + "expected a field name in double quotes");
        assertThat(message("{\"a\": 1 \"b\": 2}")).isEqualTo("the request body is not valid JSON: unexpected character '\"' at line 1, "
                + "column 9; expected a comma or } after the field's value");
        assertThat(message("{\"a\": [1 2]}")).isEqualTo("the request body is not valid JSON: unexpected character '2' at line 1, "
                + "column 10; expected a comma or ] after the item");
        assertThat(message("{\"a\" 1}")).isEqualTo("the request body is not valid JSON: unexpected character '1' at line 1, column 6; "
                + "expected a colon after the field name");
        assertThat(message("{\"a\": \"x\ny\"}")).isEqualTo("the request body is not valid JSON: a control character (U+000A) inside a "
                + "string at line 1, column 9; write it escaped, as \\n, \\t or \\u00XX");
        assertThat(message("{\"a\": \"\\q\"}")).isEqualTo("the request body is not valid JSON: an unknown escape \\q in a string at line 1, "
                + "column 8; the escapes are \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX");
        assertThat(message("{\"a\": 1]")).isEqualTo("the request body is not valid JSON: unexpected ']' at line 1, column 8; expected } "
                + "to close the object opened at line 1, column 1");
        assertThat(message("{\"a\": 01}")).startsWith("the request body is not valid JSON: a number with a leading zero at line 1, column");
        assertThat(message("{\"a\": 1} {\"a\": 2}")).isEqualTo("the request body is not valid JSON: more follows the JSON value at line 1, "
                + "column 10; send one JSON object");
        assertThat(message("{\"a\":" + "[".repeat(1200))).isEqualTo("the request body is not valid JSON: objects and arrays are nested "
                + "deeper than 1000 levels at line 1, column 1005"); // the object is the first level, the 1,000th '[' the 1,001st
    }

    @Test
    void columnsCountCharactersNotBytesAndLinesCountEveryLineEnd() {
        // é is two bytes in UTF-8: still one column
        assertThat(message("{\"é\": x}")).startsWith("the request body is not valid JSON: unexpected character 'x' at line 1, column 7;");
        assertThat(message("{\r\n\"a\": 1,\r\n\"b\" 2}")).startsWith("the request body is not valid JSON: unexpected character '2' at "
                + "line 3, column 5;");
        assertThat(message(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'})).isEqualTo("the request body is not valid "
                + "JSON: a byte that is not UTF-8 (0xff) at line 1, column 7; send the body as UTF-8 text (0xFF is 'ÿ' in Windows-1252, the"
                + " code page Notepad's 'ANSI' saves in: save the file as UTF-8)");
    }
}
