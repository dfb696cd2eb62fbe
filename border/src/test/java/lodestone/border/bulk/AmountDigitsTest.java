package lodestone.border.bulk;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk writer's amounts (eight digits at a time in one long) spelled as {@code BigDecimal.valueOf(cents, 2)
 * .toPlainString()} spells them: every length, every boundary between lengths and between the one-long and two-long
 * forms, negative and huge amounts, seeded random amounts — written one after another into one buffer (so a store that
 * reached past its amount would show in the next) and across the buffer's end.
 */
class AmountDigitsTest {

    @Test
    void eightDigitsInOneLongAreTheNumbersDigits() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 1_000_000; i++) {
            int x = i < 10_000 ? i : i < 20_000 ? 99_999_999 - (i - 10_000) : rnd.nextInt(100_000_000);
            long d = ResultRows.digits8(x);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 8; k++) sb.append((char) ('0' + ((d >>> (8 * k)) & 0xFF)));
            assertThat(sb.toString()).as("%d", x).isEqualTo(String.format("%08d", x));
        }
    }

    @Test
    void amountsAreSpelledAsBigDecimalSpellsThem() throws IOException {
        List<Long> amounts = new ArrayList<>();
        for (long p = 1; p > 0 && p < Long.MAX_VALUE / 10; p *= 10) {
            for (long c : new long[]{p - 1, p, p + 1, 2 * p - 1, 9 * p, -p, -(p - 1)}) amounts.add(c);
        }
        for (long c : new long[]{0, 1, 5, 9, 10, 99, 100, 101, 99_999_999L, 100_000_000L, 100_000_001L, 9_999_999_999_999_999L,
                10_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE + 1, -1}) amounts.add(c);
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 300_000; i++) {
            long bound = (long) Math.pow(10, 1 + rnd.nextInt(18));
            amounts.add(rnd.nextLong(bound) * (rnd.nextInt(50) == 0 ? -1 : 1));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultRows rows = new ResultRows(out);
        StringBuilder want = new StringBuilder();
        for (long c : amounts) {
            rows.centsDigits(c);
            want.append(BigDecimal.valueOf(c, 2).toPlainString());
            // a separator between amounts: an amount's store must not reach past it (its next write overwrites what it left)
            rows.centsDigits(7);
            want.append("0.07");
        }
        rows.flush();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(want.toString());
        assertThat(out.size()).isGreaterThan(1 << 17); // the buffer (64 KiB) was drained mid-stream more than once
    }
}
