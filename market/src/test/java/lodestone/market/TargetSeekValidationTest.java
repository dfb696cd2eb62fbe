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
}
