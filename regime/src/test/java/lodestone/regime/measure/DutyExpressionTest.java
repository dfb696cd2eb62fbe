package lodestone.regime.measure;

import lodestone.regime.unit.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DutyExpressionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "free | free",
            "3.7% | 3.7%",
            "0.128 USD/kg of Mo + 1.8% | 0.128 USD/kg of Mo + 1.8%",
            "1.10 USD/kg of Mo + 15% | 1.1 USD/kg of Mo + 15%",
            "35.10 EUR/100kg | 35.1 EUR/100kg",
            "35.10 EUR/100 kg | 35.1 EUR/100kg",
            "13.8% MIN 13 GBP/100kg MAX 15 GBP/100kg - 7 GBP/100kg | 13.8% MIN 13 GBP/100kg MAX 15 GBP/100kg - 7 GBP/100kg",
            "base + 10% | base + 10%",
            "15% - base MIN 0% | 15% - base MIN 0%",
            "0.05 USD/each | 0.05 USD/No.",
            "380 USD/mtu of WO3 | 380 USD/mtu of WO3"})
    void parsesAndPrintsCanonically(String text, String canonical) {
        DutyExpression e = DutyExpression.parse(text);
        assertThat(e.toString()).isEqualTo(canonical);
        assertThat(DutyExpression.parse(e.toString())).isEqualTo(e);
    }

    @Test
    void minAndMaxSplitTheExpressionIntoBoundSegments() {
        DutyExpression e = DutyExpression.parse("13.8% MIN 13 GBP/100kg MAX 15 GBP/100kg - 7 GBP/100kg");
        assertThat(e.segments()).extracting(DutyExpression.Segment::bound)
                .containsExactly(DutyExpression.Bound.NONE, DutyExpression.Bound.MIN, DutyExpression.Bound.MAX);
        // everything after the last MAX belongs to its operand: 15 - 7 per 100 kg
        assertThat(e.segments().get(2).terms()).hasSize(2);
        assertThat(e.segments().get(2).terms().get(1).negative()).isTrue();
    }

    @Test
    void specificComponentsCarryUnitAndContentBasis() {
        DutyExpression e = DutyExpression.parse("0.128 USD/kg of Mo + 1.8%");
        assertThat(e.components().get(0)).isEqualTo(
                new DutyExpression.Specific(new BigDecimal("0.128"), "USD", Units.KG, "Mo"));
        assertThat(e.contentBases()).containsExactly("Mo");
        assertThat(e.isAdValoremOnly()).isFalse();
        assertThat(DutyExpression.parse("5%").isAdValoremOnly()).isTrue();
        // ad valorem on the value of a content (HTS 7801: "2.5% on the value of the lead content")
        DutyExpression lead = DutyExpression.parse("2.5% of Pb");
        assertThat(lead.toString()).isEqualTo("2.5% of Pb");
        assertThat(lead.valueBases()).containsExactly("Pb");
        assertThat(lead.contentBases()).isEmpty(); // no quantity of content is needed
        assertThat(lead.isAdValoremOnly()).isFalse();
        assertThat(lead.components()).singleElement().isEqualTo(new DutyExpression.AdValorem(new java.math.BigDecimal("2.5"), "Pb"));
        assertThat(DutyExpression.parse("base + 10%").usesBaseRate()).isTrue();
    }

    @Test
    void errorsSayWhereAndWhatWasExpected() {
        assertThatThrownBy(() -> DutyExpression.parse("5.5"))
                .hasMessageContaining("expected '%' or a currency code such as USD but the expression ended");
        assertThatThrownBy(() -> DutyExpression.parse("12 USD/furlong"))
                .hasMessageContaining("unknown unit 'furlong'").hasMessageContaining("at column 8");
        assertThatThrownBy(() -> DutyExpression.parse("12 dollars/kg"))
                .hasMessageContaining("'dollars' is not a currency code");
        assertThatThrownBy(() -> DutyExpression.parse("5% 6%"))
                .hasMessageContaining("unexpected '6'").hasMessageContaining("at column 4");
        assertThatThrownBy(() -> DutyExpression.parse("abc%")).hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> DutyExpression.parse("")).hasMessageContaining("empty duty expression");
    }

    @Test
    void priceIsOneSpecificComponent() {
        Price p = Price.parse("110 USD/kg of REO");
        assertThat(p.amount()).isEqualByComparingTo("110");
        assertThat(p.basis()).isEqualTo("REO");
        assertThat(p.unit()).isEqualTo(Units.KG);
        assertThatThrownBy(() -> Price.parse("10%")).hasMessageContaining("is not a price");
    }
}
