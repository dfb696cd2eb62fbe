package lodestone.spark;

import lodestone.market.MarketPath;
import lodestone.market.MonteCarlo;
import lodestone.market.PathResult;
import lodestone.market.Scenario;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The Spark sweep against the local Monte Carlo runner on the same seed: the same draws, the same means, any partitioning. */
class SparkMonteCarloTest {
    static SparkSession spark;
    static RegimePayload regime;
    static final String NAME = "gallium-2025-2035";

    @BeforeAll
    static void start() {
        spark = SparkMain.session("local[2]");
        regime = RegimePayload.of("bundled");
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    /**
     * A scenario file whose baseline sits beside it (the user's own gallium.yaml) is run by the local command on that
     * baseline; the sweep's executors read the scenario's text alone, where "gallium" is the bundled market. The sweep
     * answered for the bundled market, silently: the same file gave other figures than lodestone montecarlo. It is now
     * refused before Spark starts, saying why and what to do; a baseline the bundled one is, beside the file or not, runs.
     */
    @Test
    void aBaselineBesideTheFileIsNotSwappedForTheBundledOneOfTheSameName(@TempDir Path tmp) throws Exception {
        Path path = tmp.resolve("gallium-path.yaml");
        java.nio.file.Files.writeString(path, Scenario.bundledText(NAME));
        Path mine = tmp.resolve("gallium.yaml");
        java.nio.file.Files.writeString(mine, Scenario.bundledText("gallium").replaceFirst("reference_price: ([0-9.]+)", "reference_price: 999"));
        assertThat(java.nio.file.Files.readString(mine)).isNotEqualTo(Scenario.bundledText("gallium")).contains("reference_price: 999");
        // the regime the executors rebuild from the broadcast bytes is the command line's: the same made_from
        assertThat(SparkMonteCarlo.scenario(Scenario.bundledText(NAME), NAME + ".yaml", regime).madeFrom())
                .isEqualTo(Scenario.bundled(NAME, lodestone.regime.Regime.bundled()).madeFrom()).isNotEmpty();
        Scenario local = Scenario.load(path, regime.regime()); // what lodestone montecarlo FILE runs
        assertThat(local.madeFrom()).isNotEqualTo(Scenario.parse(Scenario.bundledText(NAME), "gallium-path.yaml", regime.regime()).madeFrom());
        java.io.StringWriter err = new java.io.StringWriter();
        int code = SparkMain.run(new String[]{"montecarlo", path.toString(), "--draws", "2"}, new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("lodestone spark: " + path + ": its baseline 'gallium' is read from " + mine + ", which the "
                + "sweep cannot send: its executors read the scenario's text alone, where 'gallium' is the bundled market of that name, "
                + "another market (the sweep would answer for it, not for this file as lodestone montecarlo does); write the market and "
                + "the scenario as one file (without baseline:), or give the baseline another name\n");
        // the bundled baseline itself beside the file is the same market: the check lets it through
        java.nio.file.Files.writeString(mine, Scenario.bundledText("gallium"));
        SparkMonteCarlo.sameScenarioAsTheFile(path, Scenario.bundledText(NAME), "gallium-path.yaml", regime);
    }

    /**
     * A scenario saved by Notepad as "Unicode" (UTF-16) or "ANSI" (Windows-1252) is refused in the command line's words before
     * Spark starts (the Windows review: it said "Input length = 1"); one with a UTF-8 byte-order mark is read.
     */
    @Test
    void aScenarioSavedOnWindowsIsReadOrRefusedInTheCommandLinesWords(@TempDir Path tmp) throws Exception {
        String text = Scenario.bundledText("gallium-2025-2035");
        Path utf16 = tmp.resolve("unicode.yaml");
        java.nio.file.Files.write(utf16, ("\uFEFF" + text).getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        java.io.StringWriter err = new java.io.StringWriter();
        int code = SparkMain.run(new String[]{"montecarlo", utf16.toString(), "--draws", "2"}, new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(utf16 + ": the file is UTF-16 (as Notepad's 'Unicode' or Excel's 'Unicode Text' saves it), not UTF-8")
                .doesNotContain("Input length");
        Path ansi = tmp.resolve("ansi.yaml");
        java.nio.file.Files.write(ansi, ("# Société Générale\n" + text).getBytes(java.nio.charset.Charset.forName("windows-1252")));
        java.io.StringWriter err2 = new java.io.StringWriter();
        code = SparkMain.run(new String[]{"montecarlo", ansi.toString(), "--draws", "2"}, new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err2, true));
        assertThat(code).isEqualTo(2);
        assertThat(err2.toString()).contains(ansi + ": ").contains("Windows-1252").doesNotContain("Input length");
    }

    @Test
    void theSweepEqualsTheLocalRunnerDrawForDraw(@TempDir Path tmp) throws Exception {
        String text = Scenario.bundledText(NAME);
        Scenario s = Scenario.parse(text, NAME + ".yaml", regime.regime());
        List<String> metrics = MarketPath.run(s).metrics().subList(0, 2);
        int draws = 12;
        long seed = 20261204L;
        SparkMonteCarlo.Summary a = SparkMonteCarlo.run(spark, text, NAME + ".yaml", regime, draws, seed, metrics, 3, tmp.resolve("draws").toString());
        SparkMonteCarlo.Summary b = SparkMonteCarlo.run(spark, text, NAME + ".yaml", regime, draws, seed, metrics, 1, null);
        MonteCarlo.Result local = MonteCarlo.run(s, draws, seed, metrics, List.of(), 1, MarketPath.Warm.COLD, null);

        assertThat(a.failures()).isEqualTo(local.failures()).isEqualTo(b.failures());
        assertThat(a.expectations()).isEqualTo(local.expectations());
        assertThat(a.unconverged()).isEqualTo(local.unconverged()).isEqualTo(b.unconverged());
        for (String m : metrics) {
            for (int year : a.stats().get(m).keySet()) {
                // any partitioning: the same draws, so the same order statistics; sums merged in another order differ by rounding
                for (String q : List.of("n", "p5", "p25", "p50", "p75", "p95")) {
                    assertThat(a.stat(m, year, q)).as("%s %d %s", m, year, q).isEqualTo(b.stat(m, year, q));
                }
                for (String q : List.of("mean", "sd")) {
                    double x = b.stat(m, year, q);
                    assertThat(a.stat(m, year, q)).as("%s %d %s", m, year, q).isCloseTo(x, within(1e-12 * Math.max(1, Math.abs(x))));
                }
                // the local runner's quantiles are the same order statistics (exact up to 2,048 draws): they were P² estimates
                for (String q : List.of("p5", "p25", "p50", "p75", "p95")) {
                    double x = local.stat(m, year, q);
                    assertThat(a.stat(m, year, q)).as("local %s %d %s", m, year, q).isCloseTo(x, within(1e-12 * Math.max(1, Math.abs(x))));
                }
                double mean = local.stat(m, year, "mean");
                assertThat(a.stat(m, year, "mean")).as("%s %d", m, year).isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean))));
                assertThat(a.stat(m, year, "n")).isEqualTo((double) (draws - local.failures()));
            }
        }
        // draw i is the path the local runner computes for draw i: every value written, checked against a local solve
        List<Row> rows = spark.read().option("header", "true").option("inferSchema", "true").csv(tmp.resolve("draws").toString()).collectAsList();
        assertThat(rows).isNotEmpty();
        for (long i : new long[]{0, 5, 11}) {
            PathResult p = MarketPath.run(s, MonteCarlo.draw(s, seed, i), MarketPath.Warm.COLD, null);
            if (!p.solved()) continue;
            for (Row r : rows) {
                if (((Number) r.getAs("draw")).longValue() != i) continue;
                double expect = p.value(r.getAs("metric"), ((Number) r.getAs("year")).intValue());
                assertThat(((Number) r.getAs("value")).doubleValue()).isEqualTo(expect);
            }
        }
    }

    @Test
    void drawsOutsideAParametersValuesAreLeftOutCountedAndSaidAsLocally() throws Exception {
        // demand growth drawn from a normal reaching above its bound (1): those draws are left out, as the local runner does
        String text = Scenario.bundledText(NAME).replace("{param: demand_growth, dist: normal, mean: 0.04, sd: 0.015, note: G5}",
                "{param: demand_growth, dist: normal, mean: 0.95, sd: 0.1, note: G5}");
        Scenario s = Scenario.parse(text, "tail.yaml", regime.regime());
        int draws = 16;
        long seed = 7;
        long outside = 0;
        for (int i = 0; i < draws; i++) if (MonteCarlo.draw(s, seed, i).get("demand_growth") > 1) outside++;
        assertThat(outside).as("the seed draws some above the bound and some below").isBetween(1L, draws - 1L);
        List<String> metrics = List.of(MarketPath.run(s).metrics().get(0));
        SparkMonteCarlo.Summary a = SparkMonteCarlo.run(spark, text, "tail.yaml", regime, draws, seed, metrics, 3, null);
        MonteCarlo.Result local = MonteCarlo.run(s, draws, seed, metrics, List.of(), 1, MarketPath.Warm.COLD, null);
        assertThat(a.leftOut()).isEqualTo(outside).isEqualTo(local.leftOut());
        assertThat(a.outOfRange()).containsExactly(Map.entry("demand_growth", outside));
        // the draws left out, and that fewer than 20 draws entered the statistics (as locally)
        assertThat(a.warnings()).isEqualTo(local.warnings()).hasSize(2);
        assertThat(a.warnings().get(1)).startsWith("only " + (16 - outside) + " draws entered the statistics: the P5 and P95");
        assertThat(a.warnings().get(0)).startsWith("demand_growth: " + outside + " of 16 draws");
        String m = metrics.get(0);
        for (int year : a.stats().get(m).keySet()) {
            assertThat(a.stat(m, year, "n")).isEqualTo((double) (draws - outside - a.failures()));
            double mean = local.stat(m, year, "mean");
            assertThat(a.stat(m, year, "mean")).isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean))));
        }
    }

    @Test
    void aSingleDrawSaysItsSpreadMeasuresNothingAsLocally() throws Exception {
        String text = Scenario.bundledText(NAME);
        Scenario s = Scenario.parse(text, NAME + ".yaml", regime.regime());
        List<String> metrics = List.of(MarketPath.run(s).metrics().get(0));
        SparkMonteCarlo.Summary one = SparkMonteCarlo.run(spark, text, NAME + ".yaml", regime, 1, 3, metrics, 1, null);
        MonteCarlo.Result local = MonteCarlo.run(s, 1, 3, metrics, List.of(), 1, MarketPath.Warm.COLD, null);
        assertThat(one.failures()).isZero();
        assertThat(one.warnings()).containsExactly(MonteCarlo.SINGLE_DRAW).isEqualTo(local.warnings());
    }

    @Test
    void badArgumentsStopBeforeAnyDraw() {
        String text = Scenario.bundledText(NAME);
        assertThatThrownBy(() -> SparkMonteCarlo.run(spark, text, NAME + ".yaml", regime, 10, 1, List.of("no-such-metric"), 2, null))
                .hasMessageContaining("--metric: unknown metric 'no-such-metric'");
        assertThatThrownBy(() -> SparkMonteCarlo.run(spark, Scenario.bundledText("ndpr"), "ndpr.yaml", regime, 10, 1, List.of(), 2, null))
                .hasMessageContaining("no horizon:");
        assertThatThrownBy(() -> SparkMonteCarlo.run(spark, text, NAME + ".yaml", regime, 0, 1, List.of(), 2, null))
                .hasMessageContaining("--draws: expected a number ≥ 1");
    }
}
