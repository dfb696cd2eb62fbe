package lodestone.finance.policy;

import lodestone.market.Equilibrium;
import lodestone.market.Scenario;
import lodestone.market.ScenarioException;
import lodestone.regime.Regime;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variants of a bundled market scenario built for floor-setting and ranking: the same market with extra
 * supply steps (a project's capacity at its unit cost, in its region), a club and policies (a price floor
 * by variable levy, a Chinese export ban). The variant is written as scenario YAML and read by the
 * market module's own reader, so it is checked exactly like a user's scenario.
 */
final class MarketVariants {
    private MarketVariants() {
    }

    record Step(String region, String name, double cost, double capacity) { }

    @SuppressWarnings("unchecked")
    static Scenario variant(String bundled, String name, List<Step> steps, List<String> club, List<Map<String, Object>> policies, Regime regime) {
        Map<String, Object> doc = new Yaml(new LoaderOptions()).load(Scenario.bundledText(bundled));
        Map<String, Object> out = new LinkedHashMap<>(doc);
        out.remove("baseline");
        out.put("scenario", name);
        out.put("description", name);
        List<Map<String, Object>> regions = new ArrayList<>();
        for (Object o : (List<Object>) doc.get("regions")) regions.add(new LinkedHashMap<>((Map<String, Object>) o));
        for (Step s : steps) {
            Map<String, Object> region = regions.stream().filter(r -> s.region().equals(String.valueOf(r.get("id")))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("region '" + s.region() + "' is not in the market scenario '" + bundled + "'"));
            List<Object> supply = new ArrayList<>();
            Object cur = region.get("supply");
            if (cur instanceof List<?> l) supply.addAll(l);
            else if (cur != null) supply.add(cur);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("name", s.name());
            step.put("cost", s.cost());
            step.put("capacity", s.capacity());
            Map<String, Object> stepSupply = new LinkedHashMap<>(); // in this order every run (Map.of's order is the JVM's)
            stepSupply.put("type", "steps");
            stepSupply.put("steps", List.of(step));
            supply.add(stepSupply);
            region.put("supply", supply);
        }
        out.put("regions", regions);
        if (!club.isEmpty()) out.put("club", club);
        if (!policies.isEmpty()) out.put("policies", policies);
        DumperOptions opts = new DumperOptions();
        opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String text = new Yaml(opts).dump(out);
        try {
            return Scenario.parse(text, name + ".yaml", regime);
        } catch (ScenarioException e) {
            throw new IllegalStateException("generated scenario " + name + " is invalid: " + String.join("; ", e.problems()));
        }
    }

    /**
     * Refuses a market whose scenario is priced in another unit, or counts in another quantity than the registry's
     * tonnes: floors, levelised costs and capacities go into the scenario as they are, and its levy revenue comes back
     * in its own money unit (a USD/t market on the USD/kg NdPr scenario set a floor of 66,400 USD/kg).
     */
    static void checkUnits(lodestone.finance.projects.Market m, Scenario s) {
        boolean tonnes = s.quantityUnit().equals("t") || s.quantityUnit().startsWith("t ");
        if (!s.priceUnit().equals(m.priceUnit()) || !tonnes) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s:%d: market '%s' is priced in %s per t, but its scenario '%s' is in %s per %s; a market's scenario must use the "
                            + "market's price unit and tonnes (floors, costs and capacities are passed to it as they are)",
                    m.file(), m.line(), m.id(), m.priceUnit(), m.scenario(), s.priceUnit(), s.quantityUnit()));
        }
    }

    static Equilibrium solve(Scenario s) {
        Equilibrium e = Equilibrium.solve(s);
        if (!e.solved()) throw new IllegalStateException("market " + s.name() + ": no equilibrium found: " + e.diagnosis());
        return e;
    }

    static Map<String, Object> floor(double level, List<String> members) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "price_floor");
        p.put("floor", level);
        p.put("members", members);
        return p;
    }

    static Map<String, Object> ban(String region) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "export_ban");
        p.put("region", region);
        return p;
    }
}
