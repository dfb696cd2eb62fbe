package lodestone.regime;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How far a regime's facts reach, as its manifest declares it: the first entry date its measures
 * cover, the date through which its facts were checked against their sources, the oldest exchange
 * rate it will use without saying so, and each source with its date.
 *
 * <p>Why it exists: a regime answers for any date, and an answer for a date its authors never checked
 * looks exactly like a checked one. The horizon lets every face of an assessment say when the figures
 * rest on facts that stop before the entry date (or begin after it), or on a stale exchange rate. The
 * warnings it writes all begin with {@link #PREFIX}, so a page can show them apart (a banner).
 */
public record Horizon(LocalDate coversFrom, LocalDate checkedThrough, int fxMaxAgeDays, List<Source> sources, List<Gap> gaps,
                      DeMinimis deMinimis) {
    /** Every warning about the horizon starts with this text. */
    public static final String PREFIX = "regime horizon: ";

    /** One source of the regime's facts and the date it reaches. */
    public record Source(String id, String title, LocalDate date, String note) { }

    /**
     * A known gap: a measure or list the regime's authors know of but could not model because no source
     * here holds it. {@code codes} (HTS prefixes, digits only), {@code origins} (ISO alpha-2) and the dates say
     * where it matters; empty codes mean any line, empty origins any origin, a null date an open end. {@code warning}:
     * what an assessment it bears on says.
     */
    public record Gap(String id, String what, List<String> codes, List<String> origins, LocalDate from, LocalDate to, String warning) {
        public Gap {
            codes = List.copyOf(codes);
            origins = origins == null ? List.of() : List.copyOf(origins);
        }

        /**
         * A gap with its {@link #warning}, made once: every assessment it bears on says the same text object (the bulk
         * writer copies the bytes of a text it has met instead of encoding it again).
         */
        public Gap(String id, String what, List<String> codes, List<String> origins, LocalDate from, LocalDate to) {
            this(id, what, null, codes, origins, from, to);
        }

        /**
         * A gap whose lines say {@code lineWarning} (its {@code line-warning:}, a sentence) in place of the whole {@code what}:
         * a note of 500-800 characters on every line of a bulk file it touches was read by no one. Null: the whole note.
         */
        public Gap(String id, String what, String lineWarning, List<String> codes, List<String> origins, LocalDate from, LocalDate to) {
            this(id, what, codes, origins, from, to, PREFIX + "known gap " + id + ", not in these figures: " + (lineWarning != null ? lineWarning : what));
        }

        public Gap(String id, String what, List<String> codes, LocalDate from, LocalDate to) {
            this(id, what, codes, List.of(), from, to);
        }

        /**
         * Does the gap bear on an assessment of this line (digits), origin and date — so that the assessment warns? Only a
         * gap that names its codes or its origins does (one that names neither, "any line from anywhere", is listed by
         * {@code regime show} but would be said on every line of every file), and only for its origins when it names them.
         */
        public boolean bearsOn(String digits, String origin, LocalDate date) {
            return (!codes.isEmpty() || !origins.isEmpty()) && touches(digits, date) && (origins.isEmpty() || origins.contains(origin));
        }


        /** Does the gap touch this HTS line (digits) on this date (null: any date)? */
        public boolean touches(String digits, LocalDate date) {
            if (date != null && ((from != null && date.isBefore(from)) || (to != null && date.isAfter(to)))) return false;
            if (codes.isEmpty()) return true;
            for (String c : codes) if (digits.startsWith(c) || c.startsWith(digits)) return true;
            return false;
        }
    }

    /** A regime that declares no horizon: no warnings (test regimes). */
    public static final Horizon NONE = new Horizon(null, null, 0, List.of(), List.of());

    public Horizon {
        sources = List.copyOf(sources);
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
    }

    public Horizon(LocalDate coversFrom, LocalDate checkedThrough, int fxMaxAgeDays, List<Source> sources) {
        this(coversFrom, checkedThrough, fxMaxAgeDays, sources, List.of());
    }

    /** A horizon that states no Section 321 de minimis ({@link #deMinimis} null: no line is warned of it). */
    public Horizon(LocalDate coversFrom, LocalDate checkedThrough, int fxMaxAgeDays, List<Source> sources, List<Gap> gaps) {
        this(coversFrom, checkedThrough, fxMaxAgeDays, sources, gaps, null);
    }

    /** The warnings of the known gaps that bear on an assessment of this line (digits), origin and date ({@link Gap#bearsOn}). */
    public List<String> gapWarnings(String digits, String origin, LocalDate date) {
        List<String> out = null;
        for (Gap g : gaps) {
            if (!g.bearsOn(digits, origin, date)) continue;
            if (out == null) out = new ArrayList<>(1);
            out.add(g.warning());
        }
        return out == null ? List.of() : out;
    }

    /**
     * {@link #gapWarnings} of one line (digits) and origin for every date at once: the warnings change only where a gap that
     * bears on the pair begins or ends, so they are kept by the first epoch day each holds from, each list made once (the
     * bulk fast path asks for a line's warnings on every line of a gapped code or origin; looping over every gap and its
     * codes each time cost ~0.03 s a million lines).
     */
    public record GapTable(long[] fromDay, List<List<String>> warnings) {
        /** The warnings on an epoch day: {@code gapWarnings(digits, origin, LocalDate.ofEpochDay(day))}, the same list object each time. */
        public List<String> on(long day) {
            int i = fromDay.length - 1;
            while (i > 0 && fromDay[i] > day) i--;
            return warnings.get(i);
        }
    }

    /** The {@link GapTable} of a line (digits) and origin. */
    public GapTable gapTable(String digits, String origin) {
        java.util.TreeSet<Long> starts = new java.util.TreeSet<>();
        for (Gap g : gaps) {
            if (!g.bearsOn(digits, origin, null)) continue;
            if (g.from() != null) starts.add(g.from().toEpochDay());
            if (g.to() != null) starts.add(g.to().toEpochDay() + 1);
        }
        long[] from = new long[starts.size() + 1];
        List<List<String>> w = new ArrayList<>(from.length);
        from[0] = Long.MIN_VALUE;
        w.add(List.copyOf(gapWarnings(digits, origin, LocalDate.MIN)));
        int i = 1;
        for (long d : starts) {
            from[i++] = d;
            w.add(List.copyOf(gapWarnings(digits, origin, LocalDate.ofEpochDay(d))));
        }
        return new GapTable(from, List.copyOf(w));
    }

    /** Does a gap that names origins and no codes (every line from those origins) name this origin? */
    public boolean anyOriginGapNames(String origin) {
        for (Gap g : gaps) if (g.codes().isEmpty() && g.origins().contains(origin)) return true;
        return false;
    }

    /** Whether any known gap that names codes touches this line on some date (the bulk fast path asks once a line). */
    public boolean anyCodedGapTouches(String digits) {
        for (Gap g : gaps) if (!g.codes().isEmpty() && g.touches(digits, null)) return true;
        return false;
    }

    /** The known gaps that touch an HTS line (digits) on a date. */
    public List<Gap> gapsFor(String digits, LocalDate date) {
        return gapsFor(digits, null, date);
    }

    /**
     * The known gaps that touch an HTS line (digits) on a date for goods of an origin. With no origin (null), a gap of some
     * origins is listed when it names codes (it touches this line), not when it names origins only (it would be listed on
     * every line: it is said when one of its origins is asked about).
     */
    public List<Gap> gapsFor(String digits, String origin, LocalDate date) {
        List<Gap> out = new ArrayList<>();
        for (Gap g : gaps) {
            if (!g.touches(digits, date)) continue;
            if (origin == null ? g.codes().isEmpty() && !g.origins().isEmpty() : !g.origins().isEmpty() && !g.origins().contains(origin)) continue;
            out.add(g);
        }
        return out;
    }

    public boolean declared() {
        return checkedThrough != null;
    }

    /**
     * Warnings for an entry date: past the date through which the facts were checked, or before the
     * first date the regime covers. Empty when the date is inside the horizon.
     */
    public List<String> dateWarnings(LocalDate date, String regimeId) {
        List<String> out = new ArrayList<>(1);
        String past = pastHorizon("the entry date", date, regimeId, "measures that began or changed since then are not in these figures");
        if (past != null) out.add(past);
        if (coversFrom != null && date.isBefore(coversFrom)) {
            out.add(PREFIX + "the entry date " + date + " is before " + coversFrom + ", the first date regime " + regimeId
                    + " covers; these figures use the HTS 2026 base rates and the measures "
                    + "of this regime, not the schedule and measures in force on that date");
        }
        return out;
    }

    /**
     * The warning for a date after the one through which the facts were checked — {@code what} names the date ("the entry
     * date", "the date"), {@code missing} what it may lack — or null when the date is within the horizon.
     */
    public String pastHorizon(String what, LocalDate date, String regimeId, String missing) {
        if (checkedThrough == null || date == null || !date.isAfter(checkedThrough)) return null;
        return PREFIX + what + " " + date + " is after " + checkedThrough + ", the last date through which the facts of regime "
                + regimeId + " were checked; " + missing;
    }

    /**
     * A warning when the exchange rate used for an entry date was observed more than
     * {@link #fxMaxAgeDays} days before it; null when it is fresh enough (or no age is declared).
     */
    public String fxWarning(String currency, FxRates.Observation used, LocalDate date) {
        return fxWarning(currency, used, date, "the entry date");
    }

    /** As {@link #fxWarning(String, FxRates.Observation, LocalDate)}, {@code date} named as {@code dateLabel} (the date converted for). */
    public String fxWarning(String currency, FxRates.Observation used, LocalDate date, String dateLabel) {
        return fxWarning(currency, used, date, dateLabel, null);
    }

    /**
     * As {@link #fxWarning(String, FxRates.Observation, LocalDate, String)}; {@code next}, the date of the currency's next
     * rate after {@code date} (null: none, the rate used is the table's last), is named, so that a rate from a gap in the
     * table is not called the latest in the regime (reported by the fx review: GTQ on 2025-12-03 was told so of the rate of
     * 2025-11-01, the next being of 2025-12-06).
     */
    public String fxWarning(String currency, FxRates.Observation used, LocalDate date, String dateLabel, LocalDate next) {
        if (fxMaxAgeDays <= 0 || used == null || "USD".equals(currency)) return null;
        long age = ChronoUnit.DAYS.between(used.date(), date);
        if (age <= fxMaxAgeDays) return null;
        String observed = (used.monthlyAverage() ? "monthly average of " : "observed ") + used.date();
        return PREFIX + "converted from " + currency + " at " + used.quoted(currency) + (next == null ? ", the latest rate in the regime (" + observed + ")"
                : ", the latest rate on or before the date (" + observed + "; the regime's next " + currency + " rate is of " + next
                  + ": a gap in its table)") + ", " + age + " days before " + dateLabel + " " + date
                + " (older than the stated " + fxMaxAgeDays + " days); the amount in US dollars may be off by the "
                + "exchange-rate movement since";
    }

    /**
     * What this horizon adds to, removes from or changes in {@code theirs}, as {@link Regime#compareWith} lists a regime's
     * measures: how far the facts were checked, the sources, the known gaps (by id) and Section 321 de minimis. (A regime
     * whose horizon differs warns differently, so a comparison that said "no measure differs" would hide it.)
     */
    void compareWith(Horizon theirs, List<Regime.Change> out) {
        List<String> d = new ArrayList<>();
        Regime.diffField(d, "facts cover from", theirs.coversFrom, coversFrom);
        Regime.diffField(d, "checked through", theirs.checkedThrough, checkedThrough);
        Regime.diffField(d, "exchange rates at most days old", theirs.fxMaxAgeDays == 0 ? null : theirs.fxMaxAgeDays, fxMaxAgeDays == 0 ? null : fxMaxAgeDays);
        if (!d.isEmpty()) out.add(new Regime.Change("changed", "horizon", "horizon", null, String.join("; ", d)));
        java.util.Map<String, Source> ts = new java.util.LinkedHashMap<>();
        for (Source x : theirs.sources) ts.put(x.id(), x);
        java.util.Set<String> ours = new java.util.HashSet<>();
        for (Source x : sources) {
            ours.add(x.id());
            Source o = ts.get(x.id());
            if (o == null) out.add(new Regime.Change("added", "source", x.id(), null, x.title() + (x.date() == null ? "" : " — to " + x.date())));
            else if (!o.equals(x)) {
                List<String> sd = new ArrayList<>();
                Regime.diffField(sd, "title", o.title(), x.title());
                Regime.diffField(sd, "to", o.date(), x.date());
                Regime.diffField(sd, "note", o.note(), x.note());
                out.add(new Regime.Change("changed", "source", x.id(), null, x.title() + ": " + String.join("; ", sd)));
            }
        }
        for (Source o : theirs.sources) if (!ours.contains(o.id())) out.add(new Regime.Change("removed", "source", o.id(), null, o.title()));
        java.util.Map<String, Gap> tg = new java.util.LinkedHashMap<>();
        for (Gap g : theirs.gaps) tg.put(g.id(), g);
        ours.clear();
        for (Gap g : gaps) {
            ours.add(g.id());
            Gap o = tg.get(g.id());
            if (o == null) out.add(new Regime.Change("added", "known-gap", g.id(), null, describe(g)));
            else if (!describe(o).equals(describe(g))) out.add(new Regime.Change("changed", "known-gap", g.id(), null, describe(o) + " → " + describe(g)));
        }
        for (Gap o : theirs.gaps) if (!ours.contains(o.id())) out.add(new Regime.Change("removed", "known-gap", o.id(), null, describe(o)));
        DeMinimis a = theirs.deMinimis, b = deMinimis;
        if (a == null && b != null) out.add(new Regime.Change("added", "de-minimis", "section-321", null, b.describe()));
        else if (a != null && b == null) out.add(new Regime.Change("removed", "de-minimis", "section-321", null, a.describe()));
        else if (a != null && !a.describe().equals(b.describe())) {
            List<String> dd = new ArrayList<>();
            Regime.diffField(dd, "not over", DeMinimis.usd(a.atMostUsd()), DeMinimis.usd(b.atMostUsd()));
            Regime.diffField(dd, "legal base", a.legalBase(), b.legalBase());
            List<String> before = a.ends().stream().map(DeMinimis::describe).toList();
            List<String> after = b.ends().stream().map(DeMinimis::describe).toList();
            for (String e : after) if (!before.contains(e)) dd.add("+ended " + e);
            for (String e : before) if (!after.contains(e)) dd.add("−ended " + e);
            out.add(new Regime.Change("changed", "de-minimis", "section-321", null, String.join("; ", dd)));
        }
    }

    /** A known gap in one line: what it is, where and when. */
    static String describe(Gap g) {
        return g.what() + (g.warning().endsWith(g.what()) ? "" : " · on a line: " + g.warning()) + (g.codes().isEmpty() ? "" : " · codes " + g.codes()) + (g.origins().isEmpty() ? "" : " · origins " + g.origins())
                + " · " + (g.from() == null ? "open" : g.from()) + " → " + (g.to() == null ? "open" : g.to());
    }
}
