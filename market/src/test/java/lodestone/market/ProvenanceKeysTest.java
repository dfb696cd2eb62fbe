package lodestone.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/scenario-format.md: "Any field may carry source: or note: text (curves, steps, tariffs, transport, policies)".
 * A step's note and a transport arc's source were refused as unknown fields ("steps[0].note: unknown field (expected
 * one of name, cost, capacity, source, country)", "transport.arcs[0].source: unknown field (expected one of from, to,
 * cost, both_ways, note)"); both now read, and change nothing.
 */
class ProvenanceKeysTest {
    @Test
    void everyDocumentedProvenanceKeyIsAcceptedAndChangesNothing() throws Exception {
        String bare = """
                scenario: provenance
                mineral: vanadium
                units: {quantity: t, price: USD/kg}
                reference_price: 10
                regions:
                  - id: CN
                    supply: {type: steps, steps: [{name: a, cost: 5, capacity: 100}]}
                    demand: {type: fixed, quantity: 20}
                  - {id: US, demand: {type: linear, quantity: 60, elasticity: -0.5}}
                transport:
                  arcs:
                    - {from: CN, to: US, cost: 1}
                """;
        String cited = bare.replace("capacity: 100}", "capacity: 100, source: a cost study, note: assumed, country: CN}")
                .replace("cost: 1}", "cost: 1, source: a freight quote, note: assumed}");
        lodestone.regime.Regime regime = lodestone.regime.Regime.bundled();
        Equilibrium a = Equilibrium.solve(Scenario.parse(bare, "bare.yaml", regime));
        Equilibrium b = Equilibrium.solve(Scenario.parse(cited, "cited.yaml", regime));
        assertThat(a.solved()).isTrue();
        assertThat(b.solved()).isTrue();
        // D_US = 90 − 3p: the step (100 t at 5) is not full, so p_CN = 5, p_US = 6 and the US takes 72 t
        assertThat(b.price("US")).isEqualTo(a.price("US")).isCloseTo(6, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(b.flow("CN", "US")).isEqualTo(a.flow("CN", "US")).isCloseTo(72, org.assertj.core.api.Assertions.within(1e-9));
    }
}
