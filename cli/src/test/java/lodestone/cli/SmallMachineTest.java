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

    /** A copy of the launcher in a folder of its own, with {@code jars} stand-ins for the jars of the class path (nothing to build). */
    private Path launcher(int jars) throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("cli/target/lib"));
        for (int i = 0; i < jars; i++) Files.createFile(root.resolve("cli/target/lib/dep-" + i + ".jar"));
        Files.createFile(root.resolve("cli/target/lodestone.jar"));
        Path l = root.resolve("lodestone");
        Files.copy(Cli.repo().resolve("lodestone"), l);
        l.toFile().setExecutable(true);
        return l;
    }

    private Run script(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        File out = dir.resolve("stdout").toFile();
        File err = dir.resolve("stderr").toFile();
        Process p = pb.redirectOutput(out).redirectError(err).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    @Test
    void aJarOlderThanItsSourcesIsRunWithAWarningWhereNoMavenCanRebuildIt() throws Exception {
        // a deployment that ships the built jar without Maven, its files copied with new dates: "Maven (mvn) is needed to
        // build", exit 3, and nothing ran; the jar as built now runs, and the launcher says it may not be what the sources say
        Path l = launcher(3);
        Path src = Files.createDirectories(dir.resolve("root/cli/src/main/java"));
        Files.writeString(src.resolve("Changed.java"), "class Changed { }\n");
        Files.setLastModifiedTime(dir.resolve("root/cli/target/lodestone.jar"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
        Path bin = Files.createDirectories(dir.resolve("no-maven-bin")); // every program of the system but Maven's
        for (String d : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
            if (!Files.isDirectory(Path.of(d))) continue;
            try (var files = Files.list(Path.of(d))) {
                for (Path f : files.toList()) {
                    String n = f.getFileName().toString();
                    if (!n.startsWith("mvn") && !Files.exists(bin.resolve(n), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(bin.resolve(n), f);
                    }
                }
            }
        }
        Run r = script("PATH=" + bin + " " + l + " assess --help");
        assertThat(r.err()).startsWith("lodestone: warning: files under " + dir.resolve("root") + " are newer than cli/target/lodestone.jar,"
                + " and Maven (mvn) is not installed to rebuild it: running the jar as it was built. Install Maven to rebuild, or run 'touch "
                + dir.resolve("root/cli/target/lodestone.jar") + "' if the sources did not change.\n");
        assertThat(r.err()).doesNotContain("is needed to build"); // (the stand-in jar itself then fails: it is empty)
    }

    @Test
    void theLauncherRunByShIsRunAgainByBash() throws Exception {
        // reported: `sh ./lodestone …` where sh is dash said "./lodestone: 13: set: Illegal option -o pipefail", exit 2
        Path l = launcher(3);
        Run r = script("sh " + l + " --which-java");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(System.getProperty("java.home") + "\n");
    }

    @Test
    void tooFewOpenFilesForTheJvmsJarsAreSaidBeforeTheJvmStarts() throws Exception {
        // reported: under `ulimit -n 64` every command died loading its first class: "Error: Unable to initialize main class
        // lodestone.cli.Main / Caused by: java.lang.NoClassDefFoundError: picocli/CommandLine$IExecutionExceptionHandler", exit 1
        Path l = launcher(68);
        Run r = script("ulimit -n 64 && " + l + " assess --help");
        assertThat(r.err()).isEqualTo("lodestone: at most 64 files may be open at once here (ulimit -Hn), and lodestone needs at least 108"
                + " (the JVM opens its 68 jars): raise the limit (ulimit -n 4096 as root, or the container's --ulimit nofile=4096) and run again\n");
        assertThat(r.exit()).isEqualTo(Failures.ENVIRONMENT);
        Run serve = script("ulimit -n 150 && " + l + " serve");
        assertThat(serve.err()).isEqualTo("lodestone: at most 150 files may be open at once here (ulimit -Hn), and lodestone serve needs at"
                + " least 208 (the JVM opens its 68 jars, and the server one per connection and database connection): raise the limit"
                + " (ulimit -n 4096 as root, or the container's --ulimit nofile=4096) and run again\n");
        assertThat(serve.exit()).isEqualTo(Failures.ENVIRONMENT);
    }

    @Test
    void anAddressSpaceTooSmallForAnyJvmIsSaidBeforeItStarts() throws Exception {
        // reported: under `ulimit -v` the JVM sized for the machine could not start even with 4 GB ("Error occurred during
        // initialization of VM / Could not allocate compressed class space: 1073741824 bytes", exit 1). Above 700 MB the launcher
        // now sizes it to the limit (by hand: assess and a 1,000,000-line assess-file under 1 GB, assess and simulate under 700 MB); below, it says so
        Path l = launcher(3);
        Run r = script("ulimit -v 500000 && " + l + " assess --help");
        assertThat(r.err()).isEqualTo("lodestone: at most 488 MB of address space may be reserved here (ulimit -v), and the JVM needs about"
                + " 700 MB however small its heap: raise the limit (ulimit -v unlimited; a container's memory limit bounds what is used, not"
                + " what is reserved) and run again\n");
        assertThat(r.exit()).isEqualTo(Failures.ENVIRONMENT);
    }
}
