package lodestone.regime.measure;

import java.util.List;
import java.util.Set;

/**
 * Which goods a measure covers: codes at any level (chapter, heading, subheading, line) as digit
 * prefixes, minus exclusions. A measure on a heading is inherited by every declarable line below it.
 *
 * @param all      true for every good (then {@code includes} is empty)
 * @param includes digit prefixes covered
 * @param excludes digit prefixes carved out
 */
public record ProductScope(boolean all, Set<String> includes, Set<String> excludes) {

    public ProductScope {
        includes = Set.copyOf(includes);
        excludes = Set.copyOf(excludes);
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
        if (all && o.all) return true;
        if (all || o.all) { // the listed scope overlaps the whole-schedule one unless the latter excludes all it lists
            ProductScope whole = all ? this : o;
            ProductScope listed = all ? o : this;
            for (String b : listed.includes) {
                if (!anyPrefixIn(b, whole.excludes) && !anyPrefixIn(b, listed.excludes)) return true;
            }
            return false;
        }
        for (String a : includes) {
            for (String b : o.includes) {
                if (!(a.startsWith(b) || b.startsWith(a))) continue;
                // the goods both cover are those under the longer code, unless either scope excludes them
                String common = a.length() >= b.length() ? a : b;
                if (anyPrefixIn(common, excludes) || anyPrefixIn(common, o.excludes)) continue;
                return true;
            }
        }
        return false;
    }

    public List<String> sortedIncludes() {
        return includes.stream().sorted().toList();
    }
}
