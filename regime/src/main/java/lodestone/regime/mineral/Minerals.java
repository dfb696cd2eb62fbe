package lodestone.regime.mineral;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The critical-minerals list, the content bases, and the covered value chains. */
public final class Minerals {
    private final Map<String, Mineral> minerals = new LinkedHashMap<>();
    private final Map<String, ContentBasis> bases = new LinkedHashMap<>();
    private final Map<String, Commodity> commodities = new LinkedHashMap<>();

    public Minerals(List<Mineral> minerals, List<ContentBasis> bases, List<Commodity> commodities) {
        for (Mineral m : minerals) this.minerals.put(m.id(), m);
        for (ContentBasis b : bases) this.bases.put(b.id(), b);
        for (Commodity c : commodities) this.commodities.put(c.id(), c);
    }

    public Collection<Mineral> minerals() {
        return minerals.values();
    }

    public Optional<Mineral> mineral(String id) {
        return Optional.ofNullable(minerals.get(id));
    }

    public Collection<ContentBasis> bases() {
        return bases.values();
    }

    public Optional<ContentBasis> basis(String id) {
        return Optional.ofNullable(bases.get(id));
    }

    public Collection<Commodity> commodities() {
        return commodities.values();
    }

    public Optional<Commodity> commodity(String id) {
        return Optional.ofNullable(commodities.get(id));
    }
}
