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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Copper foil (7410.11.00.00) owes the Section 232 copper duty (9903.78.01) on the value of its copper content; the
 * assessment refuses the line without that value, and a company file had no field to give it: a battery maker's copper
 * foil line was refused at "sourcing[0]: metal_content_value: … declare metal_content_value" with no way to declare it.
 * A line now takes {@code metal_content_value} per unit of the line (like {@code price}); the entry is given
 * quantity × it.
 */
class MetalContentValueTest {
    static Regime regime;
    static Assessor assessor;

    @BeforeAll
    static void load() {
        regime = Regime.bundled();
        assessor = PreferenceOriginVerifier.assessorFor(regime);
    }

    static Company foil(String extra) throws Exception {
        return CompanyFile.parse("t.yaml", """
                company: T
                date: 2026-03-02
                sourcing:
                  - {id: foil, origin: KR, hts: 7410.11.00.00, quantity: 120000, unit: kg, price: 14, incoterm: CIF, freight: 0.3,
                     preference: KR%s}
                """.formatted(extra), regime, b -> null);
    }

    @Test
    void theCopperContentValueIsGivenPerUnitAndCharged() throws Exception {
        Company c = foil(", metal_content_value: 9.5");
        Exposure.LineResult r = Exposure.evaluate(c, LocalDate.of(2026, 3, 2), assessor, List.of(), new Markets(regime), false)
                .line("foil", Exposure.TODAY);
        // customs value 120,000 × (14 − 0.3) = 1,644,000.00; copper content 120,000 × 9.5 = 1,140,000.00
        // 9903.78.01 50 % × 1,140,000 = 570,000.00; 9903.03.01 10 % × (1,644,000 − 1,140,000) = 50,400.00; KR free
        // landed 1,644,000 + 620,400 + freight 36,000 = 2,300,400.00 (lodestone assess gives the same duties)
        assertThat(r.customsValueUsd()).isEqualByComparingTo("1644000.00");
        assertThat(r.duty()).isEqualByComparingTo("620400.00");
        assertThat(r.landedCost()).isEqualByComparingTo("2300400.00");
    }

    @Test
    void withoutItTheLineIsRefusedAtAFieldTheFileCanGive() throws Exception {
        Company c = foil("");
        assertThatThrownBy(() -> Exposure.evaluate(c, LocalDate.of(2026, 3, 2), assessor, List.of(), new Markets(regime), false))
                .isInstanceOfSatisfying(CompanyFile.Invalid.class, e -> assertThat(e.problems())
                .extracting(Object::toString).singleElement().asString().startsWith("t.yaml:4: sourcing[0].metal_content_value: "));
    }

    @Test
    void aContentValueAboveThePriceIsRefusedAtItsField() {
        // 120,000 × 15 = 1,800,000 of copper in goods whose customs value is 1,644,000
        assertThatThrownBy(() -> foil(", metal_content_value: 15")).isInstanceOfSatisfying(CompanyFile.Invalid.class, e -> assertThat(e.problems())
                .extracting(Object::toString).singleElement().asString().startsWith("t.yaml:5: sourcing[0].metal_content_value: "));
    }
}
