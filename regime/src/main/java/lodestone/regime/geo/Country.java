package lodestone.regime.geo;

/** An ISO 3166-1 country or territory. Codes are alpha-2 throughout Lodestone (as on US entries). */
public record Country(String alpha2, String alpha3, String numeric, String name, String currency) {
}
