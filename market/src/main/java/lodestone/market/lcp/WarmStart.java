package lodestone.market.lcp;

/**
 * A complementary basis to start Lemke from: {@code zBasic[i]} says that z_i (rather than w_i) is basic.
 * A previous solution's basis (for a nearby scenario, a Newton iterate, a Monte Carlo draw) usually
 * needs few or no pivots. A singular basis is silently replaced by the all-slack start.
 */
public record WarmStart(boolean[] zBasic) {
    public WarmStart {
        zBasic = zBasic.clone();
    }

    @Override
    public boolean[] zBasic() {
        return zBasic.clone();
    }
}
