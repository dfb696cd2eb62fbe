package lodestone.market;

import java.util.List;

/** One market region: an id, its member countries (ISO 3166 alpha-2), its supply, recycled supply and demand. */
record Region(String id, String name, List<String> countries, List<Curve> supply, List<Curve> recycled, Curve demand) {
    Region {
        countries = List.copyOf(countries);
        supply = List.copyOf(supply);
        recycled = List.copyOf(recycled);
    }
}
