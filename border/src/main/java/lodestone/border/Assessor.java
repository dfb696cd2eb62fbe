package lodestone.border;

import lodestone.regime.measure.StackingRule;
import lodestone.regime.EntityList;
import lodestone.regime.FxRates;
import lodestone.regime.Regime;
import lodestone.regime.geo.Geography;
import lodestone.regime.geo.PreferenceProgram;
import lodestone.regime.measure.Action;
import lodestone.regime.measure.Condition;
import lodestone.regime.measure.DutyExpression;
import lodestone.regime.measure.Measure;
import lodestone.regime.measure.MeasureType;
import lodestone.regime.measure.Price;
import lodestone.regime.measure.Test;
import lodestone.regime.measure.ValueBasis;
import lodestone.regime.nomenclature.BaseRate;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.nomenclature.Nomenclature;
import lodestone.regime.unit.Unit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Assesses entry lines against a regime: what each owes, under which measures, and why.
 *
 * <p>The regime is compiled once into a {@link CompiledPlan} (per line: the candidate measures in
 * evaluation order; per measure: its origin scope resolved to per-country date windows; the measures
 * that displace it), which the bulk {@link FastPath} shares. Assessing a line then runs, in TARIC series order: prohibitions (a prohibited line gets no
 * duty figures), documents, the schedule's base duty (general, column 2, or the claimed special
 * rate), trade remedies and additional duties. Stacking is two-pass: first every measure's outcome
 * is decided from its conditions, then amounts are computed, each ad valorem measure on its portion
 * of value less the portions charged under measures that displace it (Section 232 displaces the
 * reciprocal and Section 122 duties on the metal-content value).
 *
 * <p>Money is {@link BigDecimal}: intermediate products are exact (or 34-digit where a division is
 * needed), each measure's amount is rounded half-up to the cent in US dollars, and amounts in other
 * currencies are converted at the regime's rate for the entry date.
 *
 * <p>The bulk path ({@link #assessWithoutTrail}) runs the same code with the explanation switched
 * off — no trail, no calculation texts — so its figures cannot drift from the explained ones. What a
 * line needs from the regime is cached, each cache bounded by the regime or a cap: the line plan by
 * HTS line, a line's candidate measures narrowed per origin country, declared codes and origins
 * resolved. The per-line arithmetic stays exact BigDecimal (an ad valorem rate moves the decimal
 * point instead of dividing by 100 when the product fits the 34 digits, which is the same value).
 *
 * <p>Thread-safe: one Assessor serves any number of threads.
 */
public final class Assessor {
    static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Regime regime;
    private final List<Measure> measures;
    /** The regime compiled once: line plans, measures' windows and displacers (see {@link CompiledPlan}). */
    private final CompiledPlan compiled;
    /*
     * Declared codes and origins map to their resolved forms so a line costs one hash lookup each instead of a digits
     * copy, trims and case folds; bounded by a cap.
     */
    private final Map<String, HtsLine> codes = new ConcurrentHashMap<>();
    private final Map<String, Integer> countries = new ConcurrentHashMap<>(); // as declared → index in countryCodes
    private final List<String> countryCodes; // the compiled plan's
    private static final int CACHE_CAP = 1 << 16;
    private final OriginVerifier originVerifier;

    /** Checks a preference claim's bill of materials; null means no checker is installed. */
    public interface OriginVerifier {
        /** Whether the goods qualify, with the reason; or, undetermined, why their bill could not decide the claim. */
        Verdict verify(Entry entry, String program, Regime regime);

        /**
         * {@code undetermined}: the rules at hand cannot decide (no rule of the file covers the good): the claim is then
         * accepted as declared with a warning giving {@code explanation}, not denied.
         */
        record Verdict(boolean qualifies, String explanation, boolean undetermined) {
            public Verdict(boolean qualifies, String explanation) {
                this(qualifies, explanation, false);
            }
        }
    }

    private Assessor(Regime regime, OriginVerifier verifier) {
        this.regime = regime;
        this.compiled = new CompiledPlan(regime);
        this.measures = compiled.measures();
        this.countryCodes = compiled.countryCodes();
        this.originVerifier = verifier;
        this.documentUse = new DocumentUse(regime);
        this.hasWaivers = measures.stream().anyMatch(m -> m.lowValueWaiver() != null);
        this.fast = new FastPath(compiled, documentUse);
    }

    /** Whether a measure of the regime has a low-value waiver (else an entry's lines need no look at each other). */
    private final boolean hasWaivers;

    /** Which declared documents change nothing, on any date or on the line's (both engines' warnings). */
    private final DocumentUse documentUse;



    /** Compiles a regime into an assessor. */
    public static Assessor compile(Regime regime) {
        return new Assessor(regime, null);
    }

    /** Compiles a regime into an assessor that checks preference claims' bills of materials. */
    public static Assessor compile(Regime regime, OriginVerifier verifier) {
        return new Assessor(regime, verifier);
    }

    public Regime regime() {
        return regime;
    }

    // ------------------------------------------------------------------ the assessment

    /**
     * Assesses one entry line; throws {@link EntryRejected} naming the field when it cannot. The line is taken as an
     * importation of its own where a rule looks past the line (a document requirement's low-value waiver, see
     * {@link Importation}), and says so.
     */
    public Assessment assess(Entry e) {
        return assess(e, true, null);
    }

    /**
     * Assesses one line of a customs entry: as {@link #assess(Entry)}, with the entry's facts that a rule looking past the
     * line needs ({@code importation}, from {@link #waivable} of each of the entry's lines).
     */
    public Assessment assess(Entry e, Importation importation) {
        return assess(e, true, importation);
    }

    /**
     * What a line of an importation (a customs entry) needs to know of the entry's other lines: for each document
     * requirement with a low-value waiver (19 CFR 10.586(a)(2): the CAFTA-DR certification), the entry's lines it requires
     * documents of, with their customs values in US dollars — the waiver is decided on their sum, not on one line's value.
     */
    public record Importation(Map<String, List<Part>> waivable, BigDecimal shipmentUsd, int lines) {
        /** A line the requirement applies to: its id and its customs value in US dollars (converted and rounded by the line). */
        public record Part(String lineId, BigDecimal valueUsd) { }

        /**
         * {@code shipmentUsd}: the customs value in US dollars of all the entry's {@code lines} lines (each converted and
         * rounded by its line), on which Section 321 de minimis is decided; null (and 0 lines) when not known — each line is
         * then taken as a shipment of its own.
         */
        public Importation {
            Map<String, List<Part>> copy = new java.util.LinkedHashMap<>();
            waivable.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            waivable = java.util.Collections.unmodifiableMap(copy);
            if (shipmentUsd == null) lines = 0;
        }

        public Importation(Map<String, List<Part>> waivable) {
            this(waivable, null, 0);
        }

        /** This importation with the customs value of all its lines (for Section 321 de minimis). */
        public Importation withShipment(BigDecimal totalUsd, int lineCount) {
            return new Importation(waivable, totalUsd, lineCount);
        }

        /** The importation of an entry's lines, from each line's {@link Assessor#waivable} (in line order; null: not read). */
        public static Importation of(List<Map<String, Part>> lines) {
            Map<String, List<Part>> by = new java.util.LinkedHashMap<>();
            for (Map<String, Part> l : lines) {
                if (l == null) continue;
                l.forEach((measure, part) -> by.computeIfAbsent(measure, k -> new ArrayList<>()).add(part));
            }
            return new Importation(by);
        }
    }

    /**
     * The document requirements with a low-value waiver that require documents of this line, each with the line's id and
     * customs value in US dollars (empty for most lines); throws {@link EntryRejected} as {@link #assess} would.
     */
    public Map<String, Importation.Part> waivable(Entry e) {
        if (!hasWaivers) return Map.of();
        Ctx c = new Ctx(e);
        c.validate();
        Line l = new Line(c, false, null);
        active(l);
        Map<String, Importation.Part> out = new java.util.LinkedHashMap<>();
        for (int k = 0; k < l.nActive; k++) {
            Measure m = measures.get(l.active[k]);
            if (m.type() != MeasureType.DOCUMENT_REQUIREMENT || m.lowValueWaiver() == null) continue;
            Set<String> req = new LinkedHashSet<>();
            decide(m, c, req);
            if (!req.isEmpty()) out.put(m.id(), new Importation.Part(e.lineId(), c.valueUsd));
        }
        return out;
    }

    /**
     * A line's customs value in US dollars, converted at the regime's rate and rounded to the cent as its assessment does
     * (an entry adds its lines' up for Section 321 de minimis); throws {@link EntryRejected} as {@link #assess} would.
     */
    public BigDecimal customsValueUsd(Entry e) {
        Ctx c = new Ctx(e);
        c.validate();
        return c.valueUsd;
    }

    private static String notDeclarable(HtsLine line) {
        return line.code() + " is not a declarable line (statistical suffix missing); rates and measures of " + line.code() + " used";
    }

    /**
     * Assesses one entry line as {@link #assess} does — the same status, charges and amounts, total,
     * rate, landed cost, documents, prohibitions and warnings — but without the explanation: the
     * trail is empty and each charge's calculation text is null. This is the bulk path: building the
     * trail's text (money formatting above all) costs several times the arithmetic.
     */
    public Assessment assessWithoutTrail(Entry e) {
        return assess(e, false, null);
    }

    /**
     * One line being assessed: its validated context, plan and measures in force, and what the series steps
     * gather — documents, prohibitions, warnings, charges and (when explaining) the trail.
     */
    private final class Line {
        final Ctx c;
        final boolean explain;
        final CompiledPlan.LinePlan plan;
        final List<Assessment.TrailStep> trail;
        final List<String> prohibitions = new ArrayList<>();
        final Set<String> documents = new LinkedHashSet<>();
        final List<String> warnings;
        final List<Assessment.Charge> charges = new ArrayList<>();
        /** The entry this line is part of (null: an importation of its own). */
        final Importation importation;
        /** The documents of each document requirement a low-value waiver excused on this line, with its warning (lazily). */
        List<Waived> waived;
        int[] active;
        int nActive;

        Line(Ctx c, boolean explain, Importation importation) {
            this.c = c;
            this.explain = explain;
            this.importation = importation;
            this.plan = compiled.plan(c.line);
            this.trail = explain ? new ArrayList<>() : null;
            this.warnings = c.warnings == null ? new ArrayList<>(2) : new ArrayList<>(c.warnings);
        }

        void step(String id, char series, String outcome, String text) {
            trail.add(new Assessment.TrailStep(id, series, outcome, text));
        }

        void step(String id, char series, String outcome, String text, List<Assessment.Stacked> stacking) {
            trail.add(new Assessment.TrailStep(id, series, outcome, text, stacking));
        }

        /** The answer for a line a prohibition blocks: no duty figures. */
        Assessment prohibited() {
            regionWarnings(this);
            assumptions(c, warnings, trail);
            Entry e = c.entry;
            return new Assessment(e.lineId(), Assessment.Status.PROHIBITED, c.line.code(), c.origin, e.entryDate(),
                    c.valueUsd, List.of(), null, null, null, List.copyOf(documents), prohibitions, warnings,
                    explain ? trail : List.of(), regime.id(), regime.version());
        }
    }

    /** A document requirement whose documents a low-value waiver excused on a line: its documents and the warning text. */
    private record Waived(List<String> documents, String warning) { }

    /** The line's candidate measures in force for its origin on its date, into {@code l.active}. */
    private void active(Line l) {
        int[] candidates = l.plan.candidates(l.c.originIndex);
        l.active = new int[candidates.length];
        long day = l.c.entry.entryDate().toEpochDay();
        for (int i : candidates) {
            if (compiled.inForce(i, l.c.originIndex, day)) l.active[l.nActive++] = i;
        }
    }

    private Assessment assess(Entry e, boolean explain, Importation importation) {
        Ctx c = new Ctx(e);
        c.validate();
        if (!c.line.declarable()) {
            // an 8-digit line assessed at its own measures: say which of them its statistical lines do not share (reported by
            // a review: 8505.11.00 of China was charged 9903.05.31, which NdFeB magnets 8505.11.00.70 do not owe, without a word)
            List<String> apart = regime.statisticalLinesApart(c.line, e.entryDate(), c.origin);
            if (!apart.isEmpty()) {
                String plain = notDeclarable(c.line);
                int i = c.warnings.indexOf(plain);
                if (i >= 0) c.warnings.set(i, plain + ", but its statistical lines are treated apart: " + String.join("; ", apart)
                        + " — declare the 10-digit line");
            }
        }
        Line l = new Line(c, explain, importation);
        if (explain && c.fx != null) l.step("fx", 'C', "converted", fxStep(e, c));
        // the regime's horizon (date past what was checked or before what is covered, stale exchange rate)
        // and a declared unit that is not the line's unit of quantity
        l.warnings.addAll(regime.horizonWarnings(e.entryDate(), e.currency() == null ? "USD" : e.currency(),
                e.loadedDate(), "the date of exportation (the loaded date)"));
        // a known gap that bears on this line: a measure that applies here but is not in these figures (reported by a review:
        // aluminium of Russia assessed at 61 % without a word of the 200 % surcharge the regime knows it does not model)
        l.warnings.addAll(regime.gapWarnings(c.line.digits(), c.origin, e.entryDate()));
        if (e.unit() != null) {
            String w = UnitCheck.warning(c.line, e.unit());
            if (w != null) l.warnings.add(w);
        }
        // a declared document no measure asks for changes nothing: said, so a misspelt certificate code is not silently
        // ignored (reported by a review: "bogus-doc" and "=1+1" were accepted without a word); nor one whose measures are
        // not in force on the entry date (an exclusion's document the day after it ended)
        if (!e.documents().isEmpty() && !documentUse.silent(e.documents())) {
            l.warnings.addAll(documentUse.warnings(e.documents(), e.entryDate()));
        }
        active(l); // which candidates are in force for this origin on this date
        if (hasBareContent(e)) resolveBareContent(c, l.plan, l.active, l.nActive, l.warnings);

        prohibitionsAndDocuments(l); // series A and B
        if (!l.prohibitions.isEmpty()) return l.prohibited();
        if (explain) excluded(l);
        BigDecimal base = baseDuty(l.plan, c, l.charges, l.trail, l.warnings); // series C
        List<Decided> duties = decideDuties(l); // series D onwards: every outcome first (stacking needs to know what applies) ...
        if (!l.prohibitions.isEmpty()) return l.prohibited();
        chargeDuties(l, duties, base); // ... then the amounts, each on its portion of value
        return assessed(l);
    }

    /**
     * The date values in another currency are converted on: the date of exportation (19 CFR 159.32: "the date of
     * exportation of the merchandise shall be the date for conversion of foreign currency", 31 U.S.C. 5151(e)), which a
     * line declares as its loaded date (the date the goods left for the United States, 19 CFR 152.1(c)); without one,
     * the entry date, and the trail says so.
     */
    static java.time.LocalDate conversionDate(Entry e) {
        return e.loadedDate() != null ? e.loadedDate() : e.entryDate();
    }

    private static String conversionDateText(Entry e) {
        return e.loadedDate() != null ? " (the loaded date: the date of exportation, 19 CFR 159.32)" : "";
    }

    /**
     * The trail's account of a conversion to dollars: what was declared, at which rate of which day or month and from
     * which source, and what it came to — a broker checks the rate here (reported missing by a review: the rate used was
     * nowhere in the answer).
     */
    private static String fxStep(Entry e, Ctx c) {
        FxRates.Observation o = c.fx;
        String cur = e.currency();
        String when = o.monthlyAverage() ? "the monthly average for " + java.time.YearMonth.from(o.date()) : "the rate of " + o.date();
        BigDecimal v = e.customsValue();
        // with the currency's own decimals (JPY 10,000, KWD 1,250.500; reported by a customs broker's review: every currency
        // was shown with two), or as declared when it has more
        int minor = lodestone.border.bulk.EntryFields.minorDigits(cur);
        String declared = v.stripTrailingZeros().scale() <= minor ? String.format(java.util.Locale.ROOT, "%,." + minor + "f", v) : plain(v);
        String forDate = e.loadedDate() != null
                ? "the rate for the date of exportation, the loaded date " + e.loadedDate() + ": 19 CFR 159.32"
                : "the rate for the entry date: no loaded date declared, and 19 CFR 159.32 converts at the date of exportation";
        return "customs value " + cur + " " + declared + " " + (o.unitsPerUsd() ? "÷ " : "× ")
                + o.quoted(cur) + " (" + when + (o.source() == null || o.source().isBlank() ? "" : ", " + o.source())
                + "; " + forDate + ") = " + money(c.valueUsd)
                + (e.usContentValue() != null || e.metalContentValue() != null ? "; the US-content and metal-content values at the same rate" : "");
    }

    /** Series A and B: prohibitions (with their conditions) and the documents the line's measures require. */
    private void prohibitionsAndDocuments(Line l) {
        Ctx c = l.c;
        for (int k = 0; k < l.nActive; k++) {
            int i = l.active[k];
            Measure m = measures.get(i);
            if (m.type() == MeasureType.PROHIBITION) {
                Decision d = decide(m, c, l.documents);
                if (d.block != null || (m.conditions().isEmpty())) {
                    String why = d.block != null ? d.block : m.title();
                    l.prohibitions.add(m.id() + ": " + why + " [" + m.legalBase() + "]");
                    if (l.explain) l.step(m.outputId(), 'A', "blocked", m.outputId() + " prohibits entry: " + d.when("block") + why + " ["
                            + m.legalBase() + "]");
                } else if (l.explain && d.exempt != null) { // a condition that lifts the prohibition decided (UFLPA section 3(b))
                    l.step(m.outputId(), 'A', "exempt", m.outputId() + " (" + m.title() + ") not applied: " + d.when("exempt") + d.exempt
                            + " [" + m.legalBase() + "]");
                } else if (l.explain) {
                    l.step(m.outputId(), 'A', "not-applicable", m.outputId() + " (" + m.title() + "): no condition met"
                            + (d.note == null ? "" : " — " + d.note));
                }
            } else if (m.type() == MeasureType.DOCUMENT_REQUIREMENT && m.lowValueWaiver() != null) {
                waivable(l, m);
            } else if (m.type() == MeasureType.DOCUMENT_REQUIREMENT) {
                int before = l.documents.size();
                decide(m, c, l.documents);
                if (l.explain) l.step(m.outputId(), 'B', "documents", m.outputId() + " (" + m.title() + "): "
                        + (l.documents.size() > before ? "requires " + String.join(", ", l.documents) : "no document required for this line"));
            }
        }
    }

    /**
     * A document requirement with a low-value waiver (19 CFR 10.586(a)(2)): the documents its conditions require of the
     * line are required unless the importation's lines it applies to — the entry's, or this line alone when it is assessed
     * on its own — are worth no more than the waiver's amount in all (not exceeding: exactly the amount is waived). The
     * trail says which lines, their values and the threshold either way; a waived document not held is warned about with
     * the waiver's words in place of "document required but not declared as held" (both engines).
     */
    private void waivable(Line l, Measure m) {
        Set<String> req = new LinkedHashSet<>();
        decide(m, l.c, req);
        if (req.isEmpty()) {
            if (l.explain) l.step(m.outputId(), 'B', "documents", m.outputId() + " (" + m.title() + "): no document required for this line");
            return;
        }
        lodestone.regime.measure.LowValueWaiver w = m.lowValueWaiver();
        List<Importation.Part> parts = l.importation == null ? null : l.importation.waivable().get(m.id());
        if (parts == null || parts.isEmpty()) parts = null; // (a line not in the entry's count: taken alone)
        BigDecimal total = l.c.valueUsd;
        if (parts != null) {
            total = BigDecimal.ZERO.setScale(2);
            for (Importation.Part p : parts) total = total.add(p.valueUsd());
        }
        boolean waived = total.compareTo(w.atMostUsd()) <= 0;
        List<String> docs = List.copyOf(req);
        if (waived) {
            if (l.waived == null) l.waived = new ArrayList<>(1);
            l.waived.add(new Waived(docs, waiverWarning(m, docs, total, parts == null ? 0 : parts.size())));
        } else {
            l.documents.addAll(req);
        }
        if (!l.explain) return;
        String values;
        if (parts == null) {
            values = "this line, taken as an importation of its own (its customs value " + money(total) + ")";
        } else if (parts.size() == 1) {
            values = "the entry's one line it applies to, line " + parts.get(0).lineId() + " (" + money(total) + ")";
        } else {
            StringBuilder sum = new StringBuilder();
            int shown = Math.min(parts.size(), 12);
            for (int i = 0; i < shown; i++) {
                if (i > 0) sum.append(" + ");
                sum.append("line ").append(parts.get(i).lineId()).append(' ').append(money(parts.get(i).valueUsd()));
            }
            if (shown < parts.size()) sum.append(" + ").append(parts.size() - shown).append(" more lines");
            values = "the entry's " + parts.size() + " lines it applies to (" + sum + " = " + money(total) + ")";
        }
        String rule = w.legalBase() + " waives " + String.join(", ", docs) + " for an importation whose lines it applies to are "
                + "worth no more than " + money(w.atMostUsd()) + " in all";
        l.step(m.outputId(), 'B', waived ? "waived" : "documents", m.outputId() + " (" + m.title() + "): "
                + (waived ? String.join(", ", docs) + " not required — " + rule + ": " + values + ", not over " + money(w.atMostUsd())
                          + (w.note() == null ? "" : "; " + w.note())
                          : "requires " + String.join(", ", docs) + " — " + rule + "; not waived: " + values + ", over "
                          + money(w.atMostUsd()))
                + " [" + m.legalBase() + "]");
    }

    /**
     * The warning of a line whose documents a low-value waiver excused (both engines; given when one of them is neither
     * held nor required by another measure): the rule, the value it was decided on and the threshold. {@code lines} is the
     * number of the entry's lines added up, 0 for a line taken as an importation of its own.
     */
    static String waiverWarning(Measure m, List<String> documents, BigDecimal totalUsd, int lines) {
        lodestone.regime.measure.LowValueWaiver w = m.lowValueWaiver();
        String what = lines == 0
                ? "this line's customs value " + money(totalUsd) + " is not over " + money(w.atMostUsd()) + "; the line is taken as an "
                        + "importation of its own — entered with other lines " + m.id() + " applies to, their values together "
                        + "decide (assess them as one entry)"
                : (lines == 1 ? "the entry's one line " + m.id() + " applies to is worth " + money(totalUsd)
                        : "the entry's " + lines + " lines " + m.id() + " applies to are worth " + money(totalUsd) + " in all")
                        + ", not over " + money(w.atMostUsd());
        return String.join(", ", documents) + " not required (" + w.legalBase() + "): " + what
                + (w.note() == null ? "" : "; " + w.note());
    }

    /** The explanation's note of each measure in force that the line's code is carved out of. */
    private void excluded(Line l) {
        Ctx c = l.c;
        Entry e = c.entry;
        for (int i : l.plan.carvedOut()) {
            Measure m = measures.get(i);
            if (!m.validity().contains(e.entryDate()) || !compiled.originWindows(i).covers(c.origin, e.entryDate())) continue;
            List<String> by = m.products().exclusionsOf(c.line.digits());
            l.step(m.outputId(), m.type().series(), "excluded", m.outputId() + " (" + m.title() + ") not applicable: "
                    + c.line.code() + " is excluded from its product scope" + (by.isEmpty() ? "" : " (excluded: "
                    + String.join("; ", by) + ")") + " [" + m.legalBase() + "]");
        }
    }

    /** A duty measure in force with its decided outcome. */
    private record Decided(int measure, Decision decision) { }

    /** Series D onwards: each duty measure's outcome from its conditions; a condition that blocks adds a prohibition. */
    private List<Decided> decideDuties(Line l) {
        List<Decided> out = new ArrayList<>(l.nActive);
        for (int k = 0; k < l.nActive; k++) {
            int i = l.active[k];
            Measure m = measures.get(i);
            if (m.type() == MeasureType.PROHIBITION || m.type() == MeasureType.DOCUMENT_REQUIREMENT) continue;
            Decision d = decide(m, l.c, l.documents);
            if (d.block != null) {
                l.prohibitions.add(m.id() + ": " + d.block + " [" + m.legalBase() + "]");
                if (l.explain) l.step(m.outputId(), m.type().series(), "blocked", m.outputId() + " prohibits entry: " + d.when("block") + d.block);
                continue;
            }
            out.add(new Decided(i, d));
        }
        return out;
    }

    /**
     * The amounts of the decided duties: each ad valorem measure on its portion of value — its basis less what the
     * applied measures displacing it charge on — a price-gap levy on the declared price, and 'base' in a Chapter 99
     * expression the base duty on the same portion.
     */
    private void chargeDuties(Line l, List<Decided> duties, BigDecimal base) {
        Ctx c = l.c;
        boolean explain = l.explain;
        boolean[] applied = new boolean[measures.size()];
        for (Decided dd : duties) applied[dd.measure()] = dd.decision().expression != null || dd.decision().difference != null;
        for (Decided dd : duties) {
            int i = dd.measure();
            Measure m = measures.get(i);
            Decision d = dd.decision();
            String id = m.outputId();
            if (d.exempt != null) {
                if (explain) l.step(id, m.type().series(), "exempt", id + " (" + m.title() + ") not charged: " + d.when("exempt") + d.exempt
                        + (d.conditionId == null ? "" : " [" + d.conditionId + "]"));
                continue;
            }
            if (!applied[i]) {
                if (explain) l.step(id, m.type().series(), "not-applicable", id + " (" + m.title() + "): no condition met and no default duty");
                continue;
            }
            if (d.difference != null) {
                // a price-gap levy is charged on the quantity, not on a portion of value: not charged when the measures
                // displacing it charge on the whole of its basis (a raised floor superseding the floor it replaces),
                // charged in full otherwise, as a specific duty is
                BigDecimal whole = basisValue(m, c);
                BigDecimal left = whole;
                StringBuilder by = explain ? new StringBuilder() : null;
                List<Assessment.Stacked> stackedBy = explain ? new ArrayList<>() : null;
                for (int x : compiled.displacers(i)) {
                    if (!applied[x]) continue;
                    BigDecimal portion = basisValue(measures.get(x), c);
                    left = left.subtract(portion).max(BigDecimal.ZERO);
                    if (explain) {
                        by.append(", less ").append(money(portion)).append(" charged under ").append(measures.get(x).outputId());
                        stacking(x, i, by, stackedBy);
                    }
                }
                if (left.signum() == 0 && whole.signum() > 0) {
                    if (explain) l.step(id, m.type().series(), "exempt", id + " (" + m.title() + ") not charged: the whole "
                            + basisName(m, c) + " " + money(whole) + " is charged under a measure that displaces it" + by
                            + " [" + m.legalBase() + "]", stackedBy);
                    continue;
                }
                Computed levy = chargeDifference(d.difference, c, explain);
                BigDecimal amt = cents(levy.amount);
                String calc = explain ? id + " " + levy.text + " = " + money(amt) : null;
                l.charges.add(new Assessment.Charge(id, m.id(), m.type().series(), compiled.typeName(i), amt, calc, compiled.legalBase(i), m.title()));
                if (explain) l.step(id, m.type().series(), "applied", calc + " [" + m.legalBase() + "]");
                continue;
            }
            // the portion of value: the measure's own basis less what displacing measures charge on
            BigDecimal value = basisValue(m, c);
            String valueText = explain ? money(value) : null;
            StringBuilder displacedText = explain ? new StringBuilder() : null;
            List<Assessment.Stacked> stackedBy = explain ? new ArrayList<>() : null;
            for (int x : compiled.displacers(i)) {
                if (!applied[x]) continue;
                BigDecimal portion = basisValue(measures.get(x), c);
                value = value.subtract(portion).max(BigDecimal.ZERO);
                if (explain) {
                    displacedText.append(", less ").append(money(portion)).append(" charged under ").append(measures.get(x).outputId());
                    stacking(x, i, displacedText, stackedBy);
                }
            }
            // 'base' in a Chapter 99 expression is the base duty on the same portion of value
            BigDecimal full = basisValue(m, c);
            if (value.signum() == 0 && full.signum() > 0) { // the whole value is charged under displacing measures
                if (explain) l.step(id, m.type().series(), "exempt", id + " (" + m.title() + ") not charged: the whole "
                        + basisName(m, c) + " " + valueText + " is charged under a measure that displaces it" + displacedText
                        + " [" + m.legalBase() + "]", stackedBy);
                continue;
            }
            // on the content's value when declared; not declared, on the whole value, and the line is told so (never silent)
            boolean undeclared = m.valueBasis() == ValueBasis.METAL_CONTENT_VALUE_IF_DECLARED && c.metalContentUsd == null;
            if (undeclared) c.contentNotDeclared(compiled.notDeclared(i));
            // the base duty is charged on the customs value: its share of the portion is base × portion ÷ customs value
            // (the non-US content of a 15 % all-in top-up owes 15 % less the base rate on that content, not less the
            // base duty on the whole value)
            BigDecimal portionBase = value.compareTo(c.valueUsd) == 0 || c.valueUsd.signum() == 0 ? base
                    : base.multiply(value).divide(c.valueUsd, MC);
            Computed comp = evaluate(d.expression, c, value, portionBase, explain);
            BigDecimal amt = cents(comp.amount);
            String calc = explain ? id + " " + comp.text + " = " + money(amt) : null;
            l.charges.add(new Assessment.Charge(id, m.id(), m.type().series(), compiled.typeName(i), amt, calc, compiled.legalBase(i), m.title()));
            if (explain) {
                String basisNote = m.valueBasis() == ValueBasis.CUSTOMS_VALUE && displacedText.isEmpty() ? ""
                        : m.valueBasis() == ValueBasis.METAL_CONTENT_VALUE_IF_DECLARED
                        ? " (on " + basisName(m, c) + " " + valueText + displacedText + (undeclared
                        ? ": metal_content_value not declared, the whole value is charged — " : " of the customs value "
                        + money(c.valueUsd) + ", the rest owing the other duties — ") + m.valueBasisCitation() + ")"
                        : m.valueBasis() == ValueBasis.NON_US_CONTENT_VALUE && m.valueBasisCitation() != null
                          && usContentShareAtLeast(c, m.usContentShare())
                        ? " (on " + basisName(m, c) + " " + valueText + displacedText + "; the US content " + money(c.usContentUsd)
                          + " is " + m.valueBasisCitation() + ")"
                        : " (on " + basisName(m, c) + " " + valueText + displacedText + ")";
                l.step(id, m.type().series(), "applied", calc + basisNote + " [" + m.legalBase() + "]"
                        + (d.conditionId == null ? "" : " (condition " + d.conditionId + ")"), stackedBy);
            }
        }
    }

    /**
     * The explaining path only: why measure {@code displaced} does not stack on measure {@code displacer} — the stacking
     * rules of the regime that explain the pair, their citations appended to the trail's text and listed on the step
     * (the bulk fast path never calls this: the citation changes no amount).
     */
    private void stacking(int displacer, int displaced, StringBuilder text, List<Assessment.Stacked> out) {
        Measure x = measures.get(displacer);
        Measure y = measures.get(displaced);
        List<StackingRule> rules = stackingRules.computeIfAbsent(((long) displacer << 32) | displaced,
                k -> regime.stackingRules(x, y));
        text.append(" (").append(StackingRule.cited(rules)).append(")");
        if (rules.isEmpty()) out.add(new Assessment.Stacked(x.outputId(), null, null, null));
        for (var r : rules) out.add(new Assessment.Stacked(x.outputId(), r.id(), r.citation(), r.notSourced()));
    }

    /** The stacking rules of each (displacer, displaced) pair met by the explaining path, found once. */
    private final java.util.concurrent.ConcurrentHashMap<Long, List<StackingRule>> stackingRules =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The assessed line: total, effective rate, landed cost, the warnings of documents not held, the trail in series order. */
    private Assessment assessed(Line l) {
        Ctx c = l.c;
        Entry e = c.entry;
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (Assessment.Charge ch : l.charges) total = total.add(ch.amount());
        BigDecimal rate;
        if (c.valueUsd.signum() != 0) {
            rate = total.multiply(HUNDRED).divide(c.valueUsd, 2, RoundingMode.HALF_UP);
        } else if (total.signum() == 0) {
            rate = BigDecimal.ZERO.setScale(2);
        } else { // a duty on quantity or content with a customs value of 0: no percentage of the value (it read 0.00 %)
            rate = null;
            l.warnings.add(noRate(total));
        }
        // a declared metal-content value no charge was computed on changes nothing: said, so a broker who declared it for
        // Section 232 knows the duty is on the whole value (232 copper from 2026-04-06) or that no such measure applies
        if (c.metalContentUsd != null && !c.metalUsed) l.warnings.add(metalValueUnused(c.line.code()));
        if (c.notDeclared != null) l.warnings.addAll(c.notDeclared); // (the two exclude each other: declared or not)
        regionWarnings(l);
        for (String doc : l.documents) {
            if (!e.documents().contains(doc)) l.warnings.add(documentWarning(doc));
        }
        if (l.waived != null) { // documents a low-value waiver excused: said where their "not held" would have been
            for (Waived w : l.waived) {
                for (String doc : w.documents()) {
                    if (!l.documents.contains(doc) && !e.documents().contains(doc)) {
                        l.warnings.add(w.warning());
                        break;
                    }
                }
            }
        }
        if (total.signum() > 0) deMinimis(l); // (after every other warning the fast path gives: it says it last; nothing owed, nothing to say)
        if (c.measureFx != null) { // a price or rate of a measure in another currency, converted at a stale rate
            c.measureFx.forEach((cur, o) -> {
                java.time.LocalDate on = conversionDate(e);
                String w = regime.horizon().fxWarning(cur, o, on, e.loadedDate() != null ? "the date of exportation (the loaded date)"
                        : "the entry date", regime.fx().after(cur, on).map(FxRates.Observation::date).orElse(null));
                if (w != null && !l.warnings.contains(w)) l.warnings.add(w);
            });
        }
        assumptions(c, l.warnings, l.trail);
        if (l.explain) l.trail.sort(java.util.Comparator.comparing(Assessment.TrailStep::series)); // stable: evaluation order within a series
        return new Assessment(e.lineId(), Assessment.Status.ASSESSED, c.line.code(), c.origin, e.entryDate(), c.valueUsd,
                l.charges, total, rate, c.valueUsd.add(total), List.copyOf(l.documents), List.of(), l.warnings,
                l.explain ? l.trail : List.of(), regime.id(), regime.version());
    }

    /**
     * Section 321 de minimis (19 U.S.C. 1321(a)(2)(C)), which the regime states but does not model: a line worth no more
     * than its threshold — the entry's lines in all when the line is assessed as part of an entry, else the line alone,
     * taken as a shipment of its own — entered before the end that applies to its origin, is warned that the duties shown
     * may not have been owed (both engines; the fast path compares the value in cents and the day, its text made once).
     * A prohibited line is not: its answer is the prohibition; nor a line that owes nothing (its answer is right either way).
     */
    private void deMinimis(Line l) {
        lodestone.regime.DeMinimis dm = regime.horizon().deMinimis();
        if (dm == null) return;
        Importation im = l.importation;
        boolean entry = im != null && im.shipmentUsd() != null;
        String w = dm.warning(l.c.origin, l.c.entry.entryDate(), entry ? im.shipmentUsd() : l.c.valueUsd, entry ? im.lines() : 0);
        if (w != null) l.warnings.add(w);
    }

    /**
     * A line declaring no production regions, of the country of a region a measure in force for it decides on: each such
     * measure's warning (the fast path gives the same, after the same warnings).
     */
    private void regionWarnings(Line l) {
        if (!l.c.entry.productionRegions().isEmpty()) return;
        for (int k = 0; k < l.nActive; k++) {
            String w = compiled.regionWarning(l.active[k], l.c.origin);
            if (w != null) l.warnings.add(w);
        }
    }

    /** The warning for a declared metal-content value that no duty on the line was charged on. */
    static String metalValueUnused(String code) {
        return "metal_content_value declared but not used: no duty charged on " + code + " on this date and origin is on the value "
                + "of a metal content (the amounts are on the customs value)";
    }

    /**
     * The warning of a line charged on its whole customs value under a measure due on the metal content's value when the
     * entry declares it (Section 232 on chapters 73 and 76 from 2025-06-04), short (the bulk results carry it on every such
     * line): the heading, which content it would be charged on alone — the steel of a measure on chapter 73 goods, the
     * aluminium of one on chapter 76 goods (a good of both metals declares only that one: the other owes the other duties)
     * — and the sources of the measure's citation (its text before ": "; the trail quotes the whole). Made once a measure
     * (CompiledPlan; the fast path's plan takes the same text).
     */
    static String contentNotDeclared(Measure m) {
        String cited = m.valueBasisCitation();
        int colon = cited.indexOf(": ");
        return "metal_content_value not declared: " + m.outputId() + " is charged on the whole customs value, not on the "
                + contentOf(m) + " content alone (" + (colon < 0 ? cited : cited.substring(0, colon)) + ")";
    }

    /**
     * The metal whose content a measure on the metal content's value when declared is charged on: "steel" when every code
     * it covers is of chapter 73, "aluminium" when of chapter 76, else "metal".
     */
    static String contentOf(Measure m) {
        String chapter = null;
        for (String inc : m.products().includes()) {
            if (!m.products().covers(inc)) continue; // (an include its exclusions take out, e.g. 8708 of 9903.85.04's list)
            String ch = inc.length() < 2 ? inc : inc.substring(0, 2);
            if (chapter == null) chapter = ch;
            else if (!chapter.equals(ch)) return "metal";
        }
        return "73".equals(chapter) ? "steel" : "76".equals(chapter) ? "aluminium" : "metal";
    }

    /** The warning for a required document the line does not declare as held. */
    static String documentWarning(String document) {
        return "document required but not declared as held: " + document;
    }

    /** The assumptions made for a line, as warnings (every face) and as trail steps (the explanation). */
    private static void assumptions(Ctx c, List<String> warnings, List<Assessment.TrailStep> trail) {
        if (c.assumptions == null) return;
        for (String a : c.assumptions) {
            warnings.add("assumption: " + a);
            if (trail != null) trail.add(new Assessment.TrailStep("content", 'C', "assumption", "assumption: " + a));
        }
    }

    private static boolean hasBareContent(Entry e) {
        for (Entry.Content ct : e.contents()) if (ct.basis() == null) return true;
        return false;
    }

    /**
     * A content declared with a bare unit ("1000 kg", no basis): when the duties that can apply to the
     * line (its base rates and the measures in force for the origin on the date) are charged on exactly
     * one content basis, the content is read as that basis and the assumption is stated; on several, the
     * line is refused (which basis is meant cannot be known); on none, the content is not needed and a
     * warning says it was not used.
     */
    private void resolveBareContent(Ctx c, CompiledPlan.LinePlan plan, int[] active, int nActive, List<String> warnings) {
        Set<String> bases = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (BaseRate r : plan.rates().rates()) if (r.modelled()) bases.addAll(r.expression().contentBases());
        for (int k = 0; k < nActive; k++) {
            Measure m = measures.get(active[k]);
            if (m.duty() != null) bases.addAll(m.duty().contentBases());
            for (Condition cond : m.conditions()) {
                if (cond.action() instanceof Action.Apply a && a.expression() != null) bases.addAll(a.expression().contentBases());
                if (cond.action() instanceof Action.ChargeDifference cd && cd.reference().basis() != null) bases.add(cd.reference().basis());
                for (Test t : cond.tests()) {
                    if (t instanceof Test.UnitPriceBelow u && u.price().basis() != null) bases.add(u.price().basis());
                    if (t instanceof Test.UnitPriceAtLeast u && u.price().basis() != null) bases.add(u.price().basis());
                }
            }
        }
        Entry e = c.entry;
        List<Entry.Content> out = new ArrayList<>();
        for (Entry.Content ct : e.contents()) {
            if (ct.basis() != null) {
                out.add(ct);
                continue;
            }
            String declared = plain(ct.quantity()) + " " + ct.unit().code();
            if (bases.isEmpty()) {
                warnings.add("content " + declared + " (no basis) not used: no duty on " + c.line.code() + " is charged on content");
                continue;
            }
            if (bases.size() > 1) {
                throw new EntryRejected("content_unit", "content unit '" + ct.unit().code() + "' names no content basis, and the "
                        + "duties on " + c.line.code() + " are charged on several (" + String.join(", ", bases) + "); give the "
                        + "basis, e.g. '" + ct.unit().code() + " " + bases.iterator().next() + "'");
            }
            String basis = bases.iterator().next();
            if (e.content(basis) != null) {
                throw new EntryRejected("content_unit", "content unit '" + ct.unit().code() + "' names no content basis and "
                        + basis + " content is declared too; give one quantity per basis");
            }
            out.add(new Entry.Content(ct.quantity(), ct.unit(), basis));
            c.assume("content " + declared + " declared without a basis, read as " + declared + " " + basis + ": " + basis
                    + " is the only content basis of the duties on " + c.line.code() + " (declare '" + ct.unit().code() + " "
                    + basis + "' to state it)");
        }
        c.entry = e.withContents(out);
    }


    /** The base duty of the schedule: column 2, the claimed special rate when supported, else general. */
    private BigDecimal baseDuty(CompiledPlan.LinePlan plan, Ctx c, List<Assessment.Charge> charges, List<Assessment.TrailStep> trail,
                                List<String> warnings) {
        Nomenclature.RatedLine rated = plan.rates();
        if (rated.rates().isEmpty()) {
            warnings.add("no base rate is printed for " + c.line.code() + " or its parents");
            return BigDecimal.ZERO;
        }
        Entry e = c.entry;
        if (e.bom() != null && e.preference() == null) {
            warnings.add("bill of materials " + e.bom().fileName() + " not checked: no preference is claimed (it supports a "
                    + "claim such as P or P+; without one the line pays its general or column 2 rate)");
        }
        boolean column2 = compiled.column2Windows().covers(c.originIndex, e.entryDate().toEpochDay());
        BaseRate chosen = null;
        String id;
        String why;
        if (column2) {
            chosen = plan.column2();
            id = "column2";
            why = c.origin + " is a column 2 country";
        } else {
            id = "general";
            why = "normal trade relations (column 1 general)";
            if (e.preference() != null) {
                String p = e.preference();
                Optional<PreferenceProgram> prog = regime.geography().program(p);
                Optional<BaseRate> special = rated.special(p);
                String rejection = null;
                if (prog.isEmpty()) rejection = "program " + p + " is not defined in this regime";
                else if (!prog.get().eligible(c.origin, e.entryDate(), regime.geography())) {
                    rejection = c.origin + " is not eligible for " + prog.get().name() + " on " + e.entryDate();
                } else if (special.isEmpty() && plan.general() != null && plan.general().modelled()
                        && plan.general().expression().isFree()) {
                    // nothing to grant: the goods are free under the general rate whatever their origin; a bill of
                    // materials given with the claim is still read and matched to the line (another good's is rejected)
                    if (originVerifier != null && e.bom() != null) originVerifier.verify(e, p, regime);
                    if (trail != null) trail.add(new Assessment.TrailStep("special:" + p, 'C', "not-applicable", "special:" + p
                            + " claimed; not needed: the general rate of " + c.line.code() + " is free"));
                    p = null;
                } else if (special.isEmpty()) {
                    rejection = "no special rate under program " + p + " for " + c.line.code();
                } else if (!special.get().modelled()) {
                    rejection = "the special rate for " + p + " is not modelled (" + special.get().sourceText() + ")";
                } else if (originVerifier != null && e.bom() != null) {
                    OriginVerifier.Verdict v = originVerifier.verify(e, p, regime);
                    if (v.undetermined()) warnings.add("preference " + p + " accepted as declared: origin was not verified: " + v.explanation());
                    else if (!v.qualifies()) {
                        rejection = "the goods do not qualify under " + prog.get().name() + ": " + v.explanation();
                        c.preferenceDenied = true; // not entered under the program: its conditions do not hold either
                    }
                    else if (trail != null) trail.add(new Assessment.TrailStep("special:" + p, 'C', "origin", "origin checked on the bill of "
                            + "materials: qualifies — " + v.explanation()));
                } else {
                    warnings.add("preference " + p + " accepted as declared: origin was not verified (no bill of materials)");
                }
                if (p == null) {
                    // claim not needed (see above)
                } else if (rejection == null) {
                    chosen = special.get();
                    id = "special:" + p;
                    why = "preference " + p + " (" + prog.get().name() + ") claimed";
                } else {
                    warnings.add("preference " + p + " not granted: " + rejection + "; the general rate applies");
                    if (trail != null) trail.add(new Assessment.TrailStep("special:" + p, 'C', "not-applicable", "special:" + p
                            + " claimed but not granted: " + rejection));
                }
            }
            if (chosen == null) chosen = plan.general();
        }
        if (chosen == null) {
            warnings.add("no " + id + " rate is printed for " + c.line.code());
            return BigDecimal.ZERO;
        }
        if (!chosen.modelled()) {
            String printed = rated.from() == null ? "" : " printed on " + rated.from().code();
            warnings.add(id + " rate not modelled: '" + chosen.sourceText() + "'" + printed + "; no amount computed for it");
            if (trail != null) trail.add(new Assessment.TrailStep(id, 'C', "not-modelled", id + " '" + chosen.sourceText() + "' could not be "
                    + "modelled; no amount computed"));
            return BigDecimal.ZERO;
        }
        if (c.metalContentUsd == null && !chosen.expression().valueBases().isEmpty()) {
            // "2.5% on the value of the lead content" (7801) needs that value: without it no amount, and a warning says why
            warnings.add(metalValueWarning(id, chosen));
            if (trail != null) trail.add(new Assessment.TrailStep(id, 'C', "not-computed", id + " '" + chosen.sourceText()
                    + "' needs the value of the " + String.join(", ", chosen.expression().valueBases())
                    + " content (metal_content_value); no amount computed"));
            return BigDecimal.ZERO;
        }
        boolean explain = trail != null;
        Computed comp = evaluate(chosen.expression(), c, c.valueUsd, BigDecimal.ZERO, explain);
        BigDecimal amt = cents(comp.amount);
        String calc = explain ? id + " " + comp.text + " = " + money(amt) : null;
        String legal = chosen == plan.general() ? plan.generalLegal() : chosen == plan.column2() ? plan.column2Legal()
                : CompiledPlan.baseLegal(rated, chosen.column());
        charges.add(new Assessment.Charge(id, id, 'C', "base-rate", amt, calc, legal, "Base rate (" + id + ")"));
        if (explain) trail.add(new Assessment.TrailStep(id, 'C', "applied", calc + " [HTS " + c.line.code() + ", " + why + "]"));
        return amt;
    }

    /**
     * Why a heading or subheading (4 or 6 digits) is not assessed, with the declarable lines under it; null for a tariff line
     * (8 digits, where rates are set) or a statistical line (10). A heading has no rate of its own, and the measures on its
     * lines differ (one is in Section 122's scope, the next excluded): an answer for the heading would be a figure that holds
     * for none of them (both engines).
     */
    static String notATariffLine(Regime regime, HtsLine line) {
        if (line.digits().length() >= 8) return null;
        return notATariffLine(line.code(), line.digits().length(), regime.hts().descendants(line));
    }

    private static String notATariffLine(String code, int digits, List<HtsLine> below) {
        List<String> under = new ArrayList<>();
        int n = 0;
        for (HtsLine d : below) {
            if (!d.declarable()) continue;
            if (under.size() < 5) under.add(d.code());
            n++;
        }
        String kind = digits == 4 ? "a heading" : "a subheading";
        return code + " is " + kind + ", not a tariff line: rates and measures are set on its 8- and 10-digit lines, "
                + "and differ between them; declare the statistical line (10 digits)"
                + (under.isEmpty() ? "" : ", e.g. " + String.join(", ", under) + (n > under.size() ? " (" + n + " lines)" : ""));
    }

    /**
     * Why an origin is not known: a country's name where its code belongs is told its code (the reader upper-cases an
     * origin, so "China" arrives as CHINA; reported by a review: "unknown country of origin 'CHINA'" left the user guessing).
     */
    private String unknownOrigin(String origin) {
        return unknownCountry("country of origin", origin);
    }

    private String unknownCountry(String what, String code) {
        for (lodestone.regime.geo.Country c : regime.geography().countries()) {
            if (c.name() != null && c.name().equalsIgnoreCase(code)) {
                return "unknown " + what + " '" + code + "': that is the name of " + c.name() + "; write its ISO 3166 alpha-2 code "
                        + c.alpha2();
            }
        }
        if (code.equals("UK")) { // the code everyone writes and ISO 3166 reserves (the United Kingdom is GB)
            return "unknown " + what + " 'UK': the United Kingdom's ISO 3166 alpha-2 code is GB";
        }
        return "unknown " + what + " '" + code + "'; expected an ISO 3166 alpha-2 code such as CN";
    }

    /**
     * A heading or subheading the schedule prints no row for (8505.11: only 8505.11.00 and its lines are printed) is no
     * unknown code: what it is and the lines under it, as 8112.92, which has a row, is told; null for any other code.
     * (The regime views — {@code regime show}, the API's code route — say the same.)
     */
    public static String subheadingWithoutRow(Regime regime, String hts) {
        String digits = Nomenclature.digitsOf(hts);
        if (digits != null && (digits.length() == 4 || digits.length() == 6)) {
            List<HtsLine> below = regime.hts().withPrefix(digits);
            if (below.stream().anyMatch(HtsLine::declarable)) {
                return notATariffLine(Nomenclature.dotted(digits), digits.length(), below);
            }
        }
        return null;
    }

    /** Why a line with an HTS code the schedule does not have is rejected, with the nearest codes it has (both engines). */
    /**
     * A declared code read as the one line below it (the schedule's unique completion): null when the code is the line's own;
     * the warning when an 8-digit tariff line is read as its only statistical line; refused for any other length (reported:
     * the 9-digit 284690809 was read as 2846.90.80.90 without a word — a digit dropped or mistyped may complete to another
     * line). The fast path leaves such codes to this engine.
     */
    static String completion(String hts, lodestone.regime.nomenclature.HtsLine line) {
        String d = lodestone.regime.nomenclature.Nomenclature.digitsOf(hts);
        if (d == null || d.equals(line.digits())) return null;
        if (d.length() == 8) return hts.strip() + " read as " + line.code() + ", the only statistical line of that tariff line";
        throw new EntryRejected("hts", "'" + hts.strip() + "' has " + d.length() + " digits; an HTS code has 10 (or 8 for a tariff line), "
                + "e.g. " + line.code());
    }

    static String unknownCode(Regime regime, String hts) {
        String sub = subheadingWithoutRow(regime, hts);
        if (sub != null) return sub;
        String spreadsheet = spreadsheetCode(regime, hts);
        if (spreadsheet != null) return "unknown HTS code '" + hts + "': " + spreadsheet;
        List<String> near = regime.hts().nearest(hts, 5);
        return "unknown HTS code '" + hts + "'" + (near.isEmpty() ? "" : "; nearest valid codes: " + String.join(", ", near));
    }

    /**
     * An unknown code as a spreadsheet makes it of a code read as a number: in scientific notation (2.84691E+09: its digits
     * are lost), with the leading zero of chapters 01-09 dropped (101210010 for 0101.21.00.10), or with a decimal part
     * (2846908090.0); what happened and what to do, or null. Never read as the code it may have been: a dropped digit is a
     * guess (both engines; on the reject path only).
     */
    private static String spreadsheetCode(Regime regime, String hts) {
        String v = hts.strip();
        String text = "format the hts column as Text in the spreadsheet, type the code again and save";
        if (v.matches("[0-9]+(\\.[0-9]+)?[eE][+-]?[0-9]+")) {
            return "a number in scientific notation, as a spreadsheet shows a long number: the code's digits are lost; " + text;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{7,10})\\.0+").matcher(v);
        if (m.matches()) v = m.group(1);
        String d = Nomenclature.digitsOf(v);
        if (d == null) return null;
        String zero = (d.length() == 9 || d.length() == 7) && !v.startsWith("0")
                ? regime.hts().find("0" + d).filter(l -> l.digits().length() == d.length() + 1).map(HtsLine::code).orElse(null) : null;
        if (zero != null) {
            return "a code of chapters 01-09 whose leading zero a spreadsheet dropped, reading it as a number? (" + zero + " is in the "
                    + "schedule; it is not assumed); " + text;
        }
        if (m.matches() && regime.hts().resolve(v).isPresent()) {
            return "a trailing '" + hts.strip().substring(m.group(1).length()) + "', as a spreadsheet writes a number; " + text
                    + " (" + Nomenclature.dotted(m.group(1)) + ")";
        }
        return null;
    }

    /** The warning for a base rate on the value of a metal content when no metal-content value is declared (both engines). */
    static String metalValueWarning(String id, BaseRate chosen) {
        return id + " rate '" + chosen.sourceText() + "' (" + chosen.expression() + ") is charged on the value of the "
                + String.join(", ", chosen.expression().valueBases()) + " content: declare metal_content_value; no amount computed for it";
    }

    // ------------------------------------------------------------------ conditions

    /** The outcome of a measure's conditions for a line. */
    private static final class Decision {
        DutyExpression expression;
        Price difference;
        String exempt;
        String block;
        String conditionId;
        String note;
        Condition condition; // the condition that decided, or null (the measure's own duty)

        /** The deciding condition's tests in words with an arrow and the action ("produced … in CN-XJ (…) → block: "), or "". */
        String when(String action) {
            return condition == null || condition.tests().isEmpty() ? "" : whenText(condition) + " → " + action + ": ";
        }
    }

    /** A condition's tests in words, as {@code regime show} says them ("end use is civil-aircraft (…)"). */
    static String whenText(Condition c) {
        List<String> ts = new ArrayList<>(c.tests().size());
        for (Test t : c.tests()) ts.add(lodestone.regime.view.RegimeViews.describe(t));
        return String.join(" and ", ts);
    }

    private Decision decide(Measure m, Ctx c, Set<String> documents) {
        Decision d = new Decision();
        for (Condition cond : m.conditions()) {
            if (!holds(cond, c)) continue;
            switch (cond.action()) {
                case Action.RequireDocuments r -> {
                    documents.addAll(r.documents());
                    continue; // a documents condition informs; it does not decide the duty
                }
                case Action.Apply a -> d.expression = a.expression();
                case Action.Exempt x -> d.exempt = x.reason();
                case Action.Block b -> d.block = b.reason();
                case Action.ChargeDifference cd -> d.difference = cd.reference();
            }
            d.conditionId = cond.id();
            d.condition = cond;
            return d;
        }
        d.expression = m.duty();
        return d;
    }

    private boolean holds(Condition cond, Ctx c) {
        for (Test t : cond.tests()) if (!holds(t, c)) return false;
        return true;
    }

    private boolean holds(Test t, Ctx c) {
        Entry e = c.entry;
        return switch (t) {
            case Test.DocumentHeld d -> e.documents().contains(d.code());
            case Test.DocumentMissing d -> !e.documents().contains(d.code());
            case Test.PreferenceClaimed p -> p.program().equals(e.preference()) && !c.preferenceDenied
                    && regime.geography().program(p.program()).map(pr -> pr.eligible(c.origin, e.entryDate(), regime.geography()))
                    .orElse(false);
            case Test.UnitPriceBelow u -> declaredUnitPrice(u.price(), c).compareTo(u.price().amount()) < 0;
            case Test.UnitPriceAtLeast u -> declaredUnitPrice(u.price(), c).compareTo(u.price().amount()) >= 0;
            case Test.UsContentShareAtLeast u -> usContentShareAtLeast(c, u.percent());
            case Test.LoadedBefore l -> e.loadedDate() != null && e.loadedDate().isBefore(l.date());
            case Test.EnteredBefore x -> e.entryDate().isBefore(x.date());
            case Test.ProducerOnList l -> {
                EntityList list = regime.list(l.list()).orElse(null);
                yield list != null && list.find(e.producer(), e.entryDate()) != null;
            }
            case Test.ProducerIn p -> e.producer() != null && p.producers().stream().anyMatch(x -> x.equalsIgnoreCase(e.producer()));
            case Test.ExportedFrom x -> e.exportCountry() != null
                    && regime.geography().covers(x.token(), e.exportCountry(), e.entryDate());
            case Test.ProducedIn p -> producedIn(p, e);
            case Test.EndUseIn u -> endUseIn(u, e);
        };
    }

    /** Whether one of the line's declared production regions is among the test's (a line declaring none: no). Both engines. */
    static boolean producedIn(Test.ProducedIn p, Entry e) {
        List<String> declared = e.productionRegions();
        if (declared.isEmpty()) return false;
        for (var r : p.regions()) if (declared.contains(r.code())) return true;
        return false;
    }

    /** Whether the line's declared end use is one of the test's (a line declaring none: no). Both engines. */
    static boolean endUseIn(Test.EndUseIn u, Entry e) {
        if (e.endUse() == null) return false;
        for (var x : u.uses()) if (x.code().equals(e.endUse())) return true;
        return false;
    }

    /** Why a declared production region is refused: the regime does not list it (both engines). */
    static String unknownRegion(Regime regime, String code) {
        List<String> same = new ArrayList<>();
        for (var r : regime.regions()) if (code.length() > 2 && r.country().equals(code.substring(0, 2))) same.add(r.code());
        if (regime.regions().isEmpty()) {
            return "unknown production region '" + code + "': the regime " + regime.id() + " lists no regions";
        }
        return "unknown production region '" + code + "'; " + (same.isEmpty()
                ? "the regime " + regime.id() + " lists no region of " + code.substring(0, 2) + "; its regions are of "
                        + String.join(", ", regime.regions().stream().map(r -> r.country()).distinct().toList())
                : "expected one of " + String.join(", ", same) + " (ISO 3166-2)");
    }

    /** Why a declared end use is refused: the regime does not list it (both engines). */
    static String unknownEndUse(Regime regime, String code) {
        return "unknown end use '" + code + "'; " + (regime.endUses().isEmpty() ? "the regime " + regime.id() + " lists no end uses"
                : "expected one of " + String.join(", ", regime.endUses().stream().map(u -> u.code()).toList()));
    }

    /** The declared price per unit of the reference price (per unit of content when it names a basis), in its currency. */
    private BigDecimal declaredUnitPrice(Price p, Ctx c) {
        BigDecimal q = quantityIn(p.unit(), p.basis(), c, "reference price ", p);
        if (q.signum() == 0) throw new EntryRejected(p.basis() == null ? "quantity" : "content_quantity",
                "quantity is zero: a unit price cannot be computed for the reference price " + p);
        // a price in the declared currency is compared with the amount declared in it: the dollars rounded to the cent and
        // converted back fell below it (EUR 40,040.00 for 1,001 kg read as 39.99999723 EUR/kg, "below 40 EUR/kg")
        // (a line in USD keeps the customs value in cents, as the bulk fast path compares it)
        boolean declaredIn = c.fx != null && p.currency().equals(c.entry.currency());
        BigDecimal valueInCur = declaredIn ? c.entry.customsValue() : c.usdPer(p.currency()).fromUsd(c.valueUsd, MC);
        return valueInCur.divide(q, MC);
    }

    private Computed chargeDifference(Price p, Ctx c, boolean explain) {
        BigDecimal q = quantityIn(p.unit(), p.basis(), c, "reference price ", p);
        BigDecimal declared = declaredUnitPrice(p, c);
        BigDecimal gap = p.amount().subtract(declared).max(BigDecimal.ZERO);
        BigDecimal inCur = gap.multiply(q, MC);
        BigDecimal usd = c.usdPer(p.currency()).toUsd(inCur, MC);
        if (!explain) return new Computed(usd, null);
        String unit = p.unit().code() + (p.basis() == null ? "" : " " + p.basis());
        String text = "max(0, " + p + " − declared " + plain(declared.setScale(2, RoundingMode.HALF_UP)) + " " + p.currency()
                + "/" + unit + ") × " + quantity(q) + " " + unit + fxText(p.currency(), c);
        return new Computed(usd, text);
    }

    // ------------------------------------------------------------------ expressions

    record Computed(BigDecimal amount, String text) { }

    /** Evaluates a duty expression on a value base (USD) and, for Chapter 99 'base', the base duty. */
    Computed evaluate(DutyExpression e, Ctx c, BigDecimal value, BigDecimal baseDuty, boolean explain) {
        if (e.isFree()) return explain ? FREE : FREE_QUIET;
        BigDecimal acc = null;
        StringBuilder text = explain ? new StringBuilder() : null;
        for (DutyExpression.Segment s : e.segments()) {
            BigDecimal sum = BigDecimal.ZERO;
            StringBuilder st = explain ? new StringBuilder() : null;
            for (DutyExpression.Term t : s.terms()) {
                Computed part = component(t.component(), c, value, baseDuty, explain);
                sum = t.negative() ? sum.subtract(part.amount) : sum.add(part.amount);
                if (!explain) continue;
                if (!st.isEmpty() || t.negative()) st.append(t.negative() ? " − " : " + ");
                st.append(part.text);
            }
            switch (s.bound()) {
                case NONE -> {
                    acc = sum;
                    if (explain) text.append(st);
                }
                case MIN -> {
                    acc = acc.max(sum); // MIN is a floor on the duty
                    if (explain) text.insert(0, "max(").append(", ").append(st).append(")");
                }
                case MAX -> {
                    acc = acc.min(sum); // MAX is a ceiling
                    if (explain) text.insert(0, "min(").append(", ").append(st).append(")");
                }
            }
        }
        return new Computed(acc, explain ? text.toString() : null);
    }

    private static final Computed FREE = new Computed(BigDecimal.ZERO, "free");
    private static final Computed FREE_QUIET = new Computed(BigDecimal.ZERO, null);

    private Computed component(DutyExpression.Component comp, Ctx c, BigDecimal value, BigDecimal baseDuty, boolean explain) {
        return switch (comp) {
            case DutyExpression.AdValorem a when a.basis() != null -> { // "2.5% of Pb": on the value of the Pb content
                if (c.metalContentUsd == null) {
                    throw new EntryRejected("metal_content_value", "the duty " + a + " is charged on the value of the "
                            + a.basis() + " content; declare metal_content_value");
                }
                BigDecimal contentValue = c.metalContentUsd.min(c.valueUsd);
                c.metalUsed = true;
                yield new Computed(percentOf(contentValue, a.percent()), explain ? a.percent().setScale(2, RoundingMode.HALF_UP)
                        .toPlainString() + "% × " + money(contentValue) + " (value of the " + a.basis() + " content)" : null);
            }
            case DutyExpression.AdValorem a -> new Computed(percentOf(value, a.percent()),
                    explain ? a.percent().setScale(2, RoundingMode.HALF_UP).toPlainString() + "% × " + money(value) : null);
            case DutyExpression.BaseRate b -> new Computed(baseDuty, explain ? "base duty " + money(baseDuty) : null);
            case DutyExpression.Specific s -> {
                BigDecimal q = quantityIn(s.unit(), s.basis(), c, "the duty ", s);
                BigDecimal inCur = s.amount().multiply(q);
                if (!explain) yield new Computed(c.usdPer(s.currency()).toUsd(inCur, MC), null);
                String unit = s.unit().code() + (s.basis() == null ? "" : " " + s.basis());
                yield new Computed(c.usdPer(s.currency()).toUsd(inCur, MC),
                        plain(s.amount()) + " " + s.currency() + "/" + unit + " × " + quantity(q) + " " + unit
                                + fxText(s.currency(), c));
            }
        };
    }

    /**
     * value × percent ÷ 100 as {@code value.multiply(percent).divide(HUNDRED, MC)} computes it: when
     * the product fits the 34 digits the division is exact, and moving the point is that division
     * without the long division it costs.
     */
    static BigDecimal percentOf(BigDecimal value, BigDecimal percent) {
        BigDecimal product = value.multiply(percent);
        return product.precision() <= MC.getPrecision() ? product.movePointLeft(2) : product.divide(HUNDRED, MC);
    }

    private static String fxText(String currency, Ctx c) {
        return currency.equals("USD") ? "" : " " + c.usdPer(currency).operation(currency);
    }

    /** The declared quantity (or content quantity, for a basis) expressed in {@code unit}. */
    private BigDecimal quantityIn(Unit unit, String basis, Ctx c, String whatPrefix, Object whatObject) {
        Entry e = c.entry;
        String what = null; // the message text, spelled only when a line is rejected
        boolean bad = basis == null ? e.quantity() == null || e.unit() == null || !e.unit().convertibleTo(unit)
                : e.content(basis) == null || !e.content(basis).unit().convertibleTo(unit);
        if (bad) what = whatPrefix + whatObject;
        if (basis == null) {
            if (e.quantity() == null || e.unit() == null) {
                throw new EntryRejected("quantity", "quantity and unit are needed for " + what);
            }
            if (!e.unit().convertibleTo(unit)) {
                throw new EntryRejected("unit", "unit " + e.unit().code() + " cannot be converted to " + unit.code()
                        + ", needed for " + what);
            }
            return e.unit() == unit ? e.quantity() : e.quantity().multiply(e.unit().factorTo(unit), MC).stripTrailingZeros();
        }
        Entry.Content content = e.content(basis);
        if (content == null) {
            BigDecimal converted = converted(unit, basis, c);
            if (converted != null) return converted;
            String declared = e.contents().isEmpty() ? "" : " (declared: " + String.join(", ",
                    e.contents().stream().map(x -> x.unit().code() + " " + x.basis()).toList()) + ")";
            throw new EntryRejected("content_quantity", "content missing for a content-based duty: " + what
                    + " needs the quantity of " + basis + " content (e.g. content_quantity=5500, content_unit=kg " + basis + ")"
                    + declared);
        }
        if (!content.unit().convertibleTo(unit)) {
            throw new EntryRejected("content_unit", "content unit " + content.unit().code() + " cannot be converted to "
                    + unit.code() + ", needed for " + what);
        }
        return content.unit() == unit ? content.quantity()
                : content.quantity().multiply(content.unit().factorTo(unit), MC).stripTrailingZeros();
    }

    /**
     * The content of {@code basis} in {@code unit} converted from a declared content whose basis states
     * a conversion to it (minerals.yaml {@code converts-to}: mtu WO3 → kg W by the mass fraction of W in
     * WO3), with the assumption written for the trail; null when no declared content converts.
     */
    private BigDecimal converted(Unit unit, String basis, Ctx c) {
        for (Entry.Content ct : c.entry.contents()) {
            if (ct.basis() == null) continue;
            var from = regime.minerals().basis(ct.basis()).orElse(null);
            var cv = from == null ? null : from.conversionTo(basis);
            if (cv == null || !ct.unit().convertibleTo(unit)) continue;
            BigDecimal factor = ct.unit() == unit ? BigDecimal.ONE : ct.unit().factorTo(unit);
            BigDecimal q = ct.quantity().multiply(factor, MC).multiply(cv.massFraction(), MC).stripTrailingZeros();
            c.assume("content " + plain(ct.quantity()) + " " + ct.unit().code() + " " + ct.basis() + " converted to "
                    + quantity(q) + " " + unit.code() + " " + basis + " (" + plain(ct.quantity()) + " " + ct.unit().code() + " = "
                    + quantity(ct.quantity().multiply(factor, MC)) + " " + unit.code() + " " + ct.basis() + " × "
                    + plain(cv.massFraction()) + (cv.note() == null ? "" : ", " + cv.note()) + ")");
            return q;
        }
        return null;
    }

    private BigDecimal basisValue(Measure m, Ctx c) {
        return switch (m.valueBasis()) {
            case CUSTOMS_VALUE -> c.valueUsd;
            case METAL_CONTENT_VALUE -> {
                if (c.metalContentUsd == null) {
                    throw new EntryRejected("metal_content_value", "content missing for a content-based duty: "
                            + m.outputId() + " (" + m.title() + ") is charged on the value of the metal content; "
                            + "declare metal_content_value");
                }
                c.metalUsed = true;
                yield c.metalContentUsd.min(c.valueUsd);
            }
            case METAL_CONTENT_VALUE_IF_DECLARED -> {
                if (c.metalContentUsd == null) yield c.valueUsd; // (the line is warned where the measure is charged)
                c.metalUsed = true;
                yield c.metalContentUsd.min(c.valueUsd);
            }
            case NON_US_CONTENT_VALUE -> {
                if (usContentShareAtLeast(c, m.usContentShare())) {
                    yield c.valueUsd.subtract(c.usContentUsd).max(BigDecimal.ZERO);
                }
                yield c.valueUsd;
            }
        };
    }

    /**
     * Is the declared US content at least {@code percent} of the customs value? In another currency, of the amounts as declared
     * in it: each rounded to the cent in dollars, GTQ 2,000 of GTQ 10,000 (exactly 20 %) became $260.90 of $1,304.52, 19.9985 %
     * (reported by the fx review). In dollars, of the value in cents, as the bulk fast path compares it.
     */
    private static boolean usContentShareAtLeast(Ctx c, BigDecimal percent) {
        if (c.usContentUsd == null || c.valueUsd.signum() <= 0) return false;
        BigDecimal us = c.fx != null ? c.entry.usContentValue() : c.usContentUsd;
        BigDecimal value = c.fx != null ? c.entry.customsValue() : c.valueUsd;
        return us.multiply(HUNDRED).compareTo(percent.multiply(value)) >= 0;
    }

    private static String basisName(Measure m, Ctx c) {
        return switch (m.valueBasis()) {
            case CUSTOMS_VALUE -> "customs value";
            case METAL_CONTENT_VALUE -> "metal-content value";
            case METAL_CONTENT_VALUE_IF_DECLARED -> c.metalContentUsd == null ? "customs value" : "metal-content value";
            // the whole value when the US content is under the share: not called "value less US content" (it was)
            case NON_US_CONTENT_VALUE -> c.usContentUsd == null ? "customs value" : usContentShareAtLeast(c, m.usContentShare())
                    ? "value less US content" : "customs value, the US content under " + m.usContentShare().stripTrailingZeros().toPlainString() + " %,";
        };
    }

    static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, CENTS_ROUNDING);
    }

    /** How an amount is rounded to the cent. */
    static final RoundingMode CENTS_ROUNDING = RoundingMode.HALF_UP;

    /** US dollars' rate: one, the identity (compared by reference: no conversion). */
    static final FxRates.Observation USD_RATE = new FxRates.Observation(java.time.LocalDate.EPOCH, BigDecimal.ONE, false, "identity");

    /** $1,234.56 */
    /** The warning of a line that owes a duty on a customs value of 0 (the fast path leaves such lines to this engine). */
    static String noRate(BigDecimal total) {
        return "no effective rate: a duty of " + money(total) + " is owed on a customs value of $0.00 (charged on quantity or content)";
    }

    static String money(BigDecimal v) {
        BigDecimal r = v.setScale(2, RoundingMode.HALF_UP);
        if (r.unscaledValue().bitLength() < 63) return money(r.unscaledValue().longValue());
        String s = String.format(java.util.Locale.ROOT, "%,.2f", r);
        return r.signum() < 0 ? "-$" + s.substring(1) : "$" + s;
    }

    /**
     * Cents as {@link #money(BigDecimal)} writes them ("$1,234.50", "-$0.05"), without {@code String.format}: a bulk run
     * writes some amounts into per-line warnings (a low-value waiver's), and the formatter's parse of its pattern and
     * its boxing were ~1 µs each there (docs/benchmarks.md, session 26).
     */
    static String money(long cents) {
        if (cents == Long.MIN_VALUE) return money(BigDecimal.valueOf(cents, 2)); // (has no positive counterpart)
        boolean negative = cents < 0;
        long c = negative ? -cents : cents;
        long whole = c / 100;
        int frac = (int) (c % 100);
        char[] out = new char[32];
        int at = out.length;
        out[--at] = (char) ('0' + frac % 10);
        out[--at] = (char) ('0' + frac / 10);
        out[--at] = '.';
        int digits = 0;
        do {
            if (digits > 0 && digits % 3 == 0) out[--at] = ',';
            out[--at] = (char) ('0' + (int) (whole % 10));
            whole /= 10;
            digits++;
        } while (whole > 0);
        out[--at] = '$';
        if (negative) out[--at] = '-';
        return new String(out, at, out.length - at);
    }

    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /**
     * A quantity as the trail says it: exactly when it has at most six decimals, else "≈" and six (a conversion from kg to lb
     * printed 34 digits: "× 1984.160359663898226506764212105243 lb"); the amount is computed on the exact quantity.
     */
    static String quantity(BigDecimal q) {
        BigDecimal v = q.stripTrailingZeros();
        return v.scale() <= 6 ? v.toPlainString() : "≈" + v.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ the line's context

    /** The entry with its validated, converted values. */
    private final class Ctx {
        Entry entry; // replaced once when a bare content unit is read as the line's content basis
        List<String> warnings; // null until the first warning: most lines have none
        List<String> assumptions; // null until the first: content read or converted (trail and warnings)
        HtsLine line;
        String origin;
        int originIndex;
        BigDecimal valueUsd;
        BigDecimal usContentUsd;
        BigDecimal metalContentUsd;
        /** Whether a bill of materials showed the goods not to qualify for the preference claimed (no condition on it holds). */
        boolean preferenceDenied;
        /** Whether a charge was computed on the declared metal-content value (else a warning says it was not used). */
        boolean metalUsed;
        /** The warnings of measures charged on the whole value for want of a declared metal-content value (null: none). */
        List<String> notDeclared;
        private String lastCurrency;
        private FxRates.Observation lastRate;
        /** The exchange rate the declared amounts were converted at (null: declared in USD), for the trail. */
        FxRates.Observation fx;
        /** The rates a measure's own currency was converted at (a floor in EUR), when not the declared one: their age is warned. */
        Map<String, FxRates.Observation> measureFx;

        Ctx(Entry entry) {
            this.entry = entry;
        }

        void contentNotDeclared(String warning) {
            if (notDeclared == null) notDeclared = new ArrayList<>(1);
            if (!notDeclared.contains(warning)) notDeclared.add(warning);
        }

        void assume(String text) {
            if (assumptions == null) assumptions = new ArrayList<>(1);
            if (!assumptions.contains(text)) assumptions.add(text);
        }

        void validate() {
            Entry e = entry;
            if (e.hts() == null || e.hts().isBlank()) throw new EntryRejected("hts", "missing HTS code");
            line = codes.get(e.hts());
            if (line == null) {
                line = regime.hts().resolve(e.hts()).orElse(null);
                if (line != null && codes.size() < CACHE_CAP) codes.put(e.hts(), line);
            }
            if (line == null) throw new EntryRejected("hts", unknownCode(regime, e.hts()));
            String notRated = notATariffLine(regime, line);
            if (notRated != null) throw new EntryRejected("hts", notRated);
            String completed = completion(e.hts(), line);
            if (completed != null) {
                warnings = new ArrayList<>();
                warnings.add(completed);
            }
            if (!line.declarable()) {
                warnings = new ArrayList<>();
                warnings.add(notDeclarable(line));
            }
            if (e.origin() == null || e.origin().isBlank()) throw new EntryRejected("origin", "missing country of origin");
            Integer oi = countries.get(e.origin());
            if (oi == null) {
                String alpha2 = regime.geography().country(e.origin()).map(x -> x.alpha2()).orElseThrow(() ->
                        new EntryRejected("origin", unknownOrigin(e.origin())));
                oi = countryCodes.indexOf(alpha2);
                if (countries.size() < CACHE_CAP) countries.put(e.origin(), oi);
            }
            originIndex = oi;
            origin = countryCodes.get(oi);
            // the export country is checked as the origin is: "hong kong" was kept as HONG KONG, a country no measure on
            // the country of exportation (exported-from) or what-if could ever see, and the line assessed without a word
            String exp = e.exportCountry();
            if (exp != null && !exp.isBlank() && !countries.containsKey(exp)) {
                String alpha2 = regime.geography().country(exp).map(x -> x.alpha2()).orElseThrow(() ->
                        new EntryRejected("export_country", unknownCountry("export country", exp)));
                if (countries.size() < CACHE_CAP) countries.put(exp, countryCodes.indexOf(alpha2));
            }
            if (e.entryDate() == null) throw new EntryRejected("entry_date", "missing entry date");
            EntryRejected loadedAfter = EntryRejected.loadedAfterEntry(e.loadedDate(), e.entryDate());
            if (loadedAfter != null) throw loadedAfter;
            if (e.customsValue() == null) throw new EntryRejected("customs_value", "missing customs value");
            if (e.customsValue().signum() < 0) {
                throw new EntryRejected("customs_value", "negative customs value " + e.customsValue().toPlainString());
            }
            if (e.quantity() != null && e.quantity().signum() < 0) {
                throw new EntryRejected("quantity", "negative quantity " + e.quantity().toPlainString());
            }
            for (Entry.Content ct : e.contents()) {
                if (ct.quantity().signum() < 0) {
                    throw new EntryRejected("content_quantity", "negative content quantity " + ct.quantity().toPlainString());
                }
            }
            String cur = e.currency() == null ? "USD" : e.currency();
            FxRates.Observation rate = usdPerField(cur, "currency");
            valueUsd = cents(convert(e.customsValue(), rate));
            if (e.usContentValue() != null) {
                if (e.usContentValue().signum() < 0) throw new EntryRejected("us_content_value", "negative US-content value");
                usContentUsd = cents(convert(e.usContentValue(), rate));
            }
            if (e.metalContentValue() != null) {
                if (e.metalContentValue().signum() < 0) throw new EntryRejected("metal_content_value", "negative metal-content value");
                metalContentUsd = cents(convert(e.metalContentValue(), rate));
            }
            for (String r : e.productionRegions()) {
                if (regime.region(r).isEmpty()) throw new EntryRejected("production_regions", unknownRegion(regime, r));
            }
            if (e.endUse() != null && regime.endUse(e.endUse()).isEmpty()) {
                throw new EntryRejected("end_use", unknownEndUse(regime, e.endUse()));
            }
            if (e.preference() != null && regime.geography().program(e.preference()).isEmpty()) {
                String upper = e.preference().toUpperCase(java.util.Locale.ROOT); // 'cl', 'p': the indicator is upper-case
                throw new EntryRejected("preference", "unknown preference program '" + e.preference() + "'; expected an HTS "
                        + "special program indicator such as P (CAFTA-DR)"
                        + (!upper.equals(e.preference()) && regime.geography().program(upper).isPresent()
                           ? "; indicators are upper-case: write " + upper : ""));
            }
        }

        /**
         * amount in US dollars rounded once to the cent (the exact product or quotient, {@link #cents}' rounding); US dollars
         * (the identity) need no conversion.
         */
        private static BigDecimal convert(BigDecimal amount, FxRates.Observation rate) {
            return rate == USD_RATE && amount.precision() <= MC.getPrecision() ? amount : rate.toUsd(amount, 2, CENTS_ROUNDING);
        }

        FxRates.Observation usdPer(String currency) {
            return usdPerField(currency, "currency");
        }

        private FxRates.Observation usdPerField(String currency, String field) {
            if (currency.equals(lastCurrency)) return lastRate;
            if (currency.equals("USD")) { // FxRates' identity observation, without building it
                lastCurrency = currency;
                lastRate = USD_RATE;
                return lastRate;
            }
            boolean declared = valueUsd == null || currency.equals(entry.currency());
            java.time.LocalDate on = conversionDate(entry);
            String onField = entry.loadedDate() != null ? "loaded_date" : "entry_date";
            FxRates.Observation o = regime.fx().rate(currency, on).orElseThrow(() -> declared
                    ? regime.fx().currencies().contains(currency)
                            ? new EntryRejected(onField, "no exchange rate for " + currency + " on or before " + on
                                    + conversionDateText(entry), currency)
                            : new EntryRejected(field, "unknown currency '" + currency + "'; the regime has rates for " + regime.fx().currencies())
                    // a measure's amount in another currency (a floor in EUR): not the entry's currency field at fault
                    : new EntryRejected(onField, "a measure on this line is written in " + currency + " and the regime has no "
                            + currency + " exchange rate on or before " + on + conversionDateText(entry)
                            + ", so it cannot be converted to US dollars"));
            lastCurrency = currency;
            lastRate = o;
            if (valueUsd == null) {
                fx = o; // the declared amounts' currency (validate converts them first)
            } else if (!currency.equals(entry.currency())) {
                if (measureFx == null) measureFx = new java.util.LinkedHashMap<>(2);
                measureFx.putIfAbsent(currency, o);
            }
            return lastRate;
        }
    }

    // ------------------------------------------------------------------ the bulk fast path (FastPath)

    private final FastPath fast; // built last in the constructor: it reads the compiled fields

    /**
     * The bulk path: {@link #assessWithoutTrail}'s result, from the compiled fast path when the line's
     * charges are plain ad valorem ({@link FastPath}), else from the same code as {@code assess}.
     */
    public Assessment assessBulk(Entry e) {
        Assessment a = fast.assess(e);
        return a != null ? a : assess(e, false, null);
    }

    /**
     * The bulk path without an {@link Assessment}: fills {@code out} (long cents, compiled strings; nothing
     * allocated) and returns true when the compiled fast path answers the line — with a result, or with the rejection
     * the explaining path would give ({@link BulkResult#rejected}: an unknown HTS code); false when the caller must
     * call {@link #assessBulk(Entry)} (or {@link #assessWithoutTrail}) for it. {@code out} is the caller's, one per thread.
     */
    public boolean assessBulk(Entry e, BulkResult out) {
        return fast.assess(e, out);
    }

    /** The fast path itself (for tests in this package). */
    FastPath fastPath() {
        return fast;
    }

    /** The line's plan (for tests in this package). */
    CompiledPlan.LinePlan plan(HtsLine line) {
        return compiled.plan(line);
    }

    /** Whether {@link #assessBulk} answers this entry on the fast path (for tests and benchmarks). */
    public boolean fastPathTakes(Entry e) {
        BulkResult r = new BulkResult();
        return fast.assess(e, r) && !r.rejected();
    }

    /** Geography access for callers that format results. */
    public Geography geography() {
        return regime.geography();
    }
}
