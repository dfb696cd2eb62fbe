package lodestone.market;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Adding an instrument touches two files (docs/market-model.md, "Adding an instrument"): {@link ConsumptionTax},
 * an instrument of this test source set, is its own class plus the one registration line below, and the
 * scenario reader accepts its policy type, the model and the price-space start use it, the path reader sets its
 * field year by year, and the report shows its revenue.
 */
class AddedInstrumentTest {
    @BeforeAll
    static void register() {
        Instruments.register(ConsumptionTax.KIND);
    }

    /** The registry is global: other test classes in this JVM list the built-in policy types only. */
    @AfterAll
    static void unregister() {
        Instruments.unregister(ConsumptionTax.KIND);
    }

    static Equilibrium solve(String policies) throws ScenarioException {
        Equilibrium e = Equilibrium.solve(Scenario.parse(PolicyTwoRegionTest.MARKET + policies, "excise.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
        return e;
    }

    /**
     * The two-region market of {@link PolicyTwoRegionTest} (C: S = p − 20, D = 100 − p; N: S = 2p, D = 80 − p;
     * transport 5). Free trade: imports of C, 120 − 2p_C, equal exports of N, 3p_N − 80, with p_C = p_N + 5, so
     * p_N = 38, p_C = 43. An excise of 6 on consumption in C makes C's demand 94 − p_C: 114 − 2p_C = 3p_N − 80,
     * so 5p_N = 184: p_N = 36.8, p_C = 41.8, C consumes 52.2 and produces 21.8, imports 30.4; revenue 6 × 52.2.
     */
    @Test
    void aRegisteredInstrumentIsReadSolvedAndReported() throws Exception {
        Equilibrium free = solve("");
        assertThat(free.price("N")).isCloseTo(38, within(1e-9));
        assertThat(free.price("C")).isCloseTo(43, within(1e-9));
        Equilibrium e = solve("""
                policies:
                  - {type: consumption_tax, regions: [C], tax: 6}
                """);
        assertThat(e.scenario().policies()).containsExactly("consumption tax of 6 in C");
        assertThat(e.price("N")).isCloseTo(36.8, within(1e-9));
        assertThat(e.price("C")).isCloseTo(41.8, within(1e-9));
        assertThat(e.consumption("C")).isCloseTo(52.2, within(1e-9));
        assertThat(e.production("C")).isCloseTo(21.8, within(1e-9));
        assertThat(e.flow("N", "C")).isCloseTo(30.4, within(1e-9));
        assertThat(e.instrumentTotals().get("consumption_tax_revenue")).isCloseTo(6 * 52.2, within(1e-9));
        @SuppressWarnings("unchecked")
        var totals = (java.util.Map<String, java.util.Map<String, Object>>) ScenarioReport.run(e.scenario()).get("totals");
        assertThat((Double) totals.get("consumption_tax_revenue").get("scenario")).isCloseTo(313.2, within(1e-9));
        assertThat((Double) totals.get("consumption_tax_revenue").get("baseline")).isZero();
    }

    /** The start is computed through the instrument's start hook: from it the solver needs no restart. */
    @Test
    void thePriceSpaceStartSeesTheInstrument() throws Exception {
        Scenario s = Scenario.parse(PolicyTwoRegionTest.MARKET + """
                policies:
                  - {type: consumption_tax, regions: [C], tax: 6}
                """, "excise.yaml");
        double[] x = new PriceStart(new MarketModel(s)).start();
        // the regularised start is within a few per cent of the equilibrium prices 41.8 and 36.8
        assertThat(x[0]).isCloseTo(41.8, within(2.0));
        assertThat(x[1]).isCloseTo(36.8, within(2.0));
    }

    @Test
    void itsFieldsAreCheckedWithTheirLocation() {
        assertThatThrownBy(() -> Scenario.parse(PolicyTwoRegionTest.MARKET + """
                policies:
                  - {type: consumption_tax, regions: [C, Z], rate: 6}
                """, "excise.yaml"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("excise.yaml:16: policies[0].rate: unknown field (expected one of regions, tax, type, label, note, source)")
                .hasMessageContaining("excise.yaml:16: policies[0].regions: unknown region 'Z' (regions: C, N)")
                .hasMessageContaining("excise.yaml:16: policies[0].tax: missing (expected a number ≥ 0)");
    }

    /** A horizon path sets the instrument's field year by year: the tax goes 0 → 6, and so do the prices above. */
    @Test
    void aPathSetsItsFieldByYear() throws Exception {
        Scenario s = Scenario.parse(PolicyTwoRegionTest.MARKET + """
                policies:
                  - {type: consumption_tax, label: excise, regions: [C], tax: 0}
                horizon:
                  years: 2025-2026
                  paths:
                    - {policy: excise, field: tax, values: {2025: 0, 2026: 6}}
                """, "excise.yaml");
        PathResult r = MarketPath.run(s);
        assertThat(r.value("price[C]", 2025)).isCloseTo(43, within(1e-9));
        assertThat(r.value("price[C]", 2026)).isCloseTo(41.8, within(1e-9));
    }
}
