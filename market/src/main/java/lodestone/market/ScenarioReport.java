package lodestone.market;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's equilibrium against its baseline's, as a JSON-ready map: what {@code lodestone simulate
 * --json} prints and the HTTP API answers (format in docs/scenario-format.md). Each figure is a
 * {@code {"baseline": …, "scenario": …}} pair where both exist.
 */
public final class ScenarioReport {
    private ScenarioReport() {
    }

    /** Solves the baseline, then the scenario from the baseline's solution, and reports both. */
    public static Map<String, Object> run(Scenario s) {
        Scenario b = s.baseline();
        Equilibrium base = Equilibrium.solve(b);
        Equilibrium e = b == s ? base : Equilibrium.solve(s, base);
        if (!base.solved() || !e.solved()) return noEquilibrium(s, !e.solved() ? e.diagnosis() : "baseline: " + base.diagnosis());
        return of(s, base, e);
    }

    public static Map<String, Object> noEquilibrium(Scenario s, String reason) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("status", "no-equilibrium");
        o.put("scenario", s.name());
        o.put("reason", reason);
        return o;
    }

    public static Map<String, Object> of(Scenario s, Equilibrium base, Equilibrium e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("status", "solved");
        o.put("scenario", s.name());
        o.put("baseline", s.baseline().name());
        o.put("minerals", s.minerals());
        o.put("product", s.product());
        o.put("units", ordered("quantity", s.quantityUnit(), "price", s.priceUnit(), "money", moneyUnit(s.priceUnit(), s.quantityUnit())));
        o.put("policies", s.policies());
        List<Map<String, Object>> regions = new ArrayList<>();
        for (String r : s.regionIds()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r);
            m.put("price", pair(base.price(r), e.price(r)));
            m.put("producer_price", pair(base.producerPrice(r), e.producerPrice(r)));
            m.put("production", pair(base.production(r), e.production(r)));
            m.put("recycled", pair(base.recycledProduction(r), e.recycledProduction(r)));
            m.put("consumption", pair(base.consumption(r), e.consumption(r)));
            m.put("net_imports", pair(-base.netExports(r), -e.netExports(r)));
            m.put("stock_release", pair(base.stockRelease(r), e.stockRelease(r))); // + released, − built: production + it − consumption = −net imports
            if (base.unsoldRelease(r) > 0 || e.unsoldRelease(r) > 0) {   // a release the market cannot absorb: the part kept in the stockpile
                m.put("stock_unsold", pair(base.unsoldRelease(r), e.unsoldRelease(r)));
            }
            m.put("production_share", pair(base.productionShare(r), e.productionShare(r)));
            m.put("certified_premium", e.certifiedPremium(r));
            m.put("certificate_rent", e.certificateRent(r));
            m.put("consumer_surplus_change", e.consumerSurplusChange(base, r));
            m.put("producer_surplus_change", e.producerSurplusChange(base, r));
            m.put("welfare_change", welfare(e.welfareChange(base, r)));   // the region's accounts (docs/market-model.md, "Welfare by region")
            regions.add(m);
        }
        o.put("regions", regions);
        List<Map<String, Object>> flows = new ArrayList<>();
        for (String a : s.regionIds()) {
            for (String b : s.regionIds()) {
                if (a.equals(b)) continue;
                double f0 = base.flow(a, b);
                double f1 = e.flow(a, b);
                if (f0 == 0 && f1 == 0) continue;
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("from", a);
                f.put("to", b);
                f.put("flow", pair(f0, f1));
                f.put("levy", e.levy(a, b));
                flows.add(f);
            }
        }
        o.put("flows", flows);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("levy_revenue", pair(base.levyRevenue(), e.levyRevenue()));
        t.put("tariff_revenue", pair(base.tariffRevenue(), e.tariffRevenue()));
        t.put("subsidy_outlay", pair(base.subsidyOutlay(), e.subsidyOutlay()));
        t.put("export_tax_revenue", pair(base.exportTaxRevenue(), e.exportTaxRevenue()));
        t.put("quota_rents", pair(base.quotaRents(), e.quotaRents()));
        t.put("offtake_transfers", pair(base.offtakeTransfers(), e.offtakeTransfers()));
        // the figures of instruments added since (each instrument's totals hook names its own), and those an instrument
        // reports only when the scenario uses it (stock_sales and stock_purchases with a stockpile), in the scenario
        // or only in the baseline (a scenario that drops the baseline's release)
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(e.instrumentTotals().keySet());
        keys.addAll(base.instrumentTotals().keySet());
        for (String k : keys) {
            if (!t.containsKey(k)) t.put(k, pair(base.instrumentTotals().getOrDefault(k, 0.0), e.instrumentTotals().getOrDefault(k, 0.0)));
        }
        t.put("hhi", pair(base.hhi(), e.hhi()));
        t.put("non_member_share_of_club_supply", pair(nan(base.nonMemberShareOfSupply(s.club())), nan(e.nonMemberShareOfSupply(s.club()))));
        o.put("totals", t);
        o.put("welfare_change", welfare(e.welfareChange(base)));   // the world's: the regions' accounts summed
        List<String> warnings = new ArrayList<>();
        for (String w : base.warnings()) warnings.add("baseline: " + w);
        warnings.addAll(e.warnings());
        if (!warnings.isEmpty()) o.put("warnings", warnings);
        if (!e.notes().isEmpty()) o.put("notes", e.notes());
        o.put("solver", ordered("residual", e.residual(), "pivots", e.pivots(), "iterations", e.iterations(),
                "baseline_residual", base.residual(), "baseline_pivots", base.pivots()));
        if (!s.madeFrom().isEmpty()) o.put("made_from", s.madeFrom()); // to make it again (docs/scenario-format.md)
        return o;
    }

    /**
     * A welfare change by account (Equilibrium.Welfare), in the money unit: consumer and producer surplus, public revenue net of
     * price-gap subsidies, export-quota rents, the stockpile agency's sales − purchases, offtake contracts' margins, and
     * their sum.
     */
    static Map<String, Object> welfare(Equilibrium.Welfare w) {
        return ordered("consumer", w.consumer(), "producer", w.producer(), "public_revenue", w.government(), "quota_rents", w.quotaRents(),
                "stockpile", w.stockpile(), "offtakes", w.offtakes(), "total", w.total());
    }

    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /**
     * A map of {@code key, value} pairs in the order given. JSON is written in a map's iteration order, and {@code Map.of}'s
     * changes from one run to the next: the same answer came out with its keys shuffled (a diff or a checksum of two runs
     * differed).
     */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    private static Map<String, Object> pair(Object baseline, Object scenario) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseline", baseline);
        m.put("scenario", scenario);
        return m;
    }


    /**
     * The unit of money figures (surplus, revenue, outlays), which are price × quantity: "thousand USD" for USD/kg × t
     * (1 USD/kg × 1 t = 1,000 USD), "USD" for USD/kg × kg and USD/t × t — also when the quantity names its basis, as
     * lithium's USD/t × t LCE (the price is per tonne of LCE) —, otherwise the product spelled out. The CLI and the web
     * application both name money with it.
     */
    /**
     * A path's, a Monte Carlo's or a sensitivity's map with the scenario's units after its own keys: {@code units:
     * {price, quantity, money}}, then what it was made from ({@link Scenario#madeFrom()}: the regime's id, version and
     * fingerprint, the scenario text's SHA-256), as the API answers and the command line prints them.
     */
    public static Map<String, Object> withUnits(Map<String, Object> result, Scenario s) {
        Map<String, Object> out = new LinkedHashMap<>(result);
        Map<String, Object> units = new LinkedHashMap<>();
        units.put("price", s.priceUnit());
        units.put("quantity", s.quantityUnit());
        units.put("money", moneyUnit(s.priceUnit(), s.quantityUnit()));
        out.put("units", units);
        // what it was made from, to make it again (docs/scenario-format.md, "What a result was made from")
        if (!s.madeFrom().isEmpty()) out.put("made_from", s.madeFrom());
        return out;
    }

    public static String moneyUnit(String priceUnit, String quantityUnit) {
        String[] pu = priceUnit.split("/", 2);
        if (pu.length == 2) {
            String cur = pu[0].trim();
            String per = pu[1].trim();
            String quantity = quantityUnit.trim().split("\\s+", 2)[0]; // "t LCE": tonnes of LCE
            if (per.equals(quantityUnit) || per.equals(quantity)) return cur;
            if (per.equals("kg") && quantity.equals("t")) return "thousand " + cur;
        }
        return priceUnit + " × " + quantityUnit;
    }
}
