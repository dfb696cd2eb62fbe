package lodestone.exposure.company;

import lodestone.border.Assessor;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.exposure.stockpile.Markets;
import lodestone.regime.Regime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A price given in the wrong unit (a price per kg on a line counted in tonnes) was costed silently: lithium hydroxide,
 * 60 t at "9.8" (meant per kg) came to 60 × 9.8 = $588 of goods, FOB, plus 3.7 % general ($21.76) and 25 % Section 301
 * ($147.00): landed $756.76 + freight, where the company pays 60,000 kg × $9.8 = $588,000. The line is linked to the
 * lithium market, whose US price is 9,000 USD/t = 9 USD/kg: the line's 9.8 USD/t = 0.0098 USD/kg is 918 times below it.
 * Such a line is now warned on today's line (the figure is kept as given).
 */
class PriceUnitSanityTest {
    static Regime regime;
    static Assessor assessor;
    static Markets markets;

    @BeforeAll
    static void load() {
        regime = Regime.bundled();
        assessor = PreferenceOriginVerifier.assessorFor(regime);
        markets = new Markets(regime);
    }

    static Exposure.LineResult today(String unit, String quantity, String price) throws Exception {
        return today(unit, quantity, price, "USD");
    }

    static Exposure.LineResult today(String unit, String quantity, String price, String currency) throws Exception {
        Company c = CompanyFile.parse("t.yaml", """
                company: T
                date: 2026-03-02
                sourcing:
                  - {id: l, origin: CL, hts: 2825.20.00.00, quantity: %s, unit: %s, price: %s, currency: %s, market: {scenario: lithium, share: 0.8}}
                """.formatted(quantity, unit, price, currency), regime, b -> null);
        return Exposure.evaluate(c, LocalDate.of(2026, 3, 2), assessor, List.of(), markets, false).line("l", Exposure.TODAY);
    }

    @Test
    void aPricePerKgOnALineInTonnesIsWarned() throws Exception {
        Exposure.LineResult r = today("t", "60", "9.8");
        // 60 × 9.8 = 588.00, FOB, no preference claimed: general 3.7 % × 588 = 21.756 → 21.76; landed 609.76, as given
        assertThat(r.landedCost()).isEqualByComparingTo("609.76");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith(
                "price 9.8 USD a t = 0.0098 USD/kg is 918 times below the lithium market's reference price of 9 USD/kg"));
    }

    @Test
    void aPricePerTonneOnALineInKgIsWarned() throws Exception {
        // 9,800 USD a kg = 9,800 USD/kg, 1,089 times above 9 USD/kg (9800 / 9 = 1088.9)
        Exposure.LineResult r = today("kg", "60000", "9800");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith(
                "price 9800 USD a kg = 9800 USD/kg is 1089 times above the lithium market's reference price of 9 USD/kg"));
    }

    @Test
    void aPlausiblePriceInEitherUnitIsNotWarned() throws Exception {
        assertThat(today("kg", "60000", "9.8").warnings()).noneSatisfy(w -> assertThat(w).contains("market's reference price"));
        assertThat(today("t", "60", "9800").warnings()).noneSatisfy(w -> assertThat(w).contains("market's reference price"));
        assertThat(today("lb", "132277", "4.45").warnings()).noneSatisfy(w -> assertThat(w).contains("market's reference price"));
    }

    @Test
    void aPriceInAnotherCurrencyIsSetInUsdAtTheDaysRateBeforeItIsJudged() throws Exception {
        // reported: a line priced in CNY was never checked — 70 CNY a t (meant a kg) was costed as given without a word.
        // The regime's CNY rate for March 2026 is 6.8921 CNY per USD (FRED's monthly average, as quoted: a customs broker's review
        // found it held as 0.145094 USD, an inversion rounded): 70 / 6.8921 / 1000 = 0.01015655… USD/kg, 886 times below 9 USD/kg
        assertThat(today("t", "60", "70", "CNY").warnings()).anySatisfy(w -> assertThat(w).startsWith(
                "price 70 CNY a t (at 6.8921 CNY per USD) = 0.0101566 USD/kg is 886 times below the lithium market's reference price of 9 USD/kg"));
        assertThat(today("t", "60", "70000", "CNY").warnings()).noneSatisfy(w -> assertThat(w).contains("market's reference price"));
    }
}
