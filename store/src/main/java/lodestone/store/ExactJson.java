package lodestone.store;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON text kept byte for byte in a {@code jsonb} column: stored as a jsonb <em>string</em> whose value is the text.
 *
 * <p>Why: {@code jsonb} keeps the values of an object but not its text. It sorts an object's keys (shorter keys
 * first), drops whitespace and rewrites numbers ({@code 1.0E7} as {@code 10000000}, {@code 1.0E-4} as
 * {@code 0.00010}), so a result read back was the same values in other bytes than the command line prints for the same
 * input. A jsonb string keeps its text exactly, the column keeps its type (rows stored before as objects still read:
 * {@link #read} answers their jsonb text, in jsonb's order), and no migration is needed.
 *
 * <p>Write with {@link #SQL} in place of {@code ?::jsonb}; read the column's text through {@link #read}.
 */
final class ExactJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The placeholder that stores a parameter's JSON text as a jsonb string (SQL null stays null). */
    static final String SQL = "to_jsonb(?::text)";

    private ExactJson() {
    }

    /**
     * The text to bind to {@link #SQL}: refused unless it is one JSON value (a {@code ?::jsonb} cast refused it; the
     * jsonb string would not), returned as given.
     */
    static String checked(String json) {
        if (json == null) return null;
        try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(json)) {
            if (p.nextToken() == null) throw new StoreException("not JSON: an empty text");
            p.skipChildren();
            if (p.nextToken() != null) throw new StoreException("not JSON: more than one value");
            return json;
        } catch (java.io.IOException e) {
            throw new StoreException("not JSON: " + e.getMessage(), e);
        }
    }

    /** Whether a column's text is a value written through {@link #SQL} (a jsonb string), not one stored before as jsonb. */
    static boolean isExact(String jsonbText) {
        return jsonbText != null && !jsonbText.isEmpty() && jsonbText.charAt(0) == '"';
    }

    /**
     * The JSON text a column holds: a jsonb string's value (written through {@link #SQL}: the text as it was given), or
     * the column's own text for a value stored as an object or array before (jsonb's order); null for SQL null.
     */
    static String read(String jsonbText) {
        if (!isExact(jsonbText)) return jsonbText;
        try {
            return JSON.readValue(jsonbText, String.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("a stored JSON text cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
