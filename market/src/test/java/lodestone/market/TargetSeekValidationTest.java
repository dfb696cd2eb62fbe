package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Model review of target seeking on a market solved by hand (MonteCarloQuantilesTest's): a binding floor F is M's price,
 * and M consumes 200 − F. Answers are within the documented bracket, 1e-6·(b − a), and always meet the target.
 */
class TargetSeekValidationTest {

    static TargetSeek.Result seek(String target, double a, double b) throws Exception {
        Scenario s = Scenario.parse(MonteCarloQuantilesTest.MARKET, "seek.yaml");
        return TargetSeek.seek(s, "floor", Target.parse(target), a, b, null);
    }

    @Test
    void aRisingMetricMeetsItsTargetAtTheValueByHand() throws Exception {
        TargetSeek.Result r = seek("price[M](2026) >= 137.5", 100, 200);
        assertThat(r.reached()).isTrue();
        assertThat(r.value()).isCloseTo(137.5, within(1e-6 * 100));
        assertThat(r.metric()).isGreaterThanOrEqualTo(137.5);
    }

    @Test
    void aFallingMetricMeetsItsTargetFromBelow() throws Exception {
        // 200 − F ≥ 62.5 ⇔ F ≤ 137.5: the answer is at most 137.5
        TargetSeek.Result r = seek("consumption[M](2026) >= 62.5", 100, 200);
        assertThat(r.reached()).isTrue();
        assertThat(r.value()).isLessThanOrEqualTo(137.5).isCloseTo(137.5, within(1e-6 * 100));
        assertThat(r.metric()).isGreaterThanOrEqualTo(62.5);
    }

    @Test
    void aTargetMetOnlyAtTheUpperBoundIsThatBound() throws Exception {
        TargetSeek.Result r = seek("price[M](2026) >= 200", 100, 200);
        assertThat(r.reached()).isTrue();
        assertThat(r.value()).isEqualTo(200);
        assertThat(r.metric()).isCloseTo(200, within(1e-9));
    }

    @Test
    void aTargetMetAtTheLowerBoundIsSaid() throws Exception {
        TargetSeek.Result r = seek("price[M](2026) >= 100", 100, 200);
        assertThat(r.reached()).isTrue();
        assertThat(r.value()).isEqualTo(100);
        assertThat(r.message()).startsWith("met over the whole range [100, 200]");
    }

    @Test
    void anUnreachableTargetSaysSoWithTheBestReached() throws Exception {
        TargetSeek.Result r = seek("price[M](2026) >= 250", 100, 200);
        assertThat(r.reached()).isFalse();
        assertThat(r.value()).isEqualTo(200);
        assertThat(r.metric()).isCloseTo(200, within(1e-9));
        assertThat(r.message()).startsWith("unreachable within [100, 200]: the best value is floor = 200");
    }

    /**
     * A Laffer curve: with M consuming 200 − F and N supplying 10·p_N, N's price is (200 − F)/10 and the levy F − p_N − 1,
     * so the levy revenue is R(F) = (1.1F − 21)(200 − F), greatest at F = 241/2.2 = 109.545 (9,000.227). R ≥ 9,000.1 holds
     * only on [109.2053, 109.8856] — between the grid's 87.5 and 110 (R(110) = 9,000) — so no grid point meets it. It was
     * answered "unreachable within [20, 200]": a floor the analyst asked for exists. The smallest is the lower root of
     * 1.1F² − 241F + 13,200.1 = 0.
     */
    @Test
    void aTargetMetOnlyBetweenGridPointsIsFound() throws Exception {
        TargetSeek.Result r = seek("levy_revenue(2026) >= 9000.1", 20, 200);
        double lower = (241 - Math.sqrt(241 * 241 - 4 * 1.1 * 13200.1)) / 2.2;
        assertThat(r.reached()).as(r.message()).isTrue();
        assertThat(r.metric()).isGreaterThanOrEqualTo(9000.1);
        assertThat(r.value()).isGreaterThanOrEqualTo(lower - 1e-9).isCloseTo(lower, within(1e-6 * 180));
    }

    @Test
    void aTargetAboveThePeakIsUnreachableWithThePeakAsTheBest() throws Exception {
        TargetSeek.Result r = seek("levy_revenue(2026) >= 9001", 20, 200);
        assertThat(r.reached()).isFalse();
        // the best found is the peak, 241²/4.4 − 4,200 = 9,000.227 at 109.545, not the grid's 9,000 at 110
        assertThat(r.value()).isCloseTo(241 / 2.2, within(1e-3));
        assertThat(r.metric()).isCloseTo(241.0 * 241 / 4.4 - 4200, within(1e-6));
    }
}
