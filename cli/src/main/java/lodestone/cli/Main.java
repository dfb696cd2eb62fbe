package lodestone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * The {@code lodestone} command. Each capability is a subcommand; this class only assembles them and hands failures to
 * {@link Failures}, which maps them to the exit codes every command shares: 0 an answer, 1 no answer, 2 input refused,
 * 3 a file that cannot be read or written, 70 a bug.
 */
@Command(name = "lodestone",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "An executable model of the critical-minerals trade regime: the regime as data, "
                + "border assessment, market simulation.",
        footer = {"", "Run 'lodestone help COMMAND' or 'lodestone COMMAND --help' for a command's options and examples.",
                "", Failures.EXIT_CODES + " An answer that says no is an answer (0): a prohibited line, a good that does not qualify, "
                + "the rejected lines of a bulk file. No answer (1): no equilibrium, every draw failed, a target unreachable, an LCP "
                + "without a solution, a ledger that does not verify, a project that fails screening. Refused (2): an unknown command, "
                + "option or name, a bad option value, a regime, scenario, ledger, bill of materials, company file or registry file "
                + "refused, a bulk file's header, a file given to report that is not a saved result."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Numbers and dates are written the same on every machine (1,000.50, never 1.000,50): a script or a spreadsheet reads
        // them whatever the locale of the cron job or CI runner; the commands' own formats use Locale.ROOT, and this covers
        // the rest (messages of the engines)
        java.util.Locale.setDefault(java.util.Locale.ROOT);
        String unreadable = unreadableArgument(args, System.getProperty("sun.jnu.encoding", ""));
        if (unreadable != null) {
            System.err.println(unreadable);
            System.exit(Failures.REFUSED);
        }
        StandardOutput stdout = StandardOutput.install();
        int code = run(args);
        System.exit(stdout.exitCode(code, new java.io.PrintWriter(System.err, true)));
    }

    /**
     * Why the arguments cannot be used, or null. The JVM reads its arguments in the character set of the locale it starts in:
     * in the C or POSIX locale (LANG unset, as in many containers and cron jobs) that is ASCII, and each byte of "Añil",
     * "株式会社" or a full-width "１２３" typed in a UTF-8 terminal arrives as U+FFFD — an importer's or a stockpile's name
     * changed in silence. Such an argument is refused, naming it, with the way to run the command.
     */
    static String unreadableArgument(String[] args, String argumentCharset) {
        if (argumentCharset.replace("-", "").equalsIgnoreCase("UTF8")) return null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].indexOf('\uFFFD') < 0) continue;
            String option = i > 0 && args[i - 1].startsWith("--") && !args[i].startsWith("--") ? " (the value of " + args[i - 1] + ")" : "";
            return "lodestone: argument " + (i + 1) + option + ", '" + args[i].replace('\uFFFD', '?') + "', has characters this locale's "
                    + "character set (" + argumentCharset + ") cannot carry: letters with accents, other scripts and full-width digits "
                    + "reach the command as '?'; nothing was done. Run it in a UTF-8 locale, e.g. LC_ALL=C.UTF-8 lodestone "
                    + (args.length > 0 ? args[0] : "") + " ..."; // ASCII: standard error is in that character set too
        }
        return null;
    }

    /** Runs the CLI and returns its exit code; tests call this. */
    public static int run(String... args) {
        CommandLine cl = commandLine(args);
        try {
            int code = cl.execute(args);
            if (code != Failures.ANSWER && code != Failures.NO_ANSWER) {
                // a path copied from Windows into WSL's terminal: the file it names, where WSL has it
                for (String hint : Failures.windowsPaths(args)) cl.getErr().println(hint);
                cl.getErr().flush();
            }
            return code;
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to Failures; an Error ended the JVM with its stack trace and exit 1 ("no answer")
            return Failures.outOfMemory(cl.getErr());
        }
    }

    /** The command line that runs {@code args}: with only the subcommand they name, when they begin with one. */
    public static CommandLine commandLine(String... args) {
        return args.length > 0 ? only(args[0]) : newCommandLine();
    }

    /** Every subcommand, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            RegimeCommand.class,
            AssessCommand.class,
            AssessFileCommand.class,
            CompareCommand.class,
            OriginCommand.class,
            GenerateEntriesCommand.class,
            TourCommand.class,
            ServeCommand.class,
            LedgerCommand.class,
            JobsCommand.class,
            lodestone.cli.market.SimulateCommand.class,
            lodestone.cli.market.SolveLcpCommand.class,
            lodestone.cli.market.MonteCarloCommand.class,
            lodestone.cli.market.SeekCommand.class,
            lodestone.cli.market.SensitivityCommand.class,
            lodestone.cli.exposure.StockpileCommand.class,
            lodestone.cli.exposure.ExposureCommand.class,
            lodestone.cli.finance.ProjectsCommand.class,
            lodestone.cli.finance.ValueCommand.class,
            lodestone.cli.finance.FloorCommand.class,
            lodestone.cli.finance.RankCommand.class,
            ReportCommand.class,
            SparkCommand.class,
            CommandLine.HelpCommand.class);

    /** The whole command line: every subcommand's model built (picocli reads each class's annotations by reflection). */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> c : COMMANDS) cl.addSubcommand(c);
        return configured(cl);
    }

    /**
     * The command line with only the subcommand {@code first} names (by name or alias), or the whole one when it names
     * none (help, an option, a mistyped command: those list or suggest every command). Building the model of all twenty
     * commands costs a short command such as {@code regime validate} about a quarter of a second; a command line with
     * one subcommand parses, runs and fails exactly as the whole one does for that subcommand.
     */
    static CommandLine only(String first) {
        for (Class<?> c : COMMANDS) {
            Command a = c.getAnnotation(Command.class);
            if (c == CommandLine.HelpCommand.class || a == null) continue;
            if (a.name().equals(first) || List.of(a.aliases()).contains(first)) {
                CommandLine cl = new CommandLine(new Main());
                cl.addSubcommand(c);
                return configured(cl);
            }
        }
        return newCommandLine();
    }

    private static CommandLine configured(CommandLine cl) {
        cl.setExecutionExceptionHandler(new Failures());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            // the version the reports' provenance names (the build's, from report's version.properties): the jar's manifest
            // has no Implementation-Version, so -V said "development build" of every build while its reports said 0.1.0-…
            return new String[]{"lodestone " + lodestone.report.ResultReport.version()};
        }
    }
}
