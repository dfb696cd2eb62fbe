package lodestone.regime.geo;

import lodestone.regime.Validity;

import java.time.LocalDate;
import java.util.Set;

/**
 * A special tariff program of the HTS, named by its indicator in the "Special" rate column
 * (P and P+ are CAFTA-DR under General Note 29; S and S+ are USMCA). Goods of an eligible origin
 * get the special rate only when the preference is claimed and the goods qualify.
 *
 * @param code      the indicator as printed (P, P+, S, AU…)
 * @param name      what the program is
 * @param group     the group whose members are eligible, or null when {@code countries} lists them
 * @param countries eligible countries when no group is named
 * @param exclude   countries of the group that are not eligible (e.g. the United States itself)
 * @param agreement the agreement it implements, if any
 * @param validity  when the program is in force (GSP, for one, lapsed at the end of 2020)
 */
public record PreferenceProgram(String code, String name, String group, Set<String> countries, Set<String> exclude,
                                String agreement, Validity validity, String source) {

    public boolean eligible(String country, LocalDate date, Geography geo) {
        if (!validity.contains(date) || exclude.contains(country)) return false;
        if (countries.contains(country)) return true;
        return group != null && geo.inGroup(group, country, date);
    }
}
