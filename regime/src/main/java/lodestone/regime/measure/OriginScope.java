package lodestone.regime.measure;

import lodestone.regime.geo.Geography;

import java.time.LocalDate;
import java.util.List;

/**
 * Which origins a measure covers: groups, countries or ALL, minus excluded groups or countries —
 * e.g. a price-floor levy on ALL origins except the members of the club, resolved on the entry date.
 */
public record OriginScope(List<String> includes, List<String> excludes) {

    public OriginScope {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    public boolean covers(String country, LocalDate date, Geography geo) {
        for (String x : excludes) if (geo.covers(x, country, date)) return false;
        for (String i : includes) if (geo.covers(i, country, date)) return true;
        return false;
    }
}
