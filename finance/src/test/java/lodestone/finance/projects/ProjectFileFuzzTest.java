package lodestone.finance.projects;

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

}
