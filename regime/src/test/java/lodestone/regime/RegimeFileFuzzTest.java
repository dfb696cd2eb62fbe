package lodestone.regime;

import lodestone.testkit.FileFuzz;

import lodestone.regime.io.RegimeSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of a regime's files (docs/regime-format.md), on the small test regime: each of its YAML and CSV
 * files mutated a few hundred ways ({@link FileFuzz}; the CSV files by lines and characters) and the regime loaded with
 * it. Each mutant loads or is refused with {@link RegimeInvalidException} whose every problem is at {@code file:line};
 * nothing else is thrown, nothing hangs, and a key given twice, a number beyond every bound or a misspelt key is
 * refused. (RegimeRefusalsTest keeps the families issue 18 found, rates far beyond their bounds among them.)
 */
class RegimeFileFuzzTest {
    static final long SEED = 20261205L;
    static final List<String> FILES = List.of("regime.yaml", "measures.yaml", "groups.yaml", "programs.yaml", "minerals.yaml",
            "countries.csv", "hts.csv", "base-rates.csv", "fx.csv", "lists/uflpa-entities.csv");

    /** The mini regime with one file's text replaced. */
    static RegimeSource with(String file, String text) {
        RegimeSource dir = RegimeSource.directory(MiniRegime.source());
        return new RegimeSource() {
            @Override
            public String read(String rel) {
                return rel.equals(file) ? text : dir.read(rel);
            }

            @Override
            public String describe() {
                return "mini";
            }

            @Override
            public String displayPath(String rel) {
                return rel;
            }
        };
    }

    static FileFuzz.Outcome load(String file, String text) {
        try {
            Regime.load(with(file, text));
            return FileFuzz.Outcome.accepted();
        } catch (RegimeInvalidException e) {
            return FileFuzz.Outcome.refused(e.problems().stream().map(Problem::toString).toList());
        }
    }

    @Test
    void everyMutantOfEveryFileOfASmallRegimeLoadsOrIsRefusedWithItsLocation() throws IOException {
        List<FileFuzz.Failure> failures = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < FILES.size(); i++) {
            String file = FILES.get(i);
            String text = Files.readString(MiniRegime.source().resolve(file));
            assertThat(load(file, text).refusals()).as(file + " as in the test regime").isNull();
            int n = FileFuzz.count(file.endsWith(".yaml") ? 100 : 40);
            FileFuzz.Run run = FileFuzz.run(file, FileFuzz.mutants(text, FileFuzz.Syntax.YAML, n, SEED + i), RegimeFileFuzzTest::load,
                    // at its line, or (a check across files: an indicator no program defines, a content basis no mineral has) at its
                    // file and field, with the rows that use it
                    msg -> msg.matches("(?s)[a-z/-]+\\.(yaml|csv)(:\\d+: |: [a-z][a-z0-9_.\\[\\]-]*: ).+"), m -> false, 5_000);
            failures.addAll(run.failures);
            summary.append(file).append(": ").append(run.summary()).append('\n');
        }
        System.out.println(summary);
        FileFuzz.assertNoFailures(failures);
    }
}
