package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values in another currency are converted at the rate for the date of exportation, not the date of entry: "the date of
 * exportation of the merchandise shall be the date for conversion of foreign currency" (19 CFR 159.32, 31 U.S.C.
 * 5151(e)); the date of exportation is the date the goods finally leave the country of exportation for the United States
 * (19 CFR 152.1(c)), which a line declares as its loaded date. Reported by an audit: tungsten wire (8101.96.00.00) of
 * Germany, EUR 10,000, loaded 2026-02-20 and entered 2026-03-02, was converted at March's rate (1.15567 USD/EUR,
 * $11,556.70) instead of February's (1.18245, $11,824.50): $267.80 of customs value and $31.42 of duty off. Worked by hand
 * from the bundled regime's generated/fx-rates.csv (FRED monthly averages EXUSEU): 10,000 × 1.18245 = $11,824.50; general
 * 4.4 % = $520.278 → $520.28; Section 122 10 % (in force on the entry date) = $1,182.45; total $1,702.73. The rates are
 * now held as FRED's series are quoted in the source, EUR per USD (a customs broker's review: 1.18245 and 1.15567 were
 * inversions rounded to six digits): 10,000 ÷ 0.8457 = $11,824.52 (2 cents less; the duties do not move) and 10,000 ÷
 * 0.8653 = $11,556.69 (1 cent less).
 */
class ExportDateConversionTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry wire(String entered) {
        return Entry.of("8101.96.00.00", "DE", LocalDate.parse(entered), new BigDecimal("10000"), new BigDecimal("100"), Units.KG)
                .withCurrency("EUR");
    }

    static Assessment.TrailStep fx(Assessment a) {
        return a.trail().stream().filter(t -> t.id().equals("fx")).findFirst().orElseThrow();
    }

    @Test
    void theLoadedDateIsTheDateOfExportationTheValuesAreConvertedOn() {
        Assessment a = law.assess(wire("2026-03-02").withLoadedDate(LocalDate.of(2026, 2, 20)));
        assertThat(a.customsValueUsd()).isEqualByComparingTo("11824.52");
        assertThat(a.charges()).extracting(Assessment.Charge::id, Assessment.Charge::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("general", new BigDecimal("520.28")),
                        org.assertj.core.groups.Tuple.tuple("9903.03.01", new BigDecimal("1182.45")));
        assertThat(a.totalDuty()).isEqualByComparingTo("1702.73");
        assertThat(fx(a).text()).isEqualTo("customs value EUR 10,000.00 ÷ 0.8457 EUR per USD (the monthly average for 2026-02, FRED; "
                + "the rate for the date of exportation, the loaded date 2026-02-20: 19 CFR 159.32) = $11,824.52");
        // the bulk path (the fast path takes US dollars only) gives the same figures
        assertThat(law.assessBulk(wire("2026-03-02").withLoadedDate(LocalDate.of(2026, 2, 20))).totalDuty()).isEqualByComparingTo("1702.73");
    }

    @Test
    void withoutALoadedDateTheEntryDateIsUsedAndTheTrailSaysSo() {
        Assessment a = law.assess(wire("2026-03-02"));
        assertThat(a.customsValueUsd()).isEqualByComparingTo("11556.69");
        assertThat(fx(a).text()).isEqualTo("customs value EUR 10,000.00 ÷ 0.8653 EUR per USD (the monthly average for 2026-03, FRED; "
                + "the rate for the entry date: no loaded date declared, and 19 CFR 159.32 converts at the date of exportation) = $11,556.69");
    }

    @Test
    void aRateIsStaleOrNotByTheDateItConvertsFor() {
        // the latest EUR rate is the snapshot of 2026-09-29; goods loaded 2026-10-20 are 21 days from it (not stale), though
        // entered 2026-11-15 (47 days): the horizon's date warning stays, the exchange-rate warning does not
        Assessment fresh = law.assess(wire("2026-11-15").withLoadedDate(LocalDate.of(2026, 10, 20)));
        assertThat(fresh.warnings()).anyMatch(w -> w.startsWith("regime horizon: the entry date 2026-11-15 is after 2026-10-07"))
                .noneMatch(w -> w.startsWith("regime horizon: converted from EUR"));
        // loaded 2026-11-20: 52 days after the rate, said against the date of exportation
        Assessment stale = law.assess(wire("2026-12-01").withLoadedDate(LocalDate.of(2026, 11, 20)));
        assertThat(stale.warnings()).contains("regime horizon: converted from EUR at 0.88022588 EUR per USD, the latest rate in the regime "
                + "(observed 2026-09-29), 52 days before the date of exportation (the loaded date) 2026-11-20 (older than the stated 31 days); "
                + "the amount in US dollars may be off by the exchange-rate movement since");
        // without a loaded date, as before: against the entry date
        assertThat(law.assess(wire("2026-11-15")).warnings()).contains("regime horizon: converted from EUR at 0.88022588 EUR per USD, the latest "
                + "rate in the regime (observed 2026-09-29), 47 days before the entry date 2026-11-15 (older than the stated 31 days); "
                + "the amount in US dollars may be off by the exchange-rate movement since");
    }

    /**
     * Reported by the fx review: the US-content share (IEEPA: at least 20 % of the value, and the duty is charged on the value
     * less the US content) was decided on the two amounts each rounded to the cent in dollars. A Guatemalan line of GTQ 10,000
     * with GTQ 2,000 of US content — exactly 20 % — became $1,304.52 and $260.90 (0.13045203 USD/GTQ), 19.9985 %, and was
     * charged 10 % on the whole $1,304.52 ($130.45), the trail saying "on value less US content $1,304.52". The share is of
     * the amounts as declared, in their one currency: 10 % × ($1,304.52 − $260.90) = $104.36, as the same line in dollars.
     */
    @Test
    void theUsContentShareIsOfTheDeclaredAmountsNotOfTheirRoundedDollars() {
        Entry gt = Entry.of("3926.90.99.89", "GT", LocalDate.parse("2025-10-15"), new BigDecimal("10000"), new BigDecimal("100"), Units.KG)
                .withCurrency("GTQ").withUsContentValue(new BigDecimal("2000"));
        Assessment a = law.assess(gt);
        assertThat(a.customsValueUsd()).isEqualByComparingTo("1304.52");
        assertThat(BundledRegimeAssessmentTest.charged(a, "9903.01.25")).isEqualByComparingTo("104.36");
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text())
                .startsWith("9903.01.25 10.00% × $1,043.62 = $104.36 (on value less US content $1,043.62; the US content $260.90 is "
                        + "entered under heading 9903.01.34, not charged: the US content of an article whose US content is at least "
                        + "20 % of its customs value (HTS chapter 99, subchapter III, U.S. note 2(v)(xvi)))"));
        assertThat(law.assessWithoutTrail(gt).totalDuty()).isEqualByComparingTo(a.totalDuty());
        // a cent of US content less is under 20 %: the whole value
        Assessment under = law.assess(gt.withUsContentValue(new BigDecimal("1999.99")));
        assertThat(BundledRegimeAssessmentTest.charged(under, "9903.01.25")).isEqualByComparingTo("130.45");
        // and the trail does not call the whole value "value less US content" (it did)
        assertThat(under.trail()).anySatisfy(t -> assertThat(t.text())
                .startsWith("9903.01.25 10.00% × $1,304.52 = $130.45 (on customs value, the US content under 20 %, $1,304.52)"));
    }
}
