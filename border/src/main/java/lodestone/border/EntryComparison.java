package lodestone.border;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The what-if of a customs entry of several lines: the entry assessed under side A, then under side B (another regime's
 * assessor, or A's; its lines changed by a {@link WhatIf}: moved to another date, their origin moved), each line's duties
 * under both and the change. One code path
 * for {@code lodestone compare --entry} and {@code POST /api/compare} with lines.
 *
 * @param a          the entry under side A
 * @param b          the entry under side B
 * @param lines      each line's duties (null under a side where it is prohibited) and b − a, in line order
 * @param difference the total duties' b − a; null when either side is prohibited
 */
public record EntryComparison(EntryAssessment a, EntryAssessment b, List<Line> lines, BigDecimal difference) {

    /** A line's duties under each side; {@code origin} as declared (side A's), {@code originB} side B's. */
    public record Line(String lineId, String hts, String origin, String originB, BigDecimal a, BigDecimal b, BigDecimal change) { }

    public EntryComparison {
        lines = List.copyOf(lines);
    }

    /**
     * Compares an entry read as {@code lines} with the problems found reading it ({@code known}). Throws {@link EntryRefused}
     * with every problem under A; then with every problem only B finds, each message beginning "under LABEL_B: ". Side
     * B's lines are {@code change}'s (null: unchanged); its notes (a preference dropped with the origin) are first among
     * the line's warnings under B.
     */
    public static EntryComparison of(Assessor a, Assessor b, WhatIf change, List<Entry> lines, List<EntryRefused.Problem> known, String labelB) {
        EntryAssessment x = EntryAssessment.assess(a, lines, known);
        WhatIf c = change == null ? WhatIf.NONE : change;
        List<WhatIf.Moved> moved = lines.stream().map(e -> c.apply(e, b.regime().geography())).toList();
        EntryAssessment y;
        try {
            y = EntryAssessment.assess(b, moved.stream().map(WhatIf.Moved::entry).toList());
        } catch (EntryRefused r) {
            throw new EntryRefused(r.problems().stream().map(p -> new EntryRefused.Problem(p.field(), p.lineId(),
                    "under " + labelB + ": " + p.message())).toList());
        }
        if (moved.stream().anyMatch(m -> !m.notes().isEmpty())) {
            List<Assessment> noted = new ArrayList<>();
            for (int i = 0; i < y.lines().size(); i++) noted.add(WhatIf.noted(y.lines().get(i), moved.get(i).notes()));
            y = EntryAssessment.of(noted);
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < x.lines().size(); i++) {
            Assessment l = x.lines().get(i);
            BigDecimal da = duty(l);
            BigDecimal db = duty(y.lines().get(i));
            out.add(new Line(l.lineId(), l.hts(), l.origin(), y.lines().get(i).origin(), da, db,
                    da == null || db == null ? null : db.subtract(da)));
        }
        BigDecimal ta = x.totalDuty();
        BigDecimal tb = y.totalDuty();
        return new EntryComparison(x, y, out, ta == null || tb == null ? null : tb.subtract(ta));
    }

    private static BigDecimal duty(Assessment l) {
        return l.status() == Assessment.Status.PROHIBITED ? null : l.totalDuty();
    }

    /** As the API answers it: {a: {label, entry}, b: {label, entry}, difference, lines: [{line_id, hts, origin, origin_b, a, b, change}]}. */
    public Map<String, Object> toJson(String labelA, String labelB) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", side(labelA, a));
        m.put("b", side(labelB, b));
        m.put("difference", difference);
        List<Map<String, Object>> ls = new ArrayList<>();
        for (Line l : lines) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("line_id", l.lineId());
            x.put("hts", l.hts());
            x.put("origin", l.origin());
            x.put("origin_b", l.originB());
            x.put("a", l.a());
            x.put("b", l.b());
            x.put("change", l.change());
            ls.add(x);
        }
        m.put("lines", ls);
        return m;
    }

    private static Map<String, Object> side(String label, EntryAssessment e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("entry", EntryAssessmentJson.of(e));
        return m;
    }
}
