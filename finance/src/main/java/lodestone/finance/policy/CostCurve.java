package lodestone.finance.policy;

import lodestone.finance.projects.Market;
import lodestone.finance.projects.Project;
import lodestone.finance.projects.ProjectValuation;
import lodestone.finance.projects.Registry;
import lodestone.finance.projects.Units;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A market-economy cost curve: producers (no Chinese capacity) with capacity and unit cost, sorted by cost.
 * For lithium it is the generated deposit table (Busch et al. 2024 via {@link LithiumCurveImporter}); for
 * every other market it is built from the registry: each project's levelised full cost, opex plus capex
 * recovered over its life at its discount rate (capital recovery factor) per unit of capacity; a stage
 * that feeds another (Lynas Kalgoorlie → Malaysia) adds its cost to that stage and its capacity is not
 * counted twice.
 */
public record CostCurve(String market, String priceUnit, List<Step> steps, String source) {

    public record Step(String name, String country, double capacity, double cost, String note) { }

    public double totalCapacity() {
        return steps.stream().mapToDouble(Step::capacity).sum();
    }

    /** The capacity-weighted P-th percentile of cost: the cost of the step at which cumulative capacity reaches P % of the total. */
    public double percentile(double p) {
        if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in (0, 100], got " + Units.num(p));
        double target = totalCapacity() * p / 100, cum = 0;
        for (Step s : steps) {
            cum += s.capacity();
            if (cum >= target - 1e-9 * target) return s.cost();
        }
        return steps.get(steps.size() - 1).cost();
    }

    public static CostCurve of(Registry registry, Market m) {
        if (m.id().equals("lce")) return lithium(m);
        List<Step> steps = new ArrayList<>();
        for (Project p : registry.projects()) {
            if (!p.market().equals(m.id()) || p.feeds() != null || "CN".equals(p.country())) continue;
            double cost = levelised(p, m);
            for (Project q : registry.projects()) if (p.id().equals(q.feeds())) cost += levelised(q, m);
            steps.add(new Step(p.id(), p.country(), p.capacity().value(), cost, "levelised: opex + capex × CRF"));
        }
        if (steps.isEmpty()) throw new IllegalArgumentException("no market-economy projects for market '" + m.id() + "' in the registry");
        steps.sort(Comparator.comparingDouble(Step::cost));
        return new CostCurve(m.id(), m.priceUnit(), steps, "project registry (data/projects)");
    }

    /**
     * Opex + ((capex + closure's present value at the start)·CRF(r, life) + fixed opex + sustaining capex)/(capacity × money per
     * price unit × t). The closure cost of a year y is brought to the start of production at (1 + r)^−(y − start_year + 1); working
     * capital is not in it, and the discounting convention does not move it: every flow shifts by half a year alike (docs/valuation.md,
     * "Cost curves and floors").
     */
    static double levelised(Project p, Market m) {
        double fx = p.usdPerUnit() == null ? 1 : p.usdPerUnit().value();
        double r = p.discountRate() == null ? 0.08 : p.discountRate().value();
        int n = Math.min(p.lifeYears(), 40);
        // at r = 0 the capital recovery factor is its limit 1/n (the formula is 0·1/0, NaN, which the curve then sorted)
        double crf = r == 0 ? 1.0 / n : r * Math.pow(1 + r, n) / (Math.pow(1 + r, n) - 1);
        double cap = p.capacity().value();
        double closure = 0;
        if (p.closure() != null) {
            for (int y = p.closure().startYear(); y <= p.closure().lastYear(); y++) {
                closure += p.closure().cost().value() * fx / p.closure().years() * Math.pow(1 + r, -(y - p.startYear() + 1));
            }
        }
        // a file without closure: capex·fx + 0, the levelised cost as before to the bit
        double capital = cap > 0 ? (p.capex().value() * fx + closure) * crf / (cap * Units.millionsPerPriceTonne(m.priceUnit())) : 0;
        double fixed = cap > 0 && p.fixedOpex() != null ? p.fixedOpex().value() * fx / (cap * Units.millionsPerPriceTonne(m.priceUnit())) : 0;
        double sustaining = cap > 0 && p.sustainingCapex() != null
                ? p.sustainingCapex().value() * fx / (cap * Units.millionsPerPriceTonne(m.priceUnit())) : 0;
        return p.opex().value() + capital + fixed + sustaining;
    }

    /** The generated lithium curve (data/projects/generated/lce-cost-curve.csv). */
    static CostCurve lithium(Market m) {
        String text;
        try (InputStream in = CostCurve.class.getResourceAsStream("/lodestone/projects/generated/lce-cost-curve.csv")) {
            if (in == null) throw new IllegalStateException("the generated lithium cost curve is missing from the jar; run lodestone projects import-lithium");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Step> steps = new ArrayList<>();
        boolean header = true;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            if (header) {
                header = false;
                continue;
            }
            List<String> f = LithiumCurveImporter.split(line);
            steps.add(new Step(f.get(0), f.get(1), Double.parseDouble(f.get(3)), Double.parseDouble(f.get(4)), f.get(2)));
        }
        steps.sort(Comparator.comparingDouble(Step::cost));
        return new CostCurve(m.id(), m.priceUnit(), steps, "Busch et al. 2024 deposit table (generated/lce-cost-curve.csv)");
    }
}
