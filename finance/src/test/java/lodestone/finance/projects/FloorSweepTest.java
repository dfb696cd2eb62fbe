package lodestone.finance.projects;

import lodestone.finance.valuation.Debt;
import lodestone.finance.valuation.Economics;
import lodestone.finance.valuation.Support;
import lodestone.finance.valuation.Valuation;
import lodestone.finance.valuation.ValuationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The floor sweep: each row is the single valuation at its level and term; common random numbers make it monotonic. */
class FloorSweepTest {
    private static final Registry R = Registry.bundled();
    private static final Project P = R.require("nyrstar-clarksville-germanium");
    private static final Market M = R.marketOf(P);
    /** The germanium circuit with a 75 M loan at 7 %, 1 year of grace and 10 of repayment (its service runs to 2038). */
    private static final Economics E = ProjectValuation.economics(P, M).withDebt(new Debt(75, 0.07, 10, 1, Debt.Schedule.ANNUITY, 0));
    private static final Valuation.Options O = new Valuation.Options(4000, 7, 2, 1.3, null);

    @Test
    void aRowIsExactlyTheSingleValuationAtItsLevelAndTerm() {
        List<FloorSweep.Row> rows = FloorSweep.run(E, M.process(), List.of(2000.0, 2500.0), List.of(10, 11), null, null, O, null);
        assertThat(rows).extracting(FloorSweep.Row::floor, FloorSweep.Row::supportYears)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2000.0, 10), org.assertj.core.groups.Tuple.tuple(2000.0, 11),
                        org.assertj.core.groups.Tuple.tuple(2500.0, 10), org.assertj.core.groups.Tuple.tuple(2500.0, 11));
        FloorSweep.Row row = rows.get(3);
        ValuationResult single = Valuation.run(E, M.process(), new Support.Floor(2500, 11), O);
        ValuationResult r = row.result();
        assertThat(r.npvWith()).isEqualTo(single.npvWith());
        assertThat(r.npvWithout()).isEqualTo(single.npvWithout());
        assertThat(r.fiscalCost()).isEqualTo(single.fiscalCost());
        assertThat(r.supportValue()).isEqualTo(single.supportValue());
        assertThat(r.dscr()).isEqualTo(single.dscr());
        assertThat(r.probabilityOfLossWith()).isEqualTo(single.probabilityOfLossWith());
        // the warning is value's: 10 years of support leave 2038 to the market price, 11 cover it
        assertThat(rows.get(2).warnings()).isEqualTo(ProjectValuation.supportWarnings(E, new Support.Floor(2500, 10)));
        assertThat(rows.get(2).warnings().get(0)).contains("its 10 years cover 2028–2037 and the debt's service runs to 2038");
        assertThat(row.warnings()).isEmpty();
    }

    @Test
    void onTheSamePathsTheFiscalCostRisesAndTheProbabilityOfLossFallsWithTheFloor() {
        List<Double> levels = List.of(1000.0, 1500.0, 2000.0, 2500.0, 3000.0, 4000.0);
        List<FloorSweep.Row> rows = FloorSweep.run(E, M.process(), levels, List.of(11), null, null, O, null);
        for (int i = 1; i < rows.size(); i++) {
            ValuationResult lo = rows.get(i - 1).result(), hi = rows.get(i).result();
            assertThat(hi.fiscalCost().mean()).as("fiscal cost at %s", levels.get(i)).isGreaterThanOrEqualTo(lo.fiscalCost().mean());
            assertThat(hi.probabilityOfLossWith()).as("P(loss) at %s", levels.get(i)).isLessThanOrEqualTo(lo.probabilityOfLossWith());
            assertThat(hi.dscr().probabilityMinBelowOne()).as("P(min DSCR < 1) at %s", levels.get(i)).isLessThanOrEqualTo(lo.dscr().probabilityMinBelowOne());
            assertThat(hi.npvWithout()).isEqualTo(lo.npvWithout()); // the same paths
        }
        assertThat(rows.get(5).result().fiscalCost().mean()).isGreaterThan(rows.get(0).result().fiscalCost().mean());
    }

    @Test
    void badLevelsAndTermsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> FloorSweep.levels(M, List.of(), "--floor")).hasMessage("--floor: no level given; expected one or more prices in USD/kg");
        assertThatThrownBy(() -> FloorSweep.levels(M, List.of("2000", " "), "--floor")).hasMessage("--floor: an empty level; expected a price in USD/kg");
        assertThatThrownBy(() -> FloorSweep.levels(M, List.of("2000", "-2500"), "--floor")).hasMessage("--floor: -2500 must be a positive price in USD/kg");
        assertThatThrownBy(() -> FloorSweep.levels(M, List.of("2000", "2500", "2500.0"), "--floor"))
                .hasMessage("--floor: 2500.0 is given twice (as level 2 and 3)");
        assertThatThrownBy(() -> FloorSweep.levels(M, java.util.Collections.nCopies(11, "2000"), "--floor"))
                .hasMessage("--floor: 11 levels; a sweep takes at most 10 (each is a whole valuation)");
        assertThatThrownBy(() -> FloorSweep.terms(List.of(10, -1), "--support-years")).hasMessage("--support-years: must be ≥ 0 (0 = the whole life), got -1");
        assertThatThrownBy(() -> FloorSweep.terms(List.of(10, 10), "--support-years")).hasMessage("--support-years: 10 is given twice");
        assertThatThrownBy(() -> FloorSweep.checkRows(10, 3, "--floor and --support-years"))
                .hasMessage("--floor and --support-years: 10 levels × 3 terms = 30 valuations; a sweep takes at most 20");
        assertThat(FloorSweep.terms(null, "--support-years")).containsExactly(10);
    }
}
