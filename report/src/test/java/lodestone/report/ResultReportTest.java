package lodestone.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reports of saved results: each kind told from the JSON the commands print (fixtures written by lodestone … --json),
 * its figures as formatted, its warnings at the top, the provenance; hostile text in every text field escaped; anything
 * else refused saying what was expected.
 */
class ResultReportTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");
    static final String HOSTILE = "<script>alert('x')</script> & \"q\"";
    static final String HOSTILE_ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;";

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ResultReportTest.class.getResourceAsStream(name + ".json")) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    static String report(String name) throws IOException {
        return ResultReport.html(SavedResult.read(fixture(name), name + ".json"), "9.9.9", AT);
    }

    @Test
    void anAssessmentShowsWhatWasAskedTheMeasuresWithLegalBaseTheTrailAndTheProvenance() throws IOException {
        String h = report("assessment");
        assertThat(h).contains("<title>Lodestone report — Assessment: 7408.11.60.00 from CL, entered 2026-03-02</title>")
                .contains("<tr><th scope=\"row\">Customs value</th><td>$10,000.00 (USD)</td></tr>")
                .contains("<tr><th scope=\"row\">Total duty</th><td>$4,500.00</td></tr>")
                .contains("<tr><th scope=\"row\">Effective rate</th><td>45.00 %</td></tr>")
                .contains("<tr><th scope=\"row\">Landed cost</th><td>$14,500.00</td></tr>")
                .contains("<tr><td>Section 232 duty on semi-finished copper and copper-intensive derivatives, on the copper content</td><td>9903.78.01</td>"
                        + "<td>additional-duty</td><td class=\"n\">$4,000.00</td><td>9903.78.01 50.00% × $8,000.00 = $4,000.00</td><td>Proclamation 10962, "
                        + "Adjusting Imports of Copper into the United States (2025-07-30); HTS Chapter 99 U.S. Note 36(b), 2025-08-01</td></tr>")
                .contains("<li><span class=\"tag\">E applied</span> 9903.03.01 10.00% × $2,000.00 = $200.00 (on customs value $10,000.00, less "
                        + "$8,000.00 charged under 9903.78.01)")
                .contains("<tr><th scope=\"row\">Lodestone</th><td>9.9.9</td></tr>")
                .contains("<tr><th scope=\"row\">Regime</th><td>us-2026</td></tr>")
                .contains("<tr><th scope=\"row\">Report generated</th><td>2026-12-05T10:00:00Z</td></tr>")
                .contains("<tr><th scope=\"row\">Read from</th><td>assessment.json</td></tr>")
                .contains("<tr><th scope=\"row\">SHA-256 of what was read</th><td>" + SavedResult.sha256(fixture("assessment")) + "</td></tr>")
                .contains("<body data-kind=\"assessment\">")
                .doesNotContain("id=\"warnings\""); // none: no warnings box
        // four measures considered, three applied, in evaluation order
        assertThat(h.split("<li><span class=\"tag\">", -1)).hasSize(5);
    }

    @Test
    void aCustomsEntryShowsItsTotalsItsLinesTheDutyByMeasureAndEachLinesTrail() throws IOException {
        // reported: the report of a multi-line entry (lodestone assess --entry … --json) was refused as "not a result"
        String h = report("entry");
        assertThat(h).contains("<title>Lodestone report — Customs entry: 2 lines, entered 2026-03-02</title>")
                .contains("<body data-kind=\"entry\">")
                .contains("<tr><th scope=\"row\">Customs value</th><td>$20,000.00</td></tr>")
                .contains("<tr><th scope=\"row\">Total duty</th><td>$4,870.00</td></tr>")
                .contains("<tr><th scope=\"row\">Effective rate</th><td>24.35 %</td></tr>")
                .contains("<tr><th scope=\"row\">Landed cost</th><td>$24,870.00</td></tr>")
                .contains("<tr><td>1</td><td>2846.90.80.90</td><td>CN</td><td class=\"n\">$10,000.00</td><td class=\"n\">$370.00</td>"
                        + "<td class=\"n\">3.70 %</td><td>assessed</td></tr>")
                .contains("<tr><td>2</td><td>7408.11.60.00</td><td>CL</td><td class=\"n\">$10,000.00</td><td class=\"n\">$4,500.00</td>"
                        + "<td class=\"n\">45.00 %</td><td>assessed</td></tr>")
                .contains("<tr><td>general</td><td>Base rate (general)</td><td>C</td><td class=\"n\">$670.00</td><td>1, 2</td></tr>")
                .contains("<tr><td>9903.78.01</td>")
                .contains("<h3>Line 2: 7408.11.60.00 from CL</h3>")
                .contains("id=\"trail-1\"").contains("id=\"trail-2\"")
                .contains("9903.03.01 10.00% × $2,000.00 = $200.00")
                .contains("<tr><th scope=\"row\">Regime</th><td>us-2026</td></tr>")
                .doesNotContain("id=\"warnings\"");
        // the API's answer holds the entry under "entry", as a ledger record does
        ObjectNode answer = JSON.createObjectNode().put("id", 7);
        answer.set("entry", JSON.readTree(fixture("entry")));
        SavedResult wrapped = SavedResult.read(JSON.writeValueAsBytes(answer), "a.json");
        assertThat(wrapped.kind()).isEqualTo(SavedResult.Kind.ENTRY);
        assertThat(ResultReport.html(wrapped, "9.9.9", AT)).contains("<tr><th scope=\"row\">Stored as (id)</th><td>7</td></tr>");
    }

    @Test
    void warningsComeFirstWhereTheyCannotBeMissed() throws IOException {
        String h = report("assessment-beyond-horizon");
        int warnings = h.indexOf("<section class=\"warnings\" id=\"warnings\"><h2>Warnings (2)</h2>");
        assertThat(warnings).isPositive().isLessThan(h.indexOf("id=\"asked\""));
        assertThat(h).contains("<li>regime horizon: the entry date 2027-03-02 is after 2026-10-07, the last date through which the facts of "
                + "regime us-2026 were checked; measures that began or changed since then are not in these figures</li>")
                .contains("<li>2846.90.80 is not a declarable line (statistical suffix missing); rates and measures of 2846.90.80 used</li>");
    }

    @Test
    void aProhibitedLineSaysSoFirstAndGivesNoDutyFigures() throws IOException {
        String h = report("assessment-prohibited");
        assertThat(h).contains("<section class=\"warnings prohibited\" id=\"warnings\"><h2>Warnings (1)</h2>\n<ul>\n<li>Prohibited: us-uflpa: goods of "
                        + "an entity on the UFLPA Entity List are presumed made with forced labour and may not be entered (19 U.S.C. 1307; no de minimis)")
                .contains("<tr><th scope=\"row\">Total duty</th><td>none given for a prohibited line</td></tr>")
                .contains("<p id=\"measures\">None: the line is prohibited, and no duty figures are given for it.</p>")
                .contains("<li><span class=\"tag\">A blocked</span> us-uflpa prohibits entry:");
    }

    @Test
    void aLedgerEntryFromTheApiReportsItsRegimeVersionAndWhatWasDeclared() throws IOException {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("id", 42).put("created_at", "2026-12-01T09:30:00Z").put("at", "2026-12-01T09:30:00Z").put("actor", "jane")
                .put("regime", "bundled").put("regime_version", "2026.10.07");
        entry.set("request", JSON.readTree("{\"hts\": \"7408.11.60\", \"origin\": \"CL\", \"metal_content_value\": 8000}"));
        entry.set("assessment", JSON.readTree(fixture("assessment")));
        String h = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(entry), "assessment-42.json"), "9.9.9", AT);
        assertThat(h).contains("<tr><th scope=\"row\">Stored as (id)</th><td>42</td></tr>")
                .contains("<tr><th scope=\"row\">By</th><td>jane</td></tr>")
                .contains("<tr><th scope=\"row\">request: metal_content_value</th><td>8000</td></tr>")
                .contains("<tr><th scope=\"row\">Regime version</th><td>2026.10.07</td></tr>")
                .contains("<tr><th scope=\"row\">Result made</th><td>2026-12-01T09:30:00Z</td></tr>")
                .contains("<td>$4,500.00</td>");
    }

    @Test
    void aSavedCommandLineResultReportsTheRegimeVersionItNames() throws IOException {
        // lodestone assess --json (and --entry FILE --json) name the regime's version beside its id: a result saved from
        // the command line is tied to the edition of the data that gave its figures, as a ledger entry is
        ObjectNode line = (ObjectNode) JSON.readTree(fixture("assessment"));
        line.put("regime_version", "2026.12");
        String h = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(line), "line.json"), "9.9.9", AT);
        assertThat(h).contains("<tr><th scope=\"row\">Regime</th><td>us-2026</td></tr>")
                .contains("<tr><th scope=\"row\">Regime version</th><td>2026.12</td></tr>");
        ObjectNode entry = (ObjectNode) JSON.readTree(fixture("entry"));
        entry.put("regime_version", "2026.12");
        assertThat(ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(entry), "entry.json"), "9.9.9", AT))
                .contains("<tr><th scope=\"row\">Regime version</th><td>2026.12</td></tr>");
        // a result saved before results named it still says where the version is kept
        assertThat(report("assessment")).contains("<tr><th scope=\"row\">Regime version</th><td>not recorded in this result (its ledger entry, "
                + "GET /api/assessments/ID, records it)</td></tr>");
    }

    @Test
    void aScenarioRunShowsWelfarePricesFlowsAndAChart() throws IOException {
        String h = report("scenario-run");
        // the same decomposition as lodestone simulate prints: -51,219 = -432,726 + -175,740 + 557,247 + 0
        assertThat(h).contains("<tr><th scope=\"row\">Total welfare change</th><td>-51,219 thousand USD</td></tr>")
                .contains("<tr><th scope=\"row\">Consumer surplus change</th><td>-432,726 thousand USD</td></tr>")
                .contains("<tr><th scope=\"row\">Public revenue net of subsidies (change)</th><td>557,247 thousand USD</td></tr>")
                .contains("<tr><td>US</td><td class=\"n\">69.43</td><td class=\"n\">110.00</td><td class=\"n\">1,803</td><td class=\"n\">2,070</td>")
                .contains("<tr><td>CN</td><td>JP</td><td class=\"n\">3,178</td><td class=\"n\">1,590</td><td class=\"n\">44.14</td></tr>")
                .contains("<tr><td>non member share of club supply</td><td class=\"n\">87.8 %</td><td class=\"n\">83.9 %</td></tr>")
                .contains("<svg class=\"chart\" role=\"img\" aria-label=\"prices by region, baseline and scenario (USD/kg)\"")
                .contains("<tr><th scope=\"row\">Policies</th><td>price floor 110 for US+JP+EU27+MX</td></tr>");
    }

    @Test
    void aPathShowsItsYearsPricesAndProjects() throws IOException {
        String h = report("path");
        assertThat(h).contains("<title>Lodestone report — Scenario path: ndpr-2025-2040</title>")
                .contains("<tr><th scope=\"row\">Expectations</th><td>myopic (projects expect this year&#39;s price to last)</td></tr>")
                .contains("<tr><th scope=\"row\">Years</th><td>2025–2027</td></tr>")
                .contains("<tr><td>2025</td><td class=\"n\">65.36</td>")
                .contains("<li>2025: Nolans (LY): NPV 142.6 per unit of capacity ≥ 0 at the expected price 65.36")
                .contains("<tr><td>2025</td><td class=\"n\">16.1 %</td><td class=\"n\">557,247</td><td class=\"n\">0</td><td class=\"n\">-557,247</td>")
                .contains("aria-label=\"prices by region and year\"")
                .contains("<tr><th scope=\"row\">Solver</th><td>solves 16, pivots 297</td></tr>");
    }

    @Test
    void aMonteCarloRunShowsItsFanAsChartAndTable() throws IOException {
        String h = report("montecarlo");
        assertThat(h).contains("<h3>price[US]</h3>")
                .contains("aria-label=\"fan chart of price[US]\"")
                .contains("<tr><td>2027</td><td class=\"n\">50</td><td class=\"n\">975.1</td><td class=\"n\">843.6</td><td class=\"n\">557.3</td>"
                        + "<td class=\"n\">584.8</td><td class=\"n\">713.0</td><td class=\"n\">1,111</td><td class=\"n\">2,709</td></tr>")
                .contains("<tr><th scope=\"row\">Draws</th><td>50</td></tr>")
                .contains("<tr><th scope=\"row\">Years</th><td>2025–2035</td></tr>");
    }

    /** Statistical review: an event's probability is shown with the draws it rests on and its 95 % (Wilson) interval. */
    @Test
    void anEventIsShownWithItsDrawsAndInterval() throws IOException {
        ObjectNode mc = (ObjectNode) JSON.readTree(fixture("montecarlo"));
        mc.set("events", JSON.readTree("{\"price[US](2027) >= 2000\": 0.1}"));
        mc.set("event_estimates", JSON.readTree("{\"price[US](2027) >= 2000\": {\"met\": 5, \"draws\": 50, \"probability\": 0.1, "
                + "\"se\": 0.042426406871192854, \"low95\": 0.04347668055429929, \"high95\": 0.21360433052870536}}"));
        String h = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(mc), "mc.json"), "9.9.9", AT);
        assertThat(h).contains("<th scope=\"col\">draws that met it</th>")
                .contains("<tr><td>price[US](2027) &gt;= 2000</td><td class=\"n\">10.0 %</td><td>5 of 50</td><td>4.3 % to 21.4 %</td></tr>");
    }

    @Test
    void failedDrawsAreAWarning() throws IOException {
        ObjectNode mc = (ObjectNode) JSON.readTree(fixture("montecarlo"));
        mc.put("failures", 3);
        mc.set("failure_samples", JSON.readTree("[\"draw 7: no equilibrium\"]"));
        String h = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(mc), "mc.json"), "9.9.9", AT);
        assertThat(h).contains("<li>3 of 50 draws failed (no equilibrium); the statistics are of the others: draw 7: no equilibrium</li>");
    }

    /** A valuation's report says its money is real (constant 2026 dollars) and which years it valued, as its JSON does. */
    @Test
    void aValuationSaysItsMoneyIsRealAndItsYears() throws IOException {
        ObjectNode v = (ObjectNode) JSON.readTree(fixture("valuation"));
        v.put("money_basis", "real: constant 2026 US dollars (prices, costs and support are not escalated; the discount rates are real)");
        v.put("years", 40);
        v.put("first_year", 2026);
        v.put("last_year", 2065);
        String h = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(v), "v.json"), "9.9.9", AT);
        assertThat(h).contains("<tr><th scope=\"row\">Money basis</th><td>real: constant 2026 US dollars (prices, costs and support are not "
                        + "escalated; the discount rates are real)</td></tr>")
                .contains("<tr><th scope=\"row\">Years</th><td>40 (2026–2065)</td></tr>");
        // one saved before they were said reads as it did
        assertThat(report("valuation")).doesNotContain("Money basis").contains("<tr><th scope=\"row\">Years</th><td>20</td></tr>");
    }

    /** A valuation whose project's file states closure, working capital and mid-year discounting says them, as its JSON does. */
    @Test
    void aValuationSaysTheClosureWorkingCapitalAndDiscountingItTookFromTheFile() throws IOException {
        ObjectNode v = (ObjectNode) JSON.readTree(fixture("valuation"));
        v.put("discounting", "mid-year");
        v.set("closure", JSON.readTree("{\"cost\": {\"value\": 60, \"assumption\": \"A2\"}, \"first_year\": 2046, \"last_year\": 2048, \"cost_musd\": 60.0}"));
        v.set("working_capital", JSON.readTree("{\"receivables_days\": {\"value\": 36.5, \"assumption\": \"A3\"}, \"inventory_days\": null, "
                + "\"payables_days\": {\"value\": 30, \"assumption\": \"A3\"}}"));
        String h = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(v), "v.json"), "9.9.9", AT);
        assertThat(h).contains("<tr><th scope=\"row\">Discounting</th><td>mid-year</td></tr>")
                .contains("<tr><th scope=\"row\">Closure and rehabilitation</th><td>60 " + v.get("money").asText() + " in 2046–2048</td></tr>")
                .contains("<tr><th scope=\"row\">Working capital</th><td>receivables 36.5 days of revenue, inventory 0 and payables 30 days of "
                        + "cash costs</td></tr>");
        assertThat(report("valuation")).doesNotContain("Discounting").doesNotContain("Closure and rehabilitation").doesNotContain(">Working capital<");
    }

    @Test
    void aValuationShowsTheNpvAndIrrDistributionLossProbabilityDscrAndAHistogram() throws IOException {
        String h = report("valuation");
        assertThat(h).contains("<tr><th scope=\"row\">Probability of loss without support</th><td>4.21 %</td></tr>")
                .contains("<tr><th scope=\"row\">Probability of loss with support</th><td>0.00 %</td></tr>")
                .contains("<tr><td>NPV with support</td><td class=\"n\">947.1</td><td class=\"n\">162.2</td><td class=\"n\">760.3</td>"
                        + "<td class=\"n\">925.2</td><td class=\"n\">1,160.2</td><td class=\"n\">0.51</td></tr>")
                .contains("<tr><td>IRR without support</td><td class=\"n\">13.13 %</td>")
                .contains("<tr><td>Support&#39;s value to the project</td><td class=\"n\">477.1</td><td class=\"n\">200.8</td><td class=\"n\">—</td>")
                .contains("<tr><th scope=\"row\">Mean of the minimum DSCR</th><td>1.09</td></tr>")
                .contains("<tr><th scope=\"row\">Probability the minimum DSCR is below 1</th><td>49.6 %</td></tr>")
                .contains("<tr><th scope=\"row\">Breakeven price without support</th><td>64.53 USD/kg</td></tr>")
                .contains("aria-label=\"NPV histogram with and without support (million USD)\"")
                .contains("Paths outside the range drawn: with support 0 below, 490 above; without support 499 below, 344 above.")
                .contains("<tr><th scope=\"row\">Support</th><td>floor 110 USD/kg with 30 % of the upside returned for 10 years</td></tr>");
        // 40 bins for each of the two histograms
        assertThat(h.split("fill-opacity=\"0.55\"/>", -1).length - 1).isEqualTo(80);
    }

    @Test
    void floorsRankingSeekAndSensitivity() throws IOException {
        assertThat(report("floors")).contains("<tr><td>percentile:75</td><td class=\"n\">49.18</td><td>P75 of the market-economy cost curve (5 producers, 23,990 t/yr)</td>")
                .contains("<tr><td>mp-mountain-pass</td><td>US</td><td class=\"n\">47.22</td><td class=\"n\">6,000</td></tr>")
                .contains("<p id=\"note\"><b>Note:</b> percentile:75 (49.2), marginal:6845 (64.5)");
        assertThat(report("ranking")).contains("<tr><td class=\"n\">1</td><td>mp-mountain-pass</td><td>MP Materials — Mountain Pass (NdPr oxide)</td><td>US</td>"
                + "<td class=\"n\">4,700</td><td class=\"n\">47.22</td><td class=\"n\">47.59</td><td class=\"n\">1,918</td><td>yes</td>")
                .contains("<tr><th scope=\"row\">Club</th><td>US, JP, EU27, MX</td></tr>");
        assertThat(report("seek")).contains("<tr><th scope=\"row\">Value of floor</th><td>130.1</td></tr>")
                .contains("<tr><td class=\"n\">1</td><td class=\"n\">80.0</td><td class=\"n\">0.5036</td></tr>")
                .doesNotContain("id=\"warnings\"");
        assertThat(report("sensitivity")).contains("<tr><td>ban.months</td><td class=\"n\">9.00</td><td class=\"n\">21.0</td><td class=\"n\">583.8</td><td class=\"n\">4,058</td></tr>")
                .contains("base 1,341");
    }

    @Test
    void aBulkJobsSummaryReconcilesItsCountsAndWarnsOfRejectsAndProhibitions() throws IOException {
        String h = report("bulk-job");
        assertThat(h).contains("<h1>Bulk assessment: entries.csv (job #3)</h1>")
                .contains("<tr><th scope=\"row\">Total duty</th><td>$1,234,567.89</td></tr>")
                .contains("<p>Lines done = assessed + prohibited + rejected: 200 = 190 + 2 + 8.")
                .contains("<li>8 lines were rejected and are not in the total duty: each with its field and reason in the rejects file</li>")
                .contains("<li>2 lines are prohibited: no duty is given for them, and they are not in the total duty</li>")
                .contains("<tr><th scope=\"row\">SHA-256 of the file</th><td>9f2c0a1b</td></tr>")
                .contains("<tr><th scope=\"row\">Regime</th><td>bundled</td></tr>");
        ObjectNode broken = (ObjectNode) JSON.readTree(fixture("bulk-job"));
        broken.put("assessed", 189).put("status", "running");
        String b = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(broken), "job.json"), "9.9.9", AT);
        assertThat(b).contains("<li>The job is not finished (status running): the counts are of the lines done so far</li>")
                .contains("<li>The counts do not reconcile: lines done 200 ≠ assessed + prohibited + rejected 199</li>");
        ObjectNode cancelled = (ObjectNode) JSON.readTree(fixture("bulk-job"));
        cancelled.put("status", "cancelled");
        String c = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(cancelled), "job.json"), "9.9.9", AT);
        assertThat(c).contains("<li>The job was cancelled after 200 lines: the counts are of those lines, the rest of the file was not assessed</li>")
                .doesNotContain("not finished");
    }

    // ------------------------------------------------------------------ what-ifs and stockpiles

    @Test
    void aWhatIfOfAShipmentShowsBothSidesTheChangeAndTheDutyByMeasure() throws IOException {
        // POST /api/compare of one shipment: the same line under two sides (here the active regime on another date)
        String h = report("whatif-shipment");
        assertThat(h).contains("<title>Lodestone report — What-if: 2846.90.80.90 from CN, bundled on 2026-03-02 against bundled on 2025-12-31</title>")
                .contains("<body data-kind=\"whatif-shipment\">")
                .contains("<tr><th scope=\"row\">Side A</th><td>bundled on 2026-03-02</td></tr>")
                .contains("<tr><th scope=\"row\">Side B</th><td>bundled on 2025-12-31</td></tr>")
                .contains("<tr><th scope=\"row\">Entry date</th><td>2026-03-02 (A), 2025-12-31 (B)</td></tr>")
                .contains("<thead><tr><th scope=\"col\"></th><th scope=\"col\" class=\"n\">A: bundled on 2026-03-02</th><th scope=\"col\" class=\"n\">"
                        + "B: bundled on 2025-12-31</th><th scope=\"col\" class=\"n\">change (B − A)</th></tr></thead>")
                .contains("<tr><td>Total duty</td><td class=\"n\">$370.00</td><td class=\"n\">$1,370.00</td><td class=\"n\">+$1,000.00</td></tr>")
                .contains("<tr><td>Effective rate</td><td class=\"n\">3.70 %</td><td class=\"n\">13.70 %</td><td class=\"n\">+10.00 percentage points</td></tr>")
                .contains("<tr><td>Landed cost</td><td class=\"n\">$10,370.00</td><td class=\"n\">$11,370.00</td><td class=\"n\">+$1,000.00</td></tr>")
                .contains("<tr><td>Base rate (general)</td><td>general</td><td>base-rate</td><td class=\"n\">$370.00</td><td class=\"n\">$370.00</td>"
                        + "<td class=\"n\">$0.00</td></tr>")
                .contains("<td>9903.01.24</td><td>additional-duty</td><td class=\"n\">not applied</td><td class=\"n\">$1,000.00</td><td class=\"n\">+$1,000.00</td></tr>")
                .contains("<h2>Side B: bundled on 2025-12-31</h2>").contains("id=\"trail-a\"").contains("id=\"trail-b\"")
                .contains("<li>Under both sides: production regions not declared: us-uflpa blocks goods")
                .contains("<tr><th scope=\"row\">Regime</th><td>us-2026</td></tr>");
        // a difference that is not B − A of the sides' totals is said, not hidden
        ObjectNode w = (ObjectNode) JSON.readTree(fixture("whatif-shipment"));
        w.put("difference", new java.math.BigDecimal("999.00"));
        assertThat(ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(w), "w.json"), "9.9.9", AT))
                .contains("<li>The difference does not reconcile: B − A of the total duties is +$1,000.00, the result says +$999.00</li>");
        // prohibited under one side: no duty figures there, no difference, said first
        ObjectNode p = (ObjectNode) JSON.readTree(fixture("whatif-shipment"));
        ObjectNode b = (ObjectNode) p.get("b").get("assessment");
        b.put("status", "prohibited").putNull("total_duty");
        b.set("prohibitions", JSON.readTree("[\"us-uflpa: goods of an entity on the UFLPA Entity List\"]"));
        p.putNull("difference");
        assertThat(ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(p), "p.json"), "9.9.9", AT))
                .contains("<li>Prohibited under bundled on 2025-12-31: us-uflpa: goods of an entity on the UFLPA Entity List</li>")
                .contains("<li>No difference of the total duties: prohibited under bundled on 2025-12-31</li>")
                .contains("<tr><td>Total duty</td><td class=\"n\">$370.00</td><td class=\"n\">none (prohibited)</td><td class=\"n\">—</td></tr>");
    }

    @Test
    void aWhatIfOfACustomsEntryShowsTheTotalsEachLineAndTheDutyByMeasureUnderBothSides() throws IOException {
        // lodestone compare --entry examples/entry/two-lines.json --with date:2025-12-31 --json
        String h = report("whatif-entry");
        assertThat(h).contains("<h1>What-if: customs entry of 2 lines, us-2026 on 2026-03-02 against us-2026 on 2025-12-31</h1>")
                .contains("<body data-kind=\"whatif-entry\">")
                .contains("<tr><td>Customs value</td><td class=\"n\">$20,000.00</td><td class=\"n\">$20,000.00</td><td class=\"n\">$0.00</td></tr>")
                .contains("<tr><td>Total duty</td><td class=\"n\">$4,870.00</td><td class=\"n\">$5,870.00</td><td class=\"n\">+$1,000.00</td></tr>")
                .contains("<tr><td>1</td><td>2846.90.80.90</td><td>CN</td><td class=\"n\">$370.00</td><td class=\"n\">$1,370.00</td><td class=\"n\">+$1,000.00</td></tr>")
                .contains("<tr><td>2</td><td>7408.11.60.00</td><td>CL</td><td class=\"n\">$4,500.00</td><td class=\"n\">$4,500.00</td><td class=\"n\">$0.00</td></tr>")
                .contains("<tr><td>Section 122 temporary import surcharge (balance of payments), 150 days</td><td>9903.03.01</td><td>E</td>"
                        + "<td class=\"n\">$200.00</td><td class=\"n\">not applied</td><td class=\"n\">-$200.00</td></tr>")
                .contains("<td>9903.01.25</td><td>E</td><td class=\"n\">not applied</td><td class=\"n\">$200.00</td><td class=\"n\">+$200.00</td></tr>")
                .contains("<tr><th scope=\"row\">Regime</th><td>us-2026</td></tr>");
    }

    @Test
    void aWhatIfThatMovedOriginsSaysEachSidesOriginOfALine() throws IOException {
        // compare --origin CN=VN: each top line has origin (side A's) and origin_b (side B's); one not moved shows one origin
        ObjectNode f = (ObjectNode) JSON.readTree(fixture("whatif-file"));
        ((ObjectNode) f.get("top").get(0)).put("origin_b", "VN");
        ((ObjectNode) f.get("top").get(1)).put("origin_b", f.get("top").get(1).get("origin").asText());
        String h = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(f), "moved.json"), "9.9.9", AT);
        assertThat(h).contains("<tr><td>ndpr-1</td><td>2846.90.20.40</td><td>CN (A), VN (B)</td>")
                .contains("<td>" + f.get("top").get(1).get("origin").asText() + "</td><td class=\"n\">");
        f.set("origins_moved", JSON.readTree("[{\"from\": \"CN\", \"to\": \"VN\", \"lines\": 4}, {\"from\": \"CH\", \"to\": \"VN\", \"lines\": 0}]"));
        String m = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(f), "moved.json"), "9.9.9", AT);
        assertThat(m).contains("<tr><th scope=\"row\">Origins moved under B</th><td>CN → VN: 4 lines; CH → VN: 0 lines</td></tr>")
                .contains("<li>Origin CH → VN moved no line: no line of the file is of origin CH</li>");
        assertThat(ResultReport.bothOrigins("MX", "CN")).isEqualTo("MX (A), CN (B)");
        assertThat(ResultReport.bothOrigins("MX", null)).isEqualTo("MX");
    }

    @Test
    void aWhatIfOfAFileShowsItsCountsTotalsLargestChangesAndTheLinesNotCompared() throws IOException {
        // lodestone compare examples/bulk/entries.csv --with bundled:plurilateral --top 4 --json
        String h = report("whatif-file");
        assertThat(h).contains("<h1>What-if of entry lines, us-2026 against us-2026-plurilateral-illustrative</h1>")
                .contains("<body data-kind=\"whatif-file\">")
                .contains("<li>5 lines were not compared and are in neither total (listed below with the reason)</li>")
                .contains("<tr><th scope=\"row\">Lines read</th><td>16</td></tr>")
                .contains("<tr><th scope=\"row\">Compared</th><td>11</td></tr>")
                .contains("<tr><th scope=\"row\">Total duty under A: us-2026</th><td>$38,122.35</td></tr>")
                .contains("<tr><th scope=\"row\">Total duty under B: us-2026-plurilateral-illustrative</th><td>$90,622.35</td></tr>")
                .contains("<tr><th scope=\"row\">Change (B − A)</th><td>+$52,500.00</td></tr>")
                .contains("<tr><td>ndpr-1</td><td>2846.90.20.40</td><td>CN</td><td class=\"n\">$0.00</td><td class=\"n\">$50,000.00</td><td class=\"n\">+$50,000.00</td></tr>")
                .contains("<tr><td class=\"n\">15</td><td>bad-2</td><td>entry_date: bad date &#39;2026-13-02&#39;; expected yyyy-mm-dd</td></tr>")
                .contains("<tr><th scope=\"row\">Regime</th><td>us-2026 (side A); side B: us-2026-plurilateral-illustrative</td></tr>");
        // a recorded what-if (GET /api/whatifs/ID) holds it under result, with the file's name as its subject
        ObjectNode rec = JSON.createObjectNode().put("id", 9).put("created_at", "2026-12-01T09:30:00Z").put("actor", "jane").put("kind", "file")
                .put("regime", "bundled").put("compared_with", "bundled:plurilateral").put("subject", "entries.csv");
        rec.set("request", JSON.readTree("{\"with\": \"bundled:plurilateral\", \"top\": 4}"));
        rec.set("result", JSON.readTree(fixture("whatif-file")));
        SavedResult s = SavedResult.read(JSON.writeValueAsBytes(rec), "GET /api/whatifs/9");
        assertThat(s.kind()).isEqualTo(SavedResult.Kind.WHATIF_FILE);
        assertThat(ResultReport.html(s, "9.9.9", AT)).contains("<h1>What-if of entry lines: entries.csv, us-2026 against us-2026-plurilateral-illustrative</h1>")
                .contains("<tr><th scope=\"row\">Stored as (id)</th><td>9</td></tr>")
                .contains("<tr><th scope=\"row\">Subject</th><td>entries.csv</td></tr>")
                .contains("<tr><th scope=\"row\">request: with</th><td>bundled:plurilateral</td></tr>");
        // totals that do not reconcile are said
        ObjectNode bad = (ObjectNode) JSON.readTree(fixture("whatif-file"));
        bad.put("total_change", new java.math.BigDecimal("52400.00"));
        assertThat(ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(bad), "b.json"), "9.9.9", AT))
                .contains("<li>The totals do not reconcile: B − A is +$52,500.00, the result&#39;s change is +$52,400.00</li>");
    }

    @Test
    void aCompareJobsPartialResultIsReportedAsPartialNeverAsTheWholeFile() throws IOException {
        // GET /api/compare-jobs/{id}/result?partial=true: the figures of a cancelled job's first lines, said partial in the field
        // partial; saved and sent to POST /api/reports, it was reported as the what-if of the whole file, its partial unsaid
        ObjectNode r = (ObjectNode) JSON.readTree(fixture("whatif-file"));
        String said = "the job was cancelled after 10000 lines: these figures cover the first 10000 entries, the file's lines 2 to 10001"
                + " (line 1 is its header); lines 10002 on were not compared, and no what-if was recorded";
        r.put("partial", said);
        String h = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(r), "what-comparison-partial-10000-lines.json"), "9.9.9", AT);
        assertThat(h).contains("<h1>What-if of entry lines (partial), us-2026 against us-2026-plurilateral-illustrative</h1>")
                .contains("<li>Partial: " + said.replace("'", "&#39;") + "</li>")
                .contains("<tr><th scope=\"row\">Lines read</th><td>16</td></tr>");
        assertThat(report("whatif-file")).doesNotContain("partial").doesNotContain("Partial");
    }

    @Test
    void aWhatIfOfAFileSaysEachSidesWarningsAtTheTop() throws IOException {
        // compare … --with date:2027-06-01 --json: each side's warnings with the lines that gave them (a fixture from before has none)
        ObjectNode r = (ObjectNode) JSON.readTree(fixture("whatif-file"));
        r.putArray("warnings").add("B: regime horizon: the entry date 2027-06-01 is after 2026-10-07 (12 lines)").add("A: " + HOSTILE + " (1 line)");
        assertThat(ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(r), "w.json"), "9.9.9", AT))
                .contains("<li>B: regime horizon: the entry date 2027-06-01 is after 2026-10-07 (12 lines)</li>")
                .contains("<li>A: " + HOSTILE_ESCAPED + " (1 line)</li>");
        assertThat(report("whatif-file")).doesNotContain("regime horizon");
    }

    @Test
    void aStockpilesCoverShowsMonthsOfCoverTheDisruptionAndTheTargets() throws IOException {
        // lodestone stockpile cover --disruption gallium-ban --months 13 --json prints the lines alone, as an array
        String h = report("cover");
        assertThat(h).contains("<h1>Stockpile cover, imports of US, in gallium-ban</h1>").contains("<body data-kind=\"stockpile-cover\">")
                .contains("<tr><th scope=\"row\">Disruption</th><td>gallium-ban for 13 months</td></tr>")
                .contains("<tr><td>gallium</td><td class=\"n\">20,000</td><td>gallium</td><td class=\"n\">18,970</td><td class=\"n\">12.7</td><td>2028-01-20</td>"
                        + "<td class=\"n\">830</td><td class=\"n\">24.1</td><td>2029-01-02</td><td>yes</td></tr>")
                .contains("<tr><td>dysprosium</td><td class=\"n\">8,000</td><td>—</td><td class=\"n\">0</td><td class=\"n\">—</td><td>—</td>")
                .contains("<li>dysprosium: no bundled market trades dysprosium: cover cannot be computed</li>")
                .contains("<tr><td>cobalt</td><td>Korea (KOMIR target, 100 days)</td><td class=\"n\">100</td><td class=\"n\">3.3</td><td class=\"n\">1,885,131</td>"
                        + "<td class=\"n\">1,500,000</td><td>no</td></tr>");
        // the API's answer (GET /api/stockpiles/NAME/cover) names the stockpile, the position's date and the start
        ObjectNode api = JSON.createObjectNode().put("stockpile", "project-vault").put("as_of", "2026-12-31").put("region", "US").put("start", "2026-12-31");
        api.set("lines", JSON.readTree(fixture("cover")));
        ((ObjectNode) api.get("lines").get(0).get("disruption")).put("lasts_the_disruption", false);
        String a = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(api), "cover.json"), "9.9.9", AT);
        assertThat(a).contains("<h1>Stockpile cover: project-vault, imports of US, in gallium-ban</h1>")
                .contains("<tr><th scope=\"row\">Position as of</th><td>2026-12-31</td></tr>")
                .contains("<li>gallium: the holding runs out on 2029-01-02, before the 13-month disruption ends</li>");
    }

    @Test
    void aCoordinatedReleaseShowsItsSharesPricesPathAndCost() throws IOException {
        // lodestone stockpile release --mineral gallium --disruption gallium-ban --months 13 --rule imports --json
        String h = report("release");
        assertThat(h).contains("<h1>Coordinated release: gallium in gallium-ban (13 months from 2026-12-31)</h1>")
                .contains("<body data-kind=\"stockpile-release\">")
                .contains("<tr><th scope=\"row\">Released</th><td>59,415 kg</td></tr>")
                .contains("<tr><th scope=\"row\">Net (proceeds − book cost)</th><td>$284,035,575.69</td></tr>")
                .contains("<tr><td>project-vault</td><td>US</td><td class=\"n\">18,970</td><td class=\"n\">33.7 %</td><td class=\"n\">20,000</td><td>yes</td>"
                        + "<td class=\"n\">$11,750,000.00</td><td class=\"n\">$107,255,528.80</td><td>ledger project-vault as of 2026-12-31</td></tr>")
                .contains("<tr><td>US</td><td class=\"n\">584.57</td><td class=\"n\">24,189.69</td><td class=\"n\">5,362.78</td></tr>")
                .contains("aria-label=\"prices by region: baseline, disruption without and with the release (USD/kg)\"")
                .contains("<th scope=\"col\" class=\"n\">project-vault (kg)</th>")
                .contains("<tr><td>2026-12-31</td><td class=\"n\">1,538</td><td class=\"n\">1,350</td><td class=\"n\">1,682</td></tr>")
                .contains("<li>project-vault&#39;s share is capped at what it holds (20,000 kg)</li>");
        // 13 months in the path
        assertThat(h.substring(h.indexOf("id=\"path\"")).split("<tr><td>", -1).length - 1).isEqualTo(13);
    }

    // ------------------------------------------------------------------ escaping

    static final Set<String> TAGS = Set.of("html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "section", "ul", "ol", "li",
            "table", "thead", "tbody", "tr", "th", "td", "b", "span", "footer", "svg", "line", "text", "tspan", "rect", "polygon", "polyline");
    static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "http-equiv", "content", "name", "data-kind", "class", "id", "scope", "role", "aria-label",
            "viewBox", "width", "height", "font-family", "font-size", "x", "y", "x1", "x2", "y1", "y2", "stroke", "stroke-width", "fill",
            "fill-opacity", "points", "text-anchor", "dy");

    /** Every text of the JSON (and the keys of the maps a report prints) with the hostile text added; enumerations kept. */
    static JsonNode hostile(JsonNode n, String key) {
        if (n.isTextual()) {
            return Set.of("status", "outcome", "kind").contains(key) ? n : TextNode.valueOf(n.textValue() + HOSTILE);
        }
        if (n.isArray()) {
            var a = JSON.createArrayNode();
            for (JsonNode x : n) a.add(hostile(x, key));
            return a;
        }
        if (n.isObject()) {
            ObjectNode o = JSON.createObjectNode();
            // names the report prints: a metric, an event, a release's participant and market region
            boolean freeKeys = Set.of("metrics", "events", "event_estimates", "kg", "release_per_year_by_region").contains(key);
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                o.set(freeKeys ? e.getKey() + HOSTILE : e.getKey(), hostile(e.getValue(), e.getKey()));
            }
            return o;
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"assessment", "assessment-beyond-horizon", "assessment-prohibited", "entry", "scenario-run", "path", "montecarlo", "seek", "sensitivity", "valuation", "floors", "ranking", "bulk-job",
            "whatif-shipment", "whatif-entry", "whatif-file", "cover", "release"})
    void hostileTextInEveryTextFieldIsEscaped(String name) throws IOException {
        JsonNode bad = hostile(JSON.readTree(fixture(name)), "");
        String h = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(bad), name + HOSTILE + ".json"), "9.9.9" + HOSTILE, AT);
        assertThat(h).doesNotContain("<script").doesNotContain("alert('x')").doesNotContain("\"q\"");
        // every element and attribute is one the report writes: nothing injected
        Matcher tag = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>").matcher(h);
        List<String> seen = new ArrayList<>();
        while (tag.find()) {
            assertThat(TAGS).as("element <%s>", tag.group(1)).contains(tag.group(1));
            Matcher attr = Pattern.compile("\\s([a-zA-Z-]+)=\"[^\"]*\"").matcher(tag.group(2));
            while (attr.find()) assertThat(ATTRIBUTES).as("attribute %s", attr.group(1)).contains(attr.group(1));
            seen.add(tag.group(1));
        }
        assertThat(seen).contains("table");
        // the hostile text is there, escaped: in the title, the provenance (version, file name) and the result's own texts
        int escaped = h.split(Pattern.quote(HOSTILE_ESCAPED), -1).length - 1;
        int texts = countTexts(bad);
        assertThat(escaped).as("escaped hostile texts of %d in the result", texts).isGreaterThanOrEqualTo(Math.min(texts, 20));
        assertThat(h).contains("<td>9.9.9" + HOSTILE_ESCAPED + "</td>").contains("<td>" + name + HOSTILE_ESCAPED + ".json</td>");
    }

    static int countTexts(JsonNode n) {
        if (n.isTextual()) return n.textValue().contains(HOSTILE) ? 1 : 0;
        int c = 0;
        for (JsonNode x : n) c += countTexts(x);
        return c;
    }

    @Test
    void hostileMetricNamesInChartsAreEscaped() throws IOException {
        ObjectNode mc = (ObjectNode) JSON.readTree(fixture("montecarlo"));
        ObjectNode metrics = (ObjectNode) mc.get("metrics");
        metrics.set("price[US]" + HOSTILE, metrics.remove("price[US]"));
        mc.set("events", JSON.createObjectNode().put("P" + HOSTILE, 0.25));
        String h = ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(mc), "mc.json"), "9.9.9", AT);
        assertThat(h).doesNotContain("<script").contains("<h3>price[US]" + HOSTILE_ESCAPED + "</h3>")
                .contains("aria-label=\"fan chart of price[US]" + HOSTILE_ESCAPED + "\"")
                .contains("<title>fan chart of price[US]" + HOSTILE_ESCAPED + "</title>")
                .contains("<tr><td>P" + HOSTILE_ESCAPED + "</td><td class=\"n\">25.0 %</td></tr>");
    }

    @Test
    void theOneEscapingPath() {
        assertThat(Html.escape(HOSTILE)).isEqualTo(HOSTILE_ESCAPED);
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void thePageLoadsNothingAndForbidsScripts() throws IOException {
        String h = report("valuation");
        assertThat(h).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; "
                + "img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;\">")
                .contains("@media print").doesNotContain("<script").doesNotContain("<link").doesNotContain("src=").doesNotContain("http://")
                .doesNotContain("https://").doesNotContain("url(");
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void anythingElseIsRefusedSayingWhatWasExpected() throws IOException {
        assertThatThrownBy(() -> SavedResult.read(new byte[0], "x.json")).isInstanceOf(ReportRefused.class)
                .hasMessage("x.json: the file is empty; " + SavedResult.EXPECTED);
        assertThatThrownBy(() -> SavedResult.read("{\"a\": ".getBytes(StandardCharsets.UTF_8), "x.json")).isInstanceOf(ReportRefused.class)
                .hasMessage("x.json: not valid JSON: it ends before the JSON value is complete (line 1, column 7); the object opened at line 1, column 1 is "
                        + "not closed; " + SavedResult.EXPECTED);
        assertThatThrownBy(() -> SavedResult.read("[1, 2]".getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessage("x.json: an array, not a JSON object; " + SavedResult.EXPECTED);
        assertThatThrownBy(() -> SavedResult.read("{\"region\": \"CN\", \"price\": 3}".getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessage("x.json: not a result Lodestone reports on (an object with keys region, price); " + SavedResult.EXPECTED);
        assertThatThrownBy(() -> SavedResult.read("{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8), "x.json"))
                .hasMessage("x.json: not valid JSON: duplicate field 'a' at line 1, column 10; a field may be given once; " + SavedResult.EXPECTED);
        assertThatThrownBy(() -> SavedResult.read("{\"company\": \"X\", \"lines\": [], \"alternatives\": []}".getBytes(StandardCharsets.UTF_8), "e.json"))
                .hasMessageStartingWith("e.json: a company's exposure; its report is written by lodestone exposure FILE --report REPORT.html");
        assertThatThrownBy(() -> SavedResult.read("{\"id\": 9, \"status\": \"failed\", \"error\": \"no equilibrium\", \"result\": null}"
                .getBytes(StandardCharsets.UTF_8), "run.json"))
                .hasMessageStartingWith("run.json: the answer holds no result to report on (status failed: no equilibrium); expected");
    }

    @Test
    void aNumberOfAMillionDigitsIsRefusedNotPrinted() throws IOException {
        String a = new String(fixture("assessment"), StandardCharsets.UTF_8).replace("\"total_duty\" : 4500.00", "\"total_duty\" : 1e999999999");
        assertThatThrownBy(() -> SavedResult.read(a.getBytes(StandardCharsets.UTF_8), "a.json"))
                .hasMessage("a.json: total_duty: the number is out of range (more than 1000 digits before or after the point)");
    }

    @Test
    void aKnownResultMissingAFieldIsRefusedWithWhere() throws IOException {
        ObjectNode a = (ObjectNode) JSON.readTree(fixture("assessment"));
        ((ObjectNode) a.get("measures").get(1)).remove("amount");
        assertThatThrownBy(() -> ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(a), "a.json"))).isInstanceOf(ReportRefused.class)
                .hasMessage("a.json: not a complete assessment: measures[1].amount is missing; expected a number")
                .extracting(e -> ((ReportRefused) e).field()).isEqualTo("measures[1].amount");
        ObjectNode v = (ObjectNode) JSON.readTree(fixture("valuation"));
        ((ObjectNode) v.get("npv_with")).put("mean", "high");
        assertThatThrownBy(() -> ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(v), "v.json")))
                .hasMessage("v.json: not a complete project valuation: npv_with.mean is a text; expected a number");
        // a histogram count that is not a whole number was an ArithmeticException (an internal error, a 500 from the API)
        ObjectNode h = (ObjectNode) JSON.readTree(fixture("valuation"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) h.get("histogram_without").get("counts")).set(1, new java.math.BigDecimal("1.5"));
        assertThatThrownBy(() -> ResultReport.html(SavedResult.read(JSON.writeValueAsBytes(h), "h.json"))).isInstanceOf(ReportRefused.class)
                .hasMessage("h.json: not a complete project valuation: histogram_without.counts[1] is 1.5; expected a count (a whole number, 0 or more)");
    }

    @Test
    void theKindIsToldFromTheShape() throws IOException {
        assertThat(SavedResult.read(fixture("entry"), "f").kind()).isEqualTo(SavedResult.Kind.ENTRY);
        for (var e : Map.ofEntries(Map.entry("assessment", SavedResult.Kind.ASSESSMENT),
                Map.entry("scenario-run", SavedResult.Kind.SCENARIO_RUN),
                Map.entry("path", SavedResult.Kind.PATH),
                Map.entry("montecarlo", SavedResult.Kind.MONTECARLO),
                Map.entry("seek", SavedResult.Kind.SEEK),
                Map.entry("sensitivity", SavedResult.Kind.SENSITIVITY),
                Map.entry("valuation", SavedResult.Kind.VALUATION),
                Map.entry("floors", SavedResult.Kind.FLOORS),
                Map.entry("ranking", SavedResult.Kind.RANKING),
                Map.entry("bulk-job", SavedResult.Kind.BULK_JOB),
                Map.entry("whatif-shipment", SavedResult.Kind.WHATIF_SHIPMENT),
                Map.entry("whatif-entry", SavedResult.Kind.WHATIF_ENTRY),
                Map.entry("whatif-file", SavedResult.Kind.WHATIF_FILE),
                Map.entry("cover", SavedResult.Kind.STOCKPILE_COVER),
                Map.entry("release", SavedResult.Kind.STOCKPILE_RELEASE)).entrySet()) {
            assertThat(SavedResult.read(fixture(e.getKey()), "f").kind()).as(e.getKey()).isEqualTo(e.getValue());
        }
        // a path job's answer (GET /api/path-jobs/ID) and a stored run hold theirs under "result"
        ObjectNode job = JSON.createObjectNode().put("id", 5).put("kind", "montecarlo").put("status", "done");
        job.set("result", JSON.readTree(fixture("montecarlo")));
        SavedResult s = SavedResult.read(JSON.writeValueAsBytes(job), "job.json");
        assertThat(s.kind()).isEqualTo(SavedResult.Kind.MONTECARLO);
        assertThat(s.wrapper().get("id").asInt()).isEqualTo(5);
    }

    /** A bulk job (GET /api/bulk-jobs/ID) that says its regime's version has it in the provenance, as an assessment's does. */
    @Test
    void aBulkJobStatesItsRegimesVersion() throws IOException {
        String job = "{\"id\": 7, \"file_name\": \"year.csv\", \"format\": \"csv\", \"status\": \"done\", \"regime\": \"bundled\","
                + " \"regime_version\": \"2026.12\", \"lines_done\": 3, \"assessed\": 2, \"prohibited\": 0, \"rejected\": 1,"
                + " \"total_duty\": 740.00, \"sha256\": \"ab\", \"size_bytes\": 10}";
        String h = ResultReport.html(SavedResult.read(job.getBytes(java.nio.charset.StandardCharsets.UTF_8), "job.json"), "9.9.9", AT);
        assertThat(h).contains("<tr><th scope=\"row\">Regime version</th><td>2026.12</td></tr>");
    }
}
