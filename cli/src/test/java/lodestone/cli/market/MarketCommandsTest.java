package lodestone.cli.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lodestone.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** simulate and solve-lcp from the command line. */
class MarketCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void solveLcpPrintsTheCertifiedSolution(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("lcp.json");
        // PATH4_LCP (shared/testcases/market.json): z = (14/5, 0, 4/5, 6/5)
        Files.writeString(f, "{\"M\": [[0,0,-1,-1],[0,0,1,-2],[1,-1,2,-2],[1,2,-2,4]], \"q\": [2,2,-2,-6]}");
        Run r = run("solve-lcp", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("solved");
        assertThat(j.get("z").get(0).asDouble()).isCloseTo(2.8, within(1e-12));
        assertThat(j.get("z").get(1).asDouble()).isCloseTo(0, within(1e-12));
        assertThat(j.get("z").get(2).asDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(j.get("z").get(3).asDouble()).isCloseTo(1.2, within(1e-12));
        assertThat(j.get("residual").asDouble()).isLessThanOrEqualTo(1e-9);
        assertThat(j.get("pivots").asInt()).isPositive();
        assertThat(j.get("w").size()).isEqualTo(4);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"antimony, 55.144", "tungsten, 50.5345", "nickel, 15000", "copper, 9700", "manganese, 450", "germanium, 4100"})
    void theExactlyCalibratedBaselinesRunByNameAndLandOnTheirUsCalibrationPrice(String name, double usPrice) throws Exception {
        Run r = run("simulate", name, "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("solved");
        assertThat(j.get("scenario").asText()).isEqualTo(name + "-baseline");
        assertThat(j.get("minerals").get(0).asText()).isEqualTo(name);
        JsonNode us = null;
        for (JsonNode region : j.get("regions")) if (region.get("id").asText().equals("US")) us = region;
        assertThat(us).as("US region of " + name).isNotNull();
        assertThat(us.at("/price/baseline").asDouble()).isCloseTo(usPrice, within(1e-8 * usPrice));
        assertThat(run("simulate", "--help").out()).contains(name);
    }

    @Test
    void simulateSaysTheStockReleasedAndTheTotalWelfareChange() throws Exception {
        // reported: the US showed 0 produced, 13 used and 27 "imported" below zero with the 40 t release nowhere, and no total
        Run r = run("simulate", "gallium-ban-stockpile");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("stockpiles (scenario, t): JP releases 30.00, US releases 40.00 — a region's production + release "
                + "− consumption = its net exports");
        JsonNode j = JSON.readTree(run("simulate", "gallium-ban-stockpile", "--json").out());
        for (JsonNode g : j.get("regions")) {
            double released = g.at("/stock_release/scenario").asDouble();
            double balance = g.at("/production/scenario").asDouble() + g.at("/recycled/scenario").asDouble() + released
                    - g.at("/consumption/scenario").asDouble() + g.at("/net_imports/scenario").asDouble();
            assertThat(balance).as(g.get("id").asText()).isCloseTo(0, within(1e-6));
        }
        // the page's figure, the same sum: the floor scenario's −51,219 thousand USD (checked by hand in the review); no
        // stockpile in either market, so nothing of one is said
        String floor = run("simulate", "ndpr-floor-110").out();
        assertThat(floor).contains("total welfare change -51,219 = consumer ").doesNotContain("stockpile");
        assertThat(JSON.readTree(run("simulate", "ndpr-floor-110", "--json").out()).get("totals").has("stock_sales")).isFalse();
    }

    /**
     * The US and Japan sell 70 t from their stockpiles at their prices: the agency's sales are in the totals, the
     * welfare change counts them (before, the consumers' gain from the 70 t was counted and the 70 t's revenue was not).
     */
    @Test
    void simulateCountsTheStockpileAgencysSalesInTheWelfareChange(@TempDir Path dir) throws Exception {
        JsonNode j = JSON.readTree(run("simulate", "gallium-ban-stockpile", "--json").out());
        double sales = 0;
        double us = 0;
        for (JsonNode g : j.get("regions")) {
            sales += g.at("/stock_release/scenario").asDouble() * g.at("/price/scenario").asDouble();
            if (g.get("id").asText().equals("US")) us = g.at("/price/scenario").asDouble();
        }
        assertThat(us).isPositive();
        JsonNode t = j.get("totals");
        assertThat(t.at("/stock_sales/scenario").asDouble()).isCloseTo(sales, within(1e-6)).isGreaterThan(40 * us);
        assertThat(t.at("/stock_sales/baseline").asDouble()).isZero();
        assertThat(t.at("/stock_purchases/scenario").asDouble()).isZero();
        double cs = 0;
        double ps = 0;
        for (JsonNode g : j.get("regions")) {
            cs += g.get("consumer_surplus_change").asDouble();
            ps += g.get("producer_surplus_change").asDouble();
        }
        java.util.function.Function<String, Double> d = k -> t.at("/" + k + "/scenario").asDouble() - t.at("/" + k + "/baseline").asDouble();
        double pub = d.apply("levy_revenue") + d.apply("tariff_revenue") + d.apply("export_tax_revenue") - d.apply("subsidy_outlay");
        double total = cs + ps + pub + d.apply("quota_rents") + d.apply("stock_sales") - d.apply("stock_purchases");
        String out = run("simulate", "gallium-ban-stockpile").out();
        assertThat(out).containsPattern("stockpile sales +0 +" + java.util.regex.Pattern.quote(SimulateCommand.num(sales)) + "\n");
        assertThat(out).contains("total welfare change " + SimulateCommand.num(total) + " = consumer " + SimulateCommand.num(cs)
                + " + producer " + SimulateCommand.num(ps) + " + public revenue net of subsidies " + SimulateCommand.num(pub)
                + " + quota rents " + SimulateCommand.num(d.apply("quota_rents")) + " + stockpile account " + SimulateCommand.num(sales) + "\n");
        assertThat(out).contains("(stockpile account: sales − purchases at each region's price; the holdings drawn down or added are not valued)");
        assertThat(run("simulate", "gallium-ban-stockpile", "--csv", dir.toString()).exit()).isZero();
        // the CSV says what its money is in (the JSON's units.money, the web page's CSV headers) and carries the welfare change
        // the table prints: an analyst reading summary.csv alone could not tell thousand USD from USD, nor close the accounts
        String summary = Files.readString(dir.resolve("summary.csv"));
        assertThat(summary).startsWith("metric,baseline,scenario,unit\n");
        assertThat(summary).contains("stock_sales,0.0," + t.at("/stock_sales/scenario").asDouble() + ",\"thousand USD\"\n");
        assertThat(summary).contains("hhi,");
        java.util.regex.Matcher w = java.util.regex.Pattern.compile("\nwelfare_change,,([-0-9.E]+),\"thousand USD\"\n").matcher(summary);
        assertThat(w.find()).as(summary).isTrue();
        // by hand (isoelastic closed forms over the regions and the steps of EU27, with the stockpile account 40·p_US + 30·p_JP)
        assertThat(Double.parseDouble(w.group(1))).isCloseTo(-113973.2572926, within(1e-3)).isCloseTo(total, within(1e-6));
    }

    @Test
    void theProgressBarSaysTheTimeLeftInWords() {
        assertThat(PathCommands.Progress.duration(42e9)).isEqualTo("42 s");
        assertThat(PathCommands.Progress.duration(600e9)).isEqualTo("10 min");
        assertThat(PathCommands.Progress.duration(5 * 3600e9)).isEqualTo("5 h");
        assertThat(PathCommands.Progress.duration(90 * 86400e9)).isEqualTo("90 days");
    }

    @Test
    void aCsvFolderThatCannotBeWrittenIsSaidInWords(@TempDir Path dir) throws Exception {
        // reported: "lodestone: /proc/nope: NoSuchFileException" and an exit code the help did not list
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Run r = run("simulate", "gallium-ban-stockpile", "--csv", file.resolve("sub").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("lodestone: " + file.resolve("sub")).doesNotContain("Exception");
    }

    @Test
    void aStockpileBuildInARegionWithoutProductionSolvesAndAScenarioWithoutDescriptionHasNoEmptySlot(@TempDir Path dir)
            throws Exception {
        // reported: "no equilibrium found … origin rent in US", and a header "(; quantities in t …"
        Path f = dir.resolve("b1.yaml");
        Files.writeString(f, "scenario: b1\nbaseline: gallium\npolicies:\n  - {type: stockpile, region: US, build: 10}\n");
        Run r = run("simulate", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("(quantities in t, prices in USD/kg)").doesNotContain("(;")
                .contains("stockpiles (scenario, t): US builds 10.00");
    }

    @Test
    void solveLcpReportsNoSolutionWithExit1(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("lcp.json");
        Files.writeString(f, "{\"M\": [[0]], \"q\": [-1]}"); // w = −1 whatever z is; M = 0 is positive semidefinite
        Run r = run("solve-lcp", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("no-solution");
        assertThat(j.get("reason").asText()).startsWith("ray termination after 1 pivots").endsWith("M is copositive-plus, so none exists");
        // reported: a ray for an M that is not copositive-plus was called "no-solution", yet z = (1, 1) solves this one
        Files.writeString(f, "{\"M\": [[0, 1], [1, 0]], \"q\": [-1, -1]}");
        Run u = run("solve-lcp", f.toString());
        assertThat(u.exit()).isEqualTo(1);
        assertThat(JSON.readTree(u.out()).get("status").asText()).isEqualTo("undetermined");
        assertThat(JSON.readTree(u.out()).get("reason").asText()).contains("does not prove that none exists");
        assertThat(j.has("z")).isFalse();
    }

    @Test
    void solveLcpRejectsMalformedInputWithExit2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("lcp.json");
        Files.writeString(f, "{\"M\": [[1, 2], [3]], \"q\": [1, 2]}");
        Run r = run("solve-lcp", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lodestone solve-lcp: " + f + ": M[1]: expected an array of 2 numbers\n");
        Files.writeString(f, "{\"M\": [[1]], \"q\": [\"x\"]}");
        assertThat(run("solve-lcp", f.toString()).err()).contains("q[0]: expected a number, found \"x\"");
        assertThat(run("solve-lcp", dir.resolve("missing.json").toString()).exit()).isEqualTo(3); // cannot be read
    }

    @Test
    void simulateTheBundledFloorPrintsTheComparisonTable() {
        Run r = run("simulate", "ndpr-floor-110");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("ndpr-floor-110 — NdPr oxide")
                .contains("baseline: ndpr-baseline; policies: price floor 110 for US+JP+EU27+MX")
                .contains("levy revenue").contains("non-member share of club supply")
                .contains("Δ consumer surpl.").containsPattern("solver: residual \\d\\.\\de-\\d+ \\(baseline");
        assertThat(r.out()).containsPattern("\\nUS +\\S+ +110\\.00 ");
        // money is named as the web application names it (ScenarioReport.moneyUnit): USD/kg × t is thousand USD
        assertThat(r.out()).contains("(surplus in thousand USD: USD/kg × t;");
    }

    /** Lithium counts t LCE at USD/t (a tonne of LCE): its money is USD, not "USD/t × t LCE". */
    @Test
    void moneyOfAMarketCountedInTonnesOfABasisIsDollars() throws Exception {
        Run r = run("simulate", "lithium");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("(surplus in USD: USD/t × t LCE;");
        Run j = run("simulate", "lithium", "--json");
        assertThat(JSON.readTree(j.out()).get("units").get("money").asText()).isEqualTo("USD");
    }

    @Test
    void simulateAsJsonCarriesPricesTotalsAndSolver() throws Exception {
        Run r = run("simulate", "ndpr-floor-110", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("status").asText()).isEqualTo("solved");
        assertThat(j.get("baseline").asText()).isEqualTo("ndpr-baseline");
        assertThat(j.at("/units/money").asText()).isEqualTo("thousand USD");
        JsonNode jp = j.get("regions").get(3);
        assertThat(jp.get("id").asText()).isEqualTo("JP");
        assertThat(jp.get("price").get("scenario").asDouble()).isCloseTo(110, within(1e-9));
        assertThat(j.get("totals").get("levy_revenue").get("scenario").asDouble()).isPositive();
        assertThat(j.get("totals").get("levy_revenue").get("baseline").asDouble()).isZero();
        assertThat(j.get("solver").get("residual").asDouble()).isLessThanOrEqualTo(1e-9);
        // the baseline's share is measured for the scenario's club: the floor lowers it
        JsonNode share = j.get("totals").get("non_member_share_of_club_supply");
        assertThat(share.get("baseline").asDouble()).isGreaterThan(share.get("scenario").asDouble()).isGreaterThan(0.8);
    }

    @Test
    void simulateWritesCsvFiles(@TempDir Path dir) throws Exception {
        Run r = run("simulate", "gallium-ban", "--csv", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("regions.csv")).get(0)).startsWith("region,price_baseline,price_scenario");
        assertThat(Files.readAllLines(dir.resolve("regions.csv")).get(1)).startsWith("\"CN\",");
        assertThat(Files.readString(dir.resolve("summary.csv"))).contains("quota_rents,");
        assertThat(Files.readString(dir.resolve("flows.csv"))).startsWith("from,to,flow_baseline,flow_scenario,levy_scenario\n");
    }

    @Test
    void aMalformedScenarioListsEveryProblemAndExits2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                scenario: bad
                baseline: ndpr
                policies:
                  - {type: price_floor, floor: -1, members: [US, XX]}
                  - {type: export_ban, region: CN, to: [JP, Atlantis]}
                """);
        Run r = run("simulate", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(f + ":4: policies[0].floor: expected a number ≥ 0, found -1\n"
                + f + ":4: policies[0].members: unknown region 'XX' (regions: CN, LY, US, JP, EU27, MX, ROW)\n"
                + f + ":5: policies[1].to: unknown region 'Atlantis' (regions: CN, LY, US, JP, EU27, MX, ROW)\n"
                + "3 problems; nothing was run.\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aScenarioWithoutEquilibriumExits1WithTheDiagnosis(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("short.yaml");
        Files.writeString(f, """
                scenario: short
                mineral: gallium
                units: {quantity: t, price: USD/kg}
                reference_price: 10
                regions:
                  - id: A
                    aggregate: true
                    countries: [US]
                    supply: {type: steps, steps: [{name: mine, cost: 5, capacity: 50}]}
                    demand: {type: fixed, quantity: 100}
                """);
        Run r = run("simulate", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("lodestone simulate: short: no equilibrium found:").contains("unbounded along: price in A");
    }

    @Test
    void aScenarioNamingWhatTheRegimeDoesNotKnowExits2BeforeSolvingAnything(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("unknown.yaml");
        Files.writeString(f, """
                scenario: unknown
                mineral: galium
                units: {quantity: t, price: USD/kg}
                reference_price: 10
                club: [US, ATL]
                regions:
                  - {id: US, demand: {type: fixed, quantity: 5}}
                  - {id: ATL, name: Atlantis, countries: [AT, AQX], supply: {type: fixed, quantity: 9}}
                """);
        Run r = run("simulate", f.toString(), "--json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        String groups = "EU27, CAFTA-DR, USMCA, G7, MSP, CMM-2026, US-CM-FRAMEWORKS-2026, US-ART-SIGNED";
        assertThat(r.err()).isEqualTo(f + ":2: mineral: unknown mineral 'galium' (did you mean 'gallium'?); expected one of the"
                + " regime's 60 critical minerals (e.g. cobalt, gallium, lithium, neodymium) or a value chain (rare-earths, lithium,"
                + " cobalt, nickel, graphite, gallium, germanium, antimony, tungsten, copper, manganese, molybdenum)\n"
                + f + ":8: regions[1].id: unknown region 'ATL'; a region id is a country code of the regime (ISO 3166 alpha-2), a"
                + " country group of the regime (" + groups + "), or the region says aggregate: true and lists its countries\n"
                + f + ":8: regions[1].countries[1]: unknown country or group 'AQX'; expected a country code of the regime (ISO 3166"
                + " alpha-2), a country group of the regime (" + groups + ") or a name under groups:\n"
                + "3 problems; nothing was run.\n");
    }

    @Test
    void anUnknownRegimeIsBadUsage() {
        Run r = run("simulate", "ndpr", "--regime", "bundled:nowhere");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("lodestone: no bundled regime 'bundled:nowhere'");
    }

    @Test
    void unknownScenarioNameIsBadInput() {
        Run r = run("simulate", "unobtainium");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("unobtainium: no bundled scenario of that name");
    }

    @Test
    void helpIsCompleteWithAnExample() {
        assertThat(run("simulate", "--help").out()).contains("Examples:").contains("lodestone simulate ndpr-floor-110")
                .contains("--csv=DIR").contains("Exit codes: 0 solved; 1 no equilibrium found").contains("Exit codes (every command):");
        assertThat(run("solve-lcp", "--help").out()).contains("Example:").contains("lodestone solve-lcp lcp.json");
    }
}
