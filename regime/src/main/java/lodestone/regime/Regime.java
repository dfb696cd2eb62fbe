package lodestone.regime;

import lodestone.regime.measure.StackingRule;
import lodestone.regime.agreement.Agreement;
import lodestone.regime.geo.CountryGroup;
import lodestone.regime.geo.Geography;
import lodestone.regime.geo.Membership;
import lodestone.regime.geo.PreferenceProgram;
import lodestone.regime.io.RegimeSource;
import lodestone.regime.measure.Measure;
import lodestone.regime.mineral.Minerals;
import lodestone.regime.nomenclature.BaseRate;
import lodestone.regime.nomenclature.HsCode;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.nomenclature.Nomenclature;
import lodestone.regime.nomenclature.RateColumn;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A complete, validated regime: nomenclature and base rates, geography, minerals, agreements,
 * measures, entity lists and exchange rates. Immutable; every question is asked as of a date.
 * Build one with {@link #load(Path)} or {@link #bundled()}; a regime with any problem does not load.
 */
public final class Regime {
    /** The group of countries whose goods take column 2 rates (General Note 3(b)). */
    public static final String COLUMN2_GROUP = "COLUMN2";

    private final String id;
    private final String title;
    private final String version;
    private final String origin;
    private final Nomenclature hts;
    private final Map<String, HsCode> hs;
    private final Geography geography;
    private final Minerals minerals;
    private final Map<String, Agreement> agreements;
    private final List<Measure> measures;
    private final Map<String, EntityList> lists;
    private final FxRates fx;
    private final RegimeSource source;
    private final Horizon horizon;
    private final Map<String, lodestone.regime.geo.Region> regions;
    private final Map<String, lodestone.regime.measure.EndUse> endUses;
    private final List<StackingRule> stacking;

    /** The stacking rules, in the order written: why a measure is not charged where another is (the citation per pair). */
    public List<StackingRule> stacking() {
        return stacking;
    }

    /** Every stacking rule that explains {@code displacer} being charged in the place of {@code displaced}, in order. */
    public List<StackingRule> stackingRules(Measure displacer, Measure displaced) {
        List<StackingRule> out = new ArrayList<>(2);
        for (var r : stacking) if (r.explains(displacer, displaced)) out.add(r);
        return out;
    }

    /** The trail's words for a pair: "does not stack — RULE: CITATION; …", or that no rule cites it. */
    public String stackingCitation(Measure displacer, Measure displaced) {
        return StackingRule.cited(stackingRules(displacer, displaced));
    }

    /**
     * The measures of this regime a measure's {@code displaces} names (by id, heading or heading prefix ending in *), in
     * the regime's order: the pairs a stacking rule explains.
     */
    public List<Measure> displacedBy(Measure m) {
        List<Measure> out = new ArrayList<>();
        for (Measure y : measures) if (y != m && m.displaces(y)) out.add(y);
        return out;
    }

    /** The regions (ISO 3166-2 subdivisions) the regime knows, in the order listed: what lines may declare as production regions. */
    public java.util.Collection<lodestone.regime.geo.Region> regions() {
        return regions.values();
    }

    public Optional<lodestone.regime.geo.Region> region(String code) {
        return Optional.ofNullable(code == null ? null : regions.get(code));
    }

    /** The end uses the regime knows, in the order listed: what lines may declare as their end use. */
    public java.util.Collection<lodestone.regime.measure.EndUse> endUses() {
        return endUses.values();
    }

    public Optional<lodestone.regime.measure.EndUse> endUse(String code) {
        return Optional.ofNullable(code == null ? null : endUses.get(code));
    }

    Regime(RegimeSource source, String id, String title, String version, String origin, Nomenclature hts, Map<String, HsCode> hs,
           Geography geography, Minerals minerals, List<Agreement> agreements, List<Measure> measures,
           Map<String, EntityList> lists, FxRates fx) {
        this(source, id, title, version, origin, hts, hs, geography, minerals, agreements, measures, lists, fx, Horizon.NONE);
    }

    Regime(RegimeSource source, String id, String title, String version, String origin, Nomenclature hts, Map<String, HsCode> hs,
           Geography geography, Minerals minerals, List<Agreement> agreements, List<Measure> measures,
           Map<String, EntityList> lists, FxRates fx, Horizon horizon) {
        this(source, null, id, title, version, origin, hts, hs, geography, minerals, agreements, measures, lists, fx, horizon);
    }

    Regime(RegimeSource source, String fingerprint, String id, String title, String version, String origin, Nomenclature hts,
           Map<String, HsCode> hs, Geography geography, Minerals minerals, List<Agreement> agreements, List<Measure> measures,
           Map<String, EntityList> lists, FxRates fx, Horizon horizon) {
        this(source, fingerprint, id, title, version, origin, hts, hs, geography, minerals, agreements, measures, lists, fx, horizon,
                List.of(), List.of());
    }

    Regime(RegimeSource source, String fingerprint, String id, String title, String version, String origin, Nomenclature hts,
           Map<String, HsCode> hs, Geography geography, Minerals minerals, List<Agreement> agreements, List<Measure> measures,
           Map<String, EntityList> lists, FxRates fx, Horizon horizon, List<lodestone.regime.geo.Region> regions,
           List<lodestone.regime.measure.EndUse> endUses) {
        this(source, fingerprint, id, title, version, origin, hts, hs, geography, minerals, agreements, measures, lists, fx, horizon,
                regions, endUses, List.of());
    }

    Regime(RegimeSource source, String fingerprint, String id, String title, String version, String origin, Nomenclature hts,
           Map<String, HsCode> hs, Geography geography, Minerals minerals, List<Agreement> agreements, List<Measure> measures,
           Map<String, EntityList> lists, FxRates fx, Horizon horizon, List<lodestone.regime.geo.Region> regions,
           List<lodestone.regime.measure.EndUse> endUses, List<StackingRule> stacking) {
        this.stacking = List.copyOf(stacking);
        Map<String, lodestone.regime.geo.Region> rs = new LinkedHashMap<>();
        for (var r : regions) rs.put(r.code(), r);
        this.regions = java.util.Collections.unmodifiableMap(rs);
        Map<String, lodestone.regime.measure.EndUse> us = new LinkedHashMap<>();
        for (var u : endUses) us.put(u.code(), u);
        this.endUses = java.util.Collections.unmodifiableMap(us);
        this.fingerprint = fingerprint;
        this.source = source;
        this.horizon = horizon;
        this.id = id;
        this.title = title;
        this.version = version;
        this.origin = origin;
        this.hts = hts;
        this.hs = Map.copyOf(hs);
        this.geography = geography;
        this.minerals = minerals;
        Map<String, Agreement> a = new LinkedHashMap<>();
        for (Agreement ag : agreements) a.put(ag.id(), ag);
        this.agreements = a;
        List<Measure> sorted = new ArrayList<>(measures);
        sorted.sort(Comparator.comparingInt((Measure m) -> m.type().order()).thenComparing(Measure::id));
        this.measures = List.copyOf(sorted);
        this.lists = Map.copyOf(lists);
        this.fx = fx;
    }

    /** Loads and validates the regime in a folder; throws {@link RegimeInvalidException} with every problem. */
    public static Regime load(Path dir) {
        return RegimeLoader.load(RegimeSource.directory(dir));
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Regime> BUNDLED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The regime bundled with this build of Lodestone (loaded once per process: it is immutable). */
    public static Regime bundled() {
        return BUNDLED.computeIfAbsent(RegimeLoader.MANIFEST, m -> RegimeLoader.load(RegimeSource.bundled()));
    }

    public static Regime load(RegimeSource source) {
        return RegimeLoader.load(source);
    }

    /** Loads the regime of another manifest in the same source (e.g. regime-plurilateral.yaml). */
    public static Regime load(RegimeSource source, String manifest) {
        return RegimeLoader.load(source, manifest);
    }

    /**
     * Loads a regime named on a command line: "bundled", "bundled:NAME" (the bundled manifest
     * regime-NAME.yaml), a folder holding regime.yaml, or a manifest file.
     */
    public static Regime open(String spec) {
        if (spec == null || spec.equals("bundled")) return bundled();
        if (spec.startsWith("bundled:")) {
            String manifest = "regime-" + spec.substring(8) + ".yaml";
            if (RegimeSource.bundled().read(manifest) == null) {
                throw new IllegalArgumentException("no bundled regime '" + spec + "'; expected bundled or bundled:plurilateral");
            }
            return BUNDLED.computeIfAbsent(manifest, m -> load(RegimeSource.bundled(), m));
        }
        Path p = Path.of(spec);
        if (java.nio.file.Files.isRegularFile(p)) {
            Path dir = p.toAbsolutePath().getParent();
            return load(RegimeSource.directory(dir), p.getFileName().toString());
        }
        return load(p);
    }

    /**
     * Where the regime {@code spec} names (as {@link #open} takes it) reads the files it names later, such as the rules
     * of origin of its agreements: for an overlay that extends another regime, its own folder and then its base's.
     */
    public static RegimeSource sourceOf(String spec) {
        if (spec == null || spec.equals("bundled") || spec.startsWith("bundled:")) return RegimeSource.bundled();
        Path p = Path.of(spec);
        if (java.nio.file.Files.isRegularFile(p)) {
            return RegimeLoader.layeredSource(RegimeSource.directory(p.toAbsolutePath().getParent()), p.getFileName().toString());
        }
        return RegimeLoader.layeredSource(RegimeSource.directory(p), RegimeLoader.MANIFEST);
    }

    public String id() {
        return id;
    }

    private final String fingerprint;

    /**
     * SHA-256 (hex) of every file the regime was loaded from, names and texts: two loads of the same files agree, and an
     * edited regime differs even when its id and version do not (an analyst's overlay rarely changes its version). Null for
     * a regime not built by the loader.
     */
    public String fingerprint() {
        return fingerprint;
    }

    public String title() {
        return title;
    }

    public String version() {
        return version;
    }

    /** How far the regime's facts reach (the manifest's {@code horizon}); {@link Horizon#NONE} when undeclared. */
    public Horizon horizon() {
        return horizon;
    }

    /**
     * The horizon warnings for an entry on {@code date} with its value in {@code currency}: a date past
     * the checked horizon or before the covered period, and an exchange rate older than the stated age.
     */
    public List<String> horizonWarnings(LocalDate date, String currency) {
        return horizonWarnings(date, currency, null, null);
    }

    /**
     * As {@link #horizonWarnings(LocalDate, String)}, the amounts converted on {@code fxDate} (the date of exportation,
     * 19 CFR 159.32) when it is not null — the rate's age is then counted to it, and the warning names it as
     * {@code fxDateLabel} — else on the entry date.
     */
    public List<String> horizonWarnings(LocalDate date, String currency, LocalDate fxDate, String fxDateLabel) {
        if (!horizon.declared()) return List.of();
        List<String> out = horizon.dateWarnings(date, id);
        if (currency != null && !"USD".equals(currency)) {
            LocalDate on = fxDate != null ? fxDate : date;
            String label = fxDate != null ? fxDateLabel : "the entry date";
            String w = fx.rate(currency, on).map(o -> horizon.fxWarning(currency, o, on, label,
                    fx.after(currency, on).map(FxRates.Observation::date).orElse(null))).orElse(null);
            if (w != null) out.add(w);
        }
        return out;
    }

    /**
     * The warnings of the regime's known gaps that bear on an assessment of this line (digits), origin and date: a
     * measure the authors know applies there but could not model (docs/regime-format.md, "Known gaps").
     */
    public List<String> gapWarnings(String digits, String origin, LocalDate date) {
        return horizon.gapWarnings(digits, origin, date);
    }

    /** The files the regime was read from (other readers, e.g. rules of origin, read the same source). */
    public RegimeSource source() {
        return source;
    }

    /** Where the regime was loaded from. */
    public String origin() {
        return origin;
    }

    public Nomenclature hts() {
        return hts;
    }

    public Optional<HsCode> hs(String code) {
        return Optional.ofNullable(hs.get(code));
    }

    public int hsSize() {
        return hs.size();
    }

    public Geography geography() {
        return geography;
    }

    public Minerals minerals() {
        return minerals;
    }

    public Collection<Agreement> agreements() {
        return agreements.values();
    }

    public Optional<Agreement> agreement(String id) {
        return Optional.ofNullable(agreements.get(id));
    }

    /** All measures, in evaluation order (series, then id). */
    public List<Measure> measures() {
        return measures;
    }

    /**
     * The document codes the regime's measures name — held or missing in a condition, or required — each with the ids of the
     * measures naming it, sorted by code: what an entry line may usefully declare as documents (one not here changes nothing,
     * and the assessor warns of it).
     */
    public java.util.SortedMap<String, List<String>> documents() {
        java.util.SortedMap<String, List<String>> out = new java.util.TreeMap<>();
        for (Measure m : measures) {
            for (lodestone.regime.measure.Condition c : m.conditions()) {
                java.util.List<String> codes = new ArrayList<>();
                for (lodestone.regime.measure.Test t : c.tests()) {
                    if (t instanceof lodestone.regime.measure.Test.DocumentHeld d) codes.add(d.code());
                    if (t instanceof lodestone.regime.measure.Test.DocumentMissing d) codes.add(d.code());
                }
                if (c.action() instanceof lodestone.regime.measure.Action.RequireDocuments r) codes.addAll(r.documents());
                for (String code : codes) {
                    List<String> ids = out.computeIfAbsent(code, k -> new ArrayList<>());
                    if (!ids.contains(m.id())) ids.add(m.id());
                }
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return java.util.Collections.unmodifiableSortedMap(out);
    }

    public Optional<Measure> measure(String id) {
        return measures.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Optional<EntityList> list(String id) {
        return Optional.ofNullable(lists.get(id));
    }

    public Collection<EntityList> lists() {
        return lists.values();
    }

    public FxRates fx() {
        return fx;
    }

    /**
     * The measures (other than the schedule's base rates) in force on {@code date} for goods of
     * {@code line}, from {@code origin} (null: any origin), in evaluation order. Conditions are not
     * evaluated here: that needs an entry (see the border module).
     */
    public List<Measure> measuresOn(HtsLine line, LocalDate date, String origin) {
        List<Measure> out = new ArrayList<>();
        for (Measure m : measures) {
            if (!m.validity().contains(date)) continue;
            if (!m.products().covers(line.digits())) continue;
            if (origin != null && !m.origins().covers(origin, date, geography)) continue;
            out.add(m);
        }
        return out;
    }

    /**
     * For a line that is not declarable (an 8-digit line with several statistical lines, assessed at its own rates and
     * measures): the measures in force for the origin on the date that its declarable lines do not share — one that applies
     * to the line but not to some of them (an exemption list naming a 10-digit line: sintered NdFeB magnets 8505.11.00.70 on
     * the Section 301 (60 economies) common list) or to some of them but not to the line — as
     * {@code "9903.05.31 does not apply to 8505.11.00.70"}, one entry per measure (by its output id); empty when they are
     * all treated alike. The assessment of the line cannot say which is right without the statistical suffix.
     */
    public List<String> statisticalLinesApart(HtsLine line, LocalDate date, String origin) {
        if (line.declarable()) return List.of();
        List<Measure> own = measuresOn(line, date, origin);
        Map<String, java.util.TreeSet<String>> notTo = new java.util.LinkedHashMap<>();
        Map<String, java.util.TreeSet<String>> onlyTo = new java.util.LinkedHashMap<>();
        for (HtsLine d : hts.descendants(line)) {
            if (!d.declarable()) continue;
            List<Measure> theirs = measuresOn(d, date, origin);
            for (Measure m : own) {
                if (!theirs.contains(m)) notTo.computeIfAbsent(m.outputId(), k -> new java.util.TreeSet<>()).add(d.code());
            }
            for (Measure m : theirs) {
                if (!own.contains(m)) onlyTo.computeIfAbsent(m.outputId(), k -> new java.util.TreeSet<>()).add(d.code());
            }
        }
        List<String> out = new ArrayList<>();
        notTo.forEach((id, codes) -> out.add(id + " does not apply to " + String.join(", ", codes)));
        onlyTo.forEach((id, codes) -> out.add(id + " applies only to " + String.join(", ", codes)));
        return out;
    }

    /** A base rate of the schedule and whether it applies to the origin asked about. */
    public record BaseRateView(BaseRate rate, String program, String measureId, boolean applies, String why,
                               HtsLine from) { }

    /**
     * The schedule's rates for a line and how each relates to an origin on a date: column 2 for the
     * column-2 countries, otherwise the general rate; each special rate is available on a claim when
     * the origin is eligible for its program.
     */
    public List<BaseRateView> baseRatesFor(HtsLine line, LocalDate date, String origin) {
        List<BaseRateView> out = new ArrayList<>();
        Nomenclature.RatedLine rated = hts.effectiveRates(line);
        boolean column2 = origin != null && geography.inGroup(COLUMN2_GROUP, origin, date);
        for (BaseRate r : rated.rates()) {
            if (r.column() == RateColumn.SPECIAL) {
                for (String p : r.programs()) {
                    if (p.equals("*")) {
                        out.add(new BaseRateView(r, p, "special:*", origin != null, "any program claimed (Chapter 98/99 provision)", rated.from()));
                        continue;
                    }
                    Optional<PreferenceProgram> prog = geography.program(p);
                    boolean eligible = origin != null && prog.isPresent() && prog.get().eligible(origin, date, geography);
                    String why = prog.isEmpty() ? "program " + p + " is not defined in this regime"
                            : eligible ? "available when a " + prog.get().name() + " preference is claimed and the goods qualify"
                            : origin == null ? prog.get().name() : origin + " is not eligible for " + prog.get().name() + " on " + date;
                    out.add(new BaseRateView(r, p, r.measureId(p), eligible, why, rated.from()));
                }
            } else if (r.column() == RateColumn.COLUMN2) {
                out.add(new BaseRateView(r, null, "column2", column2,
                        column2 ? origin + " is a column 2 country" : "only for column 2 countries", rated.from()));
            } else {
                out.add(new BaseRateView(r, null, "general", !column2,
                        column2 ? "not for column 2 countries" : "normal trade relations rate", rated.from()));
            }
        }
        return out;
    }

    /** One change between two dates. */
    public record Change(String kind, String what, String id, LocalDate date, String detail) { }

    /**
     * What changed between two dates: measures that entered into force or ended, group memberships
     * that began or ended, and agreement events, each with its date — everything dated in (from, to].
     */
    public List<Change> diff(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        List<Change> out = new ArrayList<>();
        for (Measure m : measures) {
            // every start and every end dated in (from, to] — a measure may do both inside the window
            LocalDate s = m.validity().from();
            LocalDate e = m.validity().to();
            if (s != null && s.isAfter(from) && !s.isAfter(to)) {
                out.add(new Change("started", "measure", m.id(), s, m.title() + " — " + describe(m) + (m.displaces().isEmpty() ? ""
                        : "; displaces " + String.join(", ", m.displaces()) + " (not charged on the value this measure is charged on)")));
            }
            if (e != null && !e.isBefore(from) && e.isBefore(to)) {
                out.add(new Change("ended", "measure", m.id(), e.plusDays(1), m.title() + " — in force until " + e));
            }
        }
        for (CountryGroup g : geography.groups()) {
            for (Map.Entry<String, Validity> period : membershipPeriods(g)) {
                String country = period.getKey();
                LocalDate s = period.getValue().from();
                LocalDate e = period.getValue().to();
                if (s != null && s.isAfter(from) && !s.isAfter(to)) {
                    out.add(new Change("joined", "group", g.id(), s, country + " joins " + g.name()));
                }
                if (e != null && !e.isBefore(from) && e.isBefore(to)) {
                    out.add(new Change("left", "group", g.id(), e.plusDays(1), country + " leaves " + g.name()));
                }
            }
        }
        for (Agreement a : agreements.values()) {
            a.dates().forEach((event, d) -> {
                if (d.isAfter(from) && !d.isAfter(to)) {
                    out.add(new Change(event, "agreement", a.id(), d, a.name() + ": " + event));
                }
            });
        }
        out.sort(Comparator.comparing(Change::date).thenComparing(Change::id).thenComparing(Change::kind));
        return out;
    }

    /**
     * What this regime has that {@code other} has not, or has otherwise — an overlay against the regime it extends:
     * measures, groups and agreements added, removed or changed, by id, then the horizon's differences (how far the facts
     * were checked, sources, known gaps, Section 321 de minimis: {@link Horizon#compareWith}). A change's {@code date} is
     * null; its detail names what differs (a measure's duty, conditions, scope, origins, window…; a group's membership
     * periods).
     */
    public List<Change> compareWith(Regime other) {
        List<Change> out = new ArrayList<>();
        Map<String, Measure> theirs = new LinkedHashMap<>();
        for (Measure m : other.measures) theirs.put(m.id(), m);
        Map<String, Measure> ours = new LinkedHashMap<>();
        for (Measure m : measures) ours.put(m.id(), m);
        for (Measure m : measures) {
            Measure o = theirs.get(m.id());
            if (o == null) {
                out.add(new Change("added", "measure", m.id(), null, m.title() + " — " + describe(m) + " · products "
                        + scope(m.products()) + " · origins " + origins(m.origins())
                        + (m.displaces().isEmpty() ? "" : " · displaces " + m.displaces()) + " · " + m.validity()
                        + " · " + m.file() + ":" + m.line()));
            } else {
                List<String> d = measureDifferences(o, m);
                if (!d.isEmpty()) out.add(new Change("changed", "measure", m.id(), null, m.title() + ": " + String.join("; ", d)));
            }
        }
        for (Measure o : other.measures) {
            if (!ours.containsKey(o.id())) out.add(new Change("removed", "measure", o.id(), null, o.title() + " — " + describe(o)));
        }
        for (CountryGroup g : geography.groups()) {
            Optional<CountryGroup> o = other.geography.group(g.id());
            if (o.isEmpty()) {
                out.add(new Change("added", "group", g.id(), null, g.name() + ": " + periods(g)));
            } else {
                Set<String> before = new java.util.LinkedHashSet<>(periodTexts(o.get()));
                Set<String> after = new java.util.LinkedHashSet<>(periodTexts(g));
                List<String> d = new ArrayList<>();
                for (String p : after) if (!before.contains(p)) d.add("+" + p);
                for (String p : before) if (!after.contains(p)) d.add("−" + p);
                if (!d.isEmpty()) out.add(new Change("changed", "group", g.id(), null, g.name() + ": " + String.join("; ", d)));
            }
        }
        for (CountryGroup o : other.geography.groups()) {
            if (geography.group(o.id()).isEmpty()) out.add(new Change("removed", "group", o.id(), null, o.name()));
        }
        for (Agreement a : agreements.values()) {
            Agreement o = other.agreements.get(a.id());
            if (o == null) out.add(new Change("added", "agreement", a.id(), null, a.name() + " (" + a.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")"));
            else if (!o.equals(a)) out.add(new Change("changed", "agreement", a.id(), null, a.name()));
        }
        for (Agreement o : other.agreements.values()) {
            if (!agreements.containsKey(o.id())) out.add(new Change("removed", "agreement", o.id(), null, o.name()));
        }
        compareStacking(other, out);
        horizon().compareWith(other.horizon(), out);
        return out;
    }

    /**
     * The stacking rules added, removed or changed, by id: a protest cites them, so a rule whose citation changed (or
     * became sourced) between two regimes is a difference even when every amount is the same.
     */
    private void compareStacking(Regime other, List<Change> out) {
        Map<String, StackingRule> theirs = new LinkedHashMap<>();
        for (StackingRule r : other.stacking) theirs.put(r.id(), r);
        Set<String> ours = new java.util.HashSet<>();
        for (StackingRule r : stacking) {
            ours.add(r.id());
            StackingRule o = theirs.get(r.id());
            if (o == null) {
                out.add(new Change("added", "stacking", r.id(), null, describe(r) + " · " + r.file() + ":" + r.line()));
                continue;
            }
            List<String> d = new ArrayList<>();
            diffField(d, "measures", o.measures().toString(), r.measures().toString());
            diffField(d, "displaces", o.displaces().toString(), r.displaces().toString());
            diffField(d, "citation", o.sourced() ? o.citation() : "not sourced — " + o.notSourced(),
                    r.sourced() ? r.citation() : "not sourced — " + r.notSourced());
            diffField(d, "source", o.source(), r.source());
            if (!d.isEmpty()) out.add(new Change("changed", "stacking", r.id(), null, String.join("; ", d)));
        }
        for (StackingRule o : other.stacking) {
            if (!ours.contains(o.id())) out.add(new Change("removed", "stacking", o.id(), null, describe(o)));
        }
    }

    /** A stacking rule in one line: "[us-s232-*] not stacked on [9903.01.01] — CITATION". */
    private static String describe(StackingRule r) {
        return r.measures() + " not stacked on " + r.displaces() + " — " + r.citationText();
    }

    private static List<String> periodTexts(CountryGroup g) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Validity> p : membershipPeriods(g)) out.add(p.getKey() + " " + p.getValue());
        return out;
    }

    private static String periods(CountryGroup g) {
        return String.join(", ", periodTexts(g));
    }

    /** What differs between two measures of one id, field by field, as "duty 10% → 15%". */
    private static List<String> measureDifferences(Measure a, Measure b) {
        List<String> d = new ArrayList<>();
        diffField(d, "type", a.type().label(), b.type().label());
        diffField(d, "title", a.title(), b.title());
        diffField(d, "valid", a.validity().toString(), b.validity().toString());
        diffField(d, "duty", String.valueOf(a.duty()), String.valueOf(b.duty()));
        diffField(d, "value basis", a.valueBasis() + (a.usContentShare() == null ? "" : " " + a.usContentShare().toPlainString() + "%"),
                b.valueBasis() + (b.usContentShare() == null ? "" : " " + b.usContentShare().toPlainString() + "%"));
        diffField(d, "value basis citation", a.valueBasisCitation(), b.valueBasisCitation());
        diffField(d, "products", scope(a.products()), scope(b.products()));
        diffField(d, "origins", a.origins().includes() + " except " + a.origins().excludes(),
                b.origins().includes() + " except " + b.origins().excludes());
        diffField(d, "conditions", a.conditions().stream().map(lodestone.regime.view.RegimeViews::describe).toList().toString(),
                b.conditions().stream().map(lodestone.regime.view.RegimeViews::describe).toList().toString());
        diffField(d, "low-value waiver", a.lowValueWaiver() == null ? "none" : lodestone.regime.view.RegimeViews.describe(a.lowValueWaiver()),
                b.lowValueWaiver() == null ? "none" : lodestone.regime.view.RegimeViews.describe(b.lowValueWaiver()));
        diffField(d, "displaces", a.displaces().toString(), b.displaces().toString());
        diffField(d, "legal base", String.valueOf(a.legalBase()), String.valueOf(b.legalBase()));
        diffField(d, "agreement", String.valueOf(a.agreement()), String.valueOf(b.agreement()));
        diffField(d, "illustrative", String.valueOf(a.illustrative()), String.valueOf(b.illustrative()));
        return d;
    }

    /** "name a → b" when the two differ (a field absent from one is "none"): a measure's fields, a horizon's. */
    static void diffField(List<String> out, String name, Object a, Object b) {
        if (!java.util.Objects.equals(a, b)) out.add(name + " " + (a == null ? "none" : a) + " → " + (b == null ? "none" : b));
    }

    private static String origins(lodestone.regime.measure.OriginScope o) {
        return o.includes() + (o.excludes().isEmpty() ? "" : " except " + o.excludes());
    }

    private static String scope(lodestone.regime.measure.ProductScope p) {
        List<String> inc = p.includes().stream().sorted().map(Nomenclature::dotted).toList();
        List<String> exc = p.excludes().stream().sorted().map(Nomenclature::dotted).toList();
        String s = p.all() ? "all" : inc.size() > 6 ? inc.size() + " codes " + inc.subList(0, 3) + "…" : inc.toString();
        return exc.isEmpty() ? s : s + " except " + (exc.size() > 6 ? exc.size() + " codes" : exc.toString());
    }

    /**
     * A group's members as periods of membership: a country's windows that touch (one ends the day before the next
     * starts) are one period, so a membership restated from a date is not a departure and a return.
     */
    static List<Map.Entry<String, Validity>> membershipPeriods(CountryGroup g) {
        Map<String, List<Validity>> byCountry = new LinkedHashMap<>();
        for (Membership m : g.members()) byCountry.computeIfAbsent(m.country(), k -> new ArrayList<>()).add(m.validity());
        List<Map.Entry<String, Validity>> out = new ArrayList<>();
        byCountry.forEach((country, windows) -> {
            windows.sort(Comparator.comparing(Validity::from, Comparator.nullsFirst(Comparator.naturalOrder())));
            Validity cur = null;
            for (Validity w : windows) {
                if (cur != null && (cur.to() == null || (w.from() != null && !w.from().isAfter(cur.to().plusDays(1))))) {
                    LocalDate end = cur.to() == null || w.to() == null ? null : cur.to().isAfter(w.to()) ? cur.to() : w.to();
                    cur = new Validity(cur.from(), end);
                } else {
                    if (cur != null) out.add(Map.entry(country, cur));
                    cur = w;
                }
            }
            out.add(Map.entry(country, cur));
        });
        return out;
    }

    /**
     * A measure as a change: its type and duty, and the conditions that charge in its stead — a floor's duty is
     * usually {@code free} and its levy is a condition's {@code charge-difference}, so "variable levy free" alone
     * said the opposite of what the measure does.
     */
    static String describe(Measure m) {
        String d = m.duty() == null ? m.type().label() : m.type().label() + " " + m.duty();
        List<String> charging = new ArrayList<>();
        for (lodestone.regime.measure.Condition c : m.conditions()) {
            if (c.action() instanceof lodestone.regime.measure.Action.ChargeDifference
                    || c.action() instanceof lodestone.regime.measure.Action.Apply) {
                charging.add(lodestone.regime.view.RegimeViews.describe(c));
            }
        }
        if (charging.isEmpty()) return d;
        int shown = Math.min(3, charging.size());
        return d + (m.duty() == null ? "" : " unless a condition decides") + "; " + String.join("; ", charging.subList(0, shown))
                + (charging.size() > shown ? "; and " + (charging.size() - shown) + " more condition(s)" : "");
    }
}
