package lodestone.regime;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Section 321 "de minimis" (19 U.S.C. 1321(a)(2)(C)) as a regime knows it without modelling it: a shipment worth no
 * more than {@code atMostUsd} to one person on one day could be entered free of duty, until the privilege ended for the
 * goods' origin ({@code ends}, each dated with its source). The assessment does not model it — every line is a formal
 * entry — so a line (or an entry) worth no more than the threshold, dated before the end that applies to its origin, is
 * warned about ({@link #warning}): its duties may not have been owed.
 *
 * <p>Why the dates are data (regime.yaml, {@code horizon: de-minimis:}) and not code: each is a fact with its source, and
 * a regime for another period or country states its own.
 *
 * @param atMostUsd the threshold in US dollars (not exceeding: a shipment of exactly it qualifies)
 * @param legalBase where the privilege is written, e.g. 19 U.S.C. 1321(a)(2)(C)
 * @param ends      when it ended: for goods of the origins named, or of every origin when none is named
 */
public record DeMinimis(BigDecimal atMostUsd, String legalBase, List<End> ends) {

    /**
     * The privilege's end for goods of {@code origins} (ISO alpha-2; empty: every origin) on entries from {@code from}
     * (inclusive), by {@code source}; {@code lineWarning}: what a line taken as a shipment of its own says before it, made
     * once (the bulk writer keeps texts by identity).
     */
    public record End(List<String> origins, LocalDate from, String source, String lineWarning) {
        public End {
            origins = List.copyOf(origins);
        }

        public End(List<String> origins, LocalDate from, String source, BigDecimal atMostUsd, String legalBase) {
            this(origins, from, source, text(origins, from, source, atMostUsd, legalBase, lineTail(atMostUsd)));
        }
    }

    public DeMinimis {
        ends = List.copyOf(ends);
    }

    /** The end that applies to goods of {@code origin}: the earliest of those naming it or naming no origin; null: none. */
    public End endFor(String origin) {
        End best = null;
        for (End e : ends) {
            if (!e.origins().isEmpty() && !e.origins().contains(origin)) continue;
            if (best == null || e.from().isBefore(best.from())) best = e;
        }
        return best;
    }

    /**
     * The warning for a line of {@code origin} entered on {@code date}, worth {@code valueUsd} — its own customs value when
     * it is taken as a shipment of its own ({@code lines} 0), else the sum over the entry's {@code lines} lines; null when
     * over the threshold or on or after the end for its origin.
     */
    public String warning(String origin, LocalDate date, BigDecimal valueUsd, int lines) {
        if (valueUsd.compareTo(atMostUsd) > 0) return null;
        End end = endFor(origin);
        if (end != null && !date.isBefore(end.from())) return null;
        if (lines == 0) return end != null ? end.lineWarning() : text(List.of(), null, null, atMostUsd, legalBase, lineTail(atMostUsd));
        String what = lines == 1
                ? "the entry's one line is worth " + usd(valueUsd) + ", not over " + usd(atMostUsd) + ", and is assessed here as a formal entry"
                : "the entry's " + lines + " lines are worth " + usd(valueUsd) + " in all, not over " + usd(atMostUsd)
                        + ", and are assessed here as a formal entry";
        return text(end == null ? List.of() : end.origins(), end == null ? null : end.from(), end == null ? null : end.source(),
                atMostUsd, legalBase, what);
    }

    private static String lineTail(BigDecimal atMost) {
        return "this line's customs value is not over " + usd(atMost) + " and it is assessed here as a formal entry, taken as a "
                + "shipment of its own: with other goods worth more than " + usd(atMost) + " in all it could not have been "
                + "(assess the entry's lines together)";
    }

    private static String text(List<String> origins, LocalDate from, String source, BigDecimal atMost, String legalBase, String tail) {
        String until = from == null ? " (no end of it is known to this regime)"
                : " before " + from + ", when it ended for goods of " + (origins.isEmpty() ? "every origin" : String.join(" and ", origins))
                        + " (" + source + ")";
        return "Section 321 de minimis not modelled: a shipment worth no more than " + usd(atMost) + " to one person on one day could be "
                + "entered under " + legalBase + " free of the duties shown" + until + "; " + tail;
    }

    /** The privilege in one line, as `regime diff --against` lists it: the threshold, the legal base, each end. */
    public String describe() {
        return "Section 321 de minimis (" + legalBase + "): a shipment not over " + usd(atMostUsd) + " entered free, not modelled (warned of)"
                + (ends.isEmpty() ? "; no end known" : "; ended " + String.join("; ", ends.stream().map(DeMinimis::describe).toList()));
    }

    /** One end: for which origins, from when, by what. */
    static String describe(End e) {
        return "for " + (e.origins().isEmpty() ? "every origin" : String.join(" and ", e.origins())) + " from " + e.from() + " (" + e.source() + ")";
    }

    /** US dollars as the assessments write them: $1,234.50. */
    static String usd(BigDecimal v) {
        return "$" + String.format(java.util.Locale.ROOT, "%,.2f", v);
    }
}
