package lodestone.regime.geo;

import lodestone.regime.Validity;

/** A country's membership of a group over a validity window, with where the fact comes from. */
public record Membership(String country, Validity validity, String source) {
}
