package lodestone.regime.mineral;

/**
 * A mineral of the 2025 US List of Critical Minerals (90 FR 50494, 2025-11-07).
 *
 * @param id          lower-case, hyphenated name (e.g. {@code metallurgical-coal})
 * @param family      e.g. "rare earth (lanthanide)" or "platinum-group metal"; empty when none
 * @param on2022List  also on the 2022 list of 50
 * @param newIn2025   added by the 2025 final list
 */
public record Mineral(String id, String name, String symbol, String family, boolean on2022List, boolean newIn2025,
                      String basisForAddition) {
}
