package lodestone.market;

import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Origin-true trade (docs/market-model.md, "Trade"): no routing around an origin-specific measure. */
class OriginTradeTest {
    private static final Regime REGIME = Regime.bundled();

    /**
     * Before origin-true trade, the $110 floor shipped all club imports CN → ROW → club: ROW produced 0 t and
     * exported 11,966 t. Now every region exports at most what it produces.
     */
    @Test
    void theBundledFloorScenarioHasNoTransshipment() throws Exception {
        Scenario s = Scenario.bundled("ndpr-floor-110", REGIME);
        Equilibrium e = Equilibrium.solve(s);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        for (String r : s.regionIds()) {
            double exported = 0;
            for (String o : s.regionIds()) if (!o.equals(r)) exported += e.flow(r, o);
            assertThat(exported).as("exports of %s", r).isLessThanOrEqualTo(e.production(r) + e.recycledProduction(r) + 1e-6);
        }
        assertThat(e.production("ROW")).isZero();
        for (String o : s.regionIds()) if (!o.equals("ROW")) assertThat(e.flow("ROW", o)).isZero();
        // the club's non-member supply comes straight from China and Lynas, and pays the common levy
        double fromNonMembers = 0;
        for (String m : s.club()) fromNonMembers += e.flow("CN", m) + e.flow("LY", m);
        assertThat(fromNonMembers).isPositive();
        double lowest = Math.min(e.exportPrice("CN"), e.exportPrice("LY")) + 0.5;
        for (String m : s.club()) assertThat(e.levy("CN", m)).isCloseTo(110 - lowest, within(1e-9));
    }

    private static final String THREE = """
            scenario: three
            mineral: synthetic
            units: {quantity: t, price: USD/kg}
            reference_price: 30
            regions:
              - {id: A, countries: [AR], supply: {type: fixed, quantity: 100}}
              - {id: B, countries: [BR], demand: {type: linear, intercept: 60, slope: -1}}
              - {id: C, countries: [CL], demand: {type: linear, intercept: 100, slope: -1}}
            transport:
              default: none
              arcs:
                - {from: A, to: [B, C], cost: 1}
                - {from: B, to: C, cost: 1}
            tariffs:
              - {from: A, to: C, specific: 10}
            """;

    /**
     * A produces 100 t (fixed) and consumes nothing; B and C consume 60 − p and 100 − p; freight 1 on A→B, A→C
     * and B→C; C levies a duty of 10 on material from A.
     *
     * <p>Origin-true (B produces nothing, so it exports nothing): C buys from A and pays the duty, p_B = p_A + 1,
     * p_C = p_A + 11, and (60 − p_A − 1) + (100 − p_A − 11) = 100 gives p_A = 24, p_B = 25, p_C = 35, d_B = 35,
     * d_C = 65 = x_AC, duty 650.
     *
     * <p>With B allowed to re-export after processing at k = 2 per unit: A's material reaches C through B at
     * p_A + 1 + 2 + 1 = p_A + 4 < p_A + 11, so p_C = p_A + 4 and (59 − p_A) + (96 − p_A) = 100 gives
     * p_A = 27.5, p_B = 28.5, p_C = 31.5; B re-exports d_C = 68.5 t, A ships all 100 t to B, no duty is paid, and
     * B's origin rent is the processing cost, 2. With k = 10 the route costs p_A + 12 > p_A + 11: nothing is
     * re-exported and the origin-true answer returns.
     */
    @Test
    void threeRegionsWithAndWithoutAReExportRule() throws Exception {
        Equilibrium strict = Equilibrium.solve(Scenario.parse(THREE, "three.yaml"));
        assertThat(strict.solved()).as(strict.diagnosis()).isTrue();
        assertThat(strict.price("A")).isCloseTo(24, within(1e-9));
        assertThat(strict.price("B")).isCloseTo(25, within(1e-9));
        assertThat(strict.price("C")).isCloseTo(35, within(1e-9));
        assertThat(strict.flow("A", "C")).isCloseTo(65, within(1e-9));
        assertThat(strict.flow("B", "C")).isZero();
        assertThat(strict.trades("B", "C")).isFalse();
        assertThat(strict.tariffRevenue()).isCloseTo(650, within(1e-7));

        Equilibrium cheap = Equilibrium.solve(Scenario.parse(THREE
                + "policies:\n  - {type: re_export, region: B, processing_cost: 2}\n", "three-re.yaml"));
        assertThat(cheap.solved()).as(cheap.diagnosis()).isTrue();
        assertThat(cheap.price("A")).isCloseTo(27.5, within(1e-9));
        assertThat(cheap.price("B")).isCloseTo(28.5, within(1e-9));
        assertThat(cheap.price("C")).isCloseTo(31.5, within(1e-9));
        assertThat(cheap.flow("A", "B")).isCloseTo(100, within(1e-9));
        assertThat(cheap.flow("A", "C")).isCloseTo(0, within(1e-9));
        assertThat(cheap.flow("B", "C")).isCloseTo(68.5, within(1e-9));
        assertThat(cheap.reExports("B")).isCloseTo(68.5, within(1e-9));
        assertThat(cheap.originRent("B")).isCloseTo(2, within(1e-9));
        assertThat(cheap.tariffRevenue()).isCloseTo(0, within(1e-9));

        Equilibrium dear = Equilibrium.solve(Scenario.parse(THREE
                + "policies:\n  - {type: re_export, region: B, processing_cost: 10}\n", "three-dear.yaml"));
        assertThat(dear.price("C")).isCloseTo(35, within(1e-9));
        assertThat(dear.reExports("B")).isCloseTo(0, within(1e-9));
        assertThat(dear.tariffRevenue()).isCloseTo(650, within(1e-7));
    }

    @Test
    void theLevyRuleIsNamedAndTheSameForEveryFloor() {
        String two = "scenario: x\nbaseline: ndpr\npolicies:\n  - {type: price_floor, floor: 100, members: [US], levy: per_arc}\n"
                + "  - {type: price_floor, floor: 90, members: [JP]}\n  - {type: price_floor, floor: 90, members: [EU27], levy: each}\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.parse(two, "x.yaml", REGIME))
                .isInstanceOfSatisfying(ScenarioException.class, ex -> assertThat(ex.problems()).containsExactly(
                        "x.yaml:5: policies[1].levy: every price floor of a scenario uses the same levy rule (common or per_arc)",
                        "x.yaml:6: policies[2].levy: expected common or per_arc, found 'each'"));
    }

    /** The per-arc option: each non-member arc into the club pays max(0, F − its own CIF). */
    @Test
    void perArcLeviesOnEachArc() throws Exception {
        Scenario s = Scenario.parse("scenario: x\nbaseline: ndpr\npolicies:\n  - {type: price_floor, floor: 110, members: [US, JP, EU27, MX], levy: per_arc}\n",
                "x.yaml", REGIME);
        Equilibrium e = Equilibrium.solve(s);
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        for (String o : new String[]{"CN", "LY"}) {
            for (String m : s.club()) assertThat(e.levy(o, m)).isCloseTo(Math.max(0, 110 - e.exportPrice(o) - 0.5), within(1e-9));
        }
    }

    /**
     * A stockpile build in a region that produces nothing is filled by imports (reported: "no equilibrium … origin rent in
     * US": the rule counted the build as less of the region's own material, −10 ≥ exports had no solution).
     */
    @Test
    void aBuildInARegionWithoutProductionIsImported() throws Exception {
        for (String policy : new String[]{"{type: stockpile, region: US, build: 10}",
                "{type: stockpile, region: US, capacity: 10, trigger_price: 10000, action: build}"}) {
            Scenario s = Scenario.parse("scenario: b\nbaseline: gallium\npolicies:\n  - " + policy + "\n", "b.yaml", REGIME);
            Equilibrium e = Equilibrium.solve(s);
            assertThat(e.solved()).as(policy + ": " + e.diagnosis()).isTrue();
            assertThat(e.production("US")).isZero();
            double imports = 0;
            for (String o : new String[]{"CN", "RU", "JP"}) imports += e.flow(o, "US");
            assertThat(imports).as(policy).isCloseTo(e.consumption("US") + 10, within(1e-6));
        }
    }
}
