package lodestone.regime;

import java.time.LocalDate;

/**
 * A validity window: from {@code from} to {@code to}, both inclusive; an absent {@code to} is open
 * (in force until changed), an absent {@code from} means "since before the records start".
 * TARIC and the UK Trade Tariff use the same inclusive-end convention.
 */
public record Validity(LocalDate from, LocalDate to) {
    public static final Validity ALWAYS = new Validity(null, null);

    public boolean contains(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    public boolean overlaps(Validity o) {
        boolean startsBeforeOtherEnds = from == null || o.to == null || !from.isAfter(o.to);
        boolean otherStartsBeforeThisEnds = o.from == null || to == null || !o.from.isAfter(to);
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    @Override
    public String toString() {
        return (from == null ? "…" : from.toString()) + " → " + (to == null ? "open" : to.toString());
    }
}
