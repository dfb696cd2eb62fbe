package lodestone.cli;

import lodestone.regime.Regime;
import lodestone.regime.agreement.Agreement;
import lodestone.regime.agreement.Commitment;
import lodestone.regime.agreement.Deadline;
import lodestone.regime.agreement.Source;
import lodestone.regime.mineral.Commodity;
import lodestone.regime.mineral.ContentBasis;
import lodestone.regime.mineral.Mineral;
import lodestone.regime.io.YNode;
import lodestone.regime.mineral.MineralProduct;
import lodestone.regime.geo.CountryGroup;
import lodestone.regime.geo.Geography;
import lodestone.regime.view.GroupViews;
import lodestone.regime.view.MineralViews;
import lodestone.regime.view.RegimeViews;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lodestone regime agreements} and {@code lodestone regime minerals} and {@code lodestone regime groups}: browse the regime's facts. */
final class RegimeBrowseCommands {
    private RegimeBrowseCommands() {
    }

    @Command(name = "agreements", mixinStandardHelpOptions = true,
            description = {"Lists the agreements, frameworks and programmes of the regime with their status and dates; with "
                    + "an ID, shows one: parties, deadlines (with due dates resolved), and its commitments by category, each "
                    + "with its source."},
            footer = {"", "Examples:", "  lodestone regime agreements", "  lodestone regime agreements us-gt-art",
                    "  lodestone regime agreements plurilateral-illustrative --regime bundled:plurilateral --json"})
    static final class Agreements implements Callable<Integer> {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "An agreement id (default: list them all).")
        String id;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Mixin
        RegimeOption regimeOption = new RegimeOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Regime r = regimeOption.open();
            PrintWriter o = spec.commandLine().getOut();
            if (id == null) {
                if (json) {
                    List<Map<String, Object>> all = new ArrayList<>();
                    for (Agreement a : r.agreements()) all.add(RegimeViews.agreement(a));
                    o.println(Json.write(all));
                    return 0;
                }
                if (r.agreements().isEmpty()) o.println("this regime has no agreements");
                // the id column as wide as its widest id (plurilateral-critical-minerals ran into its status)
                int idWidth = Math.max(28, r.agreements().stream().mapToInt(a -> a.id().length()).max().orElse(0));
                for (Agreement a : r.agreements()) {
                    o.printf("%-" + idWidth + "s %-14s %-28s %s%n", a.id(), status(a), a.kind() == null ? "" : YNode.spelling(a.kind()),
                            a.shortName() + dates(a));
                }
                o.println();
                o.println("Show one with: lodestone regime agreements ID");
                return 0;
            }
            Agreement a = r.agreement(id).orElseThrow(() -> new Failures.UserError(Failures.REFUSED, "unknown agreement '" + id
                    + "'; known: " + String.join(", ", r.agreements().stream().map(Agreement::id).toList())));
            if (json) {
                o.println(Json.write(RegimeViews.agreementDetail(a)));
                return 0;
            }
            o.println(a.name() + (a.illustrative() ? "   [ILLUSTRATIVE — NOT LAW]" : ""));
            o.println("id " + a.id() + " · " + (a.kind() == null ? "" : YNode.spelling(a.kind())) + " · status " + status(a));
            o.println("parties: " + String.join(", ", a.parties()) + (a.buildsOn().isEmpty() ? "" : " · builds on " + String.join(", ", a.buildsOn())));
            a.dates().forEach((k, v) -> o.println("  " + k + ": " + v));
            if (!a.deadlines().isEmpty()) {
                o.println("Deadlines:");
                for (Deadline d : a.deadlines()) {
                    LocalDate due = d.due(a);
                    o.printf("  %-12s %-8s %s%s%n", due == null ? "(pending)" : due.toString(), YNode.spelling(d.status()),
                            d.what(), d.afterEvent() == null ? "" : " (" + d.afterDays() + " days after " + d.afterEvent() + ")");
                }
            }
            Map<Commitment.Category, List<Commitment>> byCat = new LinkedHashMap<>();
            for (Commitment c : a.commitments()) byCat.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c);
            if (!byCat.isEmpty()) o.println("Commitments:");
            byCat.forEach((cat, cs) -> {
                o.println("  " + (cat == null ? "(uncategorised)" : YNode.spelling(cat)));
                for (Commitment c : cs) {
                    o.println("    - [" + c.party() + "] " + c.text());
                    if (c.source() != null) o.println("      source: " + c.source());
                }
            });
            if (!a.sources().isEmpty()) {
                o.println("Sources:");
                for (Source s : a.sources()) o.println("  " + s);
            }
            if (a.note() != null) o.println("Note: " + a.note());
            return 0;
        }

        private static String status(Agreement a) {
            return a.status() == null ? "" : YNode.spelling(a.status());
        }

        private static String dates(Agreement a) {
            StringBuilder sb = new StringBuilder();
            a.dates().forEach((k, v) -> sb.append(sb.isEmpty() ? " (" : ", ").append(k).append(' ').append(v));
            return sb.isEmpty() ? "" : sb.append(')').toString();
        }

    }

    @Command(name = "minerals", mixinStandardHelpOptions = true,
            description = {"Lists the 60 minerals of the 2025 US List of Critical Minerals and the covered value chains; with "
                    + "an ID (a mineral of the list such as neodymium, or a value chain such as rare-earths), shows the mineral's "
                    + "facts and the value chains that span it: their products along the chain with their HTS codes and the "
                    + "content basis a duty or floor is measured on."},
            footer = {"", "Examples:", "  lodestone regime minerals", "  lodestone regime minerals rare-earths",
                    "  lodestone regime minerals neodymium --json"})
    static final class Minerals implements Callable<Integer> {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "A mineral of the list or a value chain id.")
        String id;

        @Option(names = "--json", description = "Print JSON: every mineral's summary, or the mineral or value chain with its products.")
        boolean json;

        @CommandLine.Mixin
        RegimeOption regimeOption = new RegimeOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Regime r = regimeOption.open();
            PrintWriter o = spec.commandLine().getOut();
            var m = r.minerals();
            if (id == null) {
                if (json) {
                    o.println(Json.write(MineralViews.list(m)));
                    return 0;
                }
                o.println("Critical minerals (2025 US list, 90 FR 50494): " + m.minerals().size());
                StringBuilder line = new StringBuilder("  ");
                for (Mineral x : m.minerals()) {
                    String s = x.name() + (x.newIn2025() ? "*" : "");
                    if (line.length() + s.length() > 100) {
                        o.println(line.toString().stripTrailing());
                        line = new StringBuilder("  ");
                    }
                    line.append(s).append(", ");
                }
                if (line.length() > 2) o.println(line.substring(0, line.length() - 2));
                o.println("  (* added by the 2025 list)");
                o.println();
                o.println("Content bases:");
                for (ContentBasis b : m.bases()) o.printf("  %-8s %-36s per %s%n", b.id(), b.name(), b.unit().code());
                o.println();
                o.println("Covered value chains (show one, or a mineral, with: lodestone regime minerals ID):");
                for (Commodity c : m.commodities()) o.printf("  %-16s %-28s %d products%n", c.id(), c.name(), c.products().size());
                return 0;
            }
            Map<String, Object> d = MineralViews.detail(m, id)
                    .orElseThrow(() -> new Failures.UserError(Failures.REFUSED, MineralViews.unknown(m, id)));
            if (json) {
                o.println(Json.write(d));
                return 0;
            }
            Mineral x = m.mineral(id).orElse(null);
            if (x != null) {
                o.println(x.name() + (x.symbol() == null || x.symbol().isBlank() ? "" : " (" + x.symbol() + ")")
                        + (x.family() == null || x.family().isBlank() ? "" : " — " + x.family()));
                o.println("  on the 2022 list: " + (x.on2022List() ? "yes" : "no") + " · added by the 2025 list: " + (x.newIn2025() ? "yes" : "no"));
                if (x.basisForAddition() != null && !x.basisForAddition().isBlank()) o.println("  basis for addition: " + x.basisForAddition());
                if (Boolean.FALSE.equals(x.inDraft2025())) o.println("  on the 2025 draft list: no");
                if (x.note() != null) o.println("  note: " + x.note());
            }
            List<Commodity> chains = new ArrayList<>();
            m.commodity(id).ifPresent(chains::add);
            for (Commodity c : m.commodities()) if (!chains.contains(c) && c.minerals().contains(id)) chains.add(c);
            if (chains.isEmpty()) o.println("  no covered value chain spans it");
            for (Commodity c : chains) {
                if (x != null) o.println();
                o.println(c.name() + " — minerals: " + String.join(", ", c.minerals()));
                for (MineralProduct p : c.products()) {
                    o.printf("  %-14s %-40s basis %-6s HTS %s%n", p.stage() == null ? "" : YNode.spelling(p.stage()), p.name(),
                            p.contentBasis() == null ? "—" : p.contentBasis(), String.join(", ", p.hts()));
                    if (p.note() != null) o.println("                 " + p.note());
                    if (p.source() != null) {
                        o.println("                 source: " + p.source().title() + (p.source().url() == null ? "" : " " + p.source().url()));
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "groups", mixinStandardHelpOptions = true,
            description = {"Lists the regime's country groups (EU27, CAFTA-DR, USMCA, the plurilateral club of an overlay…) with "
                    + "their members; with an ID, shows one group. With --date, the members on that date; without, every "
                    + "membership window (from and to inclusive; an open end is shown as 'open', an unknown start as '…')."},
            footer = {"", "Examples:", "  lodestone regime groups", "  lodestone regime groups CAFTA-DR",
                    "  lodestone regime groups CAFTA-DR --date 2006-05-01",
                    "  lodestone regime groups --regime bundled:plurilateral --date 2026-12-01 --json"})
    static final class Groups implements Callable<Integer> {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "A group id (default: every group).")
        String id;

        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Only the members on this date (default: every membership window).")
        String dateText;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Mixin
        RegimeOption regimeOption = new RegimeOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Regime r = regimeOption.open();
            PrintWriter o = spec.commandLine().getOut();
            Geography g = r.geography();
            LocalDate date = dateText == null ? null : RegimeCommand.parseDate("--date", dateText);
            if (id == null) {
                List<Map<String, Object>> all = GroupViews.list(r, date);
                if (json) {
                    o.println(Json.write(all));
                    return 0;
                }
                if (all.isEmpty()) o.println("this regime has no country groups");
                for (String w : GroupViews.warnings(r, date)) o.println("! " + w);
                for (Map<String, Object> x : all) {
                    o.printf("%-24s %3d %-9s %s%n", x.get("id"), (Integer) x.get("member_count"),
                            date == null ? "ever" : "on " + date, x.get("name"));
                }
                o.println();
                o.println("Show one with: lodestone regime groups ID [--date YYYY-MM-DD]");
                return 0;
            }
            CountryGroup cg = g.group(id).orElseThrow(() -> new Failures.UserError(Failures.REFUSED, GroupViews.unknown(g, id)));
            Map<String, Object> x = GroupViews.group(r, cg, date);
            if (json) {
                o.println(Json.write(x));
                return 0;
            }
            o.println(cg.name() + " (" + cg.id() + ")");
            if (cg.description() != null) o.println("  " + cg.description().strip());
            if (cg.source() != null) o.println("  source: " + cg.source());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> members = (List<Map<String, Object>>) x.get("members");
            for (String w : GroupViews.warnings(r, date)) o.println("! " + w);
            o.println((date == null ? "Memberships: " : "Members on " + date + ": ") + members.size());
            for (Map<String, Object> mm : members) {
                String from = mm.get("from") == null ? "…" : (String) mm.get("from");
                String to = mm.get("to") == null ? "open" : (String) mm.get("to");
                o.printf("  %-3s %-32s %s → %s%n", mm.get("country"), mm.get("name") == null ? "" : mm.get("name"), from, to);
            }
            return 0;
        }
    }
}
