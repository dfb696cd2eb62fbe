package lodestone.cli.finance;

import lodestone.finance.Reports;
import lodestone.finance.policy.LithiumCurveImporter;
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
        footer = {"", "Examples:", "  lodestone projects list", "  lodestone projects show arafura-nolans", "  lodestone projects screen --criteria strict.yaml",
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

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the registry's projects and markets.")
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
                FinanceCli.json(out, Map.of("projects", r.projects().stream().map(Reports::projectSummary).toList(),
                        "markets", r.markets().stream().map(Reports::market).toList()));
                return 0;
            }
            out.printf(Locale.ROOT, "%-22s %-3s %-12s %-12s %-7s %-26s %10s %10s %10s  %s%n", "project", "cty", "stage", "status", "start",
                    "product", "t/yr", "capex M$", "opex", "support");
            for (Project p : r.projects()) {
                double fx = p.usdPerUnit() == null ? 1 : p.usdPerUnit().value();
                out.printf(Locale.ROOT, "%-22s %-3s %-12s %-12s %-7d %-26s %10s %10s %10s  %s%n", p.id(), p.country(),
                        p.stage().name().toLowerCase(), p.status().name().toLowerCase(), p.startYear(), trim(p.product(), 26),
                        FinanceCli.n(p.capacity().value()), FinanceCli.n(p.capex().value() * fx), FinanceCli.n(p.opex().value()),
                        p.support() == null ? "" : p.support().type());
            }
            out.println();
            out.println("markets:");
            for (var m : r.markets()) {
                out.printf(Locale.ROOT, "  %-9s %-30s %-7s %s%n", m.id(), m.product(), m.priceUnit(), m.process().describe());
                for (String w : m.warnings()) out.println("            warning: " + w);
            }
            out.flush();
            return 0;
        }
    }

    static String trim(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one project with every figure and its source or assumption.")
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
            Map<String, Object> m = Reports.project(p);
            if (c.json) {
                FinanceCli.json(out, m);
                return 0;
            }
            out.printf(Locale.ROOT, "%s — %s (%s)%n", p.id(), p.name(), p.file());
            out.printf(Locale.ROOT, "%s, %s; %s; %s from %d; market %s (%s)%n", p.sponsor(), p.country(), p.stage().name().toLowerCase(),
                    p.status().name().toLowerCase(), p.startYear(), p.market(), r.marketOf(p).priceUnit());
            out.println("product: " + p.product() + (p.basis().isEmpty() ? "" : " — " + p.basis()));
            for (String k : List.of("capacity", "added_capacity", "capex", "usd_per_unit", "opex_per_unit", "aisc", "royalty", "tax", "discount_rate")) {
                Object v = m.get(k);
                if (v != null) out.printf(Locale.ROOT, "  %-16s %s%n", k, v);
            }
            if (m.get("debt") != null) out.printf(Locale.ROOT, "  %-16s %s%n", "debt", m.get("debt"));
            for (Project.Financing f : p.financing()) {
                out.printf(Locale.ROOT, "  financing: %s — %s%s%s%s%n", f.party(), f.kind(), f.instrument().isEmpty() ? "" : " (" + f.instrument() + ")",
                        f.amount() == null ? "" : ", " + FinanceCli.n(f.amount().value()) + " M " + p.currency() + " [" + f.amount().provenance() + "]",
                        f.isPublic() ? ", public" : "");
            }
            for (Project.Offtake o : p.offtakes()) out.printf(Locale.ROOT, "  offtake: %s — %s%n", o.buyer(), o.terms());
            if (p.support() != null) out.println("  support: " + m.get("support"));
            out.println("  esg: " + m.get("esg"));
            for (Project.Owner o : p.owners()) out.printf(Locale.ROOT, "  owner: %s (%s)%s%n", o.name(), o.country(), o.share() == null ? "" : " " + FinanceCli.pct(o.share().value()));
            out.println("sources:");
            for (Project.Source s : p.sources().values()) out.printf(Locale.ROOT, "  %s  %s (%s) %s%n", s.id(), s.url(), s.date(), s.what());
            if (!p.assumptions().isEmpty()) out.println("assumptions:");
            p.assumptions().forEach((k, v) -> out.printf(Locale.ROOT, "  %s  %s%n", k, v));
            out.flush();
            return 0;
        }
    }

    @Command(name = "screen", mixinStandardHelpOptions = true,
            description = {"Screens projects against an agreement's standards: responsible business conduct, labour, environment "
                    + "(permits, impact assessment), ownership by countries of concern, and links to the regime's forced-labour entity "
                    + "lists as of a date. Criteria are configurable (--criteria FILE, docs/projects-format.md).",
                    "Exit code 0 when every screened project passes, 1 when any fails."})
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
            Screening.Criteria cr = criteria == null ? Screening.Criteria.defaults(d) : Screening.Criteria.parse(criteria.toString(), Files.readString(criteria), d);
            Registry r = FinanceCli.registry(c.projects);
            List<Project> ps = ids.isEmpty() ? r.projects() : ids.stream().map(r::require).toList();
            Regime reg = Regime.open(regime);
            List<Screening.Result> res = ps.stream().map(p -> Screening.screen(p, cr, reg)).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (c.json) {
                FinanceCli.json(out, Map.of("date", d.toString(), "results", res.stream().map(Reports::screening).toList()));
            } else {
                for (Screening.Result x : res) {
                    out.printf(Locale.ROOT, "%s %s — %s%n", x.pass() ? "PASS" : "FAIL", x.project(), x.name());
                    for (Screening.Check ch : x.checks()) out.printf(Locale.ROOT, "   %s %-32s %s%n", ch.pass() ? "ok  " : "FAIL", ch.criterion(), ch.reason());
                }
                long fails = res.stream().filter(x -> !x.pass()).count();
                out.printf(Locale.ROOT, "%d screened, %d pass, %d fail (entity lists as of %s)%n", res.size(), res.size() - fails, fails, d);
            }
            out.flush();
            return res.stream().allMatch(Screening.Result::pass) ? 0 : 1;
        }
    }

    @Command(name = "import-lithium", mixinStandardHelpOptions = true,
            description = "Regenerates data/projects/generated/lce-cost-curve.csv from the shared lithium deposit table (Busch et al. 2024).")
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
