package lodestone.market;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenario's {@code horizon:} and {@code uncertainty:} sections (docs/scenario-format.md, "Years"),
 * reporting each problem through the scenario's reader with its line and field, so that a malformed horizon,
 * path, distribution or parameter name stops the file before anything runs. One mistake is one error: a
 * parameter or path that names an entry refused for its own problem (a project, stockpile, ban or policy with
 * a mistyped value, or unreadable years for {@code demand_shock.YEAR}) is not also called unknown.
 */
final class HorizonReader {
    private static final List<String> KEYS = List.of("years", "demand_growth", "supply_growth", "depletion", "recycling_lag",
            "discount_rate", "expectations", "paths", "bans", "stockpiles", "projects", "note", "source");
    private final ScenarioReader r;
    private final List<String> ids;
    private final List<Policy> policies;
    private final int n;
    private final java.util.Set<String> refusedProjects = new java.util.HashSet<>();
    private final java.util.Set<String> refusedStockpiles = new java.util.HashSet<>();
    private boolean unnamedProjectRefused;
    private boolean unnamedStockpileRefused;
    private boolean banRefused;
    private boolean yearsRefused;

    HorizonReader(ScenarioReader r, List<String> ids, List<Policy> policies, List<Region> regions) {
        this.r = r;
        this.ids = ids;
        this.policies = policies;
        this.n = regions.size();
    }

    Horizon read(Node node, Node uncertainty) {
        Map<String, Node> h = r.map(node, "horizon", KEYS);
        if (h == null) return null;
        int[] years = years(h.get("years"), node);
        yearsRefused = years == null;
        double[] defaults = new double[1];
        double[] dg = rates(h.get("demand_growth"), "horizon.demand_growth", -0.5, 1, defaults);
        double dgDefault = defaults[0];
        defaults[0] = 0;
        double[] sg = rates(h.get("supply_growth"), "horizon.supply_growth", -0.5, 1, defaults);
        double sgDefault = defaults[0];
        double[] dep = rates(h.get("depletion"), "horizon.depletion", 0, 1, new double[1]);
        int lag = 0;
        if (h.containsKey("recycling_lag")) {
            Double v = r.number(h.get("recycling_lag"), "horizon.recycling_lag", 1, 50);
            // whole years, as a project's lead_time (2.5 was read as 2 without a word)
            if (v != null && v != Math.rint(v)) r.problem(h.get("recycling_lag"), "horizon.recycling_lag", "expected whole years, found " + v);
            else if (v != null) lag = v.intValue();
        }
        double dr = 0.08;
        if (h.containsKey("discount_rate")) {
            Double v = r.number(h.get("discount_rate"), "horizon.discount_rate", 0, 1);
            if (v != null) dr = v;
        }
        boolean foresight = false;
        if (h.containsKey("expectations")) {
            String e = r.scalar(h.get("expectations"), "horizon.expectations");
            if (e != null && !e.equals("myopic") && !e.equals("perfect-foresight")) {
                r.problem(h.get("expectations"), "horizon.expectations", "expected myopic or perfect-foresight, found '" + e + "'");
            }
            foresight = "perfect-foresight".equals(e);
        }
        int from = years == null ? 0 : years[0];
        int to = years == null ? 0 : years[1];
        List<Horizon.PolicyPath> paths = paths(h.get("paths"), from, to);
        List<Horizon.Ban> bans = bans(h.get("bans"), from, to);
        List<Horizon.StockRule> stocks = stockpiles(h.get("stockpiles"), from, to);
        List<Horizon.Project> projects = projects(h.get("projects"), from, to);
        Horizon partial = new Horizon(from, to, dg, sg, dep, lag, dr, paths, bans, stocks, projects, List.of(), foresight, dgDefault, sgDefault);
        List<Horizon.Uncertain> unc = uncertainty(uncertainty, partial);
        if (years == null) return null;
        return new Horizon(from, to, dg, sg, dep, lag, dr, paths, bans, stocks, projects, unc, foresight, dgDefault, sgDefault);
    }

    private int[] years(Node node, Node owner) {
        if (node == null) {
            r.missing(owner, "horizon.years", "the first and last year, e.g. 2025-2040");
            return null;
        }
        String t = r.scalar(node, "horizon.years");
        if (t == null) return null;
        String[] p = t.split("-");
        try {
            if (p.length == 2) {
                int a = Integer.parseInt(p[0].strip());
                int b = Integer.parseInt(p[1].strip());
                if (a >= 1900 && b <= 2200 && a <= b && b - a < 100) return new int[]{a, b};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        // a dash a word processor put in (2025–2035) is not the hyphen the format asks for: said, as it does not show
        String dash = t.matches("\\s*\\d{4}\\s*[\u2010-\u2015\u2212]\\s*\\d{4}\\s*") ? "; the years are joined by a dash ('"
                + t.replaceAll("[\\d\\s]", "") + "'), write a hyphen '-'" : "";
        r.problem(node, "horizon.years", "expected FIRST-LAST years, e.g. 2025-2040 (at most 100 years, FIRST ≤ LAST), found '" + t + "'" + dash);
        return null;
    }

    /**
     * A rate for every region: a number (all regions) or {default: x, REGION: y, ...}. {@code global[0]} receives
     * the scenario's rate for all regions (the number, or {@code default}; 0 when neither is given).
     */
    private double[] rates(Node node, String field, double min, double max, double[] global) {
        double[] out = new double[n];
        if (node == null) return out;
        if (node instanceof ScalarNode) {
            Double v = r.number(node, field, min, max);
            if (v != null) {
                java.util.Arrays.fill(out, v);
                global[0] = v;
            }
            return out;
        }
        Map<String, Node> m = r.map(node, field, null);
        if (m == null) return out;
        if (m.containsKey("default")) {
            Double v = r.number(m.get("default"), field + ".default", min, max);
            if (v != null) {
                java.util.Arrays.fill(out, v);
                global[0] = v;
            }
        }
        for (Map.Entry<String, Node> e : m.entrySet()) {
            if (e.getKey().equals("default") || e.getKey().equals("note") || e.getKey().equals("source")) continue;
            int i = ids.indexOf(e.getKey());
            if (i < 0) {
                r.problem(e.getValue(), field + "." + e.getKey(), r.unknownRegionRef(e.getKey(), ids, "; or default"));
                continue;
            }
            Double v = r.number(e.getValue(), field + "." + e.getKey(), min, max);
            if (v != null) out[i] = v;
        }
        return out;
    }

    private int year(Node node, String field, int from, int to) {
        Double v = r.number(node, field, from == 0 ? 1900 : from, from == 0 ? 2200 : to);
        if (v == null) return Integer.MIN_VALUE;
        if (v != Math.rint(v)) {
            r.problem(node, field, "expected a whole year, found " + v);
            return Integer.MIN_VALUE;
        }
        return v.intValue();
    }

    private List<Horizon.PolicyPath> paths(Node node, int from, int to) {
        List<Horizon.PolicyPath> out = new ArrayList<>();
        if (node == null) return out;
        List<Node> items = r.list(node, "horizon.paths");
        for (int k = 0; items != null && k < items.size(); k++) {
            String f = "horizon.paths[" + k + "]";
            Map<String, Node> p = r.map(items.get(k), f, List.of("policy", "tariff", "field", "values", "note", "source"));
            if (p == null) continue;
            String field = r.text(p, "field", f + ".", true, items.get(k));
            String target = null;
            if (p.containsKey("policy") == p.containsKey("tariff")) {
                r.problem(items.get(k), f, "a path names either policy: (a policy label) or tariff: {from, to}");
            } else if (p.containsKey("policy")) {
                String label = r.text(p, "policy", f + ".", true);
                Policy pol = null;
                for (Policy q : policies) if (q.label().equals(label)) pol = q;
                boolean refused = r.refusedPolicyLabels.contains(label) || r.unlabelledPolicyRefused; // its own error is reported
                if (label != null && pol == null && !refused) {
                    r.problem(p.get("policy"), f + ".policy", "no policy labelled '" + label + "' (labels: "
                            + String.join(", ", policies.stream().map(Policy::label).map(x -> "'" + x + "'").toList()) + ")");
                } else if (pol != null && field != null) {
                    List<String> ok = pol.pathFields();
                    if (!ok.contains(field)) r.problem(p.get("field"), f + ".field", "policy '" + label + "' has no path field '" + field
                            + "' (expected " + (ok.isEmpty() ? "none: it has no parameter a path can change" : String.join(" or ", ok)) + ")");
                    else target = label;
                }
            } else {
                Map<String, Node> t = r.map(p.get("tariff"), f + ".tariff", List.of("from", "to"));
                if (t != null) {
                    Integer a = r.region(t, "from", f + ".tariff", p.get("tariff"), ids);
                    Integer b = r.region(t, "to", f + ".tariff", p.get("tariff"), ids);
                    if (field != null && !field.equals("ad_valorem") && !field.equals("specific")) {
                        r.problem(p.get("field"), f + ".field", "a tariff path changes ad_valorem or specific, not '" + field + "'");
                    } else if (a != null && b != null) {
                        target = "tariff " + a + " " + b;
                    }
                }
            }
            Map<String, Node> v = p.containsKey("values") ? r.map(p.get("values"), f + ".values", null) : null;
            if (!p.containsKey("values")) r.missing(items.get(k), f + ".values", "a mapping YEAR: value, e.g. {2025: 110, 2030: 130}");
            if (v == null) continue;
            if (v.isEmpty()) r.problem(p.get("values"), f + ".values", "at least one YEAR: value is needed");
            List<int[]> ys = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            int last = Integer.MIN_VALUE;
            for (Map.Entry<String, Node> e : v.entrySet()) {
                int y;
                try {
                    y = Integer.parseInt(e.getKey());
                } catch (NumberFormatException ex) {
                    r.problem(e.getValue(), f + ".values." + e.getKey(), "expected a year as the key, found '" + e.getKey() + "'");
                    continue;
                }
                if (from != 0 && (y < from || y > to)) {
                    r.problem(e.getValue(), f + ".values." + y, "year " + y + " is outside the horizon " + from + "-" + to);
                    continue;
                }
                if (y <= last) r.problem(e.getValue(), f + ".values." + y, "years must increase (" + y + " after " + last + ")");
                last = y;
                Double x = "ad_valorem".equals(field) ? r.adValorem(e.getValue(), f + ".values." + y,
                        p.containsKey("tariff") ? "CIF value" : "export price")
                        : r.number(e.getValue(), f + ".values." + y, 0, ScenarioLimits.MAX_MAGNITUDE);
                if (x == null) continue;
                ys.add(new int[]{y});
                vs.add(x);
            }
            if (target != null && field != null && !ys.isEmpty()) {
                out.add(new Horizon.PolicyPath(target, field, ys.stream().mapToInt(a -> a[0]).toArray(),
                        vs.stream().mapToDouble(Double::doubleValue).toArray(), items.get(k).getStartMark().getLine() + 1));
            }
        }
        return out;
    }


    private List<Horizon.Ban> bans(Node node, int from, int to) {
        List<Horizon.Ban> out = new ArrayList<>();
        if (node == null) return out;
        List<Node> items = r.list(node, "horizon.bans");
        if (items == null) banRefused = true;
        for (int k = 0; items != null && k < items.size(); k++) {
            String f = "horizon.bans[" + k + "]";
            Map<String, Node> b = r.map(items.get(k), f, List.of("region", "to", "start", "months", "note", "source"));
            if (b == null) {
                banRefused = true;
                continue;
            }
            Integer reg = r.region(b, "region", f, items.get(k), ids);
            List<String> dest = b.containsKey("to") ? r.regionList(b.get("to"), f + ".to", ids) : List.of();
            int[] ym = month(b.get("start"), f + ".start", items.get(k), from, to);
            Double months = b.containsKey("months") ? r.number(b.get("months"), f + ".months", 1, 1200) : null;
            if (!b.containsKey("months")) r.missing(items.get(k), f + ".months", "the ban's length in whole months ≥ 1");
            if (months != null && months != Math.rint(months)) {
                r.problem(b.get("months"), f + ".months", "expected whole months, found " + months);
                months = null;
            }
            if (reg == null || ym == null || months == null) {
                banRefused = true;
                continue;
            }
            out.add(new Horizon.Ban(reg, dest.stream().map(ids::indexOf).toList(), ym[0], ym[1], months.intValue()));
        }
        return out;
    }

    /** YYYY-MM within the horizon. */
    private int[] month(Node node, String field, Node owner, int from, int to) {
        if (node == null) {
            r.missing(owner, field, "a month YYYY-MM within the horizon, e.g. " + from + "-07");
            return null;
        }
        String t = r.scalar(node, field);
        if (t == null) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{4})-(\\d{1,2})").matcher(t.strip());
        if (m.matches()) {
            int y = Integer.parseInt(m.group(1));
            int mo = Integer.parseInt(m.group(2));
            if (mo >= 1 && mo <= 12 && (from == 0 || (y >= from && y <= to))) return new int[]{y, mo};
        }
        r.problem(node, field, "expected a month YYYY-MM" + (from == 0 ? "" : " within the horizon " + from + "-" + to) + ", found '" + t + "'");
        return null;
    }

    private List<Horizon.StockRule> stockpiles(Node node, int from, int to) {
        List<Horizon.StockRule> out = new ArrayList<>();
        if (node == null) return out;
        List<Node> items = r.list(node, "horizon.stockpiles");
        if (items == null) unnamedStockpileRefused = true;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int k = 0; items != null && k < items.size(); k++) {
            String f = "horizon.stockpiles[" + k + "]";
            Map<String, Node> s = r.map(items.get(k), f, List.of("name", "holdings", "release", "buy", "share", "note", "source"));
            if (s == null) {
                unnamedStockpileRefused = true;
                continue;
            }
            String name = s.containsKey("name") ? r.text(s, "name", f + ".", false) : "stockpile " + (k + 1);
            // two of one name were both run, and stockpile.NAME.size scaled both
            if (name != null && !names.add(name)) {
                r.problem(s.containsKey("name") ? s.get("name") : items.get(k), f + ".name",
                        "duplicate stockpile name '" + name + "' (a parameter stockpile.NAME.size names one)");
            }
            Map<String, Node> hold = s.containsKey("holdings") ? r.map(s.get("holdings"), f + ".holdings", null) : null;
            if (!s.containsKey("holdings")) r.missing(items.get(k), f + ".holdings", "holdings by region, e.g. {US: 100, JP: 50}");
            List<Integer> regs = new ArrayList<>();
            List<Double> amounts = new ArrayList<>();
            if (hold != null) {
                for (Map.Entry<String, Node> e : hold.entrySet()) {
                    int i = ids.indexOf(e.getKey());
                    if (i < 0) {
                        r.problem(e.getValue(), f + ".holdings." + e.getKey(), r.unknownRegionRef(e.getKey(), ids, ""));
                        continue;
                    }
                    Double v = r.number(e.getValue(), f + ".holdings." + e.getKey(), 0, ScenarioLimits.MAX_MAGNITUDE);
                    if (v == null) continue;
                    regs.add(i);
                    amounts.add(v);
                }
            }
            double rate = 0;
            String during = "never";
            int rf = from;
            int rt = to;
            double trigger = Double.NaN;
            if (s.containsKey("release")) {
                Map<String, Node> rel = r.map(s.get("release"), f + ".release", List.of("rate", "during", "from", "to", "above"));
                if (rel != null) {
                    Double v = r.required(rel, "rate", f + ".release", s.get("release"), 0);
                    rate = v == null ? 0 : v;
                    int conditions = (rel.containsKey("during") ? 1 : 0) + (rel.containsKey("above") ? 1 : 0)
                            + (rel.containsKey("from") || rel.containsKey("to") ? 1 : 0);
                    if (conditions != 1) {
                        r.problem(s.get("release"), f + ".release", "a release has one condition: during: ban, above: PRICE, or from:/to: years");
                    }
                    if (rel.containsKey("during")) {
                        String d = r.text(rel, "during", f + ".release.", false);
                        if (d != null && !d.equals("ban")) r.problem(rel.get("during"), f + ".release.during", "expected ban, found '" + d + "'");
                        else during = "ban";
                    } else if (rel.containsKey("above")) {
                        Double t = r.number(rel.get("above"), f + ".release.above", 0, ScenarioLimits.MAX_MAGNITUDE);
                        if (t != null) trigger = t;
                        during = "price";
                    } else {
                        during = "years";
                        if (rel.containsKey("from")) rf = year(rel.get("from"), f + ".release.from", from, to);
                        if (rel.containsKey("to")) rt = year(rel.get("to"), f + ".release.to", from, to);
                        // years running backwards released nothing, without a word
                        if (rel.containsKey("from") && rel.containsKey("to") && rt != Integer.MIN_VALUE && rt < rf) r.problem(rel.get("to"), f + ".release.to",
                                rt + " is before from: " + rf + " (the release's years run FROM to TO)");
                    }
                }
            }
            double buy = 0;
            int bf = from;
            int bt = to;
            double upTo = Double.POSITIVE_INFINITY;
            if (s.containsKey("buy")) {
                Map<String, Node> b = r.map(s.get("buy"), f + ".buy", List.of("rate", "from", "to", "up_to"));
                if (b != null) {
                    Double v = r.required(b, "rate", f + ".buy", s.get("buy"), 0);
                    buy = v == null ? 0 : v;
                    if (b.containsKey("from")) bf = year(b.get("from"), f + ".buy.from", from, to);
                    if (b.containsKey("to")) bt = year(b.get("to"), f + ".buy.to", from, to);
                    if (b.containsKey("from") && b.containsKey("to") && bt != Integer.MIN_VALUE && bt < bf) r.problem(b.get("to"), f + ".buy.to",
                            bt + " is before from: " + bf + " (the purchases' years run FROM to TO)");
                    if (b.containsKey("up_to")) {
                        Double u = r.number(b.get("up_to"), f + ".buy.up_to", 0, ScenarioLimits.MAX_MAGNITUDE);
                        if (u != null) upTo = u;
                    }
                }
            }
            String share = "holdings";
            if (s.containsKey("share")) {
                String t = r.text(s, "share", f + ".", false);
                if (t != null && !t.equals("imports") && !t.equals("holdings")) r.problem(s.get("share"), f + ".share",
                        "a coordinated release is shared by imports or holdings, not '" + t + "'");
                else if (t != null) share = t;
            }
            if (regs.isEmpty()) {
                if (name == null) unnamedStockpileRefused = true;
                else refusedStockpiles.add(name);
                continue;
            }
            out.add(new Horizon.StockRule(name, regs.stream().mapToInt(Integer::intValue).toArray(),
                    amounts.stream().mapToDouble(Double::doubleValue).toArray(), rate, during, rf, rt, trigger, buy, bf, bt, upTo, share));
        }
        return out;
    }

    private List<Horizon.Project> projects(Node node, int from, int to) {
        List<Horizon.Project> out = new ArrayList<>();
        if (node == null) return out;
        List<Node> items = r.list(node, "horizon.projects");
        if (items == null) unnamedProjectRefused = true;
        List<String> names = new ArrayList<>();
        for (int k = 0; items != null && k < items.size(); k++) {
            String f = "horizon.projects[" + k + "]";
            Map<String, Node> p = r.map(items.get(k), f, List.of("name", "region", "capacity", "unit_cost", "capex", "lead_time",
                    "ramp_up", "life", "earliest", "note", "source"));
            if (p == null) {
                unnamedProjectRefused = true;
                continue;
            }
            String name = r.text(p, "name", f + ".", true, items.get(k));
            if (name != null && names.contains(name)) r.problem(p.get("name"), f + ".name", "duplicate project name '" + name + "'");
            names.add(name);
            Integer reg = r.region(p, "region", f, items.get(k), ids);
            Double cap = r.required(p, "capacity", f, items.get(k), 0);
            Double cost = r.required(p, "unit_cost", f, items.get(k), 0);
            Double capex = r.required(p, "capex", f, items.get(k), 0);
            Double lead = p.containsKey("lead_time") ? r.number(p.get("lead_time"), f + ".lead_time", 1, 30) : Double.valueOf(1);
            Double life = p.containsKey("life") ? r.number(p.get("life"), f + ".life", 1, 100) : Double.valueOf(20);
            // whole years, refused otherwise (reported: lead_time 2.5 was read as 2 without a word), as a ban's months are
            if (lead != null && lead != Math.rint(lead)) {
                r.problem(p.get("lead_time"), f + ".lead_time", "expected whole years, found " + lead);
                lead = null;
            }
            if (life != null && life != Math.rint(life)) {
                r.problem(p.get("life"), f + ".life", "expected whole years, found " + life);
                life = null;
            }
            int earliest = p.containsKey("earliest") ? year(p.get("earliest"), f + ".earliest", from, to) : from;
            double[] ramp = {1};
            if (p.containsKey("ramp_up")) {
                List<Node> rs = r.list(p.get("ramp_up"), f + ".ramp_up");
                if (rs != null) {
                    ramp = new double[rs.size()];
                    for (int i = 0; i < rs.size(); i++) {
                        Double v = r.number(rs.get(i), f + ".ramp_up[" + i + "]", 0, 1);
                        ramp[i] = v == null ? 0 : v;
                    }
                    if (rs.isEmpty()) {
                        r.problem(p.get("ramp_up"), f + ".ramp_up", "expected shares of capacity by year of operation, e.g. [0.3, 0.7, 1]");
                        ramp = new double[]{1};
                    }
                }
            }
            if (name == null || reg == null || cap == null || cost == null || capex == null || lead == null || life == null) {
                if (name == null) unnamedProjectRefused = true;
                else refusedProjects.add(name);
                continue;
            }
            out.add(new Horizon.Project(name, reg, cap, cost, capex, lead.intValue(), ramp, life.intValue(), earliest));
        }
        return out;
    }

    /**
     * Whether a distribution draws only values its parameter can take ({@link ParameterRange}). A bounded distribution
     * (uniform, triangular, bernoulli, fixed) that reaches outside is refused at the field that does; a normal one is
     * refused when its mean is outside (most draws would be), and otherwise accepted: its rare draws outside the range
     * are left out of a Monte Carlo run, counted and reported ({@link MonteCarlo}), as a truncated normal.
     */
    private boolean withinRange(Horizon h, String param, Distribution d, Map<String, Node> u, String f, Node owner) {
        ParameterRange range = ParameterRange.of(h, param);
        if (!range.bounded()) return true;
        record End(String key, String label, double value) { }
        List<End> ends = switch (d) {
            case Distribution.Uniform x -> List.of(new End("min", "min", x.min()), new End("max", "max", x.max()));
            case Distribution.Triangular x -> List.of(new End("min", "min", x.min()), new End("max", "max", x.max()));
            case Distribution.Fixed x -> List.of(new End("value", "value", x.value()));
            case Distribution.Normal x -> List.of(new End("mean", "mean", x.mean()));
            case Distribution.Bernoulli x -> List.of(new End("dist", "the draw", 0), new End("dist", "the draw", 1));
        };
        boolean ok = true;
        for (End e : ends) {
            String wrong = range.outside(e.value());
            if (wrong == null) continue;
            ok = false;
            String what = switch (d) {
                case Distribution.Normal x -> "; a normal distribution's mean must be a value the parameter can take";
                case Distribution.Bernoulli x -> "; a bernoulli distribution draws 0 and 1";
                default -> "; every value the distribution can draw must be one the parameter can take";
            };
            r.problem(u.containsKey(e.key()) ? u.get(e.key()) : owner, f + "." + e.key(), param + " " + wrong + ", found "
                    + e.label() + " = " + ParameterRange.fmt(e.value()) + what);
        }
        return ok;
    }

    /** Whether a parameter names an entry refused for its own (reported) problem: then it is not also called unknown. */
    private boolean namesRefused(String param) {
        String[] p = param.split("\\.");
        return switch (p[0]) {
            case "floor", "strike" -> p.length == 1 && r.policyRefused;
            case "ban" -> banRefused;
            case "project" -> p.length == 3 && (unnamedProjectRefused || refusedProjects.contains(p[1]));
            case "stockpile" -> p.length == 3 && (unnamedStockpileRefused || refusedStockpiles.contains(p[1]));
            case "demand_shock" -> yearsRefused;
            default -> false;
        };
    }

    private List<Horizon.Uncertain> uncertainty(Node node, Horizon h) {
        List<Horizon.Uncertain> out = new ArrayList<>();
        if (node == null) return out;
        List<Node> items = r.list(node, "uncertainty");
        for (int k = 0; items != null && k < items.size(); k++) {
            String f = "uncertainty[" + k + "]";
            Map<String, Node> u = r.map(items.get(k), f, List.of("param", "dist", "mean", "sd", "min", "max", "mode", "p", "value",
                    "note", "source"));
            if (u == null) continue;
            String param = r.text(u, "param", f + ".", true, items.get(k));
            if (param != null) {
                String wrong = MarketPath.checkParameter(param, ids, policies, h);
                if (wrong != null && !namesRefused(param)) r.problem(u.get("param"), f + ".param", wrong);
            }
            String dist = r.text(u, "dist", f + ".", true, items.get(k));
            if (dist == null) continue;
            Distribution d = switch (dist) {
                case "normal" -> {
                    Double m = r.required(u, "mean", f, items.get(k), -ScenarioLimits.MAX_MAGNITUDE);
                    Double s = r.required(u, "sd", f, items.get(k), 0);
                    yield m == null || s == null ? null : new Distribution.Normal(m, s);
                }
                case "uniform" -> {
                    Double a = r.required(u, "min", f, items.get(k), -ScenarioLimits.MAX_MAGNITUDE);
                    Double b = r.required(u, "max", f, items.get(k), -ScenarioLimits.MAX_MAGNITUDE);
                    if (a != null && b != null && b < a) r.problem(u.get("max"), f + ".max", "expected max ≥ min (" + a + "), found " + b);
                    yield a == null || b == null || b < a ? null : new Distribution.Uniform(a, b);
                }
                case "triangular" -> {
                    Double a = r.required(u, "min", f, items.get(k), -ScenarioLimits.MAX_MAGNITUDE);
                    Double m = r.required(u, "mode", f, items.get(k), -ScenarioLimits.MAX_MAGNITUDE);
                    Double b = r.required(u, "max", f, items.get(k), -ScenarioLimits.MAX_MAGNITUDE);
                    boolean ok = a != null && m != null && b != null && a <= m && m <= b;
                    if (a != null && m != null && b != null && !ok) r.problem(items.get(k), f, "expected min ≤ mode ≤ max, found "
                            + a + ", " + m + ", " + b);
                    yield ok ? new Distribution.Triangular(a, m, b) : null;
                }
                case "bernoulli" -> {
                    Double p = u.containsKey("p") ? r.number(u.get("p"), f + ".p", 0, 1) : null;
                    if (!u.containsKey("p")) r.missing(items.get(k), f + ".p", "a probability between 0 and 1");
                    yield p == null ? null : new Distribution.Bernoulli(p);
                }
                case "fixed" -> {
                    Double v = r.required(u, "value", f, items.get(k), -ScenarioLimits.MAX_MAGNITUDE);
                    yield v == null ? null : new Distribution.Fixed(v);
                }
                default -> {
                    r.problem(u.get("dist"), f + ".dist", "unknown distribution '" + dist + "' (expected normal, uniform, triangular, bernoulli, fixed)");
                    yield null;
                }
            };
            if (param != null && d != null && !withinRange(h, param, d, u, f, items.get(k))) d = null;
            if (param != null && d != null) out.add(new Horizon.Uncertain(param, d, items.get(k).getStartMark().getLine() + 1));
        }
        return out;
    }
}
