package lodestone.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command line begun with a subcommand's name is built with that subcommand only ({@link Main#commandLine}); it must
 * answer exactly as the whole command line does: the same help, the same refusals with the same exit codes.
 */
class CommandLineSelectionTest {

    private record Ran(int exit, String out, String err) {}

    private static Ran run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Ran(code, out.toString(), err.toString());
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(Main.newCommandLine().getSubcommands().keySet());
        names.remove("help");
        return names;
    }

    @Test
    void everySubcommandIsSelectedAloneAndHelpsAsTheWholeCommandLineDoes() {
        List<String> names = names();
        assertTrue(names.size() >= 20, "subcommands: " + names);
        for (String name : names) {
            CommandLine alone = Main.commandLine(name, "--help");
            assertEquals(name, alone.getSubcommands().get(name).getCommandName());
            assertEquals(1, alone.getSubcommands().values().stream().distinct().count(), name + ": one subcommand built");
            Ran a = run(alone, name, "--help");
            Ran w = run(Main.newCommandLine(), name, "--help");
            assertEquals(w, a, name + " --help");
        }
    }

    @Test
    void refusalsAreTheSameWithOneSubcommandAsWithAll() {
        for (String name : names()) {
            for (String[] args : List.of(new String[]{name, "--no-such-option"}, new String[]{name, "extra", "args", "--x=1"})) {
                Ran a = run(Main.commandLine(args), args);
                Ran w = run(Main.newCommandLine(), args);
                assertEquals(w, a, String.join(" ", args));
            }
        }
    }

    /**
     * -V names the version the reports' provenance names: it read the jar manifest's Implementation-Version, which the build
     * does not write, and said "lodestone development build" of every build, while `lodestone report` wrote 0.1.0-SNAPSHOT.
     */
    @Test
    void theVersionIsTheOneReportsName() {
        String v = lodestone.report.ResultReport.version();
        assertTrue(v.matches("[0-9]+\\.[0-9]+\\.[0-9]+.*"), v); // the build's, filtered into version.properties
        Ran r = run(Main.newCommandLine(), "-V");
        assertEquals(0, r.exit());
        assertEquals("lodestone " + v + System.lineSeparator(), r.out());
    }

    @Test
    void anythingElseGetsTheWholeCommandLine() {
        for (String first : new String[]{"help", "--help", "-V", "regim", "--regime"}) {
            CommandLine cl = Main.commandLine(first);
            assertEquals(Main.newCommandLine().getSubcommands().keySet(), cl.getSubcommands().keySet(), first);
        }
        assertEquals(Main.newCommandLine().getSubcommands().keySet(), Main.commandLine().getSubcommands().keySet());
        // a mistyped command is answered with the suggestion the whole command line makes
        Ran r = run(Main.commandLine("regim", "validate"), "regim", "validate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("regime"), r.err());
        // a command's name alone builds that command only
        assertEquals(java.util.Set.of("regime"), Main.commandLine("regime").getSubcommands().keySet());
    }
}
