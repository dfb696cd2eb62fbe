package lodestone.cli.exposure;

import lodestone.exposure.stockpile.StockpileEvent;

import lodestone.cli.RegimeOption;
import lodestone.exposure.Money;
import lodestone.exposure.stockpile.CoordinatedRelease;
import lodestone.exposure.stockpile.Cover;
import lodestone.exposure.stockpile.Markets;
import lodestone.exposure.stockpile.Position;
import lodestone.exposure.stockpile.StockpileException;
import lodestone.exposure.stockpile.StockpileFile;
import lodestone.exposure.stockpile.StockpileJson;
import lodestone.exposure.stockpile.StockpileLedger;
import lodestone.market.ScenarioException;
import lodestone.regime.Problem;
import lodestone.regime.Regime;
import lodestone.regime.mineral.Mineral;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code lodestone stockpile show|cover|release}: a stockpile ledger's position, its import cover, a coordinated release. */
@Command(name = "stockpile", mixinStandardHelpOptions = true,
        description = {"Stockpile ledgers (Project Vault and others): holdings, cost basis, funding, members; months of import "
                + "cover against the market data and under a disruption; a coordinated release among holders and its effect on prices.",
                "The bundled ledger 'project-vault' carries the public figures ($10 bn EXIM 15-year loan, about $1.67 bn private capital, "
                        + "reported participants) and ILLUSTRATIVE acquisitions (docs/stockpile-format.md)."},
        subcommands = {StockpileCommand.Show.class, StockpileCommand.CoverCmd.class, StockpileCommand.Release.class},
        footer = {"", "Examples:", "  lodestone stockpile show",
                "  lodestone stockpile cover --disruption gallium-ban --months 13",
                    "  lodestone stockpile cover --disruption my-gallium-cut.yaml --months 9 --region JP",
                "  lodestone stockpile release --mineral gallium --disruption gallium-ban --months 13 --rule imports"})
public final class StockpileCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }


    /** Which ledger: a bundled one by name, or a ledger file; as of a date. */
    static final class Source {
        @Option(names = "--stockpile", paramLabel = "NAME", description = "A bundled ledger (default: project-vault).")
        String name = "project-vault";
        @Option(names = "--file", paramLabel = "FILE", description = "A ledger file (docs/stockpile-format.md) instead of a bundled one; - reads it from standard input.")
        Path file;
        @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The position after the events up to this date (default: all).")
        String asOf;
        @Option(names = "--regime", paramLabel = "REGIME", description = "The regime whose minerals a ledger names (default: bundled).")
        String regime = "bundled";

        /** The ledger read and derived, every problem of it reported at once (those of reading and those of deriving). */
        Loaded load(Regime r) throws IOException {
            StockpileFile.Read read;
            if (file == null) {
                try {
                    read = new StockpileFile.Read(StockpileFile.bundled(name), List.of());
                } catch (StockpileException e) {
                    throw refused(e.problems());
                }
            } else {
                if (!lodestone.cli.StandardInput.is(file)) ExposureCommand.requireReadable(file);
                read = StockpileFile.read(lodestone.cli.StandardInput.name(file), lodestone.cli.StandardInput.readString(file));
            }
            if (read.file() == null) throw refused(read.problems());
            LocalDate on;
            try {
                on = asOf == null ? null : LocalDate.parse(asOf);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("--as-of: " + lodestone.regime.io.YNode.notADate(asOf));
            }
            Set<String> minerals = r.minerals().minerals().stream().map(Mineral::id).collect(Collectors.toSet());
            try {
                return new Loaded(read.file(), StockpileLedger.derive(read.file().id(), read.file().events(), on, minerals, read.problems()));
            } catch (StockpileException e) {
                throw refused(e.problems());
            }
        }
    }

    record Loaded(StockpileFile file, Position position) { }

    static IllegalArgumentException refused(List<Problem> problems) {
        return new IllegalArgumentException(problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in the stockpile ledger; nothing was derived:\n" + String.join("\n", problems.stream().map(Problem::toString).toList()));
    }

    /**
     * An engine's refusal ("start: …", "allies.XX: …") in the words of this command's options ("--start: …", "--ally XX: …").
     */
    static IllegalArgumentException asOptions(IllegalArgumentException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.startsWith("allies.")) return new IllegalArgumentException("--ally " + m.substring("allies.".length()), e);
        for (String[] f : new String[][]{{"total_kg", "--total-kg"}, {"start", "--start"}, {"months", "--months"}, {"region", "--region"},
                {"disruption", "--disruption"}, {"country", "--country"}, {"mineral", "--mineral"}, {"rule", "--rule"}}) {
            if (m.startsWith(f[0] + ": ")) return new IllegalArgumentException(f[1] + m.substring(f[0].length()), e);
        }
        return e;
    }


    static String usd(BigDecimal v) {
        return lodestone.exposure.Money.usd(v);
    }

    static LocalDate date(String option, String v) {
        try {
            return LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": " + lodestone.regime.io.YNode.notADate(v));
        }
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Holdings, cost basis, funding, loans and members, derived from the ledger's events.",
            footer = {"", "Examples:", "  lodestone stockpile show", "  lodestone stockpile show --as-of 2026-06-30 --events",
                    "  lodestone stockpile show --file examples/stockpile/small-reserve.yaml --json"})
    static final class Show implements Callable<Integer> {
        @CommandLine.Mixin
        Source source = new Source();
        @Option(names = "--json", description = "Print the position as JSON (docs/stockpile-format.md).")
        boolean json;
        @Option(names = "--events", description = "Also list the ledger's events (up to --as-of), each with its figures, note and "
                + "cited source — as the API's and the web page's events list; with --json, {\"position\": …, \"events\": […]} as POST "
                + "/api/stockpile-files answers.")
        boolean events;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Regime regime = RegimeOption.open(source.regime);
            Loaded l0 = source.load(regime);
            StockpileFile f = l0.file();
            Position p = l0.position();
            PrintWriter o = spec.commandLine().getOut();
            // the events dated by the position's date, each with its number as recorded (a correction dated before the mistaken
            // event it mends is listed without it: the listed events are not always the first ones)
            List<Integer> listed = new java.util.ArrayList<>();
            for (int i = 0; i < f.events().size(); i++) {
                StockpileEvent e = f.events().get(i);
                if (p.asOf() == null || e.date() == null || !e.date().isAfter(p.asOf())) listed.add(i);
            }
            // a price far from its mineral's market (per tonne keyed as per kg) is said, the figures keeping it as given
            for (Problem w : lodestone.exposure.stockpile.PriceCheck.farFromMarket(f.events(), new Markets(regime))) {
                spec.commandLine().getErr().println("lodestone: warning: " + w);
            }
            if (json) {
                Object out = StockpileJson.position(p);
                if (events) { // as POST /api/stockpile-files answers: the position and, beside it, the events
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("position", out);
                    m.put("events", StockpileJson.events(f.events(), p.asOf()));
                    out = m;
                }
                o.println(lodestone.cli.Json.write(out));
                return 0;
            }
            o.println(f.name() + " — position as of " + p.asOf() + " (" + p.events() + " events)");
            if (!f.description().isEmpty()) o.println(f.description());
            o.println();
            o.printf("%-14s %16s %18s %14s%n", "mineral", "held (kg)", "cost basis", "avg USD/kg");
            for (Position.Holding h : p.holdings()) {
                o.printf("%-14s %16s %18s %14s%n", h.mineral(), h.quantityKg().stripTrailingZeros().toPlainString(), usd(h.costBasis()),
                        h.averageCost() == null ? "—" : h.averageCost().toPlainString());
            }
            o.println();
            p.funding().forEach((k, v) -> o.printf("%-22s %s%n", "funding: " + lodestone.regime.io.YNode.spelling(k), usd(v)));
            o.printf("%-22s %s%n", "funding drawn", usd(p.fundingDrawn()));
            o.printf("%-22s %s%n", "spent", usd(p.spent()));
            o.printf("%-22s %s%n", "proceeds", usd(p.proceeds()));
            o.printf("%-22s %s%n", "funding left", usd(p.fundingLeft()));
            o.printf("%-22s %s%n", "carrying costs", usd(p.carryingTotal()));
            for (Position.Loan l : p.loans()) {
                o.printf("loan: %s %s drawn %s, %s, matures %s, interest %s a year%n", l.party(), usd(l.principal()), l.drawn(),
                        l.ratePercent() == null ? "rate not stated" : l.ratePercent().toPlainString() + " %",
                        l.maturity() == null ? "—" : l.maturity(), l.annualInterest() == null ? "—" : usd(l.annualInterest()));
            }
            o.println();
            o.println("members (entitlement kg by mineral):");
            if (p.members().isEmpty()) o.println("  none");
            for (Position.Member m : p.members()) {
                o.println("  " + m.id() + " (joined " + m.joined() + ", entry fee " + usd(m.entryFee()) + "): "
                        + m.entitlementKg().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stripTrailingZeros().toPlainString())
                        .collect(Collectors.joining(", ")));
            }
            if (events) {
                o.println();
                o.println("events:");
                Map<Integer, Integer> corrected = StockpileLedger.correctedBy(f.events());
                for (int i : listed) {
                    Integer by = corrected.get(i + 1);
                    o.println("  #" + (i + 1) + " " + eventLine(f.events().get(i)) + (by == null ? "" : "  (corrected by #" + by + ")"));
                }
            }
            if (!f.sources().isEmpty()) {
                o.println();
                o.println("sources:");
                for (StockpileFile.Source s : f.sources()) o.println("  [" + s.id() + "] " + s.title() + " " + s.url());
            }
            return 0;
        }

        /** "2026-02-02 funding: source exim-loan; party EXIM; amount 10000000000 [S1] — note": the event's own figures as recorded. */
        static String eventLine(StockpileEvent e) {
            if (e instanceof StockpileEvent.Correction c) { // "2026-12-06 correction of #4: replaced by 2026-04-01 acquisition: …"
                return c.date() + " correction of #" + c.corrects() + ": " + (c.replacement() == null ? "struck out"
                        : "replaced by " + eventLine(c.replacement())) + (c.at().sourceRef() == null ? "" : " [" + c.at().sourceRef() + "]")
                        + (c.note() == null || c.note().isEmpty() ? "" : " — " + c.note());
            }
            Map<String, Object> m = StockpileJson.event(e);
            StringBuilder sb = new StringBuilder().append(m.get("date")).append(' ').append(m.get("type")).append(':');
            String sep = " ";
            for (var x : m.entrySet()) {
                if (List.of("date", "type", "note", "source_ref").contains(x.getKey())) continue;
                Object v = x.getValue();
                String text = v instanceof BigDecimal d ? d.toPlainString() : v instanceof Map<?, ?> mm ? mm.entrySet().stream()
                        .map(y -> y.getKey() + " " + (y.getValue() instanceof BigDecimal d ? d.toPlainString() : y.getValue()))
                        .collect(Collectors.joining(", ")) : String.valueOf(v);
                sb.append(sep).append(x.getKey().replace('_', ' ')).append(' ').append(text);
                sep = "; ";
            }
            if (m.get("source_ref") != null) sb.append(" [").append(m.get("source_ref")).append(']');
            if (m.get("note") != null) sb.append(" — ").append(m.get("note"));
            return sb.toString();
        }
    }

    /**
     * {@code markets} with the disruption file {@code disruption} names, when it names one: a scenario file of one's own, read and
     * checked as lodestone simulate reads it (its problems refused at their lines, one without an equilibrium refused naming the
     * file); a name ending in .yaml that is no file is refused as one; a bundled scenario's name leaves the markets as they are.
     */
    static Markets withDisruptionFile(Markets markets, String disruption, Regime r) throws java.io.IOException {
        java.nio.file.Path own = java.nio.file.Path.of(disruption);
        if (java.nio.file.Files.isRegularFile(own)) {
            lodestone.market.Scenario sc;
            try {
                sc = lodestone.market.Scenario.load(own, r);
            } catch (ScenarioException e) {
                throw new lodestone.cli.Failures.Refused(e.problems(), "nothing was run.");
            }
            try {
                return markets.withOwn(Map.of(disruption, sc), Map.of(disruption, lodestone.regime.io.UserText.read(own)));
            } catch (IllegalArgumentException e) { // no equilibrium, or a bundled scenario's name: said at the option
                throw new IllegalArgumentException("--disruption: " + e.getMessage(), e);
            }
        }
        if (disruption.endsWith(".yaml") || disruption.endsWith(".yml")) {
            throw new IllegalArgumentException("--disruption: no scenario file " + disruption + (java.nio.file.Files.isDirectory(own)
                    ? " (it is a folder)" : "") + " (a disruption of your own is a file, docs/scenario-format.md; a bundled one is named without .yaml)");
        }
        return markets;
    }

    @Command(name = "cover", mixinStandardHelpOptions = true,
            description = "Months of import cover per mineral against the baseline market's imports, and under a disruption; comparison targets.",
            footer = {"", "Examples:", "  lodestone stockpile cover", "  lodestone stockpile cover --disruption gallium-ban --months 13",
                    "  lodestone stockpile cover --disruption my-gallium-cut.yaml --months 9 --region JP",
                    "  lodestone stockpile cover --file examples/stockpile/small-reserve.yaml --region JP --json"})
    static final class CoverCmd implements Callable<Integer> {
        @CommandLine.Mixin
        Source source = new Source();
        @Option(names = "--region", paramLabel = "CC", description = "Whose imports (default: US).")
        String region = "US";
        @Option(names = "--disruption", paramLabel = "SCENARIO", description = "A bundled market scenario that restricts exports, e.g. gallium-ban, "
                + "or a scenario file of your own on a held mineral's bundled market (baseline: gallium, with an export_quota…), as lodestone simulate runs it.")
        String disruption;
        @Option(names = "--months", paramLabel = "N", description = "How long the disruption lasts, 1 to 120 (default: 13); only with --disruption.")
        Integer months;
        @Option(names = "--start", paramLabel = "YYYY-MM-DD", description = "When it starts: the position's date (the default) or later.")
        String start;
        @Option(names = "--json", description = "Print as JSON.")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (months != null && disruption == null) {
                throw new IllegalArgumentException("--months: the length of a disruption; give --disruption too (or leave --months out)");
            }
            int m = months == null ? 13 : months;
            Regime r = RegimeOption.open(source.regime);
            Loaded l0 = source.load(r);
            StockpileFile f = l0.file();
            Position p = l0.position();
            LocalDate s = start == null ? p.asOf() : date("--start", start);
            Markets markets = disruption == null ? new Markets(r) : withDisruptionFile(new Markets(r), disruption, r);
            List<Cover.Line> lines;
            try {
                lines = Cover.of(p, markets, region.toUpperCase(Locale.ROOT), disruption, m, s, f.targets());
            } catch (ScenarioException e) {
                throw new IllegalArgumentException("--disruption: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw asOptions(e);
            }
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                // the shape GET /api/stockpiles/{name}/cover answers (it printed the lines alone, an array, where docs/api.md says
                // the API answers "as lodestone stockpile cover --json")
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("stockpile", f.id());
                out.put("as_of", String.valueOf(p.asOf()));
                out.put("region", region.toUpperCase(Locale.ROOT));
                out.put("start", s.toString());
                out.put("lines", StockpileJson.cover(lines));
                o.println(lodestone.cli.Json.write(out));
                return 0;
            }
            o.println("Import cover of " + f.name() + " for " + region.toUpperCase(Locale.ROOT) + " from " + s
                    + (disruption == null ? "" : "; disruption: " + disruption + " for " + m + " months"));
            if (lines.isEmpty()) { // (it printed the table's headers alone)
                o.println("no holdings on " + p.asOf() + (f.events().isEmpty() ? "" : " (the ledger's first event is on "
                        + f.events().get(0).date() + ")") + ": nothing to cover");
                return 0;
            }
            // a line's note (NdPr counted together, lithium as LCE) is a footnote: [k] after the mineral, the note under the table;
            // lines with the same note share its number. A line without cover (no market) says why in the row itself.
            Map<String, Integer> notes = new LinkedHashMap<>();
            for (Cover.Line l : lines) if (l.computed() && l.note() != null) notes.putIfAbsent(l.note(), notes.size() + 1);
            o.printf("%-17s %12s %14s %8s %12s   %s%n", "mineral", "held (kg)", "imports kg/mo", "months", "runs out", "under the disruption");
            for (Cover.Line l : lines) {
                if (!l.computed()) {
                    o.printf("%-17s %12s   %s%n", l.mineral(), l.holdingKg().stripTrailingZeros().toPlainString(), l.note());
                    continue;
                }
                String dis = l.disruption() == null ? "" : l.monthsUnderDisruption() == null ? "no shortfall"
                        : num(l.monthsUnderDisruption()) + " months of the shortfall (" + num(l.shortfallKgPerMonth()) + " kg/mo): "
                        + (l.lastsTheDisruption() ? "lasts the disruption" : "runs out " + l.runsOutUnderDisruption());
                String mineral = l.note() == null ? l.mineral() : l.mineral() + " [" + notes.get(l.note()) + "]";
                o.printf("%-17s %12s %14s %8s %12s   %s%n", mineral, l.holdingKg().stripTrailingZeros().toPlainString(), num(l.monthlyImportsKg()),
                        l.months() == null ? "—" : num(l.months()), l.runsOut() == null ? "—" : l.runsOut(), dis);
                for (Cover.TargetLine t : l.targets()) {
                    o.printf("%-17s   %s: %s kg (%s months) — %s%n", "", t.label(), num(t.holdingNeededKg()), num(t.months()), t.met() ? "met" : "not met");
                }
            }
            if (!notes.isEmpty()) {
                o.println();
                o.println("notes:");
                for (Map.Entry<String, Integer> e : notes.entrySet()) {
                    String which = lines.stream().filter(l -> l.computed() && e.getKey().equals(l.note())).map(Cover.Line::mineral).collect(Collectors.joining(", "));
                    o.println("  [" + e.getValue() + "] " + which + ": " + e.getKey());
                }
            }
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = {"A coordinated release in a disruption: the stockpile and its allies (each assumed to hold its target, labelled) share "
                    + "the release by a rule; the release path goes to the market engine as its stockpile instrument; prices without and with "
                    + "the release, and the release's book cost and proceeds."},
            footer = {"", "Examples:", "  lodestone stockpile release --mineral gallium --disruption gallium-ban --months 13 --rule imports",
                    "  lodestone stockpile release --mineral gallium --disruption gallium-ban --rule holdings --ally JP=60 --total-kg 30000",
                    "  lodestone stockpile release --mineral gallium --disruption gallium-ban --ally none --json"})
    static final class Release implements Callable<Integer> {
        @CommandLine.Mixin
        Source source = new Source();
        @Option(names = "--mineral", required = true, paramLabel = "MINERAL", description = "e.g. gallium")
        String mineral;
        @Option(names = "--disruption", required = true, paramLabel = "SCENARIO", description = "A bundled scenario, e.g. gallium-ban, or a "
                + "scenario file of your own on the mineral's bundled market (baseline: cobalt, with an export_quota…), as lodestone simulate runs it.")
        String disruption;
        @Option(names = "--months", paramLabel = "N", description = "Months the release lasts, 1 to 120 (default: 13).")
        int months = 13;
        @Option(names = "--start", paramLabel = "YYYY-MM-DD", description = "First month: the position's date (the default) or later.")
        String start;
        @Option(names = "--rule", paramLabel = "RULE", description = "imports, holdings or contributions (default: imports).")
        CoordinatedRelease.Rule rule = CoordinatedRelease.Rule.IMPORTS;
        @Option(names = "--total-kg", paramLabel = "KG", description = "Total to release, in kg (the API's total_kg; default: the import "
                + "shortfall over the months, up to the holdings).")
        BigDecimal total;
        @Option(names = "--country", paramLabel = "CC", description = "The stockpile's country (default: US).")
        String country = "US";
        @Option(names = "--ally", paramLabel = "CC=DAYS", description = "An ally holding DAYS of its imports (default: the ledger's targets, e.g. JP=60, KR=100). Repeatable; --ally none for no allies.")
        List<String> allies;
        @Option(names = "--json", description = "Print as JSON.")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Regime r = RegimeOption.open(source.regime);
            Loaded l0 = source.load(r);
            StockpileFile f = l0.file();
            Position p = l0.position();
            Map<String, Integer> ally = new LinkedHashMap<>();
            if (allies == null) {
                for (StockpileFile.Target t : f.targets()) if (t.country() != null) ally.put(t.country(), t.days());
            } else if (!(allies.size() == 1 && allies.get(0).equals("none"))) {
                for (String a : allies) {
                    String[] kv = a.split("=", -1);
                    if (kv.length != 2 || kv[0].isBlank() || !kv[1].strip().matches("[0-9]{1,5}")) {
                        throw new IllegalArgumentException("--ally: '" + a + "' is not CC=DAYS with a whole number of days (e.g. JP=60)");
                    }
                    if (ally.put(kv[0].strip().toUpperCase(Locale.ROOT), Integer.parseInt(kv[1].strip())) != null) {
                        throw new IllegalArgumentException("--ally: " + kv[0].strip().toUpperCase(Locale.ROOT) + " is given twice");
                    }
                }
            }
            Markets markets = withDisruptionFile(new Markets(r), disruption, r);
            CoordinatedRelease.Result res;
            try {
                LocalDate s = start == null ? p.asOf() : date("--start", start);
                Cover.checkStart(s, p.asOf());
                List<CoordinatedRelease.Participant> ps = CoordinatedRelease.withAllies(p, mineral, country.toUpperCase(Locale.ROOT), markets, ally);
                res = CoordinatedRelease.run(new CoordinatedRelease.Plan(mineral, disruption, months, s, total, rule, ps), markets);
            } catch (ScenarioException e) {
                throw new IllegalArgumentException("--disruption: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw asOptions(e);
            }
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.println(lodestone.cli.Json.write(StockpileJson.release(res)));
                return 0;
            }
            o.println("Coordinated release of " + mineral + " in " + disruption + " over " + months + " months from " + res.start()
                    + ", shared pro rata to " + rule.name().toLowerCase(Locale.ROOT));
            o.printf("%-18s %7s %8s %14s %16s %16s  %s%n", "participant", "region", "share", "release (kg)", "book cost", "proceeds", "holding basis");
            for (CoordinatedRelease.Share s : res.shares()) {
                o.printf("%-18s %7s %7.1f%% %14s %16s %16s  %s%n", s.id(), s.region(), s.share() * 100, num(s.quantityKg()),
                        Money.usdWhole(s.bookCost()), Money.usdWhole(s.proceeds()), s.basis());
            }
            o.println();
            o.printf("%-8s %14s %18s %16s%n", "region", "baseline", "without release", "with release");
            for (CoordinatedRelease.RegionPrice rp : res.pricesUsdPerKg()) {
                o.printf("%-8s %14.2f %18.2f %16.2f   USD/kg%n", rp.region(), rp.baseline(), rp.withoutRelease(), rp.withRelease());
            }
            o.println();
            o.printf("released %s kg of %s requested; book cost %s, proceeds %s, net %s%n", num(res.totalReleasedKg()),
                    num(res.totalRequestedKg()), Money.usdWhole(res.bookCost()), Money.usdWhole(res.proceeds()), Money.usdWhole(res.net()));
            for (String w : res.warnings()) o.println("  ! " + w);
            return 0;
        }
    }
}
