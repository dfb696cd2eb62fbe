package lodestone.finance.projects;

import lodestone.finance.valuation.Debt;
import lodestone.finance.valuation.Economics;
import lodestone.finance.valuation.Fiscal;
import lodestone.finance.valuation.Support;

/**
 * Turns a registry project into the valuation's {@link Economics} and its stated support into a
 * {@link Support}. Timeline: year 1 is {@link #VALUATION_YEAR}; the horizon is 20 years. Capex (what is
 * still to be spent, as the file states it) is spread evenly over the construction years before the start
 * year that fall in the horizon, or spent in year 1 when none do (an operating plant's expansion). Volume
 * = capacity × ramp-up share of the year since start (1 after the listed ramp), within the life. Money is
 * converted to USD at the file's usd_per_unit. Defaults where a file says nothing: royalty 0, tax 21 %,
 * discount rate 8 %, public discount rate 4 %, depreciation over 10 years.
 */
public final class ProjectValuation {
    public static final int VALUATION_YEAR = 2026;
    public static final int HORIZON = 20;
    public static final double PUBLIC_DISCOUNT_RATE = 0.04;

    private ProjectValuation() {
    }

    public static Economics economics(Project p, Market m) {
        double fx = p.usdPerUnit() == null ? 1 : p.usdPerUnit().value();
        double[] capex = new double[HORIZON];
        double[] volume = new double[HORIZON];
        int firstBuild = Math.max(VALUATION_YEAR, p.startYear() - p.constructionYears());
        int buildYears = Math.max(0, p.startYear() - firstBuild);
        double total = p.capex().value() * fx;
        if (buildYears == 0) capex[0] = total;
        else for (int y = firstBuild; y < p.startYear(); y++) if (y - VALUATION_YEAR < HORIZON) capex[y - VALUATION_YEAR] = total / buildYears;
        for (int t = 0; t < HORIZON; t++) {
            int year = VALUATION_YEAR + t;
            int k = year - p.startYear();
            if (k < 0 || k >= p.lifeYears()) continue;
            double share = k < p.rampUp().length ? p.rampUp()[k] : 1;
            volume[t] = p.capacity().value() * share;
        }
        Debt debt = null;
        if (p.debt() != null) {
            debt = new Debt(p.debt().amount().value() * fx, p.debt().rate().value(), p.debt().tenor(), p.debt().grace(), Debt.Schedule.ANNUITY);
        }
        return new Economics(p.id(), m.priceUnit(), "t", Units.millionsPerPriceTonne(m.priceUnit()), capex, volume, p.opex().value(),
                p.fixedOpex() == null ? 0 : p.fixedOpex().value() * fx,
                new Fiscal.AdValorem(p.royalty() == null ? 0 : p.royalty().value()),
                new Fiscal.FlatWithLosses(p.tax() == null ? 0.21 : p.tax().value()), 10,
                p.discountRate() == null ? 0.08 : p.discountRate().value(), PUBLIC_DISCOUNT_RATE, debt);
    }

    /** The support the project's file states, or none. */
    public static Support statedSupport(Project p) {
        Project.SupportTerms s = p.support();
        if (s == null) return new Support.None();
        double fx = p.usdPerUnit() == null ? 1 : p.usdPerUnit().value();
        return switch (s.type()) {
            case "floor" -> new Support.Floor(s.strike().value(), s.years());
            case "cfd" -> new Support.Cfd(s.strike().value(), s.years());
            case "offtake" -> new Support.Offtake(s.strike().value(), s.volume().value(), s.years());
            case "floor-with-upside" -> new Support.FloorWithUpside(s.strike() == null ? 0 : s.strike().value(),
                    s.upsideShare() == null ? 0 : s.upsideShare().value(), s.ebitdaFloor() == null ? 0 : s.ebitdaFloor().value() * fx, s.years());
            default -> throw new IllegalStateException("unknown support type " + s.type());
        };
    }
}
