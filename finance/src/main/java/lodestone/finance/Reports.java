package lodestone.finance;

import lodestone.finance.policy.FloorSetting;
import lodestone.finance.policy.Ranking;
import lodestone.finance.projects.Figure;
import lodestone.finance.projects.Market;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.Screening;
import lodestone.finance.valuation.Stats;
import lodestone.finance.valuation.ValuationResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The finance answers as plain maps and lists (JSON-ready, field names in snake_case), shared by
 * {@code lodestone … --json} and the API so that both give the same figures. Non-finite numbers become
 * null (JSON has no NaN): an undefined IRR or "never pays back" is null with its count beside it.
 */
public final class Reports {
    private Reports() {
    }

    /**
     * A map of {@code key, value} pairs in the order given. JSON is written in a map's iteration order, and {@code Map.of}'s
     * changes from one run to the next: the same answer came out with its keys shuffled (a diff or a checksum of two runs
     * differed). Values may be null.
     */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Map<String, Object> figure(Figure f) {
        if (f == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", f.value());
        if (f.source() != null) m.put("source", f.source());
        if (f.assumption() != null) m.put("assumption", f.assumption());
        return m;
    }

    public static Map<String, Object> projectSummary(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("sponsor", p.sponsor());
        m.put("country", p.country());
        m.put("lat", p.lat());
        m.put("lon", p.lon());
        m.put("minerals", p.minerals());
        m.put("product", p.product());
        m.put("stage", p.stage().name().toLowerCase().replace('_', '-'));
        m.put("status", p.status().name().toLowerCase());
        m.put("market", p.market());
        m.put("start_year", p.startYear());
        m.put("capacity_t_per_year", p.capacity().value());
        m.put("capex_musd", p.capex().value() * (p.usdPerUnit() == null ? 1 : p.usdPerUnit().value()));
        m.put("opex", p.opex().value());
        m.put("support", p.support() == null ? null : p.support().type());
        return m;
    }

    public static Map<String, Object> project(Project p) {
        Map<String, Object> m = projectSummary(p);
        m.put("file", p.file());
        m.put("basis", p.basis());
        m.put("region", p.region());
        m.put("capacity", figure(p.capacity()));
        m.put("added_capacity", figure(p.addedCapacity()));
        m.put("ramp_up", p.rampUp());
        m.put("life_years", p.lifeYears());
        m.put("construction_years", p.constructionYears());
        m.put("capex", figure(p.capex()));
        m.put("currency", p.currency());
        m.put("usd_per_unit", figure(p.usdPerUnit()));
        m.put("opex_per_unit", figure(p.opex()));
        m.put("aisc", figure(p.aisc()));
        m.put("fixed_opex", figure(p.fixedOpex())); // millions of the currency a year, null when the project states none
        m.put("sustaining_capex", figure(p.sustainingCapex())); // millions of the currency a year of production, null when none
        m.put("royalty", figure(p.royalty()));
        m.put("tax", figure(p.tax()));
        m.put("discount_rate", figure(p.discountRate()));
        // put only when the file states them: a project without them is answered as before
        if (p.closure() != null) m.put("closure", closure(p.closure()));
        if (p.workingCapital() != null) m.put("working_capital", workingCapital(p.workingCapital()));
        if (p.discounting() != null) m.put("discounting", p.discounting());
        if (p.debt() != null) {
            Map<String, Object> debt = new LinkedHashMap<>();
            debt.put("amount", figure(p.debt().amount()));
            debt.put("rate", figure(p.debt().rate()));
            debt.put("tenor", p.debt().tenor());
            debt.put("grace", p.debt().grace());
            debt.put("inflation", p.debt().inflation() == null ? null : figure(p.debt().inflation()));
            m.put("debt", debt);
        }
        List<Object> fin = new ArrayList<>();
        for (Project.Financing f : p.financing()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("party", f.party());
            x.put("kind", f.kind());
            x.put("instrument", f.instrument());
            x.put("amount", figure(f.amount()));
            x.put("public", f.isPublic());
            fin.add(x);
        }
        m.put("financing", fin);
        List<Object> off = new ArrayList<>();
        for (Project.Offtake o : p.offtakes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("buyer", o.buyer());
            x.put("terms", o.terms());
            x.put("volume", figure(o.volume()));
            x.put("price", figure(o.price()));
            off.add(x);
        }
        m.put("offtakes", off);
        if (p.support() != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", p.support().type());
            s.put("strike", figure(p.support().strike()));
            s.put("upside_share", figure(p.support().upsideShare()));
            s.put("ebitda_floor", figure(p.support().ebitdaFloor()));
            s.put("volume", figure(p.support().volume()));
            s.put("years", p.support().years());
            s.put("note", p.support().note());
            m.put("support", s);
        }
        Map<String, Object> esg = new LinkedHashMap<>();
        esg.put("rbc_policy", p.esg().rbcPolicy());
        esg.put("standards", p.esg().standards());
        esg.put("ilo_core", p.esg().iloCore());
        esg.put("permits", p.esg().permits());
        esg.put("eia", p.esg().eia());
        esg.put("counterparties", p.esg().counterparties());
        esg.put("notes", p.esg().notes());
        m.put("esg", esg);
        List<Object> owners = new ArrayList<>();
        for (Project.Owner o : p.owners()) owners.add(ordered("name", o.name(), "country", o.country(), "share", o.share() == null ? ordered() : figure(o.share())));
        m.put("owners", owners);
        List<Object> src = new ArrayList<>();
        for (Project.Source s : p.sources().values()) src.add(ordered("id", s.id(), "url", s.url(), "date", s.date(), "what", s.what()));
        m.put("sources", src);
        m.put("assumptions", p.assumptions());
        m.put("feeds", p.feeds());
        return m;
    }

    public static Map<String, Object> market(Market mk) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", mk.id());
        m.put("product", mk.product());
        m.put("price_unit", mk.priceUnit());
        m.put("process", mk.process().describe());
        m.put("warnings", mk.warnings());
        m.put("scenario", mk.scenario());
        m.put("club", mk.club());
        return m;
    }

    public static Map<String, Object> screening(Screening.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", r.project());
        m.put("name", r.name());
        m.put("pass", r.pass());
        List<Object> cs = new ArrayList<>();
        for (Screening.Check c : r.checks()) cs.add(ordered("criterion", c.criterion(), "pass", c.pass(), "reason", c.reason()));
        m.put("checks", cs);
        return m;
    }

    static Map<String, Object> stats(Stats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", s.n());
        m.put("mean", num(s.mean()));
        m.put("sd", num(s.sd()));
        m.put("standard_error", num(s.standardError()));
        m.put("p10", num(s.p10()));
        m.put("p50", num(s.p50()));
        m.put("p90", num(s.p90()));
        m.put("quantile_relative_error", s.quantileRelativeError());
        return m;
    }

    /** A project's closure as its file states it: cost (a figure, millions of its currency), first and last year. */
    static Map<String, Object> closure(Project.Closure c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cost", figure(c.cost()));
        m.put("first_year", c.startYear());
        m.put("last_year", c.lastYear());
        return m;
    }

    /** Working capital in days, each a figure or null (0 days). */
    static Map<String, Object> workingCapital(Project.WorkingCapital w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("receivables_days", figure(w.receivablesDays()));
        m.put("inventory_days", figure(w.inventoryDays()));
        m.put("payables_days", figure(w.payablesDays()));
        return m;
    }

    /** A valuation without its project's terms: what is not modelled is the default's. */
    public static Map<String, Object> valuation(ValuationResult r, String priceUnit) {
        return valuation(r, priceUnit, null);
    }

    /**
     * A valuation; with its project {@code p}, what is not modelled is the project's ({@link
     * lodestone.finance.projects.ProjectValuation#notModelled}), and the closure, working capital and discounting its file
     * states are said (absent when it states none, so such a valuation's answer is as before).
     */
    public static Map<String, Object> valuation(ValuationResult r, String priceUnit, Project p) {
        return valuation(r, priceUnit, p, List.of());
    }

    /** As {@link #valuation(ValuationResult, String, Project)}, with the project's figures that may be in another unit ({@code warnings}, when any). */
    public static Map<String, Object> valuation(ValuationResult r, String priceUnit, Project p, List<String> warnings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", r.project());
        m.put("support", r.support());
        m.put("price_process", r.process());
        m.put("price_unit", priceUnit);
        m.put("money", "million USD");
        m.put("money_basis", lodestone.finance.projects.ProjectValuation.MONEY_BASIS);
        // what a study has and this leaves out
        m.put("not_modelled", p == null ? lodestone.finance.projects.ProjectValuation.NOT_MODELLED : lodestone.finance.projects.ProjectValuation.notModelled(p));
        if (p != null && p.discounting() != null) m.put("discounting", p.discounting());
        if (p != null && p.closure() != null) {
            Map<String, Object> c = closure(p.closure());
            c.put("cost_musd", p.closure().cost().value() * (p.usdPerUnit() == null ? 1 : p.usdPerUnit().value()));
            m.put("closure", c);
        }
        if (p != null && p.workingCapital() != null) m.put("working_capital", workingCapital(p.workingCapital()));
        if (!warnings.isEmpty()) m.put("warnings", List.copyOf(warnings)); // a figure that may be in another unit (Registry.unitWarnings)
        m.put("paths", r.paths());
        m.put("seed", r.seed());
        m.put("threads", r.threads());
        m.put("years", r.years());
        // the years valued: 2026 to the project's last year of production (at least 2045)
        m.put("first_year", lodestone.finance.projects.ProjectValuation.VALUATION_YEAR);
        m.put("last_year", lodestone.finance.projects.ProjectValuation.VALUATION_YEAR + r.years() - 1);
        m.put("npv_with", stats(r.npvWith()));
        m.put("npv_without", stats(r.npvWithout()));
        m.put("irr_with", stats(r.irrWith()));
        m.put("irr_without", stats(r.irrWithout()));
        m.put("irr_undefined_paths_with", r.irrUndefinedWith());
        m.put("irr_undefined_paths_without", r.irrUndefinedWithout());
        m.put("probability_of_loss_with", r.probabilityOfLossWith());
        m.put("probability_of_loss_without", r.probabilityOfLossWithout());
        m.put("support_value_to_project", stats(r.supportValue()));
        m.put("expected_fiscal_cost", stats(r.fiscalCost()));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("forward_prices", r.forwardCase().forward());
        f.put("npv_with", num(r.forwardCase().npvWith()));
        f.put("npv_without", num(r.forwardCase().npvWithout()));
        f.put("irr_with", num(r.forwardCase().irrWith()));
        f.put("irr_without", num(r.forwardCase().irrWithout()));
        f.put("fiscal_cost", num(r.forwardCase().fiscalCost()));
        m.put("forward_case", f);
        m.put("breakeven_price_without", num(r.breakevenPriceWithout()));
        m.put("breakeven_price_with", num(r.breakevenPriceWith()));
        m.put("payback_with", ordered("median_year", numOrNull(r.paybackWith().medianYear()), "mean_year", numOrNull(r.paybackWith().meanYear()),
                "probability_never", r.paybackWith().probabilityNever()));
        m.put("payback_without", ordered("median_year", numOrNull(r.paybackWithout().medianYear()), "mean_year", numOrNull(r.paybackWithout().meanYear()),
                "probability_never", r.paybackWithout().probabilityNever()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mean_of_min", num(r.dscr().meanOfMin()));
        d.put("p10_of_min", num(r.dscr().p10OfMin()));
        d.put("mean_of_average", num(r.dscr().meanOfAverage()));
        d.put("probability_min_below_1", num(r.dscr().probabilityMinBelowOne()));
        d.put("forward_min", num(r.dscr().forwardMin()));
        d.put("forward_average", num(r.dscr().forwardAverage()));
        m.put("dscr", d);
        Map<String, Object> dc = new LinkedHashMap<>();
        dc.put("target_dscr", r.debtCapacity().targetDscr());
        dc.put("rate", r.debtCapacity().rate());
        dc.put("inflation", r.debtCapacity().inflation());
        dc.put("real_rate", r.debtCapacity().realRate());
        dc.put("tenor", r.debtCapacity().tenor());
        dc.put("on_mean_cfads_with", r.debtCapacity().onMeanWith());
        dc.put("on_p10_cfads_with", r.debtCapacity().onP10With());
        dc.put("on_mean_cfads_without", r.debtCapacity().onMeanWithout());
        dc.put("on_p10_cfads_without", r.debtCapacity().onP10Without());
        m.put("debt_capacity", dc);
        List<Object> fan = new ArrayList<>();
        for (ValuationResult.FanYear y : r.fan()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("year", y.year());
            x.put("market_p10", y.marketP10());
            x.put("market_p50", y.marketP50());
            x.put("market_p90", y.marketP90());
            x.put("market_mean", y.marketMean());
            x.put("effective_p10", y.effectiveP10());
            x.put("effective_p50", y.effectiveP50());
            x.put("effective_p90", y.effectiveP90());
            fan.add(x);
        }
        m.put("fan", fan);
        m.put("histogram_with", histogram(r.histogramWith()));
        m.put("histogram_without", histogram(r.histogramWithout()));
        m.put("elapsed_ms", r.elapsedMillis());
        return m;
    }

    /**
     * A floor sweep ({@link lodestone.finance.projects.FloorSweep}): the project without support once (every row's paths are
     * the same, so its "without" is the same), then a row per level and term with the figures a credit memo reads — NPV with
     * support (mean ± SE), probability of loss, the minimum DSCR (mean, P10, P(below 1.00×); null without debt), the expected
     * fiscal cost (± SE), the support's value to the project, and the warning when the support ends before the debt is repaid.
     */
    public static Map<String, Object> sweep(List<lodestone.finance.projects.FloorSweep.Row> rows, String market, String priceUnit, Project p,
                                            List<String> warnings) {
        ValuationResult first = rows.get(0).result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", first.project());
        m.put("market", market);
        m.put("price_unit", priceUnit);
        m.put("price_process", first.process());
        m.put("money", "million USD");
        m.put("money_basis", lodestone.finance.projects.ProjectValuation.MONEY_BASIS);
        if (!warnings.isEmpty()) m.put("warnings", List.copyOf(warnings));
        m.put("paths", first.paths());
        m.put("seed", first.seed());
        m.put("first_year", lodestone.finance.projects.ProjectValuation.VALUATION_YEAR);
        m.put("last_year", lodestone.finance.projects.ProjectValuation.VALUATION_YEAR + first.years() - 1);
        m.put("has_debt", Double.isFinite(first.dscr().meanOfMin())); // as value: the DSCR is NaN without debt service
        m.put("without", ordered("npv_mean", num(first.npvWithout().mean()), "npv_se", num(first.npvWithout().standardError()),
                "probability_of_loss", first.probabilityOfLossWithout()));
        List<Object> out = new ArrayList<>();
        long elapsed = 0;
        for (lodestone.finance.projects.FloorSweep.Row row : rows) {
            ValuationResult r = row.result();
            elapsed += r.elapsedMillis();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("floor", row.floor());
            x.put("support_years", row.supportYears());
            x.put("support", r.support());
            x.put("npv_mean", num(r.npvWith().mean()));
            x.put("npv_se", num(r.npvWith().standardError()));
            x.put("probability_of_loss", r.probabilityOfLossWith());
            x.put("dscr_mean_of_min", num(r.dscr().meanOfMin()));
            x.put("dscr_p10_of_min", num(r.dscr().p10OfMin()));
            x.put("probability_min_dscr_below_1", num(r.dscr().probabilityMinBelowOne()));
            x.put("expected_fiscal_cost_mean", num(r.fiscalCost().mean()));
            x.put("expected_fiscal_cost_se", num(r.fiscalCost().standardError()));
            x.put("support_value_mean", num(r.supportValue().mean()));
            x.put("support_value_se", num(r.supportValue().standardError()));
            x.put("support_ends_before_debt", row.warnings().isEmpty() ? null : row.warnings().get(0));
            out.add(x);
        }
        m.put("levels", out);
        m.put("elapsed_ms", elapsed);
        return m;
    }

    private static Object numOrNull(double v) {
        return Double.isFinite(v) ? (Object) v : "none";
    }

    static Map<String, Object> histogram(ValuationResult.Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lo", h.lo());
        m.put("hi", h.hi());
        m.put("counts", h.counts());
        m.put("below", h.below());
        m.put("above", h.above());
        return m;
    }

    public static Map<String, Object> floors(FloorSetting.Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("market", c.market());
        m.put("price_unit", c.priceUnit());
        m.put("money_basis", lodestone.finance.projects.ProjectValuation.MONEY_BASIS);
        m.put("club", c.club());
        m.put("baseline_club_production_t", c.baselineClubProduction());
        List<Object> rows = new ArrayList<>();
        for (FloorSetting.Row r : c.rows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("method", r.method());
            x.put("floor", r.floor());
            x.put("rationale", r.rationale());
            x.put("club_production_t", r.clubProduction());
            x.put("supply_brought_t", r.supplyBrought());
            x.put("levy_revenue_musd_per_year", r.levyRevenuePerYear());
            x.put("cfd_expected_fiscal_cost_musd_pv", r.cfdFiscalCostPv());
            x.put("cfd_expected_fiscal_cost_se", r.cfdFiscalCostSe());
            x.put("inputs", r.inputs());
            rows.add(x);
        }
        m.put("methods", rows);
        m.put("cfd_basis", c.cfdBasis());
        m.put("baseline_club_price", c.baselineClubPrice());
        m.put("note", c.note()); // null when every floor binds
        List<Object> steps = new ArrayList<>();
        for (var s : c.curve().steps()) steps.add(ordered("name", s.name(), "country", s.country(), "capacity_t", s.capacity(), "cost", s.cost()));
        m.put("cost_curve", ordered("source", c.curve().source(), "steps", steps));
        return m;
    }

    public static Map<String, Object> ranking(Ranking.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("market", r.market());
        m.put("price_unit", r.priceUnit());
        m.put("money_basis", lodestone.finance.projects.ProjectValuation.MONEY_BASIS);
        m.put("club", r.club());
        m.put("risk_metric", "club consumption shortfall under a Chinese export ban (t/yr)");
        m.put("shortfall_t", r.shortfall());
        m.put("club_consumption_t", r.clubConsumption());
        List<Object> rows = new ArrayList<>();
        for (Ranking.Row x : r.rows()) {
            Map<String, Object> y = new LinkedHashMap<>();
            y.put("rank", x.rank());
            y.put("project", x.project());
            y.put("name", x.name());
            y.put("region", x.region());
            y.put("new_capacity_t", x.newCapacity());
            y.put("levelised_cost", x.levelisedCost());
            y.put("breakeven_price", num(x.breakeven()));
            y.put("risk_reduction_t", x.riskReduction());
            y.put("pays_back", x.paysBack());
            y.put("expected_support_musd", num(x.expectedSupport())); // null: no floor makes it bankable (pays_back false)
            y.put("expected_support_se", num(x.expectedSupportSe()));
            y.put("reduction_per_musd", !x.paysBack() ? "no price pays back"
                    : Double.isFinite(x.perMillion()) ? x.perMillion() : "no support needed");
            y.put("public_financing_musd", x.publicFinancing());
            rows.add(y);
        }
        m.put("ranking", rows);
        m.put("support_basis", r.supportBasis());
        return m;
    }
}
