package lodestone.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /api/stockpiles/{name}/events answers in pages of at most 1000 events: the Stockpiles page reads every page, so a
 * ledger of more events is shown whole, not cut at the first page without a word.
 */
class StockpileEventsPagesBrowserTest extends BrowserPageTest {

    @Test
    void aLedgerOfMoreThanOnePageIsShownWhole() {
        TestServer.Response funded = s.post("/api/stockpiles/long-reserve/events", s.admin, Map.of("events",
                List.of(Map.of("date", "2026-01-15", "type", "funding", "source", "government", "amount", 500000000))));
        assertThat(funded.status()).as(funded.body()).isEqualTo(201);
        for (int batch = 0; batch < 3; batch++) { // the test server takes JSON bodies of at most 64 KiB: 1001 acquisitions in three
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < (batch < 2 ? 400 : 201); i++) {
                events.add(Map.of("date", "2026-02-01", "type", "acquisition", "mineral", "gallium", "quantity", 1, "price", 900));
            }
            TestServer.Response made = s.post("/api/stockpiles/long-reserve/events", s.admin, Map.of("events", events));
            assertThat(made.status()).as(made.body()).isEqualTo(201);
        }
        assertThat(s.get("/api/stockpiles/long-reserve/events", s.admin).headers()).containsKey("next-cursor");
        open(1366, 900);
        page.navigate(s.url() + "/#stockpiles/long-reserve");
        page.getByTestId("events").locator("summary").click();
        assertThat(page.getByTestId("events-table").locator("tbody tr")).hasCount(1002);
        assertThat(page.getByTestId("events-table").locator("tbody tr").last().locator("td").first()).hasText("1002");
        // on a phone the ledger of 1,002 events scrolls inside its card, not the page
        page.setViewportSize(390, 844);
        assertThat(page.getByTestId("events-table")).isVisible();
        assertNoOverflow(390, "#stockpiles/long-reserve with its events open");
        assertThat(errors).isEmpty();
    }
}
