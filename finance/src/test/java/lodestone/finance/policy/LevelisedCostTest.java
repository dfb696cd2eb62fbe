package lodestone.finance.policy;

import lodestone.finance.projects.Registry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A project's levelised cost on the cost curve, opex + capex × CRF(r, life) ÷ (capacity × money per price unit × t), by
 * hand on examples/projects (1,000 t a year, 100 M USD capex, 20 years, cash cost 40 USD/kg; USD/kg × t = 0.001 M USD).
 */
class LevelisedCostTest {
    static Registry with(double discountRate) throws Exception {
        Path dir = Path.of(System.getProperty("lodestone.root", "..")).resolve("examples/projects");
        String plant = Files.readString(dir.resolve("flat-plant.yaml"))
                .replace("discount_rate: {value: 0.10, assumption: A1}", "discount_rate: {value: " + discountRate + ", assumption: A1}");
        return Registry.withTexts(List.of(new Registry.Text("flat-market.yaml", Files.readString(dir.resolve("flat-market.yaml"))),
                new Registry.Text("flat-plant.yaml", plant)));
    }

    static double levelised(double discountRate) throws Exception {
        Registry r = with(discountRate);
        return CostCurve.levelised(r.require("flat-plant"), r.market("flat-ndpr").orElseThrow());
    }

    @Test
    void atTenPercentTheCapitalRecoveryFactorSpreadsTheCapex() throws Exception {
        // CRF(0.1, 20) = 0.1·1.1²⁰/(1.1²⁰ − 1) = 0.117459…: 40 + 100·0.117459/1 = 51.7459…
        double crf = 0.1 * Math.pow(1.1, 20) / (Math.pow(1.1, 20) - 1);
        assertThat(levelised(0.10)).isCloseTo(40 + 100 * crf, within(1e-9));
    }

    /**
     * A study's sustaining capital is a cost of every tonne as the fixed costs are: 5 M USD a year on 1,000 t adds 5 USD/kg,
     * 51.7459 + 5 = 56.7459 at 10 %. Left out, the curve would put the plant 5 USD/kg lower than the valuation's breakeven.
     */
    @Test
    void sustainingCapitalIsACostOfEveryTonne() throws Exception {
        Path dir = Path.of(System.getProperty("lodestone.root", "..")).resolve("examples/projects");
        Registry r = Registry.withTexts(List.of(new Registry.Text("flat-market.yaml", Files.readString(dir.resolve("flat-market.yaml"))),
                new Registry.Text("flat-plant.yaml", Files.readString(dir.resolve("flat-plant.yaml")).replace("opex: {value: 40, assumption: A1}",
                        "opex: {value: 40, assumption: A1}\nsustaining_capex: {value: 5, assumption: A1}"))));
        double crf = 0.1 * Math.pow(1.1, 20) / (Math.pow(1.1, 20) - 1);
        assertThat(CostCurve.levelised(r.require("flat-plant"), r.market("flat-ndpr").orElseThrow())).isCloseTo(40 + 100 * crf + 5, within(1e-9));
    }

    /**
     * A closure cost is a cost of the tonnes too: 50 M USD in 2046, the year after 20 years of production from 2026, is
     * 50/1.1²¹ = 6.7565 M USD at the start, spread as the capex is: 51.7459 + 6.7565 × 0.117460 = 52.5396 USD/kg at 10 %.
     */
    @Test
    void aClosureCostIsBroughtToTheStartAndSpreadAsTheCapex() throws Exception {
        Path dir = Path.of(System.getProperty("lodestone.root", "..")).resolve("examples/projects");
        Registry r = Registry.withTexts(List.of(new Registry.Text("flat-market.yaml", Files.readString(dir.resolve("flat-market.yaml"))),
                new Registry.Text("flat-plant.yaml", Files.readString(dir.resolve("flat-plant.yaml")).replace("opex: {value: 40, assumption: A1}",
                        "opex: {value: 40, assumption: A1}\nclosure: {cost: {value: 50, assumption: A1}}"))));
        double crf = 0.1 * Math.pow(1.1, 20) / (Math.pow(1.1, 20) - 1);
        double levelised = CostCurve.levelised(r.require("flat-plant"), r.market("flat-ndpr").orElseThrow());
        assertThat(levelised).isCloseTo(40 + (100 + 50 / Math.pow(1.1, 21)) * crf, within(1e-9));
        assertThat(levelised).isCloseTo(52.5396, within(1e-4));
    }

    @Test
    void atAZeroDiscountRateTheCapexIsSpreadEvenlyOverTheLife() throws Exception {
        // CRF(0, n) = 1/n (the limit of r(1+r)ⁿ/((1+r)ⁿ − 1)): 40 + 100/20 = 45 — it read NaN (0 × 1 ÷ 0), which the cost
        // curve sorted and the ranking's supply step carried
        assertThat(levelised(0)).isCloseTo(45, within(1e-9));
    }
}
