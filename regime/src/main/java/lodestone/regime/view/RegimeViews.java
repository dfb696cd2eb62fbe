package lodestone.regime.view;

import lodestone.regime.Horizon;
import lodestone.regime.Regime;
import lodestone.regime.agreement.Agreement;
import lodestone.regime.agreement.Commitment;
import lodestone.regime.agreement.Deadline;
import lodestone.regime.io.YNode;
import lodestone.regime.measure.Action;
import lodestone.regime.measure.Condition;
import lodestone.regime.measure.Measure;
import lodestone.regime.measure.ProductScope;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.nomenclature.Nomenclature;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regime's facts as JSON-ready maps (keys in a stable, readable order): what {@code regime show},
 * {@code search}, {@code diff} and {@code agreements} print with {@code --json}, and what the HTTP API
 * answers. One spelling for every face; the formats are documented in docs/regime-format.md.
 */
public final class RegimeViews {
    private RegimeViews() {
    }

    /** Measures that would apply to the line on the date (for the origin) but for an exclusion from their scope. */
    public static List<Measure> excludedMeasures(Regime r, HtsLine line, LocalDate d, String origin, List<Measure> applied) {
        List<Measure> excluded = new ArrayList<>();
        for (Measure m : r.measures()) {
            if (!m.validity().contains(d) || applied.contains(m)) continue;
            if (origin != null && !m.origins().covers(origin, d, r.geography())) continue;
            ProductScope p = m.products();
            ProductScope noExcl = new ProductScope(p.all(), p.includes(), java.util.Set.of());
            if (noExcl.covers(line.digits())) excluded.add(m);
        }
        return excluded;
    }

    /** An HTS line on a date (for an origin, or any when null): ancestors, base rates, measures, exclusions. */
    public static Map<String, Object> code(Regime regime, HtsLine line, LocalDate date, String origin) {
        List<Measure> measures = regime.measuresOn(line, date, origin);
        List<Measure> excluded = excludedMeasures(regime, line, date, origin, measures);
        List<HtsLine> ancestors = regime.hts().ancestors(line);
        List<Regime.BaseRateView> base = regime.baseRatesFor(line, date, origin);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("regime", regime.id());
        j.put("code", line.code());
        j.put("description", line.description());
        j.put("declarable", line.declarable());
        j.put("units", line.units());
        j.put("date", date.toString());
        j.put("origin", origin);
        List<Map<String, Object>> anc = new ArrayList<>();
        for (HtsLine a : ancestors) anc.add(ordered("code", a.code(), "description", a.description()));
        j.put("ancestors", anc);
        List<Map<String, Object>> rates = new ArrayList<>();
        for (Regime.BaseRateView b : base) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.measureId());
            m.put("column", b.rate().column().spelling());
            m.put("program", b.program());
            m.put("duty", b.rate().modelled() ? b.rate().expression().toString() : null);
            m.put("source_text", b.rate().sourceText());
            m.put("applies", b.applies());
            m.put("why", b.why());
            m.put("printed_on", b.from() == null ? null : b.from().code());
            rates.add(m);
        }
        j.put("base_rates", rates);
        List<Map<String, Object>> ms = new ArrayList<>();
        for (Measure m : measures) ms.add(measure(regime, m));
        j.put("measures", ms);
        List<Map<String, Object>> ex = new ArrayList<>();
        for (Measure m : excluded) {
            ex.add(ordered("id", m.id(), "output_id", m.outputId(), "title", m.title(), "by", m.products().exclusionsOf(line.digits())));
        }
        j.put("excluded", ex);
        // a date the regime's facts do not reach (past its horizon, before its start) is said, as an assessment says it
        j.put("warnings", regime.horizon().dateWarnings(date, regime.id()));
        j.put("known_gaps", gaps(regime.horizon().gapsFor(line.digits(), origin, date)));
        return j;
    }

    /**
     * Section 321 de minimis as the horizon states it (not modelled; warned of): {@code at_most_usd} (a string, exact),
     * {@code legal_base}, and {@code ended}: each end's {@code origins} (empty: every origin), {@code from} and
     * {@code source}. Null when the regime states none.
     */
    static Map<String, Object> deMinimis(lodestone.regime.DeMinimis dm) {
        if (dm == null) return null;
        List<Map<String, Object>> ends = new ArrayList<>();
        for (lodestone.regime.DeMinimis.End e : dm.ends()) {
            ends.add(ordered("origins", e.origins(), "from", e.from().toString(), "source", e.source()));
        }
        return ordered("at_most_usd", dm.atMostUsd().toPlainString(), "legal_base", dm.legalBase(), "ended", ends);
    }

    /** Known gaps as JSON: id, what, codes (dotted), from, to. */
    public static List<Map<String, Object>> gaps(List<Horizon.Gap> gaps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (var g : gaps) {
            out.add(ordered("id", g.id(), "what", g.what(), "codes", g.codes().stream().map(Nomenclature::dotted).toList(),
                    "origins", g.origins(), "from", g.from() == null ? null : g.from().toString(), "to", g.to() == null ? null : g.to().toString()));
        }
        return out;
    }

    /** A measure as {@link #measure(Measure)}, with why the measures it displaces do not stack on it ({@link #stacking}). */
    public static Map<String, Object> measure(Regime regime, Measure m) {
        Map<String, Object> j = measure(m);
        List<Map<String, Object>> st = stacking(regime, m);
        if (!st.isEmpty()) j.put("stacking", st);
        return j;
    }

    /**
     * Why the measures {@code m} displaces do not stack on it: one entry per stacking rule explaining some of them (the rule,
     * the displaced measures' output ids, the citation or what could not be sourced), then one with rule null for those no
     * rule cites. Empty when the measure displaces nothing.
     */
    public static List<Map<String, Object>> stacking(Regime regime, Measure m) {
        Map<String, List<String>> byRule = new LinkedHashMap<>();
        Map<String, lodestone.regime.measure.StackingRule> rules = new LinkedHashMap<>();
        List<String> uncited = new ArrayList<>();
        for (Measure y : regime.displacedBy(m)) {
            List<lodestone.regime.measure.StackingRule> rs = regime.stackingRules(m, y);
            if (rs.isEmpty() && !uncited.contains(y.outputId())) uncited.add(y.outputId());
            for (var r : rs) {
                rules.put(r.id(), r);
                List<String> ys = byRule.computeIfAbsent(r.id(), k -> new ArrayList<>());
                if (!ys.contains(y.outputId())) ys.add(y.outputId());
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byRule.values().forEach(java.util.Collections::sort); // in heading order, to read
        java.util.Collections.sort(uncited);
        for (var e : byRule.entrySet()) {
            var r = rules.get(e.getKey());
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("rule", r.id());
            j.put("displaces", e.getValue());
            if (r.citation() != null) j.put("citation", r.citation());
            else j.put("citation_not_sourced", r.notSourced());
            if (r.source() != null) j.put("source", r.source());
            out.add(j);
        }
        if (!uncited.isEmpty()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("rule", null);
            j.put("displaces", uncited);
            j.put("citation_not_sourced", "no stacking rule of the regime cites these pairs");
            out.add(j);
        }
        return out;
    }

    public static Map<String, Object> measure(Measure m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", m.id());
        j.put("output_id", m.outputId());
        j.put("type", m.type().name().toLowerCase().replace('_', '-'));
        j.put("series", String.valueOf(m.type().series()));
        j.put("title", m.title());
        j.put("duty", m.duty() == null ? null : m.duty().toString());
        j.put("value_basis", m.valueBasis().name().toLowerCase().replace('_', '-'));
        j.put("valid_from", m.validity().from() == null ? null : m.validity().from().toString());
        j.put("valid_to", m.validity().to() == null ? null : m.validity().to().toString());
        List<String> conds = new ArrayList<>();
        for (Condition c : m.conditions()) conds.add(describe(c));
        if (m.lowValueWaiver() != null) conds.add(describe(m.lowValueWaiver())); // (a document requirement's exception)
        j.put("conditions", conds);
        j.put("displaces", m.displaces());
        Map<String, Object> lb = new LinkedHashMap<>();
        if (m.legalBase() != null) {
            lb.put("heading", m.legalBase().heading());
            lb.put("instrument", m.legalBase().instrument());
            lb.put("notice", m.legalBase().notice());
            lb.put("date", m.legalBase().date() == null ? null : m.legalBase().date().toString());
        }
        j.put("legal_base", lb);
        j.put("footnotes", m.footnotes());
        j.put("illustrative", m.illustrative());
        j.put("source", m.file() + ":" + m.line());
        return j;
    }

    public static String describe(lodestone.regime.measure.Test t) {
        return switch (t) {
            case lodestone.regime.measure.Test.DocumentHeld d -> "document " + d.code() + " is presented";
            case lodestone.regime.measure.Test.DocumentMissing d -> "document " + d.code() + " is not presented";
            case lodestone.regime.measure.Test.PreferenceClaimed p -> "preference " + p.program() + " is claimed";
            case lodestone.regime.measure.Test.UnitPriceBelow u -> "declared unit price < " + u.price();
            case lodestone.regime.measure.Test.UnitPriceAtLeast u -> "declared unit price ≥ " + u.price();
            case lodestone.regime.measure.Test.UsContentShareAtLeast u -> "US content ≥ " + u.percent() + "% of value";
            case lodestone.regime.measure.Test.LoadedBefore l -> "loaded before " + l.date();
            case lodestone.regime.measure.Test.EnteredBefore e -> "entered before " + e.date();
            case lodestone.regime.measure.Test.ProducerOnList l -> "producer is on the " + l.list() + " list";
            case lodestone.regime.measure.Test.ProducerIn p -> "producer is one of " + String.join(", ", p.producers());
            case lodestone.regime.measure.Test.ExportedFrom e -> "exported from " + e.token();
            case lodestone.regime.measure.Test.ProducedIn p -> "produced (wholly or in part) in "
                    + String.join(" or ", p.regions().stream().map(lodestone.regime.geo.Region::described).toList());
            case lodestone.regime.measure.Test.EndUseIn u -> "end use is "
                    + String.join(" or ", u.uses().stream().map(lodestone.regime.measure.EndUse::described).toList());
        };
    }

    /** A document requirement's low-value exception in words, as the measure views list it after its conditions. */
    public static String describe(lodestone.regime.measure.LowValueWaiver w) {
        String at = String.format(java.util.Locale.ROOT, "%,.2f", w.atMostUsd());
        return "unless the importation's lines it covers total at most US$" + at + " → not required [" + w.legalBase() + "]";
    }

    public static String describe(Condition c) {
        List<String> tests = new ArrayList<>();
        for (var t : c.tests()) tests.add(describe(t));
        String then = switch (c.action()) {
            case Action.Apply a -> "apply " + a.expression();
            case Action.Exempt e -> "exempt (" + e.reason() + ")";
            case Action.Block b -> "block (" + b.reason() + ")";
            case Action.ChargeDifference d -> "charge the difference up to " + d.reference();
            case Action.RequireDocuments r -> "require " + String.join(", ", r.documents());
        };
        return (c.id() == null ? "" : "[" + c.id() + "] ") + (tests.isEmpty() ? "always" : String.join(" and ", tests))
                + " → " + then;
    }


    /**
     * Search hits: code, description, the path of ancestors, declarable; whether there were more than shown, and how many
     * lines match in all ({@code total}).
     */
    public static Map<String, Object> search(Regime r, String query, Nomenclature.Found found, int limit) {
        List<HtsLine> hits = found.lines().size() > limit ? found.lines().subList(0, limit) : found.lines();
        Map<String, Object> out = search(r, query, hits, found.total() > hits.size());
        out.put("total", found.total());
        return out;
    }

    /** Search hits: code, description, the path of ancestors, declarable, the line's place in the schedule (index). */
    public static Map<String, Object> search(Regime r, String query, List<HtsLine> hits, boolean truncated) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HtsLine l : hits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", l.code().isEmpty() ? null : l.code());
            m.put("description", l.description());
            m.put("path", path(r, l));
            m.put("declarable", l.declarable());
            m.put("index", l.index());
            out.add(m);
        }
        return ordered("query", query, "results", out, "truncated", truncated);
    }

    /** The line's ancestors as "code description › …", for people. */
    public static String path(Regime r, HtsLine l) {
        List<String> parts = new ArrayList<>();
        for (HtsLine a : r.hts().ancestors(l)) {
            String d = a.description();
            parts.add((a.coded() ? a.code() + " " : "") + (d.length() > 60 ? d.substring(0, 57) + "…" : d));
        }
        return parts.isEmpty() ? "(heading)" : String.join(" › ", parts);
    }

    /**
     * The regime at a glance: id, title, version, its horizon (what dates its facts cover and through
     * which date they were checked, each source with its date) and counts of what it holds. What
     * {@code lodestone regime info --json} prints and {@code GET /api/regime} answers.
     */
    public static Map<String, Object> info(Regime r) {
        Horizon h = r.horizon();
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Horizon.Source s : h.sources()) {
            sources.add(ordered("id", s.id(), "title", s.title(), "date", s.date() == null ? null : s.date().toString(),
                    "note", s.note()));
        }
        Map<String, Object> horizon = ordered("declared", h.declared(),
                "covers_from", h.coversFrom() == null ? null : h.coversFrom().toString(),
                "checked_through", h.checkedThrough() == null ? null : h.checkedThrough().toString(),
                "fx_max_age_days", h.fxMaxAgeDays() == 0 ? null : h.fxMaxAgeDays(),
                "fx_latest", r.fx().latestDate() == null ? null : r.fx().latestDate().toString(),
                "sources", sources, "known_gaps", gaps(h.gaps()), "de_minimis", deMinimis(h.deMinimis()));
        int declarable = 0;
        int rates = 0;
        int unmodelled = 0;
        for (HtsLine l : r.hts().lines()) {
            if (l.declarable()) declarable++;
            for (var rate : r.hts().ratesOn(l)) {
                rates++;
                if (!rate.modelled()) unmodelled++;
            }
        }
        Map<String, Integer> byType = new java.util.TreeMap<>();
        int illustrative = 0;
        for (Measure m : r.measures()) {
            byType.merge(YNode.spelling(m.type()), 1, Integer::sum);
            if (m.illustrative()) illustrative++;
        }
        Map<String, Object> counts = ordered("hts_lines", r.hts().size(), "declarable_lines", declarable,
                "base_rates", rates, "base_rates_unmodelled", unmodelled, "hs_codes", r.hsSize(),
                "countries", r.geography().countries().size(), "groups", r.geography().groups().size(),
                "programs", r.geography().programs().size(), "agreements", r.agreements().size(),
                "measures", r.measures().size(), "measures_by_type", byType, "illustrative_measures", illustrative,
                "entity_lists", r.lists().size(), "currencies", r.fx().currencies().size(), "regions", r.regions().size(),
                "end_uses", r.endUses().size());
        // what an entry line may declare as its production regions and end use (the Assess page offers them)
        List<Map<String, Object>> regions = new ArrayList<>();
        for (var g : r.regions()) regions.add(ordered("code", g.code(), "country", g.country(), "name", g.name()));
        List<Map<String, Object>> uses = new ArrayList<>();
        for (var u : r.endUses()) uses.add(ordered("code", u.code(), "title", u.title()));
        // the documents the measures name (a line declaring one the regime does not name is warned that it changes nothing)
        List<Map<String, Object>> docs = new ArrayList<>();
        r.documents().forEach((code, ids) -> docs.add(ordered("code", code, "measures", ids)));
        return ordered("id", r.id(), "title", r.title(), "version", r.version(), "origin", r.origin(),
                "horizon", horizon, "counts", counts, "regions", regions, "end_uses", uses, "documents", docs);
    }

    /** What changed after {@code from} up to {@code to}. */
    public static Map<String, Object> diff(Regime r, LocalDate f, LocalDate t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Regime.Change c : r.diff(f, t)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", c.date() == null ? null : c.date().toString());
            m.put("change", c.kind());
            m.put("kind", c.what());
            m.put("id", c.id());
            m.put("detail", c.detail());
            out.add(m);
        }
        return ordered("regime", r.id(), "from", f.toString(), "to", t.toString(), "changes", out);
    }

    /** {@code lodestone regime diff --against OTHER --json}: what regime {@code r} adds to, removes from or changes in {@code other}. */
    public static Map<String, Object> compare(Regime r, Regime other) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Regime.Change c : r.compareWith(other)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("change", c.kind());
            m.put("kind", c.what());
            m.put("id", c.id());
            m.put("detail", c.detail());
            out.add(m);
        }
        return ordered("regime", r.id(), "against", other.id(), "changes", out);
    }

    public static Map<String, Object> agreement(Agreement a) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", a.id());
        j.put("name", a.name());
        j.put("short_name", a.shortName());
        j.put("kind", a.kind() == null ? null : YNode.spelling(a.kind()));
        j.put("status", a.status() == null ? null : YNode.spelling(a.status()));
        j.put("illustrative", a.illustrative());
        j.put("parties", a.parties());
        Map<String, String> d = new LinkedHashMap<>();
        a.dates().forEach((k, v) -> d.put(k, v.toString()));
        j.put("dates", d);
        return j;
    }

    public static Map<String, Object> agreementDetail(Agreement a) {
        Map<String, Object> j = agreement(a);
        j.put("builds_on", a.buildsOn());
        List<Map<String, Object>> ds = new ArrayList<>();
        for (Deadline d : a.deadlines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("what", d.what());
            LocalDate due = d.due(a);
            m.put("due", due == null ? null : due.toString());
            m.put("status", YNode.spelling(d.status()));
            ds.add(m);
        }
        j.put("deadlines", ds);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Commitment c : a.commitments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("category", c.category() == null ? null : YNode.spelling(c.category()));
            m.put("party", c.party());
            m.put("text", c.text());
            m.put("source", c.source() == null ? null : c.source().toString());
            cs.add(m);
        }
        j.put("commitments", cs);
        j.put("note", a.note());
        return j;
    }

    /** A map that keeps the keys in the order given, so JSON output is stable and reads top-down. */
    public static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
