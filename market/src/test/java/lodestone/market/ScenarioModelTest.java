package lodestone.market;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Published spatial problems written as scenarios, and the model's behaviour on curves it must handle. */
class ScenarioModelTest {

    @Test
    void textbookSpatialEquilibriumAsAScenario() throws Exception {
        JsonNode c = MarketCases.get("MF_SPATIAL_BOOK");
        JsonNode d = c.get("data");
        StringBuilder y = new StringBuilder("""
                scenario: mf-spatial
                mineral: textbook good
                units: {quantity: unit, price: USD}
                reference_price: 25
                regions:
                """);
        String[] ids = {"R1", "R2", "R3"};
        String[] countries = {"US", "CA", "MX"};
        for (int r = 0; r < 3; r++) {
            // inverse supply p = as + bs q and inverse demand p = ad − bd q, written as quantity curves
            double as = d.get("as").get(r).asDouble(), bs = d.get("bs").get(r).asDouble();
            double ad = d.get("ad").get(r).asDouble(), bd = d.get("bd").get(r).asDouble();
            y.append(String.format(Locale.ROOT, """
                      - id: %s
                        countries: [%s]
                        supply: {type: linear, intercept: %s, slope: %s}
                        demand: {type: linear, intercept: %s, slope: %s}
                    """, ids[r], countries[r], -as / bs, 1 / bs, ad / bd, -1 / bd));
        }
        y.append("transport:\n  arcs:\n");
        for (int r = 0; r < 3; r++) for (int s = 0; s < 3; s++) {
            if (r != s) y.append(String.format(Locale.ROOT, "    - {from: %s, to: %s, cost: %s}%n", ids[r], ids[s], d.get("c(i,j)").get(r).get(s).asDouble()));
        }
        Equilibrium e = Equilibrium.solve(Scenario.parse(y.toString(), "mf.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        double[] prices = MarketCases.doubles(c.get("expected").get("prices"));
        double[] net = MarketCases.doubles(c.get("expected").get("net_exports"));
        for (int r = 0; r < 3; r++) {
            assertThat(e.price(ids[r])).isCloseTo(prices[r], within(1e-9));
            assertThat(e.netExports(ids[r])).isCloseTo(net[r], within(1e-9));
        }
        assertThat(e.flow("R1", "R2")).isCloseTo(6, within(1e-9));
        assertThat(e.flow("R2", "R3")).isCloseTo(9, within(1e-9));
        assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
    }

    @Test
    void transmcpWithCapacitiesAsStepCurvesAndFixedDemand() throws Exception {
        JsonNode c = MarketCases.get("TRANSMCP_FIXED");
        String y = """
                scenario: transmcp
                mineral: cases of canned goods
                units: {quantity: case, price: thousand USD/case}
                reference_price: 0.2
                regions:
                  - {id: seattle, countries: [US], supply: {type: steps, steps: [{cost: 0, capacity: 350}]}}
                  - {id: san-diego, countries: [MX], supply: {type: steps, steps: [{cost: 0, capacity: 600}]}}
                  - {id: new-york, countries: [CA], demand: {type: fixed, quantity: 325}}
                  - {id: chicago, countries: [GB], demand: {type: fixed, quantity: 300}}
                  - {id: topeka, countries: [FR], demand: {type: fixed, quantity: 275}}
                transport:
                  default: none
                  arcs:
                    - {from: seattle, to: new-york, cost: 0.225}
                    - {from: seattle, to: chicago, cost: 0.153}
                    - {from: seattle, to: topeka, cost: 0.162}
                    - {from: san-diego, to: new-york, cost: 0.225}
                    - {from: san-diego, to: chicago, cost: 0.162}
                    - {from: san-diego, to: topeka, cost: 0.126}
                """;
        Equilibrium e = Equilibrium.solve(Scenario.parse(y, "transmcp.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        JsonNode ex = c.get("expected_unique");
        String[] markets = {"new-york", "chicago", "topeka"};
        for (int j = 0; j < 3; j++) assertThat(e.price(markets[j])).isCloseTo(ex.get("p").get(j).asDouble(), within(1e-9));
        assertThat(e.price("seattle")).isCloseTo(0, within(1e-9));
        assertThat(e.price("san-diego")).isCloseTo(0, within(1e-9));
        assertThat(e.flow("seattle", "chicago")).isCloseTo(300, within(1e-9));
        assertThat(e.flow("san-diego", "topeka")).isCloseTo(275, within(1e-9));
        assertThat(e.flow("seattle", "new-york") + e.flow("san-diego", "new-york")).isCloseTo(325, within(1e-9));
    }

    static final String ISO_MARKET = """
            scenario: iso
            mineral: test
            units: {quantity: kt, price: USD/kg}
            reference_price: 10
            club: [A]
            regions:
              - id: A
                countries: [US]
                supply: {type: isoelastic, quantity: 20, elasticity: 0.5}
                recycled: {type: isoelastic, quantity: 2, elasticity: 0.3}
                demand: {type: isoelastic, quantity: 60, elasticity: -0.4}
              - id: B
                countries: [CN]
                supply: {type: isoelastic, quantity: 80, elasticity: 0.8}
                demand: {type: isoelastic, quantity: 42, elasticity: -0.3}
            transport: {default: 0.5}
            """;

    @Test
    void isoelasticCurvesSolveWithNewtonAndClearTheMarket() throws Exception {
        Equilibrium e = Equilibrium.solve(Scenario.parse(ISO_MARKET, "iso.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        double pa = e.price("A");
        double pb = e.price("B");
        assertThat(pa - pb).isCloseTo(0.5, within(1e-9));
        // market clearing and the curves themselves, checked independently of the model's rows
        double sa = 20 * Math.pow(pa / 10, 0.5) + 2 * Math.pow(pa / 10, 0.3);
        double sb = 80 * Math.pow(pb / 10, 0.8);
        double da = 60 * Math.pow(pa / 10, -0.4);
        double db = 42 * Math.pow(pb / 10, -0.3);
        assertThat(sa + sb).isCloseTo(da + db, within(1e-8));
        assertThat(e.flow("B", "A")).isCloseTo(da - sa, within(1e-8));
        assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
        assertThat(e.iterations()).isGreaterThan(1);
        assertThat(e.hhi()).isCloseTo(Math.pow(100 * sa / (sa + sb), 2) + Math.pow(100 * sb / (sa + sb), 2), within(1e-6));
    }

    @Test
    void warmStartFromAPreviousEquilibriumGivesTheSameAnswer() throws Exception {
        Scenario s = Scenario.parse(ISO_MARKET + "policies:\n  - {type: price_floor, floor: 12, members: [A]}\n", "iso.yaml");
        Equilibrium cold = Equilibrium.solve(s);
        Equilibrium warm = Equilibrium.solve(s, cold);
        assertThat(warm.price("A")).isCloseTo(cold.price("A"), within(1e-9));
        assertThat(warm.price("A")).isCloseTo(12, within(1e-9));
        assertThat(warm.pivots()).isLessThanOrEqualTo(cold.pivots());
    }

    @Test
    void anInfeasibleMarketIsReportedAsNoEquilibrium() throws Exception {
        // fixed demand of 100 against a capacity of 50 and no other source: no prices clear the market
        Equilibrium e = Equilibrium.solve(Scenario.parse("""
                scenario: short
                mineral: test
                units: {quantity: t, price: USD/kg}
                reference_price: 10
                regions:
                  - id: A
                    countries: [US]
                    supply: {type: steps, steps: [{name: mine, cost: 5, capacity: 50}]}
                    demand: {type: fixed, quantity: 100}
                """, "short.yaml"));
        assertThat(e.solved()).isFalse();
        assertThat(e.diagnosis()).startsWith("no equilibrium found: the linearised problem at iteration 0 has no solution (ray termination")
                .endsWith("unbounded along: price in A");
        assertThatThrownBy(() -> e.price("A")).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no equilibrium found");
    }

    @Test
    void badScenarioReportsEveryProblemWithLineAndField() {
        String bad = """
                scenario: bad
                mineral: test
                units: {quantity: t}
                reference_price: -3
                colour: blue
                regions:
                  - id: A
                    countries: [US, XX, EU27]
                    supply: {type: linear, quantity: 10, elasticity: -0.5}
                    demand: {type: cubic}
                  - id: A
                    countries: [US]
                    demand: {type: linear, intercept: 5, slope: -1}
                policies:
                  - {type: price_floor, floor: 100, members: [A, ZZ]}
                  - {type: export_tax, region: Q, rate: 3}
                  - {type: levitate}
                """;
        assertThatThrownBy(() -> Scenario.parse(bad, "bad.yaml")).isInstanceOfSatisfying(ScenarioException.class, e ->
                assertThat(e.problems()).containsExactly(
                        "bad.yaml:5: colour: unknown field (expected one of scenario, description, mineral, product, baseline, units, "
                                + "reference_year, reference_price, sources, groups, club, regions, transport, tariffs, policies, horizon, uncertainty)",
                        "bad.yaml:3: units.price: missing (expected a value)",
                        "bad.yaml:4: reference_price: expected a number > 0, found -3",
                        "bad.yaml:8: regions[0].countries[1]: unknown country or group 'XX' (expected an ISO 3166 alpha-2 code or a name under groups:)",
                        "bad.yaml:8: regions[0].countries[2]: unknown country or group 'EU27' (expected an ISO 3166 alpha-2 code or a name under groups:)",
                        "bad.yaml:9: regions[0] (A).supply.elasticity: expected a number ≥ 0, found -0.5",
                        "bad.yaml:10: regions[0] (A).demand.type: unknown curve type 'cubic' (expected linear, isoelastic, fixed)",
                        "bad.yaml:11: regions[1].id: duplicate region id 'A'",
                        "bad.yaml:12: regions[1].countries[0]: US is already in regions[0] (A)",
                        "bad.yaml:15: policies[0].members: unknown region 'ZZ' (regions: A, A)",
                        "bad.yaml:16: policies[1].rate: unknown field (expected one of region, ad_valorem, specific, type, label, note, source)",
                        "bad.yaml:16: policies[1].region: unknown region 'Q' (regions: A, A)",
                        "bad.yaml:17: policies[2].type: unknown policy 'levitate' (expected one of certified_segment, export_ban, export_quota, export_tax, "
                                + "offtake, price_floor, price_gap_subsidy, re_export, stockpile)"));
    }

    @Test
    void aCalibrationThatGivesANegativeQuantityNamesTheRegionAndCurve() {
        String y = PolicyTwoRegionTest.MARKET.replace("demand: {type: linear, intercept: 80, slope: -1}",
                "demand: {type: linear, intercept: 30, slope: -1}");
        assertThatThrownBy(() -> Scenario.parse(y, "neg.yaml")).isInstanceOfSatisfying(ScenarioException.class, e ->
                assertThat(e.problems()).containsExactly("neg.yaml:13: regions[1] (N).demand: the demand curve gives a negative"
                        + " quantity (-10) at the reference price 40; quantities cannot be negative"));
    }

    @Test
    void aScenarioOnABaselineMayOnlyAddPoliciesAndTariffs() throws Exception {
        assertThatThrownBy(() -> Scenario.parse("scenario: x\nbaseline: ndpr\nreference_price: 3\n", "x.yaml", lodestone.regime.Regime.bundled()))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactly(
                        "x.yaml:3: reference_price: not allowed in a scenario that names a baseline (the market comes from the"
                                + " baseline; allowed: scenario, description, baseline, sources, club, tariffs, policies, horizon, uncertainty)"));
        Scenario s = Scenario.parse("scenario: duty\nbaseline: ndpr\ntariffs:\n  - {from: [CN, LY], to: US, ad_valorem: 0.25}\n", "duty.yaml", lodestone.regime.Regime.bundled());
        Equilibrium base = Equilibrium.solve(s.baseline());
        Equilibrium e = Equilibrium.solve(s);
        assertThat(s.baseline().name()).isEqualTo("ndpr-baseline");
        assertThat(base.tariffRevenue()).isZero();
        // origin-true trade: no third region can pass Chinese or Lynas material on to the US (none produces
        // more than it exports), so the duty is paid; the US buys the EU's own output duty-free (the EU
        // replaces it with imports: a swap, not a re-export) and the rest from China or Lynas, duty paid
        double eu = e.flow("EU27", "US");
        assertThat(eu).isLessThanOrEqualTo(e.production("EU27") + 1e-6);
        double dutiable = e.flow("CN", "US") + e.flow("LY", "US");
        assertThat(dutiable + eu).isCloseTo(-e.netExports("US"), within(1e-6));
        assertThat(dutiable).isPositive();
        for (String o : List.of("CN", "LY")) {
            if (e.flow(o, "US") > 1e-6) assertThat(1.25 * (e.exportPrice(o) + 0.5)).isCloseTo(e.price("US"), within(1e-9));
        }
        assertThat(e.tariffRevenue()).isCloseTo(0.25 * (e.exportPrice("CN") + 0.5) * e.flow("CN", "US")
                + 0.25 * (e.exportPrice("LY") + 0.5) * e.flow("LY", "US"), within(1e-6));
        for (String r : s.regionIds()) {
            double exported = 0;
            for (String o : s.regionIds()) if (!o.equals(r)) exported += e.flow(r, o);
            assertThat(exported).as("exports of %s", r).isLessThanOrEqualTo(e.production(r) + e.recycledProduction(r) + 1e-6);
        }
        // a duty on China alone is avoided legitimately: the US buys from Lynas (and the EU) instead (trade diversion)
        Equilibrium diverted = Equilibrium.solve(Scenario.parse(
                "scenario: duty-cn\nbaseline: ndpr\ntariffs:\n  - {from: CN, to: US, ad_valorem: 0.25}\n", "duty-cn.yaml", lodestone.regime.Regime.bundled()));
        assertThat(diverted.flow("CN", "US")).isCloseTo(0, within(1e-9));
        assertThat(diverted.flow("LY", "US") + diverted.flow("EU27", "US")).isPositive().isCloseTo(-diverted.netExports("US"), within(1e-6));
        assertThat(diverted.tariffRevenue()).isCloseTo(0, within(1e-9));
    }

    @Test
    void brokenYamlIsOneLocatedProblem() {
        assertThatThrownBy(() -> Scenario.parse("scenario: x\nregions: [a\n", "broken.yaml"))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("broken.yaml:3: not valid YAML:");
    }

    @Test
    void aScenarioOnABaselineMayNotRedefineTheMarket() {
        assertThatThrownBy(() -> Scenario.parse("scenario: x\nbaseline: nowhere-to-be-found\n", "x.yaml", lodestone.regime.Regime.bundled()))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactly(
                        "x.yaml:2: baseline: no bundled scenario 'nowhere-to-be-found'; a text read without its folder (the API's"
                                + " \"text\", the web page's file) can name only a bundled baseline (ndpr, ndpr-floor-110, ndpr-subsidy-110,"
                                + " lithium, cobalt, graphite, gallium, gallium-ban, gallium-ban-stockpile, ndpr-2025-2040,"
                                + " gallium-2025-2035, antimony, tungsten, nickel, copper, manganese, germanium, germanium-ban-us, germanium-ban,"
                                + " germanium-2025-2035): send your market and its"
                                + " scenario as one text, without baseline:"));
    }

    /** A file read from disk names a baseline next to it: its message says so (the text's above cannot have one). */
    @Test
    void aFileNamesABaselineNextToItOrBundled(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("x.yaml");
        java.nio.file.Files.writeString(f, "scenario: x\nbaseline: vanadium\n");
        assertThatThrownBy(() -> Scenario.load(f, lodestone.regime.Regime.bundled()))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactly(
                        f + ":2: baseline: no scenario 'vanadium' next to this file (vanadium.yaml in " + dir
                                + ") or among the bundled markets"));
    }
}
