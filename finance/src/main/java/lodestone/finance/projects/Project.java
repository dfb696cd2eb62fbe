package lodestone.finance.projects;

import java.util.List;
import java.util.Map;

/**
 * One project of the registry as its file states it (docs/projects-format.md). Money in millions of
 * {@code currency} (converted to USD by {@code usdPerUnit}); capacity in t/yr of the product; unit costs
 * in the market's price unit; {@code sustainingCapex} (null: none) in millions a production year; {@code closure}, {@code workingCapital} and {@code discounting} null when the file states
 * none. {@code marketLine} and {@code feedsLine} are the lines of those fields in the file (where
 * an unknown market or project they name is reported).
 */
public record Project(String id, String name, String file, int line, String sponsor, String country, double lat, double lon,
                      List<String> minerals, String product, String basis, Stage stage, Status status, String market,
                      String region, Figure capacity, Figure addedCapacity, double[] rampUp, int startYear, int lifeYears,
                      int constructionYears, Figure capex, String currency, Figure usdPerUnit, Figure opex, Figure aisc,
                      Figure fixedOpex, Figure sustainingCapex, Figure royalty, Figure tax, Figure discountRate, DebtTerms debt,
                      List<Financing> financing, List<Offtake> offtakes, SupportTerms support, Esg esg,
                      List<Owner> owners, Map<String, Source> sources, Map<String, String> assumptions, String feeds,
                      int marketLine, int feedsLine, Closure closure, WorkingCapital workingCapital, String discounting) {

    /** The valuation's discounting conventions: flows at the ends of their years (the default) or in their middles. */
    public static final String YEAR_END = "year-end", MID_YEAR = "mid-year";

    /**
     * Closure and rehabilitation: {@code cost} (millions of the currency) spread evenly over {@code years} years from
     * {@code startYear} (the file's, or the year after the last year of production).
     */
    public record Closure(Figure cost, int startYear, int years, boolean startYearStated) {
        public int lastYear() {
            return startYear + years - 1;
        }
    }

    /** Working capital in days (of 365): receivables on revenue, inventory and payables on cash costs; an absent figure is 0 days. */
    public record WorkingCapital(Figure receivablesDays, Figure inventoryDays, Figure payablesDays) { }

    /** The discounting convention: {@link #discounting} as written, {@link #YEAR_END} when the file states none. */
    public boolean midYear() {
        return MID_YEAR.equals(discounting);
    }

    public enum Stage { MINE, REFINERY, INTEGRATED, MAGNET, RECYCLER, BY_PRODUCT }

    public enum Status { OPERATING, CONSTRUCTION, COMMITTED, FEASIBILITY, EXPLORATION }

    public record Source(String id, String url, String date, String what) { }

    public record Owner(String name, String country, Figure share) { }

    /** A public loan, equity or grant: lender or investor, instrument, amount (millions, the project's currency). */
    public record Financing(String party, String kind, String instrument, Figure amount, boolean isPublic, String note) { }

    public record Offtake(String buyer, String terms, Figure volume, Figure price) { }

    /** Senior debt: its rate is the contract's, nominal; {@code inflation} (null: 0, the rate taken as real) deflates its service. */
    public record DebtTerms(Figure amount, Figure rate, int tenor, int grace, Figure inflation) { }

    /** The support the project has or is offered: none, floor, cfd, offtake, floor-with-upside. */
    public record SupportTerms(String type, Figure strike, Figure upsideShare, Figure ebitdaFloor, Figure volume, int years, String note) { }

    /**
     * ESG and standards attributes screened against an agreement's criteria: responsible business conduct
     * (OECD due-diligence policy, standards audited against), labour, environment (permits), and the
     * named counterparties that are checked against the regime's entity lists.
     */
    public record Esg(boolean rbcPolicy, List<String> standards, boolean iloCore, String permits, boolean eia,
                      List<String> counterparties, List<String> notes) { }
}
