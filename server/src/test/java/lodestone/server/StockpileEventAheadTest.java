package lodestone.server;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An appended stockpile event is warned of as dated after today only when no place has reached its date yet. Reported in
 * session 28: an administrator in Sydney (UTC+11 in December) recording that morning's acquisition, dated that day as the
 * Stockpiles page fills it in, was told the event "is after today, 2026-12-06 (UTC)" — the date in UTC was still the day
 * before until 11:00 in Sydney, 13:00 in Auckland, 14:00 in Kiritimati. The warning is for a date no one has lived yet (a
 * year's typo), so today is the date where the day begins first, UTC+14.
 */
class StockpileEventAheadTest {
    static final Instant EVENING_UTC = Instant.parse("2026-12-06T22:41:00Z"); // 2026-12-07 from UTC+2 eastwards
    static final Instant MORNING_UTC = Instant.parse("2026-12-06T05:00:00Z"); // 2026-12-06 in UTC+14 too (19:00)

    @Test
    void anEventDatedTodayWhereTheDayHasBegunIsNotAhead() {
        assertThat(ExposureRoutes.datedAhead("events[0].date", LocalDate.parse("2026-12-07"), EVENING_UTC, LocalDate.parse("2026-12-07")))
                .isNull();
        assertThat(ExposureRoutes.datedAhead("events[0].date", LocalDate.parse("2026-12-06"), MORNING_UTC, LocalDate.parse("2026-12-06")))
                .isNull();
    }

    @Test
    void anEventDatedWhereNoDayHasBegunIsAheadAndSaysBothDates() {
        assertThat(ExposureRoutes.datedAhead("events[1].date", LocalDate.parse("2026-12-08"), EVENING_UTC, LocalDate.parse("2026-12-08")))
                .isEqualTo("events[1].date: 2026-12-08 is after today, 2026-12-06 in UTC and 2026-12-07 where the day begins first "
                        + "(UTC+14): recorded as dated, and the ledger's position is now as of 2026-12-08; a ledger records what has "
                        + "happened, and an appended event stays");
        assertThat(ExposureRoutes.datedAhead("events[0].date", LocalDate.parse("2026-12-07"), MORNING_UTC, LocalDate.parse("2026-12-07")))
                .isEqualTo("events[0].date: 2026-12-07 is after today, 2026-12-06 in UTC and where the day begins first "
                        + "(UTC+14): recorded as dated, and the ledger's position is now as of 2026-12-07; a ledger records what has "
                        + "happened, and an appended event stays");
    }
}
