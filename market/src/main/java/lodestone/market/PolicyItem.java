package lodestone.market;

import org.yaml.snakeyaml.nodes.Node;

import java.util.List;
import java.util.Map;

/**
 * One entry of a scenario's {@code policies:} as an instrument's reader sees it ({@link Instrument.PolicyType}):
 * its fields, and the reader's located checks on them. Every check reports its problem as
 * "file:line: policies[k].field: message" and returns null (or an empty list); the instrument's reader then
 * returns null and the scenario is not built.
 */
final class PolicyItem {
    private final ScenarioReader reader;
    private final Map<String, Node> fields;
    /** "policies[k]", the prefix of every field named in a message. */
    final String field;
    final Node node;
    /** The scenario's region ids, in file order (a region's index is its position here). */
    final List<String> ids;
    private final List<String> club;
    private final String label;
    /** The policies read before this one (the baseline's, then the file's in order). */
    final List<Policy> before;

    PolicyItem(ScenarioReader reader, Map<String, Node> fields, String field, Node node, List<String> ids, List<String> club,
               String label, List<Policy> before) {
        this.reader = reader;
        this.fields = fields;
        this.field = field;
        this.node = node;
        this.ids = ids;
        this.club = club;
        this.label = label;
        this.before = before;
    }

    boolean has(String key) { return fields.containsKey(key); }

    /** The {@code label:} of the entry, else the default the instrument makes from its fields. */
    String label(String otherwise) { return label != null ? label : otherwise; }

    String id(int region) { return ids.get(region); }

    /** A required number ≥ min. */
    Double required(String key, double min) { return reader.required(fields, key, field, node, min); }

    /** An optional number in [min, max]; {@code otherwise} when absent. */
    /** An ad valorem rate of {@code base} (a fraction, at most {@link ScenarioLimits#MAX_AD_VALOREM}). */
    Double adValorem(String key, String base) {
        return reader.adValorem(fields.get(key), field + "." + key, base);
    }

    Double number(String key, double min, double max, double otherwise) {
        return has(key) ? reader.number(fields.get(key), field + "." + key, min, max) : Double.valueOf(otherwise);
    }

    /** A required region id, as its index. */
    Integer region(String key) { return reader.region(fields, key, field, node, ids); }

    /** A list of region ids (or one), as ids; empty when absent. */
    List<String> regionIds(String key) {
        return has(key) ? reader.regionList(fields.get(key), field + "." + key, ids) : List.of();
    }

    /** A list of region ids as ids, the scenario's club when absent. */
    List<String> regionIdsOrClub(String key) {
        return has(key) ? reader.regionList(fields.get(key), field + "." + key, ids) : club;
    }

    /** Region ids as their indices. */
    List<Integer> index(List<String> regionIds) { return regionIds.stream().map(ids::indexOf).toList(); }

    /** An optional true/false; false when absent. */
    boolean flag(String key) { return has(key) && reader.bool(fields.get(key), field + "." + key); }

    /** An optional word among {@code allowed}; {@code otherwise} when absent, null (reported) when not allowed. */
    String word(String key, String otherwise, List<String> allowed) {
        if (!has(key)) return otherwise;
        String v = reader.text(fields, key, field + ".", false);
        if (v != null && !allowed.contains(v)) {
            problem(key, "expected " + String.join(" or ", allowed) + ", found '" + v + "'");
            return null;
        }
        return v;
    }

    /** A problem located at the field's value (or at the entry when the field is absent). */
    void problem(String key, String message) {
        reader.problem(has(key) ? fields.get(key) : node, key.isEmpty() ? field : field + "." + key, message);
    }

    /** A problem with a field, located at the entry (the field is absent or empty). */
    void problemOnEntry(String key, String message) { reader.problem(node, field + "." + key, message); }

    /** A problem with the entry as a whole. */
    void problem(String message) { reader.problem(node, field, message); }

    /** A required field that is absent. */
    void missing(String key, String expected) { reader.missing(node, field + "." + key, expected); }

    static String fmt(double v) { return ScenarioReader.fmt(v); }
}
