package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static lodestone.border.BundledRegimeAssessmentTest.charged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measure not charged because another takes precedence is cited per pair: the stacking rules of the bundled regime
 * (curated/stacking.yaml, generated/stacking.yaml) in the explaining trail, as text and on the step — the boundary dates
 * a protest turns on (EO 14289 until 2025-06-03, Proclamation 10947 from 2025-06-04; the Section 301 action on 60
 * economies from 2026-07-24).
 */
class StackingCitationTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry e(String hts, String origin, String date) {
        return Entry.of(hts, origin, LocalDate.parse(date), new BigDecimal("10000"), new BigDecimal("1000"), Units.KG);
    }

    static Assessment.TrailStep step(Assessment a, String id) {
        return a.trail().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    static final String EO14289 = "eo14289-canada-mexico-over-s232: Executive Order 14289 (2025-04-29, 90 FR 18907), sec. 3(a)(ii): an "
            + "article subject to the duties of EO 14193 (Canada) or EO 14194 (Mexico) is not subject to additional tariffs under the "
            + "steel and aluminum proclamations (sec. 2(d), 2(e)); sec. 5(d): for entries from 2025-03-04";
    static final String P10947 = "p10947-s232-over-canada-mexico: Proclamation 10947 (2025-06-03, 90 FR 24199), cl. (5): EO 14289 sec. "
            + "3(a)(ii) as amended for entries from 2025-06-04 — an article subject to the steel or aluminum Section 232 duties is not "
            + "subject to the duties of EO 14193 (Canada) or EO 14194 (Mexico)";

    @Test
    void canadianSteelOn2025_06_03OwesTheIeepaDutyAndTheTrailCitesEo14289() {
        Assessment a = law.assess(e("7208.10.15.00", "CA", "2025-06-03"));
        assertThat(charged(a, "9903.01.10")).isEqualByComparingTo("2500.00");
        assertThat(charged(a, "9903.80.01")).isNull();
        assertThat(step(a, "9903.80.01").text()).isEqualTo("9903.80.01 (Section 232 duty on steel articles (U.S. Note 16), 25 %, country "
                + "exemptions ended) not charged: the whole customs value $10,000.00 is charged under a measure that displaces it, less "
                + "$10,000.00 charged under 9903.01.10 (does not stack — " + EO14289 + ") [Proclamation 10896 (2025-02-10), Adjusting "
                + "Imports of Steel into the United States; HTS Chapter 99 U.S. Note 16, 2025-03-12]");
        assertThat(step(a, "9903.80.01").stacking()).containsExactly(new Assessment.Stacked("9903.01.10", "eo14289-canada-mexico-over-s232",
                EO14289.substring(EO14289.indexOf(": ") + 2), null));
    }

    @Test
    void canadianSteelOn2025_06_04OwesSection232AndTheTrailCitesProclamation10947() {
        Assessment a = law.assess(e("7208.10.15.00", "CA", "2025-06-04"));
        assertThat(charged(a, "9903.81.87")).isEqualByComparingTo("5000.00");
        assertThat(charged(a, "9903.01.10")).isNull();
        assertThat(step(a, "9903.01.10").text()).isEqualTo("9903.01.10 (IEEPA duty on products of Canada) not charged: the whole customs "
                + "value $10,000.00 is charged under a measure that displaces it, less $10,000.00 charged under 9903.81.87 (does not stack "
                + "— " + P10947 + ") [Executive Order 14193 (2025-02-01); HTS Chapter 99 U.S. Note 2]");
    }

    @Test
    void theReciprocalDutyOnTheNonCopperValueCitesEo14257AndTheHtsHeadingText() {
        Assessment a = law.assess(e("7408.11.30.00", "CN", "2025-08-01").withMetalContentValue(new BigDecimal("8000")));
        assertThat(charged(a, "9903.78.01")).isEqualByComparingTo("4000.00");
        assertThat(charged(a, "9903.01.25")).isEqualByComparingTo("200.00");
        assertThat(charged(a, "9903.01.24")).isEqualByComparingTo("2000.00"); // EO 14289 sec. 4(b): the China opioid duty stacks
        Assessment.TrailStep s = step(a, "9903.01.25");
        assertThat(s.text()).startsWith("9903.01.25 10.00% × $2,000.00 = $200.00 (on customs value $10,000.00, less $8,000.00 charged "
                + "under 9903.78.01 (does not stack — eo14257-s232: Executive Order 14257 (2025-04-02), sec. 3(b): goods not subject to the "
                + "reciprocal duties include (ii) articles and derivatives of steel and aluminum subject to the Section 232 duties of "
                + "Proclamations 9704, 9705, 9980, 10895 and 10896, (iv) other products of Annex II, including copper, and (vi) articles "
                + "that may become subject to future Section 232 actions (the country rates of EO 14326, 9903.02.xx, amend that order); "
                + "copper-2025-07-30-over-reciprocal: Proclamation of 2025-07-30 (Adjusting Imports of Copper into the United States), "
                + "Annex: U.S. note 2(v)(xii) — the additional duties of headings 9903.01.25, 9903.01.35, 9903.01.39 and "
                + "9903.01.43-9903.01.76 shall not apply to the semi-finished copper and intensive copper derivative products of "
                + "9903.78.01; cl. (4): the non-copper content remains subject to the reciprocal duties; "
                + "s232-ieepa-reciprocal-hts: HTS 2026 Basic Edition, Chapter 99: headings 9903.01.25, 9903.01.43–.76, 9903.02.02–.73, "
                + "9903.02.79–.80, 9903.02.82–.83, 9903.02.87–.88 each except the products described in a list of headings that names "
                + "9903.01.33; heading 9903.01.33: the Section 232 articles");
        assertThat(s.stacking()).extracting(Assessment.Stacked::rule).containsExactly("eo14257-s232", "copper-2025-07-30-over-reciprocal",
                "s232-ieepa-reciprocal-hts");
        assertThat(step(a, "9903.01.24").stacking()).isEmpty();
    }

    @Test
    void euAluminiumFrom2026_07_24IsSparedTheForcedLabourSection301DutyUnderNote52f() {
        Assessment a = law.assess(e("7601.10.30.00", "DE", "2026-07-24"));
        assertThat(a.totalDuty()).isEqualByComparingTo("5260.00");
        assertThat(step(a, "9903.05.39").text()).contains("less $10,000.00 charged under 9903.82.02 (does not stack — "
                + "s232-s301-forced-labor-52f: FR Doc 2026-15181 (91 FR 47318); HTSUS U.S. note 52(f) (exception heading 9903.05.90): "
                + "articles subject to enumerated Section 232 actions: (1) steel/aluminum/copper 9903.82.02 and 9903.82.04-.26;");
    }
}
