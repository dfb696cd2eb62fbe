package lodestone.cli;

import lodestone.border.origin.BillOfMaterials;
import lodestone.border.origin.OriginRules;
import lodestone.border.origin.OriginVerdict;
import lodestone.regime.Problem;
import lodestone.regime.Regime;
import lodestone.regime.RegimeInvalidException;
import lodestone.regime.io.RegimeSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lodestone origin …}: rules of origin — does a good qualify for a preference, and why. */
@Command(name = "origin", mixinStandardHelpOptions = true,
        description = "Rules of origin: checks a bill of materials against an agreement's product-specific rules "
                + "(CAFTA-DR, HTSUS General Note 29, is bundled).",
        subcommands = {OriginCommand.Check.class, OriginCommand.Rule.class},
        footer = {"", "Examples:", "  lodestone origin check examples/origin/antimony-qualifies.json",
                "  lodestone origin rule 8110.90"})
final class OriginCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Decides whether the good described by a bill of materials (JSON, format in "
                    + "docs/origin-format.md) is originating under the agreement: wholly obtained; produced exclusively "
                    + "from originating materials; or meeting the product-specific rule — any one alternative, each with its "
                    + "change in tariff classification (with exceptions), regional value content (build-up VOM/AV, "
                    + "build-down (AV-VNM)/AV) and process requirements — with de minimis, accumulation and sets.",
                    "Prints the rule and alternative that decided, the materials that failed and why, the RVC values "
                            + "(rounded half-up to 0.01 %%, compared unrounded), and what would make a non-qualifying good "
                            + "qualify. Where the HTS 2026 code (HS 2022) has no rule because the rules were written for "
                            + "HS 2017, it says so and names the nearest rule instead of guessing."},
            footer = {"", "Examples:",
                    "  lodestone origin check examples/origin/antimony-qualifies.json",
                    "  lodestone origin check examples/origin/antimony-does-not-qualify.json --json",
                    "  lodestone origin check bom.json --agreement cafta-dr --regime path/to/regime",
                    "",
                    "Exit codes: 0 an answer (qualifies or not); 2 a malformed bill of materials (file, line, field and what "
                            + "was expected are printed), an agreement without rules or a regime refused; 3 a bill that does not exist "
                            + "or cannot be read.", Failures.EXIT_CODES})
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "BOM.json", description = "The bill of materials (JSON), or - for standard input.")
        Path bom;

        @Option(names = "--agreement", paramLabel = "ID",
                description = "The agreement whose rules to apply (default: the bill's \"agreement\", else cafta-dr); "
                        + "its rules are read from generated/origin/ID.yaml in the regime.")
        String agreement;

        @Option(names = "--json", description = "Print the answer as JSON: qualifies, decision (qualifies, does-not-qualify or "
                + "not-decided), rule, citation, rvc_build_up, "
                + "rvc_build_down, reasons, suggestions, hs_gap.")
        boolean json;

        @CommandLine.Mixin
        RegimeOption regimeOption = new RegimeOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String text;
            String name = StandardInput.name(bom);
            try {
                text = lodestone.regime.io.UserText.decode(StandardInput.readAllBytes(bom));
            } catch (NoSuchFileException e) {
                throw new Failures.UserError(Failures.ENVIRONMENT, "cannot read the bill of materials " + name + ": no such file");
            } catch (lodestone.regime.io.UserText.NotUtf8 e) {
                throw new IllegalArgumentException("cannot read the bill of materials " + name + ": " + e.getMessage());
            } catch (IOException e) {
                throw new Failures.UserError(Failures.ENVIRONMENT, "cannot read the bill of materials " + name + ": " + e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            try {
                // read, then check against the rules and the regime in one pass: every problem of the bill at once
                BillOfMaterials.Draft draft = BillOfMaterials.read(name, text);
                String id = agreement != null ? agreement : draft.agreement() != null ? draft.agreement() : "cafta-dr";
                OriginRules rules = OriginRules.load(source(regimeOption.regime), id); // before the regime: fails fast
                Regime regime = regimeOption.open();
                BillOfMaterials b = draft.check(rules, regime.hts(), regime.geography());
                OriginVerdict v = rules.check(b, regime.hts());
                PrintWriter out = spec.commandLine().getOut();
                if (json) out.println(Json.write(toJson(b, v)));
                else print(b, v, out);
                out.flush();
                return 0;
            } catch (RegimeInvalidException e) {
                if (!e.problems().isEmpty() && !e.problems().get(0).file().equals(name)) throw e; // the regime's own
                for (Problem p : e.problems()) err.println(p);
                err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                        + " in the bill of materials; nothing was checked.");
                err.flush();
                return Failures.REFUSED;
            }
        }
    }

    @Command(name = "rule", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Shows the rule of origin for an HS code: the product-specific rule with its alternatives "
                    + "(any one suffices) and their requirements (all must be met), the process rules that also confer "
                    + "origin, de minimis, and — where the HTS 2026 code (HS 2022) is not named by rules written for HS "
                    + "2017 — the gap and the nearest rule."},
            footer = {"", "Examples:",
                    "  lodestone origin rule 8110.90",
                    "  lodestone origin rule 8112.61.00 --agreement cafta-dr",
                    "",
                    "Exit codes: 0 shown, 2 not an HS code or no rules for the agreement.", Failures.EXIT_CODES})
    static final class Rule implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "An HS/HTS code of at least 6 digits, e.g. 8110.90.")
        String code;

        @Option(names = "--agreement", paramLabel = "ID", description = "The agreement (default: cafta-dr).")
        String agreement = "cafta-dr";

        @CommandLine.Mixin
        RegimeOption regimeOption = new RegimeOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            OriginRules rules = OriginRules.load(source(regimeOption.regime), agreement);
            PrintWriter out = spec.commandLine().getOut();
            out.println(rules.title() + " — " + rules.legalBase());
            for (String line : rules.describe(code, regimeOption.open().hts())) out.println(line);
            out.flush();
            return 0;
        }
    }

    /** The regime source of a --regime value, as Regime.open reads it. */
    static RegimeSource source(String spec) {
        return lodestone.regime.Regime.sourceOf(spec); // an overlay that extends bundled finds the bundled rules
    }

    static Map<String, Object> toJson(BillOfMaterials b, OriginVerdict v) {
        return lodestone.border.origin.OriginJson.of(b, v);
    }

    static void print(BillOfMaterials b, OriginVerdict v, PrintWriter o) {
        o.printf(Locale.ROOT, "%s origin of %s %s (adjusted value %s): %s%n", v.agreement().toUpperCase(Locale.ROOT),
                b.product().hts(), b.product().description(), money(b), v.heading());
        o.println("  rule:  " + v.rule() + (v.citation().isEmpty() ? "" : " — " + v.citation()));
        o.println("  RVC:   build-up " + v.rvcBuildUp().toPlainString() + " %, build-down "
                + v.rvcBuildDown().toPlainString() + " %");
        if (v.gap()) o.println("  note:  HS 2017/2022 gap — see the first reason");
        o.println("  why:");
        for (String r : v.reasons()) o.println("    " + (r.startsWith("  ") ? "  · " + r.strip() : "- " + r));
        if (!v.suggestions().isEmpty()) {
            o.println("  what would make it qualify:");
            for (String s : v.suggestions()) o.println("    - " + s);
        }
    }

    private static String money(BillOfMaterials b) {
        return String.format(Locale.ROOT, "$%,.2f", b.product().adjustedValue());
    }
}
