package lodestone.exposure.company;

import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static lodestone.report.Html.escape;

/**
 * The year-by-year exposure ({@link ExposureYears}) as a JSON tree — what {@code lodestone exposure --years … --json} prints and
 * {@code POST /api/exposure/years} answers — and the CSV and printable HTML written from that tree, so all give one set of figures.
 */
public final class ExposureYearsJson {
    private ExposureYearsJson() { }

    public static Map<String, Object> of(ExposureYears.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("company", r.company());
        m.put("date", r.date().toString());
        // the years asked, and each one's months: a fiscal year (fiscal_start 1-12) is named by the calendar year it ends in
        ExposureYears.Span sp = r.span();
        List<Map<String, Object>> periods = new ArrayList<>();
        for (int y = sp.from(); y <= sp.to(); y++) {
            periods.add(ordered("year", y, "label", sp.label(y), "first_month", sp.first(y).toString(), "last_month", sp.last(y).toString()));
        }
        m.put("years", ordered("from", r.from(), "to", r.to(), "fiscal_start", sp.fiscal() ? sp.fiscalStart() : null, "periods", periods));
        m.put("scenarios", r.scenarios());
        Map<String, Object> totals = new LinkedHashMap<>();
        r.totals().forEach((k, v) -> {
            Map<String, Object> y = new LinkedHashMap<>();
            v.forEach((year, t) -> y.put(String.valueOf(year), t));
            totals.put(k, y);
        });
        m.put("totals", totals);
        List<Map<String, Object>> products = new ArrayList<>();
        for (ExposureYears.ProductYear p : r.products()) {
            Map<String, Object> x = ordered("product", p.product(), "scenario", p.scenario(), "year", p.year(), "annual_cost", p.annualCost(),
                    "unit_cost", p.unitCost());
            if (!p.warnings().isEmpty()) x.put("warnings", p.warnings());
            products.add(x);
        }
        m.put("products", products);
        List<Map<String, Object>> prices = new ArrayList<>();
        for (ExposureYears.MarketPrices p : r.marketPrices()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("market", p.market());
            x.put("scenario", p.scenario());
            x.put("path", p.path());
            x.put("price_unit", p.priceUnit());
            x.put("anchor_year", p.anchorYear());
            x.put("anchor_price", p.anchorPrice());
            Map<String, Object> ys = new LinkedHashMap<>();
            p.usPrice().forEach((y, v) -> ys.put(String.valueOf(y), v));
            x.put("us_price", ys);
            prices.add(x);
        }
        m.put("market_prices", prices);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ExposureYears.YearLine l : r.lines()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("line", l.line());
            x.put("scenario", l.scenario());
            x.put("year", l.year());
            x.put("status", l.status());
            x.put("origin", l.origin());
            x.put("supplier", l.supplier());
            x.put("hts", l.hts());
            x.put("quantity", l.quantity());
            x.put("unit", l.unit());
            x.put("currency", l.currency());
            x.put("market_price", l.marketPrice());
            x.put("average_price", l.averagePrice());
            x.put("goods_cost", l.goodsCost());
            x.put("customs_value_usd", l.customsValueUsd());
            x.put("duty", l.duty());
            x.put("freight", l.freight());
            x.put("landed_cost", l.landedCost());
            List<Map<String, Object>> d = new ArrayList<>();
            for (Exposure.Duty du : l.duties()) d.add(ordered("measure", du.measure(), "type", du.type(), "amount", du.amount()));
            x.put("duties", d);
            x.put("contract", l.contract());
            x.put("contract_quantity", l.contractQuantity());
            x.put("warnings", l.warnings());
            ExposureYears.YearAlternative a = l.cheapestAlternative();
            x.put("cheapest_alternative", a == null ? null : ordered("origin", a.origin(), "preference", a.preference(), "average_price", a.averagePrice(),
                    "duty", a.duty(), "landed_cost", a.landedCost(), "saving", a.saving(), "note", a.note(), "same_for", a.sameFor(), "warnings", a.warnings()));
            lines.add(x);
        }
        m.put("lines", lines);
        m.put("warnings", r.warnings());
        return m;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    public static final List<String> CSV_COLUMNS = List.of("year", "line", "scenario", "status", "origin", "supplier", "hts", "quantity", "unit",
            "currency", "market_price", "average_price", "goods_cost", "customs_value_usd", "duty", "freight", "landed_cost", "contract",
            "contract_quantity", "warnings", "alternative_origin", "alternative_landed_cost", "alternative_saving");

    /**
     * One row per line, scenario and year (year first: a spreadsheet pivots it by year), with the line's cheapest alternative that
     * year (its origin, landed cost and saving; empty when it has none); cells safe against formula injection.
     */
    @SuppressWarnings("unchecked")
    public static void csv(Map<String, Object> json, Writer out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> l : (List<Map<String, Object>>) json.get("lines")) {
            Map<String, Object> row = new LinkedHashMap<>(l);
            Map<String, Object> a = (Map<String, Object>) l.get("cheapest_alternative");
            if (a != null) {
                row.put("alternative_origin", a.get("origin"));
                row.put("alternative_landed_cost", a.get("landed_cost"));
                row.put("alternative_saving", a.get("saving"));
            }
            rows.add(row);
        }
        ExposureReport.csv(Map.of("lines", rows), out, CSV_COLUMNS);
    }

    /** The printable page: totals by scenario and year, the model's prices, then a table of lines per year; every text escaped. */
    @SuppressWarnings("unchecked")
    public static String html(Map<String, Object> json) {
        StringBuilder h = new StringBuilder();
        String company = String.valueOf(json.get("company"));
        Map<String, Object> years = (Map<String, Object>) json.get("years");
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Exposure by year — ").append(escape(company)).append("</title>\n")
                .append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0}"
                        + "th,td{border:1px solid #bbb;padding:3px 6px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}"
                        + ".warn{color:#a40}h2{margin-top:1.6em}@media print{body{margin:0}h2{page-break-after:avoid}}</style></head><body>\n");
        List<Map<String, Object>> periods = (List<Map<String, Object>>) years.get("periods");
        Map<String, String> label = new LinkedHashMap<>();
        for (Map<String, Object> p : periods) label.put(String.valueOf(p.get("year")), String.valueOf(p.get("label")));
        String first = label.values().iterator().next(), last = new ArrayList<>(label.values()).get(label.size() - 1);
        h.append("<h1>Exposure of ").append(escape(company)).append(", ").append(escape(first.equals(last) ? first : first + "–" + last)).append("</h1>\n<p>")
                .append("Prices of the file as of ").append(escape(String.valueOf(json.get("date"))));
        if (years.get("fiscal_start") != null) {
            h.append("; fiscal years named by the calendar year they end in (").append(escape(periods.stream().map(p -> p.get("label") + ": "
                    + p.get("first_month") + " to " + p.get("last_month")).collect(java.util.stream.Collectors.joining("; ")))).append(")");
        }
        h.append("; each year twelve monthly purchases, each assessed at the border on its date; a month takes the model's price of its calendar year. "
                        + "Amounts in US dollars. Generated by Lodestone ")
                .append("from the same figures as <code>lodestone exposure --years … --json</code>.</p>\n");
        Map<String, Object> totals = (Map<String, Object>) json.get("totals");
        List<String> ys = new ArrayList<>();
        for (int y = (Integer) years.get("from"); y <= (Integer) years.get("to"); y++) ys.add(String.valueOf(y));
        h.append("<h2>Total landed cost by scenario and year</h2>\n<table id=\"totals\"><tr><th>scenario</th>");
        for (String y : ys) h.append("<th>").append(escape(label.get(y))).append("</th>");
        h.append("</tr>\n");
        for (Map.Entry<String, Object> t : totals.entrySet()) {
            h.append("<tr><td>").append(escape(t.getKey())).append("</td>");
            Map<String, Object> byYear = (Map<String, Object>) t.getValue();
            for (String y : ys) h.append("<td class=\"n\">").append(escape(ExposureJson.figure(byYear.get(y)))).append("</td>");
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        List<String> w = (List<String>) json.get("warnings");
        if (!w.isEmpty()) {
            h.append("<ul class=\"warn\" id=\"warnings\">\n");
            for (String s : w) h.append("<li>").append(escape(s)).append("</li>\n");
            h.append("</ul>\n");
        }
        List<Map<String, Object>> products = (List<Map<String, Object>>) json.get("products");
        if (!products.isEmpty()) {
            h.append("<h2>Products</h2>\n<table id=\"products\"><tr><th>product</th><th>scenario</th><th>year</th><th>annual cost</th><th>unit cost</th>"
                    + "<th>notes</th></tr>\n");
            for (Map<String, Object> p : products) {
                h.append("<tr><td>").append(escape(String.valueOf(p.get("product")))).append("</td><td>").append(escape(String.valueOf(p.get("scenario"))))
                        .append("</td><td>").append(escape(label.getOrDefault(String.valueOf(p.get("year")), String.valueOf(p.get("year")))))
                        .append("</td><td class=\"n\">").append(escape(ExposureJson.figure(p.get("annual_cost"))))
                        .append("</td><td class=\"n\">").append(escape(ExposureJson.figure(p.get("unit_cost"))))
                        .append("</td><td>").append(escape(p.containsKey("warnings") ? String.join("; ", (List<String>) p.get("warnings")) : ""))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        List<Map<String, Object>> prices = (List<Map<String, Object>>) json.get("market_prices");
        if (!prices.isEmpty()) {
            h.append("<h2>The model's US prices (by calendar year)</h2>\n<table id=\"market-prices\"><tr><th>market</th><th>scenario</th><th>path</th><th>anchor</th>");
            List<String> cal = new ArrayList<>(((Map<String, Object>) prices.get(0).get("us_price")).keySet());
            for (String y : cal) h.append("<th>").append(escape(y)).append("</th>");
            h.append("</tr>\n");
            for (Map<String, Object> p : prices) {
                h.append("<tr><td>").append(escape(String.valueOf(p.get("market")))).append("</td><td>").append(escape(String.valueOf(p.get("scenario"))))
                        .append("</td><td>").append(escape(String.valueOf(p.get("path")))).append("</td><td class=\"n\">")
                        .append(escape(p.get("anchor_year") + ": " + ExposureJson.figure(p.get("anchor_price")) + " " + p.get("price_unit"))).append("</td>");
                Map<String, Object> up = (Map<String, Object>) p.get("us_price");
                for (String y : cal) h.append("<td class=\"n\">").append(escape(ExposureJson.figure(up.get(y)))).append("</td>");
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        for (String y : ys) {
            h.append("<h2>").append(escape(label.get(y))).append("</h2>\n<table class=\"year\" data-year=\"").append(escape(y)).append("\"><tr><th>line</th><th>scenario</th>"
                    + "<th>status</th><th>average price</th><th>goods cost</th><th>customs value</th><th>duty</th><th>landed cost</th>"
                    + "<th>cheapest alternative</th><th>its landed cost</th><th>saving</th><th>warnings</th></tr>\n");
            for (Map<String, Object> l : (List<Map<String, Object>>) json.get("lines")) {
                if (!y.equals(String.valueOf(l.get("year")))) continue;
                h.append("<tr><td>").append(escape(String.valueOf(l.get("line")))).append("</td><td>").append(escape(String.valueOf(l.get("scenario"))))
                        .append("</td><td>").append(escape(String.valueOf(l.get("status"))))
                        .append("</td><td class=\"n\">").append(escape(ExposureJson.figure(l.get("average_price")) + " " + l.get("currency") + "/" + l.get("unit")))
                        .append("</td><td class=\"n\">").append(escape(ExposureJson.figure(l.get("goods_cost")) + " " + l.get("currency")))
                        .append("</td><td class=\"n\">").append(escape(ExposureJson.figure(l.get("customs_value_usd"))))
                        .append("</td><td class=\"n\">").append(escape(ExposureJson.figure(l.get("duty"))))
                        .append("</td><td class=\"n\">").append(escape(ExposureJson.figure(l.get("landed_cost"))));
                Map<String, Object> a = (Map<String, Object>) l.get("cheapest_alternative");
                h.append("</td><td>").append(escape(a == null ? "" : a.get("origin") + (a.get("preference") == null ? "" : " (" + a.get("preference") + ")") + ": " + a.get("note")))
                        .append("</td><td class=\"n\">").append(escape(a == null ? "" : ExposureJson.figure(a.get("landed_cost"))))
                        .append("</td><td class=\"n\">").append(escape(a == null ? "" : ExposureJson.figure(a.get("saving"))));
                h.append("</td><td class=\"warn\">").append(escape(String.join("; ", (List<String>) l.get("warnings")))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    /** The total of a scenario in a year, from the tree (null when absent). */
    @SuppressWarnings("unchecked")
    public static BigDecimal total(Map<String, Object> json, String scenario, int year) {
        Map<String, Object> t = (Map<String, Object>) ((Map<String, Object>) json.get("totals")).get(scenario);
        return t == null ? null : (BigDecimal) t.get(String.valueOf(year));
    }
}
