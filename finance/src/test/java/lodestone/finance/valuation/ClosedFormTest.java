package lodestone.finance.valuation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Deterministic closed forms to 1e-9 relative: Black-76 (the published anchors), NPV and IRR of fixed flows. */
class ClosedFormTest {

    private static void rel(double actual, double expected, double tol) {
        assertThat(Math.abs(actual - expected)).as("%s vs %s", actual, expected).isLessThanOrEqualTo(tol * Math.abs(expected));
    }

    @Test
    void black76PutMatchesPublishedAnchors() {
        for (String id : new String[]{"V1", "V2"}) {
            JsonNode v = Anchors.get(id);
            double put = Black76.put(v.get("F").asDouble(), v.get("K").asDouble(), v.get("sigma").asDouble(), v.get("T").asDouble(),
                    v.get("r_cont").asDouble());
            rel(put, v.get("value").asDouble(), 1e-9);
        }
        // V2 says an at-the-money put equals the call
        JsonNode v2 = Anchors.get("V2");
        rel(Black76.call(100, 100, 0.2, 1, 0.05), v2.get("value").asDouble(), 1e-9);
    }

    @Test
    void normalCdfKnownValuesAndTails() {
        rel(Normal.cdf(0), 0.5, 1e-15);
        rel(Normal.cdf(1.959963984540054), 0.975, 1e-13);
        rel(Normal.cdf(-1), 0.15865525393145707, 1e-13);
        rel(Normal.cdf(-8), 6.22096057427178e-16, 1e-10);
        rel(Normal.cdf(-3), 0.0013498980316300946, 1e-13);
        rel(Normal.cdf(-2.9999999), 0.0013498980316300946 + 1e-7 * Normal.pdf(3), 1e-9); // continuous across the switch at 3
        rel(Normal.cdf(-5), 2.866515718791939e-07, 1e-12);
    }

    @Test
    void npvAndIrrOfFixedFlowsMatchPublishedAnchor() {
        JsonNode v5 = Anchors.get("V5");
        double[] flows = {-100, 30, 30, 30, 30, 30};
        rel(Dcf.irr(flows), v5.get("IRR").asDouble(), 1e-9);
        rel(Dcf.npv0(flows, 0.10), v5.get("NPV_at_10pct").asDouble(), 1e-9);
        // the IRR zeroes the NPV
        assertThat(Dcf.npv0(flows, Dcf.irr(flows))).isCloseTo(0, within(1e-10));
    }

    @Test
    void irrUndefinedWhenFlowsNeverRepay() {
        // −100, 10, 10 repays at a negative rate: u = 1 + x solves −100u² + 10u + 10 = 0
        rel(Dcf.irr(new double[]{-100, 10, 10}), (10 + Math.sqrt(4100)) / 200 - 1, 1e-9);
        assertThat(Dcf.irr(new double[]{-100, 0.0001})).isNaN();
        assertThat(Dcf.irr(new double[]{-1, -1})).isNaN();
        // all zero (a project producing nothing and spending nothing): no IRR, not the grid's top 1,000 % (reported: 999.2 %)
        assertThat(Dcf.irr(new double[20])).isNaN();
    }

    /**
     * The documented hand example (docs/valuation.md; examples/projects/flat-plant.yaml): capex 100 M in year 1, 1,000 t/yr
     * at 60 − 40 USD/kg = 20 M a year, no tax: cumulative cash −80, −60, −40, −20, 0 — paid back in year 5. With σ = 0 every
     * price is exactly 60 (exp(log 60) gave 59.999999999999986 and a cumulative of −3e-15, payback year 6), and every
     * quantile is the one value (the sketch answered 79.424 against a mean of 79.362; debt capacity 102.8 against 103.2).
     */
    @Test
    void theFlatHandExamplePaysBackInYearFiveAndItsQuantilesAreItsValue() {
        double[] capex = new double[20];
        capex[0] = 100;
        double[] vol = new double[20];
        Arrays.fill(vol, 1000);
        Economics e = new Economics("flat", "USD/kg", "t", 0.001, capex, vol, 40, 0, new Fiscal.AdValorem(0), new Fiscal.FlatWithLosses(0), 10,
                0.10, 0.04, null);
        PriceProcess flat = PriceProcess.gbm(60, 0, 0);
        for (int t = 1; t <= 20; t++) assertThat(flat.forward(t)).isEqualTo(60);
        double[] path = new double[20];
        flat.path(new java.util.SplittableRandom(1), path, 20);
        for (double p : path) assertThat(p).isEqualTo(60);
        ValuationResult r = Valuation.run(e, flat, new Support.None(), Valuation.Options.of(1000, 1));
        assertThat(r.paybackWithout().medianYear()).isEqualTo(5);
        assertThat(r.paybackWithout().probabilityNever()).isZero();
        // NPV = −100/1.1 + 20·Σ_{t=1}^{20} 1.1^−t (the capex at the end of year 1, as every flow)
        double npv = -100 / 1.1;
        for (int t = 1; t <= 20; t++) npv += 20 / Math.pow(1.1, t);
        assertThat(r.npvWithout().mean()).isCloseTo(npv, within(1e-9));
        assertThat(r.npvWithout().p10()).isCloseTo(npv, within(1e-9));
        assertThat(r.npvWithout().p50()).isEqualTo(r.npvWithout().p10());
        assertThat(r.npvWithout().p90()).isEqualTo(r.npvWithout().p10());
        assertThat(r.debtCapacity().onP10Without()).isCloseTo(r.debtCapacity().onMeanWithout(), within(1e-9));
        // the payback compares with a tolerance of 1e-9 × Σ|FCF|: a price a last bit below 60 still pays back in year 5
        CashFlows cf = new CashFlows(e, new Support.None());
        double[] below = new double[20];
        Arrays.fill(below, 59.999999999999986);
        cf.evaluate(below);
        assertThat(cf.payback()).isEqualTo(5);
        Arrays.fill(below, 59.99);   // 10 USD a year short: −0.05 M after year 5 is not paid back
        cf.evaluate(below);
        assertThat(cf.payback()).isEqualTo(6);
    }

    @Test
    void breakevenPriceOfASimpleProjectIsClosedForm() {
        // capex 100 in year 1, 1 unit a year in years 2..6, no costs or taxes: NPV(p) = −100·d1 + p·Σ_{2..6} d_t
        double r = 0.08;
        double[] capex = {100, 0, 0, 0, 0, 0};
        double[] vol = {0, 1, 1, 1, 1, 1};
        Economics e = new Economics("t", "USD/kg", "t", 1, capex, vol, 0, 0, new Fiscal.AdValorem(0), new Fiscal.FullOffset(0), 1, r, r, null);
        double d = 1, sum = 0, d1 = 1 / (1 + r);
        for (int t = 1; t <= 6; t++) {
            d /= 1 + r;
            if (t >= 2) sum += d;
        }
        rel(Valuation.breakeven(e, new Support.None()), 100 * d1 / sum, 1e-9);
        // a floor above the breakeven pays at any price: NaN; a floor below it lowers the breakeven nowhere (still the same)
        assertThat(Valuation.breakeven(e, new Support.Cfd(200, 0))).isNaN();
        rel(Valuation.breakeven(e, new Support.Floor(1, 0)), 100 * d1 / sum, 1e-9);
    }

    @Test
    void annuityDebtServiceHasPresentValueEqualToTheLoan() {
        Debt debt = new Debt(500, 0.07, 10, 1, Debt.Schedule.ANNUITY);
        double[] ds = debt.service(15, 3);
        // years 1..2 construction (nothing), year 3 interest only (grace), years 4..13 level service
        assertThat(ds[0]).isZero();
        rel(ds[2], 35, 1e-12);
        double pv = 0, d = 1;
        for (int y = 4; y <= 13; y++) {
            d /= 1.07;
            pv += ds[y - 1] * d;
        }
        rel(pv, 500, 1e-12);
        assertThat(Arrays.stream(ds, 3, 13).distinct().count()).isLessThanOrEqualTo(3); // level (to rounding)
        Debt lp = new Debt(100, 0.05, 4, 0, Debt.Schedule.LEVEL_PRINCIPAL);
        assertThat(lp.service(4, 1)).containsExactly(30, 28.75, 27.5, 26.25);
    }

    @Test
    void debtCapacityOfConstantCfadsIsAnAnnuity() {
        double[] cfads = new double[12];
        Arrays.fill(cfads, 130);
        double cap = Valuation.debtCapacity(cfads, 1.3, 0.06, 10, 2);
        rel(cap, 100 * (1 - Math.pow(1.06, -10)) / 0.06, 1e-12);
    }
}
