package lodestone.regime;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dated exchange rates, each as its source quotes it: units of the currency per US dollar (the Federal Reserve's H.10 and
 * the certified rates quote most currencies so: 158.683 JPY per USD) or US dollars per unit of the currency. A value is
 * converted with the rate as quoted — divided by units per dollar, multiplied by dollars per unit — never by an inversion
 * rounded to some digits (reported by a customs broker's review: JPY 2026-03 was held as 0.00630188 USD per JPY, the
 * inversion of 158.683 to six digits, $1 off on JPY 1 billion). For a date, the rate used is the
 * monthly average of that month when the table has one, else the latest observation on or before
 * the date (of a snapshot and a monthly average of the same day, the average); an entry dated before every observation has
 * no rate (an error, never a guess).
 */
public final class FxRates {
    /**
     * One rate: {@code rate} units of the currency per US dollar when {@code unitsPerUsd}, else US dollars per unit of the
     * currency; exactly as the table gives it.
     */
    public record Observation(LocalDate date, BigDecimal rate, boolean unitsPerUsd, boolean monthlyAverage, String source) {
        /** A rate quoted as US dollars per unit. */
        public Observation(LocalDate date, BigDecimal usdPerUnit, boolean monthlyAverage, String source) {
            this(date, usdPerUnit, false, monthlyAverage, source);
        }

        /** {@code amount} of the currency in US dollars, to {@code mc} (a rate in units per dollar divides). */
        public BigDecimal toUsd(BigDecimal amount, MathContext mc) {
            return unitsPerUsd ? amount.divide(rate, mc) : amount.multiply(rate, mc);
        }

        /**
         * {@code amount} of the currency in US dollars rounded once, to {@code scale} decimals by {@code rounding}: the exact
         * quotient or product rounded, never a rounded one rounded again.
         */
        public BigDecimal toUsd(BigDecimal amount, int scale, RoundingMode rounding) {
            return unitsPerUsd ? amount.divide(rate, scale, rounding) : amount.multiply(rate).setScale(scale, rounding);
        }

        /** {@code usd} US dollars in units of the currency, to {@code mc}. */
        public BigDecimal fromUsd(BigDecimal usd, MathContext mc) {
            return unitsPerUsd ? usd.multiply(rate, mc) : usd.divide(rate, mc);
        }

        /** The rate as quoted, for a trail or a warning: {@code 158.683 JPY per USD}, {@code 1.16 USD per EUR}. */
        public String quoted(String currency) {
            String r = rate.stripTrailingZeros().toPlainString();
            return unitsPerUsd ? r + " " + currency + " per USD" : r + " USD per " + currency;
        }

        /** The conversion as an operator and the rate, for a formula: {@code ÷ 158.683 JPY/USD}, {@code × 1.16 USD/EUR}. */
        public String operation(String currency) {
            String r = rate.stripTrailingZeros().toPlainString();
            return unitsPerUsd ? "÷ " + r + " " + currency + "/USD" : "× " + r + " USD/" + currency;
        }
    }


    private final Map<String, List<Observation>> byCurrency = new HashMap<>();

    public FxRates(Map<String, List<Observation>> rates) {
        rates.forEach((cur, obs) -> {
            List<Observation> sorted = new ArrayList<>(obs);
            // on one day a snapshot before the monthly average, whatever the rows' order: the latest observation on or before
            // a date is then the average (the month's rates through its end), never the row that happened to come last
            sorted.sort(Comparator.comparing(Observation::date).thenComparing(Observation::monthlyAverage));
            byCurrency.put(cur, List.copyOf(sorted));
        });
    }

    public static FxRates empty() {
        return new FxRates(Map.of());
    }

    public Set<String> currencies() {
        Set<String> s = new TreeSet<>(byCurrency.keySet());
        s.add("USD");
        return s;
    }

    /** The date of the latest observation of any currency; null when the table is empty. */
    public LocalDate latestDate() {
        LocalDate latest = null;
        for (List<Observation> obs : byCurrency.values()) {
            LocalDate d = obs.get(obs.size() - 1).date();
            if (latest == null || d.isAfter(latest)) latest = d;
        }
        return latest;
    }

    /**
     * The first observation of {@code currency} after {@code date}, if the table has one: a stale rate used before it was
     * taken from a gap in the table, not from its end (the warning says which).
     */
    public Optional<Observation> after(String currency, LocalDate date) {
        List<Observation> obs = byCurrency.get(currency);
        if (obs == null) return Optional.empty();
        for (Observation o : obs) if (o.date().isAfter(date)) return Optional.of(o);
        return Optional.empty();
    }

    /** The rate of {@code currency} on {@code date} (US dollars: one, the identity). */
    public Optional<Observation> rate(String currency, LocalDate date) {
        if ("USD".equals(currency)) return Optional.of(new Observation(date, BigDecimal.ONE, false, "identity"));
        List<Observation> obs = byCurrency.get(currency);
        if (obs == null) return Optional.empty();
        Observation best = null;
        for (Observation o : obs) {
            if (o.date().isAfter(date)) break;
            if (o.monthlyAverage() && o.date().getYear() == date.getYear() && o.date().getMonth() == date.getMonth()) {
                return Optional.of(o);
            }
            if (best == null || !o.date().isBefore(best.date())) best = o;
        }
        if (best != null && best.monthlyAverage()) {
            // a monthly average of an earlier month is still the latest information
            return Optional.of(best);
        }
        return Optional.ofNullable(best);
    }
}
