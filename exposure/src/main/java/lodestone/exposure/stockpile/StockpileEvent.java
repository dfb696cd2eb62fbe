package lodestone.exposure.stockpile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One event of a stockpile ledger, as recorded: money in US dollars (exact decimals), quantities in
 * kilograms, prices in US dollars per kilogram. Every event knows where it came from ({@link #at()}) so
 * that a problem found when the ledger is derived names the file, line and field.
 */
public sealed interface StockpileEvent {
    LocalDate date();

    Where at();

    /**
     * Where an event came from: the file (or "stockpile NAME") and line it was read at with the path of the event, and the
     * source it cites for its figures ({@code source_ref}: an id of the ledger's {@code sources}), or null.
     */
    record Where(String file, int line, String path, String sourceRef) {
        public static final Where NOWHERE = new Where("(built in code)", 0, "");

        /** Where an event citing no source was read. */
        public Where(String file, int line, String path) {
            this(file, line, path, null);
        }

        public String field(String f) {
            return path.isEmpty() ? f : path + "." + f;
        }
    }

    /** The kinds of funding a stockpile draws. */
    enum Source { EXIM_LOAN, PRIVATE_CAPITAL, GOVERNMENT, ENTRY_FEE }

    /** The kinds of carrying cost. */
    enum CarryingKind { INTEREST, STORAGE, INSURANCE, OTHER }

    /**
     * Funding drawn: a loan tranche (with its annual rate in percent and term in years), private capital or
     * a government appropriation. Members' entry fees are {@link Join} events.
     */
    record Funding(LocalDate date, Source source, String party, BigDecimal amount, BigDecimal ratePercent, Integer termYears,
                   String note, Where at) implements StockpileEvent { }

    /** A member joins: pays an entry fee and is allocated quantities it may draw (kg by mineral). */
    record Join(LocalDate date, String member, BigDecimal entryFee, Map<String, BigDecimal> allocationKg, String note, Where at)
            implements StockpileEvent { }

    /** The stockpile buys: mineral, form, quantity (kg), price (USD/kg), from whom. */
    record Acquisition(LocalDate date, String mineral, String form, BigDecimal quantityKg, BigDecimal priceUsdPerKg,
                       String counterparty, boolean illustrative, String note, Where at) implements StockpileEvent { }

    /** A carrying cost accrued and paid: interest, storage, insurance. */
    record CarryingCost(LocalDate date, CarryingKind kind, BigDecimal amount, String note, Where at) implements StockpileEvent { }

    /** A member draws material from its allocation (in a disruption), paying {@code priceUsdPerKg} (null: at cost). */
    record Draw(LocalDate date, String member, String mineral, BigDecimal quantityKg, BigDecimal priceUsdPerKg, String note, Where at)
            implements StockpileEvent { }

    /** A member puts material back (after a draw), paid {@code priceUsdPerKg} (null: at cost). */
    record Replenishment(LocalDate date, String member, String mineral, BigDecimal quantityKg, BigDecimal priceUsdPerKg,
                         String note, Where at) implements StockpileEvent { }

    /** The stockpile sells material to the market (a coordinated release). */
    record Release(LocalDate date, String mineral, BigDecimal quantityKg, BigDecimal priceUsdPerKg, String counterparty,
                   String note, Where at) implements StockpileEvent { }

    /** A member buys material of its allocation out of the stockpile for good, at the agreed price. */
    record BuyBack(LocalDate date, String member, String mineral, BigDecimal quantityKg, BigDecimal priceUsdPerKg, String note,
                   Where at) implements StockpileEvent { }

    /**
     * Material written off: lost, stolen, destroyed or found below specification. It leaves the holding at its average cost and
     * brings nothing: the cost removed is a realised loss. {@code reason} says why (required: a write-off is explained).
     */
    record WriteOff(LocalDate date, String mineral, BigDecimal quantityKg, String reason, String note, Where at) implements StockpileEvent { }

    /**
     * A correction of a mistaken event: the event numbered {@code corrects} (counting from 1, as the events are listed) is
     * struck out and, when {@code replacement} is given, replaced by it in its place. The ledger stays append-only: the
     * mistaken event is kept, and the correction is recorded on its own date after it; positions at every date are derived
     * from the ledger as corrected. {@code corrects} is null when it was missing or could not be read (a problem already said).
     */
    record Correction(LocalDate date, Integer corrects, StockpileEvent replacement, String note, Where at) implements StockpileEvent { }

    /** The spelling of an event's type in files and JSON. */
    static String type(StockpileEvent e) {
        return switch (e) {
            case Funding f -> "funding";
            case Join j -> "join";
            case Acquisition a -> "acquisition";
            case CarryingCost c -> "carrying-cost";
            case Draw d -> "draw";
            case Replenishment r -> "replenishment";
            case Release r -> "release";
            case BuyBack b -> "buy-back";
            case WriteOff w -> "write-off";
            case Correction c -> "correction";
        };
    }
}
