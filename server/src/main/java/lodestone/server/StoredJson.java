package lodestone.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored result read back so that the API writes it in the bytes it was stored in: objects as ordered maps (the
 * command line's key order, as the run answered), and every number as the text it was written in.
 *
 * <p>Why not a tree read by Jackson: a double the engines wrote as {@code 1.0E7} or {@code 1.0E-4} would come back, as a
 * {@code BigDecimal}, as {@code 1.0E+7} and {@code 0.00010}, or, as a double, {@code 4500.00} as {@code 4500.0}: the same
 * value in other bytes than {@code lodestone simulate --json} prints. The text is kept exactly by the store
 * ({@code ExactJson}); this keeps it on the way out.
 */
final class StoredJson {
    private StoredJson() {
    }

    /** A number written as its stored text. */
    record ExactNumber(String text) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeNumber(text);
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider p, TypeSerializer t) throws IOException {
            serialize(g, p);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The value of a stored JSON text: maps in their stored order, lists, strings, booleans, null and exact numbers. */
    static Object read(String json) {
        try (JsonParser p = Server.JSON.getFactory().createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new IllegalStateException("a stored result is empty");
            Object v = value(p, t);
            if (p.nextToken() != null) throw new IllegalStateException("a stored result holds more than one value");
            return v;
        } catch (IOException e) {
            throw new IllegalStateException("a stored result is not JSON: " + e.getMessage(), e);
        }
    }

    /** {@link #read} of a text known to hold an object (a result, a run's parameters). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(String json) {
        Object v = read(json);
        if (!(v instanceof Map)) throw new IllegalStateException("a stored result is not a JSON object");
        return (Map<String, Object>) v;
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) l.add(value(p, e));
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new ExactNumber(p.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("unexpected " + t + " in a stored result");
        }
    }
}
