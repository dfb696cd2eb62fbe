package lodestone.border.bulk;

import lodestone.regime.Regime;
import lodestone.regime.nomenclature.HtsLine;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a seeded file of realistic entry lines for benchmarks and demonstrations: declarable lines
 * of the critical-minerals chapters (25-28, 38, 72-81, 85), origins weighted towards the real
 * suppliers, entry dates across 2025-2026 (so IEEPA, Section 122 and Section 301 all occur), values
 * and quantities over four orders of magnitude, content where the HTS charges on it, some US
 * content and metal-content values (where a Section 232 measure charges on the content: copper and the derivatives on
 * every date, chapter 76 on three in four of the lines of its window, {@link #contentKnown}), preference claims from CAFTA-DR origins, and a small share of
 * malformed lines (bad dates, unknown codes, negative values) that must be rejected.
 */
public final class EntryGenerator {
    private static final String[] ORIGINS = {"CN", "CN", "CN", "CN", "CA", "MX", "JP", "DE", "KR", "AU", "CL", "BR", "IN",
            "VN", "ZA", "CD", "ID", "GT", "SV", "PE", "GB", "FR", "TW", "MY", "RU"};
    private static final String[] CHAPTERS = {"25", "26", "28", "38", "72", "74", "75", "76", "78", "79", "80", "81", "85"};

    private final List<HtsLine> lines = new ArrayList<>();
    private final java.util.Map<Integer, List<String>> basisOf = new java.util.HashMap<>();
    private final java.util.Set<Integer> metalValue = new java.util.HashSet<>();
    /** Lines a measure charges on the metal content's value when declared (chapter 76 here): the measures' validities. */
    private final java.util.Map<Integer, List<lodestone.regime.Validity>> metalIfDeclared = new java.util.HashMap<>();
    private final java.util.Map<Integer, String> unitOf = new java.util.HashMap<>();
    private final SplittableRandom rnd;
    private final long seed;

    public EntryGenerator(Regime regime, long seed) {
        this.rnd = new SplittableRandom(seed);
        this.seed = seed;
        for (HtsLine l : regime.hts().lines()) {
            if (!l.declarable()) continue;
            for (String ch : CHAPTERS) {
                if (l.digits().startsWith(ch)) {
                    lines.add(l);
                    // the content basis the schedule charges on, if any (general or column 2 rate)
                    java.util.Set<String> bases = new java.util.LinkedHashSet<>();
                    for (var r : regime.hts().effectiveRates(l).rates()) {
                        if (r.expression() != null) bases.addAll(r.expression().contentBases());
                    }
                    if (!bases.isEmpty()) basisOf.put(l.index(), List.copyOf(bases));
                    for (var m : regime.measures()) {
                        if (m.valueBasis() == lodestone.regime.measure.ValueBasis.METAL_CONTENT_VALUE
                                && m.products().covers(l.digits())) metalValue.add(l.index());
                        if (m.valueBasis() == lodestone.regime.measure.ValueBasis.METAL_CONTENT_VALUE_IF_DECLARED
                                && m.products().covers(l.digits())) {
                            metalIfDeclared.computeIfAbsent(l.index(), x -> new ArrayList<>()).add(m.validity());
                        }
                    }
                    // declare in the line's own unit of quantity when Lodestone knows it
                    for (String u : l.units()) {
                        if (lodestone.regime.unit.Units.find(u).isPresent()) {
                            unitOf.put(l.index(), lodestone.regime.unit.Units.find(u).get().code());
                            break;
                        }
                    }
                    break;
                }
            }
        }
        if (lines.isEmpty()) throw new IllegalArgumentException("the regime has no declarable lines in the critical-minerals chapters");
    }

    /**
     * Keeps {@code k} of the declarable lines, chosen by the seed (all of them when {@code k} is at least their number), so
     * that a file has at most {@code k} distinct valid codes. Why: how many distinct codes a file holds is a first-order
     * parameter of the bulk throughput (what the reader and the plan keep for each code stays in the core's cache for a
     * few dozen codes and does not for thousands — docs/benchmarks.md); a broker's file often has tens of codes, the
     * default file every line of the chapters (about 2,700). Origins, dates, values and the malformed share are drawn
     * from the same distributions as without it.
     */
    public EntryGenerator codes(int k) {
        if (k < 1) throw new IllegalArgumentException("codes: " + k + " is not a positive number of codes");
        if (k >= lines.size()) return this;
        SplittableRandom pick = new SplittableRandom(seed ^ 0x5DEECE66DL); // its own stream: the choice does not consume the lines' stream
        for (int i = 0; i < k; i++) java.util.Collections.swap(lines, i, i + pick.nextInt(lines.size() - i));
        lines.subList(k, lines.size()).clear();
        return this;
    }

    /** How many declarable lines the generated lines are drawn from. */
    public int codeCount() {
        return lines.size();
    }

    /**
     * Whether a line of a good charged on its metal content when declared (Section 232 on chapter 76 from 2025-06-04 to
     * 2026-04-05) declares it: on a date such a measure is in force, three lines in four (the fourth's content is unknown,
     * charged on the whole value and warned, as CBP allows), at 55-99 % of the value. Drawn from the quantity already
     * drawn, not from the stream, so every other field of every line is what it was without it.
     */
    private boolean contentKnown(HtsLine l, LocalDate d, long qty) {
        List<lodestone.regime.Validity> in = metalIfDeclared.get(l.index());
        if (in == null || qty % 4 == 0) return false;
        for (var v : in) {
            if (v.contains(d)) return true;
        }
        return false;
    }

    public static String header() {
        return "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,content_quantity,content_unit,"
                + "documents,preference,loaded_date,us_content_value,metal_content_value\n";
    }

    /** Writes {@code n} lines (after the header); about 1.5 % are malformed on purpose (0.5 % each: an unknown code, a date in the wrong form, a negative value). */
    public void write(Writer w, long n) throws IOException {
        write(w, n, 0);
    }

    /**
     * Writes {@code n} lines; besides the random malformed ones, every {@code malformedEvery}-th line (when > 0) is
     * malformed for sure, in turn with an unknown code, a date in the wrong form, a negative value and no unit — so
     * that a small sample shows its rejects. The other lines are those of {@link #write(Writer, long)}.
     */
    public void write(Writer w, long n, int malformedEvery) throws IOException {
        w.write(header());
        LocalDate start = LocalDate.parse("2025-01-02");
        StringBuilder sb = new StringBuilder(256);
        for (long i = 1; i <= n; i++) {
            sb.setLength(0);
            HtsLine l = lines.get(rnd.nextInt(lines.size()));
            String origin = ORIGINS[rnd.nextInt(ORIGINS.length)];
            LocalDate d = start.plusDays(rnd.nextInt(680));
            long cents = (long) Math.pow(10, 3 + rnd.nextDouble() * 4) * 100 + rnd.nextInt(100);
            long qty = 1 + rnd.nextInt(20000);
            String value = (cents / 100) + "." + String.format(Locale.ROOT, "%02d", cents % 100);
            int bad = rnd.nextInt(200);
            int forced = malformedEvery > 0 && i % malformedEvery == 0 ? (int) ((i / malformedEvery - 1) % 4) : -1;
            String code = bad == 0 ? l.code().substring(0, l.code().length() - 1) + "9" : forced == 0 ? "0000.00.00" : l.code();
            String date = bad == 1 || forced == 1 ? d.toString().replace('-', '/') : d.toString();
            if (bad == 2 || forced == 2) value = "-" + value;
            String cq = "";
            String cu = "";
            List<String> bases = basisOf.get(l.index());
            if (bases != null) {
                StringBuilder q = new StringBuilder();
                StringBuilder u = new StringBuilder();
                for (String b : bases) {
                    if (!q.isEmpty()) {
                        q.append(';');
                        u.append(';');
                    }
                    q.append(Math.max(1, qty * (5 + rnd.nextInt(60)) / 100));
                    u.append("kg ").append(b);
                }
                cq = q.toString();
                cu = u.toString();
            }
            String pref = (origin.equals("GT") || origin.equals("SV")) && rnd.nextBoolean() ? "P"
                    : (origin.equals("CA") || origin.equals("MX")) && rnd.nextBoolean() ? "S" : "";
            String us = rnd.nextInt(10) == 0 ? String.valueOf(cents / 100 / 4) : "";
            String metal = metalValue.contains(l.index()) ? String.valueOf(cents / 100 * 8 / 10)
                    : contentKnown(l, d, qty) ? String.valueOf(cents / 100 * (55 + qty % 45) / 100) : "";
            String unit = forced == 3 ? "" : unitOf.getOrDefault(l.index(), "kg");
            String docs = rnd.nextInt(20) == 0 ? "assay-certificate" : "";
            sb.append('L').append(i).append(',').append(code).append(',').append(origin).append(',').append(date).append(',')
                    .append(value).append(",USD,").append(qty).append(',').append(unit).append(',').append(cq).append(',').append(cu).append(',')
                    .append(docs).append(',').append(pref).append(",,").append(us).append(',').append(metal).append('\n');
            w.write(sb.toString());
        }
    }
}
