package lodestone.finance.valuation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The median payback year is the median over every path, a path that never pays back counting as later than any year
 * (docs/valuation.md). A model review found it taken over the paths that pay back only: with 89 % of paths never paying
 * back, the report read "payback year (median): year 2" (or "none needed (never negative)" beside "never pays back 99 %").
 *
 * <p>Two years, capex 3 in year 1, one unit a year at a GBM price from 1 with σ = 0.5: FCF₁ = P₁ − 3, FCF₂ = P₂. A path
 * pays back in year 2 when P₁ + P₂ ≥ 3 (about one in ten), is never negative when P₁ ≥ 3 (under 1 %), and otherwise
 * never pays back.
 */
class PaybackMedianTest {

    private static Economics twoYears(double capex) {
        return new Economics("two", "USD/kg", "t", 1, new double[]{capex, 0}, new double[]{1, 1}, 0, 0, new Fiscal.AdValorem(0),
                new Fiscal.FullOffset(0), 1, 0.08, 0.04, null);
    }

    @Test
    void mostPathsNeverPayingBackHaveNoMedianPayback() {
        ValuationResult r = Valuation.run(twoYears(3), PriceProcess.gbm(1, 0, 0.5), new Support.None(), Valuation.Options.of(20_000, 3));
        assertThat(r.paybackWithout().probabilityNever()).isGreaterThan(0.8);
        // some paths do pay back (so the old median had values to take)
        assertThat(r.paybackWithout().probabilityNever()).isLessThan(0.99);
        assertThat(r.paybackWithout().medianYear()).isNaN();
        assertThat(r.paybackWith().medianYear()).isNaN();
    }

    @Test
    void theMedianCountsThePathsThatNeverPayBack() {
        // capex 1.6: P(P₁ ≥ 1.6) ≈ 0.20 never negative (year 0), P(P₁ + P₂ < 1.6) never, the rest year 2; the median path
        // is in year 2 or never by these shares, not the year-0 share's weight among the payers alone
        ValuationResult r = Valuation.run(twoYears(1.6), PriceProcess.gbm(1, 0, 0.5), new Support.None(), Valuation.Options.of(20_000, 3));
        double never = r.paybackWithout().probabilityNever();
        assertThat(never).isBetween(0.05, 0.5);
        assertThat(r.paybackWithout().medianYear()).isCloseTo(2, within(2 * 0.001));
    }

    @Test
    void withoutVolatilityTheMedianIsThePathsYear() {
        // σ = 0: P = 1 every year; capex 1.5: −0.5, then +1: year 2 for every path; capex 2.5: never
        assertThat(Valuation.run(twoYears(1.5), PriceProcess.gbm(1, 0, 0), new Support.None(), Valuation.Options.of(100, 1))
                .paybackWithout().medianYear()).isEqualTo(2);
        assertThat(Valuation.run(twoYears(2.5), PriceProcess.gbm(1, 0, 0), new Support.None(), Valuation.Options.of(100, 1))
                .paybackWithout().medianYear()).isNaN();
    }
}
