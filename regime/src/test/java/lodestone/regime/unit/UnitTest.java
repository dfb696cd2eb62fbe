package lodestone.regime.unit;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Comparing quantities across units exactly (the bulk reader's check that a content is not heavier than its goods). */
class UnitTest {
    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void aQuantityIsComparedInBaseUnitsExactlyAtItsBoundary() {
        assertThat(Units.LB.moreThan(d("1"), Units.KG, d("0.45359237"))).isFalse(); // equal, by the 1959 definition
        assertThat(Units.LB.moreThan(d("1"), Units.KG, d("0.45359236"))).isTrue();
        assertThat(Units.G.moreThan(d("1000.000"), Units.KG, d("1"))).isFalse();
        assertThat(Units.G.moreThan(d("1000.001"), Units.KG, d("1"))).isTrue();
        assertThat(Units.KG.moreThan(d("10"), Units.MTU, d("1"))).isFalse();
        assertThat(Units.KG.moreThan(d("10.01"), Units.MTU, d("1"))).isTrue();
        // a troy ounce in pounds does not terminate (factorTo rounds it to 34 digits); the comparison is still exact
        assertThat(Units.LB.moreThan(d("0.0311034768"), Units.TROY_OZ, d("0.45359237"))).isFalse();
        assertThat(Units.TROY_OZ.moreThan(d("0.45359237"), Units.LB, d("0.0311034768"))).isFalse();
        assertThat(Units.KG.moreThan(d("5"), Units.KG, d("4.999"))).isTrue();
        assertThatThrownBy(() -> Units.KG.moreThan(d("1"), Units.NO, d("1"))).hasMessage("cannot compare kg with No.");
    }

    @Test
    void itAgreesWithConvertingByTheFactorWhereTheFactorIsExact() {
        List<Unit> mass = List.of(Units.KG, Units.G, Units.T, Units.HUNDRED_KG, Units.LB, Units.MTU);
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Unit a = mass.get(rnd.nextInt(mass.size()));
            Unit b = mass.get(rnd.nextInt(mass.size()));
            BigDecimal q = BigDecimal.valueOf(rnd.nextInt(1_000_000), rnd.nextInt(4));
            BigDecimal r = rnd.nextBoolean() ? q.multiply(a.inBaseUnits()).divide(b.inBaseUnits(), java.math.MathContext.DECIMAL128)
                    : BigDecimal.valueOf(rnd.nextInt(1_000_000), rnd.nextInt(4));
            boolean byFactor = q.multiply(a.factorTo(b)).compareTo(r) > 0;
            if (a.inBaseUnits().compareTo(b.inBaseUnits()) == 0 || b == Units.KG || b == Units.G || b == Units.T || b == Units.HUNDRED_KG || b == Units.MTU)
                assertThat(a.moreThan(q, b, r)).as("%s %s against %s %s", q, a.code(), r, b.code()).isEqualTo(byFactor);
        }
    }

    @Test
    void unEceRecommendation20CodesAreReadAsTheUnitsTheyName() {
        record Code(String code, Unit unit) {
        }
        for (Code c : List.of(new Code("KGM", Units.KG), new Code("kgm", Units.KG), new Code("GRM", Units.G), new Code("TNE", Units.T),
                new Code("DTN", Units.HUNDRED_KG), new Code("LBR", Units.LB), new Code("CTM", Units.CARAT), new Code("APZ", Units.TROY_OZ),
                new Code("C62", Units.NO), new Code("H87", Units.NO), new Code("NAR", Units.NO), new Code("DZN", Units.DOZ),
                new Code("GRO", Units.GROSS), new Code("CEN", Units.HUNDREDS), new Code("NPR", Units.PRS), new Code("PR", Units.PRS),
                new Code("DPR", Units.DOZ_PRS), new Code("LTR", Units.L), new Code("HLT", Units.HL), new Code("MTQ", Units.M3),
                new Code("BLL", Units.BBL), new Code("GLL", Units.GAL), new Code("MTK", Units.M2), new Code("CMK", Units.CM2),
                new Code("MTR", Units.M), new Code("KMT", Units.THOUSAND_M), new Code("KWH", Units.KWH), new Code("MWH", Units.MWH),
                new Code("WTT", Units.W), new Code("KWT", Units.KW), new Code("MAW", Units.MW), new Code("GBQ", Units.GBQ)))
            assertThat(Units.find(c.code())).as(c.code()).contains(c.unit());
        // codes that mean something else in Recommendation 20, or two things in US use, are not read
        assertThat(Units.find("MIL")).isEmpty();
        assertThat(Units.find("STN")).isEmpty(); // the short ton (907.18474 kg) is not the metric ton
        assertThat(Units.find("ONZ")).isEmpty(); // the avoirdupois ounce is not the troy ounce
    }
}
