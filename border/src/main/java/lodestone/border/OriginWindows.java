package lodestone.border;

import lodestone.regime.Validity;
import lodestone.regime.geo.CountryGroup;
import lodestone.regime.geo.Geography;
import lodestone.regime.geo.Membership;
import lodestone.regime.measure.OriginScope;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An origin scope compiled into, per country, the days on which it is covered (included and not
 * excluded), as sorted disjoint intervals of epoch days. Resolving groups and their dated
 * memberships once at compile time turns the per-line origin test into a hash lookup and a scan of
 * (almost always) one interval, instead of walking group member lists for every line.
 */
final class OriginWindows {
    private static final long MIN = Long.MIN_VALUE / 4;
    private static final long MAX = Long.MAX_VALUE / 4;
    private static final long[] ALWAYS = {MIN, MAX};

    private final Map<String, long[]> byCountry = new HashMap<>();
    private final boolean allCountries;
    private final long[] allExcept; // for ALL: windows for countries with no entry
    private final long[][] byIndex; // the same windows by country index (see CountryIndex), null when never covered

    OriginWindows(OriginScope scope, Geography geo) {
        this(scope, geo, null);
    }

    OriginWindows(OriginScope scope, Geography geo, List<String> countryIndex) {
        boolean all = scope.includes().contains(Geography.ALL);
        this.allCountries = all;
        List<String> countries = new ArrayList<>();
        for (var c : geo.countries()) countries.add(c.alpha2());
        for (String c : countries) {
            long[] inc = all ? ALWAYS : union(windows(scope.includes(), c, geo));
            if (inc.length == 0) continue;
            long[] exc = union(windows(scope.excludes(), c, geo));
            long[] cov = subtract(inc, exc);
            if (!all || cov.length != 2 || cov[0] != MIN || cov[1] != MAX) byCountry.put(c, cov);
        }
        this.allExcept = all ? ALWAYS : new long[0];
        if (countryIndex == null) {
            this.byIndex = null;
        } else {
            this.byIndex = new long[countryIndex.size()][];
            for (int i = 0; i < byIndex.length; i++) {
                long[] w = byCountry.get(countryIndex.get(i));
                byIndex[i] = w != null ? w : all ? allExcept : null;
            }
        }
    }

    /** The covered days of a country (by index) as sorted [from, to] pairs, or null: the bulk fast path's date windows. */
    long[] windows(int country) {
        return byIndex[country];
    }

    /** Does the scope cover the country (by index) on any day at all? */
    boolean ever(int country) {
        long[] w = byIndex[country];
        return w != null && w.length > 0;
    }

    /** {@link #covers(String, LocalDate)} for a country by its index, on an epoch day: the bulk path's form. */
    boolean covers(int country, long day) {
        long[] w = byIndex[country];
        if (w == null) return false;
        for (int i = 0; i < w.length; i += 2) {
            if (day < w[i]) return false;
            if (day <= w[i + 1]) return true;
        }
        return false;
    }

    boolean covers(String country, LocalDate date) {
        long[] w = byCountry.get(country);
        if (w == null) w = allCountries ? allExcept : null;
        if (w == null) return false;
        long d = date.toEpochDay();
        for (int i = 0; i < w.length; i += 2) {
            if (d < w[i]) return false;
            if (d <= w[i + 1]) return true;
        }
        return false;
    }

    private static List<long[]> windows(List<String> tokens, String country, Geography geo) {
        List<long[]> out = new ArrayList<>();
        for (String t : tokens) {
            if (t.equals(Geography.ALL) || t.equals(country)) {
                out.add(ALWAYS.clone());
                continue;
            }
            CountryGroup g = geo.group(t).orElse(null);
            if (g == null) continue;
            for (Membership m : g.members()) {
                if (m.country().equals(country)) out.add(interval(m.validity()));
            }
        }
        return out;
    }

    private static long[] interval(Validity v) {
        return new long[]{v.from() == null ? MIN : v.from().toEpochDay(), v.to() == null ? MAX : v.to().toEpochDay()};
    }

    /** Sorted, merged [from, to] pairs. */
    private static long[] union(List<long[]> ws) {
        ws.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] w : ws) {
            if (!merged.isEmpty() && w[0] <= merged.get(merged.size() - 1)[1] + 1) {
                long[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], w[1]);
            } else {
                merged.add(w.clone());
            }
        }
        long[] out = new long[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            out[2 * i] = merged.get(i)[0];
            out[2 * i + 1] = merged.get(i)[1];
        }
        return out;
    }

    /** a − b for sorted disjoint interval lists. */
    private static long[] subtract(long[] a, long[] b) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < a.length; i += 2) {
            long s = a[i];
            long e = a[i + 1];
            for (int j = 0; j < b.length && s <= e; j += 2) {
                long bs = b[j];
                long be = b[j + 1];
                if (be < s || bs > e) continue;
                if (bs > s) {
                    out.add(s);
                    out.add(bs - 1);
                }
                s = be + 1;
            }
            if (s <= e) {
                out.add(s);
                out.add(e);
            }
        }
        long[] r = new long[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }
}
