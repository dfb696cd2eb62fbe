package lodestone.border.bulk;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What-if: the same entry lines assessed twice — under two regimes, or under one regime with the
 * entries re-dated — with the change per line and in total. Streams the input; only the N largest
 * changes are kept in memory (a bounded heap), every line can be written to a CSV.
 */
public final class Comparison {

    public record Line(String lineId, String hts, String origin, String a, String b, String change, BigDecimal delta) { }

    public record Result(long lines, long changed, long notComparable, BigDecimal totalA, BigDecimal totalB, List<Line> top) {
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
                m.put("a", l.a());
                m.put("b", l.b());
                m.put("change", l.delta());
                t.add(m);
            }
            j.put("top", t);
            return j;
        }
    }

    private Comparison() {
    }

    public static Result run(Assessor a, Assessor b, LocalDate redate, Path in, Path out, int top, boolean ignoreUnknown) {
        if (!Files.isReadable(in)) throw new BulkAssessment.BulkFileException("cannot read " + in + ": no such file or not readable");
        if (BulkAssessment.inputFormat(in) == BulkAssessment.Format.JSONL) {
            throw new BulkAssessment.BulkFileException(in + ": compare reads CSV input; convert the JSON Lines file or use assess-file");
        }
        PriorityQueue<Line> heap = new PriorityQueue<>(Comparator.comparing((Line l) -> l.delta().abs()));
        long lines = 0;
        long changed = 0;
        long nc = 0;
        BigDecimal ta = BigDecimal.ZERO.setScale(2);
        BigDecimal tb = BigDecimal.ZERO.setScale(2);
        EntryFields parser = new EntryFields();
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
             CsvWriter w = out == null ? null : CsvWriter.builder().build(out, StandardCharsets.UTF_8)) {
            if (w != null) w.writeRecord("line_id", "hts", "origin", "duty_a", "duty_b", "change", "status_a", "status_b");
            Map<String, Integer> cols = null;
            for (CsvRecord rec : CsvReader.builder().allowMissingFields(true).allowExtraFields(true).ofCsvRecord(r)) {
                if (cols == null) {
                    cols = new HashMap<>();
                    for (int i = 0; i < rec.getFieldCount(); i++) cols.put(rec.getField(i).trim().replace("\uFEFF", ""), i);
                    for (String req : EntryFields.REQUIRED) {
                        if (!cols.containsKey(req)) {
                            throw new BulkAssessment.BulkFileException(in + ":1: header lacks required column " + req);
                        }
                    }
                    if (!ignoreUnknown) {
                        for (String c : cols.keySet()) {
                            if (!EntryFields.REQUIRED.contains(c) && !EntryFields.OPTIONAL.contains(c)) {
                                throw new BulkAssessment.BulkFileException(in + ":1: unknown column '" + c + "' (or pass --ignore-unknown)");
                            }
                        }
                    }
                    continue;
                }
                final Map<String, Integer> c = cols;
                final CsvRecord row = rec;
                lines++;
                Entry e;
                String sa;
                String sb;
                BigDecimal da = null;
                BigDecimal db = null;
                try {
                    e = parser.parse(n -> {
                        Integer i = c.get(n);
                        return i == null || i >= row.getFieldCount() ? null : row.getField(i);
                    }, rec.getStartingLineNumber());
                } catch (EntryRejected x) {
                    nc++;
                    if (w != null) w.writeRecord(row.getField(c.get("line_id")), "", "", "", "", "", "rejected", "rejected");
                    continue;
                }
                sa = status(a, e);
                da = duty(a, e);
                Entry eb = redate == null ? e : e.withDate(redate);
                sb = status(b, eb);
                db = duty(b, eb);
                if (da == null || db == null) {
                    nc++;
                    if (w != null) w.writeRecord(e.lineId(), e.hts(), e.origin(), str(da), str(db), "", sa, sb);
                    continue;
                }
                ta = ta.add(da);
                tb = tb.add(db);
                BigDecimal delta = db.subtract(da);
                if (delta.signum() != 0) changed++;
                if (w != null) w.writeRecord(e.lineId(), e.hts(), e.origin(), str(da), str(db), delta.toPlainString(), sa, sb);
                Line l = new Line(e.lineId(), e.hts(), e.origin(), str(da), str(db), (delta.signum() > 0 ? "+" : "") + delta.toPlainString(), delta);
                if (top > 0) {
                    heap.add(l);
                    if (heap.size() > top) heap.poll();
                }
            }
            if (cols == null) throw new BulkAssessment.BulkFileException(in + ": the file is empty; expected a header line");
        } catch (IOException x) {
            throw new UncheckedIOException("cannot compare " + in + ": " + x.getMessage(), x);
        }
        List<Line> t = new ArrayList<>(heap);
        t.sort(Comparator.comparing((Line l) -> l.delta().abs()).reversed());
        return new Result(lines, changed, nc, ta, tb, t);
    }

    private static String status(Assessor a, Entry e) {
        try {
            return a.assess(e).status().name().toLowerCase();
        } catch (EntryRejected r) {
            return "rejected";
        }
    }

    private static BigDecimal duty(Assessor a, Entry e) {
        try {
            Assessment x = a.assess(e);
            return x.status() == Assessment.Status.ASSESSED ? x.totalDuty() : null;
        } catch (EntryRejected r) {
            return null;
        }
    }

    private static String str(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }
}
