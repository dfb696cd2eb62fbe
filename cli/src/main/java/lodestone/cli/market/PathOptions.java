package lodestone.cli.market;

import lodestone.cli.RegimeOption;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options the scenario commands share (simulate, montecarlo, seek, sensitivity): the regime the scenario
 * is checked against ({@link RegimeOption}, the same option as the regime commands) and JSON
 * output. A picocli mixin.
 */
final class PathOptions {
    @CommandLine.Mixin
    RegimeOption regimeOption = new RegimeOption();

    @Option(names = "--json", description = "Print JSON instead of a table (the shape the API answers with).")
    boolean json;

    String regime() {
        return regimeOption.name();
    }
}
