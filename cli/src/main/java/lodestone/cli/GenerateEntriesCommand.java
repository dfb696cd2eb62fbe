package lodestone.cli;

import lodestone.border.bulk.EntryGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lodestone generate-entries}: a seeded file of realistic entry lines, for trying bulk assessment and benchmarks. */
@Command(name = "generate-entries", mixinStandardHelpOptions = true,
        description = {"Writes a seeded CSV of realistic entry lines in the bulk format (docs/bulk-format.md): lines of the "
                + "critical-minerals chapters, origins weighted to the real suppliers, dates across 2025-2026, content where "
                + "the HTS charges on it, CAFTA-DR and USMCA claims, and about 1.5 %% malformed lines that must be rejected (an unknown code, a date in the wrong form, a negative value)."},
        footer = {"", "Example:", "  lodestone generate-entries --lines 100000 --out /tmp/entries.csv --seed 7"})
final class GenerateEntriesCommand implements Callable<Integer> {
    /** The most lines one file may have (about 1.5 GB): the generator is for trying and benchmarking, not for filling a disk. */
    static final long MAX_LINES = 10_000_000;
    /** A generous estimate of a generated line's size, for the free-space check. */
    static final long BYTES_PER_LINE = 150;

    @Option(names = "--lines", required = true, paramLabel = "N", description = "How many lines (at most 10,000,000).")
    long lines;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write them.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: 1); the same seed gives the same file.")
    long seed = 1;

    @Option(names = "--codes", paramLabel = "K", description = "Draw the lines from only K of the HTS lines (chosen by the seed; "
            + "default: all of the chapters', about 2,700): a file with fewer distinct codes, as a broker's often is.")
    Integer codes;

    @CommandLine.Mixin
    RegimeOption regimeOption = new RegimeOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (lines < 0) throw new Failures.UserError(Failures.REFUSED, "--lines: " + lines + " is negative; expected 0 to " + MAX_LINES);
        if (lines > MAX_LINES) {
            throw new Failures.UserError(Failures.REFUSED, "--lines: " + lines + " is more than " + MAX_LINES + " (about "
                    + MAX_LINES * BYTES_PER_LINE / 1_000_000_000 + " GB); generate several files with different --seed values");
        }
        if (codes != null && codes < 1) throw new Failures.UserError(Failures.REFUSED, "--codes: " + codes + " is not a positive number of codes");
        if (out.toString().equals("-")) {
            throw new Failures.UserError(Failures.REFUSED, "--out: '-' (standard output) is not written by generate-entries: the file is "
                    + "written beside its target and moved into place when complete; give a file name (./- for a file named '-')");
        }
        if (Files.isDirectory(out)) throw new Failures.UserError(Failures.REFUSED, "--out: " + out + " is a directory; expected a file name");
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null && Files.isDirectory(dir)) {
            long need = lines * BYTES_PER_LINE;
            long free = Files.getFileStore(dir).getUsableSpace();
            if (need > free) {
                throw new Failures.UserError(Failures.ENVIRONMENT, "--out: " + lines + " lines need about " + need / 1_000_000 + " MB and "
                        + dir + " has " + free / 1_000_000 + " MB free");
            }
        }
        EntryGenerator g = new EntryGenerator(regimeOption.open(), seed);
        if (codes != null) g.codes(codes);
        if (dir == null || !Files.isDirectory(dir)) throw new java.nio.file.NoSuchFileException(out.toString(), null, "no such directory " + dir);
        // written beside the target and moved over it when complete: a run stopped half-way leaves the target as it was
        try (Replacement file = Replacement.of(out)) {
            try (Writer w = new BufferedWriter(new java.io.OutputStreamWriter(file.stream(), StandardCharsets.UTF_8), 1 << 16)) {
                g.write(w, lines);
            }
            file.commit();
        }
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "wrote %,d lines (drawn from %,d HTS lines) to %s%n", lines, g.codeCount(), out);
        return 0;
    }
}
