package lodestone.finance.valuation;

import java.util.Arrays;

/**
 * Everything the valuation needs to turn a price path into cash flows, on an annual grid t = 1..years
 * (flows at the end of each year, discounted by (1 + r)^−t). Money is in millions of the project's
 * currency; {@code moneyPerPriceQuantity} converts price × quantity into it (USD/kg × t → 0.001 M USD).
 *
 * @param capex              capital spending in each year (millions), length = years
 * @param volume             sales volume in each year (quantity unit), length = years (ramp-up included)
 * @param opexPerUnit        cash cost per unit sold, in the price unit (C1 or AISC)
 * @param fixedOpex          fixed cash cost per operating year (millions)
 * @param depreciationYears  straight-line depreciation of the initial capex from the first operating year, and of each
 *                           year's sustaining capex from that year
 * @param sustaining         sustaining capital spent in each year (millions), length = years: out of FCF and CFADS alike
 * @param discountRate       the project's annual discount rate (effective)
 * @param publicDiscountRate the rate at which the government's payments are discounted (expected fiscal cost)
 * @param debt               senior debt, or null
 * @param closure            closure and rehabilitation cost paid in each year (millions), length = years: out of FCF and
 *                           CFADS, deducted from taxable income in the year it is paid
 * @param workingCapital     days of receivables, inventory and payables held (null: no working capital)
 * @param midYear            flows discounted from the middle of their year, (1 + r)^−(t − ½), instead of its end
 */
public record Economics(String name, String priceUnit, String quantityUnit, double moneyPerPriceQuantity,
                        double[] capex, double[] volume, double opexPerUnit, double fixedOpex,
                        Fiscal.Royalty royalty, Fiscal.Tax tax, int depreciationYears,
                        double discountRate, double publicDiscountRate, Debt debt, double[] sustaining,
                        double[] closure, WorkingCapital workingCapital, boolean midYear) {

    /**
     * Working capital as a feasibility study states it, in days of a year of 365: receivables on the year's revenue (sales and
     * the support's payments), inventory and payables on its cash costs (variable cost, fixed cost and royalty). The balance
     * WC_t = (receivables·revenue_t + (inventory − payables)·costs_t)/365 is held in each operating year and 0 after the last;
     * its increase is a cash outflow, its fall (at the latest the year after the last of production) an inflow. With
     * {@code heldAtStart} (a plant producing before year 1) the balance of year 1 is held already: it is not built again.
     */
    public record WorkingCapital(double receivablesDays, double inventoryDays, double payablesDays, boolean heldAtStart) {
        public WorkingCapital {
            for (double d : new double[]{receivablesDays, inventoryDays, payablesDays}) {
                if (!(d >= 0 && d <= 365)) throw new IllegalArgumentException("working capital days must be between 0 and 365, got " + d);
            }
        }

        /** Built from nothing in the first year of production. */
        public WorkingCapital(double receivablesDays, double inventoryDays, double payablesDays) {
            this(receivablesDays, inventoryDays, payablesDays, false);
        }
    }

    /** Without closure, working capital or the mid-year convention. */
    public Economics(String name, String priceUnit, String quantityUnit, double moneyPerPriceQuantity,
                     double[] capex, double[] volume, double opexPerUnit, double fixedOpex,
                     Fiscal.Royalty royalty, Fiscal.Tax tax, int depreciationYears,
                     double discountRate, double publicDiscountRate, Debt debt, double[] sustaining) {
        this(name, priceUnit, quantityUnit, moneyPerPriceQuantity, capex, volume, opexPerUnit, fixedOpex, royalty, tax, depreciationYears,
                discountRate, publicDiscountRate, debt, sustaining, new double[capex.length], null, false);
    }

    /** Without sustaining capital. */
    public Economics(String name, String priceUnit, String quantityUnit, double moneyPerPriceQuantity,
                     double[] capex, double[] volume, double opexPerUnit, double fixedOpex,
                     Fiscal.Royalty royalty, Fiscal.Tax tax, int depreciationYears,
                     double discountRate, double publicDiscountRate, Debt debt) {
        this(name, priceUnit, quantityUnit, moneyPerPriceQuantity, capex, volume, opexPerUnit, fixedOpex, royalty, tax, depreciationYears,
                discountRate, publicDiscountRate, debt, new double[capex.length]);
    }

    public Economics {
        if (capex.length != volume.length) throw new IllegalArgumentException("capex and volume must cover the same years");
        if (capex.length < 1) throw new IllegalArgumentException("at least one year");
        for (double v : volume) if (!(v >= 0)) throw new IllegalArgumentException("volume must be ≥ 0 in every year, got " + v);
        for (double c : capex) if (!(c >= 0)) throw new IllegalArgumentException("capex must be ≥ 0 in every year, got " + c);
        if (sustaining.length != capex.length) throw new IllegalArgumentException("sustaining capex must cover the same years as capex");
        for (double c : sustaining) if (!(c >= 0)) throw new IllegalArgumentException("sustaining capex must be ≥ 0 in every year, got " + c);
        if (closure.length != capex.length) throw new IllegalArgumentException("closure cost must cover the same years as capex");
        for (double c : closure) if (!(c >= 0)) throw new IllegalArgumentException("closure cost must be ≥ 0 in every year, got " + c);
        if (workingCapital != null && volume[volume.length - 1] > 0) {
            // released the year after the last of production: a valuation that ends in a year of production would keep it
            throw new IllegalArgumentException("working capital needs a year after the last year of production to be released in");
        }
        if (!(moneyPerPriceQuantity > 0)) throw new IllegalArgumentException("money per price × quantity must be > 0");
        if (!(opexPerUnit >= 0)) throw new IllegalArgumentException("opex per unit must be ≥ 0, got " + opexPerUnit);
        if (!(fixedOpex >= 0)) throw new IllegalArgumentException("fixed opex must be ≥ 0, got " + fixedOpex);
        if (!(discountRate > -1)) throw new IllegalArgumentException("discount rate must be > −100 %");
        if (!(publicDiscountRate > -1)) throw new IllegalArgumentException("public discount rate must be > −100 %");
        if (depreciationYears < 1) throw new IllegalArgumentException("depreciation years must be ≥ 1");
        capex = capex.clone();
        volume = volume.clone();
        sustaining = sustaining.clone();
        closure = closure.clone();
    }

    public int years() {
        return capex.length;
    }

    /** The first year with positive volume (1-based), or years + 1 when there is none. */
    public int firstOperatingYear() {
        for (int t = 0; t < volume.length; t++) if (volume[t] > 0) return t + 1;
        return volume.length + 1;
    }

    /**
     * The last year with positive volume (1-based), or 0 when there is none. A plant operates — bears its fixed costs and
     * may draw an EBITDA floor — from {@link #firstOperatingYear} to this year; after it has closed it costs nothing.
     */
    public int lastOperatingYear() {
        for (int t = volume.length - 1; t >= 0; t--) if (volume[t] > 0) return t + 1;
        return 0;
    }

    public Economics withDebt(Debt d) {
        return new Economics(name, priceUnit, quantityUnit, moneyPerPriceQuantity, capex, volume, opexPerUnit, fixedOpex,
                royalty, tax, depreciationYears, discountRate, publicDiscountRate, d, sustaining, closure, workingCapital, midYear);
    }

    @Override
    public double[] capex() {
        return capex.clone();
    }

    @Override
    public double[] volume() {
        return volume.clone();
    }

    @Override
    public double[] sustaining() {
        return sustaining.clone();
    }

    @Override
    public double[] closure() {
        return closure.clone();
    }

    double closureAt(int t) {
        return closure[t];
    }

    double sustainingAt(int t) {
        return sustaining[t];
    }

    double capexAt(int t) {
        return capex[t];
    }

    double volumeAt(int t) {
        return volume[t];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Economics e && name.equals(e.name) && Arrays.equals(capex, e.capex) && Arrays.equals(volume, e.volume);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(volume);
    }
}
