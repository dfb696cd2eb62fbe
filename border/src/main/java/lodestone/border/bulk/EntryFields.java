package lodestone.border.bulk;

import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.regime.unit.Unit;
import lodestone.regime.unit.Units;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the named fields of one bulk line (CSV or JSON Lines) into an {@link Entry}, rejecting the
 * line with the field and reason when a value is malformed. Dates and units repeat across a file,
 * so their parses are cached (a bounded cache: it is cleared when it grows past a few thousand).
 */
public final class EntryFields {
    public static final List<String> REQUIRED = List.of("line_id", "hts", "origin", "entry_date", "customs_value",
            "currency", "quantity", "unit");
    public static final List<String> OPTIONAL = List.of("content_quantity", "content_unit", "export_country", "producer",
            "importer", "documents", "preference", "loaded_date", "us_content_value", "metal_content_value");

    private final Map<String, LocalDate> dates = new HashMap<>();
    private final Map<String, Unit> units = new HashMap<>();

    /** Builds the entry; {@code get} returns the field's text or null/empty when absent. */
    public Entry parse(Function<String, String> get, long lineNumber) {
        String lineId = text(get, "line_id");
        if (lineId == null) lineId = String.valueOf(lineNumber);
        String hts = required(get, "hts");
        String origin = required(get, "origin").toUpperCase(java.util.Locale.ROOT);
        LocalDate date = date(required(get, "entry_date"), "entry_date");
        BigDecimal value = decimal(required(get, "customs_value"), "customs_value");
        if (value.signum() < 0) throw new EntryRejected("customs_value", "negative value " + value.toPlainString());
        String currency = required(get, "currency").toUpperCase(java.util.Locale.ROOT);
        if (currency.length() != 3) throw new EntryRejected("currency", "'" + currency + "' is not a currency code; expected e.g. USD");
        BigDecimal qty = decimal(required(get, "quantity"), "quantity");
        if (qty.signum() < 0) throw new EntryRejected("quantity", "negative quantity " + qty.toPlainString());
        Unit unit = unit(required(get, "unit"), "unit");

        List<Entry.Content> contents = new java.util.ArrayList<>();
        String cq = text(get, "content_quantity");
        String cu = text(get, "content_unit");
        if (cq != null || cu != null) {
            if (cq == null) throw new EntryRejected("content_quantity", "content_unit given without content_quantity");
            if (cu == null) throw new EntryRejected("content_unit", "content_quantity given without content_unit (e.g. 'kg Mo')");
            // several contents are separated by ';' in both columns: "5500;200" with "kg Cu;kg Pb"
            String[] qs = cq.split(";");
            String[] us = cu.split(";");
            if (qs.length != us.length) {
                throw new EntryRejected("content_unit", qs.length + " content quantities but " + us.length
                        + " content units; give one unit per quantity, separated by ';'");
            }
            for (int i = 0; i < qs.length; i++) {
                BigDecimal q = decimal(qs[i].trim(), "content_quantity");
                if (q.signum() < 0) throw new EntryRejected("content_quantity", "negative content quantity " + q.toPlainString());
                String[] parts = us[i].trim().split("\\s+");
                if (parts.length != 2) {
                    throw new EntryRejected("content_unit", "'" + us[i].trim() + "' is not a content unit; expected a unit and a "
                            + "content basis, e.g. 'kg Mo', 'kg REO', 'mtu WO3'");
                }
                // accept "kg Mo" and the HTS spelling "Mo kg"
                boolean unitFirst = Units.find(parts[0]).isPresent();
                contents.add(new Entry.Content(q, unit(unitFirst ? parts[0] : parts[1], "content_unit"), unitFirst ? parts[1] : parts[0]));
            }
        }
        Set<String> docs = Set.of();
        String d = text(get, "documents");
        if (d != null) {
            docs = new LinkedHashSet<>();
            for (String s : d.split(";")) if (!s.isBlank()) docs.add(s.trim());
        }
        String loaded = text(get, "loaded_date");
        String us = text(get, "us_content_value");
        String metal = text(get, "metal_content_value");
        String export = text(get, "export_country");
        return new Entry(lineId, hts, origin, date, value, currency, qty, unit, contents,
                export == null ? null : export.toUpperCase(java.util.Locale.ROOT), text(get, "producer"), text(get, "importer"),
                docs, text(get, "preference"), loaded == null ? null : date(loaded, "loaded_date"),
                us == null ? null : decimal(us, "us_content_value"), metal == null ? null : decimal(metal, "metal_content_value"),
                null);
    }

    private static String text(Function<String, String> get, String name) {
        String v = get.apply(name);
        if (v == null) return null;
        v = v.trim();
        return v.isEmpty() ? null : v;
    }

    private static String required(Function<String, String> get, String name) {
        String v = text(get, name);
        if (v == null) throw new EntryRejected(name, "missing " + name);
        return v;
    }

    private LocalDate date(String s, String field) {
        LocalDate d = dates.get(s);
        if (d != null) return d;
        for (int i = 0; i < s.length(); i++) {
            // no ISO date holds anything else; LocalDate.parse would throw (with a stack trace) to say so
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '-' && c != '+') throw new EntryRejected(field, "bad date '" + s + "'; expected yyyy-mm-dd");
        }
        try {
            d = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new EntryRejected(field, "bad date '" + s + "'; expected yyyy-mm-dd");
        }
        if (dates.size() > 4096) dates.clear();
        dates.put(s, d);
        return d;
    }

    private Unit unit(String s, String field) {
        Unit u = units.get(s);
        if (u != null) return u;
        u = Units.find(s).orElseThrow(() -> new EntryRejected(field, "unknown unit '" + s + "'; expected one of " + Units.codes()));
        if (units.size() > 1024) units.clear();
        units.put(s, u);
        return u;
    }

    /** The largest amount or quantity a line may carry (exclusive): far above any shipment, far below the store's numeric(38, 2). */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1e15");
    /** The most decimal places a number may have (after trailing zeros). */
    public static final int MAX_DECIMALS = 12;

    private static BigDecimal decimal(String s, String field) {
        BigDecimal d;
        try {
            d = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new EntryRejected(field, "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "' is not a number");
        }
        return bounded(d, field, s);
    }

    /** {@code d} if it is within the bounds every amount and quantity has (less than 1e15, at most 12 decimals), else the line is rejected. */
    public static BigDecimal bounded(BigDecimal d, String field, String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        // the exponent first: stripping or comparing a number like 1e-2147483647 must not be where it fails
        if (d.signum() != 0 && (long) d.precision() - d.scale() > 16) {
            throw new EntryRejected(field, "'" + shown + "' is out of range; expected less than " + MAX_AMOUNT.toPlainString());
        }
        if (d.scale() > MAX_DECIMALS && d.signum() != 0 && d.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new EntryRejected(field, "'" + shown + "' has more than " + MAX_DECIMALS + " decimal places");
        }
        if (d.abs().compareTo(MAX_AMOUNT) >= 0) {
            throw new EntryRejected(field, "'" + shown + "' is out of range; expected less than " + MAX_AMOUNT.toPlainString());
        }
        return d.signum() == 0 && d.scale() > MAX_DECIMALS ? BigDecimal.ZERO : d;
    }
}
