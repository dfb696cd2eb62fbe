package lodestone.exposure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * US dollars as the exposure and stockpile outputs print them: {@code $1,234.56}, and a negative amount with its sign
 * before the symbol, {@code -$13,080.00} (reported: a negative saving printed as "$-13,080.00").
 */
public final class Money {
    private Money() { }

    /** To the cent; "—" for none. */
    public static String usd(BigDecimal v) {
        return v == null ? "—" : usd(v.setScale(2, RoundingMode.HALF_UP), 2);
    }

    /** To the whole dollar. */
    public static String usdWhole(BigDecimal v) {
        return v == null ? "—" : usd(v.setScale(0, RoundingMode.HALF_UP), 0);
    }

    /** A model figure (a double) to the whole dollar. */
    public static String usdWhole(double v) {
        return usdWhole(BigDecimal.valueOf(v));
    }

    private static String usd(BigDecimal r, int decimals) {
        String s = String.format(Locale.ROOT, "%,." + decimals + "f", r.abs());
        return (r.signum() < 0 ? "-$" : "$") + s;
    }
}
