package lodestone.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-year run's notes and warnings are on the Scenarios page as simulate prints them (`note:`, `warning:` lines) and the
 * API answers them (`notes`, `warnings`): the page showed neither, so a floor of 50 USD/kg on NdPr, below every member's
 * price, read as a policy that did something.
 */
class ScenarioNotesBrowserTest extends BrowserPageTest {
    @AfterEach
    void noConsoleErrors() {
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    @Test
    void aRunsNoteIsOnThePage() {
        open(1366, 900);
        page.navigate(s.url() + "/#scenarios");
        page.getByTestId("scenario-pick").selectOption("ndpr-floor-110");
        assertThat(page.locator("#sc-form[data-scenario='ndpr-floor-110']")).isVisible();
        assertThat(page.getByTestId("param-floor")).hasValue("110");
        page.getByTestId("param-floor").fill("50");
        page.getByTestId("run-scenario").click();
        assertThat(page.getByTestId("scenario-result")).containsText("price floor 50");
        assertThat(page.getByTestId("run-note")).containsText("note: price floor 50 for US+JP+EU27+MX: the floor 50.00 is below every member's price");
        assertThat(page.getByTestId("run-note")).containsText("it does not bind");
    }
}
