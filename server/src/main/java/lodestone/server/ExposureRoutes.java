package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.border.Assessor;
import lodestone.exposure.company.CaseSpec;
import lodestone.exposure.company.Company;
import lodestone.exposure.company.CompanyFile;
import lodestone.exposure.company.Exposure;
import lodestone.exposure.company.ExposureJson;
import lodestone.exposure.company.ExposureReport;
import lodestone.exposure.stockpile.CoordinatedRelease;
import lodestone.exposure.stockpile.Cover;
import lodestone.exposure.stockpile.Markets;
import lodestone.exposure.stockpile.Position;
import lodestone.exposure.stockpile.StockpileEvent;
import lodestone.exposure.stockpile.StockpileException;
import lodestone.exposure.stockpile.StockpileFile;
import lodestone.exposure.stockpile.StockpileJson;
import lodestone.exposure.stockpile.StockpileLedger;
import lodestone.market.ScenarioException;
import lodestone.regime.Problem;
import lodestone.regime.Regime;
import lodestone.regime.mineral.Mineral;
import lodestone.store.StockpileEvents;
import lodestone.store.Store;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static lodestone.regime.view.RegimeViews.ordered;
import static lodestone.server.Route.Access.ADMIN;
import static lodestone.server.Route.Access.ANALYST;
import static lodestone.server.Route.Param.path;
import static lodestone.server.Route.Param.query;

/**
 * The stockpile and exposure routes (issue 16), added to {@link Api}'s route table so the router and the
 * OpenAPI description follow. A stockpile is read from the store when it has events there, else from the
 * bundled ledgers; the first append to a bundled stockpile writes its bundled events first, in the same
 * transaction, so the stored ledger continues it. Every append is checked by the ledger engine against
 * all the events before it, and refused whole (400, every problem located) or written whole.
 */
final class ExposureRoutes {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final long MAX_COMPANY_BYTES = 8L << 20;

    private final Store store;
    private final Engines engines;
    private final Map<String, Markets> markets = new ConcurrentHashMap<>();

    ExposureRoutes(Store store, Engines engines) {
        this.store = store;
        this.engines = engines;
    }

    List<Route> routes() {
        String json = "application/json";
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/api/stockpiles", ANALYST, "The stockpile ledgers: bundled (project-vault) and those kept in the store.",
                List.of(), null, json, c -> list()));
        r.add(new Route("GET", "/api/stockpiles/{name}", ANALYST, "A stockpile's position derived from its events: holdings, cost basis, "
                + "funding, loans, members' entitlements; with its sources and comparison targets.",
                List.of(path("name", "the stockpile (e.g. project-vault)"), query("as_of", "string", "YYYY-MM-DD: the position after the events up to this date")),
                null, json, this::show));
        r.add(new Route("GET", "/api/stockpiles/{name}/events", ANALYST, "A stockpile's events in order (docs/stockpile-format.md), each with "
                + "who recorded it and when (recorded_by, recorded_at; the bundled ledger's own events: recorded_by \"bundled ledger\").",
                List.of(path("name", "the stockpile"), query("limit", "integer", "how many, in the ledger's order (default 1000, at most 1000)"),
                        Pages.param()), null, json, this::events));
        r.add(new Route("POST", "/api/stockpiles/{name}/events", ADMIN, "Append events to a stockpile's ledger, or start a new ledger "
                + "(administrators: a ledger is shared by every user and append-only): checked with every event before "
                + "them and written all together, or refused with every problem located (a release larger than the holding, a negative quantity…).",
                List.of(path("name", "the stockpile (lower-case letters, digits, hyphens)")),
                new Route.Body("application/json", "{\"events\": [...], \"expected_events\": n (optional: refuse if the ledger has changed)}"), json,
                this::append).withStatus(201).withLocation("/api/stockpiles/{name}"));
        r.add(new Route("GET", "/api/stockpiles/{name}/cover", ANALYST, "Months of import cover per mineral against the baseline market's imports "
                + "and under a disruption; the date each holding runs out; comparison targets (days of imports).",
                List.of(path("name", "the stockpile"), query("region", "string", "whose imports (default US)"),
                        query("disruption", "string", "a bundled market scenario, e.g. gallium-ban"), query("months", "integer", "the disruption's length (default 13)"),
                        query("start", "string", "YYYY-MM-DD (default: the position's date)"), query("as_of", "string", "YYYY-MM-DD")),
                null, json, this::cover));
        r.add(new Route("POST", "/api/stockpiles/{name}/cover", ANALYST, "Import cover as GET /api/stockpiles/{name}/cover answers it, its "
                + "parameters in the body: there a disruption of your own is sent as its text (disruption_text, named by disruption), "
                + "as lodestone stockpile cover --disruption FILE reads a file.",
                List.of(path("name", "the stockpile")),
                new Route.Body("application/json", "{\"disruption\", \"disruption_text\", \"months\", \"start\", \"region\", \"as_of\"}: no other key"),
                json, this::coverPosted));
        r.add(new Route("POST", "/api/stockpiles/{name}/release", ANALYST, "A coordinated release in a disruption: shares by rule (imports, holdings "
                + "or contributions), the monthly path, prices without and with the release (the market engine's stockpile instrument), its cost.",
                List.of(path("name", "the stockpile")),
                new Route.Body("application/json", "{\"mineral\", \"disruption\", \"months\", \"start\", \"rule\", \"total_kg\", \"country\", "
                        + "\"allies\": {\"JP\": 60}, \"as_of\"}: no other key; months and allies' days whole numbers"),
                json, this::release));
        // a ledger file of one's own (as the command line's --file): its text in the body, derived for the request, never stored
        r.add(new Route("POST", "/api/stockpile-files", ANALYST, "A ledger file of your own (docs/stockpile-format.md; as lodestone stockpile show "
                + "--file): its position derived from its events, with its sources, targets and events — or every problem at its line and "
                + "field (400 invalid_ledger). Nothing is stored (to keep a shared ledger: POST /api/stockpiles/{name}/events, administrators).",
                List.of(query("as_of", "string", "YYYY-MM-DD: the position after the events up to this date")),
                new Route.Body("application/json", "{\"file\": {\"name\": \"my-ledger.yaml\", \"text\": \"stockpile: …\"}}"), json, this::fileShow));
        r.add(new Route("POST", "/api/stockpile-files/cover", ANALYST, "Months of import cover for a ledger file of your own (as lodestone stockpile "
                + "cover --file): the query of GET /api/stockpiles/{name}/cover, the file in the body, and beside it a disruption of your "
                + "own as its text (disruption_text, named by the body's disruption) in place of the query's disruption.",
                List.of(query("region", "string", "whose imports (default US)"), query("disruption", "string", "a bundled market scenario, e.g. gallium-ban"),
                        query("months", "integer", "the disruption's length (default 13)"), query("start", "string", "YYYY-MM-DD (default: the position's date)"),
                        query("as_of", "string", "YYYY-MM-DD")),
                new Route.Body("application/json", "{\"file\": {\"name\", \"text\"}, \"disruption_text\" (optional: a disruption of your own), "
                        + "\"disruption\" (its name)}"), json, this::fileCover));
        r.add(new Route("POST", "/api/stockpile-files/release", ANALYST, "A coordinated release from a ledger file of your own (as lodestone stockpile "
                + "release --file): the body of POST /api/stockpiles/{name}/release with the file beside its keys.", List.of(),
                new Route.Body("application/json", "{\"file\": {\"name\", \"text\"}, \"mineral\", \"disruption\", \"months\", …}"), json, this::fileRelease));
        r.add(new Route("POST", "/api/exposure", ANALYST, "A company's exposure (docs/exposure-format.md): each sourcing line assessed today and under "
                + "scenarios with its contract terms, cost per product and in total, alternatives ranked by saving (as lodestone exposure --json).",
                List.of(query("date", "string", "YYYY-MM-DD (default: the file's date)"),
                        query("scenario", "strings", "repeatable: a market scenario name (bundled, or of a JSON body's markets) or market=…,regime=…,date=…,from=…,label=…"),
                        query("alternatives", "boolean", "default true"), query("name", "string", "the file's name, for messages")),
                new Route.Body("application/yaml", "the company file (YAML); or, as application/json, the company file with market scenarios "
                        + "of your own: {\"file\": {\"name\", \"text\"}, \"markets\": [{\"name\", \"text\"}]}"), json, this::exposure));
        r.add(new Route("POST", "/api/exposure/years", ANALYST, "A company's exposure year by year (docs/exposure-format.md, \"Year by year\"): per "
                + "calendar or fiscal year and scenario each line's cost, its cheapest alternative origin and the total, market prices from the market engine's path of years (as lodestone "
                + "exposure --years --json).",
                List.of(query("years", "string", "FIRST-LAST calendar years, e.g. 2027-2030, or fiscal years with fiscal_start, e.g. FY2028-FY2030 "
                                + "(required; at most 30)"),
                        query("fiscal_start", "string", "the month fiscal years start in: 1-12 or its name (10, october); a fiscal year is named by the "
                                + "calendar year it ends in (FY2028 = 2027-10 to 2028-09); default: calendar years"),
                        query("alternatives", "boolean", "each line-year's cheapest alternative origin; default true"),
                        query("date", "string", "YYYY-MM-DD: the date of the file's prices (default: the file's date)"),
                        query("scenario", "strings", "repeatable: a market scenario with a path of years (horizon:), bundled or of a JSON body's markets, "
                                + "or market=…,regime=…,label=…"),
                        query("name", "string", "the file's name, for messages")),
                new Route.Body("application/yaml", "the company file (YAML); or, as application/json, the company file with market scenarios "
                        + "of your own: {\"file\": {\"name\", \"text\"}, \"markets\": [{\"name\", \"text\"}]}"), json, this::years));
        r.add(new Route("POST", "/api/exposure/report", ANALYST, "The exposure report to download: printable HTML or CSV (the same figures as POST /api/exposure).",
                List.of(query("format", "string", "html (default) or csv"), query("date", "string", "YYYY-MM-DD"),
                        query("years", "string", "FIRST-LAST: the year-by-year report (as POST /api/exposure/years)"),
                        query("fiscal_start", "string", "with years: the month fiscal years start in (as POST /api/exposure/years)"),
                        query("scenario", "strings", "repeatable"), query("name", "string", "the file's name")),
                new Route.Body("application/yaml", "the company file (YAML), or the JSON of POST /api/exposure"), "text/html", this::report));
        return r;
    }

    // ------------------------------------------------------------------ stockpiles

    private Set<String> minerals(Regime r) {
        return r.minerals().minerals().stream().map(Mineral::id).collect(Collectors.toSet());
    }

    private Markets markets() {
        String spec = engines.activeSpec();
        return markets.computeIfAbsent(spec, s -> new Markets(engines.regime(s)));
    }

    private Object list() {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, StockpileEvents.Summary> stored = new LinkedHashMap<>();
        for (StockpileEvents.Summary s : store.stockpiles().list()) stored.put(s.stockpile(), s);
        for (String b : StockpileFile.BUNDLED) {
            StockpileEvents.Summary s = stored.remove(b);
            out.add(ordered("name", b, "bundled", true, "in_store", s != null, "events", s == null ? bundled(b).events().size() : s.events()));
        }
        for (StockpileEvents.Summary s : stored.values()) {
            out.add(ordered("name", s.stockpile(), "bundled", false, "in_store", true, "events", s.events(), "first", s.first().toString(),
                    "last", s.last().toString()));
        }
        return ordered("stockpiles", out);
    }

    private static StockpileFile bundled(String name) {
        try {
            return StockpileFile.bundled(name);
        } catch (StockpileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * A ledger: its header (bundled, or a bare one), its events (the store's when it has any) and, for the stored ones,
     * the rows they were read from (who recorded each, when), in the same order.
     */
    /**
     * A stockpile's ledger as read: its header, its events (stored ones first), how many are stored, their rows, and the figures
     * of stored events beyond the bounds a ledger's figures have today (recorded by an earlier Lodestone, read as recorded:
     * {@link StockpileFile#readStored}).
     */
    private record Ledger(StockpileFile header, List<StockpileEvent> events, int stored, List<StockpileEvents.Stored> rows,
                          List<Problem> beyondBounds) {
        Ledger(StockpileFile header, List<StockpileEvent> events, int stored) {
            this(header, events, stored, List.of(), List.of());
        }
    }

    /** Who a bundled ledger's own events are recorded by, in the store and in GET …/events. */
    static final String BUNDLED_ACTOR = "bundled ledger";

    private Ledger ledger(String name) {
        if (!NAME.matcher(name).matches()) throw ApiError.badRequest("name", "name: \"" + name + "\" is not a stockpile name; expected lower-case letters, digits and hyphens");
        List<StockpileEvents.Stored> rows = store.stockpiles().load(name);
        StockpileFile header = StockpileFile.BUNDLED.contains(name) ? bundled(name) : null;
        if (rows.isEmpty()) {
            if (header == null) throw ApiError.notFound("name", "no stockpile " + name + " (bundled: " + String.join(", ", StockpileFile.BUNDLED) + ")");
            return new Ledger(header, header.events(), 0);
        }
        List<StockpileEvent> events = new ArrayList<>();
        List<Problem> beyondBounds = new ArrayList<>();
        for (StockpileEvents.Stored s : rows) {
            try {
                StockpileFile.StoredEvent read = StockpileFile.readStored(name, s.seq(), s.payloadJson());
                events.add(read.event());
                beyondBounds.addAll(read.beyondBounds());
            } catch (StockpileException e) {
                throw new IllegalStateException("the stored event " + s.seq() + " of " + name + " does not read back: " + e.getMessage(), e);
            }
        }
        if (header == null) header = new StockpileFile(name, name, "", "USD", List.of(), List.of(), List.of());
        return new Ledger(header, events, rows.size(), rows, beyondBounds);
    }

    /** The field of a stored event's figure: "events[K].amount", K from 0 (the event numbered K + 1). */
    private static final Pattern EVENT_FIELD = Pattern.compile("events\\[(\\d+)].*");

    /**
     * What is said of the stored events' figures beyond today's bounds (GET of a ledger and of its events), each at its field:
     * the event is counted as it was recorded, exactly, and a correction replaces it. An event a correction has struck out
     * or replaced is not said again.
     */
    private static List<Map<String, Object>> recordedBeyondBounds(Ledger l) {
        Map<Integer, Integer> corrected = lodestone.exposure.stockpile.StockpileLedger.correctedBy(l.events());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Problem b : l.beyondBounds()) {
            java.util.regex.Matcher m = EVENT_FIELD.matcher(b.field());
            int number = m.matches() ? Integer.parseInt(m.group(1)) + 1 : 0;
            if (corrected.containsKey(number)) continue;
            String recorded = number >= 1 && number <= l.rows().size() ? " on " + l.rows().get(number - 1).at().atZone(java.time.ZoneOffset.UTC).toLocalDate() : "";
            out.add(ordered("field", b.field(), "message", b.field() + ": " + b.message() + " — event " + number + " was recorded" + recorded
                    + " by a Lodestone from before a ledger's figures were bounded, and is counted as recorded, exactly; an"
                    + " administrator's correction of event " + number + " (\"corrects\": " + number + ", with its replacement) mends it"));
        }
        return out;
    }

    private Position position(Ledger l, LocalDate asOf) {
        try {
            return StockpileLedger.derive(l.header().id(), l.events(), asOf, minerals(engines.regime()));
        } catch (StockpileException e) {
            throw refused(e);
        }
    }

    private static ApiError refused(StockpileException e) {
        return ApiError.fileProblems("invalid_ledger", "; nothing was written", e.problems().get(0).field(), e.problems());
    }

    private Map<String, Object> header(Ledger l) {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (StockpileFile.Source s : l.header().sources()) sources.add(ordered("id", s.id(), "title", s.title(), "url", s.url()));
        List<Map<String, Object>> targets = new ArrayList<>();
        for (StockpileFile.Target t : l.header().targets()) targets.add(ordered("label", t.label(), "country", t.country(), "days", t.days(), "source", t.source()));
        return ordered("name", l.header().name(), "description", l.header().description(), "sources", sources, "targets", targets,
                "stored_events", l.stored());
    }

    private Object show(Call c) {
        Ledger l = ledger(c.path("name"));
        Map<String, Object> out = new LinkedHashMap<>(header(l));
        out.put("position", StockpileJson.position(position(l, c.date("as_of", null))));
        out.put("warnings", recordedBeyondBounds(l));
        return out;
    }

    private Object events(Call c) {
        Ledger l = ledger(c.path("name"));
        // in pages as the other lists (limit, cursor, Next-Cursor), in the ledger's order: a page starts after the number of
        // the previous page's last event. The whole ledger is read for each page, since a correction names the event it strikes.
        int limit = c.intQuery("limit", 1000, 1, 1000);
        String list = Pages.eventsList(c.path("name"));
        Pages.Position after = Pages.read(c, list);
        List<Map<String, Object>> ev = new ArrayList<>();
        List<Map<String, Object>> listed = StockpileJson.events(l.events(), l.events().size());
        int from = after == null ? 0 : (int) Math.min(after.id(), l.events().size());
        int to = Math.min(from + limit, l.events().size());
        if (to < l.events().size()) Pages.next(c, Pages.cursor(list, java.time.Instant.EPOCH, to, null));
        for (int i = from; i < to; i++) {
            Map<String, Object> m = listed.get(i);
            if (i < l.rows().size()) {
                StockpileEvents.Stored row = l.rows().get(i);
                m.put("recorded_by", row.actor());
                m.put("recorded_at", row.at().toString());
            } else {
                m.put("recorded_by", BUNDLED_ACTOR);
            }
            ev.add(m);
        }
        return ordered("stockpile", c.path("name"), "events", ev, "warnings", recordedBeyondBounds(l));
    }

    private Object append(Call c) {
        String name = c.path("name");
        if (!NAME.matcher(name).matches()) throw ApiError.badRequest("name", "name: \"" + name + "\" is not a stockpile name; expected lower-case letters, digits and hyphens");
        JsonNode body = c.jsonBody();
        Call.onlyKeys(body, List.of("events", "expected_events"));
        JsonNode evs = body.get("events");
        if (evs == null || !evs.isArray() || evs.isEmpty()) throw ApiError.badRequest("events", "events: missing or empty; expected a list of events");
        StockpileFile.Read read = StockpileFile.readEvents("request", "{\"events\": " + evs + "}");
        if (read.file() == null) throw refused(new StockpileException(read.problems()));
        List<StockpileEvent> added = read.file().events();
        Ledger l;
        try {
            l = ledger(name);
        } catch (ApiError e) {
            if (e.status() != 404) throw e;
            l = new Ledger(new StockpileFile(name, name, "", "USD", List.of(), List.of(), List.of()), List.of(), 0);
        }
        JsonNode expected = body.get("expected_events");
        // a whole count read strictly (reported: 1.7 was read as 1 and the append written; "1" answered a conflict)
        if (expected != null && !expected.isNull() && !(expected.isIntegralNumber() && expected.canConvertToInt() && expected.asInt() >= 0)) {
            throw ApiError.badRequest("expected_events", "expected_events: " + expected + " is not a count of events; expected a whole number "
                    + "of events, 0 or more (the number the ledger had when you read it)");
        }
        if (expected != null && !expected.isNull() && expected.asInt() != l.events().size()) {
            throw new ApiError(409, "conflict", "the stockpile " + name + " has " + l.events().size() + " events, not " + expected, "expected_events");
        }
        Position p;
        try { // every problem at once: those of reading the events (left out) and those of the ledger with the rest
            List<StockpileEvent> all = new ArrayList<>(l.events());
            all.addAll(added);
            // an appended event cites one of the stored ledger's sources, as one in a ledger file does (reported: 'S9' was stored)
            List<lodestone.regime.Problem> problems = new ArrayList<>(read.problems());
            problems.addAll(StockpileFile.unknownSources(added, l.header().sources()));
            p = StockpileLedger.derive(name, all, null, minerals(engines.regime()), problems);
        } catch (StockpileException e) {
            throw refused(new StockpileException(causedByCorrections(e.problems(), l, added)));
        }
        List<StockpileEvents.NewEvent> rows = new ArrayList<>();
        // a bundled ledger's first append carries its events, recorded as the bundled ledger's (not as the appender's)
        if (l.stored() == 0) for (StockpileEvent e : l.events()) rows.add(row(e, BUNDLED_ACTOR));
        for (StockpileEvent e : added) rows.add(row(e, null));
        try {
            store.stockpiles().append(name, l.stored(), c.actor(), rows);
        } catch (StockpileEvents.Conflict e) {
            throw new ApiError(409, "conflict", e.getMessage(), "expected_events");
        }
        // an event dated after today is written as dated, and said at its date (reported: a year's typo moved the position on
        // a year without a word); the ledger is append-only, so this is the moment to see it
        java.time.Instant now = java.time.Instant.now();
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (int i = 0; i < added.size(); i++) {
            String field = "events[" + i + "].date";
            String ahead = datedAhead(field, added.get(i).date(), now, p.asOf());
            if (ahead != null) warnings.add(ordered("field", field, "message", ahead));
        }
        // a price far from its mineral's market (per tonne keyed as per kg): recorded as given, said at its field
        // of the ledger as corrected: what the appended events bring, their corrections' replacements in earlier places too
        List<StockpileEvent> whole = new ArrayList<>(l.events());
        whole.addAll(added);
        for (Problem w : lodestone.exposure.stockpile.PriceCheck.farFromMarket(whole, l.events().size(), markets())) {
            warnings.add(ordered("field", w.field(), "message", w.field() + ": " + w.message()));
        }
        return ordered("stockpile", name, "appended", added.size(), "position", StockpileJson.position(p), "warnings", warnings);
    }

    /** The field of an event of a ledger's own events: "events[K]…", K from 0, in a ledger file and in the store alike. */
    private static final Pattern LEDGER_FIELD = Pattern.compile("events\\[(\\d+)](.*)");

    /**
     * The problems of an append, each at a field of the request. Events appended after the ledger cannot make an event
     * before them impossible; a correction can (it strikes out or replaces an event in an earlier place, and a later stored
     * release, draw or write-off may then exceed the holding). Such a problem is found at the stored event
     * ("stockpile NAME: events[2].quantity"), no field of the request: it is said at the appended correction that strikes out
     * or replaces the latest event before it, naming the stored event by its number as the events are listed.
     */
    private static List<Problem> causedByCorrections(List<Problem> problems, Ledger l, List<StockpileEvent> added) {
        List<Problem> out = new ArrayList<>();
        for (Problem p : problems) {
            int number = -1;
            String rest = null;
            java.util.regex.Matcher m = LEDGER_FIELD.matcher(p.field());
            if (!"request".equals(p.file()) && m.matches()) { // the ledger's own events (stored, or a bundled file's), in order
                try {
                    number = Integer.parseInt(m.group(1)) + 1;
                } catch (NumberFormatException e) {
                    number = -1;
                }
                rest = m.group(2);
            }
            int cause = -1;
            if (number > 0) {
                for (int i = 0; i < added.size(); i++) {
                    if (added.get(i) instanceof StockpileEvent.Correction c && c.corrects() != null && c.corrects() < number
                            && (cause < 0 || c.corrects() >= ((StockpileEvent.Correction) added.get(cause)).corrects())) {
                        cause = i;
                    }
                }
            }
            if (cause < 0) { // not a stored event's, or nothing appended reaches before it (the ledger as stored): as it was
                out.add(p);
                continue;
            }
            StockpileEvent.Correction c = (StockpileEvent.Correction) added.get(cause);
            String at = "events[" + cause + "].corrects";
            out.add(new Problem("request", c.at().line(), at, "with #" + c.corrects() + (c.replacement() == null ? " struck out" : " replaced")
                    + ", the ledger's event #" + number + " cannot stand: #" + number + rest + ": " + p.message() + "; correct #" + number
                    + " as well in the same request, or correct #" + c.corrects() + " otherwise"));
        }
        return out;
    }

    private static StockpileEvents.NewEvent row(StockpileEvent e, String actor) {
        return new StockpileEvents.NewEvent(e.date(), StockpileJson.event(e).get("type").toString(), StockpileJson.eventText(e), actor);
    }

    private Object cover(Call c) {
        Ledger l = ledger(c.path("name"));
        return cover(c, c.path("name"), l, position(l, c.date("as_of", null)));
    }

    /** Where a day begins first (Kiribati's Line Islands): no place has reached a date later than this one's. */
    static final java.time.ZoneOffset DAY_BEGINS_FIRST = java.time.ZoneOffset.ofHours(14);

    /**
     * The warning of an appended event dated after today at {@code now} — after the date where the day begins first, UTC+14,
     * so that a date no one has lived yet (a year's typo) is said, and today's event of an administrator ahead of UTC (Sydney
     * before 11:00, Auckland before 13:00) is not; null when it is not ahead. Both dates are named: today in UTC, the
     * server's today (docs/api.md, "Dates"), and where the day begins first.
     */
    static String datedAhead(String field, LocalDate d, java.time.Instant now, LocalDate asOf) {
        LocalDate first = LocalDate.ofInstant(now, DAY_BEGINS_FIRST);
        if (d == null || !d.isAfter(first)) return null;
        LocalDate utc = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        return field + ": " + d + " is after today, " + utc + " in UTC and " + (first.equals(utc) ? "" : first + " ")
                + "where the day begins first (UTC+14): recorded as dated, and the ledger's position is now as of " + asOf
                + "; a ledger records what has happened, and an appended event stays";
    }

    /** The cover of a named ledger or a file's with the query's parameters (GET …/cover, POST /api/stockpile-files/cover). */
    private Object cover(Call c, String label, Ledger l, Position p) {
        return cover(c, label, l, p, c.query("disruption"), null);
    }

    /**
     * The cover with the query's months, region and start, under {@code disruption}: a bundled scenario's name, or with
     * {@code disruptionText} (a disruption of one's own, from the body) that text's name.
     */
    private Object cover(Call c, String label, Ledger l, Position p, String disruption, String disruptionText) {
        int months = c.intQuery("months", 13, 1, Cover.MAX_MONTHS);
        if (c.query("months") != null && disruption == null && disruptionText == null) {
            throw ApiError.badRequest("months", "months: the length of a disruption; give disruption too (or leave months out)");
        }
        LocalDate start = c.date("start", p.asOf() == null ? Call.today() : p.asOf());
        return cover(label, l, p, c.query("region"), disruption, disruptionText, months, start);
    }

    private Object cover(String label, Ledger l, Position p, String regionAsked, String disruption, String disruptionText, int months, LocalDate start) {
        String region = regionAsked == null ? "US" : regionAsked.toUpperCase(java.util.Locale.ROOT);
        Markets m = markets();
        if (disruptionText != null) {
            disruption = FileLabel.of(disruption, "disruption.yaml");
            m = withOwnDisruption(m, disruption, disruptionText);
        }
        try {
            return ordered("stockpile", label, "as_of", String.valueOf(p.asOf()), "region", region, "start", start.toString(),
                    "lines", StockpileJson.cover(Cover.of(p, m, region, disruption, months, start, l.header().targets())));
        } catch (ScenarioException e) {
            throw ApiError.badRequest("disruption", "disruption: " + e.getMessage() + OWN_DISRUPTION_HINT);
        } catch (IllegalArgumentException e) {
            throw fieldError(e);
        }
    }

    /**
     * {@code m} with a disruption of one's own sent as its text (as POST /api/scenario-runs takes one), known by {@code name}: its
     * problems 422 invalid_scenario at disruption_text, located at its lines; a market without an equilibrium the same, named; a
     * bundled scenario's name refused at disruption.
     */
    private Markets withOwnDisruption(Markets m, String name, String text) {
        if (lodestone.market.Scenario.bundledText(name) != null) throw ApiError.badRequest("disruption", "disruption: " + name
                + " is the name of a bundled scenario; with disruption_text, give your own scenario another name");
        lodestone.market.Scenario sc;
        try {
            sc = lodestone.market.Scenario.parse(text, name, engines.regime(engines.activeSpec()));
        } catch (ScenarioException e) {
            throw ApiError.fileProblems(422, "invalid_scenario", "; nothing was run", "disruption_text", Scenarios.located(e.problems(), name));
        }
        try {
            return m.withOwn(Map.of(name, sc), Map.of(name, text));
        } catch (IllegalArgumentException e) {
            throw new ApiError(422, "invalid_scenario", e.getMessage() + "; nothing was run", "disruption_text");
        }
    }

    /**
     * Said after "no bundled scenario of that name": a disruption of one's own is sent as its text, never named by a path (a
     * file name in the query was answered with the bundled names alone).
     */
    static final String OWN_DISRUPTION_HINT = "; a disruption of your own is sent as its text, disruption_text in the body (POST "
            + "/api/stockpiles/{name}/cover or …/release), never as a file's name";

    /** The keys a cover request's body may have (POST /api/stockpiles/{name}/cover): any other is refused, named. */
    static final List<String> COVER_KEYS = List.of("disruption", "disruption_text", "months", "start", "region", "as_of");

    /** Cover as GET …/cover answers it, its parameters in the body: a disruption of one's own is sent as its text there. */
    private Object coverPosted(Call c) {
        Ledger l = ledger(c.path("name"));
        JsonNode b = c.jsonBodyExact();
        onlyKeys(b, COVER_KEYS);
        String disruption = string(b, "disruption"), text = string(b, "disruption_text");
        Integer months = b.hasNonNull("months") ? whole(b.get("months"), "months", "a whole number of months from 1 to " + Cover.MAX_MONTHS) : null;
        if (months != null && (months < 1 || months > Cover.MAX_MONTHS)) {
            throw ApiError.badRequest("months", "months: expected a whole number of months from 1 to " + Cover.MAX_MONTHS + ", found " + b.get("months"));
        }
        if (months != null && disruption == null && text == null) {
            throw ApiError.badRequest("months", "months: the length of a disruption; give disruption too (or leave months out)");
        }
        Position p = position(l, string(b, "as_of") == null ? null : Call.parseDate("as_of", string(b, "as_of")));
        LocalDate start = string(b, "start") == null ? (p.asOf() == null ? Call.today() : p.asOf()) : Call.parseDate("start", string(b, "start"));
        return cover(c.path("name"), l, p, string(b, "region"), disruption, text, months == null ? 13 : months, start);
    }

    /** Refuses a key of {@code b} that is not one of {@code keys}, naming every such key and the keys expected. */
    private static void onlyKeys(JsonNode b, List<String> keys) {
        List<String> unknown = new ArrayList<>();
        for (var it = b.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) unknown.add(k);
        }
        if (!unknown.isEmpty()) throw ApiError.badRequest(unknown.get(0), String.join(", ", unknown) + ": unknown key" + (unknown.size() == 1 ? "" : "s")
                + "; expected only " + String.join(", ", keys));
    }

    /** The keys a release request may have: any other is refused, named (reported: "total" was ignored, and 59,415 kg released). */
    static final List<String> RELEASE_KEYS = List.of("mineral", "disruption", "disruption_text", "months", "start", "rule", "total_kg", "country", "allies", "as_of");

    private Object release(Call c) {
        Ledger l = ledger(c.path("name"));
        JsonNode b = c.jsonBodyExact();
        return release(b, RELEASE_KEYS, l, asOf -> position(l, asOf));
    }

    private Object release(JsonNode b, List<String> keys, Ledger l, java.util.function.Function<LocalDate, Position> positionOn) {
        List<String> unknown = new ArrayList<>();
        for (var it = b.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) unknown.add(k);
        }
        if (!unknown.isEmpty()) {
            throw ApiError.badRequest(unknown.get(0), String.join(", ", unknown) + ": unknown key" + (unknown.size() == 1 ? "" : "s")
                    + "; expected only " + String.join(", ", keys) + (unknown.contains("total") ? " (the quantity to release is total_kg, in kg)" : ""));
        }
        String mineral = string(b, "mineral"), disruption = string(b, "disruption");
        if (mineral == null) throw ApiError.badRequest("mineral", "mineral: missing; e.g. gallium");
        String disruptionText = string(b, "disruption_text");
        if (disruption == null && disruptionText == null) throw ApiError.badRequest("disruption", "disruption: missing; a bundled market scenario, e.g. gallium-ban");
        Markets m = markets();
        if (disruptionText != null) {
            disruption = FileLabel.of(disruption, "disruption.yaml");
            m = withOwnDisruption(m, disruption, disruptionText);
        }
        Position p = positionOn.apply(string(b, "as_of") == null ? null : Call.parseDate("as_of", string(b, "as_of")));
        int months = b.hasNonNull("months") ? whole(b.get("months"), "months", "a whole number of months from 1 to " + Cover.MAX_MONTHS) : 13;
        if (months < 1 || months > Cover.MAX_MONTHS) {
            throw ApiError.badRequest("months", "months: expected a whole number of months from 1 to " + Cover.MAX_MONTHS + ", found " + b.get("months"));
        }
        CoordinatedRelease.Rule rule;
        String ruleText = string(b, "rule");
        try {
            rule = CoordinatedRelease.Rule.valueOf((ruleText == null ? "imports" : ruleText).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("rule", "rule: \"" + ruleText + "\" is not a rule; expected imports, holdings or contributions");
        }
        BigDecimal total = null;
        if (b.hasNonNull("total_kg")) {
            JsonNode t = b.get("total_kg");
            if (!t.isNumber() || t.decimalValue().signum() <= 0) {
                throw ApiError.badRequest("total_kg", "total_kg: expected a positive number of kg, found " + t);
            }
            total = t.decimalValue();
            // the bounds of an entry's quantities: 1e400 was taken, made Infinity on the way and answered as the text "Infinity"
            if (total.compareTo(MAX_KG) >= 0 || total.stripTrailingZeros().scale() > 9) {
                throw ApiError.badRequest("total_kg", "total_kg: " + total + " is out of bounds; expected a positive number of kg below 10^15"
                        + " with at most 9 decimal places");
            }
        }
        LocalDate start = string(b, "start") == null ? p.asOf() : Call.parseDate("start", string(b, "start"));
        Map<String, Integer> allies = new LinkedHashMap<>();
        JsonNode a = b.get("allies");
        if (a == null || a.isNull()) {
            for (StockpileFile.Target t : l.header().targets()) if (t.country() != null) allies.put(t.country(), t.days());
        } else if (a.isObject()) {
            for (var it = a.fields(); it.hasNext(); ) {
                var e = it.next();
                String field = "allies." + e.getKey();
                int days = whole(e.getValue(), field, "a positive whole number of days");
                if (allies.put(e.getKey().toUpperCase(java.util.Locale.ROOT), days) != null) {
                    throw ApiError.badRequest(field, field + ": " + e.getKey().toUpperCase(java.util.Locale.ROOT) + " is given twice");
                }
            }
        } else throw ApiError.badRequest("allies", "allies: expected an object of country → days, e.g. {\"JP\": 60}, found " + a);
        String country = string(b, "country") == null ? "US" : string(b, "country").toUpperCase(java.util.Locale.ROOT);
        try {
            Cover.checkStart(start, p.asOf());
            List<CoordinatedRelease.Participant> ps = CoordinatedRelease.withAllies(p, mineral, country, m, allies);
            return StockpileJson.release(CoordinatedRelease.run(new CoordinatedRelease.Plan(mineral, disruption, months, start, total, rule, ps), m));
        } catch (ScenarioException e) {
            throw ApiError.badRequest("disruption", "disruption: " + e.getMessage() + OWN_DISRUPTION_HINT);
        } catch (IllegalArgumentException e) {
            throw fieldError(e);
        }
    }

    // ------------------------------------------------------------------ a ledger file of one's own

    /** At most this many characters of a ledger file sent in a body (and the body within the JSON limit). */
    static final int MAX_LEDGER_CHARS = 1 << 20;

    /** A ledger file read from the body's "file": {"name", "text"}, and the problems of reading it (reported with deriving's). */
    private record FileLedger(Ledger ledger, String name, List<Problem> problems) { }

    /** A release's total_kg is below this (the bounds of an entry's quantities, docs/bulk-format.md). */
    private static final BigDecimal MAX_KG = BigDecimal.TEN.pow(15);

    private static FileLedger fileLedger(JsonNode b) {
        JsonNode f = b.get("file");
        if (f == null || f.isNull()) throw ApiError.badRequest("file", "file: missing; expected {\"name\": \"my-ledger.yaml\", \"text\": \"stockpile: …\"}, "
                + "the ledger file's text (a request never names a file on the server)");
        if (!f.isObject()) throw ApiError.badRequest("file", "file: expected {\"name\": …, \"text\": …}, found " + f);
        for (var it = f.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("name") && !k.equals("text")) throw ApiError.badRequest("file", "file." + k + ": unknown key; expected name, text");
        }
        JsonNode t = f.get("text");
        if (t == null || !t.isTextual()) throw ApiError.badRequest("file", "file.text: " + (t == null ? "missing" : "expected the file's text, found " + t)
                + "; the ledger's YAML as a string");
        if (t.textValue().isBlank()) throw ApiError.badRequest("file", "file.text: empty; expected a ledger file (stockpile: …, events: …)");
        if (t.textValue().length() > MAX_LEDGER_CHARS) throw ApiError.badRequest("file", "file.text: " + t.textValue().length() + " characters; at most " + MAX_LEDGER_CHARS);
        JsonNode n = f.get("name");
        if (n != null && !n.isNull() && !n.isTextual()) throw ApiError.badRequest("file", "file.name: expected a text, found " + n);
        String name = FileLabel.of(n == null || n.isNull() ? null : n.textValue(), "ledger.yaml");
        StockpileFile.Read read = StockpileFile.read(name, t.textValue());
        if (read.file() == null) throw refusedFile(read.problems());
        return new FileLedger(new Ledger(read.file(), read.file().events(), 0), name, read.problems());
    }

    /** The position of a file's ledger, every problem of reading and deriving it answered at once. */
    private Position position(FileLedger f, LocalDate asOf) {
        try {
            return StockpileLedger.derive(f.ledger().header().id(), f.ledger().events(), asOf, minerals(engines.regime()), f.problems());
        } catch (StockpileException e) {
            throw refusedFile(e.problems());
        }
    }

    private static ApiError refusedFile(List<Problem> problems) {
        return ApiError.fileProblems("invalid_ledger", " in the stockpile ledger; nothing was derived", "file", problems);
    }

    private static void onlyFile(JsonNode b) {
        for (var it = b.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("file")) throw ApiError.badRequest(k, k + ": unknown key; expected file (the query takes the other parameters)");
        }
    }

    private Object fileShow(Call c) {
        JsonNode b = c.jsonBody();
        onlyFile(b);
        FileLedger f = fileLedger(b);
        Position p = position(f, c.date("as_of", null));
        Map<String, Object> out = new LinkedHashMap<>(header(f.ledger()));
        out.put("position", StockpileJson.position(p));
        out.put("events", StockpileJson.events(f.ledger().events(), f.ledger().events().size()));
        // each as the command line prints it: "my-ledger.yaml:7: events[1].price: 580000 USD/kg is 1,000 times above …"
        out.put("warnings", lodestone.exposure.stockpile.PriceCheck.farFromMarket(f.ledger().events(), markets()).stream()
                .map(w -> ordered("field", w.field(), "message", w.toString())).toList());
        return out;
    }

    private Object fileCover(Call c) {
        JsonNode b = c.jsonBody();
        for (var it = b.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FILE_COVER_KEYS.contains(k)) throw ApiError.badRequest(k, k + ": unknown key; expected file, and disruption_text with its name "
                    + "disruption for a disruption of your own (the query takes the other parameters)");
        }
        String text = string(b, "disruption_text"), named = string(b, "disruption");
        if (named != null && text == null) throw ApiError.badRequest("disruption", "disruption: in the body, the name of disruption_text, "
                + "which is missing; a bundled disruption is named in the query (?disruption=gallium-ban)");
        if (text != null && c.query("disruption") != null) throw ApiError.badRequest("disruption", "disruption: named in the query ("
                + c.query("disruption") + ") and sent as disruption_text in the body; give one (the text's name in the body's disruption)");
        FileLedger f = fileLedger(b);
        return cover(c, f.ledger().header().id(), f.ledger(), position(f, c.date("as_of", null)), text == null ? c.query("disruption") : named, text);
    }

    /** The keys of POST /api/stockpile-files/cover's body: the file, and a disruption of one's own as its text with its name. */
    static final List<String> FILE_COVER_KEYS = List.of("file", "disruption", "disruption_text");

    static final List<String> FILE_RELEASE_KEYS = java.util.stream.Stream.concat(java.util.stream.Stream.of("file"), RELEASE_KEYS.stream()).toList();

    private Object fileRelease(Call c) {
        JsonNode b = c.jsonBodyExact();
        if (!b.has("file")) fileLedger(b); // "file: missing" before any other key's complaint
        for (var it = b.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FILE_RELEASE_KEYS.contains(k)) return release(b, FILE_RELEASE_KEYS, null, null); // refuses the key, named
        }
        FileLedger f = fileLedger(b);
        return release(b, FILE_RELEASE_KEYS, f.ledger(), asOf -> position(f, asOf));
    }

    /** An engine's refusal "field: why" as a 400 naming the field. */
    private static ApiError fieldError(IllegalArgumentException e) {
        String msg = e.getMessage();
        int colon = msg.indexOf(": ");
        return ApiError.badRequest(colon > 0 ? msg.substring(0, colon) : null, msg);
    }

    /** A text value (a JSON string), or null when absent, null or blank; any other JSON value is refused naming the field. */
    private static String string(JsonNode b, String k) {
        JsonNode n = b.get(k);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw ApiError.badRequest(k, k + ": expected a text, found " + n);
        return n.asText().isBlank() ? null : n.asText().trim();
    }

    /**
     * A whole number (a JSON number without a fraction: 13 or 13.0); true, "13" or 13.9 are refused naming the field
     * (reported: "months": true was read as 1, 13.9 as 13, an ally's 60.9 days as 60).
     */
    private static int whole(JsonNode n, String field, String expected) {
        if (n == null || !n.isNumber()) throw ApiError.badRequest(field, field + ": expected " + expected + ", found " + n);
        BigDecimal v = n.decimalValue();
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) throw ApiError.badRequest(field, field + ": expected " + expected + ", found " + n);
        if (v.compareTo(BigDecimal.valueOf(100_000)) > 0 || v.compareTo(BigDecimal.valueOf(-100_000)) < 0) {
            throw ApiError.badRequest(field, field + ": expected " + expected + ", found " + n);
        }
        int i = v.intValue();
        if (field.startsWith("allies.") && i <= 0) throw ApiError.badRequest(field, field + ": expected " + expected + ", found " + n);
        return i;
    }

    // ------------------------------------------------------------------ exposure

    /**
     * At most two exposure evaluations of one user run at once; another is refused (429) before its body is read. A company
     * file of 8 MiB (62,000 lines) takes a core for about a minute and 2.5 GB of memory for a 129 MB answer, eight times
     * that with eight scenarios: without a limit one analyst sending a few at once could exhaust the server.
     */
    static final PerUserLimit EVALUATIONS = new PerUserLimit(2, "exposure evaluations");

    private Exposure.Report evaluate(Call c) throws Exception {
        return (Exposure.Report) EVALUATIONS.run(c.token.id(), () -> evaluateFile(c, null));
    }

    /** POST /api/exposure/years: the company year by year over the query's years (as lodestone exposure --years --json). */
    private Object years(Call c) throws Exception {
        String y = c.query("years");
        if (y == null) throw ApiError.badRequest("years", "years: missing; expected FIRST-LAST calendar years, e.g. 2027-2030, or fiscal years "
                + "with fiscal_start, e.g. FY2028-FY2030 and fiscal_start=10");
        lodestone.exposure.company.ExposureYears.Span ys;
        try {
            ys = lodestone.exposure.company.ExposureYears.parseYears(y, c.query("fiscal_start"), "fiscal_start=");
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage().startsWith("fiscal_start") ? "fiscal_start" : "years", e.getMessage());
        }
        return lodestone.exposure.company.ExposureYearsJson.of((lodestone.exposure.company.ExposureYears.Report) EVALUATIONS.run(c.token.id(),
                () -> evaluateFile(c, ys)));
    }

    /** The request's company evaluated: over the twelve months, or year by year over {@code years} when given. */
    private Object evaluateFile(Call c, lodestone.exposure.company.ExposureYears.Span years) {
        long len = c.ctx.req().getContentLengthLong();
        if (len > MAX_COMPANY_BYTES) throw Call.tooLarge(MAX_COMPANY_BYTES);
        // read at most one byte past the limit: a body without Content-Length (chunked) is refused when it passes the
        // limit, not after the whole of it (up to the upload limit, 256 MiB) has been held in memory
        byte[] data;
        try (java.io.InputStream in = c.ctx.req().getInputStream()) {
            data = Call.readBody(in, (int) MAX_COMPANY_BYTES + 1, "the request body", len);
        } catch (java.io.IOException e) {
            throw ApiError.badRequest(null, "cannot read the request body: " + e.getMessage());
        }
        if (data.length > MAX_COMPANY_BYTES) throw Call.tooLarge(MAX_COMPANY_BYTES);
        if (data.length == 0) throw ApiError.badRequest(null, "the body is empty; expected a company file (YAML, docs/exposure-format.md)");
        c.refuseForm("the company file", "curl --data-binary @company.yaml -H 'Content-Type: application/yaml'");
        String spec = engines.activeSpec();
        Regime r = engines.regime(spec);
        String text, name;
        Map<String, lodestone.market.Scenario> own = new LinkedHashMap<>();
        String type = c.ctx.req().getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // the company file and market scenarios of the user's own, each as its text (a request never names a server's file)
            JsonNode b = exposureJson(data);
            JsonNode f = b.get("file");
            if (f == null || !f.isObject()) throw ApiError.badRequest("file", "file: missing; expected {\"name\", \"text\"}: the company file's YAML text");
            onlyKeys(f, "file", List.of("name", "text"));
            text = string(f, "text");
            if (text == null) throw ApiError.badRequest("file.text", "file.text: missing; expected the company file's YAML text");
            name = FileLabel.of(string(f, "name"), "company.yaml");
            own = ownMarkets(b.get("markets"), r);
        } else {
            try {
                text = lodestone.regime.io.UserText.decode(data);
            } catch (lodestone.regime.io.UserText.NotUtf8 e) {
                throw ApiError.badRequest(null, "the company file: " + e.getMessage());
            }
            name = FileLabel.of(c.query("name"), "company.yaml");
        }
        Company company;
        try {
            company = CompanyFile.parse(name, text, r, f -> null, Call.today()); // (its lines checked on the day they are evaluated)
        } catch (CompanyFile.Invalid e) {
            throw invalid(e);
        }
        Assessor today = engines.assessor(spec);
        List<Exposure.Case> cases = new ArrayList<>();
        List<String> specs = c.ctx.queryParams("scenario");
        if (specs.size() > 8) throw ApiError.badRequest("scenario", "scenario: at most 8 scenarios in one request");
        Markets m;
        try {
            m = markets().withOwn(own);
        } catch (IllegalArgumentException e) { // one that has no equilibrium
            throw new ApiError(422, "invalid_scenario", e.getMessage() + "; nothing was evaluated", "markets");
        }
        // a market sent that no scenario= names is evaluated as a scenario of its own, labelled by its name
        List<String> named = new ArrayList<>();
        for (String s : specs) {
            try {
                named.add(CaseSpec.parse(s).market());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("scenario", e.getMessage());
            }
        }
        specs = new ArrayList<>(specs);
        for (String k : own.keySet()) if (!named.contains(k)) specs.add(k);
        if (specs.size() > 8) throw ApiError.badRequest("scenario", "scenario: at most 8 scenarios in one request (with the markets sent)");
        for (String s : specs) {
            CaseSpec cs;
            try {
                cs = CaseSpec.parse(s);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("scenario", e.getMessage());
            }
            Assessor a = null;
            if (cs.regime() != null) {
                if (!Engines.BUNDLED.contains(cs.regime())) throw ApiError.badRequest("scenario", "scenario '" + s + "': regime " + cs.regime()
                        + " is not one of " + String.join(", ", Engines.BUNDLED));
                a = engines.assessor(cs.regime());
            }
            if (cs.market() != null) {
                try {
                    m.equilibrium(cs.market());
                } catch (ScenarioException e) {
                    throw ApiError.badRequest("scenario", "scenario '" + s + "': " + e.getMessage());
                }
            }
            cases.add(new Exposure.Case(cs.label(), a, cs.date(), cs.market(), cs.from()));
        }
        boolean alternatives = !"false".equalsIgnoreCase(c.query("alternatives"));
        try {
            // no date asked and none in the file: the server's today (UTC), not the machine's
            LocalDate date = c.date("date", company.date() == null ? Call.today() : null);
            if (years != null) {
                try {
                    return lodestone.exposure.company.ExposureYears.evaluate(company, date, today, cases, m, years, alternatives);
                } catch (IllegalArgumentException e) {
                    // years the paths do not cover, a scenario that is no path: the years' problem, or the scenario's
                    throw ApiError.badRequest(e.getMessage().startsWith("years:") || e.getMessage().contains(" are outside the path of ") ? "years" : "scenario",
                            e.getMessage());
                }
            }
            return Exposure.evaluate(company, date, today, cases, m, alternatives);
        } catch (CompanyFile.Invalid e) { // a line the assessment refuses, today or under a scenario: located like a problem of the file
            throw invalid(e);
        } catch (ScenarioException e) {
            throw ApiError.badRequest("scenario", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("scenario", e.getMessage());
        }
    }

    /** The JSON body of an exposure request: an object of file and markets, a key given twice refused. */
    private static JsonNode exposureJson(byte[] data) {
        JsonNode b;
        try {
            b = new com.fasterxml.jackson.databind.ObjectMapper().reader()
                    .with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(data);
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("body", "the request body is not JSON: " + e.getMessage().split("\n")[0]);
        }
        if (b == null || !b.isObject()) throw ApiError.badRequest("body", "the request body is not a JSON object; expected {\"file\": {\"name\", \"text\"}, \"markets\": [{\"name\", \"text\"}]}");
        onlyKeys(b, "body", List.of("file", "markets"));
        return b;
    }

    private static void onlyKeys(JsonNode o, String at, List<String> keys) {
        for (java.util.Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            String f = at.equals("body") ? k : at + "." + k;
            if (!keys.contains(k)) throw ApiError.badRequest(f, f + ": unknown key; expected " + String.join(", ", keys));
        }
    }

    /**
     * The market scenarios of the user's own a request sends ({@code markets: [{name, text}]}), each read and checked against the
     * regime as POST /api/scenario-runs reads a text (its problems located at its name's lines, 422 invalid_scenario), known by its
     * name — which a scenario= names, as a bundled scenario's.
     */
    private static Map<String, lodestone.market.Scenario> ownMarkets(JsonNode markets, Regime r) {
        Map<String, lodestone.market.Scenario> out = new LinkedHashMap<>();
        if (markets == null || markets.isNull()) return out;
        if (!markets.isArray()) throw ApiError.badRequest("markets", "markets: expected a list of {\"name\", \"text\"}");
        if (markets.size() > 8) throw ApiError.badRequest("markets", "markets: at most 8 in one request");
        for (int i = 0; i < markets.size(); i++) {
            JsonNode m = markets.get(i);
            String at = "markets[" + i + "]";
            if (!m.isObject()) throw ApiError.badRequest(at, at + ": expected {\"name\", \"text\"}");
            onlyKeys(m, at, List.of("name", "text"));
            String t = string(m, "text");
            if (t == null) throw ApiError.badRequest(at + ".text", at + ".text: missing; expected a market scenario's YAML text (docs/scenario-format.md)");
            String key = FileLabel.of(string(m, "name"), "market-" + (i + 1) + ".yaml");
            if (lodestone.market.Scenario.bundledText(key) != null) {
                throw ApiError.badRequest(at + ".name", at + ".name: " + key + " is the name of a bundled scenario; give your own scenario another name");
            }
            if (out.containsKey(key)) throw ApiError.badRequest(at + ".name", at + ".name: " + key + " is given twice");
            try {
                out.put(key, lodestone.market.Scenario.parse(t, key, r));
            } catch (ScenarioException e) {
                throw ApiError.fileProblems(422, "invalid_scenario", "; nothing was evaluated", at + ".text", Scenarios.located(e.problems(), key));
            }
        }
        return out;
    }

    private static ApiError invalid(CompanyFile.Invalid e) {
        return ApiError.fileProblems("invalid_company_file", "; nothing was evaluated", e.problems().get(0).field(), e.problems());
    }

    private Object exposure(Call c) throws Exception {
        return ExposureJson.of(evaluate(c));
    }

    private Object report(Call c) throws Exception {
        String format = c.query("format") == null ? "html" : c.query("format");
        if (!format.equals("html") && !format.equals("csv")) throw ApiError.badRequest("format", "format: \"" + format + "\"; expected html or csv");
        boolean byYear = c.query("years") != null; // year by year: the report of POST /api/exposure/years
        if (!byYear && c.query("fiscal_start") != null) {
            throw ApiError.badRequest("fiscal_start", "fiscal_start: it says when the years of years= start; give years too (e.g. years=FY2028-FY2030)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = byYear ? (Map<String, Object>) years(c) : ExposureJson.of(evaluate(c));
        if (format.equals("csv")) {
            StringWriter w = new StringWriter();
            if (byYear) lodestone.exposure.company.ExposureYearsJson.csv(tree, w);
            else ExposureReport.csv(tree, w);
            c.ctx.status(200).contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"exposure.csv\"").result(w.toString());
        } else {
            c.ctx.status(200).contentType("text/html; charset=utf-8").header("Content-Disposition", "attachment; filename=\"exposure.html\"")
                    .header("Content-Security-Policy", ReportRoutes.CSP).result(byYear ? lodestone.exposure.company.ExposureYearsJson.html(tree) : ExposureReport.html(tree));
        }
        return Api.WRITTEN;
    }
}
