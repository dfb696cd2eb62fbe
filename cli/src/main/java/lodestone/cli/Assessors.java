package lodestone.cli;

import lodestone.border.Assessor;
import lodestone.regime.Regime;

/** Builds the assessor the CLI uses for a regime (the one place where optional checkers are installed). */
final class Assessors {
    private Assessors() {
    }

    /** An assessor that checks preference claims' bills of materials against the regime's rules of origin. */
    static Assessor forRegime(Regime regime) {
        return Assessor.compile(regime, new lodestone.border.origin.PreferenceOriginVerifier(regime.source()));
    }
}
