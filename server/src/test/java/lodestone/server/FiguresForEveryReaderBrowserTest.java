package lodestone.server;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.List;

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
}
