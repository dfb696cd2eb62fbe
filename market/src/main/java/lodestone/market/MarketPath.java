package lodestone.market;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's path over its horizon (docs/market-model.md, "Years"). Each year the market is rebuilt from
 * the base year's curves (demand growth, supply growth and depletion, recycling that grows with the scrap
 * pool, the projects in operation) and the policies in force that year (policy paths); the year is split
 * into spans of months over which nothing changes (a ban starts or ends, a stockpile runs out or fills),
 * each span is solved as a certified equilibrium at annual rates (warm-started from the previous span), and
 * the year's figures are the month-weighted sums and averages. Stockpile holdings are carried from span to
 * span and year to year. At each year's end every project not yet built is tested: it is built when its NPV
 * per unit of capacity at the prices it expects is ≥ 0, and produces after its lead time along its ramp-up.
 * Myopic expectations (the default): the price its producers received that year is expected to last.
 * Perfect foresight ({@code expectations: perfect-foresight}): the prices are those of the path itself, a
 * fixed point found by iteration — run the path with a build plan, let every project decide on that path's
 * producer prices (built in the first year its NPV is ≥ 0), and run again with the new plan until the plan
 * stops changing ({@link #FORESIGHT_ROUNDS} paths at most; when it still changes the last path is returned and
 * {@link PathResult.Expectations} says it did not converge). Discrete build decisions need not have a fixed
 * point: a project whose own output pulls the price below its incentive price is built on the path without
 * it and not on the path with it.
 *
 * <p>A path is deterministic for the same scenario, parameters and warm-start mode. Parameters
 * ({@link #PARAMETERS}) override the scenario's values: they are what Monte Carlo draws, sensitivity varies and
 * target seeking solves for.
 */
public final class MarketPath {
    /** The parameter names a run may override (docs/scenario-format.md, "Parameters"). */
    public static final List<String> PARAMETERS = List.of("floor", "strike", "demand_growth", "demand_growth.REGION",
            "supply_growth", "supply_growth.REGION", "demand_elasticity", "supply_elasticity", "demand_shock.YEAR",
            "ban.occurs", "ban.start", "ban.months", "project.NAME.delay", "project.NAME.capex", "stockpile.NAME.size");

    /**
     * The whole steps a parameter is applied in, or null for a parameter applied as given: {@code ban.start} and
     * {@code ban.months} are rounded to whole months, {@code project.NAME.delay} to whole years (Java's
     * {@code Math.round}, as the ban windows and the build schedule do), and {@code ban.occurs} is 1 from 0.5 up.
     */
    public static String steps(String param) {
        if (param.equals("ban.start") || param.equals("ban.months")) return "whole months";
        if (param.startsWith("project.") && param.endsWith(".delay")) return "whole years";
        if (param.equals("ban.occurs")) return "0 or 1 (1 from 0.5 up)";
        return null;
    }

    /** The value the path applies for {@code v} of {@code param}: the whole step it is rounded to (see {@link #steps}), else {@code v}. */
    public static double applied(String param, double v) {
        if (steps(param) == null) return v;
        if (param.equals("ban.occurs")) return v < 0.5 ? 0 : 1;
        return Math.round(v);
    }

    /** How each span's solve starts: cold (reference point), from the previous span, or also from the previous run. */
    public enum Warm { COLD, YEAR, RUN }

    private MarketPath() {
    }

    /** The path with the scenario's own values. */
    public static PathResult run(Scenario s) {
        return run(s, Map.of(), Warm.YEAR, null);
    }

    /**
     * The path with some parameters overridden. {@code memory} (may be null) holds the equilibria of a
     * previous run for {@link Warm#RUN} and receives this run's.
     */
    public static PathResult run(Scenario s, Map<String, Double> params, Warm warm, Memory memory) {
        if (s.horizon == null) throw new IllegalArgumentException(s.name() + " has no horizon: (a single-year scenario)");
        if (!s.horizon.perfectForesight()) return new Runner(s, params, warm, memory, null).run();
        // perfect foresight: start from the myopic plan, then iterate plan → path → decisions on that path
        Runner r = new Runner(s, params, warm, memory, null);
        PathResult p = r.run();
        if (!p.solved()) return p.with(new PathResult.Expectations("perfect-foresight", 1, false));
        int[] plan = r.built.clone();
        for (int round = 1; round <= FORESIGHT_ROUNDS; round++) {
            r = new Runner(s, params, warm, memory, plan);
            p = r.run();
            if (!p.solved()) return p.with(new PathResult.Expectations("perfect-foresight", round + 1, false));
            int[] next = r.foresightDecisions();
            if (Arrays.equals(next, plan)) return r.withForesightReasons(p, new PathResult.Expectations("perfect-foresight", round + 1, true));
            plan = next;
        }
        return r.withForesightReasons(p, new PathResult.Expectations("perfect-foresight", FORESIGHT_ROUNDS + 1, false));
    }

    /** The most paths run with plans in search of the perfect-foresight fixed point (after the myopic start). */
    static final int FORESIGHT_ROUNDS = 12;

    /** The equilibria of the last run, by (year, span), for warm starts across runs (one per thread). */
    public static final class Memory {
        final Map<Long, Equilibrium> last = new HashMap<>();
    }

    /** Null when {@code name} is a parameter of this scenario, else what is wrong with it (with what is expected). */
    static String checkParameter(String name, List<String> ids, List<Policy> policies, Horizon h) {
        String[] p = name.split("\\.");
        boolean ok = switch (p[0]) {
            case "floor" -> p.length == 1 && policies.stream().anyMatch(x -> x instanceof Policy.PriceFloor);
            case "strike" -> p.length == 1 && policies.stream().anyMatch(x -> x instanceof Policy.PriceGapSubsidy);
            case "demand_growth", "supply_growth" -> p.length == 1 || (p.length == 2 && ids.contains(p[1]));
            case "demand_elasticity", "supply_elasticity" -> p.length == 1;
            case "demand_shock" -> p.length == 2 && p[1].matches("\\d{4}") && Integer.parseInt(p[1]) >= h.from()
                    && Integer.parseInt(p[1]) <= h.to();
            case "ban" -> p.length == 2 && List.of("occurs", "start", "months").contains(p[1]) && !h.bans().isEmpty();
            case "project" -> p.length == 3 && List.of("delay", "capex").contains(p[2])
                    && h.projects().stream().anyMatch(x -> x.name().equals(p[1]));
            case "stockpile" -> p.length == 3 && p[2].equals("size") && h.stockpiles().stream().anyMatch(x -> x.name().equals(p[1]));
            default -> false;
        };
        if (ok) return null;
        List<String> known = new ArrayList<>();
        if (policies.stream().anyMatch(x -> x instanceof Policy.PriceFloor)) known.add("floor");
        if (policies.stream().anyMatch(x -> x instanceof Policy.PriceGapSubsidy)) known.add("strike");
        known.addAll(List.of("demand_growth[.REGION]", "supply_growth[.REGION]", "demand_elasticity", "supply_elasticity",
                "demand_shock.YEAR" + (h.from() == 0 ? "" : " (" + h.from() + "-" + h.to() + ")")));
        if (!h.bans().isEmpty()) known.add("ban.occurs|start|months");
        for (Horizon.Project x : h.projects()) known.add("project." + x.name() + ".delay|capex");
        for (Horizon.StockRule x : h.stockpiles()) known.add("stockpile." + x.name() + ".size");
        return "unknown parameter '" + name + "' (this scenario's parameters: " + String.join(", ", known) + "; regions: "
                + String.join(", ", ids) + ")";
    }

    /** Checks a parameter name against a loaded scenario; null when valid, else the message. */
    public static String checkParameter(Scenario s, String name) {
        if (s.horizon == null) return s.name() + " has no horizon: (parameters act on the years of a path)";
        return checkParameter(name, s.regionIds(), s.policies, s.horizon);
    }

    /** The scenario's own value of a parameter (the midpoint seek and sensitivity start from), NaN when it has none. */
    public static double baseValue(Scenario s, String name) {
        String[] p = name.split("\\.");
        Horizon h = s.horizon;
        return switch (p[0]) {
            case "floor" -> s.policies.stream().filter(x -> x instanceof Policy.PriceFloor).mapToDouble(x -> ((Policy.PriceFloor) x).floor())
                    .findFirst().orElse(Double.NaN);
            case "strike" -> s.policies.stream().filter(x -> x instanceof Policy.PriceGapSubsidy)
                    .mapToDouble(x -> ((Policy.PriceGapSubsidy) x).strike()).findFirst().orElse(Double.NaN);
            case "demand_growth" -> p.length == 1 ? h.demandGrowthDefault() : h.demandGrowth()[s.regionIndex(p[1])];
            case "supply_growth" -> p.length == 1 ? h.supplyGrowthDefault() : h.supplyGrowth()[s.regionIndex(p[1])];
            case "demand_elasticity", "supply_elasticity", "demand_shock", "stockpile" -> 1;
            case "ban" -> p[1].equals("occurs") ? 1 : p[1].equals("start") ? 0 : h.bans().isEmpty() ? Double.NaN : h.bans().get(0).months();
            case "project" -> p[2].equals("capex") ? 1 : 0;
            default -> Double.NaN;
        };
    }

    /** One run of the path. */
    private static final class Runner {
        final Scenario s;
        final Horizon h;
        final Map<String, Double> params;
        final Warm warm;
        final Memory memory;
        final int n;
        final int[] built;
        final double[][] holdings;
        /** Whether the path has a stockpile (the horizon's or a policy's): then each year says how much of its release went unsold. */
        final boolean stocked;
        /** Consumption by region in each year run so far (for recycling and coordinated shares). */
        final List<double[]> consumption = new ArrayList<>();
        final List<double[]> imports = new ArrayList<>();
        double cumulativeFiscal;
        /**
         * The last equilibrium of each market structure (which bans and stockpile flows are in force, which
         * projects produce): a span starts from the last span of the same structure, whose basis fits it,
         * rather than from the span just before (after a ban starts, that one's flows are far from the answer).
         */
        final Map<String, Equilibrium> lastByStructure = new HashMap<>();
        int solves;
        int pivots;

        /** Perfect foresight: the year each project is built in (MIN_VALUE: never), decided outside this run; null: myopic. */
        final int[] plan;
        /** The producer price of each region in each year run so far. */
        final List<double[]> producerPrices = new ArrayList<>();

        Runner(Scenario s, Map<String, Double> params, Warm warm, Memory memory, int[] plan) {
            this.plan = plan;
            this.s = s;
            this.h = s.horizon;
            this.params = params;
            this.warm = warm;
            this.memory = memory;
            this.n = s.regions.size();
            built = new int[h.projects().size()];
            Arrays.fill(built, Integer.MIN_VALUE);
            holdings = new double[h.stockpiles().size()][];
            for (int k = 0; k < holdings.length; k++) {
                Horizon.StockRule r = h.stockpiles().get(k);
                double size = param("stockpile." + r.name() + ".size", 1);
                holdings[k] = r.holdings().clone();
                for (int i = 0; i < holdings[k].length; i++) holdings[k][i] *= size;
            }
            stocked = holdings.length > 0 || s.policies.stream().anyMatch(p -> p instanceof Policy.Stockpile);
        }

        /**
         * A region's growth rate on this run: {@code NAME.REGION} when given (the region's rate itself), else the
         * region's own rate moved by the same difference as {@code NAME} from the scenario's rate for all regions
         * ({@code own + (value − global)}: a draw of the scenario's own value is the scenario's path, and regions
         * with rates of their own keep their gap to the others), else its own rate.
         */
        double growth(String name, String region, double own, double global) {
            Double v = params.get(name + "." + region);
            if (v != null) return v;
            Double all = params.get(name);
            if (all == null || all == global) return own;
            if (own == global) return all; // exactly the value drawn (own + difference may differ in the last bit)
            double rate = own + (all - global);
            if (rate <= -1) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s = %s moves %s's rate %s by %s to %s, "
                        + "at or below -1 (a region's yearly growth cannot take away all of its market)", name, fmt(all), region,
                        fmt(own), fmt(all - global), fmt(rate)));
            }
            return rate;
        }

        static String fmt(double v) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }

        double param(String key, double otherwise) {
            Double v = params.get(key);
            return v == null ? otherwise : v;
        }

        PathResult run() {
            List<PathResult.Year> years = new ArrayList<>();
            Equilibrium previous = null;
            for (int y = h.from(); y <= h.to(); y++) {
                Scenario base = yearScenario(y);
                YearRun yr = new YearRun(y, base, previous);
                String failure = yr.run();
                if (failure != null) return new PathResult(s.name(), years, failure, solves, pivots, PathResult.Expectations.MYOPIC);
                previous = yr.last;
                years.add(yr.result());
            }
            return new PathResult(s.name(), years, null, solves, pivots, PathResult.Expectations.MYOPIC);
        }

        /** The year production of project k starts when it is decided in {@code year}. */
        int firstYear(Horizon.Project p, int year) {
            return year + lead(p);
        }

        /**
         * The project's lead time on this run: its {@code lead_time} plus {@code project.NAME.delay} in whole years, at
         * least 1 (decided at a year's end, a project produces the next year at the earliest); a delay taking it below is
         * refused, as the scenario's reader and seek refuse such values ({@link ParameterRange#of(Scenario, String)}).
         */
        int lead(Horizon.Project p) {
            double delay = param("project." + p.name() + ".delay", 0);
            int l = p.leadTime() + (int) Math.round(delay);
            if (l < 1) {
                throw new IllegalArgumentException("project." + p.name() + ".delay = " + fmt(delay) + " makes " + p.name()
                        + "'s lead time " + p.leadTime() + " + " + Math.round(delay) + " = " + l + " years; the least is 1 (decided at a "
                        + "year's end, a project produces the next year at the earliest): the delay cannot be below " + (1 - p.leadTime()));
            }
            return l;
        }

        /**
         * Project k's NPV per unit of capacity when decided at the end of {@code year}, on this run's producer
         * prices of its region (the last year's beyond the horizon), discounted to that year's end.
         */
        double foresightNpv(int k, int year) {
            Horizon.Project p = h.projects().get(k);
            double rate = h.discountRate();
            int first = firstYear(p, year);
            double npv = -p.capex() * param("project." + p.name() + ".capex", 1);
            for (int j = 0; j < p.life(); j++) {
                int y = Math.min(first + j, h.to());
                double price = producerPrices.get(y - h.from())[p.region()];
                npv += p.ramp(j) * (price - p.unitCost()) / Math.pow(1 + rate, first + j - year);
            }
            return npv;
        }

        /** Each project's decision on this run's prices: the first year (≥ its earliest) its NPV is ≥ 0, else never. */
        int[] foresightDecisions() {
            int[] out = new int[built.length];
            Arrays.fill(out, Integer.MIN_VALUE);
            for (int k = 0; k < out.length; k++) {
                Horizon.Project p = h.projects().get(k);
                for (int y = Math.max(h.from(), p.earliest()); y <= h.to(); y++) {
                    if (foresightNpv(k, y) >= 0) {
                        out[k] = y;
                        break;
                    }
                }
            }
            return out;
        }

        /** The path with each build's reason stated on this run's own prices, and the rule used. */
        PathResult withForesightReasons(PathResult p, PathResult.Expectations e) {
            List<PathResult.Year> years = new ArrayList<>();
            for (PathResult.Year y : p.years()) {
                List<String> reasons = new ArrayList<>();
                for (int k = 0; k < built.length; k++) {
                    if (plan[k] != y.year()) continue;
                    Horizon.Project pr = h.projects().get(k);
                    double npv = foresightNpv(k, y.year());
                    reasons.add(String.format(java.util.Locale.ROOT, "%s (%s): NPV %.4g per unit of capacity %s 0 on the path's own prices "
                            + "from %d (perfect foresight)", pr.name(), s.regions.get(pr.region()).id(), npv, npv >= 0 ? "≥" : "<",
                            firstYear(pr, y.year())));
                }
                years.add(new PathResult.Year(y.year(), y.metrics(), List.copyOf(reasons), y.warnings()));
            }
            return new PathResult(p.scenario(), years, p.failure(), p.solves(), p.pivots(), e);
        }

        /** The market of year y before bans and stockpile flows: curves shifted, projects added, policy paths applied. */
        Scenario yearScenario(int y) {
            int t = y - h.from();
            double de = param("demand_elasticity", 1);
            double se = param("supply_elasticity", 1);
            double shock = param("demand_shock." + y, 1);
            List<Region> regions = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                Region reg = s.regions.get(r);
                String id = reg.id();
                double dg = growth("demand_growth", id, h.demandGrowth()[r], h.demandGrowthDefault());
                double sg = growth("supply_growth", id, h.supplyGrowth()[r], h.supplyGrowthDefault());
                double dm = Math.pow(1 + dg, t) * shock;
                double sm = Math.pow(1 + sg, t) * Math.pow(1 - h.depletion()[r], t);
                List<Curve> supply = new ArrayList<>();
                for (Curve c : reg.supply()) supply.add(c.elasticityScaled(se, s.referencePrice).scaled(sm));
                for (int k = 0; k < built.length; k++) {
                    Horizon.Project p = h.projects().get(k);
                    if (p.region() != r || built[k] == Integer.MIN_VALUE) continue;
                    int first = built[k] + lead(p);
                    if (y < first || y >= first + p.life()) continue;
                    double cap = p.capacity() * p.ramp(y - first);
                    if (cap > 0) supply.add(new Curve.Steps(new double[]{p.unitCost()}, new double[]{cap}, new String[]{p.name()}));
                }
                double rm = 1;
                if (h.recyclingLag() > 0 && !consumption.isEmpty() && consumption.get(0)[r] > 0) {
                    int lagged = Math.max(0, t - h.recyclingLag());
                    rm = consumption.get(Math.min(lagged, consumption.size() - 1))[r] / consumption.get(0)[r];
                }
                List<Curve> recycled = new ArrayList<>();
                for (Curve c : reg.recycled()) recycled.add(c.scaled(rm));
                Curve demand = reg.demand() == null ? null : reg.demand().elasticityScaled(de, s.referencePrice).scaled(dm);
                regions.add(new Region(id, reg.name(), reg.countries(), supply, recycled, demand));
            }
            double[][] adv = copy(s.tariffAdValorem);
            double[][] spec = copy(s.tariffSpecific);
            List<Policy> policies = new ArrayList<>();
            for (Policy p : s.policies) policies.add(p);
            for (Horizon.PolicyPath path : h.paths()) {
                if (!path.applies(y)) continue; // before its first year: the scenario's own value
                double v = path.at(y);
                if (path.target().startsWith("tariff ")) {
                    String[] ab = path.target().split(" ");
                    int a = Integer.parseInt(ab[1]);
                    int b = Integer.parseInt(ab[2]);
                    if (path.field().equals("ad_valorem")) adv[a][b] = v;
                    else spec[a][b] = v;
                    continue;
                }
                for (int k = 0; k < policies.size(); k++) {
                    if (policies.get(k).label().equals(path.target())) policies.set(k, policies.get(k).withField(path.field(), v));
                }
            }
            if (params.containsKey("floor") || params.containsKey("strike")) {
                for (int k = 0; k < policies.size(); k++) {
                    Policy p = policies.get(k);
                    if (p instanceof Policy.PriceFloor && params.containsKey("floor")) policies.set(k, p.withField("floor", params.get("floor")));
                    if (p instanceof Policy.PriceGapSubsidy && params.containsKey("strike")) policies.set(k, p.withField("strike", params.get("strike")));
                }
            }
            Scenario out = new Scenario(s.name + " " + y, s.description, s.minerals, s.product, s.quantityUnit, s.priceUnit,
                    s.referencePrice, regions, s.club, s.transport, adv, spec, policies, null);
            return out;
        }

        static double[][] copy(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
            return c;
        }

        /** Months from January of the first year at which the k-th ban starts and ends (end exclusive); null if it does not occur. */
        double[] banWindow(Horizon.Ban b) {
            if (param("ban.occurs", 1) < 0.5) return null;
            double shift = param("ban.start", 0);
            double start = b.startIndex(h.from()) + Math.round(shift);
            int lastMonth = (h.to() - h.from() + 1) * 12 - 1;
            if (start < 0 || start > lastMonth) { // a ban moved out of the horizon ran as no ban: refused, as the reader and seek refuse it
                ParameterRange r = ParameterRange.banStart(h);
                int y = h.from() + Math.floorDiv((int) start, 12), m = Math.floorMod((int) start, 12) + 1;
                throw new IllegalArgumentException("ban.start = " + fmt(shift) + " moves the ban of " + s.regions.get(b.region()).id() + " from "
                        + ParameterRange.month(b) + " to " + y + "-" + (m < 10 ? "0" : "") + m + ", outside the horizon " + h.from() + "-"
                        + h.to() + ": ban.start cannot be below " + fmt(r.min()) + " or above " + fmt(r.max()));
            }
            double months = Math.round(param("ban.months", b.months()));
            return new double[]{start, start + months};
        }

        /** One year: its spans of months, each solved, then its figures and project decisions. */
        final class YearRun {
            final int year;
            final Scenario base;
            Equilibrium last;
            final double[] price = new double[n];
            final double[] producerPrice = new double[n];
            final double[] production = new double[n];
            final double[] use = new double[n];
            final double[] netImports = new double[n];
            final double[] importsByRegion = new double[n];
            double levy;
            double tariff;
            double subsidy;
            double purchases;
            double sales;
            /** Stock released that the market would not take at price 0, kept in the stockpile (quantity over the year). */
            double unsoldRelease;
            double nonMemberImports;
            double banMonths;
            double coveredMonths;
            /** Production no one buys at price 0 (quantity over the year) and the months it happens, by region. */
            final double[] unsoldProduction = new double[n];
            final double[] unsoldProductionMonths = new double[n];
            final List<String> builtNow = new ArrayList<>();

            YearRun(int year, Scenario base, Equilibrium previous) {
                this.year = year;
                this.base = base;
                this.last = previous;
            }

            String run() {
                double t0 = 0;
                int span = 0;
                int yearStart = (year - h.from()) * 12;
                while (t0 < 12 - 1e-12) {
                    double t1 = 12;
                    // bans in force over [t0, t1)
                    List<Policy> extra = new ArrayList<>();
                    boolean banned = false;
                    boolean[] cutOff = new boolean[n];   // a destination of a ban in force: its supply from the banning region is cut

                    for (Horizon.Ban b : h.bans()) {
                        double[] w = banWindow(b);
                        if (w == null) continue;
                        double a = w[0] - yearStart;
                        double e = w[1] - yearStart;
                        if (a > t0 + 1e-12) t1 = Math.min(t1, a);
                        if (e > t0 + 1e-12) t1 = Math.min(t1, e);
                        if (a <= t0 + 1e-12 && e > t0 + 1e-12) {
                            banned = true;
                            for (int d = 0; d < n; d++) if (d != b.region() && (b.to().isEmpty() || b.to().contains(d))) cutOff[d] = true;
                            extra.add(new Policy.ExportQuota("export ban of " + s.regions.get(b.region()).id() + (b.to().isEmpty() ? ""
                                    : " to " + String.join(", ", b.to().stream().map(d -> s.regions.get(d).id()).toList())), b.region(), b.to(), 0));
                        }
                    }
                    // stockpile flows over the span (monthly rates), and when a holding runs out or fills up
                    int ns = h.stockpiles().size();
                    List<int[]> triggeredOf = new ArrayList<>();   // the (stockpile, member) of each triggered release added
                    List<int[]> buyOf = new ArrayList<>();         // the (stockpile, member) of each purchase below a trigger
                    List<Double> buyCap = new ArrayList<>();       // its rate as a year's
                    double[][] rate = new double[ns][];
                    for (int k = 0; k < ns; k++) {
                        Horizon.StockRule r = h.stockpiles().get(k);
                        rate[k] = new double[r.regions().length];
                        boolean releasing = switch (r.during()) {
                            case "ban" -> banned;
                            case "years" -> year >= r.releaseFrom() && year <= r.releaseTo();
                            default -> false;
                        };
                        if (releasing && r.releaseRate() > 0) {
                            double[] share = shares(r, holdings[k]);
                            for (int i = 0; i < share.length; i++) rate[k][i] = r.releaseRate() * share[i];
                        }
                        // no purchase while an export ban in force cuts supply into one of its regions, or while its own
                        // release rule is in force (a ban, or its release years), as stockpile rules suspend acquisitions
                        // in a disruption and a drawdown: it bought through a ban, and once empty kept buying into the
                        // shortage it was to relieve (a stockpile of the banning region, in surplus, buys on)
                        boolean hit = false;
                        for (int g : r.regions()) hit |= cutOff[g];
                        boolean suspended = hit || (r.releaseRate() > 0 && (r.during().equals("ban") ? banned
                                : r.during().equals("years") && year >= r.releaseFrom() && year <= r.releaseTo()));
                        if (!suspended && r.buyRate() > 0 && year >= r.buyFrom() && year <= r.buyTo()) {
                            double total = Arrays.stream(holdings[k]).sum();
                            if (total < r.buyUpTo() - 1e-9) {
                                // shared by the members' initial holdings; in equal parts when it starts empty (all shares
                                // were 0 then, and a coordinated stockpile that starts empty bought nothing)
                                double[] basis = holdings[k].length == 1 ? new double[]{1} : r.holdings();
                                if (!(Arrays.stream(basis).sum() > 0)) {
                                    basis = new double[holdings[k].length];
                                    Arrays.fill(basis, 1);
                                }
                                double[] share = shares(r, basis);
                                if (r.during().equals("price") && r.releaseRate() > 0) {
                                    // released by price: it buys only while the price is below its trigger, up to its rate
                                    // (a box 0 ≤ b ≤ 12·rate ⟂ p − trigger), never while its release runs above it — it
                                    // bought at any price and netted the purchase against the release
                                    for (int i = 0; i < share.length; i++) {
                                        if (share[i] <= 0) continue;
                                        buyOf.add(new int[]{k, i});
                                        buyCap.add(12 * r.buyRate() * share[i]);
                                    }
                                } else {
                                    for (int i = 0; i < share.length; i++) rate[k][i] -= r.buyRate() * share[i];
                                    // the ceiling is reached at the net rate of purchase (less what is released meanwhile)
                                    double netBuy = -Arrays.stream(rate[k]).sum();
                                    if (Double.isFinite(r.buyUpTo()) && netBuy > 0) t1 = Math.min(t1, t0 + (r.buyUpTo() - total) / netBuy);
                                }
                            }
                        }
                        // a holding released (net of what the stockpile buys meanwhile) runs out at t0 + holding ÷ net rate;
                        // the span ends there (at the gross release's date it ended early, and spans of 3, 1.5, 0.75 …
                        // months followed, 44 solves for one)
                        for (int i = 0; i < rate[k].length; i++) if (rate[k][i] > 0) t1 = Math.min(t1, t0 + holdings[k][i] / rate[k][i]);
                        if (r.during().equals("price") && r.releaseRate() > 0) {
                            // a coordinated stockpile's monthly rate is shared among its members still holding material (by
                            // imports or holdings), as its release during a ban is: each member's box is its share of the
                            // rate (every member could release the whole rate, together n times the stockpile's)
                            double[] share = shares(r, holdings[k]);
                            for (int i = 0; i < r.regions().length; i++) {
                                if (holdings[k][i] <= 0 || share[i] <= 0) continue;
                                // up to the monthly rate (as a year's rate) while the price is above the trigger; the span ends
                                // when the release the market takes empties the holdings (below, after the solve). It was
                                // capped at the holdings spread over the rest of the year, so 6 t at 1 t a month over a
                                // 6-month ban went out at 0.5 t a month and half of it stayed unused
                                double cap = 12 * r.releaseRate() * share[i];
                                extra.add(new Policy.Stockpile(r.name() + " (triggered) in " + s.regions.get(r.regions()[i]).id(),
                                        r.regions()[i], 0, r.trigger(), cap, false));
                                triggeredOf.add(new int[]{k, i});
                            }
                        }
                    }
                    for (int j = 0; j < buyOf.size(); j++) {
                        Horizon.StockRule r = h.stockpiles().get(buyOf.get(j)[0]);
                        int g = r.regions()[buyOf.get(j)[1]];
                        extra.add(new Policy.Stockpile(r.name() + " (purchase below the trigger) in " + s.regions.get(g).id(), g, 0,
                                r.trigger(), buyCap.get(j), true));
                    }
                    // each holding's exogenous flow its own stockpile (the balance sums them by region), so the agency's
                    // sales and purchases are the stockpiles' flows as the one-year model reports them
                    double[] exo = new double[n];
                    for (int k = 0; k < ns; k++) {
                        Horizon.StockRule r = h.stockpiles().get(k);
                        for (int i = 0; i < r.regions().length; i++) {
                            if (rate[k][i] == 0) continue;
                            exo[r.regions()[i]] += 12 * rate[k][i];
                            extra.add(new Policy.Stockpile(r.name() + " flow in " + s.regions.get(r.regions()[i]).id(), r.regions()[i],
                                    12 * rate[k][i], 0, 0, false));
                        }
                    }
                    if (t1 <= t0 + 1e-12) t1 = Math.min(12, t0 + 1e-9);
                    List<Policy> pol = new ArrayList<>(base.policies);
                    pol.addAll(extra);
                    Scenario sc = new Scenario(base.name, base.description, base.minerals, base.product, base.quantityUnit,
                            base.priceUnit, base.referencePrice, base.regions, base.club, base.transport, base.tariffAdValorem,
                            base.tariffSpecific, pol, null);
                    StringBuilder key = new StringBuilder(banned ? "ban" : "open");
                    for (int r = 0; r < n; r++) if (exo[r] != 0) key.append(' ').append(r);
                    for (Policy p : extra) if (p instanceof Policy.Stockpile st && st.capacity() > 0) key.append(" t").append(st.region());
                    key.append(" #").append(sc.regions.stream().mapToInt(x -> x.supply().size()).sum());
                    String structure = key.toString();
                    Equilibrium from = switch (warm) {
                        case COLD -> null;
                        case YEAR -> lastByStructure.get(structure);
                        case RUN -> {
                            Equilibrium m = memory == null ? null : memory.last.get(((long) year << 8) | span);
                            yield m != null ? m : lastByStructure.get(structure);
                        }
                    };
                    Equilibrium e = Equilibrium.solve(sc, from);
                    solves++;
                    if (!e.solved()) return year + (t0 > 0 || t1 < 12 ? " (months " + fmt(t0) + "-" + fmt(t1) + ")" : "") + ": " + e.diagnosis();
                    pivots += e.pivots();
                    if (memory != null) memory.last.put(((long) year << 8) | span, e);
                    last = e;
                    lastByStructure.put(structure, e);
                    List<Equilibrium.StockFlow> flows = e.stockFlows();
                    // the triggered stockpiles added this span are, in order, after the scenario's own stockpile policies
                    int firstTriggered = flows.size() - extra.stream().filter(x -> x instanceof Policy.Stockpile).mapToInt(x -> 1).sum();
                    // a triggered release runs until what the market takes of it (a year's rate, ≤ the cap), net of what the
                    // stockpile buys meanwhile (its rate here, ≤ 0: a release by price has no other release), empties its
                    // holdings: the span ends there if nothing else ends it first (the equilibrium holds until then — the
                    // holdings enter it only through the cap)
                    // what each member buys below its trigger (a year's rate, solved), after the triggered releases
                    double[][] bought = new double[ns][];
                    for (int k = 0; k < ns; k++) bought[k] = new double[h.stockpiles().get(k).regions().length];
                    for (int j = 0; j < buyOf.size(); j++) {
                        int[] ki = buyOf.get(j);
                        bought[ki[0]][ki[1]] = Math.max(0, -flows.get(firstTriggered + triggeredOf.size() + j).quantity());
                    }
                    double[] emptyAt = new double[triggeredOf.size()];
                    for (int j = 0; j < triggeredOf.size(); j++) {
                        int[] ki = triggeredOf.get(j);
                        double outPerMonth = Math.max(0, flows.get(firstTriggered + j).quantity()) / 12 + rate[ki[0]][ki[1]]
                                - bought[ki[0]][ki[1]] / 12;
                        emptyAt[j] = outPerMonth > 0 ? t0 + holdings[ki[0]][ki[1]] / outPerMonth : Double.POSITIVE_INFINITY;
                        if (emptyAt[j] < t1) t1 = emptyAt[j];
                    }
                    // a purchase below the trigger fills the stockpile to its ceiling at its net rate (what it buys less what
                    // it releases meanwhile): the span ends there
                    for (int k = 0; k < ns; k++) {
                        Horizon.StockRule r = h.stockpiles().get(k);
                        if (!Double.isFinite(r.buyUpTo())) continue;
                        double in = 0;
                        for (int i = 0; i < bought[k].length; i++) in += bought[k][i] / 12;
                        if (in <= 0) continue;
                        for (int j = 0; j < triggeredOf.size(); j++) {
                            if (triggeredOf.get(j)[0] == k) in -= Math.max(0, flows.get(firstTriggered + j).quantity()) / 12;
                        }
                        double total = Arrays.stream(holdings[k]).sum();
                        if (in > 0) t1 = Math.min(t1, Math.max(t0 + 1e-9, t0 + (r.buyUpTo() - total) / in));
                    }
                    double w = (t1 - t0) / 12;
                    add(e, w, sc);
                    // the agency's sales and purchases: every stockpile's flow at its region's price, the scenario's own
                    // stockpile policies included (as in the one-year model), over the span
                    for (Equilibrium.StockFlow f : flows) {
                        if (f.quantity() > 0) sales += w * f.cash();
                        else purchases -= w * f.cash();
                    }
                    // holdings move with the span's flows (exogenous at the monthly rates; triggered at the solved flow of
                    // their own release)
                    for (int k = 0; k < ns; k++) {
                        Horizon.StockRule r = h.stockpiles().get(k);
                        for (int i = 0; i < r.regions().length; i++) {
                            double out = rate[k][i] * (t1 - t0);
                            holdings[k][i] = Math.max(0, holdings[k][i] - out);
                            if (out > 0 && holdings[k][i] <= 1e-12 * out) holdings[k][i] = 0;   // emptied: no rounding's crumb left
                        }
                    }
                    // a release the market cannot absorb at price 0 is not sold: each release keeps its share of the unsold part
                    double[] offered = new double[n];
                    double[] unsold = new double[n];
                    for (Equilibrium.StockFlow f : flows) if (f.quantity() > 0) offered[s.regionIndex(f.region())] += f.quantity();
                    for (int r = 0; r < n; r++) {
                        unsold[r] = e.unsoldRelease(s.regions.get(r).id());
                        offered[r] += unsold[r];
                        unsoldRelease += w * unsold[r];
                        // production left at price 0 (what is not the stock release's): said in the year's warnings
                        double left = e.unsold(s.regions.get(r).id()) - unsold[r];
                        if (left > 0) {
                            unsoldProduction[r] += w * left;
                            unsoldProductionMonths[r] += t1 - t0;
                        }
                    }
                    for (int k = 0; k < ns; k++) {
                        Horizon.StockRule r = h.stockpiles().get(k);
                        for (int i = 0; i < r.regions().length; i++) {
                            int g = r.regions()[i];
                            if (rate[k][i] > 0 && unsold[g] > 0) holdings[k][i] += unsold[g] * w * 12 * rate[k][i] / offered[g];
                        }
                    }
                    for (int k = 0; k < ns; k++) for (int i = 0; i < bought[k].length; i++) holdings[k][i] += bought[k][i] * w;
                    for (int j = 0; j < triggeredOf.size(); j++) {
                        int[] ki = triggeredOf.get(j);
                        double sold = Math.max(0, flows.get(firstTriggered + j).quantity()) * w;
                        double left = Math.max(0, holdings[ki[0]][ki[1]] - sold);
                        // emptied in this span: no rounding's crumb left (what the stockpile bought meanwhile stays)
                        if (emptyAt[j] <= t1 && left <= 1e-12 * Math.max(1, sold)) left = 0;
                        holdings[ki[0]][ki[1]] = left;
                    }
                    if (banned) {
                        banMonths += t1 - t0;
                        boolean released = false;
                        for (double[] rk : rate) for (double v : rk) released |= v > 0;
                        // a price-triggered stockpile selling in the span covers it too (it was left out: 0 covered months)
                        for (int j = 0; j < triggeredOf.size(); j++) released |= flows.get(firstTriggered + j).quantity() > 0;
                        if (released) coveredMonths += t1 - t0;
                    }
                    t0 = t1;
                    span++;
                }
                return null;
            }

            double[] shares(Horizon.StockRule r, double[] hold) {
                int m = r.regions().length;
                double[] w = new double[m];
                double total = 0;
                for (int i = 0; i < m; i++) {
                    if (hold[i] <= 0) continue;
                    w[i] = r.share().equals("imports") && !imports.isEmpty() ? Math.max(0, imports.get(imports.size() - 1)[r.regions()[i]])
                            : hold[i];
                    total += w[i];
                }
                if (total <= 0) {
                    // no imports last year (or the first year): by holdings
                    for (int i = 0; i < m; i++) {
                        w[i] = Math.max(0, hold[i]);
                        total += w[i];
                    }
                }
                for (int i = 0; i < m; i++) w[i] = total > 0 ? w[i] / total : 0;
                return w;
            }

            void add(Equilibrium e, double w, Scenario sc) {
                List<String> ids = s.regionIds();
                for (int r = 0; r < n; r++) {
                    String id = ids.get(r);
                    price[r] += w * e.price(id);
                    producerPrice[r] += w * e.producerPrice(id);
                    production[r] += w * (e.production(id) + e.recycledProduction(id));
                    use[r] += w * e.consumption(id);
                    netImports[r] -= w * e.netExports(id);
                    double im = 0;
                    for (String o : ids) if (!o.equals(id)) im += e.flow(o, id);
                    importsByRegion[r] += w * im;
                }
                for (String m : s.club) for (String o : ids) if (!s.club.contains(o)) nonMemberImports += w * e.flow(o, m);
                levy += w * e.levyRevenue();
                tariff += w * e.tariffRevenue();
                subsidy += w * e.subsidyOutlay();
            }

            PathResult.Year result() {
                List<String> ids = s.regionIds();
                Map<String, Double> m = new LinkedHashMap<>();
                double total = Arrays.stream(production).sum();
                double hhi = 0;
                for (int r = 0; r < n; r++) {
                    String id = ids.get(r);
                    m.put("price[" + id + "]", price[r]);
                    m.put("production[" + id + "]", production[r]);
                    m.put("consumption[" + id + "]", use[r]);
                    m.put("net_imports[" + id + "]", netImports[r]);
                    double share = total == 0 ? 0 : production[r] / total;
                    m.put("share[" + id + "]", share);
                    hhi += Math.pow(100 * share, 2);
                }
                m.put("hhi", hhi);
                double clubUse = 0;
                double clubProduction = 0;
                for (String c : s.club) {
                    clubUse += use[s.regionIndex(c)];
                    clubProduction += production[s.regionIndex(c)];
                }
                if (!s.club.isEmpty()) {
                    m.put("non_member_share", clubUse == 0 ? 0 : nonMemberImports / clubUse);
                    m.put("club_supply_share", clubUse == 0 ? 0 : clubProduction / clubUse);
                }
                m.put("levy_revenue", levy);
                m.put("tariff_revenue", tariff);
                m.put("subsidy_outlay", subsidy);
                m.put("stock_purchases", purchases);
                m.put("stock_sales", sales);
                double held = 0;
                for (int k = 0; k < holdings.length; k++) {
                    Horizon.StockRule r = h.stockpiles().get(k);
                    for (int i = 0; i < r.regions().length; i++) {
                        m.merge("holdings[" + ids.get(r.regions()[i]) + "]", holdings[k][i], Double::sum);
                        held += holdings[k][i];
                    }
                }
                if (holdings.length > 0) m.put("holdings", held);
                if (stocked) m.put("stock_unsold", unsoldRelease);
                m.put("ban_months", banMonths);
                m.put("covered_months", coveredMonths);
                double fiscal = subsidy + purchases - sales - levy;
                cumulativeFiscal += fiscal;
                m.put("fiscal_cost", fiscal);
                m.put("cumulative_fiscal_cost", cumulativeFiscal);
                consumption.add(use.clone());
                imports.add(importsByRegion.clone());
                producerPrices.add(producerPrice.clone());
                // project decisions at the year's end (myopic: this year's producer price is expected to last)
                double rate = h.discountRate();
                double operating = 0;
                for (int k = 0; k < built.length; k++) {
                    Horizon.Project p = h.projects().get(k);
                    if (built[k] != Integer.MIN_VALUE) {
                        int first = built[k] + lead(p);
                        if (year >= first && year < first + p.life()) operating += p.capacity() * p.ramp(year - first);
                        continue;
                    }
                    if (plan != null) {
                        // perfect foresight: the plan decides; the reason is stated on the final path (withForesightReasons)
                        if (plan[k] == year) {
                            built[k] = year;
                            builtNow.add(p.name());
                        }
                        continue;
                    }
                    if (year < p.earliest()) continue;
                    double expected = producerPrice[p.region()];
                    // the lead time as the path applies it (project.NAME.delay added), as under perfect foresight
                    int lead = firstYear(p, year) - year;
                    double annuity = 0;
                    for (int j = 0; j < p.life(); j++) annuity += p.ramp(j) / Math.pow(1 + rate, lead + j);
                    double capex = p.capex() * param("project." + p.name() + ".capex", 1);
                    double npv = (expected - p.unitCost()) * annuity - capex;
                    if (npv >= 0) {
                        built[k] = year;
                        builtNow.add(String.format(java.util.Locale.ROOT, "%s (%s): NPV %.4g per unit of capacity ≥ 0 at the expected "
                                        + "price %.4g (incentive price %.4g, myopic)", p.name(), ids.get(p.region()), npv, expected,
                                p.unitCost() + capex / annuity));
                    }
                }
                m.put("projects_built", (double) builtNow.size());
                m.put("project_capacity", operating);
                // the path's first year carries what the whole path depends on beyond the file (a group taken on today's date)
                List<String> warnings = new ArrayList<>(year == h.from() ? s.notes() : List.of());
                for (int r = 0; r < n; r++) {
                    if (unsoldProduction[r] <= 0) continue;
                    warnings.add(String.format(java.util.Locale.ROOT, "%d: %s: %.2f %s of its production found no buyer at price 0 (in %s "
                                    + "months of the year; counted in its production, not in its consumption or exports)", year, ids.get(r),
                            unsoldProduction[r], s.quantityUnit, fmt(unsoldProductionMonths[r])));
                }
                return new PathResult.Year(year, m, List.copyOf(builtNow), List.copyOf(warnings));
            }
        }
    }

    static String fmt(double months) {
        return months == Math.rint(months) ? String.valueOf((long) months) : String.format(java.util.Locale.ROOT, "%.3f", months);
    }
}
