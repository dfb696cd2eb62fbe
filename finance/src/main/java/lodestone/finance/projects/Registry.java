package lodestone.finance.projects;

import lodestone.regime.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The project registry: the bundled projects and markets (data/projects, shipped in the jar and listed in
 * its bundled.txt) plus any files or folders a user adds. Loading checks every file and the references
 * between them (a project's market exists, ids are unique, {@code feeds} names a project) and throws
 * {@link lodestone.regime.RegimeInvalidException} with every located problem if anything is wrong —
 * nothing half-loaded is ever returned.
 */
public final class Registry {
    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final Map<String, Market> markets = new LinkedHashMap<>();

    private Registry() {
    }

    public static Registry bundled() {
        return load(List.of());
    }

    /** The bundled registry plus the given files or folders (every *.yaml in a folder, sorted). */
    public static Registry load(List<Path> extra) {
        Problems problems = new Problems();
        ProjectReader reader = new ProjectReader(problems);
        List<Project> ps = new ArrayList<>();
        List<Market> ms = new ArrayList<>();
        for (String name : bundledFiles()) reader.read("data/projects/" + name, resource(name), ps, ms);
        for (Path p : extra) {
            try {
                List<Path> files;
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        files = s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
                    }
                } else if (Files.exists(p)) {
                    files = List.of(p);
                } else {
                    problems.add(p.toString(), 0, "", "no such file or folder");
                    continue;
                }
                for (Path f : files) {
                    String text;
                    try {
                        text = lodestone.regime.io.UserText.read(f);
                    } catch (lodestone.regime.io.UserText.NotUtf8 e) {
                        problems.add(f.toString(), 0, "", e.getMessage());
                        continue;
                    }
                    reader.read(f.toString(), text, ps, ms);
                }
            } catch (IOException e) {
                problems.add(p.toString(), 0, "", "cannot be read: " + e.getMessage());
            }
        }
        return of(ps, ms, reader.refused(), problems);
    }

    /** A project or markets file given as its text (pasted or uploaded), under the name its problems are reported at. */
    public record Text(String name, String text) { }

    /**
     * The bundled registry plus files given as texts (the API's, which never names a file on the server): read and
     * checked as {@link #load(List)} reads files, each problem reported at the given name, line and field.
     */
    public static Registry withTexts(List<Text> extra) {
        Problems problems = new Problems();
        ProjectReader reader = new ProjectReader(problems);
        List<Project> ps = new ArrayList<>();
        List<Market> ms = new ArrayList<>();
        for (String name : bundledFiles()) reader.read("data/projects/" + name, resource(name), ps, ms);
        for (Text t : extra) reader.read(t.name(), t.text(), ps, ms);
        return of(ps, ms, reader.refused(), problems);
    }

    /** Projects and markets already read (e.g. from an upload), checked together with the bundled markets. */
    public static Registry of(List<Project> ps, List<Market> ms, Problems problems) {
        return of(ps, ms, ProjectReader.Refused.NONE, problems);
    }

    /**
     * As {@link #of(List, List, Problems)}, knowing which projects and markets were refused for their own (already
     * reported) problems: a reference to one of them is not reported again as unknown — the one real error stands —
     * while the refused projects' own references are still checked.
     */
    public static Registry of(List<Project> ps, List<Market> ms, ProjectReader.Refused refused, Problems problems) {
        Registry r = new Registry();
        for (Market m : ms) {
            Market prev = r.markets.putIfAbsent(m.id(), m);
            if (prev != null) problems.add(m.file(), m.line(), "id", "market '" + m.id() + "' is already defined in " + prev.file() + ":" + prev.line());
        }
        for (Project p : ps) {
            Project prev = r.projects.putIfAbsent(p.id(), p);
            if (prev != null) problems.add(p.file(), p.line(), "project", "project '" + p.id() + "' is already defined in " + prev.file() + ":" + prev.line());
            checkMarket(r, refused, p.market(), p.file(), p.marketLine(), problems);
        }
        for (ProjectReader.RefusedProject p : refused.projects()) {
            Project prev = p.id() == null ? null : r.projects.get(p.id());
            if (prev != null) problems.add(p.file(), p.line(), "project", "project '" + p.id() + "' is already defined in " + prev.file() + ":" + prev.line());
            if (p.market() != null) checkMarket(r, refused, p.market(), p.file(), p.marketLine(), problems);
        }
        for (Project p : ps) checkFeeds(r, refused, p.feeds(), p.file(), p.feedsLine(), problems);
        for (Project p : ps) checkPriceUnits(p, r.markets.get(p.market()), problems);
        for (ProjectReader.RefusedProject p : refused.projects()) checkFeeds(r, refused, p.feeds(), p.file(), p.feedsLine(), problems);
        problems.throwIfAny("project registry");
        return r;
    }

    private static void checkMarket(Registry r, ProjectReader.Refused refused, String market, String file, int line, Problems problems) {
        if (r.markets.containsKey(market) || refused.markets().contains(market)) return; // a refused market has its own error
        problems.add(file, line, "market", "'" + market + "' is not a known market; expected one of " + String.join(", ", r.markets.keySet()));
    }

    /**
     * A cost, strike or offtake price written in another unit than its market's (a cost per tonne in a market priced per kg
     * is 1,000 times too large): one more than 100 times the market's reference price — a strike or a price also one less
     * than 1/100 of it — is refused at its line, as the command line's prices are ({@link Units#parsePrice}).
     */
    private static void checkPriceUnits(Project p, Market m, Problems problems) {
        if (m == null) return; // an unknown market has its own error
        checkPriceUnit(p, m, "opex", p.opex(), false, problems);
        checkPriceUnit(p, m, "aisc", p.aisc(), false, problems);
        if (p.support() != null) checkPriceUnit(p, m, "support.strike", p.support().strike(), true, problems);
        for (int i = 0; i < p.offtakes().size(); i++) checkPriceUnit(p, m, "offtakes[" + i + "].price", p.offtakes().get(i).price(), true, problems);
    }

    private static void checkPriceUnit(Project p, Market m, String field, Figure f, boolean aPrice, Problems problems) {
        double ref = m.referencePrice();
        if (f == null || !(ref > 0)) return;
        double v = f.value();
        if (!(v > 100 * ref) && !(aPrice && v > 0 && v < ref / 100)) return;
        String unit = m.priceUnit();
        String hint = "";
        double best = Double.POSITIVE_INFINITY;
        for (String other : Units.priceUnits().split(", ")) { // the unit that brings it nearest the reference, when within 100×
            if (other.equals(unit)) continue;
            double c = Units.convert(v, other, unit);
            double off = Math.abs(Math.log(c / ref));
            if (off < Math.log(100) && off < best) {
                best = off;
                hint = ": " + written(v) + " " + other + " is " + written(c) + " " + unit;
            }
        }
        problems.add(p.file(), f.line(), field + ".value", written(v) + " " + unit + " is " + Units.num(v / ref) + "× the market " + m.id()
                + "'s reference price " + Units.num(ref) + " " + unit + "; a figure in the wrong unit? (the market is priced in " + unit + hint + ")");
    }

    /**
     * A cost above 1.5 times the market's reference price, or a strike or offtake price outside half to twice it, that would
     * fall inside those bounds (a cost also at least 5 % of the price) written in another price unit: a figure that may be in that unit (a cost in USD/kg in a market
     * priced per lb is 2.2046 times too large, and passes the refusal above, which catches 100 times). A warning, not a
     * refusal: a high-cost project in a low market, or a floor set far from today's price, is honest, and the figure may be
     * right (docs/projects-format.md, "Units"). One warning a figure, naming it, its line and the unit it would fit; none for
     * a figure inside the bounds.
     */
    public List<String> unitWarnings(Project p) {
        Market m = markets.get(p.market());
        List<String> out = new ArrayList<>();
        if (m == null || !(m.referencePrice() > 0)) return out;
        unitWarning(p, m, "opex", p.opex(), false, out);
        unitWarning(p, m, "aisc", p.aisc(), false, out);
        if (p.support() != null) unitWarning(p, m, "support.strike", p.support().strike(), true, out);
        for (int i = 0; i < p.offtakes().size(); i++) unitWarning(p, m, "offtakes[" + i + "].price", p.offtakes().get(i).price(), true, out);
        return out;
    }

    /**
     * The bounds of the warning: a cost at most this many times the reference price (and, converted from another unit, at
     * least {@link #COST_FLOOR} of it: any large number is a small one per tonne), a price within this factor of it.
     */
    static final double COST_BOUND = 1.5, COST_FLOOR = 0.05, PRICE_BOUND = 2;

    private static boolean plausible(double ratio, boolean aPrice) {
        return aPrice ? ratio >= 1 / PRICE_BOUND && ratio <= PRICE_BOUND : ratio <= COST_BOUND;
    }

    private static boolean plausibleConverted(double ratio, boolean aPrice) {
        return plausible(ratio, aPrice) && (aPrice || ratio >= COST_FLOOR);
    }

    private static void unitWarning(Project p, Market m, String field, Figure f, boolean aPrice, List<String> out) {
        if (f == null || !(f.value() > 0)) return;
        double ref = m.referencePrice(), v = f.value();
        if (plausible(v / ref, aPrice)) return;
        String unit = m.priceUnit();
        for (String other : Units.priceUnits().split(", ")) {
            if (other.equals(unit)) continue;
            double c = Units.convert(v, other, unit);
            if (!plausibleConverted(c / ref, aPrice)) continue;
            out.add(p.file() + ":" + f.line() + ": " + field + ": " + written(v) + " " + unit + " is " + Units.num(v / ref) + "× the market "
                    + m.id() + "'s reference price " + Units.num(ref) + " " + unit + (aPrice ? "" : ", a cost above the price")
                    + "; if it is in " + other + " it is " + written(c) + " " + unit + " — check the unit (the market is priced in " + unit + ")");
            return;
        }
    }

    /** A figure's value as written (37980, 0.11), a conversion to 10 significant digits (37.98). */
    private static String written(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }

    private static void checkFeeds(Registry r, ProjectReader.Refused refused, String feeds, String file, int line, Problems problems) {
        if (feeds == null || r.projects.containsKey(feeds) || refused.project(feeds)) return; // a refused project has its own error
        problems.add(file, line, "feeds", "'" + feeds + "' is not a project in the registry");
    }

    public List<Project> projects() {
        return List.copyOf(projects.values());
    }

    public List<Market> markets() {
        return List.copyOf(markets.values());
    }

    public Optional<Project> project(String id) {
        return Optional.ofNullable(projects.get(id));
    }

    public Optional<Market> market(String id) {
        return Optional.ofNullable(markets.get(id));
    }

    public Project require(String id) {
        Project p = projects.get(id);
        if (p == null) throw new IllegalArgumentException("no project '" + id + "' in the registry; known: " + String.join(", ", projects.keySet()));
        return p;
    }

    public Market marketOf(Project p) {
        return markets.get(p.market());
    }

    /** The markets whose product is for this mineral key (a market id, a product or a mineral named by its projects). */
    public Market requireMarket(String key) {
        Market m = markets.get(key);
        if (m != null) return m;
        for (Market x : markets.values()) if (x.product().equalsIgnoreCase(key)) return x;
        throw new IllegalArgumentException("no market '" + key + "'; known: " + String.join(", ", markets.keySet()));
    }

    static List<String> bundledFiles() {
        List<String> out = new ArrayList<>();
        for (String line : resource("bundled.txt").split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) out.add(t);
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = Registry.class.getResourceAsStream("/lodestone/projects/" + name)) {
            if (in == null) throw new IllegalStateException("bundled project file missing from the jar: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
