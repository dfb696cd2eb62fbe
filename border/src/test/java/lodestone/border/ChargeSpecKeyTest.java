package lodestone.border;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A charge's (id, measure) number, by which a bulk run's totals by measure are kept (bulk.BulkTotals). */
class ChargeSpecKeyTest {
    @Test
    void onePairOneNumberAndDifferentPairsNeverShareOneEvenWhenNumberedAtOnce() {
        String tag = "key-test-" + System.nanoTime() + "-";
        // numbered from many threads at once, as two regimes compiled together would (a counter, not the map's size)
        List<Integer> keys = IntStream.range(0, 20_000).parallel()
                .map(i -> ChargeSpec.totalsKey(tag + (i % 10_000), "m" + (i % 10_000))).boxed().toList();
        assertThat(keys.stream().distinct().count()).isEqualTo(10_000);
        for (int i = 0; i < 10_000; i++) assertThat(keys.get(i)).isEqualTo(keys.get(i + 10_000));
        // the same charge id under two measures (a heading several countries' measures share) is two pairs
        assertThat(ChargeSpec.totalsKey(tag + "9903.01.25", "us-recip-vn")).isNotEqualTo(ChargeSpec.totalsKey(tag + "9903.01.25", "us-recip-th"));
        assertThat(ChargeSpec.totalsKey(tag + "general", null)).isEqualTo(ChargeSpec.totalsKey(tag + "general", ""));
    }
}
