package lodestone.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charts fed degenerate figures the API gives (a price deck held flat, one path, values that round alike, values
 * near zero or below it): every axis label distinct and true, no "-0", no "NaN", no console error.
 */
class ChartEdgeCasesBrowserTest extends BrowserPageTest {

    /** An axis's labels as ECharts draws them (the ones it shows, after leaving out those that would overlap). */
    @SuppressWarnings("unchecked")
    private List<Object> labels(String testid, String axis) {
        return (List<Object>) page.evaluate("([id, axis]) => echarts.getInstanceByDom(document.querySelector(`[data-testid=${id}]`))"
                + ".getModel().getComponent(axis, 0).axis.getViewLabels().map(l => l.formattedLabel)", List.of(testid, axis));
    }

    @Test
    void aFlatPriceDeckWithOnePathHasDistinctNpvBinsAndWholePathCounts() {
        open(1366, 900);
        page.navigate(s.url() + "/#projects");
        Path dir = ExposureApiTest.repo().resolve("examples/projects");
        page.getByTestId("own-upload").setInputFiles(new Path[]{dir.resolve("flat-market.yaml"), dir.resolve("flat-plant.yaml")});
        page.getByTestId("own-read").click();
        assertThat(page.getByTestId("value-project")).hasValue("flat-plant");
        page.getByTestId("value-paths").fill("1");
        page.getByTestId("value-run").click();
        assertThat(page.getByTestId("npv-histogram").locator("canvas").first()).isVisible();
        assertThat(page.getByTestId("value-result")).containsText("flat-plant: no support. 1 path × 20 years (2026–2045)"); // "1 paths"
        assertThat(page.getByTestId("value-result").locator("h3").first()).hasText("NPV distribution (M USD; 1 path)");
        // every path at NPV 79.36: the server's bins run 78.36 to 80.36, 0.05 wide; at no decimals their labels read 78, 78, 79, 79…
        @SuppressWarnings("unchecked") List<Object> bins = (List<Object>) page.evaluate("() => echarts.getInstanceByDom(document.querySelector('[data-testid=npv-histogram]'))"
                + ".getOption().xAxis[0].data");
        assertThat(bins).hasSize(40).doesNotHaveDuplicates();
        assertThat(bins.subList(0, 3)).containsExactly("78.39", "78.44", "78.49");
        assertThat(bins.get(39)).isEqualTo("80.34");
        List<Object> shown = labels("npv-histogram", "xAxis");
        assertThat(shown).doesNotHaveDuplicates();
        // one path: the count axis reads 0 and 1 (it read 0, 0.2, 0.4, 0.6, 0.8, 1 paths)
        assertThat(labels("npv-histogram", "yAxis")).containsExactly("0", "1");
        // the price fan of one path of a flat deck: its five lines are one, and the note under it says so (it drew them on
        // one another, a legend of five over one line)
        assertThat(page.getByTestId("value-result").locator("[data-testid=chart-note]:not([hidden])")).hasText("market P10, market P50, "
                + "market P90, received P10 (with support) and received P50 (with support) are equal throughout: their lines lie on one another.");
        assertThat(errors).isEmpty();
    }

    @Test
    void pathChartAxisLabelsStayDistinctForTinyAndNarrowNegativeRanges() {
        open(1366, 900);
        Object texts = page.evaluate("async () => { const p = await import('/paths.js');"
                + " return [[0, 0.0001, 0.0002], [-1000.4, -1000.3, -1000.2], [0, 30, 60], [0, 5e20, 1e21]]"
                + ".map(v => p.tickTexts(v).map(t => t.text)); }");
        assertThat(texts).isEqualTo(List.of(
                List.of("0.0000", "0.0001", "0.0002"),      // read "0.000" three times
                List.of("-1\u202f000.4", "-1\u202f000.3", "-1\u202f000.2"), // read "-1\u202f000" three times
                List.of("0.0", "30.0", "60.0"),              // as before: one decimal for tens
                List.of("0", "500\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000", "1\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000"))); // never "1e+21"
        // the Projects page's numbers: a bin centred at −0.3 is "0" at no decimals, not "-0" (as toLocaleString writes it)
        Object bins = page.evaluate("async () => (await import('/projects.js')).binLabels({lo: -0.8, hi: 1.2, counts: [0, 0]})");
        assertThat(bins).isEqualTo(List.of("0", "1"));
        assertThat(errors).isEmpty();
    }

    @Test
    void aTornadoBarOffTheBaseOnlyInTheSolversLastDigitsSaysNoEffectAndNoNumberReadsMinusZero() {
        open(1366, 900);
        // the bars of a fiscal_cost tornado of ndpr-2025-2040 (2040) as the server gave them: the delay's P95 is 2e-10 off the base
        Object rows = page.evaluate("""
                async () => {
                  const p = await import('/paths.js');
                  const r = {metric: 'fiscal_cost', year: 2040, base: -307297.9818921303, units: {money: 'thousand USD'}, bars: [
                    {param: 'demand_growth', low: 0.0371, high: 0.1029, metric_low: -959797.1169919698, metric_high: -0.0001},
                    {param: 'project.White-Mesa-Phase-2.delay', low: 0, high: 3, metric_low: -307297.9818921303, metric_high: -307297.9818921305},
                    {param: 'project.Nolans.capex', low: 0.98, high: 1.47, metric_low: -307297.9818921303, metric_high: -307297.9818921303},
                    {param: 'left-out', low: 0, high: 1, metric_low: null, metric_high: -307297.9818921303}]};
                  const box = document.createElement('div');
                  box.append(...p.tornadoParts(r));
                  document.body.append(box);
                  return [...box.querySelectorAll('.tornado-row')].map(row => row.querySelector('[data-testid=tornado-values]').textContent
                    + ' | ' + (row.querySelector('.tornado-none') ? row.querySelector('.tornado-none').textContent : ''));
                }""");
        assertThat(rows).isEqualTo(List.of(
                "fiscal_cost -959\u202f797 at P5, 0.000 at P95 | ",            // -0.0001 read "-0.000"
                "fiscal_cost -307\u202f298 at P5, -307\u202f298 at P95 | no effect on fiscal_cost in 2040", // said nothing
                "fiscal_cost -307\u202f298 at P5, -307\u202f298 at P95 | no effect on fiscal_cost in 2040",
                "fiscal_cost — at P5, -307\u202f298 at P95 | "));               // a figure left out: a dash, not 0.000 (nor a TypeError)
        // a fan of one draw: its title says "1 draw" ("1 draws"), its y labels distinct
        Object fan = page.evaluate("""
                async () => {
                  const p = await import('/paths.js');
                  const at = v => ({p5: v, p25: v, p50: v, p75: v, p95: v});
                  const [box] = p.fanParts({draws: 1, failures: 0, units: {money: 'thousand USD'},
                    metrics: {fiscal_cost: {2025: at(-1000.4), 2026: at(-1000.2)}}}, 'fiscal_cost');
                  return box.querySelector('.chart-title').textContent + ' | '
                    + [...box.querySelectorAll('text.chart-y')].map(t => t.textContent).join(' ');
                }""");
        assertThat(fan).isEqualTo("fiscal_cost (thousand USD): P5–P95, P25–P75 and median of 1 draw (0 without an equilibrium)"
                + " | -1\u202f000.4 -1\u202f000.3 -1\u202f000.2");
        assertThat(errors).isEmpty();
    }
}
