package lodestone.exposure.company;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exposure report as a JSON tree (maps, lists, BigDecimals, strings): what {@code lodestone exposure --json}
 * prints and the API answers, and what the HTML and CSV reports are written from — one set of figures.
 */
public final class ExposureJson {
    private ExposureJson() { }

    public static Map<String, Object> of(Exposure.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("company", r.company());
        m.put("date", r.date().toString());
        m.put("scenarios", r.scenarios());
        m.put("totals", new LinkedHashMap<>(r.totals()));
        List<Map<String, Object>> products = new ArrayList<>();
        for (Exposure.ProductResult p : r.products()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("product", p.product());
            x.put("scenario", p.scenario());
            x.put("annual_cost", p.annualCost());
            x.put("unit_cost", p.unitCost());
            if (!p.warnings().isEmpty()) x.put("warnings", p.warnings());
            products.add(x);
        }
        m.put("products", products);
        m.put("minerals_kg_per_year", r.mineralsKgPerYear());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Exposure.LineResult l : r.lines()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("line", l.line());
            x.put("scenario", l.scenario());
            x.put("status", l.status());
            x.put("origin", l.origin());
            x.put("supplier", l.supplier());
            x.put("hts", l.hts());
            x.put("quantity", l.quantity());
            x.put("unit", l.unit());
            x.put("currency", l.currency());
            x.put("average_price", l.averagePrice());
            x.put("goods_cost", l.goodsCost());
            x.put("customs_value_usd", l.customsValueUsd());
            x.put("duty", l.duty());
            x.put("freight", l.freight());
            x.put("landed_cost", l.landedCost());
            x.put("landed_per_unit", l.landedPerUnit());
            List<Map<String, Object>> d = new ArrayList<>();
            for (Exposure.Duty du : l.duties()) {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("measure", du.measure());
                y.put("type", du.type());
                y.put("amount", du.amount());
                d.add(y);
            }
            x.put("duties", d);
            x.put("documents", l.documents());
            x.put("prohibitions", l.prohibitions());
            x.put("entity_listed", l.entityListed());
            x.put("origin_check", l.originCheck());
            x.put("contract", l.contract());
            x.put("contract_terms", contractTerms(l.contractUse()));
            x.put("warnings", l.warnings());
            lines.add(x);
        }
        m.put("lines", lines);
        List<Map<String, Object>> alts = new ArrayList<>();
        for (Exposure.Alternative a : r.alternatives()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("line", a.line());
            x.put("origin", a.origin());
            x.put("preference", a.preference());
            x.put("price", a.price());
            x.put("duty", a.duty());
            x.put("landed_cost", a.landedCost());
            x.put("saving", a.saving());
            x.put("note", a.note());
            alts.add(x);
        }
        m.put("alternatives", alts);
        m.put("warnings", r.warnings());
        return m;
    }

    /** How a line's contract applied (docs/exposure-format.md, "Contract volume"); null without a contract. */
    static Map<String, Object> contractTerms(Exposure.ContractUse u) {
        if (u == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("contract", u.contract());
        m.put("type", u.type());
        m.put("volume_per_year", u.volumePerYear());
        m.put("quantity_per_month", u.monthlyQuantity());
        m.put("contract_quantity_per_month", u.perMonth());
        m.put("covered_share", u.coveredShare());
        m.put("months", u.months().stream().map(Object::toString).toList());
        m.put("contract_quantity", u.contractQuantity());
        m.put("spot_quantity", u.spotQuantity());
        return m;
    }

    /**
     * The contract's terms in words, as the command line and the HTML report print them: "jp-fixed-2026 (fixed): volume 60000 kg
     * a year = 5000 kg a month of the 7500 kg bought a month (66.67 %), on its terms in 7 of the 12 months (2026-03 to 2026-09):
     * 35000 kg; at spot: 55000 kg".
     */
    public static String contractTerms(Exposure.ContractUse u, String unit) {
        String months = u.months().isEmpty() ? "in none of the 12 months (its dates are outside them)"
                : "in " + u.months().size() + " of the 12 months (" + u.months().get(0)
                + (u.months().size() > 1 ? " to " + u.months().get(u.months().size() - 1) : "") + ")";
        String volume = u.volumePerYear() == null ? "no volume: the whole " + plain(u.monthlyQuantity()) + " " + unit + " bought a month"
                : "volume " + plain(u.volumePerYear()) + " " + unit + " a year = " + plain(u.perMonth()) + " " + unit + " a month of the "
                + plain(u.monthlyQuantity()) + " " + unit + " bought a month (" + plain(u.coveredShare().movePointRight(2)) + " %)";
        return u.contract() + " (" + u.type() + "): " + volume + ", on its terms " + months + ": " + plain(u.contractQuantity()) + " " + unit
                + "; at spot: " + plain(u.spotQuantity()) + " " + unit;
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    /** A money or quantity figure as the reports print it: plain digits, no exponent; "" for none. */
    public static String figure(Object v) {
        if (v == null) return "";
        if (v instanceof BigDecimal b) return b.toPlainString();
        return String.valueOf(v);
    }
}
