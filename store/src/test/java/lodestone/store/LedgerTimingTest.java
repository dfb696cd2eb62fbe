package lodestone.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ledger writer's statistics printed when serve stops: a percentile is never above the maximum. */
class LedgerTimingTest {
    private static long[] histogram(long... nanos) {
        long[] h = new long[Ledger.Timing.BUCKETS + 1];
        for (long n : nanos) Ledger.Timing.add(h, n);
        return h;
    }

    @Test
    void aPercentileIsNeverAboveTheMax() {
        // 215.5 ms falls in the bucket up to 215.6 ms: the bucket's bound was printed as p99, above the max 215.5
        long max = 215_500_000L;
        long[] h = histogram(1_000_000L, 1_950_000L, max);
        assertEquals("215.5 ms", Ledger.Timing.ms(h, 0.99, max));
        assertEquals(215.5, Ledger.Timing.quantile(h, 0.99, max));
        assertEquals("2.0 ms", Ledger.Timing.ms(h, 0.5, max)); // a bucket's bound below the max is kept: 1.95 ms is in [1.9, 2.0)
        assertEquals(2.0, Ledger.Timing.quantile(h, 0.5, max));
    }

    @Test
    void oneValueIsEveryPercentile() {
        long[] h = histogram(123_456L);
        assertEquals(0.123456, Ledger.Timing.quantile(h, 0.5, 123_456L), 1e-12);
        assertEquals("0.1 ms", Ledger.Timing.ms(h, 0.99, 123_456L));
    }

    @Test
    void aboveTheHistogramAndEmpty() {
        assertEquals("over 1000 ms", Ledger.Timing.ms(histogram(2_000_000_000L), 0.99, 2_000_000_000L));
        assertEquals("0.0 ms", Ledger.Timing.ms(histogram(), 0.99, 0));
    }
}
