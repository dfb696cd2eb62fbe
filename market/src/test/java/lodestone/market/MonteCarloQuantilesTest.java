package lodestone.market;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model review: the Monte Carlo's reported statistics against a distribution whose quantiles are known. A club member M
 * (demand 200 − p) and a non-member N (supply 10p, freight 1): a binding floor F is M's price, so price[M] is the floor
 * drawn, draw by draw — uniform on [100, 200] has P5 105, P25 125, P50 150, P75 175, P95 195, mean 150 and sd 100/√12.
 */
class MonteCarloQuantilesTest {

    static final String MARKET = """
            scenario: floor-draws
            mineral: synthetic
            units: {quantity: t, price: USD/t}
            reference_year: 2025
            reference_price: 10
            club: [M]
            regions:
              - {id: M, countries: [US], demand: {type: linear, intercept: 200, slope: -1}}
              - {id: N, countries: [CN], supply: {type: linear, intercept: 0, slope: 10}}
            transport: {default: 1}
            policies:
              - {type: price_floor, floor: 150}
            horizon:
              years: 2025-2026
            """;

    static MonteCarlo.Result run(String uncertainty, int draws, int threads) throws ScenarioException {
        Scenario s = Scenario.parse(MARKET + "uncertainty:\n  - " + uncertainty + "\n", "draws.yaml");
        return MonteCarlo.run(s, draws, 11, List.of("price[M]"), List.of(), threads, MarketPath.Warm.YEAR, null);
    }

    @Test
    void theFloorIsThePrice() throws Exception {
        PathResult p = MarketPath.run(Scenario.parse(MARKET, "draws.yaml"), java.util.Map.of("floor", 123.0), MarketPath.Warm.YEAR, null);
        assertThat(p.value("price[M]", 2026)).isCloseTo(123, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void uniformQuantilesMeanAndStandardError() throws Exception {
        int n = 4000;
        MonteCarlo.Result r = run("{param: floor, dist: uniform, min: 100, max: 200}", n, 2);
        assertThat(r.used()).isEqualTo(n);
        double sd = 100 / Math.sqrt(12);
        assertThat(r.stat("price[M]", 2026, "n")).isEqualTo(n);
        assertThat(r.stat("price[M]", 2026, "mean")).isCloseTo(150, org.assertj.core.api.Assertions.within(4 * sd / Math.sqrt(n)));
        assertThat(r.stat("price[M]", 2026, "sd")).isCloseTo(sd, org.assertj.core.api.Assertions.within(0.05 * sd));
        assertThat(r.stat("price[M]", 2026, "se")).isCloseTo(r.stat("price[M]", 2026, "sd") / Math.sqrt(n),
                org.assertj.core.api.Assertions.within(1e-12));
        // a sample p-quantile of a uniform of width 100 has sd 100·√(p(1 − p)/n): 4 of them, plus 0.25 for P²'s own error
        String[] names = {"p5", "p25", "p50", "p75", "p95"};
        double[] ps = {0.05, 0.25, 0.5, 0.75, 0.95};
        for (int k = 0; k < 5; k++) {
            double exact = 100 + 100 * ps[k];
            double tol = 4 * 100 * Math.sqrt(ps[k] * (1 - ps[k]) / n) + 0.25;
            assertThat(r.stat("price[M]", 2026, names[k])).as(names[k]).isCloseTo(exact, org.assertj.core.api.Assertions.within(tol));
        }
    }

    @Test
    void normalQuantiles() throws Exception {
        int n = 4000;
        MonteCarlo.Result r = run("{param: floor, dist: normal, mean: 150, sd: 10}", n, 1);
        assertThat(r.used()).isEqualTo(n);
        String[] names = {"p5", "p25", "p50", "p75", "p95"};
        double[] z = {-1.6448536269514722, -0.6744897501960817, 0, 0.6744897501960817, 1.6448536269514722};
        double[] ps = {0.05, 0.25, 0.5, 0.75, 0.95};
        for (int k = 0; k < 5; k++) {
            double exact = 150 + 10 * z[k];
            double dens = Math.exp(-z[k] * z[k] / 2) / Math.sqrt(2 * Math.PI) / 10;
            double tol = 4 * Math.sqrt(ps[k] * (1 - ps[k]) / n) / dens + 0.05;
            assertThat(r.stat("price[M]", 2026, names[k])).as(names[k]).isCloseTo(exact, org.assertj.core.api.Assertions.within(tol));
        }
    }

    @Test
    void sameSeedSameAnswerOnAnyThreadCountAndDrawCount() throws Exception {
        MonteCarlo.Result one = run("{param: floor, dist: uniform, min: 100, max: 200}", 1000, 1);
        for (int threads : new int[]{2, 3, 7}) {
            MonteCarlo.Result other = run("{param: floor, dist: uniform, min: 100, max: 200}", 1000, threads);
            assertThat(other.stats()).as("%d threads", threads).isEqualTo(one.stats());
        }
    }

    /**
     * A metric with mass points. The floor uniform on [0, 40]: below M's free-trade price 210/11 (200 − p = 10(p − 1)) it
     * does not bind, so price[M] is 210/11 with probability 0.477 and the floor above: P5 = P25 = 210/11, P50 = 20,
     * P75 = 30, P95 = 38. And a ban that occurs with probability 0.3 (bernoulli): ban_months is 0 or 12, its P5–P50 0 and
     * its P75 and P95 12. The P² estimator answered values no draw took (P25 of ban months 0.0006, a median of projects
     * built 1.9963 between 1 and 2, a P75 below the P50 in the bundled gallium path).
     */
    @Test
    void quantilesOfAMetricWithMassPointsAreValuesItTakes() throws Exception {
        int n = 3000;
        MonteCarlo.Result r = run("{param: floor, dist: uniform, min: 0, max: 40}", n, 2);
        double free = 210.0 / 11;
        assertThat(r.stat("price[M]", 2026, "p5")).isCloseTo(free, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(r.stat("price[M]", 2026, "p25")).isCloseTo(free, org.assertj.core.api.Assertions.within(1e-9));
        double[] ps = {0.5, 0.75, 0.95};
        String[] names = {"p50", "p75", "p95"};
        for (int k = 0; k < 3; k++) {
            double tol = 4 * 40 * Math.sqrt(ps[k] * (1 - ps[k]) / n) + 0.1;
            assertThat(r.stat("price[M]", 2026, names[k])).as(names[k]).isCloseTo(40 * ps[k], org.assertj.core.api.Assertions.within(tol));
        }
        Scenario ban = Scenario.parse(MARKET + "  bans:\n    - {region: N, start: 2025-01, months: 12}\n"
                + "uncertainty:\n  - {param: ban.occurs, dist: bernoulli, p: 0.3}\n", "ban.yaml");
        MonteCarlo.Result b = MonteCarlo.run(ban, n, 11, List.of("ban_months"), List.of(), 2, MarketPath.Warm.YEAR, null);
        assertThat(b.stat("ban_months", 2025, "mean")).isBetween(12 * 0.27, 12 * 0.33);
        for (String q : List.of("p5", "p25", "p50")) assertThat(b.stat("ban_months", 2025, q)).as(q).isZero();
        for (String q : List.of("p75", "p95")) assertThat(b.stat("ban_months", 2025, q)).as(q).isEqualTo(12);
    }

    @Test
    void hugeVarianceLeavesOutWhatTheFloorCannotTakeAndSaysSo() throws Exception {
        MonteCarlo.Result r = run("{param: floor, dist: normal, mean: 150, sd: 1000000}", 200, 2);
        // half the draws are negative floors: left out and said, never answered
        assertThat(r.leftOut()).isBetween(60, 140);
        assertThat(r.used() + r.leftOut() + r.failures()).isEqualTo(200);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("floor: " + r.leftOut() + " of 200 draws"));
        for (String q : List.of("mean", "sd", "se", "p5", "p50", "p95")) {
            assertThat(Double.isFinite(r.stat("price[M]", 2026, q))).as(q).isTrue();
        }
    }
}
