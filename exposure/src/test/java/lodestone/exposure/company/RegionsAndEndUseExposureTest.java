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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A sourcing line's production regions and end use (docs/exposure-format.md) reach its assessment. */
class RegionsAndEndUseExposureTest {
    static Regime regime;
    static Assessor assessor;
    static Markets markets;

    @BeforeAll
    static void load() {
        regime = Regime.bundled();
        assessor = PreferenceOriginVerifier.assessorFor(regime);
        markets = new Markets(regime);
    }

    private static Company company(String line) throws Exception {
        return CompanyFile.parse("t.yaml", "company: T\nsourcing:\n  - " + line + "\n", regime, b -> null);
    }

    private static Exposure.LineResult today(Company c) throws Exception {
        return Exposure.evaluate(c, LocalDate.of(2026, 9, 1), assessor, List.of(), markets, false).line("l", Exposure.TODAY);
    }

    @Test
    void aLineMadeInXinjiangIsProhibitedAndAnEndUseExempts() throws Exception {
        Exposure.LineResult xj = today(company("{id: l, origin: CN, hts: 2846.90.80.90, quantity: 100, unit: kg, price: 100, "
                + "production_regions: [CN-XJ]}"));
        assertThat(xj.status()).isEqualTo("prohibited");
        assertThat(xj.prohibitions()).singleElement().asString().startsWith("us-uflpa: goods mined, produced or manufactured wholly");
        Exposure.LineResult gs = today(company("{id: l, origin: CN, hts: 2846.90.80.90, quantity: 100, unit: kg, price: 100, "
                + "production_regions: [CN-GS]}"));
        assertThat(gs.status()).isEqualTo("assessed");
        assertThat(gs.warnings()).noneMatch(w -> w.contains("production regions"));

        Exposure.LineResult charged = today(company("{id: l, origin: BR, hts: 3917.21.00.00, quantity: 100, unit: kg, price: 100}"));
        Exposure.LineResult exempt = today(company("{id: l, origin: BR, hts: 3917.21.00.00, quantity: 100, unit: kg, price: 100, "
                + "end_use: civil-aircraft}"));
        assertThat(charged.duty()).isEqualByComparingTo("4060.00");
        assertThat(exempt.duty()).isEqualByComparingTo("310.00");
    }

    @Test
    void anUnknownRegionIsAProblemOfTheFileAtItsLine() {
        CompanyFile.Invalid e = catchThrowableOfType(CompanyFile.Invalid.class, () -> company(
                "{id: l, origin: CN, hts: 2846.90.80.90, quantity: 100, unit: kg, price: 100, production_regions: [CN-XI]}"));
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(Object::toString).containsExactly("t.yaml:3: sourcing[0].production_regions[0]: unknown "
                + "production region 'CN-XI'; expected one of the regime's regions (ISO 3166-2, lodestone regime info lists them)");
        CompanyFile.Invalid u = catchThrowableOfType(CompanyFile.Invalid.class, () -> company(
                "{id: l, origin: BR, hts: 3917.21.00.00, quantity: 100, unit: kg, price: 100, end_use: space}"));
        assertThat(u.problems()).extracting(Object::toString).containsExactly("t.yaml:3: sourcing[0].end_use: unknown end use 'space'; "
                + "expected one of civil-aircraft, pharmaceutical");
    }
}
