package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review of 2026-12-08 as a US motor maker's compliance lead would make it: rare-earth permanent magnets (8505.11),
 * rare-earth metals (2805.30), oxides and compounds (2846) and magnet motors (8501) of China, Japan, Viet Nam, Malaysia
 * and Germany across 2025 and 2026, each worked out by hand from the source tables and checked charge by charge, in the
 * explaining engine and the fast (bulk) one alike. Entries are $10,000 and 1,000 kg unless the row says otherwise.
 */
class MagnetImporterCasesTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    /**
     * Sintered NdFeB magnets (8505.11.00.70) joined the reciprocal tariff's Annex II only with the updated Annex II of
     * EO 14346 (2025-09-05), effective for entries from 2025-09-08 (tariffs_2026h2/ieepa_history_2025_2026.csv,
     * annexII_sep; International Trade Today, 2025-09-08: sintered neodymium-iron-boron magnets "no longer subject to
     * reciprocal tariffs"). Before, they owed the reciprocal duties as every other magnet did (Chinese magnets at 20 %
     * fentanyl + 10 % universal + 2.1 % in May-June 2025: Adams Magnetic, June 2025). The regime applied the Rev. 6 list
     * on every date, so these lines owed nothing reciprocal from 2025-04-05 — at 125 % for China in April-May 2025.
     * And the USTR product exclusions of 9903.88.69 (U.S. Note 20(vvv), to 2026-11-09) that name motors of 8501: the shared
     * data holds only the critical-minerals chapters' lines of the tracker's list, so a Chinese motor whose importer claims
     * the exclusion was charged its List duty (25 %); the nine 8501 lines of the list (arifshehab/tariff-rate-tracker
     * resources/s301_exclusion_lines.csv) are now in the measure's scope. And Section 232 Annex I-B (the 25 % on the motors
     * of 8501, among others, from 2026-04-06) is heading 9903.82.09, inside the range of U.S. Note 52(f)(1) (9903.82.02,
     * .04-.26), so the Section 301 action on 60 economies is not charged on its goods: the regime had inferred 9903.82.03 from
     * the gap in that range and stacked the 60-economy duty (12.5 % on a Chinese or Vietnamese motor) on it; .03 is the
     * exemption of articles whose metal is under 15 % of their weight.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # case | hts | origin | date | value | quantity | unit | extra | charges | total
        NdFeB of China at 125 % (9903.01.63) before Annex II took it | 8505.11.00.70 | CN | 2025-04-20 | 10000 | 1000 | kg | | general=210.00;9903.01.24=2000.00;9903.01.63=12500.00 | 14710.00
        NdFeB of China at the 10 % baseline after the truce | 8505.11.00.70 | CN | 2025-06-01 | 10000 | 1000 | kg | | general=210.00;9903.01.24=2000.00;9903.01.25=1000.00 | 3210.00
        NdFeB of Viet Nam at the baseline, 2025-06 | 8505.11.00.70 | VN | 2025-06-01 | 10000 | 1000 | kg | | general=210.00;9903.01.25=1000.00 | 1210.00
        NdFeB of Viet Nam at 20 % on the day before Annex II took it | 8505.11.00.70 | VN | 2025-09-07 | 10000 | 1000 | kg | | general=210.00;9903.02.69=2000.00 | 2210.00
        NdFeB of Japan, all-in 15 %, on the day before | 8505.11.00.70 | JP | 2025-09-07 | 10000 | 1000 | kg | | general=210.00;9903.02.73=1290.00 | 1500.00
        NdFeB of Japan exempt (9903.01.32) from 2025-09-08 | 8505.11.00.70 | JP | 2025-09-08 | 10000 | 1000 | kg | | general=210.00;9903.01.32=0.00 | 210.00
        NdFeB of Germany exempt from 2025-09-08 | 8505.11.00.70 | DE | 2025-12-01 | 10000 | 1000 | kg | | general=210.00;9903.01.32=0.00 | 210.00
        NdFeB of China from 2025-09-08: the fentanyl duty only | 8505.11.00.70 | CN | 2025-09-08 | 10000 | 1000 | kg | | general=210.00;9903.01.24=2000.00;9903.01.32=0.00 | 2210.00
        SmCo magnets of Japan were never on Annex II | 8505.11.00.50 | JP | 2025-09-08 | 10000 | 1000 | kg | | general=210.00;9903.02.73=1290.00 | 1500.00
        motors of China excluded from List 2 (9903.88.69) when the importer claims it | 8501.31.40.00 | CN | 2026-08-01 | 10000 | 10 | No. | doc=9903.88.69 | general=400.00;9903.82.09=2500.00;9903.88.69=0.00 | 2900.00
        motors of China, the exclusion not claimed | 8501.31.40.00 | CN | 2026-08-01 | 10000 | 10 | No. | | general=400.00;9903.82.09=2500.00;9903.88.02=2500.00 | 5400.00
        motors of China, the exclusion's last day | 8501.51.40.40 | CN | 2026-11-09 | 10000 | 10 | No. | doc=9903.88.69 | general=250.00;9903.82.09=2500.00;9903.88.69=0.00 | 2750.00
        motors of China, the exclusion ended 2026-11-09 | 8501.51.40.40 | CN | 2026-11-10 | 10000 | 10 | No. | doc=9903.88.69 | general=250.00;9903.82.09=2500.00;9903.88.01=2500.00 | 5250.00
        Annex I-B motors of Japan: 9903.82.09 is in U.S. Note 52(f)(1), no 60-economy duty | 8501.52.40.00 | JP | 2026-08-01 | 10000 | 10 | No. | | general=370.00;9903.82.09=2500.00 | 2870.00
        Annex I-B motors of Germany, likewise | 8501.52.40.00 | DE | 2026-08-01 | 10000 | 10 | No. | | general=370.00;9903.82.09=2500.00 | 2870.00
        Annex I-B motors of Viet Nam, likewise | 8501.32.45.00 | VN | 2026-08-01 | 10000 | 10 | No. | | general=0.00;9903.82.09=2500.00 | 2500.00
        Annex I-B motors of Malaysia before the 60-economy action | 8501.32.45.00 | MY | 2026-07-23 | 10000 | 10 | No. | | general=0.00;9903.82.09=2500.00 | 2500.00
        motors of China, exclusion in 2025 (IEEPA era) | 8501.10.40.20 | CN | 2025-06-01 | 10000 | 10 | No. | doc=9903.88.69 | general=440.00;9903.01.24=2000.00;9903.01.25=1000.00;9903.88.69=0.00 | 3440.00
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
        for (Assessment a : new Assessment[]{law.assess(e), law.assessWithoutTrail(e), law.assessBulk(e)}) {
            assertThat(a.status()).as(name).isEqualTo(Assessment.Status.ASSESSED);
            Set<String> got = new TreeSet<>();
            for (Assessment.Charge c : a.charges()) got.add(c.id() + "=" + c.amount().setScale(2));
            assertThat(got).as(name).isEqualTo(new TreeSet<>(Set.of(charges.split(";"))));
            assertThat(a.totalDuty()).as(name).isEqualByComparingTo(total);
        }
    }

    /**
     * The other 38 subheadings the updated Annex II of EO 14346 added from 2025-09-08 (vastlog.com's list of the 39, with
     * 8505.11.0070; International Trade Today, 2025-09-05: chapters 25, 26, 28, 29, 47, 71, 72, 75 and 85) are on the Rev. 6
     * list the regime applies on every date, so before 2025-09-08 they are charged no reciprocal duty they owed — natural
     * graphite 2504.10.10 of China at 125 % in April 2025. Their dated exemption is not modelled (it moves the bundled
     * markets' reference duties of 2025-07-01); the lines are warned instead, in both engines, and not from 2025-09-08.
     */
    @Test
    void theOtherAdditionsOfSeptember2025AreWarnedBeforeTheirDate() {
        String gap = "regime horizon: known gap ieepa-annex-ii-2025-09-08-additions, not in these figures: ";
        for (String[] c : new String[][]{{"2504.10.10.00", "CN", "2025-04-20"}, {"7502.10.00.00", "ID", "2025-09-07"},
                {"2609.00.00.00", "MY", "2025-08-20"}}) {
            Entry e = Entry.of(c[0], c[1], LocalDate.parse(c[2]), new BigDecimal("10000"), new BigDecimal("1000"), Units.KG);
            for (Assessment a : new Assessment[]{law.assess(e), law.assessWithoutTrail(e), law.assessBulk(e)}) {
                assertThat(a.warnings()).as(c[0]).anySatisfy(w -> assertThat(w).startsWith(gap + "the goods the updated Annex II of EO 14346"));
            }
        }
        Entry after = Entry.of("2504.10.10.00", "CN", LocalDate.parse("2025-09-08"), new BigDecimal("10000"), new BigDecimal("1000"), Units.KG);
        assertThat(law.assess(after).warnings()).noneMatch(w -> w.contains("ieepa-annex-ii-2025-09-08-additions"));
        assertThat(law.assessBulk(after).warnings()).noneMatch(w -> w.contains("ieepa-annex-ii-2025-09-08-additions"));
        // the magnets are modelled, not warned
        Entry magnets = Entry.of("8505.11.00.70", "CN", LocalDate.parse("2025-06-01"), new BigDecimal("10000"), new BigDecimal("1000"), Units.KG);
        assertThat(law.assess(magnets).warnings()).noneMatch(w -> w.contains("ieepa-annex-ii-2025-09-08-additions"));
    }

    /**
     * An 8-digit line with several statistical lines is assessed at its own rates and measures, with a warning — which
     * said only "rates and measures of 8505.11.00 used". But the measures treat its statistical lines apart: NdFeB magnets
     * (8505.11.00.70) are on the Section 122 and Section 301 (60 economies) exemption lists and, from 2025-09-08, Annex II,
     * the other magnets are not; so 8505.11.00 of China on 2026-08-01 was charged $1,250.00 under 9903.05.31 that NdFeB
     * magnets do not owe, without a word of it. The warning now names each measure that differs and the lines it differs
     * on, in both engines.
     */
    @Test
    void anEightDigitLineWhoseStatisticalLinesTheMeasuresTreatApartSaysWhich() {
        Entry fl = Entry.of("8505.11.00", "CN", LocalDate.parse("2026-08-01"), new BigDecimal("10000"), new BigDecimal("100"), Units.KG);
        Entry annex = Entry.of("8505.11.00", "JP", LocalDate.parse("2025-10-01"), new BigDecimal("10000"), new BigDecimal("100"), Units.KG);
        for (boolean explain : new boolean[]{true, false}) {
            Assessment a = explain ? law.assess(fl) : law.assessBulk(fl);
            assertThat(a.totalDuty()).isEqualByComparingTo("3960.00"); // the figures of 8505.11.00 itself, as before
            assertThat(a.warnings()).contains("8505.11.00 is not a declarable line (statistical suffix missing); rates and "
                    + "measures of 8505.11.00 used, but its statistical lines are treated apart: 9903.05.31 does not apply to "
                    + "8505.11.00.70 — declare the 10-digit line");
            Assessment b = explain ? law.assess(annex) : law.assessBulk(annex);
            assertThat(b.totalDuty()).isEqualByComparingTo("1500.00");
            assertThat(b.warnings()).contains("8505.11.00 is not a declarable line (statistical suffix missing); rates and "
                    + "measures of 8505.11.00 used, but its statistical lines are treated apart: 9903.01.32 applies only to "
                    + "8505.11.00.70 — declare the 10-digit line");
        }
        // where every statistical line is treated alike the warning is as it was
        Entry ree = Entry.of("2805.30.00", "CN", LocalDate.parse("2026-08-01"), new BigDecimal("10000"), new BigDecimal("100"), Units.KG);
        assertThat(law.assess(ree).warnings()).contains("2805.30.00 is not a declarable line (statistical suffix missing); rates and "
                + "measures of 2805.30.00 used");
    }

    /**
     * The tracker's exclusion list names 131 more lines than are modelled (pumps 8413.30.90.90 among them): a Chinese good
     * an exclusion describes owed no List duty until 2026-11-09, charged here without a word. Now warned (known gap
     * s301-exclusions-other-lines), in both engines, within the window and for China only.
     */
    @Test
    void theExclusionLinesNotModelledAreWarned() {
        String gap = "regime horizon: known gap s301-exclusions-other-lines, not in these figures: a USTR Section 301 product "
                + "exclusion (9903.88.69 or .70, to 2026-11-09) names this line and is not modelled: goods it describes owe no List "
                + "duty (9903.88.01-.04, .15), charged here.";
        Entry pump = Entry.of("8413.30.90.90", "CN", LocalDate.parse("2026-03-02"), new BigDecimal("10000"), new BigDecimal("10"), Units.find("No.").orElseThrow());
        assertThat(law.assess(pump).warnings()).contains(gap);
        assertThat(law.assessBulk(pump).warnings()).contains(gap);
        assertThat(law.assess(pump).totalDuty()).isEqualByComparingTo("2750.00"); // 2.5 % and List 3's 25 %, as before
        Entry after = Entry.of("8413.30.90.90", "CN", LocalDate.parse("2026-11-10"), new BigDecimal("10000"), new BigDecimal("10"), Units.find("No.").orElseThrow());
        assertThat(law.assessBulk(after).warnings()).noneMatch(w -> w.contains("s301-exclusions-other-lines"));
        Entry vietnam = Entry.of("8413.30.90.90", "VN", LocalDate.parse("2026-03-02"), new BigDecimal("10000"), new BigDecimal("10"), Units.find("No.").orElseThrow());
        assertThat(law.assess(vietnam).warnings()).noneMatch(w -> w.contains("s301-exclusions-other-lines"));
        // the motors, modelled, are not warned
        Entry motor = Entry.of("8501.31.40.00", "CN", LocalDate.parse("2026-03-02"), new BigDecimal("10000"), new BigDecimal("10"), Units.find("No.").orElseThrow());
        assertThat(law.assess(motor).warnings()).noneMatch(w -> w.contains("s301-exclusions-other-lines"));
    }
}
