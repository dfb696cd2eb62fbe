package lodestone.regime;

import lodestone.regime.measure.ProductScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The overlap check of equivalent measures compares only measures whose inclusions share a chapter or heading (an index,
 * not every pair). Seeded groups of random measures under one heading — whole-schedule scopes, chapters, headings,
 * lines, single countries and ALL, open and closed dates — must give exactly the pairs that comparing
 * every pair gives.
 */
class OverlapIndexTest {
    @TempDir
    Path tmp;

    private static final String[] CODES = {"26", "2613", "261310", "2613100000", "2613900000", "28", "2846", "284610",
            "2846100010", "2846100050", "284690", "28469020", "2846902005", "2846902040", "28469080", "2846908090", "74",
            "7408", "7408116000", "85", "8507", "8507600020"};
    private static final String[] COUNTRIES = {"CN", "JP", "FR", "CL", "GB"};

    private record M(String id, boolean all, Set<String> inc, Set<String> origins, LocalDate from, LocalDate to) {}

    @Test
    void theIndexFindsExactlyThePairsEveryPairComparisonFinds() {
        for (int seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            List<M> ms = new ArrayList<>();
            int n = 120;
            for (int i = 0; i < n; i++) {
                boolean all = r.nextInt(25) == 0;
                Set<String> inc = new HashSet<>();
                if (!all) for (int k = 1 + r.nextInt(3); k > 0; k--) inc.add(CODES[r.nextInt(CODES.length)]);
                Set<String> origins = new HashSet<>();
                if (r.nextInt(20) == 0) origins.add("ALL");
                else for (int k = 1 + r.nextInt(2); k > 0; k--) origins.add(COUNTRIES[r.nextInt(COUNTRIES.length)]);
                LocalDate from = LocalDate.of(2027, 1, 1).plusDays(r.nextInt(3000));
                LocalDate to = r.nextBoolean() ? null : from.plusDays(r.nextInt(400));
                ms.add(new M("x" + i, all, inc, origins, from, to));
            }
            StringBuilder y = new StringBuilder();
            for (M m : ms) {
                y.append("  - id: ").append(m.id()).append("\n    type: additional-duty\n    title: Random ").append(m.id())
                        .append("\n    products: ").append(m.all() ? "{all: true}" : "{include: " + quoted(m.inc()) + "}")
                        .append("\n    origins: {include: [").append(String.join(", ", m.origins())).append("]}")
                        .append("\n    valid: {from: ").append(m.from()).append(m.to() == null ? "" : ", to: " + m.to()).append("}")
                        .append("\n    duty: \"5%\"\n    legal-base: {heading: \"9903.99.77\", instrument: test}\n");
            }
            MiniRegime mini = MiniRegime.copyTo(tmp.resolve("s" + seed)).append("measures.yaml", y.toString());
            RegimeInvalidException e = catchThrowableOfType(RegimeInvalidException.class, () -> Regime.load(mini.dir()));
            List<String> found = new ArrayList<>();
            Pattern pair = Pattern.compile("overlapping equivalent measures: '(x\\d+)' and '(x\\d+)'");
            if (e != null) {
                for (Problem p : e.problems()) {
                    Matcher mt = pair.matcher(p.toString());
                    assertThat(mt.find()).as("only overlap problems: " + p).isTrue();
                    found.add(mt.group(2) + "<" + mt.group(1));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    M a = ms.get(i), b = ms.get(j);
                    boolean dates = (a.to() == null || !b.from().isAfter(a.to())) && (b.to() == null || !a.from().isAfter(b.to()));
                    boolean origins = a.origins().contains("ALL") || b.origins().contains("ALL")
                            || a.origins().stream().anyMatch(b.origins()::contains);
                    boolean goods = new ProductScope(a.all(), a.inc(), Set.of()).mayOverlap(new ProductScope(b.all(), b.inc(), Set.of()));
                    if (dates && origins && goods) expected.add(a.id() + "<" + b.id());
                }
            }
            assertThat(expected).as("seed " + seed + " has overlaps to find").hasSizeGreaterThan(5);
            assertThat(found).as("seed " + seed).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static String quoted(Set<String> codes) {
        return "[" + String.join(", ", codes.stream().sorted().map(c -> "\"" + c + "\"").toList()) + "]";
    }
}
