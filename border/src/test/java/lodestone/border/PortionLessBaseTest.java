package lodestone.border;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path's "P% - base MIN 0%" on a displaced portion of value, in exact rationals, against the explaining
 * path's arithmetic (P% of the portion, less base × portion ÷ full as a 34-digit quotient, floored at zero, half-up
 * to the cent): the same cent whenever the fast path answers, over seeded random values, rates and base duties —
 * including portions whose amount falls exactly on a half cent, where it must leave the line to the slow path.
 */
class PortionLessBaseTest {
    private static BigDecimal explaining(long value, long full, long p, int scale, long base) {
        BigDecimal v = BigDecimal.valueOf(value, 2);
        BigDecimal f = BigDecimal.valueOf(full, 2);
        BigDecimal b = BigDecimal.valueOf(base, 2);
        BigDecimal portionBase = b.multiply(v).divide(f, Assessor.MC);
        BigDecimal x = Assessor.percentOf(v, BigDecimal.valueOf(p, scale)).subtract(portionBase).max(BigDecimal.ZERO);
        return Assessor.cents(x);
    }

    @Test
    void sameCentAsTheExplainingPathOrTheSlowPath() {
        SplittableRandom rnd = new SplittableRandom(20261204L);
        int answered = 0;
        int declined = 0;
        for (int i = 0; i < 200_000; i++) {
            long full = 1 + rnd.nextLong(i % 3 == 0 ? 1_000_000L : 10_000_000_000L);
            long value = 1 + rnd.nextLong(full);
            int scale = rnd.nextInt(4);
            long p = rnd.nextLong(50 * (long) Math.pow(10, scale) + 1);
            long base = rnd.nextLong(Math.max(1, full / 5));
            if (i % 5 == 0) { // amounts on half cents: 1 % of 100k + 50 cents is k + 0.5 cents
                value = 50 + 100 * rnd.nextLong(Math.max(1, full / 100));
                full = Math.max(full, value + 1); // a displaced portion: less than the full value
                base = 0;
                p = 1;
                scale = 0;
            }
            long got = lodestone.border.FastPath.portionLessBase(value, full, p, scale, base);
            if (got < 0) {
                declined++;
                continue;
            }
            answered++;
            assertThat(BigDecimal.valueOf(got, 2)).as("value %d full %d p %d/10^%d base %d", value, full, p, scale, base)
                    .isEqualTo(explaining(value, full, p, scale, base).setScale(2, RoundingMode.UNNECESSARY));
        }
        assertThat(answered).isGreaterThan(150_000);
        assertThat(declined).as("half cents left to the slow path").isGreaterThan(0);
    }

    /** The arithmetic in longs answers exactly as the BigInteger one, declines included, up to where products pass a long. */
    @Test
    void inLongsTheSameAsInBigIntegers() {
        SplittableRandom rnd = new SplittableRandom(61220262L);
        int wide = 0;
        for (int i = 0; i < 300_000; i++) {
            long full = 1 + rnd.nextLong(i % 4 == 0 ? Long.MAX_VALUE / 4 : 10_000_000_000L);
            long value = 1 + rnd.nextLong(full);
            int scale = rnd.nextInt(8);
            long p = rnd.nextLong(200 * (long) Math.pow(10, scale) + 1);
            long base = rnd.nextLong(Math.max(1, full / (1 + rnd.nextInt(20))));
            long got = lodestone.border.FastPath.portionLessBase(value, full, p, scale, base);
            long want = lodestone.border.FastPath.portionLessBaseWide(value, full, p, scale, base);
            assertThat(got).as("value %d full %d p %d/10^%d base %d", value, full, p, scale, base).isEqualTo(want);
            try {
                Math.multiplyExact(value, Math.multiplyExact(p, full));
            } catch (ArithmeticException past) {
                wide++;
            }
        }
        assertThat(wide).as("inputs past a long, answered by BigInteger").isGreaterThan(10_000);
    }
}
