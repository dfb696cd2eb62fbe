package lodestone.cli;

import lodestone.regime.Regime;
import lodestone.regime.RegimeInvalidException;
import lodestone.regime.geo.Country;
import lodestone.regime.importer.RegimeImporter;
import lodestone.regime.measure.Action;
import lodestone.regime.measure.Condition;
import lodestone.regime.measure.Measure;
import lodestone.regime.measure.ProductScope;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.nomenclature.Nomenclature;
import lodestone.regime.view.RegimeViews;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lodestone regime …}: import, validate and query the regime. */
@Command(name = "regime",
        description = "The regime as data: import it from the public tables, validate it, and ask what applies.",
        mixinStandardHelpOptions = true,
        subcommands = {
                RegimeCommand.Import.class,
                RegimeCommand.ImportHts.class,
                RegimeCommand.Validate.class,
                RegimeInfoCommand.class,
                RegimeCommand.Show.class,
                RegimeCommand.Search.class,
                RegimeCommand.Diff.class,
                RegimeBrowseCommands.Agreements.class,
                RegimeBrowseCommands.Minerals.class,
                RegimeBrowseCommands.Groups.class
        },
        footer = {"", "Examples:",
                "  lodestone regime validate",
                "  lodestone regime show 2846.90.80 --date 2026-03-02 --origin CN",
                "  lodestone regime search \"rare-earth oxides\"",
                "  lodestone regime diff --from 2026-02-23 --to 2026-02-24"})
final class RegimeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The --regime option shared by the query commands. */
    static LocalDate parseDate(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": " + lodestone.regime.io.YNode.notADate(text) + ", e.g. 2026-03-02");
        }
    }

    // ------------------------------------------------------------------ import

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Regenerates the regime's generated files (nomenclature, base rates, countries, groups, "
                    + "minerals list, product-list scopes, IEEPA country measures, exchange rates, UFLPA list) from the "
                    + "public source tables, then validates the whole regime.",
                    "Files are written only when every import succeeded; the report of rate texts that could not be "
                            + "modelled goes to generated/import-report.md."},
            footer = {"", "Example:", "  lodestone regime import --shared ../shared/data --out data/regime"})
    static final class Import implements Callable<Integer> {
        @Option(names = "--shared", paramLabel = "DIR", description = "The folder of source tables (default: ../shared/data).")
        Path shared = Path.of("../shared/data");

        @Option(names = "--out", paramLabel = "DIR", description = "The regime folder to write into (default: data/regime).")
        Path out = Path.of("data/regime");

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            if (!Files.isDirectory(shared)) {
                throw new IllegalArgumentException("--shared: no folder " + shared.toAbsolutePath()
                        + "; expected the shared source tables (hts/, countries/, ...)");
            }
            RegimeImporter imp = new RegimeImporter(out, msg -> spec.commandLine().getErr().println("  " + msg));
            RegimeImporter.Summary s;
            try {
                imp.importAll(shared);
                s = imp.commit();
            } catch (RuntimeException e) {
                imp.abandon();
                throw e;
            }
            for (String line : s.lines()) o.println(line);
            o.println("wrote " + out.resolve("generated") + " (report: " + out.resolve("generated/import-report.md") + ")");
            return validateAfterImport(out, o, spec.commandLine().getErr());
        }
    }

    static int validateAfterImport(Path out, PrintWriter o, PrintWriter err) {
        if (!Files.exists(out.resolve("regime.yaml"))) {
            o.println("no regime.yaml in " + out + ": the generated files are ready for a manifest to name them");
            return 0;
        }
        try {
            Regime r = Regime.load(out);
            o.println("validated: " + summary(r));
            return 0;
        } catch (RegimeInvalidException e) {
            e.problems().forEach(err::println);
            err.println(e.problems().size() + " problems in the regime after import");
            return Failures.REFUSED;
        }
    }

    @Command(name = "import-hts", mixinStandardHelpOptions = true,
            description = {"Imports the USITC HTS CSV export: writes the nomenclature (all chapters) and the base rates "
                    + "(general, special with program indicators, column 2) translated into duty expressions. Every rate "
                    + "text that cannot be translated is counted and listed in generated/import-report.md."},
            footer = {"", "Example:", "  lodestone regime import-hts ../shared/data/hts/hts_2026_basic_edition.csv --out data/regime"})
    static final class ImportHts implements Callable<Integer> {
        @Parameters(paramLabel = "CSV", description = "The HTS CSV export (columns HTS Number, Indent, Description, ...).")
        Path csv;

        @Option(names = "--out", paramLabel = "DIR", description = "The regime folder to write into (default: data/regime).")
        Path out = Path.of("data/regime");

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(csv)) throw new IllegalArgumentException("CSV: no file " + csv.toAbsolutePath());
            RegimeImporter imp = new RegimeImporter(out, msg -> { });
            RegimeImporter.HtsStats st;
            try {
                st = imp.importHts(csv);
                imp.commit();
            } catch (RuntimeException e) {
                imp.abandon();
                throw e;
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%,d lines (%,d coded); %,d rate texts: %,d modelled, %,d not modelled, %,d special-column "
                            + "texts without a program list (attached to no rate; see the report)%n",
                    st.lines(), st.coded(), st.rates(), st.modelled(), st.unmodelledCount(), st.unattached());
            o.println("wrote " + out.resolve("generated/hts-2026.csv") + ", " + out.resolve("generated/base-rates.csv")
                    + " and " + out.resolve("generated/import-report.md"));
            return 0;
        }
    }

    // ------------------------------------------------------------------ validate

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Loads a regime and reports every problem at once, each as 'file:line: field: what is wrong, "
                    + "what was expected'. Exit codes: 0 when valid, 2 when not (nothing is loaded), 3 when the folder or manifest does "
                    + "not exist."},
            footer = {"", "Examples:", "  lodestone regime validate                 # the bundled regime",
                    "  lodestone regime validate data/regime     # a folder with regime.yaml",
                    "  lodestone regime validate data/regime/regime-plurilateral.yaml", "", Failures.EXIT_CODES})
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", arity = "0..1",
                description = "A regime folder or manifest file; 'bundled' or 'bundled:NAME' for the bundled ones (default: bundled).")
        String path = "bundled";

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            Regime r = RegimeOption.open(path);
            // every file the regime ships is validated, the rules of origin of its agreements included
            List<String> originFiles = new java.util.ArrayList<>();
            for (var ag : r.agreements()) {
                try {
                    lodestone.border.origin.OriginRules.load(r.source(), ag.id());
                    originFiles.add(ag.id());
                } catch (IllegalArgumentException noRules) {
                    // this agreement has no rule file
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            PrintWriter o = spec.commandLine().getOut();
            o.println("valid: " + summary(r));
            o.println("  rules of origin: " + (originFiles.isEmpty() ? "none" : String.join(", ", originFiles)));
            printGaps(o, r.horizon().gaps(), "  ");
            o.println("loaded and validated in " + ms + " ms");
            return 0;
        }
    }

    /** The regime's known gaps, one per line: what the sources do not hold and so is not modelled. */
    static void printGaps(PrintWriter o, List<lodestone.regime.Horizon.Gap> gaps, String indent) {
        if (gaps.isEmpty()) return;
        o.println(indent + "known gaps (" + gaps.size() + ", not modelled: no source here holds them):");
        for (var g : gaps) {
            String when = g.from() == null && g.to() == null ? "" : " [" + (g.from() == null ? "…" : g.from()) + " to "
                    + (g.to() == null ? "…" : g.to()) + "]";
            // what a gap bears on: its codes, its origins, or both (a gap of origins alone named none: it read as every line's)
            List<String> on = new java.util.ArrayList<>();
            if (!g.codes().isEmpty()) on.add("codes " + String.join(", ", g.codes().stream().map(Nomenclature::dotted).toList()));
            if (!g.origins().isEmpty()) on.add("origins " + String.join(", ", g.origins()));
            String codes = on.isEmpty() ? "" : " (" + String.join("; ", on) + ")";
            o.println(indent + "  - " + g.id() + when + codes + ": " + g.what());
        }
    }

    static String summary(Regime r) {
        int unmodelled = 0;
        for (HtsLine l : r.hts().lines()) for (var br : r.hts().ratesOn(l)) if (!br.modelled()) unmodelled++;
        return String.format(Locale.ROOT, "%s — %s%n  %,d HTS lines, %,d base rates (%,d not modelled), %,d HS codes, "
                        + "%,d countries, %,d groups, %,d programs, %,d minerals, %,d value chains, %,d agreements, %,d measures, "
                        + "%,d entity lists, %,d currencies",
                r.id(), r.title(), r.hts().size(), r.hts().rateCount(), unmodelled, r.hsSize(), r.geography().countries().size(),
                r.geography().groups().size(), r.geography().programs().size(), r.minerals().minerals().size(),
                r.minerals().commodities().size(), r.agreements().size(), r.measures().size(), r.lists().size(),
                r.fx().currencies().size());
    }

    // ------------------------------------------------------------------ show

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Shows an HTS line, its ancestors, and every measure that applies to it on a date (to goods "
                    + "of an origin, when given): the schedule's rates and the overlay measures, in evaluation order, with "
                    + "legal base and validity. Measures that would apply but for an exclusion are listed as excluded."},
            footer = {"", "Examples:", "  lodestone regime show 2846.90.80 --date 2026-03-02 --origin CN",
                    "  lodestone regime show 2846.90.80 --date 2025-06-01 --origin CN --json",
                    "  lodestone regime show 7408.11.60 --date 2026-03-02 --origin CL"})
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "CODE", description = "An HTS code at any level, e.g. 2846.90.80 or 2846908090.")
        String code;

        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The date asked about (default: today).")
        String date;

        @Option(names = "--origin", paramLabel = "COUNTRY", description = "Country of origin, ISO 3166 alpha-2 (e.g. CN).")
        String origin;

        @Option(names = "--json", description = "Print JSON (format in docs/regime-format.md).")
        boolean json;

        @CommandLine.Mixin
        RegimeOption regimeOption = new RegimeOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Regime r = regimeOption.open();
            LocalDate d = date == null ? LocalDate.now() : parseDate("--date", date);
            HtsLine line = r.hts().resolve(code).orElseThrow(() -> {
                String sub = lodestone.border.Assessor.subheadingWithoutRow(r, code);
                return new Failures.UserError(Failures.REFUSED, sub != null ? sub : "unknown HTS code '" + code + "'" + nearest(r, code));
            });
            String o = null;
            if (origin != null) {
                Country c = r.geography().country(origin).orElseThrow(() -> new Failures.UserError(Failures.REFUSED,
                        "--origin: unknown country '" + origin + "'; expected an ISO 3166 alpha-2 code such as CN"));
                o = c.alpha2();
            }
            ShowResult res = ShowResult.of(r, line, d, o);
            PrintWriter out = spec.commandLine().getOut();
            if (json) out.println(Json.write(res.toJson()));
            else res.print(out);
            return 0;
        }
    }

    /** Suggests codes near an unknown one, for the error message. */
    static String nearest(Regime r, String code) {
        if (Nomenclature.digitsOf(code) == null) return "; expected digits such as 2846.90.80";
        List<String> near = r.hts().nearest(code, 6);
        return near.isEmpty() ? "; no code of the schedule is near it" : "; nearest codes: " + String.join(", ", near);
    }

    /** What `show` computes, printable as text or JSON. */
    record ShowResult(Regime regime, HtsLine line, LocalDate date, String origin, List<HtsLine> ancestors,
                      List<Regime.BaseRateView> base, List<Measure> measures, List<Measure> excluded) {

        static ShowResult of(Regime r, HtsLine line, LocalDate d, String origin) {
            List<Measure> applied = r.measuresOn(line, d, origin);
            List<Measure> excluded = RegimeViews.excludedMeasures(r, line, d, origin, applied);
            return new ShowResult(r, line, d, origin, r.hts().ancestors(line), r.baseRatesFor(line, d, origin), applied, excluded);
        }

        void print(PrintWriter o) {
            o.println(line.code() + "  " + line.description());
            int depth = 1;
            for (HtsLine a : ancestors) {
                o.println("  ".repeat(depth++) + "↳ under " + (a.coded() ? a.code() : "(text)") + "  " + a.description());
            }
            if (!line.units().isEmpty()) o.println("units: " + String.join(", ", line.units()));
            if (!line.declarable()) {
                List<String> leaves = regime.hts().descendants(line).stream().filter(HtsLine::declarable)
                        .map(HtsLine::code).limit(8).toList();
                o.println("not a declarable line: goods are declared at " + String.join(", ", leaves));
            }
            Country c = origin == null ? null : regime.geography().country(origin).orElse(null);
            o.println();
            o.println("Measures on " + date + (c == null ? " (any origin)" : " for goods of " + c.alpha2() + " (" + c.name() + ")")
                    + ", in evaluation order [regime " + regime.id() + "]:");
            for (String w : regime.horizon().dateWarnings(date, regime.id())) o.println("  warning: " + w);
            o.printf("  %-2s %-34s %-24s %s%n", "", "measure", "duty", "legal base · validity");
            printMeasures(o, true);
            Map<String, List<String>> notEligible = new LinkedHashMap<>();
            for (Regime.BaseRateView b : base) {
                String duty = b.rate().modelled() ? b.rate().expression().toString() : "(not modelled: " + b.rate().sourceText() + ")";
                String where = b.from() == null ? "" : " on " + b.from().code();
                if (origin != null && !b.applies() && b.program() != null) {
                    notEligible.computeIfAbsent(duty, k -> new ArrayList<>()).add(b.program());
                    continue;
                }
                String flag = origin == null || b.applies() ? "C" : "–";
                String column = b.program() == null ? (b.measureId().equals("general") ? "column 1 general" : "column 2")
                        : "column 1 special, program " + b.program();
                o.printf("  %-2s %-34s %-24s %s%n", flag, b.measureId(), duty, "HTS " + column + where + " · " + b.why());
            }
            notEligible.forEach((duty, programs) -> o.printf("  %-2s %-34s %-24s %s%n", "–", "special (" + programs.size()
                    + " programs)", duty, String.join(", ", programs) + " · " + origin + " is not eligible"));
            printMeasures(o, false);
            for (Measure m : excluded) {
                o.printf("  %-2s %-34s %-24s %s%n", "x", m.outputId(), "excluded", "goods carved out of " + m.id() + " ("
                        + m.title() + ") · " + m.legalBase());
                List<String> by = m.products().exclusionsOf(line.digits());
                if (!by.isEmpty()) o.println("     excluded: " + String.join("; ", by));
            }
            if (measures.isEmpty() && base.isEmpty()) o.println("  (no rate or measure found)");
            List<lodestone.regime.Horizon.Gap> gaps = regime.horizon().gapsFor(line.digits(), origin, date);
            if (!gaps.isEmpty()) {
                o.println();
                printGaps(o, gaps, "");
            }
            o.println();
            o.println("C/A/B/D/E = applies, in its series (A prohibitions, B documents, C duties, D trade remedies, "
                    + "E additional duties); – = not for this origin; x = excluded. Conditions are checked when a "
                    + "shipment is assessed.");
        }

        /** Prints the overlay measures of series A-B (before = true) or C-E (false), in evaluation order. */
        private void printMeasures(PrintWriter o, boolean before) {
            for (Measure m : measures) {
                if ((m.type().series() < 'C') != before) continue;
                o.printf("  %-2s %-34s %-24s %s · %s%n", String.valueOf(m.type().series()), m.outputId(),
                        m.duty() == null ? "(" + m.type().label() + ")" : m.duty().toString(), m.legalBase(), m.validity());
                if (!m.id().equals(m.outputId())) o.println("     id " + m.id() + ": " + m.title());
                else o.println("     " + m.title());
                for (Condition cond : m.conditions()) o.println("     if " + RegimeViews.describe(cond));
                if (m.lowValueWaiver() != null) o.println("     " + RegimeViews.describe(m.lowValueWaiver()));
                if (!m.displaces().isEmpty()) {
                    o.println("     displaces " + String.join(", ", m.displaces()) + " (not charged on the value this measure is charged on)");
                    for (Map<String, Object> st : RegimeViews.stacking(regime, m)) { // why, per stacking rule, cited
                        @SuppressWarnings("unchecked") List<String> ys = (List<String>) st.get("displaces");
                        o.println("       " + (st.get("rule") == null ? "no stacking rule" : "rule " + st.get("rule")) + " ("
                                + (ys.size() > 6 ? String.join(", ", ys.subList(0, 6)) + " and " + (ys.size() - 6) + " more"
                                : String.join(", ", ys)) + "): "
                                + (st.get("citation") != null ? st.get("citation") : "citation not sourced — " + st.get("citation_not_sourced")));
                    }
                }
                if (m.valueBasis() != lodestone.regime.measure.ValueBasis.CUSTOMS_VALUE) {
                    o.println("     charged on: " + m.valueBasis().name().toLowerCase().replace('_', ' ')
                            + (m.usContentShare() == null ? "" : " (when US content ≥ " + m.usContentShare() + "%)")
                            + (m.valueBasisCitation() == null ? "" : ", else the customs value: " + m.valueBasisCitation()));
                }
                for (String f : m.footnotes()) o.println("     note: " + f);
            }
        }

        Map<String, Object> toJson() {
            return RegimeViews.code(regime, line, date, origin);
        }
    }

    // ------------------------------------------------------------------ search

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = {"Finds HTS lines whose description contains every word of TEXT (case- and hyphen-insensitive; "
                    + "'oxide' finds 'oxides'), or whose code starts with TEXT when it is a code."},
            footer = {"", "Examples:", "  lodestone regime search \"rare-earth oxides\"", "  lodestone regime search 8505.11 --json"})
    static final class Search implements Callable<Integer> {
        @Parameters(paramLabel = "TEXT", arity = "1..*", description = "Words or a code prefix.")
        List<String> words;

        @Option(names = "--limit", paramLabel = "N", description = "At most this many results (default: 50).")
        int limit = 50;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Mixin
        RegimeOption regimeOption = new RegimeOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (limit < 1) throw new IllegalArgumentException("--limit must be at least 1");
            Regime r = regimeOption.open();
            String q = String.join(" ", words);
            lodestone.regime.nomenclature.Nomenclature.Found found = r.hts().find(q, limit);
            List<HtsLine> hits = found.lines();
            boolean more = found.total() > hits.size();
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(Json.write(RegimeViews.search(r, q, found, limit)));
            } else {
                if (hits.isEmpty()) o.println("no line matches '" + q + "'");
                for (HtsLine l : hits) {
                    o.printf("%-14s %s%n", l.coded() ? l.code() : "(text)", l.description());
                    o.printf("%-14s %s%n", "", "in: " + RegimeViews.path(r, l));
                }
                if (more) o.println("… the first " + limit + " of " + found.total() + " results; narrow the words or raise --limit");
            }
            return 0;
        }

    }

    // ------------------------------------------------------------------ diff

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Lists what changed between two dates: measures that entered into force or ended, group "
                    + "memberships that began or ended, agreement events — everything dated after FROM up to TO. "
                    + "With --against, what the regime adds to, removes from or changes in another regime (an overlay "
                    + "against the bundled one): measures, groups, agreements and stacking rules by id, then the horizon."},
            footer = {"", "Examples:", "  lodestone regime diff --from 2026-02-23 --to 2026-02-24   # IEEPA → Section 122",
                    "  lodestone regime diff --from 2025-01-01 --to 2026-11-23 --json",
                    "  lodestone regime diff --regime my-overlay --against bundled"})
    static final class Diff implements Callable<Integer> {
        @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "The earlier date.")
        String from;

        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "The later date.")
        String to;

        @Option(names = "--against", paramLabel = "REGIME", description = "Another regime ('bundled', 'bundled:plurilateral', "
                + "a folder or a manifest file): list what --regime adds to, removes from or changes in it, instead of "
                + "what changed between two dates.")
        String against;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Mixin
        RegimeOption regimeOption = new RegimeOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (against != null) {
                if (from != null || to != null) throw new IllegalArgumentException("--against compares two regimes; give it "
                        + "without --from and --to (or give --from and --to without --against)");
                return compare();
            }
            if (from == null || to == null) throw new IllegalArgumentException("missing " + (from == null ? "--from" : "--to")
                    + "; expected --from YYYY-MM-DD --to YYYY-MM-DD, or --against REGIME");
            LocalDate f = parseDate("--from", from);
            LocalDate t = parseDate("--to", to);
            if (t.isBefore(f)) throw new IllegalArgumentException("--to " + t + " is before --from " + f + "; expected to ≥ from");
            Regime r = regimeOption.open();
            List<Regime.Change> changes = r.diff(f, t);
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(Json.write(RegimeViews.diff(r, f, t)));
            } else {
                o.println("Changes after " + f + " up to " + t + " [regime " + r.id() + "]:");
                if (changes.isEmpty()) o.println("  none");
                for (Regime.Change c : changes) {
                    o.printf("  %s  %-8s %-9s %-40s %s%n", c.date(), c.kind(), c.what(), c.id(), c.detail());
                }
            }
            return 0;
        }

        private Integer compare() {
            Regime r = regimeOption.open();
            Regime other = RegimeOption.open(against);
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(Json.write(RegimeViews.compare(r, other)));
                return 0;
            }
            List<Regime.Change> changes = r.compareWith(other);
            o.println("Regime " + r.id() + " against " + other.id() + ":");
            if (changes.isEmpty()) o.println("  no measure, group, agreement, stacking rule or horizon (sources, known gaps, de minimis) differs");
            for (Regime.Change c : changes) o.printf("  %-8s %-9s %-32s %s%n", c.kind(), c.what(), c.id(), c.detail());
            return 0;
        }
    }


}
