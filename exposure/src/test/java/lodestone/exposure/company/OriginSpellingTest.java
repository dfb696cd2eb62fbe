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
}
