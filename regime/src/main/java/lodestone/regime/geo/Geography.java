package lodestone.regime.geo;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Countries, groups with dated memberships, and the HTS special programs. The token {@code ALL}
 * (erga omnes) stands for every country.
 */
public final class Geography {
    public static final String ALL = "ALL";

    private final Map<String, Country> countries;
    private final Map<String, String> alpha3ToAlpha2 = new HashMap<>();
    private final Map<String, CountryGroup> groups;
    private final Map<String, PreferenceProgram> programs;

    public Geography(Collection<Country> countries, Collection<CountryGroup> groups, Collection<PreferenceProgram> programs) {
        this.countries = new LinkedHashMap<>();
        for (Country c : countries) {
            this.countries.put(c.alpha2(), c);
            alpha3ToAlpha2.put(c.alpha3(), c.alpha2());
        }
        this.groups = new LinkedHashMap<>();
        for (CountryGroup g : groups) this.groups.put(g.id(), g);
        this.programs = new LinkedHashMap<>();
        for (PreferenceProgram p : programs) this.programs.put(p.code(), p);
    }

    public Optional<Country> country(String code) {
        if (code == null) return Optional.empty();
        String c = code.trim().toUpperCase();
        if (c.length() == 3) c = alpha3ToAlpha2.getOrDefault(c, c);
        return Optional.ofNullable(countries.get(c));
    }

    public Collection<Country> countries() {
        return countries.values();
    }

    public Optional<CountryGroup> group(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    public Collection<CountryGroup> groups() {
        return groups.values();
    }

    public Optional<PreferenceProgram> program(String code) {
        return Optional.ofNullable(programs.get(code));
    }

    public Collection<PreferenceProgram> programs() {
        return programs.values();
    }

    /** True when the token names a group, a country or ALL. */
    public boolean knows(String token) {
        return ALL.equals(token) || groups.containsKey(token) || countries.containsKey(token);
    }

    public boolean inGroup(String group, String country, LocalDate date) {
        CountryGroup g = groups.get(group);
        return g != null && g.contains(country, date);
    }

    /** Does {@code token} (ALL, a group or a country) cover {@code country} on {@code date}? */
    public boolean covers(String token, String country, LocalDate date) {
        if (ALL.equals(token)) return true;
        if (token.equals(country)) return true;
        CountryGroup g = groups.get(token);
        return g != null && g.contains(country, date);
    }

    /** Every country a token can ever cover (ALL → every country), for overlap checks. */
    public Set<String> everCovered(String token) {
        if (ALL.equals(token)) return countries.keySet();
        CountryGroup g = groups.get(token);
        if (g != null) return g.everMembers();
        Set<String> one = new LinkedHashSet<>();
        one.add(token);
        return one;
    }
}
