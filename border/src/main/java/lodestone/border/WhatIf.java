package lodestone.border;

import lodestone.border.origin.BillOfMaterials;
import lodestone.regime.RegimeInvalidException;
import lodestone.regime.geo.Country;
import lodestone.regime.geo.Geography;
import lodestone.regime.geo.PreferenceProgram;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What side B of a what-if changes in every entry line before assessing it: the entry date (every line moved to
 * {@code date}), the country of origin ({@code origins}: the goods of FROM as if they came from TO), or both. Side A
 * assesses the lines as declared. One change for a file ({@code compare}, compare-file, compare jobs), an entry of
 * several lines and one shipment alike; it knows nothing of how it was asked for.
 *
 * <p>An origin moved moves with it the export country when that was the old origin (goods shipped from where they
 * were made are shipped from the new origin); an export country elsewhere (shipped through a third country: goods of CN
 * exported from VN) is kept — the route is a fact of the shipment the what-if cannot know to change — and, unless it is
 * the new origin itself, a note of side B says so, naming the country a measure on the country of exportation sees. The
 * declared production regions and producer are kept (where and by whom the goods or their inputs were made does not
 * change with the origin), each said in a note of side B: they decide prohibitions (the UFLPA's) whatever the origin. The mapping is
 * applied once, not chained: with CN=VN and VN=TH a line from CN is assessed from VN, one from VN from TH.
 *
 * <p>A preference claimed on a moved line (P for CAFTA-DR, S for USMCA…) that the new origin is not eligible for on the
 * line's date (side B's regime) is dropped — with the bill of materials given for it — and the line is assessed without
 * it, a note saying so among side B's warnings ({@link #NOTE}), with the date, or that the program is not in force then. A claim the new origin is eligible for is kept, and
 * checked as any claim is — its bill of materials checked again under B as declared, since the rules of origin turn on
 * the materials (their codes, values and whether each is originating), not on which party made the good — and a note
 * says what B assumed: the bill checked as declared, or, with no bill, the claim accepted as declared for the new origin.
 * A claim's bill (on any line, moved or not) that names materials of a country the what-if moves has a note for them:
 * they are checked as declared, from their own country (the mapping moves the origin of lines, not of materials).
 *
 * @param date    the entry date every line is moved to, or null (dates as declared)
 * @param origins FROM → TO, ISO alpha-2 codes, in the order given; empty: origins as declared
 */
public record WhatIf(LocalDate date, Map<String, String> origins) {

    /** Nothing changed: side B assesses the lines as declared (two regimes compared). */
    public static final WhatIf NONE = new WhatIf(null, Map.of());

    /** How a note of the what-if begins among a line's warnings. */
    public static final String NOTE = "what-if: ";

    public WhatIf {
        origins = origins == null || origins.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    }

    /** Every line moved to {@code date} (null: none moved). */
    public static WhatIf on(LocalDate date) {
        return new WhatIf(date, Map.of());
    }

    /** This change with the goods of each FROM as if they came from its TO. */
    public WhatIf withOrigins(Map<String, String> moved) {
        return new WhatIf(date, moved);
    }

    /** "on 2026-07-25", "origin CN→VN, MX→CA", both with "; " between; empty when nothing changes. */
    public String describe() {
        StringJoiner j = new StringJoiner("; ");
        if (date != null) j.add("on " + date);
        if (!origins.isEmpty()) j.add("origin " + originText());
        return j.toString();
    }

    /** "CN→VN, MX→CA" (empty when no origin moves). */
    public String originText() {
        StringJoiner j = new StringJoiner(", ");
        for (Map.Entry<String, String> m : origins.entrySet()) j.add(m.getKey() + "→" + m.getValue());
        return j.toString();
    }

    /**
     * An entry line as side B assesses it, with side B's notes of what the what-if did to it (empty: nothing to say) and the
     * mapping that moved its origin ("CN→VN"; null when none did).
     */
    public record Moved(Entry entry, List<String> notes, String mapping) {
        public Moved {
            notes = List.copyOf(notes);
        }

        Moved(Entry entry) {
            this(entry, List.of(), null);
        }
    }

    /**
     * Line {@code e} as side B assesses it: re-dated, its origin moved, a preference the new origin is not eligible for
     * dropped, with a note of each thing B assumed (a claim dropped or kept, a bill's materials of a moved country, an
     * export country, production regions or producer kept: see the class's description). {@code geo} is side B's geography: it reads the line's origin (alpha-2 or alpha-3, any case)
     * and decides the eligibility.
     */
    public Moved apply(Entry e, Geography geo) {
        Moved m = applyMoves(e, geo);
        String fx = conversionNote(e);
        if (fx == null) return m;
        List<String> notes = new ArrayList<>(m.notes());
        notes.add(fx);
        return new Moved(m.entry(), notes, m.mapping());
    }

    /**
     * A line in another currency without a loaded date, re-dated, is converted under B at the rate for its new date (the
     * entry date stands for the date of exportation, 19 CFR 159.32): said, since the change in duty then mixes the exchange
     * rate's movement with the regime's (reported by the fx review: EUR 10,000 re-dated from 2026-03-15 to 2025-06-15 changed
     * by -$0.84 with no measure changed and nothing said). Null when the conversion does not move.
     */
    private String conversionNote(Entry e) {
        String cur = e.currency() == null ? "USD" : e.currency().trim().toUpperCase(java.util.Locale.ROOT);
        if (date == null || e.loadedDate() != null || cur.equals("USD") || date.equals(e.entryDate())) return null;
        return NOTE + "on " + date + ": the values in " + cur + " converted at the rate for " + date + ", the new entry date, not the "
                + "declared one's (no loaded date declared: the entry date stands for the date of exportation, 19 CFR 159.32); a "
                + "change in duty may come from the exchange rate as well as from the measures";
    }

    private Moved applyMoves(Entry e, Geography geo) {
        Entry x = date == null ? e : e.withDate(date);
        if (origins.isEmpty()) return new Moved(x);
        String from = e.origin() == null ? null : alpha2(e.origin(), geo);
        String to = from == null ? null : origins.get(from);
        if (to == null) {
            // not moved; a claim's bill naming materials of a country moved is still checked as declared, and said so
            if (e.preference() == null || e.bom() == null || from == null) return new Moved(x);
            // only a claim whose bill is checked: one the line's origin is not eligible for is refused before its bill is read
            Optional<PreferenceProgram> p = geo.program(e.preference());
            if (p.isEmpty() || !p.get().eligible(from, x.entryDate(), geo)) return new Moved(x);
            List<String> said = materialNotes(e.bom());
            return said.isEmpty() ? new Moved(x) : new Moved(x, said, null);
        }
        String mapping = from + "→" + to;
        x = x.withOrigin(to);
        List<String> notes = List.of();
        if (e.exportCountry() != null) {
            String shipped = alpha2(e.exportCountry(), geo);
            if (from.equals(shipped)) {
                x = x.withExportCountry(to); // shipped from where they were made: from the new origin
            } else if (!to.equals(shipped)) {
                // shipped through a third country: the route is a fact of the shipment the what-if does not know to change
                String via = shipped == null ? e.exportCountry() : shipped;
                notes = new ArrayList<>(notes);
                notes.add(NOTE + "origin " + mapping + ": export country " + via + " kept as declared: assessed as goods of " + to
                        + " shipped from " + via + " (the what-if moves where the goods were made, not the route they took; a measure "
                        + "on the country of exportation sees " + via + ")");
            }
        }
        if (!e.productionRegions().isEmpty() || e.producer() != null) {
            // where and by whom the goods were made are facts of the goods the what-if does not move: said, as they decide
            // prohibitions (the UFLPA's) whatever the origin
            notes = new ArrayList<>(notes);
            if (!e.productionRegions().isEmpty()) {
                String regions = String.join(", ", e.productionRegions());
                notes.add(NOTE + "origin " + mapping + ": production regions " + regions + " kept as declared: assessed as goods of " + to
                        + " made wholly or in part in " + regions + " (where the goods or their inputs were made does not move with the "
                        + "origin; a measure on production regions, as the UFLPA's, still sees them)");
            }
            if (e.producer() != null) {
                // not named: the line names it, and a file of many producers would otherwise give as many texts of one note
                notes.add(NOTE + "origin " + mapping + ": the declared producer kept: assessed as goods of " + to
                        + " made by the same producer (a measure on the producer, as the UFLPA Entity List, still sees it)");
            }
        }
        if (e.preference() == null) return new Moved(x, notes, mapping);
        Optional<PreferenceProgram> p = geo.program(e.preference());
        // an unknown program is left for the assessor to refuse (under both sides: it is the file's fault, not the what-if's)
        if (p.isEmpty()) return new Moved(x, notes, mapping);
        if (p.get().eligible(to, x.entryDate(), geo)) {
            // kept: what side B then takes of the claim is said, not assumed quietly
            List<String> all = new ArrayList<>();
            String claim = NOTE + "origin " + mapping + ": preference " + e.preference() + " (" + p.get().name() + ") kept: " + to
                    + " is eligible for it; ";
            if (e.bom() == null) {
                all.add(claim + "accepted as declared (no bill of materials): the goods are assumed to qualify from " + to + " as they "
                        + "were declared to from " + from + ", not verified");
            } else {
                all.add(claim + "its bill of materials " + e.bom().fileName() + " checked again under B as declared (the rules of origin "
                        + "turn on the materials, their values and whether each is originating, not on which party the good is made in; "
                        + "a bill for production in " + to + ", if its materials differ, may decide otherwise)");
                all.addAll(materialNotes(e.bom()));
            }
            all.addAll(notes);
            return new Moved(x, all, mapping);
        }
        x = x.withPreference(null).withBom(null);
        List<String> all = new ArrayList<>();
        all.add(NOTE + "origin " + mapping + ": preference " + e.preference() + " (" + p.get().name()
                + ") dropped: " + whyNot(p.get(), to, x.entryDate()) + "; assessed without the claim");
        all.addAll(notes);
        return new Moved(x, all, mapping);
    }

    /**
     * Why {@code to} is not eligible for program {@code p} on {@code day}: the program not in force then (whatever the
     * origin), or the country not among its eligible ones on that day (a party only from a later date, as Costa Rica to
     * CAFTA-DR from 2009-01-01, is not one before it).
     */
    private static String whyNot(PreferenceProgram p, String to, LocalDate day) {
        lodestone.regime.Validity v = p.validity();
        if (v != null && !v.contains(day)) {
            String span = v.from() != null && day.isBefore(v.from()) ? "from " + v.from() : "until " + v.to();
            return p.name() + " is not in force on " + day + " (" + span + "), whatever the origin";
        }
        return to + " is not eligible for it on " + day;
    }

    /**
     * For a bill of materials given with a claim: a note for each country of its materials that this what-if moves (in the
     * order the bill first names them). The mapping moves the origin of the entry's lines, not of the materials a bill
     * names: they are checked under B as declared, and the note says which, with their declared status. A bill that cannot
     * be read has none (the assessor refuses it, under both sides).
     */
    private List<String> materialNotes(Entry.BillOfMaterialsRef ref) {
        BillOfMaterials bill;
        try {
            bill = BillOfMaterials.parse(ref.fileName(), ref.json());
        } catch (RegimeInvalidException unreadable) {
            return List.of();
        }
        Map<String, StringJoiner> named = new LinkedHashMap<>();
        for (BillOfMaterials.Material m : bill.materials()) {
            if (m.country() == null || !origins.containsKey(m.country())) continue;
            named.computeIfAbsent(m.country(), k -> new StringJoiner(", "))
                    .add(m.description() + " (" + (m.originating() ? "originating" : "non-originating") + ")");
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, StringJoiner> n : named.entrySet()) {
            String c = n.getKey();
            String to = origins.get(c);
            out.add(NOTE + "bill of materials " + ref.fileName() + ": its materials of " + c + " — " + n.getValue() + " — checked as "
                    + "declared, from " + c + ": the what-if moves the origin of the entry's lines (" + c + "→" + to + "), not of the "
                    + "materials a bill names; were they sourced from " + to + " instead, a bill saying so would show whether they are "
                    + "originating");
        }
        return out;
    }

    /** An assessment with the what-if's notes for its line first among its warnings ({@code a} itself when there are none). */
    public static Assessment noted(Assessment a, List<String> notes) {
        if (notes.isEmpty()) return a;
        List<String> ws = new ArrayList<>(notes);
        ws.addAll(a.warnings());
        return new Assessment(a.lineId(), a.status(), a.hts(), a.origin(), a.date(), a.customsValueUsd(), a.charges(), a.totalDuty(),
                a.effectiveRatePercent(), a.landedCost(), a.documentsRequired(), a.prohibitions(), ws, a.trail(), a.regime(),
                a.regimeVersion());
    }

    private static String alpha2(String code, Geography geo) {
        return geo.country(code).map(Country::alpha2).orElse(null);
    }

    /** A mapping refused, its message beginning with where it was given and the mapping as written. */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * The origin mappings written {@code FROM=TO} (several in one text, comma-separated, or several texts), as ISO
     * alpha-2 codes in the order given. FROM must be a country of side A's regime ({@code geoA}), TO one of side B's;
     * refused ({@link Refused}, the message beginning "WHERE: FROM=TO: ") when malformed, a code is unknown, a country is
     * mapped to itself or the same FROM is mapped twice.
     */
    public static Map<String, String> parseOrigins(Collection<String> texts, Geography geoA, Geography geoB, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (String text : texts) {
            if (text == null) continue;
            for (String raw : text.split(",", -1)) {
                String m = raw.trim();
                int eq = m.indexOf('=');
                if (m.isEmpty() || eq < 0 || m.indexOf('=', eq + 1) >= 0) {
                    throw new Refused(where + ": '" + m + "': expected FROM=TO, two country codes (e.g. CN=VN: the goods of CN as if they "
                            + "came from VN); several separated by commas");
                }
                String at = where + ": " + m + ": ";
                String from = code(m.substring(0, eq).trim(), geoA, at, "FROM");
                String to = code(m.substring(eq + 1).trim(), geoB, at, "TO");
                if (from.equals(to)) {
                    throw new Refused(at + from + " is mapped to itself; map an origin to another country");
                }
                if (out.containsKey(from)) {
                    throw new Refused(at + from + " is mapped twice (first " + written.get(from) + "); map each origin once");
                }
                out.put(from, to);
                written.put(from, m);
            }
        }
        if (out.isEmpty()) throw new Refused(where + ": no mapping; expected FROM=TO, e.g. CN=VN");
        return out;
    }

    private static String code(String c, Geography geo, String at, String side) {
        if (c.isEmpty()) throw new Refused(at + side + " is empty; expected an ISO 3166 alpha-2 country code such as VN");
        Optional<Country> k = geo.country(c);
        if (k.isPresent()) return k.get().alpha2();
        for (Country x : geo.countries()) {
            if (x.name() != null && x.name().equalsIgnoreCase(c)) {
                throw new Refused(at + "unknown country code '" + c + "': that is the name of " + x.name() + "; write its ISO 3166 alpha-2 code "
                        + x.alpha2());
            }
        }
        throw new Refused(at + "unknown country code '" + c + "'; expected an ISO 3166 alpha-2 code such as VN");
    }
}
