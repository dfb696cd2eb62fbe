package lodestone.finance.projects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cost or a price that may be in another price unit than its market's, by less than the 100 times refused at loading: a
 * cost above 1.5 times the reference price that another unit brings within 5 %–150 % of it, a strike or offtake price outside
 * half to twice it that another unit brings within. Said as a warning (docs/projects-format.md, "Units"), never refused.
 */
class UnitWarningTest {

    /** The flat plant in a market priced at {@code p0} {@code unit}, its file edited by {@code from} → {@code to}. */
    private static Registry plant(Path dir, String unit, String p0, String from, String to) throws IOException {
        Path ex = RegistryTest.repo().resolve("examples/projects");
        Files.writeString(dir.resolve("flat-market.yaml"), Files.readString(ex.resolve("flat-market.yaml")).replace("unit: USD/kg", "unit: " + unit)
                .replace("p0: {value: 60,", "p0: {value: " + p0 + ","));
        Files.writeString(dir.resolve("flat-plant.yaml"), Files.readString(ex.resolve("flat-plant.yaml")).replace(from, to));
        return Registry.load(List.of(dir));
    }

    /**
     * An antimony-like market at 25 USD/lb and a cash cost written per kg, 50: 2× the price, a loss on every pound; per kg it
     * is 50 × 0.45359237 = 22.6796185 USD/lb, 91 % of the price. The refusal (100×) lets it through; the warning names it.
     */
    @Test
    void aCostPerKgInAMarketPricedPerLbIsWarnedOf(@TempDir Path dir) throws IOException {
        Registry r = plant(dir, "USD/lb", "25", "opex: {value: 40, assumption: A1}", "opex: {value: 50, assumption: A1}");
        assertThat(r.unitWarnings(r.require("flat-plant"))).containsExactly(dir.resolve("flat-plant.yaml") + ":15: opex: 50 USD/lb is 2× the "
                + "market flat-ndpr's reference price 25 USD/lb, a cost above the price; if it is in USD/kg it is 22.6796185 USD/lb — check the "
                + "unit (the market is priced in USD/lb)");
    }

    /** A floor written per lb in a market priced per kg: 27.2 is 0.45 × 60; per lb it is 27.2 × 2.20462262185 = 59.96573531 USD/kg. */
    @Test
    void aStrikePerLbInAMarketPricedPerKgIsWarnedOf(@TempDir Path dir) throws IOException {
        Registry r = plant(dir, "USD/kg", "60", "esg:", "support: {type: floor, strike: {value: 27.2, assumption: A1}, years: 10}\nesg:");
        assertThat(r.unitWarnings(r.require("flat-plant"))).containsExactly(dir.resolve("flat-plant.yaml") + ":18: support.strike: 27.2 USD/kg "
                + "is 0.453× the market flat-ndpr's reference price 60 USD/kg; if it is in USD/lb it is 59.96573531 USD/kg — check the unit (the "
                + "market is priced in USD/kg)");
    }

    /** Honest figures are not warned of: a cost 1.4 times the price (a high-cost plant in a low market) and the bundled registry. */
    @Test
    void honestFiguresAreNotWarnedOf(@TempDir Path dir) throws IOException {
        Registry r = plant(dir, "USD/kg", "60", "opex: {value: 40, assumption: A1}", "opex: {value: 84, assumption: A1}");
        assertThat(r.unitWarnings(r.require("flat-plant"))).isEmpty();
        // a cost 1.67 times the price with no unit to bring it within (per lb it is larger, per t below 5 % of the price): no hint
        Registry high = plant(dir, "USD/kg", "60", "opex: {value: 40, assumption: A1}", "opex: {value: 100, assumption: A1}");
        assertThat(high.unitWarnings(high.require("flat-plant"))).isEmpty();
        Registry bundled = Registry.bundled();
        for (Project p : bundled.projects()) assertThat(bundled.unitWarnings(p)).as(p.id()).isEmpty();
    }
}
