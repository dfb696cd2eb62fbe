package lodestone.regime.measure;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProductScopeTest {
    @Test
    void aHeadingCoversItsLinesUnlessCarvedOut() {
        ProductScope s = new ProductScope(false, Set.of("2613", "8102"), Set.of("810299"));
        assertThat(s.covers("2613100000")).isTrue();
        assertThat(s.covers("8102990000")).isFalse();
        assertThat(s.covers("8102100000")).isTrue();
        assertThat(s.covers("2614000000")).isFalse();
        assertThat(new ProductScope(true, Set.of(), Set.of("98")).covers("9801000000")).isFalse();
    }

    /** Why a line is outside a scope: each exclusion that catches it, the narrowest first, with the list it came from. */
    @Test
    void theExclusionsOfALineNameTheirLists() {
        ProductScope s = new ProductScope(true, Set.of(), Set.of("98", "81", "810299"),
                java.util.Map.of("810299", "scopes/annex.csv: Goods of Annex II (heading 9903.01.32)."));
        assertThat(s.exclusionsOf("8102990000")).containsExactly("8102.99 on scopes/annex.csv: Goods of Annex II (heading 9903.01.32).", "81");
        assertThat(s.exclusionsOf("9801000000")).containsExactly("98");
        assertThat(s.exclusionsOf("2613100000")).isEmpty();
    }

    /**
     * Whether two scopes may share a line, answered by binary search on sorted inclusions, agrees with comparing every
     * pair of inclusions (the old way, 0.7 s of loading the bundled regime) on seeded scopes near one another.
     */
    @Test
    void mayOverlapAgreesWithComparingEveryPair() {
        Random rnd = new Random(20261205L);
        int overlapping = 0;
        for (int k = 0; k < 20_000; k++) {
            String root = digits(rnd, 4);
            ProductScope a = near(rnd, root), b = near(rnd, root);
            boolean want = everyPair(a, b);
            assertThat(a.mayOverlap(b)).as("%s vs %s", a, b).isEqualTo(want);
            assertThat(b.mayOverlap(a)).as("%s vs %s", b, a).isEqualTo(want);
            if (want) overlapping++;
        }
        assertThat(overlapping).as("seeded pairs that overlap").isBetween(2_000, 18_000);
    }

    private static ProductScope near(Random rnd, String root) {
        Set<String> inc = new HashSet<>();
        Set<String> exc = new HashSet<>();
        for (int i = 1 + rnd.nextInt(6); i > 0; i--) inc.add((root + digits(rnd, 6)).substring(0, 2 + rnd.nextInt(9)));
        for (int i = rnd.nextInt(3); i > 0; i--) exc.add((root + digits(rnd, 6)).substring(0, 4 + rnd.nextInt(7)));
        return new ProductScope(false, inc, exc);
    }

    /** The old answer: every pair of inclusions in a prefix relation, the longer code not excluded by either scope. */
    private static boolean everyPair(ProductScope x, ProductScope y) {
        for (String a : x.includes()) {
            for (String b : y.includes()) {
                if (!(a.startsWith(b) || b.startsWith(a))) continue;
                String common = a.length() >= b.length() ? a : b;
                if (excludedBy(common, x) || excludedBy(common, y)) continue;
                return true;
            }
        }
        return false;
    }

    private static boolean excludedBy(String code, ProductScope s) {
        for (int len = 2; len <= code.length(); len++) if (s.excludes().contains(code.substring(0, len))) return true;
        return false;
    }

    /** The per-line prefix form the assessor compiles plans with answers exactly as {@link ProductScope#covers}. */
    @Test
    void prefixFormAgreesWithCoversOnSeededScopesAndLines() {
        Random rnd = new Random(20261204L);
        for (int k = 0; k < 20_000; k++) {
            String line = digits(rnd, 10);
            Set<String> inc = new HashSet<>();
            Set<String> exc = new HashSet<>();
            for (int i = rnd.nextInt(4); i > 0; i--) inc.add(rnd.nextBoolean() ? line.substring(0, 2 + rnd.nextInt(9)) : digits(rnd, 2 + rnd.nextInt(9)));
            for (int i = rnd.nextInt(3); i > 0; i--) exc.add(rnd.nextBoolean() ? line.substring(0, 2 + rnd.nextInt(9)) : digits(rnd, 2 + rnd.nextInt(9)));
            boolean all = rnd.nextInt(4) == 0;
            ProductScope s = new ProductScope(all, all ? Set.of() : inc, exc);
            String[] pre = ProductScope.prefixes(line);
            assertThat(s.coversPrefixes(pre)).as("%s %s", s, line).isEqualTo(s.covers(line));
            assertThat(s.includesPrefixes(pre)).isEqualTo(new ProductScope(all, all ? Set.of() : inc, Set.of()).covers(line));
        }
    }

    private static String digits(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((char) ('0' + rnd.nextInt(3))); // few digits: prefixes often shared
        return b.toString();
    }
}
