package lodestone.market;

import lodestone.testkit.FileFuzz;

import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of scenario files (docs/scenario-format.md), markets, scenarios on a baseline and paths alike:
 * every bundled scenario mutated a few hundred ways ({@link FileFuzz}) and read against the bundled regime as
 * {@code lodestone simulate FILE} reads it. Each mutant is accepted or refused with {@link ScenarioException} whose every
 * problem is {@code file:line: …}; nothing else is thrown, no read takes more than a few seconds, and a key given twice,
 * a number beyond every bound or a misspelt key is refused.
 */
class ScenarioFileFuzzTest {
    static final Regime REGIME = Regime.bundled();
    static final long SEED = 20261205L;

    static FileFuzz.Outcome read(String file, String text) {
        try {
            Scenario.parse(text, file, REGIME);
            return FileFuzz.Outcome.accepted();
        } catch (ScenarioException e) {
            return FileFuzz.Outcome.refused(e.problems());
        }
    }

    /**
     * Found by the fuzz: a character YAML does not allow (a NUL, a lone surrogate, as an upload or the API can send) and
     * lists nested beyond the loader's limit were refused at no line ("ndpr.yaml: not valid YAML: special characters are
     * not allowed", "… Nesting Depth exceeded max 50").
     */
    @Test
    void aCharacterYamlDoesNotAllowOrNestingTooDeepIsRefusedAtItsLine() {
        String ndpr = Scenario.bundledText("ndpr");
        int line = (int) ndpr.substring(0, ndpr.indexOf("reference_price:")).chars().filter(c -> c == '\n').count() + 1;
        String nul = ndpr.replace("reference_price: ", "reference_price: \u0000");
        assertThat(read("ndpr.yaml", nul).refusals()).containsExactly("ndpr.yaml:" + line + ": not valid YAML: the character U+0000 is not allowed"
                + " in a YAML file (column 18); a NUL or a control character may be written as an escape in a double-quoted value, e.g. \"\\t\"");
        String surrogate = ndpr.replace("reference_price: ", "reference_price: \ud800");
        assertThat(read("ndpr.yaml", surrogate).refusals()).singleElement().asString()
                .startsWith("ndpr.yaml:" + line + ": not valid YAML: the character U+D800 is not allowed in a YAML file (column 18)");
        String deep = ndpr.replace("reference_price: 69", "reference_price: " + "[".repeat(51) + "69" + "]".repeat(51));
        assertThat(read("ndpr.yaml", deep).refusals()).containsExactly("ndpr.yaml:" + line + ": not valid YAML: lists and mappings are nested"
                + " deeper than 50 levels");
    }

    /** A year is whole: a reference year of 2025.5 and a recycling lag of 2.5 years were read as 2025 and 2 without a word. */
    @Test
    void aFractionOfAYearIsRefusedNotCutOff() {
        String ndpr = Scenario.bundledText("ndpr");
        assertThat(read("ndpr.yaml", ndpr.replace("reference_year: 2025", "reference_year: 2025.5")).refusals())
                .containsExactly("ndpr.yaml:33: reference_year: expected a whole year, found 2025.5");
        String path = Scenario.bundledText("ndpr-2025-2040");
        assertThat(read("ndpr-2025-2040.yaml", path.replace("  years: 2025-2040\n", "  years: 2025-2040\n  recycling_lag: 2.5\n")).refusals())
                .containsExactly("ndpr-2025-2040.yaml:53: horizon.recycling_lag: expected whole years, found 2.5");
        assertThat(read("ndpr-2025-2040.yaml", path.replace("  years: 2025-2040\n", "  years: 2025-2040\n  recycling_lag: 3\n")).refusals())
                .isNull();
    }

    @Test
    void everyMutantOfEveryBundledScenarioIsReadOrRefusedWithItsLocation() {
        List<String> names = Scenario.bundledNames().stream().map(Scenario.BundledScenario::name).toList();
        int perFile = FileFuzz.count(150);
        List<FileFuzz.Failure> failures = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        long t0 = System.nanoTime();
        int total = 0;
        for (int i = 0; i < names.size(); i++) {
            String file = names.get(i) + ".yaml";
            String text = Scenario.bundledText(names.get(i));
            assertThat(read(file, text).refusals()).as(file + " as bundled").isNull();
            List<FileFuzz.Mutant> mutants = FileFuzz.mutants(text, FileFuzz.Syntax.YAML, perFile, SEED + i);
            FileFuzz.Run run = FileFuzz.run(file, mutants, ScenarioFileFuzzTest::read,
                    msg -> msg.matches("(?s)[^:\\n]+\\.yaml:\\d+: .+"),
                    m -> false, 5_000);
            failures.addAll(run.failures);
            total += run.mutants;
            summary.append(file).append(": ").append(run.summary()).append('\n');
        }
        System.out.println("scenario fuzz: " + total + " mutants in " + (System.nanoTime() - t0) / 1_000_000 + " ms\n" + summary);
        FileFuzz.assertNoFailures(failures);
    }
}
