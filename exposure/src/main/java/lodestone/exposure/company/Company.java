package lodestone.exposure.company;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A company as its exposure file describes it (docs/exposure-format.md): products with their bills of
 * materials down to mineral content, the sourcing lines that feed them, and the contracts that price
 * those lines. Read and validated by {@link CompanyFile}; immutable. Money in the line's currency
 * (USD unless given), quantities in each line's unit.
 */
public record Company(String name, String importer, LocalDate date, List<Product> products, List<SourcingLine> sourcing,
                      List<Contract> contracts, String file, Map<String, Integer> fieldLines) {

    /**
     * A product: made {@code annualVolume} units a year; each unit uses {@code bom} quantities of sourcing
     * lines (in the line's unit) and contains {@code mineralsKg} (kg of each regime mineral per unit).
     */
    public record Product(String id, String name, BigDecimal annualVolume, List<BomItem> bom, Map<String, BigDecimal> mineralsKg, int line) { }

    /** {@code quantity} of sourcing line {@code line} per unit of the product; {@code at}: the file line of the item. */
    public record BomItem(String line, BigDecimal quantity, int at) { }

    /**
     * A purchased material or component: from {@code supplier} in {@code origin}, classified {@code hts},
     * {@code quantity} a year in {@code unit} at {@code price} per unit (the price today) on {@code incoterm};
     * {@code freight} per unit is the international freight and insurance (inside the price for C- and D-terms,
     * paid on top for E- and F-terms). {@code market}: the bundled market whose price moves this line's price,
     * for {@code marketShare} of it. {@code preference} with {@code bomJson}: a claimed program with its bill of
     * materials (docs/origin-format.md), checked on assessment. {@code path} ({@code sourcing[2]}) and {@code fieldLines}
     * (the file line of each field given, by its key: {@code unit}, {@code content.quantity}…) locate a problem found later,
     * when the line is assessed, at the field's own line.
     */
    public record SourcingLine(String id, String material, String supplier, String origin, String hts, BigDecimal quantity, String unit,
                               BigDecimal price, String currency, String incoterm, BigDecimal freight, BigDecimal contentQuantity,
                               String contentUnit, List<String> documents, String preference, String bomFile, String bomJson,
                               String market, BigDecimal marketShare, String contract, int line, String path,
                               Map<String, Integer> fieldLines, List<String> productionRegions, String endUse,
                               BigDecimal metalContentValue) {
        public SourcingLine {
            productionRegions = productionRegions == null ? List.of() : List.copyOf(productionRegions);
        }

        /** The file line of {@code key} (e.g. {@code unit}, {@code content.unit}), or the line's first line when it is not given. */
        public int lineOf(String key) {
            return fieldLines.getOrDefault(key, line);
        }
    }

    public enum ContractType { FIXED, INDEXED, FLOOR_LINKED, COLLAR }

    /**
     * The terms of a line's price from {@code start} to {@code end} (inclusive) for up to {@code volume} a year
     * (null: the line's whole quantity) — a yearly rate, not a total over the contract's dates: in each month within its
     * dates the contract covers volume ÷ 12 of the line's quantity ÷ 12 bought that month (docs/exposure-format.md). Fixed: the line's price today. Indexed: today's price moved by its
     * market, {@code lagMonths} late. Floor-linked: indexed, but never below {@code floor}. Collar: indexed,
     * kept between {@code floor} and {@code cap}. Outside its dates, or beyond its volume, a line pays spot
     * (indexed without lag).
     */
    public record Contract(String id, ContractType type, LocalDate start, LocalDate end, BigDecimal volume, int lagMonths,
                           BigDecimal floor, BigDecimal cap, int line) { }

    public SourcingLine sourcingLine(String id) {
        for (SourcingLine l : sourcing) if (l.id().equals(id)) return l;
        return null;
    }

    public Contract contract(String id) {
        for (Contract c : contracts) if (c.id().equals(id)) return c;
        return null;
    }
}
