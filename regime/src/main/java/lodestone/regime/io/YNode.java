package lodestone.regime.io;

import lodestone.regime.Problems;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A YAML node that knows its file and line, and reports what is wrong with it into a
 * {@link Problems} list instead of throwing. Built on SnakeYAML's composed node tree (not on a
 * data binder) precisely because binders forget where a value came from, and every regime error
 * must name its file, line and field. Scalars are read as their source text, so
 * {@code 9903.03.01} stays a string and {@code 2026-02-24} is parsed by us, not guessed by YAML.
 */
public final class YNode {
    private final String file;
    private final Node node;        // null when missing
    private final int missingLine;  // line of the parent, for "missing" problems
    private final String path;
    private final Problems problems;
    private final boolean lineless; // a document that is no file of lines (a stored record): problems name no line

    private YNode(String file, Node node, int missingLine, String path, Problems problems) {
        this(file, node, missingLine, path, problems, false);
    }

    private YNode(String file, Node node, int missingLine, String path, Problems problems, boolean lineless) {
        this.file = file;
        this.node = node;
        this.missingLine = lineless ? 0 : missingLine;
        this.path = path;
        this.problems = problems;
        this.lineless = lineless;
    }

    /**
     * This node read as the item at {@code path} of {@code place}, with no line: for a record kept one by one (a stored
     * event of a ledger), whose problems must name its place in the whole ("stockpile vault: events[4].quantity"), not a line
     * of its own one-line text.
     */
    public YNode placedAt(String place, String path) {
        return new YNode(place, node, 0, path, problems, true);
    }

    /** Parses a whole document; returns null (with a located problem) when it is not valid YAML. */
    public static YNode parse(String file, String content, Problems problems) {
        LoaderOptions opts = new LoaderOptions();
        opts.setAllowDuplicateKeys(false);
        opts.setCodePointLimit(64 * 1024 * 1024);
        try {
            Node root = new Yaml(opts).compose(new StringReader(content));
            if (root == null) {
                problems.add(file, 1, "", "the file is empty; expected a YAML mapping");
                return null;
            }
            checkTree(file, root, "", problems);
            return new YNode(file, root, 1, "", problems);
        } catch (MarkedYAMLException e) {
            org.yaml.snakeyaml.error.Mark mark = e.getProblemMark();
            int line = mark != null ? mark.getLine() + 1 : 0;
            String column = mark == null ? "" : " (column " + (mark.getColumn() + 1) + ")";
            String problem = String.valueOf(e.getProblem());
            // SnakeYAML's "found character '\t(TAB)' that cannot start any token. (Do not use \t(TAB) for indentation)"
            // is said of a tab after a colon too, which is no indentation: what to do instead, and where
            problem = problem.contains("(TAB)") ? "a tab character" + column + "; indent and separate with spaces, not tabs"
                    + " — replace the tab by spaces" : problem + column;
            problems.add(file, line, "", "not valid YAML: " + problem);
            return null;
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            // a character YAML does not allow, nesting beyond the limit: placed by YamlSyntax (SnakeYAML gives no mark)
            YamlSyntax.Refusal r = YamlSyntax.describe(e, content, opts);
            problems.add(file, r.line(), "", "not valid YAML: " + r.message());
            return null;
        } catch (RuntimeException e) {
            problems.add(file, 0, "", "not valid YAML: " + e.getMessage());
            return null;
        }
    }

    /**
     * What composing a document does not check (SnakeYAML refuses duplicate keys only when it constructs
     * objects, and this reader works on the node tree): a key given twice in one mapping — one of the two
     * would silently win — and a NUL character in a key or value. Each is a located problem.
     */
    static void checkTree(String file, Node n, String path, Problems problems) {
        if (n instanceof MappingNode m) {
            java.util.Map<String, Integer> seen = new java.util.HashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
                String where = key == null ? path : path.isEmpty() ? key : path + "." + key;
                if (key != null) {
                    int line = t.getKeyNode().getStartMark().getLine() + 1;
                    Integer first = seen.putIfAbsent(key, line);
                    if (first != null) problems.add(file, line, where, "duplicate key (first at line " + first + "); a key may appear once");
                    if (key.indexOf('\0') >= 0) problems.add(file, line, where, "the key contains a NUL character");
                }
                checkTree(file, t.getValueNode(), where, problems);
            }
        } else if (n instanceof SequenceNode sq) {
            List<Node> items = sq.getValue();
            for (int i = 0; i < items.size(); i++) checkTree(file, items.get(i), path + "[" + i + "]", problems);
        } else if (n instanceof ScalarNode sc && sc.getValue().indexOf('\0') >= 0) {
            problems.add(file, sc.getStartMark().getLine() + 1, path, "contains a NUL character");
        }
    }

    public String file() {
        return file;
    }

    public int line() {
        return lineless ? 0 : node == null ? missingLine : node.getStartMark().getLine() + 1;
    }

    public String path() {
        return path;
    }

    public Problems problems() {
        return problems;
    }

    public boolean isMissing() {
        return node == null || (node instanceof ScalarNode s && isNull(s));
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode s && !isNull(s);
    }

    private static boolean isNull(ScalarNode s) {
        String v = s.getValue();
        return s.getTag().getValue().endsWith(":null") || v.isEmpty() || v.equals("~") || v.equals("null");
    }

    /** Reports a problem on this node (with what it holds that cannot be seen: {@link #pasted}). */
    public void problem(String message) {
        problems.add(file, line(), path, message + pasted(node));
    }

    /** Reports a problem on a field of this node (with what it holds that cannot be seen: {@link #pasted}). */
    public void problem(String key, String message) {
        YNode f = field(key);
        problems.add(file, f.line(), childPath(key), message + pasted(f.node));
    }

    private static String pasted(Node n) {
        return n instanceof ScalarNode s ? pasted(s.getValue()) : "";
    }

    /**
     * What a value pasted from Word, Outlook or a web page holds that the eye does not tell from what was meant, said after a
     * problem of it ("" for any other value): a non-breaking or other unusual space ('50 000 000' is not a number), or
     * typographic quotes around it (YAML keeps “2026-03-02” with its quotes). Only on a problem: such a value is not refused.
     */
    public static String pasted(String v) {
        if (v == null) return "";
        for (int i = 0; i < v.length(); i++) {
            String name = switch (v.charAt(i)) {
                case '\u00A0' -> "a non-breaking space, U+00A0";
                case '\u202F' -> "a narrow non-breaking space, U+202F";
                case '\u2007' -> "a figure space, U+2007";
                case '\u200B' -> "a zero-width space, U+200B";
                case '\u2060' -> "a word joiner, U+2060";
                case '\uFEFF' -> "a zero-width no-break space, U+FEFF";
                default -> null;
            };
            if (name != null) {
                return " (it holds " + name + ", at character " + (i + 1)
                        + ", as text copied from Word, Outlook or a web page brings: type an ordinary space, or none)";
            }
        }
        int n = v.length();
        if (n >= 2 && "“‘„".indexOf(v.charAt(0)) >= 0 && "”’“".indexOf(v.charAt(n - 1)) >= 0) {
            return " (it is between typographic quotes " + v.charAt(0) + " " + v.charAt(n - 1) + ", as Word and Outlook write them; "
                    + "YAML's quotes are the straight \" and ': write \"" + v.substring(1, n - 1) + "\", or the value without quotes)";
        }
        return "";
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value of {@code key}, or a missing node. */
    public YNode field(String key) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return new YNode(file, t.getValueNode(), k.getStartMark().getLine() + 1, childPath(key), problems, lineless);
                }
            }
        }
        return new YNode(file, null, line(), childPath(key), problems, lineless);
    }

    public boolean has(String key) {
        return !field(key).isMissing();
    }

    /** The keys of a mapping, in file order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) keys.add(k.getValue());
            }
        }
        return keys;
    }

    /** Reports every key not in {@code allowed}: a misspelt key must not be silently ignored. */
    public void allowOnly(String... allowed) {
        if (!(node instanceof MappingNode m)) return;
        Set<String> ok = new LinkedHashSet<>(List.of(allowed));
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && !ok.contains(k.getValue())) {
                problems.add(file, lineless ? 0 : k.getStartMark().getLine() + 1, childPath(k.getValue()),
                        "unknown key; expected one of " + String.join(", ", ok) + pasted(k.getValue()));
            }
        }
    }

    /** Requires a mapping here; reports and returns false otherwise. */
    public boolean requireMap() {
        if (isMap()) return true;
        problem(isMissing() ? "missing; expected a mapping" : "expected a mapping (key: value lines)");
        return false;
    }

    /** The items of a sequence; a missing value is an empty list, a scalar is reported. */
    public List<YNode> items() {
        List<YNode> out = new ArrayList<>();
        if (node instanceof SequenceNode s) {
            int i = 0;
            for (Node n : s.getValue()) {
                out.add(new YNode(file, n, line(), path + "[" + i++ + "]", problems, lineless));
            }
        } else if (!isMissing()) {
            problem("expected a list (lines starting with '- ')");
        }
        return out;
    }

    /** The scalar text, or null when missing or not a scalar (a non-scalar is reported). */
    public String text() {
        if (node instanceof ScalarNode s) return isNull(s) ? null : s.getValue().trim();
        if (node != null) problem("expected a single value, not a " + (isMap() ? "mapping" : "list"));
        return null;
    }

    /** A required string field. */
    public String str(String key) {
        YNode f = field(key);
        String v = f.text();
        if (v == null && f.node == null) problem(key, "missing; this field is required");
        else if (v == null && f.isMissing()) problem(key, "empty; this field is required");
        return v;
    }

    /** An optional string field, or {@code dflt}. */
    public String optStr(String key, String dflt) {
        String v = field(key).text();
        return v == null ? dflt : v;
    }

    /** A string or a list of strings (a single value is accepted where a list is expected). */
    public List<String> strList(String key) {
        YNode f = field(key);
        List<String> out = new ArrayList<>();
        if (f.isScalar()) {
            out.add(f.text());
        } else {
            for (YNode item : f.items()) {
                String t = item.text();
                if (t != null) out.add(t);
            }
        }
        return out;
    }

    /** An ISO date (yyyy-mm-dd) at {@code key}; null when absent or invalid (invalid is reported). */
    public LocalDate date(String key, boolean required) {
        YNode f = field(key);
        String t = f.text();
        if (t == null) {
            if (required) problem(key, "missing; expected a date as yyyy-mm-dd");
            return null;
        }
        return f.parseDate(t);
    }

    LocalDate parseDate(String t) {
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            problem(notADate(t));
            return null;
        }
    }

    private static final java.util.regex.Pattern DATE_FORM = java.util.regex.Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

    /**
     * Why a text is not a date, said to its author: a text in the form yyyy-mm-dd that names no day says what is wrong
     * with it ("2027-02-30": 2027-02 has 28 days; "2027-13-01": there is no month 13) — "expected yyyy-mm-dd" alone
     * named the form they had written.
     */
    public static String notADate(String t) {
        String why = noSuchDay(t);
        return "'" + t + "' is not a date" + (why == null ? "" : ": " + why) + "; expected yyyy-mm-dd";
    }

    /**
     * What is wrong with a text written yyyy-mm-dd that names no day of the calendar ("2026-02 has 28 days", "there is no
     * month 13", "there is no day 00"); null for a text not in that form, or a real date. The regime's files and the entry
     * readers (bulk, JSON, the command line's --date) say it alike.
     */
    public static String noSuchDay(String t) {
        java.util.regex.Matcher m = DATE_FORM.matcher(t);
        if (!m.matches()) return null;
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (month < 1 || month > 12) return "there is no month " + m.group(2);
        if (day < 1) return "there is no day " + m.group(3);
        int length = java.time.YearMonth.of(Integer.parseInt(m.group(1)), month).lengthOfMonth();
        return day > length ? m.group(1) + "-" + m.group(2) + " has " + length + " days" : null;
    }

    /** The most digits a number of a file may have before or after the point. */
    public static final int MAX_DIGITS = 1000;

    /** A decimal number at {@code key}; null when absent or invalid (invalid is reported, and so is one of more than {@link #MAX_DIGITS} digits). */
    public BigDecimal decimal(String key, boolean required) {
        YNode f = field(key);
        String t = f.text();
        if (t == null) {
            if (required) problem(key, "missing; expected a number");
            return null;
        }
        return f.decimalValue(t);
    }

    /** The text {@code t} of this node as a decimal number, as {@link #decimal} reads a field; null (reported) when it is none. */
    public BigDecimal decimalValue(String t) {
        YNode f = this;
        try {
            BigDecimal v = new BigDecimal(t.replace("_", ""));
            // no figure of any file has one: printing it (a message, a report) would take the memory of its digits
            // (1e999999999, 1e-999999999), and its scale may not even be changed (1E+2147483648)
            if (v.signum() != 0 && (Math.abs((long) v.scale()) > MAX_DIGITS || (long) v.precision() - v.scale() > MAX_DIGITS)) {
                f.problem("'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "' is out of range (more than " + MAX_DIGITS
                        + " digits before or after the point)");
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            f.problem("'" + t + "' is not a number" + separatorHint(t));
            return null;
        }
    }

    /**
     * What a number written with a comma should be written as: files write numbers as 1234.5. A comma grouping thousands
     * (1,234.5) or a decimal comma, as much of Europe writes numbers (12,80; 1.234,56; reported by a procurement user whose
     * "'12,80' is not a number" said nothing of it); "12,800" reads both ways, so both are given. "" for anything else.
     */
    static String separatorHint(String t) {
        if (t.matches("-?\\d{1,3},\\d{3}")) {
            return "; write " + t.replace(",", "") + " if the comma groups thousands, or " + t.replace(',', '.')
                    + " if it is a decimal comma (numbers are written 1234.5)";
        }
        if (t.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?")) return "; write it without the thousands separator (" + t.replace(",", "") + ")";
        if (t.matches("-?\\d+,\\d+")) return "; a decimal comma? write " + t.replace(',', '.') + " (numbers are written 1234.5)";
        if (t.matches("-?\\d{1,3}(\\.\\d{3})+,\\d+")) {
            return "; a decimal comma? write " + t.replace(".", "").replace(',', '.') + " (numbers are written 1234.5, without a thousands separator)";
        }
        return "";
    }

    /** A boolean (true/false/yes/no) at {@code key}, or {@code dflt}. */
    public boolean bool(String key, boolean dflt) {
        YNode f = field(key);
        String t = f.text();
        if (t == null) return dflt;
        return switch (t.toLowerCase()) {
            case "true", "yes", "y" -> true;
            case "false", "no", "n" -> false;
            default -> {
                f.problem("'" + t + "' is not true or false");
                yield dflt;
            }
        };
    }

    /** An enumerated value given in the file's spelling (lower-case, hyphenated). */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E dflt) {
        YNode f = field(key);
        String t = f.text();
        if (t == null) {
            if (dflt == null) problem(key, "missing; expected one of " + spellings(type));
            return dflt;
        }
        for (E e : type.getEnumConstants()) {
            if (spelling(e).equals(t)) return e;
        }
        f.problem("'" + t + "' is not allowed; expected one of " + spellings(type));
        return dflt;
    }

    /** The file spelling of an enum constant: {@code IN_FORCE} is written {@code in-force}. */
    public static String spelling(Enum<?> e) {
        return e.name().toLowerCase().replace('_', '-');
    }

    public static <E extends Enum<E>> String spellings(Class<E> type) {
        List<String> s = new ArrayList<>();
        for (E e : type.getEnumConstants()) s.add(spelling(e));
        return String.join(", ", s);
    }
}
