package lodestone.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The file fuzzer is kept in each module whose files it fuzzes (modules share no test code): the copies must not drift apart. */
class FileFuzzCopiesTest {
    static final List<String> COPIES = List.of("market/src/test/java/lodestone/market", "finance/src/test/java/lodestone/finance/projects",
            "exposure/src/test/java/lodestone/exposure", "border/src/test/java/lodestone/border/origin", "report/src/test/java/lodestone/report",
            "regime/src/test/java/lodestone/regime", "cli/src/test/java/lodestone/cli");

    @Test
    void everyCopyOfTheFileFuzzerIsTheSameButForItsPackage() throws IOException {
        String first = null;
        for (String dir : COPIES) {
            String text = Files.readString(Cli.repo().resolve(dir + "/FileFuzz.java"));
            String body = text.substring(text.indexOf('\n') + 1);
            assertThat(text.substring(0, text.indexOf('\n'))).isEqualTo("package " + dir.substring(dir.indexOf("java/") + 5).replace('/', '.') + ";");
            if (first == null) first = body;
            else assertThat(body).as(dir + "/FileFuzz.java differs from " + COPIES.get(0) + "/FileFuzz.java").isEqualTo(first);
        }
    }
}
