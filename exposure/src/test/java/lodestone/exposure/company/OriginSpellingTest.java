package lodestone.exposure.company;

import lodestone.regime.Problem;
import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A country written as its name, or "UK" was refused with only "expected an ISO alpha-2 code (e.g. CN,
 * JP)": the user had to look the code up. The refusal now names the code the regime has for it.
 */
class OriginSpellingTest {
    static final Regime regime = Regime.bundled();

    static String refusal(String origin) {
        String text = """
                company: T
                sourcing:
                  - {id: l, origin: "%s", hts: 2825.20.00.00, quantity: 100, unit: kg, price: 10}
                """.formatted(origin);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> CompanyFile.parse("t.yaml", text, regime, b -> null));
        assertThat(t).isInstanceOf(CompanyFile.Invalid.class);
        return ((CompanyFile.Invalid) t).problems().get(0).toString();
    }

    @Test
    void aNameOrUkIsRefusedWithTheCodeToWrite() {
        assertThat(refusal("Chile")).isEqualTo("t.yaml:3: sourcing[0].origin: 'Chile' is not a country of the regime; "
                + "expected an ISO alpha-2 code: write CL (Chile)");
        assertThat(refusal("UK")).isEqualTo("t.yaml:3: sourcing[0].origin: 'UK' is not a country of the regime; "
                + "expected an ISO alpha-2 code: write GB (United Kingdom of Great Britain and Northern Ireland)");
        assertThat(refusal("korea")).isEqualTo("t.yaml:3: sourcing[0].origin: 'korea' is not a country of the regime; "
                + "expected an ISO alpha-2 code: write KP (North Korea) or KR (South Korea)");
        assertThat(refusal("Atlantis")).isEqualTo("t.yaml:3: sourcing[0].origin: 'Atlantis' is not a country of the regime; "
                + "expected an ISO alpha-2 code (e.g. CN, JP)");
    }

    /**
     * The names a buyer writes for the countries of battery minerals that the regime's short names (CLDR: "Congo - Kinshasa",
     * "South Korea", "Türkiye") do not hold were refused with only "(e.g. CN, JP)" (reported: cobalt hydroxide from "DRC").
     */
    @Test
    void theUsualShortNamesOfTradeAreRefusedWithTheirCode() {
        assertThat(refusal("DRC")).isEqualTo("t.yaml:3: sourcing[0].origin: 'DRC' is not a country of the regime; "
                + "expected an ISO alpha-2 code: write CD (Congo - Kinshasa)");
        assertThat(refusal("Democratic Republic of the Congo")).endsWith(": write CD (Congo - Kinshasa)");
        assertThat(refusal("DR Congo")).endsWith(": write CD (Congo - Kinshasa)");
        assertThat(refusal("Congo")).endsWith(": write CD (Congo - Kinshasa) or CG (Congo - Brazzaville)");
        assertThat(refusal("Republic of Korea")).endsWith(": write KR (South Korea)");
        assertThat(refusal("Turkey")).endsWith(": write TR (Türkiye)");
        assertThat(refusal("UAE")).endsWith(": write AE (United Arab Emirates)");
        assertThat(refusal("Viet Nam")).endsWith(": write VN (Vietnam)");
        assertThat(refusal("Russian Federation")).endsWith(": write RU (Russia)");
        assertThat(refusal("Czech Republic")).endsWith(": write CZ (Czechia)");
    }

    /** A misspelt mineral of a product was refused without the name meant (the scenario files say "did you mean"). */
    @Test
    void aMisspeltMineralNamesTheOneMeant() {
        String text = """
                company: T
                products:
                  - {id: p, annual_volume: 10, bom: [{line: l, quantity: 1}], minerals: {lithum: 0.01, unobtainium: 1}}
                sourcing:
                  - {id: l, origin: CL, hts: 2825.20.00.00, quantity: 100, unit: kg, price: 10}
                """;
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> CompanyFile.parse("t.yaml", text, regime, b -> null));
        assertThat(((CompanyFile.Invalid) t).problems().stream().map(Object::toString).toList()).containsExactly(
                "t.yaml:3: products[0].minerals.lithum: 'lithum' is not a regime mineral (did you mean 'lithium'?); expected one of the "
                        + "2025 list's ids (e.g. neodymium, dysprosium, gallium, lithium, cobalt)",
                "t.yaml:3: products[0].minerals.unobtainium: 'unobtainium' is not a regime mineral; expected one of the 2025 list's ids "
                        + "(e.g. neodymium, dysprosium, gallium, lithium, cobalt)");
    }
}
