package lodestone.market;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry of instrument kinds: the only list of instruments. The scenario reader takes the policy types
 * from it, {@link MarketModel} makes one {@link Instrument} per kind in this order (the order their
 * variables are numbered and their hooks are called), and {@link PriceStart} calls them through the
 * instrument's start hooks. Adding an instrument is its class and one line here.
 */
final class Instruments {
    private Instruments() { }

    private static final List<Instrument.Kind> BUILT_IN = List.of(
            OriginRule.KIND,
            Tariffs.KIND,
            ExportTaxes.KIND,
            FloorLevy.KIND,
            CommonFloorLevy.KIND,
            PriceGapSubsidies.KIND,
            ExportQuotas.KIND,
            Stockpiles.KIND,
            Offtakes.KIND,
            CertifiedSegments.KIND);

    private static final List<Instrument.Kind> ALL = new CopyOnWriteArrayList<>(BUILT_IN);

    /** The registered kinds, built-in first, then those {@link #register registered} later, in that order. */
    static List<Instrument.Kind> all() { return ALL; }

    /**
     * Registers a kind defined outside this list (an instrument of a test source set); it is placed after the
     * built-in ones. A policy type already read by a registered kind is refused.
     */
    static synchronized void register(Instrument.Kind kind) {
        if (ALL.stream().anyMatch(k -> k.name().equals(kind.name()))) return;
        for (Instrument.PolicyType t : kind.policies()) {
            if (policyType(t.type()) != null) throw new IllegalArgumentException("policy type '" + t.type() + "' is already read by another instrument");
        }
        ALL.add(kind);
    }

    /** Removes a kind {@link #register registered} later (a test undoing its registration); built-in kinds stay. */
    static synchronized void unregister(Instrument.Kind kind) {
        if (!BUILT_IN.contains(kind)) ALL.remove(kind);
    }

    /** The reader of a policy type, or null. */
    static Instrument.PolicyType policyType(String type) {
        for (Instrument.Kind k : ALL) for (Instrument.PolicyType t : k.policies()) if (t.type().equals(type)) return t;
        return null;
    }

    /** Every policy type, in registration order. */
    static List<String> policyTypes() {
        return ALL.stream().flatMap(k -> k.policies().stream()).map(Instrument.PolicyType::type).toList();
    }
}
