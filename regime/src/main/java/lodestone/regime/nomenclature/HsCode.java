package lodestone.regime.nomenclature;

/** A Harmonized System 2022 code (2, 4 or 6 digits) with its description and parent. */
public record HsCode(String code, int level, String description, String parent) {
}
