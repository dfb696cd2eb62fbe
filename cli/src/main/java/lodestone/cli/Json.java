package lodestone.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import lodestone.report.JsonIndent;

/**
 * JSON output: plain maps and lists built by each command, so the documented format is explicit.
 *
 * <p>Written as the API writes it (compact, by the same Jackson) and indented as the web pages' "Download JSON" saves
 * the API's answer ({@link JsonIndent}): the same input gives the same file through the command line and the web page,
 * and one SHA-256. (Jackson's own pretty printer wrote {@code "key" : value}, {@code [ ]} and the system's line
 * separator: other bytes for the same figures.)
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The value as JSON text, indented, without a final line break. */
    public static String write(Object value) {
        try {
            return JsonIndent.indent(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
