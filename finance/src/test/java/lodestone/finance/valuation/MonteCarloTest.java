package lodestone.finance.valuation;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Monte Carlo against closed forms (within 3 standard errors), invariants that must hold path by path,
 * and reproducibility across thread counts.
 */
class MonteCarloTest {

    /** A pure price exposure: one unit a year, no capex, no costs, no taxes; money = price × quantity. */
    private static Economics unit(int years, double r) {
        double[] capex = new double[years];
        double[] vol = new double[years];
        Arrays.fill(vol, 1);
        return new Economics("unit", "USD/kg", "t", 1, capex, vol, 0, 0, new Fiscal.AdValorem(0), new Fiscal.FullOffset(0), 1, r, r, null);
    }

    private static void within3Se(double mc, double se, double exact) {
        assertThat(Math.abs(mc - exact)).as("MC %s ± %s vs exact %s", mc, se, exact).isLessThanOrEqualTo(3 * se);
        assertThat(se).isGreaterThan(0);
    }

    @Test
    void oneYearFloorOnGbmIsTheBlack76PutAnchor() {
        var v1 = Anchors.get("V1");
        double r = Math.exp(v1.get("r_cont").asDouble()) - 1;
        PriceProcess gbm = PriceProcess.gbm(v1.get("F").asDouble(), 0, v1.get("sigma").asDouble());
        ValuationResult res = Valuation.run(unit(1, r), gbm, new Support.Floor(v1.get("K").asDouble(), 0), Valuation.Options.of(200_000, 7));
        within3Se(res.fiscalCost().mean(), res.fiscalCost().standardError(), v1.get("value").asDouble());
    }

    @Test
    void floorStripOnLogOuIsASumOfBlack76Puts() {
        double r = 0.06;
        int years = 12;
        PriceProcess ou = PriceProcess.ou(70, 90, 0.4, 0.35);
        double k = 110;
        double exact = 0, d = 1;
        for (int t = 1; t <= years; t++) {
            d /= 1 + r;
            exact += Black76.putOnVariance(ou.forward(t), k, ou.logVariance(t), d);
        }
        ValuationResult res = Valuation.run(unit(years, r), ou, new Support.Floor(k, 0), Valuation.Options.of(100_000, 11));
        within3Se(res.fiscalCost().mean(), res.fiscalCost().standardError(), exact);
        // the forward curve itself: the mean simulated price of each year within 3 SE of E[P_t]
        ValuationResult.FanYear y5 = res.fan().get(4);
        double sdP = Math.sqrt(Math.exp(ou.logVariance(5)) - 1) * ou.forward(5);
        within3Se(y5.marketMean(), sdP / Math.sqrt(res.paths()), ou.forward(5));
    }

    /**
     * The log-OU paths against the process's closed form, written out here rather than read from PriceProcess: with
     * x = ln P, E[x_t] = θ + (x₀ − θ)·e^{−κt} and Var[x_t] = σ²·(1 − e^{−2κt})/(2κ), at t = 1, 3 and 10 on 200,000
     * seeded paths (mean within 4 SE; sample variance within 4 of its SE, v·√(2/(n − 1)) for a normal). And at σ = 0
     * every path is the median path, e^{E[x_t]}.
     */
    @Test
    void logOuPathsHaveTheClosedFormMeanAndVarianceOfTheLogPrice() {
        double p0 = 40, longRun = 90, kappa = 0.35, sigma = 0.45;
        PriceProcess ou = PriceProcess.ou(p0, longRun, kappa, sigma);
        int n = 200_000, years = 10;
        double[] sum = new double[years], sum2 = new double[years], prices = new double[years];
        SplittableRandom rng = new SplittableRandom(2024);
        for (int i = 0; i < n; i++) {
            ou.path(rng, prices, years);
            for (int t = 0; t < years; t++) {
                double x = Math.log(prices[t]);
                sum[t] += x;
                sum2[t] += x * x;
            }
        }
        double theta = Math.log(longRun), x0 = Math.log(p0);
        for (int t : new int[]{1, 3, 10}) {
            double mean = theta + (x0 - theta) * Math.exp(-kappa * t);
            double var = sigma * sigma * (1 - Math.exp(-2 * kappa * t)) / (2 * kappa);
            double m = sum[t - 1] / n;
            double v = (sum2[t - 1] - n * m * m) / (n - 1);
            assertThat(Math.abs(m - mean)).as("mean of ln P_%d: %s vs %s", t, m, mean).isLessThanOrEqualTo(4 * Math.sqrt(var / n));
            assertThat(Math.abs(v - var)).as("variance of ln P_%d: %s vs %s", t, v, var).isLessThanOrEqualTo(4 * var * Math.sqrt(2.0 / (n - 1)));
            assertThat(ou.logVariance(t)).isCloseTo(var, within(1e-12));
        }
        PriceProcess flat = PriceProcess.ou(p0, longRun, kappa, 0);
        double[] median = new double[years];
        flat.path(new SplittableRandom(1), prices, years);
        flat.medianPath(median, years);
        for (int t = 1; t <= years; t++) {
            assertThat(prices[t - 1]).isCloseTo(Math.exp(theta + (x0 - theta) * Math.exp(-kappa * t)), within(1e-9));
            assertThat(median[t - 1]).isCloseTo(prices[t - 1], within(1e-9));
        }
    }

    @Test
    void floorWithUpsideShareIsPutMinusShareOfCall() {
        double r = 0.05;
        int years = 8;
        PriceProcess ou = PriceProcess.ou(100, 95, 0.6, 0.3);
        double k = 105, s = 0.3;
        double exact = 0, d = 1;
        for (int t = 1; t <= years; t++) {
            d /= 1 + r;
            exact += Black76.putOnVariance(ou.forward(t), k, ou.logVariance(t), d) - s * Black76.callOnVariance(ou.forward(t), k, ou.logVariance(t), d);
        }
        ValuationResult res = Valuation.run(unit(years, r), ou, new Support.FloorWithUpside(k, s, 0, 0), Valuation.Options.of(100_000, 3));
        within3Se(res.fiscalCost().mean(), res.fiscalCost().standardError(), exact);
        // with no taxes the project gains exactly what the government pays: paired difference = fiscal cost on every path
        assertThat(res.supportValue().mean()).isCloseTo(res.fiscalCost().mean(), within(1e-9 * Math.abs(exact) + 1e-9));
    }

    @Test
    void forwardWithJumpsMatchesSimulation() {
        PriceProcess p = PriceProcess.ou(60, 70, 0.5, 0.25).withJumps(0.1, 0.6, 0.2);
        ValuationResult res = Valuation.run(unit(10, 0.05), p, new Support.None(), Valuation.Options.of(100_000, 5));
        for (int t : new int[]{1, 4, 10}) {
            ValuationResult.FanYear y = res.fan().get(t - 1);
            // sd of P_t bounded by the P90−P10 width; a loose but honest 3-SE bound using the sample spread
            double se = (y.marketP90() - y.marketP10()) / 2.56 * 1.5 / Math.sqrt(res.paths());
            assertThat(Math.abs(y.marketMean() - p.forward(t))).isLessThanOrEqualTo(3 * se);
        }
    }

    private static Economics realistic(int years) {
        double[] capex = new double[years];
        double[] vol = new double[years];
        capex[0] = 600;
        capex[1] = 400;
        double[] ramp = {0.5, 0.8, 1};
        for (int t = 2; t < years; t++) vol[t] = 10_000 * ramp[Math.min(t - 2, 2)];
        return new Economics("proj", "USD/kg", "t", 1e-3, capex, vol, 45, 20, new Fiscal.AdValorem(0.05), new Fiscal.FlatWithLosses(0.21), 10,
                0.08, 0.04, new Debt(400, 0.07, 8, 1, Debt.Schedule.ANNUITY));
    }

    @Test
    void zeroVolatilityValuesExactlyAsTheDcf() {
        Economics e = realistic(20);
        PriceProcess ou = PriceProcess.ou(70, 95, 0.3, 0);
        ValuationResult res = Valuation.run(e, ou, new Support.Floor(80, 10), Valuation.Options.of(3000, 1));
        CashFlows cf = new CashFlows(e, new Support.Floor(80, 10));
        double[] fwd = new double[20];
        for (int t = 0; t < 20; t++) fwd[t] = ou.forward(t + 1);
        double dcf = cf.evaluate(fwd);
        assertThat(res.npvWith().mean()).isCloseTo(dcf, within(1e-12 * Math.abs(dcf)));
        assertThat(res.npvWith().sd()).isLessThan(1e-9 * Math.abs(dcf));
        assertThat(res.forwardCase().npvWith()).isCloseTo(dcf, within(1e-12 * Math.abs(dcf)));
        assertThat(res.irrWith().mean()).isCloseTo(Dcf.irr(cf.flows()), within(1e-12));
    }

    /**
     * Without volatility every path is the forward curve, so every statistic has no spread at all: sd and SE are 0,
     * the mean is the DCF on the forward curve to the last bit. Before, a path set whose NPVs were all 289.3 reported
     * an SE of 1.2e-6 (Σv² − n·mean² lost its digits) and an OU path drifted from the closed-form median by rounding.
     */
    @Test
    void withoutVolatilityTheStatisticsHaveNoSpread() {
        Economics e = realistic(20);
        for (PriceProcess p : new PriceProcess[]{PriceProcess.ou(70, 95, 0.3, 0), PriceProcess.gbm(70, 0.03, 0), PriceProcess.gbm(70, 0, 0)}) {
            Support floor = new Support.Floor(80, 10);
            ValuationResult res = Valuation.run(e, p, floor, Valuation.Options.of(3000, 1).withThreads(2));
            CashFlows cf = new CashFlows(e, floor);
            double[] fwd = new double[20];
            for (int t = 0; t < 20; t++) fwd[t] = p.forward(t + 1);
            double dcf = cf.evaluate(fwd);
            assertThat(res.npvWith().mean()).as(p.describe()).isEqualTo(dcf);
            for (Stats st : new Stats[]{res.npvWith(), res.npvWithout(), res.irrWith(), res.irrWithout(), res.supportValue(), res.fiscalCost()}) {
                assertThat(st.sd()).as(p.describe()).isZero();
                assertThat(st.standardError()).as(p.describe()).isZero();
            }
            assertThat(res.fiscalCost().mean()).as(p.describe()).isEqualTo(cf.fiscalCost());
        }
    }

    @Test
    void aFloorNeverLowersNpvOnAnyPath() {
        Economics e = realistic(20);
        PriceProcess p = PriceProcess.ou(70, 80, 0.3, 0.4).withJumps(0.05, 0.5, 0.3);
        SplittableRandom rng = new SplittableRandom(42);
        double[] prices = new double[20];
        for (double k : new double[]{50, 80, 110, 200}) {
            CashFlows with = new CashFlows(e, new Support.Floor(k, 10));
            CashFlows without = new CashFlows(e, new Support.None());
            for (int i = 0; i < 5000; i++) {
                p.path(rng, prices, 20);
                assertThat(with.evaluate(prices)).isGreaterThanOrEqualTo(without.evaluate(prices));
            }
        }
        ValuationResult res = Valuation.run(e, p, new Support.Floor(110, 10), Valuation.Options.of(20_000, 9));
        assertThat(res.npvWith().p10()).isGreaterThanOrEqualTo(res.npvWithout().p10());
        assertThat(res.probabilityOfLossWith()).isLessThanOrEqualTo(res.probabilityOfLossWithout());
        assertThat(res.supportValue().mean()).isPositive();
        assertThat(res.fiscalCost().mean()).isPositive();
    }

    @Test
    void offtakeAtTheForwardPriceKeepsTheMeanAndNarrowsTheSpread() {
        int years = 15;
        double[] capex = new double[years];
        double[] vol = new double[years];
        capex[0] = 300;
        for (int t = 1; t < years; t++) vol[t] = 5000;
        Economics e = new Economics("o", "USD/kg", "t", 1e-3, capex, vol, 30, 5, new Fiscal.AdValorem(0), new Fiscal.FullOffset(0.25), 10,
                0.08, 0.08, null);
        PriceProcess gbm = PriceProcess.gbm(60, 0, 0.3); // flat forward: E[P_t] = 60
        ValuationResult res = Valuation.run(e, gbm, new Support.Offtake(60, 3000, 0), Valuation.Options.of(100_000, 21));
        within3Se(res.supportValue().mean(), res.supportValue().standardError(), 0);
        assertThat(res.npvWith().sd()).isLessThan(0.7 * res.npvWithout().sd());
        assertThat(res.fiscalCost().mean()).isZero();
        assertThat(res.npvWith().p90() - res.npvWith().p10()).isLessThan(res.npvWithout().p90() - res.npvWithout().p10());
    }

    @Test
    void ebitdaFloorHoldsEbitdaUpInSupportYears() {
        Economics e = realistic(20);
        PriceProcess p = PriceProcess.ou(40, 50, 0.3, 0.4);
        CashFlows cf = new CashFlows(e, new Support.FloorWithUpside(60, 0.3, 140, 10));
        double[] prices = new double[20];
        Arrays.fill(prices, 10); // far below costs
        cf.evaluate(prices);
        // years 3..12 supported: CFADS = EBITDA − tax ≥ 140·(1 − 0.21)
        for (int t = 2; t < 12; t++) assertThat(cf.cfads()[t]).isGreaterThanOrEqualTo(140 * (1 - 0.21) - 1e-9);
        assertThat(cf.cfads()[12]).isLessThan(0);
        assertThat(cf.fiscalCost()).isPositive();
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        Economics e = realistic(20);
        PriceProcess p = PriceProcess.ou(70, 80, 0.3, 0.4).withJumps(0.05, 0.5, 0.3);
        Support s = new Support.FloorWithUpside(110, 0.3, 0, 10);
        ValuationResult one = Valuation.run(e, p, s, Valuation.Options.of(10_000, 99).withThreads(1));
        ValuationResult two = Valuation.run(e, p, s, Valuation.Options.of(10_000, 99).withThreads(2));
        ValuationResult three = Valuation.run(e, p, s, Valuation.Options.of(10_000, 99).withThreads(3));
        for (ValuationResult r : new ValuationResult[]{two, three}) {
            assertThat(r.npvWith()).isEqualTo(one.npvWith());
            assertThat(r.irrWithout()).isEqualTo(one.irrWithout());
            assertThat(r.fiscalCost()).isEqualTo(one.fiscalCost());
            assertThat(r.dscr()).isEqualTo(one.dscr());
            assertThat(r.fan()).isEqualTo(one.fan());
        }
        ValuationResult other = Valuation.run(e, p, s, Valuation.Options.of(10_000, 100));
        assertThat(other.npvWith().mean()).isNotEqualTo(one.npvWith().mean());
    }

    @Test
    void dscrAndDebtCapacityAreReported() {
        Economics e = realistic(20);
        ValuationResult res = Valuation.run(e, PriceProcess.ou(80, 90, 0.3, 0.3), new Support.Floor(90, 10),
                Valuation.Options.of(10_000, 4).withTargetDscr(1.4));
        assertThat(res.dscr().meanOfMin()).isLessThanOrEqualTo(res.dscr().meanOfAverage());
        assertThat(res.debtCapacity().onP10With()).isLessThanOrEqualTo(res.debtCapacity().onMeanWith());
        assertThat(res.debtCapacity().onMeanWith()).isGreaterThanOrEqualTo(res.debtCapacity().onMeanWithout());
        assertThat(res.debtCapacity().targetDscr()).isEqualTo(1.4);
    }

    @Test
    void impossibleParametersAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Valuation.Options.of(10, 1).withTargetDscr(0))
                .hasMessageContaining("DSCR target must be > 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Support.Floor(-5, 0)).hasMessageContaining("floor must be a positive price");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PriceProcess.ou(60, 70, 0, 0.3)).hasMessageContaining("kappa");
    }

    @Test
    void calibrationRecoversAKnownProcess() {
        PriceProcess truth = PriceProcess.ou(50, 80, 0.5, 0.3);
        double[] series = new double[4000];
        truth.path(new SplittableRandom(3), series, series.length);
        PriceProcess.Calibration c = PriceProcess.calibrateOu(series);
        assertThat(c.process().kappa()).isCloseTo(0.5, within(0.06));
        assertThat(c.process().sigma()).isCloseTo(0.3, within(0.02));
        assertThat(c.process().longRun()).isCloseTo(80, within(6.0));
        assertThat(c.warnings()).isEmpty();
        // five USGS NdPr prices (2021–2025) calibrate, with a warning
        PriceProcess.Calibration ndpr = PriceProcess.calibrateOu(new double[]{92, 124, 75, 55, 69});
        assertThat(ndpr.warnings()).singleElement().asString().contains("only 5 annual prices");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PriceProcess.calibrateOu(new double[]{10, 15, 30, 90, 400}))
                .hasMessageContaining("no mean reversion");
    }
}
