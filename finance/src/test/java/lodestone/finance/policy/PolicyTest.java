package lodestone.finance.policy;

import lodestone.finance.projects.Market;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.ProjectValuation;
import lodestone.finance.projects.Registry;
import lodestone.finance.valuation.Support;
import lodestone.finance.valuation.Valuation;
import lodestone.regime.Regime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PolicyTest {
    static Regime regime;
    static Registry registry;

    @BeforeAll
    static void load() {
        regime = Regime.bundled();
        registry = Registry.bundled();
    }

    /**
     * A market priced in USD/t that names the USD/kg NdPr scenario is refused by floor and rank, at the market's file and
     * line; before, its floor of 66,400 USD/t went into the NdPr market as 66,400 USD/kg.
     */
    @Test
    void aMarketWhoseScenarioIsInAnotherUnitIsRefused() {
        Market ndpr = registry.market("ndpr").orElseThrow();
        double[] perTonne = java.util.Arrays.stream(ndpr.prices()).map(p -> p * 1000).toArray();
        Market t = new Market("ndpr-t", "NdPr oxide", "USD/t", ndpr.years(), perTonne, "U1",
                lodestone.finance.valuation.PriceProcess.ou(69_000, 70_000, 0.5, 0.3), List.of(), "ndpr", ndpr.club(), "my-markets.yaml", 3);
        String expected = "my-markets.yaml:3: market 'ndpr-t' is priced in USD/t per t, but its scenario 'ndpr' is in USD/kg per t; "
                + "a market's scenario must use the market's price unit and tonnes (floors, costs and capacities are passed to it as they are)";
        assertThatThrownBy(() -> FloorSetting.compare(registry, t, List.of("band:5:0.2"), regime, 1)).hasMessage(expected);
        assertThatThrownBy(() -> Ranking.rank(registry, t, regime, 1)).hasMessage(expected);
    }

    /**
     * The bundled magnet market names no scenario: the bundled markets model NdPr oxide, and a magnet floor set in the oxide
     * market (66.55 USD/kg of magnet simulated as an oxide floor; a magnet plant's capacity added to oxide supply) was a
     * wrong answer. Floor and rank now refuse it, saying what is missing; valuing a magnet project still works.
     */
    @Test
    void theMagnetMarketIsNotPricedInTheOxideMarket() {
        Market ndfeb = registry.market("ndfeb").orElseThrow();
        assertThat(ndfeb.scenario()).isNull();
        assertThat(ndfeb.prices()).isEmpty(); // no source prints a magnet price series: the model's figures are stated assumptions
        assertThatThrownBy(() -> FloorSetting.compare(registry, ndfeb, List.of("percentile:50"), regime, 1))
                .hasMessage("market 'ndfeb' (sintered NdFeB magnet) has no market scenario to simulate a floor in: its markets file "
                        + "names none (scenario: a bundled market of the same product and price unit)");
        assertThatThrownBy(() -> Ranking.rank(registry, ndfeb, regime, 1)).hasMessageStartingWith("market 'ndfeb' (sintered NdFeB magnet) "
                + "has no market scenario, which the ranking needs");
    }

    @Test
    void capacityWeightedPercentile() {
        CostCurve c = new CostCurve("x", "USD/kg", List.of(new CostCurve.Step("a", "AU", 100, 10, ""), new CostCurve.Step("b", "US", 300, 20, ""),
                new CostCurve.Step("c", "CA", 600, 50, "")), "test");
        assertThat(c.percentile(10)).isEqualTo(10);
        assertThat(c.percentile(40)).isEqualTo(20); // cumulative 400 of 1000 reaches 40 % exactly at b
        assertThat(c.percentile(40.1)).isEqualTo(50);
        assertThat(c.percentile(100)).isEqualTo(50);
        assertThatThrownBy(() -> c.percentile(0)).hasMessageContaining("percentile must be in (0, 100]");
    }

    @Test
    void lithiumCurveComesFromTheDepositTable() {
        CostCurve c = CostCurve.of(registry, registry.market("lce").orElseThrow());
        assertThat(c.steps()).hasSizeGreaterThan(20).noneMatch(s -> s.country().equals("China"));
        assertThat(c.steps()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("Thacker Pass");
            assertThat(s.cost()).isEqualTo(10791); // 57,437.8315 / 5.323
        });
    }

    @Test
    void ndprCurveCountsAFeedingStageOnce() {
        CostCurve c = CostCurve.of(registry, registry.market("ndpr").orElseThrow());
        assertThat(c.steps()).extracting(CostCurve.Step::name).doesNotContain("lynas-kalgoorlie").contains("lynas-malaysia", "arafura-nolans");
        CostCurve.Step lynas = c.steps().stream().filter(s -> s.name().equals("lynas-malaysia")).findFirst().orElseThrow();
        // Malaysia's separation (8 + 120 M USD capex levelised) plus Kalgoorlie's 40 USD/kg (no capex left)
        Market m = registry.market("ndpr").orElseThrow();
        assertThat(lynas.cost()).isCloseTo(CostCurve.levelised(registry.require("lynas-malaysia"), m) + 40, within(1e-9));
    }

    @Test
    void floorMethodsSideBySide() {
        Market m = registry.market("ndpr").orElseThrow();
        FloorSetting.Comparison c = FloorSetting.compare(registry, m, List.of("percentile:75", "marginal:8000", "band:5:0.2"), regime, 1);
        FloorSetting.Row pct = c.rows().get(0), marg = c.rows().get(1), band = c.rows().get(2);
        assertThat(pct.floor()).isEqualTo(c.curve().percentile(75));
        assertThat(band.floor()).isCloseTo((92 + 124 + 75 + 55 + 69) / 5.0 * 0.8, within(1e-12));
        // the marginal project's breakeven is the floor; all projects before it break even at or below it
        String marginal = marg.rationale().replaceAll(".*\\((.*)\\).*", "$1");
        assertThat(marg.floor()).isCloseTo(Valuation.breakeven(ProjectValuation.economics(registry.require(marginal), m), new Support.None()), within(1e-9));
        for (FloorSetting.Row r : c.rows()) {
            assertThat(r.supplyBrought()).as(r.method()).isGreaterThanOrEqualTo(-1e-6);
            assertThat(r.cfdFiscalCostSe()).isPositive();
        }
        // the CfD is costed on each project's whole output, an operating plant's all of it (the DoD–MP Materials floor pays
        // on all of Mountain Pass's output): the valuation's volume is the plant's 6,000 t/yr, not the 4,700 t/yr it adds,
        // and the report says so with each project's volume
        double[] mp = ProjectValuation.economics(registry.require("mp-mountain-pass"), m).volume();
        assertThat(java.util.Arrays.stream(mp).max().orElseThrow()).isEqualTo(6000);
        assertThat(c.cfdBasis()).startsWith("a two-way CfD for 10 years on each project's whole output (capacity × ramp-up), an operating "
                + "plant's all of it, not only the capacity it adds — the modelled design, as the DoD–MP Materials floor pays on all of "
                + "Mountain Pass's output: ").contains("mp-mountain-pass 6,000 t/yr (operating: all its output, of which 4,700 t/yr added)");
        for (Project p : FloorSetting.newProjects(registry, m)) assertThat(c.cfdBasis()).contains(p.id() + " ");
        // floors at or below every club member's price without one do not bind — zeros said, not left to be misread
        lodestone.market.Equilibrium noFloor = MarketVariants.solve(MarketVariants.variant(m.scenario(), "b", List.of(), m.club(), List.of(), regime));
        double lowest = c.club().stream().mapToDouble(noFloor::price).min().orElseThrow();
        assertThat(c.baselineClubPrice()).isCloseTo(lowest, within(1e-9));
        for (FloorSetting.Row r : c.rows()) {
            if (r.floor() <= lowest) {
                assertThat(r.supplyBrought()).as(r.method()).isCloseTo(0, within(1e-6));
                assertThat(r.levyRevenuePerYear()).as(r.method()).isCloseTo(0, within(1e-9));
                assertThat(c.note()).contains(r.method() + " (" + String.format(java.util.Locale.ROOT, "%.2f", r.floor()) + ")");
            } else {
                assertThat(c.note() == null || !c.note().contains(r.method() + " (")).as(r.method()).isTrue();
            }
        }
        assertThat(FloorSetting.notBinding(c.rows(), 40, "USD/kg")).isNull();
        assertThat(FloorSetting.notBinding(c.rows(), 1000, "USD/kg")).startsWith("percentile:75 (").contains(" are at or below the club's price "
                + "without a floor (1,000.00 USD/kg, its lowest member's): a floor there does not bind");
        // a higher floor brings at least as much club supply and raises more levy
        List<FloorSetting.Row> byFloor = c.rows().stream().sorted(java.util.Comparator.comparingDouble(FloorSetting.Row::floor)).toList();
        for (int i = 1; i < byFloor.size(); i++) {
            assertThat(byFloor.get(i).supplyBrought()).isGreaterThanOrEqualTo(byFloor.get(i - 1).supplyBrought() - 1e-6);
            assertThat(byFloor.get(i).cfdFiscalCostPv()).isGreaterThan(byFloor.get(i - 1).cfdFiscalCostPv());
        }
    }

    @Test
    void theDefaultMethodsAreTheThreeTheHelpNames() {
        // reported: the marginal method was left out of the default; half the market's new capacity is its target
        Market m = registry.market("ndpr").orElseThrow();
        assertThat(FloorSetting.defaultMethods(registry, m)).containsExactly("percentile:75", "marginal:6845", "band:5:0.2");
    }

    @Test
    void badMethodsAreRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> FloorSetting.check("percentile:150")).hasMessage("--method percentile:150: P must be in (0, 100]");
        assertThatThrownBy(() -> FloorSetting.check("band:5:20")).hasMessage("--method band:5:20: BAND must be a share in [0, 1) (0.2 = 20 %)");
        assertThatThrownBy(() -> FloorSetting.check("marginal:-3")).hasMessage("--method marginal:-3: TARGET must be > 0 t/yr");
        assertThatThrownBy(() -> FloorSetting.check("median")).hasMessageContaining("expected percentile:P, marginal:TARGET or band:WINDOW:BAND");
        Market m = registry.market("ndpr").orElseThrow();
        assertThatThrownBy(() -> FloorSetting.compare(registry, m, List.of("marginal:1000000"), regime, 1)).hasMessageContaining("the target cannot be met");
    }

    @Test
    void rankingByRiskReductionPerDollar() {
        Market m = registry.market("ndpr").orElseThrow();
        Ranking.Result r = Ranking.rank(registry, m, regime, 1);
        assertThat(r.shortfall()).isPositive();
        assertThat(r.rows()).extracting(Ranking.Row::project).contains("arafura-nolans", "iluka-eneabba", "cyclic-kingston", "mp-mountain-pass");
        for (int i = 0; i < r.rows().size(); i++) {
            Ranking.Row row = r.rows().get(i);
            assertThat(row.rank()).isEqualTo(i + 1);
            assertThat(row.riskReduction()).isBetween(-1e-6, r.shortfall() + 1e-6);
            if (i > 0) assertThat(row.perMillion()).isLessThanOrEqualTo(r.rows().get(i - 1).perMillion());
        }
        // a bigger project at a similar cost closes more of the shortfall than the 150 t/yr recycler
        double nolans = r.rows().stream().filter(x -> x.project().equals("arafura-nolans")).findFirst().orElseThrow().riskReduction();
        double cyclic = r.rows().stream().filter(x -> x.project().equals("cyclic-kingston")).findFirst().orElseThrow().riskReduction();
        assertThat(nolans).isGreaterThan(cyclic);
        // the support is paid on the whole output, an operating plant's all of it, and the report says so
        assertThat(r.supportBasis()).contains("paid on its whole output", "risk reduction counts only the capacity it adds",
                "mp-mountain-pass 6,000 t/yr paid, 4,700 t/yr added");
    }

    @Test
    void aProjectNoPricePaysBackIsRankedLastNotFirst(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // reported: a project producing nothing within the valuation's years got "no support needed" and ranked first. A late
        // start (2095) is now valued to its last year; one whose life ended before 2026 still produces nothing valued
        java.nio.file.Files.writeString(dir.resolve("late.yaml"), lodestone.finance.projects.RegistryTest.GOOD
                .replace("my-mine", "late-mine").replace("start_year: 2030", "start_year: 1990"));
        Registry withLate = Registry.load(List.of(dir));
        Ranking.Result r = Ranking.rank(withLate, withLate.market("lce").orElseThrow(), regime, 1);
        Ranking.Row last = r.rows().get(r.rows().size() - 1);
        assertThat(last.project()).isEqualTo("late-mine");
        assertThat(last.paysBack()).isFalse();
        assertThat(last.expectedSupport()).isNaN();
        assertThat(last.perMillion()).isZero();
        assertThat(r.rows().subList(0, r.rows().size() - 1)).allSatisfy(x -> assertThat(x.paysBack()).isTrue());
        java.util.Map<String, Object> json = lodestone.finance.Reports.ranking(r);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> row = (java.util.Map<String, Object>) ((List<Object>) json.get("ranking")).get(r.rows().size() - 1);
        assertThat(row).containsEntry("pays_back", false).containsEntry("expected_support_musd", null)
                .containsEntry("reduction_per_musd", "no price pays back");
    }
}
