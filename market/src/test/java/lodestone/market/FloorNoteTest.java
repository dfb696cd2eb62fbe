package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A price floor below every member's price does not bind, and the result says so (reported: `floor` noted it, `simulate`
 * did not). CN: S = 10 + 2p, D = 100 − p; US: S = 0.5p, D = 120 − 2p; freight 2: free trade gives 5.5 p_CN = 205,
 * p_CN = 37.27…, p_US = 39.27…; a floor of 30 in the US is below that, one of 45 binds (p_US = 45).
 */
class FloorNoteTest {
    static final String MARKET = """
            scenario: two
            mineral: cobalt
            units: {quantity: t, price: USD/kg}
            reference_price: 30
            club: [US]
            regions:
              - {id: CN, countries: [CN], supply: {type: linear, intercept: 10, slope: 2}, demand: {type: linear, intercept: 100, slope: -1}}
              - {id: US, countries: [US], supply: {type: linear, intercept: 0, slope: 0.5}, demand: {type: linear, intercept: 120, slope: -2}}
            transport: {default: 2}
            policies:
              - {type: price_floor, floor: FLOOR, label: club floor}
            """;

    @Test
    void aFloorBelowEveryMembersPriceIsSaidNotToBind() throws Exception {
        Equilibrium low = Equilibrium.solve(Scenario.parse(MARKET.replace("FLOOR", "30"), "low.yaml"));
        assertThat(low.price("US")).isCloseTo(205 / 5.5 + 2, within(1e-9));
        assertThat(low.notes()).containsExactly("club floor: the floor 30.00 is below every member's price (the lowest, US, is 39.27 "
                + "USD/kg): it does not bind — it adds no supply and raises no levy");
        Equilibrium high = Equilibrium.solve(Scenario.parse(MARKET.replace("FLOOR", "45"), "high.yaml"));
        assertThat(high.price("US")).isCloseTo(45, within(1e-9));
        assertThat(high.notes()).isEmpty();
    }

    /**
     * A floor above members' prices that levies nothing: they buy only from members, and the floor is levied only on
     * non-member imports. AU (member): S = 2p; US (member): D = 120 − 2p; CN: S = p, D = 60 − p; freight 2. AU supplies
     * the US: 116 − 2p_AU = 2p_AU, p_AU = 29, p_US = 31; CN alone, p_CN = 30, lands in the US at 32 + levy 13 = 45 > 31.
     * Member prices 29 and 31 under a floor of 45, levy 0 — and nothing said (a reader took the floor for a price).
     */
    @Test
    void aFloorAboveMembersPricesThatLeviesNothingIsSaid() throws Exception {
        Equilibrium e = Equilibrium.solve(Scenario.parse("""
                scenario: members
                mineral: cobalt
                units: {quantity: t, price: USD/kg}
                reference_price: 30
                club: [AU, US]
                regions:
                  - {id: AU, countries: [AU], supply: {type: linear, intercept: 0, slope: 2}}
                  - {id: US, countries: [US], demand: {type: linear, intercept: 120, slope: -2}}
                  - {id: CN, countries: [CN], supply: {type: linear, intercept: 0, slope: 1}, demand: {type: linear, intercept: 60, slope: -1}}
                transport: {default: 2}
                policies:
                  - {type: price_floor, floor: 45, label: club floor}
                """, "members.yaml"));
        assertThat(e.price("AU")).isCloseTo(29, within(1e-9));
        assertThat(e.price("US")).isCloseTo(31, within(1e-9));
        assertThat(e.price("CN")).isCloseTo(30, within(1e-9));
        assertThat(e.levyRevenue()).isZero();
        assertThat(e.notes()).containsExactly("club floor: the floor 45.00 is above the price of AU (29.00 USD/kg) and US (31.00 "
                + "USD/kg), which import nothing from non-members: the floor is levied only on non-member imports, not on trade "
                + "among members, so it does not hold their prices up");
    }
}
