package lodestone.market;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fiscal table of a path against its baseline path, by hand on PolicyTwoRegionTest.MARKET (C: D = 100 − p,
 * S = p − 20; N: D = 80 − p, S = 2p; freight 5; C imports, so C's balance is 120 − 2p_C − R = imports = 3p_N − 80).
 *
 * <p>Both sides share the horizon: 12 t held in C released at 1 t a month in 2025 (R = 12 for the whole year). The scenario
 * adds a club floor in C (50 in 2025, 45 from 2026 by a path) and a one-way subsidy to C's producers at strike 47.
 * <ul>
 * <li>2025, scenario: p_C = 50 (the floor; the subsidy pays nothing above its strike), imports 120 − 100 − 12 = 8,
 * p_N = 88/3, CIF 103/3, levy 50 − 103/3 = 47/3 on 8 t: 376/3; stock sales 12·50 = 600; net cost −376/3 − 600.
 * <li>2025, baseline: 120 − 2p − 12 = 3p − 95, p_C = 40.6; stock sales 12·40.6 = 487.2; net cost −487.2.
 * <li>2026, scenario: p_C = 45, producers receive 47 (S = 27), subsidy 2·27 = 54; imports 55 − 27 = 28, p_N = 36, CIF 41,
 * levy 4 on 28 t: 112; net cost 54 − 112 = −58.
 * <li>2026, baseline: p_C = 43, nothing paid or collected.
 * </ul>
 * Present value at 8 % to 2025: 2025's figures plus 2026's ÷ 1.08.
 */
class FiscalTableTest {
    static final String SCENARIO = PolicyTwoRegionTest.MARKET.replace("scenario: policy-2r\n", "scenario: fiscal-2r\nclub: [C]\n") + """
            policies:
              - {type: price_floor, floor: 50, members: [C], label: club floor}
              - {type: price_gap_subsidy, strike: 47, regions: [C]}
            horizon:
              years: 2025-2026
              discount_rate: 0.08
              paths:
                - {policy: club floor, field: floor, values: {2025: 50, 2026: 45}}
              stockpiles:
                - {name: res, holdings: {C: 12}, release: {rate: 1, from: 2025, to: 2025}}
            """;
    static final double TOL = 1e-6;

    @Test
    void eachYearsAccountsAgainstTheBaselinePathByHand() throws Exception {
        FiscalTable t = FiscalTable.run(Scenario.parse(SCENARIO, "fiscal-2r.yaml"));
        assertThat(t.solved()).as(t.failure()).isTrue();
        assertThat(t.years()).extracting(FiscalTable.Row::year).containsExactly(2025, 2026);
        FiscalTable.Row y25 = t.years().get(0);
        FiscalTable.Row y26 = t.years().get(1);
        figures(y25.scenario(), 376.0 / 3, 0, 600, 0, -376.0 / 3 - 600);
        figures(y25.baseline(), 0, 0, 487.2, 0, -487.2);
        figures(y25.change(), 376.0 / 3, 0, 112.8, 0, -376.0 / 3 - 112.8);
        figures(y26.scenario(), 112, 54, 0, 0, -58);
        figures(y26.baseline(), 0, 0, 0, 0, 0);
        figures(y26.change(), 112, 54, 0, 0, -58);
        figures(t.total().change(), 376.0 / 3 + 112, 54, 112.8, 0, -376.0 / 3 - 112.8 - 58);
        figures(t.presentValue().change(), 376.0 / 3 + 112 / 1.08, 54 / 1.08, 112.8, 0, -376.0 / 3 - 112.8 - 58 / 1.08);
        assertThat(t.baseline()).isEqualTo("fiscal-2r");
        assertThat(t.discountRate()).isEqualTo(0.08);
    }

    /** The text the CLI's and the server's tests send (testkit's FiscalScenario: the regions named US and CN) is this market. */
    @Test
    void theSharedTestScenarioIsThisMarketUnderOtherNames() throws Exception {
        FiscalTable mine = FiscalTable.run(Scenario.parse(SCENARIO, "fiscal-2r.yaml"));
        FiscalTable shared = FiscalTable.run(Scenario.parse(lodestone.testkit.FiscalScenario.YAML, "fiscal-2r.yaml",
                lodestone.regime.Regime.bundled())); // (read as a user's file is: region ids that are countries)
        assertThat(shared.solved()).as(shared.failure()).isTrue();
        assertThat(shared.years()).hasSameSizeAs(mine.years());
        for (int i = 0; i < mine.years().size(); i++) {
            FiscalTable.Row a = mine.years().get(i);
            FiscalTable.Row b = shared.years().get(i);
            assertThat(b.year()).isEqualTo(a.year());
            for (FiscalTable.Figures[] f : new FiscalTable.Figures[][]{{a.scenario(), b.scenario()}, {a.baseline(), b.baseline()},
                    {a.change(), b.change()}}) {
                figures(f[1], f[0].levyRevenue(), f[0].subsidyOutlay(), f[0].stockSales(), f[0].stockPurchases(), f[0].netCost());
            }
        }
    }

    @Test
    void theNetCostIsThePathsFiscalCostAndTheTotalsItsSum() throws Exception {
        Scenario s = Scenario.parse(SCENARIO, "fiscal-2r.yaml");
        PathResult p = MarketPath.run(s);
        FiscalTable t = FiscalTable.run(s);
        for (FiscalTable.Row y : t.years()) {
            assertThat(y.scenario().netCost()).isCloseTo(p.value("fiscal_cost", y.year()), within(1e-9));
        }
        assertThat(t.total().scenario().netCost()).isCloseTo(p.value("cumulative_fiscal_cost", 2026), within(1e-9));
    }

    @Test
    void theCsvHasAYearARowThenTheTotalAndThePresentValue() throws Exception {
        List<List<String>> csv = FiscalTable.run(Scenario.parse(SCENARIO, "fiscal-2r.yaml")).csv();
        assertThat(csv.get(0)).hasSize(19).startsWith("year", "scenario levy_revenue").contains("baseline net_cost").endsWith("change net_cost");
        assertThat(csv).extracting(r -> r.get(0)).containsExactly("year", "2025", "2026", "total", "present value");
        assertThat(Double.parseDouble(csv.get(2).get(18))).isCloseTo(-58, within(TOL));
    }

    /**
     * A floor override is the scenario's: the baseline path keeps the baseline's own floor. The baseline b2r has a floor of 48
     * in C: p_C = 48, imports 24, p_N = 104/3, levy 48 − 119/3 = 25/3 on 24 t: 200. The scenario on it, its floor overridden
     * to 50: p_C = 50, imports 20, p_N = 100/3, levy 35/3 on 20 t: 700/3. (Overriding both, the baseline path read 700/3 too
     * and the change 0.)
     */
    @Test
    void aFloorOverrideLeavesTheBaselinesOwnFloor(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("b2r.yaml"), PolicyTwoRegionTest.MARKET.replace("scenario: policy-2r", "scenario: b2r")
                + "policies:\n  - {type: price_floor, floor: 48, members: [C], label: base floor}\n");
        java.nio.file.Files.writeString(dir.resolve("s2r.yaml"), "scenario: s2r\nbaseline: b2r\nclub: [C]\nhorizon:\n  years: 2025-2025\n");
        Scenario s = new ScenarioReader("s2r.yaml", dir, null).read(java.nio.file.Files.readString(dir.resolve("s2r.yaml")));
        FiscalTable t = FiscalTable.run(s, java.util.Map.of("floor", 50.0));
        assertThat(t.solved()).as(t.failure()).isTrue();
        assertThat(t.years().get(0).scenario().levyRevenue()).isCloseTo(700.0 / 3, within(TOL));
        assertThat(t.years().get(0).baseline().levyRevenue()).isCloseTo(200, within(TOL));
        assertThat(t.years().get(0).change().netCost()).isCloseTo(200 - 700.0 / 3, within(TOL));
    }

    static void figures(FiscalTable.Figures f, double levy, double subsidy, double sales, double purchases, double net) {
        assertThat(f.levyRevenue()).as("levy").isCloseTo(levy, within(TOL));
        assertThat(f.tariffRevenue()).as("tariff").isCloseTo(0, within(TOL));
        assertThat(f.subsidyOutlay()).as("subsidy").isCloseTo(subsidy, within(TOL));
        assertThat(f.stockSales()).as("sales").isCloseTo(sales, within(TOL));
        assertThat(f.stockPurchases()).as("purchases").isCloseTo(purchases, within(TOL));
        assertThat(f.netCost()).as("net").isCloseTo(net, within(TOL));
    }
}
