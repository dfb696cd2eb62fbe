package lodestone.cli.market;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static lodestone.cli.market.MarketCommandsTest.JSON;
import static lodestone.cli.market.MarketCommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** simulate with a horizon, montecarlo, seek and sensitivity from the command line. */
class PathCommandsTest {
    /** M produces p and consumes 300 − p; X produces 700 and consumes 500 − p; under a floor F M's share is F/(300 − F). */
    private static final String SEEK = """
            scenario: seek
            mineral: [neodymium, praseodymium]
            units: {quantity: t, price: USD/kg}
            reference_price: 50
            club: [MX]
            regions:
              - {id: MX, supply: {type: linear, intercept: 0, slope: 1}, demand: {type: linear, intercept: 300, slope: -1}}
              - {id: CN, supply: {type: fixed, quantity: 700}, demand: {type: linear, intercept: 500, slope: -1}}
            transport: {default: 1}
            policies:
              - {type: price_floor, floor: 60, members: [MX]}
            horizon:
              years: 2025-2027
              demand_growth: 0
            uncertainty:
              - {param: floor, dist: uniform, min: 80, max: 120}
              - {param: demand_growth, dist: normal, mean: 0, sd: 0}
            """;

    @Test
    void simulateShowsThePathOfTheBundledNdprScenario(@TempDir Path dir) throws Exception {
        Run r = run("simulate", "ndpr-2025-2040", "--csv", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // the money columns (levy_revenue, cumulative_fiscal_cost) named with their unit, as the one-year table and the web page do
        assertThat(r.out()).startsWith("ndpr-2025-2040 — NdPr oxide, 2025–2040 (quantities in t, prices in USD/kg, money in thousand USD: "
                + "USD/kg × t)\n");
        assertThat(r.out()).startsWith("ndpr-2025-2040 — NdPr oxide, 2025–2040").contains("projects built:").contains("White-Mesa-Phase-2 (US): NPV")
                .contains("expectations: myopic (projects expect this year's price to last)");
        assertThat(r.out().lines().filter(l -> l.matches("^20[0-9]{2} .*"))).hasSize(16);
        // reported by a review: headers cut to "club_supply_s…", nothing printed as 0.0000
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches("year +price\\[CN\\] .* club_supply_share non_member_share +hhi +levy_revenue "
                + "subsidy_outlay cumulative_fiscal_cost project_capacity"));
        assertThat(r.out()).doesNotContain("…", "0.0000");
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches("2025 .* 557,247 +0 +-557,247 +0"));
        assertThat(Files.readString(dir.resolve("path.csv"))).startsWith("year,\"price[CN]\"");
        Run j = run("simulate", "gallium-2025-2035", "--json");
        JsonNode n = JSON.readTree(j.out());
        assertThat(n.get("status").asText()).isEqualTo("solved");
        assertThat(n.get("years")).hasSize(11);
        // the 13-month ban from March 2026: 10 months of 2026 and 3 of 2027 are under it
        assertThat(n.get("years").get(1).get("metrics").get("ban_months").asDouble()).isEqualTo(10);
        assertThat(n.get("years").get(2).get("metrics").get("ban_months").asDouble()).isEqualTo(3);
        // Clarksville carries the registry's 24 M USD of the shared 150 M (600 USD/kg of capacity; it was charged all 150 M,
        // 3,750, until 2026-12-07): with ramp 0.5 then 1 for 20 years from a lead time of 2 at 8 %, S = Σ a_j/1.08^(2+j) =
        // 8.66221, so P* = 180 + 600/S = 249.27 (it was 612.92) and it is bankable at 2025's 584.57, NPV (584.57 − 180)·S − 600 = 2,904
        Run t = run("simulate", "gallium-2025-2035");
        assertThat(t.out()).contains("  2025  Clarksville (US): NPV 2904 per unit of capacity ≥ 0 at the expected price 584.6 (incentive price 249.3, myopic)");
    }

    /** A year whose stock release the market would not take at price 0 shows the unsold part, kept in the holdings (text and JSON). */
    /** FiscalTableTest's market (market module): C (here US) imports from N (CN); the
     * scenario adds a floor and a subsidy in US. */
    private static final String FISCAL = lodestone.testkit.FiscalScenario.YAML;

    @Test
    void simulateFiscalPrintsEachYearsAccountsAgainstTheBaselinePath(@TempDir Path dir) throws Exception {
        // by hand (FiscalTableTest): 2026 levy 112, subsidy 54, net cost −58 against a baseline path that pays and collects
        // nothing; 2025 stock sales 600 against the baseline's 487.2
        Path f = dir.resolve("fiscal-2r.yaml");
        Files.writeString(f, FISCAL);
        Run r = run("simulate", f.toString(), "--fiscal", "--csv", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("fiscal-2r — fiscal table against its baseline fiscal-2r over the same horizon (money in USD: USD/t × t)");
        assertThat(r.out()).contains("scenario fiscal-2r\n", "baseline path fiscal-2r\n", "change (scenario − baseline)\n");
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches("2026 +112\\.00 +0 +54\\.00 +0 +0 +-58\\.00"));
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches("2025 +0 +0 +0 +487\\.20 +0 +-487\\.20"));
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).startsWith("PV at 8% "));
        List<String> csv = Files.readAllLines(dir.resolve("fiscal.csv"));
        assertThat(csv.get(0)).startsWith("\"year\",\"scenario levy_revenue\"");
        assertThat(csv.get(2)).startsWith("\"2026\",112.0").endsWith(",-58.0");
        assertThat(csv).extracting(l -> l.split(",")[0]).containsExactly("\"year\"", "\"2025\"", "\"2026\"", "\"total\"", "\"present value\"");
        JsonNode n = JSON.readTree(run("simulate", f.toString(), "--fiscal", "--json").out());
        assertThat(n.get("years").get(1).get("change").get("net_cost").asDouble()).isCloseTo(-58, within(1e-6));
        assertThat(n.get("units").get("money").asText()).isEqualTo("USD");
        Run one = run("simulate", "ndpr-floor-110", "--fiscal");
        assertThat(one.exit()).isEqualTo(2);
        assertThat(one.err()).startsWith("lodestone simulate: --fiscal: ndpr-floor-110 has no horizon: (years)");
    }

    @Test
    void simulateShowsTheUnsoldPartOfAReleaseYearByYear(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("glut.yaml");
        Files.writeString(f, """
                scenario: glut
                mineral: gallium
                units: {quantity: t, price: USD/t}
                reference_price: 40
                regions:
                  - {id: US, countries: [US], supply: {type: linear, intercept: 20, slope: 1}, demand: {type: linear, intercept: 100, slope: -1}}
                transport: {default: none}
                horizon:
                  years: 2025-2026
                  stockpiles:
                    - {name: reserve, holdings: {US: 240}, release: {rate: 10, from: 2025, to: 2025}}
                """);
        Run r = run("simulate", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches("year +price\\[US\\] +hhi .* holdings +stock_unsold +cumulative_fiscal_cost project_capacity"));
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches("2025 +0 +10,000 +0 +0 +160.00 +40.00 +0 +0"));
        JsonNode n = JSON.readTree(run("simulate", f.toString(), "--json").out());
        assertThat(n.get("years").get(0).get("metrics").get("stock_unsold").asDouble()).isCloseTo(40, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(n.get("years").get(1).get("metrics").get("stock_unsold").asDouble()).isZero();
    }

    /**
     * Production no one buys at price 0 is said by simulate, as the one-year run says it: CN produces a fixed 120 t and
     * alone under a 6-month ban uses 100 t at p = 0, so 20·6/12 = 10 t of 2027's 120 t are left (the path printed
     * production 120, consumption 100 and no exports, and nothing else).
     */
    @Test
    void simulateSaysAPathsProductionThatFindsNoBuyer(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("glut.yaml");
        Files.writeString(f, """
                scenario: glut
                mineral: gallium
                units: {quantity: t, price: USD/kg}
                reference_price: 50
                regions:
                  - {id: CN, supply: {type: fixed, quantity: 120}, demand: {type: linear, intercept: 100, slope: -1}}
                  - {id: US, supply: {type: linear, intercept: 0, slope: 1}, demand: {type: linear, intercept: 100, slope: -1}}
                transport: {default: 0}
                horizon:
                  years: 2027-2028
                  bans:
                    - {region: CN, start: 2027-07, months: 6}
                """);
        String w = "2027: CN: 10.00 t of its production found no buyer at price 0 (in 6 months of the year; counted in its "
                + "production, not in its consumption or exports)";
        Run r = run("simulate", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines()).contains("warning: " + w);
        JsonNode n = JSON.readTree(run("simulate", f.toString(), "--json").out());
        assertThat(n.get("warnings").get(0).asText()).isEqualTo(w);
        assertThat(n.get("years").get(0).get("warnings").get(0).asText()).isEqualTo(w);
        assertThat(n.get("years").get(1).has("warnings")).isFalse();
    }

    /**
     * A path's, a Monte Carlo's and a sensitivity's JSON say their units as the API's answers do (POST /api/scenario-paths,
     * path jobs): "--json: the shape the API answers with", but the command line left `units` out.
     */
    @Test
    void pathMonteCarloAndSensitivityJsonCarryTheUnitsAsTheApiDoes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("seek.yaml");
        Files.writeString(f, SEEK);
        String units = "{\"price\":\"USD/kg\",\"quantity\":\"t\",\"money\":\"thousand USD\"}";
        for (String[] args : List.of(new String[]{"simulate", f.toString(), "--json"},
                new String[]{"montecarlo", f.toString(), "--draws", "4", "--json"},
                new String[]{"sensitivity", f.toString(), "--metric", "price[MX]", "--json"})) {
            Run r = run(args);
            assertThat(r.exit()).as(args[0] + " " + r.err()).isZero();
            assertThat(JSON.readTree(r.out()).get("units")).as(args[0]).isEqualTo(JSON.readTree(units));
        }
    }

    /** Each metric's table names its unit: money (price × quantity), price or quantity; a share or a count has none. */
    @Test
    void montecarloNamesEachMetricsUnit(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mc.yaml");
        Files.writeString(f, SEEK);
        Run r = run("montecarlo", f.toString(), "--draws", "4", "--seed", "1", "--metric", "cumulative_fiscal_cost", "--metric", "price[MX]",
                "--metric", "production[MX]", "--metric", "club_supply_share");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\ncumulative_fiscal_cost (thousand USD)\nyear ", "\nprice[MX] (USD/kg)\nyear ", "\nproduction[MX] (t)\nyear ",
                "\nclub_supply_share\nyear ");
    }

    /** A normal distribution's draws outside the parameter's values are left out and said (text and JSON); a uniform one reaching outside is refused. */
    @Test
    void montecarloSaysTheDrawsItLeavesOutAndRefusesABoundedDistributionOutsideItsParameter(@TempDir Path dir) throws Exception {
        Path tail = dir.resolve("tail.yaml");
        Files.writeString(tail, SEEK.replace("{param: demand_growth, dist: normal, mean: 0, sd: 0}",
                "{param: demand_growth, dist: normal, mean: 0.9, sd: 0.1}"));
        Run r = run("montecarlo", tail.toString(), "--draws", "50", "--seed", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^warning: demand_growth: [0-9]+ of 50 draws \\([0-9.]+ %\\) fell outside its values "
                + "\\(\\[-0\\.5, 1\\]: a yearly growth rate, as horizon\\.demand_growth allows\\) and were left out;");
        JsonNode j = JSON.readTree(run("montecarlo", tail.toString(), "--draws", "50", "--seed", "3", "--json").out());
        assertThat(j.get("out_of_range").asInt()).isPositive();
        assertThat(j.get("warnings").get(0).asText()).startsWith("demand_growth: " + j.get("out_of_range").asInt() + " of 50 draws");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, SEEK.replace("{param: floor, dist: uniform, min: 80, max: 120}", "{param: floor, dist: uniform, min: -20, max: 120}"));
        Run refused = run("montecarlo", bad.toString(), "--draws", "50");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo(bad + ":16: uncertainty[0].min: floor cannot be below 0 (a price floor is a price, it cannot "
                + "be negative), found min = -20; every value the distribution can draw must be one the parameter can take\n1 problem; nothing was run.\n");
    }

    private record Run(int exit, String out, String err) { }

    private static Path repo() {
        String r = System.getProperty("lodestone.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    private static Run run(String... args) {
        MarketCommandsTest.Run r = MarketCommandsTest.run(args);
        return new Run(r.exit(), r.out(), r.err());
    }

    @Test
    void seekFindsTheFloorAndSaysWhenItCannot(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("seek.yaml");
        Files.writeString(f, SEEK);
        Run r = run("seek", f.toString(), "--param", "floor", "--target", "club_supply_share(2027) >= 0.5", "--range", "40:200", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("value").asDouble()).isCloseTo(100, within(2e-4));
        Run no = run("seek", f.toString(), "--param", "floor", "--target", "club_supply_share(2027) >= 0.9", "--range", "40:120");
        assertThat(no.exit()).isEqualTo(1);
        assertThat(no.out()).startsWith("unreachable within [40, 120]: the best value is floor = 120");
        Run bad = run("seek", f.toString(), "--param", "flor", "--target", "club_supply_share(2040) >= 0.5");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--param: unknown parameter 'flor' (this scenario's parameters: floor, demand_growth[.REGION]");
        Run year = run("seek", f.toString(), "--param", "floor", "--target", "club_supply_share(2040) >= 0.5");
        assertThat(year.exit()).isEqualTo(2);
        assertThat(year.err()).contains("target: year 2040 is outside the horizon 2025-2027");
        Run metric = run("seek", f.toString(), "--param", "floor", "--target", "club_share(2026) >= 0.5");
        assertThat(metric.err()).contains("target: unknown metric 'club_share' (metrics: price[MX], ");
    }

    /** Reported by a review: seek searched a negative price floor without a word (--range -50:300). */
    @Test
    void seekRefusesARangeTheParameterCannotTake(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("seek.yaml");
        Files.writeString(f, SEEK);
        Run neg = run("seek", f.toString(), "--param", "floor", "--target", "club_supply_share(2027) >= 0.5", "--range", "-50:300");
        assertThat(neg.exit()).isEqualTo(2);
        assertThat(neg.out()).isEmpty();
        assertThat(neg.err()).isEqualTo("--range -50:300: floor cannot be below 0 (a price floor is a price, it cannot be negative), found A = -50\n"
                + "1 problem; nothing was run.\n");
        Run growth = run("seek", f.toString(), "--param", "demand_growth", "--target", "club_supply_share(2027) >= 0.5", "--range", "-0.9:0.5");
        assertThat(growth.exit()).isEqualTo(2);
        assertThat(growth.err()).startsWith("--range -0.9:0.5: demand_growth cannot be below -0.5 (a yearly growth rate, as horizon.demand_growth "
                + "allows), found A = -0.9\n");
        Run inf = run("seek", f.toString(), "--param", "floor", "--target", "club_supply_share(2027) >= 0.5", "--range", "40:Infinity");
        assertThat(inf.exit()).isEqualTo(2);
        assertThat(inf.err()).startsWith("--range: expected A:B with A < B, e.g. 80:300, found '40:Infinity'");
        // zero is a floor (no floor at all), so 0:200 is searched
        Run zero = run("seek", f.toString(), "--param", "floor", "--target", "club_supply_share(2027) >= 0.5", "--range", "0:200", "--json");
        assertThat(zero.exit()).as(zero.err()).isZero();
        assertThat(JSON.readTree(zero.out()).get("value").asDouble()).isCloseTo(100, within(2e-4));
    }

    /** Reported by a review: a mistyped capacity of one project also made the uncertainty naming it an "unknown parameter". */
    @Test
    void aMistypedProjectValueIsOneErrorNotAnUnknownParameterToo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ndpr-bad.yaml");
        Files.writeString(f, Files.readString(repo().resolve("data/market/ndpr-2025-2040.yaml"))
                .replace("capacity: 4440, unit_cost: 24.76", "capacity: 44x0, unit_cost: 24.76"));
        Run r = run("seek", f.toString(), "--param", "project.Nolans.capex", "--target", "club_supply_share(2030) >= 0.5", "--range", "0.5:2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(f + ":61: horizon.projects[1].capacity: expected a number, found '44x0'\n1 problem; nothing was run.\n");
    }

    @Test
    void monteCarloAndSensitivity(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mc.yaml");
        Files.writeString(f, SEEK);
        Run r = run("montecarlo", f.toString(), "--draws", "40", "--seed", "9", "--metric", "club_supply_share",
                "--event", "club_supply_share(2026) >= 0.5", "--json", "--csv", dir.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("failures").asInt()).isZero();
        // floor ~ U(80, 120): P(F/(300 − F) ≥ 0.5) = P(F ≥ 100) = 1/2; 40 draws
        assertThat(j.get("events").get("club_supply_share(2026) >= 0.5").asDouble()).isBetween(0.2, 0.8);
        assertThat(Files.readString(dir.resolve("out/fan.csv"))).startsWith("metric,year,n,mean,sd,se,p5,p25,p50,p75,p95");
        Run again = run("montecarlo", f.toString(), "--draws", "40", "--seed", "9", "--metric", "club_supply_share", "--json", "--threads", "1");
        assertThat(JSON.readTree(again.out()).get("metrics")).isEqualTo(j.get("metrics"));
        Run t = run("sensitivity", f.toString(), "--metric", "club_supply_share", "--year", "2026");
        assertThat(t.exit()).as(t.err()).isZero();
        assertThat(t.out()).contains("floor").contains("82.00");
        Run none = run("montecarlo", "ndpr", "--draws", "10");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("ndpr-baseline: no horizon: (Monte Carlo runs the years of a path)");
    }

    /**
     * Statistical review: an event's probability is said with the count it rests on and its sampling error. It was
     * "P(club_supply_share(2026) >= 0.5) = 0.5000" from 40 draws — four decimals of a figure known to ±0.079 — and events.csv
     * gave the probability alone. The floor is uniform on [80, 120], so the truth is 1/2, inside the interval.
     */
    @Test
    void anEventsProbabilityIsSaidWithItsCountAndSamplingError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mc.yaml");
        Files.writeString(f, SEEK);
        Run r = run("montecarlo", f.toString(), "--draws", "40", "--seed", "9", "--metric", "club_supply_share",
                "--event", "club_supply_share(2026) >= 0.5", "--csv", dir.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).endsWith("\nP(club_supply_share(2026) >= 0.5) = 0.500 ± 0.079 (20 of 40 draws; 95 % interval 0.352 to 0.648)\n");
        assertThat(Files.readString(dir.resolve("out/events.csv"))).startsWith("event,probability,se,met,draws,low95,high95\n"
                + "\"club_supply_share(2026) >= 0.5\",0.5,0.07905694150420949,20,40,0.35199526933465386,0.6480047306653461\n");
        Run j = run("montecarlo", f.toString(), "--draws", "40", "--seed", "9", "--metric", "club_supply_share",
                "--event", "club_supply_share(2026) >= 0.5", "--json");
        JsonNode e = JSON.readTree(j.out()).get("event_estimates").get("club_supply_share(2026) >= 0.5");
        assertThat(e.get("met").asLong()).isEqualTo(20);
        assertThat(e.get("draws").asLong()).isEqualTo(40);
        assertThat(e.get("se").asDouble()).isEqualTo(Math.sqrt(0.5 * 0.5 / 40));
        assertThat(e.get("low95").asDouble()).isLessThan(0.5);
        assertThat(e.get("high95").asDouble()).isGreaterThan(0.5);
    }

    /**
     * The germanium path year by year: the cut stops all Chinese exports in every month of 2027 and 2028, none of 2029. In
     * 2027 demand has grown 3 % a year twice (× 1.0609) and no project produces yet, so the US price solves, by hand,
     * 43·x^0.3 + 34·((p − 10)/4090)^0.3 = 117·1.0609·x^−0.2 with x = p/4100 (the rest of the world without China, as in
     * BundledScenariosTest): 10,650.01 USD/kg. Nyrstar's Clarksville germanium circuit is decided in 2026 (NPV ≥ 0 at 4,349; earliest 2026).
     */
    @Test
    void theGermaniumPathCutsChinaForTwoYearsAndPricesTheFirstByHand() throws Exception {
        Run j = run("simulate", "germanium-2025-2035", "--json");
        assertThat(j.exit()).as(j.err()).isZero();
        JsonNode years = JSON.readTree(j.out()).get("years");
        assertThat(years).hasSize(11);
        assertThat(years.get(2).at("/metrics/ban_months").asDouble()).isEqualTo(12);
        assertThat(years.get(3).at("/metrics/ban_months").asDouble()).isEqualTo(12);
        assertThat(years.get(4).at("/metrics/ban_months").asDouble()).isEqualTo(0);
        double lo = 4100, hi = 30000;
        for (int i = 0; i < 200; i++) {
            double p = (lo + hi) / 2;
            double excess = 43 * Math.pow(p / 4100, 0.3) + 34 * Math.pow((p - 10) / 4090, 0.3) - 117 * 1.0609 * Math.pow(p / 4100, -0.2);
            if (excess > 0) hi = p; else lo = p;
        }
        assertThat(lo).isCloseTo(10650.013, within(1e-3));
        assertThat(years.get(2).at("/metrics/price[US]").asDouble()).isCloseTo(lo, within(1e-6 * lo));
        Run t = run("simulate", "germanium-2025-2035");
        // capex 4,200 USD/kg of capacity (the registry's 126 M of the shared 150 M over 30 t; 5,000 until 2026-12-07): P* = 1,500 +
        // 4,200/8.66221 = 1,984.86, NPV (4,349 − 1,500)·8.66221 − 4,200 = 2.048e4
        assertThat(t.out()).contains("  2026  Clarksville-Ge (US): NPV 2.048e+04 per unit of capacity ≥ 0 at the expected price 4349 (incentive price 1985, myopic)");
    }
}
