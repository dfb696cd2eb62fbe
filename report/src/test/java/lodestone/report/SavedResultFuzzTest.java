package lodestone.report;

import lodestone.testkit.FileFuzz;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of the saved results {@code lodestone report} reads (docs/report-format.md): every kind's
 * fixture mutated a few hundred ways ({@link FileFuzz}) and turned into the page ({@link SavedResult#read},
 * {@link ResultReport#html}). Each mutant gives a page or is refused with {@link ReportRefused} saying where — the field
 * (e.g. {@code measures[1].amount}), the line and column of a syntax error, or what the whole input is when it is no
 * result at all; nothing else is thrown, nothing hangs, and a key given twice is refused. (An unknown key is not
 * refused: a result may carry fields the report does not print.)
 */
class SavedResultFuzzTest {
    static final long SEED = 20261205L;
    static final Instant AT = Instant.parse("2026-12-05T00:00:00Z");
    static final List<String> KINDS = List.of("assessment", "assessment-beyond-horizon", "assessment-prohibited", "bulk-job", "cover",
            "entry", "floors", "montecarlo", "path", "ranking", "release", "scenario-run", "seek", "sensitivity", "valuation",
            "whatif-entry", "whatif-file", "whatif-shipment");
    /** Refusals of the input as a whole (it is empty, not an object, not a result): nothing narrower to locate. */
    static final Pattern WHOLE = Pattern.compile("the file is empty|holds only white space|not a JSON object|not a result Lodestone reports on"
            + "|a company's exposure|the answer holds no");

    static FileFuzz.Outcome read(String file, String text) {
        try {
            ResultReport.html(SavedResult.read(text.getBytes(StandardCharsets.UTF_8), file), "9.9.9", AT);
            return FileFuzz.Outcome.accepted();
        } catch (ReportRefused e) {
            String m = e.getMessage();
            boolean located = m.startsWith(file + ": ") && (e.field() != null || m.matches("(?s).*line \\d+, column \\d+.*")
                    || WHOLE.matcher(m).find());
            return FileFuzz.Outcome.refused(List.of((located ? "located " : "") + m));
        }
    }

    /**
     * Found by the fuzz: the parser's limits (nesting, a number's length) were refused at no place ("not valid JSON: objects
     * and arrays are nested deeper than 1000 levels"), in a file of many lines; the JSON files of every command and the API's
     * bodies are described by JsonSyntax.
     */
    @Test
    void aLimitOfTheParserIsRefusedAtItsPlace() {
        assertThat(read("a.json", "{\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}").refusals()).singleElement().asString()
                .startsWith("located a.json: not valid JSON: objects and arrays are nested deeper than 1000 levels at line 1, column 1005; expected");
        assertThat(read("a.json", "{\n  \"hts\": \"x\",\n  \"a\": " + "9".repeat(1500) + "}").refusals()).singleElement().asString()
                .startsWith("located a.json: not valid JSON: a number is longer than 1000 digits at line 3, column 8; expected");
    }

    /** Found by the fuzz: a year of a path without its year (a misspelt key) threw NullPointerException. */
    @Test
    void aPathYearWithoutItsYearIsRefusedAtItsPlace() throws IOException {
        String text;
        try (InputStream in = SavedResultFuzzTest.class.getResourceAsStream("path.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(read("path.json", text.replace("\"year\": 2026,", "\"yera\": 2026,")).refusals()).containsExactly(
                "located path.json: not a complete scenario path: years[1].year is missing; expected a number");
    }

    @Test
    void everyMutantOfEveryKindOfSavedResultGivesAPageOrARefusalSayingWhere() throws IOException {
        List<FileFuzz.Failure> failures = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        int perFile = FileFuzz.count(220);
        for (int i = 0; i < KINDS.size(); i++) {
            String file = KINDS.get(i) + ".json";
            String text;
            try (InputStream in = SavedResultFuzzTest.class.getResourceAsStream(file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(read(file, text).refusals()).as(file + " as saved").isNull();
            FileFuzz.Run run = FileFuzz.run(file, FileFuzz.mutants(text, FileFuzz.Syntax.JSON, perFile, SEED + i), SavedResultFuzzTest::read,
                    msg -> msg.startsWith("located "), m -> !m.kind().equals("key duplicated"), 5_000);
            failures.addAll(run.failures);
            summary.append(file).append(": ").append(run.summary()).append('\n');
        }
        System.out.println(summary);
        FileFuzz.assertNoFailures(failures);
    }
}
