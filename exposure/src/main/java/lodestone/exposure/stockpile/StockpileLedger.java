package lodestone.exposure.stockpile;

import lodestone.exposure.stockpile.StockpileEvent.Acquisition;
import lodestone.exposure.stockpile.StockpileEvent.BuyBack;
import lodestone.exposure.stockpile.StockpileEvent.CarryingCost;
import lodestone.exposure.stockpile.StockpileEvent.Correction;
import lodestone.exposure.stockpile.StockpileEvent.Draw;
import lodestone.exposure.stockpile.StockpileEvent.Funding;
import lodestone.exposure.stockpile.StockpileEvent.Join;
import lodestone.exposure.stockpile.StockpileEvent.Release;
import lodestone.exposure.stockpile.StockpileEvent.Replenishment;
import lodestone.exposure.stockpile.StockpileEvent.Where;
import lodestone.regime.Problem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Derives a stockpile's {@link Position} from its events, and is the only judge of whether events may be
 * appended. The ledger is the events alone: holdings, cost basis, funding left, loans and entitlements
 * are recomputed on every read, never stored beside them, so they cannot disagree with what happened.
 *
 * <p>Rules, in event order (events must be in date order): quantities are positive; an acquisition,
 * a replenishment paid for, or a carrying cost may not spend more than the funding left; a release,
 * draw, buy-back or write-off may not take more than is held; a draw or buy-back may not exceed the member's
 * entitlement (its allocation less what it has drawn or bought back, plus what it has replenished); a
 * replenishment may not exceed what the member has drawn (or bought back) and not had replenished, so an entitlement never
 * exceeds the allocation; a member joins once and draws only after joining; minerals must be the regime's (when a list is given).
 * Every broken rule is reported with the event's location; the event is then skipped and derivation
 * continues, so one reading lists every problem.
 *
 * <p>Cost basis is the weighted average: an inflow adds quantity × price (to the cent); an outflow removes
 * cost basis × quantity ÷ held, rounded half-up to the cent, so that the last kilogram out takes the
 * remaining cost exactly. The loop does a hash lookup and a few small BigDecimal operations per event
 * (1 M events in well under a second; benchmarks/…/StockpileLedgerBench).
 */
public final class StockpileLedger {
    private StockpileLedger() { }

    /** The position after every event. */
    public static Position derive(String name, List<? extends StockpileEvent> events, Set<String> minerals) throws StockpileException {
        return derive(name, events, null, minerals);
    }

    /**
     * The position after the events dated on or before {@code asOf} (every event when null), checking every
     * event of the list (a later event's problem is still a problem of the ledger). {@code minerals}: the
     * regime's mineral ids that the ledger may name, or null for no check.
     */
    public static Position derive(String name, List<? extends StockpileEvent> events, LocalDate asOf, Set<String> minerals)
            throws StockpileException {
        Acc acc = new Acc(minerals);
        Acc snapshot = null;
        LocalDate last = null;
        Corrected cor = corrected(events, acc);
        List<StockpileEvent> list = cor.events();
        for (int i = 0; i < list.size(); i++) {
            StockpileEvent e = list.get(i);
            if (e.date() == null) {
                acc.problem(e.at(), "date", "missing; expected a date as yyyy-mm-dd");
                acc.checkAlone(e);
                continue;
            }
            if (last != null && e.date().isBefore(last)) {
                acc.problem(e.at(), "date", e.date() + " is before the previous event's date " + last
                        + "; a ledger's events are in date order (append later events at the end)");
                acc.checkAlone(e); // what is wrong with it besides its date is said now, not once the date is fixed
                continue;
            }
            if (cor.replaces(i) > 0 && afterItsPlace(cor, i, last, acc)) continue;
            if (asOf != null && snapshot == null && e.date().isAfter(asOf)) snapshot = acc.copyTotals();
            last = e.date();
            acc.apply(e);
        }
        if (!acc.problems.isEmpty()) throw new StockpileException(acc.problems);
        Acc use = snapshot != null ? snapshot : acc;
        // the events recorded by then, a corrected event and its correction each counted (the count an append is checked against)
        int recorded = asOf == null ? events.size() : (int) events.stream().filter(e -> !e.date().isAfter(asOf)).count();
        return use.position(name, asOf != null ? asOf : last, recorded);
    }

    /**
     * The ledger as corrected: each event that a {@link Correction} names replaced, in its place, by the correction's
     * replacement, or left out when it has none; the corrections themselves stay where they were recorded (their dates keep
     * the ledger's order, and they change no figure). An event corrected twice takes the latest correction. A correction that
     * names no earlier event, or names a correction, is a problem at its {@code corrects}, and corrects nothing.
     */
    private static Corrected corrected(List<? extends StockpileEvent> events, Acc acc) {
        Map<Integer, Integer> standing = correctionsOf(events, acc);
        if (standing.isEmpty()) return new Corrected(java.util.Collections.unmodifiableList(events), null, null);
        List<StockpileEvent> out = new ArrayList<>(events.size());
        int[] numbers = new int[events.size()], replaces = new int[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Integer c = standing.get(i);
            StockpileEvent r = c == null ? null : ((Correction) events.get(c)).replacement();
            if (c != null && r == null) continue; // struck out
            numbers[out.size()] = i + 1;
            if (r != null) replaces[out.size()] = i + 1;
            out.add(r != null ? r : events.get(i));
        }
        return new Corrected(out, numbers, replaces);
    }

    /**
     * An event of the ledger as corrected: the event (a replacement in the place of the event it corrects), the number of the
     * event whose place it holds, and the number of the correction that put it there (0 for an event as recorded). Corrections
     * themselves are not listed. Corrections that name no earlier event are ignored (deriving the ledger says why).
     */
    public record Effective(StockpileEvent event, int number, int byCorrection) { }

    /**
     * The ledger as corrected, event by event (see {@link Effective}). The same view as {@link #corrected} builds for deriving,
     * which keeps it in two int arrays instead: one record an event, shared by both, made deriving 1 M events with corrections
     * about 3× slower (StockpileLedgerBench, 160 → 450–700 ms, tried and reverted 2026-12-06).
     */
    public static List<Effective> asCorrected(List<? extends StockpileEvent> events) {
        Map<Integer, Integer> standing = correctionsOf(events, null);
        List<Effective> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Correction) continue;
            Integer c = standing.get(i);
            if (c == null) out.add(new Effective(events.get(i), i + 1, 0));
            else if (((Correction) events.get(c)).replacement() != null) out.add(new Effective(((Correction) events.get(c)).replacement(), i + 1, c + 1));
        }
        return out;
    }

    /**
     * The ledger as corrected, with each event's number as recorded ({@code numbers}, from 1) and, for a replacement, the number
     * of the event whose place it takes ({@code replaces}; 0 for an event as recorded). Both null when nothing is corrected.
     */
    private record Corrected(List<StockpileEvent> events, int[] numbers, int[] replaces) {
        int replaces(int i) {
            return replaces == null ? 0 : replaces[i];
        }

        int number(int i) {
            return numbers == null ? i + 1 : numbers[i];
        }
    }

    /**
     * Whether the replacement at {@code i} is dated after the event that follows its place (said at the replacement's date,
     * and the replacement checked alone): a replacement keeps the ledger's date order in the corrected event's place, and the
     * problem is its date, not the events after it (reported: a replacement of #2 dated after #3 blamed #3 and the correction).
     */
    private static boolean afterItsPlace(Corrected cor, int i, LocalDate last, Acc acc) {
        StockpileEvent e = cor.events().get(i);
        for (int j = i + 1; j < cor.events().size(); j++) {
            StockpileEvent next = cor.events().get(j);
            if (next.date() == null) continue;
            if (!e.date().isAfter(next.date())) return false;
            acc.problem(e.at(), "date", e.date() + " is after the date of the event that follows the place of #" + cor.replaces(i) + ", "
                    + next.date() + " (#" + cor.number(j) + "); a replacement takes the corrected event's place in the ledger's date order (here "
                    + (last == null ? "on or before " : "from " + last + " to ") + next.date() + ")");
            acc.checkAlone(e);
            return true;
        }
        return false;
    }

    /** By the index of each corrected event, the index of the correction that stands for it (from 0); problems to {@code acc} when given. */
    private static Map<Integer, Integer> correctionsOf(List<? extends StockpileEvent> events, Acc acc) {
        Map<Integer, Integer> standing = new TreeMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof Correction c) || c.corrects() == null) continue;
            int t = c.corrects() - 1;
            if (t < 0 || t >= i) {
                if (acc != null) acc.problem(c.at(), "corrects", c.corrects() + " is not the number of an event before this correction (#"
                        + (i + 1) + "); expected " + (i == 0 ? "an earlier event, and this is the first" : "1 to " + i)
                        + " (events are numbered from 1, in the order recorded, as they are listed)");
                continue;
            }
            if (events.get(t) instanceof Correction earlier) {
                if (acc != null) acc.problem(c.at(), "corrects", "#" + c.corrects() + " is itself a correction (of #" + earlier.corrects()
                        + "); to mend it, correct #" + earlier.corrects() + " again: an event's latest correction stands");
                continue;
            }
            standing.put(t, i);
        }
        return standing;
    }

    /**
     * Which events are corrected, and by which correction: event number → the number of the correction that stands for it
     * (both counted from 1). Corrections that name no earlier event are left out (deriving the ledger says why).
     */
    public static Map<Integer, Integer> correctedBy(List<? extends StockpileEvent> events) {
        Map<Integer, Integer> out = new TreeMap<>();
        correctionsOf(events, null).forEach((t, c) -> out.put(t + 1, c + 1));
        return out;
    }

    /**
     * The position as {@link #derive(String, List, LocalDate, Set)} gives it, with {@code readProblems} — the problems found
     * reading the events, whose events were left out — reported together with the ledger's own, sorted by line: every problem
     * of a file at once.
     */
    public static Position derive(String name, List<? extends StockpileEvent> events, LocalDate asOf, Set<String> minerals,
                                  List<Problem> readProblems) throws StockpileException {
        List<Problem> all = new ArrayList<>(readProblems);
        Position p = null;
        List<Correction> shifted = readProblems.isEmpty() ? List.of() : afterAnEventLeftOut(events);
        if (!shifted.isEmpty()) {
            // an event left out shifts the numbers that the corrections recorded after it name: deriving would strike the wrong
            // events and say so (those recorded before it, a stored ledger's among them, name theirs rightly and are derived)
            for (Correction c : shifted) {
                all.add(new Problem(c.at().file(), c.at().line(), c.at().field("corrects"), "not checked "
                        + "while an event of the ledger cannot be read (a correction names events by number, and every event counts): "
                        + "fix the other problems first"));
            }
            throw new StockpileException(all.stream().distinct().sorted().toList());
        }
        try {
            p = derive(name, events, asOf, minerals);
        } catch (StockpileException e) {
            all.addAll(e.problems());
        }
        if (!all.isEmpty()) throw new StockpileException(all.stream().distinct().sorted().toList());
        return p;
    }

    private static final java.util.regex.Pattern EVENT_PATH = java.util.regex.Pattern.compile("events\\[(\\d+)]");

    /**
     * The corrections read after an event of their file (or request) that was left out, it not reading: an event's place in its
     * file is its path's index ({@code events[7]}), and an index missing before a correction's own means its number names the wrong
     * event. An event read alone (a stored one, {@code [0]}) or a problem that left no event out (a header's, an unknown source)
     * shifts nothing.
     */
    private static List<Correction> afterAnEventLeftOut(List<? extends StockpileEvent> events) {
        Map<String, Integer> read = new HashMap<>(); // by file, how many of its events have been read so far (in order)
        List<Correction> out = new ArrayList<>();
        for (StockpileEvent e : events) {
            if (e.at() == null) continue;
            java.util.regex.Matcher m = EVENT_PATH.matcher(e.at().path());
            if (!m.matches()) continue;
            int index = Integer.parseInt(m.group(1));
            int before = read.merge(e.at().file(), 1, Integer::sum) - 1; // the events of the file read before this one
            if (e instanceof Correction c && before < index) out.add(c);
        }
        return out;
    }

    /** Appending: the existing events followed by the new ones must derive without a problem. */
    public static Position checkAppend(String name, List<? extends StockpileEvent> existing, List<? extends StockpileEvent> added,
                                       Set<String> minerals) throws StockpileException {
        List<StockpileEvent> all = new ArrayList<>(existing.size() + added.size());
        all.addAll(existing);
        all.addAll(added);
        return derive(name, all, null, minerals);
    }

    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private static final class Mineral {
        final String id;
        BigDecimal held = ZERO, cost = ZERO.setScale(2), acquired = ZERO, released = ZERO, drawn = ZERO, replenished = ZERO,
                boughtBack = ZERO, writtenOff = ZERO, gain = ZERO.setScale(2);
        final Set<String> forms = new LinkedHashSet<>();

        Mineral(String id) { this.id = id; }

        Mineral copy() {
            Mineral m = new Mineral(id);
            m.held = held; m.cost = cost; m.acquired = acquired; m.released = released; m.drawn = drawn;
            m.replenished = replenished; m.boughtBack = boughtBack; m.writtenOff = writtenOff; m.gain = gain; m.forms.addAll(forms);
            return m;
        }

        /** Removes {@code q} (≤ held) at average cost and returns the cost removed. */
        BigDecimal remove(BigDecimal q) {
            BigDecimal c = q.compareTo(held) == 0 ? cost : cost.multiply(q).divide(held, 2, RoundingMode.HALF_UP);
            held = held.subtract(q);
            cost = cost.subtract(c);
            return c;
        }

        BigDecimal average() {
            return held.signum() == 0 ? ZERO : cost.divide(held, 10, RoundingMode.HALF_UP);
        }
    }

    private static final class MemberAcc {
        final String id;
        final LocalDate joined;
        final BigDecimal fee;
        final Map<String, BigDecimal> allocation;
        final Map<String, BigDecimal> entitlement;
        final Map<String, BigDecimal> drawn = new TreeMap<>();

        MemberAcc(String id, LocalDate joined, BigDecimal fee, Map<String, BigDecimal> allocation) {
            this.id = id;
            this.joined = joined;
            this.fee = fee;
            this.allocation = new TreeMap<>(allocation);
            this.entitlement = new TreeMap<>(allocation);
        }

        MemberAcc copy() {
            MemberAcc m = new MemberAcc(id, joined, fee, allocation);
            m.entitlement.clear();
            m.entitlement.putAll(entitlement);
            m.drawn.putAll(drawn);
            return m;
        }
    }

    private static final class Acc {
        final Set<String> known;
        final List<Problem> problems = new ArrayList<>();
        final Map<String, Mineral> minerals = new HashMap<>();
        final List<String> order = new ArrayList<>();
        final Map<String, MemberAcc> members = new LinkedHashMap<>();
        final EnumMap<StockpileEvent.Source, BigDecimal> funding = new EnumMap<>(StockpileEvent.Source.class);
        final EnumMap<StockpileEvent.CarryingKind, BigDecimal> carrying = new EnumMap<>(StockpileEvent.CarryingKind.class);
        final List<Position.Loan> loans = new ArrayList<>();
        BigDecimal drawnFunds = ZERO.setScale(2), spent = ZERO.setScale(2), proceeds = ZERO.setScale(2), carryingTotal = ZERO.setScale(2);

        Acc(Set<String> known) { this.known = known; }

        void problem(Where at, String field, String message) {
            problems.add(new Problem(at.file(), at.line(), at.field(field), message));
        }

        BigDecimal left() {
            return drawnFunds.add(proceeds).subtract(spent);
        }

        Mineral mineral(Where at, String id, boolean create) {
            if (id == null || id.isBlank()) {
                problem(at, "mineral", "missing; expected a mineral of the regime (e.g. gallium)");
                return null;
            }
            Mineral m = minerals.get(id);
            if (m != null) return m;
            if (known != null && !known.contains(id)) {
                problem(at, "mineral", "'" + id + "' is not a mineral of the regime; expected one of its ids (e.g. gallium, dysprosium)"
                        + lodestone.regime.io.YNode.pasted(id));
                return null;
            }
            if (!create) return null;
            m = new Mineral(id);
            minerals.put(id, m);
            order.add(id);
            return m;
        }

        boolean positive(Where at, String field, BigDecimal v) {
            if (v == null) {
                problem(at, field, "missing; expected a positive number");
                return false;
            }
            if (v.signum() <= 0) {
                problem(at, field, v.toPlainString() + " is not positive; expected a quantity greater than zero");
                return false;
            }
            return true;
        }

        boolean notNegative(Where at, String field, BigDecimal v) {
            if (v != null && v.signum() < 0) {
                problem(at, field, v.toPlainString() + " is negative; expected zero or more");
                return false;
            }
            return true;
        }

        boolean affordable(Where at, String field, BigDecimal amount, String what) {
            BigDecimal left = left();
            if (amount.compareTo(left) > 0) {
                problem(at, field, what + " of " + usd(amount) + " exceeds the funding left, " + usd(left));
                return false;
            }
            return true;
        }

        void apply(StockpileEvent e) {
            int before = problems.size();
            switch (e) {
                case Funding f -> {
                    if (!positive(f.at(), "amount", f.amount())) return;
                    if (f.source() == StockpileEvent.Source.ENTRY_FEE) {
                        problem(f.at(), "source", "entry fees are recorded with a join event (type: join), which also records the allocation");
                        return;
                    }
                    if (f.ratePercent() != null && !notNegative(f.at(), "rate_percent", f.ratePercent())) return;
                    if (f.termYears() != null && f.termYears() <= 0) {
                        problem(f.at(), "term_years", f.termYears() + " is not a positive number of years");
                        return;
                    }
                    funding.merge(f.source(), f.amount(), BigDecimal::add);
                    drawnFunds = drawnFunds.add(f.amount());
                    if (f.ratePercent() != null || f.source() == StockpileEvent.Source.EXIM_LOAN) {
                        loans.add(new Position.Loan(f.date(), f.party(), f.amount(), f.ratePercent(), f.termYears(),
                                f.termYears() == null ? null : f.date().plusYears(f.termYears()),
                                f.ratePercent() == null ? null : f.amount().multiply(f.ratePercent()).movePointLeft(2).setScale(2, RoundingMode.HALF_UP)));
                    }
                }
                case Join j -> {
                    if (j.member() == null || j.member().isBlank()) {
                        problem(j.at(), "member", "missing; expected the member's name");
                        return;
                    }
                    if (members.containsKey(j.member())) {
                        problem(j.at(), "member", "'" + j.member() + "' has already joined (" + members.get(j.member()).joined + ")");
                        return;
                    }
                    BigDecimal fee = j.entryFee() == null ? ZERO : j.entryFee();
                    if (!notNegative(j.at(), "entry_fee", fee)) return;
                    for (Map.Entry<String, BigDecimal> a : j.allocationKg().entrySet()) {
                        if (known != null && !known.contains(a.getKey())) {
                            problem(j.at(), "allocation." + a.getKey(), "'" + a.getKey() + "' is not a mineral of the regime");
                        } else positive(j.at(), "allocation." + a.getKey(), a.getValue());
                    }
                    if (problems.size() > before) return;
                    members.put(j.member(), new MemberAcc(j.member(), j.date(), fee, j.allocationKg()));
                    if (fee.signum() > 0) {
                        funding.merge(StockpileEvent.Source.ENTRY_FEE, fee, BigDecimal::add);
                        drawnFunds = drawnFunds.add(fee);
                    }
                }
                case Acquisition a -> {
                    boolean ok = positive(a.at(), "quantity", a.quantityKg());
                    ok &= a.priceUsdPerKg() != null ? notNegative(a.at(), "price", a.priceUsdPerKg())
                            : fail(a.at(), "price", "missing; expected the price paid in USD/kg");
                    Mineral m = mineral(a.at(), a.mineral(), true);
                    if (!ok || m == null) return;
                    BigDecimal paid = a.quantityKg().multiply(a.priceUsdPerKg()).setScale(2, RoundingMode.HALF_UP);
                    if (!affordable(a.at(), "quantity", paid, "the acquisition")) return;
                    m.held = m.held.add(a.quantityKg());
                    m.acquired = m.acquired.add(a.quantityKg());
                    m.cost = m.cost.add(paid);
                    if (a.form() != null) m.forms.add(a.form());
                    spent = spent.add(paid);
                }
                case CarryingCost c -> {
                    if (!positive(c.at(), "amount", c.amount())) return;
                    if (!affordable(c.at(), "amount", c.amount(), "the carrying cost")) return;
                    carrying.merge(c.kind(), c.amount(), BigDecimal::add);
                    carryingTotal = carryingTotal.add(c.amount());
                    spent = spent.add(c.amount());
                }
                case Draw d -> outflow(d.at(), d.member(), d.mineral(), d.quantityKg(), d.priceUsdPerKg(), "draw", true);
                case BuyBack b -> outflow(b.at(), b.member(), b.mineral(), b.quantityKg(), b.priceUsdPerKg(), "buy-back", true);
                case Release r -> outflow(r.at(), null, r.mineral(), r.quantityKg(), r.priceUsdPerKg(), "release", false);
                case Correction c -> { } // its replacement, if any, stands in the corrected event's place (see corrected())
                case StockpileEvent.WriteOff w -> outflow(w.at(), null, w.mineral(), w.quantityKg(), ZERO, "write-off", false);
                case Replenishment r -> {
                    MemberAcc mem = member(r.at(), r.member());
                    boolean ok = positive(r.at(), "quantity", r.quantityKg()) && notNegative(r.at(), "price", r.priceUsdPerKg());
                    Mineral m = mineral(r.at(), r.mineral(), true);
                    if (!ok || m == null || mem == null) return;
                    // a replenishment restores what the member drew: its entitlement never exceeds its allocation (reported: 500 kg
                    // "replenished" to a member that had drawn nothing made an entitlement of 600 kg of an allocation of 100)
                    BigDecimal alloc = mem.allocation.getOrDefault(m.id, ZERO), ent = mem.entitlement.getOrDefault(m.id, ZERO);
                    BigDecimal owed = alloc.subtract(ent).max(ZERO);
                    if (r.quantityKg().compareTo(owed) > 0) {
                        problem(r.at(), "quantity", "a replenishment of " + kg(r.quantityKg()) + " of " + m.id + " is larger than what "
                                + r.member() + " has drawn and not had replenished, " + kg(owed) + " (allocation " + kg(alloc)
                                + ", entitlement " + kg(ent) + "); a replenishment restores what a member drew");
                        return;
                    }
                    // at average cost only when something is held (reported: with nothing held it was taken at 0 USD/kg, cost basis $0.00)
                    if (r.priceUsdPerKg() == null && m.held.signum() == 0) {
                        problem(r.at(), "price", "missing, and no " + m.id + " is held to take an average cost from; expected the price paid in USD/kg");
                        return;
                    }
                    BigDecimal price = r.priceUsdPerKg() != null ? r.priceUsdPerKg() : m.average();
                    BigDecimal paid = r.quantityKg().multiply(price).setScale(2, RoundingMode.HALF_UP);
                    if (!affordable(r.at(), "quantity", paid, "paying for the replenishment")) return;
                    m.held = m.held.add(r.quantityKg());
                    m.replenished = m.replenished.add(r.quantityKg());
                    m.cost = m.cost.add(paid);
                    spent = spent.add(paid);
                    mem.entitlement.merge(m.id, r.quantityKg(), BigDecimal::add);
                }
            }
        }

        /**
         * The checks of an event that do not depend on the events before it — a mineral of the regime, positive quantities and
         * amounts, prices not negative — for an event that is not applied (its date is missing or out of order).
         */
        void checkAlone(StockpileEvent e) {
            switch (e) {
                case Funding f -> positive(f.at(), "amount", f.amount());
                case Join j -> {
                    notNegative(j.at(), "entry_fee", j.entryFee());
                    for (Map.Entry<String, BigDecimal> a : j.allocationKg().entrySet()) {
                        if (known != null && !known.contains(a.getKey())) {
                            problem(j.at(), "allocation." + a.getKey(), "'" + a.getKey() + "' is not a mineral of the regime");
                        } else positive(j.at(), "allocation." + a.getKey(), a.getValue());
                    }
                }
                case Acquisition a -> alone(a.at(), a.mineral(), a.quantityKg(), a.priceUsdPerKg());
                case CarryingCost c -> positive(c.at(), "amount", c.amount());
                case Draw d -> alone(d.at(), d.mineral(), d.quantityKg(), d.priceUsdPerKg());
                case BuyBack b -> alone(b.at(), b.mineral(), b.quantityKg(), b.priceUsdPerKg());
                case Release r -> alone(r.at(), r.mineral(), r.quantityKg(), r.priceUsdPerKg());
                case Replenishment r -> alone(r.at(), r.mineral(), r.quantityKg(), r.priceUsdPerKg());
                case Correction c -> { } // its replacement is checked in the corrected event's place
                case StockpileEvent.WriteOff w -> alone(w.at(), w.mineral(), w.quantityKg(), null);
            }
        }

        private void alone(Where at, String mineral, BigDecimal q, BigDecimal price) {
            positive(at, "quantity", q);
            notNegative(at, "price", price);
            mineral(at, mineral, false);
        }

        private boolean fail(Where at, String field, String message) {
            problem(at, field, message);
            return false;
        }

        private MemberAcc member(Where at, String id) {
            if (id == null || id.isBlank()) {
                problem(at, "member", "missing; expected a member that has joined");
                return null;
            }
            MemberAcc m = members.get(id);
            if (m == null) problem(at, "member", "'" + id + "' has not joined the stockpile"
                    + (members.isEmpty() ? "" : "; members: " + String.join(", ", members.keySet())));
            return m;
        }

        private void outflow(Where at, String memberId, String mineralId, BigDecimal q, BigDecimal price, String what, boolean byMember) {
            MemberAcc mem = byMember ? member(at, memberId) : null;
            boolean ok = positive(at, "quantity", q) & notNegative(at, "price", price);
            int before = problems.size();
            Mineral m = mineral(at, mineralId, false);
            if (!ok || problems.size() > before || (byMember && mem == null)) return;
            BigDecimal held = m == null ? ZERO : m.held;
            if (q.compareTo(held) > 0) {
                problem(at, "quantity", "a " + what + " of " + kg(q) + " of " + mineralId + " is larger than the holding, " + kg(held));
                return;
            }
            if (byMember) {
                BigDecimal ent = mem.entitlement.getOrDefault(mineralId, ZERO);
                if (q.compareTo(ent) > 0) {
                    problem(at, "quantity", "a " + what + " of " + kg(q) + " of " + mineralId + " is larger than " + memberId
                            + "'s entitlement, " + kg(ent));
                    return;
                }
                mem.entitlement.put(mineralId, ent.subtract(q));
                mem.drawn.merge(mineralId, q, BigDecimal::add);
            }
            BigDecimal p = price != null ? price : m.average();
            BigDecimal got = q.multiply(p).setScale(2, RoundingMode.HALF_UP);
            BigDecimal removed = m.remove(q);
            m.gain = m.gain.add(got).subtract(removed);
            proceeds = proceeds.add(got);
            switch (what) {
                case "draw" -> m.drawn = m.drawn.add(q);
                case "buy-back" -> m.boughtBack = m.boughtBack.add(q);
                case "write-off" -> m.writtenOff = m.writtenOff.add(q);
                default -> m.released = m.released.add(q);
            }
        }

        Acc copyTotals() {
            Acc c = new Acc(known);
            minerals.forEach((k, v) -> c.minerals.put(k, v.copy()));
            c.order.addAll(order);
            members.forEach((k, v) -> c.members.put(k, v.copy()));
            c.funding.putAll(funding);
            c.carrying.putAll(carrying);
            c.loans.addAll(loans);
            c.drawnFunds = drawnFunds;
            c.spent = spent;
            c.proceeds = proceeds;
            c.carryingTotal = carryingTotal;
            return c;
        }

        Position position(String name, LocalDate asOf, int events) {
            List<Position.Holding> hs = new ArrayList<>();
            for (String id : order) {
                Mineral m = minerals.get(id);
                hs.add(new Position.Holding(id, m.held, m.cost, m.acquired, m.released, m.drawn, m.replenished, m.boughtBack, m.writtenOff, m.gain,
                        List.copyOf(m.forms)));
            }
            List<Position.Member> ms = new ArrayList<>();
            for (MemberAcc m : members.values()) {
                ms.add(new Position.Member(m.id, m.joined, m.fee, frozen(m.allocation), frozen(m.entitlement), frozen(m.drawn)));
            }
            return new Position(name, asOf, events, hs, frozen(funding), drawnFunds, spent, proceeds, left(), frozen(carrying),
                    carryingTotal, List.copyOf(loans), ms);
        }
    }

    private static <K, V> Map<K, V> frozen(Map<K, V> m) {
        return java.util.Collections.unmodifiableMap(m instanceof EnumMap<?, ?> ? new EnumMap<>((EnumMap) m) : new TreeMap<>(m));
    }

    static String usd(BigDecimal v) {
        return lodestone.exposure.Money.usd(v);
    }

    static String kg(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString() + " kg";
    }
}
