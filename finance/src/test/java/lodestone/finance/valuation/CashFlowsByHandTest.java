package lodestone.finance.valuation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The cash flows of docs/valuation.md ("Cash flows") on paths whose answers are written out by hand: a two-way CfD pays
 * exactly K − P a unit in its years, the income tax takes depreciation and carries losses forward, an EBITDA floor tops
 * EBITDA up. Money in millions; USD/kg × t = 0.001 M USD; flows at the ends of years 1..n.
 */
class CashFlowsByHandTest {
    static final double TOL = 1e-9;

    /** Σ_{t=a..b} (1 + r)^−t. */
    static double annuity(double r, int a, int b) {
        double s = 0;
        for (int t = a; t <= b; t++) s += Math.pow(1 + r, -t);
        return s;
    }

    @Test
    void aTwoWayCfdPaysExactlyStrikeLessPriceInItsYears() {
        // 1,000 t a year for 20 years at a cash cost of 40 USD/kg, 100 M capex in year 1, no tax, 10 %; flat price 60:
        // without support NPV = 20·A(1..20) − 100/1.1 = 79.36…; a CfD at 70 for 10 years adds (70 − 60)·1,000 t·0.001 = 10 M in
        // each of years 1..10: + 10·A(1..10) at 10 %, and costs 10·A(1..10) at the public 4 %
        double[] capex = new double[20], volume = new double[20], price = new double[20];
        capex[0] = 100;
        java.util.Arrays.fill(volume, 1000);
        java.util.Arrays.fill(price, 60);
        Economics e = new Economics("flat", "USD/kg", "t", 0.001, capex, volume, 40, 0, new Fiscal.AdValorem(0),
                new Fiscal.FlatWithLosses(0), 10, 0.10, 0.04, null);
        double without = new CashFlows(e, new Support.None()).evaluate(price);
        assertThat(without).isCloseTo(20 * annuity(0.10, 1, 20) - 100 / 1.1, within(TOL));
        CashFlows cfd = new CashFlows(e, new Support.Cfd(70, 10));
        double with = cfd.evaluate(price);
        assertThat(with - without).isCloseTo(10 * annuity(0.10, 1, 10), within(TOL));
        assertThat(cfd.fiscalCost()).isCloseTo(10 * annuity(0.04, 1, 10), within(TOL));
        // above the strike the project pays back: at 80 it gives up 10 M a year in years 1..10
        java.util.Arrays.fill(price, 80);
        double up = new CashFlows(e, new Support.Cfd(70, 10)).evaluate(price) - new CashFlows(e, new Support.None()).evaluate(price);
        assertThat(up).isCloseTo(-10 * annuity(0.10, 1, 10), within(TOL));
    }

    @Test
    void taxTakesDepreciationAndCarriesLossesForward() {
        // capex 100 in year 1, 1,000 t a year in years 2..4 at 40 USD/kg, prices 0, 35, 70, 70; tax 21 %, depreciation 100/10 a
        // year from year 2. EBITDA −5, 30, 30; taxable −15 (a loss of 15 carried), 20 − 15 = 5, 20: tax 0, 1.05, 4.2.
        // FCF −100, −5, 28.95, 25.8
        double[] capex = {100, 0, 0, 0}, volume = {0, 1000, 1000, 1000}, price = {0, 35, 70, 70};
        Economics e = new Economics("taxed", "USD/kg", "t", 0.001, capex, volume, 40, 0, new Fiscal.AdValorem(0),
                new Fiscal.FlatWithLosses(0.21), 10, 0.10, 0.04, null);
        CashFlows cf = new CashFlows(e, new Support.None());
        double npv = cf.evaluate(price);
        double[] f = cf.flows();
        assertThat(f[0]).isCloseTo(-100, within(TOL));
        assertThat(f[1]).isCloseTo(-5, within(TOL));
        assertThat(f[2]).isCloseTo(28.95, within(TOL));
        assertThat(f[3]).isCloseTo(25.8, within(TOL));
        assertThat(npv).isCloseTo(-100 / 1.1 - 5 / 1.21 + 28.95 / 1.331 + 25.8 / 1.4641, within(TOL));
        // an EBITDA floor of 10 M a year lifts year 2 from −5 to 10 (the government pays 15): no loss to carry, so years 3 and
        // 4 are taxed on 20 each (4.2): FCF −100, 10, 25.8, 25.8; fiscal cost 15/1.04²
        CashFlows floored = new CashFlows(e, new Support.FloorWithUpside(0, 0, 10, 0));
        floored.evaluate(price);
        double[] g = floored.flows();
        assertThat(g[1]).isCloseTo(10, within(TOL));
        assertThat(g[2]).isCloseTo(25.8, within(TOL));
        assertThat(g[3]).isCloseTo(25.8, within(TOL));
        assertThat(floored.fiscalCost()).isCloseTo(15 / (1.04 * 1.04), within(TOL));
    }

    /**
     * A plant that closes before the valuation's last year stops costing then: 1,000 t a year in years 1..10 of a 20-year grid
     * (a project valued to 2045 whose life ends in 2035) at a margin of 30 USD/kg less fixed costs of 10 M a year, 100 M capex
     * in year 1, no tax, 10 %: 20 M a year for 10 years, NPV = 20·A(1..10) − 100/1.1 = 31.98 and nothing in years 11..20.
     * Until 2026-12-07 the fixed costs ran on after closure, −10 M a year in years 11..20, and the NPV read 8.29; an EBITDA
     * floor for the whole life (support years 0) paid its 10 M a year to the closed plant too.
     */
    @Test
    void aClosedPlantHasNoFixedCostsAndNoEbitdaFloor() {
        double[] capex = new double[20], volume = new double[20], price = new double[20];
        capex[0] = 100;
        java.util.Arrays.fill(volume, 0, 10, 1000);
        java.util.Arrays.fill(price, 130);
        Economics e = new Economics("short", "USD/kg", "t", 0.001, capex, volume, 100, 10, new Fiscal.AdValorem(0),
                new Fiscal.FlatWithLosses(0), 10, 0.10, 0.04, null);
        CashFlows cf = new CashFlows(e, new Support.None());
        assertThat(cf.evaluate(price)).isCloseTo(20 * annuity(0.10, 1, 10) - 100 / 1.1, within(TOL));
        double[] f = cf.flows();
        for (int t = 10; t < 20; t++) assertThat(f[t]).as("year %d", t + 1).isEqualTo(0.0);
        // an EBITDA floor of 25 M for the whole life tops up 5 M a year in years 1..10 and nothing once the plant has closed
        CashFlows floored = new CashFlows(e, new Support.FloorWithUpside(0, 0, 25, 0));
        floored.evaluate(price);
        assertThat(floored.fiscalCost()).isCloseTo(5 * annuity(0.04, 1, 10), within(TOL));
        assertThat(floored.flows()[10]).isEqualTo(0.0);
    }

    /**
     * Sustaining capital, which every feasibility study has: 5 M a year in each production year of the flat plant (1,000 t a
     * year at a margin of 20 USD/kg for 20 years, 100 M capex in year 1, 10 %) leaves 15 M a year, NPV = 15·A(1..20) − 100/1.1.
     * With tax at 30 % each year's 5 M is depreciated over 10 years from the year it is spent (0.5 M a year) as the 100 M is
     * (10 M a year in years 1..10): depreciation in year t is 10 + 0.5·min(t, 10) for t ≤ 10 and 0.5·10 = 5 after; tax
     * 0.3·(20 − depreciation); FCF = 20 − tax − 5 − capex, and CFADS = 20 − tax − 5 (a lender's cash available after it).
     */
    @Test
    void sustainingCapitalIsSpentEachProductionYearAndDepreciatedFromThen() {
        double[] capex = new double[20], volume = new double[20], price = new double[20], sustaining = new double[20];
        capex[0] = 100;
        java.util.Arrays.fill(volume, 1000);
        java.util.Arrays.fill(price, 60);
        java.util.Arrays.fill(sustaining, 5);
        Economics untaxed = new Economics("s", "USD/kg", "t", 0.001, capex, volume, 40, 0, new Fiscal.AdValorem(0),
                new Fiscal.FlatWithLosses(0), 10, 0.10, 0.04, null, sustaining);
        assertThat(new CashFlows(untaxed, new Support.None()).evaluate(price)).isCloseTo(15 * annuity(0.10, 1, 20) - 100 / 1.1, within(TOL));
        Economics taxed = new Economics("s", "USD/kg", "t", 0.001, capex, volume, 40, 0, new Fiscal.AdValorem(0),
                new Fiscal.FlatWithLosses(0.30), 10, 0.10, 0.04, null, sustaining);
        CashFlows cf = new CashFlows(taxed, new Support.None());
        double npv = cf.evaluate(price);
        double expected = 0;
        for (int t = 1; t <= 20; t++) {
            double dep = (t <= 10 ? 10 : 0) + 0.5 * Math.min(t, 10);
            double tax = 0.3 * (20 - dep);
            double fcf = 20 - tax - 5 - (t == 1 ? 100 : 0);
            assertThat(cf.flows()[t - 1]).as("FCF year %d", t).isCloseTo(fcf, within(TOL));
            assertThat(cf.cfads()[t - 1]).as("CFADS year %d", t).isCloseTo(20 - tax - 5, within(TOL));
            expected += fcf / Math.pow(1.1, t);
        }
        assertThat(npv).isCloseTo(expected, within(TOL));
    }

    /**
     * A two-way CfD for the whole life fixes the price received at its strike, so no market price changes the NPV: at a CfD
     * of 50 USD/kg on the flat plant (1,000 t a year at a cash cost of 40, 100 M capex in year 1, no tax, 10 %, 20 years) the
     * NPV is 10·A(1..20) − 100/1.1 = 85.1356 − 90.9091 = −5.7735 at every price — there is no breakeven price. The bisection
     * doubled its upper price 60 times, until P·Q − P·Q rounded to a positive number, and answered 1.44e17 USD/kg (printed
     * as "144,115,188,075,848,000"). docs/valuation.md: the search stops at 10⁶ times the opex.
     */
    @Test
    void aWholeLifeCfdBelowCostHasNoBreakevenPrice() {
        double[] capex = new double[20], volume = new double[20];
        capex[0] = 100;
        java.util.Arrays.fill(volume, 1000);
        Economics e = new Economics("flat", "USD/kg", "t", 0.001, capex, volume, 40, 0, new Fiscal.AdValorem(0),
                new Fiscal.FlatWithLosses(0), 10, 0.10, 0.04, null);
        double[] any = new double[20];
        java.util.Arrays.fill(any, 1e6);
        assertThat(new CashFlows(e, new Support.Cfd(50, 0)).evaluate(any)).isCloseTo(10 * annuity(0.10, 1, 20) - 100 / 1.1, within(1e-6));
        assertThat(Valuation.breakeven(e, new Support.Cfd(50, 0))).isNaN();
        // a 10-year CfD leaves years 11..20 at the market: (P − 40)·A(11..20) = 90.9091 − 10·A(1..10), P = 52.4371 by hand
        assertThat(Valuation.breakeven(e, new Support.Cfd(50, 10)))
                .isCloseTo(40 + (100 / 1.1 - 10 * annuity(0.10, 1, 10)) / annuity(0.10, 11, 20), within(1e-6));
        // without support: 40 + 90.9091 / A(1..20) = 50.6781
        assertThat(Valuation.breakeven(e, new Support.None())).isCloseTo(40 + (100 / 1.1) / annuity(0.10, 1, 20), within(1e-9));
    }

    /**
     * A debt's rate is its contract's, nominal; the cash flows are in constant 2026 dollars. With inflation i its service in
     * year t is worth service/(1 + i)^t of them. The flat plant (CFADS 20 M a year, no tax) with 100 M at 6 % over 10 years,
     * no grace, at 2 % inflation: the annuity is 100·0.06/(1 − 1.06⁻¹⁰) = 13.5868 M a year, nominal, so DSCR_t =
     * 20·1.02^t / 13.5868: 1.5015 in year 1 (the minimum), 1.6441 on average (1.47202 × 1.02·(1.02¹⁰ − 1)/0.02/10). Set
     * against real CFADS undeflated it read 1.4720 every year, understating cover by up to 1.02¹⁰ − 1 = 22 % by year 10.
     * The sculpted debt capacity discounts real CFADS at the real debt rate 1.06/1.02 − 1 = 3.9216 %: 20/1.3 · A(1..10) =
     * 125.27 M, where the nominal 6 % gave 113.23.
     */
    @Test
    void aNominalDebtIsServedInRealMoneyDeflatedByInflation() {
        double[] capex = new double[20], volume = new double[20], price = new double[20];
        capex[0] = 100;
        java.util.Arrays.fill(volume, 1000);
        java.util.Arrays.fill(price, 60);
        Debt debt = new Debt(100, 0.06, 10, 0, Debt.Schedule.ANNUITY, 0.02);
        Economics e = new Economics("flat", "USD/kg", "t", 0.001, capex, volume, 40, 0, new Fiscal.AdValorem(0),
                new Fiscal.FlatWithLosses(0), 10, 0.10, 0.04, debt);
        double annuity = 100 * 0.06 / (1 - Math.pow(1.06, -10));
        assertThat(annuity).isCloseTo(13.5868, within(1e-4));
        CashFlows cf = new CashFlows(e, new Support.None());
        assertThat(cf.debtService()[0]).isCloseTo(annuity / 1.02, within(TOL));
        assertThat(cf.debtService()[9]).isCloseTo(annuity / Math.pow(1.02, 10), within(TOL));
        assertThat(cf.debtService()[10]).isZero();
        cf.evaluate(price);
        double[] d = new double[2];
        cf.dscr(d);
        assertThat(d[0]).isCloseTo(20 * 1.02 / annuity, within(TOL)).isCloseTo(1.5015, within(1e-4));
        assertThat(d[1]).isCloseTo(20 / annuity * 1.02 * (Math.pow(1.02, 10) - 1) / 0.02 / 10, within(TOL)).isCloseTo(1.6441, within(1e-4));
        ValuationResult v = Valuation.run(e, PriceProcess.gbm(60, 0, 0), new Support.None(), Valuation.Options.of(10, 1));
        assertThat(v.debtCapacity().onMeanWithout()).isCloseTo(20 / 1.3 * annuity(1.06 / 1.02 - 1, 1, 10), within(1e-9))
                .isCloseTo(125.27, within(0.01));
        // without inflation stated the rate is taken as real, as before: 20/13.5868 = 1.4720 in every year
        CashFlows real = new CashFlows(e.withDebt(new Debt(100, 0.06, 10, 0, Debt.Schedule.ANNUITY)), new Support.None());
        real.evaluate(price);
        real.dscr(d);
        assertThat(d[0]).isCloseTo(20 / annuity, within(TOL));
    }
}
