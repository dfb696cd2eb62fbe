package lodestone.market;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * How the entries of {@code tariffs:} make an arc's duty. Hand figures: S_CN = 10p (no demand in CN), D_US = 200 − 10p,
 * no freight; with an ad valorem duty τ and a specific duty t on CN → US, p_US = (1 + τ)·p_CN + t and
 * 10·p_CN = 200 − 10·p_US.
 */
class TariffEntriesTest {
    static final lodestone.regime.Regime REGIME = lodestone.regime.Regime.bundled();
    static final String MARKET = """
            scenario: two-lines
            mineral: vanadium
            units: {quantity: t, price: USD/kg}
            reference_price: 10
            regions:
              - {id: CN, supply: {type: linear, intercept: 0, slope: 10}}
              - {id: US, demand: {type: linear, intercept: 200, slope: -10}}
              - {id: JP, demand: {type: linear, intercept: 50, slope: -5}}
            transport: {default: 0}
            """;

    /**
     * A duty or an arc from a region to itself does nothing and was skipped without a word (a typo for another region
     * changed nothing); lists that also pair different regions still skip their own pairs.
     */
    @Test
    void aDutyOrAnArcFromARegionToItselfIsRefused() {
        String self = MARKET.replace("transport: {default: 0}", "transport: {default: 0, arcs: [{from: JP, to: JP, cost: 3}]}") + """
                tariffs:
                  - {from: US, to: US, ad_valorem: 0.1}
                  - {from: [CN, US], to: [CN, US], ad_valorem: 0.2}
                """;
        assertThatThrownBy(() -> Scenario.parse(self, "self.yaml", REGIME))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactly(
                        "self.yaml:9: transport.arcs[0].to: an arc runs between two regions; JP to itself does nothing",
                        "self.yaml:11: tariffs[0].to: a duty runs between two regions; US to itself does nothing"));
    }

    /**
     * Two entries on one arc (MFN and Section 301 written as they are cited, one line each) were read as the last
     * one alone: {0.1, then 0.5} charged 50 % (p_CN = 8, p_US = 12 instead of 7.6923 and 12.3077 for 60 %), and
     * {0.1, then specific 2} dropped the 10 % entirely (p_US = p_CN + 2). The reader cannot know whether the second
     * adds to the first or replaces it, so it refuses it and says how to write the arc's duty.
     */
    @Test
    void aSecondEntryOnAnArcAlreadyGivenIsRefusedNotReadAsTheLastOneAlone() {
        String two = MARKET + """
                tariffs:
                  - {from: CN, to: US, ad_valorem: 0.1, source: MFN}
                  - {from: CN, to: US, ad_valorem: 0.5, source: Section 301}
                """;
        assertThatThrownBy(() -> Scenario.parse(two, "two.yaml", REGIME))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactly(
                        "two.yaml:12: tariffs[1]: a second duty on CN → US, which tariffs[0] already charges; give each arc's"
                                + " duty in one entry (duties that stack add up: ad_valorem 0.055 and 0.25 are ad_valorem: 0.305,"
                                + " with the specific duties summed in specific:)"));
        // from: left out means every other region: it overlaps an entry naming one of them
        String all = MARKET + """
                tariffs:
                  - {to: [US, JP], ad_valorem: 0.055}
                  - {from: CN, to: US, specific: 2}
                """;
        assertThatThrownBy(() -> Scenario.parse(all, "all.yaml", REGIME))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactly(
                        "all.yaml:12: tariffs[1]: a second duty on CN → US, which tariffs[0] already charges; give each arc's"
                                + " duty in one entry (duties that stack add up: ad_valorem 0.055 and 0.25 are ad_valorem: 0.305,"
                                + " with the specific duties summed in specific:)"));
    }

    @Test
    void oneEntryWithBothPartsChargesBoth() throws Exception {
        Equilibrium e = Equilibrium.solve(Scenario.parse(MARKET + """
                tariffs:
                  - {from: CN, to: US, ad_valorem: 0.1, specific: 2}
                """, "one.yaml", REGIME));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        // 10p = 200 − 10(1.1p + 2) + 50 − 5p  →  p = 230 / 26
        double p = 230.0 / 26;
        assertThat(e.price("CN")).isCloseTo(p, within(1e-9));
        assertThat(e.price("US")).isCloseTo(1.1 * p + 2, within(1e-9));
        assertThat(e.price("JP")).isCloseTo(p, within(1e-9));
        assertThat(e.tariffRevenue()).isCloseTo((0.1 * p + 2) * e.flow("CN", "US"), within(1e-9));
    }

    /** A scenario on a baseline: its entry on an arc is the arc's whole duty, both parts, in place of the baseline's. */
    @Test
    void aScenarioOnABaselineReplacesTheBaselinesDutyOnTheArcsItNames(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), MARKET.replace("scenario: two-lines", "scenario: base") + """
                tariffs:
                  - {from: CN, to: [US, JP], ad_valorem: 0.1}
                """);
        Path s = dir.resolve("duty.yaml");
        Files.writeString(s, """
                scenario: duty
                baseline: base
                tariffs:
                  - {from: CN, to: US, specific: 2}
                """);
        Equilibrium e = Equilibrium.solve(Scenario.load(s, REGIME));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        // CN → US: specific 2 only (the baseline's 10 % replaced); CN → JP keeps 10 %:
        // 10p = 200 − 10(p + 2) + 50 − 5(1.1p)  →  p = 230 / 25.5
        double p = 230.0 / 25.5;
        assertThat(e.price("US")).isCloseTo(p + 2, within(1e-9));
        assertThat(e.price("JP")).isCloseTo(1.1 * p, within(1e-9));
    }

    /**
     * A rate written in percent (15.5 for MFN 5.5 % + 10 %) was read as a fraction, a duty of 1,550 % (the reader took up
     * to 100, a tariff path any number): the US bought from Russia at its 40 % instead, 26.00 USD/kg instead of 21.75
     * in examples/market/vanadium.yaml, without a word. Above 5 (500 %) an ad valorem rate is refused, saying what it
     * would be.
     */
    @Test
    void aRateInPercentIsRefusedSayingWhatItWouldBe() {
        String bad = MARKET + """
                tariffs:
                  - {from: CN, to: US, ad_valorem: 15.5}
                policies:
                  - {type: export_tax, region: CN, ad_valorem: 25}
                horizon:
                  years: 2025-2026
                  paths:
                    - {tariff: {from: CN, to: JP}, field: ad_valorem, values: {2026: 60.5}}
                """;
        String tail = "; ad_valorem is a fraction (0.155 = 15.5 %) of at most 5 (500 %); a prohibitive rate is no trade:"
                + " an arc with cost: none, or an export_ban";
        assertThatThrownBy(() -> Scenario.parse(bad, "pct.yaml", REGIME))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).containsExactly(
                        "pct.yaml:11: tariffs[0].ad_valorem: 15.5 would be 1,550 % of the CIF value" + tail,
                        "pct.yaml:13: policies[0].ad_valorem: 25 would be 2,500 % of the export price" + tail,
                        "pct.yaml:17: horizon.paths[0].values.2026: 60.5 would be 6,050 % of the CIF value" + tail));
    }

    @Test
    void aRateOfOneHundredAndFortyFivePercentIsARate() throws Exception {
        Equilibrium e = Equilibrium.solve(Scenario.parse(MARKET + """
                tariffs:
                  - {from: CN, to: US, ad_valorem: 1.45}
                """, "high.yaml", REGIME));
        assertThat(e.solved()).as(e.diagnosis()).isTrue();
        // 10p = 200 − 10·2.45p + 50 − 5p  →  p = 250 / 39.5
        double p = 250 / 39.5;
        assertThat(e.price("US")).isCloseTo(2.45 * p, within(1e-9));
    }
}
