package lodestone.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutation of a valid input file (YAML or JSON) the way a careless user, an editor or a broken export would change
 * it, and the check of a reader's contract on each mutant: the file is accepted, or refused with the format's own
 * refusal whose every message is located; nothing else is thrown, nothing hangs, and the mutants that must be refused
 * (a key given twice, a number far out of any bound, a misspelt key where the format refuses unknown keys) are.
 *
 * <p>One class for every module whose files are fuzzed (regime, market, finance, exposure, border, report, cli), each of
 * which takes this module as a test dependency. {@code -Dlodestone.fileFuzz=N} runs N mutants per seed file instead of the
 * default.
 */
public final class FileFuzz {
    private FileFuzz() {
    }

    /** The syntax a file is written in: where its values and keys are. */
    public enum Syntax { YAML, JSON }

    /**
     * One mutant.
     *
     * @param kind       the mutation, for the report
     * @param text       the mutated file
     * @param mustRefuse the mutation makes the file wrong whatever it held (then accepting it is a silent wrong answer)
     * @param site       the value or key changed, for the report
     */
    public record Mutant(String kind, String text, boolean mustRefuse, String site) { }

    /** What a reader did with a mutant: null messages when it accepted the file. */
    public record Outcome(List<String> refusals) {
        public static Outcome accepted() {
            return new Outcome(null);
        }

        public static Outcome refused(List<String> messages) {
            return new Outcome(List.copyOf(messages));
        }
    }

    /** Reads a file as the product does: accepts it, refuses it with the documented refusal (an outcome), or throws (a defect). */
    public interface Reader {
        Outcome read(String fileName, String text) throws Exception;
    }

    /** How many mutants per seed file: the default, or {@code -Dlodestone.fileFuzz}. */
    public static int count(int dflt) {
        return Integer.getInteger("lodestone.fileFuzz", dflt);
    }

    /** Numbers no bounded field takes: replacing a number with one of them must be refused. */
    public static final String[] OUT_OF_BOUNDS = {"1e999999999", "-1e999999999", "1e400", "-1e400", "NaN", "Infinity", "-Infinity", ".nan", ".inf",
            "-.inf"};
    /** Odd values of any kind, put where a value was. */
    public static final String[] ODD = {"1e999999999", "1e-999999999", "-1e-999999999", "1e400", "1E+2147483648", "10e-2147483647",
            "99999999999999999999999999", "-1", "-0", "0", "0.0", "NaN", "Infinity", "1e", "0x10", "0x1p3", "1_000", "1,000", "١٢٣",
            "1d", "1f", "2.5", "0.0000000001", "123456789.1234567891", "1e15", "-1e15", "2147483648", "-2147483649",
            "9223372036854775808", "\"\"", "''", "~", "null", "true", "no", "[]", "{}", "[1, 2]", "{a: 1}", "2026-02-30", "2026-13-01",
            "9999-12-31", "0000-01-01", "-2026-01-01", "2026-1-1", "\"\\u0000\"", "\"a\\u0000b\"", "\u202e", "\ud83d\ude00", "é",
            "\u0000", "x\ty", "'; drop table x; --", "../../etc/passwd", "<script>alert(1)</script>", "=1+1", "   ", "*a", "&a x", "!!binary AAAA",
            "!!float 1", "? x", "| \n  text", "> \n  text", "%TAG"};
    /** Characters inserted at random places. */
    public static final String[] CHARS = {"\u0000", "\t", "\r", "\n", "\"", "'", ":", ": ", "#", "-", "- ", "{", "}", "[", "]", ",", "&", "*", "!",
            "|", ">", "%", "@", "`", "\\", "\ufeff", "\u202e", "\ud800", "\udc00", "\u00a0", "\u2028", "\u0085", "\u00e9", "\ud83d\ude00"};

    private static final Pattern YAML_VALUE = Pattern.compile(
            "(?<=(?::|-|\\[|,) )(?![&*!|>])((?:(?!: )[^,{}\\[\\]#\\n])*?[^\\s,{}\\[\\]#])(?=[ \\t]*(?:[,}\\]]|#|$))", Pattern.MULTILINE);
    private static final Pattern YAML_KEY = Pattern.compile("(?<=^|[{,] |^ {0,40}- |^ {1,40})([A-Za-z_][A-Za-z0-9_.-]*)(?=: |:$)", Pattern.MULTILINE);
    private static final Pattern JSON_VALUE = Pattern.compile(
            "(?<=[:\\[,])(\\s*)(-?\\d[\\d.eE+-]*|\"(?:[^\"\\\\\\n]|\\\\.)*\"|true|false|null)(?!\\s*:)");
    private static final Pattern JSON_KEY = Pattern.compile("\"([A-Za-z_][A-Za-z0-9_]*)\"(?=\\s*:)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    /** A value of the file: where it starts and ends, and whether it is a number. */
    public record Site(int start, int end, String text) {
        boolean numeric() {
            return NUMBER.matcher(text).matches();
        }
    }

    public static List<Site> values(String text, Syntax syntax) {
        List<Site> out = new ArrayList<>();
        Matcher m = (syntax == Syntax.YAML ? YAML_VALUE : JSON_VALUE).matcher(text);
        int group = syntax == Syntax.YAML ? 1 : 2;
        while (m.find()) {
            if (syntax == Syntax.YAML && inComment(text, m.start(group))) continue;
            out.add(new Site(m.start(group), m.end(group), m.group(group)));
        }
        return out;
    }

    public static List<Site> keys(String text, Syntax syntax) {
        List<Site> out = new ArrayList<>();
        Matcher m = (syntax == Syntax.YAML ? YAML_KEY : JSON_KEY).matcher(text);
        while (m.find()) {
            if (syntax == Syntax.YAML && inComment(text, m.start(1))) continue;
            out.add(new Site(m.start(1), m.end(1), m.group(1)));
        }
        return out;
    }

    /** Whether a position is in a YAML comment (after a '#' that starts one on its line), or in a block scalar's text. */
    private static boolean inComment(String text, int pos) {
        int ls = text.lastIndexOf('\n', pos - 1) + 1;
        String before = text.substring(ls, pos);
        boolean quoted = false;
        char q = 0;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (quoted) {
                if (c == q) quoted = false;
            } else if (c == '"' || c == '\'') {
                quoted = true;
                q = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(before.charAt(i - 1)))) {
                return true;
            }
        }
        return quoted;
    }

    /** Mutants of {@code text}, {@code n} of them, from {@code seed}. */
    public static List<Mutant> mutants(String text, Syntax syntax, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Site> values = values(text, syntax);
        List<Site> numbers = values.stream().filter(Site::numeric).toList();
        List<Site> keys = keys(text, syntax);
        List<Mutant> out = new ArrayList<>(n);
        while (out.size() < n) {
            Mutant m = mutant(text, syntax, r, values, numbers, keys);
            if (m != null && !m.text().equals(text)) out.add(m);
        }
        return out;
    }

    private static Mutant mutant(String text, Syntax syntax, SplittableRandom r, List<Site> values, List<Site> numbers, List<Site> keys) {
        String[] lines = text.split("\n", -1);
        int li = r.nextInt(lines.length);
        switch (r.nextInt(17)) {
            case 0 -> {
                List<String> l = new ArrayList<>(Arrays.asList(lines));
                l.remove(li);
                return new Mutant("line deleted", String.join("\n", l), false, lines[li]);
            }
            case 1 -> {
                List<String> l = new ArrayList<>(Arrays.asList(lines));
                l.add(li, lines[li]);
                return new Mutant("line duplicated", String.join("\n", l), false, lines[li]);
            }
            case 2 -> {
                if (lines.length < 2) return null;
                int a = r.nextInt(lines.length - 1);
                String[] l = lines.clone();
                l[a] = lines[a + 1];
                l[a + 1] = lines[a];
                return new Mutant("lines swapped", String.join("\n", l), false, lines[a]);
            }
            case 3 -> {
                String[] l = lines.clone();
                String[] indents = {"  ", " ", "\t", "    "};
                if (r.nextBoolean() || !l[li].startsWith(" ")) l[li] = indents[r.nextInt(indents.length)] + l[li];
                else l[li] = l[li].substring(1 + r.nextInt(Math.min(2, l[li].length() - l[li].stripLeading().length())));
                return new Mutant("indentation changed", String.join("\n", l), false, lines[li]);
            }
            case 4 -> {
                int at = r.nextInt(text.length() + 1);
                return new Mutant("truncated", text.substring(0, at), false, "at " + at);
            }
            case 5, 6 -> {
                if (values.isEmpty()) return null;
                Site s = values.get(r.nextInt(values.size()));
                String v = ODD[r.nextInt(ODD.length)];
                return new Mutant("value replaced", replace(text, s, syntax == Syntax.JSON ? jsonValue(v) : v), false, s.text() + " -> " + v);
            }
            case 7 -> {
                if (numbers.isEmpty()) return null;
                Site s = numbers.get(r.nextInt(numbers.size()));
                String v = OUT_OF_BOUNDS[r.nextInt(syntax == Syntax.JSON ? 4 : OUT_OF_BOUNDS.length)];
                return new Mutant("number out of bounds", replace(text, s, v), true, s.text() + " -> " + v);
            }
            case 8 -> {
                return duplicateKey(text, syntax, r, keys);
            }
            case 9 -> {
                if (keys.isEmpty()) return null;
                Site k = keys.get(r.nextInt(keys.size()));
                String renamed = k.text().length() > 3 && r.nextBoolean()
                        ? k.text().substring(0, k.text().length() - 2) + k.text().charAt(k.text().length() - 1) + k.text().charAt(k.text().length() - 2)
                        : k.text() + "x";
                if (renamed.equals(k.text())) renamed = k.text() + "x";
                return new Mutant("key misspelt", replace(text, k, renamed), true, k.text() + " -> " + renamed);
            }
            case 10 -> {
                int at = r.nextInt(text.length() + 1);
                String c = CHARS[r.nextInt(CHARS.length)];
                return new Mutant("character inserted", text.substring(0, at) + c + text.substring(at), false, "U+" + Integer.toHexString(c.charAt(0)) + " at " + at);
            }
            case 11 -> {
                if (values.isEmpty()) return null;
                Site s = values.get(r.nextInt(values.size()));
                int depth = 1 + r.nextInt(3) * 2000;
                String v = r.nextBoolean() ? "[".repeat(depth) + "1" + "]".repeat(depth)
                        : syntax == Syntax.JSON ? "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
                return new Mutant("deep nesting", replace(text, s, v), false, s.text() + " -> depth " + depth);
            }
            case 12 -> {
                if (values.isEmpty()) return null;
                Site s = values.get(r.nextInt(values.size()));
                String big = r.nextBoolean() ? "x".repeat(100_000) : "9".repeat(5_000);
                return new Mutant("very long value", replace(text, s, syntax == Syntax.JSON && big.startsWith("x") ? "\"" + big + "\"" : big), false,
                        s.text() + " -> " + big.length() + " characters");
            }
            case 13 -> {
                if (values.isEmpty()) return null;
                Site s = values.get(r.nextInt(values.size()));
                String v = switch (r.nextInt(4)) {
                    case 0 -> "[" + s.text() + "]";
                    case 1 -> syntax == Syntax.JSON ? "{\"v\": " + s.text() + "}" : "{v: " + s.text() + "}";
                    case 2 -> syntax == Syntax.JSON ? (s.numeric() ? "\"" + s.text() + "\"" : "true") : "\"" + s.text() + "\"";
                    default -> syntax == Syntax.JSON ? "null" : "";
                };
                return new Mutant("type changed", replace(text, s, v), false, s.text() + " -> " + v);
            }
            case 14 -> {
                if (values.isEmpty()) return null;
                Site s = values.get(r.nextInt(values.size()));
                String[] odd = {"\u202e", "\u0000", "\ud800", "\u00a0", "\u2028", "\ufeff", "\u0301", "\ud83d\ude00", "\u200b"};
                String c = odd[r.nextInt(odd.length)];
                int at = r.nextInt(s.text().length() + 1);
                String v = s.text().substring(0, at) + c + s.text().substring(at);
                return new Mutant("unicode in a value", replace(text, s, syntax == Syntax.JSON ? jsonText(v, s.text().startsWith("\"")) : v), false,
                        s.text() + " + U+" + Integer.toHexString(c.charAt(0)));
            }
            case 15 -> {
                if (values.size() < 2) return null;
                Site a = values.get(r.nextInt(values.size()));
                Site b = values.get(r.nextInt(values.size()));
                if (a.start() == b.start()) return null;
                Site first = a.start() < b.start() ? a : b;
                Site second = first == a ? b : a;
                String t = text.substring(0, first.start()) + second.text() + text.substring(first.end(), second.start()) + first.text()
                        + text.substring(second.end());
                return new Mutant("values swapped", t, false, first.text() + " <-> " + second.text());
            }
            default -> {
                // a number made negative, zero or tiny: the bounds at the other end
                if (numbers.isEmpty()) return null;
                Site s = numbers.get(r.nextInt(numbers.size()));
                String[] v = {"-" + s.text(), "0", "-0.000001", "0.0000001", s.text() + ".0000000001", s.text() + "e3", s.text() + "e-3"};
                String w = v[r.nextInt(v.length)];
                if (w.startsWith("--")) w = w.substring(2);
                return new Mutant("number changed", replace(text, s, w), false, s.text() + " -> " + w);
            }
        }
    }

    /** A key given twice in one mapping (block YAML: the line repeated; flow YAML and JSON: the pair written again before itself). */
    private static Mutant duplicateKey(String text, Syntax syntax, SplittableRandom r, List<Site> keys) {
        if (keys.isEmpty()) return null;
        Site k = keys.get(r.nextInt(keys.size()));
        if (syntax == Syntax.JSON) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(k.text()) + "\"\\s*:\\s*(-?\\d[\\d.eE+-]*|\"(?:[^\"\\\\\\n]|\\\\.)*\"|true|false|null)")
                    .matcher(text);
            if (!m.find(k.start() - 1) || m.start() != k.start() - 1) return null;
            String pair = m.group();
            return new Mutant("key duplicated", text.substring(0, m.start()) + pair + ", " + text.substring(m.start()), true, k.text());
        }
        int ls = text.lastIndexOf('\n', k.start() - 1) + 1;
        int le = text.indexOf('\n', k.start());
        if (le < 0) le = text.length();
        String line = text.substring(ls, le);
        String before = text.substring(ls, k.start());
        if (before.isBlank()) {
            // a block mapping's key line with its value on it (not a nested block, not a flow value going on below)
            String value = text.substring(k.end(), le);
            if (!value.startsWith(": ") || value.substring(2).isBlank() || !balanced(value)) return null;
            return new Mutant("key duplicated", text.substring(0, le) + "\n" + line + text.substring(le), true, k.text());
        }
        // in a flow mapping: "k: v" written again before itself
        Matcher m = Pattern.compile(Pattern.quote(k.text()) + ": ([^,{}\\[\\]#\\n]+?)(?=[ \\t]*[,}])").matcher(text);
        if (!m.find(k.start()) || m.start() != k.start()) return null;
        if (!(before.endsWith("{") || before.endsWith("{ ") || before.endsWith(", "))) return null;
        return new Mutant("key duplicated", text.substring(0, k.start()) + m.group() + ", " + text.substring(k.start()), true, k.text());
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '{' || c == '[') depth++;
            if (c == '}' || c == ']') depth--;
        }
        return depth == 0;
    }

    private static String replace(String text, Site s, String v) {
        return text.substring(0, s.start()) + v + text.substring(s.end());
    }

    /** An odd value as JSON: numbers and literals as they are, anything else as a JSON string. */
    private static String jsonValue(String v) {
        if (v.matches("-?[0-9][0-9.eE+-]*|true|false|null|\\[\\]|\\{\\}|\\[1, 2\\]|NaN|Infinity|\"\"|\"\\\\u0000\"|\"a\\\\u0000b\"")) return v;
        return jsonText(v, true);
    }

    private static String jsonText(String v, boolean quote) {
        String inner = v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
        StringBuilder b = new StringBuilder();
        for (char c : inner.toCharArray()) {
            if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else if (c == '"' && quote) b.append("\\\"");
            else b.append(c);
        }
        return quote ? "\"" + b + "\"" : b.toString();
    }

    // ------------------------------------------------------------------ the run

    /** What went wrong with one mutant. */
    public record Failure(String file, Mutant mutant, String what) {
        @Override
        public String toString() {
            return file + " [" + mutant.kind() + ": " + clip(mutant.site()) + "] " + what;
        }
    }

    private static String clip(String s) {
        s = s.replace("\n", "\\n");
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /** Tally of a run, for the report. */
    public static final class Run {
        public final List<Failure> failures = new ArrayList<>();
        public final Map<String, int[]> perKind = new LinkedHashMap<>(); // kind -> {mutants, accepted, refused}
        public int mutants;
        public long slowestNanos;
        public String slowest = "";

        public String summary() {
            StringBuilder b = new StringBuilder(mutants + " mutants; slowest " + slowestNanos / 1_000_000 + " ms (" + slowest + ")");
            perKind.forEach((k, v) -> b.append("\n  ").append(k).append(": ").append(v[0]).append(" (accepted ").append(v[1])
                    .append(", refused ").append(v[2]).append(')'));
            return b.toString();
        }

        /** The distinct failures (by kind and the first words of what went wrong), at most 40, for an assertion message. */
        public String failuresText() {
            Map<String, Failure> distinct = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Failure f : failures) {
                String what = f.what().replace(f.file(), "FILE").replaceAll("[0-9]+", "N");
                String key = f.mutant().kind() + "|" + what.substring(0, Math.min(90, what.length()));
                distinct.putIfAbsent(key, f);
                counts.merge(key, 1, Integer::sum);
            }
            StringBuilder b = new StringBuilder(failures.size() + " failures, " + distinct.size() + " distinct:");
            distinct.entrySet().stream().limit(40).forEach(e -> b.append("\n  (").append(counts.get(e.getKey())).append("×) ").append(e.getValue()));
            return b.toString();
        }
    }

    /** Returns when no mutant failed; else fails with the distinct failures listed and counted ({@link Run#failuresText}). */
    public static void assertNoFailures(List<Failure> failures) {
        if (failures.isEmpty()) return;
        Run all = new Run();
        all.failures.addAll(failures);
        throw new AssertionError(all.failuresText());
    }

    /**
     * Reads every mutant with {@code reader} on a worker thread (at most {@code limitMillis} each: longer is a hang) and
     * checks the contract; {@code located} says whether a refusal message names its place, {@code refusedAnyway} which
     * must-refuse mutants may be accepted (a key free to be anything, a number in free text).
     */
    public static Run run(String file, List<Mutant> mutants, Reader reader, java.util.function.Predicate<String> located,
                   java.util.function.Predicate<Mutant> mayBeAccepted, long limitMillis) {
        Run run = new Run();
        ExecutorService pool = Executors.newSingleThreadExecutor(daemon());
        try {
            for (Mutant m : mutants) {
                run.mutants++;
                int[] tally = run.perKind.computeIfAbsent(m.kind(), k -> new int[3]);
                tally[0]++;
                long t0 = System.nanoTime();
                Future<Outcome> f = pool.submit(() -> reader.read(file, m.text()));
                Outcome o;
                try {
                    o = f.get(limitMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    pool.shutdownNow();
                    pool = Executors.newSingleThreadExecutor(daemon());
                    run.failures.add(new Failure(file, m, "no answer within " + limitMillis + " ms"));
                    continue;
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    List<String> at = new ArrayList<>();
                    for (StackTraceElement s : c.getStackTrace()) {
                        if (at.size() < 4 && (at.isEmpty() || s.getClassName().startsWith("lodestone."))) at.add(s.toString());
                    }
                    run.failures.add(new Failure(file, m, c.getClass().getName() + ": " + clip(String.valueOf(c.getMessage())) + " at " + at));
                    continue;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                long took = System.nanoTime() - t0;
                if (took > run.slowestNanos) {
                    run.slowestNanos = took;
                    run.slowest = m.kind() + ": " + clip(m.site());
                }
                if (o.refusals() == null) {
                    tally[1]++;
                    if (m.mustRefuse() && !mayBeAccepted.test(m)) run.failures.add(new Failure(file, m, "accepted"));
                } else {
                    tally[2]++;
                    if (o.refusals().isEmpty()) run.failures.add(new Failure(file, m, "refused without a message"));
                    for (String msg : o.refusals()) {
                        if (!located.test(msg)) run.failures.add(new Failure(file, m, "refusal not located: " + clip(msg)));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return run;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(null, r, "file-fuzz", 1L << 20);
            t.setDaemon(true);
            return t;
        };
    }
}
