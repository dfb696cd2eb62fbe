package lodestone.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Numbers as a report prints them: grouped thousands, a fixed number of decimals rounded half up, "—" for none. */
final class Figures {
    static final String NONE = "—";

    private Figures() { }

    static String fixed(BigDecimal v, int decimals) {
        if (v == null) return NONE;
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals), DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        String s = f.format(v.setScale(decimals, RoundingMode.HALF_UP));
        return s.equals("-" + f.format(BigDecimal.ZERO)) ? s.substring(1) : s; // no "-0.00"
    }

    /** US dollars, cents shown: $4,500.00, -$12.50. */
    static String usd(BigDecimal v) {
        if (v == null) return NONE;
        String s = fixed(v, 2);
        return s.startsWith("-") ? "-$" + s.substring(1) : "$" + s;
    }

    /** A share (0.6) as a percentage: 60.0 %. */
    static String share(BigDecimal v, int decimals) {
        return v == null ? NONE : fixed(v.movePointRight(2), decimals) + " %";
    }

    /** A value already in percent (an effective rate of 45.00): 45.00 %. */
    static String percent(BigDecimal v, int decimals) {
        return v == null ? NONE : fixed(v, decimals) + " %";
    }

    /** A figure with about four significant digits, for chart ticks and numbers of any size: 1,341.5, 0.6001, 557,247. */
    static String about(BigDecimal v) {
        if (v == null) return NONE;
        if (v.signum() == 0) return "0";
        BigDecimal a = v.abs();
        int d = a.compareTo(BigDecimal.valueOf(1000)) >= 0 ? 0 : a.compareTo(BigDecimal.TEN) >= 0 ? 1 : a.compareTo(BigDecimal.ONE) >= 0 ? 2 : 4;
        return fixed(v, d);
    }

    static String about(double v) {
        return Double.isFinite(v) ? about(BigDecimal.valueOf(v)) : NONE;
    }
}
