package lodestone.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command line as a script, a cron job or a CI step runs it, in a JVM of its own (no terminal, the output redirected):
 * what reaches standard output when it cannot be written, the locale of the machine, a run stopped by a signal.
 */
class ScriptingTest {
    @TempDir
    Path dir;

    /** The exit code, standard output and standard error of {@code lodestone args} run as its own process. */
    record Run(int exit, String out, String err) {
    }

    static ProcessBuilder lodestone(List<String> jvmOptions, String... args) {
        String java = Optional.ofNullable(System.getenv("LODESTONE_JAVA"))
                .orElse(ProcessHandle.current().info().command().orElse("java"));
        String cp = Optional.ofNullable(System.getProperty("surefire.test.class.path")).orElse(System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", cp));
        cmd.addAll(jvmOptions);
        cmd.add("lodestone.cli.Main");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(Cli.repo().toFile());
    }

    Run run(ProcessBuilder pb) throws Exception {
        File out = dir.resolve("stdout-" + System.nanoTime()).toFile();
        File err = dir.resolve("stderr-" + System.nanoTime()).toFile();
        if (pb.redirectOutput() == ProcessBuilder.Redirect.PIPE) pb.redirectOutput(out);
        pb.redirectError(err);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Run(p.exitValue(), out.exists() ? Files.readString(out.toPath()) : "", Files.readString(err.toPath()));
    }

    private static final String[] ASSESS_JSON = {"assess", "--hts", "2846.90.80", "--origin", "CN", "--date", "2026-03-02",
            "--value", "10000", "--quantity", "500", "--unit", "kg", "--json"};

    @Test
    void aResultThatCannotBeWrittenToStandardOutputIsExitThreeNotSilence() throws Exception {
        // reported: `lodestone assess … --json > out.json` on a full disk exited 0 with an empty out.json
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "a Linux /dev/full to stand for a full disk");
        Run r = run(lodestone(List.of(), ASSESS_JSON).redirectOutput(full));
        assertThat(r.exit()).isEqualTo(Failures.ENVIRONMENT);
        assertThat(r.err()).isEqualTo("lodestone: standard output could not be written (No space left on device): "
                + "what it holds is incomplete\n");
    }

    @Test
    void aReaderThatStopsReadingEndsTheCommandQuietly() throws Exception {
        // `lodestone regime diff … | head -1`: no stack trace, no message, the command's own exit code
        ProcessBuilder pb = lodestone(List.of(), "regime", "diff", "--from", "2024-01-01", "--to", "2026-09-01");
        pb.redirectError(dir.resolve("err").toFile());
        Process p = pb.start();
        p.getInputStream().close(); // as head does once it has its line
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("err"))).isEmpty();
        assertThat(p.exitValue()).isZero();
    }

    /**
     * A Guatemalan broker's importer name in a container with no LANG: the JVM read "Exportadora Añil" as "Exportadora A\uFFFD\uFFFDil"
     * and the command ran with it (exit 0). Now it is refused naming the argument; in a UTF-8 locale it runs.
     */
    @Test
    void anArgumentTheLocaleCannotCarryIsRefusedNotChanged() throws Exception {
        String[] args = {"assess", "--hts", "2846.90.80", "--origin", "GT", "--date", "2026-03-02", "--value", "100", "--quantity", "1",
                "--unit", "kg", "--importer", "Exportadora Añil"};
        ProcessBuilder posix = lodestone(List.of(), args);
        posix.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        posix.environment().put("LC_ALL", "C");
        Run r = run(posix);
        assertThat(r.exit()).isEqualTo(Failures.REFUSED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("lodestone: argument 15 (the value of --importer), 'Exportadora A??il', has characters this locale's "
                + "character set (ANSI_X3.4-1968) cannot carry: letters with accents, other scripts and full-width digits reach the "
                + "command as '?'; nothing was done. Run it in a UTF-8 locale, e.g. LC_ALL=C.UTF-8 lodestone assess ...\n");
        ProcessBuilder utf8 = lodestone(List.of(), args);
        utf8.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        utf8.environment().put("LC_ALL", "C.UTF-8");
        Run ok = run(utf8);
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Total duty");
    }

    @Test
    void numbersAreWrittenTheSameWhateverTheMachinesLocale() throws Exception {
        // reported: with a German locale, `generate-entries` said "wrote 1.000 lines" and `regime info` "hts lines 35.571"
        List<String> german = List.of("-Duser.language=de", "-Duser.country=DE");
        Run gen = run(lodestone(german, "generate-entries", "--lines", "1000", "--out", dir.resolve("e.csv").toString()));
        assertThat(gen.exit()).isZero();
        assertThat(gen.out()).startsWith("wrote 1,000 lines (drawn from 2,694 HTS lines) to ");
        Run info = run(lodestone(german, "regime", "info"));
        assertThat(info.out()).contains("  hts lines                35,571\n").doesNotContain("35.571");
    }

    @Test
    void aGeneratedFileStoppedBySigtermIsNotLeftLookingComplete() throws Exception {
        // reported: generate-entries wrote straight into --out; stopped half-way, it left a shorter file ending on a whole line
        Path out = dir.resolve("entries.csv");
        Files.writeString(out, "the previous file\n");
        ProcessBuilder pb = lodestone(List.of(), "generate-entries", "--lines", "10000000", "--out", out.toString());
        pb.redirectOutput(dir.resolve("gen-out").toFile()).redirectError(dir.resolve("gen-err").toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (partFiles(dir).isEmpty() && System.nanoTime() < deadline && p.isAlive()) Thread.sleep(20);
        assertThat(partFiles(dir)).as("the file being written").hasSize(1);
        Thread.sleep(300);
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(out)).isEqualTo("the previous file\n");
        assertThat(partFiles(dir)).as("the unfinished file is removed as the JVM stops").isEmpty();
    }

    @Test
    void aDashWhereAFileIsNeededIsRefusedNotTakenAsAFileNamedDash() throws Exception {
        // reported: `assess-file in.csv --out -` wrote the results to a file called '-' in the working directory, and exit 0
        Path in = dir.resolve("in.csv");
        Files.copy(Cli.repo().resolve("examples/bulk/entries.csv"), in);
        Path dash = Path.of("-").toAbsolutePath();
        Files.deleteIfExists(dash);
        Cli toStdout = Cli.run("assess-file", in.toString(), "--out", "-");
        assertThat(toStdout.exit()).isEqualTo(Failures.REFUSED);
        assertThat(toStdout.err()).isEqualTo("lodestone: --out: '-' (standard output) is not written by assess-file: the results are "
                + "written beside their target and moved into place when complete, and the summary is printed on standard output; "
                + "give a file name (./- for a file named '-')\n");
        assertThat(Cli.run("assess-file", in.toString(), "--out", dir.resolve("r.csv").toString(), "--rejects", "-").err())
                .startsWith("lodestone: --rejects: '-' (standard output) is not written by assess-file");
        assertThat(Cli.run("assess-file", in.toString(), "--out", dir.resolve("r.csv").toString(), "--totals", "-").err())
                .startsWith("lodestone: --totals: '-' (standard output) is not written by assess-file");
        Cli fromStdin = Cli.run("assess-file", "-", "--out", dir.resolve("r.csv").toString());
        assertThat(fromStdin.exit()).isEqualTo(Failures.REFUSED);
        assertThat(fromStdin.err()).isEqualTo("lodestone: IN: '-' (standard input) is not read by assess-file: give the file's name "
                + "(.csv, or .jsonl/.ndjson for JSON Lines; ./- for a file named '-')\n");
        Cli compareOut = Cli.run("compare", in.toString(), "--with", "date:2026-07-25", "--out", "-");
        assertThat(compareOut.exit()).isEqualTo(Failures.REFUSED);
        assertThat(compareOut.err()).startsWith("lodestone: --out: '-' (standard output) is not written by compare: ");
        Cli compareIn = Cli.run("compare", "-", "--with", "date:2026-07-25");
        assertThat(compareIn.exit()).isEqualTo(Failures.REFUSED);
        assertThat(compareIn.err()).isEqualTo("lodestone: IN: '-' (standard input) is not read as a file of entry lines: give the file's "
                + "name (.csv, or .jsonl/.ndjson for JSON Lines; ./- for a file named '-'), or --entry - for a customs entry\n");
        Cli gen = Cli.run("generate-entries", "--lines", "10", "--out", "-");
        assertThat(gen.exit()).isEqualTo(Failures.REFUSED);
        assertThat(gen.err()).isEqualTo("lodestone: --out: '-' (standard output) is not written by generate-entries: the file is "
                + "written beside its target and moved into place when complete; give a file name (./- for a file named '-')\n");
        assertThat(dash).doesNotExist();
        assertThat(dir.resolve("r.csv")).doesNotExist();
    }

    @Test
    void aRunWithMoreRejectedLinesThanAllowedExitsOneWithItsOutputsWritten() throws Exception {
        // a CI step running assess-file on a file gone wrong (every line rejected: a wrong export) exited 0
        Path in = dir.resolve("mixed.csv");
        StringBuilder b = new StringBuilder("line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\n");
        for (int i = 1; i <= 98; i++) b.append("L").append(i).append(",2846.90.80.90,CN,2026-03-02,1000,USD,10,kg\n");
        b.append("L99,2846.90.80.90,CN,2026/03/02,1000,USD,10,kg\nL100,9999.99.99.99,CN,2026-03-02,1000,USD,10,kg\n");
        Files.writeString(in, b.toString());
        Path out = dir.resolve("mixed-out.csv");
        Path rej = dir.resolve("mixed-rejects.csv");
        Cli none = Cli.run("assess-file", in.toString(), "--out", out.toString());
        assertThat(none.exit()).isZero(); // no limit asked: as before
        for (String ok : List.of("2", "2%", "2.0%", "100%")) {
            assertThat(Cli.run("assess-file", in.toString(), "--out", out.toString(), "--max-rejects", ok).exit()).as(ok).isZero();
        }
        Files.delete(out);
        Cli over = Cli.run("assess-file", in.toString(), "--out", out.toString(), "--rejects", rej.toString(), "--max-rejects", "1.99%");
        assertThat(over.exit()).isEqualTo(Failures.NO_ANSWER);
        assertThat(over.err()).isEqualTo("lodestone: 2 of 100 lines rejected (2.00 %), more than --max-rejects 1.99%; their reasons are in "
                + rej + "\n");
        assertThat(Files.readAllLines(out)).hasSize(101); // the outputs are written all the same
        assertThat(Files.readAllLines(rej)).hasSize(3);
        Cli zero = Cli.run("assess-file", in.toString(), "--out", out.toString(), "--max-rejects", "0");
        assertThat(zero.exit()).isEqualTo(Failures.NO_ANSWER);
        assertThat(zero.err()).isEqualTo("lodestone: 2 of 100 lines rejected (2.00 %), more than --max-rejects 0; their reasons are in "
                + out + "\n");
        for (String bad : List.of("-1", "ten", "101%", "%", "2 %%", "")) {
            Cli r = Cli.run("assess-file", in.toString(), "--out", out.toString(), "--max-rejects", bad);
            assertThat(r.exit()).as(bad).isEqualTo(Failures.REFUSED);
            assertThat(r.err()).as(bad).isEqualTo("lodestone: --max-rejects: '" + bad + "' is not a limit; expected a count of lines (0, 100) "
                    + "or a share of the lines read from 0% to 100% (2%, 0.5%)\n");
        }
    }

    @Test
    void smallInputsAreReadFromStandardInputGivenAsDash() throws Exception {
        // reported: `… | lodestone solve-lcp -` and `… | lodestone origin check -` said "-: no such file" (exit 3)
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("{\"M\": [[2,1],[1,2]], \"q\": [-5,-6]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Cli lcp = Cli.run("solve-lcp", "-");
            assertThat(lcp.exit()).isZero();
            assertThat(lcp.out()).contains("\"status\": \"solved\"");
            System.setIn(new java.io.ByteArrayInputStream("{\"M\": [[1, 2], [3]], \"q\": [1, 2]}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Cli bad = Cli.run("solve-lcp", "-");
            assertThat(bad.exit()).isEqualTo(Failures.REFUSED);
            assertThat(bad.err()).startsWith("lodestone solve-lcp: standard input: ");
            Path bill = Cli.repo().resolve("examples/origin/antimony-does-not-qualify.json");
            Cli fromFile = Cli.run("origin", "check", bill.toString());
            System.setIn(Files.newInputStream(bill));
            Cli fromStdin = Cli.run("origin", "check", "-");
            assertThat(fromStdin.exit()).isZero();
            assertThat(fromStdin.out()).isEqualTo(fromFile.out());
            System.setIn(new java.io.ByteArrayInputStream("{\"product\": {\"hts\": 1}}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Cli malformed = Cli.run("origin", "check", "-");
            assertThat(malformed.exit()).isEqualTo(Failures.REFUSED);
            assertThat(malformed.err()).startsWith("standard input:");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void scenariosCompanyFilesAndLedgersAreReadFromStandardInputGivenAsDash() throws Exception {
        // reported: `… | lodestone simulate -` said "-: no bundled scenario of that name", `exposure -` and
        // `stockpile show --file -` "-: no such file"
        java.io.InputStream stdin = System.in;
        try {
            for (String[] c : List.of(
                    new String[]{"examples/market/vanadium.yaml", "simulate", "--json"},
                    new String[]{"examples/market/growth-tail.yaml", "montecarlo", "--draws", "20", "--seed", "7", "--json"},
                    new String[]{"examples/exposure/magnet-maker.yaml", "exposure", "--json", "--no-alternatives"},
                    new String[]{"examples/stockpile/small-reserve.yaml", "stockpile", "show", "--json", "--file"})) {
                Path file = Cli.repo().resolve(c[0]);
                String[] args = java.util.Arrays.copyOfRange(c, 1, c.length + 1);
                args[args.length - 1] = file.toString();
                Cli fromFile = Cli.run(args);
                assertThat(fromFile.exit()).as(c[1] + " " + fromFile.err()).isZero();
                args[args.length - 1] = "-";
                System.setIn(Files.newInputStream(file));
                Cli fromStdin = Cli.run(args);
                assertThat(fromStdin.exit()).as(c[1] + " " + fromStdin.err()).isZero();
                String seconds = "\"seconds\": [0-9.E-]+"; // how long the run took
                assertThat(fromStdin.out().replace("standard input", file.toString()).replaceAll(seconds, "s")).as(c[1])
                        .isEqualTo(fromFile.out().replaceAll(seconds, "s"));
            }
            System.setIn(new java.io.ByteArrayInputStream("market: [\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Cli bad = Cli.run("simulate", "-");
            assertThat(bad.exit()).isEqualTo(Failures.REFUSED);
            assertThat(bad.err()).startsWith("standard input:");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void jsonKeysComeInTheSameOrderEveryRun() throws Exception {
        // reported: `simulate ndpr-floor-110 --json` twice gave two files (units, solver, … keys shuffled: Map.of's order is
        // chosen anew by each JVM), and so did projects, value, floor and seek — a diff or a checksum of two runs differed
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var sim = mapper.readTree(Cli.run("simulate", "ndpr-floor-110", "--json").out());
        assertThat(names(sim.get("units"))).containsExactly("quantity", "price", "money");
        assertThat(names(sim.get("solver"))).containsExactly("residual", "pivots", "iterations", "baseline_residual", "baseline_pivots");
        var show = mapper.readTree(Cli.run("projects", "show", "arafura-nolans", "--json").out());
        assertThat(names(show.get("sources").get(0))).containsExactly("id", "url", "date", "what");
        assertThat(names(show.get("owners").get(0))).containsExactly("name", "country", "share");
        assertThat(names(mapper.readTree(Cli.run("projects", "list", "--json").out()))).containsExactly("projects", "markets");
        var value = mapper.readTree(Cli.run("value", "arafura-nolans", "--paths", "200", "--json").out());
        assertThat(names(value.get("payback_with"))).containsExactly("median_year", "mean_year", "probability_never");
        var floor = mapper.readTree(Cli.run("floor", "ndpr", "--method", "percentile:75", "--json").out());
        assertThat(names(floor.get("cost_curve"))).containsExactly("source", "steps");
        assertThat(names(floor.get("cost_curve").get("steps").get(0))).containsExactly("name", "country", "capacity_t", "cost");
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode n) {
        List<String> l = new ArrayList<>();
        n.fieldNames().forEachRemaining(l::add);
        return l;
    }

    @Test
    void progressIsNotWrittenIntoAFileStandardErrorIsRedirectedTo() throws Exception {
        // reported: `lodestone assess-file big.csv --out r.csv 2>run.log` typed at a terminal drew its progress, carriage
        // returns and all, into run.log: the console said "terminal" for standard input and output, and progress goes to stderr
        File script = new File("/usr/bin/script");
        assumeTrue(script.canExecute(), "util-linux's script, to run the command on a terminal");
        Path in = dir.resolve("in.csv");
        assertThat(Cli.run("generate-entries", "--lines", "300000", "--out", in.toString()).exit()).isZero();
        ProcessBuilder pb = lodestone(List.of(), "assess-file", in.toString(), "--out", dir.resolve("r.csv").toString());
        String command = String.join(" ", pb.command().stream().map(a -> "'" + a + "'").toList())
                + " 2>" + dir.resolve("run.log"); // standard input and output stay the terminal
        Process p = new ProcessBuilder(script.toString(), "-qec", command, "/dev/null").directory(Cli.repo().toFile())
                .redirectOutput(dir.resolve("tty").toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(Files.readString(dir.resolve("tty"))).contains("read 300,000 lines: ");
        assertThat(Files.readString(dir.resolve("run.log"))).isEmpty();
    }

    @Test
    void outputFilesFollowTheUsersUmask() throws Exception {
        // reported: assess-file's results, rejects and report --out were forced to rw-r--r--, so a brokerage that runs with
        // umask 077 had its duties readable by every user of the machine
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path in = dir.resolve("in.csv");
        assertThat(Cli.run("generate-entries", "--lines", "50", "--out", in.toString()).exit()).isZero();
        Path json = Files.writeString(dir.resolve("a.json"), Cli.run(ASSESS_JSON).out());
        for (String umask : List.of("077", "022")) {
            Path r = dir.resolve("r" + umask + ".csv"), j = dir.resolve("j" + umask + ".csv"), h = dir.resolve("h" + umask + ".html");
            String a = String.join(" ", lodestone(List.of(), "assess-file", in.toString(), "--out", r.toString(), "--rejects", j.toString())
                    .command().stream().map(x -> "'" + x + "'").toList());
            String b = String.join(" ", lodestone(List.of(), "report", json.toString(), "--out", h.toString())
                    .command().stream().map(x -> "'" + x + "'").toList());
            Run run = run(new ProcessBuilder("sh", "-c", "umask " + umask + " && " + a + " && " + b).directory(Cli.repo().toFile()));
            assertThat(run.exit()).as(run.err()).isZero();
            String want = umask.equals("077") ? "rw-------" : "rw-r--r--";
            for (Path p : List.of(r, j, h)) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p + " under umask " + umask)
                        .isEqualTo(want);
            }
        }
    }

    @Test
    void anOutputThatCannotBeWrittenIsSaidOfTheFileAskedFor() throws Exception {
        // reported: "lodestone: /x/ro/.x.csv.5710255054654976474.part: permission denied" — the hidden part, not the file asked
        // for; exposure --report into /proc said "cannot write /proc/x.html: /proc/.x.html.1047….part" and no reason
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "not run as root (the tests drop root: bin/java-unprivileged)");
            Cli gen = Cli.run("generate-entries", "--lines", "10", "--out", ro.resolve("x.csv").toString());
            assertThat(gen.exit()).isEqualTo(Failures.ENVIRONMENT);
            assertThat(gen.err()).isEqualTo("lodestone: " + ro.resolve("x.csv") + ": cannot be written: permission denied (it is written "
                    + "beside its target, in " + ro + ", then moved over it)\n");
            Cli exp = Cli.run("exposure", Cli.repo().resolve("examples/exposure/battery-maker.yaml").toString(), "--report",
                    ro.resolve("r.html").toString());
            assertThat(exp.exit()).isEqualTo(Failures.ENVIRONMENT);
            assertThat(exp.err()).isEqualTo("lodestone: " + ro.resolve("r.html") + ": cannot be written: permission denied (it is written "
                    + "beside its target, in " + ro + ", then moved over it)\n");
        } finally {
            Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static List<Path> partFiles(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith(".entries.csv.") && f.toString().endsWith(".part")).toList();
        }
    }
}
