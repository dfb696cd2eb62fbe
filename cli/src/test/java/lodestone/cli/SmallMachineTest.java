package lodestone.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line on a small machine (the review of 2026-12-06: a 1-core, 512 MB container): a heap too small for the
 * command, each in a JVM of its own with the limit set as an operator sets it ({@code -Xmx}).
 */
class SmallMachineTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run run(List<String> jvmOptions, String... args) throws Exception {
        ProcessBuilder pb = ScriptingTest.lodestone(jvmOptions, args);
        File out = dir.resolve("stdout").toFile();
        File err = dir.resolve("stderr").toFile();
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    private static final String TOO_SMALL = "lodestone: out of memory: the command needed more than the 16 MiB of heap this JVM may use, "
            + "and stopped (an output file it was writing is left as it was). Give it more, e.g. LODESTONE_JAVA_OPTS=-Xmx512m ./lodestone "
            + "…; by default the JVM takes a quarter of the machine's (or its container's) memory (docs/reliability.md, \"A small machine\")\n";

    @Test
    void aHeapTooSmallForTheCommandIsSaidInWordsWithExitThreeNeverAStackTrace() throws Exception {
        // reported: assess-file in -Xmx16m died with "Exception in thread "main" java.lang.OutOfMemoryError: Java heap space",
        // forty frames, and exit 1 — the code of "no answer", which a script reads as a question without an answer
        Path in = dir.resolve("in.csv");
        Files.copy(Cli.repo().resolve("examples/bulk/entries.csv"), in);
        Path results = dir.resolve("r.csv");
        Files.writeString(results, "the previous results\n");
        Run r = run(List.of("-Xmx16m", "-XX:+UseSerialGC"), "assess-file", in.toString(), "--out", results.toString());
        assertThat(r.err()).isEqualTo(TOO_SMALL);
        assertThat(r.exit()).isEqualTo(Failures.ENVIRONMENT);
        assertThat(Files.readString(results)).isEqualTo("the previous results\n");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toList()).isEmpty();
        }
    }

    @Test
    void aMarketRunOutOfMemoryIsSaidTheSameWay() throws Exception {
        Run r = run(List.of("-Xmx16m", "-XX:+UseSerialGC"), "simulate", "gallium");
        assertThat(r.err()).isEqualTo(TOO_SMALL);
        assertThat(r.exit()).isEqualTo(Failures.ENVIRONMENT);
        assertThat(r.out()).isEmpty();
    }
}
