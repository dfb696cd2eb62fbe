package lodestone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lodestone} command. Each capability is a subcommand; this class only assembles them
 * and maps failures to exit codes that scripts can trust:
 * 0 success, 1 the answer is "no" (e.g. validation found problems), 2 bad usage or bad input, 3 environment.
 */
@Command(name = "lodestone",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "An executable model of the critical-minerals trade regime: the regime as data, "
                + "border assessment, market simulation.",
        subcommands = {
                RegimeCommand.class,
                AssessCommand.class,
                AssessFileCommand.class,
                CompareCommand.class,
                OriginCommand.class,
                GenerateEntriesCommand.class,
                TourCommand.class,
                ServeCommand.class,
                LedgerCommand.class,
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
                CommandLine.HelpCommand.class
        },
        footer = {"", "Run 'lodestone help COMMAND' or 'lodestone COMMAND --help' for a command's options and examples."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; tests call this. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main());
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
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"lodestone " + (v == null ? "development build" : v)};
        }
    }
}
