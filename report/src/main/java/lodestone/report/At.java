package lodestone.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSON value and where it is in the saved result ({@code regions[3].price.scenario}), read strictly: a field the report
 * needs that is missing or of another type is refused with its location, never printed as "null" or skipped.
 */
final class At {
    final JsonNode node;
    final String path;
    private final String kind; // "FILE: not a complete KIND", the start of a refusal

    At(JsonNode node, String path, String kind) {
        this.node = node;
        this.path = path;
        this.kind = kind;
    }

    private String where(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    private ReportRefused bad(String at, String what) {
        return new ReportRefused(at, kind + ": " + at + " " + what);
    }

    boolean has(String k) {
        JsonNode v = node.get(k);
        return v != null && !v.isNull();
    }

    At obj(String k) {
        JsonNode v = node.get(k);
        if (v == null || v.isNull()) throw bad(where(k), "is missing; expected an object");
        if (!v.isObject()) throw bad(where(k), "is " + type(v) + "; expected an object");
        return new At(v, where(k), kind);
    }

    List<At> arr(String k) {
        JsonNode v = node.get(k);
        if (v == null || v.isNull()) throw bad(where(k), "is missing; expected an array");
        if (!v.isArray()) throw bad(where(k), "is " + type(v) + "; expected an array");
        List<At> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) out.add(new At(v.get(i), where(k) + "[" + i + "]", kind));
        return out;
    }

    /** An array of objects. */
    List<At> objects(String k) {
        List<At> out = arr(k);
        for (At a : out) if (!a.node.isObject()) throw bad(a.path, "is " + type(a.node) + "; expected an object");
        return out;
    }

    /** An array of texts. */
    List<String> texts(String k) {
        List<String> out = new ArrayList<>();
        for (At a : arr(k)) {
            if (!a.node.isTextual()) throw bad(a.path, "is " + type(a.node) + "; expected a text");
            out.add(a.node.textValue());
        }
        return out;
    }

    /** An array of texts, or none when the field is absent. */
    List<String> textsOrNone(String k) {
        return has(k) ? texts(k) : List.of();
    }

    String text(String k) {
        JsonNode v = node.get(k);
        if (v == null || v.isNull()) throw bad(where(k), "is missing; expected a text");
        if (!v.isTextual()) throw bad(where(k), "is " + type(v) + "; expected a text");
        return v.textValue();
    }

    /** A text, a number or a boolean as written; null when absent. */
    String textOrNull(String k) {
        JsonNode v = node.get(k);
        if (v == null || v.isNull()) return null;
        if (v.isContainerNode()) throw bad(where(k), "is " + type(v) + "; expected a text");
        return v.isNumber() ? v.decimalValue().toPlainString() : v.asText();
    }

    BigDecimal num(String k) {
        JsonNode v = node.get(k);
        if (v == null || v.isNull()) throw bad(where(k), "is missing; expected a number");
        if (!v.isNumber()) throw bad(where(k), "is " + type(v) + "; expected a number");
        return v.decimalValue();
    }

    /** A number, or null when absent or null (a statistic that is not defined, e.g. a percentile of a sum). */
    BigDecimal numOrNull(String k) {
        JsonNode v = node.get(k);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw bad(where(k), "is " + type(v) + "; expected a number");
        return v.decimalValue();
    }

    /** A boolean, or null when absent or null; anything else refused where it is. */
    Boolean boolOrNull(String k) {
        JsonNode v = node.get(k);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw bad(where(k), "is " + type(v) + "; expected true or false");
        return v.booleanValue();
    }

    /** This value itself as a whole number not below zero (a count), else refused where it is. */
    long asCount() {
        BigDecimal v = asNum();
        try {
            long n = v.longValueExact();
            if (n >= 0) return n;
        } catch (ArithmeticException e) {
            // not whole, or beyond a long: refused below
        }
        throw bad(path, "is " + v.toPlainString() + "; expected a count (a whole number, 0 or more)");
    }

    /** This value itself as a number. */
    BigDecimal asNum() {
        if (!node.isNumber()) throw bad(path, "is " + type(node) + "; expected a number");
        return node.decimalValue();
    }

    /** The fields of an object, in order. */
    List<Map.Entry<String, At>> fields() {
        List<Map.Entry<String, At>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(Map.entry(e.getKey(), new At(e.getValue(), where(e.getKey()), kind)));
        }
        return out;
    }

    /** A JSON value in one line of text for a person: texts as they are, arrays joined by ", ", objects as key: value. */
    static String plain(JsonNode v) {
        if (v == null || v.isNull()) return "";
        if (v.isTextual()) return v.textValue();
        if (v.isNumber()) return v.decimalValue().toPlainString();
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode x : v) parts.add(plain(x));
            return String.join(", ", parts);
        }
        if (v.isObject()) {
            List<String> parts = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                parts.add(e.getKey() + ": " + plain(e.getValue()));
            }
            return String.join("; ", parts);
        }
        return v.asText();
    }

    static String type(JsonNode v) {
        if (v.isObject()) return "an object";
        if (v.isArray()) return "an array";
        if (v.isTextual()) return "a text";
        if (v.isNumber()) return "a number";
        if (v.isBoolean()) return "a boolean";
        return "null";
    }
}
