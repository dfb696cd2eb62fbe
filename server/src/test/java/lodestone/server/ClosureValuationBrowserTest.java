package lodestone.server;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project file with closure, working capital and mid-year discounting (examples/projects/flat-plant-closure.yaml) on the
 * Projects page: its terms are listed with their assumptions when it is read, its valuation says what it took from the
 * file and no longer names them as not modelled, and the plain flat plant's valuation says neither.
 */
class ClosureValuationBrowserTest extends BrowserPageTest {

    @Test
    void theFilesClosureWorkingCapitalAndDiscountingAreShownReadAndValued() {
        open(1366, 900);
        page.navigate(s.url() + "/#projects");
        Path dir = ExposureApiTest.repo().resolve("examples/projects");
        page.getByTestId("own-upload").setInputFiles(new Path[]{dir.resolve("flat-market.yaml"), dir.resolve("flat-plant.yaml"),
                dir.resolve("flat-plant-closure.yaml")});
        page.getByTestId("own-read").click();
        assertThat(page.getByTestId("own-terms")).hasText("flat-plant-closure: closure and rehabilitation 50 (A2) M USD in 2046; working capital: "
                + "receivables 36.5 (A3), inventory 73 (A3), payables 36.5 (A3) days; mid-year discounting");
        page.getByTestId("value-project").selectOption("flat-plant-closure");
        page.getByTestId("value-paths").fill("10");
        page.getByTestId("value-run").click();
        assertThat(page.getByTestId("value-result")).containsText("flat-plant-closure: no support. 10 paths × 21 years (2026–2046)");
        assertThat(page.getByTestId("value-from-file")).hasText("Valued from the project's file: closure and rehabilitation 50 M USD in 2046; "
                + "working capital of 36.5 days of receivables, 73 of inventory and 36.5 of payables; mid-year discounting.");
        assertThat(page.getByTestId("value-not-modelled")).hasText("Not modelled: value after the last year of production (no terminal value); "
                + "depreciation straight-line over 10 years.");
        // NPV (79.3622 − 10/1.1 − 40/1.1²¹) × 1.1^½ = 68.03 by hand
        assertThat(page.getByTestId("value-table")).containsText("NPV mean ± SE (M USD)68 ± 0");
        page.getByTestId("value-project").selectOption("flat-plant");
        page.getByTestId("value-run").click();
        assertThat(page.getByTestId("value-result")).containsText("flat-plant: no support. 10 paths × 20 years (2026–2045)");
        assertThat(page.getByTestId("value-from-file")).hasCount(0);
        assertThat(page.getByTestId("value-not-modelled")).containsText("Not modelled: working capital, closure and rehabilitation costs");
        assertThat(page.getByTestId("value-warning")).hasCount(0);
        assertThat(page.getByTestId("value-dscr")).hasText("DSCR: none (the project has no debt service).");
        assertThat(page.getByTestId("value-table")).containsText("debt capacity at DSCR 1.3, 10 years at 8 % (no debt stated) (mean CFADS; M USD)");
        assertThat(errors).isEmpty();
    }
}
