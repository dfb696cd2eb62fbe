package lodestone.regime.agreement;

import java.time.LocalDate;

/**
 * A deadline of an agreement: either a fixed date, or a number of days after one of the
 * agreement's dates (e.g. 60 days after signature); {@link #due(Agreement)} resolves it.
 */
public record Deadline(String id, String what, LocalDate dueDate, String afterEvent, Integer afterDays, Status status,
                       Source source) {

    public enum Status { OPEN, MET, MISSED, UNKNOWN }

    /** The due date, or null when it is relative to a date the agreement does not have yet. */
    public LocalDate due(Agreement a) {
        if (dueDate != null) return dueDate;
        LocalDate base = a.dates().get(afterEvent);
        return base == null || afterDays == null ? null : base.plusDays(afterDays);
    }
}
