package lodestone.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static lodestone.report.Figures.NONE;
import static lodestone.report.Figures.about;
import static lodestone.report.Figures.fixed;
import static lodestone.report.Figures.share;
import static lodestone.report.Figures.usd;
import static lodestone.report.Html.escape;

/**
 * A saved result ({@link SavedResult}) as a printable, self-contained HTML page to hand on: what was asked, the answer in
 * tables (and inline SVG charts where they help), the warnings at the top where they cannot be missed, and the provenance
 * (Lodestone's version, the regime and its version where the result records them, when the result was made and when the
 * report was generated, the SHA-256 of the file read). The page loads nothing — no script, font or image from anywhere —
 * and its own Content-Security-Policy forbids scripts, so it can be opened from a disk or a mail safely. Every text
 * reaches it through {@link Html#escape}.
 */
public final class ResultReport {
    /** The policy the report's page carries in a meta element, and the API sends with it: styles inline, nothing else. */
    public static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private static final String STYLE = "body{font:13px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:60em;color:#111;padding:0 1em}"
            + "h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .4em;border-bottom:1px solid #ccc}h3{font-size:1em;margin:1.2em 0 .3em}"
            + "table{border-collapse:collapse;margin:.5em 0 1em;width:auto}th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}"
            + "th{background:#f2f2f2}th.n{text-align:right}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}table.kv th{width:14em}"
            + ".sub{color:#555;margin:0}.warnings{border:2px solid #a40;background:#fff4e5;padding:.4em 1em;margin:1em 0}.warnings h2{border:0;color:#a40;margin:.3em 0}"
            + ".prohibited{border-color:#a00;background:#fde8e8}.big{font-size:1.3em;font-weight:600}.trail li{margin:.15em 0}.tag{font-family:monospace;color:#444}"
            + "svg.chart{max-width:100%;height:auto;display:block;margin:.5em 0}footer{margin-top:2em;color:#333}"
            + "@media print{body{margin:0;max-width:none;font-size:11px}h2,h3{break-after:avoid}table,svg,.warnings{break-inside:avoid}a{color:inherit}}";

    private final SavedResult saved;
    private final At r;
    private final StringBuilder h = new StringBuilder();
    private final List<String> warnings = new ArrayList<>();
    private final List<String[]> asked = new ArrayList<>();
    private final List<String[]> provenance = new ArrayList<>();
    private final StringBuilder answer = new StringBuilder();
    private String title;
    private String regime;
    private String regimeVersion;

    private ResultReport(SavedResult saved) {
        this.saved = saved;
        this.r = new At(saved.result(), "", saved.source() + ": not a complete " + saved.kind().title);
    }

    /** The report's HTML, generated now by this Lodestone. */
    public static String html(SavedResult saved) {
        return html(saved, version(), Instant.now());
    }

    /** The report's HTML with the provenance given (tests fix the time). */
    public static String html(SavedResult saved, String lodestoneVersion, Instant generatedAt) {
        return new ResultReport(saved).render(lodestoneVersion, generatedAt);
    }

    /** This Lodestone's version (the build's), for the provenance. */
    public static String version() {
        try (InputStream in = ResultReport.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            String v = p.getProperty("version");
            return v == null || v.contains("${") ? "development build" : v;
        } catch (IOException e) {
            return "development build";
        }
    }

    private String render(String lodestoneVersion, Instant generatedAt) {
        switch (saved.kind()) {
            case ASSESSMENT -> assessment();
            case ENTRY -> entry();
            case SCENARIO_RUN -> scenarioRun();
            case PATH -> path();
            case MONTECARLO -> monteCarlo();
            case SEEK -> seek();
            case SENSITIVITY -> sensitivity();
            case VALUATION -> valuation();
            case FLOORS -> floors();
            case RANKING -> ranking();
            case BULK_JOB -> bulkJob();
            case WHATIF_SHIPMENT -> whatIfShipment();
            case WHATIF_ENTRY -> whatIfEntry();
            case WHATIF_FILE -> whatIfFile();
            case STOCKPILE_COVER -> cover();
            case STOCKPILE_RELEASE -> release();
        }
        At w = saved.wrapper() == null ? null : new At(saved.wrapper(), "", saved.source() + ": not a complete answer holding a " + saved.kind().title);
        if (w != null) {
            for (String s : w.textsOrNone("warnings")) if (!warnings.contains(s)) warnings.add(s); // an answer's own, said once
            if (w.has("regime") && regime == null) regime = w.textOrNull("regime");
            if (w.has("regime_version")) regimeVersion = w.textOrNull("regime_version");
        }
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(escape(CSP)).append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"")
                .append(escape("Lodestone " + lodestoneVersion)).append("\">\n<title>").append(escape("Lodestone report — " + title)).append("</title>\n<style>")
                .append(STYLE).append("</style></head>\n<body data-kind=\"").append(escape(saved.kind().key())).append("\">\n<header><h1>")
                .append(escape(title)).append("</h1>\n<p class=\"sub\">").append(escape("Reported by Lodestone from a saved " + saved.kind().title + " ("
                        + saved.kind().command + "). Generated " + generatedAt.truncatedTo(ChronoUnit.SECONDS) + "."))
                .append("</p></header>\n");
        if (!warnings.isEmpty()) {
            boolean prohibited = (saved.kind() == SavedResult.Kind.ASSESSMENT || saved.kind() == SavedResult.Kind.ENTRY)
                    && "prohibited".equals(saved.result().path("status").asText());
            h.append("<section class=\"warnings").append(prohibited ? " prohibited" : "").append("\" id=\"warnings\"><h2>Warnings (").append(warnings.size()).append(")</h2>\n<ul>\n");
            for (String s : warnings) h.append("<li>").append(escape(s)).append("</li>\n");
            h.append("</ul></section>\n");
        }
        h.append("<section id=\"asked\"><h2>What was asked</h2>\n");
        if (w != null) {
            for (String k : List.of("id", "scenario", "kind", "subject", "file_name", "actor", "at")) {
                if (w.has(k) && w.node.get(k).isValueNode()) asked.add(new String[]{wrapperLabel(k), w.textOrNull(k)});
            }
            for (String k : List.of("request", "parameters")) {
                if (!w.has(k) || !w.node.get(k).isObject()) continue;
                for (Map.Entry<String, At> e : w.obj(k).fields()) asked.add(new String[]{k + ": " + e.getKey(), At.plain(e.getValue().node)});
            }
        }
        h.append(kv("asked-table", asked)).append("</section>\n");
        h.append("<section id=\"answer\"><h2>The answer</h2>\n").append(answer).append("</section>\n");
        provenance.addFirst(new String[]{"Lodestone", lodestoneVersion});
        provenance.add(new String[]{"Regime", regime == null ? "not recorded in this result (a " + saved.kind().title + " does not name one)" : regime});
        provenance.add(new String[]{"Regime version", regimeVersion != null ? regimeVersion
                : saved.kind() == SavedResult.Kind.ASSESSMENT || saved.kind() == SavedResult.Kind.ENTRY
                ? "not recorded in this result (its ledger entry, GET /api/assessments/ID, records it)"
                : "not recorded in this result"});
        if (w != null && w.has("created_at")) provenance.add(new String[]{"Result made", w.textOrNull("created_at")});
        provenance.add(new String[]{"Report generated", generatedAt.truncatedTo(ChronoUnit.SECONDS).toString()});
        provenance.add(new String[]{"Read from", saved.source()});
        if (saved.sha256() != null) provenance.add(new String[]{"SHA-256 of what was read", saved.sha256()});
        // the same JSON as a web page's "Download JSON" saves it (indented): the file a reader of a page-made report may hold
        if (saved.pageSha256() != null) provenance.add(new String[]{"SHA-256 as saved by Download JSON (indented)", saved.pageSha256()});
        h.append("<footer id=\"provenance\"><h2>Provenance</h2>\n").append(kv("provenance-table", provenance))
                .append("<p>").append(escape("The figures are the saved result's, unchanged; rounded for display only. Run the command again to check them.")).append("</p></footer>\n");
        return h.append("</body></html>\n").toString();
    }

    private static String wrapperLabel(String k) {
        return switch (k) {
            case "id" -> "Stored as (id)";
            case "at" -> "At";
            case "actor" -> "By";
            case "file_name" -> "File";
            default -> Character.toUpperCase(k.charAt(0)) + k.substring(1);
        };
    }

    // ---------------------------------------------------------------- the kinds

    private void assessment() {
        String status = r.text("status");
        title = "Assessment: " + r.text("hts") + " from " + r.text("origin") + ", entered " + r.text("date");
        regime = r.textOrNull("regime");
        regimeVersion = r.textOrNull("regime_version"); // absent from a result saved before results named it
        ask("Line", r.textOrNull("line_id"));
        ask("HTS code", r.text("hts"));
        ask("Origin", r.text("origin"));
        ask("Entry date", r.text("date"));
        ask("Customs value", r.has("customs_value") ? usd(r.num("customs_value")) + " (" + r.textOrNull("currency") + ")" : null);
        ask("Regime", regime);
        List<String> prohibitions = r.texts("prohibitions");
        for (String p : prohibitions) warnings.add("Prohibited: " + p);
        warnings.addAll(r.texts("warnings"));
        boolean prohibited = status.equals("prohibited");
        answer.append(kv("figures", List.of(
                new String[]{"Status", status},
                new String[]{"Total duty", prohibited ? "none given for a prohibited line" : usd(r.numOrNull("total_duty"))},
                new String[]{"Effective rate", prohibited ? NONE : Figures.percent(r.numOrNull("effective_rate"), 2)},
                new String[]{"Landed cost", prohibited ? NONE : usd(r.numOrNull("landed_cost"))})));
        lineDetail(r, prohibited, "");
    }

    /**
     * One assessed line's measures with their legal base, its documents and its trail. {@code suffix} keeps the element
     * ids of an entry's lines apart (measures-2, trail-2).
     */
    private void lineDetail(At r, boolean prohibited, String suffix) {
        List<String[]> rows = new ArrayList<>();
        for (At m : r.objects("measures")) {
            rows.add(new String[]{m.has("title") ? m.text("title") : m.text("measure"), m.text("id"), m.textOrNull("type"), usd(m.num("amount")),
                    m.text("calculation"), m.text("legal_base")});
        }
        answer.append("<h3>Measures that apply</h3>\n");
        answer.append(rows.isEmpty() ? "<p id=\"measures" + suffix + "\">" + escape(prohibited ? "None: the line is prohibited, and no duty figures are given for it."
                : "No duty applies.") + "</p>\n"
                : table("measures" + suffix, new String[]{"measure", "heading", "type", "amount", "calculation", "legal base"}, Set.of(3), rows));
        List<String> docs = r.texts("documents_required");
        answer.append("<p id=\"documents" + suffix + "\"><b>Documents required:</b> ").append(escape(docs.isEmpty() ? "none" : String.join(", ", docs))).append("</p>\n");
        answer.append("<h3>Calculation trail: every measure considered, in evaluation order</h3>\n<ol class=\"trail\" id=\"trail" + suffix + "\">\n");
        for (At t : r.objects("trail")) {
            answer.append("<li><span class=\"tag\">").append(escape(t.textOrNull("series") + " " + t.text("outcome"))).append("</span> ")
                    .append(escape(t.text("text"))).append("</li>\n");
        }
        answer.append("</ol>\n");
    }

    /** A customs entry of several lines: its totals, its lines, the duty by measure, then each line as an assessment's. */
    private void entry() {
        String status = r.text("status");
        boolean prohibited = status.equals("prohibited");
        List<At> lines = r.objects("lines");
        title = "Customs entry: " + lines.size() + (lines.size() == 1 ? " line" : " lines") + ", entered " + r.text("date");
        regime = r.textOrNull("regime");
        regimeVersion = r.textOrNull("regime_version");
        ask("Entry date", r.text("date"));
        ask("Lines", String.valueOf(lines.size()));
        ask("Currency of the values", r.textOrNull("currency"));
        ask("Regime", regime);
        for (String p : r.texts("prohibitions")) warnings.add("Prohibited: " + p);
        warnings.addAll(r.texts("warnings"));
        answer.append(kv("figures", List.of(
                new String[]{"Status", status},
                new String[]{"Customs value", usd(r.numOrNull("customs_value"))},
                new String[]{"Total duty", prohibited ? "none given: a line of the entry is prohibited" : usd(r.numOrNull("total_duty"))},
                new String[]{"Effective rate", prohibited ? NONE : Figures.percent(r.numOrNull("effective_rate"), 2)},
                new String[]{"Landed cost", prohibited ? NONE : usd(r.numOrNull("landed_cost"))})));
        List<String[]> rows = new ArrayList<>();
        for (At l : lines) {
            boolean off = "prohibited".equals(l.text("status"));
            rows.add(new String[]{l.text("line_id"), l.text("hts"), l.text("origin"), usd(l.num("customs_value")),
                    off ? NONE : usd(l.numOrNull("total_duty")), off ? NONE : Figures.percent(l.numOrNull("effective_rate"), 2), l.text("status")});
        }
        answer.append("<h3>Lines</h3>\n").append(table("lines", new String[]{"line", "HTS code", "origin", "customs value", "duty", "rate", "status"},
                Set.of(3, 4, 5), rows));
        List<String[]> byMeasure = new ArrayList<>();
        for (At m : r.objects("duty_by_measure")) {
            byMeasure.add(new String[]{m.text("id"), m.textOrNull("title"), m.textOrNull("series"), usd(m.num("amount")), String.join(", ", m.texts("lines"))});
        }
        answer.append("<h3>Duty by measure</h3>\n").append(byMeasure.isEmpty()
                ? "<p id=\"duty-by-measure\">" + escape(prohibited ? "None: a line of the entry is prohibited." : "No duty applies.") + "</p>\n"
                : table("duty-by-measure", new String[]{"measure", "title", "series", "amount", "lines"}, Set.of(3), byMeasure));
        List<String> docs = r.texts("documents_required");
        answer.append("<p id=\"entry-documents\"><b>Documents required for the entry:</b> ").append(escape(docs.isEmpty() ? "none" : String.join(", ", docs)))
                .append("</p>\n");
        for (int i = 0; i < lines.size(); i++) {
            At l = lines.get(i);
            answer.append("<h3>").append(escape("Line " + l.text("line_id") + ": " + l.text("hts") + " from " + l.text("origin"))).append("</h3>\n");
            lineDetail(l, "prohibited".equals(l.text("status")), "-" + (i + 1));
        }
    }

    private void scenarioRun() {
        title = "Scenario run: " + r.text("scenario") + " against " + r.text("baseline");
        String status = r.text("status");
        if (!status.equals("solved")) warnings.add("No equilibrium: the run's status is " + status + (r.has("reason") ? " (" + r.textOrNull("reason") + ")" : ""));
        warnings.addAll(r.textsOrNone("warnings"));
        ask("Scenario", r.text("scenario"));
        ask("Baseline", r.text("baseline"));
        ask("Product", r.textOrNull("product"));
        ask("Minerals", String.join(", ", r.textsOrNone("minerals")));
        ask("Policies", String.join("; ", r.textsOrNone("policies")));
        At u = r.obj("units");
        String price = u.text("price"), qty = u.text("quantity"), money = u.text("money");
        ask("Units", "prices in " + price + ", quantities in " + qty + ", money in " + money);
        if (!status.equals("solved")) return;
        At t = r.obj("totals");
        List<At> regions = r.objects("regions");
        BigDecimal cs, ps, pub, rents, account, offtakes, total;
        boolean offtake = t.has("offtake_transfers") && (t.obj("offtake_transfers").num("baseline").signum() != 0
                || t.obj("offtake_transfers").num("scenario").signum() != 0);
        if (r.has("welfare_change")) {   // the run's own accounts (docs/market-model.md, "Welfare by region")
            At w = r.obj("welfare_change");
            cs = w.num("consumer");
            ps = w.num("producer");
            pub = w.num("public_revenue");
            rents = w.num("quota_rents");
            account = w.num("stockpile");
            offtakes = w.num("offtakes");
            total = w.num("total");
            offtake |= offtakes.signum() != 0;
        } else {   // a run recorded before it reported them: summed from its figures, without offtake contracts' margins
            cs = BigDecimal.ZERO;
            ps = BigDecimal.ZERO;
            for (At x : regions) {
                cs = cs.add(x.num("consumer_surplus_change"));
                ps = ps.add(x.num("producer_surplus_change"));
            }
            pub = delta(t, "levy_revenue").add(delta(t, "tariff_revenue")).add(delta(t, "export_tax_revenue")).subtract(delta(t, "subsidy_outlay"));
            rents = delta(t, "quota_rents");
            account = delta(t, "stock_sales").subtract(delta(t, "stock_purchases"));
            offtakes = null;
            total = cs.add(ps).add(pub).add(rents).add(account);
            if (offtake) warnings.add("This run was recorded before offtake contracts' margins were counted in the welfare change: its total "
                    + "leaves them out; run it again for them");
        }
        List<String[]> welfare = new ArrayList<>(List.of(new String[]{"Total welfare change", fixed(total, 0) + " " + money},
                new String[]{"Consumer surplus change", fixed(cs, 0) + " " + money}, new String[]{"Producer surplus change", fixed(ps, 0) + " " + money},
                new String[]{"Public revenue net of subsidies (change)", fixed(pub, 0) + " " + money}, new String[]{"Quota rents (change)", fixed(rents, 0) + " " + money},
                new String[]{"Stockpile sales − purchases (change)", fixed(account, 0) + " " + money}));
        if (offtake && offtakes != null) welfare.add(new String[]{"Offtake margins (change)", fixed(offtakes, 0) + " " + money});
        answer.append(kv("welfare", welfare));
        List<String> names = new ArrayList<>();
        List<BigDecimal[]> prices = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        boolean byRegion = !regions.isEmpty() && regions.getFirst().has("welfare_change");   // a run recorded before has none
        for (At x : regions) {
            names.add(x.text("id"));
            prices.add(new BigDecimal[]{x.obj("price").num("baseline"), x.obj("price").num("scenario")});
            rows.add(new String[]{x.text("id"), fixed(x.obj("price").num("baseline"), 2), fixed(x.obj("price").num("scenario"), 2),
                    fixed(x.obj("production").num("baseline"), 0), fixed(x.obj("production").num("scenario"), 0),
                    fixed(x.obj("consumption").num("baseline"), 0), fixed(x.obj("consumption").num("scenario"), 0),
                    fixed(x.obj("net_imports").num("scenario"), 0), share(x.obj("production_share").num("scenario"), 1),
                    fixed(x.num("consumer_surplus_change"), 0), fixed(x.num("producer_surplus_change"), 0)});
            if (byRegion) {
                String[] row = rows.getLast();
                String[] wider = java.util.Arrays.copyOf(row, row.length + 2);
                wider[row.length] = fixed(x.obj("welfare_change").num("public_revenue"), 0);
                wider[row.length + 1] = fixed(x.obj("welfare_change").num("total"), 0);
                rows.set(rows.size() - 1, wider);
            }
        }
        answer.append("<h3>Prices by region (").append(escape(price)).append(")</h3>\n")
                .append(Svg.bars("prices by region, baseline and scenario (" + price + ")", names, List.of("baseline", "scenario"), prices));
        List<String> header = new ArrayList<>(List.of("region", "price baseline", "price scenario", "production baseline",
                "production scenario", "consumption baseline", "consumption scenario", "net imports", "production share", "consumer surplus Δ",
                "producer surplus Δ"));
        if (byRegion) header.addAll(List.of("public revenue Δ", "net welfare Δ"));
        answer.append("<h3>By region</h3>\n").append(table("regions", header.toArray(String[]::new),
                byRegion ? Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) : Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), rows));
        if (byRegion) {
            answer.append("<p>").append(escape("Money in " + money + ", changes against the baseline. A region's public revenue is the duties and "
                    + "levies on its imports and the export taxes on its exports, less the price-gap subsidies its producers receive; its net welfare "
                    + "adds its consumers' and producers' surplus, the rents of its export quotas, its stockpiles' sales − purchases and its offtake "
                    + "contracts' margins. The regions' net welfare adds up to the total welfare change.")).append("</p>\n");
        }
        List<String[]> tot = new ArrayList<>();
        for (Map.Entry<String, At> e : t.fields()) {
            At v = e.getValue();
            boolean shareLike = e.getKey().contains("share");
            // what is not money says its unit: the index, a quantity (the heading says money)
            String name = e.getKey().replace('_', ' ') + (e.getKey().equals("hhi") ? " (index, 0–10,000)" : e.getKey().equals("re_exports") ? " (" + qty + ")" : "");
            tot.add(new String[]{name, shareLike ? share(v.num("baseline"), 1) : about(v.num("baseline")),
                    shareLike ? share(v.num("scenario"), 1) : about(v.num("scenario"))});
        }
        answer.append("<h3>Totals (money in ").append(escape(money)).append(" unless said)</h3>\n")
                .append(table("totals", new String[]{"total", "baseline", "scenario"}, Set.of(1, 2), tot));
        List<String[]> flows = new ArrayList<>();
        for (At f : r.objects("flows")) {
            flows.add(new String[]{f.text("from"), f.text("to"), fixed(f.obj("flow").num("baseline"), 0), fixed(f.obj("flow").num("scenario"), 0),
                    f.has("levy") ? fixed(f.num("levy"), 2) : NONE});
        }
        answer.append("<h3>Trade flows (").append(escape(qty)).append(")</h3>\n")
                .append(table("flows", new String[]{"from", "to", "baseline", "scenario", "levy (" + price + ")"}, Set.of(2, 3, 4), flows));
        solver();
    }

    private static BigDecimal delta(At totals, String k) {
        if (!totals.has(k)) return BigDecimal.ZERO;
        At v = totals.obj(k);
        return v.num("scenario").subtract(v.num("baseline"));
    }

    private void solver() {
        if (!r.has("solver")) return;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, At> e : r.obj("solver").fields()) parts.add(e.getKey().replace('_', ' ') + " " + At.plain(e.getValue().node));
        provenance.add(new String[]{"Solver", String.join(", ", parts)});
    }

    private void path() {
        title = "Scenario path: " + r.text("scenario");
        String status = r.text("status");
        if (!status.equals("solved")) warnings.add("The path was not solved: status " + status + (r.has("reason") ? " (" + r.textOrNull("reason") + ")" : ""));
        warnings.addAll(r.textsOrNone("warnings"));
        ask("Scenario", r.text("scenario"));
        At e = r.obj("expectations");
        ask("Expectations", e.textOrNull("text"));
        if (e.has("converged") && !e.node.get("converged").asBoolean()) {
            warnings.add("The expectations did not converge after " + e.textOrNull("iterations") + " iterations: the projects' decisions are not a fixed point");
        }
        List<At> years = r.objects("years");
        if (years.isEmpty()) return;
        // every year of a path has its year: a row without one is refused at its place (a null year threw NullPointerException)
        ask("Years", years.getFirst().num("year").toPlainString() + "–" + years.getLast().num("year").toPlainString());
        List<String> xs = new ArrayList<>();
        Set<String> priceKeys = new LinkedHashSet<>();
        for (At y : years) {
            xs.add(y.num("year").toPlainString());
            for (Map.Entry<String, At> m : y.obj("metrics").fields()) if (m.getKey().startsWith("price[")) priceKeys.add(m.getKey());
        }
        List<Svg.Series> series = new ArrayList<>();
        for (String k : priceKeys) {
            Double[] v = new Double[years.size()];
            for (int i = 0; i < years.size(); i++) {
                BigDecimal b = years.get(i).obj("metrics").numOrNull(k);
                v[i] = b == null ? null : b.doubleValue();
            }
            series.add(new Svg.Series(k, v));
        }
        answer.append("<h3>Prices by region and year</h3>\n").append(Svg.lines("prices by region and year", xs, List.of(), series));
        // two tables that fit a page: the prices, then the club's and the treasury's figures; the projects built as a list
        List<String> priceCols = new ArrayList<>(List.of("year"));
        priceCols.addAll(priceKeys);
        List<String> more = List.of("club_supply_share", "levy_revenue", "subsidy_outlay", "fiscal_cost", "cumulative_fiscal_cost");
        List<String> moreCols = new ArrayList<>(List.of("year"));
        for (String k : more) moreCols.add(k.replace('_', ' '));
        List<String[]> priceRows = new ArrayList<>(), moreRows = new ArrayList<>();
        StringBuilder built = new StringBuilder();
        for (At y : years) {
            At m = y.obj("metrics");
            List<String> row = new ArrayList<>(List.of(y.num("year").toPlainString()));
            for (String k : priceKeys) row.add(fixed(m.numOrNull(k), 2));
            priceRows.add(row.toArray(String[]::new));
            List<String> mr = new ArrayList<>(List.of(y.num("year").toPlainString()));
            for (String k : more) mr.add(k.contains("share") ? share(m.numOrNull(k), 1) : fixed(m.numOrNull(k), 0));
            moreRows.add(mr.toArray(String[]::new));
            for (String p : y.textsOrNone("projects_built")) {
                built.append("<li>").append(escape(y.num("year").toPlainString() + ": " + p)).append("</li>\n");
            }
        }
        Set<Integer> numeric = new java.util.HashSet<>();
        for (int i = 1; i < Math.max(priceCols.size(), moreCols.size()); i++) numeric.add(i);
        answer.append("<h3>Prices by year</h3>\n").append(table("years", priceCols.toArray(String[]::new), numeric, priceRows));
        answer.append("<h3>Club supply and fiscal figures by year</h3>\n").append(table("years-fiscal", moreCols.toArray(String[]::new), numeric, moreRows));
        answer.append("<h3>Projects built</h3>\n").append(built.isEmpty() ? "<p id=\"projects-built\">" + escape("None.") + "</p>\n"
                : "<ul id=\"projects-built\">\n" + built + "</ul>\n");
        solver();
    }

    private void monteCarlo() {
        title = "Monte Carlo: " + r.text("scenario");
        ask("Scenario", r.text("scenario"));
        ask("Draws", r.textOrNull("draws"));
        ask("Seed", r.textOrNull("seed"));
        ask("Years", r.has("years") ? At.plain(r.node.get("years")).replace(", ", "–") : null);
        ask("Expectations", r.textOrNull("expectations"));
        warnings.addAll(r.textsOrNone("warnings"));
        BigDecimal failures = r.numOrNull("failures");
        if (failures != null && failures.signum() > 0) {
            warnings.add(failures.toPlainString() + " of " + r.textOrNull("draws") + " draws failed (no equilibrium); the statistics are of the others"
                    + (r.has("failure_samples") ? ": " + At.plain(r.node.get("failure_samples")) : ""));
        }
        BigDecimal out = r.numOrNull("out_of_range");
        if (out != null && out.signum() > 0) warnings.add(out.toPlainString() + " draws fell out of the parameters' ranges");
        BigDecimal unconverged = r.numOrNull("unconverged");
        if (unconverged != null && unconverged.signum() > 0) warnings.add(unconverged.toPlainString() + " draws' expectations did not converge");
        for (Map.Entry<String, At> metric : r.obj("metrics").fields()) {
            List<String> xs = new ArrayList<>();
            List<String[]> rows = new ArrayList<>();
            List<Map.Entry<String, At>> years = metric.getValue().fields();
            Double[] p5 = new Double[years.size()], p25 = new Double[years.size()], p50 = new Double[years.size()], p75 = new Double[years.size()],
                    p95 = new Double[years.size()], mean = new Double[years.size()];
            int i = 0;
            for (Map.Entry<String, At> y : years) {
                At s = y.getValue();
                xs.add(y.getKey());
                p5[i] = d(s.numOrNull("p5")); p25[i] = d(s.numOrNull("p25")); p50[i] = d(s.numOrNull("p50"));
                p75[i] = d(s.numOrNull("p75")); p95[i] = d(s.numOrNull("p95")); mean[i] = d(s.numOrNull("mean"));
                rows.add(new String[]{y.getKey(), s.textOrNull("n"), about(s.numOrNull("mean")), about(s.numOrNull("sd")), about(s.numOrNull("p5")),
                        about(s.numOrNull("p25")), about(s.numOrNull("p50")), about(s.numOrNull("p75")), about(s.numOrNull("p95"))});
                i++;
            }
            answer.append("<h3>").append(escape(metric.getKey())).append("</h3>\n")
                    .append(Svg.lines("fan chart of " + metric.getKey(), xs, List.of(new Svg.Band("5th–95th percentile", p5, p95),
                            new Svg.Band("25th–75th percentile", p25, p75)), List.of(new Svg.Series("median", p50), new Svg.Series("mean", mean))))
                    .append(table("fan-" + metric.getKey(), new String[]{"year", "draws", "mean", "sd", "p5", "p25", "p50", "p75", "p95"},
                            Set.of(1, 2, 3, 4, 5, 6, 7, 8), rows));
        }
        if (r.has("events") && r.node.get("events").size() > 0) {
            List<String[]> ev = new ArrayList<>();
            // with the draws it rests on and its 95 % interval when the result has them (results saved before 2026-12-08 do not)
            At est = r.has("event_estimates") ? r.obj("event_estimates") : null;
            for (Map.Entry<String, At> e : r.obj("events").fields()) {
                At x = est != null && est.has(e.getKey()) ? est.obj(e.getKey()) : null;
                String p = share(e.getValue().asNum(), 1);
                ev.add(est == null ? new String[]{e.getKey(), p} : x == null || x.numOrNull("low95") == null ? new String[]{e.getKey(), p, "", ""}
                        : new String[]{e.getKey(), p, x.textOrNull("met") + " of " + x.textOrNull("draws"),
                        share(x.numOrNull("low95"), 1) + " to " + share(x.numOrNull("high95"), 1)});
            }
            answer.append("<h3>Events</h3>\n").append(est == null ? table("events", new String[]{"event", "probability"}, Set.of(1), ev)
                    : table("events", new String[]{"event", "probability", "draws that met it", "95 % interval"}, Set.of(1), ev));
        }
        if (r.has("solves")) provenance.add(new String[]{"Solver", r.textOrNull("solves") + " solves"});
    }

    private static Double d(BigDecimal b) {
        return b == null ? null : b.doubleValue();
    }

    private void seek() {
        title = "Seek: " + r.text("param") + " for " + r.text("target");
        ask("Parameter", r.text("param"));
        ask("Target", r.text("target"));
        String status = r.text("status");
        if (!status.equals("reached")) warnings.add("Target not reached (" + status + "): " + r.textOrNull("message"));
        warnings.addAll(r.textsOrNone("warnings"));
        answer.append(kv("seek-answer", List.of(new String[]{"Status", status}, new String[]{"Value of " + r.text("param"), about(r.numOrNull("value"))},
                new String[]{"Metric there", about(r.numOrNull("metric"))}, new String[]{"In words", r.textOrNull("message")})));
        List<String[]> rows = new ArrayList<>();
        int i = 1;
        for (At e : r.objects("evaluations")) rows.add(new String[]{String.valueOf(i++), about(e.num("value")), about(e.num("metric"))});
        answer.append("<h3>Evaluations, in the order made</h3>\n").append(table("evaluations", new String[]{"#", r.text("param"), "metric"}, Set.of(0, 1, 2), rows));
    }

    private void sensitivity() {
        title = "Sensitivity of " + r.text("metric") + (r.has("year") ? " in " + r.textOrNull("year") : "");
        ask("Metric", r.text("metric"));
        ask("Year", r.textOrNull("year"));
        ask("Base value", about(r.num("base")));
        warnings.addAll(r.textsOrNone("warnings"));
        List<String> labels = new ArrayList<>();
        List<BigDecimal> lo = new ArrayList<>(), hi = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (At b : r.objects("bars")) {
            labels.add(b.text("param"));
            lo.add(b.num("metric_low"));
            hi.add(b.num("metric_high"));
            rows.add(new String[]{b.text("param"), about(b.num("low")), about(b.num("high")), about(b.num("metric_low")), about(b.num("metric_high"))});
        }
        if (!labels.isEmpty()) answer.append(Svg.ranges("tornado of " + r.text("metric"), labels, lo, hi, r.num("base")));
        answer.append(table("bars", new String[]{"parameter", "low", "high", "metric at low", "metric at high"}, Set.of(1, 2, 3, 4), rows));
    }

    private void valuation() {
        title = "Valuation: " + r.text("project");
        String unit = r.textOrNull("price_unit"), money = r.text("money");
        ask("Project", r.text("project"));
        ask("Market", r.textOrNull("market"));
        ask("Support", r.textOrNull("support"));
        ask("Price process", r.textOrNull("price_process"));
        ask("Price unit", unit);
        ask("Money", money);
        ask("Money basis", r.textOrNull("money_basis")); // real, constant 2026 dollars (absent in a valuation saved before it was said)
        ask("Not modelled", r.textOrNull("not_modelled")); // what a study has and the valuation leaves out (absent before 2026-12-07)
        // what the project's file adds (absent when it states none, and before 2026-12-07)
        ask("Discounting", r.textOrNull("discounting"));
        if (r.has("closure") && r.node.get("closure").isObject()) {
            var c = r.node.get("closure");
            ask("Closure and rehabilitation", At.plain(c.get("cost_musd")) + " " + money + " in " + At.plain(c.get("first_year"))
                    + (c.get("first_year").equals(c.get("last_year")) ? "" : "–" + At.plain(c.get("last_year"))));
        }
        if (r.has("working_capital") && r.node.get("working_capital").isObject()) {
            var w = r.node.get("working_capital");
            java.util.function.Function<String, String> days = k -> w.path(k).path("value").isNumber() ? At.plain(w.path(k).path("value")) : "0";
            ask("Working capital", "receivables " + days.apply("receivables_days") + " days of revenue, inventory " + days.apply("inventory_days")
                    + " and payables " + days.apply("payables_days") + " days of cash costs");
        }
        ask("Paths", r.textOrNull("paths"));
        ask("Seed", r.textOrNull("seed"));
        ask("Years", r.textOrNull("years") + (r.has("first_year") && r.has("last_year") ? " (" + r.textOrNull("first_year") + "–" + r.textOrNull("last_year") + ")" : ""));
        warnings.addAll(r.textsOrNone("warnings"));
        for (String side : List.of("with", "without")) {
            BigDecimal undefined = r.numOrNull("irr_undefined_paths_" + side);
            if (undefined != null && undefined.signum() > 0) {
                warnings.add("The IRR " + side + " support is undefined on " + undefined.toPlainString() + " paths (no sign change); its statistics are of the others");
            }
        }
        answer.append(kv("valuation-figures", List.of(
                new String[]{"Probability of loss with support", share(r.numOrNull("probability_of_loss_with"), 2)},
                new String[]{"Probability of loss without support", share(r.numOrNull("probability_of_loss_without"), 2)},
                new String[]{"Breakeven price without support", r.has("breakeven_price_without") ? fixed(r.num("breakeven_price_without"), 2) + " " + unit : NONE},
                new String[]{"Breakeven price with support", r.has("breakeven_price_with") ? fixed(r.num("breakeven_price_with"), 2) + " " + unit : NONE})));
        List<String[]> rows = new ArrayList<>();
        for (String[] d : new String[][]{{"npv_with", "NPV with support"}, {"npv_without", "NPV without support"}, {"irr_with", "IRR with support"},
                {"irr_without", "IRR without support"}, {"support_value_to_project", "Support's value to the project"}, {"expected_fiscal_cost", "Expected fiscal cost"}}) {
            if (!r.has(d[0])) continue;
            At s = r.obj(d[0]);
            boolean irr = d[0].startsWith("irr");
            java.util.function.Function<BigDecimal, String> f = v -> irr ? share(v, 2) : fixed(v, 1);
            rows.add(new String[]{d[1], f.apply(s.numOrNull("mean")), f.apply(s.numOrNull("sd")), f.apply(s.numOrNull("p10")), f.apply(s.numOrNull("p50")),
                    f.apply(s.numOrNull("p90")), irr ? share(s.numOrNull("standard_error"), 3) : fixed(s.numOrNull("standard_error"), 2)});
        }
        answer.append("<h3>NPV and IRR distribution (NPV in ").append(escape(money)).append(")</h3>\n")
                .append(table("distribution", new String[]{"figure", "mean", "sd", "p10", "p50", "p90", "standard error"}, Set.of(1, 2, 3, 4, 5, 6), rows));
        if (r.has("histogram_with") && r.has("histogram_without")) {
            At hw = r.obj("histogram_with"), hwo = r.obj("histogram_without");
            answer.append("<h3>NPV histogram (").append(escape(money)).append(")</h3>\n")
                    .append(Svg.histogram("NPV histogram with and without support (" + money + ")", hw.num("lo").doubleValue(), hw.num("hi").doubleValue(),
                            List.of("with support", "without support"), List.of(counts(hw), counts(hwo))));
            answer.append("<p>").append(escape("Paths outside the range drawn: with support " + hw.textOrNull("below") + " below, " + hw.textOrNull("above")
                    + " above; without support " + hwo.textOrNull("below") + " below, " + hwo.textOrNull("above") + " above.")).append("</p>\n");
        }
        if (r.has("dscr")) {
            At d = r.obj("dscr");
            answer.append("<h3>Debt service cover (DSCR)</h3>\n").append(kv("dscr", List.of(
                    new String[]{"Mean of the minimum DSCR", fixed(d.numOrNull("mean_of_min"), 2)},
                    new String[]{"10th percentile of the minimum DSCR", fixed(d.numOrNull("p10_of_min"), 2)},
                    new String[]{"Mean of the average DSCR", fixed(d.numOrNull("mean_of_average"), 2)},
                    new String[]{"Probability the minimum DSCR is below 1", share(d.numOrNull("probability_min_below_1"), 1)},
                    new String[]{"Forward case: minimum, average", fixed(d.numOrNull("forward_min"), 2) + ", " + fixed(d.numOrNull("forward_average"), 2)})));
        }
        if (r.has("debt_capacity")) {
            List<String[]> dc = new ArrayList<>();
            for (Map.Entry<String, At> e : r.obj("debt_capacity").fields()) {
                dc.add(new String[]{e.getKey().replace('_', ' '), e.getValue().node.isNumber() ? about(e.getValue().asNum()) : At.plain(e.getValue().node)});
            }
            answer.append("<h3>Debt capacity (").append(escape(money)).append(")</h3>\n").append(kv("debt-capacity", dc));
        }
        for (String side : List.of("with", "without")) {
            if (!r.has("payback_" + side)) continue;
            At p = r.obj("payback_" + side);
            answer.append("<p>").append(escape("Payback " + side + " support: median year " + fixed(p.numOrNull("median_year"), 1) + ", mean year "
                    + fixed(p.numOrNull("mean_year"), 1) + ", probability never " + share(p.numOrNull("probability_never"), 1))).append("</p>\n");
        }
        if (r.has("fan")) {
            List<At> fan = r.objects("fan");
            List<String> xs = new ArrayList<>();
            Double[] p10 = new Double[fan.size()], p50 = new Double[fan.size()], p90 = new Double[fan.size()], eff = new Double[fan.size()];
            for (int i = 0; i < fan.size(); i++) {
                At f = fan.get(i);
                xs.add(f.textOrNull("year"));
                p10[i] = d(f.numOrNull("market_p10")); p50[i] = d(f.numOrNull("market_p50")); p90[i] = d(f.numOrNull("market_p90"));
                eff[i] = d(f.numOrNull("effective_p50"));
            }
            answer.append("<h3>Price fan (").append(escape(String.valueOf(unit))).append(", by project year)</h3>\n")
                    .append(Svg.lines("price fan by project year (" + unit + ")", xs, List.of(new Svg.Band("market 10th–90th percentile", p10, p90)),
                            List.of(new Svg.Series("market median", p50), new Svg.Series("median with support", eff))));
        }
        if (r.has("elapsed_ms")) provenance.add(new String[]{"Computed in", r.textOrNull("elapsed_ms") + " ms"});
    }

    private static long[] counts(At hist) {
        List<At> cs = hist.arr("counts");
        long[] out = new long[cs.size()];
        for (int i = 0; i < out.length; i++) out[i] = cs.get(i).asCount();
        return out;
    }

    private void floors() {
        String unit = r.textOrNull("price_unit");
        title = "Floor-setting methods: " + r.text("market");
        ask("Market", r.text("market"));
        ask("Club", String.join(", ", r.textsOrNone("club")));
        ask("Price unit", unit);
        ask("Club's price without a floor", r.has("baseline_club_price") ? fixed(r.num("baseline_club_price"), 2) + " " + unit : null);
        ask("Club's production without a floor", r.has("baseline_club_production_t") ? fixed(r.num("baseline_club_production_t"), 0) + " t" : null);
        ask("CfD basis", r.textOrNull("cfd_basis"));
        ask("Money basis", r.textOrNull("money_basis"));
        warnings.addAll(r.textsOrNone("warnings"));
        if (r.has("note")) answer.append("<p id=\"note\"><b>Note:</b> ").append(escape(r.textOrNull("note"))).append("</p>\n");
        List<String> names = new ArrayList<>();
        List<BigDecimal[]> floors = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (At m : r.objects("methods")) {
            names.add(m.text("method"));
            floors.add(new BigDecimal[]{m.num("floor")});
            rows.add(new String[]{m.text("method"), fixed(m.num("floor"), 2), m.textOrNull("rationale"), fixed(m.numOrNull("club_production_t"), 0),
                    fixed(m.numOrNull("supply_brought_t"), 0), fixed(m.numOrNull("levy_revenue_musd_per_year"), 1),
                    fixed(m.numOrNull("cfd_expected_fiscal_cost_musd_pv"), 1) + " ± " + fixed(m.numOrNull("cfd_expected_fiscal_cost_se"), 1),
                    String.join("; ", m.textsOrNone("inputs"))});
        }
        answer.append(Svg.bars("floor by method (" + unit + ")", names, List.of("floor"), floors));
        answer.append(table("methods", new String[]{"method", "floor (" + unit + ")", "rationale", "club production (t)", "supply brought (t)",
                "levy revenue (M USD/yr)", "CfD expected fiscal cost (M USD, PV)", "inputs"}, Set.of(1, 3, 4, 5, 6), rows));
        if (r.has("cost_curve")) {
            At cc = r.obj("cost_curve");
            List<String[]> steps = new ArrayList<>();
            for (At s : cc.objects("steps")) {
                steps.add(new String[]{s.text("name"), s.textOrNull("country"), fixed(s.num("cost"), 2), fixed(s.numOrNull("capacity_t"), 0)});
            }
            answer.append("<h3>Cost curve").append(cc.has("source") ? " (" + escape(cc.textOrNull("source")) + ")" : "").append("</h3>\n")
                    .append(table("cost-curve", new String[]{"producer", "country", "cost (" + unit + ")", "capacity (t/yr)"}, Set.of(2, 3), steps));
        }
    }

    private void ranking() {
        String unit = r.textOrNull("price_unit");
        title = "Priority ranking: " + r.text("market");
        ask("Market", r.text("market"));
        ask("Club", String.join(", ", r.textsOrNone("club")));
        ask("Risk measured", r.textOrNull("risk_metric"));
        ask("Money basis", r.textOrNull("money_basis"));
        ask("Club's shortfall", r.has("shortfall_t") ? fixed(r.num("shortfall_t"), 0) + " t/yr of " + fixed(r.numOrNull("club_consumption_t"), 0) + " t/yr consumed" : null);
        ask("Support basis", r.textOrNull("support_basis"));
        warnings.addAll(r.textsOrNone("warnings"));
        List<String> names = new ArrayList<>();
        List<BigDecimal[]> per = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (At p : r.objects("ranking")) {
            names.add(p.text("project"));
            per.add(new BigDecimal[]{p.numOrNull("risk_reduction_t")});
            rows.add(new String[]{p.textOrNull("rank"), p.text("project"), p.textOrNull("name"), p.textOrNull("region"), fixed(p.numOrNull("new_capacity_t"), 0),
                    fixed(p.numOrNull("levelised_cost"), 2), fixed(p.numOrNull("breakeven_price"), 2), fixed(p.numOrNull("risk_reduction_t"), 0),
                    p.has("pays_back") ? (p.node.get("pays_back").asBoolean() ? "yes" : "no") : NONE,
                    fixed(p.numOrNull("expected_support_musd"), 1), fixed(p.numOrNull("reduction_per_musd"), 1), fixed(p.numOrNull("public_financing_musd"), 1)});
        }
        answer.append(Svg.bars("risk reduction by project (t/yr)", names, List.of("risk reduction"), per));
        answer.append(table("ranking", new String[]{"rank", "project", "name", "region", "new capacity (t/yr)", "levelised cost (" + unit + ")",
                "breakeven (" + unit + ")", "risk reduction (t/yr)", "pays back", "expected support (M USD)", "reduction per M USD (t)",
                "public financing (M USD)"}, Set.of(0, 4, 5, 6, 7, 9, 10, 11), rows));
    }

    private void bulkJob() {
        String file = r.text("file_name");
        title = "Bulk assessment: " + file + (r.has("id") ? " (job #" + r.textOrNull("id") + ")" : "");
        regime = r.textOrNull("regime");
        if (r.has("regime_version")) regimeVersion = r.textOrNull("regime_version"); // (a job stored before it was said has none)
        ask("File", file);
        ask("Format", r.textOrNull("format"));
        ask("Size", r.has("size_bytes") ? fixed(r.num("size_bytes"), 0) + " bytes" : null);
        ask("SHA-256 of the file", r.textOrNull("sha256"));
        ask("Idempotency key", r.textOrNull("key"));
        ask("Regime", regime);
        ask("Submitted by", r.textOrNull("submitted_by"));
        ask("Submitted at", r.textOrNull("created_at"));
        String status = r.text("status");
        BigDecimal done = r.num("lines_done"), assessed = r.num("assessed"), prohibited = r.num("prohibited"), rejected = r.num("rejected");
        if (status.equals("failed")) warnings.add("The job failed" + (r.has("error") ? ": " + r.textOrNull("error") : "") + "; the counts are of the lines done before");
        else if (status.equals("cancelled")) warnings.add("The job was cancelled after " + fixed(done, 0) + " lines: the counts are of those lines, the rest of the file was not assessed");
        else if (!status.equals("done")) warnings.add("The job is not finished (status " + status + "): the counts are of the lines done so far");
        if (rejected.signum() > 0) warnings.add(fixed(rejected, 0) + " lines were rejected and are not in the total duty: each with its field and reason in the rejects file");
        if (prohibited.signum() > 0) warnings.add(fixed(prohibited, 0) + " lines are prohibited: no duty is given for them, and they are not in the total duty");
        BigDecimal sum = assessed.add(prohibited).add(rejected);
        if (sum.compareTo(done) != 0) {
            warnings.add("The counts do not reconcile: lines done " + fixed(done, 0) + " ≠ assessed + prohibited + rejected " + fixed(sum, 0));
        }
        answer.append(kv("bulk-figures", List.of(new String[]{"Status", status}, new String[]{"Lines done", fixed(done, 0)},
                new String[]{"Assessed", fixed(assessed, 0)}, new String[]{"Prohibited", fixed(prohibited, 0)}, new String[]{"Rejected", fixed(rejected, 0)},
                new String[]{"Total duty", usd(r.numOrNull("total_duty"))}, new String[]{"Finished at", r.textOrNull("finished_at")})));
        answer.append("<p>").append(escape("Lines done = assessed + prohibited + rejected: " + fixed(done, 0) + " = " + fixed(assessed, 0) + " + "
                + fixed(prohibited, 0) + " + " + fixed(rejected, 0) + ". Each line's duties, measures and warnings are in the results file"
                + (r.has("results") ? " (" + r.textOrNull("results") + ")" : "") + "; each rejected line's field and reason in the rejects file"
                + (r.has("rejects") ? " (" + r.textOrNull("rejects") + ")" : "") + ".")).append("</p>\n");
    }

    // ---------------------------------------------------------------- what-ifs: the same entry under two sides

    /** The regime of each side, once when they are the same. */
    private static String sides(String a, String b) {
        if (a == null || b == null || a.equals(b)) return a == null ? b : a;
        return a + " (side A), " + b + " (side B)";
    }

    /** A change B − A as money with its sign: +$1,000.00, -$12.50, $0.00; "—" when either side has none. */
    private static String usdChange(BigDecimal v) {
        return v == null ? NONE : v.signum() > 0 ? "+" + usd(v) : usd(v);
    }

    private static BigDecimal minus(BigDecimal b, BigDecimal a) {
        return a == null || b == null ? null : b.subtract(a);
    }

    /** Each side's prohibitions and warnings, a warning of both sides said once. */
    private void sideWarnings(String la, At x, String lb, At y) {
        for (String p : x.texts("prohibitions")) warnings.add("Prohibited under " + la + ": " + p);
        for (String p : y.texts("prohibitions")) warnings.add("Prohibited under " + lb + ": " + p);
        List<String> wa = x.texts("warnings"), wb = y.texts("warnings");
        for (String s : wa) warnings.add((wb.contains(s) ? "Under both sides: " : "Under " + la + ": ") + s);
        for (String s : wb) if (!wa.contains(s)) warnings.add("Under " + lb + ": " + s);
    }

    /**
     * The result's difference of total duties against B − A of the sides' own totals: null exactly when a side is
     * prohibited, else equal — a mismatch is a warning (the figures are printed as saved).
     */
    private BigDecimal checkedDifference(String la, At x, String lb, At y) {
        boolean pa = "prohibited".equals(x.text("status")), pb = "prohibited".equals(y.text("status"));
        BigDecimal diff = r.numOrNull("difference");
        if (pa || pb) {
            warnings.add("No difference of the total duties: " + (pa && pb ? "prohibited under both sides" : "prohibited under " + (pa ? la : lb)));
            if (diff != null) warnings.add("The result gives a difference of " + usdChange(diff) + " although a side is prohibited");
            return diff;
        }
        if (diff == null) {
            warnings.add("The result gives no difference of the total duties although neither side is prohibited");
            return null;
        }
        BigDecimal expected = y.num("total_duty").subtract(x.num("total_duty"));
        if (diff.compareTo(expected) != 0) {
            warnings.add("The difference does not reconcile: B − A of the total duties is " + usdChange(expected) + ", the result says " + usdChange(diff));
        }
        return diff;
    }

    /** The two sides' headline figures in one table: each side and the change B − A. */
    private void sideFigures(String la, At x, String lb, At y, BigDecimal diff, boolean customsValue) {
        boolean pa = "prohibited".equals(x.text("status")), pb = "prohibited".equals(y.text("status"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"Status", x.text("status"), y.text("status"), x.text("status").equals(y.text("status")) ? "same" : "changed"});
        if (customsValue) {
            BigDecimal va = x.numOrNull("customs_value"), vb = y.numOrNull("customs_value");
            rows.add(new String[]{"Customs value", usd(va), usd(vb), usdChange(minus(vb, va))});
        }
        BigDecimal da = pa ? null : x.numOrNull("total_duty"), db = pb ? null : y.numOrNull("total_duty");
        rows.add(new String[]{"Total duty", pa ? "none (prohibited)" : usd(da), pb ? "none (prohibited)" : usd(db), usdChange(diff)});
        BigDecimal ra = pa ? null : x.numOrNull("effective_rate"), rb = pb ? null : y.numOrNull("effective_rate");
        BigDecimal dr = minus(rb, ra);
        rows.add(new String[]{"Effective rate", Figures.percent(ra, 2), Figures.percent(rb, 2),
                dr == null ? NONE : (dr.signum() > 0 ? "+" : "") + fixed(dr, 2) + " percentage points"});
        BigDecimal ca = pa ? null : x.numOrNull("landed_cost"), cb = pb ? null : y.numOrNull("landed_cost");
        rows.add(new String[]{"Landed cost", usd(ca), usd(cb), usdChange(minus(cb, ca))});
        answer.append(table("sides", new String[]{"", "A: " + la, "B: " + lb, "change (B − A)"}, Set.of(1, 2, 3), rows));
    }

    /**
     * Amounts by measure under each side (the measures of A in their order, then those only B applies): the measure, its
     * heading, A's amount, B's amount and B − A, a measure one side does not apply counting zero in the change.
     */
    private void byMeasure(String id, String la, String lb, List<At> ma, List<At> mb, String titleKey, boolean withType) {
        Map<String, String[]> names = new java.util.LinkedHashMap<>();
        Map<String, BigDecimal> amA = new java.util.HashMap<>(), amB = new java.util.HashMap<>();
        for (int side = 0; side < 2; side++) {
            for (At m : side == 0 ? ma : mb) {
                String key = m.text("id");
                names.putIfAbsent(key, new String[]{m.has(titleKey) ? m.text(titleKey) : key, withType ? m.textOrNull("type") : m.textOrNull("series")});
                (side == 0 ? amA : amB).merge(key, m.num("amount"), BigDecimal::add);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, String[]> e : names.entrySet()) {
            BigDecimal a = amA.get(e.getKey()), b = amB.get(e.getKey());
            BigDecimal change = (b == null ? BigDecimal.ZERO : b).subtract(a == null ? BigDecimal.ZERO : a);
            rows.add(new String[]{e.getValue()[0], e.getKey(), e.getValue()[1], a == null ? "not applied" : usd(a), b == null ? "not applied" : usd(b),
                    usdChange(change)});
        }
        answer.append(rows.isEmpty() ? "<p id=\"" + escape(id) + "\">" + escape("No duty applies under either side.") + "</p>\n"
                : table(id, new String[]{"measure", "heading", withType ? "type" : "series", "A: " + la, "B: " + lb, "change (B − A)"}, Set.of(3, 4, 5), rows));
    }

    /**
     * A what-if line's origin: the one, or each side's when the what-if moved it ("MX (A), CN (B)"); side B's absent (a
     * what-if recorded before it was kept): the declared one.
     */
    static String bothOrigins(String a, String b) {
        return b == null || b.equals(a) ? a : a + " (A), " + b + " (B)";
    }

    /** POST /api/compare of one shipment: both sides' figures, the duty by measure under each, then each side's measures and trail. */
    private void whatIfShipment() {
        At a = r.obj("a"), b = r.obj("b");
        String la = a.text("label"), lb = b.text("label");
        At x = a.obj("assessment"), y = b.obj("assessment");
        title = "What-if: " + x.text("hts") + " from " + x.text("origin") + ", " + la + " against " + lb;
        regime = sides(x.textOrNull("regime"), y.textOrNull("regime"));
        ask("Side A", la);
        ask("Side B", lb);
        ask("HTS code", x.text("hts"));
        ask("Origin", bothOrigins(x.textOrNull("origin"), y.textOrNull("origin")));
        ask("Entry date", x.text("date").equals(y.text("date")) ? x.text("date") : x.text("date") + " (A), " + y.text("date") + " (B)");
        ask("Customs value", x.has("customs_value") ? usd(x.num("customs_value")) + " (" + x.textOrNull("currency") + ")" : null);
        sideWarnings(la, x, lb, y);
        BigDecimal diff = checkedDifference(la, x, lb, y);
        sideFigures(la, x, lb, y, diff, false);
        answer.append("<h3>Duty by measure under each side</h3>\n");
        byMeasure("measures-compared", la, lb, x.objects("measures"), y.objects("measures"), "title", true);
        answer.append("<h2>").append(escape("Side A: " + la)).append("</h2>\n");
        lineDetail(x, "prohibited".equals(x.text("status")), "-a");
        answer.append("<h2>").append(escape("Side B: " + lb)).append("</h2>\n");
        lineDetail(y, "prohibited".equals(y.text("status")), "-b");
    }

    /** compare --entry (POST /api/compare with lines): the entry's totals under each side, each line's duty and change, the duty by measure. */
    private void whatIfEntry() {
        At a = r.obj("a"), b = r.obj("b");
        String la = a.text("label"), lb = b.text("label");
        At x = a.obj("entry"), y = b.obj("entry");
        List<At> lines = r.objects("lines");
        title = "What-if: customs entry of " + lines.size() + (lines.size() == 1 ? " line" : " lines") + ", " + la + " against " + lb;
        regime = sides(x.textOrNull("regime"), y.textOrNull("regime"));
        ask("Side A", la);
        ask("Side B", lb);
        ask("Entry date", x.text("date").equals(y.text("date")) ? x.text("date") : x.text("date") + " (A), " + y.text("date") + " (B)");
        ask("Lines", String.valueOf(lines.size()));
        ask("Currency of the values", x.textOrNull("currency"));
        sideWarnings(la, x, lb, y);
        BigDecimal diff = checkedDifference(la, x, lb, y);
        sideFigures(la, x, lb, y, diff, true);
        List<String[]> rows = new ArrayList<>();
        for (At l : lines) {
            BigDecimal da = l.numOrNull("a"), db = l.numOrNull("b");
            rows.add(new String[]{l.text("line_id"), l.text("hts"), bothOrigins(l.textOrNull("origin"), l.textOrNull("origin_b")), da == null ? "prohibited" : usd(da), db == null ? "prohibited" : usd(db),
                    usdChange(l.numOrNull("change"))});
        }
        answer.append("<h3>Each line's duty</h3>\n").append(table("lines", new String[]{"line", "HTS code", "origin", "A: " + la, "B: " + lb,
                "change (B − A)"}, Set.of(3, 4, 5), rows));
        answer.append("<h3>Duty by measure under each side</h3>\n");
        byMeasure("duty-by-measure", la, lb, x.objects("duty_by_measure"), y.objects("duty_by_measure"), "title", false);
        answer.append("<p>").append(escape("Each side's entry, line by line with its measures, legal bases and calculation trail, is in the saved "
                + "result (a.entry and b.entry).")).append("</p>\n");
    }

    /** compare FILE (POST /api/compare-file, a compare job's result): counts, totals under each side, the largest changes, the lines not compared. */
    private void whatIfFile() {
        String la = r.text("a"), lb = r.text("b");
        JsonNode w = saved.wrapper();
        String file = w == null ? null : w.path("subject").isTextual() ? w.get("subject").textValue()
                : w.path("file_name").isTextual() ? w.get("file_name").textValue() : null;
        // a compare job's partial result (GET /api/compare-jobs/{id}/result?partial=true) covers the file's first lines only:
        // said in the title and first among the warnings, never reported as the whole file
        boolean partial = r.has("partial");
        title = "What-if of entry lines" + (partial ? " (partial)" : "") + (file == null ? "" : ": " + file) + ", " + la + " against " + lb;
        regime = la + " (side A); side B: " + lb;
        if (partial) warnings.add("Partial: " + r.text("partial"));
        List<At> top = r.objects("top");
        List<At> off = r.has("not_comparable_first") ? r.objects("not_comparable_first") : List.of();
        ask("Side A", la);
        ask("Side B", lb);
        ask("Lines listed", top.size() + " with the largest change");
        if (r.has("origins_moved")) { // a what-if that moved origins: the lines each mapping moved
            List<String> ms = new ArrayList<>();
            for (At m : r.objects("origins_moved")) {
                BigDecimal n = m.num("lines");
                ms.add(m.text("from") + " → " + m.text("to") + ": " + fixed(n, 0) + (n.compareTo(BigDecimal.ONE) == 0 ? " line" : " lines"));
                if (n.signum() == 0) warnings.add("Origin " + m.text("from") + " → " + m.text("to") + " moved no line: no line of the file is of origin "
                        + m.text("from"));
            }
            ask("Origins moved under B", String.join("; ", ms));
        }
        BigDecimal lines = r.num("lines"), changed = r.num("changed"), nc = r.num("not_comparable");
        BigDecimal ta = r.num("total_a"), tb = r.num("total_b"), change = r.num("total_change");
        BigDecimal comparable = lines.subtract(nc);
        if (change.compareTo(tb.subtract(ta)) != 0) {
            warnings.add("The totals do not reconcile: B − A is " + usdChange(tb.subtract(ta)) + ", the result's change is " + usdChange(change));
        }
        if (comparable.signum() < 0 || changed.compareTo(comparable) > 0) {
            warnings.add("The counts do not reconcile: " + fixed(lines, 0) + " lines, " + fixed(nc, 0) + " not comparable, " + fixed(changed, 0) + " changed");
        }
        if (nc.signum() > 0) {
            warnings.add(fixed(nc, 0) + (nc.compareTo(BigDecimal.ONE) == 0 ? " line was" : " lines were") + " not compared and " + (nc.compareTo(BigDecimal.ONE) == 0
                    ? "is" : "are") + " in neither total" + (off.isEmpty() ? "" : BigDecimal.valueOf(off.size()).compareTo(nc) < 0
                    ? " (the first " + off.size() + " listed below with the reason)" : " (listed below with the reason)"));
        }
        warnings.addAll(r.textsOrNone("warnings")); // each side's, with the side and its lines ("B: regime horizon: … (12 lines)")
        answer.append(kv("whatif-figures", List.of(new String[]{"Lines read", fixed(lines, 0)}, new String[]{"Compared", fixed(comparable, 0)},
                new String[]{"Changed", fixed(changed, 0)}, new String[]{"Not compared", fixed(nc, 0)},
                new String[]{"Total duty under A: " + la, usd(ta)}, new String[]{"Total duty under B: " + lb, usd(tb)},
                new String[]{"Change (B − A)", usdChange(change)})));
        List<String[]> rows = new ArrayList<>();
        for (At l : top) {
            rows.add(new String[]{l.textOrNull("line_id"), l.textOrNull("hts"), bothOrigins(l.textOrNull("origin"), l.textOrNull("origin_b")), usd(l.num("a")),
                    usd(l.num("b")), usdChange(l.num("change"))});
        }
        answer.append("<h3>").append(escape("The " + top.size() + " lines that change most, largest change first")).append("</h3>\n")
                .append(rows.isEmpty() ? "<p id=\"top\">" + escape("None listed.") + "</p>\n"
                        : table("top", new String[]{"line", "HTS code", "origin", "A: " + la, "B: " + lb, "change (B − A)"}, Set.of(3, 4, 5), rows));
        if (!off.isEmpty()) {
            List<String[]> nr = new ArrayList<>();
            for (At l : off) nr.add(new String[]{l.textOrNull("line"), l.textOrNull("line_id"), l.text("reason")});
            answer.append("<h3>Lines not compared</h3>\n").append(table("not-comparable", new String[]{"line of the file", "line id", "reason"}, Set.of(0), nr));
        }
    }

    // ---------------------------------------------------------------- stockpiles

    private static String yesNo(At a, String k) {
        Boolean v = a.boolOrNull(k);
        return v == null ? NONE : v ? "yes" : "no";
    }

    /** stockpile cover (GET /api/stockpiles/NAME/cover): months of import cover per mineral, under a disruption, and the targets. */
    private void cover() {
        List<At> lines = new ArrayList<>();
        At head = null;
        if (r.node.isArray()) { // the command's lines alone
            for (int i = 0; i < r.node.size(); i++) lines.add(new At(r.node.get(i), "[" + i + "]", saved.source() + ": not a complete " + saved.kind().title));
        } else {
            head = r;
            lines = r.objects("lines");
        }
        String stockpile = head == null ? null : head.text("stockpile");
        String region = head != null ? head.text("region") : lines.isEmpty() ? null : lines.getFirst().textOrNull("region");
        At disruption = null;
        for (At l : lines) if (l.has("disruption")) { disruption = l.obj("disruption"); break; }
        title = "Stockpile cover" + (stockpile == null ? "" : ": " + stockpile) + (region == null ? "" : ", imports of " + region)
                + (disruption == null ? "" : ", in " + disruption.textOrNull("scenario"));
        ask("Stockpile", stockpile);
        ask("Position as of", head == null ? null : head.textOrNull("as_of"));
        ask("Whose imports", region);
        ask("Start", head == null ? null : head.textOrNull("start"));
        ask("Disruption", disruption == null ? "none" : disruption.textOrNull("scenario") + " for " + disruption.textOrNull("months") + " months");
        List<String[]> rows = new ArrayList<>(), targets = new ArrayList<>();
        for (At l : lines) {
            String mineral = l.text("mineral");
            if (l.has("note")) warnings.add(mineral + ": " + l.textOrNull("note"));
            At d = l.has("disruption") ? l.obj("disruption") : null;
            if (d != null && "no".equals(yesNo(d, "lasts_the_disruption"))) {
                warnings.add(mineral + ": the holding runs out " + (d.has("runs_out") ? "on " + d.textOrNull("runs_out") + ", " : "") + "before the "
                        + d.textOrNull("months") + "-month disruption ends");
            }
            rows.add(new String[]{mineral, fixed(l.num("holding_kg"), 0), l.textOrNull("market"), fixed(l.numOrNull("imports_kg_per_year"), 0),
                    fixed(l.numOrNull("months_of_cover"), 1), l.textOrNull("runs_out"),
                    d == null ? NONE : fixed(d.numOrNull("shortfall_kg_per_month"), 0), d == null ? NONE : fixed(d.numOrNull("months_of_cover"), 1),
                    d == null ? NONE : d.textOrNull("runs_out"), d == null ? NONE : yesNo(d, "lasts_the_disruption")});
            for (At t : l.objects("targets")) {
                targets.add(new String[]{mineral, t.text("label"), t.textOrNull("days"), fixed(t.numOrNull("months"), 1), fixed(t.numOrNull("holding_needed_kg"), 0),
                        fixed(l.num("holding_kg"), 0), yesNo(t, "met")});
            }
        }
        answer.append("<h3>Months of import cover</h3>\n").append(table("cover", new String[]{"mineral", "holding (kg)", "market", "imports (kg/yr)",
                "months of cover", "runs out", "shortfall in the disruption (kg/month)", "months of cover in the disruption", "runs out in the disruption",
                "lasts the disruption"}, Set.of(1, 3, 4, 6, 7), rows));
        answer.append("<h3>Comparison targets (days of imports)</h3>\n").append(targets.isEmpty() ? "<p id=\"targets\">" + escape("None.") + "</p>\n"
                : table("targets", new String[]{"mineral", "target", "days", "months", "holding needed (kg)", "holding (kg)", "met"}, Set.of(2, 3, 4, 5), targets));
    }

    /** stockpile release (POST /api/stockpiles/NAME/release): the shares by rule, prices without and with the release, the monthly path, its cost. */
    private void release() {
        String mineral = r.text("mineral"), disruption = r.text("disruption");
        title = "Coordinated release: " + mineral + " in " + disruption + " (" + r.textOrNull("months") + " months from " + r.textOrNull("start") + ")";
        ask("Mineral", mineral);
        ask("Market", r.textOrNull("market"));
        ask("Disruption", disruption);
        ask("Months", r.textOrNull("months"));
        ask("Start", r.textOrNull("start"));
        ask("Shared by", r.textOrNull("rule"));
        ask("Total requested", r.has("total_requested_kg") ? fixed(r.num("total_requested_kg"), 0) + " kg" : "none given");
        warnings.addAll(r.textsOrNone("warnings"));
        answer.append(kv("release-figures", List.of(new String[]{"Released", fixed(r.num("total_released_kg"), 0) + " kg"},
                new String[]{"Book cost of what is released", usd(r.numOrNull("book_cost"))}, new String[]{"Proceeds", usd(r.numOrNull("proceeds"))},
                new String[]{"Net (proceeds − book cost)", usd(r.numOrNull("net"))})));
        List<String[]> shares = new ArrayList<>();
        for (At s : r.objects("shares")) {
            shares.add(new String[]{s.text("participant"), s.textOrNull("region"), fixed(s.numOrNull("weight"), 0), share(s.numOrNull("share"), 1),
                    fixed(s.num("quantity_kg"), 0), yesNo(s, "capped"), usd(s.numOrNull("book_cost")), usd(s.numOrNull("proceeds")), s.textOrNull("basis")});
        }
        answer.append("<h3>Shares of the release</h3>\n").append(table("shares", new String[]{"participant", "region", "weight", "share", "released (kg)",
                "capped at its holding", "book cost", "proceeds", "basis"}, Set.of(2, 3, 4, 6, 7), shares));
        List<String> names = new ArrayList<>();
        List<BigDecimal[]> bars = new ArrayList<>();
        List<String[]> prices = new ArrayList<>();
        for (At p : r.objects("prices_usd_per_kg")) {
            names.add(p.text("region"));
            bars.add(new BigDecimal[]{p.num("baseline"), p.num("without_release"), p.num("with_release")});
            prices.add(new String[]{p.text("region"), fixed(p.num("baseline"), 2), fixed(p.num("without_release"), 2), fixed(p.num("with_release"), 2)});
        }
        answer.append("<h3>Prices by region (USD/kg)</h3>\n")
                .append(Svg.bars("prices by region: baseline, disruption without and with the release (USD/kg)", names,
                        List.of("baseline", "without the release", "with the release"), bars))
                .append(table("prices", new String[]{"region", "baseline", "without the release", "with the release"}, Set.of(1, 2, 3), prices));
        if (r.has("release_per_year_by_region")) {
            String unit = r.textOrNull("market_quantity_unit");
            List<String[]> per = new ArrayList<>();
            for (Map.Entry<String, At> e : r.obj("release_per_year_by_region").fields()) per.add(new String[]{e.getKey(), fixed(e.getValue().asNum(), 2)});
            answer.append("<h3>").append(escape("Release per year by market region (" + (unit == null ? "the market's unit" : unit) + "/yr), as the market engine takes it"))
                    .append("</h3>\n").append(table("release-by-region", new String[]{"region", "release per year"}, Set.of(1), per));
        }
        List<At> path = r.objects("path");
        Set<String> who = new LinkedHashSet<>();
        for (At m : path) for (Map.Entry<String, At> e : m.obj("kg").fields()) who.add(e.getKey());
        List<String> cols = new ArrayList<>(List.of("month"));
        for (String p : who) cols.add(p + " (kg)");
        List<String[]> months = new ArrayList<>();
        for (At m : path) {
            List<String> row = new ArrayList<>(List.of(m.text("month")));
            At kg = m.obj("kg");
            for (String p : who) row.add(kg.has(p) ? fixed(kg.num(p), 0) : NONE);
            months.add(row.toArray(String[]::new));
        }
        Set<Integer> numeric = new java.util.HashSet<>();
        for (int i = 1; i < cols.size(); i++) numeric.add(i);
        answer.append("<h3>Release by month</h3>\n").append(table("path", cols.toArray(String[]::new), numeric, months));
    }

    // ---------------------------------------------------------------- HTML pieces, every text escaped

    private void ask(String label, String value) {
        if (value != null && !value.isEmpty()) asked.add(new String[]{label, value});
    }

    private static String kv(String id, List<String[]> rows) {
        StringBuilder s = new StringBuilder("<table class=\"kv\" id=\"").append(escape(id)).append("\">\n");
        for (String[] row : rows) {
            s.append("<tr><th scope=\"row\">").append(escape(row[0])).append("</th><td>").append(escape(row[1])).append("</td></tr>\n");
        }
        return s.append("</table>\n").toString();
    }

    private static String table(String id, String[] header, Set<Integer> numeric, List<String[]> rows) {
        StringBuilder s = new StringBuilder("<table id=\"").append(escape(id)).append("\"><thead><tr>");
        for (int i = 0; i < header.length; i++) {
            s.append("<th scope=\"col\"").append(numeric.contains(i) ? " class=\"n\"" : "").append('>').append(escape(header[i])).append("</th>");
        }
        s.append("</tr></thead><tbody>\n");
        for (String[] row : rows) {
            s.append("<tr>");
            for (int i = 0; i < row.length; i++) {
                s.append("<td").append(numeric.contains(i) ? " class=\"n\"" : "").append('>').append(escape(row[i] == null ? NONE : row[i])).append("</td>");
            }
            s.append("</tr>\n");
        }
        return s.append("</tbody></table>\n").toString();
    }
}
