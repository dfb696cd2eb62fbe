package lodestone.border;

import lodestone.border.bulk.EntryFields;
import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static lodestone.border.BundledRegimeAssessmentTest.charged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mineral chapters' content units (mtu WO3 converted to kg W; a bare "kg" read as the line's only
 * content basis, with the assumption stated; magnesium content and lead's value now translated), Brazil's own EO 14323
 * exemption annexes, and the conditional and own-list exemptions of the Section 301 action on 60
 * economies — each with the amount worked by hand in the comment.
 */
class MineralContentAndExemptionsTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    /** An entry as the CLI and the bulk reader build it, from named fields. */
    static Entry fields(String hts, String origin, String date, String value, String quantity, String contentQuantity,
                        String contentUnit) {
        Map<String, String> f = new HashMap<>();
        f.put("line_id", "1");
        f.put("hts", hts);
        f.put("origin", origin);
        f.put("entry_date", date);
        f.put("customs_value", value);
        f.put("currency", "USD");
        f.put("quantity", quantity);
        f.put("unit", "kg");
        f.put("content_quantity", contentQuantity);
        f.put("content_unit", contentUnit);
        return new EntryFields().parse(f::get, 1);
    }

    @Test
    void tungstenConcentrateDeclaredInMtuOfWo3IsConvertedToKgOfTungsten() {
        // 2611.00.60.00: 37.5 ¢/kg on tungsten content. 100 mtu WO3 = 1,000 kg WO3; W is 0.79297 of WO3's mass,
        // so 792.97 kg W; 0.375 × 792.97 = 297.36375 → $297.36.
        Entry e = fields("2611.00.60.00", "CL", "2026-03-02", "50000", "1500", "100", "mtu WO3");
        Assessment a = law.assess(e);
        assertThat(charged(a, "general")).isEqualByComparingTo("297.36");
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text())
                .contains("content 100 mtu WO3 converted to 792.97 kg W (100 mtu = 1000 kg WO3 × 0.79297")
                .contains("183.84 / (183.84 + 3 × 15.999)"));
        assertThat(a.warnings()).anySatisfy(w -> assertThat(w).startsWith("assumption: content 100 mtu WO3 converted to 792.97 kg W"));
        // declared in kg W, nothing is assumed: 0.375 × 792.97 is the same $297.36
        Assessment direct = law.assess(fields("2611.00.60.00", "CL", "2026-03-02", "50000", "1500", "792.97", "kg W"));
        assertThat(charged(direct, "general")).isEqualByComparingTo("297.36");
        assertThat(direct.warnings()).noneSatisfy(w -> assertThat(w).startsWith("assumption:"));
        // the bulk path gives the same amount (the fast path leaves content-based duties to the full path)
        assertThat(charged(law.assessBulk(e), "general")).isEqualByComparingTo("297.36");
    }

    @Test
    void aBareKgOnALineWithOneContentBasisIsReadAsThatBasisAndSaysSo() {
        // 2613.10.00.00: 12.8 ¢/kg on Mo content + 1.8 %. "5500 kg" read as 5,500 kg Mo:
        // 0.128 × 5,500 = 704.00, plus 1.8 % × 100,000 = 1,800.00 → $2,504.00.
        Entry e = fields("2613.10.00.00", "CL", "2026-03-02", "100000", "10000", "5500", "kg");
        Assessment a = law.assess(e);
        assertThat(charged(a, "general")).isEqualByComparingTo("2504.00");
        assertThat(a.trail()).anySatisfy(t -> {
            assertThat(t.outcome()).isEqualTo("assumption");
            assertThat(t.text()).contains("content 5500 kg declared without a basis, read as 5500 kg Mo: Mo is the only content "
                    + "basis of the duties on 2613.10.00.00");
        });
        assertThat(a.warnings()).anySatisfy(w -> assertThat(w).contains("read as 5500 kg Mo"));
        assertThat(charged(law.assessBulk(e), "general")).isEqualByComparingTo("2504.00");
    }

    @Test
    void aBareKgIsRefusedWhereTheLineChargesOnSeveralBasesAndUnusedWhereOnNone() {
        // 2603.00.00 (copper ores): general on Pb content, column 2 on Cu, Pb and Zn — which is meant cannot be known
        assertThatThrownBy(() -> law.assess(fields("2603.00.00", "CL", "2026-03-02", "10000", "1000", "300", "kg")))
                .isInstanceOfSatisfying(EntryRejected.class, r -> {
                    assertThat(r.field()).isEqualTo("content_unit");
                    assertThat(r.reason()).contains("charged on several (Cu, Pb, Zn)").contains("e.g. 'kg Cu'");
                });
        // 2846.90.80 charges 3.7 % of value only: the content is not needed, and the answer says it was not used
        Assessment a = law.assess(fields("2846.90.80.90", "CL", "2026-03-02", "10000", "1000", "300", "kg"));
        assertThat(charged(a, "general")).isEqualByComparingTo("370.00"); // 3.7 % × 10,000
        assertThat(a.warnings()).anySatisfy(w -> assertThat(w).contains("content 300 kg (no basis) not used"));
    }

    @Test
    void magnesiumIsChargedOnItsContentNowThatTheRateIsTranslated() {
        // 8104.90.00.00: 14.8 ¢/kg on magnesium content + 3.5 %. 800 kg Mg: 0.148 × 800 = 118.40, plus
        // 3.5 % × 20,000 = 700.00 → $818.40.
        Assessment a = law.assess(fields("8104.90.00.00", "CL", "2026-03-02", "20000", "1000", "800", "kg Mg"));
        assertThat(charged(a, "general")).isEqualByComparingTo("818.40");
        assertThat(a.warnings()).noneSatisfy(w -> assertThat(w).contains("not modelled"));
    }

    @Test
    void leadIsChargedOnTheValueOfItsLeadContent() {
        // 7801.99.90 (lead alloys): "2.5 % on the value of the lead content" = 2.5% of Pb. Value $10,000 of which
        // lead $9,000 (metal_content_value): 2.5 % × 9,000 = $225.00
        Entry alloy = Entry.of("7801.99.90.50", "CL", LocalDate.parse("2026-03-02"), new BigDecimal("10000"),
                new BigDecimal("1000"), Units.KG);
        Assessment a = law.assess(alloy.withMetalContentValue(new BigDecimal("9000")));
        assertThat(charged(a, "general")).isEqualByComparingTo("225.00");
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text()).contains("2.50% × $9,000.00 (value of the Pb content)"));
        assertThat(charged(law.assessBulk(alloy.withMetalContentValue(new BigDecimal("9000"))), "general")).isEqualByComparingTo("225.00");
        // without the lead value: no amount for the base rate, and a warning says what to declare
        Assessment without = law.assess(alloy);
        assertThat(charged(without, "general")).isNull();
        assertThat(without.warnings()).anySatisfy(w -> assertThat(w).contains("general rate '2.5% on the value of the lead content' "
                + "(2.5% of Pb) is charged on the value of the Pb content: declare metal_content_value; no amount computed"));
    }

    /**
     * A declared metal-content value that no duty is charged on is said, in both engines: aluminium derivatives from China
     * paid Section 232 on the aluminium content until 2026-04-05 (50 % × $6,000 = $3,000 under 9903.85.08, no warning); from
     * 2026-04-06 this line is in Annex II of Proclamation 11021 (no Section 232 duty) and nothing is on the content, so the
     * declared $6,000 changes nothing — and the answer says so.
     */
    @Test
    void aMetalContentValueNoDutyUsesIsSaid() {
        Entry d = Entry.of("9403.20.00.90", "CN", LocalDate.parse("2025-09-01"), new BigDecimal("10000"), new BigDecimal("100"), Units.KG)
                .withMetalContentValue(new BigDecimal("6000"));
        String unused = "metal_content_value declared but not used: no duty charged on 9403.20.00.90 on this date and origin is on "
                + "the value of a metal content (the amounts are on the customs value)";
        Assessment used = law.assess(d);
        assertThat(charged(used, "9903.85.08")).isEqualByComparingTo("3000.00");
        assertThat(used.warnings()).doesNotContain(unused);
        assertThat(law.assessBulk(d).warnings()).doesNotContain(unused);
        Entry later = d.withDate(LocalDate.parse("2026-05-01"));
        assertThat(law.assess(later).warnings()).contains(unused);
        assertThat(law.assessBulk(later).warnings()).contains(unused);
        assertThat(law.assess(later.withMetalContentValue(null)).warnings()).doesNotContain(unused);
    }

    static Entry e(String hts, String origin, String date) {
        return Entry.of(hts, origin, LocalDate.parse(date), new BigDecimal("10000"), new BigDecimal("100"), Units.KG);
    }

    @Test
    void brazilHasItsOwnExemptionAnnexNotTheReciprocalOne() {
        // 2801.20.00 (iodine) is on the reciprocal Annex II but not on EO 14323's annex: 40 % × 10,000 = $4,000
        assertThat(charged(law.assess(e("2801.20.00.00", "BR", "2025-09-01")), "9903.01.77")).isEqualByComparingTo("4000.00");
        // 0801.21.00 (Brazil nuts) is on EO 14323 Annex I (9903.01.81) from the start
        assertThat(charged(law.assess(e("0801.21.00.00", "BR", "2025-09-01")), "9903.01.77")).isNull();
        // 0201.10.05 (beef) was added on 2025-11-13 (9903.01.90): charged the day before, exempt from that day
        assertThat(charged(law.assess(e("0201.10.05.10", "BR", "2025-11-12")), "9903.01.77")).isEqualByComparingTo("4000.00");
        assertThat(charged(law.assess(e("0201.10.05.10", "BR", "2025-11-13")), "9903.01.77")).isNull();
    }

    @Test
    void section232GoodsOfBrazilAndIndiaAreCarvedOutOfTheirIeepaDuties() {
        // 7208.51.00.60 (steel plate) on 2025-09-01: Section 232 at 50 % on the full value; the 40 % (Brazil) and
        // 25 % (India) are not charged on what Section 232 charges (9903.01.83 / .87)
        Assessment br = law.assess(e("7208.51.00.60", "BR", "2025-09-01"));
        assertThat(charged(br, "9903.01.77")).isNull();
        assertThat(br.totalDuty()).isEqualByComparingTo("5000.00");
        Assessment in = law.assess(e("7208.51.00.60", "IN", "2025-09-01"));
        assertThat(charged(in, "9903.01.84")).isNull();
        assertThat(in.totalDuty()).isEqualByComparingTo("5000.00");
    }

    @Test
    void theSixtyEconomyActionExemptsEndUseGoodsOnlyWithTheStatement() {
        // 2806.10.00 (hydrogen chloride) is exempt only for pharmaceutical use (9903.05.89). From Australia
        // (flat 12.5 %, heading 9903.05.23), free base: 12.5 % × 10,000 = $1,250 without the statement, nothing with it.
        Entry hcl = e("2806.10.00.00", "AU", "2026-08-01");
        assertThat(charged(law.assess(hcl), "9903.05.23")).isEqualByComparingTo("1250.00");
        Assessment certified = law.assess(hcl.withDocuments(Set.of("s301-fl-pharmaceutical-use-certification")));
        assertThat(charged(certified, "9903.05.23")).isNull();
        assertThat(certified.trail()).anySatisfy(t -> assertThat(t.text()).contains("[9903.05.89]"));
        // a civil-aircraft statement does not exempt a pharmaceutical-use line
        assertThat(charged(law.assess(hcl.withDocuments(Set.of("s301-fl-civil-aircraft-use-certification"))), "9903.05.23"))
                .isEqualByComparingTo("1250.00");
    }

    @Test
    void anEconomysOwnListExemptsItsLinesAndNoOneElses() {
        // 3823.19.20 (palm fatty acids, 2.3 %) is on Guatemala's own list (52(j)), not on the common one:
        // Guatemala pays no 9903.05.40; Australia pays 12.5 % × 10,000 = $1,250 besides the 2.3 % = $230
        assertThat(charged(law.assess(e("3823.19.20.00", "GT", "2026-08-01")), "9903.05.40")).isNull();
        Assessment au = law.assess(e("3823.19.20.00", "AU", "2026-08-01"));
        assertThat(charged(au, "9903.05.23")).isEqualByComparingTo("1250.00");
        assertThat(au.totalDuty()).isEqualByComparingTo("1480.00");
    }
}
