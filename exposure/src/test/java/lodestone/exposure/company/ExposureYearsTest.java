package lodestone.exposure.company;

import lodestone.border.Assessor;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.exposure.stockpile.Markets;
import lodestone.market.FiscalTable;
import lodestone.market.MarketPath;
import lodestone.market.Scenario;
import lodestone.regime.Regime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exposure year by year (docs/exposure-format.md, "Year by year"): a one-line company whose year's cost is its quantity × the
 * market engine's own US price for that year, checked against the path the market module runs; a contract applied month by
 * month within a year; what is refused and what is warned.
 */
class ExposureYearsTest {
    static Regime regime;
    static Assessor assessor;
    static Markets markets;

    @BeforeAll
    static void load() {
        regime = Regime.bundled();
        assessor = PreferenceOriginVerifier.assessorFor(regime);
        markets = new Markets(regime);
    }

    /** NdPr oxide from Japan (general duty free) priced at the baseline path's 2026 US price, all of it following the market. */
    static Company oneLine(String extra) throws Exception {
        return CompanyFile.parse("one.yaml", """
                company: One Line Oxides (illustrative)
                date: 2026-03-02
                sourcing:
                  - {id: ndpr-jp, origin: JP, hts: 2846.90.20.15, quantity: 1200, unit: kg, price: 72.273167, incoterm: CIF,
                     market: {scenario: ndpr, share: 1}%s}
                """.formatted(extra), regime, b -> null);
    }

    /** The market engine's US price in a year, rounded once to 6 decimals as exposure rounds it. */
    static BigDecimal usPrice(Scenario s, int year) {
        double v = MarketPath.run(s).value("price[US]", year);
        return new BigDecimal(Double.toString(v)).setScale(6, RoundingMode.HALF_UP);
    }

    @Test
    void aYearCostsTheQuantityTimesTheModelsPriceForThatYear() throws Exception {
        Scenario path = markets.scenario("ndpr-2025-2040");
        BigDecimal anchor = usPrice(FiscalTable.baselinePath(path), 2026);
        BigDecimal base2027 = usPrice(FiscalTable.baselinePath(path), 2027);
        BigDecimal floor2027 = usPrice(path, 2027);
        // the file's price is the anchor: the baseline path's US price in 2026, the exposure date's year
        assertThat(anchor).isEqualByComparingTo("72.273167");
        assertThat(base2027).isEqualByComparingTo("70.246744");
        assertThat(floor2027).isEqualByComparingTo("110");
        Company c = oneLine("");
        ExposureYears.Report r = ExposureYears.evaluate(c, null, assessor,
                List.of(new Exposure.Case("ndpr-2025-2040", null, null, "ndpr-2025-2040", null)), markets, 2027, 2028);
        assertThat(r.scenarios()).containsExactly("baseline", "ndpr-2025-2040");
        ExposureYears.YearLine b = r.line("ndpr-jp", "baseline", 2027);
        // 1,200 kg × 70.246744 = 84,296.0928: to the cent, and the twelve months' customs values add up to it
        assertThat(b.averagePrice()).isEqualByComparingTo(base2027);
        assertThat(b.marketPrice()).isEqualByComparingTo(base2027);
        assertThat(b.goodsCost()).isEqualByComparingTo(new BigDecimal("1200").multiply(base2027).setScale(2, RoundingMode.HALF_UP));
        assertThat(b.goodsCost()).isEqualByComparingTo("84296.09");
        assertThat(b.customsValueUsd()).isEqualByComparingTo("84296.09");
        assertThat(b.duty()).isEqualByComparingTo("0");
        assertThat(b.landedCost()).isEqualByComparingTo("84296.09");
        // under the floor path: 1,200 kg × 110 = 132,000
        ExposureYears.YearLine f = r.line("ndpr-jp", "ndpr-2025-2040", 2027);
        assertThat(f.averagePrice()).isEqualByComparingTo("110");
        assertThat(f.landedCost()).isEqualByComparingTo("132000.00");
        assertThat(r.totals().get("ndpr-2025-2040").get(2027)).isEqualByComparingTo("132000.00");
        assertThat(r.totals().get("baseline").get(2028))
                .isEqualByComparingTo(new BigDecimal("1200").multiply(usPrice(FiscalTable.baselinePath(path), 2028)).setScale(2, RoundingMode.HALF_UP));
        assertThat(r.marketPrices()).hasSize(2);
        assertThat(r.marketPrices().get(0).path()).isEqualTo("the baseline path of ndpr-2025-2040");
        assertThat(r.marketPrices().get(0).anchorYear()).isEqualTo(2026);
        // every month of 2027-2028 is past the date through which the regime was checked: said once
        assertThat(r.warnings()).containsExactly("baseline, ndpr-2025-2040: regime horizon: the border from 2027-01-02 is after 2026-10-07, the last "
                + "date through which the facts of regime us-2026 were checked; measures that begin or change after it are not in these figures, "
                + "which give the regime as it stands for every later month (24 of the 24 months evaluated)");
    }

    @Test
    void aFixedContractForHalfAYearPaysItsPriceInThoseMonths() throws Exception {
        Company c = CompanyFile.parse("one.yaml", """
                company: One Line Oxides (illustrative)
                date: 2026-03-02
                sourcing:
                  - {id: ndpr-jp, origin: JP, hts: 2846.90.20.15, quantity: 1200, unit: kg, price: 72.273167, incoterm: CIF,
                     market: {scenario: ndpr, share: 1}, contract: h1}
                contracts:
                  - {id: h1, type: fixed, start: 2027-01-01, end: 2027-06-30}
                """, regime, b -> null);
        ExposureYears.Report r = ExposureYears.evaluate(c, null, assessor,
                List.of(new Exposure.Case("floor", null, null, "ndpr-2025-2040", null)), markets, 2027, 2027);
        ExposureYears.YearLine f = r.line("ndpr-jp", "floor", 2027);
        // January to June at 72.273167 (fixed), July to December at the path's 110: (6 × 72.273167 + 6 × 110) ÷ 12 = 91.1365835
        assertThat(f.averagePrice()).isEqualByComparingTo("91.136584");
        assertThat(f.goodsCost()).isEqualByComparingTo("109363.90");
        assertThat(f.customsValueUsd()).isEqualByComparingTo("109363.90");
        assertThat(f.contractQuantity()).isEqualByComparingTo("600");
    }

    @Test
    void oneEquilibriumYearsOutsideThePathAndYearsBeforeTheDateAreRefusedInWords() throws Exception {
        Company c = oneLine("");
        assertThatThrownBy(() -> ExposureYears.evaluate(c, null, assessor,
                List.of(new Exposure.Case("ndpr-floor-110", null, null, "ndpr-floor-110", null)), markets, 2027, 2030))
                .hasMessage("ndpr-floor-110: the market ndpr-floor-110 is one equilibrium, not a path of years (horizon:); year by year needs a "
                        + "scenario with a path: ndpr-2025-2040, gallium-2025-2035, germanium-2025-2035, or a file of your own with baseline:, its policies and a "
                        + "horizon: (docs/scenario-format.md)");
        assertThatThrownBy(() -> ExposureYears.evaluate(c, null, assessor, List.of(), markets, 2039, 2041))
                .hasMessage("baseline: years 2039-2041 are outside the path of ndpr-2025-2040, 2025-2040 (its horizon.years): the model has no price for 2041 on");
        assertThatThrownBy(() -> ExposureYears.evaluate(c, null, assessor, List.of(), markets, 2025, 2027))
                .hasMessage("years: 2025 is before 2026, the year of the exposure date 2026-03-02 (the file's prices are of that date; give --date "
                        + "an earlier date for earlier years)");
        assertThatThrownBy(() -> ExposureYears.parseYears("2030-2027")).hasMessage("years: 2030-2027 runs backwards; write FIRST-LAST, e.g. 2027-2030");
    }

    /**
     * The baseline is the market without the scenario's disruption: gallium-2025-2035's ban is in its horizon, and the fiscal table's
     * baseline path keeps a horizon's bans, so the baseline read the ban's prices and the ban scenario changed nothing (found using
     * the product: the electronics maker's baseline and ban totals were the same each year). The baseline path runs with ban.occurs = 0.
     */
    @Test
    void theBaselineOfABanScenarioIsTheMarketWithoutTheBan() throws Exception {
        Company c = CompanyFile.parse("ga.yaml", """
                company: One Line Gallium (illustrative)
                date: 2026-03-02
                sourcing:
                  - {id: ga-jp, origin: JP, hts: 8112.92.10.00, quantity: 1200, unit: kg, price: 700, incoterm: CIF, market: {scenario: gallium, share: 1}}
                """, regime, b -> null);
        ExposureYears.Report r = ExposureYears.evaluate(c, null, assessor,
                List.of(new Exposure.Case("ban", null, null, "gallium-2025-2035", null)), markets, 2027, 2027);
        Scenario path = markets.scenario("gallium-2025-2035");
        PathResultPrices noBan = new PathResultPrices(MarketPath.run(FiscalTable.baselinePath(path), java.util.Map.of("ban.occurs", 0.0),
                MarketPath.Warm.YEAR, null));
        assertThat(r.marketPrices().get(0).path()).isEqualTo("the baseline path of gallium-2025-2035, without its bans");
        assertThat(r.marketPrices().get(0).anchorPrice()).isEqualByComparingTo(noBan.us(2026));
        assertThat(r.marketPrices().get(0).usPrice().get(2027)).isEqualByComparingTo(noBan.us(2027));
        // the ban's own path is anchored on the same ban-free 2026 price, so the ban moves the line
        assertThat(r.marketPrices().get(1).anchorPrice()).isEqualByComparingTo(noBan.us(2026));
        assertThat(r.marketPrices().get(1).usPrice().get(2027)).isEqualByComparingTo(usPrice(path, 2027));
        BigDecimal expected = new BigDecimal("1200").multiply(new BigDecimal("700")).multiply(usPrice(path, 2027))
                .divide(noBan.us(2026), java.math.MathContext.DECIMAL128).setScale(2, RoundingMode.HALF_UP);
        assertThat(r.line("ga-jp", "ban", 2027).goodsCost()).isEqualByComparingTo(expected);
        assertThat(r.totals().get("ban").get(2027)).isNotEqualByComparingTo(r.totals().get("baseline").get(2027));
        // a Chinese line under the ban is said to be possibly unavailable in the ban's months of the year (2026-03 for 13 months: 3 of 2027)
        Company cn = CompanyFile.parse("ga.yaml", """
                company: One Line Gallium (illustrative)
                date: 2026-03-02
                sourcing:
                  - {id: ga-cn, origin: CN, hts: 8112.92.10.00, quantity: 1200, unit: kg, price: 560, incoterm: FOB, production_regions: [CN-SD],
                     market: {scenario: gallium, share: 1}}
                """, regime, b -> null);
        ExposureYears.Report rc = ExposureYears.evaluate(cn, null, assessor,
                List.of(new Exposure.Case("ban", null, null, "gallium-2025-2035", null)), markets, 2027, 2028);
        assertThat(rc.line("ga-cn", "ban", 2027).warnings()).contains("the gallium-2025-2035 path bans exports from CN to US in 3 months of 2027 "
                + "(from 2026-03 for 13 months): this line may not be available then; its cost here assumes it is");
        assertThat(rc.line("ga-cn", "ban", 2028).warnings()).noneMatch(w -> w.contains("bans exports"));
        assertThat(rc.line("ga-cn", "baseline", 2027).warnings()).noneMatch(w -> w.contains("bans exports"));
    }

    record PathResultPrices(lodestone.market.PathResult p) {
        BigDecimal us(int year) {
            return new BigDecimal(Double.toString(p.value("price[US]", year))).setScale(6, RoundingMode.HALF_UP);
        }
    }

    /**
     * A line in another currency past the regime's last exchange rate: each of the twelve monthly entries warned of the stale rate,
     * twelve warnings a line-year (found using the product: 70 CNY a kg in 2027 said it twelve times). Said once, at its oldest.
     */
    @Test
    void aStaleExchangeRateIsSaidOnceAYearAtItsOldest() throws Exception {
        Company c = CompanyFile.parse("cny.yaml", """
                company: Prairie Cells
                date: 2026-03-02
                sourcing:
                  - {id: lioh-cn, origin: CN, hts: 2825.20.00.00, quantity: 1000, unit: kg, price: 70, currency: CNY, incoterm: FOB, production_regions: [CN-SD]}
                """, regime, b -> null);
        ExposureYears.Report r = ExposureYears.evaluate(c, null, assessor, List.of(), markets, 2027, 2027);
        assertThat(r.line("lioh-cn", "baseline", 2027).warnings()).containsExactly("regime horizon: converted from CNY at 6.7077835 CNY per USD, "
                + "the latest rate in the regime (observed 2026-09-29), 429 days before the entry date 2027-12-02 (older than the stated 31 days); "
                + "the amount in US dollars may be off by the exchange-rate movement since (the same in each of the 12 months of 2027 from 2027-01-02, "
                + "the oldest shown)");
    }

    /** A product a year: its bill of materials' share of each line's landed cost, as the twelve months cost it (half the line: $66,000). */
    @Test
    void aProductCostsItsShareOfItsLinesEachYear() throws Exception {
        Company c = CompanyFile.parse("one.yaml", """
                company: One Line Oxides (illustrative)
                date: 2026-03-02
                products:
                  - {id: magnet, annual_volume: 1000, bom: [{line: ndpr-jp, quantity: 0.6}]}
                sourcing:
                  - {id: ndpr-jp, origin: JP, hts: 2846.90.20.15, quantity: 1200, unit: kg, price: 72.273167, incoterm: CIF,
                     market: {scenario: ndpr, share: 1}}
                """, regime, b -> null);
        ExposureYears.Report r = ExposureYears.evaluate(c, null, assessor,
                List.of(new Exposure.Case("floor", null, null, "ndpr-2025-2040", null)), markets, 2027, 2027);
        // 600 of the 1,200 kg: half of $132,000 under the floor, $66 a magnet; half of $84,296.09 under the baseline
        ExposureYears.ProductYear f = r.products().stream().filter(p -> p.scenario().equals("floor")).findFirst().orElseThrow();
        assertThat(f.annualCost()).isEqualByComparingTo("66000.00");
        assertThat(f.unitCost()).isEqualByComparingTo("66.0000");
        ExposureYears.ProductYear b = r.products().stream().filter(p -> p.scenario().equals("baseline")).findFirst().orElseThrow();
        assertThat(b.annualCost()).isEqualByComparingTo("42148.05"); // 84,296.09 ÷ 2 = 42,148.045 → 42,148.05
        assertThat(b.year()).isEqualTo(2027);
    }

    /** A path on a mineral no line follows changes nothing, and says so (its column equal to the baseline, unexplained, otherwise). */
    @Test
    void aPathOnAnotherMineralIsSaidToChangeNothing() throws Exception {
        ExposureYears.Report r = ExposureYears.evaluate(oneLine(""), null, assessor,
                List.of(new Exposure.Case("ga", null, null, "gallium-2025-2035", null)), markets, 2027, 2027);
        assertThat(r.warnings()).contains("ga: the market gallium-2025-2035 trades gallium, but the lines linked to a market follow neodymium, "
                + "praseodymium: its prices change nothing here");
        assertThat(r.totals().get("ga").get(2027)).isEqualByComparingTo(r.totals().get("baseline").get(2027));
    }

    /**
     * A CFO's fiscal years from October (FY2028 = 2027-10 to 2028-09): the path is by calendar year, so a month takes the price of
     * its calendar year. FY2027 is three months at 2026's price (the anchor: the file's own 72.273167) and nine at 2027's
     * 70.246744: 300 × 72.273167 + 900 × 70.246744 = 21,681.9501 + 63,222.0696 = $84,904.02; FY2028 three at 2027's and nine at
     * 2028's 68.644597: 21,074.0232 + 61,780.1373 = $82,854.16 (average and market price (3 × 70.246744 + 9 × 68.644597) ÷ 12 =
     * 69.045134). The horizon warning counts the months past it: all but 2026-10-02.
     */
    @Test
    void fiscalYearsFromOctoberTakeEachMonthsCalendarYearPrice() throws Exception {
        ExposureYears.Span fy = ExposureYears.parseYears("FY2027-FY2028", "october");
        assertThat(fy).isEqualTo(new ExposureYears.Span(2027, 2028, 10));
        assertThat(fy.months(2028)).isEqualTo("2027-10 to 2028-09");
        ExposureYears.Report r = ExposureYears.evaluate(oneLine(""), null, assessor,
                List.of(new Exposure.Case("floor", null, null, "ndpr-2025-2040", null)), markets, fy, false);
        assertThat(r.line("ndpr-jp", "baseline", 2027).goodsCost()).isEqualByComparingTo("84904.02");
        assertThat(r.line("ndpr-jp", "baseline", 2027).landedCost()).isEqualByComparingTo("84904.02");
        ExposureYears.YearLine b = r.line("ndpr-jp", "baseline", 2028);
        assertThat(b.goodsCost()).isEqualByComparingTo("82854.16");
        assertThat(b.customsValueUsd()).isEqualByComparingTo("82854.16");
        assertThat(b.averagePrice()).isEqualByComparingTo("69.045134");
        assertThat(b.marketPrice()).isEqualByComparingTo("69.045134");
        assertThat(r.totals().get("floor").get(2028)).isEqualByComparingTo("132000.00");
        // FY2027 under the floor: three months at 2026's floor-path price, nine at 110
        assertThat(r.marketPrices().get(1).usPrice().keySet()).containsExactly(2026, 2027, 2028);
        assertThat(r.warnings()).containsExactly("baseline, floor: regime horizon: the border from 2026-11-02 is after 2026-10-07, the last "
                + "date through which the facts of regime us-2026 were checked; measures that begin or change after it are not in these figures, "
                + "which give the regime as it stands for every later month (23 of the 24 months evaluated)");
        // the same months as calendar months: 2027-10 .. 2028-09 cost as the fiscal year does
        assertThat(ExposureYears.parseYears("2028", "10")).isEqualTo(new ExposureYears.Span(2028, 2028, 10));
    }

    @Test
    void badFiscalYearsAreRefusedInWords() throws Exception {
        assertThatThrownBy(() -> ExposureYears.parseYears("FY2028", "13")).hasMessage("fiscal start: 13 is not a month; expected 1 to 12, or a "
                + "month's name (10 or october: fiscal years from October to September)");
        assertThatThrownBy(() -> ExposureYears.parseYears("FY2028", "octobre")).hasMessage("fiscal start: 'octobre' is not a month; expected 1 to 12, "
                + "or a month's name (10 or october: fiscal years from October to September)");
        assertThatThrownBy(() -> ExposureYears.parseYears("FY20x", "10")).hasMessage("years: 'FY20x' is not FIRST-LAST years: calendar years, "
                + "e.g. 2027-2030 (or one year, 2027), or fiscal years with the month they start in, e.g. FY2028-FY2030 from October");
        assertThatThrownBy(() -> ExposureYears.parseYears("FY2028-FY2030", null)).hasMessage("years: FY2028-FY2030 names fiscal years; say the "
                + "month they start in (fiscal start: 10 or october for October to September, FY2028 = 2027-10 to 2028-09), or give calendar years (2028-2030)");
        assertThatThrownBy(() -> ExposureYears.parseYears("FY2030-FY2028", "oct")).hasMessage("years: FY2030-FY2028 runs backwards; write FIRST-LAST, "
                + "e.g. FY2028-FY2030");
        // FY2041 from October runs to 2041-09, past the path's last year
        assertThatThrownBy(() -> ExposureYears.evaluate(oneLine(""), null, assessor, List.of(), markets, ExposureYears.parseYears("FY2040-FY2041", "10"), false))
                .hasMessage("baseline: years FY2040-FY2041 (2039-10 to 2041-09) are outside the path of ndpr-2025-2040, 2025-2040 (its horizon.years): "
                        + "the model has no price for 2041 on");
        // a fiscal year that ends before the file's date
        assertThatThrownBy(() -> ExposureYears.evaluate(oneLine(""), null, assessor, List.of(), markets, ExposureYears.parseYears("FY2025-FY2027", "10"), false))
                .hasMessage("years: FY2025 (2024-10 to 2025-09) ends before the exposure date 2026-03-02 (the file's prices are of that date; give --date "
                        + "an earlier date for earlier years)");
    }

    /**
     * Each year's cheapest re-sourcing: 3,000 kg of dysprosium metal from China at $420 (2805.30.00.50, 5 % general duty) follows
     * no market, so an alternative keeps its price; twelve purchases of 250 kg at $105,000 pay $5,250 each, $63,000 a year, and a
     * program country pays none: $1,260,000 landed, saving $63,000 each year.
     */
    @Test
    void eachYearShowsTheCheapestAlternativeAndItsSaving() throws Exception {
        Company c = CompanyFile.parse("dy.yaml", """
                company: One Line Metals (illustrative)
                date: 2026-03-02
                sourcing:
                  - {id: dy-cn, origin: CN, hts: 2805.30.00.50, quantity: 3000, unit: kg, price: 420, incoterm: FOB, production_regions: [CN-NM]}
                """, regime, b -> null);
        ExposureYears.Report r = ExposureYears.evaluate(c, null, assessor, List.of(), markets, ExposureYears.parseYears("FY2028", "10"), true);
        ExposureYears.YearLine l = r.line("dy-cn", "baseline", 2028);
        assertThat(l.duty()).isEqualByComparingTo("63000.00");
        assertThat(l.landedCost()).isEqualByComparingTo("1323000.00");
        ExposureYears.YearAlternative a = l.cheapestAlternative();
        assertThat(a.landedCost()).isEqualByComparingTo("1260000.00");
        assertThat(a.duty()).isEqualByComparingTo("0");
        assertThat(a.saving()).isEqualByComparingTo("63000.00");
        assertThat(a.averagePrice()).isEqualByComparingTo("420");
        assertThat(a.origin()).isEqualTo("AU");
        assertThat(a.note()).isEqualTo("no market data for this line: same price assumed; preference AU assumed: the goods must meet its rules of "
                + "origin (no bill of materials given, not checked)");
        assertThat(a.sameFor()).contains("CA", "CL", "MX");
    }

    /**
     * A market-linked line's alternative in a year: the line's spot price moved by the baseline path's price in the alternative's
     * region ÷ that in the line's origin's region that year (JP oxide at the anchor price, share 1, duty free: 1,200 × 70.246744 ×
     * P_r ÷ P_JP in 2027), checked against the path the market module runs; under the floor path the same ratio applies to the
     * floor's 110 (the scenario's own regional prices, distorted by the floor, would count it twice).
     */
    @Test
    void aMarketLinkedAlternativeMovesByTheBaselineRegionsPriceRatio() throws Exception {
        ExposureYears.Report r = ExposureYears.evaluate(oneLine(""), null, assessor,
                List.of(new Exposure.Case("floor", null, null, "ndpr-2025-2040", null)), markets, ExposureYears.Span.calendar(2027, 2027), true);
        ExposureYears.YearAlternative a = r.line("ndpr-jp", "baseline", 2027).cheapestAlternative();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(region (\\w+)\\)").matcher(a.note());
        assertThat(m.find()).isTrue();
        Scenario path = markets.scenario("ndpr-2025-2040");
        lodestone.market.PathResult base = MarketPath.run(FiscalTable.baselinePath(path));
        BigDecimal pr = new BigDecimal(Double.toString(base.value("price[" + m.group(1) + "]", 2027))).setScale(6, RoundingMode.HALF_UP);
        String jp = Markets.regionOf(path, "JP");
        BigDecimal pf = new BigDecimal(Double.toString(base.value("price[" + jp + "]", 2027))).setScale(6, RoundingMode.HALF_UP);
        BigDecimal goods = new BigDecimal("1200").multiply(new BigDecimal("72.273167")).multiply(new BigDecimal("70.246744")).multiply(pr)
                .divide(new BigDecimal("72.273167").multiply(pf), java.math.MathContext.DECIMAL128).setScale(2, RoundingMode.HALF_UP);
        assertThat(a.landedCost()).isEqualByComparingTo(goods);
        assertThat(a.saving()).isEqualByComparingTo(new BigDecimal("84296.09").subtract(goods));
        assertThat(a.landedCost()).isLessThan(new BigDecimal("84296.09"));
        ExposureYears.YearAlternative f = r.line("ndpr-jp", "floor", 2027).cheapestAlternative();
        assertThat(f.landedCost()).isEqualByComparingTo(new BigDecimal("1200").multiply(new BigDecimal("110")).multiply(pr)
                .divide(pf, java.math.MathContext.DECIMAL128).setScale(2, RoundingMode.HALF_UP));
    }

    /** The printable report of fiscal years names each by its label, in its products too (they said 2028 for FY2028 — found using the product). */
    @Test
    void theReportNamesFiscalYearsByTheirLabel() throws Exception {
        Company c = CompanyFile.parse("one.yaml", """
                company: One Line Oxides (illustrative)
                date: 2026-03-02
                products:
                  - {id: magnet, annual_volume: 1000, bom: [{line: ndpr-jp, quantity: 0.6}]}
                sourcing:
                  - {id: ndpr-jp, origin: JP, hts: 2846.90.20.15, quantity: 1200, unit: kg, price: 72.273167, incoterm: CIF,
                     market: {scenario: ndpr, share: 1}}
                """, regime, b -> null);
        String html = ExposureYearsJson.html(ExposureYearsJson.of(ExposureYears.evaluate(c, null, assessor, List.of(), markets,
                ExposureYears.parseYears("FY2028", "10"), false)));
        // half the line: 82,854.16 ÷ 2 = 41,427.08
        assertThat(html).contains("<tr><td>magnet</td><td>baseline</td><td>FY2028</td><td class=\"n\">41427.08</td>")
                .contains("<h2>FY2028</h2>").contains("FY2028: 2027-10 to 2028-09");
    }

    /**
     * A fiscal year that began before the file's date: its months before it keep the file's price (the model's is not applied to
     * them), and nothing said so — FY2026 from October with prices of 2026-03-02 costed 2025-10 to 2026-02 at the 2026 price
     * (found using the product). Said, with the months.
     */
    @Test
    void monthsBeforeTheFilesDateAreSaidToKeepItsPrices() throws Exception {
        ExposureYears.Report r = ExposureYears.evaluate(oneLine(""), null, assessor, List.of(), markets, ExposureYears.parseYears("FY2026", "10"), false);
        assertThat(r.line("ndpr-jp", "baseline", 2026).goodsCost()).isEqualByComparingTo("86727.80"); // 1,200 × 72.273167 every month
        assertThat(r.warnings()).contains("FY2026: 5 months before the exposure date 2026-03-02 (2025-10-02 to 2026-02-02) are costed at the "
                + "file's prices, which are of that date, not at the model's prices of their months (each is still assessed at the border on its own date)");
    }
}
