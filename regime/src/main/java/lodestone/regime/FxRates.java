package lodestone.regime;

import java.math.BigDecimal;
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
 * Dated exchange rates, as US dollars per unit of a currency. For a date, the rate used is the
 * monthly average of that month when the table has one, else the latest observation on or before
 * the date (of a snapshot and a monthly average of the same day, the average); an entry dated before every observation has
 * no rate (an error, never a guess).
 */
public final class FxRates {
    public record Observation(LocalDate date, BigDecimal usdPerUnit, boolean monthlyAverage, String source) { }

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

    /** USD per one unit of {@code currency} on {@code date}. */
    public Optional<Observation> usdPerUnit(String currency, LocalDate date) {
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
