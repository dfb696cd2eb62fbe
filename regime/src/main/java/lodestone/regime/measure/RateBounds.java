package lodestone.regime.measure;

import lodestone.regime.unit.Dimension;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * The bounds within which a rate written in a regime is believable, one per kind of expression
 * component, so that a typo or a garbled import ({@code 999999999999999999999%}, {@code 5000 USD/kg}
 * for {@code 0.5 USD/kg}) is refused when the regime loads instead of being charged on every line.
 *
 * <p>The bounds are deliberately wide: about ten times the highest rate of its kind that any schedule
 * the project imports prints (the HTS's highest ad valorem rate is 350 %, its highest specific rate per
 * kilogram 0.106 USD/g = 106 USD/kg), so a real rate never meets them and a decimal point moved by
 * several places always does. Specific amounts and prices are bounded per base unit of their unit's
 * dimension (a rate per 100 kg or per carat is converted to per kg first), in the currency they are
 * written in; the bounds assume a currency of the order of the US dollar (every currency the bundled
 * regime writes rates in). Documented in docs/regime-format.md ("Bounds on rates"); the loader reports
 * each refusal with its file, line and field.
 */
public final class RateBounds {
    /** Highest ad valorem rate of one component, in percent. */
    public static final BigDecimal MAX_AD_VALOREM_PERCENT = new BigDecimal("1000");
    /** Most decimal places in a rate or a price (schedules print at most four). */
    public static final int MAX_DECIMALS = 6;
    /** Most components in one expression (the schedules' longest has three; TARIC's bounded forms four). */
    public static final int MAX_TERMS = 8;
    /** A price (minimum import price, unit-price test) may be this many times its kind's duty bound. */
    public static final BigDecimal PRICE_FACTOR = new BigDecimal("1000");
    /** Bounds of a currency's value in US dollars (the exchange-rate table). */
    public static final BigDecimal MIN_USD_PER_UNIT = new BigDecimal("0.0000001");
    public static final BigDecimal MAX_USD_PER_UNIT = new BigDecimal("1000");

    private static final Map<Dimension, BigDecimal> SPECIFIC = new EnumMap<>(Dimension.class);

    static {
        SPECIFIC.put(Dimension.MASS, new BigDecimal("10000"));         // per kg
        SPECIFIC.put(Dimension.COUNT, new BigDecimal("10000"));        // per item
        SPECIFIC.put(Dimension.PAIRS, new BigDecimal("1000"));         // per pair
        SPECIFIC.put(Dimension.VOLUME, new BigDecimal("1000"));        // per litre
        SPECIFIC.put(Dimension.AREA, new BigDecimal("1000"));          // per m2
        SPECIFIC.put(Dimension.LENGTH, new BigDecimal("1000"));        // per m
        SPECIFIC.put(Dimension.ENERGY, new BigDecimal("10000"));       // per MWh
        SPECIFIC.put(Dimension.POWER, new BigDecimal("100"));          // per W
        SPECIFIC.put(Dimension.RADIOACTIVITY, new BigDecimal("100000")); // per GBq
        SPECIFIC.put(Dimension.DOSES, new BigDecimal("10000"));        // per dose
    }

    private RateBounds() {
    }

    /** The highest specific duty per base unit of a dimension, in currency units. */
    public static BigDecimal specificBound(Dimension d) {
        return SPECIFIC.get(d);
    }

    /** The highest price per base unit of a dimension, in currency units. */
    public static BigDecimal priceBound(Dimension d) {
        return SPECIFIC.get(d).multiply(PRICE_FACTOR);
    }

    /** Why a duty expression is beyond its kinds' bounds, or null when every component is within. */
    public static String checkDuty(DutyExpression e) {
        if (e.isFree()) return null;
        int terms = 0, bases = 0;
        for (DutyExpression.Segment s : e.segments()) {
            for (DutyExpression.Term t : s.terms()) {
                terms++;
                String why = switch (t.component()) {
                    case DutyExpression.AdValorem a -> adValorem(a.percent());
                    case DutyExpression.Specific sp -> specific(sp.amount(), sp.currency(), sp.unit(), sp.basis(), false);
                    case DutyExpression.BaseRate b -> ++bases > 1 ? "'base' appears more than once; the subheading's duty is counted once" : null;
                };
                if (why != null) return why;
            }
        }
        if (terms > MAX_TERMS) return terms + " components; at most " + MAX_TERMS + " in one expression";
        return null;
    }

    /** Why a price (a minimum import price, a unit-price test) is beyond its kind's bound, or null. */
    public static String checkPrice(Price p) {
        if (p.amount().signum() == 0) return "a price of zero; a price is positive";
        return specific(p.amount(), p.currency(), p.unit(), p.basis(), true);
    }

    /** Why an exchange rate (US dollars per unit of a currency) is beyond its bound, or null. */
    public static String checkUsdPerUnit(BigDecimal r) {
        if (r.compareTo(MIN_USD_PER_UNIT) < 0 || r.compareTo(MAX_USD_PER_UNIT) > 0) {
            return plain(r) + " USD per unit is outside the bound of an exchange rate ("
                    + MIN_USD_PER_UNIT.toPlainString() + " to " + MAX_USD_PER_UNIT.toPlainString() + ")";
        }
        return null;
    }

    /**
     * Why an exchange rate quoted as units of a currency per US dollar is beyond its bound (the bound of US dollars per unit,
     * inverted: 0.001 to 10,000,000 units per dollar), or null.
     */
    public static String checkUnitsPerUsd(BigDecimal r) {
        BigDecimal min = BigDecimal.ONE.divide(MAX_USD_PER_UNIT), max = BigDecimal.ONE.divide(MIN_USD_PER_UNIT);
        if (r.compareTo(min) < 0 || r.compareTo(max) > 0) {
            return plain(r) + " units per USD is outside the bound of an exchange rate (" + min.toPlainString() + " to "
                    + max.toPlainString() + ")";
        }
        return null;
    }

    /** Why a share in percent (such as a US-content share) is not within 0–100, or null. */
    public static String checkPercentShare(BigDecimal p) {
        if (p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
            return plain(p) + " is not a share in percent; expected 0 to 100";
        }
        return null;
    }

    private static String adValorem(BigDecimal pct) {
        if (pct.compareTo(MAX_AD_VALOREM_PERCENT) > 0) {
            return plain(pct) + "% is beyond the bound of an ad valorem rate (0 to "
                    + MAX_AD_VALOREM_PERCENT.toPlainString() + "%)";
        }
        return decimals(pct, plain(pct) + "%");
    }

    private static String specific(BigDecimal amount, String currency, lodestone.regime.unit.Unit unit, String basis, boolean price) {
        String written = plain(amount) + " " + currency + "/" + unit.code() + (basis == null ? "" : " of " + basis);
        String decimals = decimals(amount, written);
        if (decimals != null) return decimals;
        Dimension d = unit.dimension();
        BigDecimal perBase = amount.divide(unit.inBaseUnits(), java.math.MathContext.DECIMAL64);
        BigDecimal bound = price ? priceBound(d) : specificBound(d);
        if (perBase.compareTo(bound) > 0) {
            String per = d.baseUnit();
            return written + (unit.code().equals(per) ? "" : " (" + plain(perBase) + " " + currency + "/" + per + ")")
                    + " is beyond the bound of " + (price ? "a price" : "a specific rate") + " per "
                    + d.name().toLowerCase() + " unit (at most " + bound.toPlainString() + " " + currency + "/" + per + ")";
        }
        return null;
    }

    private static String decimals(BigDecimal v, String written) {
        if (v.stripTrailingZeros().scale() > MAX_DECIMALS) {
            return written + " has more than " + MAX_DECIMALS + " decimal places; no schedule prints a rate so fine";
        }
        return null;
    }

    /** Plain digits, or scientific notation when plain would be long (1E+999999999 has a billion digits). */
    private static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return Math.abs(s.scale()) > 40 ? s.toString() : s.toPlainString();
    }
}
