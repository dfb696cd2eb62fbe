package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The stockpile agency's account in a scenario run (docs/market-model.md, "Outputs"): the API's result has the
 * stockpiles' sales at the regions' prices, and the Scenarios page counts them in the total welfare change and names
 * them; a run without a stockpile says nothing of one. Before, the page's total left out what the 70 t released by the
 * US and Japan sold for.
 */
class StockpileWelfareBrowserTest extends BrowserPageTest {

    /** The page's money: thousands grouped by thin spaces, no decimals from 1,000 up (kit/format.js money). */
    private static String money(double v) {
        String n = Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v).replace(',', '\u202f') : String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
        return n + "\u00a0thousand\u00a0USD";
    }

    @Test
    void aStockpileReleaseIsInTheWelfareChangeTheApiAndThePageReport() {
        JsonNode r = s.post("/api/scenario-runs", s.admin, Map.of("scenario", "gallium-ban-stockpile")).json().get("result");
        JsonNode t = r.get("totals");
        double sales = 0;
        double cs = 0;
        double ps = 0;
        for (JsonNode g : r.get("regions")) {
            sales += g.at("/stock_release/scenario").asDouble() * g.at("/price/scenario").asDouble();
            cs += g.get("consumer_surplus_change").asDouble();
            ps += g.get("producer_surplus_change").asDouble();
        }
        assertThat(t.at("/stock_sales/scenario").asDouble()).isCloseTo(sales, within(1e-6)).isPositive();
        assertThat(t.at("/stock_sales/baseline").asDouble()).isZero();
        assertThat(t.at("/stock_purchases/scenario").asDouble()).isZero();
        java.util.function.ToDoubleFunction<String> d = k -> t.at("/" + k + "/scenario").asDouble() - t.at("/" + k + "/baseline").asDouble();
        double total = cs + ps + d.applyAsDouble("levy_revenue") + d.applyAsDouble("tariff_revenue") + d.applyAsDouble("export_tax_revenue")
                - d.applyAsDouble("subsidy_outlay") + d.applyAsDouble("quota_rents") + sales;

        // the answer's own total (the world's welfare_change) is that sum, and its regions' net welfare adds up to it
        assertThat(r.at("/welfare_change/total").asDouble()).isCloseTo(total, within(1e-6));
        assertThat(r.at("/welfare_change/stockpile").asDouble()).isCloseTo(sales, within(1e-6));
        double byRegion = 0;
        for (JsonNode g : r.get("regions")) byRegion += g.at("/welfare_change/total").asDouble();
        assertThat(byRegion).isCloseTo(total, within(1e-6));

        open(1366, 900);
        runScenarioAt(1366, "gallium-ban-stockpile");
        assertThat(page.getByTestId("welfare")).hasText(money(total));
        assertThat(page.getByTestId("region-welfare")).hasCount(r.get("regions").size());
        assertThat(page.getByTestId("region-welfare").first()).hasText(money(r.at("/regions/0/welfare_change/total").asDouble()));
        assertThat(page.getByTestId("stock-account")).hasText(money(sales));
        assertThat(page.getByTestId("scenario-result")).containsText("+ stockpile account " + money(sales));
        assertThat(page.getByTestId("scenario-result")).containsText("the holdings drawn down or added are not valued");

        // no stockpile in the run or its baseline: nothing of one on the page or in the result
        assertThat(s.post("/api/scenario-runs", s.admin, Map.of("scenario", "ndpr-floor-110")).json().at("/result/totals").has("stock_sales")).isFalse();
        runScenarioAt(1366, "ndpr-floor-110");
        assertThat(page.getByTestId("stock-account")).hasCount(0);
        assertThat(page.getByTestId("scenario-result")).not().containsText("stockpile");
        assertThat(errors).isEmpty();
    }

    /** A path's stock sales and purchases are money (quantities × prices), its holdings a quantity: before, the reverse. */
    @Test
    void aPathsStockSalesAreMoneyAndItsHoldingsAQuantity() {
        open(1366, 900);
        String units = "{quantity: 't', price: 'USD/kg', money: 'thousand USD'}";
        for (String[] m : new String[][]{{"stock_sales", "thousand USD"}, {"stock_purchases", "thousand USD"}, {"holdings", "t"},
                {"holdings[US]", "t"}, {"fiscal_cost", "thousand USD"}, {"price[US]", "USD/kg"}}) {
            Object unit = page.evaluate("() => import('/paths.js').then(p => p.metricUnit('" + m[0] + "', " + units + "))");
            assertThat(unit).as(m[0]).isEqualTo(m[1]);
        }
        assertThat(errors).isEmpty();
    }
}
