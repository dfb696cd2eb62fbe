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
                + "which give the regime as it stands for every later month");
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
}
