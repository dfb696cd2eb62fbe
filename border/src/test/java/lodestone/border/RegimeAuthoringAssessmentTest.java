package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;

import static lodestone.border.BundledRegimeAssessmentTest.charged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst's own regime — an overlay on the bundled one in a folder of its own (src/test/resources/analyst-floor:
 * a club with a gap in a membership, floors enforced by variable levies on non-members, a document condition with a
 * fallback rate, an exclusion, a stepped entry price) — assessed to exactly the figures worked out by hand.
 */
class RegimeAuthoringAssessmentTest {
    static Regime regime;
    static Assessor analyst;

    @BeforeAll
    static void load() throws URISyntaxException {
        regime = Regime.load(Path.of(RegimeAuthoringAssessmentTest.class.getResource("/analyst-floor/regime.yaml").toURI()).getParent());
        analyst = Assessor.compile(regime);
    }

    static final Set<String> DECLARED = Set.of("floor-price-declaration");

    static Entry li2co3(String origin, String date, String value, String quantity, lodestone.regime.unit.Unit unit) {
        return Entry.of("2836.91.00.50", origin, LocalDate.parse(date), new BigDecimal(value), new BigDecimal(quantity), unit)
                .withDocuments(DECLARED);
    }

    /** levy = max(0, floor − declared unit price) × quantity, in the floor's unit whatever unit the entry declares. */
    @Test
    void theLithiumCarbonateLevyIsTheGapToTheFloorTimesTheQuantity() {
        // $50,000 for 10,000 kg = 10 t: $5,000/t declared; (12,000 − 5,000) × 10 t = $70,000; general 3.7 % = $1,850
        Assessment kg = analyst.assess(li2co3("CL", "2026-05-01", "50000", "10000", Units.KG));
        assertThat(charged(kg, "floor-li2co3")).isEqualByComparingTo("70000.00");
        assertThat(kg.totalDuty()).isEqualByComparingTo("71850.00");
        // the same goods declared in pounds: 22,046.2262 lb = 10.0000000 t, the same levy to the cent
        Assessment lb = analyst.assess(li2co3("CL", "2026-05-01", "50000", "22046.2262185", Units.LB));
        assertThat(charged(lb, "floor-li2co3")).isEqualByComparingTo("70000.00");
        // at or above the floor: nothing; without the price declaration: the 30 % fallback on the value
        assertThat(charged(analyst.assess(li2co3("CL", "2026-05-01", "120000", "10000", Units.KG)), "floor-li2co3")).isEqualByComparingTo("0.00");
        Assessment undeclared = analyst.assess(li2co3("CL", "2026-05-01", "50000", "10000", Units.KG).withDocuments(Set.of()));
        assertThat(charged(undeclared, "floor-li2co3")).isEqualByComparingTo("15000.00"); // 30 % × 50,000
        // the excluded U.S.P. grade owes no levy
        Entry usp = Entry.of("2836.91.00.10", "CL", LocalDate.parse("2026-05-01"), new BigDecimal("50000"), new BigDecimal("10000"), Units.KG);
        assertThat(charged(analyst.assess(usp), "floor-li2co3")).isNull();
        // the bulk path gives the same figures
        assertThat(analyst.assessBulk(li2co3("CL", "2026-05-01", "50000", "10000", Units.KG)).totalDuty()).isEqualByComparingTo("71850.00");
    }

    /** A member is not levied while a member; in the gap between its two windows (April and May) it is. */
    @Test
    void aMembershipWithAGapIsLeviedOnlyInTheGap() {
        assertThat(charged(analyst.assess(li2co3("AU", "2026-03-31", "50000", "10000", Units.KG)), "floor-li2co3")).isNull();
        assertThat(charged(analyst.assess(li2co3("AU", "2026-04-01", "50000", "10000", Units.KG)), "floor-li2co3")).isEqualByComparingTo("70000.00");
        assertThat(charged(analyst.assess(li2co3("AU", "2026-05-31", "50000", "10000", Units.KG)), "floor-li2co3")).isEqualByComparingTo("70000.00");
        assertThat(charged(analyst.assess(li2co3("AU", "2026-06-01", "50000", "10000", Units.KG)), "floor-li2co3")).isNull();
        assertThat(charged(analyst.assess(li2co3("JP", "2026-04-15", "50000", "10000", Units.KG)), "floor-li2co3")).isNull();
    }

    /**
     * A floor in euros per pound of contained REO. 900 kg REO = 900 / 0.45359237 = 1,984.16036 lb; the floor's value is
     * 50 EUR × 1,984.16036 lb ÷ 0.8561 EUR/USD (May 2026 average, as quoted) = $115,883.68; the levy is that less the declared
     * $10,000 (the gap, in euros, times the quantity, converted): $105,883.68 (at the rounded inversion 1.16809 USD/EUR it was
     * $105,883.89, 21 cents more).
     */
    @Test
    void aFloorInEurosPerPoundOfContentIsConvertedBothWays() {
        Entry ndpr = Entry.of("2846.90.20.40", "CN", LocalDate.parse("2026-05-01"), new BigDecimal("10000"), new BigDecimal("1000"), Units.KG)
                .withContent(new BigDecimal("900"), Units.KG, "REO");
        Assessment a = analyst.assess(ndpr);
        assertThat(charged(a, "floor-ndpr-eur")).isEqualByComparingTo("105883.68");
        assertThat(a.warnings()).noneMatch(w -> w.contains("converted from EUR"));
        // the trail says the converted quantity to six decimals, marked approximate (it printed all 34 digits of the quotient)
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text()).contains(") × ≈1984.16036 lb REO"));
        assertThat(a.trail()).noneSatisfy(t -> assertThat(t.text()).containsPattern("\\d\\.\\d{7,}"));
    }

    /**
     * The floor's euros converted at a rate observed 52 days before the entry (the latest, 2026-09-29, for 2026-11-20) said
     * nothing: the staleness warning covered only a declared currency. A measure's own currency is warned the same way.
     */
    @Test
    void aFloorInAnotherCurrencyConvertedAtAStaleRateIsWarned() {
        Entry ndpr = Entry.of("2846.90.20.40", "CN", LocalDate.parse("2026-11-20"), new BigDecimal("10000"), new BigDecimal("1000"), Units.KG)
                .withContent(new BigDecimal("900"), Units.KG, "REO");
        String stale = "regime horizon: converted from EUR at 0.88022588 EUR per USD, the latest rate in the regime (observed 2026-09-29), "
                + "52 days before the entry date 2026-11-20 (older than the stated 31 days); the amount in US dollars may be off by the "
                + "exchange-rate movement since";
        Assessment a = analyst.assess(ndpr);
        assertThat(a.warnings()).contains(stale);
        assertThat(analyst.assessBulk(ndpr).warnings()).isEqualTo(a.warnings());
        // declared in euros too: said once
        Assessment eur = analyst.assess(ndpr.withCurrency("EUR"));
        assertThat(eur.warnings().stream().filter(w -> w.contains("converted from EUR"))).hasSize(1);
    }

    /**
     * Reported by the fx review: a line invoiced in euros exactly at a step written in euros fell below it. The declared unit
     * price was taken from the customs value in dollars rounded to the cent, converted back: EUR 40,040.00 for 1,001 kg
     * (40.00 EUR/kg) × 1.16809 = $46,770.3236, $46,770.32 as the customs value, and back 40,039.99723 EUR — 39.99999723 EUR/kg,
     * "below 40 EUR/kg": 20 % ($9,354.06) where the invoice meets the step and owes nothing. A price in the declared
     * currency is compared with the amount declared in it. (The rate is now the May 2026 average as quoted, 0.8561 EUR per
     * USD: EUR 40,040.00 is $46,770.24, 8 cents less than at the rounded inversion 1.16809.)
     */
    @Test
    void aStepInTheDeclaredCurrencyIsComparedWithTheDeclaredAmount(@org.junit.jupiter.api.io.TempDir Path tmp) throws java.io.IOException {
        java.nio.file.Files.writeString(tmp.resolve("regime.yaml"), "id: eur-steps\nextends: bundled\nfiles: {measures: [steps.yaml]}\n");
        java.nio.file.Files.writeString(tmp.resolve("steps.yaml"), """
                measures:
                  - id: entry-price-cobalt-eur
                    type: variable-levy
                    title: Stepped entry price on unwrought cobalt, in euros
                    products: {include: ["8105.20.60"]}
                    origins: {include: [ALL]}
                    valid: {from: 2026-01-01}
                    duty: "20%"
                    conditions:
                      - when: {unit-price-at-least: "40 EUR/kg"}
                        then: {apply: free}
                    legal-base: {instrument: analyst's proposal (test fixture)}
                """);
        Assessor steps = Assessor.compile(Regime.load(tmp));
        Entry at = Entry.of("8105.20.60.00", "CN", LocalDate.parse("2026-05-01"), new BigDecimal("40040.00"), new BigDecimal("1001"), Units.KG)
                .withCurrency("EUR");
        Assessment a = steps.assess(at);
        assertThat(a.customsValueUsd()).isEqualByComparingTo("46770.24");
        assertThat(charged(a, "entry-price-cobalt-eur")).isEqualByComparingTo("0.00");
        assertThat(steps.assessBulk(at).totalDuty()).isEqualByComparingTo(a.totalDuty());
        // a cent below the step is below it: 20 % × $46,770.23 (EUR 40,039.99 / 0.8561 = 46,770.2254) = $9,354.046 -> $9,354.05
        // (at 1.16809: $46,770.31 and $9,354.06)
        Assessment below = steps.assess(Entry.of("8105.20.60.00", "CN", LocalDate.parse("2026-05-01"),
                new BigDecimal("40039.99"), new BigDecimal("1001"), Units.KG).withCurrency("EUR"));
        assertThat(charged(below, "entry-price-cobalt-eur")).isEqualByComparingTo("9354.05");
    }

    /** A stepped entry price: the first threshold the declared unit price reaches decides; below every one, the duty. */
    @Test
    void theSteppedEntryPriceTakesTheFirstStepReached() {
        String[][] cases = {{"19999", "3999.80"}, {"20000", "2000.00"}, {"29999", "2999.90"}, {"30000", "1500.00"},
                {"39999", "1999.95"}, {"40000", "0.00"}};
        for (String[] c : cases) {
            Entry co = Entry.of("8105.20.60.00", "CN", LocalDate.parse("2026-05-01"), new BigDecimal(c[0]), new BigDecimal("1000"), Units.KG);
            assertThat(charged(analyst.assess(co), "entry-price-cobalt")).as("value " + c[0]).isEqualByComparingTo(c[1]);
        }
    }

    /**
     * Before the regime's first euro rate, a USD entry under a floor in euros was refused as "currency: no exchange rate for
     * EUR" — naming the entry's currency field, which says USD. The refusal now says it is the measure's currency.
     */
    @Test
    void aFloorInACurrencyWithoutARateYetRefusesTheLineSayingWhy() {
        Entry ndpr = Entry.of("2846.90.20.40", "CN", LocalDate.parse("2024-12-01"), new BigDecimal("10000"), new BigDecimal("1000"), Units.KG)
                .withContent(new BigDecimal("900"), Units.KG, "REO");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> analyst.assess(ndpr)).isInstanceOf(EntryRejected.class)
                .satisfies(t -> {
                    EntryRejected r = (EntryRejected) t;
                    assertThat(r.field()).isEqualTo("entry_date");
                    assertThat(r.getMessage()).contains("a measure on this line is written in EUR and the regime has no EUR exchange "
                            + "rate on or before 2024-12-01, so it cannot be converted to US dollars");
                });
    }

    /**
     * A raised floor that supersedes the club's floor from a date by {@code displaces}: the superseded price-gap levy was
     * charged beside the new one (two levies, $40,000 on goods $30 under the new floor), since displacement took only a
     * duty on a portion of value; it is now not charged where the displacing measure charges on the whole value.
     */
    @Test
    void aFloorDisplacedByARaisedFloorIsNotChargedBesideIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws java.io.IOException {
        java.nio.file.Files.writeString(tmp.resolve("regime.yaml"), "id: raised-floor\nextends: bundled:plurilateral\n"
                + "files: {measures: [raised.yaml]}\n");
        java.nio.file.Files.writeString(tmp.resolve("raised.yaml"), """
                measures:
                  - id: raised-ndpr-floor
                    type: variable-levy
                    title: "ILLUSTRATIVE: NdPr oxide floor raised to 130 USD/kg REO"
                    illustrative: true
                    agreement: plurilateral-illustrative
                    products: {include: ["2846.90.20.40", "2846.90.80.90"]}
                    origins: {include: [ALL], exclude: [PLURI-CLUB]}
                    valid: {from: 2027-07-01}
                    duty: free
                    conditions:
                      - when: {no-document: assay-certificate}
                        then: {apply: "30%"}
                      - when: {unit-price-below: "130 USD/kg of REO"}
                        then: {charge-difference: "130 USD/kg of REO"}
                    displaces: [pluri-floor-ndpr-oxide]
                    legal-base: {instrument: "ILLUSTRATIVE: revised floor"}
                """);
        Assessor raised = Assessor.compile(Regime.load(tmp));
        java.util.function.Function<String, Entry> ndpr = date -> Entry.of("2846.90.20.40", "CN", LocalDate.parse(date),
                        new BigDecimal("100000"), new BigDecimal("1000"), Units.KG)
                .withContent(new BigDecimal("1000"), Units.KG, "REO").withDocuments(Set.of("assay-certificate"));
        // before the new floor: the club's, (110 − 100) × 1,000 kg REO
        Assessment before = raised.assess(ndpr.apply("2027-06-30"));
        assertThat(charged(before, "pluri-floor-ndpr-oxide")).isEqualByComparingTo("10000.00");
        assertThat(charged(before, "raised-ndpr-floor")).isNull();
        // from it: the raised floor alone, (130 − 100) × 1,000 kg REO, and the trail says why the old one is not charged
        Assessment after = raised.assess(ndpr.apply("2027-07-01"));
        assertThat(charged(after, "raised-ndpr-floor")).isEqualByComparingTo("30000.00");
        assertThat(charged(after, "pluri-floor-ndpr-oxide")).isNull();
        assertThat(after.totalDuty()).isEqualByComparingTo("30000.00");
        assertThat(after.trail()).anySatisfy(t -> assertThat(t.text()).isEqualTo("pluri-floor-ndpr-oxide (ILLUSTRATIVE: plurilateral "
                + "price floor on NdPr oxide, $110/kg REO, variable levy on non-members) not charged: the whole customs value "
                + "$100,000.00 is charged under a measure that displaces it, less $100,000.00 charged under raised-ndpr-floor "
                + "(does not stack — no stacking rule of the regime cites this pair) "
                + "[ILLUSTRATIVE: proposed plurilateral agreement on trade in critical minerals (not law)]"));
        // the overlay writes no stacking rule for the pair: the step says so, no rule and no citation
        assertThat(after.trail()).filteredOn(t -> t.id().equals("pluri-floor-ndpr-oxide")).singleElement()
                .satisfies(t -> assertThat(t.stacking()).containsExactly(new Assessment.Stacked("raised-ndpr-floor", null, null, null)));
        assertThat(raised.assessBulk(ndpr.apply("2027-07-01")).totalDuty()).isEqualByComparingTo("30000.00");
    }
}
