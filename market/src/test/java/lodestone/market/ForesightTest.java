package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The two expectation rules of project entry (docs/market-model.md, "Years") on a case where they differ.
 *
 * <p>One region, supply S = p, demand D = m_t·(100 − p) with m_t = 1.1^t (10 % growth from 2025, t = year −
 * 2025), discount rate 0. Without the project p_t = 100·m_t/(1 + m_t): 50, 52.381, 54.751, 57.100, 59.417, …
 * Project P: 2 t/yr at unit cost 0, capex 56 per unit of capacity, lead time 1, life 1 — decided at the end of
 * year y, it produces in y + 1 only, so its NPV is p_{y+1} − 56 and, producing, it lowers that price to
 * p'_t = (100·m_t − 2)/(1 + m_t): 53.846 in 2027, 56.242 in 2028, 58.605 in 2029.
 * <ul>
 * <li>Myopic: built at the end of the first year whose own price is ≥ 56: 2028 (p = 57.100; 2027's 54.751 is
 *     short), producing in 2029 at 58.605.
 * <li>Perfect foresight: built in the first year y with p'_{y+1} ≥ 56 on the path where it produces: 2027
 *     (p'_2028 = 56.242; 2026 would need p'_2027 = 53.846). Iteration: the myopic plan {2028} gives a path
 *     with p_2028 = 57.100 ≥ 56 → plan {2027}; that path gives p'_2028 = 56.242 ≥ 56 → {2027} again: a fixed
 *     point after 3 paths.
 * </ul>
 */
class ForesightTest {
    static String scenario(String rule, String growth, String project) {
        return """
                scenario: foresight
                mineral: test mineral
                units: {quantity: t, price: USD/kg}
                reference_price: 50
                regions:
                  - id: A
                    countries: [US]
                    supply: {type: linear, intercept: 0, slope: 1}
                    demand: {type: linear, intercept: 100, slope: -1}
                horizon:
                  years: 2025-%s
                  demand_growth: %s
                  discount_rate: 0
                  expectations: %s
                  projects:
                    - %s
                """.formatted(growth.equals("0") ? "2027" : "2030", growth, rule, project);
    }

    static final String SMALL = "{name: P, region: A, capacity: 2, unit_cost: 0, capex: 56, lead_time: 1, life: 1}";

    static double m(int year) {
        return Math.pow(1.1, year - 2025);
    }

    @Test
    void myopicBuildsWhenThisYearsPriceCoversTheIncentive() throws Exception {
        PathResult r = MarketPath.run(Scenario.parse(scenario("myopic", "0.1", SMALL), "f.yaml"));
        assertThat(r.solved()).isTrue();
        assertThat(r.expectations()).isEqualTo(PathResult.Expectations.MYOPIC);
        assertThat(r.value("price[A]", 2027)).isCloseTo(100 * m(2027) / (1 + m(2027)), within(1e-9));
        assertThat(r.value("price[A]", 2028)).isCloseTo(100 * m(2028) / (1 + m(2028)), within(1e-9));
        assertThat(r.value("price[A]", 2029)).isCloseTo((100 * m(2029) - 2) / (1 + m(2029)), within(1e-9));
        assertThat(r.years().get(3).projectsBuilt()).singleElement().asString().startsWith("P (A): NPV 1.1");
        assertThat(r.years().stream().filter(y -> y.year() != 2028).allMatch(y -> y.projectsBuilt().isEmpty())).isTrue();
    }

    @Test
    void perfectForesightBuildsOnThePathItsOwnOutputMakes() throws Exception {
        PathResult r = MarketPath.run(Scenario.parse(scenario("perfect-foresight", "0.1", SMALL), "f.yaml"));
        assertThat(r.solved()).isTrue();
        assertThat(r.expectations()).isEqualTo(new PathResult.Expectations("perfect-foresight", 3, true));
        assertThat(r.years().get(2).projectsBuilt()).singleElement().asString()
                .isEqualTo("P (A): NPV 0.2420 per unit of capacity ≥ 0 on the path's own prices from 2028 (perfect foresight)");
        assertThat(r.value("price[A]", 2028)).isCloseTo((100 * m(2028) - 2) / (1 + m(2028)), within(1e-9));
        assertThat(r.value("price[A]", 2029)).isCloseTo(100 * m(2029) / (1 + m(2029)), within(1e-9));
        assertThat(r.toMap().get("expectations").toString()).contains("rule=perfect-foresight").contains("converged=true");
    }

    /**
     * No fixed point: no growth, so p = 50 without the project; 20 t/yr at capex 49 brings it to p' = 40 (p' + 20 =
     * 100 − p'). On a path without it, building pays (50 ≥ 49); on the path with it, it does not (40 < 49). The
     * plans alternate (decide 2025 ↔ 2026) and the run says so after the cap.
     */
    @Test
    void aProjectThatSinksItsOwnPriceHasNoFixedPointAndIsReported() throws Exception {
        PathResult r = MarketPath.run(Scenario.parse(scenario("perfect-foresight", "0",
                "{name: Big, region: A, capacity: 20, unit_cost: 0, capex: 49, lead_time: 1, life: 1}"), "f.yaml"));
        assertThat(r.solved()).isTrue();
        assertThat(r.expectations().converged()).isFalse();
        assertThat(r.expectations().iterations()).isEqualTo(MarketPath.FORESIGHT_ROUNDS + 1);
        assertThat(r.expectations().describe()).startsWith("perfect foresight NOT converged: build decisions still changing after 13 paths");
    }

    /** Seeking and the tornado name the paths whose build decisions did not converge (the no-fixed-point case above). */
    @Test
    void seekAndSensitivityWarnOfPathsThatDidNotConverge() throws Exception {
        String text = scenario("perfect-foresight", "0", "{name: Big, region: A, capacity: 20, unit_cost: 0, capex: 49, lead_time: 1, life: 1}")
                + "uncertainty:\n  - {param: demand_elasticity, dist: uniform, min: 0.99, max: 1.01}\n";
        Scenario s = Scenario.parse(text, "f.yaml");
        TargetSeek.Result r = TargetSeek.seek(s, "demand_elasticity", Target.parse("price[A](2026) >= 0"), 0.99, 1.01, null);
        assertThat(r.reached()).isTrue();
        assertThat(r.warnings()).singleElement().asString()
                .startsWith("perfect foresight did not converge at 9 of 9 values tried (demand_elasticity = 0.99, ");
        assertThat(r.message()).contains(" — warning: perfect foresight did not converge");
        assertThat(r.toMap("demand_elasticity", Target.parse("price[A](2026) >= 0")).get("warnings")).isEqualTo(r.warnings());
        Sensitivity.Result t = Sensitivity.run(s, "price[A]", 2026);
        assertThat(t.warnings()).hasSize(3).first().asString().startsWith("the scenario's own values: perfect foresight NOT converged");
        // the myopic rule always converges: no warning
        Scenario myopic = Scenario.parse(text.replace("expectations: perfect-foresight", "expectations: myopic"), "f.yaml");
        assertThat(Sensitivity.run(myopic, "price[A]", 2026).warnings()).isEmpty();
        assertThat(TargetSeek.seek(myopic, "demand_elasticity", Target.parse("price[A](2026) >= 0"), 0.99, 1.01, null).warnings()).isEmpty();
    }

    @Test
    void anUnknownRuleIsRefusedWithItsLocation() {
        assertThatThrownBy(() -> Scenario.parse(scenario("rational", "0.1", SMALL), "f.yaml"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("f.yaml:14: horizon.expectations: expected myopic or perfect-foresight, found 'rational'");
    }

    @Test
    void aProjectsLeadTimeAndLifeAreWholeYearsOrRefused() {
        // reported: lead_time 2.5 was read as 2 without a word
        assertThatThrownBy(() -> Scenario.parse(scenario("myopic", "0.1",
                "{name: Big, region: A, capacity: 20, unit_cost: 0, capex: 49, lead_time: 2.5, life: 10.5}"), "f.yaml"))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).anyMatch(p -> p.endsWith(
                        "lead_time: expected whole years, found 2.5")).anyMatch(p -> p.endsWith("life: expected whole years, found 10.5")));
    }
}
