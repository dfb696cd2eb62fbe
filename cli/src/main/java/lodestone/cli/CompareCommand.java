package lodestone.cli;

import lodestone.border.Assessor;
import lodestone.border.WhatIf;
import lodestone.border.bulk.Comparison;
import lodestone.regime.Regime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lodestone compare}: the same entries under two regimes (or on two dates, or from other origins), per line and in total. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"What-if: assesses the same entry lines under two regimes — or under one regime on another entry "
                + "date — and reports the change per line (largest first) and in total.",
                "WITH is a regime ('bundled:plurilateral', a folder, a manifest file) or 'date:YYYY-MM-DD' to re-date "
                        + "every entry.",
                "--origin FROM=TO assesses side B's lines from FROM as if their goods came from TO (with or without --with). A "
                        + "preference claim TO is not eligible for is dropped under B, and a warning says so (docs/bulk-format.md).",
                "With --entry FILE (or - for standard input) instead of IN: a customs entry of several lines, as lodestone assess "
                        + "--entry reads it, under both sides: each line's duty under A and B and the change, and the entry's totals "
                        + "(as POST /api/compare with lines)."},
        footer = {"", "Examples:",
                "  lodestone compare examples/bulk/entries.csv --with bundled:plurilateral  # with the illustrative floor",
                "  lodestone compare examples/bulk/entries.csv --with date:2026-07-25       # after Section 122 ends",
                "  lodestone compare entries.csv --with bundled:plurilateral --out changes.csv --top 50",
                "  lodestone compare --entry examples/entry/two-lines.json --with date:2025-12-31",
                "  lodestone compare examples/bulk/entries.csv --origin CN=VN                 # the goods of CN from VN instead",
                "  lodestone compare entries.csv --origin CN=VN --origin MX=CA --with date:2026-07-25",
                "", "Exit codes: 0 compared (lines that cannot be compared are counted, not refused); 2 a malformed header, a regime "
                        + "refused or a bad --with or --origin, or an entry (--entry) with a line either side cannot assess (every such line "
                        + "printed; the entry is compared whole or not at all); 3 a file that cannot be read or written.", Failures.EXIT_CODES})
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IN", arity = "0..1", description = "Entry lines in the bulk format (CSV, or JSON Lines for .jsonl/.ndjson), read "
            + "as assess-file reads them: a line that cannot be read is not comparable, and the file goes on.")
    Path in;

    @Option(names = "--entry", paramLabel = "FILE", description = "Instead of IN: a customs entry of several lines (JSON: header and "
            + "lines, docs/bulk-format.md), or - to read it from standard input.")
    String entry;

    @Option(names = "--with", paramLabel = "WITH", description = "The other regime, or date:YYYY-MM-DD (side B; needed unless --origin is given).")
    String with;

    @Option(names = "--origin", paramLabel = "FROM=TO", description = "Under side B, the lines of origin FROM as if from TO (ISO "
            + "alpha-2 codes; repeat it, or separate mappings by commas, for several; applied once, not chained). What side B "
            + "assumed — a preference claim dropped or kept (its bill of materials checked again as declared), an export country, "
            + "production regions or producer kept — is said among its warnings.")
    java.util.List<String> origins = new java.util.ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write every line's comparison as CSV.")
    Path out;

    @Option(names = "--top", paramLabel = "N", description = "Lines to list, largest change first (default: 20).")
    int top = 20;

    @Option(names = "--ignore-unknown", description = "Ignore columns the bulk format does not define.")
    boolean ignoreUnknown;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @CommandLine.Mixin
    RegimeOption regimeOption = new RegimeOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** +$1,234.56 / -$1,234.56 / $0.00 */
    static String signed(java.math.BigDecimal v) {
        String m = AssessCommand.money(v.abs());
        return v.signum() > 0 ? "+" + m : v.signum() < 0 ? "-" + m : m;
    }

    @Override
    public Integer call() throws java.io.IOException {
        if (top < 0) throw new IllegalArgumentException("--top must not be negative");
        if (entry != null && in != null) {
            throw new Failures.UserError(Failures.REFUSED, "--entry: give either a file of entry lines (IN) or an entry (--entry FILE), not both");
        }
        if (entry == null && in == null) {
            throw new Failures.UserError(Failures.REFUSED, "Missing required parameter: 'IN' (or --entry FILE for a customs entry of several lines)");
        }
        if (entry != null && (out != null || ignoreUnknown)) {
            throw new Failures.UserError(Failures.REFUSED, "--entry: " + (out != null ? "--out" : "--ignore-unknown")
                    + " is for a file of entry lines (IN); an entry's every line is printed");
        }
        // '-' is standard input for --entry only: a bulk file is read by name (its format told by it) and --out is moved into
        // place when complete; taken as a file's name, '-' would have been read or written as a file called '-'
        if (in != null && in.toString().equals("-")) {
            throw new Failures.UserError(Failures.REFUSED, "IN: '-' (standard input) is not read as a file of entry lines: give the file's "
                    + "name (.csv, or .jsonl/.ndjson for JSON Lines; ./- for a file named '-'), or --entry - for a customs entry");
        }
        if (out != null && out.toString().equals("-")) {
            throw new Failures.UserError(Failures.REFUSED, "--out: '-' (standard output) is not written by compare: the comparison is written "
                    + "beside its target and moved into place when complete, and the summary (--json: the JSON) is printed on standard "
                    + "output; give a file name (./- for a file named '-')");
        }
        if (with == null && origins.isEmpty()) {
            throw new Failures.UserError(Failures.REFUSED, "Missing required option: '--with=WITH' (or --origin FROM=TO to move origins)");
        }
        com.fasterxml.jackson.databind.JsonNode doc = entry == null ? null : EntryCommand.readDoc(entry, "compared");
        Regime base = regimeOption.open();
        Assessor a = lodestone.border.origin.PreferenceOriginVerifier.assessorFor(base);
        Assessor b = a;
        WhatIf change = WhatIf.NONE;
        String label = base.id();
        if (with != null && with.startsWith("date:")) {
            change = WhatIf.on(RegimeCommand.parseDate("--with", with.substring(5)));
            label = base.id() + " on " + change.date();
        } else if (with != null) {
            Regime other = RegimeOption.open(with);
            b = lodestone.border.origin.PreferenceOriginVerifier.assessorFor(other);
            label = other.id();
        }
        if (!origins.isEmpty()) {
            change = change.withOrigins(WhatIf.parseOrigins(origins, base.geography(), b.regime().geography(), "--origin"));
            label = label + ", origin " + change.originText();
        }
        if (doc != null) return compareEntry(doc, a, b, change, base.id(), label);
        Comparison.Result r;
        // stopped by Ctrl-C or SIGTERM, the unfinished --out is removed as the JVM stops; the target keeps what it held
        Thread removePart = out == null ? null : new Thread(() -> AssessFileCommand.removeStaleParts(out), "remove-unfinished-comparison");
        if (removePart != null) Runtime.getRuntime().addShutdownHook(removePart);
        try {
            r = Comparison.run(a, b, change, in, out, top, ignoreUnknown);
        } catch (lodestone.border.bulk.BulkAssessment.BulkFileException e) {
            throw new Failures.UserError(e.unreadable() ? Failures.ENVIRONMENT : Failures.REFUSED, e.getMessage());
        } finally {
            try {
                if (removePart != null) Runtime.getRuntime().removeShutdownHook(removePart);
            } catch (IllegalStateException stopping) {
                // the JVM is stopping (Ctrl-C): the hook runs
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.write(r.toJson(base.id(), label)));
            return 0;
        }
        o.printf(Locale.ROOT, "A: %s%nB: %s%n%n", base.id(), label);
        boolean moves = !change.origins().isEmpty();
        if (moves) { // which side had which origin: the file's under A, the what-if's under B
            o.printf(Locale.ROOT, "%-14s %-15s %-6s %-6s %14s %14s %14s%n", "line_id", "hts", "from A", "from B", "duty A", "duty B", "change");
        } else {
            o.printf(Locale.ROOT, "%-14s %-15s %-4s %14s %14s %14s%n", "line_id", "hts", "from", "duty A", "duty B", "change");
        }
        for (Comparison.Line l : r.top()) {
            if (moves) o.printf(Locale.ROOT, "%-14s %-15s %-6s %-6s %14s %14s %14s%n", l.lineId(), l.hts(), l.origin(), l.originOfB(), l.a(),
                    l.b(), l.change());
            else o.printf(Locale.ROOT, "%-14s %-15s %-4s %14s %14s %14s%n", l.lineId(), l.hts(), l.origin(), l.a(), l.b(), l.change());
        }
        long unlisted = r.lines() - r.notComparable() - r.top().size(); // compared lines the table leaves out
        if (unlisted > 0) o.printf(Locale.ROOT, "… %,d more compared line%s%s%n", unlisted, unlisted == 1 ? "" : "s",
                out == null ? " (--out FILE writes every line)" : " in " + out);
        o.println();
        // lines read, then how many of them compared (reported: "3,026 lines compared; … 59 not comparable" read as 3,026 compared)
        o.printf(Locale.ROOT, "%,d lines read: %,d compared, %,d changed; %,d not comparable (rejected or prohibited under either)%n",
                r.lines(), r.lines() - r.notComparable(), r.changed(), r.notComparable());
        for (Comparison.NotComparable n : r.firstNotComparable()) {
            o.printf(Locale.ROOT, "  line %d%s: %s%n", n.line(), n.lineId() == null || n.lineId().isEmpty() ? "" : " (" + n.lineId() + ")", n.reason());
        }
        if (r.notComparable() > r.firstNotComparable().size()) {
            o.printf(Locale.ROOT, "  … %,d more not comparable%s%n", r.notComparable() - r.firstNotComparable().size(),
                    out == null ? " (--out FILE gives every line's reason)" : " (each with its reason in " + out + ")");
        }
        o.printf(Locale.ROOT, "total duty A %s → B %s: change %s%n", AssessCommand.money(r.totalA()), AssessCommand.money(r.totalB()),
                signed(r.totalB().subtract(r.totalA())));
        if (!r.moved().isEmpty()) { // the lines each mapping moved; one that moved none is said (a mistyped code)
            java.util.List<String> ms = new java.util.ArrayList<>();
            for (java.util.Map.Entry<String, Long> m : r.moved().entrySet()) {
                ms.add(String.format(Locale.ROOT, "%s %,d line%s", m.getKey(), m.getValue(), m.getValue() == 1 ? "" : "s"));
            }
            o.println("origins moved under B: " + String.join(", ", ms));
            for (java.util.Map.Entry<String, Long> m : r.moved().entrySet()) {
                if (m.getValue() == 0) o.println("  ! --origin " + m.getKey().replace("→", "=") + " moved no line: no line of the file is of origin "
                        + m.getKey().substring(0, m.getKey().indexOf('→')));
            }
        }
        warnings(o, r.warningSummary());
        return 0;
    }

    /** The warnings of a what-if, each with its side (A: / B:), after its figures; nothing when there are none. */
    private static void warnings(PrintWriter o, java.util.List<String> ws) {
        if (ws.isEmpty()) return;
        o.println();
        o.println("warnings:");
        for (String w : ws) o.println("  ! " + w);
    }

    /** {@code --entry FILE}: the entry under both sides, each line's duties and change, and the totals; JSON as POST /api/compare answers it. */
    private int compareEntry(com.fasterxml.jackson.databind.JsonNode doc, Assessor a, Assessor b, WhatIf change, String baseId, String label) {
        String name = EntryCommand.nameOf(entry);
        lodestone.border.bulk.CustomsEntryReader.Read read = lodestone.border.bulk.CustomsEntryReader.read(doc, LocalDate.now());
        lodestone.border.EntryComparison c;
        try {
            c = lodestone.border.EntryComparison.of(a, b, change, read.lines(), read.problems(), label);
        } catch (lodestone.border.EntryRefused r) {
            java.util.List<String> located = new java.util.ArrayList<>();
            for (lodestone.border.EntryRefused.Problem p : r.problems()) located.add(name + ": " + p);
            throw new Failures.Refused(located, "the entry was not compared (an entry is compared as a whole).");
        }
        String labelA = baseId + " on " + c.a().date();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.write(c.toJson(labelA, label)));
            return 0;
        }
        o.printf(Locale.ROOT, "Entry of %d line%s%nA: %s%nB: %s%n%n", c.lines().size(), c.lines().size() == 1 ? "" : "s", labelA, label);
        boolean moves = !change.origins().isEmpty();
        if (moves) o.printf(Locale.ROOT, "%-14s %-15s %-6s %-6s %14s %14s %14s%n", "line_id", "hts", "from A", "from B", "duty A", "duty B", "change");
        else o.printf(Locale.ROOT, "%-14s %-15s %-4s %14s %14s %14s%n", "line_id", "hts", "from", "duty A", "duty B", "change");
        for (lodestone.border.EntryComparison.Line l : c.lines()) {
            o.printf(Locale.ROOT, moves ? "%-14s %-15s %-6s %-6s %14s %14s %14s%n" : "%-14s %-15s %-4s %s%14s %14s %14s%n", l.lineId(), l.hts(),
                    l.origin(), moves ? l.originB() : "",
                    l.a() == null ? "prohibited" : AssessCommand.money(l.a()), l.b() == null ? "prohibited" : AssessCommand.money(l.b()),
                    l.change() == null ? "—" : signed(l.change()));
        }
        o.println();
        if (c.difference() == null) {
            o.println("total duty: not compared — an entry with a prohibited line has no duty total (A " + c.a().status().name().toLowerCase(Locale.ROOT)
                    + ", B " + c.b().status().name().toLowerCase(Locale.ROOT) + ")");
        } else {
            o.printf(Locale.ROOT, "total duty A %s → B %s: change %s%n", AssessCommand.money(c.a().totalDuty()), AssessCommand.money(c.b().totalDuty()),
                    signed(c.difference()));
        }
        java.util.List<String> ws = new java.util.ArrayList<>();
        for (String w : c.a().warnings()) ws.add("A: " + w);
        for (String w : c.b().warnings()) ws.add("B: " + w);
        warnings(o, ws);
        return 0;
    }
}
