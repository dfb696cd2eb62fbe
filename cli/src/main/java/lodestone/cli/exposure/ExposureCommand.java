package lodestone.cli.exposure;

import lodestone.cli.Failures;
import lodestone.cli.RegimeOption;
import lodestone.border.Assessor;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.exposure.company.CaseSpec;
import lodestone.exposure.company.Company;
import lodestone.exposure.company.CompanyFile;
import lodestone.exposure.company.Exposure;
import lodestone.exposure.company.ExposureJson;
import lodestone.exposure.company.ExposureReport;
import lodestone.exposure.stockpile.Markets;
import lodestone.market.ScenarioException;
import lodestone.regime.Regime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lodestone exposure COMPANY.yaml}: what the regime and the markets cost a company, today and under scenarios. */
@Command(name = "exposure", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A company's exposure (docs/exposure-format.md): each sourcing line assessed at the border on a date (duties by measure, "
                + "landed cost, documents, prohibitions; a supplier on an entity list flagged; claimed preferences checked on their bill of "
                + "materials), the same lines under scenarios with their contracts applied month by month, cost per product and in total, and "
                + "re-sourcing alternatives among program and club countries ranked by saving. With --years, the same year by year over "
                + "calendar years (or fiscal years, --fiscal-start), market prices from the market engine's path of years, each line-year with its "
                + "cheapest alternative origin (docs/exposure-format.md, \"Year by year\").",
                "A scenario is a bundled market scenario's name or a market scenario file of your own (docs/scenario-format.md, as lodestone simulate "
                        + "runs it), or settings: market=NAME-OR-FILE, regime=SPEC, date=YYYY-MM-DD, from=YYYY-MM-DD, label=TEXT."},
        footer = {"", "Examples:",
                "  lodestone exposure examples/exposure/magnet-maker.yaml --scenario ndpr-floor-110 --scenario regime=bundled:plurilateral",
                "  lodestone exposure examples/exposure/electronics-maker.yaml --scenario market=gallium-ban,from=2026-06-01 --report exposure.html",
                "  lodestone exposure examples/exposure/battery-maker.yaml --scenario date=2027-01-01 --json",
                "  lodestone exposure examples/exposure/battery-maker.yaml --scenario my/drc-cobalt-quota.yaml",
                "  lodestone exposure examples/exposure/magnet-maker.yaml --years 2027-2030 --scenario ndpr-2025-2040 --csv budget.csv",
                "  lodestone exposure examples/exposure/magnet-maker.yaml --years FY2028-FY2030 --fiscal-start october   # FY2028 = 2027-10 to 2028-09",
                "", "Exit codes: 0 evaluated; 2 the company file refused — a problem of the file, or a line the assessment refuses today or under a "
                        + "scenario (every problem listed, at its field's line) — or a bad option; 3 a file cannot be read or written.",
                Failures.EXIT_CODES})
public final class ExposureCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "COMPANY.yaml", description = "The company file; - reads it from standard input "
            + "(the files it names are then found from the current directory).")
    Path file;
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Evaluate on this date (default: the file's date, else today).")
    String date;
    @Option(names = "--scenario", paramLabel = "S", description = "A scenario (repeatable): a bundled market scenario's name, a scenario file of your own, or settings.")
    List<String> scenarios = new ArrayList<>();
    @Option(names = "--report", paramLabel = "FILE.html", description = "Write the printable HTML report.")
    Path report;
    @Option(names = "--csv", paramLabel = "FILE.csv", description = "Write the lines as CSV (cells safe against formula injection).")
    Path csv;
    @Option(names = "--json", description = "Print the full result as JSON.")
    boolean json;
    @Option(names = "--no-alternatives", description = "Skip the re-sourcing alternatives.")
    boolean noAlternatives;
    @Option(names = "--years", paramLabel = "FIRST-LAST", description = "Year by year over these calendar years (e.g. 2027-2030), or fiscal years "
            + "with --fiscal-start (FY2028-FY2030): per year and scenario each line's cost, its cheapest alternative origin and the total, market "
            + "prices from the market engine's path of years (a scenario must have a horizon:).")
    String years;
    @Option(names = "--fiscal-start", paramLabel = "MONTH", description = "With --years: the years are fiscal years starting in this month (1-12 "
            + "or its name: 10, october), each named by the calendar year it ends in (from October, FY2028 = 2027-10 to 2028-09).")
    String fiscalStart;
    @Option(names = "--regime", paramLabel = "REGIME", description = "The regime in force (default: bundled).")
    String regime = "bundled";
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean stdin = lodestone.cli.StandardInput.is(file); // '-': a script's generated file; the names it gives from here
        if (!stdin) requireReadable(file);
        Regime r = RegimeOption.open(regime);
        Path dir = stdin ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
        String text = lodestone.cli.StandardInput.readString(file);
        Company c;
        try {
            c = CompanyFile.parse(lodestone.cli.StandardInput.name(file), text, r, name -> {
                try {
                    Path p = dir.resolve(name).normalize();
                    return Files.isReadable(p) ? lodestone.regime.io.UserText.read(p) : null;
                } catch (IOException e) {
                    return null;
                }
            });
        } catch (CompanyFile.Invalid e) {
            throw refused(e);
        }
        Assessor today = PreferenceOriginVerifier.assessorFor(r);
        Markets markets = new Markets(r).withOwn(ownMarkets(scenarios, r));
        List<Exposure.Case> cases = cases(scenarios, regime, today, markets);
        Exposure.Report rep;
        LocalDate on;
        try {
            on = date == null ? null : LocalDate.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--date: " + lodestone.regime.io.YNode.notADate(date));
        }
        if (fiscalStart != null && years == null) {
            throw new IllegalArgumentException("--fiscal-start: it says when the years of --years start; give --years too (e.g. --years FY2028-FY2030 "
                    + "--fiscal-start october)");
        }
        if (years != null) return callYears(c, on, today, cases, markets);
        try {
            rep = Exposure.evaluate(c, on, today, cases, markets, !noAlternatives);
        } catch (CompanyFile.Invalid e) { // a line the assessment refuses, today or under a scenario
            throw refused(e);
        }
        Map<String, Object> tree = ExposureJson.of(rep);
        if (report != null) write(report, ExposureReport.html(tree));
        if (csv != null) {
            try {
                java.io.StringWriter w = new java.io.StringWriter();
                ExposureReport.csv(tree, w);
                lodestone.cli.Replacement.write(csv, w.toString());
            } catch (IOException e) {
                throw e instanceof java.nio.file.FileSystemException ? new UncheckedIOException(e)
                        : new UncheckedIOException("cannot write " + csv + ": " + e.getMessage(), e);
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(lodestone.cli.Json.write(tree));
            return 0;
        }
        print(rep, o);
        if (report != null) o.println("report written to " + report);
        if (csv != null) o.println("CSV written to " + csv);
        return 0;
    }

    /** {@code --years}: the company year by year (docs/exposure-format.md, "Year by year"). */
    private int callYears(Company c, LocalDate on, Assessor today, List<Exposure.Case> cases, Markets markets) throws Exception {
        lodestone.exposure.company.ExposureYears.Span ys;
        try {
            ys = lodestone.exposure.company.ExposureYears.parseYears(years, fiscalStart, "--fiscal-start ");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("years:") ? "--" + e.getMessage() : e.getMessage());
        }
        lodestone.exposure.company.ExposureYears.Report rep;
        try {
            rep = lodestone.exposure.company.ExposureYears.evaluate(c, on, today, cases, markets, ys, !noAlternatives);
        } catch (CompanyFile.Invalid e) {
            throw refused(e);
        }
        Map<String, Object> tree = lodestone.exposure.company.ExposureYearsJson.of(rep);
        if (report != null) write(report, lodestone.exposure.company.ExposureYearsJson.html(tree));
        if (csv != null) {
            java.io.StringWriter w = new java.io.StringWriter();
            lodestone.exposure.company.ExposureYearsJson.csv(tree, w);
            write(csv, w.toString());
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(lodestone.cli.Json.write(tree));
            return 0;
        }
        printYears(rep, o);
        if (report != null) o.println("report written to " + report);
        if (csv != null) o.println("CSV written to " + csv);
        return 0;
    }

    static void printYears(lodestone.exposure.company.ExposureYears.Report r, PrintWriter o) {
        lodestone.exposure.company.ExposureYears.Span sp = r.span();
        o.println("Exposure of " + r.company() + ", year by year " + sp.labels() + " (the file's prices as of " + r.date()
                + "; each year twelve monthly purchases, each assessed on its date; USD)");
        if (sp.fiscal()) {
            StringBuilder b = new StringBuilder("Fiscal years, named by the calendar year they end in:");
            for (int y = sp.from(); y <= sp.to(); y++) b.append(y == sp.from() ? " " : "; ").append(sp.label(y)).append(" = ").append(sp.months(y));
            o.println(b);
        }
        o.println();
        StringBuilder head = new StringBuilder(String.format("%-30s", "total landed cost"));
        for (int y = r.from(); y <= r.to(); y++) head.append(String.format(" %18s", sp.label(y)));
        o.println(head);
        r.totals().forEach((k, v) -> {
            StringBuilder b = new StringBuilder(String.format("%-30s", k));
            v.forEach((y, t) -> b.append(String.format(" %18s", usd(t))));
            o.println(b);
        });
        for (String w : r.warnings()) o.println("! " + w);
        if (!r.products().isEmpty()) {
            o.println();
            o.println("Products (annual cost; a unit's):");
            for (lodestone.exposure.company.ExposureYears.ProductYear p : r.products()) {
                o.printf("  %-24s %-24s %s %18s  (%s a unit)%s%n", p.product(), p.scenario(), sp.label(p.year()), usd(p.annualCost()),
                        p.unitCost() == null ? "—" : p.unitCost().toPlainString(), p.warnings().isEmpty() ? "" : "  ! " + String.join("; ", p.warnings()));
            }
        }
        if (!r.marketPrices().isEmpty()) {
            o.println();
            o.println("Market prices (the model's US price a calendar year, rounded to 6 decimals; a month takes its calendar year's price; a linked "
                    + "line's price moves by price ÷ anchor for its share):");
            for (lodestone.exposure.company.ExposureYears.MarketPrices p : r.marketPrices()) {
                StringBuilder b = new StringBuilder(String.format("  %-8s %-22s %s, %s; anchor %d: %s", p.market(), p.scenario(), p.path(), p.priceUnit(),
                        p.anchorYear(), p.anchorPrice() == null ? "—" : p.anchorPrice().toPlainString()));
                p.usPrice().forEach((y, v) -> b.append("; ").append(y).append(": ").append(v == null ? "—" : v.toPlainString()));
                o.println(b);
            }
        }
        // a line's warning that holds in several of its years and scenarios (production regions not declared) is printed once, at
        // the first, with how many it holds in (the JSON keeps it on each)
        Map<String, Integer> times = new HashMap<>(), lineRows = new HashMap<>();
        for (lodestone.exposure.company.ExposureYears.YearLine l : r.lines()) {
            lineRows.merge(l.line(), 1, Integer::sum);
            for (String w : l.warnings()) times.merge(l.line() + "\n" + w, 1, Integer::sum);
        }
        java.util.Set<String> said = new java.util.HashSet<>();
        for (int y = r.from(); y <= r.to(); y++) {
            o.println();
            o.println(sp.label(y) + (sp.fiscal() ? " (" + sp.months(y) + ")" : "") + ":");
            o.printf("  %-22s %-24s %-10s %18s %20s %16s %14s %16s%n", "line", "scenario", "status", "avg price", "goods cost", "customs value", "duty",
                    "landed cost");
            for (lodestone.exposure.company.ExposureYears.YearLine l : r.lines()) {
                if (l.year() != y) continue;
                // the price and goods cost in the line's currency (70 CNY/kg), the rest in USD
                o.printf("  %-22s %-24s %-10s %18s %20s %16s %14s %16s%n", l.line(), l.scenario(), l.status(),
                        l.averagePrice().toPlainString() + " " + l.currency() + "/" + l.unit(),
                        String.format(java.util.Locale.ROOT, "%,.2f", l.goodsCost()) + " " + l.currency(), usd(l.customsValueUsd()), usd(l.duty()), usd(l.landedCost()));
                for (String w : l.warnings()) {
                    String key = l.line() + "\n" + w;
                    int n = times.get(key);
                    if (n == 1) o.println("      ! " + w);
                    else if (said.add(key)) o.println("      ! " + w + " (the same in " + n + " of this line's " + lineRows.get(l.line()) + " years and scenarios, said once)");
                }
                lodestone.exposure.company.ExposureYears.YearAlternative a = l.cheapestAlternative();
                if (a != null) {
                    o.println("      cheapest alternative: " + a.origin() + " at " + a.averagePrice().toPlainString() + " " + l.currency() + "/" + l.unit()
                            + ", duty " + usd(a.duty()) + ", landed " + usd(a.landedCost())
                            // a line under a contract below spot may cost less than any alternative: said as such, not as a saving of -$…
                            + (a.saving() == null ? "" : a.saving().signum() < 0 ? ", " + usd(a.saving().negate()) + " more than the line: no alternative saves"
                            : ", saving " + usd(a.saving()))
                            + " (" + a.note() + (a.sameFor().isEmpty() ? "" : "; the same for " + String.join(", ", a.sameFor())) + ")");
                    for (String w : a.warnings()) o.println("        ! " + w);
                }
            }
        }
    }

    /** The company file refused (exit 2), every problem at its line. */
    private static Failures.Refused refused(CompanyFile.Invalid e) {
        return new Failures.Refused(e.problems(), "nothing was evaluated.");
    }

    /**
     * A file that cannot be read is said in words, with the exit code of the environment (reported: "lodestone:
     * java.io.IOException: cannot read …").
     */
    static void requireReadable(Path f) throws IOException {
        Failures.requireReadable(f);
    }

    /**
     * The market scenarios of the user's own that the specs name: a market (a spec's whole text, or its market=) that names a
     * file is that file, read and checked against the regime as lodestone simulate reads it (every problem at its line, exit 2),
     * known by the path as given; a name ending in .yaml or .yml that is no file is refused as one.
     */
    public static Map<String, lodestone.market.Scenario> ownMarkets(List<String> specs, Regime r) {
        Map<String, lodestone.market.Scenario> out = new java.util.LinkedHashMap<>();
        for (String s : specs) {
            String m = CaseSpec.parse(s).market();
            if (m == null || out.containsKey(m)) continue;
            Path p = Path.of(m);
            boolean named = m.endsWith(".yaml") || m.endsWith(".yml");
            if (!Files.isRegularFile(p)) {
                if (named) throw new IllegalArgumentException("--scenario " + s + ": no scenario file " + m + " (a market scenario of your own is "
                        + "a file, docs/scenario-format.md; a bundled one is named without .yaml)");
                continue;
            }
            try {
                out.put(m, lodestone.market.Scenario.load(p, r));
            } catch (ScenarioException e) {
                throw new Failures.Refused(e.problems(), "nothing was evaluated.");
            }
        }
        return out;
    }

    /** Resolves scenario specs: regimes opened once each, market names checked. */
    public static List<Exposure.Case> cases(List<String> specs, String todayRegime, Assessor today, Markets markets) {
        Map<String, Assessor> assessors = new HashMap<>();
        assessors.put(todayRegime, today);
        List<Exposure.Case> out = new ArrayList<>();
        for (String s : specs) {
            CaseSpec cs = CaseSpec.parse(s);
            Assessor a = null;
            if (cs.regime() != null) {
                a = assessors.computeIfAbsent(cs.regime(), k -> PreferenceOriginVerifier.assessorFor(RegimeOption.open(k)));
            }
            if (cs.market() != null) {
                try {
                    markets.equilibrium(cs.market());
                } catch (ScenarioException e) {
                    throw new IllegalArgumentException("--scenario " + s + ": " + e.getMessage());
                }
            }
            out.add(new Exposure.Case(cs.label(), a, cs.date(), cs.market(), cs.from()));
        }
        return out;
    }

    private static void write(Path p, String text) {
        try {
            lodestone.cli.Replacement.write(p, text);
        } catch (IOException e) {
            throw e instanceof java.nio.file.FileSystemException ? new UncheckedIOException(e)
                    : new UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    static String usd(BigDecimal v) {
        return lodestone.exposure.Money.usd(v);
    }

    static void print(Exposure.Report r, PrintWriter o) {
        o.println("Exposure of " + r.company() + " from " + r.date() + " (twelve months; USD)");
        o.println();
        o.printf("%-34s %18s%n", "scenario", "total landed cost");
        r.totals().forEach((k, v) -> o.printf("%-34s %18s%n", k, usd(v)));
        for (String w : r.warnings()) o.println("! " + w); // what a total leaves out, said under it
        o.println();
        o.println("Products:");
        for (Exposure.ProductResult p : r.products()) {
            o.printf("  %-24s %-30s %18s  (%s a unit)%s%n", p.product(), p.scenario(), usd(p.annualCost()),
                    p.unitCost() == null ? "—" : p.unitCost().toPlainString(), p.warnings().isEmpty() ? "" : "  ! " + String.join("; ", p.warnings()));
        }
        o.println();
        o.println("Lines:");
        o.printf("  %-22s %-30s %-10s %18s %16s %14s %16s%n", "line", "scenario", "status", "avg price", "customs value", "duty", "landed cost");
        for (Exposure.LineResult l : r.lines()) {
            // the price is in the line's currency and per its unit (4150 USD/t beside 11.2 USD/kg, 70 CNY/kg beside USD amounts)
            o.printf("  %-22s %-30s %-10s %18s %16s %14s %16s%n", l.line(), l.scenario(), l.status(),
                    l.averagePrice().toPlainString() + " " + l.currency() + "/" + l.unit(), usd(l.customsValueUsd()), usd(l.duty()), usd(l.landedCost()));
            if (l.scenario().equals(Exposure.TODAY)) {
                o.println("      " + l.origin() + (l.supplier().isEmpty() ? "" : ", " + l.supplier()) + ", HTS " + l.hts());
                for (Exposure.Duty d : l.duties()) o.printf("      %-20s %14s%n", d.measure(), usd(d.amount()));
                if (l.entityListed()) o.println("      ! SUPPLIER ON AN ENTITY LIST (forced labour): " + String.join("; ", l.prohibitions()));
                if (!l.documents().isEmpty()) o.println("      documents: " + String.join(", ", l.documents()));
                if (l.originCheck() != null) o.println("      origin: " + l.originCheck());
                if (l.contractUse() != null) o.println("      contract " + ExposureJson.contractTerms(l.contractUse(), l.unit()));
            }
            for (String w : l.warnings()) o.println("      ! " + w);
        }
        if (!r.alternatives().isEmpty()) {
            o.println();
            o.println("Alternatives (same HTS code from another origin, or from the same origin claiming its program; ranked by saving against today):");
            for (Exposure.Alternative a : r.alternatives()) {
                o.printf("  %-22s %-3s duty %14s landed %16s saving %16s  %s%n", a.line(), a.origin(), usd(a.duty()), usd(a.landedCost()),
                        usd(a.saving()), a.note());
            }
        }
    }
}
