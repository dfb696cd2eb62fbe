package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A horizon stockpile whose release or purchase years run backwards ({@code from: 2029, to: 2027}) never released or
 * bought, without a word; two stockpiles of one name were both run, and {@code stockpile.NAME.size} scaled both. Each is
 * now a problem at its field, as a duplicate project name is.
 */
class StockpileRuleCheckTest {
    static final String MARKET = """
            scenario: rules
            mineral: test mineral
            units: {quantity: t, price: USD/kg}
            reference_price: 40
            regions:
              - {id: A, countries: [AR], supply: {type: linear, intercept: 20, slope: 2}, demand: {type: linear, intercept: 200, slope: -2}}
              - {id: B, countries: [BR], demand: {type: linear, intercept: 50, slope: -1}}
            horizon:
              years: 2026-2030
              stockpiles:
            """;

    @Test
    void yearsThatRunBackwardsAndATwiceUsedNameAreRefusedAtTheirFields() {
        String bad = MARKET + """
                    - {name: vault, holdings: {A: 20}, release: {rate: 2, from: 2029, to: 2027}, buy: {rate: 1, from: 2028, to: 2027}}
                    - {name: vault, holdings: {B: 20}, release: {rate: 2, during: ban}}
                """;
        assertThatThrownBy(() -> Scenario.parse(bad, "bad.yaml")).isInstanceOfSatisfying(ScenarioException.class, e ->
                assertThat(e.problems()).containsExactly(
                        "bad.yaml:11: horizon.stockpiles[0].release.to: 2027 is before from: 2029 (the release's years run FROM to TO)",
                        "bad.yaml:11: horizon.stockpiles[0].buy.to: 2027 is before from: 2028 (the purchases' years run FROM to TO)",
                        "bad.yaml:12: horizon.stockpiles[1].name: duplicate stockpile name 'vault' (a parameter stockpile.NAME.size names one)"));
    }

    @Test
    void yearsInOrderAndDistinctNamesAreRead() throws Exception {
        Scenario s = Scenario.parse(MARKET + """
                    - {name: vault, holdings: {A: 20}, release: {rate: 2, from: 2027, to: 2027}, buy: {rate: 1, from: 2028, to: 2028}}
                    - {name: reserve, holdings: {B: 20}, release: {rate: 2, during: ban}}
                """, "ok.yaml");
        assertThat(MarketPath.run(s).solved()).isTrue();
    }
}
