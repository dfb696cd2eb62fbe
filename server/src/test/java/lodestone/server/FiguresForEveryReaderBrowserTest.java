package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A policy analyst in Germany (browser language de-DE) reading the figures and charts for a briefing, at 1366 px and on a
 * 390 px phone: thousands grouped by a thin space that no language reads as a decimal point ("19,000 kg" was nineteen to
 * her), CSV downloads unchanged; a chart of more than 12 categories labels them all or says which; a bar chart of zeros
 * and a fan of identical draws say so instead of drawing a made-up scale or five lines on one.
 */
class FiguresForEveryReaderBrowserTest extends BrowserPageTest {
    /** U+202F, the narrow no-break space that groups thousands on every page (kit/format.js GROUP). */
    private static final String T = "\u202f";
    private static final String NBSP = "\u00a0";

    /** A page in German, signed in as the administrator. */
    private Page german(int width) {
        page = b.browser().newPage(new Browser.NewPageOptions().setViewportSize(width, 900).setLocale("de-DE"));
        Browsers.collectErrors(page, errors, true);
        page.navigate(s.url() + "/#token=" + s.admin);
        assertThat(page.getByTestId("who")).hasText("administrator");
        return page;
    }

    @Test
    void figuresAreGroupedByThinSpacesAndDownloadsKeepPlainNumbers() {
        german(1366);
        Object shown = page.evaluate("""
                async () => {
                  const f = await import('/kit/format.js'), p = await import('/paths.js'), pr = await import('/projects.js');
                  return [f.num(19000, 0), f.num(1234567.891, 2), f.fix(-1000.4, 1), f.usd(1234.5), f.usdChange(-1234.5), f.usdChange(0),
                    f.money(19000, {money: 'thousand USD'}), f.pct(123.456), f.num(999, 0), f.num(-0.0001, 2), f.num(1e21, 0),
                    f.usdPrice(12345.0098), f.num('987654321098765.43', 2), f.num(1.005, 2), f.num(Infinity, 0),
                    p.tickTexts([0, 5000, 10000]).map(t => t.text).join(' | '), pr.binLabels({lo: 0, hi: 4000, counts: [1, 1]}).join(' | ')];
                }""");
        assertThat(shown).isEqualTo(List.of("19" + T + "000", "1" + T + "234" + T + "567.89", "-1" + T + "000.4", "USD" + NBSP + "1" + T + "234.50",
                "−USD" + NBSP + "1" + T + "234.50", "USD" + NBSP + "0.00", "19" + T + "000" + NBSP + "thousand" + NBSP + "USD", "12" + T + "345.6 %",
                "999", "0", "1" + T + "000" + T + "000" + T + "000" + T + "000" + T + "000" + T + "000" + T + "000",
                "USD" + NBSP + "12" + T + "345.0098", "987" + T + "654" + T + "321" + T + "098" + T + "765.43", "1.01", "∞",
                "0 | 5" + T + "000 | 10" + T + "000", "1" + T + "000 | 3" + T + "000"));
        // a CSV keeps the number as the API gave it, for a spreadsheet or a program; a table still sets grouped figures right
        Object files = page.evaluate("""
                async () => {
                  const d = await import('/kit/download.js'), dom = await import('/dom.js');
                  return [d.csvText(['kg', 'USD'], [[19000, 1234.5]]), dom.figureColumns(2, [['19\\u202f000', 'USD\\u00a01\\u202f234.50']]).join()];
                }""");
        assertThat(files).isEqualTo(List.of("kg,USD\r\n19000,1234.5\r\n", "true,true"));
        // the Projects page's registry: Thacker Pass's 40,000 t a year read 40 t to a German
        page.navigate(s.url() + "/#projects");
        var row = page.getByTestId("projects-table").locator("tr", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("thacker-pass"));
        assertThat(row.locator("td").nth(7)).hasText("40" + T + "000");
        assertThat((String) row.locator("td").nth(7).textContent()).isEqualTo("40" + T + "000");
        assertThat((String) row.locator("td").nth(8).textContent()).isEqualTo("2" + T + "930");
        assertThat(errors).isEmpty();
    }

    /** A bar chart drawn by the kit in a box `width` px wide: the x axis's labels as ECharts shows them, the y axis's, the note under it. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> bars(int width, List<String> categories, List<Object> values) {
        return (Map<String, Object>) page.evaluate("""
                async ([width, categories, values]) => {
                  const k = await import('/kit/charts.js');
                  const host = document.createElement('div');
                  host.style.width = width + 'px';
                  const box = document.createElement('div');
                  box.style.height = '340px';
                  host.append(box);
                  document.querySelector('main').append(host);
                  const c = k.chart(box, 'test bars');
                  c.setOption({ tooltip: {}, xAxis: { type: 'category', data: categories }, yAxis: { type: 'value', name: 'kg' },
                    series: [{ name: 'held', type: 'bar', data: values }] });
                  const labels = axis => c.getModel().getComponent(axis, 0).axis.getViewLabels().map(l => l.formattedLabel);
                  const note = host.querySelector('[data-testid=chart-note]');
                  const out = { x: labels('xAxis'), y: labels('yAxis'), rotate: c.getOption().xAxis[0].axisLabel.rotate ?? 0,
                    note: !note || note.hidden ? null : note.textContent, inNote: note ? note.children.length : 0,
                    // every text drawn on the canvas that starts left of the chart or ends right of it
                    outside: c.getZr().storage.getDisplayList().filter(d => d.style && typeof d.style.text === 'string' && d.style.text.trim())
                      .filter(d => { const r = d.getBoundingRect().clone(); if (d.transform) r.applyTransform(d.transform);
                        return r.x < -1 || r.x + r.width > c.getWidth() + 1; }).map(d => d.style.text) };
                  k.disposeWithin(host);
                  out.noteLeft = host.querySelectorAll('[data-testid=chart-note]').length;
                  host.remove();
                  return out;
                }""", List.of(width, categories, values));
    }

    @Test
    void aChartOfMoreThanTwelveCategoriesLabelsEachOrSaysWhichAreLabelled() {
        german(1366);
        List<String> regions = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("region-%02d", i)).toList();
        List<Object> held = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> (Object) (i * 1000)).toList();
        // at 1366 px every one of the 20 is labelled, upright (ECharts showed every other one, and said nothing)
        Map<String, Object> wide = bars(1300, regions, held);
        assertThat(wide.get("x")).isEqualTo(regions);
        assertThat(wide.get("rotate")).isEqualTo(90);
        assertThat(wide.get("note")).isNull();
        assertThat(wide.get("y")).isEqualTo(List.of("0", "5" + T + "000", "10" + T + "000", "15" + T + "000", "20" + T + "000"));
        // on a phone every second, and the note under the chart says so
        Map<String, Object> phone = bars(350, regions, held);
        assertThat(phone.get("x")).isEqualTo(java.util.stream.IntStream.iterate(0, i -> i < 20, i -> i + 2).mapToObj(regions::get).toList());
        assertThat(phone.get("note")).isEqualTo("20 categories; at this width every 2nd is labelled (region-01, region-03, … region-19).");
        assertThat(phone.get("inNote")).isEqualTo(0); // text, not markup
        assertThat(phone.get("noteLeft")).isEqualTo(0); // the note goes with its chart
        // a name too long for the axis is cut there, and said to be
        List<String> long13 = java.util.stream.IntStream.rangeClosed(1, 13).mapToObj(i -> (i == 7 ? "a-region-with-a-name-far-too-long-for-an-axis-" : "r") + i).toList();
        assertThat(bars(1300, long13, held.subList(0, 13)).get("note")).isEqualTo("Long category names are cut short on the axis.");
        // 40 years (a price fan's axis) are figures in order: across, every 6th on a phone as on any scale, nothing to say
        List<String> years = java.util.stream.IntStream.range(2026, 2066).mapToObj(String::valueOf).toList();
        List<Object> prices = java.util.Collections.nCopies(40, (Object) 100);
        Map<String, Object> fan = bars(350, years, prices);
        assertThat(fan.get("x")).isEqualTo(List.of("2026", "2032", "2038", "2044", "2050", "2056", "2062"));
        assertThat(fan.get("rotate")).isEqualTo(0);
        assertThat(fan.get("note")).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void aBarChartOfZerosSaysThereIsNothingToDrawRatherThanAScaleFromZeroToOne() {
        german(390);
        Map<String, Object> zeros = bars(350, List.of("US", "EU", "JP"), List.of(0, 0, 0));
        // ECharts drew 0, 0.2, 0.4 … 1 kg: figures no one gave
        assertThat(((List<?>) zeros.get("y")).stream().filter(l -> !"".equals(l)).toList()).isEqualTo(List.of("0"));
        assertThat(zeros.get("note")).isEqualTo("Every value is 0: there are no bars to draw.");
        // the Scenarios page's levy and subsidy chart of a scenario without either, on a phone: its slanted first label was
        // cut at the left edge ("evy revenue"), the axis's one label "0" leaving it no room
        Map<String, Object> fiscal = bars(330, List.of("levy revenue", "subsidy cost", "tariff revenue", "quota rents", "export tax"), List.of(0, 0, 0, 0, 0));
        assertThat(fiscal.get("outside")).isEqualTo(List.of());
        assertThat(fiscal.get("note")).isEqualTo("Every value is 0: there are no bars to draw.");
        Map<String, Object> none = bars(350, List.of("US", "EU"), java.util.Arrays.asList(null, null));
        assertThat(none.get("note")).isEqualTo("There are no figures to draw.");
        // one category, a huge figure and a negative one: a true axis, grouped, and no note
        Map<String, Object> one = bars(350, List.of("US"), List.of(1.5e12));
        assertThat(one.get("note")).isNull();
        assertThat(((List<?>) one.get("y")).get(((List<?>) one.get("y")).size() - 1)).isEqualTo("1" + T + "500" + T + "000" + T + "000" + T + "000");
        Map<String, Object> negative = bars(350, List.of("levy", "subsidy"), List.of(-2500, 1000));
        assertThat(negative.get("y")).isEqualTo(List.of("-3" + T + "000", "-2" + T + "000", "-1" + T + "000", "0", "1" + T + "000"));
        assertThat(errors).isEmpty();
    }

    @Test
    void aFanOfIdenticalDrawsSaysItsLinesAreOneAndAFlatLineHasItsOneTrueLabel() {
        german(390);
        Object fan = page.evaluate("""
                async () => {
                  const p = await import('/paths.js');
                  const at = v => ({p5: v, p25: v, p50: v, p75: v, p95: v});
                  const parts = r => { const [box] = p.fanParts(r, 'price[US]'); document.querySelector('main').append(box);
                    const flat = box.querySelector('[data-testid=fan-flat]');
                    const out = (flat ? flat.textContent : 'no note') + ' | ' + [...box.querySelectorAll('text.chart-y')].map(t => t.textContent).join(' ');
                    box.remove(); return out; };
                  return [parts({draws: 500, failures: 0, units: {price: 'USD/kg'}, metrics: {'price[US]': {2026: at(0), 2027: at(0)}}}),
                    parts({draws: 500, failures: 0, units: {price: 'USD/kg'}, metrics: {'price[US]': {2026: at(-2500), 2027: at(-2500)}}}),
                    parts({draws: 500, failures: 0, units: {price: 'USD/kg'}, metrics: {'price[US]': {2026: {p5: 1, p25: 2, p50: 3, p75: 4, p95: 5}}}})];
                }""");
        assertThat(fan).isEqualTo(List.of(
                "Every draw gave the same price[US] in each year: P5, P25, the median, P75 and P95 are one line, the bands have no width. | 0",
                "Every draw gave the same price[US] in each year: P5, P25, the median, P75 and P95 are one line, the bands have no width. | -2" + T + "500",
                "no note | 0.000 2.500 5.000"));
        assertThat(errors).isEmpty();
    }
}
