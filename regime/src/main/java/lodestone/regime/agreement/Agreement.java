package lodestone.regime.agreement;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An agreement, framework, action plan or programme of the regime: who is party, its dates and
 * status, its deadlines and its commitments. {@code illustrative} marks Lodestone's own
 * illustrative versions (not law), which must never be presented as in force.
 */
public record Agreement(String id, String name, String shortName, Kind kind, Status status, boolean illustrative,
                        List<String> parties, List<String> buildsOn, Map<String, LocalDate> dates,
                        List<Deadline> deadlines, List<Commitment> commitments, List<Source> sources, String note) {

    public enum Kind {
        FREE_TRADE_AGREEMENT, RECIPROCAL_TRADE_AGREEMENT, ACTION_PLAN, PARTNERSHIP, PLURILATERAL_AGREEMENT,
        STOCKPILE_PROGRAMME, FRAMEWORK, MINISTERIAL
    }

    public enum Status { ANNOUNCED, PROPOSED, NEGOTIATING, SIGNED, IN_FORCE, SUSPENDED, TERMINATED, ILLUSTRATIVE }

    /** The date keys an agreement may carry. */
    public static final List<String> DATE_KEYS = List.of("announced", "proposed", "signed", "in-force", "expires",
            "terminated");
}
