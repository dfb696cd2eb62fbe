package lodestone.regime.nomenclature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTS tree with its base rates. Lookups by code are hash lookups on digits; "is there any
 * line under this prefix" is a binary search over the sorted codes, which is what product scopes
 * given at any level (chapter, heading, subheading…) need.
 */
public final class Nomenclature {
    private final List<HtsLine> lines;
    private final Map<String, HtsLine> byDigits;
    private final String[] sortedDigits;
    /**
     * For each four-digit heading h, the position in {@link #sortedDigits} of the first code not below h's digits
     * (10,001 entries, the last the end): a code or prefix of four digits or more is then searched for among its
     * heading's few dozen codes, not among all ~30,000 (each step of a search over all of them a cache miss: an
     * unknown code in a bulk file cost ~1.4 µs to resolve and ~2.3 µs to find its nearest codes).
     */
    private final int[] headingStart;
    private final Map<Integer, List<BaseRate>> rates;
    private volatile String[] searchText; // built on the first search: loading should not pay for it
    private volatile String[] pathText;

    public Nomenclature(List<HtsLine> lines, Map<Integer, List<BaseRate>> rates) {
        this.lines = List.copyOf(lines);
        this.byDigits = new HashMap<>(lines.size() * 2);
        for (HtsLine l : lines) if (l.coded()) byDigits.putIfAbsent(l.digits(), l);
        this.sortedDigits = byDigits.keySet().toArray(new String[0]);
        Arrays.sort(sortedDigits);
        this.headingStart = new int[10_001];
        char[] key = new char[4];
        for (int h = 0, i = 0; h <= 10_000; h++) { // one walk: the first code not below each heading, in turn
            key[0] = (char) ('0' + h / 1000 % 10);
            key[1] = (char) ('0' + h / 100 % 10);
            key[2] = (char) ('0' + h / 10 % 10);
            key[3] = (char) ('0' + h % 10);
            String k = new String(key);
            while (i < sortedDigits.length && (h == 10_000 || sortedDigits[i].compareTo(k) < 0)) i++;
            headingStart[h] = i;
        }
        Map<Integer, List<BaseRate>> r = new HashMap<>();
        rates.forEach((k, v) -> r.put(k, List.copyOf(v)));
        this.rates = Collections.unmodifiableMap(r);
    }

    /** Digits of a code as a user or a file may write it: "2846.90.80", "28469080", "2846 90 80". */
    public static String digitsOf(String code) {
        StringBuilder sb = new StringBuilder(code.length());
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c >= '0' && c <= '9') sb.append(c);
            else if (c != '.' && c != ' ') return null;
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** Prints digits in the schedule's dotted form: 2846908070 → 2846.90.80.70. */
    public static String dotted(String digits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i == 4 || i == 6 || i == 8) sb.append('.');
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    public List<HtsLine> lines() {
        return lines;
    }

    public int size() {
        return lines.size();
    }

    public HtsLine line(int index) {
        return lines.get(index);
    }

    /** The line with exactly this code. */
    public Optional<HtsLine> find(String code) {
        String d = digitsOf(code);
        return d == null ? Optional.empty() : Optional.ofNullable(byDigits.get(d));
    }

    /**
     * The line for a code as a user writes it: the exact line, or — when the schedule prints only
     * one line below that code (e.g. 7408.11.60 printed as the single line 7408.11.60.00) — that line.
     */
    public Optional<HtsLine> resolve(String code) {
        Optional<HtsLine> exact = find(code);
        if (exact.isPresent()) return exact;
        String d = digitsOf(code);
        if (d == null) return Optional.empty();
        List<HtsLine> below = withPrefix(d);
        return below.size() == 1 ? Optional.of(below.get(0)) : Optional.empty();
    }

    /**
     * Codes near an unknown one, for error messages: the lines under the longest prefix of the
     * code that the schedule has (e.g. 2846.90.81 → 2846.90.80, 2846.90.80.70, …).
     */
    public List<String> nearest(String code, int max) {
        String d = digitsOf(code);
        if (d == null) return List.of();
        for (int len = Math.min(d.length(), 10); len >= 2; len--) {
            List<HtsLine> near = withPrefix(d.substring(0, len));
            if (!near.isEmpty()) {
                List<String> out = new ArrayList<>();
                for (HtsLine l : near) {
                    if (out.size() >= max) break;
                    if (l.declarable() || l.digits().length() == 8) out.add(l.code());
                }
                return out;
            }
        }
        return List.of();
    }

    /** True when some coded line starts with these digits (a valid scope at any level). */
    public boolean hasPrefix(String digits) {
        int i = search(digits);
        if (i >= 0) return true;
        int ins = -i - 1;
        return ins < sortedDigits.length && sortedDigits[ins].startsWith(digits);
    }

    /** The coded lines whose digits start with {@code digits}, in code order. */
    public List<HtsLine> withPrefix(String digits) {
        List<HtsLine> out = new ArrayList<>();
        int i = search(digits);
        int start = i >= 0 ? i : -i - 1;
        for (int k = start; k < sortedDigits.length && sortedDigits[k].startsWith(digits); k++) {
            out.add(byDigits.get(sortedDigits[k]));
        }
        return out;
    }

    /**
     * {@code Arrays.binarySearch(sortedDigits, digits)}, within the digits' heading when they have four or more: the
     * codes starting with those four digits lie together, so the search's answer (a match or the insertion point) lies
     * among them.
     */
    private int search(String digits) {
        int h = heading(digits);
        if (h < 0) return Arrays.binarySearch(sortedDigits, digits);
        return Arrays.binarySearch(sortedDigits, headingStart[h], headingStart[h + 1], digits);
    }

    /** The first four characters as a number when they are four digits, else -1. */
    private static int heading(String digits) {
        if (digits.length() < 4) return -1;
        int h = 0;
        for (int i = 0; i < 4; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') return -1;
            h = h * 10 + (c - '0');
        }
        return h;
    }

    /** The declarable lines (leaves), in schedule order. */
    public List<HtsLine> declarable() {
        List<HtsLine> out = new ArrayList<>();
        for (HtsLine l : lines) if (l.declarable()) out.add(l);
        return out;
    }

    /** Ancestors from the heading down to the parent (not the line itself). */
    public List<HtsLine> ancestors(HtsLine line) {
        List<HtsLine> out = new ArrayList<>();
        for (int p = line.parent(); p >= 0; p = lines.get(p).parent()) out.add(lines.get(p));
        Collections.reverse(out);
        return out;
    }

    /** The coded lines directly or indirectly below this one. */
    public List<HtsLine> descendants(HtsLine line) {
        List<HtsLine> out = new ArrayList<>();
        for (int i = line.index() + 1; i < lines.size() && lines.get(i).indent() > line.indent(); i++) {
            if (lines.get(i).coded()) out.add(lines.get(i));
        }
        return out;
    }

    /** The rates printed on this very line. */
    public List<BaseRate> ratesOn(HtsLine line) {
        return rates.getOrDefault(line.index(), List.of());
    }

    /**
     * The rates that apply to a line: its own, or those of the nearest ancestor that has rates.
     * Statistical (10-digit) lines carry no rate in the schedule and inherit their tariff line's.
     */
    public RatedLine effectiveRates(HtsLine line) {
        for (HtsLine l = line; ; l = lines.get(l.parent())) {
            List<BaseRate> r = rates.get(l.index());
            if (r != null && !r.isEmpty()) return new RatedLine(l, r);
            if (l.parent() < 0) return new RatedLine(null, List.of());
        }
    }

    /** The rates in effect for a line and the line that printed them (null when none). */
    public record RatedLine(HtsLine from, List<BaseRate> rates) {
        public Optional<BaseRate> column(RateColumn c) {
            return rates.stream().filter(r -> r.column() == c).findFirst();
        }

        public Optional<BaseRate> special(String program) {
            return rates.stream().filter(r -> r.column() == RateColumn.SPECIAL && r.programs().contains(program))
                    .findFirst();
        }
    }

    public int rateCount() {
        int n = 0;
        for (List<BaseRate> r : rates.values()) n += r.size();
        return n;
    }

    /**
     * What people call a good and the schedule's words for it: a query phrase (normalised, whole words) is read as
     * the schedule's wording. The schedule never says "NdFeB" or "neodymium magnet"; it says "permanent magnets".
     */
    static final Map<String, String> SEARCH_SYNONYMS = Map.of(
            "ndfeb", "permanent magnet",
            "nd fe b", "permanent magnet",
            "neodymium magnet", "permanent magnet",
            "neodymium iron boron", "permanent magnet",
            "rare earth magnet", "permanent magnet",
            "smco", "permanent magnet",
            "samarium cobalt magnet", "permanent magnet");

    /**
     * Lines that match every word of the query (case- and hyphen-insensitive, words matched as prefixes so "oxide"
     * finds "oxides"), in their own description or in one of their ancestors' (so "permanent magnet" finds the lines
     * "Of metal" under "Permanent magnets …"); or, when the query is a code, the lines whose code starts with it.
     * Known trade names are read as the schedule's words first ({@link #SEARCH_SYNONYMS}). Best matches first: a word
     * matched whole (or as its plural) in the line's own description counts most, then whole in an ancestor's, then as
     * the start of a longer word ("magnet" in "magnetic"); ties in schedule order. Superior-text lines are included.
     */
    public List<HtsLine> search(String query, int limit) {
        return find(query, limit).lines();
    }

    /** What {@link #search} found: at most the limit's lines, best first, and how many lines match in all. */
    public record Found(List<HtsLine> lines, int total) { }

    /** {@link #search}, with the number of lines that match in all (the limit aside). */
    public Found find(String query, int limit) {
        List<HtsLine> out = new ArrayList<>();
        String digits = digitsOf(query.trim());
        if (digits != null) {
            List<HtsLine> all = withPrefix(digits);
            for (HtsLine l : all) {
                if (out.size() >= limit) break;
                out.add(l);
            }
            return new Found(out, all.size());
        }
        String q = " " + normalise(query).trim().replaceAll(" +", " ") + " ";
        for (Map.Entry<String, String> syn : SEARCH_SYNONYMS.entrySet()) q = q.replace(" " + syn.getKey() + " ", " " + syn.getValue() + " ");
        String[] words = q.trim().split(" +");
        String[] own = searchIndex();
        String[] path = pathIndex();
        record Hit(HtsLine line, int score) { }
        List<Hit> hits = new ArrayList<>();
        for (HtsLine l : lines) {
            int score = 0;
            for (String w : words) {
                if (w.isEmpty()) continue;
                int s = wordScore(own[l.index()], w, 6, 4);
                if (s == 0) s = wordScore(path[l.index()], w, 5, 2);
                if (s == 0) {
                    score = -1;
                    break;
                }
                score += s;
            }
            if (score > 0) hits.add(new Hit(l, score));
        }
        hits.sort(Comparator.comparingInt((Hit h) -> -h.score()).thenComparingInt(h -> h.line().index()));
        for (Hit h : hits) {
            if (out.size() >= limit) break;
            out.add(h.line());
        }
        return new Found(out, hits.size());
    }

    /** whole when the text has the word (or its plural) as a word, prefix when a word of the text starts with it, else 0. */
    private static int wordScore(String text, String w, int whole, int prefix) {
        String t = " " + text + " ";
        if (t.contains(" " + w + " ") || t.contains(" " + w + "s ") || t.contains(" " + w + "es ")) return whole;
        return t.contains(" " + w) ? prefix : 0;
    }

    /** Each line's ancestors' descriptions, normalised. */
    private String[] pathIndex() {
        String[] t = pathText;
        if (t == null) {
            String[] own = searchIndex();
            t = new String[lines.size()];
            for (HtsLine l : lines) t[l.index()] = l.parent() < 0 ? "" : t[l.parent()] + " " + own[l.parent()];
            pathText = t;
        }
        return t;
    }

    private String[] searchIndex() {
        String[] t = searchText;
        if (t == null) {
            t = new String[lines.size()];
            for (HtsLine l : lines) t[l.index()] = normalise(l.description());
            searchText = t;
        }
        return t;
    }

    private static String normalise(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) ? c : ' ');
        }
        return sb.toString();
    }
}
