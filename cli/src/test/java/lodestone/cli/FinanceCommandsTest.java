package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** lodestone projects | value | floor | rank, end to end in-process. */
class FinanceCommandsTest {

    /**
     * A cash cost written per kg in a market priced per lb (2.2046 times too large, under the refusal's 100 times) is valued,
     * with a warning on the error stream and in the JSON's warnings; a file without one has no warnings key.
     */
    @Test
    void aFigureThatMayBeInAnotherUnitIsWarnedOfAndValued(@TempDir Path tmp) throws Exception {
        Path ex = Cli.repo().resolve("examples/projects");
        Files.writeString(tmp.resolve("m.yaml"), Files.readString(ex.resolve("flat-market.yaml")).replace("unit: USD/kg", "unit: USD/lb")
                .replace("p0: {value: 60,", "p0: {value: 25,"));
        Files.writeString(tmp.resolve("p.yaml"), Files.readString(ex.resolve("flat-plant.yaml")).replace("opex: {value: 40,", "opex: {value: 50,"));
        String warning = "warning: " + tmp.resolve("p.yaml") + ":15: opex: 50 USD/lb is 2× the market flat-ndpr's reference price 25 USD/lb, a cost "
                + "above the price; if it is in USD/kg it is 22.6796185 USD/lb — check the unit (the market is priced in USD/lb)\n";
        Cli v = Cli.run("value", "flat-plant", "--projects", tmp.toString(), "--paths", "10");
        assertThat(v.exit()).isZero();
        assertThat(v.err()).isEqualTo(warning);
        assertThat(v.out()).contains("NPV mean ± SE");
        JsonNode j = new ObjectMapper().readTree(Cli.run("value", "flat-plant", "--projects", tmp.toString(), "--paths", "10", "--json").out());
        assertThat(j.get("warnings").get(0).asText()).isEqualTo(warning.substring("warning: ".length(), warning.length() - 1));
        JsonNode plain = new ObjectMapper().readTree(Cli.run("value", "flat-plant", "--projects", ex.toString(), "--paths", "10", "--json").out());
        assertThat(plain.has("warnings")).isFalse();
    }

    /**
     * examples/projects/flat-plant-closure.yaml (docs/projects-format.md): closure 50 M USD in 2046, 10 M USD of working capital
     * released in 2046, mid-year discounting; by hand (79.3622 − 10/1.1 − 40/1.1²¹) × 1.1^½ = 68.0321 M USD. The text says
     * the years to the closure, each item with its terms, and leaves them out of "Not modelled"; the JSON has them.
     */
    @Test
    void closureWorkingCapitalAndMidYearAreValuedAndSaid() throws Exception {
        String dir = Cli.repo().resolve("examples/projects").toString();
        Cli v = Cli.run("value", "flat-plant-closure", "--projects", dir, "--paths", "10");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).contains("10 paths × 21 years (2026–2046, to the last year of production 2045; closure in 2046, working capital "
                        + "released in 2046)")
                .containsPattern("NPV mean ± SE, USD M +68\\.0 ± 0 ")
                .contains("Closure and rehabilitation: 50.0 USD M in 2046 (the year after the last of production), deducted from taxable income when paid\n")
                .contains("Working capital: receivables 36.5 days of revenue, inventory 73 days and payables 36.5 days of cash costs (of 365); built up "
                        + "with production, released in 2046\n")
                .contains("Discounting: mid-year (each year's flows at its middle, (1 + r)^−(t − ½))\n")
                .contains("Not modelled: value after the last year of production (no terminal value); depreciation straight-line over 10 years\n");
        JsonNode j = new ObjectMapper().readTree(Cli.run("value", "flat-plant-closure", "--projects", dir, "--paths", "10", "--json").out());
        assertThat(j.get("npv_without").get("mean").asDouble()).isCloseTo((20 * (1 - Math.pow(1.1, -20)) / 0.1 - 100 / 1.1 - 10 / 1.1
                - 40 / Math.pow(1.1, 21)) * Math.sqrt(1.1), within(1e-9));
        assertThat(j.get("discounting").asText()).isEqualTo("mid-year");
        assertThat(j.get("closure").get("cost_musd").asDouble()).isEqualTo(50.0);
        assertThat(j.get("working_capital").get("inventory_days").get("value").asDouble()).isEqualTo(73.0);
        assertThat(j.get("last_year").asInt()).isEqualTo(2046);
        assertThat(Cli.run("projects", "show", "flat-plant-closure", "--projects", dir).out())
                .containsPattern("closure and rehabilitation +USD 50 M in 2046 +A2")
                .containsPattern("inventory +73 days of cash costs +A3")
                .containsPattern("discounting +mid-year +stated in the file");
    }

    @Test
    void projectsListShowScreen() {
        Cli list = Cli.run("projects", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("arafura-nolans", "thacker-pass", "cyclic-kingston", "warning: only 5 annual prices");
        Cli show = Cli.run("projects", "show", "iluka-eneabba");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("Export Finance Australia", "https://nsenergybusiness.com/", "A1  NdPr ≈ 28 %");
        Cli screen = Cli.run("projects", "screen", "mp-10x", "--date", "2026-12-03");
        assertThat(screen.exit()).isZero();
        assertThat(screen.out()).contains("PASS mp-10x", "forced-labour entity lists", "not on uflpa as of 2026-12-03");
        assertThat(Cli.run("projects", "show", "nope").err()).contains("no project 'nope' in the registry");
    }

    /** Reported by a review: "offtake of 2000/yr at 90" said neither the quantity nor the price unit. */
    @Test
    void anOfftakesDescriptionSaysItsUnits() throws Exception {
        Cli r = Cli.run("value", "arafura-nolans", "--offtake", "90:2000", "--paths", "2000", "--seed", "5", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).at("/support").asText()).isEqualTo("offtake of 2000 t/yr at 90 USD/kg for 10 years");
        Cli cfd = Cli.run("value", "arafura-nolans", "--cfd", "110", "--paths", "2000", "--seed", "5", "--json");
        assertThat(new ObjectMapper().readTree(cfd.out()).at("/support").asText()).isEqualTo("two-way CfD at 110 USD/kg for 10 years");
    }

    @Test
    void valueJsonIsReproducibleAndTheSupportIsAsked() throws Exception {
        Cli a = Cli.run("value", "arafura-nolans", "--floor", "110", "--upside-share", "0.3", "--paths", "20000", "--seed", "5", "--json");
        Cli b = Cli.run("value", "arafura-nolans", "--floor", "110USD/kg", "--upside-share", "0.3", "--paths", "20000", "--seed", "5", "--json", "--threads", "1");
        assertThat(a.exit()).isZero();
        JsonNode ja = new ObjectMapper().readTree(a.out()), jb = new ObjectMapper().readTree(b.out());
        assertThat(ja.at("/npv_with/mean").asDouble()).isEqualTo(jb.at("/npv_with/mean").asDouble());
        assertThat(ja.at("/support").asText()).isEqualTo("floor 110 USD/kg with 30 % of the upside returned for 10 years");
        assertThat(ja.at("/npv_with/p10").asDouble()).isGreaterThanOrEqualTo(ja.at("/npv_without/p10").asDouble() - 1e-9);
        // a year of the fan for each year valued: 2026–2065, Nolans's last year of production (38 years from 2028)
        assertThat(ja.at("/fan").size()).isEqualTo(40);
        assertThat(ja.at("/last_year").asInt()).isEqualTo(2065);
        assertThat(ja.at("/money").asText()).isEqualTo("million USD");
        assertThat(ja.at("/money_basis").asText()).startsWith("real: constant 2026 US dollars");
        assertThat(ja.at("/support_value_to_project/mean").asDouble()).isPositive();
        Cli text = Cli.run("value", "mp-10x", "--paths", "5000");
        assertThat(text.out()).contains("no price floor, EBITDA floor USD 140 M/yr for 10 years", "expected fiscal cost");
        // its stated support runs 10 years from 2028 (to 2037); its debt 2 years of grace and 10 of repayment from 2028 (to
        // 2039): the last two years' service is left to the market price, and said
        assertThat(text.err()).isEqualTo("warning: the support ends before the debt is repaid: its 10 years cover 2028–2037 and the debt's "
                + "service runs to 2039, so 2038–2039 are paid from the market price alone (the DSCR and the debt capacity count them so); "
                + "12 years of support would cover the debt\n");
        // a support that covers the debt says nothing (12 years = 2 + 10)
        assertThat(Cli.run("value", "mp-10x", "--paths", "100", "--floor", "60", "--support-years", "12").err()).isEmpty();
    }

    /**
     * --floor repeated is a floor sweep: a row per level and term, each exactly value's figures at that floor with the same seed
     * (the same paths); the "without" is the same for every row; a level given twice is refused before anything runs.
     */
    @Test
    void aRepeatedFloorIsASweepWhoseRowsAreTheSingleValuations(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ge-loan.yaml"), Files.readString(Cli.repo().resolve("data/projects/nyrstar-clarksville-germanium.yaml"))
                .replace("project: nyrstar-clarksville-germanium", "project: ge-loan")
                .replace("tax: {value: 0.26, assumption: A3}", "tax: {value: 0.26, assumption: A3}\ndebt: {amount: {value: 75, assumption: A3}, "
                        + "rate: {value: 0.07, assumption: A3}, tenor: 10, grace: 1}"));
        String[] common = {"--projects", dir.toString(), "--paths", "3000", "--seed", "3"};
        Cli sweep = Cli.run(cat(new String[]{"value", "ge-loan", "--floor", "2000", "--floor", "2500", "--support-years", "10", "--support-years", "11", "--json"}, common));
        assertThat(sweep.exit()).isEqualTo(0);
        JsonNode j = new ObjectMapper().readTree(sweep.out());
        assertThat(j.get("has_debt").asBoolean()).isTrue();
        assertThat(j.get("levels")).hasSize(4);
        JsonNode row = j.get("levels").get(2); // 2,500 for 10 years
        assertThat(row.get("floor").asDouble()).isEqualTo(2500);
        assertThat(row.get("support_years").asInt()).isEqualTo(10);
        JsonNode one = new ObjectMapper().readTree(Cli.run(cat(new String[]{"value", "ge-loan", "--floor", "2500", "--json"}, common)).out());
        assertThat(row.get("npv_mean").asDouble()).isEqualTo(one.get("npv_with").get("mean").asDouble());
        assertThat(row.get("npv_se").asDouble()).isEqualTo(one.get("npv_with").get("standard_error").asDouble());
        assertThat(row.get("probability_of_loss").asDouble()).isEqualTo(one.get("probability_of_loss_with").asDouble());
        assertThat(row.get("dscr_mean_of_min").asDouble()).isEqualTo(one.get("dscr").get("mean_of_min").asDouble());
        assertThat(row.get("probability_min_dscr_below_1").asDouble()).isEqualTo(one.get("dscr").get("probability_min_below_1").asDouble());
        assertThat(row.get("expected_fiscal_cost_mean").asDouble()).isEqualTo(one.get("expected_fiscal_cost").get("mean").asDouble());
        assertThat(j.get("without").get("npv_mean").asDouble()).isEqualTo(one.get("npv_without").get("mean").asDouble());
        assertThat(row.get("support_ends_before_debt").asText()).isEqualTo(one.get("warnings").get(0).asText());
        assertThat(j.get("levels").get(3).get("support_ends_before_debt").isNull()).isTrue();

        Cli text = Cli.run(cat(new String[]{"value", "ge-loan", "--floor", "2000", "--floor", "2500"}, common));
        assertThat(text.out()).contains("floor, USD/kg  years  NPV mean ± SE                   P(loss)  min DSCR mean  min DSCR P10  P(min DSCR < 1.00×)  fiscal cost ± SE")
                // a probability with its standard error, and none of 3,000 paths with its 95 % bound (not a certain 0.0 %)
                .contains("        2,500     10    232.7 ± 1.9  0.0 % (≤ 0.13 % at 95 %)          1.91×         0.50×       17.13 ± 0.69 %")
                .contains("warning at 2,000, 2,500 USD/kg: the support ends before the debt is repaid: its 10 years cover 2028–2037");
        Cli twice = Cli.run("value", "nyrstar-clarksville-germanium", "--floor", "2500", "--floor", "2500", "--floor", "3000");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("--floor: 2500 is given twice (as level 1 and 2)");
        assertThat(twice.out()).isEmpty();
        Cli terms = Cli.run("value", "nyrstar-clarksville-germanium", "--support-years", "10", "--support-years", "11");
        assertThat(terms.exit()).isEqualTo(2);
        assertThat(terms.err()).contains("--support-years: several terms go with --floor (a floor sweep); --cfd and --offtake take one");
    }

    private static String[] cat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void impossibleParametersStopBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Cli unit = Cli.run("value", "arafura-nolans", "--floor", "110000USD/t");
        assertThat(unit.exit()).isEqualTo(2);
        assertThat(unit.err()).contains("--floor: 110000USD/t is in USD/t but this market is priced in USD/kg (110000 USD/t = 110 USD/kg)");
        assertThat(unit.out()).isEmpty();
        Cli dscr = Cli.run("value", "arafura-nolans", "--dscr", "0");
        assertThat(dscr.exit()).isEqualTo(2);
        assertThat(dscr.err()).contains("--dscr: 0.0 must be > 0");
        Cli both = Cli.run("value", "arafura-nolans", "--floor", "100", "--cfd", "100");
        assertThat(both.err()).contains("give one of --floor, --cfd and --offtake");
        Files.writeString(dir.resolve("neg.yaml"), Files.readString(Cli.repo().resolve("data/projects/cyclic-kingston.yaml"))
                .replace("project: cyclic-kingston", "project: neg").replace("capacity: {value: 150, assumption: A1}", "capacity: {value: -150, assumption: A1}"));
        Cli neg = Cli.run("value", "neg", "--projects", dir.toString());
        assertThat(neg.exit()).isEqualTo(2); // the registry file refused
        assertThat(neg.err()).contains(dir.resolve("neg.yaml") + ":15: capacity.value: -150 is out of range; expected between 0 and 100000000 (t a year at full ramp)",
                "nothing was loaded");
        Cli method = Cli.run("floor", "ndpr", "--method", "percentile:150");
        assertThat(method.exit()).isEqualTo(2);
        assertThat(method.err()).contains("--method percentile:150: P must be in (0, 100]");
    }

    /**
     * A project is valued to its last year of production, over at least 2026–2045; one whose life ended before 2026 is refused,
     * naming it and its years (start 1990 for 20 years charged the capex in 2026 for no output). A plant starting in 2050 was
     * refused (outside 2026–2045); it is valued over 2026–2069 with its capex in 2050: 79.3622 / 1.1²⁴ = 8.0573 M USD by hand.
     * The flat plant with a 40-year life: 20 × (1 − 1.1⁻⁴⁰)/0.1 − 100/1.1 = 104.6719 M USD (it read 79.4, cut at 2045).
     */
    @Test
    void aProjectIsValuedToItsLastYearAndOneThatEndedIsRefusedNamed(@TempDir Path dir) throws Exception {
        String flat = Files.readString(Cli.repo().resolve("examples/projects/flat-plant.yaml"));
        Files.copy(Cli.repo().resolve("examples/projects/flat-market.yaml"), dir.resolve("flat-market.yaml"));
        Files.writeString(dir.resolve("late.yaml"), flat.replace("project: flat-plant", "project: late").replace("start_year: 2026", "start_year: 2050"));
        Files.writeString(dir.resolve("old.yaml"), flat.replace("project: flat-plant", "project: old").replace("start_year: 2026", "start_year: 1990"));
        Files.writeString(dir.resolve("long.yaml"), flat.replace("project: flat-plant", "project: long").replace("life_years: 20", "life_years: 40"));
        Cli late = Cli.run("value", "late", "--projects", dir.toString(), "--paths", "10");
        assertThat(late.exit()).isZero();
        assertThat(late.out()).contains("10 paths × 44 years (2026–2069, to the last year of production 2069)")
                .containsPattern("NPV mean ± SE, USD M +8\\.1 ± 0 ");
        Cli old = Cli.run("value", "old", "--projects", dir.toString(), "--paths", "10");
        assertThat(old.exit()).isEqualTo(2);
        assertThat(old.err()).contains("project 'old' produces in 1990–2009 (start_year 1990, life_years 20), before the valuation's first year 2026: "
                + "nothing it produces would be valued, so it is not valued");
        assertThat(old.out()).isEmpty();
        Cli lng = Cli.run("value", "long", "--projects", dir.toString(), "--paths", "10");
        assertThat(lng.out()).contains("10 paths × 40 years (2026–2065, to the last year of production 2065)")
                .containsPattern("NPV mean ± SE, USD M +104\\.7 ± 0 ");
        assertThat(Cli.run("value", "flat-plant", "--projects", Cli.repo().resolve("examples/projects").toString(), "--paths", "10").out())
                .contains("10 paths × 20 years (2026–2045, to the last year of production 2045)")
                // no debt stated: sized over 10 years at 8 %, said so — 20/1.3 × A(1..10 at 8 %) = 103.2 by hand
                .containsPattern("debt capacity at DSCR 1\\.30×, 10 years at 8\\.0 % \\(no debt stated\\) \\(mean CFADS\\), USD M +103\\.2 +103\\.2")
                // what a feasibility study has and the valuation leaves out is said with the numbers, not only in the docs
                .contains("Not modelled: working capital, closure and rehabilitation costs, value after the last year of production "
                        + "(no terminal value); flows fall at the ends of years (no mid-year convention); depreciation straight-line over 10 years");
    }

    /** Options that did nothing or less than said: --threads 0, --support-years without a support asked, one path; a region the market lacks named with its file. */
    @Test
    void valueAndRankOptionsSayWhatTheyDo(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("ca.yaml"), Files.readString(Cli.repo().resolve("examples/projects/flat-plant.yaml"))
                .replace("project: flat-plant", "project: ca-refinery").replace("market: flat-ndpr", "market: ndpr"));
        Cli ca = Cli.run("rank", "ndpr", "--projects", tmp.toString());
        assertThat(ca.exit()).isNotZero();
        assertThat(ca.err()).contains(tmp.resolve("ca.yaml") + ":1: project 'ca-refinery', region: region 'CA' is not in the market scenario "
                + "'ndpr' (the market's regions: CN, LY, US, JP, EU27, MX, ROW)");
        String dir = Cli.repo().resolve("examples/projects").toString();
        Cli zero = Cli.run("value", "flat-plant", "--projects", dir, "--threads", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--threads: expected a number from 1 to 1024, found 0");
        // reported: montecarlo --threads 100000 said "lodestone: null" (the thread pool's refusal, without a message)
        Cli many = Cli.run("value", "flat-plant", "--projects", dir, "--threads", "100000");
        assertThat(many.exit()).isEqualTo(2);
        assertThat(many.err()).contains("--threads: expected a number from 1 to 1024, found 100000");
        Cli mc = Cli.run("montecarlo", "gallium-2025-2035", "--draws", "10", "--threads", "100000");
        assertThat(mc.exit()).isEqualTo(2);
        assertThat(mc.err()).isEqualTo("--threads: expected a number from 1 to 1024, found 100000\n1 problem; nothing was run.\n");
        Cli years = Cli.run("value", "flat-plant", "--projects", dir, "--support-years", "5");
        assertThat(years.exit()).isEqualTo(2);
        assertThat(years.err()).contains("--support-years goes with --floor, --cfd or --offtake (a project's stated support has its own term)");
        Cli one = Cli.run("value", "flat-plant", "--projects", dir, "--paths", "1");
        assertThat(one.exit()).isZero();
        assertThat(one.err()).contains("warning: only 1 path: its SE is shown as 0 but measures nothing");
        Cli withFloor = Cli.run("value", "flat-plant", "--projects", dir, "--paths", "10", "--floor", "55", "--support-years", "5");
        assertThat(withFloor.exit()).as(withFloor.err()).isZero();
        Cli noScenario = Cli.run("rank", "flat-ndpr", "--projects", dir);
        assertThat(noScenario.err()).doesNotContain("null");
    }

    /**
     * examples/projects (docs/projects-format.md, "Your own files"): a flat 60 USD/kg market and a 1,000 t/yr plant at 40 USD/kg,
     * 100 M USD capex in year 1, no tax, 10 %, 20 years: NPV = 20 × (1 − 1.1⁻²⁰) / 0.1 − 100 / 1.1 by hand; the API answers the
     * same figures for the same files sent as texts (ProjectFilesApiTest).
     */
    @Test
    void ownFilesAreValuedAsByHand() throws Exception {
        Cli v = Cli.run("value", "flat-plant", "--projects", Cli.repo().resolve("examples/projects").toString(), "--paths", "1000", "--seed", "1", "--json");
        assertThat(v.exit()).as(v.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(v.out());
        assertThat(j.at("/npv_with/mean").asDouble()).isCloseTo(20 * (1 - Math.pow(1.1, -20)) / 0.1 - 100 / 1.1, within(1e-9)).isEqualTo(79.36218348608027);
        assertThat(j.at("/breakeven_price_without").asDouble()).isEqualTo(50.67814770658515);
    }

    @Test
    void floorAndRank() throws Exception {
        Cli f = Cli.run("floor", "ndpr", "--method", "percentile:75", "--method", "band:5:0.2", "--json");
        assertThat(f.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(f.out());
        assertThat(j.at("/methods/1/floor").asDouble()).isCloseTo(66.4, within(1e-9));
        assertThat(j.at("/methods/0/supply_brought_t").asDouble()).isGreaterThanOrEqualTo(0);
        // the text names what the CfD cost is paid on, as the JSON does
        Cli text = Cli.run("floor", "ndpr", "--method", "band:5:0.2");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("CfD cost basis: " + j.get("cfd_basis").asText() + "\n");
        assertThat(j.get("cfd_basis").asText()).contains("whole output", "mp-mountain-pass 6,000 t/yr (operating: all its output, of which 4,700 t/yr added)");
        Cli r = Cli.run("rank", "ndpr");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("a Chinese export ban cuts that by", "arafura-nolans", "t/yr per USD M",
                "Support basis: a 10-year floor at each project's breakeven price, paid on its whole output",
                "mp-mountain-pass 6,000 t/yr paid, 4,700 t/yr added");
    }

    /** What no text a person reads may show: Java's toString of a map or list, an exponent, NaN, a zero as 0.0000, a blank slot. */
    private static void readsLikeAReport(String out) {
        assertThat(out).doesNotContain("{", "}", "=[", "[]", "E20", "E+", "NaN", "Infinity", "0.0000", "—  ", "M$");
        assertThat(out.lines()).allSatisfy(l -> assertThat(l).doesNotEndWith(" ").doesNotContain("  ,"));
    }

    /**
     * Reported by a review: `projects show` printed figures as Java maps ({value=1.0E20, source=S1}), `projects list` left the
     * support column blank for projects without support.
     */
    @Test
    void projectsReadLikeAFinanciersReport(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("big.yaml"), Files.readString(Cli.repo().resolve("data/projects/cyclic-kingston.yaml"))
                .replace("project: cyclic-kingston", "project: big").replace("capacity: {value: 150, assumption: A1}", "capacity: {value: 1e8, assumption: A1}"));
        Cli show = Cli.run("projects", "show", "big", "--projects", dir.toString());
        assertThat(show.exit()).as(show.err()).isZero();
        readsLikeAReport(show.out());
        assertThat(show.out().lines()).contains(
                "  capacity                 100,000,000 t/yr     A1",
                "  capex still to spend     USD 25 M             S1",
                "  income tax               26.5 %               A3",
                "  discount rate            8 % (default, real)  the valuation's default",
                "  debt                     none                 stated in the file",
                "support: none stated");
        Cli iluka = Cli.run("projects", "show", "iluka-eneabba");
        readsLikeAReport(iluka.out());
        assertThat(iluka.out().lines()).contains(
                "  capex still to spend     AUD 1,750 M = USD 1,137.5 M  S1",
                "  exchange rate            0.65 USD per AUD             A2",
                "  discount rate            8 % (default, real)          the valuation's default",
                // the debt's rate is its contract's, nominal; the inflation that deflates its service is stated with its provenance
                "  debt rate                5 % (nominal)                A5",
                "  debt inflation           2.5 % a year                 INF",
                "  debt tenor               15 years, 2 years of grace   stated in the file",
                "  Export Finance Australia (Critical Minerals Facility) — loan (non-recourse loan), AUD 1,250 M [S3], public");
        Cli mp = Cli.run("projects", "show", "mp-mountain-pass");
        readsLikeAReport(mp.out());
        assertThat(mp.out()).contains("support: floor-with-upside: floor 110 USD/kg [S1], 30 % of the upside returned [");
        Cli list = Cli.run("projects", "list");
        readsLikeAReport(list.out());
        assertThat(list.out().lines()).contains(
                "project                        country  stage       status        start  product                capacity, t/yr  capex, USD M          opex  support",
                "arafura-nolans                 AU       integrated  committed     2028   NdPr oxide                      4,440         1,220  24.76 USD/kg  none",
                "iluka-eneabba                  AU       refinery    construction  2027   NdPr oxide                      4,400       1,137.5     40 USD/kg  none",
                "thacker-pass                   US       integrated  construction  2028   lithium carbonate              40,000         2,930   7,198 USD/t  none",
                "nyrstar-clarksville-germanium  US       by-product  feasibility   2028   germanium metal                    30           126  1,500 USD/kg  none");
        // the JSON is the API's answer, unchanged: numbers as numbers
        JsonNode j = new ObjectMapper().readTree(Cli.run("projects", "show", "big", "--projects", dir.toString(), "--json").out());
        assertThat(j.at("/capacity/value").asDouble()).isEqualTo(1e8);
        assertThat(j.at("/capacity/assumption").asText()).isEqualTo("A1");
    }

    /** Reported by a review: values as 0.5896, payback "9.99", counts without separators, 1.0E20 for huge sums. */
    /**
     * Statistical review: a probability a valuation estimates from its paths is said with its standard error √(p(1 − p)/n),
     * as the NPV's mean is — and, when no path (or every path) gave it, with its 95 % bound, not as a certain 0.0 %. On 200
     * paths Nolans's P(minimum DSCR < 1.00×) read "74.0 %", known to ±3.1 points, and "never pays back 0.0 %" where up to
     * 1.9 % is consistent with the draws.
     */
    @Test
    void aProbabilityFromThePathsIsSaidWithItsSamplingError() throws Exception {
        Cli v = Cli.run("value", "arafura-nolans", "--paths", "200", "--seed", "3");
        assertThat(v.exit()).as(v.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(Cli.run("value", "arafura-nolans", "--paths", "200", "--seed", "3", "--json").out());
        assertThat(j.get("probability_of_loss_without").asDouble()).isEqualTo(0.005);
        assertThat(j.get("dscr").get("probability_min_below_1").asDouble()).isEqualTo(0.74);
        assertThat(v.out().lines())
                // 1 of 200: √(0.005 · 0.995/200) = 0.50 points
                .anySatisfy(l -> assertThat(l).matches("probability of loss \\(NPV < 0\\) +0\\.5 ± 0\\.5 % +0\\.5 ± 0\\.5 %"))
                // none of 200: the 95 % Wilson bound z²/(n + z²) = 1.88 %, rounded up
                .anySatisfy(l -> assertThat(l).matches("never pays back +0\\.0 % \\(≤ 1\\.9 % at 95 %\\) +0\\.0 % \\(≤ 1\\.9 % at 95 %\\)"))
                // √(0.74 · 0.26/200) = 3.1 points
                .anySatisfy(l -> assertThat(l).endsWith("; P(minimum < 1.00×) 74.0 ± 3.1 %"));
        assertThat(v.out()).contains("(quantiles within 0.1 % of the exact order statistic; ± is one standard error of the sampling");
        assertThat(Cli.run("value", "arafura-nolans", "--paths", "200", "--seed", "3", "--threads", "1").out()).contains(", seed 3, 1 thread, ");
    }

    /**
     * Statistical review: 10 paths were answered without a word — a P10 and P90 that are single paths (the 1st and the 9th
     * of 10 from the least: ranks ⌊0.1·9⌋ and ⌊0.9·9⌋) and standard errors from 10 values. Now said, in the text, --json and
     * the sweep as in the API (FinanceApiTest); not for a process that does not move, whose paths are all one.
     */
    @Test
    void fewPathsAreSaidToGiveSinglePathQuantiles() throws Exception {
        String w = "warning: only 10 paths: the P10 and P90 are single paths (the 1st and the 9th of 10 from the least) and the standard "
                + "errors rest on 10 values; run at least 100 paths";
        Cli v = Cli.run("value", "arafura-nolans", "--paths", "10");
        assertThat(v.exit()).as(v.err()).isZero();
        assertThat(v.err()).contains(w + "\n");
        JsonNode j = new ObjectMapper().readTree(Cli.run("value", "arafura-nolans", "--paths", "10", "--json").out());
        assertThat(j.get("warnings").get(0).asText()).isEqualTo(w.substring("warning: ".length()));
        assertThat(Cli.run("value", "arafura-nolans", "--paths", "100").err()).doesNotContain("only 100 paths");
        JsonNode sweep = new ObjectMapper().readTree(Cli.run("value", "arafura-nolans", "--paths", "50", "--floor", "60", "--floor", "70", "--json").out());
        assertThat(sweep.get("warnings").get(0).asText()).isEqualTo("only 50 paths: the P10 and P90 are single paths (the 5th and the 45th of 50 "
                + "from the least) and the standard errors rest on 50 values; run at least 100 paths");
        // flat prices (σ 0): every path is the one path, its quantiles exact, nothing to say
        assertThat(Cli.run("value", "flat-plant", "--projects", Cli.repo().resolve("examples/projects").toString(), "--paths", "10").err())
                .doesNotContain("only 10 paths");
    }

    @Test
    void valueFloorAndRankReadLikeAFinanciersReport() {
        Cli nolans = Cli.run("value", "arafura-nolans", "--paths", "20000");
        assertThat(nolans.exit()).as(nolans.err()).isZero();
        readsLikeAReport(nolans.out());
        assertThat(nolans.out()).contains("20,000 paths × 40 years (2026–2065, to the last year of production 2065), seed 1, ", "money in USD million (USD M)",
                "IRR P10 / P50 / P90", " 14.3 % ");
        // real or nominal is said wherever money is: constant 2026 dollars, real discount rates (it was never said)
        String basis = "real: constant 2026 US dollars (prices, costs and support are not escalated; the discount rates are real)";
        assertThat(nolans.out()).contains("money in USD million (USD M), " + basis);
        // the debt capacity says its tenor and rate: Nolans's 12 years at 1.065/1.02 − 1 = 4.4 % real
        assertThat(nolans.out()).contains("debt capacity at DSCR 1.30×, 12 years at 4.4 % real (mean CFADS), USD M ");
        assertThat(nolans.out().lines())
                // the payback year with its calendar year: year 1 is 2026, so year 9 is 2034 (seven years after Nolans's first production)
                .anySatisfy(l -> assertThat(l).matches("payback year \\(median\\) +year 9 \\(2034\\) +year 9 \\(2034\\)"))
                .anySatisfy(l -> assertThat(l).matches("paths without an IRR +0 +0"))
                .anySatisfy(l -> assertThat(l).matches("support's value to the project \\(NPV with − without\\), USD M +none \\(no support\\)"))
                // Nolans has no support here: "DSCR under support" was said of a valuation without any
                .anySatisfy(l -> assertThat(l).matches("DSCR: minimum 0\\.\\d\\d× on average \\(P10 0\\.\\d\\d×\\), average \\d\\.\\d\\d×; P\\(minimum < 1\\.00×\\) \\d+\\.\\d+ ± 0\\.\\d+ %"));
        Cli lynas = Cli.run("value", "lynas-kalgoorlie", "--paths", "20000");
        readsLikeAReport(lynas.out());
        assertThat(lynas.out().lines())
                .anySatisfy(l -> assertThat(l).matches("paths without an IRR +18,655 \\(93\\.3 %\\) +18,655 \\(93\\.3 %\\)"))
                .anySatisfy(l -> assertThat(l).matches("payback year \\(median\\) +none needed \\(never negative\\) +none needed \\(never negative\\)"))
                .contains("DSCR: none (the project has no debt service)");
        Cli f = Cli.run("floor", "ndpr", "--method", "percentile:75", "--method", "marginal:6845");
        readsLikeAReport(f.out());
        assertThat(f.out()).startsWith("ndpr floor (USD/kg) for the club US, JP, EU27, MX; baseline club production 2,104 t/yr")
                .contains("method         floor, USD/kg  supply added, t/yr  levy revenue, USD M/yr  CfD cost (PV) ± SE, USD M",
                        "percentile:75: P75 of the market-economy cost curve (5 producers, 23,990 t/yr)",
                        "    arafura-nolans: breakeven 56.03 USD/kg, +4,440 t/yr (cumulative 9,140)",
                        "    mp-mountain-pass: breakeven 47.31 USD/kg, +4,700 t/yr (cumulative 4,700)");
        assertThat(f.out()).contains("Money: USD million, " + basis + ".");
        Cli r = Cli.run("rank", "gallium");
        readsLikeAReport(r.out());
        assertThat(r.out()).contains("Money: USD million, " + basis + ".");
        assertThat(r.out()).startsWith("gallium: club US, JP, EU27 consumes 189 t/yr; a Chinese export ban cuts that by 99.1 t/yr");
        // Nyrstar's Clarksville gallium circuit breaks even at 255.09 USD/kg, far below the market: a floor there costs 0.02 M USD,
        // which showed as "0.0 ± 0.00098" beside its 1,104 t/yr per USD M (22.6 t/yr over 0.0204 M); now to the SE's last digit
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches(
                " +1  nyrstar-clarksville-gallium  US +40\\.0 +241\\.11 +255\\.09 +22\\.6 +0\\.02044 ± 0\\.00098 +1,104 +0\\.0"));
        assertThat(r.out().lines()).anySatisfy(l -> assertThat(l).matches(
                " +2  alcoa-sojitz-gallium +ROW +100 +383\\.70 +435\\.15 +59\\.9 +15\\.0 ± 0\\.0\\d+ +4\\.0 +0\\.0"));
        Cli ge = Cli.run("rank", "germanium");
        assertThat(ge.exit()).as(ge.err()).isZero();
        assertThat(ge.out()).startsWith("germanium: club US, EU27, JK consumes 107 t/yr; a Chinese export ban cuts that by 16.5 t/yr");
        assertThat(ge.out().lines()).anySatisfy(l -> assertThat(l).matches(
                " +1  nyrstar-clarksville-germanium  US +30\\.0 +1,928 +2,026 +12\\.0 +12\\.7 ± 0\\.1\\d +0\\.9 +0\\.0"));
    }
}
