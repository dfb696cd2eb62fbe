package lodestone.finance.projects;

import lodestone.finance.Reports;
import lodestone.finance.valuation.CashFlows;
import lodestone.finance.valuation.Economics;
import lodestone.finance.valuation.Fiscal;
import lodestone.finance.valuation.Support;
import lodestone.finance.valuation.Valuation;
import lodestone.finance.valuation.ValuationResult;
import lodestone.regime.Problem;
import lodestone.regime.RegimeInvalidException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Closure and rehabilitation cost, working capital and the mid-year convention (docs/valuation.md, "Cash flows"), on the flat
 * plant of examples/projects whose flows are written out by hand: 60 USD/kg flat, a cash cost of 40 USD/kg, 1,000 t a year
 * in 2026–2045 (revenue 60 M USD, cash costs 40 M, EBITDA 20 M a year), 100 M USD of capex in 2026, no tax, 10 %:
 * NPV = 20 × (1 − 1.1⁻²⁰)/0.1 − 100/1.1 = 79.3622 M USD.
 */
class ClosureWorkingCapitalTest {
    static final double BASE = 20 * (1 - Math.pow(1.1, -20)) / 0.1 - 100 / 1.1;

    private static Project plant(Path dir, String extra) throws IOException {
        return plant(dir, extra, "");
    }

    /** The flat plant with {@code extra} added and {@code drop} taken out of its file. */
    private static Project plant(Path dir, String extra, String drop) throws IOException {
        Path ex = RegistryTest.repo().resolve("examples/projects");
        Files.copy(ex.resolve("flat-market.yaml"), dir.resolve("flat-market.yaml"));
        String plant = Files.readString(ex.resolve("flat-plant.yaml"));
        if (!drop.isEmpty()) plant = plant.replace(drop, "");
        Files.writeString(dir.resolve("flat-plant.yaml"), plant.replace("esg:", extra + "\nesg:"));
        return Registry.load(List.of(dir)).require("flat-plant");
    }

    private static ValuationResult value(Project p, Path dir) {
        Registry r = Registry.load(List.of(dir));
        Market m = r.marketOf(p);
        return Valuation.run(ProjectValuation.economics(p, m), m.process(), new Support.None(), Valuation.Options.of(100, 1));
    }

    /**
     * A closure cost of 50 M USD with no year: paid in 2046, the year after the last of production, which the valuation now
     * reaches (21 years). NPV = 79.3622 − 50/1.1²¹ = 79.3622 − 6.7565 = 72.6057; the IRR is the root of −80, 20 × 19, −50.
     */
    @Test
    void aClosureCostIsPaidTheYearAfterTheLastOfProduction(@TempDir Path dir) throws IOException {
        Project p = plant(dir, "closure: {cost: {value: 50, assumption: A1}}");
        assertThat(p.closure().startYear()).isEqualTo(2046);
        assertThat(ProjectValuation.endYear(p)).isEqualTo(2046);
        Economics e = ProjectValuation.economics(p, Registry.load(List.of(dir)).marketOf(p));
        assertThat(e.years()).isEqualTo(21);
        assertThat(e.closure()[20]).isEqualTo(50);
        ValuationResult v = value(p, dir);
        assertThat(v.npvWithout().mean()).isCloseTo(BASE - 50 / Math.pow(1.1, 21), within(1e-9));
        assertThat(v.npvWithout().mean()).isCloseTo(72.6057, within(1e-4));
        double irr = v.irrWithout().mean();
        double npvAtIrr = -100 / (1 + irr) - 50 / Math.pow(1 + irr, 21);
        for (int t = 1; t <= 20; t++) npvAtIrr += 20 / Math.pow(1 + irr, t);
        assertThat(npvAtIrr).isCloseTo(0, within(1e-9));
        // the payback year is unchanged (year 5), and the text of what is left out no longer names closure
        assertThat(v.paybackWithout().medianYear()).isEqualTo(5);
        assertThat(ProjectValuation.notModelled(p)).isEqualTo("working capital, value after the last year of production (no terminal value); "
                + "flows fall at the ends of years (no mid-year convention); depreciation straight-line over 10 years");
        Map<String, Object> json = Reports.valuation(v, "USD/kg", p);
        assertThat(json.get("closure")).isEqualTo(Map.of("cost", Map.of("value", 50.0, "assumption", "A1"), "first_year", 2046, "last_year", 2046,
                "cost_musd", 50.0));
        assertThat(json.get("last_year")).isEqualTo(2046);
    }

    /** Spread over years stated: 60 M USD over 2044–2046 is 20 M in each; the first two fall in years of production. */
    @Test
    void aClosureCostIsSpreadOverItsYears(@TempDir Path dir) throws IOException {
        Project p = plant(dir, "closure: {cost: {value: 60, assumption: A1}, start_year: 2044, years: 3}");
        ValuationResult v = value(p, dir);
        assertThat(v.years()).isEqualTo(21);
        assertThat(v.npvWithout().mean()).isCloseTo(BASE - 20 * (Math.pow(1.1, -19) + Math.pow(1.1, -20) + Math.pow(1.1, -21)), within(1e-9));
    }

    /**
     * Closure is deducted from taxable income in the year it is paid: capex 100 in year 1, 1,000 t in years 2 and 3 at 70 USD/kg
     * and a cost of 40 (EBITDA 30), tax 21 % after depreciation of 10 a year. Closure of 20 in year 3: taxable 30 − 10 − 20 = 0,
     * no tax; FCF −100, 25.8, 10; CFADS of year 3 is 10. Closure of 20 in year 4, after production: a loss of 20 carried forward
     * with no income left to set it against; FCF −100, 25.8, 25.8, −20.
     */
    @Test
    void closureIsDeductedFromTaxableIncomeInItsYear() {
        double[] capex = {100, 0, 0, 0}, volume = {0, 1000, 1000, 0}, price = {70, 70, 70, 70};
        Economics during = new Economics("c", "USD/kg", "t", 0.001, capex, volume, 40, 0, new Fiscal.AdValorem(0), new Fiscal.FlatWithLosses(0.21),
                10, 0.10, 0.04, null, new double[4], new double[]{0, 0, 20, 0}, null, false);
        CashFlows cf = new CashFlows(during, new Support.None());
        cf.evaluate(price);
        assertThat(cf.flows()).containsExactly(new double[]{-100, 25.8, 10, 0}, within(1e-12));
        assertThat(cf.cfads()[2]).isCloseTo(10, within(1e-12));
        Economics after = new Economics("c", "USD/kg", "t", 0.001, capex, volume, 40, 0, new Fiscal.AdValorem(0), new Fiscal.FlatWithLosses(0.21),
                10, 0.10, 0.04, null, new double[4], new double[]{0, 0, 0, 20}, null, false);
        CashFlows ca = new CashFlows(after, new Support.None());
        ca.evaluate(price);
        assertThat(ca.flows()).containsExactly(new double[]{-100, 25.8, 25.8, -20}, within(1e-12));
    }

    /**
     * A lender's DSCR sees both: capex 100 in year 1, 1,000 t in years 2 and 3 at 70 USD/kg and a cost of 40 (EBITDA 30), no
     * tax; debt of 40 at 0 % over 2 years (service 20 in years 2 and 3). Receivables of 73 days (a fifth of revenue 70: 14)
     * are built in year 2 and closure of 20 is paid in year 3: CFADS 30 − 14 = 16 and 30 − 20 = 10, DSCR 0.80× and 0.50×
     * (minimum 0.50×, average 0.65×); without them 1.50× in both years. The working capital comes back in year 4 (+14).
     */
    @Test
    void closureAndWorkingCapitalLowerTheDscrInTheDebtsYears() {
        double[] capex = {100, 0, 0, 0}, volume = {0, 1000, 1000, 0}, price = {70, 70, 70, 70};
        lodestone.finance.valuation.Debt debt = new lodestone.finance.valuation.Debt(40, 0, 2, 0, lodestone.finance.valuation.Debt.Schedule.ANNUITY);
        Economics e = new Economics("d", "USD/kg", "t", 0.001, capex, volume, 40, 0, new Fiscal.AdValorem(0), new Fiscal.FlatWithLosses(0),
                10, 0.10, 0.04, debt, new double[4], new double[]{0, 0, 20, 0}, new Economics.WorkingCapital(73, 0, 0), false);
        CashFlows cf = new CashFlows(e, new Support.None());
        cf.evaluate(price);
        assertThat(cf.cfads()).containsExactly(new double[]{0, 16, 10, 14}, within(1e-12));
        double[] dscr = new double[2];
        cf.dscr(dscr);
        assertThat(dscr[0]).isCloseTo(0.5, within(1e-12));
        assertThat(dscr[1]).isCloseTo(0.65, within(1e-12));
        CashFlows plain = new CashFlows(new Economics("d", "USD/kg", "t", 0.001, capex, volume, 40, 0, new Fiscal.AdValorem(0),
                new Fiscal.FlatWithLosses(0), 10, 0.10, 0.04, debt), new Support.None());
        plain.evaluate(price);
        plain.dscr(dscr);
        assertThat(dscr).containsExactly(new double[]{1.5, 1.5}, within(1e-12));
    }

    /**
     * Working capital of 36.5 days of receivables (on revenue, 60 M USD), 73 of inventory and 36.5 of payables (on cash costs,
     * 40 M): (36.5 × 60 + (73 − 36.5) × 40)/365 = 6 + 4 = 10 M USD, built in 2026 (FCF 20 − 100 − 10 = −90) and released in
     * 2046, the year after the last of production (+10). NPV = 79.3622 − 10/1.1 + 10/1.1²¹ = 79.3622 − 9.0909 + 1.3513 = 71.6226.
     */
    @Test
    void workingCapitalIsBuiltUpAndReleasedAfterTheLastYearOfProduction(@TempDir Path dir) throws IOException {
        Project p = plant(dir, "working_capital: {receivables_days: {value: 36.5, assumption: A1}, inventory_days: {value: 73, assumption: A1}, "
                + "payables_days: {value: 36.5, assumption: A1}}");
        Economics e = ProjectValuation.economics(p, Registry.load(List.of(dir)).marketOf(p));
        assertThat(e.years()).isEqualTo(21);
        CashFlows cf = new CashFlows(e, new Support.None());
        double[] price = new double[21];
        java.util.Arrays.fill(price, 60);
        cf.evaluate(price);
        double[] f = cf.flows();
        assertThat(f[0]).isCloseTo(-90, within(1e-12));
        assertThat(f[1]).isCloseTo(20, within(1e-12));
        assertThat(f[19]).isCloseTo(20, within(1e-12));
        assertThat(f[20]).isCloseTo(10, within(1e-12));
        ValuationResult v = value(p, dir);
        assertThat(v.npvWithout().mean()).isCloseTo(BASE - 10 / 1.1 + 10 / Math.pow(1.1, 21), within(1e-9));
        assertThat(v.npvWithout().mean()).isCloseTo(71.6226, within(1e-4));
        assertThat(ProjectValuation.notModelled(p)).startsWith("closure and rehabilitation costs, value after");
    }

    /**
     * A plant already producing before 2026 holds its working capital already: the valuation (as at 2026) does not build it
     * again in 2026, and it is released after the last year. The flat plant from 2024 (life 22: to 2045), 10 M USD of
     * working capital: FCF 20 − 100 in 2026, 20 a year to 2045, +10 in 2046; NPV = 79.3622 + 10/1.1²¹ = 80.7135.
     */
    @Test
    void anOperatingPlantsWorkingCapitalIsHeldAlready(@TempDir Path dir) throws IOException {
        plant(dir, "working_capital: {receivables_days: {value: 36.5, assumption: A1}, inventory_days: {value: 73, assumption: A1}, "
                + "payables_days: {value: 36.5, assumption: A1}}");
        Path f = dir.resolve("flat-plant.yaml");
        Files.writeString(f, Files.readString(f).replace("start_year: 2026", "start_year: 2024").replace("life_years: 20", "life_years: 22"));
        Project p = Registry.load(List.of(dir)).require("flat-plant");
        ValuationResult v = value(p, dir);
        assertThat(v.years()).isEqualTo(21);
        assertThat(v.npvWithout().mean()).isCloseTo(BASE + 10 / Math.pow(1.1, 21), within(1e-9));
        assertThat(v.npvWithout().mean()).isCloseTo(80.7135, within(1e-4));
    }

    /**
     * A ramp-up builds working capital in steps: 50 % then 100 % of 1,000 t, receivables of 73 days (a fifth of revenue): 6 M
     * USD in 2026 and 6 more in 2027, 12 released in 2046. FCF 10 − 100 − 6 = −96, 20 − 6 = 14, then 20, and +12.
     */
    @Test
    void workingCapitalFollowsTheRampUp(@TempDir Path dir) throws IOException {
        Project p = plant(dir, "working_capital: {receivables_days: {value: 73, assumption: A1}}\nramp_up: [0.5, 1.0]", "ramp_up: [1.0]\n");
        CashFlows cf = new CashFlows(ProjectValuation.economics(p, Registry.load(List.of(dir)).marketOf(p)), new Support.None());
        cf.evaluate(flat(21, 60));
        double[] f = cf.flows();
        assertThat(f[0]).isCloseTo(-96, within(1e-12));
        assertThat(f[1]).isCloseTo(14, within(1e-12));
        assertThat(f[2]).isCloseTo(20, within(1e-12));
        assertThat(f[20]).isCloseTo(12, within(1e-12));
        assertThat(cf.cfads()[1]).isCloseTo(14, within(1e-12));
    }

    /**
     * The mid-year convention discounts every flow half a year less: NPV × 1.1^½ = 79.3622 × 1.048809 = 83.2358; the IRR, the
     * payback and the breakeven price do not move (scaling every flow's factor by one number keeps their roots).
     */
    @Test
    void midYearDiscountingRaisesTheNpvByHalfAYearAndKeepsTheIrr(@TempDir Path dir) throws IOException {
        Project p = plant(dir, "discounting: mid-year");
        ValuationResult v = value(p, dir);
        assertThat(v.years()).isEqualTo(20);
        assertThat(v.npvWithout().mean()).isCloseTo(BASE * Math.sqrt(1.1), within(1e-9));
        assertThat(v.npvWithout().mean()).isCloseTo(83.2358, within(1e-4));
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        ValuationResult y = value(plant(plain, "discounting: year-end"), plain);
        assertThat(y.npvWithout().mean()).isCloseTo(BASE, within(1e-9));
        assertThat(ProjectValuation.notModelled(Registry.load(List.of(plain)).require("flat-plant"))).isEqualTo(ProjectValuation.NOT_MODELLED);
        assertThat(v.irrWithout().mean()).isEqualTo(y.irrWithout().mean());
        assertThat(v.breakevenPriceWithout()).isCloseTo(y.breakevenPriceWithout(), within(1e-9));
        assertThat(ProjectValuation.notModelled(p)).isEqualTo("working capital, closure and rehabilitation costs, value after the last year of "
                + "production (no terminal value); depreciation straight-line over 10 years");
        assertThat(Reports.valuation(v, "USD/kg", p).get("discounting")).isEqualTo("mid-year");
    }

    /** A file that states none of the three is valued as before, to the bit, and says what it leaves out as before. */
    @Test
    void aFileWithoutTheNewFieldsIsValuedAsBefore(@TempDir Path dir) throws IOException {
        Project p = plant(dir, "");
        ValuationResult v = value(p, dir);
        assertThat(v.npvWithout().mean()).isEqualTo(new CashFlows(new Economics("flat", "USD/kg", "t", 0.001, capexOf(20), volumeOf(20), 40, 0,
                new Fiscal.AdValorem(0), new Fiscal.FlatWithLosses(0), 10, 0.10, 0.04, null), new Support.None()).evaluate(flat(20, 60)));
        assertThat(ProjectValuation.notModelled(p)).isEqualTo(ProjectValuation.NOT_MODELLED);
        Map<String, Object> json = Reports.valuation(v, "USD/kg", p);
        assertThat(json).doesNotContainKeys("closure", "working_capital", "discounting");
        assertThat(json).isEqualTo(Reports.valuation(v, "USD/kg"));
    }

    private static double[] capexOf(int n) {
        double[] c = new double[n];
        c[0] = 100;
        return c;
    }

    private static double[] volumeOf(int n) {
        return flat(n, 1000);
    }

    private static double[] flat(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /**
     * examples/projects/flat-plant-closure.yaml, all three: flows −90 (capex 100 and 10 of working capital), 20 a year to 2045
     * and 10 − 50 = −40 in 2046; at year-end 79.3622 − 10/1.1 − 40/1.1²¹ = 64.8661, mid-year × 1.1^½ = 68.0321 M USD.
     */
    @Test
    void theExampleWithAllThreeIsValuedAsByHand() {
        Registry r = Registry.load(List.of(RegistryTest.repo().resolve("examples/projects")));
        Project p = r.require("flat-plant-closure");
        ValuationResult v = Valuation.run(ProjectValuation.economics(p, r.marketOf(p)), r.marketOf(p).process(), new Support.None(),
                Valuation.Options.of(100, 1));
        assertThat(v.npvWithout().mean()).isCloseTo((BASE - 10 / 1.1 - 40 / Math.pow(1.1, 21)) * Math.sqrt(1.1), within(1e-9));
        assertThat(v.npvWithout().mean()).isCloseTo(68.0321, within(1e-4));
        assertThat(ProjectValuation.afterProduction(p)).isEqualTo("closure in 2046, working capital released in 2046");
        assertThat(ProjectValuation.notModelled(p)).isEqualTo("value after the last year of production (no terminal value); depreciation "
                + "straight-line over 10 years");
    }

    /**
     * docs/valuation.md's sensitivity on examples/studies' Nolans (1,908.9816 M USD): working capital of 30, 60 and 30 days on
     * revenue R = 4,440 t × 130.10 and costs C = 4,440 t × 37.98 (USD/kg × t = 0.001 M USD), W = (30R + 30C)/365, built 40 %,
     * 40 % and 20 % in 2028–2030 (years 3–5) and released in 2066 (year 41); closure 100 M USD in 2066. Neither changes the tax
     * (the closure's loss after the last of production is never used): NPV = 1,908.9816 − 0.4W/1.08³ − 0.4W/1.08⁴ − 0.2W/1.08⁵
     * + (W − 100)/1.08⁴¹ = 1,861.47.
     */
    @Test
    void theNolansSensitivityIsAsByHand(@TempDir Path dir) throws IOException {
        Path studies = RegistryTest.repo().resolve("examples/studies");
        Files.copy(studies.resolve("study-deck.yaml"), dir.resolve("study-deck.yaml"));
        Files.writeString(dir.resolve("nolans-study.yaml"), Files.readString(studies.resolve("nolans-study.yaml")).replace("tax: {value: 0.30, assumption: A2}",
                "tax: {value: 0.30, assumption: A2}\nclosure: {cost: {value: 100, assumption: A2}}\nworking_capital: {receivables_days: {value: 30, "
                        + "assumption: A2}, inventory_days: {value: 60, assumption: A2}, payables_days: {value: 30, assumption: A2}}"));
        Project p = Registry.load(List.of(dir)).require("nolans-study");
        ValuationResult v = value(p, dir);
        double w = (30 * 4440 * 130.10 * 0.001 + 30 * 4440 * 37.98 * 0.001) / 365;
        double byHand = 1908.981618923749 - 0.4 * w / Math.pow(1.08, 3) - 0.4 * w / Math.pow(1.08, 4) - 0.2 * w / Math.pow(1.08, 5)
                + (w - 100) / Math.pow(1.08, 41);
        assertThat(v.years()).isEqualTo(41);
        assertThat(v.npvWithout().mean()).isCloseTo(byHand, within(1e-6));
        assertThat(v.npvWithout().mean()).isCloseTo(1861.47, within(0.005));
    }

    @Test
    void closureAndWorkingCapitalAreCheckedAtTheirLines(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> plant(dir, "closure: {cost: {value: 50, assumption: A1}, start_year: 2020}\nworking_capital: {}\ndiscounting: midyear"))
                .isInstanceOfSatisfying(RegimeInvalidException.class, e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        dir.resolve("flat-plant.yaml") + ":18: closure.start_year: 2020 is before the valuation's first year 2026; the closure cost is "
                                + "what is still to be spent, from 2026 on",
                        dir.resolve("flat-plant.yaml") + ":19: working_capital: empty; expected receivables_days, inventory_days and/or payables_days "
                                + "(days of 365)",
                        dir.resolve("flat-plant.yaml") + ":20: discounting: 'midyear' is not allowed; expected year-end (the default: each year's "
                                + "flows at its end) or mid-year (at its middle)"));
    }

    @Test
    void workingCapitalDaysAreWithinAYear(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> plant(dir, "working_capital: {receivables_days: {value: 400, assumption: A1}}"))
                .hasMessageContaining("working_capital.receivables_days.value: 400 is out of range; expected between 0 and 365 (days of revenue (of 365))");
    }

    @Test
    void anEconomicsEndingInAYearOfProductionCannotHoldWorkingCapital() {
        assertThatThrownBy(() -> new Economics("c", "USD/kg", "t", 0.001, new double[]{100, 0}, new double[]{0, 1000}, 40, 0, new Fiscal.AdValorem(0),
                new Fiscal.FlatWithLosses(0), 10, 0.1, 0.04, null, new double[2], new double[2], new Economics.WorkingCapital(30, 0, 0), false))
                .hasMessage("working capital needs a year after the last year of production to be released in");
    }
}
