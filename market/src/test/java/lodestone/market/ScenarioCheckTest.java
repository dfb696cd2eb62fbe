package lodestone.market;

import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A scenario is checked against the regime: its minerals, region ids, countries and club are the regime's. */
class ScenarioCheckTest {
    static final Regime REGIME = Regime.bundled();

    private static List<String> problems(String yaml, String file) {
        try {
            Scenario.parse(yaml, file, REGIME);
        } catch (ScenarioException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems");
    }

    static final String GROUPS = "EU27, CAFTA-DR, USMCA, G7, MSP, CMM-2026, US-CM-FRAMEWORKS-2026, US-ART-SIGNED";
    static final String MINERALS = "expected one of the regime's 60 critical minerals (e.g. cobalt, gallium, lithium, neodymium) "
            + "or a value chain (rare-earths, lithium, cobalt, nickel, graphite, gallium, germanium, antimony, tungsten, copper, "
            + "manganese, molybdenum)";
    static final String REGION = "; a region id is a country code of the regime (ISO 3166 alpha-2), a country group of the regime ("
            + GROUPS + "), or the region says aggregate: true and lists its countries";
    static final String COUNTRY = "; expected a country code of the regime (ISO 3166 alpha-2), a country group of the regime ("
            + GROUPS + ") or a name under groups:";

    @Test
    void everyRegimeProblemOfAFileIsNamedAtOnce() {
        assertThat(problems("""
                scenario: bad-regime
                mineral: cobalts
                units: {quantity: t, price: USD/kg}
                reference_price: 10
                club: [US, XX]
                regions:
                  - {id: US, demand: {type: fixed, quantity: 5}}
                  - {id: Eu27, supply: {type: fixed, quantity: 9}}
                  - {id: UX, countries: [GB]}
                  - {id: LY, aggregate: true, countries: [MY, AUS, Narnia]}
                  - {id: CA, countries: [MX]}
                  - {id: ROW, aggregate: true}
                """, "bad-regime.yaml")).containsExactly(
                "bad-regime.yaml:2: mineral: unknown mineral 'cobalts' (did you mean 'cobalt'?); " + MINERALS,
                "bad-regime.yaml:8: regions[1].id: unknown region 'Eu27' (did you mean 'EU27'?)" + REGION,
                "bad-regime.yaml:9: regions[2].id: unknown region 'UX'" + REGION,
                "bad-regime.yaml:10: regions[3].countries[1]: unknown country or group 'AUS' (did you mean 'AU'?)" + COUNTRY,
                "bad-regime.yaml:10: regions[3].countries[2]: unknown country or group 'Narnia'" + COUNTRY,
                "bad-regime.yaml:11: regions[4].countries: region 'CA' is the regime's country CA, so its countries must include CA"
                        + " (or say aggregate: true)",
                "bad-regime.yaml:12: regions[5].countries: missing (expected a list of country codes or country groups of the regime)",
                "bad-regime.yaml:5: club: unknown region 'XX' (regions: US, Eu27, UX, LY, CA, ROW)");
    }

    @Test
    void aReferenceToTheRegionARefusedIdWasMeantToBeSaysSo() {
        // reported: a region typed 'UX' for US made each tariff into US a problem of its own, their cause not named in them
        assertThat(problems("""
                scenario: typo
                mineral: cobalt
                units: {quantity: t, price: USD/kg}
                reference_price: 10
                regions:
                  - {id: CN, supply: {type: fixed, quantity: 9}}
                  - {id: UX, demand: {type: fixed, quantity: 5}}
                  - {id: eu27, demand: {type: fixed, quantity: 5}}
                tariffs:
                  - {from: CN, to: US, ad_valorem: 0.25}
                  - {from: CN, to: EU27, ad_valorem: 0.1}
                  - {from: CN, to: JP, ad_valorem: 0.1}
                """, "typo.yaml")).containsExactly(
                "typo.yaml:7: regions[1].id: unknown region 'UX'" + REGION,
                "typo.yaml:8: regions[2].id: unknown region 'eu27' (did you mean 'EU27'?)" + REGION,
                "typo.yaml:10: tariffs[0].to: unknown region 'US' (regions: CN, UX, eu27); regions[1].id 'UX' is refused above: if it "
                        + "is meant to be US, fix it there and this goes too",
                "typo.yaml:11: tariffs[1].to: unknown region 'EU27' (regions: CN, UX, eu27); regions[2].id 'eu27' is refused above: if it "
                        + "is meant to be EU27, fix it there and this goes too",
                // a country that no region's id comes near: no hint
                "typo.yaml:12: tariffs[2].to: unknown region 'JP' (regions: CN, UX, eu27)");
    }

    @Test
    void regionIdsThatAreCountriesOrGroupsTakeTheirCountriesFromTheRegime() throws Exception {
        Scenario s = Scenario.parse("""
                scenario: ok
                mineral: gallium
                units: {quantity: t, price: USD/kg}
                reference_price: 10
                regions:
                  - {id: US, demand: {type: fixed, quantity: 5}}
                  - {id: EU27, supply: {type: fixed, quantity: 9}}
                  - {id: NA, name: North America less the US, aggregate: true, countries: [CA, MX]}
                """, "ok.yaml", REGIME);
        assertThat(s.regions.get(0).countries()).containsExactly("US");
        assertThat(s.regions.get(1).countries()).hasSize(27).contains("DE", "FR");
        assertThat(s.regions.get(2).countries()).containsExactly("CA", "MX");
    }

    @Test
    void aGroupRegionTakesTheGroupsMembersOnTheReferenceYear() throws Exception {
        String y = """
                scenario: dated
                mineral: gallium
                units: {quantity: t, price: USD/kg}
                reference_year: YEAR
                reference_price: 10
                regions:
                  - {id: US, demand: {type: fixed, quantity: 5}}
                  - {id: EU27, supply: {type: fixed, quantity: 9}}
                """;
        assertThat(Scenario.parse(y.replace("YEAR", "2025"), "dated.yaml", REGIME).regions.get(1).countries()).hasSize(27)
                .doesNotContain("GB");
        // memberships are dated: the United Kingdom is in the group until 2020-01-31
        assertThat(Scenario.parse(y.replace("YEAR", "2019"), "dated.yaml", REGIME).regions.get(1).countries()).hasSize(28)
                .contains("GB");
        assertThat(problems(y.replace("YEAR", "1950"), "dated.yaml")).containsExactly(
                "dated.yaml:8: regions[1].id: the regime's group EU27 has no members on 1950-07-01 (1 July of reference_year)");
    }

    /**
     * A market file without reference_year takes a regime group's members on today's date. That date was the machine's
     * (LocalDate.now()): at 23:30 in Los Angeles a run said nothing of it and used a day UTC had already left, where the
     * server's every other default is today in UTC (docs/api.md, "Dates"). It is now today in UTC, and the answer says
     * the date it used, so the run can be repeated later (with reference_year) or recognised as dated.
     */
    @Test
    void aGroupRegionWithoutReferenceYearIsTakenOnTodayInUtcAndTheAnswerSaysSo() throws Exception {
        java.util.TimeZone before = java.util.TimeZone.getDefault();
        java.time.LocalDate utc = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        // a zone whose date is not UTC's now: UTC+14 from 10:00 UTC, UTC-11 before 11:00 UTC
        String zone = java.time.LocalDate.now(java.time.ZoneId.of("Pacific/Kiritimati")).equals(utc) ? "Pacific/Pago_Pago" : "Pacific/Kiritimati";
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
            assertThat(java.time.LocalDate.now()).isNotEqualTo(utc);
            Scenario s = Scenario.parse("""
                    scenario: undated
                    mineral: gallium
                    units: {quantity: t, price: USD/kg}
                    reference_price: 10
                    regions:
                      - {id: US, demand: {type: fixed, quantity: 5}}
                      - {id: EU27, supply: {type: fixed, quantity: 9}}
                    """, "undated.yaml", REGIME);
            String note = "regions: the regime's groups (EU27) are taken with their members on " + utc + ", today in UTC, as the file "
                    + "has no reference_year: another day may give other members; give reference_year to fix the date";
            assertThat(s.notes()).containsExactly(note);
            assertThat(Equilibrium.solve(s).notes()).containsExactly(note);
            // a path says it in its first year, and so do Monte Carlo and the tornado, of the whole run
            Scenario path = Scenario.parse("""
                    scenario: undated-path
                    mineral: gallium
                    units: {quantity: t, price: USD/kg}
                    reference_price: 10
                    regions:
                      - {id: US, demand: {type: linear, intercept: 200, slope: -2}}
                      - {id: EU27, supply: {type: linear, intercept: 20, slope: 2}}
                    horizon:
                      years: 2025-2026
                      demand_growth: 0.03
                    uncertainty:
                      - {param: demand_growth, dist: uniform, min: 0.01, max: 0.05}
                    """, "undated-path.yaml", REGIME);
            PathResult p = MarketPath.run(path);
            assertThat(p.years().get(0).warnings()).containsExactly(note);
            assertThat(p.years().get(1).warnings()).isEmpty();
            assertThat(p.warnings()).containsExactly(note);
            assertThat(MonteCarlo.run(path, 4, 1, null, List.of(), 1, MarketPath.Warm.COLD, null).warnings()).containsExactly(note,
                    MonteCarlo.fewDraws(4).get(0));
            assertThat(Sensitivity.run(path, "price[US]", 2026).warnings()).containsExactly(note);
            assertThat(TargetSeek.seek(path, "demand_growth", Target.parse("price[US](2026) >= 1"), 0, 0.1, null).warnings())
                    .containsExactly(note);
        } finally {
            java.util.TimeZone.setDefault(before);
        }
        // with reference_year, or with no regime group, nothing depends on the day and nothing is said
        assertThat(Scenario.parse("""
                scenario: dated
                mineral: gallium
                units: {quantity: t, price: USD/kg}
                reference_year: 2025
                reference_price: 10
                regions:
                  - {id: US, demand: {type: fixed, quantity: 5}}
                  - {id: EU27, supply: {type: fixed, quantity: 9}}
                """, "dated.yaml", REGIME).notes()).isEmpty();
        assertThat(Scenario.parse("""
                scenario: countries
                mineral: gallium
                units: {quantity: t, price: USD/kg}
                reference_price: 10
                regions:
                  - {id: US, demand: {type: fixed, quantity: 5}}
                  - {id: CN, supply: {type: fixed, quantity: 9}}
                """, "countries.yaml", REGIME).notes()).isEmpty();
    }

    @Test
    void aMineralMayBeAListAndProductIsForDisplay() throws Exception {
        Scenario s = Scenario.bundled("ndpr", REGIME);
        assertThat(s.minerals()).containsExactly("neodymium", "praseodymium");
        assertThat(s.product()).isEqualTo("NdPr oxide");
        assertThat(Scenario.bundled("cobalt", REGIME).product()).isEqualTo("cobalt");
        assertThat(problems("scenario: x\nmineral: [neodymium, NdPr oxide]\nunits: {quantity: t, price: USD/kg}\n"
                + "reference_price: 1\nregions:\n  - {id: CN, supply: {type: fixed, quantity: 1}}\n", "m.yaml")).containsExactly(
                "m.yaml:2: mineral[1]: unknown mineral 'NdPr oxide'; " + MINERALS + "; a product's name goes under product:");
    }

    @Test
    void aScenarioOnABaselineHasItsClubAndPoliciesChecked() {
        assertThat(problems("""
                scenario: floor
                baseline: ndpr
                club: [US, JP, EU, MX]
                policies:
                  - {type: price_floor, floor: 110}
                """, "floor.yaml")).containsExactly(
                "floor.yaml:3: club: unknown region 'EU' (regions: CN, LY, US, JP, EU27, MX, ROW)");
    }

    @Test
    void bundledNamesListEveryBundledFileWithItsDescription() throws IOException, ScenarioException {
        List<Scenario.BundledScenario> names = Scenario.bundledNames();
        try (Stream<Path> files = Files.list(MarketCases.repo().resolve("data/market"))) {
            assertThat(names.stream().map(Scenario.BundledScenario::name))
                    .containsExactlyInAnyOrderElementsOf(files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - 5)).toList());
        }
        assertThat(names.get(0)).isEqualTo(new Scenario.BundledScenario("ndpr", "NdPr oxide market 2025 (USGS MCS26), no policies", "", false));
        assertThat(names.get(1).baseline()).isEqualTo("ndpr");
        // the listing's "has a path" is what reading the scenario gives (it was a search of the text for "\nhorizon:")
        for (Scenario.BundledScenario b : names)
            assertThat(b.horizon()).as(b.name()).isEqualTo(Scenario.bundled(b.name(), REGIME).hasHorizon());
        assertThat(names.stream().filter(Scenario.BundledScenario::horizon).map(Scenario.BundledScenario::name))
                .containsExactly("ndpr-2025-2040", "gallium-2025-2035", "germanium-2025-2035");
        assertThatThrownBy(() -> Scenario.bundled("unobtainium", REGIME)).isInstanceOf(ScenarioException.class)
                .hasMessage("unobtainium: no bundled scenario of that name (bundled: ndpr, ndpr-floor-110, ndpr-subsidy-110, "
                        + "lithium, cobalt, graphite, gallium, gallium-ban, gallium-ban-stockpile, ndpr-2025-2040, gallium-2025-2035, "
                        + "antimony, tungsten, nickel, copper, manganese, germanium, germanium-ban-us, germanium-ban, germanium-2025-2035)");
    }
}
