package lodestone.cli;

import lodestone.border.Assessor;
import lodestone.regime.Regime;

/** Builds the assessor the CLI uses for a regime (the one place where optional checkers are installed). */
final class Assessors {
    private Assessors() {
    }

    static Assessor forRegime(Regime regime, String spec) {
        return Assessor.compile(regime);
    }
}
