package lodestone.finance.projects;

import lodestone.finance.valuation.Debt;
import lodestone.finance.valuation.Economics;
import lodestone.finance.valuation.Fiscal;
import lodestone.finance.valuation.Support;

/**
 * Turns a registry project into the valuation's {@link Economics} and its stated support into a
 * {@link Support}. Timeline: year 1 is {@link #VALUATION_YEAR}; the valuation runs to the project's last year of
 * production ({@link #lastYear}), and over at least {@link #HORIZON} years (2026–2045), so a project whose life goes
 * beyond 2045 is valued to its end, not cut there. Capex (what is still to be spent, as the file states it) is spread
 * evenly over the construction years before the start year that fall from 2026 on, or spent in the start year when
 * there are none (2026 for an operating plant's expansion). Volume = capacity × ramp-up share of the year since start
 * (1 after the listed ramp), within the life. Money is converted to USD at the file's usd_per_unit. Defaults where a
 * file says nothing: royalty 0, tax 21 %, discount rate 8 %, public discount rate 4 %, depreciation over 10 years.
 */
public final class ProjectValuation {
    public static final int VALUATION_YEAR = 2026;
    /** The fewest years valued (2026–2045); a life going beyond 2045 is valued to its last year. */
    public static final int HORIZON = 20;
    public static final double PUBLIC_DISCOUNT_RATE = 0.04;

    /**
     * What the money of a valuation, a floor comparison and a ranking is: real, in constant 2026 dollars. Prices follow a
     * process about a constant long-run level, costs, strikes and EBITDA floors are constant, nothing is escalated; so the
     * discount rates (the project's, 8 % unless its file states one, and the public 4 %) are real rates.
     */
    public static final String MONEY_BASIS = "real: constant 2026 US dollars (prices, costs and support are not escalated; "
            + "the discount rates are real)";

    /**
     * What a feasibility study's cash flow has and this valuation leaves out or simplifies (docs/valuation.md, "Not modelled"),
     * said under the numbers so that a difference from a study's NPV is not taken for an error.
     */
    public static final String NOT_MODELLED = "working capital, closure and rehabilitation costs, value after the last year of production "
            + "(no terminal value); flows fall at the ends of years (no mid-year convention); depreciation straight-line over 10 years";

    private ProjectValuation() {
    }

    /** The project's last year of production: start_year + life_years − 1. */
    public static int lastYear(Project p) {
        return p.startYear() + p.lifeYears() - 1;
    }

    /**
     * The last year with a flow: the last year of production, or later the last year of closure, or the year after the
     * last of production when working capital is held (it is released then).
     */
    public static int endYear(Project p) {
        int end = lastYear(p);
        if (p.closure() != null) end = Math.max(end, p.closure().lastYear());
        if (p.workingCapital() != null) end = Math.max(end, lastYear(p) + 1);
        return end;
    }

    /** The years valued: from {@link #VALUATION_YEAR} to the project's last year with a flow ({@link #endYear}), at least {@link #HORIZON}. */
    public static int years(Project p) {
        return Math.max(HORIZON, endYear(p) - VALUATION_YEAR + 1);
    }

    /**
     * The flows after the last year of production that the valuation's last year is for, e.g. {@code "closure in 2046–2047,
     * working capital released in 2046"}; empty when there are none.
     */
    public static String afterProduction(Project p) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int last = lastYear(p);
        if (p.closure() != null && p.closure().lastYear() > last) {
            parts.add("closure in " + (p.closure().startYear() == p.closure().lastYear() ? String.valueOf(p.closure().startYear())
                    : p.closure().startYear() + "–" + p.closure().lastYear()));
        }
        if (p.workingCapital() != null) parts.add("working capital released in " + (last + 1));
        return String.join(", ", parts);
    }

    /**
     * What this project's valuation leaves out: {@link #NOT_MODELLED} for a file that states none of closure, working capital
     * and the mid-year convention; without the items it states.
     */
    public static String notModelled(Project p) {
        if (p.closure() == null && p.workingCapital() == null && p.discounting() == null) return NOT_MODELLED;
        java.util.List<String> left = new java.util.ArrayList<>();
        if (p.workingCapital() == null) left.add("working capital");
        if (p.closure() == null) left.add("closure and rehabilitation costs");
        left.add("value after the last year of production (no terminal value)");
        String s = String.join(", ", left);
        if (!p.midYear()) s += "; flows fall at the ends of years (no mid-year convention)";
        return s + "; depreciation straight-line over 10 years";
    }

    /** Below this many paths a valuation says that its quantiles are single paths and its errors rest on few values. */
    public static final long FEW_PATHS = 100;

    /**
     * What a valuation of {@code paths} paths must say of its precision (empty from {@link #FEW_PATHS} on, and for a process
     * that does not move, whose paths are all one): one path has no
     * spread (its SE of 0 measures nothing); under 100 the P10 and P90 are single paths — the order statistics of rank
     * ⌊0.1(n − 1)⌋ and ⌊0.9(n − 1)⌋ (of 10 paths the 1st and the 9th from the least; of 2, both the lesser) — and a probability is known to no better
     * than ±√(p(1 − p)/n). Said by value (text and --json), the floor sweep, POST /api/valuations, /api/floor-sweeps and the
     * Projects page alike: until 2026-12-08 only value's text said the first, on its error stream, and 10 paths were answered
     * without a word.
     */
    public static java.util.List<String> pathWarnings(long paths, lodestone.finance.valuation.PriceProcess process) {
        if (paths == 1) {
            return java.util.List.of("only 1 path: its SE is shown as 0 but measures nothing (a spread needs at least 2 paths), and every "
                    + "quantile is that path; run more paths");
        }
        // a process that does not move (σ 0, no shocks) draws one path n times: its quantiles and SE of 0 are exact
        if (paths >= FEW_PATHS || process.sigma() == 0 && process.jumpProbability() == 0) return java.util.List.of();
        long lo = (paths - 1) / 10 + 1, hi = 9 * (paths - 1) / 10 + 1;
        return java.util.List.of(String.format(java.util.Locale.ROOT, "only %d paths: the P10 and P90 are single paths (the %s and the %s "
                        + "of %d from the least) and the standard errors rest on %d values; run at least %d paths", paths, ordinal(lo),
                ordinal(hi), paths, paths, FEW_PATHS));
    }

    private static String ordinal(long k) {
        long t = k % 100;
        String suffix = t >= 11 && t <= 13 ? "th" : switch ((int) (k % 10)) { case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th"; };
        return k + suffix;
    }

    /**
     * The years of debt service a support leaves uncovered: a support runs for its years from the first year of production
     * (CashFlows), a debt for its grace and tenor from the same year, and a 10-year floor under a 1 + 12-year loan leaves the
     * last repayments to the market price. Nothing is wrong in the figures (the DSCR counts those years at the market price),
     * but a lender reading "with support" would take the debt as covered: said, with the years and the term that would cover
     * it. Empty without a debt, without support, or with a support for the whole life (0 years).
     */
    public static java.util.List<String> supportWarnings(Economics e, Support s) {
        if (e.debt() == null || s instanceof Support.None || s.years() == 0) return java.util.List.of();
        int first = e.firstOperatingYear();
        if (first > e.years()) return java.util.List.of();
        int lastSupported = first + s.years() - 1;
        int lastRepay = Math.min(first + e.debt().grace() + e.debt().tenor() - 1, e.lastOperatingYear());
        if (lastSupported >= lastRepay) return java.util.List.of();
        int y0 = VALUATION_YEAR - 1; // year index 1 is 2026
        int from = y0 + lastSupported + 1, to = y0 + lastRepay;
        return java.util.List.of("the support ends before the debt is repaid: its " + s.years() + (s.years() == 1 ? " year covers " : " years cover ")
                + (y0 + first) + (s.years() == 1 ? "" : "–" + (y0 + lastSupported)) + " and the debt's service runs to " + to + ", so "
                + (from == to ? from + " is" : from + "–" + to + " are") + " paid from the market price alone (the DSCR and the debt "
                + "capacity count " + (from == to ? "it" : "them") + " so); " + (lastRepay - first + 1) + " years of support would cover the debt");
    }

    /**
     * Null when the project produces in {@link #VALUATION_YEAR} or later, else why it cannot be valued, naming the project
     * and its years: its value would be its capex alone at any price.
     */
    public static String outsideWindow(Project p) {
        int first = p.startYear();
        int last = lastYear(p);
        if (last >= VALUATION_YEAR) return null;
        return "project '" + p.id() + "' produces in " + first + "–" + last + " (start_year " + first + ", life_years " + p.lifeYears()
                + "), before the valuation's first year " + VALUATION_YEAR + ": nothing it produces would be valued, so it is not valued";
    }

    public static Economics economics(Project p, Market m) {
        double fx = p.usdPerUnit() == null ? 1 : p.usdPerUnit().value();
        int years = years(p);
        double[] capex = new double[years];
        double[] volume = new double[years];
        double[] sustaining = new double[years];
        int firstBuild = Math.max(VALUATION_YEAR, p.startYear() - p.constructionYears());
        int buildYears = Math.max(0, p.startYear() - firstBuild);
        double total = p.capex().value() * fx;
        // no construction years from 2026 on: spent in the start year (2026 for a plant already operating)
        if (buildYears == 0) capex[Math.max(0, p.startYear() - VALUATION_YEAR)] = total;
        else for (int y = firstBuild; y < p.startYear(); y++) capex[y - VALUATION_YEAR] = total / buildYears;
        for (int t = 0; t < years; t++) {
            int year = VALUATION_YEAR + t;
            int k = year - p.startYear();
            if (k < 0 || k >= p.lifeYears()) continue;
            double share = k < p.rampUp().length ? p.rampUp()[k] : 1;
            volume[t] = p.capacity().value() * share;
            if (p.sustainingCapex() != null) sustaining[t] = p.sustainingCapex().value() * fx; // every year of the life
        }
        double[] closure = new double[years];
        if (p.closure() != null) {
            Project.Closure c = p.closure();
            for (int y = c.startYear(); y <= c.lastYear(); y++) closure[y - VALUATION_YEAR] = c.cost().value() * fx / c.years();
        }
        Economics.WorkingCapital wc = null;
        if (p.workingCapital() != null) {
            Project.WorkingCapital w = p.workingCapital();
            // a plant producing before 2026 holds its working capital already: not built again in 2026
            wc = new Economics.WorkingCapital(days(w.receivablesDays()), days(w.inventoryDays()), days(w.payablesDays()), p.startYear() < VALUATION_YEAR);
        }
        Debt debt = null;
        if (p.debt() != null) {
            debt = new Debt(p.debt().amount().value() * fx, p.debt().rate().value(), p.debt().tenor(), p.debt().grace(), Debt.Schedule.ANNUITY,
                    p.debt().inflation() == null ? 0 : p.debt().inflation().value());
        }
        return new Economics(p.id(), m.priceUnit(), "t", Units.millionsPerPriceTonne(m.priceUnit()), capex, volume, p.opex().value(),
                p.fixedOpex() == null ? 0 : p.fixedOpex().value() * fx,
                new Fiscal.AdValorem(p.royalty() == null ? 0 : p.royalty().value()),
                new Fiscal.FlatWithLosses(p.tax() == null ? 0.21 : p.tax().value()), 10,
                p.discountRate() == null ? 0.08 : p.discountRate().value(), PUBLIC_DISCOUNT_RATE, debt, sustaining, closure, wc, p.midYear());
    }

    private static double days(Figure f) {
        return f == null ? 0 : f.value();
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

    /**
     * A support structure asked for on the command line or in a request, in the market's price unit:
     * {@code floor} (with an optional upside share and EBITDA floor, the DoD–MP structure), {@code cfd}, or
     * {@code offtake} as PRICE:VOLUME. Null when none was asked for. Contradictory or impossible
     * values are refused with the option named.
     */
    public static Support requested(Market m, String floor, Double upsideShare, Double ebitdaFloor, String cfd, String offtake, int years) {
        int given = (floor != null ? 1 : 0) + (cfd != null ? 1 : 0) + (offtake != null ? 1 : 0);
        if (given > 1) throw new IllegalArgumentException("give one of --floor, --cfd and --offtake, not several");
        if (years < 0) throw new IllegalArgumentException("--support-years: must be ≥ 0 (0 = the whole life), got " + years);
        if ((upsideShare != null || ebitdaFloor != null) && floor == null) throw new IllegalArgumentException("--upside-share and --ebitda-floor go with --floor");
        if (upsideShare != null && !(upsideShare >= 0 && upsideShare <= 1)) throw new IllegalArgumentException("--upside-share: " + upsideShare + " must be a share between 0 and 1");
        if (ebitdaFloor != null && !(ebitdaFloor >= 0)) throw new IllegalArgumentException("--ebitda-floor: " + ebitdaFloor + " must be ≥ 0 (million USD per year)");
        double ref = m.referencePrice();
        if (floor != null) {
            double k = Units.parsePrice(floor, m.priceUnit(), ref, "--floor");
            if (upsideShare == null && ebitdaFloor == null) return new Support.Floor(k, years);
            return new Support.FloorWithUpside(k, upsideShare == null ? 0 : upsideShare, ebitdaFloor == null ? 0 : ebitdaFloor, years);
        }
        if (cfd != null) return new Support.Cfd(Units.parsePrice(cfd, m.priceUnit(), ref, "--cfd"), years);
        if (offtake != null) {
            String[] pv = offtake.split(":");
            if (pv.length != 2) throw new IllegalArgumentException("--offtake: '" + offtake + "' expected PRICE:VOLUME (e.g. 90:2000 for 2,000 t/yr at 90 " + m.priceUnit() + ")");
            double price = Units.parsePrice(pv[0], m.priceUnit(), ref, "--offtake price");
            double vol;
            try {
                vol = Double.parseDouble(pv[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--offtake: volume '" + pv[1] + "' is not a number (t/yr)");
            }
            if (!(vol > 0)) throw new IllegalArgumentException("--offtake: volume " + pv[1] + " must be > 0 t/yr");
            return new Support.Offtake(price, vol, years);
        }
        return null;
    }
}
