package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worked examples of ../shared/testcases/border.md with their published answers. */
class WorkedExamplesTest {
    static Assessor assessor;
    static final LocalDate D = LocalDate.parse("2026-03-02");

    @BeforeAll
    static void compile() throws URISyntaxException {
        Path dir = Path.of(WorkedExamplesTest.class.getResource("/worked/regime.yaml").toURI()).getParent();
        assessor = Assessor.compile(Regime.load(dir));
    }

    static Entry entry(String hts, String origin, String value, String qty, String unit) {
        return Entry.of(hts, origin, D, new BigDecimal(value), new BigDecimal(qty), Units.find(unit).orElseThrow());
    }

    static BigDecimal duty(Entry e) {
        Assessment a = assessor.assess(e);
        assertThat(a.status()).isEqualTo(Assessment.Status.ASSESSED);
        return a.totalDuty();
    }

    // ---- UK Online Trade Tariff duty calculator (trade-tariff-frontend expression evaluator specs)

    @Test
    void uk1AdValoremOnTheWholeCustomsValue() {
        Assessment a = assessor.assess(entry("0201.10.00.10", "GB", "30", "1", "kg"));
        assertThat(a.totalDuty()).isEqualByComparingTo("2.40");
        assertThat(a.charges().get(0).calculation()).isEqualTo("general 8.00% × $30.00 = $2.40");
    }

    @Test
    void uk2ThirdCountryDuty() {
        assertThat(duty(entry("0201.10.00.10", "GB", "1200", "1", "kg"))).isEqualByComparingTo("96.00");
    }

    @Test
    void uk4SpecificPer100Kg() {
        assertThat(duty(entry("0201.10.00.20", "GB", "1200", "100", "100kg"))).isEqualByComparingTo("3510.00");
    }

    @Test
    void uk5SpecificInAnotherCurrencyIsConvertedThenRounded() {
        Assessment a = assessor.assess(entry("0201.10.00.30", "GB", "1200", "100", "100kg"));
        assertThat(a.totalDuty()).isEqualByComparingTo("3008.42"); // 3008.421 before rounding
        assertThat(a.charges().get(0).calculation())
                .isEqualTo("general 35.1 EUR/100kg × 100 100kg × 0.8571 USD/EUR = $3,008.42");
    }

    @Test
    void uk6QuantityIsCoercedToTheUnitOfTheRate() {
        assertThat(duty(entry("0201.10.00.20", "GB", "1200", "100", "kg"))).isEqualByComparingTo("35.10");
        assertThat(duty(entry("0201.10.00.20", "GB", "1200", "0.1", "t"))).isEqualByComparingTo("35.10");
    }

    @Test
    void uk10CompoundMinMaxSplitsAtTheLastBound() {
        Assessment a = assessor.assess(entry("0201.10.00.40", "GB", "1200", "100", "100kg"));
        assertThat(a.totalDuty()).isEqualByComparingTo("800.00");
        assertThat(a.charges().get(0).calculation()).contains("min(max(13.80% × $1,200.00, 13 USD/100kg × 100 100kg)");
    }

    // ---- US HTS content-based specific duty (2613.10.00)

    @Test
    void us7aMfnOriginPaysPerKgOfMolybdenumPlusAdValorem() {
        Entry e = entry("2613.10.00.00", "GB", "100000", "10000", "kg").withContent(new BigDecimal("5500"), Units.KG, "Mo");
        Assessment a = assessor.assess(e);
        assertThat(a.totalDuty()).isEqualByComparingTo("2504.00");
        assertThat(a.charges().get(0).calculation())
                .isEqualTo("general 0.128 USD/kg Mo × 5500 kg Mo + 1.80% × $100,000.00 = $2,504.00");
    }

    @Test
    void us7bCaftaDrOriginWithAValidClaimIsFree() {
        Entry e = entry("2613.10.00.00", "GT", "100000", "10000", "kg").withContent(new BigDecimal("5500"), Units.KG, "Mo")
                .withPreference("P");
        Assessment a = assessor.assess(e);
        assertThat(a.totalDuty()).isEqualByComparingTo("0.00");
        assertThat(a.charges()).extracting(Assessment.Charge::id).containsExactly("special:P");
        assertThat(a.warnings()).contains("preference P accepted as declared: origin was not verified (no bill of materials)");
    }

    @Test
    void us7bAClaimFromANonPartyFallsBackToTheGeneralRate() {
        Entry e = entry("2613.10.00.00", "CN", "100000", "10000", "kg").withContent(new BigDecimal("5500"), Units.KG, "Mo")
                .withPreference("P");
        Assessment a = assessor.assess(e);
        assertThat(a.totalDuty()).isEqualByComparingTo("2504.00");
        assertThat(a.warnings()).anySatisfy(w -> assertThat(w).startsWith("preference P not granted: CN is not eligible for CAFTA-DR"));
    }

    @Test
    void us7cColumn2Origin() {
        Entry e = entry("2613.10.00.00", "CU", "100000", "10000", "kg").withContent(new BigDecimal("5500"), Units.KG, "Mo");
        assertThat(duty(e)).isEqualByComparingTo("21050.00");
    }

    @Test
    void contentMissingForAContentBasedDutyIsRejectedNamingTheField() {
        assertThatThrownBy(() -> assessor.assess(entry("2613.10.00.00", "GB", "100000", "10000", "kg")))
                .isInstanceOf(EntryRejected.class)
                .hasMessageStartingWith("content missing for a content-based duty: the duty 0.128 USD/kg of Mo needs the quantity of Mo content")
                .satisfies(ex -> assertThat(((EntryRejected) ex).field()).isEqualTo("content_quantity"));
    }

    // ---- EU minimum import price: the template for a border-adjusted price floor

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "MIP-1, A986, commercial-invoice, 20000, 3060.00",
            "MIP-2, A986, commercial-invoice, 23060, 0.00",
            "MIP-3, A986, commercial-invoice, 26000, 0.00",
            "MIP-4, A986, none, 20000, 8300.00",
            "MIP-5, A999, commercial-invoice, 20000, 8300.00"})
    void minimumImportPrice(String id, String producer, String document, String value, String expected) {
        Entry e = entry("2933.61.00.00", "CN", value, "20", "t").withProducer(producer)
                .withDocuments(document.equals("none") ? Set.of() : Set.of(document));
        assertThat(duty(e)).as(id).isEqualByComparingTo(expected);
    }

    // ---- stepped entry-price ladder: ordered thresholds, the first met applies

    @ParameterizedTest(name = "price {0}/t → {1}")
    @CsvSource({"1000, 0.00", "1500, 0.00", "999.99, 200.00", "980, 200.00", "970, 400.00", "940, 600.00", "939.99, 2980.00"})
    void entryPriceLadder(String pricePerTonne, String expected) {
        Entry e = entry("0702.00.20.00", "GB", new BigDecimal(pricePerTonne).multiply(BigDecimal.TEN).toPlainString(), "10", "t");
        assertThat(duty(e)).isEqualByComparingTo(expected);
    }

    @Test
    void theMipTrailShowsTheDifferenceCharged() {
        Entry e = entry("2933.61.00.00", "CN", "20000", "20", "t").withProducer("A986").withDocuments(Set.of("commercial-invoice"));
        Assessment a = assessor.assess(e);
        assertThat(a.charges()).extracting(Assessment.Charge::calculation).containsExactly(
                "general free = $0.00",
                "mip-melamine max(0, 1153 USD/t − declared 1000 USD/t) × 20 t = $3,060.00");
    }
}
