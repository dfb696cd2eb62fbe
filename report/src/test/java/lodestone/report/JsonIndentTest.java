package lodestone.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** JsonIndent: the page's indentJson (kit/download.js) in Java, so a report states the SHA-256 of the file a page saves. */
class JsonIndentTest {
    @Test
    void tokensAreCopiedAsWrittenAndOnlyTheSpaceBetweenThemChanges() {
        String compact = "{\"a\":4500.00,\"b\":[1,1.10E+2,{}],\"c\":{\"d\":[ ],\"e\":\"x, \\\"y\\\": {[\"},\"f\":null}";
        String indented = """
                {
                  "a": 4500.00,
                  "b": [
                    1,
                    1.10E+2,
                    {}
                  ],
                  "c": {
                    "d": [],
                    "e": "x, \\"y\\": {["
                  },
                  "f": null
                }""";
        assertThat(JsonIndent.indent(compact)).isEqualTo(indented);
        // indenting again changes nothing; the page's file ends with a line break
        assertThat(JsonIndent.indent(indented)).isEqualTo(indented);
        assertThat(JsonIndent.pageFile(" \r\n" + compact + "\n")).isEqualTo(indented + "\n");
        // text that is not whole JSON comes back as it was (as the page leaves it)
        assertThat(JsonIndent.indent("{\"a\": [1, 2}")).isEqualTo("{\"a\": [1, 2}");
        assertThat(JsonIndent.indent("{\"a\": \"open")).isEqualTo("{\"a\": \"open");
    }
}
