package lodestone.market;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The stockpile agency's account in the welfare change (docs/market-model.md, "Outputs"): what its releases sell for
 * and what its purchases cost, at the market price. Before, a one-year run left both out: a release's consumer gain and
 * producers' loss were counted, the 672 its 24 t sold for was not, and a build's 1,248 was paid by no one. A path
 * counted only its horizon's stockpiles, not a scenario's own stockpile policies, which it put on the market each year.
 *
 * <p>One market, demand D = 100 − p, supply S = 20 + p: without a stockpile p⁰ = 40, 60 t. A release of R = 24 t:
 * 20 + p + 24 = 100 − p, p¹ = 28 (consumers buy 72, producers sell 48); a purchase of 24 t: p¹ = 52 (48 bought, 72 sold).
 */
class StockpileWelfareTest {
    static final double TOL = 1e-9;

    static final String MARKET = """
            scenario: one-market
            mineral: synthetic
            units: {quantity: t, price: USD/t}
            reference_price: 40
            regions:
              - {id: A, countries: [US], supply: {type: linear, intercept: 20, slope: 1}, demand: {type: linear, intercept: 100, slope: -1}}
            transport: {default: none}
            """;

    static Equilibrium solve(String text) throws ScenarioException {
        Equilibrium e = Equilibrium.solve(Scenario.parse(text, "one.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        return e;
    }

    @Test
    void aReleaseIsSoldAtTheMarketPriceAndItsRevenueIsInTheWelfareChange() throws Exception {
        Equilibrium none = solve(MARKET);
        assertThat(none.price("A")).isCloseTo(40, within(TOL));
        assertThat(none.hasStockpiles()).isFalse();
        assertThat(none.instrumentTotals()).doesNotContainKeys("stock_sales", "stock_purchases");
        Equilibrium e = solve(MARKET + "policies:\n  - {type: stockpile, region: A, release: 24}\n");
        assertThat(e.price("A")).isCloseTo(28, within(TOL));
        assertThat(e.consumption("A")).isCloseTo(72, within(TOL));
        assertThat(e.production("A")).isCloseTo(48, within(TOL));
        assertThat(e.stockRelease("A")).isCloseTo(24, within(TOL));
        // ∫_{28}^{40} (100 − p) dp = (60 + 72)/2 · 12; −∫_{28}^{40} (20 + p) dp = −(60 + 48)/2 · 12; 24 t sold at 28
        Equilibrium.Welfare w = e.welfareChange(none);
        assertThat(w.consumer()).isCloseTo(792, within(TOL));
        assertThat(w.producer()).isCloseTo(-648, within(TOL));
        assertThat(e.stockSales()).isCloseTo(672, within(TOL));
        assertThat(e.stockPurchases()).isZero();
        assertThat(w.stockpile()).isCloseTo(672, within(TOL));
        assertThat(w.government()).isZero();
        // the total is the value of the 24 t to the market, R·(p⁰ + p¹)/2 = 816; before, 144 (the stock's sales left out)
        assertThat(w.total()).isCloseTo(24 * (40 + 28) / 2.0, within(TOL)).isCloseTo(816, within(TOL));
        // the holdings are not valued: charged at the price before the release, 24 · 40 = 960, the release would be
        // the deadweight loss of selling below that value, −R·(p⁰ − p¹)/2 = −144 (docs/market-model.md says so)
        assertThat(w.total() - 24 * 40).isCloseTo(-24 * (40 - 28) / 2.0, within(TOL));
        assertThat(e.stockFlows()).containsExactly(new Equilibrium.StockFlow("stockpile release in A", "A", 24, e.price("A")));
    }

    @Test
    void aPurchaseIsPaidAtTheMarketPriceAndItsCostIsInTheWelfareChange() throws Exception {
        Equilibrium none = solve(MARKET);
        Equilibrium e = solve(MARKET + "policies:\n  - {type: stockpile, region: A, build: 24}\n");
        assertThat(e.price("A")).isCloseTo(52, within(TOL));
        assertThat(e.consumption("A")).isCloseTo(48, within(TOL));
        assertThat(e.production("A")).isCloseTo(72, within(TOL));
        Equilibrium.Welfare w = e.welfareChange(none);
        assertThat(w.consumer()).isCloseTo(-648, within(TOL));
        assertThat(w.producer()).isCloseTo(792, within(TOL));
        assertThat(e.stockSales()).isZero();
        assertThat(e.stockPurchases()).isCloseTo(24 * 52, within(TOL));
        assertThat(w.stockpile()).isCloseTo(-1248, within(TOL));
        // −B·(p⁰ + p¹)/2 = −1,104: what the market gives up for the 24 t put away; before, +144
        assertThat(w.total()).isCloseTo(-24 * (40 + 52) / 2.0, within(TOL));
    }

    /** A release triggered above 35 of up to 30 t: at 40 it releases; 65 − 55 = 10 t hold the price at 35, sold at 35. */
    @Test
    void aTriggeredReleaseIsSoldAtThePriceItHolds() throws Exception {
        Equilibrium none = solve(MARKET);
        Equilibrium e = solve(MARKET + "policies:\n  - {type: stockpile, region: A, trigger_price: 35, capacity: 30}\n");
        assertThat(e.price("A")).isCloseTo(35, within(TOL));
        assertThat(e.stockRelease("A")).isCloseTo(10, within(1e-8));
        assertThat(e.stockSales()).isCloseTo(350, within(1e-7));
        // consumers +(60 + 65)/2 · 5, producers −(60 + 55)/2 · 5, the agency 350: 10 · (40 + 35)/2
        assertThat(e.welfareChange(none).total()).isCloseTo(375, within(1e-7));
    }

    /** The JSON report (simulate --json, the API) has the agency's figures with a stockpile, and nothing new without. */
    @Test
    void theReportHasTheStockFiguresOnlyWhenAStockpileIsInEitherMarket() throws Exception {
        Scenario plain = Scenario.parse(MARKET, "one.yaml");
        Scenario released = Scenario.parse(MARKET + "policies:\n  - {type: stockpile, region: A, release: 24}\n", "one.yaml");
        Equilibrium none = Equilibrium.solve(plain);
        Equilibrium e = Equilibrium.solve(released);
        Map<String, Object> totals = map(ScenarioReport.of(released, none, e).get("totals"));
        assertThat(map(totals.get("stock_sales"))).containsEntry("baseline", 0.0);
        assertThat((double) map(totals.get("stock_sales")).get("scenario")).isCloseTo(672, within(TOL));
        assertThat(map(totals.get("stock_purchases"))).containsEntry("baseline", 0.0).containsEntry("scenario", 0.0);
        // a scenario that drops the baseline's release: the figures are there, the baseline's sales in them
        Map<String, Object> dropped = map(ScenarioReport.of(plain, e, none).get("totals"));
        assertThat((double) map(dropped.get("stock_sales")).get("baseline")).isCloseTo(672, within(TOL));
        assertThat(map(dropped.get("stock_sales"))).containsEntry("scenario", 0.0);
        Map<String, Object> neither = map(ScenarioReport.of(plain, none, none).get("totals"));
        assertThat(neither).doesNotContainKeys("stock_sales", "stock_purchases");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /**
     * A path of one year gives the one-year model's figures: a scenario's own stockpile policy (which the path puts on
     * the market and, before, did not count), and a horizon stockpile releasing (or buying) 2 t a month all year.
     */
    @Test
    void aOneYearPathCountsTheAgencysSalesAndPurchasesAsTheOneYearModelDoes() throws Exception {
        String year = "horizon:\n  years: 2025-2025\n";
        PathResult own = MarketPath.run(Scenario.parse(MARKET + "policies:\n  - {type: stockpile, region: A, release: 24}\n" + year, "p.yaml"));
        assertThat(own.solved()).as(own.failure()).isTrue();
        assertThat(own.value("price[A]", 2025)).isCloseTo(28, within(TOL));
        assertThat(own.value("stock_sales", 2025)).isCloseTo(672, within(TOL));
        assertThat(own.value("fiscal_cost", 2025)).isCloseTo(-672, within(TOL));

        PathResult vault = MarketPath.run(Scenario.parse(MARKET + year
                + "  stockpiles:\n    - {name: vault, holdings: {A: 30}, release: {rate: 2, from: 2025, to: 2025}}\n", "p.yaml"));
        assertThat(vault.solved()).as(vault.failure()).isTrue();
        assertThat(vault.value("price[A]", 2025)).isCloseTo(28, within(TOL));
        assertThat(vault.value("stock_sales", 2025)).isCloseTo(672, within(TOL));
        assertThat(vault.value("stock_purchases", 2025)).isZero();
        assertThat(vault.value("holdings", 2025)).isCloseTo(6, within(TOL));

        PathResult buy = MarketPath.run(Scenario.parse(MARKET + year
                + "  stockpiles:\n    - {name: vault, holdings: {A: 0}, buy: {rate: 2}}\n", "p.yaml"));
        assertThat(buy.solved()).as(buy.failure()).isTrue();
        assertThat(buy.value("price[A]", 2025)).isCloseTo(52, within(TOL));
        assertThat(buy.value("stock_purchases", 2025)).isCloseTo(24 * 52, within(TOL));
        assertThat(buy.value("stock_sales", 2025)).isZero();
        assertThat(buy.value("holdings", 2025)).isCloseTo(24, within(TOL));
        Equilibrium built = solve(MARKET + "policies:\n  - {type: stockpile, region: A, build: 24}\n");
        assertThat(buy.value("stock_purchases", 2025)).isCloseTo(built.stockPurchases(), within(TOL));
    }

    /**
     * Two price-triggered horizon stockpiles in one region draw down each by its own release. Before, each took the
     * region's whole triggered release (and the scenario's own stockpile policies there) off its holdings.
     */
    @Test
    void eachTriggeredStockpileOfARegionDrawsDownItsOwnRelease() throws Exception {
        // D = 100 − p, S = 20 + p, two reserves releasing above 35 at up to 1 t a month each (12 t a year): at 35 the
        // market takes 10 t, shared between the two boxes in some way; together they lose 10 t, not 20
        PathResult p = MarketPath.run(Scenario.parse(MARKET + "horizon:\n  years: 2025-2025\n  stockpiles:\n"
                + "    - {name: one, holdings: {A: 50}, release: {rate: 1, above: 35}}\n"
                + "    - {name: two, holdings: {A: 50}, release: {rate: 1, above: 35}}\n", "p.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("price[A]", 2025)).isCloseTo(35, within(1e-8));
        assertThat(p.value("holdings", 2025)).isCloseTo(90, within(1e-7));
        assertThat(p.value("stock_sales", 2025)).isCloseTo(350, within(1e-6));
    }
}
