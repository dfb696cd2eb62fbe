package lodestone.border.bulk;

import de.siegmar.fastcsv.writer.CsvWriter;
import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;

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
 * What-if: the same entry lines assessed twice — under two regimes, or under one regime with the
 * entries re-dated — with the change per line and in total. Streams the input; only the N largest
 * changes are kept in memory (a bounded heap), every line can be written to a CSV.
 *
 * <p>It reads with the bulk reader ({@link BulkReader}: CSV or JSON Lines, strict, a bad line one reject that the file
 * goes on after), so a file that {@code assess-file} reads is read here the same way. (It used a general CSV parser
 * once: one stray quote or invalid UTF-8 byte then stopped the whole comparison with a stack trace and left a partial
 * output file — reported by a review.)
 */
public final class Comparison {

    /** A compared line; {@code record} is its position among the data lines (1 = the first after the header). */
    public record Line(String lineId, String hts, String origin, String a, String b, String change, BigDecimal delta, long record) { }

    /**
     * A line not compared, and why: its line in the file (as the rejects file of {@code assess-file} numbers it), its id and
     * the reason — the reader's (field: reason), or each side's rejection or prohibition.
     */
    public record NotComparable(long line, String lineId, String reason) { }

    /** How many not-comparable lines a result names (the first ones in the file); the rest are counted. */
    public static final int NOT_COMPARABLE_NAMED = 10;

    public record Result(long lines, long changed, long notComparable, BigDecimal totalA, BigDecimal totalB, List<Line> top,
                         List<NotComparable> firstNotComparable) {
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
                // duties as numbers (exact decimals), as every other sum of money in the answer: change = b − a
                m.put("a", new BigDecimal(l.a()));
                m.put("b", new BigDecimal(l.b()));
                m.put("change", l.delta());
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
                          BigDecimal totalB, List<Line> top, List<NotComparable> firstNotComparable) { }

    /** Told of each chunk of {@link #runChunked} as soon as its lines are compared. */
    @FunctionalInterface
    public interface ChunkListener {
        void chunk(Partial p) throws IOException;
    }

    public static Result run(Assessor a, Assessor b, LocalDate redate, Path in, Path out, int top, boolean ignoreUnknown) {
        return run(a, b, redate, in, BulkAssessment.inputFormat(in), out, top, ignoreUnknown);
    }

    /**
     * As {@link #run(Assessor, Assessor, LocalDate, Path, Path, int, boolean)}, the file read in the format given (an upload
     * kept under a temporary name). The output file appears only when the whole file was compared.
     */
    public static Result run(Assessor a, Assessor b, LocalDate redate, Path in, BulkAssessment.Format format, Path out, int top,
                             boolean ignoreUnknown) {
        if (!Files.isReadable(in)) throw BulkAssessment.unreadable(in);
        Tally t = new Tally(0, 1, top);
        Path tmp = out == null ? null : BulkAssessment.temp(out);
        try (BulkReader r = BulkReader.open(Files.newInputStream(in), format, in.toString(), ignoreUnknown);
             CsvWriter w = tmp == null ? null : CsvWriter.builder().build(tmp, StandardCharsets.UTF_8)) {
            scan(a, b, redate, r, 0, w, t::add);
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
    public static void runChunked(Assessor a, Assessor b, LocalDate redate, java.io.InputStream in, String name, int top,
                                  boolean ignoreUnknown, int chunkSize, int startChunk, ChunkListener listener) {
        if (chunkSize < 1) throw new IllegalArgumentException("chunkSize must be at least 1");
        if (startChunk < 0) throw new IllegalArgumentException("startChunk must not be negative");
        long skip = (long) startChunk * chunkSize;
        Tally[] t = {new Tally(startChunk, skip + 1, top)};
        try (BulkReader r = BulkReader.open(in, BulkAssessment.inputFormat(name), name, ignoreUnknown)) {
            scan(a, b, redate, r, skip, null, (no, l, nc) -> {
                t[0].add(no, l, nc);
                if (t[0].lines == chunkSize) {
                    listener.chunk(t[0].partial());
                    t[0] = new Tally(t[0].chunkNo + 1, no + 1, top);
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
        for (Partial p : parts) {
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
                List.copyOf(ncs.subList(0, Math.min(NOT_COMPARABLE_NAMED, ncs.size()))));
    }

    /**
     * One data line's outcome: its record number (1 = the first line after the header) and its line, or (when not
     * comparable) null and why.
     */
    private interface Outcome {
        void line(long record, Line l, NotComparable nc) throws IOException;
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

        Tally(int chunkNo, long first, int top) {
            this.chunkNo = chunkNo;
            this.first = first;
            this.top = top;
            this.heap = new PriorityQueue<>(ORDER.reversed()); // the head is the one to drop first
        }

        void add(long record, Line l, NotComparable why) {
            lines++;
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

        List<Line> sorted() {
            List<Line> t = new ArrayList<>(heap);
            t.sort(ORDER);
            return t;
        }

        Partial partial() {
            return new Partial(chunkNo, first, lines, changed, nc, ta, tb, sorted(), List.copyOf(firstNc));
        }

        Result result() {
            return new Result(lines, changed, nc, ta, tb, sorted(), List.copyOf(firstNc));
        }
    }

    /** Reads every record after the first {@code skip} (the header already read by the reader), comparing each and telling {@code out}. */
    private static void scan(Assessor a, Assessor b, LocalDate redate, BulkReader r, long skip, CsvWriter w, Outcome out)
            throws IOException {
        if (w != null) w.writeRecord("line_id", "hts", "origin", "duty_a", "duty_b", "change", "status_a", "status_b", "line", "reason");
        long record = 0;
        while (r.next()) {
            record++;
            if (record <= skip) continue;
            String line = Long.toString(r.line());
            Entry e = r.entry();
            if (e == null) { // the reader's reject: its line, field and reason, as assess-file's rejects file says them
                String id = r.lineId() == null ? "" : r.lineId();
                String why = (r.rejectField() == null || r.rejectField().isEmpty() ? "" : r.rejectField() + ": ") + r.rejectReason();
                if (w != null) w.writeRecord(BulkAssessment.safe(id), "", "", "", "", "", "rejected", "rejected", line, BulkAssessment.safe(why));
                out.line(record, null, new NotComparable(r.line(), id, why));
                continue;
            }
            Side xa = outcome(a, e);
            Side xb = outcome(b, redate == null ? e : e.withDate(redate));
            BigDecimal da = xa.duty();
            BigDecimal db = xb.duty();
            if (da == null || db == null) {
                String why = whyNot(xa, xb);
                if (w != null) w.writeRecord(BulkAssessment.safe(e.lineId()), e.hts(), e.origin(), str(da), str(db), "", xa.status(), xb.status(),
                        line, BulkAssessment.safe(why));
                out.line(record, null, new NotComparable(r.line(), e.lineId(), why));
                continue;
            }
            BigDecimal delta = db.subtract(da);
            if (w != null) w.writeRecord(BulkAssessment.safe(e.lineId()), e.hts(), e.origin(), str(da), str(db), delta.toPlainString(),
                    xa.status(), xb.status(), line, "");
            out.line(record, new Line(e.lineId(), e.hts(), e.origin(), str(da), str(db), (delta.signum() > 0 ? "+" : "") + delta.toPlainString(),
                    delta, record), null);
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
