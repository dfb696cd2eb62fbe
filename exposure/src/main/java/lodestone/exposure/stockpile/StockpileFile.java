package lodestone.exposure.stockpile;

import lodestone.exposure.stockpile.StockpileEvent.Where;
import lodestone.regime.Problem;
import lodestone.regime.Problems;
import lodestone.regime.io.YNode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stockpile ledger file (docs/stockpile-format.md): a header naming the stockpile and its sources, the
 * comparison targets, and the events in date order. Also reads a list of events alone (JSON or YAML), as
 * the API appends them and as the store gives them back. Every problem is located (file:line: field).
 *
 * @param sources  the public sources the seeded figures come from (id → title and address)
 * @param targets  comparison lines for cover, in days of imports (e.g. Japan 60, Korea 100)
 */
public record StockpileFile(String id, String name, String description, String currency, List<Source> sources,
                            List<Target> targets, List<StockpileEvent> events) {

    public record Source(String id, String title, String url) { }

    public record Target(String label, String country, int days, String source) { }

    /** The bundled ledgers (data/stockpile), by id. */
    public static final List<String> BUNDLED = List.of("project-vault");

    public static StockpileFile bundled(String id) throws StockpileException {
        if (!BUNDLED.contains(id)) {
            throw new StockpileException(List.of(new Problem(id, 0, "", "no bundled stockpile of that name (bundled: "
                    + String.join(", ", BUNDLED) + ")")));
        }
        try (InputStream in = StockpileFile.class.getResourceAsStream("/lodestone/exposure/stockpile/" + id + ".yaml")) {
            if (in == null) throw new IllegalStateException("the bundled stockpile " + id + ".yaml is missing from the jar");
            return parse(id + ".yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A ledger (or a list of events) as read, with the problems found reading it: {@code file} holds the events that read
     * without a problem (an event with one is left out), or is null when the text is not a ledger at all. Deriving the events
     * that read, and reporting their problems with these ({@link StockpileLedger#derive(String, List, LocalDate, Set, List)}),
     * lists every problem at once (reported: "unit: lb" hid the four other problems of the file until it was fixed).
     */
    public record Read(StockpileFile file, List<Problem> problems) { }

    /** Reads a ledger file: the header and its events (not yet derived: see {@link StockpileLedger}); refused on any problem. */
    public static StockpileFile parse(String fileName, String text) throws StockpileException {
        Read r = read(fileName, text);
        if (!r.problems().isEmpty()) throw new StockpileException(r.problems());
        return r.file();
    }

    /** Reads a ledger file, keeping the problems found beside the events that read. */
    public static Read read(String fileName, String text) {
        Problems p = new Problems();
        YNode root = YNode.parse(fileName, text, p);
        if (root == null || !root.requireMap()) return new Read(null, p.sorted());
        root.allowOnly("stockpile", "name", "description", "currency", "sources", "targets", "events");
        String id = root.str("stockpile");
        // the id names the ledger in the API's paths and the store: the form docs/stockpile-format.md gives it, as a project's
        // (a value pasted from Word kept its typographic quotes as part of the id: “small-reserve”)
        if (id != null && !id.matches("[a-z0-9][a-z0-9-]*")) {
            root.problem("stockpile", "'" + id + "' is not an id; expected lower-case letters, digits and hyphens");
        }
        String name = root.optStr("name", id);
        String currency = root.optStr("currency", "USD");
        if (!"USD".equals(currency)) root.problem("currency", "'" + currency + "' is not supported; a ledger is kept in USD");
        List<Source> sources = new ArrayList<>();
        for (YNode s : root.field("sources").items()) {
            if (!s.requireMap()) continue;
            s.allowOnly("id", "title", "url");
            sources.add(new Source(s.str("id"), s.str("title"), s.optStr("url", "")));
        }
        List<Target> targets = new ArrayList<>();
        for (YNode t : root.field("targets").items()) {
            if (!t.requireMap()) continue;
            t.allowOnly("label", "country", "days", "source");
            BigDecimal d = t.decimal("days", true);
            if (d != null && (d.signum() <= 0 || d.stripTrailingZeros().scale() > 0 || d.compareTo(DAYS_MAX) > 0)) {
                // the bound: an int's wrap-around read 1e10 days as 1,410,065,408 and 1e400 as 0, without a word
                t.problem("days", "expected a positive whole number of days, at most " + DAYS_MAX + ", found " + d.toPlainString());
                d = null;
            }
            targets.add(new Target(t.str("label"), t.optStr("country", null), d == null ? 0 : d.intValue(), t.optStr("source", "")));
        }
        List<StockpileEvent> events = readEvents(root.field("events"), p);
        for (lodestone.regime.Problem q : unknownSources(events, sources)) p.add(q);
        return new Read(new StockpileFile(id, name, root.optStr("description", ""), currency, sources, targets, events), p.sorted());
    }

    /**
     * The events whose {@code source_ref} names none of {@code sources}, each a problem at its place: an event cites one of its
     * ledger's sources, and one that names none is said where it is, not dropped or stored unverified — in a ledger file and in
     * events appended to a stored ledger (whose sources are its header's; a ledger started through the API has none).
     */
    public static List<lodestone.regime.Problem> unknownSources(List<StockpileEvent> events, List<Source> sources) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (Source s : sources) if (s.id() != null) ids.add(s.id());
        List<lodestone.regime.Problem> out = new ArrayList<>();
        List<StockpileEvent> cited = new ArrayList<>(events);
        for (StockpileEvent e : events) if (e instanceof StockpileEvent.Correction c && c.replacement() != null) cited.add(c.replacement());
        for (StockpileEvent e : cited) {
            String ref = e.at().sourceRef();
            if (ref != null && !ids.contains(ref)) {
                out.add(new lodestone.regime.Problem(e.at().file(), e.at().line(), e.at().field("source_ref"), "'" + ref
                        + "' is not one of this ledger's sources; " + (ids.isEmpty()
                        ? "this ledger lists none (cite the source in the event's note instead)" : "expected one of " + String.join(", ", ids))));
            }
        }
        return out;
    }

    /** Reads events given as a list, or as a mapping with an {@code events:} list (JSON is YAML); refused on any problem. */
    public static List<StockpileEvent> parseEvents(String fileName, String text) throws StockpileException {
        Read r = readEvents(fileName, text);
        if (!r.problems().isEmpty()) throw new StockpileException(r.problems());
        return r.file().events();
    }

    /**
     * One event of a ledger kept event by event (the server's store): {@code json}, the event numbered {@code number} (from 1)
     * of the ledger {@code ledger}. Its problems, and any the ledger's derivation finds at it, are placed as in the whole
     * ledger — {@code stockpile vault: events[4].quantity} — not at a line of its own one-line text.
     */
    public static StockpileEvent parseStored(String ledger, int number, String json) throws StockpileException {
        Problems p = new Problems();
        String place = "stockpile " + ledger;
        YNode root = YNode.parse(place, json, p);
        StockpileEvent ev = root == null ? null : readEvent(root.placedAt(place, "events[" + (number - 1) + "]"));
        if (ev == null && p.isEmpty()) p.add(place, 0, "events[" + (number - 1) + "]", "does not read as an event");
        if (!p.isEmpty()) throw new StockpileException(p.sorted());
        return ev;
    }

    /**
     * A stored event as {@link #readStored} reads it, and the figures in it that are beyond the bounds a ledger's figures have
     * today — each a problem at its place, as an append of it would now be refused.
     */
    public record StoredEvent(StockpileEvent event, List<Problem> beyondBounds) { }

    /**
     * While {@link #readStored} reads a stored event: where the figures it holds beyond today's bounds are noted; null
     * otherwise (a file, an append: such a figure is a problem). One thread reads one event at a time, and the bound checks
     * are deep in the reading of each event type, so the mode is the thread's for the length of that one read.
     */
    private static final ThreadLocal<List<Problem>> AS_RECORDED = new ThreadLocal<>();

    /**
     * One event of a ledger kept in the server's store, read as {@link #parseStored} reads it except for the bounds of its
     * figures (money in whole cents below 10^15 USD, prices, quantities and rates to six decimals, within their ranges): an
     * event stored by a Lodestone from before those bounds (2026-12-05) was accepted then and is append-only, so it is read
     * as recorded, exactly, and each figure beyond a bound is returned beside it for the reader to say. Refusing it made
     * the whole ledger unreadable after an upgrade — its position, its events, every append, the correction that would mend
     * it included. Any other problem is still refused.
     */
    public static StoredEvent readStored(String ledger, int number, String json) throws StockpileException {
        List<Problem> beyond = new ArrayList<>();
        AS_RECORDED.set(beyond);
        try {
            return new StoredEvent(parseStored(ledger, number, json), List.copyOf(beyond));
        } finally {
            AS_RECORDED.remove();
        }
    }

    /**
     * A figure of {@code e} at {@code key} beyond a bound: noted and read as recorded when a stored event is being read
     * ({@link #readStored}: true), a problem at the key otherwise (false).
     */
    private static boolean asRecorded(YNode e, String key, String message) {
        List<Problem> beyond = AS_RECORDED.get();
        if (beyond == null) {
            e.problem(key, message);
            return false;
        }
        beyond.add(new Problem(e.file(), e.field(key).line(), e.path().isEmpty() ? key : e.path() + "." + key, message));
        return true;
    }

    /** Reads events as {@link #parseEvents} does, keeping the problems beside the events that read (in a bare ledger). */
    public static Read readEvents(String fileName, String text) {
        Problems p = new Problems();
        YNode root = YNode.parse(fileName, text, p);
        if (root == null) return new Read(null, p.sorted());
        YNode list = root.isMap() ? root.field("events") : root;
        if (root.isMap()) root.allowOnly("events");
        if (list.isMissing()) list.problem("missing; expected a list of events");
        List<StockpileEvent> events = readEvents(list, p);
        return new Read(new StockpileFile(fileName, fileName, "", "USD", List.of(), List.of(), events), p.sorted());
    }

    /** The events of {@code list} that read without a problem; an event with one is reported and left out. */
    static List<StockpileEvent> readEvents(YNode list, Problems p) {
        List<StockpileEvent> out = new ArrayList<>();
        for (YNode e : list.items()) {
            int before = p.size();
            StockpileEvent ev = readEvent(e);
            if (ev != null && p.size() == before) out.add(ev);
        }
        return out;
    }

    private static final String[] COMMON = {"date", "type", "note", "source_ref"};

    private static String[] keys(String... more) {
        String[] all = java.util.Arrays.copyOf(COMMON, COMMON.length + more.length);
        System.arraycopy(more, 0, all, COMMON.length, more.length);
        return all;
    }

    /** One event, or null (with its problems reported). */
    public static StockpileEvent readEvent(YNode e) {
        if (!e.requireMap()) return null;
        String ref = e.optStr("source_ref", null);
        Where at = new Where(e.file(), e.line(), e.path(), ref == null || ref.isBlank() ? null : ref.strip()); // blank: none cited
        LocalDate date = e.date("date", true);
        String type = e.str("type");
        if (type == null) return null;
        String note = e.optStr("note", null);
        switch (type) {
            case "funding" -> {
                e.allowOnly(keys("source", "party", "amount", "rate_percent", "term_years"));
                StockpileEvent.Source s = e.enumValue("source", StockpileEvent.Source.class, null);
                BigDecimal term = e.decimal("term_years", false);
                if (term != null && (term.signum() <= 0 || term.stripTrailingZeros().scale() > 0 || term.compareTo(TERM_MAX) > 0)) {
                    e.problem("term_years", "expected a whole number of years from 1 to " + TERM_MAX + ", found " + term.toPlainString());
                    term = null;
                }
                return new StockpileEvent.Funding(date, s, e.optStr("party", ""), money(e, "amount", true), bounded(e, "rate_percent", false, PERCENT_MAX, 6, "percent"),
                        term == null ? null : term.intValue(), note, at);
            }
            case "join" -> {
                e.allowOnly(keys("member", "entry_fee", "allocation"));
                Map<String, BigDecimal> alloc = new LinkedHashMap<>();
                YNode a = e.field("allocation");
                if (!a.isMissing() && a.requireMap()) {
                    for (String k : a.keys()) {
                        BigDecimal q = bounded(a, k, true, KG_MAX, 6, "kg");
                        if (q != null) alloc.put(k, q);
                    }
                }
                return new StockpileEvent.Join(date, e.str("member"), money(e, "entry_fee", false), alloc, note, at);
            }
            case "acquisition" -> {
                e.allowOnly(keys("mineral", "form", "quantity", "unit", "price", "counterparty", "illustrative"));
                return new StockpileEvent.Acquisition(date, e.str("mineral"), e.optStr("form", null), kg(e), price(e, true),
                        e.optStr("counterparty", ""), e.bool("illustrative", false), note, at);
            }
            case "carrying-cost" -> {
                e.allowOnly(keys("kind", "amount"));
                return new StockpileEvent.CarryingCost(date, e.enumValue("kind", StockpileEvent.CarryingKind.class, null),
                        money(e, "amount", true), note, at);
            }
            case "draw", "replenishment", "buy-back" -> {
                e.allowOnly(keys("member", "mineral", "quantity", "unit", "price"));
                String member = e.str("member");
                String mineral = e.str("mineral");
                BigDecimal q = kg(e);
                BigDecimal price = price(e, type.equals("buy-back"));
                return switch (type) {
                    case "draw" -> new StockpileEvent.Draw(date, member, mineral, q, price, note, at);
                    case "replenishment" -> new StockpileEvent.Replenishment(date, member, mineral, q, price, note, at);
                    default -> new StockpileEvent.BuyBack(date, member, mineral, q, price, note, at);
                };
            }
            case "release" -> {
                e.allowOnly(keys("mineral", "quantity", "unit", "price", "counterparty"));
                return new StockpileEvent.Release(date, e.str("mineral"), kg(e), price(e, true), e.optStr("counterparty", ""), note, at);
            }
            case "write-off" -> {
                e.allowOnly(keys("mineral", "quantity", "unit", "reason"));
                String reason = e.optStr("reason", null);
                if (reason == null || reason.isBlank()) {
                    e.problem("reason", (reason == null ? "missing" : "empty") + "; expected why the material is written off (lost, "
                            + "damaged, below specification)");
                }
                return new StockpileEvent.WriteOff(date, e.str("mineral"), kg(e), reason, note, at);
            }
            case "correction" -> {
                e.allowOnly(keys("corrects", "replacement"));
                BigDecimal n = e.decimal("corrects", false);
                Integer corrects = null;
                if (n == null && e.field("corrects").isMissing()) {
                    e.problem("corrects", "missing; expected the number of the event to correct (#1 is the ledger's first event, as the "
                            + "events are listed)");
                } else if (n != null) {
                    if (n.signum() <= 0 || n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                        e.problem("corrects", n.toString() + " is not an event's number; expected the number of the event to correct "
                                + "(a whole number from 1: #1 is the ledger's first event, as the events are listed)");
                    } else corrects = n.intValueExact();
                }
                YNode r = e.field("replacement");
                StockpileEvent replacement = null;
                if (e.keys().contains("replacement") && r.isMissing()) { // "replacement: null" struck the event out without a word
                    r.problem("empty; expected the event as it should have been recorded, or no replacement key to strike the event out");
                    return null;
                }
                if (!r.isMissing() && r.requireMap()) {
                    if ("correction".equals(r.optStr("type", null))) {
                        r.problem("type", "a replacement is the event as it should have been recorded, not a correction; expected funding, "
                                + "join, acquisition, carrying-cost, draw, replenishment, release, buy-back or write-off");
                        return null;
                    }
                    replacement = readEvent(r);
                }
                return new StockpileEvent.Correction(date, corrects, replacement, note, at);
            }
            default -> {
                e.problem("type", "'" + type + "' is not an event type; expected funding, join, acquisition, carrying-cost, draw, "
                        + "replenishment, release, buy-back, write-off or correction");
                return null;
            }
        }
    }

    // the bounds of a ledger's figures (reported: a funding of 1e300 was stored for good in the append-only ledger, and one of
    // $100.005 with a $0.004 carrying cost printed a position that did not add up): money in whole cents below 10^15 USD, as
    // the bulk format's amounts; prices, quantities and rates to six decimals within what a stockpile can hold
    static final BigDecimal MONEY_MAX = new BigDecimal("1000000000000000");
    static final BigDecimal PRICE_MAX = new BigDecimal("1000000000");
    static final BigDecimal KG_MAX = new BigDecimal("1000000000000");
    static final BigDecimal PERCENT_MAX = new BigDecimal("1000");
    /** A comparison target's days of imports: at most ten years. */
    static final BigDecimal DAYS_MAX = new BigDecimal("3660");
    /** A loan's term: at most a century. */
    static final BigDecimal TERM_MAX = new BigDecimal("100");

    /** An amount of money at {@code key}: whole cents, below 10^15 USD; a problem at the key otherwise. */
    private static BigDecimal money(YNode e, String key, boolean required) {
        BigDecimal v = e.decimal(key, required);
        if (v == null) return null;
        if (v.abs().compareTo(MONEY_MAX) >= 0) {
            return asRecorded(e, key, v.toString() + " is out of range; an amount is below 1,000,000,000,000,000 USD") ? v : null;
        }
        if (v.stripTrailingZeros().scale() > 2) {
            return asRecorded(e, key, v.toPlainString() + " has a fraction of a cent; a ledger keeps whole cents (e.g. "
                    + v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + ")") ? v : null;
        }
        return v;
    }

    /** A price in USD per kg at {@code key}: below 10^9, to six decimals. */
    private static BigDecimal price(YNode e, boolean required) {
        return bounded(e, "price", required, PRICE_MAX, 6, "USD/kg");
    }

    /** A number at {@code key} below {@code max} in magnitude with at most {@code decimals} decimals; a problem at the key otherwise. */
    private static BigDecimal bounded(YNode e, String key, boolean required, BigDecimal max, int decimals, String unit) {
        BigDecimal v = e.decimal(key, required);
        if (v == null) return null;
        if (v.abs().compareTo(max) >= 0) {
            return asRecorded(e, key, v.toString() + " is out of range; expected less than "
                    + String.format(java.util.Locale.ROOT, "%,d", max.longValueExact()) + " " + unit) ? v : null;
        }
        if (v.stripTrailingZeros().scale() > decimals) {
            return asRecorded(e, key, v.toPlainString() + " has more than " + decimals + " decimals") ? v : null;
        }
        return v;
    }

    /** The quantity in kg: {@code unit} kg (default) or t. */
    private static BigDecimal kg(YNode e) {
        BigDecimal q = bounded(e, "quantity", true, KG_MAX, 6, "kg");
        String unit = e.optStr("unit", "kg");
        return switch (unit) {
            case "kg" -> q;
            case "t" -> q == null ? null : q.multiply(BigDecimal.valueOf(1000));
            default -> {
                e.problem("unit", "'" + unit + "' is not a unit of a ledger quantity; expected kg or t");
                yield q;
            }
        };
    }
}
