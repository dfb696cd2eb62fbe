package lodestone.cli.finance;

import lodestone.cli.RegimeOption;
import lodestone.finance.Reports;
import lodestone.finance.policy.LithiumCurveImporter;
import lodestone.finance.projects.Figure;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.Registry;
import lodestone.finance.projects.Screening;
import lodestone.regime.Regime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lodestone projects list|show|screen|import-lithium}: the project registry. */
@Command(name = "projects", mixinStandardHelpOptions = true,
        description = {"The project registry (docs/projects-format.md): mines, refineries, magnet plants and recyclers with "
                + "capacity, costs, financing, support, ESG attributes and a source for every figure. Add your own with "
                + "--projects FILE|DIR (checked like the bundled ones: every problem with file, line and field)."},
        subcommands = {ProjectsCommand.ListCmd.class, ProjectsCommand.Show.class, ProjectsCommand.Screen.class, ProjectsCommand.ImportLithium.class},
        footer = {"", "Examples:", "  lodestone projects list", "  lodestone projects show arafura-nolans", "  lodestone projects screen --criteria examples/screening/strict.yaml",
                "  lodestone projects list --projects my-projects/"})
public final class ProjectsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** --projects and --json, shared by every finance command. */
    static class Common {
        @Option(names = "--projects", paramLabel = "FILE|DIR", description = "Extra project or market files (YAML) to add to the bundled registry.")
        List<Path> projects = new ArrayList<>();

        @Option(names = "--json", description = "Print JSON (the API's answer).")
        boolean json;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the registry's projects and markets.",
            footer = {"", "Examples:", "  lodestone projects list", "  lodestone projects list --projects examples/projects --json"})
    static final class ListCmd implements Callable<Integer> {
        @CommandLine.Mixin
        Common c;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Registry r = FinanceCli.registry(c.projects);
            PrintWriter out = spec.commandLine().getOut();
            if (c.json) {
                FinanceCli.json(out, Reports.ordered("projects", r.projects().stream().map(Reports::projectSummary).toList(),
                        "markets", r.markets().stream().map(Reports::market).toList()));
                return 0;
            }
            FinanceCli.Table t = new FinanceCli.Table("LLLLLLRRRL", "project", "country", "stage", "status", "start", "product", "capacity, t/yr",
                    "capex, USD M", "opex", "support");
            for (Project p : r.projects()) {
                double fx = p.usdPerUnit() == null ? 1 : p.usdPerUnit().value();
                t.row(p.id(), p.country(), stage(p), p.status().name().toLowerCase(Locale.ROOT), String.valueOf(p.startYear()), trim(p.product(), 26),
                        FinanceCli.exact(p.capacity().value()), FinanceCli.exactProduct(p.capex().value(), fx),
                        FinanceCli.exact(p.opex().value()) + " " + r.marketOf(p).priceUnit(), p.support() == null ? "none" : p.support().type());
            }
            t.print(out, "");
            out.println();
            out.println("markets:");
            for (var m : r.markets()) {
                out.printf(Locale.ROOT, "  %s — %s, in %s: %s%n", m.id(), m.product(), m.priceUnit(), m.process().describe());
                for (String w : m.warnings()) out.println("      warning: " + w);
            }
            out.flush();
            return 0;
        }
    }

    static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static String stage(Project p) {
        return p.stage().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one project with every figure and its source or assumption.",
            footer = {"", "Examples:", "  lodestone projects show arafura-nolans", "  lodestone projects show flat-plant --projects examples/projects --json"})
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROJECT")
        String id;
        @CommandLine.Mixin
        Common c;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Registry r = FinanceCli.registry(c.projects);
            Project p = r.require(id);
            PrintWriter out = spec.commandLine().getOut();
            if (c.json) {
                FinanceCli.json(out, Reports.project(p));
                return 0;
            }
            show(out, p, r.marketOf(p).priceUnit());
            out.flush();
            return 0;
        }
    }

    /**
     * One project as a financier reads it: each figure with its unit, exactly as the file writes it, and its source or
     * assumption in brackets; lists as words; nothing left blank (an absent item says "none" or is not shown).
     */
    static void show(PrintWriter out, Project p, String priceUnit) {
        String cur = p.currency();
        boolean usd = "USD".equals(cur);
        double fx = p.usdPerUnit() == null ? 1 : p.usdPerUnit().value();
        out.printf(Locale.ROOT, "%s — %s%n", p.id(), p.name());
        out.println("file: " + p.file());
        out.printf(Locale.ROOT, "%s, %s; %s; %s, production from %d; market %s (%s)%n", p.sponsor().isEmpty() ? "sponsor not stated" : p.sponsor(),
                p.country(), stage(p), p.status().name().toLowerCase(Locale.ROOT), p.startYear(), p.market(), priceUnit);
        out.println("product: " + p.product() + (p.basis().isEmpty() ? "" : " — " + p.basis()));
        out.println();
        FinanceCli.Table t = new FinanceCli.Table("LLL", "figure", "value", "provenance");
        fig(t, "capacity", p.capacity(), FinanceCli.exact(p.capacity().value()) + " t/yr");
        if (p.addedCapacity() != null) fig(t, "capacity to come", p.addedCapacity(), FinanceCli.exact(p.addedCapacity().value()) + " t/yr");
        if (p.rampUp().length > 0) {
            List<String> ramp = new ArrayList<>();
            for (double x : p.rampUp()) ramp.add(FinanceCli.exactPct(x));
            t.row("ramp-up (years 1, 2, …)", String.join(", ", ramp), "stated in the file");
        }
        t.row("life", p.lifeYears() + " years", "stated in the file");
        if (p.constructionYears() > 0) t.row("construction", p.constructionYears() + " years before " + p.startYear(), "stated in the file");
        fig(t, "capex still to spend", p.capex(), money(p.capex().value(), cur) + (usd ? "" : " = USD " + FinanceCli.exactProduct(p.capex().value(), fx) + " M"));
        if (p.usdPerUnit() != null) fig(t, "exchange rate", p.usdPerUnit(), FinanceCli.exact(p.usdPerUnit().value()) + " USD per " + cur);
        fig(t, "cash cost (opex)", p.opex(), FinanceCli.exact(p.opex().value()) + " " + priceUnit);
        if (p.aisc() != null) fig(t, "all-in sustaining cost", p.aisc(), FinanceCli.exact(p.aisc().value()) + " " + priceUnit);
        if (p.fixedOpex() != null) fig(t, "fixed opex", p.fixedOpex(), money(p.fixedOpex().value(), cur) + " a year");
        if (p.sustainingCapex() != null) fig(t, "sustaining capex", p.sustainingCapex(), money(p.sustainingCapex().value(), cur) + " a year of production");
        share(t, "royalty", p.royalty(), " of sales", "none (default)");
        share(t, "income tax", p.tax(), "", "21 % (default)");
        share(t, "discount rate", p.discountRate(), " (real)", "8 % (default, real)");
        // shown when the file states them (a file without them is valued without them: `value` says so under "Not modelled")
        if (p.closure() != null) {
            Project.Closure c = p.closure();
            fig(t, "closure and rehabilitation", c.cost(), money(c.cost().value(), cur) + " in " + (c.years() == 1 ? String.valueOf(c.startYear())
                    : c.startYear() + "–" + c.lastYear()));
        }
        if (p.workingCapital() != null) {
            Project.WorkingCapital w = p.workingCapital();
            if (w.receivablesDays() != null) fig(t, "receivables", w.receivablesDays(), FinanceCli.exact(w.receivablesDays().value()) + " days of revenue");
            if (w.inventoryDays() != null) fig(t, "inventory", w.inventoryDays(), FinanceCli.exact(w.inventoryDays().value()) + " days of cash costs");
            if (w.payablesDays() != null) fig(t, "payables", w.payablesDays(), FinanceCli.exact(w.payablesDays().value()) + " days of cash costs");
        }
        if (p.discounting() != null) t.row("discounting", p.midYear() ? "mid-year" : "year-end", "stated in the file");
        if (p.debt() != null) {
            Project.DebtTerms d = p.debt();
            fig(t, "debt", d.amount(), money(d.amount().value(), cur));
            fig(t, "debt rate", d.rate(), FinanceCli.exactPct(d.rate().value()) + " (nominal)");
            // the inflation that deflates the nominal service into the valuation's 2026 dollars (docs/valuation.md, "Real money")
            if (d.inflation() != null) fig(t, "debt inflation", d.inflation(), FinanceCli.exactPct(d.inflation().value()) + " a year");
            else t.row("debt inflation", "none (rate taken as real)", "stated in the file");
            t.row("debt tenor", d.tenor() + " years, " + (d.grace() == 0 ? "no grace period" : d.grace() + (d.grace() == 1 ? " year" : " years") + " of grace"), "stated in the file");
        } else {
            t.row("debt", "none", "stated in the file");
        }
        t.print(out, "  ");
        out.println();
        if (p.financing().isEmpty()) out.println("financing: none stated");
        else out.println("financing:");
        for (Project.Financing f : p.financing()) {
            out.printf(Locale.ROOT, "  %s — %s%s%s%s%n", f.party(), f.kind(), f.instrument().isEmpty() ? "" : " (" + f.instrument() + ")",
                    f.amount() == null ? ", amount not stated" : ", " + money(f.amount().value(), cur) + " [" + f.amount().provenance() + "]",
                    f.isPublic() ? ", public" : ", private");
        }
        if (p.offtakes().isEmpty()) out.println("offtakes: none stated");
        else out.println("offtakes:");
        for (Project.Offtake o : p.offtakes()) {
            List<String> parts = new ArrayList<>();
            if (!o.terms().isEmpty()) parts.add(o.terms());
            if (o.volume() != null) parts.add(FinanceCli.exact(o.volume().value()) + " t/yr [" + o.volume().provenance() + "]");
            if (o.price() != null) parts.add("at " + FinanceCli.exact(o.price().value()) + " " + priceUnit + " [" + o.price().provenance() + "]");
            out.printf(Locale.ROOT, "  %s%s%n", o.buyer(), parts.isEmpty() ? "" : " — " + String.join("; ", parts));
        }
        out.println("support: " + support(p, priceUnit));
        Project.Esg e = p.esg();
        out.printf(Locale.ROOT, "esg: due-diligence policy %s; standards audited: %s; ILO core standards %s; permits %s; impact assessment %s%n",
                FinanceCli.yesNo(e.rbcPolicy()), FinanceCli.list(e.standards()), FinanceCli.yesNo(e.iloCore()), e.permits(), FinanceCli.yesNo(e.eia()));
        out.println("  counterparties screened: " + FinanceCli.list(e.counterparties()));
        for (String n : e.notes()) out.println("  note: " + n);
        if (p.owners().isEmpty()) out.println("owners: none stated");
        else out.println("owners:");
        for (Project.Owner o : p.owners()) {
            out.printf(Locale.ROOT, "  %s (%s)%s%n", o.name(), o.country() == null ? "country not stated" : o.country(),
                    o.share() == null ? ", share not stated" : " " + FinanceCli.exactPct(o.share().value()) + " [" + o.share().provenance() + "]");
        }
        if (p.feeds() != null) out.println("feeds: " + p.feeds() + " (its capacity is not counted twice)");
        out.println("sources:");
        for (Project.Source s : p.sources().values()) {
            out.printf(Locale.ROOT, "  %s  %s (%s)%s%n", s.id(), s.url(), s.date() == null ? "undated" : s.date(), s.what().isEmpty() ? "" : " " + s.what());
        }
        if (!p.assumptions().isEmpty()) out.println("assumptions:");
        p.assumptions().forEach((k, v) -> out.printf(Locale.ROOT, "  %s  %s%n", k, v));
    }

    private static void fig(FinanceCli.Table t, String label, Figure f, String value) {
        t.row(label, value, f.provenance());
    }

    private static void share(FinanceCli.Table t, String label, Figure f, String suffix, String otherwise) {
        if (f == null) t.row(label, otherwise, "the valuation's default");
        else fig(t, label, f, FinanceCli.exactPct(f.value()) + suffix);
    }

    /** Millions of a currency exactly as written: "USD 1,220 M". */
    private static String money(double millions, String currency) {
        return currency + " " + FinanceCli.exact(millions) + " M";
    }

    /** The stated support in words: "floor-with-upside: floor 110 USD/kg [S1], 30 % of the upside returned [A5], … for 10 years". */
    private static String support(Project p, String priceUnit) {
        Project.SupportTerms s = p.support();
        if (s == null) return "none stated";
        List<String> parts = new ArrayList<>();
        if (s.strike() != null) parts.add(("cfd".equals(s.type()) ? "strike " : "offtake".equals(s.type()) ? "price " : "floor ")
                + FinanceCli.exact(s.strike().value()) + " " + priceUnit + " [" + s.strike().provenance() + "]");
        else if ("floor-with-upside".equals(s.type())) parts.add("no price floor");
        if (s.upsideShare() != null) parts.add(FinanceCli.exactPct(s.upsideShare().value()) + " of the upside returned [" + s.upsideShare().provenance() + "]");
        if (s.ebitdaFloor() != null) parts.add("EBITDA floor " + money(s.ebitdaFloor().value(), p.currency()) + " a year [" + s.ebitdaFloor().provenance() + "]");
        if (s.volume() != null) parts.add(FinanceCli.exact(s.volume().value()) + " t/yr [" + s.volume().provenance() + "]");
        parts.add(s.years() == 0 ? "for the whole life" : "for " + s.years() + " years");
        return s.type() + ": " + String.join(", ", parts) + (s.note().isEmpty() ? "" : " — " + s.note());
    }

    @Command(name = "screen", mixinStandardHelpOptions = true,
            description = {"Screens projects against an agreement's standards: responsible business conduct, labour, environment "
                    + "(permits, impact assessment), ownership by countries of concern, and links to the regime's forced-labour entity "
                    + "lists as of a date. Criteria are configurable (--criteria FILE, docs/projects-format.md).",
                    "Exit codes: 0 when every screened project passes, 1 when any fails, 2 a registry or criteria file refused or an unknown "
                            + "project, 3 a file that does not exist or cannot be read.", lodestone.cli.Failures.EXIT_CODES},
            footer = {"", "Examples:", "  lodestone projects screen", "  lodestone projects screen arafura-nolans mp-10x --date 2026-03-02",
                    "  lodestone projects screen --criteria examples/screening/strict.yaml --json"})
    static final class Screen implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "PROJECT", description = "Projects to screen (default: all).")
        List<String> ids = new ArrayList<>();
        @Option(names = "--criteria", paramLabel = "FILE", description = "Screening criteria (YAML).")
        Path criteria;
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date for the entity lists (default today).")
        LocalDate date;
        @Option(names = "--regime", paramLabel = "REGIME", description = "The regime whose entity lists are searched (default: bundled).")
        String regime = "bundled";
        @CommandLine.Mixin
        Common c;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            LocalDate d = date == null ? LocalDate.now() : date;
            Screening.Criteria cr = criteria == null ? Screening.Criteria.defaults(d) : Screening.Criteria.parse(criteria.toString(), lodestone.cli.StandardInput.readString(criteria), d);
            Registry r = FinanceCli.registry(c.projects);
            List<Project> ps = ids.isEmpty() ? r.projects() : ids.stream().map(r::require).toList();
            Regime reg = RegimeOption.open(regime);
            List<Screening.Result> res = ps.stream().map(p -> Screening.screen(p, cr, reg)).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (c.json) {
                FinanceCli.json(out, Reports.ordered("date", d.toString(), "results", res.stream().map(Reports::screening).toList()));
            } else {
                for (Screening.Result x : res) {
                    out.printf(Locale.ROOT, "%s %s — %s%n", x.pass() ? "PASS" : "FAIL", x.project(), x.name());
                    for (Screening.Check ch : x.checks()) out.printf(Locale.ROOT, "   %s %-32s %s%n", ch.pass() ? "ok  " : "FAIL", ch.criterion(), ch.reason());
                }
                long fails = res.stream().filter(x -> !x.pass()).count();
                out.printf(Locale.ROOT, "%d screened, %d pass, %d fail (entity lists as of %s)%n", res.size(), res.size() - fails, fails, d);
            }
            out.flush();
            return res.stream().allMatch(Screening.Result::pass) ? lodestone.cli.Failures.ANSWER : lodestone.cli.Failures.NO_ANSWER;
        }
    }

    @Command(name = "import-lithium", mixinStandardHelpOptions = true,
            description = "Regenerates data/projects/generated/lce-cost-curve.csv from the shared lithium deposit table (Busch et al. 2024).",
            footer = {"", "Example:", "  lodestone projects import-lithium ../shared/data/lithium_cost_curve_busch2024/Deposit.csv"})
    static final class ImportLithium implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DEPOSIT_CSV", description = "…/lithium_cost_curve_busch2024/Deposit.csv")
        Path deposit;
        @Option(names = "--out", paramLabel = "FILE", description = "Output (default data/projects/generated/lce-cost-curve.csv).")
        Path out = Path.of("data/projects/generated/lce-cost-curve.csv");
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!Files.exists(deposit)) throw new IllegalArgumentException(deposit + ": no such file");
            int n = LithiumCurveImporter.run(deposit, out);
            spec.commandLine().getOut().println(n + " deposits written to " + out);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
