package lodestone.finance.projects;

import lodestone.testkit.FileFuzz;

import lodestone.regime.Problem;
import lodestone.regime.Problems;
import lodestone.regime.RegimeInvalidException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of project and markets files (docs/projects-format.md): every bundled registry file and the
 * examples, each mutated a few hundred ways ({@link FileFuzz}) and read with the rest of the registry as
 * {@code lodestone projects list --file} reads it. Each mutant is accepted or refused with {@link RegimeInvalidException}
 * whose every problem is at {@code file:line}; nothing else is thrown, nothing hangs, and a key given twice, a number
 * beyond every bound or a misspelt key is refused.
 */
class ProjectFileFuzzTest {
    static final long SEED = 20261205L;

    /** A file read in place of one of a registry's files: the others read once, the mutant read with them per call. */
    record Rest(List<Project> projects, List<Market> markets) {
        static Rest without(List<String[]> files, int skip) {
            Problems p = new Problems();
            ProjectReader r = new ProjectReader(p);
            List<Project> ps = new ArrayList<>();
            List<Market> ms = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) if (i != skip) r.read(files.get(i)[0], files.get(i)[1], ps, ms);
            assertThat(p.sorted()).isEmpty();
            return new Rest(ps, ms);
        }

        FileFuzz.Outcome read(String file, String text) {
            Problems p = new Problems();
            ProjectReader r = new ProjectReader(p);
            List<Project> ps = new ArrayList<>(projects);
            List<Market> ms = new ArrayList<>(markets);
            r.read(file, text, ps, ms);
            try {
                Registry.of(ps, ms, r.refused(), p);
                return FileFuzz.Outcome.accepted();
            } catch (RegimeInvalidException e) {
                return FileFuzz.Outcome.refused(e.problems().stream().map(Problem::toString).toList());
            }
        }
    }

    /**
     * Found by the fuzz: a figure of absurd magnitude ran out of memory writing its out-of-range message (1e999999999 has a
     * billion digits in plain notation) or threw ArithmeticException (1E+2147483648, whose scale cannot be changed).
     */
    @Test
    void aNumberOfMoreThanAThousandDigitsIsRefusedAtItsField() throws IOException {
        String plant = Files.readString(RegistryTest.repo().resolve("examples/projects/flat-plant.yaml"));
        String market = Files.readString(RegistryTest.repo().resolve("examples/projects/flat-market.yaml"));
        Rest rest = Rest.without(List.<String[]>of(new String[]{"flat-market.yaml", market}), -1);
        for (String v : List.of("1e999999999", "1E+2147483648", "-1e-999999999")) {
            assertThat(rest.read("flat-plant.yaml", plant.replace("capacity: {value: 1000,", "capacity: {value: " + v + ",")).refusals())
                    .containsExactly("flat-plant.yaml:11: capacity.value: '" + v + "' is out of range (more than 1000 digits before or after the point)");
        }
    }

    /** Found by the fuzz: a ramp-up share of NaN was accepted (NaN is neither below 0 nor above 1), and valued as such. */
    @Test
    void aRampUpShareThatIsNoNumberIsRefused() throws IOException {
        String plant = Files.readString(RegistryTest.repo().resolve("examples/projects/flat-plant.yaml"));
        String market = Files.readString(RegistryTest.repo().resolve("examples/projects/flat-market.yaml"));
        Rest rest = Rest.without(List.<String[]>of(new String[]{"flat-market.yaml", market}), -1);
        assertThat(rest.read("flat-plant.yaml", plant.replace("ramp_up: [1.0]", "ramp_up: [0.5, NaN]")).refusals())
                .containsExactly("flat-plant.yaml:12: ramp_up[1]: 'NaN' is not a number");
        assertThat(rest.read("flat-plant.yaml", plant.replace("ramp_up: [1.0]", "ramp_up: [0.5, 1.5]")).refusals())
                .containsExactly("flat-plant.yaml:12: ramp_up[1]: 1.5 is out of range; a ramp-up share is between 0 and 1 (1 = full capacity)");
        assertThat(rest.read("flat-plant.yaml", plant.replace("ramp_up: [1.0]", "ramp_up: [0.5, 1.0]")).refusals()).isNull();
    }

    @Test
    void everyMutantOfEveryShippedProjectOrMarketsFileIsReadOrRefusedWithItsLocation() throws IOException {
        List<String[]> files = new ArrayList<>();
        for (String name : Registry.bundledFiles()) files.add(new String[]{"data/projects/" + name, Registry.resource(name)});
        int bundled = files.size();
        for (String name : List.of("flat-market.yaml", "flat-plant.yaml")) {
            files.add(new String[]{"examples/projects/" + name, Files.readString(RegistryTest.repo().resolve("examples/projects/" + name))});
        }
        int perFile = FileFuzz.count(150);
        List<FileFuzz.Failure> failures = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            String file = files.get(i)[0];
            String text = files.get(i)[1];
            Rest rest = Rest.without(files, i);
            assertThat(rest.read(file, text).refusals()).as(file + " as shipped").isNull();
            FileFuzz.Run run = FileFuzz.run(file, FileFuzz.mutants(text, FileFuzz.Syntax.YAML, perFile, SEED + i), rest::read,
                    msg -> msg.matches("(?s)(data|examples)/projects/[^:\\n]+\\.yaml:\\d+: .+"),
                    // an assumption or a source renamed that no figure cites (A6 is named only in a note's text) is no error of the format
                    m -> m.kind().equals("key misspelt") && m.site().matches("[A-Z]+[0-9]+ -> .*"), 5_000);
            failures.addAll(run.failures);
            summary.append(file).append(": ").append(run.summary()).append('\n');
        }
        System.out.println("project files fuzz (" + bundled + " bundled files and 2 examples)\n" + summary);
        FileFuzz.assertNoFailures(failures);
    }
}
