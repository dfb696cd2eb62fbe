package lodestone.cli;

import lodestone.testkit.FileFuzz;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.border.Assessor;
import lodestone.border.EntryAssessment;
import lodestone.border.EntryRefused;
import lodestone.border.bulk.CustomsEntryReader;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of customs entry files (docs/bulk-format.md, "A customs entry of several lines"): the examples
 * mutated a thousand ways each ({@link FileFuzz}) and read, checked and assessed as {@code lodestone assess --entry FILE}
 * does. Each mutant is assessed, or refused — as not JSON, at its line and column, or with every problem at its JSON
 * path ({@code lines[1].hts}); nothing else is thrown, nothing hangs, and a key given twice, a number beyond every bound
 * or a misspelt key is refused.
 */
class EntryFileFuzzTest {
    static final long SEED = 20261205L;
    static final Assessor ASSESSOR = PreferenceOriginVerifier.assessorFor(Regime.bundled());
    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    static FileFuzz.Outcome read(String file, String text) {
        JsonNode doc;
        try {
            doc = EntryCommand.parseDoc(file, text.getBytes(StandardCharsets.UTF_8), "assessed");
        } catch (Failures.UserError e) {
            String m = e.getMessage();
            return FileFuzz.Outcome.refused(List.of((m.matches("(?s).*line \\d+, column \\d+.*") || m.startsWith(file + ": empty;")
                    ? "located " : "") + m));
        }
        CustomsEntryReader.Read read = CustomsEntryReader.read(doc, TODAY);
        try {
            EntryAssessment.assess(ASSESSOR, read.lines(), read.problems());
            return FileFuzz.Outcome.accepted();
        } catch (EntryRefused r) {
            return FileFuzz.Outcome.refused(r.problems().stream()
                    .map(p -> (p.field() != null && !p.field().isBlank() ? "located " : "") + file + ": " + p).toList());
        }
    }

    /**
     * Found by the fuzz: a key given twice in an entry file was resolved silently to its last value (the line's origin CN
     * given again as CL was assessed from Chile), and a second object after the entry was ignored; the API refused both.
     */
    @Test
    void aKeyGivenTwiceOrTextAfterTheEntryIsRefusedNotResolvedSilently(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws IOException {
        String two = Files.readString(Cli.repo().resolve("examples/entry/two-lines.json"));
        java.nio.file.Path f = tmp.resolve("twice.json");
        Files.writeString(f, two.replace("\"origin\": \"CN\",", "\"origin\": \"CN\", \"origin\": \"CL\","));
        Cli r = Cli.run("assess", "--entry", f.toString());
        assertThat(r.exit()).isEqualTo(Failures.REFUSED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("lodestone: " + f + ": not valid JSON: duplicate field 'origin' at line 9, column 23; a field may be given once;"
                + " nothing was assessed\n");
        java.nio.file.Path g = tmp.resolve("after.json");
        Files.writeString(g, two + "{\"lines\": []}\n");
        Cli s = Cli.run("assess", "--entry", g.toString());
        assertThat(s.exit()).isEqualTo(Failures.REFUSED);
        assertThat(s.err()).startsWith("lodestone: " + g + ": not valid JSON: more follows the JSON value at line 25, column 1");
    }

    @Test
    void everyMutantOfAnExampleEntryIsAssessedOrRefusedSayingWhere() throws IOException {
        List<FileFuzz.Failure> failures = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        List<String> seeds = List.of("two-lines.json", "cafta-low-value.json");
        for (int i = 0; i < seeds.size(); i++) {
            String file = seeds.get(i);
            String text = Files.readString(Cli.repo().resolve("examples/entry/" + file));
            assertThat(read(file, text).refusals()).as(file + " as shipped").isNull();
            FileFuzz.Run run = FileFuzz.run(file, FileFuzz.mutants(text, FileFuzz.Syntax.JSON, FileFuzz.count(500), SEED + i),
                    EntryFileFuzzTest::read, msg -> msg.startsWith("located "), m -> false, 5_000);
            failures.addAll(run.failures);
            summary.append(file).append(": ").append(run.summary()).append('\n');
        }
        System.out.println(summary);
        FileFuzz.assertNoFailures(failures);
    }
}
