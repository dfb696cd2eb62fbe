package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The welfare change by account, checked against closed forms derived by hand (docs/market-model.md, "Outputs"; tolerance
 * 1e-9 in thousand USD, the solver being exact on linear curves).
 *
 * <p>Two regions, no freight: H (home) with demand D = 120 − p and supply S = p; F (foreign) with supply S = p and no
 * demand. Free trade: p = 40 in both, H consumes 80, produces 40 and imports 40 from F.
 */
class WelfareAccountsTest {
    static final double TOL = 1e-9;

    static final String BASE = """
            scenario: two-regions
            mineral: synthetic
            units: {quantity: t, price: USD/kg}
            reference_price: 40
            regions:
              - {id: H, countries: [US], supply: {type: linear, intercept: 0, slope: 1}, demand: {type: linear, intercept: 120, slope: -1}}
              - {id: F, countries: [CN], supply: {type: linear, intercept: 0, slope: 1}}
            transport: {default: 0}
            """;

    static Equilibrium solve(String text) throws ScenarioException {
        Equilibrium e = Equilibrium.solve(Scenario.parse(text, "two.yaml"));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        return e;
    }

    /**
     * A floor of 50 for the club [H] by the common levy: p_H = 50 (D 70, S 50, imports 20), p_F = 20, levy 30 on 20 t
     * = 600; ΔCS_H = −(80 + 70)/2·10 = −750, ΔPS_H = (40 + 50)/2·10 = 450, ΔPS_F = −(40 + 20)/2·20 = −600, ΔW = −300 =
     * −½·30·20 (the wedge times the imports lost). An offtake of 10 t F → H at 35 leaves every price and quantity as
     * they are (it replaces 10 t of the levied trade), so the welfare change must stay −300: the levy now collects only
     * 30·10 = 300, and the other 300 is the contract's margin (p_H − p_F)·10, shared by the buyer ((p_H − 35)·10 = 150)
     * and the seller ((35 − p_F)·10 = 150). Before, the margin was counted nowhere ("offtake transfers net out"): −600.
     */
    @Test
    void anOfftakeThatEscapesTheLevyKeepsItsMarginInTheWelfareChange() throws Exception {
        Equilibrium base = solve(BASE);
        String floor = BASE + "club: [H]\npolicies:\n  - {type: price_floor, floor: 50}\n";
        Equilibrium f = solve(floor);
        Equilibrium o = solve(floor + "  - {type: offtake, from: F, to: H, quantity: 10, price: 35}\n");
        for (Equilibrium e : new Equilibrium[]{f, o}) {
            assertThat(e.price("H")).isCloseTo(50, within(TOL));
            assertThat(e.price("F")).isCloseTo(20, within(TOL));
            assertThat(e.consumption("H")).isCloseTo(70, within(TOL));
        }
        assertThat(f.welfareChange(base).total()).isCloseTo(-300, within(TOL));
        assertThat(o.levyRevenue()).isCloseTo(300, within(TOL));
        assertThat(o.offtakeTransfers()).isCloseTo((35 - 50) * 10, within(TOL));
        assertThat(o.welfareChange(base).total()).isCloseTo(-300, within(TOL));
        Equilibrium.Welfare w = o.welfareChange(base);
        assertThat(w.offtakes()).isCloseTo(300, within(TOL));
        assertThat(o.offtakeMargins()).isCloseTo(300, within(TOL));
        assertThat(f.offtakeMargins()).isZero();
        // the buyer in H and the seller in F each keep 150 of it
        accounts(o, base, "H", -750, 450, 300, 0, 150, 150);
        accounts(o, base, "F", 0, -600, 0, 0, 150, -450);
        addsUp(o, base);
    }

    /**
     * A specific duty of 15 on F → H: p_H = p_F + 15, 120 − p_H = p_H + p_H − 15, p_H = 45, p_F = 30, imports 30.
     * H: ΔCS = −(80 + 75)/2·5 = −387.5, ΔPS = (40 + 45)/2·5 = 212.5, duty 15·30 = 450, net +275 (the terms-of-trade
     * gain 10·30 = 300 less its own triangles 2·½·5·5 = 25). F: ΔPS = −(40 + 30)/2·10 = −350. World −75 = −½·15·10.
     */
    @Test
    void aSpecificDutyIsCollectedByTheImporterWhoseGainIsTheExportersLossLessTheDeadweight() throws Exception {
        Equilibrium base = solve(BASE);
        Equilibrium e = solve(BASE + "tariffs:\n  - {from: F, to: H, specific: 15}\n");
        assertThat(e.price("H")).isCloseTo(45, within(TOL));
        assertThat(e.price("F")).isCloseTo(30, within(TOL));
        accounts(e, base, "H", -387.5, 212.5, 450, 0, 0, 275);
        accounts(e, base, "F", 0, -350, 0, 0, 0, -350);
        assertThat(e.welfareChange(base).total()).isCloseTo(-0.5 * 15 * (40 - 30), within(TOL));
        addsUp(e, base);
    }

    /**
     * The same 15 as F's export tax: the same prices and world loss, but the 450 is F's: H −387.5 + 212.5 = −175, F −350 +
     * 450 = +100 (the exporter's terms-of-trade gain: the mirror of the duty).
     */
    @Test
    void anExportTaxIsCollectedByTheExporter() throws Exception {
        Equilibrium base = solve(BASE);
        Equilibrium e = solve(BASE + "policies:\n  - {type: export_tax, region: F, specific: 15}\n");
        assertThat(e.price("H")).isCloseTo(45, within(TOL));
        assertThat(e.price("F")).isCloseTo(30, within(TOL));
        accounts(e, base, "H", -387.5, 212.5, 0, 0, 0, -175);
        accounts(e, base, "F", 0, -350, 450, 0, 0, 100);
        assertThat(e.welfareChange(base).total()).isCloseTo(-75, within(TOL));
        addsUp(e, base);
    }

    /**
     * 25 % ad valorem on F → H's CIF value: p_H = 1.25·p_F, 120 − 1.25·p_F = 1.25·p_F + p_F, p_F = 240/7, p_H = 300/7, imports
     * 240/7. H: ΔCS = −11,000/49, ΔPS = 5,800/49, duty 0.25·(240/7)² = 14,400/49, net 9,200/49; F: ΔPS = −10,400/49;
     * world −1,200/49 = −½·(0.25·240/7)·(40 − 240/7).
     */
    @Test
    void anAdValoremDutyIsOnTheCifValue() throws Exception {
        Equilibrium base = solve(BASE);
        Equilibrium e = solve(BASE + "tariffs:\n  - {from: F, to: H, ad_valorem: 0.25}\n");
        assertThat(e.price("F")).isCloseTo(240 / 7.0, within(TOL));
        assertThat(e.price("H")).isCloseTo(300 / 7.0, within(TOL));
        accounts(e, base, "H", -11000 / 49.0, 5800 / 49.0, 14400 / 49.0, 0, 0, 9200 / 49.0);
        accounts(e, base, "F", 0, -10400 / 49.0, 0, 0, 0, -10400 / 49.0);
        assertThat(e.welfareChange(base).total()).isCloseTo(-1200 / 49.0, within(TOL));
        addsUp(e, base);
    }

    /**
     * The floor of 50 by the common levy (above): H collects the 600 and gains 300 net; F loses 600. Incidence: of the
     * levy of 30 a unit, H's consumers pay 10 (their price rises from 40 to 50) and F's producers 20 (theirs falls to 20).
     * The same strike as a one-way price-gap subsidy to H's producers: they receive 50 and supply 50, 120 − p = 50 + p,
     * p = 35 in both regions, 15 a unit on 50 t = 750 paid by H; ΔCS_H = (80 + 85)/2·5 = 412.5, ΔPS_H = (40 + 50)/2·10
     * = 450, net −(750 − 862.5) = +112.5; ΔPS_F = −(40 + 35)/2·5 = −187.5; world −75 = −½·15·10 (the production
     * triangle: consumers are not distorted).
     */
    @Test
    void aFloorByLevyAgainstTheSameStrikeAsAPriceGapSubsidy() throws Exception {
        Equilibrium base = solve(BASE);
        Equilibrium levy = solve(BASE + "club: [H]\npolicies:\n  - {type: price_floor, floor: 50}\n");
        assertThat(levy.levy("F", "H")).isCloseTo(30, within(TOL));
        assertThat(levy.price("H") - base.price("H")).isCloseTo(10, within(TOL));
        assertThat(base.price("F") - levy.price("F")).isCloseTo(20, within(TOL));
        accounts(levy, base, "H", -750, 450, 600, 0, 0, 300);
        accounts(levy, base, "F", 0, -600, 0, 0, 0, -600);
        addsUp(levy, base);
        // the per-arc rule is the same with one non-member
        Equilibrium perArc = solve(BASE + "club: [H]\npolicies:\n  - {type: price_floor, floor: 50, levy: per_arc}\n");
        accounts(perArc, base, "H", -750, 450, 600, 0, 0, 300);
        accounts(perArc, base, "F", 0, -600, 0, 0, 0, -600);
        Equilibrium cfd = solve(BASE + "club: [H]\npolicies:\n  - {type: price_gap_subsidy, strike: 50}\n");
        assertThat(cfd.price("H")).isCloseTo(35, within(TOL));
        assertThat(cfd.subsidyOutlay()).isCloseTo(750, within(TOL));
        assertThat(cfd.regionTotal("subsidy_outlay", "H")).isCloseTo(750, within(TOL));
        accounts(cfd, base, "H", 412.5, 450, -750, 0, 0, 112.5);
        accounts(cfd, base, "F", 0, -187.5, 0, 0, 0, -187.5);
        assertThat(cfd.welfareChange(base).total()).isCloseTo(-75, within(TOL));
        addsUp(cfd, base);
    }

    /**
     * F's exports limited to 25: p_F = 25, 120 − p_H = p_H + 25, p_H = 47.5, rent 22.5 on 25 t = 562.5 to F's licence
     * holders. H: ΔCS = −(80 + 72.5)/2·7.5 = −571.875, ΔPS = (40 + 47.5)/2·7.5 = 328.125, net −243.75; F: ΔPS =
     * −(40 + 25)/2·15 = −487.5, + 562.5 = +75 (an exporter gains from restraining its exports here); world −168.75 =
     * −½·22.5·15. A ban: p_H = 60, p_F = 0; H: −(80 + 60)/2·20 + (40 + 60)/2·20 = −400; F: −800; world −1,200 = −½·60·40.
     */
    @Test
    void anExportQuotasRentGoesToTheExporterAndABanHasNone() throws Exception {
        Equilibrium base = solve(BASE);
        Equilibrium q = solve(BASE + "policies:\n  - {type: export_quota, region: F, quantity: 25}\n");
        assertThat(q.price("H")).isCloseTo(47.5, within(TOL));
        assertThat(q.quotaRents()).isCloseTo(562.5, within(TOL));
        accounts(q, base, "H", -571.875, 328.125, 0, 0, 0, -243.75);
        accounts(q, base, "F", 0, -487.5, 0, 562.5, 0, 75);
        assertThat(q.welfareChange(base).total()).isCloseTo(-168.75, within(TOL));
        addsUp(q, base);
        Equilibrium ban = solve(BASE + "policies:\n  - {type: export_ban, region: F}\n");
        assertThat(ban.price("H")).isCloseTo(60, within(TOL));
        accounts(ban, base, "H", -1400, 1000, 0, 0, 0, -400);
        accounts(ban, base, "F", 0, -800, 0, 0, 0, -800);
        assertThat(ban.welfareChange(base).total()).isCloseTo(-1200, within(TOL));
        addsUp(ban, base);
    }

    /**
     * One region, D = 100 − p, S = 20 + p (p⁰ = 40): a one-way subsidy at strike 50 gives supply 70 and p = 30, 20 a unit
     * on 70 t = 1,400; ΔCS = (60 + 70)/2·10 = 650, ΔPS = (60 + 70)/2·10 = 650, ΔW = −100 = −½·20·10.
     */
    @Test
    void aSubsidyInOneRegion() throws Exception {
        String one = """
                scenario: one-region
                mineral: synthetic
                units: {quantity: t, price: USD/kg}
                reference_price: 40
                regions:
                  - {id: A, countries: [US], supply: {type: linear, intercept: 20, slope: 1}, demand: {type: linear, intercept: 100, slope: -1}}
                transport: {default: none}
                """;
        Equilibrium base = solve(one);
        Equilibrium e = solve(one + "club: [A]\npolicies:\n  - {type: price_gap_subsidy, strike: 50}\n");
        assertThat(e.price("A")).isCloseTo(30, within(TOL));
        accounts(e, base, "A", 650, 650, -1400, 0, 0, -100);
        assertThat(e.welfareChange(base).total()).isCloseTo(-100, within(TOL));
    }

    /**
     * On every bundled one-year scenario on a baseline (floors, subsidies, bans, stockpiles, certified segments, duties), the
     * regions' accounts add up to the world's, account by account.
     */
    @Test
    void theRegionsAccountsAddUpToTheWorldsOnTheBundledScenarios() throws Exception {
        lodestone.regime.Regime regime = lodestone.regime.Regime.bundled();
        int checked = 0;
        for (Scenario.BundledScenario b : Scenario.bundledNames()) {
            Scenario s = Scenario.bundled(b.name(), regime);
            if (s.hasHorizon() || s.baseline() == s) continue;
            Equilibrium base = Equilibrium.solve(s.baseline());
            Equilibrium e = Equilibrium.solve(s, base);
            assertThat(e.solved()).as(b.name()).isTrue();
            addsUp(e, base, 1e-9 * Math.max(1, Math.abs(e.welfareChange(base).consumer())));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
    }

    /** A region's accounts: consumers, producers, public revenue net of subsidies, quota rents, offtake margins, net. */
    static void accounts(Equilibrium e, Equilibrium base, String region, double cs, double ps, double gov, double rents,
                         double offtakes, double net) {
        Equilibrium.Welfare w = e.welfareChange(base, region);
        assertThat(w.consumer()).as(region + " consumers").isCloseTo(cs, within(TOL));
        assertThat(w.producer()).as(region + " producers").isCloseTo(ps, within(TOL));
        assertThat(w.government()).as(region + " public revenue").isCloseTo(gov, within(TOL));
        assertThat(w.quotaRents()).as(region + " quota rents").isCloseTo(rents, within(TOL));
        assertThat(w.stockpile()).as(region + " stockpile").isZero();
        assertThat(w.offtakes()).as(region + " offtakes").isCloseTo(offtakes, within(TOL));
        assertThat(w.total()).as(region + " net").isCloseTo(net, within(TOL));
    }

    /** The regions' accounts add up to the world's, account by account. */
    static void addsUp(Equilibrium e, Equilibrium base) {
        addsUp(e, base, TOL);
    }

    static void addsUp(Equilibrium e, Equilibrium base, double tol) {
        Equilibrium.Welfare world = e.welfareChange(base);
        double[] sum = new double[6];
        for (String r : e.scenario().regionIds()) {
            Equilibrium.Welfare w = e.welfareChange(base, r);
            double[] v = {w.consumer(), w.producer(), w.government(), w.quotaRents(), w.stockpile(), w.offtakes()};
            for (int i = 0; i < 6; i++) sum[i] += v[i];
        }
        assertThat(sum).containsExactly(new double[]{world.consumer(), world.producer(), world.government(), world.quotaRents(),
                world.stockpile(), world.offtakes()}, within(tol));
    }
}
