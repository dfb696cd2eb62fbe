package lodestone.cli;

import lodestone.regime.Regime;
import lodestone.regime.view.RegimeViews;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lodestone regime info}: version, horizon, sources and counts of a regime. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Prints a regime's id, version, its horizon — the first date it covers, the date through which "
                + "its facts were checked, the oldest exchange rate it uses without a warning — every source with the "
                + "date its content reaches, and counts of what it holds. Assessments dated past the horizon carry a warning."},
        footer = {"", "Examples:", "  lodestone regime info", "  lodestone regime info --regime bundled:plurilateral --json"})
final class RegimeInfoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON (the same object as GET /api/regime's 'info').")
    boolean json;

    @CommandLine.Mixin
    RegimeOption regimeOption = new RegimeOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        Regime r = regimeOption.open();
        Map<String, Object> info = RegimeViews.info(r);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(Json.write(info));
            return 0;
        }
        Map<String, Object> h = (Map<String, Object>) info.get("horizon");
        o.println(r.id() + " — " + r.title());
        o.println("version " + (r.version().isEmpty() ? "(none)" : r.version()) + ", loaded from " + r.origin());
        if (Boolean.TRUE.equals(h.get("declared"))) {
            o.println("horizon: covers entries from " + orNone(h.get("covers_from")) + "; facts checked through "
                    + h.get("checked_through") + " — later entry dates are answered with a warning");
            o.println("exchange rates: latest " + orNone(h.get("fx_latest")) + "; a rate older than " + h.get("fx_max_age_days")
                    + " days at the entry date is used with a warning");
        } else {
            o.println("horizon: not declared (no warnings about dates past the data)");
        }
        List<Map<String, Object>> sources = (List<Map<String, Object>>) h.get("sources");
        if (!sources.isEmpty()) {
            o.println("sources:");
            for (Map<String, Object> s : sources) {
                o.printf("  %-10s %-24s %s%s%n", s.get("date"), s.get("id"), s.get("title"),
                        s.get("note") == null ? "" : " (" + s.get("note") + ")");
            }
        }
        RegimeCommand.printGaps(o, r.horizon().gaps(), "");
        lodestone.regime.DeMinimis dm = r.horizon().deMinimis();
        if (dm != null) { // stated, not modelled: a line of at most the threshold before its origin's end is warned of it
            List<String> ends = new java.util.ArrayList<>();
            for (var e : dm.ends()) {
                ends.add((e.origins().isEmpty() ? "every origin" : String.join(", ", e.origins())) + " from " + e.from() + " (" + e.source() + ")");
            }
            o.println("Section 321 de minimis (" + dm.legalBase() + "), not modelled — a line owing duty worth no more than $"
                    + String.format(java.util.Locale.ROOT, "%,.2f", dm.atMostUsd()) + " entered before its end is warned of it; ended: "
                    + (ends.isEmpty() ? "no end stated" : String.join("; ", ends)));
        }
        o.println("counts:");
        Map<String, Object> c = (Map<String, Object>) info.get("counts");
        c.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                o.println("  " + k.replace('_', ' ') + ":");
                m.forEach((kk, vv) -> o.printf("    %-22s %,d%n", kk, (Integer) vv));
            } else {
                o.printf("  %-24s %,d%n", k.replace('_', ' '), (Integer) v);
            }
        });
        // what an entry may declare (--production-region, --end-use): the codes, so a user need not guess them
        if (!r.regions().isEmpty()) {
            o.println("production regions (ISO 3166-2; --production-region):");
            o.println("  " + String.join(", ", r.regions().stream().map(g -> g.code() + " " + g.name()).toList()));
        }
        if (!r.endUses().isEmpty()) {
            o.println("end uses (--end-use):");
            for (var u : r.endUses()) o.println("  " + u.code() + " — " + u.title());
        }
        if (!r.documents().isEmpty()) {
            o.println("documents the measures name (--document; any other changes nothing):");
            r.documents().forEach((code, ids) -> o.println("  " + code + " — " + String.join(", ", ids)));
        }
        return 0;
    }

    private static Object orNone(Object o) {
        return o == null ? "(not stated)" : o;
    }
}
