package lodestone.market;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One mineral's market with its policies, read from a scenario file (docs/scenario-format.md) and
 * validated; immutable. {@link #baseline()} is what the scenario is compared against: the market of the
 * file named by {@code baseline:}, or the same market without policies.
 */
public final class Scenario {
    final String name;
    final String description;
    final String mineral;
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

    Scenario(String name, String description, String mineral, String quantityUnit, String priceUnit, double referencePrice,
             List<Region> regions, List<String> club, double[][] transport, double[][] tariffAdValorem,
             double[][] tariffSpecific, List<Policy> policies, Scenario baseline) {
        this.name = name;
        this.description = description;
        this.mineral = mineral;
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

    /** Reads a scenario file; a {@code baseline:} is resolved next to it, then among the bundled markets. */
    public static Scenario load(Path file) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
        }
        return new ScenarioReader(file.toString(), file.toAbsolutePath().getParent()).read(text);
    }

    /** Parses scenario text; {@code fileName} names it in error messages. */
    public static Scenario parse(String text, String fileName) throws ScenarioException {
        return new ScenarioReader(fileName, null).read(text);
    }

    /** A scenario bundled with Lodestone (data/market/NAME.yaml), e.g. {@code ndpr} or {@code ndpr-floor-110}. */
    public static Scenario bundled(String name) throws ScenarioException {
        String text = bundledText(name);
        if (text == null) throw new ScenarioException(List.of(name + ": no bundled scenario of that name (see " + BUNDLED_LIST + ")"));
        return new ScenarioReader(name + ".yaml", null).read(text);
    }

    static final String BUNDLED_LIST = "data/market/ in the repository";

    static String bundledText(String name) {
        String n = name.endsWith(".yaml") ? name : name + ".yaml";
        try (InputStream in = Scenario.class.getResourceAsStream("/lodestone/market/" + n)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    public String name() { return name; }

    public String description() { return description; }

    public String mineral() { return mineral; }

    public String quantityUnit() { return quantityUnit; }

    public String priceUnit() { return priceUnit; }

    public double referencePrice() { return referencePrice; }

    public List<String> regionIds() { return regions.stream().map(Region::id).toList(); }

    /** The club's region ids (members of a price floor, or declared with {@code club:}). */
    public List<String> club() { return club; }

    /** Labels of the policies, in file order. */
    public List<String> policies() { return policies.stream().map(Policy::label).toList(); }

    /** The scenario this one is compared against (itself without policies when no baseline is named). */
    public Scenario baseline() { return baseline == null ? this : baseline; }

    int regionIndex(String id) { return regionIds().indexOf(id); }
}
