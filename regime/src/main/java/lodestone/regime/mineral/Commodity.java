package lodestone.regime.mineral;

import java.util.List;

/** A covered value chain (e.g. rare earths), the listed minerals it spans and its products. */
public record Commodity(String id, String name, List<String> minerals, List<MineralProduct> products) {
    public Commodity {
        minerals = List.copyOf(minerals);
        products = List.copyOf(products);
    }
}
