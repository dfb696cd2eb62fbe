package lodestone.market;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A path says the production that found no buyer at price 0, as the one-year model does ("CN: 20.00 t of its production
 * find no buyer at price 0.00"): the path printed production 120 t, consumption 100 t and no exports for CN under a ban,
 * and nothing else, so its own balance (production = consumption + net exports + stock change) was 20 t out without a word.
 *
 * <p>By hand: CN produces a fixed 120 t a year and consumes D = 100 − p; US: S = p, D = 100 − p; no freight. Open:
 * 120 + p = 200 − 2p, p = 80/3. Banned (CN alone): 120 ≥ 100 − p at every p ≥ 0, so p_CN = 0 and 20 t a year are left.
 * A ban of 6 months in 2027 leaves 20·6/12 = 10 t; the year's production is still 120 t.
 */
class UnsoldProductionPathTest {
    static final String MARKET = """
            scenario: glut
            mineral: test mineral
            units: {quantity: t, price: USD/kg}
            reference_price: 50
            regions:
              - {id: CN, countries: [CN], supply: {type: fixed, quantity: 120}, demand: {type: linear, intercept: 100, slope: -1}}
              - {id: US, countries: [US], supply: {type: linear, intercept: 0, slope: 1}, demand: {type: linear, intercept: 100, slope: -1}}
            transport: {default: 0}
            horizon:
              years: 2027-2028
              bans:
                - {region: CN, start: 2027-07, months: 6}
            """;

    @Test
    void aPathSaysTheProductionNoOneBuysAtPriceZero() throws Exception {
        PathResult p = MarketPath.run(Scenario.parse(MARKET, "glut.yaml"));
        assertThat(p.solved()).as(p.failure()).isTrue();
        assertThat(p.value("production[CN]", 2027)).isCloseTo(120, within(1e-9));
        assertThat(p.value("consumption[CN]", 2027)).isCloseTo((6 * (100 - 80.0 / 3) + 6 * 100) / 12, within(1e-9));
        PathResult.Year y2027 = p.years().get(0);
        assertThat(y2027.warnings()).containsExactly("2027: CN: 10.00 t of its production found no buyer at price 0 "
                + "(in 6 months of the year; counted in its production, not in its consumption or exports)");
        assertThat(p.years().get(1).warnings()).isEmpty();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> years = (List<Map<String, Object>>) p.toMap().get("years");
        assertThat(years.get(0)).containsEntry("warnings", y2027.warnings());
        assertThat(years.get(1)).doesNotContainKey("warnings");
        assertThat(p.warnings()).containsExactlyElementsOf(y2027.warnings());
    }
}
