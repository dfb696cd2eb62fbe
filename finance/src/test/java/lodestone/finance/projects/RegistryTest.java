package lodestone.finance.projects;

import lodestone.finance.valuation.Economics;
import lodestone.finance.valuation.Support;
import lodestone.regime.Problem;
import lodestone.regime.RegimeInvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

public class RegistryTest {

    @Test
    void bundledRegistryLoadsEveryRequiredProject() {
        Registry r = Registry.bundled();
        assertThat(r.projects()).extracting(Project::id).contains("mp-mountain-pass", "mp-10x", "lynas-kalgoorlie", "lynas-malaysia",
                "arafura-nolans", "iluka-eneabba", "thacker-pass", "alcoa-sojitz-gallium", "perpetua-stibnite", "cyclic-kingston",
                "nyrstar-clarksville-germanium", "nyrstar-clarksville-gallium");
        assertThat(r.projects()).anyMatch(p -> p.stage() == Project.Stage.RECYCLER);
        for (Project p : r.projects()) {
            assertThat(p.sources()).as(p.id()).isNotEmpty();
            assertThat(p.capacity().provenance()).as(p.id()).isNotNull();
        }
        Market ndpr = r.market("ndpr").orElseThrow();
        assertThat(ndpr.warnings()).singleElement().asString().contains("only 5 annual prices");
        assertThat(ndpr.process().p0()).isEqualTo(69);
    }

    /**
     * A USGS figure quoted through a press report carries its edition: the 750 t of Chinese gallium in 2024 is MCS 2025's
     * estimate, which MCS 2026 revised to 839 t (of a world 848 t; capacity 1,600 t) — the source said only "(USGS)", so a
     * reader quoted a superseded figure as current.
     */
    @Test
    void aUsgsFigureQuotedAtSecondHandNamesItsEditionAndTheRevision() {
        Project alcoa = Registry.bundled().projects().stream().filter(p -> p.id().equals("alcoa-sojitz-gallium")).findFirst().orElseThrow();
        assertThat(alcoa.sources().get("S3").what()).isEqualTo("China produced 750 t gallium in 2024 with 1,000 t capacity (USGS, "
                + "as the article reports it: 750 t is the 2024 estimate of Mineral Commodity Summaries 2025, of a world 760 t; MCS 2026 "
                + "revised China's 2024 primary output to 839 t of a world 848 t and gives a capacity of 1,600 t); plant beside Wagerup");
    }

    /**
     * A bundled debt's rate is its contract's, nominal (ECA loans at 6.5 %, the DOE's at 4.5 %), and the valuation's money is
     * constant 2026 dollars: each states the inflation that deflates its service, with its provenance (a nominal service set
     * against real CFADS understated Nolans's DSCR by 1.02¹⁵ − 1 = 35 % in its last year of repayment).
     */
    @Test
    void everyBundledDebtStatesTheInflationThatDeflatesIt() {
        for (Project p : Registry.bundled().projects()) {
            if (p.debt() == null) continue;
            assertThat(p.debt().inflation()).as(p.id()).isNotNull();
            assertThat(p.debt().inflation().provenance()).as(p.id()).isNotNull();
        }
        assertThat(Registry.bundled().require("arafura-nolans").debt().inflation().value()).isEqualTo(0.02);
        assertThat(Registry.bundled().require("iluka-eneabba").debt().inflation().value()).isEqualTo(0.025);
    }

    @Test
    void bundledListMatchesTheFolder() throws IOException {
        Path dir = repo().resolve("data/projects");
        try (Stream<Path> s = Files.list(dir)) {
            List<String> files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
            assertThat(Registry.bundledFiles().stream().sorted().toList()).isEqualTo(files);
        }
    }

    static Path repo() {
        String root = System.getProperty("lodestone.root");
        return (root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath().normalize();
    }

    @Test
    void economicsFollowTheFile() {
        Registry r = Registry.bundled();
        Project nolans = r.require("arafura-nolans");
        Economics e = ProjectValuation.economics(nolans, r.marketOf(nolans));
        // built 2026–2027 (2 years before a 2028 start), 1,220 M USD evenly
        assertThat(e.capex()[0]).isCloseTo(610, within(1e-9));
        assertThat(e.capex()[1]).isCloseTo(610, within(1e-9));
        assertThat(e.volume()[2]).isCloseTo(0.4 * 4440, within(1e-9));
        assertThat(e.volume()[5]).isCloseTo(4440, within(1e-9));
        assertThat(e.moneyPerPriceQuantity()).isEqualTo(1e-3);
        Project iluka = r.require("iluka-eneabba");
        Economics ei = ProjectValuation.economics(iluka, r.marketOf(iluka));
        assertThat(ei.capex()[0]).isCloseTo(1750 * 0.65, within(1e-9)); // one build year left in the horizon, AUD → USD
        assertThat(ProjectValuation.statedSupport(r.require("mp-mountain-pass"))).isEqualTo(new Support.FloorWithUpside(110, 0.3, 0, 10));
        assertThat(ProjectValuation.statedSupport(r.require("mp-10x"))).isEqualTo(new Support.FloorWithUpside(0, 0, 140, 10));
    }

    private static List<Problem> problems(Path dir, String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
        try {
            Registry.load(List.of(dir));
        } catch (RegimeInvalidException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems");
    }

    /** A valid user project file (its tests change one thing at a time; PolicyTest reuses it). */
    public static final String GOOD = """
            project: my-mine
            name: My mine
            country: US
            location: {lat: 40, lon: -110}
            minerals: [lithium]
            product: lithium carbonate
            stage: mine
            status: feasibility
            market: lce
            start_year: 2030
            construction_years: 2
            capacity: {value: 20000, source: S1}
            capex: {value: 800, source: S1}
            opex: {value: 7000, assumption: A1}
            esg: {rbc_policy: true, ilo_core: true, permits: pending}
            sources:
              S1: {url: "https://example.org/feasibility", date: 2025-05-01, what: "feasibility study"}
            assumptions:
              A1: "cash cost from a peer"
            """;

    @Test
    void aUserProjectFileIsAdded(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), GOOD);
        Registry r = Registry.load(List.of(dir));
        assertThat(r.require("my-mine").capacity().value()).isEqualTo(20000);
        assertThat(r.projects()).hasSize(Registry.bundled().projects().size() + 1);
    }

    /**
     * sustaining_capex (millions of the currency a year) is spent in every year of production, from the first year of the ramp
     * to the last of the life, converted at usd_per_unit; reported with its provenance.
     */
    @Test
    void sustainingCapexIsSpentInEveryYearOfProduction(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), GOOD.replace("opex: {value: 7000, assumption: A1}",
                "opex: {value: 7000, assumption: A1}\nsustaining_capex: {value: 20, assumption: A1}\ncurrency: AUD\n"
                        + "usd_per_unit: {value: 0.65, assumption: A1}\nlife_years: 3\nramp_up: [0.5]"));
        Registry r = Registry.load(List.of(dir));
        Project p = r.require("my-mine");
        Economics e = ProjectValuation.economics(p, r.marketOf(p));
        // built 2028–2029, produces 2030–2032 (years 5..7)
        assertThat(e.sustaining()).containsExactly(new double[]{0, 0, 0, 0, 13, 13, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, within(1e-12));
        assertThat(lodestone.finance.Reports.project(p).get("sustaining_capex").toString()).contains("20").contains("A1");
        List<Problem> ps = problems(dir, "mine.yaml", GOOD.replace("opex: {value: 7000, assumption: A1}",
                "opex: {value: 7000, assumption: A1}\nsustaining_capex: {value: -20, assumption: A1}"));
        assertThat(ps).extracting(Problem::toString).containsExactly(dir.resolve("mine.yaml") + ":15: sustaining_capex.value: -20 is out of "
                + "range; expected between 0 and 10000000 (millions of the currency a year of production)");
    }

    /** A fixed cash cost is in a project's report (CLI --json, GET /api/projects/{id}) with its provenance; it was left out. */
    @Test
    void aFixedCashCostIsReportedWithItsProvenance(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mine.yaml"), GOOD.replace("opex: {value: 7000, assumption: A1}",
                "opex: {value: 7000, assumption: A1}\nfixed_opex: {value: 12.5, assumption: A1}"));
        java.util.Map<String, Object> m = lodestone.finance.Reports.project(Registry.load(List.of(dir)).require("my-mine"));
        assertThat(m.get("fixed_opex").toString()).contains("12.5").contains("A1");
        assertThat(lodestone.finance.Reports.project(Registry.bundled().projects().get(0))).containsEntry("fixed_opex", null);
    }

    /** Reported by a review: a file whose every figure cites an assumption was refused for having no sources: section. */
    @Test
    void aFileOfAssumptionsOnlyNeedsNoSources(@TempDir Path dir) throws IOException {
        String assumed = GOOD.replace("source: S1", "assumption: A1").replaceAll("(?s)sources:\n  S1: \\{[^}]*}\n", "");
        assertThat(assumed).doesNotContain("sources").doesNotContain("S1");
        Files.writeString(dir.resolve("mine.yaml"), assumed);
        assertThat(Registry.load(List.of(dir)).require("my-mine").capacity().value()).isEqualTo(20000);
        // a figure that cites a source in such a file is told there are none
        List<Problem> ps = problems(dir, "cites.yaml", assumed.replace("my-mine", "cites").replace("capex: {value: 800, assumption: A1}",
                "capex: {value: 800, source: S1}"));
        assertThat(ps).extracting(Problem::toString).anySatisfy(x -> assertThat(x)
                .contains("capex.source: 'S1' is not among this file's sources (it has none: list it under sources: as ID: {url, date, what})"));
    }

    @Test
    void malformedFilesGiveLocatedErrors(@TempDir Path dir) throws IOException {
        List<Problem> ps = problems(dir, "bad.yaml", GOOD
                .replace("capacity: {value: 20000, source: S1}", "capacity: {value: -5, source: S1}")
                .replace("opex: {value: 7000, assumption: A1}", "opex: 7000")
                .replace("market: lce", "market: lce\nramp_up: [0.5, 1.5]\ndebt: {amount: {value: 100, source: S9}, rate: {value: 0.05, source: S1}}"));
        assertThat(ps).extracting(Problem::toString).anySatisfy(s -> assertThat(s).startsWith(dir.resolve("bad.yaml") + ":14: capacity.value: -5 is out of range; expected between 0 and 100000000"))
                .anySatisfy(s -> assertThat(s).contains(":16: opex: a bare number has no provenance"))
                .anySatisfy(s -> assertThat(s).contains(":10: ramp_up[1]: 1.5 is out of range"))
                .anySatisfy(s -> assertThat(s).contains(":11: debt.amount.source: 'S9' is not among this file's sources (S1)"));
    }

    /**
     * A loan that outlives the plant: the service falling after the last year of production was dropped without a word (Debt.service
     * keeps the years valued), so the DSCR never saw it and the principal still owed was forgiven, and the debt capacity was said to
     * be "25 years" over the years that produce. By hand: first production 2030, 3 years of grace, repayment 2033 + 18 − 1 = 2050,
     * after the last year of production 2030 + 20 − 1 = 2049; at most 2049 − 2033 + 1 = 17 years. An operating plant's debt runs
     * from the valuation's first year 2026: start_year 2013, life 30 (to 2042), grace 1, tenor 17 repays until 2043.
     */
    @Test
    void aDebtRepaidAfterTheLastYearOfProductionIsRefused(@TempDir Path dir) throws IOException {
        String debt = "market: lce\ndebt: {amount: {value: 100, source: S1}, rate: {value: 0.05, source: S1}, tenor: %d, grace: %d}";
        Path a = Files.createDirectory(dir.resolve("a")), b = Files.createDirectory(dir.resolve("b")), c = Files.createDirectory(dir.resolve("c"));
        assertThat(problems(a, "loan.yaml", GOOD.replace("market: lce", debt.formatted(18, 3)))).extracting(Problem::toString)
                .containsExactly(a.resolve("loan.yaml") + ":10: debt.tenor: 18 years after 3 of grace from the first year of production 2030, "
                        + "repay until 2050, after the last year of production 2049 (start_year 2030 + life_years 20 − 1): the service of "
                        + "2050 would have no production to pay it, and the valuation would not count it; at most 17 years with this grace");
        Files.writeString(b.resolve("loan.yaml"), GOOD.replace("market: lce", debt.formatted(17, 3)));
        assertThat(Registry.load(List.of(b)).project("my-mine").orElseThrow().debt().tenor()).isEqualTo(17);
        String operating = GOOD.replace("start_year: 2030", "start_year: 2013\nlife_years: 30").replace("status: feasibility", "status: operating");
        assertThat(problems(c, "old.yaml", operating.replace("market: lce", debt.formatted(17, 1)))).extracting(Problem::toString)
                .containsExactly(c.resolve("old.yaml") + ":10: debt.tenor: 17 years after 1 of grace from 2026, the valuation's first "
                        + "year (the plant produces since 2013), repay until 2043, after the last year of production 2042 (start_year 2013 "
                        + "+ life_years 30 − 1): the service of 2043 would have no production to pay it, and the valuation would not count "
                        + "it; at most 16 years with this grace");
    }

    /**
     * A production schedule longer than the mine: ramp_up [0.4, 0.8, 1.0] on a life of 2 years was read and its third share
     * silently dropped (the valuation produces within the life). It is refused at ramp_up with both lengths.
     */
    @Test
    void aRampUpLongerThanTheLifeIsRefused(@TempDir Path dir) throws IOException {
        List<Problem> ps = problems(dir, "long.yaml", GOOD.replace("market: lce", "market: lce\nramp_up: [0.4, 0.8, 1.0]\nlife_years: 2"));
        assertThat(ps).extracting(Problem::toString).containsExactly(dir.resolve("long.yaml") + ":10: ramp_up: 3 shares for a life "
                + "of 2 years (life_years): the shares after year 2 would never be produced; shorten ramp_up or lengthen life_years");
        // as long as the life is accepted
        Files.writeString(dir.resolve("long.yaml"), GOOD.replace("market: lce", "market: lce\nramp_up: [0.4, 0.8]\nlife_years: 2"));
        assertThat(Registry.load(List.of(dir)).require("my-mine").rampUp()).containsExactly(0.4, 0.8);
    }

    /**
     * A cost per tonne in a market priced per kg: opex 37,980 (USD/t) on the ndpr market (USD/kg, P₀ 69) was valued as
     * 37,980 USD/kg — an NPV of minus 1.7 trillion USD without a word. A cost, strike or offtake price in a project file more
     * than 100 times the market's reference price (a strike or a price also less than 1/100 of it) is refused at its line, as
     * the command line's prices are.
     */
    @Test
    void aPriceOrCostInTheWrongUnitForItsMarketIsRefused(@TempDir Path dir) throws IOException {
        String f = dir.resolve("unit.yaml").toString();
        List<Problem> ps = problems(dir, "unit.yaml", GOOD.replace("market: lce", "market: ndpr")
                .replace("opex: {value: 7000, assumption: A1}", "opex: {value: 37980, assumption: A1}\n"
                        + "support: {type: floor, strike: {value: 0.11, assumption: A1}, years: 10}"));
        assertThat(ps).extracting(Problem::toString).containsExactly(
                f + ":14: opex.value: 37980 USD/kg is 550× the market ndpr's reference price 69 USD/kg; a figure in the "
                        + "wrong unit? (the market is priced in USD/kg: 37980 USD/t is 37.98 USD/kg)",
                f + ":15: support.strike.value: 0.11 USD/kg is 0.00159× the market ndpr's reference price 69 USD/kg; a figure "
                        + "in the wrong unit? (the market is priced in USD/kg)");
        // a cost of 99 times the price is a (hopeless) project, not a unit slip: valued
        Files.writeString(dir.resolve("unit.yaml"), GOOD.replace("market: lce", "market: ndpr")
                .replace("opex: {value: 7000, assumption: A1}", "opex: {value: 6831, assumption: A1}"));
        assertThat(Registry.load(List.of(dir)).require("my-mine").opex().value()).isEqualTo(6831);
    }

    /** Reported by a review: capacity 1e20 was accepted and valued. Every magnitude has a documented bound, said with its unit. */
    @Test
    void absurdMagnitudesAreRefusedWithTheirBoundAndUnit(@TempDir Path dir) throws IOException {
        List<Problem> ps = problems(dir, "huge.yaml", GOOD
                .replace("capacity: {value: 20000, source: S1}", "capacity: {value: 1e20, source: S1}")
                .replace("capex: {value: 800, source: S1}", "capex: {value: 800000000000, source: S1}")
                .replace("opex: {value: 7000, assumption: A1}", "opex: {value: 2e7, assumption: A1}\nfixed_opex: {value: 5e7, assumption: A1}")
                .replace("start_year: 2030", "start_year: 20300"));
        String f = dir.resolve("huge.yaml").toString();
        assertThat(ps).extracting(Problem::toString).containsExactly(
                f + ":10: start_year: 20300 is out of range; expected an integer between 1950 and 2100",
                f + ":12: capacity.value: 100000000000000000000 is out of range; expected between 0 and 100000000 (t a year at "
                        + "full ramp)",
                f + ":13: capex.value: 800000000000 is out of range; expected between 0 and 100000000 (millions of the currency: "
                        + "1220 is 1.22 billion)",
                f + ":14: opex.value: 20000000 is out of range; expected between 0 and 10000000 (a cash cost per unit, in the "
                        + "market's price unit)",
                f + ":15: fixed_opex.value: 50000000 is out of range; expected between 0 and 10000000 (millions of the currency a year)");
    }

    /**
     * Reported by the fx review: a project in USD that kept a usd_per_unit (copied from an AUD project) was valued at its
     * figures × 0.65 while `projects show` printed "USD 800 M" — and "0.65 USD per USD"; a currency that is no ISO 4217 code
     * (RMB, the renminbi's everyday name; CDN) was taken as one. Both are refused at their field.
     */
    @Test
    void aUsdProjectTakesNoExchangeRateAndACurrencyIsAnIso4217Code(@TempDir Path dir) throws IOException {
        String f = dir.resolve("fx.yaml").toString();
        List<Problem> usd = problems(dir, "fx.yaml", GOOD.replace("capex: {value: 800, source: S1}",
                "capex: {value: 800, source: S1}\ncurrency: USD\nusd_per_unit: {value: 0.65, assumption: A1}"));
        assertThat(usd).extracting(Problem::toString).containsExactly(f + ":15: usd_per_unit: the project's currency is USD, "
                + "which takes no exchange rate (its figures would be valued at 0.65 times what they say); remove usd_per_unit, "
                + "or set currency to the currency its figures are in");
        List<Problem> rmb = problems(dir, "fx.yaml", GOOD.replace("capex: {value: 800, source: S1}",
                "capex: {value: 800, source: S1}\ncurrency: RMB\nusd_per_unit: {value: 0.14, assumption: A1}"));
        assertThat(rmb).extracting(Problem::toString).containsExactly(f + ":14: currency: 'RMB' is not an ISO 4217 currency "
                + "code (the renminbi is CNY)");
        List<Problem> cdn = problems(dir, "fx.yaml", GOOD.replace("capex: {value: 800, source: S1}",
                "capex: {value: 800, source: S1}\ncurrency: CDN\nusd_per_unit: {value: 0.73, assumption: A1}"));
        assertThat(cdn).extracting(Problem::toString).containsExactly(f + ":14: currency: 'CDN' is not an ISO 4217 currency "
                + "code (the Canadian dollar is CAD)");
        // an ISO 4217 code with its rate, and USD without one, are read as before
        Files.writeString(dir.resolve("fx.yaml"), GOOD.replace("capex: {value: 800, source: S1}",
                "capex: {value: 800, source: S1}\ncurrency: CAD\nusd_per_unit: {value: 0.73, assumption: A1}"));
        assertThat(Registry.load(List.of(dir)).require("my-mine").usdPerUnit().value()).isEqualTo(0.73);
        Files.writeString(dir.resolve("fx.yaml"), GOOD.replace("capex: {value: 800, source: S1}",
                "capex: {value: 800, source: S1}\ncurrency: USD"));
        assertThat(Registry.load(List.of(dir)).require("my-mine").usdPerUnit()).isNull();
    }

    @Test
    void ownersHoldingMoreThanTheWholeProjectAreRefused(@TempDir Path dir) throws IOException {
        List<Problem> ps = problems(dir, "owners.yaml", GOOD.replace("sources:", """
                owners:
                  - {name: Alpha Mining, country: US, share: {value: 0.7, source: S1}}
                  - {name: Beta Capital, country: CA, share: {value: 0.4, assumption: A1}}
                  - {name: Gamma Trust, country: US}
                sources:"""));
        assertThat(ps).extracting(Problem::toString).containsExactly(dir.resolve("owners.yaml") + ":17: owners: the owners' shares of my-mine "
                + "add up to 110 % (Alpha Mining 70 % + Beta Capital 40 %); they may hold at most 100 % together. List each owner's direct "
                + "share of the project: a shareholder of an owner is not an owner of the project");
    }

    @Test
    void ownersHoldingExactlyTheWholeProjectAreAccepted(@TempDir Path dir) throws IOException {
        // 0.33 + 0.56 + 0.11 is 1.0000000000000002 in binary floating point; the check sums the decimals as written
        Files.writeString(dir.resolve("mine.yaml"), GOOD.replace("sources:", """
                owners:
                  - {name: Alpha Mining, country: US, share: {value: 0.33, source: S1}}
                  - {name: Beta Capital, country: CA, share: {value: 0.56, source: S1}}
                  - {name: Gamma Trust, country: US, share: {value: 0.11, source: S1}}
                sources:"""));
        assertThat(0.33 + 0.56 + 0.11).isGreaterThan(1.0);
        assertThat(Registry.load(List.of(dir)).require("my-mine").owners()).hasSize(3);
    }

    @Test
    void unknownMarketAndDuplicateIdsAreRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), GOOD.replace("market: lce", "market: copper"));
        Files.writeString(dir.resolve("b.yaml"), GOOD.replace("my-mine", "thacker-pass"));
        assertThatThrownBy(() -> Registry.load(List.of(dir))).isInstanceOfSatisfying(RegimeInvalidException.class, e -> {
            assertThat(e.problems()).extracting(Problem::toString)
                    .anySatisfy(s -> assertThat(s).contains("a.yaml:9: market: 'copper' is not a known market")) // the market's line, not the file's first
                    .anySatisfy(s -> assertThat(s).contains("b.yaml:1: project: project 'thacker-pass' is already defined in data/projects/thacker-pass.yaml:2"));
        });
    }

    @Test
    void oneMistakeIsReportedOnceAndNotAsUnknownReferencesElsewhere(@TempDir Path dir) throws IOException {
        // a market with one mistyped value and one bare number: the two real errors, not "cobalt is not a known market"
        // for the project that uses it, nor "C3 is not cited" for the source the bare number meant
        Files.writeString(dir.resolve("markets.yaml"), """
                markets:
                  - id: cobalt
                    product: cobalt metal
                    unit: USD/t
                    series: {years: [2024, 2025], prices: [30000, 33000], source: C1}
                    model: {type: ou, p0: {value: 3x000, source: C1}, long_run: {value: 30000, source: C1}, kappa: {value: 0.8, source: C2}, sigma: 0.4}
                sources:
                  C1: {url: "https://example.org/c1", date: 2025, what: "cobalt prices"}
                  C2: {url: "https://example.org/c2", date: 2025, what: "mean reversion"}
                  C3: {url: "https://example.org/c3", date: 2025, what: "volatility"}
                """);
        Files.writeString(dir.resolve("a.yaml"), GOOD.replace("my-mine", "co-mine").replace("market: lce", "market: cobalt"));
        // a project with a mistyped capacity, and one that feeds it: only the capacity is wrong
        Files.writeString(dir.resolve("b.yaml"), GOOD.replace("my-mine", "co-refinery").replace("{value: 20000, source: S1}", "{value: 2o000, source: S1}"));
        Files.writeString(dir.resolve("c.yaml"), GOOD.replace("my-mine", "co-plant").replace("market: lce", "market: lce\nfeeds: co-refinery"));
        // a refused project's own real reference errors are still reported: an unknown market and an unknown feed
        Files.writeString(dir.resolve("d.yaml"), GOOD.replace("my-mine", "co-other").replace("market: lce", "market: copper\nfeeds: nowhere")
                .replace("opex: {value: 7000, assumption: A1}", "opex: {value: 7000, assumption: A9}"));
        String d = dir + "/";
        assertThatThrownBy(() -> Registry.load(List.of(dir))).isInstanceOfSatisfying(RegimeInvalidException.class, e ->
                assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        d + "b.yaml:12: capacity.value: '2o000' is not a number",
                        // at the lines of market: and feeds: (both were reported at line 1, the project's id)
                        d + "d.yaml:9: market: 'copper' is not a known market; expected one of ndpr, lce, gallium, antimony, germanium, ndfeb",
                        d + "d.yaml:10: feeds: 'nowhere' is not a project in the registry",
                        d + "d.yaml:15: opex.assumption: 'A9' is not among this file's assumptions (A1)",
                        d + "markets.yaml:6: markets[0].model.p0.value: '3x000' is not a number",
                        d + "markets.yaml:6: markets[0].model.sigma: a bare number has no provenance; write {value: 0.4, source: ID} (or assumption: ID)"));
    }

    /** A market's price series is optional when its model's figures are given; calibration without one is refused, located. */
    @Test
    void aMarketWithoutASeriesNeedsItsModelStated(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("markets.yaml"), """
                markets:
                  - id: cobalt
                    product: cobalt metal
                    unit: USD/t
                    model: {type: ou, p0: {value: 33000, source: C1}, long_run: {value: 30000, source: C1}, kappa: {value: 0.8, source: C1}, sigma: {value: 0.4, source: C1}}
                  - id: tin
                    product: tin metal
                    unit: USD/t
                    model: {type: ou, calibrate: true}
                sources:
                  C1: {url: "https://example.org/c1", date: 2025, what: "cobalt prices"}
                """);
        assertThatThrownBy(() -> Registry.load(List.of(dir))).isInstanceOfSatisfying(RegimeInvalidException.class, e ->
                assertThat(e.problems()).extracting(Problem::toString).containsExactly(dir + "/markets.yaml:9: markets[1].model.calibrate: "
                        + "calibration fits the model to the market's price series: give series: {years, prices, source}, or the model's "
                        + "p0, long_run, kappa and sigma"));
        Files.writeString(dir.resolve("markets.yaml"), Files.readString(dir.resolve("markets.yaml")).replace("""
                  - id: tin
                    product: tin metal
                    unit: USD/t
                    model: {type: ou, calibrate: true}
                """, ""));
        Market co = Registry.load(List.of(dir)).market("cobalt").orElseThrow();
        assertThat(co.prices()).isEmpty();
        assertThat(co.referencePrice()).isEqualTo(33000);
    }

    @Test
    void anUncitedSourceIsStillReportedInAnOtherwiseReadableFile(@TempDir Path dir) throws IOException {
        List<Problem> ps = problems(dir, "mine.yaml", GOOD.replace("assumptions:", "  S2: {url: \"https://example.org/s2\", date: 2025, what: \"unused\"}\nassumptions:"));
        assertThat(ps).extracting(Problem::toString).containsExactly(dir.resolve("mine.yaml") + ":18: sources.S2: source S2 is not cited by any figure; remove it or cite it");
    }

    @Test
    void unitsAreCheckedOnPrices() {
        assertThat(Units.parsePrice("110", "USD/kg", 69, "--floor")).isEqualTo(110);
        assertThat(Units.parsePrice("110USD/kg", "USD/kg", 69, "--floor")).isEqualTo(110);
        assertThatThrownBy(() -> Units.parsePrice("110000USD/t", "USD/kg", 69, "--floor"))
                .hasMessage("--floor: 110000USD/t is in USD/t but this market is priced in USD/kg (110000 USD/t = 110 USD/kg)");
        assertThatThrownBy(() -> Units.parsePrice("110000", "USD/kg", 69, "--floor"))
                .hasMessage("--floor: 110000 USD/kg is 1,594.2× the market's reference price 69 USD/kg; a price in the wrong unit? (expected USD/kg)");
        assertThatThrownBy(() -> Units.parsePrice("-3", "USD/kg", 69, "--cfd")).hasMessageContaining("must be a positive price");
    }
}
