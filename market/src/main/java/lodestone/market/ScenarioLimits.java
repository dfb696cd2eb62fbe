package lodestone.market;

/**
 * Bounds shared by every reader of a scenario (the YAML reader, the horizon's reader, the server's parameters).
 */
public final class ScenarioLimits {
    /**
     * The largest magnitude a number of a scenario may have (quantities, prices, costs, intercepts, a distribution's
     * values): beyond it the model's sums and products of such numbers would overflow a double. A bound of
     * "no limit" is said with it, so that a value can never be infinite or NaN.
     */
    public static final double MAX_MAGNITUDE = 1e300;

    /**
     * The largest ad valorem rate (tariff, export tax, tariff path): 5 = 500 %. Rates are fractions (0.155 = 15.5 %);
     * a rate written in percent (15.5) was read as 1,550 % without a word. A prohibitive rate is no trade instead.
     */
    public static final double MAX_AD_VALOREM = 5;

    private ScenarioLimits() {
    }
}
