package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases of the audit of 2026-12-05: real lines, origins and dates across the measures of the second half of 2026
 * in the shared data (tariffs_2026h2: Section 232 annexes, Section 301 China and the action on 60 economies with the
 * Guatemala and El Salvador lists, Section 301 Brazil, Section 338 Canada, the polysilicon minimum import price),
 * each on the edge of a measure (its first day, the day before, its last day), worked out by hand from the source
 * tables and checked here charge by charge. Every charge the assessment lists (Chapter 99 heading or base-rate
 * column = amount) and the total. Entries are $10,000 and 1,000 kg unless the row says otherwise.
 */
class Audit2026H2CasesTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case | hts | origin | date | value | quantity | unit | extra | charges | total
        232 steel, the day before the annexes: 50 % (9903.81.87) | 7208.51.00.60 | DE | 2026-04-05 | 10000 | 1000 | kg | | general=0.00;9903.81.87=5000.00 | 5000.00
        232 steel, first day of Annex I-A treatment: 50 % (9903.82.02) | 7208.51.00.60 | DE | 2026-04-06 | 10000 | 1000 | kg | | general=0.00;9903.82.02=5000.00 | 5000.00
        232 copper on the metal content to 2026-04-05, 122 on the rest | 7408.11.60.00 | CL | 2026-04-05 | 10000 | 1000 | kg | metal=8000 | general=300.00;9903.03.01=200.00;9903.78.01=4000.00 | 4500.00
        232 copper on the full value from 2026-04-06 (Annex I-A) | 7408.11.60.00 | CL | 2026-04-06 | 10000 | 1000 | kg | metal=8000 | general=300.00;9903.82.02=5000.00 | 5300.00
        301 China 9903.91.06 magnets, the day before | 8505.11.00.10 | CN | 2025-12-31 | 10000 | 1000 | kg | | general=210.00;9903.01.24=1000.00;9903.01.25=1000.00 | 2210.00
        301 China 9903.91.06 magnets, first day +25 % | 8505.11.00.10 | CN | 2026-01-01 | 10000 | 1000 | kg | | general=210.00;9903.01.24=1000.00;9903.01.25=1000.00;9903.91.06=2500.00 | 4710.00
        122 last day, 301 on 60 economies not yet | 8505.11.00.10 | CN | 2026-07-23 | 10000 | 1000 | kg | | general=210.00;9903.03.01=1000.00;9903.91.06=2500.00 | 3710.00
        301 on 60 economies first day: China 12.5 % | 8505.11.00.10 | CN | 2026-07-24 | 10000 | 1000 | kg | | general=210.00;9903.05.31=1250.00;9903.91.06=2500.00 | 3960.00
        301 on 60 economies: in transit, entered on the last day of the window | 8505.11.00.10 | CN | 2026-07-27 | 10000 | 1000 | kg | loaded=2026-07-23 | general=210.00;9903.91.06=2500.00 | 2710.00
        301 on 60 economies: loaded before, entered a day late | 8505.11.00.10 | CN | 2026-07-28 | 10000 | 1000 | kg | loaded=2026-07-23 | general=210.00;9903.05.31=1250.00;9903.91.06=2500.00 | 3960.00
        301 on 60 economies: NdFeB magnets on the common list | 8505.11.00.70 | CN | 2026-07-24 | 10000 | 1000 | kg | | general=210.00;9903.91.06=2500.00 | 2710.00
        301 exclusion 9903.88.69 claimed on its last day | 3815.11.00.00 | CN | 2026-11-09 | 10000 | 1000 | kg | doc=9903.88.69 | general=0.00;9903.88.69=0.00;9903.05.31=1250.00 | 1250.00
        301 exclusion window over: List 3 again | 3815.11.00.00 | CN | 2026-11-10 | 10000 | 1000 | kg | doc=9903.88.69 | general=0.00;9903.05.31=1250.00;9903.88.03=2500.00 | 3750.00
        301 ship-to-shore crane, the day before 100 % | 8426.19.00.00 | CN | 2026-11-09 | 100000 | 1 | No. | | general=0.00;9903.92.10=25000.00;9903.05.31=12500.00 | 37500.00
        301 ship-to-shore crane, 100 % from 2026-11-10 | 8426.19.00.00 | CN | 2026-11-10 | 100000 | 1 | No. | | general=0.00;9903.91.14=100000.00;9903.05.31=12500.00 | 112500.00
        301 chassis: List 3 and Annex I-B to 2026-11-09 | 8716.39.00.90 | CN | 2026-11-09 | 100000 | 1 | No. | | general=0.00;9903.82.09=25000.00;9903.88.03=25000.00 | 50000.00
        301 chassis: 100 % replaces List 3 from 2026-11-10 | 8716.39.00.90 | CN | 2026-11-10 | 100000 | 1 | No. | | general=0.00;9903.82.09=25000.00;9903.91.12=100000.00 | 125000.00
        Guatemala: 122 on the last day | 2805.12.00.00 | GT | 2026-07-23 | 10000 | 1000 | kg | | general=300.00;9903.03.01=1000.00 | 1300.00
        Guatemala: 10 % under the 60-economy action, CAFTA-DR claim or not | 2805.12.00.00 | GT | 2026-07-24 | 10000 | 1000 | kg | pref=P | special:P=0.00;9903.05.40=1000.00 | 1000.00
        Guatemala: CAFTA-DR denim claimed P, exempt (52(i), 9903.05.95) | 6203.42.45.11 | GT | 2026-07-24 | 10000 | 1000 | doz. | pref=P | special:P=0.00 | 0.00
        Guatemala: the same denim not claimed pays the 10 % | 6203.42.45.11 | GT | 2026-07-24 | 10000 | 1000 | doz. | | general=1660.00;9903.05.40=1000.00 | 2660.00
        Nicaragua: CAFTA-DR denim claimed P, exempt from the 12.5 % | 6203.42.45.11 | NI | 2026-08-01 | 10000 | 1000 | doz. | pref=P | special:P=0.00 | 0.00
        Guatemala own list (52(j)): iron granules exempt | 7205.10.00.00 | GT | 2026-08-01 | 10000 | 1000 | kg | | general=0.00 | 0.00
        El Salvador own list (52(j)): iron granules exempt | 7205.10.00.00 | SV | 2026-08-01 | 10000 | 1000 | kg | | general=0.00 | 0.00
        Honduras has no own list: iron granules 10 % | 7205.10.00.00 | HN | 2026-08-01 | 10000 | 1000 | kg | | general=0.00;9903.05.42=1000.00 | 1000.00
        El Salvador's list has 3823.11, Guatemala's not | 3823.11.00.00 | GT | 2026-08-01 | 10000 | 1000 | kg | | general=401.00;9903.05.40=1000.00 | 1401.00
        EU all-in 10 % cap | 2805.12.00.00 | DE | 2026-08-01 | 10000 | 1000 | kg | | general=300.00;9903.05.39=700.00 | 1000.00
        301 Brazil, the day before | 2805.12.00.00 | BR | 2026-07-21 | 10000 | 1000 | kg | | general=300.00;9903.03.01=1000.00 | 1300.00
        301 Brazil first day 25 %, with 122 through 2026-07-23 | 2805.12.00.00 | BR | 2026-07-22 | 10000 | 1000 | kg | | general=300.00;9903.03.01=1000.00;9903.05.01=2500.00 | 3800.00
        301 Brazil exemption 2839.19 is not on the 60-economy list | 2839.19.00.00 | BR | 2026-07-24 | 10000 | 1000 | kg | | general=110.00;9903.05.27=1250.00 | 1360.00
        338 Canada: 232 goods outside it on the first day | 8422.90.91.95 | CA | 2026-08-22 | 10000 | 1000 | kg | | general=0.00;9903.82.09=2500.00 | 2500.00
        338 Canada: 232 goods outside it on the last day of the carve-out | 8422.90.91.95 | CA | 2026-09-14 | 10000 | 1000 | kg | | general=0.00;9903.82.09=2500.00 | 2500.00
        338 Canada: stacked on 232 from 2026-09-15 | 8422.90.91.95 | CA | 2026-09-15 | 10000 | 1000 | kg | | general=0.00;9903.82.09=2500.00;9903.03.14=5000.00 | 7500.00
        Annex III all-in 15 % on its last day | 8428.39.00.00 | KR | 2027-12-31 | 10000 | 1000 | kg | | general=0.00;9903.82.10=1500.00 | 1500.00
        Annex III goods at the Annex I-B rate from 2028 | 8428.39.00.00 | KR | 2028-01-01 | 10000 | 1000 | kg | | general=0.00;9903.82.09=2500.00 | 2500.00
        polysilicon, the day before the minimum import price | 2804.61.00.00 | CN | 2026-12-03 | 15000 | 1000 | kg | | general=0.00;9903.91.05=7500.00 | 7500.00
        polysilicon undocumented: the full minimum, 21 USD/kg | 2804.61.00.00 | CN | 2026-12-04 | 15000 | 1000 | kg | | general=0.00;9903.45.33=21000.00;9903.91.05=7500.00 | 28500.00
        polysilicon documented: the minimum less the price | 2804.61.00.00 | CN | 2026-12-04 | 15000 | 1000 | kg | doc=s232-polysilicon-mip-documentation | general=0.00;9903.45.33=6000.00;9903.91.05=7500.00 | 13500.00
        modules of the UK: minimum gap, 10 %, and the 60-economy 10 % stacks | 8541.43.00.10 | GB | 2026-12-04 | 3000 | 10000 | W | doc=s232-polysilicon-mip-documentation | general=0.00;9903.45.36=800.00;9903.45.32=300.00;9903.05.81=300.00 | 1400.00
        """)
    void caseAsWorkedOutFromTheSources(String name, String hts, String origin, String date, String value, String qty, String unit,
                                       String extra, String charges, String total) {
        Entry e = Entry.of(hts, origin, LocalDate.parse(date), new BigDecimal(value), new BigDecimal(qty), Units.find(unit).orElseThrow());
        if (extra != null) {
            String[] kv = extra.split("=", 2);
            e = switch (kv[0]) {
                case "metal" -> e.withMetalContentValue(new BigDecimal(kv[1]));
                case "loaded" -> e.withLoadedDate(LocalDate.parse(kv[1]));
                case "doc" -> e.withDocuments(Set.of(kv[1]));
                case "pref" -> e.withPreference(kv[1]);
                default -> throw new IllegalArgumentException(extra);
            };
        }
        Assessment a = law.assess(e);
        assertThat(a.status()).as(name).isEqualTo(Assessment.Status.ASSESSED);
        Set<String> got = new TreeSet<>();
        for (Assessment.Charge c : a.charges()) got.add(c.id() + "=" + c.amount().setScale(2));
        assertThat(got).as(name).isEqualTo(new TreeSet<>(Set.of(charges.split(";"))));
        assertThat(a.totalDuty()).as(name).isEqualByComparingTo(total);
        // the horizon says when the date is past the facts checked
        assertThat(a.warnings().stream().anyMatch(w -> w.startsWith("regime horizon: the entry date ")))
                .as(name).isEqualTo(LocalDate.parse(date).isAfter(LocalDate.parse("2026-10-07")));
    }
}
