package lodestone.finance.projects;

import lodestone.finance.valuation.PriceProcess;

import java.util.List;

/**
 * A product's price model for valuation: its unit, the annual price series it is calibrated on (with
 * source), the process (calibrated log-OU, or given parameters), export-control jumps, and the bundled
 * market scenario (data/market) whose equilibrium the floor-setting and ranking use.
 */
public record Market(String id, String product, String priceUnit, int[] years, double[] prices, String seriesSource,
                     PriceProcess process, List<String> warnings, String scenario, List<String> club, String file, int line) {

    public double referencePrice() {
        return process.p0();
    }
}
