package lodestone.border.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.border.Entry;
import lodestone.border.EntryAssessment;
import lodestone.border.EntryRefused;
import lodestone.border.EntryRejected;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a customs entry of several lines from JSON: a header with the facts the lines share and {@code lines}, each in
 * the bulk format's fields (docs/bulk-format.md, "A customs entry of several lines"). The CLI ({@code lodestone assess
 * --entry FILE}) and the API ({@code POST /api/assessments} with {@code lines}) read it here.
 *
 * <ul>
 *   <li>The entry's own, in the header only: {@code entry_date} (default: the day given), {@code currency} (default USD),
 *       {@code importer}. A line that gives one is refused at it: an entry is entered on one date, in one currency, by
 *       one importer of record.</li>
 *   <li>In the header for every line, a line may give its own: {@code export_country}, {@code loaded_date} (goods of one
 *       entry may come on different vessels).</li>
 *   <li>{@code documents}: held for the whole entry in the header, for one line in the line; a line holds both.</li>
 *   <li>A line's own: {@code line_id} (default its position from 1), {@code hts}, {@code origin}, {@code customs_value},
 *       {@code quantity}, {@code unit}, the content, {@code producer}, {@code preference}, the US-content and metal-content
 *       values, {@code bom}. In the header they are refused.</li>
 * </ul>
 * Values are as the API's one-line body takes them: text or number, documents text or an array of texts, {@code bom} an
 * object (or its JSON text). Each problem is located ({@code lines[1].hts}, counted from 0); a line's first problem is
 * its one, and every line is read.
 */
public final class CustomsEntryReader {
    private CustomsEntryReader() {
    }

    /** The entry's own facts, in its header only. */
    public static final List<String> HEADER_ONLY = List.of("entry_date", "currency", "importer");
    /** Facts the header gives every line and a line may give for itself. */
    public static final List<String> HEADER_DEFAULTS = List.of("export_country", "loaded_date", "documents");
    /** A line's own fields. */
    public static final List<String> LINE_FIELDS;

    static {
        List<String> l = new ArrayList<>();
        for (String f : EntryFields.COLUMNS) if (!HEADER_ONLY.contains(f)) l.add(f);
        l.add("bom");
        LINE_FIELDS = List.copyOf(l);
    }

    /** The lines read (null where a line could not be read) and the problems found reading them. */
    public record Read(List<Entry> lines, List<EntryRefused.Problem> problems) {
        public Read {
            lines = java.util.Collections.unmodifiableList(new ArrayList<>(lines)); // nulls kept: a line not read
            problems = List.copyOf(problems);
        }
    }

    /** Whether a JSON body is an entry of lines (it has {@code lines}) rather than one line in the bulk fields. */
    public static boolean isEntry(JsonNode body) {
        return body != null && body.isObject() && body.has("lines");
    }

    /** Reads an entry; {@code today} is the entry date when the header gives none. Never throws for bad input: see {@link Read}. */
    public static Read read(JsonNode doc, LocalDate today) {
        List<EntryRefused.Problem> problems = new ArrayList<>();
        List<Entry> lines = new ArrayList<>();
        if (doc == null || !doc.isObject()) {
            problems.add(new EntryRefused.Problem("entry", null, "expected a JSON object with the entry's header fields and lines"));
            return new Read(lines, problems);
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equals("lines") || HEADER_ONLY.contains(f) || HEADER_DEFAULTS.contains(f)) continue;
            problems.add(new EntryRefused.Problem(f, null, LINE_FIELDS.contains(f)
                    ? "a line's field: give it in each of lines, not in the entry's header"
                    : "unknown field; an entry's header has " + String.join(", ", HEADER_ONLY) + ", " + String.join(", ", HEADER_DEFAULTS)
                    + " and lines"));
        }
        // the header's values, as text (a header problem is the header's, not every line's)
        String[] header = new String[HEADER_ONLY.size() + HEADER_DEFAULTS.size()];
        List<String> headerNames = new ArrayList<>(HEADER_ONLY);
        headerNames.addAll(HEADER_DEFAULTS);
        boolean headerOk = true;
        for (int k = 0; k < headerNames.size(); k++) {
            try {
                header[k] = text(doc.get(headerNames.get(k)), headerNames.get(k));
            } catch (EntryRejected r) {
                problems.add(new EntryRefused.Problem(r.field(), null, r.reason()));
                headerOk = false;
            }
        }
        JsonNode ls = doc.get("lines");
        if (ls == null || !ls.isArray()) {
            problems.add(new EntryRefused.Problem("lines", null, ls == null || ls.isNull() ? "missing; expected an array of the entry's lines"
                    : "expected an array of the entry's lines, found " + kind(ls)));
            return new Read(lines, problems);
        }
        if (ls.isEmpty()) problems.add(new EntryRefused.Problem("lines", null, "an entry needs at least one line"));
        if (ls.size() > EntryAssessment.MAX_LINES) {
            problems.add(new EntryRefused.Problem("lines", null, ls.size() + " lines; an entry has at most " + EntryAssessment.MAX_LINES));
            return new Read(lines, problems);
        }
        EntryFields fields = new EntryFields();
        for (int i = 0; i < ls.size(); i++) {
            JsonNode l = ls.get(i);
            String at = "lines[" + i + "]";
            if (!l.isObject()) {
                problems.add(new EntryRefused.Problem(at, null, "expected an object with the line's fields, found " + kind(l)));
                lines.add(null);
                continue;
            }
            String lineId = l.get("line_id") != null && l.get("line_id").isValueNode() && !l.get("line_id").isNull()
                    ? l.get("line_id").asText() : String.valueOf(i + 1);
            EntryRefused.Problem named = names(l, at, lineId);
            if (named != null) {
                problems.add(named);
                lines.add(null);
                continue;
            }
            try {
                lines.add(line(fields, l, i, header, headerNames, today));
            } catch (EntryRejected r) {
                lines.add(null);
                // a header value the line took (a bad entry date) is the header's problem, said once
                boolean fromHeader = HEADER_ONLY.contains(r.field()) || HEADER_DEFAULTS.contains(r.field()) && (l.get(r.field()) == null || l.get(r.field()).isNull());
                EntryRefused.Problem p = fromHeader ? new EntryRefused.Problem(r.field(), null, r.reason())
                        : new EntryRefused.Problem(at + "." + r.field(), lineId, r.reason());
                if (!fromHeader || !problems.contains(p)) problems.add(p);
            }
        }
        if (!headerOk) for (int i = 0; i < lines.size(); i++) lines.set(i, null); // a header problem: no line can be assessed right
        return new Read(lines, problems);
    }

    /** A line's field that is the header's or unknown: its problem, else null. */
    private static EntryRefused.Problem names(JsonNode l, String at, String lineId) {
        for (Iterator<String> it = l.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (HEADER_ONLY.contains(f)) {
                return new EntryRefused.Problem(at + "." + f, lineId, "the entry's " + f.replace('_', ' ') + " is set once, in the entry's "
                        + "header: every line of an entry shares it");
            }
            if (!LINE_FIELDS.contains(f)) {
                return new EntryRefused.Problem(at + "." + f, lineId, "unknown field; a line has " + String.join(", ", LINE_FIELDS));
            }
        }
        return null;
    }

    private static Entry line(EntryFields fields, JsonNode l, int i, String[] header, List<String> headerNames, LocalDate today) {
        Entry e = fields.parse(name -> {
            int h = headerNames.indexOf(name);
            String own = h >= 0 && HEADER_ONLY.contains(name) ? null : text(l.get(name), name);
            if (name.equals("documents")) {
                String all = header[h];
                if (own == null) return all;
                return all == null ? own : all + ";" + own; // held for the entry and for the line
            }
            if (own != null) return own;
            if (h >= 0 && header[h] != null) return header[h];
            return switch (name) {
                case "line_id" -> String.valueOf(i + 1);
                case "entry_date" -> today.toString();
                case "currency" -> "USD";
                default -> null;
            };
        }, i + 1L);
        JsonNode bom = l.get("bom");
        if (bom != null && !bom.isNull()) {
            if (!bom.isObject() && !bom.isTextual()) throw new EntryRejected("bom", "expected a bill of materials (an object), found " + kind(bom));
            e = e.withBom(new Entry.BillOfMaterialsRef("lines[" + i + "].bom", bom.isTextual() ? bom.asText() : bom.toString()));
        }
        return e;
    }

    /** The fields whose value may be a JSON array of texts (joined with ';', as the bulk CSV writes them). */
    public static final Set<String> LISTS = Set.of("documents", "production_regions");

    /**
     * A field's value as the entry parser reads it, for an entry's lines and the API's one-line body alike: text or number
     * (exact, never expanded: 1e-999999999 stays short text that EntryFields' bounds refuse; a number beyond a double,
     * 1e400, is refused there, located), an array of texts for {@link #LISTS} only (joined with ';'); anything else is
     * refused at the field (an object was once read as empty, an array elsewhere joined into one value). Null when absent.
     */
    public static String text(JsonNode v, String name) {
        if (v == null || v.isNull()) return null;
        boolean list = LISTS.contains(name);
        if (v.isObject() || v.isArray() && !list) {
            throw new EntryRejected(name, "expected " + (list ? "a text or an array of texts" : "a text or a number") + ", found " + kind(v));
        }
        if (v.isArray()) {
            Set<String> parts = new LinkedHashSet<>();
            for (JsonNode x : v) {
                if (!x.isTextual()) {
                    throw new EntryRejected(name, "expected an array of texts, found " + x.getNodeType().name().toLowerCase(Locale.ROOT) + " " + x);
                }
                parts.add(x.asText());
            }
            return parts.isEmpty() ? null : String.join(";", parts);
        }
        if (v.isBoolean()) throw new EntryRejected(name, "expected a text or a number, found " + v);
        if (v.isNumber() && v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) return v.asText();
        return v.isNumber() ? v.decimalValue().toString() : v.asText();
    }

    private static String kind(JsonNode v) {
        return v.isObject() ? "an object" : v.isArray() ? "an array" : v.getNodeType().name().toLowerCase(Locale.ROOT) + " " + v;
    }
}
