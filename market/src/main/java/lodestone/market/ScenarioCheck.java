package lodestone.market;

import lodestone.regime.Regime;
import lodestone.regime.geo.Country;
import lodestone.regime.geo.CountryGroup;
import lodestone.regime.mineral.Commodity;
import lodestone.regime.mineral.Mineral;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a scenario may name from the regime (docs/scenario-format.md, "The regime link"): its minerals
 * (the critical-minerals list and the covered value chains), its countries and its country groups. The
 * reader ({@link ScenarioReader}) asks it about each name as it reads, so that regime problems are
 * reported with file, line and field together with every other problem of the file.
 */
final class ScenarioCheck {
    private final Regime regime;

    ScenarioCheck(Regime regime) {
        this.regime = regime;
    }

    /** The regime the scenario is read against: its id, version and the fingerprint of the files it was read from. */
    Regime regime() {
        return regime;
    }

    /** Null when {@code id} is a mineral or value chain of the regime, else what is wrong. */
    String mineral(String id) {
        if (regime.minerals().mineral(id).isPresent() || regime.minerals().commodity(id).isPresent()) return null;
        List<String> known = new ArrayList<>();
        regime.minerals().minerals().forEach(m -> known.add(m.id()));
        regime.minerals().commodities().forEach(c -> { if (!known.contains(c.id())) known.add(c.id()); });
        String near = nearest(id, known);
        return "unknown mineral '" + id + "'" + (near == null ? "" : " (did you mean '" + near + "'?)")
                + "; expected one of the regime's " + regime.minerals().minerals().size() + " critical minerals (e.g. "
                + String.join(", ", examples(regime.minerals().minerals().stream().map(Mineral::id).toList(),
                        "cobalt", "gallium", "lithium", "neodymium")) + ") or a value chain ("
                + String.join(", ", regime.minerals().commodities().stream().map(Commodity::id).toList()) + ")"
                + (id.contains(" ") ? "; a product's name goes under product:" : "");
    }

    boolean isCountry(String code) {
        return regime.geography().country(code).filter(c -> c.alpha2().equals(code)).isPresent();
    }

    boolean isGroup(String id) {
        return regime.geography().group(id).isPresent();
    }

    /** The members of a regime group on {@code date} (groups have dated memberships: the UK left the EU). */
    List<String> groupMembers(String id, LocalDate date) {
        Optional<CountryGroup> g = regime.geography().group(id);
        return g.map(x -> List.copyOf(x.membersOn(date))).orElse(List.of());
    }

    String unknownCountry(String token) {
        String near = regime.geography().country(token).map(Country::alpha2).orElse(nearest(token, names()));
        return "unknown country or group '" + token + "'" + (near == null ? "" : " (did you mean '" + near + "'?)")
                + "; expected a country code of the regime (ISO 3166 alpha-2), a country group of the regime ("
                + String.join(", ", groupIds()) + ") or a name under groups:";
    }

    String unknownRegion(String id) {
        String near = nearest(id, names());
        return "unknown region '" + id + "'" + (near == null ? "" : " (did you mean '" + near + "'?)")
                + "; a region id is a country code of the regime (ISO 3166 alpha-2), a country group of the regime ("
                + String.join(", ", groupIds()) + "), or the region says aggregate: true and lists its countries";
    }

    private List<String> groupIds() {
        return regime.geography().groups().stream().map(CountryGroup::id).filter(g -> !g.equals(Regime.COLUMN2_GROUP)).toList();
    }

    private List<String> names() {
        List<String> all = new ArrayList<>(groupIds());
        for (Country c : regime.geography().countries()) all.add(c.alpha2());
        return all;
    }

    private static List<String> examples(List<String> ids, String... preferred) {
        List<String> out = new ArrayList<>();
        for (String p : preferred) if (ids.contains(p)) out.add(p);
        if (out.isEmpty()) out.addAll(ids.subList(0, Math.min(4, ids.size())));
        return out;
    }

    /**
     * The known name closest to {@code s}: the same name in another case, else one within edit distance 1
     * (names of 4–6 characters) or 2 (longer); two-letter codes are too dense for a guess.
     */
    static String nearest(String s, List<String> known) {
        for (String k : known) if (k.equalsIgnoreCase(s)) return k;
        if (s.length() < 4) return null;
        int limit = s.length() <= 6 ? 1 : 2;
        String best = null;
        int bestD = Integer.MAX_VALUE;
        String lower = s.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int d = distance(lower, k.toLowerCase(Locale.ROOT), limit);
            if (d <= limit && d < bestD) {
                best = k;
                bestD = d;
            }
        }
        return best;
    }

    /** Levenshtein distance, or a number above {@code limit} as soon as it must exceed it. */
    private static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) return limit + 1;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
