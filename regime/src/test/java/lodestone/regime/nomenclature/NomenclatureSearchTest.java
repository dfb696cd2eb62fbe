package lodestone.regime.nomenclature;

import lodestone.regime.MiniRegime;
import lodestone.regime.Regime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prefix searches behind code resolution and "nearest valid codes" (searched within a heading's codes since
 * the heading index) against the obvious answer — a range of a sorted map of every coded line — on the whole bundled schedule: every
 * code's prefixes, and seeded random codes near real ones, unknown ones among them.
 */
class NomenclatureSearchTest {
    static Nomenclature hts;
    static TreeMap<String, HtsLine> all = new TreeMap<>();

    @BeforeAll
    static void load() {
        Regime r = Regime.load(MiniRegime.repoRoot().resolve("data/regime"));
        hts = r.hts();
        for (HtsLine l : hts.lines()) if (l.coded()) all.putIfAbsent(l.digits(), l);
    }

    /** The lines whose digits start with {@code d}, in code order: a range of a sorted map of every coded line. */
    static List<HtsLine> obvious(String d) {
        return new ArrayList<>(all.subMap(d, true, d + Character.MAX_VALUE, false).values());
    }

    @Test
    void prefixesOfEveryCodeFindWhatTestingEveryLineFinds() {
        SplittableRandom rnd = new SplittableRandom(7);
        int checked = 0;
        for (String d : all.keySet()) {
            if (rnd.nextInt(20) != 0) continue; // every twentieth code, each of its prefixes
            for (int len = 2; len <= d.length(); len++) {
                String p = d.substring(0, len);
                assertThat(hts.withPrefix(p)).as(p).containsExactlyElementsOf(obvious(p));
                assertThat(hts.hasPrefix(p)).as(p).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(2_000);
    }

    @Test
    void codesNearRealOnesResolveAndSuggestAsTheObviousSearchDoes() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<String> codes = new ArrayList<>(all.keySet());
        int unknown = 0;
        for (int i = 0; i < 3_000; i++) {
            char[] c = codes.get(rnd.nextInt(codes.size())).toCharArray();
            c[rnd.nextInt(c.length)] = (char) ('0' + rnd.nextInt(10)); // one digit changed, often to an unknown code
            String d = new String(c);
            List<HtsLine> below = obvious(d);
            HtsLine exact = all.get(d);
            HtsLine expected = exact != null ? exact : below.size() == 1 ? below.get(0) : null;
            assertThat(hts.resolve(d).orElse(null)).as(d).isEqualTo(expected);
            assertThat(hts.hasPrefix(d)).as(d).isEqualTo(!below.isEmpty());
            if (expected == null) {
                unknown++;
                List<String> near = new ArrayList<>();
                for (int len = Math.min(d.length(), 10); len >= 2 && near.isEmpty(); len--) {
                    List<HtsLine> under = obvious(d.substring(0, len));
                    if (under.isEmpty()) continue;
                    for (HtsLine l : under) {
                        if (near.size() >= 5) break;
                        if (l.declarable() || l.digits().length() == 8) near.add(l.code());
                    }
                    break;
                }
                assertThat(hts.nearest(d, 5)).as(d).isEqualTo(near);
            }
        }
        assertThat(unknown).isGreaterThan(500);
    }

    @Test
    void theFirstAndLastHeadingsAndShortPrefixes() {
        assertThat(hts.withPrefix("0")).containsExactlyElementsOf(obvious("0"));
        assertThat(hts.withPrefix("99")).containsExactlyElementsOf(obvious("99"));
        assertThat(hts.withPrefix("9999")).containsExactlyElementsOf(obvious("9999"));
        assertThat(hts.withPrefix("0000")).isEmpty();
        assertThat(hts.hasPrefix("2846")).isTrue();
        assertThat(hts.resolve("9999.99.99.99")).isEmpty();
    }
}
