package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 321 "de minimis" (19 U.S.C. 1321(a)(2)(C): a shipment of $800 or less to one person on one day entered free
 * of duty) is not modelled: every line is assessed as a formal entry. A broker of sample parcels found it said nowhere on
 * the answer: a $500 line of neodymium magnets of Viet Nam entered 2025-06-01 was charged its duties without a word, while
 * the parcel may have owed none. The regime now states when the privilege ended (regime.yaml {@code horizon: de-minimis}:
 * goods of China and Hong Kong from 2025-05-02, EO 14256; every origin from 2025-08-29, EO 14324), and a line — or an
 * entry — worth no more than $800 entered before the end for its origin is warned, its figures unchanged.
 */
class DeMinimisWarningTest {
    static final String EVERY = "Section 321 de minimis not modelled: a shipment worth no more than $800.00 to one person on one day could be "
            + "entered under 19 U.S.C. 1321(a)(2)(C) free of the duties shown before 2025-08-29, when it ended for goods of every "
            + "origin (EO 14324 of 2025-07-30, 90 FR 37775; CBP notice, 90 FR 42418); ";
    static final String CHINA = "Section 321 de minimis not modelled: a shipment worth no more than $800.00 to one person on one day could be "
            + "entered under 19 U.S.C. 1321(a)(2)(C) free of the duties shown before 2025-05-02, when it ended for goods of CN and "
            + "HK (EO 14256 of 2025-04-02, 90 FR 14899); ";
    static final String ALONE = "this line's customs value is not over $800.00 and it is assessed here as a formal entry, taken as a "
            + "shipment of its own: with other goods worth more than $800.00 in all it could not have been (assess the entry's "
            + "lines together)";
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry magnets(String origin, String entered, String value) {
        return Entry.of("8505.11.00.70", origin, LocalDate.parse(entered), new BigDecimal(value), new BigDecimal("2"), Units.KG)
                .withLineId("1");
    }

    static List<String> deMinimis(Assessment a) {
        return a.warnings().stream().filter(w -> w.startsWith("Section 321 de minimis")).toList();
    }

    @Test
    void aLineOfAtMost800BeforeTheSuspensionIsWarnedItsFiguresUnchanged() {
        Assessment a = law.assess(magnets("VN", "2025-06-01", "500.00"));
        assertThat(a.totalDuty()).isPositive(); // the duties are still shown: a formal entry
        assertThat(deMinimis(a)).containsExactly(EVERY + ALONE);
        assertThat(a.warnings().get(a.warnings().size() - 1)).isEqualTo(EVERY + ALONE); // the last word on the line
        assertThat(deMinimis(law.assess(magnets("VN", "2025-06-01", "800.00")))).containsExactly(EVERY + ALONE); // not exceeding
        assertThat(deMinimis(law.assess(magnets("VN", "2025-06-01", "800.004")))).containsExactly(EVERY + ALONE); // $800.00 to the cent
        assertThat(deMinimis(law.assess(magnets("VN", "2025-08-28", "1")))).containsExactly(EVERY + ALONE); // owes $0.02
    }

    @Test
    void overTheThresholdOrFromTheSuspensionItIsNot() {
        assertThat(deMinimis(law.assess(magnets("VN", "2025-06-01", "800.01")))).isEmpty();
        assertThat(deMinimis(law.assess(magnets("VN", "2025-08-29", "500.00")))).isEmpty();
        assertThat(deMinimis(law.assess(magnets("VN", "2026-03-01", "12.00")))).isEmpty();
    }

    @Test
    void aLineThatOwesNothingIsNotWarned() {
        // copper ore of Canada under a USMCA claim owes nothing: Section 321 would have saved nothing
        Entry ore = Entry.of("2603.00.00.10", "CA", LocalDate.parse("2025-06-01"), new BigDecimal("500"), new BigDecimal("2"), Units.KG)
                .withPreference("S");
        Assessment free = law.assess(ore);
        assertThat(free.totalDuty()).isEqualByComparingTo("0");
        assertThat(deMinimis(free)).isEmpty();
        assertThat(law.fastPathTakes(ore)).isTrue();
        assertThat(law.assessBulk(ore).warnings()).isEqualTo(free.warnings());
    }

    @Test
    void goodsOfChinaAndHongKongLostItOn20250502() {
        assertThat(deMinimis(law.assess(magnets("CN", "2025-05-01", "500.00")))).containsExactly(CHINA + ALONE);
        assertThat(deMinimis(law.assess(magnets("HK", "2025-05-01", "500.00")))).containsExactly(CHINA + ALONE);
        assertThat(deMinimis(law.assess(magnets("CN", "2025-05-02", "500.00")))).isEmpty();
        assertThat(deMinimis(law.assess(magnets("HK", "2025-06-01", "500.00")))).isEmpty();
        // Macau is not named by EO 14256: every origin's end applies
        assertThat(deMinimis(law.assess(magnets("MO", "2025-06-01", "500.00")))).containsExactly(EVERY + ALONE);
    }

    @Test
    void aValueInAnotherCurrencyIsTestedInDollarsAtTheEntrysRate() {
        Assessment under = law.assess(magnets("DE", "2025-06-02", "690.00").withCurrency("EUR"));
        Assessment over = law.assess(magnets("DE", "2025-06-02", "710.00").withCurrency("EUR"));
        assertThat(under.customsValueUsd()).isLessThanOrEqualTo(new BigDecimal("800.00"));
        assertThat(over.customsValueUsd()).isGreaterThan(new BigDecimal("800.00"));
        assertThat(deMinimis(under)).containsExactly(EVERY + ALONE);
        assertThat(deMinimis(over)).isEmpty();
    }

    @Test
    void anEntryIsTestedOnTheSumOfItsLines() {
        Entry a = magnets("VN", "2025-06-01", "300.00").withLineId("1");
        Entry b = magnets("VN", "2025-06-01", "400.00").withLineId("2");
        EntryAssessment small = EntryAssessment.assess(law, List.of(a, b));
        String both = EVERY + "the entry's 2 lines are worth $700.00 in all, not over $800.00, and are assessed here as a formal entry";
        assertThat(deMinimis(small.lines().get(0))).containsExactly(both);
        assertThat(deMinimis(small.lines().get(1))).containsExactly(both);
        assertThat(small.warnings()).contains("lines 1, 2: " + both);
        // each line alone is under $800, the shipment is not: no line could have entered under Section 321
        EntryAssessment large = EntryAssessment.assess(law, List.of(a, magnets("VN", "2025-06-01", "600.00").withLineId("2")));
        assertThat(large.lines()).allSatisfy(l -> assertThat(deMinimis(l)).isEmpty());
        // one line: the entry's words, with its value
        EntryAssessment one = EntryAssessment.assess(law, List.of(a));
        assertThat(deMinimis(one.lines().get(0))).containsExactly(EVERY
                + "the entry's one line is worth $300.00, not over $800.00, and is assessed here as a formal entry");
        // lines of several origins: each line's own origin decides whether it had ended
        EntryAssessment mixed = EntryAssessment.assess(law, List.of(magnets("CN", "2025-06-01", "300.00").withLineId("1"), b));
        assertThat(deMinimis(mixed.lines().get(0))).isEmpty();
        assertThat(deMinimis(mixed.lines().get(1))).containsExactly(EVERY
                + "the entry's 2 lines are worth $700.00 in all, not over $800.00, and are assessed here as a formal entry");
    }

    @Test
    void theBulkPathSaysTheSameOnItsFastPath() {
        for (Entry e : List.of(magnets("VN", "2025-06-01", "500.00"), magnets("CN", "2025-05-01", "799.99"),
                magnets("VN", "2025-06-01", "800.01"), magnets("CN", "2025-05-02", "1.00"), magnets("VN", "2025-08-28", "800"))) {
            assertThat(law.fastPathTakes(e)).as(e.origin() + " " + e.entryDate()).isTrue();
            assertThat(law.assessBulk(e).warnings()).isEqualTo(law.assess(e).warnings());
        }
        assertThat(deMinimis(law.assessBulk(magnets("VN", "2025-06-01", "500.00")))).containsExactly(EVERY + ALONE);
    }
}
