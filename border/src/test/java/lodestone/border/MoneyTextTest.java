package lodestone.border;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Amounts as the assessor writes them in trails and warnings ("$1,234.50"): the same text as the formatter gave. */
class MoneyTextTest {
    private static String formatter(BigDecimal v) {
        BigDecimal r = v.setScale(2, RoundingMode.HALF_UP);
        String s = String.format(Locale.ROOT, "%,.2f", r);
        return r.signum() < 0 ? "-$" + s.substring(1) : "$" + s;
    }

    @Test
    void everyAmountIsWrittenAsTheFormatterWroteIt() {
        long[] edges = {0, 1, -1, 5, 9, 10, 99, 100, 101, 999, 1000, 99_999, 100_000, 100_001, 123_456_789, -123_456_789,
                99_999_999_999L, 100_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -100, -99_999};
        for (long c : edges) {
            assertThat(Assessor.money(c)).as("%d cents", c).isEqualTo(formatter(BigDecimal.valueOf(c, 2)));
            assertThat(Assessor.money(BigDecimal.valueOf(c, 2))).isEqualTo(formatter(BigDecimal.valueOf(c, 2)));
        }
        Random rnd = new Random(20261206);
        for (int i = 0; i < 200_000; i++) {
            long c = switch (i % 3) {
                case 0 -> rnd.nextLong();
                case 1 -> (long) (Math.pow(10, rnd.nextDouble() * 18)) * (rnd.nextBoolean() ? 1 : -1);
                default -> rnd.nextInt(1_000_000) - 500_000;
            };
            assertThat(Assessor.money(c)).as("%d cents", c).isEqualTo(formatter(BigDecimal.valueOf(c, 2)));
        }
        // more than two decimals are rounded half-up first, and amounts past a long still go through the formatter
        assertThat(Assessor.money(new BigDecimal("1234.565"))).isEqualTo("$1,234.57");
        assertThat(Assessor.money(new BigDecimal("-0.004"))).isEqualTo("$0.00");
        assertThat(Assessor.money(new BigDecimal("-0.005"))).isEqualTo("-$0.01");
        BigDecimal huge = new BigDecimal("123456789012345678901234.5");
        assertThat(Assessor.money(huge)).isEqualTo(formatter(huge)).isEqualTo("$123,456,789,012,345,678,901,234.50");
    }
}
