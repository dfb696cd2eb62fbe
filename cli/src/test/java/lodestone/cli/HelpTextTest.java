package lodestone.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command's {@code --help} says, held to what the command does: each case is a help text found wrong by
 * running the command as the docs show it.
 */
class HelpTextTest {

    /** The help of a command as one line of words (picocli wraps at 80 columns). */
    private static String help(String... command) {
        String[] args = java.util.Arrays.copyOf(command, command.length + 1);
        args[command.length] = "--help";
        Cli r = Cli.run(args);
        assertThat(r.exit()).isZero();
        return r.out().replaceAll("\\s+", " ");
    }

    @Test
    void assessFileSaysJsonLinesAreReadFromNdjsonToo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // what the command does: a .ndjson file is read as JSON Lines
        Path in = dir.resolve("lines.ndjson");
        Files.writeString(in, "{\"line_id\":\"x\",\"hts\":\"2846.90.80.90\",\"origin\":\"CN\",\"entry_date\":\"2026-03-02\","
                + "\"customs_value\":10,\"currency\":\"USD\",\"quantity\":1,\"unit\":\"kg\"}\n");
        Cli r = Cli.run("assess-file", in.toString(), "--out", dir.resolve("out.csv").toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(dir.resolve("out.csv"))).contains("x,assessed,0.37,USD");
        // and what its help says
        String h = help("assess-file");
        assertThat(h).contains("JSON Lines when the name ends in .jsonl or .ndjson")
                .contains("The input file (.csv, or .jsonl or .ndjson for JSON Lines).");
    }

    @Test
    void ledgerVerifySaysADataDirectoryWithoutADatabaseIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) {
        // what the command does: a --data-dir that holds no Lodestone database is refused (2), not "cannot be opened" (3)
        Cli r = Cli.run("ledger", "verify", "--data-dir", dir.resolve("nothing").toString());
        assertThat(r.exit()).isEqualTo(Failures.REFUSED);
        assertThat(r.err()).contains("holds no Lodestone database");
        // and what its help says
        assertThat(help("ledger", "verify")).contains("Exit codes: 0 when the ledger is intact, 1 when it is not, 2 when "
                + "--data-dir holds no Lodestone database, 3 when the database cannot be opened.");
    }

    @Test
    void regimeSearchNamesTheValueOfLimit() {
        assertThat(help("regime", "search")).contains("[--limit=N]").contains("--limit=N At most this many results (default: 50).")
                .doesNotContain("<limit>");
    }

    /** The README: "Every command has --help with examples". */
    @Test
    void everyCommandsHelpHasAnExample() {
        java.util.List<String> without = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>();
        todo.add(Main.commandLine(new String[0]));
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.poll();
            todo.addAll(c.getSubcommands().values());
            if (c.getParent() == null || c.getCommandName().equals("help")) continue; // the list of commands; picocli's own help
            java.io.StringWriter w = new java.io.StringWriter();
            c.usage(new java.io.PrintWriter(w));
            if (!w.toString().contains("Example")) without.add(c.getCommandSpec().qualifiedName());
        }
        assertThat(without).as("commands whose --help shows no example").isEmpty();
    }

    /** An example in a --help that names a file of examples/ names one that is there. */
    @Test
    void everyExampleFileAHelpNamesExists() {
        java.util.List<String> missing = new java.util.ArrayList<>();
        java.util.Set<String> named = new java.util.TreeSet<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>();
        todo.add(Main.commandLine(new String[0]));
        java.util.regex.Pattern file = java.util.regex.Pattern.compile("(?<![\\w/.])examples/[\\w./-]+\\.(csv|jsonl?|ya?ml)");
        while (!todo.isEmpty()) {
            picocli.CommandLine c = todo.poll();
            todo.addAll(c.getSubcommands().values());
            java.io.StringWriter w = new java.io.StringWriter();
            c.usage(new java.io.PrintWriter(w));
            java.util.regex.Matcher m = file.matcher(w.toString().replaceAll("\\s*\\n\\s*", " "));
            while (m.find()) {
                named.add(m.group());
                if (!Files.isRegularFile(Cli.repo().resolve(m.group()))) missing.add(c.getCommandSpec().qualifiedName() + ": " + m.group());
            }
        }
        assertThat(named).contains("examples/bulk/entries.csv", "examples/entry/two-lines.json",
                "examples/screening/strict.yaml");
        assertThat(missing).isEmpty();
    }
}
