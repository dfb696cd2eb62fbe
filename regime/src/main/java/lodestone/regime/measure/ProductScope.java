package lodestone.regime.measure;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which goods a measure covers: codes at any level (chapter, heading, subheading, line) as digit
 * prefixes, minus exclusions. A measure on a heading is inherited by every declarable line below it.
 *
 * @param all      true for every good (then {@code includes} is empty)
 * @param includes digit prefixes covered
 * @param excludes digit prefixes carved out
 * @param excludedBy for an excluded prefix read from a product-list file ({@code exclude-file}), what carves it out: the
 *                   file as the measure names it and the description its first comment line gives (an annex of
 *                   exemptions and its legal home), for the trail to cite; a prefix written in the measure has none
 */
public record ProductScope(boolean all, Set<String> includes, Set<String> excludes, Map<String, String> excludedBy) {

    public ProductScope {
        includes = Set.copyOf(includes);
        excludes = Set.copyOf(excludes);
        excludedBy = Map.copyOf(excludedBy);
    }

    public ProductScope(boolean all, Set<String> includes, Set<String> excludes) {
        this(all, includes, excludes, Map.of());
    }

    /**
     * Why the line with these digits is outside the scope: the exclusions that catch it, the narrowest first, each as
     * {@code "code"} (written in the measure) or {@code "code on FILE: DESCRIPTION"} (from a product-list file); empty
     * when no exclusion catches it.
     */
    public List<String> exclusionsOf(String digits) {
        List<String> out = new java.util.ArrayList<>();
        for (int len = digits.length(); len >= 2; len--) {
            String p = digits.substring(0, len);
            if (!excludes.contains(p)) continue;
            String by = excludedBy.get(p);
            String code = lodestone.regime.nomenclature.Nomenclature.dotted(p);
            out.add(by == null ? code : code + " on " + by);
        }
        return out;
    }

    /** Does the scope cover the line with these digits? Prefixes of length 2–10 are checked. */
    public boolean covers(String digits) {
        if (anyPrefixIn(digits, excludes)) return false;
        return all || anyPrefixIn(digits, includes);
    }

    /** A line's digit prefixes of length 2 and up, for {@link #coversPrefixes} over many scopes. */
    public static String[] prefixes(String digits) {
        int n = Math.max(0, digits.length() - 1);
        String[] out = new String[n];
        for (int len = 2; len <= digits.length(); len++) out[len - 2] = digits.substring(0, len);
        return out;
    }

    /** {@link #covers} for a line given by its {@link #prefixes}: no substring built per scope. */
    public boolean coversPrefixes(String[] prefixes) {
        return !anyIn(prefixes, excludes) && includesPrefixes(prefixes);
    }

    /** Whether the scope's inclusions cover the line (its exclusions not considered). */
    public boolean includesPrefixes(String[] prefixes) {
        return all || anyIn(prefixes, includes);
    }

    private static boolean anyIn(String[] prefixes, Set<String> set) {
        if (set.isEmpty()) return false;
        for (String p : prefixes) if (set.contains(p)) return true;
        return false;
    }

    private static boolean anyPrefixIn(String digits, Set<String> set) {
        if (set.isEmpty()) return false;
        for (int len = 2; len <= digits.length(); len++) {
            if (set.contains(digits.substring(0, len))) return true;
        }
        return false;
    }

    /** Could the two scopes share a line? (exclusions ignored: a conservative answer) */
    public boolean mayOverlap(ProductScope o) {
        return mayOverlap(o, sortedIncludeArray(), o.sortedIncludeArray());
    }

    /** The inclusions sorted, for {@link #mayOverlap(ProductScope, String[], String[])} (a caller comparing many pairs keeps them). */
    public String[] sortedIncludeArray() {
        String[] a = includes.toArray(new String[0]);
        java.util.Arrays.sort(a);
        return a;
    }

    /**
     * {@link #mayOverlap(ProductScope)} with each scope's inclusions already sorted: every inclusion of the smaller scope is
     * looked up in the larger by binary search — the codes it is a prefix of, then its own prefixes — instead of comparing
     * every pair (two product lists of thousands of codes were millions of comparisons: 0.7 s of loading the bundled regime).
     */
    public boolean mayOverlap(ProductScope o, String[] mine, String[] theirs) {
        if (all && o.all) return true;
        if (all || o.all) { // the listed scope overlaps the whole-schedule one unless the latter excludes all it lists
            ProductScope whole = all ? this : o;
            ProductScope listed = all ? o : this;
            for (String b : listed.includes) {
                if (!anyPrefixIn(b, whole.excludes) && !anyPrefixIn(b, listed.excludes)) return true;
            }
            return false;
        }
        String[] small = mine.length <= theirs.length ? mine : theirs;
        String[] big = small == mine ? theirs : mine;
        for (String a : small) {
            // codes of the other scope under a (a itself included): the goods both cover are under the longer code
            int i = java.util.Arrays.binarySearch(big, a);
            for (int k = i >= 0 ? i : -i - 1; k < big.length && big[k].startsWith(a); k++) {
                if (!excluded(big[k], o)) return true;
            }
            // codes of the other scope above a (its proper prefixes): the goods both cover are under a
            for (int len = 2; len < a.length(); len++) {
                if (java.util.Arrays.binarySearch(big, a.substring(0, len)) >= 0) {
                    if (!excluded(a, o)) return true;
                    break; // (a's own exclusion test does not depend on which prefix matched)
                }
            }
        }
        return false;
    }

    private boolean excluded(String common, ProductScope o) {
        return anyPrefixIn(common, excludes) || anyPrefixIn(common, o.excludes);
    }

    public List<String> sortedIncludes() {
        return includes.stream().sorted().toList();
    }
}
