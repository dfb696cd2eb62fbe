package lodestone.regime;

import lodestone.regime.measure.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Stacking rules (docs/regime-format.md, "Stacking rules"): a citation per displaced pair, refused when it explains nothing. */
class StackingRulesTest {

    @TempDir
    Path tmp;

    private static final String RULE = """
            stacking:
              - id: s232-s122
                measures: [copper-232]
                displaces: ["9903.03.01"]
                citation: "Proclamation of 2026-02-20, cl. (4): the surcharge does not apply in addition to Section 232 tariffs"
                source: "whitehouse.gov page of the proclamation"
            """;

    private MiniRegime withStacking(String name, String yaml) throws IOException {
        MiniRegime m = MiniRegime.copyTo(tmp.resolve(name)).append("regime.yaml", "  stacking: [stacking.yaml]\n");
        Files.writeString(m.dir().resolve("stacking.yaml"), yaml);
        return m;
    }

    private static List<String> problems(Runnable load) {
        RegimeInvalidException e = catchThrowableOfType(RegimeInvalidException.class, load::run);
        assertThat(e).as("the regime should be refused").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aRuleCitesThePairItExplainsAndAPairWithoutARuleSaysSo() throws IOException {
        Regime r = withStacking("ok", RULE).load();
        Measure copper = r.measure("copper-232").orElseThrow();
        Measure s122 = r.measure("s122").orElseThrow();
        assertThat(r.displacedBy(copper)).containsExactly(s122);
        assertThat(r.stackingCitation(copper, s122)).isEqualTo("does not stack — s232-s122: Proclamation of 2026-02-20, cl. (4): "
                + "the surcharge does not apply in addition to Section 232 tariffs");
        Regime bare = MiniRegime.copyTo(tmp.resolve("bare")).load();
        assertThat(bare.stackingCitation(bare.measure("copper-232").orElseThrow(), bare.measure("s122").orElseThrow()))
                .isEqualTo("does not stack — no stacking rule of the regime cites this pair");
    }

    @Test
    void aRuleWithoutACitationSaysWhatCouldNotBeSourced() throws IOException {
        Regime r = withStacking("unsourced", RULE.replace(
                "citation: \"Proclamation of 2026-02-20, cl. (4): the surcharge does not apply in addition to Section 232 tariffs\"",
                "citation-not-sourced: \"the text of the clause is in no source here\"")).load();
        assertThat(r.stackingCitation(r.measure("copper-232").orElseThrow(), r.measure("s122").orElseThrow()))
                .isEqualTo("does not stack — s232-s122: citation not sourced — the text of the clause is in no source here");
    }

    /**
     * {@code regime diff --regime A --against B} said nothing of the stacking rules: a rule added, removed, or whose
     * citation became sourced between two regimes — what a protest cites — read as "no difference".
     */
    @Test
    void compareWithNamesStackingRulesAddedRemovedAndChanged() throws IOException {
        Regime bare = MiniRegime.copyTo(tmp.resolve("bare")).load();
        Regime ruled = withStacking("ruled", RULE).load();
        Regime unsourced = withStacking("unsourced", RULE.replace(
                "citation: \"Proclamation of 2026-02-20, cl. (4): the surcharge does not apply in addition to Section 232 tariffs\"",
                "citation-not-sourced: \"the clause is in no source here\"")).load();
        String cited = "Proclamation of 2026-02-20, cl. (4): the surcharge does not apply in addition to Section 232 tariffs";
        assertThat(ruled.compareWith(bare)).extracting(c -> c.kind() + " " + c.what() + " " + c.id() + ": " + c.detail()).containsExactly(
                "added stacking s232-s122: [copper-232] not stacked on [9903.03.01] — " + cited + " · "
                        + tmp.resolve("ruled").resolve("stacking.yaml") + ":2");
        assertThat(bare.compareWith(ruled)).extracting(c -> c.kind() + " " + c.what() + " " + c.id() + ": " + c.detail()).containsExactly(
                "removed stacking s232-s122: [copper-232] not stacked on [9903.03.01] — " + cited);
        assertThat(ruled.compareWith(unsourced)).extracting(c -> c.kind() + " " + c.what() + " " + c.id() + ": " + c.detail()).containsExactly(
                "changed stacking s232-s122: citation not sourced — the clause is in no source here → " + cited);
        assertThat(ruled.compareWith(ruled)).isEmpty();
    }

    @Test
    void rulesThatNameNoMeasureExplainNoPairOrCiteNothingAreRefused() throws IOException {
        MiniRegime bad = withStacking("bad", """
                stacking:
                  - id: typo
                    measures: [copper-233]
                    displaces: ["9903.03.01"]
                    citation: "a"
                  - id: reversed
                    measures: [s122]
                    displaces: [copper-232]
                    citation: "b"
                  - id: uncited
                    measures: [copper-232]
                    displaces: [s122]
                  - id: both
                    measures: [copper-232]
                    displaces: [s122]
                    citation: "c"
                    citation-not-sourced: "d"
                  - id: typo
                    measures: [copper-232]
                    displaces: [s122]
                    citation: "e"
                """);
        Path f = bad.dir().resolve("stacking.yaml");
        assertThat(problems(bad::load)).containsExactly(
                f + ":3: stacking[0].measures[0]: unknown measure 'copper-233'; expected a measure id of this regime, or a Chapter 99 "
                        + "heading (or either as a prefix ending in *)",
                f + ":8: stacking[1].displaces: no measure of 'measures' names a measure of 'displaces' in its displaces; expected a "
                        + "pair the regime's measures make (a stacking rule explains a displaces entry, it does not make one)",
                f + ":10: stacking[2].citation: missing; expected the legal text that says these measures do not stack, or "
                        + "citation-not-sourced: what could not be found",
                f + ":16: stacking[3].citation: both citation and citation-not-sourced are given; expected one",
                f + ":18: stacking[4].id: stacking rule typo is written twice; expected one rule per id");
    }

    @Test
    void everyDisplacedPairOfTheBundledRegimeIsCitedByARule() {
        Regime r = Regime.bundled();
        List<String> uncited = new ArrayList<>();
        for (Measure m : r.measures()) {
            for (Measure y : r.displacedBy(m)) {
                if (r.stackingRules(m, y).isEmpty()) uncited.add(m.id() + " > " + y.id());
            }
        }
        assertThat(uncited).isEmpty();
    }
}
