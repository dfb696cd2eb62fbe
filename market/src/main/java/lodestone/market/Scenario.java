package lodestone.market;

import lodestone.regime.Regime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One mineral's market with its policies, read from a scenario file (docs/scenario-format.md) and
 * validated; immutable. {@link #baseline()} is what the scenario is compared against: the market of the
 * file named by {@code baseline:}, or the same market without policies.
 */
public final class Scenario {
    final String name;
    final String description;
    final List<String> minerals;
    final String product;
    final String quantityUnit;
    final String priceUnit;
    final double referencePrice;
    final List<Region> regions;
    final List<String> club;
    /** transport[r][s]: unit cost of shipping r → s; +∞ when there is no arc. */
    final double[][] transport;
    final double[][] tariffAdValorem;
    final double[][] tariffSpecific;
    final List<Policy> policies;
    final Scenario baseline;
    /** The years of the scenario (docs/scenario-format.md, "Years"), or null for a single-year scenario. */
    Horizon horizon;
    /** reference_year of the market (a baseline's for a scenario on it); null when the file gives none. */
    Integer referenceYear;
    /**
     * What the answer was made from, so that it can be made again: the regime read against (id, version, the fingerprint
     * of its files) and the SHA-256 of the scenario's text with its baselines'. Empty for a synthetic market read without
     * the regime.
     */
    Map<String, Object> madeFrom = Map.of();
    /** What the answer depends on beyond the file (a regime group taken on today's date): said with every answer. */
    List<String> notes = List.of();

    Scenario(String name, String description, List<String> minerals, String product, String quantityUnit, String priceUnit, double referencePrice,
             List<Region> regions, List<String> club, double[][] transport, double[][] tariffAdValorem,
             double[][] tariffSpecific, List<Policy> policies, Scenario baseline) {
        this.name = name;
        this.description = description;
        this.minerals = List.copyOf(minerals);
        this.product = product;
        this.quantityUnit = quantityUnit;
        this.priceUnit = priceUnit;
        this.referencePrice = referencePrice;
        this.regions = List.copyOf(regions);
        this.club = List.copyOf(club);
        this.transport = transport;
        this.tariffAdValorem = tariffAdValorem;
        this.tariffSpecific = tariffSpecific;
        this.policies = List.copyOf(policies);
        this.baseline = baseline;
    }

    /**
     * Reads a scenario file and checks it against {@code regime}: every problem of the file — its form and
     * the names it takes from the regime (minerals, countries, groups, region ids) — is reported at once in
     * the {@link ScenarioException}, each as "file:line: field: what is wrong; what was expected". A
     * {@code baseline:} is resolved next to the file, then among the bundled markets, and checked too.
     */
    public static Scenario load(Path file, Regime regime) throws ScenarioException {
        String text;
        try {
            text = lodestone.regime.io.UserText.read(file);
        } catch (lodestone.regime.io.UserText.NotUtf8 e) {
            throw new ScenarioException(List.of(file + ": " + e.getMessage()));
        } catch (IOException e) {
            throw new ScenarioException(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
        }
        return new ScenarioReader(file.toString(), file.toAbsolutePath().getParent(), check(regime)).read(text);
    }

    /**
     * Parses scenario text read from elsewhere than its file (standard input) and checks it against {@code regime}: a
     * {@code baseline:} is resolved in {@code folder}, then among the bundled markets; {@code fileName} names it in messages.
     */
    public static Scenario parse(String text, String fileName, Path folder, Regime regime) throws ScenarioException {
        return new ScenarioReader(fileName, folder.toAbsolutePath(), check(regime)).read(text);
    }

    /** Parses scenario text and checks it against {@code regime}; {@code fileName} names it in messages. */
    public static Scenario parse(String text, String fileName, Regime regime) throws ScenarioException {
        return new ScenarioReader(fileName, null, check(regime)).read(text);
    }

    /**
     * A scenario bundled with Lodestone (data/market/NAME.yaml, e.g. {@code ndpr} or {@code ndpr-floor-110};
     * see {@link #bundledNames()}), checked against {@code regime}.
     */
    public static Scenario bundled(String name, Regime regime) throws ScenarioException {
        Objects.requireNonNull(regime, "regime");
        String text = bundledText(name);
        if (text == null) throw new ScenarioException(List.of(name + ": no bundled scenario of that name (bundled: "
                + String.join(", ", bundledNames().stream().map(BundledScenario::name).toList()) + ")"));
        return new ScenarioReader(name.endsWith(".yaml") ? name : name + ".yaml", null, check(regime)).read(text);
    }

    /**
     * Parses a synthetic market <em>without</em> the regime link: mineral names are free text and region
     * ids need not be countries or groups (countries are still checked against ISO 3166). For test and
     * benchmark markets; a scenario a user supplies is read with {@link #parse(String, String, Regime)}.
     */
    public static Scenario parse(String text, String fileName) throws ScenarioException {
        return new ScenarioReader(fileName, null, null).read(text);
    }

    private static ScenarioCheck check(Regime regime) {
        return new ScenarioCheck(Objects.requireNonNull(regime, "regime"));
    }

    /**
     * A bundled scenario: the name {@link #bundled} takes, its {@code description:}, its {@code baseline:} ("" if none), and
     * whether it has a path of years ({@code horizon:} at its top level, or inherited from its baseline, as the reader does).
     */
    public record BundledScenario(String name, String description, String baseline, boolean horizon) { }

    private static volatile List<BundledScenario> bundledNames;

    /**
     * The name of {@code known} closest to {@code given}, as a scenario file's problems suggest it ("did you mean"): the same
     * name in another case, else one within one edit (names of 4-6 characters) or two (longer); null when none is that close.
     */
    public static String nearestName(String given, List<String> known) {
        return ScenarioCheck.nearest(given, known);
    }

    /** The scenarios bundled with Lodestone (data/market/bundled.txt), in that file's order. Reads no regime. */
    public static List<BundledScenario> bundledNames() {
        List<BundledScenario> list = bundledNames;
        if (list != null) return list;
        String index = bundledResource("bundled.txt");
        if (index == null) throw new IllegalStateException("the bundled scenario index lodestone/market/bundled.txt is missing");
        List<BundledScenario> out = new ArrayList<>();
        Map<String, Map<String, Object>> tops = new java.util.HashMap<>();
        for (String line : index.split("\n")) {
            String n = line.strip();
            if (n.isEmpty() || n.startsWith("#")) continue;
            String text = bundledText(n);
            if (text == null) throw new IllegalStateException("bundled.txt names " + n + " but there is no " + n + ".yaml");
            tops.put(n, new org.yaml.snakeyaml.Yaml().load(text));
        }
        for (String line : index.split("\n")) {
            String n = line.strip();
            if (n.isEmpty() || n.startsWith("#")) continue;
            Map<String, Object> top = tops.get(n);
            String baseline = String.valueOf(top.getOrDefault("baseline", ""));
            // the key itself, not the text: "horizon:" may open the file, follow a comment, or appear inside one
            boolean horizon = top.containsKey("horizon") || (tops.containsKey(baseline) && tops.get(baseline).containsKey("horizon"));
            out.add(new BundledScenario(n, String.valueOf(top.getOrDefault("description", "")), baseline, horizon));
        }
        bundledNames = list = List.copyOf(out);
        return list;
    }

    /** The text of a bundled scenario file, or null when there is none of that name. */
    public static String bundledText(String name) {
        return bundledResource(name.endsWith(".yaml") ? name : name + ".yaml");
    }

    private static String bundledResource(String n) {
        if (n.contains("/") || n.contains("\\")) return null;
        try (InputStream in = Scenario.class.getResourceAsStream("/lodestone/market/" + n)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    public String name() { return name; }

    public String description() { return description; }

    /** The regime minerals (or value chains) this market trades, as named by {@code mineral:}. */
    public List<String> minerals() { return minerals; }

    /** What is traded, for display: the {@code product:} text, else the minerals joined by " + ". */
    public String product() { return product; }

    public String quantityUnit() { return quantityUnit; }

    public String priceUnit() { return priceUnit; }

    public double referencePrice() { return referencePrice; }

    public List<String> regionIds() { return regions.stream().map(Region::id).toList(); }

    /**
     * The countries (ISO alpha-2) each region stands for, by region id in file order: the country itself, a
     * regime group's members in the reference year, or an aggregate's declared {@code countries:}.
     */
    public Map<String, List<String>> regionCountries() {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (Region r : regions) m.put(r.id(), r.countries());
        return m;
    }

    /** The club's region ids (members of a price floor, or declared with {@code club:}). */
    public List<String> club() { return club; }

    /**
     * Notes every answer on this scenario carries: the date a regime group's members were taken on when the file has no
     * reference_year (today in UTC, so another day may answer otherwise). Empty when the answer depends on the file alone.
     */
    public List<String> notes() { return notes; }

    /**
     * What an answer on this scenario was made from ({@code made_from} of every result, docs/scenario-format.md): {@code
     * regime}, {@code regime_version}, {@code regime_fingerprint} (SHA-256 of every file the regime was read from) and
     * {@code scenario_sha256} (of the file's text, then each baseline's, so an edited baseline or a bundled market changed
     * by a later release shows). Empty for a synthetic market read without the regime.
     */
    public Map<String, Object> madeFrom() { return madeFrom; }

    /** Labels of the policies, in file order. */
    public List<String> policies() { return policies.stream().map(Policy::label).toList(); }

    /**
     * Whether the scenario restricts a region's exports at its equilibrium — an export ban, quota or tax among its policies:
     * a supply disruption. A baseline market, a floor or a subsidy does not; nor does a path's ban ({@code horizon.bans}),
     * which the single-year equilibrium leaves out.
     */
    public boolean restrictsExports() {
        for (Policy p : policies) if (p instanceof Policy.ExportQuota || p instanceof Policy.ExportTax) return true;
        return false;
    }

    /** Whether a policy of the scenario bans (an export quota of 0) the exports of region {@code from} to region {@code to}. */
    public boolean bansExports(String from, String to) {
        int f = regionIndex(from), t = regionIndex(to);
        if (f < 0 || t < 0 || f == t) return false;
        for (Policy p : policies) {
            if (p instanceof Policy.ExportQuota q && q.quantity() == 0 && q.region() == f && (q.to().isEmpty() || q.to().contains(t))) return true;
        }
        return false;
    }

    /** The scenario this one is compared against (itself without policies when no baseline is named). */
    public Scenario baseline() { return baseline == null ? this : baseline; }

    int regionIndex(String id) { return regionIds().indexOf(id); }

    /** Whether the scenario has a {@code horizon:} (a path of years). */
    public boolean hasHorizon() { return horizon != null; }

    /** An export ban of a path ({@code horizon.bans}): its region, its destinations (empty: all), its first month and length. */
    public record BanWindow(String region, List<String> to, java.time.YearMonth start, int months) {
        /** The months of {@code year} under the ban. */
        public int monthsIn(int year) {
            java.time.YearMonth end = start.plusMonths(months); // exclusive
            int n = 0;
            for (int m = 1; m <= 12; m++) {
                java.time.YearMonth t = java.time.YearMonth.of(year, m);
                if (!t.isBefore(start) && t.isBefore(end)) n++;
            }
            return n;
        }
    }

    /** The path's export bans, as written (empty without a horizon or bans). */
    public List<BanWindow> horizonBans() {
        if (horizon == null) return List.of();
        List<String> ids = regionIds();
        return horizon.bans().stream().map(b -> new BanWindow(ids.get(b.region()), b.to().stream().map(ids::get).toList(),
                java.time.YearMonth.of(b.startYear(), b.startMonth()), b.months())).toList();
    }

    /** Whether projects of this scenario's path decide with perfect foresight (false: myopic, or no horizon). */
    public boolean perfectForesight() { return horizon != null && horizon.perfectForesight(); }

    /** The first and last year of the horizon; null without one. */
    public int[] years() { return horizon == null ? null : new int[]{horizon.from(), horizon.to()}; }

    /** The scenario's uncertain parameters (name → distribution description), in file order; empty without any. */
    public List<String> uncertainParameters() {
        return horizon == null ? List.of() : horizon.uncertain().stream().map(Horizon.Uncertain::param).toList();
    }
}
