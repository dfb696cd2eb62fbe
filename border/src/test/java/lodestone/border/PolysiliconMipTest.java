package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import static lodestone.border.BundledRegimeAssessmentTest.charged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 232 polysilicon from 2026-12-04: the minimum import price (documented entries owe the gap
 * between the minimum and the entered value, undocumented ones the full minimum) and the 15 % on
 * derivatives with its caps.
 */
class PolysiliconMipTest {
    static Assessor law;
    static final Set<String> DOCS = Set.of("s232-polysilicon-mip-documentation");

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry poly(String date, String value) {
        return Entry.of("2804.61.00.00", "CN", LocalDate.parse(date), new BigDecimal(value), new BigDecimal("1000"), Units.KG);
    }

    @Test
    void documentedPolysiliconOwesTheGapUndocumentedTheFullMinimum() {
        assertThat(charged(law.assess(poly("2026-12-04", "15000").withDocuments(DOCS)), "9903.45.33")).isEqualByComparingTo("6000.00");
        assertThat(charged(law.assess(poly("2026-12-04", "15000")), "9903.45.33")).isEqualByComparingTo("21000.00");
        assertThat(charged(law.assess(poly("2026-12-04", "25000").withDocuments(DOCS)), "9903.45.33")).isEqualByComparingTo("0.00");
        assertThat(charged(law.assess(poly("2026-12-03", "15000")), "9903.45.33")).isNull();
    }

    @Test
    void modulesPayTheMinimumPerWattAndThe15PercentCappedForPartners() {
        Entry de = Entry.of("8541.43.00.10", "DE", LocalDate.parse("2026-12-04"), new BigDecimal("3000"), new BigDecimal("10000"),
                Units.W).withDocuments(DOCS);
        Assessment a = law.assess(de);
        assertThat(charged(a, "9903.45.36")).isEqualByComparingTo("800.00"); // (0.38 − 0.30) × 10,000 W
        assertThat(charged(a, "9903.45.31")).isEqualByComparingTo("450.00"); // 15 % all-in, column 1 free
        Assessment cn = law.assess(Entry.of("8541.43.00.10", "CN", LocalDate.parse("2026-12-04"), new BigDecimal("3000"),
                new BigDecimal("10000"), Units.W));
        assertThat(charged(cn, "9903.45.36")).isEqualByComparingTo("3800.00"); // undocumented: 0.38 × 10,000 W
        assertThat(charged(cn, "9903.45.30")).isEqualByComparingTo("450.00");
        Assessment gb = law.assess(de.withExportCountry("GB").withDate(LocalDate.parse("2026-12-05")));
        assertThat(gb.warnings()).anySatisfy(w -> assertThat(w).startsWith("regime horizon: the entry date 2026-12-05 is after"));
    }

    /**
     * The proclamation names wafer lines (3818.00.00.40/.45/.50/.91) that the HTS 2026 Basic Edition does not have;
     * an entry under its 3818.00.00.95 'Other' is assessed without the minimum import price, and says so from
     * 2026-12-04 instead of answering silently.
     */
    @Test
    void aWaferEntryUnderTheOldOtherLineWarnsThatTheMinimumMayApply() {
        Entry other = Entry.of("3818.00.00.95", "CN", LocalDate.parse("2026-12-04"), new BigDecimal("10000"),
                new BigDecimal("100"), Units.KG);
        Assessment a = law.assess(other);
        assertThat(charged(a, "9903.45.34")).isNull();
        assertThat(a.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("regime horizon: known gap s232-polysilicon-wafer-lines, not in these figures: Section 232 polysilicon"));
        assertThat(law.assess(other.withDate(LocalDate.parse("2026-12-03"))).warnings())
                .noneSatisfy(w -> assertThat(w).contains("s232-polysilicon-wafer-lines"));
        // the line the proclamation and HTS 2026 share pays the minimum without the warning
        Assessment poly = law.assess(Entry.of("3818.00.00.20", "CN", LocalDate.parse("2026-12-04"), new BigDecimal("10000"),
                new BigDecimal("100"), Units.KG));
        assertThat(charged(poly, "9903.45.34")).isEqualByComparingTo("10000.00"); // undocumented: 100 USD/kg × 100 kg
        assertThat(poly.warnings()).noneSatisfy(w -> assertThat(w).contains("s232-polysilicon-wafer-lines"));
    }
}
