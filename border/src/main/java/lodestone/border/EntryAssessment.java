package lodestone.border;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a customs entry of one or more lines owes: each line assessed by the one {@link Assessor} exactly as a single
 * line is, and the entry's totals.
 *
 * <p>The lines share the entry's header facts — entry date, currency and importer are the entry's (a line cannot
 * differ); export country, loaded date and documents held come from the header unless a line gives its own, documents
 * held adding up (see docs/bulk-format.md, "A customs entry of several lines"). The reader
 * ({@code lodestone.border.bulk.CustomsEntryReader}) builds each line's {@link Entry} with those facts in it; the
 * engine checks the shared ones agree.
 *
 * <p>A line's answer is its single assessment's, except where a rule looks past the line: a document requirement with a
 * low-value waiver (19 CFR 10.586(a)(2): no CAFTA-DR certification for an importation whose originating goods are worth no
 * more than US$2,500) is decided on the customs value of all the entry's lines it applies to, where a line assessed alone
 * is taken as an importation of its own ({@link Assessor.Importation}); and Section 321 de minimis, which the regime states
 * but does not model, is warned of when all the entry's lines together are worth no more than its threshold (a line
 * assessed alone is taken as a shipment of its own).
 *
 * <p>An entry is filed as a whole: a line that cannot be assessed refuses the entry ({@link EntryRefused}), every bad
 * line listed at once at its place ({@code lines[2].hts}). A prohibited line does not refuse it: the entry is
 * {@code PROHIBITED}, says which line and why, and, as a prohibited line has no duty figures, has no duty totals either
 * (each assessed line still has its own).
 *
 * <p>Money is exact: each line's amounts are its own (rounded half-up to the cent per measure, as always); the totals are
 * sums of those rounded amounts — the duty by measure over the lines, the total duty over the lines (equal to the sum of
 * the measures' totals), the customs value in US dollars over the lines (each converted and rounded by its line); the
 * effective rate is total ÷ customs value as a percentage rounded half-up to two decimals, and the landed cost customs
 * value + total duty.
 *
 * @param status            assessed, or prohibited when any line is
 * @param regime            the regime's id, and {@code regimeVersion} its version (regime.yaml {@code version}), as each line names them
 * @param lines             each line's assessment, in the entry's order
 * @param dutyByMeasure     each measure charged on any line (by its output id: "general", "9903.01.24"), in the order of
 *                          first appearance, with its total and the lines it was charged on; empty when prohibited
 * @param customsValueUsd   the lines' customs values in USD, summed
 * @param totalDuty         the lines' total duties summed; null when prohibited
 * @param documentsRequired every line's documents required, each once, in order of first appearance
 * @param prohibitions      "line ID: …" for each prohibition of each prohibited line
 * @param warnings          each line's warnings as "line ID: …"; a warning several lines share, once as "lines 1, 2: …"
 */
public record EntryAssessment(Assessment.Status status, String regime, String regimeVersion, LocalDate date, List<Assessment> lines,
                              List<MeasureTotal> dutyByMeasure, BigDecimal customsValueUsd, BigDecimal totalDuty,
                              BigDecimal effectiveRatePercent, BigDecimal landedCost, List<String> documentsRequired,
                              List<String> prohibitions, List<String> warnings) {

    /** The most lines an entry may have: as an entry summary (CBP Form 7501) allows. */
    public static final int MAX_LINES = 999;

    /** A measure's duty over the entry's lines: its output id, name, series, type, total, and the ids of the lines charged. */
    public record MeasureTotal(String id, String title, char series, String type, BigDecimal amount, List<String> lines) {
        public MeasureTotal {
            lines = List.copyOf(lines);
        }
    }

    public EntryAssessment {
        lines = List.copyOf(lines);
        dutyByMeasure = List.copyOf(dutyByMeasure);
        documentsRequired = List.copyOf(documentsRequired);
        prohibitions = List.copyOf(prohibitions);
        warnings = List.copyOf(warnings);
    }

    /** The ids of the lines that are prohibited. */
    public List<String> prohibitedLines() {
        return lines.stream().filter(a -> a.status() == Assessment.Status.PROHIBITED).map(Assessment::lineId).toList();
    }

    /** Assesses an entry whose lines were all read; throws {@link EntryRefused} listing every line that cannot be assessed. */
    public static EntryAssessment assess(Assessor assessor, List<Entry> lines) {
        return assess(assessor, lines, List.of());
    }

    /**
     * Assesses an entry's lines, {@code known} being the problems already found reading it (a line that could not be read
     * is null in {@code lines}): the lines that were read are assessed too, so that every bad line is reported at once.
     * Throws {@link EntryRefused} with the known problems and the assessor's, in line order; else the entry's answer.
     */
    public static EntryAssessment assess(Assessor assessor, List<Entry> lines, List<EntryRefused.Problem> known) {
        List<EntryRefused.Problem> problems = new ArrayList<>();
        if (lines.isEmpty() && known.isEmpty()) problems.add(new EntryRefused.Problem("lines", null, "an entry needs at least one line"));
        if (lines.size() > MAX_LINES) {
            problems.add(new EntryRefused.Problem("lines", null, lines.size() + " lines; an entry has at most " + MAX_LINES));
        }
        if (!problems.isEmpty()) throw new EntryRefused(problems);
        // the problems found reading, by place: header ones first, then each line's
        Map<Integer, EntryRefused.Problem> atLine = new LinkedHashMap<>();
        for (EntryRefused.Problem p : known) {
            int i = lineIndex(p.field());
            if (i < 0) problems.add(p);
            else atLine.putIfAbsent(i, p);
        }
        boolean headerProblems = !problems.isEmpty(); // a line not read for its header's fault has no problem of its own
        Entry first = lines.stream().filter(Objects::nonNull).findFirst().orElse(null);
        // what a line needs of the others: the lines each document requirement with a low-value waiver applies to, with
        // their values (19 CFR 10.586(a)(2) waives the CAFTA-DR certification on the importation's value, not a line's). A
        // line that cannot be assessed adds nothing here; the pass below reports it and refuses the entry.
        // And the customs value of all its lines: Section 321 de minimis is decided on the shipment's value, not a line's.
        List<Map<String, Assessor.Importation.Part>> parts = new ArrayList<>(lines.size());
        BigDecimal shipment = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < lines.size(); i++) {
            Entry e = lines.get(i);
            Map<String, Assessor.Importation.Part> p = null;
            if (e != null && !atLine.containsKey(i)) {
                try {
                    p = assessor.waivable(e);
                    shipment = shipment.add(assessor.customsValueUsd(e));
                } catch (EntryRejected r) {
                    p = null;
                }
            }
            parts.add(p);
        }
        Assessor.Importation importation = Assessor.Importation.of(parts).withShipment(shipment, lines.size());
        List<Assessment> done = new ArrayList<>(lines.size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Entry e = lines.get(i);
            EntryRefused.Problem p = atLine.get(i);
            if (p == null && e != null) p = shared(i, e, first);
            if (p == null && e != null && !ids.add(e.lineId())) {
                p = new EntryRefused.Problem("lines[" + i + "].line_id", e.lineId(), "'" + e.lineId() + "' is the id of an earlier line; "
                        + "each line of an entry has its own id");
            }
            if (p == null && e != null) {
                try {
                    done.add(assessor.assess(e, importation));
                } catch (EntryRejected r) {
                    p = new EntryRefused.Problem("lines[" + i + "]." + r.field(), e.lineId(), r.reason());
                }
            }
            if (p != null) problems.add(p);
            else if (e == null && !headerProblems) problems.add(new EntryRefused.Problem("lines[" + i + "]", null, "the line could not be read"));
        }
        if (!problems.isEmpty()) throw new EntryRefused(problems);
        return of(done);
    }

    /** The line index of a located field ("lines[3].hts" → 3), or -1 for a header field. */
    static int lineIndex(String field) {
        if (field == null || !field.startsWith("lines[")) return -1;
        int end = field.indexOf(']');
        try {
            return Integer.parseInt(field.substring(6, end));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A line whose entry date, currency or importer is not the entry's (its first line's): a problem, else null. */
    private static EntryRefused.Problem shared(int i, Entry e, Entry first) {
        if (e == first) return null;
        String at = "lines[" + i + "].";
        if (!Objects.equals(e.entryDate(), first.entryDate())) {
            return new EntryRefused.Problem(at + "entry_date", e.lineId(), "entered " + e.entryDate() + ", the entry's other lines "
                    + first.entryDate() + ": the lines of an entry share its entry date");
        }
        if (!Objects.equals(cur(e), cur(first))) {
            return new EntryRefused.Problem(at + "currency", e.lineId(), "values in " + cur(e) + ", the entry's other lines in "
                    + cur(first) + ": the lines of an entry share its currency");
        }
        if (!Objects.equals(e.importer(), first.importer())) {
            return new EntryRefused.Problem(at + "importer", e.lineId(), "importer " + e.importer() + ", the entry's other lines "
                    + first.importer() + ": the lines of an entry share its importer");
        }
        return null;
    }

    private static String cur(Entry e) {
        return e.currency() == null ? "USD" : e.currency();
    }

    /** The entry's answer from its lines' assessments (at least one, all of one regime and date). */
    public static EntryAssessment of(List<Assessment> lines) {
        if (lines.isEmpty()) throw new IllegalArgumentException("an entry has at least one line");
        Assessment one = lines.get(0);
        boolean prohibited = lines.stream().anyMatch(a -> a.status() == Assessment.Status.PROHIBITED);
        BigDecimal value = BigDecimal.ZERO.setScale(2);
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        Map<String, BigDecimal> byId = new LinkedHashMap<>();
        Map<String, Assessment.Charge> firstCharge = new LinkedHashMap<>();
        Map<String, LinkedHashSet<String>> chargedOn = new LinkedHashMap<>();
        LinkedHashSet<String> documents = new LinkedHashSet<>();
        List<String> prohibitions = new ArrayList<>();
        Map<String, List<String>> warned = new LinkedHashMap<>(); // warning text → the lines that gave it
        for (Assessment a : lines) {
            value = value.add(a.customsValueUsd());
            documents.addAll(a.documentsRequired());
            for (String p : a.prohibitions()) prohibitions.add("line " + a.lineId() + ": " + p);
            for (String w : a.warnings()) warned.computeIfAbsent(w, k -> new ArrayList<>()).add(a.lineId());
            if (a.status() == Assessment.Status.PROHIBITED) continue;
            total = total.add(a.totalDuty());
            for (Assessment.Charge c : a.charges()) {
                byId.merge(c.id(), c.amount(), BigDecimal::add);
                firstCharge.putIfAbsent(c.id(), c);
                chargedOn.computeIfAbsent(c.id(), k -> new LinkedHashSet<>()).add(a.lineId());
            }
        }
        List<MeasureTotal> measures = new ArrayList<>();
        if (!prohibited) {
            for (var m : byId.entrySet()) {
                Assessment.Charge c = firstCharge.get(m.getKey());
                measures.add(new MeasureTotal(m.getKey(), c.title(), c.series(), c.type(), m.getValue(), List.copyOf(chargedOn.get(m.getKey()))));
            }
        }
        List<String> warnings = new ArrayList<>();
        for (var w : warned.entrySet()) {
            List<String> at = w.getValue();
            warnings.add((at.size() == 1 ? "line " + at.get(0) : "lines " + String.join(", ", at)) + ": " + w.getKey());
        }
        BigDecimal rate = null, landed = null, duty = null;
        if (!prohibited) {
            duty = total;
            // no rate of a duty on nothing (a line's warning says why); 0.00 % of nothing owed on nothing
            rate = value.signum() != 0 ? total.multiply(BigDecimal.valueOf(100)).divide(value, 2, RoundingMode.HALF_UP)
                    : total.signum() == 0 ? BigDecimal.ZERO.setScale(2) : null;
            landed = value.add(total);
        }
        return new EntryAssessment(prohibited ? Assessment.Status.PROHIBITED : Assessment.Status.ASSESSED, one.regime(), one.regimeVersion(), one.date(), lines,
                measures, value, duty, rate, landed, List.copyOf(documents), prohibitions, warnings);
    }
}
