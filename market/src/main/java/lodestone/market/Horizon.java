package lodestone.market;

import java.util.List;

/**
 * The years of a scenario (docs/scenario-format.md, "Years"): a yearly horizon with demand growth, shifting
 * supply, policy paths, export bans by month, stockpiles carried from year to year with their purchase and
 * release rules, projects that are built when bankable, and the uncertain parameters of a Monte Carlo run.
 * Region indices are those of the scenario. Immutable; read by {@link ScenarioReader}, run by {@link MarketPath}.
 */
record Horizon(int from, int to, double[] demandGrowth, double[] supplyGrowth, double[] depletion, int recyclingLag,
               double discountRate, List<PolicyPath> paths, List<Ban> bans, List<StockRule> stockpiles, List<Project> projects,
               List<Uncertain> uncertain, boolean perfectForesight, double demandGrowthDefault, double supplyGrowthDefault) {

    /**
     * A policy parameter that changes by year: {@code target} is a policy label (its {@code field}: floor,
     * strike, quantity, ad_valorem, specific, release) or "tariff FROM TO" (field ad_valorem or specific).
     * The value in a year is that of the latest listed year ≤ it; before the first listed year the path does not
     * apply (the policy's or tariff's own value holds: {@link #applies}).
     */
    record PolicyPath(String target, String field, int[] years, double[] values, int line) {
        /** Whether a listed year ≤ {@code year} exists (years increase: the reader checks). */
        boolean applies(int year) {
            return years[0] <= year;
        }

        double at(int year) {
            double v = values[0];
            for (int k = 0; k < years.length; k++) if (years[k] <= year) v = values[k];
            return v;
        }
    }

    /** An export ban of {@code region} (to the listed destinations, all when empty) for {@code months} from a month. */
    record Ban(int region, List<Integer> to, int startYear, int startMonth, int months) {
        /** Months since January of {@code base} at which the ban starts (0 = January of base). */
        int startIndex(int base) { return (startYear - base) * 12 + startMonth - 1; }
    }

    /**
     * A stockpile held by one region or coordinated among several: initial holdings per region, a monthly
     * release rate with its condition (during a ban; within years; while the price is above a trigger), a
     * monthly purchase rate within years up to a ceiling, and how a coordinated release is shared
     * ("imports": in proportion to each member's imports of the previous year; "holdings": to its holdings).
     */
    record StockRule(String name, int[] regions, double[] holdings, double releaseRate, String during, int releaseFrom,
                     int releaseTo, double trigger, double buyRate, int buyFrom, int buyTo, double buyUpTo, String share) { }

    /**
     * A project (a minimal record; the finance module's registry can be mapped onto it): capacity per year at
     * full ramp, unit operating cost (price unit), capex per unit of annual capacity (price unit), years from
     * the decision to first output, the ramp-up (share of capacity in each year of operation, the last value
     * kept), operating life in years and the earliest decision year.
     */
    record Project(String name, int region, double capacity, double unitCost, double capex, int leadTime, double[] rampUp,
                   int life, int earliest) {
        double ramp(int yearOfOperation) {
            return rampUp[Math.min(yearOfOperation, rampUp.length - 1)];
        }
    }

    /** A named uncertain parameter ({@link MarketPath#PARAMETERS}) with its distribution. */
    record Uncertain(String param, Distribution dist, int line) { }
}
