package lodestone.regime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate a date is converted at does not depend on the order of the rows of fx-rates.csv. Reported by the fx review: a
 * snapshot and a monthly average of the same day (EUR on 2026-06-01: 1.1647279 and 1.15154), the latest before an entry of
 * 2026-07-02 (no July average), were chosen by which row came last — the bundled file lists the snapshot first, so the June
 * average was used; an author's file listing them the other way round converted at the snapshot, 1.1 % apart, without a word.
 */
class FxRatesTest {
    static final FxRates.Observation SNAPSHOT = new FxRates.Observation(LocalDate.parse("2026-06-01"), new BigDecimal("1.1647279"), false, "snapshot");
    static final FxRates.Observation AVERAGE = new FxRates.Observation(LocalDate.parse("2026-06-01"), new BigDecimal("1.15154"), true, "FRED");
    static final FxRates.Observation JULY = new FxRates.Observation(LocalDate.parse("2026-07-03"), new BigDecimal("1.1439979"), false, "snapshot");

    @Test
    void aSnapshotAndAMonthlyAverageOfTheSameDayGiveTheSameRateInEitherOrder() {
        LocalDate entry = LocalDate.parse("2026-07-02");
        FxRates snapshotFirst = new FxRates(Map.of("EUR", List.of(SNAPSHOT, AVERAGE, JULY)));
        FxRates averageFirst = new FxRates(Map.of("EUR", List.of(AVERAGE, SNAPSHOT, JULY)));
        assertThat(snapshotFirst.rate("EUR", entry)).contains(AVERAGE);
        assertThat(averageFirst.rate("EUR", entry)).contains(AVERAGE);
        // in June itself the month's average, and from the next snapshot on, that snapshot, in either order
        assertThat(averageFirst.rate("EUR", LocalDate.parse("2026-06-20"))).contains(AVERAGE);
        assertThat(averageFirst.rate("EUR", LocalDate.parse("2026-07-03"))).contains(JULY);
        assertThat(averageFirst.after("EUR", entry)).contains(JULY);
        assertThat(averageFirst.after("EUR", LocalDate.parse("2026-07-03"))).isEmpty();
    }
}
