package lodestone.exposure.company;

import lodestone.border.Assessor;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.exposure.stockpile.Markets;
import lodestone.regime.Problem;
import lodestone.regime.Regime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Company files, contract pricing by hand, the bundled examples under scenarios, and the report's figures. */
class ExposureTest {
    static Regime regime;
    static Assessor assessor;
    static Markets markets;

    @BeforeAll
    static void load() {
        regime = Regime.bundled();
        assessor = PreferenceOriginVerifier.assessorFor(regime);
        markets = new Markets(regime);
    }

    static Path repo() {
        String r = System.getProperty("lodestone.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    static Company example(String name) throws Exception {
        Path f = repo().resolve("examples/exposure/" + name + ".yaml");
        return CompanyFile.parse(f.getFileName().toString(), Files.readString(f), regime, b -> null);
    }

    static Company oneLine(String contract) throws Exception {
        return CompanyFile.parse("t.yaml", """
                company: T
                sourcing:
                  - {id: l, origin: JP, hts: 8112.92.10.00, quantity: 120, unit: kg, price: 100, market: {scenario: gallium, share: 1}, contract: c}
                contracts:
                """ + "  - " + contract + "\n", regime, b -> null);
    }

    @Test
    void contractTermsMonthByMonthByHand() throws Exception {
        LocalDate d = LocalDate.of(2026, 1, 1);
        Exposure.Case k = new Exposure.Case("s", assessor, d, "gallium-ban", d);
        // fixed to the end of June: six months at 100, six at 150 → 125
        Company fixed = oneLine("{id: c, type: fixed, start: 2025-01-01, end: 2026-06-30}");
        assertThat(Exposure.averagePrice(fixed, fixed.sourcing().get(0), k, d, 1.5)).isEqualByComparingTo("125");
        // indexed with a three-month lag: three months still see the old price → (3 × 100 + 9 × 150) / 12
        Company indexed = oneLine("{id: c, type: indexed, start: 2025-01-01, end: 2027-12-31, lag_months: 3}");
        assertThat(Exposure.averagePrice(indexed, indexed.sourcing().get(0), k, d, 1.5)).isEqualByComparingTo("137.5");
        // collar 90–120: the moved price is capped at 120 → (3 × 100 + 9 × 120) / 12
        Company collar = oneLine("{id: c, type: collar, start: 2025-01-01, end: 2027-12-31, lag_months: 3, floor: 90, cap: 120}");
        assertThat(Exposure.averagePrice(collar, collar.sourcing().get(0), k, d, 1.5)).isEqualByComparingTo("115");
        // floor-linked at 110 with the market falling to 0.5: never below 110
        Company floor = oneLine("{id: c, type: floor-linked, start: 2025-01-01, end: 2027-12-31, floor: 110}");
        assertThat(Exposure.averagePrice(floor, floor.sourcing().get(0), k, d, 0.5)).isEqualByComparingTo("110");
        // a fixed contract for half the volume: half at 100, half at spot 150 → 125 every month
        Company half = oneLine("{id: c, type: fixed, start: 2025-01-01, end: 2027-12-31, volume: 60}");
        assertThat(Exposure.averagePrice(half, half.sourcing().get(0), k, d, 1.5)).isEqualByComparingTo("125");
    }

    @Test
    void aContractsBoundsApplyInAScenarioThatDoesNotMoveTheMarketAsInOneThatMovesItALittle() throws Exception {
        LocalDate d = LocalDate.of(2026, 1, 1);
        Exposure.Case k = new Exposure.Case("s", assessor, d, "gallium-ban", d);
        // the line's price today is 100; a floor-linked contract at 110 in force all twelve months pays never below 110 —
        // whether the market moves by 0.1 % or not at all (an unmoved market read 100: the contract was skipped at a ratio
        // of exactly 1, so a market falling 0.1 % raised the line's price by 10 %)
        Company floor = oneLine("{id: c, type: floor-linked, start: 2025-01-01, end: 2027-12-31, floor: 110}");
        assertThat(Exposure.averagePrice(floor, floor.sourcing().get(0), k, d, 0.999)).isEqualByComparingTo("110");
        assertThat(Exposure.averagePrice(floor, floor.sourcing().get(0), k, d, 1)).isEqualByComparingTo("110");
        // a collar 90–95 caps today's 100 at 95 in every month
        Company collar = oneLine("{id: c, type: collar, start: 2025-01-01, end: 2027-12-31, floor: 90, cap: 95}");
        assertThat(Exposure.averagePrice(collar, collar.sourcing().get(0), k, d, 1)).isEqualByComparingTo("95");
        // a fixed or indexed contract leaves an unmoved price where it is
        Company fixed = oneLine("{id: c, type: fixed, start: 2025-01-01, end: 2026-06-30}");
        assertThat(Exposure.averagePrice(fixed, fixed.sourcing().get(0), k, d, 1)).isEqualByComparingTo("100");
        // today is the entry at the line's own price, as docs/exposure-format.md says ("Today")
        Exposure.Case today = new Exposure.Case(Exposure.TODAY, assessor, d, null, d);
        assertThat(Exposure.averagePrice(floor, floor.sourcing().get(0), today, d, 1)).isEqualByComparingTo("100");
    }

    /**
     * Today is the entry at the line's own price, the scenarios apply its contract: a price outside a floor or cap in force
     * on the exposure date is said on today's line (a floor of 110 on a line priced 100 otherwise showed +10 a unit under a
     * scenario that moves nothing, with no word why); a price within the bounds, or a contract not yet in force, says nothing.
     */
    @Test
    void aPriceOutsideItsContractsBoundsTodayIsSaid() throws Exception {
        LocalDate d = LocalDate.of(2026, 1, 1);
        Company floor = oneLine("{id: c, type: floor-linked, start: 2025-01-01, end: 2027-12-31, floor: 110}");
        Exposure.Report r = Exposure.evaluate(floor, d, assessor, List.of(new Exposure.Case("later", null, LocalDate.of(2026, 2, 1), null, null)),
                markets, false);
        assertThat(r.line("l", Exposure.TODAY).warnings()).contains("price 100 is below the floor 110 of contract c, in force on 2026-01-01: "
                + "today is costed at 100 as given, the scenarios at the contract's price (110 while the market leaves it there) — give "
                + "the price the contract pays today");
        assertThat(r.line("l", "later").averagePrice()).isEqualByComparingTo("110");
        Company collar = oneLine("{id: c, type: collar, start: 2025-01-01, end: 2027-12-31, floor: 90, cap: 95}");
        assertThat(Exposure.evaluate(collar, d, assessor, List.of(), markets, false).line("l", Exposure.TODAY).warnings())
                .anySatisfy(w -> assertThat(w).startsWith("price 100 is above the cap 95 of contract c, in force on 2026-01-01"));
        for (String within : List.of("{id: c, type: collar, start: 2025-01-01, end: 2027-12-31, floor: 90, cap: 120}",
                "{id: c, type: floor-linked, start: 2026-06-01, end: 2027-12-31, floor: 110}",
                "{id: c, type: fixed, start: 2025-01-01, end: 2027-12-31}")) {
            Company c = oneLine(within);
            assertThat(Exposure.evaluate(c, d, assessor, List.of(), markets, false).line("l", Exposure.TODAY).warnings())
                    .as(within).noneSatisfy(w -> assertThat(w).contains("of contract c"));
        }
    }

    /**
     * An average price of a round hundred is written 420, not 4.2E+2: the shown price had its trailing zeros stripped,
     * which leaves a negative scale, and the JSON (the command line's and the API's) said "average_price" : 4.2E+2 on
     * magnet-maker's dysprosium line while every other figure was plain.
     */
    @Test
    void anAveragePriceOfARoundHundredIsWrittenWithoutAnExponent() throws Exception {
        Exposure.Report r = Exposure.evaluate(example("magnet-maker"), java.time.LocalDate.of(2026, 3, 2), assessor, List.of(), markets, false);
        Exposure.LineResult dy = r.line("dy-metal-cn", Exposure.TODAY);
        assertThat(dy.averagePrice().toString()).isEqualTo("420");
        for (Exposure.LineResult l : r.lines()) assertThat(l.averagePrice().scale()).as(l.line()).isNotNegative();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ExposureJson.of(r))).contains("\"average_price\":420,")
                .doesNotContain("E+");
    }

    /**
     * A line from a region whose exports to the US the scenario bans is said to be unavailable, whatever the baseline's flows:
     * germanium's baseline routes China's 40 t elsewhere (its trade is degenerate at equal margins), so the flow check
     * ("nothing ships … any more") said nothing, and a Chinese germanium line under China's ban on the US was costed at
     * today's price without a word. A line from Canada under the same ban is not warned.
     */
    @Test
    void aLineWhoseOriginTheScenarioBansFromTheUsIsWarnedAsUnavailable() throws Exception {
        Company c = CompanyFile.parse("ge.yaml", """
                company: G
                date: 2026-12-07
                sourcing:
                  - {id: ge-cn, origin: CN, hts: 8112.92.60.00, quantity: 100, unit: kg, price: 4000, production_regions: [CN-YN], market: {scenario: germanium, share: 1}}
                  - {id: ge-ca, origin: CA, hts: 8112.92.60.00, quantity: 100, unit: kg, price: 4000, market: {scenario: germanium, share: 1}}
                """, regime, b -> null);
        Exposure.Report r = Exposure.evaluate(c, null, assessor, List.of(new Exposure.Case("us", null, null, "germanium-ban-us", null),
                new Exposure.Case("all", null, null, "germanium-ban", null)), markets, false);
        assertThat(r.line("ge-cn", "us").warnings()).contains("the germanium-ban-us market bans exports from CN to US: this line is not "
                + "available under it; its cost here assumes it is");
        assertThat(r.line("ge-cn", "all").warnings()).contains("the germanium-ban market bans exports from CN to US: this line is not "
                + "available under it; its cost here assumes it is");
        assertThat(r.line("ge-ca", "us").warnings()).noneMatch(w -> w.contains("bans exports"));
        assertThat(r.line("ge-cn", "us").averagePrice()).isEqualByComparingTo("4000");
    }

    @Test
    void aFixedPriceContractIsUnchangedByAScenarioUntilItsEnd() throws Exception {
        Company c = example("electronics-maker");
        Exposure.Report r = Exposure.evaluate(c, null, assessor, List.of(new Exposure.Case("ban", null, null, "gallium-ban", null)), markets, true);
        // ga-jp-fixed runs to 2027-03-31, past the twelve months from 2026-03-02: the line costs what it costs today
        Exposure.LineResult today = r.line("gallium-jp", Exposure.TODAY), ban = r.line("gallium-jp", "ban");
        assertThat(ban.averagePrice()).isEqualByComparingTo("690");
        assertThat(ban.landedCost()).isEqualByComparingTo(today.landedCost());
        // the indexed Chinese line passes the ban's price through (two months late), and is warned as unavailable
        Exposure.LineResult cn = r.line("gallium-cn", "ban");
        assertThat(cn.averagePrice()).isGreaterThan(new BigDecimal("560"));
        assertThat(cn.warnings()).contains("the gallium-ban market bans exports from CN to US: this line is not available under it; its cost "
                + "here assumes it is");
        assertThat(r.totals().get("ban")).isGreaterThan(r.totals().get(Exposure.TODAY));
    }

    @Test
    void aMarketThatMovesNoLineIsSaid() throws Exception {
        // reported: a scenario on a market no line follows, or one moving prices only after the twelve months, gave today's
        // cost with no warning
        Company c = example("magnet-maker");
        Exposure.Report r = Exposure.evaluate(c, null, assessor, List.of(new Exposure.Case("ga", null, null, "gallium-ban", null),
                new Exposure.Case("late", null, null, "ndpr-floor-110", LocalDate.of(2030, 1, 1)),
                new Exposure.Case("floor", null, null, "ndpr-floor-110", null)), markets, true);
        assertThat(r.totals().get("ga")).isEqualByComparingTo(r.totals().get(Exposure.TODAY));
        assertThat(r.warnings()).contains("ga: no line is linked to the market of gallium-ban (a line's market names the mineral market its "
                + "price follows): its prices change nothing here");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("late: the market ndpr-floor-110 moves prices from 2030-01-01, "
                + "after the twelve months from ").endsWith(" that the exposure covers: its prices change nothing here"));
        assertThat(r.warnings()).noneMatch(w -> w.startsWith("floor: "));
        assertThat(r.totals().get("floor")).isNotEqualByComparingTo(r.totals().get(Exposure.TODAY));
    }

    @Test
    void aListedSupplierIsFlaggedAndLeftOutOfTotals() throws Exception {
        Exposure.Report r = Exposure.evaluate(example("battery-maker"), null, assessor, List.of(), markets, true);
        Exposure.LineResult g = r.line("graphite-spherical-cn", Exposure.TODAY);
        assertThat(g.status()).isEqualTo("prohibited");
        assertThat(g.entityListed()).isTrue();
        assertThat(r.warnings()).contains("today: line graphite-spherical-cn is prohibited and left out of the total");
        assertThat(r.products()).singleElement().satisfies(p -> {
            assertThat(p.annualCost()).isNull();
            assertThat(p.warnings()).containsExactly("line graphite-spherical-cn is prohibited");
        });
        BigDecimal sum = BigDecimal.ZERO;
        for (Exposure.LineResult l : r.lines()) if (l.landedCost() != null) sum = sum.add(l.landedCost());
        assertThat(r.totals().get(Exposure.TODAY)).isEqualByComparingTo(sum);
    }

    @Test
    void productCostIsItsBillOfMaterialsAtEachLinesLandedCostPerUnit() throws Exception {
        Company c = example("magnet-maker");
        Exposure.Report r = Exposure.evaluate(c, null, assessor, List.of(new Exposure.Case("floor", null, null, "ndpr-floor-110", null)), markets, true);
        for (String s : r.scenarios()) {
            BigDecimal cost = BigDecimal.ZERO;
            for (Company.BomItem b : c.products().get(0).bom()) {
                Exposure.LineResult l = r.line(b.line(), s);
                cost = cost.add(l.landedCost().multiply(b.quantity()).multiply(new BigDecimal("150000")).divide(l.quantity(), java.math.MathContext.DECIMAL128));
            }
            assertThat(r.products().stream().filter(p -> p.scenario().equals(s)).findFirst().orElseThrow().annualCost())
                    .isEqualByComparingTo(cost.setScale(2, java.math.RoundingMode.HALF_UP));
        }
        // every line's whole quantity goes into the one product: its cost is the company's total
        assertThat(r.products().get(0).annualCost()).isEqualByComparingTo(r.totals().get(Exposure.TODAY));
        assertThat(r.mineralsKgPerYear().get("rotor-magnet-set").get("dysprosium")).isEqualByComparingTo("6000");
        // Chinese magnets carry additional duties; the alternatives rank club and preference origins by saving
        assertThat(r.line("ndfeb-cn", Exposure.TODAY).duty()).isPositive();
        List<Exposure.Alternative> alts = r.alternatives().stream().filter(a -> a.line().equals("ndfeb-cn")).toList();
        assertThat(alts).isNotEmpty();
        for (int i = 1; i < alts.size(); i++) assertThat(alts.get(i - 1).saving()).isGreaterThanOrEqualTo(alts.get(i).saving());
    }

    @Test
    void badCompanyFilesAreRefusedWithLocatedProblems() {
        String text = """
                company: Bad
                products:
                  - id: p
                    annual_volume: -5
                    bom: [{line: nope, quantity: 1}]
                    minerals: {unobtainium: 0.1, gallium: 0.01}
                sourcing:
                  - {id: a, origin: CN, hts: 8112.92.11, quantity: -1, price: 10, incoterm: FOBB}
                  - {id: b, origin: XX, hts: 8112.92.10.00, quantity: 1, price: 10, contract: missing}
                """;
        assertThatThrownBy(() -> CompanyFile.parse("bad.yaml", text, regime, x -> null))
                .isInstanceOfSatisfying(CompanyFile.Invalid.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "bad.yaml:4: products[0].annual_volume: -5 is not positive; expected a number greater than zero",
                        "bad.yaml:5: products[0].bom[0].line: no sourcing line 'nope'; lines: a, b",
                        "bad.yaml:6: products[0].minerals.unobtainium: 'unobtainium' is not a regime mineral; expected one of the 2025 list's ids (e.g. neodymium, dysprosium, gallium, lithium, cobalt)",
                        "bad.yaml:8: sourcing[0].incoterm: 'FOBB' is not an Incoterm 2020; expected one of CFR, CIF, CIP, CPT, DAP, DDP, DPU, EXW, FAS, FCA, FOB",
                        "bad.yaml:8: sourcing[0].quantity: -1 is not positive; expected a number greater than zero",
                        "bad.yaml:8: sourcing[0].hts: unknown HTS code '8112.92.11'; nearest codes: 8112.92.10.00",
                        "bad.yaml:9: sourcing[1].origin: 'XX' is not a country of the regime; expected an ISO alpha-2 code (e.g. CN, JP)",
                        "bad.yaml:9: sourcing[1].contract: no contract 'missing' in the file"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportsFiguresAreTheJsons() throws Exception {
        Exposure.Report r = Exposure.evaluate(example("magnet-maker"), null, assessor,
                List.of(new Exposure.Case("floor", null, null, "ndpr-floor-110", null)), markets, true);
        Map<String, Object> json = ExposureJson.of(r);
        String html = ExposureReport.html(json);
        Matcher m = Pattern.compile("<td>([^<]*)</td><td class=\"n\" data-figure=\"total\">([^<]*)</td>").matcher(html);
        Map<String, Object> totals = (Map<String, Object>) json.get("totals");
        int n = 0;
        while (m.find()) {
            assertThat(new BigDecimal(m.group(2))).isEqualByComparingTo((BigDecimal) totals.get(m.group(1)));
            n++;
        }
        assertThat(n).isEqualTo(2);
        for (Map<String, Object> l : (List<Map<String, Object>>) json.get("lines")) {
            if (l.get("landed_cost") != null) assertThat(html).contains("<td class=\"n\">" + ((BigDecimal) l.get("landed_cost")).toPlainString() + "</td>");
        }
        StringWriter csv = new StringWriter();
        ExposureReport.csv(json, csv);
        String[] rows = csv.toString().split("\r\n");
        assertThat(rows).hasSize(1 + r.lines().size());
        assertThat(rows[1]).startsWith("ndfeb-cn,today,assessed,CN,Example Ningbo Magnetics,8505.11.00.70,210000,kg,USD,58,");
    }

    @Test
    void reportTextIsEscapedAndCsvCellsCannotBeFormulas() {
        assertThat(lodestone.report.Html.escape("<script>alert('x')</script> & \"q\"")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(ExposureReport.csvCell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ExposureReport.csvCell("+1+2")).isEqualTo("'+1+2");
        assertThat(ExposureReport.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ExposureReport.csvCell("-12.50")).isEqualTo("-12.50");
        assertThat(ExposureReport.csvCell("a,b")).isEqualTo("\"a,b\"");
    }

    @Test
    void scenarioSpecsAreReadOrRefused() {
        assertThat(CaseSpec.parse("ndpr-floor-110")).isEqualTo(new CaseSpec("ndpr-floor-110", "ndpr-floor-110", null, null, null));
        assertThat(CaseSpec.parse("regime=bundled:plurilateral,date=2027-01-01,label=club"))
                .isEqualTo(new CaseSpec("club", null, "bundled:plurilateral", LocalDate.of(2027, 1, 1), null));
        assertThatThrownBy(() -> CaseSpec.parse("colour=red")).hasMessage("scenario 'colour=red': unknown setting 'colour'; expected market, regime, date, from or label");
        assertThatThrownBy(() -> CaseSpec.parse("date=2027-13-01")).hasMessage("scenario 'date=2027-13-01': date '2027-13-01' is not a date: there is no month 13; expected YYYY-MM-DD");
    }

    @Test
    void aProductUsingMoreOfALineThanTheLineSuppliesIsRefusedAtTheLinesQuantity() {
        // reported (e1.yaml): 1.4 kg × 300,000 units = 420,000 kg of a 210,000 kg line; the product cost $4,288,200, twice the
        // company's total of $2,144,100, without a word
        String one = """
                company: Test Co
                date: 2026-03-02
                products:
                  - id: p
                    name: p
                    annual_volume: 300000
                    bom:
                      - {line: a, quantity: 1.4}
                    minerals: {neodymium: 0.5}
                sourcing:
                  - id: a
                    material: m
                    supplier: s
                    origin: JP
                    hts: 8505.11.00.70
                    quantity: 210000
                    unit: kg
                    price: 10
                """;
        assertThatThrownBy(() -> CompanyFile.parse("e1.yaml", one, regime, x -> null))
                .isInstanceOfSatisfying(CompanyFile.Invalid.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "e1.yaml:16: sourcing[0].quantity: 210000 kg a year is less than the products use of this line, 420000 kg a year "
                                + "(products[0] 'p' (line 8): 1.4 kg a unit × 300000 units = 420000 kg); a product cannot use more of a line "
                                + "than the line supplies: raise the line's quantity, or lower the products' volumes or BOM quantities"));
        // two products that each fit but together do not: both uses are named
        String two = """
                company: T
                products:
                  - {id: p1, annual_volume: 100, bom: [{line: a, quantity: 0.6}]}
                  - {id: p2, annual_volume: 100, bom: [{line: a, quantity: 0.5}]}
                sourcing:
                  - {id: a, origin: JP, hts: 8505.11.00.70, quantity: 100, price: 10}
                """;
        assertThatThrownBy(() -> CompanyFile.parse("t.yaml", two, regime, x -> null))
                .isInstanceOfSatisfying(CompanyFile.Invalid.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "t.yaml:6: sourcing[0].quantity: 100 kg a year is less than the products use of this line, 110 kg a year "
                                + "(products[0] 'p1' (line 3): 0.6 kg a unit × 100 units = 60 kg; products[1] 'p2' (line 4): 0.5 kg a unit × 100 "
                                + "units = 50 kg); a product cannot use more of a line than the line supplies: raise the line's quantity, or lower "
                                + "the products' volumes or BOM quantities"));
    }

    @Test
    void aLineTheAssessmentCannotTakeIsRefusedWithEveryProblemAtItsFieldsLine() throws Exception {
        // reported: unit furlongs, currency ZZZ or quantity 1e20 gave "total landed cost $0.00" and exit 0, the line's warning
        // pointing at the start of the sourcing item; the docs say such a file is refused, every problem located
        String text = """
                company: Test Co
                date: 2026-03-02
                sourcing:
                  - id: a
                    origin: JP
                    currency: ZZZ
                    hts: 8505.11.00.70
                    quantity: 210000
                    unit: furlongs
                    price: 10
                  - id: b
                    origin: JP
                    hts: 8505.11.00.70
                    quantity: 100000000000000000000
                    price: 10
                  - id: c
                    origin: JP
                    supplier: s
                    hts: 8505.11.00.70
                    quantity: 10
                    price: 0.0000000001
                  - id: d
                    origin: JP
                    supplier: "?"
                    hts: 8505.11.00.70
                    quantity: 10
                    price: 1
                """;
        assertThatThrownBy(() -> CompanyFile.parse("e3.yaml", text, regime, x -> null))
                .isInstanceOfSatisfying(CompanyFile.Invalid.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "e3.yaml:6: sourcing[0].currency: unknown currency 'ZZZ'; the regime has rates for " + regime.fx().currencies(),
                        "e3.yaml:9: sourcing[0].unit: unknown unit 'furlongs'; expected one of " + lodestone.regime.unit.Units.codes(),
                        "e3.yaml:14: sourcing[1].quantity: '100000000000000000000' is out of bounds: numbers must be below 10^15 with at most "
                                + "9 decimal places (as lodestone assess takes them — docs/bulk-format.md)",
                        "e3.yaml:21: sourcing[2].price: '0.0000000001' is out of bounds: numbers must be below 10^15 with at most 9 decimal "
                                + "places (as lodestone assess takes them — docs/bulk-format.md)",
                        // what the entry's own parse refuses is located too, at the field that gives it (supplier → producer)
                        "e3.yaml:24: sourcing[3].supplier: '?' is not a name (no letter or digit); leave producer empty when it is not known "
                                + "— docs/bulk-format.md"));
        // a line that reads but that a scenario's assessment refuses (no EUR rate in 2001) refuses the evaluation, located
        Company eur = CompanyFile.parse("e5.yaml", """
                company: Test Co
                date: 2026-03-02
                sourcing:
                  - id: a
                    origin: JP
                    currency: EUR
                    hts: 8505.11.00.70
                    quantity: 210000
                    price: 10
                """, regime, x -> null);
        assertThatThrownBy(() -> Exposure.evaluate(eur, null, assessor, List.of(new Exposure.Case("old", null, LocalDate.of(2001, 1, 1), null, null)),
                markets, false)).isInstanceOfSatisfying(CompanyFile.Invalid.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                .containsExactly("e5.yaml:6: sourcing[0].currency: under the scenario 'old': no exchange rate for EUR on or before 2001-01-01"));
        assertThatThrownBy(() -> Exposure.evaluate(eur, LocalDate.of(2001, 1, 1), assessor, List.of(), markets, false))
                .isInstanceOfSatisfying(CompanyFile.Invalid.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactly("e5.yaml:6: sourcing[0].currency: no exchange rate for EUR on or before 2001-01-01"));
    }

    @Test
    void aContractsVolumeIsAYearlyRateAppliedInEachMonthWithinItsDates() throws Exception {
        // 120 kg a year (10 a month), a fixed contract for 60 kg a year from January to September, evaluated from 2026-03-02 with the
        // market at 1.5: March–September (7 months) 5 kg of the 10 at 100 and 5 at spot 150 → 125; October–February (5) spot 150.
        // (60 kg as a total over January–September would have covered 6.67 kg a month: another price.)
        Company c = oneLine("{id: c, type: fixed, start: 2026-01-01, end: 2026-09-30, volume: 60}");
        LocalDate d = LocalDate.of(2026, 3, 2);
        Exposure.Case k = new Exposure.Case("s", assessor, d, "gallium-ban", d);
        assertThat(Exposure.averagePrice(c, c.sourcing().get(0), k, d, 1.5)).isEqualByComparingTo("135.416667"); // (7 × 125 + 5 × 150) ÷ 12
        Exposure.ContractUse u = Exposure.contractUse(c, c.sourcing().get(0), d);
        assertThat(u.perMonth()).isEqualByComparingTo("5");
        assertThat(u.monthlyQuantity()).isEqualByComparingTo("10");
        assertThat(u.coveredShare()).isEqualByComparingTo("0.5");
        assertThat(u.months()).extracting(Object::toString).containsExactly("2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09");
        assertThat(u.contractQuantity()).isEqualByComparingTo("35");
        assertThat(u.spotQuantity()).isEqualByComparingTo("85");
        // the bundled magnet maker's Japanese line, as the documentation works it
        Exposure.Report r = Exposure.evaluate(example("magnet-maker"), null, assessor, List.of(), markets, false);
        Exposure.ContractUse jp = r.line("ndfeb-jp", Exposure.TODAY).contractUse();
        assertThat(ExposureJson.contractTerms(jp, "kg")).isEqualTo("jp-fixed-2026 (fixed): volume 60000 kg a year = 5000 kg a month of the 7500 kg "
                + "bought a month (66.67 %), on its terms in 7 of the 12 months (2026-03 to 2026-09): 35000 kg; at spot: 55000 kg");
        assertThat(r.line("dy-metal-cn", Exposure.TODAY).contractUse()).isNull();
    }

    /**
     * A line from a country whose program it does not claim (Chilean lithium hydroxide, Korean nickel sulphate) had every origin
     * but its own among its alternatives: moving to Australia was offered for the saving of the Chile FTA it could claim from
     * the same supplier, and the Korean line's KORUS saving was not offered at all. The same origin claiming its program is now
     * an alternative, first among equal savings, with the supplier kept.
     */
    @Test
    void theLinesOwnOriginClaimingItsProgramIsAnAlternative() throws Exception {
        String text = """
                company: Cells
                date: 2027-01-04
                sourcing:
                  - {id: lioh-cl, supplier: Example Atacama Quimica, origin: CL, hts: 2825.20.00.00, quantity: 480000, unit: kg, price: 11.2,
                     incoterm: CIF, freight: 0.28, market: {scenario: lithium, share: 0.85}}
                  - {id: niso4-kr, supplier: Example Onsan Materials, origin: KR, hts: 2833.24.00.00, quantity: 800, unit: t, price: 4600,
                     incoterm: CIF, freight: 80, market: {scenario: nickel, share: 0.75}}
                  - {id: lioh-cl-claimed, origin: CL, hts: 2825.20.00.00, quantity: 1000, unit: kg, price: 11.2, preference: CL}
                """;
        Company c = CompanyFile.parse("cells.yaml", text, regime, b -> null);
        Exposure.Report r = Exposure.evaluate(c, null, assessor, List.of(), markets, true);
        assertThat(r.line("lioh-cl", Exposure.TODAY).landedCost()).isEqualByComparingTo("5569939.20");
        Exposure.Alternative cl = r.alternatives().stream().filter(a -> a.line().equals("lioh-cl")).findFirst().orElseThrow();
        assertThat(cl).isEqualTo(new Exposure.Alternative("lioh-cl", "CL", "CL", new BigDecimal("11.2"), new BigDecimal("0.00"),
                new BigDecimal("5376000.00"), new BigDecimal("193939.20"), "the same supplier and origin, claiming program CL (not claimed "
                + "in the file); preference CL assumed: the goods must meet its rules of origin (no bill of materials given, not checked)"));
        Exposure.Alternative kr = r.alternatives().stream().filter(a -> a.line().equals("niso4-kr") && a.origin().equals("KR")).findFirst().orElseThrow();
        assertThat(kr).isEqualTo(new Exposure.Alternative("niso4-kr", "KR", "KR", new BigDecimal("4600"), new BigDecimal("0.00"),
                new BigDecimal("3680000.00"), new BigDecimal("115712.00"), "the same supplier and origin, claiming program KR (not claimed "
                + "in the file); preference KR assumed: the goods must meet its rules of origin (no bill of materials given, not checked)"));
        // a line that claims its program already is not offered it again
        assertThat(r.alternatives()).noneMatch(a -> a.line().equals("lioh-cl-claimed") && a.origin().equals("CL"));
    }

    /**
     * A line's average price and goods cost are in the line's currency, its customs value, duty and landed cost in USD; the JSON,
     * the CSV and the report said neither the currency nor where the line comes from (reported: a CSV of a line priced 70 CNY/kg
     * beside USD lines, whose goods_cost column summed CNY and USD, and which could not be sorted by origin or supplier). Each line
     * now carries its origin, supplier, HTS code and currency.
     */
    @Test
    @SuppressWarnings("unchecked")
    void eachLineSaysItsOriginSupplierCodeAndCurrencyInTheJsonAndTheCsv() throws Exception {
        String text = """
                company: Cells
                date: 2027-01-04
                sourcing:
                  - {id: lioh-cn, supplier: Example Sichuan Lithium, origin: CN, hts: 2825.20.00.00, quantity: 1000, unit: kg, price: 70,
                     currency: CNY, incoterm: FOB}
                """;
        Company c = CompanyFile.parse("cells.yaml", text, regime, b -> null);
        Exposure.Report r = Exposure.evaluate(c, null, assessor, List.of(), markets, false);
        Map<String, Object> line = ((List<Map<String, Object>>) ExposureJson.of(r).get("lines")).get(0);
        assertThat(line).containsEntry("origin", "CN").containsEntry("supplier", "Example Sichuan Lithium")
                .containsEntry("hts", "2825.20.00.00").containsEntry("currency", "CNY");
        assertThat(line.get("average_price")).hasToString("70");
        StringWriter csv = new StringWriter();
        ExposureReport.csv(ExposureJson.of(r), csv);
        String[] rows = csv.toString().split("\r\n");
        assertThat(rows[0]).isEqualTo("line,scenario,status,origin,supplier,hts,quantity,unit,currency,average_price,goods_cost,customs_value_usd,"
                + "duty,freight,landed_cost,landed_per_unit,entity_listed,contract,origin_check,warnings");
        assertThat(rows[1]).startsWith("lioh-cn,today,assessed,CN,Example Sichuan Lithium,2825.20.00.00,1000,kg,CNY,70,70000.00,");
        assertThat(ExposureReport.html(ExposureJson.of(r))).contains("<td class=\"n\">70 CNY/kg</td>");
    }

    /**
     * A baseline market asked as a scenario ({@code --scenario nickel}) is priced against itself: every linked line came out as
     * today with no word, as if the scenario had been run and changed nothing (reported by a battery-cell buyer who took
     * {@code nickel} for a nickel scenario). It is said, with the bundled scenarios that do move prices.
     */
    @Test
    void aBaselineAskedAsAScenarioIsSaidToMoveNothing() throws Exception {
        String text = """
                company: Cells
                date: 2027-01-04
                sourcing:
                  - {id: niso4-id, origin: ID, hts: 2833.24.00.00, quantity: 2000, unit: t, price: 4150, market: {scenario: nickel, share: 0.75}}
                """;
        Company c = CompanyFile.parse("cells.yaml", text, regime, b -> null);
        Exposure.Report r = Exposure.evaluate(c, null, assessor, List.of(new Exposure.Case("nickel", null, null, "nickel", null)), markets, false);
        assertThat(r.totals().get("nickel")).isEqualByComparingTo(r.totals().get(Exposure.TODAY));
        assertThat(r.warnings()).endsWith("nickel: the market nickel is a baseline, not a scenario on one: it is priced against "
                + "itself and moves no line's price; the bundled scenarios that move prices are ndpr-floor-110, ndpr-subsidy-110, "
                + "gallium-ban, gallium-ban-stockpile, ndpr-2025-2040, gallium-2025-2035, germanium-ban, germanium-2025-2035");
    }

    /**
     * The twelve months from a date past the regime's horizon: each line under each scenario said the same horizon warning (six
     * times for three lines and two scenarios of the magnet maker on 2027-01-04). Said once a cause (a regime and a border date),
     * with its scenarios, its lines and its months; a scenario on another date is another cause.
     */
    @Test
    void theHorizonIsSaidOnceACauseWithItsMonths() throws Exception {
        Exposure.Report r = Exposure.evaluate(example("magnet-maker"), LocalDate.of(2027, 1, 4), assessor, List.of(
                new Exposure.Case("ndpr-floor-110", null, null, "ndpr-floor-110", null),
                new Exposure.Case("2028", null, LocalDate.of(2028, 1, 4), null, null)), markets, false);
        for (Exposure.LineResult l : r.lines()) assertThat(l.warnings()).noneMatch(w -> w.contains("the entry date"));
        assertThat(r.warnings()).containsExactly(
                "today, ndpr-floor-110: regime horizon: the entry date 2027-01-04 is after 2026-10-07, the last date through which the facts of "
                        + "regime us-2026 were checked; measures that began or changed since then are not in these figures (3 lines, each the 12 "
                        + "months from 2027-01-04 costed at the border of that date)",
                "2028: regime horizon: the entry date 2028-01-04 is after 2026-10-07, the last date through which the facts of "
                        + "regime us-2026 were checked; measures that began or changed since then are not in these figures (3 lines, each the 12 "
                        + "months from 2027-01-04 costed at the border of that date)");
    }

    /** A stale exchange rate is another horizon warning each line said under each scenario: said once a cause too, naming its lines. */
    @Test
    void aStaleRateIsSaidOnceACauseWithItsLines() throws Exception {
        Company c = CompanyFile.parse("cny.yaml", """
                company: Prairie Cells
                date: 2027-01-04
                sourcing:
                  - {id: lioh-a, origin: CN, hts: 2825.20.00.00, quantity: 1000, unit: kg, price: 70, currency: CNY, incoterm: FOB, production_regions: [CN-SD]}
                  - {id: lioh-b, origin: CN, hts: 2825.20.00.00, quantity: 500, unit: kg, price: 71, currency: CNY, incoterm: FOB, production_regions: [CN-SD]}
                """, regime, b -> null);
        Exposure.Report r = Exposure.evaluate(c, null, assessor, List.of(new Exposure.Case("pluri", null, null, null, null)), markets, false);
        for (Exposure.LineResult l : r.lines()) assertThat(l.warnings()).noneMatch(w -> w.startsWith("regime horizon:"));
        assertThat(r.warnings()).contains("today, pluri: regime horizon: converted from CNY at 6.7077835 CNY per USD, the latest rate in the regime "
                + "(observed 2026-09-29), 97 days before the entry date 2027-01-04 (older than the stated 31 days); the amount in US dollars may be "
                + "off by the exchange-rate movement since (lines lioh-a, lioh-b; the 12 months from 2027-01-04 converted at that rate)");
    }
}
