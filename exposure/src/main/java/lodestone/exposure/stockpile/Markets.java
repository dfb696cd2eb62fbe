package lodestone.exposure.stockpile;

import lodestone.market.Equilibrium;
import lodestone.market.Scenario;
import lodestone.market.ScenarioException;
import lodestone.regime.Regime;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The market data the stockpile and exposure models read: which bundled baseline market trades a mineral,
 * its solved equilibrium (cached), imports of a region, and a disruption with a stockpile release added
 * (the disruption's own YAML with {@code stockpile} policies appended, so the market engine takes the
 * release as its ordinary instrument). Quantities are converted between kg and the market's unit (t,
 * or t LCE read as tonnes of the holding) and prices to USD/kg.
 */
public final class Markets {
    private final Regime regime;
    private final Map<String, Equilibrium> solved;
    private final Map<String, Scenario> read;
    /** Markets of the user's own (a scenario file, a request's text) by the name they were given, with their equilibria. */
    private final Map<String, Scenario> own;
    private final Map<String, String> ownText;
    private final Map<String, Equilibrium> ownSolved;

    public Markets(Regime regime) {
        this(regime, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), Map.of(), Map.of());
    }

    private Markets(Regime regime, Map<String, Equilibrium> solved, Map<String, Scenario> read, Map<String, Scenario> own,
                    Map<String, String> ownText) {
        this.regime = regime;
        this.solved = solved;
        this.read = read;
        this.own = own;
        this.ownText = ownText;
        this.ownSolved = new ConcurrentHashMap<>();
    }

    /**
     * These markets with scenarios of the user's own added, each known by its name (a file's path as given, a request's name
     * for its text) wherever a bundled scenario's name is taken; the bundled markets and their cache are shared, the user's are
     * this instance's alone (a server's shared Markets never holds one request's scenario). Each is solved here, with its
     * baseline: one that has no equilibrium is refused naming it and the solver's diagnosis, as is a name that is a bundled
     * scenario's (which it would hide).
     */
    public Markets withOwn(Map<String, Scenario> scenarios) {
        return withOwn(scenarios, Map.of());
    }

    /**
     * As {@link #withOwn(Map)}, with the scenarios' texts (by the same names): a disruption of the user's own that a stockpile
     * release is added to ({@link #withRelease}) needs its text, as a bundled one's is read.
     */
    public Markets withOwn(Map<String, Scenario> scenarios, Map<String, String> texts) {
        Map<String, String> allTexts = new LinkedHashMap<>(ownText);
        allTexts.putAll(texts);
        Map<String, Scenario> all = new LinkedHashMap<>(own);
        for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
            if (Scenario.bundledText(e.getKey()) != null) {
                throw new IllegalArgumentException(e.getKey() + ": the name of a bundled scenario; give your own scenario another name");
            }
            all.put(e.getKey(), e.getValue());
        }
        Markets m = new Markets(regime, solved, read, java.util.Collections.unmodifiableMap(all), java.util.Collections.unmodifiableMap(allTexts));
        m.ownSolved.putAll(ownSolved);
        for (String k : scenarios.keySet()) {
            m.ownSolved.computeIfAbsent(k, x -> solveOwn(x, all.get(x)));
            m.baselineEquilibriumOwn(k);
        }
        return m;
    }

    /** Whether {@code name} is a scenario of the user's own ({@link #withOwn}). */
    public boolean isOwn(String name) {
        return own.containsKey(name);
    }

    public Regime regime() {
        return regime;
    }

    /** The bundled baseline market (no {@code baseline:} of its own) trading {@code mineral}, if any. */
    public Optional<String> baselineFor(String mineral) {
        for (Scenario.BundledScenario b : Scenario.bundledNames()) {
            if (!b.baseline().isEmpty() && !"null".equals(b.baseline())) continue;
            try {
                if (scenario(b.name()).minerals().contains(mineral)) return Optional.of(b.name());
            } catch (ScenarioException e) {
                throw new IllegalStateException("the bundled market " + b.name() + " does not load: " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /** The bundled scenarios that are disruptions ({@link Scenario#restrictsExports()}), in the bundled order. */
    public List<String> disruptions() {
        List<String> out = new ArrayList<>();
        for (Scenario.BundledScenario b : Scenario.bundledNames()) {
            try {
                if (scenario(b.name()).restrictsExports()) out.add(b.name());
            } catch (ScenarioException e) {
                throw new IllegalStateException("the bundled market " + b.name() + " does not load: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * {@code name} as a disruption: a bundled scenario (else the {@link ScenarioException} naming the bundled ones) that
     * restricts exports, else refused naming the disruptions (reported: {@code --disruption ndpr}, a baseline, was labelled a
     * disruption with "no shortfall").
     */
    public Scenario disruption(String name) throws ScenarioException {
        Scenario s = scenario(name);
        if (!s.restrictsExports()) {
            throw new IllegalArgumentException("disruption: " + name + " is not a disruption: its market restricts no exports (no export ban, "
                    + "quota or tax" + (s.hasHorizon() ? " at its single-year equilibrium; a path's ban is run with lodestone simulate" : "")
                    + "); " + (isOwn(name) ? "a disruption of your own has an export_ban, export_quota or export_tax among its policies "
                    + "(docs/scenario-format.md); the bundled disruptions: " : "disruptions: ") + String.join(", ", disruptions()));
        }
        return s;
    }

    /**
     * Whether {@code region} names something a market can have a region for: a country of the regime, or a region id of a
     * bundled baseline market (EU27, JK, ROW…).
     */
    public boolean knownRegion(String region) {
        if (regime.geography().country(region).isPresent()) return true;
        for (Scenario.BundledScenario b : Scenario.bundledNames()) {
            try {
                if (scenario(b.name()).regionIds().contains(region)) return true;
            } catch (ScenarioException e) {
                throw new IllegalStateException("the bundled market " + b.name() + " does not load: " + e.getMessage(), e);
            }
        }
        return false;
    }

    /**
     * A bundled scenario, read once (a scenario is immutable): an exposure evaluation asks for a line's market once a line
     * and a scenario, and reading the YAML each time tripled the benchmark's evaluation (ExposureBench 1.1 → 3.2 s).
     */
    public Scenario scenario(String name) throws ScenarioException {
        Scenario o = own.get(name);
        if (o != null) return o;
        Scenario s = read.get(name);
        if (s != null) return s;
        s = Scenario.bundled(name, regime);
        Scenario had = read.putIfAbsent(name, s);
        return had != null ? had : s;
    }

    /** The equilibrium of a bundled scenario, solved once. */
    public Equilibrium equilibrium(String name) throws ScenarioException {
        if (own.containsKey(name)) return ownSolved.computeIfAbsent(name, k -> solveOwn(k, own.get(k)));
        Equilibrium e = solved.get(name);
        if (e != null) return e;
        e = solve(scenario(name));
        solved.put(name, e);
        return e;
    }

    /** The equilibrium of the baseline of a bundled scenario (itself without policies when it names none), solved once. */
    public Equilibrium baselineEquilibrium(String name) throws ScenarioException {
        if (own.containsKey(name)) return baselineEquilibriumOwn(name);
        String key = name + " (baseline)";
        Equilibrium e = solved.get(key);
        if (e != null) return e;
        e = solve(scenario(name).baseline());
        solved.put(key, e);
        return e;
    }

    private Equilibrium baselineEquilibriumOwn(String name) {
        Scenario s = own.get(name);
        if (s.baseline() == s) return ownSolved.computeIfAbsent(name, k -> solveOwn(k, s));
        return ownSolved.computeIfAbsent(name + " (baseline)", k -> solveOwn(name + "'s baseline", s.baseline()));
    }

    /** A user's market solved, or refused as the user's (an IllegalArgumentException naming it), never an internal error. */
    private static Equilibrium solveOwn(String name, Scenario s) {
        Equilibrium e = Equilibrium.solve(s);
        if (!e.solved()) throw new IllegalArgumentException(name + ": the market " + s.name() + " has no equilibrium: " + e.diagnosis());
        return e;
    }

    public static Equilibrium solve(Scenario s) {
        Equilibrium e = Equilibrium.solve(s);
        if (!e.solved()) throw new IllegalStateException("the market " + s.name() + " has no equilibrium: " + e.diagnosis());
        return e;
    }

    /** Kilograms in one unit of the market's quantity. */
    public static double kgPerUnit(Scenario s) {
        String u = s.quantityUnit().trim();
        if (u.equals("kg")) return 1;
        if (u.equals("t") || u.startsWith("t ")) return 1000;
        throw new IllegalArgumentException("the market " + s.name() + " counts quantities in '" + u + "', which is not kg or t");
    }

    /** US dollars per kg in one unit of the market's price. */
    public static double usdPerKgPerUnit(Scenario s) {
        return switch (s.priceUnit().trim()) {
            case "USD/kg" -> 1;
            case "USD/t" -> 0.001;
            default -> throw new IllegalArgumentException("the market " + s.name() + " has prices in '" + s.priceUnit() + "', not USD/kg or USD/t");
        };
    }

    /** Imports of {@code region} a year, in kg (0 for a net exporter). */
    public static double importsKgPerYear(Equilibrium e, String region) {
        return Math.max(0, -e.netExports(region)) * kgPerUnit(e.scenario());
    }

    /** Price in USD/kg. */
    public static double priceUsdPerKg(Equilibrium e, String region) {
        return e.price(region) * usdPerKgPerUnit(e.scenario());
    }

    /** The region of the market that stands for {@code country} (the country itself, a group or an aggregate), or null. */
    public static String regionOf(Scenario s, String country) {
        // by membership only: a region stands for its countries (a country's own region lists it). Matching the region's id
        // read Libya (LY) as the ndpr market's Lynas region (LY: Malaysia and Australia)
        for (Map.Entry<String, List<String>> r : s.regionCountries().entrySet()) {
            if (r.getValue().contains(country)) return r.getKey();
        }
        return null;
    }

    /**
     * The market region {@code code} names: a country of the regime by the region it is in ({@link #regionOf}), anything else
     * by a region's id (EU27, JK, ROW); null when the market has none.
     */
    public String regionFor(Scenario s, String code) {
        if (regime.geography().country(code).isPresent()) return regionOf(s, code);
        return s.regionIds().contains(code) ? code : null;
    }

    /**
     * The bundled scenario {@code disruption} with a stockpile release added in each region, as an annual
     * rate in the market's quantity unit; solved.
     */
    public Equilibrium withRelease(String disruption, Map<String, Double> releasePerYearByRegion) throws ScenarioException {
        String text = own.containsKey(disruption) ? ownText.get(disruption) : Scenario.bundledText(disruption);
        if (text == null) throw new IllegalArgumentException(own.containsKey(disruption) ? "the text of the disruption " + disruption
                + " was not given" : "no bundled scenario " + disruption);
        Map<String, Object> tree = new Yaml().load(text);
        Map<String, Object> out = new LinkedHashMap<>(tree);
        out.put("scenario", disruption + "-with-release");
        out.put("description", tree.get("description") + "; with a coordinated stockpile release");
        List<Object> policies = new ArrayList<>();
        Object p = tree.get("policies");
        if (p instanceof List<?> l) policies.addAll(l);
        for (Map<String, Object> m : policies.stream().filter(Map.class::isInstance).map(x -> (Map<String, Object>) x).toList()) {
            if ("stockpile".equals(m.get("type"))) {
                throw new IllegalArgumentException("the disruption " + disruption + " already has a stockpile release; name a disruption without one");
            }
        }
        releasePerYearByRegion.forEach((region, q) -> {
            if (q > 0) {
                Map<String, Object> sp = new LinkedHashMap<>();
                sp.put("type", "stockpile");
                sp.put("region", region);
                sp.put("release", q);
                policies.add(sp);
            }
        });
        out.put("policies", policies);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return solve(Scenario.parse(new Yaml(o).dump(out), disruption + "-with-release.yaml", regime));
    }
}
