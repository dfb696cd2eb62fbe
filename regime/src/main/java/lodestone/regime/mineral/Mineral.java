package lodestone.regime.mineral;

/**
 * A mineral of the 2025 US List of Critical Minerals (90 FR 50494, 2025-11-07).
 *
 * @param id          lower-case, hyphenated name (e.g. {@code metallurgical-coal})
 * @param family      e.g. "rare earth (lanthanide)" or "platinum-group metal"; empty when none
 * @param on2022List  also on the 2022 list of 50
 * @param newIn2025   added by the 2025 final list
 * @param inDraft2025 on the draft list of 2025-08-26 (90 FR 41591); null when the regime's minerals.csv does not say
 *                    (one imported before the column was carried)
 * @param note        the list table's note (e.g. proposed for removal in the draft, retained), null when none
 */
public record Mineral(String id, String name, String symbol, String family, boolean on2022List, boolean newIn2025,
                      String basisForAddition, Boolean inDraft2025, String note) {
}
