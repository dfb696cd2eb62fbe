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
        return open(regime);
    }

    /**
     * {@link Regime#open}, with a folder or manifest file that does not exist said as such (exit 3, a file that cannot be
     * read) rather than as a regime without a manifest (exit 2, refused); what the CLI opens every regime with.
     */
    public static Regime open(String spec) {
        if (spec != null && !spec.equals("bundled") && !spec.startsWith("bundled:") && !java.nio.file.Files.exists(java.nio.file.Path.of(spec))) {
            throw new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException(spec, null, "no such regime folder or manifest file"));
        }
        return Regime.open(spec);
    }

    /** What {@code --regime} names, as {@link Regime#open} takes it. */
    public String name() {
        return regime;
    }
}
