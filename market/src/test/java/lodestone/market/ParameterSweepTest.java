package lodestone.market;

import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value a person can give the bundled scenarios' parameters in the web page (floor, strike, club
 * members, export ban, stockpile releases) over a wide range finds a certified equilibrium, solved as the
 * server does (the baseline, then the scenario warm from it) and cold; and each equilibrium is checked
 * again here from the scenario's data and the reported figures — balances, arbitrage, levies, curves —
 * and against the economics of its instrument.
 */
class ParameterSweepTest {
    static final Regime REGIME = Regime.bundled();
    /**
     * The certificate bounds the Fischer–Burmeister residual of the scaled problem by 1e-9; the natural
     * residual |min(a, b)| recomputed here is at most 1/(2 − √2) ≈ 1.71 times it.
     */
    static final double TOL = 1.71e-9;

    @Test
    void floorFrom40To200() throws Exception {
        String text = Scenario.bundledText("ndpr-floor-110");
        List<String> failed = new ArrayList<>();
        for (int floor = 40; floor <= 200; floor++) {
            Scenario s = Scenario.parse(text.replace("floor: 110", "floor: " + floor), "ndpr-floor.yaml", REGIME);
            for (Equilibrium e : solveBothWays(s, "floor " + floor, failed)) {
                checkEquilibrium(e);
                checkFloor(e, floor, List.of("US", "JP", "EU27", "MX"));
            }
        }
        assertThat(failed).isEmpty();
    }

    @Test
    void subsidyStrikeFrom40To200() throws Exception {
        String text = Scenario.bundledText("ndpr-subsidy-110");
        List<String> failed = new ArrayList<>();
        for (int strike = 40; strike <= 200; strike++) {
            Scenario s = Scenario.parse(text.replace("strike: 110", "strike: " + strike), "ndpr-subsidy.yaml", REGIME);
            for (Equilibrium e : solveBothWays(s, "strike " + strike, failed)) {
                checkEquilibrium(e);
                for (String r : List.of("US", "JP", "EU27", "MX")) {
                    // one-way: producers receive max(strike, price)
                    assertThat(e.producerPrice(r)).as("strike %d producer price in %s", strike, r)
                            .isCloseTo(Math.max(strike, e.price(r)), org.assertj.core.api.Assertions.within(TOL * scalePrice(s)));
                }
                assertThat(e.subsidyOutlay()).as("strike %d outlay", strike).isGreaterThanOrEqualTo(0);
                assertThat(e.levyRevenue()).isZero();
            }
        }
        assertThat(failed).isEmpty();
    }

    @Test
    void stockpileReleasesFrom0To200() throws Exception {
        String text = Scenario.bundledText("gallium-ban-stockpile");
        List<String> failed = new ArrayList<>();
        for (int jp = 0; jp <= 200; jp += 25) {
            double previousUs = Double.POSITIVE_INFINITY;
            for (int us = 0; us <= 200; us += 5) {
                Scenario s = Scenario.parse(text.replace("region: US, release: 40", "region: US, release: " + us)
                        .replace("region: JP, release: 30", "region: JP, release: " + jp),
                        "gallium-stockpile.yaml", REGIME);
                for (Equilibrium e : solveBothWays(s, "releases US " + us + " JP " + jp, failed)) {
                    checkEquilibrium(e);
                    assertThat(e.stockRelease("US")).isEqualTo(us);
                    assertThat(e.stockRelease("JP")).isEqualTo(jp);
                    for (String r : s.regionIds()) {
                        if (!r.equals("CN")) assertThat(e.flow("CN", r)).isCloseTo(0, org.assertj.core.api.Assertions.within(TOL * scaleQuantity(s)));
                    }
                }
                // more released in the US never raises its price
                Equilibrium e = Equilibrium.solve(s);
                assertThat(e.price("US")).as("US %d JP %d", us, jp).isLessThanOrEqualTo(previousUs + TOL * scalePrice(s));
                previousUs = e.price("US");
            }
        }
        assertThat(failed).isEmpty();
    }

    @Test
    void banLiftedIsTheBaseline() throws Exception {
        String text = Scenario.bundledText("gallium-ban");
        Scenario s = Scenario.parse(text.replace("policies:\n  - {type: export_ban, region: CN}", "policies: []"), "lifted.yaml", REGIME);
        List<String> failed = new ArrayList<>();
        List<Equilibrium> both = solveBothWays(s, "ban lifted", failed);
        assertThat(failed).isEmpty();
        Equilibrium base = Equilibrium.solve(s.baseline());
        for (Equilibrium e : both) {
            checkEquilibrium(e);
            for (String r : s.regionIds()) assertThat(e.price(r)).isCloseTo(base.price(r), org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void everyClubOfTheSevenRegionsAtThreeFloors() throws Exception {
        String text = Scenario.bundledText("ndpr-floor-110");
        List<String> ids = Scenario.bundled("ndpr", REGIME).regionIds();
        List<String> failed = new ArrayList<>();
        for (int mask = 1; mask < 1 << ids.size(); mask++) {
            List<String> club = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) if ((mask & 1 << i) != 0) club.add(ids.get(i));
            String members = "[" + String.join(", ", club) + "]";
            for (int floor : new int[]{70, 110, 150}) {
                Scenario s = Scenario.parse(text.replace("[US, JP, EU27, MX]", members).replace("floor: 110", "floor: " + floor),
                        "club.yaml", REGIME);
                for (Equilibrium e : solveBothWays(s, "club " + members + " floor " + floor, failed)) {
                    checkEquilibrium(e);
                    checkFloor(e, floor, club);
                }
            }
        }
        assertThat(failed).isEmpty();
    }

    /** As the server runs a scenario (baseline, then warm from it; ScenarioReport.run) and cold. */
    private static List<Equilibrium> solveBothWays(Scenario s, String what, List<String> failed) {
        Equilibrium base = Equilibrium.solve(s.baseline());
        Equilibrium warm = Equilibrium.solve(s, base);
        Equilibrium cold = Equilibrium.solve(s);
        List<Equilibrium> solved = new ArrayList<>();
        if (!base.solved()) failed.add(what + " baseline: " + base.diagnosis());
        for (Equilibrium e : List.of(warm, cold)) {
            if (e.solved()) {
                assertThat(e.residual()).isLessThanOrEqualTo(1e-9);
                solved.add(e);
            } else {
                failed.add(what + (e == warm ? " (warm): " : " (cold): ") + e.diagnosis());
            }
        }
        if (base.solved() && warm.solved()) {
            Map<String, Object> report = ScenarioReport.of(s, base, warm);
            assertThat(report.get("status")).isEqualTo("solved");
        }
        return solved;
    }

    /**
     * A floor that binds: members that buy from non-members pay at least the floor; each member's levy is the
     * common one, max(0, F − the lowest non-member CIF), on every non-member arc into it.
     */
    private static void checkFloor(Equilibrium e, double floor, List<String> club) {
        Scenario s = e.scenario();
        double ptol = TOL * scalePrice(s);
        assertThat(e.levyRevenue()).isGreaterThanOrEqualTo(0);
        for (String m : club) {
            // the common levy (the default rule): floor − the lowest CIF of a non-member that may ship to m
            double lowest = Double.POSITIVE_INFINITY;
            for (String o : s.regionIds()) {
                if (!club.contains(o) && e.trades(o, m)) lowest = Math.min(lowest, e.exportPrice(o) + s.transport[s.regionIndex(o)][s.regionIndex(m)]);
            }
            for (String o : s.regionIds()) {
                if (club.contains(o) || !e.trades(o, m)) {
                    assertThat(e.levy(o, m)).isZero();
                    continue;
                }
                assertThat(e.levy(o, m)).as("levy %s→%s", o, m).isGreaterThanOrEqualTo(0);
                assertThat(e.levy(o, m)).as("levy %s→%s at floor %s", o, m, floor).isCloseTo(Math.max(0, floor - lowest),
                        org.assertj.core.api.Assertions.within(ptol));
                if (e.flow(o, m) > TOL * scaleQuantity(s)) {
                    assertThat(e.price(m)).as("%s buys from %s under floor %s", m, o, floor).isGreaterThanOrEqualTo(floor - ptol);
                }
            }
        }
    }

    /**
     * The equilibrium conditions recomputed from the scenario's data and the reported figures, each as
     * |min(a, b)| in units of the scales (docs/market-model.md): curves, market balances and arbitrage on
     * every arc not under an export quota (where the quota rent, not reported per arc, fills the gap).
     */
    static void checkEquilibrium(Equilibrium e) {
        Scenario s = e.scenario();
        double p0 = scalePrice(s);
        double q0 = scaleQuantity(s);
        List<String> ids = s.regionIds();
        List<String> problems = new ArrayList<>();
        List<Integer> quota = new ArrayList<>();
        for (Policy p : s.policies) if (p instanceof Policy.ExportQuota q) quota.add(q.region());
        for (int r = 0; r < ids.size(); r++) {
            String id = ids.get(r);
            Region reg = s.regions.get(r);
            double pi = e.producerPrice(id);
            double expected = 0;
            double low = 0;
            double high = 0;
            for (Curve c : reg.supply()) {
                if (c instanceof Curve.Steps st) {
                    for (int k = 0; k < st.cost().length; k++) {
                        if (st.cost()[k] < pi - TOL * p0) low += st.capacity()[k];
                        if (st.cost()[k] <= pi + TOL * p0) high += st.capacity()[k];
                    }
                } else {
                    double v = Math.max(0, c.quantity(pi));
                    low += v;
                    high += v;
                }
            }
            double y = e.production(id);
            if (y < low - TOL * q0 || y > high + TOL * q0) problems.add(String.format(Locale.ROOT, "%s production %.12g outside [%.12g, %.12g]", id, y, low, high));
            if (reg.demand() != null) {
                expected = Math.max(0, reg.demand().quantity(e.price(id)));
                if (Math.abs(e.consumption(id) - expected) > TOL * q0) problems.add(id + " consumption " + e.consumption(id) + " vs " + expected);
            }
            double balance = y + e.recycledProduction(id) - e.consumption(id) + e.stockRelease(id) - e.netExports(id);
            if (Math.abs(Math.min(e.price(id) / p0, balance / q0)) > TOL) problems.add(id + " balance " + balance + " at price " + e.price(id));
            // origin-true trade: exports within own output, stock releases and re-exports
            double exported = 0;
            for (String o : ids) if (!o.equals(id)) exported += e.flow(id, o);
            double own = y + e.recycledProduction(id) + Math.max(0, e.stockRelease(id)) + e.reExports(id);
            if (exported > own + TOL * q0) problems.add(String.format(Locale.ROOT, "%s exports %.9g but has %.9g of its own", id, exported, own));
            for (int t = 0; t < ids.size(); t++) {
                double cost = s.transport[r][t];
                if (t == r || cost == Double.POSITIVE_INFINITY) continue;
                String to = ids.get(t);
                double flow = e.flow(id, to);
                if (quota.contains(r)) continue;
                // origin-true trade: no arc where the origin has nothing of its own or the destination no use
                if (!e.trades(id, to)) {
                    if (Math.abs(flow) > 0) problems.add(id + "→" + to + " flow " + flow + " where no trade is possible");
                    continue;
                }
                double cif = e.exportPrice(id) + cost;
                double landed = cif * (1 + s.tariffAdValorem[r][t]) + s.tariffSpecific[r][t] + e.levy(id, to);
                double gap = landed - e.price(to);
                if (Math.abs(Math.min(flow / q0, gap / p0)) > TOL) problems.add(id + "→" + to + " flow " + flow + " with landed − price " + gap);
            }
        }
        assertThat(problems).as("%s: %s", s.name(), e).isEmpty();
    }

    static double scalePrice(Scenario s) {
        return MarketModel.powerOfTwo(Math.max(1, s.referencePrice()));
    }

    /** The larger of world supply and world demand at the reference price, to a power of two (docs/market-model.md, "Certificate"). */
    static double scaleQuantity(Scenario s) {
        double p = s.referencePrice();
        double supply = 0;
        double demand = 0;
        for (Region r : s.regions) {
            for (List<Curve> curves : List.of(r.supply(), r.recycled())) {
                for (Curve c : curves) {
                    if (c instanceof Curve.Steps st) {
                        for (int k = 0; k < st.cost().length; k++) if (st.cost()[k] < p) supply += st.capacity()[k];
                    } else {
                        supply += Math.max(0, c.quantity(p));
                    }
                }
            }
            if (r.demand() != null) demand += Math.max(0, r.demand().quantity(p));
        }
        return MarketModel.powerOfTwo(Math.max(1, Math.max(supply, demand)));
    }
}
