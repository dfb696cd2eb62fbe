package lodestone.border;

import lodestone.border.bulk.BulkAssessment;
import lodestone.border.bulk.BulkReader;
import lodestone.border.bulk.EntryGenerator;
import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk fast path's compiled plan is shared: lines with the same measures share one recipe row, and equal
 * compiled steps (the charges of a date window) are one object. Without it BulkBench's million lines reached
 * ~29,000 separately compiled steps — megabytes of plan data, so that most look-ups missed the cache.
 */
class FastPathPlanTest {
    @Test
    void equalStepsAreOneObjectAndLinesShareRows() throws IOException {
        Assessor a = Assessor.compile(Regime.open(BundledRegimeAssessmentTest.regimeDir().resolve("regime.yaml").toString()));
        StringWriter gen = new StringWriter();
        new EntryGenerator(a.regime(), 5L).write(gen, 30_000);
        int fast = 0;
        try (BulkReader r = BulkReader.open(new java.io.ByteArrayInputStream(gen.toString().getBytes(StandardCharsets.UTF_8)),
                BulkAssessment.Format.CSV, "gen.csv", false)) {
            while (r.next()) {
                if (r.entry() != null && a.fastPathTakes(r.entry())) fast++;
            }
        }
        assertThat(fast).isGreaterThan(20_000);
        List<FastPath.Step> steps = a.fastPath().stepsInUse();
        Set<List<Object>> contents = new HashSet<>();
        for (FastPath.Step s : steps) contents.add(content(s));
        assertThat(steps).as("compiled steps in use").hasSizeGreaterThan(10);
        assertThat(contents).as("distinct contents of the compiled steps in use").hasSameSizeAs(steps);
        int[] rl = a.fastPath().rowsAndLines();
        assertThat(rl[1]).as("lines compiled").isGreaterThan(1_000);
        assertThat(rl[0]).as("recipe rows they share").isLessThan(rl[1] / 5);
    }

    /**
     * A line's plan is built by testing every measure's scope (the first plans) and then from prefix indexes of the
     * measures' inclusions and exclusions: the same candidates and carve-outs, in the same order, either way (every fifth
     * declarable line of the whole schedule, under both bundled regimes — the first {@code INDEX_AFTER} by the scan).
     */
    @Test
    void planCandidatesFromTheIndexesMatchTestingEveryScope() {
        for (String file : List.of("regime.yaml", "regime-plurilateral.yaml")) {
            Assessor a = Assessor.compile(Regime.open(BundledRegimeAssessmentTest.regimeDir().resolve(file).toString()));
            int checked = 0;
            int carved = 0;
            int k = 0;
            for (var line : a.regime().hts().lines()) {
                if (!line.declarable() || k++ % 5 != 0) continue;
                String[] prefixes = lodestone.regime.measure.ProductScope.prefixes(line.digits());
                List<Integer> c = new ArrayList<>();
                List<Integer> x = new ArrayList<>();
                for (int i = 0; i < a.regime().measures().size(); i++) {
                    var scope = a.regime().measures().get(i).products();
                    if (!scope.includesPrefixes(prefixes)) continue;
                    if (scope.coversPrefixes(prefixes)) c.add(i);
                    else x.add(i);
                }
                CompiledPlan.LinePlan plan = a.plan(line);
                assertThat(java.util.Arrays.stream(plan.candidates()).boxed().toList()).as("%s candidates under %s", line.code(), file).containsExactlyElementsOf(c);
                assertThat(java.util.Arrays.stream(plan.carvedOut()).boxed().toList()).as("%s carved out under %s", line.code(), file).containsExactlyElementsOf(x);
                checked++;
                if (!x.isEmpty()) carved++;
            }
            assertThat(checked).isGreaterThan(2_000);
            assertThat(carved).as("lines with a carve-out under %s", file).isGreaterThan(10);
        }
    }

    /** A step's content, arrays compared by their elements (conditions by their tests, not their identity). */
    private static List<Object> content(Object o) {
        List<Object> out = new ArrayList<>();
        for (var c : o.getClass().getRecordComponents()) {
            try {
                out.add(deep(c.getAccessor().invoke(o)));
            } catch (ReflectiveOperationException x) {
                throw new AssertionError(x);
            }
        }
        return out;
    }

    private static Object deep(Object v) {
        if (v == null) return null;
        if (v instanceof Object[] arr) {
            List<Object> l = new ArrayList<>();
            for (Object x : arr) l.add(deep(x));
            return l;
        }
        if (v.getClass().isArray()) { // a primitive array: its elements
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) l.add(java.lang.reflect.Array.get(v, i));
            return l;
        }
        if (v.getClass().isRecord()) return content(v);
        return v;
    }
}
