package lodestone.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import lodestone.server.Schemas.Doc;
import lodestone.server.Schemas.Opt;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static lodestone.regime.view.RegimeViews.ordered;

/**
 * The request and answer shapes of the routes added with finance (projects, valuation, floors, ranking), market
 * paths (one path; Monte Carlo, seek and sensitivity jobs), stockpiles, company exposure, rules of origin and the
 * ledger's verification — as records, from which {@link Schemas} writes their OpenAPI schemas. Where the server
 * builds an answer itself (path jobs, the ledger's verification, the stockpile list) it builds these records; where
 * an engine writes it (a valuation, a stockpile position, an exposure: the command line's --json), the records
 * describe that JSON, and OpenApiValidationTest checks real answers against them. A deep part that a document
 * describes (a path's yearly metrics, a valuation's fan, a member's entitlements) stays an object or a map here.
 * Each request record carries an example (its {@code EXAMPLE}), sent by the validation test as a client would.
 */
final class RouteShapes {
    private RouteShapes() {
    }

    // ------------------------------------------------------------------ ledger

    @Doc("The ledger's hash chain recomputed: intact, or each changed, deleted or inserted record named.")
    record Verification(boolean intact, long records, long head_seq, String head_hash, List<String> problems) { }

    // ------------------------------------------------------------------ rules of origin

    @Doc("A bill of materials checked against an agreement's rules of origin (docs/origin-format.md), as lodestone origin check --json.")
    record OriginVerdict(String agreement, String hts, boolean qualifies, String decision, @Opt String rule, @Opt String citation,
                         @Opt Double rvc_build_up, @Opt Double rvc_build_down, List<String> reasons, List<String> suggestions, boolean hs_gap) { }

    // ------------------------------------------------------------------ finance

    @Doc("A market's price model (log Ornstein–Uhlenbeck with jumps) as the registry states it.")
    record MarketModel(String id, String product, String price_unit, String process, List<String> warnings, @Opt String scenario,
                       List<String> club) { }

    record ProjectSummary(String id, String name, @Opt String sponsor, String country, @Opt Double lat, @Opt Double lon, List<String> minerals,
                          @Opt String product, @Opt String stage, @Opt String status, @Opt String market, @Opt Integer start_year,
                          @Opt Double capacity_t_per_year, @Opt Double capex_musd, @Opt Double opex, @Opt String support) { }

    record Projects(List<MarketModel> markets, List<ProjectSummary> projects) { }

    @Doc("A figure with where it comes from: a source (S1…) or an assumption (A1…) of the project's file.")
    record Sourced(double value, @Opt String source, @Opt String assumption) { }

    @Doc("Closure and rehabilitation as the project's file states it: its cost (millions of the currency) spread evenly over first_year "
            + "to last_year (by default the year after the last year of production); in a valuation also cost_musd, the cost in million USD.")
    record Closure(Sourced cost, int first_year, int last_year, @Opt @Doc("the cost in million USD (a valuation's answer)") Double cost_musd) { }

    @Doc("Working capital in days of a year of 365: receivables on revenue, inventory and payables on cash costs; null is 0 days.")
    record WorkingCapital(@Opt Sourced receivables_days, @Opt Sourced inventory_days, @Opt Sourced payables_days) { }

    record Financing(String party, String kind, @Opt String instrument, @Opt Sourced amount, @JsonProperty("public") @Opt Boolean isPublic) { }

    record Owner(String name, @Opt String country, @Opt Sourced share) { }

    @Doc("One project with every figure and its source or assumption (docs/projects-format.md).")
    record Project(String id, String name, @Opt String sponsor, String country, List<String> minerals, @Opt String product, @Opt String stage,
                   @Opt String status, @Opt String market, @Opt Integer start_year, String file, @Opt String basis, @Opt String region,
                   @Opt Sourced capacity, @Opt Sourced capex, @Opt String currency, @Opt Sourced opex_per_unit, @Opt Sourced aisc,
                   @Doc("fixed cash cost, millions of the currency a year") @Opt Sourced fixed_opex,
                   @Doc("sustaining capital, millions of the currency each year of production") @Opt Sourced sustaining_capex, @Opt Sourced royalty, @Opt Sourced tax, @Opt Map<String, Object> debt, List<Financing> financing,
                   List<Map<String, Object>> offtakes, @Opt Map<String, Object> esg, List<Owner> owners, List<Map<String, Object>> sources,
                   @Opt Double lat, @Opt Double lon, @Opt @Doc("capacity, t a year") Double capacity_t_per_year,
                   @Opt @Doc("capex, million USD") Double capex_musd, @Opt @Doc("cash cost per unit of output, in the currency") Double opex,
                   @Opt @Doc("the project's stated support (type, strike, upside_share, ebitda_floor, volume, years, note)") Map<String, Object> support,
                   @Opt Sourced added_capacity, @Opt @Doc("share of capacity in each year from first production") List<Double> ramp_up,
                   @Opt Integer life_years, @Opt Integer construction_years, @Opt Sourced usd_per_unit, @Opt Sourced discount_rate,
                   @Opt @Doc("the file's assumptions by id (A1…)") Map<String, Object> assumptions,
                   @Opt @Doc("the project this stage feeds, by id") String feeds,
                   @Opt @Doc("closure and rehabilitation cost, when the file states one") Closure closure,
                   @Opt @Doc("working capital, when the file states it") WorkingCapital working_capital,
                   @Opt @Doc("year-end or mid-year, when the file states a discounting convention (year-end when it does not)") String discounting) { }

    record Check(String criterion, String reason, boolean pass) { }

    @Doc("A project screened against the agreement's standards: each check with its reason.")
    record Screening(String project, String name, boolean pass, List<Check> checks,
                     @Doc("the date the entity lists were taken on: date= when given, else today in UTC") String date) { }

    @Doc("A Monte Carlo valuation: a project with and without support.")
    record ValuationRequest(@Doc("a project id (GET /api/projects)") String project,
                            @Opt @Doc("a price floor in the market's price unit, e.g. \"110\"") String floor,
                            @Opt @Doc("share of the price above the floor returned (0–1)") Double upside_share,
                            @Opt @Doc("a contract for difference: STRIKE") String cfd,
                            @Opt @Doc("an offtake: PRICE:VOLUME") String offtake,
                            @Opt @Doc("a floor on EBITDA") Double ebitda_floor,
                            @Opt @Doc("with floor, cfd or offtake: years of support (default 10)") Integer support_years,
                            @Opt @Doc("price paths (default 50,000, at most 200,000)") Long paths,
                            @Opt @Doc("the generator's seed (default 1)") Long seed,
                            @Opt @Doc("the lenders' target debt-service cover ratio (default 1.3)") Double dscr,
                            @Opt @Doc("project or market files of your own, added to the bundled registry for this request (as --projects)")
                            List<ProjectFile> files) {
        static final Map<String, Object> EXAMPLE = ordered("project", "arafura-nolans", "floor", "110", "upside_share", 0.3, "paths", 2000, "seed", 1);
    }

    @Doc("A floor sweep: one project valued at several floor levels (and terms), every one on the same price paths.")
    record FloorSweepRequest(@Doc("a project id (GET /api/projects)") String project,
                             @Doc("the floor levels, each a price in the market's unit as floor takes one (\"2500\"); 1 to "
                                     + lodestone.finance.projects.FloorSweep.MAX_LEVELS + ", none twice") List<String> floors,
                             @Opt @Doc("years of support from first production, each (0 = the whole life; default [10]); at most "
                                     + lodestone.finance.projects.FloorSweep.MAX_TERMS + ", and levels × terms at most "
                                     + lodestone.finance.projects.FloorSweep.MAX_ROWS) List<Integer> support_years,
                             @Opt @Doc("share of the price above the floor returned (0–1), at every level") Double upside_share,
                             @Opt @Doc("a floor on EBITDA, at every level") Double ebitda_floor,
                             @Opt @Doc("price paths of each valuation (default 20,000; paths × levels × terms at most " + Finance.MAX_SWEEP_PATHS + ")") Long paths,
                             @Opt @Doc("the generator's seed (default 1): the same paths at every level") Long seed,
                             @Opt @Doc("the lenders' target debt-service cover ratio (default 1.3)") Double dscr,
                             @Opt @Doc("project or market files of your own, added to the bundled registry for this request (as --projects)")
                             List<ProjectFile> files) {
        static final Map<String, Object> EXAMPLE = ordered("project", "nyrstar-clarksville-germanium", "floors", List.of("2000", "2500"),
                "support_years", List.of(10, 11), "paths", 1000, "seed", 1);
    }

    @Doc("Without support, on the sweep's paths (the same for every row).")
    record SweepWithout(double npv_mean, double npv_se, double probability_of_loss) { }

    @Doc("One level for one term. The DSCR figures are null when the project has no debt service.")
    record SweepRow(double floor, int support_years, String support, double npv_mean, double npv_se, double probability_of_loss,
                    @Opt Double dscr_mean_of_min, @Opt Double dscr_p10_of_min, @Opt Double probability_min_dscr_below_1,
                    @Doc("the PV of the top-ups at the public discount rate") double expected_fiscal_cost_mean, double expected_fiscal_cost_se,
                    @Doc("NPV with − without, on the same paths") double support_value_mean, double support_value_se,
                    @Opt @Doc("when the support ends before the debt is repaid: the years it leaves to the market price and the term "
                            + "that would cover the debt; null otherwise") String support_ends_before_debt) { }

    @Doc("A floor sweep (as lodestone value with --floor repeated, --json); money in million USD. Each row is exactly the valuation "
            + "POST /api/valuations gives at its floor and support_years with the same paths and seed.")
    record FloorSweep(String project, String market, String price_unit, String price_process, String money,
                      @Doc("real: constant 2026 US dollars, the discount rates real") String money_basis,
                      @Opt @Doc("the project's figures that may be in another price unit than the market's; absent when there are none") List<String> warnings,
                      long paths, long seed, int first_year, int last_year,
                      @Doc("whether the project has debt service (the DSCR figures are null when not)") boolean has_debt,
                      SweepWithout without, List<SweepRow> levels, long elapsed_ms) { }

    @Doc("A project or markets file of your own (docs/projects-format.md) sent as its text — a request never names a file on the server; "
            + "at most " + Finance.MAX_FILES + " a request, each at most " + Finance.MAX_FILE_CHARS + " characters.")
    record ProjectFile(@Opt @Doc("the name its problems are reported at (default file-1.yaml, file-2.yaml…)") String name,
                       @Doc("the file's YAML text") String text) {
        /**
         * The description's example project: every key the loader requires (location and esg too) and a country of the
         * ndpr market's regions, so that project-files, floors and rankings accept it as sent (ApiDescriptionExamplesTest).
         */
        static final String EXAMPLE_TEXT = """
                project: my-recycler
                name: My recycler (example)
                country: US
                location: {lat: 40.44, lon: -79.99}
                minerals: [neodymium, praseodymium]
                product: NdPr oxide
                stage: recycler
                status: feasibility
                market: ndpr
                start_year: 2028
                capacity: {value: 200, assumption: A1}
                life_years: 15
                capex: {value: 40, assumption: A1}
                opex: {value: 50, assumption: A1}
                esg: {rbc_policy: true, ilo_core: true, permits: pending, eia: true}
                assumptions:
                  A1: "illustrative figures for the API's example"
                """;
        static final List<Map<String, Object>> EXAMPLE = List.of(ordered("name", "my-recycler.yaml", "text", EXAMPLE_TEXT));
    }

    @Doc("Project or market files of your own, read with the bundled registry (as --projects).")
    record ProjectFilesRequest(List<ProjectFile> files) {
        static final Map<String, Object> EXAMPLE = ordered("files", ProjectFile.EXAMPLE);
    }

    @Doc("Your files read with the bundled registry: their projects (each figure with its source or assumption), each project's "
            + "screening, and their markets.")
    record ProjectFiles(List<Project> projects, List<Screening> screening, List<MarketModel> markets) { }

    @Doc("Floor-setting methods compared with your own project or market files in the registry.")
    record FloorsRequest(@Opt @Doc("as --projects: your files, added to the bundled registry") List<ProjectFile> files,
                         @Opt @Doc("comma-separated: percentile:P, marginal:TARGET, band:WINDOW:BAND (default: the server's)") String methods,
                         @Opt @Doc("default 1") Long seed) {
        static final Map<String, Object> EXAMPLE = ordered("files", ProjectFile.EXAMPLE, "methods", "percentile:75", "seed", 1);
    }

    @Doc("A priority ranking with your own project or market files in the registry.")
    record RankingRequest(@Opt @Doc("as --projects: your files, added to the bundled registry") List<ProjectFile> files,
                          @Opt @Doc("default 1") Long seed) {
        static final Map<String, Object> EXAMPLE = ordered("files", ProjectFile.EXAMPLE, "seed", 1);
    }

    @Doc("The distribution of a figure over the price paths: mean with its standard error, percentiles; n the paths that have the "
            + "figure, and mean, sd, standard_error and the percentiles null when none has it (an IRR on no path: a project whose flows "
            + "never turn positive).")
    record Distribution(long n, @Opt Double mean, @Opt Double sd, @Opt Double standard_error, @Opt Double p10, @Opt Double p50, @Opt Double p90,
                        double quantile_relative_error) { }

    @Doc("A valuation with and without support (as lodestone value --json); money in million USD. The years valued run from "
            + "first_year (2026) to last_year, the project's last year of production (at least 2045), or its last year of closure or "
            + "the year after the last of production when its working capital is released then.")
    record Valuation(String project, String support, String price_process, String price_unit, String money,
                     @Doc("real: constant 2026 US dollars, the discount rates real") String money_basis,
                     @Doc("what a feasibility study's cash flow has and the valuation leaves out: working capital and closure costs (unless "
                             + "the project's file states them), terminal value; year-end flows (unless it states mid-year); 10-year "
                             + "straight-line depreciation") String not_modelled,
                     @Opt @Doc("the project's discounting convention, when its file states one: year-end or mid-year") String discounting,
                     @Opt @Doc("the closure and rehabilitation cost valued, when the project's file states one") Closure closure,
                     @Opt @Doc("the working capital valued, when the project's file states it") WorkingCapital working_capital,
                     @Opt @Doc("the project's figures that may be in another price unit than the market's (a cost above 1.5 times the "
                             + "reference price, a strike or offtake price outside half to twice it, that another unit would bring within), "
                             + "and a support that ends before the debt is repaid, with the years it leaves to the market price; "
                             + "absent when there are none") List<String> warnings,
                     long paths, long seed, int threads,
                     int years, int first_year, int last_year, String market, Distribution npv_with, Distribution npv_without, Distribution irr_with, Distribution irr_without,
                     long irr_undefined_paths_with, long irr_undefined_paths_without, double probability_of_loss_with,
                     double probability_of_loss_without, Distribution support_value_to_project, Distribution expected_fiscal_cost,
                     Map<String, Object> forward_case, @Opt Double breakeven_price_without, @Opt Double breakeven_price_with,
                     Map<String, Object> payback_with, Map<String, Object> payback_without, Map<String, Object> dscr,
                     Map<String, Object> debt_capacity, List<Map<String, Object>> fan, Map<String, Object> histogram_with,
                     Map<String, Object> histogram_without, long elapsed_ms) { }

    record FloorMethod(String method, double floor, String rationale, double club_production_t, double supply_brought_t,
                       double levy_revenue_musd_per_year, double cfd_expected_fiscal_cost_musd_pv, double cfd_expected_fiscal_cost_se,
                       List<String> inputs) { }

    record CostStep(double capacity_t, String country, double cost, String name) { }

    record CostCurve(String source, List<CostStep> steps) { }

    @Doc("Floor-setting methods side by side (as lodestone floor --json).")
    record Floors(String market, String price_unit, @Doc("real: constant 2026 US dollars, the discount rates real") String money_basis,
                  List<String> club, double baseline_club_production_t, List<FloorMethod> methods,
                  @Doc("what the CfD cost is paid on: each project's whole output, an operating plant's all of it, with each project's volume")
                  String cfd_basis,
                  @Doc("the lowest club member's price without a floor") double baseline_club_price,
                  @Doc("which floors are at or below that price and so do not bind (no supply added, no levy); null when every floor binds")
                  @Opt String note,
                  CostCurve cost_curve) { }

    record Ranked(int rank, String project, String name, String region, double new_capacity_t, @Opt Double levelised_cost,
                  @Opt Double breakeven_price, double risk_reduction_t, double expected_support_musd, double expected_support_se,
                  @Opt Double reduction_per_musd, double public_financing_musd) { }

    @Doc("Projects ranked by supply-risk reduction per million USD of expected support (as lodestone rank --json).")
    record Ranking(String market, String price_unit, @Doc("real: constant 2026 US dollars, the discount rates real") String money_basis,
                   List<String> club, String risk_metric, double shortfall_t, double club_consumption_t,
                   List<Ranked> ranking, String support_basis) { }

    // ------------------------------------------------------------------ market paths

    @Doc("One path of a scenario with a horizon, parameters overridden.")
    record PathRequest(@Opt @Doc("a bundled scenario with years, e.g. ndpr-2025-2040") String scenario,
                       @Opt @Doc("a scenario file's text (YAML)") String text,
                       @Opt @Doc("parameter → value, e.g. {\"floor\": 130}") Map<String, Double> overrides) {
        static final Map<String, Object> EXAMPLE = ordered("scenario", "ndpr-2025-2040", "overrides", Map.of("floor", 130));
    }

    @Doc("A path, stored as a scenario run (id); result has the years with their metrics, as lodestone path --json.")
    record PathAnswer(long id, String scenario, String status, double millis, Map<String, Object> result) { }

    @Doc("A path's public accounts in one year (or summed over the horizon), in units.money: price × quantity.")
    record FiscalFigures(@Doc("Σ levy × non-member imports into members") double levy_revenue,
                         @Doc("import duties collected; shown, not netted in net_cost") double tariff_revenue,
                         @Doc("price-gap subsidies paid to eligible producers (negative when a two-way contract pays back)") double subsidy_outlay,
                         @Doc("the stockpile agency's releases × its region's price") double stock_sales,
                         @Doc("the stockpile agency's purchases × its region's price") double stock_purchases,
                         @Doc("subsidy_outlay + stock_purchases − stock_sales − levy_revenue (negative: the treasury gains)") double net_cost) {
        static FiscalFigures of(lodestone.market.FiscalTable.Figures f) {
            return new FiscalFigures(f.levyRevenue(), f.tariffRevenue(), f.subsidyOutlay(), f.stockSales(), f.stockPurchases(), f.netCost());
        }
    }

    @Doc("One year of a fiscal table: the scenario's accounts, the baseline path's and the change (scenario − baseline).")
    record FiscalYear(int year, FiscalFigures scenario, FiscalFigures baseline, FiscalFigures change) { }

    @Doc("A fiscal table's sum over the horizon (undiscounted) or its present value.")
    record FiscalSum(FiscalFigures scenario, FiscalFigures baseline, FiscalFigures change) { }

    @Doc("A path's fiscal table against its baseline path: the baseline's market and policies over the scenario's horizon "
            + "(growth, projects, bans, stockpiles), without the scenario's policies, tariffs and policy paths (docs/market-model.md, "
            + "\"The fiscal table\").")
    record FiscalTable(String scenario, @Doc("the baseline the path is compared with") String baseline,
                       @Doc("the parameters overridden, on both paths (floor and strike on the scenario's only)") Map<String, Double> overrides,
                       @Doc("price, quantity and money (the figures' unit)") Map<String, String> units,
                       @Doc("the horizon's discount_rate, for present_value") double discount_rate,
                       @Doc("the year present_value discounts to") int first_year, List<FiscalYear> years,
                       @Doc("each figure summed over the years, undiscounted") FiscalSum total,
                       @Doc("each figure's year t ÷ (1 + discount_rate)^(t − first_year), summed") FiscalSum present_value) {
        static FiscalTable of(lodestone.market.FiscalTable t, lodestone.market.Scenario s, Map<String, Double> overrides) {
            java.util.function.Function<lodestone.market.FiscalTable.Row, FiscalSum> sum = r -> new FiscalSum(FiscalFigures.of(r.scenario()),
                    FiscalFigures.of(r.baseline()), FiscalFigures.of(r.change()));
            List<FiscalYear> years = t.years().stream().map(r -> new FiscalYear(r.year(), FiscalFigures.of(r.scenario()),
                    FiscalFigures.of(r.baseline()), FiscalFigures.of(r.change()))).toList();
            Map<String, String> units = new java.util.LinkedHashMap<>();
            units.put("price", s.priceUnit());
            units.put("quantity", s.quantityUnit());
            units.put("money", lodestone.market.ScenarioReport.moneyUnit(s.priceUnit(), s.quantityUnit()));
            return new FiscalTable(t.scenario(), t.baseline(), overrides, units, t.discountRate(), t.firstYear(), years,
                    sum.apply(t.total()), sum.apply(t.presentValue()));
        }
    }

    @Doc("A Monte Carlo, seek or sensitivity run of a path, in the background.")
    record PathJobRequest(@Doc("montecarlo, seek or sensitivity") String kind,
                          @Opt String scenario, @Opt String text,
                          @Opt @Doc("montecarlo: draws (default 1000, at most 1,000,000)") Integer draws,
                          @Opt @Doc("montecarlo: the seed (default 1)") Long seed,
                          @Opt @Doc("montecarlo: metrics to summarise") List<String> metrics,
                          @Opt @Doc("montecarlo: events whose probability to estimate, e.g. price[US](2027) >= 2000") List<String> events,
                          @Opt @Doc("seek: the parameter to move") String param,
                          @Opt @Doc("seek: the target, e.g. club_supply_share(2030) >= 0.5") String target,
                          @Opt @Doc("seek: [low, high] of the parameter") List<Double> range,
                          @Opt @Doc("sensitivity: the metric") String metric,
                          @Opt @Doc("sensitivity: the year (default the horizon's last)") Integer year) {
        static final Map<String, Object> EXAMPLE = ordered("scenario", "ndpr-2025-2040", "kind", "sensitivity", "metric", "club_supply_share",
                "year", 2030);
    }

    @Doc("A path job: status (queued, running, done, failed), progress 0–1, the result once done and the stored run's id.")
    record PathJob(long id, String kind, String scenario, String status, double progress, @Opt String error, @Opt Long run_id,
                   @Opt Map<String, Object> result) { }

    // ------------------------------------------------------------------ stockpiles

    record StockpileItem(String name, boolean bundled, boolean in_store, long events, @Opt String first, @Opt String last) { }

    record StockpileList(List<StockpileItem> stockpiles) { }

    record Source(String id, String title, @Opt String url) { }

    record CoverTarget(String label, @Opt String country, int days, @Opt String source) { }

    record Holding(String mineral, double quantity_kg, double cost_basis, @Opt Double average_cost_usd_per_kg, double acquired_kg,
                   double released_kg, double drawn_kg, double replenished_kg, double bought_back_kg, double realised_gain, List<String> forms,
                   @Opt Double written_off_kg) { }

    @Doc("A stockpile's position derived from its events (docs/stockpile-format.md).")
    record Position(String stockpile, @Opt String as_of, long events, List<Holding> holdings, Map<String, Object> funding,
                    Map<String, Object> carrying_costs, List<Map<String, Object>> loans, List<Map<String, Object>> members) { }

    record Stockpile(String name, @Opt String description, List<Source> sources, List<CoverTarget> targets, long stored_events,
                     Position position, @Doc(RECORDED_BEYOND_BOUNDS) List<FieldWarning> warnings) { }

    record StockpileEventsList(String stockpile, List<Map<String, Object>> events, @Doc(RECORDED_BEYOND_BOUNDS) List<FieldWarning> warnings) { }

    static final String RECORDED_BEYOND_BOUNDS = "each figure of a stored event beyond the bounds a ledger's figures have today (recorded by a Lodestone "
            + "from before they were bounded), at its field, counted as recorded until an administrator's correction replaces it";

    record FieldWarning(@Doc("the figure's place, e.g. events[0].amount") String field, String message) { }

    @Doc("A stockpile ledger file of your own (docs/stockpile-format.md) sent as its text — a request never names a file on the server.")
    record LedgerFile(@Opt @Doc("the name its problems are reported at (default ledger.yaml)") String name, @Doc("the file's YAML text") String text) {
        static final String EXAMPLE_TEXT = """
                stockpile: my-reserve
                name: My reserve (example)
                events:
                  - {date: 2026-01-15, type: funding, source: government, amount: 50000000}
                  - {date: 2026-02-01, type: acquisition, mineral: gallium, quantity: 10000, price: 600}
                """;
        static final Map<String, Object> EXAMPLE = ordered("name", "my-reserve.yaml", "text", EXAMPLE_TEXT);
    }

    @Doc("A company file (docs/exposure-format.md) sent as its text.")
    record CompanyText(@Opt @Doc("the name its problems are reported at (default company.yaml)") String name, @Doc("the file's YAML text") String text) { }

    @Doc("A market scenario of your own (docs/scenario-format.md) sent as its YAML text, read as POST /api/scenario-runs reads a text "
            + "(a baseline: can name only a bundled market); at most 8 a request.")
    record MarketText(@Opt @Doc("the name a scenario= of the query names it by (market=NAME,from=… too) and its problems are reported at "
            + "(default market-1.yaml, market-2.yaml…); one that no scenario= names is evaluated as a scenario labelled by it") String name,
                      @Doc("the scenario's YAML text") String text) { }

    @Doc("POST /api/exposure with Content-Type application/json: the company file and market scenarios of your own, each as its text "
            + "(the date, scenario and alternatives in the query as with a YAML body).")
    record ExposureRequest(CompanyText file, @Opt List<MarketText> markets) {
        static final String COMPANY = """
                company: Example Cathode Works (illustrative)
                date: 2026-03-02
                sourcing:
                  - {id: co-fi, material: cobalt tetroxide, supplier: Example Kokkola Chemicals, origin: FI, hts: 2822.00.00.10,
                     quantity: 1000, unit: kg, price: 40, incoterm: CIF, market: {scenario: cobalt, share: 0.5}}
                """;
        static final String MARKET = """
                scenario: drc-cobalt-quota
                description: two-region cobalt market with a DRC export quota of 300 t
                mineral: cobalt
                units: {quantity: t, price: USD/kg}
                reference_year: 2026
                reference_price: 50
                regions:
                  - {id: CD, countries: [CD], supply: {type: linear, intercept: 0, slope: 10}}
                  - {id: US, countries: [US], demand: {type: linear, intercept: 1000, slope: -10}}
                transport: {default: 0}
                policies:
                  - {type: export_quota, region: CD, quantity: 300}
                """;
        static final Map<String, Object> EXAMPLE = ordered("file", ordered("name", "cathode.yaml", "text", COMPANY),
                "markets", List.of(ordered("name", "drc-cobalt-quota.yaml", "text", MARKET)));
    }

    @Doc("A ledger file of your own, derived for this request only (the other parameters in the query).")
    record LedgerFileRequest(LedgerFile file) {
        static final Map<String, Object> EXAMPLE = ordered("file", LedgerFile.EXAMPLE);
    }

    @Doc("A ledger file's position (as lodestone stockpile show --file --json) with its sources, targets and events; nothing stored.")
    record StockpileFromFile(String name, @Opt String description, List<Source> sources, List<CoverTarget> targets, long stored_events,
                             Position position, List<Map<String, Object>> events,
                             @Opt @Doc("prices far from their minerals' markets, each at its event's field with the file's line") List<DatedWarning> warnings) { }

    @Doc("Events to append, checked with every event before them (docs/stockpile-format.md).")
    record EventsRequest(@Doc("the events, each with date and type") List<Map<String, Object>> events,
                         @Opt @Doc("refuse (409) unless the ledger has this many events") Integer expected_events) {
        static final Map<String, Object> EXAMPLE = ordered("expected_events", 20, "events", List.of(
                ordered("date", "2027-01-05", "type", "release", "mineral", "gallium", "quantity", 1000, "price", 900)));
    }

    record DatedWarning(@Doc("the event's date, e.g. events[0].date") String field, String message) { }

    record Appended(String stockpile, int appended, Position position,
                    @Doc("each appended event dated after today where the day begins first (UTC+14), at its date: written as dated") List<DatedWarning> warnings) { }

    record TargetCover(String label, int days, double months, double holding_needed_kg, boolean met) { }

    record CoverLine(String mineral, double holding_kg, @Opt String market, @Opt String region, @Opt Double imports_kg_per_year,
                     @Opt Double monthly_imports_kg, @Opt Double months_of_cover, @Opt String runs_out, @Opt Map<String, Object> disruption,
                     List<TargetCover> targets, @Opt String note) { }

    @Doc("Months of import cover per mineral, under a disruption if one is named.")
    record Cover(String stockpile, String as_of, String region, String start, List<CoverLine> lines) { }

    @Doc("Import cover, its parameters in the body (as GET /api/stockpiles/{name}/cover's query), where a disruption of your own is sent as its "
            + "text. No other key is accepted.")
    record CoverRequest(@Opt @Doc("a bundled market scenario that restricts exports, e.g. gallium-ban; with disruption_text, the name of that "
                                + "text (default disruption.yaml)") String disruption,
                        @Opt @Doc("a disruption of your own: a market scenario's YAML text (docs/scenario-format.md) on a held mineral's bundled "
                                + "market, e.g. baseline: gallium with an export_quota; its problems 422 invalid_scenario at their lines") String disruption_text,
                        @Opt @Doc("the disruption's length, a whole number of months from 1 to 120 (default 13); only with a disruption") Integer months,
                        @Opt @Doc("YYYY-MM-DD: the position's date (the default) or later") String start,
                        @Opt @Doc("whose imports: a country of the regime or a market region (default US)") String region,
                        @Opt @Doc("YYYY-MM-DD: the position after the events up to this date (default: all)") String as_of) {
        /** China cuts its gallium exports by 60 %: a quota of 40 % of its 2025 exports (259.57 t) on the bundled gallium market. */
        static final String GALLIUM_CUT = """
                scenario: ga-cut60
                description: China cuts gallium exports by 60 % (a quota of 40 % of its 2025 exports, 259.57 t)
                baseline: gallium
                policies:
                  - {type: export_quota, region: CN, quantity: 103.83}
                """;
        static final Map<String, Object> EXAMPLE = ordered("disruption", "ga-cut60.yaml", "disruption_text", GALLIUM_CUT, "months", 9, "region", "JP");
    }

    @Doc("A ledger file of your own, and beside it, in place of the query's disruption, a disruption of your own as its text (the other "
            + "parameters in the query). No other key is accepted.")
    record FileCoverRequest(LedgerFile file, @Opt @Doc("the name of disruption_text (default disruption.yaml); only with it") String disruption,
                            @Opt @Doc("as in CoverRequest: a disruption of your own, as its YAML text") String disruption_text) {
        static final Map<String, Object> EXAMPLE = ordered("file", LedgerFile.EXAMPLE, "disruption", "ga-cut60.yaml", "disruption_text", CoverRequest.GALLIUM_CUT);
    }

    @Doc("A coordinated release in a disruption (a bundled scenario that restricts exports). No other key is accepted.")
    record ReleaseRequest(@Doc("the mineral to release") String mineral, @Opt @Doc("a bundled market scenario, e.g. gallium-ban (required without "
                                  + "disruption_text); with disruption_text, the name of that text (default disruption.yaml)") String disruption,
                          @Opt @Doc("a disruption of your own: a market scenario's YAML text (docs/scenario-format.md) on the mineral's bundled "
                                  + "market, e.g. baseline: cobalt with an export_quota; its problems 422 invalid_scenario at their lines") String disruption_text,
                          @Opt @Doc("months, a whole number from 1 to 120 (default 13)") Integer months,
                          @Opt @Doc("YYYY-MM-DD: the position's date (the default) or later") String start,
                          @Opt @Doc("imports (default), holdings or contributions") String rule, @Opt @Doc("kg to release in all") BigDecimal total_kg,
                          @Opt @Doc("the stockpile's country (default US)") String country,
                          @Opt @Doc("allies' holdings in days of imports, e.g. {\"JP\": 60}; each a country of the regime with a region in the mineral's market") Map<String, Integer> allies,
                          @Opt @Doc("YYYY-MM-DD: the position after the events up to this date (default: all)") String as_of) {
        static final Map<String, Object> EXAMPLE = ordered("mineral", "gallium", "disruption", "gallium-ban", "months", 13, "rule", "holdings",
                "total_kg", 10000);
    }

    record Share(String participant, String region, double weight, double share, double quantity_kg, boolean capped, double book_cost,
                 double proceeds, String basis) { }

    @Doc("A coordinated release from a ledger file of your own: the release's keys with the file beside them.")
    record FileReleaseRequest(LedgerFile file, @Doc("the mineral to release") String mineral, @Opt @Doc("as in ReleaseRequest") String disruption,
                              @Opt @Doc("as in ReleaseRequest: a disruption of your own, as its YAML text") String disruption_text,
                              @Opt Integer months, @Opt String start, @Opt String rule, @Opt BigDecimal total_kg, @Opt String country,
                              @Opt Map<String, Integer> allies, @Opt String as_of) {
        static final Map<String, Object> EXAMPLE = ordered("file", LedgerFile.EXAMPLE, "mineral", "gallium", "disruption", "gallium-ban", "months", 13);
    }

    @Doc("A release's shares, monthly path, prices without and with it, and its cost (as lodestone stockpile release --json).")
    record Release(String mineral, String market, String disruption, int months, String start, String rule, double total_requested_kg,
                   double total_released_kg, List<Share> shares, List<Map<String, Object>> path, Map<String, Double> release_per_year_by_region,
                   String market_quantity_unit, List<Map<String, Object>> prices_usd_per_kg, double book_cost, double proceeds, double net,
                   List<String> warnings) { }

    // ------------------------------------------------------------------ exposure

    record ProductCost(String product, String scenario, @Opt @Doc("null when a line of the product is prohibited") Double annual_cost,
                       @Opt Double unit_cost) { }

    record DutyLine(String measure, String type, double amount) { }

    record ExposureLine(String line, String scenario, String status, @Doc("ISO alpha-2") String origin, @Doc("\"\" when the file names none") String supplier,
                        String hts, double quantity, String unit,
                        @Doc("of average_price and goods_cost (the file's currency:, default USD); the other amounts are in USD") String currency,
                        @Opt Double average_price, @Opt Double goods_cost,
                        @Opt Double customs_value_usd, @Opt Double duty, @Opt Double freight, @Opt Double landed_cost, @Opt Double landed_per_unit,
                        List<DutyLine> duties, List<String> documents, List<String> prohibitions, boolean entity_listed, @Opt Object origin_check,
                        @Opt String contract, @Opt ContractTerms contract_terms, List<String> warnings) { }

    @Doc("How a line's contract applied over the twelve months: its volume is a yearly rate, so in each month within its dates it covers "
            + "min(volume, quantity) ÷ 12 of the quantity ÷ 12 bought that month; the rest pays spot (docs/exposure-format.md).")
    record ContractTerms(String contract, String type, @Opt @Doc("a year; null: the line's whole quantity") Double volume_per_year,
                         double quantity_per_month, double contract_quantity_per_month, double covered_share,
                         @Doc("YYYY-MM: the months under the contract") List<String> months, double contract_quantity, double spot_quantity) { }

    record Alternative(String line, String origin, @Opt String preference, @Opt Double price, @Opt Double duty, @Opt Double landed_cost, @Opt Double saving,
                       @Opt String note) { }

    @Doc("A company's exposure (as lodestone exposure --json): each sourcing line today and under each scenario, costs per product and in total, alternatives.")
    record Exposure(String company, String date, List<String> scenarios, Map<String, Double> totals, List<ProductCost> products,
                    Map<String, Map<String, Double>> minerals_kg_per_year, List<ExposureLine> lines, List<Alternative> alternatives,
                    List<String> warnings) { }

    @Doc("A year asked and its months: a fiscal year is named by the calendar year it ends in (from October, FY2028 = 2027-10 to 2028-09).")
    record YearPeriod(int year, @Doc("2027, or FY2028") String label, @Doc("YYYY-MM") String first_month, @Doc("YYYY-MM") String last_month) { }

    record YearRange(int from, int to, @Opt @Doc("the month (1-12) fiscal years start in; null: calendar years") Integer fiscal_start,
                     List<YearPeriod> periods) { }

    @Doc("A line's cheapest re-sourcing in a year under a scenario: the same HTS code from another origin (or its own claiming a program it "
            + "does not claim), twelve monthly purchases at spot assessed on their dates (docs/exposure-format.md, \"Year by year\").")
    record YearAlternative(@Doc("ISO alpha-2") String origin, @Opt @Doc("the program assumed claimed") String preference,
                           @Doc("in the line's currency and unit") double average_price, double duty, double landed_cost,
                           @Opt @Doc("the line's landed cost that year less this one's; null when the line is prohibited") Double saving, String note,
                           @Doc("other origins that cost exactly as much") List<String> same_for, List<String> warnings) { }

    record ProductYear(String product, String scenario, int year, @Opt @Doc("null when a line of the product is prohibited") Double annual_cost,
                       @Opt Double unit_cost, @Opt List<String> warnings) { }

    @Doc("The model's US price a year that a column moves a line market's lines by: each year's price ÷ the anchor (the baseline path's "
            + "price in the exposure date's year), for a line's share; doubles rounded once to 6 decimals.")
    record YearMarketPrices(@Doc("the line market, e.g. ndpr") String market, String scenario,
                            @Doc("the path run: the scenario, or \"the baseline path of\" a path scenario") String path, String price_unit,
                            int anchor_year, @Opt Double anchor_price, @Doc("by year") Map<String, Double> us_price) { }

    record YearLine(String line, String scenario, int year, @Doc("assessed, prohibited (left out of the total)") String status,
                    String origin, String supplier, String hts, double quantity, String unit,
                    @Doc("of average_price and goods_cost; the other amounts are in USD") String currency,
                    @Opt @Doc("the model's US price over the year's twelve months, each month at its calendar year's price (null: the line follows no market)") Double market_price,
                    double average_price, double goods_cost, @Opt Double customs_value_usd, @Opt Double duty, double freight,
                    @Opt Double landed_cost, @Doc("summed over the year's twelve monthly entries") List<DutyLine> duties, @Opt String contract,
                    @Opt @Doc("bought on the contract's terms that year, in the line's unit") Double contract_quantity, List<String> warnings,
                    @Opt @Doc("null when the line is not exposed that year (no duty, no market, not prohibited), none is found, or alternatives=false") YearAlternative cheapest_alternative) { }

    @Doc("A company's exposure year by year (as lodestone exposure --years --json): per calendar or fiscal year and scenario each line, its cheapest alternative, and the total.")
    record ExposureYears(String company, @Doc("the date of the file's prices") String date, YearRange years, List<String> scenarios,
                         @Doc("scenario → year (a fiscal year by the calendar year it ends in) → total landed cost, USD") Map<String, Map<String, Double>> totals, List<ProductYear> products,
                         List<YearMarketPrices> market_prices, List<YearLine> lines, List<String> warnings) { }
}
