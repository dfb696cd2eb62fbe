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
 */
public record Economics(String name, String priceUnit, String quantityUnit, double moneyPerPriceQuantity,
                        double[] capex, double[] volume, double opexPerUnit, double fixedOpex,
                        Fiscal.Royalty royalty, Fiscal.Tax tax, int depreciationYears,
                        double discountRate, double publicDiscountRate, Debt debt, double[] sustaining) {

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
        if (!(moneyPerPriceQuantity > 0)) throw new IllegalArgumentException("money per price × quantity must be > 0");
        if (!(opexPerUnit >= 0)) throw new IllegalArgumentException("opex per unit must be ≥ 0, got " + opexPerUnit);
        if (!(fixedOpex >= 0)) throw new IllegalArgumentException("fixed opex must be ≥ 0, got " + fixedOpex);
        if (!(discountRate > -1)) throw new IllegalArgumentException("discount rate must be > −100 %");
        if (!(publicDiscountRate > -1)) throw new IllegalArgumentException("public discount rate must be > −100 %");
        if (depreciationYears < 1) throw new IllegalArgumentException("depreciation years must be ≥ 1");
        capex = capex.clone();
        volume = volume.clone();
        sustaining = sustaining.clone();
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
                royalty, tax, depreciationYears, discountRate, publicDiscountRate, d, sustaining);
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
