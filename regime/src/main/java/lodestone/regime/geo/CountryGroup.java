package lodestone.regime.geo;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A named group of countries whose membership changes over time (EU-27, CAFTA-DR, the members of
 * an agreement). A measure that names a group applies to the members on the entry date.
 */
public record CountryGroup(String id, String name, String description, List<Membership> members, String source) {

    public CountryGroup {
        members = List.copyOf(members);
    }

    public boolean contains(String country, LocalDate date) {
        for (Membership m : members) {
            if (m.country().equals(country) && m.validity().contains(date)) return true;
        }
        return false;
    }

    /** Members on a date. */
    public Set<String> membersOn(LocalDate date) {
        Set<String> out = new LinkedHashSet<>();
        for (Membership m : members) if (m.validity().contains(date)) out.add(m.country());
        return out;
    }

    /** Every country that is a member at any time. */
    public Set<String> everMembers() {
        Set<String> out = new LinkedHashSet<>();
        for (Membership m : members) out.add(m.country());
        return out;
    }
}
