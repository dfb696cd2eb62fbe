package lodestone.border.bulk;

import de.siegmar.fastcsv.writer.CsvWriter;
import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.border.WhatIf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What-if: the same entry lines assessed twice — under two regimes, or with side B's lines changed by a {@link WhatIf}
 * (re-dated, their origin moved, or both; under one regime or two) — with the change per line and in total. Streams the input; only the N largest
 * changes are kept in memory (a bounded heap), every line can be written to a CSV.
 *
 * <p>It reads with the bulk reader ({@link BulkReader}: CSV or JSON Lines, strict, a bad line one reject that the file
 * goes on after), so a file that {@code assess-file} reads is read here the same way. (It used a general CSV parser
 * once: one stray quote or invalid UTF-8 byte then stopped the whole comparison with a stack trace and left a partial
 * output file — reported by a review.)
 */
public final class Comparison {

    /**
     * A compared line; {@code record} is its position among the data lines (1 = the first after the header);
     * {@code warnings}: each side's warnings for it, "A: …" then "B: …" (null in a chunk stored before they were kept);
     * {@code origin} as the file declares it (side A's), {@code originB} side B's (the what-if moved it, or the same; null in
     * a chunk stored before it was kept: the same).
     */
    public record Line(String lineId, String hts, String origin, String a, String b, String change, BigDecimal delta, long record,
                       List<String> warnings, String originB) {
        /** Side B's origin: {@code originB}, or the declared one when none was kept. */
        public String originOfB() {
            return originB == null ? origin : originB;
        }
    }

    /** How many distinct warnings of each side a result counts by name (side and text); the lines of any others are counted together. */
    public static final int WARNINGS_NAMED = 50;

    /**
     * Which distinct warnings of a side are named when it has more than {@link #WARNINGS_NAMED}: the regime horizon's first,
     * then by their text. An order of the texts alone, so a file's run and the merge of its chunks name the same ones, with the
     * same counts (a text among the first N of the whole file is among the first N of every chunk it is in).
     */
    static final Comparator<String> NAMED_FIRST = Comparator.comparing((String k) -> !k.startsWith(lodestone.regime.Horizon.PREFIX, 3))
            .thenComparing(Comparator.naturalOrder());

    /**
     * The warnings of a run of lines: each distinct one (its side, "A: " or "B: ", and its text) with the number of lines that
     * gave it; {@code unnamedLines}: lines' warnings beyond the {@link #WARNINGS_NAMED} distinct ones named (see
     * {@link #NAMED_FIRST}), counted (a line counted once per such warning).
     */
    public record Warnings(Map<String, Long> lines, long unnamedLines) {
        public static final Warnings NONE = new Warnings(Map.of(), 0);

        public Warnings {
            lines = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(lines));
        }

        /** These and {@code o}'s together: counts summed, the {@link #WARNINGS_NAMED} first ones of each side named, the others counted. */
        Warnings plus(Warnings o) {
            if (o == null) return this;
            java.util.TreeMap<String, Long> m = new java.util.TreeMap<>(NAMED_FIRST);
            m.putAll(lines);
            long unnamed = unnamedLines + o.unnamedLines;
            for (Map.Entry<String, Long> e : o.lines.entrySet()) {
                Dated d = Dated.parse(e.getKey());
                if (d == null) {
                    String w = e.getKey();
                    long n = e.getValue();
                    String k = Figures.kind(w);
                    if (k != null) { // one of its kind with other figures already named here: one entry for both
                        for (String x : m.keySet()) {
                            if (k.equals(Figures.kind(x))) {
                                n += m.remove(x);
                                w = Figures.combine(x, w);
                                break;
                            }
                        }
                    }
                    unnamed += keep(m, w, n);
                    continue;
                }
                long n = e.getValue();
                for (java.util.Iterator<Map.Entry<String, Long>> it = m.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, Long> x = it.next();
                    Dated dx = Dated.parse(x.getKey());
                    if (dx != null && dx.group().equals(d.group())) { // the same warning on other dates: one text, the dates' range
                        d = d.with(dx);
                        n += x.getValue();
                        it.remove();
                        break;
                    }
                }
                unnamed += keep(m, d.text(), n);
            }
            return new Warnings(m, unnamed);
        }

        /**
         * Counts {@code n} lines of warning {@code w} in {@code m}; answers the lines no longer named (beyond the first N of
         * its side: each side, "A: " and "B: ", names its own {@link #WARNINGS_NAMED}, so that side A's many never leave the
         * scenario's unnamed).
         */
        static long keep(java.util.TreeMap<String, Long> m, String w, long n) {
            if (m.merge(w, n, Long::sum) != n || m.size() <= WARNINGS_NAMED) return 0; // a text already named, or room for it
            String side = w.substring(0, Math.min(3, w.length()));
            int ofSide = 0;
            String lastOfSide = null;
            for (String k : m.descendingKeySet()) {
                if (!k.startsWith(side)) continue;
                if (lastOfSide == null) lastOfSide = k;
                if (++ofSide > WARNINGS_NAMED) return m.remove(lastOfSide);
            }
            return 0;
        }

        /**
         * As the answers say them: "B: regime horizon: … (16 lines)", side A's first, within a side the regime horizon's
         * first, then by the number of lines (most first) and the text; then, when some were not named, how many lines' warnings were only counted.
         */
        public List<String> summary() {
            List<Map.Entry<String, Long>> es = new ArrayList<>(lines.entrySet());
            es.sort(Map.Entry.<String, Long>comparingByKey(Comparator.comparing((String k) -> k.substring(0, 1))
                            .thenComparing(k -> !k.startsWith(lodestone.regime.Horizon.PREFIX, 3)))
                    .thenComparing(Map.Entry.<String, Long>comparingByValue().reversed())
                    .thenComparing(Map.Entry.comparingByKey()));
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, Long> e : es) {
                String k = e.getKey();
                String lines = e.getValue() + (e.getValue() == 1 ? " line" : " lines");
                out.add(Figures.like(k) ? Figures.text(k) + " (" + lines + " of this warning, its figures — amounts, codes, dates — differing "
                        + "from line to line; this text is one of them)" : k + " (" + lines + ")");
            }
            if (unnamedLines > 0) out.add("… " + unnamedLines + " more warning" + (unnamedLines == 1 ? "" : "s") + " of lines, of more than "
                    + WARNINGS_NAMED + " distinct texts, not named");
            return out;
        }
    }

    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";
    /** "A: regime horizon: the entry date D is after …" or "… the entry dates D1 to D2 are after …" (or before). */
    private static final java.util.regex.Pattern ON_DATES = java.util.regex.Pattern.compile(
            "([AB]: " + java.util.regex.Pattern.quote(lodestone.regime.Horizon.PREFIX) + ")the entry (?:date " + DATE + " is|dates " + DATE
                    + " to " + DATE + " are)( (?:after|before) .*)", java.util.regex.Pattern.DOTALL);
    /** "A: regime horizon: converted from … (observed O), N days before the entry date D (older …" or its range form. */
    private static final java.util.regex.Pattern FX_AGE = java.util.regex.Pattern.compile(
            "([AB]: " + java.util.regex.Pattern.quote(lodestone.regime.Horizon.PREFIX) + "converted from .+?, )(?:(\\d+) days before the entry date "
                    + DATE + "|(\\d+) to (\\d+) days before the entry dates " + DATE + " to " + DATE + ")( \\(older .*)", java.util.regex.Pattern.DOTALL);

    /**
     * A regime-horizon warning that differs from line to line only in the entry date — past the horizon, before the
     * coverage, an exchange rate too old for the date (and so in its age): a file's lines of it are counted under one text
     * with the range of their dates ("the entry dates 2026-10-08 to 2027-06-01 are after 2026-10-07, …"; "33 to 77 days
     * before the entry dates …"). Counted date by date, a year's lines took every one of the {@link #WARNINGS_NAMED} names,
     * and the file's other warnings went unnamed. Lines of one date keep the line's own text.
     */
    record Dated(String head, String tail, boolean fx, LocalDate from, LocalDate to, long ageFrom, long ageTo) {
        /** The warning's dated form, or null for any other warning. */
        static Dated parse(String w) {
            if (w.length() < 3 || !w.startsWith(lodestone.regime.Horizon.PREFIX, 3)) return null;
            java.util.regex.Matcher m = ON_DATES.matcher(w);
            if (m.matches()) {
                LocalDate a = LocalDate.parse(m.group(2) != null ? m.group(2) : m.group(3));
                LocalDate b = LocalDate.parse(m.group(2) != null ? m.group(2) : m.group(4));
                return new Dated(m.group(1), m.group(5), false, a, b, 0, 0);
            }
            m = FX_AGE.matcher(w);
            if (m.matches()) {
                boolean one = m.group(2) != null;
                return new Dated(m.group(1), m.group(8), true, LocalDate.parse(one ? m.group(3) : m.group(6)),
                        LocalDate.parse(one ? m.group(3) : m.group(7)), Long.parseLong(one ? m.group(2) : m.group(4)),
                        Long.parseLong(one ? m.group(2) : m.group(5)));
            }
            return null;
        }

        /** What the lines of this warning on other dates share. */
        String group() {
            return (fx ? "fx\u0000" : "date\u0000") + head + "\u0000" + tail;
        }

        /** This and {@code o} (of the same group): the range of both. */
        Dated with(Dated o) {
            return new Dated(head, tail, fx, from.isBefore(o.from) ? from : o.from, to.isAfter(o.to) ? to : o.to,
                    Math.min(ageFrom, o.ageFrom), Math.max(ageTo, o.ageTo));
        }

        String text() {
            boolean one = from.equals(to);
            if (!fx) return head + (one ? "the entry date " + from + " is" : "the entry dates " + from + " to " + to + " are") + tail;
            return head + (one ? ageFrom + " days before the entry date " + from
                    : (ageFrom == ageTo ? ageFrom + "" : ageFrom + " to " + ageTo) + " days before the entry dates " + from + " to " + to) + tail;
        }
    }

    /**
     * Warnings that differ from line to line only in their figures — the CAFTA-DR low-value waiver's ("this line's customs
     * value $1,200.00 is not over $2,500.00"), "metal_content_value declared but not used: no duty charged on 7408.11.60.00
     * …" — counted under one entry of their kind (its side and text with every figure as #): the first of their texts (in
     * the order of the texts) as an example, marked as standing for the others. Counted text by text, a file's lines of
     * one such warning took the 50 names of a side and hid its other warnings. The regime horizon's are grouped by
     * {@link Dated}, not here; a kind of one text keeps its text unmarked.
     */
    static final class Figures {
        /** Ends a named warning that stands for its kind's texts (never shown: {@link Warnings#summary} says it in words). */
        static final String LIKE = "\u0000like";
        /** A figure: digits, with any , or . between them (1,200.00; 7408.11.60.00; 2026-03-02 is three). */
        private static final java.util.regex.Pattern FIGURE = java.util.regex.Pattern.compile("\\d(?:[\\d,.]*\\d)?");

        private Figures() {
        }

        /** The kind of a warning as counted ("B: … $# is not over $#…"); null for one with no figure or the regime horizon's. */
        static String kind(String w) {
            String t = text(w);
            if (t.length() >= 3 && t.startsWith(lodestone.regime.Horizon.PREFIX, 3)) return null;
            java.util.regex.Matcher m = FIGURE.matcher(t);
            return m.find() ? m.replaceAll("#") : null;
        }

        /** Whether a named warning stands for several texts of its kind. */
        static boolean like(String k) {
            return k.endsWith(LIKE);
        }

        /** The warning's text (without the mark). */
        static String text(String k) {
            return like(k) ? k.substring(0, k.length() - LIKE.length()) : k;
        }

        /** Two named warnings of one kind as one: the first text, marked when the two stand for more than one text. */
        static String combine(String x, String y) {
            String a = text(x);
            String b = text(y);
            String first = a.compareTo(b) <= 0 ? a : b;
            return like(x) || like(y) || !a.equals(b) ? first + LIKE : first;
        }
    }

    /**
     * A line not compared, and why: its line in the file (as the rejects file of {@code assess-file} numbers it), its id and
     * the reason — the reader's (field: reason), or each side's rejection or prohibition.
     */
    public record NotComparable(long line, String lineId, String reason) { }

    /** How many not-comparable lines a result names (the first ones in the file); the rest are counted. */
    public static final int NOT_COMPARABLE_NAMED = 10;

    /**
     * A file's comparison; {@code moved}: for a what-if that moves origins, each mapping ("CN→VN", in the order given) with
     * the lines it moved — 0 for one that matched no line (a mistyped code is seen) — else empty.
     */
    public record Result(long lines, long changed, long notComparable, BigDecimal totalA, BigDecimal totalB, List<Line> top,
                         List<NotComparable> firstNotComparable, Warnings warnings, Map<String, Long> moved) {
        public Result {
            moved = moved == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(moved));
        }

        /** The distinct warnings of the file's lines under each side, with how many lines gave each (see {@link Warnings#summary}). */
        public List<String> warningSummary() {
            return warnings == null ? List.of() : warnings.summary();
        }

        public Map<String, Object> toJson(String regimeA, String regimeB) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("a", regimeA);
            j.put("b", regimeB);
            j.put("lines", lines);
            j.put("changed", changed);
            j.put("not_comparable", notComparable);
            j.put("total_a", totalA);
            j.put("total_b", totalB);
            j.put("total_change", totalB.subtract(totalA));
            List<Map<String, Object>> t = new ArrayList<>();
            for (Line l : top) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line_id", l.lineId());
                m.put("hts", l.hts());
                m.put("origin", l.origin());
                m.put("origin_b", l.originOfB());
                // duties as numbers (exact decimals), as every other sum of money in the answer: change = b − a
                m.put("a", new BigDecimal(l.a()));
                m.put("b", new BigDecimal(l.b()));
                m.put("change", l.delta());
                m.put("warnings", l.warnings() == null ? List.of() : l.warnings());
                t.add(m);
            }
            j.put("top", t);
            List<Map<String, Object>> nc = new ArrayList<>();
            for (NotComparable n : firstNotComparable) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", n.line());
                m.put("line_id", n.lineId());
                m.put("reason", n.reason());
                nc.add(m);
            }
            j.put("not_comparable_first", nc);
            j.put("warnings", warningSummary());
            if (!moved.isEmpty()) { // which lines the what-if moved, mapping by mapping (only when it moves origins)
                List<Map<String, Object>> ms = new ArrayList<>();
                for (Map.Entry<String, Long> m : moved.entrySet()) {
                    String[] ft = m.getKey().split("→", 2);
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("from", ft[0]);
                    x.put("to", ft[1]);
                    x.put("lines", m.getValue());
                    ms.add(x);
                }
                j.put("origins_moved", ms);
            }
            return j;
        }
    }

    private Comparison() {
    }

    /** The order of the listed lines: the largest change first, then the earlier line (so any run lists the same lines). */
    public static final Comparator<Line> ORDER = Comparator.comparing((Line l) -> l.delta().abs()).reversed()
            .thenComparingLong(Line::record);

    /** The figures of a run of lines (a chunk of a file, or a whole file) with its own largest changes. */
    public record Partial(int chunkNo, long firstRecord, long lines, long changed, long notComparable, BigDecimal totalA,
                          BigDecimal totalB, List<Line> top, List<NotComparable> firstNotComparable, Warnings warnings,
                          Map<String, Long> moved) { }

    /** Told of each chunk of {@link #runChunked} as soon as its lines are compared. */
    @FunctionalInterface
    public interface ChunkListener {
        void chunk(Partial p) throws IOException;
    }

    /** Compares file {@code in}: each line under {@code a} as declared, and under {@code b} changed by {@code change} (null: unchanged). */
    public static Result run(Assessor a, Assessor b, WhatIf change, Path in, Path out, int top, boolean ignoreUnknown) {
        return run(a, b, change, in, BulkAssessment.inputFormat(in), out, top, ignoreUnknown);
    }

    /**
     * As {@link #run(Assessor, Assessor, WhatIf, Path, Path, int, boolean)}, the file read in the format given (an upload
     * kept under a temporary name). The output file appears only when the whole file was compared.
     */
    public static Result run(Assessor a, Assessor b, WhatIf change, Path in, BulkAssessment.Format format, Path out, int top,
                             boolean ignoreUnknown) {
        return run(a, b, change, in, format, out, top, ignoreUnknown, BulkReader.UnknownAdvice.COMMAND_LINE);
    }

    /** As {@link #run(Assessor, Assessor, WhatIf, Path, BulkAssessment.Format, Path, int, boolean)}, an unknown column refused with {@code advice}. */
    public static Result run(Assessor a, Assessor b, WhatIf change, Path in, BulkAssessment.Format format, Path out, int top,
                             boolean ignoreUnknown, BulkReader.UnknownAdvice advice) {
        if (!Files.isReadable(in)) throw BulkAssessment.unreadable(in);
        Tally t = new Tally(0, 1, top, change);
        Path tmp = out == null ? null : BulkAssessment.temp(out);
        try (BulkReader r = BulkReader.open(Files.newInputStream(in), format, in.toString(), ignoreUnknown, advice);
             CsvWriter w = tmp == null ? null : CsvWriter.builder().build(tmp, StandardCharsets.UTF_8)) {
            scan(a, b, change, r, 0, w, t::add);
        } catch (IOException x) {
            BulkAssessment.deleteQuietly(tmp);
            throw new UncheckedIOException("cannot compare " + in + ": " + x.getMessage(), x);
        } catch (RuntimeException x) {
            BulkAssessment.deleteQuietly(tmp);
            throw x;
        }
        if (tmp != null) {
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException x) {
                BulkAssessment.deleteQuietly(tmp);
                throw new UncheckedIOException("cannot move the comparison into place: " + x.getMessage(), x);
            }
        }
        return t.result();
    }

    /**
     * The same comparison as {@link #run} over a stream, told in chunks of {@code chunkSize} lines (the last may be
     * shorter) from chunk {@code startChunk} on — the lines of earlier chunks are read but not assessed — so that a
     * background job can commit each chunk and resume after the last one it committed. {@link #merge} of every
     * chunk's {@link Partial} is what {@link #run} answers for the whole file. The format follows {@code name} (.jsonl or
     * .ndjson: JSON Lines; else CSV); a line that cannot be read is one not-comparable line, as in {@link #run}.
     */
    public static void runChunked(Assessor a, Assessor b, WhatIf change, java.io.InputStream in, String name, int top,
                                  boolean ignoreUnknown, int chunkSize, int startChunk, ChunkListener listener) {
        runChunked(a, b, change, in, name, top, ignoreUnknown, BulkReader.UnknownAdvice.COMMAND_LINE, chunkSize, startChunk, listener);
    }

    /** As {@link #runChunked(Assessor, Assessor, WhatIf, java.io.InputStream, String, int, boolean, int, int, ChunkListener)}, an unknown column refused with {@code advice}. */
    public static void runChunked(Assessor a, Assessor b, WhatIf change, java.io.InputStream in, String name, int top,
                                  boolean ignoreUnknown, BulkReader.UnknownAdvice advice, int chunkSize, int startChunk, ChunkListener listener) {
        if (chunkSize < 1) throw new IllegalArgumentException("chunkSize must be at least 1");
        if (startChunk < 0) throw new IllegalArgumentException("startChunk must not be negative");
        long skip = (long) startChunk * chunkSize;
        Tally[] t = {new Tally(startChunk, skip + 1, top, change)};
        try (BulkReader r = BulkReader.open(in, BulkAssessment.inputFormat(name), name, ignoreUnknown, advice)) {
            scan(a, b, change, r, skip, null, (no, l, nc, ws, moved) -> {
                t[0].add(no, l, nc, ws, moved);
                if (t[0].lines == chunkSize) {
                    listener.chunk(t[0].partial());
                    t[0] = new Tally(t[0].chunkNo + 1, no + 1, top, change);
                }
            });
            if (t[0].lines > 0) listener.chunk(t[0].partial());
        } catch (IOException x) {
            throw new UncheckedIOException("cannot compare " + name + ": " + x.getMessage(), x);
        }
    }

    /** The whole file's result from its chunks' (in any order): sums, and the {@code top} largest changes of all. */
    public static Result merge(List<Partial> parts, int top) {
        long lines = 0;
        long changed = 0;
        long nc = 0;
        BigDecimal ta = BigDecimal.ZERO.setScale(2);
        BigDecimal tb = BigDecimal.ZERO.setScale(2);
        List<Line> all = new ArrayList<>();
        List<NotComparable> ncs = new ArrayList<>();
        Warnings ws = Warnings.NONE;
        Map<String, Long> moved = new LinkedHashMap<>();
        parts = new ArrayList<>(parts);
        parts.sort(Comparator.comparingInt(Partial::chunkNo)); // the mappings in the order given, whatever the chunks' order
        for (Partial p : parts) {
            if (p.moved() != null) p.moved().forEach((k, v) -> moved.merge(k, v, Long::sum)); // (null: a chunk stored before)
            ws = ws.plus(p.warnings()); // (null: a chunk stored before they were kept)
            if (p.firstNotComparable() != null) ncs.addAll(p.firstNotComparable()); // (null: a chunk stored before they were kept)
            lines += p.lines();
            changed += p.changed();
            nc += p.notComparable();
            ta = ta.add(p.totalA());
            tb = tb.add(p.totalB());
            all.addAll(p.top());
        }
        all.sort(ORDER);
        ncs.sort(Comparator.comparingLong(NotComparable::line));
        return new Result(lines, changed, nc, ta, tb, List.copyOf(all.subList(0, Math.min(top, all.size()))),
                List.copyOf(ncs.subList(0, Math.min(NOT_COMPARABLE_NAMED, ncs.size()))), ws, moved);
    }

    /**
     * One data line's outcome: its record number (1 = the first line after the header) and its line, or (when not
     * comparable) null and why.
     */
    private interface Outcome {
        /** {@code moved}: the mapping ("CN→VN") that moved the line's origin under B, or null. */
        void line(long record, Line l, NotComparable nc, List<String> warnings, String moved) throws IOException;
    }

    /** The counts, totals and largest changes of a run of lines (a bounded heap: only the N largest are kept). */
    private static final class Tally {
        final int chunkNo;
        final long first;
        final int top;
        long lines;
        long changed;
        long nc;
        BigDecimal ta = BigDecimal.ZERO.setScale(2);
        BigDecimal tb = BigDecimal.ZERO.setScale(2);
        final PriorityQueue<Line> heap;
        final List<NotComparable> firstNc = new ArrayList<>();
        final java.util.TreeMap<String, Long> warnings = new java.util.TreeMap<>(NAMED_FIRST);
        long unnamedWarnings;
        /** The dated horizon warnings ({@link Dated}) by group: the range so far and the lines. */
        final Map<String, Dated> dated = new java.util.HashMap<>();
        final Map<String, Long> datedLines = new java.util.HashMap<>();
        /** Each kind of warning ({@link Figures#kind}) named so far, with the name it is counted under. */
        final Map<String, String> named = new java.util.HashMap<>();
        /** The kind of each text seen (a file has few distinct texts; bounded against one that has many). */
        final Map<String, String> kinds = new java.util.HashMap<>();

        /** Each origin mapping ("CN→VN") with the lines it moved, every mapping from 0. */
        final Map<String, Long> moved = new LinkedHashMap<>();

        Tally(int chunkNo, long first, int top, WhatIf change) {
            this.chunkNo = chunkNo;
            this.first = first;
            this.top = top;
            if (change != null) for (Map.Entry<String, String> m : change.origins().entrySet()) moved.put(m.getKey() + "→" + m.getValue(), 0L);
            this.heap = new PriorityQueue<>(ORDER.reversed()); // the head is the one to drop first
        }

        void add(long record, Line l, NotComparable why, List<String> ws, String mapping) {
            lines++;
            if (mapping != null) moved.merge(mapping, 1L, Long::sum);
            for (String w : ws) {
                Dated d = Dated.parse(w);
                if (d == null) {
                    count(w);
                } else {
                    dated.merge(d.group(), d, Dated::with);
                    datedLines.merge(d.group(), 1L, Long::sum);
                }
            }
            if (l == null) {
                nc++;
                if (firstNc.size() < NOT_COMPARABLE_NAMED) firstNc.add(why);
                return;
            }
            ta = ta.add(new BigDecimal(l.a()));
            tb = tb.add(new BigDecimal(l.b()));
            if (l.delta().signum() != 0) changed++;
            if (top > 0) {
                heap.add(l);
                if (heap.size() > top) heap.poll();
            }
        }

        /** Counts a line of warning {@code w}, under its kind's name when one of its kind with other figures is named. */
        private void count(String w) {
            String k = kinds.get(w);
            if (k == null) {
                k = Figures.kind(w);
                if (k == null) k = "";
                if (kinds.size() < 10_000) kinds.put(w, k);
            }
            if (k.isEmpty()) {
                unnamedWarnings += Warnings.keep(warnings, w, 1);
                return;
            }
            String at = named.get(k);
            if (at != null && warnings.containsKey(at)) {
                String as = Figures.combine(at, w);
                if (as.equals(at)) {
                    warnings.merge(at, 1L, Long::sum);
                    return;
                }
                long n = warnings.remove(at) + 1;
                named.put(k, as);
                unnamedWarnings += Warnings.keep(warnings, as, n);
                return;
            }
            named.put(k, w);
            unnamedWarnings += Warnings.keep(warnings, w, 1);
        }

        List<Line> sorted() {
            List<Line> t = new ArrayList<>(heap);
            t.sort(ORDER);
            return t;
        }

        /** The warnings counted, the dated ones each under its range's text. */
        Warnings warnings() {
            java.util.TreeMap<String, Long> m = new java.util.TreeMap<>(NAMED_FIRST);
            m.putAll(warnings);
            long unnamed = unnamedWarnings;
            for (Map.Entry<String, Dated> e : dated.entrySet()) unnamed += Warnings.keep(m, e.getValue().text(), datedLines.get(e.getKey()));
            return new Warnings(m, unnamed);
        }

        Partial partial() {
            return new Partial(chunkNo, first, lines, changed, nc, ta, tb, sorted(), List.copyOf(firstNc), warnings(), moved);
        }

        Result result() {
            return new Result(lines, changed, nc, ta, tb, sorted(), List.copyOf(firstNc), warnings(), moved);
        }
    }

    /** Reads every record after the first {@code skip} (the header already read by the reader), comparing each and telling {@code out}. */
    private static void scan(Assessor a, Assessor b, WhatIf change, BulkReader r, long skip, CsvWriter w, Outcome out)
            throws IOException {
        WhatIf c = change == null ? WhatIf.NONE : change;
        lodestone.regime.geo.Geography geoB = b.regime().geography();
        // origin_b last: a reader of the columns before it by position reads them as before
        if (w != null) w.writeRecord("line_id", "hts", "origin", "duty_a", "duty_b", "change", "status_a", "status_b", "line", "reason",
                "regime_a", "regime_b", "origin_b");
        // each row says the scenario it is under, so that the file handed on alone still does (a spreadsheet's filter or pivot)
        String sideA = BulkAssessment.safe(sideLabel(a, null));
        String sideB = BulkAssessment.safe(sideLabel(b, c));
        long record = 0;
        while (r.next()) {
            record++;
            if (record <= skip) continue;
            String line = Long.toString(r.line());
            Entry e = r.entry();
            if (e == null) { // the reader's reject: its line, field and reason, as assess-file's rejects file says them
                String id = r.lineId() == null ? "" : r.lineId();
                String why = (r.rejectField() == null || r.rejectField().isEmpty() ? "" : r.rejectField() + ": ") + r.rejectReason();
                if (w != null) w.writeRecord(BulkAssessment.safe(id), "", "", "", "", "", "rejected", "rejected", line, BulkAssessment.safe(why),
                        sideA, sideB, "");
                out.line(record, null, new NotComparable(r.line(), id, why), List.of(), null);
                continue;
            }
            Side xa = outcome(a, e);
            WhatIf.Moved moved = c.apply(e, geoB);
            Side xb = outcome(b, moved.entry());
            BigDecimal da = xa.duty();
            BigDecimal db = xb.duty();
            List<String> ws = warnings(xa, xb, moved.notes());
            String originB = BulkAssessment.safe(moved.entry().origin());
            if (da == null || db == null) {
                String why = whyNot(xa, xb);
                // the code and origin as the file gave them (the regime may have refused them): never a spreadsheet formula
                if (w != null) w.writeRecord(BulkAssessment.safe(e.lineId()), BulkAssessment.safe(e.hts()), BulkAssessment.safe(e.origin()),
                        str(da), str(db), "", xa.status(), xb.status(),
                        line, BulkAssessment.safe(why), sideA, sideB, originB);
                out.line(record, null, new NotComparable(r.line(), e.lineId(), why), ws, moved.mapping());
                continue;
            }
            BigDecimal delta = db.subtract(da);
            if (w != null) w.writeRecord(BulkAssessment.safe(e.lineId()), BulkAssessment.safe(e.hts()), BulkAssessment.safe(e.origin()),
                    str(da), str(db), delta.toPlainString(),
                    xa.status(), xb.status(), line, "", sideA, sideB, originB);
            out.line(record, new Line(e.lineId(), e.hts(), e.origin(), str(da), str(db), (delta.signum() > 0 ? "+" : "") + delta.toPlainString(),
                    delta, record, ws, moved.entry().origin()), null, ws, moved.mapping());
        }
    }

    /**
     * One side's answer for a line, assessed once and without a trail (the bulk path: the figures {@code assess} gives), or
     * its rejection. (Each line was assessed twice a side with its trail, once for the status and once for the duty.)
     */
    private record Side(Assessment x, EntryRejected rejected) {
        String status() {
            return x == null ? "rejected" : x.status().name().toLowerCase(java.util.Locale.ROOT);
        }

        BigDecimal duty() {
            return x != null && x.status() == Assessment.Status.ASSESSED ? x.totalDuty() : null;
        }

        /** Why this side gives no duty (null when it gives one). */
        String why() {
            if (rejected != null) return "rejected: " + (rejected.field() == null || rejected.field().isEmpty() ? "" : rejected.field() + ": ")
                    + rejected.reason();
            if (duty() != null) return null;
            return x.prohibitions().isEmpty() ? status() : status() + ": " + String.join("; ", x.prohibitions());
        }
    }

    /**
     * A side as the every-line file names it: its regime's id and version, and what the what-if changed in every line —
     * {@code us-2026 version 2026.12 on 2026-07-25}, {@code us-2026 version 2026.12; origin CN→VN}.
     */
    static String sideLabel(Assessor x, WhatIf change) {
        lodestone.regime.Regime g = x.regime();
        String d = change == null ? "" : change.describe();
        return g.id() + " version " + g.version() + (d.isEmpty() ? "" : change.date() != null ? " " + d : "; " + d);
    }

    /**
     * A line's warnings under each side (a side that rejected it has none): "A: …", then "B: …" — side B's what-if
     * notes (a preference dropped with the origin) first among B's, whatever B answered.
     */
    private static List<String> warnings(Side a, Side b, List<String> notesB) {
        List<String> ws = (a.x() == null || a.x().warnings().isEmpty()) && notesB.isEmpty() ? List.of() : new ArrayList<>();
        if (a.x() != null) for (String w : a.x().warnings()) ws.add("A: " + w);
        for (String w : notesB) ws.add("B: " + w);
        if (b.x() != null && !b.x().warnings().isEmpty()) {
            if (ws.isEmpty()) ws = new ArrayList<>();
            for (String w : b.x().warnings()) ws.add("B: " + w);
        }
        return ws;
    }

    private static Side outcome(Assessor a, Entry e) {
        try {
            return new Side(a.assessBulk(e), null);
        } catch (EntryRejected r) {
            return new Side(null, r);
        }
    }

    /** Why a line is not comparable: each side's reason, said once when both sides give the same. */
    static String whyNot(Side a, Side b) {
        String wa = a.why();
        String wb = b.why();
        if (wa != null && wa.equals(wb)) return wa + " (under both)";
        if (wa == null) return wb + " (under B)";
        if (wb == null) return wa + " (under A)";
        return wa + " (under A); " + wb + " (under B)";
    }

    private static String str(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }
}
