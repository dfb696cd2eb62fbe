package lodestone.border;

import lodestone.regime.Regime;
import lodestone.regime.unit.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An assessment names the regime's version beside its id, so a result saved from the command line
 * ({@code lodestone assess --json}, {@code --entry FILE --json}) or from the API's answer can be tied to the data it was
 * made with: an auditor re-running an entry of 2025 a year later must know which edition of the regime gave the figures
 * (the id "us-2026" stays the same across editions; the bundled regime.yaml says version 2026.12). Before, only the
 * server's ledger record (GET /api/assessments/ID) kept the version, and a report of a saved CLI result said "not
 * recorded in this result".
 */
class RegimeVersionRecordedTest {
    static Assessor law;

    @BeforeAll
    static void load() {
        law = Assessor.compile(Regime.load(BundledRegimeAssessmentTest.regimeDir()));
    }

    static Entry copperWire() {
        return Entry.of("7408.11.60.00", "CN", LocalDate.of(2025, 8, 1), new BigDecimal("10000"), new BigDecimal("1000"), Units.KG)
                .withMetalContentValue(new BigDecimal("9000"));
    }

    @Test
    void aLineNamesTheRegimeAndItsVersion() {
        Assessment a = law.assess(copperWire());
        assertThat(law.regime().version()).isEqualTo("2026.12");
        assertThat(a.regimeVersion()).isEqualTo("2026.12");
        Map<String, Object> j = AssessmentJson.of(a);
        assertThat(j.get("regime")).isEqualTo("us-2026");
        assertThat(j.get("regime_version")).isEqualTo("2026.12");
        assertThat(List.copyOf(j.keySet()).subList(0, 4)).containsExactly("line_id", "status", "regime", "regime_version");
        // the same figures as before: 3 % + 20 % (9903.01.24) + 10 % on the non-copper $1,000 + 50 % on the copper $9,000 + 25 %
        assertThat(a.totalDuty()).isEqualByComparingTo("9400.00");
    }

    @Test
    void theFastPathOfABulkFileNamesItToo() {
        Assessment a = law.assessBulk(copperWire());
        assertThat(a.regimeVersion()).isEqualTo("2026.12");
        assertThat(AssessmentJson.of(a).get("regime_version")).isEqualTo("2026.12");
    }

    @Test
    void anEntryOfSeveralLinesNamesIt() {
        Entry second = Entry.of("8101.96.00.00", "JP", LocalDate.of(2025, 8, 1), new BigDecimal("10000"), new BigDecimal("100"), Units.KG)
                .withLineId("2");
        EntryAssessment e = EntryAssessment.assess(law, List.of(copperWire().withLineId("1"), second));
        assertThat(e.regimeVersion()).isEqualTo("2026.12");
        Map<String, Object> j = EntryAssessmentJson.of(e);
        assertThat(j.get("regime_version")).isEqualTo("2026.12");
        assertThat(List.copyOf(j.keySet()).subList(0, 4)).containsExactly("kind", "status", "regime", "regime_version");
    }
}
