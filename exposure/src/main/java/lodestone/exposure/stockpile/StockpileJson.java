package lodestone.exposure.stockpile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import lodestone.regime.io.YNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stockpile events and positions as JSON, shared by the CLI, the API and the store: an event is written
 * in the same fields the ledger file uses (docs/stockpile-format.md), so that what the store keeps reads
 * back through {@link StockpileFile#parseEvents}.
 */
public final class StockpileJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StockpileJson() { }

    public static Map<String, Object> event(StockpileEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", e.date() == null ? null : e.date().toString());
        m.put("type", StockpileEvent.type(e));
        switch (e) {
            case StockpileEvent.Funding f -> {
                m.put("source", YNode.spelling(f.source()));
                put(m, "party", f.party());
                m.put("amount", f.amount());
                put(m, "rate_percent", f.ratePercent());
                put(m, "term_years", f.termYears());
                put(m, "note", f.note());
            }
            case StockpileEvent.Join j -> {
                m.put("member", j.member());
                put(m, "entry_fee", j.entryFee());
                if (!j.allocationKg().isEmpty()) m.put("allocation", new LinkedHashMap<>(j.allocationKg()));
                put(m, "note", j.note());
            }
            case StockpileEvent.Acquisition a -> {
                m.put("mineral", a.mineral());
                put(m, "form", a.form());
                m.put("quantity", a.quantityKg());
                m.put("price", a.priceUsdPerKg());
                put(m, "counterparty", a.counterparty());
                if (a.illustrative()) m.put("illustrative", true);
                put(m, "note", a.note());
            }
            case StockpileEvent.CarryingCost c -> {
                m.put("kind", YNode.spelling(c.kind()));
                m.put("amount", c.amount());
                put(m, "note", c.note());
            }
            case StockpileEvent.Draw d -> memberFlow(m, d.member(), d.mineral(), d.quantityKg(), d.priceUsdPerKg(), d.note());
            case StockpileEvent.Replenishment r -> memberFlow(m, r.member(), r.mineral(), r.quantityKg(), r.priceUsdPerKg(), r.note());
            case StockpileEvent.BuyBack b -> memberFlow(m, b.member(), b.mineral(), b.quantityKg(), b.priceUsdPerKg(), b.note());
            case StockpileEvent.WriteOff w -> {
                m.put("mineral", w.mineral());
                m.put("quantity", w.quantityKg());
                m.put("reason", w.reason());
                put(m, "note", w.note());
            }
            case StockpileEvent.Correction c -> {
                m.put("corrects", c.corrects());
                if (c.replacement() != null) m.put("replacement", event(c.replacement()));
                put(m, "note", c.note());
            }
            case StockpileEvent.Release r -> {
                m.put("mineral", r.mineral());
                m.put("quantity", r.quantityKg());
                m.put("price", r.priceUsdPerKg());
                put(m, "counterparty", r.counterparty());
                put(m, "note", r.note());
            }
        }
        put(m, "source_ref", e.at() == null ? null : e.at().sourceRef()); // kept: a stored event is this text
        return m;
    }

    /**
     * The first {@code upTo} of a ledger's events as listed (the API's events, {@code stockpile show --events --json}): each as
     * {@link #event}, with its {@code number} (from 1, as a correction's {@code corrects} names it) first and, for an event a
     * correction has struck out or replaced, {@code corrected_by} (that correction's number).
     */
    public static List<Map<String, Object>> events(List<? extends StockpileEvent> all, int upTo) {
        return events(all, upTo, null);
    }

    /**
     * The events of {@code all} dated on or before {@code asOf} (every one when null), each with its own number: not always the
     * first ones, a correction being recorded on its own date, which may be before the date of the mistaken event it mends (a
     * year keyed 2027 for 2026 is mended by a correction dated in 2026, and as of a date between them the correction is listed,
     * as #3, and the mistaken #2 is not).
     */
    public static List<Map<String, Object>> events(List<? extends StockpileEvent> all, java.time.LocalDate asOf) {
        return events(all, all.size(), asOf);
    }

    private static List<Map<String, Object>> events(List<? extends StockpileEvent> all, int upTo, java.time.LocalDate asOf) {
        Map<Integer, Integer> corrected = StockpileLedger.correctedBy(all);
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(upTo, all.size()); i++) {
            if (asOf != null && all.get(i).date() != null && all.get(i).date().isAfter(asOf)) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", i + 1);
            m.putAll(event(all.get(i)));
            if (corrected.containsKey(i + 1)) m.put("corrected_by", corrected.get(i + 1));
            out.add(m);
        }
        return out;
    }

    private static void memberFlow(Map<String, Object> m, String member, String mineral, BigDecimal q, BigDecimal price, String note) {
        m.put("member", member);
        m.put("mineral", mineral);
        m.put("quantity", q);
        put(m, "price", price);
        put(m, "note", note);
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null && !(v instanceof String s && s.isEmpty())) m.put(k, v);
    }

    /** One event as a compact JSON text (the store's payload). */
    public static String eventText(StockpileEvent e) {
        try {
            return new ObjectMapper().writeValueAsString(event(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static Map<String, Object> position(Position p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stockpile", p.stockpile());
        m.put("as_of", p.asOf() == null ? null : p.asOf().toString());
        m.put("events", p.events());
        List<Map<String, Object>> hs = new ArrayList<>();
        for (Position.Holding h : p.holdings()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("mineral", h.mineral());
            x.put("quantity_kg", h.quantityKg());
            x.put("cost_basis", h.costBasis());
            x.put("average_cost_usd_per_kg", h.averageCost());
            x.put("acquired_kg", h.acquiredKg());
            x.put("released_kg", h.releasedKg());
            x.put("drawn_kg", h.drawnKg());
            x.put("replenished_kg", h.replenishedKg());
            x.put("bought_back_kg", h.boughtBackKg());
            x.put("written_off_kg", h.writtenOffKg());
            x.put("realised_gain", h.realisedGain());
            x.put("forms", h.forms());
            hs.add(x);
        }
        m.put("holdings", hs);
        Map<String, Object> f = new LinkedHashMap<>();
        p.funding().forEach((k, v) -> f.put(YNode.spelling(k), v));
        Map<String, Object> funding = new LinkedHashMap<>();
        funding.put("by_source", f);
        funding.put("drawn", p.fundingDrawn());
        funding.put("spent", p.spent());
        funding.put("proceeds", p.proceeds());
        funding.put("left", p.fundingLeft());
        m.put("funding", funding);
        Map<String, Object> c = new LinkedHashMap<>();
        p.carrying().forEach((k, v) -> c.put(YNode.spelling(k), v));
        c.put("total", p.carryingTotal());
        m.put("carrying_costs", c);
        List<Map<String, Object>> loans = new ArrayList<>();
        for (Position.Loan l : p.loans()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("drawn", l.drawn().toString());
            x.put("party", l.party());
            x.put("principal", l.principal());
            x.put("rate_percent", l.ratePercent());
            x.put("term_years", l.termYears());
            x.put("maturity", l.maturity() == null ? null : l.maturity().toString());
            x.put("annual_interest", l.annualInterest());
            loans.add(x);
        }
        m.put("loans", loans);
        List<Map<String, Object>> ms = new ArrayList<>();
        for (Position.Member mem : p.members()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("member", mem.id());
            x.put("joined", mem.joined().toString());
            x.put("entry_fee", mem.entryFee());
            x.put("allocation_kg", mem.allocationKg());
            x.put("entitlement_kg", mem.entitlementKg());
            x.put("drawn_kg", mem.drawnKg());
            ms.add(x);
        }
        m.put("members", ms);
        return m;
    }

    /** Cover lines as JSON (months and kg are model figures: doubles). */
    public static List<Map<String, Object>> cover(List<Cover.Line> lines) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Cover.Line l : lines) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("mineral", l.mineral());
            x.put("holding_kg", l.holdingKg());
            x.put("market", l.market());
            x.put("region", l.region());
            x.put("imports_kg_per_year", l.importsKgPerYear());
            x.put("monthly_imports_kg", l.monthlyImportsKg());
            x.put("months_of_cover", l.months());
            x.put("runs_out", l.runsOut() == null ? null : l.runsOut().toString());
            if (l.disruption() != null) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("scenario", l.disruption());
                d.put("months", l.disruptionMonths());
                d.put("shortfall_kg_per_month", l.shortfallKgPerMonth());
                d.put("months_of_cover", l.monthsUnderDisruption());
                d.put("runs_out", l.runsOutUnderDisruption() == null ? null : l.runsOutUnderDisruption().toString());
                d.put("lasts_the_disruption", l.lastsTheDisruption());
                x.put("disruption", d);
            }
            List<Map<String, Object>> ts = new ArrayList<>();
            for (Cover.TargetLine t : l.targets()) {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("label", t.label());
                y.put("days", t.days());
                y.put("months", t.months());
                y.put("holding_needed_kg", t.holdingNeededKg());
                y.put("met", t.met());
                ts.add(y);
            }
            x.put("targets", ts);
            if (l.note() != null) x.put("note", l.note());
            out.add(x);
        }
        return out;
    }

    public static Map<String, Object> release(CoordinatedRelease.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mineral", r.mineral());
        m.put("market", r.market());
        m.put("disruption", r.disruption());
        m.put("months", r.months());
        m.put("start", r.start().toString());
        m.put("rule", r.rule().name().toLowerCase(java.util.Locale.ROOT));
        m.put("total_requested_kg", r.totalRequestedKg());
        m.put("total_released_kg", r.totalReleasedKg());
        List<Map<String, Object>> shares = new ArrayList<>();
        for (CoordinatedRelease.Share s : r.shares()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("participant", s.id());
            x.put("region", s.region());
            x.put("weight", s.weight());
            x.put("share", s.share());
            x.put("quantity_kg", s.quantityKg());
            x.put("capped", s.capped());
            x.put("book_cost", cents(s.bookCost()));
            x.put("proceeds", cents(s.proceeds()));
            x.put("basis", s.basis());
            shares.add(x);
        }
        m.put("shares", shares);
        List<Map<String, Object>> path = new ArrayList<>();
        for (CoordinatedRelease.Month mo : r.path()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("month", mo.month().toString());
            x.put("kg", mo.kgByParticipant());
            path.add(x);
        }
        m.put("path", path);
        m.put("release_per_year_by_region", r.releasePerYearByRegion());
        m.put("market_quantity_unit", r.quantityUnit());
        List<Map<String, Object>> prices = new ArrayList<>();
        for (CoordinatedRelease.RegionPrice p : r.pricesUsdPerKg()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("region", p.region());
            x.put("baseline", p.baseline());
            x.put("without_release", p.withoutRelease());
            x.put("with_release", p.withRelease());
            prices.add(x);
        }
        m.put("prices_usd_per_kg", prices);
        m.put("book_cost", cents(r.bookCost()));
        m.put("proceeds", cents(r.proceeds()));
        m.put("net", cents(r.net()));
        m.put("warnings", r.warnings());
        return m;
    }

    /**
     * An amount of money the release model computes in doubles (quantities from the market's equilibrium), written as money is
     * everywhere else: US dollars to the cent, half-up (reported: "proceeds": 1.0257465352666771E7).
     */
    static BigDecimal cents(double usd) {
        return BigDecimal.valueOf(usd).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    public static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
