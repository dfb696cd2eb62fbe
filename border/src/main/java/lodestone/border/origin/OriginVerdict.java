package lodestone.border.origin;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer of an origin check. A good that does not qualify is an answer, not an error.
 *
 * @param agreement     the agreement's id (e.g. {@code cafta-dr})
 * @param qualifies     true when the good is originating
 * @param rule          what decided: a rule id and alternative ({@code GN29n-ch81-r29 (B)}), a general
 *                      provision ({@code GN 29(b)(iii) produced exclusively from originating materials}),
 *                      or {@code none} when no rule covers the good
 * @param citation      the legal text of {@code rule} (e.g. {@code HTSUS 2025 Rev.7, General Note 29(n), Chapter 81, rule 29})
 * @param rvcBuildUp    VOM / AV × 100 (GN 29(f)(i)(B)), rounded half-up to 2 decimals for display; the
 *                      thresholds were compared with the exact quotient
 * @param rvcBuildDown  (AV − VNM) / AV × 100 (GN 29(f)(i)(A)), rounded likewise
 * @param reasons       why, in order: the deciding test first, then each alternative that failed and the
 *                      materials that failed it, and any caveat (HS 2017/2022 gap, goods descriptions)
 * @param suggestions   what would make a non-qualifying good qualify (empty when it qualifies)
 * @param gap           true when the good's HS 2022 code has no rule because the rules were written for HS 2017
 */
public record OriginVerdict(String agreement, boolean qualifies, String rule, String citation, BigDecimal rvcBuildUp,
                            BigDecimal rvcBuildDown, List<String> reasons, List<String> suggestions, boolean gap) {

    public OriginVerdict {
        reasons = List.copyOf(reasons);
        suggestions = List.copyOf(suggestions);
    }

    /**
     * Whether the rules at hand could not decide: no rule applies to the good, and it is neither wholly obtained nor made
     * only of originating materials. Either the file does not cover its chapter, or its HS 2022 code is one that no rule
     * of a file numbered for HS 2017 names ({@link #gap()}; Lodestone does not apply a rule written for other codes).
     * Such a good is neither originating nor shown not to be.
     */
    public boolean undecided() {
        return !qualifies && rule.equals("none");
    }

    /** The answer in one word, for machines: {@code qualifies}, {@code does-not-qualify} or {@code not-decided}. */
    public String decision() {
        return qualifies ? "qualifies" : undecided() ? "not-decided" : "does-not-qualify";
    }

    /** The answer as a text answer heads it ({@code lodestone origin check}); the Origin page says the same. */
    public String heading() {
        if (qualifies) return "QUALIFIES";
        if (!undecided()) return "DOES NOT QUALIFY";
        return gap ? "NOT DECIDED (no rule names this HS 2022 code)" : "NOT DECIDED (no rule of the file covers it)";
    }

    /**
     * One line for a calculation trail: "qualifies under GN29n-ch81-r29 (B): alternative B of … met: build-up
     * RVC 38.00 % ≥ 35 % (GN 29(f)(i)(B))"; for a good that does not qualify, the rule, the RVC values, every
     * alternative's failure (materials' details left out) and the first suggestion.
     */
    public String explanation() {
        if (qualifies) return "qualifies under " + rule + (reasons.isEmpty() ? "" : ": " + reasons.get(0));
        StringBuilder sb = new StringBuilder("does not qualify under ").append(rule).append(" (build-up RVC ")
                .append(rvcBuildUp.toPlainString()).append(" %, build-down RVC ").append(rvcBuildDown.toPlainString())
                .append(" %)");
        String sep = ": ";
        for (String r : reasons) {
            if (r.startsWith(" ")) continue;
            sb.append(sep).append(r);
            sep = "; ";
        }
        if (!suggestions.isEmpty()) sb.append("; to qualify: ").append(suggestions.get(0));
        return sb.toString();
    }
}
