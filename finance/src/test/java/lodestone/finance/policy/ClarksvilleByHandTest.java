package lodestone.finance.policy;

import lodestone.finance.projects.Market;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.ProjectValuation;
import lodestone.finance.projects.Registry;
import lodestone.finance.valuation.Support;
import lodestone.finance.valuation.Valuation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Nyrstar's Clarksville plant, bundled as two projects (one market each) that share its US$150 M: the germanium circuit
 * (30 t/yr, capex 126 M, cash cost 1,500 USD/kg) and the gallium circuit (40 t/yr, 24 M, 180 USD/kg). Both built 2026–2027
 * (capex half each year), half of capacity in 2028 and all of it in 2029–2047, tax 26 % on EBITDA less 10-year
 * straight-line depreciation from 2028 with losses carried forward, no royalty, 8 %. The levelised cost and the breakeven
 * price are worked here independently of the valuation's code.
 */
class ClarksvilleByHandTest {
    static final Registry R = Registry.bundled();

    /** The NPV at a flat price by hand: USD/kg × t is 0.001 M USD. */
    static double npvByHand(double price, double opex, double capex, double capacity) {
        double npv = 0, losses = 0;
        for (int t = 1; t <= 22; t++) {                                 // 2026 … 2047
            double spent = t <= 2 ? capex / 2 : 0;
            double q = t < 3 ? 0 : t == 3 ? capacity / 2 : capacity;
            double ebitda = q * (price - opex) * 0.001;
            double taxable = ebitda - (t >= 3 && t <= 12 ? capex / 10 : 0);
            double tax = 0;
            if (taxable < 0) {
                losses -= taxable;
            } else {
                double used = Math.min(losses, taxable);
                losses -= used;
                tax = 0.26 * (taxable - used);
            }
            npv += (ebitda - tax - spent) / Math.pow(1.08, t);
        }
        return npv;
    }

    static final double CRF = 0.08 * Math.pow(1.08, 20) / (Math.pow(1.08, 20) - 1);   // 0.101852…

    @Test
    void theGermaniumCircuitByHand() {
        Project p = R.require("nyrstar-clarksville-germanium");
        Market m = R.marketOf(p);
        assertThat(m.id()).isEqualTo("germanium");
        assertThat(m.priceUnit()).isEqualTo("USD/kg");
        assertThat(m.process().p0()).isEqualTo(4100);
        assertThat(m.warnings()).isEmpty();
        // 1,500 + 126 × 0.101852 / (30 × 0.001) = 1,927.78
        assertThat(CostCurve.levelised(p, m)).isCloseTo(1500 + 126 * CRF / 0.03, within(1e-9)).isCloseTo(1927.78, within(0.005));
        double be = Valuation.breakeven(ProjectValuation.economics(p, m), new Support.None());
        assertThat(be).isCloseTo(2025.64, within(0.005));
        assertThat(npvByHand(be, 1500, 126, 30)).isCloseTo(0, within(1e-6));
        assertThat(npvByHand(be - 1, 1500, 126, 30)).isNegative();
    }

    @Test
    void theGalliumCircuitByHand() {
        Project p = R.require("nyrstar-clarksville-gallium");
        Market m = R.marketOf(p);
        // 180 + 24 × 0.101852 / (40 × 0.001) = 241.11
        assertThat(CostCurve.levelised(p, m)).isCloseTo(180 + 24 * CRF / 0.04, within(1e-9)).isCloseTo(241.11, within(0.005));
        double be = Valuation.breakeven(ProjectValuation.economics(p, m), new Support.None());
        assertThat(be).isCloseTo(255.09, within(0.005));
        assertThat(npvByHand(be, 180, 24, 40)).isCloseTo(0, within(1e-6));
        // the two circuits share the plant's US$150 M (S1), split by 2025 revenue at capacity (A1)
        assertThat(p.capex().value() + R.require("nyrstar-clarksville-germanium").capex().value()).isEqualTo(150);
    }
}
