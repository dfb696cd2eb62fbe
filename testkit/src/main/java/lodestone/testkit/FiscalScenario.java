package lodestone.testkit;

/**
 * The two-region market whose fiscal table is worked out by hand in the market module's {@code FiscalTableTest}, with its
 * regions named US (the club, importing) and CN, as the CLI's and the server's tests of the fiscal table send it.
 *
 * <p>By hand: 2025 — levy 376/3 and stock sales 600 against the baseline path's 487.2; 2026 — levy 4 × 28 t = 112 and a
 * subsidy of 2 × 27 = 54 against a baseline path that pays and collects nothing (net cost −58); present values at 8 % to
 * 2025. One text, so that the three modules' figures are checked against the same market.
 */
public final class FiscalScenario {
    private FiscalScenario() {
    }

    /** The scenario file (docs/scenario-format.md): a floor and a price-gap subsidy in US over 2025–2026, a stock released in 2025. */
    public static final String YAML = """
            scenario: fiscal-2r
            mineral: gallium
            units: {quantity: t, price: USD/t}
            reference_price: 40
            club: [US]
            regions:
              - {id: US, supply: {type: linear, intercept: -20, slope: 1}, demand: {type: linear, intercept: 100, slope: -1}}
              - {id: CN, supply: {type: linear, intercept: 0, slope: 2}, demand: {type: linear, intercept: 80, slope: -1}}
            transport: {default: 5}
            policies:
              - {type: price_floor, floor: 50, members: [US], label: club floor}
              - {type: price_gap_subsidy, strike: 47, regions: [US]}
            horizon:
              years: 2025-2026
              discount_rate: 0.08
              paths:
                - {policy: club floor, field: floor, values: {2025: 50, 2026: 45}}
              stockpiles:
                - {name: res, holdings: {US: 12}, release: {rate: 1, from: 2025, to: 2025}}
            """;
}
