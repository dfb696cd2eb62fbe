package lodestone.regime;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A line's known-gap warnings by date, made once, say what asking on each date says. */
class GapTableTest {
    static final Horizon.Gap CODED = new Horizon.Gap("coded", "a coded gap", List.of("280469"), List.of("CN"),
            LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
    static final Horizon.Gap OPEN = new Horizon.Gap("open", "an origin gap", List.of(), List.of("CA"), LocalDate.of(2026, 9, 15), null);
    static final Horizon.Gap EVERY = new Horizon.Gap("every", "every line", List.of("28"), List.of(), null, LocalDate.of(2025, 6, 30));
    static final Horizon H = new Horizon(null, null, 0, List.of(), List.of(CODED, OPEN, EVERY));

    @Test
    void theTableAnswersEveryDayAsAskingThatDayDoes() {
        for (String digits : List.of("2804691000", "2804690000", "2805300000", "7601100000", "28"))
            for (String origin : List.of("CN", "CA", "DE")) {
                Horizon.GapTable t = H.gapTable(digits, origin);
                for (LocalDate d = LocalDate.of(2024, 12, 1); d.isBefore(LocalDate.of(2027, 2, 1)); d = d.plusDays(1))
                    assertThat(t.on(d.toEpochDay())).as("%s %s %s", digits, origin, d).isEqualTo(H.gapWarnings(digits, origin, d));
            }
    }

    @Test
    void eachDatesListIsOneObjectAndTheBoundariesAreInclusive() {
        Horizon.GapTable t = H.gapTable("2804691000", "CN");
        long first = LocalDate.of(2025, 1, 1).toEpochDay();
        assertThat(t.on(first)).containsExactly(CODED.warning(), EVERY.warning());
        assertThat(t.on(first - 1)).containsExactly(EVERY.warning());
        assertThat(t.on(LocalDate.of(2025, 6, 30).toEpochDay())).containsExactly(CODED.warning(), EVERY.warning());
        assertThat(t.on(LocalDate.of(2025, 7, 1).toEpochDay())).containsExactly(CODED.warning());
        assertThat(t.on(LocalDate.of(2025, 12, 31).toEpochDay())).containsExactly(CODED.warning());
        assertThat(t.on(LocalDate.of(2026, 1, 1).toEpochDay())).isEmpty();
        assertThat(t.on(first + 3)).isSameAs(t.on(first + 100));
        assertThat(H.gapTable("7601100000", "CA").on(LocalDate.of(2030, 1, 1).toEpochDay())).containsExactly(OPEN.warning());
    }
}
