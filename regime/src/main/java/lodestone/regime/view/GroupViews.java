package lodestone.regime.view;

import lodestone.regime.Regime;

import lodestone.regime.geo.Country;
import lodestone.regime.geo.CountryGroup;
import lodestone.regime.geo.Geography;
import lodestone.regime.geo.Membership;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static lodestone.regime.view.RegimeViews.ordered;

/**
 * The regime's country groups with their dated memberships as reports: what {@code lodestone regime groups [ID]
 * [--date D] --json} prints and {@code GET /api/groups}, {@code GET /api/groups/{id}?date=} answer. With a date, a
 * group's members are those whose membership window holds that date; without one, every membership window.
 */
public final class GroupViews {
    private GroupViews() {
    }

    /** Every group of the geography, in the regime's order. */
    public static List<Map<String, Object>> list(Regime r, LocalDate date) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CountryGroup x : r.geography().groups()) out.add(group(r, x, date));
        return out;
    }

    /**
     * One group: id, name, description, source, the date asked (or null), the number of members (on the date, or ever)
     * and the memberships — each country with its name, window (from and to inclusive, null where open) and source.
     */
    public static Map<String, Object> group(Regime r, CountryGroup x, LocalDate date) {
        Geography g = r.geography();
        List<Map<String, Object>> members = new ArrayList<>();
        for (Membership m : x.members()) {
            if (date != null && !m.validity().contains(date)) continue;
            String name = g.country(m.country()).map(Country::name).orElse(null);
            members.add(ordered("country", m.country(), "name", name,
                    "from", m.validity().from() == null ? null : m.validity().from().toString(),
                    "to", m.validity().to() == null ? null : m.validity().to().toString(), "source", m.source()));
        }
        int count = date == null ? x.everMembers().size() : x.membersOn(date).size();
        return ordered("id", x.id(), "name", x.name(), "description", x.description(), "source", x.source(),
                "date", date == null ? null : date.toString(), "member_count", count, "members", members,
                "warnings", warnings(r, date));
    }

    /** A date past the regime's horizon: memberships that began or ended since then are not known (never a silent list). */
    public static List<String> warnings(Regime r, LocalDate date) {
        String past = r.horizon().pastHorizon("the date", date, r.id(), "memberships that began or ended since then are not in this list");
        return past == null ? List.of() : List.of(past);
    }

    /** What an unknown id is answered with: the groups there are. */
    public static String unknown(Geography g, String id) {
        return "unknown group '" + id + "'; known: " + String.join(", ", g.groups().stream().map(CountryGroup::id).toList());
    }
}
