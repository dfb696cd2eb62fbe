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
                List.of("-1,000.4", "-1,000.3", "-1,000.2"), // read "-1,000" three times
                List.of("0.0", "30.0", "60.0"),              // as before: one decimal for tens
                List.of("0", "500,000,000,000,000,000,000", "1,000,000,000,000,000,000,000"))); // never "1e+21"
        // the Projects page's numbers: a bin centred at −0.3 is "0" at no decimals, not "-0" (as toLocaleString writes it)
        Object bins = page.evaluate("async () => (await import('/projects.js')).binLabels({lo: -0.8, hi: 1.2, counts: [0, 0]})");
        assertThat(bins).isEqualTo(List.of("0", "1"));
        assertThat(errors).isEmpty();
    }
}
