package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static lodestone.border.BundledRegimeAssessmentTest.charged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session 20's broker audit of the bundled regime: lines whose duty was derived by hand from the HTS 2026 Basic Edition's
 * Chapter 99 texts (shared data hts/hts_2026_basic_edition.csv) and the shared data's product lists, where Lodestone
 * disagreed with the source.
 */
class BorderAuditTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    /** $10,000 and 1,000 kg, as the Section 232 worked examples. */
    static Entry e(String hts, String origin, String date) {
        return Section232MetalsTest.e(hts, origin, date);
    }

    /**
     * Heading 9903.01.25 (the reciprocal baseline) excepts the products of 9903.01.26-.33, and 9903.01.29 is "articles the
     * product of any country identified in general note 3(b)" — the column 2 countries. Beryllium 8112.12 of Russia
     * ($10,000; column 2 rate 25 %) owes $2,500.00 in 2025, not $3,500.00.
     */
    @Test
    void columnTwoOriginsAreNotSubjectToTheReciprocalBaseline() {
        for (String date : new String[]{"2025-06-01", "2025-09-01", "2026-02-23"}) {
            Assessment ru = law.assess(e("8112.12.00.00", "RU", date));
            assertThat(charged(ru, "9903.01.25")).as(date).isNull();
            assertThat(charged(ru, "column2")).as(date).isEqualByComparingTo("2500.00");
            assertThat(ru.totalDuty()).as(date).isEqualByComparingTo("2500.00");
        }
        assertThat(charged(law.assess(e("8112.12.00.00", "BY", "2025-06-01")), "9903.01.25")).isNull();
        assertThat(charged(law.assess(e("8112.12.00.00", "KP", "2025-06-01")), "9903.01.25")).isNull();
        // a normal-trade-relations origin without a country rate still pays it
        assertThat(charged(law.assess(e("8112.12.00.00", "AU", "2025-06-01")), "9903.01.25")).isEqualByComparingTo("1000.00");
        // the Section 122 surcharge (no such exception) and the 2026 Section 301 action on Russia still apply
        assertThat(charged(law.assess(e("8112.12.00.00", "RU", "2026-03-02")), "9903.03.01")).isEqualByComparingTo("1000.00");
    }

    /**
     * Heading 9903.01.63 (China's 84 % and 125 % of April-May 2025) excepts "products described in headings 9903.01.28-
     * 9903.01.33", and 9903.01.33 is the Section 232 steel and aluminium articles and derivatives: aluminium bar 7601.10.30
     * of China on 2025-04-15 owes 2.6 % + 25 % (Section 232) + 20 % (9903.01.24) + 25 % (9903.91.01) = $7,260.00, not
     * $19,760.00.
     */
    @Test
    void chinasReciprocalRatesOfApril2025DoNotApplyToSection232Goods() {
        Assessment bar = law.assess(e("7601.10.30.00", "CN", "2025-04-15"));
        assertThat(charged(bar, "9903.85.01")).isEqualByComparingTo("2500.00");
        assertThat(charged(bar, "9903.01.63")).isNull();
        assertThat(bar.totalDuty()).isEqualByComparingTo("7260.00");
        assertThat(charged(law.assess(e("7601.10.30.00", "CN", "2025-04-09")), "9903.01.63")).isNull();
        assertThat(charged(law.assessBulk(e("7601.10.30.00", "CN", "2025-04-15")), "9903.01.63")).isNull();
    }

    /**
     * The shared data's Section 301 list file puts 249 eight-digit subheadings on two of Lists 1, 2, 3 and 4A (e.g. pumps
     * 8413.50.00 on Lists 1 and 3). A product pays one List duty, not two: reciprocating pumps of China, $10,000 on
     * 2026-03-02, owe 25 % under the earlier list (9903.88.01), $2,500.00 — not $5,000.00. Where List 4A (7.5 %) and List
     * 3 (25 %) overlap, List 3 is charged (the tracker's own rule: the highest listed rate).
     */
    @Test
    void aProductOnTwoSection301ListsPaysOneListDuty() {
        Entry pumps = Entry.of("8413.50.00.90", "CN", LocalDate.parse("2026-03-02"), new BigDecimal("10000"), BigDecimal.TEN,
                Units.find("No.").orElseThrow()).withProductionRegions(java.util.List.of("CN-GS"));
        Assessment a = law.assess(pumps);
        assertThat(charged(a, "9903.88.01")).isEqualByComparingTo("2500.00");
        assertThat(charged(a, "9903.88.03")).isNull();
        assertThat(a.totalDuty()).isEqualByComparingTo("2500.00");
        assertThat(law.assessBulk(pumps).totalDuty()).isEqualByComparingTo("2500.00");
        // 8443.32.10 is on Lists 3 and 4A: 25 %, once
        Assessment printers = law.assess(Entry.of("8443.32.10.90", "CN", LocalDate.parse("2025-06-02"), new BigDecimal("10000"),
                BigDecimal.TEN, Units.find("No.").orElseThrow()));
        assertThat(charged(printers, "9903.88.03")).isEqualByComparingTo("2500.00");
        assertThat(charged(printers, "9903.88.15")).isNull();
    }

    /**
     * The shared data's Section 301 list file has lithium-ion batteries 8507.60.00 only on the suspended List 4B and in
     * the 2026 tranche (9903.91.06), while USTR's four-year review raised EV batteries to 25 % in 2024 and the others
     * (List 4A, 7.5 %) to 25 % only in 2026: a 2025 entry of Chinese lithium-ion batteries owes a duty the source does
     * not give. The gap is said on the line, not guessed.
     */
    @Test
    void lithiumIonBatteriesOfChinaIn2025WarnThatTheirSection301DutyIsNotInTheFigures() {
        Entry cells = Entry.of("8507.60.00.20", "CN", LocalDate.parse("2025-06-02"), new BigDecimal("10000"), BigDecimal.TEN,
                Units.KG).withProductionRegions(java.util.List.of("CN-GS"));
        assertThat(law.assess(cells).warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("regime horizon: known gap s301-lithium-ion-batteries-2025, not in these figures: Section 301 (China) on lithium-ion batteries"));
        assertThat(law.assessBulk(cells).warnings()).isEqualTo(law.assess(cells).warnings());
        // from 2026 the tranche 9903.91.06 is charged and nothing is warned; other origins are not warned
        Assessment y2026 = law.assess(cells.withDate(LocalDate.parse("2026-03-02")));
        assertThat(charged(y2026, "9903.91.06")).isEqualByComparingTo("2500.00");
        assertThat(y2026.warnings()).noneSatisfy(w -> assertThat(w).contains("s301-lithium-ion-batteries-2025"));
        assertThat(law.assess(Entry.of("8507.60.00.20", "KR", LocalDate.parse("2025-06-02"), new BigDecimal("10000"), BigDecimal.TEN,
                Units.KG)).warnings()).noneSatisfy(w -> assertThat(w).contains("s301-lithium-ion-batteries-2025"));
    }

    /**
     * Heading 9903.01.63 (China's 84 % and 125 % of April-May 2025) applies "except as provided for in heading 9903.01.34":
     * the US content of an article whose US content is at least 20 % of its customs value is not charged, as for the
     * baseline it replaced (HTS 2026 Basic Edition). $10,000 of Chinese goods with $3,000 of US content on 2025-04-15 owe
     * 125 % of $7,000 = $8,750.00, not 125 % of $10,000.
     */
    @Test
    void chinasReciprocalRatesOfApril2025SpareTheUsContent() {
        Entry withUs = e("2906.11.00.00", "CN", "2025-04-15").withUsContentValue(new BigDecimal("3000"));
        assertThat(charged(law.assess(withUs), "9903.01.63")).isEqualByComparingTo("8750.00");
        assertThat(charged(law.assessBulk(withUs), "9903.01.63")).isEqualByComparingTo("8750.00");
        assertThat(charged(law.assess(e("2906.11.00.00", "CN", "2025-04-09").withUsContentValue(new BigDecimal("3000"))), "9903.01.63"))
                .isEqualByComparingTo("5880.00");
        // below the 20 % share the whole value is charged
        assertThat(charged(law.assess(e("2906.11.00.00", "CN", "2025-04-15").withUsContentValue(new BigDecimal("1000"))), "9903.01.63"))
                .isEqualByComparingTo("12500.00");
    }

    /**
     * The country rates of EO 14326 (9903.02.02-.91, from 2025-08-07) apply "except for goods loaded onto a vessel ... before
     * 12:01 a.m. eastern daylight time on August 7, 2025, and entered ... before 12:01 a.m. eastern daylight time on October
     * 5, 2025" (HTS 2026 Basic Edition; shared data ieepa_history_2025_2026.csv, event phase2): such goods are not of the
     * country heading and pay the 10 % baseline of 9903.01.25. Beryllium of South Africa (30 %) loaded 2025-08-01 and
     * entered 2025-09-01 owes 8.5 % + 10 % = $1,850.00, not $3,850.00.
     */
    @Test
    void goodsInTransitOnAugust7PayTheBaselineInsteadOfTheCountryRate() {
        Entry za = e("8112.12.00.00", "ZA", "2025-09-01").withLoadedDate(LocalDate.parse("2025-08-01"));
        Assessment a = law.assess(za);
        assertThat(charged(a, "9903.02.55")).isEqualByComparingTo("1000.00");
        assertThat(a.totalDuty()).isEqualByComparingTo("1850.00");
        assertThat(law.assessBulk(za).totalDuty()).isEqualByComparingTo("1850.00");
        // loaded on 2025-08-07, or entered on 2025-10-05 or later: the country rate
        assertThat(charged(law.assess(za.withLoadedDate(LocalDate.parse("2025-08-07"))), "9903.02.55")).isEqualByComparingTo("3000.00");
        assertThat(charged(law.assess(za.withDate(LocalDate.parse("2025-10-05"))), "9903.02.55")).isEqualByComparingTo("3000.00");
        // a framework floor too: Japan's all-in 15 % gives way to the 10 % baseline for goods in transit
        Entry jp = e("8112.12.00.00", "JP", "2025-09-01").withLoadedDate(LocalDate.parse("2025-07-30"));
        assertThat(charged(law.assess(jp), "9903.02.73")).isEqualByComparingTo("1000.00");
        assertThat(charged(law.assess(e("8112.12.00.00", "JP", "2025-09-01")), "9903.02.73")).isEqualByComparingTo("650.00");
    }

    /**
     * The country rates of EO 14257 Annex I (headings 9903.01.43-.76 of the HTS 2026 Basic Edition, e.g. 9903.01.59 "+ 30%"
     * for Algeria, Nauru or South Africa) were in force for entries of 2025-04-09 only: EO 14266 suspended them from
     * 2025-04-10, keeping the 10 % baseline (shared data ieepa_history_2025_2026.csv, event cn_recip_125). Beryllium of South
     * Africa entered on 2025-04-09 owes 8.5 % + 30 % = $3,850.00, not the baseline's $1,850.00; Annex II goods, Section 232
     * goods and goods loaded before 2025-04-09 (the heading's in-transit exception) do not pay it.
     */
    @Test
    void theAnnexICountryRatesApplyToEntriesOfApril9_2025() {
        Assessment za = law.assess(e("8112.12.00.00", "ZA", "2025-04-09"));
        assertThat(charged(za, "9903.01.59")).isEqualByComparingTo("3000.00");
        assertThat(charged(za, "9903.01.25")).isNull();
        assertThat(za.totalDuty()).isEqualByComparingTo("3850.00");
        assertThat(law.assessBulk(e("8112.12.00.00", "ZA", "2025-04-09")).totalDuty()).isEqualByComparingTo("3850.00");
        assertThat(charged(law.assess(e("8112.12.00.00", "VN", "2025-04-09")), "9903.01.72")).isEqualByComparingTo("4600.00");
        assertThat(charged(law.assess(e("8112.12.00.00", "DE", "2025-04-09")), "9903.01.50")).isEqualByComparingTo("2000.00");
        assertThat(charged(law.assess(e("8112.12.00.00", "CD", "2025-04-09")), "9903.01.43")).isEqualByComparingTo("1100.00");
        // the day before and the day after: the baseline
        for (String d : new String[]{"2025-04-08", "2025-04-10"}) {
            Assessment a = law.assess(e("8112.12.00.00", "ZA", d));
            assertThat(charged(a, "9903.01.59")).as(d).isNull();
            assertThat(charged(a, "9903.01.25")).as(d).isEqualByComparingTo("1000.00");
        }
        // in transit (loaded before 2025-04-09): the baseline; Annex II goods: nothing; Section 232 goods: not on the aluminium
        assertThat(charged(law.assess(e("8112.12.00.00", "ZA", "2025-04-09").withLoadedDate(LocalDate.parse("2025-04-05"))), "9903.01.59"))
                .isEqualByComparingTo("1000.00");
        assertThat(charged(law.assess(e("2846.90.80.90", "ZA", "2025-04-09")), "9903.01.59")).isNull();
        assertThat(charged(law.assess(e("7601.10.30.00", "ZA", "2025-04-09")), "9903.01.59")).isNull();
        // Canada and Mexico had no Annex I rate; China has its own (84 %)
        assertThat(charged(law.assess(e("2906.11.00.00", "CN", "2025-04-09")), "9903.01.63")).isEqualByComparingTo("8400.00");
    }

    /**
     * EO 14289 (2025-04-29, 90 FR 18907, from entries of 2025-03-04): an article subject to the IEEPA duties on Canada or
     * Mexico is not subject to the Section 232 steel and aluminium duties; Proclamation 10947 (2025-06-03, 90 FR 24199)
     * reversed that order from 2025-06-04: the Section 232 duty applies and the Canada/Mexico duty does not, on the
     * value the Section 232 duty is charged on. Aluminium bar 7601.10.30 of Mexico, $10,000: on 2025-05-01 $2,760.00
     * (2.6 % and 25 % under 9903.01.01), on 2025-09-01 $5,260.00 (2.6 % and 50 % under 9903.85.02) — both duties were
     * charged ($5,260.00 and $7,760.00).
     */
    @Test
    void section232SteelAndAluminiumAndTheCanadaMexicoDutiesDoNotStack() {
        Assessment may = law.assess(e("7601.10.30.00", "MX", "2025-05-01"));
        assertThat(charged(may, "9903.01.01")).isEqualByComparingTo("2500.00");
        assertThat(charged(may, "9903.85.01")).isNull();
        assertThat(may.totalDuty()).isEqualByComparingTo("2760.00");
        // a USMCA good is not subject to the Mexico duty, so the Section 232 duty applies
        Assessment usmca = law.assess(e("7601.10.30.00", "MX", "2025-05-01").withPreference("S"));
        assertThat(charged(usmca, "9903.85.01")).isEqualByComparingTo("2500.00");
        Assessment sep = law.assess(e("7601.10.30.00", "MX", "2025-09-01"));
        assertThat(charged(sep, "9903.85.02")).isEqualByComparingTo("5000.00");
        assertThat(charged(sep, "9903.01.01")).isNull();
        assertThat(sep.totalDuty()).isEqualByComparingTo("5260.00");
        assertThat(law.assessBulk(e("7601.10.30.00", "MX", "2025-09-01")).totalDuty()).isEqualByComparingTo("5260.00");
        // a derivative on its aluminium content from 2025-06-04: the Canada duty on the value that is not aluminium (35 % of $4,000)
        Assessment derivative = law.assess(e("9403.20.00.90", "CA", "2025-09-01").withMetalContentValue(new BigDecimal("6000")));
        assertThat(charged(derivative, "9903.85.08")).isEqualByComparingTo("3000.00");
        assertThat(charged(derivative, "9903.01.10")).isEqualByComparingTo("1400.00");
        // a chapter 76 derivative likewise from 2025-06-04, its aluminium content declared (Proclamation 10947; CBP CSMS
        // #65236374 and #65236645); undeclared, on its full value, and no Canada duty is left
        Assessment ch76 = law.assess(e("7616.99.51.90", "CA", "2025-09-01").withMetalContentValue(new BigDecimal("6000")));
        assertThat(charged(ch76, "9903.85.07")).isEqualByComparingTo("3000.00");
        assertThat(charged(ch76, "9903.01.10")).isEqualByComparingTo("1400.00");
        Assessment ch76Whole = law.assess(e("7616.99.51.90", "CA", "2025-09-01"));
        assertThat(charged(ch76Whole, "9903.85.07")).isEqualByComparingTo("5000.00");
        assertThat(charged(ch76Whole, "9903.01.10")).isNull();
    }

    /**
     * Section 232 aluminium derivatives by the headings of HTS 2026 Chapter 99: those of chapter 76 (9903.85.04, U.S. Note
     * 19(i); 9903.85.07, 19(j)) pay "+ 50%" — from 2025-06-04 on the aluminium content when declared (Proclamation 10947;
     * chapter73And76GoodsFrom2025_06_04PaySection232OnTheDeclaredMetalContentAndTheOtherDutiesOnTheRest), else on the full
     * value —, the others (9903.85.08, 19(k)) "50% upon the value of the aluminum content"; British goods 25 % under
     * 9903.85.13/.14. Each is reported under its own heading,
     * not the steel derivatives' 9903.81.91 (which kept the whole list before). A line on both the steel and the aluminium
     * list pays once on the declared steel and aluminium content. 7616.99.51.60 is an aluminium article, not a derivative
     * of 7616.99.51: one duty (9903.85.02), not two. All $10,000 entries, metal content $6,000 where declared.
     */
    @Test
    void aluminiumDerivativesPayUnderTheirOwnHeadingOnTheValueItNames() {
        Assessment onContent = law.assess(e("7616.99.51.90", "DE", "2025-09-01").withMetalContentValue(new BigDecimal("6000")));
        assertThat(charged(onContent, "9903.85.07")).isEqualByComparingTo("3000.00");
        assertThat(charged(onContent, "9903.81.91")).isNull();
        // the EU's 15 % all-in rate on the $4,000 that is not aluminium, less the base duty's share of it: 600 - 100
        assertThat(charged(onContent, "9903.02.20")).isEqualByComparingTo("500.00");
        assertThat(onContent.warnings()).isEmpty();
        Assessment fullValue = law.assess(e("7616.99.51.90", "DE", "2025-09-01"));
        assertThat(charged(fullValue, "9903.85.07")).isEqualByComparingTo("5000.00");
        assertThat(law.assessBulk(e("7616.99.51.90", "DE", "2025-09-01")).totalDuty()).isEqualByComparingTo(fullValue.totalDuty());
        assertThat(charged(law.assess(e("7614.10.50.00", "JP", "2025-09-01")), "9903.85.04")).isEqualByComparingTo("5000.00");
        assertThat(charged(law.assess(e("7616.99.51.90", "DE", "2025-05-01")), "9903.85.07")).isEqualByComparingTo("2500.00");
        assertThat(charged(law.assess(e("7616.99.51.90", "GB", "2025-09-01")), "9903.85.14")).isEqualByComparingTo("2500.00");

        Assessment content = law.assess(e("9403.20.00.90", "DE", "2025-09-01").withMetalContentValue(new BigDecimal("6000")));
        assertThat(charged(content, "9903.85.08")).isEqualByComparingTo("3000.00");
        assertThat(charged(content, "9903.81.91")).isNull();
        Assessment bothLists = law.assess(e("8302.41.60.80", "DE", "2025-09-01").withMetalContentValue(new BigDecimal("6000")));
        assertThat(charged(bothLists, "9903.81.91")).isEqualByComparingTo("3000.00");
        assertThat(charged(bothLists, "9903.85.08")).isNull();

        Assessment article = law.assess(e("7616.99.51.60", "DE", "2025-09-01"));
        assertThat(charged(article, "9903.85.02")).isEqualByComparingTo("5000.00");
        assertThat(charged(article, "9903.85.07")).isNull();
    }

    /**
     * Heading 9903.01.28 (HTS 2026 Basic Edition): "articles the product of any country that (1) were loaded onto a vessel
     * at the port of loading and in transit on the final mode of transit prior to entry into the United States, before
     * 12:01 a.m. eastern daylight time on April 5, 2025; and (2) are entered for consumption ... after 12:01 a.m. eastern
     * daylight time on April 5, 2025" are excepted from the baseline 9903.01.25 and from the Annex I country headings
     * (9903.01.43-.76 except "products described in headings 9903.01.28-9903.01.33"). CBP accepted the claim for entries
     * before 12:01 a.m. EDT on 2025-06-16 (CSMS # 64680374 as updated 2025-05-30). Alnico magnets 8505.11.00.10 of Chile
     * (general 2.1 %), $10,000, loaded 2025-04-01 and entered 2025-04-20, owe $210.00, not $1,210.00.
     */
    @Test
    void goodsInTransitBeforeApril5OweNoReciprocalDuty() {
        Entry magnets = e("8505.11.00.10", "CL", "2025-04-20");
        Assessment inTransit = law.assess(magnets.withLoadedDate(LocalDate.parse("2025-04-01")));
        assertThat(charged(inTransit, "9903.01.25")).isNull();
        assertThat(inTransit.totalDuty()).isEqualByComparingTo("210.00");
        assertThat(inTransit.trail()).anySatisfy(t -> assertThat(t.text()).startsWith("9903.01.25 (").contains("[9903.01.28]"));
        assertThat(law.assessBulk(magnets.withLoadedDate(LocalDate.parse("2025-04-01"))).totalDuty()).isEqualByComparingTo("210.00");
        // without a loading date, loaded on 2025-04-05, or entered from 2025-06-16: the baseline, 10 % of $10,000
        assertThat(charged(law.assess(magnets), "9903.01.25")).isEqualByComparingTo("1000.00");
        assertThat(charged(law.assess(magnets.withLoadedDate(LocalDate.parse("2025-04-05"))), "9903.01.25")).isEqualByComparingTo("1000.00");
        Entry late = e("8505.11.00.10", "CL", "2025-06-16").withLoadedDate(LocalDate.parse("2025-04-01"));
        assertThat(charged(law.assess(late), "9903.01.25")).isEqualByComparingTo("1000.00");
        assertThat(law.assessBulk(late).totalDuty()).isEqualByComparingTo("1210.00");
        // South Africa's Annex I rate (30 %, 9903.01.59) on 2025-04-09: nothing when loaded before 2025-04-05, the baseline's
        // 10 % when loaded from 2025-04-05 to 2025-04-08
        Entry za = e("8505.11.00.10", "ZA", "2025-04-09");
        Assessment zaEarly = law.assess(za.withLoadedDate(LocalDate.parse("2025-04-01")));
        assertThat(charged(zaEarly, "9903.01.59")).isNull();
        assertThat(charged(zaEarly, "9903.01.25")).isNull();
        assertThat(zaEarly.totalDuty()).isEqualByComparingTo("210.00");
        assertThat(law.assessBulk(za.withLoadedDate(LocalDate.parse("2025-04-01"))).totalDuty()).isEqualByComparingTo("210.00");
        assertThat(law.assess(za.withLoadedDate(LocalDate.parse("2025-04-07"))).totalDuty()).isEqualByComparingTo("1210.00");
        assertThat(charged(law.assess(za), "9903.01.59")).isEqualByComparingTo("3000.00");
    }

    /**
     * Heading 9903.01.63 (China's 125 % of 2025-04-10 to 05-13) applies "except for goods loaded onto a vessel at the port of
     * loading and in transit on the final mode of transit before 12:01 a.m. eastern daylight time on April 10, 2025" and
     * except the products of 9903.01.28 (HTS 2026 Basic Edition): such goods pay the baseline 9903.01.25 (10 %), or nothing
     * when loaded before 2025-04-05; CBP accepted the in-transit claims for entries before 2025-06-16 (CSMS # 64680374 as
     * updated 2025-05-30). Alnico magnets 8505.11.00.10 of China, $10,000, loaded 2025-04-08 and entered 2025-04-20, owe
     * $1,000.00 under 9903.01.25, not $12,500.00 under 9903.01.63. The 84 % of 2025-04-09 excepts goods loaded before that
     * day, as the other Annex I headings did.
     */
    @Test
    void chinasReciprocalRatesOfApril2025SpareGoodsInTransit() {
        Entry magnets = e("8505.11.00.10", "CN", "2025-04-20");
        Assessment inTransit = law.assess(magnets.withLoadedDate(LocalDate.parse("2025-04-08")));
        assertThat(charged(inTransit, "9903.01.63")).isNull();
        assertThat(charged(inTransit, "9903.01.25")).isEqualByComparingTo("1000.00");
        assertThat(inTransit.trail()).anySatisfy(t -> assertThat(t.text()).startsWith("9903.01.63 (").contains("[9903.01.25]"));
        assertThat(law.assessBulk(magnets.withLoadedDate(LocalDate.parse("2025-04-08"))).totalDuty()).isEqualByComparingTo(inTransit.totalDuty());
        Assessment beforeApril5 = law.assess(magnets.withLoadedDate(LocalDate.parse("2025-04-01")));
        assertThat(charged(beforeApril5, "9903.01.63")).isNull();
        assertThat(charged(beforeApril5, "9903.01.25")).isNull();
        assertThat(beforeApril5.totalDuty()).isEqualByComparingTo(inTransit.totalDuty().subtract(new BigDecimal("1000.00")));
        // loaded on 2025-04-10, or not declared: 125 %
        assertThat(charged(law.assess(magnets.withLoadedDate(LocalDate.parse("2025-04-10"))), "9903.01.63")).isEqualByComparingTo("12500.00");
        assertThat(charged(law.assess(magnets), "9903.01.63")).isEqualByComparingTo("12500.00");
        assertThat(charged(law.assess(magnets), "9903.01.25")).isNull();
        // 2025-04-09 (84 %): loaded 2025-04-07, the baseline
        Assessment april9 = law.assess(e("8505.11.00.10", "CN", "2025-04-09").withLoadedDate(LocalDate.parse("2025-04-07")));
        assertThat(charged(april9, "9903.01.63")).isNull();
        assertThat(charged(april9, "9903.01.25")).isEqualByComparingTo("1000.00");
        assertThat(charged(law.assess(e("8505.11.00.10", "CN", "2025-04-09")), "9903.01.63")).isEqualByComparingTo("8400.00");
    }

    /**
     * Heading 9903.01.13 charges 10 % on Canadian "critical minerals, as defined by 30 U.S.C. 1606(a)(3)" — a mineral the
     * Secretary of the Interior has designated critical. Copper was designated only by the final 2025 list (90 FR 50494,
     * 2025-11-07; shared data critical_minerals_list: on_2022_list N); molybdenum is on neither list (its chain is carried
     * for by-product rhenium). Copper cathodes 7403.11.00.00 of Canada (general 1 %), $10,000, not claimed under USMCA,
     * owe 35 % under 9903.01.10 on 2025-09-01 ($3,500.00), 25 % on 2025-05-01, and 10 % under 9903.01.13 from 2025-11-07;
     * ferromolybdenum 7202.70 owes 9903.01.10 on every date.
     */
    @Test
    void canadianCopperIsACriticalMineralOnlyFromTheListOfNovember2025() {
        Assessment sep = law.assess(e("7403.11.00.00", "CA", "2025-09-01"));
        assertThat(charged(sep, "9903.01.10")).isEqualByComparingTo("3500.00");
        assertThat(charged(sep, "9903.01.13")).isNull();
        assertThat(sep.totalDuty()).isEqualByComparingTo("3600.00");
        assertThat(law.assessBulk(e("7403.11.00.00", "CA", "2025-09-01")).totalDuty()).isEqualByComparingTo("3600.00");
        assertThat(charged(law.assess(e("7403.11.00.00", "CA", "2025-05-01")), "9903.01.10")).isEqualByComparingTo("2500.00");
        assertThat(charged(law.assess(e("7403.11.00.00", "CA", "2025-11-06")), "9903.01.10")).isEqualByComparingTo("3500.00");
        Assessment nov = law.assess(e("7403.11.00.00", "CA", "2025-11-07"));
        assertThat(charged(nov, "9903.01.13")).isEqualByComparingTo("1000.00");
        assertThat(charged(nov, "9903.01.10")).isNull();
        assertThat(law.assess(e("7403.11.00.00", "CA", "2025-09-01").withPreference("S")).totalDuty()).isEqualByComparingTo("0.00");
        Assessment ferroMo = law.assess(e("7202.70.00.00", "CA", "2025-12-01"));
        assertThat(charged(ferroMo, "9903.01.10")).isEqualByComparingTo("3500.00");
        assertThat(charged(ferroMo, "9903.01.13")).isNull();
        // a mineral of the 2022 list stays at 10 %
        assertThat(charged(law.assess(e("2605.00.00.00", "CA", "2025-09-01")), "9903.01.13")).isEqualByComparingTo("1000.00");
    }

    /**
     * The other critical minerals of 30 U.S.C. 1606(a)(3) in 9903.01.13 (10 %): the minerals of the 2022 list (87 FR 10381)
     * without a value chain in curated/minerals.yaml, by their ores and unwrought forms — unwrought zinc 7901.11.00.00
     * (general 1.5 %), $10,000 of Canada, was charged 35 % under 9903.01.10 ($3,500.00) on 2025-09-01 and owes 10 % under
     * 9903.01.13 ($1,000.00); and the minerals the final 2025 list (90 FR 50494, 2025-11-07) added besides copper, from
     * that date — silver bullion 7106.91.10.10 (free) owes $3,500.00 under 9903.01.10 on 2025-09-01 and $1,000.00 under
     * 9903.01.13 on 2025-12-01. Unwrought aluminium 7601.10.60 (2022 list) is under Section 232 aluminium (9903.85.02,
     * 50 %), which displaces 9903.01.13 as it displaced 9903.01.10: $5,000.00 and nothing more.
     */
    @Test
    void canadianCriticalMineralsOutsideTheValueChainsPayTheTenPercent() {
        Assessment zinc = law.assess(e("7901.11.00.00", "CA", "2025-09-01"));
        assertThat(charged(zinc, "9903.01.13")).isEqualByComparingTo("1000.00");
        assertThat(charged(zinc, "9903.01.10")).isNull();
        assertThat(zinc.totalDuty()).isEqualByComparingTo("1150.00");
        assertThat(law.assessBulk(e("7901.11.00.00", "CA", "2025-09-01")).totalDuty()).isEqualByComparingTo("1150.00");
        assertThat(charged(law.assess(e("7106.91.10.10", "CA", "2025-09-01")), "9903.01.10")).isEqualByComparingTo("3500.00");
        Assessment silver = law.assess(e("7106.91.10.10", "CA", "2025-12-01"));
        assertThat(charged(silver, "9903.01.13")).isEqualByComparingTo("1000.00");
        assertThat(charged(silver, "9903.01.10")).isNull();
        Assessment aluminium = law.assess(e("7601.10.60", "CA", "2025-09-01"));
        assertThat(charged(aluminium, "9903.85.02")).isEqualByComparingTo("5000.00");
        assertThat(aluminium.totalDuty()).isEqualByComparingTo("5000.00");
    }

    /**
     * British steel and aluminium derivatives from 2025-06-04 (Proclamation 10947: 25 %): the steel derivatives are those of
     * U.S. Note 16(u) under heading 9903.81.98 (HTS 2026 Basic Edition), the aluminium derivatives other than chapter 76
     * under 9903.85.15 ("25% upon the value of the aluminum content"); the steel derivative list of the shared data, and
     * the aluminium list of that day, are the inclusions of 2025-08-18 (CBP CSMS # 65936570: products added to U.S. Note
     * 16(m), (n), (t) and (u) for entries from 2025-08-18), for British goods as for others. $10,000 entries, metal
     * content $3,000 or $6,000: a steel derivative of the August list (2804.29.00.10, general 3.7 %) owes no Section 232
     * duty on 2025-07-01 (it was charged $750.00) and $750.00 under 9903.81.98 on 2025-09-01; an aluminium derivative of the
     * March list (9403.20.00.11) owes $1,500.00 under 9903.85.15 on 2025-07-01.
     */
    @Test
    void britishDerivativesPayFromTheirListsDateUnderTheirOwnHeadings() {
        Entry argon = e("2804.29.00.10", "GB", "2025-07-01").withMetalContentValue(new BigDecimal("3000"));
        Assessment july = law.assess(argon);
        assertThat(july.charges()).noneSatisfy(c -> assertThat(c.measureId()).startsWith("us-s232"));
        assertThat(july.totalDuty()).isEqualByComparingTo("370.00");
        assertThat(law.assessBulk(argon).totalDuty()).isEqualByComparingTo("370.00");
        Assessment sep = law.assess(argon.withDate(LocalDate.parse("2025-09-01")));
        assertThat(charged(sep, "9903.81.98")).isEqualByComparingTo("750.00");
        assertThat(sep.totalDuty()).isEqualByComparingTo("1120.00");
        assertThat(law.assessBulk(argon.withDate(LocalDate.parse("2025-09-01"))).totalDuty()).isEqualByComparingTo("1120.00");
        // the aluminium list of 2025-08-18 likewise: 8418.10.00.10 owes no Section 232 duty in July
        assertThat(law.assess(e("8418.10.00.10", "GB", "2025-07-01").withMetalContentValue(new BigDecimal("3000"))).charges())
                .noneSatisfy(c -> assertThat(c.measureId()).startsWith("us-s232"));
        Assessment aluminium = law.assess(e("9403.20.00.11", "GB", "2025-07-01").withMetalContentValue(new BigDecimal("6000")));
        assertThat(charged(aluminium, "9903.85.15")).isEqualByComparingTo("1500.00");
        // a line on both lists from 2025-08-18: once, on the steel and aluminium content, under 9903.81.98
        Assessment both = law.assess(e("8302.41.60.80", "GB", "2025-09-01").withMetalContentValue(new BigDecimal("6000")));
        assertThat(charged(both, "9903.81.98")).isEqualByComparingTo("1500.00");
        assertThat(charged(both, "9903.85.15")).isNull();
        assertThat(charged(law.assess(e("8302.41.60.80", "GB", "2025-07-01").withMetalContentValue(new BigDecimal("6000"))), "9903.85.15"))
                .isEqualByComparingTo("1500.00");
    }

    /**
     * Session 22's hand check of five high-value critical-mineral lines ($1,000,000 and 10,000 kg each) from China, Chile,
     * Canada, DR Congo, Guatemala and El Salvador, on 2026-03-02 (Section 122 in force) and 2026-09-15 (the Section 301
     * action on 60 economies in force): lithium carbonate 2836.91.00.50 (3.7 %), cobalt hydroxide 2822.00.00.90 (0.1 %),
     * gallium 8112.92.10.00 (3 %), sintered NdFeB magnets 8505.11.00.70 (2.1 %), natural graphite 2504.10.50.00 (free).
     * All five are on the Section 122 exemption list (for 8505.11 only .0070) and on Annex Part A of the forced-labour
     * action (9903.05.86, unconditional), so neither is charged; China pays Section 301 — List 3 (9903.88.03) on the first
     * three, the four-year-review tranche of 2026 (9903.91.06) on the magnets and graphite, 25 % each; CAFTA-DR (P), the
     * Chile FTA (CL) and USMCA (S) make the column 1 rate free when claimed. DR Congo is not among the 60 economies.
     */
    @Test
    void fiveHighValueCriticalMineralLinesAsCheckedByHand() {
        String[][] lines = {{"2836.91.00.50", "37000.00"}, {"2822.00.00.90", "1000.00"}, {"8112.92.10.00", "30000.00"},
                {"8505.11.00.70", "21000.00"}, {"2504.10.50.00", "0.00"}};
        for (String date : new String[]{"2026-03-02", "2026-09-15"}) {
            for (String[] l : lines) {
                for (String origin : new String[]{"CL", "CA", "CD", "GT", "SV"}) {
                    Entry entry = Entry.of(l[0], origin, LocalDate.parse(date), new BigDecimal("1000000"), new BigDecimal("10000"), Units.KG);
                    Assessment a = law.assess(entry);
                    assertThat(a.totalDuty()).as("%s %s %s", l[0], origin, date).isEqualByComparingTo(l[1]);
                    assertThat(law.assessBulk(entry).totalDuty()).as("%s %s %s bulk", l[0], origin, date).isEqualByComparingTo(l[1]);
                }
                for (String[] claim : new String[][]{{"CL", "CL"}, {"CA", "S"}, {"GT", "P"}, {"SV", "P"}}) {
                    Entry entry = Entry.of(l[0], claim[0], LocalDate.parse(date), new BigDecimal("1000000"), new BigDecimal("10000"), Units.KG)
                            .withPreference(claim[1]);
                    assertThat(law.assess(entry).totalDuty()).as("%s %s %s claimed", l[0], claim[0], date).isEqualByComparingTo("0.00");
                }
                Entry china = Entry.of(l[0], "CN", LocalDate.parse(date), new BigDecimal("1000000"), new BigDecimal("10000"), Units.KG)
                        .withProductionRegions(java.util.List.of("CN-GS"));
                Assessment cn = law.assess(china);
                String heading = l[0].startsWith("8505") || l[0].startsWith("2504") ? "9903.91.06" : "9903.88.03";
                assertThat(charged(cn, heading)).as("%s CN %s", l[0], date).isEqualByComparingTo("250000.00");
                assertThat(cn.totalDuty()).as("%s CN %s", l[0], date).isEqualByComparingTo(new BigDecimal(l[1]).add(new BigDecimal("250000.00")));
                assertThat(charged(cn, "9903.03.01")).isNull();
                assertThat(charged(cn, "9903.05.31")).isNull();
            }
        }
    }

    /**
     * The Section 232 steel derivatives in force before the inclusions of 2025-08-18 — U.S. Note 16(l) and (m) (9903.81.89,
     * .90: "+ 50%" on the full value; the United Kingdom's 16(s) and (t), 9903.81.96, .97: "+ 25%"), the derivatives of
     * chapter 73 and of 8708.10/.29 — are in no source, so none is charged: cap screws 7318.15.80.66 of Germany or the
     * United Kingdom owe no Section 232 duty here in 2025. The answer must say so, not stay silent; steel articles of
     * chapter 72 are modelled and not warned, nor are the derivatives from 2026-04-06 (the annexes of Proclamation 11021).
     */
    @Test
    void steelDerivativesOfChapter73Before2026WarnThatTheirSection232DutyIsNotInTheFigures() {
        for (String[] c : new String[][]{{"DE", "2025-07-01"}, {"GB", "2025-09-01"}, {"CN", "2026-04-05"}}) {
            Entry screws = e("7318.15.80.66", c[0], c[1]);
            assertThat(law.assess(screws).warnings()).as("%s %s", c[0], c[1]).anySatisfy(w -> assertThat(w)
                    .startsWith("regime horizon: known gap s232-steel-derivatives-before-2025-08-18, not in these figures: "));
            assertThat(law.assessBulk(screws).warnings()).isEqualTo(law.assess(screws).warnings());
        }
        assertThat(law.assess(e("7318.15.80.66", "DE", "2026-04-06")).warnings())
                .noneSatisfy(w -> assertThat(w).contains("s232-steel-derivatives-before-2025-08-18"));
        assertThat(law.assess(e("7208.51.00.60", "DE", "2025-07-01")).warnings())
                .noneSatisfy(w -> assertThat(w).contains("s232-steel-derivatives-before-2025-08-18"));
        assertThat(law.assess(e("7318.15.80.66", "DE", "2025-03-11")).warnings())
                .noneSatisfy(w -> assertThat(w).contains("s232-steel-derivatives"));
        // Proclamation 9980's derivatives (nails of 7317) owed 25 % since 2020: the gap of its own before 2025-03-12
        assertThat(law.assess(e("7317.00.55.02", "DE", "2025-02-03")).warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("regime horizon: known gap s232-steel-derivatives-2020, not in these figures: "));
    }

    /**
     * Before 2025-03-12 steel articles owed 25 % (Proclamation 9705) and aluminium articles 10 % (Proclamation 9704) from
     * most origins, with exemptions, quotas and product exclusions for some (ended by Proclamations 10895 and 10896 of
     * 2025-02-10, 90 FR 9807 and 9817). No source here tabulates them, so nothing is charged: aluminium of Japan on
     * 2025-03-11 was answered with the column 1 rate alone and no word. It must say the duty is not in the figures; from
     * 2025-03-12 (modelled, 25 % under 9903.85.01) it must not.
     */
    @Test
    void steelAndAluminiumArticlesBefore2025_03_12WarnThatTheir2018Section232DutyIsNotInTheFigures() {
        String gap = "regime horizon: known gap s232-steel-aluminium-2018, not in these figures: The Section 232 duties on steel "
                + "articles (25 %, Proclamation 9705 of 2018-03-08, heading 9903.80.01) and aluminium articles (10 %, Proclamation "
                + "9704 of 2018-03-08, heading 9903.85.01), in force until 2025-03-11 from most origins";
        for (String[] c : new String[][]{{"7601.10.30.00", "JP", "2025-03-11"}, {"7208.51.00.60", "CN", "2025-01-02"},
                {"7606.12.30.35", "DE", "2025-02-01"}}) {
            Entry x = e(c[0], c[1], c[2]);
            Assessment a = law.assess(x);
            assertThat(a.warnings()).as("%s %s %s", (Object[]) c).anySatisfy(w -> assertThat(w).startsWith(gap));
            assertThat(law.assessBulk(x).warnings()).isEqualTo(a.warnings());
        }
        Assessment march12 = law.assess(e("7601.10.30.00", "JP", "2025-03-12"));
        assertThat(march12.warnings()).noneSatisfy(w -> assertThat(w).contains("s232-steel-aluminium-2018"));
        assertThat(march12.charges()).anySatisfy(ch -> assertThat(ch.id()).isEqualTo("9903.85.01"));
        // a ferro-alloy of chapter 72 is no steel article: no warning
        assertThat(law.assess(e("7202.11.10.00", "ZA", "2025-02-01")).warnings())
                .noneSatisfy(w -> assertThat(w).contains("s232-steel-aluminium-2018"));
    }

    /**
     * From 2025-06-04 to 2026-04-05 the Section 232 duty on the steel and aluminium goods of chapters 73 and 76 is due on
     * the value of their steel or aluminium content only, the rest of the value owing the other duties the Section 232
     * duty displaces; where the content's value is not known, on the full value (Proclamation 10947; CBP CSMS #65236374
     * and #65236645). The regime charged them on the full value as the HTS 2026 headings print it, with a known gap
     * (found by the stacking review of 2026-12-07). Aluminium articles 7616.99.51.90 of Germany, $10,000 with $3,000 of
     * aluminium, on 2026-03-02: $1,500.00 under 9903.85.07, the Section 122 surcharge on the other $7,000 ($700.00) and
     * 2.5 % general ($250.00) — it was $5,000.00 and $250.00. Both engines give the same.
     */
    @Test
    void chapter73And76GoodsFrom2025_06_04PaySection232OnTheDeclaredMetalContentAndTheOtherDutiesOnTheRest() {
        String citation = "Proclamation 10947 (2025-06-03, 90 FR 24199); CBP CSMS #65236374 and #65236645: from 2025-06-04 the "
                + "Section 232 duty on the steel and aluminium goods of chapters 73 and 76 is due on the value of their steel or "
                + "aluminium content, the rest of the value owing the other duties; on the full value where the content's value "
                + "is unknown or equals the entered value";
        Entry worked = e("7616.99.51.90", "DE", "2026-03-02").withMetalContentValue(new BigDecimal("3000"));
        Assessment a = law.assess(worked);
        assertThat(charged(a, "9903.85.07")).isEqualByComparingTo("1500.00");
        assertThat(charged(a, "9903.03.01")).isEqualByComparingTo("700.00");
        assertThat(charged(a, "general")).isEqualByComparingTo("250.00");
        assertThat(a.totalDuty()).isEqualByComparingTo("2450.00");
        assertThat(a.warnings()).isEmpty();
        // the trail shows the split: the content under 9903.85.07 with its citation, the rest under the surcharge with the
        // stacking rule that says why
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text()).isEqualTo("9903.85.07 50.00% × $3,000.00 = $1,500.00 (on "
                + "metal-content value $3,000.00 of the customs value $10,000.00, the rest owing the other duties — " + citation
                + ") [Proclamation 10947 (2025-06-03); HTS Chapter 99 U.S. Note 19(j), 2025-06-04]"));
        assertThat(a.trail()).anySatisfy(t -> assertThat(t.text()).startsWith("9903.03.01 10.00% × $7,000.00 = $700.00 (on "
                + "customs value $10,000.00, less $3,000.00 charged under 9903.85.07 (does not stack — s232-s122-surcharge: "));
        assertThat(law.assessBulk(worked)).isEqualTo(law.assessWithoutTrail(worked));
        assertThat(law.fastPathTakes(worked)).isTrue();
        // steel articles of chapter 73 alike: tubes 7306.30.50.56 of Korea (the rest owes no surcharge: 7306.30.50 is in its
        // Annex II, and the general rate is free)
        Assessment tubes = law.assess(e("7306.30.50.56", "KR", "2026-03-02").withMetalContentValue(new BigDecimal("3000")));
        assertThat(charged(tubes, "9903.81.87")).isEqualByComparingTo("1500.00");
        assertThat(charged(tubes, "9903.03.01")).isNull();
        assertThat(tubes.totalDuty()).isEqualByComparingTo("1500.00");

        // the content not declared: the full value, as CBP directs where the content's value is unknown, and the line says so
        Entry undeclared = e("7616.99.51.90", "DE", "2026-03-02");
        Assessment whole = law.assess(undeclared);
        assertThat(charged(whole, "9903.85.07")).isEqualByComparingTo("5000.00");
        assertThat(charged(whole, "9903.03.01")).isNull();
        assertThat(whole.totalDuty()).isEqualByComparingTo("5250.00");
        // short (the bulk results carry it on every such line): the heading, the metal it would be charged on alone, the
        // sources once (the trail quotes the whole citation)
        String sources = "(Proclamation 10947 (2025-06-03, 90 FR 24199); CBP CSMS #65236374 and #65236645)";
        assertThat(whole.warnings()).containsExactly("metal_content_value not declared: 9903.85.07 is charged on the whole "
                + "customs value, not on the aluminium content alone " + sources);
        assertThat(whole.trail()).anySatisfy(t -> assertThat(t.text()).isEqualTo("9903.85.07 50.00% × $10,000.00 = $5,000.00 (on "
                + "customs value $10,000.00: metal_content_value not declared, the whole value is charged — " + citation
                + ") [Proclamation 10947 (2025-06-03); HTS Chapter 99 U.S. Note 19(j), 2025-06-04]"));
        assertThat(law.assessBulk(undeclared)).isEqualTo(law.assessWithoutTrail(undeclared));
        assertThat(law.fastPathTakes(undeclared)).isTrue();
        for (String[] c : new String[][]{{"7606.12.30.35", "CN", "2025-06-04", "9903.85.02", "aluminium"},
                {"7306.30.50.56", "KR", "2026-04-05", "9903.81.87", "steel"}, {"7601.10.30.00", "GB", "2025-09-01", "9903.85.12", "aluminium"},
                {"7614.10.50.00", "GB", "2025-09-01", "9903.85.13", "aluminium"}}) {
            Assessment u = law.assess(e(c[0], c[1], c[2]));
            assertThat(u.warnings()).as("%s %s %s", (Object[]) c).contains("metal_content_value not declared: " + c[3]
                    + " is charged on the whole customs value, not on the " + c[4] + " content alone " + sources);
            assertThat(law.assessBulk(e(c[0], c[1], c[2])).warnings()).isEqualTo(u.warnings());
        }

        // Canada and Mexico: the Section 232 duty on the content displaces their IEEPA duties there (Proclamation 10947
        // cl. (5)); the rest owes them — unless the good claims USMCA treatment, exempt from them (9903.01.14, .04)
        Assessment ca = law.assess(e("7616.99.51.90", "CA", "2025-09-01").withMetalContentValue(new BigDecimal("3000")));
        assertThat(charged(ca, "9903.85.07")).isEqualByComparingTo("1500.00");
        assertThat(charged(ca, "9903.01.10")).isEqualByComparingTo("2450.00");
        assertThat(ca.totalDuty()).isEqualByComparingTo("4200.00");
        Entry caUsmca = e("7616.99.51.90", "CA", "2025-09-01").withMetalContentValue(new BigDecimal("3000")).withPreference("S");
        Assessment usmca = law.assess(caUsmca);
        assertThat(charged(usmca, "9903.85.07")).isEqualByComparingTo("1500.00");
        assertThat(charged(usmca, "9903.01.10")).isNull();
        assertThat(usmca.totalDuty()).isEqualByComparingTo("1500.00");
        assertThat(law.assessBulk(caUsmca)).isEqualTo(law.assessWithoutTrail(caUsmca));
        Assessment mx = law.assess(e("7616.99.51.90", "MX", "2025-09-01").withMetalContentValue(new BigDecimal("3000")));
        assertThat(charged(mx, "9903.01.01")).isEqualByComparingTo("1750.00");
        assertThat(mx.totalDuty()).isEqualByComparingTo("3500.00");

        // before 2025-06-04 (Proclamation 10895: "+ 25%" on the full value) and from 2026-04-06 (the annexes of Proclamation
        // 11021, on the full value): the declared content changes nothing, and the line is told so; steel of chapter 72
        // stays on the full value
        for (String[] c : new String[][]{{"7616.99.51.90", "DE", "2025-06-03", "9903.85.07", "2500.00"},
                {"7616.99.51.90", "DE", "2026-04-06", "9903.82.02", "5000.00"}, {"7208.51.00.60", "KR", "2026-03-02", "9903.81.87", "5000.00"}}) {
            Entry x = e(c[0], c[1], c[2]).withMetalContentValue(new BigDecimal("3000"));
            Assessment full = law.assess(x);
            assertThat(charged(full, c[3])).as("%s %s %s", (Object[]) c).isEqualByComparingTo(c[4]);
            assertThat(full.warnings()).as("%s %s %s", (Object[]) c).containsExactly(Assessor.metalValueUnused(c[0]));
            assertThat(law.assessBulk(x)).isEqualTo(law.assessWithoutTrail(x));
        }
    }

    /**
     * A good of steel and aluminium from 2025-06-04 to 2026-04-05: each Section 232 duty is due on its own metal's content
     * and the other duties on the rest of the value (Proclamation 10947; CBP CSMS #65236374 and #65236645; BIS inclusions of
     * 2025-08-18, 90 FR 40326: "the non-steel and non-aluminum content will remain subject to the reciprocal and other
     * applicable tariffs"). A metal whose list the code is not on is part of that rest. Worked by hand, $10,000 of Germany
     * on 2025-09-01:
     * <ul><li>hinges 8302.10.60.30, on both the steel list (9903.81.91) and the aluminium list (9903.85.08), $2,000 of steel
     * and $1,000 of aluminium: 50 % × 2,000 + 50 % × 1,000 = $1,500.00 (reported under 9903.81.91, the rates being equal);
     * the EU's all-in 15 % on the other $7,000 less the general rate's share of it, 15 % × 7,000 − 3.5 % × 7,000 =
     * $805.00; 3.5 % general on $10,000 = $350.00: $2,655.00;</li>
     * <li>aluminium stranded wire with a steel core 7614.10.10.00 (chapter 76, on the steel list only), $1,500 of steel and
     * $7,000 of aluminium: 50 % × 1,500 = $750.00; the aluminium is part of the rest, 15 % × 8,500 − 4.9 % × 8,500 =
     * $858.50; 4.9 % general = $490.00: $2,098.50.</li></ul>
     * One metal-content value a line suffices: the lines on both lists pay the same rate on both metals (50 %, the United
     * Kingdom 25 %), and no other code of the bundled regime is on two Section 232 measures of different metals at once
     * (but 8544.42.90, copper and aluminium: below).
     */
    @Test
    void aGoodOfSteelAndAluminiumPaysEachSection232DutyOnItsOwnMetalAndTheOtherDutiesOnTheRest() {
        Entry hinges = e("8302.10.60.30", "DE", "2025-09-01").withMetalContentValue(new BigDecimal("3000"));
        Assessment h = law.assess(hinges);
        assertThat(charged(h, "9903.81.91")).isEqualByComparingTo("1500.00");
        assertThat(charged(h, "9903.02.20")).isEqualByComparingTo("805.00");
        assertThat(charged(h, "general")).isEqualByComparingTo("350.00");
        assertThat(h.totalDuty()).isEqualByComparingTo("2655.00");
        Entry acsr = e("7614.10.10.00", "DE", "2025-09-01").withMetalContentValue(new BigDecimal("1500"));
        Assessment w = law.assess(acsr);
        assertThat(charged(w, "9903.81.91")).isEqualByComparingTo("750.00");
        assertThat(charged(w, "9903.02.20")).isEqualByComparingTo("858.50");
        assertThat(charged(w, "general")).isEqualByComparingTo("490.00");
        assertThat(w.totalDuty()).isEqualByComparingTo("2098.50");
        for (Entry x : List.of(hinges, acsr)) {
            assertThat(law.assess(x).warnings()).as(x.hts()).isEmpty();
            assertThat(law.assessBulk(x)).as(x.hts()).isEqualTo(law.assessWithoutTrail(x));
            assertThat(law.fastPathTakes(x)).as(x.hts()).isTrue();
        }
    }

    /**
     * The one code on two Section 232 lists of different metals on one date: insulated conductors 8544.42.90 are on the
     * copper list (9903.78.01, 50 % on the copper content, from 2025-08-01) and on the aluminium list of 2025-08-18
     * (9903.85.08, 50 %; the United Kingdom's 9903.85.15, 25 %, on the aluminium content). Each duty is due on its own
     * metal's content; the entry declares one metal_content_value and both are charged on it. By hand, $10,000 of Germany on
     * 2025-09-01 with $3,000 of copper and $1,000 of aluminium: $1,500.00 + $500.00, the EU's all-in 15 % on the other
     * $6,000 less the general rate's share (900 − 156 = $744.00) and 2.6 % general ($260.00), $3,004.00; declared as $4,000
     * it is answered $2,000.00 twice, $248.00 and $260.00, $4,508.00 — and was with no word. Not modelled (two values a line
     * would be a new field): the known gap s232-copper-aluminium-conductors says so on these lines, in both engines.
     */
    @Test
    void aConductorOnTheCopperAndTheAluminiumListIsToldThatOneMetalValueIsChargedTwice() {
        Entry cable = e("8544.42.90.90", "DE", "2025-09-01").withMetalContentValue(new BigDecimal("4000"));
        Assessment a = law.assess(cable);
        assertThat(charged(a, "9903.78.01")).isEqualByComparingTo("2000.00");
        assertThat(charged(a, "9903.85.08")).isEqualByComparingTo("2000.00");
        assertThat(a.totalDuty()).isEqualByComparingTo("4508.00");
        String gap = "regime horizon: known gap s232-copper-aluminium-conductors, not in these figures: ";
        assertThat(a.warnings()).anySatisfy(w -> assertThat(w).startsWith(gap));
        assertThat(law.assessBulk(cable)).isEqualTo(law.assessWithoutTrail(cable));
        // before the aluminium list (copper alone) and after 2026-04-05 (the annexes, on the full value): no word
        for (String d : List.of("2025-08-17", "2026-04-06")) {
            assertThat(law.assess(e("8544.42.90.90", "DE", d).withMetalContentValue(new BigDecimal("4000"))).warnings()).as(d)
                    .noneSatisfy(w -> assertThat(w).startsWith(gap));
        }
    }
}
