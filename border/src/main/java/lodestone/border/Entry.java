package lodestone.border;

import lodestone.regime.unit.Unit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One entry line as declared: what, from where, when, for how much — and where it matters the
 * contained content, the producer, the documents held and the preference claimed.
 *
 * @param lineId             the declarant's line reference (echoed in results)
 * @param hts                the HTS code as declared
 * @param origin             country of origin, ISO alpha-2
 * @param entryDate          date of entry for consumption (the date measures are taken on)
 * @param customsValue       customs value in {@code currency}
 * @param quantity           quantity in {@code unit}
 * @param contents           contained content by basis (e.g. 5,500 kg of Mo); several when a rate charges on
 *                           several (copper ores: Cu, Pb and Zn content)
 * @param documents          codes of the documents held (certificates, invoices)
 * @param preference         the special program claimed (e.g. P), or null
 * @param loadedDate         date loaded on the vessel, or null
 * @param usContentValue     US-content value in {@code currency}, or null
 * @param metalContentValue  value of the metal content in {@code currency} (Section 232), or null
 * @param productionRegions  the regions (ISO 3166-2 codes, e.g. CN-XJ) where the goods or any of their inputs were
 *                           mined, produced or manufactured, wholly or in part; empty when not declared (a declaration
 *                           is taken as complete: every such region is listed)
 * @param endUse             the end use the declarant states (e.g. civil-aircraft), or null
 */
public record Entry(String lineId, String hts, String origin, LocalDate entryDate, BigDecimal customsValue,
                    String currency, BigDecimal quantity, Unit unit, List<Content> contents, String exportCountry, String producer, String importer, Set<String> documents,
                    String preference, LocalDate loadedDate, BigDecimal usContentValue, BigDecimal metalContentValue,
                    BillOfMaterialsRef bom, java.util.List<String> productionRegions, String endUse) {

    /**
     * A quantity of contained content: 5,500 kg of Mo. The basis is null when the declarant gave a
     * bare unit ("kg"); the assessor then reads it as the line's only content basis, and says so.
     */
    public record Content(BigDecimal quantity, Unit unit, String basis) { }

    /** The content declared for a basis (case-insensitive), or null. */
    public Content content(String basis) {
        for (Content c : contents) if (c.basis() != null && c.basis().equalsIgnoreCase(basis)) return c;
        return null;
    }

    /** The same entry with these contents. */
    public Entry withContents(List<Content> cs) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, cs,
                exportCountry, producer, importer, documents, preference, loadedDate, usContentValue, metalContentValue, bom, productionRegions, endUse);
    }

    /** A bill of materials attached to a preference claim, as its file name and JSON text. */
    public record BillOfMaterialsRef(String fileName, String json) { }

    public Entry {
        documents = documents == null ? Set.of() : Set.copyOf(documents);
        contents = contents == null ? List.of() : List.copyOf(contents);
        // most lines declare none: no set is built for them (a bulk file reads a million lines; this is on its path)
        productionRegions = productionRegions == null || productionRegions.isEmpty() ? List.of()
                : List.copyOf(new java.util.LinkedHashSet<>(productionRegions));
    }

    /** An entry line without production regions or end use (the fields before they were added). */
    public Entry(String lineId, String hts, String origin, LocalDate entryDate, BigDecimal customsValue, String currency,
                 BigDecimal quantity, Unit unit, List<Content> contents, String exportCountry, String producer, String importer,
                 Set<String> documents, String preference, LocalDate loadedDate, BigDecimal usContentValue,
                 BigDecimal metalContentValue, BillOfMaterialsRef bom) {
        this(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer,
                documents, preference, loadedDate, usContentValue, metalContentValue, bom, List.of(), null);
    }

    /** The same entry declaring these production regions (ISO 3166-2 codes; empty: not declared). */
    public Entry withProductionRegions(List<String> regions) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer,
                documents, preference, loadedDate, usContentValue, metalContentValue, bom, regions, endUse);
    }

    /** The same entry declaring this end use (null: none declared). */
    public Entry withEndUse(String use) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer,
                documents, preference, loadedDate, usContentValue, metalContentValue, bom, productionRegions, use);
    }

    /** A builder for tests and the CLI: only the required fields, the rest set with withers. */
    public static Entry of(String hts, String origin, LocalDate date, BigDecimal value, BigDecimal quantity, Unit unit) {
        return new Entry("1", hts, origin, date, value, "USD", quantity, unit, List.of(), null, null, null,
                Set.of(), null, null, null, null, null);
    }

    public Entry withLineId(String id) {
        return new Entry(id, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer, documents, preference, loadedDate, usContentValue,
                metalContentValue, bom, productionRegions, endUse);
    }

    public Entry withCurrency(String c) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, c, quantity, unit, contents, exportCountry, producer, importer, documents, preference, loadedDate, usContentValue,
                metalContentValue, bom, productionRegions, endUse);
    }

    /** Adds a content quantity (replacing one of the same basis). */
    public Entry withContent(BigDecimal q, Unit u, String basis) {
        List<Content> cs = new java.util.ArrayList<>();
        for (Content c : contents) if (c.basis() == null || !c.basis().equalsIgnoreCase(basis)) cs.add(c);
        cs.add(new Content(q, u, basis));
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, cs,
                exportCountry, producer, importer, documents, preference, loadedDate, usContentValue, metalContentValue, bom, productionRegions, endUse);
    }

    public Entry withProducer(String p) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, p, importer, documents, preference, loadedDate, usContentValue, metalContentValue, bom, productionRegions, endUse);
    }

    public Entry withDocuments(Set<String> docs) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer, docs, preference, loadedDate, usContentValue, metalContentValue, bom, productionRegions, endUse);
    }

    public Entry withPreference(String p) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer, documents, p, loadedDate, usContentValue, metalContentValue, bom, productionRegions, endUse);
    }

    public Entry withLoadedDate(LocalDate d) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer, documents, preference, d, usContentValue, metalContentValue, bom, productionRegions, endUse);
    }

    public Entry withUsContentValue(BigDecimal v) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer, documents, preference, loadedDate, v, metalContentValue, bom, productionRegions, endUse);
    }

    public Entry withMetalContentValue(BigDecimal v) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer, documents, preference, loadedDate, usContentValue, v, bom, productionRegions, endUse);
    }

    public Entry withExportCountry(String c) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, c, producer, importer, documents, preference, loadedDate, usContentValue, metalContentValue, bom, productionRegions, endUse);
    }

    /** The same entry from another country of origin (ISO alpha-2). */
    public Entry withOrigin(String o) {
        return new Entry(lineId, hts, o, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer, documents, preference, loadedDate, usContentValue,
                metalContentValue, bom, productionRegions, endUse);
    }

    public Entry withDate(LocalDate d) {
        return new Entry(lineId, hts, origin, d, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer, documents, preference, loadedDate, usContentValue,
                metalContentValue, bom, productionRegions, endUse);
    }

    public Entry withBom(BillOfMaterialsRef b) {
        return new Entry(lineId, hts, origin, entryDate, customsValue, currency, quantity, unit, contents, exportCountry, producer, importer, documents, preference, loadedDate, usContentValue,
                metalContentValue, b, productionRegions, endUse);
    }
}
