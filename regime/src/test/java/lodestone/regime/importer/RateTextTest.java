package lodestone.regime.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTS rate texts the importer meets, and what each becomes. */
class RateTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Free | free",
            "5.5% | 5.5%",
            "3.7% | 3.7%",
            "12.8¢/kg on molybdenum content + 1.8% | 0.128 USD/kg of Mo + 1.8%",
            "$1.10/kg on molybdenum content + 15% | 1.1 USD/kg of Mo + 15%",
            "$1.10/kg on Mo content + 15% | 1.1 USD/kg of Mo + 15%",
            "17.8¢/kg on molybdenum content | 0.178 USD/kg of Mo",
            "1.7¢/kg on copper content + 1.7¢/kg on lead content + 1.7¢/kg on zinc content | 0.017 USD/kg of Cu + 0.017 USD/kg of Pb + 0.017 USD/kg of Zn",
            "2.8¢/doz. | 0.028 USD/doz.",
            "4.4¢/liter | 0.044 USD/l",
            "22¢ each + 4% | 0.22 USD/No. + 4%",
            "$3.22 each | 3.22 USD/No.",
            "$1.035/kg + 17.5% | 1.035 USD/kg + 17.5%",
            "3¢/kg +2% | 0.03 USD/kg + 2%",
            "$2.14/m2 | 2.14 USD/m2",
            "0.5¢/kg | 0.005 USD/kg",
            "The duty provided in the applicable subheading | base",
            "The duty provided in the applicable subheading + 10% | base + 10%",
            "The duty provided in the applicable subheading + 50%. | base + 50%",
            "No change | base",
            "No change. | base",
            // the mineral chapters: 8104.90.00.00 (general and column 2) and 7202.29.00 (column 2)
            "14.8¢/kg on magnesium content + 3.5% | 0.148 USD/kg of Mg + 3.5%",
            "88¢/kg on magnesium content + 20% | 0.88 USD/kg of Mg + 20%",
            "4.4¢/kg on silicon content | 0.044 USD/kg of Si",
            // 7801: ad valorem on the value of the lead content (declared as the metal-content value)
            "2.5% on the value of the lead content | 2.5% of Pb",
            "4% on the value of the lead content | 4% of Pb"})
    void translatesTheScheduleTexts(String text, String expression) {
        RateText.Result r = RateText.translate(text);
        assertThat(r.modelled()).as(r.reason()).isTrue();
        assertThat(r.expression()).isEqualTo(expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$1.32/pf. liter | pf. liter",
            "7.4¢/kg on drained weight | drained weight",
            "33 1/3% | 33 1/3%",
            "1.4606¢/kg less 0.020668¢/kg for each degree under 100 degrees | less",
            "The rate applicable to each garment in the ensemble if separately entered | garment",
            "2.5% on the value of the gold content | 'gold'",
            "'0.2¢/kg, including weight of container' | including the container",
            "'$1.32/t, including weight of container' | gross weight"})
    void refusesWhatItCannotModelFaithfully(String text, String mentioned) {
        RateText.Result r = RateText.translate(text);
        assertThat(r.modelled()).isFalse();
        assertThat(r.reason()).contains("not modelled").contains(mentioned);
    }

    @Test
    void splitsTheSpecialColumnIntoProgramGroups() {
        List<RateText.Special> g = RateText.special("Free (A+,AU,BH,CL,CO,D,E,IL,KR,MA,OM,P,PA,PE,S,SG) 1.9¢/liter (JO)");
        assertThat(g).hasSize(2);
        assertThat(g.get(0).rate().expression()).isEqualTo("free");
        assertThat(g.get(0).programs()).contains("P", "A+", "SG").hasSize(16);
        assertThat(g.get(1).rate().expression()).isEqualTo("0.019 USD/l");
        assertThat(g.get(1).programs()).containsExactly("JO");
    }

    @Test
    void specialGroupsAcrossLinesAndWithoutSpaces() {
        List<RateText.Special> g = RateText.special("Free \n(A+, AU, BH,CL, CO, D, E, IL,JO, KR, MA, OM,P, PA, PE, S, SG)");
        assertThat(g).hasSize(1);
        assertThat(g.get(0).programs()).contains("A+", "P", "SG").hasSize(17);
        List<RateText.Special> h = RateText.special("Free (A,AU,BH,CL,CO,D,E,IL,KR,MA,OM,P,PA,PE,S,SG)9.3¢/pf.liter(JO)");
        assertThat(h).hasSize(2);
        assertThat(h.get(1).rate().modelled()).isFalse(); // proof litres are not modelled
    }

    @Test
    void crossReferencesAreKeptAsUnmodelledWithTheirPrograms() {
        List<RateText.Special> g = RateText.special("Free (BH,CL,P) See 9822.04.01-9822.04.03 (AU)");
        assertThat(g).hasSize(2);
        assertThat(g.get(1).programs()).containsExactly("AU");
        assertThat(g.get(1).rate().modelled()).isFalse();
        assertThat(g.get(1).rate().reason()).startsWith("refers to another provision");
    }

    @Test
    void textOutsideAnyProgramGroupIsReportedNotDropped() {
        List<RateText.Special> g = RateText.special("Free");
        assertThat(g).hasSize(1);
        assertThat(g.get(0).programs()).isEmpty();
        assertThat(g.get(0).rate().modelled()).isFalse();
    }
}
