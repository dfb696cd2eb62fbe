package lodestone.cli;

import lodestone.regime.Regime;
import picocli.CommandLine.Option;

/**
 * The {@code --regime} option, a picocli mixin shared by every command that reads a regime: the regime commands,
 * assess, compare, origin, and the market's scenario commands (through {@code PathOptions}).
 */
public final class RegimeOption {
    @Option(names = "--regime", paramLabel = "REGIME",
            description = "The regime to use: 'bundled' (default), 'bundled:plurilateral' (the illustrative "
                    + "plurilateral club on top of it), a folder holding regime.yaml, or a manifest file.")
    String regime = "bundled";

    public Regime open() {
        return Regime.open(regime);
    }

    /** What {@code --regime} names, as {@link Regime#open} takes it. */
    public String name() {
        return regime;
    }
}
