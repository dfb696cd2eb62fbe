package lodestone.cli.market;

import lodestone.cli.RegimeOption;
import lodestone.market.PathResult;
import lodestone.market.Scenario;
import lodestone.market.ScenarioException;
import lodestone.market.Target;
import lodestone.regime.Regime;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the path commands (simulate with a horizon, montecarlo, seek, sensitivity) share: loading, printing, CSV. */
final class PathCommands {
    private PathCommands() {
    }

    /** A scenario file or bundled name, checked against the regime; null after printing every problem (exit 2). */
    static Scenario load(String scenario, String regime, PrintWriter err) {
        try {
            return read(scenario, RegimeOption.open(regime));
        } catch (ScenarioException e) {
            problems(err, e.problems());
            return null;
        }
    }

    /**
     * The scenario a command's argument names: {@code -} standard input (a script's generated YAML; a {@code baseline:}
     * then in the current directory, else among the bundled markets), else a file, else a bundled scenario's name.
     */
    public static Scenario read(String scenario, Regime r) throws ScenarioException {
        if (scenario.equals("-")) {
            String text;
            try {
                text = lodestone.cli.StandardInput.readString(Path.of(scenario));
            } catch (java.io.IOException e) {
                throw new ScenarioException(List.of("standard input: cannot be read (" + e.getMessage() + ")"));
            }
            return Scenario.parse(text, "standard input", Path.of(""), r);
        }
        Path p = Path.of(scenario);
        return Files.exists(p) ? Scenario.load(p, r) : Scenario.bundled(scenario, r);
    }

    static void problems(PrintWriter err, List<String> problems) {
        for (String problem : problems) err.println(problem);
        err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + "; nothing was run.");
        err.flush();
    }

    /** The metrics shown by default: every region's price, then the club's and the market's figures. */
    static List<String> defaultMetrics(Scenario s, PathResult p) {
        List<String> m = new ArrayList<>();
        for (String r : s.regionIds()) m.add("price[" + r + "]");
        for (String k : List.of("club_supply_share", "non_member_share", "hhi", "levy_revenue", "subsidy_outlay", "holdings",
                "cumulative_fiscal_cost", "project_capacity")) {
            if (p.metrics().contains(k)) m.add(k);
        }
        // a release the market would not take at price 0 (kept in the stockpile) is shown in the years it happened
        if (p.years().stream().anyMatch(y -> y.metrics().getOrDefault("stock_unsold", 0.0) > 0)) {
            int at = m.indexOf("holdings");
            if (at < 0) m.add("stock_unsold");
            else m.add(at + 1, "stock_unsold");
        }
        return m;
    }

    /** The path as a table: one row a year, the default metrics as columns, then the projects built. */
    /**
     * A path metric's unit, as the web page names it (paths.js metricUnit): money (price × quantity) for the fiscal figures, the
     * price unit for prices, the quantity unit for quantities; "" for a share, an index or a count.
     */
    static String metricUnit(String metric, Scenario s) {
        String m = metric.replaceAll("\\[.*$", "");
        if (m.equals("price")) return s.priceUnit();
        if (List.of("production", "consumption", "net_imports", "holdings", "stock_unsold", "project_capacity").contains(m)) return s.quantityUnit();
        if (List.of("fiscal_cost", "cumulative_fiscal_cost", "levy_revenue", "subsidy_outlay", "tariff_revenue", "stock_sales",
                "stock_purchases").contains(m)) return lodestone.market.ScenarioReport.moneyUnit(s.priceUnit(), s.quantityUnit());
        return "";
    }

    static void pathTable(PrintWriter out, Scenario s, PathResult p) {
        int[] ys = s.years();
        out.printf(Locale.ROOT, "%s — %s, %d–%d (quantities in %s, prices in %s, money in %s: %s × %s)%n", s.name(), s.product(), ys[0],
                ys[1], s.quantityUnit(), s.priceUnit(), lodestone.market.ScenarioReport.moneyUnit(s.priceUnit(), s.quantityUnit()),
                s.priceUnit(), s.quantityUnit());
        if (!s.policies().isEmpty()) out.println("policies: " + String.join("; ", s.policies()));
        out.println("expectations: " + p.expectations().describe());
        out.println();
        List<String> cols = defaultMetrics(s, p);
        // each column as wide as its header or its widest value: a metric's name is never cut
        int[] w = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            w[i] = Math.max(14, cols.get(i).length());
            for (PathResult.Year y : p.years()) w[i] = Math.max(w[i], SimulateCommand.num(y.metrics().getOrDefault(cols.get(i), Double.NaN)).length());
        }
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-6s", "year"));
        for (int i = 0; i < cols.size(); i++) h.append(' ').append(" ".repeat(w[i] - cols.get(i).length())).append(cols.get(i));
        out.println(h);
        for (PathResult.Year y : p.years()) {
            StringBuilder r = new StringBuilder(String.format(Locale.ROOT, "%-6d", y.year()));
            for (int i = 0; i < cols.size(); i++) {
                String v = SimulateCommand.num(y.metrics().getOrDefault(cols.get(i), Double.NaN));
                r.append(' ').append(" ".repeat(w[i] - v.length())).append(v);
            }
            out.println(r);
        }
        boolean any = false;
        for (PathResult.Year y : p.years()) {
            for (String b : y.projectsBuilt()) {
                if (!any) {
                    out.println();
                    out.println("projects built:");
                    any = true;
                }
                out.println("  " + y.year() + "  " + b);
            }
        }
        if (!any) {
            out.println();
            out.println("projects built: none");
        }
        out.println();
        for (String warning : p.warnings()) out.println("warning: " + warning);
        out.printf(Locale.ROOT, "solver: %d certified equilibria (spans of months), %d pivots%n", p.solves(), p.pivots());
    }

    /** path.csv: year and every metric; projects.csv: year, project and reason. */
    static void pathCsv(Path dir, PathResult p) throws IOException {
        Files.createDirectories(dir);
        List<String> cols = p.metrics();
        StringBuilder b = new StringBuilder("year");
        for (String c : cols) b.append(',').append(SimulateCommand.cell(c));
        b.append('\n');
        for (PathResult.Year y : p.years()) {
            b.append(y.year());
            for (String c : cols) b.append(',').append(y.metrics().getOrDefault(c, Double.NaN));
            b.append('\n');
        }
        lodestone.cli.Replacement.write(dir.resolve("path.csv"), b.toString());
        StringBuilder pr = new StringBuilder("year,project\n");
        for (PathResult.Year y : p.years()) for (String s : y.projectsBuilt()) pr.append(y.year()).append(',').append(SimulateCommand.cell(s)).append('\n');
        lodestone.cli.Replacement.write(dir.resolve("projects.csv"), pr.toString());
    }

    /**
     * Progress on the error stream: on a terminal a bar redrawn in place ([#####.....] 52 %); into a pipe, a file or a CI
     * log (where carriage returns pile up as one unreadable line) a plain line at each tenth, with the time left.
     */
    static final class Progress {
        private final PrintWriter err;
        private final String label;
        private final boolean bar;
        private final long t0 = System.nanoTime();
        private long printed;
        private int shown = -1;

        Progress(PrintWriter err, String label) {
            this(err, label, lodestone.cli.Terminal.isInteractive());
        }

        Progress(PrintWriter err, String label, boolean bar) {
            this.err = err;
            this.label = label;
            this.bar = bar;
        }

        /**
         * The bar at each whole percent, and at least every 2 s with the time left at the pace so far — a run of months
         * says so within seconds (reported by a review: 2·10⁹ draws started with no estimate, its bar never moving).
         */
        synchronized void update(double done) {
            int pct = (int) Math.floor(100 * Math.min(1, done));
            long now = System.nanoTime();
            String left = done > 0 && done < 1 && now - t0 > 1_000_000_000L ? ", about " + duration((now - t0) * (1 - done) / done) + " left" : "";
            if (!bar) {
                // a line at each tenth, and one within the first seconds of a long run (so a run of months says so early)
                int tenth = pct / 10 * 10;
                if (shown >= 0 ? tenth == shown : tenth == 0 && left.isEmpty() && pct < 100) return;
                shown = tenth;
                err.println(label + ": " + pct + " %" + left);
                err.flush();
                return;
            }
            if (pct == shown && now - printed < 2_000_000_000L) return;
            shown = pct;
            printed = now;
            int filled = pct / 5;
            err.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(20 - filled) + "] " + pct + " %" + left + "    ");
            if (pct >= 100) err.println();
            err.flush();
        }

        /** A duration in words: seconds, minutes, hours or days. */
        static String duration(double nanos) {
            double s = nanos / 1e9;
            if (s < 120) return Math.round(s) + " s";
            if (s < 120 * 60) return Math.round(s / 60) + " min";
            if (s < 48 * 3600) return Math.round(s / 3600) + " h";
            return String.format(java.util.Locale.ROOT, "%,d days", Math.round(s / 86400));
        }
    }

    /** Parses "METRIC(YEAR) OP X", or prints the problem and returns null. */
    static Target target(String text, PrintWriter err) {
        try {
            return Target.parse(text);
        } catch (ScenarioException e) {
            problems(err, e.problems());
            return null;
        }
    }

    static String json(Map<String, Object> m) throws IOException {
        return lodestone.cli.Json.write(m);
    }
}
