package lodestone.border.origin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import lodestone.regime.Problems;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON value that remembers its line and path, so that every problem in a bill of materials is
 * reported as {@code file:line: field: what was expected}. Jackson's tree model forgets locations,
 * hence this small tree built from the streaming parser. Numbers are kept as {@link BigDecimal}
 * exactly as written (money is never binary floating point).
 */
final class LocatedJson {
    private final String file;
    private final Object value; // Map<String, LocatedJson>, List<LocatedJson>, String, BigDecimal, Boolean, or null
    private final int line;
    private final String path;
    private final Problems problems;

    private LocatedJson(String file, Object value, int line, String path, Problems problems) {
        this.file = file;
        this.value = value;
        this.line = line;
        this.path = path;
        this.problems = problems;
    }

    /** Parses a whole document; returns null (with a located problem) when it is not valid JSON. */
    static LocatedJson parse(String file, String json, Problems problems) {
        // a byte-order mark before the document (a file Notepad saved as UTF-8, read as text) is no part of it
        if (json.startsWith("\uFEFF")) json = json.substring(1);
        JsonFactory f = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (JsonParser p = f.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                problems.add(file, 1, "", "the file is empty; expected a JSON object");
                return null;
            }
            LocatedJson root = read(file, p, "", problems);
            if (p.nextToken() != null) {
                problems.add(file, line(p.currentTokenLocation()), "", "unexpected text after the end of the JSON object");
                return null;
            }
            return root;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // the parser's limits (nesting, a number's length) come without a place and name its settings: in our words, placed
            problems.add(file, lodestone.report.JsonSyntax.line(e, bytes), "", "not valid JSON: " + lodestone.report.JsonSyntax.describe(e, bytes));
            return null;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            problems.add(file, loc == null ? 0 : line(loc), "", "not valid JSON: " + parserWords(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(file, 0, "", "cannot read: " + e.getMessage());
            return null;
        }
    }

    /**
     * The parser's message without its settings: "(start marker at [Source: REDACTED (`StreamReadFeature…` disabled);
     * line: 1, column: 1])" becomes "(start marker at line 1, column 1)".
     */
    static String parserWords(String m) {
        if (m == null) return "";
        return m.split("\n")[0].replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)]", "line $1, column $2");
    }

    private static int line(JsonLocation loc) {
        return Math.max(loc.getLineNr(), 0);
    }

    private static LocatedJson read(String file, JsonParser p, String path, Problems problems) throws IOException {
        int line = line(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, LocatedJson> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, read(file, p, path.isEmpty() ? key : path + "." + key, problems));
                }
                return new LocatedJson(file, m, line, path, problems);
            }
            case START_ARRAY -> {
                List<LocatedJson> l = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) l.add(read(file, p, path + "[" + i++ + "]", problems));
                return new LocatedJson(file, l, line, path, problems);
            }
            case VALUE_STRING -> {
                return new LocatedJson(file, p.getText(), line, path, problems);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new LocatedJson(file, p.getDecimalValue(), line, path, problems);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new LocatedJson(file, t == JsonToken.VALUE_TRUE, line, path, problems);
            }
            default -> {
                return new LocatedJson(file, null, line, path, problems);
            }
        }
    }

    String file() {
        return file;
    }

    int line() {
        return line;
    }

    String path() {
        return path;
    }

    boolean isNull() {
        return value == null;
    }

    boolean isArray() {
        return value instanceof List;
    }

        boolean isObject() {
        return value instanceof Map;
    }

    void problem(String message) {
        problems.add(file, line, path, message);
    }

    /** The field, or a null value located at this object's line when absent. */
    LocatedJson field(String key) {
        if (value instanceof Map<?, ?> m && m.get(key) instanceof LocatedJson j) return j;
        return new LocatedJson(file, null, line, path.isEmpty() ? key : path + "." + key, problems);
    }

    boolean has(String key) {
        return value instanceof Map<?, ?> m && m.containsKey(key);
    }

    /** Requires an object here; reports and returns false otherwise. */
    boolean requireObject(String expected) {
        if (isObject()) return true;
        problem((value == null ? "missing" : "found " + kind()) + "; expected " + expected);
        return false;
    }

    /** Reports every key not in {@code allowed}: a misspelt key must not be silently ignored. */
    void allowOnly(String... allowed) {
        if (!(value instanceof Map<?, ?> m)) return;
        Set<String> ok = new LinkedHashSet<>(List.of(allowed));
        for (Object k : m.keySet()) {
            if (!ok.contains(k)) ((LocatedJson) m.get(k)).problem("unknown field; expected one of " + String.join(", ", ok));
        }
    }

    /** The items of an array; a missing value is an empty list, anything else is reported. */
    List<LocatedJson> items(String expected) {
        if (value instanceof List<?> l) {
            List<LocatedJson> out = new ArrayList<>();
            for (Object o : l) out.add((LocatedJson) o);
            return out;
        }
        if (value != null) problem("found " + kind() + "; expected " + expected);
        return Collections.emptyList();
    }

    /** A string, or null (a missing required value or a non-string is reported). */
    String string(boolean required, String expected) {
        if (value instanceof String s && !s.isBlank()) return s.trim();
        if (value == null && !required) return null;
        problem((value == null ? "missing" : value instanceof String ? "empty" : "found " + kind()) + "; expected " + expected);
        return null;
    }

    /** A number, or null (a missing required value or a non-number is reported). */
    BigDecimal number(boolean required, String expected) {
        if (value instanceof BigDecimal d) {
            // the bounds of every amount Lodestone reads (docs/bulk-format.md): 1e400 is no value of a good
            // in long: precision − scale of 1E+2147483648 overflows an int (it passed as small, then threw summing the materials)
            if (d.signum() != 0 && ((long) d.precision() - d.scale() > 15 || d.stripTrailingZeros().scale() > 9)) {
                problem("is " + d + ", out of bounds; expected " + expected + ", below 10^15 with at most 9 decimal places");
                return null;
            }
            return d;
        }
        if (value == null && !required) return null;
        problem((value == null ? "missing" : "found " + kind()) + "; expected " + expected);
        return null;
    }

    /** A boolean, or null (a missing required value or a non-boolean is reported). */
    Boolean bool(boolean required, String expected) {
        if (value instanceof Boolean b) return b;
        if (value == null && !required) return null;
        problem((value == null ? "missing" : "found " + kind()) + "; expected " + expected);
        return null;
    }

    private String kind() {
        return switch (value) {
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            case String s -> "the text \"" + s + "\"";
            // as written when it is long: 1e999999999 in plain notation has a billion digits (and 1E+2147483648 none that fit)
            case BigDecimal d -> "the number " + (d.precision() - (long) d.scale() <= 30 && d.scale() <= 30 ? d.toPlainString() : d.toString());
            case Boolean b -> b.toString();
            default -> "null";
        };
    }
}
